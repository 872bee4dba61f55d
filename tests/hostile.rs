//! Hostile files and hostile use: what real files and real users do to the
//! importers and the store must never crash, hang, lose or misplace a
//! highlight, or lock a user out of their own sidecar.

mod common;

use common::{fifo, highlight, sample_in_temp};

use std::path::{Path, PathBuf};
use std::process::Command;

use marginalia::annotate::{AnchorStatus, Annotation, HighlightColor, IndexedText};
use marginalia::import::{ImportError, import_bytes, import_path};
use marginalia::store::{
    AnnotationStore, SidecarLocation, StoreError, StoreMode, StoreNotice, read_sidecar,
    sidecar_to_string,
};

fn sidecar_of(article: &Path) -> PathBuf {
    marginalia::store::sidecar_path_beside(article)
}

/// The note of annotation `id` in the article's sidecar on disk.
fn saved_note(article: &Path, id: uuid::Uuid) -> String {
    let saved = read_sidecar(&sidecar_of(article)).unwrap().unwrap();
    saved.set.get(id).unwrap().note.clone()
}

fn marginalia(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .expect("run marginalia")
}

// 1. Deeply nested HTML.

#[test]
fn fifty_thousand_nested_spans_import_without_overflow() {
    let html = format!(
        "<html><body><p>{}deep text{}</p></body></html>",
        "<span>".repeat(50_000),
        "</span>".repeat(50_000)
    );
    let document = import_bytes(html.as_bytes(), Some(Path::new("deep.html"))).unwrap();
    assert!(document.text().contains("deep text"), "{}", document.text());
}

#[test]
fn deeply_nested_blocks_keep_their_text() {
    for tag in ["div", "blockquote", "ul", "em", "li", "table"] {
        let html = format!(
            "<html><body>{}<p>inner words</p>{}</body></html>",
            format!("<{tag}>").repeat(30_000),
            format!("</{tag}>").repeat(30_000)
        );
        let document = import_bytes(html.as_bytes(), Some(Path::new("deep.html"))).unwrap();
        assert!(document.text().contains("inner words"), "{tag}");
    }
}

#[test]
fn a_deep_chapter_in_an_epub_imports() {
    let chapter = format!(
        "<html><body>{}<p>chapter words</p>{}</body></html>",
        "<div>".repeat(40_000),
        "</div>".repeat(40_000)
    );
    let epub = epub_with_chapter(chapter.as_bytes(), None);
    let document = import_bytes(&epub, Some(Path::new("deep.epub"))).unwrap();
    assert!(document.text().contains("chapter words"));
}

// 2. ZIP bombs.

/// A minimal EPUB; `container` replaces its container.xml when given.
fn epub_with_chapter(chapter: &[u8], container: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write as _;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/epub+zip").unwrap();
    zip.start_file("META-INF/container.xml", deflated).unwrap();
    zip.write_all(container.unwrap_or(
        br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#,
    ))
    .unwrap();
    zip.start_file("content.opf", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Test</dc:title></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>"#).unwrap();
    zip.start_file("c1.xhtml", deflated).unwrap();
    zip.write_all(chapter).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn an_epub_chapter_that_inflates_past_the_limit_is_refused_by_name() {
    let mut chapter = b"<html><body><p>hello</p>".to_vec();
    chapter.resize(65 * 1024 * 1024, b' ');
    chapter.extend_from_slice(b"</body></html>");
    let epub = epub_with_chapter(&chapter, None);
    assert!(epub.len() < 1024 * 1024, "a bomb: small packed");
    let error = import_bytes(&epub, Some(Path::new("/books/bomb.epub"))).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ImportError::BadEpub { .. }), "{message}");
    assert!(
        message.contains("/books/bomb.epub") && message.contains("c1.xhtml"),
        "{message}"
    );
}

#[test]
fn a_container_bomb_is_refused_by_name() {
    let mut container = b"<?xml version=\"1.0\"?><container>".to_vec();
    container.resize(65 * 1024 * 1024, b' ');
    let epub = epub_with_chapter(b"<html><body><p>x</p></body></html>", Some(&container));
    let message = import_bytes(&epub, Some(Path::new("bomb.epub")))
        .unwrap_err()
        .to_string();
    assert!(message.contains("META-INF/container.xml"), "{message}");
}

