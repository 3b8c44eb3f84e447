//! Claims that sources may state differently (meeting date, participants, force size, command
//! arrangements, what the deployment waits on), and the discrepancies between them.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, LazyLock};

use aho_corasick::AhoCorasick;
use citebrief_source::{Document, Sentence};
use citebrief_store::{Citation, Claim, Commitment, Discrepancy, Domain, Meta, RuleName};
use memchr::memmem::Finder;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::doc::{any_case, condition_class, CondClass};
use crate::lexicon::{Hit, LexHit};
use crate::scan::has_ascii_digit;
use crate::DocFacts;

pub(crate) const MEETING_DATE: &str = "meeting date";
pub(crate) const PARTICIPANTS: &str = "participants";
pub(crate) const FORCE_SIZE: &str = "force size";
pub(crate) const COMMAND: &str = "command arrangements";
pub(crate) const TRIGGER: &str = "deployment trigger";

/// One source's statement of a value that other sources may state differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicClaim {
    pub topic: Arc<str>,
    /// The value in short words, as stated.
    pub value: Arc<str>,
    /// The value normalised for comparison (`2026-01-06`, `?-01-06` when the year is unknown).
    pub norm: Arc<str>,
    pub citation: Citation,
    pub rule: Arc<str>,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MEETING_WORDS: &[&str] = &[
    "meeting",
    "summit",
    "talks",
    "gathering",
    "conference",
    " met ",
    "attended",
    "attending",
    "participants",
    "were present",
];

/// Whether `text` has "dozen", "command" or "size" as written: the claims of a sentence
/// without a digit need one. This runs for every sentence, so the searchers are built once.
fn has_claim_word(text: &str) -> bool {
    static FINDERS: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| ["dozen", "command", "size"].map(Finder::new));
    FINDERS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{4}))?|(?-u:\b)(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)(?:,?\s+(\d{4}))?")
        .expect("date regex")
});
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:more than|over|nearly|about|some|around|almost|at least)\s+)?(?:\d+|two dozen|a dozen|dozens of)\s+(?:[a-z]+\s+)?(?:participants|countries|nations|heads of state(?: and government)?|leaders|delegations|officials|representatives)(?-u:\b)")
        .expect("count regex")
});
static UNDISCLOSED_SIZE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)size(?-u:\b)[^.;]{0,60}?(?-u:\b)(?:not (?:been )?made public|not (?:been )?disclosed|undisclosed|unclear|undecided|not (?:been )?revealed|not (?:yet )?(?:been )?(?:decided|determined|agreed))")
        .expect("size regex")
});

fn claim(
    topic: &str,
    value: String,
    norm: String,
    doc: &Document,
    s: &Sentence,
    text: &str,
    rule: &str,
) -> TopicClaim {
    TopicClaim {
        topic: topic.into(),
        value: value.into(),
        norm: norm.into(),
        citation: Citation {
            source: doc.id.as_str().into(),
            line: s.line,
            quote: text.into(),
            reading: None,
        },
        rule: rule.into(),
    }
}

