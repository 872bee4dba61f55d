//! The Markdown importer's walk over pulldown-cmark's events: blocks,
//! inline styles, lists, tables, HTML blocks, pictures and footnotes.

use pulldown_cmark::{Event, MetadataBlockKind, Tag, TagEnd};

use super::super::html::append_html_body;
use super::super::inline::{Counting, Inline, Lists, prose_kind, table_text, with_prefix};
use super::super::inline_html::OpenTags;
use super::super::picture::{FilePictures, PictureResolver};
use super::{first_heading_is_h1, footnote_anchor, push_metadata_line, title_from_html};
use crate::document::{BlockKind, DocumentBuilder, InlineStyle, Picture, StyledSpan};

#[derive(Debug, Default)]
pub(super) struct MarkdownState {
    inline: Inline,
    pub(super) in_metadata: Option<MetadataBlockKind>,
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
    /// A walk whose pictures are found by `pictures`.
    pub(super) fn with_pictures(pictures: FilePictures) -> Self {
        Self {
            pictures,
            ..Self::default()
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>, builder: &mut DocumentBuilder) {
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
                self.lists.open(
                    first.map(|first| Counting::up_from(i64::try_from(first).unwrap_or(i64::MAX))),
                );
            }
            Tag::Item => {
                self.flush_item(builder);
                self.lists.start_item(None);
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
            Tag::Image { dest_url, .. } => self.start_image(dest_url.to_string(), builder),
            _ => {}
        }
    }

    /// A picture is a figure of its own; its alt text (the Text events
    /// inside the tag) is its caption, in the link (or emphasis) around the
    /// picture: a badge's link is its alt text's.
    fn start_image(&mut self, src: String, builder: &mut DocumentBuilder) {
        let around = self.inline.open_styles();
        self.flush_text(builder);
        for style in around {
            self.inline.open(style);
        }
        self.image = Some(src);
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
                let around = self.inline.open_styles();
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
                // What goes on after the picture is still inside them.
                for style in around {
                    self.inline.open(style);
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

    pub(super) fn flush_footnotes(&mut self, builder: &mut DocumentBuilder) {
        for (label, text, spans) in std::mem::take(&mut self.footnotes) {
            builder.add_anchor(footnote_anchor(&label));
            let (text, spans) = with_prefix(&format!("[{label}] "), &text, spans);
            builder.push_styled(BlockKind::Furniture, &text, spans);
        }
    }
}
