//! Lines broken by us, hyphenated: egui breaks lines only between words,
//! so a paragraph in a language with hyphenation patterns is first set on
//! one line (to measure every char), broken greedily — a word that would
//! leave the line loose is hyphenated at a Knuth–Liang break (typst's
//! `hypher`) — and set again with a newline at each break. The hyphen is
//! drawn into the row's mesh, never put in the text: a row ending at one
//! of our breaks is a wrapped row (`ends_with_newline` false), so the
//! galley's chars are the block's chars, one for one, as everywhere else.
//! Justified lines get their slack spread over their spaces as the
//! leading space of the word after each.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use eframe::egui::text::{ByteIndex, LayoutJob, LayoutSection};
use eframe::egui::{Galley, Id, Rect, vec2};
use eframe::epaint::FontsView;

/// The most lines in a row that end in a hyphen (a ladder of hyphens is
/// harder to read than a loose line).
const MAX_HYPHENS_IN_A_ROW: usize = 2;

/// A word is hyphenated only when breaking before it would leave more
/// than this much of the line empty, in ems.
const MIN_SLACK_EM: f32 = 1.0;

/// Where a paragraph's language has hyphenation patterns: its language.
pub(super) fn hyphenation_language(code: Option<&str>) -> Option<hypher::Lang> {
    let code = match code? {
        "nb" | "nn" => "no",
        code => code,
    };
    let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
    hypher::Lang::from_iso(bytes)
}

/// A char of the paragraph set on one line: where it starts and ends.
#[derive(Clone, Copy, Debug)]
struct CharBox {
    chr: char,
    left: f32,
    right: f32,
}

/// A line break we chose: the char the next line starts at, and whether
/// the line before it ends in a hyphen.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Break {
    at_char: usize,
    hyphen: bool,
}

/// How wide lines are and what a hyphen and a loose line measure.
#[derive(Clone, Copy, Debug)]
struct Measure {
    width: f32,
    hyphen_width: f32,
    min_slack: f32,
}

/// The hyphenated galleys of the last two frames, by what they were laid
/// out from: a paragraph on screen is broken once, not every frame (egui
/// keeps its own galleys the same way).
#[derive(Clone, Default)]
struct HyphenatedGalleys {
    frame: u64,
    /// How full egui's font atlas was: it empties only when egui clears
    /// it, and the galleys kept then point into the old one.
    atlas_fill: f32,
    current: HashMap<u64, Arc<Galley>>,
    previous: HashMap<u64, Arc<Galley>>,
}

