//! Discrepancies: two sources that state the same measure of the same thing differently.
//! Claims of one topic are compared like with like ([`crate::claims`]); a commitment's
//! trigger (a ceasefire or a peace agreement) and its figures are compared across the
//! citations of one party's commitments.

use std::collections::{BTreeMap, BTreeSet};

use citebrief_store::{Claim, Commitment, Discrepancy, Domain, Meta, RuleName};

use crate::claims::{TopicClaim, MEETING_DATE, QUANTITY_TOPIC, TRIGGER};
use crate::clause::details::{condition_class, CondClass};

/// Two normalised values that cannot both be right (`?` matches any year).
fn differ(topic: &str, a: &str, b: &str) -> bool {
    if topic != MEETING_DATE {
        return a != b;
    }
    let (ya, rest_a) = a.split_once('-').unwrap_or(("?", a));
    let (yb, rest_b) = b.split_once('-').unwrap_or(("?", b));
    rest_a != rest_b || (ya != "?" && yb != "?" && ya != yb)
}

/// The triggers one commitment's conditions name, with the occurrence naming each.
type Triggers<'a> = Vec<(&'static str, &'a Commitment)>;

/// Discrepancies from the claims of all sources, plus conditions of the same commitment that
/// name different triggers (a ceasefire vs a peace agreement). `commitments` are the unmerged
/// occurrences, one citation each.
pub(crate) fn discrepancies(claims: &[TopicClaim], commitments: &[Commitment]) -> Vec<Discrepancy> {
    // One claim per cited line and topic; a set keeps this linear in the number of claims.
    let mut by_topic: BTreeMap<&str, Vec<&TopicClaim>> = BTreeMap::new();
    let mut seen: BTreeSet<(&str, &str, u32)> = BTreeSet::new();
    for c in claims {
        if seen.insert((&*c.topic, c.citation.source.as_ref(), c.citation.line)) {
            by_topic.entry(&*c.topic).or_default().push(c);
        }
    }
    let mut out = Vec::new();
    for (topic, list) in by_topic {
        // Compare distinct values only: a large brief repeats a few values many times.
        let mut values: Vec<&str> = list.iter().map(|c| &*c.norm).collect();
        values.sort_unstable();
        values.dedup();
        let disagree = values
            .iter()
            .enumerate()
            .any(|(i, a)| values[i + 1..].iter().any(|b| differ(topic, a, b)));
        if !disagree {
            continue;
        }
        let mut rules: Vec<RuleName> = list.iter().map(|c| c.rule.to_string().into()).collect();
        rules.sort();
        rules.dedup();
        out.push(make(
            topic,
            list.iter()
                .map(|c| Claim {
                    value: c.value.clone(),
                    citation: c.citation.clone(),
                })
                .collect(),
            rules,
        ));
    }
    // (actors, domain) -> the triggers its conditions name, with the occurrences naming them
    let mut by_fact: BTreeMap<(&[String], Domain), Triggers> = BTreeMap::new();
    for c in commitments {
        let kind = match c.condition.as_deref().map(condition_class) {
            Some(Some(CondClass::Ceasefire)) => "a ceasefire",
            Some(Some(CondClass::Peace)) => "a peace agreement",
            _ => continue,
        };
        by_fact
            .entry((c.actors.as_slice(), c.domain))
            .or_default()
            .push((kind, c));
    }
    let mut trigger: Vec<Claim> = Vec::new();
    let mut cited: BTreeSet<(&str, u32)> = BTreeSet::new();
    for list in by_fact.values() {
        if list.iter().all(|(k, _)| *k == list[0].0) {
            continue;
        }
        for (kind, c) in list {
            let cond = c.condition.as_deref().unwrap_or_default();
            for cit in &c.citations {
                if cited.insert((cit.source.as_ref(), cit.line)) {
                    trigger.push(Claim {
                        value: format!("{kind} ({cond})").into(),
                        citation: cit.clone(),
                    });
                }
            }
        }
    }
    if trigger.len() >= 2 {
        out.push(make(TRIGGER, trigger, vec!["claim.trigger".into()]));
    }
    out
}

