//! The plain-text importer: scraped news articles, notes and Project
//! Gutenberg books.
//!
//! It recognises the structure a careful reader sees in a text file: the
//! headline, the lead, a headline repeated below the lead (dropped), source,
//! byline and dateline lines, subheadings, paragraphs that are mostly a
//! quotation, page furniture, the Gutenberg licence, book and chapter
//! headings, and paragraphs hard-wrapped at a fixed width (joined).

use crate::document::{BlockKind, Document, DocumentBuilder, Format, Metadata};

mod classify;
mod gutenberg;

use classify::classify_body;
use gutenberg::split_gutenberg;
pub(crate) use gutenberg::{GutenbergMarker, gutenberg_marker};

use super::inline::{collapse, same_words};

/// Imports decoded text (Unix line ends) as a document.
pub fn document_from_text(text: &str, format: Format, metadata: Metadata) -> Document {
    let paragraphs = paragraphs_from_text(text);
    let wrap = WrapStyle::detect(&paragraphs);
    let mut builder = DocumentBuilder::new(format, metadata);
    let (body, gutenberg) = split_gutenberg(&paragraphs);
    if let Some(gutenberg) = &gutenberg {
        let metadata = builder.metadata_mut();
        metadata.title = gutenberg.title.clone();
        metadata.byline = gutenberg.author.clone();
        metadata.date = gutenberg.release_date.clone();
        for paragraph in gutenberg.header {
            builder.push(BlockKind::Furniture, &paragraph.join("\n"));
        }
    }
    let mode = if wrap.is_some() || text.len() > 300_000 {
        Mode::Book
    } else {
        Mode::Article
    };
    classify_body(&mut builder, body, wrap, mode);
    if let Some(gutenberg) = &gutenberg {
        for paragraph in gutenberg.footer {
            builder.push(BlockKind::Furniture, &paragraph.join("\n"));
        }
    }
    if builder.metadata_mut().title.is_none() {
        builder.metadata_mut().title = untitled_text_title(&builder);
    }
    builder.finish()
}

/// The title of a text that names none (a headline is taken as it is
/// classified): its file's name without the extension, never "(untitled)"
/// in one place and the file's name in another. A first heading that is
/// a chapter's ("CHAPTER I") is not the book's title.
fn untitled_text_title(builder: &DocumentBuilder) -> Option<String> {
    let path = builder.metadata().path.as_deref()?;
    let stem = path.file_stem()?.to_string_lossy().trim().to_owned();
    (!stem.is_empty()).then_some(stem)
}

/// A paragraph: the lines between blank lines, right-trimmed.
type Paragraph<'a> = Vec<&'a str>;

fn paragraphs_from_text(text: &str) -> Vec<Paragraph<'_>> {
    let mut paragraphs = Vec::new();
    let mut current: Paragraph<'_> = Vec::new();
    for line in text.split('\n') {
        if is_blank(line) {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim_end_matches(is_space));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// Unicode white space, NBSP included.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_blank(line: &str) -> bool {
    line.chars().all(is_space)
}

fn char_len(line: &str) -> usize {
    line.trim().chars().count()
}

/// A line's length as fixed-width wrapping tools measured it: in UTF-8
/// bytes (Project Gutenberg wrapped at 70–72 bytes, so a line full of curly
/// quotes and accents holds fewer chars).
fn wrap_len(line: &str) -> usize {
    line.trim().len()
}

/// How the text's lines were wrapped, when they were wrapped at a fixed width.
#[derive(Clone, Copy, Debug, PartialEq)]
struct WrapStyle {
    /// The width (in chars) the text was wrapped at.
    width: usize,
}

