//! HTML article extraction measured on ../shared/corpus/html: each page's
//! extracted text against the article Mozilla's Readability extracts
//! (`expected.html`), as a token F1, and the title against
//! `expected-metadata.json`. Run with `--nocapture` to see every page.

mod common;

use std::collections::HashMap;

use marginalia::document::BlockKind;
use marginalia::import::import_path;

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Token F1 of `got` against `expected` (bags of words).
fn token_f1(got: &[String], expected: &[String]) -> f64 {
    let mut bag: HashMap<&str, i64> = HashMap::new();
    for t in expected {
        *bag.entry(t).or_default() += 1;
    }
    let mut common = 0i64;
    for t in got {
        if let Some(n) = bag.get_mut(t.as_str())
            && *n > 0
        {
            *n -= 1;
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / got.len() as f64;
    let recall = common as f64 / expected.len() as f64;
    2.0 * precision * recall / (precision + recall)
}

fn text_of_html(html: &str) -> String {
    dom_query::Document::from(html).root().text().to_string()
}

/// Site names (and an author) that pages put after the headline in their
/// `<title>`; Readability keeps them, we do not.
const TITLE_SUFFIXES: &[&str] = &[
    " - Wikipedia",
    " - Breitbart",
    " | Eleanor Ainge Roy",
    " - BBC News",
    " - BuzzFeed News",
    " - The New York Times",
    " - The Washington Post",
    " — Medium",
    " | Mac & i",
];

/// The title is Readability's, less the site's name after it.
fn same_title(got: &str, expected: &str) -> bool {
    let expected = TITLE_SUFFIXES
        .iter()
        .find_map(|suffix| expected.strip_suffix(suffix))
        .unwrap_or(expected);
    tokens(got) == tokens(expected)
}

/// The article's own text: the blocks after the title and the line under
/// it (Readability's `expected.html` holds neither).
fn body_text(document: &marginalia::document::Document) -> String {
    let skip = document
        .blocks()
        .iter()
        .take_while(|b| matches!(b.kind, BlockKind::Title | BlockKind::Byline))
        .count();
    // Furniture is shown, muted, as what is not the article.
    (skip..document.blocks().len())
        .filter(|&i| document.blocks()[i].kind != BlockKind::Furniture)
        .map(|i| document.block_text(i))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn corpus_pages() -> Vec<std::path::PathBuf> {
    let mut pages: Vec<_> = std::fs::read_dir(common::corpus_dir().join("html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    pages.sort();
    assert!(pages.len() >= 20, "{} pages", pages.len());
    pages
}

#[test]
fn corpus_pages_show_no_site_machinery() {
    for page in corpus_pages() {
        let document = import_path(&page.join("source.html")).unwrap();
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let text = document.text();
        for machinery in ["[edit]", "Continue reading the main story"] {
            assert!(!text.contains(machinery), "{name}: {machinery:?} shown");
        }
        let title = document.metadata.title.clone().unwrap_or_default();
        for suffix in TITLE_SUFFIXES {
            assert!(!title.ends_with(suffix), "{name}: title {title:?}");
        }
        for (i, block) in document.blocks().iter().enumerate() {
            let words = document.block_text(i);
            assert!(
                !(matches!(block.kind, BlockKind::Heading { .. }) && words == "Contents"),
                "{name}: a contents list is shown"
            );
            assert!(
                !(block.kind == BlockKind::Paragraph && words == "Photo"),
                "{name}: a stray \"Photo\" paragraph"
            );
        }
    }
}

#[test]
fn html_fidelity_on_the_corpus() {
    let pages = corpus_pages();
    let (mut f1_sum, mut titles) = (0.0, 0);
    for page in &pages {
        let document = import_path(&page.join("source.html")).unwrap();
        let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let f1 = token_f1(
            &tokens(&body_text(&document)),
            &tokens(&text_of_html(&expected_html)),
        );
        let metadata: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        let expected_title = metadata["title"].as_str().unwrap_or_default();
        let title = document.metadata.title.clone().unwrap_or_default();
        let title_ok = same_title(&title, expected_title);
        titles += usize::from(title_ok);
        f1_sum += f1;
        println!(
            "{:<16} F1 {:.3}  title {}  {:?}",
            page.file_name().unwrap().to_string_lossy(),
            f1,
            if title_ok { "ok " } else { "BAD" },
            title
        );
    }
    let mean = f1_sum / pages.len() as f64;
    let title_share = titles as f64 / pages.len() as f64;
    println!(
        "mean token F1 {mean:.4}; right titles {titles}/{} ({:.0} %)",
        pages.len(),
        title_share * 100.0
    );
    assert!(mean >= 0.98, "mean token F1 {mean:.4} < 0.98");
    assert_eq!(titles, pages.len(), "every title right");
}
