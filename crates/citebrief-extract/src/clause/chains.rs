//! Step 2: verb chains and how firm each is.
//!
//! A chain is a run of cues that together make one predicate: "have agreed to provide",
//! "could be deployed", "are discussing sending", "signed a declaration of intent on Tuesday,
//! agreeing to". Its status is the least firm its words support (rule `status.hedge`): a
//! hedge lowers it ("could send": offered; "are discussing sending": discussed), and a
//! signature makes it `signed` only when nothing lowers it. A chain with no word that
//! commits (a noun such as "deployment", an infinitive) has no status of its own.

use citebrief_store::Status;
use smallvec::SmallVec;

use crate::cues::Does;

use super::context::Rules;
use super::read::Sentence;
use super::text::{is_one_of, prev_word, span, words_upto, words_within};

/// One predicate of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Chain {
    pub start: usize,
    pub end: usize,
    /// The chain's own status; `None` when no word of it commits to anything.
    pub status: Option<Status>,
    /// Refuses what follows ("will not send").
    pub negative: bool,
    /// Refuses what precedes ("the deployment of troops is not foreseen").
    pub refuses_before: bool,
    /// A verb of leading ("leading the ground component").
    pub lead: bool,
    /// A passive ("could be deployed", "was signed by"): what is given may stand before it.
    pub passive: bool,
    /// A signature ("signed a declaration").
    pub sign: bool,
    /// Its verb is a gerund or a noun with no finite verb ("leading", "the deployment"):
    /// what it says is governed by the chain before it.
    pub dependent: bool,
    pub rules: Rules,
}

fn is_chain_cue(d: Does) -> bool {
    matches!(
        d,
        Does::Status(_)
            | Does::Provide
            | Does::ProvideNoun
            | Does::Lead
            | Does::Refuse
            | Does::RefuseAfter
    )
}

/// The verb chains of a sentence, in order. Cues inside a condition phrase are not part of
/// any chain ("after a peace agreement is signed" signs nothing).
pub(crate) fn chains(s: &Sentence) -> SmallVec<[Chain; 4]> {
    let mut out: SmallVec<[Chain; 4]> = SmallVec::new();
    // cue indices of the chain being built
    let mut current: SmallVec<[usize; 6]> = SmallVec::new();
    for (i, c) in s.cues.iter().enumerate() {
        if !is_chain_cue(c.does) || s.in_condition(c.start) {
            continue;
        }
        // "the reconstruction fund", "a support package": a noun, not a verb of providing
        if c.does == Does::Provide
            && (prev_word(s.text, c.start).is_some_and(|(_, w)| {
                is_one_of(w, &["the", "a", "an", "its", "their", "this", "that"])
            }) || s.domains.iter().any(|d| {
                d.end <= c.start
                    && words_within(s.text, d.end, c.start, 0)
                    && span(s.text, d.end, c.start).trim().is_empty()
            }))
        {
            continue;
        }
        // "the signed document": a participle before its noun signs nothing here
        if c.does == Does::Status(Status::Signed)
            && prev_word(s.text, c.start)
                .is_some_and(|(_, w)| is_one_of(w, &["the", "a", "an", "this", "that"]))
        {
            continue;
        }
        let joins = current.last().is_some_and(|&j| {
            let prev = &s.cues[j];
            joins(
                s,
                prev.end,
                c.start,
                c.does,
                current
                    .iter()
                    .any(|&k| s.cues[k].does == Does::Status(Status::Signed)),
            )
        });
        if !joins && !current.is_empty() {
            out.push(make(s, &current));
            current.clear();
        }
        current.push(i);
    }
    if !current.is_empty() {
        out.push(make(s, &current));
    }
    out
}

/// Whether a cue at `next` continues the chain that ends at `end`.
fn joins(s: &Sentence, end: usize, next: usize, does: Does, signed: bool) -> bool {
    let text = s.text;
    if next < end {
        return true;
    }
    let between_names = s.mentions.iter().any(|m| m.start >= end && m.end <= next);
    let between_things = s.domains.iter().any(|d| d.start >= end && d.end <= next);
    let between_cue = s.cues.iter().any(|c| {
        c.start >= end
            && c.end <= next
            && matches!(
                c.does,
                Does::Boundary | Does::Report | Does::Thank | Does::Ask | Does::Condition
            )
    });
    if between_names || between_things || between_cue {
        return false;
    }
    // counted up to 11: the gaps compared are 10 words or fewer
    let gap = words_upto(text, end, next, 11);
    let comma = span(text, end, next).contains([',', ';', ':']);
    // "signed a declaration of intent on Tuesday, agreeing to": the signature carries
    if signed && gap <= 10 && gerund(&text[next..]) && !span(text, end, next).contains(';') {
        return true;
    }
    if does == Does::RefuseAfter {
        return gap <= 2 && !comma;
    }
    gap <= 3 && !comma
}

