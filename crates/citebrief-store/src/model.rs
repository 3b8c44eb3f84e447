//! The fact vocabulary (`spec/facts.md`) as Rust types.
//!
//! These types are the contract between the stages: the extractor produces them, the store
//! keeps them in `facts.yaml`, the renderer reads them. Field names and values are those of the
//! vocabulary, so that `facts.yaml` can be scored against a gold file.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A verbatim quote on one line of one source.
///
/// The source id and the quote are shared strings: a large brief cites the same source from
/// many facts and, where pages repeat wire copy, the same sentence from many sources, and each
/// is held once however often it is cited.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "CitationRepr", into = "CitationRepr")]
pub struct Citation {
    /// The source's id: its file name without the extension.
    pub source: Arc<str>,
    /// 1-based line number in the file as it lies on disk.
    pub line: u32,
    /// An exact substring of that line (after decoding to UTF-8).
    pub quote: Arc<str>,
    /// What the extractor read in the quote: the words that gave the fact's fields, and the
    /// details this citation states. None for a citation written by hand.
    pub reading: Option<Arc<Reading>>,
}

impl Citation {
    /// A citation with no reading.
    pub fn new(source: impl Into<Arc<str>>, line: u32, quote: impl Into<Arc<str>>) -> Citation {
        Citation {
            source: source.into(),
            line,
            quote: quote.into(),
            reading: None,
        }
    }

    /// The words of the quote that named the fact's actor, status, domain or caveat.
    pub fn words(&self) -> Words {
        self.reading
            .as_ref()
            .map(|r| r.words.clone())
            .unwrap_or_default()
    }

    /// The quantity this citation states, as written.
    pub fn quantity(&self) -> Option<&str> {
        self.reading.as_ref()?.quantity.as_deref()
    }

    /// The condition this citation states, as written.
    pub fn condition(&self) -> Option<&str> {
        self.reading.as_ref()?.condition.as_deref()
    }

    /// The instrument this citation names, as written.
    pub fn instrument(&self) -> Option<&str> {
        self.reading.as_ref()?.instrument.as_deref()
    }
}

/// What the extractor read in a citation's quote (rule of support: every field of a fact is
/// read from the clause its citation quotes). Each value is an exact substring of the quote,
/// which `citebrief verify` checks.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Reading {
    pub words: Words,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<Arc<str>>,
}

/// The words of a quote that name what a fact says: who, how firmly, what (for a commitment),
/// and which limit (for a caveat).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<Arc<str>>,
}

impl Words {
    pub fn is_empty(&self) -> bool {
        self.actor.is_none()
            && self.status.is_none()
            && self.domain.is_none()
            && self.caveat.is_none()
    }

    /// Each word with the name of its field, in the order `facts.yaml` writes them.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("actor", &self.actor),
            ("status", &self.status),
            ("domain", &self.domain),
            ("caveat", &self.caveat),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    }
}

/// A citation as `facts.yaml` writes it: the reading's fields beside the quote.
#[derive(Serialize, Deserialize)]
struct CitationRepr {
    source: Arc<str>,
    line: u32,
    quote: Arc<str>,
    #[serde(default, skip_serializing_if = "Words::is_empty")]
    words: Words,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quantity: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    condition: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    instrument: Option<Arc<str>>,
}

impl From<CitationRepr> for Citation {
    fn from(r: CitationRepr) -> Citation {
        let reading = Reading {
            words: r.words,
            quantity: r.quantity,
            condition: r.condition,
            instrument: r.instrument,
        };
        Citation {
            source: r.source,
            line: r.line,
            quote: r.quote,
            reading: (reading != Reading::default()).then(|| Arc::new(reading)),
        }
    }
}

impl From<Citation> for CitationRepr {
    fn from(c: Citation) -> CitationRepr {
        let r = c.reading.map(Arc::unwrap_or_clone).unwrap_or_default();
        CitationRepr {
            source: c.source,
            line: c.line,
            quote: c.quote,
            words: r.words,
            quantity: r.quantity,
            condition: r.condition,
            instrument: r.instrument,
        }
    }
}

/// The number of distinct sources among `citations` (in any order).
pub fn distinct_sources(citations: &[Citation]) -> u32 {
    let mut ids: Vec<&str> = citations.iter().map(|c| &*c.source).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len() as u32
}

/// The number of independent sources among `citations`: distinct sources, a source that
/// repeats another ([`SourceRecord::repeats`]) counted with the one it repeats.
pub fn independent_sources(
    citations: &[Citation],
    sources: &BTreeMap<String, SourceRecord>,
) -> u32 {
    let mut ids: Vec<&str> = citations
        .iter()
        .map(|c| original_source(&c.source, sources))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len() as u32
}

