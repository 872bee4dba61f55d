//! The article with its highlights as one self-contained HTML file, to
//! print or share: the citation at the top, the text block by block with
//! its inline styles, each highlight a `<mark>` in its colour (an
//! underline drawn as one), each note beside the paragraph its highlight
//! ends in, the pictures inlined as `data:` addresses (a PDF's figures
//! drawn by its child; a picture on the web is never fetched: it is named).

use std::fmt::Write as _;
use std::ops::Range;

use base64::Engine as _;

use crate::annotate::{AnchorResolution, Annotation, HighlightStyle};
use crate::document::{Block, BlockKind, Document, InlineStyle, NO_CAPTION, PictureSource};

use super::citation::Citation;
use super::export_target::HTML_EXPORT_MARK;
use super::html_picture::picture_data_uri;

/// A highlight as drawn: its chars, colour, style, and its note's number.
struct Drawn<'a> {
    chars: Range<usize>,
    annotation: &'a Annotation,
    note_number: Option<usize>,
}

const STYLE: &str = "body{font-family:Georgia,'DejaVu Serif',serif;line-height:1.55;max-width:38em;margin:2em auto;padding:0 1em;color:#222;overflow-wrap:anywhere}\
header.citation{border-bottom:1px solid #ccc;margin-bottom:1.5em;padding-bottom:.8em;color:#555;font-size:.9em}\
mark{padding:0 .05em;border-radius:2px}\
mark.underline{background:none;border-bottom:2px solid}\
sup.note-mark{font-size:.7em;color:#555}\
aside.notes{border-left:3px solid #ddd;margin:.2em 0 1em;padding:.1em .8em;font-size:.9em;color:#333}\
aside.notes p{margin:.3em 0}\
.furniture{color:#888;font-size:.85em}\
pre{white-space:pre-wrap;background:#f5f5f5;padding:.6em;font-size:.85em}\
figure{margin:1.2em 0;text-align:center}figure img{max-width:100%}figcaption{font-size:.9em;color:#555}\
table{border-collapse:collapse}td{border:1px solid #ccc;padding:.2em .5em}\
.missing-picture{color:#888;font-style:italic}\
@media print{body{margin:0;max-width:none}}";

/// The article `document` with `annotations` (those anchored) as an HTML
/// file, headed by `citation`.
pub fn article_html(
    document: &Document,
    annotations: &[(&Annotation, &AnchorResolution)],
    citation: &Citation,
) -> String {
    let mut drawn: Vec<Drawn> = annotations
        .iter()
        .filter_map(|(annotation, resolution)| {
            let chars = resolution.range.clone()?;
            Some(Drawn {
                chars,
                annotation,
                note_number: None,
            })
        })
        .collect();
    drawn.sort_by_key(|d| (d.chars.start, d.chars.end));
    let mut number = 0;
    for highlight in &mut drawn {
        if !highlight.annotation.note.trim().is_empty() {
            number += 1;
            highlight.note_number = Some(number);
        }
    }
    let mut html = String::with_capacity(document.text().len() * 2 + 4096);
    let title = escape(&citation.title);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{HTML_EXPORT_MARK}\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    citation_html(&mut html, citation, drawn.len());
    for (index, block) in document.blocks().iter().enumerate() {
        block_html(&mut html, document, index, block, &drawn);
    }
    html.push_str("</body>\n</html>\n");
    html
}

/// The citation and how many highlights the file holds.
fn citation_html(html: &mut String, citation: &Citation, count: usize) {
    html.push_str("<header class=\"citation\">\n<div><strong>");
    match &citation.url {
        Some(url) => {
            let _ = write!(
                html,
                "<a href=\"{}\">{}</a>",
                escape(url),
                escape(&citation.title)
            );
        }
        None => html.push_str(&escape(&citation.title)),
    }
    html.push_str("</strong>");
    for detail in &citation.details {
        let _ = write!(html, " \u{2014} {}", escape(detail));
    }
    let said = match count {
        1 => "1 highlight".to_owned(),
        n => format!("{n} highlights"),
    };
    let _ = write!(
        html,
        "</div>\n<div>{said}, exported from Marginalia</div>\n</header>\n"
    );
}

fn block_html(
    html: &mut String,
    document: &Document,
    index: usize,
    block: &Block,
    drawn: &[Drawn],
) {
    let inline = || inline_html(document.block_text(index), block, drawn);
    match block.kind {
        BlockKind::Title => {
            let _ = writeln!(html, "<h1>{}</h1>", inline());
        }
        BlockKind::Heading { level } => {
            let level = (level + 1).clamp(2, 6);
            let _ = writeln!(html, "<h{level}>{}</h{level}>", inline());
        }
        BlockKind::Lead | BlockKind::Byline | BlockKind::Source | BlockKind::Dateline => {
            let _ = writeln!(
                html,
                "<p class=\"{}\"><em>{}</em></p>",
                block.kind.name(),
                inline()
            );
        }
        BlockKind::Quote => {
            let _ = writeln!(html, "<blockquote><p>{}</p></blockquote>", inline());
        }
        BlockKind::ListItem { level, .. } => {
            let mark = block
                .kind
                .list_marker()
                .map_or_else(String::new, |marker| marker.text("\u{2022}") + " ");
            let _ = writeln!(
                html,
                "<p style=\"margin-left:{}em\">{mark}{}</p>",
                1.5 * f32::from(level),
                inline()
            );
        }
        BlockKind::Code => {
            let _ = writeln!(html, "<pre><code>{}</code></pre>", inline());
        }
        BlockKind::Table => table_html(html, &inline()),
        BlockKind::Separator => html.push_str("<hr>\n"),
        BlockKind::Figure { .. } => figure_html(html, document, index, &inline()),
        BlockKind::Furniture => {
            let _ = writeln!(html, "<p class=\"furniture\">{}</p>", inline());
        }
        BlockKind::Paragraph => {
            let _ = writeln!(html, "<p>{}</p>", inline());
        }
    }
    notes_html(html, block, drawn);
}

