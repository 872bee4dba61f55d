//! Builds a [`Document`] block by block, normalising each block's text into
//! the canonical form and recording its offsets.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{
    BLOCK_SEPARATOR, Block, BlockKind, Document, Format, Metadata, NO_CAPTION, Picture, StyledSpan,
};

/// The share of a block's chars that are inside links.
fn linked_share(block: &Block) -> f32 {
    let linked: usize = block
        .spans
        .iter()
        .filter(|span| matches!(span.style, super::InlineStyle::Link { .. }))
        .map(|span| span.chars.len())
        .sum();
    if block.chars.is_empty() {
        0.0
    } else {
        linked as f32 / block.chars.len() as f32
    }
}

/// Collects blocks into a [`Document`].
#[derive(Debug)]
pub struct DocumentBuilder {
    format: Format,
    metadata: Metadata,
    blocks: Vec<Block>,
    pictures: Vec<Picture>,
    anchors: std::collections::HashMap<String, usize>,
    text: String,
    char_count: usize,
    /// Pages started: the index of their first block, and their label.
    pages: Vec<(usize, String)>,
}

impl DocumentBuilder {
    pub fn new(format: Format, metadata: Metadata) -> Self {
        Self {
            format,
            metadata,
            blocks: Vec::new(),
            pictures: Vec::new(),
            anchors: std::collections::HashMap::new(),
            text: String::new(),
            char_count: 0,
            pages: Vec::new(),
        }
    }

