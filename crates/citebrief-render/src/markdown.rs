//! The fact store through minijinja templates to Markdown.
//!
//! Templates live in a folder (`brief.md.j2` and the partials it includes) and are loaded with
//! minijinja's path loader. Undefined variables are errors. Every interpolated value is
//! escaped for Markdown (see [`escape_markdown`]) unless marked safe, and values are never
//! parsed as templates, so `{{ x }}` in a source comes out literally.
//!
//! The context is the store's facts, rejected ones left out, in a fixed order, plus views
//! grouped for the sections (see the template folder's `README.md`). Helpers:
//! - `actors` (filter): actor codes as words, `France and the United Kingdom`;
//! - `cite(citations)`: footnote references (`[^3][^4]`) for a fact's citations, numbered in
//!   order of first use; the same quote always gets the same number;
//! - `footnotes()`: the footnote definitions for every citation cited so far.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use citebrief_store::{
    distinct_sources, BriefConfig, Caveat, CaveatKind, Citation, Commitment, Discrepancy, Domain,
    FactStore, Polarity, Review, SourceRecord, Status,
};
use minijinja::value::{Enumerator, Object, ObjectRepr, Value, ViaDeserialize};
use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior};
use serde::Serialize;

use crate::escape::escape_markdown;
use crate::{RenderError, Templates};

/// The template every brief starts from, inside the template folder.
pub const BRIEF_TEMPLATE: &str = "brief.md.j2";

/// The auto-escape mode of every template.
const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

/// The bottom line holds at most this many commitments, and at least the lesser of
/// [`BOTTOM_LINE_MIN`] and the number of commitments.
const BOTTOM_LINE_MAX: usize = 6;
const BOTTOM_LINE_MIN: usize = 3;

/// Renders the brief's Markdown from `templates_dir/brief.md.j2`.
///
/// `actor_names` maps actor codes to display names ("France", "the United Kingdom");
/// unknown codes print as the code.
pub fn render_markdown(
    templates: impl Into<Templates>,
    config: &BriefConfig,
    store: &FactStore,
    actor_names: &BTreeMap<String, String>,
) -> Result<String, RenderError> {
    let templates = templates.into();
    let names = Arc::new(actor_names.clone());
    let footnotes = Arc::new(Mutex::new(Footnotes::new(store)));
    let env = environment(&templates, names.clone(), footnotes.clone());
    let context = Context::new(config, store, &names);
    let template_error = |e: Error| template_error(&templates, e);
    let template = env.get_template(BRIEF_TEMPLATE).map_err(template_error)?;
    let markdown = template.render(&context).map_err(template_error)?;
    Ok(format!("{}\n", markdown.trim_end()))
}

fn environment(
    templates: &Templates,
    names: Arc<BTreeMap<String, String>>,
    footnotes: Arc<Mutex<Footnotes>>,
) -> Environment<'static> {
    let mut env = Environment::new();
    let loader = templates.clone();
    env.set_loader(move |name| {
        loader
            .load(name)
            .map_err(|e| Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string()))
    });
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| MARKDOWN);
    env.set_formatter(markdown_formatter);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_debug(true);
    env.add_filter("first_upper", |s: String| capitalise(&s));
    env.add_filter("actors", move |codes: Vec<String>| {
        actor_words(&codes, &names)
    });
    let cite_notes = footnotes.clone();
    env.add_function(
        "cite",
        move |citations: ViaDeserialize<Vec<Citation>>| -> Value {
            let mut notes = cite_notes.lock().expect("footnote registry");
            Value::from_safe_string(notes.cite(&citations.0))
        },
    );
    let cited = footnotes.clone();
    env.add_function("footnotes", move || -> Value {
        Value::from_serialize(&footnotes.lock().expect("footnote registry").notes)
    });
    env.add_function("cited_sources", move || -> Value {
        let notes = cited.lock().expect("footnote registry");
        let ids: BTreeSet<&str> = notes.notes.iter().map(|n| &*n.source_id).collect();
        lazy_list(
            ids.into_iter()
                .map(|id| source_view(id, notes.sources.get(id)))
                .collect(),
        )
    });
    env
}

