//! The brief's Markdown, rendered from the workspace templates and a made-up store.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use citebrief_render::{check_markdown, render_markdown, RenderError};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn render(store: &citebrief_store::FactStore) -> String {
    render_markdown(
        common::templates_dir(),
        &common::config(),
        store,
        &common::names(),
    )
    .unwrap()
}

fn gfm(md: &str) -> Parser<'_> {
    Parser::new_ext(
        md,
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH,
    )
}

#[test]
fn the_sample_brief_matches_its_snapshot() {
    insta::assert_snapshot!(render(&common::store()));
}

#[test]
fn every_statement_is_cited_and_every_footnote_resolves() {
    assert_eq!(
        check_markdown(&render(&common::store())),
        Vec::<String>::new()
    );
}

#[test]
fn rejected_facts_are_left_out_and_stale_ones_marked() {
    let md = render(&common::store());
    assert!(!md.contains("REJECTED-MARKER"));
    let stale_line = md
        .lines()
        .find(|l| l.contains("The league plans to train Zembla's forces"))
        .expect("the stale commitment is listed");
    assert!(
        stale_line.contains("(stale: no longer found in the sources)"),
        "{stale_line}"
    );
}

#[test]
fn the_order_of_facts_in_the_store_does_not_change_the_brief() {
    let store = common::store();
    let mut reversed = store.clone();
    reversed.commitments.reverse();
    reversed.caveats.reverse();
    for d in &mut reversed.discrepancies {
        d.claims.reverse();
    }
    for c in &mut reversed.commitments {
        c.citations.reverse();
    }
    assert_eq!(render(&store), render(&reversed));
}

/// The text of every footnote definition, as GitHub would show it.
fn footnote_texts(md: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut current: Option<String> = None;
    for event in gfm(md) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => current = Some(String::new()),
            Event::End(TagEnd::FootnoteDefinition) => notes.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = &mut current {
                    c.push_str(&t)
                }
            }
            _ => {}
        }
    }
    notes
}

#[test]
fn quotes_come_out_word_for_word_and_never_as_markdown_structure() {
    let store = common::store();
    let md = render(&store);
    let notes = footnote_texts(&md);
    for c in store
        .commitments
        .iter()
        .filter(|c| c.meta.review != citebrief_store::Review::Rejected)
    {
        for cit in c
            .citations
            .iter()
            .filter(|c| !c.quote.starts_with("SECOND-MENTION"))
        {
            assert!(
                notes
                    .iter()
                    .any(|n| n.contains(&format!("line {}: “{}”", cit.line, cit.quote))),
                "quote missing or altered: {:?}\nin {notes:#?}",
                cit.quote
            );
        }
    }
    let mut headings = 0;
    for event in gfm(&md) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_))
            | Event::Code(_) => {
                panic!("source text became structure: {event:?}")
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                assert!(
                    h.trim().starts_with("<!-- citebrief:"),
                    "source text became HTML: {h:?}"
                )
            }
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    // Title, seven sections with content, five groups of actors (France and the United
    // Kingdom jointly, each alone, Germany, the league) and two kinds of caveat: 1 + 7 + 5 + 2.
    assert_eq!(headings, 15);
    let tables = gfm(&md)
        .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
        .count();
    assert_eq!(tables, 1, "only the matrix is a table");
}

/// The bottom line's sentences, one list item each, with their footnote marks; none
/// without one.
fn bottom_line(md: &str) -> Vec<String> {
    let section = md
        .split("## Bottom line")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let items: Vec<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(str::to_string)
        .collect();
    for s in &items {
        assert!(
            s.ends_with(']') && s.contains(".[^"),
            "a sentence without its citations: {s}"
        );
    }
    items
}

#[test]
fn the_bottom_line_says_what_was_signed_what_it_waits_on_and_who_objects() {
    let md = render(&common::store());
    let sentences = bottom_line(&md);
    assert!((3..=6).contains(&sentences.len()), "{sentences:#?}");
    assert!(
        sentences[0].starts_with(
            "France and the United Kingdom signed a declaration of intent to send up to \
             15,000 soldiers after a ceasefire.[^"
        ),
        "{sentences:#?}"
    );
    for want in [
        "pledged to provide two patrol boats once the quay reopens",
        "These commitments take effect only after the dockers' strike ends.",
        "Borduria says the deployment would not go unanswered.",
        "The sources disagree on the meeting date: 2 April according to 1 source, 3 April \
         according to 1 source.",
    ] {
        assert!(
            sentences.iter().any(|s| s.contains(want)),
            "{want} not in {sentences:#?}"
        );
    }
}

