//! Long blocks in pieces. A paragraph of a megabyte on one line (a log, a
//! minified page, a hostile file) laid out whole takes hundreds of
//! megabytes of glyphs. A block longer than [`MAX_PIECE_CHARS`] is kept as
//! consecutive blocks whose text follows on with no separator between them
//! (the canonical text is unchanged; each piece after the first
//! `continues` the one before): the reader lays out only the pieces near
//! the view, so memory is bounded by the screen, not by the paragraph.
//! Pieces end after a sentence where one ends near the limit, else after a
//! space, else between two graphemes; a preformatted block's after a line.
//! A table's columns are aligned piece by piece, so a table is cut only
//! when far longer ([`MAX_TABLE_PIECE_CHARS`]), between rows (inside a row
//! only when one row alone is longer: a megabyte in one cell).

use unicode_segmentation::UnicodeSegmentation as _;

use super::{Block, BlockKind, StyledSpan};

/// The longest a block's piece may be, in chars.
pub const MAX_PIECE_CHARS: usize = 4_096;
/// The longest a table's piece may be, in chars.
pub const MAX_TABLE_PIECE_CHARS: usize = 65_536;
/// How far back from the limit a piece looks for a good place to end.
const LOOK_BACK_CHARS: usize = 1_024;

/// `block` (whose text is `text`) as pieces of at most [`MAX_PIECE_CHARS`]
/// chars; a short block as it is.
pub(super) fn in_pieces(block: Block, text: &str) -> Vec<Block> {
    let (max_chars, look_back) = match block.kind {
        BlockKind::Table => (MAX_TABLE_PIECE_CHARS, MAX_TABLE_PIECE_CHARS - 1),
        _ => (MAX_PIECE_CHARS, LOOK_BACK_CHARS),
    };
    if block.char_len() <= max_chars {
        return vec![block];
    }
    let mut pieces = Vec::new();
    let (mut start_char, mut start_byte) = (0, 0);
    let total_chars = block.char_len();
    while start_char < total_chars {
        let rest = &text[start_byte..];
        let (len_chars, len_bytes) = if total_chars - start_char <= max_chars {
            (total_chars - start_char, rest.len())
        } else {
            piece_end(rest, max_chars, look_back, block.kind.keeps_whitespace())
        };
        let chars = start_char..start_char + len_chars;
        pieces.push(Block {
            kind: piece_kind(block.kind, pieces.is_empty()),
            chars: block.chars.start + chars.start..block.chars.start + chars.end,
            bytes: block.bytes.start + start_byte..block.bytes.start + start_byte + len_bytes,
            spans: spans_within(&block.spans, &chars),
            continues: !pieces.is_empty(),
        });
        start_char += len_chars;
        start_byte += len_bytes;
    }
    pieces
}

/// A later piece of a figure is its caption's text; of a list item, the
/// item's text without a bullet.
fn piece_kind(kind: BlockKind, first: bool) -> BlockKind {
    match kind {
        _ if first => kind,
        BlockKind::Figure { .. } => BlockKind::Paragraph,
        BlockKind::ListItem { level, number, .. } => BlockKind::ListItem {
            level,
            number,
            continued: true,
        },
        kind => kind,
    }
}

/// Where the first piece of `text` ends, in chars and bytes: after the
/// last sentence end (or line end, for preformatted text) in the last
/// `look_back` chars before `max_chars`, else after the last space there,
/// else at the last grapheme boundary before the limit.
fn piece_end(text: &str, max_chars: usize, look_back: usize, preformatted: bool) -> (usize, usize) {
    let limit_byte = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(byte, _)| byte);
    let window_start = text[..limit_byte]
        .char_indices()
        .nth(max_chars - look_back)
        .map_or(0, |(byte, _)| byte);
    let window = &text[window_start..limit_byte];
    let after = |needles: &[&str]| {
        needles
            .iter()
            .filter_map(|needle| window.rfind(needle).map(|at| at + needle.len()))
            .max()
    };
    let end_in_window = if preformatted {
        after(&["\n"])
    } else {
        after(&[". ", "! ", "? ", ".\n", "\n"])
    }
    .or_else(|| after(&[" ", "\t"]))
    .or_else(|| {
        window
            .grapheme_indices(true)
            .map(|(at, _)| at)
            .rfind(|&at| at > 0)
    });
    let end_byte = end_in_window.map_or(limit_byte, |at| window_start + at);
    (text[..end_byte].chars().count(), end_byte)
}

