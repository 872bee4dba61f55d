//! Tables in aligned columns, in the reading face. A table block's text is
//! a line per row with its cells separated by tabs. Each cell is laid out on
//! its own, wrapped within its column; the cells' rows are then placed side
//! by side in one galley, in text order (the tab or line break after a cell
//! counts as the end of its last row), so selection, highlights and the
//! caret work as in any block. Columns share the measure as a browser
//! shares a page: their natural widths when the table fits, else at least
//! their longest word each and the rest in proportion; a table still wider
//! than the measure scrolls sideways (`table_scroll`).

use std::sync::Arc;

use eframe::egui::{self, Galley, Vec2, pos2, text::LayoutJob, vec2};

use crate::document::StyledSpan;

use super::ReaderStyle;
use super::layout::append_styled;
use super::look::BlockLook;

/// The space between two columns, in ems.
const COLUMN_GAP_EM: f32 = 1.4;
/// The space between two rows of a table whose cells wrap, in lines.
const ROW_GAP_LINES: f32 = 0.4;
/// The most of the measure a column's longest word may claim; longer words
/// break.
const LONGEST_WORD_SHARE: f32 = 0.45;
/// The most of the measure a column of a table that scrolls sideways takes
/// before its text wraps.
const SCROLLING_COLUMN_SHARE: f32 = 0.4;

/// One cell: its text, its char range in the block, its row and column.
struct Cell<'t> {
    text: &'t str,
    start_char: usize,
    row: usize,
    column: usize,
}

/// Lays out a table block in `width` points: cells wrapped within their
/// columns, columns aligned. The galley is wider than `width` only when the
/// columns' longest words do not fit.
pub(super) fn layout_table(
    ctx: &egui::Context,
    text: &str,
    spans: &[StyledSpan],
    look: &BlockLook,
    style: &ReaderStyle,
    width: f32,
) -> Arc<Galley> {
    let base = egui::TextFormat {
        font_id: look.font.clone(),
        color: look.color,
        line_height: Some(look.line_height),
        ..Default::default()
    };
    let lay_out = |cell: &Cell, wrap_width: f32| {
        let mut job = LayoutJob::default();
        job.wrap.max_width = wrap_width;
        append_styled(
            &mut job,
            cell.text,
            &cell.spans(spans),
            &base,
            &style.palette,
        );
        if job.sections.is_empty() {
            job.append("", 0.0, base.clone());
        }
        ctx.fonts_mut(|f| f.layout_job(job))
    };
    let cells = cells_of(text);
    let natural: Vec<Arc<Galley>> = cells.iter().map(|c| lay_out(c, f32::INFINITY)).collect();
    let (natural_widths, word_widths) = measured_columns(&cells, &natural, width);
    let columns = natural_widths.len();
    let gap = look.font.size * COLUMN_GAP_EM;
    let gaps = gap * columns.saturating_sub(1) as f32;
    let widths = column_widths(&natural_widths, &word_widths, width - gaps);
    // Only the cells wider than their column are laid out again.
    let galleys: Vec<Arc<Galley>> = cells
        .iter()
        .zip(natural)
        .map(|(cell, galley)| {
            if galley.size().x <= widths[cell.column] + 0.5 {
                galley
            } else {
                lay_out(cell, widths[cell.column])
            }
        })
        .collect();
    let column_x: Vec<f32> = widths
        .iter()
        .scan(0.0, |x, width| {
            let at = *x;
            *x += width + gap;
            Some(at)
        })
        .collect();
    place_cells(text, &cells, &galleys, &column_x, look)
}

/// Each column's natural width (its widest cell unwrapped) and the width
/// of its longest word (at most a share of the measure `width`).
fn measured_columns(cells: &[Cell], natural: &[Arc<Galley>], width: f32) -> (Vec<f32>, Vec<f32>) {
    let columns = cells.iter().map(|c| c.column + 1).max().unwrap_or(0);
    let mut natural_widths = vec![0.0f32; columns];
    let mut word_widths = vec![0.0f32; columns];
    for (cell, galley) in cells.iter().zip(natural) {
        let column = cell.column;
        natural_widths[column] = natural_widths[column].max(galley.size().x);
        word_widths[column] =
            word_widths[column].max(longest_word(galley).min(width * LONGEST_WORD_SHARE));
    }
    (natural_widths, word_widths)
}

