//! Markdown to Typst, in one pass over pulldown-cmark's events.
//!
//! Every piece of text from the Markdown is written as a Typst string literal (`#"..."`) and
//! every URL, path, language tag and code span as a string argument, so no input can become
//! Typst code. The only raw control characters in the output are the footnote placeholders
//! this module writes itself (string literals escape every control character), which are
//! replaced by `#footnote[...]` calls once all definitions are known.

use std::collections::HashMap;
use std::path::{Component, Path};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::escape::{push_typst_escaped, push_typst_string};

/// The result of [`markdown_to_typst`]: Typst markup and what could not be rendered as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// Typst markup for the document body (no page set-up).
    pub typst: String,
    /// Problems worth telling the user, each starting with `line N:` of the Markdown.
    pub warnings: Vec<String>,
    /// The image files the Typst markup shows, relative to the root it was converted for:
    /// typst must be able to read them there, and nothing else.
    pub images: Vec<String>,
}

/// The Markdown dialect: CommonMark with GitHub's tables, footnotes, strikethrough and task
/// lists, as GitHub renders `brief.md`.
pub(crate) fn gfm_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Image formats typst reads.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Footnotes nested deeper than this inside other footnotes are shown as their label.
const MAX_FOOTNOTE_NESTING: usize = 16;

/// A document with more footnotes than this gets endnotes instead: numbered marks that link
/// to a list of notes at its end. typst lays footnotes out in time that grows with the square
/// of their number (2,000 took 35 s and 7 GB; 5,600 over 290 s and 13 GB), endnotes in time
/// that grows with it (10,000 in 3 s).
pub const MAX_FOOTNOTES: usize = 300;

/// Marks a footnote reference in the buffer: `START index END`.
const REF_START: char = '\u{1}';
const REF_END: char = '\u{2}';

/// Converts Markdown to Typst markup. `root` is the folder image paths are resolved against
/// (the folder the Typst source will be compiled in); a missing image becomes its alt text,
/// with a warning.
pub fn markdown_to_typst(markdown: &str, root: &Path) -> Conversion {
    let mut conv = Converter {
        root,
        lines: LineIndex::new(markdown),
        out: String::with_capacity(markdown.len() * 2),
        text_end: None,
        saved: Vec::new(),
        containers: Vec::new(),
        verbatim: None,
        image: None,
        footnotes: Footnotes::default(),
        warnings: Vec::new(),
        images: Vec::new(),
        flattened: false,
    };
    for (event, range) in Parser::new_ext(markdown, gfm_options()).into_offset_iter() {
        conv.event(event, range.start);
    }
    let Converter {
        out,
        footnotes,
        mut warnings,
        mut images,
        ..
    } = conv;
    let typst = footnotes.place(&out, &mut warnings);
    images.sort();
    images.dedup();
    Conversion {
        typst,
        warnings,
        images,
    }
}

/// Maps byte offsets to 1-based line numbers.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// An open block or inline container, for what its end needs to know.
enum Container {
    List {
        loose: bool,
    },
    Item,
    Table {
        columns: usize,
        cells: usize,
    },
    /// Any other container, with its [`cost`](Container::cost).
    Other(usize),
    /// A container left out because it was nested too deep ([`MAX_NESTING`]): its content is
    /// written where it is, without the container's markup.
    Flat,
}

impl Container {
    /// How much of typst's nesting depth the container takes up, roughly: typst stops at a
    /// depth of 64 show rules, which 17 nested block quotes or 40 nested lists reach.
    fn cost(&self) -> usize {
        match self {
            Container::List { .. } | Container::Table { .. } => 2,
            Container::Item | Container::Flat => 0,
            Container::Other(c) => *c,
        }
    }
}

/// The most nesting ([`Container::cost`]) one flow of text (the body, or a footnote's, which
/// typst lays out on its own) may hold; deeper containers are written flat, with a warning.
/// Leaves a quarter of typst's depth to the page template's show rules.
const MAX_NESTING: usize = 48;

