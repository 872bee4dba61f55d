//! Re-anchoring: finding an annotation's quote in a text that may have changed.
//!
//! In order (DESIGN.md "Annotations"): the text at the recorded positions
//! equals the quote → anchored (a matching text hash alone is not trusted:
//! orphans and fuzzy matches carry positions from an older text); exact search for the quote,
//! choosing among occurrences by prefix/suffix agreement and distance from the
//! expected position → moved; approximate search (Myers' bit-parallel
//! algorithm, errors ≤ quote length / 4) scored on quote, prefix, suffix and
//! position as the Hypothesis client does → fuzzy; otherwise orphaned.
//!
//! Annotations are resolved in document order, and the shift found for one
//! predicts where the next one is, so a long text with thousands of
//! annotations re-anchors in one pass of short, local searches.

use std::collections::HashMap;
use std::ops::Range;

use super::{Anchor, AnchorStatus, IndexedText};

/// Quotes shorter than this are never fuzzily matched without matching context.
pub const SHORT_QUOTE_CHARS: usize = 12;
/// Quotes shorter than this are fuzzily matched only where half their
/// context (or all of one side) agrees: a few words are too easily found
/// in other words.
pub const CONTEXT_NEEDED_BELOW: usize = 32;
/// The lowest Hypothesis-style score a fuzzy match needs.
pub const FUZZY_THRESHOLD: f32 = 0.5;
/// A fuzzy match near the expected place this good is taken before an exact
/// search of the whole text.
const CLOSE_MATCH: f32 = 0.75;

/// Where an anchor resolved to in the current text.
#[derive(Clone, Debug, PartialEq)]
pub struct AnchorResolution {
    /// `None` for an orphan.
    pub range: Option<Range<usize>>,
    pub status: AnchorStatus,
}

impl AnchorResolution {
    fn orphaned() -> Self {
        Self {
            range: None,
            status: AnchorStatus::Orphaned,
        }
    }
}

/// Resolves every anchor (given in any order) against `text`.
pub fn anchor_all(text: &IndexedText<'_>, anchors: &[&Anchor]) -> Vec<AnchorResolution> {
    let mut order: Vec<usize> = (0..anchors.len()).collect();
    order.sort_by_key(|&i| (anchors[i].start, anchors[i].end));
    let mut results = vec![AnchorResolution::orphaned(); anchors.len()];
    let mut shift: isize = 0;
    for i in order {
        let anchor = anchors[i];
        let resolution = resolve_anchor(text, anchor, shift);
        if let Some(range) = &resolution.range {
            shift = range.start as isize - anchor.start as isize;
        }
        results[i] = resolution;
    }
    results
}

/// Resolves one anchor; `shift` predicts how far the text around it moved.
pub fn resolve_anchor(text: &IndexedText<'_>, anchor: &Anchor, shift: isize) -> AnchorResolution {
    let quote_len = anchor.exact.chars().count();
    let length = text.char_len();
    if quote_len == 0 {
        return AnchorResolution::orphaned();
    }
    // Even when the sidecar's text hash matches, the quote must be at the
    // positions: an orphan or a fuzzy match keeps positions from older text.
    // (A short quote also needs its context: "a" is found anywhere.)
    if anchor.end <= length
        && text.slice(anchor.range()) == anchor.exact
        && context_holds(text, anchor, &anchor.range())
    {
        return found(anchor.range(), AnchorStatus::Anchored);
    }
    let expected = offset_by(anchor.start, shift).min(length);
    if text.slice(expected..expected + quote_len) == anchor.exact
        && context_holds(text, anchor, &(expected..expected + quote_len))
    {
        return found(expected..expected + quote_len, AnchorStatus::Moved);
    }
    // Widening circles around the expected place: an exact match, then a
    // close fuzzy one (an edit inside the quote); only then the whole text.
    for (exact_radius, fuzzy_radius) in
        [(2_048, quote_len * 2 + 64), (65_536, quote_len * 8 + 4_096)]
    {
        if let Some(start) = exact_search(text, anchor, expected, &[exact_radius]) {
            return found(start..start + quote_len, AnchorStatus::Moved);
        }
        if let Some((range, score)) = fuzzy_search(text, anchor, expected, &[fuzzy_radius])
            && score >= CLOSE_MATCH
        {
            return found(range, AnchorStatus::Fuzzy { score });
        }
    }
    if let Some(start) = exact_search(text, anchor, expected, &[usize::MAX / 2]) {
        return found(start..start + quote_len, AnchorStatus::Moved);
    }
    if let Some((range, score)) = fuzzy_search(text, anchor, expected, &[usize::MAX / 2]) {
        return found(range, AnchorStatus::Fuzzy { score });
    }
    AnchorResolution::orphaned()
}

