//! Finding facts, and recording the analyst's decision on one.

use serde::{Deserialize, Serialize};

use crate::model::{
    Caveat, Citation, Commitment, Discrepancy, Domain, FactStore, Meta, Review, Status,
};
use crate::StoreError;

vocab_enum!(
    /// The three kinds of fact.
    Kind { Commitment = "commitment", Caveat = "caveat", Discrepancy = "discrepancy" }
);

/// Which facts to list; every field that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// An actor code (case-insensitive): in a commitment's `actors` or a caveat's `about`.
    /// Discrepancies have no actors and never match.
    pub actor: Option<String>,
    /// Only commitments have a domain.
    pub domain: Option<Domain>,
    /// Only commitments have a status.
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub review: Option<Review>,
}

/// A fact of any kind. Serializes as the fact's fields plus `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FactRef<'a> {
    Commitment(&'a Commitment),
    Caveat(&'a Caveat),
    Discrepancy(&'a Discrepancy),
}

impl<'a> FactRef<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            FactRef::Commitment(f) => &f.id,
            FactRef::Caveat(f) => &f.id,
            FactRef::Discrepancy(f) => &f.id,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            FactRef::Commitment(_) => Kind::Commitment,
            FactRef::Caveat(_) => Kind::Caveat,
            FactRef::Discrepancy(_) => Kind::Discrepancy,
        }
    }

    /// The analyst's statement, or else how the brief words the fact.
    pub fn statement(&self) -> &'a str {
        let own = match self {
            FactRef::Commitment(f) => &f.statement,
            FactRef::Caveat(f) => &f.statement,
            FactRef::Discrepancy(f) => &f.statement,
        };
        if own.trim().is_empty() {
            &self.meta().wording
        } else {
            own
        }
    }

    pub fn meta(&self) -> &'a Meta {
        match self {
            FactRef::Commitment(f) => &f.meta,
            FactRef::Caveat(f) => &f.meta,
            FactRef::Discrepancy(f) => &f.meta,
        }
    }

    pub fn review(&self) -> Review {
        self.meta().review
    }

    /// The fact's citations; for a discrepancy, those of its claims.
    pub fn citations(&self) -> Vec<&'a Citation> {
        match self {
            FactRef::Commitment(f) => f.citations.iter().collect(),
            FactRef::Caveat(f) => f.citations.iter().collect(),
            FactRef::Discrepancy(f) => f.claims.iter().map(|c| &c.citation).collect(),
        }
    }

    /// A commitment's status; caveats and discrepancies have none.
    pub fn status(&self) -> Option<Status> {
        match self {
            FactRef::Commitment(f) => Some(f.status),
            _ => None,
        }
    }

    /// Actor codes: a commitment's `actors`, a caveat's `about`, none for a discrepancy.
    pub fn actors(&self) -> &'a [String] {
        match self {
            FactRef::Commitment(f) => &f.actors,
            FactRef::Caveat(f) => &f.about,
            FactRef::Discrepancy(_) => &[],
        }
    }

    fn matches(&self, q: &Query) -> bool {
        let actor = q.actor.as_deref().map(str::trim);
        let domain_ok = match (q.domain, self) {
            (None, _) => true,
            (Some(d), FactRef::Commitment(c)) => c.domain == d,
            (Some(_), _) => false,
        };
        q.kind.is_none_or(|k| k == self.kind())
            && q.review.is_none_or(|r| r == self.review())
            && q.status.is_none_or(|s| Some(s) == self.status())
            && actor.is_none_or(|a| {
                self.actors()
                    .iter()
                    .any(|x| x.trim().eq_ignore_ascii_case(a))
            })
            && domain_ok
    }
}

/// Every fact in the store: commitments, then caveats, then discrepancies, in store order.
pub fn facts(store: &FactStore) -> impl Iterator<Item = FactRef<'_>> {
    let c = store.commitments.iter().map(FactRef::Commitment);
    let v = store.caveats.iter().map(FactRef::Caveat);
    let d = store.discrepancies.iter().map(FactRef::Discrepancy);
    c.chain(v).chain(d)
}

/// The facts that match `q`, in store order.
pub fn query<'a>(store: &'a FactStore, q: &Query) -> Vec<FactRef<'a>> {
    facts(store).filter(|f| f.matches(q)).collect()
}

/// Sets the review of the fact `id`, and its note when `note` is given (an empty note removes
/// it). An unknown id is an error that lists the closest ids.
pub fn set_review(
    store: &mut FactStore,
    id: &str,
    review: Review,
    note: Option<String>,
) -> Result<(), StoreError> {
    let meta = store
        .commitments
        .iter_mut()
        .find(|f| f.id == id)
        .map(|f| &mut f.meta)
        .or_else(|| {
            store
                .caveats
                .iter_mut()
                .find(|f| f.id == id)
                .map(|f| &mut f.meta)
        })
        .or_else(|| {
            store
                .discrepancies
                .iter_mut()
                .find(|f| f.id == id)
                .map(|f| &mut f.meta)
        });
    let Some(meta) = meta else {
        return Err(StoreError::UnknownId {
            id: id.to_string(),
            closest: closest_ids(store, id),
        });
    };
    meta.review = review;
    if let Some(note) = note {
        meta.note = Some(note).filter(|n| !n.trim().is_empty());
    }
    Ok(())
}

/// Up to five ids that start with `id` or are a few edits away from it, closest first.
fn closest_ids(store: &FactStore, id: &str) -> Vec<String> {
    let wanted = id.trim().to_lowercase();
    let mut scored: Vec<(usize, &str)> = facts(store)
        .map(|f| f.id())
        .filter(|candidate| !candidate.is_empty())
        .filter_map(|candidate| {
            let distance = if candidate.starts_with(&wanted) || wanted.starts_with(candidate) {
                0
            } else {
                strsim::levenshtein(&wanted, candidate)
            };
            (distance <= 3.max(wanted.len() / 3)).then_some((distance, candidate))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(5)
        .map(|(_, id)| id.to_string())
        .collect()
}
