//! What the templates see: the store's facts as views, each with its sentence, grouped for
//! the sections; and the rules that choose what the bottom line says.
//!
//! Every sentence comes from `statements.j2` (or is the analyst's `statement`); every label
//! from `wording.yaml`. What is decided here is only which facts go where: a joint commitment
//! once, under its actors together; weaker reports of a commitment folded under its firmest;
//! a caveat only about actors who committed something; the bottom line's facts.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use citebrief_store::{
    distinct_sources, independent_sources, BriefConfig, Caveat, CaveatKind, Citation, Commitment,
    Discrepancy, Domain, FactStore, Meta, Polarity, Review, SourceRecord, Status,
};
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde::Serialize;

use crate::markdown::{actor_words, capitalise, source_label, source_numbers, LISTED_SOURCES};
use crate::phrasing::Phrasing;
use crate::wording::{Wording, WordingFile};
use crate::RenderError;

/// Who a brief is about, by name: what the sentences need of brief.yaml and the lexicon.
pub struct Subject {
    pub names: BTreeMap<String, String>,
    /// The beneficiary's name, or wording.yaml's `no_beneficiary`.
    pub beneficiary: String,
    pub adversaries: Vec<String>,
    /// wording.yaml's `and`.
    pub and: String,
}

impl Subject {
    pub fn new(config: &BriefConfig, names: &BTreeMap<String, String>, w: &WordingFile) -> Subject {
        let beneficiary = config
            .beneficiary
            .as_ref()
            .map(|b| names.get(b).cloned().unwrap_or_else(|| b.clone()))
            .unwrap_or_else(|| w.no_beneficiary.clone());
        Subject {
            names: names.clone(),
            beneficiary,
            adversaries: config.adversaries.clone(),
            and: w.and.clone(),
        }
    }

    fn words(&self, codes: &[String]) -> String {
        actor_words(codes, &self.names, &self.and)
    }

    /// The adversary a word of a source names ("Borduria", "Bordurian"): one of brief.yaml's
    /// `adversaries` whose name the word is, or starts with.
    fn adversary(&self, word: &str) -> Option<&str> {
        let word = word.trim().to_lowercase();
        let word = word.strip_prefix("the ").unwrap_or(&word);
        let mut found = self.adversaries.iter().filter(|code| {
            let name = self.names.get(*code).map_or(code.as_str(), String::as_str);
            let name = name.to_lowercase();
            let name = name.strip_prefix("the ").unwrap_or(&name).to_string();
            word == name || (name.chars().count() >= 4 && word.starts_with(&name))
        });
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }
}

/// How many sources a statement cites at most; the others are counted (`more_sources`). A
/// brief drawn from thousands of pages stays readable, and facts.yaml keeps every citation.
const CITED_SOURCES: usize = 6;

/// How many of a discrepancy's values the brief shows at most: those stated by the most
/// sources. A brief of thousands of pages can hold thousands of values (a figure written a
/// little differently in each); facts.yaml keeps every one.
const SHOWN_VALUES: usize = 8;

/// The bottom line holds at most this many sentences.
const BOTTOM_LINE_MAX: usize = 6;

/// What the templates see.
#[derive(Serialize)]
pub struct Context {
    brief: BriefView,
    /// Every source ([`lazy_list`]).
    sources: Value,
    /// Every commitment that is not rejected.
    commitments: Vec<CommitmentView>,
    /// The bottom line: a few sentences, each with the citations it rests on.
    bottom_line: Vec<Sentence>,
    /// Positive commitments by the actors who made them: a joint commitment once, under its
    /// actors together.
    by_actor: Vec<ActorGroup>,
    /// Actors × domains.
    matrix: Matrix,
    /// Negative commitments.
    ruled_out: Vec<CommitmentView>,
    /// Caveats not rejected, and not only about actors who committed nothing.
    caveats: Vec<CaveatView>,
    caveats_by_kind: Vec<CaveatGroup>,
    discrepancies: Vec<DiscrepancyView>,
}

#[derive(Serialize)]
struct BriefView {
    title: String,
    subject: Option<String>,
    /// The beneficiary's name (wording.yaml's `no_beneficiary` when brief.yaml names none).
    beneficiary: String,
    source_count: usize,
    /// Sources that repeat no other.
    independent_count: usize,
    /// True when brief.md lists every source (at most [`LISTED_SOURCES`]); otherwise it lists
    /// those it cites (`cited_sources()`), and `sources.md` all of them.
    sources_in_full: bool,
    /// Earliest and latest source dates, where sources have dates.
    first_date: Option<String>,
    last_date: Option<String>,
}

#[derive(Serialize, Clone)]
pub(crate) struct SourceView {
    id: String,
    /// Its number in the list of sources (and in sources.md).
    number: usize,
    /// How the notes name it: publisher and date, or "Source N".
    label: String,
    file: String,
    title: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    /// The source it largely repeats (a rewrite, the same wire copy), if any.
    repeats: Option<Box<SourceView>>,
}

