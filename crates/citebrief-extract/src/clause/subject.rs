//! Step 3: who commits. The committing party of a chain is the subject of its verb: the
//! nearest names before it in its clause that do not follow a preposition; inside reported
//! speech ("Macron said Britain will send"), the subject inside it, never the speaker; a
//! pronoun's antecedent in the same paragraph; the party thanked for its readiness; the agent
//! of a passive. The beneficiary is never the committing party, and the adversary commits
//! nothing.

use crate::cues::{Does, Pronoun};

use super::chains::Chain;
use super::context::{Actors, Memory, Rules};
use super::marks::{MForm, Mention};
use super::read::Sentence;
use super::text::{
    is_one_of, next_word, possessive_at, prev_word, prev_word_skipping_article, span, words,
};
use crate::roles::Roles;

/// Who commits, and where the clause names them.
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    pub actors: Actors,
    /// The words that name them (a byte range of the sentence); `None` when no word does
    /// (the default group).
    pub span: Option<(usize, usize)>,
    pub rules: Rules,
    /// The party was asked or urged: it has committed nothing.
    pub asked: bool,
    /// The clause's subject commits nothing here: the beneficiary, an adversary, an
    /// observer, or a denial ("not all countries"). Its `actors` are empty.
    pub blocked: Option<&'static str>,
}

impl Subject {
    fn blocked(why: &'static str, span: Option<(usize, usize)>) -> Subject {
        Subject {
            actors: Actors::new(),
            span,
            rules: Rules::new(),
            asked: false,
            blocked: Some(why),
        }
    }
}

/// A name right after one of these is an object ("across Moldova", "with allies").
const OBJECT_PREPOSITIONS: &[&str] = &[
    "to",
    "with",
    "for",
    "against",
    "across",
    "on",
    "into",
    "in",
    "at",
    "toward",
    "towards",
    "than",
    "over",
    "inside",
    "within",
    "between",
    "among",
    "about",
    "via",
    "from",
    "of",
    "deter",
    "under",
    "including",
    "like",
    "near",
    "beyond",
    "around",
    "through",
    "following",
    "after",
    "unlike",
    "besides",
    "except",
    "alongside",
    "behind",
    "beside",
    "before",
    "during",
    "met",
    "meet",
    "meeting",
    "visit",
    "visited",
    "visiting",
    "told",
];

/// People who speak or act for a country: "officials from Europe", "leaders of France".
const PEOPLE: &[&str] = &[
    "officials",
    "official",
    "leaders",
    "leader",
    "representatives",
    "representative",
    "ministers",
    "minister",
    "delegations",
    "delegation",
    "diplomats",
    "envoys",
    "envoy",
    "negotiators",
    "advisers",
    "advisors",
    "heads",
    "head",
    "governments",
    "government",
    "president",
    "presidents",
    "chancellor",
    "premier",
    "secretary",
    "counterparts",
    "counterpart",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "prime",
    "nations",
    "countries",
    "states",
    "troops",
    "forces",
    "partners",
    "allies",
    "members",
    "member",
];

/// Words that may stand between the names of one subject: "Finland and Norway", "President
/// Alexander Stubb of Finland and Prime Minister Jonas Gahr Store of Norway".
const CONNECTORS: &[&str] = &[
    "and",
    "or",
    "the",
    "of",
    "from",
    "as",
    "well",
    "along",
    "together",
    "top",
    "senior",
    "other",
    "president",
    "prime",
    "minister",
    "ministers",
    "chancellor",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "envoy",
    "special",
    "officials",
    "representatives",
    "leaders",
    "mr",
    "mrs",
    "ms",
    "sir",
    "dr",
    "including",
    "both",
    "head",
    "heads",
    "state",
    "government",
    "counterpart",
    "counterparts",
    "delegation",
    "national",
    "security",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ministry",
    "deputy",
    "chief",
    "s",
    "various",
    "several",
    "its",
    "their",
    "key",
    "fellow",
    "with",
    "nations",
    "countries",
    "leader",
];

/// Whether the words between two mentions join them into one subject.
fn connective(gap: &str) -> bool {
    let (mut n, mut along, mut with) = (0, false, false);
    if gap.contains([';', ':', '(']) {
        return false;
    }
    for w in gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        n += 1;
        if n > 6 {
            return false;
        }
        along |= w.eq_ignore_ascii_case("along") || w.eq_ignore_ascii_case("together");
        if w.eq_ignore_ascii_case("with") {
            with = true;
        } else if !is_one_of(w, CONNECTORS) {
            return false;
        }
    }
    !with || along
}