#[test]
fn a_deeply_nested_package_file_is_refused() {
    let container = format!(
        "<container>{}{}</container>",
        "<a>".repeat(5_000),
        "</a>".repeat(5_000)
    );
    let epub = epub_with_chapter(
        b"<html><body><p>x</p></body></html>",
        Some(container.as_bytes()),
    );
    let message = import_bytes(&epub, Some(Path::new("deep.epub")))
        .unwrap_err()
        .to_string();
    assert!(message.contains("nested"), "{message}");
}

// 3. Non-regular files.

#[cfg(unix)]
#[test]
fn a_fifo_as_article_json_or_sidecar_is_refused_not_waited_on() {
    let (dir, article, _document) = sample_in_temp();
    let pipe = dir.path().join("pipe.txt");
    fifo(&pipe);
    let error = import_path(&pipe).unwrap_err();
    assert!(matches!(error, ImportError::NotAFile { .. }), "{error}");
    assert!(error.to_string().contains("pipe.txt"));

    let json = dir.path().join("pipe.json");
    fifo(&json);
    let output = marginalia(&["import", article.to_str().unwrap(), json.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a regular file"));

    fifo(&sidecar_of(&article));
    let document = import_path(&article).unwrap();
    let store = AnnotationStore::open(&article, &document);
    let StoreMode::ReadOnly { problem } = store.mode() else {
        panic!("a FIFO sidecar: {:?}", store.mode());
    };
    assert!(
        matches!(&**problem, StoreError::NotAFile { path } if *path == sidecar_of(&article)),
        "{problem}"
    );
    assert!(
        problem.to_string().contains("not a regular file"),
        "{problem}"
    );
}

// 10. Duplicate ids.

#[test]
fn two_annotations_with_one_id_are_both_kept() {
    let (_dir, article, document) = sample_in_temp();
    let first = highlight(&document, "Cold War");
    let mut second = highlight(&document, "Crimea");
    second.id = first.id;
    second.note = "the second one's note".into();
    let mut one = marginalia::store::AnnotationSet::default();
    one.upsert(first.clone());
    let mut two = marginalia::store::AnnotationSet::default();
    two.upsert(second.clone());
    let info = marginalia::store::DocumentInfo::of(&document, "kerry-lavrov-meeting.txt");
    // A sidecar holding both (as a hand edit or a bad merge tool leaves it).
    let text_one = sidecar_to_string(&info, &one);
    let text_two = sidecar_to_string(&info, &two);
    let record_two = &text_two[text_two.find("annotations: [").unwrap() + 14
        ..text_two.find("],\n    tombstones").unwrap()];
    let both = text_one.replacen("annotations: [", &format!("annotations: [{record_two}"), 1);
    std::fs::write(sidecar_of(&article), both).unwrap();

    let mut store = AnnotationStore::open(&article, &document);
    assert_eq!(store.len(), 2, "both kept");
    assert!(
        store
            .set()
            .iter()
            .any(|a| a.note == "the second one's note")
    );
    assert!(matches!(
        store.notices(),
        [StoreNotice::SharedIds { count: 1, .. }]
    ));
    store.save_now(&document).unwrap();
    let saved = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    assert_eq!(saved.set.len(), 2, "both saved, each under its own id");
    assert!(saved.renamed.is_empty());
}

// 13. A byte order mark and CRLF line ends.

#[test]
fn a_sidecar_with_a_bom_and_crlf_reads() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    let sidecar = sidecar_of(&article);
    let text = std::fs::read_to_string(&sidecar).unwrap();
    std::fs::write(&sidecar, format!("\u{FEFF}{}", text.replace('\n', "\r\n"))).unwrap();
    let store = AnnotationStore::open(&article, &document);
    assert!(store.mode().is_normal(), "{:?}", store.mode());
    assert_eq!(store.len(), 1);
}

// 14. Recovery annotations come back.

#[test]
fn annotations_in_the_recovery_file_come_back_when_the_sidecar_is_fixed() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    let sidecar = sidecar_of(&article);
    let good = std::fs::read_to_string(&sidecar).unwrap();
    std::fs::write(&sidecar, "broken by hand").unwrap();
    let mut broken = AnnotationStore::open(&article, &document);
    assert!(matches!(broken.mode(), StoreMode::Recovery { .. }));
    broken.add(highlight(&document, "Crimea"));
    broken.save_now(&document).unwrap();
    let recovery = SidecarLocation {
        path: sidecar.clone(),
        beside_article: true,
    }
    .recovery_path();
    assert!(recovery.exists());

    std::fs::write(&sidecar, good).unwrap(); // Fixed by hand.
    let mut fixed = AnnotationStore::open(&article, &document);
    assert!(fixed.mode().is_normal(), "{:?}", fixed.mode());
    assert_eq!(fixed.len(), 2, "the recovered highlight is back");
    assert!(matches!(
        fixed.notices(),
        [StoreNotice::RecoveryAdopted { count: 1, .. }]
    ));
    fixed.save_now(&document).unwrap();
    assert_eq!(read_sidecar(&sidecar).unwrap().unwrap().set.len(), 2);
    assert!(
        !recovery.exists(),
        "the recovery file goes once its annotations are saved"
    );
}