fn found(range: Range<usize>, status: AnchorStatus) -> AnchorResolution {
    AnchorResolution {
        range: Some(range),
        status,
    }
}

fn offset_by(position: usize, shift: isize) -> usize {
    position.saturating_add_signed(shift)
}

/// The char window `center ± radius`, clamped to the text.
fn window(text: &IndexedText<'_>, center: usize, radius: usize) -> Range<usize> {
    center.saturating_sub(radius)..center.saturating_add(radius).min(text.char_len())
}

/// Exact occurrences of the quote within each radius of `expected` in
/// turn; the best by context agreement, then by distance from `expected`.
/// A match whose context agrees fully ends the search early.
fn exact_search(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    expected: usize,
    radii: &[usize],
) -> Option<usize> {
    let quote_len = anchor.exact.chars().count();
    for (i, &radius) in radii.iter().enumerate() {
        let range = window(text, expected, radius);
        let best = occurrences(text, &anchor.exact, range.clone())
            .into_iter()
            .map(|start| {
                let (backwards, forwards) =
                    context_agreement(text, anchor, &(start..start + quote_len));
                (backwards + forwards, start)
            })
            .max_by(|(a, sa), (b, sb)| {
                a.cmp(b)
                    .then_with(|| sb.abs_diff(expected).cmp(&sa.abs_diff(expected)))
            });
        let whole = range == (0..text.char_len());
        let last = i + 1 == radii.len() || whole;
        match best {
            // A match needs at least half its context to agree, or all of
            // its context on one side...
            Some((_, start)) if context_holds(text, anchor, &(start..start + quote_len)) => {
                return Some(start);
            }
            // ...or, searching the whole text, to be the only one, a whole
            // word or words (a short quote is not moved into another word).
            Some((_, start))
                if whole
                    && occurrences(text, &anchor.exact, range.clone()).len() == 1
                    && on_word_boundaries(text, start, start + quote_len) =>
            {
                return Some(start);
            }
            _ if last => return None,
            _ => {} // Look further.
        }
    }
    None
}