/// The nesting cost of a block quote: typst's quote takes several show rules.
const QUOTE_COST: usize = 4;

/// Text that is collected rather than written: code blocks and HTML blocks.
struct Verbatim {
    text: String,
    lang: Option<String>,
    html: bool,
}

/// An image being read: its alt text is collected as plain text.
struct Image {
    dest: String,
    alt: String,
    depth: usize,
    line: usize,
}

struct Converter<'a> {
    root: &'a Path,
    lines: LineIndex,
    out: String,
    /// Where the last string literal ends, so that adjacent text joins into one literal.
    text_end: Option<usize>,
    /// Buffers set aside while a footnote definition is written into `out`.
    saved: Vec<(String, Option<usize>, Vec<Container>)>,
    containers: Vec<Container>,
    verbatim: Option<Verbatim>,
    image: Option<Image>,
    footnotes: Footnotes,
    warnings: Vec<String>,
    images: Vec<String>,
    /// Some container was left out for nesting too deep (warned once).
    flattened: bool,
}

impl Converter<'_> {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        if let Some(image) = &mut self.image {
            match event {
                Event::Start(Tag::Image { .. }) => image.depth += 1,
                Event::End(TagEnd::Image) if image.depth > 0 => image.depth -= 1,
                Event::End(TagEnd::Image) => self.end_image(),
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                    image.alt.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
                _ => {}
            }
            return;
        }
        if let Some(verbatim) = &mut self.verbatim {
            match event {
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => self.end_verbatim(),
                Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    verbatim.text.push_str(&t)
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.call("raw", &t),
            Event::InlineHtml(t) | Event::Html(t) if !is_comment(&t) => self.text(&t),
            Event::InlineHtml(_) | Event::Html(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::FootnoteReference(label) => {
                let index = self.footnotes.index(&label);
                self.raw(&format!("{REF_START}{index}{REF_END}"));
            }
            Event::SoftBreak => self.raw("\n"),
            Event::HardBreak => self.raw("#linebreak()\n"),
            Event::Rule => {
                self.block();
                self.raw("#line(length: 100%)");
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        if self.flattens(&tag, offset) {
            if !matches!(
                tag,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
                    | Tag::Link { .. }
                    | Tag::TableCell
            ) {
                self.block();
            }
            self.containers.push(Container::Flat);
            return;
        }
        let container = match tag {
            Tag::Paragraph => {
                self.block();
                if let [.., Container::List { loose }, Container::Item] = &mut self.containers[..] {
                    *loose = true;
                }
                return;
            }
            Tag::Heading { level, .. } => {
                self.block();
                self.raw(&format!("#heading(level: {})[", level as usize));
                Container::Other(1)
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.raw("#quote(block: true)[");
                Container::Other(QUOTE_COST)
            }
            Tag::CodeBlock(kind) => {
                self.block();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(String::from),
                    CodeBlockKind::Indented => None,
                };
                self.verbatim = Some(Verbatim {
                    text: String::new(),
                    lang,
                    html: false,
                });
                return;
            }
            Tag::HtmlBlock => {
                self.block();
                self.verbatim = Some(Verbatim {
                    text: String::new(),
                    lang: None,
                    html: true,
                });
                return;
            }
            Tag::List(start) => {
                self.block();
                match start {
                    Some(n) => self.raw(&format!("#enum(start: {n}, ")),
                    None => self.raw("#list("),
                }
                Container::List { loose: false }
            }
            Tag::Item => {
                self.raw("[");
                Container::Item
            }
            Tag::FootnoteDefinition(label) => {
                let index = self.footnotes.index(&label);
                self.footnotes.open(index);
                let outer = std::mem::take(&mut self.out);
                let containers = std::mem::take(&mut self.containers);
                self.saved.push((outer, self.text_end.take(), containers));
                return;
            }
            Tag::Table(aligns) => {
                self.block();
                let columns = aligns.len();
                self.raw(&format!("#table(columns: {columns}, align: ("));
                for a in &aligns {
                    self.raw(match a {
                        Alignment::None => "auto, ",
                        Alignment::Left => "left, ",
                        Alignment::Center => "center, ",
                        Alignment::Right => "right, ",
                    });
                }
                self.raw("), ");
                Container::Table { columns, cells: 0 }
            }
            Tag::TableHead => {
                self.raw("table.header(");
                Container::Other(1)
            }
            Tag::TableRow => Container::Other(0),
            Tag::TableCell => {
                if let Some(Container::Table { cells, .. }) = self
                    .containers
                    .iter_mut()
                    .rev()
                    .find(|c| matches!(c, Container::Table { .. }))
                {
                    *cells += 1;
                }
                self.raw("[");
                Container::Other(1)
            }
            Tag::Emphasis => self.open("#emph["),
            Tag::Strong => self.open("#strong["),
            Tag::Strikethrough => self.open("#strike["),
            Tag::Superscript => self.open("#super["),
            Tag::Subscript => self.open("#sub["),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                if dest_url.trim().is_empty() {
                    self.open("#[")
                } else {
                    let dest = match link_type {
                        LinkType::Email if !dest_url.starts_with("mailto:") => {
                            format!("mailto:{dest_url}")
                        }
                        _ => dest_url.to_string(),
                    };
                    self.raw("#link(");
                    self.string(&dest);
                    self.open(")[")
                }
            }
            Tag::Image { dest_url, .. } => {
                self.image = Some(Image {
                    dest: dest_url.to_string(),
                    alt: String::new(),
                    depth: 0,
                    line: self.lines.line(offset),
                });
                return;
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {
                self.block();
                self.open("#[")
            }
        };
        self.containers.push(container);
    }

    fn end(&mut self, tag: TagEnd) {
        let opens_container = !matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Image
                | TagEnd::FootnoteDefinition
        );
        if opens_container && matches!(self.containers.last(), Some(Container::Flat)) {
            self.containers.pop();
            if matches!(tag, TagEnd::TableCell) {
                self.text(" ");
            }
            return;
        }
        match tag {
            TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image => {}
            TagEnd::FootnoteDefinition => {
                let body = std::mem::take(&mut self.out);
                let (outer, text_end, containers) =
                    self.saved.pop().expect("a footnote definition was opened");
                self.out = outer;
                self.text_end = text_end;
                self.containers = containers;
                self.footnotes.close(body.trim_end().to_string());
            }
            TagEnd::List(_) => {
                let loose = matches!(self.containers.pop(), Some(Container::List { loose: true }));
                self.raw(if loose { "tight: false)" } else { ")" });
            }
            TagEnd::Item => {
                self.containers.pop();
                self.close("], ");
            }
            TagEnd::Table => {
                self.containers.pop();
                self.raw(")");
            }
            TagEnd::TableHead => {
                self.pad_row();
                self.containers.pop();
                self.raw("), ");
            }
            TagEnd::TableRow => {
                self.pad_row();
                self.containers.pop();
            }
            TagEnd::TableCell => {
                self.containers.pop();
                self.close("], ");
            }
            _ => {
                self.containers.pop();
                self.close("]");
            }
        }
    }

    /// Fills a short table row with empty cells, so that rows never shift.
    fn pad_row(&mut self) {
        if let Some(Container::Table { columns, cells }) = self
            .containers
            .iter_mut()
            .rev()
            .find(|c| matches!(c, Container::Table { .. }))
        {
            let missing = columns.saturating_sub(*cells);
            *cells = 0;
            self.raw(&"[], ".repeat(missing));
        }
    }

    fn end_image(&mut self) {
        let image = self.image.take().expect("an image is open");
        match self.image_path(&image.dest) {
            Ok(path) => {
                self.raw("#box(image(");
                self.string(&path);
                self.images.push(path.clone());
                self.raw(", alt: ");
                self.string(&image.alt);
                self.raw("))");
            }
            Err(why) => {
                self.warnings.push(format!(
                    "line {}: image `{}` {why}; showing its alt text instead",
                    image.line, image.dest
                ));
                self.text(&image.alt);
            }
        }
    }

    /// The image's path relative to the root, if typst can read it.
    fn image_path(&self, dest: &str) -> Result<String, &'static str> {
        if dest.contains("://") || dest.starts_with("data:") {
            return Err("is not a local file (remote images are not fetched)");
        }
        let rel = Path::new(dest.trim_start_matches('/'));
        if dest.is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err("is not a path inside the brief folder");
        }
        let ext = rel
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !ext.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str())) {
            return Err("is not a PNG, JPEG, GIF, SVG or WebP file");
        }
        // every folder on the way and the file itself: never a link, which could lead out of
        // the folder
        let mut at = self.root.to_path_buf();
        for part in rel.components() {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err("is a symbolic link, which citebrief does not follow")
                }
                Ok(_) => {}
                Err(_) => return Err("was not found"),
            }
        }
        if !at.is_file() {
            return Err("was not found");
        }
        Ok(rel.to_string_lossy().into_owned())
    }

    fn end_verbatim(&mut self) {
        let v = self.verbatim.take().expect("a verbatim block is open");
        let text = v.text.strip_suffix('\n').unwrap_or(&v.text);
        if v.html {
            if !is_comment(text) {
                self.text(text);
            }
            return;
        }
        self.raw("#raw(");
        self.string(text);
        self.raw(", block: true");
        if let Some(lang) = &v.lang {
            self.raw(", lang: ");
            self.string(lang);
        }
        self.raw(")");
    }

    /// Starts a block: blocks are separated by a blank line, except at the start of content.
    fn block(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        self.out.truncate(trimmed);
        if !(self.out.is_empty() || self.out.ends_with('[')) {
            self.out.push_str("\n\n");
        }
    }

    fn open(&mut self, markup: &str) -> Container {
        self.raw(markup);
        Container::Other(1)
    }

    /// True when the container `tag` opens would nest too deep, or belongs to a container
    /// left out (an item of a flat list): it is then left out too, its content kept
    /// ([`Container::Flat`]).
    fn flattens(&mut self, tag: &Tag<'_>, offset: usize) -> bool {
        let cost = match tag {
            Tag::Paragraph
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::Image { .. } => return false,
            Tag::Item | Tag::TableHead | Tag::TableRow | Tag::TableCell => {
                return matches!(self.containers.last(), Some(Container::Flat));
            }
            Tag::BlockQuote(_) => QUOTE_COST,
            Tag::List(_) | Tag::Table(_) => 2,
            _ => 1,
        };
        let used: usize = self.containers.iter().map(Container::cost).sum();
        if used + cost <= MAX_NESTING {
            return false;
        }
        if !self.flattened {
            self.flattened = true;
            self.warnings.push(format!(
                "line {}: quotes, lists or emphasis nested deeper than typst can show; the \
                 deeper levels are shown flat",
                self.lines.line(offset)
            ));
        }
        true
    }

    /// Ends a content block, dropping whitespace before it.
    fn close(&mut self, markup: &str) {
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        self.out.truncate(trimmed);
        self.raw(markup);
    }

    /// Writes Typst markup produced here (never text from the input).
    fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Writes a string argument.
    fn string(&mut self, text: &str) {
        push_typst_string(&mut self.out, text);
    }

    /// Writes `#name("text")`.
    fn call(&mut self, name: &str, text: &str) {
        self.raw("#");
        self.raw(name);
        self.raw("(");
        self.string(text);
        self.raw(")");
    }

    /// Writes text as a string literal, joined to the previous literal when adjacent.
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.text_end == Some(self.out.len()) {
            self.out.pop();
            push_typst_escaped(&mut self.out, text);
            self.out.push('"');
        } else {
            self.out.push('#');
            push_typst_string(&mut self.out, text);
        }
        self.text_end = Some(self.out.len());
    }
}

