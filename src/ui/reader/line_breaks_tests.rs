use super::*;

/// A text set in a face whose every char is one point wide.
fn boxes(text: &str) -> Vec<CharBox> {
    text.chars()
        .enumerate()
        .map(|(i, chr)| CharBox {
            chr,
            left: i as f32,
            right: i as f32 + 1.0,
        })
        .collect()
}

const TEN: Measure = Measure {
    width: 10.0,
    hyphen_width: 1.0,
    min_slack: 2.0,
};

/// Every word may break after each third letter.
fn thirds(word: &str) -> Vec<usize> {
    (3..word.chars().count()).step_by(3).collect()
}

fn lines(text: &str, breaks: &[Break]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut starts = vec![0];
    starts.extend(breaks.iter().map(|b| b.at_char));
    starts.push(chars.len());
    starts
        .windows(2)
        .zip(breaks.iter().map(|b| b.hyphen).chain([false]))
        .map(|(pair, hyphen)| {
            let line: String = chars[pair[0]..pair[1]].iter().collect();
            line.trim_end().to_owned() + if hyphen { "-" } else { "" }
        })
        .collect()
}

#[test]
fn a_word_that_would_leave_the_line_loose_is_hyphenated() {
    let text = "aaaa bbbbbbbbbb cc";
    let breaks = line_breaks(&boxes(text), TEN, thirds);
    assert_eq!(lines(text, &breaks), ["aaaa bbb-", "bbbbbbb cc"]);
}

#[test]
fn a_paragraphs_last_word_is_kept_whole() {
    let text = "aaaa bbbbbbbbbb\ncc";
    let breaks = line_breaks(&boxes(text), TEN, thirds);
    assert_eq!(lines(text, &breaks), ["aaaa", "bbbbbbbbbb\ncc"]);
}

#[test]
fn a_line_nearly_full_breaks_between_words() {
    let text = "aaaaaaaa bbbbbbbbbb";
    let breaks = line_breaks(&boxes(text), TEN, thirds);
    assert_eq!(lines(text, &breaks), ["aaaaaaaa", "bbbbbbbbbb"]);
}

#[test]
fn no_more_than_two_lines_in_a_row_end_in_a_hyphen() {
    let text = "a bbbbbbbbbbbb c dddddddddddd e ffffffffffff";
    let breaks = line_breaks(&boxes(text), TEN, thirds);
    let hyphens: Vec<bool> = breaks.iter().map(|b| b.hyphen).collect();
    assert!(
        !hyphens.windows(3).any(|w| w.iter().all(|&h| h)),
        "{:?}",
        lines(text, &breaks)
    );
    assert!(hyphens.iter().any(|&h| h));
}

#[test]
fn punctuation_and_names_are_not_hyphenated() {
    // Quotes and a full stop stay with the word; a word of capitals or
    // digits is never broken.
    let text = "aaaa \"bbbbbbbbb.\" NASAAAAAAA x2x2x2x2x2";
    let breaks = line_breaks(&boxes(text), TEN, thirds);
    assert_eq!(
        lines(text, &breaks),
        ["aaaa \"bbb-", "bbbbbb.\"", "NASAAAAAAA", "x2x2x2x2x2"]
    );
}

#[test]
fn a_word_longer_than_the_line_is_cut_where_it_must_be() {
    let text = "http://example.org/aaaaaaaaaaa";
    let breaks = line_breaks(&boxes(text), TEN, |_| Vec::new());
    assert_eq!(
        lines(text, &breaks),
        ["http://", "example.or", "g/aaaaaaaa", "aaa"]
    );
}

#[test]
fn a_hard_break_starts_a_line_of_its_own() {
    let text = "aaaa bbbb\ncccc dddd eeee";
    let breaks = line_breaks(&boxes(text), TEN, |_| Vec::new());
    assert_eq!(
        breaks,
        [Break {
            at_char: 20,
            hyphen: false
        }]
    );
}

#[test]
fn justified_lines_spread_their_slack_over_their_spaces() {
    let text = "aa bb cc ddddddd";
    let breaks = line_breaks(&boxes(text), TEN, |_| Vec::new());
    assert_eq!(
        breaks,
        [Break {
            at_char: 9,
            hyphen: false
        }]
    );
    let stretches = stretches(&boxes(text), &breaks, TEN);
    // "aa bb cc" is 8 wide: 1.5 points (half a point short) over two spaces.
    assert_eq!(stretches, [(3, 0.75), (6, 0.75)]);
}
