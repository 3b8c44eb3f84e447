//! Step 1: what the scanners found in one sentence, in the terms the later steps use: actor
//! mentions (names, people, pronouns), domain mentions (keywords and money), cues, and the
//! condition phrases.

use citebrief_store::Domain;
use smallvec::SmallVec;

use crate::cues::{CueHit, Does};
use crate::lexicon::{Form, Hit, LexHit, Lexicon};

use super::details::{self, Cond};
use super::marks::{Cue, DomainHit, MForm, Mention};
use super::text::{after_name, is_one_of, next_word, prev_word, span};

/// One sentence as the clause steps read it. Lists are in text order.
pub(crate) struct Sentence<'t> {
    pub text: &'t str,
    pub line: u32,
    pub mentions: SmallVec<[Mention; 8]>,
    pub domains: SmallVec<[DomainHit; 8]>,
    pub cues: SmallVec<[Cue; 12]>,
    /// Condition phrases that name what a commitment waits on.
    pub conds: SmallVec<[Cond; 2]>,
    /// Spans of hypotheticals ("if", "unless"): supposed, not stated.
    pub hypotheticals: SmallVec<[(usize, usize); 2]>,
}

impl<'t> Sentence<'t> {
    pub(crate) fn new(
        text: &'t str,
        line: u32,
        lexhits: &[LexHit],
        cuehits: &[CueHit],
        lex: &Lexicon,
        group: Option<u16>,
        force: Domain,
    ) -> Sentence<'t> {
        let table = lex.cues();
        let mut mentions: SmallVec<[Mention; 8]> = SmallVec::new();
        let mut domains: SmallVec<[DomainHit; 8]> = SmallVec::new();
        for h in lexhits {
            match h.hit {
                Hit::Actor { actor, form } => {
                    let (start, end, form) = actor_span(text, h.start, h.end, form, lex);
                    mentions.push(Mention {
                        start,
                        end,
                        actor: Some(actor),
                        form,
                    })
                }
                // "intelligence-led operations", "police-backed": a modifier, not a thing
                Hit::Domain(_) | Hit::Force
                    if ["-led", "-based", "-driven", "-backed", "-style"]
                        .iter()
                        .any(|m| text[h.end..].starts_with(m)) => {}
                Hit::Domain(d) => domains.push(DomainHit {
                    start: h.start,
                    end: h.end,
                    domain: d,
                    rule: "domain.keyword",
                }),
                Hit::Force => domains.push(DomainHit {
                    start: h.start,
                    end: h.end,
                    domain: force,
                    rule: "domain.force-word",
                }),
            }
        }
        // an office absorbs the names it overlaps ("EU leaders", "the leaders of France"): of
        // two overlapping mentions the longer stays
        if mentions.windows(2).any(|w| w[1].start < w[0].end) {
            let all = mentions.clone();
            mentions.retain(|m| {
                !all.iter().any(|o| {
                    o.start < m.end
                        && m.start < o.end
                        && (o.end - o.start > m.end - m.start
                            || (o.end - o.start == m.end - m.start && o.start < m.start))
                })
            });
        }
        mentions.sort_by_key(|m| m.start);
        let mut cues: SmallVec<[Cue; 12]> = SmallVec::new();
        let in_name = |a: usize, b: usize| {
            lexhits.iter().any(|h| {
                matches!(h.hit, Hit::Actor { .. })
                    && h.start <= a
                    && b <= h.end
                    && (h.start, h.end) != (a, b)
            })
        };
        let in_thing = |a: usize, b: usize| {
            lexhits
                .iter()
                .any(|h| matches!(h.hit, Hit::Domain(_) | Hit::Force) && h.start <= a && b <= h.end)
        };
        for h in cuehits {
            let does = table.does(h);
            let rule = table.rule(h);
            // "Coalition of the Willing" offers nothing; "humanitarian aid" is a thing given
            if in_name(h.start, h.end) && !matches!(does, Does::Pronoun(_)) {
                continue;
            }
            if does == Does::ProvideNoun && in_thing(h.start, h.end) {
                continue;
            }
            match does {
                Does::Pronoun(p) => {
                    // a pronoun inside a name already found ("US" is not "us") is no pronoun
                    if mentions
                        .iter()
                        .any(|m| m.start <= h.start && h.end <= m.end)
                    {
                        continue;
                    }
                    mentions.push(Mention {
                        start: h.start,
                        end: h.end,
                        actor: None,
                        form: MForm::Pronoun(p),
                    })
                }
                Does::Observer => mentions.push(Mention {
                    start: h.start,
                    end: h.end,
                    actor: None,
                    form: MForm::Observer,
                }),
                Does::Neutral => {}
                _ => cues.push(Cue {
                    start: h.start,
                    end: h.end,
                    does,
                    rule,
                }),
            }
        }
        mentions.sort_by_key(|m| m.start);
        merge_generic_groups(text, &mut mentions, group);
        // "the two leaders", "another NATO state": particular people or an unnamed member,
        // not the group or the bloc
        mentions.retain(|m| {
            let prev = prev_word(text, m.start).map(|(_, w)| w);
            let count = prev.is_some_and(|w| {
                is_one_of(w, &["two", "three", "four", "both"])
                    || w.chars().all(|c| c.is_ascii_digit()) && w.len() == 1
            });
            let another = prev.is_some_and(|w| is_one_of(w, &["another"]));
            !(m.actor.is_some()
                && m.actor == group
                && count
                && is_one_of(span(text, m.start, m.end), &["leaders"])
                || another)
        });
        // "the F-16 Coalition", "the Drone Coalition": another coalition than the group
        mentions.retain(|m| {
            !(m.actor.is_some()
                && m.actor == group
                && span(text, m.start, m.end).eq_ignore_ascii_case("coalition")
                && prev_word(text, m.start).is_some_and(|(_, w)| {
                    w.contains(|c: char| c.is_ascii_digit()) || is_one_of(w, CAPABILITIES)
                }))
        });
        // money given is financing
        for (a, b) in details::money(text) {
            if !domains.iter().any(|d| d.start <= a && b <= d.end) {
                domains.push(DomainHit {
                    start: a,
                    end: b,
                    domain: Domain::Financing,
                    rule: "domain.money",
                });
            }
        }
        domains.sort_by_key(|d| d.start);
        let mut hypotheticals = SmallVec::new();
        let conds = details::conditions(text, &cues, &mut hypotheticals);
        Sentence {
            text,
            line,
            mentions,
            domains,
            cues,
            conds,
            hypotheticals,
        }
    }

    /// Whether `pos` lies inside a condition phrase or a hypothetical.
    pub(crate) fn in_condition(&self, pos: usize) -> bool {
        self.conds.iter().any(|c| c.start <= pos && pos < c.end)
            || self.hypotheticals.iter().any(|&(a, b)| a <= pos && pos < b)
    }

    /// The cues of a kind between two positions.
    pub(crate) fn cues_in(&self, a: usize, b: usize) -> impl Iterator<Item = &Cue> {
        self.cues.iter().filter(move |c| c.start >= a && c.end <= b)
    }

    /// The first clause boundary after `pos`, or the end of the sentence.
    pub(crate) fn boundary_after(&self, pos: usize) -> usize {
        self.cues
            .iter()
            .filter(|c| c.does == Does::Boundary && c.start >= pos)
            .map(|c| c.start)
            .next()
            .unwrap_or(self.text.len())
    }

    /// The end of the last clause boundary before `pos`, or 0.
    pub(crate) fn boundary_before(&self, pos: usize) -> usize {
        self.cues
            .iter()
            .filter(|c| c.does == Does::Boundary && c.end <= pos)
            .map(|c| c.end)
            .next_back()
            .unwrap_or(0)
    }
}

