//! A page's figures: its pictures and drawings gathered into areas (marks
//! that touch or nearly touch are one figure), kept when they are large
//! enough to be a figure and are not mostly text (a framed box, a shaded
//! table); each is placed in the page's reading order where its column
//! reaches it, the text printed inside it (a chart's labels) muted as the
//! figure's own, and a "Figure 3:" paragraph beside it taken as its caption.

use super::glyphs::Mark;
use super::lines::Line;

/// Left, top, right, bottom, top-down in points.
pub type Area = [f32; 4];

/// Marks this close are one figure.
const NEAR_PT: f32 = 6.0;
/// Panels of one figure this far apart are joined.
const PANEL_GAP_PT: f32 = 36.0;
/// The smallest panel (either side), and the most panels joined on a page.
const PANEL_LEAST_PT: f32 = 12.0;
const MAX_PANELS: usize = 400;
/// The smallest figure, in points.
pub(super) const MIN_WIDTH_PT: f32 = 60.0;
pub(super) const MIN_HEIGHT_PT: f32 = 36.0;
/// A path thinner than this is a rule (a table's, an underline), not a drawing.
const RULE_PT: f32 = 2.5;
/// The most marks gathered into figures on one page.
const MAX_MARKS: usize = 4_000;

pub(super) fn width(area: Area) -> f32 {
    area[2] - area[0]
}

pub(super) fn height(area: Area) -> f32 {
    area[3] - area[1]
}