/// A source as the templates see it.
fn source_view(id: &str, s: Option<&SourceRecord>) -> SourceView {
    SourceView {
        id: id.to_string(),
        file: s.map(|s| s.file.clone()).unwrap_or_default(),
        title: s.and_then(|s| s.title.clone()),
        publisher: s.and_then(|s| s.publisher.clone()),
        date: s.and_then(|s| s.date.clone()),
    }
}

/// A brief of more sources than this lists in brief.md only those it cites; every source is
/// in `sources.md` beside it ([`render_sources`]).
pub const LISTED_SOURCES: usize = 100;

/// `sources.md`: every source of the brief, by id, as a Markdown table (file, publisher,
/// title, date), every value escaped. brief.md lists the sources it cites; this file lists
/// them all, however many there are.
pub fn render_sources(config: &BriefConfig, store: &FactStore) -> String {
    let n = store.sources.len();
    let mut out = String::with_capacity(200 + n * 160);
    out.push_str(&format!(
        "# Sources: {}\n\nThe {n} source{} of this brief, by id. brief.md cites them by \
         publisher and date, and names each by its id.\n\n",
        escape_markdown(&config.title),
        if n == 1 { "" } else { "s" }
    ));
    out.push_str("| # | id | file | publisher | title | date |\n|---:|---|---|---|---|---|\n");
    let cell = |v: Option<&String>| v.map_or_else(|| "unknown".to_string(), |v| escape_markdown(v));
    for (i, (id, s)) in store.sources.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            escape_markdown(id),
            escape_markdown(&s.file),
            cell(s.publisher.as_ref()),
            cell(s.title.as_ref()),
            cell(s.date.as_ref()),
        ));
    }
    out
}

/// Writes values escaped for Markdown, except those marked safe.
fn markdown_formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if state.auto_escape() == MARKDOWN && !value.is_safe() {
        let text = match value.as_str() {
            Some(s) => escape_markdown(s),
            None => escape_markdown(&value.to_string()),
        };
        out.write_str(&text).map_err(Error::from)
    } else {
        minijinja::escape_formatter(out, state, value)
    }
}

/// Turns a minijinja error into one naming the template file, line and problem. An error
/// inside an included template is reported where it happened, with the include chain.
fn template_error(templates: &Templates, e: Error) -> RenderError {
    let mut chain = vec![&e];
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        if let Some(inner) = c.downcast_ref::<Error>() {
            chain.push(inner);
        }
        cause = c.source();
    }
    let inner = chain.last().expect("the chain holds the error itself");
    let name = inner.name().unwrap_or(BRIEF_TEMPLATE).to_string();
    let mut message = inner.kind().to_string();
    if let Some(detail) = inner.detail() {
        message.push_str(&format!(": {detail}"));
    }
    if let (Some(src), Some(range)) = (inner.template_source(), inner.range()) {
        if let Some(expr) = src.get(range).filter(|x| !x.contains('\n')) {
            message.push_str(&format!(" in `{expr}`"));
        }
    }
    if inner.kind() == minijinja::ErrorKind::TemplateNotFound {
        match templates.folder() {
            Some(dir) => message.push_str(&format!(
                " (looked in {} and the built-in templates)",
                dir.display()
            )),
            None => message.push_str(" (looked in the built-in templates)"),
        }
    }
    for outer in chain.iter().rev().skip(1) {
        if let (Some(n), Some(l)) = (outer.name(), outer.line()) {
            message.push_str(&format!(" (included from {n}:{l})"));
        }
    }
    let context = match (inner.line(), inner.template_source()) {
        (Some(line), Some(src)) => src
            .lines()
            .nth(line - 1)
            .map(|text| format!("{line:>5} | {text}")),
        _ => None,
    };
    RenderError::Template {
        file: templates.path_of(&name),
        line: inner.line(),
        message,
        context,
    }
}

