//! A small library of annotated articles for the library's tests.

use std::path::{Path, PathBuf};

use marginalia::annotate::HighlightColor;
use marginalia::import::import_path;
use marginalia::library::{Index, scan};
use marginalia::store::AnnotationStore;

pub const WAR: &str = "# Natásha at the ball\n\nNatásha Rostóva danced with Prince Andréy while the old count watched.\n\nPierre spoke of sanctions against the French and of foreign policy.\n";
pub const HARBOUR: &str = "The harbour at dawn\n\nThe fishing boats came in before the sanctions were lifted.\n\nA gull took the last of the bread.\n";

/// Writes `text` to `dir/name` and highlights each (quote, colour, note, tags).
pub fn annotated(
    dir: &Path,
    name: &str,
    text: &str,
    highlights: &[(&str, HighlightColor, &str, &[&str])],
) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let article = dir.join(name);
    std::fs::write(&article, text).unwrap();
    let document = import_path(&article).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    for (quote, color, note, tags) in highlights {
        let mut annotation = super::highlight(&document, quote);
        annotation.color = *color;
        annotation.note = (*note).to_owned();
        annotation.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        store.add(annotation);
    }
    store.save_now(&document).unwrap();
    article
}

/// Writes a PDF of `pages` (paragraphs each) to `dir/name` and highlights `quote`.
pub fn annotated_pdf(dir: &Path, name: &str, pages: &[Vec<String>], quote: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let article = dir.join(name);
    std::fs::write(&article, super::pdf::paper(pages)).unwrap();
    let document = import_path(&article).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(super::highlight(&document, quote));
    store.save_now(&document).unwrap();
    article
}

/// Runs `marginalia ARGS` for a user whose home is `home` (its cache and
/// data folders the usual ones in it): whether it succeeded, what it
/// printed and what it said on its standard error.
pub fn run_at_home(home: &Path, args: &[&str]) -> (bool, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("MARGINALIA_DATA_DIR")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), stdout, stderr)
}

/// A library of two articles in `root/news` and `root/notes`.
pub fn library(root: &Path) {
    annotated(
        &root.join("news"),
        "war.md",
        WAR,
        &[
            (
                "Natásha Rostóva danced",
                HighlightColor::Yellow,
                "The *first* ball.",
                &["methods", "russia"],
            ),
            (
                "sanctions against the French",
                HighlightColor::Blue,
                "",
                &["policy"],
            ),
        ],
    );
    annotated(
        &root.join("notes"),
        "harbour.txt",
        HARBOUR,
        &[(
            "fishing boats came in",
            HighlightColor::Yellow,
            "Before the sanctions.",
            &["draft"],
        )],
    );
}

pub fn indexed(root: &Path) -> Index {
    let mut index = Index::in_memory().unwrap();
    scan(&mut index, &[root.to_owned()], &[], |_, _| {}).unwrap();
    index
}

/// Runs `marginalia ARGS` with its data and cache in `dir`: whether it
/// succeeded, and what it printed (out and err).
pub fn run_in(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
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

/// Waits for news that `wanted` accepts, in real time.
pub fn wait_for<T>(
    service: &marginalia::library::LibraryService,
    what: &str,
    mut wanted: impl FnMut(&marginalia::library::LibraryNews) -> Option<T>,
) -> T {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(15) {
        if let Some(news) = service.wait_news(std::time::Duration::from_millis(100))
            && let Some(found) = wanted(&news)
        {
            return found;
        }
    }
    panic!("timed out waiting for {what}");
}
