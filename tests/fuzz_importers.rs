//! A fuzz harness for everything that reads untrusted files: each importer
//! (text, Markdown, HTML, EPUB), Markdown's YAML front matter (anchors and
//! aliases), SVG pictures (nested, naming files anywhere) and the sidecar
//! parser, fed random bytes and random markup of random nesting depth. Every case must end without a
//! panic, in bounded time, and within a bounded size of output.
//!
//! CI runs a few hundred cases; the full run is
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz_importers`.

use std::path::Path;
use std::time::{Duration, Instant};

use marginalia::document::PictureSource;
use marginalia::import::import_bytes;
use marginalia::store::parse_sidecar;
use marginalia::ui::reader::decode_picture;
use proptest::prelude::*;

/// No input of these sizes may take longer than this to import.
const CASE_LIMIT: Duration = Duration::from_secs(5);

fn config() -> ProptestConfig {
    // `PROPTEST_CASES` (read by `default()`) sets the number of cases.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Imports `bytes` as a file named `name`; checks the time and that the
/// text is no larger than a bounded multiple of the input.
fn import_bounded(bytes: &[u8], name: &str) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let result = import_bytes(bytes, Some(Path::new(name)));
    let took = started.elapsed();
    prop_assert!(
        took < CASE_LIMIT,
        "{name}: {took:?} for {} bytes",
        bytes.len()
    );
    // An EPUB is compressed: its bound is the inflate limit, checked apart.
    if let Ok(document) = result.as_ref().map_err(|_| ()).and_then(|d| {
        if name.ends_with(".epub") {
            Err(())
        } else {
            Ok(d)
        }
    }) {
        // Tables pad cells and lists number items: a few times the input.
        prop_assert!(
            document.text().len() <= bytes.len() * 8 + 1024,
            "{name}: {} chars of text from {} bytes",
            document.text().len(),
            bytes.len()
        );
    }
    Ok(())
}

const TAGS: &[&str] = &[
    "div",
    "span",
    "p",
    "b",
    "i",
    "em",
    "a href=\"x\"",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "blockquote",
    "pre",
    "code",
    "h1",
    "h2",
    "section",
    "br",
    "img",
    "hr",
    "script",
    "style",
];

/// Markup nested to a random depth, with random closing, text and noise.
fn nested_markup() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(proptest::sample::select(TAGS), 1..6),
        0..6_000usize,
        any::<bool>(),
        "[a-zA-Z <>/&;\"'=!-]{0,40}",
    )
        .prop_map(|(tags, depth, close, noise)| {
            let mut html = String::from("<html><body>");
            for i in 0..depth {
                html.push_str(&format!("<{}>", tags[i % tags.len()]));
                if i % 97 == 0 {
                    html.push_str(&noise);
                }
            }
            html.push_str("words in the middle");
            if close {
                for i in (0..depth).rev() {
                    let name = tags[i % tags.len()].split(' ').next().unwrap_or("div");
                    html.push_str(&format!("</{name}>"));
                }
            }
            html
        })
}

/// Markdown nested to a random depth: quotes, lists, emphasis, links.
fn nested_markdown() -> impl Strategy<Value = String> {
    (0..3_000usize, 0..4usize, "[a-z *_`\\[\\]()>#-]{0,60}").prop_map(|(depth, kind, tail)| {
        match kind {
            0 => format!("{} quoted {tail}\n", ">".repeat(depth)),
            1 => (0..depth.min(400))
                .map(|i| format!("{}- item {i} {tail}\n", "  ".repeat(i)))
                .collect(),
            2 => format!("{}x{}{tail}\n", "*".repeat(depth), "*".repeat(depth)),
            _ => format!("{}x{}{tail}\n", "[".repeat(depth), "]()".repeat(depth)),
        }
    })
}

