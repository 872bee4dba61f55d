//! Where an export may go: never onto the article or the files that keep
//! its annotations, nor over a file that is not an earlier export (unless
//! forced); a FIFO or a device is written into, never replaced.

use std::path::{Path, PathBuf};

use crate::regular_file::read_regular_text;

/// Why an export may not be written where it was asked to go.
#[derive(Debug, thiserror::Error)]
pub enum ExportTargetError {
    #[error("{}: is the article or a file that keeps its annotations; an export never writes there", path.display())]
    Protected { path: PathBuf },
    #[error("{}: exists and is not an earlier export; add --force to overwrite it", path.display())]
    NotAnExport { path: PathBuf },
}

/// What an HTML export's head says of it.
pub(super) const HTML_EXPORT_MARK: &str = "<meta name=\"generator\" content=\"Marginalia\">";

/// An export never lands on the article or the files that keep its
/// annotations, nor on a file that is not an earlier export (unless forced).
pub fn check_export_target(
    output: &Path,
    article: &Path,
    location: &super::SidecarLocation,
    force: bool,
) -> Result<(), ExportTargetError> {
    let resolved = resolve(output);
    let protected = [
        resolve(article),
        resolve(&location.path),
        resolve(&location.recovery_path()),
        resolve(&location.lock_path()),
    ];
    if protected.contains(&resolved) {
        return Err(ExportTargetError::Protected {
            path: output.to_path_buf(),
        });
    }
    // A FIFO or a device (`/dev/stdout`) is written into, never replaced.
    if is_stream(output) {
        return Ok(());
    }
    if output.exists() && !force && !is_earlier_export(output) {
        return Err(ExportTargetError::NotAnExport {
            path: output.to_path_buf(),
        });
    }
    Ok(())
}

/// Whether `path` (links followed) is something to write into rather than a
/// file to replace: a FIFO, a character device or a socket.
fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| {
        let kind = metadata.file_type();
        !kind.is_file() && !kind.is_dir()
    })
}

/// Writes an export to `path`: a regular file (or a new one) is replaced
/// atomically; a FIFO or a device is written into as it is, never replaced
/// by a file. A FIFO nobody reads is refused at once, not waited on.
pub fn write_export(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    if !is_stream(path) {
        return super::write_atomically(path, text.as_bytes()).map(drop);
    }
    let mut stream = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|error| match error.raw_os_error() {
            Some(libc::ENXIO) => std::io::Error::other("a FIFO that nobody reads"),
            _ => error,
        })?;
    // Opened without waiting; written with waiting, as any stream is.
    let fd = std::os::fd::AsRawFd::as_raw_fd(&stream);
    // SAFETY: fcntl on a descriptor this function owns, flags from F_GETFL.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    stream.write_all(text.as_bytes())?;
    stream.flush()
}

/// The path a file is (or would be) at, links followed.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let parent = std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    parent.join(path.file_name().unwrap_or_default())
}

/// Whether a file looks like something an export wrote: a W3C annotation
/// page, a Markdown digest, or a sidecar. Read in bounded memory.
fn is_earlier_export(path: &Path) -> bool {
    // An article exported as HTML says it was, in its head.
    if let Ok(Some(head)) = crate::regular_file::read_regular_head(path, 1024) {
        let head = String::from_utf8_lossy(&head);
        if head.starts_with("<!DOCTYPE html>") && head.contains(HTML_EXPORT_MARK) {
            return true;
        }
    }
    let Ok(Some(text)) = read_regular_text(path, super::MAX_SIDECAR_BYTES) else {
        return false;
    };
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
        return json["type"] == "AnnotationPage";
    }
    if super::parse_sidecar(text.as_bytes(), path).is_ok() {
        return true;
    }
    let mut lines = text.lines();
    lines.next().is_some_and(|l| l.starts_with("# "))
        && lines
            .take(4)
            .any(|l| l.ends_with(" highlight") || l.ends_with(" highlights"))
}
