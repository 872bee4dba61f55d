//! The reading loop as a daily reader lives it: the place in a long book
//! is kept and found again.

mod common;

use eframe::egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use marginalia::ui::{Command, StartWith};

#[test]
fn a_long_book_reopens_at_the_paragraph_it_was_left_at() {
    let book = common::corpus_file("large/pg2600-war-and-peace.txt");
    let book = std::fs::canonicalize(&book).unwrap();
    let mut harness = common::app::app(StartWith::File(book.clone()), [1000.0, 700.0]);
    for _ in 0..10 {
        harness.key_press(Key::PageDown);
        harness.run_steps(2);
    }
    let left_at = harness.state().reader().top_char();
    assert!(left_at > 5_000, "PageDown moved the view: {left_at}");
    // Reopened with the view still scrolled where the last one was (as
    // egui's remembered scroll offset leaves it after a restart).
    harness.state_mut().apply(Command::Open(book.clone()));
    common::app::step_until(&mut harness, "the book", |app| !app.is_opening());
    harness.run_steps(4);
    assert_eq!(harness.state().reader().top_char(), left_at);
    assert_eq!(harness.state().settings().position_of(&book), Some(left_at));
}

#[test]
fn find_ignores_diacritics_and_typographic_quotes_unless_asked() {
    // A copy: a highlight is made, and the corpus is never written to.
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("war-and-peace.txt");
    std::fs::copy(common::corpus_file("large/pg2600-war-and-peace.txt"), &book).unwrap();
    let mut harness = common::app::app(StartWith::File(book), [1100.0, 700.0]);
    let count = |harness: &egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>| {
        harness.state().find_matches().map_or(0, |(m, _)| m.len())
    };
    harness.state_mut().apply(Command::ShowFind);
    harness
        .state_mut()
        .apply(Command::SetFindQuery("Natasha".into()));
    harness.run_steps(2);
    // The book writes "Natásha" 1,213 times (and "NATÁSHA" in headings).
    assert!(count(&harness) >= 1_213, "{}", count(&harness));
    harness
        .state_mut()
        .apply(Command::SetFindQuery("don't".into()));
    harness.run_steps(2);
    assert!(count(&harness) >= 414, "don’t: {}", count(&harness));

    // The match made a highlight covers the original text exactly.
    harness
        .state_mut()
        .apply(Command::SetFindQuery("Natasha".into()));
    harness.state_mut().apply(Command::HighlightFindMatch);
    harness.run_steps(2);
    let app = harness.state();
    let quotes: Vec<&str> = app
        .annotations()
        .unwrap()
        .set()
        .iter()
        .map(|a| a.anchor.exact.as_str())
        .collect();
    assert!(
        quotes.iter().all(|q| q.eq_ignore_ascii_case("Natásha")),
        "{quotes:?}"
    );

    // "Match Diacritics", as in Firefox's find bar.
    harness.get_by_label("Match Diacritics").click();
    harness.run_steps(2);
    assert_eq!(
        count(&harness),
        0,
        "the book never writes it without the accent"
    );
    assert!(harness.state().settings().find_match_diacritics);
}

#[test]
fn progress_is_the_text_above_the_bottom_of_the_window_and_follows_the_keys() {
    for (article, [width, height]) in [
        (common::sample_article(), [1000.0, 700.0]),
        (
            common::corpus_file("large/pg2600-war-and-peace.txt"),
            [1000.0, 700.0],
        ),
    ] {
        let mut harness = common::app::app(StartWith::File(article.clone()), [width, height]);
        harness.key_press(Key::End);
        harness.run_steps(4);
        let app = harness.state();
        let progress = app.reader().progress(app.document().unwrap());
        assert_eq!(progress, 1.0, "{}: End is the end", article.display());
        // Drawn in the status bar by the frames the key alone brought.
        harness.get_by_label("100%");
        harness.key_press(Key::Home);
        harness.run_steps(4);
        harness.key_press(Key::PageDown);
        harness.run_steps(4);
        let app = harness.state();
        let progress = app.reader().progress(app.document().unwrap());
        assert!(progress > 0.0 && progress < 1.0, "{progress}");
    }
}