/// The cells' galleys joined into one, each row of each cell moved to its
/// column and its table row.
fn place_cells(
    text: &str,
    cells: &[Cell],
    galleys: &[Arc<Galley>],
    column_x: &[f32],
    look: &BlockLook,
) -> Arc<Galley> {
    let pixels_per_point = galleys.first().map_or(1.0, |g| g.pixels_per_point);
    let mut job = LayoutJob::default();
    job.append(
        text,
        0.0,
        egui::TextFormat::simple(look.font.clone(), look.color),
    );
    job.wrap.max_width = f32::INFINITY;
    // Rows in text order, each cell's last row ending with its separator.
    let mut table = Galley::concat(Arc::new(job), galleys, pixels_per_point);
    let wraps = galleys.iter().any(|g| g.rows.len() > 1);
    let row_gap = if wraps {
        (look.line_height * ROW_GAP_LINES).round()
    } else {
        0.0
    };
    let mut placed_rows = table.rows.iter_mut();
    let mut top = 0.0;
    let mut cell_index = 0;
    while cell_index < cells.len() {
        let row = cells[cell_index].row;
        let in_row = cells[cell_index..]
            .iter()
            .take_while(|c| c.row == row)
            .count();
        let mut height = look.line_height;
        for (cell, galley) in cells[cell_index..]
            .iter()
            .zip(&galleys[cell_index..])
            .take(in_row)
        {
            for own_row in &galley.rows {
                if let Some(placed) = placed_rows.next() {
                    let at = own_row.pos + vec2(column_x[cell.column], top);
                    placed.pos = pos2(
                        (at.x * pixels_per_point).round() / pixels_per_point,
                        (at.y * pixels_per_point).round() / pixels_per_point,
                    );
                }
            }
            height = height.max(galley.size().y);
        }
        top += height + row_gap;
        cell_index += in_row;
    }
    fit_bounds(&mut table);
    Arc::new(table)
}

/// The galley's bounds around its rows where they were moved.
fn fit_bounds(table: &mut Galley) {
    table.rect = egui::Rect::ZERO;
    table.mesh_bounds = egui::Rect::NOTHING;
    for placed in &table.rows {
        table.rect |= placed.rect();
        table.mesh_bounds |= placed.visuals.mesh_bounds.translate(placed.pos.to_vec2());
    }
}

/// The columns' widths in `available` points: their natural widths when
/// they fit; else the widest columns are narrowed first, to one common
/// width, never below their longest word (short columns stay whole); else
/// (the table scrolls) each column whole up to a share of the measure.
fn column_widths(natural: &[f32], longest_word: &[f32], available: f32) -> Vec<f32> {
    let capped = |cap: f32| -> Vec<f32> {
        natural
            .iter()
            .zip(longest_word)
            .map(|(n, m)| n.min(cap).max(*m))
            .collect()
    };
    if natural.iter().sum::<f32>() <= available {
        return natural.to_vec();
    }
    if longest_word.iter().sum::<f32>() >= available {
        // The table scrolls sideways anyway: a column of long text may take
        // a good share of the measure rather than wrap at every word.
        return capped(available * SCROLLING_COLUMN_SHARE);
    }
    // The widest cap that fits: the total grows with the cap.
    let (mut fits, mut too_wide) = (0.0f32, natural.iter().copied().fold(0.0, f32::max));
    for _ in 0..32 {
        let cap = (fits + too_wide) / 2.0;
        if capped(cap).iter().sum::<f32>() <= available {
            fits = cap;
        } else {
            too_wide = cap;
        }
    }
    capped(fits)
}

/// The width of the widest word of a one-row galley, in points.
fn longest_word(galley: &Galley) -> f32 {
    let mut widest = 0.0f32;
    for row in &galley.rows {
        let mut word_start: Option<f32> = None;
        for glyph in &row.glyphs {
            if glyph.chr.is_whitespace() {
                word_start = None;
            } else {
                let start = *word_start.get_or_insert(glyph.pos.x);
                widest = widest.max(glyph.max_x() - start);
            }
        }
    }
    widest
}

