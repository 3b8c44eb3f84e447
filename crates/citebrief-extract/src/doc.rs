//! The per-document step: sentences to commitments, caveats and discrepancy claims.
//!
//! For each sentence: find actor, domain and cue mentions; resolve pronouns to the person
//! last named; cut condition phrases out; group status cues ("agreed to establish") and give
//! each group the domains that follow it and the actors that precede it (its subject).

use std::cell::OnceCell;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use citebrief_source::{Document, Sentence};
use citebrief_store::{
    Caveat, CaveatKind, Citation, Commitment, Domain, Meta, Polarity, RuleName, Status,
};
use regex::Regex;
use smallvec::{smallvec, SmallVec};

use crate::cues::{About, Cue, CueHit, Neg, Pronoun};
use crate::discrepancy;
use crate::lexicon::{at_word_boundaries, Form, Hit, LexHit, Lexicon};
use crate::scan::has_ascii_digit;
use crate::{DocFacts, Objection};

/// A set of actors (lexicon indices): one to a few, so held inline without allocating.
type Actors = SmallVec<[u16; 4]>;
/// Rule names of one finding, held inline.
type Rules = SmallVec<[&'static str; 8]>;
/// Domain mentions (start, end, domain) of a sentence or a cue group, held inline.
type Domains = SmallVec<[(usize, usize, Domain); 4]>;

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
];

/// A name right after one of these is an object ("across Ukraine", "with allies"), not a subject.
const OBJECT_PREPOSITIONS: &[&str] = &[
    "to", "with", "for", "by", "against", "across", "on", "into", "in", "at", "from", "toward",
    "towards", "deter", "than", "over", "inside", "within", "between", "among",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MForm {
    Name,
    Person,
    /// he, she, we, "his country".
    Pronoun,
    Observer,
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    /// `None` for an observer (analyst, think-tank).
    actor: Option<u16>,
    form: MForm,
}

/// Where a fact is stated; made into a [`Citation`] only when a fact is found. The facts of
/// one sentence share its quote, and those of one document its source id (`Arc<str>`s).
pub(crate) struct Cite<'t> {
    source: Arc<str>,
    line: u32,
    quote: &'t str,
    shared_quote: OnceCell<Arc<str>>,
}

impl Cite<'_> {
    fn make(&self) -> Citation {
        Citation {
            source: Arc::clone(&self.source),
            line: self.line,
            quote: Arc::clone(self.shared_quote.get_or_init(|| self.quote.into())),
            reading: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CondClass {
    Ceasefire,
    Peace,
    Attack,
    Money,
    Approval,
}

#[derive(Debug, Clone, Copy)]
struct Cond {
    start: usize,
    end: usize,
    class: CondClass,
    /// Opened by a caveat cue ("post-war"), which reports the caveat itself.
    from_caveat_cue: bool,
}

#[derive(Debug)]
struct Group {
    start: usize,
    end: usize,
    status: Status,
    negative: bool,
    neg_before_only: bool,
    /// A clause boundary ("but", ";") lies between this group and the one before.
    after_boundary: bool,
    commit_verb: bool,
    rules: Rules,
    domains: Domains,
}

/// What a sentence was found to say, for its caveats: its conditions, the domains it names
/// outside them, and the actors of its commitments.
#[derive(Clone, Copy)]
struct Said<'s> {
    conds: &'s [Cond],
    domains: &'s [(usize, usize, Domain)],
    commit_actors: &'s [u16],
}

/// Who a cue group's subject is.
enum Subject {
    Actors(Actors, Rules),
    /// An analyst's view, or Russia: no commitment.
    None,
}

/// What the sentence-level state remembers across sentences.
#[derive(Default)]
struct Memory {
    doc_last_person: Option<Option<u16>>,
    line: u32,
    line_first_person: Option<u16>,
    line_last_person: Option<Option<u16>>,
    line_last_actor: Option<u16>,
    line_last_country: Option<u16>,
    /// The last country named in the line before the current sentence.
    line_country: Option<u16>,
    line_commit_actors: Actors,
}

pub(crate) struct Analyzer<'a> {
    lex: &'a Lexicon,
    doc: &'a Document,
    /// The document's id, as every citation of it holds it.
    source: Arc<str>,
    ua: Option<u16>,
    ru: Option<u16>,
    coalition: Option<u16>,
    us: Option<u16>,
    eu: Option<u16>,
    belgium: Option<u16>,
    /// NATO, when the document covers NATO and no coalition: its "allies" are NATO's.
    allies_are: Option<u16>,
    /// The country of the article's dateline ("OSLO, May 3 -"), else the one country its
    /// headline names: who an unnamed "the Ministry" speaks for.
    home: Option<u16>,
    lexhits: Vec<LexHit>,
    cuehits: Vec<CueHit>,
    mentions: Vec<Mention>,
    mem: Memory,
    /// The document's positive commitments so far: actors, domain, status, sentence number.
    pledges: Vec<(Actors, Domain, Status, usize)>,
    /// Sentences read so far.
    sentences: usize,
    pub(crate) out: DocFacts,
}

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:up to|as many as|about|around|some|more than|over|at least|nearly|roughly|between)\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*(?:-|–|to|and)\s*(?:\d{1,3}(?:,\d{3})+|\d+))?\s+(?:[A-Za-z]+\s+)?(?:troops|soldiers|personnel|peacekeepers|servicemen|service members)(?-u:\b)|(?-u:\b)(?:several|a few|tens of|some)\s+thousands?\W{0,3}\s*(?:(?:[A-Z][a-z]+\s+)?(?:troops|soldiers|personnel|peacekeepers))?|(?-u:\b)(?:an?\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)-strong(?:\s+[A-Za-z-]+){0,2}?\s+(?:force|brigade|battalion|contingent|mission|division|regiment)(?-u:\b)",
    )
    .expect("quantity regex")
});

/// A count of something other than troops: "two squadrons of Rafale jets", "200 monitors".
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:up to|as many as|about|around|more than|over|at least|nearly|roughly|a further|an additional|another)\s+)?(?:\d{1,3}(?:,\d{3})+|\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|dozens of|hundreds of)(?:\s+(?:more|new|additional|further))?(?:\s+[A-Za-z0-9/-]+){0,3}?\s+(squadrons?|jets|aircraft|fighters|helicopters|batteries|battery|interceptors|launchers|frigates?|warships?|ships?|vessels?|minehunters?|minesweepers?|monitors|observers|instructors|trainers|brigades?|battalions?|companies|company)(?:\s+(?:of|each)(?:\s+[A-Za-z0-9/-]+){1,3})?",
    )
    .expect("amount regex")
});

/// Money: "€2.5bn", "$680 million", "1.2 billion crowns", "C$2bn".
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:up to|about|around|more than|over|at least|nearly|roughly|a further|an additional|another)\s+)?(?:(?:US|C|A|NZ)?\$|€|£|¥)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|billion|mn|million|m|trillion|tn))?(?-u:\b)|(?-u:\b)(?:(?:up to|about|around|more than|over|at least|nearly|roughly)\s+)?\d[\d,]*(?:\.\d+)?\s?(?:bn|billion|million|trillion)\s+(?:euros?|dollars?|pounds?|crowns|kronor|kroner|krone|yen|zlotys?|francs|won)(?-u:\b)",
    )
    .expect("money regex")
});