/// Whether the mention is the object of a preposition or of another verb, not a subject,
/// alone or as a later member of a list ("following the UK, France and Germany"). "from"/"of"
/// after a word for people makes it their affiliation ("officials from Europe", "the leaders
/// of France").
fn is_object(text: &str, m: &Mention) -> bool {
    is_object_at(text, m.start)
}

/// [`is_object`] for the mention at index `i` of the sentence, looking back over its list.
fn is_object_in(s: &Sentence, i: usize) -> bool {
    let text = s.text;
    let mut head = i;
    while head > 0 {
        let prev = &s.mentions[head - 1];
        let gap = &text[prev.end..s.mentions[head].start];
        let list_gap = gap.trim().is_empty()
            || gap.trim() == ","
            || is_one_of(
                gap.trim().trim_start_matches(',').trim(),
                &[
                    "and",
                    "or",
                    "and the",
                    "or the",
                    "as well as",
                    "as well as the",
                ],
            );
        if !list_gap {
            break;
        }
        head -= 1;
    }
    // "after the US suspended its funding": a conjunction opening a clause, whose subject the
    // names are when its verb follows them
    let end = s.mentions[i].end;
    let before = prev_word_skipping_article(text, s.mentions[head].start);
    let clause_opens = before.is_some_and(|(_, w)| {
        is_one_of(
            w,
            &[
                "after", "before", "since", "until", "once", "when", "because",
            ],
        )
    }) && s.cues.iter().any(|c| {
        c.start >= end
            && super::text::words_within(text, end, c.start, 1)
            && !span(text, end, c.start).contains([',', ';', '('])
            && matches!(
                c.does,
                Does::Status(_) | Does::Provide | Does::Lead | Does::Refuse | Does::RefuseAfter
            )
    });
    // "Alongside Kenya, Benin and Jamaica have committed": a fronted "alongside" joins its
    // names to the subject that follows it
    let fronted_with = before.is_some_and(|(at, w)| {
        is_one_of(w, &["alongside", "besides"])
            && text[..at].trim().is_empty()
            && head < i
            && text[s.mentions[head].end..].trim_start().starts_with(',')
    });
    !clause_opens && !fronted_with && is_object_after(text, before)
}

fn is_object_at(text: &str, start: usize) -> bool {
    is_object_after(text, prev_word_skipping_article(text, start))
}

/// [`is_object_at`] given the word before the name (an article skipped) and its start.
fn is_object_after(text: &str, before: Option<(usize, &str)>) -> bool {
    let Some((at, w)) = before else {
        return false;
    };
    if !is_one_of(w, OBJECT_PREPOSITIONS) {
        return false;
    }
    if is_one_of(w, &["from", "of"]) {
        let affiliation = prev_word_skipping_article(text, at)
            .is_some_and(|(_, p)| is_one_of(p, PEOPLE) || p.ends_with("ers"));
        return !affiliation;
    }
    true
}

/// Whether two mentions can be items of one list: both the brief's group, or neither ("the
/// mission, the US turned to Kenya" is no list).
fn same_kind(a: &Mention, b: &Mention, roles: &Roles) -> bool {
    let group = |m: &Mention| m.actor.is_some() && m.actor == roles.group;
    group(a) == group(b)
}

/// Whether `a..b` joins two names of a list: nothing, a comma, "and", "or", "as well as".
fn list_gap(text: &str, a: usize, b: usize) -> bool {
    let gap = span(text, a, b).trim();
    gap.is_empty()
        || gap == ","
        || is_one_of(
            gap.trim_start_matches(',').trim(),
            &[
                "and",
                "or",
                "and the",
                "or the",
                "as well as",
                "as well as the",
            ],
        )
}

/// "Moldova's allies", "Chisinau’s partners": the first names the owner of the second.
fn possessive_of_next(text: &str, m: &Mention, next: Option<&Mention>) -> bool {
    possessive_at(text, m.end)
        && next
            .is_some_and(|n| n.start > m.end && super::text::words_within(text, m.end, n.start, 1))
}

