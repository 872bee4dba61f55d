//! The PDF importer: a PDF becomes a `Document` like any other — reflowed
//! text in reading order, its pages remembered as places. The file is
//! parsed in a child process under limits (`child`): hayro (`hayro-syntax`,
//! `hayro-interpret`) interprets each page, `glyphs` collects what it
//! draws, `lines` and `layout` make lines, paragraphs, headings and
//! furniture of it (`extract`); the window builds the document from the
//! answer (`text`). The original-page view asks the child for a page's
//! picture and its glyphs' boxes (`page_picture`); `places` finds the
//! canonical text's letters among those glyphs.

mod bidi;
mod child;
mod extract;
mod figure_captions;
mod figure_placing;
mod figures;
mod flow;
mod garbled;
mod glyphs;
mod labels;
mod layout;
mod lines;
mod outline;
mod page_picture;
mod places;
mod text;
mod xmp;

pub use child::{
    ChildError, READ_PDF_COMMAND, READER_VARIABLE, RENDER_PAGE_COMMAND, serve_read_pdf,
    serve_render_page,
};
pub use page_picture::{GlyphBox, MAX_PICTURE_SIDE_PX, PageGeometry, PagePicture};
pub use places::{PagePlaces, PlaceRect};
pub use text::{NoText, PdfAnswer, PdfBlock, PdfBlockKind, PdfPage, PdfText};

use std::sync::Arc;

use crate::document::{
    BlockKind, Document, DocumentBuilder, Format, HiddenText, Metadata, Picture, PictureSource,
};

use super::page::metadata_line;

/// Why a PDF gave no document.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("is protected by a password")]
    NeedsPassword,
    #[error("is protected by a password, and the one given is not it")]
    WrongPassword,
    #[error("is a PDF that cannot be read: {0}")]
    Unreadable(String),
    #[error("is a PDF whose reading failed: {0}")]
    Child(#[from] ChildError),
    #[error("is a PDF with no text on any page (scanned pages have none)")]
    NoText,
    #[error("is empty (0 bytes): there is no PDF in it")]
    Empty,
}

/// Imports a PDF's bytes, read in a child process (decrypted with
/// `password` when one is given; it is never kept).
pub fn document_from_pdf(
    bytes: &[u8],
    metadata: Metadata,
    password: Option<&str>,
) -> Result<Document, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    match child::read_in_child(bytes, password.unwrap_or_default())? {
        PdfAnswer::Text(text) => document_of(text, metadata, password),
        PdfAnswer::NeedsPassword if password.is_some() => Err(PdfError::WrongPassword),
        PdfAnswer::NeedsPassword => Err(PdfError::NeedsPassword),
        PdfAnswer::Unreadable(why) => Err(PdfError::Unreadable(why)),
    }
}

/// Page `index` (from 0) of a PDF as it is printed, `width_px` pixels
/// wide, rendered in a child process (with `password` if it has one);
/// only the part `crop` of it (in points) when asked.
pub fn page_picture(
    bytes: &[u8],
    password: Option<&str>,
    index: usize,
    width_px: u32,
    crop: Option<[f32; 4]>,
) -> Result<PagePicture, PdfError> {
    use page_picture::PictureHeader;
    let (header, rgba) =
        child::render_in_child(bytes, password.unwrap_or_default(), index, width_px, crop)?;
    match header {
        PictureHeader::Picture {
            geometry,
            width_px,
            height_px,
        } => Ok(PagePicture {
            geometry,
            width_px,
            height_px,
            rgba,
        }),
        PictureHeader::NeedsPassword if password.is_some() => Err(PdfError::WrongPassword),
        PictureHeader::NeedsPassword => Err(PdfError::NeedsPassword),
        PictureHeader::Unreadable(why) => Err(PdfError::Unreadable(why)),
    }
}

/// A PDF's bytes, read again to draw its pages (a regular file, within the
/// importers' bound); why not, naming the file.
pub fn pdf_file_bytes(file: &std::path::Path) -> Result<Vec<u8>, String> {
    match crate::regular_file::read_regular_file(file, crate::import::MAX_FILE_BYTES) {
        Ok(Some(read)) => Ok(read.bytes),
        Ok(None) => Err(format!("{} is no longer there", file.display())),
        Err(error) => Err(error.to_string()),
    }
}

/// The picture of a PDF's figure (a [`PictureSource::PdfRegion`]: a
/// part of a page), drawn `width_px` wide by the renderer in its child,
/// the file read within the importers' bound; why not, naming the page,
/// when it cannot be. `None` for any other picture.
pub fn pdf_figure_picture(
    source: &PictureSource,
    width_px: u32,
) -> Option<Result<PagePicture, String>> {
    let PictureSource::PdfRegion {
        file,
        page,
        area_pt,
        password,
    } = source
    else {
        return None;
    };
    let bytes = match pdf_file_bytes(file) {
        Ok(bytes) => bytes,
        Err(why) => return Some(Err(why)),
    };
    let crop = area_pt.map(|v| v as f32);
    let password = password.as_ref().map(|p| &*p.0);
    Some(
        page_picture(&bytes, password, *page, width_px, Some(crop))
            .map_err(|error| format!("page {} {error}", page + 1)),
    )
}