// A newer version: read-only, but it still exports.

#[test]
fn a_newer_sidecar_opens_read_only_and_still_exports() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    let sidecar = sidecar_of(&article);
    let text = std::fs::read_to_string(&sidecar)
        .unwrap()
        .replace("version: 1,", "version: 2,");
    std::fs::write(&sidecar, &text).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    assert!(matches!(store.mode(), StoreMode::ReadOnly { .. }));
    assert_eq!(store.len(), 1, "its annotations are shown");
    store.add(highlight(&document, "Crimea"));
    assert!(store.save_now(&document).is_err(), "never written");
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), text);
    let output = marginalia(&["export", article.to_str().unwrap(), "--format", "markdown"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("> Cold War"));
}

// 4. Imports never overwrite with older or undated words.

fn w3c_item(
    id: Option<&str>,
    quote: &str,
    note: &str,
    modified: Option<&str>,
) -> serde_json::Value {
    let mut item = serde_json::json!({
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": note, "purpose": "commenting"}],
        "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": quote}},
    });
    if let Some(id) = id {
        item["id"] = serde_json::json!(id);
    }
    if let Some(modified) = modified {
        item["created"] = serde_json::json!(modified);
        item["modified"] = serde_json::json!(modified);
    }
    item
}

fn import_json(article: &Path, items: Vec<serde_json::Value>) -> String {
    let json = article.with_file_name("import.json");
    std::fs::write(&json, serde_json::to_string(&items).unwrap()).unwrap();
    let output = marginalia(&["import", article.to_str().unwrap(), json.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn an_undated_import_with_a_local_id_keeps_both_and_says_so() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    let mut mine = highlight(&document, "Cold War");
    mine.note = "my own note".into();
    store.add(mine.clone());
    store.save_now(&document).unwrap();
    let items = vec![w3c_item(
        Some(&format!("urn:uuid:{}", mine.id)),
        "Crimea",
        "theirs",
        None,
    )];
    let said = import_json(&article, items.clone());
    assert!(said.contains("both are kept"), "{said}");
    let saved = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    assert_eq!(
        saved.set.get(mine.id).unwrap().note,
        "my own note",
        "never replaced"
    );
    assert_eq!(saved.set.len(), 2);
    assert!(saved.set.iter().any(|a| a.note == "theirs"));
    let again = import_json(&article, items);
    assert!(again.contains("0 new, 0 updated, 1 unchanged"), "{again}");
    assert_eq!(
        read_sidecar(&sidecar_of(&article))
            .unwrap()
            .unwrap()
            .set
            .len(),
        2
    );
}

#[test]
fn an_older_import_never_replaces_and_a_newer_one_updates() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    let mine = highlight(&document, "Cold War");
    store.add(mine.clone());
    store.save_now(&document).unwrap();
    let id = format!("urn:uuid:{}", mine.id);
    let older = import_json(
        &article,
        vec![w3c_item(
            Some(&id),
            "Cold War",
            "old",
            Some("2001-01-01T00:00:00Z"),
        )],
    );
    assert!(older.contains("both are kept"), "{older}");
    assert_eq!(saved_note(&article, mine.id), "");
    let newer = import_json(
        &article,
        vec![w3c_item(
            Some(&id),
            "Cold War",
            "new",
            Some("2099-01-01T00:00:00Z"),
        )],
    );
    assert!(newer.contains("1 updated"), "{newer}");
    assert_eq!(saved_note(&article, mine.id), "new");
}

#[test]
fn an_undated_import_does_not_undo_a_deletion() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    let gone = highlight(&document, "Cold War");
    store.add(gone.clone());
    store.delete(gone.id);
    store.save_now(&document).unwrap();
    let said = import_json(
        &article,
        vec![w3c_item(Some(&gone.id.to_string()), "Cold War", "", None)],
    );
    assert!(said.contains("stay deleted"), "{said}");
    assert!(
        read_sidecar(&sidecar_of(&article))
            .unwrap()
            .unwrap()
            .set
            .is_empty()
    );
}

