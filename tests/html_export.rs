//! The article with its highlights as one HTML file: the citation at the
//! top, highlights as marks in their colours (across inline styles), notes
//! beside their paragraphs, pictures inlined, everything escaped; the
//! command line writes it with `--format html`; a PDF's figures drawn in.

mod common;

use std::path::Path;

use marginalia::annotate::{Annotation, HighlightColor, HighlightStyle, IndexedText};
use marginalia::document::Document;
use marginalia::import::import_path;
use marginalia::store::{AnnotationStore, ArticleSource, ExportFormat, export_annotations};

const ARTICLE: &str = "# Tides & Harbours\n\nThe river keeps *its own counsel* and the tide returns; `a < b` holds.\n\n![A gull](gull.png)\n\nA second paragraph about the wall.\n";

/// A highlight of the first `quote` in the document.
fn highlight(document: &Document, quote: &str, color: HighlightColor) -> Annotation {
    let text = IndexedText::new(document.text());
    let start = text.char_of(
        document
            .text()
            .find(quote)
            .expect("the quote is in the text"),
    );
    Annotation::new(&text, start..start + quote.chars().count(), color)
}

fn write_gull(folder: &Path) {
    let picture = image::RgbaImage::from_pixel(40, 20, image::Rgba([200, 30, 30, 255]));
    picture
        .save(folder.join("gull.png"))
        .expect("the picture is written");
}

/// Every element opened is closed, in order.
fn balanced(html: &str) -> bool {
    let mut open: Vec<String> = Vec::new();
    let voids = ["meta", "img", "br", "hr", "!doctype"];
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        if voids.contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            if open.pop().as_deref() != Some(name.as_str()) {
                return false;
            }
        } else {
            open.push(name);
        }
    }
    open.is_empty()
}

#[test]
fn the_article_is_exported_with_its_highlights_notes_and_pictures() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("tides.md");
    std::fs::write(&path, ARTICLE).expect("the article is written");
    write_gull(folder.path());
    let document = import_path(&path).expect("the article reads");
    let mut store = AnnotationStore::open(&path, &document);
    // Across the emphasis: "keeps its own".
    let mut first = highlight(&document, "keeps its own", HighlightColor::Green);
    first.note = "Counsel <kept> & said.".into();
    first.tags = vec!["river".into()];
    store.add(first);
    let mut second = highlight(&document, "second paragraph", HighlightColor::Pink);
    second.style = HighlightStyle::Underline;
    store.add(second);

    let html = export_annotations(
        &store,
        &document,
        ArticleSource::File(&path),
        ExportFormat::Html,
    );
    assert!(balanced(&html), "tags nest:\n{html}");
    assert!(
        html.contains("<title>Tides &amp; Harbours</title>"),
        "{html}"
    );
    assert!(html.contains("<code>a &lt; b</code>"), "{html}");
    assert!(html.contains("2 highlights"), "{html}");
    // The highlight is cut at the emphasis and keeps both.
    let green = "background:rgba(92,203,106,0.45)";
    assert_eq!(html.matches(green).count(), 2, "{html}");
    assert!(
        html.contains(&format!(
            "<mark class=\"highlight\" style=\"{green}\" title=\"green\"><em>its own</em></mark>"
        )),
        "{html}"
    );
    assert!(
        html.contains("<sup class=\"note-mark\"><a href=\"#note-1\">1</a></sup>"),
        "{html}"
    );
    assert!(
        html.contains("Counsel &lt;kept&gt; &amp; said. <em>(river)</em>"),
        "{html}"
    );
    assert!(
        html.contains("class=\"underline\" style=\"border-color:rgb(255,122,176)\""),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"data:image/png;base64,"),
        "the picture is inlined"
    );
    assert!(html.contains("<figcaption>A gull</figcaption>"), "{html}");
}

/// `marginalia export ARTICLE --format html -o OUT`.
fn export_html(article: &Path, out: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .arg("export")
        .arg(article)
        .args(["--format", "html", "-o"])
        .arg(out)
        .output()
        .expect("marginalia runs")
}

