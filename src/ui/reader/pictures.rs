//! The pictures of figure blocks: decoded on a worker thread only when
//! their block comes near the view, dropped again far from it (their size
//! is remembered, so the page does not move), drawn above their caption.
//! A remote picture is never fetched: a quiet placeholder shows its alt
//! text; so does a picture that cannot be read.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui::{
    self, Align2, Color32, FontFamily, FontId, Painter, Rect, Stroke, TextureHandle, Vec2, pos2,
    vec2,
};

use crate::document::{Document, Picture, PictureSource};

use super::layout::{PlacedBlock, picture_gap};
use super::picture_decode::{DecodedPicture, decode_picture};
use super::picture_runs::{InlineKind, PictureRun};
use super::remote_pictures::{hosts_of, paint_remote_line, remote_line_height};
use super::{Reader, ReaderStyle};

/// The widest a picture is decoded, in pixels.
const MAX_DECODED_WIDTH_PX: f32 = 2048.0;
/// Pictures within this many screens of the view are decoded.
const DECODE_SCREENS: f32 = 1.0;
/// Decoded pictures further than this many screens away are dropped.
const KEEP_SCREENS: f32 = 3.0;

/// What is known of one picture.
enum Shelved {
    Decoding,
    Ready(TextureHandle),
    Failed(String),
}

/// A decoding job's result: the picture index and its texture or error.
type Decoded = (usize, Result<(TextureHandle, [u32; 2]), String>);

/// The reader's pictures: their textures near the view, and every size seen.
#[derive(Default)]
pub(super) struct PictureShelf {
    shelved: HashMap<usize, Shelved>,
    /// Natural sizes (pixels) of pictures decoded once.
    sizes_px: HashMap<usize, [u32; 2]>,
    jobs: Option<Sender<Job>>,
    results: Option<Receiver<Decoded>>,
    /// Whether the startup timeline has been told of the first picture drawn.
    first_drawn: std::cell::Cell<bool>,
}

impl std::fmt::Debug for PictureShelf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PictureShelf")
            .field("shelved", &self.shelved.len())
            .field("sizes_px", &self.sizes_px.len())
            .finish()
    }
}

struct Job {
    index: usize,
    source: PictureSource,
    max_width_px: u32,
}

impl PictureShelf {
    /// How much room a figure's picture takes above its caption, in points,
    /// where it stands in its run (`run_of`, found once by the caller): a
    /// run's first block takes the run's room, the others none.
    pub(super) fn picture_size(
        &self,
        (document, index): (&Document, usize),
        picture: &Picture,
        run: &PictureRun,
        style: &ReaderStyle,
        measure: f32,
    ) -> Vec2 {
        match run {
            PictureRun::Head {
                kind: InlineKind::Remote,
                ..
            } => return vec2(measure, remote_line_height(style)),
            PictureRun::Head {
                kind: InlineKind::Small,
                blocks,
            } => {
                return vec2(
                    measure,
                    self.inline_places(document, blocks.clone(), style, measure)
                        .1,
                );
            }
            PictureRun::Member { .. } => return Vec2::ZERO,
            PictureRun::Alone => {}
        }
        if self.shows_placeholder(index, picture) {
            return vec2(measure, placeholder_height(style));
        }
        let Some([width, height]) = self.natural_size(index, picture) else {
            // Not decoded yet and no size declared: a guess, corrected once read.
            return vec2(measure, (measure * 0.6).round());
        };
        let (width, height) = (width.max(1) as f32, height.max(1) as f32);
        // Never wider than the text, never taller than the text is wide.
        let scale = (measure / width).min(measure * 1.2 / height).min(1.0);
        vec2((width * scale).round(), (height * scale).round())
    }

    /// A picture's size in pixels: as decoded, else as its page declares it.
    pub(super) fn natural_size(&self, index: usize, picture: &Picture) -> Option<[u32; 2]> {
        self.sizes_px
            .get(&index)
            .copied()
            .or(picture.declared_size_px)
    }

    pub(super) fn shows_placeholder(&self, index: usize, picture: &Picture) -> bool {
        !picture.source.is_readable()
            || matches!(self.shelved.get(&index), Some(Shelved::Failed(_)))
    }

