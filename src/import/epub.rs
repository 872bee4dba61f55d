//! The EPUB importer: the chapters in spine order as one document, each
//! chapter headed by its table-of-contents entry (so the book's contents
//! feed the outline).

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use epub::doc::{EpubDoc, NavPoint};

use crate::document::language::primary_subtag;
use crate::document::{BlockKind, Document, DocumentBuilder, Format, Metadata};

use super::html::{append_html_body, first_heading};
use super::inline::{collapse, same_words};
use super::nesting::markup_depth;
use super::page::metadata_line;
use super::picture::ArchivePictures;
use super::text::{GutenbergMarker, gutenberg_marker};

/// Imports an EPUB file's bytes; the error says what is wrong with it.
pub fn document_from_epub(bytes: &[u8], metadata: Metadata) -> Result<Document, String> {
    check_archive(bytes)?;
    let mut book = EpubDoc::from_reader(Cursor::new(bytes.to_vec())).map_err(|e| e.to_string())?;
    check_contents_file(&mut book)?;
    let mut builder = DocumentBuilder::new(Format::Epub, metadata);
    let title = push_front_matter(&book, &mut builder);
    // The blocks the book's own text may start at (after title and byline).
    let front = builder.block_count();
    let mut labels: HashMap<PathBuf, String> = HashMap::new();
    collect_labels(&book.toc, &mut labels);
    let spine: Vec<String> = book.spine.iter().map(|item| item.idref.clone()).collect();
    let mut chapters = 0;
    // Pictures are entries of the archive, inflated when shown.
    let archive: Arc<[u8]> = Arc::from(bytes);
    let entries: HashSet<String> = zip::ZipArchive::new(Cursor::new(bytes))
        .map(|zip| {
            zip.file_names()
                .filter_map(Result::ok)
                .map(|n| n.into_owned())
                .collect()
        })
        .unwrap_or_default();
    for idref in spine {
        let Some(path) = book.resources.get(&idref).map(|r| r.path.clone()) else {
            continue;
        };
        let Some((html, _mime)) = book.get_resource_str(&idref) else {
            continue;
        };
        let before = builder.block_count();
        let skip = chapter_heading(&mut builder, labels.get(&path), &html, title.as_deref());
        let mut pictures = ArchivePictures {
            archive: archive.clone(),
            entries: &entries,
            chapter_folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        // Links to the chapter, and to ids in it, lead here.
        let scope = path.to_string_lossy().into_owned();
        builder.add_anchor(scope.clone());
        append_html_body(&html, &mut builder, skip, &mut pictures, Some(scope));
        chapters += usize::from(builder.block_count() > before);
    }
    if chapters == 0 {
        return Err("has no readable chapters".to_owned());
    }
    mark_gutenberg_licence(&mut builder, front);
    Ok(builder.finish())
}

/// The book's title, author, date and publisher, and the title and byline
/// blocks; the title, when it has one.
fn push_front_matter<R: std::io::Read + std::io::Seek>(
    book: &EpubDoc<R>,
    builder: &mut DocumentBuilder,
) -> Option<String> {
    let title = book
        .get_title()
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty());
    let metadata = builder.metadata_mut();
    metadata.title = title.clone();
    metadata.byline = book.mdata("creator").map(|m| collapse(&m.value));
    metadata.date = book.mdata("date").map(|m| collapse(&m.value));
    metadata.source = book.mdata("publisher").map(|m| collapse(&m.value));
    metadata.language = book
        .mdata("language")
        .and_then(|m| primary_subtag(&m.value));
    if let Some(title) = &title {
        builder.push(BlockKind::Title, title);
    }
    if let Some(line) = metadata_line(builder.metadata_mut()) {
        builder.push(BlockKind::Byline, &line);
    }
    title
}

/// A chapter's heading: its contents entry (`label`) heads it unless the
/// chapter has its own, or the entry repeats the book's title (shown at
/// the top). Returns the heading the chapter's own text should not repeat.
fn chapter_heading(
    builder: &mut DocumentBuilder,
    label: Option<&String>,
    html: &str,
    title: Option<&str>,
) -> Option<String> {
    let own_heading = first_heading(html);
    let repeats_title = |text: &str| title.is_some_and(|t| same_words(t, text));
    match (label, &own_heading) {
        (Some(label), Some(heading)) if same_words(label, heading) => None,
        (Some(label), _) if !repeats_title(label) => {
            builder.push(BlockKind::Heading { level: 1 }, label);
            Some(label.to_lowercase())
        }
        _ => None,
    }
    .or_else(|| title.map(|t| collapse(t).to_lowercase()))
}