impl WrapStyle {
    /// A text is hard-wrapped when nearly every line that is not the last of
    /// its paragraph is almost as long as the wrap width (verse and dialogue
    /// have ragged, short lines; unwrapped text has one line per paragraph).
    fn detect(paragraphs: &[Paragraph<'_>]) -> Option<Self> {
        let mut lengths: Vec<usize> = paragraphs.iter().flatten().map(|l| wrap_len(l)).collect();
        if lengths.len() < 20 {
            return None;
        }
        lengths.sort_unstable();
        let width = lengths[lengths.len() * 95 / 100];
        if !(30..=120).contains(&width) {
            return None;
        }
        let inner_lines: Vec<usize> = paragraphs
            .iter()
            .filter(|p| p.len() > 1)
            .flat_map(|p| p[..p.len() - 1].iter().map(|l| wrap_len(l)))
            .collect();
        if inner_lines.len() < 10 {
            return None;
        }
        let full = inner_lines.iter().filter(|&&n| n * 5 >= width * 4).count();
        (full * 100 >= inner_lines.len() * 85).then_some(WrapStyle { width })
    }

    /// Whether the break after `line` was made by the wrapping, not the author:
    /// the line is nearly full, or the next word would not have fitted on it.
    fn is_soft_break(self, line: &str, next: &str) -> bool {
        let length = wrap_len(line);
        let next_word = next
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        length * 5 >= self.width * 4 || length + 1 + next_word + 3 > self.width
    }
}

/// Joins a paragraph's lines: soft breaks become spaces, meaningful ones stay.
fn joined(paragraph: &[&str], wrap: Option<WrapStyle>) -> String {
    let mut out = String::new();
    for (i, line) in paragraph.iter().enumerate() {
        if i > 0 {
            let soft = wrap.is_some_and(|w| w.is_soft_break(paragraph[i - 1], line));
            out.push(if soft { ' ' } else { '\n' });
        }
        out.push_str(line);
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]

enum Mode {
    /// A news article or note: headline, lead, quotes, furniture.
    Article,
    /// A book: wrapped paragraphs, part and chapter headings, dialogue as paragraphs.
    Book,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(&'static str, String)> {
        (0..doc.blocks().len())
            .map(|i| (doc.blocks()[i].kind.name(), doc.block_text(i).to_owned()))
            .collect()
    }

    fn import(text: &str) -> Document {
        document_from_text(text, Format::Text, Metadata::default())
    }

    #[test]
    fn news_article_structure() {
        let doc = import(
            "Talks depend on Moscow\n\nThe State Department said talks depend on Moscow's stance.\n\n\
             Talks depend on Moscow\n\nWorld Bulletin/News Desk\n\n\
             WASHINGTON (Reuters) - The United States held out the possibility.\n\n\
             'NO, NO, NO'\n\n\"We are long past the days,\" he said.\n\n\
             Last Mod: 11 Mart 2014, 00:18\nAdd Comment\n",
        );
        assert_eq!(
            kinds(&doc),
            vec![
                ("title", "Talks depend on Moscow".to_owned()),
                (
                    "lead",
                    "The State Department said talks depend on Moscow's stance.".to_owned()
                ),
                ("source", "World Bulletin/News Desk".to_owned()),
                ("dateline", "WASHINGTON (Reuters) -".to_owned()),
                (
                    "paragraph",
                    "The United States held out the possibility.".to_owned()
                ),
                ("heading", "'NO, NO, NO'".to_owned()),
                (
                    "quote",
                    "\"We are long past the days,\" he said.".to_owned()
                ),
                ("furniture", "Last Mod: 11 Mart 2014, 00:18".to_owned()),
                ("furniture", "Add Comment".to_owned()),
            ]
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Talks depend on Moscow")
        );
        assert_eq!(
            doc.metadata.source.as_deref(),
            Some("World Bulletin/News Desk")
        );
        assert_eq!(doc.metadata.date.as_deref(), Some("11 Mart 2014, 00:18"));
    }

    #[test]
    fn byline_is_recognised() {
        let doc = import(
            "Headline here\n\nA lead that is long enough to be a lead paragraph.\n\nBy Jane Doe\n\nBody.",
        );
        assert_eq!(doc.blocks()[2].kind, BlockKind::Byline);
        assert_eq!(doc.metadata.byline.as_deref(), Some("Jane Doe"));
    }

    fn wrapped_book() -> String {
        let mut text = String::from("CHAPTER I\n\n");
        for _ in 0..15 {
            text.push_str(
                "It was in July, 1805, and the speaker was the well-known Anna\n\
                 Pavlovna Scherer, maid of honor and favorite of the Empress Marya\n\
                 Fedorovna. With these words she greeted Prince Vasili Kuragin, a\n\
                 man of high rank.\n\n",
            );
        }
        text.push_str(
            "Dear friend,\nI write to you.\nJULIE\n\nBOOK TWO: 1805\n\nCHAPTER II\n\n* * *\n",
        );
        text
    }

    #[test]
    fn hard_wrapped_lines_are_joined_and_short_lines_kept() {
        let doc = import(&wrapped_book());
        assert_eq!(doc.blocks()[0].kind, BlockKind::Heading { level: 2 });
        assert_eq!(
            doc.block_text(1),
            "It was in July, 1805, and the speaker was the well-known Anna \
             Pavlovna Scherer, maid of honor and favorite of the Empress Marya \
             Fedorovna. With these words she greeted Prince Vasili Kuragin, a \
             man of high rank."
        );
        let tail: Vec<_> = kinds(&doc).into_iter().rev().take(4).collect();
        assert_eq!(tail[0], ("separator", "* * *".to_owned()));
        assert_eq!(tail[1], ("heading", "CHAPTER II".to_owned()));
        assert_eq!(tail[2], ("heading", "BOOK TWO: 1805".to_owned()));
        assert_eq!(
            tail[3],
            (
                "paragraph",
                "Dear friend,\nI write to you.\nJULIE".to_owned()
            )
        );
        assert_eq!(doc.metadata.title, None);
    }

    #[test]
    fn verse_keeps_its_lines() {
        let mut text = String::new();
        for _ in 0..20 {
            text.push_str("First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n");
        }
        let doc = import(&text);
        assert_eq!(
            doc.block_text(0),
            "First Citizen:\nBefore we proceed any further, hear me speak."
        );
    }

    #[test]
    fn gutenberg_licence_is_furniture() {
        let text = format!(
            "The Project Gutenberg eBook of War and Peace\n\nTitle: War and Peace\n\nAuthor: Leo Tolstoy\n\n\
             *** START OF THE PROJECT GUTENBERG EBOOK WAR AND PEACE ***\n\n{}\n\
             *** END OF THE PROJECT GUTENBERG EBOOK WAR AND PEACE ***\n\nUpdated editions will replace the previous one.\n",
            wrapped_book()
        );
        let doc = import(&text);
        let all = kinds(&doc);
        assert_eq!(all[0].0, "furniture");
        assert_eq!(
            all[3],
            (
                "furniture",
                "*** START OF THE PROJECT GUTENBERG EBOOK WAR AND PEACE ***".to_owned()
            )
        );
        assert_eq!(all[4], ("heading", "CHAPTER I".to_owned()));
        assert_eq!(all.last().unwrap().0, "furniture");
        assert_eq!(all[all.len() - 2].0, "furniture");
        assert_eq!(doc.metadata.title.as_deref(), Some("War and Peace"));
        assert_eq!(doc.metadata.byline.as_deref(), Some("Leo Tolstoy"));
    }

    #[test]
    fn empty_and_whitespace_only_text() {
        assert!(import("").blocks().is_empty());
        assert!(import(" \n\u{00A0}\n\t\n").blocks().is_empty());
    }

    #[test]
    fn a_table_drawn_with_lines_is_kept_as_drawn() {
        let text = "The results were these.\n\n\
┌────────┬───────┐\n\
│ year   │ count │\n\
├────────┼───────┤\n\
│ 1999   │    12 │\n\
└────────┴───────┘\n\n\
+------+-----+\n\
| a    | b   |\n\
+------+-----+\n\n\
And so it went on.\n";
        let doc = import(text);
        let kinds = kinds(&doc);
        assert_eq!(kinds[1].0, "code", "{kinds:?}");
        assert!(
            kinds[1].1.contains("│ year   │ count │\n├"),
            "{:?}",
            kinds[1].1
        );
        assert_eq!(
            kinds[2],
            (
                "code",
                "+------+-----+\n| a    | b   |\n+------+-----+".to_owned()
            )
        );
        assert_eq!(kinds[3].0, "paragraph");
    }

    #[test]
    fn a_text_without_a_title_is_named_by_its_file() {
        let metadata = Metadata {
            path: Some("/books/jargon.txt".into()),
            ..Metadata::default()
        };
        let text = "This is the Jargon File, a comprehensive compendium of hacker slang\nilluminating many aspects of hackish tradition, folklore, and humor.\n";
        let doc = document_from_text(text, Format::Text, metadata);
        assert_eq!(doc.metadata.title.as_deref(), Some("jargon"));
        let headline = "Talks depend on Moscow\n\nThe talks went on.\n";
        let metadata = Metadata {
            path: Some("/news/a.txt".into()),
            ..Metadata::default()
        };
        let doc = document_from_text(headline, Format::Text, metadata);
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Talks depend on Moscow")
        );
    }
}
