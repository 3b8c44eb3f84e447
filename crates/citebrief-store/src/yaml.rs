//! `facts.yaml` on disk: reading it strictly and writing it in a stable order.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::fact;
use crate::model::{FactStore, SourceRecord};
use crate::StoreError;

/// What `facts.yaml` says about itself, on top of the file.
const HEADER: &str = "\
# citebrief fact store: every fact found in this brief's sources, each with verbatim citations
# (source id, 1-based line, exact quote). Rebuilding re-extracts the facts and keeps your review:
#   - `review: accepted` / `review: rejected` and `note:` stay with their fact;
#   - `wording:` is how the brief words a fact (its templates' statements.j2), written anew
#     by every build; to word a fact yourself, give it a `statement:`, which the brief prints
#     instead and rebuilding never rewrites (remove it to get the templates' wording back);
#   - add a fact by hand with `origin: manual`: it is kept exactly as written (an id is given
#     to it if it has none);
#   - a reviewed fact no longer found is kept with `stale: true`; a proposed one is dropped.
# Ids come from what a fact says (actors, domain, polarity, status; caveat kind and actors;
# topic).
";

/// Reads `facts.yaml`; `Ok(None)` when there is no such file.
///
/// Malformed YAML, a value outside the vocabulary or an unknown field is a
/// [`StoreError::Yaml`] naming the file, line and column.
pub fn load(path: &Path) -> Result<Option<FactStore>, StoreError> {
    load_checked(path, true)
}

/// [`load`] of a file this program wrote and nobody has edited since (the caller knows, e.g.
/// from its hash): skips the second pass that catches misspelt field names, which costs as
/// much as the parse itself on a large store. Malformed YAML and unknown values are still
/// errors.
pub fn load_unedited(path: &Path) -> Result<Option<FactStore>, StoreError> {
    load_checked(path, false)
}

fn load_checked(path: &Path, strict: bool) -> Result<Option<FactStore>, StoreError> {
    let text = match crate::fsio::read_string_limited(path, crate::fsio::limits::FACTS) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let what = "facts.yaml";
    let mut store: FactStore =
        serde_yaml::from_str(&text).map_err(|e| StoreError::yaml(path, &e, what))?;
    if written_before_wording(&text) {
        forget_generated_statements(&mut store);
    }
    if strict {
        serde_yaml::from_str::<strict::Store>(&text)
            .map_err(|e| StoreError::yaml(path, &e, what))?;
    }
    Ok(Some(store))
}

/// A line of the header that `facts.yaml` had while every fact's `statement` was written by
/// the extractor (before the brief worded facts with its templates).
const STATEMENTS_WERE_GENERATED: &str = "a fact's `statement` is yours once it is in this file";

/// Whether `text` (a `facts.yaml`, or its first kilobytes) was written while statements were
/// generated: then a proposed fact's statement is the extractor's, not an analyst's.
pub fn written_before_wording(text: &str) -> bool {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .any(|l| l.contains(STATEMENTS_WERE_GENERATED))
}

/// Drops the statements that the extractor wrote in a `facts.yaml` of an earlier version:
/// those of extracted facts nobody has reviewed. A reviewed fact's statement is kept, as the
/// analyst may have reworded it.
fn forget_generated_statements(store: &mut FactStore) {
    fn forget<F: fact::Fact>(facts: &mut [F]) {
        for f in facts {
            let m = f.meta();
            if m.origin.is_extracted() && m.review == crate::model::Review::Proposed {
                f.statement_mut().clear();
            }
        }
    }
    forget(&mut store.commitments);
    forget(&mut store.caveats);
    forget(&mut store.discrepancies);
}

/// Sets each extracted fact's `wording` (how the brief words it), by id; a fact without one
/// keeps none. A manual fact is kept exactly as its analyst wrote it.
pub fn set_wordings(store: &mut FactStore, wordings: &BTreeMap<String, String>) {
    fn set<F: fact::Fact>(facts: &mut [F], wordings: &BTreeMap<String, String>) {
        for f in facts.iter_mut().filter(|f| f.meta().origin.is_extracted()) {
            let w = wordings.get(f.id()).cloned().unwrap_or_default();
            f.meta_mut().wording = w;
        }
    }
    set(&mut store.commitments, wordings);
    set(&mut store.caveats, wordings);
    set(&mut store.discrepancies, wordings);
}

