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