/// Capabilities that name a coalition of their own ("the Drone Coalition").
const CAPABILITIES: &[&str] = &[
    "drone",
    "drones",
    "capability",
    "demining",
    "artillery",
    "armour",
    "armoured",
    "armor",
    "armored",
    "tank",
    "it",
    "jet",
    "fighter",
    "maritime",
    "air",
    "ammunition",
    "energy",
];

/// Words for a group that stand for the name before them: "NATO leaders" are NATO, "G7
/// countries" the G7.
const GENERIC_GROUP: &[&str] = &[
    "leaders",
    "allies",
    "countries",
    "members",
    "nations",
    "partners",
    "states",
    "officials",
    "governments",
    "member states",
];

/// "NATO leaders", "EU members": a generic group word right after a name stands for that
/// name, not for the group acting as one.
fn merge_generic_groups(text: &str, mentions: &mut SmallVec<[Mention; 8]>, group: Option<u16>) {
    let Some(g) = group else { return };
    let mut i = 1;
    while i < mentions.len() {
        let (p, m) = (mentions[i - 1], mentions[i]);
        let generic = m.actor == Some(g) && is_one_of(span(text, m.start, m.end), GENERIC_GROUP);
        // "the leaders of France and Britain": the names after "of" are who they are
        if generic && p.start > m.end {
            // (mentions are sorted: handled when `p` is the generic one below)
        }
        let adjacent = m.start >= p.end
            && span(text, p.end, m.start).trim().is_empty()
            && m.start - p.end <= 1;
        if generic
            && adjacent
            && matches!(p.form, MForm::Name | MForm::Demonym)
            && p.actor.is_some()
        {
            mentions[i - 1].end = m.end;
            mentions[i - 1].form = MForm::Name;
            mentions.remove(i);
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (m, n) = (mentions[i], mentions[i + 1]);
        let generic = m.actor == Some(g) && is_one_of(span(text, m.start, m.end), GENERIC_GROUP);
        let of = span(text, m.end, n.start).trim();
        if generic
            && (of.eq_ignore_ascii_case("of") || of.eq_ignore_ascii_case("from"))
            && n.actor.is_some()
        {
            mentions.remove(i);
        } else {
            i += 1;
        }
    }
}

/// An actor's mention and how it names the actor. An office of the country stands for it, and
/// the mention covers the office: "the German government", "Estonian officials", "Pakistan's
/// foreign minister", "U.S. Secretary of State", "the president of Indonesia" (the lexicon's
/// `offices`).
fn actor_span(
    text: &str,
    start: usize,
    end: usize,
    form: Form,
    lex: &Lexicon,
) -> (usize, usize, MForm) {
    // the office after the name: one space away, or after a possessive
    let office_after = |from: usize| lex.office_at(text, after_name(text, from)?);
    // "the president of Indonesia": an office, then "of", then the name
    let office_before = || {
        let (at, w) = prev_word(text, start)?;
        if !w.eq_ignore_ascii_case("of") || text[at + 2..start] != *" " {
            return None;
        }
        let head = text[..at].trim_end_matches(' ');
        (head.len() + 1 == at).then(|| lex.office_before(text, head.len()))?
    };
    // an office one person holds is a person speaking for the country, whom "he" and "we"
    // refer to; a ministry, a government or officials are the country
    let held = |a: usize, b: usize| {
        let office = text[a..b].trim_start_matches(|c: char| !c.is_alphanumeric());
        let last = super::text::last_word(office);
        let head = office
            .get(..7)
            .is_some_and(|h| h.eq_ignore_ascii_case("head of"));
        if head || is_one_of(last, PERSONAL_OFFICES) {
            MForm::Person
        } else {
            MForm::Name
        }
    };
    match form {
        Form::Person => (start, end, MForm::Person),
        Form::Demonym if demonym_as_noun(text, start, end) => (start, end, MForm::Name),
        Form::Demonym => match office_after(end) {
            Some(e) => (start, e, held(end, e)),
            None => (start, end, MForm::Demonym),
        },
        Form::Name | Form::Capital => match (office_after(end), office_before()) {
            (Some(e), _) => (start, e, held(end, e)),
            (None, Some(s)) if form == Form::Name => (s, end, held(s, start)),
            _ => (start, end, MForm::Name),
        },
    }
}

/// The last words of offices one person holds ("foreign minister", "head of state").
const PERSONAL_OFFICES: &[&str] = &[
    "president",
    "minister",
    "chancellor",
    "premier",
    "king",
    "queen",
    "monarch",
    "emir",
    "prince",
    "sultan",
    "leader",
    "envoy",
    "ambassador",
    "commissioner",
    "representative",
    "negotiator",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "adviser",
    "advisor",
    "counterpart",
    "diplomat",
];

/// "the British", "the Dutch": a demonym after "the" and not before a noun is the country.
fn demonym_as_noun(text: &str, start: usize, end: usize) -> bool {
    let after_the = prev_word(text, start).is_some_and(|(_, w)| is_one_of(w, &["the"]));
    let noun_follows = next_word(text, end).is_some_and(|(at, w)| {
        at == end + 1 && w.starts_with(|c: char| c.is_alphabetic()) && !is_one_of(w, VERBS_AFTER)
    });
    after_the && !noun_follows
}

/// Words that, after a demonym used as a noun, show that it was one ("the British will").
const VERBS_AFTER: &[&str] = &[
    "will", "would", "have", "has", "had", "are", "were", "said", "say", "says", "and", "to",
    "could", "can", "may", "plan", "plans", "agreed", "pledged",
];