/// The store as `facts.yaml` text: a header comment, then sources by id and facts in the order
/// of their content keys, citations sorted and deduplicated, so that a diff shows only what
/// changed.
pub fn to_yaml(store: &FactStore) -> String {
    let mut out = Vec::new();
    write_yaml(store, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("YAML is UTF-8")
}

/// [`to_yaml`] into `out`, a fact at a time: the text of a large brief's store (hundreds of
/// megabytes) is never held whole. Facts are turned into YAML in parallel, a few at a time.
///
/// The store must be tidy, as [`crate::merge()`] leaves it (lists sorted and deduplicated);
/// an untidy store is tidied on a copy first.
pub fn write_yaml(store: &FactStore, out: &mut impl Write) -> std::io::Result<()> {
    if !fact::is_tidy(store) {
        let mut tidy = store.clone();
        fact::tidy_store(&mut tidy);
        return write_yaml(&tidy, out);
    }
    out.write_all(HEADER.as_bytes())?;
    #[derive(Serialize)]
    struct Sources<'a> {
        sources: &'a BTreeMap<String, SourceRecord>,
    }
    out.write_all(
        yaml_of(&Sources {
            sources: &store.sources,
        })
        .as_bytes(),
    )?;
    section(out, "commitments", &store.commitments)?;
    section(out, "caveats", &store.caveats)?;
    section(out, "discrepancies", &store.discrepancies)
}

/// `name:` and its facts as YAML list items, exactly as the YAML writer puts a list under a key.
///
/// Most of a large brief's YAML is the citations of a few facts, each cited by a hundred
/// thousand sentences. Each fact is written as its fields with an empty list, into which its
/// citations (or claims) are spliced a slice at a time, so that the slices of all the facts of
/// a batch are turned into YAML in parallel and no fact's text is held whole longer than needed.
fn section<F: fact::Fact + Serialize + Sync>(
    out: &mut impl Write,
    name: &str,
    facts: &[F],
) -> std::io::Result<()> {
    if facts.is_empty() {
        return writeln!(out, "{name}: []");
    }
    writeln!(out, "{name}:")?;
    let mut start = 0;
    while start < facts.len() {
        // a batch: facts up to about BATCH_ITEMS citations in all (at least one fact)
        let mut end = start;
        let mut items = 0;
        while end < facts.len() && (end == start || items + facts[end].list_len() <= BATCH_ITEMS) {
            items += facts[end].list_len();
            end += 1;
        }
        let tasks: Vec<(usize, Option<std::ops::Range<usize>>)> = (start..end)
            .flat_map(|i| {
                let n = facts[i].list_len();
                std::iter::once((i, None)).chain(
                    (0..n)
                        .step_by(SLICE_ITEMS)
                        .map(move |a| (i, Some(a..(a + SLICE_ITEMS).min(n)))),
                )
            })
            .collect();
        let texts: Vec<String> = tasks
            .par_iter()
            .map(|(i, slice)| match slice {
                None => yaml_of(std::slice::from_ref(&facts[*i].without_list())),
                Some(r) => indented(&yaml_of(&facts[*i].list()[r.clone()])),
            })
            .collect();
        let mut texts = texts.into_iter();
        let empty = format!("\n  {}: []\n", F::LIST_KEY);
        for f in &facts[start..end] {
            let head = texts.next().expect("a text for each fact");
            let slices = f.list_len().div_ceil(SLICE_ITEMS);
            let items: Vec<String> = texts.by_ref().take(slices).collect();
            match head.find(&empty) {
                _ if slices == 0 => out.write_all(head.as_bytes())?,
                Some(at) => {
                    // the items go where the writer put an empty list
                    out.write_all(&head.as_bytes()[..=at])?;
                    writeln!(out, "  {}:", F::LIST_KEY)?;
                    for t in items {
                        out.write_all(t.as_bytes())?;
                    }
                    out.write_all(&head.as_bytes()[at + empty.len()..])?;
                }
                None => out.write_all(yaml_of(std::slice::from_ref(f)).as_bytes())?,
            }
        }
        start = end;
    }
    Ok(())
}

/// How many citations (or claims) are turned into YAML in one piece of work.
const SLICE_ITEMS: usize = 2048;
/// How many citations the facts written in one parallel batch hold at most (unless one fact
/// holds more): enough to keep every core busy, little enough to hold their YAML.
const BATCH_ITEMS: usize = 64 * SLICE_ITEMS;

