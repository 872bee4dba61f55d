//! Every article in the library's folders is in the library, opened or
//! not, annotated or not (issue "The library holds everything you keep"):
//! listed, its text searchable; one that cannot be read listed with why and
//! not read again until it changes; gone ones forgotten.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::library::{HARBOUR, WAR, annotated};
use marginalia::annotate::HighlightColor;
use marginalia::library::{Index, Query, ScanReport, SearchHitKind, scan};

const MARKDOWN_PAGE: &str = "# Markdown: Syntax\n\nMarkdown is intended to be as easy-to-read and easy-to-write as is feasible, wrote John Gruber.\n";

fn scan_folder(index: &mut Index, folder: &Path) -> ScanReport {
    scan(index, &[folder.to_owned()], &[], |_, _| {}).unwrap()
}

fn text_hits(index: &Index, query: &str) -> Vec<String> {
    index
        .search(&Query::parse(query).unwrap(), 50)
        .unwrap()
        .into_iter()
        .filter(|hit| hit.kind == SearchHitKind::Text)
        .map(|hit| {
            hit.article
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn set_mtime(path: &Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// The binary run with its home, cache and data in `home` (as nobody when
/// `as_user` and this is root).
fn marginalia_in(home: &Path, as_user: bool, args: &[&str]) -> std::process::Output {
    common::marginalia_as(as_user)
        .args(args)
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap()
}

#[test]
fn articles_never_opened_are_listed_and_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    annotated(
        &root.join("news"),
        "war.md",
        WAR,
        &[("Natásha Rostóva danced", HighlightColor::Yellow, "", &[])],
    );
    std::fs::create_dir_all(root.join("saved/deep")).unwrap();
    std::fs::write(root.join("saved/syntax.md"), MARKDOWN_PAGE).unwrap();
    std::fs::write(root.join("saved/deep/harbour.txt"), HARBOUR).unwrap();
    // Not articles: a picture, a hidden file, an editor's backup.
    std::fs::write(root.join("saved/figure.png"), "png").unwrap();
    std::fs::write(root.join("saved/.draft.md"), MARKDOWN_PAGE).unwrap();
    std::fs::write(root.join("saved/syntax.md~"), MARKDOWN_PAGE).unwrap();

    let mut index = Index::in_memory().unwrap();
    let report = scan_folder(&mut index, root);
    assert_eq!((report.sidecars, report.articles), (1, 2), "{report:?}");
    assert_eq!(report.indexed, 3, "{report:?}");
    let mut titles: Vec<String> = index
        .articles()
        .unwrap()
        .into_iter()
        .map(|row| row.title.unwrap_or_default())
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Markdown: Syntax",
            "Natásha at the ball",
            "The harbour at dawn"
        ]
    );
    assert_eq!(text_hits(&index, "gruber"), ["syntax.md"]);
    assert_eq!(text_hits(&index, "in:text gull"), ["harbour.txt"]);

    // Unchanged: nothing read again.
    let again = scan_folder(&mut index, root);
    assert_eq!((again.indexed, again.unchanged), (0, 3), "{again:?}");

    // Gone from the folder: gone from the library.
    std::fs::remove_file(root.join("saved/syntax.md")).unwrap();
    let after = scan_folder(&mut index, root);
    assert_eq!(after.removed, 1, "{after:?}");
    assert!(text_hits(&index, "gruber").is_empty());
    assert_eq!(index.articles().unwrap().len(), 2);
}

/// War and Peace's page with one highlight tagged "ball", in a folder
/// scanned into an index.
fn war_with_a_highlight_scanned() -> (tempfile::TempDir, std::path::PathBuf, Index) {
    let dir = tempfile::tempdir().unwrap();
    let article = annotated(
        dir.path(),
        "war.md",
        WAR,
        &[(
            "Natásha Rostóva danced",
            HighlightColor::Yellow,
            "",
            &["ball"],
        )],
    );
    let mut index = Index::in_memory().unwrap();
    scan_folder(&mut index, dir.path());
    (dir, article, index)
}

#[test]
fn an_article_whose_sidecar_is_deleted_stays_in_the_library() {
    let (dir, article, mut index) = war_with_a_highlight_scanned();
    assert_eq!(index.counts().unwrap(), (1, 1, 0));
    std::fs::remove_file(marginalia::store::sidecar_path_beside(&article)).unwrap();
    let report = scan_folder(&mut index, dir.path());
    assert_eq!(report.removed, 0, "{report:?}");
    assert_eq!(
        index.counts().unwrap(),
        (1, 0, 0),
        "the article, no annotation"
    );
    assert_eq!(text_hits(&index, "pierre"), ["war.md"]);
}

#[test]
fn an_unreadable_article_is_listed_with_why_and_read_again_only_once_changed() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.txt");
    std::fs::write(
        &broken,
        b"binary\x00\x01\x02 bytes, not the text of an article",
    )
    .unwrap();
    let when = SystemTime::now() - Duration::from_secs(3600);
    set_mtime(&broken, when);
    let mut index = Index::in_memory().unwrap();
    let report = scan_folder(&mut index, dir.path());
    assert_eq!(report.unreadable.len(), 1, "{report:?}");
    assert_eq!(report.unreadable[0].path, broken);
    assert!(
        report.unreadable[0].reason.contains("NUL"),
        "{:?}",
        report.unreadable[0].reason
    );
    assert_eq!(index.unreadable().unwrap().len(), 1);
    assert!(index.articles().unwrap().is_empty());

    // The same size and time: not tried again (the bytes are not even read).
    let readable_same_size: Vec<u8> = {
        let mut text = b"Plain words in a file that now reads".to_vec();
        text.resize(std::fs::metadata(&broken).unwrap().len() as usize, b'.');
        text
    };
    std::fs::write(&broken, &readable_same_size).unwrap();
    set_mtime(&broken, when);
    let again = scan_folder(&mut index, dir.path());
    assert_eq!((again.indexed, again.unreadable.len()), (0, 1), "{again:?}");

    // Changed: read again, and no longer listed as unreadable.
    std::fs::rename(&broken, dir.path().join("fixed.txt")).unwrap();
    let fixed = scan_folder(&mut index, dir.path());
    assert_eq!((fixed.indexed, fixed.unreadable.len()), (1, 0), "{fixed:?}");
    assert!(
        index.unreadable().unwrap().is_empty(),
        "the gone name is forgotten"
    );
    assert_eq!(text_hits(&index, "plain words"), ["fixed.txt"]);
}

