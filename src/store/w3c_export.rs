//! Annotations as W3C Web Annotations: an `AnnotationPage` of them, each
//! target's text quote and position, and for a paged article its page.

use serde_json::{Value, json};

use crate::annotate::{AnchorResolution, Annotation, HighlightStyle};
use crate::document::{PageStart, page_index_in};

/// A W3C `AnnotationPage` of the annotations, in document order. For a
/// paged article (a PDF) each target also names its page: a
/// `FragmentSelector` of RFC 3778 (`page=N`, as PDF viewers open it) and
/// the page's label in `marginalia.page`; `pages` is empty for an article
/// without pages.
pub fn w3c_page(
    annotations: &[(&Annotation, &AnchorResolution)],
    source_uri: &str,
    pages: &[PageStart],
) -> Value {
    let items: Vec<Value> = annotations
        .iter()
        .map(|(a, resolution)| w3c_item(a, resolution, source_uri, pages))
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationPage",
        "items": items,
    })
}

/// One annotation as a W3C `Annotation`.
fn w3c_item(
    a: &Annotation,
    resolution: &AnchorResolution,
    source_uri: &str,
    pages: &[PageStart],
) -> Value {
    // The position selector describes the same text as the quote
    // selector: for a fuzzy match or an orphan, the recorded one.
    let (start, end) = (a.anchor.start_char, a.anchor.end_char);
    let mut body: Vec<Value> = Vec::new();
    if !a.note.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "value": a.note,
            "format": "text/markdown",
            "purpose": "commenting",
        }));
    }
    for tag in &a.tags {
        body.push(json!({"type": "TextualBody", "value": tag, "purpose": "tagging"}));
    }
    let mut item = json!({
        "id": format!("urn:uuid:{}", a.id),
        "type": "Annotation",
        "motivation": if a.note.is_empty() { "highlighting" } else { "commenting" },
        "created": a.created.to_string(),
        "modified": a.modified.to_string(),
        "body": body,
        "target": {
            "source": source_uri,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": a.anchor.exact,
                    "prefix": a.anchor.prefix,
                    "suffix": a.anchor.suffix,
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
        "anchorStatus": resolution.status.name(),
        "marginalia": {"color": a.color.name(), "style": match a.style {
            HighlightStyle::Highlight => "highlight",
            HighlightStyle::Underline => "underline",
        }},
    });
    let at = resolution.range.as_ref().map_or(start, |range| range.start);
    name_the_page(&mut item, pages, at);
    item
}

/// The page a target's text (from char `at`) is on, named in its item:
/// a `FragmentSelector` of RFC 3778 and `marginalia.page`, the label.
fn name_the_page(item: &mut Value, pages: &[PageStart], at: usize) {
    let Some(index) = page_index_in(pages, at) else {
        return;
    };
    if let Some(selectors) = item["target"]["selector"].as_array_mut() {
        selectors.push(json!({
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
            "value": format!("page={}", index + 1),
        }));
    }
    item["marginalia"]["page"] = json!(pages[index].label);
}
