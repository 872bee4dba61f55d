//! The dispatcher: carrying out commands. One entry point routes each
//! command to the room that owns what it changes; where a command touches
//! several rooms (a highlight made of a find match: the find bar's match,
//! the open session, the page), the steps are here, one small function
//! each. Errors go to the banner; what was open stays open.

mod files;
mod library;

use eframe::egui;
use uuid::Uuid;

use crate::annotate::{Annotation, HighlightColor, HighlightStyle, Typing};
use crate::import::LinkTarget;
use crate::store::quote_with_citation;

use super::super::command::Command;
use super::super::find::{FindEffect, FindInputs};
use super::super::reader::{ReaderCommand, Selection};
use super::super::settings::DEFAULT_FONT_SIZE;
use super::super::text_settings::ReadingFace;
use super::MarginaliaApp;

impl MarginaliaApp {
    /// Carries out a command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::ShowOpenDialog
            | Command::Open(_)
            | Command::OpenWithPassword(..)
            | Command::RemoveRecent(_)
            | Command::ClearRecent
            | Command::ShowExportDialog
            | Command::ShowExportArticleDialog
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
            | Command::OpenLink(_)
            | Command::GoBack
            | Command::ShowGoToPage
            | Command::GoToPage(_)
            | Command::ToggleOriginalPage
            | Command::TurnOriginalPage(_)
            | Command::SetTheme(_) => self.apply_view(command),
            Command::ListInstalledFaces | Command::SetInstalledFace(_) => self.apply_face(command),
            command if command.changes_the_type() => self.apply_view(command),
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
            Command::Reader(command) => self.apply_reader(command),
            _ => self.apply_highlight(command),
        }
    }

    /// A reader command, on the open article (on the original page, its
    /// scrolling keys turn the pages).
    fn apply_reader(&mut self, command: ReaderCommand) {
        if self.original.is_shown() {
            let turn = match command {
                ReaderCommand::PageDown => Some(1),
                ReaderCommand::PageUp => Some(-1),
                ReaderCommand::Top => Some(isize::MIN / 2),
                ReaderCommand::Bottom => Some(isize::MAX / 2),
                ReaderCommand::Copy
                | ReaderCommand::SelectAll
                | ReaderCommand::CollapseSelection => None,
                _ => return,
            };
            if let Some(pages) = turn {
                return self.apply(Command::TurnOriginalPage(pages));
            }
        }
        if let Some(open) = self.workspace.session() {
            let ctx = self.window.ctx();
            self.page.reader_mut().apply(command, open.document(), ctx);
        }
    }

    /// A link out of the article: the browser, another article, or the
    /// status bar says why it goes nowhere.
    fn open_link(&mut self, target: &str) {
        let article = self
            .workspace
            .session()
            .and_then(|s| s.document().metadata.path.clone());
        match crate::import::link_target(target, article.as_deref()) {
            LinkTarget::Browser(url) => {
                self.window.ctx().open_url(egui::OpenUrl::new_tab(&url));
                self.notices.note(format!("Opened in your browser: {url}"));
            }
            LinkTarget::Article(path) => self.apply(Command::Open(path)),
            LinkTarget::Nowhere(why) => self.notices.note(why),
        }
    }

    /// The installed families: listed, or one chosen as the reading face.
    fn apply_face(&mut self, command: Command) {
        match command {
            Command::ListInstalledFaces => self.faces.list(self.window.ctx()),
            Command::SetInstalledFace(family) => {
                self.settings.text.face = ReadingFace::Installed;
                self.settings.installed_face = Some(family);
                self.read_installed_face();
            }
            _ => {}
        }
    }

    /// Reads the installed face the text is set in (on a worker), when
    /// it is set in one.
    pub(in super::super) fn read_installed_face(&mut self) {
        if self.settings.text.face == ReadingFace::Installed
            && let Some(family) = &self.settings.installed_face
        {
            self.faces.read(self.window.ctx(), family);
        }
    }

    fn apply_view(&mut self, command: Command) {
        let settings = &mut self.settings;
        let reader = self.page.reader_mut();
        match command {
            Command::TogglePanel => settings.show_panel = !settings.show_panel,
            Command::ToggleOutline => settings.show_outline = !settings.show_outline,
            Command::ToggleShortcuts => self.overlays.toggle_shortcuts(),
            Command::ToggleAbout => {
                let file = self.workspace.session().map(|s| s.annotations_file());
                self.overlays.toggle_about(self.window.ctx(), file);
            }
            Command::GoTo { start_char } => reader.scroll_to_char(start_char),
            Command::FollowLink(offset_char) => reader.follow_link_to(offset_char),
            Command::OpenLink(target) => self.open_link(&target),
            Command::GoBack => {
                reader.go_back();
            }
            Command::ShowGoToPage => self.overlays.ask_page(),
            Command::GoToPage(label) => self.go_to_page(&label),
            Command::ToggleOriginalPage => self.toggle_original_page(),
            Command::TurnOriginalPage(pages) => {
                if let Some(open) = self.workspace.session() {
                    self.original.turn(pages, open.document());
                }
            }
            Command::FontBigger => settings.change_font_size(1.0),
            Command::FontSmaller => settings.change_font_size(-1.0),
            Command::FontReset => settings.font_size = DEFAULT_FONT_SIZE,
            Command::SetLineWidth(width) => settings.line_width = width,
            Command::SetReadingFace(face) => settings.text.face = face,
            Command::SetLineSpacing(spacing) => settings.text.line_spacing = spacing,
            Command::SetParagraphSpacing(spacing) => settings.text.paragraph_spacing = spacing,
            Command::ToggleJustify => settings.text.justify = !settings.text.justify,
            Command::ToggleHyphenate => settings.text.hyphenate = !settings.text.hyphenate,
            Command::SetTheme(theme) => settings.theme = theme,
            _ => {}
        }
    }

    /// Find owns its search; what it asks of the page and the article is
    /// carried out here.
    fn apply_find(&mut self, command: Command) {
        if command == Command::ToggleMatchDiacritics {
            let on = &mut self.settings.find_match_diacritics;
            *on = !*on;
        }
        let with = FindInputs {
            text: self.workspace.session().map(|s| s.document().text()),
            match_diacritics: self.settings.find_match_diacritics,
            top_char: self.page.reader().top_char(),
        };
        match self.find.apply(command, &with) {
            Some(FindEffect::Reveal(start)) => self.page.reader_mut().reveal_char(start),
            Some(FindEffect::Select(found)) => {
                self.page.reader_mut().set_selection(Some(Selection {
                    anchor_char: found.start,
                    cursor_char: found.end,
                }));
            }
            Some(FindEffect::Highlight(found)) => {
                let color = self.settings.color;
                if let Some(open) = self.workspace.session_mut()
                    && let Some(id) = open.add_highlight(found, color)
                {
                    self.page.made_of_match(id);
                }
            }
            None => {}
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
                if let Some(id) = self.page.note_target() {
                    self.select_annotation(Some(id));
                    self.page.focus_note();
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
            Command::CopyQuote(id) => self.copy_quote(id, false),
            Command::CopyQuoteAsMarkdown(id) => self.copy_quote(id, true),
            Command::JumpTo(id) => self.jump_to(id),
            Command::NextHighlight => self.step_highlight(true),
            Command::PreviousHighlight => self.step_highlight(false),
            Command::Undo => self.undo_or_redo(true),
            Command::Redo => self.undo_or_redo(false),
            _ => {}
        }
    }

    fn highlight_selection(&mut self, color: HighlightColor) {
        let selection = self.page.reader().selection().map(|s| s.range());
        if let (Some(open), Some(range)) = (self.workspace.session_mut(), selection)
            && let Some(id) = open.add_highlight(range, color)
        {
            self.page.made(id);
        }
    }

    fn select_annotation(&mut self, id: Option<Uuid>) {
        self.page.select(id);
        if id.is_some() {
            self.settings.show_panel = true;
        }
    }

    fn change(&mut self, id: Uuid, typing: Option<Typing>, change: impl FnOnce(&mut Annotation)) {
        if let Some(open) = self.workspace.session_mut() {
            open.change(id, typing, change);
        }
    }

    fn delete(&mut self, id: Uuid) {
        if let Some(open) = self.workspace.session_mut() {
            open.delete(id);
        }
        self.page.forget(id);
    }

    fn copy_quote(&self, id: Uuid, markdown: bool) {
        let quote = self.workspace.session().and_then(|open| {
            quote_with_citation(open.store(), open.document(), open.source(), id, markdown)
        });
        if let Some(text) = quote {
            self.window.ctx().copy_text(text);
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(open) = self.workspace.session_mut() else {
            return;
        };
        let touched = if undo { open.undo() } else { open.redo() };
        let Some(id) = touched else {
            return;
        };
        if open.store().get(id).is_some() {
            self.page
                .reveal(id, self.workspace.session().map(|s| s.store()));
        } else {
            self.page.forget(id);
        }
    }

    /// Opens a highlight in the panel, scrolled to and outlined.
    fn jump_to(&mut self, id: Uuid) {
        self.settings.show_panel = true;
        let store = self.workspace.session().map(|s| s.store());
        self.page.jump_to(id, store);
    }

    /// Selects the next (or previous) highlight after the selected one, or
    /// after the top of the window.
    fn step_highlight(&mut self, forward: bool) {
        let target = self
            .annotations()
            .and_then(|store| self.page.step_target(store, forward));
        if let Some(id) = target {
            self.jump_to(id);
        }
    }

    /// Scrolls to the page called `label` (or, failing that, numbered so).
    /// Shows the original page the reader is on, or returns to the text
    /// (at the page shown, when it was turned).
    fn toggle_original_page(&mut self) {
        let Some(open) = self.workspace.session() else {
            return;
        };
        let top = self.page.reader().top_char();
        if self.original.is_shown() {
            if let Some(start) = self.original.hide(open.document(), top) {
                self.page.reader_mut().scroll_to_char(start);
            }
        } else {
            self.original.show(open.document(), top);
        }
    }

    fn go_to_page(&mut self, label: &str) {
        let Some(document) = self.workspace.session().map(|s| s.document()) else {
            return;
        };
        let pages = document.pages();
        let page = pages
            .iter()
            .find(|page| page.label.eq_ignore_ascii_case(label))
            .or_else(|| {
                let number = label.parse::<usize>().ok()?;
                pages.get(number.checked_sub(1)?)
            });
        match page {
            Some(page) => {
                let start = page.start_char;
                self.page.reader_mut().scroll_to_char(start);
            }
            None => {
                let said = format!(
                    "There is no page {label} (pages {} to {}).",
                    pages.first().map_or("", |p| p.label.as_str()),
                    pages.last().map_or("", |p| p.label.as_str())
                );
                self.notices.problem(said);
            }
        }
    }

    /// Quits, as closing the window does.
    fn quit(&self) {
        self.window
            .ctx()
            .send_viewport_cmd(egui::ViewportCommand::Close);
    }
}