/// Whether a cue's text starts with a word in -ing ("agreeing", "pledging").
fn gerund(at: &str) -> bool {
    at.split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w.len() > 4 && w.ends_with("ing"))
}

/// The last word of a cue's text.
fn last_word(cue: &str) -> &str {
    cue.rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or(cue)
}

const AUX_BE: &[&str] = &["be", "been", "being", "is", "are", "was", "were", "am"];
const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "could", "can", "may", "might", "must", "to",
];
const IRREGULAR_PAST: &[&str] = &[
    "sent",
    "gave",
    "given",
    "led",
    "built",
    "spent",
    "made",
    "set",
    "took",
    "taken",
    "held",
    "undertook",
    "undertaken",
    "inked",
];

/// Whether a verb of providing stands as a finite verb: "provides", "sent", "has provided",
/// "is sending", or "provide" right after its subject.
fn finite(s: &Sentence, start: usize, word: &str, first_in_chain: bool) -> bool {
    let lower = word.to_ascii_lowercase();
    let before = prev_word(s.text, start).map(|(_, w)| w.to_ascii_lowercase());
    let before = before.as_deref();
    if before.is_some_and(|b| is_one_of(b, MODALS)) {
        return false;
    }
    if lower.ends_with("ing") {
        return before.is_some_and(|b| is_one_of(b, &["is", "are", "was", "were", "am"]));
    }
    let past = lower.ends_with("ed") || is_one_of(&lower, IRREGULAR_PAST);
    if past {
        // "be deployed" is a passive whose modal gives the status; "was deployed" is finite
        return !before.is_some_and(|b| is_one_of(b, &["be", "being"]));
    }
    if lower.ends_with('s') && !lower.ends_with("ss") {
        return true;
    }
    // a bare "provide": finite only right after a name or pronoun ("France and Britain provide")
    first_in_chain
        && before.is_some_and(|b| !is_one_of(b, &["and", "or", "not", "also", "help", "and", "of"]))
        && s.mentions
            .iter()
            .any(|m| m.end <= start && words_within(s.text, m.end, start, 0))
}

/// Whether the word after `pos` is "by" (a passive's agent follows).
fn next_is_by(text: &str, pos: usize) -> bool {
    super::text::next_word(text, pos).is_some_and(|(_, w)| w.eq_ignore_ascii_case("by"))
}

/// Whether a text (an agreement, a deal, a pact) is named within five words after `pos`.
fn names_text_after(text: &str, pos: usize) -> bool {
    super::text::words(text, pos, text.len()).take(5).any(|w| {
        is_one_of(
            w,
            &[
                "agreement",
                "agreements",
                "deal",
                "deals",
                "pact",
                "pacts",
                "accord",
                "treaty",
                "declaration",
                "memorandum",
                "compact",
                "document",
                "contract",
                "contracts",
            ],
        )
    })
}