/// Claims stated by one sentence.
pub(crate) fn sentence_claims(
    doc: &Document,
    s: &Sentence,
    text: &str,
    lexhits: &[LexHit],
    out: &mut DocFacts,
) {
    let has_digit = has_ascii_digit(text);
    if !has_digit && !has_claim_word(text) {
        return;
    }
    static MEETING: LazyLock<AhoCorasick> = LazyLock::new(|| any_case(MEETING_WORDS));
    static COMMAND_WORD: LazyLock<AhoCorasick> = LazyLock::new(|| any_case(&["command"]));
    let meeting = MEETING.is_match(text);
    if meeting && has_digit {
        if let Some(m) = DATE.captures(text) {
            let (month, day, year) = match m.get(1) {
                Some(mo) => (mo.as_str(), &m[2], m.get(3)),
                None => (&m[5], &m[4], m.get(6)),
            };
            let month_n = MONTHS
                .iter()
                .position(|x| x.eq_ignore_ascii_case(month))
                .map_or(0, |i| i + 1);
            let day_n: u32 = day.parse().unwrap_or(0);
            let year_s = year
                .map(|y| y.as_str().to_string())
                .or_else(|| {
                    doc.meta
                        .date
                        .as_deref()
                        .and_then(|d| d.get(..4))
                        .map(str::to_string)
                })
                .unwrap_or_else(|| "?".into());
            let norm = format!("{year_s}-{month_n:02}-{day_n:02}");
            out.claims.push(claim(
                MEETING_DATE,
                m[0].to_string(),
                norm,
                doc,
                s,
                text,
                "discrepancy.meeting-date",
            ));
        }
    }
    if meeting {
        let counts: Vec<&str> = COUNT.find_iter(text).map(|m| m.as_str()).collect();
        if !counts.is_empty() {
            let value = counts.join(", ");
            out.claims.push(claim(
                PARTICIPANTS,
                value.clone(),
                value.to_lowercase(),
                doc,
                s,
                text,
                "discrepancy.participants",
            ));
        }
    }
    let forces = lexhits
        .iter()
        .any(|h| matches!(h.hit, Hit::Domain(Domain::GroundForces)));
    if forces {
        if let Some(m) = crate::doc::quantity(text) {
            out.claims.push(claim(
                FORCE_SIZE,
                m.to_string(),
                m.to_lowercase(),
                doc,
                s,
                text,
                "discrepancy.force-size",
            ));
        } else if UNDISCLOSED_SIZE.is_match(text) {
            out.claims.push(claim(
                FORCE_SIZE,
                "size not made public".into(),
                "undisclosed".into(),
                doc,
                s,
                text,
                "discrepancy.force-size",
            ));
        }
    }
    if COMMAND_WORD.is_match(text) {
        let lower = text.to_ascii_lowercase();
        let open = [
            "under discussion",
            "unclear",
            "to be determined",
            "not yet",
            "undecided",
            "question",
            "remain",
            // A negated "settled" is open: "has not been settled", "is yet to be agreed".
            "not been",
            "yet to",
            "n't",
            "not ",
        ];
        let settled = [
            "determined",
            "defined",
            "agreed",
            "decided",
            "settled",
            "established",
        ];
        let value = if open.iter().any(|w| lower.contains(w)) {
            Some("command arrangements still open")
        } else if settled.iter().any(|w| lower.contains(w)) {
            Some("command arrangements settled")
        } else {
            None
        };
        if let Some(v) = value {
            out.claims.push(claim(
                COMMAND,
                v.into(),
                v.into(),
                doc,
                s,
                text,
                "discrepancy.command",
            ));
        }
    }
}

/// The first "on Tuesday" of a dated source, resolved against its publication date.
pub(crate) fn weekday_claim(doc: &Document, out: &mut DocFacts) {
    let Some(published) = doc.meta.date.as_deref().and_then(parse_iso) else {
        return;
    };
    for s in &doc.sentences {
        let text = doc.sentence_text(s);
        if !text.contains("day") {
            continue;
        }
        let lower = text.to_ascii_lowercase();
        for (w, name) in WEEKDAYS.iter().enumerate() {
            if !lower.contains(&format!("on {name}")) {
                continue;
            }
            let days = days_from_civil(published)
                - (0..7)
                    .find(|k| weekday(days_from_civil(published) - k) == w as i64)
                    .unwrap_or(0);
            let (y, m, d) = civil_from_days(days);
            let norm = format!("{y}-{m:02}-{d:02}");
            let cap = format!("{}{}", name[..1].to_ascii_uppercase(), &name[1..]);
            out.claims.push(claim(
                MEETING_DATE,
                format!("{cap} (= {norm}, from the publication date)"),
                norm,
                doc,
                s,
                text,
                "discrepancy.meeting-date.weekday",
            ));
            return;
        }
    }
}

fn parse_iso(s: &str) -> Option<(i64, u32, u32)> {
    let mut it = s.splitn(3, '-');
    Some((
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.get(..2)?.parse().ok()?,
    ))
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil((y, m, d): (i64, u32, u32)) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// 0 = Monday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

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
        out.push(make(TRIGGER, trigger, vec!["discrepancy.trigger".into()]));
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
    fn calendar_round_trip_and_weekday() {
        let d = days_from_civil((2026, 1, 6));
        assert_eq!(civil_from_days(d), (2026, 1, 6));
        assert_eq!(weekday(d), 1, "6 January 2026 is a Tuesday");
        assert_eq!(
            weekday(days_from_civil((2024, 2, 29))),
            3,
            "29 February 2024 is a Thursday"
        );
    }

    #[test]
    fn unknown_year_matches_any_year() {
        assert!(!differ(MEETING_DATE, "?-03-04", "2025-03-04"));
        assert!(differ(MEETING_DATE, "2023-03-04", "2025-03-04"));
        assert!(differ(MEETING_DATE, "?-03-05", "2025-03-04"));
    }
}
