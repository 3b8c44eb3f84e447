//! What the analysis of one source finds, before the sources are combined: the type every
//! step writes to and the [`crate::Combiner`] reads (cacheable per source).

use citebrief_store::{Caveat, Citation, Commitment, Domain, RuleName};
use serde::{Deserialize, Serialize};

use crate::claims::TopicClaim;

/// The adversary objecting to something: an `opposition` caveat whose `about` is decided
/// across sources (the parties committing what it objects to).
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
