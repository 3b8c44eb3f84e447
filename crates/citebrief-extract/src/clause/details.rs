//! Details a clause states beside its commitment: how many or how much (`quantity`), what it
//! waits on (`condition`), and the named text that carries it (`instrument`). Each is read
//! from the clause the citation quotes and written as the clause writes it.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use citebrief_store::{CaveatKind, Domain};
use regex::Regex;

use crate::cues::Does;
use crate::scan::has_ascii_digit;

use super::marks::Cue;
use super::text::{is_one_of, prev_word, span};

/// What a condition phrase waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CondClass {
    Ceasefire,
    Peace,
    Attack,
    Money,
    Approval,
}

/// A condition phrase of a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cond {
    pub start: usize,
    pub end: usize,
    pub class: CondClass,
    /// Opened by a caveat phrase ("post-war") rather than by an opener ("after").
    pub from_caveat: bool,
}

/// Openers of a hypothetical: what follows them is supposed, not stated ("even if the idea
/// was not approved").
const HYPOTHETICAL: &[&str] = &[
    "if",
    "even if",
    "unless",
    "only if",
    "should it",
    "in case of",
    "in the case of",
    "in the event",
    "in the event of",
    "in the event that",
    "provided that",
    "on condition that",
];

static FORCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:up to|as many as|about|around|some|more than|over|at least|nearly|roughly|between|an additional|a further|another)\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*(?:-|–|to|and)\s*(?:\d{1,3}(?:,\d{3})+|\d+))?\s+(?:[A-Za-z]+\s+){0,2}?(?:troops|soldiers|personnel|peacekeepers|servicemen|service members|police officers|police|officers|gendarmes|military personnel)(?-u:\b)|[“\x22]?(?-u:\b)(?:several|a few|tens of|some)\s+thousands?[”\x22]?(?:\s+(?:[A-Z][a-z]+\s+)?(?:troops|soldiers|personnel|peacekeepers))?|(?-u:\b)(?:an?\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)-strong(?:\s+[A-Za-z-]+){0,2}?\s+(?:force|brigade|battalion|contingent|mission|division|regiment)(?-u:\b)",
    )
    .expect("force size regex")
});

/// A count of things other than troops: "two squadrons of Rafale jets", "200 monitors".
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:up to|as many as|about|around|more than|over|at least|nearly|roughly|a further|an additional|another)\s+)?(?:\d{1,3}(?:,\d{3})+|\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|dozens of|hundreds of)(?:\s+(?:more|new|additional|further))?(?:\s+[A-Za-z0-9/-]+){0,3}?\s+(squadrons?|jets|aircraft|fighters|helicopters|batteries|battery|interceptors|launchers|frigates?|warships?|ships?|vessels?|minehunters?|minesweepers?|monitors|observers|instructors|trainers|brigades?|battalions?|companies|company)(?:\s+(?:of|each)(?:\s+[A-Za-z0-9/-]+){1,3})?",
    )
    .expect("amount regex")
});

/// Money: "€2.5bn", "$680 million", "1.2 billion crowns", "C$2bn", "€1,8 billion".
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:up to|about|around|more than|over|at least|nearly|roughly|a further|an additional|another)\s+)?(?:(?:US|C|A|NZ)?\$|€|£|¥|EUR\s|USD\s|GBP\s)\s?\d[\d,]*(?:\.\d+)?(?:[\s-]?(?:bn|billion|mn|million|m|trillion|tn))?(?-u:\b)|(?-u:\b)(?:(?:up to|about|around|more than|over|at least|nearly|roughly)\s+)?(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s?(?:bn|billion|million|trillion)\s+(?:euros?|dollars?|pounds?|crowns|kronor|kroner|krone|yen|zlotys?|francs|won)(?-u:\b)",
    )
    .expect("money regex")
});

