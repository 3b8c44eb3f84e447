//! Turns sentences into typed facts: commitments, caveats and discrepancies, each carrying
//! verbatim citations.
//!
//! Input is the [`citebrief_source::Document`]s of one brief and a [`Lexicon`] of actors and
//! domain keywords (`data/lexicon.yaml`, extendable per brief); output is a
//! [`citebrief_store::Extraction`] in the vocabulary of `spec/facts.md`. Each source is read on
//! its own ([`extract_document`], in parallel), then [`combine`] merges equal facts, resolves
//! Russia's objections to the countries they target and finds discrepancies across sources.
//! Every fact names the rules that found it ([`explain`]); each rule has a unit test of the
//! same name in `src/rule_tests.rs`.
//!
//! Rules are general (cue phrases, patterns, an extendable lexicon), never sentences of one
//! corpus. Every quote is a whole sentence of its document, so it always lies on its line.
//! This crate must not read or write files, and it does not assign ids, review state or the
//! `sources` map (that is the store's and the CLI's job).
//!
//! Dev harnesses: `examples/score_seeds.rs` (writes a fact store of the seed brief, or of any
//! folder with `--dir`, for `eval/score.py`), `examples/explain_file.rs`,
//! `examples/throughput.rs`; the criterion bench is `benches/extract.rs`. `tests/heldout.rs`
//! scores the rules on articles that are not the seed brief's (`tests/heldout/`), so that rules
//! fitted to one corpus show up as a loss there.

mod cues;
mod discrepancy;
mod doc;
mod lexicon;
mod statement;

use std::collections::{BTreeMap, BTreeSet};

use citebrief_source::Document;
use citebrief_store::{
    Caveat, CaveatKind, Citation, Commitment, Domain, Extraction, Meta, Polarity, Status,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use discrepancy::TopicClaim;
pub use lexicon::Lexicon;

/// Why a fact was found: the rules that fired on one sentence and what they produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// 1-based line of the sentence.
    pub line: u32,
    /// `commitment`, `caveat` or `claim`.
    pub kind: String,
    /// Stable rule names, e.g. `commit.cue.will`, `caveat.after-ceasefire.condition`.
    pub rules: Vec<String>,
    /// The fact, as the brief would state it (for a claim: topic and value).
    pub statement: String,
    /// The sentence the rules fired on.
    pub quote: String,
}

impl std::fmt::Display for Finding {
    /// `LINE: KIND: STATEMENT [rules]` and the quote on the next line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {} [{}]\n    \"{}\"",
            self.line,
            self.kind,
            self.statement,
            self.rules.join(", "),
            self.quote
        )
    }
}

/// Russia objecting to something: a `russian-opposition` caveat whose `about` is decided
/// across sources (the countries committing what Russia objects to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    pub citation: Citation,
    /// Domains the objection targets (troops, hubs...); empty when it targets the package.
    pub targets: Vec<Domain>,
    /// Actor codes decided in its own source when it targets no domain: the countries it
    /// names, else those of the source's earlier pledges. Empty: decided from `targets`.
    #[serde(default)]
    pub about: Vec<String>,
    pub rules: Vec<String>,
}

/// The facts of one source before merging across sources (cacheable per source).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocFacts {
    pub source: String,
    /// One entry per sentence that states it (unmerged).
    pub commitments: Vec<Commitment>,
    pub caveats: Vec<Caveat>,
    pub objections: Vec<Objection>,
    pub claims: Vec<TopicClaim>,
}

/// Extracts the facts of one brief: each source in parallel, then [`combine`].
pub fn extract(docs: &[Document], lexicon: &Lexicon) -> Extraction {
    let per_doc: Vec<DocFacts> = docs
        .par_iter()
        .map(|d| extract_document(d, lexicon))
        .collect();
    combine(per_doc, lexicon)
}

/// The facts of one source, unmerged.
pub fn extract_document(doc: &Document, lexicon: &Lexicon) -> DocFacts {
    doc::Analyzer::new(doc, lexicon).run()
}