/// What a pronoun stands for, from the sentence so far and the paragraph's memory.
pub(crate) fn resolve(
    s: &Sentence,
    m: &Mention,
    mem: &Memory,
    roles: &Roles,
    here: Option<&Actors>,
) -> Option<(Actors, &'static str)> {
    let MForm::Pronoun(p) = m.form else {
        return m.actor.map(|a| (Actors::from_slice(&[a]), "actor.subject"));
    };
    let text = s.text;
    let person_before = s
        .mentions
        .iter()
        .rev()
        .find(|x| x.end <= m.start && x.form == MForm::Person);
    let person_here = person_before.or_else(|| s.mentions.iter().find(|x| x.form == MForm::Person));
    let person = person_before.and_then(|x| x.actor).or(mem.last_person);
    match p {
        Pronoun::Person => person.map(|a| (Actors::from_slice(&[a]), "actor.pronoun.person")),
        Pronoun::Speaker => person_here
            .and_then(|x| x.actor)
            .or(mem.last_person)
            .map(|a| (Actors::from_slice(&[a]), "actor.pronoun.speaker")),
        Pronoun::Country => {
            let said = span(text, m.start, m.end).to_ascii_lowercase();
            if said.starts_with("his") || said.starts_with("her") {
                return person.map(|a| (Actors::from_slice(&[a]), "actor.pronoun.country"));
            }
            let named_before = s.mentions.iter().rev().find(|x| {
                x.end <= m.start
                    && x.form == MForm::Name
                    && x.actor.is_some_and(|a| roles.is_country(a))
            });
            named_before
                .and_then(|x| x.actor)
                .map(|a| Actors::from_slice(&[a]))
                .or_else(|| {
                    person_before
                        .and_then(|x| x.actor)
                        .map(|a| Actors::from_slice(&[a]))
                })
                .or_else(|| mem.last_subject.clone().filter(|v| v.len() == 1))
                .or_else(|| mem.last_person.map(|a| Actors::from_slice(&[a])))
                .map(|v| (v, "actor.pronoun.country"))
        }
        Pronoun::Group => nearest_group_before(s, m.start, roles)
            .or_else(|| here.cloned())
            .or_else(|| mem.last_subject.clone())
            .or_else(|| mem.last_group.clone())
            .map(|v| (v, "actor.pronoun.group")),
    }
}

/// "the leaders of France and Britain that they would": the nearest names before `pos`
/// that stand for several parties (a list, or a group), not objects of a preposition.
fn nearest_group_before(s: &Sentence, pos: usize, roles: &Roles) -> Option<Actors> {
    let text = s.text;
    let last = s
        .mentions
        .iter()
        .rposition(|m| m.end <= pos && matches!(m.form, MForm::Name) && m.actor.is_some())?;
    let mut first = last;
    while first > 0 {
        let p = &s.mentions[first - 1];
        if p.actor.is_none() || !connective(&text[p.end..s.mentions[first].start]) {
            break;
        }
        first -= 1;
    }
    let actors: Actors = s.mentions[first..=last]
        .iter()
        .filter_map(|m| m.actor)
        .collect();
    // "Estonian officials said their soldiers": people of one country are plural too
    let people = is_one_of(
        super::text::last_word(span(text, s.mentions[last].start, s.mentions[last].end)),
        PEOPLE,
    );
    let plural = people
        || actors.len() > 1
        || actors
            .iter()
            .any(|&a| Some(a) == roles.group || !roles.is_country(a));
    (plural && !is_object_in(s, first)).then_some(actors)
}

