//! Highlights made on one version of a paper follow their quotes into the
//! next: two versions are written as PDFs (a paragraph inserted on page 2, a
//! page break moved, a figure's caption added, a paragraph deleted), the
//! highlights made on the first are anchored in the second, and each lands
//! on its own words or is orphaned — never on other words.

mod common;

use std::path::Path;

use marginalia::annotate::{Annotation, HighlightColor, IndexedText, anchor_all};
use marginalia::document::Document;
use marginalia::import::import_path;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

/// Words a line holds at most (10 pt Helvetica in a 450 pt measure).
const LINE_CHARS: usize = 80;

/// A PDF of `pages`, each a list of paragraphs, set in 10 pt Helvetica.
fn paper(pages: &[Vec<String>]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree, font) = (Ref::new(1), Ref::new(2), Ref::new(3));
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(10 + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    for (page, paragraphs) in page_ids.iter().zip(pages) {
        let content_id = Ref::new(page.get() + 1);
        let mut writer = pdf.page(*page);
        writer.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
        writer.parent(tree);
        writer.contents(content_id);
        writer.resources().fonts().pair(Name(b"F1"), font);
        drop(writer);
        let mut content = Content::new();
        let mut y = 770.0;
        for paragraph in paragraphs {
            for line in wrapped(paragraph) {
                content.begin_text();
                content.set_font(Name(b"F1"), 10.0);
                content.next_line(72.0, y);
                content.show(Str(line.as_bytes()));
                content.end_text();
                y -= 13.0;
            }
            y -= 12.0;
        }
        pdf.stream(content_id, &content.finish());
    }
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    pdf.finish()
}

/// A paragraph's lines, broken between words.
fn wrapped(paragraph: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in paragraph.split_whitespace() {
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && line.len() + 1 + word.len() > LINE_CHARS {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// A paragraph about `topic`, its sentences its own but for one shared by
/// every paragraph (a highlight of that one must stay in its paragraph).
fn paragraph(topic: &str) -> String {
    format!(
        "The {topic} study began in a cold spring and ran for three seasons. \
         Observers counted every {topic} sample twice and kept the tallies apart. \
         The results were clear. Later teams asked how the {topic} counts \
         compared with the older surveys, and found them close."
    )
}

fn read(folder: &Path, name: &str, pages: &[Vec<String>]) -> Document {
    let file = folder.join(name);
    std::fs::write(&file, paper(pages)).expect("the PDF written");
    import_path(&file).unwrap_or_else(|error| panic!("{error}"))
}

/// The char range of `quote` inside the paragraph about `topic`.
fn range_of(document: &Document, topic: &str, quote: &str) -> std::ops::Range<usize> {
    let text = document.text();
    let paragraph_start = text
        .find(&format!("The {topic} study"))
        .expect("the paragraph");
    let at = paragraph_start + text[paragraph_start..].find(quote).expect("the quote");
    let start = text[..at].chars().count();
    start..start + quote.chars().count()
}

#[test]
fn highlights_follow_their_quotes_into_the_next_version_of_a_paper() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let topics = |names: &[&str]| names.iter().map(|t| paragraph(t)).collect::<Vec<_>>();
    let first = read(
        folder.path(),
        "v1.pdf",
        &[
            topics(&["heron", "otter", "beaver"]),
            topics(&["lichen", "moss"]),
            topics(&["trout", "salmon"]),
        ],
    );
    // v2: the beaver paragraph moves to page 2 (the break moved), a new
    // paragraph opens page 2, a caption is added on page 3, and the moss
    // paragraph is gone.
    let mut page_two = topics(&["newt", "beaver", "lichen"]);
    page_two.insert(
        0,
        "A paragraph added in the second version, about nothing highlighted.".into(),
    );
    let mut page_three = topics(&["trout"]);
    page_three
        .push("Figure 2: Salmon counts by season, a figure added in the second version.".into());
    page_three.extend(topics(&["salmon"]));
    let second = read(
        folder.path(),
        "v2.pdf",
        &[topics(&["heron", "otter"]), page_two, page_three],
    );
    let text = IndexedText::new(first.text());
    let made: Vec<(&str, &str, Annotation)> = [
        ("heron", "began in a cold spring"),
        ("beaver", "The results were clear."),
        ("lichen", "Observers counted every lichen sample twice"),
        (
            "salmon",
            "compared with the older surveys, and found them close",
        ),
        ("moss", "The results were clear."),
        (
            "trout",
            "The trout study began in a cold spring and ran for three seasons.",
        ),
    ]
    .into_iter()
    .map(|(topic, quote)| {
        let range = range_of(&first, topic, quote);
        (
            topic,
            quote,
            Annotation::new(&text, range, HighlightColor::Yellow),
        )
    })
    .collect();
    let anchors: Vec<_> = made.iter().map(|(_, _, a)| &a.anchor).collect();
    let found = anchor_all(&IndexedText::new(second.text()), &anchors);
    let second_text: Vec<char> = second.text().chars().collect();
    for ((topic, quote, _), resolution) in made.iter().zip(&found) {
        let Some(range) = &resolution.range else {
            // Only the deleted paragraph's highlight may be orphaned.
            assert_eq!(*topic, "moss", "{topic}: {quote} was orphaned");
            continue;
        };
        // Never on other words.
        let landed: String = second_text[range.clone()].iter().collect();
        assert_eq!(&landed, quote, "{topic}");
        if *topic != "moss" {
            // On its own words: in its own paragraph, though the sentence
            // is in every paragraph.
            assert_eq!(range, &range_of(&second, topic, quote), "{topic}: {quote}");
        }
    }
}
