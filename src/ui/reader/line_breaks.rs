//! Where a paragraph's lines break, hyphenated: egui breaks lines only
//! between words, so a paragraph in a language with hyphenation patterns
//! is measured char by char (`hyphenated` sets it) and broken greedily
//! here — a word that would leave the line loose is hyphenated at a
//! Knuth–Liang break (typst's `hypher`) — and a justified line's slack is
//! spread over its spaces.

/// The most lines in a row that end in a hyphen (a ladder of hyphens is
/// harder to read than a loose line).
const MAX_HYPHENS_IN_A_ROW: usize = 2;

/// A word is hyphenated only when breaking before it would leave more
/// than this much of the line empty, in ems.
pub(super) const MIN_SLACK_EM: f32 = 1.0;

/// Where a paragraph's language has hyphenation patterns: its language.
pub(super) fn hyphenation_language(code: Option<&str>) -> Option<hypher::Lang> {
    let code = match code? {
        "nb" | "nn" => "no",
        code => code,
    };
    let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
    hypher::Lang::from_iso(bytes)
}

/// A char of the paragraph set on one line: where it starts and ends.
#[derive(Clone, Copy, Debug)]
pub(super) struct CharBox {
    pub(super) chr: char,
    pub(super) left: f32,
    pub(super) right: f32,
}

/// A line break we chose: the char the next line starts at, and whether
/// the line before it ends in a hyphen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Break {
    pub(super) at_char: usize,
    pub(super) hyphen: bool,
}

/// How wide lines are and what a hyphen and a loose line measure.
#[derive(Clone, Copy, Debug)]
pub(super) struct Measure {
    pub(super) width: f32,
    pub(super) hyphen_width: f32,
    pub(super) min_slack: f32,
}

/// Where a word may be hyphenated: the char offsets (within the word) its
/// syllables after the first start at.
pub(super) fn syllable_starts(word: &str, lang: hypher::Lang) -> Vec<usize> {
    let mut at = 0;
    let mut starts = Vec::new();
    for syllable in hypher::hyphenate(word, lang) {
        if at > 0 {
            starts.push(at);
        }
        at += syllable.chars().count();
    }
    starts
}

fn is_break_space(chr: char) -> bool {
    chr.is_whitespace() && chr != '\u{A0}' && chr != '\n'
}

/// Where the ink of the line from `start` to `end` ends (its trailing
/// spaces hang).
fn ink_right(boxes: &[CharBox], start: usize, end: usize) -> f32 {
    boxes[start..end]
        .iter()
        .rev()
        .find(|b| !b.chr.is_whitespace())
        .map_or(boxes[start].left, |b| b.right)
}

/// The line being filled: where it starts, where it could end so far.
#[derive(Clone, Copy, Default)]
struct Line {
    start: usize,
    after_space: Option<usize>,
    after_dash: Option<usize>,
    hyphens_before: usize,
}

/// Greedy line breaking: each line as full as it can be, a word that does
/// not fit hyphenated where that fills the line better.
pub(super) fn line_breaks(
    boxes: &[CharBox],
    measure: Measure,
    syllables: impl Fn(&str) -> Vec<usize>,
) -> Vec<Break> {
    let mut breaks: Vec<Break> = Vec::new();
    let mut line = Line::default();
    let mut i = 0;
    while i < boxes.len() {
        let chr = boxes[i].chr;
        if chr == '\n' {
            line = Line {
                start: i + 1,
                ..Line::default()
            };
        } else if is_break_space(chr) {
            line.after_space = Some(i + 1);
        } else if boxes[i].right - boxes[line.start].left <= measure.width {
            if matches!(chr, '-' | '–' | '—' | '/') {
                line.after_dash = Some(i + 1);
            }
        } else {
            let chosen = break_before(boxes, &line, i, measure, &syllables);
            breaks.push(chosen);
            line = Line {
                start: chosen.at_char,
                hyphens_before: if chosen.hyphen {
                    line.hyphens_before + 1
                } else {
                    0
                },
                ..Line::default()
            };
            i = line.start;
            continue;
        }
        i += 1;
    }
    breaks
}

