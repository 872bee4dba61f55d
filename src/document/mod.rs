//! The article model: metadata, blocks and the canonical text.
//!
//! Every offset in Marginalia is a `char` (Unicode scalar value) offset into
//! the document's *canonical text*: all block texts joined with `"\n\n"`,
//! NFC-normalised, with runs of spaces, tabs and NBSPs collapsed to one space.
//! The UI converts to egui's per-galley `CharIndex` by subtracting the block's
//! start offset.

mod builder;
pub mod language;
mod list_number;
mod outline;
mod picture;
pub mod pieces;
mod search;

pub use builder::{DocumentBuilder, normalize_block_text};
pub use list_number::{ListNumber, NumberStyle, roman_numeral};
pub use outline::{OutlineEntry, current_entry, outline_of};
pub use picture::{HiddenText, NO_CAPTION, Picture, PictureSource};
pub use search::FoldedText;

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

/// The text between two blocks in the canonical text.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// What kind of file a document came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Epub,
    Pdf,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Epub => "epub",
            Format::Pdf => "pdf",
        }
    }
}

/// The role a block plays in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BlockKind {
    /// The headline.
    Title,
    /// The standfirst: a summary set apart below the title.
    Lead,
    /// The author line ("By Jane Doe").
    Byline,
    /// The source or desk line ("World Bulletin/News Desk", "Reuters").
    Source,
    /// The place (and agency) a news story was filed from ("WASHINGTON (Reuters) -").
    Dateline,
    /// A section heading; level 1 is the largest (a book's part), 2 a chapter or subheading.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A paragraph that is mostly a quotation, or a block quote.
    Quote,
    /// An item of a list; `level` 1 is the outermost list. An ordered
    /// item's `number` is drawn before it, as a browser draws it, and is not
    /// part of its text (a highlight's quote never holds it, and an item
    /// added above does not change the words of those below); `None` is a
    /// bullet. An item's second paragraph (or a paragraph after a list
    /// inside it) is `continued`: no bullet, no number.
    ListItem {
        level: u8,
        number: Option<ListNumber>,
        continued: bool,
    },
    /// Preformatted text: all whitespace kept.
    Code,
    /// A table: a line per row, its cells separated by tabs (the head's
    /// cells strong); all whitespace kept. The reader aligns the columns.
    Table,
    /// A thematic break (`* * *`).
    Separator,
    /// A picture (`Document::pictures()[picture]`) with its caption or alt
    /// text as the block's text ([`NO_CAPTION`] when it has neither).
    Figure {
        picture: usize,
    },
    /// Page cruft ("Last Mod: …", "Add Comment", a licence): shown muted, never deleted.
    Furniture,
}

impl BlockKind {
    /// The name used by `marginalia inspect` and in documentation.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Lead => "lead",
            BlockKind::Byline => "byline",
            BlockKind::Source => "source",
            BlockKind::Dateline => "dateline",
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Quote => "quote",
            BlockKind::ListItem { .. } => "list_item",
            BlockKind::Code => "code",
            BlockKind::Table => "table",
            BlockKind::Separator => "separator",
            BlockKind::Figure { .. } => "figure",
            BlockKind::Furniture => "furniture",
        }
    }

    /// What is drawn before a list's item: its number or a bullet; nothing
    /// before an item's continuation or a block that is no item.
    pub fn list_marker(self) -> Option<ListMarker> {
        match self {
            BlockKind::ListItem {
                continued: false,
                number,
                ..
            } => Some(number.map_or(ListMarker::Bullet, ListMarker::Number)),
            _ => None,
        }
    }

    /// The number drawn before an ordered list's item ("3."), not before
    /// the item's continuation or a bullet's item.
    pub fn list_number(self) -> Option<ListNumber> {
        match self.list_marker() {
            Some(ListMarker::Number(number)) => Some(number),
            _ => None,
        }
    }

    /// Whether line breaks and runs of spaces inside the block are kept as they are.
    pub fn keeps_whitespace(self) -> bool {
        matches!(self, BlockKind::Code | BlockKind::Table)
    }
}

