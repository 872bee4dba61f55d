use super::*;

use crate::document::{DocumentBuilder, Format, Metadata, Picture};
use crate::ui::theme::ThemeChoice;

fn style() -> ReaderStyle {
    ReaderStyle {
        font_size: 20.0,
        measure_chars: 66.0,
        palette: ThemeChoice::Light.palette(),
        text: Default::default(),
        fonts_generation: 0,
    }
}

/// A figure of a picture `size_px` on the computer (or on the web), its
/// alt text `alt` and its block's text `caption`.
fn figure(builder: &mut DocumentBuilder, size_px: [u32; 2], alt: &str, caption: &str) {
    let picture = Picture {
        source: PictureSource::File(format!("/pictures/{alt}.png").into()),
        src: format!("{alt}.png"),
        alt: alt.to_owned(),
        declared_size_px: Some(size_px),
    };
    builder.push_figure(picture, caption, Vec::new());
}

fn remote(builder: &mut DocumentBuilder, alt: &str) {
    let picture = Picture {
        source: PictureSource::Remote(format!("https://img.shields.io/{alt}.svg")),
        src: String::new(),
        alt: alt.to_owned(),
        declared_size_px: None,
    };
    builder.push_figure(picture, alt, Vec::new());
}

/// Title, three badges, a paragraph, a badge with a caption of its own, a
/// photograph, two pictures on the web.
fn readme() -> Document {
    let mut builder = DocumentBuilder::new(Format::Markdown, Metadata::default());
    builder.push(crate::document::BlockKind::Title, "Tool");
    figure(&mut builder, [90, 20], "build", "build");
    figure(&mut builder, [110, 20], "crates io", "crates  io");
    figure(&mut builder, [80, 20], "", NO_CAPTION);
    builder.push(crate::document::BlockKind::Paragraph, "A tool.");
    figure(
        &mut builder,
        [90, 20],
        "status",
        "The status of the build, nightly.",
    );
    figure(&mut builder, [640, 480], "photo", "photo");
    remote(&mut builder, "a");
    remote(&mut builder, "b");
    builder.finish()
}

#[test]
fn small_pictures_without_captions_stand_in_one_run() {
    let document = readme();
    let shelf = PictureShelf::default();
    let runs: Vec<PictureRun> = (0..document.blocks().len())
        .map(|at| shelf.run_of(&document, at, &style()))
        .collect();
    assert_eq!(
        runs,
        [
            PictureRun::Alone,
            PictureRun::Head {
                kind: InlineKind::Small,
                blocks: 1..4
            },
            PictureRun::Member { last: false },
            PictureRun::Member { last: true },
            PictureRun::Alone,
            // A caption of its own: set above it, as a figure.
            PictureRun::Alone,
            // Far taller than two lines.
            PictureRun::Alone,
            PictureRun::Head {
                kind: InlineKind::Remote,
                blocks: 7..9
            },
            PictureRun::Member { last: true },
        ]
    );
}

#[test]
fn a_run_of_small_pictures_is_set_at_text_height_in_rows() {
    let document = readme();
    let shelf = PictureShelf::default();
    // Wide enough for two of the three badges: the third starts a row.
    let (places, height) = shelf.inline_places(&document, 1..4, &style(), 220.0);
    let rects: Vec<(usize, [f32; 4])> = places
        .iter()
        .map(|(at, r)| (*at, [r.min.x, r.min.y, r.width(), r.height()]))
        .collect();
    assert_eq!(
        rects,
        [
            (1, [0.0, 0.0, 90.0, 20.0]),
            (2, [98.0, 0.0, 110.0, 20.0]),
            (3, [0.0, 28.0, 80.0, 20.0])
        ]
    );
    assert_eq!(height, 48.0);
}

#[test]
fn a_picture_over_text_height_is_made_smaller_never_larger() {
    let mut builder = DocumentBuilder::new(Format::Markdown, Metadata::default());
    figure(&mut builder, [100, 50], "logo", "logo");
    figure(&mut builder, [12, 12], "icon", "icon");
    let document = builder.finish();
    let shelf = PictureShelf::default();
    let (places, height) = shelf.inline_places(&document, 0..2, &style(), 600.0);
    let sizes: Vec<[f32; 2]> = places
        .iter()
        .map(|(_, r)| [r.width(), r.height()])
        .collect();
    assert_eq!(sizes, [[52.0, 26.0], [12.0, 12.0]]);
    assert_eq!(height, 26.0);
}