/// YAML front matter of random anchors and aliases, nested in lists up to
/// ten deep: each level may repeat the ones before it many times.
fn front_matter_with_aliases() -> impl Strategy<Value = String> {
    (1..12usize, 1..40usize, "[a-z :,-]{0,30}").prop_map(|(levels, width, noise)| {
        let mut yaml = String::from("title: Laughs\na0: &a0 [x, y]\n");
        for level in 1..levels {
            let items = vec![format!("*a{}", level - 1); width].join(", ");
            yaml.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        format!("---\n{yaml}n: {noise}\n---\n\n# Body\n\nThe text.\n")
    })
}

const SVG_HREFS: &[&str] = &[
    "/dev/zero",
    "/dev/stdin",
    "/etc/passwd",
    "../../../../etc/hostname",
    "file:///dev/zero",
    "https://example.org/a.png",
    "pic.svg",
    "./pic.png",
    "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'><image href='/dev/zero'/></svg>",
    "",
];

/// SVG with nested groups, `<use>` and `<image>`s naming files anywhere.
fn svg_picture() -> impl Strategy<Value = String> {
    (
        0..200usize,
        proptest::collection::vec(proptest::sample::select(SVG_HREFS), 0..6),
        1..4_000u32,
        "[a-z0-9 #=\"<>/.-]{0,40}",
    )
        .prop_map(|(depth, hrefs, size, noise)| {
            let mut svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{size}" height="{size}"><defs><rect id="r" width="5" height="5"/></defs>"#
            );
            svg.push_str(&"<g>".repeat(depth));
            for href in &hrefs {
                svg.push_str(&format!(
                    r##"<image href="{href}" xlink:href="{href}" width="10" height="10"/><use href="#r"/>"##
                ));
            }
            svg.push_str(&noise);
            svg.push_str(&"</g>".repeat(depth));
            svg.push_str("</svg>");
            svg
        })
}

/// A minimal EPUB around a chapter.
fn epub_around(chapter: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    let files = [
        ("mimetype", "application/epub+zip".to_owned()),
        (
            "META-INF/container.xml",
            r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#.to_owned(),
        ),
        (
            "content.opf",
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></metadata><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>"#.to_owned(),
        ),
        ("c.xhtml", chapter.to_owned()),
    ];
    for (name, text) in files {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip");
    out.into_inner()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_through_every_importer(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        for name in ["a.txt", "a.md", "a.html", "a.epub", "a"] {
            import_bounded(&bytes, name)?;
        }
    }

    #[test]
    fn nested_html_of_any_depth(html in nested_markup()) {
        import_bounded(html.as_bytes(), "a.html")?;
    }

    #[test]
    fn nested_markdown_of_any_depth(markdown in nested_markdown()) {
        import_bounded(markdown.as_bytes(), "a.md")?;
    }

    #[test]
    fn epub_chapters_of_any_depth(html in nested_markup()) {
        import_bounded(&epub_around(&html), "a.epub")?;
    }

    #[test]
    fn front_matter_aliases_never_expand_without_bound(markdown in front_matter_with_aliases()) {
        import_bounded(markdown.as_bytes(), "a.md")?;
    }

    #[test]
    fn svg_pictures_read_only_beside_them_in_bounded_time(svg in svg_picture(), as_file in any::<bool>()) {
        let started = Instant::now();
        let source = if as_file {
            let dir = tempfile::tempdir().expect("temp folder");
            let path = dir.path().join("picture.svg");
            std::fs::write(&path, &svg).expect("write the picture");
            let _ = decode_picture(&PictureSource::File(path), 800);
            None
        } else {
            Some(PictureSource::Bytes(std::sync::Arc::from(svg.as_bytes())))
        };
        if let Some(source) = source {
            let _ = decode_picture(&source, 800);
        }
        prop_assert!(started.elapsed() < CASE_LIMIT, "{:?}", started.elapsed());
    }

    #[test]
    fn random_sidecars(bytes in proptest::collection::vec(any::<u8>(), 0..2_000), ron in "[()\\[\\]a-z:,\" 0-9{}]{0,400}") {
        let started = Instant::now();
        let _ = parse_sidecar(&bytes, Path::new("a.ron"));
        let _ = parse_sidecar(format!("(format: \"marginalia-annotations\", version: 1, {ron})").as_bytes(), Path::new("b.ron"));
        prop_assert!(started.elapsed() < CASE_LIMIT);
    }
}