/// An HTML comment, invisible on GitHub, so left out of the PDF as well.
fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.find("-->") == Some(html.len() - 3)
}

/// Footnote labels, definitions and where they are placed.
#[derive(Default)]
struct Footnotes {
    by_label: HashMap<String, usize>,
    labels: Vec<String>,
    bodies: Vec<Option<String>>,
    /// Definitions being read (a definition inside another one's body is possible).
    open: Vec<usize>,
}

/// How far a footnote has been placed.
#[derive(Clone, Copy, PartialEq)]
enum Placed {
    No,
    InProgress,
    Done,
}

impl Footnotes {
    fn index(&mut self, label: &str) -> usize {
        let key = label.to_lowercase();
        if let Some(&i) = self.by_label.get(&key) {
            return i;
        }
        self.labels.push(label.to_string());
        self.bodies.push(None);
        self.by_label.insert(key, self.labels.len() - 1);
        self.labels.len() - 1
    }

    fn open(&mut self, index: usize) {
        self.open.push(index);
    }

    fn close(&mut self, body: String) {
        let index = self.open.pop().expect("a footnote definition is open");
        // The first definition of a label wins, as on GitHub.
        self.bodies[index].get_or_insert(body);
    }

    /// Replaces every reference placeholder: the first reference to a footnote becomes
    /// `#footnote[body]<label>`, later ones `#footnote(<label>)`; adjacent marks are
    /// separated by a superscript comma. A footnote that refers to
    /// itself (directly or through others) shows its label there instead: no recursion
    /// without bound.
    fn place(&self, text: &str, warnings: &mut Vec<String>) -> String {
        let mut placed = vec![Placed::No; self.labels.len()];
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        if self.bodies.iter().flatten().count() > MAX_FOOTNOTES {
            self.place_endnotes(text, &mut placed, &mut out);
        } else {
            self.expand(text, &mut placed, &mut out, 0);
        }
        for (i, state) in placed.iter().enumerate() {
            if *state == Placed::No && self.bodies[i].is_some() {
                warnings.push(format!(
                    "footnote [^{}] is defined but never referenced; left out",
                    self.labels[i]
                ));
            }
        }
        out
    }

