//! From a sentence to facts: the per-document analysis, one file per step.
//!
//! For each body sentence of a source, in order:
//!
//! 1. [`read`]: the lexicon's and the cue table's hits become actor mentions, domain
//!    mentions, cues and condition phrases;
//! 2. [`chains`]: runs of cues become verb chains, each with the status its words support;
//! 3. [`subject`]: who commits, for each chain;
//! 4. [`object`]: what each chain gives, and who provides each thing when the clause says so;
//! 5. [`details`]: the quantity, condition and instrument the clause states;
//! 6. [`caveats`]: the limits the sentence states, and the adversary's objections.
//!
//! The driver here turns each chain into commitments, each citing the sentence with the
//! words that gave its actor, status and domain (its `Reading`). What carries from one
//! sentence to the next is only [`Memory`]: the antecedents of pronouns, within a paragraph
//! (a line).

mod caveats;
mod chains;
mod context;
pub(crate) mod details;
mod marks;
mod object;
mod people;
mod presence;
mod read;
mod subject;
pub(crate) mod text;

use crate::presume::Mentions;
use crate::roles::Roles;
use context::{Actors, Cite, Memory, Rules};

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use citebrief_source::{Document, Sentence as SourceSentence};
use citebrief_store::{Commitment, Domain, Meta, Polarity, RuleName, Status, Words};
use smallvec::SmallVec;

use crate::claims;
use crate::cues::CueHit;
use crate::cues::Does;
use crate::found::DocFacts;
use crate::lexicon::{Hit, LexHit, Lexicon};

use chains::Chain;
use marks::MForm;
use read::Sentence;
use subject::Subject;
use text::span;

/// The analysis of one document.
pub(crate) struct Analyzer<'a> {
    lex: &'a Lexicon,
    doc: &'a Document,
    source: Arc<str>,
    roles: Roles,
    mem: Memory,
    lexhits: Vec<LexHit>,
    cuehits: Vec<CueHit>,
    /// The parties of the document's firm positive commitments so far: whom an objection
    /// naming no domain is about.
    firm: Vec<Actors>,
    /// The document's refusals of military means, and every positive commitment's actors.
    refusals: Vec<caveats::Refusal>,
    positive: Vec<Actors>,
    /// The parties of the last text (agreement, pact) the document reports signed or
    /// committing them: whom "the document provides" and "it envisages" commit.
    text_parties: Option<Actors>,
    /// The kind of force the document is about, read when a force word first needs it.
    force: Option<Domain>,
    /// The people the document has introduced by their office, who stand for their country.
    people: people::People,
    pub(crate) out: DocFacts,
    /// When set, each chain's reading is written here (`citebrief inspect --trace`).
    pub(crate) trace: Option<String>,
}

impl<'a> Analyzer<'a> {
    pub(crate) fn new(doc: &'a Document, lex: &'a Lexicon) -> Self {
        let mut roles = Roles::of(lex);
        roles.bloc = bloc_of(doc, lex);
        if roles.beneficiary.is_none() {
            // the country this document is about, else the one its brief's sources are about
            let own = Mentions::of(&doc.text, lex).beneficiary();
            if let Some(b) = own.or(lex.presumed_beneficiary()) {
                roles.set_beneficiary(b);
            }
        }
        Analyzer {
            lex,
            doc,
            source: doc.id.as_str().into(),
            roles,
            mem: Memory::default(),
            lexhits: Vec::new(),
            cuehits: Vec::new(),
            firm: Vec::new(),
            refusals: Vec::new(),
            positive: Vec::new(),
            text_parties: None,
            force: None,
            people: people::People::default(),
            out: DocFacts {
                source: doc.id.clone(),
                ..Default::default()
            },
            trace: None,
        }
    }

    pub(crate) fn run(mut self) -> DocFacts {
        let doc = self.doc;
        for s in &doc.sentences {
            self.sentence(s);
        }
        caveats::refusals_limit_the_role(
            &self.refusals,
            &self.positive,
            &self.roles,
            self.lex,
            &mut self.out.caveats,
        );
        claims::weekday_claim(doc, &mut self.out);
        self.out
    }

    /// [`Analyzer::run`], returning the trace.
    pub(crate) fn run_traced(mut self) -> String {
        let doc = self.doc;
        for s in &doc.sentences {
            self.sentence(s);
        }
        self.trace.unwrap_or_default()
    }

