//! Driving the real app in kittest: a harness on a file, real-time waits
//! (saves and file watching are real), drags and clicks.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use marginalia::library::LibraryPaths;
use marginalia::ui::session::SaveState;
use marginalia::ui::{MarginaliaApp, StartWith};

/// A copy of the sample article in a temporary folder (canonical path).
pub fn article_in_temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("kerry-lavrov-meeting.txt");
    std::fs::copy(super::sample_article(), &article).unwrap();
    (dir, std::fs::canonicalize(&article).unwrap())
}

pub fn sidecar_of(article: &Path) -> PathBuf {
    article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron")
}

/// The app on an article written as `file_name` (its text `text`) in a
/// temporary folder, kept as long as the folder is.
pub fn app_on(
    file_name: &str,
    text: &str,
    size: [f32; 2],
) -> (tempfile::TempDir, Harness<'static, MarginaliaApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file_name);
    std::fs::write(&path, text).unwrap();
    (dir, app(StartWith::File(path), size))
}

/// The app, `width` × `height` points, after its first frames; without a
/// library (the user's own is never touched by tests).
pub fn app(start: StartWith, size: [f32; 2]) -> Harness<'static, MarginaliaApp> {
    app_with_library(start, size, Err("not kept in this test".to_owned()))
}

/// The app with its library kept at `library`.
pub fn app_with_library(
    start: StartWith,
    [width, height]: [f32; 2],
    library: Result<LibraryPaths, String>,
) -> Harness<'static, MarginaliaApp> {
    let mut harness = Harness::builder()
        .with_size([width, height])
        .with_pixels_per_point(1.0)
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            cc.egui_ctx.all_styles_mut(|s| s.animation_time = 0.0);
            MarginaliaApp::with_library(cc, start, None, library)
        });
    harness.run_steps(3);
    // A big article is read on a worker: wait for it (in real time).
    if harness.state().is_opening() {
        step_until(&mut harness, "the article to open", |app| !app.is_opening());
    }
    harness
}

/// Steps the app in real time until `done`.
pub fn step_until(
    harness: &mut Harness<'_, MarginaliaApp>,
    what: &str,
    done: impl Fn(&MarginaliaApp) -> bool,
) {
    let start = Instant::now();
    harness.step(); // Take in queued input first.
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(2);
}

/// Steps the app in real time for a while, so that pictures (decoded on
/// a worker) are drawn before a snapshot.
pub fn settle_pictures(harness: &mut Harness<'_, MarginaliaApp>) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1500) {
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(2);
}

pub fn saved(app: &MarginaliaApp) -> bool {
    app.save_state() == Some(SaveState::Saved)
}

/// A drag with a movement frame between press and release.
pub fn drag(harness: &mut Harness<'_, MarginaliaApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.hover_at(from);
    harness.drag_at(from);
    harness.step();
    harness.hover_at(egui::pos2((from.x + to.x) / 2.0, (from.y + to.y) / 2.0));
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.drop_at(to);
    harness.step();
}

pub fn click(harness: &mut Harness<'_, MarginaliaApp>, at: egui::Pos2) {
    harness.hover_at(at);
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    harness.step();
}

/// A click whose release frame is the last one (`drop_at` also sends
/// PointerGone, a frame of its own), so the frame's output is the click's.
pub fn click_released_last(harness: &mut Harness<'_, MarginaliaApp>, at: egui::Pos2) {
    harness.hover_at(at);
    harness.drag_at(at);
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
}

/// Selects the first place the article says `quote`, as a drag would.
pub fn select_quote(harness: &mut Harness<'_, MarginaliaApp>, quote: &str) {
    let app = harness.state();
    let document = app.document().unwrap();
    let text = marginalia::annotate::IndexedText::new(document.text());
    let start = text.char_of(document.text().find(quote).expect("quote in the article"));
    harness
        .state_mut()
        .reader_mut()
        .set_selection(Some(marginalia::ui::reader::Selection {
            anchor_char: start,
            cursor_char: start + quote.chars().count(),
        }));
}

/// Turns the wheel `times` times at `at` by `delta` points (Shift held:
/// sideways), a frame each, then lets the page settle.
pub fn wheel(
    harness: &mut Harness<'_, MarginaliaApp>,
    at: egui::Pos2,
    delta: egui::Vec2,
    modifiers: egui::Modifiers,
    times: usize,
) {
    harness.hover_at(at);
    harness.step();
    for _ in 0..times {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers,
        });
        harness.step();
    }
    harness.run_steps(30);
}