    /// [`Footnotes::place`] as endnotes: each reference a superscript number linking to its
    /// note, numbered in order of first reference, and the notes in that order under a
    /// `Notes` heading at the end, each note's own references numbered in turn.
    fn place_endnotes(&self, text: &str, placed: &mut [Placed], out: &mut String) {
        let mut numbers: Vec<Option<usize>> = vec![None; self.labels.len()];
        let mut order: Vec<usize> = Vec::new();
        self.link_refs(text, &mut numbers, &mut order, out);
        if order.is_empty() {
            return;
        }
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        out.push_str("\n\n#heading(level: 2)[#\"Notes\"]\n\n");
        // notes are numbered as they are referenced, in the text or in earlier notes
        let mut next = 0;
        while let Some(&index) = order.get(next) {
            next += 1;
            placed[index] = Placed::Done;
            let n = numbers[index].unwrap_or_default();
            out.push_str(&format!("#block[#super[{n}]#h(0.3em)"));
            if let Some(body) = &self.bodies[index] {
                self.link_refs(body, &mut numbers, &mut order, out);
            }
            out.push_str(&format!("]<cb-en-{index}>\n\n"));
        }
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
    }

    /// Copies `text` to `out`, each reference placeholder replaced by its endnote's number,
    /// linked to the note; a reference to a footnote without a definition shows its label.
    fn link_refs(
        &self,
        text: &str,
        numbers: &mut [Option<usize>],
        order: &mut Vec<usize>,
        out: &mut String,
    ) {
        let mut rest = text;
        let mut last_ref_end = None;
        while let Some(start) = rest.find(REF_START) {
            out.push_str(&rest[..start]);
            if last_ref_end == Some(out.len()) {
                out.push_str("#super[,]");
            }
            let after = &rest[start + REF_START.len_utf8()..];
            let Some(end) = after.find(REF_END) else {
                break;
            };
            let index = after[..end]
                .parse::<usize>()
                .ok()
                .filter(|&i| i < numbers.len());
            rest = &after[end + REF_END.len_utf8()..];
            match index {
                Some(index) if self.bodies[index].is_some() => {
                    let n = *numbers[index].get_or_insert_with(|| {
                        order.push(index);
                        order.len()
                    });
                    out.push_str(&format!("#super[#link(<cb-en-{index}>)[{n}]]"));
                }
                Some(index) => {
                    out.push('#');
                    push_typst_string(out, &format!("[^{}]", self.labels[index]));
                }
                None => {}
            }
            last_ref_end = Some(out.len());
        }
        out.push_str(rest);
    }

