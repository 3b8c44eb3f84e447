//! Merging a fresh extraction into the store the analyst has been reviewing.
//!
//! Facts are matched by their content key (see [`crate::keys`]), never by position or id:
//!
//! - Fresh facts with the same key (actors, domain, polarity and status) are one fact: citations
//!   and rules are united. Each citation keeps the details (quantity, condition, instrument) it
//!   states in its reading, where they may differ; the fact's own is that of the first
//!   citation, in the fact's sorted citation order, that states one (a citation without a
//!   reading states what its finding states). The statement is the first non-empty one of
//!   the findings in the order of what they cite. None of this depends on the order findings
//!   come in.
//! - An extracted fact already in the previous store keeps its `review` and `note`, and keeps its
//!   `statement`. The rule for statements is simply: **once a fact is in `facts.yaml`, its
//!   statement is the analyst's**. Re-extraction never rewrites a non-empty statement of a known
//!   fact, whether the analyst reworded it or not; emptying it (`statement: ""`) takes the
//!   extractor's wording again. Everything else (status, quantity, condition, citations, rules)
//!   comes from the fresh extraction.
//! - A previous extracted fact the extractor no longer finds is kept with `stale: true` when it
//!   was reviewed (accepted or rejected), and dropped when it was only proposed. A stale fact
//!   found again loses `stale`.
//! - A fact with `origin: manual` is kept as written; only its id (when it has none) and its
//!   corroboration are filled in. Manual ids are kept; an extracted fact whose id a manual fact
//!   already holds gets `-2`.
//! - Editing a key field (actors, domain, polarity, status; caveat kind, about; topic) makes an
//!   extracted fact another fact, which the extractor does not find: to correct what a fact
//!   says, reject it and add a manual fact.
//! - Source records come from the fresh extraction; a previous record is kept while a kept fact
//!   still cites that source.
//!
//! Merging is deterministic and idempotent: merging the same extraction twice gives the same
//! store as merging it once.

use std::collections::{BTreeMap, BTreeSet};

use crate::fact::{self, Fact};
use crate::model::{Extraction, FactStore, Meta, Origin, Review};

/// Merges `fresh` into `previous` (the store as the analyst left it), keeping review work.
pub fn merge(previous: Option<&FactStore>, fresh: Extraction) -> FactStore {
    let empty = FactStore::default();
    let previous = previous.unwrap_or(&empty);
    let mut store = FactStore {
        sources: fresh.sources,
        commitments: merge_kind(&previous.commitments, fresh.commitments),
        caveats: merge_kind(&previous.caveats, fresh.caveats),
        discrepancies: merge_kind(&previous.discrepancies, fresh.discrepancies),
    };
    let cited: BTreeSet<String> = cited_sources(&store.commitments)
        .chain(cited_sources(&store.caveats))
        .chain(cited_sources(&store.discrepancies))
        .collect();
    for (id, record) in &previous.sources {
        if cited.contains(id) && !store.sources.contains_key(id) {
            store.sources.insert(id.clone(), record.clone());
        }
    }
    fact::tidy_store(&mut store);
    fact::assign_ids(&mut store);
    fact::sort(&mut store.commitments);
    fact::sort(&mut store.caveats);
    fact::sort(&mut store.discrepancies);
    store
}

/// What [`merge`] reads of a previous store, and nothing else: facts the analyst wrote or
/// reviewed, whole (they may be kept as they are); the facts only proposed, without their
/// citations (only their key, review, note and statement carry over); and the source records.
///
/// `merge(Some(&merge_basis(&p)), x)` is `merge(Some(&p), x)`. A large brief's store holds
/// millions of citations; its basis is small enough to keep beside it and read in a moment.
pub fn merge_basis(store: &FactStore) -> FactStore {
    fn kind<F: Fact>(facts: &[F]) -> Vec<F> {
        facts
            .iter()
            .map(|f| {
                if f.meta().origin.is_extracted() && f.meta().review == Review::Proposed {
                    f.without_list()
                } else {
                    f.clone()
                }
            })
            .collect()
    }
    FactStore {
        sources: store.sources.clone(),
        commitments: kind(&store.commitments),
        caveats: kind(&store.caveats),
        discrepancies: kind(&store.discrepancies),
    }
}

fn cited_sources<F: Fact>(facts: &[F]) -> impl Iterator<Item = String> + '_ {
    facts
        .iter()
        .flat_map(|f| f.citations().into_iter().map(|c| c.source.to_string()))
}

