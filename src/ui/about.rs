//! Help ▸ About: the version, the licence, and where Marginalia keeps your
//! files (each folder one click from the file manager).

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use crate::store::data_folder;

use super::app::MarginaliaApp;
use super::command::{Command, Situation};
use super::widgets::command_button_ui;
use super::{APP_ID, window_icon};

/// A folder the About window names, and what is kept there.
struct KeptFolder {
    what: &'static str,
    detail: String,
    folder: Option<PathBuf>,
}

impl MarginaliaApp {
    /// Where the user's files are kept, for the About window.
    fn kept_folders(&self) -> Vec<KeptFolder> {
        let annotations = match self.annotations_file() {
            Some(file) => KeptFolder {
                what: "This article's annotations",
                detail: file.display().to_string(),
                folder: file.parent().map(Path::to_path_buf),
            },
            None => KeptFolder {
                what: "Annotations",
                detail: "Beside each article, as ARTICLE.annotations.ron".to_owned(),
                folder: None,
            },
        };
        let data = data_folder();
        let settings = eframe::storage_dir(APP_ID);
        vec![
            annotations,
            KeptFolder {
                what: "Data folder",
                detail: shown(
                    data.as_deref(),
                    "sidecars of read-only folders, recovery files",
                ),
                folder: data,
            },
            KeptFolder {
                what: "Settings",
                detail: shown(settings.as_deref(), "recent files, theme, text size"),
                folder: settings,
            },
        ]
    }

    pub(super) fn about_window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.show_about {
            return;
        }
        let folders = self.kept_folders();
        let icon = self.about_icon(ctx);
        let now = self.situation();
        let mut open = true;
        egui::Window::new(Command::ToggleAbout.info().label)
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if let Some(icon) = &icon {
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
                        for kept in &folders {
                            ui.label(RichText::new(kept.what).strong());
                            ui.label(&kept.detail);
                            folder_button_ui(ui, kept.folder.as_deref(), &now, commands);
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                command_button_ui(ui, Command::ToggleShortcuts, &now, commands);
            });
        if !open {
            commands.push(Command::ToggleAbout);
        }
    }

    fn about_icon(&mut self, ctx: &egui::Context) -> Option<egui::TextureHandle> {
        if self.about_icon.is_none() {
            self.about_icon = window_icon().map(|icon| {
                ctx.load_texture(
                    "about-icon",
                    egui::ColorImage::from(icon),
                    egui::TextureOptions::LINEAR,
                )
            });
        }
        self.about_icon.clone()
    }

    /// Shows a folder in the file manager; says so when it cannot.
    pub(super) fn open_folder(&mut self, folder: &Path) {
        if let Err(error) = open::that_detached(folder) {
            self.set_banner(format!(
                "{}: cannot be shown in a file manager: {error}",
                folder.display()
            ));
        }
    }
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
    folder: Option<&Path>,
    now: &Situation,
    commands: &mut Vec<Command>,
) {
    match folder {
        Some(folder) if folder.is_dir() => {
            command_button_ui(ui, Command::OpenFolder(folder.to_path_buf()), now, commands);
        }
        Some(_) => {
            ui.label(RichText::new("not made yet").weak());
        }
        None => {
            ui.label("");
        }
    }
}