/// A source as the templates see it.
pub(crate) fn source_view(
    id: &str,
    sources: &BTreeMap<String, SourceRecord>,
    numbers: &HashMap<String, usize>,
) -> SourceView {
    let s = sources.get(id);
    let number = numbers.get(id).copied();
    let repeats = s
        .and_then(|s| s.repeats.as_deref())
        .filter(|r| *r != id && sources.contains_key(*r))
        .map(|r| {
            let o = sources.get(r);
            Box::new(SourceView {
                id: r.to_string(),
                number: numbers.get(r).copied().unwrap_or_default(),
                label: source_label(o, numbers.get(r).copied(), r),
                file: o.map(|o| o.file.clone()).unwrap_or_default(),
                title: o.and_then(|o| o.title.clone()),
                publisher: o.and_then(|o| o.publisher.clone()),
                date: o.and_then(|o| o.date.clone()),
                repeats: None,
            })
        });
    SourceView {
        id: id.to_string(),
        number: number.unwrap_or_default(),
        label: source_label(s, number, id),
        file: s.map(|s| s.file.clone()).unwrap_or_default(),
        title: s.and_then(|s| s.title.clone()),
        publisher: s.and_then(|s| s.publisher.clone()),
        date: s.and_then(|s| s.date.clone()),
        repeats,
    }
}

/// A commitment, with its sentence and the parts `statements.j2` makes it of.
#[derive(Serialize, Clone)]
pub(crate) struct CommitmentView {
    id: String,
    /// The analyst's statement, or the sentence of `statements.j2`.
    text: String,
    /// Whether `text` is the analyst's.
    reworded: bool,
    /// As another report of a firmer commitment: "planned to send troops after a truce".
    reported: String,
    actors: Vec<String>,
    /// The actors' names: "France and the United Kingdom".
    who: String,
    plural: bool,
    domain: Domain,
    domain_label: String,
    polarity: Polarity,
    /// One of the six statuses, as `facts.yaml` writes it (`signed`, `discussed`...).
    status: Status,
    status_label: String,
    negative: bool,
    /// How firm the status is: signed 5, pledged 4, offered 3, planned 2, discussed 1, and 0
    /// for anything ruled out ([`Status::firmness`]).
    firmness: u8,
    /// As the source writes it, without quotation marks.
    quantity: Option<String>,
    /// What it waits on, read into the sentence ("in the event of a ceasefire").
    condition: Option<String>,
    condition_comma: bool,
    /// What is given, after "to": "send up to 15,000 soldiers".
    act: String,
    /// The same after "discussing": "sending up to 15,000 soldiers".
    acting: String,
    /// The named text that carries it (`declaration of intent`), as a source writes it.
    instrument: Option<String>,
    #[serde(flatten)]
    sourcing: Sourcing,
}

/// How a fact is sourced and reviewed: what every statement shows beside its sentence.
#[derive(Serialize, Clone)]
pub(crate) struct Sourcing {
    /// Every citation, sorted ([`lazy_list`]).
    citations: Value,
    /// One citation per source: its first mention.
    key_citations: Vec<Citation>,
    /// Sources that report the fact beyond those in `key_citations`.
    more_sources: usize,
    corroboration: usize,
    /// Sources that repeat no other source citing it.
    independent: usize,
    review: Review,
    stale: bool,
    note: Option<String>,
}

/// The commitments of one actor, or of several together (a joint commitment).
#[derive(Serialize)]
struct ActorGroup {
    /// The codes, joined with `+`.
    actor: String,
    actors: Vec<String>,
    /// "France and the United Kingdom", capitalised.
    name: String,
    joint: bool,
    /// One line per domain: its firmest commitment, with the weaker reports of it.
    lines: Vec<ActorLine>,
    /// The joint groups this actor is in.
    joint_with: Vec<JointRef>,
}

#[derive(Serialize)]
struct ActorLine {
    fact: CommitmentView,
    /// Weaker reports of the same commitment (same actors and domain), firmest first.
    also: Vec<CommitmentView>,
}

/// Where an actor's joint commitments are.
#[derive(Serialize)]
struct JointRef {
    /// The joint group's name, as its heading shows it.
    name: String,
    /// The other actors of the group.
    with: String,
    /// The domains the group commits in.
    domains: Vec<String>,
}

/// Actors × domains: one row per domain that occurs, one column per actor, each cell a mark
/// for how firm the actor's commitment in that domain is.
#[derive(Serialize)]
struct Matrix {
    actors: Vec<MatrixActor>,
    rows: Vec<MatrixRow>,
    /// What each mark stands for, firmest first.
    legend: Vec<LegendEntry>,
}

/// One mark of the matrix and the statuses it stands for: `◆`, `signed`.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub(crate) struct LegendEntry {
    mark: String,
    label: String,
}

#[derive(Serialize)]
struct MatrixActor {
    code: String,
    name: String,
}

#[derive(Serialize)]
struct MatrixRow {
    domain: Domain,
    label: String,
    /// One mark per actor column, several, firmest first, when the actor has commitments of
    /// several statuses here; empty when it has none.
    cells: Vec<String>,
}

#[derive(Serialize, Clone)]
pub(crate) struct CaveatView {
    id: String,
    text: String,
    reworded: bool,
    kind: CaveatKind,
    kind_label: String,
    /// The actors whose commitments it qualifies, of those who committed something; empty
    /// for the whole package.
    about: Vec<String>,
    /// Their names, or none for the whole package.
    who: Option<String>,
    /// For `after-ceasefire`: the condition a source gives, read into the sentence.
    phrase: Option<String>,
    /// The clause of a source that states it, read into the brief's words.
    clause: Option<String>,
    /// Who says the clause, when it is what a party says.
    speaker: Option<String>,
    /// For `opposition`: the adversaries who object, by code.
    objectors: Vec<String>,
    objector_names: Option<String>,
    #[serde(flatten)]
    sourcing: Sourcing,
}