/// A Project Gutenberg book's licence, before its "*** START OF" line and
/// from its "*** END OF" line, is furniture (muted), as in plain text.
fn mark_gutenberg_licence(builder: &mut DocumentBuilder, front: usize) {
    let marker_at = |builder: &DocumentBuilder, index: usize| {
        let text = builder.block_text(index).unwrap_or_default();
        text.lines().find_map(gutenberg_marker)
    };
    let count = builder.block_count();
    let start = (front..count).find(|&i| marker_at(builder, i) == Some(GutenbergMarker::Start));
    let end = (front..count)
        .rev()
        .find(|&i| marker_at(builder, i) == Some(GutenbergMarker::End))
        .filter(|&end| start.is_none_or(|start| end > start));
    let licence = start
        .map(|start| front..start + 1)
        .into_iter()
        .chain(end.map(|end| end..count));
    for index in licence.flatten() {
        builder.set_kind(index, BlockKind::Furniture);
    }
}

/// The most one entry of an EPUB may inflate to.
pub const MAX_EPUB_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most all the entries an import reads may inflate to together.
pub const MAX_EPUB_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// The package files (container, OPF, NCX, nav) may nest this deep.
const MAX_PACKAGE_DEPTH: usize = 256;

/// Entries the importer never reads (fonts, media; pictures are read only
/// when shown, each within `MAX_PICTURE_BYTES`).
const UNREAD: &[&str] = &[
    "ttf", "otf", "woff", "woff2", "mp3", "mp4", "m4a", "ogg", "webm", "png", "jpg", "jpeg", "gif",
    "webp", "svg", "bmp",
];

/// Checks, before the EPUB library reads anything, that what it will read
/// inflates within bounds (counted while inflating, not taken from the
/// archive's claims) and that its package files are not nested absurdly.
fn check_archive(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("is not a ZIP archive ({e})"))?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| format!("entry {index} cannot be read ({e})"))?;
        let name = entry
            .name()
            .map_or_else(|_| format!("#{index}"), |n| n.into_owned());
        let extension = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if entry.is_dir() || UNREAD.contains(&extension.as_str()) {
            continue;
        }
        // The EPUB library parses these into trees of its own (an EPUB 3
        // navigation document is usually nav.xhtml or toc.xhtml).
        let file_name = name
            .rsplit('/')
            .next()
            .unwrap_or(&name)
            .to_ascii_lowercase();
        let package = matches!(extension.as_str(), "xml" | "opf" | "ncx")
            || ["nav.xhtml", "nav.html", "toc.xhtml"].contains(&file_name.as_str());
        let mut kept = Vec::new();
        let mut limited = std::io::Read::take(&mut entry, MAX_EPUB_ENTRY_BYTES + 1);
        let inflated = if package {
            std::io::Read::read_to_end(&mut limited, &mut kept)
                .map(|n| n as u64)
                .map_err(|e| format!("entry {name} cannot be inflated ({e})"))?
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
                .map_err(|e| format!("entry {name} cannot be inflated ({e})"))?
        };
        if inflated > MAX_EPUB_ENTRY_BYTES {
            return Err(format!(
                "its entry {name} inflates to more than {} MiB (a ZIP bomb?); refused",
                MAX_EPUB_ENTRY_BYTES >> 20
            ));
        }
        total += inflated;
        if total > MAX_EPUB_TOTAL_BYTES {
            return Err(format!(
                "its entries inflate to more than {} MiB together (at {name}); refused",
                MAX_EPUB_TOTAL_BYTES >> 20
            ));
        }
        if package && markup_depth(&String::from_utf8_lossy(&kept)) > MAX_PACKAGE_DEPTH {
            return Err(format!(
                "its entry {name} is nested more than {MAX_PACKAGE_DEPTH} elements deep; refused"
            ));
        }
    }
    Ok(())
}

/// The table of contents (NCX or the EPUB 3 nav document) must be
/// well-formed XML: a damaged one is reported, not silently dropped.
fn check_contents_file<R: std::io::Read + std::io::Seek>(
    book: &mut EpubDoc<R>,
) -> Result<(), String> {
    let contents = book
        .resources
        .values()
        .find(|r| {
            r.mime == "application/x-dtbncx+xml"
                || r.properties
                    .as_deref()
                    .is_some_and(|p| p.split_whitespace().any(|p| p == "nav"))
        })
        .map(|r| r.path.clone());
    let Some(path) = contents else {
        return Ok(());
    };
    let Some(bytes) = book.get_resource_by_path(&path) else {
        return Err(format!(
            "its table of contents {} is missing",
            path.display()
        ));
    };
    let reader = xml::EventReader::new(Cursor::new(bytes));
    for event in reader {
        if let Err(error) = event {
            return Err(format!(
                "its table of contents {} is not well-formed XML ({error})",
                path.display()
            ));
        }
    }
    Ok(())
}

/// The first contents label of each chapter file.
fn collect_labels(points: &[NavPoint], labels: &mut HashMap<PathBuf, String>) {
    for point in points {
        let path = strip_fragment(&point.content);
        labels.entry(path).or_insert_with(|| collapse(&point.label));
        collect_labels(&point.children, labels);
    }
}

fn strip_fragment(path: &Path) -> PathBuf {
    let text = path.to_string_lossy();
    PathBuf::from(text.split('#').next().unwrap_or(&text))
}