#[test]
fn annotations_without_ids_import_once_and_bad_items_are_named() {
    let (_dir, article, _document) = sample_in_temp();
    let items = vec![
        w3c_item(None, "Cold War", "a", None),
        serde_json::json!({"type": "Annotation", "body": "no target at all"}),
        w3c_item(None, "Crimea", "b", None),
    ];
    let first = import_json(&article, items.clone());
    assert!(
        first.contains("2 new") && first.contains("Item 1 was skipped"),
        "{first}"
    );
    let second = import_json(&article, items);
    assert!(second.contains("0 new, 0 updated, 2 unchanged"), "{second}");
    assert_eq!(
        read_sidecar(&sidecar_of(&article))
            .unwrap()
            .unwrap()
            .set
            .len(),
        2
    );
}

// 5. An export never overwrites the article, its sidecar or a stranger.

#[test]
fn export_refuses_to_write_over_the_article_its_sidecar_or_another_file() {
    let (dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    let sidecar = sidecar_of(&article);
    let before = (
        std::fs::read(&article).unwrap(),
        std::fs::read(&sidecar).unwrap(),
    );
    let a = article.to_str().unwrap();
    for target in [
        article.clone(),
        sidecar.clone(),
        dir.path().join("./kerry-lavrov-meeting.txt"),
    ] {
        let output = marginalia(&["export", a, "-o", target.to_str().unwrap()]);
        assert!(!output.status.success(), "{}", target.display());
        assert!(String::from_utf8_lossy(&output.stderr).contains("never writes there"));
    }
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "my own notes, not an export").unwrap();
    let output = marginalia(&["export", a, "-o", notes.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "my own notes, not an export"
    );
    let digest = dir.path().join("digest.md");
    for _ in 0..2 {
        let output = marginalia(&["export", a, "-o", digest.to_str().unwrap()]);
        assert!(output.status.success(), "an earlier export may be replaced");
    }
    let output = marginalia(&["export", a, "-o", notes.to_str().unwrap(), "--force"]);
    assert!(output.status.success());
    assert_eq!(
        (
            std::fs::read(&article).unwrap(),
            std::fs::read(&sidecar).unwrap()
        ),
        before
    );
}

// 8. Nothing is written that a read would refuse.

#[test]
fn a_sidecar_too_large_to_read_is_never_written() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    let sidecar = sidecar_of(&article);
    let readable = std::fs::read(&sidecar).unwrap();
    for i in 0..65 {
        let mut big = highlight(&document, "Crimea");
        big.note = format!("{i} {}", "x".repeat(1024 * 1024));
        store.add(big);
    }
    let error = store.save_now(&document).unwrap_err();
    assert!(error.to_string().contains("nothing was written"), "{error}");
    assert_eq!(std::fs::read(&sidecar).unwrap(), readable);
    assert!(read_sidecar(&sidecar).is_ok());
}

#[test]
fn an_import_with_a_huge_note_skips_it_and_keeps_the_sidecar_readable() {
    let (_dir, article, _document) = sample_in_temp();
    let huge = "n".repeat(2 * 1024 * 1024);
    let said = import_json(
        &article,
        vec![
            w3c_item(None, "Cold War", &huge, None),
            w3c_item(None, "Crimea", "small", None),
        ],
    );
    assert!(
        said.contains("Item 0 was skipped: its note is over 1 MiB"),
        "{said}"
    );
    assert_eq!(
        read_sidecar(&sidecar_of(&article))
            .unwrap()
            .unwrap()
            .set
            .len(),
        1
    );
}

// 6. A short quote whose paragraph is deleted is not moved into other words.

