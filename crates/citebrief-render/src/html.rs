//! The brief for a browser: `brief.html`, and a page per source under `html/sources/` that
//! shows every line of the source with its number, the quoted words marked and, under each
//! cited line, links back to the statements that cite it.
//!
//! brief.html is rendered from the same data as brief.md ([`crate::views`]) through the
//! templates under `html/` (built in, or a user's file of the same name, as every template):
//! `brief.html.j2`, `macros.html.j2`, `source.html.j2` and `style.css`. Every value is escaped
//! for HTML ([`escape_html`]), so text from a source never becomes markup or script. Nothing is
//! loaded from the network: brief.html holds its style, the source pages share
//! `html/style.css`, and every link is relative, so the pages work from `file://`.
//!
//! Helpers of the templates (besides those of brief.md's: `actors`, `first_upper`):
//! - `cite(citations)`: the notes of these citations (`number`, `source`, `source_id`,
//!   `line`, `quote`, `href`: the source's page at the quoted line), numbered as brief.md
//!   numbers its footnotes;
//! - `footnotes()`, `cited_sources()`: as for brief.md, each note with its `href`;
//! - `anchor(fact)`: the fact's id, to use as the `id` of the element that states it; the
//!   source pages link back to the facts so anchored;
//! - `readings(citations)`: the distinct `words` read in these citations;
//! - `source_href(id)`, `source_href(id, line)`: a source's page, at a line.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::{Arc, Mutex, MutexGuard};

use citebrief_store::{BriefConfig, Citation, FactStore, Review, SourceRecord, Words};
use minijinja::value::{Value, ViaDeserialize};
use minijinja::{AutoEscape, Environment, Error, Output, State};
use serde::Serialize;

use crate::markdown::{base_environment, template_error, Footnotes, Note, Views};
use crate::views::{source_view, Subject};
use crate::{RenderError, Templates};

/// The template of brief.html, inside the template folder.
pub const HTML_TEMPLATE: &str = "html/brief.html.j2";
/// The template of each source's page.
pub const SOURCE_TEMPLATE: &str = "html/source.html.j2";
/// The style of every page: inlined in brief.html, and written to `html/style.css` for the
/// source pages.
pub const STYLE_TEMPLATE: &str = "html/style.css";

/// The folder of the source pages and their style, in the brief folder.
pub const HTML_DIR: &str = "html";
/// The folder of the source pages, in [`HTML_DIR`].
pub const SOURCES_DIR: &str = "sources";
/// The style's file, in [`HTML_DIR`].
pub const STYLE_FILE: &str = "style.css";

/// The auto-escape mode of the HTML templates.
const HTML: AutoEscape = AutoEscape::Custom("html");

/// Escapes text for HTML, in text and in quoted attribute values alike: `&`, `<`, `>`, `"` and
/// `'` become character references, so that no input can open a tag, close one (`</mark>`),
/// start a script or leave an attribute. Control characters (but tab and line feed) and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
/// would reorder the text around them, become U+FFFD, the replacement character.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 8);
    push_html(&mut out, text).expect("writing to a String does not fail");
    out
}

fn push_html(out: &mut impl Write, text: &str) -> std::fmt::Result {
    // Most text has none of these bytes: an HTML special, a C0 control or DEL, or the first
    // byte of a C1 control (C2 80..9F) or of a bidi control (E2 80 AA..AE, E2 81 A6..A9).
    let plain =
        |b: &u8| !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0x7F | 0xC2 | 0xE2) && *b >= 0x20;
    if text.as_bytes().iter().all(plain) {
        return out.write_str(text);
    }
    let mut done = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\t' | '\n' => continue,
            c if c.is_control() || is_bidi_control(c) => "\u{FFFD}",
            _ => continue,
        };
        out.write_str(&text[done..i])?;
        out.write_str(replacement)?;
        done = i + c.len_utf8();
    }
    out.write_str(&text[done..])
}

