//! One plain English sentence per fact, generated from its fields, with a verb true to its
//! status ("offered", "is discussing", "signed a declaration of intent on").

use std::collections::BTreeMap;

use citebrief_store::{Caveat, CaveatKind, Commitment, Discrepancy, Domain, Status};

use crate::found::Objection;

/// "France and the United Kingdom" from `[FR, GB]`.
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn commitment(c: &Commitment, names: &BTreeMap<String, String>) -> String {
    let who = actors(&c.actors, names);
    let plural = c.actors.len() > 1;
    let what = match (c.domain, &c.quantity) {
        (Domain::Other, _) => "support".to_string(),
        (_, Some(q)) => format!(
            "{} ({})",
            c.domain.label(),
            q.replace(['“', '”', '"'], "").trim()
        ),
        (d, None) => d.label().to_string(),
    };
    let verb = match c.status {
        Status::Signed => match &c.instrument {
            Some(i) => format!("signed a {i} on {what}"),
            None => format!("signed a commitment to provide {what}"),
        },
        Status::Pledged => format!("pledged {what}"),
        Status::Offered => format!("offered {what}"),
        Status::Planned if plural => format!("plan to provide {what}"),
        Status::Planned => format!("plans to provide {what}"),
        Status::Discussed if plural => format!("are discussing {what}"),
        Status::Discussed => format!("is discussing {what}"),
        Status::RuledOut => format!("ruled out {what}"),
    };
    let mut s = format!("{} {verb}", capitalise(&who));
    if let Some(cond) = &c.condition {
        let cond = cond.trim_end_matches([',', '.', ' ']);
        let mut chars = cond.chars();
        let lower: String = chars
            .next()
            .map(|f| f.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        s.push(' ');
        s.push_str(&lower);
    }
    s.push('.');
    s
}

pub(crate) fn caveat(c: &Caveat, names: &BTreeMap<String, String>) -> String {
    let whose = if c.about.is_empty() {
        "The guarantees".to_string()
    } else {
        let who = capitalise(&actors(&c.about, names));
        let apostrophe = if who.ends_with('s') { "'" } else { "'s" };
        format!("{who}{apostrophe} commitments")
    };
    let rest = match c.caveat {
        CaveatKind::AfterCeasefire => "take effect only after a ceasefire or peace deal",
        CaveatKind::NeedsRatification => "must still be approved by parliaments or governments",
        CaveatKind::DetailsUnclear => "leave key details undefined or undisclosed",
        CaveatKind::Opposition => "are rejected or threatened by a party to the conflict",
        CaveatKind::LimitedRole => "are limited in role, away from combat or the front line",
        CaveatKind::WeakenedWording => "were weakened or dropped from the text",
        CaveatKind::LimitedResources => "are limited by resources or depend on others' money",
        CaveatKind::Other => "face doubts about whether peace or support will hold",
    };
    format!("{whose} {rest}.")
}

/// What an objection found in one sentence says, before it is resolved across sources.
pub(crate) fn objection(o: &Objection) -> String {
    let what: Vec<&str> = o.targets.iter().map(|d| d.label()).collect();
    if what.is_empty() {
        "An adversary objects to the guarantees.".into()
    } else {
        format!("An adversary objects to {}.", what.join(", "))
    }
}

/// One sentence naming the topic and how many values the sources give; the values themselves,
/// each with its sources, are listed by the brief (a large brief has thousands of claims).
pub(crate) fn discrepancy(d: &Discrepancy) -> String {
    let mut values: Vec<&str> = d.claims.iter().map(|c| &*c.value).collect();
    values.sort_unstable();
    values.dedup();
    format!(
        "The sources give {} different accounts of the {}.",
        values.len(),
        d.topic
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use citebrief_store::{Meta, Polarity};

    #[test]
    fn statement_reads_as_a_sentence() {
        let names: BTreeMap<String, String> = [("FR", "France"), ("GB", "the United Kingdom")]
            .map(|(a, b)| (a.into(), b.into()))
            .into();
        let mut c = Commitment {
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
            commitment(&c, &names),
            "France and the United Kingdom signed a declaration of intent on ground forces (up to 9,000 soldiers) once a truce holds."
        );
        c.status = Status::Discussed;
        c.quantity = None;
        c.condition = None;
        assert_eq!(
            commitment(&c, &names),
            "France and the United Kingdom are discussing ground forces."
        );
    }
}
