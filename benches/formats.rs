//! Import throughput per format, and a 3 MB web page.

use std::path::Path;

mod common;

use common::corpus;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marginalia::import::import_bytes;

/// A 3 MB article page: War and Peace's paragraphs as HTML, with page furniture around it.
fn three_megabyte_page() -> Vec<u8> {
    let book = std::fs::read(corpus("large/pg2600-war-and-peace.txt")).expect("War and Peace");
    let document = import_bytes(&book, Some(Path::new("war-and-peace.txt"))).expect("import");
    let mut html = String::from(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>War and Peace | Classics</title>\
         </head><body><nav><a href=\"/\">Home</a> <a href=\"/books\">Books</a></nav><article><h1>War and Peace</h1>",
    );
    for (i, block) in document.blocks().iter().enumerate() {
        let text = document
            .block_text(i)
            .replace('&', "&amp;")
            .replace('<', "&lt;");
        if html.len() > 3 * 1024 * 1024 {
            break;
        }
        match block.kind {
            marginalia::document::BlockKind::Heading { .. } => {
                html.push_str(&format!("<h2>{text}</h2>"))
            }
            _ => html.push_str(&format!("<p>{text}</p>\n")),
        }
    }
    html.push_str("</article><footer>Copyright</footer></body></html>");
    html.into_bytes()
}

fn format_benchmarks(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    let cases = [
        (
            "markdown_rust_blog_roadmap",
            corpus("markdown/rustblog-inside-rust--lang-roadmap-2024.md"),
        ),
        ("html_guardian_1_1mb", corpus("html/guardian-1/source.html")),
        ("epub_alice", corpus("epub/alice.epub")),
    ];
    for (name, path) in cases {
        let bytes = std::fs::read(&path).expect("corpus file");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| import_bytes(&bytes, Some(&path)).expect("import"))
        });
    }
    let page = three_megabyte_page();
    eprintln!("synthetic page: {} bytes", page.len());
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("html_3mb_page", |b| {
        b.iter(|| import_bytes(&page, Some(Path::new("page.html"))).expect("import"));
    });
    // Hostile shapes of 3 MB: nested without end, and tables in tables.
    let hostile = [
        (
            "html_3mb_nested_280k_deep",
            format!(
                "<html><body>{}<p>deep</p>{}</body></html>",
                "<div>".repeat(280_000),
                "</div>".repeat(280_000)
            ),
        ),
        (
            "html_3mb_tables_in_tables",
            format!(
                "<html><body>{}words{}</body></html>",
                "<table><tr><td>cell ".repeat(100_000),
                "</td></tr></table>".repeat(100_000)
            ),
        ),
        (
            "html_3mb_unclosed_bold",
            format!(
                "<html><body><p>{}</p></body></html>",
                "<b>x ".repeat(500_000)
            ),
        ),
    ];
    for (name, html) in hostile {
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| import_bytes(html.as_bytes(), Some(Path::new("page.html"))).expect("import"));
        });
    }
    group.finish();
}

criterion_group!(benches, format_benchmarks);
criterion_main!(benches);
