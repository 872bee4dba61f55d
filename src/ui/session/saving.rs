//! Where a highlight is stored: changes rest for a moment, then a snapshot
//! is saved on a worker thread (merged under the writers' lock with what is
//! on disk). No file is written and no lock is taken on the UI thread,
//! except for the last save when the app quits.

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::store::{ReplaceJob, SaveJob, SaveOutcome, StoreError, StoreMode};

use super::{DocumentSession, SessionNotice, SessionProblem, TickOutcome};

/// How long after the last change a save starts.
const SAVE_DELAY: Duration = Duration::from_millis(300);
/// How long a command that writes waits for its worker before the frame
/// goes on (the result then arrives in a later frame).
const GRACE: Duration = Duration::from_millis(150);

/// What the status bar says about saving.
#[derive(Clone, Debug)]
pub enum SaveState {
    Saved,
    /// Changes wait for the save delay.
    Unsaved,
    Saving,
    Failed(Arc<StoreError>),
    ReadOnly,
}

impl PartialEq for SaveState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (SaveState::Failed(a), SaveState::Failed(b)) => a.to_string() == b.to_string(),
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// A write running on a worker thread.
enum WriteJob {
    Save(SaveJob),
    Replace(ReplaceJob),
}

pub(super) struct PendingWrite {
    job: WriteJob,
    result: mpsc::Receiver<Result<SaveOutcome, StoreError>>,
}

impl PendingWrite {
    fn spawn(job: WriteJob, ctx: &egui::Context) -> Self {
        let (sender, result) = mpsc::channel();
        let ctx = ctx.clone();
        let run: Box<dyn FnOnce() -> Result<SaveOutcome, StoreError> + Send> = match &job {
            WriteJob::Save(save) => {
                let save = save.clone();
                Box::new(move || save.run())
            }
            WriteJob::Replace(replace) => {
                let replace = replace.clone();
                Box::new(move || replace.run())
            }
        };
        std::thread::spawn(move || {
            // The receiver is gone only if the document was closed.
            let _ = sender.send(run());
            ctx.request_repaint();
        });
        Self { job, result }
    }

    /// Waits for the worker (closing, quitting).
    fn wait(self) -> (WriteJob, Result<SaveOutcome, StoreError>) {
        let result = self.result.recv().unwrap_or_else(|_| Err(stopped()));
        (self.job, result)
    }
}

fn stopped() -> StoreError {
    StoreError::Write {
        path: std::path::PathBuf::new(),
        source: std::io::Error::other("the saving thread stopped"),
    }
}

/// A closed document finishing its last save on a worker thread.
pub struct ClosingSession {
    result: mpsc::Receiver<Result<(), StoreError>>,
    thread: std::thread::JoinHandle<()>,
}

impl ClosingSession {
    /// The result, if the save is done within `timeout`.
    pub fn wait(&self, timeout: Duration) -> Option<Result<(), StoreError>> {
        match self.result.recv_timeout(timeout) {
            Ok(result) => Some(result),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(Err(stopped())),
        }
    }

    /// Waits until the save is done (the app is quitting).
    pub fn finish(self) -> Result<(), StoreError> {
        let result = self.result.recv().unwrap_or_else(|_| Err(stopped()));
        // The thread has sent its result; joining only reaps it.
        let _ = self.thread.join();
        result
    }
}

