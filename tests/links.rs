//! Links inside an article go somewhere: an EPUB's links between its
//! chapters, a Markdown footnote reference to its note — and Back (Alt+←,
//! or the chip) returns to where the reader was.

mod common;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use marginalia::import::import_path;
use marginalia::ui::StartWith;

#[test]
fn an_epubs_links_between_chapters_lead_to_their_targets() {
    let book = import_path(&common::corpus_dir().join("epub/fatbf.epub")).unwrap();
    let mut followed = 0;
    for (index, block) in book.blocks().iter().enumerate() {
        for span in &block.spans {
            let marginalia::document::InlineStyle::Link { target } = &span.style else {
                continue;
            };
            if target.contains("Basic-functionality-tests.xhtml#link-target") {
                let to = book
                    .internal_target(target)
                    .unwrap_or_else(|| panic!("{target} leads nowhere (block {index})"));
                assert!(to < block.chars.start, "{target} leads back into the book");
                followed += 1;
            }
        }
    }
    assert!(followed >= 2, "{followed} cross-chapter links");
}

#[test]
fn a_footnote_reference_leads_to_its_note_and_back_returns() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    let filler: String = (1..=40)
        .map(|n| format!("Paragraph {n} of the body, which goes on for a while.\n\n"))
        .collect();
    std::fs::write(
        &notes,
        format!("# Notes\n\n[^claim] marks the claim made here.\n\n{filler}[^claim]: Where the claim comes from.\n"),
    )
    .unwrap();
    let mut harness = common::app::app(StartWith::File(notes), [900.0, 600.0]);
    let paragraph = harness
        .get_by_label_contains("[claim] marks the claim")
        .rect();
    let at = egui::pos2(paragraph.left() + 12.0, paragraph.center().y);
    common::app::click_released_last(&mut harness, at);
    harness.run_steps(3);
    let document = harness.state().document().unwrap();
    let note = document.text().find("[claim] Where the claim").unwrap();
    let note = document.text()[..note].chars().count();
    let top = harness.state().reader().top_char();
    assert!(
        top > 200,
        "the page moved to the note (top at {top}, note at {note})"
    );
    harness.get_by_label("Back");
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run_steps(4);
    assert_eq!(harness.state().reader().top_char(), 0, "back where it was");
    assert!(
        harness.query_by_label("Back").is_none(),
        "the chip goes once there is nowhere to go back to"
    );
}

#[test]
fn a_link_to_a_sibling_page_opens_it_and_one_that_goes_nowhere_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let index = dir.join("index.html");
    std::fs::write(
        &index,
        "<html><body><h1>The manual</h1>\
         <p><a href=\"install.html\">Installing</a> comes first.</p>\
         <p>Also see <a href=\"reference.html\">the reference</a></p></body></html>",
    )
    .unwrap();
    let install = dir.join("install.html");
    std::fs::write(
        &install,
        "<html><body><h1>Installing</h1><p>Run the installer.</p></body></html>",
    )
    .unwrap();
    let mut harness = common::app::app(StartWith::File(index.clone()), [900.0, 600.0]);
    let sibling = harness
        .get_by_label_contains("Installing comes first")
        .rect();
    // The margin beside the line, nearest to the link's first letter, is
    // not the link: no tooltip, and a click there follows nothing.
    let margin = egui::pos2(sibling.left() - 40.0, sibling.center().y);
    harness.hover_at(margin);
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Opens install.html")
            .is_none()
    );
    common::app::click_released_last(&mut harness, margin);
    harness.run_steps(3);
    assert_eq!(harness.state().document_path(), Some(index.as_path()));
    // A link to a page that was not saved says so.
    let missing = harness
        .get_by_label_contains("Also see the reference")
        .rect();
    let on_the_link = egui::pos2(missing.left() + 100.0, missing.center().y);
    common::app::click_released_last(&mut harness, on_the_link);
    harness.run_steps(3);
    harness.get_by_label_contains("“reference.html”, which was not saved with this article");
    // A link to a page saved beside it opens that page.
    let on_the_link = egui::pos2(sibling.left() + 10.0, sibling.center().y);
    common::app::click_released_last(&mut harness, on_the_link);
    common::app::step_until(&mut harness, "the sibling page to open", |app| {
        !app.is_opening() && app.document_path() == Some(install.as_path())
    });
}
