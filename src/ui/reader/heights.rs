//! The height model: every block's slot height (estimated from its length
//! until it is laid out, then measured) and the tops they add up to.

use std::ops::Range;

use eframe::egui::{FontId, Ui};

use crate::document::Document;

use super::look::average_char_width;
use super::{Reader, ReaderStyle};

/// Space above the first block, in ems of the body text.
pub(super) const TOP_PADDING_EM: f32 = 2.5;

/// What the heights were computed for; a change re-estimates them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct LayoutKey {
    wrap_width: f32,
    font_size: f32,
    text: crate::ui::text_settings::TextSettings,
    fonts_generation: u64,
    block_count: usize,
    char_count: usize,
}

/// Heights of all blocks (estimated or measured) and their tops.
#[derive(Debug, Default)]
pub(super) struct BlockHeights {
    key: Option<LayoutKey>,
    /// Slot height of each block: space before + text + space after.
    pub(super) heights: Vec<f32>,
    pub(super) measured: Vec<bool>,
    /// `tops[i]` is the top of block `i`'s slot; `tops[n]` is the total.
    pub(super) tops: Vec<f32>,
}

impl BlockHeights {
    pub(super) fn recompute_tops(&mut self, top_padding: f32) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = top_padding;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
    }

    pub(super) fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The blocks whose slots intersect `min_y..max_y`.
    pub(super) fn visible(&self, min_y: f32, max_y: f32) -> Range<usize> {
        let n = self.heights.len();
        let first = self.tops[..n]
            .partition_point(|&t| t <= min_y)
            .saturating_sub(1);
        let end = self.tops[..n].partition_point(|&t| t < max_y);
        first..end.max(first).min(n)
    }

    /// Takes a block's measured slot height; returns how much it changed.
    pub(super) fn measure(&mut self, index: usize, height: f32) -> f32 {
        if self.measured[index] && self.heights[index] == height {
            return 0.0;
        }
        let delta = height - self.heights[index];
        self.heights[index] = height;
        self.measured[index] = true;
        delta
    }
}

impl Reader {
    /// Estimates every block's height when the measure, the size or the
    /// document changed.
    pub(super) fn ensure_estimates(
        &mut self,
        ui: &Ui,
        document: &Document,
        style: &ReaderStyle,
        measure: f32,
    ) {
        let key = LayoutKey {
            wrap_width: measure,
            font_size: style.font_size,
            text: style.text,
            fonts_generation: style.fonts_generation,
            block_count: document.blocks().len(),
            char_count: document.char_count(),
        };
        if self.heights.key == Some(key) {
            return;
        }
        let mut char_widths: Vec<(FontId, f32)> = Vec::new();
        let mut heights = Vec::with_capacity(document.blocks().len());
        for index in 0..document.blocks().len() {
            let look = self.block_look(document, index, style, measure);
            let char_width = match char_widths.iter().find(|(f, _)| *f == look.font) {
                Some((_, w)) => *w,
                None => {
                    let w = average_char_width(ui, &look.font);
                    char_widths.push((look.font.clone(), w));
                    w
                }
            };
            let per_row = ((measure - look.indent) / char_width).max(1.0);
            let rows: f32 = document
                .block_text(index)
                .split('\n')
                .map(|line| (line.chars().count() as f32 / per_row).ceil().max(1.0))
                .sum();
            heights.push(look.space_before + rows * look.line_height + look.space_after);
        }
        self.heights = BlockHeights {
            key: Some(key),
            measured: vec![false; heights.len()],
            heights,
            tops: Vec::new(),
        };
        self.heights
            .recompute_tops(TOP_PADDING_EM * style.font_size);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_blocks_by_binary_search() {
        let mut heights = BlockHeights {
            heights: vec![10.0, 20.0, 30.0],
            measured: vec![false; 3],
            ..Default::default()
        };
        heights.recompute_tops(5.0);
        assert_eq!(heights.tops, vec![5.0, 15.0, 35.0, 65.0]);
        assert_eq!(heights.visible(0.0, 14.0), 0..1);
        assert_eq!(heights.visible(16.0, 40.0), 1..3);
        assert_eq!(heights.visible(70.0, 80.0), 2..3);
    }
}
