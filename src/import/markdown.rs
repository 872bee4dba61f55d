//! The Markdown importer (CommonMark + GFM tables, task lists,
//! strikethrough, footnotes) on pulldown-cmark. Front matter (TOML `+++` or
//! YAML `---`, read by `front_matter`) gives title, author and date and is
//! never shown. No Markdown
//! syntax is left in the text: images become figures captioned with their alt
//! text, raw HTML its tables rows of tab-separated cells. HTML blocks are read by the HTML
//! importer's walker; inline HTML tags are styles, breaks or nothing.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::front_matter::{opens_with_yaml_mapping, read_front_matter};
use super::html::append_html_body;
use super::inline::{Inline, Lists, prose_kind, table_text, with_prefix};
use super::inline_html::OpenTags;
use super::page::metadata_line;
use super::picture::{FilePictures, PictureResolver};
use crate::document::{
    BlockKind, Document, DocumentBuilder, Format, InlineStyle, Metadata, Picture, StyledSpan,
};

/// Imports Markdown text as a document.
pub fn document_from_markdown(text: &str, metadata: Metadata) -> Document {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // `---` at the top is front matter only when it holds a YAML mapping;
    // else it is a rule (and perhaps a heading's underline), as CommonMark says.
    if opens_with_yaml_mapping(text) {
        options |= Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    }
    let mut state = MarkdownState {
        pictures: FilePictures::beside(metadata.path.as_deref()),
        ..MarkdownState::default()
    };
    let mut builder = DocumentBuilder::new(Format::Markdown, metadata);
    let events: Vec<Event<'_>> = Parser::new_ext(text, options).collect();
    // A title from the front matter, unless the text starts with its own H1.
    for event in &events {
        if let Event::Text(front) = event
            && state.in_metadata.is_some()
        {
            read_front_matter(front, state.in_metadata, builder.metadata_mut());
        }
        match event {
            Event::Start(Tag::MetadataBlock(kind)) => state.in_metadata = Some(*kind),
            Event::End(TagEnd::MetadataBlock(_)) => state.in_metadata = None,
            _ => {}
        }
    }
    state.in_metadata = None;
    let first_heading_is_h1 = events.iter().find_map(|e| match e {
        Event::Start(Tag::Heading { level, .. }) => Some(*level == HeadingLevel::H1),
        Event::Start(Tag::Paragraph) => Some(false),
        _ => None,
    }) == Some(true);
    if !first_heading_is_h1 && let Some(title) = builder.metadata_mut().title.clone() {
        builder.push(BlockKind::Title, &title);
        push_metadata_line(&mut builder);
    }
    for event in events {
        state.event(event, &mut builder);
    }
    state.flush_footnotes(&mut builder);
    builder.finish()
}

/// Whether the first heading element in an HTML block is an `<h1>`.
fn first_heading_is_h1(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let first = lower.match_indices("<h").find(|(at, _)| {
        lower[at + 2..]
            .chars()
            .next()
            .is_some_and(|level| ('1'..='6').contains(&level))
    });
    first.is_some_and(|(at, _)| lower[at..].starts_with("<h1"))
}

/// A README's `<h1>` (its HTML block's first heading, set as a heading by
/// the HTML walker) with nothing but pictures (a logo) before it is its
/// title, as `# Title` would be.
fn title_from_html(builder: &mut DocumentBuilder, first_new: usize) {
    let is_picture = |kind: Option<BlockKind>| matches!(kind, Some(BlockKind::Figure { .. }));
    if builder.metadata_mut().title.is_some()
        || !(0..first_new).all(|i| is_picture(builder.block_kind(i)))
    {
        return;
    }
    let Some(first_text) =
        (first_new..builder.block_count()).find(|&i| !is_picture(builder.block_kind(i)))
    else {
        return;
    };
    if matches!(
        builder.block_kind(first_text),
        Some(BlockKind::Heading { .. })
    ) {
        let title = builder.block_text(first_text).map(str::to_owned);
        builder.set_kind(first_text, BlockKind::Title);
        builder.metadata_mut().title = title;
    }
}