    /// Takes finished decodes; returns whether any arrived.
    pub(super) fn receive(&mut self) -> bool {
        let Some(results) = &self.results else {
            return false;
        };
        let mut arrived = false;
        while let Ok((index, result)) = results.try_recv() {
            arrived = true;
            let shelved = match result {
                Ok((texture, size_px)) => {
                    self.sizes_px.insert(index, size_px);
                    Shelved::Ready(texture)
                }
                Err(message) => {
                    log::warn!("picture {index}: {message}");
                    Shelved::Failed(message)
                }
            };
            // A picture dropped while it was decoding stays dropped.
            if self.shelved.contains_key(&index) {
                self.shelved.insert(index, shelved);
            }
        }
        arrived
    }

    /// Asks for the pictures of the blocks in `near` (decoded on the
    /// worker) and drops those of blocks outside `keep`.
    pub(super) fn want(
        &mut self,
        ctx: &egui::Context,
        document: &Document,
        near: std::ops::Range<usize>,
        keep: std::ops::Range<usize>,
        max_width_px: f32,
    ) {
        self.shelved.retain(|&block, _| keep.contains(&block));
        for block in near {
            let Some(picture) = document.picture_of(block) else {
                continue;
            };
            if self.shelved.contains_key(&block) || !picture.source.is_readable() {
                continue;
            }
            let job = Job {
                index: block,
                source: picture.source.clone(),
                max_width_px: max_width_px.min(MAX_DECODED_WIDTH_PX).ceil() as u32,
            };
            if self.worker(ctx).send(job).is_ok() {
                self.shelved.insert(block, Shelved::Decoding);
            }
        }
    }

    /// The worker thread, started with the first picture.
    fn worker(&mut self, ctx: &egui::Context) -> &Sender<Job> {
        self.jobs.get_or_insert_with(|| {
            let (jobs, queue) = channel::<Job>();
            let (done, results) = channel();
            self.results = Some(results);
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("pictures".into())
                .spawn(move || {
                    for job in queue {
                        let result = decode_picture(&job.source, job.max_width_px)
                            .map(|decoded| upload(&ctx, job.index, decoded));
                        if done.send((job.index, result)).is_err() {
                            break;
                        }
                        ctx.request_repaint();
                    }
                });
            if let Err(error) = spawned {
                log::error!("the picture worker cannot start: {error}");
            }
            jobs
        })
    }

    /// Paints a figure's picture (or its placeholder) in `rect`.
    pub(super) fn paint(
        &self,
        painter: &Painter,
        index: usize,
        picture: &Picture,
        caption: &str,
        rect: Rect,
        style: &ReaderStyle,
    ) {
        let palette = &style.palette;
        match self.shelved.get(&index) {
            Some(Shelved::Ready(texture)) if !self.shows_placeholder(index, picture) => {
                let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
                painter.image(texture.id(), rect, uv, Color32::WHITE);
                if !self.first_drawn.replace(true) {
                    crate::timing::mark("first picture drawn");
                }
            }
            Some(Shelved::Decoding) | None if !self.shows_placeholder(index, picture) => {
                painter.rect_filled(rect, 2.0, palette.code_background);
            }
            shelved => {
                let why = match (&picture.source, shelved) {
                    (_, Some(Shelved::Failed(message))) => {
                        format!("Picture not shown: {message}")
                    }
                    (PictureSource::Missing(message), _) => {
                        format!("Picture not shown: {message}")
                    }
                    _ => String::new(),
                };
                // An alt text that is the caption already shows below.
                let alt = if picture.alt == caption {
                    ""
                } else {
                    &picture.alt
                };
                paint_placeholder(painter, rect, alt, &why, style);
            }
        }
    }
}

/// Turns decoded pixels into a texture (egui's textures may be made on
/// any thread).
fn upload(ctx: &egui::Context, index: usize, decoded: DecodedPicture) -> (TextureHandle, [u32; 2]) {
    let image = egui::ColorImage::from_rgba_unmultiplied(decoded.size_px, &decoded.rgba);
    let texture = ctx.load_texture(
        format!("picture-{index}"),
        image,
        egui::TextureOptions::LINEAR,
    );
    (texture, decoded.natural_size_px)
}

fn placeholder_height(style: &ReaderStyle) -> f32 {
    (style.font_size * 4.2).round()
}

