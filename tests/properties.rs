//! Property tests for anchoring and the sidecar.

use std::path::Path;

use jiff::Timestamp;
use marginalia::annotate::{
    Anchor, Annotation, HighlightColor, HighlightStyle, IndexedText, anchor_all, resolve_anchor,
};
use marginalia::document::Format;
use marginalia::store::{
    AnnotationSet, DocumentInfo, annotations_from_json, parse_sidecar, sidecar_to_string,
    text_hash, w3c_page,
};
use proptest::prelude::*;
use uuid::Uuid;

fn any_text() -> impl Strategy<Value = String> {
    // Words, punctuation, spaces, line breaks, accents and non-BMP chars.
    proptest::collection::vec(
        prop_oneof![
            "[a-z]{1,8}",
            Just(" ".to_owned()),
            Just("\n\n".to_owned()),
            Just(", ".to_owned()),
            Just("é".to_owned()),
            Just("\"".to_owned()),
            Just("𝄞".to_owned()),
        ],
        1..120,
    )
    .prop_map(|parts| parts.concat())
}

fn any_annotation(
    text_len: usize,
) -> impl Strategy<Value = (usize, usize, u8, bool, String, Vec<String>, u64, u64)> {
    (
        0..text_len.max(1),
        1..40usize,
        0..5u8,
        any::<bool>(),
        "(\\PC|\n){0,40}",
        proptest::collection::vec("[a-z #]{1,12}", 0..4),
        0..4_000_000_000u64,
        0..1_000_000u64,
    )
}

fn annotation_from(
    text: &IndexedText<'_>,
    (start, len, color, underline, note, tags, created, later): (
        usize,
        usize,
        u8,
        bool,
        String,
        Vec<String>,
        u64,
        u64,
    ),
) -> Annotation {
    let start = start.min(text.char_len());
    let mut annotation = Annotation::new(
        text,
        start..(start + len).min(text.char_len()),
        HighlightColor::ALL[color as usize],
    );
    annotation.created = Timestamp::from_millisecond(created as i64 * 1000).unwrap();
    annotation.modified = Timestamp::from_millisecond((created + later) as i64 * 1000).unwrap();
    annotation.style = if underline {
        HighlightStyle::Underline
    } else {
        HighlightStyle::Highlight
    };
    annotation.note = note;
    annotation.tags = tags;
    annotation
}

