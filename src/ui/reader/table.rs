//! Tables in aligned columns, in the reading face. A table block's text is
//! a line per row with its cells separated by tabs; it is laid out as one
//! galley (so selection, highlights and the caret work as in any block),
//! each cell a section whose leading space brings it to its column's edge.

use std::sync::Arc;

use eframe::egui::{self, Galley, text::LayoutJob};

use crate::document::StyledSpan;

use super::ReaderStyle;
use super::layout::append_styled;
use super::look::BlockLook;

/// The space between two columns, in ems.
const COLUMN_GAP_EM: f32 = 1.4;

/// One cell: its text and its char range in the block.
struct Cell<'t> {
    text: &'t str,
    start_char: usize,
    column: usize,
}

/// Lays out a table block: its rows one per line, never wrapped, its cells
/// aligned in columns as wide as their widest cell.
pub(super) fn layout_table(
    ctx: &egui::Context,
    text: &str,
    spans: &[StyledSpan],
    look: &BlockLook,
    style: &ReaderStyle,
) -> Arc<Galley> {
    let base = egui::TextFormat {
        font_id: look.font.clone(),
        color: look.color,
        line_height: Some(look.line_height),
        ..Default::default()
    };
    let cells = cells_of(text);
    // How wide each cell is, in its own styles (a header is bold).
    let widths: Vec<f32> = cells
        .iter()
        .map(|cell| {
            let local = cell.spans(spans);
            let mut job = LayoutJob::default();
            append_styled(&mut job, cell.text, &local, &base, &style.palette);
            ctx.fonts_mut(|f| f.layout_job(job)).size().x
        })
        .collect();
    let columns = cells.iter().map(|c| c.column + 1).max().unwrap_or(0);
    let mut column_widths = vec![0.0f32; columns];
    for (cell, width) in cells.iter().zip(&widths) {
        column_widths[cell.column] = column_widths[cell.column].max(*width);
    }
    let gap = look.font.size * COLUMN_GAP_EM;
    let column_x: Vec<f32> = column_widths
        .iter()
        .scan(0.0, |x, width| {
            let at = *x;
            *x += width + gap;
            Some(at)
        })
        .collect();
    // The separators (tabs, line breaks) take no room of their own.
    let mut invisible = base.clone();
    invisible.font_id.size = 0.01;
    let mut job = LayoutJob::default();
    job.wrap.max_width = f32::INFINITY;
    let byte_of_char: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut x = 0.0;
    let mut previous_end_char = 0;
    for (cell, width) in cells.iter().zip(&widths) {
        // The tab or line break before this cell.
        if cell.start_char > previous_end_char {
            let separator = &text[byte_of_char[previous_end_char]..byte_of_char[cell.start_char]];
            job.append(separator, 0.0, invisible.clone());
            if separator.contains('\n') {
                x = 0.0;
            }
        }
        let end_char = cell.start_char + cell.text.chars().count();
        let first_section = job.sections.len();
        let local = cell.spans(spans);
        append_styled(&mut job, cell.text, &local, &base, &style.palette);
        if let Some(section) = job.sections.get_mut(first_section) {
            section.leading_space = (column_x[cell.column] - x).max(0.0);
        }
        x = x.max(column_x[cell.column]) + width;
        previous_end_char = end_char;
    }
    ctx.fonts_mut(|f| f.layout_job(job))
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

/// The cells of a table's text, in order, with their columns.
fn cells_of(text: &str) -> Vec<Cell<'_>> {
    let mut cells = Vec::new();
    let mut start_char = 0;
    for line in text.split('\n') {
        for (column, cell) in line.split('\t').enumerate() {
            cells.push(Cell {
                text: cell,
                start_char,
                column,
            });
            start_char += cell.chars().count() + 1;
        }
    }
    cells
}