/// The source that `id` repeats, followed through repeats of repeats; a loop (written by
/// hand) ends at its first id in order, whichever of its sources it is entered from.
pub fn original_source<'a>(id: &'a str, sources: &'a BTreeMap<String, SourceRecord>) -> &'a str {
    let mut path: Vec<&str> = vec![id];
    let mut at = id;
    while let Some(next) = sources.get(at).and_then(|s| s.repeats.as_deref()) {
        if let Some(i) = path.iter().position(|p| *p == next) {
            return path[i..].iter().min().copied().unwrap_or(next);
        }
        if path.len() > sources.len() {
            break;
        }
        path.push(next);
        at = next;
    }
    at
}

/// What a source file is, as recorded in `facts.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// File name inside the brief's `sources/` folder.
    pub file: String,
    /// Hex SHA-256 of the file's bytes; `verify` checks citations only against matching files.
    pub sha256: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// ISO date (`2026-01-07`) of publication, where the page shows one.
    pub date: Option<String>,
    /// The id of the source this one largely repeats (a rewrite of its story, the same wire
    /// copy), found by text overlap: it adds no independent report of what both say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeats: Option<String>,
    /// Inclusive 1-based line ranges of the article itself.
    #[serde(default)]
    pub body: Vec<[u32; 2]>,
}

/// Where a fact came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Found by the extractor; re-extraction may update or drop it (unless reviewed).
    #[default]
    Extracted,
    /// Written by hand in `facts.yaml`; re-extraction never touches it.
    Manual,
}

impl Origin {
    pub fn is_extracted(&self) -> bool {
        *self == Origin::Extracted
    }
}

/// What every fact carries besides its typed fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// How the brief words the fact (its templates' `statements.j2`), written by each build
    /// for whoever reads `facts.yaml`. Never the analyst's: a fact's `statement` is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wording: String,
    #[serde(default)]
    pub review: Review,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set by the store when a reviewed fact is no longer found in the sources.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stale: bool,
    #[serde(default, skip_serializing_if = "Origin::is_extracted")]
    pub origin: Origin,
    /// Names of the extraction rules that found this fact (see `citebrief inspect --facts`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleName>,
}

/// The name of an extraction rule: the extractor's names are static and never copied (a large
/// brief's findings carry millions of them); names read from a file are owned.
pub type RuleName = Cow<'static, str>;

macro_rules! vocab_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text $(, alias = $alias)*)] $variant),+
        }
        impl $name {
            /// Every value, in the vocabulary's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The value as written in `facts.yaml`.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text $(| $alias)* => Ok($name::$variant),)+
                    _ => Err(format!(
                        "unknown {} `{s}`; expected one of: {}",
                        stringify!($name).to_lowercase(),
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

vocab_enum!(
    /// What a commitment is about.
    Domain {
        GroundForces = "ground-forces",
        Policing = "policing",
        Air = "air",
        Maritime = "maritime",
        AirDefence = "air-defence",
        MilitaryHubs = "military-hubs",
        Monitoring = "monitoring",
        Command = "command",
        Weapons = "weapons",
        Training = "training",
        Financing = "financing",
        Intelligence = "intelligence",
        Logistics = "logistics",
        Demining = "demining",
        Humanitarian = "humanitarian",
        BindingGuarantee = "binding-guarantee",
        Backstop = "backstop",
        Reconstruction = "reconstruction",
        EuAccession = "eu-accession",
        NuclearUmbrella = "nuclear-umbrella",
        Other = "other",
    }
);

impl Domain {
    /// The domain's label in the built-in wording (`templates/wording.yaml`: "ground
    /// forces"), for names that must not depend on a brief's templates, such as a
    /// discrepancy's topic. A brief words its domains with its own templates.
    pub fn label(self) -> &'static str {
        crate::vocabulary::domain_label(self)
    }
}

vocab_enum!(
    /// Whether the actor will or will not do it.
    Polarity { Positive = "positive", Negative = "negative" }
);

vocab_enum!(
    /// How firm a commitment is, firmest first (`ruled-out` is the status of every negative
    /// commitment).
    Status {
        Signed = "signed",
        Pledged = "pledged",
        Offered = "offered",
        Planned = "planned",
        Discussed = "discussed",
        RuledOut = "ruled-out",
    }
);

impl Status {
    /// How firm a positive status is: signed 5, pledged 4, offered 3, planned 2, discussed 1;
    /// a refusal is 0. A hedge lowers a clause's status to the least firm it supports.
    pub fn firmness(self) -> u8 {
        match self {
            Status::Signed => 5,
            Status::Pledged => 4,
            Status::Offered => 3,
            Status::Planned => 2,
            Status::Discussed => 1,
            Status::RuledOut => 0,
        }
    }

    /// The less firm of two positive statuses.
    pub fn weaker(self, other: Status) -> Status {
        if other.firmness() < self.firmness() {
            other
        } else {
            self
        }
    }
}

vocab_enum!(
    /// The kind of a caveat. Version 1 named its opposition kind after the adversary
    /// (`ADJECTIVE-opposition`); any such name reads as `opposition` ([`caveat_kind`]).
    CaveatKind {
        AfterCeasefire = "after-ceasefire",
        NeedsRatification = "needs-ratification",
        DetailsUnclear = "details-unclear",
        Opposition = "opposition",
        LimitedRole = "limited-role",
        WeakenedWording = "weakened-wording",
        LimitedResources = "limited-resources",
        Other = "other",
    }
);

vocab_enum!(
    /// The analyst's decision on a fact.
    Review {
        Proposed = "proposed",
        Accepted = "accepted",
        Rejected = "rejected",
    }
);

impl Default for Review {
    /// A fact nobody has reviewed yet.
    fn default() -> Review {
        Review::Proposed
    }
}

/// A caveat's kind as `facts.yaml` writes it, or as version 1 did: its opposition kind was
/// named after the adversary of the seed brief (`ADJECTIVE-opposition`), and reads as
/// `opposition`.
pub fn caveat_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<CaveatKind, D::Error> {
    let s = String::deserialize(d)?;
    let v1 = s
        .strip_suffix("-opposition")
        .is_some_and(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_lowercase()));
    if v1 {
        return Ok(CaveatKind::Opposition);
    }
    s.parse().map_err(serde::de::Error::custom)
}

/// Something an actor commits, offers, plans, or refuses to provide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    #[serde(default)]
    pub id: String,
    /// The analyst's own wording of the fact, which the brief prints instead of its
    /// `wording`; empty unless an analyst wrote one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// Actor codes, sorted.
    pub actors: Vec<String>,
    pub domain: Domain,
    pub polarity: Polarity,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The named text that carries it (`declaration of intent`), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    #[serde(default)]
    pub citations: Vec<Citation>,
    /// Number of distinct sources cited.
    #[serde(default)]
    pub corroboration: u32,
    #[serde(flatten)]
    pub meta: Meta,
}

