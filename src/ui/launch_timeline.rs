//! The startup timeline's frames (`MARGINALIA_TIMING=1`): the first frame,
//! the first with the article's text laid out, and when that one was
//! presented (the next frame began), each marked with its offset from the
//! process start.

use eframe::egui;

/// The frames of a launch the startup timeline reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LaunchStage {
    FirstFrame,
    TextLaidOut,
    TextPresented,
    Done,
}

impl LaunchStage {
    /// Where a launch starts: reported only when the timeline is asked for.
    pub(super) fn at_start() -> Self {
        if crate::timing::enabled() {
            Self::FirstFrame
        } else {
            Self::Done
        }
    }
}

impl LaunchStage {
    /// A frame begins after the one with the text was presented.
    pub(super) fn report_text_presented(&mut self) {
        if *self == LaunchStage::TextPresented {
            crate::timing::mark("the frame with the text presented (the next frame began)");
            *self = LaunchStage::Done;
        }
    }

    /// The startup timeline's frames: the first, the first with the text
    /// laid out (`text_painted`; one more is asked for, to see when that
    /// one was presented).
    pub(super) fn report_frame(&mut self, ctx: &egui::Context, text_painted: bool) {
        let (said, next) = match *self {
            LaunchStage::FirstFrame if text_painted => (
                "first frame drawn, with the text laid out",
                LaunchStage::TextPresented,
            ),
            LaunchStage::FirstFrame => {
                ("first frame drawn (no text yet)", LaunchStage::TextLaidOut)
            }
            LaunchStage::TextLaidOut if text_painted => (
                "first frame with the text laid out",
                LaunchStage::TextPresented,
            ),
            LaunchStage::TextLaidOut | LaunchStage::TextPresented | LaunchStage::Done => return,
        };
        crate::timing::mark(said);
        *self = next;
        if next == LaunchStage::TextPresented {
            ctx.request_repaint();
        }
    }
}