/// What is drawn before a list's item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListMarker {
    /// An ordered list's: "3.", "c.", "iv.".
    Number(ListNumber),
    Bullet,
}

impl ListMarker {
    /// The marker as text: the number's label, or `bullet` (the glyph the
    /// caller sets bullets in).
    pub fn text(self, bullet: &str) -> String {
        match self {
            ListMarker::Number(number) => number.label(),
            ListMarker::Bullet => bullet.to_owned(),
        }
    }
}

/// An inline style over part of a block's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "style")]
pub enum InlineStyle {
    Emphasis,
    Strong,
    Code,
    Link { target: String },
}

/// An inline style applied to a char range relative to the block's start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StyledSpan {
    pub chars: Range<usize>,
    #[serde(flatten)]
    pub style: InlineStyle,
}

/// One block of the article. Its text is a slice of the canonical text.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Char offsets of the block's text in the canonical text.
    pub chars: Range<usize>,
    /// Byte offsets of the same text, for slicing.
    pub bytes: Range<usize>,
    pub spans: Vec<StyledSpan>,
    /// The block is a piece of the one before it (a block too long to lay
    /// out whole, see `pieces`): its text follows on with no separator,
    /// and it is set as the same paragraph.
    pub continues: bool,
}

impl Block {
    pub fn char_len(&self) -> usize {
        self.chars.end - self.chars.start
    }
}

/// What is known about the article besides its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    /// Where the article was published (a saved page's canonical URL).
    pub url: Option<String>,
    pub path: Option<PathBuf>,
    /// The file's size and modification time when it was read
    /// (`import::file_stamp`), to tell later whether it changed since.
    pub file_stamp: Option<String>,
    /// The language it is written in, as its primary subtag ("en", "de"):
    /// as declared, else as its text reads (`language::detected_language`).
    pub language: Option<String>,
}

/// An imported article.
#[derive(Clone, Debug)]
pub struct Document {
    pub format: Format,
    pub metadata: Metadata,
    blocks: Vec<Block>,
    pictures: Vec<Picture>,
    /// Places links inside the article lead to (an EPUB's chapters and
    /// element ids, a page's ids, a Markdown file's footnotes), by name.
    anchors: std::collections::HashMap<String, usize>,
    /// Shared: the library indexes the text the window shows, uncopied.
    text: std::sync::Arc<String>,
    char_count: usize,
    /// Where each page starts, for a document that has pages (a PDF).
    pages: Vec<PageStart>,
}

/// Where a page of the original starts in the text, and what it is called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageStart {
    pub start_char: usize,
    /// The page's label: its number from 1, or what the document calls it.
    pub label: String,
}

/// The index of the page of `pages` (in order) that `offset_char` is on.
pub fn page_index_in(pages: &[PageStart], offset_char: usize) -> Option<usize> {
    let after = pages.partition_point(|p| p.start_char <= offset_char);
    after.checked_sub(1)
}