#[test]
fn the_command_line_lists_unopened_articles_and_what_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("syntax.md"), MARKDOWN_PAGE).unwrap();
    std::fs::write(articles.join("broken.pdf"), b"%PDF-1.7\nnothing more").unwrap();
    let run = |args: &[&str]| marginalia_in(dir.path(), false, args);
    let added = run(&["library", "add", articles.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&added.stdout);
    assert!(added.status.success(), "{said}");
    assert!(
        said.contains("0 sidecars, 2 articles without one: 1 indexed, 0 unchanged, 0 not indexed, 1 cannot be read"),
        "{said}"
    );
    let listed = run(&["library", "list"]);
    let said = String::from_utf8_lossy(&listed.stdout);
    assert!(said.contains("Markdown: Syntax"), "{said}");
    assert!(
        said.contains("cannot be read") && said.contains("broken.pdf"),
        "{said}"
    );
    assert!(said.contains("1 article; 1 cannot be read"), "{said}");
    let found = run(&["search", "Gruber"]);
    assert!(
        String::from_utf8_lossy(&found.stdout).contains("syntax.md"),
        "{}",
        String::from_utf8_lossy(&found.stdout)
    );
}

#[test]
fn the_window_s_library_lists_articles_as_they_arrive_in_a_folder() {
    use marginalia::library::{LibraryNews, LibraryPaths, LibraryRequest, LibraryService};
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("articles");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("syntax.md"), MARKDOWN_PAGE).unwrap();
    let service = LibraryService::start(LibraryPaths::in_folder(&dir.path().join("lib")), |_| {});
    service.send(LibraryRequest::AddFolders(vec![root.clone()]));
    common::library::wait_for(&service, "the article never opened", |news| match news {
        LibraryNews::Snapshot(s) if s.articles.len() == 1 => Some(()),
        _ => None,
    });
    // Saved into the folder while the window is open: the watcher finds them.
    std::fs::write(root.join("harbour.txt"), HARBOUR).unwrap();
    std::fs::write(root.join("broken.txt"), b"\x00\x01 not text").unwrap();
    let snapshot = common::library::wait_for(&service, "the arrivals", |news| match news {
        LibraryNews::Snapshot(s) if s.articles.len() == 2 && s.unreadable.len() == 1 => {
            Some(s.clone())
        }
        _ => None,
    });
    assert_eq!(snapshot.unreadable[0].path, root.join("broken.txt"));
    assert!(snapshot.reading.is_empty(), "none was opened");
    std::fs::remove_file(root.join("harbour.txt")).unwrap();
    common::library::wait_for(&service, "the article gone", |news| match news {
        LibraryNews::Snapshot(s) if s.articles.len() == 1 => Some(()),
        _ => None,
    });
}