    fn sentence(&mut self, src: &SourceSentence) {
        if src.line != self.mem.line {
            // a paragraph is a line: antecedents do not cross it
            self.mem = Memory {
                line: src.line,
                ..Default::default()
            };
        }
        let text = self.doc.sentence_text(src);
        let mut lexhits = std::mem::take(&mut self.lexhits);
        let mut cuehits = std::mem::take(&mut self.cuehits);
        self.lex.scan_with_cues(text, &mut lexhits, &mut cuehits);
        self.people.read(text, self.lex, &mut lexhits);
        let table = self.lex.cues();
        let cued = cuehits.iter().any(|c| {
            matches!(
                table.does(c),
                Does::Status(_)
                    | Does::Provide
                    | Does::Lead
                    | Does::Refuse
                    | Does::RefuseAfter
                    | Does::Caveat(..)
                    | Does::Condition
            )
        }) || (cuehits.iter().any(|c| table.does(c) == Does::Presence)
            && text::has_ascii_ci(text, "from"));

        if cued {
            let force = if lexhits.iter().any(|h| h.hit == Hit::Force) {
                *self
                    .force
                    .get_or_insert_with(|| force_of(self.doc, self.lex))
            } else {
                Domain::GroundForces
            };
            let mut s = Sentence::new(
                text,
                src.line,
                &lexhits,
                &cuehits,
                self.lex,
                self.roles.group,
                force,
            );
            if let (Some(bloc), Some(group)) = (self.roles.bloc, self.roles.group) {
                // in an article about a bloc's summit, "the allies" are its members, unless
                // they are a text's ("the compact states that members will", "a framework
                // signed by 32 allies"): its parties, whom the bloc does not make
                let text_before = |pos: usize| {
                    text::words(text, 0, pos).any(|w| text::is_one_of(w, TEXTS_WITH_PARTIES))
                };
                for m in s.mentions.iter_mut().filter(|m| m.actor == Some(group)) {
                    if !text_before(m.start)
                        && text::is_one_of(
                            span(text, m.start, m.end),
                            &[
                                "allies",
                                "the allies",
                                "members",
                                "member states",
                                "allied countries",
                            ],
                        )
                    {
                        m.actor = Some(bloc);
                    }
                }
            }
            let cite = Cite::new(Arc::clone(&self.source), src.line, text);
            self.facts(&s, &cite);
        } else {
            self.remember_people(text, &lexhits);
        }
        claims::sentence_claims(
            self.doc,
            src,
            text,
            &lexhits,
            self.lex,
            &self.roles,
            &mut self.out,
        );
        self.lexhits = lexhits;
        self.cuehits = cuehits;
    }

    /// Notes the people a sentence without facts names, for the pronouns after it.
    fn remember_people(&mut self, _text: &str, lexhits: &[LexHit]) {
        for h in lexhits {
            if let crate::lexicon::Hit::Actor {
                actor,
                form: crate::lexicon::Form::Person,
            } = h.hit
            {
                self.mem.last_person = Some(actor);
            }
        }
    }

