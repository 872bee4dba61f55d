//! The Markdown importer (CommonMark + GFM tables, task lists,
//! strikethrough, footnotes) on pulldown-cmark. Front matter (TOML `+++` or
//! YAML `---`, read by `front_matter`) gives title, author and date and is
//! never shown. No Markdown
//! syntax is left in the text: images become figures captioned with their alt
//! text, raw HTML its tables rows of tab-separated cells. HTML blocks are read by the HTML
//! importer's walker; inline HTML tags are styles, breaks or nothing.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

mod state;

use state::MarkdownState;

use super::front_matter::{opens_with_yaml_mapping, read_front_matter};
use super::page::metadata_line;
use super::picture::FilePictures;
use crate::document::{BlockKind, Document, DocumentBuilder, Format, Metadata};

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
    let mut state = MarkdownState::with_pictures(FilePictures::beside(metadata.path.as_deref()));
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

#[cfg(test)]
mod tests;
