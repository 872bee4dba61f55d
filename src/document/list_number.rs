//! An ordered list item's number and the way its list counts: "3.",
//! "c.", "iv.", "IV." — drawn before the item, never part of its text.

use serde::Serialize;

/// The glyphs an ordered list counts in (HTML's `type`, CSS's
/// `list-style-type`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberStyle {
    /// 1, 2, 3.
    #[default]
    Decimal,
    /// a, b, …, z, aa, ab.
    LowerAlpha,
    /// A, B, …, Z, AA, AB.
    UpperAlpha,
    /// i, ii, iii, iv.
    LowerRoman,
    /// I, II, III, IV.
    UpperRoman,
}

impl NumberStyle {
    /// The style HTML's `type` attribute names ("a", "A", "i", "I", "1";
    /// the case matters).
    pub fn from_html_type(value: &str) -> Option<Self> {
        match value.trim() {
            "1" => Some(Self::Decimal),
            "a" => Some(Self::LowerAlpha),
            "A" => Some(Self::UpperAlpha),
            "i" => Some(Self::LowerRoman),
            "I" => Some(Self::UpperRoman),
            _ => None,
        }
    }

    /// HTML's `type` for the style.
    pub fn html_type(self) -> &'static str {
        match self {
            Self::Decimal => "1",
            Self::LowerAlpha => "a",
            Self::UpperAlpha => "A",
            Self::LowerRoman => "i",
            Self::UpperRoman => "I",
        }
    }

    /// The style a CSS `list-style-type` keyword names, of those read as
    /// numbers here.
    pub fn from_css_keyword(keyword: &str) -> Option<Self> {
        match keyword.to_ascii_lowercase().as_str() {
            "decimal" => Some(Self::Decimal),
            "lower-alpha" | "lower-latin" => Some(Self::LowerAlpha),
            "upper-alpha" | "upper-latin" => Some(Self::UpperAlpha),
            "lower-roman" => Some(Self::LowerRoman),
            "upper-roman" => Some(Self::UpperRoman),
            _ => None,
        }
    }
}

/// An ordered item's number: its value and the glyphs it is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ListNumber {
    pub value: i32,
    pub style: NumberStyle,
}

impl ListNumber {
    pub fn decimal(value: i32) -> Self {
        Self {
            value,
            style: NumberStyle::Decimal,
        }
    }

    /// What is drawn before the item: "3.", "c.", "iv.". A value the
    /// style cannot write (zero or less in letters, past 3999 or below 1
    /// in Roman numerals) is written in digits, as browsers write it.
    pub fn label(self) -> String {
        let digits = || self.value.to_string();
        let glyphs = match self.style {
            NumberStyle::Decimal => digits(),
            NumberStyle::LowerAlpha => alphabetic(self.value).unwrap_or_else(digits),
            NumberStyle::UpperAlpha => alphabetic(self.value)
                .map(|letters| letters.to_ascii_uppercase())
                .unwrap_or_else(digits),
            NumberStyle::LowerRoman => self
                .roman()
                .map(|numeral| numeral.to_ascii_lowercase())
                .unwrap_or_else(digits),
            NumberStyle::UpperRoman => self.roman().unwrap_or_else(digits),
        };
        format!("{glyphs}.")
    }

    fn roman(self) -> Option<String> {
        u64::try_from(self.value).ok().and_then(roman_numeral)
    }
}

/// 1 → "a", 26 → "z", 27 → "aa" (letters as digits of a base with no
/// zero); `None` below 1.
fn alphabetic(value: i32) -> Option<String> {
    let mut rest = u32::try_from(value).ok().filter(|&v| v > 0)?;
    let mut letters = Vec::new();
    while rest > 0 {
        rest -= 1;
        letters.push(b'a' + (rest % 26) as u8);
        rest /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).ok()
}

/// 4 → "IV", 1994 → "MCMXCIV"; `None` outside 1 to 3999 (an ordered
/// list's numbers, a PDF's page labels).
pub fn roman_numeral(value: u64) -> Option<String> {
    const NUMERALS: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if !(1..=3999).contains(&value) {
        return None;
    }
    let mut rest = value;
    let mut numeral = String::new();
    for (worth, glyphs) in NUMERALS {
        while rest >= worth {
            numeral.push_str(glyphs);
            rest -= worth;
        }
    }
    Some(numeral)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(value: i32, style: NumberStyle) -> String {
        ListNumber { value, style }.label()
    }

    #[test]
    fn numbers_are_written_in_their_lists_glyphs() {
        assert_eq!(label(3, NumberStyle::Decimal), "3.");
        assert_eq!(label(-2, NumberStyle::Decimal), "-2.");
        assert_eq!(label(1, NumberStyle::LowerAlpha), "a.");
        assert_eq!(label(26, NumberStyle::LowerAlpha), "z.");
        assert_eq!(label(27, NumberStyle::UpperAlpha), "AA.");
        assert_eq!(label(703, NumberStyle::LowerAlpha), "aaa.");
        assert_eq!(label(4, NumberStyle::LowerRoman), "iv.");
        assert_eq!(label(1994, NumberStyle::UpperRoman), "MCMXCIV.");
        assert_eq!(label(3999, NumberStyle::UpperRoman), "MMMCMXCIX.");
    }

    #[test]
    fn a_value_a_style_cannot_write_is_written_in_digits() {
        assert_eq!(label(0, NumberStyle::LowerAlpha), "0.");
        assert_eq!(label(-1, NumberStyle::UpperAlpha), "-1.");
        assert_eq!(label(0, NumberStyle::UpperRoman), "0.");
        assert_eq!(label(4000, NumberStyle::LowerRoman), "4000.");
        assert_eq!(label(i32::MAX, NumberStyle::LowerAlpha), "fxshrxw.");
        assert_eq!(label(i32::MIN, NumberStyle::LowerRoman), "-2147483648.");
    }

    #[test]
    fn html_and_css_name_the_styles() {
        assert_eq!(
            NumberStyle::from_html_type("a"),
            Some(NumberStyle::LowerAlpha)
        );
        assert_eq!(
            NumberStyle::from_html_type("A"),
            Some(NumberStyle::UpperAlpha)
        );
        assert_eq!(
            NumberStyle::from_html_type(" I "),
            Some(NumberStyle::UpperRoman)
        );
        assert_eq!(NumberStyle::from_html_type("disc"), None);
        assert_eq!(
            NumberStyle::from_css_keyword("Lower-Latin"),
            Some(NumberStyle::LowerAlpha)
        );
        assert_eq!(NumberStyle::from_css_keyword("square"), None);
    }
}
