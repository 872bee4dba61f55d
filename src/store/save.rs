//! Reading a sidecar from disk, and saving: a snapshot of the annotations
//! merged under the writers' lock with whatever is on disk, written atomically.

use std::path::{Path, PathBuf};

use super::adopt::StoreNotice;
use super::atomic::remove_temporaries_of;
use super::conflicts::{read_conflict_copies, set_aside};
use super::{
    AnnotationSet, DocumentInfo, FORMAT_VERSION, MAX_SIDECAR_BYTES, Sidecar, StoreError,
    WriterLock, parse_sidecar, sidecar_to_string_keeping, write_atomically,
};
use crate::regular_file::{RegularFileError, read_regular_file};

/// One version of a file on disk: any write or rename changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl FileStamp {
    fn of(metadata: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(metadata);
        #[cfg(not(unix))]
        let inode = 0;
        FileStamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            inode,
        }
    }

    /// The stamp of the file at `path` now, `None` if there is none.
    pub fn of_path(path: &Path) -> Option<Self> {
        std::fs::metadata(path).ok().map(|m| Self::of(&m))
    }
}

/// Reads a sidecar, or `None` when there is none.
pub fn read_sidecar(path: &Path) -> Result<Option<Sidecar>, StoreError> {
    read_sidecar_stamped(path).map(|found| found.map(|(sidecar, _)| sidecar))
}

