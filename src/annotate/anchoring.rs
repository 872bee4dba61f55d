//! Re-anchoring: finding an annotation's quote in a text that may have changed.
//!
//! In order (DESIGN.md "Annotations"): the text at the recorded positions
//! equals the quote → anchored (a matching text hash alone is not trusted:
//! orphans and fuzzy matches carry positions from an older text); exact search for the quote,
//! choosing among occurrences by prefix/suffix agreement and distance from the
//! expected position → moved; approximate search (Myers' bit-parallel
//! algorithm, errors ≤ quote length / 4) scored on quote, prefix, suffix and
//! position as the Hypothesis client does (in `fuzzy`) → fuzzy; otherwise
//! orphaned. Every match needs its context (half of it, or all of one side)
//! and, for a quote of whole words, whole words: a highlight is orphaned
//! rather than moved onto unrelated text.
//!
//! Annotations are resolved in document order, and the shift found for one
//! predicts where the next one is, so a long text with thousands of
//! annotations re-anchors in one pass of short, local searches.

use std::ops::Range;

use super::fuzzy::fuzzy_search;
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
    pub(super) fn orphaned() -> Self {
        Self {
            range: None,
            status: AnchorStatus::Orphaned,
        }
    }
}

/// The anchor at its own positions, when the quote is still there with its
/// context. Even when the sidecar's text hash matches, the quote must be at
/// the positions: an orphan or a fuzzy match keeps positions from older
/// text. (A short quote also needs its context: "a" is found anywhere.)
fn where_it_was(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    quote_len: usize,
) -> Option<AnchorResolution> {
    if anchor.end_char > text.char_len() || text.slice(anchor.range()) != anchor.exact {
        return None;
    }
    // Anchored: the quote and its whole context are where they were.
    if context_agrees_fully(text, anchor, &anchor.range()) {
        return Some(found(anchor.range(), AnchorStatus::Anchored));
    }
    // Its context changed in part: the same quote nearby with more of its
    // context (a near-copy inserted before it) is where it is.
    if !context_holds(text, anchor, &anchor.range()) {
        return None;
    }
    let start = exact_search(text, anchor, anchor.start_char, &[2_048, 65_536])
        .unwrap_or(anchor.start_char);
    Some(match start == anchor.start_char {
        true => found(anchor.range(), AnchorStatus::Anchored),
        false => found(start..start + quote_len, AnchorStatus::Moved),
    })
}

/// Resolves one anchor; `shift` predicts how far the text around it moved.
pub fn resolve_anchor(text: &IndexedText<'_>, anchor: &Anchor, shift: isize) -> AnchorResolution {
    let quote_len = anchor.exact.chars().count();
    let length = text.char_len();
    if quote_len == 0 {
        return AnchorResolution::orphaned();
    }
    if let Some(resolution) = where_it_was(text, anchor, quote_len) {
        return resolution;
    }
    let expected = offset_by(anchor.start_char, shift).min(length);
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
    // A short quote, changed, is looked for loosely only around where it
    // was (it needs its context there); a long one in the whole text.
    let last_radius = if quote_len < CONTEXT_NEEDED_BELOW {
        quote_len * 8 + 4_096
    } else {
        usize::MAX / 2
    };
    if let Some((range, score)) = fuzzy_search(text, anchor, expected, &[last_radius]) {
        return found(range, AnchorStatus::Fuzzy { score });
    }
    AnchorResolution::orphaned()
}

pub(super) fn found(range: Range<usize>, status: AnchorStatus) -> AnchorResolution {
    AnchorResolution {
        range: Some(range),
        status,
    }
}

pub(super) fn offset_by(position: usize, shift: isize) -> usize {
    position.saturating_add_signed(shift)
}

/// The char window `center ± radius`, clamped to the text.
pub(super) fn window(text: &IndexedText<'_>, center: usize, radius: usize) -> Range<usize> {
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
        let found = occurrences(text, &anchor.exact, range.clone());
        let best = found
            .iter()
            .map(|&start| {
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
        let only_one = found.len() == 1;
        match best {
            // A match needs at least half its context to agree, or all of
            // its context on one side...
            Some((_, start)) if context_holds(text, anchor, &(start..start + quote_len)) => {
                return Some(start);
            }
            // ...or to be the only one and long: a long quote is its own
            // context. A short one found once with no agreeing context is
            // not the same place ("called a vote" of another sentence): it
            // is orphaned, never moved there.
            Some((_, start)) if only_one && quote_len >= CONTEXT_NEEDED_BELOW => {
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
pub(super) fn context_agreement(
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

/// Whether all of the prefix and all of the suffix are around `range`.
pub(super) fn context_agrees_fully(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    range: &Range<usize>,
) -> bool {
    let (backwards, forwards) = context_agreement(text, anchor, range);
    backwards == anchor.prefix.chars().count() && forwards == anchor.suffix.chars().count()
}

/// Whether all of the prefix or all of the suffix (not empty) is around `range`.
pub(super) fn one_side_agrees(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    range: &Range<usize>,
) -> bool {
    let (backwards, forwards) = context_agreement(text, anchor, range);
    let (prefix_len, suffix_len) = (anchor.prefix.chars().count(), anchor.suffix.chars().count());
    (prefix_len > 0 && backwards == prefix_len) || (suffix_len > 0 && forwards == suffix_len)
}

/// Whether enough context is around `range` for the quote to be there:
/// half of it, or all of one side; and a quote that stood on word
/// boundaries is not inside another word.
pub(super) fn context_holds(text: &IndexedText<'_>, anchor: &Anchor, range: &Range<usize>) -> bool {
    let (backwards, forwards) = context_agreement(text, anchor, range);
    let full_context = anchor.prefix.chars().count() + anchor.suffix.chars().count();
    ((backwards + forwards) * 2 >= full_context || one_side_agrees(text, anchor, range))
        && (!was_on_word_boundaries(anchor) || matches_as_words(text, anchor, range))
}

/// Whether `range` is whole words that begin and end as the quote does
/// (a letter where it has a letter, a space or a mark where it has one).
pub(super) fn matches_as_words(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    range: &Range<usize>,
) -> bool {
    let found = text.slice(range.clone());
    let same_kind = |a: Option<char>, b: Option<char>| {
        a.map(char::is_alphanumeric) == b.map(char::is_alphanumeric)
    };
    on_word_boundaries(text, range.start, range.end)
        && same_kind(found.chars().next(), anchor.exact.chars().next())
        && same_kind(found.chars().next_back(), anchor.exact.chars().next_back())
}

/// Whether the quote stood on word boundaries where it was made.
pub(super) fn was_on_word_boundaries(anchor: &Anchor) -> bool {
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
        assert_eq!(
            resolution.range,
            Some(anchor.start_char + 10..anchor.end_char + 10)
        );
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
            start_char: 4,
            end_char: 9,
            exact: "twoo!".to_owned(),
            prefix: String::new(),
            suffix: String::new(),
        };
        assert_eq!(resolve(text, &anchor).status, AnchorStatus::Orphaned);
    }
}
