//! How an HTML ordered list counts, as a browser counts it: `start`
//! (negative too), `reversed` (a countdown, from its number of items when
//! no start is given), `type` or an inline `list-style-type` ("a.",
//! "iv."), and an item's own `value`.

use dom_query::{Document, NodeRef};

use crate::document::NumberStyle;
use crate::import::inline::Counting;

use super::mathml::name_of;

/// Writes an ordered list's inline `list-style-type` as its `type`, which
/// Readability keeps (it drops inline styles), so the walk after it
/// counts in the glyphs the page showed.
pub(in crate::import::html) fn carry_list_styles_to_types(page: &Document) {
    let styled: Vec<(NodeRef<'_>, NumberStyle)> = page
        .select("ol[style]")
        .nodes()
        .iter()
        .filter_map(|list| Some((*list, style_of_css(&list.attr("style")?)?)))
        .collect();
    for (list, style) in styled {
        list.set_attr("type", style.html_type());
    }
}

/// How the `<ol>` counts.
pub(super) fn counting_of(list: &NodeRef<'_>) -> Counting {
    let reversed = list.has_attr("reversed");
    let first = integer_attr(list, "start").unwrap_or_else(|| {
        if reversed {
            let items = list
                .element_children()
                .iter()
                .filter(|child| name_of(child) == "li")
                .count();
            i64::try_from(items).unwrap_or(i64::MAX)
        } else {
            1
        }
    });
    let style = list
        .attr("style")
        .and_then(|style| style_of_css(&style))
        .or_else(|| {
            list.attr("type")
                .and_then(|value| NumberStyle::from_html_type(&value))
        })
        .unwrap_or_default();
    Counting {
        first,
        reversed,
        style,
    }
}

/// The number an `<li>` gives itself (`value`), from which the items after
/// it count on.
pub(super) fn item_value(item: &NodeRef<'_>) -> Option<i64> {
    integer_attr(item, "value")
}

/// An attribute read as an integer as HTML reads one: leading spaces, a
/// sign, digits, anything after them ignored ("3rd" is 3); past the
/// range, held at its end.
fn integer_attr(node: &NodeRef<'_>, name: &str) -> Option<i64> {
    let value = node.attr(name)?;
    let value = value.trim_start();
    let (negative, digits) = match value.as_bytes().first() {
        Some(b'-') => (true, &value[1..]),
        Some(b'+') => (false, &value[1..]),
        _ => (false, value),
    };
    let digits: &str = &digits[..digits
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(digits.len())];
    if digits.is_empty() {
        return None;
    }
    let magnitude = digits.parse::<i64>().unwrap_or(i64::MAX);
    Some(if negative { -magnitude } else { magnitude })
}

/// The numbering an inline style gives a list (`list-style-type:
/// lower-roman`, or the keyword within `list-style: lower-roman inside`).
fn style_of_css(style: &str) -> Option<NumberStyle> {
    style.split(';').rev().find_map(|declaration| {
        let (property, value) = declaration.split_once(':')?;
        let property = property.trim().to_ascii_lowercase();
        if property != "list-style-type" && property != "list-style" {
            return None;
        }
        value
            .split_whitespace()
            .find_map(NumberStyle::from_css_keyword)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counting(html: &str) -> Counting {
        let doc = Document::from(html);
        let list = doc.select("ol");
        let node = list.nodes().first().cloned().expect("an ol");
        counting_of(&node)
    }

    #[test]
    fn a_list_counts_from_its_start_up_or_down() {
        assert_eq!(counting("<ol><li>a</ol>"), Counting::up_from(1));
        assert_eq!(counting("<ol start=' -3 '><li>a</ol>").first, -3);
        assert_eq!(counting("<ol start='7th'><li>a</ol>").first, 7);
        assert_eq!(counting("<ol start='x'><li>a</ol>").first, 1);
        assert_eq!(
            counting("<ol start='99999999999999999999999'><li>a</ol>").first,
            i64::MAX
        );
        let countdown = counting("<ol reversed><li>a<li>b<li>c<ol><li>d</ol></ol>");
        assert!(countdown.reversed);
        assert_eq!(countdown.first, 3);
        assert_eq!(counting("<ol reversed start=10><li>a</ol>").first, 10);
    }

    #[test]
    fn a_list_counts_in_the_glyphs_its_type_or_style_names() {
        assert_eq!(
            counting("<ol type=a><li>x</ol>").style,
            NumberStyle::LowerAlpha
        );
        assert_eq!(
            counting("<ol type=I><li>x</ol>").style,
            NumberStyle::UpperRoman
        );
        assert_eq!(
            counting("<ol type=a style='list-style: upper-roman inside'><li>x</ol>").style,
            NumberStyle::UpperRoman
        );
        assert_eq!(
            counting("<ol style='color: red; list-style-type: lower-latin'><li>x</ol>").style,
            NumberStyle::LowerAlpha
        );
        assert_eq!(
            counting("<ol type=disc><li>x</ol>").style,
            NumberStyle::Decimal
        );
    }
}
