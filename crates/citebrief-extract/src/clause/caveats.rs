//! Step 6: caveats. A caveat cue, or a condition of a kind that limits ("after a ceasefire",
//! "if financed by others", "subject to a vote"), states a limit; whom it limits is decided
//! by its cue's `about`: the parties committing in its sentence (or the paragraph's last
//! commitment), the guarantees as a whole, or the party named nearest. An adversary's
//! objection is resolved across sources (`Objection`).

use citebrief_store::{Caveat, CaveatKind, Citation, Domain, Meta, RuleName};

use smallvec::SmallVec;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::cues::{About, Does};
use crate::found::Objection;

use super::context::{Actors, Cite, Memory};
use super::details::CondClass;
use super::marks::MForm;
use super::read::Sentence;
use super::text::{span, words_within};
use crate::roles::Roles;

/// A limit a sentence states: its kind, whom its cue says it is about, the rule that read
/// it, and its words.
#[derive(Debug, Clone, Copy)]
struct Limit {
    kind: CaveatKind,
    about: About,
    rule: &'static str,
    start: usize,
    end: usize,
}

/// A refusal of military means, which limits the refusing party's role when it commits
/// something else.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    pub actors: Actors,
    pub citation: Citation,
}

/// A positive commitment the sentence states: where (from its subject to the end of its
/// object), by whom (the group only when it is named and commits something of its own), and
/// whether it is the package as a whole (nothing specific named).
#[derive(Debug, Clone)]
pub(crate) struct Stated {
    pub start: usize,
    pub end: usize,
    pub actors: Actors,
    pub package: bool,
}