    fn facts(&mut self, s: &Sentence, cite: &Cite) {
        let chains = chains::chains(s);
        if let Some(t) = &mut self.trace {
            use std::fmt::Write;
            let cues: Vec<String> = s
                .cues
                .iter()
                .map(|c| format!("{:?}={}", span(s.text, c.start, c.end), c.rule))
                .collect();
            let things: Vec<String> = s
                .domains
                .iter()
                .map(|d| format!("{:?}={}", span(s.text, d.start, d.end), d.domain))
                .collect();
            let names: Vec<String> = s
                .mentions
                .iter()
                .map(|m| {
                    let who = m.actor.map_or("?", |a| self.lex.code(a));
                    format!("{:?}={who}", span(s.text, m.start, m.end))
                })
                .collect();
            let _ = writeln!(
                t,
                "{}: cues {} | things {} | mentions {}",
                s.line,
                cues.join(" "),
                things.join(" "),
                names.join(" ")
            );
        }
        let mut subjects: SmallVec<[Option<Subject>; 4]> = SmallVec::new();
        // per chain: whether its facts went to the group by default
        let mut used_group: SmallVec<[bool; 4]> = SmallVec::new();
        let mut statuses: SmallVec<[Option<Status>; 4]> = SmallVec::new();
        let mut committed: SmallVec<[(u16, Domain); 8]> = SmallVec::new();
        let mut stated: SmallVec<[caveats::Stated; 4]> = SmallVec::new();
        self.mem.sentence_group_commits = false;
        let observer = s.mentions.iter().any(|m| m.form == MForm::Observer);
        let adversary_named = s
            .mentions
            .iter()
            .any(|m| m.actor.is_some_and(|a| self.roles.is_adversary(a)));
        let objections = caveats::objections(s, &self.roles, self.lex, &self.firm, cite);
        for i in 0..chains.len() {
            used_group.push(false);
            let chain = &chains[i];
            let who = subject::subject(s, &chains, i, &subjects, &self.mem, &self.roles);
            let (status, status_rules) = self.status(s, &chains, i, &statuses);
            statuses.push(status);
            let asked_only = who.as_ref().is_some_and(|w| w.asked);
            let firm = status
                .or(chain.negative.then_some(Status::RuledOut))
                .or(asked_only.then_some(Status::Discussed));
            // a chain that commits to nothing, or only asks: nothing more to read (the trace
            // reads on, to show what the chain would have given)
            let asks =
                firm.is_some() && (question(s, chain.start) || purpose_of_previous(s, &chains, i));
            if (firm.is_none() || asks) && self.trace.is_none() {
                subjects.push(who);
                continue;
            }
            let clause = s.boundary_before(chain.start);
            let report = s
                .cues
                .iter()
                .rfind(|c| c.does == Does::Report && c.start >= clause && c.end <= chain.start);
            let left = report.map_or(clause, |r| r.end);
            let scope = object::scope(
                s,
                &chains,
                i,
                if i > 0 {
                    left.max(chains[i - 1].end)
                } else {
                    left
                },
            );
            let mut given = object::given(s, chain, scope, &self.roles);
            // a bare "will" gives only what follows it closely ("will send a team", not "will
            // operate in parallel with the country's progress towards membership")
            if bare_will(s, chain) {
                given.retain(|g| text::words_within(s.text, chain.end, g.start, BARE_WILL_REACH));
            }
            if let Some(t) = &mut self.trace {
                use std::fmt::Write;
                let _ = writeln!(
                    t,
                    "{}: chain {:?} status {:?}{} own {:?}{}{}{} | subject {:?} | scope {:?}{} | given {:?}",
                    s.line,
                    span(s.text, chain.start, chain.end),
                    status,
                    if chain.negative { " negative" } else { "" },
                    chain.status,
                    if chain.dependent { " dependent" } else { "" },
                    if chain.passive { " passive" } else { "" },
                    if chain.sign { " sign" } else { "" },
                    who.as_ref().map(|w| (w.actors.iter().map(|&a| self.lex.code(a)).collect::<Vec<_>>(), w.span.map(|(a, b)| span(s.text, a, b)), &w.rules)),
                    span(s.text, scope.start, scope.end),
                    scope.before.map(|(a, b)| format!(" before {:?}", span(s.text, a, b))).unwrap_or_default(),
                    given.iter().map(|g| (g.domain.as_str(), span(s.text, g.start, g.end), g.own.as_ref().map(|o| o.actors.iter().map(|&a| self.lex.code(a)).collect::<Vec<_>>()))).collect::<Vec<_>>(),
                );
            }
            let Some(mut status) = firm.filter(|_| !asks) else {
                subjects.push(who);
                continue;
            };
            let mut who = who;
            // the beneficiary signing with a partner: the partner commits
            let beneficiary_only = who
                .as_ref()
                .is_some_and(|w| w.blocked == Some("beneficiary"));
            if (who.is_none() || beneficiary_only)
                && chain.sign
                && subject::beneficiary_signs(s, chain, &self.roles)
            {
                if let Some(partner) =
                    subject::bilateral(s, chain, scope.end, &self.mem, &self.roles)
                {
                    who = Some(partner);
                }
            }
            // the beneficiary, an adversary, an analyst or a denial: nothing is committed here
            if who.as_ref().is_some_and(|w| w.blocked.is_some()) {
                subjects.push(who);
                continue;
            }
            // a commitment removed from a text is no commitment ("has been removed from")
            let removed = s.cues.iter().any(|c| {
                matches!(
                    c.does,
                    Does::Caveat(citebrief_store::CaveatKind::WeakenedWording, _)
                ) && c.start >= chain.end
                    && c.start < s.boundary_after(chain.end)
            });
            if removed {
                subjects.push(who);
                continue;
            }
            // "the document provides", "it envisages": what a text says commits its parties
            let mut status_rules = status_rules;
            if let (Some((a, b)), Some(parties)) = (
                text_subject(s, clause, chain.start, who.as_ref()),
                &self.text_parties,
            ) {
                let mut rules = Rules::new();
                rules.push("actor.text-party");
                who = Some(Subject {
                    actors: parties.clone(),
                    span: Some((a, b)),
                    rules,
                    asked: false,
                    blocked: None,
                });
                // what a text focuses on or envisages is what it provides
                if status == Status::Discussed
                    && s.cues_in(chain.start, chain.end).all(|c| {
                        c.rule != "status.discuss" || content_verb(span(s.text, c.start, c.end))
                    })
                {
                    status = Status::Pledged;
                    status_rules.push("status.text-content");
                }
            }
            // "the signed document sets out", "the declaration signed in Vilnius commits
            // Estonia to": what a signed text commits its parties to is signed
            if status == Status::Pledged && signed_text_subject(s, clause, chain.start) {
                status = Status::Signed;
                status_rules.push("status.text-content");
            }
            if who.as_ref().is_some_and(|w| w.asked) {
                status = Status::Discussed.weaker(status);
            }
            // what a chain with nothing named commits to
            let mut extra_rules = Rules::new();
            if given.is_empty() && !chain.negative {
                let attack = s
                    .conds
                    .iter()
                    .any(|c| c.class == details::CondClass::Attack && c.start >= chain.start);
                if attack {
                    extra_rules.push("domain.attack-clause");
                    given.push(object::Given {
                        domain: Domain::BindingGuarantee,
                        start: chain.start,
                        end: chain.end,
                        own: None,
                        refused: false,
                        rules: Rules::new(),
                    });
                } else if let Some((a, b)) = unspecified(s, chain, scope) {
                    extra_rules.push("domain.unspecified");
                    given.push(object::Given {
                        domain: Domain::Other,
                        start: a,
                        end: b,
                        own: None,
                        refused: false,
                        rules: Rules::new(),
                    });
                }
            }
            let start = who
                .as_ref()
                .and_then(|w| w.span)
                .filter(|_| !chain.dependent)
                .map_or(chain.start, |(a, _)| a.min(chain.start));
            if given.is_empty() {
                let commits = chain.rules.iter().any(|r| {
                    matches!(
                        *r,
                        "status.pledge" | "status.sign" | "status.offer" | "status.plan"
                    )
                });
                if status != Status::RuledOut && who.is_some() && !chain.dependent && commits {
                    // "agreed to provide key aspects of postwar security": the package
                    stated.push(caveats::Stated {
                        start,
                        end: scope.end,
                        actors: Actors::new(),
                        package: true,
                    });
                }
                subjects.push(who);
                continue;
            }
            // the group stands in a caveat's `about` when a commitment of its own is limited
            let mut stated_actors = Actors::new();
            let mut specific = false;
            // "their soldiers could be deployed": the owner of the thing a passive gives
            if who.is_none() && chain.passive {
                let things = s.domains.iter().filter(|d| {
                    scope
                        .before
                        .is_some_and(|(a, b)| d.start >= a && d.end <= b)
                });
                if let Some(m) = things.into_iter().find_map(|g| {
                    s.mentions.iter().rev().find(|m| {
                        matches!(m.form, MForm::Pronoun(_))
                            && m.end <= g.start
                            && text::words_within(s.text, m.end, g.start, 0)
                    })
                }) {
                    if let Some((actors, rule)) =
                        subject::resolve(s, m, &self.mem, &self.roles, None)
                    {
                        let mut rules = Rules::new();
                        rules.push(rule);
                        rules.push("actor.modifier");
                        who = Some(Subject {
                            actors,
                            span: Some((m.start, m.end)),
                            rules,
                            asked: false,
                            blocked: None,
                        });
                    }
                }
            }
            // a passive that names no agent is the paragraph's last committing party's, else the
            // document's when one country commits in it alone
            if who.is_none() && chain.passive {
                let relative = text::prev_word(s.text, chain.start)
                    .and_then(|(at, _)| text::prev_word(s.text, at))
                    .is_some_and(|(_, w)| text::is_one_of(w, &["that", "which"]))
                    || text::prev_word(s.text, chain.start)
                        .is_some_and(|(_, w)| text::is_one_of(w, &["that", "which"]));
                let main = if relative { None } else { self.main_party() };
                if let Some(last) = self
                    .mem
                    .last_subject
                    .clone()
                    .filter(|v| v.len() == 1)
                    .or(main)
                    .as_ref()
                {
                    let mut rules = Rules::new();
                    rules.push("actor.paragraph");
                    who = Some(Subject {
                        actors: last.clone(),
                        span: None,
                        rules,
                        asked: false,
                        blocked: None,
                    });
                }
            }
            // nobody named: a clause about the guarantees is the group's
            let blocked = observer || adversary_named;
            // ... unless its clause names another party
            let from = if i > 0 {
                left.max(chains[i - 1].end)
            } else {
                left
            };
            let names_party = s.mentions.iter().any(|m| {
                m.start >= from
                    && m.end <= scope.end
                    && m.actor
                        .is_some_and(|a| self.roles.is_country(a) || self.lex.is_bloc(a))
            });
            let joined_to_group =
                chain.dependent && i > 0 && used_group.get(i - 1).copied().unwrap_or(false);
            let default_group = who.is_none()
                && !blocked
                && !headline(s.text)
                && !names_party
                && (chain.passive || joined_to_group || subject_slot_open(s, from, chain.start))
                && !chain_blocked_by_beneficiary(s, chain, &self.roles)
                && on_topic(s, &self.roles)
                && self.roles.group.is_some();
            let instrument = details::instrument(s.text, chain.start, scope.end)
                .filter(|_| chain.sign || chain.status.is_some())
                .map(|(a, b)| span(s.text, a, b));
            if default_group && who.is_none() {
                used_group[i] = true;
            }
            for (gi, g) in given.iter().enumerate() {
                let group = self.roles.group;
                let (mut actors, named_at, mut rules) = match (&g.own, &who) {
                    // "a multinational deployment" of a named party is that party's
                    (Some(own), Some(w)) if own.actors.as_slice() == group.as_slice() => {
                        (w.actors.clone(), w.span, w.rules.clone())
                    }
                    // "US-led monitoring": both the subject and the leader
                    (Some(own), Some(w)) if own.led => {
                        let mut v = w.actors.clone();
                        v.extend(own.actors.iter().copied());
                        (v, w.span, w.rules.clone())
                    }
                    // "X ruled out troops from NATO countries": the refuser is the subject, never
                    // whose troops they would be; with no subject, nobody is named (but "Polish
                    // personnel will not be part of": the owned thing is the subject)
                    (Some(_), Some(w)) if chain.negative && !chain.refuses_before => {
                        (w.actors.clone(), w.span, w.rules.clone())
                    }
                    // (but "no funds from Czech citizens": a negated thing is its owner's refusal)
                    (Some(_), None)
                        if chain.negative
                            && !chain.refuses_before
                            && !chain.passive
                            && g.start >= chain.end
                            && !span(s.text, chain.start, chain.end)
                                .get(..3)
                                .is_some_and(|w| w.eq_ignore_ascii_case("no ")) =>
                    {
                        continue
                    }
                    (Some(own), _) => {
                        (own.actors.clone(), Some((own.start, own.end)), Rules::new())
                    }
                    (None, Some(w)) => (w.actors.clone(), w.span, w.rules.clone()),
                    (None, None) => match group.filter(|_| default_group) {
                        Some(gr) => {
                            let mut r = Rules::new();
                            r.push("actor.default-group");
                            (Actors::from_slice(&[gr]), None, r)
                        }
                        None => continue,
                    },
                };
                actors.retain(|a| !self.roles.is_beneficiary(*a) && !self.roles.is_adversary(*a));
                if let Some(gr) = self.roles.group {
                    if actors.contains(&gr) && actors.len() > 1 && g.own.is_none() {
                        actors = Actors::from_slice(&[gr]);
                    }
                }
                actors.sort_unstable();
                actors.dedup();
                if actors.is_empty() {
                    continue;
                }
                let negative = chain.negative || g.refused;
                let st = if negative { Status::RuledOut } else { status };
                rules.extend(chain.rules.iter().copied());
                rules.extend(status_rules.iter().copied());
                rules.extend(g.rules.iter().copied());
                rules.extend(extra_rules.iter().copied());
                // details, as the clause writes them
                // each thing's own stretch: an amount given is its own quantity; a thing
                // with its own provider counts from that provider to the next one's
                let (qa, qb) = quantity_window(&given, gi, scope);
                let quantity = if g.rules.contains(&"domain.money") {
                    Some((g.start, g.end))
                } else {
                    details::quantity(s.text, qa, qb, g.domain).or_else(|| {
                        scope
                            .before
                            .and_then(|(a, b)| details::quantity(s.text, a, b, g.domain))
                    })
                }
                .map(|(a, b)| span(s.text, a, b));
                if quantity.is_some() {
                    rules.push("detail.quantity");
                }
                let condition = pick_condition(s, g.domain)
                    .map(|(a, b)| span(s.text, a, b).trim_end_matches([',', '.', ' ']));
                if condition.is_some() {
                    rules.push("detail.condition");
                }
                let instrument = instrument.filter(|_| g.domain != Domain::Other || chain.sign);
                if instrument.is_some() {
                    rules.push("detail.instrument");
                }
                rules.sort_unstable();
                rules.dedup();
                let words = Words {
                    actor: named_at.map(|(a, b)| span(s.text, a, b).into()),
                    status: Some(span(s.text, chain.start, chain.end).into()),
                    domain: Some(span(s.text, g.start, g.end).into()),
                    caveat: None,
                };
                let mut codes: Vec<String> = actors
                    .iter()
                    .map(|&a| self.lex.code(a).to_string())
                    .collect();
                codes.sort();
                let c = Commitment {
                    id: String::new(),
                    statement: String::new(),
                    actors: codes,
                    domain: g.domain,
                    polarity: if negative {
                        Polarity::Negative
                    } else {
                        Polarity::Positive
                    },
                    status: st,
                    quantity: quantity.map(str::to_string),
                    condition: condition.map(str::to_string),
                    instrument: instrument.map(str::to_string),
                    citations: vec![cite.with_words(words, quantity, condition, instrument)],
                    corroboration: 0,
                    meta: Meta {
                        rules: rules.iter().map(|&r| RuleName::Borrowed(r)).collect(),
                        ..Default::default()
                    },
                };
                if chain.sign || instrument.is_some() {
                    self.text_parties = Some(actors.clone());
                }
                if negative {
                    if matches!(
                        g.domain,
                        Domain::GroundForces | Domain::Air | Domain::Maritime | Domain::Weapons
                    ) {
                        self.refusals.push(caveats::Refusal {
                            actors: actors.clone(),
                            citation: c.citations[0].clone(),
                        });
                    }
                } else {
                    let package = matches!(
                        g.domain,
                        Domain::BindingGuarantee | Domain::Other | Domain::Backstop
                    );
                    specific |= !package;
                    stated_actors.extend(
                        actors
                            .iter()
                            .copied()
                            .filter(|&a| Some(a) != self.roles.group || !package),
                    );
                    committed.extend(actors.iter().map(|&a| (a, g.domain)));
                    self.positive.push(actors.clone());
                    if matches!(st, Status::Signed | Status::Pledged) {
                        self.firm.push(actors.clone());
                    }
                    if self.roles.group.is_some_and(|gr| actors.contains(&gr)) {
                        self.mem.sentence_group_commits = true;
                    }
                }
                self.out.commitments.push(c);
            }
            status_rules.clear();
            if status != Status::RuledOut && !given.is_empty() {
                stated_actors.sort_unstable();
                stated_actors.dedup();
                stated.push(caveats::Stated {
                    start,
                    end: scope.end,
                    actors: stated_actors,
                    package: !specific,
                });
            }
            subjects.push(who);
        }
        caveats::caveats(
            s,
            &stated,
            &self.mem,
            &self.roles,
            self.lex,
            cite,
            &mut self.out.caveats,
        );
        self.out.objections.extend(objections);
        // what a force already counts: "the mission has troops from Canada and Jamaica"
        for p in presence::presence(s, &self.roles) {
            let words = Words {
                actor: Some(span(s.text, p.names.0, p.names.1).into()),
                status: Some(span(s.text, p.cue.0, p.cue.1).into()),
                domain: Some(span(s.text, p.thing.0, p.thing.1).into()),
                caveat: None,
            };
            let mut codes: Vec<String> = p
                .actors
                .iter()
                .map(|&a| self.lex.code(a).to_string())
                .collect();
            codes.sort();
            self.positive.push(p.actors.iter().copied().collect());
            self.out.commitments.push(Commitment {
                id: String::new(),
                statement: String::new(),
                actors: codes,
                domain: p.domain,
                polarity: Polarity::Positive,
                status: Status::Pledged,
                quantity: None,
                condition: None,
                instrument: None,
                citations: vec![cite.with_words(words, None, None, None)],
                corroboration: 0,
                meta: Meta {
                    rules: ["actor.subject", "domain.keyword", "status.presence"]
                        .into_iter()
                        .map(RuleName::Borrowed)
                        .collect(),
                    ..Default::default()
                },
            });
        }
        // memory for the next sentences of the paragraph
        for m in &s.mentions {
            if m.form == MForm::Person {
                self.mem.last_person = m.actor;
            }
        }
        if let Some(Some(last)) = subjects.iter().rev().find(|w| w.is_some()) {
            if last.actors.len() > 1 {
                self.mem.last_group = Some(last.actors.clone());
            }
            self.mem.last_subject = Some(last.actors.clone());
        }
        if !committed.is_empty() {
            let mut actors: Actors = committed.iter().map(|&(a, _)| a).collect();
            actors.sort_unstable();
            actors.dedup();
            self.mem.last_commit = actors;
        }
    }

