//! The language an article is written in: as it declares it (an HTML
//! page's `lang`, an EPUB's `dc:language`), else as its text reads
//! (whatlang's trigram statistics over a sample of it). Hyphenation
//! follows it.

/// How much of the text the detector reads, in chars: a few pages is as
/// sure as the whole book, and a book takes no longer than a page.
const SAMPLE_CHARS: usize = 6_000;

/// The primary language subtag of a declared tag ("en-GB" → "en",
/// "pt_BR" → "pt"), lower case; `None` for what is not a language tag.
pub fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    let well_formed =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    well_formed.then(|| primary.to_ascii_lowercase())
}

/// The language `text` reads as (an ISO 639-1 code, or ISO 639-3 where
/// there is none), when the detector is sure of it.
pub fn detected_language(text: &str) -> Option<&'static str> {
    // Past the opening (titles, bylines, a table of contents) where there
    // is more than a sample of text.
    let skip = text
        .chars()
        .count()
        .saturating_sub(SAMPLE_CHARS)
        .min(SAMPLE_CHARS / 2);
    let start = text.char_indices().nth(skip).map_or(0, |(i, _)| i);
    let end = text[start..]
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    let info = whatlang::detect(&text[start..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    Some(
        ISO_639_1
            .iter()
            .find(|(three, _)| *three == code)
            .map_or(code, |(_, two)| *two),
    )
}

/// The two-letter codes of the languages whatlang tells apart.
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_tag_gives_its_primary_language() {
        assert_eq!(primary_subtag("en-GB").as_deref(), Some("en"));
        assert_eq!(primary_subtag(" pt_BR ").as_deref(), Some("pt"));
        assert_eq!(primary_subtag("DE").as_deref(), Some("de"));
        assert_eq!(primary_subtag("").as_deref(), None);
        assert_eq!(primary_subtag("x-klingon-1").as_deref(), None);
        assert_eq!(primary_subtag("{{lang}}").as_deref(), None);
    }

    #[test]
    fn a_text_reads_as_its_language() {
        let german = "Die Gedanken sind frei, wer kann sie erraten? Sie fliehen \
                      vorbei wie nächtliche Schatten. Kein Mensch kann sie wissen, \
                      kein Jäger erschießen mit Pulver und Blei: die Gedanken sind frei.";
        assert_eq!(detected_language(german), Some("de"));
        let english = "It was the best of times, it was the worst of times, it was \
                       the age of wisdom, it was the age of foolishness, it was the \
                       epoch of belief, it was the epoch of incredulity.";
        assert_eq!(detected_language(english), Some("en"));
        assert_eq!(detected_language("42"), None);
    }
}
