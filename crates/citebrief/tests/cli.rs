//! The CLI as an analyst uses it: build, review, rebuild, verify, check.

mod common;

use common::{have, Scratch};
use predicates::prelude::*;

#[test]
fn build_writes_facts_and_markdown_and_a_second_build_changes_nothing() {
    let s = Scratch::seed(5);
    s.build().stderr(predicate::str::contains("Wrote"));
    let first = s.snapshot();
    assert!(first.iter().any(|(p, _)| p.ends_with("facts.yaml")));
    assert!(first.iter().any(|(p, _)| p.ends_with("brief.md")));
    let md = s.read("brief.md");
    assert!(md.contains("[^"), "brief.md has footnote citations:\n{md}");
    s.build().stderr(predicate::str::contains("Wrote").not());
    assert_eq!(first, s.snapshot());
}

#[test]
fn check_passes_when_fresh_and_names_brief_md_after_a_template_edit() {
    let s = Scratch::seed(5);
    s.build();
    s.cmd()
        .args(["build", "--check", "--no-pdf"])
        .assert()
        .success();
    let tpl = s.root.path().join("templates/brief.md.j2");
    let mut text = std::fs::read_to_string(&tpl).unwrap();
    text.push_str("\nAn analyst's added line.\n");
    std::fs::write(&tpl, text).unwrap();
    let before = s.snapshot();
    s.cmd()
        .args(["build", "--check", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.md"))
        .stderr(predicate::str::contains("facts.yaml").not());
    assert_eq!(before, s.snapshot(), "--check writes nothing");
}

fn first_fact_ids(facts_yaml: &str, n: usize) -> Vec<String> {
    facts_yaml
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- id: "))
        .map(|s| s.trim().to_string())
        .take(n)
        .collect()
}

#[test]
fn review_decisions_and_reworded_statements_survive_a_rebuild() {
    let s = Scratch::seed(5);
    s.build();
    let ids = first_fact_ids(&s.read("facts.yaml"), 2);
    assert_eq!(ids.len(), 2, "at least two facts were extracted");
    // Reject the first with the CLI.
    s.cmd()
        .args([
            "review",
            "briefs/b",
            &ids[0],
            "--reject",
            "--note",
            "not what the source says",
        ])
        .assert()
        .success();
    // Reword the second by hand, as an analyst would in an editor: a `statement:` beside
    // the brief's `wording:`.
    let yaml = s.read("facts.yaml");
    let mut out = String::new();
    for line in yaml.lines() {
        out.push_str(line);
        out.push('\n');
        if line.trim_start() == format!("- id: {}", ids[1]) {
            let indent = " ".repeat(line.len() - line.trim_start().len() + 2);
            out.push_str(&format!(
                "{indent}statement: An analyst's own wording of this fact.\n"
            ));
        }
    }
    assert!(out.contains("An analyst's own wording"));
    s.write("facts.yaml", &out);
    s.build();
    let yaml = s.read("facts.yaml");
    assert!(
        yaml.contains("An analyst's own wording of this fact."),
        "reworded statement kept"
    );
    assert!(
        yaml.contains("not what the source says"),
        "review note kept"
    );
    assert!(yaml.contains("review: rejected"), "rejection kept");
    let md = s.read("brief.md");
    assert!(
        md.contains("An analyst's own wording of this fact."),
        "brief.md shows the rewording"
    );
    let rejected_statement = yaml
        .split("- id: ")
        .find(|chunk| chunk.starts_with(&ids[0]))
        .and_then(|chunk| {
            chunk
                .lines()
                .find_map(|l| l.trim_start().strip_prefix("wording: "))
        })
        .map(|s| s.trim_matches('\'').trim_matches('"').to_string())
        .unwrap();
    assert!(
        !md.contains(&rejected_statement),
        "rejected fact left out of brief.md: {rejected_statement}"
    );
    // The next build reads the review from the basis the last one kept of facts.yaml.
    assert!(s.path(".citebrief-cache/basis.json").is_file());
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\nA line added to the template.\n")).unwrap();
    s.build().stderr(predicate::str::contains("Wrote"));
    assert_eq!(
        s.read("facts.yaml"),
        yaml,
        "the same review, read from the basis"
    );
}

#[test]
fn verify_names_a_citation_whose_sentence_was_removed() {
    let s = Scratch::seed(5);
    s.build();
    s.cmd().args(["verify", "briefs/b"]).assert().success();
    // Take the first citation and delete its quote from the source.
    let yaml = s.read("facts.yaml");
    let store: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    let c = &store["commitments"][0]["citations"][0];
    let source = c["source"].as_str().unwrap().to_string();
    let line = c["line"].as_u64().unwrap();
    let quote = c["quote"].as_str().unwrap().to_string();
    let file = store["sources"][&source]["file"]
        .as_str()
        .unwrap()
        .to_string();
    let text = s.read(&format!("sources/{file}"));
    s.write(&format!("sources/{file}"), &text.replacen(&quote, "", 1));
    s.cmd()
        .args(["verify", "briefs/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("{file}:{line}")));
}

#[test]
fn verify_names_the_fact_whose_words_are_not_in_its_quote() {
    let s = Scratch::seed(5);
    s.build();
    let mut store: serde_yaml::Value = serde_yaml::from_str(&s.read("facts.yaml")).unwrap();
    let fact = &store["commitments"][0];
    let id = fact["id"].as_str().unwrap().to_string();
    let c = &fact["citations"][0];
    let line = c["line"].as_u64().unwrap();
    let quote = c["quote"].as_str().unwrap().to_string();
    let source = c["source"].as_str().unwrap();
    let file = store["sources"][source]["file"]
        .as_str()
        .unwrap()
        .to_string();
    let first_word = quote.split_whitespace().next().unwrap().to_string();
    let last_word = quote.split_whitespace().last().unwrap().to_string();
    let set_reading = |store: &mut serde_yaml::Value, actor: &str| {
        let c = &mut store["commitments"][0]["citations"][0];
        c["words"] = serde_yaml::from_str(&format!("{{actor: {actor:?}}}")).unwrap();
        c["quantity"] = last_word.clone().into();
        s.write("facts.yaml", &serde_yaml::to_string(store).unwrap());
    };

    // Words that are in the quote hold.
    set_reading(&mut store, &first_word);
    s.cmd().args(["verify", "briefs/b"]).assert().success();

    // A word that is not: the fact, the file and line, the field, and what to do.
    set_reading(&mut store, "Atlantis");
    s.cmd()
        .args(["verify", "briefs/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "sources/{file}:{line}: {id}: words.actor \"Atlantis\" is not in the quote; \
             fix the words or the quote, or reject the fact"
        )))
        .stderr(predicate::str::contains("quantity").not())
        .stderr(predicate::str::contains("1 problem(s) found"));

    // Once the fact is rejected, it is not checked.
    s.cmd()
        .args(["review", "briefs/b", &id, "--reject"])
        .assert()
        .success();
    s.cmd().args(["verify", "briefs/b"]).assert().success();
}

#[test]
fn facts_lists_filters_and_prints_json() {
    let s = Scratch::seed(5);
    s.build();
    let out = s
        .cmd()
        .args(["facts", "briefs/b", "--kind", "caveat", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert!(!arr.is_empty(), "the seeds have caveats");
    assert!(arr.iter().all(|f| f["kind"] == "caveat"));
    s.cmd()
        .args(["facts", "briefs/b", "--domain", "no-such-domain"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ground-forces"));
}

#[test]
fn facts_filters_by_status_and_shows_it() {
    let s = Scratch::seed(5);
    s.build();
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = s
            .cmd()
            .args(["facts", "briefs/b", "--json"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let commitments = json(&["--kind", "commitment"]);
    let status = commitments[0]["status"].as_str().unwrap().to_string();
    let with_status = commitments
        .iter()
        .filter(|f| f["status"] == status.as_str())
        .count();
    let found = json(&["--status", &status]);
    assert_eq!(found.len(), with_status, "{found:#?}");
    assert!(found
        .iter()
        .all(|f| f["kind"] == "commitment" && f["status"] == status.as_str()));

    // The table has a status column: the status of each commitment, `-` for other facts.
    let out = s.cmd().args(["facts", "briefs/b"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let mut rows = table.lines();
    let header: Vec<&str> = rows.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["ID", "KIND", "STATUS", "REVIEW", "SRC", "STATEMENT"]
    );
    for row in rows {
        let cells: Vec<&str> = row.split_whitespace().collect();
        match cells[1] {
            "commitment" => assert!(
                commitments
                    .iter()
                    .any(|c| c["id"] == cells[0] && c["status"] == cells[2]),
                "{row}"
            ),
            _ => assert_eq!(cells[2], "-", "{row}"),
        }
    }

    s.cmd()
        .args(["facts", "briefs/b", "--status", "firm"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--status: unknown status `firm`; expected one of: \
             signed, pledged, offered, planned, discussed, ruled-out",
        ));
}

#[test]
fn new_scaffolds_a_brief_that_builds_once_it_has_sources() {
    let s = Scratch::seed(0);
    s.cmd()
        .args(["new", "fresh", "--title", "A fresh brief"])
        .assert()
        .success();
    let dir = s.root.path().join("briefs/fresh");
    assert!(std::fs::read_to_string(dir.join("brief.yaml"))
        .unwrap()
        .contains("A fresh brief"));
    s.cmd()
        .args(["new", "fresh"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    std::fs::write(
        dir.join("sources/one.txt"),
        "Ruritania will send 300 engineers to help rebuild bridges after a ceasefire, its defence minister said on Monday.\n",
    )
    .unwrap();
    s.cmd()
        .args(["build", "briefs/fresh", "--no-pdf"])
        .assert()
        .success();
    assert!(dir.join("brief.md").is_file());
}

#[test]
fn new_sets_the_subject_and_its_commented_example_lexicon_works() {
    let s = Scratch::seed(0);
    s.cmd()
        .args(["new", "ex", "--beneficiary", "xk", "--adversary", "RS"])
        .assert()
        .success();
    // a code the lexicon does not know is refused before anything is written
    s.cmd()
        .args(["new", "bad", "--beneficiary", "QQ"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`QQ` is not a code"));
    assert!(!s.root.path().join("briefs/bad").exists());
    let dir = s.root.path().join("briefs/ex");
    let yaml = std::fs::read_to_string(dir.join("brief.yaml")).unwrap();
    assert!(yaml.contains("beneficiary: XK\n") && yaml.contains("adversaries: [RS]\n"));
    // the example under `lexicon:` is in the lexicon's format: uncommented, it builds
    let mut lines: Vec<String> = Vec::new();
    let mut example = false;
    for line in yaml.lines() {
        if line == "# lexicon:" {
            example = true;
        }
        if line == "lexicon: null" {
            continue;
        }
        match line.strip_prefix("# ") {
            Some(l) if example => lines.push(l.split(" #").next().unwrap().to_string()),
            _ => lines.push(line.to_string()),
        }
    }
    std::fs::write(dir.join("brief.yaml"), lines.join("\n")).unwrap();
    std::fs::write(
        dir.join("sources/one.txt"),
        "Jane Wanjiru said the multinational force will deploy 300 security agents in March.\n",
    )
    .unwrap();
    s.cmd()
        .args(["build", "briefs/ex", "--no-pdf"])
        .assert()
        .success();
    let facts = std::fs::read_to_string(dir.join("facts.yaml")).unwrap();
    assert!(facts.contains("domain: policing"), "{facts}");
}

#[test]
fn inspect_reads_a_source_with_its_briefs_lexicon_and_shows_the_words_read() {
    let s = Scratch::with_sources(&[(
        "a.txt",
        b"Defence ministers met in London on Monday to discuss the plan in detail.\n\n\
          Britain will provide a sky shield over the western regions, the ministry said.\n",
    )]);
    let inspect = |args: &[&str]| {
        let out = s
            .cmd()
            .args(["inspect", "briefs/b/sources/a.txt"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // "sky shield" is nothing to the built-in lexicon
    assert!(!inspect(&["--facts"]).contains("sky shield"));
    s.write(
        "brief.yaml",
        "title: t\nlexicon:\n  domains:\n    air: [sky shield]\n",
    );
    let facts = inspect(&["--facts"]);
    assert!(
        facts.contains(r#"read: actor "Britain", status "will provide", domain "sky shield""#),
        "{facts}"
    );
    let trace = inspect(&["--trace"]);
    assert!(trace.contains(r#"chain "will provide""#), "{trace}");
}

#[test]
fn inspect_json_prints_one_object_per_sentence_with_exact_offsets() {
    let s = Scratch::with_sources(&[(
        "a.txt",
        b"Header\r\nThe minister said the plan is ready. Mr. Smith disagreed with him on Tuesday.\r\n",
    )]);
    let out = s
        .cmd()
        .args(["inspect", "briefs/b/sources/a.txt", "--json", "--whole"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(std::fs::read(s.path("sources/a.txt")).unwrap()).unwrap();
    let mut n = 0;
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (a, b) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], v["text"].as_str().unwrap());
        n += 1;
    }
    assert!(n >= 3, "header + two sentences, got {n}");
}

#[test]
fn pdf_builds_and_rebuilds_byte_identical() {
    if !have("typst") {
        eprintln!("skipped: typst is not on PATH (the README's set-up line installs it)");
        return;
    }
    let s = Scratch::seed(5);
    s.cmd().args(["build", "briefs/b"]).assert().success();
    let pdf = std::fs::read(s.path("brief.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::remove_file(s.path("brief.pdf")).unwrap();
    s.cmd().args(["build", "briefs/b"]).assert().success();
    assert_eq!(pdf, std::fs::read(s.path("brief.pdf")).unwrap());
}

#[test]
fn touching_one_source_re_extracts_only_that_one() {
    let sources: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| {
            let text = format!(
                "Report {i}\n\nRuritania will send {} engineers to the region after a ceasefire, its defence minister said on day {i}.\n",
                100 + i
            );
            (format!("s{i:03}.txt"), text.into_bytes())
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = sources
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let s = Scratch::with_sources(&refs);
    s.build().stderr(predicate::str::contains(
        "Extracted 40 of 40 sources (0 unchanged",
    ));
    // Nothing changed: nothing past the scan is redone, nothing is written.
    s.build()
        .stderr(predicate::str::contains("Fresh"))
        .stderr(predicate::str::contains("Wrote").not());
    // A template change re-renders but takes every source's facts from the cache.
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\nA line added to the template.\n")).unwrap();
    s.build()
        .stderr(predicate::str::contains(
            "Extracted 0 of 40 sources (40 unchanged",
        ))
        .stderr(predicate::str::contains("Wrote"));
    s.write("sources/s007.txt", "Report 7\n\nRuritania will send 999 engineers to the region after a ceasefire, its defence minister said.\n");
    s.build().stderr(predicate::str::contains(
        "Extracted 1 of 40 sources (39 unchanged",
    ));
    // An entry cut short (a crash while it was written) is a miss, not an error.
    let shards = std::fs::read_dir(s.path(".citebrief-cache/facts")).unwrap();
    let entry = shards
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
        .map(|e| e.path())
        .next()
        .expect("a cache entry");
    let json = std::fs::read(&entry).unwrap();
    std::fs::write(&entry, &json[..json.len() / 2]).unwrap();
    std::fs::write(&tpl, format!("{text}\nAnother line.\n")).unwrap();
    s.build().stderr(predicate::str::contains(
        "Extracted 1 of 40 sources (39 unchanged",
    ));
    // The cache folder is never an output: --check stays quiet about it and verify passes.
    s.cmd()
        .args(["build", "--check", "--no-pdf"])
        .assert()
        .success();
    s.cmd().args(["verify", "briefs/b"]).assert().success();
}

/// Letters and digits only, ligatures unfolded: what any PDF text extraction keeps.
fn letters(s: &str) -> String {
    s.replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
        .replace('ﬀ', "ff")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[test]
fn the_seed_pdf_shows_every_statement_and_quote_of_brief_md() {
    if !have("typst") || !have_pdftotext() {
        eprintln!("skipped: typst or pdftotext is not on PATH (the README's set-up line and CI install them)");
        return;
    }
    let s = Scratch::seed(5);
    s.cmd().args(["build", "briefs/b"]).assert().success();
    let out = std::process::Command::new("pdftotext")
        .arg(s.path("brief.pdf"))
        .arg("-")
        .output()
        .unwrap();
    // The body text without the footnotes and running heads typst puts at each page break,
    // so that a statement broken across two pages reads as one.
    let text = String::from_utf8_lossy(&out.stdout);
    let mut seen = std::collections::HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        *seen.entry(line.trim()).or_insert(0) += 1;
    }
    let mut body = String::new();
    let mut in_note = false;
    for line in text.lines() {
        let note_start = line.starts_with(|c: char| c.is_ascii_digit())
            && line.contains(", line ")
            && line.contains('“');
        let page_number = line.split(" of ").count() == 2
            && line
                .split(" of ")
                .all(|p| !p.trim().is_empty() && p.trim().chars().all(|c| c.is_ascii_digit()));
        // the running head repeats on every page
        let running = page_number || seen.get(line.trim()).is_some_and(|&n| n >= 3);
        // a footnote runs until the line that ends its quote
        if note_start || in_note {
            in_note = !line.trim_end().ends_with('”');
            continue;
        }
        if !running {
            body.push_str(line);
            body.push('\n');
        }
    }
    let pdf = format!("{}{}", letters(&body), letters(&text));
    let md = s.read("brief.md");
    // Statements: list items of the brief, without their footnote marks.
    let statements: Vec<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(|l| l.split("[^").next().unwrap().replace('\\', ""))
        .collect();
    // Quotes: the text between the outer quotation marks of each footnote definition.
    let quotes: Vec<String> = md
        .lines()
        .filter(|l| l.starts_with("[^"))
        .filter_map(|l| Some(l[l.find('“')? + '“'.len_utf8()..l.rfind('”')?].replace('\\', "")))
        .collect();
    assert!(
        statements.len() > 20 && quotes.len() > 20,
        "{} statements, {} quotes",
        statements.len(),
        quotes.len()
    );
    for t in statements.iter().chain(&quotes) {
        assert!(pdf.contains(&letters(t)), "not in the PDF: {t}");
    }
}

fn have_pdftotext() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_brief_without_a_subject_presumes_it_from_all_its_sources_and_reextracts_on_a_change() {
    let short = "Troops on the river\n\n\
        Moldova will deploy 300 troops along the river, its defence minister said on Monday.\n\n\
        The troops will arrive in the spring, when the roads are open again, the minister added.\n";
    let s = Scratch::with_sources(&[("short.txt", short.as_bytes())]);
    s.write(
        "brief.yaml",
        "title: Moldova\nbeneficiary: null\nadversaries: []\n",
    );
    s.build().stderr(predicate::str::contains("Presumed").not());
    assert!(
        s.read("facts.yaml").contains("  - MD\n"),
        "alone, Moldova commits"
    );
    // a second source shows what the brief is about: the first one's facts, cached, are
    // read again, and Moldova's deployment is no commitment to itself
    let long = "Allies pledge support for Moldova\n\n\
        Estonia will send 200 troops to Moldova, its defence minister said on Monday.\n\n\
        Talks with Moldova on a security agreement continue, and Moldova's partners meet in May.\n";
    s.write("sources/long.txt", long);
    s.build()
        .stderr(predicate::str::contains("Presumed beneficiary MD"));
    let facts = s.read("facts.yaml");
    assert!(facts.contains("  - EE\n"), "{facts}");
    assert!(!facts.contains("  - MD\n"), "{facts}");
}
