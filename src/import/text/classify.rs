//! What each paragraph of a text article is: headline, lead, source,
//! byline, dateline, subheading, quotation, furniture or plain prose.

use super::*;

pub(super) fn classify_body(
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
    if paragraph.iter().any(|line| is_drawn_line(line)) {
        // A table or figure drawn with lines: kept as drawn, never reflowed.
        builder.push(BlockKind::Code, paragraph.join("\n").trim_end());
        return;
    }
    if mode == Mode::Article && paragraph.iter().any(|l| furniture_kind(l).is_some()) {
        split_off_furniture(builder, paragraph, wrap, in_head);
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
    if mode == Mode::Article && single_line && in_head && push_head_line(builder, &text) {
        return;
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

/// Furniture lines (a date, "Advertisement") become blocks of their own;
/// the rest of the paragraph stays together. The first date is the article's.
fn split_off_furniture(
    builder: &mut DocumentBuilder,
    paragraph: &[&str],
    wrap: Option<WrapStyle>,
    in_head: bool,
) {
    let mut run: Vec<&str> = Vec::new();
    for line in paragraph {
        if let Some(date) = furniture_kind(line) {
            if !run.is_empty() {
                classify_paragraph(builder, &run, wrap, Mode::Article, in_head);
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
        classify_paragraph(builder, &run, wrap, Mode::Article, in_head);
    }
}

/// A byline or source line at the head of an article, pushed (and taken
/// into the metadata); false for any other line.
fn push_head_line(builder: &mut DocumentBuilder, text: &str) -> bool {
    if is_byline(text) {
        let metadata = builder.metadata_mut();
        if metadata.byline.is_none() {
            metadata.byline = Some(collapse(&text.trim()[3..]));
        }
        builder.push(BlockKind::Byline, text);
        return true;
    }
    if is_source_line(text) {
        let metadata = builder.metadata_mut();
        if metadata.source.is_none() {
            metadata.source = Some(collapse(text));
        }
        builder.push(BlockKind::Source, text);
        return true;
    }
    false
}

/// A line of a table or figure drawn with characters: box drawing
/// (`┌─┬─┐`, `│`), or an ASCII rule between cells (`+----+----+`).
fn is_drawn_line(line: &str) -> bool {
    let box_drawing = line
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259F}').contains(c))
        .count();
    let trimmed = line.trim();
    let ascii_rule = trimmed.len() >= 5
        && trimmed.starts_with('+')
        && trimmed.ends_with('+')
        && trimmed.matches('+').count() >= 3
        && trimmed.chars().all(|c| matches!(c, '+' | '-' | '='));
    box_drawing >= 2 || ascii_rule
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
