//! Right-to-left text read in logical order. A PDF draws a Hebrew or
//! Arabic line's glyphs where they stand on the page, in whatever order its
//! producer chose (left to right in most, right to left in some); the
//! line's pieces are put in the order they stand (left to right: visual)
//! and the Unicode bidirectional algorithm's reordering, which turns
//! logical order into visual, turns that visual order back into logical
//! (reversing a run twice is no change: numbers and Latin words inside
//! the line keep their own order).

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

/// Whether a letter is written right to left (Hebrew, Arabic, Syriac …).
pub fn is_right_to_left(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether a letter has a direction of its own (left to right or right
/// to left), rather than taking its neighbours'.
fn is_strong(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::L | BidiClass::R | BidiClass::AL)
}

/// A piece of a line where it stands: its left and right ends and text.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub x: f32,
    pub end_x: f32,
    pub text: String,
}

/// The logical text of a line of pieces holding right-to-left letters:
/// the pieces left to right, a space where the gap between two is wider
/// than `word_space`, then reordered. The line reads right to left when
/// most of its strong letters do.
pub fn logical_text(pieces: &mut [Piece], word_space: f32) -> String {
    pieces.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut visual = String::new();
    let mut right: Option<f32> = None;
    for piece in pieces.iter() {
        if right.is_some_and(|end| piece.x - end > word_space) && !visual.ends_with(' ') {
            visual.push(' ');
        }
        visual.push_str(&piece.text);
        right = Some(right.map_or(piece.end_x, |end| end.max(piece.end_x)));
    }
    let strong = visual.chars().filter(|&c| is_strong(c)).count();
    let right_to_left = visual.chars().filter(|&c| is_right_to_left(c)).count();
    let level = if right_to_left * 2 > strong {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let info = BidiInfo::new(&visual, Some(level));
    info.paragraphs
        .iter()
        .map(|paragraph| info.reorder_line(paragraph, paragraph.range.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of `logical` as a renderer places them: its visual
    /// order, one letter every 6 points, spaces as gaps.
    fn drawn(logical: &str) -> Vec<Piece> {
        let info = BidiInfo::new(logical, None);
        let paragraph = &info.paragraphs[0];
        let visual = info.reorder_line(paragraph, paragraph.range.clone());
        visual
            .chars()
            .enumerate()
            .filter(|(_, c)| *c != ' ')
            .map(|(i, c)| Piece {
                x: i as f32 * 6.0,
                end_x: i as f32 * 6.0 + 6.0,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn hebrew_and_arabic_read_in_logical_order_numbers_and_latin_as_written() {
        for logical in [
            "שלום עולם",
            "ראיון משנת 2026 עם Marginalia ועוד",
            "مرحبا بالعالم 42",
            "An English line quoting שלום עולם in Hebrew",
        ] {
            let mut pieces = drawn(logical);
            // Drawn in either order, read the same.
            pieces.reverse();
            assert_eq!(logical_text(&mut pieces, 3.0), logical);
        }
    }
}
