//! Markdown, HTML and EPUB on real files from ../shared/corpus (read in
//! place), sniffing, and annotations surviving a re-import in every format.

mod common;

use marginalia::annotate::{AnchorStatus, Annotation, HighlightColor, IndexedText};
use marginalia::document::{BlockKind, Format, InlineStyle};
use marginalia::import::{ImportError, import_bytes, import_path};
use marginalia::store::AnnotationStore;
use proptest::prelude::*;

#[test]
fn markdown_posts_have_front_matter_metadata_and_no_syntax_left() {
    for path in common::corpus_files("markdown") {
        let document = import_path(&path).unwrap();
        let name = path.display();
        assert_eq!(document.format, Format::Markdown, "{name}");
        let source = std::fs::read_to_string(&path).unwrap();
        let title_line = source.lines().find(|l| l.starts_with("title")).unwrap();
        let title = title_line
            .split_once('=')
            .unwrap()
            .1
            .trim()
            .trim_matches(['"', '\'']);
        assert_eq!(document.metadata.title.as_deref(), Some(title), "{name}");
        assert!(document.metadata.byline.is_some(), "{name}");
        assert_eq!(document.blocks()[0].kind, BlockKind::Title, "{name}");
        assert!(
            !document.text().contains("+++"),
            "{name}: front matter shown"
        );
        for (i, block) in document.blocks().iter().enumerate() {
            if block.kind == BlockKind::Code {
                continue;
            }
            let text = document.block_text(i);
            for syntax in ["](", "**", "```", "\n#", "<a href", "<img"] {
                assert!(
                    !text.contains(syntax),
                    "{name}: {syntax:?} left in {text:?}"
                );
            }
            assert!(
                !text.starts_with("# ") && !text.starts_with("- "),
                "{name}: {text:?}"
            );
        }
    }
}

#[test]
fn saved_web_pages_open_as_articles() {
    for page in std::fs::read_dir(common::corpus_dir().join("html")).unwrap() {
        let source = page.unwrap().path().join("source.html");
        let document = import_path(&source).unwrap();
        assert_eq!(document.format, Format::Html, "{}", source.display());
        assert!(document.metadata.title.is_some(), "{}", source.display());
        assert!(document.char_count() > 500, "{}", source.display());
        assert!(!document.text().contains("<script"), "{}", source.display());
    }
}

#[test]
fn epub_chapters_in_spine_order_with_contents_headings() {
    let alice = import_path(&common::corpus_file("epub/alice.epub")).unwrap();
    assert_eq!(alice.format, Format::Epub);
    assert_eq!(
        alice.metadata.title.as_deref(),
        Some("Alice's Adventures in Wonderland")
    );
    assert_eq!(alice.metadata.byline.as_deref(), Some("Lewis Carroll"));
    let headings: Vec<&str> = alice
        .blocks()
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Heading { .. }))
        .map(|(i, _)| alice.block_text(i))
        .collect();
    let first = headings
        .iter()
        .position(|h| h.contains("DOWN THE RABBIT-HOLE"))
        .unwrap();
    let second = headings
        .iter()
        .position(|h| h.contains("THE POOL OF TEARS"))
        .unwrap();
    let last = headings
        .iter()
        .position(|h| h.contains("ALICE'S EVIDENCE"))
        .unwrap();
    assert!(first < second && second < last, "{headings:?}");
    assert!(
        alice
            .text()
            .contains("Alice was beginning to get very tired of sitting by her sister")
    );

    let daisy = import_path(&common::corpus_file("epub/fatbf.epub")).unwrap();
    assert!(
        daisy
            .blocks()
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .count()
            >= 10
    );

    let broken = import_path(&common::corpus_file("epub/alice_broken.epub")).unwrap_err();
    assert!(matches!(broken, ImportError::BadEpub { .. }), "{broken}");
    let message = broken.to_string();
    assert!(
        message.contains("alice_broken.epub") && message.contains("toc.ncx"),
        "{message}"
    );
}

