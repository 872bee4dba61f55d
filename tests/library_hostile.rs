//! The library under hostile sidecars: a synced or downloaded sidecar that
//! names a file elsewhere (`/etc/passwd`, `../../.bashrc`) never makes the
//! library read it — the article is the file beside the sidecar.

mod common;

use std::path::Path;
use std::process::Command;

use marginalia::store::{AnnotationStore, sidecar_path_beside};

/// Runs `marginalia ARGS` with its data and cache in `dir`.
fn marginalia_in(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .env("MARGINALIA_DATA_DIR", dir.join("data"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .output()
        .expect("run marginalia");
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_sidecar_naming_a_file_elsewhere_never_makes_the_library_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    // A file outside the library with words only it has.
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "Secret\n\nThe zanzibar vault code is kept here.\n").unwrap();
    // A real article with a highlight, its sidecar then made to name the
    // secret file, by absolute and by relative path.
    let article = articles.join("notes.txt");
    std::fs::write(&article, "Notes\n\nThe harbour at dawn was quiet.\n").unwrap();
    let document = marginalia::import::import_path(&article).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(common::highlight(&document, "harbour at dawn"));
    store.save_now(&document).unwrap();
    let sidecar = std::fs::read_to_string(sidecar_path_beside(&article)).unwrap();
    for (name, claimed) in [
        ("evil.txt", secret.display().to_string()),
        ("other.txt", "../secret.txt".to_owned()),
    ] {
        let hostile = sidecar.replace(
            "file_name: \"notes.txt\"",
            &format!("file_name: {claimed:?}"),
        );
        assert_ne!(hostile, sidecar);
        std::fs::write(articles.join(format!("{name}.annotations.ron")), hostile).unwrap();
    }
    // An article whose name is too long for "NAME.annotations.ron": its
    // sidecar's name is shortened, and its own file_name tells the article.
    let long = articles.join(format!("{}.txt", "日本語の長い記事の題名".repeat(7)));
    std::fs::write(&long, "Long\n\nThe lighthouse keeper waved.\n").unwrap();
    let long_document = marginalia::import::import_path(&long).unwrap();
    let mut long_store = AnnotationStore::open(&long, &long_document);
    long_store.add(common::highlight(&long_document, "lighthouse keeper"));
    long_store.save_now(&long_document).unwrap();
    marginalia_in(dir.path(), &["library", "add", articles.to_str().unwrap()]);
    let found = marginalia_in(dir.path(), &["search", "lighthouse"]);
    assert!(found.contains("日本語の長い記事の題名"), "{found}");
    let found = marginalia_in(dir.path(), &["search", "zanzibar"]);
    assert!(
        !found.contains("zanzibar") && !found.contains("secret.txt"),
        "the secret file was read: {found}"
    );
    // The real article is still found through its own sidecar.
    let found = marginalia_in(dir.path(), &["search", "harbour"]);
    assert!(found.contains("notes.txt"), "{found}");
}

// The Markdown export never loses and never escapes.

#[test]
fn a_title_of_emoji_a_dangling_link_and_an_unreadable_export_never_stop_or_escape_the_export() {
    use common::library::{annotated, indexed, library};
    use marginalia::annotate::HighlightColor;
    use marginalia::library::{LibraryExportFormat, export_library};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let out = dir.path().join("vault");
    library(&root);
    // 80 emoji: 320 bytes, past what one file name may hold.
    let emoji = "🖌".repeat(80);
    annotated(
        &root.join("art"),
        "brush.md",
        &format!("# {emoji}\n\nPaint the fence before the rain.\n"),
        &[("Paint the fence", HighlightColor::Green, "chores", &[])],
    );
    // Where the harbour's export would go: a dangling link out of the folder.
    std::fs::create_dir_all(&out).unwrap();
    let outside = dir.path().join("outside.md");
    std::os::unix::fs::symlink(&outside, out.join("The harbour at dawn.md")).unwrap();
    let report = export_library(
        &indexed(&root),
        &out,
        LibraryExportFormat::Markdown,
        |_, _| {},
    )
    .expect("one article's trouble never stops the export");
    assert_eq!((report.articles, report.annotations), (3, 4), "{report:?}");
    assert!(!outside.exists(), "never written through a link");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let brush = names
        .iter()
        .find(|n| n.starts_with('🖌'))
        .expect("{names:?}");
    assert!(brush.len() <= 255 - 12, "{} bytes", brush.len());

    // An earlier export the user's editor saved as Latin-1: not read, so
    // never written over; the others are written.
    let war = out.join("Natásha at the ball.md");
    let mut bytes = std::fs::read(&war).unwrap();
    bytes.extend_from_slice(b"\nMy own words, caf\xe9.\n");
    std::fs::write(&war, &bytes).unwrap();
    let report = export_library(
        &indexed(&root),
        &out,
        LibraryExportFormat::Markdown,
        |_, _| {},
    )
    .unwrap();
    assert_eq!(std::fs::read(&war).unwrap(), bytes, "left as it is");
    assert_eq!(report.articles, 2, "{report:?}");
    assert!(
        report
            .failed
            .iter()
            .any(|(_, why)| why.contains("Natásha at the ball.md") && why.contains("left as it is")),
        "{report:?}"
    );
}

// The index never lies.

/// Runs `marginalia ARGS` with its data and cache in `dir`: (success, output).
fn run_in(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .env("MARGINALIA_DATA_DIR", dir.join("data"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .output()
        .expect("run marginalia");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), said)
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
fn every_copy_s_annotations_are_exported_and_marker_games_never_lose_or_grow_text() {
    use common::library::{WAR, annotated, indexed, library};
    use marginalia::annotate::HighlightColor;
    use marginalia::library::{LibraryExportFormat, export_library};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let out = dir.path().join("vault");
    library(&root);
    // A copy of war.md elsewhere, annotated on its own, with a note that
    // holds our end marker.
    annotated(
        &root.join("copies"),
        "war.md",
        WAR,
        &[(
            "foreign policy",
            HighlightColor::Pink,
            "See <!-- marginalia:end --> here.",
            &[],
        )],
    );
    let export = || {
        export_library(
            &indexed(&root),
            &out,
            LibraryExportFormat::Markdown,
            |_, _| {},
        )
        .unwrap()
    };
    let report = export();
    assert_eq!((report.articles, report.annotations), (2, 4), "{report:?}");
    let war = out.join("Natásha at the ball.md");
    let first = std::fs::read_to_string(&war).unwrap();
    assert!(first.contains("> foreign policy") && first.contains("> Natásha Rostóva danced"));
    // The forged marker changes nothing from one export to the next.
    export();
    assert_eq!(
        std::fs::read_to_string(&war).unwrap(),
        first,
        "no stale fragment"
    );

    // The user deletes our end marker and writes below: two re-exports
    // later, every word of theirs is still there.
    let edited =
        first.replace("<!-- marginalia:end -->", "") + "\nMy own paragraph, written below.\n";
    std::fs::write(&war, &edited).unwrap();
    export();
    export();
    let now = std::fs::read_to_string(&war).unwrap();
    assert!(now.contains("My own paragraph, written below."), "{now}");
    assert!(now.matches("<!-- marginalia:end -->").count() == 1, "{now}");
}

#[test]
fn a_tag_of_two_words_is_found_and_an_untitled_article_is_named_by_its_file() {
    use common::library::annotated;
    use marginalia::annotate::HighlightColor;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    annotated(
        &root,
        "jargon.txt",
        "This file opens with a long paragraph, not a title: it runs on well past what any \
         title would be, through a second sentence. And a third, with words about boats.\n",
        &[("words about boats", HighlightColor::Blue, "", &["to read"])],
    );
    let (ok, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(ok, "{said}");
    let (ok, said) = run_in(dir.path(), &["search", "tag:\"to read\""]);
    assert!(ok, "{said}");
    assert!(said.contains("words about boats"), "{said}");
    assert!(
        said.contains("jargon.txt —") && !said.contains("(untitled)"),
        "{said}"
    );
}

#[test]
fn the_command_line_lists_articles_and_folders_and_removes_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("articles");
    common::library::library(&root);
    let news = root.join("news");
    let notes = root.join("notes");
    for folder in [&news, &notes] {
        let (ok, said) = run_in(dir.path(), &["library", "add", folder.to_str().unwrap()]);
        assert!(ok, "{said}");
    }
    let (ok, said) = run_in(dir.path(), &["library", "folders"]);
    assert!(ok, "{said}");
    assert_eq!(said.lines().count(), 2, "{said}");
    let (ok, said) = run_in(dir.path(), &["library", "list", "--json"]);
    assert!(ok, "{said}");
    let listed: Vec<serde_json::Value> = serde_json::from_str(&said).unwrap();
    assert_eq!(listed.len(), 2, "{said}");
    let (ok, said) = run_in(dir.path(), &["library", "remove", news.to_str().unwrap()]);
    assert!(ok && said.contains("1 places left"), "{said}");
    let (_, said) = run_in(dir.path(), &["library", "list"]);
    assert!(
        said.contains("The harbour at dawn") && !said.contains("Natásha"),
        "{said}"
    );
    assert!(said.contains("1 article\n"), "{said}");
    assert!(
        news.join("war.md.annotations.ron").is_file(),
        "nothing on disk is touched"
    );
    let (ok, said) = run_in(dir.path(), &["library", "remove", news.to_str().unwrap()]);
    assert!(!ok && said.contains("is not a library folder"), "{said}");
}

#[test]
fn a_linked_sidecar_and_a_linked_folder_are_in_the_library() {
    use common::library::annotated;
    use marginalia::annotate::HighlightColor;
    let dir = tempfile::tempdir().unwrap();
    let dir_path = std::fs::canonicalize(dir.path()).unwrap();
    let root = dir_path.join("articles");
    std::fs::create_dir_all(&root).unwrap();
    // A folder elsewhere, linked into the library.
    let elsewhere = dir_path.join("elsewhere");
    annotated(
        &elsewhere,
        "linked.txt",
        "Linked\n\nThe quarry flooded in the spring.\n",
        &[("quarry flooded", HighlightColor::Green, "", &[])],
    );
    std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
    // An article here whose sidecar is a link into a synced folder.
    let synced = dir_path.join("synced");
    let kept = annotated(
        &synced,
        "kept.txt",
        "Kept\n\nThe orchard was sold at auction.\n",
        &[("orchard was sold", HighlightColor::Blue, "", &[])],
    );
    std::fs::copy(&kept, root.join("kept.txt")).unwrap();
    std::os::unix::fs::symlink(
        sidecar_path_beside(&kept),
        root.join("kept.txt.annotations.ron"),
    )
    .unwrap();
    let (ok, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(ok, "{said}");
    for word in ["quarry", "orchard"] {
        let (_, said) = run_in(dir.path(), &["search", word]);
        assert!(said.contains(word), "{word}: {said}");
    }
}

#[test]
fn a_scan_waits_for_another_process_writing_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    common::library::library(&root);
    let (ok, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(ok, "{said}");
    // Another process writes the index for a second and a half.
    let index = dir.path().join("cache/marginalia/library.sqlite3");
    let holder = rusqlite::Connection::open(&index).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        holder.execute_batch("COMMIT").unwrap();
    });
    // Meanwhile a sidecar changes and a scan runs: it waits, then indexes.
    let war = root.join("news/war.md");
    let document = marginalia::import::import_path(&war).unwrap();
    let mut store = AnnotationStore::open(&war, &document);
    store.add(common::highlight(&document, "old count watched"));
    store.save_now(&document).unwrap();
    let (ok, said) = run_in(dir.path(), &["library", "scan"]);
    release.join().unwrap();
    assert!(ok, "{said}");
    assert!(
        said.contains("1 indexed") && said.contains("0 not indexed"),
        "{said}"
    );
}
