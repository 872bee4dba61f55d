//! An ordered list's numbers are drawn before its items, right-aligned as a
//! browser sets them ("9." and "10." end at the same place), and are not
//! part of the items' text: a drag across an item from its number selects
//! the item's words alone (a snapshot shows the list); a screen reader
//! reads the number before the item.

mod common;

use eframe::egui;
use egui_kittest::kittest::Queryable as _;

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
    let (_dir, mut harness) = common::app::app_on("fern.md", STEPS, [640.0, 480.0]);
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

const COUNTED: &str = "<html><head><title>Ferns for a shady balcony</title></head><body>\
<article><h1>Ferns for a shady balcony</h1>\
<p>Our countdown, from the easiest to the one we love most:</p>\
<ol reversed><li>Boston fern, which forgives a missed watering.</li>\
<li>Hart's-tongue, glossy and slow.</li>\
<li>Maidenhair, the prettiest and the fussiest.</li></ol>\
<p>Repotting, in the order of the guide's clauses:</p>\
<ol type=\"a\"><li>Loosen the roots.</li><li>Trim the dead fronds.</li>\
<li value=\"5\">Water from below.</li></ol>\
<p>The guide's later parts:</p>\
<ol style=\"list-style-type: upper-roman\" start=\"4\"><li>Pests.</li><li>Winter.</li></ol>\
<ol start=\"-1\"><li>Before you buy.</li><li>The day you buy.</li></ol>\
</article></body></html>";

#[test]
fn an_html_list_counts_as_the_page_says_down_in_letters_or_in_roman_numerals() {
    let (_dir, mut harness) = common::app::app_on("ferns.html", COUNTED, [640.0, 720.0]);
    harness.run();
    for label in [
        "3. Boston fern, which forgives a missed watering.",
        "1. Maidenhair, the prettiest and the fussiest.",
        "a. Loosen the roots.",
        "b. Trim the dead fronds.",
        "e. Water from below.",
        "IV. Pests.",
        "V. Winter.",
        "-1. Before you buy.",
        "0. The day you buy.",
    ] {
        harness.get_by_label(label);
    }
    let text = harness.state().document().unwrap().text().to_owned();
    for marker in ["3.", "a.", "IV."] {
        assert!(!text.contains(marker), "{marker} is not text: {text:?}");
    }
    harness.snapshot("counted_lists");
}
