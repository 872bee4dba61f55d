//! The plain-text importer: scraped news articles, notes and Project
//! Gutenberg books.
//!
//! It recognises the structure a careful reader sees in a text file: the
//! headline, the lead, a headline repeated below the lead (dropped), source,
//! byline and dateline lines, subheadings, paragraphs that are mostly a
//! quotation, page furniture, the Gutenberg licence, book and chapter
//! headings, and paragraphs hard-wrapped at a fixed width (joined).

use crate::document::{BlockKind, Document, DocumentBuilder, Format, Metadata};

use super::inline::{collapse, same_words};

/// Imports decoded text (Unix line ends) as a document.
pub fn document_from_text(text: &str, format: Format, metadata: Metadata) -> Document {
    let paragraphs = paragraphs_from_text(text);
    let wrap = WrapStyle::detect(&paragraphs);
    let mut builder = DocumentBuilder::new(format, metadata);
    let (body, gutenberg) = split_gutenberg(&paragraphs);
    if let Some(gutenberg) = &gutenberg {
        let metadata = builder.metadata_mut();
        metadata.title = gutenberg.title.clone();
        metadata.byline = gutenberg.author.clone();
        metadata.date = gutenberg.release_date.clone();
        for paragraph in gutenberg.header {
            builder.push(BlockKind::Furniture, &paragraph.join("\n"));
        }
    }
    let mode = if wrap.is_some() || text.len() > 300_000 {
        Mode::Book
    } else {
        Mode::Article
    };
    classify_body(&mut builder, body, wrap, mode);
    if let Some(gutenberg) = &gutenberg {
        for paragraph in gutenberg.footer {
            builder.push(BlockKind::Furniture, &paragraph.join("\n"));
        }
    }
    builder.finish()
}

/// A paragraph: the lines between blank lines, right-trimmed.
type Paragraph<'a> = Vec<&'a str>;

fn paragraphs_from_text(text: &str) -> Vec<Paragraph<'_>> {
    let mut paragraphs = Vec::new();
    let mut current: Paragraph<'_> = Vec::new();
    for line in text.split('\n') {
        if is_blank(line) {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim_end_matches(is_space));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// Unicode white space, NBSP included.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_blank(line: &str) -> bool {
    line.chars().all(is_space)
}

fn char_len(line: &str) -> usize {
    line.trim().chars().count()
}

/// A line's length as fixed-width wrapping tools measured it: in UTF-8
/// bytes (Project Gutenberg wrapped at 70–72 bytes, so a line full of curly
/// quotes and accents holds fewer chars).
fn wrap_len(line: &str) -> usize {
    line.trim().len()
}

/// How the text's lines were wrapped, when they were wrapped at a fixed width.
#[derive(Clone, Copy, Debug, PartialEq)]
struct WrapStyle {
    /// The width (in chars) the text was wrapped at.
    width: usize,
}