/// List items of a fact's list, as the YAML writer indents them under the fact's key.
fn indented(items: &str) -> String {
    let mut out = String::with_capacity(items.len() + items.len() / 16);
    for line in items.split_inclusive('\n') {
        if line != "\n" {
            out.push_str("  ");
        }
        out.push_str(line);
    }
    out
}

/// One value as YAML, with the scalars YAML 1.1 readers misread quoted.
fn yaml_of<T: Serialize + ?Sized>(value: &T) -> String {
    let text = serde_yaml::to_string(value).expect("a fact store always serializes to YAML");
    quote_yaml11_words(&text)
}

/// Quotes plain scalars that YAML 1.1 readers take for something else than a string.
///
/// The YAML writer follows YAML 1.2, where `NO` (Norway) and `10:30` are strings; YAML 1.1
/// readers such as PyYAML, which the evaluation scripts use, read them as `false` and `630`.
/// The writer's output puts every scalar on the line of its key or dash, except block scalars
/// (`|-`), whose lines are left alone.
fn quote_yaml11_words(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    // Column of the key whose block scalar we are inside.
    let mut block: Option<usize> = None;
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let indent = content.len() - content.trim_start().len();
        if let Some(key_column) = block {
            if content.trim().is_empty() || indent > key_column {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        let mut rest = &content[indent..];
        while let Some(r) = rest.strip_prefix("- ") {
            rest = r;
        }
        let key_column = content.len() - rest.len();
        let value = rest.split_once(": ").map_or(rest, |(_, v)| v);
        if value.starts_with('|') || value.starts_with('>') {
            block = Some(key_column);
        }
        if yaml11_ambiguous(value) {
            out.push_str(&content[..content.len() - value.len()]);
            out.push_str(&format!("'{value}'"));
            out.push_str(&line[content.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// YAML 1.1 booleans and base-60 numbers.
fn yaml11_ambiguous(s: &str) -> bool {
    let word = matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    );
    let mut parts = s.trim_start_matches(['-', '+']).split(':');
    let head = parts.next().unwrap_or_default();
    let tail: Vec<&str> = parts.collect();
    let base60 = !tail.is_empty()
        && !head.is_empty()
        && head.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && tail.iter().all(|p| {
            let digits = p.split_once('.').map_or(*p, |(d, _)| d);
            (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
        });
    word || base60
}

/// The field names `facts.yaml` may use, so that a misspelt field (`reveiw:`) is an error with
/// its position instead of being silently dropped. The model types cannot refuse unknown fields
/// themselves because their review fields are flattened in.
mod strict {
    use std::collections::BTreeMap;

    use serde::de::IgnoredAny;
    use serde::Deserialize;

    /// Declares a struct that accepts exactly these fields, whatever their values.
    macro_rules! fields {
        ($name:ident { $($field:ident: $ty:ty),* $(,)? }) => {
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            // The fields are there to be recognised, never read.
            #[allow(dead_code)]
            pub struct $name { $($field: Option<$ty>),* }
        };
    }

    fields!(Store {
        sources: BTreeMap<String, Source>,
        commitments: Vec<Commitment>,
        caveats: Vec<Caveat>,
        discrepancies: Vec<Discrepancy>,
    });
    fields!(Source {
        file: IgnoredAny,
        sha256: IgnoredAny,
        title: IgnoredAny,
        publisher: IgnoredAny,
        date: IgnoredAny,
        repeats: IgnoredAny,
        body: IgnoredAny,
    });
    fields!(Citation {
        source: IgnoredAny,
        line: IgnoredAny,
        quote: IgnoredAny,
        words: IgnoredAny,
        quantity: IgnoredAny,
        condition: IgnoredAny,
        instrument: IgnoredAny,
    });
    fields!(Claim {
        value: IgnoredAny,
        citation: Citation
    });
    fields!(Commitment {
        id: IgnoredAny,
        statement: IgnoredAny,
        actors: IgnoredAny,
        domain: IgnoredAny,
        polarity: IgnoredAny,
        status: IgnoredAny,
        quantity: IgnoredAny,
        condition: IgnoredAny,
        instrument: IgnoredAny,
        citations: Vec<Citation>,
        corroboration: IgnoredAny,
        wording: IgnoredAny,
        review: IgnoredAny,
        note: IgnoredAny,
        stale: IgnoredAny,
        origin: IgnoredAny,
        rules: IgnoredAny,
    });
    fields!(Caveat {
        id: IgnoredAny,
        statement: IgnoredAny,
        caveat: IgnoredAny,
        about: IgnoredAny,
        citations: Vec<Citation>,
        corroboration: IgnoredAny,
        wording: IgnoredAny,
        review: IgnoredAny,
        note: IgnoredAny,
        stale: IgnoredAny,
        origin: IgnoredAny,
        rules: IgnoredAny,
    });
    fields!(Discrepancy {
        id: IgnoredAny,
        statement: IgnoredAny,
        topic: IgnoredAny,
        claims: Vec<Claim>,
        wording: IgnoredAny,
        review: IgnoredAny,
        note: IgnoredAny,
        stale: IgnoredAny,
        origin: IgnoredAny,
        rules: IgnoredAny,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fact::Fact;
    use crate::model::{Caveat, CaveatKind, Citation, Claim, Discrepancy, Meta, Reading, Words};

    fn cite(source: &str, line: u32, quote: &str) -> Citation {
        Citation {
            source: source.into(),
            line,
            quote: quote.into(),
            reading: None,
        }
    }

    /// A citation that read words and details, in the scalars YAML gets wrong.
    fn read(source: &str, line: u32, quote: &str, i: usize) -> Citation {
        let words = ["NO", "10:30", "multi\nline", "'single'", "#hash", "yes: no"];
        let pick = |k: usize| Some(std::sync::Arc::from(words[(i + k) % words.len()]));
        Citation {
            reading: Some(std::sync::Arc::new(Reading {
                words: Words {
                    actor: pick(0),
                    status: i.is_multiple_of(2).then(|| "will".into()),
                    domain: None,
                    caveat: pick(1),
                },
                quantity: pick(2),
                condition: i.is_multiple_of(3).then(|| "on".into()),
                instrument: pick(3),
            })),
            ..cite(source, line, quote)
        }
    }

    #[test]
    fn streamed_yaml_is_the_whole_store_serialized_at_once() {
        let mut store = FactStore::default();
        store.sources.insert(
            "a".into(),
            SourceRecord {
                file: "a.txt".into(),
                sha256: "00".into(),
                title: Some("Line one\nline two: no".into()),
                publisher: None,
                date: Some("2026-01-07".into()),
                repeats: None,
                body: vec![[1, 4], [6, 9]],
            },
        );
        for (i, about) in [vec![], vec!["NO".to_string(), "SE".to_string()]]
            .into_iter()
            .enumerate()
        {
            store.caveats.push(Caveat {
                id: format!("v-{i}"),
                statement: "Multi\nline statement".into(),
                caveat: CaveatKind::DetailsUnclear,
                about,
                citations: vec![
                    cite("a", 2, "on"),
                    read("a", 2, "on", i),
                    cite("a", 3, "10:30 - \"quoted\""),
                ],
                corroboration: 1,
                meta: Meta {
                    note: Some("yes".into()),
                    rules: vec!["r".into()],
                    ..Meta::default()
                },
            });
        }
        store.discrepancies.push(Discrepancy {
            id: "d-x".into(),
            statement: "s".into(),
            topic: "t".into(),
            claims: vec![Claim {
                value: "NO".into(),
                citation: cite("a", 1, "x"),
            }],
            meta: Meta::default(),
        });
        let whole = |store: &FactStore| {
            format!(
                "{HEADER}{}",
                quote_yaml11_words(&serde_yaml::to_string(store).unwrap())
            )
        };
        assert_eq!(to_yaml(&store), whole(&store));
        assert!(whole(&store).contains("commitments: []"));
        assert!(whole(&store).contains("- 'NO'"));
        // a reading is written flat beside its quote, its words nested
        assert!(
            whole(&store).contains("    words:\n      actor: 'NO'\n"),
            "{}",
            whole(&store)
        );
        assert!(whole(&store).contains("    condition: 'on'\n"));

        // Lists longer than a slice, spliced into their fact in pieces.
        let quotes = [
            "on",
            "10:30",
            "a: b",
            "'single'",
            "plain words",
            "#hash",
            "NO",
            "",
        ];
        let many = |n: usize| -> Vec<Citation> {
            let mut v: Vec<Citation> = (0..n)
                .map(|i| {
                    let (source, line) = (format!("s{:05}", i / 3), (i % 3) as u32 + 1);
                    if i.is_multiple_of(5) {
                        read(&source, line, quotes[i % 8], i)
                    } else {
                        cite(&source, line, quotes[i % 8])
                    }
                })
                .collect();
            v.sort();
            v.dedup();
            v
        };
        store.commitments.push(crate::model::Commitment {
            id: "c-x".into(),
            statement: "S".into(),
            actors: vec!["NO".into()],
            domain: crate::model::Domain::Air,
            polarity: crate::model::Polarity::Positive,
            status: crate::model::Status::Pledged,
            quantity: Some("yes".into()),
            condition: None,
            citations: many(3 * SLICE_ITEMS + 5),
            corroboration: 0,
            meta: Meta::default(),
            instrument: None,
        });
        store.commitments[0].tidy();
        store.caveats[1].citations = many(SLICE_ITEMS);
        store.caveats[1].tidy();
        store.discrepancies[0].claims = many(SLICE_ITEMS + 1)
            .into_iter()
            .map(|citation| Claim {
                value: "1:30".into(),
                citation,
            })
            .collect();
        fact::tidy_store(&mut store);
        assert!(fact::is_tidy(&store));
        assert_eq!(to_yaml(&store), whole(&store));
    }

    #[test]
    fn a_facts_yaml_of_generated_statements_keeps_only_the_reviewed_ones() {
        let old = "\
# citebrief fact store\n\
#   - a fact's `statement` is yours once it is in this file: rebuilding never rewrites it\n\
commitments:\n\
- id: c-a\n  statement: Syldavia pledged ground forces.\n  actors: [SY]\n  domain: ground-forces\n  polarity: positive\n  status: pledged\n\
- id: c-b\n  statement: My own words.\n  actors: [SY]\n  domain: air\n  polarity: positive\n  status: pledged\n  review: accepted\n\
caveats:\n\
- id: v-a\n  statement: Old words.\n  caveat: borduria-opposition\n  about: [SY]\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.yaml");
        std::fs::write(&path, old).unwrap();
        assert!(written_before_wording(old));
        let store = load(&path).unwrap().unwrap();
        assert_eq!(store.commitments[0].statement, "");
        assert_eq!(store.commitments[1].statement, "My own words.");
        assert_eq!(store.caveats[0].statement, "");
        assert_eq!(
            store.caveats[0].caveat,
            CaveatKind::Opposition,
            "a version 1 kind"
        );
        // what this version writes is read as it is
        let mut store = store;
        store.commitments[0].statement = "Mine now.".into();
        let mut wordings = BTreeMap::new();
        wordings.insert(
            "c-a".to_string(),
            "Syldavia pledged to send troops.".to_string(),
        );
        set_wordings(&mut store, &wordings);
        let text = to_yaml(&store);
        assert!(!written_before_wording(&text));
        assert!(
            text.contains("  wording: Syldavia pledged to send troops.\n"),
            "{text}"
        );
        std::fs::write(&path, &text).unwrap();
        let again = load(&path).unwrap().unwrap();
        assert_eq!(again.commitments[0].statement, "Mine now.");
        assert_eq!(
            again.commitments[0].meta.wording,
            "Syldavia pledged to send troops."
        );
    }

    #[test]
    fn yaml11_words_are_recognised() {
        for w in [
            "NO", "no", "No", "y", "OFF", "on", "10:30", "1:02:03", "-4:05.5",
        ] {
            assert!(yaml11_ambiguous(w), "{w}");
        }
        for w in [
            "nO",
            "none",
            "NL",
            "2026-01-07",
            "10:300",
            "a:30",
            ":30",
            "10:",
        ] {
            assert!(!yaml11_ambiguous(w), "{w}");
        }
    }

    #[test]
    fn ambiguous_scalars_are_quoted_outside_block_scalars() {
        let yaml =
            "a:\n- NO\n- SE\nb: |-\n  no\n  10:30\nc: 'x'\n- statement: |-\n    on\n  quote: on\n";
        let want = "a:\n- 'NO'\n- SE\nb: |-\n  no\n  10:30\nc: 'x'\n- statement: |-\n    on\n  quote: 'on'\n";
        assert_eq!(quote_yaml11_words(yaml), want);
    }
}
