//! The window. `ui` turns input into commands from one command table and
//! draws state; everything below it (`document`, `import`, `annotate`,
//! `store`) knows nothing of egui.
//!
//! - `app`: the app's state, its creation and the order of a frame;
//!   `app_state`: what the chrome, the commands and the tests read of it;
//!   `launch_timeline`: the startup timeline's frames (`MARGINALIA_TIMING`).
//! - `command`: the command table (labels, tooltips, shortcuts, availability).
//! - `keymap`: key presses to commands, from the table.
//! - `dispatch`: carrying out commands.
//! - `files`: opening and closing articles. `dialogs`: the native file
//!   dialogs, on their own threads.
//! - `exchange`: export and import of annotations (files on workers).
//! - `find`: the find bar and its matches.
//! - `library`: the library view (Ctrl+L): articles, search, tags, saved
//!   searches, the review, Library Folders; the library's thread fed.
//! - `chrome`: the menu bar, the banner, the status bar.
//! - `page`: the reader, the side panels, what a click on the page means.
//! - `popups`: context menu, selection colour bar, overlap chooser, drop overlay.
//! - `help`: the keyboard shortcuts window (F1). `about`: Help ▸ About.
//! - `panel`: the annotations panel. `outline`: the outline panel. `note`:
//!   a note's Markdown as it reads.
//! - `widgets`: command buttons, colour buttons and list rows they share.
//! - `reader`: the reader widget. `session`: one open article (model side).
//! - `settings`: what is remembered between runs. `theme`: palettes and fonts.
//! - `signals`: SIGTERM, SIGINT and SIGHUP close the window as Ctrl+Q does.
//! - `renderer`: glow or wgpu, chosen at start. `prefetch`: the first
//!   article imported while the window comes up.

mod about;
mod app;
mod app_state;
mod chrome;
pub mod command;
mod dialogs;
mod dispatch;
mod exchange;
mod files;
mod find;
pub mod help;
pub mod keymap;
mod launch_timeline;
pub mod library;
mod note;
pub mod outline;
mod page;
pub mod panel;
mod popups;
mod prefetch;
pub mod reader;
mod renderer;
pub mod session;
pub mod settings;
mod settings_file;
mod signals;
pub mod theme;
pub mod widgets;

pub use app::{MarginaliaApp, SAMPLE_ARTICLE, SAMPLE_FILE_NAME, StartWith};
pub use command::Command;

use std::path::PathBuf;

/// The app id: the window's class and Wayland app id (the desktop entry is
/// `marginalia.desktop`), and the name eframe keeps the settings under.
const APP_ID: &str = "marginalia";

/// The window's icon (rendered from `assets/icons/marginalia.svg`).
const WINDOW_ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/128x128/apps/marginalia.png");

/// The window's icon, decoded (about a millisecond).
pub fn window_icon() -> Option<eframe::egui::IconData> {
    eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG)
        .inspect_err(|error| log::warn!("the window icon cannot be decoded: {error}"))
        .ok()
}

/// Opens the window with the articles asked for (the first opens, the
/// others are listed in Open Recent), or with the sample article.
pub fn run_app(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let start = if paths.is_empty() {
        StartWith::LastRead
    } else {
        StartWith::Articles(paths)
    };
    let mut viewport = eframe::egui::ViewportBuilder::default();
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let viewport = viewport
        .with_title("Marginalia")
        .with_app_id(APP_ID)
        .with_inner_size([1040.0, 820.0])
        .with_min_inner_size([420.0, 320.0])
        .with_drag_and_drop(true);
    // The first article is imported while the window comes up.
    let first_article = match &start {
        StartWith::Articles(paths) => paths.first(),
        _ => None,
    };
    let prefetched = std::sync::Arc::new(std::sync::Mutex::new(
        first_article.and_then(|path| prefetch::PrefetchedImport::start(path)),
    ));
    // eframe would wait on a FIFO there, and write over a file it cannot
    // parse: such a file is moved aside first, and the window says so.
    let settings_notice = eframe::storage_dir(APP_ID).and_then(|folder| {
        settings_file::set_aside_unreadable_settings(&folder, app::SETTINGS_KEY)
    });
    let mut failures = Vec::new();
    for renderer in renderer::renderers_to_try() {
        let settings_notice = settings_notice.clone();
        let prefetched = prefetched.clone();
        let options = eframe::NativeOptions {
            viewport: viewport.clone(),
            renderer,
            ..Default::default()
        };
        let start = start.clone();
        crate::timing::mark(&format!("eframe starts (window, {renderer} renderer)"));
        let ran = eframe::run_native(
            APP_ID,
            options,
            Box::new(move |cc| {
                if crate::timing::enabled() {
                    let drawn_by = renderer::describe(cc);
                    crate::timing::mark(&format!("window and renderer ready ({drawn_by})"));
                }
                signals::close_on_signals(&cc.egui_ctx);
                // Taken by the first window that opens.
                let prefetched = prefetched.lock().ok().and_then(|mut p| p.take());
                let mut app = MarginaliaApp::with_prefetched(cc, start, prefetched);
                if let Some(notice) = settings_notice {
                    app.set_banner(notice);
                }
                Ok(Box::new(app))
            }),
        );
        match ran {
            Ok(()) => return Ok(()),
            Err(error) if renderer::is_renderer_failure(&error) => {
                log::warn!("the {renderer} renderer cannot start: {error}");
                failures.push(format!("{renderer}: {error}"));
            }
            // No display, or the app failed: another renderer cannot help.
            Err(error) => return Err(anyhow::anyhow!("cannot open the window: {error}")),
        }
    }
    Err(anyhow::anyhow!(
        "cannot open the window: {}",
        failures.join("; ")
    ))
}
