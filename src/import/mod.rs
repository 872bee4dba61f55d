//! Turns a file into a [`Document`]: reads it, sniffs its format, decodes it
//! and hands it to the format's importer.

mod decode;
mod epub;
mod front_matter;
mod html;
mod inline;
mod inline_html;
mod link_target;
mod markdown;
mod nesting;
mod page;
mod page_title;
pub mod pdf;
mod picture;
mod text;

pub use decode::{DecodeError, decode_text};
pub use epub::document_from_epub;
pub use html::document_from_html;
pub use link_target::{LinkTarget, link_target};
pub use markdown::{document_from_markdown, markdown_plain_text};
pub use page::{metadata_line, readable_date};
pub use picture::{MAX_PICTURE_BYTES, looks_like_svg, picture_bytes};
pub use text::document_from_text;

use std::path::{Path, PathBuf};

use crate::document::language::detected_language;
use crate::document::{Document, Format, Metadata};
use crate::regular_file::{RegularFileError, read_regular_file};

/// The largest article file Marginalia opens (a long book is ~5 MB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file could not be opened. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: no such file", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: is a folder, not an article file", path.display())]
    IsFolder { path: PathBuf },
    #[error("{}: is not a regular file (a pipe, a socket or a device); only files can be opened", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: cannot be read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: is too large to open ({size} bytes; the limit is {MAX_FILE_BYTES})", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: {source}", path.display())]
    Undecodable {
        path: PathBuf,
        #[source]
        source: DecodeError,
    },
    #[error("{}: is {format} file, which Marginalia cannot open yet", path.display())]
    Unsupported { path: PathBuf, format: &'static str },
    #[error("{}: is a damaged EPUB: {message}", path.display())]
    BadEpub { path: PathBuf, message: String },
    #[error("{}: {source}", path.display())]
    Pdf {
        path: PathBuf,
        #[source]
        source: pdf::PdfError,
    },
}

/// File name extensions the open dialog offers.
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "mkd", "html", "htm", "xhtml", "epub", "pdf",
];

/// Whether `path` is named as an article Marginalia opens (by its
/// extension, as the open dialog offers them).
pub fn has_article_extension(path: &Path) -> bool {
    path.extension().is_some_and(|extension| {
        ARTICLE_EXTENSIONS
            .iter()
            .any(|known| extension.eq_ignore_ascii_case(known))
    })
}

/// Reads and imports the article at `path`.
pub fn import_path(path: &Path) -> Result<Document, ImportError> {
    import_path_with_password(path, None)
}

/// Reads and imports the article at `path`, a PDF decrypted with
/// `password` when one is given (never kept).
pub fn import_path_with_password(
    path: &Path,
    password: Option<&str>,
) -> Result<Document, ImportError> {
    let (bytes, stamp) = read_article_file(path)?;
    let mut document = import_bytes_with_password(&bytes, Some(path), password)?;
    document.metadata.file_stamp = Some(stamp);
    Ok(document)
}

impl ImportError {
    /// The file it is about.
    pub fn path(&self) -> &Path {
        match self {
            ImportError::NotFound { path }
            | ImportError::IsFolder { path }
            | ImportError::NotAFile { path }
            | ImportError::Unreadable { path, .. }
            | ImportError::TooLarge { path, .. }
            | ImportError::Undecodable { path, .. }
            | ImportError::Unsupported { path, .. }
            | ImportError::BadEpub { path, .. }
            | ImportError::Pdf { path, .. } => path,
        }
    }

    /// What is wrong, without the file's name.
    pub fn problem(&self) -> String {
        let said = self.to_string();
        let name = format!("{}: ", self.path().display());
        said.strip_prefix(&name)
            .map_or_else(|| said.clone(), str::to_owned)
    }

    /// The file is a PDF that needs a password (or another one).
    pub fn needs_password(&self) -> bool {
        matches!(
            self,
            ImportError::Pdf {
                source: pdf::PdfError::NeedsPassword | pdf::PdfError::WrongPassword,
                ..
            }
        )
    }
}

/// A file's size and modification time, "size:mtime_ns": the same stamp
/// means the same bytes (as far as the file system tells).
pub fn file_stamp(metadata: &std::fs::Metadata) -> String {
    let (size, mtime_ns) = size_and_mtime_ns(metadata);
    format!("{size}:{mtime_ns}")
}

/// A file's size and modification time (nanoseconds since 1970).
pub fn size_and_mtime_ns(metadata: &std::fs::Metadata) -> (u64, i64) {
    let mtime_ns = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos() as i64);
    (metadata.len(), mtime_ns)
}

/// Imports an article from its bytes; `path` names it in messages and metadata.
pub fn import_bytes(bytes: &[u8], path: Option<&Path>) -> Result<Document, ImportError> {
    import_bytes_with_password(bytes, path, None)
}

/// [`import_bytes`], a PDF decrypted with `password` when one is given.
pub fn import_bytes_with_password(
    bytes: &[u8],
    path: Option<&Path>,
    password: Option<&str>,
) -> Result<Document, ImportError> {
    let mut document = import_format(bytes, path, password)?;
    if document.metadata.language.is_none() {
        document.metadata.language = detected_language(document.text()).map(str::to_owned);
    }
    Ok(document)
}

