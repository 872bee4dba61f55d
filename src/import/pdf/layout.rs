//! Lines to blocks: paragraphs from the gaps between lines, their indents
//! and sizes; a hyphen at a line's end before a lowercase letter joined;
//! then, over the whole document, what each paragraph is: the title (the
//! largest text near the top of the first page), headings (larger than the
//! body text, or a short bold line), furniture (page numbers, running
//! headers and footers repeated across pages, turned side stamps).

use std::collections::HashMap;

use super::figure_placing::PlacedFigure;
use super::flow::{in_reading_order, is_footnote};
use super::lines::Line;
use super::outline::comparable;
use super::text::{PdfBlock, PdfBlockKind};

/// A paragraph of a page, before it is classified.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub lines: usize,
    /// Top and bottom, top-down in points.
    pub top: f32,
    pub bottom: f32,
    /// Left and right ends of its widest lines.
    pub left: f32,
    pub right: f32,
    pub turned: bool,
    /// Printed inside a figure (a chart's labels): the figure's own text.
    pub in_figure: bool,
    /// Drawn in a font that lies about its letters: no text is kept of it.
    pub garbled: bool,
}

/// A page's paragraphs and its height, and its figures: the index of the
/// paragraph each goes before, and its area on the page as shown (whole
/// points: left, top, right, bottom).
#[derive(Clone, Debug, Default)]
pub struct PageParagraphs {
    pub paragraphs: Vec<Paragraph>,
    pub height: f32,
    pub figures: Vec<PlacedFigure<[u32; 4]>>,
}

/// Whether `line` starts a paragraph after `previous` (both of one page),
/// the paragraph so far spanning `left` to `right`. A right-to-left line
/// is measured from the right: its paragraph's lines end there, and its
/// first line is indented from it.
fn starts_paragraph(previous: &Line, line: &Line, (left, right): (f32, f32)) -> bool {
    let size = previous.size.max(1.0);
    let step = line.y - previous.y;
    let ended = previous
        .text
        .ends_with(['.', '?', '!', ':', '"', '\u{201D}']);
    let (from_edge, indented) = if line.right_to_left {
        ((right - line.end_x).abs(), right - line.end_x)
    } else {
        ((line.x - left).abs(), line.x - left)
    };
    line.turned != previous.turned
        || line.garbled != previous.garbled
        || (line.size - previous.size).abs() > size * 0.15
        || line.bold != previous.bold
        || step > size * 1.75
        || step < size * 0.3
        || from_edge > size * 12.0
        || (indented > size * 0.8 && ended)
}

/// The page's lines as paragraphs.
pub fn paragraphs_of(lines: &[Line]) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let (mut left, mut right) = (0.0, 0.0);
    for (i, line) in lines.iter().enumerate() {
        let joins = i > 0 && !starts_paragraph(&lines[i - 1], line, (left, right));
        match paragraphs.last_mut() {
            Some(paragraph) if joins => {
                join_line(&mut paragraph.text, &line.text);
                paragraph.lines += 1;
                paragraph.bottom = paragraph.bottom.max(line.y);
                paragraph.left = paragraph.left.min(line.x);
                paragraph.right = paragraph.right.max(line.end_x);
                left = left.min(line.x);
                right = f32::max(right, line.end_x);
            }
            _ => {
                (left, right) = (line.x, line.end_x);
                paragraphs.push(Paragraph {
                    text: line.text.clone(),
                    size: line.size,
                    bold: line.bold,
                    lines: 1,
                    top: line.y - line.size,
                    bottom: line.y,
                    left: line.x,
                    right: line.end_x,
                    turned: line.turned,
                    in_figure: false,
                    garbled: line.garbled,
                });
            }
        }
    }
    paragraphs
}