/// A quiet frame with the picture's alt text and why it is not shown.
fn paint_placeholder(painter: &Painter, rect: Rect, alt: &str, why: &str, style: &ReaderStyle) {
    let palette = &style.palette;
    painter.rect_stroke(
        rect.shrink(0.5),
        4.0,
        Stroke::new(1.0, palette.muted.gamma_multiply(0.5)),
        egui::StrokeKind::Inside,
    );
    let size = style.font_size * 0.8;
    let alt = if alt.is_empty() { "Picture" } else { alt };
    let alt_galley = painter.layout(
        alt.to_owned(),
        FontId::new(size, FontFamily::Proportional),
        palette.text,
        rect.width() - size * 2.0,
    );
    let why_galley = painter.layout(
        why.to_owned(),
        FontId::new(size * 0.85, FontFamily::Proportional),
        palette.muted,
        rect.width() - size * 2.0,
    );
    let total = alt_galley.size().y + why_galley.size().y;
    let top = rect.center().y - total / 2.0;
    let alt_pos = Align2::CENTER_TOP.align_size_within_rect(
        alt_galley.size(),
        Rect::from_min_max(pos2(rect.min.x, top), pos2(rect.max.x, rect.max.y)),
    );
    let why_top = top + alt_galley.size().y;
    let why_pos = Align2::CENTER_TOP.align_size_within_rect(
        why_galley.size(),
        Rect::from_min_max(pos2(rect.min.x, why_top), pos2(rect.max.x, rect.max.y)),
    );
    let clip = painter.with_clip_rect(rect);
    clip.galley(alt_pos.min, alt_galley, palette.text);
    clip.galley(why_pos.min, why_galley, palette.muted);
}

impl Reader {
    /// Takes the pictures decoded since the last frame, asks for those near
    /// the view and lets go of those far from it.
    pub(super) fn update_pictures(
        &mut self,
        ctx: &egui::Context,
        document: &Document,
        viewport: Rect,
        measure: f32,
    ) {
        if document.pictures().is_empty() {
            return;
        }
        self.pictures.receive();
        let screen = viewport.height().max(1.0);
        let around = |screens: f32| {
            self.heights.visible(
                viewport.min.y - screen * screens,
                viewport.max.y + screen * screens,
            )
        };
        let (near, keep) = (around(DECODE_SCREENS), around(KEEP_SCREENS));
        let max_width_px = measure * ctx.pixels_per_point();
        self.pictures.want(ctx, document, near, keep, max_width_px);
    }

    /// Paints the picture of a placed figure block above its caption; the
    /// first of a run of pictures set in a line paints the run.
    pub(super) fn paint_picture(
        &self,
        painter: &Painter,
        block: &PlacedBlock,
        document: &Document,
        style: &ReaderStyle,
        column_left: f32,
        measure: f32,
    ) {
        let index = block.index;
        let Some(picture) = document.picture_of(index) else {
            return;
        };
        let shelf = &self.pictures;
        let run = shelf.run_of(document, index, style);
        let size = shelf.picture_size((document, index), picture, &run, style, measure);
        if size.y <= 0.0 {
            return;
        }
        let top = block.pos.y - picture_gap(&run, style) - size.y;
        match run {
            PictureRun::Alone => {
                let left = column_left + ((measure - size.x) / 2.0).max(0.0);
                let rect = Rect::from_min_size(pos2(left, top), size);
                let caption = document.block_text(index);
                shelf.paint(painter, index, picture, caption, rect, style);
            }
            PictureRun::Head {
                kind: InlineKind::Remote,
                blocks,
            } => {
                let rect = Rect::from_min_size(pos2(column_left, top), size);
                let hosts = hosts_of(document, blocks.clone());
                paint_remote_line(painter, rect, blocks.len(), &hosts, style);
            }
            PictureRun::Head {
                kind: InlineKind::Small,
                blocks,
            } => {
                let (places, _) = shelf.inline_places(document, blocks, style, measure);
                for (at, place) in places {
                    let Some(picture) = document.picture_of(at) else {
                        continue;
                    };
                    let rect = place.translate(vec2(column_left, top));
                    let caption = document.block_text(at);
                    shelf.paint(painter, at, picture, caption, rect, style);
                }
            }
            PictureRun::Member { .. } => {}
        }
    }
}
