//! A paragraph laid out with our line breaks (`line_breaks`): set on one
//! line to measure every char, broken, and set again with a newline at
//! each break. The hyphen is drawn into the row's mesh, never put in the
//! text: a row ending at one of our breaks is made a wrapped row
//! (`ends_with_newline` false), so the galley's chars are the block's
//! chars, one for one, as everywhere else. Justified lines get their slack
//! as the leading space of the words after their spaces. Galleys are kept
//! for the frames that show them.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use eframe::egui::text::{ByteIndex, LayoutJob, LayoutSection};
use eframe::egui::{Galley, Id, Rect, vec2};
use eframe::epaint::FontsView;

use super::line_breaks::{
    Break, CharBox, MIN_SLACK_EM, Measure, line_breaks, stretches, syllable_starts,
};

/// The hyphenated galleys of the last two frames, by what they were laid
/// out from: a paragraph on screen is broken once, not every frame (egui
/// keeps its own galleys the same way).
#[derive(Clone, Default)]
struct HyphenatedGalleys {
    frame: u64,
    /// A galley egui laid out and keeps in its own cache: egui empties that
    /// cache whenever the galleys in it would point into a font atlas that
    /// is gone (its fonts set again — at launch, a face chosen —, its atlas
    /// cleared when full, its options changed), and lays this one out anew.
    /// When egui's is not the one kept, neither are ours.
    sentinel: Option<Arc<Galley>>,
    current: HashMap<u64, Arc<Galley>>,
    previous: HashMap<u64, Arc<Galley>>,
}

/// egui's sentinel galley, at the first paragraph of a frame: fonts and
/// atlas change only between frames.
fn sentinel_once_a_frame(ctx: &eframe::egui::Context, frame: u64) -> Option<Arc<Galley>> {
    let first_this_frame = ctx.data(|data| {
        data.get_temp::<HyphenatedGalleys>(Id::NULL)
            .is_none_or(|kept| kept.frame != frame)
    });
    first_this_frame.then(|| {
        ctx.fonts_mut(|fonts| {
            fonts.layout_job(LayoutJob::single_section("M".into(), Default::default()))
        })
    })
}

/// [`layout_hyphenated`], kept for the frames that show it.
pub(super) fn hyphenated_galley(
    ctx: &eframe::egui::Context,
    job: LayoutJob,
    lang: hypher::Lang,
    fonts_generation: u64,
) -> Arc<Galley> {
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        (&job, lang, fonts_generation).hash(&mut hasher);
        ctx.pixels_per_point().to_bits().hash(&mut hasher);
        hasher.finish()
    };
    let frame = ctx.cumulative_frame_nr();
    let sentinel = sentinel_once_a_frame(ctx, frame);
    let kept = ctx.data_mut(|data| {
        let kept = data.get_temp_mut_or_default::<HyphenatedGalleys>(Id::NULL);
        if let Some(sentinel) = sentinel {
            let same_atlas = kept
                .sentinel
                .as_ref()
                .is_some_and(|kept| Arc::ptr_eq(kept, &sentinel));
            if !same_atlas {
                *kept = HyphenatedGalleys::default();
            }
            kept.sentinel = Some(sentinel);
        }
        if kept.frame != frame {
            kept.previous = std::mem::take(&mut kept.current);
            kept.frame = frame;
        }
        let galley = kept
            .current
            .get(&key)
            .or_else(|| kept.previous.get(&key))
            .cloned();
        if let Some(galley) = &galley {
            kept.current.insert(key, galley.clone());
        }
        galley
    });
    if let Some(galley) = kept {
        return galley;
    }
    let galley = ctx.fonts_mut(|fonts| layout_hyphenated(fonts, job, lang));
    ctx.data_mut(|data| {
        let kept = data.get_temp_mut_or_default::<HyphenatedGalleys>(Id::NULL);
        kept.current.insert(key, galley.clone());
    });
    galley
}

