//! Pictures on the web, never fetched: a run of them (a README's row of
//! badges; `picture_runs`) takes one quiet line — "3 pictures on
//! img.shields.io and docs.rs, not downloaded" — at its first.

use std::ops::Range;

use eframe::egui::{Align2, FontFamily, FontId, Painter, Rect};

use crate::document::{Document, PictureSource};

use super::ReaderStyle;

/// The hosts the pictures of `blocks` are on, each once, in order.
pub(super) fn hosts_of(document: &Document, blocks: Range<usize>) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    for host in blocks.filter_map(|at| remote_host(document, at)) {
        if !host.is_empty() && !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    hosts
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