/// The anchor name of a footnote.
fn footnote_anchor(label: &str) -> String {
    format!("footnote-{label}")
}

/// The byline, date and source under the title, when the front matter
/// gives any.
fn push_metadata_line(builder: &mut DocumentBuilder) {
    if let Some(line) = metadata_line(builder.metadata_mut()) {
        builder.push(BlockKind::Byline, &line);
    }
}

/// A Markdown text's words as they read, its blocks one per line (a note
/// as a screen reader or a one-line list should say it).
pub fn markdown_plain_text(text: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let document = document_from_markdown(text, Metadata::default());
    // A long block's pieces follow on as they do in the text.
    let mut lines: Vec<String> = Vec::new();
    for (index, block) in document.blocks().iter().enumerate() {
        match lines.last_mut() {
            Some(line) if block.continues => line.push_str(document.block_text(index)),
            _ => lines.push(document.block_text(index).to_owned()),
        }
    }
    lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Debug, Default)]
struct MarkdownState {
    inline: Inline,
    in_metadata: Option<MetadataBlockKind>,
    heading: Option<u8>,
    quote_depth: usize,
    lists: Lists,
    /// An item's text started (its first paragraph or its loose text).
    in_item: bool,
    code: bool,
    table: Option<Table>,
    /// The HTML block being read, read whole by the HTML importer's walker.
    html_block: Option<String>,
    /// Inline HTML styles open (`<kbd>`, `<em>`, `<a>`).
    open_tags: OpenTags,
    /// Footnote definitions, shown at the end.
    footnotes: Vec<(String, String, Vec<StyledSpan>)>,
    footnote: Option<String>,
    /// Where the file's pictures are.
    pictures: FilePictures,
    /// The picture whose alt text is being read.
    image: Option<String>,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    cell: Inline,
    tags: OpenTags,
}