/// A table's rows (a line each) and cells (tab-separated), marks kept.
fn table_html(html: &mut String, inline: &str) {
    html.push_str("<table>\n");
    for row in inline.split('\n') {
        html.push_str("<tr>");
        for cell in row.split('\t') {
            let _ = write!(html, "<td>{cell}</td>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
}

fn figure_html(html: &mut String, document: &Document, index: usize, caption: &str) {
    html.push_str("<figure>\n");
    match document.picture_of(index) {
        Some(picture) => match picture_data_uri(&picture.source) {
            Ok(uri) => {
                let _ = writeln!(html, "<img src=\"{uri}\" alt=\"{}\">", escape(&picture.alt));
            }
            Err(why) => {
                let named = match &picture.source {
                    PictureSource::Remote(url) => {
                        format!("A picture on the web, not downloaded: {url}")
                    }
                    _ => format!("A picture that cannot be read: {why}"),
                };
                let _ = writeln!(html, "<p class=\"missing-picture\">{}</p>", escape(&named));
            }
        },
        None => html.push_str("<p class=\"missing-picture\">A picture</p>\n"),
    }
    if document.block_text(index) != NO_CAPTION && !caption.is_empty() {
        let _ = writeln!(html, "<figcaption>{caption}</figcaption>");
    }
    html.push_str("</figure>\n");
}

/// The notes of the highlights that end in this block, beside it.
fn notes_html(html: &mut String, block: &Block, drawn: &[Drawn]) {
    let ending_here = drawn.iter().filter(|d| {
        d.note_number.is_some() && d.chars.end > block.chars.start && d.chars.end <= block.chars.end
    });
    let mut notes = String::new();
    for highlight in ending_here {
        let annotation = highlight.annotation;
        let number = highlight.note_number.unwrap_or_default();
        let tags = if annotation.tags.is_empty() {
            String::new()
        } else {
            format!(" <em>({})</em>", escape(&annotation.tags.join(", ")))
        };
        let _ = writeln!(
            notes,
            "<p id=\"note-{number}\"><sup>{number}</sup> {}{tags}</p>",
            escape(annotation.note.trim()).replace('\n', "<br>")
        );
    }
    if !notes.is_empty() {
        let _ = write!(html, "<aside class=\"notes\">\n{notes}</aside>\n");
    }
}

/// A block's text with its inline styles and its highlights, cut where
/// any of them starts or ends; each piece wrapped in all that covers it.
fn inline_html(text: &str, block: &Block, drawn: &[Drawn]) -> String {
    let text: Vec<char> = text.chars().collect();
    let length = text.len();
    let local = |range: &Range<usize>| {
        range.start.saturating_sub(block.chars.start).min(length)
            ..range.end.saturating_sub(block.chars.start).min(length)
    };
    let marks: Vec<(Range<usize>, &Drawn)> = drawn
        .iter()
        .filter(|d| d.chars.start < block.chars.end && d.chars.end > block.chars.start)
        .map(|d| (local(&d.chars), d))
        .collect();
    let mut cuts: Vec<usize> = vec![0, length];
    cuts.extend(
        block
            .spans
            .iter()
            .flat_map(|s| [s.chars.start.min(length), s.chars.end.min(length)]),
    );
    cuts.extend(marks.iter().flat_map(|(r, _)| [r.start, r.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut html = String::new();
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let mut inner = escape(&text[start..end].iter().collect::<String>());
        for span in block
            .spans
            .iter()
            .filter(|s| s.chars.start <= start && s.chars.end >= end)
        {
            inner = match &span.style {
                InlineStyle::Emphasis => format!("<em>{inner}</em>"),
                InlineStyle::Strong => format!("<strong>{inner}</strong>"),
                InlineStyle::Code => format!("<code>{inner}</code>"),
                InlineStyle::Link { target } => {
                    format!("<a href=\"{}\">{inner}</a>", escape(target))
                }
            };
        }
        for (range, highlight) in marks
            .iter()
            .filter(|(r, _)| r.start <= start && r.end >= end)
        {
            inner = mark_html(&inner, highlight, range.end == end);
        }
        html.push_str(&inner);
    }
    html
}

/// A piece of a highlight: a `<mark>` in its colour; its note's number
/// after its last piece.
fn mark_html(inner: &str, highlight: &Drawn, last_piece: bool) -> String {
    let annotation = highlight.annotation;
    let (r, g, b) = annotation.color.rgb();
    let style = match annotation.style {
        HighlightStyle::Highlight => format!("background:rgba({r},{g},{b},0.45)"),
        HighlightStyle::Underline => format!("border-color:rgb({r},{g},{b})"),
    };
    let class = match annotation.style {
        HighlightStyle::Highlight => "highlight",
        HighlightStyle::Underline => "underline",
    };
    let note = match highlight.note_number {
        Some(n) if last_piece => {
            format!("<sup class=\"note-mark\"><a href=\"#note-{n}\">{n}</a></sup>")
        }
        _ => String::new(),
    };
    format!(
        "<mark class=\"{class}\" style=\"{style}\" title=\"{}\">{inner}</mark>{note}",
        annotation.color.name()
    )
}

/// Text safe inside HTML elements and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Bytes as a `data:` address of `mime`.
pub(super) fn data_uri(mime: &str, bytes: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("data:{mime};base64,{encoded}")
}