fn make(s: &Sentence, idx: &[usize]) -> Chain {
    let text = s.text;
    let first = &s.cues[idx[0]];
    let last = &s.cues[*idx.last().expect("a chain has a cue")];
    let mut chain = Chain {
        start: first.start,
        end: last.end.max(first.end),
        status: None,
        negative: false,
        refuses_before: false,
        lead: false,
        passive: false,
        sign: false,
        dependent: true,
        rules: Rules::new(),
    };
    let mut statuses: SmallVec<[Status; 4]> = SmallVec::new();
    let mut future = false;
    for (k, &i) in idx.iter().enumerate() {
        let c = &s.cues[i];
        let word = last_word(span(text, c.start, c.end));
        let before = prev_word(text, c.start).map(|(_, w)| w);
        if before.is_some_and(|b| is_one_of(b, AUX_BE))
            && (word.ends_with("ed") || word.ends_with("en") || is_one_of(word, IRREGULAR_PAST))
        {
            chain.passive = true;
        }
        let mut fired = true;
        if next_is_by(text, c.end)
            && (word.ends_with("ed") || word.ends_with("en") || is_one_of(word, IRREGULAR_PAST))
        {
            chain.passive = true;
        }
        match c.does {
            Does::Status(Status::Signed)
                if !word.to_ascii_lowercase().starts_with("sign")
                    && !names_text_after(text, c.end) =>
            {
                // "the summit concluded": concluding or finalising signs only a text
                fired = false;
            }
            Does::Status(Status::Signed) => {
                // "will sign", "ready to sign": a signature still to come
                let to_come = future
                    || !statuses.is_empty()
                    || before.is_some_and(|b| is_one_of(b, &["to", "will", "would", "shall"]));
                if to_come {
                    statuses.push(Status::Planned);
                    chain.rules.push("status.future-sign");
                } else {
                    chain.sign = true;
                }
                chain.dependent = false;
            }
            // "pledged to offer 1,000 officers": after a firmer verb, "to offer" is what is
            // provided, not a hedge
            Does::Status(Status::Offered)
                if k > 0
                    && word.eq_ignore_ascii_case("offer")
                    && before.is_some_and(|b| b.eq_ignore_ascii_case("to"))
                    && !statuses.is_empty() =>
            {
                chain.rules.push("status.offer-provides");
            }
            Does::Status(st) => {
                if c.rule == "status.will" {
                    future = true;
                }
                statuses.push(st);
                chain.dependent = false;
            }
            Does::Provide | Does::Lead => {
                chain.lead |= c.does == Does::Lead;
                if finite(s, c.start, word, k == 0) {
                    statuses.push(Status::Pledged);
                    chain.dependent = false;
                } else if k > 0 {
                    chain.dependent &= true;
                } else {
                    fired = c.does == Does::Lead;
                }
            }
            Does::ProvideNoun => fired = false,
            Does::Refuse => {
                chain.negative = true;
                chain.dependent = false;
            }
            Does::RefuseAfter => {
                chain.refuses_before = true;
                chain.negative = true;
                chain.dependent = false;
            }
            _ => fired = false,
        }
        if fired && !chain.rules.contains(&c.rule) {
            chain.rules.push(c.rule);
        }
    }
    // a chain whose only words are nouns or infinitives still reads as a provision when
    // something before it gives the status
    chain.status = statuses.iter().copied().reduce(Status::weaker);
    if statuses.len() > 1 {
        chain.rules.push("status.hedge");
    }
    if chain.sign {
        match chain.status {
            None | Some(Status::Pledged) => chain.status = Some(Status::Signed),
            Some(_) => {}
        }
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clause::read::Sentence;
    use crate::lexicon::Lexicon;

    fn statuses(text: &str) -> Vec<(String, Option<Status>, bool)> {
        let lex = Lexicon::builtin();
        let (mut lh, mut ch) = (Vec::new(), Vec::new());
        lex.scan_with_cues(text, &mut lh, &mut ch);
        let s = Sentence::new(
            text,
            1,
            &lh,
            &ch,
            &lex,
            None,
            citebrief_store::Domain::GroundForces,
        );
        chains(&s)
            .into_iter()
            .map(|c| (span(text, c.start, c.end).to_string(), c.status, c.negative))
            .collect()
    }

    #[test]
    fn a_hedge_lowers_the_chain() {
        assert_eq!(
            statuses("Sweden is ready to provide jets."),
            [(
                "is ready to provide".to_string(),
                Some(Status::Offered),
                false
            )]
        );
        assert_eq!(
            statuses("French soldiers could be deployed to Moldova."),
            [(
                "could be deployed".to_string(),
                Some(Status::Offered),
                false
            )]
        );
        assert_eq!(
            statuses("Officials are discussing sending troops."),
            [(
                "discussing sending".to_string(),
                Some(Status::Discussed),
                false
            )]
        );
        assert_eq!(
            statuses("They confirmed plans to bolster the army."),
            [(
                "confirmed plans to bolster".to_string(),
                Some(Status::Planned),
                false
            )]
        );
    }

    #[test]
    fn a_signature_carries_unless_hedged() {
        let got = statuses(
            "Leaders signed a declaration of intent on Tuesday, agreeing to a deployment.",
        );
        assert_eq!(got[0].1, Some(Status::Signed), "{got:?}");
        let got = statuses("Italy will sign an agreement.");
        assert_eq!(got[0].1, Some(Status::Planned), "{got:?}");
    }

    #[test]
    fn refusals() {
        let got = statuses("Slovakia will not send soldiers.");
        assert!(got[0].2, "{got:?}");
    }
}