/// The first force-size phrase of a sentence ("up to 5,000 troops", "several thousand",
/// "a 5,000-strong brigade").
pub(crate) fn quantity(text: &str) -> Option<&str> {
    if !has_ascii_digit(text) && !text.contains("thousand") {
        return None;
    }
    QUANTITY
        .find_iter(text)
        .find(|m| !designator(text, m.start()))
        .map(|m| m.as_str().trim())
}

/// Whether a number at `pos` is part of a model name or designator ("F-16", "T-72",
/// "S-400"), not a count.
fn designator(text: &str, pos: usize) -> bool {
    text[..pos]
        .strip_suffix('-')
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_alphabetic()))
}

/// The first count of `domain` things that is not a designator's number.
fn amount(text: &str, domain: Domain) -> Option<String> {
    // only some domains are counted: most calls need no search
    if units(domain).is_empty() {
        return None;
    }
    AMOUNT
        .captures_iter(text)
        .find(|c| counts(domain, &c[1]) && !designator(text, c.get(0).map_or(0, |m| m.start())))
        .map(|c| c[0].to_string())
}

/// The unit words of [`AMOUNT`] that count something of `domain`.
fn counts(domain: Domain, unit: &str) -> bool {
    let unit = unit.trim_end_matches(['s', 'S']);
    units(domain).iter().any(|u| u.eq_ignore_ascii_case(unit))
}

/// The unit words (without a plural "s") that count something of `domain`; none for most.
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

/// Money amounts in a sentence, unless they price something ("worth", "at a cost of").
fn money(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // every amount has a digit: most sentences need no search
    let digits = has_ascii_digit(text);
    let found = digits.then(|| MONEY.find_iter(text)).into_iter().flatten();
    found.filter_map(move |m| {
        let before = text[..m.start()].trim_end().to_ascii_lowercase();
        let prices = [
            "worth",
            "cost of",
            "costs",
            "costing",
            "valued at",
            "price of",
        ]
        .iter()
        .any(|w| before.ends_with(w));
        (!prices).then_some((m.start(), m.end()))
    })
}

/// How much of `domain` a sentence names: troops, money, squadrons...
fn quantity_for(text: &str, domain: Domain) -> Option<String> {
    let found = match domain {
        Domain::GroundForces => quantity(text)
            .map(str::to_string)
            .or_else(|| amount(text, domain)),
        Domain::Financing => money(text).next().map(|(a, b)| text[a..b].to_string()),
        _ => amount(text, domain),
    };
    found.map(|q| {
        let mut words: Vec<&str> = q.split_whitespace().collect();
        // "two squadrons of jets and ...": the phrase ends at its last content word
        while words.len() > 1
            && [
                "and", "or", "to", "for", "the", "a", "in", "with", "by", "from",
            ]
            .contains(&words[words.len() - 1].to_ascii_lowercase().as_str())
        {
            words.pop();
        }
        words.join(" ").replace(['"', '“', '”'], "")
    })
}

impl<'a> Analyzer<'a> {
    pub(crate) fn new(doc: &'a Document, lex: &'a Lexicon) -> Self {
        Analyzer {
            lex,
            doc,
            source: doc.id.as_str().into(),
            ua: lex.index_of("UA"),
            ru: lex.index_of("RU"),
            coalition: lex.index_of("COALITION"),
            us: lex.index_of("US"),
            eu: lex.index_of("EU"),
            belgium: lex.index_of("BE"),
            allies_are: nato_coverage(doc).then(|| lex.index_of("NATO")).flatten(),
            home: home_country(doc, lex),
            lexhits: Vec::new(),
            cuehits: Vec::new(),
            mentions: Vec::new(),
            mem: Memory::default(),
            pledges: Vec::new(),
            sentences: 0,
            out: DocFacts {
                source: doc.id.clone(),
                ..Default::default()
            },
        }
    }

    pub(crate) fn run(mut self) -> DocFacts {
        let doc = self.doc;
        for s in &doc.sentences {
            self.sentence(s);
        }
        discrepancy::weekday_claim(doc, &mut self.out);
        self.out
    }

    fn is(&self, actor: u16, code: Option<u16>) -> bool {
        Some(actor) == code
    }

    /// A guarantor country (not Ukraine, Russia or a body such as the EU).
    fn is_country(&self, actor: u16) -> bool {
        let code = self.lex.code(actor);
        code.len() == 2 && code != "UA" && code != "EU" && !self.lex.is_opponent(actor)
    }

    fn sentence(&mut self, s: &Sentence) {
        if s.line != self.mem.line {
            self.mem = Memory {
                doc_last_person: self.mem.doc_last_person,
                line: s.line,
                ..Default::default()
            };
        } else {
            self.mem.line_country = self.mem.line_last_country;
        }
        self.sentences += 1;
        let text = self.doc.sentence_text(s);
        let mut lexhits = std::mem::take(&mut self.lexhits);
        let mut cuehits = std::mem::take(&mut self.cuehits);
        self.lex.scan_with_cues(text, &mut lexhits, &mut cuehits);

        let mut mentions = std::mem::take(&mut self.mentions);
        self.mentions(text, &lexhits, &cuehits, &mut mentions);
        // no status, caveat or condition cue: no fact to find, only claims
        let cued = cuehits.iter().any(|c| {
            matches!(
                c.cue(),
                Cue::Status { .. } | Cue::Caveat { .. } | Cue::Condition
            )
        });
        if cued {
            self.facts(s, text, &lexhits, &cuehits, &mentions);
        }
        discrepancy::sentence_claims(self.doc, s, text, &lexhits, &mut self.out);
        self.lexhits = lexhits;
        self.cuehits = cuehits;
        self.mentions = mentions;
    }

    /// Commitments, caveats and Russia's objections of one sentence.
    fn facts(
        &mut self,
        s: &Sentence,
        text: &str,
        lexhits: &[LexHit],
        cuehits: &[CueHit],
        mentions: &[Mention],
    ) {
        let conds = conditions(text, cuehits);
        let inside = |p: usize| conds.iter().any(|c| c.start <= p && p < c.end);
        let mut domains: Vec<(usize, usize, Domain)> = lexhits
            .iter()
            .filter_map(|h| match h.hit {
                Hit::Domain(d) if !inside(h.start) => Some((h.start, h.end, d)),
                _ => None,
            })
            .collect();
        // "pledged €2bn", "will contribute $500 million": money given is financing
        domains.extend(
            money(text)
                .filter(|&(a, _)| !inside(a))
                .map(|(a, b)| (a, b, Domain::Financing)),
        );
        domains.sort_unstable_by_key(|d| d.0);
        drop_tasked_personnel(text, &mut domains);
        let citation = Cite {
            source: Arc::clone(&self.source),
            line: s.line,
            quote: text,
            shared_quote: OnceCell::new(),
        };

        let objections = self.objections(text, mentions, cuehits, &domains, &citation);
        let observer = mentions.iter().any(|m| m.form == MForm::Observer);
        let mut commitments = Vec::new();
        if objections.is_empty() && !observer {
            commitments = self.commitments(text, mentions, cuehits, &domains, &conds, &citation);
        }
        let commit_actors: Actors = {
            let mut v: Actors = SmallVec::new();
            for (c, _) in &commitments {
                v.extend(c.iter().copied());
            }
            v.sort_unstable();
            v.dedup();
            v
        };
        let said = Said {
            conds: &conds,
            domains: &domains,
            commit_actors: &commit_actors,
        };
        self.caveats(text, mentions, cuehits, said, &citation);
        self.refusals_limit_the_role(&commitments);
        for (actors, c) in &commitments {
            if c.polarity == Polarity::Positive {
                self.pledges
                    .push((actors.clone(), c.domain, c.status, self.sentences));
            }
        }
        self.out
            .commitments
            .extend(commitments.into_iter().map(|(_, c)| c));
        if !commit_actors.is_empty() {
            self.mem.line_commit_actors = commit_actors;
        }
        self.out.objections.extend(objections);
    }

