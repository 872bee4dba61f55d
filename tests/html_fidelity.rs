//! HTML article extraction measured on ../shared/corpus/html: each page's
//! extracted text against the article Mozilla's Readability extracts
//! (`expected.html`), as a token F1, and the title against
//! `expected-metadata.json`. Run with `--nocapture` to see every page.

mod common;

use std::collections::HashMap;

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

fn same_title(a: &str, b: &str) -> bool {
    tokens(a) == tokens(b)
}

#[test]
fn html_fidelity_on_the_corpus() {
    let mut pages: Vec<_> = std::fs::read_dir(common::corpus_dir().join("html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    pages.sort();
    assert!(pages.len() >= 20, "{} pages", pages.len());
    let (mut f1_sum, mut titles) = (0.0, 0);
    for page in &pages {
        let document = import_path(&page.join("source.html")).unwrap();
        let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let f1 = token_f1(
            &tokens(document.text()),
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
    assert!(mean >= 0.97, "mean token F1 {mean:.4} < 0.97");
    assert!(
        title_share >= 0.85,
        "right titles {:.0} % < 85 %",
        title_share * 100.0
    );
}
