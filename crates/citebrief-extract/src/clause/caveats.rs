//! Step 6: caveats. A caveat cue, or a condition of a kind that limits ("after a ceasefire",
//! "if financed by others", "subject to a vote"), states a limit; whom it limits is decided
//! by its cue's `about`: the parties committing in its sentence (or the paragraph's last
//! commitment), the guarantees as a whole, or the party named nearest. An adversary's
//! objection is resolved across sources (`Objection`).

use citebrief_store::{Caveat, CaveatKind, Citation, Domain, Meta, RuleName};
use smallvec::SmallVec;

use crate::cues::{About, Does};
use crate::Objection;

use super::details::CondClass;
use super::read::{MForm, Sentence};
use super::text::word_count;
use super::{Actors, Cite, Memory, Roles};

/// The caveats of one sentence; `committed` are the actors of its positive commitments.
pub(crate) fn caveats(
    s: &Sentence,
    committed: &[u16],
    spans: &[(usize, usize)],
    mem: &Memory,
    roles: &Roles,
    lex: &crate::Lexicon,
    cite: &Cite,
    out: &mut Vec<Caveat>,
) {
    let text = s.text;
    let mut found: SmallVec<[(CaveatKind, About, &'static str, usize, usize); 4]> = SmallVec::new();
    for c in s.conds.iter().filter(|c| !c.from_caveat) {
        let (kind, rule) = match c.class {
            CondClass::Ceasefire | CondClass::Peace => {
                (CaveatKind::AfterCeasefire, "caveat.after-ceasefire.condition")
            }
            CondClass::Money => (CaveatKind::LimitedResources, "caveat.limited-resources.condition"),
            CondClass::Approval => (CaveatKind::NeedsRatification, "caveat.needs-ratification.condition"),
            CondClass::Attack => continue,
        };
        found.push((kind, About::Actors, rule, c.start, c.end));
    }
    for c in &s.cues {
        if let Does::Caveat(kind, about) = c.does {
            if about != About::Targets {
                found.push((kind, about, c.rule, c.start, c.end));
            }
        }
    }
    // a condition limits a commitment: its clause states one, or names one ("commitments
    // needed to be ratified"); "not to be left alone in the post-war period" limits nothing
    found.retain(|&mut (kind, _, _, a, _)| {
        !matches!(kind, CaveatKind::AfterCeasefire | CaveatKind::NeedsRatification | CaveatKind::LimitedResources)
            || about_commitments(s, spans, a)
    });
    if found.is_empty() {
        return;
    }
    let keep = |a: &u16| !roles.is_beneficiary(*a) && !roles.is_adversary(*a) && Some(*a) != roles.group;
    let named: Actors = {
        let mut v: Actors = s
            .mentions
            .iter()
            .filter(|m| m.form != MForm::Pronoun(crate::cues::Pronoun::Speaker))
            .filter_map(|m| m.actor)
            .filter(|a| roles.is_country(*a))
            .filter(keep)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let committed: Actors = committed.iter().copied().filter(keep).collect();
    let group_committed = committed.is_empty() && !mem.sentence_group_commits;
    let only_pronouns = s.mentions.iter().all(|m| matches!(m.form, MForm::Pronoun(_)));
    let mut seen: SmallVec<[(CaveatKind, Vec<String>); 4]> = SmallVec::new();
    for (kind, about, rule, a, b) in found {
        let actors: Actors = match about {
            About::Package | About::Targets => Actors::new(),
            About::Near => near(s, a, b)
                .filter(keep)
                .into_iter()
                .collect(),
            About::Actors if !committed.is_empty() => committed.clone(),
            _ if mem.sentence_group_commits => Actors::new(),
            About::Actors if only_pronouns && !mem.last_commit.is_empty() => {
                mem.last_commit.iter().copied().filter(keep).collect()
            }
            About::Actors if !named.is_empty() => named.clone(),
            About::Actors if group_committed && !mem.last_commit.is_empty() => {
                mem.last_commit.iter().copied().filter(keep).collect()
            }
            About::Actors => Actors::new(),
        };
        let mut codes: Vec<String> = actors.iter().map(|&a| lex.code(a).to_string()).collect();
        codes.sort();
        codes.dedup();
        if seen.iter().any(|(k, c)| *k == kind && *c == codes) {
            continue;
        }
        seen.push((kind, codes.clone()));
        let words = citebrief_store::Words {
            caveat: Some(text[a..b].trim().into()),
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
                rules: vec![RuleName::Borrowed(rule)],
                ..Default::default()
            },
        });
    }
}

/// Words that name commitments as a thing.
const COMMITMENT_NOUNS: &[&str] = &[
    "commitment", "commitments", "guarantee", "guarantees", "agreement", "agreements", "deal",
    "deals", "pact", "proposals", "proposal", "pledges", "pledge", "deployment", "deployments",
    "forces", "force", "troops", "soldiers", "mission", "contingent", "support", "aid",
    "assistance", "plan", "plans", "contribution", "contributions", "declaration", "hubs",
];

/// Whether the clause around `pos` states a commitment (one found in `spans`) or names one.
fn about_commitments(s: &Sentence, spans: &[(usize, usize)], pos: usize) -> bool {
    let (a, b) = (s.boundary_before(pos), s.boundary_after(pos));
    spans.iter().any(|&(x, y)| x < b && a < y)
        || crate::clause::text::words(s.text, a, b).any(|w| crate::clause::text::is_one_of(w, COMMITMENT_NOUNS))
}

/// The actor named just after a cue (within a few words), else the nearest before it.
fn near(s: &Sentence, a: usize, b: usize) -> Option<u16> {
    let named = |m: &&super::read::Mention| m.actor.is_some() && m.form != MForm::Pronoun(crate::cues::Pronoun::Speaker);
    s.mentions
        .iter()
        .filter(named)
        .find(|m| m.start >= b && word_count(s.text, b, m.start) <= 5)
        .or_else(|| s.mentions.iter().filter(named).rev().find(|m| m.end <= a))
        .and_then(|m| m.actor)
}

/// The adversary's objections in a sentence: what it objects to (domains) and, when it names
/// no domain but names the package and its parties, whom.
pub(crate) fn objections(
    s: &Sentence,
    roles: &Roles,
    lex: &crate::Lexicon,
    earlier: &[(Actors, Domain)],
    cite: &Cite,
) -> Vec<Objection> {
    let text = s.text;
    let hits: SmallVec<[&super::read::Cue; 4]> = s
        .cues
        .iter()
        .filter(|c| matches!(c.does, Does::Caveat(_, About::Targets)))
        .collect();
    let mut out = Vec::new();
    for (i, c) in hits.iter().enumerate() {
        let Some(objector) = s
            .mentions
            .iter()
            .find(|m| m.start < c.start && m.actor.is_some_and(|a| roles.is_adversary(a)))
        else {
            continue;
        };
        let from = if i == 0 { 0 } else { hits[i - 1].end };
        let to = hits.get(i + 1).map_or(text.len(), |n| n.start);
        let mut targets: Vec<Domain> = s
            .domains
            .iter()
            .filter(|d| d.start >= from && d.start < to)
            .map(|d| d.domain)
            .filter(|d| !matches!(d, Domain::BindingGuarantee | Domain::Other | Domain::Financing))
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
                actors = earlier.iter().flat_map(|(a, _)| a.iter().copied()).collect();
            }
            about = actors.iter().map(|&a| lex.code(a).to_string()).collect();
            about.sort();
            about.dedup();
            if !about.is_empty() {
                rules.push(RuleName::Borrowed("caveat.opposition"));
            }
        }
        let words = citebrief_store::Words {
            actor: Some(text[objector.start..objector.end].into()),
            caveat: Some(text[c.start..c.end].into()),
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
    refusals: &[(Actors, Citation)],
    positive: &[Actors],
    roles: &Roles,
    lex: &crate::Lexicon,
    out: &mut Vec<Caveat>,
) {
    for (actors, citation) in refusals {
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
