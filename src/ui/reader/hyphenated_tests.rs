use super::*;

use eframe::egui::{self, Color32, FontId, TextFormat};

fn format(color: Color32) -> TextFormat {
    TextFormat {
        font_id: FontId::proportional(14.0),
        color,
        ..Default::default()
    }
}

#[test]
fn the_broken_job_keeps_each_sections_format_and_cuts_at_breaks() {
    let mut job = LayoutJob::default();
    job.append("aa bb ", 0.0, format(Color32::RED));
    job.append("cc dd", 0.0, format(Color32::BLUE));
    let breaks = [
        Break {
            at_char: 6,
            hyphen: false,
        },
        Break {
            at_char: 9,
            hyphen: false,
        },
    ];
    let broken = job_with_breaks(&job, &breaks, &[(3, 2.5)]);
    assert_eq!(broken.text, "aa bb \ncc \ndd");
    let sections: Vec<(&str, f32, Color32)> = broken
        .sections
        .iter()
        .map(|s| {
            (
                &broken.text[s.byte_range.start.0..s.byte_range.end.0],
                s.leading_space,
                s.format.color,
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("aa ", 0.0, Color32::RED),
            ("bb ", 2.5, Color32::RED),
            ("\ncc ", 0.0, Color32::BLUE),
            ("\ndd", 0.0, Color32::BLUE)
        ]
    );
}

/// A paragraph laid out by egui's fonts, hyphenated in English.
fn hyphenated(text: &str, width: f32, justify: bool) -> Arc<Galley> {
    let ctx = egui::Context::default();
    let mut galley = None;
    let mut output = ctx.run_ui(Default::default(), |ui| {
        let mut job = LayoutJob::default();
        job.append(text, 0.0, format(Color32::WHITE));
        job.wrap.max_width = width;
        job.justify = justify;
        galley = Some(ui.fonts_mut(|f| layout_hyphenated(f, job, hypher::Lang::English)));
    });
    output.textures_delta.clear();
    galley.expect("laid out")
}

#[test]
fn a_hyphenated_galley_has_the_blocks_chars_and_draws_its_hyphens() {
    let text = "Typography: the extraordinarily comprehensive internationalization \
                of characteristically unpronounceable incomprehensibilities.";
    let galley = hyphenated(text, 150.0, true);
    let chars: usize = galley
        .rows
        .iter()
        .map(|r| r.char_count_including_newline().0)
        .sum();
    assert_eq!(
        chars,
        text.chars().count(),
        "one galley char per block char"
    );
    let glyphs: String = galley
        .rows
        .iter()
        .flat_map(|r| r.row.glyphs.iter().map(|g| g.chr))
        .collect();
    assert_eq!(glyphs, text, "the hyphens are not in the text");
    let hyphenated_rows: Vec<_> = galley
        .rows
        .iter()
        .filter(|r| r.row.glyphs.last().is_some_and(|g| g.chr.is_alphabetic()))
        .collect();
    assert!(!hyphenated_rows.is_empty(), "some row ends inside a word");
    for row in &hyphenated_rows {
        assert!(!row.ends_with_newline, "a wrapped row");
        let end = row.row.glyphs.last().map_or(0.0, |g| g.max_x());
        assert!(
            row.row.visuals.mesh_bounds.max.x > end + 2.0,
            "a hyphen drawn past the last letter"
        );
        assert!(
            row.pos.x + row.row.visuals.mesh_bounds.max.x <= 150.5,
            "within the measure"
        );
    }
    assert!(galley.rect.width() <= 150.0);
    // Justified: every row of words but the last reaches the measure.
    let rows = galley.rows.len();
    for row in &galley.rows[..rows - 1] {
        let text: String = row.row.glyphs.iter().map(|g| g.chr).collect();
        if !text.trim().contains(' ') {
            continue;
        }
        assert!(
            row.pos.x + row.row.visuals.mesh_bounds.max.x > 145.0,
            "{row:?}"
        );
    }
}

/// A paragraph of long words in a narrow column: it is hyphenated.
fn long_words() -> LayoutJob {
    let mut job = LayoutJob::default();
    job.append(
        "an extraordinarily comprehensive internationalization",
        0.0,
        format(Color32::WHITE),
    );
    job.wrap.max_width = 120.0;
    job
}

#[test]
fn a_paragraph_on_screen_is_broken_once() {
    let ctx = egui::Context::default();
    let mut galleys = Vec::new();
    for _ in 0..3 {
        let mut output = ctx.run_ui(Default::default(), |ui| {
            galleys.push(hyphenated_galley(
                ui.ctx(),
                long_words(),
                hypher::Lang::English,
                0,
            ));
        });
        output.textures_delta.clear();
    }
    assert!(Arc::ptr_eq(&galleys[0], &galleys[1]) && Arc::ptr_eq(&galleys[1], &galleys[2]));
    let mut output = ctx.run_ui(Default::default(), |ui| {
        let other_fonts = hyphenated_galley(ui.ctx(), long_words(), hypher::Lang::English, 1);
        assert!(
            !Arc::ptr_eq(&galleys[0], &other_fonts),
            "laid out again in other fonts"
        );
    });
    output.textures_delta.clear();
}

/// egui's fonts set again (at launch, `install_fonts` sets them in the
/// first frame and egui builds them, with a new atlas, before the next)
/// leave no kept galley pointing into the old atlas, however full the new
/// one is by the time the paragraph is drawn.
#[test]
fn a_galley_kept_is_laid_out_again_when_egui_sets_its_fonts_again() {
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(Default::default(), |ui| {
        hyphenated_galley(ui.ctx(), long_words(), hypher::Lang::English, 0);
    });
    output.textures_delta.clear();
    let mut first = None;
    let mut output = ctx.run_ui(Default::default(), |ui| {
        first = Some(hyphenated_galley(
            ui.ctx(),
            long_words(),
            hypher::Lang::English,
            0,
        ));
        let mut fonts = egui::FontDefinitions::default();
        let proportional = fonts.families[&egui::FontFamily::Proportional].clone();
        fonts
            .families
            .insert(egui::FontFamily::Name("another".into()), proportional);
        ui.ctx().set_fonts(fonts);
    });
    output.textures_delta.clear();
    let first = first.expect("laid out");
    let mut output = ctx.run_ui(Default::default(), |ui| {
        // The new atlas filled past the old one's fill before the paragraph.
        let many: String = (0x21u8..0x7f).map(char::from).collect();
        for size in [30.0, 40.0, 50.0, 60.0] {
            ui.ctx().fonts_mut(|fonts| {
                fonts.layout_no_wrap(many.clone(), FontId::proportional(size), Color32::WHITE)
            });
        }
        let again = hyphenated_galley(ui.ctx(), long_words(), hypher::Lang::English, 0);
        assert!(
            !Arc::ptr_eq(&first, &again),
            "laid out again in the new fonts"
        );
    });
    output.textures_delta.clear();
}
