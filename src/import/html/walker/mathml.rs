//! A MathML formula read as text, written the way one types mathematics
//! in a line (UnicodeMath's conventions): `x = (−b ± √(b^2 − 4ac))/2a`.
//! A formula so read stays in its sentence ("When a ≠ 0, there are two
//! solutions"), is found by search and is quoted whole; dropping it left
//! "When , there are two solutions to and they are".

use dom_query::NodeRef;

use crate::document::DocumentBuilder;
use crate::import::inline::collapse;

use super::Walker;
use super::mathml_symbols::{
    CLOSING, LARGE_OPERATORS, OPENING, RELATIONS_AND_BINARY, SIGNS, double_struck, is_token_char,
    over_accent,
};

/// Below this depth a formula's elements are read as their text alone:
/// the reading of untrusted nesting is bounded.
const MAX_DEPTH: usize = 48;

/// A formula as text.
#[derive(Debug, PartialEq)]
pub(super) struct Formula {
    /// Its lines: one, or one for each row of a displayed table of
    /// equations (Maxwell's four).
    pub(super) lines: Vec<String>,
    /// Set apart from the text (`display="block"`), not in a sentence.
    pub(super) displayed: bool,
}

impl Walker<'_> {
    /// A `<math>` element: read into its sentence, or set apart as lines
    /// of their own when the page displays it.
    pub(super) fn formula(&mut self, math: &NodeRef<'_>, builder: &mut DocumentBuilder) {
        let formula = formula(math);
        if !formula.displayed {
            self.inline.push_text(&formula.lines.join(" "));
            return;
        }
        self.flush(builder);
        for line in &formula.lines {
            self.inline.push_text(line);
            self.flush(builder);
        }
    }
}

/// What a piece of a formula is, for the spacing around it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    /// A letter, a number, a fraction, anything set close to its neighbours.
    Atom,
    /// A word: a function's name ("sin"), text ("for").
    Word,
    /// A relation or a binary operator, spaced unless it is a sign ("−b").
    Operator,
    /// A comma or semicolon: a space after.
    Separator,
    Open,
    Close,
    /// ∑, ∏, ∫ (with their limits): a space after.
    LargeOperator,
    /// A letter with a sub- or superscript, a fraction, a root: a space
    /// before a letter after it (`4π/c j`, not `4π/cj`).
    Scripted,
    Nothing,
}

struct Piece {
    text: String,
    class: Class,
}

impl Piece {
    fn new(text: impl Into<String>, class: Class) -> Self {
        Self {
            text: text.into(),
            class,
        }
    }

    fn nothing() -> Self {
        Self::new("", Class::Nothing)
    }
}

/// A `<math>` element as text.
pub(super) fn formula(math: &NodeRef<'_>) -> Formula {
    let displayed = math
        .attr("display")
        .is_some_and(|d| d.trim().eq_ignore_ascii_case("block"));
    let lines = match displayed.then(|| table_of(math)).flatten() {
        Some(table) => table_rows(&table, 1, " ")
            .iter()
            .map(|row| collapse(row))
            .filter(|row| !row.is_empty())
            .collect(),
        None => vec![collapse(&row(math, 1).text)],
    };
    Formula { lines, displayed }
}

/// The table of equations a displayed formula is, under the rows and
/// styles wrapping it alone.
fn table_of<'a>(math: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut node = *math;
    for _ in 0..MAX_DEPTH {
        let mut children = node.children_it(false).filter(|c| c.is_element());
        let child = children.next()?;
        match name_of(&child).as_str() {
            "mtable" => return Some(child),
            "semantics" => node = child,
            "mrow" | "mstyle" | "mpadded" if children.next().is_none() => node = child,
            _ => return None,
        }
    }
    None
}