    /// Actor mentions of the sentence in order, pronouns resolved, memory updated.
    fn mentions(
        &mut self,
        text: &str,
        lexhits: &[LexHit],
        cuehits: &[CueHit],
        out: &mut Vec<Mention>,
    ) {
        let first_person = lexhits.iter().find_map(|h| match h.hit {
            Hit::Actor {
                actor,
                form: Form::Person,
            } => Some(actor),
            _ => None,
        });
        out.clear();
        let (mut i, mut j) = (0, 0);
        while i < lexhits.len() || j < cuehits.len() {
            let take_lex =
                j >= cuehits.len() || (i < lexhits.len() && lexhits[i].start <= cuehits[j].start);
            if take_lex {
                let h = lexhits[i];
                i += 1;
                let Hit::Actor { actor, form } = h.hit else {
                    continue;
                };
                let actor = match self.allies_are {
                    Some(nato)
                        if Some(actor) == self.coalition
                            && text[h.start..h.end].to_ascii_lowercase().contains("allie") =>
                    {
                        nato
                    }
                    // Brussels is also Belgium's capital: beside Belgium, it is Belgium
                    _ if self.is(actor, self.eu)
                        && &text[h.start..h.end] == "Brussels"
                        && self.belgium.is_some_and(|be| {
                            self.mem.line_last_country == Some(be)
                                || lexhits.iter().any(
                                    |x| matches!(x.hit, Hit::Actor { actor: a, .. } if a == be),
                                )
                        }) =>
                    {
                        self.belgium.unwrap_or(actor)
                    }
                    _ => actor,
                };
                let form = match form {
                    Form::Person => {
                        self.mem.line_last_person = Some(Some(actor));
                        self.mem.doc_last_person = Some(Some(actor));
                        self.mem.line_first_person.get_or_insert(actor);
                        MForm::Person
                    }
                    _ => MForm::Name,
                };
                self.mem.line_last_actor = Some(actor);
                if self.is_country(actor) {
                    self.mem.line_last_country = Some(actor);
                }
                out.push(Mention {
                    start: h.start,
                    end: h.end,
                    actor: Some(actor),
                    form,
                });
            } else {
                let c = cuehits[j];
                j += 1;
                let actor = match c.cue() {
                    Cue::Observer => {
                        self.mem.line_last_person = Some(None);
                        self.mem.doc_last_person = Some(None);
                        out.push(Mention {
                            start: c.start,
                            end: c.end,
                            actor: None,
                            form: MForm::Observer,
                        });
                        continue;
                    }
                    Cue::Pronoun(Pronoun::Person) => {
                        self.mem.line_last_person.or(self.mem.doc_last_person)
                    }
                    Cue::Pronoun(Pronoun::Speaker) => first_person
                        .or(self.mem.line_first_person)
                        .map(Some)
                        .or(self.mem.line_last_person)
                        .or(self.mem.doc_last_person),
                    Cue::Pronoun(Pronoun::Country) => match self.mem.line_last_person {
                        Some(Some(a)) => Some(Some(a)),
                        _ => self.mem.line_last_actor.map(Some),
                    },
                    _ => continue,
                };
                let form = if actor == Some(None) {
                    MForm::Observer
                } else {
                    MForm::Pronoun
                };
                if let Some(actor) = actor {
                    out.push(Mention {
                        start: c.start,
                        end: c.end,
                        actor,
                        form,
                    });
                }
            }
        }
    }

    fn opponent(&self, m: &Mention) -> bool {
        m.actor.is_some_and(|a| self.lex.is_opponent(a))
    }

    /// The subject of a cue at `pos`: the nearest group of names before it.
    fn subject(&self, text: &str, mentions: &[Mention], conds: &[Cond], pos: usize) -> Subject {
        let inside = |p: usize| conds.iter().any(|c| c.start <= p && p < c.end);
        let is_ua_name =
            |m: &Mention| m.form == MForm::Name && m.actor.is_some_and(|a| self.is(a, self.ua));
        let is_object = |m: &Mention| {
            m.form == MForm::Name
                && previous_word_in(text, m.start, OBJECT_PREPOSITIONS)
                && !passive_agent(text, m.start)
        };
        // "Ukraine will..." or "Ukraine's army can...": Ukraine acting for itself is no guarantee
        let nearest = mentions
            .iter()
            .rposition(|m| m.end <= pos && !inside(m.start) && !is_object(m));
        if nearest.is_some_and(|i| {
            is_ua_name(&mentions[i]) && !possessive_of_guarantor(text, &mentions[i], mentions)
        }) {
            return Subject::None;
        }
        let head = mentions
            .iter()
            .rposition(|m| m.end <= pos && !inside(m.start) && !is_ua_name(m) && !is_object(m));
        let Some(head) = head else {
            // "..., he said": the speaker named after the cue.
            let after = mentions.iter().find(|m| {
                m.start >= pos && matches!(m.form, MForm::Person | MForm::Pronoun | MForm::Observer)
            });
            return match after {
                Some(m) => self.subject_of(&[*m], smallvec!["actor.speaker-after-quote"]),
                // a sentence about Russia's side that names no guarantor is not the coalition's
                None => match self.coalition {
                    // "The Ministry will...", a headline: an unnamed institution speaks for
                    // the country of its line or article, never for the coalition by default
                    _ if headline(text) || unnamed_institution(&text[..pos]) => {
                        match self.mem.line_country.or(self.home) {
                            Some(a) => {
                                Subject::Actors(smallvec![a], smallvec!["actor.home-country"])
                            }
                            None => Subject::None,
                        }
                    }
                    Some(c) if on_topic(text) && !mentions.iter().any(|m| self.opponent(m)) => {
                        Subject::Actors(smallvec![c], smallvec!["actor.default-coalition"])
                    }
                    _ => Subject::None,
                },
            };
        };
        let mut first = head;
        while first > 0 {
            let prev = mentions[first - 1];
            let gap = &text[prev.end..mentions[first].start];
            let of_gap =
                gap.trim().eq_ignore_ascii_case("of") || gap.trim().eq_ignore_ascii_case("of the");
            if !connective(gap)
                || (of_gap && prev.actor.is_some_and(|a| self.is(a, self.coalition)))
            {
                break;
            }
            first -= 1;
        }
        self.subject_of(&mentions[first..=head], smallvec!["actor.subject"])
    }

    fn subject_of(&self, group: &[Mention], mut rules: Rules) -> Subject {
        let mut actors = Actors::new();
        let mut ua_speaker = false;
        for m in group {
            let Some(a) = m.actor else {
                return Subject::None;
            };
            if self.lex.is_opponent(a) {
                return Subject::None;
            }
            if self.is(a, self.ua) {
                ua_speaker |= m.form != MForm::Name;
                continue;
            }
            actors.push(a);
        }
        if let Some(c) = self.coalition {
            if actors.contains(&c) && actors.len() > 1 {
                rules.push("actor.collective");
                actors = smallvec![c];
            }
            if actors.is_empty() && ua_speaker {
                rules.push("actor.ukraine-speaks-for-coalition");
                actors = smallvec![c];
            }
        }
        actors.sort_unstable();
        actors.dedup();
        if actors.is_empty() {
            Subject::None
        } else {
            Subject::Actors(actors, rules)
        }
    }

