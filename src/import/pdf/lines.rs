//! Glyphs to lines, in the order the page draws them: a line ends where
//! the baseline moves or the text jumps back left (or far right, to another
//! column); a word space is a gap wider than a fifth of the font's size.
//! Ligatures are spelt out; an accent drawn as a glyph of its own (TeX's
//! "O˘guz") is put on its letter ("Oğuz").

use unicode_normalization::UnicodeNormalization as _;

use super::bidi::{Piece, is_right_to_left, logical_text};
use super::glyphs::PlacedGlyph;

/// A line of text on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    /// Left and right ends, and the baseline, top-down in points.
    pub x: f32,
    pub end_x: f32,
    pub y: f32,
    /// The size most of its letters are set in.
    pub size: f32,
    /// Most of its letters are bold.
    pub bold: bool,
    pub turned: bool,
    /// Drawn in a font that lies about its letters: no text is kept of it.
    pub garbled: bool,
    /// Most of its letters are written right to left.
    pub right_to_left: bool,
}

/// A line being gathered.
#[derive(Default)]
struct Gathering {
    text: String,
    x: f32,
    end_x: f32,
    y: f32,
    /// (size, letters) and bold letters, for the line's size and weight.
    sizes: Vec<(f32, usize)>,
    bold_letters: usize,
    letters: usize,
    turned: bool,
    /// An accent drawn before its letter, put on the letter that follows.
    accent: Option<char>,
    /// The letters' advances so far, for the width of a word space.
    advances: f32,
    /// Glyphs of a font that lies about its letters, left out of the text.
    garbled: usize,
    /// Where each glyph's text stands: its ends on the page, and its bytes
    /// in `text` (for a line with right-to-left letters, read again in
    /// the order they stand).
    pieces: Vec<(f32, f32, std::ops::Range<usize>)>,
    /// Right-to-left letters (Hebrew, Arabic).
    right_to_left: usize,
    /// Where the glyph drawn last ends.
    last_end_x: f32,
}

impl Gathering {
    fn start(glyph: &PlacedGlyph) -> Self {
        Self {
            x: glyph.x,
            end_x: glyph.x,
            y: glyph.y,
            turned: glyph.turned,
            ..Self::default()
        }
    }

    /// Whether `glyph` goes on another line.
    fn breaks_before(&self, glyph: &PlacedGlyph) -> bool {
        let size = glyph.size.max(1.0);
        if glyph.turned != self.turned || (glyph.y - self.y).abs() > size * 0.6 {
            return true;
        }
        let onwards = glyph.x >= self.end_x - size * 0.6 && glyph.x <= self.end_x + size * 6.0;
        if onwards {
            return false;
        }
        if self.right_to_left == 0 && !glyph.text.chars().any(is_right_to_left) {
            return true;
        }
        // Right-to-left text drawn right to left: a glyph left of all the
        // line has (within a wide gap), or one going on from the glyph
        // before it (a number inside the line), is on the line.
        let leftwards = glyph.end_x <= self.x + size * 0.6 && glyph.end_x >= self.x - size * 6.0;
        let after_last = (glyph.x - self.last_end_x).abs() < size * 0.6;
        !(leftwards || after_last)
    }

    fn push(&mut self, glyph: &PlacedGlyph) {
        if glyph.garbled {
            self.garbled += 1;
            self.end_x = self.end_x.max(glyph.end_x);
            return;
        }
        self.x = self.x.min(glyph.x);
        self.last_end_x = glyph.end_x;
        let text = spelt_out(&glyph.text);
        if text.trim().is_empty() {
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            self.end_x = self.end_x.max(glyph.end_x);
            return;
        }
        if let Some(accent) = combining_accent(&text) {
            // Over the letter before it, or the one after it.
            if self.letters > 0 && glyph.x < self.end_x - glyph.size * 0.05 {
                self.text.push(accent);
                self.extend_last_piece();
            } else {
                self.accent = Some(accent);
            }
            return;
        }
        let over_the_last = glyph.x < self.end_x - glyph.size * 0.05;
        if self.letters > 0 && over_the_last && text.chars().all(is_combining) {
            // A mark drawn over the letter before it (Hebrew points, Arabic
            // vowels); one apart from it is set as any glyph is.
            self.text.push_str(&text);
            self.extend_last_piece();
            return;
        }
        let gap = glyph.x - self.end_x;
        if self.letters > 0 && gap > self.word_space(glyph) && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(&text);
        if let Some(accent) = self.accent.take() {
            self.text.push(accent);
        }
        self.pieces
            .push((glyph.x, glyph.end_x, start..self.text.len()));
        self.right_to_left += text.chars().filter(|&c| is_right_to_left(c)).count();
        self.count_letters(glyph, text.chars().count());
    }

    /// The glyph's letters counted: for the line's size, weight and word
    /// spaces.
    fn count_letters(&mut self, glyph: &PlacedGlyph, letters: usize) {
        self.advances += (glyph.end_x - glyph.x).max(0.0);
        self.letters += letters;
        if glyph.bold {
            self.bold_letters += letters;
        }
        match self
            .sizes
            .iter_mut()
            .find(|(s, _)| (s - glyph.size).abs() < 0.25)
        {
            Some((_, count)) => *count += letters,
            None => self.sizes.push((glyph.size, letters)),
        }
        self.end_x = self.end_x.max(glyph.end_x);
    }

