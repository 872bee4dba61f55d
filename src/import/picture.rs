//! Where the pictures an article refers to are: files beside a saved page
//! or a Markdown file (relative paths, `file:` URLs, a browser's `_files/`
//! folder), `data:` URIs, entries of an EPUB. Remote pictures are named,
//! never fetched.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use url::Url;

use crate::document::PictureSource;
use crate::regular_file::read_regular_file;

/// The largest `data:` URI picture read, in bytes once decoded.
const MAX_DATA_URI_BYTES: usize = 16 * 1024 * 1024;

/// Turns a picture's reference (`src`) into where its bytes are.
pub(crate) trait PictureResolver {
    fn resolve(&mut self, src: &str) -> PictureSource;
}

/// The pictures of a file on disk (or of dropped bytes, `folder` unknown).
#[derive(Debug, Default)]
pub(crate) struct FilePictures {
    /// The folder of the article's file: relative references start there.
    pub(crate) folder: Option<PathBuf>,
    /// The page's own address: a relative reference with no file beside the
    /// page is the page's picture on the web.
    pub(crate) page_url: Option<Url>,
}

impl FilePictures {
    pub(crate) fn beside(path: Option<&Path>) -> Self {
        Self {
            folder: path.and_then(Path::parent).map(Path::to_path_buf),
            page_url: None,
        }
    }
}

impl PictureResolver for FilePictures {
    fn resolve(&mut self, src: &str) -> PictureSource {
        let src = src.trim();
        if src.is_empty() {
            return PictureSource::Missing("no address".to_owned());
        }
        if let Some(source) = common_source(src) {
            return source;
        }
        // A relative reference: a file beside the article, else the page's own.
        let relative = src.split(['?', '#']).next().unwrap_or(src);
        let decoded = percent_decoded(relative);
        if let Some(folder) = &self.folder {
            let path = folder.join(&decoded);
            if path.is_file() || self.page_url.is_none() {
                return PictureSource::File(path);
            }
        }
        match self.page_url.as_ref().and_then(|base| base.join(src).ok()) {
            Some(url) => PictureSource::Remote(url.to_string()),
            None => PictureSource::Missing(format!("{src} is not beside the article")),
        }
    }
}

/// `data:`, `file:` and web references, the same in every article.
fn common_source(src: &str) -> Option<PictureSource> {
    if src.len() > 5 && src[..5].eq_ignore_ascii_case("data:") {
        return Some(data_uri_bytes(src));
    }
    let url = Url::parse(src).ok()?;
    Some(match url.scheme() {
        "http" | "https" => PictureSource::Remote(url.to_string()),
        "file" => match url.to_file_path() {
            Ok(path) => PictureSource::File(path),
            Err(()) => PictureSource::Missing(format!("{src} names no local file")),
        },
        scheme => PictureSource::Missing(format!("{scheme}: pictures are not shown")),
    })
}

fn data_uri_bytes(src: &str) -> PictureSource {
    let Ok(url) = data_url::DataUrl::process(src) else {
        return PictureSource::Missing("a data: address that cannot be read".to_owned());
    };
    let mut bytes = Vec::new();
    let mut too_big = false;
    let decoded = url.decode::<_, ()>(|chunk| {
        if bytes.len() + chunk.len() > MAX_DATA_URI_BYTES {
            too_big = true;
            return Err(());
        }
        bytes.extend_from_slice(chunk);
        Ok(())
    });
    match decoded {
        Ok(_) => PictureSource::Bytes(Arc::from(bytes)),
        Err(_) if too_big => PictureSource::Missing(format!(
            "a data: picture larger than {} MiB",
            MAX_DATA_URI_BYTES >> 20
        )),
        Err(_) => PictureSource::Missing("a data: address that cannot be decoded".to_owned()),
    }
}

/// `%20` and the like decoded (file names in saved pages are escaped).
fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The pictures of an EPUB: entries of its archive, inflated only when
/// shown (`picture_bytes`), within the same bound as every entry.
pub(crate) struct ArchivePictures<'a> {
    pub(crate) archive: Arc<[u8]>,
    /// The names of the archive's entries.
    pub(crate) entries: &'a HashSet<String>,
    /// The chapter's folder inside the archive.
    pub(crate) chapter_folder: PathBuf,
}