    /// Actors named right before a domain keyword ("French soldiers", "US-led monitoring").
    /// Returns the actors and whether they lead ("-led": they join the subject).
    fn modifier(&self, text: &str, mentions: &[Mention], dstart: usize) -> Option<(Actors, bool)> {
        let last = mentions
            .iter()
            .rposition(|m| m.end <= dstart && m.form == MForm::Name)?;
        let gap = &text[mentions[last].end..dstart];
        let led = gap
            .trim_start_matches('-')
            .trim()
            .eq_ignore_ascii_case("led");
        let tight = gap
            .chars()
            .all(|c| c.is_whitespace() || "-'’\"“”".contains(c))
            || gap.trim() == "'s"
            || gap.trim() == "’s";
        if !(led || tight) {
            return None;
        }
        let mut first = last;
        while first > 0 && mentions[first - 1].form == MForm::Name && {
            let g = &text[mentions[first - 1].end..mentions[first].start];
            connective(g) && !g.trim().is_empty()
        } {
            first -= 1;
        }
        let mut actors: Actors = mentions[first..=last]
            .iter()
            .filter_map(|m| m.actor)
            .collect();
        actors.sort_unstable();
        actors.dedup();
        Some((actors, led))
    }

    fn commitments(
        &mut self,
        text: &str,
        mentions: &[Mention],
        cuehits: &[CueHit],
        domains: &[(usize, usize, Domain)],
        conds: &[Cond],
        citation: &Cite,
    ) -> Vec<(Actors, Commitment)> {
        let inside = |p: usize| conds.iter().any(|c| c.start <= p && p < c.end);
        let mut groups: SmallVec<[Group; 4]> = SmallVec::new();
        let mut boundary_since_last = false;
        for c in cuehits {
            let (status, neg, commit_verb) = match c.cue() {
                Cue::Boundary => {
                    boundary_since_last = true;
                    continue;
                }
                Cue::Status {
                    status,
                    neg,
                    commit_verb,
                } => (status, neg, commit_verb),
                _ => continue,
            };
            if inside(c.start) {
                continue;
            }
            // "announced that Canada will provide": a new subject opens a new group
            let merge = groups.last().is_some_and(|g| {
                !boundary_since_last
                    && !domains.iter().any(|d| d.0 >= g.end && d.0 < c.start)
                    && !mentions
                        .iter()
                        .any(|m| m.start >= g.end && m.end <= c.start)
                    && text[g.end..c.start].split_whitespace().count() <= 3
            });
            let carried_neg = groups
                .last()
                .is_some_and(|g| g.negative && !boundary_since_last);
            if !merge {
                groups.push(Group {
                    start: c.start,
                    end: c.end,
                    status,
                    negative: carried_neg,
                    neg_before_only: true,
                    after_boundary: boundary_since_last,
                    commit_verb: false,
                    rules: SmallVec::new(),
                    domains: SmallVec::new(),
                });
            }
            let g = groups.last_mut().expect("a group");
            g.end = c.end;
            g.status = stronger(g.status, status);
            if neg != Neg::No {
                g.negative = true;
            }
            if neg == Neg::After {
                g.neg_before_only = false;
            }
            g.commit_verb |= commit_verb;
            if !g.rules.contains(&c.name()) {
                g.rules.push(c.name());
            }
            boundary_since_last = false;
        }
        if groups.is_empty() {
            return Vec::new();
        }
        for &d in domains {
            match groups.iter().rposition(|g| g.start <= d.0) {
                Some(i) => groups[i].domains.push(d),
                None if !(groups[0].negative && groups[0].neg_before_only) => {
                    groups[0].domains.push(d)
                }
                None => {}
            }
        }
        // "signed a declaration on Tuesday, agreeing to deploy troops": the signature carries
        for i in 1..groups.len() {
            let (before, rest) = groups.split_at_mut(i);
            let (prev, g) = (&before[i - 1], &mut rest[0]);
            if prev.domains.is_empty()
                && prev.status == Status::Signed
                && !g.after_boundary
                && !g.negative
            {
                g.status = Status::Signed;
                g.rules.push("commit.cue.sign");
            }
        }
        let mut out: Vec<(Actors, Commitment)> = Vec::new();
        for g in groups.iter_mut() {
            // "there will be no American troops": the group refuses what it names
            if !g.negative && !g.domains.is_empty() && g.domains.iter().all(|d| after_no(text, d.0))
            {
                g.negative = true;
                g.rules.push("commit.negative.no");
            } else if !g.negative {
                // "jets, but no troops": what a pledge names after "no" is not pledged
                g.domains.retain(|d| !after_no(text, d.0));
            }
        }
        // a sentence's count of each domain, looked up once
        let mut quantities: SmallVec<[(Domain, Option<String>); 2]> = SmallVec::new();
        for g in &groups {
            // what a group without a domain can still commit to (see below)
            let attack_clause = || {
                !g.negative
                    && conds
                        .iter()
                        .any(|c| c.class == CondClass::Attack && c.start > g.start)
            };
            let unspecified = g.commit_verb && !g.negative;
            if g.domains.is_empty() && !unspecified && !attack_clause() {
                continue;
            }
            // "asked whether it would send ships", "says nothing about what allies would do":
            // an open question, not a commitment
            if open_question(text, cuehits, g.start) {
                continue;
            }
            let mut domains = absorb(&g.domains);
            let has_money = domains.iter().any(|d| d.2 == Domain::Financing);
            let mut seen_other = false;
            domains.retain(|d| {
                let served = seen_other && beneficiary(text, mentions, d.0, self.ua);
                let financed = has_money && d.2 != Domain::Financing && bought(text, d.0);
                let keep = !served && !financed;
                seen_other |= keep;
                keep
            });
            let mut clause_rules: Rules = SmallVec::new();
            if domains.is_empty() {
                if attack_clause() {
                    // "obliges it to consult if Ukraine is attacked": a promise to act on attack
                    domains.push((g.start, g.end, Domain::BindingGuarantee));
                    clause_rules.push("commit.domain.attack-clause");
                } else if unspecified {
                    domains.push((g.start, g.end, Domain::Other));
                } else {
                    continue;
                }
            }
            let (subject, subject_rules) = match self.subject(text, mentions, conds, g.start) {
                Subject::Actors(a, r) => (a, r),
                // "Ukraine's accession to the EU will...": whoever speaks, the EU grants it
                Subject::None if domains.iter().any(|d| d.2 == Domain::EuAccession) => {
                    domains.retain(|d| d.2 == Domain::EuAccession);
                    match self.eu {
                        Some(eu) => (smallvec![eu], smallvec!["commit.eu-accession-is-eu"]),
                        None => continue,
                    }
                }
                Subject::None => continue,
            };
            let is_country = |a: &u16| Some(*a) != self.coalition && Some(*a) != self.eu;
            if domains[0].2 == Domain::Other && !subject.iter().all(is_country) {
                continue;
            }
            let polarity = if g.negative {
                Polarity::Negative
            } else {
                Polarity::Positive
            };
            let status = if g.negative {
                Status::RuledOut
            } else {
                g.status
            };
            for &(dstart, _, domain) in &domains {
                let mut rules: Rules = g.rules.clone();
                rules.extend(subject_rules.iter().copied());
                rules.extend(clause_rules.iter().copied());
                let mut sets: SmallVec<[Actors; 2]> = smallvec![subject.clone()];
                if let Some((mods, led)) = self.modifier(text, mentions, dstart) {
                    let ua = mods.iter().any(|&a| self.is(a, self.ua));
                    let ru = mods.iter().any(|&a| self.lex.is_opponent(a));
                    if ru || (ua && domain == Domain::GroundForces) {
                        continue;
                    }
                    if !ua {
                        if led {
                            rules.push("actor.led");
                            sets.push(mods);
                        } else if mods.len() == 1 && self.is(mods[0], self.coalition) {
                            // "a multinational force" led by the subject: both provide it
                            rules.push("actor.modifier");
                            sets.push(mods);
                        } else {
                            rules.push("actor.modifier");
                            sets = smallvec![mods];
                        }
                    }
                }
                if domain == Domain::Other {
                    rules.push("commit.domain.unspecified");
                }
                for actors in sets {
                    let (domain, extra) = self.domain_for(&actors, domain);
                    let (actors, extra2) = self.actors_for(actors, domain);
                    let mut rules = rules.clone();
                    rules.extend(extra.into_iter().chain(extra2));
                    let quantity = match quantities.iter().find(|(d, _)| *d == domain) {
                        Some((_, q)) => q.clone(),
                        None => {
                            let q = quantity_for(text, domain);
                            quantities.push((domain, q.clone()));
                            q
                        }
                    };
                    if quantity.is_some() {
                        rules.push("commit.quantity");
                    }
                    let condition = pick_condition(conds, domain).map(|c| {
                        rules.push("commit.condition");
                        text[c.start..c.end].trim_end().to_string()
                    });
                    rules.sort_unstable();
                    rules.dedup();
                    let codes: Vec<String> = {
                        let mut v: Vec<String> = actors
                            .iter()
                            .map(|&a| self.lex.code(a).to_string())
                            .collect();
                        v.sort();
                        v
                    };
                    out.push((
                        actors.clone(),
                        Commitment {
                            id: String::new(),
                            statement: String::new(),
                            actors: codes,
                            domain,
                            polarity,
                            status,
                            quantity,
                            condition,
                            instrument: None,
                            citations: vec![citation.make()],
                            corroboration: 0,
                            meta: Meta {
                                rules: rules.iter().map(|&r| r.into()).collect(),
                                ..Default::default()
                            },
                        },
                    ));
                }
            }
        }
        out
    }