/// The subject of chain `i`, or `None` when the clause names no committing party.
pub(crate) fn subject(
    s: &Sentence,
    chains: &[Chain],
    i: usize,
    earlier: &[Option<Subject>],
    mem: &Memory,
    roles: &Roles,
) -> Option<Subject> {
    let text = s.text;
    let chain = &chains[i];
    let clause = s.boundary_before(chain.start);
    // reported speech: the subject is inside what is reported
    let report = s
        .cues
        .iter()
        .rfind(|c| c.does == Does::Report && c.start >= clause && c.end <= chain.start);
    let left = report.map_or(clause, |r| r.end);
    let mut rules = Rules::new();
    if let Some(r) = report {
        rules.push("actor.reported");
        // an analyst's account of what a party could do commits nobody
        if let Some(o) = s
            .mentions
            .iter()
            .find(|m| m.form == MForm::Observer && m.start >= clause && m.end <= r.start)
        {
            return Some(Subject::blocked("observer", Some((o.start, o.end))));
        }
    }
    let in_span: Vec<(usize, &Mention)> = s
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.start >= left && m.end <= chain.start)
        .collect();
    // names after an earlier chain of the clause are its objects, unless they stand right
    // before this one ("and Germany will")
    let prev_end = chains[..i].iter().rev().map(|c| c.end).find(|&e| e > left);
    // the nearest candidate before the chain
    let candidate = |m: &Mention, idx: usize| -> bool {
        // "Moldova's allies", "Chisinau's frontline forces", "US troops": an owner or a modifier
        let owner = possessive_of_next(text, m, s.mentions.get(idx + 1))
            || (possessive_at(text, m.end)
                && s.domains.iter().any(|d| {
                    d.start > m.end && super::text::words_within(text, m.end, d.start, 2)
                }));
        let modifier = s
            .domains
            .iter()
            .any(|d| d.start > m.end && d.start <= m.end + 2);
        // "..., the US turned to Kenya, with a pledge": a name after a comma that ends no list
        // opens a clause of its own
        let opens_clause = {
            let before = prev_word_skipping_article(text, m.start).map_or(m.start, |(a, w)| {
                if is_one_of(w, &["the"]) {
                    a
                } else {
                    m.start
                }
            });
            let head = text[..before].trim_end_matches([' ', '\u{a0}']);
            head.ends_with(',')
                && !s.mentions[..idx].last().is_some_and(|p| {
                    text[p.end..].trim_start().starts_with(',') && same_kind(p, m, roles)
                })
        };
        // (a name with a clause break after the earlier verb, and not in a list that follows
        // it, is a new subject: "Canada declined, and the US turned to Kenya, with a pledge")
        let list_head = {
            let mut h = idx;
            while h > 0
                && list_gap(text, s.mentions[h - 1].end, s.mentions[h].start)
                && same_kind(&s.mentions[h - 1], &s.mentions[h], roles)
            {
                h -= 1;
            }
            s.mentions[h].start
        };
        let objects_earlier_verb = prev_end.is_some_and(|e| {
            m.start >= e
                && !super::text::words_within(text, m.end, chain.start, 2)
                && (super::text::words_within(text, e, list_head, 1)
                    || !span(text, e, list_head).contains(','))
        }) && !opens_clause;
        !is_object_in(s, idx)
            && m.form != MForm::Demonym
            && !owner
            && !modifier
            && !objects_earlier_verb
    };
    let with_gerund = |m: &Mention| -> bool {
        // "with France and Britain leading": the names after "with" are the gerund's subject
        prev_word_skipping_article(text, m.start)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("with"))
            && words(text, m.end, chain.start).all(|w| {
                is_one_of(w, CONNECTORS) || w.chars().next().is_some_and(char::is_uppercase)
            })
            && chain.dependent
    };
    let head = in_span
        .iter()
        .rev()
        .find(|(idx, m)| candidate(m, *idx) || with_gerund(m) || m.form == MForm::Observer);
    if let Some(&(h, hm)) = head {
        if hm.form == MForm::Observer {
            return Some(Subject::blocked("observer", Some((hm.start, hm.end))));
        }
        if with_gerund(hm) {
            rules.push("actor.with");
        }
        // the names joined to it: "Britain and France", "leaders of France and Britain"
        let mut first = h;
        while first > 0 {
            let prev = &s.mentions[first - 1];
            if prev.start < left || prev.form == MForm::Observer {
                break;
            }
            let gap = &text[prev.end..s.mentions[first].start];
            // (a bare comma between a group and a country ends a clause, not a list: "lead the
            // mission, the US turned")
            let bare_comma = gap.trim() == "," || gap.trim() == ", the";
            if !connective(gap) || (bare_comma && !same_kind(prev, &s.mentions[first], roles)) {
                break;
            }
            first -= 1;
        }
        // the names joined after it, up to the chain ("with Greece and Bulgaria leading")
        let mut last = h;
        while last + 1 < s.mentions.len() {
            let next = &s.mentions[last + 1];
            if next.end > chain.start
                || next.actor.is_none()
                || !connective(span(text, s.mentions[last].end, next.start))
            {
                break;
            }
            last += 1;
        }
        let group = &s.mentions[first..=last];
        if s.cues.iter().any(|c| {
            c.does == Does::Thank
                && c.end <= group[0].start
                && super::text::words_within(text, c.end, group[0].start, 1)
        }) {
            rules.push("actor.thanked");
        }
        // "not all countries are prepared to", "no country will": a denial, not a commitment
        let denied = {
            // "no country", "not all of Moldova's European allies", "not every member"
            let mut tail: Vec<&str> = super::text::words_back(text, left, group[0].start)
                .take(5)
                .map(|(_, w)| w)
                .collect();
            tail.reverse();
            tail.windows(2).any(|w| {
                is_one_of(w[0], &["not"]) && is_one_of(w[1], &["all", "every", "everyone", "each"])
            }) || tail
                .last()
                .is_some_and(|w| is_one_of(w, &["no", "few", "none"]))
        };
        if denied {
            return Some(Subject::blocked(
                "denied",
                Some((group[0].start, group[group.len() - 1].end)),
            ));
        }
        // "officials from Europe said they would": a pronoun right after the report is the
        // reporter
        if let (Some(r), MForm::Pronoun(_)) = (report, hm.form) {
            if first == h && super::text::words_within(text, r.end, hm.start, 1) {
                if let Some(mut sub) = reporter(s, clause, r.start, mem, roles) {
                    sub.rules.push("actor.reported");
                    if let MForm::Pronoun(p) = hm.form {
                        sub.rules.push(match p {
                            crate::cues::Pronoun::Person => "actor.pronoun.person",
                            crate::cues::Pronoun::Country => "actor.pronoun.country",
                            crate::cues::Pronoun::Group => "actor.pronoun.group",
                            crate::cues::Pronoun::Speaker => "actor.pronoun.speaker",
                        });
                    }
                    sub.span = Some((hm.start, hm.end));
                    return Some(sub);
                }
            }
        }
        let ask = s.cues.iter().find(|c| {
            c.does == Does::Ask
                && c.end <= group[0].start
                && super::text::words_within(text, c.end, group[0].start, 2)
        });
        // "after failing to convince Canada to lead": the party asked declined; what it
        // declined is not read (say less)
        if ask.is_some_and(|c| {
            super::text::words_back(text, 0, c.start)
                .nth(1)
                .is_some_and(|(_, w)| is_one_of(w, &["failed", "failing", "fails", "fail"]))
        }) {
            return Some(Subject::blocked(
                "declined",
                Some((group[0].start, group[group.len() - 1].end)),
            ));
        }
        let asked = ask.is_some();
        if asked {
            rules.push("actor.asked");
        }
        let here = earlier.iter().rev().flatten().next().map(|w| &w.actors);
        return gather_with(s, group, mem, roles, rules, asked, here);
    }
    // "a Czech plan to provide", "Danish military support will amount to": the owner of a
    // noun that heads the chain
    if let Some(m) = owner_of_noun(s, chain, left) {
        let mut rules = Rules::new();
        rules.push("actor.modifier");
        return gather(s, std::slice::from_ref(m), mem, roles, rules, false);
    }
    // "the pact commits the UK to consult": the party committed is the object
    if let Some(sub) = committed_object(s, chain, mem, roles) {
        return Some(sub);
    }
    // no name in the clause: the passive's agent ("was signed by X"), a noun's provider
    // ("the commitment from Canada")
    let noun_head = is_one_of(
        super::text::last_word(span(text, chain.start, chain.end)),
        OWNED_NOUNS,
    );
    if chain.passive || chain_has_noun(s, chain) || noun_head {
        if let Some(sub) = agent(s, chain, mem, roles) {
            return Some(sub);
        }
    }
    // a verb joined to the one before shares its subject, also across "but" or "which" when
    // nothing stands between them ("ready to cooperate, but will not send soldiers")
    if i > 0 {
        let prev = &chains[i - 1];
        let boundary = s
            .cues
            .iter()
            .rfind(|c| c.does == Does::Boundary && c.start >= prev.end && c.end <= chain.start);
        let hard = boundary.is_some_and(|b| {
            let direct = super::text::words(text, b.end, chain.start).all(|w| {
                is_one_of(
                    w,
                    &[
                        "also", "still", "then", "it", "they", "would", "will", "could", "can",
                        "may", "has", "have", "is", "are",
                    ],
                )
            });
            !direct
                || !is_one_of(
                    span(text, b.start, b.end).trim(),
                    &[
                        "but", "yet", "which", "who", "while", "though", "although", "however",
                    ],
                )
        });
        if !hard {
            if let Some(Some(sub)) = earlier.get(i - 1) {
                let mut sub = sub.clone();
                sub.rules.push("actor.coordinated");
                return Some(sub);
            }
        }
    }
    // "X, who will send": the relative pronoun's antecedent
    if let Some((at, w)) = prev_word(text, chain.start) {
        if is_one_of(w, &["who", "which", "that"]) {
            // the antecedent stands right before the relative pronoun; a thing there ("the
            // contingent that may be deployed") leaves the clause without a named provider
            let adjacent =
                |m: &&Mention| m.end <= at && super::text::words_within(text, m.end, at, 0);
            if let Some(m) = s
                .mentions
                .iter()
                .rev()
                .find(|m| m.actor.is_some() && adjacent(m))
            {
                let mut r = Rules::new();
                r.push("actor.relative");
                return gather(s, std::slice::from_ref(m), mem, roles, r, false);
            }
        }
    }
    None
}