/// Actor codes as words: "France", "France and the United Kingdom", "A, B and C".
pub fn actor_words(codes: &[String], names: &BTreeMap<String, String>) -> String {
    let words: Vec<&str> = codes
        .iter()
        .map(|c| names.get(c).map(String::as_str).unwrap_or(c))
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How the brief names a source: its publisher (and date), else its id.
fn source_label(sources: &BTreeMap<String, SourceRecord>, id: &str) -> String {
    match sources.get(id) {
        Some(s) => match (&s.publisher, &s.date) {
            (Some(p), Some(d)) => format!("{p}, {d}"),
            (Some(p), None) => p.clone(),
            _ => id.to_string(),
        },
        None => id.to_string(),
    }
}

/// Footnotes for citations, numbered in order of first use.
struct Footnotes {
    /// For the sources' names.
    sources: BTreeMap<String, SourceRecord>,
    /// By what a footnote shows (source, line, quote): citations of one quote that read
    /// different words in it share their footnote.
    numbers: HashMap<(Arc<str>, u32, Arc<str>), usize>,
    notes: Vec<Note>,
}

/// One footnote definition.
#[derive(Serialize)]
struct Note {
    number: usize,
    /// Publisher (and date) of the source, or its id.
    source: String,
    source_id: Arc<str>,
    line: u32,
    quote: Arc<str>,
}

impl Footnotes {
    fn new(store: &FactStore) -> Footnotes {
        Footnotes {
            sources: store.sources.clone(),
            numbers: HashMap::new(),
            notes: Vec::new(),
        }
    }

    /// `[^3][^4]` for these citations, in number order.
    fn cite(&mut self, citations: &[Citation]) -> String {
        let mut numbers = BTreeSet::new();
        for c in citations {
            let next = self.notes.len() + 1;
            let shown = (c.source.clone(), c.line, c.quote.clone());
            let n = *self.numbers.entry(shown).or_insert(next);
            if n == next {
                self.notes.push(Note {
                    number: n,
                    source: source_label(&self.sources, &c.source),
                    source_id: c.source.clone(),
                    line: c.line,
                    quote: c.quote.clone(),
                });
            }
            numbers.insert(n);
        }
        numbers.iter().map(|n| format!("[^{n}]")).collect()
    }
}

/// What the templates see.
#[derive(Serialize)]
struct Context {
    brief: BriefView,
    /// Every source ([`lazy_list`]).
    sources: Value,
    /// Every commitment that is not rejected.
    commitments: Vec<CommitmentView>,
    /// The most corroborated commitments, most corroborated first.
    bottom_line: Vec<CommitmentView>,
    /// Positive commitments grouped by actor.
    by_actor: Vec<ActorGroup>,
    /// Actors × domains.
    matrix: Matrix,
    /// Negative commitments.
    ruled_out: Vec<CommitmentView>,
    caveats: Vec<CaveatView>,
    caveats_by_kind: Vec<CaveatGroup>,
    discrepancies: Vec<DiscrepancyView>,
}

#[derive(Serialize)]
struct BriefView {
    title: String,
    subject: Option<String>,
    source_count: usize,
    /// True when brief.md lists every source (at most [`LISTED_SOURCES`]); otherwise it lists
    /// those it cites (`cited_sources()`), and `sources.md` all of them.
    sources_in_full: bool,
    /// Earliest and latest source dates, where sources have dates.
    first_date: Option<String>,
    last_date: Option<String>,
}

#[derive(Serialize)]
struct SourceView {
    id: String,
    file: String,
    title: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
}

#[derive(Serialize, Clone)]
struct CommitmentView {
    id: String,
    /// The statement, or one made from the fields when the store has none.
    text: String,
    actors: Vec<String>,
    domain: Domain,
    domain_label: &'static str,
    polarity: Polarity,
    /// One of the six statuses, as `facts.yaml` writes it (`signed`, `discussed`...).
    status: Status,
    /// How firm the status is: signed 5, pledged 4, offered 3, planned 2, discussed 1, and 0
    /// for anything ruled out ([`Status::firmness`]).
    firmness: u8,
    quantity: Option<String>,
    condition: Option<String>,
    /// The named text that carries it (`declaration of intent`), as a source writes it.
    instrument: Option<String>,
    /// Every citation, sorted ([`lazy_list`]).
    citations: Value,
    /// One citation per source: its first mention.
    key_citations: Vec<Citation>,
    /// Sources that report the fact beyond those in `key_citations`.
    more_sources: usize,
    corroboration: usize,
    review: Review,
    stale: bool,
    note: Option<String>,
}

#[derive(Serialize)]
struct ActorGroup {
    actor: String,
    name: String,
    commitments: Vec<CommitmentView>,
}

/// Actors × domains: one row per domain that occurs, one column per actor, each cell a mark
/// for how firm the actor's commitment in that domain is.
#[derive(Serialize)]
struct Matrix {
    actors: Vec<MatrixActor>,
    rows: Vec<MatrixRow>,
    /// What each mark stands for, firmest first ([`legend`]).
    legend: Vec<LegendEntry>,
}

/// One mark of the matrix and the statuses it stands for: `◆`, `signed`.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct LegendEntry {
    mark: &'static str,
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
    /// The domain in words, without an article: `binding guarantee`.
    label: &'static str,
    /// One mark per actor column ([`status_mark`]: `◆` signed, `●` pledged, `○` offered or
    /// planned, `◌` discussed, `×` ruled out), several, firmest first, when the actor has
    /// commitments of several statuses here; empty when it has none.
    cells: Vec<String>,
}

