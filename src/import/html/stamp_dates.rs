//! When a post was put up, set as a line of text: a day's date standing
//! alone ("7. oktober 2020", "Oct252012"), a date and a clock time
//! ("Tracked on Mar 21, 2007 12:31:13 AM"), and how often the page was
//! read ("Visited 215 times"). Told by what they say, lower case. (An
//! author's name before each stamp's date, "Julie Moos Published Nov. 7,
//! 2012 8:42 am Updated …", is kept: human readers' truths keep it.)

use super::super::page::MONTHS;

/// A date standing alone is at most this many chars.
const DATE_CHARS: usize = 32;

/// A timestamp standing alone is at most this many chars, and this many
/// words besides its numbers.
const TIMESTAMP_CHARS: usize = 64;
const TIMESTAMP_WORDS: usize = 6;

/// "7. oktober 2020", "Nov 01 2012", "2021-04-29": a line that is a day's
/// date and nothing more (a month and year alone, "January 2020", may
/// head a timeline's part, and is kept).
pub(super) fn is_date_alone(bare: &str) -> bool {
    let words: Vec<&str> = bare
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | '/' | '-'))
        .filter(|word| !word.is_empty())
        .collect();
    let numbers: Vec<&&str> = words
        .iter()
        .filter(|word| word.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let year = numbers.iter().any(|n| has_year(n));
    let day = numbers.iter().any(|n| n.len() <= 2);
    let names = words.len() - numbers.len();
    // A telephone number is numbers only, more of them or longer.
    let numbers_of_a_date =
        numbers.len() <= 3 && numbers.iter().all(|n| n.len() != 3 && n.len() <= 4);
    if is_glued_date(bare) {
        return true;
    }
    bare.chars().count() <= DATE_CHARS
        && numbers_of_a_date
        && year
        && day
        && names <= 2
        && words.len() <= 5
}

/// "Oct252012": a month's name, a day and a year set in a row (a theme's
/// date stamp whose parts are styled apart).
fn is_glued_date(bare: &str) -> bool {
    let letters = bare.chars().take_while(char::is_ascii_alphabetic).count();
    let (month, digits) = bare.split_at(letters);
    let day_digits = digits.len().saturating_sub(4);
    // The month's name or its first three letters or more ("Sept").
    MONTHS.iter().any(|name| {
        name.get(..month.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(month))
    }) && letters >= 3
        && (1..=2).contains(&day_digits)
        && digits.chars().all(|c| c.is_ascii_digit())
        && has_year(&digits[day_digits..])
        && matches!(digits[..day_digits].parse::<u32>(), Ok(1..=31))
}

/// "Tracked on Mar 21, 2007 12:31:13 AM", "4 de mayo de 2022 - 00:38",
/// "sounds — thebrainbehind @ 12:52": a short line that ends with a clock
/// time after a date (a year) or after a stamp's "@", "|" or "·", and has
/// few words ("Doors open at 8:00 pm" has no date and stays).
pub(super) fn is_timestamp(bare: &str) -> bool {
    let Some(time_at) = clock_time_at_end(bare) else {
        return false;
    };
    let before = &bare[..time_at];
    let stamped = before.trim_end().ends_with(['@', '|', '·']);
    let words = before
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count();
    bare.chars().count() <= TIMESTAMP_CHARS
        && words <= TIMESTAMP_WORDS
        && (has_year(before) || stamped)
}

/// Where a clock time ("7:21", "12:31:13", "9:41 am", "21:17 uhr") ends
/// the line, when one does.
fn clock_time_at_end(bare: &str) -> Option<usize> {
    let mut line = bare;
    for suffix in ["a.m", "p.m", "am", "pm", "uhr"] {
        if let Some(rest) = line.strip_suffix(suffix) {
            line = rest.trim_end();
            break;
        }
    }
    // Digit groups separated by colons, read from the end: minutes (and
    // seconds) of two digits, then hours of one or two.
    let mut groups = 0;
    let mut at = line.len();
    loop {
        let digits = line[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        at -= digits;
        groups += 1;
        let hours = !line[..at].ends_with(':') || groups == 3;
        if digits == 0 || digits > 2 || (!hours && digits != 2) || (groups == 1 && digits != 2) {
            return None;
        }
        if hours {
            break;
        }
        at -= 1;
    }
    let glued_to_number = line[..at].ends_with(|c: char| c.is_ascii_digit() || c == ':');
    (groups >= 2 && !glued_to_number).then_some(at)
}

/// Whether text holds a year (four digits from 1900 to 2099, not part of
/// a longer number).
pub(super) fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() == 4 && matches!(digits.parse::<u32>(), Ok(1900..=2099)))
}

/// "Visited 215 times, 55 visits today", "1,204 views", "3.215 Aufrufe":
/// how often the page was read, a counter's line.
pub(super) fn is_view_count(bare: &str) -> bool {
    const COUNTED: &[&str] = &[
        "views",
        "visits",
        "reads",
        "aufrufe",
        "vues",
        "visitas",
        "lecturas",
        "visualizações",
        "wyświetleń",
        "visite",
        "letture",
    ];
    let words: Vec<&str> = bare.split_whitespace().collect();
    let numbered = |word: &str| word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let visited = words.len() <= 8
        && matches!(words.first(), Some(&"visited" | &"viewed"))
        && words.get(1).is_some_and(|w| numbered(w))
        && words.get(2).is_some_and(|w| w.starts_with("time"));
    let counted = words.len() == 2
        && numbered(words[0])
        && words[0]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' '))
        && COUNTED.contains(&words[1]);
    visited || counted
}
