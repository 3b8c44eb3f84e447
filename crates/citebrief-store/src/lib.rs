//! The fact store: `facts.yaml` on disk.
//!
//! Owns the fact vocabulary as types ([`model`]), content-derived ids, corroboration counts,
//! the analyst's review state, and merging a fresh extraction into a reviewed store without
//! losing review work. It also reads `brief.yaml` ([`brief`]), the brief folder's
//! configuration, and writes files atomically ([`fsio`]).
//!
//! It must not extract facts from text or render anything: it is handed facts by
//! `citebrief-extract` and read by `citebrief-render`.

pub mod brief;
pub mod error;
pub mod fsio;
pub mod model;

pub use brief::{BriefConfig, SourceOverride};
pub use error::StoreError;
pub use model::*;
