//! What a figure's caption looks like: a paragraph opening "Figure 3:",
//! "Fig. 2.", "Figure 4 —"; "Figure 7 shows …" is a sentence, not a
//! caption (`figures` takes the one printed nearest a figure as its text).

/// Whether a paragraph is a figure's caption ("Figure 3:", "Fig. 2.").
pub fn is_figure_caption(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let Some(rest) = ["figure", "fig.", "fig"]
        .iter()
        .find_map(|word| lower.strip_prefix(word))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    // "Figure 3:", "Fig. 2.", "Figure 4 —"; not "Figure 7 shows …".
    let after = rest[digits..].trim_start_matches(|c: char| c.is_ascii_lowercase() && c != ' ');
    digits > 0
        && (after.starts_with([':', '.', '|'])
            || after.trim_start().starts_with(['\u{2013}', '\u{2014}']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_are_told_from_sentences_about_figures() {
        assert!(is_figure_caption("Figure 3: The trace tree."));
        assert!(is_figure_caption("Fig. 12. Speedup over the interpreter"));
        assert!(!is_figure_caption("Figure out what the trace does."));
        assert!(!is_figure_caption("Figures 3 and 4 show it."));
        assert!(!is_figure_caption(
            "Figure 7 shows basic trace tree compilation."
        ));
        assert!(is_figure_caption("Figure 2b: The same, later."));
        assert!(is_figure_caption("Figure 4 \u{2014} Speedups."));
    }
}
