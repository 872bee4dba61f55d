//! Where a page's figures go among its paragraphs: a captioned figure
//! where its caption is read (its labels, muted as its own, before it, as
//! the page's text draws them); else before the first paragraph printed
//! inside it, else the first below it in its column. Its caption is the
//! "Figure 3:" paragraph printed nearest below it (or above it), cut off
//! its picture when its frame encloses it.

use super::figure_captions::is_figure_caption;
use super::figures::{Area, MIN_HEIGHT_PT, MIN_WIDTH_PT, area_of, height, overlap, width};
use super::layout::Paragraph;

/// A figure's area without the caption its frame encloses (printed in the
/// lower or upper part of it): the caption is shown as text below the
/// picture, not also inside it.
pub fn without_inner_caption(mut area: Area, paragraphs: &[Paragraph]) -> Area {
    let original = area;
    let middle = (area[1] + area[3]) / 2.0;
    for p in paragraphs.iter().filter(|p| is_figure_caption(&p.text)) {
        let text = [p.left, p.top, p.right, p.bottom];
        let inside = overlap(original, text) >= area_of(text).max(0.01) * 0.8;
        if !inside {
            continue;
        }
        // The caption's box runs from a line's height above its first
        // baseline to its last baseline and the descenders below it.
        if p.top >= middle {
            area[3] = area[3].min(p.top - 2.0);
        } else {
            area[1] = area[1].max(p.bottom + p.size * 0.3 + 2.0);
        }
    }
    if width(area) >= MIN_WIDTH_PT && height(area) >= MIN_HEIGHT_PT {
        area
    } else {
        original
    }
}

/// A figure placed among its page's paragraphs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedFigure<T> {
    /// The index of the paragraph it goes before.
    pub at: usize,
    /// Its area as the page is shown.
    pub shown: T,
    /// The paragraph that is its caption, if one is printed beside it.
    pub caption: Option<usize>,
}

/// How far from a figure its caption may be printed, in points (an inch:
/// a plot's own margins are part of the gap).
const CAPTION_GAP_PT: f32 = 72.0;

/// Where each figure goes among the page's paragraphs: where its caption
/// is read, or before the first paragraph printed inside it or, when none
/// is, the first below it in its column; the paragraphs inside it are marked as its own. Its caption
/// is the "Figure 3:" paragraph printed nearest below it in its column (or
/// above it), one caption to a figure.
pub fn place_figures<T: Copy>(
    paragraphs: &mut [Paragraph],
    areas: &[(Area, T)],
) -> Vec<PlacedFigure<T>> {
    let mut taken: Vec<usize> = Vec::new();
    let mut placed: Vec<PlacedFigure<T>> = areas
        .iter()
        .map(|&(area, shown)| {
            let inside = |p: &Paragraph| {
                let text = [p.left, p.top, p.right, p.bottom];
                overlap(area, text) >= (width(text) * height(text)).max(0.01) * 0.8
            };
            let below =
                |p: &Paragraph| p.top >= area[3] - 2.0 && p.left < area[2] && p.right > area[0];
            let at = paragraphs
                .iter()
                .position(inside)
                .or_else(|| paragraphs.iter().position(below))
                .unwrap_or(paragraphs.len());
            let caption = caption_of(area, paragraphs, &taken);
            taken.extend(caption);
            // A captioned figure is read where its caption is printed: its
            // labels, drawn before the caption, come before it.
            let at = caption.unwrap_or(at);
            // A caption printed inside the figure's frame stays a caption.
            for paragraph in paragraphs
                .iter_mut()
                .filter(|p| inside(p) && !is_figure_caption(&p.text))
            {
                paragraph.in_figure = true;
            }
            PlacedFigure { at, shown, caption }
        })
        .collect();
    placed.sort_by_key(|figure| figure.at);
    placed
}

/// The caption printed nearest a figure: below it first, then above it,
/// in its column, not one another figure took.
fn caption_of(area: Area, paragraphs: &[Paragraph], taken: &[usize]) -> Option<usize> {
    let candidates = paragraphs.iter().enumerate().filter(|(index, p)| {
        !taken.contains(index)
            && is_figure_caption(&p.text)
            && p.left < area[2]
            && p.right > area[0]
    });
    let foot = foot_with_labels(area, paragraphs);
    let mut best: Option<(f32, usize)> = None;
    for (index, p) in candidates {
        // Below: from the figure's foot (its labels) to the caption's head;
        // above: the other way, and a little farther (a caption above is
        // rarer).
        let gap_below = p.top - foot;
        let gap_above = area[1] - p.bottom;
        let gap = if gap_below >= -4.0 {
            gap_below
        } else if gap_above >= -4.0 {
            gap_above + 6.0
        } else {
            continue;
        };
        if gap <= CAPTION_GAP_PT && best.is_none_or(|(g, _)| gap < g) {
            best = Some((gap, index));
        }
    }
    best.map(|(_, index)| index)
}