/// A limit, condition, doubt or objection that qualifies commitments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caveat {
    #[serde(default)]
    pub id: String,
    /// The analyst's own wording of the fact, which the brief prints instead of its
    /// `wording`; empty unless an analyst wrote one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    #[serde(deserialize_with = "caveat_kind")]
    pub caveat: CaveatKind,
    /// Actor codes the caveat qualifies, sorted; empty for the package as a whole.
    #[serde(default)]
    pub about: Vec<String>,
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub corroboration: u32,
    #[serde(flatten)]
    pub meta: Meta,
}

/// One side of a discrepancy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Claim {
    pub value: Arc<str>,
    pub citation: Citation,
}

/// Two or more sources stating the same thing differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discrepancy {
    #[serde(default)]
    pub id: String,
    /// The analyst's own wording of the fact, which the brief prints instead of its
    /// `wording`; empty unless an analyst wrote one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    pub topic: String,
    pub claims: Vec<Claim>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// The whole of `facts.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactStore {
    /// Source id (file name without extension) to its record.
    #[serde(default)]
    pub sources: BTreeMap<String, SourceRecord>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub caveats: Vec<Caveat>,
    #[serde(default)]
    pub discrepancies: Vec<Discrepancy>,
}

/// What the extractor hands to the store: facts without ids or review state (ids, review,
/// corroboration and order are the store's job).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub sources: BTreeMap<String, SourceRecord>,
    pub commitments: Vec<Commitment>,
    pub caveats: Vec<Caveat>,
    pub discrepancies: Vec<Discrepancy>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_that_repeats_another_is_no_independent_report() {
        let record = |repeats: Option<&str>| SourceRecord {
            repeats: repeats.map(str::to_string),
            ..SourceRecord::default()
        };
        let sources: BTreeMap<String, SourceRecord> = [
            ("wire", record(None)),
            ("rewrite", record(Some("wire"))),
            ("rewrite-of-rewrite", record(Some("rewrite"))),
            ("own", record(None)),
            ("loop-a", record(Some("loop-b"))),
            ("loop-b", record(Some("loop-a"))),
        ]
        .map(|(k, v)| (k.to_string(), v))
        .into();
        let cite = |ids: &[&str]| -> Vec<Citation> {
            ids.iter().map(|id| Citation::new(*id, 1, "q")).collect()
        };
        let all = cite(&["wire", "rewrite", "rewrite-of-rewrite", "own"]);
        assert_eq!(distinct_sources(&all), 4);
        assert_eq!(independent_sources(&all, &sources), 2);
        assert_eq!(independent_sources(&cite(&["rewrite"]), &sources), 1);
        assert_eq!(original_source("rewrite-of-rewrite", &sources), "wire");
        // a loop written by hand ends somewhere, and never panics
        assert_eq!(
            independent_sources(&cite(&["loop-a", "loop-b"]), &sources),
            1
        );
    }
}