/// Money amounts in a sentence, unless they price something ("worth", "at a cost of").
pub(crate) fn money(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let digits =
        has_ascii_digit(text) || memchr::memmem::find(text.as_bytes(), b"illion").is_some();
    let found = digits.then(|| MONEY.find_iter(text)).into_iter().flatten();
    found.filter_map(move |m| {
        let before = text[..m.start()].trim_end();
        let prices = [
            "worth",
            "cost of",
            "costs",
            "costing",
            "valued at",
            "price of",
            "estimated at",
        ]
        .iter()
        .any(|w| {
            before
                .len()
                .checked_sub(w.len())
                .and_then(|i| before.get(i..))
                .is_some_and(|tail| tail.eq_ignore_ascii_case(w))
        });
        (!prices).then_some((m.start(), m.end()))
    })
}

/// Whether a number at `pos` is part of a model name ("F-16", "T-72", "S-400").
fn designator(text: &str, pos: usize) -> bool {
    text[..pos]
        .strip_suffix('-')
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_alphabetic()))
}

/// The unit words (without a plural "s") that count something of `domain`.
fn units(domain: Domain) -> &'static [&'static str] {
    match domain {
        Domain::GroundForces => &["brigade", "battalion", "companie", "company"],
        Domain::Air => &["squadron", "jet", "aircraft", "fighter", "helicopter"],
        Domain::AirDefence => &["batterie", "battery", "interceptor", "launcher"],
        Domain::Maritime => &["frigate", "warship", "ship", "vessel"],
        Domain::Demining => &["minehunter", "minesweeper"],
        Domain::Monitoring => &["monitor", "observer"],
        Domain::Training => &["instructor", "trainer"],
        _ => &[],
    }
}

/// How many or how much of `domain` the span `text[a..b]` names, as written.
pub(crate) fn quantity(text: &str, a: usize, b: usize, domain: Domain) -> Option<(usize, usize)> {
    let part = span(text, a, b);
    let found = match domain {
        Domain::GroundForces | Domain::Policing => {
            if !has_ascii_digit(part) && !part.contains("thousand") {
                None
            } else {
                FORCE
                    .find_iter(part)
                    .find(|m| !designator(part, m.start()))
                    .map(|m| (m.start(), m.end()))
            }
        }
        Domain::Financing => money(part).next(),
        d if !units(d).is_empty() => AMOUNT
            .captures_iter(part)
            .find(|c| {
                let unit = c[1].trim_end_matches(['s', 'S']);
                units(d).iter().any(|u| u.eq_ignore_ascii_case(unit))
                    && !designator(part, c.get(0).map_or(0, |m| m.start()))
            })
            .and_then(|c| c.get(0))
            .map(|m| (m.start(), m.end())),
        _ => None,
    }?;
    // a phrase ends at its last content word: "two squadrons of jets and" loses "and"
    let (mut s, mut e) = (a + found.0, a + found.1);
    let trimmed = span(text, s, e).trim_end();
    e = s + trimmed.len();
    while let Some((ws, w)) = prev_word(text, e) {
        if ws <= s
            || !is_one_of(
                w,
                &[
                    "and", "or", "to", "for", "the", "a", "in", "with", "by", "from",
                ],
            )
        {
            break;
        }
        e = text[..ws].trim_end().len();
    }
    let lead = span(text, s, e).len() - span(text, s, e).trim_start().len();
    s += lead;
    (s < e).then_some((s, e))
}

/// Condition phrases: an opener ("after", "once", "in the event of") up to the end of its
/// clause, kept when it names what the commitment waits on; and caveat phrases of the
/// after-ceasefire kind ("post-war").
pub(crate) fn conditions(
    text: &str,
    cues: &[Cue],
    hypotheticals: &mut smallvec::SmallVec<[(usize, usize); 2]>,
) -> smallvec::SmallVec<[Cond; 2]> {
    let mut out: smallvec::SmallVec<[Cond; 2]> = smallvec::SmallVec::new();
    for c in cues {
        let from_caveat = matches!(c.does, Does::Caveat(CaveatKind::AfterCeasefire, _));
        if c.does != Does::Condition && !from_caveat {
            continue;
        }
        // "if the aggressor attacks after a ceasefire": one condition; "once a truce holds and
        // subject to a vote": two
        if let Some(p) = out.last_mut() {
            if c.start < p.end {
                let between = span(text, p.start, c.start).trim_end();
                match between
                    .strip_suffix(" and")
                    .or_else(|| between.strip_suffix(','))
                {
                    Some(head) => p.end = p.start + head.len(),
                    None => continue,
                }
            }
        }
        let (start, end) = if from_caveat {
            (c.start, c.end)
        } else {
            (c.start, clause_end(text, c.end))
        };
        let class = if from_caveat {
            Some(CondClass::Ceasefire)
        } else {
            condition_class(span(text, start, end))
        };
        if !from_caveat && is_one_of(span(text, c.start, c.end).trim(), HYPOTHETICAL) {
            hypotheticals.push((start, end));
        }
        if let Some(class) = class {
            out.push(Cond {
                start,
                end,
                class,
                from_caveat,
            });
        }
    }
    out
}

