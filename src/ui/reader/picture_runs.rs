//! Pictures that stand in a line of text rather than above a caption: a
//! run of small pictures (a README's badges, under two lines tall) is set
//! at text height in rows, like words, at the run's first block; a run of
//! pictures on the web, never fetched, is one quiet line there. The
//! others of a run take no room. A picture in a run has no caption: its
//! block's text is its alt text, which the picture stands for — kept in
//! the canonical text, laid out invisible and without height.

use std::ops::Range;

use eframe::egui::{Rect, Vec2, pos2, vec2};

use crate::document::{Document, NO_CAPTION, PictureSource};

use super::layout::PlacedBlock;
use super::pictures::PictureShelf;
use super::{Reader, ReaderStyle};

/// What puts a picture in a line with others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum InlineKind {
    /// On the web, never fetched.
    Remote,
    /// Under two lines tall.
    Small,
}

/// Where a figure stands among pictures set in a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum PictureRun {
    /// Set on its own, above its caption.
    Alone,
    /// The first of a run: it sets the run's pictures (`blocks`).
    Head {
        kind: InlineKind,
        blocks: Range<usize>,
    },
    /// One after the first; `last` when the run ends with it.
    Member { last: bool },
}

/// The most pictures in a run (a longer one starts another).
const MAX_RUN: usize = 64;

/// A small picture's height as set in a line, in ems: a capital and a
/// descender.
const TEXT_HEIGHT_EM: f32 = 1.3;

/// The space between pictures in a line and between their rows, in ems.
const GAP_EM: f32 = 0.4;

impl PictureShelf {
    /// Whether the figure at `index` is set in a line with others, and why.
    fn inline_kind(
        &self,
        document: &Document,
        index: usize,
        style: &ReaderStyle,
    ) -> Option<InlineKind> {
        let picture = document.picture_of(index)?;
        let text = document.block_text(index);
        let no_caption =
            text == NO_CAPTION || text.split_whitespace().eq(picture.alt.split_whitespace());
        if !no_caption {
            return None;
        }
        if matches!(picture.source, PictureSource::Remote(_)) {
            return Some(InlineKind::Remote);
        }
        if self.shows_placeholder(index, picture) {
            return None;
        }
        let [_, height_px] = self.natural_size(index, picture)?;
        let two_lines = 2.0 * style.font_size * style.text.line_spacing.line_height_em();
        (height_px as f32 <= two_lines).then_some(InlineKind::Small)
    }

    /// Where the figure at `index` stands among pictures set in a line.
    pub(super) fn run_of(
        &self,
        document: &Document,
        index: usize,
        style: &ReaderStyle,
    ) -> PictureRun {
        let Some(kind) = self.inline_kind(document, index, style) else {
            return PictureRun::Alone;
        };
        let same = |at: usize| self.inline_kind(document, at, style) == Some(kind);
        let first = (index.saturating_sub(MAX_RUN - 1)..index)
            .rev()
            .take_while(|&at| same(at))
            .last()
            .unwrap_or(index);
        // A run longer than the most is cut into runs of the most.
        let head = index - (index - first) % MAX_RUN;
        let end = (head + 1..document.blocks().len().min(head + MAX_RUN))
            .take_while(|&at| same(at))
            .last()
            .map_or(head + 1, |last| last + 1);
        if head == index {
            PictureRun::Head {
                kind,
                blocks: index..end,
            }
        } else {
            PictureRun::Member {
                last: index + 1 == end,
            }
        }
    }

    /// A small picture as set in a line: at text height (never enlarged),
    /// never wider than the measure.
    fn inline_size(
        &self,
        document: &Document,
        index: usize,
        style: &ReaderStyle,
        measure: f32,
    ) -> Vec2 {
        let Some([width, height]) = document
            .picture_of(index)
            .and_then(|picture| self.natural_size(index, picture))
        else {
            return Vec2::ZERO;
        };
        let (width, height) = (width.max(1) as f32, height.max(1) as f32);
        let scale = (style.font_size * TEXT_HEIGHT_EM / height)
            .min(measure / width)
            .min(1.0);
        vec2((width * scale).round(), (height * scale).round())
    }

    /// Where each picture of a run of small ones is set, from the top left
    /// of the run's room: left to right, a new row when one is full, each
    /// on its row's bottom; and how tall the rows are together.
    pub(super) fn inline_places(
        &self,
        document: &Document,
        blocks: Range<usize>,
        style: &ReaderStyle,
        measure: f32,
    ) -> (Vec<(usize, Rect)>, f32) {
        let gap = (style.font_size * GAP_EM).round();
        let mut rows: Vec<Vec<(usize, Vec2)>> = vec![Vec::new()];
        let mut x = 0.0;
        for index in blocks {
            let size = self.inline_size(document, index, style, measure);
            let row_full = x > 0.0 && x + size.x > measure;
            if row_full {
                rows.push(Vec::new());
                x = 0.0;
            }
            if let Some(row) = rows.last_mut() {
                row.push((index, size));
            }
            x += size.x + gap;
        }
        let mut places = Vec::new();
        let mut top = 0.0;
        for row in rows.iter().filter(|row| !row.is_empty()) {
            let height = row.iter().map(|(_, size)| size.y).fold(0.0, f32::max);
            let mut left = 0.0;
            for &(index, size) in row {
                let min = pos2(left, top + height - size.y);
                places.push((index, Rect::from_min_size(min, size)));
                left += size.x + gap;
            }
            top += height + gap;
        }
        (places, (top - gap).max(0.0))
    }
}

impl Reader {
    /// Where the small pictures set in lines among the placed blocks are
    /// on screen, each with its block's first char (the picture's link is
    /// its alt text's: a click on a badge follows it).
    pub(super) fn inline_picture_rects(
        &self,
        placed: &[PlacedBlock],
        document: &Document,
        column_left: f32,
    ) -> Vec<(Rect, usize)> {
        let Some((style, measure)) = self.typeset else {
            return Vec::new();
        };
        let mut rects = Vec::new();
        for block in placed {
            let PictureRun::Head {
                kind: InlineKind::Small,
                blocks,
            } = self.pictures.run_of(document, block.index, &style)
            else {
                continue;
            };
            let (places, height) = self
                .pictures
                .inline_places(document, blocks, &style, measure);
            let origin = vec2(column_left, block.pos.y - height);
            rects.extend(
                places.into_iter().map(|(at, place)| {
                    (place.translate(origin), document.blocks()[at].chars.start)
                }),
            );
        }
        rects
    }
}

#[cfg(test)]
#[path = "picture_runs_tests.rs"]
mod tests;
