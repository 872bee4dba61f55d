//! Bringing the index up to date with the library's folders: every
//! sidecar there, every article there without one (in the library too,
//! unannotated), and the articles opened in the app. A sidecar whose size
//! and modification time are as indexed is not read; one whose bytes hash
//! as indexed is only re-stamped; any other is read, its article imported
//! (for its text and to place each annotation), and indexed anew. An
//! article is read again only when its file changed, also one that could
//! not be read (listed with why). Places gone from those folders leave the
//! index; a sidecar whose article is gone stays, its article "missing".

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::import::size_and_mtime_ns;
use crate::regular_file::read_regular_file;
use crate::store::{
    MAX_SIDECAR_BYTES, SIDECAR_SUFFIX, locate_sidecar, parse_sidecar, sidecar_path_beside,
};

use super::LibraryError;
use super::article_text::{OfferedTexts, article_stamp, article_text, read_article};
use super::entries::{LocationEntry, SidecarRead, location_entry};
use super::index::{Index, IndexedArticle, KnownSidecar};
use super::unreadable::UnreadableArticle;
use super::walk::{FolderFiles, files_in};

/// What a scan found and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScanReport {
    /// Sidecars found under the folders.
    pub sidecars: usize,
    /// Articles found under the folders without a sidecar.
    pub articles: usize,
    /// Articles opened in the app, looked at too. Every sidecar, article
    /// and opened article is indexed, unchanged, failed or unreadable: the
    /// counts add up.
    pub opened: usize,
    /// Read and indexed anew.
    pub indexed: usize,
    /// As indexed already.
    pub unchanged: usize,
    /// Gone from disk, so gone from the index.
    pub removed: usize,
    /// Sidecars that could not be read, with why (they are left as indexed).
    pub failed: Vec<(PathBuf, String)>,
    /// Articles (of those looked at) that could not be read, with why:
    /// listed in the library, read again once their file changes.
    pub unreadable: Vec<UnreadableArticle>,
    /// Folders that could not be read, with why: what they held is kept.
    pub unreadable_folders: Vec<(PathBuf, String)>,
}

/// Scans `folders` and the articles opened in the app (`opened`, which
/// are in the library with or without a sidecar); `progress` hears (done,
/// of) as files are looked at.
pub fn scan(
    index: &mut Index,
    folders: &[PathBuf],
    opened: &[PathBuf],
    mut progress: impl FnMut(usize, usize),
) -> Result<ScanReport, LibraryError> {
    let mut report = ScanReport::default();
    let found = files_in(folders);
    let articles: Vec<&PathBuf> = found.articles.iter().chain(opened).collect();
    let total = found.sidecars.len() + articles.len();
    report.sidecars = found.sidecars.len();
    report.articles = found.articles.len();
    report.opened = opened.len();
    for (done, sidecar) in found.sidecars.iter().enumerate() {
        progress(done, total);
        count(
            &mut report,
            sidecar,
            bring_up_to_date(index, sidecar, None, &mut OfferedTexts::default()),
        )?;
    }
    for (done, article) in articles.iter().enumerate() {
        progress(found.sidecars.len() + done, total);
        count(
            &mut report,
            article,
            index_article(index, article, &mut OfferedTexts::default()),
        )?;
    }
    report.removed += forget_gone(index, folders, &found, &|article| {
        opened.iter().any(|o| o == article)
    })?;
    report.unreadable_folders = found.unreadable;
    progress(total, total);
    Ok(report)
}

/// The sidecars under `folders`.
pub fn sidecars_in(folders: &[PathBuf]) -> Vec<PathBuf> {
    files_in(folders).sidecars
}

/// Counts what bringing one file up to date did; a damaged index stops the scan.
fn count(
    report: &mut ScanReport,
    path: &Path,
    outcome: Result<bool, LibraryError>,
) -> Result<(), LibraryError> {
    match outcome {
        Ok(true) => report.indexed += 1,
        Ok(false) => report.unchanged += 1,
        Err(error) if error.is_damaged_index() || error.is_index_unusable() => return Err(error),
        Err(LibraryError::Unreadable { path, reason }) => {
            report.unreadable.push(UnreadableArticle { path, reason });
        }
        Err(error) => report.failed.push((path.to_owned(), error.to_string())),
    }
    Ok(())
}

