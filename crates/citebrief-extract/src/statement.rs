//! What the extractor says of a fact in words: only what a tool shows a developer
//! (`citebrief inspect --facts`) and the names a discrepancy's topic is made of.
//!
//! Facts carry no statement: a brief words each fact with its templates
//! (`templates/statements.j2` and `wording.yaml`), and a fact's `statement` in facts.yaml is
//! the analyst's own wording.

use std::collections::BTreeMap;

use citebrief_store::{Caveat, Commitment, Discrepancy};

use crate::found::Objection;

/// Actor names as a list, for a discrepancy's topic: "A and B" from `[A, B]` (a topic is a
/// name of the discrepancy, fixed whatever a brief's templates say).
pub(crate) fn actors(codes: &[String], names: &BTreeMap<String, String>) -> String {
    let words: Vec<&str> = codes
        .iter()
        .map(|c| names.get(c).map_or(c.as_str(), String::as_str))
        .collect();
    match words.as_slice() {
        [] => "the participants".into(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A commitment's fields in the vocabulary's terms, for `inspect --facts`:
/// `FR GB ground-forces signed; instrument: declaration of intent; condition: once a truce holds`.
pub(crate) fn commitment(c: &Commitment) -> String {
    let mut s = format!("{} {} {}", c.actors.join(" "), c.domain, c.status);
    for (k, v) in [
        ("quantity", &c.quantity),
        ("condition", &c.condition),
        ("instrument", &c.instrument),
    ] {
        if let Some(v) = v {
            s.push_str(&format!("; {k}: {v}"));
        }
    }
    s
}

/// A caveat's fields: `limited-role about FR`, `details-unclear` (the whole package).
pub(crate) fn caveat(c: &Caveat) -> String {
    if c.about.is_empty() {
        c.caveat.to_string()
    } else {
        format!("{} about {}", c.caveat, c.about.join(" "))
    }
}

/// An objection found in one sentence, before it is resolved across sources:
/// `opposition to ground-forces military-hubs`.
pub(crate) fn objection(o: &Objection) -> String {
    let what: Vec<&str> = o.targets.iter().map(|d| d.as_str()).collect();
    if what.is_empty() {
        "opposition".into()
    } else {
        format!("opposition to {}", what.join(" "))
    }
}

/// A discrepancy's statement: none. The brief words it with its templates; a statement is
/// the analyst's. (Kept for the discrepancy finder, which sets it.)
pub(crate) fn discrepancy(_: &Discrepancy) -> String {
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use citebrief_store::{Domain, Meta, Polarity, Status};

    #[test]
    fn inspect_shows_a_commitment_in_the_vocabulary() {
        let c = Commitment {
            id: String::new(),
            statement: String::new(),
            actors: vec!["FR".into(), "GB".into()],
            domain: Domain::GroundForces,
            polarity: Polarity::Positive,
            status: Status::Signed,
            quantity: Some("up to 9,000 soldiers".into()),
            condition: Some("once a truce holds".into()),
            instrument: Some("declaration of intent".into()),
            citations: vec![],
            corroboration: 0,
            meta: Meta::default(),
        };
        assert_eq!(
            commitment(&c),
            "FR GB ground-forces signed; quantity: up to 9,000 soldiers; condition: once a truce \
             holds; instrument: declaration of intent"
        );
    }
}
