//! The window: eframe app wiring, the reader widget, themes and settings.

mod app;
pub mod outline;
pub mod panel;
pub mod reader;
pub mod session;
pub mod settings;
pub mod theme;

pub use app::{Command, MarginaliaApp, SAMPLE_ARTICLE, SAMPLE_FILE_NAME, StartWith};

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
