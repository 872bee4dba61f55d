//! Caret browsing (F7, as in Firefox): a text caret in the page that the
//! arrow keys move through the laid-out rows, Ctrl+arrows by word,
//! Home/End along the visual line; Shift extends the selection from it.
//!
//! An offset at a soft wrap belongs to the row it starts: the end of a
//! wrapped row is before its last char (the space it wraps at), so a caret
//! never stands in two places at once.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{self, Galley, Rect, Vec2, epaint::text::PlacedRow, pos2, vec2};

use crate::document::Document;

use super::cursor::{CursorMove, moved_cursor, word_start_at_or_after};
use super::layout::{galley_offset, layout_block};
use super::{CaretBrowsing, Reader, ScrollRequest, Selection};

/// A block's galley and where it sits: relative to the column's left edge
/// and to the top of the block's slot.
pub(super) struct BlockGalley {
    pub(super) galley: Arc<Galley>,
    pub(super) offset: Vec2,
}

/// The chars of each row of a galley (without a newline), in the block.
fn row_chars(galley: &Galley) -> Vec<Range<usize>> {
    let mut start = 0;
    galley
        .rows
        .iter()
        .map(|row| {
            let chars = start..start + row.row.char_count_excluding_newline().0;
            start += row.char_count_including_newline().0;
            chars
        })
        .collect()
}

/// The row an offset in the block is on: at a soft wrap, the row it starts.
fn row_of(rows: &[Range<usize>], in_block: usize) -> usize {
    rows.partition_point(|r| r.start <= in_block)
        .saturating_sub(1)
}

/// Where a caret at the end of row `r` stands: before the space a wrapped
/// row ends with, at the end of a row ended by a newline or the block.
fn row_end(galley: &Galley, rows: &[Range<usize>], r: usize) -> usize {
    let wraps = r + 1 < rows.len() && !galley.rows[r].ends_with_newline;
    if wraps && rows[r].end > rows[r].start {
        rows[r].end - 1
    } else {
        rows[r].end
    }
}

/// The offset in the block nearest to `x` (galley coordinates) on row `r`.
fn at_x(galley: &Galley, rows: &[Range<usize>], r: usize, x: f32) -> usize {
    let row: &PlacedRow = &galley.rows[r];
    let column = row.row.char_at(x - row.pos.x).0;
    (rows[r].start + column).min(row_end(galley, rows, r))
}

/// The caret's rect in galley coordinates (zero width).
pub(super) fn caret_rect(galley: &Galley, in_block: usize) -> Rect {
    let rows = row_chars(galley);
    if rows.is_empty() {
        return Rect::from_min_size(pos2(0.0, 0.0), vec2(0.0, galley.size().y));
    }
    let r = row_of(&rows, in_block);
    let row = &galley.rows[r];
    let column = in_block.min(rows[r].end) - rows[r].start;
    let x = row.pos.x + row.row.x_offset(egui::text::CharIndex(column));
    Rect::from_min_max(pos2(x, row.min_y()), pos2(x, row.max_y()))
}

impl Reader {
    /// F7: caret browsing on or off. On, the caret shows at the first word
    /// in view unless it is in view already.
    pub(super) fn toggle_caret(&mut self) {
        self.caret_browsing = if self.caret_browsing() {
            CaretBrowsing::Off
        } else {
            CaretBrowsing::On
        };
        if self.caret_browsing() {
            if !self.selection.is_some_and(|s| self.shows(s.cursor_char)) {
                self.selection = self.first_word_char.map(Selection::caret);
            }
        } else if self.selection.is_some_and(Selection::is_empty) {
            self.selection = None;
        }
    }

