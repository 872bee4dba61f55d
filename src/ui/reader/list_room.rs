//! Room for an ordered list's widest number. A number hangs before its
//! item into the column's margin, as a browser hangs it; a list whose
//! numbers would reach past the narrowest margin ("XVIII.", "10000.") is
//! set further in, all its items alike, so no number is cut at the
//! window's edge and the items' text stays in line.

use crate::document::{Block, BlockKind, ListNumber, NumberStyle};

/// How wide a number may be, in ems, before its list is set further in:
/// the room before an item's text (its indent less the gap before it, see
/// `paint_list_marker`) and the column's narrowest margin, less a little.
const HANGING_ROOM_EM: f32 = 2.4;

/// The most blocks looked at either side of an item for its list's
/// widest number (the work of a frame is bounded).
const MAX_SCAN: usize = 64;

/// How much further in than its level sets it the item at `index` is set,
/// in points: its own list's widest number's overflow and its enclosing
/// lists'.
pub(super) fn extra_list_indent(blocks: &[Block], index: usize, font_size: f32) -> f32 {
    let BlockKind::ListItem { level, .. } = blocks[index].kind else {
        return 0.0;
    };
    let ems: f32 = (1..=level)
        .map(|at| overflow_at_level(blocks, index, at))
        .sum();
    ems * font_size
}

/// How far, in ems, the widest number of the level-`level` list around
/// the item at `index` reaches past the room a number has.
fn overflow_at_level(blocks: &[Block], index: usize, level: u8) -> f32 {
    let in_list =
        |at: usize| matches!(blocks[at].kind, BlockKind::ListItem { level: l, .. } if l >= level);
    let first = (index.saturating_sub(MAX_SCAN)..index)
        .rev()
        .take_while(|&at| in_list(at))
        .last()
        .unwrap_or(index);
    let end = (index + 1..blocks.len().min(index + MAX_SCAN))
        .take_while(|&at| in_list(at))
        .last()
        .map_or(index + 1, |last| last + 1);
    let widest = blocks[first..end]
        .iter()
        .filter(|block| matches!(block.kind, BlockKind::ListItem { level: l, .. } if l == level))
        .filter_map(|block| block.kind.list_number())
        .map(label_width_em)
        .fold(0.0, f32::max);
    (widest - HANGING_ROOM_EM).max(0.0)
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

    fn list(labels: &[(u8, i32, NumberStyle)]) -> Vec<Block> {
        let mut builder = DocumentBuilder::new(Format::Html, Metadata::default());
        for &(level, value, style) in labels {
            let kind = BlockKind::ListItem {
                level,
                number: Some(ListNumber { value, style }),
                continued: false,
            };
            builder.push(kind, "An item.");
        }
        builder.finish().blocks().to_vec()
    }

    #[test]
    fn short_numbers_hang_in_the_margin_and_wide_ones_set_their_list_in() {
        let short = list(&[(1, 9, NumberStyle::Decimal), (1, 10, NumberStyle::Decimal)]);
        assert_eq!(extra_list_indent(&short, 0, 20.0), 0.0);
        let roman = list(&[
            (1, 17, NumberStyle::UpperRoman),
            (1, 18, NumberStyle::UpperRoman),
        ]);
        let first = extra_list_indent(&roman, 0, 20.0);
        assert!(first > 0.0, "XVIII. is wider than the margin");
        assert_eq!(first, extra_list_indent(&roman, 1, 20.0), "items in line");
    }

    #[test]
    fn a_nested_list_moves_with_its_parent() {
        let nested = list(&[
            (1, 18, NumberStyle::UpperRoman),
            (2, 1, NumberStyle::LowerAlpha),
        ]);
        let parent = extra_list_indent(&nested, 0, 20.0);
        assert!(parent > 0.0);
        assert_eq!(extra_list_indent(&nested, 1, 20.0), parent);
    }
}
