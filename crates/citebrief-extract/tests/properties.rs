//! Whatever the text, extraction does not panic and every quote lies on its line.

use citebrief_extract::{extract, Lexicon};
use proptest::prelude::*;

/// Words that make the rules fire, mixed with arbitrary text.
const WORDS: &[&str] = &[
    "France",
    "the UK",
    "Mr Macron",
    "he",
    "she",
    "we",
    "the allies",
    "will",
    "would not",
    "send",
    "troops",
    "after a ceasefire",
    "if financed by others",
    "ruled out",
    "Serbia",
    "rejects",
    "air, land and sea",
    "up to 5,000 soldiers",
    "on Tuesday",
    "January 6, 2024",
    "summit",
    "“",
    "”",
    ",",
    ".",
    "—",
    "é",
    "\r\n",
    "\n",
    "US-led",
    "monitoring",
    "not foreseen",
    "but",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(WORDS).prop_map(str::to_string),
            "\\PC{0,12}"
        ],
        0..120,
    )
    .prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn quotes_always_lie_on_their_lines(text in article()) {
        let doc = citebrief_source::read_bytes("p", text.as_bytes());
        let ex = extract(std::slice::from_ref(&doc), &Lexicon::builtin());
        let cites = ex.commitments.iter().flat_map(|c| &c.citations)
            .chain(ex.caveats.iter().flat_map(|c| &c.citations))
            .chain(ex.discrepancies.iter().flat_map(|d| d.claims.iter().map(|c| &c.citation)));
        for c in cites {
            let line = doc.line_text(c.line).expect("cited line exists");
            prop_assert!(line.contains(&*c.quote), "{:?} not on line {}", c.quote, c.line);
            prop_assert!(!c.quote.trim().is_empty());
        }
    }
}
