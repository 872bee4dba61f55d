use dom_query::Document as HtmlDocument;

use super::{Formula, formula};

/// The formula of a page holding one `<math>` element.
fn read(math: &str) -> Formula {
    let page = HtmlDocument::from(format!("<p>{math}</p>").as_str());
    let selection = page.select("math");
    let node = selection.nodes().first().copied();
    formula(&node.expect("the test page holds a <math> element"))
}

fn line(math: &str) -> String {
    let formula = read(math);
    assert_eq!(formula.lines.len(), 1, "{formula:?}");
    formula.lines.join("")
}

#[test]
fn relations_are_spaced_and_signs_are_not() {
    assert_eq!(line("<math><mi>a</mi><mo>≠</mo><mn>0</mn></math>"), "a ≠ 0");
    assert_eq!(
        line("<math><mi>y</mi><mo>=</mo><mo>−</mo><mi>x</mi><mo>+</mo><mn>1</mn></math>"),
        "y = −x + 1"
    );
}

#[test]
fn the_quadratic_formula_reads_as_one_types_it() {
    let quadratic = "<math display=\"block\"><mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo>\
        <mi>b</mi><mo>±</mo><msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn>\
        <mi>a</mi><mi>c</mi></msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac>\
        <mo>.</mo></math>";
    let formula = read(quadratic);
    assert!(formula.displayed);
    assert_eq!(formula.lines, ["x = (−b ± √(b^2 − 4ac))/2a."]);
}

#[test]
fn limits_and_scripts_are_written_with_marks_and_kept_apart() {
    let sum = "<math><munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow>\
        <mi>n</mi></munderover><msub><mi>a</mi><mi>k</mi></msub><msub><mi>b</mi><mi>k</mi>\
        </msub></math>";
    assert_eq!(line(sum), "∑_(k = 1)^n a_k b_k");
    let cube = "<math><msup><mrow><mo>(</mo><mn>1</mn><mo>+</mo><mi>x</mi><mo>)</mo></mrow>\
        <mn>3</mn></msup></math>";
    assert_eq!(line(cube), "(1 + x)^3");
}

#[test]
fn words_functions_and_accents_read_as_written() {
    let hermitian = "<math><mi>A</mi><mtext> Hermitian</mtext><mspace width=\"1em\"/>\
        <mo>⟺</mo><mi>A</mi><mo>=</mo><msup><mi>A</mi><mi>H</mi></msup></math>";
    assert_eq!(line(hermitian), "A Hermitian ⟺ A = A^H");
    let sine = "<math><mi>sin</mi><mo>&#x2061;</mo><mi>x</mi></math>";
    assert_eq!(line(sine), "sin x");
    let dot = "<math><mover><mi>x</mi><mo>˙</mo></mover><mo>=</mo><mi>y</mi></math>";
    assert_eq!(line(dot), "x\u{307} = y");
    let binomial = "<math><mo>(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac>\
        <mo>)</mo></math>";
    assert_eq!(line(binomial), "(n¦k)");
}

#[test]
fn a_displayed_table_of_equations_is_a_line_each() {
    let maxwell = "<math display=\"block\"><mtable><mtr><mtd><mi>∇</mi><mo>⋅</mo><mi>E</mi>\
        </mtd><mtd><mo>=</mo><mn>4</mn><mi>π</mi><mi>ρ</mi></mtd></mtr><mtr><mtd><mi>∇</mi>\
        <mo>⋅</mo><mi>B</mi></mtd><mtd><mo>=</mo><mn>0</mn></mtd></mtr></mtable></math>";
    assert_eq!(read(maxwell).lines, ["∇ ⋅ E = 4πρ", "∇ ⋅ B = 0"]);
    let matrix = "<math><mo>(</mo><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr>\
        <mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable><mo>)</mo></math>";
    assert_eq!(line(matrix), "(1, 0; 0, 1)");
}

#[test]
fn sets_keep_their_double_struck_letters() {
    let reals = "<math><mi>x</mi><mo>∈</mo><mi mathvariant=\"double-struck\">R</mi></math>";
    assert_eq!(line(reals), "x ∈ ℝ");
    let field = "<math><mi mathvariant=\"double-struck\">F</mi></math>";
    assert_eq!(line(field), "\u{1D53D}");
}

#[test]
fn annotations_are_not_read() {
    let semantics = "<math alttext=\"{\\displaystyle x^2}\"><semantics><mrow><msup><mi>x</mi>\
        <mn>2</mn></msup></mrow><annotation encoding=\"application/x-tex\">{\\displaystyle x^{2}}\
        </annotation></semantics></math>";
    assert_eq!(line(semantics), "x^2");
}

#[test]
fn deep_nesting_is_read_as_text_without_recursing_past_a_bound() {
    let depth = 20_000;
    let math = format!(
        "<math>{}<mi>x</mi><mo>+</mo><mn>1</mn>{}</math>",
        "<mrow>".repeat(depth),
        "</mrow>".repeat(depth)
    );
    assert_eq!(line(&math), "x + 1");
}

#[test]
fn prefixed_mathml_is_read_as_unprefixed() {
    let prefixed = "<m:math><m:msup><m:mi>x</m:mi><m:mn>2</m:mn></m:msup></m:math>";
    let page = HtmlDocument::from(format!("<p>{prefixed}</p>").as_str());
    let math = page
        .root()
        .descendants_it()
        .find(|node| node.node_name().is_some_and(|name| name.ends_with("math")));
    let formula = formula(&math.expect("the test page holds a formula"));
    assert_eq!(formula.lines, ["x^2"]);
}
