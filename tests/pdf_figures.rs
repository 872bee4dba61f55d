//! A PDF's figures in the reflowed text: its drawings and pictures
//! gathered into figures, each placed where its column reaches it, with
//! the caption printed beside it, its own labels muted, and its picture
//! drawn from the PDF (by the renderer, in the limited child).

mod common;

use marginalia::document::{BlockKind, Document, PictureSource};
use marginalia::import::import_path;
use marginalia::ui::reader::decode_picture;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

/// A page: a paragraph, a bar chart of ten bars with a label inside it,
/// its caption, and a paragraph after.
fn page_with_a_chart() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree, page, content_id, font) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut writer = pdf.page(page);
    writer.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
    writer.parent(tree);
    writer.contents(content_id);
    writer.resources().fonts().pair(Name(b"F1"), font);
    drop(writer);
    let mut content = Content::new();
    let line = |content: &mut Content, text: &str, size: f32, (x, y): (f32, f32)| {
        content.begin_text();
        content.set_font(Name(b"F1"), size);
        content.next_line(x, y);
        content.show(Str(text.as_bytes()));
        content.end_text();
    };
    line(
        &mut content,
        "The measurements before the chart were taken at dawn each day.",
        10.0,
        (72.0, 770.0),
    );
    content.set_fill_rgb(0.2, 0.4, 0.8);
    for bar in 0..10 {
        let x = 100.0 + 30.0 * bar as f32;
        content.rect(x, 500.0, 20.0, 20.0 + 15.0 * bar as f32);
        content.fill_nonzero();
    }
    content.set_fill_gray(0.0);
    line(&mut content, "Rainfall", 7.0, (110.0, 640.0));
    line(
        &mut content,
        "Figure 1: Ten bars of rising height.",
        9.0,
        (72.0, 480.0),
    );
    line(
        &mut content,
        "After the chart the text goes on about the rain and the river.",
        10.0,
        (72.0, 450.0),
    );
    pdf.stream(content_id, &content.finish());
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    pdf.finish()
}

fn figures(document: &Document) -> Vec<(usize, String)> {
    document
        .blocks()
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Figure { .. }))
        .map(|(index, _)| (index, document.block_text(index).to_owned()))
        .collect()
}

#[test]
fn a_drawn_chart_is_a_figure_with_its_caption_and_its_picture() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("chart.pdf");
    std::fs::write(&path, page_with_a_chart()).expect("the PDF is written");
    let document = import_path(&path).expect("the PDF reads");
    let found = figures(&document);
    assert_eq!(found.len(), 1, "{:#?}", document.blocks());
    let (index, caption) = &found[0];
    assert_eq!(caption, "Figure 1: Ten bars of rising height.");
    // In reading order: after the first paragraph, before the last.
    let texts: Vec<&str> = (0..document.blocks().len())
        .map(|i| document.block_text(i))
        .collect();
    let before = texts
        .iter()
        .position(|t| t.starts_with("The measurements"))
        .expect("the first paragraph");
    let after = texts
        .iter()
        .position(|t| t.starts_with("After the chart"))
        .expect("the last");
    assert!(before < *index && *index < after, "{texts:?}");
    // The chart's label is kept, muted, as the figure's own text.
    let label = document
        .blocks()
        .iter()
        .position(|b| document.text_between(b.chars.start, b.chars.end) == "Rainfall");
    let label = label.expect("the label is kept");
    assert_eq!(document.blocks()[label].kind, BlockKind::Furniture);
    // Its picture is the chart, drawn by the renderer: blue bars on white.
    let picture = document.picture_of(*index).expect("the figure's picture");
    assert!(matches!(
        picture.source,
        PictureSource::PdfRegion { page: 0, .. }
    ));
    let decoded = decode_picture(&picture.source, 600).expect("the chart is drawn");
    let [width, height] = decoded.size_px();
    assert!(width > 300 && height > 100, "{width} × {height}");
    let blue = decoded
        .rgba()
        .chunks_exact(4)
        .filter(|p| p[2] > 150 && p[0] < 100)
        .count();
    assert!(
        blue * 4 > width * height,
        "mostly bars: {blue} of {}",
        width * height
    );
}

#[test]
fn the_figures_of_a_paper_are_found_with_their_captions() {
    let path = common::corpus_file("pdf/papers/p01_tracemonkey.pdf");
    let document = import_path(&path).expect("the paper reads");
    let captions: Vec<String> = figures(&document)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    for wanted in [
        "Figure 2. State machine",
        "Figure 5. A tree with two traces",
        "Figure 10. Speedup",
    ] {
        assert!(
            captions.iter().any(|c| c.starts_with(wanted)),
            "{wanted} among {captions:#?}"
        );
    }
}
