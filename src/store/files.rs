//! Where a sidecar lives, and the advisory lock writers share.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Overrides the user's data folder (for tests and portable setups).
pub const DATA_DIR_VARIABLE: &str = "MARGINALIA_DATA_DIR";

/// Where an article's annotations are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SidecarLocation {
    pub path: PathBuf,
    /// False when the article's folder cannot be written and the sidecar
    /// lives in the user's data folder instead.
    pub beside_article: bool,
}

impl SidecarLocation {
    /// Where annotations made while the sidecar cannot be parsed are kept.
    pub fn recovery_path(&self) -> PathBuf {
        with_suffix(&self.path, ".recovery.ron")
    }

    /// The advisory lock every writer of this sidecar holds while it writes.
    pub fn lock_path(&self) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map_or_else(|| "sidecar".into(), |n| n.to_string_lossy().into_owned());
        self.path.with_file_name(format!(".{name}.lock"))
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;
/// What the names made from a sidecar's add to it at most (its recovery
/// file's temporary file: `.` + `.recovery.ron` + `.XXXXXX.tmp`; the
/// kept unreadable file: `.unreadable-20261127T101010Z`).
const DERIVED_NAME_ROOM: usize = 32;
pub const SIDECAR_SUFFIX: &str = ".annotations.ron";

/// `war-and-peace.txt` → `war-and-peace.txt.annotations.ron`, beside it. A
/// name too long for that (and the files made from it) is shortened and
/// given a hash of the whole name, so it stays unique.
pub fn sidecar_path_beside(article: &Path) -> PathBuf {
    let name = article
        .file_name()
        .map_or_else(|| "article".into(), |n| n.to_string_lossy().into_owned());
    article.with_file_name(sidecar_name(&name))
}

/// `<name>.annotations.ron`, shortened to fit (see [`sidecar_path_beside`]).
fn sidecar_name(name: &str) -> String {
    let limit = NAME_MAX - DERIVED_NAME_ROOM - SIDECAR_SUFFIX.len();
    if name.len() <= limit {
        return format!("{name}{SIDECAR_SUFFIX}");
    }
    let digest = Sha256::digest(name.as_bytes());
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let mut cut = limit - hash.len() - 1;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{hash}{SIDECAR_SUFFIX}", &name[..cut])
}

/// The user's data folder for sidecars of articles in read-only folders.
pub fn data_folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VARIABLE) {
        return Some(resolved_once(dir));
    }
    directories::ProjectDirs::from("", "", "Marginalia").map(|d| d.data_dir().to_path_buf())
}

/// A relative folder is taken from the working folder at the first use, so
/// a later change of working folder does not move the annotations.
fn resolved_once(dir: std::ffi::OsString) -> PathBuf {
    static RESOLVED: std::sync::Mutex<Option<(std::ffi::OsString, PathBuf)>> =
        std::sync::Mutex::new(None);
    let mut resolved = RESOLVED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((given, path)) = resolved.as_ref()
        && *given == dir
    {
        return path.clone();
    }
    let path = std::path::absolute(&dir).unwrap_or_else(|_| PathBuf::from(&dir));
    *resolved = Some((dir, path.clone()));
    path
}

/// Beside the article when its folder can be written (or a sidecar is
/// already there); else in the data folder, keyed by a hash of the
/// article's canonical path.
pub fn locate_sidecar(article: &Path) -> SidecarLocation {
    // An article opened through a link keeps a sidecar beside the link.
    let beside_link = sidecar_path_beside(article);
    let is_link = std::fs::symlink_metadata(article).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && beside_link.exists() {
        return SidecarLocation {
            path: beside_link,
            beside_article: true,
        };
    }
    let article = std::fs::canonicalize(article).unwrap_or_else(|_| article.to_path_buf());
    let beside = sidecar_path_beside(&article);
    let in_data = data_sidecar_path(&article);
    let folder_writable = beside
        .parent()
        .is_some_and(|dir| tempfile::tempfile_in(dir).is_ok());
    let here = |path: PathBuf, beside_article| SidecarLocation {
        path,
        beside_article,
    };
    // Earlier versions did not shorten names of 208 to 227 bytes.
    let unshortened = with_suffix(&article, SIDECAR_SUFFIX);
    let existing_beside = [beside.clone(), unshortened]
        .into_iter()
        .find(|p| p.exists());
    match (existing_beside, in_data) {
        // A folder that cannot be written: annotating goes on in the data
        // folder (the sidecar beside it is read and merged in).
        (_, Some(data)) if !folder_writable => here(data, false),
        (Some(path), _) => here(path, true),
        (None, _) => here(beside, true),
    }
}