    /// The blocks pushed from now on are on a new page of the original.
    pub fn start_page(&mut self, label: String) {
        self.pages.push((self.blocks.len(), label));
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    pub fn metadata_mut(&mut self) -> &mut Metadata {
        &mut self.metadata
    }

    /// Appends a block. Its text is normalised (see [`normalize_block_text`]);
    /// a block that is empty after normalisation is skipped.
    pub fn push(&mut self, kind: BlockKind, raw: &str) {
        self.push_styled(kind, raw, Vec::new());
    }

    /// Appends a block with inline styles given in chars of the *normalised* text.
    pub fn push_styled(&mut self, kind: BlockKind, raw: &str, spans: Vec<StyledSpan>) {
        let normalized = normalize_block_text(raw, kind.keeps_whitespace());
        if normalized.is_empty() {
            return;
        }
        if !self.blocks.is_empty() {
            self.text.push_str(BLOCK_SEPARATOR);
            self.char_count += BLOCK_SEPARATOR.chars().count();
        }
        let start_byte = self.text.len();
        let start_char = self.char_count;
        let len = normalized.chars().count();
        self.text.push_str(&normalized);
        self.char_count += len;
        self.blocks.push(Block {
            kind,
            chars: start_char..self.char_count,
            bytes: start_byte..self.text.len(),
            spans,
            continues: false,
        });
    }

    /// Appends a figure: the picture, with its caption (or alt text) as the
    /// block's text; [`NO_CAPTION`] stands for a picture without either.
    pub fn push_figure(&mut self, picture: Picture, caption: &str, spans: Vec<StyledSpan>) {
        let kind = BlockKind::Figure {
            picture: self.pictures.len(),
        };
        let before = self.blocks.len();
        if normalize_block_text(caption, false).is_empty() {
            self.push(kind, NO_CAPTION);
        } else {
            self.push_styled(kind, caption, spans);
        }
        if self.blocks.len() > before {
            self.pictures.push(picture);
        }
    }

    /// Names the place where the next block starts (the block being
    /// collected, for an id met inside it), for internal links (`#name`).
    /// The first place of a name is kept.
    pub fn add_anchor(&mut self, name: String) {
        let separator = if self.blocks.is_empty() {
            0
        } else {
            BLOCK_SEPARATOR.chars().count()
        };
        let at_char = self.char_count + separator;
        self.anchors.entry(name).or_insert(at_char);
    }

    /// Changes the kind of block `index` (an importer that learns late what
    /// a block is, such as a licence once its end marker is seen).
    pub fn set_kind(&mut self, index: usize, kind: BlockKind) {
        if let Some(block) = self.blocks.get_mut(index)
            && !matches!(block.kind, BlockKind::Figure { .. })
            && block.kind.keeps_whitespace() == kind.keeps_whitespace()
        {
            block.kind = kind;
        }
    }

    /// The text of block `index`.
    pub fn block_text(&self, index: usize) -> Option<&str> {
        Some(&self.text[self.blocks.get(index)?.bytes.clone()])
    }

    /// The kind of block `index`.
    pub fn block_kind(&self, index: usize) -> Option<BlockKind> {
        Some(self.blocks.get(index)?.kind)
    }

    /// The share of block `index`'s chars that are inside links (0 for a
    /// block that is not there or empty).
    pub fn linked_share(&self, index: usize) -> f32 {
        self.blocks.get(index).map_or(0.0, linked_share)
    }

    /// The last block and its text.
    pub fn last_block(&self) -> Option<(BlockKind, &str)> {
        let last = self.blocks.last()?;
        Some((last.kind, &self.text[last.bytes.clone()]))
    }

    /// Sets the blocks from `first` on as page furniture (shown muted),
    /// their pictures kept.
    pub fn mute_from(&mut self, first: usize) {
        for block in self.blocks.iter_mut().skip(first) {
            if !matches!(block.kind, BlockKind::Figure { .. }) {
                block.kind = BlockKind::Furniture;
            }
        }
    }

    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    pub fn finish(self) -> Document {
        let pages = self
            .pages
            .iter()
            .map(|(first_block, label)| super::PageStart {
                start_char: self
                    .blocks
                    .get(*first_block)
                    .map_or(self.char_count, |block| block.chars.start),
                label: label.clone(),
            })
            .collect();
        // Long blocks are kept in pieces the reader lays out one by one.
        let text = &self.text;
        let blocks = self
            .blocks
            .into_iter()
            .flat_map(|block| {
                let block_text = &text[block.bytes.clone()];
                super::pieces::in_pieces(block, block_text)
            })
            .collect();
        Document {
            format: self.format,
            metadata: self.metadata,
            blocks,
            pictures: self.pictures,
            anchors: self.anchors,
            text: std::sync::Arc::new(self.text),
            char_count: self.char_count,
            pages,
        }
    }
}

/// The canonical form of one block's text: NFC; unless `keep_whitespace`,
/// runs of spaces, tabs and NBSPs become one space, each line is trimmed and
/// empty lines are dropped (so a block never contains the block separator).
pub fn normalize_block_text(raw: &str, keep_whitespace: bool) -> String {
    let nfc: Cow<'_, str> = if is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.nfc().collect())
    };
    if keep_whitespace {
        // Trailing blank lines would look like a block separator.
        let trimmed = nfc.trim_matches('\n');
        let mut out = String::with_capacity(trimmed.len());
        let mut previous_newline = false;
        for c in trimmed.chars() {
            let newline = c == '\n';
            // A blank line inside code keeps its place as a line with one space,
            // so "\n\n" only ever separates blocks.
            if newline && previous_newline {
                out.push(' ');
            }
            out.push(c);
            previous_newline = newline;
        }
        return out;
    }
    let mut out = String::with_capacity(nfc.len());
    for line in nfc.split('\n') {
        let mut pending_space = false;
        let mut line_start = true;
        for c in line.chars() {
            if is_collapsible_space(c) {
                pending_space = !line_start;
                continue;
            }
            if line_start && !out.is_empty() {
                out.push('\n');
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            line_start = false;
            out.push(c);
        }
    }
    out
}

/// Spaces that the canonical text collapses: space, tab, NBSP and the other
/// horizontal Unicode spaces, plus stray carriage returns.
pub fn is_collapsible_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{000B}' | '\u{000C}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_spaces_tabs_and_nbsp() {
        assert_eq!(
            normalize_block_text(" a \t b\u{00A0}\u{00A0}c ", false),
            "a b c"
        );
    }

    #[test]
    fn keeps_meaningful_line_breaks_but_drops_blank_lines() {
        assert_eq!(normalize_block_text("one  \n\n  two\n", false), "one\ntwo");
    }

    #[test]
    fn composes_to_nfc() {
        assert_eq!(normalize_block_text("e\u{0301}", false), "\u{00E9}");
    }

    #[test]
    fn code_keeps_whitespace_but_never_a_block_separator() {
        assert_eq!(
            normalize_block_text("fn x() {\n\n    y\n}\n\n", true),
            "fn x() {\n \n    y\n}"
        );
    }

    #[test]
    fn offsets_are_chars_of_the_joined_text() {
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Title, "Café");
        builder.push(BlockKind::Paragraph, "  ");
        builder.push(BlockKind::Paragraph, "naïve text");
        let doc = builder.finish();
        assert_eq!(doc.text(), "Café\n\nnaïve text");
        assert_eq!(doc.blocks().len(), 2);
        assert_eq!(doc.blocks()[1].chars, 6..16);
        assert_eq!(doc.block_text(1), "naïve text");
        assert_eq!(doc.text_between(8, 3), "é\n\nna");
        assert_eq!(doc.block_at(5), Some(0));
        assert_eq!(doc.block_at(6), Some(1));
    }
}