/// Lays out `job` (a paragraph's sections, wrapped at `job.wrap.max_width`,
/// justified when `job.justify`) with hyphenation in `lang`; a loose line
/// is measured in the ems of its first section's face.
pub(super) fn layout_hyphenated(
    fonts: &mut FontsView<'_>,
    job: LayoutJob,
    lang: hypher::Lang,
) -> Arc<Galley> {
    let width = job.wrap.max_width;
    let (Some(first), true) = (job.sections.first(), width.is_finite()) else {
        return fonts.layout_job(job);
    };
    let hyphen = fonts.layout_job(LayoutJob::single_section("-".into(), first.format.clone()));
    let measure = Measure {
        width,
        hyphen_width: hyphen.size().x,
        min_slack: first.format.font_id.size * MIN_SLACK_EM,
    };
    let mut one_line = job.clone();
    one_line.wrap.max_width = f32::INFINITY;
    one_line.justify = false;
    let boxes = char_boxes(&fonts.layout_job(one_line));
    let breaks = line_breaks(&boxes, measure, |word| syllable_starts(word, lang));
    if breaks.is_empty() {
        return fonts.layout_job(job);
    }
    let stretches = if job.justify {
        stretches(&boxes, &breaks, measure)
    } else {
        Vec::new()
    };
    let broken = job_with_breaks(&job, &breaks, &stretches);
    let galley = fonts.layout_job(broken);
    let mut hyphens = |row_format: &eframe::egui::TextFormat| {
        fonts.layout_job(LayoutJob::single_section("-".into(), row_format.clone()))
    };
    Arc::new(rows_at_breaks(&galley, &breaks, width, &mut hyphens))
}

/// Every char of a galley set without wrapping (a hard line break is a
/// `'\n'` box).
fn char_boxes(galley: &Galley) -> Vec<CharBox> {
    let mut boxes = Vec::new();
    for row in &galley.rows {
        for glyph in &row.row.glyphs {
            let left = row.pos.x + glyph.pos.x;
            boxes.push(CharBox {
                chr: glyph.chr,
                left,
                right: left + glyph.advance_width,
            });
        }
        if row.ends_with_newline {
            boxes.push(CharBox {
                chr: '\n',
                left: 0.0,
                right: 0.0,
            });
        }
    }
    boxes
}

/// `job` with a newline before each break and each stretch's space before
/// its word (the job's sections cut where either falls).
fn job_with_breaks(job: &LayoutJob, breaks: &[Break], stretches: &[(usize, f32)]) -> LayoutJob {
    let text = &job.text;
    let byte_of_char: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    // (char, newline before it, space before it), in order.
    let mut cuts: Vec<(usize, bool, f32)> = breaks.iter().map(|b| (b.at_char, true, 0.0)).collect();
    cuts.extend(stretches.iter().map(|&(at, space)| (at, false, space)));
    cuts.sort_by_key(|cut| cut.0);
    let mut broken = LayoutJob {
        sections: Vec::with_capacity(job.sections.len() + cuts.len()),
        text: String::with_capacity(text.len() + breaks.len()),
        wrap: Default::default(),
        justify: false,
        ..job.clone()
    };
    broken.wrap.max_width = f32::INFINITY;
    let mut cuts = cuts.into_iter().peekable();
    for section in &job.sections {
        let (start, end) = (section.byte_range.start.0, section.byte_range.end.0);
        let mut piece_start = byte_of_char.partition_point(|&b| b < start);
        let section_end = byte_of_char.partition_point(|&b| b < end);
        let mut leading_space = section.leading_space;
        let mut newline = false;
        while piece_start < section_end {
            while let Some(&(at, line, space)) = cuts.peek().filter(|cut| cut.0 <= piece_start) {
                if at == piece_start {
                    newline |= line;
                    leading_space += space;
                }
                cuts.next();
            }
            let piece_end = cuts
                .peek()
                .map_or(section_end, |cut| cut.0.clamp(piece_start + 1, section_end));
            let from = broken.text.len();
            if newline {
                broken.text.push('\n');
            }
            broken
                .text
                .push_str(&text[byte_of_char[piece_start]..byte_of_char[piece_end]]);
            broken.sections.push(LayoutSection {
                leading_space,
                byte_range: ByteIndex(from)..ByteIndex(broken.text.len()),
                format: section.format.clone(),
            });
            (piece_start, leading_space, newline) = (piece_end, 0.0, false);
        }
    }
    broken
}