#[test]
fn one_word_highlights_of_a_deleted_paragraph_never_land_inside_other_words() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("note.txt");
    let first = "At the end of talks the men spoke of an ending.";
    let rest =
        "A friendly weekend followed, and the tender was sent.\n\nThey said the end was near.";
    std::fs::write(&article, format!("Title\n\n{first}\n\n{rest}\n")).unwrap();
    let document = import_path(&article).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    let words = ["end", "men", "an", "talks", "spoke"];
    let ids: Vec<_> = words
        .iter()
        .map(|word| {
            let text = IndexedText::new(document.text());
            let byte = document.text().find(first).unwrap()
                + first.find(&format!(" {word} ")).unwrap()
                + 1;
            let start = text.char_of(byte);
            let a = Annotation::new(
                &text,
                start..start + word.chars().count(),
                HighlightColor::Yellow,
            );
            store.add(a.clone());
            a.id
        })
        .collect();
    store.save_now(&document).unwrap();
    std::fs::write(&article, format!("Title\n\n{rest}\n")).unwrap();
    let edited = import_path(&article).unwrap();
    let store = AnnotationStore::open(&article, &edited);
    let text = IndexedText::new(edited.text());
    for (id, word) in ids.iter().zip(words) {
        let resolution = store.resolution(*id).unwrap();
        if let Some(range) = &resolution.range {
            let before = text.slice(range.start.saturating_sub(1)..range.start);
            let after = text.slice(range.end..range.end + 1);
            assert!(
                !before.chars().any(char::is_alphanumeric)
                    && !after.chars().any(char::is_alphanumeric),
                "{word} moved inside a word: {resolution:?}"
            );
        }
    }
    assert_eq!(
        store.status(ids[0]),
        AnchorStatus::Orphaned,
        "\"end\" is not unique: orphaned"
    );
    assert_eq!(
        store.status(ids[1]),
        AnchorStatus::Orphaned,
        "never into \"tender\" or \"men\""
    );
}

// 7. A fuzzy match carries where it was found.

#[test]
fn a_fuzzy_match_exports_and_saves_the_offsets_where_it_was_found() {
    let (_dir, article, document) = sample_in_temp();
    let quote = "it needed to know Moscow would engage seriously on a diplomatic solution";
    let mut store = AnnotationStore::open(&article, &document);
    let annotation = highlight(&document, quote);
    store.add(annotation.clone());
    store.save_now(&document).unwrap();
    let original = std::fs::read_to_string(&article).unwrap();
    let edited = format!("Editor's note: updated.\n\n{}", original)
        .replace("engage seriously", "engage earnestly");
    std::fs::write(&article, edited).unwrap();
    let document = import_path(&article).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    let resolution = store.resolution(annotation.id).unwrap().clone();
    assert!(
        matches!(resolution.status, AnchorStatus::Fuzzy { .. }),
        "{resolution:?}"
    );
    let range = resolution.range.clone().unwrap();
    let output = marginalia(&["export", article.to_str().unwrap(), "--format", "w3c"]);
    let page: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let selectors = &page["items"][0]["target"]["selector"];
    assert_eq!(selectors[1]["start"], range.start, "{selectors}");
    assert_eq!(selectors[1]["end"], range.end);
    assert_eq!(selectors[0]["exact"], quote, "the user's own words stay");
    store.add(highlight(&document, "Cold War")); // Any change: the next save.
    store.save_now(&document).unwrap();
    let saved = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    let kept = saved.set.get(annotation.id).unwrap();
    assert_eq!(
        (kept.anchor.start_char, kept.anchor.end_char),
        (range.start, range.end)
    );
    assert_eq!(kept.anchor.exact, quote);
}

// 9. Fields from a newer version survive a save by this one.