/// The characters that open a bidirectional embedding, override or isolate, or close one.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A path or fragment of a URL: every byte but ASCII letters, digits and `-._~+`
/// percent-encoded, so that no source id or fact id can end the URL, start a query or name
/// another scheme.
fn url_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~+".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Source ids longer than this (in bytes) are shortened in page names, with a hash of the
/// whole id, so that a name stays within what file systems allow (255 bytes).
const LONGEST_PAGE_ID: usize = 200;

/// The file name of a source's page in `html/sources/`: the source's id and `.html` (a very
/// long id is shortened, and a hash of it added).
pub fn page_name(source_id: &str) -> String {
    if source_id.len() <= LONGEST_PAGE_ID {
        return format!("{source_id}.html");
    }
    let mut cut = LONGEST_PAGE_ID - 20;
    while !source_id.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = citebrief_store::sha256_hex(source_id.as_bytes());
    format!("{}-{}.html", &source_id[..cut], &hash[..16])
}

/// The link from brief.html to a source's page, at a line when one is given.
fn source_href(source_id: &str, line: Option<u32>) -> String {
    let page = format!(
        "{HTML_DIR}/{SOURCES_DIR}/{}",
        url_part(&page_name(source_id))
    );
    match line {
        Some(n) => format!("{page}#L{n}"),
        None => page,
    }
}

/// brief.html, the style of the pages, and what the source pages are made with.
pub struct Html {
    /// `brief.html`.
    pub brief: String,
    /// `html/style.css`.
    pub style: String,
    /// Renders the page of each source.
    pub pages: SourcePages,
}

/// A note as brief.html shows it: brief.md's footnote and the link to its source line.
#[derive(Serialize)]
struct NoteView<'a> {
    #[serde(flatten)]
    note: &'a Note,
    href: String,
}

impl<'a> NoteView<'a> {
    fn of(note: &'a Note) -> NoteView<'a> {
        NoteView {
            note,
            href: source_href(&note.source_id, Some(note.line)),
        }
    }
}

/// What rendering brief.html records: its notes, and the facts it states (by `anchor`).
struct Registry {
    notes: Footnotes,
    /// The anchored facts, in the order brief.html states them: id and text.
    anchors: Vec<(String, String)>,
    anchored: HashMap<String, u32>,
}

impl Registry {
    fn new(store: &FactStore) -> Registry {
        Registry {
            notes: Footnotes::new(store),
            anchors: Vec::new(),
            anchored: HashMap::new(),
        }
    }
}

fn lock(r: &Mutex<Registry>) -> MutexGuard<'_, Registry> {
    // a template error while the lock is held leaves the registry as it was: still usable
    r.lock().unwrap_or_else(|e| e.into_inner())
}

/// Renders brief.html and the style, and prepares the source pages.
///
/// `actor_names` maps actor codes to display names, as for [`crate::render_markdown`].
pub fn render_html(
    templates: impl Into<Templates>,
    config: &BriefConfig,
    store: &FactStore,
    actor_names: &BTreeMap<String, String>,
) -> Result<Html, RenderError> {
    crate::prepare(templates, config, store, actor_names)?.html(config, store)
}

impl Views {
    /// brief.html (from `html/brief.html.j2`) and the style, and what renders the source
    /// pages.
    pub fn html(&self, config: &BriefConfig, store: &FactStore) -> Result<Html, RenderError> {
        let templates = &self.templates;
        let registry = Arc::new(Mutex::new(Registry::new(store)));
        let env = environment(
            templates,
            &self.subject,
            registry.clone(),
            self.wording.clone(),
        );
        let error = |e: Error| template_error(templates, e);
        let brief = env
            .get_template(HTML_TEMPLATE)
            .and_then(|t| t.render(&self.context))
            .map_err(error)?;
        let style = env
            .get_template(STYLE_TEMPLATE)
            .and_then(|t| t.render(()))
            .map_err(error)?;
        // what brief.html recorded (the environment keeps an empty registry)
        let registry =
            std::mem::replace(&mut *lock(&registry), Registry::new(&FactStore::default()));
        let index = index(store, &registry);
        Ok(Html {
            brief: format!("{}\n", brief.trim_end()),
            style,
            pages: SourcePages {
                env,
                templates: templates.clone(),
                index,
                anchors: registry.anchors,
                numbers: registry.notes.source_numbers,
                title: config.title.clone(),
            },
        })
    }
}