impl DocumentSession {
    pub fn save_state(&self) -> SaveState {
        if let StoreMode::ReadOnly { .. } = self.store.mode() {
            return SaveState::ReadOnly;
        }
        if let Some(error) = &self.save_error {
            return SaveState::Failed(error.clone());
        }
        if self.pending.is_some() {
            SaveState::Saving
        } else if self.store.has_unsaved_changes() {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    /// Whether the store is in recovery mode, where the user may replace
    /// the unreadable sidecar.
    pub fn in_recovery(&self) -> bool {
        matches!(self.store.mode(), StoreMode::Recovery { .. })
    }

    /// Replaces the unreadable sidecar with the annotations shown (the user
    /// decided), on a worker; waits a moment for it so the usual case
    /// reports in this frame.
    pub fn replace_unreadable_sidecar(&mut self, ctx: &egui::Context) -> TickOutcome {
        let mut outcome = TickOutcome::default();
        self.replace_wanted = true;
        self.poll_pending_within(GRACE, &mut outcome);
        self.start_replacement(ctx, &mut outcome);
        self.poll_pending_within(GRACE, &mut outcome);
        outcome
    }

    /// Starts the replacement the user asked for, once no write is under
    /// way (a save first finishes on its worker; nothing waits for it here).
    pub(super) fn start_replacement(&mut self, ctx: &egui::Context, outcome: &mut TickOutcome) {
        if !self.replace_wanted || self.pending.is_some() {
            return;
        }
        self.replace_wanted = false;
        match self.store.replace_job() {
            Ok(job) => self.pending = Some(PendingWrite::spawn(WriteJob::Replace(job), ctx)),
            Err(error) => outcome
                .problems
                .push(SessionProblem::Store(Arc::new(error))),
        }
    }

    pub(super) fn poll_pending(&mut self, outcome: &mut TickOutcome) {
        self.poll_pending_within(Duration::ZERO, outcome);
    }

    fn poll_pending_within(&mut self, timeout: Duration, outcome: &mut TickOutcome) {
        let Some(pending) = &self.pending else {
            return;
        };
        let result = match pending.result.recv_timeout(timeout) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => return,
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(stopped()),
        };
        if let Some(pending) = self.pending.take() {
            self.finish_write(pending.job, result, outcome);
        }
    }

    fn finish_write(
        &mut self,
        job: WriteJob,
        result: Result<SaveOutcome, StoreError>,
        outcome: &mut TickOutcome,
    ) {
        let finished = match &job {
            WriteJob::Save(job) => self.store.finish_save(job, result, &self.document),
            WriteJob::Replace(job) => {
                self.store
                    .finish_replace(job, result, &self.document)
                    .map(|kept| {
                        outcome.notices.push(SessionNotice::Replaced {
                            sidecar: self.store.location().path.clone(),
                            kept,
                        });
                    })
            }
        };
        match finished {
            Ok(()) => {
                self.save_error = None;
                self.annotations_changed();
            }
            Err(error) => {
                let error = Arc::new(error);
                self.save_error = Some(error.clone());
                if matches!(*error, StoreError::Unusable { .. }) {
                    // The sidecar turned out unusable: save to the recovery file now.
                    self.last_edit = Some(Instant::now() - SAVE_DELAY);
                    outcome.problems.extend(self.store_problem());
                } else {
                    outcome.problems.push(SessionProblem::Store(error));
                }
            }
        }
    }

    pub(super) fn start_save_when_rested(
        &mut self,
        ctx: &egui::Context,
        outcome: &mut TickOutcome,
    ) {
        if self.pending.is_some() || !self.store.has_unsaved_changes() {
            return;
        }
        if matches!(self.store.mode(), StoreMode::ReadOnly { .. }) {
            return;
        }
        let rested = self.last_edit.map_or(Duration::MAX, |t| t.elapsed());
        if rested < SAVE_DELAY {
            ctx.request_repaint_after(SAVE_DELAY - rested);
            return;
        }
        match self.store.save_job() {
            Ok(Some(job)) => self.pending = Some(PendingWrite::spawn(WriteJob::Save(job), ctx)),
            Ok(None) => {}
            Err(error) => {
                let error = Arc::new(error);
                self.save_error = Some(error.clone());
                outcome.problems.push(SessionProblem::Store(error));
            }
        }
    }

    /// Finishes any write under way and saves what is left, on this thread
    /// (quitting; a closed document's worker).
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if let Some(pending) = self.pending.take() {
            match pending.wait() {
                (WriteJob::Save(job), result) => {
                    self.store.finish_save(&job, result, &self.document)?;
                }
                (WriteJob::Replace(job), result) => {
                    self.store.finish_replace(&job, result, &self.document)?;
                }
            }
        }
        if std::mem::take(&mut self.replace_wanted) {
            // Asked for before the document closed: done now, on this worker.
            self.store.replace_unreadable_sidecar(&self.document)?;
        }
        if self.store.has_unsaved_changes() {
            self.store.save_now(&self.document)?;
        }
        Ok(())
    }

    /// Closes the document: it stops watching the disk, and its last save
    /// runs on a worker thread, so no frame waits for the writers' lock.
    pub fn close_in_background(mut self) -> ClosingSession {
        self.watcher = None;
        let (sender, result) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let mut session = self;
            // The receiver is gone only if the app has quit without waiting.
            let _ = sender.send(session.flush());
            drop(session);
            crate::memory::give_back_freed_memory();
        });
        ClosingSession { result, thread }
    }
}
