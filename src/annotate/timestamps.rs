//! Times as the sidecar keeps them (RFC 3339). A time past what can be
//! represented (a hand-edited `9999-12-31T23:59:59Z`, a year 30000) is
//! clamped to the nearest one that can, so one odd date never makes the
//! other annotations unreadable; a text that is no time at all is named.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer};

/// Reads a time, clamping one out of range (see the module's note).
pub fn deserialize_clamped<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Timestamp, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_clamped(&text).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "{text:?} is not a time (written as 2024-05-01T12:00:00Z)"
        ))
    })
}

/// `text` as a time, one out of range clamped; `None` when it is no time.
pub fn parse_clamped(text: &str) -> Option<Timestamp> {
    if let Ok(time) = text.parse::<Timestamp>() {
        return Some(time);
    }
    // The year: an optional sign, then digits up to the first '-'.
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let digits = rest.split('-').next()?;
    if digits.len() < 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = sign * digits.parse::<i64>().unwrap_or(i64::MAX);
    // The rest must still look like a date and a time.
    if !rest[digits.len()..].starts_with('-') || !rest.contains('T') {
        return None;
    }
    match year {
        9999.. => Some(Timestamp::MAX),
        ..=-9999 => Some(Timestamp::MIN),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_past_the_range_are_clamped_and_others_named() {
        assert_eq!(parse_clamped("9999-12-31T23:59:59Z"), Some(Timestamp::MAX));
        assert_eq!(
            parse_clamped("+030000-01-01T00:00:00Z"),
            Some(Timestamp::MAX)
        );
        assert_eq!(
            parse_clamped("-010000-01-01T00:00:00Z"),
            Some(Timestamp::MIN)
        );
        assert_eq!(
            parse_clamped("2024-05-01T12:00:00Z"),
            "2024-05-01T12:00:00Z".parse().ok()
        );
        assert_eq!(parse_clamped("2024-13-01T12:00:00Z"), None);
        assert_eq!(parse_clamped("yesterday"), None);
        assert_eq!(parse_clamped(""), None);
    }
}