/// Places under `folders` whose sidecar and article are no longer found
/// there leave the index, unless their article was opened in the app;
/// returns how many left.
pub(super) fn forget_gone(
    index: &mut Index,
    folders: &[PathBuf],
    found: &FolderFiles,
    was_opened: &dyn Fn(&Path) -> bool,
) -> Result<usize, LibraryError> {
    let sidecars: HashSet<&PathBuf> = found.sidecars.iter().collect();
    let articles: HashSet<&PathBuf> = found.articles.iter().collect();
    let under_a_folder = |path: &Path| folders.iter().any(|folder| path.starts_with(folder));
    let mut removed = 0;
    for (sidecar, article) in index.locations()? {
        let held = (under_a_folder(&sidecar) || under_a_folder(&article))
            && !sidecars.contains(&sidecar)
            && !articles.contains(&article)
            && !was_opened(&article);
        // Gone only when the file system says so: a file in a folder
        // that cannot be read just now is not gone.
        if held && is_gone(&sidecar) && is_gone(&article) {
            index.remove_sidecar(&sidecar)?;
            removed += 1;
        }
    }
    for unreadable in index.unreadable()? {
        let article = &unreadable.path;
        if under_a_folder(article) && !articles.contains(article) && is_gone(article) {
            index.forget_unreadable(article)?;
        }
    }
    Ok(removed)
}

/// Whether the file system says there is no file at `path`.
fn is_gone(path: &Path) -> bool {
    matches!(std::fs::symlink_metadata(path),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound)
}

/// A folder left the library: its places leave the index, unless another
/// library folder holds them or their article was opened in the app.
pub fn forget_folder(
    index: &mut Index,
    folder: &Path,
    folders: &[PathBuf],
    was_opened: &dyn Fn(&Path) -> bool,
) -> Result<usize, LibraryError> {
    let held_by =
        |path: &Path, folders: &[PathBuf]| folders.iter().any(|kept| path.starts_with(kept));
    let mut removed = 0;
    for (sidecar, article) in index.locations()? {
        let place = [sidecar.as_path(), article.as_path()];
        let in_folder = place.iter().any(|path| path.starts_with(folder));
        let still_held = place.iter().any(|path| held_by(path, folders));
        if in_folder && !still_held && !was_opened(&article) {
            index.remove_sidecar(&sidecar)?;
            removed += 1;
        }
    }
    for unreadable in index.unreadable()? {
        let article = &unreadable.path;
        if article.starts_with(folder) && !held_by(article, folders) {
            index.forget_unreadable(article)?;
        }
    }
    Ok(removed)
}

/// Brings one sidecar up to date after it changed on disk (the watcher):
/// indexed anew, or forgotten when it is gone (unless its article is kept:
/// opened in the app, or in a library folder; then the article stays,
/// without annotations).
pub(super) fn refresh_sidecar(
    index: &mut Index,
    sidecar: &Path,
    is_kept: &dyn Fn(&Path) -> bool,
    offered: &mut OfferedTexts,
) -> Result<bool, LibraryError> {
    if sidecar.is_file() {
        return bring_up_to_date(index, sidecar, None, offered);
    }
    let Some(known) = index.known_sidecar(sidecar)? else {
        return Ok(false);
    };
    if is_kept(&known.article_path) && known.article_path.is_file() {
        return index_article(index, &known.article_path, offered);
    }
    index.remove_sidecar(sidecar)?;
    Ok(true)
}

/// An article opened in the app, or found in a library folder, joins the
/// library: with its sidecar (beside it, or in the data folder) when it has
/// one, else on its own. Returns whether anything was read. Its text is the
/// one `offered` (the window's) when that is of the file as it is, else
/// imported. An article that cannot be read is listed as such
/// ([`LibraryError::Unreadable`]), and read again only once it changed.
pub(super) fn index_article(
    index: &mut Index,
    article: &Path,
    offered: &mut OfferedTexts,
) -> Result<bool, LibraryError> {
    let sidecar = locate_sidecar(article).path;
    if sidecar.is_file() {
        index.forget_unreadable(article)?;
        return bring_up_to_date(index, &sidecar, Some(article), offered);
    }
    let stamp = article_stamp(article);
    if stamp.is_empty() {
        // Neither the article nor a sidecar: nothing to keep.
        let was_unreadable = index.forget_unreadable(article)?;
        let known = index.known_sidecar(&sidecar)?.is_some();
        if known {
            index.remove_sidecar(&sidecar)?;
        }
        return Ok(known || was_unreadable);
    }
    if let Some(known) = index.known_sidecar(&sidecar)?
        && known.hash.is_empty()
        && known.article_stamp == stamp
    {
        return Ok(false);
    }
    let indexed = read_unless_unreadable(index, article, &stamp, offered)?;
    index.put(&LocationEntry {
        article_path: article.to_owned(),
        sidecar_path: sidecar,
        article_present: true,
        sidecar_size: 0,
        sidecar_mtime_ns: 0,
        sidecar_hash: String::new(),
        article_stamp: stamp,
        text_hash: indexed.text_hash,
        title: indexed.title,
        byline: indexed.byline,
        format: indexed.format,
        char_count: indexed.char_count,
        body: Some(indexed.body),
        pages: indexed.pages,
        annotations: Vec::new(),
    })?;
    Ok(true)
}

