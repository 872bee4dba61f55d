//! Bytes to text: BOMs, UTF-8, UTF-16, legacy 8-bit encodings; binary refused.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("looks like a binary file, not text ({0})")]
    Binary(&'static str),
}

const DETECTION_SAMPLE_BYTES: usize = 256 * 1024;

/// Decodes an article's bytes to a `String` with Unix line ends (`\n`).
pub fn decode_text(bytes: &[u8]) -> Result<String, DecodeError> {
    let (encoding, bom_len) = detect_encoding(bytes);
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if !utf16 && looks_binary(bytes) {
        return Err(DecodeError::Binary("it contains NUL or control bytes"));
    }
    let decoded = decode_with(encoding, &bytes[bom_len..]);
    if looks_binary(decoded.as_bytes()) {
        return Err(DecodeError::Binary("it contains NUL or control bytes"));
    }
    Ok(unix_line_ends(&decoded))
}

/// The encoding of `bytes` and the length of its byte order mark: the BOM
/// wins, then UTF-16 by its NUL pattern, then valid UTF-8, then chardetng's
/// guess among legacy encodings.
fn detect_encoding(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some(found) = Encoding::for_bom(bytes) {
        return found;
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, 0);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, 0);
    }
    if let Some(encoding) = declared_html_charset(bytes) {
        return (encoding, 0);
    }
    // The first 256 KiB tell the encoding as well as a whole book does, at a
    // fraction of the time (chardetng reads ~20 MB/s).
    let sample = &bytes[..bytes.len().min(DETECTION_SAMPLE_BYTES)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), 0)
}

/// The charset a web page declares in its first 1,024 bytes
/// (`<meta charset="…">` or the http-equiv content type).
fn declared_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if !head.contains("<meta") {
        return None;
    }
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// UTF-16 without a BOM shows as every other byte being NUL in ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 10 >= pairs * 9 && even_nuls == 0 {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 9 && odd_nuls == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Binary: any NUL, or more than 1 % C0 control bytes other than tab, line
/// ends, form feed and escape, in the first 64 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 100 > sample.len()
}

fn unix_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFTitle\r\n\r\nBody\rEnd").unwrap(),
            "Title\n\nBody\nEnd"
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Zoë\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap(), "Zoë\n");
        let mut big = vec![0xFE, 0xFF];
        for unit in "Zoë".encode_utf16() {
            big.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_text(&big).unwrap(), "Zoë");
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes = b"\x93Well, Prince,\x94 said Anna P\xE1vlovna Sch\xE9rer \x97 the caf\xE9 was na\xEFve.";
        assert_eq!(detect_encoding(bytes).0.name(), "windows-1252");
        assert_eq!(
            decode_text(bytes).unwrap(),
            "\u{201C}Well, Prince,\u{201D} said Anna Pávlovna Schérer \u{2014} the café was naïve."
        );
    }

    #[test]
    fn an_html_page_s_declared_charset_is_used() {
        let page = b"<html><head><meta charset=\"iso-8859-2\"></head><body>\xB1 \xE6</body></html>";
        assert_eq!(detect_encoding(page).0.name(), "ISO-8859-2");
        assert!(decode_text(page).unwrap().contains("\u{0105} \u{0107}"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err());
        assert!(decode_text(&[0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0]).is_err());
    }
}
