//! Content keys and the ids made from them.
//!
//! A fact's key is what it says, not where it sits: a commitment is (actors, domain, polarity,
//! status), a caveat is (kind, about), a discrepancy is its topic. Two facts with the same key
//! are the same fact. Ids are the key spelled in `[a-z0-9-]`: `c-fr-gb-ground-forces-signed`,
//! `c-it-ground-forces-not`, `v-after-ceasefire-fr-gb`, `v-details-unclear-all`,
//! `d-meeting-date`.

use std::collections::BTreeSet;

use crate::model::{Caveat, CaveatKind, Commitment, Discrepancy, Domain, Polarity, Status};

pub type CommitmentKey = (Vec<String>, Domain, Polarity, Status);
pub type CaveatKey = (CaveatKind, Vec<String>);
pub type DiscrepancyKey = String;

/// Actor codes trimmed, upper-cased, sorted and deduplicated.
pub fn actor_codes(actors: &[String]) -> Vec<String> {
    let set: BTreeSet<String> = actors
        .iter()
        .map(|a| a.trim().to_uppercase())
        .filter(|a| !a.is_empty())
        .collect();
    set.into_iter().collect()
}

pub fn commitment_key(c: &Commitment) -> CommitmentKey {
    (actor_codes(&c.actors), c.domain, c.polarity, c.status)
}

pub fn caveat_key(v: &Caveat) -> CaveatKey {
    (v.caveat, actor_codes(&v.about))
}

/// The topic lower-cased with its whitespace collapsed.
pub fn discrepancy_key(d: &Discrepancy) -> DiscrepancyKey {
    d.topic
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn commitment_id(key: &CommitmentKey) -> String {
    let (actors, domain, polarity, status) = key;
    let mut parts = vec!["c".to_string()];
    parts.extend(actors.iter().map(|a| slug(a, 20)));
    parts.push(domain.as_str().to_string());
    if *polarity == Polarity::Negative || *status == Status::RuledOut {
        parts.push("not".into());
    } else {
        parts.push(status.as_str().to_string());
    }
    join(parts)
}

pub fn caveat_id(key: &CaveatKey) -> String {
    let (kind, about) = key;
    let mut parts = vec!["v".to_string(), kind.as_str().to_string()];
    if about.is_empty() {
        parts.push("all".into());
    }
    parts.extend(about.iter().map(|a| slug(a, 20)));
    join(parts)
}

pub fn discrepancy_id(key: &DiscrepancyKey) -> String {
    join(vec!["d".to_string(), slug(key, 40)])
}

fn join(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// `text` lower-cased, with every run of characters outside `[a-z0-9]` turned into one `-`,
/// and cut to at most `max` bytes at a word boundary where there is one.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > max {
        let cut = out[..=max].rfind('-').filter(|&i| i > 0).unwrap_or(max);
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_string()
}

/// `base`, or `base-2`, `base-3`... whichever is not taken yet; marks it taken.
pub fn unique_id(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_only_lowercase_ascii_words() {
        assert_eq!(slug("  Force  size (troops)! ", 40), "force-size-troops");
        assert_eq!(slug("Größe", 40), "gr-e");
        assert_eq!(slug("---", 40), "");
    }

    #[test]
    fn slug_cuts_long_text_at_a_word_boundary() {
        let s = slug("number of soldiers pledged by every single country", 20);
        assert!(s.len() <= 20, "{s}");
        assert_eq!(s, "number-of-soldiers");
    }

    #[test]
    fn ids_spell_the_key() {
        let key = (
            vec!["FR".to_string(), "GB".to_string()],
            Domain::GroundForces,
            Polarity::Positive,
            Status::Signed,
        );
        assert_eq!(commitment_id(&key), "c-fr-gb-ground-forces-signed");
        let key = (
            vec!["IT".to_string()],
            Domain::GroundForces,
            Polarity::Negative,
            Status::RuledOut,
        );
        assert_eq!(commitment_id(&key), "c-it-ground-forces-not");
        assert_eq!(
            caveat_id(&(CaveatKind::DetailsUnclear, vec![])),
            "v-details-unclear-all"
        );
        assert_eq!(
            caveat_id(&(CaveatKind::AfterCeasefire, vec!["FR".into(), "GB".into()])),
            "v-after-ceasefire-fr-gb"
        );
        assert_eq!(
            discrepancy_id(&"meeting date".to_string()),
            "d-meeting-date"
        );
    }

    #[test]
    fn actor_codes_are_normalised() {
        let got = actor_codes(&["gb".into(), " FR".into(), "GB".into(), "".into()]);
        assert_eq!(got, vec!["FR", "GB"]);
    }

    #[test]
    fn unique_id_adds_a_counter_when_taken() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_id("d-x", &mut taken), "d-x");
        assert_eq!(unique_id("d-x", &mut taken), "d-x-2");
        assert_eq!(unique_id("d-x", &mut taken), "d-x-3");
    }
}