#[test]
fn version_2_statuses_domains_and_instruments_read_as_sentences() {
    let md = render(&common::store());
    for sentence in [
        "- France and the United Kingdom signed a declaration of intent to send up to 15,000 soldiers after a ceasefire.[^",
        "- The United Kingdom offered to lead a force or one of its parts under the Paris Declaration.[^",
        "- The league is discussing sending police officers.[^",
        "- Germany pledged to provide humanitarian aid.[^",
        "- Germany ruled out sending troops. (2 sources)[^",
        "### Opposition by Borduria\n",
    ] {
        assert!(md.contains(sentence), "{sentence} not in\n{md}");
    }
}

/// The cells of the matrix row for `label`, by actor code.
fn matrix_row(md: &str, label: &str) -> Vec<(String, String)> {
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    let cells = |line: &str| -> Vec<String> {
        line.trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let header = cells(table[0]);
    let row = table
        .iter()
        .map(|l| cells(l))
        .find(|r| r[0] == label)
        .unwrap_or_else(|| panic!("no row {label} in {table:#?}"));
    header.into_iter().zip(row).skip(1).collect()
}

#[test]
fn the_matrix_marks_each_status_and_its_legend_says_which_is_which() {
    let md = render(&common::store());
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // signed and pledged differ; several statuses of one actor show firmest first
    assert_eq!(
        matrix_row(&md, "Ground forces"),
        pairs(&[("DE", "✗"), ("FR", "◆ ○"), ("GB", "◆"), ("LEAGUE", "")])
    );
    assert_eq!(
        matrix_row(&md, "Maritime support"),
        pairs(&[("DE", ""), ("FR", "●"), ("GB", "●"), ("LEAGUE", "")])
    );
    assert_eq!(matrix_row(&md, "Police")[3], ("LEAGUE".into(), "?".into()));
    let legend = md
        .lines()
        .find(|l| l.starts_with("Domains down, actors across:"))
        .unwrap();
    for entry in [
        "◆ signed,",
        "● pledged,",
        "○ offered or planned,",
        "? under discussion,",
        "✗ ruled out.",
    ] {
        assert!(legend.contains(entry), "{entry} not in {legend}");
    }
}

#[test]
fn unknown_actor_codes_print_as_the_code() {
    let mut store = common::store();
    store.commitments[0].actors = vec!["ZZ".into()];
    store.commitments[0].statement.clear();
    let md = render_markdown(
        common::templates_dir(),
        &common::config(),
        &store,
        &BTreeMap::new(),
    )
    .unwrap();
    assert!(md.contains("### ZZ"), "{md}");
}

fn write_templates(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn an_undefined_variable_names_the_template_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write_templates(
        dir.path(),
        &[
            (
                "brief.md.j2",
                "# {{ brief.title }}\n{% include \"sections/x.md.j2\" %}\n",
            ),
            ("sections/x.md.j2", "ok\n\n{{ brief.nonsense }}\n"),
        ],
    );
    let err = render_markdown(
        dir.path(),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .unwrap_err();
    let RenderError::Template { file, line, .. } = &err else {
        panic!("{err}")
    };
    assert!(file.ends_with("sections/x.md.j2"), "{}", file.display());
    assert_eq!(*line, Some(3));
    let text = err.to_string();
    assert!(text.contains("undefined"), "{text}");
    assert!(text.contains("{{ brief.nonsense }}"), "{text}");
}

#[test]
fn a_syntax_error_names_the_template_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write_templates(dir.path(), &[("brief.md.j2", "line one\n{% for x in %}\n")]);
    let err = render_markdown(
        dir.path(),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("brief.md.j2:2:"), "{err}");
    assert!(err.contains("syntax error"), "{err}");
}

#[test]
fn a_missing_template_says_where_it_looked_and_a_missing_folder_is_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let built_in = render_markdown(
        dir.path().join("none"),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .unwrap();
    assert_eq!(
        built_in,
        render(&common::store()),
        "the built-in templates are the workspace's"
    );
    write_templates(
        dir.path(),
        &[("brief.md.j2", "{% include \"sections/none.md.j2\" %}\n")],
    );
    let err = render_markdown(
        dir.path(),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("none.md.j2"), "{err}");
    assert!(err.contains(&dir.path().display().to_string()), "{err}");
    assert!(err.contains("built-in templates"), "{err}");
}

#[test]
fn values_are_escaped_unless_marked_safe_and_never_parsed_as_templates() {
    let dir = tempfile::tempdir().unwrap();
    write_templates(
        dir.path(),
        &[("brief.md.j2", "{{ brief.title }}|{{ brief.title|safe }}\n")],
    );
    let mut config = common::config();
    config.title = "{{ 1 + 1 }} *x*".into();
    let md = render_markdown(dir.path(), &config, &common::store(), &common::names()).unwrap();
    assert_eq!(md, "\\{\\{ 1 + 1 \\}\\} \\*x\\*|{{ 1 + 1 }} *x*\n");
}

#[test]
fn each_source_is_cited_once_per_statement_by_its_first_mention() {
    let md = render(&common::store());
    assert!(
        !md.contains("SECOND-MENTION"),
        "a later mention in the same source was cited"
    );
    let ships = md
        .split("## Commitments by actor")
        .nth(1)
        .unwrap()
        .lines()
        .find(|l| l.starts_with("- France and the United Kingdom pledged to provide two patrol"))
        .unwrap();
    // three sources, one of which reprints another
    assert!(ships.contains("(3 sources, 2 independent)[^"), "{ships}");
}

#[test]
fn template_helpers_name_actors_and_number_citations() {
    let dir = tempfile::tempdir().unwrap();
    write_templates(
        dir.path(),
        &[(
            "brief.md.j2",
            "{{ ['FR', 'GB', 'XX']|actors }}; {{ ['GB']|actors }}\n\
             {% set q = {'source': 'a_gazette', 'line': 4, 'quote': 'Q *1*'} %}\
             {% set r = {'source': 'zz', 'line': 1, 'quote': 'R'} %}\
             A{{ cite([r, q]) }} B{{ cite([q]) }}\n\
             {% for n in footnotes() %}[^{{ n.number }}]: {{ n.source }} {{ n.line }} {{ n.quote }}\n{% endfor %}",
        )],
    );
    let md = render_markdown(
        dir.path(),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .unwrap();
    assert_eq!(
        md,
        "France, the United Kingdom and XX; the United Kingdom\n\
         A[^1][^2] B[^2]\n\
         [^1]: zz 1 R\n\
         [^2]: The Gazette, 2031-04-02 4 Q \\*1\\*\n"
    );
}

#[test]
fn a_template_can_tell_statuses_apart_and_show_what_a_citation_read() {
    let dir = tempfile::tempdir().unwrap();
    write_templates(
        dir.path(),
        &[(
            "brief.md.j2",
            "{% for c in commitments if c.status == 'signed' or c.status == 'discussed' %}\
             {{ c.id }} {{ c.status }} {{ c.firmness }} {{ c.instrument or 'none' }}:\
             {% for q in c.key_citations %}\
             {% if q.words is defined %} {{ q.words.actor }}{% endif %}\
             {% if q.quantity is defined %} / {{ q.quantity }}{% endif %}\
             {% if q.instrument is defined %} / {{ q.instrument }}{% endif %}\
             {% endfor %}{{ cite(c.key_citations) }}\n{% endfor %}",
        )],
    );
    let md = render_markdown(
        dir.path(),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .unwrap();
    assert_eq!(
        md,
        "c-declaration signed 5 declaration of intent: France and Britain / up to 15,000 soldiers / declaration of intent[^1]\n\
         c-police discussed 1 none:[^2]\n"
    );
}

#[test]
fn an_empty_store_renders_a_brief_that_says_so() {
    let md = render(&citebrief_store::FactStore::default());
    assert!(md.contains("Drawn from 0 sources."), "{md}");
    assert!(md.contains("The sources report no commitments."), "{md}");
    assert!(!md.contains("[^"), "{md}");
    assert_eq!(check_markdown(&md), Vec::<String>::new());
}
