//! Checking that every citation still quotes its source, and that what each citation says it
//! read is in its quote.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::fact::Fact;
use crate::model::{Citation, FactStore, Review};

/// A citation whose quote is not (or no longer) where it says, or whose reading names words
/// that are not in its quote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    /// The source id the citation names.
    pub source: String,
    pub line: u32,
    pub quote: String,
    /// The id of the fact that cites it, where the fact has one. A quote cited by several
    /// facts is reported once for each.
    pub fact: Option<String>,
    /// The field of the citation's reading that is not in its quote (`words.actor`,
    /// `quantity`, `condition`, `instrument`...); none when the quote itself is broken.
    pub field: Option<String>,
    /// What is wrong, and what to do about it.
    pub reason: String,
    /// The source file the citation was checked against (`sources_dir` joined with its name).
    pub file: PathBuf,
}

impl fmt::Display for Broken {
    /// `file:line: fact: reason: "quote"` (without `fact: ` when the fact has no id), the quote
    /// escaped so that it prints on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file.display(), self.line)?;
        if let Some(id) = &self.fact {
            write!(f, "{id}: ")?;
        }
        write!(f, "{}: {:?}", self.reason, self.quote)
    }
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks every citation of every fact that is not rejected (discrepancy claims included):
///
/// - against the files in `sources_dir`: the file must exist, match the SHA-256 recorded at
///   extraction, and its line must contain the quote exactly. Lines are numbered as
///   `citebrief-source` numbers them.
/// - against its own quote: each word of its reading (`words: {actor, status, domain,
///   caveat}`) and the `quantity`, `condition` and `instrument` it states, where present,
///   must be an exact substring of the quote (rule of support).
///
/// Returns what is broken, once for each fact that cites it, in source, line and quote order.
///
/// The work is linear in the number of citations: each file is read once, each distinct
/// quote of a line is looked for once however many facts cite it, and a long line holding
/// many distinct quotes is read once for all of them.
pub fn verify(store: &FactStore, sources_dir: &Path) -> Vec<Broken> {
    let mut by_source: BTreeMap<&str, Vec<Cited>> = BTreeMap::new();
    collect(&store.commitments, &mut by_source);
    collect(&store.caveats, &mut by_source);
    collect(&store.discrepancies, &mut by_source);
    let by_source: Vec<(&str, Vec<Cited>)> = by_source.into_iter().collect();
    let mut broken: Vec<Broken> = by_source
        .par_iter()
        .flat_map_iter(|(source, cites)| check_source(store, sources_dir, source, cites))
        .collect();
    broken.sort();
    broken.dedup();
    broken
}

/// A citation and the id of the fact that cites it.
#[derive(Clone, Copy)]
struct Cited<'a> {
    citation: &'a Citation,
    fact: &'a str,
}

fn collect<'a, F: Fact>(facts: &'a [F], out: &mut BTreeMap<&'a str, Vec<Cited<'a>>>) {
    for f in facts.iter().filter(|f| f.meta().review != Review::Rejected) {
        for c in f.citations() {
            out.entry(c.source.as_ref()).or_default().push(Cited {
                citation: c,
                fact: f.id(),
            });
        }
    }
}

/// What a line says of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Holds,
    NoLine,
    Empty,
    NotOnLine,
}