/// The caveats of one sentence, given the commitments it states.
pub(crate) fn caveats(
    s: &Sentence,
    stated: &[Stated],
    mem: &Memory,
    roles: &Roles,
    lex: &crate::lexicon::Lexicon,
    cite: &Cite,
    out: &mut Vec<Caveat>,
) {
    let text = s.text;
    let mut found: SmallVec<[Limit; 4]> = SmallVec::new();
    for c in s.conds.iter().filter(|c| !c.from_caveat) {
        let (kind, rule) = match c.class {
            CondClass::Ceasefire | CondClass::Peace => (
                CaveatKind::AfterCeasefire,
                "caveat.after-ceasefire.condition",
            ),
            CondClass::Money => (
                CaveatKind::LimitedResources,
                "caveat.limited-resources.condition",
            ),
            CondClass::Approval => (
                CaveatKind::NeedsRatification,
                "caveat.needs-ratification.condition",
            ),
            CondClass::Attack => continue,
        };
        found.push(Limit {
            kind,
            about: About::Actors,
            rule,
            start: c.start,
            end: c.end,
        });
    }
    for c in &s.cues {
        if let Does::Caveat(kind, about) = c.does {
            if about != About::Targets {
                found.push(Limit {
                    kind,
                    about,
                    rule: c.rule,
                    start: c.start,
                    end: c.end,
                });
            }
        }
    }
    // a condition limits a commitment: its clause states one, or names one ("commitments
    // needed to be ratified"); "not to be left alone in the post-war period" limits nothing
    found.retain(|&mut Limit { kind, start: a, .. }| {
        !matches!(
            kind,
            CaveatKind::AfterCeasefire
                | CaveatKind::NeedsRatification
                | CaveatKind::LimitedResources
        ) || about_commitments(s, stated, a)
    });
    if found.is_empty() {
        return;
    }
    let keep = |a: &u16| !roles.is_beneficiary(*a) && !roles.is_adversary(*a);
    let named: Actors = {
        let mut v: Actors = s
            .mentions
            .iter()
            .filter(|m| m.form != MForm::Pronoun(crate::cues::Pronoun::Speaker))
            .filter(|m| !person_speaking(s, m))
            .filter_map(|m| m.actor)
            .filter(|a| roles.is_country(*a))
            .filter(keep)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let only_pronouns = s
        .mentions
        .iter()
        .all(|m| matches!(m.form, MForm::Pronoun(_)));
    let mut seen: SmallVec<[(CaveatKind, Vec<String>); 4]> = SmallVec::new();
    for Limit {
        kind,
        about,
        rule,
        start: a,
        end: b,
    } in found
    {
        let actors: Actors = match about {
            About::Package | About::Targets => Actors::new(),
            About::Near => near(s, a, b).into_iter().filter(keep).collect(),
            About::Actors => {
                if package_subject(s, a) {
                    // "agreements must be ratified", "those proposals await ratification"
                    Actors::new()
                } else if let Some(v) = limited(s, stated, a) {
                    v
                } else if stated.iter().any(|x| !x.actors.is_empty()) {
                    // a limit in a clause of its own ("but the final question has to be
                    // answered in Parliament") limits what the sentence commits
                    let mut v: Actors = stated
                        .iter()
                        .flat_map(|x| x.actors.iter().copied())
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                } else if !stated.is_empty() {
                    Actors::new()
                } else if only_pronouns && !mem.last_commit.is_empty() {
                    mem.last_commit.iter().copied().filter(keep).collect()
                } else if !named.is_empty() {
                    named.clone()
                } else if names_commitment(s, a) && mem.last_commit.is_empty() {
                    Actors::new()
                } else {
                    mem.last_commit.iter().copied().filter(keep).collect()
                }
            }
        };
        // a limit said of the whole package whose clause names whose commitments it limits
        // ("the latest US commitments remain undefined")
        let mut rules = vec![RuleName::Borrowed(rule)];
        let actors = match owners(s, a, &keep) {
            Some(v) if actors.is_empty() && kind != CaveatKind::Opposition => {
                rules.push(RuleName::Borrowed("caveat.about.owner"));
                v
            }
            _ => actors,
        };
        let mut codes: Vec<String> = actors.iter().map(|&a| lex.code(a).to_string()).collect();
        codes.sort();
        codes.dedup();
        if seen.iter().any(|(k, c)| *k == kind && *c == codes) {
            continue;
        }
        seen.push((kind, codes.clone()));
        let words = citebrief_store::Words {
            caveat: Some(span(text, a, b).trim().into()),
            ..Default::default()
        };
        out.push(Caveat {
            id: String::new(),
            statement: String::new(),
            caveat: kind,
            about: codes,
            citations: vec![cite.with_words(words, None, None, None)],
            corroboration: 0,
            meta: Meta {
                rules,
                ..Default::default()
            },
        });
    }
}

/// What a party owns when its name stands right before it ("US commitments", "Canada's
/// pledge"); not "NATO troops", which a clause may name as what an adversary rejects.
const OWNED: &[&str] = &[
    "commitment",
    "commitments",
    "pledge",
    "pledges",
    "promise",
    "promises",
    "guarantee",
    "guarantees",
    "contribution",
    "contributions",
];

/// The parties the clause around `pos` names as owners of commitments ("the latest US
/// commitments", "Canada's pledge"), if any.
fn owners(s: &Sentence, pos: usize, keep: &impl Fn(&u16) -> bool) -> Option<Actors> {
    let (a, b) = (s.boundary_before(pos), s.boundary_after(pos));
    let mut v: Actors = s
        .mentions
        .iter()
        .filter(|m| m.start >= a && m.end <= b && !matches!(m.form, MForm::Pronoun(_)))
        .filter(|m| {
            let rest = super::text::past_possessive(&s.text[m.end..]);
            rest.starts_with(' ')
                && super::text::next_word(s.text, s.text.len() - rest.len())
                    .is_some_and(|(_, w)| super::text::is_one_of(w, OWNED))
        })
        .filter_map(|m| m.actor)
        .filter(|x| keep(x))
        .collect();
    v.sort_unstable();
    v.dedup();
    (!v.is_empty()).then_some(v)
}

/// Words that name commitments as a thing.
const COMMITMENT_NOUNS: &[&str] = &[
    "commitment",
    "commitments",
    "guarantee",
    "guarantees",
    "agreement",
    "agreements",
    "deal",
    "deals",
    "pact",
    "proposals",
    "proposal",
    "pledges",
    "pledge",
    "deployment",
    "deployments",
    "troops",
    "soldiers",
    "mission",
    "contingent",
    "support",
    "aid",
    "assistance",
    "plan",
    "plans",
    "contribution",
    "contributions",
    "declaration",
    "hubs",
    "deter",
];

/// Whose commitments a limit at `pos` qualifies: those of the stated commitments around it
/// (the package's: none), else of the one right before it in its clause.
fn limited(s: &Sentence, stated: &[Stated], pos: usize) -> Option<Actors> {
    let mut around: Vec<&Stated> = stated
        .iter()
        .filter(|x| x.start <= pos && pos < x.end)
        .collect();
    // a specific commitment around the limit outweighs the package it is part of
    if around.iter().any(|x| !x.package) {
        around.retain(|x| !x.package);
    }
    let chosen: Vec<&Stated> = if around.is_empty() {
        // the nearest commitment of its clause, before it or after it ("In the event of a
        // ceasefire, the UK and France would")
        let (clause, end) = (s.boundary_before(pos), s.boundary_after(pos));
        let before = stated.iter().rfind(|x| x.end <= pos && x.start >= clause);
        let after = stated.iter().find(|x| x.start > pos && x.start < end);
        before.or(after).into_iter().collect()
    } else {
        around
    };
    if chosen.is_empty() {
        return None;
    }
    let mut v: Actors = chosen
        .iter()
        .flat_map(|x| x.actors.iter().copied())
        .collect();
    v.sort_unstable();
    v.dedup();
    Some(v)
}

/// Whether a limit's own subject is commitments as a thing: a commitment noun in the few
/// words before it, with no party named between ("agreements must be ratified").
fn package_subject(s: &Sentence, pos: usize) -> bool {
    let text = s.text;
    let clause = s.boundary_before(pos);
    let mut at = pos;
    for _ in 0..8 {
        let Some((ws, w)) = crate::clause::text::prev_word(text, at) else {
            return false;
        };
        if ws < clause || s.mentions.iter().any(|m| m.start <= ws && ws < m.end) {
            return false;
        }
        // plural: the commitments as a whole; "this agreement" is the one just reported
        if crate::clause::text::is_one_of(
            w,
            &[
                "commitments",
                "agreements",
                "proposals",
                "guarantees",
                "pledges",
                "deals",
            ],
        ) {
            return true;
        }
        at = ws;
    }
    false
}

/// Whether the clause around `pos` names commitments as a thing ("commitments needed to be
/// ratified"), not counting the condition's own words ("after a peace deal").
fn names_commitment(s: &Sentence, pos: usize) -> bool {
    let (a, b) = (s.boundary_before(pos), s.boundary_after(pos));
    let cond_end = s
        .conds
        .iter()
        .find(|c| c.start == pos)
        .map_or(pos, |c| c.end);
    static NOUNS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(COMMITMENT_NOUNS)
            .expect("commitment nouns")
    });
    let names = |x: usize, y: usize| crate::clause::text::has_word_of(s.text, x, y, &NOUNS);
    names(a, pos) || names(cond_end.min(b), b)
}

