//! Benchmarks for the reader issue: plain-text import throughput on War and
//! Peace, and the CPU time of one reader frame while scrolling in its middle
//! (egui `Context` without a GPU: layout, painting and tessellation).

mod common;

use common::war_and_peace_path;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use eframe::egui;
use marginalia::document::Document;
use marginalia::import::import_bytes;
use marginalia::ui::fonts::install_fonts;
use marginalia::ui::reader::{Reader, ReaderHighlight, ReaderStyle};
use marginalia::ui::text_settings::{ReadingFace, TextSettings};
use marginalia::ui::theme::ThemeChoice;

fn import_benchmark(c: &mut Criterion) {
    let path = war_and_peace_path();
    let bytes = std::fs::read(&path).expect("read War and Peace");
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    group.bench_function("plain_text_war_and_peace", |b| {
        b.iter(|| import_bytes(&bytes, Some(&path)).expect("import"));
    });
    group.finish();
}

fn raw_input(scroll: f32) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1040.0, 820.0),
        )),
        ..Default::default()
    };
    input
        .events
        .push(egui::Event::PointerMoved(egui::pos2(500.0, 400.0)));
    if scroll != 0.0 {
        input.events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, scroll),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
    }
    input
}

fn frame(
    ctx: &egui::Context,
    reader: &mut Reader,
    document: &Document,
    highlights: &[ReaderHighlight],
    scroll: f32,
) {
    styled_frame(
        ctx,
        reader,
        document,
        highlights,
        scroll,
        Default::default(),
    );
}

/// A frame with the text set as `text` says.
fn styled_frame(
    ctx: &egui::Context,
    reader: &mut Reader,
    document: &Document,
    highlights: &[ReaderHighlight],
    scroll: f32,
    text: TextSettings,
) {
    let style = ReaderStyle {
        font_size: 19.0,
        measure_chars: 70.0,
        palette: ThemeChoice::Light.palette(),
        text,
        fonts_generation: 0,
    };
    let output = ctx.run_ui(raw_input(scroll), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            reader.ui(ui, document, &style, highlights, &[]);
        });
    });
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    // No GPU here: the font atlas updates have nowhere to go.
    let mut textures = output.textures_delta;
    textures.clear();
}

/// 10,000 highlights spread over the book, a third with notes, some underlined.
fn ten_thousand_highlights(document: &Document) -> Vec<ReaderHighlight> {
    let mut seed = 7u64;
    let mut next = |below: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % below
    };
    let mut highlights: Vec<ReaderHighlight> = (0..10_000)
        .map(|i| {
            let start = next(document.char_count() - 300);
            ReaderHighlight {
                chars: start..start + 20 + next(180),
                color: egui::Color32::from_rgba_unmultiplied(0xFF, 0xD2, 0x1F, 0x70),
                underline: i % 7 == 0,
                marker: i % 3 == 0,
                emphasis: false,
                label: Some(format!("yellow highlight {i}")),
            }
        })
        .collect();
    highlights.sort_by_key(|h| (h.chars.start, h.chars.end));
    highlights
}

fn reader_frame_benchmark(c: &mut Criterion) {
    let path = war_and_peace_path();
    let bytes = std::fs::read(&path).expect("read War and Peace");
    let document = import_bytes(&bytes, Some(&path)).expect("import");
    let highlights = ten_thousand_highlights(&document);
    let mut group = c.benchmark_group("reader");
    for (name, highlights) in [("", &[][..]), ("_10k_highlights", &highlights[..])] {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        ctx.all_styles_mut(|s| s.animation_time = 0.0);
        let mut reader = Reader::new();
        reader.reset(document.char_count() / 2);
        for _ in 0..4 {
            frame(&ctx, &mut reader, &document, highlights, 0.0);
        }
        assert!(
            reader.has_painted() && reader.top_char() > document.char_count() / 3,
            "the reader shows the middle of the book"
        );
        let mut frames = 0u64;
        group.bench_function(format!("frame_scrolling_war_and_peace_middle{name}"), |b| {
            b.iter(|| {
                // 60 points a frame (a fast wheel), 500 frames down, then 500 up:
                // new text comes into view in every frame.
                frames += 1;
                let direction = if (frames / 500).is_multiple_of(2) {
                    -1.0
                } else {
                    1.0
                };
                frame(&ctx, &mut reader, &document, highlights, 60.0 * direction);
            });
        });
        let before = reader.top_char();
        for _ in 0..20 {
            frame(&ctx, &mut reader, &document, highlights, -60.0);
        }
        assert_ne!(reader.top_char(), before, "wheel events scroll the reader");
        group.bench_function(format!("frame_idle_war_and_peace_middle{name}"), |b| {
            b.iter(|| frame(&ctx, &mut reader, &document, highlights, 0.0));
        });
        // View ▸ Text: the face changed, every block's height estimated
        // again and the visible text laid out again, in one frame.
        let mut sans = false;
        group.bench_function(
            format!("frame_changing_face_war_and_peace_middle{name}"),
            |b| {
                b.iter(|| {
                    sans = !sans;
                    let face = if sans {
                        ReadingFace::Sans
                    } else {
                        ReadingFace::Serif
                    };
                    let text = TextSettings {
                        face,
                        ..TextSettings::default()
                    };
                    styled_frame(&ctx, &mut reader, &document, highlights, 0.0, text);
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, import_benchmark, reader_frame_benchmark);
criterion_main!(benches);