impl WrapStyle {
    /// A text is hard-wrapped when nearly every line that is not the last of
    /// its paragraph is almost as long as the wrap width (verse and dialogue
    /// have ragged, short lines; unwrapped text has one line per paragraph).
    fn detect(paragraphs: &[Paragraph<'_>]) -> Option<Self> {
        let mut lengths: Vec<usize> = paragraphs.iter().flatten().map(|l| wrap_len(l)).collect();
        if lengths.len() < 20 {
            return None;
        }
        lengths.sort_unstable();
        let width = lengths[lengths.len() * 95 / 100];
        if !(30..=120).contains(&width) {
            return None;
        }
        let inner_lines: Vec<usize> = paragraphs
            .iter()
            .filter(|p| p.len() > 1)
            .flat_map(|p| p[..p.len() - 1].iter().map(|l| wrap_len(l)))
            .collect();
        if inner_lines.len() < 10 {
            return None;
        }
        let full = inner_lines.iter().filter(|&&n| n * 5 >= width * 4).count();
        (full * 100 >= inner_lines.len() * 85).then_some(WrapStyle { width })
    }

    /// Whether the break after `line` was made by the wrapping, not the author:
    /// the line is nearly full, or the next word would not have fitted on it.
    fn is_soft_break(self, line: &str, next: &str) -> bool {
        let length = wrap_len(line);
        let next_word = next
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        length * 5 >= self.width * 4 || length + 1 + next_word + 3 > self.width
    }
}

/// Joins a paragraph's lines: soft breaks become spaces, meaningful ones stay.
fn joined(paragraph: &[&str], wrap: Option<WrapStyle>) -> String {
    let mut out = String::new();
    for (i, line) in paragraph.iter().enumerate() {
        if i > 0 {
            let soft = wrap.is_some_and(|w| w.is_soft_break(paragraph[i - 1], line));
            out.push(if soft { ' ' } else { '\n' });
        }
        out.push_str(line);
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A news article or note: headline, lead, quotes, furniture.
    Article,
    /// A book: wrapped paragraphs, part and chapter headings, dialogue as paragraphs.
    Book,
}

struct Gutenberg<'p, 'a> {
    header: &'p [Paragraph<'a>],
    footer: &'p [Paragraph<'a>],
    title: Option<String>,
    author: Option<String>,
    release_date: Option<String>,
}

/// Splits off a Project Gutenberg licence header and footer, if present.
fn split_gutenberg<'p, 'a>(
    paragraphs: &'p [Paragraph<'a>],
) -> (&'p [Paragraph<'a>], Option<Gutenberg<'p, 'a>>) {
    let marker = |p: &Paragraph<'_>, words: &[&str]| {
        p.iter().any(|line| {
            let upper = line.to_uppercase();
            upper.contains("PROJECT GUTENBERG") && words.iter().any(|w| upper.contains(w))
        })
    };
    let start = paragraphs
        .iter()
        .position(|p| marker(p, &["*** START OF", "***START OF"]));
    let end = paragraphs.iter().rposition(|p| {
        marker(
            p,
            &[
                "*** END OF",
                "***END OF",
                "END OF THE PROJECT GUTENBERG",
                "END OF PROJECT GUTENBERG",
            ],
        )
    });
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

