//! Turns sentences into typed facts: commitments, caveats and discrepancies, each carrying
//! verbatim citations.
//!
//! Input is the [`citebrief_source::Document`]s of one brief and a [`Lexicon`] of actors and
//! domain keywords (`data/lexicon.yaml`, extendable per brief); output is a
//! [`citebrief_store::Extraction`] in the vocabulary of `spec/facts.md`. Each source is read on
//! its own ([`extract_document`], in parallel), then a [`Combiner`] folds the sources' facts in
//! one by one (so a large brief's are never all held unmerged): it merges equal facts, resolves
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

mod combine;
mod cues;
mod discrepancy;
mod doc;
mod lexicon;
mod scan;
mod statement;

use citebrief_source::Document;
use citebrief_store::{Caveat, Citation, Commitment, Domain, Extraction, RuleName};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use combine::{combine, Combiner};
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
    pub rules: Vec<RuleName>,
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
    pub rules: Vec<RuleName>,
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

/// How many sources are extracted at once before their facts are folded into the
/// [`Combiner`]: enough to keep every core busy, few enough that their unmerged facts stay
/// small next to the merged ones.
pub const BATCH: usize = 256;

/// Extracts the facts of one brief: [`BATCH`] sources at a time, each batch's in parallel,
/// folded into one [`Combiner`] in order (as `citebrief build` does), so that only one batch
/// of unmerged facts is held at a time.
pub fn extract(docs: &[Document], lexicon: &Lexicon) -> Extraction {
    let mut combiner = Combiner::new(lexicon);
    for batch in docs.chunks(BATCH) {
        let facts: Vec<DocFacts> = batch
            .par_iter()
            .map(|d| extract_document(d, lexicon))
            .collect();
        for f in facts {
            combiner.add(f);
        }
    }
    combiner.finish()
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
            .map(|c| (c.line, c.quote.to_string()))
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
        quote: o.citation.quote.to_string(),
    }));
    out.extend(facts.claims.iter().map(|c| Finding {
        line: c.citation.line,
        kind: "claim".into(),
        rules: vec![c.rule.to_string().into()],
        statement: format!("{}: {}", c.topic, c.value),
        quote: c.citation.quote.to_string(),
    }));
    out.sort_by_key(|f| f.line);
    out
}

#[cfg(test)]
mod rule_tests;
