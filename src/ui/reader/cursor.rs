//! Moving through the canonical text: words, chars across block
//! separators, block starts and ends.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

use crate::document::Document;

/// The word (or run of spaces or punctuation) around a char offset.
pub(super) fn word_at(document: &Document, at: usize) -> Range<usize> {
    let Some(index) = document.block_at(at) else {
        return at..at;
    };
    let chars = &document.blocks()[index].chars;
    let text = document.block_text(index);
    let local = at.saturating_sub(chars.start);
    let mut start = 0;
    for word in text.split_word_bounds() {
        let len = word.chars().count();
        if local < start + len || start + len == chars.end - chars.start {
            return chars.start + start..chars.start + start + len;
        }
        start += len;
    }
    at..at
}

/// How a cursor moves through the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorMove {
    Char(i64),
    Word(i64),
    Line(i64),
    BlockStart,
    BlockEnd,
}

/// Moves a cursor through the canonical text, stepping over block separators.
pub(super) fn moved_cursor(document: &Document, cursor: usize, movement: CursorMove) -> usize {
    let count = document.char_count();
    let Some(index) = document.block_at(cursor) else {
        return cursor;
    };
    let blocks = document.blocks();
    let chars = &blocks[index].chars;
    let step_char = |c: usize, forward: bool| -> usize {
        let i = document.block_at(c).unwrap_or(0);
        let block = &blocks[i].chars;
        if forward {
            if c >= block.end {
                blocks.get(i + 1).map_or(count, |b| b.chars.start)
            } else {
                c + 1
            }
        } else if c <= block.start {
            if i == 0 { 0 } else { blocks[i - 1].chars.end }
        } else {
            c - 1
        }
    };
    match movement {
        CursorMove::Char(n) => (0..n.unsigned_abs()).fold(cursor, |c, _| step_char(c, n > 0)),
        CursorMove::Word(n) => {
            let mut c = cursor;
            for _ in 0..n.unsigned_abs() {
                c = step_char(c, n > 0);
                let word = word_at(document, c);
                c = if n > 0 { word.end } else { word.start };
            }
            c
        }
        CursorMove::Line(n) => {
            // About one line of body text; the row layout is not needed.
            (0..n.unsigned_abs() * 70).fold(cursor, |c, _| step_char(c, n > 0))
        }
        CursorMove::BlockStart => chars.start,
        CursorMove::BlockEnd => chars.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, DocumentBuilder, Format, Metadata};

    fn document() -> Document {
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Title, "A title");
        builder.push(BlockKind::Paragraph, "Hello, wide world.");
        builder.finish()
    }

    #[test]
    fn words_are_found_by_unicode_word_bounds() {
        let doc = document();
        assert_eq!(
            doc.text_between(word_at(&doc, 17).start, word_at(&doc, 17).end),
            "wide"
        );
        assert_eq!(
            doc.text_between(word_at(&doc, 9).start, word_at(&doc, 9).end),
            "Hello"
        );
    }

    #[test]
    fn cursor_steps_over_block_separators() {
        let doc = document();
        assert_eq!(moved_cursor(&doc, 7, CursorMove::Char(1)), 9);
        assert_eq!(moved_cursor(&doc, 9, CursorMove::Char(-1)), 7);
        assert_eq!(moved_cursor(&doc, 9, CursorMove::Word(1)), 14);
        assert_eq!(moved_cursor(&doc, 12, CursorMove::BlockEnd), 27);
        assert_eq!(moved_cursor(&doc, 27, CursorMove::Char(1)), 27);
    }
}
