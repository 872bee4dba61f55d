//! The Markdown importer against the CommonMark spec's examples (as
//! pulldown-cmark ships them in its test suite, read in place from cargo's
//! registry): the words the importer shows must be the words a browser
//! shows for the spec's reference HTML. Run with `--nocapture` for the
//! score and the examples that differ.

use std::collections::HashMap;
use std::path::PathBuf;

use marginalia::document::Metadata;
use marginalia::import::document_from_markdown;

/// pulldown-cmark's spec tests, from the registry cargo downloaded it to.
fn spec_file() -> PathBuf {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"pulldown-cmark\"\n"))
        .and_then(|p| p.split("version = \"").nth(1))
        .and_then(|v| v.split('"').next())
        .expect("pulldown-cmark in Cargo.lock")
        .to_owned();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let registry = cargo_home.join("registry/src");
    let found = std::fs::read_dir(&registry)
        .into_iter()
        .flatten()
        .flatten()
        .map(|index| {
            index
                .path()
                .join(format!("pulldown-cmark-{version}/tests/suite/spec.rs"))
        })
        .find(|path| path.is_file());
    found.unwrap_or_else(|| {
        panic!(
            "\n\n*** pulldown-cmark {version}'s spec tests are not in {}: \
             run `cargo fetch` first. ***\n",
            registry.display()
        )
    })
}

/// The spec's examples: Markdown and the HTML it should make.
fn examples() -> Vec<(String, String)> {
    let source = std::fs::read_to_string(spec_file()).unwrap();
    let raw = |text: &str, key: &str| -> Option<String> {
        let start = text.find(key)? + key.len();
        let end = text[start..].find("\"##;")? + start;
        Some(text[start..end].to_owned())
    };
    source
        .split("#[test]")
        .filter_map(|test| {
            Some((
                raw(test, "let original = r##\"")?,
                raw(test, "let expected = r##\"")?,
            ))
        })
        .collect()
}

fn words(text: &str) -> HashMap<String, i64> {
    let mut bag = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(word.to_lowercase()).or_default() += 1;
    }
    bag
}

/// The words the reader shows: the text, and each ordered item's number,
/// drawn before it.
fn words_the_reader_shows(document: &marginalia::document::Document) -> HashMap<String, i64> {
    let mut bag = words(document.text());
    for number in document
        .blocks()
        .iter()
        .filter_map(|b| b.kind.list_number())
    {
        *bag.entry(number.value.to_string()).or_default() += 1;
    }
    bag
}

/// The words a browser shows for an HTML fragment (not scripts or styles;
/// an ordered list's numbers; a picture's alt text, which the importer
/// shows as its caption).
fn shown_words(html: &str) -> HashMap<String, i64> {
    let page = dom_query::Document::from(html);
    page.select("script, style").remove();
    let mut text = page.root().text().to_string();
    // A browser numbers an ordered list's items.
    for list in page.select("ol").nodes() {
        let start: u64 = list
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let items = list
            .children()
            .iter()
            .filter(|c| c.node_name().is_some_and(|n| n.eq_ignore_ascii_case("li")))
            .count() as u64;
        for number in start..start + items {
            text.push_str(&format!(" {number}"));
        }
    }
    for img in page.select("img").nodes() {
        if let Some(alt) = img.attr("alt") {
            text.push(' ');
            text.push_str(&alt);
        }
    }
    words(&text)
}

#[test]
fn the_words_shown_are_the_words_a_browser_shows() {
    let examples = examples();
    assert!(examples.len() >= 600, "{} examples", examples.len());
    let mut same = 0;
    let mut differing = Vec::new();
    for (number, (markdown, html)) in examples.iter().enumerate() {
        let document = document_from_markdown(markdown, Metadata::default());
        if words_the_reader_shows(&document) == shown_words(html) {
            same += 1;
        } else {
            differing.push(number + 1);
        }
    }
    let share = same as f64 / examples.len() as f64;
    println!(
        "CommonMark spec: the same words as the browser in {same} of {} examples ({:.1} %); \
         differing: {differing:?}",
        examples.len(),
        share * 100.0
    );
    assert!(share >= 0.99, "{:.1} % < 99 %", share * 100.0);
}
