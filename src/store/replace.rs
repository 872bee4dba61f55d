//! The user's decision in recovery mode: the unreadable sidecar is kept
//! under another name and the annotations shown become the sidecar. Split
//! into a job (file work under the writers' lock, run off the UI thread) and
//! the store's taking of its result.

use std::path::PathBuf;

use crate::annotate::now;
use crate::document::Document;

use super::{AnnotationStore, SaveJob, SaveOutcome, StoreError, StoreMode, WriterLock};

/// Renames the unreadable sidecar aside, saves the annotations in its
/// place, then removes the recovery file.
#[derive(Clone, Debug)]
pub struct ReplaceJob {
    sidecar: PathBuf,
    lock_path: PathBuf,
    /// `<sidecar>.unreadable-<time>`: where the unreadable file is kept.
    kept: PathBuf,
    recovery: PathBuf,
    save: SaveJob,
}

impl ReplaceJob {
    /// Does the file work; never deletes the unreadable file or the
    /// recovery file before the annotations are safely in the sidecar.
    pub fn run(&self) -> Result<SaveOutcome, StoreError> {
        let write_error = |path: &PathBuf| {
            let path = path.clone();
            move |source| StoreError::Write { path, source }
        };
        {
            let _lock = WriterLock::acquire(&self.lock_path).map_err(write_error(&self.sidecar))?;
            if self.sidecar.exists() {
                std::fs::rename(&self.sidecar, &self.kept).map_err(write_error(&self.sidecar))?;
            }
        }
        let outcome = self.save.run()?;
        if self.recovery.exists() {
            std::fs::remove_file(&self.recovery).map_err(write_error(&self.recovery))?;
        }
        Ok(outcome)
    }

    /// Where the unreadable file is kept.
    pub fn kept(&self) -> &std::path::Path {
        &self.kept
    }
}

impl AnnotationStore {
    /// The job that replaces the unreadable sidecar (recovery mode only).
    pub fn replace_job(&self) -> Result<ReplaceJob, StoreError> {
        let StoreMode::Recovery { recovery, .. } = &self.mode else {
            return Err(StoreError::NothingToReplace {
                path: self.location.path.clone(),
            });
        };
        let sidecar = self.location.path.clone();
        let stamp = now().strftime("%Y%m%dT%H%M%SZ").to_string();
        let mut kept_name = sidecar.file_name().unwrap_or_default().to_os_string();
        kept_name.push(format!(".unreadable-{stamp}"));
        Ok(ReplaceJob {
            kept: sidecar.with_file_name(kept_name),
            lock_path: self.location.lock_path(),
            recovery: recovery.clone(),
            save: self.save_job_to(sidecar.clone(), None),
            sidecar,
        })
    }

    /// Takes the result of a replace job: on success the store writes the
    /// sidecar again; on failure it stays in recovery mode.
    pub fn finish_replace(
        &mut self,
        job: &ReplaceJob,
        result: Result<SaveOutcome, StoreError>,
        document: &Document,
    ) -> Result<PathBuf, StoreError> {
        let outcome = result?;
        self.mode = StoreMode::Normal;
        self.known = None;
        self.finish_save(&job.save, Ok(outcome), document)?;
        Ok(job.kept.clone())
    }

    /// Replaces the unreadable sidecar on this thread (the command line; tests).
    pub fn replace_unreadable_sidecar(
        &mut self,
        document: &Document,
    ) -> Result<PathBuf, StoreError> {
        let job = self.replace_job()?;
        let result = job.run();
        self.finish_replace(&job, result, document)
    }
}
