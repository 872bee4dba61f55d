//! Decoding a picture's bytes into pixels, in bounded time and memory:
//! PNG, JPEG, GIF (its first frame) and WebP with `image`, SVG with
//! `resvg`; scaled down to the width it is shown at. Runs on the picture
//! worker, never on the UI thread.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

use crate::document::PictureSource;
use crate::import::{MAX_PICTURE_BYTES, looks_like_svg, picture_bytes};
use crate::regular_file::read_regular_file;

/// The largest side a picture may declare, in pixels.
const MAX_SIDE_PX: u32 = 16_384;
/// The most memory decoding one picture may take.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// A decoded picture: straight (not premultiplied) RGBA rows.
#[derive(Debug)]
pub struct DecodedPicture {
    /// The picture's own size, in pixels (before scaling).
    pub(super) natural_size_px: [u32; 2],
    /// The size of `rgba`, in pixels.
    pub(super) size_px: [usize; 2],
    pub(super) rgba: Vec<u8>,
}

impl DecodedPicture {
    /// The size of the decoded pixels (after scaling), in pixels.
    pub fn size_px(&self) -> [usize; 2] {
        self.size_px
    }

    /// The picture's own size, in pixels.
    pub fn natural_size_px(&self) -> [u32; 2] {
        self.natural_size_px
    }

    /// The pixels, straight RGBA rows.
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }
}

/// Reads and decodes a picture, scaled to at most `max_width_px` wide.
pub fn decode_picture(source: &PictureSource, max_width_px: u32) -> Result<DecodedPicture, String> {
    let width_px = max_width_px.clamp(16, MAX_SIDE_PX);
    if let Some(figure) = crate::import::pdf::pdf_figure_picture(source, width_px) {
        // A figure's own size: its size on the page at 1.5 pixels a point.
        let picture = figure?;
        let natural = |points: f32| (points * 1.5).round() as u32;
        return Ok(DecodedPicture {
            natural_size_px: [
                natural(picture.geometry.width_pt),
                natural(picture.geometry.height_pt),
            ],
            size_px: [picture.width_px as usize, picture.height_px as usize],
            rgba: picture.rgba,
        });
    }
    let bytes = picture_bytes(source)?;
    let max_width_px = max_width_px.clamp(1, MAX_SIDE_PX);
    if looks_like_svg(&bytes) {
        // An SVG file's `<image>`s may name files in its own folder.
        let folder = match source {
            PictureSource::File(path) => path.parent(),
            _ => None,
        };
        decode_svg(&bytes, folder, max_width_px)
    } else {
        decode_raster(&bytes, max_width_px)
    }
}

fn decode_raster(bytes: &[u8], max_width_px: u32) -> Result<DecodedPicture, String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| e.to_string())?;
    let natural_size_px = [picture.width(), picture.height()];
    let picture = if picture.width() > max_width_px {
        let height = scaled_height(natural_size_px, max_width_px);
        picture.resize_exact(max_width_px, height, image::imageops::FilterType::Triangle)
    } else {
        picture
    };
    let rgba = picture.into_rgba8();
    Ok(DecodedPicture {
        natural_size_px,
        size_px: [rgba.width() as usize, rgba.height() as usize],
        rgba: rgba.into_raw(),
    })
}

/// An SVG's `<image href>` as a file: only a relative path inside the
/// SVG's own folder (never absolute, never above it, never remote), a
/// regular file read within the picture bound. usvg's own resolver would
/// read any path, `/dev/zero` included.
fn svg_image_in_folder(folder: Option<&Path>) -> resvg::usvg::ImageHrefResolver<'_> {
    use resvg::usvg::ImageHrefResolver;
    ImageHrefResolver {
        resolve_data: ImageHrefResolver::default_data_resolver(),
        resolve_string: Box::new(move |href, options| {
            let path = svg_image_path(folder?, href)?;
            let file = read_regular_file(&path, MAX_PICTURE_BYTES).ok()??;
            // The bytes are sniffed as for a data: URI of unknown type.
            (ImageHrefResolver::default_data_resolver())(
                "text/plain",
                std::sync::Arc::new(file.bytes),
                options,
            )
        }),
    }
}

