//! The library's index never lies: damaged, incomplete or removed, it is
//! rebuilt before it answers; a scan that could not index says so and
//! fails; a scan waits for another process writing; an index rebuilt by
//! another process is never deleted under this one.

mod common;

use std::path::{Path, PathBuf};

use common::library::run_in;
use marginalia::store::AnnotationStore;

/// The small library of two articles, added from the command line.
fn library_added() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    common::library::library(&root);
    let (ok, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(ok, "{said}");
    (dir, root)
}

/// One more highlight in `root/news/war.md`, saved.
fn highlight_in_war(root: &Path) {
    let war = root.join("news/war.md");
    let document = marginalia::import::import_path(&war).unwrap();
    let mut store = AnnotationStore::open(&war, &document);
    store.add(common::highlight(&document, "old count watched"));
    store.save_now(&document).unwrap();
}

#[test]
fn a_damaged_or_incomplete_index_is_rebuilt_before_it_answers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    common::library::library(&root);
    let (added, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(added, "{said}");
    let index = dir.path().join("cache/marginalia/library.sqlite3");
    assert!(index.is_file());
    let damages: [(&str, &dyn Fn()); 3] = [
        ("a table dropped", &|| {
            let connection = rusqlite::Connection::open(&index).unwrap();
            connection
                .execute_batch("DROP TABLE annotations_fts")
                .unwrap();
        }),
        ("scribbled over", &|| {
            std::fs::write(&index, b"not a database at all").unwrap()
        }),
        ("removed", &|| std::fs::remove_file(&index).unwrap()),
    ];
    for (damage, make) in damages {
        make();
        let (ok, said) = run_in(dir.path(), &["search", "natasha"]);
        assert!(ok, "{damage}: {said}");
        assert!(
            said.contains("Natásha"),
            "{damage}: answered nothing: {said}"
        );
    }
}

#[test]
fn a_scan_that_could_not_index_says_so_and_fails_and_its_counts_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    common::library::library(&root);
    std::fs::write(
        root.join("broken.txt.annotations.ron"),
        "(format: \"marginalia-annot",
    )
    .unwrap();
    let (ok, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(!ok, "{said}");
    assert!(said.contains("broken.txt.annotations.ron"), "{said}");
    assert!(
        said.contains("3 sidecars: 2 indexed, 0 unchanged, 1 not indexed"),
        "{said}"
    );
}

#[test]
fn a_scan_waits_for_another_process_writing_the_index() {
    let (dir, root) = library_added();
    // Another process writes the index for a second and a half.
    let index = dir.path().join("cache/marginalia/library.sqlite3");
    let holder = rusqlite::Connection::open(&index).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        holder.execute_batch("COMMIT").unwrap();
    });
    // Meanwhile a sidecar changes and a scan runs: it waits, then indexes.
    highlight_in_war(&root);
    let (ok, said) = run_in(dir.path(), &["library", "scan"]);
    release.join().unwrap();
    assert!(ok, "{said}");
    assert!(
        said.contains("1 indexed") && said.contains("0 not indexed"),
        "{said}"
    );
}

#[test]
fn an_index_rebuilt_by_another_process_is_never_deleted_under_this_one() {
    let (dir, root) = library_added();
    let path = dir.path().join("cache/marginalia/library.sqlite3");
    // This process has the index open (a window's library)...
    let mine = marginalia::library::Index::open(&path).unwrap();
    assert_eq!(mine.counts().unwrap().0, 2);
    // ...when another finds it of another version and rebuilds it.
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 2)
        .unwrap();
    let (ok, said) = run_in(dir.path(), &["search", "natasha"]);
    assert!(ok && said.contains("Natásha"), "{said}");
    // A highlight added later is indexed by the other process: this one,
    // reading the same file (not one deleted under it), sees it.
    highlight_in_war(&root);
    let (ok, said) = run_in(dir.path(), &["library", "scan"]);
    assert!(ok, "{said}");
    assert_eq!(mine.counts().unwrap(), (2, 4, 0));
}

#[test]
fn in_the_window_a_search_during_a_rebuild_is_told_so_then_answered() {
    use marginalia::library::{
        LibraryFolders, LibraryNews, LibraryPaths, LibraryRequest, LibraryService,
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    common::library::library(&root);
    let paths = LibraryPaths::in_folder(&dir.path().join("lib"));
    LibraryFolders {
        folders: vec![root.clone()],
    }
    .save(&paths.folders)
    .unwrap();
    // The index is not a database at all: it is made anew, empty.
    std::fs::write(&paths.index, b"scribbled over").unwrap();
    let service = LibraryService::start(paths, |_| {});
    service.send(LibraryRequest::Search {
        query: "natasha".to_owned(),
        limit: 20,
    });
    let start = std::time::Instant::now();
    let mut answers = Vec::new();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        if let Some(LibraryNews::Results { hits, .. }) =
            service.wait_news(std::time::Duration::from_millis(200))
        {
            let done = hits.is_ok();
            answers.push(hits);
            if done {
                break;
            }
        }
    }
    let Some(Ok(hits)) = answers.last() else {
        panic!("never answered: {answers:?}");
    };
    assert!(
        !hits.is_empty(),
        "'nothing found' from an index not yet filled: {answers:?}"
    );
    for answer in &answers[..answers.len() - 1] {
        assert!(
            answer
                .as_ref()
                .is_err_and(|why| why.contains("Rebuilding the library")),
            "{answers:?}"
        );
    }
}