#[test]
fn the_command_line_writes_the_html_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("tides.md");
    std::fs::write(&path, ARTICLE).expect("the article is written");
    write_gull(folder.path());
    let out = folder.path().join("tides.html");
    let output = export_html(&path, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(&out).expect("the file is written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("0 highlights"));
    assert!(html.contains("A second paragraph about the wall."));
    // Exported again over it: an earlier export is replaced without --force;
    // another HTML file is not.
    let again = export_html(&path, &out);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let other = folder.path().join("other.html");
    std::fs::write(&other, "<!DOCTYPE html>\n<html><body>Mine</body></html>\n").expect("written");
    let refused = export_html(&path, &other);
    assert!(!refused.status.success(), "another page is not replaced");
}

#[test]
fn a_pdf_is_exported_with_its_figures_drawn_in() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("chart.pdf");
    std::fs::write(&path, common::pdf::page_with_a_chart()).expect("the PDF is written");
    let document = import_path(&path).expect("the PDF reads");
    let store = AnnotationStore::open(&path, &document);
    let html = export_annotations(
        &store,
        &document,
        ArticleSource::File(&path),
        ExportFormat::Html,
    );
    assert_eq!(
        html.matches("<img src=\"data:image/png;base64,").count(),
        1,
        "{html}"
    );
    assert!(
        html.contains("<figcaption>Figure 1: Ten bars of rising height.</figcaption>"),
        "{html}"
    );
}

#[test]
fn the_window_exports_the_article_on_a_worker_and_says_so() {
    use marginalia::ui::{Command, StartWith};
    let (dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    common::app::select_quote(&mut harness, "Kerry");
    harness.key_press(eframe::egui::Key::H);
    harness.run_steps(2);
    let out = dir.path().join("meeting.html");
    harness.state_mut().apply(Command::ExportTo(out.clone()));
    common::app::step_until(&mut harness, "the export to be said", |app| {
        app.banner().is_some_and(|b| b.starts_with("Exported"))
    });
    let said = harness.state().banner().unwrap_or_default().to_owned();
    assert!(
        said.starts_with("Exported the article with 1 highlight to"),
        "{said}"
    );
    let html = std::fs::read_to_string(&out).expect("the file is written");
    assert!(
        html.contains("<mark class=\"highlight\""),
        "the highlight is in it"
    );
}

/// An article exported as HTML with one word highlighted: the export,
/// and its list items' lines (their paragraphs' contents).
fn exported_list(file_name: &str, article: &str, word: &str) -> (String, Vec<String>) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join(file_name);
    std::fs::write(&path, article).expect("the article is written");
    let document = import_path(&path).expect("the article reads");
    let mut store = AnnotationStore::open(&path, &document);
    store.add(highlight(&document, word, HighlightColor::Yellow));
    let html = export_annotations(
        &store,
        &document,
        ArticleSource::File(&path),
        ExportFormat::Html,
    );
    let items = html
        .lines()
        .filter(|line| line.starts_with("<p style=\"margin-left"))
        .map(|line| {
            line.split_once('>')
                .map_or(line, |(_, rest)| rest)
                .to_owned()
        })
        .collect();
    (html, items)
}

#[test]
fn an_ordered_lists_numbers_are_exported_before_its_items() {
    let (html, shown) = exported_list(
        "steps.md",
        "# Steps\n\n3. Loosen the roots.\n\n   Gently.\n4. Set it in the pot.\n- A bullet.\n",
        "Loosen",
    );
    assert_eq!(shown.len(), 4, "{html}");
    assert!(
        shown[0].starts_with("3. <mark"),
        "the number, then the highlighted word: {html}"
    );
    assert!(
        shown[1].starts_with("Gently."),
        "a continuation has no number: {html}"
    );
    assert!(shown[2].starts_with("4. Set it"), "{html}");
    assert!(shown[3].starts_with("\u{2022} A bullet."), "{html}");
}

#[test]
fn a_lettered_list_is_exported_in_its_letters() {
    let (html, shown) = exported_list(
        "clauses.html",
        "<html><body><article><h1>Clauses</h1><p>The tenant shall:</p>\
         <ol type=\"a\" start=\"3\"><li>keep the garden tidy;</li><li>not keep bees.</li></ol>\
         <ol type=\"I\" reversed><li>Term.</li><li>Rent.</li></ol></article></body></html>",
        "bees",
    );
    assert_eq!(shown.len(), 4, "{html}");
    assert!(shown[0].starts_with("c. keep the garden"), "{html}");
    assert!(shown[1].starts_with("d. not keep <mark"), "{html}");
    assert!(shown[2].starts_with("II. Term."), "{html}");
    assert!(shown[3].starts_with("I. Rent."), "{html}");
}
