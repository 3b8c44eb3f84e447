//! Turns sentences into typed facts: commitments, caveats and discrepancies, each carrying
//! verbatim citations.
//!
//! Input is the [`citebrief_source::Document`]s of one brief and a [`Lexicon`] of actors and
//! domain keywords (`data/lexicon.yaml`, extendable per brief); output is a
//! [`citebrief_store::Extraction`] in the vocabulary of `spec/facts.md`. Each source is read on
//! its own ([`extract_document`], in parallel), then a [`Combiner`] folds the sources' facts in
//! one by one (so a large brief's are never all held unmerged): it merges equal facts, resolves
//! the adversary's objections to the parties they target and finds discrepancies across
//! sources.
//! Every fact names the rules that found it ([`explain`]), each registered once in
//! [`rules::RULES`] and tested by the cases of `tests/rules.yaml`; every citation carries the
//! words of its quote that gave the fact's actor, status and domain.
//!
//! The per-sentence analysis is in `src/clause/`, a file per step (read, chains, subject,
//! object, details, caveats). Rules are general (cue phrases, patterns, an extendable
//! lexicon), never sentences of one corpus. Every quote is a whole sentence of its document,
//! so it always lies on its line.
//! This crate must not read or write files, and it does not assign ids, review state or the
//! `sources` map (that is the store's and the CLI's job).
//!
//! Dev harnesses: `examples/score_seeds.rs` (writes a fact store of the seed brief, or of any
//! folder with `--dir`, for `eval/score.py`), `examples/explain_file.rs`,
//! `examples/throughput.rs`; the criterion bench is `benches/extract.rs`. `tests/heldout.rs`
//! scores the rules on articles that are not the seed brief's (`tests/heldout/`), so that rules
//! fitted to one corpus show up as a loss there.

mod claims;
mod clause;
mod combine;
mod cues;
mod discrepancy;
mod found;
mod lexicon;
mod presume;
mod roles;
pub mod rules;
mod scan;
mod statement;

use citebrief_source::Document;
use citebrief_store::{Citation, Extraction, RuleName, Words};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use claims::TopicClaim;
pub use combine::{combine, Combiner};
pub use found::{DocFacts, Objection};
pub use lexicon::{Lexicon, Presumed, Subject};
pub use presume::Mentions;
pub use rules::{Rule, RULES};

/// Why a fact was found: the rules that fired on one sentence, what they produced, and the
/// words of the sentence they read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// 1-based line of the sentence.
    pub line: u32,
    /// `commitment`, `caveat` or `claim`.
    pub kind: String,
    /// Rule names of the registry ([`RULES`]), e.g. `status.will`, `actor.reported`.
    pub rules: Vec<RuleName>,
    /// The fact in the vocabulary's terms (`FR GB ground-forces signed; condition: ...`;
    /// for a claim: topic and value). A brief words facts with its templates.
    pub statement: String,
    /// The sentence the rules fired on.
    pub quote: String,
    /// The words of the quote that named the actor, the status, the domain or the caveat.
    #[serde(default, skip_serializing_if = "Words::is_empty")]
    pub words: Words,
}

impl std::fmt::Display for Finding {
    /// `LINE: KIND: STATEMENT [rules]`, the words read (`actor "..."`...), and the quote.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {} [{}]",
            self.line,
            self.kind,
            self.statement,
            self.rules.join(", ")
        )?;
        if !self.words.is_empty() {
            let read: Vec<String> = self
                .words
                .named()
                .map(|(k, v)| format!("{k} {v:?}"))
                .collect();
            write!(f, "\n    read: {}", read.join(", "))?;
        }
        write!(f, "\n    {:?}", self.quote)
    }
}

/// How many sources are extracted at once before their facts are folded into the
/// [`Combiner`]: enough to keep every core busy, few enough that their unmerged facts stay
/// small next to the merged ones.
pub const BATCH: usize = 256;

/// Extracts the facts of one brief: [`BATCH`] sources at a time, each batch's in parallel,
/// folded into one [`Combiner`] in order (as `citebrief build` does), so that only one batch
/// of unmerged facts is held at a time.
pub fn extract(docs: &[Document], lexicon: &Lexicon) -> Extraction {
    let presumed;
    let lexicon = if lexicon.names_subject() {
        lexicon
    } else {
        let mut sources = Mentions::default();
        for d in docs {
            sources.add(&Mentions::of(&d.text, lexicon));
        }
        let mut lex = lexicon.clone();
        lex.presume(&sources);
        presumed = lex;
        &presumed
    };
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
    clause::Analyzer::new(doc, lexicon).run()
}

/// How each verb chain of a source was read: status, subject, scope and what it gives, a
/// line per chain (for `citebrief inspect --trace`, to see why a fact was or was not found).
pub fn trace(doc: &Document, lexicon: &Lexicon) -> String {
    let mut a = clause::Analyzer::new(doc, lexicon);
    a.trace = Some(String::new());

    a.run_traced()
}

/// What the rules found in one source, sentence by sentence (for `citebrief inspect --facts`).
pub fn explain(doc: &Document, lexicon: &Lexicon) -> Vec<Finding> {
    let facts = extract_document(doc, lexicon);
    let cited = |citations: &[Citation]| {
        citations
            .first()
            .map(|c| (c.line, c.quote.to_string(), c.words()))
            .unwrap_or_default()
    };
    let mut out: Vec<Finding> = Vec::new();
    out.extend(facts.commitments.iter().map(|c| {
        let (line, quote, words) = cited(&c.citations);
        Finding {
            line,
            kind: "commitment".into(),
            rules: c.meta.rules.clone(),
            statement: statement::commitment(c),
            quote,
            words,
        }
    }));
    out.extend(facts.caveats.iter().map(|c| {
        let (line, quote, words) = cited(&c.citations);
        Finding {
            line,
            kind: "caveat".into(),
            rules: c.meta.rules.clone(),
            statement: statement::caveat(c),
            quote,
            words,
        }
    }));
    out.extend(facts.objections.iter().map(|o| Finding {
        line: o.citation.line,
        kind: "caveat".into(),
        rules: o.rules.clone(),
        statement: statement::objection(o),
        quote: o.citation.quote.to_string(),
        words: o.citation.words(),
    }));
    out.extend(facts.claims.iter().map(|c| Finding {
        line: c.citation.line,
        kind: "claim".into(),
        rules: vec![c.rule.to_string().into()],
        statement: format!("{}: {}", c.topic, c.value),
        quote: c.citation.quote.to_string(),
        words: Words::default(),
    }));
    out.sort_by_key(|f| f.line);
    out
}