fn union(a: Area, b: Area) -> Area {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

pub(super) fn overlap(a: Area, b: Area) -> f32 {
    let w = a[2].min(b[2]) - a[0].max(b[0]);
    let h = a[3].min(b[3]) - a[1].max(b[1]);
    w.max(0.0) * h.max(0.0)
}

fn near(a: Area, b: Area) -> bool {
    a[0] - NEAR_PT <= b[2]
        && b[0] - NEAR_PT <= a[2]
        && a[1] - NEAR_PT <= b[3]
        && b[1] - NEAR_PT <= a[3]
}

/// A figure being gathered: its area, and how many pictures and paths.
#[derive(Clone, Copy, Debug)]
struct Gathered {
    area: Area,
    pictures: usize,
    paths: usize,
}

/// The page's figures (`width` × `height` points), from what it draws
/// besides text; `lines` are its text, to tell a drawing from a framed box.
pub fn figure_areas(
    marks: &[Mark],
    lines: &[Line],
    page_width: f32,
    page_height: f32,
) -> Vec<Area> {
    let page_area = page_width * page_height;
    let mut gathered: Vec<Gathered> = Vec::new();
    for piece in marks
        .iter()
        .take(MAX_MARKS)
        .filter_map(|m| piece_of(m, page_width, page_height))
    {
        match gathered.iter_mut().find(|g| near(g.area, piece.area)) {
            Some(g) => {
                g.area = union(g.area, piece.area);
                g.pictures += piece.pictures;
                g.paths += piece.paths;
            }
            None => gathered.push(piece),
        }
    }
    let gathered = panels_joined(merged(gathered), lines);
    gathered
        .into_iter()
        .filter(|g| {
            width(g.area) >= MIN_WIDTH_PT
                && height(g.area) >= MIN_HEIGHT_PT
                && width(g.area) * height(g.area) <= page_area * 0.85
                && (g.pictures > 0 || g.paths >= 3)
                && text_share(g.area, lines) < 0.3
        })
        .map(|g| g.area)
        .collect()
}

/// A mark that may be part of a figure, clipped to the page: not a rule,
/// not a background, not a drawing reaching past the page's edge (a clip's
/// fill; a picture may bleed).
fn piece_of(mark: &Mark, page_width: f32, page_height: f32) -> Option<Gathered> {
    let page_area = page_width * page_height;
    let clipped = [
        mark.area[0].max(0.0),
        mark.area[1].max(0.0),
        mark.area[2].min(page_width),
        mark.area[3].min(page_height),
    ];
    let (w, h) = (width(clipped), height(clipped));
    let least = if mark.picture { 12.0 } else { RULE_PT };
    let spills = clipped != mark.area
        && (mark.area[0] < -2.0
            || mark.area[1] < -2.0
            || mark.area[2] > page_width + 2.0
            || mark.area[3] > page_height + 2.0);
    let kept = w >= least && h >= least && w * h <= page_area * 0.8 && (mark.picture || !spills);
    kept.then_some(Gathered {
        area: clipped,
        pictures: usize::from(mark.picture),
        paths: usize::from(!mark.picture),
    })
}

/// Figures that grew into one another joined, until none touch.
fn merged(mut gathered: Vec<Gathered>) -> Vec<Gathered> {
    loop {
        let mut joined = false;
        let mut out: Vec<Gathered> = Vec::with_capacity(gathered.len());
        for g in gathered {
            match out.iter_mut().find(|o| near(o.area, g.area)) {
                Some(o) => {
                    o.area = union(o.area, g.area);
                    o.pictures += g.pictures;
                    o.paths += g.paths;
                    joined = true;
                }
                None => out.push(g),
            }
        }
        if !joined {
            return out;
        }
        gathered = out;
    }
}

/// The panels of one figure ("(a)", "(b)", a grid of plots) joined: two
/// figures a little apart whose joined area holds no line of body text.
fn panels_joined(gathered: Vec<Gathered>, lines: &[Line]) -> Vec<Gathered> {
    let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    let body = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    let body_text: Vec<Area> = lines
        .iter()
        .filter(|l| l.size >= body * 0.9 && l.text.chars().count() > 12)
        .map(line_area)
        .collect();
    let gap = |a: Area, b: Area| {
        (b[0] - a[2])
            .max(a[0] - b[2])
            .max(b[1] - a[3])
            .max(a[1] - b[3])
    };
    // Only pieces large enough to be a panel are joined (a scatter plot's
    // thousand dots are not), the largest first, at most so many: each
    // pass looks at every pair once, and passes go on while one joins.
    let (mut panels, rest): (Vec<Gathered>, Vec<Gathered>) = gathered
        .into_iter()
        .partition(|g| width(g.area).min(height(g.area)) >= PANEL_LEAST_PT);
    panels.sort_by(|a, b| area_of(b.area).total_cmp(&area_of(a.area)));
    let others = panels.split_off(panels.len().min(MAX_PANELS));
    let mut joined_any = true;
    while joined_any {
        joined_any = false;
        let mut i = 0;
        while i < panels.len() {
            let mut j = i + 1;
            while j < panels.len() {
                let (a, b) = (panels[i].area, panels[j].area);
                let close = gap(a, b) <= PANEL_GAP_PT;
                if close && !body_text.iter().any(|t| overlap(union(a, b), *t) > 0.0) {
                    let other = panels.remove(j);
                    let g = &mut panels[i];
                    g.area = union(a, b);
                    g.pictures += other.pictures;
                    g.paths += other.paths;
                    joined_any = true;
                } else {
                    j += 1;
                }
            }
            i += 1;
        }
    }
    panels.into_iter().chain(others).chain(rest).collect()
}

/// How much of an area the text covers.
pub(super) fn area_of(area: Area) -> f32 {
    width(area) * height(area)
}

fn text_share(area: Area, lines: &[Line]) -> f32 {
    let covered: f32 = lines
        .iter()
        .map(|line| overlap(area, line_area(line)))
        .sum();
    covered / (width(area) * height(area)).max(1.0)
}

fn line_area(line: &Line) -> Area {
    [
        line.x,
        line.y - line.size * 0.8,
        line.end_x,
        line.y + line.size * 0.2,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(area: Area, picture: bool) -> Mark {
        Mark { area, picture }
    }

    fn line(text: &str, x: f32, y: f32) -> Line {
        Line {
            text: text.into(),
            x,
            end_x: x + 5.0 * text.len() as f32,
            y,
            size: 10.0,
            bold: false,
            turned: false,
            garbled: false,
            right_to_left: false,
        }
    }

    #[test]
    fn a_chart_of_many_paths_is_one_figure_and_rules_and_frames_are_none() {
        let mut marks: Vec<Mark> = (0..20)
            .map(|k| {
                mark(
                    [
                        100.0 + 10.0 * k as f32,
                        300.0,
                        108.0 + 10.0 * k as f32,
                        400.0,
                    ],
                    false,
                )
            })
            .collect();
        // A table's rule, and a frame around a paragraph of text.
        marks.push(mark([50.0, 500.0, 550.0, 501.0], false));
        marks.push(mark([50.0, 600.0, 550.0, 700.0], false));
        let lines: Vec<Line> = (0..8)
            .map(|k| line(&"text ".repeat(19), 55.0, 612.0 + 11.0 * k as f32))
            .collect();
        let areas = figure_areas(&marks, &lines, 612.0, 792.0);
        assert_eq!(areas, vec![[100.0, 300.0, 298.0, 400.0]]);
    }

    #[test]
    fn a_page_of_many_scattered_marks_apart_is_no_figure() {
        // The most marks a page gives, each apart from the others: a
        // scatter plot, or a hostile page of dots and squares.
        let marks: Vec<Mark> = (0..MAX_MARKS)
            .map(|k| {
                let (x, y) = ((k % 68) as f32 * 9.0, (k / 68) as f32 * 9.0);
                mark([x, y, x + 2.6, y + 2.6], false)
            })
            .collect();
        // Lines of body text between them, so that no two may be joined.
        let lines: Vec<Line> = (0..120)
            .map(|k| {
                line(
                    "a line of the body's text",
                    (k % 4) as f32 * 150.0,
                    (k / 4) as f32 * 18.0 + 8.0,
                )
            })
            .collect();
        // (Its time is the criterion bench `pdf_figures_of_scattered_marks`.)
        let areas = figure_areas(&marks, &lines, 612.0, 792.0);
        assert!(areas.len() <= 1, "{areas:?}");
    }

    #[test]
    fn a_picture_is_a_figure_and_a_page_sized_background_is_not() {
        let marks = [
            mark([0.0, 0.0, 612.0, 792.0], true),
            mark([72.0, 100.0, 300.0, 250.0], true),
        ];
        assert_eq!(
            figure_areas(&marks, &[], 612.0, 792.0),
            vec![[72.0, 100.0, 300.0, 250.0]]
        );
    }
}