/// Where `line` ends when the char `overflow` does not fit on it.
fn break_before(
    boxes: &[CharBox],
    line: &Line,
    overflow: usize,
    measure: Measure,
    syllables: &impl Fn(&str) -> Vec<usize>,
) -> Break {
    let start = line.start;
    let word_start = line.after_space.unwrap_or(start);
    let word_end = (overflow..boxes.len())
        .find(|&k| boxes[k].chr.is_whitespace())
        .unwrap_or(boxes.len());
    let hyphen_at = (line.hyphens_before < MAX_HYPHENS_IN_A_ROW)
        .then(|| hyphen_break(boxes, start, word_start..word_end, measure, syllables))
        .flatten();
    let loose = |at: usize| {
        measure.width - (ink_right(boxes, start, at) - boxes[start].left) > measure.min_slack
    };
    let (at_char, hyphen) = match (hyphen_at, line.after_space) {
        (Some(at), Some(space)) if loose(space) => (at, true),
        (_, Some(space)) => (space, false),
        (Some(at), None) => (at, true),
        // A word longer than the line: after a dash or slash that leaves
        // the line at least half full, else where it must.
        (None, None) => {
            let at = line
                .after_dash
                .filter(|&d| boxes[d - 1].right - boxes[start].left >= measure.width / 2.0)
                .unwrap_or(overflow);
            (at.max(start + 1), false)
        }
    };
    Break { at_char, hyphen }
}

/// The last place the word `word` (chars) may be hyphenated with its first
/// part and a hyphen still on the line that starts at `start`.
fn hyphen_break(
    boxes: &[CharBox],
    start: usize,
    word: std::ops::Range<usize>,
    measure: Measure,
    syllables: &impl Fn(&str) -> Vec<usize>,
) -> Option<usize> {
    // A paragraph's last word is kept whole: half a word alone on the
    // last line reads worse than a loose line.
    let rest = &boxes[word.end..];
    if rest
        .iter()
        .take_while(|b| b.chr != '\n')
        .all(|b| b.chr.is_whitespace())
    {
        return None;
    }
    // The word's letters, without the quotes and punctuation around them.
    let letters = &boxes[word.clone()];
    let first = letters.iter().position(|b| b.chr.is_alphabetic())?;
    let last = letters.iter().rposition(|b| b.chr.is_alphabetic())?;
    let core: String = letters[first..=last].iter().map(|b| b.chr).collect();
    let wordlike = core.chars().all(char::is_alphabetic) && core.chars().any(char::is_lowercase);
    if !wordlike {
        return None;
    }
    let core_start = word.start + first;
    syllables(&core)
        .into_iter()
        .map(|offset| core_start + offset)
        .filter(|&at| at > start)
        .rfind(|&at| {
            boxes[at - 1].right - boxes[start].left + measure.hyphen_width <= measure.width
        })
}

/// For justified lines: each word after a space on a line that ends at one
/// of our breaks, and the space put before it to fill the line.
pub(super) fn stretches(
    boxes: &[CharBox],
    breaks: &[Break],
    measure: Measure,
) -> Vec<(usize, f32)> {
    let mut stretches = Vec::new();
    let mut start = 0;
    for line_break in breaks {
        // The line starts after the last hard break before this one.
        let end = line_break.at_char;
        if let Some(newline) = boxes[start..end].iter().rposition(|b| b.chr == '\n') {
            start += newline + 1;
        }
        let hyphen = if line_break.hyphen {
            measure.hyphen_width
        } else {
            0.0
        };
        // Half a point short of the edge: egui rounds each glyph to a pixel.
        let slack =
            measure.width - 0.5 - (ink_right(boxes, start, end) - boxes[start].left) - hyphen;
        let ink_end = boxes[start..end]
            .iter()
            .rposition(|b| !b.chr.is_whitespace())
            .map_or(start, |k| start + k);
        let words: Vec<usize> = (start + 1..ink_end)
            .filter(|&k| is_break_space(boxes[k - 1].chr) && !boxes[k].chr.is_whitespace())
            .collect();
        if slack > 0.0 && !words.is_empty() {
            let each = slack / words.len() as f32;
            stretches.extend(words.into_iter().map(|k| (k, each)));
        }
        start = end;
    }
    stretches
}

#[cfg(test)]
#[path = "line_breaks_tests.rs"]
mod tests;
