//! Bringing the index up to date with the sidecars under the library's
//! folders: a sidecar whose size and modification time are as indexed is
//! not read; one whose bytes hash as indexed is only re-stamped; any other
//! is read, its article imported (for its text and to place each
//! annotation), and indexed anew. Sidecars gone from those folders leave the
//! index; a sidecar whose article is gone stays, its article "missing".

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::annotate::{HighlightStyle, IndexedText, resolve_anchor};
use crate::import::size_and_mtime_ns;
use crate::regular_file::read_regular_file;
use crate::store::{
    MAX_SIDECAR_BYTES, SIDECAR_SUFFIX, Sidecar, locate_sidecar, parse_sidecar, sidecar_path_beside,
};

use super::LibraryError;
use super::article_text::{ArticleText, OfferedTexts, article_stamp, article_text, read_article};
use super::entries::{AnnotationEntry, LocationEntry};
use super::index::{Index, KnownSidecar};

/// How deep a scan goes below a library folder.
const MAX_DEPTH: usize = 32;

/// What a scan found and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScanReport {
    /// Sidecars found under the folders.
    pub sidecars: usize,
    /// Articles opened in the app, looked at too. Every sidecar and opened
    /// article is indexed, unchanged or failed: the counts add up.
    pub opened: usize,
    /// Read and indexed anew.
    pub indexed: usize,
    /// As indexed already.
    pub unchanged: usize,
    /// Gone from disk, so gone from the index.
    pub removed: usize,
    /// Sidecars that could not be read, with why (they are left as indexed).
    pub failed: Vec<(PathBuf, String)>,
}

/// Scans `folders` and the articles opened in the app (`opened`, which
/// are in the library with or without a sidecar); `progress` hears (done,
/// of) as sidecars are looked at.
pub fn scan(
    index: &mut Index,
    folders: &[PathBuf],
    opened: &[PathBuf],
    mut progress: impl FnMut(usize, usize),
) -> Result<ScanReport, LibraryError> {
    let mut report = ScanReport::default();
    let found = sidecars_in(folders);
    let total = found.len() + opened.len();
    report.sidecars = found.len();
    report.opened = opened.len();
    for (done, sidecar) in found.iter().enumerate() {
        progress(done, total);
        count(
            &mut report,
            sidecar,
            bring_up_to_date(index, sidecar, None, &mut OfferedTexts::default()),
        )?;
    }
    for (done, article) in opened.iter().enumerate() {
        progress(found.len() + done, total);
        count(
            &mut report,
            article,
            index_article(index, article, &mut OfferedTexts::default()),
        )?;
    }
    report.removed += forget_gone(index, folders, &found, &|article| {
        opened.iter().any(|o| o == article)
    })?;
    progress(total, total);
    Ok(report)
}

/// The sidecars under `folders`.
pub fn sidecars_in(folders: &[PathBuf]) -> Vec<PathBuf> {
    folders
        .iter()
        .flat_map(|folder| sidecars_under(folder))
        .collect()
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
        Err(error) if error.is_damaged_index() => return Err(error),
        Err(error) => report.failed.push((path.to_owned(), error.to_string())),
    }
    Ok(())
}

