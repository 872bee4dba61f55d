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
