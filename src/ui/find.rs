//! The find room: the bar, incremental search over the folded text, the
//! matches as painted. It owns the search; what a command does outside it
//! (scroll to a match, select it, highlight it) it hands back as a
//! [`FindEffect`] for the dispatcher to carry out.

use eframe::egui::{self, Ui};
use std::ops::Range;

use crate::document::FoldedText;

use super::command::{Command, Situation};
use super::keymap::find_field_command;
use super::reader::ReaderHighlight;
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
struct FindState {
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

    fn matches(&self) -> (&[Range<usize>], usize) {
        (&self.matches, self.current)
    }

    fn current_match(&self) -> Option<Range<usize>> {
        self.matches.get(self.current).cloned()
    }

    /// The matches to paint; rebuilt when they, the current one or the
    /// palette changed.
    fn painted(&mut self, palette: &Palette) -> &[ReaderHighlight] {
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

/// What the open article gives a find command: its text, whether
/// diacritics count, and where the reader is.
pub(super) struct FindInputs<'a> {
    pub(super) text: Option<&'a str>,
    pub(super) match_diacritics: bool,
    pub(super) top_char: usize,
}

/// What a find command asks of the rest of the window.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum FindEffect {
    /// Scroll this char into view (the current match).
    Reveal(usize),
    /// The bar closed on this match: it stays selected, so Shift+End
    /// extends it and H highlights it.
    Select(Range<usize>),
    /// Highlight this match.
    Highlight(Range<usize>),
}

/// The find bar, while it is open.
#[derive(Default)]
pub(super) struct FindBar {
    open: Option<FindState>,
}

impl FindBar {
    pub(super) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The find matches (char ranges) and the index of the current one.
    pub(super) fn matches(&self) -> Option<(&[Range<usize>], usize)> {
        self.open.as_ref().map(FindState::matches)
    }

    /// The matches to paint on the page.
    pub(super) fn painted(&mut self, palette: &Palette) -> &[ReaderHighlight] {
        match &mut self.open {
            Some(find) => find.painted(palette),
            None => &[],
        }
    }

    /// The article it searched is closed.
    pub(super) fn close(&mut self) {
        self.open = None;
    }

    /// Carries out a find command.
    pub(super) fn apply(&mut self, command: Command, with: &FindInputs) -> Option<FindEffect> {
        match command {
            Command::ShowFind => {
                match &mut self.open {
                    Some(find) => find.focus = true,
                    None => {
                        self.open = with
                            .text
                            .map(|text| FindState::new(text, with.match_diacritics));
                    }
                }
                None
            }
            Command::ToggleMatchDiacritics => {
                let find = self.open.as_mut()?;
                find.folded = FoldedText::new(with.text?, with.match_diacritics);
                let query = find.query.clone();
                self.search(query, with.top_char)
            }
            Command::CloseFind => self
                .open
                .take()
                .and_then(|find| find.current_match())
                .map(FindEffect::Select),
            Command::SetFindQuery(query) => self.search(query, with.top_char),
            Command::FindNext | Command::FindPrevious => {
                let find = self.open.as_mut().filter(|find| !find.matches.is_empty())?;
                let n = find.matches.len();
                find.current = if command == Command::FindNext {
                    (find.current + 1) % n
                } else {
                    (find.current + n - 1) % n
                };
                self.current_shown()
            }
            Command::HighlightFindMatch => self
                .open
                .as_ref()
                .and_then(FindState::current_match)
                .map(FindEffect::Highlight),
            _ => None,
        }
    }

    /// Searches anew; the current match is the first at or after the
    /// reading position.
    fn search(&mut self, query: String, top_char: usize) -> Option<FindEffect> {
        let find = self.open.as_mut()?;
        find.matches = find.folded.find_all(&query, MAX_MATCHES);
        find.painted_for = None;
        find.query = query;
        find.current = find.matches.partition_point(|m| m.start < top_char);
        if find.current >= find.matches.len() {
            find.current = 0;
        }
        self.current_shown()
    }

    fn current_shown(&self) -> Option<FindEffect> {
        let found = self.open.as_ref().and_then(FindState::current_match)?;
        Some(FindEffect::Reveal(found.start))
    }

    /// The bar under the menus, while find is open.
    pub(super) fn bar_ui(&mut self, ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
        let Some(find) = &mut self.open else {
            return;
        };
        egui::Panel::top("find_bar").show(ui, |ui| {
            ui.horizontal(|ui| find_fields_ui(ui, find, now, commands));
        });
    }
}

/// The query, the count, and the find commands' buttons.
fn find_fields_ui(ui: &mut Ui, find: &mut FindState, now: &Situation, commands: &mut Vec<Command>) {
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
}