#[derive(Serialize, Clone)]
struct CaveatView {
    id: String,
    text: String,
    kind: CaveatKind,
    kind_label: &'static str,
    about: Vec<String>,
    /// Every citation, sorted ([`lazy_list`]).
    citations: Value,
    /// One citation per source: its first mention.
    key_citations: Vec<Citation>,
    /// Sources that report the fact beyond those in `key_citations`.
    more_sources: usize,
    corroboration: usize,
    review: Review,
    stale: bool,
    note: Option<String>,
}

#[derive(Serialize)]
struct CaveatGroup {
    kind: CaveatKind,
    label: &'static str,
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
    value: Arc<str>,
    /// The claims of the first [`CITED_SOURCES`] sources that state it.
    claims: Vec<ClaimView>,
    /// Further sources that state it.
    more_sources: usize,
}

#[derive(Serialize)]
struct DiscrepancyView {
    id: String,
    topic: String,
    statement: String,
    /// Every claim ([`lazy_list`]).
    claims: Value,
    /// The claims grouped by the value they state, in order of first appearance: the
    /// [`SHOWN_VALUES`] stated by the most sources.
    values: Vec<ValueView>,
    /// How many values are left out of `values` (each in facts.yaml).
    more_values: usize,
    /// Every claim's citation, sorted ([`lazy_list`]).
    citations: Value,
    review: Review,
    stale: bool,
    note: Option<String>,
}

impl Context {
    fn new(config: &BriefConfig, store: &FactStore, names: &BTreeMap<String, String>) -> Context {
        let dates: BTreeSet<&String> = store
            .sources
            .values()
            .filter_map(|s| s.date.as_ref())
            .collect();
        let brief = BriefView {
            title: config.title.clone(),
            subject: config.subject.clone(),
            source_count: store.sources.len(),
            sources_in_full: store.sources.len() <= LISTED_SOURCES,
            first_date: dates.first().map(|d| d.to_string()),
            last_date: dates.last().map(|d| d.to_string()),
        };
        let sources = lazy_list(
            store
                .sources
                .iter()
                .map(|(id, s)| source_view(id, Some(s)))
                .collect(),
        );

        let mut commitments: Vec<CommitmentView> = store
            .commitments
            .iter()
            .filter(|c| c.meta.review != Review::Rejected)
            .map(|c| commitment_view(c, names))
            .collect();
        // by domain, actors, firmest first
        commitments.sort_by(|a, b| {
            (a.domain, &a.actors, Reverse(a.firmness), &a.id).cmp(&(
                b.domain,
                &b.actors,
                Reverse(b.firmness),
                &b.id,
            ))
        });

        let caveats: Vec<CaveatView> = {
            let mut v: Vec<CaveatView> = store
                .caveats
                .iter()
                .filter(|c| c.meta.review != Review::Rejected)
                .map(|c| caveat_view(c, names))
                .collect();
            v.sort_by(|a, b| (a.kind, &a.about, &a.id).cmp(&(b.kind, &b.about, &b.id)));
            v
        };
        let caveats_by_kind = CaveatKind::ALL
            .iter()
            .map(|&k| CaveatGroup {
                kind: k,
                label: k.label(),
                caveats: caveats.iter().filter(|c| c.kind == k).cloned().collect(),
            })
            .filter(|g| !g.caveats.is_empty())
            .collect();

        let mut discrepancies: Vec<DiscrepancyView> = store
            .discrepancies
            .iter()
            .filter(|d| d.meta.review != Review::Rejected)
            .map(|d| discrepancy_view(d, store))
            .collect();
        discrepancies.sort_by(|a, b| (&a.topic, &a.id).cmp(&(&b.topic, &b.id)));

        Context {
            brief,
            sources,
            bottom_line: bottom_line(&commitments),
            by_actor: by_actor(&commitments, names),
            matrix: matrix(&commitments, names),
            ruled_out: commitments
                .iter()
                .filter(|c| is_negative(c))
                .cloned()
                .collect(),
            commitments,
            caveats,
            caveats_by_kind,
            discrepancies,
        }
    }
}

