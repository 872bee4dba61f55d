//! Two windows on one article, one note typed in both: neither window's
//! typing writes over what the other typed. The window that is typing takes
//! the other's edit into its field as soon as it merges it, so its next
//! keystroke builds on it (and edits made at the same moment are kept
//! twice, under each writer's own name).

mod common;

use common::app::{article_in_temp, step_until};
use eframe::egui::{self, Key};
use marginalia::import::import_path;
use marginalia::store::{AnnotationStore, read_sidecar};
use marginalia::ui::StartWith;
use marginalia::ui::command::Command;
use marginalia::ui::session::SaveState;

#[test]
fn a_note_typed_in_two_windows_in_turn_keeps_every_word() {
    let (_dir, article) = article_in_temp();
    let document = import_path(&article).unwrap();
    // The other window: its own writer's name.
    let mut other = AnnotationStore::open(&article, &document);
    other.set_device("otherwindow");
    let mut highlight = common::highlight(&document, "Cold War");
    highlight.note = "start".to_owned();
    let id = highlight.id;
    other.add(highlight);
    other.save_now(&document).unwrap();

    let mut harness = common::app::app(StartWith::File(article.clone()), [1100.0, 800.0]);
    step_until(&mut harness, "the highlight", |app| {
        app.annotations()
            .is_some_and(|store| store.get(id).is_some())
    });
    harness
        .state_mut()
        .apply(Command::SelectAnnotation(Some(id)));
    harness.run_steps(2);
    harness.key_press(Key::N);
    harness.run_steps(2);
    let type_in_this_window = |harness: &mut egui_kittest::Harness<'_, _>, words: &str| {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::End);
        harness.event(egui::Event::Text(words.into()));
        harness.run_steps(2);
        step_until(
            harness,
            "the save",
            |app: &marginalia::ui::MarginaliaApp| app.save_state() == Some(SaveState::Saved),
        );
    };
    type_in_this_window(&mut harness, " one");

    // The other window takes that in, adds its words and saves.
    other.merge_from_disk(&document).unwrap();
    assert!(other.get(id).unwrap().note.contains("one"));
    other.update(id, |a| a.note.push_str(" two"));
    other.save_now(&document).unwrap();
    step_until(&mut harness, "the other window's words", |app| {
        app.annotations()
            .and_then(|store| store.get(id))
            .is_some_and(|a| a.note.contains("two"))
    });

    // Typing on in this window builds on them.
    type_in_this_window(&mut harness, " three");
    let saved = read_sidecar(&common::app::sidecar_of(&article))
        .unwrap()
        .unwrap();
    let notes: Vec<&str> = saved.set.iter().map(|a| a.note.as_str()).collect();
    for word in ["one", "two", "three"] {
        assert!(
            notes.iter().any(|note| note.contains(word)),
            "{word} is lost: {notes:?}"
        );
    }
}
