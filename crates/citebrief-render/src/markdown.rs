//! The fact store through minijinja templates to Markdown.
//!
//! Templates are the built-in ones, each replaced by a user's file of the same name
//! ([`Templates`]). Undefined variables are errors. Every interpolated value is escaped for
//! Markdown (see [`escape_markdown`]) unless marked safe, and values are never parsed as
//! templates, so `{{ x }}` in a source comes out literally.
//!
//! The context is the store's facts, rejected ones left out, in a fixed order, each with the
//! sentence that `statements.j2` makes of it (or the analyst's `statement`), plus views grouped
//! for the sections (see [`crate::views`] and the template folder's `README.md`). Helpers:
//! - `actors` (filter): actor codes as words, `France and the United Kingdom`;
//! - `first_upper` (filter): the first letter in upper case;
//! - `cite(citations)`: footnote references (`[^3][^4]`) for a fact's citations, numbered in
//!   order of first use; the same quote always gets the same number;
//! - `footnotes()`: the footnote definitions for every citation cited so far;
//! - `cited_sources()`: the sources cited so far.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use citebrief_store::{BriefConfig, Citation, FactStore, SourceRecord};
use minijinja::value::{Value, ViaDeserialize};
use minijinja::{AutoEscape, Environment, Error, Output, State};
use serde::Serialize;

use crate::escape::escape_markdown;
use crate::views::{self, lazy_list, source_view, Subject};
use crate::wording::Wording;
use crate::{RenderError, Templates};

/// The template every brief starts from, inside the template folder.
pub const BRIEF_TEMPLATE: &str = "brief.md.j2";

/// The auto-escape mode of every template.
const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

/// Renders the brief's Markdown from the template `brief.md.j2`.
///
/// `actor_names` maps actor codes to display names ("France", "the United Kingdom");
/// unknown codes print as the code.
pub fn render_markdown(
    templates: impl Into<Templates>,
    config: &BriefConfig,
    store: &FactStore,
    actor_names: &BTreeMap<String, String>,
) -> Result<String, RenderError> {
    prepare(templates, config, store, actor_names)?.markdown(store)
}

/// The store as the templates see it, made once for brief.md and brief.html: each fact with
/// its sentence, grouped for the sections ([`crate::views`]). Making it words every fact of
/// the brief through `statements.j2`, most of the time a large brief takes to render.
pub struct Views {
    pub(crate) templates: Templates,
    pub(crate) subject: Subject,
    /// wording.yaml, as the templates see it.
    pub(crate) wording: Value,
    pub(crate) context: views::Context,
}

/// The views of `store` for its templates ([`Views`]); `actor_names` as for
/// [`render_markdown`].
pub fn prepare(
    templates: impl Into<Templates>,
    config: &BriefConfig,
    store: &FactStore,
    actor_names: &BTreeMap<String, String>,
) -> Result<Views, RenderError> {
    let templates = templates.into();
    let wording = Wording::load(&templates)?;
    let subject = Subject::new(config, actor_names, &wording.file);
    let context = views::Context::new(config, store, &subject, &wording)?;
    Ok(Views {
        templates,
        subject,
        wording: wording.value.clone(),
        context,
    })
}

impl Views {
    /// brief.md, from the template `brief.md.j2`.
    pub fn markdown(&self, store: &FactStore) -> Result<String, RenderError> {
        let footnotes = Arc::new(Mutex::new(Footnotes::new(store)));
        let env = environment(
            &self.templates,
            &self.subject,
            footnotes,
            self.wording.clone(),
        );
        let template_error = |e: Error| template_error(&self.templates, e);
        let template = env.get_template(BRIEF_TEMPLATE).map_err(template_error)?;
        let markdown = template.render(&self.context).map_err(template_error)?;
        Ok(format!("{}\n", markdown.trim_end()))
    }
}