    /// The United States' guarantee is the backstop role the vocabulary names.
    fn domain_for(&self, actors: &[u16], domain: Domain) -> (Domain, Option<&'static str>) {
        if domain == Domain::BindingGuarantee && actors.len() == 1 && self.is(actors[0], self.us) {
            return (Domain::Backstop, Some("commit.us-guarantee-is-backstop"));
        }
        (domain, None)
    }

    /// EU membership is the EU's to give.
    fn actors_for(&self, actors: Actors, domain: Domain) -> (Actors, Option<&'static str>) {
        match (domain, self.eu) {
            (Domain::EuAccession, Some(eu)) if actors[..] != [eu] => {
                (smallvec![eu], Some("commit.eu-accession-is-eu"))
            }
            _ => (actors, None),
        }
    }

    fn objections(
        &self,
        text: &str,
        mentions: &[Mention],
        cuehits: &[CueHit],
        domains: &[(usize, usize, Domain)],
        citation: &Cite,
    ) -> Vec<Objection> {
        let hits: Vec<&CueHit> = cuehits
            .iter()
            .filter(|c| {
                matches!(
                    c.cue(),
                    Cue::Caveat {
                        about: About::RussiaTargets,
                        ..
                    }
                )
            })
            .collect();
        let mut out = Vec::new();
        for (i, c) in hits.iter().enumerate() {
            let russian = mentions
                .iter()
                .any(|m| m.start < c.start && m.actor.is_some_and(|a| self.lex.is_opponent(a)));
            if !russian {
                continue;
            }
            let from = if i == 0 { 0 } else { hits[i - 1].end };
            let to = hits.get(i + 1).map_or(text.len(), |n| n.start);
            let mut targets: Vec<Domain> = domains
                .iter()
                .filter(|d| d.0 >= from && d.0 < to)
                .map(|d| d.2)
                .filter(|d| *d != Domain::BindingGuarantee)
                .collect();
            targets.sort_unstable();
            targets.dedup();
            let mut rules: Vec<RuleName> = vec![c.name().into()];
            let mut about: Vec<String> = Vec::new();
            // the first Russian name before the cue: what follows it is what Russia objects to
            let said = mentions
                .iter()
                .find(|m| m.start < c.start && m.actor.is_some_and(|a| self.lex.is_opponent(a)))
                .map_or(from, |m| m.end.max(from));
            if targets.is_empty() && names_the_package(&text[from..to]) {
                // "called the deal a hostile act", "the participation of Romania will not go
                // unanswered": about the countries named after Russia, else about what the
                // document has pledged so far
                let guarantor = |a: &u16| {
                    !self.lex.is_opponent(*a) && ![self.ua, self.coalition].contains(&Some(*a))
                };
                let mut actors: Actors = mentions
                    .iter()
                    .filter(|m| m.start >= said && m.start < to)
                    .filter_map(|m| m.actor)
                    .filter(guarantor)
                    .collect();
                let rule = if actors.is_empty() {
                    actors = self.guarantors(
                        self.pledges
                            .iter()
                            .filter(|p| matches!(p.2, Status::Signed | Status::Pledged)),
                    );
                    "caveat.russian-opposition.earlier-pledges"
                } else {
                    "caveat.russian-opposition.named"
                };
                about = actors
                    .iter()
                    .map(|&a| self.lex.code(a).to_string())
                    .collect();
                about.sort();
                about.dedup();
                if !about.is_empty() {
                    rules.push(rule.into());
                }
            }
            out.push(Objection {
                citation: citation.make(),
                targets,
                about,
                rules,
            });
        }
        out
    }

    /// The guarantors of the document's earlier positive commitments in the domains a
    /// sentence names; when it names none, those of the last sentence that made any.
    fn earlier_pledges(&self, domains: &[(usize, usize, Domain)]) -> Actors {
        let last = self.pledges.last().map(|p| p.3);
        self.guarantors(self.pledges.iter().filter(|p| match domains {
            [] => Some(p.3) == last,
            _ => domains.iter().any(|d| d.2 == p.1),
        }))
    }

