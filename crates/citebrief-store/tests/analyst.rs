//! What an analyst does with `facts.yaml`: review, reword, add by hand, rebuild, verify.

mod common;

use citebrief_store::*;
use common::*;

/// Replaces the first `from` after the line `id: <id>` with `to`, as an analyst editing the
/// file would.
fn edit_fact(yaml: &str, id: &str, from: &str, to: &str) -> String {
    let start = yaml
        .find(&format!("id: {id}\n"))
        .unwrap_or_else(|| panic!("no fact {id} in:\n{yaml}"));
    let at = start
        + yaml[start..]
            .find(from)
            .unwrap_or_else(|| panic!("no `{from}` after {id}"));
    format!("{}{to}{}", &yaml[..at], &yaml[at + from.len()..])
}

fn find<'a>(store: &'a FactStore, id: &str) -> FactRef<'a> {
    query::facts(store)
        .find(|f| f.id() == id)
        .unwrap_or_else(|| {
            panic!(
                "no fact {id}; have {:?}",
                query::facts(store).map(|f| f.id()).collect::<Vec<_>>()
            )
        })
}

const MANUAL: &str = "\
- statement: The Netherlands offers a minehunter.
  actors: [NL]
  domain: demining
  polarity: positive
  status: offered
  origin: manual
  citations:
  - {source: b, line: 2, quote: Norway and Sweden}
  - {source: a, line: 2, quote: patrol the strait}
";

#[test]
fn rebuilding_keeps_review_rewording_and_manual_facts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.yaml");
    let first = merge(None, extraction());
    std::fs::write(&path, to_yaml(&first)).unwrap();

    let mut yaml = std::fs::read_to_string(&path).unwrap();
    yaml = edit_fact(
        &yaml,
        "c-dk-maritime-not",
        "review: proposed",
        "review: rejected\n  note: not in the treaty text",
    );
    yaml = edit_fact(
        &yaml,
        "c-no-se-maritime-pledged",
        "statement: Norway and Sweden will patrol the strait.",
        "statement: Norway and Sweden commit two frigates to the strait.",
    );
    yaml = yaml.replacen("caveats:\n", &format!("{MANUAL}caveats:\n"), 1);
    std::fs::write(&path, &yaml).unwrap();

    let edited = load(&path).unwrap().expect("the file exists");
    let second = merge(Some(&edited), extraction());

    let dk = find(&second, "c-dk-maritime-not");
    assert_eq!(dk.review(), Review::Rejected);
    assert_eq!(dk.meta().note.as_deref(), Some("not in the treaty text"));
    assert_eq!(
        find(&second, "c-no-se-maritime-pledged").statement(),
        "Norway and Sweden commit two frigates to the strait."
    );
    let FactRef::Commitment(manual) = find(&second, "c-nl-demining-offered") else {
        panic!("not a commitment")
    };
    assert_eq!(manual.meta.origin, Origin::Manual);
    assert_eq!(manual.statement, "The Netherlands offers a minehunter.");
    assert_eq!(manual.corroboration, 2);
    // Untouched facts are still only proposed, and nothing else appeared or vanished.
    assert_eq!(
        find(&second, "v-details-unclear-all").review(),
        Review::Proposed
    );
    assert_eq!(
        query::facts(&second).count(),
        query::facts(&first).count() + 1
    );

    // Rebuilding once more changes nothing.
    let again = merge(Some(&second), extraction());
    assert_eq!(to_yaml(&again), to_yaml(&second));
}

#[test]
fn reviewed_fact_no_longer_found_is_kept_stale_and_proposed_one_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.yaml");
    let yaml = to_yaml(&merge(None, extraction()));
    std::fs::write(
        &path,
        edit_fact(
            &yaml,
            "v-after-ceasefire-no-se",
            "review: proposed",
            "review: accepted",
        ),
    )
    .unwrap();
    let reviewed = load(&path).unwrap().unwrap();

    let mut fewer = extraction();
    fewer.caveats.clear();
    let store = merge(Some(&reviewed), fewer);
    let kept = find(&store, "v-after-ceasefire-no-se");
    assert!(kept.meta().stale);
    assert_eq!(kept.review(), Review::Accepted);
    assert!(
        query::facts(&store).all(|f| f.id() != "v-details-unclear-all"),
        "a proposed fact no longer found is dropped"
    );
    assert!(to_yaml(&store).contains("stale: true"));

    let found_again = merge(Some(&store), extraction());
    let back = find(&found_again, "v-after-ceasefire-no-se");
    assert!(!back.meta().stale);
    assert_eq!(back.review(), Review::Accepted);
}

/// A `facts.yaml` as version 1 wrote it: ids without the status, and the caveat that version
/// 2 calls `opposition` under its old name, reviewed.
const VERSION_1: &str = "\
sources:
  a:
    file: a.txt
    sha256: 0000
    title: Page a
    body: []