/// What a condition phrase waits on, by the first word of [`CONDITION_WORDS`] it contains.
pub(crate) fn condition_class(part: &str) -> Option<CondClass> {
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let mut words: Vec<&str> = CONDITION_WORDS.iter().map(|(w, _)| *w).collect();
        words.push("election");
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(words)
            .expect("condition words automaton")
    });
    let mut first = usize::MAX;
    let mut election = false;
    for m in WORDS.find_overlapping_iter(part) {
        match CONDITION_WORDS.get(m.pattern().as_usize()) {
            Some(_) => first = first.min(m.pattern().as_usize()),
            None => election = true,
        }
    }
    let class = CONDITION_WORDS.get(first).map(|(_, c)| *c)?;
    // "after its parliamentary elections" waits on no approval
    (!(class == CondClass::Approval && election)).then_some(class)
}

// an attack clause wins: "if the aggressor attacks again after a ceasefire" is about an attack
const CONDITION_WORDS: &[(&str, CondClass)] = &[
    ("attack", CondClass::Attack),
    ("aggression", CondClass::Attack),
    ("invade", CondClass::Attack),
    ("ceasefire", CondClass::Ceasefire),
    ("cease-fire", CondClass::Ceasefire),
    ("truce", CondClass::Ceasefire),
    ("hostilities", CondClass::Ceasefire),
    ("stop fighting", CondClass::Ceasefire),
    ("fighting stops", CondClass::Ceasefire),
    ("end to the fighting", CondClass::Ceasefire),
    ("peace deal", CondClass::Peace),
    ("peace agreement", CondClass::Peace),
    ("peace accord", CondClass::Peace),
    ("peace treaty", CondClass::Peace),
    ("settlement", CondClass::Peace),
    ("war ends", CondClass::Peace),
    ("end of the war", CondClass::Peace),
    ("war is over", CondClass::Peace),
    ("financed", CondClass::Money),
    ("funded", CondClass::Money),
    ("paid for", CondClass::Money),
    ("parliament", CondClass::Approval),
    ("ratif", CondClass::Approval),
    ("approval", CondClass::Approval),
    ("vote", CondClass::Approval),
    ("mandate", CondClass::Approval),
    ("lawmakers", CondClass::Approval),
    ("legislat", CondClass::Approval),
    ("cabinet", CondClass::Approval),
    ("congress", CondClass::Approval),
    ("senate", CondClass::Approval),
    ("security council", CondClass::Approval),
];

/// The first clause mark in `rest`: ",", ";", ".", ":", "(", a dash, a quote, or " but ",
/// " which ", " that ", " while ", " where "; else its length.
fn first_stop(rest: &str) -> usize {
    let b = rest.as_bytes();
    for i in 0..b.len() {
        let tail = &b[i..];
        let stop = match b[i] {
            b',' | b';' | b'.' | b':' | b'(' | b'"' => true,
            0xE2 => ["—", "“", "”"]
                .iter()
                .any(|q| tail.starts_with(q.as_bytes())),
            b' ' => [
                " but ",
                " which ",
                " that ",
                " while ",
                " where ",
                " to deter",
                " to protect",
                " to support",
                " to maintain",
                " to help",
            ]
            .iter()
            .any(|w| tail.starts_with(w.as_bytes())),
            _ => false,
        };
        if stop {
            return i;
        }
    }
    b.len()
}

