//! The PDF says what the Markdown says, and rebuilds byte for byte.

mod common;

use std::path::Path;
use std::process::Command;

use citebrief_render::{compile_pdf, markdown_to_typst, render_markdown, typst_document};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn have(program: &str, arg: &str) -> bool {
    let found = Command::new(program).arg(arg).output().is_ok();
    if !found {
        println!("skipped: `{program}` is not on PATH");
    }
    found
}

/// Letters and digits only, ligatures undone: line breaks, hyphenation, quotes and footnote
/// marks in between do not matter.
fn letters(text: &str) -> String {
    text.replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .replace('ﬀ', "ff")
        .replace('ﬃ', "ffi")
        .replace('ﬄ', "ffl")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The visible text of every list item and paragraph of the Markdown, footnotes included,
/// split where footnote marks sit (the PDF shows their numbers there).
fn statements(md: &str) -> Vec<String> {
    let mut open: Vec<String> = Vec::new();
    let mut done = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item) => open.push(String::new()),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => done.extend(open.pop()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = open.last_mut() {
                    s.push_str(&t)
                }
            }
            Event::FootnoteReference(_) => {
                if let Some(s) = open.last_mut() {
                    done.push(std::mem::take(s));
                }
            }
            _ => {}
        }
    }
    done.retain(|s| !s.trim().is_empty());
    done
}

fn build(dir: &Path, md: &str, name: &str) -> Vec<u8> {
    let templates = common::templates_dir();
    let conv = markdown_to_typst(md, dir);
    assert!(conv.warnings.is_empty(), "{:?}", conv.warnings);
    let source =
        typst_document(&templates, &common::config(), &common::store(), &conv.typst).unwrap();
    let pdf = dir.join(name);
    let warnings = compile_pdf(&source, dir, &pdf, 1_900_000_000).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    std::fs::read(pdf).unwrap()
}

#[test]
fn the_pdf_shows_every_statement_and_quote_and_rebuilds_identically() {
    if !have("typst", "--version") || !have("pdftotext", "-v") {
        return;
    }
    let md = render_markdown(
        common::templates_dir(),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = build(dir.path(), &md, "a.pdf");
    let second = build(dir.path(), &md, "b.pdf");
    assert!(first == second, "the PDF differs between two builds");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );

    let out = Command::new("pdftotext")
        .arg(dir.path().join("a.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf_text = letters(&String::from_utf8_lossy(&out.stdout));

    let statements = statements(&md);
    assert!(statements.len() > 15, "{statements:#?}");
    for s in &statements {
        assert!(pdf_text.contains(&letters(s)), "not in the PDF: {s:?}");
    }
    let quote = "Berlin ruled out sending soldiers to the quay.";
    assert!(
        statements.iter().any(|s| s.contains(quote)),
        "footnote quotes are checked too"
    );
    assert!(!pdf_text.contains("REJECTEDMARKER"));
}

#[test]
fn a_hostile_title_is_text_in_the_pdf() {
    if !have("typst", "--version") || !have("pdftotext", "-v") {
        return;
    }
    let mut config = common::config();
    config.title = "Title \"); #panic(\"boom\") \\ <x> $y$".into();
    config.subject = Some("] #set page(width: 1cm) [".into());
    let dir = tempfile::tempdir().unwrap();
    let source = typst_document(
        common::templates_dir(),
        &config,
        &common::store(),
        "#\"body\"",
    )
    .unwrap();
    compile_pdf(&source, dir.path(), &dir.path().join("t.pdf"), 0).unwrap();
    let out = Command::new("pdftotext")
        .arg(dir.path().join("t.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Title \"); #panic(\"boom\") \\ <x> $y$"),
        "{text}"
    );
    assert!(
        text.contains("2031-04-03"),
        "the newest source date is in the header: {text}"
    );
}
