//! The plain-text importer on real articles, read in place from ../shared/corpus.

mod common;

use marginalia::document::{BlockKind, Document};
use marginalia::import::{decode_text, import_path};
use unicode_normalization::UnicodeNormalization as _;

fn words(text: &str) -> Vec<String> {
    text.nfc()
        .collect::<String>()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Every word of the file is in the document, in order.
fn assert_no_word_lost(path: &std::path::Path, document: &Document) {
    let bytes = std::fs::read(path).unwrap();
    let source = decode_text(&bytes).unwrap();
    let expected = words(&source);
    let got = words(document.text());
    if expected != got {
        let at = expected
            .iter()
            .zip(&got)
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(got.len()));
        panic!(
            "{}: words differ at word {at}: expected {:?}, got {:?}",
            path.display(),
            &expected[at..(at + 8).min(expected.len())],
            &got[at..(at + 8).min(got.len())]
        );
    }
}

fn count_kind(document: &Document, kind: BlockKind) -> usize {
    document.blocks().iter().filter(|b| b.kind == kind).count()
}

#[test]
fn bbc_articles_keep_every_word_and_their_first_line_as_title() {
    for path in common::corpus_files("text") {
        let document = import_path(&path).unwrap();
        assert_no_word_lost(&path, &document);
        let source = std::fs::read_to_string(&path).unwrap();
        let first_line = source.lines().next().unwrap().trim();
        assert_eq!(
            document.metadata.title.as_deref(),
            Some(first_line),
            "{}",
            path.display()
        );
        assert_eq!(
            document.blocks()[0].kind,
            BlockKind::Title,
            "{}",
            path.display()
        );
        assert_eq!(count_kind(&document, BlockKind::Title), 1);
        let body =
            count_kind(&document, BlockKind::Paragraph) + count_kind(&document, BlockKind::Quote);
        assert!(body >= 1, "{}: only {body} body paragraphs", path.display());
    }
}

#[test]
fn gutenberg_books_are_joined_into_paragraphs_with_chapter_headings() {
    for (file, chapters, parts) in [
        ("large/pg2600-war-and-peace.txt", 360, 16),
        ("large/pg1399-anna-karenina.txt", 238, 7),
    ] {
        let path = common::corpus_file(file);
        let document = import_path(&path).unwrap();
        assert_no_word_lost(&path, &document);
        let level = |l: u8| count_kind(&document, BlockKind::Heading { level: l });
        assert!(
            level(2) >= chapters,
            "{file}: {} chapter headings",
            level(2)
        );
        assert!(level(1) >= parts, "{file}: {} part headings", level(1));
        // Hard-wrapped lines are joined: nearly all paragraphs are one line.
        let paragraphs: Vec<usize> = document
            .blocks()
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Paragraph)
            .map(|(i, _)| i)
            .collect();
        let multi_line = paragraphs
            .iter()
            .filter(|&&i| document.block_text(i).contains('\n'))
            .count();
        assert!(
            multi_line * 100 < paragraphs.len(),
            "{file}: {multi_line} of {} paragraphs still have line breaks",
            paragraphs.len()
        );
        // Windows-1252 decoded, not mangled.
        assert!(
            !document.text().contains('\u{FFFD}'),
            "{file}: replacement characters"
        );
    }
    let war_and_peace =
        import_path(&common::corpus_file("large/pg2600-war-and-peace.txt")).unwrap();
    assert!(
        war_and_peace
            .text()
            .contains("Anna Pávlovna Schérer, maid of honor")
    );
    assert!(war_and_peace.text().contains(
        "“Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes."
    ));
}

#[test]
fn verse_and_dialogue_keep_their_line_breaks() {
    let path = common::corpus_file("large/tinyshakespeare.txt");
    let document = import_path(&path).unwrap();
    assert_no_word_lost(&path, &document);
    assert_eq!(
        document.block_text(0),
        "First Citizen:\nBefore we proceed any further, hear me speak."
    );
    assert_eq!(count_kind(&document, BlockKind::Heading { level: 1 }), 0);
}

#[test]
fn the_sample_article_keeps_every_word_but_the_repeated_headline() {
    let path = common::sample_article();
    let document = import_path(&path).unwrap();
    let source = std::fs::read_to_string(&path).unwrap();
    let headline = source.lines().next().unwrap();
    let without_repeat = source.replacen(&format!("\n\n{headline}\n"), "\n", 1);
    assert_ne!(without_repeat, source);
    assert_eq!(words(&without_repeat), words(document.text()));
}