/// Where a condition phrase starting at `from` ends: the next clause mark, a new clause
/// after "and", or 12 words on.
fn clause_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let mut end = first_stop(rest);
    if let Some(i) = rest[..end]
        .match_indices(" and ")
        .map(|(i, _)| i)
        .find(|&i| {
            let next = rest[i + 5..]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            next.ends_with("ing")
                || [
                    "would", "will", "could", "should", "must", "is", "are", "was", "were",
                ]
                .contains(&next)
        })
    {
        end = i;
    }
    let mut n = 0;
    for (i, ch) in rest[..end].char_indices() {
        if ch == ' ' {
            n += 1;
            if n > 12 {
                end = i;
                break;
            }
        }
    }
    from + rest[..end].trim_end().len()
}

/// The named text a clause's verb chain governs: "signed a declaration of intent", "under
/// the Paris Declaration". Returns its byte range.
pub(crate) fn instrument(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    static NAMES: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(INSTRUMENTS)
            .expect("instrument automaton")
    });
    let part = span(text, a, b);
    let m = NAMES
        .find_iter(part)
        .find(|m| crate::scan::at_word_boundaries(part, m.start(), m.end()))?;
    let (mut s, e) = (a + m.start(), a + m.end());
    // a capitalised name before it belongs to it: "the Paris Declaration", "Moldova Compact"
    while let Some((ws, w)) = prev_word(text, s) {
        if ws < a || !w.starts_with(char::is_uppercase) || is_one_of(w, &["The", "A", "An"]) {
            break;
        }
        s = ws;
    }
    Some((s, e))
}

/// Kinds of named text that carry commitments.
const INSTRUMENTS: &[&str] = &[
    "declaration of intent",
    "letter of intent",
    "memorandum of understanding",
    "memorandum",
    "joint declaration",
    "joint statement",
    "declaration",
    "security agreement",
    "security pact",
    "security deal",
    "bilateral agreement",
    "agreement on security cooperation",
    "accord",
    "treaty",
    "compact",
    "communique",
    "communiqué",
    "charter",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, d: Domain) -> Option<&str> {
        quantity(text, 0, text.len(), d).map(|(a, b)| span(text, a, b))
    }

    #[test]
    fn quantities_are_read_as_written() {
        assert_eq!(
            q(
                "plan to send up to 15,000 soldiers to protect",
                Domain::GroundForces
            ),
            Some("up to 15,000 soldiers")
        );
        assert_eq!(
            q(
                "said “several thousand” French soldiers could",
                Domain::GroundForces
            ),
            Some("“several thousand” French soldiers")
        );
        assert_eq!(
            q("will send two squadrons of Rafale jets and", Domain::Air),
            Some("two squadrons of Rafale jets")
        );
        assert_eq!(
            q("pledged €1,8 billion for 2024", Domain::Financing),
            Some("€1,8 billion")
        );
        assert_eq!(q("deliver F-16 jets", Domain::Air), None);
        assert_eq!(
            q("1,000 police officers to Haiti", Domain::Policing),
            Some("1,000 police officers")
        );
    }

    #[test]
    fn money_is_read_as_written() {
        let t = "Norway pledged 500 million euros for the fund, and two billion euros later.";
        let got: Vec<&str> = money(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["500 million euros", "two billion euros"]);
        let t = "NATO countries agreed to a $43-billion funding package";
        let got: Vec<&str> = money(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["$43-billion"]);
    }

    #[test]
    fn conditions_name_what_they_wait_on() {
        assert_eq!(
            condition_class("after a peace agreement is concluded"),
            Some(CondClass::Peace)
        );
        assert_eq!(
            condition_class("if the aggressor attacks again after a truce"),
            Some(CondClass::Attack)
        );
        assert_eq!(condition_class("after the meeting"), None);
        assert_eq!(condition_class("after its parliamentary elections"), None);
    }

    #[test]
    fn instruments_take_their_name() {
        let t = "signed the Paris Declaration on Tuesday";
        assert_eq!(
            instrument(t, 0, t.len()).map(|(a, b)| &t[a..b]),
            Some("Paris Declaration")
        );
        let t = "signed a declaration of intent on Tuesday";
        assert_eq!(
            instrument(t, 0, t.len()).map(|(a, b)| &t[a..b]),
            Some("declaration of intent")
        );
    }
}