#[test]
fn formats_are_sniffed_from_content_without_an_extension() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("markdown/rustblog-Rust-1.83.0.md", Format::Markdown),
        ("html/bbc-1/source.html", Format::Html),
        ("epub/alice.epub", Format::Epub),
        ("text/bbc-tech-001.txt", Format::Text),
    ];
    for (i, (relative, format)) in cases.into_iter().enumerate() {
        let bytes = std::fs::read(common::corpus_file(relative)).unwrap();
        let unnamed = dir.path().join(format!("download-{i}"));
        std::fs::write(&unnamed, &bytes).unwrap();
        assert_eq!(import_path(&unnamed).unwrap().format, format, "{relative}");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
            .args(["inspect", unnamed.to_str().unwrap()])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["format"], format.name(), "{relative}");
    }
}

/// Highlights made in one version of an article anchor in a re-import of an
/// edited copy, whatever the format.
#[test]
fn annotations_survive_a_reimport_in_markdown_and_html() {
    for (relative, quote, edit) in [
        (
            "markdown/rustblog-Rust-1.83.0.md",
            "empowering everyone to build reliable and efficient software",
            ("The Rust team is happy", "The Rust team is very happy"),
        ),
        (
            "html/bbc-1/source.html",
            "common sense gun safety laws",
            ("<title>", "<title>Updated: "),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let source = common::corpus_file(relative);
        let article = dir.path().join(source.file_name().unwrap());
        std::fs::copy(&source, &article).unwrap();
        let document = import_path(&article).unwrap();
        let text = IndexedText::new(document.text());
        let byte = document
            .text()
            .find(quote)
            .unwrap_or_else(|| panic!("{quote:?} in {relative}"));
        let start = text.char_of(byte);
        let annotation = Annotation::new(
            &text,
            start..start + quote.chars().count(),
            HighlightColor::Pink,
        );
        let mut store = AnnotationStore::open(&article, &document);
        store.add(annotation.clone());
        store.save_now(&document).unwrap();

        let original = std::fs::read_to_string(&article).unwrap();
        assert!(original.contains(edit.0), "{relative}");
        std::fs::write(&article, original.replacen(edit.0, edit.1, 1)).unwrap();
        let edited = import_path(&article).unwrap();
        let reopened = AnnotationStore::open(&article, &edited);
        let status = reopened.status(annotation.id);
        assert!(
            matches!(status, AnchorStatus::Anchored | AnchorStatus::Moved),
            "{relative}: {status:?}"
        );
        let range = reopened
            .resolution(annotation.id)
            .unwrap()
            .range
            .clone()
            .unwrap();
        assert_eq!(
            IndexedText::new(edited.text()).slice(range),
            quote,
            "{relative}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic_any_importer(
        bytes in proptest::collection::vec(any::<u8>(), 0..2_000),
        name in prop_oneof![Just("a.txt"), Just("a.md"), Just("a.html"), Just("a.epub"), Just("a")],
    ) {
        let _ = import_bytes(&bytes, Some(std::path::Path::new(name)));
    }

    #[test]
    fn markup_shaped_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>"), Just("</p>"), Just("<ul><li>"), Just("</li></ul>"), Just("<table><tr><td>"),
                Just("<pre>"), Just("<h1>"), Just("<a href='x'>"), Just("</a>"), Just("<br>"),
                Just("# "), Just("\n\n"), Just("- "), Just("1. "), Just("| a | b |\n|---|---|\n"),
                Just("```\n"), Just("> "), Just("**"), Just("[x](y)"), Just("+++\ntitle = 1\n+++\n"),
                Just("word "), Just("é"), Just("&amp;"),
            ],
            0..60,
        ),
        name in prop_oneof![Just("a.md"), Just("a.html")],
    ) {
        let text: String = parts.concat();
        let _ = import_bytes(text.as_bytes(), Some(std::path::Path::new(name)));
    }
}

#[test]
fn a_zip_that_is_not_an_epub_is_refused_by_name() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(&[0; 40]);
    let error = import_bytes(&bytes, Some(std::path::Path::new("archive.zip"))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "archive.zip: is a ZIP archive file, which Marginalia cannot open yet"
    );
}