    /// The one country that has committed in the document so far, when only one has.
    fn main_party(&self) -> Option<Actors> {
        let mut countries: Vec<u16> = self
            .positive
            .iter()
            .flat_map(|v| v.iter().copied())
            .filter(|&a| self.roles.is_country(a))
            .collect();
        countries.sort_unstable();
        countries.dedup();
        (countries.len() == 1).then(|| Actors::from_slice(&countries))
    }

    /// The status chain `i` states: its own, else (a gerund, a noun) that of the chain before
    /// it in the sentence; capped by a hedge in its reporting frame ("the draft statement
    /// states that").
    fn status(
        &self,
        s: &Sentence,
        chains: &[Chain],
        i: usize,
        before: &[Option<Status>],
    ) -> (Option<Status>, Rules) {
        let chain = &chains[i];
        let mut rules = Rules::new();
        let mut status = chain.status;
        if status.is_none() && chain.dependent && i > 0 {
            let prev = &chains[i - 1];
            let hard = s.cues.iter().any(|c| {
                c.does == Does::Boundary && c.start >= prev.end && c.end <= chain.start && {
                    let t = span(s.text, c.start, c.end).trim();
                    // "but send no troops": a verb joined right after "but" shares the tense
                    let direct = text::is_one_of(t, &["but", "yet"])
                        && text::words_within(s.text, c.end, chain.start, 0);
                    !matches!(t, "“" | "”" | "\"" | "which" | "who") && !direct
                }
            });
            if !hard {
                status = before
                    .get(i - 1)
                    .copied()
                    .flatten()
                    .filter(|st| *st != Status::RuledOut);
                if status.is_some() {
                    rules.push("status.coordinated");
                }
            }
        }
        // a hedge in the reporting frame caps what it reports
        let clause = s.boundary_before(chain.start);
        if let Some(report) = s
            .cues
            .iter()
            .rfind(|c| c.does == Does::Report && c.end <= chain.start)
        {
            let frame_hedge = s
                .cues
                .iter()
                .filter(|c| c.end <= report.start && c.start >= clause.min(report.start))
                .find(|c| c.does == Does::Status(Status::Discussed));
            if let (Some(h), Some(st)) = (frame_hedge, status) {
                let capped = st.weaker(Status::Discussed);
                if capped != st {
                    rules.push("status.reported-hedge");
                    rules.push(h.rule);
                }
                status = Some(capped);
            }
        }
        (status, rules)
    }
}

