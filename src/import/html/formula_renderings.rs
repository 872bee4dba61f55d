//! A formula a page gives twice — as MathML hidden for screen readers and
//! as a picture of it (Wikipedia's `mwe-math-element`) — is shown as its
//! MathML, read into its sentence, and the picture is dropped: each inline
//! formula set as a figure of its own cut its sentence in pieces ("that
//! is, [picture] ."), its caption the TeX source.

use dom_query::{Document as HtmlDocument, NodeRef};

use super::walker::mathml::name_of;

/// How far up from a formula the element holding it and its renderings
/// alone is looked for, and how many children such an element may have.
const WRAPPER_LEVELS: usize = 4;
const WRAPPER_CHILDREN: usize = 8;

/// How many elements under a wrapper are looked at for its pictures, or
/// under one of its children for text.
const LOOKED_AT: usize = 64;

/// Shows each `<math>` element that has a picture of it beside it, in the
/// picture's place; called before Readability, which drops hidden elements.
pub(super) fn show_formulas_for_their_pictures(page: &HtmlDocument) {
    // One pass over the elements; the tree is changed after it.
    let formulas: Vec<NodeRef<'_>> = page
        .root()
        .descendants_it()
        .filter(|node| is_named(node, "math"))
        .collect();
    for math in formulas {
        let (wrapper, path) = wrapper_of(&math);
        let pictures = pictures_in(&wrapper);
        if pictures.is_empty() {
            continue;
        }
        for picture in pictures {
            picture.remove_from_parent();
        }
        // What hid it: a style, an attribute, a class for screen readers.
        for element in path {
            element.remove_attrs(&["style", "hidden", "aria-hidden", "class"]);
        }
    }
}

fn is_named(node: &NodeRef<'_>, name: &str) -> bool {
    node.is_element() && name_of(node) == name
}

/// The element that holds a formula and nothing else but pictures (its
/// renderings) — the formula itself when there is none —, and the
/// elements from the formula up to it.
fn wrapper_of<'a>(math: &NodeRef<'a>) -> (NodeRef<'a>, Vec<NodeRef<'a>>) {
    let mut wrapper = *math;
    let mut path = vec![*math];
    for _ in 0..WRAPPER_LEVELS {
        let Some(parent) = wrapper.parent().filter(NodeRef::is_element) else {
            break;
        };
        let mut children = parent.children_it(false);
        let holds_only_formula = children.by_ref().take(WRAPPER_CHILDREN).all(|child| {
            child.id == wrapper.id
                || (child.is_text() && child.text().trim().is_empty())
                || is_named(&child, "img")
                || (child.is_element() && holds_no_text(&child))
        });
        if !holds_only_formula || children.next().is_some() {
            break;
        }
        wrapper = parent;
        path.push(parent);
    }
    (wrapper, path)
}

/// The pictures among a formula's wrapper's children and theirs.
fn pictures_in<'a>(wrapper: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut pictures = Vec::new();
    let mut stack: Vec<NodeRef<'a>> = wrapper
        .children_it(false)
        .filter(|child| !is_named(child, "math"))
        .take(WRAPPER_CHILDREN)
        .collect();
    for _ in 0..LOOKED_AT {
        let Some(node) = stack.pop() else {
            break;
        };
        if is_named(&node, "img") {
            pictures.push(node);
        } else if !is_named(&node, "math") {
            let children = node.children_it(false).filter(NodeRef::is_element);
            stack.extend(children.take(LOOKED_AT));
        }
    }
    pictures
}

/// Whether an element holds no text, looked for in a few of its
/// descendants (one holding many is taken to hold text).
fn holds_no_text(element: &NodeRef<'_>) -> bool {
    let mut stack = vec![*element];
    for _ in 0..LOOKED_AT {
        let Some(node) = stack.pop() else {
            return true;
        };
        if node.is_text() && !node.text().trim().is_empty() {
            return false;
        }
        stack.extend(node.children_it(true).take(LOOKED_AT));
    }
    stack.is_empty()
}
