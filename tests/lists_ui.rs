//! An ordered list's numbers are drawn before its items, right-aligned as a
//! browser sets them ("9." and "10." end at the same place), and are not
//! part of the items' text: a drag across an item from its number selects
//! the item's words alone (a snapshot shows the list); a screen reader
//! reads the number before the item.

mod common;

use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::StartWith;

const STEPS: &str = "# Repotting a fern\n\n\
The last steps, after the roots are loosened:\n\n\
8. Set the fern in the new pot.\n\
9. Fill around the roots with fresh compost, pressing it down lightly so no air pockets are left.\n\
10. Water until it runs from the base.\n\
11. Keep it out of direct sun for a week.\n\n\
- Bullets stay bullets.\n\n\
It will look tired for a few days.\n";

#[test]
fn an_ordered_list_draws_its_numbers_and_a_drag_from_one_selects_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fern.md");
    std::fs::write(&path, STEPS).unwrap();
    let mut harness = common::app::app(StartWith::File(path), [640.0, 480.0]);
    let document = harness.state().document().unwrap();
    assert!(
        !document.text().contains("10."),
        "the numbers are not text: {:?}",
        document.text()
    );
    let item = harness
        .get_by_label("10. Water until it runs from the base.")
        .rect();
    let y = item.center().y;
    common::app::drag(
        &mut harness,
        egui::pos2(item.left() - 24.0, y),
        egui::pos2(item.right() - 1.0, y),
    );
    let app = harness.state();
    let selected = app
        .reader()
        .selected_text(app.document().unwrap())
        .unwrap_or_default();
    assert_eq!(selected, "Water until it runs from the base.");
    harness.snapshot("ordered_list");
}
