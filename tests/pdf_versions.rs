//! Highlights made on one version of a paper follow their quotes into the
//! next: two versions are written as PDFs (a paragraph inserted on page 2, a
//! page break moved, a figure's caption added, a paragraph deleted), the
//! highlights made on the first are anchored in the second, and each lands
//! on its own words or is orphaned — never on other words.

mod common;

use std::path::Path;

use common::pdf::paper;
use marginalia::annotate::{Annotation, HighlightColor, IndexedText, anchor_all};
use marginalia::document::Document;
use marginalia::import::import_path;

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