/// Joins a line to the text before it: a hyphen before a lowercase letter
/// is a word broken at the line's end (joined, the hyphen gone); else a space.
pub(super) fn join_line(text: &mut String, line: &str) {
    let broken = text.ends_with(['-', '\u{00AD}', '\u{2010}'])
        && text.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && line.chars().next().is_some_and(char::is_lowercase);
    if broken {
        text.pop();
    } else if text.ends_with('\u{00AD}') {
        text.pop();
        text.push(' ');
    } else if !text.ends_with(['-', '\u{2010}']) {
        text.push(' ');
    }
    text.push_str(line);
}

/// What stands in the text where a font lies about its letters (a chart's
/// labels read as `!"# $!"#`): said once for a run of such paragraphs.
pub const GARBLED_TEXT: &str =
    "[Text that cannot be read: its font does not say which letters it draws.]";

/// Every page's blocks, classified over the whole document.
pub fn blocks_of(pages: &[PageParagraphs], outline: &[(u8, String)]) -> Vec<Vec<PdfBlock>> {
    let body = body_size(pages);
    let mut classes = Classes {
        outline: outline
            .iter()
            .map(|(depth, title)| (comparable(title), *depth))
            .filter(|(title, _)| !title.is_empty())
            .collect(),
        body,
        repeated: repeated_edge_lines(pages),
        heading_sizes: heading_sizes(pages, body),
        title_found: false,
    };
    pages
        .iter()
        .enumerate()
        .map(|(page_index, page)| {
            let captions: Vec<usize> = page.figures.iter().filter_map(|f| f.caption).collect();
            let figure_block = |figure: &PlacedFigure<[u32; 4]>| PdfBlock {
                kind: PdfBlockKind::Figure {
                    area_pt: figure.shown,
                },
                text: figure
                    .caption
                    .and_then(|i| page.paragraphs.get(i))
                    .map(|p| p.text.clone())
                    .unwrap_or_default(),
            };
            let mut figures = page.figures.iter().peekable();
            let mut blocks: Vec<(PdfBlock, bool)> = Vec::new();
            for (index, paragraph) in page.paragraphs.iter().enumerate() {
                while let Some(figure) = figures.next_if(|f| f.at <= index) {
                    blocks.push((figure_block(figure), true));
                }
                let said_just_before =
                    paragraph.garbled && blocks.last().is_some_and(|(b, _)| b.text == GARBLED_TEXT);
                if !captions.contains(&index) && !said_just_before {
                    blocks.extend(classes.blocks_of(paragraph, page, page_index == 0));
                }
            }
            blocks.extend(figures.map(|figure| (figure_block(figure), true)));
            in_reading_order(blocks)
        })
        .collect()
}

/// What a paragraph's kind is told by, over the whole document.
struct Classes {
    /// The PDF's outline: each entry's title (comparable) and depth.
    outline: HashMap<String, u8>,
    body: f32,
    repeated: HashMap<String, usize>,
    heading_sizes: Vec<f32>,
    title_found: bool,
}

impl Classes {
    /// A paragraph's block (two when a heading runs into it), each with
    /// whether it is a footnote (or may be moved as one).
    fn blocks_of(
        &mut self,
        paragraph: &Paragraph,
        page: &PageParagraphs,
        first_page: bool,
    ) -> Vec<(PdfBlock, bool)> {
        if paragraph.garbled {
            let text = GARBLED_TEXT.to_owned();
            return vec![(
                PdfBlock {
                    kind: PdfBlockKind::Furniture,
                    text,
                },
                false,
            )];
        }
        let (body, outline) = (self.body, &self.outline);
        let mut kind = kind_of(paragraph, page, body, &self.repeated, &self.heading_sizes);
        if paragraph.in_figure {
            kind = PdfBlockKind::Furniture;
        }
        if let Some(depth) = outline_depth(paragraph, outline)
            && kind != PdfBlockKind::Furniture
        {
            kind = PdfBlockKind::Heading(depth);
        }
        if first_page
            && !self.title_found
            && paragraph.top < page.height * 0.5
            && paragraph.size >= body * 1.3
            && kind != PdfBlockKind::Furniture
        {
            self.title_found = true;
            kind = PdfBlockKind::Title;
        }
        let note = kind == PdfBlockKind::Paragraph && is_footnote(paragraph, page.height, body);
        if kind == PdfBlockKind::Paragraph
            && let Some((depth, heading, rest)) = run_in_heading(&paragraph.text, outline)
        {
            let heading = PdfBlock {
                kind: PdfBlockKind::Heading(depth),
                text: heading,
            };
            return vec![(heading, false), (PdfBlock { kind, text: rest }, note)];
        }
        let text = paragraph.text.clone();
        vec![(PdfBlock { kind, text }, note)]
    }
}