/// Whether the words before a chain leave its subject unnamed: nothing but function words
/// ("and will", "Discussions focus on"), or a word for talks ("Talks in Paris are focused
/// on"). A noun there ("support could come", "not everyone is ready") is a subject that is
/// no party.
fn subject_slot_open(s: &Sentence, from: usize, pos: usize) -> bool {
    const FUNCTION: &[&str] = &[
        "future",
        "such",
        "any",
        "new",
        "long-term",
        "guarantees",
        "commitments",
        "the",
        "a",
        "an",
        "and",
        "also",
        "now",
        "then",
        "further",
        "furthermore",
        "in",
        "addition",
        "moreover",
        "meanwhile",
        "already",
        "still",
        "both",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "it",
        "there",
        "will",
        "would",
        "has",
        "have",
        "had",
        "been",
        "is",
        "are",
        "was",
        "were",
        "be",
        "to",
        "of",
        "at",
        "on",
        "for",
        "paris",
        "key",
        "first",
        "second",
        "third",
    ];
    const TALKS: &[&str] = &[
        "talks",
        "discussions",
        "discussion",
        "negotiations",
        "summit",
        "meeting",
        "progress",
        "goal",
        "aim",
        "focus",
        "parameters",
        "priorities",
        "agenda",
        "participants",
        "leaders",
    ];
    let mut words = text::words(s.text, from, pos);
    words.all(|w| {
        text::is_one_of(w, FUNCTION)
            || text::is_one_of(w, TALKS)
            || w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            || s.mentions
                .iter()
                .any(|m| span(s.text, m.start, m.end).contains(w))
            || s.domains
                .iter()
                .any(|d| span(s.text, d.start, d.end).contains(w))
    }) || s
        .cues_in(from, pos)
        .any(|c| c.does == Does::Status(Status::Discussed))
}

