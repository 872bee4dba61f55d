//! The library's queue of work: each unit queued once, and everything
//! the folders hold (their sidecars and their articles) and the articles
//! opened in the app queued for a re-check.

use std::path::{Path, PathBuf};

use crate::library::reading::ReadingState;
use crate::library::walk::{FolderFiles, files_in, is_article_name};

use super::{Work, Worker};

impl Worker {
    pub(super) fn queue(&mut self, work: Work) {
        if self.queued.insert(work.clone()) {
            if self.pending.is_empty() {
                (self.done, self.total) = (0, 0);
            }
            self.pending.push_back(work);
            self.total += 1;
        }
    }

    pub(super) fn clear_queue(&mut self) {
        self.pending.clear();
        self.queued.clear();
    }

    /// Whether the article at `path` stays in the library without its
    /// sidecar: opened in the app, or an article in a library folder.
    pub(super) fn is_kept(
        reading: &Option<ReadingState>,
        folders: &[PathBuf],
        article: &Path,
    ) -> bool {
        Self::was_opened(reading, article)
            || (is_article_name(article) && folders.iter().any(|f| article.starts_with(f)))
    }

    /// Queues what the folders hold: their sidecars and their articles.
    pub(super) fn queue_found(&mut self, found: &FolderFiles) {
        for sidecar in &found.sidecars {
            self.queue(Work::Sidecar(sidecar.clone()));
        }
        for article in &found.articles {
            self.queue(Work::Article(article.clone()));
        }
    }

    pub(super) fn queue_everything(&mut self) {
        let found = files_in(&self.folders.folders);
        self.queue_found(&found);
        if found.unreadable != self.unreadable_folders {
            self.unreadable_folders = found.unreadable.clone();
            self.changed = true;
        }
        let opened: Vec<PathBuf> = self
            .reading
            .as_ref()
            .map(|reading| reading.articles.keys().cloned().collect())
            .unwrap_or_default();
        for article in opened {
            self.queue(Work::Article(article));
        }
        self.found = Some(found);
        self.queue(Work::ForgetGone);
    }
}