/// Citations of one commitment (the same parties, domain, polarity and status) that state
/// its quantity with figures that cannot both be right: none of the figures of one is within
/// 5% of a figure of the other ("€3 billion" and "$3.2 billion" agree; "15,000" and "5,000" do
/// not).
pub(crate) fn quantities(
    commitments: &[Commitment],
    names: &BTreeMap<String, String>,
) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    for c in commitments {
        let stated: Vec<(&citebrief_store::Citation, Vec<f64>)> = c
            .citations
            .iter()
            .filter_map(|x| x.quantity().map(|q| (x, figures(q))))
            .filter(|(_, f)| !f.is_empty())
            .collect();
        let agree = |a: &[f64], b: &[f64]| {
            a.iter().any(|x| {
                b.iter()
                    .any(|y| (x - y).abs() <= 0.05 * x.abs().max(y.abs()))
            })
        };
        let clash = stated
            .iter()
            .enumerate()
            .any(|(i, (_, a))| stated[i + 1..].iter().any(|(_, b)| !agree(a, b)));
        if !clash {
            continue;
        }
        let who = crate::statement::actors(&c.actors, names);
        let topic = format!(
            "{QUANTITY_TOPIC}: {who}, {}, {}",
            c.domain.label(),
            c.status
        );
        let claims = stated
            .iter()
            .map(|(x, _)| Claim {
                value: x.quantity().unwrap_or_default().into(),
                citation: (*x).clone(),
            })
            .collect();
        out.push(make(&topic, claims, vec!["claim.quantity".into()]));
    }
    out
}

/// The numbers of a quantity as written: "up to 15,000" gives 15000; "€1,8 billion" 1.8e9.
fn figures(q: &str) -> Vec<f64> {
    let lower = q.to_ascii_lowercase();
    let mut out = Vec::new();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b',' || bytes[i] == b'.')
        {
            i += 1;
        }
        let raw = lower[start..i].trim_end_matches([',', '.']);
        // "15,000" is fifteen thousand; "1,8" (a decimal comma) is one point eight
        let n = if raw.contains(',') && raw.rsplit(',').next().is_some_and(|t| t.len() != 3) {
            raw.replace(',', ".").parse::<f64>().ok()
        } else {
            raw.replace(',', "").parse::<f64>().ok()
        };
        let rest = lower[i..].trim_start();
        let scale = if rest.starts_with("billion") || rest.starts_with("bn") {
            1e9
        } else if rest.starts_with("million") || rest.starts_with("mn") || rest.starts_with("m ") {
            1e6
        } else if rest.starts_with("thousand") {
            1e3
        } else {
            1.0
        };
        if let Some(n) = n {
            out.push(n * scale);
        }
    }
    out
}

fn make(topic: &str, mut claims: Vec<Claim>, rules: Vec<RuleName>) -> Discrepancy {
    claims.sort_by(|a, b| {
        (&a.citation.source, a.citation.line).cmp(&(&b.citation.source, b.citation.line))
    });
    let mut d = Discrepancy {
        id: String::new(),
        statement: String::new(),
        topic: topic.into(),
        claims,
        meta: Meta {
            rules,
            ..Default::default()
        },
    };
    d.statement = crate::statement::discrepancy(&d);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_year_matches_any_year() {
        assert!(!differ(MEETING_DATE, "?-03-04", "2025-03-04"));
        assert!(differ(MEETING_DATE, "2023-03-04", "2025-03-04"));
        assert!(differ(MEETING_DATE, "?-03-05", "2025-03-04"));
    }

    #[test]
    fn figures_are_read_with_their_scale() {
        assert_eq!(figures("up to 15,000 soldiers"), [15000.0]);
        assert_eq!(figures("€1,8 billion"), [1.8e9]);
        assert_eq!(figures("up to €3 billion ($3.2 billion)"), [3e9, 3.2e9]);
        assert_eq!(figures("15,000-30,000 troops"), [15000.0, 30000.0]);
    }
}
