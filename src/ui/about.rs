//! Help ▸ About: the version, the licence, and where Marginalia keeps your
//! files (each folder one click from the file manager).

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use crate::store::data_folder;

use super::command::{Command, Situation};
use super::widgets::{centered_window, command_button_ui};
use super::{APP_ID, window_icon};

/// The README's keys, where the project is published.
const README_KEYS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "#keyboard-shortcuts");

/// A folder the About window names, and what is kept there.
struct KeptFolder {
    what: &'static str,
    detail: String,
    folder: Option<PathBuf>,
    /// Whether the folder exists (looked at when the window opened).
    exists: bool,
}

/// The About window while it is open: the folders are looked up when it
/// opens (and again if another article opens), not on every frame.
pub(super) struct AboutWindow {
    folders: Vec<KeptFolder>,
    /// The annotations file the folders were found for.
    found_for: Option<PathBuf>,
    icon: Option<egui::TextureHandle>,
}

impl AboutWindow {
    /// The window as it opens: the folders looked up now.
    pub(super) fn new(ctx: &egui::Context, annotations_file: Option<&Path>) -> Self {
        Self {
            folders: kept_folders(annotations_file),
            found_for: annotations_file.map(Path::to_path_buf),
            icon: window_icon().map(|icon| {
                ctx.load_texture(
                    "about-icon",
                    egui::ColorImage::from(icon),
                    egui::TextureOptions::LINEAR,
                )
            }),
        }
    }

    /// The window; its folders looked up again when another article opened.
    pub(super) fn window_ui(
        &mut self,
        ctx: &egui::Context,
        annotations_file: Option<&Path>,
        now: &Situation,
        commands: &mut Vec<Command>,
    ) {
        if self.found_for.as_deref() != annotations_file {
            self.folders = kept_folders(annotations_file);
            self.found_for = annotations_file.map(Path::to_path_buf);
        }
        let mut open = true;
        centered_window(ctx, Command::ToggleAbout.info().label)
            .open(&mut open)
            .resizable(false)
            .default_width(560.0)
            .show(ctx, |ui| about_ui(ui, self, now, commands));
        if !open {
            commands.push(Command::ToggleAbout);
        }
    }
}

/// Where the user's files are kept, for the About window.
fn kept_folders(annotations_file: Option<&Path>) -> Vec<KeptFolder> {
    let kept = |what, detail, folder: Option<PathBuf>| KeptFolder {
        what,
        detail,
        exists: folder.as_deref().is_some_and(Path::is_dir),
        folder,
    };
    let annotations = match annotations_file {
        Some(file) => kept(
            "This article's annotations",
            file.display().to_string(),
            file.parent().map(Path::to_path_buf),
        ),
        None => kept(
            "Annotations",
            "Beside each article, as ARTICLE.annotations.ron".to_owned(),
            None,
        ),
    };
    let data = data_folder();
    let settings = eframe::storage_dir(APP_ID);
    vec![
        annotations,
        kept(
            "Data folder",
            shown(
                data.as_deref(),
                "sidecars of read-only folders, recovery files",
            ),
            data,
        ),
        kept(
            "Settings",
            shown(settings.as_deref(), "recent files, theme, text size"),
            settings,
        ),
    ]
}

/// Shows a folder in the file manager; why not, when it cannot.
pub(super) fn open_folder(folder: &Path) -> Result<(), String> {
    open::that_detached(folder).map_err(|error| {
        format!(
            "{}: cannot be shown in a file manager: {error}",
            folder.display()
        )
    })
}

fn about_ui(ui: &mut egui::Ui, about: &AboutWindow, now: &Situation, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if let Some(icon) = &about.icon {
            ui.image((icon.id(), egui::vec2(64.0, 64.0)));
        }
        ui.vertical(|ui| {
            ui.heading(format!("Marginalia {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
        });
    });
    ui.add_space(8.0);
    egui::Grid::new("kept_folders")
        .num_columns(3)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            for kept in &about.folders {
                ui.label(RichText::new(kept.what).strong());
                ui.label(&kept.detail);
                folder_button_ui(ui, kept, now, commands);
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        command_button_ui(ui, Command::ToggleShortcuts, now, commands);
        ui.hyperlink_to("Keys in the README", README_KEYS);
    });
}

fn shown(folder: Option<&Path>, holds: &str) -> String {
    match folder {
        Some(folder) => format!("{} ({holds})", folder.display()),
        None => format!("no home folder is known ({holds} are not kept)"),
    }
}

/// "Open Folder" for a folder that exists; nothing for one not made yet.
fn folder_button_ui(
    ui: &mut egui::Ui,
    kept: &KeptFolder,
    now: &Situation,
    commands: &mut Vec<Command>,
) {
    match &kept.folder {
        Some(folder) if kept.exists => {
            command_button_ui(ui, Command::OpenFolder(folder.clone()), now, commands);
        }
        Some(_) => {
            ui.label(RichText::new("not made yet").weak());
        }
        None => {
            ui.label("");
        }
    }
}
