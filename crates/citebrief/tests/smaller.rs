//! The smaller cases of the hardening issue: dates before 1970, template folders found where
//! anyone could have put them, terminal escapes from sources, file names that are not UTF-8,
//! names with line breaks, lock files in the wrong folder, deeply nested quotes, and content
//! of facts.yaml that must never panic.

mod common;

use common::{have, Scratch};
use predicates::prelude::*;

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

const GOOD: &str = "Ruritania will send 300 engineers to help rebuild bridges after a ceasefire, its defence minister said on Monday.\n";

#[test]
fn a_pdf_date_before_1970_builds_the_pdf() {
    if !have("typst") {
        eprintln!("skipped: typst is not on PATH");
        return;
    }
    let s = Scratch::seed(1);
    let yaml = s
        .read("brief.yaml")
        .replace("pdf_date: null", "pdf_date: 1962-10-16");
    assert!(yaml.contains("1962-10-16"));
    s.write("brief.yaml", &yaml);
    s.cmd()
        .args(["build", "briefs/b"])
        .assert()
        .success()
        .stderr(no_panic());
    let pdf = std::fs::read(s.path("brief.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("D:19621016"), "the PDF is dated 1962-10-16");
}

#[test]
fn a_pdf_date_out_of_range_names_brief_yaml() {
    let s = Scratch::seed(1);
    for bad in ["0000-01-01", "1962-13-01"] {
        let yaml = s
            .read("brief.yaml")
            .replace("pdf_date: null", &format!("pdf_date: {bad}"));
        s.write("brief.yaml", &yaml);
        s.cmd()
            .args(["build", "briefs/b", "--no-pdf"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("brief.yaml"))
            .stderr(predicate::str::contains("pdf_date"))
            .stderr(no_panic());
        s.write("brief.yaml", &yaml.replace(bad, "null"));
    }
}

#[cfg(unix)]
#[test]
fn template_folder_errors_name_the_path() {
    let s = Scratch::seed(1);
    // a link that leads nowhere
    std::os::unix::fs::symlink(
        "/nonexistent/gone.md.j2",
        s.root.path().join("templates/sections/gone.md.j2"),
    )
    .unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("templates/sections/gone.md.j2"))
        .stderr(no_panic());
    // a folder named in brief.yaml that is not there: its path is named
    std::fs::remove_file(s.root.path().join("templates/sections/gone.md.j2")).unwrap();
    let yaml = s
        .read("brief.yaml")
        .replace("templates: null", "templates: my-templates");
    s.write("brief.yaml", &yaml);
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("briefs/b/my-templates"))
        .stderr(no_panic());
}

#[cfg(unix)]
#[test]
fn a_template_folder_anyone_can_write_is_not_used_silently() {
    use std::os::unix::fs::PermissionsExt;
    // As a brief under /tmp would find /tmp/templates, made by any user.
    let s = Scratch::seed(1);
    let tpl = s.root.path().join("templates");
    let main = tpl.join("brief.md.j2");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, format!("{text}\nANYONE WROTE THIS\n")).unwrap();
    std::fs::set_permissions(&tpl, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = s
        .cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !s.path("brief.md").exists() || !s.read("brief.md").contains("ANYONE WROTE THIS"),
        "used a template folder anyone can write, without a word: {err}"
    );
    assert!(err.contains(&tpl.display().to_string()), "{err}");
    assert!(err.contains("anyone can write"), "{err}");
    // Named in brief.yaml, it is the analyst's choice.
    let yaml = s
        .read("brief.yaml")
        .replace("templates: null", "templates: ../../templates");
    s.write("brief.yaml", &yaml);
    s.build();
    assert!(s.read("brief.md").contains("ANYONE WROTE THIS"));
}

