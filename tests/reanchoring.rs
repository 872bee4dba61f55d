//! Re-anchoring never moves a highlight onto text that is not its own: a
//! short quote with no agreeing context is orphaned, and highlights made
//! together move together when a near-copy of their paragraph appears.

use marginalia::annotate::{Anchor, AnchorStatus, IndexedText, anchor_all};

fn anchor_in(text: &str, quote: &str) -> Anchor {
    let start_byte = text.find(quote).expect("quote in text");
    let indexed = IndexedText::new(text);
    let start = indexed.char_of(start_byte);
    Anchor::from_range(&indexed, start..start + quote.chars().count())
}

/// Where each anchor lands in `text`: the text there and the status.
fn landed(text: &str, anchors: &[&Anchor]) -> Vec<(Option<usize>, AnchorStatus)> {
    let indexed = IndexedText::new(text);
    anchor_all(&indexed, anchors)
        .into_iter()
        .map(|r| (r.range.map(|range| range.start), r.status))
        .collect()
}

#[test]
fn a_short_quote_whose_sentence_is_deleted_is_orphaned_not_moved_onto_another() {
    let text = "The meeting ran long. After four hours the chair called a vote and the \
        motion passed without debate. Critics said the mayor called a vote on nothing at all, \
        and the papers agreed.";
    // The first "called a vote".
    let anchor = anchor_in(text, "called a vote");
    let edited = text.replace(
        "After four hours the chair called a vote and the motion passed without debate. ",
        "",
    );
    let [(range, status)] = landed(&edited, &[&anchor])[..] else {
        unreachable!()
    };
    assert_eq!(
        (range, status),
        (None, AnchorStatus::Orphaned),
        "never moved onto the critics' sentence"
    );
}

const OPENING: &str = "Opening remarks were brief and nobody objected to the agenda.";
const PARAGRAPH: &str = "The council met on Tuesday to debate the budget. Members argued \
    that the proposed spending cuts would hurt schools and libraries across the city, while \
    the mayor insisted they were necessary.";
const CLOSING: &str = "Afterwards the press asked about the timetable for the vote.";

#[test]
fn highlights_made_together_stay_together_when_a_near_copy_is_inserted_before_them() {
    let text = format!("{OPENING}\n\n{PARAGRAPH}\n\n{CLOSING}");
    let long = anchor_in(&text, "the mayor insisted they were necessary");
    let short = anchor_in(&text, "cuts would");
    // One letter changed in the copy: in the long quote's prefix, inside
    // it, in its suffix, and in the short quote's context.
    for (place, from, to) in [
        ("prefix", "the city", "the citx"),
        ("inside", "necessary", "necessarx"),
        ("suffix", "necessary.", "necessary!"),
        ("short's context", "spending", "spendinq"),
    ] {
        let copy = PARAGRAPH.replacen(from, to, 1);
        assert_ne!(copy, PARAGRAPH);
        let edited = format!("{OPENING}\n\n{copy}\n\n{PARAGRAPH}\n\n{CLOSING}");
        let original_at = edited.rfind(PARAGRAPH).unwrap();
        let original = IndexedText::new(&edited).char_of(original_at);
        let in_original = |quote: &str| original + PARAGRAPH.find(quote).unwrap();
        let found = landed(&edited, &[&long, &short]);
        assert_eq!(
            found[0].0,
            Some(in_original("the mayor insisted")),
            "{place}: the long quote in the original paragraph: {found:?}"
        );
        assert_eq!(
            found[1].0,
            Some(in_original("cuts would")),
            "{place}: the short quote with it, not on the copy: {found:?}"
        );
        for (_, status) in &found {
            assert_eq!(*status, AnchorStatus::Moved, "{place}: {found:?}");
        }
    }
}

/// The article's text as importers before December 2026 made it: each
/// ordered item's number and a space at the start of its text.
fn text_with_numbers_in_it(document: &marginalia::document::Document) -> String {
    let mut text = String::new();
    for (index, block) in document.blocks().iter().enumerate() {
        if index > 0 {
            text.push_str("\n\n");
        }
        if let Some(number) = block.kind.list_number() {
            text.push_str(&format!("{} ", number.label()));
        }
        text.push_str(document.block_text(index));
    }
    text
}

#[test]
fn highlights_made_while_list_numbers_were_text_keep_their_words() {
    use marginalia::document::Metadata;
    let page = "<html><body><article><h1>Placing a design</h1>\
        <p>The placer begins with a greedy pass over the netlist.</p><ol>\
        <li>Loop over the cells with a location constraint and put each on its site.</li>\
        <li>Loop over the unconstrained cells and give each the first free site.</li>\
        <li>Score the placement by its unroutable nets.</li></ol>\
        <p>Then it improves the placement by moving one cell at a time.</p>\
        </article></body></html>";
    let document = marginalia::import::document_from_html(page, Metadata::default());
    let text = document.text();
    let old = text_with_numbers_in_it(&document);
    assert_ne!(old, text, "the numbers have left the text");
    assert!(!text.contains("2. Loop"), "{text:?}");
    // Inside an item, an item with its number, one across two items'
    // numbers, and one after the list.
    let quotes = [
        ("unconstrained cells", "unconstrained cells"),
        (
            "2. Loop over the unconstrained cells and give each the first free site.",
            "Loop over the unconstrained cells and give each the first free site.",
        ),
        ("on its site.\n\n2. Loop over", "on its site.\n\nLoop over"),
        ("moving one cell at a time", "moving one cell at a time"),
    ];
    let anchors: Vec<Anchor> = quotes.iter().map(|(q, _)| anchor_in(&old, q)).collect();
    let indexed = IndexedText::new(text);
    let found = anchor_all(&indexed, &anchors.iter().collect::<Vec<_>>());
    for ((quote, words), resolution) in quotes.iter().zip(&found) {
        let range = resolution
            .range
            .clone()
            .unwrap_or_else(|| panic!("{quote:?} orphaned"));
        let start = text
            .char_indices()
            .nth(range.start)
            .map_or(text.len(), |(b, _)| b);
        let landed: String = text[start..].chars().take(range.len()).collect();
        assert_eq!(
            landed, *words,
            "{quote:?} landed elsewhere ({:?})",
            resolution.status
        );
        assert_ne!(resolution.status, AnchorStatus::Orphaned);
    }
}
