//! Who a brief is about when its brief.yaml does not say: the country its sources name far
//! more often than any other as where help goes ("troops to Ukraine", "guarantees for
//! Haiti", "an agreement with Ukraine", "Ukraine's allies"), and the one they name far more
//! often than any other as the attacker ("Russia's invasion", "Russian aggression", "to deter
//! Russia"). What the first does is no commitment to itself; the second's objections are
//! caveats and its deployments commit nothing.
//!
//! Each document is read for its own beneficiary ([`Mentions::beneficiary`] of its text); one
//! too short to show one takes the brief's ([`Lexicon::presume`], from the mentions of all its
//! sources), since a brief's articles are about one subject. The adversary is the brief's.

use std::collections::BTreeMap;

use crate::clause::text;
use crate::lexicon::{Form, Hit, Lexicon};

/// How often each country is named as where help goes, and as the attacker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    helped: BTreeMap<u16, usize>,
    hostile: BTreeMap<u16, usize>,
}

/// The words before a country's name that make it where help goes.
const TO: &[&str] = &["to", "for", "in", "into", "inside", "with"];
/// The words after a country's possessive that make it the one helped ("Ukraine's allies").
const ITS_HELPERS: &[&str] = &[
    "allies",
    "partners",
    "backers",
    "supporters",
    "defence",
    "defense",
];
/// The words before a country's name that make it the attacker ("to deter Russia").
const HOSTILE_BEFORE: &[&str] = &["deter", "deterring", "repel", "repelling", "aggressor"];
/// The words after a country's name, adjective or possessive that make it the attacker
/// ("Russian aggression", "Russia's full-scale invasion", "Russia invaded"), with the
/// modifiers that may come between.
const HOSTILE_AFTER: &[&str] = &[
    "invasion",
    "invaded",
    "invading",
    "aggression",
    "attack",
    "attacks",
    "attacked",
    "offensive",
    "occupation",
    "occupied",
    "bombardment",
    "shelling",
];
const MODIFIERS: &[&str] = &[
    "full-scale",
    "large-scale",
    "continued",
    "continuing",
    "ongoing",
    "further",
    "renewed",
    "future",
    "military",
    "unprovoked",
    "brutal",
];

impl Mentions {
    /// The countries `text` names as where help goes or as the attacker.
    pub fn of(text: &str, lex: &Lexicon) -> Mentions {
        let mut hits = Vec::new();
        lex.scan(text, &mut hits);
        let mut m = Mentions::default();
        for h in &hits {
            let Hit::Actor { actor, form } = h.hit else {
                continue;
            };
            if !lex.is_country(actor) || matches!(form, Form::Person) {
                continue;
            }
            let before = text::prev_word(text, h.start).map(|(_, w)| w);
            let rest = text::past_possessive(&text[h.end..]);
            let possessive = rest.len() < text.len() - h.end;
            let next = text::next_word(text, text.len() - rest.len());
            let helped = matches!(form, Form::Name)
                && (before.is_some_and(|w| text::is_one_of(w, TO))
                    || possessive && next.is_some_and(|(_, w)| text::is_one_of(w, ITS_HELPERS)));
            let head = match next {
                Some((at, w)) if text::is_one_of(w, MODIFIERS) => {
                    text::next_word(text, at + w.len()).map(|(_, w)| w)
                }
                next => next.map(|(_, w)| w),
            };
            let hostile = before.is_some_and(|w| text::is_one_of(w, HOSTILE_BEFORE))
                || head.is_some_and(|w| text::is_one_of(w, HOSTILE_AFTER));
            if helped {
                *m.helped.entry(actor).or_default() += 1;
            }
            if hostile {
                *m.hostile.entry(actor).or_default() += 1;
            }
        }
        m
    }

    /// Adds another text's mentions.
    pub fn add(&mut self, other: &Mentions) {
        for (&a, &n) in &other.helped {
            *self.helped.entry(a).or_default() += n;
        }
        for (&a, &n) in &other.hostile {
            *self.hostile.entry(a).or_default() += n;
        }
    }

    /// The country named at least three times as where help goes, and twice as often as
    /// any other, if one is.
    pub(crate) fn beneficiary(&self) -> Option<u16> {
        leader(&self.helped, None)
    }

    /// The country other than `beneficiary` named at least three times as the attacker, and
    /// twice as often as any other, if one is.
    pub(crate) fn adversary(&self, beneficiary: Option<u16>) -> Option<u16> {
        leader(&self.hostile, beneficiary)
    }
}

/// The actor counted at least three times and twice as often as any other but `except`.
fn leader(count: &BTreeMap<u16, usize>, except: Option<u16>) -> Option<u16> {
    let mut ranked: Vec<(usize, u16)> = count
        .iter()
        .filter(|&(&a, _)| Some(a) != except)
        .map(|(&a, &n)| (n, a))
        .collect();
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    match ranked.as_slice() {
        [(n, a)] if *n >= 3 => Some(*a),
        [(n, a), (m, _), ..] if *n >= 3 && *n >= 2 * m => Some(*a),
        _ => None,
    }
}
