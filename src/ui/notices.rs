//! The notices room: the banner across the top (a problem, or news with
//! the commands it offers) and the note said in the status bar for a
//! moment. It owns both; everything else tells it what to say.

use std::time::{Duration, Instant};

use eframe::egui::{self, RichText, Ui};

use crate::store::StoreNotice;

use super::command::{Command, Situation};
use super::session::{SessionNotice, SessionProblem};
use super::theme::Palette;
use super::widgets::command_button_ui;

/// How long a status note shows.
const STATUS_NOTE_TIME: Duration = Duration::from_secs(8);

/// A message across the top, with the commands it offers.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Banner {
    message: String,
    actions: Vec<Command>,
    /// A problem (the alert colours) or news (the page's own).
    problem: bool,
    /// It tells of a sync conflict copy set aside: a later merge that
    /// succeeds takes it away.
    about_set_aside_copy: bool,
}

impl Banner {
    /// A problem to read.
    fn problem(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            actions: Vec::new(),
            problem: true,
            about_set_aside_copy: false,
        }
    }

    /// News: something went well, or happened, that the user should know.
    fn news(message: impl Into<String>) -> Self {
        Self {
            problem: false,
            ..Self::problem(message)
        }
    }

    pub(super) fn message(&self) -> &str {
        &self.message
    }

    pub(super) fn is_problem(&self) -> bool {
        self.problem
    }
}

/// News said in the status bar for a moment ("Merged 3 highlights from
/// another device").
#[derive(Clone, Debug)]
struct StatusNote {
    text: String,
    since: Instant,
    /// How long it shows.
    lasts: Duration,
}

/// The banner and the status note.
#[derive(Default)]
pub(super) struct Notices {
    banner: Option<Banner>,
    status_note: Option<StatusNote>,
}

impl Notices {
    pub(super) fn banner(&self) -> Option<&Banner> {
        self.banner.as_ref()
    }

    /// The status note's text while it shows.
    pub(super) fn status_note(&self) -> Option<&str> {
        self.status_note.as_ref().map(|note| note.text.as_str())
    }

    /// A problem across the top.
    pub(super) fn problem(&mut self, message: impl Into<String>) {
        self.banner = Some(Banner::problem(message));
    }

    /// News across the top.
    pub(super) fn news(&mut self, message: impl Into<String>) {
        self.banner = Some(Banner::news(message));
    }

    /// A problem, or news, as the caller found it.
    pub(super) fn say(&mut self, message: impl Into<String>, problem: bool) {
        if problem {
            self.problem(message);
        } else {
            self.news(message);
        }
    }

    pub(super) fn dismiss(&mut self) {
        self.banner = None;
    }

    /// One banner for problems: their messages, and what they offer.
    pub(super) fn problems(&mut self, problems: &[SessionProblem]) {
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let offers = problems.iter().any(SessionProblem::offers_replacement);
        self.banner = Some(Banner {
            actions: if offers {
                vec![Command::ReplaceUnreadableSidecar]
            } else {
                Vec::new()
            },
            ..Banner::problem(messages.join("\n"))
        });
    }

    /// News from the open article's session goes to the status bar for a
    /// moment; anything else to the banner.
    pub(super) fn tell(&mut self, notice: &SessionNotice) {
        match notice {
            // The copy that could not be merged came right after all.
            SessionNotice::Store(StoreNotice::DevicesMerged { .. })
                if self.banner.as_ref().is_some_and(|b| b.about_set_aside_copy) =>
            {
                self.banner = None;
            }
            SessionNotice::Store(StoreNotice::ConflictCopySetAside { .. }) => {
                self.banner = Some(Banner {
                    about_set_aside_copy: true,
                    ..Banner::news(notice.to_string())
                });
                return;
            }
            _ => {}
        }
        if notice.is_news() {
            self.note(notice.to_string());
        } else {
            self.news(notice.to_string());
        }
    }

    /// Says `text` in the status bar for a moment.
    pub(super) fn note(&mut self, text: String) {
        self.note_for(text, STATUS_NOTE_TIME);
    }

    /// Says `text` in the status bar for `lasts`.
    pub(super) fn note_for(&mut self, text: String, lasts: Duration) {
        self.status_note = Some(StatusNote {
            text,
            since: Instant::now(),
            lasts,
        });
    }

    /// The status note goes once its moment is over.
    pub(super) fn expire(&mut self, ctx: &egui::Context) {
        if let Some(note) = &self.status_note {
            match note.lasts.checked_sub(note.since.elapsed()) {
                Some(left) => ctx.request_repaint_after(left),
                None => self.status_note = None,
            }
        }
    }

    /// The banner, when there is one, across the top.
    pub(super) fn banner_ui(
        &self,
        ui: &mut Ui,
        palette: &Palette,
        now: &Situation,
        commands: &mut Vec<Command>,
    ) {
        let Some(banner) = &self.banner else {
            return;
        };
        let (fill, text) = if banner.problem {
            (palette.alert_fill, palette.alert_text)
        } else {
            (palette.code_background, palette.strong)
        };
        egui::Panel::top("banner")
            .frame(egui::Frame::new())
            .show(ui, |ui| {
                egui::Frame::new()
                    .fill(fill)
                    .inner_margin(egui::Margin::symmetric(12, 8))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            command_button_ui(ui, Command::DismissBanner, now, commands);
                            for command in banner.actions.iter().rev() {
                                command_button_ui(ui, command.clone(), now, commands);
                            }
                            ui.with_layout(
                                egui::Layout::left_to_right(egui::Align::Center),
                                |ui| {
                                    let message = RichText::new(&banner.message).color(text);
                                    ui.add(egui::Label::new(message).wrap());
                                },
                            );
                        });
                    });
            });
    }
}