/// Whether the clause around `pos` states a commitment or names one.
fn about_commitments(s: &Sentence, stated: &[Stated], pos: usize) -> bool {
    let (a, b) = (s.boundary_before(pos), s.boundary_after(pos));
    stated.iter().any(|x| x.start < b && a < x.end) || names_commitment(s, pos)
}

/// A person who reports what the sentence says ("Ruto says more support is needed", "Macron
/// emphasised that", "according to Macron"): the speaker, not whom the limit is about.
fn person_speaking(s: &Sentence, m: &super::marks::Mention) -> bool {
    if m.form != MForm::Person {
        return false;
    }
    let next = crate::clause::text::next_word(s.text, m.end).map(|(at, _)| at);
    let before = crate::clause::text::prev_word(s.text, m.start).map(|(at, _)| at);
    s.cues.iter().any(|c| {
        c.does == Does::Report
            && (Some(c.start) == next
                || before.is_some_and(|b| c.start < b && c.end > b)
                || before == Some(c.start) && c.end <= m.start)
    })
}

/// The actors named just after a cue (within a few words), else nearest before it, with the
/// names joined to them ("backed by the US and UK").
fn near(s: &Sentence, a: usize, b: usize) -> Actors {
    let named = |m: &super::marks::Mention| {
        m.actor.is_some() && m.form != MForm::Pronoun(crate::cues::Pronoun::Speaker)
    };
    let i = s
        .mentions
        .iter()
        .position(|m| named(m) && m.start >= b && words_within(s.text, b, m.start, 5))
        .or_else(|| s.mentions.iter().rposition(|m| named(m) && m.end <= a));
    let Some(i) = i else { return Actors::new() };
    let joined = |x: &super::marks::Mention, y: &super::marks::Mention| {
        let gap = span(s.text, x.end, y.start).trim();
        gap.is_empty()
            || gap == ","
            || crate::clause::text::is_one_of(gap, &["and", "or", "and the", ", and", "and its"])
    };
    let (mut lo, mut hi) = (i, i);
    while lo > 0 && named(&s.mentions[lo - 1]) && joined(&s.mentions[lo - 1], &s.mentions[lo]) {
        lo -= 1;
    }
    while hi + 1 < s.mentions.len()
        && named(&s.mentions[hi + 1])
        && joined(&s.mentions[hi], &s.mentions[hi + 1])
    {
        hi += 1;
    }
    s.mentions[lo..=hi].iter().filter_map(|m| m.actor).collect()
}