fn environment(
    templates: &Templates,
    subject: &Subject,
    registry: Arc<Mutex<Registry>>,
    wording: Value,
) -> Environment<'static> {
    let mut env = base_environment(templates, subject, wording);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") || name.ends_with(".html") {
            HTML
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(html_formatter);
    let r = registry.clone();
    env.add_function(
        "cite",
        move |citations: ViaDeserialize<Vec<Citation>>| -> Value {
            let mut reg = lock(&r);
            let numbers = reg.notes.note_numbers(&citations.0);
            let notes: Vec<NoteView> = numbers
                .iter()
                .map(|n| NoteView::of(&reg.notes.notes[n - 1]))
                .collect();
            Value::from_serialize(&notes)
        },
    );
    let r = registry.clone();
    env.add_function("footnotes", move || -> Value {
        let reg = lock(&r);
        let notes: Vec<NoteView> = reg.notes.notes.iter().map(NoteView::of).collect();
        Value::from_serialize(&notes)
    });
    let r = registry.clone();
    env.add_function("cited_sources", move || -> Value {
        lock(&r).notes.cited_sources()
    });
    env.add_function("anchor", move |fact: Value| -> Result<String, Error> {
        let field = |name: &str| -> Result<String, Error> {
            let v = fact.get_attr(name)?;
            v.as_str().map(str::to_string).ok_or_else(|| {
                Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("anchor() takes a fact, which has a text `{name}`"),
                )
            })
        };
        let (id, text) = (field("id")?, field("text")?);
        let mut reg = lock(&registry);
        if !reg.anchored.contains_key(&id) {
            let n = reg.anchors.len() as u32;
            reg.anchored.insert(id.clone(), n);
            reg.anchors.push((id.clone(), text));
        }
        Ok(id)
    });
    env.add_function(
        "readings",
        |citations: ViaDeserialize<Vec<Citation>>| -> Value {
            let mut seen: Vec<Words> = Vec::new();
            for c in &citations.0 {
                let w = c.words();
                if !w.is_empty() && !seen.contains(&w) {
                    seen.push(w);
                }
            }
            Value::from_serialize(&seen)
        },
    );
    env.add_function("source_href", |id: String, line: Option<u32>| -> String {
        source_href(&id, line)
    });
    env
}

/// Writes values escaped for HTML ([`escape_html`]), except those marked safe.
fn html_formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if state.auto_escape() == HTML && !value.is_safe() {
        match value.as_str() {
            Some(s) => push_html(out, s),
            None => push_html(out, &value.to_string()),
        }
        .map_err(Error::from)
    } else {
        minijinja::escape_formatter(out, state, value)
    }
}

/// What one line of a source is cited for.
#[derive(Default)]
struct CitedLine {
    /// Every quote of the line that a statement of brief.html rests on.
    quotes: Vec<Arc<str>>,
    /// The anchored facts citing the line, by their place in [`SourcePages::anchors`].
    facts: Vec<u32>,
}

/// By source, by line: what brief.html cites.
type Index = HashMap<Arc<str>, BTreeMap<u32, CitedLine>>;

