//! Carrying out commands: one entry point, a small function per group.
//! Errors go to the banner; what was open stays open.

use std::time::Instant;

use eframe::egui;
use uuid::Uuid;

use crate::annotate::{HighlightColor, HighlightStyle, Typing};
use crate::store::quote_with_citation;

use super::app::{Flash, MarginaliaApp};
use super::command::Command;
use super::settings::DEFAULT_FONT_SIZE;

impl MarginaliaApp {
    /// Carries out a command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::ShowOpenDialog
            | Command::Open(_)
            | Command::RemoveRecent(_)
            | Command::ClearRecent
            | Command::ShowExportDialog
            | Command::ShowImportDialog
            | Command::ExportTo(_)
            | Command::ImportFrom(_)
            | Command::ReplaceUnreadableSidecar
            | Command::DismissBanner
            | Command::OpenFolder(_)
            | Command::Quit => self.apply_file(command),
            Command::ShowFind
            | Command::CloseFind
            | Command::SetFindQuery(_)
            | Command::FindNext
            | Command::FindPrevious
            | Command::HighlightFindMatch
            | Command::ToggleMatchDiacritics => self.apply_find(command),
            Command::TogglePanel
            | Command::ToggleOutline
            | Command::ToggleShortcuts
            | Command::ToggleAbout
            | Command::GoTo { .. }
            | Command::FollowLink(_)
            | Command::GoBack
            | Command::FontBigger
            | Command::FontSmaller
            | Command::FontReset
            | Command::SetLineWidth(_)
            | Command::SetTheme(_) => self.apply_view(command),
            Command::ToggleLibrary
            | Command::OpenSample
            | Command::OpenAt(_)
            | Command::SetLibrarySearch(_)
            | Command::SaveLibrarySearch
            | Command::ForgetLibrarySearch(_)
            | Command::ShowLibraryFolders
            | Command::ShowAddLibraryFolderDialog
            | Command::AddLibraryFolder(_)
            | Command::RemoveLibraryFolder(_)
            | Command::RescanLibrary
            | Command::ShowExportLibraryDialog(_)
            | Command::ExportLibraryTo(..)
            | Command::EditInLibrary { .. } => self.apply_library(command),
            Command::Reader(command) => {
                if let Some(open) = &self.open {
                    self.reader.apply(command, open.document(), &self.ctx);
                }
            }
            _ => self.apply_highlight(command),
        }
    }

    fn apply_file(&mut self, command: Command) {
        match command {
            Command::ShowOpenDialog => self.show_open_dialog(),
            Command::Open(path) => self.open_path(path),
            Command::RemoveRecent(path) => self.settings.forget(&path),
            Command::ClearRecent => self.settings.recent.clear(),
            Command::ShowExportDialog => self.show_export_dialog(),
            Command::ShowImportDialog => self.show_import_dialog(),
            Command::ExportTo(path) => self.export_to(&path),
            Command::ImportFrom(path) => self.import_from(&path),
            Command::ReplaceUnreadableSidecar => self.replace_unreadable_sidecar(),
            Command::DismissBanner => self.banner = None,
            Command::OpenFolder(folder) => self.open_folder(&folder),
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            _ => {}
        }
    }

    fn apply_view(&mut self, command: Command) {
        let settings = &mut self.settings;
        match command {
            Command::TogglePanel => settings.show_panel = !settings.show_panel,
            Command::ToggleOutline => settings.show_outline = !settings.show_outline,
            Command::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::ToggleAbout => self.toggle_about(),
            Command::GoTo { start_char } => self.reader.scroll_to_char(start_char),
            Command::FollowLink(offset_char) => self.reader.follow_link_to(offset_char),
            Command::GoBack => {
                self.reader.go_back();
            }
            Command::FontBigger => settings.change_font_size(1.0),
            Command::FontSmaller => settings.change_font_size(-1.0),
            Command::FontReset => settings.font_size = DEFAULT_FONT_SIZE,
            Command::SetLineWidth(width) => settings.line_width = width,
            Command::SetTheme(theme) => settings.theme = theme,
            _ => {}
        }
    }

    fn apply_highlight(&mut self, command: Command) {
        match command {
            Command::HighlightSelection => self.highlight_selection(self.settings.color),
            Command::HighlightSelectionIn(color) => {
                self.settings.color = color;
                self.highlight_selection(color);
            }
            Command::SelectAnnotation(id) => self.select_annotation(id),
            Command::EditNote => {
                if let Some(id) = self.selected.or(self.last_made) {
                    self.select_annotation(Some(id));
                    self.panel.focus_note = true;
                }
            }
            Command::Recolor(id, color) => {
                self.settings.color = color;
                self.change(id, None, |a| a.color = color);
            }
            Command::ToggleUnderline(id) => self.change(id, None, |a| {
                a.style = match a.style {
                    HighlightStyle::Highlight => HighlightStyle::Underline,
                    HighlightStyle::Underline => HighlightStyle::Highlight,
                };
            }),
            Command::SetNote(id, note) => self.change(id, Some(Typing::Note), |a| a.note = note),
            Command::SetTags(id, tags) => self.change(id, Some(Typing::Tags), |a| a.tags = tags),
            Command::DeleteAnnotation(id) => self.delete(id),
            Command::CopyQuote(id) => self.copy_quote(id),
            Command::JumpTo(id) => self.jump_to(id),
            Command::NextHighlight => self.step_highlight(true),
            Command::PreviousHighlight => self.step_highlight(false),
            Command::Undo => self.undo_or_redo(true),
            Command::Redo => self.undo_or_redo(false),
            _ => {}
        }
    }

    fn highlight_selection(&mut self, color: HighlightColor) {
        let selection = self.reader.selection().map(|s| s.range());
        if let (Some(open), Some(range)) = (&mut self.open, selection)
            && let Some(id) = open.add_highlight(range, color)
        {
            self.last_made = Some(id);
            self.reader.set_selection(None);
        }
    }

    fn select_annotation(&mut self, id: Option<Uuid>) {
        self.selected = id;
        if id.is_some() {
            self.settings.show_panel = true;
            self.panel.reveal = id;
        }
    }

    fn change(
        &mut self,
        id: Uuid,
        typing: Option<Typing>,
        change: impl FnOnce(&mut crate::annotate::Annotation),
    ) {
        if let Some(open) = &mut self.open {
            open.change(id, typing, change);
        }
    }

    fn delete(&mut self, id: Uuid) {
        if let Some(open) = &mut self.open {
            open.delete(id);
        }
        if self.selected == Some(id) {
            self.selected = None;
        }
    }

    fn copy_quote(&self, id: Uuid) {
        let quote = self
            .open
            .as_ref()
            .and_then(|open| quote_with_citation(open.store(), open.document(), open.source(), id));
        if let Some(text) = quote {
            self.ctx.copy_text(text);
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(open) = &mut self.open else {
            return;
        };
        let touched = if undo { open.undo() } else { open.redo() };
        let Some(id) = touched else {
            return;
        };
        if open.store().get(id).is_some() {
            self.reveal(id);
        } else if self.selected == Some(id) {
            self.selected = None;
        }
    }

    /// Scrolls a highlight into view and outlines it for a moment.
    pub(super) fn reveal(&mut self, id: Uuid) {
        let start = self
            .annotations()
            .and_then(|s| s.resolution(id))
            .and_then(|r| r.range.clone())
            .map(|r| r.start);
        if let Some(start) = start {
            self.reader.reveal_char(start);
        }
        self.flash = Some(Flash {
            id,
            since: Instant::now(),
        });
        self.panel.reveal = Some(id);
    }

    fn jump_to(&mut self, id: Uuid) {
        self.selected = Some(id);
        self.settings.show_panel = true;
        self.reveal(id);
    }

    /// Selects the next (or previous) highlight after the selected one, or
    /// after the top of the window.
    fn step_highlight(&mut self, forward: bool) {
        let Some(store) = self.annotations() else {
            return;
        };
        let found: Vec<(Uuid, usize)> = store
            .annotations()
            .into_iter()
            .filter_map(|(a, r)| r.range.as_ref().map(|range| (a.id, range.start)))
            .collect();
        let selected = self.selected;
        let from_char = selected
            .and_then(|id| found.iter().find(|(i, _)| *i == id).map(|(_, s)| *s))
            .unwrap_or(self.reader.top_char());
        let target = if forward {
            found
                .iter()
                .find(|(_, s)| *s > from_char || (*s == from_char && selected.is_none()))
        } else {
            found.iter().rev().find(|(_, s)| *s < from_char)
        };
        if let Some(&(id, _)) = target {
            self.jump_to(id);
        }
    }
}