/// Reads a sidecar with the stamp of the very file read.
pub(super) fn read_sidecar_stamped(
    path: &Path,
) -> Result<Option<(Sidecar, FileStamp)>, StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    // A FIFO, a socket or a device is refused without waiting on it.
    let file = match read_regular_file(path, MAX_SIDECAR_BYTES) {
        Ok(Some(file)) => file,
        Ok(None) => return Ok(None),
        Err(RegularFileError::NotAFile { .. }) => {
            return Err(StoreError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        Err(RegularFileError::TooLarge { size, .. }) => {
            return Err(StoreError::TooLarge {
                path: path.to_path_buf(),
                size,
            });
        }
        Err(RegularFileError::Io { source, .. }) => return Err(read_error(source)),
    };
    let (bytes, metadata) = (file.bytes, file.metadata);
    let sidecar = parse_sidecar(&bytes, path)?;
    Ok(Some((sidecar, FileStamp::of(&metadata))))
}

/// A sidecar as last read or written, and the stamp of that file.
#[derive(Clone, Debug)]
pub(super) struct KnownDisk {
    pub(super) stamp: FileStamp,
    pub(super) sidecar: Sidecar,
}

/// The file a save writes to, and a snapshot of what it writes.
#[derive(Clone, Debug)]
pub struct SaveJob {
    pub(super) path: PathBuf,
    pub(super) lock_path: PathBuf,
    pub(super) info: DocumentInfo,
    pub(super) set: AnnotationSet,
    pub(super) generation: u64,
    /// What the store last saw on disk: if the file is still that one, it
    /// need not be read and parsed again.
    pub(super) known: Option<KnownDisk>,
    /// Recovery files and copies whose annotations this save puts in the
    /// sidecar: removed once they are there.
    pub(super) remove_after: Vec<PathBuf>,
}

/// What a save left on disk.
#[derive(Clone, Debug)]
pub struct SaveOutcome {
    /// The merged annotations now in the file.
    pub set: AnnotationSet,
    pub(super) known: Option<KnownDisk>,
    /// Conflict copies merged in or set aside, for the user.
    pub(super) notices: Vec<StoreNotice>,
}

impl SaveJob {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Under the writers' lock: reads what is on disk now, merges this
    /// snapshot into it, and writes the result atomically if it differs.
    /// Never writes over a file it cannot parse.
    pub fn run(&self) -> Result<SaveOutcome, StoreError> {
        let write_error = |source| StoreError::Write {
            path: self.path.clone(),
            source,
        };
        let _lock = WriterLock::acquire(&self.lock_path).map_err(write_error)?;
        // Under the lock no other writer is mid-write: temporary files left
        // here are from a writer that was killed.
        remove_temporaries_of(&self.path);
        let on_disk = self.read_on_disk()?;
        let mut merged = on_disk
            .as_ref()
            .map(|d| d.sidecar.set.clone())
            .unwrap_or_default();
        // Sync tools' conflict copies come in too, and go once written.
        let (copies, notices) = self.merge_conflict_copies(&mut merged);
        merged.merge_with_current_anchors(&self.set);
        let unchanged = on_disk.as_ref().is_some_and(|d| {
            d.sidecar.set == merged
                && d.sidecar.document == self.info
                && d.sidecar.renamed.is_empty()
        });
        if unchanged {
            self.remove_merged_copies(&copies);
            return Ok(SaveOutcome {
                set: merged,
                known: on_disk,
                notices,
            });
        }
        let known = Some(self.write(&merged, on_disk.as_ref())?);
        self.remove_merged_copies(&copies);
        Ok(SaveOutcome {
            set: merged,
            known,
            notices,
        })
    }

    /// What is on disk now (as known, when its stamp has not changed).
    /// A newer version's file is refused: it is never written over.
    fn read_on_disk(&self) -> Result<Option<KnownDisk>, StoreError> {
        let on_disk = match (&self.known, FileStamp::of_path(&self.path)) {
            (Some(known), Some(now)) if known.stamp == now => Some(known.clone()),
            _ => read_sidecar_stamped(&self.path)?
                .map(|(sidecar, stamp)| KnownDisk { stamp, sidecar }),
        };
        if let Some(newer) = on_disk
            .as_ref()
            .filter(|d| d.sidecar.version > FORMAT_VERSION)
        {
            return Err(StoreError::NewerVersion {
                path: self.path.clone(),
                version: newer.sidecar.version,
            });
        }
        Ok(on_disk)
    }

    /// Writes `merged` atomically, keeping a newer version's top-level
    /// fields; never what a read would refuse (the user would be locked out).
    fn write(
        &self,
        merged: &AnnotationSet,
        on_disk: Option<&KnownDisk>,
    ) -> Result<KnownDisk, StoreError> {
        let too_large = |size: u64| StoreError::WouldBeTooLarge {
            path: self.path.clone(),
            size,
        };
        let estimate: u64 = merged
            .iter()
            .map(|a| (a.note.len() + a.anchor.exact.len() + a.tags.concat().len()) as u64)
            .sum();
        if estimate > MAX_SIDECAR_BYTES {
            return Err(too_large(estimate));
        }
        let unknown_fields = on_disk
            .map(|d| d.sidecar.unknown_fields.clone())
            .unwrap_or_default();
        let text = sidecar_to_string_keeping(&self.info, merged, &unknown_fields);
        if text.len() as u64 > MAX_SIDECAR_BYTES {
            return Err(too_large(text.len() as u64));
        }
        let written =
            write_atomically(&self.path, text.as_bytes()).map_err(|source| StoreError::Write {
                path: self.path.clone(),
                source,
            })?;
        Ok(KnownDisk {
            stamp: FileStamp::of(&written),
            sidecar: Sidecar {
                unknown_fields,
                ..Sidecar::new(self.info.clone(), merged.clone())
            },
        })
    }

    /// Merges the conflict copies beside the sidecar into `merged`; returns
    /// the copies merged (to remove once written) and what to tell.
    fn merge_conflict_copies(
        &self,
        merged: &mut AnnotationSet,
    ) -> (Vec<PathBuf>, Vec<StoreNotice>) {
        let found = read_conflict_copies(&self.path, &self.info);
        let mut notices = Vec::new();
        let (mut count, mut kept_both) = (0, 0);
        let mut copies = Vec::new();
        for (path, set) in found.read {
            let brought = merged.merge_told(&set);
            // A copy the store already merged in was told of then.
            if !self.remove_after.contains(&path) {
                count += brought.taken;
                kept_both += brought.kept_beside;
            }
            copies.push(path);
        }
        if count + kept_both > 0 {
            notices.push(StoreNotice::DevicesMerged { count, kept_both });
        }
        for (copy, problem) in found.unreadable {
            match set_aside(&copy) {
                Ok(kept) => notices.push(StoreNotice::ConflictCopySetAside {
                    copy,
                    kept,
                    problem: problem.to_string(),
                }),
                Err(error) => log::warn!("{}: cannot be moved aside: {error}", copy.display()),
            }
        }
        (copies, notices)
    }

    /// The copies' annotations are in the sidecar now: they go.
    fn remove_merged_copies(&self, conflict_copies: &[PathBuf]) {
        for copy in self.remove_after.iter().chain(conflict_copies) {
            if let Err(error) = std::fs::remove_file(copy)
                && error.kind() != std::io::ErrorKind::NotFound
            {
                log::warn!("{}: cannot be removed: {error}", copy.display());
            }
        }
    }
}