#[test]
fn unknown_fields_of_annotations_and_of_the_file_are_kept() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    let mine = highlight(&document, "Cold War");
    store.add(mine.clone());
    store.save_now(&document).unwrap();
    let sidecar = sidecar_of(&article);
    let text = std::fs::read_to_string(&sidecar).unwrap();
    let from_the_future = text
        .replacen(
            "            tags: [],\n",
            "            tags: [],\n            glow: (level: 3, kind: bright),\n            voice: Some(\"read aloud\"),\n",
            1,
        )
        .replacen("    tombstones: [],\n", "    tombstones: [],\n    reading_time: 42,\n", 1);
    assert_ne!(from_the_future, text);
    std::fs::write(&sidecar, &from_the_future).unwrap();

    let mut store = AnnotationStore::open(&article, &document);
    assert!(store.mode().is_normal(), "{:?}", store.mode());
    assert!(store.update(mine.id, |a| a.note = "edited here".into()));
    store.add(highlight(&document, "Crimea"));
    store.save_now(&document).unwrap();
    let saved = std::fs::read_to_string(&sidecar).unwrap();
    assert!(saved.contains("glow: (level: 3, kind: bright),"), "{saved}");
    assert!(saved.contains("voice: Some(\"read aloud\"),"), "{saved}");
    assert!(saved.contains("reading_time: 42,"), "{saved}");
    assert!(saved.contains("edited here"));
    let back = read_sidecar(&sidecar).unwrap().unwrap();
    assert_eq!(back.set.len(), 2);
    assert_eq!(back.set.get(mine.id).unwrap().unknown_fields.len(), 2);
}

// Smaller ones.

#[test]
fn an_os_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Text.").unwrap();
    let output = marginalia(&["import", article.to_str().unwrap(), "/nowhere/a.json"]);
    let json_said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(json_said.matches("os error").count(), 1, "{json_said}");
    assert!(json_said.contains("/nowhere/a.json"), "{json_said}");
}

#[cfg(unix)]
#[test]
fn an_article_opened_through_a_link_keeps_the_sidecar_beside_the_link() {
    let (dir, article, document) = sample_in_temp();
    let links = dir.path().join("links");
    std::fs::create_dir(&links).unwrap();
    let link = links.join("my-article.txt");
    std::os::unix::fs::symlink(&article, &link).unwrap();
    let beside_link = links.join("my-article.txt.annotations.ron");
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    std::fs::copy(sidecar_of(&article), &beside_link).unwrap();
    std::fs::remove_file(sidecar_of(&article)).unwrap();
    let store = AnnotationStore::open(&link, &document);
    assert_eq!(store.location().path, beside_link);
    assert_eq!(store.len(), 1);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_that_holds_a_sidecar_still_takes_highlights_and_they_come_back() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    let article = folder.join("kerry-lavrov-meeting.txt");
    std::fs::copy(common::sample_article(), &article).unwrap();
    let document = import_path(&article).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    let sidecar = sidecar_of(&article);
    let before = std::fs::read(&sidecar).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let json = dir.path().join("h.json");
    std::fs::write(
        &json,
        serde_json::to_string(&vec![w3c_item(None, "Crimea", "new", None)]).unwrap(),
    )
    .unwrap();
    for path in [dir.path(), &data] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(&json, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&sidecar, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let import = |as_nobody: bool| {
        common::marginalia_as(as_nobody)
            .args(["import", article.to_str().unwrap(), json.to_str().unwrap()])
            .env("MARGINALIA_DATA_DIR", &data)
            .output()
            .unwrap()
    };
    let output = import(true);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read(&sidecar).unwrap(),
        before,
        "the sidecar it cannot write is untouched"
    );
    let copies: Vec<PathBuf> = std::fs::read_dir(data.join("sidecars"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".annotations.ron"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(
        read_sidecar(&copies[0]).unwrap().unwrap().set.len(),
        2,
        "old and new together"
    );

    // Writable again: the data folder's copy is merged back and removed.
    let output = import(false);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(read_sidecar(&sidecar).unwrap().unwrap().set.len(), 2);
    assert!(!copies[0].exists());
}

#[test]
fn a_table_cell_longer_than_any_padding_imports() {
    let cell = "word ".repeat(14_000);
    let html = format!(
        "<html><body><table><tr><td>{cell}</td><td>b</td></tr><tr><td>a</td><td>c</td></tr></table></body></html>"
    );
    let document = import_bytes(html.as_bytes(), Some(Path::new("wide.html"))).unwrap();
    assert!(
        document.text().len() < html.len() * 2,
        "no padding to the long cell"
    );
    let markdown = format!("| {cell} | b |\n| --- | --- |\n| a | c |\n");
    let document = import_bytes(markdown.as_bytes(), Some(Path::new("wide.md"))).unwrap();
    assert!(document.text().contains("word word"));
}