    /// The countries and bodies that made `pledges`, sorted; none when the coalition made one
    /// of them (a caveat about the coalition is about the package as a whole).
    fn guarantors<'p>(
        &self,
        pledges: impl Iterator<Item = &'p (Actors, Domain, Status, usize)>,
    ) -> Actors {
        let mut v: Actors = pledges.flat_map(|p| p.0.iter().copied()).collect();
        if v.iter().any(|&a| Some(a) == self.coalition) {
            return SmallVec::new();
        }
        v.retain(|a| !self.lex.is_opponent(*a) && Some(*a) != self.ua);
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Refusing troops, jets, ships or weapons limits what the refusing party's role can be
    /// (`caveat.limited-role.refusal`).
    fn refusals_limit_the_role(&mut self, commitments: &[(Actors, Commitment)]) {
        for (actors, c) in commitments {
            let military = matches!(
                c.domain,
                Domain::GroundForces | Domain::Air | Domain::Maritime | Domain::Weapons
            );
            if c.polarity != Polarity::Negative || !military {
                continue;
            }
            let mut about: Vec<String> = actors
                .iter()
                .filter(|&&a| ![self.ua, self.ru, self.coalition].contains(&Some(a)))
                .map(|&a| self.lex.code(a).to_string())
                .collect();
            about.sort();
            self.out.caveats.push(Caveat {
                id: String::new(),
                statement: String::new(),
                caveat: CaveatKind::LimitedRole,
                about,
                citations: c.citations.clone(),
                corroboration: 0,
                meta: Meta {
                    rules: vec!["caveat.limited-role.refusal".into()],
                    ..Default::default()
                },
            });
        }
    }

    fn caveats(
        &mut self,
        text: &str,
        mentions: &[Mention],
        cuehits: &[CueHit],
        said: Said,
        citation: &Cite,
    ) {
        let Said {
            conds,
            domains,
            commit_actors,
        } = said;
        let mut found: Vec<(CaveatKind, About, &'static str, usize)> = Vec::new();
        for c in conds.iter().filter(|c| !c.from_caveat_cue) {
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
            found.push((kind, About::Actors, rule, c.start));
        }
        for c in cuehits {
            if let Cue::Caveat { kind, about } = c.cue() {
                if about == About::RussiaTargets {
                    continue;
                }
                if c.name() == "caveat.details-unclear.open" && !names_a_detail(text) {
                    found.push((CaveatKind::Other, About::Package, c.name(), c.start));
                } else {
                    found.push((kind, about, c.name(), c.start));
                }
            }
        }
        if found.is_empty() {
            return;
        }
        let keep = |a: &u16| ![self.ua, self.ru, self.coalition].contains(&Some(*a));
        let named: Actors = {
            let mut v: Actors = mentions
                .iter()
                .filter_map(|m| m.actor)
                .filter(keep)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let committed: Actors = commit_actors.iter().copied().filter(keep).collect();
        let only_pronouns = mentions.iter().all(|m| m.form == MForm::Pronoun);
        let mut seen: Vec<(CaveatKind, Vec<String>)> = Vec::new();
        for (kind, about, rule, pos) in found {
            let mut extra_rule = None;
            let actors: Actors = match about {
                About::Package | About::RussiaTargets => SmallVec::new(),
                About::Near => near(mentions, pos)
                    .and_then(|m| m.actor)
                    .filter(keep)
                    .into_iter()
                    .collect(),
                About::Actors if !committed.is_empty() => committed.clone(),
                // "She did not say how many": a pronoun after a commitment in the same line
                // is about that commitment's actors
                About::Actors if only_pronouns && !self.mem.line_commit_actors.is_empty() => self
                    .mem
                    .line_commit_actors
                    .iter()
                    .copied()
                    .filter(keep)
                    .collect(),
                About::Actors if !mentions.is_empty() => named.clone(),
                About::Actors if !self.mem.line_commit_actors.is_empty() => self
                    .mem
                    .line_commit_actors
                    .iter()
                    .copied()
                    .filter(keep)
                    .collect(),
                // a caveat on a line of its own that names no one ("No decision was taken on
                // who would command the naval mission") is about the pledges it names
                About::Actors => {
                    extra_rule = Some("caveat.about.earlier-pledges");
                    self.earlier_pledges(domains)
                }
            };
            let mut codes: Vec<String> = actors
                .iter()
                .map(|&a| self.lex.code(a).to_string())
                .collect();
            codes.sort();
            codes.dedup();
            if let Some((_, _)) = seen.iter().find(|(k, a)| *k == kind && *a == codes) {
                continue;
            }
            seen.push((kind, codes.clone()));
            let cav = Caveat {
                id: String::new(),
                statement: String::new(),
                caveat: kind,
                about: codes,
                citations: vec![citation.make()],
                corroboration: 0,
                meta: Meta {
                    rules: std::iter::once(rule)
                        .chain(extra_rule)
                        .map(Into::into)
                        .collect(),
                    ..Default::default()
                },
            };
            self.out.caveats.push(cav);
        }
    }
}

/// A document about NATO acting (its summit, leaders, members; named twice or more) that
/// never names a coalition: there, "the allies" are NATO's members acting as one.
fn nato_coverage(doc: &Document) -> bool {
    static COALITION: LazyLock<AhoCorasick> = LazyLock::new(|| any_case(&["coalition"]));
    const ACTING: &[&str] = &[
        "NATO summit",
        "NATO leaders",
        "NATO allies",
        "NATO members",
        "NATO communique",
        "NATO ministers",
        "NATO defence",
        "NATO defense",
        "NATO foreign",
        "NATO's",
    ];
    let (mut nato, mut acting) = (0, false);
    for s in &doc.sentences {
        let text = doc.sentence_text(s);
        if COALITION.is_match(text) {
            return false;
        }
        if text.contains("NATO") {
            nato += text.matches("NATO").count();
            acting |= ACTING.iter().any(|a| text.contains(a));
        }
    }
    nato >= 2 && acting
}

/// A line with no closing punctuation: a headline or a heading.
fn headline(text: &str) -> bool {
    !text
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '\'', '’', ')'])
}

/// "The Ministry", "the government", "officials": a subject that names no country.
fn unnamed_institution(before: &str) -> bool {
    const INSTITUTIONS: &[&str] = &[
        "ministry",
        "government",
        "officials",
        "department",
        "cabinet",
    ];
    before
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| INSTITUTIONS.iter().any(|i| i.eq_ignore_ascii_case(w)))
}

/// The country of a dateline ("OSLO, May 3 (Reuters) -") in the first lines, else the one
/// country named by the first headline-like line that names any.
fn home_country(doc: &Document, lex: &Lexicon) -> Option<u16> {
    let first: Vec<&str> = doc
        .sentences
        .iter()
        .take(6)
        .map(|s| doc.sentence_text(s))
        .collect();
    let dateline = first.iter().find_map(|t| {
        let place = t.split_once(',')?.0.trim();
        let caps = place.len() >= 3
            && place
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == ' ' || c == '-');
        caps.then(|| lex.place(place)).flatten()
    });
    dateline.or_else(|| {
        let mut hits = Vec::new();
        first.iter().filter(|t| headline(t)).find_map(|t| {
            lex.scan(t, &mut hits);
            let mut countries: Actors = hits
                .iter()
                .filter_map(|h| match h.hit {
                    Hit::Actor { actor, .. } => Some(actor),
                    Hit::Domain(_) => None,
                })
                .filter(|&a| {
                    let code = lex.code(a);
                    code.len() == 2 && code != "UA" && code != "EU" && !lex.is_opponent(a)
                })
                .collect();
            countries.sort_unstable();
            countries.dedup();
            (countries.len() == 1).then(|| countries[0])
        })
    })
}

/// Whether a sentence names a detail of the package (command, funding, size...), so that
/// "remains open" is about that detail rather than about the peace.
fn names_a_detail(text: &str) -> bool {
    static DETAILS: LazyLock<AhoCorasick> = LazyLock::new(|| any_case(DETAIL_WORDS));
    DETAILS.is_match(text)
}

