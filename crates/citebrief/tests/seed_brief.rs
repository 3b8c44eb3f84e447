//! The seed brief as a reader gets it (issue 15): a bottom line whose every sentence is
//! cited, each commitment stated once, the sources named as their pages name them, the
//! rewrite of another source marked and not counted as independent, caveats in the words of
//! the clauses that state them, and only about actors who committed something.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Scratch;

/// The seed brief built from its committed sources, templates and brief.yaml.
fn seed() -> &'static (String, citebrief_store::FactStore) {
    static SEED: std::sync::OnceLock<(String, citebrief_store::FactStore)> =
        std::sync::OnceLock::new();
    SEED.get_or_init(|| {
        let s = Scratch::seed(5);
        s.build();
        let store: citebrief_store::FactStore =
            serde_yaml::from_str(&s.read("facts.yaml")).unwrap();
        (s.read("brief.md"), store)
    })
}

/// The text of a section (`## name`), up to the next one.
fn section<'a>(md: &'a str, name: &str) -> &'a str {
    md.split(&format!("\n## {name}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("no section {name}"))
        .split("\n## ")
        .next()
        .unwrap()
}

/// A list item without its footnote marks and source counts, unescaped.
fn bare(item: &str) -> String {
    let mut s = item.to_string();
    while let Some(i) = s.find("[^") {
        let j = s[i..].find(']').map_or(s.len(), |j| i + j + 1);
        s.replace_range(i..j, "");
    }
    s.replace('\\', "")
}

#[test]
fn the_committed_seed_brief_is_what_the_build_makes() {
    let committed =
        std::fs::read_to_string(common::repo().join("briefs/paris-2026-01/brief.md")).unwrap();
    assert!(
        committed == seed().0,
        "briefs/paris-2026-01/brief.md is out of date: run `just brief`"
    );
}

#[test]
fn every_sentence_of_the_bottom_line_is_cited() {
    let bottom = section(&seed().0, "Bottom line");
    let items: Vec<&str> = bottom
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect();
    assert!((3..=6).contains(&items.len()), "{bottom}");
    for item in &items {
        // one sentence, then its notes
        let (sentence, notes) = item.split_once("[^").unwrap_or((item, ""));
        assert!(!notes.is_empty(), "uncited: {item}");
        assert!(sentence.ends_with('.'), "{item}");
        assert_eq!(
            sentence.matches(". ").count(),
            0,
            "one sentence per item: {item}"
        );
    }
    // what was signed, by whom, in which text, comes first
    assert!(
        items[0].contains(" signed a declaration of intent to "),
        "{}",
        items[0]
    );
    // what the commitments wait on, and a disagreement
    assert!(items
        .iter()
        .any(|i| i.starts_with("These commitments take effect only")));
    assert!(items
        .iter()
        .any(|i| i.starts_with("The sources disagree on the ")));
}

#[test]
fn each_commitment_is_stated_once_and_a_joint_one_under_its_actors_together() {
    let (md, store) = seed();
    let by_actor = section(md, "Commitments by actor");
    let items: Vec<String> = by_actor
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(bare)
        .collect();
    let unique: BTreeSet<&String> = items.iter().collect();
    assert_eq!(
        unique.len(),
        items.len(),
        "a statement is repeated: {items:#?}"
    );
    // every positive commitment's wording is said once in the section, as a statement or as
    // another report of a firmer one
    for c in &store.commitments {
        if c.polarity == citebrief_store::Polarity::Negative {
            continue;
        }
        let heads = items
            .iter()
            .filter(|i| i.starts_with(&c.meta.wording))
            .count();
        assert!(heads <= 1, "{} stated {heads} times", c.meta.wording);
    }
    // a joint commitment's sentence is under one heading, its actors' together
    let mut headings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut heading = String::new();
    for l in by_actor.lines() {
        if let Some(h) = l.strip_prefix("### ") {
            heading = h.to_string();
        } else if let Some(i) = l.strip_prefix("- ") {
            headings.entry(bare(i)).or_default().push(heading.clone());
        }
    }
    let joint: Vec<&citebrief_store::Commitment> = store
        .commitments
        .iter()
        .filter(|c| c.actors.len() > 1 && c.polarity == citebrief_store::Polarity::Positive)
        .collect();
    assert!(!joint.is_empty());
    for c in joint {
        let under: Vec<&String> = headings
            .iter()
            .filter(|(item, _)| item.contains(&c.meta.wording[..c.meta.wording.len() - 1]))
            .flat_map(|(_, h)| h)
            .collect();
        assert!(under.len() <= 1, "{} under {under:?}", c.meta.wording);
        for h in under {
            assert!(h.ends_with(", jointly"), "{} under {h}", c.meta.wording);
        }
    }
    // ... and its members are referred to it
    assert!(by_actor.contains("Also, jointly with "), "{by_actor}");
}

#[test]
fn the_sources_are_named_as_their_pages_name_them() {
    // the title, publisher and date of each page where the gold standard of the seeds
    // (../shared/gold/seeds.yaml) has one, and none where it has none; a title is the page's
    // headline line (its no-break spaces as spaces)
    let line = |id: &str, n: usize| -> String {
        let path = common::repo().join(format!("briefs/paris-2026-01/sources/{id}.txt"));
        let text = std::fs::read_to_string(path).unwrap();
        let l = text.lines().nth(n - 1).unwrap().replace('\u{a0}', " ");
        l.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    type Page<'a> = (&'a str, Option<String>, Option<&'a str>, Option<&'a str>);
    let want: [Page; 5] = [
        (
            "000_852bc45e6e8cd3b6",
            Some(line("000_852bc45e6e8cd3b6", 33)),
            Some("NZCity (ABC)"),
            None,
        ),
        (
            "001_860942daf91e2188",
            Some(line("001_860942daf91e2188", 10)),
            Some("DNYUZ (New York Times)"),
            Some("2026-01-07"),
        ),
        ("002_bb624f3a888aa6a5", None, None, None),
        ("003_2c56ff1810b1e9dc", None, None, None),
        (
            "004_408762ffd3d247e2",
            None,
            Some("Naija247news"),
            Some("2026-01-07"),
        ),
    ];
    let (md, store) = seed();
    for (id, title, publisher, date) in want {
        let s = &store.sources[id];
        assert_eq!(
            (
                s.title.as_deref(),
                s.publisher.as_deref(),
                s.date.as_deref()
            ),
            (title.as_deref(), publisher, date),
            "{id}"
        );
    }
    let sources = section(md, "Sources");
    assert!(sources.contains("1. NZCity \\(ABC\\): *"), "{sources}");
    assert!(!sources.contains("unknown"), "{sources}");
}

#[test]
fn the_rewrite_is_marked_and_not_counted_as_an_independent_source() {
    let (md, store) = seed();
    assert_eq!(
        store.sources["002_bb624f3a888aa6a5"].repeats.as_deref(),
        Some("000_852bc45e6e8cd3b6")
    );
    let repeating: Vec<&String> = store
        .sources
        .iter()
        .filter(|(_, s)| s.repeats.is_some())
        .map(|(id, _)| id)
        .collect();
    assert_eq!(repeating.len(), 1, "{repeating:?}");
    assert!(md.contains("Drawn from 5 sources (4 independent)"), "{md}");
    let sources = section(md, "Sources");
    let third = sources.lines().find(|l| l.starts_with("3. ")).unwrap();
    assert!(third.contains("Largely repeats 1 "), "{third}");
    // a statement that 000 and its rewrite both report counts them as one independent source
    assert!(md.contains(" sources, 2 independent)"), "{md}");
}

#[test]
fn caveats_say_what_their_clause_says_and_limit_only_those_who_committed() {
    let (md, store) = seed();
    let caveats = section(md, "Caveats");
    // the objecting party is named from brief.yaml's adversaries, never a label of a class
    assert!(caveats.contains("\n### Opposition by "), "{caveats}");
    for label in [
        "rejected or threatened by",
        "face doubts about whether peace or support will hold",
        "or depend on others' money",
    ] {
        assert!(!caveats.contains(label), "{label} in {caveats}");
    }
    let opposition = caveats.split("### Opposition by ").nth(1).unwrap();
    let first = opposition.lines().find(|l| l.starts_with("- ")).unwrap();
    assert!(first.contains(" says "), "{first}");
    // whose commitments a caveat limits, they made some: they have a heading of their own
    let by_actor = section(md, "Commitments by actor");
    for line in caveats.lines().filter_map(|l| l.strip_prefix("- ")) {
        let text = bare(line);
        let Some(who) = text
            .split_once("'s commitments ")
            .or_else(|| text.split_once("' commitments "))
            .map(|(who, _)| who)
        else {
            continue;
        };
        assert!(
            by_actor.contains(&format!("\n### {who}\n"))
                || by_actor.contains(&format!("\n### {who}, jointly\n")),
            "{who} committed nothing, yet: {line}"
        );
    }
    let _ = store;
}

#[test]
fn no_statement_is_a_fragment_or_leaves_a_pronoun_dangling() {
    let (md, _) = seed();
    for line in md.lines().filter(|l| l.starts_with("- ")) {
        let text = bare(&line[2..]);
        assert!(
            text.starts_with(|c: char| c.is_uppercase()) || text.starts_with('*'),
            "{line}"
        );
        for dangling in [" if it is ", ", post-war", " legally binding."] {
            assert!(!text.contains(dangling), "{dangling:?} in {line}");
        }
    }
}