/// The article at `article` (as it is now, `stamp`) read; one that could
/// not be read is listed as such, and not read again while it is as it was.
fn read_unless_unreadable(
    index: &Index,
    article: &Path,
    stamp: &str,
    offered: &mut OfferedTexts,
) -> Result<IndexedArticle, LibraryError> {
    let unreadable = |reason| LibraryError::Unreadable {
        path: article.to_owned(),
        reason,
    };
    if let Some(reason) = index.failed_as(article, stamp)? {
        return Err(unreadable(reason));
    }
    match read_article(article, stamp, offered) {
        Ok(indexed) => {
            index.forget_unreadable(article)?;
            Ok(indexed)
        }
        Err(error) => {
            let reason = error.problem();
            index.put_unreadable(article, stamp, &reason)?;
            Err(unreadable(reason))
        }
    }
}

/// The article a sidecar is beside: the file whose sidecar it is, whatever
/// the sidecar says. The name it gives (`file_name`) is taken only when it
/// is one plain name whose sidecar is this very file (a long name's sidecar
/// is shortened, so its article cannot be told from its name alone); never
/// a path elsewhere (`/etc/passwd`, `../../.bashrc`).
fn article_beside(sidecar: &Path, claimed_name: &str) -> PathBuf {
    let folder = sidecar.parent().unwrap_or(Path::new("."));
    let mut parts = Path::new(claimed_name).components();
    if let (Some(std::path::Component::Normal(name)), None) = (parts.next(), parts.next()) {
        let claimed = folder.join(name);
        if sidecar_path_beside(&claimed) == sidecar {
            return claimed;
        }
    }
    let name = sidecar
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder.join(name.strip_suffix(SIDECAR_SUFFIX).unwrap_or(&name))
}

/// Indexes `sidecar` if it or its article changed; returns whether it was
/// read. Its article is `article`, else the file its name says beside it.
pub(super) fn bring_up_to_date(
    index: &mut Index,
    sidecar: &Path,
    article: Option<&Path>,
    offered: &mut OfferedTexts,
) -> Result<bool, LibraryError> {
    let (size, mtime_ns) = std::fs::metadata(sidecar)
        .map(|metadata| size_and_mtime_ns(&metadata))
        .map_err(|error| LibraryError::io(sidecar, error))?;
    let known = index.known_sidecar(sidecar)?;
    let article_unchanged =
        |known: &KnownSidecar| known.article_stamp == article_stamp(&known.article_path);
    if let Some(known) = &known
        && known.size == size
        && known.mtime_ns == mtime_ns
        && article_unchanged(known)
    {
        return Ok(false);
    }
    let bytes = read_sidecar(sidecar, size)?;
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    if let Some(known) = &known
        && known.hash == hash
        && article_unchanged(known)
    {
        index.restamp_sidecar(sidecar, size, mtime_ns)?;
        return Ok(false);
    }
    let parsed = parse_sidecar(&bytes, sidecar).map_err(|error| LibraryError::Sidecar {
        path: sidecar.to_owned(),
        message: error.to_string(),
    })?;
    let article_path = article.map_or_else(
        || article_beside(sidecar, &parsed.document.file_name),
        Path::to_path_buf,
    );
    let stamp = article_stamp(&article_path);
    let article = article_text(index, known.as_ref(), &article_path, &stamp, offered)?;
    let read = SidecarRead {
        path: sidecar.to_owned(),
        size,
        mtime_ns,
        hash,
    };
    let entry = location_entry(read, &parsed, article_path, stamp, article);
    index.put(&entry)?;
    Ok(true)
}

/// A sidecar's bytes: never a FIFO or a device, never past the bound (it
/// may grow while it is read).
fn read_sidecar(sidecar: &Path, size: u64) -> Result<Vec<u8>, LibraryError> {
    if size > MAX_SIDECAR_BYTES {
        return Err(LibraryError::io(
            sidecar,
            std::io::Error::other(format!("larger than {MAX_SIDECAR_BYTES} bytes")),
        ));
    }
    match read_regular_file(sidecar, MAX_SIDECAR_BYTES) {
        Ok(Some(file)) => Ok(file.bytes),
        Ok(None) => {
            let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
            Err(LibraryError::io(sidecar, gone))
        }
        Err(error) => Err(LibraryError::Sidecar {
            path: sidecar.to_owned(),
            message: error.problem(),
        }),
    }
}