/// The document in the file's format, as it declares itself.
fn import_format(
    bytes: &[u8],
    path: Option<&Path>,
    password: Option<&str>,
) -> Result<Document, ImportError> {
    let shown_path = path.map_or_else(|| PathBuf::from("(dropped file)"), Path::to_path_buf);
    if is_epub(bytes, path) {
        let metadata = Metadata {
            path: path.map(Path::to_path_buf),
            ..Metadata::default()
        };
        return document_from_epub(bytes, metadata).map_err(|message| ImportError::BadEpub {
            path: shown_path,
            message,
        });
    }
    let named_pdf = path
        .and_then(Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if pdf::is_pdf(bytes) || named_pdf {
        let metadata = Metadata {
            path: path.map(Path::to_path_buf),
            ..Metadata::default()
        };
        return pdf::document_from_pdf(bytes, metadata, password).map_err(|source| {
            ImportError::Pdf {
                path: shown_path,
                source,
            }
        });
    }
    if let Some(format) = unsupported_container(bytes) {
        return Err(ImportError::Unsupported {
            path: shown_path,
            format,
        });
    }
    let text = decode_text(bytes).map_err(|source| ImportError::Undecodable {
        path: shown_path.clone(),
        source,
    })?;
    let metadata = Metadata {
        path: path.map(Path::to_path_buf),
        ..Metadata::default()
    };
    Ok(match sniff_text_format(&text, path) {
        Format::Markdown => document_from_markdown(&text, metadata),
        Format::Html => document_from_html(&text, metadata),
        _ => document_from_text(&text, Format::Text, metadata),
    })
}

/// The format of decoded text: by extension, else by content.
pub fn sniff_text_format(text: &str, path: Option<&Path>) -> Format {
    let extension = path
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => return Format::Markdown,
        Some("html" | "htm" | "xhtml") => return Format::Html,
        Some("txt" | "text") => return Format::Text,
        _ => {}
    }
    let start = text.trim_start_matches('\u{FEFF}');
    let head: String = start
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
        || (head.starts_with('<') && (head.contains("<head") || head.contains("<body")))
    {
        return Format::Html;
    }
    let front_matter = (start.starts_with("+++\n") && start[4..].contains("\n+++"))
        || (start.starts_with("---\n") && start[4..].lines().take(30).any(|l| l == "---"));
    let lines: Vec<&str> = start.lines().take(400).collect();
    let atx_headings = lines
        .iter()
        .filter(|l| {
            let hashes = l.chars().take_while(|&c| c == '#').count();
            (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
        })
        .count();
    let links = start.matches("](").count();
    let fences = lines.iter().filter(|l| l.starts_with("```")).count();
    if front_matter
        || atx_headings >= 2
        || (atx_headings >= 1 && (links + fences) >= 1)
        || fences >= 2
    {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// An EPUB: a ZIP whose first entry names the EPUB media type, or a ZIP
/// called `.epub`.
fn is_epub(bytes: &[u8], path: Option<&Path>) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    let head = &bytes[..bytes.len().min(128)];
    head.windows(20).any(|w| w == b"application/epub+zip")
        || path
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("epub"))
}

/// Known binary containers that are not articles.
fn unsupported_container(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some("a ZIP archive");
    }
    None
}

/// The file's bytes (bounded) and its stamp, taken from the very file read
/// (a FIFO, a socket or a device is refused unopened, never waited on).
fn read_article_file(path: &Path) -> Result<(Vec<u8>, String), ImportError> {
    let owned = || path.to_path_buf();
    match read_regular_file(path, MAX_FILE_BYTES) {
        Ok(Some(file)) => Ok((file.bytes, file_stamp(&file.metadata))),
        Ok(None) => Err(ImportError::NotFound { path: owned() }),
        Err(RegularFileError::NotAFile { .. }) if path.is_dir() => {
            Err(ImportError::IsFolder { path: owned() })
        }
        Err(RegularFileError::NotAFile { .. }) => Err(ImportError::NotAFile { path: owned() }),
        Err(RegularFileError::TooLarge { size, .. }) => Err(ImportError::TooLarge {
            path: owned(),
            size,
        }),
        Err(RegularFileError::Io { source, .. }) => Err(ImportError::Unreadable {
            path: owned(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_names_the_file() {
        let error = import_path(Path::new("/no/such/article.txt")).unwrap_err();
        assert_eq!(error.to_string(), "/no/such/article.txt: no such file");
    }

    #[test]
    fn folder_is_refused() {
        let dir = std::env::temp_dir();
        let error = import_path(&dir).unwrap_err();
        assert!(matches!(error, ImportError::IsFolder { .. }), "{error}");
    }

    #[test]
    fn a_damaged_epub_is_named() {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(&[0; 26]);
        bytes.extend_from_slice(b"mimetypeapplication/epub+zip");
        let error = import_bytes(&bytes, Some(Path::new("book.epub"))).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("book.epub: is a damaged EPUB: "),
            "{error}"
        );
    }
}