fn is_negative(c: &CommitmentView) -> bool {
    c.polarity == Polarity::Negative || c.status == Status::RuledOut
}

/// How many sources a statement cites at most; the others are counted (`more_sources`). A
/// brief drawn from thousands of pages stays readable, and facts.yaml keeps every citation.
const CITED_SOURCES: usize = 6;

/// How many of a discrepancy's values the brief shows at most: those stated by the most
/// sources. A brief of thousands of pages can hold thousands of values (a figure written a
/// little differently in each); facts.yaml keeps every one.
const SHOWN_VALUES: usize = 8;

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

fn lazy_list<T: Serialize + Send + Sync + 'static>(items: Vec<T>) -> Value {
    Value::from_object(LazyList(items))
}

fn sorted_citations(citations: &[Citation]) -> Vec<Citation> {
    let mut v = citations.to_vec();
    v.sort();
    v.dedup();
    v
}

fn commitment_view(c: &Commitment, names: &BTreeMap<String, String>) -> CommitmentView {
    let text = if c.statement.trim().is_empty() {
        commitment_sentence(c, names)
    } else {
        c.statement.trim().to_string()
    };
    let corroboration = distinct_sources(&c.citations) as usize;
    let negative = c.polarity == Polarity::Negative || c.status == Status::RuledOut;
    CommitmentView {
        id: c.id.clone(),
        text,
        actors: c.actors.clone(),
        domain: c.domain,
        domain_label: c.domain.label(),
        polarity: c.polarity,
        status: c.status,
        firmness: if negative { 0 } else { c.status.firmness() },
        quantity: c.quantity.clone(),
        condition: c.condition.clone(),
        instrument: c.instrument.clone(),
        citations: lazy_list(sorted_citations(&c.citations)),
        key_citations: key_citations(&c.citations),
        more_sources: corroboration.saturating_sub(CITED_SOURCES),
        corroboration,
        review: c.meta.review,
        stale: c.meta.stale,
        note: c.meta.note.clone(),
    }
}

/// "France and the United Kingdom pledged ground forces (up to 15,000), after a ceasefire.";
/// with an instrument, "France and the United Kingdom signed a declaration of intent on ground
/// forces (up to 15,000), after a ceasefire." or "Germany pledged humanitarian aid in the Paris
/// Declaration."
fn commitment_sentence(c: &Commitment, names: &BTreeMap<String, String>) -> String {
    let actors = capitalise(&actor_words(&c.actors, names));
    let what = c.domain.label();
    let instrument = c
        .instrument
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(with_article);
    let negative = c.polarity == Polarity::Negative || c.status == Status::RuledOut;
    let quantity = c.quantity.as_ref().map(|q| format!(" ({q})"));
    let mut s = match (negative, c.status, instrument) {
        (false, Status::Signed, Some(text)) => {
            format!(
                "{actors} signed {text} on {what}{}",
                quantity.unwrap_or_default()
            )
        }
        (_, status, instrument) => {
            let verb = match status {
                _ if negative => "ruled out",
                Status::Signed => "signed up to",
                Status::Pledged => "pledged",
                Status::Offered => "offered",
                Status::Planned => "planned",
                Status::Discussed => "discussed",
                Status::RuledOut => "ruled out",
            };
            let mut s = format!("{actors} {verb} {what}{}", quantity.unwrap_or_default());
            if let Some(text) = instrument {
                s.push_str(&format!(" in {text}"));
            }
            s
        }
    };
    if let Some(cond) = &c.condition {
        s.push_str(&format!(", {cond}"));
    }
    s.push('.');
    s
}

