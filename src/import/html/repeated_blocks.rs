//! Text a page prints twice: the article set again below itself (a
//! preview and the full story, a print version kept in the page), or the
//! byline repeated as a heading. The second time is muted, never dropped:
//! a reader sees the article once as the article.

use std::collections::HashSet;

use super::super::page_title::comparable;
use super::promo_lines::is_prose;
use crate::document::{BlockKind, DocumentBuilder};

/// A paragraph is the article's own words, or a credit line repeated
/// under each picture, not a common line ("Reply", "Read more"), when it
/// is at least this many chars.
const LEAST_REPEATED_CHARS: usize = 40;

/// Mutes each paragraph, heading or list item from block `first` on whose
/// text was already given: by the byline before `first`, at any length,
/// or by an earlier paragraph of the body when it is long enough to be
/// the article's own words.
pub(super) fn mute_repeated_blocks(builder: &mut DocumentBuilder, first: usize) {
    let mut bylines: HashSet<String> = HashSet::new();
    for index in 0..first {
        if builder.block_kind(index) != Some(BlockKind::Byline) {
            continue;
        }
        if let Some(text) = builder.block_text(index) {
            bylines.insert(comparable(text));
            // "By Jane Doe" under the title, "BY JANE DOE" in the body.
            if let Some(name) = text.strip_prefix("By ") {
                bylines.insert(comparable(name));
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for index in first..builder.block_count() {
        if !builder.block_kind(index).is_some_and(is_prose) {
            continue;
        }
        let Some(text) = builder.block_text(index) else {
            continue;
        };
        let key = comparable(text);
        // "Then edit the configuration:" introduces what follows it, which
        // differs each time.
        let introduces = text.trim_end().ends_with(':');
        // A song's chorus or a poem's refrain is set in lines, and sung again.
        let verse = text.contains('\n');
        let repeated = bylines.contains(&key)
            || (text.chars().count() >= LEAST_REPEATED_CHARS
                && !introduces
                && !verse
                && !seen.insert(key));
        if repeated {
            builder.set_kind(index, BlockKind::Furniture);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, Metadata};

    #[test]
    fn text_given_twice_is_muted_the_second_time() {
        let mut builder = DocumentBuilder::new(Format::Html, Metadata::default());
        builder.push(BlockKind::Byline, "By Aaron Back");
        let story =
            "BEIJING—Manufacturing activity in China declined in July but at a more moderate pace.";
        let chorus = "Oh the harbour lights are shining,\nand the boats are coming home";
        for (kind, text) in [
            (BlockKind::Paragraph, story),
            (
                BlockKind::Paragraph,
                "Then edit the harbour's configuration file:",
            ),
            (BlockKind::Paragraph, chorus),
            (BlockKind::Heading { level: 2 }, "BY AARON BACK"),
            (BlockKind::Paragraph, story),
            (
                BlockKind::Paragraph,
                "Then edit the harbour's configuration file:",
            ),
            (BlockKind::Paragraph, chorus),
            (BlockKind::Paragraph, "Reply"),
            (BlockKind::Paragraph, "Reply"),
        ] {
            builder.push(kind, text);
        }
        mute_repeated_blocks(&mut builder, 1);
        let muted: Vec<bool> = (1..builder.block_count())
            .map(|i| builder.block_kind(i) == Some(BlockKind::Furniture))
            .collect();
        assert_eq!(
            muted,
            [false, false, false, true, true, false, false, false, false]
        );
    }
}