/// What the rules found in one source, sentence by sentence (for `citebrief inspect --facts`).
pub fn explain(doc: &Document, lexicon: &Lexicon) -> Vec<Finding> {
    let facts = extract_document(doc, lexicon);
    let names = lexicon.actor_names();
    let cited = |citations: &[Citation]| {
        citations
            .first()
            .map(|c| (c.line, c.quote.clone()))
            .unwrap_or_default()
    };
    let mut out: Vec<Finding> = Vec::new();
    out.extend(facts.commitments.iter().map(|c| {
        let (line, quote) = cited(&c.citations);
        Finding {
            line,
            kind: "commitment".into(),
            rules: c.meta.rules.clone(),
            statement: statement::commitment(c, &names),
            quote,
        }
    }));
    out.extend(facts.caveats.iter().map(|c| {
        let (line, quote) = cited(&c.citations);
        Finding {
            line,
            kind: "caveat".into(),
            rules: c.meta.rules.clone(),
            statement: statement::caveat(c, &names),
            quote,
        }
    }));
    out.extend(facts.objections.iter().map(|o| Finding {
        line: o.citation.line,
        kind: "caveat".into(),
        rules: o.rules.clone(),
        statement: format!(
            "Russia objects{}.",
            if o.targets.is_empty() {
                String::new()
            } else {
                format!(
                    " to {}",
                    o.targets
                        .iter()
                        .map(|d| d.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ),
        quote: o.citation.quote.clone(),
    }));
    out.extend(facts.claims.iter().map(|c| Finding {
        line: c.citation.line,
        kind: "claim".into(),
        rules: vec![c.rule.clone()],
        statement: format!("{}: {}", c.topic, c.value),
        quote: c.citation.quote.clone(),
    }));
    out.sort_by_key(|f| f.line);
    out
}

/// Merges the facts of all sources: equal commitments and caveats become one fact citing every
/// sentence that states it; Russia's objections are resolved to the countries they target;
/// claims stated differently become discrepancies. `sources` is left empty.
pub fn combine(per_doc: Vec<DocFacts>, lexicon: &Lexicon) -> Extraction {
    let names = lexicon.actor_names();
    let mut occurrences: Vec<Commitment> = Vec::new();
    let mut caveats: Vec<Caveat> = Vec::new();
    let mut objections = Vec::new();
    let mut claims = Vec::new();
    for d in per_doc {
        occurrences.extend(d.commitments);
        caveats.extend(d.caveats);
        objections.extend(d.objections);
        claims.extend(d.claims);
    }
    let discrepancies = discrepancy::discrepancies(&claims, &occurrences);
    let mut commitments: Vec<Commitment> = Vec::new();
    for c in occurrences {
        merge_commitment(&mut commitments, c);
    }
    // Who Russia objects to is decided per objection; each commitment's sources are counted
    // once here rather than for every objection (a large brief has thousands of both).
    let eligible: Vec<(&Commitment, BTreeSet<&str>)> = commitments
        .iter()
        .filter(|c| {
            c.polarity == Polarity::Positive
                && matches!(c.status, Status::Signed | Status::Pledged)
                && c.actors
                    .iter()
                    .all(|a| a.len() == 2 && a != "UA" && a != "RU")
        })
        .map(|c| (c, c.citations.iter().map(|x| x.source.as_str()).collect()))
        .collect();
    for o in objections {
        if !o.about.is_empty() {
            caveats.push(Caveat {
                id: String::new(),
                statement: String::new(),
                caveat: CaveatKind::RussianOpposition,
                about: o.about,
                citations: vec![o.citation],
                corroboration: 0,
                meta: Meta {
                    rules: o.rules,
                    ..Default::default()
                },
            });
            continue;
        }
        let targeted: Vec<&(&Commitment, BTreeSet<&str>)> = eligible
            .iter()
            .filter(|(c, _)| o.targets.contains(&c.domain))
            .collect();
        // Russia objects to what several sources report, else to what its own source
        // reports; a lone report elsewhere is kept only when nothing else is reported.
        let same_source: Vec<&Commitment> = targeted
            .iter()
            .filter(|(_, sources)| sources.contains(o.citation.source.as_str()))
            .map(|(c, _)| *c)
            .collect();
        let corroborated: Vec<&Commitment> = targeted
            .iter()
            .filter(|(_, sources)| sources.len() >= 2)
            .map(|(c, _)| *c)
            .collect();
        let chosen = if !corroborated.is_empty() {
            corroborated
        } else if !same_source.is_empty() {
            same_source
        } else {
            targeted.iter().map(|(c, _)| *c).collect()
        };
        let mut about: Vec<String> = chosen
            .iter()
            .flat_map(|c| c.actors.iter().cloned())
            .collect();
        about.sort();
        about.dedup();
        caveats.push(Caveat {
            id: String::new(),
            statement: String::new(),
            caveat: CaveatKind::RussianOpposition,
            about,
            citations: vec![o.citation],
            corroboration: 0,
            meta: Meta {
                rules: o.rules,
                ..Default::default()
            },
        });
    }
    let mut merged: Vec<Caveat> = Vec::new();
    for c in caveats {
        match merged
            .iter_mut()
            .find(|m| m.caveat == c.caveat && m.about == c.about)
        {
            Some(m) => {
                add_citations(&mut m.citations, c.citations);
                add_rules(&mut m.meta.rules, c.meta.rules);
            }
            None => merged.push(c),
        }
    }
    for c in &mut commitments {
        tidy(&mut c.citations, &mut c.meta.rules);
        c.corroboration = distinct_sources(&c.citations);
        c.statement = statement::commitment(c, &names);
    }
    for c in &mut merged {
        tidy(&mut c.citations, &mut c.meta.rules);
        c.corroboration = distinct_sources(&c.citations);
        c.statement = statement::caveat(c, &names);
    }
    Extraction {
        sources: BTreeMap::new(),
        commitments,
        caveats: merged,
        discrepancies,
    }
}

fn merge_commitment(into: &mut Vec<Commitment>, c: Commitment) {
    match into
        .iter_mut()
        .find(|m| m.actors == c.actors && m.domain == c.domain && m.polarity == c.polarity)
    {
        Some(m) => {
            add_citations(&mut m.citations, c.citations);
            add_rules(&mut m.meta.rules, c.meta.rules);
            // the firmest report wins: one source's "signed" outranks another's "would", and
            // its quantity and condition go with it (others fill in what it leaves out)
            if firmness(c.status) > firmness(m.status) {
                m.status = c.status;
                m.quantity = c.quantity.or(m.quantity.take());
                m.condition = c.condition.or(m.condition.take());
            } else {
                m.quantity = m.quantity.take().or(c.quantity);
                m.condition = m.condition.take().or(c.condition);
            }
        }
        None => into.push(c),
    }
}

fn firmness(s: Status) -> u8 {
    match s {
        Status::Signed => 4,
        Status::Pledged => 3,
        Status::Offered => 2,
        Status::Planned => 1,
        Status::RuledOut => 0,
    }
}

fn add_citations(into: &mut Vec<Citation>, more: Vec<Citation>) {
    into.extend(more);
}

fn add_rules(into: &mut Vec<String>, more: Vec<String>) {
    into.extend(more);
}

/// Citations in source and line order, each once; rules sorted, each once.
fn tidy(citations: &mut Vec<Citation>, rules: &mut Vec<String>) {
    citations.sort();
    citations.dedup();
    rules.sort();
    rules.dedup();
}

fn distinct_sources(citations: &[Citation]) -> u32 {
    let mut s: Vec<&str> = citations.iter().map(|c| c.source.as_str()).collect();
    s.sort_unstable();
    s.dedup();
    s.len() as u32
}

#[cfg(test)]
mod rule_tests;
