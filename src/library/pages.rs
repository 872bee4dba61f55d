//! An article's pages as the index keeps them (a PDF's, so that a search
//! can name the page a passage or a highlight is on): a line per page, its
//! first char and its label, in order; empty for an article without pages.

use crate::document::{PageStart, page_index_in};

/// The `pages` column for an article's pages.
pub(super) fn pages_column(pages: &[PageStart]) -> String {
    pages
        .iter()
        .map(|page| {
            format!(
                "{}\t{}\n",
                page.start_char,
                page.label.replace(['\t', '\n'], " ")
            )
        })
        .collect()
}

/// The pages a `pages` column holds (a line it cannot read is left out:
/// the index is a cache, never trusted further than that).
pub(super) fn pages_of_column(column: &str) -> Vec<PageStart> {
    column
        .lines()
        .filter_map(|line| {
            let (start, label) = line.split_once('\t')?;
            Some(PageStart {
                start_char: start.parse().ok()?,
                label: label.to_owned(),
            })
        })
        .collect()
}

/// The label of the page `offset_char` is on.
pub(super) fn page_label_at(pages: &[PageStart], offset_char: usize) -> Option<String> {
    page_index_in(pages, offset_char).map(|index| pages[index].label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_go_into_their_column_and_come_back() {
        let pages = vec![
            PageStart {
                start_char: 0,
                label: "iv".into(),
            },
            PageStart {
                start_char: 120,
                label: "213".into(),
            },
        ];
        let column = pages_column(&pages);
        assert_eq!(pages_of_column(&column), pages);
        assert_eq!(page_label_at(&pages, 119).as_deref(), Some("iv"));
        assert_eq!(page_label_at(&pages, 5000).as_deref(), Some("213"));
        assert!(pages_of_column("").is_empty());
        assert!(pages_of_column("x\tbroken\n").is_empty());
    }
}
