//! Room for an ordered list's widest number. A number hangs before its
//! item into the column's margin, as a browser hangs it; a list whose
//! numbers would reach past the narrowest margin ("XVIII.", "10000.") is
//! set further in, all its items alike, so no number is cut at the
//! window's edge and the items' text stays in line.

use crate::document::{Block, BlockKind, Document, ListNumber, NumberStyle};

/// How wide a number may be, in ems, before its list is set further in:
/// the room before an item's text (its indent less the gap before it, see
/// `paint_list_marker`) and the column's narrowest margin, less a little.
const HANGING_ROOM_EM: f32 = 2.4;

/// The most a list is set in for its numbers, in ems: past it, the
/// widest numbers of a very long list ("MMMDCCCLXXXVIII.") hang into the
/// margin rather than squeeze every item's text.
const MAX_EXTRA_EM: f32 = 6.0;

/// Lists nest at most this deep (`BlockKind::ListItem`'s level).
const MAX_LEVEL: usize = 9;

/// How much further in than their level sets them a document's list items
/// are set, in ems: worked out once for a document, in one pass.
#[derive(Debug, Default)]
pub(super) struct ListRoom {
    /// The document it was worked out for (its blocks and chars).
    key: Option<(usize, usize)>,
    /// Per block: its own list's widest number's overflow and its
    /// enclosing lists'.
    extra_em: Vec<f32>,
}

impl ListRoom {
    /// The extra indent of the block at `index`, in points.
    pub(super) fn extra_indent(
        &mut self,
        document: &Document,
        index: usize,
        font_size: f32,
    ) -> f32 {
        let key = (document.blocks().len(), document.char_count());
        if self.key != Some(key) {
            self.extra_em = extra_ems(document.blocks());
            self.key = Some(key);
        }
        self.extra_em.get(index).copied().unwrap_or(0.0) * font_size
    }
}

/// A list at one level open while the blocks are walked: where it began
/// and its widest number so far.
#[derive(Clone, Copy)]
struct OpenRun {
    first: usize,
    widest_em: f32,
}

/// Each block's extra indent in ems. A level-`L` list is a run of list
/// items of level `L` or deeper; its overflow is its level-`L` items'
/// widest number's, and moves every block of the run (the lists nested in
/// it with their parent).
fn extra_ems(blocks: &[Block]) -> Vec<f32> {
    let mut extra = vec![0.0; blocks.len()];
    let mut open: [Option<OpenRun>; MAX_LEVEL] = [None; MAX_LEVEL];
    for (index, block) in blocks.iter().enumerate() {
        let level = match block.kind {
            BlockKind::ListItem { level, .. } => usize::from(level).clamp(1, MAX_LEVEL),
            _ => 0,
        };
        for deeper in open.iter_mut().skip(level) {
            if let Some(run) = deeper.take() {
                close_run(&mut extra, run, index);
            }
        }
        for run in open.iter_mut().take(level) {
            run.get_or_insert(OpenRun {
                first: index,
                widest_em: 0.0,
            });
        }
        if let (Some(run), Some(number)) = (
            open.get_mut(level.wrapping_sub(1)).and_then(Option::as_mut),
            block.kind.list_number(),
        ) {
            run.widest_em = run.widest_em.max(label_width_em(number));
        }
    }
    for run in open.into_iter().flatten() {
        close_run(&mut extra, run, blocks.len());
    }
    extra
}

/// Moves the blocks of a run that has ended (before `end`) in by its
/// overflow.
fn close_run(extra: &mut [f32], run: OpenRun, end: usize) {
    let overflow = (run.widest_em - HANGING_ROOM_EM).clamp(0.0, MAX_EXTRA_EM);
    if overflow > 0.0 {
        for em in &mut extra[run.first..end] {
            *em += overflow;
        }
    }
}

/// A generous estimate of how wide a number's label is set, in ems (the
/// reader's faces set digits at about 0.56 em).
fn label_width_em(number: ListNumber) -> f32 {
    if number.style == NumberStyle::Decimal {
        let digits = number.value.unsigned_abs().checked_ilog10().unwrap_or(0) + 1;
        let sign = if number.value < 0 { 0.4 } else { 0.0 };
        return digits as f32 * 0.6 + sign + 0.3;
    }
    number
        .label()
        .chars()
        .map(|c| match c {
            '.' | '-' | 'i' | 'l' | 'I' => 0.35,
            'M' | 'm' | 'W' | 'w' => 0.95,
            c if c.is_ascii_uppercase() => 0.8,
            _ => 0.6,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocumentBuilder, Format, Metadata};

    fn list(items: &[(u8, i32, NumberStyle)]) -> Document {
        let mut builder = DocumentBuilder::new(Format::Html, Metadata::default());
        builder.push(BlockKind::Paragraph, "Before.");
        for &(level, value, style) in items {
            let kind = BlockKind::ListItem {
                level,
                number: Some(ListNumber { value, style }),
                continued: false,
            };
            builder.push(kind, "An item.");
        }
        builder.push(BlockKind::Paragraph, "After.");
        builder.finish()
    }

    fn extra(document: &Document) -> Vec<f32> {
        let mut room = ListRoom::default();
        (0..document.blocks().len())
            .map(|index| room.extra_indent(document, index, 20.0))
            .collect()
    }

    #[test]
    fn short_numbers_hang_in_the_margin_and_wide_ones_set_their_list_in() {
        let short = list(&[(1, 9, NumberStyle::Decimal), (1, 10, NumberStyle::Decimal)]);
        assert_eq!(extra(&short), [0.0; 4]);
        let roman = extra(&list(&[
            (1, 17, NumberStyle::UpperRoman),
            (1, 18, NumberStyle::UpperRoman),
        ]));
        assert!(roman[1] > 0.0, "XVIII. is wider than the margin: {roman:?}");
        assert_eq!(roman[1], roman[2], "the items in line");
        assert_eq!(
            (roman[0], roman[3]),
            (0.0, 0.0),
            "the paragraphs as they were"
        );
    }

    #[test]
    fn a_nested_list_moves_with_its_parent_and_adds_its_own() {
        let nested = extra(&list(&[
            (1, 18, NumberStyle::UpperRoman),
            (2, 1, NumberStyle::LowerAlpha),
            (2, 3888, NumberStyle::UpperRoman),
            (1, 19, NumberStyle::UpperRoman),
            (2, 1, NumberStyle::Decimal),
        ]));
        let parent = nested[1];
        assert!(parent > 0.0);
        assert!(
            nested[2] > parent,
            "MMMDCCCLXXXVIII. moves its own list: {nested:?}"
        );
        assert!(nested[2] <= parent + MAX_EXTRA_EM * 20.0, "within bounds");
        assert_eq!(nested[2], nested[3]);
        assert_eq!(
            (nested[4], nested[5]),
            (parent, parent),
            "a short nested list moves with its parent"
        );
    }
}
