//! A small fact store of made-up sentences, shared by the integration tests.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use std::sync::Arc;

use citebrief_store::{
    BriefConfig, Caveat, CaveatKind, Citation, Claim, Commitment, Discrepancy, Domain, FactStore,
    Meta, Polarity, Reading, Review, SourceRecord, Status, Words,
};

pub fn templates_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../templates")
}

pub fn cite(source: &str, line: u32, quote: &str) -> Citation {
    Citation {
        source: source.into(),
        line,
        quote: quote.into(),
        reading: None,
    }
}

/// A citation that read its actor and the details it states (version 2).
pub fn read(
    source: &str,
    line: u32,
    quote: &str,
    actor: &str,
    details: [Option<&str>; 3],
) -> Citation {
    let [quantity, condition, instrument] = details.map(|d| d.map(Arc::from));
    Citation {
        reading: Some(Arc::new(Reading {
            words: Words {
                actor: Some(actor.into()),
                ..Words::default()
            },
            quantity,
            condition,
            instrument,
        })),
        ..cite(source, line, quote)
    }
}

pub fn meta(review: Review, stale: bool) -> Meta {
    Meta {
        review,
        stale,
        ..Meta::default()
    }
}

pub fn commitment(
    id: &str,
    actors: &[&str],
    domain: Domain,
    polarity: Polarity,
    status: Status,
    citations: Vec<Citation>,
) -> Commitment {
    let corroboration = citations
        .iter()
        .map(|c| c.source.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u32;
    Commitment {
        id: id.into(),
        statement: String::new(),
        actors: actors.iter().map(|a| a.to_string()).collect(),
        domain,
        polarity,
        status,
        quantity: None,
        condition: None,
        citations,
        corroboration,
        meta: Meta::default(),
        instrument: None,
    }
}

pub fn config() -> BriefConfig {
    BriefConfig {
        title: "Harbour talks, spring 2031".into(),
        subject: Some("Who promised what for the harbour".into()),
        beneficiary: Some("ZB".into()),
        adversaries: vec!["BD".into()],
        groups: vec!["LEAGUE".into()],
        ..BriefConfig::default()
    }
}

pub fn names() -> BTreeMap<String, String> {
    [
        ("FR", "France"),
        ("GB", "the United Kingdom"),
        ("DE", "Germany"),
        ("LEAGUE", "the league"),
        ("BD", "Borduria"),
        ("ZB", "Zembla"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn source(
    file: &str,
    title: Option<&str>,
    publisher: Option<&str>,
    date: Option<&str>,
) -> SourceRecord {
    SourceRecord {
        file: file.into(),
        sha256: "0".repeat(64),
        title: title.map(Into::into),
        publisher: publisher.map(Into::into),
        date: date.map(Into::into),
        repeats: None,
        body: vec![[1, 40]],
    }
}

/// Three sources, commitments of every kind and status (one signed under a named text, one
/// only discussed), a stale and a rejected fact, caveats, a discrepancy, and quotes full of
/// Markdown, HTML, template and Typst syntax.
pub fn store() -> FactStore {
    let mut sources = BTreeMap::new();
    sources.insert(
        "a_gazette".into(),
        source(
            "a_gazette.txt",
            Some("Harbour deal struck"),
            Some("The Gazette"),
            Some("2031-04-02"),
        ),
    );
    sources.insert(
        "b_courier".into(),
        source(
            "b_courier.txt",
            Some("Ministers meet at the quay"),
            Some("Courier"),
            Some("2031-04-03"),
        ),
    );
    sources.insert(
        "c_unknown".into(),
        source("c_unknown.txt", None, None, None),
    );
    let mut copy = source("d_copy.txt", None, Some("Reprints"), None);
    copy.repeats = Some("a_gazette".into());
    sources.insert("d_copy".into(), copy);

    let mut ships = commitment(
        "c-ships",
        &["FR", "GB"],
        Domain::Maritime,
        Polarity::Positive,
        Status::Pledged,
        vec![
            cite(
                "a_gazette",
                4,
                "France and Britain pledged two patrol boats for the harbour.",
            ),
            cite(
                "b_courier",
                7,
                "Paris and London will send two boats, officials said.",
            ),
            cite(
                "d_copy",
                3,
                "France and Britain pledged two patrol boats for the harbour, a reprint says.",
            ),
        ],
    );
    ships.quantity = Some("two patrol boats".into());
    ships.condition = Some("once the quay reopens".into());

    let mut money = commitment(
        "c-money",
        &["DE"],
        Domain::Financing,
        Polarity::Positive,
        Status::Offered,
        vec![cite(
            "a_gazette",
            9,
            "Germany offered *50 million* for the <script>alert(1)</script> repairs.",
        )],
    );
    money.statement =
        "Germany offered 50 million for repairs | a | b | and [x](javascript:alert(1)).".into();

    let mut stale = commitment(
        "c-training",
        &["LEAGUE"],
        Domain::Training,
        Polarity::Positive,
        Status::Planned,
        vec![cite(
            "c_unknown",
            3,
            "# The league plans {{ x }} training for `divers` [^1].",
        )],
    );
    stale.meta = meta(Review::Accepted, true);

    let no_troops = commitment(
        "c-no-troops",
        &["DE"],
        Domain::GroundForces,
        Polarity::Negative,
        Status::RuledOut,
        vec![
            cite(
                "b_courier",
                12,
                "Berlin ruled out sending soldiers to the quay.",
            ),
            cite(
                "c_unknown",
                5,
                "#set text(red) Germany will not send troops, a spokesman said.",
            ),
        ],
    );

    let mut rejected = commitment(
        "c-rejected",
        &["GB"],
        Domain::Air,
        Polarity::Positive,
        Status::Offered,
        vec![cite(
            "b_courier",
            20,
            "REJECTED-MARKER The UK offered jets.",
        )],
    );
    rejected.meta = meta(Review::Rejected, false);

    let mut declaration = commitment(
        "c-declaration",
        &["FR", "GB"],
        Domain::GroundForces,
        Polarity::Positive,
        Status::Signed,
        vec![read(
            "a_gazette",
            14,
            "France and Britain signed a declaration of intent to deploy up to 15,000 soldiers after a ceasefire.",
            "France and Britain",
            [
                Some("up to 15,000 soldiers"),
                Some("after a ceasefire"),
                Some("declaration of intent"),
            ],
        )],
    );
    declaration.quantity = Some("up to 15,000 soldiers".into());
    declaration.condition = Some("after a ceasefire".into());
    declaration.instrument = Some("declaration of intent".into());

    let engineers = commitment(
        "c-engineers",
        &["FR"],
        Domain::GroundForces,
        Polarity::Positive,
        Status::Planned,
        vec![cite(
            "a_gazette",
            16,
            "France is preparing to send its own engineers.",
        )],
    );

    let police = commitment(
        "c-police",
        &["LEAGUE"],
        Domain::Policing,
        Polarity::Positive,
        Status::Discussed,
        vec![cite(
            "b_courier",
            15,
            "Leaders discussed sending police officers to the port.",
        )],
    );

    let hospital = commitment(
        "c-hospital",
        &["DE"],
        Domain::Humanitarian,
        Polarity::Positive,
        Status::Pledged,
        vec![cite("c_unknown", 8, "Germany will send a field hospital.")],
    );

    let mut command = commitment(
        "c-command",
        &["GB"],
        Domain::Command,
        Polarity::Positive,
        Status::Offered,
        vec![read(
            "b_courier",
            16,
            "Under the Paris Declaration, Britain offered to lead the harbour mission.",
            "Britain",
            [None, None, Some("Paris Declaration")],
        )],
    );
    command.instrument = Some("Paris Declaration".into());

    let objection = Caveat {
        id: "k-opposition".into(),
        statement: String::new(),
        caveat: CaveatKind::Opposition,
        about: vec!["FR".into(), "GB".into()],
        citations: vec![Citation {
            reading: Some(Arc::new(Reading {
                words: Words {
                    actor: Some("Borduria".into()),
                    caveat: Some("would not go unanswered".into()),
                    ..Words::default()
                },
                ..Reading::default()
            })),
            ..cite(
                "b_courier",
                18,
                "Borduria said the deployment would not go unanswered.",
            )
        }],
        corroboration: 1,
        meta: Meta::default(),
    };

    let caveat = Caveat {
        id: "k-ceasefire".into(),
        statement: String::new(),
        caveat: CaveatKind::AfterCeasefire,
        about: vec!["FR".into(), "GB".into()],
        citations: vec![Citation {
            reading: Some(Arc::new(Reading {
                words: Words {
                    caveat: Some("only after the dockers' strike ends".into()),
                    ..Words::default()
                },
                ..Reading::default()
            })),
            ..cite(
                "a_gazette",
                11,
                "The boats sail only after the dockers' strike ends.",
            )
        }],
        corroboration: 1,
        meta: Meta::default(),
    };

    let discrepancy = Discrepancy {
        id: "d-date".into(),
        statement: String::new(),
        topic: "meeting date".into(),
        claims: vec![
            Claim {
                value: "2 April".into(),
                citation: cite("a_gazette", 2, "The ministers met on 2 April."),
            },
            Claim {
                value: "3 April".into(),
                citation: cite("b_courier", 2, "Ministers met on Thursday, 3 April."),
            },
        ],
        meta: Meta::default(),
    };

    FactStore {
        sources,
        commitments: vec![
            money,
            ships,
            stale,
            no_troops,
            rejected,
            declaration,
            engineers,
            police,
            hospital,
            command,
        ],
        caveats: vec![objection, caveat],
        discrepancies: vec![discrepancy],
    }
}