/// `href` as a path inside `folder`, or `None` when it leaves it.
fn svg_image_path(folder: &Path, href: &str) -> Option<PathBuf> {
    let href = href.strip_prefix("file:").unwrap_or(href);
    let relative = Path::new(href);
    let inside = !href.is_empty()
        && !href.contains("://")
        && relative
            .components()
            .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    inside.then(|| folder.join(relative))
}

fn decode_svg(
    bytes: &[u8],
    folder: Option<&Path>,
    max_width_px: u32,
) -> Result<DecodedPicture, String> {
    let options = resvg::usvg::Options {
        image_href_resolver: svg_image_in_folder(folder),
        ..resvg::usvg::Options::default()
    };
    let tree = resvg::usvg::Tree::from_data(bytes, &options)
        .map_err(|e| format!("an SVG that cannot be read ({e})"))?;
    let size = tree.size();
    let natural_size_px = [
        (size.width().ceil() as u32).clamp(1, MAX_SIDE_PX),
        (size.height().ceil() as u32).clamp(1, MAX_SIDE_PX),
    ];
    let width = natural_size_px[0].min(max_width_px);
    let height = scaled_height(natural_size_px, width);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| "an SVG of no size".to_owned())?;
    let scale = width as f32 / size.width().max(1.0);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // tiny-skia's pixels are premultiplied: straighten them.
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok(DecodedPicture {
        natural_size_px,
        size_px: [width as usize, height as usize],
        rgba,
    })
}

/// The height of a picture of `size_px` shown `width_px` wide.
fn scaled_height([width, height]: [u32; 2], width_px: u32) -> u32 {
    ((u64::from(height) * u64::from(width_px)) / u64::from(width.max(1))).clamp(1, 16_384) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 255]))
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn a_picture_is_scaled_to_the_width_it_is_shown_at() {
        let source = PictureSource::Bytes(Arc::from(png(400, 200)));
        let decoded = decode_picture(&source, 100).unwrap();
        assert_eq!(decoded.natural_size_px, [400, 200]);
        assert_eq!(decoded.size_px, [100, 50]);
        assert_eq!(decoded.rgba.len(), 100 * 50 * 4);
        let small = decode_picture(&source, 1000).unwrap();
        assert_eq!(small.size_px, [400, 200], "never scaled up");
    }

    #[test]
    fn svg_is_drawn() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#00f"/></svg>"##;
        let decoded = decode_picture(&PictureSource::Bytes(Arc::from(&svg[..])), 400).unwrap();
        assert_eq!(decoded.size_px, [40, 20]);
        assert_eq!(&decoded.rgba[..4], &[0, 0, 255, 255]);
    }

    #[test]
    fn an_svg_image_is_read_only_from_the_svg_folder() {
        let folder = Path::new("/articles");
        assert_eq!(
            svg_image_path(folder, "pics/a.png"),
            Some(PathBuf::from("/articles/pics/a.png"))
        );
        for outside in [
            "/dev/zero",
            "file:///etc/passwd",
            "../secret.png",
            "pics/../../x.png",
            "https://example.org/a.png",
            "",
        ] {
            assert_eq!(svg_image_path(folder, outside), None, "{outside}");
        }
    }

    #[test]
    fn an_svg_naming_a_device_or_a_fifo_is_drawn_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join("pipe"))
            .status()
            .unwrap();
        assert!(status.success());
        let absolute_pipe = dir.path().join("pipe").display().to_string();
        for href in ["/dev/zero", absolute_pipe.as_str(), "pipe"] {
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><image href="{href}" width="40" height="20"/></svg>"#
            );
            let path = dir.path().join("picture.svg");
            std::fs::write(&path, svg).unwrap();
            let decoded = decode_picture(&PictureSource::File(path), 400).unwrap();
            assert_eq!(decoded.size_px, [40, 20], "{href}");
        }
    }

    #[test]
    fn broken_and_remote_pictures_say_why() {
        let broken = PictureSource::Bytes(Arc::from(&b"\x89PNG\r\n\x1a\nnot really"[..]));
        assert!(decode_picture(&broken, 100).is_err());
        let remote = PictureSource::Remote("https://example.org/x.png".into());
        assert!(
            decode_picture(&remote, 100)
                .unwrap_err()
                .contains("on the web")
        );
        let missing = PictureSource::File("/nonexistent/x.png".into());
        assert!(decode_picture(&missing, 100).is_err());
    }
}
