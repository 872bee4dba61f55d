//! The window. `ui` turns input into commands from one command table and
//! draws state; everything below it (`document`, `import`, `annotate`,
//! `store`) knows nothing of egui.
//!
//! - `app`: the app's state, its creation and the order of a frame.
//! - `command`: the command table (labels, tooltips, shortcuts, availability).
//! - `keymap`: key presses to commands, from the table.
//! - `dispatch`: carrying out commands.
//! - `files`: opening and closing articles, native dialogs.
//! - `exchange`: export and import of annotations (files on workers).
//! - `find`: the find bar and its matches.
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

mod about;
mod app;
mod chrome;
pub mod command;
mod dispatch;
mod exchange;
mod files;
mod find;
pub mod help;
pub mod keymap;
mod note;
pub mod outline;
mod page;
pub mod panel;
mod popups;
pub mod reader;
pub mod session;
pub mod settings;
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
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title("Marginalia")
            .with_app_id(APP_ID)
            .with_inner_size([1040.0, 820.0])
            .with_min_inner_size([420.0, 320.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            signals::close_on_signals(&cc.egui_ctx);
            Ok(Box::new(MarginaliaApp::new(cc, start)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