const DETAIL_WORDS: &[&str] = &[
    "command",
    "fund",
    "financ",
    "cost",
    "pays",
    "paid",
    "budget",
    "size",
    "how many",
    "number",
    "structure",
    "detail",
    "mandate",
    "rules of engagement",
    "composition",
    "timetable",
    "timing",
];

/// Whether a clause names the guarantees or a part of them as a thing ("the deal", "the
/// participation of Romania", "the declaration"), which an objection can be about.
fn names_the_package(clause: &str) -> bool {
    static PACKAGE: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(PACKAGE_WORDS)
            .expect("package words automaton")
    });
    PACKAGE
        .find_iter(clause)
        .any(|m| crate::lexicon::at_word_boundaries(clause, m.start(), m.end()))
}

/// Nouns for the guarantees, or a part of them, as a thing (see [`names_the_package`]).
const PACKAGE_WORDS: &[&str] = &[
    "deal",
    "agreement",
    "agreements",
    "accord",
    "pact",
    "declaration",
    "decision",
    "plan",
    "participation",
    "transfer",
    "contribution",
    "package",
    "guarantee",
    "guarantees",
    "pledge",
    "pledges",
];

/// The actor named just after `pos` (within a few words), else the nearest before it.
fn near(mentions: &[Mention], pos: usize) -> Option<&Mention> {
    let named = |m: &&Mention| m.actor.is_some();
    mentions
        .iter()
        .filter(named)
        .find(|m| m.start >= pos && m.start - pos <= 40)
        .or_else(|| mentions.iter().filter(named).rev().find(|m| m.end <= pos))
}

fn stronger(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::RuledOut => 4,
        Status::Signed => 3,
        Status::Planned | Status::Discussed => 2,
        Status::Offered => 1,
        Status::Pledged => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// "200 engineers to clear mines", "soldiers for the training mission": people sent for a
/// named task give that task, not ground forces. Drops such people words' ground-forces hits
/// when a task of another domain follows within a few words after "to" or "for", and
/// "personnel" named beside any other contribution.
fn drop_tasked_personnel(text: &str, domains: &mut Vec<(usize, usize, Domain)>) {
    const PEOPLE: &[&str] = &[
        "personnel",
        "military personnel",
        "soldiers",
        "engineers",
        "specialists",
        "experts",
    ];
    const TASKS: &[Domain] = &[
        Domain::Demining,
        Domain::Training,
        Domain::Monitoring,
        Domain::Logistics,
    ];
    let tasked = |d: &(usize, usize, Domain)| {
        d.2 == Domain::GroundForces
            && PEOPLE
                .iter()
                .any(|p| text[d.0..d.1].eq_ignore_ascii_case(p))
            && domains.iter().any(|t| {
                TASKS.contains(&t.2) && t.0 >= d.1 && {
                    let mut gap = text[d.1..t.0].split_whitespace();
                    gap.clone().nth(8).is_none()
                        && gap.next().is_some_and(|w| {
                            w.eq_ignore_ascii_case("to") || w.eq_ignore_ascii_case("for")
                        })
                }
            })
    };
    // "a tanker aircraft and 120 personnel": staff named with a contribution serve it
    let staff = |d: &(usize, usize, Domain)| {
        d.2 == Domain::GroundForces
            && text[d.0..d.1].eq_ignore_ascii_case("personnel")
            && domains
                .iter()
                .any(|o| !matches!(o.2, Domain::GroundForces | Domain::Financing))
    };
    let drop: Vec<usize> = domains
        .iter()
        .filter(|d| tasked(d) || staff(d))
        .map(|d| d.0)
        .collect();
    domains.retain(|d| !drop.contains(&d.0));
}

/// One domain per group is enough for each value; hubs hold the weapons they store;
/// "demining the Black Sea" is demining.
fn absorb(domains: &[(usize, usize, Domain)]) -> Domains {
    let has = |d: Domain| domains.iter().any(|x| x.2 == d);
    let near_demining = |p: usize| {
        domains
            .iter()
            .any(|x| x.2 == Domain::Demining && x.1 <= p && p - x.1 <= 12)
    };
    let mut out = Domains::new();
    for &d in domains {
        if d.2 == Domain::Weapons && has(Domain::MilitaryHubs) {
            continue;
        }
        if d.2 == Domain::Maritime && near_demining(d.0) {
            continue;
        }
        if out.iter().any(|x| x.2 == d.2) {
            continue;
        }
        out.push(d);
    }
    out
}

/// Where the clause that `before` ends in starts: just after its last ",", ";", ":", "—",
/// " but " or straight quote, else 0. One backward pass (this runs for every cue group).
fn clause_start(before: &str) -> usize {
    let b = before.as_bytes();
    let mut end = b.len();
    while end > 0 {
        let head = &b[..end];
        let found = match b[end - 1] {
            b',' | b';' | b':' | b'"' => true,
            // the last byte of "—" (U+2014)
            0x94 => head.ends_with("—".as_bytes()),
            b' ' => head.ends_with(b" but "),
            _ => false,
        };
        if found {
            return end;
        }
        end -= 1;
    }
    0
}

/// Whether the clause around `pos` asks rather than states: "how"/"whether" opens it, or a
/// details-unclear cue ("says nothing about", "has not been settled") precedes `pos` in it.
fn open_question(text: &str, cuehits: &[CueHit], pos: usize) -> bool {
    let clause_start = clause_start(&text[..pos]);
    let asks = has_question_word(&text[clause_start..pos]);
    let unclear = cuehits.iter().any(|c| {
        c.start >= clause_start
            && c.end <= pos
            && matches!(
                c.cue(),
                Cue::Caveat {
                    kind: CaveatKind::DetailsUnclear,
                    ..
                }
            )
    });
    asks || unclear
}

/// Whether `clause` has the word "how" or "whether" (a whole run of alphanumeric characters,
/// in any ASCII case). One pass over the bytes; the words' neighbours are decoded only where
/// they are not ASCII (this runs for every cue group).
fn has_question_word(clause: &str) -> bool {
    let b = clause.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        let word: &[u8] = match c | 0x20 {
            b'h' => b"how",
            b'w' => b"whether",
            _ => return false,
        };
        b.get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
            && at_word_boundaries(clause, i, i + word.len())
    })
}

/// "no troops", "no American boots on the ground", "not boots on the ground": the word "no"
/// or "not" (and at most a name) right before a domain keyword.
fn after_no(text: &str, pos: usize) -> bool {
    let no = |w: &str| w.eq_ignore_ascii_case("no") || w.eq_ignore_ascii_case("not");
    let mut words = text[..pos].split_whitespace().rev();
    match (words.next(), words.next()) {
        (Some(w), _) if no(w) => true,
        (Some(w), Some(n)) => no(n) && w.starts_with(char::is_uppercase),
        _ => false,
    }
}

/// A domain named after another as whom it serves, not as what is given: "training for
/// Ukrainian air crews", "intelligence and airlift to the force".
fn beneficiary(text: &str, mentions: &[Mention], pos: usize, ua: Option<u16>) -> bool {
    let before = text[..pos].trim_end();
    let mut words = before.split_whitespace().rev();
    let one_of = |w: &str, list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    let recipient = match (words.next(), words.next()) {
        (Some(det), Some(prep)) => {
            one_of(det, &["the", "a", "its", "their", "any"]) && one_of(prep, &["to", "for"])
        }
        _ => false,
    };
    let ukraines = mentions.iter().any(|m| {
        m.actor.is_some() && m.actor == ua && m.end <= pos && {
            let gap = text[m.end..pos].trim();
            gap.is_empty() || gap == "'s" || gap == "’s"
        }
    });
    recipient || ukraines
}

