//! File ▸ Library Folders…: the folders whose annotated articles are in the
//! library, with Add Folder… (a native folder dialog) and Remove, and where
//! the index and the reading state are kept.

use eframe::egui::{self, Context};

use super::super::command::{Command, Situation};
use super::super::widgets::{centered_window, command_button_ui};
use super::{LibraryView, progress_text};

impl LibraryView {
    /// The window, while it is open.
    pub(in super::super) fn folders_window_ui(
        &mut self,
        ctx: &Context,
        now: &Situation,
        commands: &mut Vec<Command>,
    ) {
        if !self.folders_window {
            return;
        }
        let mut open = true;
        centered_window(ctx, "Library Folders")
            .open(&mut open)
            .default_width(480.0)
            .show(ctx, |ui| {
                ui.label(
                    "Every article with annotations under these folders is in the library, \
                     and changes there are followed as they happen. Articles you open \
                     anywhere join it too.",
                );
                ui.add_space(8.0);
                if self.folders().is_empty() {
                    ui.weak("No folders yet.");
                }
                egui::Grid::new("library_folders")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for folder in self.folders() {
                            ui.label(folder.display().to_string());
                            command_button_ui(
                                ui,
                                Command::RemoveLibraryFolder(folder.clone()),
                                now,
                                commands,
                            );
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    command_button_ui(ui, Command::ShowAddLibraryFolderDialog, now, commands);
                    command_button_ui(ui, Command::RescanLibrary, now, commands);
                });
                if let Some((task, done, of)) = self.progress.filter(|(_, done, of)| done < of) {
                    ui.add(
                        egui::ProgressBar::new(done as f32 / of.max(1) as f32)
                            .text(progress_text(task, done, of)),
                    );
                }
            });
        if !open {
            self.folders_window = false;
        }
    }
}
