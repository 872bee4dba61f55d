//! Conflict copies: when two machines change a sidecar before they sync,
//! the sync tool keeps one version under the sidecar's name and the other
//! beside it under a name of its own. They are found by those names,
//! merged in by id (a join: see `set.rs`), and removed only once the merged
//! sidecar is written. A copy that does not parse while it was written to a
//! moment ago is still arriving (sync tools and `cp` write in pieces): it is
//! left alone and looked at again once quiet. A copy that stays unreadable,
//! that holds another article's sidecar, or that is a link, is moved to the
//! data folder's `merged/`, never deleted.

use std::path::{Path, PathBuf};

use std::time::Duration;

use super::files::data_folder;
use super::sidecar::DocumentInfo;
use super::{AnnotationSet, StoreError, read_sidecar};

/// A copy written to more recently than this may still be arriving.
pub const COPY_QUIET_TIME: Duration = Duration::from_secs(2);

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
    /// Each copy that does not, or is not this article's, with why.
    pub unreadable: Vec<(PathBuf, StoreError)>,
    /// Copies that do not read yet but were written to a moment ago: still
    /// arriving, to be looked at again once quiet.
    pub settling: Vec<PathBuf>,
}

/// Reads the conflict copies beside the sidecar at `sidecar`, the sidecar
/// of the article `article`.
pub fn read_conflict_copies(sidecar: &Path, article: &DocumentInfo) -> ConflictCopies {
    let mut copies = ConflictCopies::default();
    for path in conflict_copies(sidecar) {
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            let error = StoreError::LinkedCopy { path: path.clone() };
            copies.unreadable.push((path, error));
            continue;
        }
        match read_sidecar(&path) {
            Ok(Some(copy)) if is_of_another_article(&copy.document, article) => {
                let error = StoreError::OtherArticle {
                    path: path.clone(),
                    file_name: copy.document.file_name,
                };
                copies.unreadable.push((path, error));
            }
            Ok(Some(copy)) => copies.read.push((path, copy.set)),
            Ok(None) => {}
            Err(_) if written_within(&path, COPY_QUIET_TIME) => copies.settling.push(path),
            Err(error) => copies.unreadable.push((path, error)),
        }
    }
    copies
}

/// A copy is of another article when neither its file name nor its text
/// is this article's (an article edited on the other machine keeps its
/// name; one renamed keeps its text).
fn is_of_another_article(copy: &DocumentInfo, article: &DocumentInfo) -> bool {
    copy.file_name != article.file_name && copy.text_hash != article.text_hash
}

/// Whether the file at `path` was written to less than `quiet` ago. The
/// status change time counts too: a tool may set the modification time to
/// the other machine's, but every write still changes the status time.
fn written_within(path: &Path, quiet: Duration) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    let changed = std::time::UNIX_EPOCH
        + Duration::new(
            u64::try_from(metadata.ctime()).unwrap_or(0),
            u32::try_from(metadata.ctime_nsec()).unwrap_or(0),
        );
    let latest = metadata
        .modified()
        .map_or(changed, |modified| modified.max(changed));
    latest.elapsed().map_or(true, |age| age < quiet)
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
