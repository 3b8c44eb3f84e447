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
pub struct Citation {
    /// The source's id: its file name without the extension.
    pub source: Arc<str>,
    /// 1-based line number in the file as it lies on disk.
    pub line: u32,
    /// An exact substring of that line (after decoding to UTF-8).
    pub quote: Arc<str>,
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
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
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
                    $($text => Ok($name::$variant),)+
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
        Air = "air",
        Maritime = "maritime",
        AirDefence = "air-defence",
        MilitaryHubs = "military-hubs",
        Monitoring = "monitoring",
        Weapons = "weapons",
        Training = "training",
        Financing = "financing",
        Intelligence = "intelligence",
        Logistics = "logistics",
        Demining = "demining",
        BindingGuarantee = "binding-guarantee",
        Backstop = "backstop",
        Reconstruction = "reconstruction",
        EuAccession = "eu-accession",
        NuclearUmbrella = "nuclear-umbrella",
        Other = "other",
    }
);

vocab_enum!(
    /// Whether the actor will or will not do it.
    Polarity { Positive = "positive", Negative = "negative" }
);

vocab_enum!(
    /// How firm a commitment is.
    Status {
        Signed = "signed",
        Pledged = "pledged",
        Offered = "offered",
        Planned = "planned",
        RuledOut = "ruled-out",
    }
);

vocab_enum!(
    /// The kind of a caveat.
    CaveatKind {
        AfterCeasefire = "after-ceasefire",
        NeedsRatification = "needs-ratification",
        DetailsUnclear = "details-unclear",
        RussianOpposition = "russian-opposition",
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

/// Something an actor commits, offers, plans, or refuses to provide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
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
    #[serde(default)]
    pub statement: String,
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
    #[serde(default)]
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
