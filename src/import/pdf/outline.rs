//! A PDF's own outline (its bookmarks): each entry's title and depth, read
//! in the child with bounds (a cycle of `/Next` or `/First` links is
//! followed once, the depth and the count are capped). The layout makes
//! the paragraphs that are an entry's title headings of its depth.

use std::collections::HashSet;

use hayro_interpret::hayro_syntax::Pdf;

use super::super::inline::words_of;
use hayro_interpret::hayro_syntax::object::{Dict, ObjRef};

const MAX_DEPTH: u8 = 6;
const MAX_ENTRIES: usize = 5_000;

/// The outline's entries in order: (depth from 1, title).
pub fn outline_entries(pdf: &Pdf) -> Vec<(u8, String)> {
    let mut entries = Vec::new();
    let catalogue: Option<Dict<'_>> = pdf.xref().get(pdf.xref().root_id());
    let outlines = catalogue.and_then(|c| c.get::<Dict<'_>>(b"Outlines".as_slice()));
    if let Some(root) = outlines {
        let mut seen = HashSet::new();
        walk(&root, 1, &mut seen, &mut entries);
    }
    entries
}

/// The entries under `parent` (its `/First`, then each `/Next`).
fn walk(parent: &Dict<'_>, depth: u8, seen: &mut HashSet<ObjRef>, out: &mut Vec<(u8, String)>) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut next = linked(parent, b"First", seen);
    while let Some(item) = next {
        if out.len() >= MAX_ENTRIES {
            return;
        }
        let title = item
            .get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"Title".as_slice())
            .and_then(|t| super::extract::text_string(t.as_bytes()));
        if let Some(title) = title {
            out.push((depth, title));
        }
        walk(&item, depth + 1, seen, out);
        next = linked(&item, b"Next", seen);
    }
}

/// The entry `key` links to, unless it was seen already (a cycle).
fn linked<'a>(item: &Dict<'a>, key: &[u8], seen: &mut HashSet<ObjRef>) -> Option<Dict<'a>> {
    let reference = item.get_ref(key)?;
    if !seen.insert(reference) {
        return None;
    }
    item.get::<Dict<'a>>(key)
}

/// A title as compared with a paragraph: lowercase letters and digits,
/// single spaces, a leading section number ("2.3", "IV.") dropped.
pub fn comparable(text: &str) -> String {
    let words = words_of(text);
    let is_number = |word: &String| {
        word.chars().all(|c| c.is_ascii_digit())
            || (word.len() <= 4 && word.chars().all(|c| "ivxlc".contains(c)))
    };
    let numbers = words.iter().take_while(|w| is_number(w)).count();
    let numbers = if numbers < words.len() { numbers } else { 0 };
    words[numbers..].join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_compare_without_their_numbers_and_marks() {
        assert_eq!(super::comparable("2.3  Trace Trees"), "trace trees");
        assert_eq!(super::comparable("IV. Results"), "results");
        assert_eq!(super::comparable("Related Work"), "related work");
    }
}