/// Places under `folders` whose sidecar is gone leave the index, unless
/// their article was opened in the app; returns how many left.
pub(super) fn forget_gone(
    index: &mut Index,
    folders: &[PathBuf],
    found: &[PathBuf],
    was_opened: &dyn Fn(&Path) -> bool,
) -> Result<usize, LibraryError> {
    let found: std::collections::HashSet<&PathBuf> = found.iter().collect();
    let mut removed = 0;
    for (sidecar, article) in index.locations()? {
        let under_a_folder = folders.iter().any(|folder| sidecar.starts_with(folder));
        // Gone only when the file system says so: a sidecar in a folder
        // that cannot be read just now is not gone.
        let gone = matches!(std::fs::symlink_metadata(&sidecar),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound);
        if under_a_folder && !found.contains(&sidecar) && !was_opened(&article) && gone {
            index.remove_sidecar(&sidecar)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// A folder left the library: its places leave the index, unless another
/// library folder holds them or their article was opened in the app.
pub fn forget_folder(
    index: &mut Index,
    folder: &Path,
    folders: &[PathBuf],
    was_opened: &dyn Fn(&Path) -> bool,
) -> Result<usize, LibraryError> {
    let mut removed = 0;
    for (sidecar, article) in index.locations()? {
        let still_held = folders.iter().any(|kept| sidecar.starts_with(kept));
        if sidecar.starts_with(folder) && !still_held && !was_opened(&article) {
            index.remove_sidecar(&sidecar)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Brings one sidecar up to date after it changed on disk (the watcher):
/// indexed anew, or forgotten when it is gone (unless its article was
/// opened in the app: then the article stays, without annotations).
pub(super) fn refresh_sidecar(
    index: &mut Index,
    sidecar: &Path,
    was_opened: &dyn Fn(&Path) -> bool,
    offered: &mut OfferedTexts,
) -> Result<bool, LibraryError> {
    if sidecar.is_file() {
        return bring_up_to_date(index, sidecar, None, offered);
    }
    let Some(known) = index.known_sidecar(sidecar)? else {
        return Ok(false);
    };
    if was_opened(&known.article_path) {
        return index_article(index, &known.article_path, offered);
    }
    index.remove_sidecar(sidecar)?;
    Ok(true)
}

/// An article opened in the app joins the library: with its sidecar
/// (beside it, or in the data folder) when it has one, else on its own.
/// Returns whether anything was read. Its text is the one `offered`
/// (the window's) when that is of the file as it is, else imported.
pub(super) fn index_article(
    index: &mut Index,
    article: &Path,
    offered: &mut OfferedTexts,
) -> Result<bool, LibraryError> {
    let sidecar = locate_sidecar(article).path;
    if sidecar.is_file() {
        return bring_up_to_date(index, &sidecar, Some(article), offered);
    }
    let stamp = article_stamp(article);
    if stamp.is_empty() {
        // Neither the article nor a sidecar: nothing to keep.
        let known = index.known_sidecar(&sidecar)?.is_some();
        if known {
            index.remove_sidecar(&sidecar)?;
        }
        return Ok(known);
    }
    if let Some(known) = index.known_sidecar(&sidecar)?
        && known.hash.is_empty()
        && known.article_stamp == stamp
    {
        return Ok(false);
    }
    let indexed =
        read_article(article, &stamp, offered).map_err(|error| LibraryError::Sidecar {
            path: article.to_owned(),
            message: error.to_string(),
        })?;
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
        annotations: Vec::new(),
    })?;
    Ok(true)
}

/// The sidecars below `folder` (hidden folders and files skipped). Links
/// are followed, as the store follows them (a sidecar kept in a synced
/// folder, a folder linked in); walkdir stops at a link back up a loop.
fn sidecars_under(folder: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(folder)
        .max_depth(MAX_DEPTH)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_type().is_file()
                && entry
                    .file_name()
                    .to_string_lossy()
                    .ends_with(SIDECAR_SUFFIX)
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
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

/// A sidecar as read for the index: where, its size, time and hash.
struct SidecarRead {
    path: PathBuf,
    size: u64,
    mtime_ns: i64,
    hash: String,
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

/// What the index keeps of a sidecar and its article.
fn location_entry(
    read: SidecarRead,
    parsed: &Sidecar,
    article_path: PathBuf,
    article_stamp: String,
    article: Option<ArticleText>,
) -> LocationEntry {
    let annotations = annotation_entries(parsed, article.as_ref());
    let present = article.is_some();
    let (text_hash, title, byline, char_count, body) = match article {
        Some(ArticleText { indexed, read_now }) => (
            indexed.text_hash,
            indexed.title.or_else(|| parsed.document.title.clone()),
            indexed.byline,
            indexed.char_count,
            // Only a text read anew is indexed anew.
            read_now.then_some(indexed.body),
        ),
        None => (
            parsed.document.text_hash.clone(),
            parsed.document.title.clone(),
            None,
            parsed.document.char_count,
            None,
        ),
    };
    LocationEntry {
        article_path,
        sidecar_path: read.path,
        article_present: present,
        sidecar_size: read.size,
        sidecar_mtime_ns: read.mtime_ns,
        sidecar_hash: read.hash,
        article_stamp,
        text_hash,
        title,
        byline,
        format: parsed.document.format.name().to_owned(),
        char_count,
        body,
        annotations,
    }
}

/// Each highlight where it is found in the article's text (where it was
/// made when the article is missing).
fn annotation_entries(parsed: &Sidecar, article: Option<&ArticleText>) -> Vec<AnnotationEntry> {
    let text = article.map(|a| IndexedText::new(&a.indexed.body));
    parsed
        .set
        .iter()
        .map(|annotation| {
            let placed = text
                .as_ref()
                .map(|text| resolve_anchor(text, &annotation.anchor, 0));
            let (range, status) = match &placed {
                Some(resolution) => (resolution.range.clone(), resolution.status.name()),
                None => (None, "missing"),
            };
            let range = range.unwrap_or(annotation.anchor.start_char..annotation.anchor.end_char);
            AnnotationEntry {
                uuid: annotation.id.to_string(),
                start_char: range.start,
                end_char: range.end,
                quote: annotation.anchor.exact.clone(),
                note: annotation.note.clone(),
                tags: annotation.tags.clone(),
                color: annotation.color.name().to_owned(),
                style: match annotation.style {
                    HighlightStyle::Highlight => "highlight",
                    HighlightStyle::Underline => "underline",
                }
                .to_owned(),
                created: annotation.created.to_string(),
                modified: annotation.modified.to_string(),
                status: status.to_owned(),
            }
        })
        .collect()
}