/// Whether chain `i` is a purpose of the one before ("a multinational deployment to support
/// Moldova's defence"): an infinitive after the thing given says what it is for, not what
/// else is given.
fn purpose_of_previous(s: &Sentence, chains: &[Chain], i: usize) -> bool {
    if i == 0 || !chains[i].dependent {
        return false;
    }
    let prev = &chains[i - 1];
    let Some((at, w)) = text::prev_word(s.text, chains[i].start) else {
        return false;
    };
    // "troops or to ensuring their presence": a second infinitive, not a purpose
    let joined =
        text::prev_word(s.text, at).is_some_and(|(_, p)| text::is_one_of(p, &["or", "and", "nor"]));
    let to_before = w.eq_ignore_ascii_case("to") && !joined;
    let thing_between = s
        .domains
        .iter()
        .any(|d| d.start >= prev.end && d.end <= chains[i].start);
    // "their contribution to training or their participation in operations": an
    // alternative is not a commitment to both
    let alternative = text::is_one_of(w, &["their", "its", "his", "her"])
        && text::prev_word(s.text, at).is_some_and(|(_, p)| p.eq_ignore_ascii_case("or"));
    (to_before && thing_between) || alternative
}

/// Nouns for a text that carries commitments.
const TEXT_NOUNS: &[&str] = &[
    "document",
    "agreement",
    "deal",
    "pact",
    "accord",
    "treaty",
    "declaration",
    "compact",
    "memorandum",
    "text",
    "communique",
    "communiqué",
];

/// The words naming a text as the subject of a chain ("the signed document sets out", "It
/// envisages"), when no party is named there or the party found is only "it".
fn text_subject(
    s: &Sentence,
    left: usize,
    pos: usize,
    who: Option<&Subject>,
) -> Option<(usize, usize)> {
    let text = s.text;
    let it_only = who.is_some_and(|w| {
        w.span
            .is_some_and(|(a, b)| text::is_one_of(span(text, a, b), &["it", "its"]))
    });
    if who.is_some() && !it_only {
        return None;
    }
    for (n, (ws, w)) in text::words_back(text, left, pos).enumerate() {
        if n > 6 {
            break;
        }
        if text::is_one_of(w, TEXT_NOUNS) || (n <= 1 && text::is_one_of(w, &["it"])) {
            let before = text::prev_word_skipping_article(text, ws).map(|(_, p)| p);
            let object = before.is_some_and(|p| {
                text::is_one_of(p, &["of", "to", "with", "in", "under", "for", "by"])
            });
            if !object {
                return Some((ws, ws + w.len()));
            }
        }
    }
    None
}