/// A named text with an article, for a sentence: `declaration of intent` → `a declaration of
/// intent`, `agreement` → `an agreement`, `Paris Declaration` → `the Paris Declaration`; a
/// name that has one keeps it.
fn with_article(name: &str) -> String {
    let first_word = name.split_whitespace().next().unwrap_or_default();
    if ["a", "an", "the"]
        .iter()
        .any(|a| first_word.eq_ignore_ascii_case(a))
    {
        return name.to_string();
    }
    match name.chars().next() {
        Some(c) if c.is_uppercase() => format!("the {name}"),
        Some(c) if "aeiou".contains(c) => format!("an {name}"),
        _ => format!("a {name}"),
    }
}

fn caveat_view(c: &Caveat, names: &BTreeMap<String, String>) -> CaveatView {
    let text = if c.statement.trim().is_empty() {
        match c.about.as_slice() {
            [] => format!("{}.", c.caveat.label()),
            about => format!(
                "{} (about {}).",
                c.caveat.label(),
                actor_words(about, names)
            ),
        }
    } else {
        c.statement.trim().to_string()
    };
    let corroboration = distinct_sources(&c.citations) as usize;
    CaveatView {
        id: c.id.clone(),
        text,
        kind: c.caveat,
        kind_label: c.caveat.label(),
        about: c.about.clone(),
        citations: lazy_list(sorted_citations(&c.citations)),
        key_citations: key_citations(&c.citations),
        more_sources: corroboration.saturating_sub(CITED_SOURCES),
        corroboration,
        review: c.meta.review,
        stale: c.meta.stale,
        note: c.meta.note.clone(),
    }
}

fn discrepancy_view(d: &Discrepancy, store: &FactStore) -> DiscrepancyView {
    let mut claims = d.claims.clone();
    claims.sort();
    let citations: Vec<Citation> = claims.iter().map(|c| c.citation.clone()).collect();
    let claims: Vec<ClaimView> = claims
        .into_iter()
        .map(|c| ClaimView {
            value: c.value,
            source: source_label(&store.sources, &c.citation.source),
            citation: c.citation,
        })
        .collect();
    let mut values: Vec<ValueView> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for c in &claims {
        if !seen.insert((&c.value, &c.citation.source)) {
            continue; // one source, one mention per value
        }
        let i = *index.entry(&c.value).or_insert_with(|| {
            values.push(ValueView {
                value: c.value.clone(),
                claims: Vec::new(),
                more_sources: 0,
            });
            values.len() - 1
        });
        let v = &mut values[i];
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
        ranked.sort_by_key(|&i| (Reverse(values[i].claims.len() + values[i].more_sources), i));
        let keep: BTreeSet<usize> = ranked.into_iter().take(SHOWN_VALUES).collect();
        let mut i = 0;
        values.retain(|_| {
            i += 1;
            keep.contains(&(i - 1))
        });
    }
    DiscrepancyView {
        id: d.id.clone(),
        topic: d.topic.clone(),
        more_values,
        statement: d.statement.trim().to_string(),
        citations: lazy_list(sorted_citations(&citations)),
        claims: lazy_list(claims),
        values,
        review: d.meta.review,
        stale: d.meta.stale,
        note: d.meta.note.clone(),
    }
}

/// The most corroborated commitments: those cited by two or more sources, up to
/// [`BOTTOM_LINE_MAX`], topped up to [`BOTTOM_LINE_MIN`] with the next best.
fn bottom_line(commitments: &[CommitmentView]) -> Vec<CommitmentView> {
    let mut ranked: Vec<&CommitmentView> = commitments.iter().collect();
    ranked.sort_by(|a, b| {
        b.corroboration
            .cmp(&a.corroboration)
            .then(b.firmness.cmp(&a.firmness))
            .then(a.domain.cmp(&b.domain))
            .then(a.id.cmp(&b.id))
    });
    let corroborated = ranked.iter().filter(|c| c.corroboration >= 2).count();
    let take = corroborated.clamp(BOTTOM_LINE_MIN, BOTTOM_LINE_MAX);
    ranked.into_iter().take(take).cloned().collect()
}