/// Every line that an anchored fact of brief.html, or one of its notes, cites.
fn index(store: &FactStore, registry: &Registry) -> Index {
    let mut index = Index::new();
    let mut add = |c: &Citation, fact: Option<u32>| {
        let line = index
            .entry(c.source.clone())
            .or_default()
            .entry(c.line)
            .or_default();
        if !line.quotes.contains(&c.quote) {
            line.quotes.push(c.quote.clone());
        }
        line.facts.extend(fact);
    };
    let anchored = |id: &str, review: Review| {
        (review != Review::Rejected)
            .then(|| registry.anchored.get(id).copied())
            .flatten()
    };
    for c in &store.commitments {
        if let Some(n) = anchored(&c.id, c.meta.review) {
            c.citations.iter().for_each(|x| add(x, Some(n)));
        }
    }
    for c in &store.caveats {
        if let Some(n) = anchored(&c.id, c.meta.review) {
            c.citations.iter().for_each(|x| add(x, Some(n)));
        }
    }
    for d in &store.discrepancies {
        if let Some(n) = anchored(&d.id, d.meta.review) {
            d.claims.iter().for_each(|x| add(&x.citation, Some(n)));
        }
    }
    for note in &registry.notes.notes {
        let c = Citation::new(note.source_id.clone(), note.line, note.quote.clone());
        add(&c, None);
    }
    for line in index.values_mut().flat_map(BTreeMap::values_mut) {
        line.facts.sort_unstable();
        line.facts.dedup();
    }
    index
}

/// Renders the page of each source (in any order, from any thread).
pub struct SourcePages {
    env: Environment<'static>,
    templates: Templates,
    index: Index,
    /// The anchored facts of brief.html: id and text.
    anchors: Vec<(String, String)>,
    /// Each source's number in the list of sources.
    numbers: HashMap<String, usize>,
    /// The brief's title.
    title: String,
}

/// A stretch of a line: in a quote (`mark`) or not.
#[derive(Serialize)]
struct Part<'a> {
    text: &'a str,
    mark: bool,
}

/// A link from a source line back to a statement of brief.html.
#[derive(Serialize)]
struct BackLink<'a> {
    id: &'a str,
    text: &'a str,
    href: String,
}

/// A line as the source page shows it.
#[derive(Serialize)]
struct LineView<'a> {
    number: u32,
    text: &'a str,
    /// Whether the line belongs to the article (not page furniture).
    body: bool,
    /// The line cut where its quotes begin and end; empty when no quote is found on it.
    parts: Vec<Part<'a>>,
    /// Quotes cited at this line that are not on it (the source changed since).
    unfound: Vec<&'a str>,
    /// The statements of brief.html that cite the line.
    cited_by: Vec<BackLink<'a>>,
}

impl SourcePages {
    /// The page of the source `id`, whose decoded text has these `lines` (the first is line 1,
    /// as citations number them). `sources` are the brief's sources (those of its store).
    pub fn render(
        &self,
        sources: &BTreeMap<String, SourceRecord>,
        id: &str,
        lines: &[&str],
    ) -> Result<String, RenderError> {
        let record = sources.get(id);
        let body: &[[u32; 2]] = record.map_or(&[], |r| &r.body);
        let cited = self.index.get(id);
        let mut views = Vec::with_capacity(lines.len());
        for (i, text) in lines.iter().enumerate() {
            let number = i as u32 + 1;
            let mut line = LineView {
                number,
                text,
                body: body.iter().any(|r| (r[0]..=r[1]).contains(&number)),
                parts: Vec::new(),
                unfound: Vec::new(),
                cited_by: Vec::new(),
            };
            if let Some(c) = cited.and_then(|c| c.get(&number)) {
                let (parts, unfound) = cut(text, &c.quotes);
                line.parts = parts;
                line.unfound = unfound;
                line.cited_by = c
                    .facts
                    .iter()
                    .filter_map(|&n| self.anchors.get(n as usize))
                    .map(|(id, text)| BackLink {
                        id,
                        text,
                        href: format!("../../brief.html#{}", url_part(id)),
                    })
                    .collect();
            }
            views.push(line);
        }
        let view = source_view(id, sources, &self.numbers);
        let repeats = record
            .and_then(|r| r.repeats.as_deref())
            .filter(|r| *r != id && sources.contains_key(*r))
            .map(|r| url_part(&page_name(r)));
        let context = minijinja::context! {
            brief => minijinja::context! { title => &self.title, href => "../../brief.html" },
            source => Value::from_serialize(&view),
            repeats_href => repeats,
            lines => Value::from_serialize(&views),
            cited_lines => views.iter().filter(|l| !l.cited_by.is_empty() || !l.parts.is_empty()).count(),
            style_href => format!("../{STYLE_FILE}"),
        };
        let page = self
            .env
            .get_template(SOURCE_TEMPLATE)
            .and_then(|t| t.render(context))
            .map_err(|e| template_error(&self.templates, e))?;
        Ok(format!("{}\n", page.trim_end()))
    }
}

