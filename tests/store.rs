//! The annotation store on disk: the golden example, bad sidecars, merges,
//! exports and imports.

mod common;

use common::{highlight, sample_in_temp};

use std::path::{Path, PathBuf};

use marginalia::annotate::{AnchorStatus, HighlightColor, IndexedText};
use marginalia::import::import_path;
use marginalia::store::{
    AnnotationStore, StoreError, StoreMode, annotations_from_json, read_sidecar, w3c_page,
};

#[test]
fn every_example_sidecar_loads_and_anchors() {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("annotations/examples");
    let mut checked = 0;
    for version in std::fs::read_dir(&examples).unwrap() {
        let version = version.unwrap().path();
        let example = version.join("kerry-lavrov-meeting.txt.annotations.ron");
        let (_dir, article, document) = sample_in_temp();
        std::fs::copy(
            &example,
            article.with_file_name(example.file_name().unwrap()),
        )
        .unwrap();
        let store = AnnotationStore::open(&article, &document);
        assert!(
            store.mode().is_normal(),
            "{}: {:?}",
            example.display(),
            store.mode()
        );
        assert!(store.len() >= 3, "{}", example.display());
        for (annotation, resolution) in store.annotations() {
            assert_eq!(resolution.status, AnchorStatus::Anchored, "{annotation:?}");
            let range = resolution.range.clone().unwrap();
            let text = IndexedText::new(document.text());
            assert_eq!(text.slice(range), annotation.anchor.exact);
        }
        checked += 1;
    }
    assert!(checked >= 1, "no examples in {}", examples.display());
}

#[test]
fn saves_beside_the_article_only_when_something_changed() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    let sidecar = article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron");
    assert_eq!(store.location().path, sidecar);
    store.save_now(&document).unwrap();
    assert!(!sidecar.exists(), "nothing to save, nothing written");

    let annotation = highlight(&document, "foreign ministers could meet this week");
    store.add(annotation.clone());
    assert!(store.has_unsaved_changes());
    store.save_now(&document).unwrap();
    assert!(!store.has_unsaved_changes());
    let modified = std::fs::metadata(&sidecar).unwrap().modified().unwrap();
    store.save_now(&document).unwrap();
    assert_eq!(
        std::fs::metadata(&sidecar).unwrap().modified().unwrap(),
        modified
    );

    let reopened = AnnotationStore::open(&article, &document);
    assert_eq!(reopened.get(annotation.id), store.get(annotation.id));
    assert_eq!(reopened.get(annotation.id).unwrap().note, annotation.note);
}

#[test]
fn a_corrupt_sidecar_is_never_overwritten_and_new_work_goes_to_recovery() {
    let (_dir, article, document) = sample_in_temp();
    let sidecar = article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron");
    let corrupt =
        "(\n    format: \"marginalia-annotations\",\n    version: 1,\n    document: (oops\n";
    std::fs::write(&sidecar, corrupt).unwrap();

    let mut store = AnnotationStore::open(&article, &document);
    let StoreMode::Recovery { problem, recovery } = store.mode().clone() else {
        panic!("expected recovery mode, got {:?}", store.mode());
    };
    assert!(
        matches!(&*problem, StoreError::Parse { path, line: 4, .. } if *path == sidecar),
        "names the file and the line: {problem:?}"
    );
    assert!(problem.to_string().contains(":4:"), "{problem}");

    let annotation = highlight(&document, "Cold War");
    store.add(annotation.clone());
    store.save_now(&document).unwrap();
    assert_eq!(
        std::fs::read_to_string(&sidecar).unwrap(),
        corrupt,
        "never overwritten"
    );
    let recovered = read_sidecar(&recovery).unwrap().unwrap();
    assert!(recovered.set.get(annotation.id).is_some());

    // The next session sees the recovery file's annotations again.
    let reopened = AnnotationStore::open(&article, &document);
    assert!(reopened.get(annotation.id).is_some());
}

#[test]
fn a_sidecar_that_turns_corrupt_while_open_is_kept_too() {
    let (_dir, article, document) = sample_in_temp();
    let sidecar = article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron");
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    std::fs::write(&sidecar, "garbage from a bad sync").unwrap();
    let annotation = highlight(&document, "White House");
    store.add(annotation.clone());
    assert!(store.save_now(&document).is_err(), "the user is told");
    assert_eq!(
        std::fs::read_to_string(&sidecar).unwrap(),
        "garbage from a bad sync"
    );
    let StoreMode::Recovery { recovery, .. } = store.mode() else {
        panic!("{:?}", store.mode());
    };
    let recovered = read_sidecar(recovery).unwrap().unwrap();
    assert!(recovered.set.get(annotation.id).is_some());
}