fn by_actor(commitments: &[CommitmentView], names: &BTreeMap<String, String>) -> Vec<ActorGroup> {
    let mut groups: BTreeMap<&str, Vec<CommitmentView>> = BTreeMap::new();
    for c in commitments.iter().filter(|c| !is_negative(c)) {
        for a in &c.actors {
            groups.entry(a).or_default().push(c.clone());
        }
    }
    let mut groups: Vec<ActorGroup> = groups
        .into_iter()
        .map(|(actor, commitments)| ActorGroup {
            actor: actor.to_string(),
            name: capitalise(&actor_words(&[actor.to_string()], names)),
            commitments,
        })
        .collect();
    groups.sort_by(|a, b| {
        b.commitments
            .len()
            .cmp(&a.commitments.len())
            .then(a.actor.cmp(&b.actor))
    });
    groups
}

/// The matrix's mark for a status: `◆` signed, `●` pledged, `○` offered or planned, `◌`
/// discussed, `×` ruled out.
fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Signed => "◆",
        Status::Pledged => "●",
        Status::Offered | Status::Planned => "○",
        Status::Discussed => "◌",
        Status::RuledOut => "×",
    }
}

/// What each mark of [`status_mark`] stands for, firmest first: `◆ signed`, `○ offered or
/// planned`...
fn legend() -> Vec<LegendEntry> {
    let mut legend: Vec<LegendEntry> = Vec::new();
    let mut statuses = Status::ALL.to_vec();
    statuses.sort_by_key(|s| Reverse(s.firmness()));
    for status in statuses {
        let label = status.as_str().replace('-', " ");
        match legend.last_mut() {
            Some(last) if last.mark == status_mark(status) => {
                last.label = format!("{} or {label}", last.label);
            }
            _ => legend.push(LegendEntry {
                mark: status_mark(status),
                label,
            }),
        }
    }
    legend
}