commitments:
- id: c-no-se-maritime
  statement: Norway and Sweden will patrol the strait.
  actors:
  - 'NO'
  - SE
  domain: maritime
  polarity: positive
  status: pledged
  citations:
  - source: a
    line: 2
    quote: Norway and Sweden will send two frigates to patrol the strait.
  corroboration: 1
  review: proposed
  rules:
  - test-rule
caveats:
- id: v-russian-opposition-no-se
  statement: Borduria threatens the patrol.
  caveat: russian-opposition
  about:
  - 'NO'
  - SE
  citations:
  - source: a
    line: 5
    quote: Szohod said the patrol would not go unanswered.
  corroboration: 1
  review: accepted
  note: checked against the palace readout
  rules:
  - test-rule
discrepancies: []
";

#[test]
fn a_version_1_russian_opposition_caveat_keeps_its_review_and_is_written_as_opposition() {
    let dir = tempfile::tempdir().unwrap();
    write_sources(dir.path());
    let path = dir.path().join("facts.yaml");
    std::fs::write(&path, VERSION_1).unwrap();
    let v1 = load(&path).unwrap().expect("a version 1 file loads");
    assert_eq!(v1.caveats[0].caveat, CaveatKind::Opposition);

    // A fresh extraction finds the same objection, as version 2 names it.
    let mut x = extraction();
    x.caveats.push(caveat(
        CaveatKind::Opposition,
        &["SE", "NO"],
        "Borduria objects.",
        vec![cite(
            "a",
            5,
            "Szohod said the patrol would not go unanswered.",
        )],
    ));
    for previous in [v1.clone(), merge_basis(&v1)] {
        let store = merge(Some(&previous), x.clone());
        let objections: Vec<&Caveat> = store
            .caveats
            .iter()
            .filter(|c| c.caveat == CaveatKind::Opposition)
            .collect();
        assert_eq!(
            objections.len(),
            1,
            "one fact, not a stale twin: {objections:#?}"
        );
        let c = objections[0];
        assert_eq!(c.id, "v-opposition-no-se");
        assert_eq!(c.meta.review, Review::Accepted);
        assert_eq!(
            c.meta.note.as_deref(),
            Some("checked against the palace readout")
        );
        assert_eq!(c.statement, "Borduria threatens the patrol.");
        assert!(!c.meta.stale);

        let yaml = to_yaml(&store);
        assert!(yaml.contains("caveat: opposition\n"), "{yaml}");
        assert!(!yaml.contains("russian-opposition"), "{yaml}");
        std::fs::write(&path, &yaml).unwrap();
        assert_eq!(load(&path).unwrap().unwrap(), store);
        assert_eq!(verify(&store, dir.path()), vec![]);
    }

    // Not found again, it is kept stale, and written in version 2's words too.
    let store = merge(Some(&v1), extraction());
    let kept = find(&store, "v-opposition-no-se");
    assert!(kept.meta().stale);
    assert_eq!(kept.review(), Review::Accepted);
    let yaml = to_yaml(&store);
    assert!(yaml.contains("caveat: opposition\n") && !yaml.contains("russian-opposition"));
}

#[test]
fn verify_flags_citations_once_their_source_changes() {
    let dir = tempfile::tempdir().unwrap();
    write_sources(dir.path());
    let mut store = merge(None, extraction());
    assert_eq!(
        verify(&store, dir.path()),
        vec![],
        "fresh citations all hold"
    );

    // Remove the Danish sentence from source a.
    let edited = SOURCE_A.replace("Denmark will not send ships.", "Denmark has not decided.");
    std::fs::write(dir.path().join("a.txt"), &edited).unwrap();

    // The recorded sha256 no longer matches: every citation of a is broken, none of b.
    let broken = verify(&store, dir.path());
    assert!(!broken.is_empty());
    assert!(
        broken
            .iter()
            .all(|b| &*b.source == "a" && b.reason.contains("changed since extraction")),
        "{broken:#?}"
    );
    let cited_in_a: std::collections::BTreeSet<&Citation> = query::facts(&store)
        .flat_map(|f| f.citations())
        .filter(|c| &*c.source == "a")
        .collect();
    assert_eq!(broken.len(), cited_in_a.len());

    // With the new file recorded, only the removed sentence's citation is broken.
    store.sources.get_mut("a").unwrap().sha256 = sha256_hex(edited.as_bytes());
    let broken = verify(&store, dir.path());
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert_eq!(
        (broken[0].line, broken[0].quote.as_ref()),
        (4, "Denmark will not send ships.")
    );
    let shown = broken[0].to_string();
    assert!(
        shown.starts_with(&format!("{}:4: ", dir.path().join("a.txt").display())),
        "{shown}"
    );

    // A rejected fact is not checked.
    let id = find(&store, "c-dk-maritime-not").id().to_string();
    set_review(&mut store, &id, Review::Rejected, None).unwrap();
    assert_eq!(verify(&store, dir.path()), vec![]);
}

