//! Text whose font lies about its letters: a subset font whose codes were
//! handed out in the order its glyphs were first used (1, 2, 3 …) and
//! whose ToUnicode (or encoding) reads those codes as ASCII from "!" on,
//! so a chart's labels come out as `!"# $!"#`. No reader recovers the
//! letters without recognising the glyphs; the text is marked as
//! unreadable in its place instead of shown as mojibake.

use std::collections::{HashMap, HashSet};

use super::glyphs::PlacedGlyph;

/// The fewest different letters a font must draw on a page before its
/// order of first use says anything.
const FEWEST_LETTERS: usize = 3;

/// The most different letters of a font followed (a page of a CJK font
/// draws thousands; a chart's labels a few dozen): its first ones decide.
const MOST_LETTERS: usize = 256;

/// The fonts of a page (by [`PlacedGlyph::font`]) whose letters are their
/// codes counted from "!": the first letters the page draws in them are
/// "!", '"', "#" … in that order, and they draw no letter beyond what
/// that count reaches.
pub fn garbled_fonts(glyphs: &[PlacedGlyph]) -> HashSet<u64> {
    let mut first_used: HashMap<u64, Vec<char>> = HashMap::new();
    for glyph in glyphs.iter().filter(|g| g.font != 0) {
        let mut letters = glyph.text.chars();
        let (Some(letter), None) = (letters.next(), letters.next()) else {
            continue;
        };
        let seen = first_used.entry(glyph.font).or_default();
        if seen.len() < MOST_LETTERS && !letter.is_whitespace() && !seen.contains(&letter) {
            seen.push(letter);
        }
    }
    first_used
        .into_iter()
        .filter(|(_, letters)| counted_from_the_exclamation_mark(letters))
        .map(|(font, _)| font)
        .collect()
}

/// Whether letters, in the order a font first draws them, read as codes
/// counted from "!": they open with "!", '"', "#", mostly rise, and
/// nearly all lie within as many code points of "!" as there are letters.
fn counted_from_the_exclamation_mark(letters: &[char]) -> bool {
    if letters.len() < FEWEST_LETTERS || !letters.starts_with(&['!', '"', '#']) {
        return false;
    }
    let rising = letters.windows(2).filter(|pair| pair[0] < pair[1]).count();
    let reach = u32::from('!') + letters.len() as u32 + 4;
    let within = letters.iter().filter(|&&c| u32::from(c) <= reach).count();
    rising * 10 >= (letters.len() - 1) * 8 && within * 10 >= letters.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, font: u64) -> Vec<PlacedGlyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| PlacedGlyph {
                text: c.to_string(),
                x: i as f32 * 5.0,
                y: 100.0,
                end_x: i as f32 * 5.0 + 5.0,
                size: 10.0,
                bold: false,
                turned: false,
                font,
                garbled: false,
            })
            .collect()
    }

    #[test]
    fn a_charts_labels_counted_from_the_exclamation_mark_are_garbled() {
        // tracemonkey p. 10: "0%", "10%" … drawn by a subset font whose
        // codes read as "!", '"', "#" ….
        let mut page = glyphs("!\"# $!\"# %!\"# &!\"# ’!\"# (!\"# )!\"#", 7);
        page.extend(glyphs("The speedup of the loop, in percent.", 8));
        assert_eq!(garbled_fonts(&page), HashSet::from([7]));
    }

    #[test]
    fn text_punctuation_and_axis_digits_are_not() {
        for text in [
            "!\"# is how a shell script starts, and more.",
            "0 10 20 30 40 50 60",
            "(a) (b) (c) x = (y + z) * 2; #include <stdio.h>",
            "#1 \"Best\" product!",
        ] {
            assert!(garbled_fonts(&glyphs(text, 3)).is_empty(), "{text}");
        }
        // Glyphs of no known font are never judged.
        assert!(garbled_fonts(&glyphs("!\"#$%&", 0)).is_empty());
    }
}