/// Whether a chain's subject is a text said to be signed: "the signed document", "the
/// declaration signed in Vilnius".
fn signed_text_subject(s: &Sentence, left: usize, pos: usize) -> bool {
    if !text::has_ascii_ci(span(s.text, left, pos), "signed") {
        return false;
    }
    let words: Vec<&str> = text::words(s.text, left, pos).collect();
    words.iter().enumerate().any(|(i, w)| {
        w.eq_ignore_ascii_case("signed")
            && words[i.saturating_sub(2)..(i + 3).min(words.len())]
                .iter()
                .any(|n| text::is_one_of(n, TEXT_NOUNS))
    })
}

/// Discussion words that, said of a text, state its content ("focuses on", "envisages").
fn content_verb(words: &str) -> bool {
    let w = words.to_ascii_lowercase();
    w.starts_with("focus")
        || w.starts_with("envisage")
        || w.starts_with("foresee")
        || w.starts_with("aim")
}

/// Whether the beneficiary is what the clause names as the chain's subject ("Moldova will
/// buy"): then nobody else is.
fn chain_blocked_by_beneficiary(s: &Sentence, chain: &Chain, roles: &Roles) -> bool {
    let left = s.boundary_before(chain.start);
    s.mentions.iter().any(|m| {
        m.start >= left
            && m.end <= chain.start
            && m.actor.is_some_and(|a| roles.is_beneficiary(a))
            && m.form != MForm::Demonym
            && !text::possessive_at(s.text, m.end)
            && text::words_within(s.text, m.end, chain.start, 2)
    })
}

/// Whether the clause around `pos` asks rather than states: "how" or "whether" opens it, or
/// a question mark ends it ("Can Moldova's security be ensured by foreign contingents?").
fn question(s: &Sentence, pos: usize) -> bool {
    let start = s.boundary_before(pos);
    let asked = s.text[pos..]
        .find(['?', '.', ';'])
        .is_some_and(|i| s.text[pos + i..].starts_with('?'));
    // "decide who contributes", "talks over where such a force could be deployed"
    if asked {
        return true;
    }
    let clause = span(s.text, start, pos);
    if !text::has_ascii_ci(clause, "wh") && !text::has_ascii_ci(clause, "how") {
        return false;
    }
    let mut prev: Option<&str> = None;
    for w in text::words(s.text, start, pos) {
        if text::is_one_of(w, &["how", "whether"]) {
            return true;
        }
        if text::is_one_of(w, &["who", "what", "where", "which", "when"])
            && prev.is_some_and(|p| {
                text::is_one_of(
                    p,
                    &[
                        "decide",
                        "decides",
                        "decided",
                        "determine",
                        "know",
                        "knows",
                        "clear",
                        "unclear",
                        "over",
                        "about",
                        "on",
                        "ask",
                        "asked",
                        "discuss",
                        "discussed",
                        "say",
                        "said",
                        "specify",
                        "reveal",
                        "question",
                    ],
                )
            })
        {
            return true;
        }
        prev = Some(w);
    }
    false
}

/// The kind of force a document is about: police when it names police more often than
/// troops, else troops. "Personnel", "officers" and "agents" are of that kind.
fn force_of(doc: &Document, lex: &Lexicon) -> Domain {
    let (mut hits, mut cues) = (Vec::new(), Vec::new());
    let (mut police, mut troops) = (0, 0);
    for s in &doc.sentences {
        lex.scan_with_cues(doc.sentence_text(s), &mut hits, &mut cues);
        let text = doc.sentence_text(s);
        for h in &hits {
            // words for any force ("the force", "deployment") say nothing of its kind
            let word = span(text, h.start, h.end);
            match h.hit {
                Hit::Domain(Domain::Policing) => police += 1,
                Hit::Domain(Domain::GroundForces) if !text::is_one_of(word, ANY_FORCE) => {
                    troops += 1
                }
                _ => {}
            }
        }
    }
    if police > troops {
        Domain::Policing
    } else {
        Domain::GroundForces
    }
}

/// Where the quantity of thing `i` of a chain's things is read: from its own provider's
/// name (or the object's start) to the next thing that names a provider of its own.
fn quantity_window(given: &[object::Given], i: usize, scope: object::Scope) -> (usize, usize) {
    let own_start = |g: &object::Given| {
        g.own
            .as_ref()
            .filter(|o| !o.actors.is_empty() && !o.led && o.start >= scope.start)
            .map(|o| o.start)
    };
    let start = own_start(&given[i]).unwrap_or(scope.start);
    let end = given
        .iter()
        .skip(i + 1)
        .filter_map(own_start)
        .find(|&s| s > start)
        .unwrap_or(scope.end);
    (start, end.max(start))
}

/// Ground-force keywords that name any force, police or military.
const ANY_FORCE: &[&str] = &[
    "force",
    "forces",
    "deployment",
    "deployments",
    "presence",
    "ground",
    "land",
    "contingent",
    "contingents",
    "mission",
];

/// A line with no closing punctuation: a headline or a heading.
fn headline(text: &str) -> bool {
    !text
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '\'', '’', ')'])
}

/// How many words a bare "will" reaches to what it gives.
const BARE_WILL_REACH: usize = 5;

