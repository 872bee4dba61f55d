//! What the PDF reader (the child process) sends back: the document's
//! title and author, and each page's blocks in reading order, serialised
//! as JSON. The window builds a `Document` from it.

use serde::{Deserialize, Serialize};

/// The kind of a block of a page, as the reader found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PdfBlockKind {
    Title,
    /// A heading, 1 the largest.
    Heading(u8),
    Paragraph,
    /// A page number, a running header or footer, a side stamp.
    Furniture,
    /// A figure: this part of the page (left, top, right, bottom in whole
    /// points of the page as shown), drawn by the renderer; the block's
    /// text is its caption.
    Figure {
        area_pt: [u32; 4],
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PdfBlock {
    pub kind: PdfBlockKind,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PdfPage {
    pub blocks: Vec<PdfBlock>,
    /// Why the page gives no text, when it gives none.
    pub no_text: Option<NoText>,
}

/// Why a page gives no text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoText {
    /// Nothing on it is text (a scanned page, a picture).
    NoTextLayer,
    /// Its fonts do not say which letters most of its glyphs are.
    UnknownLetters,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PdfText {
    pub title: Option<String>,
    pub author: Option<String>,
    pub pages: Vec<PdfPage>,
    /// What the document calls each page ("iv", "213"), page by page.
    #[serde(default)]
    pub labels: Vec<String>,
}

/// The reader's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PdfAnswer {
    Text(PdfText),
    /// A password is needed to read it.
    NeedsPassword,
    /// Not a PDF the reader can make sense of, and why.
    Unreadable(String),
}
