//! Moving through the canonical text: chars across block separators,
//! words, the whole text. Moves by laid-out rows are in `caret`.

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

/// Whether a range holds a word (a letter or digit), not only spaces or
/// punctuation.
/// `range` grown to the whole words at its ends (a selection made by
/// dragging over a printed page takes whole words, as the text's does).
pub fn whole_words(document: &Document, range: Range<usize>) -> Range<usize> {
    if range.is_empty() {
        return range;
    }
    let first = word_at(document, range.start);
    let last = word_at(document, range.end - 1);
    let start = if is_word(document, &first) {
        first.start.min(range.start)
    } else {
        range.start
    };
    let end = if is_word(document, &last) {
        last.end.max(range.end)
    } else {
        range.end
    };
    start..end
}

pub(super) fn is_word(document: &Document, range: &Range<usize>) -> bool {
    document
        .text_between(range.start, range.end)
        .chars()
        .any(char::is_alphanumeric)
}

/// How a cursor moves through the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorMove {
    Char(i64),
    Word(i64),
    /// Laid-out rows up (negative) or down, keeping the caret's x.
    Line(i64),
    /// The start of the visual line (the laid-out row).
    LineStart,
    /// The end of the visual line.
    LineEnd,
    DocumentStart,
    DocumentEnd,
}

impl CursorMove {
    /// Whether the move needs the laid-out rows (see `caret`).
    pub(super) fn is_by_rows(self) -> bool {
        matches!(
            self,
            CursorMove::Line(_) | CursorMove::LineStart | CursorMove::LineEnd
        )
    }
}

/// Moves a cursor through the canonical text, stepping over block
/// separators; moves by rows are left to the caret, which has the layout.
pub(super) fn moved_cursor(document: &Document, cursor: usize, movement: CursorMove) -> usize {
    let count = document.char_count();
    if document.block_at(cursor).is_none() {
        return cursor;
    }
    let blocks = document.blocks();
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
                c = step_word(document, c, n > 0, &step_char);
            }
            c
        }
        CursorMove::DocumentStart => 0,
        CursorMove::DocumentEnd => count,
        CursorMove::Line(_) | CursorMove::LineStart | CursorMove::LineEnd => cursor,
    }
}

/// One word on: forward to the end of the next word, back to the start of
/// the word before (spaces and punctuation are stepped over, as in an editor).
fn step_word(
    document: &Document,
    from: usize,
    forward: bool,
    step_char: &impl Fn(usize, bool) -> usize,
) -> usize {
    let mut c = from;
    loop {
        let next = step_char(c, forward);
        if next == c {
            return c;
        }
        let word = word_at(
            document,
            if forward {
                c.max(next.saturating_sub(1))
            } else {
                next
            },
        );
        if is_word(document, &word) {
            return if forward {
                word.end.max(next)
            } else {
                word.start.min(next)
            };
        }
        c = if forward {
            word.end.max(next)
        } else {
            word.start.min(next)
        };
    }
}

/// The start of the first word at or after `from` (the caret's place when
/// it appears).
pub(super) fn word_start_at_or_after(document: &Document, from: usize) -> usize {
    let count = document.char_count();
    let mut c = from;
    while c < count {
        let word = word_at(document, c);
        if is_word(document, &word) && word.start >= from {
            return word.start;
        }
        c = if word.end > c { word.end } else { c + 1 };
    }
    from
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
        assert_eq!(moved_cursor(&doc, 27, CursorMove::Char(1)), 27);
        assert_eq!(moved_cursor(&doc, 12, CursorMove::DocumentEnd), 27);
    }

    #[test]
    fn words_step_over_spaces_and_punctuation() {
        let doc = document();
        // "A title\n\nHello, wide world."
        assert_eq!(
            moved_cursor(&doc, 14, CursorMove::Word(1)),
            20,
            "past \", \" to the end of wide"
        );
        assert_eq!(moved_cursor(&doc, 21, CursorMove::Word(1)), 26);
        assert_eq!(moved_cursor(&doc, 21, CursorMove::Word(-1)), 16);
        assert_eq!(moved_cursor(&doc, 16, CursorMove::Word(-1)), 9);
        assert_eq!(moved_cursor(&doc, 9, CursorMove::Word(-1)), 2);
        assert_eq!(word_start_at_or_after(&doc, 7), 9);
        assert_eq!(word_start_at_or_after(&doc, 14), 16);
    }
}