#[derive(Serialize)]
struct CaveatGroup {
    kind: CaveatKind,
    /// The heading: "Opposition by Borduria" when the group's objectors are known.
    label: String,
    caveats: Vec<CaveatView>,
}

#[derive(Serialize, Clone)]
struct ClaimView {
    value: Arc<str>,
    /// How footnotes name the claim's source.
    source: String,
    citation: Citation,
}

/// One value a discrepancy's sources state, with the claims that state it.
#[derive(Serialize)]
struct ValueView {
    /// The value; claims that differ only in the words in brackets after it are one value.
    value: Arc<str>,
    /// The claims of the first [`CITED_SOURCES`] sources that state it.
    claims: Vec<ClaimView>,
    /// Further sources that state it.
    more_sources: usize,
    /// How many sources state it.
    sources: usize,
}

#[derive(Serialize)]
pub(crate) struct DiscrepancyView {
    id: String,
    topic: String,
    /// The analyst's statement, or none.
    statement: String,
    /// The analyst's statement, or the sentence of `statements.j2`.
    text: String,
    /// Every claim ([`lazy_list`]).
    claims: Value,
    /// The claims grouped by the value they state, in order of first appearance: the
    /// [`SHOWN_VALUES`] stated by the most sources.
    values: Vec<ValueView>,
    /// How many values are left out of `values` (each in facts.yaml).
    more_values: usize,
    /// Every claim's citation, sorted ([`lazy_list`]).
    citations: Value,
    independent: usize,
    review: Review,
    stale: bool,
    note: Option<String>,
}

/// A sentence of the bottom line and the citations it rests on.
#[derive(Serialize)]
struct Sentence {
    text: String,
    citations: Vec<Citation>,
}

type Call<'a> = &'a dyn Fn(&str, Value) -> Result<String, RenderError>;

/// Everything the views are made with.
struct Maker<'a> {
    subject: &'a Subject,
    w: &'a WordingFile,
    p: Phrasing<'a>,
    sources: &'a BTreeMap<String, SourceRecord>,
}

impl Context {
    pub fn new(
        config: &BriefConfig,
        store: &FactStore,
        subject: &Subject,
        wording: &Wording,
    ) -> Result<Context, RenderError> {
        let m = Maker {
            subject,
            w: &wording.file,
            p: Phrasing::new(&wording.file.reading),
            sources: &store.sources,
        };
        wording.with_sentences(|call| m.context(config, store, call))
    }
}

/// The sentence of `statements.j2` of each fact, by id.
pub fn wordings(
    store: &FactStore,
    subject: &Subject,
    wording: &Wording,
) -> Result<BTreeMap<String, String>, RenderError> {
    let m = Maker {
        subject,
        w: &wording.file,
        p: Phrasing::new(&wording.file.reading),
        sources: &store.sources,
    };
    wording.with_sentences(|call| {
        let mut out = BTreeMap::new();
        for c in &store.commitments {
            let mut v = m.commitment(c);
            v.text = call("commitment", Value::from_serialize(&v))?;
            out.insert(c.id.clone(), v.text);
        }
        for c in &store.caveats {
            let mut v = m.caveat(c, &c.about);
            v.text = call("caveat", Value::from_serialize(&v))?;
            out.insert(c.id.clone(), v.text);
        }
        for d in &store.discrepancies {
            let v = m.discrepancy(d, call)?;
            out.insert(d.id.clone(), v.text);
        }
        Ok(out)
    })
}

fn is_negative(c: &Commitment) -> bool {
    c.polarity == Polarity::Negative || c.status == Status::RuledOut
}

