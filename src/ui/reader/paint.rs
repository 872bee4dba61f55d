//! Painting the visible blocks: block decorations (quote rules, code
//! backgrounds, bullets, the title rule), then highlights, find matches and
//! the selection as rectangles under the text, row by row, then the text.

use std::ops::Range;

use eframe::egui::{
    self, Align2, Color32, CornerRadius, Painter, Pos2, Rect, Stroke, Ui, pos2, vec2,
};

use crate::document::{Block, BlockKind, Document, InlineStyle, ListNumber};
use crate::ui::theme::Palette;

use super::caret::caret_rect;
use super::layout::{Column, PlacedBlock};
use super::look::{BlockLook, bullet, look_of};
use super::table::head_bottom;
use super::{Reader, ReaderHighlight, ReaderStyle, Selection};

/// What painting placed where, for accessibility and floating tools.
#[derive(Debug, Default)]
pub(super) struct Painted {
    /// Index into the highlights and the screen rect of their first row.
    pub(super) highlight_rects: Vec<(usize, Rect)>,
    pub(super) selection_end: Option<Rect>,
}

/// How a range is marked.
#[derive(Clone, Copy, Debug)]
enum RangeLook {
    Fill(Color32),
    Underline(Color32),
}

impl Reader {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn paint(
        &self,
        ui: &Ui,
        placed: &[PlacedBlock],
        document: &Document,
        style: &ReaderStyle,
        [highlights, matches]: [&[ReaderHighlight]; 2],
        column: Column,
        origin: Pos2,
    ) -> Painted {
        let mut painted = Painted::default();
        let page_painter = ui.painter();
        let palette = &style.palette;
        let longest_highlight = highlights.iter().map(|h| h.chars.len()).max().unwrap_or(0);
        let selection = self
            .selection
            .map(Selection::range)
            .filter(|r| !r.is_empty());
        for block in placed {
            // A wide table shows only what is within the measure.
            let clipped;
            let painter = match block.shown_x {
                Some(shown) => {
                    let clip = page_painter.clip_rect();
                    clipped = page_painter.with_clip_rect(
                        Rect::from_x_y_ranges(shown, clip.y_range()).intersect(clip),
                    );
                    &clipped
                }
                None => page_painter,
            };
            let info = &document.blocks()[block.index];
            let look = look_of(info.kind, style);
            paint_decoration(painter, block, info, &look, palette, column.measure, origin);
            self.paint_picture(painter, block, document, style, origin.x, column.measure);
            // Highlights are sorted by start: only those that can reach this block.
            let first = highlights
                .partition_point(|h| h.chars.start + longest_highlight < info.chars.start);
            let last = highlights
                .partition_point(|h| h.chars.start <= info.chars.end)
                .max(first);
            for (index, highlight) in highlights[first..last].iter().enumerate() {
                if let Some(rect) = paint_highlight(painter, block, &info.chars, highlight, palette)
                    && highlight.label.is_some()
                    && !painted
                        .highlight_rects
                        .iter()
                        .any(|(i, _)| *i == first + index)
                {
                    painted.highlight_rects.push((first + index, rect));
                }
            }
            let from = matches.partition_point(|m| m.chars.end < info.chars.start);
            for found in matches[from..]
                .iter()
                .take_while(|m| m.chars.start <= info.chars.end)
            {
                paint_match(painter, block, &info.chars, found);
            }
            if let Some(range) = &selection {
                paint_range(
                    painter,
                    block,
                    &info.chars,
                    range,
                    RangeLook::Fill(palette.selection),
                );
            }
            if let Some(end) = self.selection_end_in(block, &info.chars) {
                painted.selection_end = Some(end);
            }
            painter.galley(block.pos, block.galley.clone(), look.color);
            self.paint_caret(painter, block, &info.chars, palette);
        }
        painted
    }

    /// The caret of caret browsing: a steady bar (it does not blink, so an
    /// idle window draws nothing).
    fn paint_caret(
        &self,
        painter: &Painter,
        block: &PlacedBlock,
        block_chars: &Range<usize>,
        palette: &Palette,
    ) {
        let Some(selection) = self.selection.filter(|_| self.caret_browsing()) else {
            return;
        };
        let at = selection.cursor_char;
        if !(block_chars.start..=block_chars.end).contains(&at) {
            return;
        }
        let rect = caret_rect(&block.galley, at - block_chars.start).translate(block.pos.to_vec2());
        painter.line_segment(
            [rect.center_top(), rect.center_bottom()],
            Stroke::new(2.0, palette.strong),
        );
    }