/// A heading run into its paragraph ("2.2. Conditional views So far, we
/// …"), found by the outline: its depth, the heading and the rest.
fn run_in_heading(text: &str, outline: &HashMap<String, u8>) -> Option<(u8, String, String)> {
    if outline.is_empty() {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    // A run-in heading opens with its section's number ("2.2."): a
    // paragraph that merely begins with an entry's words is not split.
    let numbered = words.first().is_some_and(|first| {
        first.chars().any(|c| c.is_ascii_digit())
            && first.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    if !numbered {
        return None;
    }
    for taken in 2..words.len().min(24) {
        let heading = words[..taken].join(" ");
        if let Some(depth) = outline.get(&comparable(&heading))
            && !comparable(&heading).is_empty()
            && words[..taken]
                .iter()
                .any(|w| w.chars().any(char::is_alphabetic))
        {
            return Some((*depth, heading, words[taken..].join(" ")));
        }
    }
    None
}

/// The depth of the outline entry a short paragraph is the title of.
fn outline_depth(paragraph: &Paragraph, outline: &HashMap<String, u8>) -> Option<u8> {
    if outline.is_empty() || paragraph.lines > 3 || paragraph.text.chars().count() > 200 {
        return None;
    }
    outline.get(&comparable(&paragraph.text)).copied()
}

/// What a paragraph is, the title aside.
fn kind_of(
    paragraph: &Paragraph,
    page: &PageParagraphs,
    body: f32,
    repeated: &HashMap<String, usize>,
    heading_sizes: &[f32],
) -> PdfBlockKind {
    if paragraph.turned || is_furniture(paragraph, page, repeated) {
        return PdfBlockKind::Furniture;
    }
    let short = paragraph.lines <= 3 && paragraph.text.chars().count() <= 200;
    if short && paragraph.size >= body * 1.12 {
        let rank = heading_sizes
            .iter()
            .position(|size| (size - paragraph.size).abs() < 0.3)
            .unwrap_or(heading_sizes.len());
        return PdfBlockKind::Heading((rank + 1).min(6) as u8);
    }
    let looks_like_heading = paragraph.lines == 1
        && paragraph.text.chars().count() <= 100
        && !paragraph.text.ends_with(['.', ',', ';', ':'])
        && paragraph.text.chars().any(char::is_alphabetic);
    if paragraph.bold && looks_like_heading && (paragraph.size - body).abs() < body * 0.12 {
        return PdfBlockKind::Heading((heading_sizes.len() + 1).min(6) as u8);
    }
    PdfBlockKind::Paragraph
}

/// The size most of the document's letters are set in.
fn body_size(pages: &[PageParagraphs]) -> f32 {
    let mut letters: HashMap<i32, usize> = HashMap::new();
    for paragraph in pages.iter().flat_map(|p| &p.paragraphs) {
        *letters
            .entry((paragraph.size * 2.0).round() as i32)
            .or_default() += paragraph.text.len();
    }
    letters
        .into_iter()
        .max_by_key(|(size, count)| (*count, -*size))
        .map_or(10.0, |(size, _)| size as f32 / 2.0)
}

/// The sizes of headings (short paragraphs larger than the body), largest first.
fn heading_sizes(pages: &[PageParagraphs], body: f32) -> Vec<f32> {
    let mut sizes: Vec<f32> = Vec::new();
    for paragraph in pages.iter().flat_map(|p| &p.paragraphs) {
        if paragraph.size >= body * 1.12
            && paragraph.lines <= 3
            && !sizes.iter().any(|s| (s - paragraph.size).abs() < 0.3)
        {
            sizes.push(paragraph.size);
        }
    }
    sizes.sort_by(|a, b| b.total_cmp(a));
    sizes.truncate(5);
    sizes
}

/// Whether a paragraph is in the top or bottom band of its page.
fn at_an_edge(paragraph: &Paragraph, page: &PageParagraphs) -> bool {
    let band = page.height * 0.11;
    paragraph.lines <= 2 && (paragraph.bottom < band || paragraph.top > page.height - band)
}

/// A line at a page's edge with its digits blurred, for matching running
/// headers and footers whose page number changes.
fn edge_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Lines at the pages' edges, and on how many pages each is.
fn repeated_edge_lines(pages: &[PageParagraphs]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let mut seen: Vec<String> = Vec::new();
        for paragraph in page.paragraphs.iter().filter(|p| at_an_edge(p, page)) {
            let key = edge_key(&paragraph.text);
            if !seen.contains(&key) {
                *counts.entry(key.clone()).or_default() += 1;
                seen.push(key);
            }
        }
    }
    counts
}

/// A page number, or a line at the page's edge repeated on other pages.
fn is_furniture(
    paragraph: &Paragraph,
    page: &PageParagraphs,
    repeated: &HashMap<String, usize>,
) -> bool {
    if !at_an_edge(paragraph, page) {
        return false;
    }
    is_page_number(&paragraph.text)
        || repeated
            .get(&edge_key(&paragraph.text))
            .is_some_and(|&pages| pages >= 3)
}

/// "12", "- 12 -", "xiv", "Page 3", "3 of 14".
fn is_page_number(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() <= 6
                && (w.chars().all(|c| "ivxlcdm".contains(c))
                    || w.chars().all(|c| "IVXLCDM".contains(c))))
    };
    match words.as_slice() {
        [one] => number(one),
        [page, n] => page.eq_ignore_ascii_case("page") && number(n),
        [n, of, m] => number(n) && of.eq_ignore_ascii_case("of") && number(m),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x: f32, y: f32) -> Line {
        Line {
            text: text.to_owned(),
            x,
            end_x: x + 300.0,
            y,
            size: 10.0,
            bold: false,
            turned: false,
            garbled: false,
            right_to_left: false,
        }
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_joined_and_a_gap_starts_a_paragraph() {
        let lines = [
            line("The reader hyphen-", 50.0, 100.0),
            line("ates words.", 50.0, 112.0),
            line("A new one.", 50.0, 140.0),
        ];
        let texts: Vec<String> = paragraphs_of(&lines).into_iter().map(|p| p.text).collect();
        assert_eq!(texts, ["The reader hyphenates words.", "A new one."]);
    }

    #[test]
    fn a_hyphen_before_a_capital_stays() {
        let mut text = "Jean-".to_owned();
        join_line(&mut text, "Paul");
        assert_eq!(text, "Jean-Paul");
        let mut text = "well-".to_owned();
        join_line(&mut text, "known");
        assert_eq!(text, "wellknown");
    }

    #[test]
    fn page_numbers_are_told_from_numbers_in_text() {
        assert!(is_page_number("12"));
        assert!(is_page_number("- 12 -"));
        assert!(is_page_number("xiv"));
        assert!(is_page_number("Page 3"));
        assert!(is_page_number("3 of 14"));
        assert!(!is_page_number("In 1805 she"));
        assert!(!is_page_number("Mix"));
    }
}