/// How many chars of the prefix (backwards from `range`) and of the
/// suffix (forwards from it) agree with the text.
fn context_agreement(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    range: &Range<usize>,
) -> (usize, usize) {
    let prefix_len = anchor.prefix.chars().count();
    let suffix_len = anchor.suffix.chars().count();
    let before = text.slice(range.start.saturating_sub(prefix_len)..range.start);
    let after = text.slice(range.end..range.end + suffix_len);
    let backwards = anchor
        .prefix
        .chars()
        .rev()
        .zip(before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let forwards = anchor
        .suffix
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    (backwards, forwards)
}

/// Whether all of the prefix or all of the suffix (not empty) is around `range`.
fn one_side_agrees(text: &IndexedText<'_>, anchor: &Anchor, range: &Range<usize>) -> bool {
    let (backwards, forwards) = context_agreement(text, anchor, range);
    let (prefix_len, suffix_len) = (anchor.prefix.chars().count(), anchor.suffix.chars().count());
    (prefix_len > 0 && backwards == prefix_len) || (suffix_len > 0 && forwards == suffix_len)
}

/// Whether enough context is around `range` for the quote to be there:
/// half of it, or all of one side; and a quote that stood on word
/// boundaries is not inside another word.
fn context_holds(text: &IndexedText<'_>, anchor: &Anchor, range: &Range<usize>) -> bool {
    let (backwards, forwards) = context_agreement(text, anchor, range);
    let full_context = anchor.prefix.chars().count() + anchor.suffix.chars().count();
    ((backwards + forwards) * 2 >= full_context || one_side_agrees(text, anchor, range))
        && (!was_on_word_boundaries(anchor) || matches_as_words(text, anchor, range))
}

/// Whether `range` is whole words that begin and end as the quote does
/// (a letter where it has a letter, a space or a mark where it has one).
fn matches_as_words(text: &IndexedText<'_>, anchor: &Anchor, range: &Range<usize>) -> bool {
    let found = text.slice(range.clone());
    let same_kind = |a: Option<char>, b: Option<char>| {
        a.map(char::is_alphanumeric) == b.map(char::is_alphanumeric)
    };
    on_word_boundaries(text, range.start, range.end)
        && same_kind(found.chars().next(), anchor.exact.chars().next())
        && same_kind(found.chars().next_back(), anchor.exact.chars().next_back())
}

/// Whether the quote stood on word boundaries where it was made.
fn was_on_word_boundaries(anchor: &Anchor) -> bool {
    let inside = |outer: Option<char>, inner: Option<char>| {
        outer.is_some_and(char::is_alphanumeric) && inner.is_some_and(char::is_alphanumeric)
    };
    !inside(
        anchor.prefix.chars().next_back(),
        anchor.exact.chars().next(),
    ) && !inside(
        anchor.suffix.chars().next(),
        anchor.exact.chars().next_back(),
    )
}

/// Whether `start..end` neither begins nor ends inside a word.
fn on_word_boundaries(text: &IndexedText<'_>, start: usize, end: usize) -> bool {
    let inside = |outer: Option<char>, inner: Option<char>| {
        outer.is_some_and(char::is_alphanumeric) && inner.is_some_and(char::is_alphanumeric)
    };
    let before = start
        .checked_sub(1)
        .and_then(|b| text.slice(b..start).chars().next());
    let first = text.slice(start..end).chars().next();
    let last = text.slice(start..end).chars().next_back();
    let after = text.slice(end..end + 1).chars().next();
    !inside(before, first) && !inside(after, last)
}

/// Char offsets of every occurrence of `needle` within `range`, overlapping
/// ones included (" , " twice in " , , ").
fn occurrences(text: &IndexedText<'_>, needle: &str, range: Range<usize>) -> Vec<usize> {
    let base_byte = text.byte_of(range.start);
    let haystack = text.slice(range);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = haystack[from..].find(needle) {
        let byte = from + at;
        found.push(text.char_of(base_byte + byte));
        // On to the next char boundary after this match's start.
        from = byte + haystack[byte..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// Approximate search within each radius of `expected` in turn; the best
/// scoring match of the first window that has one.
fn fuzzy_search(
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
            let window_start = end.saturating_sub(pattern.len() + errors);
            let start = window_start + best_start(&reversed, &haystack_chars[window_start..end]);
            let matched = range.start + start..range.start + end;
            let scores = MatchScores::of(text, anchor, &matched, errors, expected);
            if short && !one_side_agrees(text, anchor, &matched) {
                continue;
            }
            // A shortish quote matched loosely needs its context as well.
            if pattern.len() < CONTEXT_NEEDED_BELOW && !context_holds(text, anchor, &matched) {
                continue;
            }
            if was_on_word_boundaries(anchor) && !matches_as_words(text, anchor, &matched) {
                continue; // Words are found as words, not inside others.
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

/// Where in `candidate` (which ends where a match ends) the best alignment
/// of the pattern starts: `reversed` is the pattern's matcher reversed, run
/// backwards from the candidate's end with the alignment anchored there.
fn best_start(reversed: &Myers, candidate: &[char]) -> usize {
    let distances = reversed.anchored_distances(candidate.iter().rev().copied());
    let pattern_len = reversed.pattern_len;
    let best_len = (0..distances.len())
        .min_by_key(|&len| (distances[len], pattern_len.abs_diff(len)))
        .unwrap_or(candidate.len());
    candidate.len() - best_len
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

    fn anchor_in(text: &str, quote: &str) -> Anchor {
        let start_byte = text.find(quote).expect("quote in text");
        let indexed = IndexedText::new(text);
        let start = indexed.char_of(start_byte);
        Anchor::from_range(&indexed, start..start + quote.chars().count())
    }

    fn resolve(text: &str, anchor: &Anchor) -> AnchorResolution {
        resolve_anchor(&IndexedText::new(text), anchor, 0)
    }

    const TEXT: &str = "The United States held out the possibility on Monday that the U.S. \
        and Russian foreign ministers could meet this week about Ukraine but said it needed \
        to know Moscow would engage seriously on a diplomatic solution.";

    #[test]
    fn unchanged_text_is_anchored() {
        let anchor = anchor_in(TEXT, "foreign ministers could meet");
        let resolution = resolve(TEXT, &anchor);
        assert_eq!(resolution.status, AnchorStatus::Anchored);
        assert_eq!(resolution.range, Some(anchor.range()));
    }

    #[test]
    fn text_inserted_before_moves_it() {
        let anchor = anchor_in(TEXT, "foreign ministers could meet");
        let edited = format!("BREAKING: {TEXT}");
        let resolution = resolve(&edited, &anchor);
        assert_eq!(resolution.status, AnchorStatus::Moved);
        assert_eq!(resolution.range, Some(anchor.start + 10..anchor.end + 10));
    }

    #[test]
    fn the_occurrence_with_agreeing_context_wins() {
        let text = "alpha the quote beta. gamma the quote delta.";
        let indexed = IndexedText::new(text);
        let anchor = Anchor::from_range(&indexed, 28..37); // "the quote" before " delta"
        assert_eq!(anchor.exact, "the quote");
        let edited = format!("xx{text}");
        let resolution = resolve(&edited, &anchor);
        assert_eq!(resolution.range, Some(30..39));
    }

    #[test]
    fn an_edited_quote_is_found_fuzzily() {
        let anchor = anchor_in(
            TEXT,
            "Moscow would engage seriously on a diplomatic solution",
        );
        let edited = TEXT.replace("engage seriously", "engage very seriously");
        let resolution = resolve(&edited, &anchor);
        let AnchorStatus::Fuzzy { score } = resolution.status else {
            panic!("{resolution:?}");
        };
        assert!(score > 0.8, "{score}");
        let range = resolution.range.unwrap();
        assert_eq!(
            IndexedText::new(&edited).slice(range),
            "Moscow would engage very seriously on a diplomatic solution"
        );
    }

    #[test]
    fn a_long_quote_is_found_fuzzily_across_blocks() {
        let quote = "Russia's bloodless seizure of the Crimea region of Ukraine has brought \
            U.S.-Russian relations to one of their lowest points since the Cold War";
        let text = format!("Intro. {quote}, with more.");
        let anchor = anchor_in(&text, quote);
        let edited = text.replace("lowest points", "lowest ebbs");
        let resolution = resolve(&edited, &anchor);
        assert!(
            matches!(resolution.status, AnchorStatus::Fuzzy { .. }),
            "{resolution:?}"
        );
        let got = IndexedText::new(&edited)
            .slice(resolution.range.unwrap())
            .to_owned();
        assert!(got.starts_with("Russia's bloodless"), "{got}");
        assert!(got.ends_with("Cold War"), "{got}");
    }

    #[test]
    fn a_deleted_quote_is_orphaned() {
        let anchor = anchor_in(TEXT, "foreign ministers could meet");
        let edited = TEXT.replace("Russian foreign ministers could meet this week", "");
        assert_eq!(resolve(&edited, &anchor).status, AnchorStatus::Orphaned);
    }

    #[test]
    fn short_quotes_need_context_to_match_fuzzily() {
        let text = "one two three four five six seven";
        let anchor = Anchor {
            start: 4,
            end: 9,
            exact: "twoo!".to_owned(),
            prefix: String::new(),
            suffix: String::new(),
        };
        assert_eq!(resolve(text, &anchor).status, AnchorStatus::Orphaned);
    }

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
