//! A figure's caption: the "Figure 3:" / "Fig. 2." paragraph printed
//! just after it (past the figure's own text and the page's furniture), or
//! else just before it, taken as its text; "Figure 7 shows …" is a
//! sentence, not a caption.

use super::text::{PdfBlock, PdfBlockKind};

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

/// Each figure given the caption printed just after it — past the
/// figure's own text and the page's furniture — or else just before it.
pub fn captioned(mut blocks: Vec<PdfBlock>) -> Vec<PdfBlock> {
    let is_caption = |b: &PdfBlock| b.kind == PdfBlockKind::Paragraph && is_figure_caption(&b.text);
    let passed = |b: &PdfBlock| b.kind == PdfBlockKind::Furniture;
    let mut index = 0;
    while index < blocks.len() {
        let figure = matches!(blocks[index].kind, PdfBlockKind::Figure { .. });
        if figure && blocks[index].text.is_empty() {
            let after = blocks[index + 1..]
                .iter()
                .position(|b| !passed(b))
                .map(|skip| index + 1 + skip)
                .filter(|&at| is_caption(&blocks[at]));
            let before = blocks[..index]
                .iter()
                .rposition(|b| !passed(b))
                .filter(|&at| is_caption(&blocks[at]));
            if let Some(at) = after {
                blocks[index].text = blocks.remove(at).text;
            } else if let Some(at) = before {
                let caption = blocks.remove(at).text;
                index -= 1;
                blocks[index].text = caption;
            }
        }
        index += 1;
    }
    blocks
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

    fn block(kind: PdfBlockKind, text: &str) -> PdfBlock {
        PdfBlock {
            kind,
            text: text.into(),
        }
    }

    const FIGURE: PdfBlockKind = PdfBlockKind::Figure {
        area_pt: [1, 2, 3, 4],
    };

    #[test]
    fn a_figure_takes_the_caption_before_it_when_none_follows() {
        let figure = FIGURE;
        let blocks = vec![
            block(PdfBlockKind::Paragraph, "Figure 1: A chart."),
            block(PdfBlockKind::Furniture, "Axis"),
            block(figure, ""),
            block(PdfBlockKind::Furniture, "Dept = A"),
            block(PdfBlockKind::Paragraph, "Text after."),
        ];
        let texts: Vec<String> = captioned(blocks).into_iter().map(|b| b.text).collect();
        assert_eq!(
            texts,
            ["Axis", "Figure 1: A chart.", "Dept = A", "Text after."]
        );
    }

    #[test]
    fn a_figure_takes_the_caption_after_it() {
        let figure = FIGURE;
        let blocks = vec![
            block(PdfBlockKind::Paragraph, "Text before."),
            block(figure, ""),
            block(PdfBlockKind::Paragraph, "Figure 1: A chart."),
            block(PdfBlockKind::Paragraph, "Text after."),
        ];
        let texts: Vec<(PdfBlockKind, String)> = captioned(blocks)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect();
        assert_eq!(
            texts,
            [
                (PdfBlockKind::Paragraph, "Text before.".to_owned()),
                (figure, "Figure 1: A chart.".to_owned()),
                (PdfBlockKind::Paragraph, "Text after.".to_owned()),
            ]
        );
    }
}