/// The sidecar of `article` in the user's data folder, keyed by a hash of
/// its canonical path.
fn data_sidecar_path(article: &Path) -> Option<PathBuf> {
    data_folder().map(|dir| {
        let digest = Sha256::digest(article.as_os_str().as_encoded_bytes());
        let key: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let name = article
            .file_name()
            .map_or_else(|| "article".into(), |n| n.to_string_lossy().into_owned());
        dir.join("sidecars")
            .join(sidecar_name(&format!("{key}-{name}")))
    })
}

/// The other copy of an article's annotations that must be merged in: the
/// data folder's (written while the article's folder could not be) when
/// the sidecar is beside the article again, or the one beside the article
/// when its folder cannot be written now. `true` when it is to be removed
/// once merged (the data folder's).
pub fn other_copy(article: &Path, location: &SidecarLocation) -> Option<(PathBuf, bool)> {
    let article = std::fs::canonicalize(article).unwrap_or_else(|_| article.to_path_buf());
    let other = if location.beside_article {
        data_sidecar_path(&article)?
    } else {
        sidecar_path_beside(&article)
    };
    (other != location.path && other.exists()).then_some((other, location.beside_article))
}

/// How long a writer waits for another to release the lock before giving up.
pub const LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// An exclusive advisory lock, released when dropped.
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Waits until no other writer (window or command) holds the lock, for
    /// at most [`LOCK_TIMEOUT`].
    pub fn acquire(lock_path: &Path) -> std::io::Result<Self> {
        Self::acquire_within(lock_path, LOCK_TIMEOUT)
    }

    /// Waits at most `timeout`; then fails with `TimedOut`, naming the lock.
    pub fn acquire_within(lock_path: &Path, timeout: std::time::Duration) -> std::io::Result<Self> {
        if let Some(dir) = lock_path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Opening a FIFO for writing would wait for a reader.
        if let Ok(metadata) = std::fs::symlink_metadata(lock_path)
            && !metadata.is_file()
        {
            return Err(std::io::Error::other(format!(
                "{} is not a regular file; it cannot serve as the writers' lock",
                lock_path.display()
            )));
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path)?;
        let start = std::time::Instant::now();
        let mut pause = std::time::Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < timeout => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        format!(
                            "another program has held the writers' lock {} for {} s; try again when it is done",
                            lock_path.display(),
                            timeout.as_secs()
                        ),
                    ));
                }
                Err(std::fs::TryLockError::Error(error)) => return Err(error),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::write_atomically;

    #[test]
    fn sidecar_sits_beside_a_writable_article() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("war-and-peace.txt");
        std::fs::write(&article, "text").unwrap();
        let location = locate_sidecar(&article);
        assert!(location.beside_article);
        assert_eq!(
            location.path.file_name().unwrap(),
            "war-and-peace.txt.annotations.ron"
        );
        assert_eq!(
            location.recovery_path().file_name().unwrap(),
            "war-and-peace.txt.annotations.ron.recovery.ron"
        );
    }

    #[test]
    fn a_long_name_gets_a_short_sidecar_that_can_be_written() {
        let dir = tempfile::tempdir().unwrap();
        // 77 Japanese characters: 231 bytes.
        let title = "日本語の長い記事の題名".repeat(7);
        let article = dir.path().join(format!("{title}.txt"));
        std::fs::write(&article, "text").unwrap();
        let location = locate_sidecar(&article);
        let name = location
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.len() + DERIVED_NAME_ROOM <= NAME_MAX, "{}", name.len());
        assert!(name.ends_with(".annotations.ron") && name.starts_with("日本語"));
        write_atomically(&location.path, b"ok").unwrap();
        write_atomically(&location.recovery_path(), b"ok").unwrap();
        WriterLock::acquire(&location.lock_path()).unwrap();
        let other = dir.path().join(format!("{title}2.txt"));
        assert_ne!(sidecar_path_beside(&other), location.path, "unique by hash");
    }

    #[test]
    fn a_relative_data_folder_is_made_absolute_once() {
        let first = resolved_once("relative-data".into());
        assert!(first.is_absolute(), "{}", first.display());
        assert!(first.ends_with("relative-data"));
        assert_eq!(resolved_once("relative-data".into()), first);
    }

    #[test]
    fn a_lock_held_elsewhere_times_out_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join(".a.ron.lock");
        let _held = WriterLock::acquire(&lock).unwrap();
        let start = std::time::Instant::now();
        let error = WriterLock::acquire_within(&lock, std::time::Duration::from_millis(200))
            .err()
            .expect("the lock is held");
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
        assert!(error.to_string().contains(".a.ron.lock"), "{error}");
        assert!(start.elapsed() >= std::time::Duration::from_millis(200));
    }
}