fn classify_body(
    builder: &mut DocumentBuilder,
    body: &[Paragraph<'_>],
    wrap: Option<WrapStyle>,
    mode: Mode,
) {
    let mut title: Option<String> = None;
    let mut index = 0;
    if mode == Mode::Article
        && let Some(first) = body.first()
        && is_headline(first)
    {
        let text = first[0].trim().to_owned();
        builder.push(BlockKind::Title, &text);
        if builder.metadata_mut().title.is_none() {
            builder.metadata_mut().title = Some(collapse(&text));
        }
        title = Some(text);
        index = 1;
        if let Some(lead) = body.get(1)
            && is_lead(lead)
        {
            builder.push(BlockKind::Lead, &joined(lead, wrap));
            index = 2;
        }
    }
    // The head of an article: source, byline and dateline lines near the top.
    let head_end = index + 4;
    while index < body.len() {
        let paragraph = &body[index];
        let in_head = index < head_end;
        index += 1;
        if in_head
            && let Some(title) = &title
            && paragraph.len() == 1
            && same_words(paragraph[0], title)
        {
            continue; // The headline repeated below the lead: once is enough.
        }
        classify_paragraph(builder, paragraph, wrap, mode, in_head);
    }
}

fn classify_paragraph(
    builder: &mut DocumentBuilder,
    paragraph: &[&str],
    wrap: Option<WrapStyle>,
    mode: Mode,
    in_head: bool,
) {
    if mode == Mode::Article && paragraph.iter().any(|l| furniture_kind(l).is_some()) {
        // Furniture lines become blocks of their own; the rest stays together.
        let mut run: Vec<&str> = Vec::new();
        for line in paragraph {
            if let Some(date) = furniture_kind(line) {
                if !run.is_empty() {
                    classify_paragraph(builder, &run, wrap, mode, in_head);
                    run.clear();
                }
                if let Some(date) = date
                    && builder.metadata_mut().date.is_none()
                {
                    builder.metadata_mut().date = Some(date);
                }
                builder.push(BlockKind::Furniture, line);
            } else {
                run.push(line);
            }
        }
        if !run.is_empty() {
            classify_paragraph(builder, &run, wrap, mode, in_head);
        }
        return;
    }
    let text = joined(paragraph, wrap);
    let single_line = paragraph.len() == 1;
    if single_line && is_separator(&text) {
        builder.push(BlockKind::Separator, &text);
        return;
    }
    if single_line && let Some(level) = heading_level(&text, mode) {
        builder.push(BlockKind::Heading { level }, &text);
        return;
    }
    if mode == Mode::Article && single_line && in_head {
        if is_byline(&text) {
            let metadata = builder.metadata_mut();
            if metadata.byline.is_none() {
                metadata.byline = Some(collapse(&text.trim()[3..]));
            }
            builder.push(BlockKind::Byline, &text);
            return;
        }
        if is_source_line(&text) {
            let metadata = builder.metadata_mut();
            if metadata.source.is_none() {
                metadata.source = Some(collapse(&text));
            }
            builder.push(BlockKind::Source, &text);
            return;
        }
    }
    if mode == Mode::Article {
        if let Some((dateline, rest)) = split_dateline(&text) {
            builder.push(BlockKind::Dateline, dateline);
            builder.push(kind_of_prose(rest), rest);
            return;
        }
        builder.push(kind_of_prose(&text), &text);
        return;
    }
    builder.push(BlockKind::Paragraph, &text);
}

fn ends_with_any(text: &str, endings: &[char]) -> bool {
    text.trim_end().ends_with(endings)
}

/// A headline: one short line without a final full stop.
fn is_headline(paragraph: &Paragraph<'_>) -> bool {
    let [line] = paragraph.as_slice() else {
        return false;
    };
    let length = char_len(line);
    let trailing_stop =
        ends_with_any(line, &['.', ',', ';', ':']) && !line.trim_end().ends_with("...");
    (2..=150).contains(&length)
        && !trailing_stop
        && furniture_kind(line).is_none()
        && line.chars().any(char::is_alphabetic)
}

/// A lead: a single paragraph of one or two sentences right below the headline.
fn is_lead(paragraph: &Paragraph<'_>) -> bool {
    let text = paragraph.join(" ");
    let length = char_len(&text);
    paragraph.len() <= 3
        && (40..=600).contains(&length)
        && ends_with_any(&text, &['.', '!', '?', '"', '\u{201D}', '\''])
        && furniture_kind(&text).is_none()
}

fn is_separator(text: &str) -> bool {
    let trimmed = text.trim();
    !trimmed.is_empty()
        && trimmed.chars().count() <= 40
        && trimmed
            .chars()
            .all(|c| matches!(c, '*' | '-' | '_' | '=' | '~' | '#' | '•' | '·' | '⁂' | ' '))
        && trimmed.chars().filter(|c| !c.is_whitespace()).count() >= 3
}

const BOOK_PARTS: &[&str] = &[
    "BOOK",
    "PART",
    "VOLUME",
    "EPILOGUE",
    "PROLOGUE",
    "PREFACE",
    "INTRODUCTION",
    "CONTENTS",
    "APPENDIX",
    "FIRST EPILOGUE",
    "SECOND EPILOGUE",
];

/// The heading level of a one-line paragraph, if it is a heading.
fn heading_level(text: &str, mode: Mode) -> Option<u8> {
    let trimmed = text.trim();
    let length = trimmed.chars().count();
    if length > 80 || !trimmed.chars().any(char::is_alphabetic) {
        return None;
    }
    let first_word = trimmed
        .split(|c: char| c.is_whitespace() || c == ':' || c == '.')
        .next()
        .unwrap_or("")
        .to_uppercase();
    if first_word == "CHAPTER" {
        return Some(2);
    }
    let upper = trimmed.to_uppercase();
    if is_all_caps(trimmed)
        && BOOK_PARTS.iter().any(|p| {
            upper == *p
                || upper.starts_with(&format!("{p} "))
                || upper.starts_with(&format!("{p}:"))
        })
    {
        return Some(1);
    }
    if mode == Mode::Book {
        return None;
    }
    if is_all_caps(trimmed) && length >= 3 && !ends_with_any(trimmed, &['.', ',', ';']) {
        return Some(2);
    }
    if let Some(inner) = quoted_line(trimmed)
        && length <= 60
        && !ends_with_any(inner, &['.', '!', '?', ',', ';', ':', '…', '-', '—'])
    {
        return Some(2);
    }
    None
}

/// At least three letters, nearly all capitals.
fn is_all_caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 3 && upper * 10 >= letters.len() * 9
}

