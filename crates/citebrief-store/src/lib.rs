//! The fact store: `facts.yaml` on disk.
//!
//! Owns the fact vocabulary as types ([`model`]), content-derived ids ([`keys`]), corroboration
//! counts, the analyst's review state, and merging a fresh extraction into a reviewed store
//! without losing review work ([`merge()`]), and what a later merge needs of a store
//! ([`merge_basis`]). It reads and writes `facts.yaml` ([`load`], [`to_yaml`], and
//! [`write_yaml`], which streams a large store), checks citations against the source files
//! ([`verify()`]), lists facts ([`query()`]) and records reviews ([`set_review`]). It also
//! reads `brief.yaml` ([`brief`]), the brief folder's configuration, and writes files
//! atomically ([`fsio`]).
//!
//! It must not extract facts from text or render anything: it is handed facts by
//! `citebrief-extract` and read by `citebrief-render`. It reads source files only to verify
//! citations, decoding them with `citebrief-source` so that line numbers agree.

pub mod brief;
pub mod cleanup;
pub mod error;
mod fact;
pub mod fsio;
pub mod keys;
#[macro_use]
pub mod model;
pub mod merge;
pub mod query;
pub mod verify;
mod vocabulary;
pub mod yaml;

pub use brief::{BriefConfig, SourceOverride};
pub use error::StoreError;
pub use merge::{merge, merge_basis};
pub use model::*;
pub use query::{query, set_review, FactRef, Kind, Query};
pub use verify::{sha256_hex, verify, Broken};
pub use yaml::{load, load_unedited, set_wordings, to_yaml, write_yaml, written_before_wording};