/// The char under `pos` (relative to the galley) in a galley whose rows may
/// sit side by side (a table's cells): on the nearest row of the nearest
/// line. Above the first row it is the start; below the last, the end (as
/// egui's own answer, for dragging past a block).
pub(super) fn char_at_pos(galley: &Galley, pos: Vec2) -> usize {
    const MARGIN: f32 = 5.0;
    let top = galley
        .rows
        .iter()
        .map(|r| r.min_y())
        .fold(f32::INFINITY, f32::min);
    let bottom = galley
        .rows
        .iter()
        .map(|r| r.max_y())
        .fold(f32::NEG_INFINITY, f32::max);
    if pos.y < top - MARGIN || pos.y > bottom + MARGIN {
        return galley.cursor_from_pos(pos).index.0;
    }
    let mut start = 0;
    let mut best: Option<((f32, f32), usize)> = None;
    for row in &galley.rows {
        let rect = row.rect();
        let distance = |range: egui::Rangef, at: f32| {
            if range.contains(at) {
                0.0
            } else {
                (range.min - at).abs().min((range.max - at).abs())
            }
        };
        let score = (
            distance(rect.y_range(), pos.y),
            distance(rect.x_range(), pos.x),
        );
        if best.is_none_or(|(best_score, _)| score < best_score) {
            best = Some((score, start + row.char_at(pos.x - row.pos.x).0));
        }
        start += row.char_count_including_newline().0;
    }
    best.map_or(0, |(_, at)| at)
}

/// Where the head of a table (its first row) ends, in points from the
/// galley's top.
pub(super) fn head_bottom(galley: &Galley) -> f32 {
    let head_chars = galley
        .text()
        .split('\n')
        .next()
        .map_or(0, |line| line.chars().count());
    let mut start = 0;
    let mut bottom = 0.0f32;
    for row in &galley.rows {
        if start > head_chars {
            break;
        }
        bottom = bottom.max(row.max_y());
        start += row.char_count_including_newline().0;
    }
    bottom
}

impl Cell<'_> {
    /// The block's styles over this cell, in chars of the cell.
    fn spans(&self, spans: &[StyledSpan]) -> Vec<StyledSpan> {
        let end = self.start_char + self.text.chars().count();
        spans
            .iter()
            .filter(|s| s.chars.start < end && s.chars.end > self.start_char)
            .map(|s| StyledSpan {
                chars: s.chars.start.max(self.start_char) - self.start_char
                    ..s.chars.end.min(end) - self.start_char,
                style: s.style.clone(),
            })
            .collect()
    }
}

/// The cells of a table's text, in order, with their rows and columns.
fn cells_of(text: &str) -> Vec<Cell<'_>> {
    let mut cells = Vec::new();
    let mut start_char = 0;
    for (row, line) in text.split('\n').enumerate() {
        for (column, cell) in line.split('\t').enumerate() {
            cells.push(Cell {
                text: cell,
                start_char,
                row,
                column,
            });
            start_char += cell.chars().count() + 1;
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_their_natural_widths_when_the_table_fits() {
        assert_eq!(
            column_widths(&[50.0, 100.0], &[20.0, 30.0], 200.0),
            [50.0, 100.0]
        );
    }

    #[test]
    fn a_table_too_wide_narrows_its_widest_columns_first() {
        let widths = column_widths(&[50.0, 400.0, 300.0], &[40.0, 60.0, 250.0], 500.0);
        assert!(
            (widths.iter().sum::<f32>() - 500.0).abs() < 0.01,
            "{widths:?}"
        );
        assert_eq!(widths[0], 50.0, "a short column stays whole");
        assert!(widths[1] < 400.0 && widths[2] >= 250.0, "{widths:?}");
        assert!((widths[1] - 200.0).abs() < 0.01, "{widths:?}");
    }

    #[test]
    fn words_that_cannot_fit_make_the_table_wider_than_the_measure() {
        assert_eq!(
            column_widths(&[300.0, 300.0], &[150.0, 120.0], 200.0),
            [150.0, 120.0]
        );
    }

    #[test]
    fn cells_know_their_rows_columns_and_chars() {
        let cells = cells_of("a\tbc\nd\té");
        let found: Vec<_> = cells
            .iter()
            .map(|c| (c.text, c.start_char, c.row, c.column))
            .collect();
        assert_eq!(
            found,
            [
                ("a", 0, 0, 0),
                ("bc", 2, 0, 1),
                ("d", 5, 1, 0),
                ("é", 7, 1, 1)
            ]
        );
    }
}
