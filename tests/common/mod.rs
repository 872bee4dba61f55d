//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod app;
pub mod library;
pub mod pdf;
pub mod sync;

use std::path::PathBuf;

/// `../shared/corpus`, read in place: those articles belong to their
/// publishers and are never copied into the project. CI always has it.
pub fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.is_dir(),
        "\n\n*** The shared corpus is missing: expected it at {}.\n\
         *** These tests read real articles in place from ../shared/corpus; \
         check out the project beside shared/. ***\n",
        dir.display()
    );
    dir
}

pub fn corpus_file(relative: &str) -> PathBuf {
    let path = corpus_dir().join(relative);
    assert!(path.is_file(), "corpus file missing: {}", path.display());
    path
}

/// All files in a corpus folder, sorted.
pub fn corpus_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join(folder))
        .unwrap_or_else(|e| panic!("cannot list corpus folder {folder}: {e}"))
        .map(|entry| entry.expect("corpus folder entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus folder {folder} is empty");
    files
}

pub fn sample_article() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/kerry-lavrov-meeting.txt")
}

/// Makes a FIFO at `path` (a file that would block whoever opens it).
pub fn fifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

/// A copy of the sample article in a temporary folder, and its document.
pub fn sample_in_temp() -> (tempfile::TempDir, PathBuf, marginalia::document::Document) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("kerry-lavrov-meeting.txt");
    std::fs::copy(sample_article(), &article).unwrap();
    let document = marginalia::import::import_path(&article).unwrap();
    (dir, article, document)
}

/// A green highlight of the first occurrence of `quote`.
pub fn highlight(
    document: &marginalia::document::Document,
    quote: &str,
) -> marginalia::annotate::Annotation {
    use marginalia::annotate::{Annotation, HighlightColor, IndexedText};
    let text = IndexedText::new(document.text());
    let byte = document.text().find(quote).expect("quote in the article");
    let start = text.char_of(byte);
    Annotation::new(
        &text,
        start..start + quote.chars().count(),
        HighlightColor::Green,
    )
}

/// The release binary, run as `nobody` when `as_user` and this process is
/// root (root writes anywhere: a read-only folder needs a real user).
pub fn marginalia_as(as_user: bool) -> std::process::Command {
    if as_user && is_root() {
        let mut command = std::process::Command::new("setpriv");
        command.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_marginalia"),
        ]);
        command
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
    }
}

/// Whether this process runs as root (files it makes are owned by uid 0).
pub fn is_root() -> bool {
    let probe = tempfile::NamedTempFile::new().unwrap();
    std::os::unix::fs::MetadataExt::uid(&probe.as_file().metadata().unwrap()) == 0
}
