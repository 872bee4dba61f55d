//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod app;

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
