//! Formulas on web pages (MathML) are read as text where they stand: in
//! their sentence, or set apart as lines of their own when displayed; a
//! picture a page shows of a formula it also gives as MathML (Wikipedia's)
//! gives way to the formula.

use marginalia::document::{BlockKind, Document};
use marginalia::import::import_bytes;

fn read(html: &str) -> Document {
    import_bytes(html.as_bytes(), Some(std::path::Path::new("page.html"))).expect("the page reads")
}

fn blocks(document: &Document) -> Vec<(BlockKind, &str)> {
    (0..document.blocks().len())
        .map(|i| (document.blocks()[i].kind, document.block_text(i)))
        .collect()
}

/// Asserts the document holds a paragraph of exactly this text.
fn assert_paragraph(document: &Document, text: &str) {
    let blocks = blocks(document);
    assert!(
        blocks.contains(&(BlockKind::Paragraph, text)),
        "{text}: {blocks:#?}"
    );
}

const FILLER: &str = "<p>Solving equations by formula is one of the oldest methods of algebra, \
    taught in schools for centuries and still the quickest way to the roots of a quadratic.</p>";

#[test]
fn a_formula_is_read_in_its_sentence_and_a_displayed_one_on_its_own_line() {
    let html = format!(
        "<html><head><title>The quadratic formula</title></head><body><article>\
         <h1>The quadratic formula</h1>{FILLER}\
         <p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn></math>, there are two solutions to \
         <math><mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>b</mi><mi>x</mi>\
         <mo>+</mo><mi>c</mi><mo>=</mo><mn>0</mn></math> and they are</p>\
         <math display=\"block\"><mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo>\
         <msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi>\
         </msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac><mo>.</mo></math>\
         {FILLER}</article></body></html>"
    );
    let document = read(&html);
    assert_paragraph(
        &document,
        "When a ≠ 0, there are two solutions to ax^2 + bx + c = 0 and they are",
    );
    assert_paragraph(&document, "x = (−b ± √(b^2 − 4ac))/2a.");
}

#[test]
fn a_pictured_formula_hidden_beside_its_picture_is_shown_in_its_place() {
    let formula = |tex: &str, mathml: &str| {
        format!(
            "<span class=\"mwe-math-element\"><span class=\"mwe-math-mathml-inline \
             mwe-math-mathml-a11y\" style=\"display: none;\"><math alttext=\"{{\\displaystyle {tex}}}\">\
             <semantics><mrow>{mathml}</mrow><annotation encoding=\"application/x-tex\">\
             {{\\displaystyle {tex}}}</annotation></semantics></math></span><img \
             src=\"formula-{}.svg\" class=\"mwe-math-fallback-image-inline\" aria-hidden=\"true\" \
             alt=\"{{\\displaystyle {tex}}}\" width=\"60\" height=\"60\"></span>",
            tex.len()
        )
    };
    let transpose = formula("A^{H}", "<msup><mi>A</mi><mi>H</mi></msup>");
    let matrix = formula("A", "<mi>A</mi>");
    let html = format!(
        "<html><head><title>Hermitian matrix - Wikipedia</title></head><body>\
         <div id=\"content\"><h1>Hermitian matrix</h1><div class=\"mw-parser-output\">{FILLER}\
         <p>If the conjugate transpose of a matrix {matrix} is denoted by {transpose}, then the \
         Hermitian property can be written concisely.</p>{FILLER}</div></div></body></html>"
    );
    let document = read(&html);
    assert_paragraph(
        &document,
        "If the conjugate transpose of a matrix A is denoted by A^H, then the Hermitian \
         property can be written concisely.",
    );
    let blocks = blocks(&document);
    assert!(
        !blocks
            .iter()
            .any(|(kind, _)| matches!(kind, BlockKind::Figure { .. })),
        "the formula's picture is not shown beside it: {blocks:#?}"
    );
    assert!(!document.text().contains("displaystyle"), "{blocks:#?}");
}

#[test]
fn a_formula_named_with_a_prefix_is_read_as_one() {
    let html = format!(
        "<html><head><title>Squares</title></head><body><article><h1>Squares</h1>{FILLER}\
         <p>The square of a number, written <m:math><m:msup><m:mi>x</m:mi><m:mn>2</m:mn>\
         </m:msup></m:math>, is never negative.</p>{FILLER}</article></body></html>"
    );
    let document = read(&html);
    assert_paragraph(
        &document,
        "The square of a number, written x^2, is never negative.",
    );
}