    fn extend_last_piece(&mut self) {
        if let Some((_, _, bytes)) = self.pieces.last_mut() {
            bytes.end = self.text.len();
        }
    }

    /// The narrowest gap that is a word space: a third of the average
    /// letter's advance (about a sixth of an em), measured on the page, so
    /// a font whose size reads wrong is spaced as it looks.
    fn word_space(&self, glyph: &PlacedGlyph) -> f32 {
        let by_size = glyph.size * 0.2;
        if self.letters == 0 || self.advances <= 0.0 {
            return by_size;
        }
        let by_advance = self.advances / self.letters as f32 * 0.3;
        by_advance.min(by_size).max(by_size * 0.25)
    }

    fn finish(self) -> Option<Line> {
        let text = if self.right_to_left > 0 {
            let mut pieces: Vec<Piece> = self
                .pieces
                .iter()
                .map(|(x, end_x, bytes)| Piece {
                    x: *x,
                    end_x: *end_x,
                    text: self.text[bytes.clone()].to_owned(),
                })
                .collect();
            let space = self.advances / self.letters.max(1) as f32 * 0.3;
            logical_text(&mut pieces, space)
        } else {
            self.text
        };
        let text: String = text.trim().nfc().collect();
        let garbled = text.is_empty() && self.garbled > 0;
        if text.is_empty() && !garbled {
            return None;
        }
        let size = self
            .sizes
            .iter()
            .max_by_key(|(_, count)| *count)
            .map_or(0.0, |(size, _)| *size);
        Some(Line {
            text,
            x: self.x,
            end_x: self.end_x,
            y: self.y,
            size,
            bold: self.bold_letters * 2 > self.letters,
            turned: self.turned,
            garbled,
            right_to_left: self.right_to_left * 2 > self.letters,
        })
    }
}

/// The page's lines, in the order its glyphs were drawn.
pub fn lines_of(glyphs: &[PlacedGlyph]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Option<Gathering> = None;
    for glyph in glyphs {
        if let Some(line) = current.take_if(|line| line.breaks_before(glyph)) {
            lines.extend(line.finish());
        }
        current
            .get_or_insert_with(|| Gathering::start(glyph))
            .push(glyph);
    }
    lines.extend(current.and_then(Gathering::finish));
    lines
}

/// A ligature's letters (U+FB00–FB06, by their compatibility
/// decomposition); other text as it is.
fn spelt_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ('\u{FB00}'..='\u{FB06}').contains(&c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

/// A mark set on the letter before it (a combining class of its own).
fn is_combining(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
}

/// The combining mark a spacing accent glyph stands for.
fn combining_accent(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    Some(match c {
        '\u{00B4}' | '\u{02CA}' => '\u{0301}',
        '\u{02CB}' => '\u{0300}',
        '\u{02C6}' => '\u{0302}',
        '\u{02DC}' => '\u{0303}',
        '\u{00A8}' => '\u{0308}',
        '\u{02D8}' => '\u{0306}',
        '\u{02C7}' => '\u{030C}',
        '\u{02D9}' => '\u{0307}',
        '\u{02DA}' => '\u{030A}',
        '\u{00B8}' => '\u{0327}',
        '\u{02DB}' => '\u{0328}',
        '\u{02DD}' => '\u{030B}',
        '\u{00AF}' | '\u{02C9}' => '\u{0304}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f32, y: f32) -> PlacedGlyph {
        PlacedGlyph {
            text: text.to_owned(),
            x,
            y,
            end_x: x + 5.0,
            size: 10.0,
            bold: false,
            turned: false,
            font: 1,
            garbled: false,
        }
    }

    fn texts(glyphs: &[PlacedGlyph]) -> Vec<String> {
        lines_of(glyphs).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn word_spaces_come_from_gaps_and_lines_from_baselines() {
        let glyphs = [
            glyph("a", 0.0, 100.0),
            glyph("b", 5.0, 100.0),
            glyph("c", 13.0, 100.0),
            glyph("d", 0.0, 112.0),
        ];
        assert_eq!(texts(&glyphs), ["ab c", "d"]);
    }

    #[test]
    fn ligatures_are_spelt_out_and_accents_put_on_their_letters() {
        let glyphs = [
            glyph("\u{FB01}", 0.0, 100.0),
            glyph("O", 5.0, 100.0),
            glyph("\u{02D8}", 11.0, 100.0),
            glyph("g", 10.0, 100.0),
            glyph("u", 15.0, 100.0),
        ];
        assert_eq!(texts(&glyphs), ["fiOğu"]);
    }

    #[test]
    fn a_jump_back_left_on_the_same_baseline_starts_a_line() {
        let glyphs = [glyph("x", 300.0, 100.0), glyph("y", 10.0, 100.0)];
        assert_eq!(texts(&glyphs), ["x", "y"]);
    }
}
