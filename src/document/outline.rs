//! The outline of a document: its title and headings, and which section a
//! reading position is in.

use super::{BlockKind, Document};

/// One heading of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// 0 for the title, else the heading's level.
    pub level: u8,
    /// Where the heading starts, in chars of the canonical text.
    pub start_char: usize,
    pub text: String,
}

/// The title and headings of a document, in order.
pub fn outline_of(document: &Document) -> Vec<OutlineEntry> {
    document
        .blocks()
        .iter()
        .enumerate()
        // A long heading's later pieces are not headings of their own.
        .filter(|(_, block)| !block.continues)
        .filter_map(|(i, block)| {
            let level = match block.kind {
                BlockKind::Title => 0,
                BlockKind::Heading { level } => level,
                _ => return None,
            };
            Some(OutlineEntry {
                level,
                start_char: block.chars.start,
                text: document.block_text(i).replace('\n', " "),
            })
        })
        .collect()
}

/// The entry whose section holds `position_char`.
pub fn current_entry(entries: &[OutlineEntry], position_char: usize) -> Option<usize> {
    entries
        .partition_point(|e| e.start_char <= position_char)
        .checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocumentBuilder, Format, Metadata};

    #[test]
    fn the_current_section_is_the_last_heading_before_the_position() {
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Title, "Book");
        builder.push(BlockKind::Heading { level: 2 }, "One");
        builder.push(BlockKind::Paragraph, "Text of one.");
        builder.push(BlockKind::Heading { level: 2 }, "Two");
        let document = builder.finish();
        let entries = outline_of(&document);
        assert_eq!(entries.len(), 3);
        assert_eq!(current_entry(&entries, 0), Some(0));
        assert_eq!(current_entry(&entries, entries[1].start_char + 3), Some(1));
        assert_eq!(current_entry(&entries, document.char_count()), Some(2));
    }
}