/// "a fund to pay for weapons", "for the purchase of missiles": what money buys is financed,
/// not given.
fn bought(text: &str, pos: usize) -> bool {
    let mut window = text[..pos].split_whitespace().rev().take(4);
    window.any(|w| {
        [
            "purchase",
            "purchases",
            "buy",
            "buying",
            "procure",
            "procurement",
        ]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(w))
            || w.eq_ignore_ascii_case("pay")
            || w.get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("purchas"))
    })
}

fn pick_condition(conds: &[Cond], domain: Domain) -> Option<&Cond> {
    let attack = matches!(domain, Domain::BindingGuarantee | Domain::Backstop);
    let fits = |c: &&Cond| (c.class == CondClass::Attack) == attack;
    // a phrase with its own opener ("after a truce") reads better than a lone "post-war"
    conds
        .iter()
        .filter(fits)
        .find(|c| !c.from_caveat_cue)
        .or_else(|| conds.iter().find(fits))
}

/// "Ukraine's allies", "Kyiv's partners": Ukraine named only as the owner of the next name.
fn possessive_of_guarantor(text: &str, m: &Mention, mentions: &[Mention]) -> bool {
    mentions.iter().any(|n| {
        n.start >= m.end
            && text[m.end..n.start]
                .trim()
                .trim_start_matches(['\'', '’'])
                .trim_start_matches('s')
                .trim()
                .is_empty()
    })
}

/// Whether a sentence with no named actor is about the guarantees at all (then its unnamed
/// actor is the coalition) rather than about something else that uses the same words.
fn on_topic(text: &str) -> bool {
    static TOPIC: LazyLock<AhoCorasick> = LazyLock::new(|| any_case(TOPIC_WORDS));
    TOPIC.is_match(text)
}

const TOPIC_WORDS: &[&str] = &[
    "ukrain",
    "kyiv",
    "kiev",
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
    "russia",
];

/// "drafted by Switzerland", "will be deployed by Britain": the name after a participle's
/// "by" is who acts, not an object.
fn passive_agent(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end();
    let Some(rest) = before
        .strip_suffix(" by")
        .or_else(|| before.strip_suffix(" by the"))
    else {
        return false;
    };
    let verb = rest
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    verb.len() > 3 && (verb.ends_with("ed") || verb.ends_with("en"))
}

fn previous_word_in(text: &str, pos: usize, words: &[&str]) -> bool {
    let before = text[..pos].trim_end();
    let before = before
        .strip_suffix(" the")
        .map(str::trim_end)
        .unwrap_or(before);
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn connective(gap: &str) -> bool {
    // at most six words, each a connector, or "with" beside "along" or "together"
    let (mut n, mut along, mut with) = (0, false, false);
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
        } else if !CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w)) {
            return false;
        }
    }
    !with || along
}

/// Condition phrases: an opener ("after", "once", "in the event of") up to the end of the
/// clause, kept when it names what the commitment waits on.
fn conditions(text: &str, cuehits: &[CueHit]) -> Vec<Cond> {
    let mut out: Vec<Cond> = Vec::new();
    for c in cuehits {
        // "if Russia attacks after a ceasefire": one condition, not two; but "once a truce
        // holds and subject to a vote": two
        if let Some(p) = out.last_mut() {
            if c.start < p.end {
                let between = text[p.start..c.start].trim_end();
                match between
                    .strip_suffix(" and")
                    .or_else(|| between.strip_suffix(','))
                {
                    Some(head) => p.end = p.start + head.len(),
                    None => continue,
                }
            }
        }
        let (start, end) = match c.cue() {
            Cue::Condition => (c.start, clause_end(text, c.end)),
            Cue::Caveat {
                kind: CaveatKind::AfterCeasefire,
                ..
            } => (c.start, c.end),
            _ => continue,
        };
        let class = if matches!(c.cue(), Cue::Caveat { .. }) {
            CondClass::Ceasefire
        } else if let Some(class) = condition_class(&text[start..end]) {
            class
        } else {
            continue;
        };
        out.push(Cond {
            start,
            end,
            class,
            from_caveat_cue: matches!(c.cue(), Cue::Caveat { .. }),
        });
    }
    out
}

/// What a condition phrase waits on, by the first word of [`CONDITION_WORDS`] it contains
/// (in any case).
pub(crate) fn condition_class(span: &str) -> Option<CondClass> {
    // one automaton for the table and "election", in any case; the table's order decides
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let words: Vec<&str> = CONDITION_WORDS.iter().map(|(w, _)| *w).collect();
        let mut words = words;
        words.push("election");
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(words)
            .expect("condition words automaton")
    });
    let mut first = usize::MAX;
    let mut election = false;
    for m in WORDS.find_overlapping_iter(span) {
        match CONDITION_WORDS.get(m.pattern().as_usize()) {
            Some(_) => first = first.min(m.pattern().as_usize()),
            None => election = true,
        }
    }
    let class = CONDITION_WORDS.get(first).map(|(_, c)| *c)?;
    // "after its parliamentary elections" waits on no approval
    (!(class == CondClass::Approval && election)).then_some(class)
}

// an attack clause wins: "if Russia attacks again after a ceasefire" is about an attack
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
    ("bundestag", CondClass::Approval),
    ("riksdag", CondClass::Approval),
    ("sejm", CondClass::Approval),
    ("storting", CondClass::Approval),
    ("folketing", CondClass::Approval),
    ("eduskunta", CondClass::Approval),
];

/// An automaton that finds any of `words` in any (ASCII) case.
pub(crate) fn any_case(words: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("word list automaton")
}

/// The first clause mark in `rest`: ",", ";", ".", ":", "(", a dash, a quote, or " but ",
/// " which ", " that ", " while ", " where "; else its length. One forward pass.
fn first_stop(rest: &str) -> usize {
    let b = rest.as_bytes();
    for i in 0..b.len() {
        let tail = &b[i..];
        let stop = match b[i] {
            b',' | b';' | b'.' | b':' | b'(' | b'"' => true,
            // "—", "“", "”"
            0xE2 => ["—", "“", "”"]
                .iter()
                .any(|q| tail.starts_with(q.as_bytes())),
            b' ' => [" but ", " which ", " that ", " while ", " where "]
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

/// Where a condition phrase starting at `from` ends: the next clause mark, or 12 words on.
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
    let mut words = 0;
    for (i, ch) in rest[..end].char_indices() {
        if ch == ' ' {
            words += 1;
            if words > 12 {
                end = i;
                break;
            }
        }
    }
    from + end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split_words(clause: &str) -> bool {
        clause
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("how") || w.eq_ignore_ascii_case("whether"))
    }

    #[test]
    fn question_words_are_whole_words() {
        for clause in [
            "asked how many",
            "HOW",
            "somehow",
            "whethers",
            "é-whether-é",
            "éhow",
            "hoẃ",
            "Whether",
            "",
            "sho",
        ] {
            assert_eq!(has_question_word(clause), split_words(clause), "{clause}");
        }
    }

    proptest! {
        #[test]
        fn question_words_as_split_words(clause in "(how|whether|[hoWwé ,1-]){0,12}") {
            prop_assert_eq!(has_question_word(&clause), split_words(&clause));
        }
    }
}