/// [`layout_hyphenated`], kept for the frames that show it.
pub(super) fn hyphenated_galley(
    ctx: &eframe::egui::Context,
    job: LayoutJob,
    lang: hypher::Lang,
    font_size: f32,
    fonts_generation: u64,
) -> Arc<Galley> {
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        (&job, lang, font_size.to_bits(), fonts_generation).hash(&mut hasher);
        ctx.pixels_per_point().to_bits().hash(&mut hasher);
        hasher.finish()
    };
    let frame = ctx.cumulative_frame_nr();
    let atlas_fill = ctx.fonts(|fonts| fonts.font_atlas_fill_ratio());
    let kept = ctx.data_mut(|data| {
        let kept = data.get_temp_mut_or_default::<HyphenatedGalleys>(Id::NULL);
        if atlas_fill < kept.atlas_fill {
            *kept = HyphenatedGalleys::default();
        }
        kept.atlas_fill = atlas_fill;
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
    let galley = ctx.fonts_mut(|fonts| layout_hyphenated(fonts, job, lang, font_size));
    ctx.data_mut(|data| {
        let kept = data.get_temp_mut_or_default::<HyphenatedGalleys>(Id::NULL);
        kept.current.insert(key, galley.clone());
    });
    galley
}

/// Lays out `job` (a paragraph's sections, wrapped at `job.wrap.max_width`,
/// justified when `job.justify`) with hyphenation in `lang`.
pub(super) fn layout_hyphenated(
    fonts: &mut FontsView<'_>,
    job: LayoutJob,
    lang: hypher::Lang,
    font_size: f32,
) -> Arc<Galley> {
    let width = job.wrap.max_width;
    let (Some(first), true) = (job.sections.first(), width.is_finite()) else {
        return fonts.layout_job(job);
    };
    let hyphen = fonts.layout_job(LayoutJob::single_section("-".into(), first.format.clone()));
    let measure = Measure {
        width,
        hyphen_width: hyphen.size().x,
        min_slack: font_size * MIN_SLACK_EM,
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

/// Where a word may be hyphenated: the char offsets (within the word) its
/// syllables after the first start at.
fn syllable_starts(word: &str, lang: hypher::Lang) -> Vec<usize> {
    let mut at = 0;
    let mut starts = Vec::new();
    for syllable in hypher::hyphenate(word, lang) {
        if at > 0 {
            starts.push(at);
        }
        at += syllable.chars().count();
    }
    starts
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

fn is_break_space(chr: char) -> bool {
    chr.is_whitespace() && chr != '\u{A0}' && chr != '\n'
}

/// Where the ink of the line from `start` to `end` ends (its trailing
/// spaces hang).
fn ink_right(boxes: &[CharBox], start: usize, end: usize) -> f32 {
    boxes[start..end]
        .iter()
        .rev()
        .find(|b| !b.chr.is_whitespace())
        .map_or(boxes[start].left, |b| b.right)
}

/// The line being filled: where it starts, where it could end so far.
#[derive(Clone, Copy, Default)]
struct Line {
    start: usize,
    after_space: Option<usize>,
    after_dash: Option<usize>,
    hyphens_before: usize,
}

/// Greedy line breaking: each line as full as it can be, a word that does
/// not fit hyphenated where that fills the line better.
fn line_breaks(
    boxes: &[CharBox],
    measure: Measure,
    syllables: impl Fn(&str) -> Vec<usize>,
) -> Vec<Break> {
    let mut breaks: Vec<Break> = Vec::new();
    let mut line = Line::default();
    let mut i = 0;
    while i < boxes.len() {
        let chr = boxes[i].chr;
        if chr == '\n' {
            line = Line {
                start: i + 1,
                ..Line::default()
            };
        } else if is_break_space(chr) {
            line.after_space = Some(i + 1);
        } else if boxes[i].right - boxes[line.start].left <= measure.width {
            if matches!(chr, '-' | '–' | '—' | '/') {
                line.after_dash = Some(i + 1);
            }
        } else {
            let chosen = break_before(boxes, &line, i, measure, &syllables);
            breaks.push(chosen);
            line = Line {
                start: chosen.at_char,
                hyphens_before: if chosen.hyphen {
                    line.hyphens_before + 1
                } else {
                    0
                },
                ..Line::default()
            };
            i = line.start;
            continue;
        }
        i += 1;
    }
    breaks
}

/// Where `line` ends when the char `overflow` does not fit on it.
fn break_before(
    boxes: &[CharBox],
    line: &Line,
    overflow: usize,
    measure: Measure,
    syllables: &impl Fn(&str) -> Vec<usize>,
) -> Break {
    let start = line.start;
    let word_start = line.after_space.unwrap_or(start);
    let word_end = (overflow..boxes.len())
        .find(|&k| boxes[k].chr.is_whitespace())
        .unwrap_or(boxes.len());
    let hyphen_at = (line.hyphens_before < MAX_HYPHENS_IN_A_ROW)
        .then(|| hyphen_break(boxes, start, word_start..word_end, measure, syllables))
        .flatten();
    let loose = |at: usize| {
        measure.width - (ink_right(boxes, start, at) - boxes[start].left) > measure.min_slack
    };
    let (at_char, hyphen) = match (hyphen_at, line.after_space) {
        (Some(at), Some(space)) if loose(space) => (at, true),
        (_, Some(space)) => (space, false),
        (Some(at), None) => (at, true),
        // A word longer than the line: after a dash or slash that leaves
        // the line at least half full, else where it must.
        (None, None) => {
            let at = line
                .after_dash
                .filter(|&d| boxes[d - 1].right - boxes[start].left >= measure.width / 2.0)
                .unwrap_or(overflow);
            (at.max(start + 1), false)
        }
    };
    Break { at_char, hyphen }
}

/// The last place the word `word` (chars) may be hyphenated with its first
/// part and a hyphen still on the line that starts at `start`.
fn hyphen_break(
    boxes: &[CharBox],
    start: usize,
    word: std::ops::Range<usize>,
    measure: Measure,
    syllables: &impl Fn(&str) -> Vec<usize>,
) -> Option<usize> {
    // A paragraph's last word is kept whole: half a word alone on the
    // last line reads worse than a loose line.
    let rest = &boxes[word.end..];
    if rest
        .iter()
        .take_while(|b| b.chr != '\n')
        .all(|b| b.chr.is_whitespace())
    {
        return None;
    }
    // The word's letters, without the quotes and punctuation around them.
    let letters = &boxes[word.clone()];
    let first = letters.iter().position(|b| b.chr.is_alphabetic())?;
    let last = letters.iter().rposition(|b| b.chr.is_alphabetic())?;
    let core: String = letters[first..=last].iter().map(|b| b.chr).collect();
    let wordlike = core.chars().all(char::is_alphabetic) && core.chars().any(char::is_lowercase);
    if !wordlike {
        return None;
    }
    let core_start = word.start + first;
    syllables(&core)
        .into_iter()
        .map(|offset| core_start + offset)
        .filter(|&at| at > start)
        .rfind(|&at| {
            boxes[at - 1].right - boxes[start].left + measure.hyphen_width <= measure.width
        })
}

/// For justified lines: each word after a space on a line that ends at one
/// of our breaks, and the space put before it to fill the line.
fn stretches(boxes: &[CharBox], breaks: &[Break], measure: Measure) -> Vec<(usize, f32)> {
    let mut stretches = Vec::new();
    let mut start = 0;
    for line_break in breaks {
        // The line starts after the last hard break before this one.
        let end = line_break.at_char;
        if let Some(newline) = boxes[start..end].iter().rposition(|b| b.chr == '\n') {
            start += newline + 1;
        }
        let hyphen = if line_break.hyphen {
            measure.hyphen_width
        } else {
            0.0
        };
        // Half a point short of the edge: egui rounds each glyph to a pixel.
        let slack =
            measure.width - 0.5 - (ink_right(boxes, start, end) - boxes[start].left) - hyphen;
        let ink_end = boxes[start..end]
            .iter()
            .rposition(|b| !b.chr.is_whitespace())
            .map_or(start, |k| start + k);
        let words: Vec<usize> = (start + 1..ink_end)
            .filter(|&k| is_break_space(boxes[k - 1].chr) && !boxes[k].chr.is_whitespace())
            .collect();
        if slack > 0.0 && !words.is_empty() {
            let each = slack / words.len() as f32;
            stretches.extend(words.into_iter().map(|k| (k, each)));
        }
        start = end;
    }
    stretches
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
#[path = "line_breaks_tests.rs"]
mod tests;