fn check_source(
    store: &FactStore,
    sources_dir: &Path,
    source: &str,
    cites: &[Cited],
) -> Vec<Broken> {
    let record = store.sources.get(source);
    let name = record
        .map(|r| r.file.clone())
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| format!("{source}.txt"));
    let file = sources_dir.join(&name);
    let mut broken = Vec::new();
    let mut report = |c: &Cited, field: Option<String>, reason: String| {
        broken.push(Broken {
            source: c.citation.source.to_string(),
            line: c.citation.line,
            quote: c.citation.quote.to_string(),
            fact: Some(c.fact.to_string()).filter(|id| !id.is_empty()),
            field,
            reason,
            file: file.clone(),
        })
    };

    // What a citation read must be in its quote, whatever the file says.
    for c in cites {
        for (field, reason) in reading_problems(c.citation) {
            report(c, Some(field), reason);
        }
    }

    if !is_file_name(&name) {
        let reason = format!(
            "`{name}` is not a source of this brief (a source is a file directly in sources/); \
             fix the citation's source in facts.yaml, or reject the fact"
        );
        cites.iter().for_each(|c| report(c, None, reason.clone()));
        return broken;
    }
    let bytes = match crate::fsio::read_limited(&file, crate::fsio::limits::SOURCE) {
        Ok(b) => b,
        Err(e) => {
            let reason = format!("cannot read the source ({e}); restore it or rebuild");
            cites.iter().for_each(|c| report(c, None, reason.clone()));
            return broken;
        }
    };
    if let Some(r) = record
        .filter(|r| !r.sha256.is_empty() && !r.sha256.eq_ignore_ascii_case(&sha256_hex(&bytes)))
    {
        let reason = format!(
            "the file changed since extraction (sha256 was {}); rebuild to re-extract",
            short(&r.sha256)
        );
        cites.iter().for_each(|c| report(c, None, reason.clone()));
        return broken;
    }
    let (text, _) = citebrief_source::decode(&bytes);
    let lines = citebrief_source::split_lines(&text);

    // Each distinct quote of each line, looked for once.
    let mut verdicts: HashMap<(u32, &str), Verdict> = HashMap::new();
    for c in cites {
        verdicts.insert((c.citation.line, &c.citation.quote), Verdict::Holds);
    }
    let mut by_line: HashMap<u32, Vec<&str>> = HashMap::new();
    for &(line, quote) in verdicts.keys() {
        by_line.entry(line).or_default().push(quote);
    }
    for (number, quotes) in by_line {
        let line = number
            .checked_sub(1)
            .and_then(|i| lines.get(i as usize))
            .map(|l| &text[l.start..l.end]);
        let Some(line) = line else {
            for q in quotes {
                verdicts.insert((number, q), Verdict::NoLine);
            }
            continue;
        };
        let (empty, quotes): (Vec<&str>, Vec<&str>) =
            quotes.into_iter().partition(|q| q.is_empty());
        for q in empty {
            verdicts.insert((number, q), Verdict::Empty);
        }
        for (q, found) in quotes.iter().zip(found_in(line, &quotes)) {
            if !found {
                verdicts.insert((number, q), Verdict::NotOnLine);
            }
        }
    }
    for c in cites {
        let reason = match verdicts[&(c.citation.line, &*c.citation.quote)] {
            Verdict::Holds => continue,
            Verdict::NoLine => format!(
                "no line {} (the file has {}); rebuild, or fix the line in facts.yaml",
                c.citation.line,
                lines.len()
            ),
            Verdict::Empty => "the quote is empty; write the words of the line it cites".into(),
            Verdict::NotOnLine => {
                "the quote is not on this line; rebuild, or fix the quote or its line in facts.yaml"
                    .into()
            }
        };
        report(c, None, reason);
    }
    broken
}

/// True when `name` names a file directly in a folder: one plain component, so that joined to
/// the sources folder it can lead nowhere else.
fn is_file_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!(parts.next(), Some(std::path::Component::Normal(n)) if n == name)
        && parts.next().is_none()
        && !name.contains(['/', '\\', '\0'])
}

/// The fields of `c`'s reading that are not in its quote, each with what is wrong and what to
/// do: `("words.actor", "words.actor \"Britain\" is not in the quote; ...")`.
fn reading_problems(c: &Citation) -> Vec<(String, String)> {
    let Some(r) = &c.reading else {
        return Vec::new();
    };
    // (prefix, name, value): the field is named only when it is wrong
    let words = r.words.named().map(|(k, v)| ("words.", k, v));
    let details = [
        ("quantity", &r.quantity),
        ("condition", &r.condition),
        ("instrument", &r.instrument),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().map(|v| ("", k, v)));
    words
        .chain(details)
        .filter(|(_, _, value)| value.is_empty() || !c.quote.contains(value))
        .map(|(prefix, name, value)| {
            let field = format!("{prefix}{name}");
            let reason = if value.is_empty() {
                format!("{field} is empty; write the words of the quote that state it, or remove it")
            } else {
                format!(
                    "{field} {value:?} is not in the quote; fix the words or the quote, or reject the fact"
                )
            };
            (field, reason)
        })
        .collect()
}

