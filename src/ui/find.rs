//! Find: the bar, incremental search over the folded text, the matches as
//! painted, and highlighting the current match.

use std::ops::Range;
use std::time::Instant;

use eframe::egui::{self, Ui};

use crate::document::FoldedText;

use super::app::{Flash, MarginaliaApp};
use super::command::{Command, Situation};
use super::keymap::find_field_command;
use super::reader::{ReaderHighlight, Selection};
use super::theme::Palette;
use super::widgets::{command_button_ui, command_toggle_ui};

/// Find stops counting here (a one-letter search in a long book).
const MAX_MATCHES: usize = 10_000;

/// What the matches were painted for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PaintKey {
    current: usize,
    palette: Palette,
}

/// Incremental search.
pub(super) struct FindState {
    query: String,
    folded: FoldedText,
    /// Char ranges of the canonical text.
    matches: Vec<Range<usize>>,
    current: usize,
    focus: bool,
    /// The matches as painted, and what for.
    painted: Vec<ReaderHighlight>,
    painted_for: Option<PaintKey>,
}

impl FindState {
    fn new(text: &str, match_diacritics: bool) -> Self {
        Self {
            query: String::new(),
            folded: FoldedText::new(text, match_diacritics),
            matches: Vec::new(),
            current: 0,
            focus: true,
            painted: Vec::new(),
            painted_for: None,
        }
    }

    pub(super) fn matches(&self) -> (&[Range<usize>], usize) {
        (&self.matches, self.current)
    }

    fn current_match(&self) -> Option<Range<usize>> {
        self.matches.get(self.current).cloned()
    }

    /// The matches to paint; rebuilt when they, the current one or the
    /// palette changed.
    pub(super) fn painted(&mut self, palette: &Palette) -> &[ReaderHighlight] {
        let key = PaintKey {
            current: self.current,
            palette: *palette,
        };
        if self.painted_for != Some(key) {
            self.painted = self
                .matches
                .iter()
                .enumerate()
                .map(|(i, m)| ReaderHighlight {
                    chars: m.clone(),
                    color: if i == self.current {
                        palette.find_current
                    } else {
                        palette.find_match
                    },
                    emphasis: i == self.current,
                    ..Default::default()
                })
                .collect();
            self.painted_for = Some(key);
        }
        &self.painted
    }

    /// "3 of 12", "No matches", or nothing before a query.
    fn count_text(&self) -> String {
        if self.query.trim().is_empty() {
            String::new()
        } else if self.matches.is_empty() {
            "No matches".to_owned()
        } else {
            let more = if self.matches.len() >= MAX_MATCHES {
                "+"
            } else {
                ""
            };
            format!("{} of {}{more}", self.current + 1, self.matches.len())
        }
    }
}

impl MarginaliaApp {
    pub(super) fn apply_find(&mut self, command: Command) {
        match command {
            Command::ShowFind => match &mut self.find {
                Some(find) => find.focus = true,
                None => {
                    let match_diacritics = self.settings.find_match_diacritics;
                    self.find = self
                        .open
                        .as_ref()
                        .map(|open| FindState::new(open.document().text(), match_diacritics));
                }
            },
            Command::ToggleMatchDiacritics => {
                let on = !self.settings.find_match_diacritics;
                self.settings.find_match_diacritics = on;
                if let (Some(find), Some(open)) = (&mut self.find, &self.open) {
                    find.folded = FoldedText::new(open.document().text(), on);
                    let query = find.query.clone();
                    self.set_find_query(query);
                }
            }
            Command::CloseFind => {
                // The current match stays selected: Shift+End extends it, H highlights it.
                let current = self.find.take().and_then(|find| find.current_match());
                if let Some(found) = current {
                    self.reader.set_selection(Some(Selection {
                        anchor_char: found.start,
                        cursor_char: found.end,
                    }));
                }
            }
            Command::SetFindQuery(query) => self.set_find_query(query),
            Command::FindNext | Command::FindPrevious => {
                if let Some(find) = &mut self.find
                    && !find.matches.is_empty()
                {
                    let n = find.matches.len();
                    find.current = if command == Command::FindNext {
                        (find.current + 1) % n
                    } else {
                        (find.current + n - 1) % n
                    };
                    self.show_current_match();
                }
            }
            Command::HighlightFindMatch => self.highlight_find_match(),
            _ => {}
        }
    }

    fn set_find_query(&mut self, query: String) {
        let top = self.reader.top_char();
        if let Some(find) = &mut self.find {
            find.matches = find.folded.find_all(&query, MAX_MATCHES);
            find.painted_for = None;
            find.query = query;
            // The first match at or after the reading position.
            find.current = find.matches.partition_point(|m| m.start < top);
            if find.current >= find.matches.len() {
                find.current = 0;
            }
            self.show_current_match();
        }
    }

    fn highlight_find_match(&mut self) {
        let range = self.find.as_ref().and_then(FindState::current_match);
        if let (Some(range), Some(open)) = (range, &mut self.open)
            && let Some(id) = open.add_highlight(range, self.settings.color)
        {
            self.selected = Some(id);
            self.last_made = Some(id);
            self.flash = Some(Flash {
                id,
                since: Instant::now(),
            });
        }
    }

    fn show_current_match(&mut self) {
        let start = self
            .find
            .as_ref()
            .and_then(FindState::current_match)
            .map(|m| m.start);
        if let Some(start) = start {
            self.reader.reveal_char(start);
        }
    }

    pub(super) fn find_bar_ui(
        &mut self,
        ui: &mut Ui,
        now: &Situation,
        commands: &mut Vec<Command>,
    ) {
        let Some(find) = &mut self.find else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label(Command::SetFindQuery(String::new()).info().label);
            let response = ui.add(
                egui::TextEdit::singleline(&mut find.query)
                    .desired_width(280.0)
                    .hint_text("Text in the article"),
            );
            if find.focus {
                response.request_focus();
                find.focus = false;
            }
            if response.changed() {
                commands.push(Command::SetFindQuery(find.query.clone()));
            }
            // Enter leaves a single-line field: keep typing in it.
            if response.lost_focus()
                && let Some(command) = ui.input(find_field_command)
            {
                find.focus = command != Command::CloseFind;
                commands.push(command);
            }
            ui.label(find.count_text());
            let match_diacritics = find.folded.matches_diacritics();
            command_toggle_ui(
                ui,
                match_diacritics,
                Command::ToggleMatchDiacritics,
                commands,
            );
            for command in [
                Command::FindPrevious,
                Command::FindNext,
                Command::HighlightFindMatch,
                Command::CloseFind,
            ] {
                command_button_ui(ui, command, now, commands);
            }
        });
    }
}