    /// Moves the caret (or, with `extend`, the selection's moving end). A
    /// caret out of view starts again at the first word in view; the first
    /// press without a caret only places it (with Shift it extends from it).
    pub(super) fn move_caret(
        &mut self,
        movement: CursorMove,
        extend: bool,
        document: &Document,
        ctx: &egui::Context,
    ) {
        self.caret_browsing = CaretBrowsing::On;
        let from = match self.selection {
            Some(s) if !s.is_empty() || self.shows(s.cursor_char) => s,
            _ => {
                let Some(at) = self.first_word_char else {
                    return;
                };
                self.selection = Some(Selection::caret(at));
                self.caret_x = None;
                // The first arrow shows the caret where the eye is; Ctrl+Home
                // and Ctrl+End go where they say at once.
                let goes_to_an_end = matches!(
                    movement,
                    CursorMove::DocumentStart | CursorMove::DocumentEnd
                );
                if !extend && !goes_to_an_end {
                    return;
                }
                Selection::caret(at)
            }
        };
        let range = from.range();
        let cursor = match movement {
            // An arrow on a selection collapses it to that side, as editors do.
            CursorMove::Char(n) if !extend && !from.is_empty() => {
                if n < 0 {
                    range.start
                } else {
                    range.end
                }
            }
            m if m.is_by_rows() => self.row_move(ctx, document, from.cursor_char, m),
            m => moved_cursor(document, from.cursor_char, m),
        };
        if !matches!(movement, CursorMove::Line(_)) {
            self.caret_x = None;
        }
        self.selection = Some(if extend {
            Selection {
                anchor_char: from.anchor_char,
                cursor_char: cursor,
            }
        } else {
            Selection::caret(cursor)
        });
        self.keep_caret_in_view(ctx, document, cursor);
    }

    /// Whether an offset was in the blocks shown last frame.
    fn shows(&self, at_char: usize) -> bool {
        self.chars_in_view.contains(&at_char) || self.chars_in_view.end == at_char
    }

    /// A block laid out as the last frame set it (egui keeps the galleys of
    /// recent frames, so a block on screen is not laid out again).
    pub(super) fn block_galley(
        &self,
        ctx: &egui::Context,
        document: &Document,
        index: usize,
    ) -> Option<BlockGalley> {
        let (style, measure) = self.typeset?;
        document.blocks().get(index)?;
        let look = self.block_look(document, index, &style, measure);
        let galley = layout_block(ctx, document, index, &look, &style, measure);
        let offset = galley_offset(&look, measure, &galley);
        Some(BlockGalley { galley, offset })
    }

    /// Up, down, or along the row, through the laid-out rows.
    fn row_move(
        &mut self,
        ctx: &egui::Context,
        document: &Document,
        from_char: usize,
        movement: CursorMove,
    ) -> usize {
        let Some(index) = document.block_at(from_char) else {
            return from_char;
        };
        let Some(block) = self.block_galley(ctx, document, index) else {
            return from_char;
        };
        let start = |index: usize| document.blocks()[index].chars.start;
        let in_block = from_char.saturating_sub(start(index));
        let rows = row_chars(&block.galley);
        if rows.is_empty() {
            return from_char;
        }
        let r = row_of(&rows, in_block);
        match movement {
            CursorMove::LineStart => start(index) + rows[r].start,
            CursorMove::LineEnd => start(index) + row_end(&block.galley, &rows, r),
            CursorMove::Line(n) => {
                let x = self
                    .caret_x
                    .unwrap_or_else(|| block.offset.x + caret_rect(&block.galley, in_block).min.x);
                self.caret_x = Some(x);
                self.line_move(ctx, document, (index, block), r, n, x)
            }
            _ => from_char,
        }
    }

    /// `n` rows down (up when negative) from row `r` of the block `at`,
    /// into the blocks after (before) it, to the char nearest `x`.
    fn line_move(
        &mut self,
        ctx: &egui::Context,
        document: &Document,
        at: (usize, BlockGalley),
        mut r: usize,
        n: i64,
        x: f32,
    ) -> usize {
        let (mut index, mut block) = at;
        let start = |index: usize| document.blocks()[index].chars.start;
        let mut rows = row_chars(&block.galley);
        for _ in 0..n.unsigned_abs() {
            if n > 0 && r + 1 < rows.len() {
                r += 1;
            } else if n < 0 && r > 0 {
                r -= 1;
            } else {
                let next = if n > 0 {
                    index + 1
                } else {
                    index.wrapping_sub(1)
                };
                let Some(galley) = self.block_galley(ctx, document, next) else {
                    // Past the first or last row of the text: its start or end.
                    return if n > 0 { document.char_count() } else { 0 };
                };
                (index, block) = (next, galley);
                rows = row_chars(&block.galley);
                r = if n > 0 {
                    0
                } else {
                    rows.len().saturating_sub(1)
                };
            }
        }
        if rows.is_empty() {
            return start(index);
        }
        start(index) + at_x(&block.galley, &rows, r, x - block.offset.x)
    }

