//! The article named on the command line is read and imported on a thread
//! of its own while the window and its renderer come up (140–250 ms here),
//! instead of after: the first frame can show its text.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::document::Document;
use crate::import::{ImportError, import_path};

/// An import started before the window.
#[derive(Debug)]
pub struct PrefetchedImport {
    /// The article, canonical.
    path: PathBuf,
    result: mpsc::Receiver<Result<Document, ImportError>>,
}

impl PrefetchedImport {
    /// Starts importing `path` (if it is a file) on a thread.
    pub fn start(path: &Path) -> Option<Self> {
        let path = std::fs::canonicalize(path).ok()?;
        if !path.is_file() {
            return None;
        }
        let (sender, result) = mpsc::channel();
        let reading = path.clone();
        std::thread::spawn(move || {
            // The receiver is gone only if the window could not open.
            let _ = sender.send(import_path(&reading));
        });
        Some(Self { path, result })
    }

    /// Whether this is the import of `path` (canonical).
    pub fn is_of(&self, path: &Path) -> bool {
        self.path == path
    }

    /// The imported article; `None` if the thread died.
    pub fn wait(self) -> Option<Result<Document, ImportError>> {
        self.result.recv().ok()
    }
}
