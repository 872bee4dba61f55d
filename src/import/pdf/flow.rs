//! A page's blocks in the order they read: footnotes after the page's
//! text (a two-column page draws the left column's footnotes before the
//! right column, in the middle of a sentence), and a paragraph that a
//! column's end, a footnote or a float broke joined again.

use super::layout::{Paragraph, join_line};
use super::text::{PdfBlock, PdfBlockKind};

/// Whether a paragraph is a footnote: smaller than the body, in the lower
/// part of its page, opening with a note's mark ("1", "∗", "†").
pub fn is_footnote(paragraph: &Paragraph, page_height: f32, body: f32) -> bool {
    let marked = paragraph
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "*∗†‡§¶¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c));
    marked
        && paragraph.size < body * 0.92
        && paragraph.top > page_height * 0.55
        && !paragraph.turned
}

/// The page's blocks with a footnote that falls in the middle of a
/// sentence moved after the page's text, and the sentence joined again.
/// Footnotes between whole paragraphs stay where the page draws them.
pub fn in_reading_order(blocks: Vec<(PdfBlock, bool)>) -> Vec<PdfBlock> {
    let mut ordered: Vec<PdfBlock> = Vec::with_capacity(blocks.len());
    let mut deferred: Vec<PdfBlock> = Vec::new();
    for (index, (block, note)) in blocks.iter().enumerate() {
        if *note {
            let next_text = blocks[index + 1..].iter().find(|(_, n)| !n).map(|(b, _)| b);
            let interrupts = matches!((ordered.last(), next_text), (Some(before), Some(after)) if continues(before, after));
            if interrupts {
                deferred.push(block.clone());
            } else {
                ordered.push(block.clone());
            }
            continue;
        }
        match ordered.last_mut() {
            Some(last) if continues(last, block) => join_line(&mut last.text, &block.text),
            _ => ordered.push(block.clone()),
        }
    }
    ordered.extend(deferred);
    ordered
}

/// Whether `next` goes on with the sentence `block` left unfinished.
fn continues(block: &PdfBlock, next: &PdfBlock) -> bool {
    block.kind == PdfBlockKind::Paragraph
        && next.kind == PdfBlockKind::Paragraph
        && !block
            .text
            .ends_with(['.', '!', '?', ':', ';', ')', '"', '\u{201D}', '\''])
        && next.text.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> PdfBlock {
        PdfBlock {
            kind: PdfBlockKind::Paragraph,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_footnote_goes_after_the_text_and_the_sentence_it_broke_is_joined() {
        let blocks = vec![
            (block("The left column ends in the middle of a"), false),
            (block("1 A footnote of the left column."), true),
            (block("sentence, which the right column finishes."), false),
            (block("A new paragraph."), false),
        ];
        let texts: Vec<String> = in_reading_order(blocks)
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(
            texts,
            [
                "The left column ends in the middle of a sentence, which the right column finishes.",
                "A new paragraph.",
                "1 A footnote of the left column.",
            ]
        );
    }
}