#[test]
fn every_page_down_press_moves_a_screen_however_fast_they_come() {
    let book = common::corpus_file("large/pg2600-war-and-peace.txt");
    let mut harness = common::app::app(StartWith::File(book), [1000.0, 700.0]);
    let offset = |harness: &egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>| {
        harness.state().reader().scroll_offset()
    };
    // One press a frame: the pace of a reader.
    for _ in 0..10 {
        harness.key_press(Key::PageDown);
        harness.run_steps(2);
    }
    let one_by_one = offset(&harness);
    harness.key_press(Key::Home);
    harness.run_steps(3);
    assert_eq!(offset(&harness), 0.0);
    // Ten presses within one frame (a held key on a slow machine).
    for pressed in [true, false].repeat(10) {
        harness.input_mut().events.push(eframe::egui::Event::Key {
            key: Key::PageDown,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Default::default(),
        });
    }
    harness.step();
    harness.run_steps(3);
    assert!(one_by_one > 4_000.0, "{one_by_one}");
    assert!(
        (offset(&harness) - one_by_one).abs() < 1.0,
        "ten presses at once: {} (one by one: {one_by_one})",
        offset(&harness)
    );
}

#[test]
fn a_focused_field_left_alone_stops_blinking_and_asks_for_no_frames() {
    let mut harness = common::app::app(StartWith::Sample, [1000.0, 700.0]);
    harness.state_mut().apply(Command::ShowFind);
    harness.run_steps(3);
    let blinking = |harness: &egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>| {
        harness.ctx.global_style().visuals.text_cursor.blink
    };
    assert!(blinking(&harness), "the find field's caret blinks at first");
    // Eleven seconds of the app's clock without input (a frame is 1/60 s).
    harness.run_steps(11 * 60);
    assert!(!blinking(&harness), "after 10 s the caret stands still");
    // Now nothing asks for another frame: the window is idle.
    harness.run_steps(2);
    assert!(
        !harness.ctx.has_requested_repaint(),
        "an idle window with a focused field asks for no frames"
    );
    harness.key_press(Key::A);
    harness.run_steps(2);
    assert!(blinking(&harness), "typing brings the blink back");
}

#[test]
fn the_first_launch_opens_the_sample_with_a_hint_and_names_where_notes_go() {
    let harness = common::app::app(StartWith::LastRead, [1100.0, 700.0]);
    assert!(harness.state().settings().hint_shown);
    harness.get_by_label("Select text and press H to highlight — F1 lists every key");
    // The sample's annotations are not beside an article: the folder is named.
    harness.get_by_label_contains("kept in ~/");
    assert!(harness.state().document().is_some(), "the sample is open");
}

#[test]
fn escape_closes_an_open_menu_and_only_the_menu() {
    let mut harness = common::app::app(StartWith::Sample, [1000.0, 700.0]);
    harness.state_mut().apply(Command::ShowFind);
    harness.run_steps(2);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Export Annotations…").is_some(),
        "the menu is open"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Export Annotations…").is_none(),
        "Escape closed it"
    );
    assert!(
        harness.state().find_matches().is_some(),
        "and only it: find stays open"
    );
}

#[test]
fn news_is_not_shown_as_a_problem() {
    let (dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    harness
        .state_mut()
        .apply(Command::ExportTo(dir.path().join("notes.md")));
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .banner()
            .unwrap_or_default()
            .starts_with("Exported")
    );
    assert_eq!(
        harness.state().banner_is_problem(),
        Some(false),
        "an export that worked"
    );
    harness
        .state_mut()
        .apply(Command::Open(dir.path().join("missing.txt")));
    harness.run_steps(2);
    assert_eq!(
        harness.state().banner_is_problem(),
        Some(true),
        "a file that is not there"
    );
}

