//! Opening the window: the viewport, the first article imported while it
//! comes up, the settings file looked at first, and the renderers tried in
//! turn (a machine whose GL cannot start may still run wgpu).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use eframe::egui::ViewportBuilder;

use super::app::{MarginaliaApp, SETTINGS_KEY, StartWith};
use super::prefetch::PrefetchedImport;
use super::{APP_ID, renderer, settings_file, signals, window_icon};

/// Opens the window with the articles asked for (the first opens, the
/// others are listed in Open Recent), or with the sample article.
pub fn run_app(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let start = if paths.is_empty() {
        StartWith::LastRead
    } else {
        StartWith::Articles(paths)
    };
    // The first article is imported while the window comes up.
    let first_article = match &start {
        StartWith::Articles(paths) => paths.first(),
        _ => None,
    };
    let prefetched = Arc::new(Mutex::new(
        first_article.and_then(|path| PrefetchedImport::start(path)),
    ));
    // eframe would wait on a FIFO there, and write over a file it cannot
    // parse: such a file is moved aside first, and the window says so.
    let settings_notice = eframe::storage_dir(APP_ID)
        .and_then(|folder| settings_file::set_aside_unreadable_settings(&folder, SETTINGS_KEY));
    let mut failures = Vec::new();
    for renderer in renderer::renderers_to_try() {
        let options = native_options(renderer);
        let (start, notice, prefetched) =
            (start.clone(), settings_notice.clone(), prefetched.clone());
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
                let app = MarginaliaApp::with_prefetched(cc, start, prefetched);
                Ok(Box::new(app.with_problem(notice)))
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

/// How eframe opens the window with `renderer`.
fn native_options(renderer: eframe::Renderer) -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: viewport(),
        renderer,
        // The system's fonts are listed when a text first needs one
        // (fonts::SystemFallback), not at every start.
        system_font_fallback: false,
        ..Default::default()
    }
}

/// The window: its title, icon, app id, size, and files dropped on it.
fn viewport() -> ViewportBuilder {
    let mut viewport = ViewportBuilder::default();
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    viewport
        .with_title("Marginalia")
        .with_app_id(APP_ID)
        .with_inner_size([1040.0, 820.0])
        .with_min_inner_size([420.0, 320.0])
        .with_drag_and_drop(true)
}