/// The document of a PDF's text: its title and author, then each page's
/// blocks; a page without a text layer says so in its place.
pub fn document_of(
    text: PdfText,
    metadata: Metadata,
    password: Option<&str>,
) -> Result<Document, PdfError> {
    if text.pages.iter().all(|page| page.blocks.is_empty()) {
        return Err(PdfError::NoText);
    }
    let file = metadata.path.clone();
    let password = password.map(|p| HiddenText(Arc::from(p)));
    let mut builder = DocumentBuilder::new(Format::Pdf, metadata);
    let first_title = text
        .pages
        .iter()
        .flat_map(|p| &p.blocks)
        .find_map(|block| (block.kind == PdfBlockKind::Title).then(|| block.text.clone()));
    let metadata = builder.metadata_mut();
    let info_title = text.title.clone().filter(|t| is_a_real_title(t));
    metadata.title = first_title.clone().or(info_title);
    metadata.byline = text.author.clone();
    // The title is shown where the first page has it; a title only the
    // file's information gives heads the text.
    if first_title.is_none()
        && let Some(title) = builder.metadata_mut().title.clone()
    {
        builder.push(BlockKind::Title, &title);
        if let Some(line) = metadata_line(builder.metadata_mut()) {
            builder.push(BlockKind::Byline, &line);
        }
    }
    let file = FileOfFigures { file, password };
    for (index, page) in text.pages.iter().enumerate() {
        let label = text.labels.get(index).cloned();
        builder.start_page(label.unwrap_or_else(|| (index + 1).to_string()));
        push_page(&mut builder, page, index, &file);
    }
    Ok(builder.finish())
}

/// Where a PDF's figures are drawn from: its file, and its password.
struct FileOfFigures {
    file: Option<std::path::PathBuf>,
    password: Option<HiddenText>,
}

/// A page's blocks, its figures drawn from the file; a page without
/// text says so in its place.
fn push_page(builder: &mut DocumentBuilder, page: &PdfPage, index: usize, figures: &FileOfFigures) {
    let number = index + 1;
    if let Some(why) = page.no_text {
        let said = match why {
            NoText::NoTextLayer => {
                format!("Page {number} has no text layer (a scanned page, or a picture).")
            }
            NoText::UnknownLetters => format!(
                "Page {number}'s text cannot be read: its fonts do not say which letters they draw."
            ),
        };
        builder.push(BlockKind::Furniture, &said);
        return;
    }
    for block in &page.blocks {
        let PdfBlockKind::Figure { area_pt } = block.kind else {
            builder.push(block_kind(block.kind), &block.text);
            continue;
        };
        let source = match &figures.file {
            Some(file) => PictureSource::PdfRegion {
                file: file.clone(),
                page: index,
                area_pt,
                password: figures.password.clone(),
            },
            None => PictureSource::Missing("a PDF read without its file".into()),
        };
        builder.push_figure(
            figure_picture(source, number, area_pt),
            &block.text,
            Vec::new(),
        );
    }
}

/// Whether the file's information names the document, not the program
/// or file it was made from ("Microsoft Word - draft.docx", "paper.dvi",
/// "untitled").
pub(super) fn is_a_real_title(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    let made_from = [
        ".doc", ".docx", ".dvi", ".tex", ".pdf", ".indd", ".ps", ".odt",
    ];
    // One word with an extension: a file's name ("10811.exe").
    let file_name = !lower.contains(' ')
        && lower.rsplit_once('.').is_some_and(|(_, end)| {
            (1..=5).contains(&end.len()) && end.chars().all(char::is_alphanumeric)
        });
    !(lower.is_empty()
        || file_name
        || lower == "untitled"
        || lower.starts_with("microsoft word - ")
        || lower.starts_with("microsoft powerpoint - ")
        || made_from.iter().any(|end| lower.ends_with(end)))
}

/// A figure's picture: its place for `inspect`, its size at 1.5 pixels a
/// point (a little larger than print at 96 dpi).
fn figure_picture(source: PictureSource, page_number: usize, [l, t, r, b]: [u32; 4]) -> Picture {
    let (width, height) = (r.saturating_sub(l), b.saturating_sub(t));
    Picture {
        source,
        src: format!("page {page_number}, {width} × {height} pt at ({l}, {t})"),
        alt: String::new(),
        declared_size_px: Some([width * 3 / 2, height * 3 / 2]),
    }
}

fn block_kind(kind: PdfBlockKind) -> BlockKind {
    match kind {
        PdfBlockKind::Title => BlockKind::Title,
        PdfBlockKind::Heading(level) => BlockKind::Heading { level },
        PdfBlockKind::Paragraph => BlockKind::Paragraph,
        PdfBlockKind::Furniture | PdfBlockKind::Figure { .. } => BlockKind::Furniture,
    }
}

/// Whether bytes are a PDF: `%PDF-` in the first kilobyte (some files
/// carry a few bytes of junk before it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|window| window == b"%PDF-")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_that_names_the_program_or_the_file_is_not_taken() {
        assert!(super::is_a_real_title(
            "Trace-based Just-in-Time Type Specialization"
        ));
        assert!(!super::is_a_real_title("Microsoft Word - draft7.docx"));
        assert!(!super::is_a_real_title("paper.dvi"));
        assert!(!super::is_a_real_title("Untitled"));
        assert!(!super::is_a_real_title("10811.exe"));
        assert!(super::is_a_real_title(
            "R: A Language and Environment for Statistical Computing"
        ));
    }
}
