//! `<noscript>` read as a browser with scripts reads it: its content is
//! text up to `</noscript>`, never elements. The parser reads it as a
//! browser without scripts would, so a page that opens an element in it
//! and never closes it (`<noscript><div id="nojs"></noscript>`) has the
//! rest of its body inside the `<noscript>`, which is never shown. Before
//! parsing, a `<noscript>` is taken out, unless it holds a picture (a
//! lazily loaded page's real `<img>`, which Readability reads from it).

use std::borrow::Cow;

/// `html` without its `<noscript>` elements that hold no picture.
pub(super) fn without_noscript(html: &str) -> Cow<'_, str> {
    const OPEN: &str = "<noscript";
    const CLOSE: &str = "</noscript>";
    let lower = html.to_ascii_lowercase();
    if !lower.contains(OPEN) {
        return Cow::Borrowed(html);
    }
    let mut kept = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(open) = lower[at..].find(OPEN).map(|i| at + i) {
        let Some(close) = lower[open..].find(CLOSE).map(|i| open + i + CLOSE.len()) else {
            break;
        };
        kept.push_str(&html[at..open]);
        if lower[open..close].contains("<img") {
            kept.push_str(&html[open..close]);
        }
        at = close;
    }
    kept.push_str(&html[at..]);
    Cow::Owned(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noscript_is_taken_out_unless_it_holds_a_picture() {
        let page = "<body><NOSCRIPT><div id=\"nojs\"></noscript><p>Text.</p>\
                    <noscript><img src=\"real.jpg\"></noscript><noscript>unclosed";
        assert_eq!(
            without_noscript(page),
            "<body><p>Text.</p><noscript><img src=\"real.jpg\"></noscript><noscript>unclosed"
        );
        assert!(matches!(
            without_noscript("<p>No scripts.</p>"),
            Cow::Borrowed(_)
        ));
    }
}
