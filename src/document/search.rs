//! Case-insensitive search of the canonical text.

use std::ops::Range;

/// A text folded for case-insensitive search, one folded char per char, so
/// match positions are char offsets of the original.
#[derive(Clone, Debug, Default)]
pub struct FoldedText {
    chars: Vec<char>,
}

fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

impl FoldedText {
    pub fn new(text: &str) -> Self {
        Self {
            chars: text.chars().map(fold).collect(),
        }
    }

    /// Char ranges of every match of `query` (case-insensitive, whitespace
    /// in the query matching one space or line break), at most `limit`.
    pub fn find_all(&self, query: &str, limit: usize) -> Vec<Range<usize>> {
        let needle: Vec<char> = query
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .map(fold)
            .collect();
        let Some(&first) = needle.first() else {
            return Vec::new();
        };
        let same = |a: char, b: char| a == b || (a == ' ' && b == '\n');
        let mut matches = Vec::new();
        let mut i = 0;
        while i + needle.len() <= self.chars.len() && matches.len() < limit {
            if same(first, self.chars[i])
                && needle
                    .iter()
                    .zip(&self.chars[i..])
                    .all(|(&n, &t)| same(n, t))
            {
                matches.push(i..i + needle.len());
                i += needle.len();
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
        let text = FoldedText::new("Café society. CAFÉ culture,\ncafé life");
        assert_eq!(text.find_all("café", 10), vec![0..4, 14..18, 28..32]);
        assert_eq!(text.find_all("culture, café", 10), vec![19..32]);
        assert_eq!(text.find_all("café", 2).len(), 2);
        assert!(text.find_all("   ", 10).is_empty());
    }
}
