//! Where a search's words are in an article's text: every place a term is
//! found as a word, matches close together taken as one passage, each with
//! a snippet whose matched words are marked (`**`). An article that says
//! "performance" 18 times in 18 places has 18 passages, each one click from
//! its place.

use std::ops::Range;

use serde::Serialize;

use crate::document::{FoldedText, PageStart};

use super::pages::page_label_at;

/// Matches closer than this (chars, from a passage's first) are one passage.
const PASSAGE_CHARS: usize = 200;

/// Chars of context on each side of a passage's matches in its snippet.
const CONTEXT_CHARS: usize = 70;

/// Matches looked for in one article: a bound on the work for a word that
/// is everywhere (its passages are then counted up to here).
const MAX_MATCHES: usize = 5_000;

/// One place in an article's text where the search's words are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Chars of the article's canonical text: the first match.
    pub start: usize,
    pub end: usize,
    /// The words around, the matched words between `**`, on one line.
    pub snippet: String,
    /// The label of the page it is on, when the article has pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// An article's passages for `terms`: the first `keep` of them, in the
/// order of the text, each with its page (of `pages`, when it has pages),
/// and how many there are in all.
pub fn passages(
    body: &str,
    pages: &[PageStart],
    terms: &[String],
    keep: usize,
) -> (Vec<Passage>, usize) {
    let folded = FoldedText::new(body, false);
    let mut matches: Vec<Range<usize>> = terms
        .iter()
        .flat_map(|term| folded.find_words(term, MAX_MATCHES))
        .collect();
    matches.sort_by_key(|m| (m.start, m.end));
    let groups = group(&matches);
    let count = groups.len();
    if groups.is_empty() {
        return (Vec::new(), 0);
    }
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let kept = groups
        .into_iter()
        .take(keep)
        .map(|group| Passage {
            start: group[0].start,
            end: group[0].end,
            snippet: snippet(body, &chars, group),
            page: page_label_at(pages, group[0].start),
        })
        .collect();
    (kept, count)
}

/// Matches in runs: each run starts a passage, the matches within
/// `PASSAGE_CHARS` of its first join it.
fn group(matches: &[Range<usize>]) -> Vec<&[Range<usize>]> {
    let mut groups = Vec::new();
    let mut first = 0;
    for i in 1..=matches.len() {
        let ends = i == matches.len() || matches[i].start >= matches[first].start + PASSAGE_CHARS;
        if ends && first < i {
            groups.push(&matches[first..i]);
            first = i;
        }
    }
    groups
}

/// The passage's words, from a little before its first match to a little
/// after its last, cut at spaces, its matches marked.
fn snippet(body: &str, chars: &[(usize, char)], matches: &[Range<usize>]) -> String {
    let byte_at = |char_at: usize| chars.get(char_at).map_or(body.len(), |(byte, _)| *byte);
    let first = matches[0].start;
    let last = matches.iter().map(|m| m.end).max().unwrap_or(first);
    let mut from = first.saturating_sub(CONTEXT_CHARS);
    while from > 0 && from < first && !chars[from - 1].1.is_whitespace() {
        from += 1;
    }
    let mut to = (last + CONTEXT_CHARS).min(chars.len());
    while to < chars.len() && to > last && !chars[to].1.is_whitespace() {
        to -= 1;
    }
    let mut snippet = String::new();
    let mut at = from;
    for m in matches {
        if m.start < at {
            continue; // Overlaps the one before (two terms in one word).
        }
        snippet.push_str(&body[byte_at(at)..byte_at(m.start)]);
        snippet.push_str("**");
        snippet.push_str(&body[byte_at(m.start)..byte_at(m.end)]);
        snippet.push_str("**");
        at = m.end;
    }
    snippet.push_str(&body[byte_at(at)..byte_at(to.max(at))]);
    let words = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
    let before = if from > 0 { "…" } else { "" };
    let after = if to < chars.len() { "…" } else { "" };
    format!("{before}{words}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn every_place_is_a_passage_and_close_matches_are_one() {
        let filler = "Nothing to see in this sentence at all. ".repeat(10);
        let body = format!(
            "Performance matters.{filler}Its performance, and performance again.{filler}\nThe end: performance."
        );
        let (kept, count) = passages(&body, &[], &terms(&["performance"]), 10);
        assert_eq!(count, 3);
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[0].start, 0);
        assert!(
            kept[0].snippet.starts_with("**Performance** matters."),
            "{}",
            kept[0].snippet
        );
        assert!(
            kept[1]
                .snippet
                .contains("Its **performance**, and **performance** again."),
            "{}",
            kept[1].snippet
        );
        let cut_at_words = |s: &str| s.starts_with("…in this") && s.ends_with("in this…");
        assert!(cut_at_words(&kept[1].snippet), "{}", kept[1].snippet);
        assert!(
            kept[2].snippet.ends_with("The end: **performance**."),
            "{}",
            kept[2].snippet
        );
        let (kept, count) = passages(&body, &[], &terms(&["performance"]), 1);
        assert_eq!((kept.len(), count), (1, 3));
    }

    #[test]
    fn words_only_whole_and_offsets_in_chars() {
        let body = "Natásha’s trust in Rust: the rust belt. Ünïcode rust.";
        let (kept, count) = passages(body, &[], &terms(&["rust"]), 10);
        assert_eq!(count, 1, "all three within one passage");
        let text: Vec<char> = body.chars().collect();
        let first: String = text[kept[0].start..kept[0].end].iter().collect();
        assert_eq!(first, "Rust");
        assert_eq!(
            kept[0].snippet,
            "Natásha’s trust in **Rust**: the **rust** belt. Ünïcode **rust**."
        );
        assert!(passages(body, &[], &terms(&["rus"]), 10).0.is_empty());
    }
}