const QUOTE_PAIRS: &[(char, char)] = &[
    ('"', '"'),
    ('\'', '\''),
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
    ('«', '»'),
    ('„', '\u{201C}'),
];

/// The inside of a line that is wholly one quotation, like `'NO, NO'`.
fn quoted_line(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    let &(_, close) = QUOTE_PAIRS.iter().find(|(open, _)| *open == first)?;
    let inner = text[first.len_utf8()..].strip_suffix(close)?;
    (!inner.is_empty() && !inner.contains(close)).then_some(inner)
}

/// A paragraph that is mostly a quotation (at least 60 % of its letters
/// inside quotation marks, starting with one) is a quote.
fn kind_of_prose(text: &str) -> BlockKind {
    if quoted_share(text) >= 0.6 {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    }
}

fn quoted_share(text: &str) -> f32 {
    let Some(first) = text.chars().next() else {
        return 0.0;
    };
    let Some(&(open, close)) = QUOTE_PAIRS
        .iter()
        .find(|(open, _)| *open == first && *open != '\'')
    else {
        return 0.0;
    };
    let (mut inside, mut quoted, mut total) = (false, 0usize, 0usize);
    for c in text.chars() {
        if inside && c == close {
            inside = false;
        } else if !inside && c == open {
            inside = true;
        } else if c.is_alphanumeric() {
            total += 1;
            if inside {
                quoted += 1;
            }
        }
    }
    if total == 0 {
        0.0
    } else {
        quoted as f32 / total as f32
    }
}

const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "associated press",
    "agence france-presse",
    "bloomberg",
    "upi",
    "dpa",
    "press association",
    "pa",
    "anadolu agency",
    "xinhua",
    "tass",
    "bbc news",
];

/// A source or desk line: "World Bulletin/News Desk", "Reuters", "Staff Writer".
fn is_source_line(text: &str) -> bool {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    if trimmed.chars().count() > 60 || ends_with_any(trimmed, &['.', '!', '?', ',', ';', ':']) {
        return false;
    }
    AGENCIES.contains(&lower.as_str())
        || [
            "news desk",
            "newsdesk",
            "news agency",
            "staff writer",
            "staff reporter",
            "wire service",
        ]
        .iter()
        .any(|k| lower.contains(k))
        || lower.ends_with(" desk")
        || lower.ends_with(" wires")
}

/// "By Jane Doe", "by J. Smith and A. N. Other".
fn is_byline(text: &str) -> bool {
    let trimmed = text.trim();
    let Some(rest) = trimmed
        .strip_prefix("By ")
        .or_else(|| trimmed.strip_prefix("BY "))
        .or_else(|| trimmed.strip_prefix("by "))
    else {
        return false;
    };
    trimmed.chars().count() <= 80
        && rest.chars().next().is_some_and(char::is_uppercase)
        && !ends_with_any(rest, &['!', '?', ';'])
}

