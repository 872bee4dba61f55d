//! Where a sidecar lives, atomic writes, and the advisory lock writers share.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
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

/// `war-and-peace.txt` → `war-and-peace.txt.annotations.ron`, beside it.
pub fn sidecar_path_beside(article: &Path) -> PathBuf {
    with_suffix(article, ".annotations.ron")
}

/// The user's data folder for sidecars of articles in read-only folders.
pub fn data_folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VARIABLE) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "Marginalia").map(|d| d.data_dir().to_path_buf())
}

/// Beside the article when its folder can be written (or a sidecar is
/// already there); else in the data folder, keyed by a hash of the
/// article's canonical path.
pub fn locate_sidecar(article: &Path) -> SidecarLocation {
    let article = std::fs::canonicalize(article).unwrap_or_else(|_| article.to_path_buf());
    let beside = sidecar_path_beside(&article);
    let in_data = data_folder().map(|dir| {
        let digest = Sha256::digest(article.as_os_str().as_encoded_bytes());
        let key: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let name = article
            .file_name()
            .map_or_else(|| "article".into(), |n| n.to_string_lossy().into_owned());
        dir.join("sidecars")
            .join(format!("{key}-{name}.annotations.ron"))
    });
    let beside_location = SidecarLocation {
        path: beside.clone(),
        beside_article: true,
    };
    if beside.exists() {
        return beside_location;
    }
    if let Some(path) = &in_data
        && path.exists()
    {
        return SidecarLocation {
            path: path.clone(),
            beside_article: false,
        };
    }
    let folder_writable = beside
        .parent()
        .is_some_and(|dir| tempfile::tempfile_in(dir).is_ok());
    match in_data {
        Some(path) if !folder_writable => SidecarLocation {
            path,
            beside_article: false,
        },
        _ => beside_location,
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, fsync, rename over `path`, fsync of the folder. A crash at any
/// moment leaves the old file or the new one, whole. Returns the metadata of
/// the file written (taken before the rename, so it is certainly ours).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<std::fs::Metadata> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
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

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    Some(std::os::unix::fs::PermissionsExt::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
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
