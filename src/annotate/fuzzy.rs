//! Approximate matching for re-anchoring: Myers' bit-parallel algorithm
//! finds where a quote occurs with at most a quarter of its chars in error,
//! and each match is scored on quote, prefix, suffix and position as the
//! Hypothesis client weighs them.

use std::collections::HashMap;
use std::ops::Range;

use super::anchoring::{
    CONTEXT_NEEDED_BELOW, FUZZY_THRESHOLD, SHORT_QUOTE_CHARS, context_holds, one_side_agrees,
    window,
};
use super::{Anchor, IndexedText};

/// Approximate search within each radius of `expected` in turn; the best
/// scoring match of the first window that has one.
pub(super) fn fuzzy_search(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    expected: usize,
    radii: &[usize],
) -> Option<(Range<usize>, f32)> {
    let pattern: Vec<char> = anchor.exact.chars().collect();
    let max_errors = pattern.len() / 4;
    let short = pattern.len() < SHORT_QUOTE_CHARS;
    if short && anchor.prefix.is_empty() && anchor.suffix.is_empty() {
        return None;
    }
    let quote_start = QuoteStart::of(anchor);
    let matcher = Myers::new(&pattern);
    let reversed_pattern: Vec<char> = pattern.iter().rev().copied().collect();
    let reversed = Myers::new(&reversed_pattern);
    let mut searched: Option<Range<usize>> = None;
    for &radius in radii {
        let range = window(text, expected, radius);
        if searched.as_ref() == Some(&range) {
            continue;
        }
        searched = Some(range.clone());
        let haystack = text.slice(range.clone());
        let haystack_chars: Vec<char> = haystack.chars().collect();
        let mut best: Option<(Range<usize>, f32)> = None;
        for (end, errors) in matcher.find_ends(haystack, max_errors) {
            let longest = pattern.len() + errors;
            let start = best_start(&reversed, &haystack_chars, end, longest, quote_start);
            let matched = range.start + start..range.start + end;
            let scores = MatchScores::of(text, anchor, &matched, errors, expected);
            if short && !one_side_agrees(text, anchor, &matched) {
                continue;
            }
            // A shortish quote matched loosely needs its context as well,
            // and is found as whole words (`context_holds`); a long one is
            // its own context.
            if pattern.len() < CONTEXT_NEEDED_BELOW && !context_holds(text, anchor, &matched) {
                continue;
            }
            let score = scores.total();
            if score >= FUZZY_THRESHOLD && best.as_ref().is_none_or(|(_, s)| score > *s) {
                best = Some((matched, score));
            }
        }
        if best.is_some() {
            return best;
        }
    }
    None
}

/// Scores of a fuzzy match as the Hypothesis client weighs them.
struct MatchScores {
    quote: f32,
    prefix: f32,
    suffix: f32,
    position: f32,
}

impl MatchScores {
    fn of(
        text: &IndexedText<'_>,
        anchor: &Anchor,
        matched: &Range<usize>,
        errors: usize,
        expected: usize,
    ) -> Self {
        let quote_len = anchor.exact.chars().count().max(1);
        let context_score = |context: &str, actual: &str| {
            let len = context.chars().count();
            if len == 0 {
                return 1.0;
            }
            1.0 - edit_distance(context, actual) as f32 / len as f32
        };
        let prefix_len = anchor.prefix.chars().count();
        let suffix_len = anchor.suffix.chars().count();
        let before = text.slice(matched.start.saturating_sub(prefix_len)..matched.start);
        let after = text.slice(matched.end..matched.end + suffix_len);
        let length = text.char_len().max(1) as f32;
        Self {
            quote: 1.0 - errors as f32 / quote_len as f32,
            prefix: context_score(&anchor.prefix, before),
            suffix: context_score(&anchor.suffix, after),
            position: 1.0 - matched.start.abs_diff(expected) as f32 / length,
        }
    }

    fn total(&self) -> f32 {
        (50.0 * self.quote + 20.0 * self.prefix + 20.0 * self.suffix + 2.0 * self.position) / 92.0
    }
}

/// Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// How a quote begins: on a letter or digit or not, and at a word's start or
/// inside a word (its prefix ends in a letter or digit).
#[derive(Clone, Copy, PartialEq)]
struct QuoteStart {
    alphanumeric: bool,
    inside_word: bool,
}

impl QuoteStart {
    /// How text whose first char is `first`, after `before`, begins.
    fn of_chars(first: Option<char>, before: Option<char>) -> Self {
        let alphanumeric = first.is_some_and(char::is_alphanumeric);
        Self {
            alphanumeric,
            inside_word: alphanumeric && before.is_some_and(char::is_alphanumeric),
        }
    }

    fn of(anchor: &Anchor) -> Self {
        Self::of_chars(
            anchor.exact.chars().next(),
            anchor.prefix.chars().next_back(),
        )
    }

    /// How a match starting at `chars[at]` begins.
    fn at(chars: &[char], at: usize) -> Self {
        let before = at.checked_sub(1).and_then(|before| chars.get(before));
        Self::of_chars(chars.get(at).copied(), before.copied())
    }
}

