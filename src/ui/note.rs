//! A note as it reads: its Markdown (emphasis, strong, code, links, lists,
//! quotes, headings) drawn in the reading face from the blocks the Markdown
//! importer makes, so no `**` or `_` shows. A click on a link opens it; a
//! click elsewhere asks for the source to edit.

use eframe::egui::{self, FontFamily, FontId, Sense, TextFormat, Ui, text::LayoutJob, vec2};

use crate::document::{BlockKind, Document, Metadata};
use crate::import::{document_from_markdown, markdown_plain_text};

use super::fonts::{SERIF, SERIF_BOLD, SERIF_ITALIC};
use super::reader::{append_styled, bullet};
use super::theme::Palette;

/// Body size of a note, in points.
const NOTE_SIZE: f32 = 15.0;

/// What a click on a rendered note asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteClick {
    /// Edit the note's source.
    Edit,
    /// Open this link.
    Open(String),
}

/// How one kind of block of a note is set: face, indent, and the bullet or
/// number drawn before it.
fn block_setting(kind: BlockKind) -> (FontId, f32, String) {
    let face = |name: &str| FontId::new(NOTE_SIZE, FontFamily::Name(name.into()));
    match kind {
        BlockKind::Title | BlockKind::Heading { .. } => (face(SERIF_BOLD), 0.0, String::new()),
        BlockKind::ListItem { level, .. } => {
            let marker = kind
                .list_marker()
                .map_or_else(String::new, |marker| marker.text(bullet(level)));
            (
                face(SERIF),
                12.0 * f32::from(level.saturating_sub(1)),
                marker,
            )
        }
        BlockKind::Quote => (face(SERIF_ITALIC), 12.0, String::new()),
        BlockKind::Code | BlockKind::Table => {
            (FontId::monospace(NOTE_SIZE * 0.85), 0.0, String::new())
        }
        _ => (face(SERIF), 0.0, String::new()),
    }
}

/// A note's Markdown, parsed once and kept while the note is unchanged
/// (not again every frame the panel is drawn).
#[derive(Debug, Default)]
pub struct ParsedNote {
    source: String,
    document: Option<Document>,
}

impl ParsedNote {
    fn document(&mut self, note: &str) -> &Document {
        if self.source != note || self.document.is_none() {
            self.source = note.to_owned();
            self.document = None;
        }
        self.document
            .get_or_insert_with(|| document_from_markdown(note, Metadata::default()))
    }
}

/// Draws a note's Markdown as it reads; returns what a click asked for.
pub fn rendered_note_ui(
    ui: &mut Ui,
    parsed: &mut ParsedNote,
    note: &str,
    palette: &Palette,
) -> Option<NoteClick> {
    let document = parsed.document(note);
    let mut clicked = None;
    for index in 0..document.blocks().len() {
        if let Some(click) = note_block_ui(ui, document, index, palette) {
            clicked = Some(click);
        }
    }
    clicked
}

fn note_block_ui(
    ui: &mut Ui,
    document: &Document,
    index: usize,
    palette: &Palette,
) -> Option<NoteClick> {
    let block = &document.blocks()[index];
    let text = document.block_text(index);
    let (font_id, indent, bullet) = block_setting(block.kind);
    let bullet = if bullet.is_empty() {
        String::new()
    } else {
        format!("{bullet} ")
    };
    let base = TextFormat {
        font_id,
        color: palette.text,
        line_height: Some((NOTE_SIZE * 1.4).round()),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = (ui.available_width() - indent).max(40.0);
    if !bullet.is_empty() {
        let muted = TextFormat {
            color: palette.muted,
            ..base.clone()
        };
        job.append(&bullet, 0.0, muted);
    }
    append_styled(&mut job, text, &block.spans, &base, palette);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let (rect, response) = ui.allocate_exact_size(
        vec2(ui.available_width(), galley.size().y + 4.0),
        Sense::click(),
    );
    let origin = rect.min + vec2(indent, 0.0);
    let bullet_chars = bullet.chars().count();
    let link = response.hover_pos().and_then(|pointer| {
        let in_galley = galley.cursor_from_pos(pointer - origin).index.0;
        let in_block = in_galley.checked_sub(bullet_chars)?;
        document
            .link_at(block.chars.start + in_block)
            .map(str::to_owned)
    });
    let response = match &link {
        Some(target) => {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            response.on_hover_text_at_pointer(format!("Opens {target}"))
        }
        None => response.on_hover_text("Click to edit the note (N)"),
    };
    ui.painter().galley(origin, galley, palette.text);
    let label = format!("{bullet}{text}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    response
        .clicked()
        .then(|| link.map_or(NoteClick::Edit, NoteClick::Open))
}

/// A note's first line as it reads, for a list row ("**Why**" is "Why").
pub fn note_first_line(note: &str) -> String {
    // The first paragraph is enough (a row is drawn every frame).
    let first = note.trim_start().split("\n\n").next().unwrap_or_default();
    let first: String = first.chars().take(1_000).collect();
    markdown_plain_text(&first)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_row_shows_the_note_as_it_reads() {
        assert_eq!(
            note_first_line("**Why** it _matters_\n\nmore"),
            "Why it matters"
        );
        assert_eq!(note_first_line("- first\n- second"), "first");
        assert_eq!(note_first_line("  "), "");
    }
}
