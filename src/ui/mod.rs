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
//! - `help`: the keyboard shortcuts window (F1).
//! - `panel`: the annotations panel. `outline`: the outline panel.
//! - `widgets`: command buttons, colour buttons and list rows they share.
//! - `reader`: the reader widget. `session`: one open article (model side).
//! - `settings`: what is remembered between runs. `theme`: palettes and fonts.

mod app;
mod chrome;
pub mod command;
mod dispatch;
mod exchange;
mod files;
mod find;
pub mod help;
pub mod keymap;
pub mod outline;
mod page;
pub mod panel;
mod popups;
pub mod reader;
pub mod session;
pub mod settings;
pub mod theme;
pub mod widgets;

pub use app::{MarginaliaApp, SAMPLE_ARTICLE, SAMPLE_FILE_NAME, StartWith};
pub use command::Command;

use std::path::PathBuf;

/// Opens the window with `path`, or with the sample article.
pub fn run_app(path: Option<PathBuf>) -> anyhow::Result<()> {
    let start = path.map_or(StartWith::Sample, StartWith::File);
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Marginalia")
            .with_app_id("marginalia")
            .with_inner_size([1040.0, 820.0])
            .with_min_inner_size([420.0, 320.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "marginalia",
        options,
        Box::new(move |cc| Ok(Box::new(MarginaliaApp::new(cc, start)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
