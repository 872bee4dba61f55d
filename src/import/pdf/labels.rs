//! What a PDF calls its pages (`/PageLabels`: "i", "ii", … "1", "A-3"), read
//! from the catalogue's number tree; a page without a label is its number
//! from 1. In the child process, bounded: a tree deeper than 16 levels or
//! with more than 10,000 ranges is read up to there.

use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name};

use crate::document::roman_numeral;

const MAX_DEPTH: usize = 16;
const MAX_RANGES: usize = 10_000;

/// A range of pages labelled alike, from its first page (from 0).
#[derive(Clone, Debug, PartialEq)]
struct LabelRange {
    first_page: usize,
    style: Option<char>,
    prefix: String,
    start: u64,
}

/// The label of each of the document's `pages`.
pub fn page_labels(pdf: &Pdf, pages: usize) -> Vec<String> {
    let mut ranges = Vec::new();
    let catalogue: Option<Dict<'_>> = pdf.xref().get(pdf.xref().root_id());
    if let Some(tree) = catalogue.and_then(|c| c.get::<Dict<'_>>(b"PageLabels".as_slice())) {
        collect(&tree, 0, &mut ranges);
    }
    ranges.sort_by_key(|range| range.first_page);
    (0..pages).map(|page| label_of(&ranges, page)).collect()
}

/// The ranges of a node of the number tree and of its kids.
fn collect(node: &Dict<'_>, depth: usize, ranges: &mut Vec<LabelRange>) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(nums) = node.get::<Array<'_>>(b"Nums".as_slice()) {
        let mut items = nums.flex_iter();
        while ranges.len() < MAX_RANGES {
            let (Some(first_page), Some(label)) = (items.next::<i64>(), items.next::<Dict<'_>>())
            else {
                break;
            };
            ranges.push(LabelRange {
                first_page: usize::try_from(first_page).unwrap_or(0),
                style: label
                    .get::<Name<'_>>(b"S".as_slice())
                    .and_then(|name| name.as_str().chars().next()),
                prefix: label
                    .get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"P".as_slice())
                    .and_then(|p| super::extract::text_string(p.as_bytes()))
                    .unwrap_or_default(),
                start: label
                    .get::<i64>(b"St".as_slice())
                    .map_or(1, |s| s.max(1) as u64),
            });
        }
    }
    if let Some(kids) = node.get::<Array<'_>>(b"Kids".as_slice()) {
        for kid in kids.iter::<Dict<'_>>().take(MAX_RANGES) {
            collect(&kid, depth + 1, ranges);
        }
    }
}

fn label_of(ranges: &[LabelRange], page: usize) -> String {
    let at = ranges.partition_point(|range| range.first_page <= page);
    let Some(range) = at.checked_sub(1).map(|i| &ranges[i]) else {
        return (page + 1).to_string();
    };
    let number = range.start + (page - range.first_page) as u64;
    let numeral = match range.style {
        Some('D') => number.to_string(),
        Some('R') => roman(number),
        Some('r') => roman(number).to_lowercase(),
        Some('A') => letters(number),
        Some('a') => letters(number).to_lowercase(),
        _ => String::new(),
    };
    let label = format!("{}{numeral}", range.prefix);
    if label.is_empty() {
        (page + 1).to_string()
    } else {
        label
    }
}

/// 1994 → "MCMXCIV" (beyond 3,999, the number).
fn roman(number: u64) -> String {
    roman_numeral(number).unwrap_or_else(|| number.to_string())
}

/// 1 → "A", 26 → "Z", 27 → "AA", 28 → "BB" (as the PDF standard counts).
fn letters(number: u64) -> String {
    if number == 0 || number > 26 * 100 {
        return number.to_string();
    }
    let letter = char::from(b'A' + ((number - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((number - 1) / 26 + 1) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(first_page: usize, style: Option<char>, prefix: &str, start: u64) -> LabelRange {
        LabelRange {
            first_page,
            style,
            prefix: prefix.to_owned(),
            start,
        }
    }

    #[test]
    fn front_matter_in_roman_then_arabic_from_one() {
        let ranges = [range(0, Some('r'), "", 1), range(4, Some('D'), "", 1)];
        let labels: Vec<String> = (0..7).map(|p| label_of(&ranges, p)).collect();
        assert_eq!(labels, ["i", "ii", "iii", "iv", "1", "2", "3"]);
    }

    #[test]
    fn prefixes_letters_and_no_labels() {
        assert_eq!(label_of(&[range(0, Some('D'), "A-", 8)], 2), "A-10");
        assert_eq!(label_of(&[range(0, Some('A'), "", 27)], 1), "BB");
        assert_eq!(label_of(&[], 4), "5");
        assert_eq!(roman(1994), "MCMXCIV");
    }
}