#[test]
fn an_epubs_gutenberg_licence_is_furniture() {
    let alice = import_path(&common::corpus_dir().join("epub/alice.epub")).unwrap();
    let kind_of = |needle: &str| {
        (0..alice.blocks().len())
            .find(|&i| alice.block_text(i).contains(needle))
            .map(|i| alice.blocks()[i].kind)
    };
    assert_eq!(
        kind_of("*** START OF THIS PROJECT GUTENBERG EBOOK"),
        Some(BlockKind::Furniture)
    );
    assert_eq!(
        kind_of("End of the Project Gutenberg EBook"),
        Some(BlockKind::Furniture)
    );
    assert_eq!(
        kind_of("Alice was beginning to get very tired"),
        Some(BlockKind::Paragraph),
        "the book itself is not"
    );
}

#[test]
fn an_epubs_title_is_not_repeated_by_a_chapter_heading() {
    let alice = import_path(&common::corpus_dir().join("epub/alice.epub")).unwrap();
    let title = alice.metadata.title.clone().unwrap();
    let repeats: Vec<&str> = (0..alice.blocks().len())
        .filter(|&i| matches!(alice.blocks()[i].kind, BlockKind::Heading { .. }))
        .map(|i| alice.block_text(i))
        .filter(|heading| {
            let words = |s: &str| {
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            };
            words(heading) == words(&title)
        })
        .collect();
    assert!(repeats.is_empty(), "{title:?} shown again as {repeats:?}");
}

/// A README as they are written: an `<h1>` with a logo, a centred tagline,
/// a numbered list with an explanation, `<kbd>`, `<details>`, an HTML table,
/// a comment, a script and a style (tests/fixtures/readme_with_html.md).
#[test]
fn a_readme_with_html_reads_as_a_browser_shows_it() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readme_with_html.md");
    let document = import_path(&path).unwrap();
    let blocks: Vec<(BlockKind, &str)> = (0..document.blocks().len())
        .map(|i| (document.blocks()[i].kind, document.block_text(i)))
        .collect();
    assert_eq!(document.metadata.title.as_deref(), Some("Ripgrep Plus"));
    assert!(
        matches!(blocks[0].0, BlockKind::Figure { .. }),
        "{blocks:?}"
    );
    assert_eq!(
        document.picture_of(0).map(|p| p.source.is_readable()),
        Some(true),
        "the logo beside the file"
    );
    assert_eq!(blocks[1], (BlockKind::Title, "Ripgrep Plus"));
    for hidden in ["<", "maintainers", "never shown", "color: red"] {
        assert!(
            !document.text().contains(hidden),
            "{hidden:?} shown: {blocks:?}"
        );
    }
    let numbered: Vec<(Option<i32>, &str)> = blocks
        .iter()
        .filter(|(kind, _)| matches!(kind, BlockKind::ListItem { .. }))
        .map(|(kind, text)| (kind.list_number().map(|n| n.value), *text))
        .collect();
    assert_eq!(
        numbered,
        [
            (Some(1), "Install Rust."),
            (
                None,
                "The toolchain comes with cargo; any recent version works."
            ),
            (Some(2), "Run cargo install ripgrep-plus.")
        ]
    );
    let summary = blocks
        .iter()
        .position(|(_, text)| *text == "What it does not do")
        .expect("the summary, a block of its own");
    assert!(
        document.blocks()[summary]
            .spans
            .iter()
            .any(|s| s.style == InlineStyle::Strong),
        "the summary is bold"
    );
    let keys = blocks
        .iter()
        .position(|(_, t)| t.starts_with("Press Ctrl+F"))
        .unwrap();
    assert!(
        document.blocks()[keys]
            .spans
            .iter()
            .any(|s| s.style == InlineStyle::Code)
    );
    assert!(blocks.contains(&(
        BlockKind::Table,
        "Flag\tMeaning\n-i\tIgnore case\n-w\tWhole words only"
    )));
}