/// The sentence `statements.j2` makes of each fact, by id, whatever the analyst's statement:
/// what `facts.yaml` shows as a fact's `wording`.
pub fn fact_wordings(
    templates: impl Into<Templates>,
    config: &BriefConfig,
    store: &FactStore,
    actor_names: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, RenderError> {
    let templates = templates.into();
    let wording = Wording::load(&templates)?;
    let subject = Subject::new(config, actor_names, &wording.file);
    views::wordings(store, &subject, &wording)
}

/// The filters that make text of text, shared with the sentence templates.
pub(crate) fn add_text_filters(env: &mut Environment<'static>) {
    env.add_filter("first_upper", |s: String| capitalise(&s));
}

/// What the environments of brief.md and brief.html share: the template loader (the user's
/// files, else the built-in ones), strict undefined values, block trimming, `wording` and the
/// text filters (`first_upper`, `actors`). Each sets its own escaping and helpers.
pub(crate) fn base_environment(
    templates: &Templates,
    subject: &Subject,
    wording: Value,
) -> Environment<'static> {
    let mut env = templates.environment();
    env.set_keep_trailing_newline(true);
    env.add_global("wording", wording);
    add_text_filters(&mut env);
    let names = Arc::new(subject.names.clone());
    let and = subject.and.clone();
    env.add_filter("actors", move |codes: Vec<String>| {
        actor_words(&codes, &names, &and)
    });
    env
}

fn environment(
    templates: &Templates,
    subject: &Subject,
    footnotes: Arc<Mutex<Footnotes>>,
    wording: Value,
) -> Environment<'static> {
    let mut env = base_environment(templates, subject, wording);
    env.set_auto_escape_callback(|_| MARKDOWN);
    env.set_formatter(markdown_formatter);
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
        cited.lock().expect("footnote registry").cited_sources()
    });
    env
}

/// A brief of more sources than this lists in brief.md only those it cites; every source is
/// in `sources.md` beside it ([`render_sources`]).
pub const LISTED_SOURCES: usize = 100;

/// `sources.md`: every source of the brief, by id, as a Markdown table (file, publisher,
/// title, date, and the source it largely repeats), every value escaped. brief.md lists the
/// sources it cites; this file lists them all, however many there are.
pub fn render_sources(config: &BriefConfig, store: &FactStore) -> String {
    let n = store.sources.len();
    let mut out = String::with_capacity(200 + n * 160);
    out.push_str(&format!(
        "# Sources: {}\n\nThe {n} source{} of this brief, by id. brief.md cites them by \
         publisher and date (or by number, when the page shows no publisher), and names each \
         by its id. A source that largely repeats another (a rewrite of its story, the same \
         wire copy) is no independent report: its row names the one it repeats.\n\n",
        escape_markdown(&config.title),
        if n == 1 { "" } else { "s" }
    ));
    out.push_str(
        "| # | id | file | publisher | title | date | repeats |\n\
         |---:|---|---|---|---|---|---|\n",
    );
    let cell = |v: Option<&String>| v.map_or_else(|| "unknown".to_string(), |v| escape_markdown(v));
    let numbers: HashMap<&str, usize> = store
        .sources
        .keys()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i + 1))
        .collect();
    for (i, (id, s)) in store.sources.iter().enumerate() {
        let repeats = s
            .repeats
            .as_deref()
            .map_or_else(String::new, |r| match numbers.get(r) {
                Some(n) => format!("{n} \\({}\\)", escape_markdown(r)),
                None => escape_markdown(r),
            });
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            escape_markdown(id),
            escape_markdown(&s.file),
            cell(s.publisher.as_ref()),
            cell(s.title.as_ref()),
            cell(s.date.as_ref()),
            repeats,
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
pub(crate) fn template_error(templates: &Templates, e: Error) -> RenderError {
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

/// Actor codes as words: "France", "France and the United Kingdom", "A, B and C" (with the
/// `and` of wording.yaml); unknown codes print as the code.
pub fn actor_words(codes: &[String], names: &BTreeMap<String, String>, and: &str) -> String {
    let words: Vec<&str> = codes
        .iter()
        .map(|c| names.get(c).map(String::as_str).unwrap_or(c))
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// How the brief names a source in a note: its publisher (and date); for a page that shows
/// none, its number in the list of sources (`number`, 1-based).
pub(crate) fn source_label(s: Option<&SourceRecord>, number: Option<usize>, id: &str) -> String {
    match (
        s.and_then(|s| s.publisher.as_ref()),
        s.and_then(|s| s.date.as_ref()),
    ) {
        (Some(p), Some(d)) => format!("{p}, {d}"),
        (Some(p), None) => p.clone(),
        _ => number.map_or_else(|| id.to_string(), |n| format!("Source {n}")),
    }
}

/// The number of each source in the list of sources (1-based, by id).
pub(crate) fn source_numbers(sources: &BTreeMap<String, SourceRecord>) -> HashMap<String, usize> {
    sources
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), i + 1))
        .collect()
}