#[test]
fn a_folder_that_cannot_be_read_is_named_and_what_it_held_is_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(articles.join("locked")).unwrap();
    std::fs::write(articles.join("syntax.md"), MARKDOWN_PAGE).unwrap();
    std::fs::write(articles.join("locked/harbour.txt"), HARBOUR).unwrap();
    // Root reads any folder: run as nobody then, as a user would be.
    let run = |args: &[&str]| marginalia_in(dir.path(), true, args);
    let added = run(&["library", "add", articles.to_str().unwrap()]);
    assert!(added.status.success(), "{added:?}");
    let locked = articles.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let scanned = run(&["library", "scan"]);
    let complaint = String::from_utf8_lossy(&scanned.stderr);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        complaint.contains(&format!("{}: cannot be read", locked.display())),
        "{complaint}"
    );
    let listed = run(&["library", "list"]);
    let said = String::from_utf8_lossy(&listed.stdout);
    assert!(
        said.contains("The harbour at dawn") && said.contains("2 articles"),
        "{said}"
    );
}

#[test]
fn an_index_left_unwritable_by_a_read_only_episode_is_mended() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("syntax.md"), MARKDOWN_PAGE).unwrap();
    let run = |args: &[&str]| marginalia_in(dir.path(), true, args);
    assert!(
        run(&["library", "add", articles.to_str().unwrap()])
            .status
            .success()
    );
    // The index and SQLite's files beside it read-only for a while; a
    // read leaves a -shm that cannot be written.
    let index_folder = dir.path().join("cache/marginalia");
    let files = || {
        std::fs::read_dir(&index_folder)
            .unwrap()
            .map(|e| e.unwrap().path())
    };
    for file in files() {
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    let searched = run(&["search", "gruber"]);
    assert!(searched.status.success(), "{searched:?}");
    std::fs::set_permissions(
        index_folder.join("library.sqlite3"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::write(articles.join("harbour.txt"), HARBOUR).unwrap();
    let scanned = run(&["library", "scan"]);
    assert!(
        scanned.status.success(),
        "{}",
        String::from_utf8_lossy(&scanned.stderr)
    );
    let found = run(&["search", "gull"]);
    assert!(String::from_utf8_lossy(&found.stdout).contains("harbour.txt"));
}

#[test]
fn an_article_renamed_with_its_sidecar_is_one_article_at_its_new_name() {
    let (dir, article, mut index) = war_with_a_highlight_scanned();
    let renamed = dir.path().join("war and peace.md");
    std::fs::rename(&article, &renamed).unwrap();
    std::fs::rename(
        marginalia::store::sidecar_path_beside(&article),
        marginalia::store::sidecar_path_beside(&renamed),
    )
    .unwrap();
    let report = scan_folder(&mut index, dir.path());
    assert_eq!(report.removed, 1, "{report:?}");
    let rows = index.articles().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].path.as_path(), rows[0].missing),
        (renamed.as_path(), false)
    );
    let hits = index
        .search(&Query::parse("tag:ball").unwrap(), 10)
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, renamed);
    assert_eq!(index.counts().unwrap(), (1, 1, 0));
}