    /// Where the selection's moving end is on screen, if it is in this block.
    fn selection_end_in(&self, block: &PlacedBlock, block_chars: &Range<usize>) -> Option<Rect> {
        let selection = self.selection.filter(|s| !s.is_empty())?;
        if !(block_chars.start..=block_chars.end).contains(&selection.cursor_char) {
            return None;
        }
        let cursor_in_block = selection.cursor_char - block_chars.start;
        let at = block
            .galley
            .pos_from_cursor(egui::text::CCursor::new(cursor_in_block));
        Some(at.translate(block.pos.to_vec2()))
    }
}

/// The marks a kind of block carries beside or behind its text.
fn paint_decoration(
    painter: &Painter,
    block: &PlacedBlock,
    info: &Block,
    look: &BlockLook,
    palette: &Palette,
    measure: f32,
    origin: Pos2,
) {
    let text_rect = Rect::from_min_size(block.pos, block.galley.size());
    match info.kind {
        BlockKind::Quote => {
            let x = origin.x + look.indent * 0.35;
            painter.line_segment(
                [
                    pos2(x, text_rect.top() + 2.0),
                    pos2(x, text_rect.bottom() - 2.0),
                ],
                Stroke::new(3.0, palette.rule),
            );
        }
        BlockKind::Table => paint_table_rules(painter, block, info, palette, measure, origin),
        BlockKind::Code => {
            let background = Rect::from_min_max(
                pos2(origin.x, text_rect.top() - 6.0),
                pos2(origin.x + measure, text_rect.bottom() + 6.0),
            );
            painter.rect_filled(background, CornerRadius::same(4), palette.code_background);
        }
        BlockKind::ListItem {
            number,
            continued: false,
            level,
        } => paint_list_marker(painter, text_rect, look, palette, number, level),
        BlockKind::Title => {
            let y = text_rect.bottom() + look.space_after * 0.45;
            painter.line_segment(
                [pos2(origin.x, y), pos2(origin.x + measure.min(120.0), y)],
                Stroke::new(1.5, palette.rule),
            );
        }
        _ => {}
    }
}

/// An ordered item's number, set right-aligned as a browser sets it ("9."
/// and "10." end at the same place, a little before the item's text), or a
/// bullet's glyph.
fn paint_list_marker(
    painter: &Painter,
    text_rect: Rect,
    look: &BlockLook,
    palette: &Palette,
    number: Option<ListNumber>,
    level: u8,
) {
    let size = look.font.size;
    match number {
        Some(number) => painter.text(
            pos2(text_rect.left() - size * 0.35, text_rect.top()),
            Align2::RIGHT_TOP,
            number.label(),
            look.font.clone(),
            palette.text,
        ),
        None => painter.text(
            pos2(text_rect.left() - size * 0.8, text_rect.top()),
            Align2::CENTER_TOP,
            bullet(level),
            look.font.clone(),
            palette.muted,
        ),
    };
}

/// Rules above and below a table, and under its head.
fn paint_table_rules(
    painter: &Painter,
    block: &PlacedBlock,
    info: &Block,
    palette: &Palette,
    measure: f32,
    origin: Pos2,
) {
    let text_rect = Rect::from_min_size(block.pos, block.galley.size());
    let right = origin.x + measure.max(text_rect.width());
    let rule = |y: f32, width: f32| {
        painter.line_segment(
            [pos2(origin.x, y), pos2(right, y)],
            Stroke::new(width, palette.rule),
        );
    };
    rule(text_rect.top() - 3.0, 1.2);
    rule(text_rect.bottom() + 3.0, 1.2);
    // The importers make the head's cells strong.
    let has_head = info
        .spans
        .first()
        .is_some_and(|s| s.chars.start == 0 && s.style == InlineStyle::Strong);
    let head_bottom = text_rect.top() + head_bottom(&block.galley);
    if has_head && head_bottom < text_rect.bottom() - 1.0 {
        rule(head_bottom, 0.7);
    }
}