#[test]
fn the_template_search_stops_at_the_workspace() {
    // templates/ above a workspace (a folder with .git) is not the workspace's
    let s = Scratch::seed(1);
    let ws = s.root.path().join("ws");
    std::fs::create_dir_all(ws.join(".git")).unwrap();
    std::fs::rename(s.root.path().join("briefs"), ws.join("briefs")).unwrap();
    let tpl = s.root.path().join("templates/sections/title.md.j2");
    std::fs::write(&tpl, "# FROM ABOVE THE WORKSPACE\n").unwrap();
    s.cmd()
        .args(["build", "ws/briefs/b", "--no-pdf"])
        .assert()
        .success()
        .stderr(predicate::str::contains("built in"));
    let md = std::fs::read_to_string(ws.join("briefs/b/brief.md")).unwrap();
    assert!(!md.contains("FROM ABOVE THE WORKSPACE"), "{md}");
    // with its own templates/, the workspace builds and says which folder it used
    std::fs::rename(s.root.path().join("templates"), ws.join("templates")).unwrap();
    s.cmd()
        .args(["build", "ws/briefs/b", "--no-pdf"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            ws.join("templates").display().to_string(),
        ));
    let md = std::fs::read_to_string(ws.join("briefs/b/brief.md")).unwrap();
    assert!(md.contains("FROM ABOVE THE WORKSPACE"), "{md}");
}

/// Issue 15: after `cargo install`, `citebrief new x && citebrief build briefs/x` works in an
/// empty folder, with the built-in templates; a `templates/` folder holding one file of
/// them replaces that file only.
#[test]
fn a_brief_builds_in_an_empty_folder_with_the_built_in_templates() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join(".git")).unwrap();
    let run = |args: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("citebrief").unwrap();
        c.current_dir(root.path()).env("NO_COLOR", "1").args(args);
        c
    };
    run(&["new", "x", "--title", "Harbour talks"])
        .assert()
        .success();
    let sources = root.path().join("briefs/x/sources");
    std::fs::write(
        sources.join("a.txt"),
        "Harbour Gazette\n\nFerry talks end\n\nSyldavia will send 200 engineers to the \
         islands after a truce, its defence minister said on Monday.\n",
    )
    .unwrap();
    run(&["build", "briefs/x", "--no-pdf"])
        .assert()
        .success()
        .stderr(predicate::str::contains("built in"));
    let md = std::fs::read_to_string(root.path().join("briefs/x/brief.md")).unwrap();
    assert!(md.starts_with("# Harbour talks"), "{md}");
    // one file of the templates, the others built in
    std::fs::create_dir_all(root.path().join("templates/sections")).unwrap();
    std::fs::write(
        root.path().join("templates/sections/title.md.j2"),
        "# My own title line\n",
    )
    .unwrap();
    run(&["build", "briefs/x", "--no-pdf"]).assert().success();
    let md = std::fs::read_to_string(root.path().join("briefs/x/brief.md")).unwrap();
    assert!(md.starts_with("# My own title line"), "{md}");
    assert!(md.contains("## Sources"), "{md}");
}