fn matrix(commitments: &[CommitmentView], names: &BTreeMap<String, String>) -> Matrix {
    // anything negative is ruled out, whatever its status says
    let status = |c: &CommitmentView| {
        if is_negative(c) {
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
                    let mut marks: Vec<&str> = statuses.into_iter().map(status_mark).collect();
                    marks.dedup();
                    marks.join(" ")
                })
                .collect();
            let label = domain.label();
            MatrixRow {
                domain,
                label: label.strip_prefix("a ").unwrap_or(label),
                cells,
            }
        })
        .collect();
    Matrix {
        actors: actors
            .into_iter()
            .map(|a| MatrixActor {
                code: a.clone(),
                name: actor_words(std::slice::from_ref(a), names),
            })
            .collect(),
        rows,
        legend: legend(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> BTreeMap<String, String> {
        [
            ("FR", "France"),
            ("GB", "the United Kingdom"),
            ("PL", "Poland"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn codes(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn actors_read_as_words() {
        assert_eq!(actor_words(&codes(&["FR"]), &names()), "France");
        assert_eq!(
            actor_words(&codes(&["FR", "GB"]), &names()),
            "France and the United Kingdom"
        );
        assert_eq!(
            actor_words(&codes(&["FR", "GB", "PL"]), &names()),
            "France, the United Kingdom and Poland"
        );
        assert_eq!(
            actor_words(&codes(&["XX", "FR"]), &names()),
            "XX and France"
        );
    }

    #[test]
    fn a_citation_keeps_its_footnote_number() {
        let mut notes = Footnotes::new(&FactStore::default());
        let a = Citation {
            source: "s".into(),
            line: 2,
            quote: "Alpha said so.".into(),
            reading: None,
        };
        let b = Citation {
            line: 3,
            quote: "Beta agreed.".into(),
            ..a.clone()
        };
        assert_eq!(notes.cite(std::slice::from_ref(&b)), "[^1]");
        assert_eq!(notes.cite(&[a.clone(), b.clone()]), "[^1][^2]");
        assert_eq!(notes.cite(&[a]), "[^2]");
        assert_eq!(notes.notes.len(), 2);
        assert_eq!(&*notes.notes[0].quote, "Beta agreed.");
    }

    #[test]
    fn citations_of_one_quote_that_read_different_words_share_a_footnote() {
        let mut notes = Footnotes::new(&FactStore::default());
        let plain = Citation::new("s", 4, "France will send troops.");
        let read = |actor: &str| Citation {
            reading: Some(Arc::new(citebrief_store::Reading {
                words: citebrief_store::Words {
                    actor: Some(actor.into()),
                    ..Default::default()
                },
                ..Default::default()
            })),
            ..plain.clone()
        };
        assert_eq!(notes.cite(&[read("France")]), "[^1]");
        assert_eq!(notes.cite(&[plain.clone(), read("troops")]), "[^1]");
        assert_eq!(notes.notes.len(), 1);
    }

    fn commitment(status: Status, instrument: Option<&str>) -> Commitment {
        Commitment {
            id: String::new(),
            statement: String::new(),
            actors: codes(&["FR", "GB"]),
            domain: Domain::GroundForces,
            polarity: if status == Status::RuledOut {
                Polarity::Negative
            } else {
                Polarity::Positive
            },
            status,
            quantity: Some("up to 15,000 soldiers".into()),
            condition: Some("after a ceasefire".into()),
            instrument: instrument.map(str::to_string),
            citations: vec![],
            corroboration: 0,
            meta: Default::default(),
        }
    }

    #[test]
    fn each_status_has_its_own_default_sentence_and_an_instrument_is_named() {
        let sentence =
            |status, instrument| commitment_sentence(&commitment(status, instrument), &names());
        let who = "France and the United Kingdom";
        let got: Vec<String> = Status::ALL.iter().map(|&s| sentence(s, None)).collect();
        assert_eq!(
            got,
            [
                "signed up to",
                "pledged",
                "offered",
                "planned",
                "discussed",
                "ruled out"
            ]
            .map(|verb| format!(
                "{who} {verb} ground forces (up to 15,000 soldiers), after a ceasefire."
            ))
        );
        assert_eq!(
            sentence(Status::Signed, Some("declaration of intent")),
            format!("{who} signed a declaration of intent on ground forces (up to 15,000 soldiers), after a ceasefire.")
        );
        assert_eq!(
            sentence(Status::Pledged, Some("Paris Declaration")),
            format!("{who} pledged ground forces (up to 15,000 soldiers) in the Paris Declaration, after a ceasefire.")
        );
        assert_eq!(
            sentence(Status::Discussed, Some("  ")),
            sentence(Status::Discussed, None),
            "a blank instrument names nothing"
        );
        assert_eq!(with_article("agreement"), "an agreement");
        assert_eq!(
            with_article("the Paris Declaration"),
            "the Paris Declaration"
        );
        assert_eq!(with_article("A memorandum"), "A memorandum");
    }

    #[test]
    fn the_legend_names_every_status_once_and_signed_pledged_and_discussed_apart() {
        let legend = legend();
        let words: Vec<&str> = legend.iter().flat_map(|e| e.label.split(" or ")).collect();
        let every: Vec<String> = Status::ALL
            .iter()
            .map(|s| s.as_str().replace('-', " "))
            .collect();
        assert_eq!(words, every, "firmest first, each once");
        for entry in &legend {
            for status in Status::ALL {
                let named = entry
                    .label
                    .split(" or ")
                    .any(|w| w == status.as_str().replace('-', " "));
                assert_eq!(
                    named,
                    status_mark(*status) == entry.mark,
                    "{entry:?} {status}"
                );
            }
        }
        let marks = [
            Status::Signed,
            Status::Pledged,
            Status::Discussed,
            Status::RuledOut,
        ]
        .map(status_mark);
        assert_eq!(
            marks.iter().collect::<BTreeSet<_>>().len(),
            marks.len(),
            "{marks:?}"
        );
    }
}
