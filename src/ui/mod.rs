//! The window. `ui` turns input into commands from one command table and
//! draws state; everything below it (`document`, `import`, `annotate`,
//! `store`) knows nothing of egui.
//!
//! The app holds rooms; each owns its state and draws itself from its own
//! state and a read-only [`view_context::ViewContext`]; none imports the
//! app (a test in `tests/house_rules.rs` keeps it so).
//!
//! - `app`: the rooms, the app's creation, what the tests read, the order
//!   of a frame; `app/dispatch`: carrying out commands, across rooms.
//! - `run`: opening the window (renderers tried in turn).
//! - Rooms: `workspace` (the open article's session, those closing, the
//!   one being opened), `page` (the reader, the side panels, the highlight
//!   open), `find` (the find bar), `notices` (the banner and the status
//!   note), `popups` (context menu, overlap chooser, shortcuts, About),
//!   `dialogs` (native file dialogs on their threads; a PDF's password in
//!   `password_prompt`, shown by `popups`), `exchange` (export
//!   and import on workers), `library` (the library view, Ctrl+L, and the
//!   library's thread), `window` (title, theme applied, caret blink,
//!   launch timeline).
//! - Drawn from what they are handed: `chrome` (menu bar, status bar),
//!   `help` (F1), `about`, `panel`, `outline`, `note`, `widgets`.
//! - `command`: the command table (labels, tooltips, shortcuts, availability).
//!   `keymap`: key presses to commands, from the table.
//! - `reader`: the reader widget. `session`: one open article (model side).
//! - `settings`: what is remembered between runs. `theme`: palettes and fonts.
//! - `signals`: SIGTERM, SIGINT and SIGHUP close the window as Ctrl+Q does.
//! - `renderer`: glow or wgpu, chosen at start. `prefetch`: the first
//!   article imported while the window comes up. `launch_timeline`: the
//!   startup timeline's frames (`MARGINALIA_TIMING`).

mod about;
mod app;
mod chrome;
pub mod command;
mod dialogs;
mod exchange;
mod find;
pub mod fonts;
pub mod help;
mod installed_faces;
pub mod keymap;
mod launch_timeline;
pub mod library;
mod native_dialog;
mod note;
mod notices;
mod original_page;
pub mod outline;
mod page;
mod page_prompt;
pub mod panel;
mod password_prompt;
mod popups;
mod prefetch;
mod primary_selection;
pub mod reader;
pub mod reading_pace;
mod renderer;
mod run;
pub mod session;
pub mod settings;
mod settings_file;
mod signals;
mod text_menu;
pub mod text_settings;
pub mod theme;
mod view_context;
pub mod widgets;
mod window;
mod workspace;

pub use app::{MarginaliaApp, SAMPLE_ARTICLE, SAMPLE_FILE_NAME, StartWith};
pub use command::Command;
pub use run::run_app;

/// The app id: the window's class and Wayland app id (the desktop entry is
/// `marginalia.desktop`), and the name eframe keeps the settings under.
pub(crate) const APP_ID: &str = "marginalia";

/// The window's icon (rendered from `assets/icons/marginalia.svg`).
const WINDOW_ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/128x128/apps/marginalia.png");

/// The window's icon, decoded (about a millisecond).
pub fn window_icon() -> Option<eframe::egui::IconData> {
    eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG)
        .inspect_err(|error| log::warn!("the window icon cannot be decoded: {error}"))
        .ok()
}
