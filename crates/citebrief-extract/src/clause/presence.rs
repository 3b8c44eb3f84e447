//! Step 4b: presence. "The mission also has troops from Canada and Jamaica", "smaller
//! contingents have come from Belize and Guatemala": what a force already counts is a
//! commitment its contributors keep (pledged, as the vocabulary has no "delivered"). Read
//! only where no verb of the clause commits, hedges, refuses or asks: "ruled out any
//! deployment of troops from NATO countries" is a refusal, not NATO's troops.

use citebrief_store::Domain;
use smallvec::SmallVec;

use crate::cues::Does;
use crate::roles::Roles;

use super::marks::DomainHit;
use super::read::Sentence;
use super::text::{is_one_of, next_word, prev_word_skipping_article, span, words_within};

/// One presence: who the people come from, what they are, and the words read.
pub(crate) struct Present {
    pub actors: SmallVec<[u16; 4]>,
    pub domain: Domain,
    pub thing: (usize, usize),
    pub cue: (usize, usize),
    pub names: (usize, usize),
}

pub(crate) fn presence(s: &Sentence, roles: &Roles) -> SmallVec<[Present; 2]> {
    let mut out = SmallVec::new();
    for cue in s.cues.iter().filter(|c| c.does == Does::Presence) {
        let (a, b) = (s.boundary_before(cue.start), s.boundary_after(cue.end));
        let committed = s.cues.iter().any(|c| {
            c.start >= a
                && c.end <= b
                && matches!(
                    c.does,
                    Does::Status(_)
                        | Does::Provide
                        | Does::Lead
                        | Does::Refuse
                        | Does::RefuseAfter
                        | Does::Ask
                        | Does::Condition
                )
        });
        if committed {
            continue;
        }
        // "contingents have come from Belize": the cue ends with "from", the things precede it
        let cue_from = span(s.text, cue.start, cue.end)
            .to_ascii_lowercase()
            .ends_with("from");
        for (i, d) in s.domains.iter().enumerate() {
            if d.start < a || d.end > b || !people(d.domain) {
                continue;
            }
            let listed = if cue_from {
                let last_before = s
                    .domains
                    .iter()
                    .rposition(|t| t.end <= cue.start && t.start >= a);
                if last_before != Some(i) {
                    continue;
                }
                from_list(s, cue.end, b, roles, true)
            } else {
                from_list(s, d.end, b, roles, false)
            };
            let Some((actors, names)) = listed else {
                continue;
            };
            // "police or military officers from Jamaica": every thing of the phrase
            for t in phrase_before(s, i) {
                if !people(t.domain) || out.iter().any(|p: &Present| p.domain == t.domain) {
                    continue;
                }
                out.push(Present {
                    actors: actors.clone(),
                    domain: t.domain,
                    thing: (t.start, t.end),
                    cue: (cue.start, cue.end),
                    names,
                });
            }
        }
    }
    out
}

/// Domains whose people a force counts.
fn people(d: Domain) -> bool {
    matches!(
        d,
        Domain::GroundForces
            | Domain::Policing
            | Domain::Air
            | Domain::Maritime
            | Domain::Training
            | Domain::Demining
            | Domain::Monitoring
    )
}

/// The things of the noun phrase that ends with domain hit `i`: it and those joined to it
/// by "and", "or" or nothing ("police or military officers").
fn phrase_before<'s>(s: &'s Sentence, i: usize) -> impl Iterator<Item = &'s DomainHit> {
    let mut first = i;
    while first > 0 {
        let (p, n) = (&s.domains[first - 1], &s.domains[first]);
        let gap = span(s.text, p.end, n.start).trim();
        if p.end <= n.start && (gap.is_empty() || is_one_of(gap, &["and", "or"])) {
            first -= 1;
        } else {
            break;
        }
    }
    s.domains[first..=i].iter()
}

/// Actors listed after "from", and the span of their names.
type Listed = (SmallVec<[u16; 4]>, (usize, usize));

/// The actors listed right after "from" at `pos` (skipping "the"), up to `end`: countries and
/// bodies, never the beneficiary, an adversary or the brief's group.
fn from_list(
    s: &Sentence,
    pos: usize,
    end: usize,
    roles: &Roles,
    after_from: bool,
) -> Option<Listed> {
    let (at, after) = if after_from {
        (pos - "from".len(), pos)
    } else {
        let (at, w) = next_word(s.text, pos)?;
        if !w.eq_ignore_ascii_case("from") || !words_within(s.text, pos, at, 0) {
            return None;
        }
        (at, at + w.len())
    };
    let mut names: SmallVec<[u16; 4]> = SmallVec::new();
    let (mut first, mut last) = (None, after);
    for m in s
        .mentions
        .iter()
        .filter(|m| m.start >= after && m.end <= end)
    {
        let gap = span(s.text, last, m.start)
            .trim()
            .trim_start_matches(',')
            .trim();
        let joined = if first.is_none() {
            // the first name follows "from" or "from the"
            prev_word_skipping_article(s.text, m.start).is_some_and(|(p, _)| p == at)
        } else {
            gap.is_empty() || is_one_of(gap, &["and", "or", "and the", "or the", "the"])
        };
        if !joined {
            break;
        }
        let a = m.actor?;
        if roles.is_beneficiary(a) || roles.is_adversary(a) || Some(a) == roles.group {
            return None;
        }
        first.get_or_insert(m.start);
        last = m.end;
        if !names.contains(&a) {
            names.push(a);
        }
    }
    let start = first?;
    names.sort_unstable();
    Some((names, (start, last)))
}
