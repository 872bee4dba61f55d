//! The outline panel: the document's headings, click to jump, the current
//! section marked while reading.

use eframe::egui::{self, RichText, Ui};

use crate::document::{OutlineEntry, current_entry};

use super::command::Command;
use super::theme::Palette;
use super::widgets::{list_row_ui, truncated_galley};

const ROW_HEIGHT: f32 = 24.0;

pub fn outline_ui(
    ui: &mut Ui,
    entries: &[OutlineEntry],
    position_char: usize,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    ui.heading("Outline");
    if entries.is_empty() {
        ui.label(RichText::new("This article has no headings.").weak());
        return;
    }
    let current = current_entry(entries, position_char);
    egui::ScrollArea::vertical()
        .id_salt("outline")
        .auto_shrink(false)
        .show_rows(ui, ROW_HEIGHT, entries.len(), |ui, range| {
            for index in range {
                let is_current = current == Some(index);
                if entry_ui(ui, &entries[index], is_current, palette) {
                    commands.push(Command::GoTo {
                        start_char: entries[index].start_char,
                    });
                }
            }
        });
}

/// One heading, indented by level; returns whether it was clicked.
fn entry_ui(ui: &mut Ui, entry: &OutlineEntry, is_current: bool, palette: &Palette) -> bool {
    let (rect, response) = list_row_ui(ui, ROW_HEIGHT, is_current, palette);
    let indent = 6.0 + 14.0 * f32::from(entry.level.saturating_sub(1));
    let top_level = entry.level <= 1;
    let font = egui::FontId::proportional(if top_level { 14.5 } else { 13.5 });
    let color = if top_level {
        palette.strong
    } else {
        palette.text
    };
    let galley = truncated_galley(ui, &entry.text, rect.width() - indent - 4.0, font, color);
    let y = rect.center().y - galley.size().y / 2.0;
    ui.painter()
        .galley(egui::pos2(rect.left() + indent, y), galley, color);
    let label = entry.text.clone();
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, is_current, &label));
    response.clicked()
}
