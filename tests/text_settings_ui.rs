//! View ▸ Text: the reading face, the space between lines and between
//! paragraphs, and justification change how the article is set, at once,
//! and are remembered in the settings.

mod common;

use eframe::egui;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use marginalia::ui::text_settings::{ReadingFace, Spacing};
use marginalia::ui::{Command, StartWith};

/// The first two paragraphs of the body (after the lead, whose look is its
/// own): their rectangles on screen.
fn first_paragraphs(
    harness: &egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>,
) -> (egui::Rect, egui::Rect) {
    let paragraphs: Vec<egui::Rect> = harness
        .query_all_by_role(egui::accesskit::Role::Paragraph)
        .map(|node| node.rect())
        .filter(|rect| rect.height() > 60.0)
        .collect();
    assert!(paragraphs.len() >= 3, "paragraphs on screen");
    (paragraphs[1], paragraphs[2])
}

#[test]
fn spacing_face_and_justification_set_the_text_and_are_kept() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [900.0, 900.0]);
    let (first, second) = first_paragraphs(&harness);
    let (usual_height, usual_gap) = (first.height(), second.top() - first.bottom());

    harness
        .state_mut()
        .apply(Command::SetLineSpacing(Spacing::Loose));
    harness.run_steps(3);
    let (first, _) = first_paragraphs(&harness);
    let ratio = first.height() / usual_height;
    assert!(
        ratio > 1.12 && ratio < 1.3,
        "loose lines: {ratio:.3} as tall"
    );

    harness
        .state_mut()
        .apply(Command::SetParagraphSpacing(Spacing::Loose));
    harness.run_steps(3);
    let (first, second) = first_paragraphs(&harness);
    assert!(
        second.top() - first.bottom() > usual_gap + 8.0,
        "loose paragraphs"
    );

    harness
        .state_mut()
        .apply(Command::SetReadingFace(ReadingFace::Sans));
    harness.state_mut().apply(Command::ToggleJustify);
    harness.run_steps(3);
    let text = harness.state().settings().text;
    assert_eq!(text.face, ReadingFace::Sans);
    assert!(text.justify);
    assert_eq!(text.line_spacing, Spacing::Loose);
    harness.snapshot("sans_justified_loose");
}

/// A family installed on the computer as the reading face: listed and read
/// on a worker, the text drawn in it once read, remembered.
#[test]
fn an_installed_family_sets_the_text_once_it_is_read() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [900.0, 900.0]);
    let (_, serif_second) = first_paragraphs(&harness);

    harness.state_mut().apply(Command::ListInstalledFaces);
    // scripts/setup-system.sh installs DejaVu (fonts-dejavu-core).
    harness
        .state_mut()
        .apply(Command::SetInstalledFace("DejaVu Sans".to_owned()));
    let mut tries = 0;
    while harness
        .state()
        .installed_families()
        .is_none_or(<[String]>::is_empty)
        || harness.state().fonts_generation() == 0
    {
        tries += 1;
        assert!(tries < 400, "the installed faces are never listed or read");
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run_steps(1);
    }
    harness.run_steps(3);
    let families = harness.state().installed_families().unwrap_or_default();
    assert!(families.iter().any(|f| f == "DejaVu Sans"), "{families:?}");
    let settings = harness.state().settings();
    assert_eq!(settings.text.face, ReadingFace::Installed);
    assert_eq!(settings.installed_face.as_deref(), Some("DejaVu Sans"));
    // The installed face's family holds DejaVu Sans before the serif.
    let installed = egui::FontFamily::Name("installed".into());
    let first_face = harness.ctx.fonts(|f| {
        f.definitions()
            .families
            .get(&installed)
            .and_then(|family| family.first().cloned())
    });
    assert_eq!(first_face.as_deref(), Some("installed"));
    // DejaVu Sans is wider than Noto Serif: its paragraphs are longer.
    let (_, second) = first_paragraphs(&harness);
    assert!(
        second.bottom() > serif_second.bottom() + 10.0,
        "{} → {}",
        serif_second.bottom(),
        second.bottom()
    );
    harness.snapshot("installed_face_dejavu_sans");
}

/// Long words break at a line's end with a hyphen that is drawn, never
/// text: the caret's block read as text runs (its rows) shows a row ending
/// inside a word, and the rows together are the article's own text.
#[test]
fn words_break_at_line_ends_with_a_hyphen_that_is_not_text() {
    let (_dir, article) = common::app::article_in_temp();
    let original = std::fs::read_to_string(&article).unwrap();
    let mut harness = common::app::app(StartWith::File(article), [560.0, 900.0]);
    harness.state_mut().apply(Command::ToggleJustify);
    harness.run_steps(3);
    assert!(
        harness.state().settings().text.hyphenate,
        "hyphenation is on by default"
    );
    let broken_block = |harness: &mut egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>| {
        harness.key_press(egui::Key::F7);
        harness.run_steps(2);
        for _ in 0..40 {
            let runs: Vec<String> = harness
                .get_by_role(egui::accesskit::Role::Document)
                .query_all_by_role(egui::accesskit::Role::TextRun)
                .filter_map(|node| node.accesskit_node().value())
                .collect();
            let inside_a_word = runs
                .split_last()
                .is_some_and(|(_, rows)| rows.iter().any(|r| r.ends_with(char::is_alphabetic)));
            if inside_a_word {
                harness.key_press(egui::Key::F7);
                harness.run_steps(2);
                return Some(runs);
            }
            harness.key_press(egui::Key::ArrowDown);
            harness.run_steps(2);
        }
        harness.key_press(egui::Key::F7);
        harness.run_steps(2);
        None
    };
    let runs = broken_block(&mut harness).expect("a row that ends inside a word");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&original).contains(&words(&runs.concat())),
        "the rows are the article's text, without hyphens: {runs:?}"
    );
    harness.key_press(egui::Key::Home);
    harness.run_steps(3);
    harness.snapshot("hyphenated_justified");

    harness.state_mut().apply(Command::ToggleHyphenate);
    harness.run_steps(3);
    assert!(!harness.state().settings().text.hyphenate);
    assert_eq!(
        broken_block(&mut harness),
        None,
        "no word broken once turned off"
    );
}
