//! Tables (and lines of code) wider than the measure show to the window's
//! margin, then scroll sideways inside their block, never the page: Shift
//! with the wheel, or a sideways swipe, over the table, or a drag of the
//! thin bar drawn under it; a fade over a cut edge says there is more.

use std::collections::HashMap;

use eframe::egui::{self, CornerRadius, Rect, Sense, Ui, pos2, text::CCursor};

use crate::document::Document;

use crate::ui::theme::Palette;

use super::layout::PlacedBlock;

/// The bar's height, and its distance below the table's last row, in points.
const BAR_HEIGHT: f32 = 5.0;
const BAR_GAP: f32 = 9.0;

/// How far each wide table is scrolled, by block index.
#[derive(Debug, Default)]
pub(super) struct TableScroll {
    offsets: HashMap<usize, f32>,
    /// A char to bring into view sideways once its block is placed (a find
    /// match, a highlight jumped to).
    reveal_char: Option<usize>,
}

impl TableScroll {
    /// How far block `index` is scrolled, in points, for a galley `width`
    /// wide shown in `shown_width` (0 for a block that fits).
    pub(super) fn offset(&self, index: usize, width: f32, shown_width: f32) -> f32 {
        let most = (width - shown_width).max(0.0);
        self.offsets.get(&index).map_or(0.0, |x| x.clamp(0.0, most))
    }

    /// Brings `offset_char` into view if a wide table holds it.
    pub(super) fn reveal(&mut self, offset_char: usize) {
        self.reveal_char = Some(offset_char);
    }

    /// Scrolls the wide tables the pointer is over (or whose bar is
    /// dragged) and draws their bars.
    pub(super) fn scroll_ui(
        &mut self,
        ui: &Ui,
        placed: &[PlacedBlock],
        document: &Document,
        palette: &Palette,
    ) {
        for block in placed {
            let chars = &document.blocks()[block.index].chars;
            let reveal = self.reveal_char.filter(|c| chars.contains(c));
            if reveal.is_some() {
                self.reveal_char = None;
            }
            let Some(shown) = block.shown_x else {
                continue;
            };
            let width = block.galley.size().x;
            let mut offset = self.offset(block.index, width, shown.span());
            if let Some(at_char) = reveal {
                let x = block
                    .galley
                    .pos_from_cursor(CCursor::new(at_char - chars.start))
                    .left();
                if !(offset..=offset + shown.span() - 20.0).contains(&x) {
                    offset = x - shown.span() / 3.0;
                }
            }
            let table = Rect::from_x_y_ranges(
                shown,
                block.pos.y..=block.pos.y + block.galley.size().y + BAR_GAP + BAR_HEIGHT,
            );
            let track = Rect::from_min_max(
                pos2(shown.min, table.bottom() - BAR_HEIGHT),
                pos2(shown.max, table.bottom()),
            );
            let bar = ui.interact(
                track.expand2(egui::vec2(0.0, 4.0)),
                egui::Id::unique(("table-scroll", block.index)),
                Sense::drag(),
            );
            let moved = moved_by(ui, &bar, table, width / shown.span());
            let wanted = (offset + moved).clamp(0.0, width - shown.span());
            if wanted != self.offset(block.index, width, shown.span()) {
                self.offsets.insert(block.index, wanted);
                ui.ctx().request_repaint();
            }
            let thumb_width = track.width() * shown.span() / width;
            let thumb_left = track.left() + track.width() * wanted / width;
            bar_ui(
                ui,
                track,
                thumb_left..=thumb_left + thumb_width,
                &bar,
                palette,
            );
        }
    }
}

impl TableScroll {
    /// A fade over each cut edge of a wide block, drawn over its text: the
    /// right edge while more lies to the right, the left once scrolled.
    pub(super) fn fades_ui(&self, ui: &Ui, placed: &[PlacedBlock], palette: &Palette) {
        let fade = (ui.text_style_height(&egui::TextStyle::Body) * 1.6).max(16.0);
        for block in placed {
            let Some(shown) = block.shown_x else {
                continue;
            };
            let width = block.galley.size().x;
            let offset = self.offset(block.index, width, shown.span());
            let rows = block.pos.y..=block.pos.y + block.galley.size().y;
            if offset + shown.span() < width - 0.5 {
                let edge = Rect::from_x_y_ranges(shown.max - fade..=shown.max, rows.clone());
                fade_ui(ui, edge, true, palette.page);
            }
            if offset > 0.5 {
                let edge = Rect::from_x_y_ranges(shown.min..=shown.min + fade, rows);
                fade_ui(ui, edge, false, palette.page);
            }
        }
    }
}

/// The page's colour growing over `rect`, toward its right or its left.
fn fade_ui(ui: &Ui, rect: Rect, toward_right: bool, page: egui::Color32) {
    let clear = egui::Color32::TRANSPARENT;
    let (left, right) = if toward_right {
        (clear, page)
    } else {
        (page, clear)
    };
    let mut mesh = egui::Mesh::default();
    mesh.colored_vertex(rect.left_top(), left);
    mesh.colored_vertex(rect.right_top(), right);
    mesh.colored_vertex(rect.right_bottom(), right);
    mesh.colored_vertex(rect.left_bottom(), left);
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    ui.painter().add(egui::Shape::mesh(mesh));
}

/// How far the table is moved this frame: its bar dragged (by `scale`
/// table pixels a bar pixel), or the wheel turned sideways over it (taken
/// from the page, which would scroll too).
fn moved_by(ui: &Ui, bar: &egui::Response, table: Rect, scale: f32) -> f32 {
    let mut moved = 0.0;
    if bar.dragged() {
        moved += bar.drag_delta().x * scale;
    }
    if ui.rect_contains_pointer(table) {
        let sideways = ui.input(|i| i.smooth_scroll_delta.x);
        if sideways != 0.0 {
            moved -= sideways;
            ui.input_mut(|i| i.smooth_scroll_delta.x = 0.0);
        }
    }
    moved
}

/// The bar under a wide table: its track, and the thumb showing which part
/// of the table is shown (lit while hovered or dragged).
fn bar_ui(
    ui: &Ui,
    track: Rect,
    thumb_x: std::ops::RangeInclusive<f32>,
    bar: &egui::Response,
    palette: &Palette,
) {
    let thumb = Rect::from_min_max(
        pos2(*thumb_x.start(), track.top()),
        pos2(*thumb_x.end(), track.bottom()),
    );
    let painter = ui.painter();
    let round = CornerRadius::same((BAR_HEIGHT / 2.0) as u8);
    painter.rect_filled(track, round, palette.rule);
    let thumb_color = if bar.hovered() || bar.dragged() {
        palette.text
    } else {
        palette.muted
    };
    painter.rect_filled(thumb, round, thumb_color);
}
