//! What a quote is cited with, to paste into notes: the article's title,
//! author, site or publisher, date and address (its canonical URL, else
//! its file's name when nothing else names it), and the place — the
//! section and, for a paged source, the page — in plain text and Markdown.

use crate::annotate::Annotation;
use crate::document::Document;
use crate::document::{current_entry, outline_of};

use super::AnnotationStore;
use super::export::ArticleSource;

/// The article a quote comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    pub title: String,
    /// After the title, in order: author, site or publisher, date, and the
    /// file's name when neither the title nor an address names the article.
    pub details: Vec<String>,
    /// Where it was published (a saved page's canonical URL).
    pub url: Option<String>,
}

/// Where in the article a quote is: its section and page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotePlace {
    /// The heading of the section the quote starts in (not the title's).
    pub section: Option<String>,
    /// The page of the original (a PDF's label).
    pub page: Option<String>,
}

impl QuotePlace {
    /// The place of a quote starting at `start_char` of `document`.
    pub fn of(document: &Document, start_char: usize) -> Self {
        let entries = outline_of(document);
        let section = current_entry(&entries, start_char)
            .map(|i| &entries[i])
            .filter(|entry| entry.level > 0)
            .map(|entry| entry.text.split_whitespace().collect::<Vec<_>>().join(" "));
        Self {
            section,
            page: document.page_at(start_char).map(|page| page.label.clone()),
        }
    }

    fn parts(&self) -> impl Iterator<Item = String> + '_ {
        let section = self.section.iter().map(|s| format!("\u{a7} {s}"));
        section.chain(self.page.iter().map(|label| format!("p. {label}")))
    }
}

impl Citation {
    pub fn of(document: &Document, file_name: Option<&str>) -> Self {
        let metadata = &document.metadata;
        let title = document.display_title();
        let url = metadata.url.clone().filter(|url| !url.trim().is_empty());
        // The file's name only when nothing better names the article (and
        // never twice: "jargon.txt, jargon.txt").
        let stem = file_name.map(|name| name.rsplit_once('.').map_or(name, |(stem, _)| stem));
        let file = file_name
            .filter(|name| url.is_none() && title != *name && Some(title.as_str()) != stem)
            .map(str::to_owned);
        let details = [
            metadata.byline.clone(),
            metadata.source.clone(),
            metadata.date.clone(),
            file,
        ];
        Self {
            title,
            details: details.into_iter().flatten().collect(),
            url,
        }
    }

    /// “Quote”
    /// — Title, author, site, date, § Section, p. 12, https://…
    pub fn quote(&self, annotation: &Annotation, place: &QuotePlace) -> String {
        let mut parts = vec![self.title.clone()];
        parts.extend(self.details.iter().cloned());
        parts.extend(place.parts());
        parts.extend(self.url.clone());
        format!(
            "\u{201C}{}\u{201D}\n\u{2014} {}",
            annotation.anchor.exact.trim(),
            parts.join(", ")
        )
    }

    /// The same in Markdown: a block quote, the title a link to the URL.
    pub fn markdown_quote(&self, annotation: &Annotation, place: &QuotePlace) -> String {
        let title = match &self.url {
            Some(url) => format!("[{}](<{url}>)", markdown_text(&self.title)),
            None => format!("*{}*", markdown_text(&self.title)),
        };
        let mut parts = vec![title];
        parts.extend(self.details.iter().map(|d| markdown_text(d)));
        parts.extend(place.parts().map(|p| markdown_text(&p)));
        let mut out = String::new();
        for line in annotation.anchor.exact.trim().lines() {
            out.push_str(&format!("> {line}\n"));
        }
        out.push_str(&format!(">\n> \u{2014} {}\n", parts.join(", ")));
        out
    }
}

/// Text with Markdown's own marks escaped, so a title reads as written.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A quote of the annotation `id` of an open article with its citation,
/// in plain text, or in Markdown when `markdown`.
pub fn quote_with_citation(
    store: &AnnotationStore,
    document: &Document,
    source: ArticleSource<'_>,
    id: uuid::Uuid,
    markdown: bool,
) -> Option<String> {
    let annotation = store.get(id)?;
    let start = store
        .resolution(id)
        .and_then(|r| r.range.as_ref().map(|range| range.start))
        .unwrap_or(annotation.anchor.start_char);
    let place = QuotePlace::of(document, start);
    let citation = Citation::of(document, source.file_name().as_deref());
    Some(if markdown {
        citation.markdown_quote(annotation, &place)
    } else {
        citation.quote(annotation, &place)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{HighlightColor, IndexedText};
    use crate::document::{BlockKind, DocumentBuilder, Format, Metadata};

    fn manual(metadata: Metadata) -> (Document, Annotation) {
        let mut builder = DocumentBuilder::new(Format::Html, metadata);
        builder.push(BlockKind::Title, "The Manual");
        builder.push(BlockKind::Heading { level: 2 }, "Installing  it");
        builder.push(BlockKind::Paragraph, "Run the installer as yourself.");
        let document = builder.finish();
        let start = document.text().find("Run the").unwrap();
        let text = IndexedText::new(document.text());
        let annotation = Annotation::new(&text, start..start + 17, HighlightColor::Yellow);
        (document, annotation)
    }

    #[test]
    fn a_quote_cites_what_is_known_and_where_it_is() {
        let metadata = Metadata {
            title: Some("The Manual".into()),
            byline: Some("Ada Lovelace".into()),
            source: Some("Example Press".into()),
            date: Some("2024-05-01".into()),
            url: Some("https://example.org/manual".into()),
            ..Metadata::default()
        };
        let (document, annotation) = manual(metadata);
        let place = QuotePlace::of(&document, annotation.anchor.start_char);
        let citation = Citation::of(&document, Some("manual.html"));
        assert_eq!(
            citation.quote(&annotation, &place),
            "\u{201C}Run the installer\u{201D}\n\u{2014} The Manual, Ada Lovelace, Example Press, 2024-05-01, \u{a7} Installing it, https://example.org/manual"
        );
        assert_eq!(
            citation.markdown_quote(&annotation, &place),
            "> Run the installer\n>\n> \u{2014} [The Manual](<https://example.org/manual>), Ada Lovelace, Example Press, 2024-05-01, \u{a7} Installing it\n"
        );
    }

    #[test]
    fn a_file_named_once() {
        let metadata = Metadata {
            title: Some("jargon".into()),
            ..Metadata::default()
        };
        let (document, annotation) = manual(metadata);
        let citation = Citation::of(&document, Some("jargon.txt"));
        let said = citation.quote(&annotation, &QuotePlace::default());
        assert!(said.ends_with("\u{2014} jargon"), "{said}");
        let untitled = Metadata {
            path: Some("/saved/notes.html".into()),
            ..Metadata::default()
        };
        let untitled = Citation::of(&manual(untitled).0, Some("notes.html"));
        assert_eq!(
            untitled.details,
            Vec::<String>::new(),
            "the title is the file's name"
        );
    }
}