    /// Scrolls just enough that the caret's row shows, with a row to spare.
    fn keep_caret_in_view(&mut self, ctx: &egui::Context, document: &Document, at_char: usize) {
        let Some(index) = document.block_at(at_char) else {
            return;
        };
        let measured = self.heights.measured.get(index).copied().unwrap_or(false);
        let Some(block) = self.block_galley(ctx, document, index).filter(|_| measured) else {
            self.scroll_request = Some(ScrollRequest::Reveal(at_char));
            return;
        };
        let in_block = at_char - document.blocks()[index].chars.start;
        let caret = caret_rect(&block.galley, in_block);
        let top = self.heights.tops[index] + block.offset.y + caret.min.y;
        let bottom = self.heights.tops[index] + block.offset.y + caret.max.y;
        let spare = caret.height();
        let view_top = match self.scroll_request {
            Some(ScrollRequest::ToOffset(y)) => y,
            _ => self.offset_y,
        };
        let view_bottom = view_top + self.viewport_height;
        if top - spare < view_top {
            self.scroll_request = Some(ScrollRequest::ToOffset(top - spare));
        } else if bottom + spare > view_bottom {
            self.scroll_request = Some(ScrollRequest::ToOffset(
                bottom + spare - self.viewport_height,
            ));
        }
    }

    /// The first word whose row starts in view (where the caret appears).
    pub(super) fn first_word_in_view(
        placed: &[super::layout::PlacedBlock],
        document: &Document,
        view_top: f32,
    ) -> Option<usize> {
        placed.iter().find_map(|block| {
            let rows = row_chars(&block.galley);
            let r = block
                .galley
                .rows
                .iter()
                .position(|row| block.pos.y + row.min_y() >= view_top - 1.0)?;
            let at = document.blocks()[block.index].chars.start + rows[r].start;
            Some(word_start_at_or_after(document, at))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn galley(text: &str, width: f32) -> Arc<Galley> {
        let ctx = egui::Context::default();
        let mut galley = None;
        let mut output = ctx.run_ui(Default::default(), |ui| {
            let mut job = egui::text::LayoutJob::simple(
                text.to_owned(),
                egui::FontId::proportional(14.0),
                egui::Color32::WHITE,
                width,
            );
            job.wrap.max_width = width;
            galley = Some(ui.fonts_mut(|f| f.layout_job(job)));
        });
        output.textures_delta.clear();
        galley.unwrap()
    }

    #[test]
    fn an_offset_at_a_soft_wrap_is_on_the_row_it_starts() {
        let g = galley("alpha beta gamma delta epsilon zeta eta theta", 80.0);
        let rows = row_chars(&g);
        assert!(rows.len() > 2, "{rows:?}");
        assert_eq!(rows[0].end, rows[1].start, "a soft wrap");
        assert_eq!(row_of(&rows, rows[1].start), 1);
        // The end of a wrapped row is before the space it wraps at.
        assert_eq!(row_end(&g, &rows, 0), rows[0].end - 1);
        assert_eq!(row_of(&rows, row_end(&g, &rows, 0)), 0);
        let last = rows.len() - 1;
        assert_eq!(row_end(&g, &rows, last), rows[last].end);
        // Far right on a wrapped row is its end, not the next row's start.
        assert_eq!(at_x(&g, &rows, 0, 10_000.0), rows[0].end - 1);
        assert_eq!(at_x(&g, &rows, 1, -5.0), rows[1].start);
    }
}