/// The spans over `chars` (of the whole block), in chars of the piece.
fn spans_within(spans: &[StyledSpan], chars: &std::ops::Range<usize>) -> Vec<StyledSpan> {
    spans
        .iter()
        .filter(|span| span.chars.start < chars.end && chars.start < span.chars.end)
        .map(|span| StyledSpan {
            chars: span.chars.start.max(chars.start) - chars.start
                ..span.chars.end.min(chars.end) - chars.start,
            style: span.style.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::document::{DocumentBuilder, Format, InlineStyle, Metadata};

    use super::*;

    #[test]
    fn a_megabyte_paragraph_is_kept_in_pieces_with_its_text_unchanged() {
        let sentence = "The quick brown fox jumps over the lazy dog again and again. ";
        let paragraph = sentence.repeat(1_000_000 / sentence.len());
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Title, "Long");
        builder.push_styled(
            BlockKind::Paragraph,
            &paragraph,
            vec![StyledSpan {
                chars: 5_000..9_000,
                style: InlineStyle::Emphasis,
            }],
        );
        builder.push(BlockKind::Paragraph, "After.");
        let document = builder.finish();
        assert_eq!(
            document.text(),
            format!("Long\n\n{}\n\nAfter.", paragraph.trim_end())
        );
        let blocks = document.blocks();
        assert!(blocks.len() > 200, "{}", blocks.len());
        assert!(blocks.iter().all(|b| b.char_len() <= MAX_PIECE_CHARS));
        for pair in blocks[1..blocks.len() - 1].windows(2) {
            assert_eq!(
                pair[0].chars.end, pair[1].chars.start,
                "no gap, no separator"
            );
            assert!(pair[1].continues);
            assert!(
                document
                    .block_text(blocks.iter().position(|b| b == &pair[0]).unwrap())
                    .ends_with(". "),
                "pieces end after a sentence"
            );
        }
        assert!(!blocks[1].continues && !blocks.last().unwrap().continues);
        // The emphasis, split at the piece's end, covers the same chars.
        let emphasised: usize = blocks
            .iter()
            .flat_map(|b| b.spans.iter().map(|s| s.chars.len()))
            .sum();
        assert_eq!(emphasised, 4_000);
    }

    #[test]
    fn a_long_table_is_cut_between_rows_and_a_megabyte_cell_inside_it() {
        let rows: String = (0..20_000)
            .map(|i| format!("row {i}\tsome value\tanother value\n"))
            .collect();
        let huge_cell = format!("head\tcell\n{}\tend", "x".repeat(1_000_000));
        for table in [rows.trim_end().to_owned(), huge_cell] {
            let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
            builder.push(BlockKind::Table, &table);
            let document = builder.finish();
            let blocks = document.blocks();
            assert!(blocks.len() > 1);
            assert!(blocks.iter().all(|b| b.char_len() <= MAX_TABLE_PIECE_CHARS));
            assert!(blocks.iter().all(|b| b.kind == BlockKind::Table));
            if table.starts_with("row") {
                for index in 0..blocks.len() - 1 {
                    assert!(
                        document.block_text(index).ends_with('\n'),
                        "cut after a row"
                    );
                }
            }
        }
    }

    #[test]
    fn a_megabyte_word_is_cut_between_graphemes() {
        // q and a combining acute: no precomposed form, one grapheme.
        let word = "q\u{301}".repeat(300_000);
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Paragraph, &word);
        let document = builder.finish();
        let blocks = document.blocks();
        assert!(blocks.len() > 1);
        assert!(blocks.iter().all(|b| b.char_len() <= MAX_PIECE_CHARS));
        let joined: String = (0..blocks.len()).map(|i| document.block_text(i)).collect();
        assert_eq!(joined, document.text());
        for index in 1..blocks.len() {
            assert!(document.block_text(index).starts_with('q'), "{index}");
        }
    }
}
