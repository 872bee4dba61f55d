//! Where a page's canonical text is on the printed page. The text (in
//! reading order, hyphens joined, ligatures spelt out, footnotes moved)
//! and the glyphs (in the order the page draws them) are both read as
//! their letters and digits alone, folded (no case, no accents); the two
//! letter streams are walked together, and where they part the text's next
//! few letters are looked for among the glyphs' — so a footnote moved
//! after the text, or a column read in another order, is found where the
//! page prints it. A letter of the text found nowhere (the "no text layer"
//! note) has no box.

use std::collections::HashMap;
use std::ops::{Range, RangeInclusive};

use unicode_normalization::UnicodeNormalization as _;

use super::page_picture::GlyphBox;

/// How many letters of the text are looked for when the streams part.
const ANCHOR_LETTERS: usize = 10;

/// A rectangle on the page, in points from its top left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceRect {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl PlaceRect {
    fn height(self) -> f32 {
        self.bottom - self.top
    }

    fn union(self, other: Self) -> Self {
        Self {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }

    /// How far a point is from the rectangle (0 inside it); a line away
    /// counts more than a letter away.
    fn distance_to(self, x: f32, y: f32) -> f32 {
        let dx = (self.left - x).max(x - self.right).max(0.0);
        let dy = (self.top - y).max(y - self.bottom).max(0.0);
        dx + dy * 3.0
    }
}

/// A page's letters, on the page and in the text.
#[derive(Clone, Debug, Default)]
pub struct PagePlaces {
    /// Each letter the page draws, in drawing order: its box.
    letter_rects: Vec<PlaceRect>,
    /// Each drawn letter's char offset in the page's text, where found.
    text_of_letter: Vec<Option<usize>>,
    /// Each letter of the text (in order): its char offset in the page's
    /// text, and the drawn letter it was found as.
    letter_of_text: Vec<(usize, Option<usize>)>,
}

/// A text's letters and digits, folded, each with its char offset.
fn letters_of(text: &str) -> Vec<(char, usize)> {
    let mut letters = Vec::with_capacity(text.len());
    for (offset, c) in text.chars().enumerate() {
        for part in std::iter::once(c).nfkd() {
            if part.is_alphanumeric() {
                letters.extend(part.to_lowercase().map(|l| (l, offset)));
            }
        }
    }
    letters
}

/// The glyphs' letters, folded, each with its own box (a ligature's box
/// shared out among its letters).
fn glyph_letters(glyphs: &[GlyphBox]) -> (Vec<char>, Vec<PlaceRect>) {
    let (mut letters, mut rects) = (Vec::new(), Vec::new());
    for glyph in glyphs {
        let folded: Vec<char> = letters_of(&glyph.text)
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        let [left, top, right, bottom] = glyph.rect;
        let share = (right - left) / folded.len().max(1) as f32;
        for (k, letter) in folded.into_iter().enumerate() {
            letters.push(letter);
            rects.push(PlaceRect {
                left: left + share * k as f32,
                top,
                right: left + share * (k + 1) as f32,
                bottom,
            });
        }
    }
    (letters, rects)
}

impl PagePlaces {
    /// Finds the letters of `page_text` among `glyphs`.
    pub fn new(page_text: &str, glyphs: &[GlyphBox]) -> Self {
        let text = letters_of(page_text);
        let (drawn, letter_rects) = glyph_letters(glyphs);
        let mut anchors: HashMap<&[char], Vec<usize>> = HashMap::new();
        for (start, window) in drawn.windows(ANCHOR_LETTERS).enumerate() {
            anchors.entry(window).or_default().push(start);
        }
        let text_letters: Vec<char> = text.iter().map(|(l, _)| *l).collect();
        let mut found: Vec<Option<usize>> = vec![None; text.len()];
        // Letters are taken one by one only while the streams agree, after
        // an anchor was found: a letter that happens to match is not.
        let (mut cursor, mut i, mut in_step) = (0, 0, false);
        while i < text.len() {
            if in_step && drawn.get(cursor) == Some(&text_letters[i]) {
                found[i] = Some(cursor);
                (i, cursor) = (i + 1, cursor + 1);
                continue;
            }
            match anchor_at(&text_letters[i..], &drawn, &anchors, cursor) {
                Some(at) => (cursor, in_step) = (at, true),
                None => (i, in_step) = (i + 1, false),
            }
        }
        let mut text_of_letter = vec![None; drawn.len()];
        for (index, at) in found.iter().enumerate() {
            if let Some(at) = at {
                text_of_letter[*at] = Some(text[index].1);
            }
        }
        Self {
            letter_rects,
            text_of_letter,
            letter_of_text: text.iter().map(|(_, offset)| *offset).zip(found).collect(),
        }
    }

