//! Search of the canonical text as a browser searches a page: case,
//! diacritics (unless asked to match them) and the difference between
//! straight and typographic quotes, apostrophes and dashes are ignored.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;

/// A text folded for search, one folded char per char, so match positions
/// are char offsets of the original and a highlight made from a match
/// covers the original text exactly.
#[derive(Clone, Debug, Default)]
pub struct FoldedText {
    chars: Vec<char>,
    match_diacritics: bool,
}

/// One char as search sees it.
fn fold(c: char, match_diacritics: bool) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let c = match c {
        // Apostrophes and single quotes: ’ ‘ ‚ ‛ ′ ʼ
        '\u{2019}' | '\u{2018}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => {
            return '\'';
        }
        // Double quotes: ” “ „ ‟ ″
        '\u{201D}' | '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => return '"',
        // Hyphens and dashes: ‐ ‑ ‒ – — ― and the minus sign.
        '\u{2010}'..='\u{2015}' | '\u{2212}' => return '-',
        c => c,
    };
    // Without diacritics: the base letter of a precomposed one (á → a).
    let c = if match_diacritics {
        c
    } else {
        c.nfd().next().unwrap_or(c)
    };
    c.to_lowercase().next().unwrap_or(c)
}

impl FoldedText {
    /// `text` folded; `match_diacritics` keeps "a" and "á" apart.
    pub fn new(text: &str, match_diacritics: bool) -> Self {
        Self {
            chars: text.chars().map(|c| fold(c, match_diacritics)).collect(),
            match_diacritics,
        }
    }

    pub fn matches_diacritics(&self) -> bool {
        self.match_diacritics
    }

    /// Char ranges of every match of `query` (folded as the text is,
    /// whitespace in the query matching one space or line break), at most
    /// `limit`.
    pub fn find_all(&self, query: &str, limit: usize) -> Vec<Range<usize>> {
        self.matches(&self.needle(query), limit, |_| true)
    }

    /// [`find_all`](Self::find_all), only matches that are whole words
    /// (no letter or digit just before or after), as a word index finds
    /// them: "rust" in "Rust's", not in "trust".
    pub fn find_words(&self, query: &str, limit: usize) -> Vec<Range<usize>> {
        let is_word_char = |at: usize| self.chars.get(at).is_some_and(|c| c.is_alphanumeric());
        let starts_a_word = |at: usize| at == 0 || !is_word_char(at - 1);
        self.matches(&self.needle(query), limit, |found| {
            starts_a_word(found.start) && !is_word_char(found.end)
        })
    }

    /// `query` folded as the text is, its white space one space.
    fn needle(&self, query: &str) -> Vec<char> {
        query
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .map(|c| fold(c, self.match_diacritics))
            .collect()
    }

    /// The matches of `needle` that `wanted` takes, at most `limit`.
    fn matches(
        &self,
        needle: &[char],
        limit: usize,
        wanted: impl Fn(&Range<usize>) -> bool,
    ) -> Vec<Range<usize>> {
        let Some(&first) = needle.first() else {
            return Vec::new();
        };
        let same = |a: char, b: char| a == b || (a == ' ' && b == '\n');
        let mut matches = Vec::new();
        let mut i = 0;
        while i + needle.len() <= self.chars.len() && matches.len() < limit {
            let found = i..i + needle.len();
            if same(first, self.chars[i])
                && needle
                    .iter()
                    .zip(&self.chars[i..])
                    .all(|(&n, &t)| same(n, t))
                && wanted(&found)
            {
                i = found.end;
                matches.push(found);
            } else {
                i += 1;
            }
        }
        matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_in_char_offsets() {
        let text = FoldedText::new("Café society. CAFÉ culture,\ncafé life", true);
        assert_eq!(text.find_all("café", 10), vec![0..4, 14..18, 28..32]);
        assert_eq!(text.find_all("culture, café", 10), vec![19..32]);
        assert_eq!(text.find_all("café", 2).len(), 2);
        assert!(text.find_all("   ", 10).is_empty());
    }

    #[test]
    fn diacritics_quotes_apostrophes_and_dashes_are_ignored_as_a_browser_does() {
        let text = FoldedText::new("“Natásha,” he said — don’t go; NATÁSHA!", false);
        assert_eq!(text.find_all("Natasha", 10), vec![1..8, 31..38]);
        assert_eq!(text.find_all("natásha", 10).len(), 2);
        assert_eq!(text.find_all("don't", 10), vec![21..26]);
        assert_eq!(text.find_all("\"Natasha,\"", 10), vec![0..10]);
        assert_eq!(text.find_all("said - don", 10), vec![14..24]);
    }

    #[test]
    fn whole_words_are_found_as_a_word_index_finds_them() {
        let text = FoldedText::new("Trust Rust's rusty RUST, rust", false);
        assert_eq!(text.find_words("rust", 10), vec![6..10, 19..23, 25..29]);
        assert_eq!(text.find_words("rust", 1), vec![6..10]);
        assert_eq!(text.find_all("rust", 10).len(), 5);
    }

    #[test]
    fn matching_diacritics_keeps_them_apart() {
        let text = FoldedText::new("Natásha and Natasha", true);
        assert_eq!(text.find_all("Natasha", 10), vec![12..19]);
        assert_eq!(text.find_all("Natásha", 10), vec![0..7]);
        // A query typed decomposed (a + combining acute) is the same query.
        assert_eq!(text.find_all("Nata\u{301}sha", 10), vec![0..7]);
    }
}