/// Footnotes for citations, numbered in order of first use (brief.md's and brief.html's).
pub(crate) struct Footnotes {
    /// For the sources' names.
    pub(crate) sources: BTreeMap<String, SourceRecord>,
    /// By what a footnote shows (source, line, quote): citations of one quote that read
    /// different words in it share their footnote.
    numbers: HashMap<(Arc<str>, u32, Arc<str>), usize>,
    /// Each source's number in the list of sources.
    pub(crate) source_numbers: HashMap<String, usize>,
    /// How each source is named, computed once.
    labels: HashMap<Arc<str>, String>,
    pub(crate) notes: Vec<Note>,
}

/// One footnote definition.
#[derive(Serialize)]
pub(crate) struct Note {
    pub(crate) number: usize,
    /// Publisher (and date) of the source, or its number.
    pub(crate) source: String,
    pub(crate) source_id: Arc<str>,
    pub(crate) line: u32,
    pub(crate) quote: Arc<str>,
}

impl Footnotes {
    pub(crate) fn new(store: &FactStore) -> Footnotes {
        Footnotes {
            sources: store.sources.clone(),
            source_numbers: source_numbers(&store.sources),
            numbers: HashMap::new(),
            labels: HashMap::new(),
            notes: Vec::new(),
        }
    }

    /// The sources cited so far, by id, as the templates see sources.
    pub(crate) fn cited_sources(&self) -> Value {
        let ids: BTreeSet<&str> = self.notes.iter().map(|n| &*n.source_id).collect();
        lazy_list(
            ids.into_iter()
                .map(|id| source_view(id, &self.sources, &self.source_numbers))
                .collect(),
        )
    }

    /// `[^3][^4]` for these citations, in number order.
    fn cite(&mut self, citations: &[Citation]) -> String {
        self.note_numbers(citations)
            .iter()
            .map(|n| format!("[^{n}]"))
            .collect()
    }

    /// The numbers of the notes of these citations, each note made at its first use.
    pub(crate) fn note_numbers(&mut self, citations: &[Citation]) -> BTreeSet<usize> {
        let mut numbers = BTreeSet::new();
        for c in citations {
            let next = self.notes.len() + 1;
            let shown = (c.source.clone(), c.line, c.quote.clone());
            let n = *self.numbers.entry(shown).or_insert(next);
            if n == next {
                let (sources, numbers) = (&self.sources, &self.source_numbers);
                let label = self
                    .labels
                    .entry(c.source.clone())
                    .or_insert_with(|| {
                        let id: &str = &c.source;
                        source_label(sources.get(id), numbers.get(id).copied(), id)
                    })
                    .clone();
                self.notes.push(Note {
                    number: n,
                    source: label,
                    source_id: c.source.clone(),
                    line: c.line,
                    quote: c.quote.clone(),
                });
            }
            numbers.insert(n);
        }
        numbers
    }
}

pub(crate) fn capitalise(s: &str) -> String {
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
        let w = |c: &[&str]| actor_words(&codes(c), &names(), "and");
        assert_eq!(w(&["FR"]), "France");
        assert_eq!(w(&["FR", "GB"]), "France and the United Kingdom");
        assert_eq!(
            w(&["FR", "GB", "PL"]),
            "France, the United Kingdom and Poland"
        );
        assert_eq!(w(&["XX", "FR"]), "XX and France");
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

    #[test]
    fn a_page_without_a_publisher_is_named_by_its_number() {
        let mut sources = BTreeMap::new();
        for (id, publisher) in [("a", Some("Gazette")), ("b", None)] {
            sources.insert(
                id.to_string(),
                SourceRecord {
                    publisher: publisher.map(str::to_string),
                    ..SourceRecord::default()
                },
            );
        }
        let n = source_numbers(&sources);
        let label = |id: &str| source_label(sources.get(id), n.get(id).copied(), id);
        assert_eq!(label("a"), "Gazette");
        assert_eq!(label("b"), "Source 2");
        assert_eq!(label("zz"), "zz");
    }
}