/// Nouns that can head a chain and take an owner ("a Czech plan", "Danish support").
const OWNED_NOUNS: &[&str] = &[
    "plan",
    "plans",
    "proposal",
    "proposals",
    "offer",
    "offers",
    "commitment",
    "commitments",
    "pledge",
    "pledges",
    "support",
    "aid",
    "assistance",
    "contribution",
    "contributions",
    "funding",
    "readiness",
    "willingness",
    "decision",
    "intention",
    "deployment",
    "package",
    "participation",
    "presence",
];

/// The name or demonym right before a chain that starts with a noun ("a Czech plan to",
/// "Britain's commitment to", "Danish military support will").
fn owner_of_noun<'s>(s: &'s Sentence, chain: &Chain, left: usize) -> Option<&'s Mention> {
    let text = s.text;
    let first = next_word(text, chain.start)?.1;
    if !is_one_of(first, OWNED_NOUNS) {
        return None;
    }
    s.mentions.iter().rev().find(|m| {
        m.start >= left
            && m.end <= chain.start
            && matches!(m.form, MForm::Name | MForm::Demonym)
            && super::text::words_within(text, m.end, chain.start, 1)
            && !span(text, m.end, chain.start).contains([',', ';'])
    })
}

/// "commits the UK to", "obliges Germany to": the party a text commits.
fn committed_object(s: &Sentence, chain: &Chain, mem: &Memory, roles: &Roles) -> Option<Subject> {
    let text = s.text;
    let verb = super::text::last_word(span(text, chain.start, chain.end));
    if !is_one_of(
        verb,
        &[
            "commits",
            "committed",
            "obliges",
            "obliged",
            "binds",
            "bound",
        ],
    ) {
        return None;
    }
    let m = s
        .mentions
        .iter()
        .find(|m| m.start >= chain.end && super::text::words_within(text, chain.end, m.start, 1))?;
    let to = next_word(text, m.end).is_some_and(|(_, w)| w.eq_ignore_ascii_case("to"));
    if !to {
        return None;
    }
    let mut rules = Rules::new();
    rules.push("actor.subject");
    gather(s, std::slice::from_ref(m), mem, roles, rules, false)
}