#[test]
fn verify_reports_a_missing_source_and_a_line_past_the_end() {
    let dir = tempfile::tempdir().unwrap();
    write_sources(dir.path());
    let mut x = extraction();
    x.caveats[1].citations[0].line = 40;
    let store = merge(None, x);
    std::fs::remove_file(dir.path().join("a.txt")).unwrap();
    let broken = verify(&store, dir.path());
    let lines: Vec<(&str, u32)> = broken.iter().map(|b| (b.source.as_ref(), b.line)).collect();
    assert!(broken
        .iter()
        .filter(|b| &*b.source == "a")
        .all(|b| b.reason.contains("cannot read")));
    assert!(lines.contains(&("b", 40)), "{broken:#?}");
    assert!(broken
        .iter()
        .any(|b| &*b.source == "b" && b.reason.contains("no line 40")));
    assert!(
        !lines.contains(&("b", 2)),
        "citations that hold are not reported"
    );
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.yaml");
    let cases = [
        ("commitments:\n- actors: [FR]\n  domain: groundforces\n", 3, "ground-forces"),
        ("commitments:\n- actors: [FR]\n  domain: air\n  polarity: positive\n  status: offered\n  reveiw: accepted\n", 6, "reveiw"),
        ("caveats:\n- caveat: other\n  citations:\n  - {source: a, line: 2, quote: x, page: 3}\n", 4, "page"),
        ("commitments:\n  - actors: [FR\n", 3, ""),
    ];
    for (text, line, mentions) in cases {
        std::fs::write(&path, text).unwrap();
        let err = load(&path).expect_err(text);
        let StoreError::Yaml { line: got, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*got, line, "{err}");
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("{}:{line}:", path.display())),
            "{shown}"
        );
        assert!(shown.contains(mentions), "{shown}");
    }
}

#[test]
fn missing_file_is_no_store() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(load(&dir.path().join("facts.yaml")).unwrap(), None);
}

#[test]
fn set_review_suggests_close_ids() {
    let mut store = merge(None, extraction());
    set_review(
        &mut store,
        "v-details-unclear-all",
        Review::Accepted,
        Some("checked".into()),
    )
    .unwrap();
    assert_eq!(
        find(&store, "v-details-unclear-all").meta().note.as_deref(),
        Some("checked")
    );

    let err = set_review(
        &mut store,
        "c-no-se-maritime-pledge",
        Review::Accepted,
        None,
    )
    .unwrap_err();
    let StoreError::UnknownId { closest, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        closest.first().map(String::as_str),
        Some("c-no-se-maritime-pledged")
    );
    assert!(
        err.to_string()
            .contains("did you mean `c-no-se-maritime-pledged`"),
        "{err}"
    );
    assert!(!closest.contains(&"d-ship-count".to_string()));
}

#[test]
fn query_filters_by_actor_domain_status_kind_and_review() {
    let mut store = merge(None, extraction());
    set_review(&mut store, "c-dk-maritime-not", Review::Accepted, None).unwrap();
    let ids = |q: Query| {
        query(&store, &q)
            .iter()
            .map(|f| f.id().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(Query {
            actor: Some("no".into()),
            ..Query::default()
        }),
        ["c-no-se-maritime-pledged", "v-after-ceasefire-no-se"]
    );
    assert_eq!(
        ids(Query {
            kind: Some("discrepancy".parse().unwrap()),
            ..Query::default()
        }),
        ["d-ship-count"]
    );
    assert_eq!(
        ids(Query {
            review: Some(Review::Accepted),
            ..Query::default()
        }),
        ["c-dk-maritime-not"]
    );
    assert_eq!(
        ids(Query {
            domain: Some(Domain::Maritime),
            actor: Some("DK".into()),
            ..Query::default()
        }),
        ["c-dk-maritime-not"]
    );
    assert!(ids(Query {
        domain: Some(Domain::Air),
        ..Query::default()
    })
    .is_empty());
    // Only commitments have a status.
    assert_eq!(
        ids(Query {
            status: Some(Status::RuledOut),
            ..Query::default()
        }),
        ["c-dk-maritime-not"]
    );
    assert_eq!(
        ids(Query {
            status: Some(Status::Pledged),
            actor: Some("se".into()),
            ..Query::default()
        }),
        ["c-no-se-maritime-pledged"]
    );
    assert!(ids(Query {
        status: Some(Status::Discussed),
        ..Query::default()
    })
    .is_empty());
    assert!("firm"
        .parse::<Status>()
        .unwrap_err()
        .contains("signed, pledged, offered, planned, discussed, ruled-out"));
    assert!("facts"
        .parse::<Kind>()
        .unwrap_err()
        .contains("commitment, caveat, discrepancy"));
}

#[test]
fn query_results_serialize_with_their_kind() {
    let store = merge(None, extraction());
    let json = serde_json::to_value(query(&store, &Query::default())).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["kind"], "commitment");
    assert_eq!(items[0]["id"], "c-dk-maritime-not");
    assert_eq!(items[0]["domain"], "maritime");
    assert_eq!(items[0]["review"], "proposed");
    assert_eq!(items[4]["kind"], "discrepancy");
    assert_eq!(items[4]["claims"][0]["citation"]["source"], "a");
}