/// The foot of a figure with the labels printed under it (a chart's axis
/// ticks and its axis's name, drawn outside the box its marks make): short
/// lines, each within two lines of the figure or of the label above it.
fn foot_with_labels(area: Area, paragraphs: &[Paragraph]) -> f32 {
    let is_label = |p: &Paragraph| {
        p.lines == 1
            && p.text.chars().count() <= 60
            && !is_figure_caption(&p.text)
            && p.left < area[2]
            && p.right > area[0]
    };
    let mut labels: Vec<&Paragraph> = paragraphs
        .iter()
        .filter(|p| is_label(p) && p.top >= area[3] - 2.0)
        .collect();
    labels.sort_by(|a, b| a.top.total_cmp(&b.top));
    // Down the page from the figure's foot: each label within two lines
    // of the foot so far moves it below itself.
    let mut foot = area[3];
    for label in labels {
        if label.top > foot + label.size * 2.0 {
            break;
        }
        foot = foot.max(label.bottom + label.size * 0.3);
    }
    foot
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str, top: f32, bottom: f32) -> Paragraph {
        Paragraph {
            text: text.into(),
            size: 9.0,
            bold: false,
            lines: 1,
            top,
            bottom,
            left: 110.0,
            right: 380.0,
            turned: false,
            in_figure: false,
            garbled: false,
        }
    }

    #[test]
    fn each_figure_takes_the_caption_printed_nearest_below_it() {
        // Two figures stacked in one column, each with its caption below;
        // the lower figure's label is drawn first.
        let mut paragraphs = vec![
            paragraph("Dept = A", 450.0, 459.0),
            paragraph(
                "Some text before the figures, a sentence of the body.",
                80.0,
                90.0,
            ),
            paragraph("Figure 1: The upper figure.", 335.0, 344.0),
            paragraph("Figure 2: The lower figure.", 700.0, 709.0),
        ];
        let areas = [
            ([100.0, 160.0, 400.0, 330.0], 1),
            ([100.0, 440.0, 400.0, 690.0], 2),
        ];
        let placed = place_figures(&mut paragraphs, &areas);
        let caption_of = |shown: i32| {
            placed
                .iter()
                .find(|f| f.shown == shown)
                .and_then(|f| f.caption)
        };
        assert_eq!(caption_of(1), Some(2));
        assert_eq!(caption_of(2), Some(3));
        // Each is read where its caption is: the lower one's label first.
        let at: Vec<usize> = placed.iter().map(|f| f.at).collect();
        assert_eq!(at, [2, 3]);
        assert!(
            paragraphs[0].in_figure,
            "the lower figure's label is its own"
        );
    }

    #[test]
    fn a_caption_under_a_charts_axis_labels_is_its_caption() {
        // zoo p. 9: the plot's marks end at 645 pt, its dates and the
        // axis's name are printed under them, the caption under those.
        let mut paragraphs = vec![
            paragraph("Feb 01 Feb 15 Mar 01 Mar 15", 657.0, 667.0),
            paragraph("Index", 680.0, 690.0),
            paragraph("Figure 1: Example of a single panel plot", 718.0, 729.0),
        ];
        let placed = place_figures(&mut paragraphs, &[([173.0, 518.0, 453.0, 645.0], 1)]);
        assert_eq!(placed[0].caption, Some(2));
        // Body text under a figure is no label: a caption past it is not its.
        let mut paragraphs = vec![
            {
                let mut body = paragraph("A paragraph of body text under it.", 657.0, 700.0);
                body.lines = 4;
                body
            },
            paragraph("Figure 1: Far below.", 718.0, 729.0),
        ];
        let placed = place_figures(&mut paragraphs, &[([173.0, 518.0, 453.0, 630.0], 1)]);
        assert_eq!(placed[0].caption, None);
    }

    #[test]
    fn a_caption_inside_the_figures_frame_is_cut_off_its_picture() {
        let area = [100.0, 100.0, 400.0, 400.0];
        let below = [paragraph(
            "Figure 1: Mosaic plot for the Arthritis data.",
            380.0,
            389.0,
        )];
        assert_eq!(
            without_inner_caption(area, &below),
            [100.0, 100.0, 400.0, 378.0]
        );
        let above = [paragraph("Fig. 2. Above the chart.", 104.0, 113.0)];
        assert_eq!(without_inner_caption(area, &above)[1], 113.0 + 2.7 + 2.0);
        let label = [paragraph("Arthritis", 380.0, 389.0)];
        assert_eq!(without_inner_caption(area, &label), area);
    }
}
