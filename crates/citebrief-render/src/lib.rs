//! Renders a brief: the fact store through minijinja templates to Markdown, Markdown to Typst
//! through pulldown-cmark, and Typst to PDF through the external `typst` CLI.
//!
//! It reads a [`citebrief_store::FactStore`] and never changes it. Text from sources is
//! untrusted: it must never become Markdown structure, HTML, template syntax or Typst code.