impl Maker<'_> {
    fn context(
        &self,
        config: &BriefConfig,
        store: &FactStore,
        call: Call,
    ) -> Result<Context, RenderError> {
        let numbers = source_numbers(&store.sources);
        let dates: BTreeSet<&String> = store
            .sources
            .values()
            .filter_map(|s| s.date.as_ref())
            .collect();
        let brief = BriefView {
            title: config.title.clone(),
            subject: config.subject.clone(),
            beneficiary: self.subject.beneficiary.clone(),
            source_count: store.sources.len(),
            independent_count: store
                .sources
                .iter()
                .filter(|(id, s)| {
                    s.repeats
                        .as_deref()
                        .is_none_or(|r| r == id.as_str() || !store.sources.contains_key(r))
                })
                .count(),
            sources_in_full: store.sources.len() <= LISTED_SOURCES,
            first_date: dates.first().map(|d| d.to_string()),
            last_date: dates.last().map(|d| d.to_string()),
        };
        let sources = lazy_list(
            store
                .sources
                .keys()
                .map(|id| source_view(id, &store.sources, &numbers))
                .collect(),
        );

        let mut commitments: Vec<CommitmentView> = Vec::new();
        for c in store
            .commitments
            .iter()
            .filter(|c| c.meta.review != Review::Rejected)
        {
            let mut v = self.commitment(c);
            if !v.reworded {
                v.text = call("commitment", Value::from_serialize(&v))?;
            }
            v.reported = call("reported", Value::from_serialize(&v))?;
            commitments.push(v);
        }
        // by domain, actors, firmest first
        commitments.sort_by(|a, b| {
            (a.domain, &a.actors, Reverse(a.firmness), &a.id).cmp(&(
                b.domain,
                &b.actors,
                Reverse(b.firmness),
                &b.id,
            ))
        });

        // a caveat qualifies the commitments of actors who made some
        let committed: HashSet<&str> = store
            .commitments
            .iter()
            .filter(|c| c.meta.review != Review::Rejected && !is_negative(c))
            .flat_map(|c| c.actors.iter().map(String::as_str))
            .collect();
        let mut caveats: Vec<CaveatView> = Vec::new();
        for c in store
            .caveats
            .iter()
            .filter(|c| c.meta.review != Review::Rejected)
        {
            let about: Vec<String> = c
                .about
                .iter()
                .filter(|a| committed.contains(a.as_str()))
                .cloned()
                .collect();
            if about.is_empty() && !c.about.is_empty() {
                continue;
            }
            let mut v = self.caveat(c, &about);
            if !v.reworded {
                v.text = call("caveat", Value::from_serialize(&v))?;
            }
            caveats.push(v);
        }
        caveats.sort_by(|a, b| (a.kind, &a.about, &a.id).cmp(&(b.kind, &b.about, &b.id)));
        let caveats_by_kind = CaveatKind::ALL
            .iter()
            .map(|&k| {
                let group: Vec<CaveatView> =
                    caveats.iter().filter(|c| c.kind == k).cloned().collect();
                let mut objectors: Vec<String> =
                    group.iter().flat_map(|c| c.objectors.clone()).collect();
                objectors.sort();
                objectors.dedup();
                let words = self.w.caveat(k);
                let label = match (&words.heading_by, objectors.is_empty()) {
                    (Some(by), false) => by.replace("{actors}", &self.subject.words(&objectors)),
                    _ => words.heading.clone(),
                };
                CaveatGroup {
                    kind: k,
                    label,
                    caveats: group,
                }
            })
            .filter(|g| !g.caveats.is_empty())
            .collect();

        let mut discrepancies: Vec<DiscrepancyView> = Vec::new();
        for d in store
            .discrepancies
            .iter()
            .filter(|d| d.meta.review != Review::Rejected)
        {
            discrepancies.push(self.discrepancy(d, call)?);
        }
        discrepancies.sort_by(|a, b| (&a.topic, &a.id).cmp(&(&b.topic, &b.id)));

        let bottom_line = self.bottom_line(&commitments, &caveats, &discrepancies, call)?;
        Ok(Context {
            brief,
            sources,
            bottom_line,
            by_actor: self.by_actor(&commitments),
            matrix: self.matrix(&commitments),
            ruled_out: commitments.iter().filter(|c| c.negative).cloned().collect(),
            commitments,
            caveats,
            caveats_by_kind,
            discrepancies,
        })
    }

    fn fill(&self, pattern: &str, quantity: Option<&str>) -> String {
        let s = pattern.replace("{beneficiary}", &self.subject.beneficiary);
        match quantity {
            Some(q) => s.replace("{quantity}", q),
            None => s,
        }
    }

    /// What is given, after "to" and after "discussing", with its quantity.
    fn act(&self, c: &Commitment) -> (String, String) {
        let d = self.w.domain(c.domain);
        let q = c
            .quantity
            .as_deref()
            .map(|q| self.p.quantity(q))
            .filter(|q| !q.is_empty());
        let patterns = match &q {
            None => (d.give.clone(), d.giving.clone()),
            Some(q) => {
                let thing = self.p.names_thing(q);
                match (thing, &d.count, &d.counting, &d.amount, &d.amounting) {
                    (true, Some(a), Some(b), _, _) | (false, _, _, Some(a), Some(b)) => {
                        (a.clone(), b.clone())
                    }
                    _ => (
                        self.w.quantity.replace("{give}", &d.give),
                        self.w.quantity.replace("{give}", &d.giving),
                    ),
                }
            }
        };
        (
            self.fill(&patterns.0, q.as_deref()),
            self.fill(&patterns.1, q.as_deref()),
        )
    }

    /// The condition the sentence gives: the fact's own or another citation's, the first that
    /// reads into a sentence with no pronoun left dangling; none that only says what the
    /// domain says (an attack, for a binding guarantee).
    fn condition(&self, c: &Commitment) -> Option<crate::phrasing::Condition> {
        let implied = &self.w.domain(c.domain).implied;
        let mut cited: Vec<&Citation> = c.citations.iter().collect();
        cited.sort();
        c.condition
            .as_deref()
            .into_iter()
            .chain(cited.iter().filter_map(|x| x.condition()))
            .filter_map(|raw| self.p.condition(raw))
            .filter(|k| {
                let lower = k.text.to_lowercase();
                !implied.iter().any(|i| lower.contains(&i.to_lowercase()))
            })
            .find(|k| !self.p.has_pronoun(&k.text))
    }

    fn independent(&self, citations: &[Citation]) -> usize {
        independent_sources(citations, self.sources) as usize
    }

    fn sourcing(&self, citations: &[Citation], meta: &Meta) -> Sourcing {
        let corroboration = distinct_sources(citations) as usize;
        Sourcing {
            citations: lazy_list(sorted_citations(citations)),
            key_citations: key_citations(citations),
            more_sources: corroboration.saturating_sub(CITED_SOURCES),
            corroboration,
            independent: self.independent(citations),
            review: meta.review,
            stale: meta.stale,
            note: meta.note.clone(),
        }
    }

    fn commitment(&self, c: &Commitment) -> CommitmentView {
        let negative = is_negative(c);
        let (act, acting) = self.act(c);
        let condition = self.condition(c);
        let reworded = !c.statement.trim().is_empty();
        let status = if negative { Status::RuledOut } else { c.status };
        CommitmentView {
            id: c.id.clone(),
            text: c.statement.trim().to_string(),
            reworded,
            reported: String::new(),
            actors: c.actors.clone(),
            who: self.subject.words(&c.actors),
            plural: c.actors.len() > 1,
            domain: c.domain,
            domain_label: self.w.domain(c.domain).label.clone(),
            polarity: c.polarity,
            status: c.status,
            status_label: self.w.status(status).label.clone(),
            negative,
            firmness: if negative { 0 } else { c.status.firmness() },
            quantity: c.quantity.as_deref().map(|q| self.p.quantity(q)),
            condition_comma: condition.as_ref().is_some_and(|k| k.comma),
            condition: condition.map(|k| k.text),
            act,
            acting,
            instrument: c
                .instrument
                .as_deref()
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(str::to_string),
            sourcing: self.sourcing(&c.citations, &c.meta),
        }
    }

    /// A caveat about `about` (its actors who committed something).
    fn caveat(&self, c: &Caveat, about: &[String]) -> CaveatView {
        let mut cited: Vec<&Citation> = c.citations.iter().collect();
        cited.sort();
        // the condition a source gives, after the kind's lead ("take effect only"), which it
        // does not repeat ("only after the war ends")
        let lead_end = self.w.caveat(c.caveat).lead.split_whitespace().last();
        let phrase = (c.caveat == CaveatKind::AfterCeasefire)
            .then(|| {
                cited
                    .iter()
                    .filter_map(|x| x.words().caveat)
                    .filter_map(|w| self.p.condition(&w))
                    .find(|k| self.p.has_lead(&k.text) && !self.p.has_pronoun(&k.text))
                    .map(|k| match lead_end.and_then(|l| k.text.strip_prefix(l)) {
                        Some(rest) if rest.starts_with(' ') => rest.trim_start().to_string(),
                        _ => k.text,
                    })
            })
            .flatten();
        let opposition = c.caveat == CaveatKind::Opposition;
        let mut objectors: Vec<String> = Vec::new();
        // (clause, speaker) of each citation whose clause can stand alone
        let mut clauses: Vec<(String, Option<String>)> = Vec::new();
        for x in &cited {
            let words = x.words();
            let objector = words
                .actor
                .as_deref()
                .filter(|_| opposition)
                .and_then(|a| self.subject.adversary(a))
                .map(str::to_string);
            if let Some(o) = &objector {
                objectors.push(o.clone());
            }
            let Some(w) = words.caveat.as_deref() else {
                continue;
            };
            let Some(mut k) = self.p.clause(&x.quote, w, opposition) else {
                continue;
            };
            if !opposition && k.reported {
                // "added that X": X, said by whoever the sentence named before
                match self.p.clause(&x.quote, w, true) {
                    Some(u) if u.framed && !u.subjectless && !u.pronoun_first => {
                        k = crate::phrasing::Clause { framed: false, ..u };
                    }
                    _ => continue,
                }
            }
            let name = objector
                .as_ref()
                .map(|o| self.subject.words(std::slice::from_ref(o)));
            let read = match (opposition, &name) {
                // what the adversary says, in its name
                (true, Some(n)) if k.framed && !k.subjectless => Some((k.text, Some(n.clone()))),
                (true, Some(n)) if k.subjectless => Some((format!("{n} {}", k.text), None)),
                (_, _) if k.framed || k.subjectless || k.pronoun_first => None,
                _ => Some((k.text, None)),
            };
            clauses.extend(read);
        }
        objectors.sort();
        objectors.dedup();
        // the shortest clause that names what it speaks of says it most plainly; one that
        // points elsewhere ("such facilities", "views this as") is not read into the brief,
        // which then says only what kind of caveat it is
        let best = clauses
            .into_iter()
            .enumerate()
            .filter(|(_, (t, _))| !self.p.dangles(t))
            .min_by_key(|(i, (t, _))| (t.chars().count(), *i))
            .map(|(_, c)| c);
        let (clause, speaker) = match best {
            Some((c, s)) => (Some(c), s),
            None => (None, None),
        };
        CaveatView {
            id: c.id.clone(),
            text: c.statement.trim().to_string(),
            reworded: !c.statement.trim().is_empty(),
            kind: c.caveat,
            kind_label: self.w.caveat(c.caveat).heading.clone(),
            about: about.to_vec(),
            who: (!about.is_empty()).then(|| self.subject.words(about)),
            phrase,
            clause,
            speaker,
            objector_names: (!objectors.is_empty()).then(|| self.subject.words(&objectors)),
            objectors,
            sourcing: self.sourcing(&c.citations, &c.meta),
        }
    }

    fn discrepancy(&self, d: &Discrepancy, call: Call) -> Result<DiscrepancyView, RenderError> {
        let numbers = source_numbers(self.sources);
        let mut claims = d.claims.clone();
        claims.sort();
        let citations: Vec<Citation> = claims.iter().map(|c| c.citation.clone()).collect();
        let claims: Vec<ClaimView> = claims
            .into_iter()
            .map(|c| {
                let id: &str = &c.citation.source;
                ClaimView {
                    source: source_label(self.sources.get(id), numbers.get(id).copied(), id),
                    value: c.value,
                    citation: c.citation,
                }
            })
            .collect();
        // "a ceasefire (after a cease-fire)" and "a ceasefire (in the event of one)" are one
        // value, a ceasefire, as each source words it
        let head = |v: &str| -> Arc<str> {
            match v.split_once(" (") {
                Some((h, _)) if !h.trim().is_empty() => Arc::from(h.trim()),
                _ => Arc::from(v),
            }
        };
        let mut values: Vec<ValueView> = Vec::new();
        let mut index: HashMap<Arc<str>, usize> = HashMap::new();
        let mut seen: HashSet<(Arc<str>, &str)> = HashSet::new();
        for c in &claims {
            let value = head(&c.value);
            if !seen.insert((value.clone(), &c.citation.source)) {
                continue; // one source, one mention per value
            }
            let i = *index.entry(value.clone()).or_insert_with(|| {
                values.push(ValueView {
                    value,
                    claims: Vec::new(),
                    more_sources: 0,
                    sources: 0,
                });
                values.len() - 1
            });
            let v = &mut values[i];
            v.sources += 1;
            if v.claims.len() < CITED_SOURCES {
                v.claims.push(c.clone());
            } else {
                v.more_sources += 1;
            }
        }
        // the values most sources state, in order of first appearance
        let more_values = values.len().saturating_sub(SHOWN_VALUES);
        if more_values > 0 {
            let mut ranked: Vec<usize> = (0..values.len()).collect();
            ranked.sort_by_key(|&i| (Reverse(values[i].sources), i));
            let keep: BTreeSet<usize> = ranked.into_iter().take(SHOWN_VALUES).collect();
            let mut i = 0;
            values.retain(|_| {
                i += 1;
                keep.contains(&(i - 1))
            });
        }
        let mut view = DiscrepancyView {
            id: d.id.clone(),
            topic: d.topic.clone(),
            more_values,
            statement: d.statement.trim().to_string(),
            text: d.statement.trim().to_string(),
            independent: self.independent(&citations),
            citations: lazy_list(sorted_citations(&citations)),
            claims: lazy_list(claims),
            values,
            review: d.meta.review,
            stale: d.meta.stale,
            note: d.meta.note.clone(),
        };
        if view.text.is_empty() {
            view.text = call("discrepancy", Value::from_serialize(&view))?;
        }
        Ok(view)
    }

    /// Positive commitments by actors: one group per set of actors (a joint commitment under
    /// its actors together, referred to under each of them), one line per domain.
    fn by_actor(&self, commitments: &[CommitmentView]) -> Vec<ActorGroup> {
        let mut groups: BTreeMap<&[String], Vec<ActorLine>> = BTreeMap::new();
        for c in commitments.iter().filter(|c| !c.negative) {
            let lines = groups.entry(&c.actors).or_default();
            // commitments come by domain, firmest first: the first of a domain heads its line
            match lines.last_mut() {
                Some(l) if l.fact.domain == c.domain && !c.reworded => l.also.push(c.clone()),
                _ => lines.push(ActorLine {
                    fact: c.clone(),
                    also: Vec::new(),
                }),
            }
        }
        let mut out: Vec<ActorGroup> = groups
            .iter()
            .map(|(actors, lines)| ActorGroup {
                actor: actors.join("+"),
                actors: actors.to_vec(),
                name: capitalise(&self.subject.words(actors)),
                joint: actors.len() > 1,
                lines: lines
                    .iter()
                    .map(|l| ActorLine {
                        fact: l.fact.clone(),
                        also: l.also.clone(),
                    })
                    .collect(),
                joint_with: Vec::new(),
            })
            .collect();
        // each member of a joint group is referred to it
        let joints: Vec<(Vec<String>, String, Vec<String>)> = out
            .iter()
            .filter(|g| g.joint)
            .map(|g| {
                let domains = g
                    .lines
                    .iter()
                    .map(|l| l.fact.domain_label.clone())
                    .collect();
                (g.actors.clone(), g.name.clone(), domains)
            })
            .collect();
        for g in out.iter_mut().filter(|g| !g.joint) {
            for (actors, name, domains) in &joints {
                if actors.contains(&g.actors[0]) {
                    let others: Vec<String> = actors
                        .iter()
                        .filter(|a| **a != g.actors[0])
                        .cloned()
                        .collect();
                    g.joint_with.push(JointRef {
                        name: name.clone(),
                        with: self.subject.words(&others),
                        domains: domains.clone(),
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            (b.lines.len(), a.joint, &a.actor).cmp(&(a.lines.len(), b.joint, &b.actor))
        });
        out
    }

    /// What each mark stands for, firmest first, statuses of one mark together.
    fn legend(&self) -> Vec<LegendEntry> {
        let mut legend: Vec<LegendEntry> = Vec::new();
        let mut statuses = Status::ALL.to_vec();
        statuses.sort_by_key(|s| Reverse(s.firmness()));
        for status in statuses {
            let w = self.w.status(status);
            match legend.iter_mut().find(|e| e.mark == w.mark) {
                Some(e) => e.label = format!("{} or {}", e.label, w.label),
                None => legend.push(LegendEntry {
                    mark: w.mark.clone(),
                    label: w.label.clone(),
                }),
            }
        }
        legend
    }

    fn matrix(&self, commitments: &[CommitmentView]) -> Matrix {
        let status = |c: &CommitmentView| {
            if c.negative {
                Status::RuledOut
            } else {
                c.status
            }
        };
        // Actors with the most commitments first, then by code.
        let mut actors: Vec<&String> = commitments.iter().flat_map(|c| &c.actors).collect();
        actors.sort();
        actors.dedup();
        let count = |a: &String| commitments.iter().filter(|c| c.actors.contains(a)).count();
        actors.sort_by(|a, b| count(b).cmp(&count(a)).then(a.cmp(b)));
        let mut domains: Vec<Domain> = commitments.iter().map(|c| c.domain).collect();
        domains.sort();
        domains.dedup();
        let rows = domains
            .into_iter()
            .map(|domain| {
                let cells = actors
                    .iter()
                    .map(|actor| {
                        let mut statuses: Vec<Status> = commitments
                            .iter()
                            .filter(|c| c.domain == domain && c.actors.contains(actor))
                            .map(status)
                            .collect();
                        statuses.sort_by_key(|s| Reverse(s.firmness()));
                        let mut marks: Vec<&str> = statuses
                            .iter()
                            .map(|s| self.w.status(*s).mark.as_str())
                            .collect();
                        marks.dedup();
                        marks.join(" ")
                    })
                    .collect();
                MatrixRow {
                    domain,
                    label: self.w.domain(domain).label.clone(),
                    cells,
                }
            })
            .collect();
        Matrix {
            actors: actors
                .into_iter()
                .map(|a| MatrixActor {
                    code: a.clone(),
                    name: self.subject.words(std::slice::from_ref(a)),
                })
                .collect(),
            rows,
            legend: self.legend(),
        }
    }

    /// The bottom line, by rules: what was signed, by whom and in which text; the firmest
    /// commitments that most independent sources report; what they wait on; the strongest
    /// objection and the most reported other caveat; the disagreement most sources take part
    /// in. Each sentence cites what it rests on.
    fn bottom_line(
        &self,
        commitments: &[CommitmentView],
        caveats: &[CaveatView],
        discrepancies: &[DiscrepancyView],
        call: Call,
    ) -> Result<Vec<Sentence>, RenderError> {
        #[derive(Serialize)]
        struct Acts {
            who: String,
            plural: bool,
            instrument: Option<String>,
            acts: Vec<String>,
        }
        let act_with_condition = |c: &CommitmentView| match &c.condition {
            Some(k) => format!("{}{} {k}", c.act, if c.condition_comma { "," } else { "" }),
            None => c.act.clone(),
        };
        // the first citation of each of the first sources, for a sentence resting on facts
        let cite_of = |cs: &[&CommitmentView], per: usize| -> Vec<Citation> {
            cs.iter()
                .flat_map(|c| c.sourcing.key_citations.iter().take(per).cloned())
                .take(CITED_SOURCES)
                .collect()
        };
        let rank = |c: &&CommitmentView| {
            (
                Reverse(c.sourcing.independent),
                Reverse(c.sourcing.corroboration),
                Reverse(c.firmness),
                c.domain,
                c.id.clone(),
            )
        };
        let mut out: Vec<Sentence> = Vec::new();

        // 1. what was signed, by whom, in which text
        let mut signed: Vec<&CommitmentView> = commitments
            .iter()
            .filter(|c| !c.negative && c.status == Status::Signed)
            .collect();
        signed.sort_by_key(rank);
        let mut texts: Vec<(Vec<String>, Option<String>, Vec<&CommitmentView>)> = Vec::new();
        for c in signed {
            match texts
                .iter_mut()
                .find(|(a, i, _)| *a == c.actors && *i == c.instrument)
            {
                Some(t) => t.2.push(c),
                None => texts.push((c.actors.clone(), c.instrument.clone(), vec![c])),
            }
        }
        for (_, instrument, cs) in texts.into_iter().take(2) {
            let acts = Acts {
                who: cs[0].who.clone(),
                plural: cs[0].plural,
                instrument,
                acts: cs.iter().map(|c| act_with_condition(c)).collect(),
            };
            out.push(Sentence {
                text: call("signed", Value::from_serialize(&acts))?,
                citations: cite_of(&cs, 2),
            });
        }

        // 2. the firmest commitments most independent sources report
        let mut pledged: Vec<&CommitmentView> = commitments
            .iter()
            .filter(|c| !c.negative && c.status == Status::Pledged)
            .collect();
        pledged.sort_by_key(rank);
        let widely: Vec<&CommitmentView> = pledged
            .iter()
            .copied()
            .filter(|c| c.sourcing.independent >= 2)
            .collect();
        let chosen = if widely.is_empty() {
            pledged.into_iter().take(2).collect()
        } else {
            widely
        };
        let mut groups: Vec<(Vec<String>, Vec<&CommitmentView>)> = Vec::new();
        for c in chosen {
            match groups.iter().position(|(a, _)| *a == c.actors) {
                Some(i) if groups[i].1.len() < 3 => groups[i].1.push(c),
                Some(_) => {}
                None if groups.len() < 2 => groups.push((c.actors.clone(), vec![c])),
                None => {}
            }
        }
        if !groups.is_empty() {
            let all: Vec<&CommitmentView> = groups.iter().flat_map(|(_, cs)| cs.clone()).collect();
            let acts: Vec<Acts> = groups
                .iter()
                .map(|(_, cs)| Acts {
                    who: cs[0].who.clone(),
                    plural: cs[0].plural,
                    instrument: None,
                    acts: cs.iter().map(|c| act_with_condition(c)).collect(),
                })
                .collect();
            let value = minijinja::context! { groups => acts };
            out.push(Sentence {
                text: call("pledged", value)?,
                citations: cite_of(&all, 1),
            });
        }

        // 3. what they wait on
        let most = |kind: CaveatKind| {
            caveats.iter().filter(|c| c.kind == kind).min_by_key(|c| {
                (
                    Reverse(c.sourcing.independent),
                    !c.about.is_empty(),
                    c.id.clone(),
                )
            })
        };
        let after = most(CaveatKind::AfterCeasefire);
        let ratification = most(CaveatKind::NeedsRatification);
        if after.is_some() || ratification.is_some() {
            let value = minijinja::context! {
                phrase => after.and_then(|c| c.phrase.clone()),
                after => after.is_some(),
                ratification => ratification.is_some(),
                ratification_who => ratification.and_then(|c| c.who.clone()),
            };
            let citations = after
                .into_iter()
                .chain(ratification)
                .flat_map(|c| c.sourcing.key_citations.iter().take(2).cloned())
                .collect();
            out.push(Sentence {
                text: call("conditions", value)?,
                citations,
            });
        }

        // 4. the strongest objection, and the most reported other caveat
        if let Some(c) = most(CaveatKind::Opposition) {
            out.push(Sentence {
                text: c.text.clone(),
                citations: c.sourcing.key_citations.iter().take(3).cloned().collect(),
            });
        }
        let other = caveats
            .iter()
            .filter(|c| {
                !matches!(
                    c.kind,
                    CaveatKind::AfterCeasefire
                        | CaveatKind::NeedsRatification
                        | CaveatKind::Opposition
                )
            })
            .min_by_key(|c| {
                // a named limit before a general doubt
                let general = c.kind == CaveatKind::Other;
                (
                    general,
                    Reverse(c.sourcing.independent),
                    c.kind,
                    !c.about.is_empty(),
                    c.id.clone(),
                )
            });
        // the one most independent sources take part in, then the one whose most stated
        // value most sources state (a split, not a lone slip)
        let main = discrepancies
            .iter()
            .filter(|d| d.values.len() >= 2)
            .min_by_key(|d| {
                let top = d.values.iter().map(|v| v.sources).max().unwrap_or(0);
                (Reverse(d.independent), Reverse(top), d.id.clone())
            });
        let room = BOTTOM_LINE_MAX - out.len().min(BOTTOM_LINE_MAX);
        if let Some(c) = other.filter(|_| room > usize::from(main.is_some())) {
            out.push(Sentence {
                text: c.text.clone(),
                citations: c.sourcing.key_citations.iter().take(3).cloned().collect(),
            });
        }

        // 5. the disagreement most sources take part in
        if let Some(d) = main.filter(|_| out.len() < BOTTOM_LINE_MAX) {
            let mut values: Vec<&ValueView> = d.values.iter().collect();
            values.sort_by_key(|v| Reverse(v.sources));
            values.truncate(2);
            let shown: Vec<Value> = values
                .iter()
                .map(|v| minijinja::context! { value => &*v.value, sources => v.sources })
                .collect();
            let value = minijinja::context! { topic => &d.topic, values => shown };
            let citations = values
                .iter()
                .flat_map(|v| v.claims.iter().take(2).map(|c| c.citation.clone()))
                .collect();
            out.push(Sentence {
                text: call("disagreement", value)?,
                citations,
            });
        }
        out.truncate(BOTTOM_LINE_MAX);
        Ok(out)
    }
}

/// The first citation (lowest line) of each source, by source, for the first
/// [`CITED_SOURCES`] sources.
fn key_citations(citations: &[Citation]) -> Vec<Citation> {
    let mut first: BTreeMap<&str, &Citation> = BTreeMap::new();
    for c in citations {
        let slot = first.entry(&c.source).or_insert(c);
        if c < *slot {
            *slot = c;
        }
    }
    first.into_values().take(CITED_SOURCES).cloned().collect()
}

/// A list that becomes template values only as a template reads it. A fact of a large brief
/// cites hundreds of thousands of sentences and the brief names every source: made into
/// template values at once, they would take many times the memory of the store itself.
struct LazyList<T>(Vec<T>);

impl<T> std::fmt::Debug for LazyList<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} items]", self.0.len())
    }
}

impl<T: Serialize + Send + Sync + 'static> Object for LazyList<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0.get(key.as_usize()?).map(Value::from_serialize)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

pub(crate) fn lazy_list<T: Serialize + Send + Sync + 'static>(items: Vec<T>) -> Value {
    Value::from_object(LazyList(items))
}

fn sorted_citations(citations: &[Citation]) -> Vec<Citation> {
    let mut v = citations.to_vec();
    v.sort();
    v.dedup();
    v
}