/// "WASHINGTON (Reuters) - The …" → ("WASHINGTON (Reuters) -", "The …").
fn split_dateline(text: &str) -> Option<(&str, &str)> {
    let head: String = text.chars().take(80).collect();
    let dash_at = [" - ", " — ", " – ", " -- "]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, d.len())))
        .min_by_key(|&(i, _)| i)?;
    let (place_end, dash_len) = dash_at;
    let place = &text[..place_end];
    let before_agency = place.split('(').next().unwrap_or(place).trim();
    let place_letters: Vec<char> = before_agency
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let is_place = place_letters.len() >= 3
        && before_agency.split(',').next().is_some_and(|city| {
            is_all_caps(city) && city.chars().filter(|c| c.is_alphabetic()).count() >= 3
        })
        && !place.contains(['.', '!', '?', '"', '\u{201C}']);
    if !is_place {
        return None;
    }
    let split = place_end + dash_len;
    let dateline = text[..split].trim_end();
    let rest = text[split..].trim_start();
    (!rest.is_empty()).then_some((dateline, rest))
}

const FURNITURE_LINES: &[&str] = &[
    "add comment",
    "add a comment",
    "post a comment",
    "leave a comment",
    "comments",
    "share",
    "share this",
    "share this article",
    "share this story",
    "tweet",
    "print",
    "email",
    "e-mail",
    "email this",
    "print this",
    "related",
    "related articles",
    "related stories",
    "related news",
    "advertisement",
    "read more",
    "back to top",
    "top of page",
    "subscribe",
    "follow us",
];

const FURNITURE_PREFIXES: &[&str] = &[
    "last mod:",
    "last modified:",
    "last updated:",
    "updated:",
    "published:",
    "posted:",
];