/// A chain that is only a future ("will", "is set to") with no verb of giving in it.
fn bare_will(s: &Sentence, chain: &Chain) -> bool {
    let mut cues = s.cues_in(chain.start, chain.end);
    cues.all(|c| c.rule == "status.will")
}

/// Texts whose parties a sentence's "members" and "allies" can be ("the compact states that
/// members will").
const TEXTS_WITH_PARTIES: &[&str] = &[
    "compact",
    "pact",
    "treaty",
    "framework",
    "accord",
    "agreement",
];

/// The bloc a document is about, whose members its "allies" are: one named at least twice as
/// acting ("NATO leaders", "the NATO summit", "EU members"), in a document that never names
/// the coalition.
fn bloc_of(doc: &Document, lex: &Lexicon) -> Option<u16> {
    static ACTING: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build([
                "summit",
                "leaders",
                "members",
                "allies",
                "countries",
                "declaration",
                "communique",
                "communiqué",
                "ministers",
            ])
            .expect("acting words")
    });
    static COALITION_WORD: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(["coalition"])
            .expect("one word")
    });
    let text = doc.text.as_str();
    if COALITION_WORD.is_match(text) {
        return None;
    }
    // per bloc, how often a name of it acts ("the EU summit", "NATO allies"): the first bloc,
    // in the lexicon's order, with two such mentions
    let mut acting: BTreeMap<u16, usize> = BTreeMap::new();
    for (a, _, end) in lex.bloc_names_in(text) {
        let rest = text::past_possessive(&text[end..]);
        let word_end = !rest.starts_with(|c: char| c.is_alphanumeric());
        let next = rest.trim_start();
        if word_end
            && ACTING
                .find(next.get(..next.len().min(14)).unwrap_or(""))
                .is_some_and(|m| m.start() == 0)
        {
            *acting.entry(a).or_default() += 1;
        }
    }
    acting.into_iter().find(|&(_, n)| n >= 2).map(|(a, _)| a)
}

/// A commitment that names no content: a signed security agreement, "willing to commit".
fn unspecified(s: &Sentence, chain: &Chain, scope: object::Scope) -> Option<(usize, usize)> {
    let text = s.text;
    let named = details::instrument(text, chain.start, scope.end).or_else(|| {
        // "the agreement was signed by": the text stands before a passive
        scope
            .before
            .filter(|_| chain.passive)
            .and_then(|(a, b)| details::instrument(text, a, b))
    });
    if let Some((a, b)) = named {
        let name = span(text, a, b).to_ascii_lowercase();
        let security = ["security", "defence", "defense", "pact", "compact"]
            .iter()
            .any(|w| name.contains(w));
        if security && (chain.sign || chain.status.is_some()) {
            return Some((a, b));
        }
    }
    let commits = s.cues_in(chain.start, chain.end).any(|c| {
        let w = span(text, c.start, c.end).to_ascii_lowercase();
        (c.rule == "status.pledge" && (w.starts_with("commit") || w.starts_with("pledg")))
            || (c.rule == "status.offer" && w.starts_with("offer"))
            || w.starts_with("cooperate")
    });
    let after = text::next_word(text, chain.end).map(|(_, w)| w.to_ascii_lowercase());
    // "willing to commit, but": nothing follows the verb; "capabilities offered by": what is
    // offered is named before it
    let object_words: Vec<&str> = text::words(text, chain.end, scope.end).take(4).collect();
    let provision = |w: &&str| {
        text::is_one_of(
            w,
            &[
                "capabilities",
                "capability",
                "help",
                "assistance",
                "support",
                "contribution",
                "contributions",
                "resources",
                "areas",
                "spheres",
            ],
        )
    };
    let punct_next = text[chain.end..]
        .trim_start()
        .starts_with([',', '.', ';', ':', '"', '”']);
    let bare = punct_next
        || after
            .as_deref()
            .is_none_or(|w| text::is_one_of(w, &["by", "but", "and", "in"]))
        || object_words.iter().any(provision)
        || text::words(text, scope.before.map_or(chain.start, |b| b.0), chain.start)
            .any(|w| provision(&w));
    (commits && bare).then_some((chain.start, chain.end))
}

/// The condition a fact of `domain` waits on: an attack for a guarantee, a ceasefire, peace
/// deal, approval or money for anything else; a phrase with its own opener reads better than
/// a lone "post-war".
fn pick_condition(s: &Sentence, domain: Domain) -> Option<(usize, usize)> {
    let attack = matches!(domain, Domain::BindingGuarantee | Domain::Backstop);
    let fits = |c: &&details::Cond| (c.class == details::CondClass::Attack) == attack;
    s.conds
        .iter()
        .filter(fits)
        .find(|c| !c.from_caveat)
        .or_else(|| s.conds.iter().find(fits))
        .map(|c| (c.start, c.end))
}

/// Whether a clause that names no provider is about the guarantees at all (then its provider
/// is the group acting as one).
fn on_topic(s: &Sentence, roles: &Roles) -> bool {
    static TOPIC: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(TOPIC_WORDS)
            .expect("topic words")
    });
    TOPIC.is_match(s.text)
        || s.mentions
            .iter()
            .any(|m| m.actor.is_some_and(|a| roles.is_beneficiary(a)))
}

const TOPIC_WORDS: &[&str] = &[
    "security",
    "guarantee",
    "ceasefire",
    "cease-fire",
    "truce",
    "peace",
    "deter",
    "coalition",
    "allies",
    "allied",
    "mission",
    "military",
    "troop",
    "army",
    "defence",
    "defense",
    "forces",
];