#[test]
fn after_h_the_note_is_one_key_away() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1100.0, 700.0]);
    common::app::select_quote(&mut harness, "Cold War");
    harness.key_press(Key::H);
    harness.run_steps(2);
    harness.key_press(Key::N);
    harness.run_steps(3);
    harness.event(eframe::egui::Event::Text("Thaw?".into()));
    harness.run_steps(3);
    let app = harness.state();
    let notes: Vec<&str> = app
        .annotations()
        .unwrap()
        .set()
        .iter()
        .map(|a| a.note.as_str())
        .collect();
    assert_eq!(
        notes,
        ["Thaw?"],
        "N opened the new highlight's note, ready for typing"
    );
}

#[test]
fn every_jump_in_a_long_book_lands_its_target_at_the_same_place() {
    use marginalia::document::outline_of;
    let book = common::corpus_file("large/pg2600-war-and-peace.txt");
    let mut harness = common::app::app(StartWith::File(book), [1000.0, 700.0]);
    let headings: Vec<(usize, String)> = {
        let document = harness.state().document().unwrap();
        let outline = outline_of(document);
        // Far apart, in no order: every jump crosses blocks never measured.
        [300, 40, 250, 120, 330, 10]
            .iter()
            .filter_map(|&i| outline.get(i))
            .map(|e| (e.start_char, e.text.clone()))
            .collect()
    };
    assert_eq!(headings.len(), 6);
    let mut landed = Vec::new();
    for (start_char, text) in &headings {
        harness.state_mut().apply(Command::GoTo {
            start_char: *start_char,
        });
        harness.run_steps(3);
        let top = harness
            .query_all_by_role(eframe::egui::accesskit::Role::Heading)
            .find(|n| n.accesskit_node().label().is_some_and(|l| l == *text))
            .map(|n| n.rect().top());
        landed.push((text.clone(), top));
    }
    let first = landed[0].1.expect("the heading is on screen");
    for (text, top) in &landed {
        let top = top.unwrap_or(f32::NAN);
        assert!(
            (top - first).abs() <= 1.0,
            "{text:?} landed at {top}, not {first}: {landed:?}"
        );
    }
}

#[test]
fn in_a_narrow_window_the_panel_floats_and_the_text_keeps_its_measure() {
    let mut harness = common::app::app(StartWith::Sample, [600.0, 700.0]);
    let article = |harness: &egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>| {
        harness.get_by_label_contains("Article:").rect().width()
    };
    let alone = article(&harness);
    harness.key_press(Key::F9);
    harness.run_steps(3);
    assert!(harness.state().settings().show_panel);
    harness.get_by_label("0 annotations");
    assert!(
        article(&harness) >= alone - 1.0,
        "the page keeps its width under a floating panel: {} (alone {alone})",
        article(&harness)
    );
}

#[test]
fn a_note_reads_as_markdown_and_shows_its_source_when_edited() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1100.0, 700.0]);
    common::app::select_quote(&mut harness, "Cold War");
    let id = {
        let app = harness.state_mut();
        app.apply(Command::HighlightSelection);
        app.annotations().unwrap().annotations()[0].0.id
    };
    harness.state_mut().apply(Command::SetNote(
        id,
        "**Thaw** is _over_\n\n- see [Reuters](https://reuters.com)".into(),
    ));
    harness
        .state_mut()
        .apply(Command::SelectAnnotation(Some(id)));
    harness.run_steps(3);
    use eframe::egui::accesskit::Role;
    harness.get_by_role_and_label(Role::Label, "Thaw is over");
    harness.get_by_role_and_label(Role::Label, "• see Reuters");
    let raw_shown = |harness: &egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>| {
        harness
            .query_all_by_label_contains("**Thaw**")
            .any(|node| node.accesskit_node().role() == Role::Label)
    };
    assert!(!raw_shown(&harness), "no Markdown syntax shows");
    harness
        .get_by_role_and_label(Role::Label, "Thaw is over")
        .click();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_role(Role::MultilineTextInput)
            .any(|n| n
                .accesskit_node()
                .value()
                .is_some_and(|v| v.contains("**Thaw**"))),
        "editing shows the source"
    );
}
