//! The paper: a rendered page drawn at the width it is given, the
//! highlights over their glyphs' boxes in their colours (outlined when
//! open, a line for an underline), the selection over its glyphs, and
//! where a point on the paper is in the page's letters.

use std::ops::Range;

use eframe::egui::{self, Color32, Painter, Pos2, Rect, Response, Sense, Stroke, Ui, pos2, vec2};

use crate::import::pdf::PlaceRect;

use super::super::reader::ReaderHighlight;
use super::shelf::RenderedPage;

/// A page on screen: where it is and how many screen points a page point is.
#[derive(Clone, Copy)]
pub(super) struct Paper {
    pub(super) rect: Rect,
    scale: f32,
}

impl Paper {
    /// The point on the page (in points from its top left) under `pos`.
    pub(super) fn to_page(self, pos: Pos2) -> (f32, f32) {
        let local = (pos - self.rect.min) / self.scale;
        (local.x, local.y)
    }

    fn to_screen(self, rect: PlaceRect) -> Rect {
        Rect::from_min_max(
            self.rect.min + vec2(rect.left, rect.top) * self.scale,
            self.rect.min + vec2(rect.right, rect.bottom) * self.scale,
        )
    }
}

/// Draws the page `width` points wide, centred; its response senses
/// clicks and drags.
pub(super) fn paper_ui(
    ui: &mut Ui,
    page: &RenderedPage,
    label: &str,
    width: f32,
) -> (Paper, Response) {
    let scale = width / page.size_pt.x.max(1.0);
    let size = page.size_pt * scale;
    let (rect, response) = ui
        .vertical_centered(|ui| ui.allocate_exact_size(size, Sense::click_and_drag()))
        .inner;
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Page {label} as printed"))
    });
    let painter = ui.painter();
    painter.rect_filled(
        rect.translate(vec2(2.0, 3.0)),
        0.0,
        Color32::from_black_alpha(40),
    );
    let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
    painter.image(page.texture.id(), rect, uv, Color32::WHITE);
    (Paper { rect, scale }, response)
}

/// The page-local chars of canonical `chars` that fall on `page`.
pub(super) fn on_page(page: &RenderedPage, chars: &Range<usize>) -> Option<Range<usize>> {
    let start = chars.start.max(page.chars.start);
    let end = chars.end.min(page.chars.end);
    (start < end).then(|| start - page.chars.start..end - page.chars.start)
}

/// The highlights of `page` over their glyphs.
pub(super) fn paint_highlights(
    painter: &Painter,
    paper: Paper,
    page: &RenderedPage,
    highlights: &[ReaderHighlight],
) {
    for highlight in highlights {
        let Some(local) = on_page(page, &highlight.chars) else {
            continue;
        };
        for rect in page.places.rects_of(local) {
            let rect = paper.to_screen(rect);
            if highlight.underline {
                let y = rect.bottom() - 1.0;
                painter.line_segment(
                    [pos2(rect.left(), y), pos2(rect.right(), y)],
                    Stroke::new(2.0, highlight.color),
                );
            } else {
                painter.rect_filled(rect, 1.5, highlight.color);
            }
            if highlight.emphasis {
                let outline = Stroke::new(1.5, highlight.color.to_opaque());
                painter.rect_stroke(rect.expand(1.0), 2.0, outline, egui::StrokeKind::Outside);
            }
        }
    }
}

/// The selection (canonical chars) over its glyphs; the screen rect of
/// its last piece, where the selection bar goes.
pub(super) fn paint_selection(
    painter: &Painter,
    paper: Paper,
    page: &RenderedPage,
    selection: &Range<usize>,
    color: Color32,
) -> Option<Rect> {
    let local = on_page(page, selection)?;
    let rects: Vec<Rect> = page
        .places
        .rects_of(local)
        .into_iter()
        .map(|rect| paper.to_screen(rect))
        .collect();
    for rect in &rects {
        painter.rect_filled(*rect, 1.0, color);
    }
    rects.last().copied()
}

/// Whether the page point is on a letter (not between lines or in the margin).
pub(super) fn letter_under(page: &RenderedPage, paper: Paper, pos: Pos2) -> Option<usize> {
    let (x, y) = paper.to_page(pos);
    let letter = page.places.letter_at(x, y)?;
    let local = page.places.text_range_of(letter..=letter)?;
    let touches = page
        .places
        .rects_of(local.clone())
        .iter()
        .any(|r| paper.to_screen(*r).expand(1.0).contains(pos));
    touches.then_some(page.chars.start + local.start)
}
