//! The one way Marginalia reads a file it did not just write: regular files
//! only (a FIFO, a socket or a device — or a link to one — is refused
//! without waiting on it), within a size bound even if the file grows while
//! it is read. Used for articles' pictures, sidecars, the device name, the
//! library's user data and the window's settings.

use std::io::Read as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum RegularFileError {
    #[error("{}: is not a regular file (a FIFO, a socket or a device is never read)", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: is larger than {} (it is {} bytes)", path.display(), size_text(*max_bytes), size)]
    TooLarge {
        path: PathBuf,
        size: u64,
        max_bytes: u64,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl RegularFileError {
    /// What is wrong, without the file's name (for a message that names it
    /// already).
    pub fn problem(&self) -> String {
        match self {
            RegularFileError::NotAFile { .. } => {
                "it is not a regular file (a FIFO, a socket or a device is never read)".to_owned()
            }
            RegularFileError::TooLarge {
                size, max_bytes, ..
            } => format!("it is larger than {} ({size} bytes)", size_text(*max_bytes)),
            RegularFileError::Io { source, .. } => source.to_string(),
        }
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", (bytes >> 10).max(1))
    }
}

/// A regular file's bytes and its metadata (taken from the very file read).
#[derive(Debug)]
pub struct RegularFile {
    pub bytes: Vec<u8>,
    pub metadata: std::fs::Metadata,
}

/// Opens `path` (links followed) if it is a regular file; `Ok(None)` when
/// there is no such file.
fn open_regular(
    path: &Path,
) -> Result<Option<(std::fs::File, std::fs::Metadata)>, RegularFileError> {
    let io = |source| RegularFileError::Io {
        path: path.to_owned(),
        source,
    };
    // Opened without waiting: opening a FIFO with no writer would block.
    // The check below is on the opened file, so a file swapped for a FIFO
    // between a look and the open is still refused.
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io(error)),
    };
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(RegularFileError::NotAFile {
            path: path.to_owned(),
        });
    }
    Ok(Some((file, metadata)))
}

/// Reads `path` (links followed) if it is a regular file of at most
/// `max_bytes`; `Ok(None)` when there is no such file.
pub fn read_regular_file(
    path: &Path,
    max_bytes: u64,
) -> Result<Option<RegularFile>, RegularFileError> {
    let Some((file, metadata)) = open_regular(path)? else {
        return Ok(None);
    };
    let too_large = |size| RegularFileError::TooLarge {
        path: path.to_owned(),
        size,
        max_bytes,
    };
    if metadata.len() > max_bytes {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| RegularFileError::Io {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(Some(RegularFile { bytes, metadata }))
}

/// At most the first `max_bytes` of `path` (a regular file, as
/// `read_regular_file`), however long the file is.
pub fn read_regular_head(path: &Path, max_bytes: u64) -> Result<Option<Vec<u8>>, RegularFileError> {
    let Some((file, _)) = open_regular(path)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.take(max_bytes)
        .read_to_end(&mut bytes)
        .map_err(|source| RegularFileError::Io {
            path: path.to_owned(),
            source,
        })?;
    Ok(Some(bytes))
}

/// Reads `path` as UTF-8 text, as `read_regular_file`.
pub fn read_regular_text(path: &Path, max_bytes: u64) -> Result<Option<String>, RegularFileError> {
    let Some(file) = read_regular_file(path, max_bytes)? else {
        return Ok(None);
    };
    String::from_utf8(file.bytes)
        .map(Some)
        .map_err(|_| RegularFileError::Io {
            path: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "is not UTF-8 text"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn a_fifo_or_a_device_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        for path in [&pipe, &link] {
            let error = read_regular_file(path, 1024).unwrap_err();
            assert!(
                matches!(error, RegularFileError::NotAFile { .. }),
                "{error}"
            );
            assert!(error.to_string().contains(&*path.to_string_lossy()));
        }
    }

    #[test]
    fn a_file_is_read_within_its_bound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small");
        assert!(read_regular_file(&path, 10).unwrap().is_none());
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(
            read_regular_file(&path, 10).unwrap().unwrap().bytes.len(),
            10
        );
        let error = read_regular_file(&path, 9).unwrap_err();
        assert!(matches!(error, RegularFileError::TooLarge { size: 10, .. }));
        assert_eq!(
            read_regular_text(&path, 10).unwrap().as_deref(),
            Some("0123456789")
        );
        assert_eq!(read_regular_head(&path, 4).unwrap().unwrap(), b"0123");
    }
}
