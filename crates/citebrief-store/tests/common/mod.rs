//! A made-up extraction and source files for the store's tests.

use std::collections::BTreeMap;
use std::path::Path;

use citebrief_store::*;

/// Two sources about a made-up naval pact between Norway and Sweden.
pub const SOURCE_A: &str = "Header line\n\
Norway and Sweden will send two frigates to patrol the strait.\n\
The plan only starts once the talks end.\n\
Denmark will not send ships.\n\
Szohod said the patrol would not go unanswered.\n";

pub const SOURCE_B: &str = "Other page\r\n\
Oslo said Norway and Sweden will send two frigates.\r\n\
Officials did not say who pays for the patrol.\r\n";

pub fn cite(source: &str, line: u32, quote: &str) -> Citation {
    Citation {
        source: source.into(),
        line,
        quote: quote.into(),
        reading: None,
    }
}

fn meta(rule: &str) -> Meta {
    Meta {
        rules: vec![rule.to_string().into()],
        ..Meta::default()
    }
}

pub fn commitment(
    actors: &[&str],
    domain: Domain,
    polarity: Polarity,
    statement: &str,
    cites: Vec<Citation>,
) -> Commitment {
    Commitment {
        id: String::new(),
        statement: statement.into(),
        actors: actors.iter().map(|a| a.to_string()).collect(),
        domain,
        polarity,
        status: if polarity == Polarity::Negative {
            Status::RuledOut
        } else {
            Status::Pledged
        },
        quantity: None,
        condition: None,
        citations: cites,
        corroboration: 0,
        meta: meta("test-rule"),
        instrument: None,
    }
}

pub fn caveat(kind: CaveatKind, about: &[&str], statement: &str, cites: Vec<Citation>) -> Caveat {
    Caveat {
        id: String::new(),
        statement: statement.into(),
        caveat: kind,
        about: about.iter().map(|a| a.to_string()).collect(),
        citations: cites,
        corroboration: 0,
        meta: meta("test-rule"),
    }
}

/// What an extractor could find in [`SOURCE_A`] and [`SOURCE_B`].
pub fn extraction() -> Extraction {
    let mut sources = BTreeMap::new();
    for (id, text) in [("a", SOURCE_A), ("b", SOURCE_B)] {
        sources.insert(
            id.to_string(),
            SourceRecord {
                file: format!("{id}.txt"),
                sha256: sha256_hex(text.as_bytes()),
                title: Some(format!("Page {id}")),
                ..SourceRecord::default()
            },
        );
    }
    let mut frigates = commitment(
        &["SE", "NO"],
        Domain::Maritime,
        Polarity::Positive,
        "Norway and Sweden will send two frigates.",
        vec![cite("b", 2, "Norway and Sweden will send two frigates")],
    );
    frigates.quantity = Some("two frigates".into());
    Extraction {
        sources,
        commitments: vec![
            commitment(
                &["NO", "SE"],
                Domain::Maritime,
                Polarity::Positive,
                "Norway and Sweden will patrol the strait.",
                vec![cite(
                    "a",
                    2,
                    "Norway and Sweden will send two frigates to patrol the strait.",
                )],
            ),
            frigates,
            commitment(
                &["DK"],
                Domain::Maritime,
                Polarity::Negative,
                "Denmark will not send ships.",
                vec![cite("a", 4, "Denmark will not send ships.")],
            ),
        ],
        caveats: vec![
            caveat(
                CaveatKind::AfterCeasefire,
                &["NO", "SE"],
                "The patrol starts only after the talks.",
                vec![cite("a", 3, "The plan only starts once the talks end.")],
            ),
            caveat(
                CaveatKind::DetailsUnclear,
                &[],
                "Financing is unclear.",
                vec![cite(
                    "b",
                    3,
                    "Officials did not say who pays for the patrol.",
                )],
            ),
        ],
        discrepancies: vec![Discrepancy {
            id: String::new(),
            statement: "Sources differ on the number of frigates.".into(),
            topic: "Ship count".into(),
            claims: vec![
                Claim {
                    value: "two".into(),
                    citation: cite("b", 2, "two frigates"),
                },
                Claim {
                    value: "two".into(),
                    citation: cite("a", 2, "two frigates"),
                },
            ],
            meta: meta("test-rule"),
        }],
    }
}

/// Writes the two sources into `dir`.
pub fn write_sources(dir: &Path) {
    std::fs::write(dir.join("a.txt"), SOURCE_A).unwrap();
    std::fs::write(dir.join("b.txt"), SOURCE_B).unwrap();
}