impl Document {
    /// Where an internal link leads: a link target `#NAME` names the anchor
    /// `NAME`. `None` for a web link or a place the article does not have.
    pub fn internal_target(&self, target: &str) -> Option<usize> {
        self.anchors.get(target.strip_prefix('#')?).copied()
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Where each page of the original starts (empty without pages).
    pub fn pages(&self) -> &[PageStart] {
        &self.pages
    }

    /// The chars of page `index` (from 0), when the document has it.
    pub fn page_chars(&self, index: usize) -> Option<Range<usize>> {
        let start = self.pages.get(index)?.start_char;
        let end = self
            .pages
            .get(index + 1)
            .map_or(self.char_count, |next| next.start_char);
        Some(start..end)
    }

    /// The index (from 0) of the page `offset_char` is on.
    pub fn page_index_at(&self, offset_char: usize) -> Option<usize> {
        page_index_in(&self.pages, offset_char)
    }

    /// The page `offset_char` is on, when the document has pages.
    pub fn page_at(&self, offset_char: usize) -> Option<&PageStart> {
        self.pages.get(self.page_index_at(offset_char)?)
    }

    /// The pictures that `Figure` blocks show, by their `picture` index.
    pub fn pictures(&self) -> &[Picture] {
        &self.pictures
    }

    /// The picture a block shows, if it is a figure.
    pub fn picture_of(&self, index: usize) -> Option<&Picture> {
        match self.blocks.get(index)?.kind {
            BlockKind::Figure { picture } => self.pictures.get(picture),
            _ => None,
        }
    }

    /// The canonical text (see the module documentation).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The canonical text, shared (no copy is made).
    pub fn shared_text(&self) -> std::sync::Arc<String> {
        std::sync::Arc::clone(&self.text)
    }

    /// Length of the canonical text in chars.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    pub fn block_text(&self, index: usize) -> &str {
        &self.text()[self.blocks[index].bytes.clone()]
    }

    /// The title to show: the article's own, else the file name, else "Untitled".
    pub fn display_title(&self) -> String {
        if let Some(title) = &self.metadata.title {
            return title.clone();
        }
        self.metadata
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    }

    /// The index of the block holding `offset`, or the nearest block before
    /// it when the offset falls in a separator. `None` for an empty document.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let after = self.blocks.partition_point(|b| b.chars.start <= offset);
        Some(after.saturating_sub(1))
    }

    /// The target of the link at a char offset, if there is one.
    pub fn link_at(&self, offset: usize) -> Option<&str> {
        let block = &self.blocks[self.block_at(offset)?];
        let local = offset.checked_sub(block.chars.start)?;
        block.spans.iter().find_map(|span| match &span.style {
            InlineStyle::Link { target } if span.chars.contains(&local) => Some(target.as_str()),
            _ => None,
        })
    }

    /// The canonical text between two char offsets (clamped, in either order).
    pub fn text_between(&self, a: usize, b: usize) -> String {
        let (start, end) = (a.min(b), a.max(b).min(self.char_count));
        if start >= end {
            return String::new();
        }
        let begin = self.byte_from_char(start);
        let finish = self.byte_from_char(end);
        self.text()[begin..finish].to_owned()
    }

    /// The byte offset in the canonical text of a char offset (clamped to the end).
    pub fn byte_from_char(&self, offset: usize) -> usize {
        let Some(index) = self.block_at(offset) else {
            return 0;
        };
        let block = &self.blocks[index];
        let (chars, bytes) = if offset >= block.chars.start {
            (block.chars.start, block.bytes.start)
        } else {
            (0, 0)
        };
        self.text()[bytes..]
            .char_indices()
            .nth(offset - chars)
            .map_or(self.text.len(), |(i, _)| bytes + i)
    }

    /// A range without the whitespace at its ends: what a quote holds.
    pub fn trim_whitespace(&self, range_chars: Range<usize>) -> Range<usize> {
        let text = self.text_between(range_chars.start, range_chars.end);
        let start = range_chars.start.min(range_chars.end);
        let leading = text.chars().take_while(|c| c.is_whitespace()).count();
        let total = text.chars().count();
        if leading == total {
            return start..start;
        }
        let trailing = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        start + leading..start + total - trailing
    }
}

#[cfg(test)]
mod trim_tests {
    use super::*;

    #[test]
    fn a_quote_is_trimmed_of_whitespace_at_its_ends() {
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Paragraph, "One two.");
        builder.push(BlockKind::Paragraph, "Three");
        let doc = builder.finish();
        // "One two.\n\nThree"
        assert_eq!(doc.trim_whitespace(3..8), 4..8);
        assert_eq!(doc.trim_whitespace(4..10), 4..8, "the block separator too");
        assert_eq!(doc.trim_whitespace(8..10), 8..8, "nothing but whitespace");
        assert_eq!(doc.trim_whitespace(0..15), 0..15);
    }
}