impl PictureResolver for ArchivePictures<'_> {
    fn resolve(&mut self, src: &str) -> PictureSource {
        let src = src.trim();
        if let Some(source) = common_source(src) {
            return source;
        }
        let relative = percent_decoded(src.split(['?', '#']).next().unwrap_or(src));
        let path = archive_path(&self.chapter_folder, &relative);
        let name = path.to_string_lossy().replace('\\', "/");
        if self.entries.contains(&name) {
            PictureSource::Entry {
                archive: self.archive.clone(),
                name,
            }
        } else {
            PictureSource::Missing(format!("{} is not in the book", path.display()))
        }
    }
}

/// A picture's bytes, read (a file, an archive's entry) within
/// `MAX_PICTURE_BYTES`; why not, for the placeholder.
pub fn picture_bytes(source: &PictureSource) -> Result<Cow<'_, [u8]>, String> {
    let too_large = |what: &str| format!("{what} is larger than {} MiB", MAX_PICTURE_BYTES >> 20);
    let read_bounded = |reader: &mut dyn Read, what: &str| -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_PICTURE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{what}: {e}"))?;
        if bytes.len() as u64 > MAX_PICTURE_BYTES {
            return Err(too_large(what));
        }
        Ok(bytes)
    };
    match source {
        PictureSource::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
        // A FIFO or a device is refused without waiting on it.
        PictureSource::File(path) => match read_regular_file(path, MAX_PICTURE_BYTES) {
            Ok(Some(file)) => Ok(Cow::Owned(file.bytes)),
            Ok(None) => Err(format!("{}: no such file", path.display())),
            Err(error) => Err(error.to_string()),
        },
        PictureSource::Entry { archive, name } => {
            let mut zip = zip::ZipArchive::new(Cursor::new(&archive[..]))
                .map_err(|e| format!("the book cannot be read ({e})"))?;
            let mut entry = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
            read_bounded(&mut entry, name).map(Cow::Owned)
        }
        PictureSource::Remote(url) => Err(format!("{url} is on the web")),
        PictureSource::Missing(why) => Err(why.clone()),
        PictureSource::PdfRegion { page, .. } => Err(format!(
            "a figure of page {} of a PDF, drawn from the PDF itself",
            page + 1
        )),
    }
}

/// Whether a picture's bytes are an SVG document (by its first kilobyte).
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<svg") || (head.starts_with('<') && head.contains("<svg"))
}

/// The most a picture's bytes may be (a file, or an entry inflated).
pub const MAX_PICTURE_BYTES: u64 = 64 * 1024 * 1024;

/// A path inside an archive: `..` and `.` resolved, never above its root.
pub(crate) fn archive_path(folder: &Path, relative: &str) -> PathBuf {
    let mut parts: Vec<&str> = folder
        .to_str()
        .unwrap_or_default()
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    if relative.starts_with('/') {
        parts.clear();
    }
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    PathBuf::from(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_files_data_or_the_web() {
        let mut pictures = FilePictures::beside(Some(Path::new("/saved/page.html")));
        assert_eq!(
            pictures.resolve("page_files/a%20b.png"),
            PictureSource::File(PathBuf::from("/saved/page_files/a b.png"))
        );
        assert_eq!(
            pictures.resolve("file:///tmp/x.jpg"),
            PictureSource::File(PathBuf::from("/tmp/x.jpg"))
        );
        assert_eq!(
            pictures.resolve("https://example.org/x.jpg"),
            PictureSource::Remote("https://example.org/x.jpg".to_owned())
        );
        assert_eq!(
            pictures.resolve("data:image/png;base64,aGVsbG8="),
            PictureSource::Bytes(Arc::from(&b"hello"[..]))
        );
        assert!(matches!(
            pictures.resolve("javascript:alert(1)"),
            PictureSource::Missing(_)
        ));
        pictures.page_url = Some(Url::parse("https://example.org/news/story.html").unwrap());
        assert_eq!(
            pictures.resolve("img/x.jpg"),
            PictureSource::Remote("https://example.org/news/img/x.jpg".to_owned()),
            "not beside the page: the page's own picture, named, not fetched"
        );
    }

    #[test]
    fn archive_paths_stay_inside_the_archive() {
        assert_eq!(
            archive_path(Path::new("OEBPS/text"), "../images/a.png"),
            PathBuf::from("OEBPS/images/a.png")
        );
        assert_eq!(
            archive_path(Path::new("OEBPS"), "../../../etc/passwd"),
            PathBuf::from("etc/passwd")
        );
    }
}
