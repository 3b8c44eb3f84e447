//! Properties of merging and writing, over generated extractions.

use std::collections::BTreeMap;
use std::sync::Arc;

use citebrief_store::*;
use proptest::prelude::*;
use proptest::sample::select;

/// Strings that are easy to get wrong in YAML, and an empty one.
const TEXTS: &[&str] = &[
    "",
    "two frigates",
    "NO",
    "yes: no",
    "10:30",
    "- dash",
    "a \"quoted\" #tag",
    "multi\nline",
    " padded ",
    "Ünïcode — ok",
];

fn text() -> impl Strategy<Value = String> {
    select(TEXTS).prop_map(str::to_string)
}

fn maybe_text() -> impl Strategy<Value = Option<Arc<str>>> {
    prop::option::weighted(0.3, text().prop_map(Arc::from))
}

/// What a citation read, often nothing (a citation written by hand).
fn reading() -> impl Strategy<Value = Option<Arc<Reading>>> {
    (
        (maybe_text(), maybe_text(), maybe_text(), maybe_text()),
        (maybe_text(), maybe_text(), maybe_text()),
    )
        .prop_map(
            |((actor, status, domain, caveat), (quantity, condition, instrument))| {
                let r = Reading {
                    words: Words {
                        actor,
                        status,
                        domain,
                        caveat,
                    },
                    quantity,
                    condition,
                    instrument,
                };
                (r != Reading::default()).then(|| Arc::new(r))
            },
        )
}

fn citation() -> impl Strategy<Value = Citation> {
    (select(&["a", "b", "c"][..]), 1u32..4, text(), reading()).prop_map(
        |(s, line, quote, reading)| Citation {
            source: s.into(),
            line,
            quote: quote.into(),
            reading,
        },
    )
}

fn actors() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        select(&["FR", "GB", "NO", "us", "Y"][..]).prop_map(str::to_string),
        0..3,
    )
}

fn meta() -> impl Strategy<Value = Meta> {
    prop::collection::vec(select(&["r1", "r2"][..]).prop_map(Into::into), 0..2).prop_map(|rules| {
        Meta {
            rules,
            ..Meta::default()
        }
    })
}

fn commitment() -> impl Strategy<Value = Commitment> {
    (
        (
            text(),
            actors(),
            select(Domain::ALL),
            select(Polarity::ALL),
            select(Status::ALL),
        ),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::collection::vec(citation(), 0..3),
            meta(),
        ),
    )
        .prop_map(
            |(
                (statement, actors, domain, polarity, status),
                (quantity, condition, instrument, citations, meta),
            )| Commitment {
                id: String::new(),
                statement,
                actors,
                domain,
                polarity,
                status,
                quantity,
                condition,
                citations,
                corroboration: 0,
                meta,
                instrument,
            },
        )
}

fn caveat() -> impl Strategy<Value = Caveat> {
    (
        text(),
        select(CaveatKind::ALL),
        actors(),
        prop::collection::vec(citation(), 0..3),
        meta(),
    )
        .prop_map(|(statement, caveat, about, citations, meta)| Caveat {
            id: String::new(),
            statement,
            caveat,
            about,
            citations,
            corroboration: 0,
            meta,
        })
}

fn discrepancy() -> impl Strategy<Value = Discrepancy> {
    let claim = (text(), citation()).prop_map(|(value, citation)| Claim {
        value: value.into(),
        citation,
    });
    (
        text(),
        select(&["meeting date", "Meeting  date", "force size", "NO"][..]),
        prop::collection::vec(claim, 0..3),
        meta(),
    )
        .prop_map(|(statement, topic, claims, meta)| Discrepancy {
            id: String::new(),
            statement,
            topic: topic.into(),
            claims,
            meta,
        })
}

fn extraction() -> impl Strategy<Value = Extraction> {
    let record = (text(), prop::option::of(text())).prop_map(|(sha256, title)| SourceRecord {
        file: "x.txt".into(),
        sha256,
        title,
        body: vec![[1, 2]],
        ..SourceRecord::default()
    });
    (
        prop::collection::btree_map(
            select(&["a", "b", "no"][..]).prop_map(str::to_string),
            record,
            0..3,
        ),
        prop::collection::vec(commitment(), 0..6),
        prop::collection::vec(caveat(), 0..4),
        prop::collection::vec(discrepancy(), 0..3),
    )
        .prop_map(
            |(sources, commitments, caveats, discrepancies): (BTreeMap<_, _>, _, _, _)| {
                Extraction {
                    sources,
                    commitments,
                    caveats,
                    discrepancies,
                }
            },
        )
}

fn write_and_load(store: &FactStore) -> FactStore {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.yaml");
    std::fs::write(&path, to_yaml(store)).unwrap();
    load(&path).unwrap().unwrap()
}

/// `x` with its facts, and each fact's citations and claims, in another order: reversed, then
/// rotated by `turn`.
fn reordered(x: &Extraction, turn: usize) -> Extraction {
    fn shuffle<T>(v: &mut [T], turn: usize) {
        v.reverse();
        if !v.is_empty() {
            let n = turn % v.len();
            v.rotate_left(n);
        }
    }
    let mut y = x.clone();
    shuffle(&mut y.commitments, turn);
    shuffle(&mut y.caveats, turn);
    shuffle(&mut y.discrepancies, turn);
    y.commitments
        .iter_mut()
        .for_each(|c| shuffle(&mut c.citations, turn));
    y.caveats
        .iter_mut()
        .for_each(|c| shuffle(&mut c.citations, turn));
    y.discrepancies
        .iter_mut()
        .for_each(|d| shuffle(&mut d.claims, turn));
    y
}