impl MarkdownState {
    fn event(&mut self, event: Event<'_>, builder: &mut DocumentBuilder) {
        if self.in_metadata.is_some() {
            if let Event::End(TagEnd::MetadataBlock(_)) = event {
                self.in_metadata = None;
            }
            return;
        }
        if self.table.is_some() {
            self.table_event(event, builder);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, builder),
            Event::End(tag) => self.end(tag, builder),
            other => self.inline_event(other, builder),
        }
    }

    /// Inside a table: cells gather their text; the end makes a grid.
    fn table_event(&mut self, event: Event<'_>, builder: &mut DocumentBuilder) {
        let Some(table) = &mut self.table else {
            return;
        };
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => table.rows.push(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let (cell, _) = table.cell.take();
                if let Some(row) = table.rows.last_mut() {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::Table) => {
                let (text, spans) = table_text(&table.rows, 1);
                self.table = None;
                builder.push_styled(BlockKind::Table, &text, spans);
            }
            Event::Text(text) | Event::Code(text) => table.cell.push_text(&text),
            Event::SoftBreak | Event::HardBreak => table.cell.push_text(" "),
            Event::InlineHtml(html) => table.tags.apply(&html, &mut table.cell),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, builder: &mut DocumentBuilder) {
        match tag {
            Tag::MetadataBlock(kind) => self.in_metadata = Some(kind),
            Tag::Heading { level, .. } => {
                self.flush_item(builder);
                self.heading = Some(level as u8);
            }
            Tag::Paragraph
                if !self.lists.is_empty() && self.in_item && !self.inline.text.is_empty() =>
            {
                self.flush_item(builder);
            }
            Tag::BlockQuote(_) => {
                self.flush_item(builder);
                self.quote_depth += 1;
            }
            // Fenced or indented, code is shown as it is.
            Tag::CodeBlock(_) => {
                self.flush_item(builder);
                self.code = true;
                self.inline.verbatim = true;
            }
            Tag::List(first) => {
                self.flush_item(builder);
                self.lists.open(first);
            }
            Tag::Item => {
                self.flush_item(builder);
                self.lists.start_item();
                self.in_item = true;
            }
            Tag::Table(_) => {
                self.flush_item(builder);
                self.table = Some(Table::default());
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_item(builder);
                self.footnote = Some(label.to_string());
            }
            Tag::HtmlBlock => {
                self.flush_text(builder);
                self.html_block = Some(String::new());
            }
            Tag::Emphasis => self.inline.open(InlineStyle::Emphasis),
            Tag::Strong => self.inline.open(InlineStyle::Strong),
            Tag::Link { dest_url, .. } => self.inline.open(InlineStyle::Link {
                target: dest_url.to_string(),
            }),
            // A picture is a figure of its own; its alt text (the Text
            // events inside the tag) is its caption.
            Tag::Image { dest_url, .. } => {
                self.flush_text(builder);
                self.image = Some(dest_url.to_string());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, builder: &mut DocumentBuilder) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(builder),
            TagEnd::Paragraph => self.flush_text(builder),
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::CodeBlock => {
                self.code = false;
                self.inline.verbatim = false;
                let (text, _) = self.inline.take();
                builder.push(BlockKind::Code, text.trim_end_matches('\n'));
            }
            TagEnd::List(_) => {
                self.flush_item(builder);
                self.lists.close();
            }
            TagEnd::Item => {
                self.flush_item(builder);
                self.in_item = false;
            }
            TagEnd::FootnoteDefinition => self.footnote = None,
            TagEnd::HtmlBlock => {
                let html = self.html_block.take().unwrap_or_default();
                let first_new = builder.block_count();
                append_html_body(&html, builder, None, &mut self.pictures, None);
                if first_heading_is_h1(&html) {
                    title_from_html(builder, first_new);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link => self.inline.close(),
            TagEnd::Image => {
                let (alt, spans) = self.inline.take();
                if let Some(src) = self.image.take() {
                    let picture = Picture {
                        source: self.pictures.resolve(&src),
                        src,
                        alt: alt.clone(),
                        declared_size_px: None,
                    };
                    builder.push_figure(picture, &alt, spans);
                }
            }
            _ => {}
        }
    }

    /// Ends the text read so far: a paragraph, or a list item's text.
    fn flush_text(&mut self, builder: &mut DocumentBuilder) {
        if self.lists.is_empty() || self.footnote.is_some() {
            self.flush_paragraph(builder);
        } else {
            self.flush_item(builder);
        }
    }

    /// A level-1 heading first in the document is its title.
    fn end_heading(&mut self, builder: &mut DocumentBuilder) {
        let level = self.heading.take().unwrap_or(2);
        let (text, spans) = self.inline.take();
        let kind = if level == 1 && builder.block_count() == 0 {
            BlockKind::Title
        } else {
            BlockKind::Heading { level }
        };
        if kind == BlockKind::Title && builder.metadata_mut().title.is_none() {
            builder.metadata_mut().title = Some(text.clone());
        }
        builder.push_styled(kind, &text, spans);
        if kind == BlockKind::Title {
            push_metadata_line(builder);
        }
    }

    /// Text and the events that sit within it.
    fn inline_event(&mut self, event: Event<'_>, builder: &mut DocumentBuilder) {
        match event {
            Event::Text(text) => self.inline.push_text(&text),
            Event::Code(code) => {
                self.inline.open(InlineStyle::Code);
                let verbatim = std::mem::replace(&mut self.inline.verbatim, true);
                self.inline.push_text(&code);
                self.inline.verbatim = verbatim;
                self.inline.close();
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => self.inline.push_text(&math),
            Event::Html(html) if self.html_block.is_some() => {
                if let Some(block) = &mut self.html_block {
                    block.push_str(&html);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.open_tags.apply(&html, &mut self.inline);
            }
            // A footnote reference leads to its note (`#footnote-LABEL`).
            Event::FootnoteReference(label) => {
                self.inline.open(InlineStyle::Link {
                    target: format!("#{}", footnote_anchor(&label)),
                });
                self.inline.push_text(&format!("[{label}]"));
                self.inline.close();
            }
            Event::SoftBreak => self.inline.push_text(" "),
            Event::HardBreak => self.inline.hard_break(),
            Event::Rule => {
                self.flush_item(builder);
                builder.push(BlockKind::Separator, "\u{2042}");
            }
            Event::TaskListMarker(done) => {
                self.inline
                    .push_text(if done { "\u{2611} " } else { "\u{2610} " });
            }
            _ => {}
        }
    }

    fn flush_paragraph(&mut self, builder: &mut DocumentBuilder) {
        self.open_tags.clear();
        let (text, spans) = self.inline.take();
        if text.trim().is_empty() {
            return;
        }
        if let Some(label) = &self.footnote {
            self.footnotes.push((label.clone(), text, spans));
            return;
        }
        builder.push_styled(prose_kind(self.quote_depth), &text, spans);
    }

    /// Emits the text of the current list item, if any.
    fn flush_item(&mut self, builder: &mut DocumentBuilder) {
        if self.lists.is_empty() || !self.in_item {
            if !self.code && self.heading.is_none() {
                self.flush_paragraph(builder);
            }
            return;
        }
        self.open_tags.clear();
        let (text, spans) = self.inline.take();
        if text.trim().is_empty() {
            return;
        }
        self.lists.push_item(builder, &text, spans);
    }

    fn flush_footnotes(&mut self, builder: &mut DocumentBuilder) {
        for (label, text, spans) in std::mem::take(&mut self.footnotes) {
            builder.add_anchor(footnote_anchor(&label));
            let (text, spans) = with_prefix(&format!("[{label}] "), &text, spans);
            builder.push_styled(BlockKind::Furniture, &text, spans);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(doc: &Document) -> Vec<(String, String)> {
        (0..doc.blocks().len())
            .map(|i| {
                let kind = match doc.blocks()[i].kind {
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::ListItem { level, .. } => format!("li{level}"),
                    other => other.name().to_owned(),
                };
                (kind, doc.block_text(i).to_owned())
            })
            .collect()
    }

    #[test]
    fn front_matter_gives_metadata_and_is_not_shown() {
        let doc = document_from_markdown(
            "+++\npath = \"2024/11/28/Rust-1.83.0\"\ntitle = \"Announcing Rust 1.83.0\"\nauthors = [\"The Release Team\"]\n+++\n\nHello *world*.\n",
            Metadata::default(),
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Announcing Rust 1.83.0")
        );
        assert_eq!(doc.metadata.byline.as_deref(), Some("The Release Team"));
        assert_eq!(doc.metadata.date.as_deref(), Some("2024-11-28"));
        assert_eq!(
            blocks(&doc),
            [
                ("title".into(), "Announcing Rust 1.83.0".into()),
                (
                    "byline".into(),
                    "By The Release Team · 28 November 2024".into()
                ),
                ("paragraph".into(), "Hello world.".into())
            ]
        );
        assert_eq!(doc.blocks()[2].spans[0].chars, 6..11);
        let yaml = document_from_markdown(
            "---\ntitle: \"A post\"\nauthor: Jane\n---\n\nText",
            Metadata::default(),
        );
        assert_eq!(yaml.metadata.title.as_deref(), Some("A post"));
        assert_eq!(yaml.metadata.byline.as_deref(), Some("Jane"));
    }

    #[test]
    fn a_readmes_html_h1_after_its_logo_is_the_title() {
        let doc = document_from_markdown(
            "<h1 align=\"center\">\n  <img src=\"logo.png\" alt=\"Logo\" width=\"120\"><br>\n  Ripgrep Plus\n</h1>\n\n<p align=\"center\">Search fast.</p>\n\n## Install\n\nRun it.\n",
            Metadata::default(),
        );
        assert_eq!(doc.metadata.title.as_deref(), Some("Ripgrep Plus"));
        let kinds: Vec<(String, String)> = blocks(&doc);
        assert_eq!(
            kinds[1],
            ("title".into(), "Ripgrep Plus".into()),
            "{kinds:?}"
        );
        // An <h1> further down is a heading.
        let later = document_from_markdown("Some text.\n\n<h1>Later</h1>\n", Metadata::default());
        assert_eq!(later.metadata.title, None);
    }

    #[test]
    fn a_rule_at_the_top_that_is_not_yaml_is_markdown() {
        let doc = document_from_markdown(
            "---\nThis line is a heading under a rule.\n---\n\nBody text.\n",
            Metadata::default(),
        );
        let texts: Vec<String> = blocks(&doc).into_iter().map(|(_, text)| text).collect();
        assert!(
            texts
                .iter()
                .any(|t| t == "This line is a heading under a rule."),
            "{texts:?}"
        );
        assert_eq!(doc.metadata.title, None);
    }

    #[test]
    fn structure_without_syntax() {
        let doc = document_from_markdown(
            "# Title\n\n## Part\n\nSee [the docs](https://example.org) and `code`.\n\n\
             > quoted\n\n- one\n  - nested\n- two\n\n1. first\n2. second\n\n```rust\nfn x() {\n    y\n}\n```\n\n\
             ![alt text](img.png)\n\n---\n\n| a | bb |\n|---|---|\n| ccc | d |\n\n- [x] done\n\nNote[^1].\n\n[^1]: The note.\n",
            Metadata::default(),
        );
        let got = blocks(&doc);
        let expected: Vec<(String, String)> = [
            ("title", "Title"),
            ("h2", "Part"),
            ("paragraph", "See the docs and code."),
            ("quote", "quoted"),
            ("li1", "one"),
            ("li2", "nested"),
            ("li1", "two"),
            ("li1", "1. first"),
            ("li1", "2. second"),
            ("code", "fn x() {\n    y\n}"),
            ("figure", "alt text"),
            ("separator", "\u{2042}"),
            ("table", "a\tbb\nccc\td"),
            ("li1", "\u{2611} done"),
            ("paragraph", "Note[1]."),
            ("furniture", "[1] The note."),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(got, expected);
        let link = &doc.blocks()[2].spans[0];
        assert_eq!(link.chars, 4..12);
        assert_eq!(
            link.style,
            InlineStyle::Link {
                target: "https://example.org".into()
            }
        );
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;

    fn kinds_and_texts(doc: &Document) -> Vec<(BlockKind, String)> {
        (0..doc.blocks().len())
            .map(|i| (doc.blocks()[i].kind, doc.block_text(i).to_owned()))
            .collect()
    }

    #[test]
    fn an_item_of_several_paragraphs_keeps_one_number() {
        let doc = document_from_markdown(
            "1. First step\n\n   Why it comes first.\n\n       code in the item\n\n2. Second step\n",
            Metadata::default(),
        );
        let item = |ordered, continued| BlockKind::ListItem {
            level: 1,
            ordered,
            continued,
        };
        assert_eq!(
            kinds_and_texts(&doc),
            [
                (item(true, false), "1. First step".to_owned()),
                (item(true, true), "Why it comes first.".to_owned()),
                (BlockKind::Code, "code in the item".to_owned()),
                (item(true, false), "2. Second step".to_owned()),
            ]
        );
    }

    #[test]
    fn an_ordered_list_keeps_its_start_number() {
        let doc = document_from_markdown("7. Seventh\n8. Eighth\n", Metadata::default());
        assert_eq!(doc.block_text(0), "7. Seventh");
        assert_eq!(doc.block_text(1), "8. Eighth");
    }
}
