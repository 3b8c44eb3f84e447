//! brief.html and the source pages, rendered from the workspace templates and a made-up store:
//! every note links to its source line, the line marks the quote and links back to the
//! statements citing it, and no text of a source, fact or brief.yaml ever becomes markup.

mod common;

use std::collections::BTreeMap;

use citebrief_render::{escape_html, page_name, render_html, Html};
use citebrief_store::{FactStore, SourceRecord};
use proptest::prelude::*;

fn html(store: &FactStore) -> Html {
    render_html(
        common::templates_dir(),
        &common::config(),
        store,
        &common::names(),
    )
    .unwrap()
}

/// The markup of a page: every tag, with its attributes' names but not their values, in order.
/// Escaped text holds no `<`, so any tag that text made would show here.
fn tags(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i..end];
        // attribute values are text; keep the names
        let mut shape = String::new();
        let mut in_value = false;
        for c in tag.chars() {
            match c {
                '"' => in_value = !in_value,
                c if !in_value => shape.push(c),
                _ => {}
            }
        }
        out.push(shape);
        rest = &rest[end..];
    }
    out
}

/// Text with its character references read back.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What a page shows of text: controls (but tab and line feed) and bidirectional overrides
/// replaced.
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if (c.is_control() && c != '\t' && c != '\n') || bidi {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// The source line `n` of a page: its text, marks removed, references read back.
fn line_text(page: &str, n: u32) -> String {
    let start = format!("<a class=\"n\" href=\"#L{n}\">{n}</a>");
    let at = page.find(&start).expect("the line is on the page") + start.len();
    let rest = &page[at..];
    let end = [rest.find("<span class="), rest.find("</p>")]
        .into_iter()
        .flatten()
        .min()
        .unwrap();
    unescape(
        &page[at..at + end]
            .replace("<mark>", "")
            .replace("</mark>", ""),
    )
}

#[test]
fn every_note_links_to_its_source_line_and_every_statement_has_an_anchor() {
    let out = html(&common::store());
    let brief = &out.brief;
    assert!(brief.starts_with("<!DOCTYPE html>"), "{}", &brief[..40]);
    assert!(
        brief.contains(r##"<a href="html/sources/a_gazette.html#L4" title="The Gazette, 2031-04-02, line 4: “France and Britain pledged two patrol boats for the harbour.”">"##),
        "a note links to its line, its title the quote"
    );
    for id in ["c-ships", "c-no-troops", "k-opposition", "d-date"] {
        assert!(brief.contains(&format!("<li id=\"{id}\">")), "{id}");
    }
    assert!(
        !brief.contains("REJECTED-MARKER"),
        "rejected facts are left out"
    );
    // a fact shows its id, status, review and the words read in its quote
    let declaration = brief
        .split("<li id=\"c-declaration\">")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(declaration.contains("<code title=\"citebrief review BRIEF c-declaration --accept (or --reject)\">c-declaration</code> · signed · <span class=\"review-proposed\">proposed</span>"), "{declaration}");
    assert!(
        declaration.contains("read “France and Britain” <i>actor</i>"),
        "{declaration}"
    );
    let stale = brief.split("<li id=\"c-training\">").nth(1).unwrap();
    assert!(stale
        .split("</li>")
        .next()
        .unwrap()
        .contains("review-accepted"));
    // every source is listed, with a link to its page
    for id in ["a_gazette", "b_courier", "c_unknown", "d_copy"] {
        assert!(
            brief.contains(&format!("href=\"html/sources/{id}.html\"")),
            "{id}"
        );
    }
    // nothing is loaded from anywhere: no script, no external style or font
    for outside in ["<script", "<link", "http:", "https:", "@import", "url("] {
        assert!(!brief.contains(outside), "{outside}");
    }
    assert!(brief.contains("<style>") && brief.contains(".lines p:target"));
    assert_eq!(
        out.style,
        common::templates_dir()
            .join("html/style.css")
            .to_str()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .unwrap()
    );
}

#[test]
fn a_source_page_marks_the_quotes_and_links_back_to_the_statements() {
    let store = common::store();
    let out = html(&store);
    let mut lines: Vec<String> = (1..=20)
        .map(|n| format!("Line {n} of the Gazette."))
        .collect();
    lines[3] = "Before. France and Britain pledged two patrol boats for the harbour. After.".into();
    lines[8] = "Germany offered *50 million* for the <script>alert(1)</script> repairs.".into();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let page = out
        .pages
        .render(&store.sources, "a_gazette", &refs)
        .unwrap();
    assert!(page.contains(r##"<p id="L4"><a class="n" href="#L4">4</a>Before. <mark>France and Britain pledged two patrol boats for the harbour.</mark> After.<span class="cited"><span><a href="../../brief.html#c-ships">"##), "{page}");
    // the script of a source is text, marked as a quote
    assert!(page.contains("<mark>Germany offered *50 million* for the &lt;script&gt;alert(1)&lt;/script&gt; repairs.</mark>"));
    assert!(!page.contains("<script"));
    assert!(page.contains("href=\"../../brief.html#c-money\""));
    // an uncited line is its text alone; every line has its anchor
    assert!(
        page.contains("<p id=\"L1\"><a class=\"n\" href=\"#L1\">1</a>Line 1 of the Gazette.</p>")
    );
    for n in 1..=20 {
        assert!(page.contains(&format!("<p id=\"L{n}\">")), "L{n}");
    }
    assert!(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"));
    assert!(page.contains("href=\"../../brief.html\""));
}

#[test]
fn a_quote_no_longer_on_its_line_is_said_so() {
    let store = common::store();
    let out = html(&store);
    let lines = vec!["The line changed since."; 20];
    let page = out
        .pages
        .render(&store.sources, "b_courier", &lines)
        .unwrap();
    let l7 = page
        .split("<p id=\"L7\">")
        .nth(1)
        .unwrap()
        .split("</p>")
        .next()
        .unwrap();
    assert!(
        l7.contains("no longer on it: “Paris and London will send two boats, officials said.”"),
        "{l7}"
    );
    assert!(!l7.contains("<mark>"), "{l7}");
}

#[test]
fn a_repeating_source_links_to_the_one_it_repeats() {
    let store = common::store();
    let page = html(&store)
        .pages
        .render(&store.sources, "d_copy", &["x"; 5])
        .unwrap();
    assert!(
        page.contains("largely repeats <a href=\"a_gazette.html\">The Gazette, 2031-04-02</a>"),
        "{page}"
    );
}

#[test]
fn a_template_folder_replaces_the_html_templates_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("html")).unwrap();
    std::fs::write(dir.path().join("html/style.css"), "body { color: teal; }\n").unwrap();
    let store = common::store();
    let out = render_html(dir.path(), &common::config(), &store, &common::names()).unwrap();
    assert_eq!(out.style, "body { color: teal; }\n");
    assert!(out.brief.contains("body { color: teal; }"));
    assert!(
        out.brief.contains("<h2>Bottom line</h2>"),
        "the built-in brief.html.j2"
    );
    // a broken template is named, with its line
    std::fs::write(
        dir.path().join("html/source.html.j2"),
        "<p>\n{{ lines.nothing.here }}\n",
    )
    .unwrap();
    let out = render_html(dir.path(), &common::config(), &store, &common::names()).unwrap();
    let err = out
        .pages
        .render(&store.sources, "a_gazette", &["x"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("html/source.html.j2:2"), "{err}");
}

#[test]
fn rendering_is_deterministic() {
    let store = common::store();
    let (a, b) = (html(&store), html(&store));
    assert_eq!(a.brief, b.brief);
    let lines = ["one", "two", "three"];
    assert_eq!(
        a.pages.render(&store.sources, "c_unknown", &lines).unwrap(),
        b.pages.render(&store.sources, "c_unknown", &lines).unwrap()
    );
}

#[test]
fn page_names_are_the_source_ids() {
    assert_eq!(
        page_name("000_852bc45e6e8cd3b6"),
        "000_852bc45e6e8cd3b6.html"
    );
}

/// Text an attacker might put in a source: markup, script, entities, quotes, controls and
/// bidirectional overrides, mixed with words.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<script>alert(1)</script>",
        "</mark>",
        "<mark>",
        "</p><p id=\"L1\">",
        "\" onmouseover=\"alert(1)",
        "' onclick='x",
        "&amp;",
        "&lt;b&gt;",
        "&#60;",
        "<!--",
        "-->",
        "<![CDATA[",
        "{{ x }}",
        "{% if %}",
        "javascript:alert(1)",
        "\u{202E}evil\u{202C}",
        "\u{2066}iso",
        "\u{0}",
        "\u{7}",
        "\u{1b}[31m",
        "\u{85}",
        "\t",
        "word",
        " ",
        "é",
        "“q”",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..10).prop_map(|p| p.concat()),
        "[^\n\r]{0,60}",
    ]
}

/// `text` with every character replaced by a letter: the same shape, no markup.
fn neutral(text: &str) -> String {
    text.chars().map(|_| 'x').collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Escaped text holds no character that could open or close a tag or an attribute, and
    /// reads back as itself (controls and overrides replaced).
    #[test]
    fn escaped_text_is_only_text(text in any::<String>()) {
        let e = escape_html(&text);
        prop_assert!(!e.contains(['<', '>', '"', '\'']), "{:?}", e);
        prop_assert_eq!(unescape(&e), shown(&text));
    }

    /// A source page of hostile lines has the markup of a page of plain letters, and shows
    /// each line as it is; the quoted one is marked.
    #[test]
    fn hostile_source_lines_never_become_markup(
        lines in prop::collection::vec(hostile(), 1..6),
        which in 0usize..6,
    ) {
        let store = common::store();
        let out = html(&store);
        let which = which % lines.len();
        let render = |lines: &[String]| {
            // line 2 of a_gazette is cited ("The ministers met on 2 April."): put the hostile
            // text there, around the quote
            let mut all: Vec<String> = vec!["plain".to_string(); 20];
            for (i, l) in lines.iter().enumerate() {
                all[2 + i] = l.clone();
            }
            all[1] = format!("{} The ministers met on 2 April. {}", lines[which], lines[which]);
            let refs: Vec<&str> = all.iter().map(String::as_str).collect();
            out.pages.render(&store.sources, "a_gazette", &refs).unwrap()
        };
        let page = render(&lines);
        let plain: Vec<String> = lines.iter().map(|l| neutral(l)).collect();
        prop_assert_eq!(tags(&page), tags(&render(&plain)));
        for (i, l) in lines.iter().enumerate() {
            prop_assert_eq!(line_text(&page, 3 + i as u32), shown(l));
        }
        prop_assert!(page.contains("<mark>The ministers met on 2 April.</mark>"));
    }

    /// brief.html of a store whose titles, statements, quotes, notes and ids are hostile has
    /// the markup of the same store in plain letters.
    #[test]
    fn hostile_facts_never_become_markup(a in hostile(), b in hostile(), c in hostile()) {
        let render = |a: &str, b: &str, c: &str| {
            let mut store = common::store();
            let mut config = common::config();
            config.title = format!("Title {a}");
            config.subject = Some(b.to_string());
            let gazette: SourceRecord = store.sources["a_gazette"].clone();
            store.sources.insert("a_gazette".into(), SourceRecord {
                title: Some(c.to_string()),
                publisher: Some(a.to_string()),
                ..gazette
            });
            store.commitments[0].statement = format!("Money {b}");
            store.commitments[1].citations[0].quote = format!("Quote {c}").into();
            store.commitments[1].meta.note = Some(a.to_string());
            store.discrepancies[0].topic = format!("topic {c}");
            store.discrepancies[0].claims[0].value = b.into();
            render_html(common::templates_dir(), &config, &store, &common::names())
                .unwrap()
                .brief
        };
        let brief = render(&a, &b, &c);
        prop_assert_eq!(tags(&brief), tags(&render(&neutral(&a), &neutral(&b), &neutral(&c))));
        prop_assert!(!brief.contains("<script"));
    }
}

#[test]
fn hostile_source_ids_stay_inside_their_links() {
    let mut store = common::store();
    let id = "x\" onclick=\"alert(1)#?<b>";
    let mut sources = BTreeMap::new();
    for (k, v) in std::mem::take(&mut store.sources) {
        sources.insert(if k == "c_unknown" { id.to_string() } else { k }, v);
    }
    store.sources = sources;
    for c in &mut store.commitments {
        for x in &mut c.citations {
            if &*x.source == "c_unknown" {
                x.source = id.into();
            }
        }
    }
    let out = html(&store);
    assert!(out
        .brief
        .contains("href=\"html/sources/x%22%20onclick%3D%22alert%281%29%23%3F%3Cb%3E.html"));
    assert!(!out.brief.contains("<b>"));
    let page = out
        .pages
        .render(&store.sources, id, &["a", "b", "c", "d", "e"])
        .unwrap();
    assert!(
        page.contains("id x&quot; onclick=&quot;alert(1)#?&lt;b&gt;"),
        "{page}"
    );
}
