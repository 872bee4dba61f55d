//! The symbols of MathML's formulas, by how a line of text writes them.

/// Relations and binary operators: a space either side.
pub(super) const RELATIONS_AND_BINARY: &[&str] = &[
    "=", "≠", "<", ">", "≤", "≥", "≦", "≧", "≈", "≡", "∼", "≃", "≅", "∝", "≪", "≫", "+", "-", "−",
    "±", "∓", "×", "÷", "⋅", "·", "∗", "∘", "→", "←", "↔", "⇒", "⇐", "⇔", "⟶", "⟹", "⟸", "⟺", "↦",
    "∈", "∉", "∋", "⊂", "⊃", "⊆", "⊇", "∪", "∩", "∧", "∨", "⊕", "⊗", ":=", "≔", "⊥", "∖",
];
/// Operators that are a sign where nothing stands before them.
pub(super) const SIGNS: &[&str] = &["+", "-", "−", "±", "∓", "¬"];
pub(super) const LARGE_OPERATORS: &[&str] = &[
    "∑", "∏", "∐", "∫", "∬", "∭", "∮", "⋃", "⋂", "⋁", "⋀", "⨁", "⨂", "lim", "max", "min", "sup",
    "inf",
];
pub(super) const OPENING: &[&str] = &["(", "[", "{", "⟨", "⌊", "⌈", "〈"];
pub(super) const CLOSING: &[&str] = &[")", "]", "}", "⟩", "⌋", "⌉", "〉"];
/// Accents set over a letter, and the combining mark that writes each.
const ACCENTS: &[(char, char)] = &[
    ('˙', '\u{307}'),
    ('¨', '\u{308}'),
    ('^', '\u{302}'),
    ('ˆ', '\u{302}'),
    ('~', '\u{303}'),
    ('˜', '\u{303}'),
    ('¯', '\u{304}'),
    ('‾', '\u{305}'),
    ('→', '\u{20d7}'),
    ('⃗', '\u{20d7}'),
    ('ˇ', '\u{30c}'),
    ('´', '\u{301}'),
    ('`', '\u{300}'),
];

/// A letter in its double-struck form, as sets are named (ℝ, ℕ, ℤ).
pub(super) fn double_struck(letter: char) -> char {
    const OWN_POINTS: &[(char, char)] = &[
        ('C', 'ℂ'),
        ('H', 'ℍ'),
        ('N', 'ℕ'),
        ('P', 'ℙ'),
        ('Q', 'ℚ'),
        ('R', 'ℝ'),
        ('Z', 'ℤ'),
    ];
    if let Some((_, own)) = OWN_POINTS.iter().find(|(plain, _)| *plain == letter) {
        return *own;
    }
    let offset = match letter {
        'A'..='Z' => 0x1D538 + (letter as u32 - 'A' as u32),
        'a'..='z' => 0x1D552 + (letter as u32 - 'a' as u32),
        '0'..='9' => 0x1D7D8 + (letter as u32 - '0' as u32),
        _ => return letter,
    };
    char::from_u32(offset).unwrap_or(letter)
}

/// The combining mark an accent set over a letter is written with.
pub(super) fn over_accent(over: &str) -> Option<char> {
    let mut chars = over.chars();
    let accent = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    ACCENTS
        .iter()
        .find(|(shown, _)| *shown == accent)
        .map(|(_, mark)| *mark)
}

/// A letter, a digit, a mark over one, or a symbol written as a letter
/// (∂, ∇, ∞, primes): what one token of a formula is made of.
pub(super) fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
        || "∂∇∞′″‴ℏħ.^_".contains(c)
        || ('\u{300}'..='\u{36f}').contains(&c)
        || ('\u{20d0}'..='\u{20ff}').contains(&c)
}
