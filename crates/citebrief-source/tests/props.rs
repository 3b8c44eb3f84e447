//! Properties that hold for any input: reading never panics, lines tile the text, sentences
//! stay inside their line on char boundaries.

use citebrief_source::{read_bytes, segment, split_lines, Document};
use proptest::prelude::*;

fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let mut at = 0;
    for (k, l) in doc.lines.iter().enumerate() {
        prop_assert_eq!(l.number as usize, k + 1);
        prop_assert_eq!(l.start, at, "lines must tile the text");
        prop_assert!(l.start <= l.end && l.end <= text.len());
        let line = &text[l.start..l.end];
        prop_assert!(!line.contains(['\n', '\r']));
        let rest = &text[l.end..];
        let term = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(!rest.is_empty())
        };
        at = l.end + term;
    }
    prop_assert_eq!(at, text.len(), "lines must cover the whole text");
    let crlf = text.matches("\r\n").count();
    let terminators = text.matches('\n').count() + text.matches('\r').count() - crlf;
    let unterminated = usize::from(!text.is_empty() && !text.ends_with(['\n', '\r']));
    prop_assert_eq!(doc.lines.len(), terminators + unterminated);
    for s in &doc.sentences {
        let l = doc.lines[s.line as usize - 1];
        prop_assert!(l.body);
        prop_assert!(
            l.start <= s.start && s.start < s.end && s.end <= l.end,
            "{:?} outside {:?}",
            s,
            l
        );
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let t = doc.sentence_text(s);
        prop_assert_eq!(t, t.trim());
    }
    Ok(())
}

/// Text that looks a little like a page: words, punctuation that matters to the rules,
/// quotes, bullets, dates, and all three line ends.
fn pagelike() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,9}",
        Just(" ".to_owned()),
        Just(" ".to_owned()),
        Just(". ".to_owned()),
        Just("Mr. ".to_owned()),
        Just("U.S. ".to_owned()),
        Just("...".to_owned()),
        Just(" . . . ".to_owned()),
        Just("?! ".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("’".to_owned()),
        Just("…".to_owned()),
        Just("• ".to_owned()),
        Just("1.) ".to_owned()),
        Just("2) ".to_owned()),
        Just("© 2026 ".to_owned()),
        Just("Jan 7, 2026 ".to_owned()),
        Just("12:30".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("é".to_owned()),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn any_bytes_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_document(&read_bytes("fuzz", &bytes))?;
    }

    #[test]
    fn any_string_reads_consistently(text in any::<String>()) {
        check_document(&read_bytes("fuzz", text.as_bytes()))?;
    }

    #[test]
    fn pagelike_text_reads_consistently(text in pagelike()) {
        let doc = read_bytes("page", text.as_bytes());
        prop_assert_eq!(&doc.text, &text);
        prop_assert_eq!(split_lines(&text), doc.lines.iter().map(|l| citebrief_source::Line { body: false, ..*l }).collect::<Vec<_>>());
        check_document(&doc)?;
    }

    #[test]
    fn segments_are_ordered_trimmed_and_on_boundaries(text in prop_oneof![pagelike(), any::<String>()]) {
        let mut last = 0;
        for (a, b) in segment(&text) {
            prop_assert!(last <= a && a < b && b <= text.len());
            prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            prop_assert_eq!(&text[a..b], text[a..b].trim());
            last = b;
        }
    }
}