fn merge_kind<F: Fact>(previous: &[F], fresh: Vec<F>) -> Vec<F> {
    let mut findings: BTreeMap<F::Key, Vec<F>> = BTreeMap::new();
    for mut f in fresh {
        f.id_mut().clear();
        f.normalize_codes();
        *f.meta_mut() = Meta {
            rules: std::mem::take(&mut f.meta_mut().rules),
            ..Meta::default()
        };
        findings.entry(f.key()).or_default().push(f);
    }
    let mut found: BTreeMap<F::Key, F> = findings
        .into_iter()
        .map(|(key, fs)| (key, F::combine(fs)))
        .collect();

    let mut out = Vec::new();
    let mut matched = BTreeSet::new();
    for p in previous {
        let meta = p.meta();
        match meta.origin {
            Origin::Manual => {
                let mut p = p.clone();
                p.meta_mut().stale = false;
                out.push(p);
            }
            Origin::Extracted => {
                let key = p.key();
                if let Some(f) = found.get_mut(&key) {
                    if matched.insert(key) {
                        f.meta_mut().review = meta.review;
                        f.meta_mut().note = meta.note.clone();
                        if !p.statement().trim().is_empty() {
                            *f.statement_mut() = p.statement().to_string();
                        }
                    }
                } else if meta.review != Review::Proposed {
                    let mut p = p.clone();
                    p.meta_mut().stale = true;
                    out.push(p);
                }
            }
        }
    }
    out.extend(found.into_values());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, Commitment, Domain, Polarity, Status};

    fn commitment(
        actors: &[&str],
        status: Status,
        quantity: Option<&str>,
        source: &str,
    ) -> Commitment {
        Commitment {
            id: String::new(),
            statement: String::new(),
            actors: actors.iter().map(|a| a.to_string()).collect(),
            domain: Domain::Training,
            polarity: Polarity::Positive,
            status,
            quantity: quantity.map(str::to_string),
            condition: None,
            citations: vec![Citation {
                source: source.into(),
                line: 3,
                quote: "trains pilots".into(),
                reading: None,
            }],
            corroboration: 0,
            meta: Meta {
                rules: vec![format!("rule-{source}").into()],
                ..Meta::default()
            },
            instrument: None,
        }
    }

    #[test]
    fn same_key_findings_become_one_fact() {
        let mut findings = vec![
            commitment(&["SE", "NO"], Status::Pledged, None, "a"),
            commitment(&["NO", "SE"], Status::Pledged, Some("two squadrons"), "b"),
            commitment(&["no", "se"], Status::Pledged, Some("one squadron"), "b"),
        ];
        let store = merge(
            None,
            Extraction {
                commitments: findings.clone(),
                ..Extraction::default()
            },
        );
        assert_eq!(store.commitments.len(), 1);
        let c = &store.commitments[0];
        assert_eq!(c.id, "c-no-se-training-pledged");
        assert_eq!(c.actors, vec!["NO", "SE"]);
        assert_eq!(c.status, Status::Pledged);
        // b's line (without a reading) is said to state both: the lesser is kept, whichever
        // finding came first
        assert_eq!(c.quantity.as_deref(), Some("one squadron"));
        findings.reverse();
        let reversed = merge(
            None,
            Extraction {
                commitments: findings,
                ..Extraction::default()
            },
        );
        assert_eq!(reversed, store);
        assert_eq!(c.corroboration, 2);
        assert_eq!(c.citations.len(), 2, "identical citations are kept once");
        assert_eq!(c.meta.rules, vec!["rule-a", "rule-b"]);
    }

    #[test]
    fn findings_of_different_status_stay_apart() {
        let fresh = Extraction {
            commitments: vec![
                commitment(&["SE"], Status::Discussed, None, "a"),
                commitment(&["SE"], Status::Signed, None, "b"),
            ],
            ..Extraction::default()
        };
        let store = merge(None, fresh);
        let got: Vec<(&str, Status)> = store
            .commitments
            .iter()
            .map(|c| (c.id.as_str(), c.status))
            .collect();
        assert_eq!(
            got,
            [
                ("c-se-training-signed", Status::Signed),
                ("c-se-training-discussed", Status::Discussed)
            ]
        );
    }

    #[test]
    fn manual_fact_keeps_its_id_and_pushes_an_extracted_twin_aside() {
        let mut manual = commitment(&["SE"], Status::Signed, None, "a");
        manual.id = "c-se-training-planned".into();
        manual.meta.origin = Origin::Manual;
        let previous = FactStore {
            commitments: vec![manual],
            ..FactStore::default()
        };
        let fresh = Extraction {
            commitments: vec![commitment(&["SE"], Status::Planned, None, "b")],
            ..Extraction::default()
        };
        let store = merge(Some(&previous), fresh);
        let ids: Vec<(&str, Origin)> = store
            .commitments
            .iter()
            .map(|c| (c.id.as_str(), c.meta.origin))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("c-se-training-planned", Origin::Manual),
                ("c-se-training-planned-2", Origin::Extracted)
            ]
        );
    }

    fn stating(
        source: &str,
        quote: &str,
        quantity: Option<&str>,
        condition: Option<&str>,
        instrument: Option<&str>,
    ) -> Citation {
        let s = |v: Option<&str>| v.map(std::sync::Arc::from);
        Citation {
            reading: Some(std::sync::Arc::new(crate::model::Reading {
                words: crate::model::Words {
                    actor: Some(quote.split(' ').next().unwrap().into()),
                    ..crate::model::Words::default()
                },
                quantity: s(quantity),
                condition: s(condition),
                instrument: s(instrument),
            })),
            ..Citation::new(source, 1, quote)
        }
    }

    fn finding(citation: Citation, quantity: Option<&str>, statement: &str) -> Commitment {
        Commitment {
            statement: statement.into(),
            citations: vec![citation],
            quantity: quantity.map(str::to_string),
            ..commitment(&["FR", "GB"], Status::Signed, None, "x")
        }
    }

    /// Every order of `items`.
    fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut out = Vec::new();
        for i in 0..items.len() {
            let mut rest = items.to_vec();
            let first = rest.remove(i);
            for mut p in permutations(&rest) {
                p.insert(0, first.clone());
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn details_stay_on_the_citations_that_state_them_and_the_first_gives_the_facts() {
        let b = stating(
            "b",
            "Britain will send up to 10,000 troops under a declaration of intent.",
            Some("up to 10,000 troops"),
            None,
            Some("declaration of intent"),
        );
        let a = stating(
            "a",
            "France will send 5,000 troops after a ceasefire.",
            Some("5,000 troops"),
            Some("after a ceasefire"),
            None,
        );
        // read, and stating no quantity: the finding's own quantity is not this line's
        let c = stating("c", "Paris and London signed.", None, None, None);
        let findings = [
            finding(
                b.clone(),
                Some("up to 10,000 troops"),
                "Britain will send troops.",
            ),
            finding(a.clone(), Some("5,000 troops"), "France will send troops."),
            finding(c.clone(), Some("20,000"), ""),
        ];
        let mut stores = permutations(&findings).into_iter().map(|commitments| {
            merge(
                None,
                Extraction {
                    commitments,
                    ..Extraction::default()
                },
            )
        });
        let store = stores.next().unwrap();
        assert!(stores.all(|s| s == store), "the order of findings matters");
        let [fact] = store.commitments.as_slice() else {
            panic!("{:#?}", store.commitments)
        };
        assert_eq!(fact.citations, [a, b, c], "each citation keeps its reading");
        assert_eq!(fact.quantity.as_deref(), Some("5,000 troops"));
        assert_eq!(fact.condition.as_deref(), Some("after a ceasefire"));
        assert_eq!(fact.instrument.as_deref(), Some("declaration of intent"));
        assert_eq!(fact.statement, "France will send troops.");
        let yaml = crate::to_yaml(&store);
        for detail in [
            "quantity: up to 10,000 troops",
            "instrument: declaration of intent",
            "quantity: 5,000 troops",
            "condition: after a ceasefire",
        ] {
            assert!(
                yaml.contains(&format!("    {detail}\n")),
                "{detail} in\n{yaml}"
            );
        }
    }

    #[test]
    fn a_citation_without_a_reading_states_what_its_finding_states() {
        let read = stating(
            "b",
            "Britain will send 900 troops.",
            Some("900 troops"),
            None,
            None,
        );
        let unread = Citation::new("a", 1, "France will send 300 troops.");
        let findings = [
            finding(read, Some("900 troops"), ""),
            finding(unread.clone(), Some("300 troops"), ""),
            // a finding that cites nothing gives a detail only when no citation states one
            Commitment {
                citations: vec![],
                condition: Some("after a ceasefire".into()),
                ..finding(unread, Some("1 troop"), "")
            },
        ];
        for commitments in permutations(&findings) {
            let store = merge(
                None,
                Extraction {
                    commitments,
                    ..Extraction::default()
                },
            );
            let fact = &store.commitments[0];
            assert_eq!(fact.quantity.as_deref(), Some("300 troops"));
            assert_eq!(fact.condition.as_deref(), Some("after a ceasefire"));
        }
    }
}