/// `text` cut into parts at the quotes found in it (overlapping quotes marked as one), and
/// the quotes not found in it.
fn cut<'a>(text: &'a str, quotes: &'a [Arc<str>]) -> (Vec<Part<'a>>, Vec<&'a str>) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut unfound = Vec::new();
    for q in quotes.iter().filter(|q| !q.is_empty()) {
        match text.find(&**q) {
            Some(start) => spans.push((start, start + q.len())),
            None => unfound.push(&**q),
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut parts = Vec::new();
    let mut at = 0;
    for (a, b) in merged {
        if a > at {
            parts.push(Part {
                text: &text[at..a],
                mark: false,
            });
        }
        parts.push(Part {
            text: &text[a..b],
            mark: true,
        });
        at = b;
    }
    if !parts.is_empty() && at < text.len() {
        parts.push(Part {
            text: &text[at..],
            mark: false,
        });
    }
    (parts, unfound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_specials_become_references() {
        assert_eq!(
            escape_html(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(escape_html("</mark>"), "&lt;/mark&gt;");
        assert_eq!(escape_html("plain: 15,000 troops"), "plain: 15,000 troops");
    }

    #[test]
    fn controls_and_bidi_overrides_become_replacement_characters() {
        assert_eq!(
            escape_html("a\u{0}b\u{7}c\rd"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(escape_html("x\u{202E}y\u{2066}z"), "x\u{FFFD}y\u{FFFD}z");
        assert_eq!(escape_html("tab\tand\nline"), "tab\tand\nline");
        // marks that carry no state stay: Arabic and Hebrew text needs them
        assert_eq!(escape_html("a\u{200F}b"), "a\u{200F}b");
    }

    #[test]
    fn ids_in_urls_are_percent_encoded() {
        assert_eq!(
            source_href("000_abc", Some(12)),
            "html/sources/000_abc.html#L12"
        );
        assert_eq!(
            source_href("a b?c#d/../e\"", None),
            "html/sources/a%20b%3Fc%23d%2F..%2Fe%22.html"
        );
        assert_eq!(url_part("c-fr+gb-air"), "c-fr+gb-air");
        assert_eq!(url_part("javascript:x"), "javascript%3Ax");
    }

    #[test]
    fn long_ids_get_short_page_names() {
        assert_eq!(page_name("000_abc"), "000_abc.html");
        let long = "é".repeat(150);
        let name = page_name(&long);
        assert!(name.len() <= 210, "{}", name.len());
        assert!(name.ends_with(".html"));
        assert_ne!(name, page_name(&"é".repeat(151)));
    }

    #[test]
    fn quotes_are_cut_out_of_their_line() {
        let q = |s: &str| -> Arc<str> { Arc::from(s) };
        let line = "Alpha said so. Beta agreed. Gamma left.";
        let quotes = [q("Beta agreed."), q("Gone."), q("Gamma")];
        let (parts, unfound) = cut(line, &quotes);
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text, p.mark)).collect();
        assert_eq!(
            shown,
            [
                ("Alpha said so. ", false),
                ("Beta agreed.", true),
                (" ", false),
                ("Gamma", true),
                (" left.", false)
            ]
        );
        assert_eq!(unfound, ["Gone."]);
        // overlapping quotes are one mark
        let overlapping = [q("said so. Beta"), q("Beta agreed.")];
        let (parts, _) = cut(line, &overlapping);
        assert_eq!(parts[1].text, "said so. Beta agreed.");
        assert!(parts[1].mark);
        // a line with no quote found has no parts: the template shows its text
        let elsewhere = [q("Delta")];
        let (parts, unfound) = cut(line, &elsewhere);
        assert!(parts.is_empty());
        assert_eq!(unfound, ["Delta"]);
    }
}