#[test]
fn a_newer_format_opens_read_only() {
    let (_dir, article, document) = sample_in_temp();
    let sidecar = article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron");
    let future = "(format: \"marginalia-annotations\", version: 2, document: (), annotations: [])";
    std::fs::write(&sidecar, future).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    assert!(
        matches!(store.mode(), StoreMode::ReadOnly { .. }),
        "{:?}",
        store.mode()
    );
    store.add(highlight(&document, "Cold War"));
    assert!(matches!(
        store.save_now(&document),
        Err(StoreError::ReadOnly { .. })
    ));
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), future);
}

#[test]
fn an_oversized_sidecar_is_refused_without_reading_it() {
    let (_dir, article, document) = sample_in_temp();
    let sidecar = article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron");
    let file = std::fs::File::create(&sidecar).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap(); // Sparse: no disk used.
    let store = AnnotationStore::open(&article, &document);
    let StoreMode::Recovery { problem, .. } = store.mode() else {
        panic!("{:?}", store.mode());
    };
    assert!(
        matches!(&**problem, StoreError::TooLarge { .. }),
        "{problem:?}"
    );
    assert!(problem.to_string().contains("64 MiB"), "{problem}");
}

#[test]
fn changes_on_disk_merge_in_and_deletions_carry_over() {
    let (_dir, article, document) = sample_in_temp();
    let mut window_a = AnnotationStore::open(&article, &document);
    let mut window_b = AnnotationStore::open(&article, &document);
    let from_a = highlight(&document, "Cold War");
    let from_b = highlight(&document, "White House");
    window_a.add(from_a.clone());
    window_b.add(from_b.clone());
    window_a.save_now(&document).unwrap();
    window_b.save_now(&document).unwrap();
    assert!(
        window_b.get(from_a.id).is_some(),
        "B's save merged A's work"
    );
    assert!(window_a.merge_from_disk(&document).unwrap());
    assert!(window_a.get(from_b.id).is_some());

    assert!(window_a.delete(from_b.id).is_some());
    window_a.save_now(&document).unwrap();
    assert!(window_b.merge_from_disk(&document).unwrap());
    assert!(
        window_b.get(from_b.id).is_none(),
        "the tombstone deleted it"
    );
    let on_disk = read_sidecar(&window_a.location().path).unwrap().unwrap();
    assert_eq!(on_disk.set.len(), 1);
}

#[test]
fn an_edited_article_reanchors_its_annotations() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    let moved = highlight(&document, "the worst East-West standoff since the Cold War");
    let edited_quote = highlight(
        &document,
        "Unidentified armed men fired in the air as they moved into a Ukrainian naval post",
    );
    let deleted = highlight(&document, "make us smile");
    for a in [&moved, &edited_quote, &deleted] {
        store.add(a.clone());
    }
    store.save_now(&document).unwrap();

    let original = std::fs::read_to_string(&article).unwrap();
    let edited = original
        .replace(
            "World Bulletin/News Desk",
            "World Bulletin/News Desk\n\nAn editor's note was added here at the top.",
        )
        .replace("armed men fired in the air", "armed men fired into the air")
        .replace(", saying they \"make us smile.\"", ".");
    std::fs::write(&article, edited).unwrap();
    let document = import_path(&article).unwrap();
    let store = AnnotationStore::open(&article, &document);
    assert_eq!(store.status(moved.id), AnchorStatus::Moved);
    assert!(matches!(
        store.status(edited_quote.id),
        AnchorStatus::Fuzzy { .. }
    ));
    assert_eq!(store.status(deleted.id), AnchorStatus::Orphaned);
    assert!(store.get(deleted.id).is_some(), "orphans are kept");
}

fn source_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn w3c_export_round_trips_through_import() {
    let (_dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    let mut annotation = highlight(&document, "Cold War");
    annotation.note = "A *note*.".into();
    annotation.tags = vec!["history".into(), "cold war".into()];
    annotation.color = HighlightColor::Purple;
    store.add(annotation.clone());
    let page = w3c_page(&store.annotations(), &source_uri(&article), &[]);
    let json = serde_json::to_string(&page).unwrap();
    let imported = annotations_from_json(&json).unwrap();
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].clone().into_annotation(), annotation);
}