/// The subject of a report verb at `at`: the names before it in its clause.
fn reporter(
    s: &Sentence,
    clause: usize,
    at: usize,
    mem: &Memory,
    roles: &Roles,
) -> Option<Subject> {
    let text = s.text;
    let h = s.mentions.iter().rposition(|m| {
        m.start >= clause && m.end <= at && !is_object(text, m) && m.form != MForm::Demonym
    })?;
    let mut first = h;
    while first > 0 {
        let prev = &s.mentions[first - 1];
        if prev.start < clause || !connective(&text[prev.end..s.mentions[first].start]) {
            break;
        }
        first -= 1;
    }
    gather(s, &s.mentions[first..=h], mem, roles, Rules::new(), false)
}

fn chain_has_noun(s: &Sentence, chain: &Chain) -> bool {
    s.cues_in(chain.start, chain.end)
        .any(|c| c.does == Does::ProvideNoun)
}

/// "was signed by the President of Moldova and the Prime Minister of Denmark", "deployments by
/// Britain and France": the names after "by" right after the chain.
fn agent(s: &Sentence, chain: &Chain, mem: &Memory, roles: &Roles) -> Option<Subject> {
    let text = s.text;
    let (at, w) = next_word(text, chain.end)?;
    // "deployed by X"; "the commitment from Canada", "a pledge by Japan"
    let noun = is_one_of(
        super::text::last_word(span(text, chain.start, chain.end)),
        OWNED_NOUNS,
    );
    if !(w.eq_ignore_ascii_case("by") || noun && w.eq_ignore_ascii_case("from")) {
        return None;
    }
    let end = s.boundary_after(at);
    let mut group: Vec<Mention> = Vec::new();
    for m in s.mentions.iter().filter(|m| m.start > at && m.end <= end) {
        if let Some(last) = group.last() {
            if !connective(span(text, last.end, m.start)) {
                break;
            }
        } else if !super::text::words_within(text, at, m.start, 8) {
            break;
        }
        group.push(*m);
    }
    if group.is_empty() {
        return None;
    }
    let mut rules = Rules::new();
    rules.push("actor.agent");
    gather(s, &group, mem, roles, rules, false)
}