/// `Some(date)` when the line is page furniture; the inner value is a date
/// the furniture carries ("Last Mod: 11 Mart 2014, 00:18").
fn furniture_kind(line: &str) -> Option<Option<String>> {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_end_matches(['.', ':', '!', '»', '›', '>', ' ']);
    if FURNITURE_LINES.contains(&bare) {
        return Some(None);
    }
    FURNITURE_PREFIXES.iter().find_map(|prefix| {
        let date = lower.strip_prefix(prefix)?;
        let date_len = date.trim().chars().count();
        (date_len > 0 && date_len <= 40 && date.chars().any(|c| c.is_ascii_digit()))
            .then(|| Some(line.trim()[prefix.len()..].trim().to_owned()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(&'static str, String)> {
        (0..doc.blocks().len())
            .map(|i| (doc.blocks()[i].kind.name(), doc.block_text(i).to_owned()))
            .collect()
    }

    fn import(text: &str) -> Document {
        document_from_text(text, Format::Text, Metadata::default())
    }

    #[test]
    fn news_article_structure() {
        let doc = import(
            "Talks depend on Moscow\n\nThe State Department said talks depend on Moscow's stance.\n\n\
             Talks depend on Moscow\n\nWorld Bulletin/News Desk\n\n\
             WASHINGTON (Reuters) - The United States held out the possibility.\n\n\
             'NO, NO, NO'\n\n\"We are long past the days,\" he said.\n\n\
             Last Mod: 11 Mart 2014, 00:18\nAdd Comment\n",
        );
        assert_eq!(
            kinds(&doc),
            vec![
                ("title", "Talks depend on Moscow".to_owned()),
                (
                    "lead",
                    "The State Department said talks depend on Moscow's stance.".to_owned()
                ),
                ("source", "World Bulletin/News Desk".to_owned()),
                ("dateline", "WASHINGTON (Reuters) -".to_owned()),
                (
                    "paragraph",
                    "The United States held out the possibility.".to_owned()
                ),
                ("heading", "'NO, NO, NO'".to_owned()),
                (
                    "quote",
                    "\"We are long past the days,\" he said.".to_owned()
                ),
                ("furniture", "Last Mod: 11 Mart 2014, 00:18".to_owned()),
                ("furniture", "Add Comment".to_owned()),
            ]
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Talks depend on Moscow")
        );
        assert_eq!(
            doc.metadata.source.as_deref(),
            Some("World Bulletin/News Desk")
        );
        assert_eq!(doc.metadata.date.as_deref(), Some("11 Mart 2014, 00:18"));
    }

    #[test]
    fn byline_is_recognised() {
        let doc = import(
            "Headline here\n\nA lead that is long enough to be a lead paragraph.\n\nBy Jane Doe\n\nBody.",
        );
        assert_eq!(doc.blocks()[2].kind, BlockKind::Byline);
        assert_eq!(doc.metadata.byline.as_deref(), Some("Jane Doe"));
    }

    fn wrapped_book() -> String {
        let mut text = String::from("CHAPTER I\n\n");
        for _ in 0..15 {
            text.push_str(
                "It was in July, 1805, and the speaker was the well-known Anna\n\
                 Pavlovna Scherer, maid of honor and favorite of the Empress Marya\n\
                 Fedorovna. With these words she greeted Prince Vasili Kuragin, a\n\
                 man of high rank.\n\n",
            );
        }
        text.push_str(
            "Dear friend,\nI write to you.\nJULIE\n\nBOOK TWO: 1805\n\nCHAPTER II\n\n* * *\n",
        );
        text
    }

    #[test]
    fn hard_wrapped_lines_are_joined_and_short_lines_kept() {
        let doc = import(&wrapped_book());
        assert_eq!(doc.blocks()[0].kind, BlockKind::Heading { level: 2 });
        assert_eq!(
            doc.block_text(1),
            "It was in July, 1805, and the speaker was the well-known Anna \
             Pavlovna Scherer, maid of honor and favorite of the Empress Marya \
             Fedorovna. With these words she greeted Prince Vasili Kuragin, a \
             man of high rank."
        );
        let tail: Vec<_> = kinds(&doc).into_iter().rev().take(4).collect();
        assert_eq!(tail[0], ("separator", "* * *".to_owned()));
        assert_eq!(tail[1], ("heading", "CHAPTER II".to_owned()));
        assert_eq!(tail[2], ("heading", "BOOK TWO: 1805".to_owned()));
        assert_eq!(
            tail[3],
            (
                "paragraph",
                "Dear friend,\nI write to you.\nJULIE".to_owned()
            )
        );
        assert_eq!(doc.metadata.title, None);
    }

    #[test]
    fn verse_keeps_its_lines() {
        let mut text = String::new();
        for _ in 0..20 {
            text.push_str("First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n");
        }
        let doc = import(&text);
        assert_eq!(
            doc.block_text(0),
            "First Citizen:\nBefore we proceed any further, hear me speak."
        );
    }

    #[test]
    fn gutenberg_licence_is_furniture() {
        let text = format!(
            "The Project Gutenberg eBook of War and Peace\n\nTitle: War and Peace\n\nAuthor: Leo Tolstoy\n\n\
             *** START OF THE PROJECT GUTENBERG EBOOK WAR AND PEACE ***\n\n{}\n\
             *** END OF THE PROJECT GUTENBERG EBOOK WAR AND PEACE ***\n\nUpdated editions will replace the previous one.\n",
            wrapped_book()
        );
        let doc = import(&text);
        let all = kinds(&doc);
        assert_eq!(all[0].0, "furniture");
        assert_eq!(
            all[3],
            (
                "furniture",
                "*** START OF THE PROJECT GUTENBERG EBOOK WAR AND PEACE ***".to_owned()
            )
        );
        assert_eq!(all[4], ("heading", "CHAPTER I".to_owned()));
        assert_eq!(all.last().unwrap().0, "furniture");
        assert_eq!(all[all.len() - 2].0, "furniture");
        assert_eq!(doc.metadata.title.as_deref(), Some("War and Peace"));
        assert_eq!(doc.metadata.byline.as_deref(), Some("Leo Tolstoy"));
    }

    #[test]
    fn empty_and_whitespace_only_text() {
        assert!(import("").blocks().is_empty());
        assert!(import(" \n\u{00A0}\n\t\n").blocks().is_empty());
    }
}
