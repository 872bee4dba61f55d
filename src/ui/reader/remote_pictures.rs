//! Pictures on the web, never fetched: each takes one quiet line in the
//! page, and a run of them (a README's row of badges) one line for the
//! run — "3 pictures on img.shields.io and docs.rs, not downloaded" —
//! said at its first; the others take no room.

use eframe::egui::{Align2, FontFamily, FontId, Painter, Rect};

use crate::document::{Document, PictureSource};

use super::ReaderStyle;

/// Where a figure stands among pictures on the web that are not fetched.
pub(super) enum RemoteRun {
    NotRemote,
    /// The first of a run of them: how many, and on which hosts.
    Head {
        count: usize,
        hosts: Vec<String>,
    },
    /// One after the first.
    Member,
}

/// The most pictures of a run counted (a longer run says "1,000 or more").
const MAX_COUNTED: usize = 1_000;

fn is_remote(document: &Document, index: usize) -> bool {
    matches!(
        document.picture_of(index).map(|p| &p.source),
        Some(PictureSource::Remote(_))
    )
}

/// The host a picture on the web is on ("" when its address has none).
fn remote_host(document: &Document, index: usize) -> Option<String> {
    let Some(PictureSource::Remote(url)) = document.picture_of(index).map(|p| &p.source) else {
        return None;
    };
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned));
    Some(host.unwrap_or_default())
}

/// A figure among consecutive pictures on the web: the first says the
/// run, the others take no room.
pub(super) fn remote_run(document: &Document, index: usize) -> RemoteRun {
    if !is_remote(document, index) {
        return RemoteRun::NotRemote;
    }
    if index > 0 && is_remote(document, index - 1) {
        return RemoteRun::Member;
    }
    let mut hosts: Vec<String> = Vec::new();
    let mut count = 0;
    for host in (index..document.blocks().len())
        .take(MAX_COUNTED)
        .map_while(|at| remote_host(document, at))
    {
        count += 1;
        if !host.is_empty() && !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    RemoteRun::Head { count, hosts }
}

pub(super) fn remote_line_height(style: &ReaderStyle) -> f32 {
    (style.font_size * 1.4).round()
}

/// "3 pictures on img.shields.io and docs.rs, not downloaded", quietly.
pub(super) fn paint_remote_line(
    painter: &Painter,
    rect: Rect,
    count: usize,
    hosts: &[String],
    style: &ReaderStyle,
) {
    let on = match hosts {
        [] => String::new(),
        [one] => format!(" on {one}"),
        [first @ .., last] => format!(" on {} and {last}", first.join(", ")),
    };
    let said = match count {
        1 => format!("Picture{on}, not downloaded"),
        MAX_COUNTED => format!("{MAX_COUNTED} or more pictures{on}, not downloaded"),
        n => format!("{n} pictures{on}, not downloaded"),
    };
    let galley = painter.layout(
        said,
        FontId::new(style.font_size * 0.75, FontFamily::Proportional),
        style.palette.muted,
        rect.width(),
    );
    let at = Align2::CENTER_CENTER.align_size_within_rect(galley.size(), rect);
    painter.galley(at.min, galley, style.palette.muted);
}