/// Where the best alignment of the pattern ends at `end` in `haystack`
/// starts: `reversed` is the pattern's matcher reversed, run backwards from
/// `end` with the alignment anchored there (over at most `longest` chars).
/// Of equally good alignments, one that begins as the quote began (on a
/// word's first letter, inside a word, or on a mark), then the one nearest
/// the pattern's length: a quote whose first chars are gone from the text
/// ("2. Loop …" where the list's number is drawn, not text) starts at its
/// first word, not on the period and the break before it.
fn best_start(
    reversed: &Myers,
    haystack: &[char],
    end: usize,
    longest: usize,
    quote_start: QuoteStart,
) -> usize {
    let window_start = end.saturating_sub(longest);
    let candidate = &haystack[window_start..end];
    let distances = reversed.anchored_distances(candidate.iter().rev().copied());
    let pattern_len = reversed.pattern_len;
    let best_len = (0..distances.len())
        .min_by_key(|&len| {
            let begins_otherwise = QuoteStart::at(haystack, end - len) != quote_start;
            (distances[len], begins_otherwise, pattern_len.abs_diff(len))
        })
        .unwrap_or(candidate.len());
    end - best_len
}

/// Myers' bit-parallel approximate matcher, in 64-char blocks for long patterns.
struct Myers {
    blocks: usize,
    pattern_len: usize,
    ascii: Vec<u64>,
    other: HashMap<char, Vec<u64>>,
    zero: Vec<u64>,
}

impl Myers {
    fn new(pattern: &[char]) -> Self {
        let blocks = pattern.len().div_ceil(64).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: HashMap<char, Vec<u64>> = HashMap::new();
        for (i, &c) in pattern.iter().enumerate() {
            let (block, bit) = (i / 64, i % 64);
            if (c as u32) < 128 {
                ascii[c as usize * blocks + block] |= 1 << bit;
            } else {
                other.entry(c).or_insert_with(|| vec![0; blocks])[block] |= 1 << bit;
            }
        }
        Self {
            blocks,
            pattern_len: pattern.len(),
            ascii,
            other,
            zero: vec![0; blocks],
        }
    }

    fn peq(&self, c: char) -> &[u64] {
        if (c as u32) < 128 {
            let at = c as usize * self.blocks;
            &self.ascii[at..at + self.blocks]
        } else {
            self.other.get(&c).map_or(&self.zero, Vec::as_slice)
        }
    }

    /// Advances every block by one text char; `carry` is the horizontal
    /// delta entering the first block (0: a match may start anywhere; +1: the
    /// alignment is anchored at the first text char). Returns the delta out
    /// of the last row.
    fn step(&self, pv: &mut [u64], mv: &mut [u64], c: char, mut carry: i32) -> i32 {
        let peq = self.peq(c);
        let last_bit = 1u64 << ((self.pattern_len - 1) % 64);
        for b in 0..self.blocks {
            let high = if b + 1 == self.blocks {
                last_bit
            } else {
                1 << 63
            };
            let mut eq = peq[b];
            let (p, n) = (pv[b], mv[b]);
            let xv = eq | n;
            if carry < 0 {
                eq |= 1;
            }
            let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
            let mut ph = n | !(xh | p);
            let mut mh = p & xh;
            let out = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if carry < 0 {
                mh |= 1;
            } else if carry > 0 {
                ph |= 1;
            }
            pv[b] = mh | !(xv | ph);
            mv[b] = ph & xv;
            carry = out;
        }
        carry
    }

    /// Char offsets just past each best local match with at most
    /// `max_errors` errors, with its error count.
    fn find_ends(&self, haystack: &str, max_errors: usize) -> Vec<(usize, usize)> {
        let m = self.pattern_len;
        if m == 0 {
            return Vec::new();
        }
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = m;
        let mut ends: Vec<(usize, usize)> = Vec::new();
        for (j, c) in haystack.chars().enumerate() {
            let delta = self.step(&mut pv, &mut mv, c, 0);
            score = score.saturating_add_signed(delta as isize);
            if score <= max_errors {
                ends.push((j + 1, score));
            }
        }
        best_of_each_run(ends)
    }

    /// The edit distance between the whole pattern and the first `j` text
    /// chars, for every `j` from 0 to the text's length.
    fn anchored_distances(&self, text: impl Iterator<Item = char>) -> Vec<usize> {
        let m = self.pattern_len;
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = m;
        let mut distances = vec![m];
        if m == 0 {
            return distances;
        }
        for c in text {
            let delta = self.step(&mut pv, &mut mv, c, 1);
            score = score.saturating_add_signed(delta as isize);
            distances.push(score);
        }
        distances
    }
}

/// Neighbouring match ends are one match: keep its fewest-errors end.
fn best_of_each_run(ends: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut best: Vec<(usize, usize)> = Vec::new();
    let mut previous_end = None;
    for (end, errors) in ends {
        let continues = previous_end.is_some_and(|p: usize| end == p + 1);
        previous_end = Some(end);
        match best.last_mut() {
            Some(last) if continues => {
                if errors < last.1 {
                    *last = (end, errors);
                }
            }
            _ => best.push((end, errors)),
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn myers_finds_matches_with_errors() {
        let pattern: Vec<char> = "democracy".chars().collect();
        let matcher = Myers::new(&pattern);
        let ends = matcher.find_ends("ink helps drive demokracy in Asia", 2);
        assert_eq!(ends.len(), 1, "{ends:?}");
        assert_eq!(ends[0].1, 1);
        assert_eq!(ends[0].0, "ink helps drive demokracy".chars().count());
    }

    #[test]
    fn anchored_distances_are_edit_distances_of_prefixes() {
        let pattern: Vec<char> = "abc".chars().collect();
        let matcher = Myers::new(&pattern);
        assert_eq!(
            matcher.anchored_distances("abxc".chars()),
            vec![3, 2, 1, 1, 1]
        );
        let long: Vec<char> = "x".repeat(70).chars().chain("yz".chars()).collect();
        let matcher = Myers::new(&long);
        let text: String = "x".repeat(70) + "yz";
        assert_eq!(*matcher.anchored_distances(text.chars()).last().unwrap(), 0);
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
