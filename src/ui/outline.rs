//! The outline: the document's headings, click to jump, the current
//! section marked while reading.

use eframe::egui::{self, RichText, Sense, Ui, vec2};

use crate::document::{BlockKind, Document};

use super::app::Command;
use super::theme::Palette;

const ROW_HEIGHT: f32 = 24.0;

/// One heading of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub start: usize,
    pub text: String,
}

/// The title and headings of a document, in order.
pub fn outline_of(document: &Document) -> Vec<OutlineEntry> {
    document
        .blocks()
        .iter()
        .enumerate()
        .filter_map(|(i, block)| {
            let level = match block.kind {
                BlockKind::Title => 0,
                BlockKind::Heading { level } => level,
                _ => return None,
            };
            Some(OutlineEntry {
                level,
                start: block.chars.start,
                text: document.block_text(i).replace('\n', " "),
            })
        })
        .collect()
}

/// The entry whose section holds `position`.
pub fn current_entry(entries: &[OutlineEntry], position: usize) -> Option<usize> {
    entries
        .partition_point(|e| e.start <= position)
        .checked_sub(1)
}

pub fn outline_ui(
    ui: &mut Ui,
    entries: &[OutlineEntry],
    position: usize,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    ui.heading("Outline");
    if entries.is_empty() {
        ui.label(RichText::new("This article has no headings.").weak());
        return;
    }
    let current = current_entry(entries, position);
    egui::ScrollArea::vertical()
        .id_salt("outline")
        .auto_shrink(false)
        .show_rows(ui, ROW_HEIGHT, entries.len(), |ui, range| {
            for index in range {
                let entry = &entries[index];
                let (rect, response) =
                    ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
                let is_current = current == Some(index);
                if is_current {
                    ui.painter().rect_filled(rect, 4.0, palette.selection);
                } else if response.hovered() {
                    ui.painter().rect_filled(rect, 4.0, palette.code_background);
                }
                let indent = 6.0 + 14.0 * f32::from(entry.level.saturating_sub(1));
                let font = egui::FontId::proportional(if entry.level <= 1 { 14.5 } else { 13.5 });
                let color = if entry.level <= 1 {
                    palette.strong
                } else {
                    palette.text
                };
                let mut job =
                    egui::text::LayoutJob::simple_singleline(entry.text.clone(), font, color);
                job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - indent - 4.0);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let y = rect.center().y - galley.size().y / 2.0;
                ui.painter()
                    .galley(egui::pos2(rect.left() + indent, y), galley, color);
                let label = entry.text.clone();
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, is_current, &label)
                });
                if response.clicked() {
                    commands.push(Command::GoTo(entry.start));
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocumentBuilder, Format, Metadata};

    #[test]
    fn the_current_section_is_the_last_heading_before_the_position() {
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Title, "Book");
        builder.push(BlockKind::Heading { level: 2 }, "One");
        builder.push(BlockKind::Paragraph, "Text of one.");
        builder.push(BlockKind::Heading { level: 2 }, "Two");
        let document = builder.finish();
        let entries = outline_of(&document);
        assert_eq!(entries.len(), 3);
        assert_eq!(current_entry(&entries, 0), Some(0));
        assert_eq!(current_entry(&entries, entries[1].start + 3), Some(1));
        assert_eq!(current_entry(&entries, document.char_count()), Some(2));
    }
}
