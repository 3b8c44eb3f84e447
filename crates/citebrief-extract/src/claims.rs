//! Claims: what one sentence states of a measure that other sources may state differently
//! (the meeting's date, command arrangements). [`crate::discrepancy`] compares them.

use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use citebrief_source::{Document, Sentence};
use citebrief_store::Citation;
use memchr::memmem::Finder;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::found::DocFacts;
use crate::lexicon::{Hit, LexHit, Lexicon};
use crate::roles::Roles;
use crate::scan::has_ascii_digit;

pub(crate) const MEETING_DATE: &str = "meeting date";
pub(crate) const COMMAND: &str = "command arrangements";
pub(crate) const TRIGGER: &str = "deployment trigger";
pub(crate) const SIGNATORIES_TOPIC: &str = "signatories";
pub(crate) const TERM_TOPIC: &str = "term of the agreement";
pub(crate) const QUANTITY_TOPIC: &str = "figures";

/// An automaton that finds any of `words` in any (ASCII) case.
pub(crate) fn any_case(words: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("word list automaton")
}

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
/// An exact count of signing parties: "signed by 23 countries", "32 countries signing".
static SIGNATORIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)signed by (?P<n>\d+) (?P<noun>countries|nations|allies|states)(?-u:\b)|(?-u:\b)(?P<m>\d+) (?P<noun2>countries|nations|allies|states) (?:signing|signed|have signed)(?-u:\b)")
        .expect("signatories regex")
});
/// How long an agreement runs: "a 20-year security agreement", "its entire 10-year term".
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?P<years>\d+)-year(?:-long)?\s+(?:[a-z]+\s+){0,2}?(?:agreement|pact|deal|accord|term|guarantee|guarantees|treaty)(?-u:\b)")
        .expect("term regex")
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

/// Claims stated by one sentence: the date of the meeting it reports, the state of command
/// arrangements, how many parties signed a text, how long an agreement runs.
pub(crate) fn sentence_claims(
    doc: &Document,
    s: &Sentence,
    text: &str,
    lexhits: &[LexHit],
    lex: &Lexicon,
    roles: &Roles,
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
                "claim.meeting-date",
            ));
        }
    }
    if has_digit {
        // "signed by 23 countries", "32 countries signing": how many signed, an exact count
        if let Some(m) = SIGNATORIES.captures(text) {
            let n = m
                .name("n")
                .or_else(|| m.name("m"))
                .map(|x| x.as_str())
                .unwrap_or_default();
            let noun = m
                .name("noun")
                .or_else(|| m.name("noun2"))
                .map(|x| x.as_str())
                .unwrap_or_default();
            let norm = format!(
                "{n} {}",
                noun.trim_end_matches('s')
                    .replace("allie", "countrie")
                    .replace("nation", "countrie")
            );
            out.claims.push(claim(
                SIGNATORIES_TOPIC,
                m[0].to_string(),
                norm,
                doc,
                s,
                text,
                "claim.signatories",
            ));
        }
        // "a 20-year security agreement", "its entire 10-year term": how long, for whom
        if let Some(m) = TERM.captures(text) {
            let mut who: Vec<&str> = lexhits
                .iter()
                .filter_map(|h| match h.hit {
                    Hit::Actor { actor, .. } if roles.is_country(actor) => Some(lex.code(actor)),
                    _ => None,
                })
                .collect();
            who.sort_unstable();
            who.dedup();
            if who.len() == 1 {
                let topic = format!("{TERM_TOPIC} ({})", who[0]);
                out.claims.push(claim(
                    &topic,
                    m[0].to_string(),
                    m["years"].to_string(),
                    doc,
                    s,
                    text,
                    "claim.term",
                ));
            }
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
            // a negated "settled" is open: "has not been settled", "is yet to be agreed"
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
                "claim.command",
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
                "claim.meeting-date.weekday",
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
}
