//! A PDF's original page (F6): the page as printed, the highlight made in
//! the text drawn over its words, a selection dragged over the printed
//! words becoming a highlight of those words (H), a click on a highlight
//! opening it, the pages turned, and F6 back to the text at the page.

mod common;

use std::time::{Duration, Instant};

use common::app::{app, drag, step_until};
use common::pdf::{FIRST_BASELINE_PT, LEFT_MARGIN_PT, PAGE_WIDTH_PT, paper};
use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::StartWith;

fn page_text(page: usize) -> Vec<String> {
    (0..5)
        .map(|n| {
            format!(
                "Paragraph {n} of page {page} opens here. The river keeps its own counsel \
                 and the tide returns each evening to the harbour wall, where gulls \
                 argue over what the boats brought in and nobody listens to them."
            )
        })
        .collect()
}

/// Steps until the original page's picture is drawn (the child renders it).
fn wait_for_paper(harness: &mut egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>) {
    let start = Instant::now();
    harness.step();
    while !harness
        .state()
        .original_page()
        .is_some_and(|(_, drawn)| drawn)
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the page is drawn"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(3);
}

/// Where a point of the page (in points from its top left) is on screen.
fn on_paper(paper: egui::Rect, x_pt: f32, y_pt: f32) -> egui::Pos2 {
    let scale = paper.width() / PAGE_WIDTH_PT;
    paper.min + egui::vec2(x_pt, y_pt) * scale
}

#[test]
fn the_original_page_shows_highlights_and_makes_them() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let pdf = folder.path().join("harbour.pdf");
    std::fs::write(&pdf, paper(&[page_text(1), page_text(2), page_text(3)]))
        .expect("the PDF is written");
    let mut harness = app(StartWith::File(pdf), [1000.0, 800.0]);
    common::app::select_quote(&mut harness, "The river keeps its own counsel");
    harness.key_press(Key::H);
    harness.run_steps(2);
    assert_eq!(
        harness.state().annotations().map(|s| s.annotations().len()),
        Some(1)
    );

    // Saved first: the status bar's save state is then the same every run.
    step_until(
        &mut harness,
        "the highlight to be saved",
        common::app::saved,
    );
    harness.key_press(Key::F6);
    wait_for_paper(&mut harness);
    assert_eq!(
        harness.state().original_page().map(|(page, _)| page),
        Some(0)
    );
    harness.snapshot("original_page_with_a_highlight");

    // A drag over the first words of the first line, then H.
    let sheet = harness.get_by_label("Page 1 as printed").rect();
    let middle_of_line = FIRST_BASELINE_PT - 3.0;
    let from = on_paper(sheet, LEFT_MARGIN_PT + 1.0, middle_of_line);
    let to = on_paper(sheet, LEFT_MARGIN_PT + 112.0, middle_of_line);
    drag(&mut harness, from, to);
    harness.run_steps(2);
    let selected = harness
        .state()
        .reader()
        .selected_text(harness.state().document().expect("the PDF is open"));
    assert_eq!(
        selected.as_deref().map(|t| t.split(' ').next()),
        Some(Some("Paragraph"))
    );
    harness.key_press(Key::H);
    harness.run_steps(2);
    let store = harness.state().annotations().expect("annotations");
    let quotes: Vec<String> = store
        .annotations()
        .iter()
        .map(|(a, _)| a.anchor.exact.clone())
        .collect();
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(
        quotes
            .iter()
            .any(|q| q.starts_with("Paragraph 0 of page 1")),
        "{quotes:?}"
    );

    // A click on the highlight made in the text opens it; one beside
    // the text closes it.
    let counsel = harness.state().annotations().and_then(|store| {
        let found = store
            .annotations()
            .into_iter()
            .find(|(a, _)| a.anchor.exact.starts_with("The river"));
        found.map(|(a, _)| a.id)
    });
    let river = on_paper(sheet, LEFT_MARGIN_PT + 175.0, middle_of_line);
    common::app::click(&mut harness, river);
    harness.run_steps(2);
    assert_eq!(harness.state().selected_annotation(), counsel);
    common::app::click(&mut harness, on_paper(sheet, 20.0, 400.0));
    harness.run_steps(2);
    assert_eq!(harness.state().selected_annotation(), None);

    // Page Down turns the page; F6 returns to the text at that page.
    harness.key_press(Key::PageDown);
    wait_for_paper(&mut harness);
    assert_eq!(
        harness.state().original_page().map(|(page, _)| page),
        Some(1)
    );
    harness.get_by_label("Page 2 as printed");
    harness.key_press(Key::F6);
    harness.run_steps(4);
    assert_eq!(harness.state().original_page(), None);
    step_until(&mut harness, "the text to be at page 2", |app| {
        let document = app.document().expect("the PDF is open");
        document.page_index_at(app.reader().top_char()) == Some(1)
    });
}
