//! Writing a file atomically (a temporary beside it, fsync, rename), links
//! written through to their targets, and the temporaries of killed writes
//! removed once they are stale.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, fsync, rename over `path`, fsync of the folder. A crash at any
/// moment leaves the old file or the new one, whole. Returns the metadata of
/// the file written (taken before the rename, so it is certainly ours).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<std::fs::Metadata> {
    // A link (a sidecar kept in a synced folder, say) stays a link: the
    // file it points to is replaced, in its own folder.
    let path = &follow_links(path);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    remove_stale_temporaries(dir);
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(TEMPORARY_RANDOM_CHARS)
        .tempfile_in(dir)?;
    temporary.write_all(bytes)?;
    // Keep the permissions of the file it replaces; a new one gets rw-r--r--
    // (temporary files are created private).
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => Some(existing.permissions()),
        Err(_) => new_file_permissions(),
    };
    if let Some(permissions) = permissions {
        temporary.as_file().set_permissions(permissions)?;
    }
    temporary.as_file().sync_all()?;
    let metadata = temporary.as_file().metadata()?;
    temporary.persist(path).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()?;
    Ok(metadata)
}

/// The random part of a temporary's name: `.NAME.XXXXXX.tmp`.
const TEMPORARY_RANDOM_CHARS: usize = 6;
/// A temporary older than this was left by a write that was killed.
const STALE_TEMPORARY_AGE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes the temporaries that writes killed midway left in `dir`
/// (`.NAME.XXXXXX.tmp`, regular files untouched for a quarter of an hour),
/// once per folder per run.
fn remove_stale_temporaries(dir: &Path) {
    static CLEANED: std::sync::Mutex<Option<std::collections::HashSet<PathBuf>>> =
        std::sync::Mutex::new(None);
    {
        let mut cleaned = CLEANED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !cleaned.get_or_insert_default().insert(dir.to_path_buf()) {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if temporary_target(&name.to_string_lossy()).is_none() {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|metadata| {
            metadata.is_file()
                && metadata
                    .modified()
                    .ok()
                    .and_then(|modified| modified.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMPORARY_AGE)
        });
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            log::info!(
                "removed {}, left by a write that was cut short",
                entry.path().display()
            );
        }
    }
}

/// The name of the file a temporary of `write_atomically` (`name`) was to
/// become; `None` when `name` is not one of ours.
fn temporary_target(name: &str) -> Option<&str> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, random) = inner.rsplit_once('.')?;
    let ours = !target.is_empty()
        && random.len() == TEMPORARY_RANDOM_CHARS
        && random.chars().all(|c| c.is_ascii_alphanumeric());
    ours.then_some(target)
}

/// Removes every temporary `write_atomically` left for the file at `path`,
/// whatever its age: for a caller holding the writers' lock, under which no
/// other writer is mid-write (a leftover is from a writer that was killed).
pub(super) fn remove_temporaries_of(path: &Path) {
    let path = &follow_links(path);
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if temporary_target(&entry.file_name().to_string_lossy()) == Some(&*name) {
            // Best effort: a leftover that cannot be removed does no harm.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Where a chain of symbolic links ends (the path itself when it is not a
/// link); a dangling link gives the path it points to. At most 40 links.
pub fn follow_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(target) = std::fs::read_link(&current) else {
            break;
        };
        current = match current.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    current
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    Some(std::os::unix::fs::PermissionsExt::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("synced");
        std::fs::create_dir(&elsewhere).unwrap();
        let target = elsewhere.join("real.ron");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("a.ron");
        std::os::unix::fs::symlink("synced/real.ron", &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let dangling = dir.path().join("b.ron");
        std::os::unix::fs::symlink(elsewhere.join("not-yet.ron"), &dangling).unwrap();
        write_atomically(&dangling, b"first").unwrap();
        assert_eq!(
            std::fs::read(elsewhere.join("not-yet.ron")).unwrap(),
            b"first"
        );
    }

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
    }

    #[test]
    fn a_killed_write_leaves_a_temporary_that_a_later_write_removes() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".w.ron.a1B2c3.tmp");
        let fresh = dir.path().join(".w.ron.z9Y8x7.tmp");
        let not_ours = dir.path().join(".w.ron.notes.tmp");
        for path in [&stale, &fresh, &not_ours] {
            std::fs::write(path, "half a sidecar").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in [&stale, &not_ours] {
            File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        write_atomically(&dir.path().join("w.ron"), b"whole").unwrap();
        assert!(!stale.exists(), "a stale temporary is removed");
        assert!(fresh.exists(), "a temporary being written now is left");
        assert!(not_ours.exists(), "a file not named as ours is left");
        assert_eq!(temporary_target(".NAME.md.Xy12Zq.tmp"), Some("NAME.md"));
        assert_eq!(temporary_target(".NAME.md.tmp"), None);
    }
}
