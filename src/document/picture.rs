//! Pictures: where a figure's picture comes from. The document only says
//! where; the reader reads and decodes it (never from the network).

use std::path::PathBuf;
use std::sync::Arc;

/// The text of a figure that has neither caption nor alt text: one object
/// replacement character, which the reader does not draw.
pub const NO_CAPTION: &str = "\u{FFFC}";

/// Where a picture's bytes are.
#[derive(Clone, Debug, PartialEq)]
pub enum PictureSource {
    /// A file on disk (a saved page's own pictures, a Markdown file's).
    File(PathBuf),
    /// Bytes read with the article (a `data:` URI).
    Bytes(Arc<[u8]>),
    /// An entry of the article's archive (an EPUB's picture): the archive
    /// is held, the entry inflated only when the picture is shown.
    Entry { archive: Arc<[u8]>, name: String },
    /// A picture on the web: never fetched; its alt text stands for it.
    Remote(String),
    /// A reference that names nothing readable (why, for the placeholder).
    Missing(String),
    /// A part of a PDF's page (a figure): drawn by the PDF renderer, in its
    /// limited child, when it is shown. `area_pt` is left, top, right,
    /// bottom in points of the page as shown; `page` counts from 0.
    PdfRegion {
        file: PathBuf,
        page: usize,
        area_pt: [u32; 4],
        password: Option<HiddenText>,
    },
}

/// Text kept in memory and never shown: a protected PDF's password (its
/// `Debug` says nothing of it).
#[derive(Clone, PartialEq, Eq)]
pub struct HiddenText(pub Arc<str>);

impl std::fmt::Debug for HiddenText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HiddenText(…)")
    }
}

impl PictureSource {
    /// Whether there are bytes to read: not a remote picture (never
    /// fetched) nor a reference to nothing.
    pub fn is_readable(&self) -> bool {
        matches!(
            self,
            PictureSource::File(_)
                | PictureSource::Bytes(_)
                | PictureSource::Entry { .. }
                | PictureSource::PdfRegion { .. }
        )
    }
}

/// A picture a figure block shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub source: PictureSource,
    /// The reference as the article wrote it (`src`), for `inspect`.
    pub src: String,
    /// The alt text (may be empty).
    pub alt: String,
    /// The size the article declares (`width`/`height` attributes), in pixels.
    pub declared_size_px: Option<[u32; 2]>,
}