/// Commitments that often share a key: findings of one fact in several pieces.
fn findings_of_few_facts() -> impl Strategy<Value = Extraction> {
    prop::collection::vec(commitment(), 1..8).prop_map(|mut commitments| {
        for (i, c) in commitments.iter_mut().enumerate() {
            c.actors = vec![["FR", "GB"][i % 2].to_string()];
            c.domain = Domain::GroundForces;
            c.polarity = Polarity::Positive;
            c.status = Status::Pledged;
        }
        Extraction {
            commitments,
            ..Extraction::default()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_order_findings_come_in_changes_nothing(
        x in prop_oneof![extraction(), findings_of_few_facts()],
        turn in any::<usize>(),
    ) {
        prop_assert_eq!(merge(None, reordered(&x, turn)), merge(None, x));
    }

    #[test]
    fn a_detail_is_that_of_the_first_citation_that_states_one(x in findings_of_few_facts()) {
        let store = merge(None, x);
        for c in &store.commitments {
            let details = [
                (&c.quantity, Citation::quantity as fn(&Citation) -> Option<&str>),
                (&c.condition, Citation::condition),
                (&c.instrument, Citation::instrument),
            ];
            for (fact_says, read) in details {
                // the first citation that has no reading or reads a detail decides it
                let first = c.citations.iter().find(|cit| {
                    cit.reading.is_none() || read(cit).is_some_and(|v| !v.trim().is_empty())
                });
                if let Some(stated) = first.filter(|cit| cit.reading.is_some()) {
                    prop_assert_eq!(fact_says.as_deref(), read(stated), "{:#?}", c);
                }
            }
        }
    }

    #[test]
    fn the_merge_basis_reads_back_from_json_equal(x in extraction()) {
        // the build keeps the basis in .citebrief-cache/basis.json
        let basis = merge_basis(&merge(None, x));
        let json = serde_json::to_vec(&basis).unwrap();
        prop_assert_eq!(serde_json::from_slice::<FactStore>(&json).unwrap(), basis);
    }

    #[test]
    fn merging_the_same_extraction_again_changes_nothing(x in extraction()) {
        let once = merge(None, x.clone());
        let twice = merge(Some(&once), x.clone());
        prop_assert_eq!(to_yaml(&twice), to_yaml(&once));
        // Also through the file, as a rebuild does it.
        let reloaded = merge(Some(&write_and_load(&once)), x);
        prop_assert_eq!(to_yaml(&reloaded), to_yaml(&once));
    }

    #[test]
    fn the_merge_basis_merges_like_the_whole_store(
        x in extraction(),
        y in extraction(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), select(Review::ALL)), 0..3),
    ) {
        let mut previous = merge(None, x);
        let ids: Vec<String> = query::facts(&previous).map(|f| f.id().to_string()).collect();
        if !ids.is_empty() {
            for (pick, review) in picks {
                set_review(&mut previous, pick.get(&ids).as_str(), review, Some("n".into())).unwrap();
            }
        }
        let basis = merge_basis(&previous);
        prop_assert_eq!(
            to_yaml(&merge(Some(&basis), y.clone())),
            to_yaml(&merge(Some(&previous), y))
        );
    }

    #[test]
    fn written_store_reads_back_equal(x in extraction()) {
        let store = merge(None, x);
        prop_assert_eq!(write_and_load(&store), store);
    }

    #[test]
    fn ids_are_unique_and_plain(x in extraction()) {
        let store = merge(None, x);
        let ids: Vec<&str> = query::facts(&store).map(|f| f.id()).collect();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        prop_assert_eq!(unique.len(), ids.len());
        for id in ids {
            prop_assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", id);
        }
    }

    #[test]
    fn reviews_survive_a_rebuild(x in extraction(), pick in any::<prop::sample::Index>()) {
        let mut store = merge(None, x.clone());
        let ids: Vec<String> = query::facts(&store).map(|f| f.id().to_string()).collect();
        prop_assume!(!ids.is_empty());
        let id = pick.get(&ids).clone();
        set_review(&mut store, &id, Review::Rejected, Some("no".into())).unwrap();
        let rebuilt = merge(Some(&write_and_load(&store)), x);
        let f = query::facts(&rebuilt).find(|f| f.id() == id).expect("reviewed fact kept");
        prop_assert_eq!(f.review(), Review::Rejected);
        prop_assert_eq!(f.meta().note.as_deref(), Some("no"));
    }

    #[test]
    fn reviews_survive_a_different_extraction(x in extraction(), y in extraction(), pick in any::<prop::sample::Index>()) {
        let mut store = merge(None, x);
        let ids: Vec<String> = query::facts(&store).map(|f| f.id().to_string()).collect();
        prop_assume!(!ids.is_empty());
        set_review(&mut store, pick.get(&ids).as_str(), Review::Accepted, Some("seen".into())).unwrap();
        let rebuilt = merge(Some(&write_and_load(&store)), y.clone());
        let accepted: Vec<FactRef> = query(&rebuilt, &Query { review: Some(Review::Accepted), ..Query::default() });
        prop_assert_eq!(accepted.len(), 1);
        prop_assert_eq!(accepted[0].meta().note.as_deref(), Some("seen"));
        // Nothing proposed survives unless the new extraction found it.
        let fresh = merge(None, y);
        let proposed = query(&rebuilt, &Query { review: Some(Review::Proposed), ..Query::default() }).len();
        prop_assert!(proposed <= query::facts(&fresh).count());
        prop_assert!(query::facts(&rebuilt).all(|f| !f.meta().stale || f.review() == Review::Accepted));
    }
}