/// The galley of the broken job with the rows ending at our breaks made
/// wrapped rows (their newline is not the block's), a hyphen drawn at the
/// end of each hyphenated one, and no wider than `width`.
fn rows_at_breaks(
    galley: &Galley,
    breaks: &[Break],
    width: f32,
    hyphen_in: &mut impl FnMut(&eframe::egui::TextFormat) -> Arc<Galley>,
) -> Galley {
    let mut galley = galley.clone();
    let mut newlines = our_newlines(&galley.job.text, breaks).into_iter();
    let job = galley.job.clone();
    let byte_of_char: Vec<usize> = job.text.char_indices().map(|(i, _)| i).collect();
    let mut row_end_char = 0;
    let mut added = Vec::new();
    for placed in &mut galley.rows {
        row_end_char += placed.char_count_including_newline().0;
        if !placed.ends_with_newline {
            continue;
        }
        let Some(Some(hyphen)) = newlines.next() else {
            continue;
        };
        placed.ends_with_newline = false;
        if !hyphen || placed.row.glyphs.is_empty() {
            continue;
        }
        // The row's last glyph is the char before its newline.
        let Some(&last_byte) = byte_of_char.get(row_end_char - 2) else {
            continue;
        };
        let format = job
            .sections
            .iter()
            .find(|s| s.byte_range.start.0 <= last_byte && last_byte < s.byte_range.end.0)
            .map(|section| &section.format);
        if let Some(drawn) = format.and_then(|f| draw_hyphen(placed, &hyphen_in(f))) {
            added.push(drawn);
        }
    }
    for (vertices, indices, bounds) in added {
        galley.num_vertices += vertices;
        galley.num_indices += indices;
        galley.mesh_bounds = galley.mesh_bounds.union(bounds);
    }
    if galley.rect.width() > width {
        galley.rect = Rect::from_min_size(galley.rect.min, vec2(width, galley.rect.height()));
    }
    galley
}

/// For each newline of the broken text, in order: `Some(hyphen)` for one
/// of our breaks, `None` for the block's own.
fn our_newlines(text: &str, breaks: &[Break]) -> Vec<Option<bool>> {
    let mut ours = breaks.iter().peekable();
    let mut char_in_block = 0;
    let mut newlines = Vec::new();
    for chr in text.chars() {
        if chr != '\n' {
            char_in_block += 1;
        } else if ours.peek().is_some_and(|b| b.at_char == char_in_block) {
            newlines.push(ours.next().map(|b| b.hyphen));
        } else {
            newlines.push(None);
            char_in_block += 1;
        }
    }
    newlines
}

/// Draws `hyphen` (a galley of one "-") after the last glyph of `placed`,
/// on its baseline: the vertices and indices added and their bounds in
/// the galley.
fn draw_hyphen(
    placed: &mut eframe::egui::epaint::text::PlacedRow,
    hyphen: &Galley,
) -> Option<(usize, usize, Rect)> {
    let last = placed.row.glyphs.last()?;
    let hyphen_row = hyphen.rows.first()?;
    let hyphen_glyph = hyphen_row.row.glyphs.first()?;
    let offset = vec2(
        last.max_x() - hyphen_glyph.pos.x,
        last.pos.y - hyphen_glyph.pos.y,
    );
    let mut mesh = hyphen_row.row.visuals.mesh.clone();
    mesh.translate(offset);
    let bounds = hyphen_row.row.visuals.mesh_bounds.translate(offset);
    let added = (
        mesh.vertices.len(),
        mesh.indices.len(),
        bounds.translate(placed.pos.to_vec2()),
    );
    let row = Arc::make_mut(&mut placed.row);
    row.visuals.mesh_bounds = row.visuals.mesh_bounds.union(bounds);
    row.visuals.mesh.append(mesh);
    Some(added)
}

#[cfg(test)]
#[path = "hyphenated_tests.rs"]
mod tests;
