//! Import throughput per format, a 3 MB web page, and PDFs read in the
//! limited child (a paper, and a page of 20,000 scattered marks).

use std::path::Path;

mod common;
// The PDFs the tests write (pdf-writer).
#[path = "../tests/common/pdf.rs"]
#[allow(dead_code)]
mod test_pdfs;

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

/// A page of 20,000 dots, each apart from the others, with lines of body
/// text between them: the most marks a page's figures are gathered from
/// (a scatter plot, or a hostile page).
fn page_of_scattered_marks() -> Vec<u8> {
    use pdf_writer::{Content, Name, Pdf, Str};
    let mut pdf = Pdf::new();
    let (content_id, font) = test_pdfs::one_page(&mut pdf);
    let mut content = Content::new();
    for k in 0..20_000 {
        let (x, y) = ((k % 68) as f32 * 9.0, (k / 68) as f32 * 2.6);
        content.rect(x, y, 2.0, 1.0);
        content.fill_nonzero();
    }
    for k in 0..120 {
        content.begin_text();
        content.set_font(Name(b"F1"), 8.0);
        content.next_line((k % 4) as f32 * 150.0, 780.0 - (k / 4) as f32 * 18.0);
        content.show(Str(b"a line of the body's text"));
        content.end_text();
    }
    pdf.stream(content_id, &content.finish());
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    pdf.finish()
}

/// A PDF read in the limited child, as the window reads it.
fn pdf_benchmarks(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_pdf");
    group.sample_size(10);
    let path = corpus("pdf/papers/p01_tracemonkey.pdf");
    let paper = std::fs::read(&path).expect("tracemonkey");
    group.bench_function("tracemonkey_14_pages", |b| {
        b.iter(|| import_bytes(&paper, Some(&path)).expect("import"))
    });
    let scattered = page_of_scattered_marks();
    group.bench_function("page_of_20000_scattered_marks", |b| {
        b.iter(|| import_bytes(&scattered, Some(Path::new("scattered.pdf"))).expect("import"))
    });
    group.finish();
}

criterion_group!(benches, format_benchmarks, pdf_benchmarks);
criterion_main!(benches);
