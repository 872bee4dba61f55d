//! The original pages near the one shown: each rendered in the PDF
//! child on a worker thread (the file read there once, within its size
//! bound, and kept for the next pages; its canonical text's letters found
//! among its glyphs on the worker too),
//! the picture made a texture when it arrives. One page is rendered at a
//! time, the one shown first, then its neighbours; pages further away are
//! dropped. A page too narrow for the window is rendered again, wider.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui::{self, ColorImage, TextureHandle, TextureOptions};

use crate::import::pdf::{MAX_PICTURE_SIDE_PX, PagePlaces, page_picture, pdf_file_bytes};

use super::super::session::DocumentSession;

/// Pages kept on either side of the one shown.
const KEPT_AROUND: usize = 2;

/// A page as printed, ready to draw.
pub(super) struct RenderedPage {
    pub(super) texture: TextureHandle,
    /// The page's size in points, as shown.
    pub(super) size_pt: egui::Vec2,
    /// Its letters, on the paper and in the canonical text.
    pub(super) places: PagePlaces,
    /// The page's chars in the canonical text.
    pub(super) chars: Range<usize>,
    width_px: u32,
}

pub(super) enum Shelved {
    Rendering,
    Ready(RenderedPage),
    Failed(String),
}

/// What a worker sends back: the page, the width asked, the PDF's bytes
/// (read once, for the next pages), and the picture with its places, or
/// why there is none.
struct Rendered {
    index: usize,
    width_px: u32,
    bytes: Option<Arc<Vec<u8>>>,
    result: Result<(ColorImage, egui::Vec2, PagePlaces), String>,
}

/// What a worker needs to render a page.
struct Job {
    path: PathBuf,
    /// The PDF's bytes when they were read already.
    bytes: Option<Arc<Vec<u8>>>,
    password: Option<String>,
    index: usize,
    width_px: u32,
    page_text: String,
}

pub(super) struct PageShelf {
    pages: HashMap<usize, Shelved>,
    /// The text the pages were found in: a document read again has new pages.
    text: Option<Arc<String>>,
    /// The PDF's bytes, read by the first page's worker.
    bytes: Option<Arc<Vec<u8>>>,
    sender: Sender<Rendered>,
    results: Receiver<Rendered>,
    /// A page is being rendered (one at a time).
    rendering: bool,
}

impl Default for PageShelf {
    fn default() -> Self {
        let (sender, results) = channel();
        Self {
            pages: HashMap::new(),
            text: None,
            bytes: None,
            sender,
            results,
            rendering: false,
        }
    }
}

impl PageShelf {
    pub(super) fn page(&self, index: usize) -> Option<&Shelved> {
        self.pages.get(&index)
    }

    /// Drops every page (the article was closed).
    pub(super) fn clear(&mut self) {
        self.pages.clear();
        self.text = None;
        self.bytes = None;
    }

    /// Takes what the workers finished, and starts the next page wanted
    /// around `index`, `width_px` wide.
    pub(super) fn keep_near(
        &mut self,
        ctx: &egui::Context,
        open: &DocumentSession,
        index: usize,
        width_px: u32,
    ) {
        let text = open.document().shared_text();
        // A document read again (the file changed) has new pages and bytes.
        if !self.text.as_ref().is_some_and(|t| Arc::ptr_eq(t, &text)) {
            self.pages.clear();
            self.bytes = None;
            self.text = Some(text);
        }
        while let Ok(rendered) = self.results.try_recv() {
            self.rendering = false;
            self.bytes = self.bytes.take().or(rendered.bytes);
            let (page, asked_px) = (rendered.index, rendered.width_px);
            self.arrive(ctx, open, page, asked_px, rendered.result);
        }
        self.pages
            .retain(|page, _| page.abs_diff(index) <= KEPT_AROUND);
        if self.rendering {
            return;
        }
        let count = open.document().pages().len();
        let wanted = [Some(index), index.checked_add(1), index.checked_sub(1)];
        let next = wanted
            .into_iter()
            .flatten()
            .filter(|&page| page < count)
            .find(|page| match self.pages.get(page) {
                None => true,
                Some(Shelved::Ready(ready)) => ready.width_px * 5 < width_px * 4,
                Some(_) => false,
            });
        if let Some(page) = next {
            self.start(ctx, open, page, width_px);
        }
    }

    fn arrive(
        &mut self,
        ctx: &egui::Context,
        open: &DocumentSession,
        page: usize,
        width_px: u32,
        rendered: Result<(ColorImage, egui::Vec2, PagePlaces), String>,
    ) {
        let Some(chars) = open.document().page_chars(page) else {
            return;
        };
        let shelved = match rendered {
            Ok((image, size_pt, places)) => Shelved::Ready(RenderedPage {
                texture: ctx.load_texture(
                    format!("original-page-{page}"),
                    image,
                    TextureOptions::LINEAR,
                ),
                size_pt,
                places,
                chars,
                width_px,
            }),
            Err(why) => Shelved::Failed(why),
        };
        self.pages.insert(page, shelved);
    }

    fn start(&mut self, ctx: &egui::Context, open: &DocumentSession, index: usize, width_px: u32) {
        let (Some(path), Some(chars)) = (open.path(), open.document().page_chars(index)) else {
            return;
        };
        let job = Job {
            path: path.to_path_buf(),
            bytes: self.bytes.clone(),
            password: open.pdf_password().map(str::to_owned),
            index,
            width_px: width_px.min(MAX_PICTURE_SIDE_PX),
            page_text: open.document().text_between(chars.start, chars.end),
        };
        // A page already drawn stays on screen while it is drawn wider.
        self.pages.entry(index).or_insert(Shelved::Rendering);
        self.rendering = true;
        let (sender, ctx) = (self.sender.clone(), ctx.clone());
        std::thread::spawn(move || {
            let rendered = render(job);
            // The receiver is gone only when the window closed.
            let _ = sender.send(rendered);
            ctx.request_repaint();
        });
    }
}

/// A page's picture and places, made on a worker (the PDF read first,
/// unless it was read for an earlier page).
fn render(job: Job) -> Rendered {
    let bytes = match job.bytes.clone() {
        Some(bytes) => Ok(bytes),
        None => pdf_file_bytes(&job.path).map(Arc::new),
    };
    let result = bytes
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|bytes| picture_and_places(&job, bytes));
    Rendered {
        index: job.index,
        width_px: job.width_px,
        bytes: bytes.ok(),
        result,
    }
}

fn picture_and_places(
    job: &Job,
    bytes: &[u8],
) -> Result<(ColorImage, egui::Vec2, PagePlaces), String> {
    let name = job.path.file_name().map_or_else(
        || job.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let picture = page_picture(
        bytes,
        job.password.as_deref(),
        job.index,
        job.width_px,
        None,
    )
    .map_err(|error| {
        format!(
            "Page {} of {name} cannot be drawn: it {error}.",
            job.index + 1
        )
    })?;
    let places = PagePlaces::new(&job.page_text, &picture.geometry.glyphs);
    let size = [picture.width_px as usize, picture.height_px as usize];
    let image = ColorImage::from_rgba_premultiplied(size, &picture.rgba);
    let size_pt = egui::vec2(picture.geometry.width_pt, picture.geometry.height_pt);
    Ok((image, size_pt, places))
}