    /// How many of the text's letters were found on the page, of how many.
    pub fn found(&self) -> (usize, usize) {
        let found = self.letter_of_text.iter().filter(|(_, at)| at.is_some());
        (found.count(), self.letter_of_text.len())
    }

    /// The boxes of the page text's chars `range_chars` (offsets in the
    /// page's text), a letter's boxes joined along its line.
    pub fn rects_of(&self, range_chars: Range<usize>) -> Vec<PlaceRect> {
        let start = self
            .letter_of_text
            .partition_point(|(offset, _)| *offset < range_chars.start);
        let end = self
            .letter_of_text
            .partition_point(|(offset, _)| *offset < range_chars.end);
        let mut letters: Vec<usize> = self.letter_of_text[start..end]
            .iter()
            .filter_map(|(_, at)| *at)
            .collect();
        letters.sort_unstable();
        letters.dedup();
        joined_along_lines(letters.iter().map(|&at| self.letter_rects[at]))
    }

    /// The drawn letter under or nearest to a point on the page.
    pub fn letter_at(&self, x: f32, y: f32) -> Option<usize> {
        self.letter_rects
            .iter()
            .enumerate()
            .map(|(index, rect)| (index, rect.distance_to(x, y)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(index, _)| index)
    }

    /// The page text's chars that drawn letters `letters` are (a drag
    /// from one letter to another, in the order the page draws them).
    pub fn text_range_of(&self, letters: RangeInclusive<usize>) -> Option<Range<usize>> {
        let (from, to) = (
            *letters.start().min(letters.end()),
            *letters.start().max(letters.end()),
        );
        let offsets = self.text_of_letter.get(from..=to)?.iter().flatten();
        let (start, end) = offsets.fold((usize::MAX, 0), |(s, e), &o| (s.min(o), e.max(o + 1)));
        (start < end).then_some(start..end)
    }
}

/// Where the drawn letters hold the next letters of the text: the
/// [`ANCHOR_LETTERS`] that follow, or all that are left when fewer (three
/// at least); the place nearest `cursor`.
fn anchor_at(
    text: &[char],
    drawn: &[char],
    anchors: &HashMap<&[char], Vec<usize>>,
    cursor: usize,
) -> Option<usize> {
    if let Some(wanted) = text.get(..ANCHOR_LETTERS) {
        return anchors.get(wanted).and_then(|at| nearest(at, cursor));
    }
    if text.len() < 3 {
        return None;
    }
    let at: Vec<usize> = drawn
        .windows(text.len())
        .enumerate()
        .filter_map(|(start, window)| (window == text).then_some(start))
        .collect();
    nearest(&at, cursor)
}

/// The occurrence of an anchor nearest `cursor`, one ahead preferred.
fn nearest(at: &[usize], cursor: usize) -> Option<usize> {
    at.iter().copied().min_by_key(|&pos| {
        if pos >= cursor {
            pos - cursor
        } else {
            (cursor - pos) * 2
        }
    })
}

/// Letters' boxes joined where they follow one another along a line
/// (across a word space, not across a column's gap).
fn joined_along_lines(rects: impl Iterator<Item = PlaceRect>) -> Vec<PlaceRect> {
    let mut joined: Vec<PlaceRect> = Vec::new();
    for rect in rects {
        match joined.last_mut() {
            Some(last) if follows_on_line(*last, rect) => *last = last.union(rect),
            _ => joined.push(rect),
        }
    }
    joined
}

fn follows_on_line(before: PlaceRect, next: PlaceRect) -> bool {
    let height = before.height().min(next.height()).max(0.1);
    let overlap = before.bottom.min(next.bottom) - before.top.max(next.top);
    let gap = next.left - before.right;
    overlap > height * 0.5 && gap > -height * 0.5 && gap < height * 1.5
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` set on a line at `top`, from `left`, 5 points a letter.
    fn line(text: &str, left: f32, top: f32) -> Vec<GlyphBox> {
        text.chars()
            .enumerate()
            .map(|(k, c)| GlyphBox {
                text: c.to_string(),
                rect: [
                    left + 5.0 * k as f32,
                    top,
                    left + 5.0 * (k + 1) as f32,
                    top + 10.0,
                ],
            })
            .collect()
    }

    fn page(lines: &[(&str, f32, f32)]) -> Vec<GlyphBox> {
        lines
            .iter()
            .flat_map(|(t, l, top)| line(t, *l, *top))
            .collect()
    }

    #[test]
    fn a_quote_across_a_hyphenated_line_end_has_a_box_on_each_line() {
        let glyphs = page(&[("The quick hy-", 0.0, 0.0), ("phenated fox.", 0.0, 12.0)]);
        let text = "The quick hyphenated fox.";
        let places = PagePlaces::new(text, &glyphs);
        assert_eq!(places.found(), (21, 21));
        let rects = places.rects_of(10..20);
        assert_eq!(rects.len(), 2, "{rects:?}");
        assert_eq!((rects[0].left, rects[0].top), (50.0, 0.0));
        assert_eq!(
            (rects[1].left, rects[1].right, rects[1].top),
            (0.0, 40.0, 12.0)
        );
    }

    #[test]
    fn a_footnote_moved_after_the_text_is_found_where_the_page_prints_it() {
        // The page draws: column one, the footnote, column two.
        let glyphs = page(&[
            ("The left column ends in a", 0.0, 0.0),
            ("1 The footnote of the left column.", 0.0, 200.0),
            ("sentence that goes on here.", 300.0, 0.0),
        ]);
        let text = "The left column ends in a sentence that goes on here. 1 The footnote of the left column.";
        let places = PagePlaces::new(text, &glyphs);
        let (found, all) = places.found();
        assert_eq!(found, all);
        let sentence = text.find("sentence").unwrap();
        let rects = places.rects_of(sentence..sentence + 8);
        assert_eq!(rects.len(), 1);
        assert_eq!((rects[0].left, rects[0].top), (300.0, 0.0));
        let note = text.find("footnote").unwrap();
        let rects = places.rects_of(note..note + 8);
        assert_eq!((rects[0].top, rects[0].left), (200.0, 30.0));
    }

    #[test]
    fn ligatures_and_accents_are_found_and_a_drag_gives_the_text_it_covers() {
        let mut glyphs = line("O", 0.0, 0.0);
        glyphs.push(GlyphBox {
            text: "\u{02D8}".into(),
            rect: [5.0, 0.0, 10.0, 10.0],
        });
        glyphs.extend(line("guz ", 10.0, 0.0));
        glyphs.push(GlyphBox {
            text: "\u{FB01}".into(),
            rect: [30.0, 0.0, 40.0, 10.0],
        });
        glyphs.extend(line("nds", 40.0, 0.0));
        let text = "Oğuz finds";
        let places = PagePlaces::new(text, &glyphs);
        assert_eq!(places.found(), (9, 9));
        let f = places.letter_at(31.0, 5.0).unwrap();
        let s = places.letter_at(200.0, 5.0).unwrap();
        assert_eq!(places.text_range_of(f..=s), Some(5..10));
        assert_eq!(places.text_range_of(s..=f), Some(5..10));
        let rects = places.rects_of(5..10);
        assert_eq!(rects.len(), 1);
        assert_eq!((rects[0].left, rects[0].right), (30.0, 55.0));
    }

    #[test]
    fn text_the_page_does_not_draw_has_no_box() {
        let glyphs = line("Printed words", 0.0, 0.0);
        let places = PagePlaces::new("Page 7 has no text layer.", &glyphs);
        assert!(places.rects_of(0..25).is_empty());
    }
}
