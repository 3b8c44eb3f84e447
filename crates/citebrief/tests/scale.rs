//! A brief of thousands of sources builds with its PDF in bounded time and stays readable: the
//! PDF cites what each statement needs (six sources at most, eight values of a discrepancy),
//! its notes are endnotes past a few hundred, brief.md lists the sources it cites while
//! sources.md lists them all, and brief.html has a small page per source.

mod common;

use std::time::{Duration, Instant};

use common::{have, Scratch};

const SEED: u64 = 20260106;

/// A brief of `n` articles generated from the seed brief's sources, as `just bench` makes.
fn generated(n: u64) -> Scratch {
    let s = Scratch::seed(0);
    let corpus =
        citebrief_bench::Corpus::from_dir(&common::repo().join("briefs/paris-2026-01/sources"))
            .unwrap();
    for i in 0..n {
        std::fs::write(
            s.path("sources").join(format!("{i:06}.txt")),
            corpus.article(SEED, i),
        )
        .unwrap();
    }
    s
}

#[test]
fn a_large_brief_lists_the_sources_it_cites_and_all_of_them_beside_it() {
    let s = generated(300);
    s.build();
    let md = s.read("brief.md");
    assert!(
        md.contains("sources.md beside it lists all 300"),
        "brief.md says where the rest is"
    );
    let sources = s.read("sources.md");
    let rows = sources
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
        .count();
    assert_eq!(rows, 300, "sources.md lists every source");
    // brief.md names only sources it cites: each listed id is in a note
    let listed: Vec<&str> = md
        .split("## Sources")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|l| l.split("(id ").nth(1))
        .map(|rest| rest.trim_end_matches(')'))
        .collect();
    assert!(!listed.is_empty() && listed.len() < 300, "{}", listed.len());
    // discrepancies show eight values at most, and say where the others are
    for line in md.lines().filter(|l| l.starts_with("- **")) {
        assert!(line.matches(" according to ").count() <= 8, "{line}");
    }
    // one page per source, none large; brief.html about as large as brief.md
    let pages = s.pages();
    assert_eq!(pages.len(), 301, "300 pages and the style");
    let largest = pages.iter().map(|(_, b)| b.len()).max().unwrap();
    assert!(largest < 200_000, "a page of {largest} bytes");
    let html = s.read("brief.html");
    assert!(html.len() < 6 * md.len(), "{} bytes of HTML", html.len());
    // --check names the first pages out of date and counts the others
    let tpl = s.root.path().join("templates/html/source.html.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(
        &tpl,
        text.replace(
            "<main class=\"lines\">",
            "<main class=\"lines\" lang=\"en\">",
        ),
    )
    .unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "error: 300 output(s) out of date",
        ))
        .stderr(predicates::str::contains(
            "and 290 more source page(s) of brief.html",
        ));
}

#[test]
fn a_brief_of_3000_sources_builds_with_its_pdf_within_a_minute() {
    if !have("typst") {
        eprintln!("skipped: typst is not on PATH");
        return;
    }
    let s = generated(3000);
    let t = Instant::now();
    s.cmd()
        .args(["build", "briefs/b", "-q"])
        .timeout(Duration::from_secs(180))
        .assert()
        .success();
    let took = t.elapsed();
    assert!(took < Duration::from_secs(60), "took {took:?}");
    let pdf = std::fs::read(s.path("brief.pdf")).unwrap();
    assert_eq!(s.pages().len(), 3001, "a page per source, and the style");
    assert!(pdf.starts_with(b"%PDF"));
    let typst_source_notes = s.read("brief.md").matches("\n[^").count();
    assert!(
        typst_source_notes > citebrief_render::MAX_FOOTNOTES,
        "a brief this large has endnotes ({typst_source_notes} notes)"
    );
    if have("pdftotext") {
        let out = std::process::Command::new("pdftotext")
            .arg(s.path("brief.pdf"))
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Notes"), "the PDF ends with its notes");
        assert!(
            text.contains("sources.md"),
            "the PDF says where every source is"
        );
    }
}