/// The actors of a group of mentions, pronouns resolved, the beneficiary left out, the group
/// standing for a list that names it.
pub(crate) fn gather(
    s: &Sentence,
    group: &[Mention],
    mem: &Memory,
    roles: &Roles,
    rules: Rules,
    asked: bool,
) -> Option<Subject> {
    gather_with(s, group, mem, roles, rules, asked, None)
}

/// [`gather`], with the subject found last in the sentence for "they" and "their".
fn gather_with(
    s: &Sentence,
    group: &[Mention],
    mem: &Memory,
    roles: &Roles,
    mut rules: Rules,
    asked: bool,
    here: Option<&Actors>,
) -> Option<Subject> {
    let mut actors = Actors::new();
    for m in group {
        let Some((found, rule)) = resolve(s, m, mem, roles, here) else {
            continue;
        };
        if !rules.contains(&rule) {
            rules.push(rule);
        }
        actors.extend(found);
    }
    let span = group.first().map(|f| (f.start, group[group.len() - 1].end));
    if actors.iter().any(|&a| roles.is_adversary(a)) {
        return Some(Subject::blocked("adversary", span));
    }
    let before = actors.len();
    actors.retain(|a| !roles.is_beneficiary(*a));
    if actors.len() < before {
        rules.push("actor.beneficiary");
        if actors.is_empty() {
            return Some(Subject::blocked("beneficiary", span));
        }
    }
    if let Some(g) = roles.group {
        if actors.contains(&g) && actors.len() > 1 {
            rules.push("actor.group");
            actors = Actors::from_slice(&[g]);
        }
    }
    actors.sort_unstable();
    actors.dedup();
    if actors.is_empty() {
        return None;
    }
    Some(Subject {
        actors,
        span,
        rules,
        asked,
        blocked: None,
    })
}

/// The beneficiary alone as the subject of a signature ("Zelenskyy signed a deal with
/// France"): the party it signed with commits.
pub(crate) fn bilateral(
    s: &Sentence,
    chain: &Chain,
    scope_end: usize,
    mem: &Memory,
    roles: &Roles,
) -> Option<Subject> {
    let text = s.text;
    let with = span(text, chain.end, scope_end)
        .find(" with ")
        .map(|i| chain.end + i + 5)?;
    let m = s
        .mentions
        .iter()
        .find(|m| m.start >= with && m.end <= scope_end)?;
    let mut group = vec![*m];
    for n in s
        .mentions
        .iter()
        .filter(|n| n.start > m.end && n.end <= scope_end)
    {
        let last = group.last().expect("one mention");
        if !connective(span(text, last.end, n.start)) {
            break;
        }
        group.push(*n);
    }
    let mut rules = Rules::new();
    rules.push("actor.bilateral");
    gather(s, &group, mem, roles, rules, false)
}

/// Whether the sentence names the beneficiary as the subject of `chain` (for
/// [`bilateral`]).
pub(crate) fn beneficiary_signs(s: &Sentence, chain: &Chain, roles: &Roles) -> bool {
    let left = s.boundary_before(chain.start);
    s.mentions
        .iter()
        .filter(|m| m.start >= left && m.end <= chain.start)
        .any(|m| m.actor.is_some_and(|a| roles.is_beneficiary(a)))
}
