//! A picture of an exported article as a `data:` address: its own bytes
//! (PNG, JPEG, GIF, WebP, SVG), read within the pictures' bound; a PDF's
//! figure drawn by the PDF child and written as PNG. A picture on the web
//! is never fetched, and one that names nothing readable is not inlined:
//! both say why.

use std::io::Cursor;

use crate::document::PictureSource;
use crate::import::{looks_like_svg, picture_bytes};

use super::html_export::data_uri;

/// How wide a PDF's figure is drawn for an export, in pixels.
const PDF_FIGURE_WIDTH_PX: u32 = 1200;

/// The picture as a `data:` address, or why it cannot be one.
pub fn picture_data_uri(source: &PictureSource) -> Result<String, String> {
    if let Some(figure) = crate::import::pdf::pdf_figure_picture(source, PDF_FIGURE_WIDTH_PX) {
        let picture = figure?;
        let image = image::RgbaImage::from_raw(picture.width_px, picture.height_px, picture.rgba)
            .ok_or_else(|| "the figure's pixels do not fill it".to_owned())?;
        let mut png = Cursor::new(Vec::new());
        image
            .write_to(&mut png, image::ImageFormat::Png)
            .map_err(|error| error.to_string())?;
        return Ok(data_uri("image/png", png.get_ref()));
    }
    let bytes = picture_bytes(source)?;
    let mime =
        mime_of(&bytes).ok_or_else(|| "not a PNG, JPEG, GIF, WebP or SVG picture".to_owned())?;
    Ok(data_uri(mime, &bytes))
}

/// What kind of picture the bytes are, by their first bytes: one a
/// browser shows (PNG, JPEG, GIF, WebP, SVG).
fn mime_of(bytes: &[u8]) -> Option<&'static str> {
    use image::ImageFormat;
    match image::guess_format(bytes) {
        Ok(
            format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP),
        ) => Some(format.to_mime_type()),
        _ => looks_like_svg(bytes).then_some("image/svg+xml"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pictures_are_told_by_their_first_bytes() {
        assert_eq!(super::mime_of(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(
            super::mime_of(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(
            super::mime_of(b"<?xml version=\"1.0\"?><svg/>"),
            Some("image/svg+xml")
        );
        assert_eq!(super::mime_of(b"MZ\x90\x00"), None);
    }
}
