//! Bytes on disk to text: byte-order marks, UTF-8, legacy single-byte pages, binary files.

use encoding_rs::Encoding;

/// Decodes bytes: a byte-order mark first (UTF-8, UTF-16LE/BE; the mark is dropped), then
/// UTF-8, then a detector guess for legacy encodings such as windows-1252. Malformed
/// sequences become U+FFFD. Returns the text and the name of the encoding used.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let (text, encoding, _) = decode_checked(bytes);
    (text, encoding)
}

/// [`decode`], also saying whether some bytes were malformed in the chosen encoding.
pub(crate) fn decode_checked(bytes: &[u8]) -> (String, &'static str, bool) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc.name(), malformed);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), encoding_rs::UTF_8.name(), false);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, malformed) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name(), malformed)
}

/// Whether the bytes look like a binary file rather than text: a NUL byte in a file without a
/// UTF-16 byte-order mark, or many control characters near the start.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if matches!(Encoding::for_bom(bytes), Some((enc, _)) if enc != encoding_rs::UTF_8) {
        return false;
    }
    if memchr::memchr(0, bytes).is_some() {
        return true;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_are_dropped_and_named() {
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice("Café".as_bytes());
        assert_eq!(decode(&utf8), ("Café".to_owned(), "UTF-8"));

        let mut le = vec![0xFF, 0xFE];
        le.extend("Zürich\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le), ("Zürich\r\n".to_owned(), "UTF-16LE"));

        let mut be = vec![0xFE, 0xFF];
        be.extend("Łódź".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be), ("Łódź".to_owned(), "UTF-16BE"));
    }

    #[test]
    fn legacy_single_byte_pages_decode() {
        let bytes = b"Le pr\xe9sident fran\xe7ais a parl\xe9 \x93hier\x94 \xe0 l'\xc9lys\xe9e, en d\xe9tail.";
        let (text, enc) = decode(bytes);
        assert_eq!(enc, "windows-1252");
        assert_eq!(
            text,
            "Le président français a parlé “hier” à l'Élysée, en détail."
        );
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary("plain text, with\ttabs\r\n".as_bytes()));
        let mut le = vec![0xFF, 0xFE];
        le.extend("ok".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(!looks_binary(&le));
    }
}