/// Paints one highlight's part in a block (fill or underline, the outline
/// when emphasised, the note marker at its end); returns its first row.
fn paint_highlight(
    painter: &Painter,
    block: &PlacedBlock,
    block_chars: &Range<usize>,
    highlight: &ReaderHighlight,
    palette: &Palette,
) -> Option<Rect> {
    let look = if highlight.underline {
        RangeLook::Underline(highlight.color)
    } else {
        RangeLook::Fill(highlight.color)
    };
    let rects = paint_range(painter, block, block_chars, &highlight.chars, look);
    if highlight.emphasis {
        outline_rects(painter, &rects, 1.5, palette.strong);
    }
    if highlight.marker
        && highlight.chars.end <= block_chars.end
        && let Some(last_rect) = rects.last()
    {
        let center = pos2(last_rect.right() + 1.0, last_rect.top() + 2.0);
        painter.circle_filled(center, 3.5, palette.strong);
        painter.circle_filled(center, 2.5, highlight.color.to_opaque());
    }
    rects.first().copied()
}

fn paint_match(
    painter: &Painter,
    block: &PlacedBlock,
    block_chars: &Range<usize>,
    found: &ReaderHighlight,
) {
    let rects = paint_range(
        painter,
        block,
        block_chars,
        &found.chars,
        RangeLook::Fill(found.color),
    );
    if found.emphasis {
        outline_rects(painter, &rects, 1.0, found.color.to_opaque());
    }
}

fn outline_rects(painter: &Painter, rects: &[Rect], expand: f32, color: Color32) {
    for rect in rects {
        painter.rect_stroke(
            rect.expand(expand),
            CornerRadius::same(3),
            Stroke::new(1.5, color),
            egui::StrokeKind::Outside,
        );
    }
}

/// Paints `range` (canonical chars) under the rows of one block.
fn paint_range(
    painter: &Painter,
    block: &PlacedBlock,
    block_chars: &Range<usize>,
    range: &Range<usize>,
    look: RangeLook,
) -> Vec<Rect> {
    let rects = range_rects(block, block_chars, range);
    for rect in &rects {
        match look {
            RangeLook::Fill(color) => {
                painter.rect_filled(*rect, CornerRadius::same(2), color);
            }
            RangeLook::Underline(color) => {
                let y = rect.bottom() - (rect.height() * 0.14).max(2.0);
                painter.line_segment(
                    [pos2(rect.left(), y), pos2(rect.right(), y)],
                    Stroke::new(2.5, color),
                );
            }
        }
    }
    rects
}

/// The screen rects, one per row, that `range` (canonical chars) covers in
/// a block. A range that runs on past a row's end reaches a little beyond it.
fn range_rects(block: &PlacedBlock, block_chars: &Range<usize>, range: &Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let start = range.start.max(block_chars.start);
    let end = range.end.min(block_chars.end);
    let continues = range.end > block_chars.end;
    if start > end || (start == end && !continues) {
        return rects;
    }
    let (start_in_block, end_in_block) = (start - block_chars.start, end - block_chars.start);
    let block_len = block_chars.end - block_chars.start;
    let mut row_start = 0;
    for row in &block.galley.rows {
        let row_end = row_start + row.row.char_count_excluding_newline().0;
        let next_row_start = row_start + row.char_count_including_newline().0;
        let last_row = next_row_start >= block_len && !row.ends_with_newline;
        let a = start_in_block.max(row_start);
        let b = end_in_block.min(row_end);
        let runs_on = end_in_block > row_end && (!last_row || continues);
        // A range starting where a row wraps starts on the next row.
        let starts_after = start_in_block == row_end && next_row_start == row_end;
        if a < b || (a == b && runs_on && a >= row_start && a <= row_end && !starts_after) {
            let x0 = row.row.x_offset(egui::text::CharIndex(a - row_start));
            let mut x1 = row.row.x_offset(egui::text::CharIndex(b - row_start));
            if runs_on {
                x1 += 4.0; // The selection goes on past the end of this row.
            }
            rects.push(Rect::from_min_max(
                block.pos + row.pos.to_vec2() + vec2(x0, 0.0),
                block.pos + row.pos.to_vec2() + vec2(x1, row.row.size.y),
            ));
        }
        row_start = next_row_start;
    }
    rects
}