    fn expand(&self, text: &str, placed: &mut [Placed], out: &mut String, depth: usize) {
        let mut rest = text;
        let mut last_ref_end = None;
        while let Some(start) = rest.find(REF_START) {
            out.push_str(&rest[..start]);
            if last_ref_end == Some(out.len()) {
                out.push_str("#super[,]");
            }
            let after = &rest[start + REF_START.len_utf8()..];
            let end = after.find(REF_END).expect("placeholders are closed");
            let index: usize = after[..end].parse().expect("placeholders hold an index");
            rest = &after[end + REF_END.len_utf8()..];
            match (placed[index], &self.bodies[index]) {
                (Placed::Done, _) => out.push_str(&format!("#footnote(<cb-fn-{index}>)")),
                (Placed::No, Some(body)) if depth < MAX_FOOTNOTE_NESTING => {
                    placed[index] = Placed::InProgress;
                    out.push_str("#footnote[");
                    self.expand(body, placed, out, depth + 1);
                    out.push_str(&format!("]<cb-fn-{index}>"));
                    placed[index] = Placed::Done;
                }
                _ => {
                    out.push('#');
                    push_typst_string(out, &format!("[^{}]", self.labels[index]));
                }
            }
            last_ref_end = Some(out.len());
        }
        out.push_str(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typst(md: &str) -> String {
        markdown_to_typst(md, Path::new("/nonexistent")).typst
    }

    #[test]
    fn paragraphs_are_string_literals_separated_by_blank_lines() {
        assert_eq!(
            typst("one\n\ntwo \"q\" \\ #x\n"),
            "#\"one\"\n\n#\"two \\\"q\\\" \\\\ #x\""
        );
    }

    #[test]
    fn headings_keep_their_level() {
        assert_eq!(typst("### Three\n"), "#heading(level: 3)[#\"Three\"]");
    }

    #[test]
    fn emphasis_strong_and_strikethrough_nest() {
        assert_eq!(
            typst("*a **b** ~~c~~*\n"),
            "#emph[#\"a \"#strong[#\"b\"]#\" \"#strike[#\"c\"]]"
        );
    }

    #[test]
    fn links_quote_their_target_and_empty_targets_drop_the_link() {
        assert_eq!(
            typst("[x](http://a.b/\"c\")\n"),
            "#link(\"http://a.b/\\\"c\\\"\")[#\"x\"]"
        );
        assert_eq!(typst("[x]()\n"), "#[#\"x\"]");
        assert_eq!(
            typst("<me@x.org>\n"),
            "#link(\"mailto:me@x.org\")[#\"me@x.org\"]"
        );
    }

    #[test]
    fn ordered_lists_keep_their_start_and_loose_lists_say_so() {
        assert_eq!(
            typst("3. a\n4. b\n"),
            "#enum(start: 3, [#\"a\"], [#\"b\"], )"
        );
        assert_eq!(
            typst("- a\n\n- b\n"),
            "#list([#\"a\"], [#\"b\"], tight: false)"
        );
        assert_eq!(
            typst("- a\n  - b\n"),
            "#list([#\"a\"\n\n#list([#\"b\"], )], )"
        );
    }

    #[test]
    fn containers_nested_deeper_than_typst_can_show_are_written_flat() {
        let conv = markdown_to_typst(
            &format!("{}deep\n", "> ".repeat(40)),
            Path::new("/nonexistent"),
        );
        let quotes = conv.typst.matches("#quote(").count();
        assert_eq!(quotes, MAX_NESTING / QUOTE_COST, "{}", conv.typst);
        assert!(conv.typst.contains("deep"));
        assert_eq!(
            conv.typst.matches('[').count(),
            conv.typst.matches(']').count()
        );
        assert_eq!(conv.warnings.len(), 1, "{:?}", conv.warnings);
        assert!(
            conv.warnings[0].starts_with("line 1:"),
            "{:?}",
            conv.warnings
        );

        // a flat list keeps its items, as paragraphs
        let md: String = (0..40)
            .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
            .collect();
        let conv = markdown_to_typst(&md, Path::new("/nonexistent"));
        assert_eq!(conv.typst.matches("#list(").count(), MAX_NESTING / 2);
        for i in 0..40 {
            assert!(conv.typst.contains(&format!("item {i}")), "item {i}");
        }
        // a footnote's text is laid out on its own: it starts again from nothing
        let conv = markdown_to_typst(
            &format!("{}a[^n]\n\n[^n]: {}b\n", "> ".repeat(12), "> ".repeat(12)),
            Path::new("/nonexistent"),
        );
        assert_eq!(conv.typst.matches("#quote(").count(), 24, "{}", conv.typst);
        assert!(conv.warnings.is_empty(), "{:?}", conv.warnings);
    }

    #[cfg(unix)]
    #[test]
    fn images_are_listed_and_never_read_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), b"png").unwrap();
        std::fs::write(dir.path().join("secret.png"), b"png").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.png"), dir.path().join("b.png"))
            .unwrap();
        let conv = markdown_to_typst("![a](a.png) ![b](b.png) ![a](a.png)\n", dir.path());
        assert_eq!(conv.images, ["a.png"]);
        assert_eq!(conv.warnings.len(), 1, "{:?}", conv.warnings);
        assert!(
            conv.warnings[0].contains("symbolic link"),
            "{:?}",
            conv.warnings
        );
    }

    #[test]
    fn block_quotes_code_and_rules() {
        assert_eq!(typst("> q\n"), "#quote(block: true)[#\"q\"]");
        assert_eq!(
            typst("```rust\nfn x() {}\n```\n"),
            "#raw(\"fn x() {}\", block: true, lang: \"rust\")"
        );
        assert_eq!(typst("a `b\"` c\n"), "#\"a \"#raw(\"b\\\"\")#\" c\"");
        assert_eq!(typst("a\n\n---\n"), "#\"a\"\n\n#line(length: 100%)");
    }

    #[test]
    fn tables_pad_short_rows_and_keep_alignment() {
        assert_eq!(
            typst("| a | b |\n|:-|-:|\n| c |\n"),
            "#table(columns: 2, align: (left, right, ), table.header([#\"a\"], [#\"b\"], ), [#\"c\"], [], )"
        );
    }

    #[test]
    fn html_is_literal_text_and_comments_are_dropped() {
        assert_eq!(typst("<div>x</div>\n"), "#\"<div>x</div>\"");
        assert_eq!(typst("a <b>c</b>\n"), "#\"a <b>c</b>\"");
        assert_eq!(typst("<!-- hidden -->\n\ntext\n"), "#\"text\"");
    }

    #[test]
    fn breaks() {
        assert_eq!(typst("a\\\nb\n"), "#\"a\"#linebreak()\n#\"b\"");
        assert_eq!(typst("a\nb\n"), "#\"a\"\n#\"b\"");
    }

    #[test]
    fn footnotes_are_placed_at_their_first_reference_wherever_defined() {
        let md = "[^n]: before\n\nx[^n] y[^n] z[^later]\n\n[^later]: after\n";
        assert_eq!(
            typst(md),
            "#\"x\"#footnote[#\"before\"]<cb-fn-0>#\" y\"#footnote(<cb-fn-0>)#\" z\"#footnote[#\"after\"]<cb-fn-1>"
        );
        assert_eq!(
            typst("a[^1][^2]\n\n[^1]: x\n\n[^2]: y\n"),
            "#\"a\"#footnote[#\"x\"]<cb-fn-0>#super[,]#footnote[#\"y\"]<cb-fn-1>"
        );
    }

    #[test]
    fn many_footnotes_become_endnotes_linked_from_their_marks() {
        let n = MAX_FOOTNOTES + 1;
        let mut md = String::new();
        for i in 0..n {
            md.push_str(&format!("- statement {i}[^{i}][^{}]\n", (i + 1) % n));
        }
        md.push_str("\n[^0]: note zero, see[^1]\n");
        for i in 1..n {
            md.push_str(&format!("\n[^{i}]: note {i}\n"));
        }
        let c = markdown_to_typst(&md, Path::new("/nonexistent"));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert!(!c.typst.contains("#footnote"), "no typst footnotes");
        assert_eq!(
            c.typst.matches("#block[#super[").count(),
            n,
            "each note once"
        );
        // numbered by first reference: statement 0 cites notes 1 and 2
        assert!(c.typst.contains(
            "#\"statement 0\"#super[#link(<cb-en-0>)[1]]#super[,]#super[#link(<cb-en-1>)[2]]"
        ));
        let notes = c
            .typst
            .split("#heading(level: 2)[#\"Notes\"]")
            .nth(1)
            .unwrap();
        assert!(notes.starts_with("\n\n#block[#super[1]#h(0.3em)#\"note zero, see\"#super[#link(<cb-en-1>)[2]]]<cb-en-0>"), "{}", &notes[..200]);
        // every mark links to a note that is there
        for i in 0..n {
            assert!(c.typst.contains(&format!("]<cb-en-{i}>")), "note {i}");
        }
        // few footnotes stay footnotes
        assert!(typst("a[^1]\n\n[^1]: x\n").contains("#footnote["));
    }

    #[test]
    fn self_referencing_footnotes_stop() {
        let md = "a[^1]\n\n[^1]: see[^1] and[^2]\n\n[^2]: back[^1]\n";
        assert_eq!(
            typst(md),
            "#\"a\"#footnote[#\"see\"#\"[^1]\"#\" and\"#footnote[#\"back\"#\"[^1]\"]<cb-fn-1>]<cb-fn-0>"
        );
    }

    #[test]
    fn unreferenced_footnotes_are_left_out_with_a_warning() {
        let c = markdown_to_typst("text\n\n[^x]: lonely\n", Path::new("/nonexistent"));
        assert_eq!(c.typst, "#\"text\"");
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].contains("[^x]"), "{:?}", c.warnings);
    }

    #[test]
    fn missing_images_become_their_alt_text_with_a_warning() {
        let c = markdown_to_typst("para\n\n![a *b*](nope.png)\n", Path::new("/nonexistent"));
        assert_eq!(c.typst, "#\"para\"\n\n#\"a b\"");
        assert!(
            c.warnings[0].starts_with("line 3: image `nope.png`"),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn existing_images_are_included_by_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("img")).unwrap();
        std::fs::write(dir.path().join("img/p.png"), b"png").unwrap();
        let c = markdown_to_typst("![alt \"q\"](img/p.png)\n", dir.path());
        assert_eq!(
            c.typst,
            "#box(image(\"img/p.png\", alt: \"alt \\\"q\\\"\"))"
        );
        assert!(c.warnings.is_empty());
        let escape = markdown_to_typst("![x](../p.png)\n", dir.path());
        assert_eq!(escape.typst, "#\"x\"");
    }

    #[test]
    fn task_list_markers_are_text() {
        assert_eq!(typst("- [x] done\n"), "#list([#\"[x] done\"], )");
    }
}
