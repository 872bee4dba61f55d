//! Conflict copies: when two machines change a sidecar before they sync,
//! the sync tool keeps one version under the sidecar's name and the other
//! beside it under a name of its own. They are found by those names,
//! merged in by id (a join: see `set.rs`), and removed only once the merged
//! sidecar is written. A copy that cannot be read is moved to the data
//! folder's `merged/`, never deleted.

use std::path::{Path, PathBuf};

use super::files::data_folder;
use super::{AnnotationSet, StoreError, read_sidecar};

/// The conflict copies of the sidecar at `sidecar` now beside it, by name.
pub fn conflict_copies(sidecar: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (sidecar.parent(), sidecar.file_name()) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| is_conflict_copy_name(&name, &entry.file_name().to_string_lossy()))
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    copies.sort();
    copies
}

/// Whether `candidate` is a conflict copy of `sidecar` (both file names),
/// in the naming of Syncthing, Nextcloud and ownCloud, Dropbox, OneDrive
/// or Resilio Sync: each puts its mark between the name and its extension.
pub fn is_conflict_copy(sidecar: &Path, candidate: &Path) -> bool {
    sidecar.parent() == candidate.parent()
        && match (sidecar.file_name(), candidate.file_name()) {
            (Some(sidecar), Some(candidate)) => {
                is_conflict_copy_name(&sidecar.to_string_lossy(), &candidate.to_string_lossy())
            }
            _ => false,
        }
}

fn is_conflict_copy_name(sidecar: &str, candidate: &str) -> bool {
    let Some((stem, extension)) = sidecar.rsplit_once('.') else {
        return false;
    };
    let Some(mark) = candidate
        .strip_prefix(stem)
        .and_then(|rest| rest.strip_suffix(extension))
        .and_then(|rest| rest.strip_suffix('.'))
    else {
        return false;
    };
    is_syncthing(mark)
        || is_conflicted_copy(mark)
        || is_owncloud(mark)
        || is_resilio(mark)
        || is_onedrive(mark)
}

fn digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

/// `.sync-conflict-20261127-101010-ABCDEFG`
fn is_syncthing(mark: &str) -> bool {
    let Some(rest) = mark.strip_prefix(".sync-conflict-") else {
        return false;
    };
    let mut parts = rest.splitn(3, '-');
    let (date, time) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    digits(date, 8) && digits(time, 6)
}

/// Nextcloud and ownCloud's ` (conflicted copy 2026-11-27 101010)` and
/// Dropbox's ` (laptop's conflicted copy 2026-11-27)`, maybe followed by
/// ` (1)`.
fn is_conflicted_copy(mark: &str) -> bool {
    mark.starts_with(" (") && mark.ends_with(')') && mark.contains("conflicted copy")
}

/// ownCloud's older `_conflict-20261127-101010`.
fn is_owncloud(mark: &str) -> bool {
    let Some(rest) = mark.strip_prefix("_conflict-") else {
        return false;
    };
    rest.split_once('-')
        .is_some_and(|(date, time)| digits(date, 8) && digits(time, 6))
}

/// Resilio Sync's `.Conflict`, maybe followed by ` (1)`.
fn is_resilio(mark: &str) -> bool {
    mark.strip_prefix(".Conflict").is_some_and(|rest| {
        rest.is_empty()
            || rest
                .strip_prefix(" (")
                .and_then(|n| n.strip_suffix(')'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// OneDrive's `-HOSTNAME` (a machine name: letters, digits and hyphens),
/// maybe followed by `-2`.
fn is_onedrive(mark: &str) -> bool {
    mark.strip_prefix('-').is_some_and(|host| {
        (1..=64).contains(&host.len())
            && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && host.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

/// What the conflict copies beside a sidecar hold.
#[derive(Debug, Default)]
pub struct ConflictCopies {
    /// Each copy that reads, with its annotations.
    pub read: Vec<(PathBuf, AnnotationSet)>,
    /// Each copy that does not, with why.
    pub unreadable: Vec<(PathBuf, StoreError)>,
}

/// Reads the conflict copies beside the sidecar at `sidecar`.
pub fn read_conflict_copies(sidecar: &Path) -> ConflictCopies {
    let mut copies = ConflictCopies::default();
    for path in conflict_copies(sidecar) {
        match read_sidecar(&path) {
            Ok(Some(copy)) => copies.read.push((path, copy.set)),
            Ok(None) => {}
            Err(error) => copies.unreadable.push((path, error)),
        }
    }
    copies
}

/// Moves a conflict copy that cannot be read to the data folder's
/// `merged/` (beside it if there is no data folder); returns where it went.
pub fn set_aside(copy: &Path) -> std::io::Result<PathBuf> {
    let folder = data_folder()
        .map(|data| data.join("merged"))
        .unwrap_or_else(|| copy.with_file_name("merged"));
    std::fs::create_dir_all(&folder)?;
    let name = copy.file_name().unwrap_or_default();
    let mut kept = folder.join(name);
    let mut n = 1;
    while kept.exists() {
        kept = folder.join(format!("{n}-{}", name.to_string_lossy()));
        n += 1;
    }
    if std::fs::rename(copy, &kept).is_err() {
        // Another file system: copy, then remove.
        std::fs::copy(copy, &kept)?;
        std::fs::remove_file(copy)?;
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIDECAR: &str = "article.txt.annotations.ron";

    #[test]
    fn each_sync_tool_s_conflict_names_are_recognised() {
        for name in [
            "article.txt.annotations.sync-conflict-20261127-101010-ABCDEFG.ron",
            "article.txt.annotations (conflicted copy 2026-11-27 101010).ron",
            "article.txt.annotations (conflicted copy alice 2026-11-27 101010).ron",
            "article.txt.annotations (laptop's conflicted copy 2026-11-27).ron",
            "article.txt.annotations (laptop's conflicted copy 2026-11-27) (1).ron",
            "article.txt.annotations_conflict-20261127-101010.ron",
            "article.txt.annotations-LAPTOP.ron",
            "article.txt.annotations-desk-pc-2.ron",
            "article.txt.annotations.Conflict.ron",
            "article.txt.annotations.Conflict (2).ron",
        ] {
            assert!(is_conflict_copy_name(SIDECAR, name), "{name}");
        }
    }

    #[test]
    fn the_sidecar_its_own_files_and_other_articles_are_not_conflict_copies() {
        for name in [
            SIDECAR,
            "article.txt.annotations.ron.recovery.ron",
            "article.txt.annotations.ron.unreadable-20261127T101010Z",
            ".article.txt.annotations.ron.ab12.tmp",
            "article.txt.annotations.ron.lock",
            "other.txt.annotations.sync-conflict-20261127-101010-ABCDEFG.ron",
            "article.txt.annotations.sync-conflict-2026-101010-X.ron",
            "article.txt.annotations-12.ron",
            "article.txt.annotations (notes).ron",
        ] {
            assert!(!is_conflict_copy_name(SIDECAR, name), "{name}");
        }
    }
}