#[test]
fn terminal_escapes_from_sources_are_never_printed_raw() {
    let evil = "Britain will send 300 troops to the region after a ceasefire,\x1b]0;pwned\x07 its \x1b[31mdefence\x1b[0m minister said.\n";
    let s = Scratch::with_sources(&[("evil.txt", evil.as_bytes())]);
    s.build();
    assert!(s
        .read("facts.yaml")
        .contains("Britain will send 300 troops"));
    for args in [
        vec!["facts", "briefs/b"],
        vec!["inspect", "briefs/b/sources/evil.txt"],
        vec!["inspect", "briefs/b/sources/evil.txt", "--facts"],
    ] {
        let out = s.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        for stream in [&out.stdout, &out.stderr] {
            assert!(
                !stream.contains(&0x1b) && !stream.contains(&0x07),
                "{args:?} printed a raw control character: {:?}",
                String::from_utf8_lossy(stream)
            );
        }
    }
    // a file name with an escape in it, named in a warning
    std::fs::write(s.path("sources/\x1b[2Jname.txt"), b"").unwrap();
    let out = s
        .cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .output()
        .unwrap();
    assert!(!out.stderr.contains(&0x1b), "{:?}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_latin1_file_name_is_skipped_with_a_warning_and_verify_passes() {
    use std::os::unix::ffi::OsStrExt;
    let s = Scratch::with_sources(&[("good.txt", GOOD.as_bytes())]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(
        s.path("sources").join(name),
        "Borduria will send 200 medics to the region, its prime minister said.\n",
    )
    .unwrap();
    s.build()
        .stderr(predicate::str::contains("UTF-8"))
        .stderr(predicate::str::contains("caf"));
    s.cmd().args(["verify", "briefs/b"]).assert().success();
}

#[test]
fn new_refuses_a_name_with_a_line_break() {
    let s = Scratch::seed(0);
    let out = s.cmd().args(["new", "two\nlines"]).output().unwrap();
    let dir = s.root.path().join("briefs/two\nlines");
    if out.status.success() {
        // if a brief was made, it builds: its brief.yaml parses
        std::fs::write(dir.join("sources/a.txt"), GOOD).unwrap();
        s.cmd()
            .arg("build")
            .arg(&dir)
            .arg("--no-pdf")
            .assert()
            .success();
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("control character"), "{err}");
        assert!(!dir.exists(), "nothing created");
    }
    // a title with a line break is quoted
    s.cmd()
        .args(["new", "ok", "--title", "Two\nlines: \"and quotes\""])
        .assert()
        .success();
    std::fs::write(s.root.path().join("briefs/ok/sources/a.txt"), GOOD).unwrap();
    s.cmd()
        .args(["build", "briefs/ok", "--no-pdf"])
        .assert()
        .success();
}

#[test]
fn no_lock_file_is_dropped_into_a_folder_that_is_not_a_brief() {
    let s = Scratch::seed(0);
    let other = s.root.path().join("not-a-brief");
    std::fs::create_dir_all(&other).unwrap();
    s.cmd()
        .args(["build", "not-a-brief", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.yaml"));
    s.cmd()
        .args(["review", "not-a-brief", "c-x", "--accept"])
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read_dir(&other).unwrap().count(),
        0,
        "nothing written into a folder that is not a brief"
    );
}

#[test]
fn deeply_nested_markdown_converts_to_typst_that_compiles() {
    if !have("typst") {
        eprintln!("skipped: typst is not on PATH");
        return;
    }
    let s = Scratch::seed(0);
    let cases = [
        ("quotes17", format!("{}deep\n", "> ".repeat(17))),
        ("quotes40", format!("{}deep\n", "> ".repeat(40))),
        ("quotes-lists", format!("{}deep\n", "> - ".repeat(12))),
        (
            "lists60",
            (0..60)
                .map(|i| format!("{}- item\n", "  ".repeat(i)))
                .collect::<String>(),
        ),
        (
            "emphasis",
            format!("{}x{}\n", "*".repeat(200), "*".repeat(200)),
        ),
        (
            "links",
            format!("{}x{}\n", "[".repeat(60), "](u)".repeat(60)),
        ),
    ];
    for (name, md) in cases {
        let md_path = s.root.path().join(format!("{name}.md"));
        let typ_path = s.root.path().join(format!("{name}.typ"));
        std::fs::write(&md_path, md).unwrap();
        s.cmd()
            .args([
                "convert",
                &format!("{name}.md"),
                "-o",
                &format!("{name}.typ"),
            ])
            .assert()
            .success();
        let out = std::process::Command::new("typst")
            .arg("compile")
            .arg(&typ_path)
            .arg(s.root.path().join(format!("{name}.pdf")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let typ = std::fs::read_to_string(&typ_path).unwrap();
        assert!(typ.contains("deep") || typ.contains("item") || typ.contains('x'));
    }
}

/// Values of facts.yaml that are odd but well-formed: none may panic any command.
#[test]
fn odd_values_in_facts_yaml_never_panic() {
    let s = Scratch::seed(2);
    s.build();
    let yaml = s.read("facts.yaml");
    let edits: Vec<(&str, String)> = vec![
        ("line: ", "line: 4294967295\n    x_unused: 1".into()),
        ("line: ", "line: 0".into()),
        ("line: ", "line: -3".into()),
        ("quote: ", "quote: ''".into()),
        ("quote: ", format!("quote: '{}'", "é".repeat(100_000))),
        ("source: ", "source: ''".into()),
        ("source: ", "source: /".into()),
        ("source: ", "source: ../../../../../../etc/passwd".into()),
        ("wording: ", "statement: \"\\u0000\\u001b[2J\"".into()),
        ("wording: ", "wording: \"\\u0000\\u001b[2J\"".into()),
        ("file: ", "file: ''".into()),
        ("file: ", "file: .".into()),
        ("date: ", "date: 99999-99-99".into()),
        ("date: ", "date: '-0001-01-01'".into()),
        (
            "corroboration: ",
            "corroboration: 18446744073709551615".into(),
        ),
        ("actors:\n", "actors: []\n    x:\n".into()),
        ("sha256: ", "sha256: zz".into()),
        ("body:\n", "body: [[5, 1], [0, 0]]\n    x:\n".into()),
    ];
    for (at, with) in &edits {
        // replace the first line that starts with `at` (after its indent)
        let mut done = false;
        let edited: String = yaml
            .split_inclusive('\n')
            .map(|l| {
                if !done && l.trim_start().starts_with(at) {
                    done = true;
                    let indent = &l[..l.len() - l.trim_start().len()];
                    format!("{indent}{with}\n")
                } else {
                    l.to_string()
                }
            })
            .collect();
        if !done {
            continue;
        }
        s.write("facts.yaml", &edited);
        for args in [
            vec!["facts", "briefs/b"],
            vec!["verify", "briefs/b"],
            vec!["build", "briefs/b", "--no-pdf"],
        ] {
            s.cmd()
                .args(&args)
                .assert()
                .stderr(no_panic())
                .stdout(predicate::str::contains("panicked").not());
        }
        s.write("facts.yaml", &yaml);
    }
}

/// Values of brief.yaml that are odd but well-formed: errors that name brief.yaml, or a
/// build, never a panic. (The `lexicon:` section is the extractor's, tested with it.)
#[test]
fn odd_values_in_brief_yaml_never_panic() {
    let s = Scratch::seed(1);
    let yaml = s.read("brief.yaml");
    let edits = [
        ("templates: null", "templates: ''"),
        ("templates: null", "templates: \"a\\0b\""),
        ("templates: null", "templates: /"),
        ("templates: null", "templates: ../../../../../../../../.."),
        ("pdf_date: null", "pdf_date: ''"),
        ("pdf_date: null", "pdf_date: 10000-01-01"),
        ("pdf_date: null", "pdf_date: -0001-01-01"),
        (
            "sources: {}",
            "sources: {'': {date: x}, '../x': {title: ''}}",
        ),
        (
            "sources: {}",
            "sources: {'000_852bc45e6e8cd3b6': {date: 2026-99-99}}",
        ),
    ];
    for (from, to) in edits {
        let edited = yaml.replace(from, to);
        assert_ne!(edited, yaml, "{from}");
        s.write("brief.yaml", &edited);
        let out = s
            .cmd()
            .args(["build", "briefs/b", "--no-pdf"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{to}: {err}");
        if !out.status.success() {
            assert!(
                err.contains("brief.yaml") || err.contains("templates"),
                "{to}: {err}"
            );
        }
    }
    s.write("brief.yaml", &yaml);
}