fn info(text: &str) -> DocumentInfo {
    DocumentInfo {
        file_name: "article.txt".into(),
        text_hash: text_hash(text),
        char_count: text.chars().count(),
        title: Some("A \"title\"".into()),
        format: Format::Text,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sidecars_round_trip_through_ron(
        text in any_text(),
        specs in proptest::collection::vec(any_annotation(400), 0..12),
        deleted in proptest::collection::vec(0..4_000_000_000u64, 0..3),
    ) {
        let indexed = IndexedText::new(&text);
        let mut set = AnnotationSet::default();
        for spec in specs {
            set.upsert(annotation_from(&indexed, spec));
        }
        for seconds in deleted {
            set.bury(Uuid::new_v4(), Timestamp::from_millisecond(seconds as i64 * 1000).unwrap());
        }
        let written = sidecar_to_string(&info(&text), &set);
        let parsed = parse_sidecar(written.as_bytes(), Path::new("a.ron")).unwrap();
        prop_assert_eq!(&parsed.set, &set);
        prop_assert_eq!(sidecar_to_string(&parsed.document, &parsed.set), written);
    }

    #[test]
    fn annotations_round_trip_through_w3c(
        text in any_text(),
        specs in proptest::collection::vec(any_annotation(400), 1..8),
    ) {
        let indexed = IndexedText::new(&text);
        let annotations: Vec<Annotation> = specs
            .into_iter()
            .map(|spec| annotation_from(&indexed, spec))
            .filter(|a| !a.anchor.exact.is_empty())
            .collect();
        let resolutions = anchor_all(&indexed, &annotations.iter().map(|a| &a.anchor).collect::<Vec<_>>());
        let pairs: Vec<_> = annotations.iter().zip(resolutions.iter()).collect();
        let json = serde_json::to_string(&w3c_page(&pairs, "file:///article.txt", &[])).unwrap();
        let imported = annotations_from_json(&json);
        if annotations.is_empty() {
            return Ok(());
        }
        let imported = imported.unwrap();
        prop_assert_eq!(imported.len(), annotations.len());
        for (back, original) in imported.into_iter().zip(&annotations) {
            let mut back = back.into_annotation();
            // An empty note exports as no body at all; tags keep their order.
            back.tags.retain(|t| !t.trim().is_empty());
            let mut expected = original.clone();
            expected.tags.retain(|t| !t.trim().is_empty());
            expected.tags.dedup();
            prop_assert_eq!(back, expected);
        }
    }

    #[test]
    fn edits_outside_the_quotes_keep_every_annotation_on_its_own_text(
        text in any_text(),
        spans in proptest::collection::vec((0..400usize, 1..30usize), 1..8),
        edits in proptest::collection::vec((0..400usize, 0..6usize, "[a-z ,.é]{0,12}"), 1..10),
    ) {
        let indexed = IndexedText::new(&text);
        let chars: Vec<char> = text.chars().collect();
        let anchors: Vec<Anchor> = spans
            .into_iter()
            .map(|(start, len)| {
                let start = start.min(chars.len());
                Anchor::from_range(&indexed, start..(start + len).min(chars.len()))
            })
            .filter(|a| !a.exact.trim().is_empty())
            .collect();
        // Edit only outside every quoted span (and off their edges).
        let protected = |at: usize| anchors.iter().any(|a| at + 1 >= a.start_char && at <= a.end_char);
        let mut edited = chars.clone();
        let mut sorted_edits = edits;
        sorted_edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
        // Where each quote is after the edits.
        let mut moved_to: Vec<isize> = vec![0; anchors.len()];
        for (at, delete, insert) in sorted_edits {
            let at = at.min(edited.len());
            let delete = delete.min(edited.len() - at);
            if (at..=at + delete).any(protected) {
                continue;
            }
            let inserted = insert.chars().count() as isize;
            edited.splice(at..at + delete, insert.chars());
            for (shift, anchor) in moved_to.iter_mut().zip(&anchors) {
                if at < anchor.start_char {
                    *shift += inserted - delete as isize;
                }
            }
        }
        let edited: String = edited.into_iter().collect();
        let edited_index = IndexedText::new(&edited);
        let refs: Vec<&Anchor> = anchors.iter().collect();
        for ((anchor, resolution), shift) in anchors.iter().zip(anchor_all(&edited_index, &refs)).zip(moved_to) {
            // Found where it went, or an orphan (an ambiguous quote in a
            // text of few letters): never on other text.
            let Some(range) = resolution.range.clone() else {
                continue;
            };
            let own = anchor.start_char.saturating_add_signed(shift);
            prop_assert!(
                range == (own..own + anchor.exact.chars().count()),
                "{:?} -> {:?}, expected at {}", anchor, resolution, own
            );
        }
    }

    #[test]
    fn a_short_quote_whose_paragraph_is_deleted_is_orphaned_or_right_never_wrong(
        paragraphs in proptest::collection::vec(
            proptest::collection::vec(
                proptest::sample::select(vec!["end", "friendly", "the", "war", "weekend", "and", "peace", "an", "ending", "tender"]),
                3..14,
            ),
            2..8,
        ),
        pick in (0..64usize, 0..64usize, 1..3usize),
    ) {
        let blocks: Vec<String> = paragraphs.iter().map(|words| words.join(" ")).collect();
        let text = blocks.join("\n\n");
        let (which, word, words) = pick;
        let which = which % blocks.len();
        let block_words = &paragraphs[which];
        let word = word % block_words.len();
        let words = words.min(block_words.len() - word);
        let before: usize = blocks[..which].iter().map(|b| b.chars().count() + 2).sum::<usize>()
            + block_words[..word].iter().map(|w| w.chars().count() + 1).sum::<usize>();
        let quote_len = block_words[word..word + words].join(" ").chars().count();
        let indexed = IndexedText::new(&text);
        let anchor = Anchor::from_range(&indexed, before..before + quote_len);
        let mut remaining = blocks.clone();
        remaining.remove(which);
        let edited = remaining.join("\n\n");
        let edited_index = IndexedText::new(&edited);
        let resolution = resolve_anchor(&edited_index, &anchor, 0);
        let Some(range) = resolution.range.clone() else {
            return Ok(()); // Orphaned: right.
        };
        let found = edited_index.slice(range.clone());
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let inside_a_word = is_word(edited_index.slice(range.start.saturating_sub(1)..range.start).chars().next())
            || is_word(edited_index.slice(range.end..range.end + 1).chars().next());
        // Context agrees: all of one side, or half of it in all.
        let before: Vec<char> = edited_index.slice(0..range.start).chars().rev().collect();
        let after: Vec<char> = edited_index.slice(range.end..edited_index.char_len()).chars().collect();
        let backwards = anchor.prefix.chars().rev().zip(&before).take_while(|(a, b)| a == *b).count();
        let forwards = anchor.suffix.chars().zip(&after).take_while(|(a, b)| a == *b).count();
        let (prefix_len, suffix_len) = (anchor.prefix.chars().count(), anchor.suffix.chars().count());
        let context_agrees = (backwards + forwards) * 2 >= prefix_len + suffix_len
            || (prefix_len > 0 && backwards == prefix_len)
            || (suffix_len > 0 && forwards == suffix_len);
        let unique = edited.matches(anchor.exact.as_str()).count() == 1;
        prop_assert!(
            !inside_a_word && (context_agrees || unique),
            "{:?} -> {:?} ({:?}) in {:?}", anchor, resolution, found, edited
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100_000))]

    #[test]
    fn arbitrary_bytes_as_a_sidecar_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_sidecar(&bytes, Path::new("fuzz.ron"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    fn sidecar_shaped_garbage_never_panics(
        body in proptest::collection::vec(
            prop_oneof![
                Just("(".to_owned()), Just(")".to_owned()), Just("[".to_owned()), Just("]".to_owned()),
                Just("format: \"marginalia-annotations\",".to_owned()), Just("version: 1,".to_owned()),
                Just("annotations:".to_owned()), Just("start: 18446744073709551615,".to_owned()),
                Just("id: \"x\",".to_owned()), Just("created: \"2026-99-99T00:00:00Z\",".to_owned()),
                Just("Some(".to_owned()), Just("\"\\u{110000}\"".to_owned()), "[ -~]{0,6}",
            ],
            0..40,
        )
    ) {
        let _ = parse_sidecar(body.concat().as_bytes(), Path::new("fuzz.ron"));
    }
}
