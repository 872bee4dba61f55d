//! Project Gutenberg books: the licence header and footer, kept as
//! furniture, with the book's title, author and release date taken from
//! them.

use super::*;

pub(super) struct Gutenberg<'p, 'a> {
    pub(super) header: &'p [Paragraph<'a>],
    pub(super) footer: &'p [Paragraph<'a>],
    pub(super) title: Option<String>,
    pub(super) author: Option<String>,
    pub(super) release_date: Option<String>,
}

/// The lines that open and close a Project Gutenberg book's own text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GutenbergMarker {
    Start,
    End,
}

/// Whether a line is Project Gutenberg's "*** START OF …" or "*** END OF …".
pub(crate) fn gutenberg_marker(line: &str) -> Option<GutenbergMarker> {
    let upper = line.to_uppercase();
    if !upper.contains("PROJECT GUTENBERG") {
        return None;
    }
    if ["*** START OF", "***START OF"]
        .iter()
        .any(|w| upper.contains(w))
    {
        return Some(GutenbergMarker::Start);
    }
    [
        "*** END OF",
        "***END OF",
        "END OF THE PROJECT GUTENBERG",
        "END OF PROJECT GUTENBERG",
    ]
    .iter()
    .any(|w| upper.contains(w))
    .then_some(GutenbergMarker::End)
}

/// Splits off a Project Gutenberg licence header and footer, if present.
pub(super) fn split_gutenberg<'p, 'a>(
    paragraphs: &'p [Paragraph<'a>],
) -> (&'p [Paragraph<'a>], Option<Gutenberg<'p, 'a>>) {
    let marker = |p: &Paragraph<'_>, which: GutenbergMarker| {
        p.iter().any(|line| gutenberg_marker(line) == Some(which))
    };
    let start = paragraphs
        .iter()
        .position(|p| marker(p, GutenbergMarker::Start));
    let end = paragraphs
        .iter()
        .rposition(|p| marker(p, GutenbergMarker::End));
    if start.is_none() && end.is_none() {
        return (paragraphs, None);
    }
    let body_start = start.map_or(0, |s| s + 1);
    let body_end = end.filter(|&e| e >= body_start).unwrap_or(paragraphs.len());
    let header = &paragraphs[..body_start];
    let field = |name: &str| {
        header.iter().flatten().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim().eq_ignore_ascii_case(name) && !value.trim().is_empty())
                .then(|| value.trim().to_owned())
        })
    };
    let gutenberg = Gutenberg {
        header,
        footer: &paragraphs[body_end..],
        title: field("Title"),
        author: field("Author"),
        release_date: field("Release date").or_else(|| field("Release Date")),
    };
    (&paragraphs[body_start..body_end], Some(gutenberg))
}
