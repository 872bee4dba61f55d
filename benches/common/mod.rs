//! Corpus files for the benchmarks, read in place from ../shared/corpus.
// Each benchmark uses some of these.
#![allow(dead_code)]

use std::path::PathBuf;

/// A file of the shared corpus; says so loudly when it is missing.
pub fn corpus(relative: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(relative);
    assert!(
        path.is_file(),
        "*** {} is missing: benchmarks read the shared corpus in place ***",
        path.display()
    );
    path
}

pub fn war_and_peace_path() -> PathBuf {
    corpus("large/pg2600-war-and-peace.txt")
}

/// The time below which `share` of `times` fall (0.5: the median).
pub fn percentile(times: &mut [std::time::Duration], share: f64) -> std::time::Duration {
    times.sort();
    times[((times.len() - 1) as f64 * share).round() as usize]
}
