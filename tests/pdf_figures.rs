//! A PDF's figures in the reflowed text: its drawings and pictures
//! gathered into figures, each placed where its column reaches it, with
//! the caption printed beside it, its own labels muted, and its picture
//! drawn from the PDF (by the renderer, in the limited child).

mod common;

use common::pdf::page_with_a_chart;
use marginalia::document::{BlockKind, Document, PictureSource};
use marginalia::import::import_path;
use marginalia::ui::reader::decode_picture;

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
