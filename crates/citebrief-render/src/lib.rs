//! Renders a brief: the fact store through minijinja templates to Markdown, Markdown to Typst
//! through pulldown-cmark, and Typst to PDF through the external `typst` CLI.
//!
//! It reads a [`citebrief_store::FactStore`] and never changes it; it extracts nothing and
//! writes no file but the PDF it is asked for (and typst's input, removed after). Text from
//! sources is untrusted: it must never become Markdown structure, HTML, template syntax or
//! Typst code.
//!
//! - [`Templates`]: the built-in templates, each replaced by a user's file of the same name;
//! - [`render_markdown`]: templates (`brief.md.j2` and partials) to `brief.md`; [`prepare`]
//!   makes what the templates see once, for brief.md and brief.html alike;
//! - [`check_markdown`]: every statement in a cited section carries a footnote citation;
//! - [`markdown_to_typst`]: any Markdown to Typst markup that always compiles;
//! - [`render_html`]: templates (`html/brief.html.j2`, `html/source.html.j2`) to `brief.html`
//!   and a page per source, the quoted words marked;
//! - [`typst_document`], [`compile_pdf`], [`typst_version`]: the PDF.

mod check;
mod convert;
mod error;
mod escape;
mod html;
mod markdown;
mod pdf;
mod phrasing;
mod templates;
mod views;
mod wording;

pub use check::{check_markdown, CITED_END, CITED_START};
pub use convert::{markdown_to_typst, Conversion, MAX_FOOTNOTES};
pub use error::RenderError;
pub use escape::{escape_markdown, typst_string};
pub use html::{
    escape_html, page_name, render_html, Html, SourcePages, HTML_DIR, HTML_TEMPLATE, SOURCES_DIR,
    SOURCE_TEMPLATE, STYLE_FILE, STYLE_TEMPLATE,
};
pub use markdown::{
    actor_words, fact_wordings, prepare, render_markdown, render_sources, Views, BRIEF_TEMPLATE,
    LISTED_SOURCES,
};
pub use pdf::{
    compile_pdf, compile_pdf_bytes, typst_document, typst_timeout, typst_version, Pdf, TYPST_ENV,
    TYPST_TEMPLATE, TYPST_TIMEOUT, TYPST_TIMEOUT_ENV, TYPST_VERSION,
};
pub use templates::{builtin, Templates, BUILTIN};
pub use wording::{Wording, WordingFile, STATEMENTS, WORDING};