/// The adversary's objections in a sentence: what it objects to (domains) and, when it names
/// no domain but names the package and its parties, whom.
pub(crate) fn objections(
    s: &Sentence,
    roles: &Roles,
    lex: &crate::lexicon::Lexicon,
    earlier: &[Actors],
    cite: &Cite,
) -> Vec<Objection> {
    let text = s.text;
    // the objection cues an adversary named before them speaks
    let hits: SmallVec<[(&super::marks::Cue, &super::marks::Mention); 4]> = s
        .cues
        .iter()
        .filter(|c| matches!(c.does, Does::Caveat(_, About::Targets)))
        .filter_map(|c| {
            s.mentions
                .iter()
                .find(|m| m.start < c.start && m.actor.is_some_and(|a| roles.is_adversary(a)))
                .map(|m| (c, m))
        })
        .collect();
    let mut out = Vec::new();
    for (i, &(c, objector)) in hits.iter().enumerate() {
        let from = if i == 0 { 0 } else { hits[i - 1].0.end };
        let to = hits.get(i + 1).map_or(text.len(), |n| n.0.start);
        let mut targets: Vec<Domain> = s
            .domains
            .iter()
            .filter(|d| d.start >= from && d.start < to)
            .map(|d| d.domain)
            .filter(|d| {
                !matches!(
                    d,
                    Domain::BindingGuarantee | Domain::Other | Domain::Financing
                )
            })
            .collect();
        targets.sort_unstable();
        targets.dedup();
        let mut rules: Vec<RuleName> = vec![RuleName::Borrowed(c.rule)];
        let mut about: Vec<String> = Vec::new();
        if targets.is_empty() {
            // "called the deal a hostile act", "the participation of Romania will not go
            // unanswered": about the parties named after the objector, else those of the
            // document's earlier firm commitments
            let said = objector.end.max(from);
            let mut actors: Actors = s
                .mentions
                .iter()
                .filter(|m| m.start >= said && m.start < to)
                .filter_map(|m| m.actor)
                .filter(|a| !roles.is_adversary(*a) && !roles.is_beneficiary(*a))
                .collect();
            if actors.is_empty() {
                actors = earlier.iter().flat_map(|a| a.iter().copied()).collect();
            }
            about = actors.iter().map(|&a| lex.code(a).to_string()).collect();
            about.sort();
            about.dedup();
            if !about.is_empty() {
                rules.push(RuleName::Borrowed("caveat.opposition"));
            }
        }
        let words = citebrief_store::Words {
            actor: Some(span(text, objector.start, objector.end).into()),
            caveat: Some(span(text, c.start, c.end).into()),
            ..Default::default()
        };
        out.push(Objection {
            citation: cite.with_words(words, None, None, None),
            targets,
            about,
            rules,
        });
    }
    out
}

/// A refusal of troops, jets, ships or weapons by a party that commits something else in the
/// same source limits that party's role (`caveat.limited-role.refusal`).
pub(crate) fn refusals_limit_the_role(
    refusals: &[Refusal],
    positive: &[Actors],
    roles: &Roles,
    lex: &crate::lexicon::Lexicon,
    out: &mut Vec<Caveat>,
) {
    for Refusal { actors, citation } in refusals {
        let about: Vec<String> = actors
            .iter()
            .filter(|&&a| Some(a) != roles.group && positive.iter().any(|p| p.contains(&a)))
            .map(|&a| lex.code(a).to_string())
            .collect();
        if about.is_empty() {
            continue;
        }
        out.push(Caveat {
            id: String::new(),
            statement: String::new(),
            caveat: CaveatKind::LimitedRole,
            about,
            citations: vec![citation.clone()],
            corroboration: 0,
            meta: Meta {
                rules: vec![RuleName::Borrowed("caveat.limited-role.refusal")],
                ..Default::default()
            },
        });
    }
}