/// An element's name, lower case, without a namespace's prefix ("mml:mi"
/// is "mi").
pub(in crate::import::html) fn name_of(node: &NodeRef<'_>) -> String {
    let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
    name.rsplit(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// One element of a formula as text.
fn piece(node: &NodeRef<'_>, depth: usize) -> Piece {
    if node.is_text() {
        let text = collapse(&node.text());
        return match text.is_empty() {
            true => Piece::nothing(),
            false => Piece::new(text, Class::Word),
        };
    }
    if !node.is_element() {
        return Piece::nothing();
    }
    if depth > MAX_DEPTH {
        return Piece::new(collapse(&text_below(node)), Class::Atom);
    }
    let name = name_of(node);
    match name.as_str() {
        "mi" | "mn" => token(node, name == "mi"),
        "mtext" | "ms" => {
            let text = node.text();
            let spaced = |edge: Option<char>| edge.is_some_and(char::is_whitespace);
            let before = if spaced(text.chars().next()) { " " } else { "" };
            let after = if spaced(text.chars().last()) { " " } else { "" };
            Piece::new(format!("{before}{}{after}", collapse(&text)), Class::Word)
        }
        "mo" => operator(&collapse(&node.text())),
        "mspace" => Piece::new(" ", Class::Nothing),
        "mphantom" | "annotation" | "annotation-xml" | "none" | "mprescripts" => Piece::nothing(),
        "semantics" | "maction" => match node.children_it(false).find(|c| c.is_element()) {
            Some(shown) => piece(&shown, depth + 1),
            None => Piece::nothing(),
        },
        "mfrac" => fraction(node, depth),
        "msqrt" => {
            let root = format!("√{}", group(&row(node, depth + 1).text));
            Piece::new(root, Class::Scripted)
        }
        "mroot" => {
            let [base, index] = parts(node, depth);
            let root = format!("√[{}]{}", collapse(&index.text), group(&base.text));
            Piece::new(root, Class::Scripted)
        }
        "msub" | "msup" | "msubsup" | "munder" | "mover" | "munderover" => {
            scripted(&name, node, depth)
        }
        "mmultiscripts" => multiscripts(node, depth),
        "mtable" => Piece::new(table_rows(node, depth, ", ").join("; "), Class::Atom),
        "mfenced" => fenced(node, depth),
        _ => row(node, depth + 1),
    }
}

/// An identifier or a number: a word when it is a name of more than one
/// letter ("sin"), in its double-struck form when it names a set (ℝ).
fn token(node: &NodeRef<'_>, identifier: bool) -> Piece {
    let text = collapse(&node.text());
    let text = match node.attr("mathvariant").as_deref().map(str::trim) {
        Some("double-struck") => text.chars().map(double_struck).collect(),
        _ => text,
    };
    let class = if LARGE_OPERATORS.contains(&text.as_str()) {
        Class::LargeOperator
    } else if identifier && text.chars().count() > 1 {
        Class::Word
    } else {
        Class::Atom
    };
    Piece::new(text, class)
}

/// An operator, by what it does to the spacing around it.
fn operator(text: &str) -> Piece {
    let class = match text {
        "" | "\u{2061}" | "\u{2062}" | "\u{2063}" | "\u{2064}" => return Piece::nothing(),
        "," | ";" => Class::Separator,
        _ if OPENING.contains(&text) => Class::Open,
        _ if CLOSING.contains(&text) => Class::Close,
        _ if LARGE_OPERATORS.contains(&text) => Class::LargeOperator,
        _ if RELATIONS_AND_BINARY.contains(&text) => Class::Operator,
        _ => Class::Atom,
    };
    Piece::new(text, class)
}

/// The children of an element read in a row, spaced as one writes them.
fn row(node: &NodeRef<'_>, depth: usize) -> Piece {
    let pieces: Vec<Piece> = node
        .children_it(false)
        .map(|child| piece(&child, depth))
        .filter(|p| !p.text.is_empty())
        .collect();
    if pieces.len() == 1 {
        return pieces.into_iter().next().unwrap_or_else(Piece::nothing);
    }
    let mut text = String::new();
    let mut previous: Option<Class> = None;
    for piece in &pieces {
        let sign = matches!(
            previous,
            None | Some(Class::Operator | Class::Open | Class::Separator | Class::LargeOperator)
        );
        match piece.class {
            Class::Operator if sign && SIGNS.contains(&piece.text.as_str()) => {
                text.push_str(&piece.text);
            }
            Class::Operator => text.push_str(&format!(" {} ", piece.text)),
            Class::Separator => text.push_str(&format!("{} ", piece.text)),
            Class::LargeOperator => text.push_str(&format!("{} ", piece.text)),
            class => {
                let apart =
                    matches!(previous, Some(Class::Word | Class::Scripted)) || class == Class::Word;
                let letters_meet = text.chars().last().is_some_and(char::is_alphanumeric)
                    && piece.text.chars().next().is_some_and(char::is_alphanumeric);
                if apart && letters_meet {
                    text.push(' ');
                }
                text.push_str(&piece.text);
            }
        }
        previous = Some(piece.class);
    }
    Piece::new(text, Class::Atom)
}

/// The first two element children of an element, read.
fn parts(node: &NodeRef<'_>, depth: usize) -> [Piece; 2] {
    let mut children = node.children_it(false).filter(|c| c.is_element());
    let mut next = || match children.next() {
        Some(child) => piece(&child, depth + 1),
        None => Piece::nothing(),
    };
    [next(), next()]
}

/// A fraction, `(a + b)/c`; a binomial coefficient (no line), `n¦k`.
fn fraction(node: &NodeRef<'_>, depth: usize) -> Piece {
    let [numerator, denominator] = parts(node, depth);
    let no_line = node
        .attr("linethickness")
        .is_some_and(|t| t.trim().trim_end_matches(|c: char| c.is_alphabetic()) == "0");
    let bar = if no_line { "¦" } else { "/" };
    let text = format!(
        "{}{bar}{}",
        group(&numerator.text),
        group(&denominator.text)
    );
    Piece::new(text, Class::Scripted)
}

/// A base with scripts or limits: `a_k`, `x^2`, `∑_(k=1)^n`, or a letter
/// with an accent over it (`ẋ`, `B⃗`).
fn scripted(name: &str, node: &NodeRef<'_>, depth: usize) -> Piece {
    let mut children = node.children_it(false).filter(|c| c.is_element());
    let mut next = || children.next().map(|child| piece(&child, depth + 1));
    let Some(base) = next() else {
        return Piece::nothing();
    };
    let (under, over) = match name {
        "msub" | "munder" => (next(), None),
        "msup" | "mover" => (None, next()),
        _ => (next(), next()),
    };
    let over_text = over.as_ref().map(|o| collapse(&o.text)).unwrap_or_default();
    let accent = over_accent(&over_text)
        .filter(|_| name == "mover" && base.text.chars().count() == 1 && under.is_none());
    if let Some(mark) = accent {
        return Piece::new(format!("{}{mark}", base.text), Class::Atom);
    }
    let class = match base.class {
        Class::LargeOperator | Class::Word if under.is_some() || over.is_some() => {
            Class::LargeOperator
        }
        _ => Class::Scripted,
    };
    let mut text = group(&base.text);
    for (mark, script) in [("_", under), ("^", over)] {
        if let Some(script) = script.filter(|s| !collapse(&s.text).is_empty()) {
            text.push_str(mark);
            text.push_str(&group(&script.text));
        }
    }
    Piece::new(text, class)
}

/// `<mmultiscripts>`: a base with pairs of scripts after it, and before it
/// past `<mprescripts/>`.
fn multiscripts(node: &NodeRef<'_>, depth: usize) -> Piece {
    let mut before = String::new();
    let mut after = String::new();
    let mut past_prescripts = false;
    let mut base = None;
    let mut pair = 0;
    for child in node.children_it(false).filter(|c| c.is_element()) {
        if name_of(&child) == "mprescripts" {
            past_prescripts = true;
            pair = 0;
            continue;
        }
        let script = collapse(&piece(&child, depth + 1).text);
        if base.is_none() {
            base = Some(script);
            continue;
        }
        let mark = if pair % 2 == 0 { "_" } else { "^" };
        pair += 1;
        if !script.is_empty() {
            let scripts = if past_prescripts {
                &mut before
            } else {
                &mut after
            };
            scripts.push_str(&format!("{mark}{}", group(&script)));
        }
    }
    let base = group(&base.unwrap_or_default());
    Piece::new(format!("{before}{base}{after}"), Class::Scripted)
}

/// `<mfenced>`: its children between its fences, parted by its separators.
fn fenced(node: &NodeRef<'_>, depth: usize) -> Piece {
    let open = node
        .attr("open")
        .map_or("(".to_owned(), |o| o.trim().to_owned());
    let close = node
        .attr("close")
        .map_or(")".to_owned(), |c| c.trim().to_owned());
    let separators: Vec<char> = node.attr("separators").map_or(vec![','], |s| {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    });
    let mut text = open;
    let items = node.children_it(false).filter(|c| c.is_element());
    for (i, child) in items.enumerate() {
        if i > 0 {
            let separator = separators.get(i - 1).or(separators.last());
            if let Some(separator) = separator {
                text.push(*separator);
                text.push(' ');
            }
        }
        text.push_str(&collapse(&piece(&child, depth + 1).text));
    }
    text.push_str(&close);
    Piece::new(text, Class::Atom)
}

/// A table's rows, each its cells in a line: a matrix's cells parted by
/// commas, a table of equations' cells (`∇ ⋅ E`, `= 4πρ`) by a space.
fn table_rows(table: &NodeRef<'_>, depth: usize, between_cells: &str) -> Vec<String> {
    let is_row = |n: &NodeRef<'_>| matches!(name_of(n).as_str(), "mtr" | "mlabeledtr");
    table
        .children_it(false)
        .filter(is_row)
        .map(|row| {
            let cells = row.children_it(false).filter(|c| c.is_element());
            let cells: Vec<String> = cells
                .map(|cell| collapse(&piece(&cell, depth + 2).text))
                .filter(|cell| !cell.is_empty())
                .collect();
            cells.join(between_cells)
        })
        .collect()
}

/// A part set in brackets unless it is one token: `2a`, `x`, `(1 + x)`.
fn group(text: &str) -> String {
    let text = collapse(text);
    let one_token = text.chars().all(is_token_char) || text.chars().count() == 1;
    if one_token || is_bracketed(&text) {
        text
    } else {
        format!("({text})")
    }
}

/// Whether a text is one bracketed whole: `(1 + x)`, not `(a)(b)`.
fn is_bracketed(text: &str) -> bool {
    if !text.starts_with('(') || !text.ends_with(')') {
        return false;
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + 1 < text.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// The text below an element too deep to read as a formula, gathered
/// without recursion.
fn text_below(node: &NodeRef<'_>) -> String {
    let mut text = String::new();
    let mut stack = vec![*node];
    while let Some(node) = stack.pop() {
        if node.is_text() {
            text.push_str(&node.text());
            text.push(' ');
        }
        stack.extend(node.children_it(true));
    }
    text
}

#[cfg(test)]
#[path = "mathml_tests.rs"]
mod tests;