/// While a line's length times its number of distinct quotes is at most this, each quote is
/// looked for on its own; above it, one pass over the line finds them all.
const SHORT_SEARCH: usize = 1 << 16;

/// Whether each of `quotes` (none of them empty) is in `line`.
///
/// A quote is a sentence or clause of its line, so a line holds as many quotes as it has
/// sentences: a source that is one long line (a scraped page without line breaks) can hold
/// thousands, and looking for each in turn would read the line once per quote. Above
/// [`SHORT_SEARCH`] bytes of reading, one Aho-Corasick pass finds them all.
fn found_in(line: &str, quotes: &[&str]) -> Vec<bool> {
    if quotes.len() < 2 || line.len().saturating_mul(quotes.len()) <= SHORT_SEARCH {
        return quotes.iter().map(|q| line.contains(q)).collect();
    }
    let Ok(automaton) = AhoCorasick::new(quotes) else {
        return quotes.iter().map(|q| line.contains(q)).collect();
    };
    let mut found = vec![false; quotes.len()];
    let mut missing = quotes.len();
    for m in automaton.find_overlapping_iter(line) {
        let seen = &mut found[m.pattern().as_usize()];
        if !*seen {
            *seen = true;
            missing -= 1;
            if missing == 0 {
                break;
            }
        }
    }
    found
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{
        Caveat, CaveatKind, Commitment, Domain, Meta, Polarity, Reading, SourceRecord, Status,
        Words,
    };

    #[test]
    fn only_plain_file_names_name_sources() {
        for ok in [
            "a.txt",
            "000_852bc45e6e8cd3b6.txt",
            "café.txt",
            "a b.txt",
            "..a.txt",
        ] {
            assert!(is_file_name(ok), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x.txt",
            "../../secret.txt",
            "/etc/passwd",
            "a/b.txt",
            "a\\b",
            "x\0y",
            "./a.txt",
        ] {
            assert!(!is_file_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn sha256_of_known_input() {
        // FIPS 180-2 test vector.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn display_names_file_line_and_fact_and_escapes_the_quote() {
        let mut b = Broken {
            source: "s1".into(),
            line: 7,
            quote: "a \"b\"\nc".into(),
            fact: None,
            field: None,
            reason: "the quote is not on this line".into(),
            file: PathBuf::from("sources/s1.txt"),
        };
        assert_eq!(
            b.to_string(),
            r#"sources/s1.txt:7: the quote is not on this line: "a \"b\"\nc""#
        );
        b.fact = Some("c-fr-air-pledged".into());
        assert_eq!(
            b.to_string(),
            r#"sources/s1.txt:7: c-fr-air-pledged: the quote is not on this line: "a \"b\"\nc""#
        );
    }

    const LINE_2: &str = "Britain and France signed a declaration of intent to send up to 15,000 troops after a ceasefire.";

    /// A brief folder with one source `s` whose line 2 is [`LINE_2`].
    fn source_dir() -> (tempfile::TempDir, FactStore) {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("Title\n{LINE_2}\nSzohod objected.\n");
        std::fs::write(dir.path().join("s.txt"), &text).unwrap();
        let mut store = FactStore::default();
        store.sources.insert(
            "s".into(),
            SourceRecord {
                file: "s.txt".into(),
                sha256: sha256_hex(text.as_bytes()),
                ..SourceRecord::default()
            },
        );
        (dir, store)
    }

    fn read(words: [Option<&str>; 4], details: [Option<&str>; 3]) -> Option<Arc<Reading>> {
        let s = |v: Option<&str>| v.map(Arc::from);
        let [actor, status, domain, caveat] = words;
        let [quantity, condition, instrument] = details;
        Some(Arc::new(Reading {
            words: Words {
                actor: s(actor),
                status: s(status),
                domain: s(domain),
                caveat: s(caveat),
            },
            quantity: s(quantity),
            condition: s(condition),
            instrument: s(instrument),
        }))
    }

    fn cited(line: u32, quote: &str, reading: Option<Arc<Reading>>) -> Citation {
        Citation {
            reading,
            ..Citation::new("s", line, quote)
        }
    }

    fn commitment(id: &str, citations: Vec<Citation>) -> Commitment {
        Commitment {
            id: id.into(),
            statement: String::new(),
            actors: vec!["FR".into(), "GB".into()],
            domain: Domain::GroundForces,
            polarity: Polarity::Positive,
            status: Status::Signed,
            quantity: None,
            condition: None,
            instrument: None,
            citations,
            corroboration: 1,
            meta: Meta::default(),
        }
    }

    #[test]
    fn words_and_details_that_are_in_the_quote_hold() {
        let (dir, mut store) = source_dir();
        let reading = read(
            [
                Some("Britain and France"),
                Some("signed"),
                Some("troops"),
                None,
            ],
            [
                Some("up to 15,000 troops"),
                Some("after a ceasefire"),
                Some("declaration of intent"),
            ],
        );
        store.commitments.push(commitment(
            "c-fr-gb-ground-forces-signed",
            vec![cited(2, LINE_2, reading)],
        ));
        assert_eq!(verify(&store, dir.path()), vec![]);
    }

    #[test]
    fn each_word_or_detail_not_in_its_quote_is_named_with_its_fact() {
        let (dir, mut store) = source_dir();
        let wrong = [
            (
                "words.actor",
                read([Some("the United Kingdom"), None, None, None], [None; 3]),
            ),
            (
                "words.status",
                read([None, Some("pledged"), None, None], [None; 3]),
            ),
            (
                "words.domain",
                read([None, None, Some("soldiers"), None], [None; 3]),
            ),
            (
                "words.caveat",
                read([None, None, None, Some("once a truce")], [None; 3]),
            ),
            (
                "quantity",
                read([None; 4], [Some("15000 troops"), None, None]),
            ),
            (
                "condition",
                read([None; 4], [None, Some("after a truce"), None]),
            ),
            (
                "instrument",
                read([None; 4], [None, None, Some("Declaration of Intent")]),
            ),
            ("words.actor", read([Some(""), None, None, None], [None; 3])),
        ];
        for (i, (field, reading)) in wrong.into_iter().enumerate() {
            store.commitments = vec![commitment("c-x", vec![cited(2, LINE_2, reading)])];
            let broken = verify(&store, dir.path());
            assert_eq!(broken.len(), 1, "{field}: {broken:#?}");
            let b = &broken[0];
            assert_eq!(b.fact.as_deref(), Some("c-x"));
            assert_eq!(b.field.as_deref(), Some(field));
            assert_eq!((b.source.as_str(), b.line), ("s", 2));
            let shown = b.to_string();
            assert!(
                shown.starts_with(&format!(
                    "{}:2: c-x: {field} ",
                    dir.path().join("s.txt").display()
                )),
                "{shown}"
            );
            if i < 7 {
                assert!(shown.contains("is not in the quote"), "{shown}");
                assert!(
                    shown.contains("fix the words or the quote, or reject the fact"),
                    "{shown}"
                );
            } else {
                assert!(shown.contains("is empty"), "{shown}");
            }
        }
    }

    #[test]
    fn caveat_words_are_checked_and_rejected_facts_are_not() {
        let (dir, mut store) = source_dir();
        store.caveats.push(Caveat {
            id: "v-opposition-fr-gb".into(),
            statement: String::new(),
            caveat: CaveatKind::Opposition,
            about: vec!["FR".into(), "GB".into()],
            citations: vec![cited(
                3,
                "Szohod objected.",
                read([Some("Borduria"), None, None, Some("objected")], [None; 3]),
            )],
            corroboration: 1,
            meta: Meta::default(),
        });
        let broken = verify(&store, dir.path());
        let named: Vec<(Option<&str>, Option<&str>)> = broken
            .iter()
            .map(|b| (b.fact.as_deref(), b.field.as_deref()))
            .collect();
        assert_eq!(named, [(Some("v-opposition-fr-gb"), Some("words.actor"))]);

        store.caveats[0].meta.review = Review::Rejected;
        assert_eq!(verify(&store, dir.path()), vec![]);
    }

    #[test]
    fn a_quote_cited_by_several_facts_is_reported_for_each() {
        let (dir, mut store) = source_dir();
        let gone = cited(2, "Britain alone signed.", None);
        store.commitments = vec![
            commitment("c-a", vec![gone.clone()]),
            commitment("c-b", vec![gone.clone(), cited(2, LINE_2, None)]),
        ];
        let broken = verify(&store, dir.path());
        let facts: Vec<Option<&str>> = broken.iter().map(|b| b.fact.as_deref()).collect();
        assert_eq!(facts, [Some("c-a"), Some("c-b")], "{broken:#?}");
        assert!(broken
            .iter()
            .all(|b| b.field.is_none() && b.reason.contains("not on this line")));
        // A fact without an id (a manual fact not yet given one) is reported without one.
        store.commitments[0].id.clear();
        let broken = verify(&store, dir.path());
        let facts: Vec<Option<&str>> = broken.iter().map(|b| b.fact.as_deref()).collect();
        assert_eq!(facts, [None, Some("c-b")]);
    }

    #[test]
    fn words_are_checked_even_when_the_source_cannot_be_read() {
        let (dir, mut store) = source_dir();
        std::fs::remove_file(dir.path().join("s.txt")).unwrap();
        store.commitments = vec![commitment(
            "c-x",
            vec![cited(
                2,
                LINE_2,
                read([Some("Germany"), None, None, None], [None; 3]),
            )],
        )];
        let mut reasons: Vec<(Option<&str>, bool)> = Vec::new();
        let broken = verify(&store, dir.path());
        for b in &broken {
            reasons.push((b.field.as_deref(), b.reason.contains("cannot read")));
        }
        reasons.sort();
        assert_eq!(reasons, [(None, true), (Some("words.actor"), false)]);
    }

    /// Many distinct quotes of one long line: one pass finds them all, as one search each
    /// would.
    #[test]
    fn one_pass_over_a_long_line_finds_what_a_search_per_quote_finds() {
        let sentences: Vec<String> = (0..3000)
            .map(|i| format!("Officials met on day {i} and agreed to meet again. "))
            .collect();
        let line: String = sentences.concat();
        assert!(line.len() * sentences.len() > SHORT_SEARCH);
        let mut quotes: Vec<&str> = sentences.iter().map(|s| s.trim_end()).step_by(7).collect();
        // absent, overlapping, nested in others, and one longer than the line's sentences
        quotes.extend([
            "Officials met on day 3000 and",
            "again. Officials met on day 12 and",
            "met on day 1",
            "day 2999 and agreed to meet again.",
            "agreed to meet again. Officials met on day 5 and agreed to meet again. Officials",
            "agreed to meet again.  Officials",
        ]);
        let naive: Vec<bool> = quotes.iter().map(|q| line.contains(q)).collect();
        assert_eq!(found_in(&line, &quotes), naive);
        assert_eq!(
            naive.iter().filter(|f| !**f).count(),
            2,
            "two quotes are absent"
        );
        // and the short path on a short line
        let short = ["Officials", "nobody"];
        assert_eq!(found_in("Officials met.", &short), [true, false]);
    }

    #[test]
    fn a_long_line_with_thousands_of_cited_sentences_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let sentences: Vec<String> = (0..20_000)
            .map(|i| format!("On day {i} the officials met again, a spokesman said."))
            .collect();
        let text = format!("{}\n", sentences.join(" "));
        std::fs::write(dir.path().join("s.txt"), &text).unwrap();
        let mut store = FactStore::default();
        let mut citations: Vec<Citation> = sentences
            .iter()
            .map(|q| Citation::new("s", 1, q.as_str()))
            .collect();
        citations.push(Citation::new(
            "s",
            1,
            "On day 20000 the officials met again",
        ));
        store.commitments = vec![commitment("c-x", citations)];
        let broken = verify(&store, dir.path());
        let quotes: Vec<&str> = broken.iter().map(|b| b.quote.as_str()).collect();
        assert_eq!(quotes, ["On day 20000 the officials met again"]);
    }
}
