//! Bad input: every case exits with the right code, names the file (and line), says what to do,
//! never panics, and leaves earlier outputs byte-for-byte unchanged.

mod common;

use common::Scratch;
use predicates::prelude::*;

const GOOD: &str = "Ruritania will send 300 engineers to help rebuild bridges after a ceasefire, its defence minister said on Monday.\n";

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

/// A source that cannot yield text: the brief still builds from the others, with a warning.
fn builds_with_warning(name: &str, bytes: &[u8]) {
    let s = Scratch::with_sources(&[("good.txt", GOOD.as_bytes()), (name, bytes)]);
    s.build()
        .stderr(predicate::str::contains(name))
        .stderr(predicate::str::contains("warning"));
    assert!(s.read("brief.md").contains("Ruritania") || s.read("facts.yaml").contains("good"));
}

#[test]
fn empty_source_warns() {
    builds_with_warning("empty.txt", b"");
}

#[test]
fn whitespace_only_source_warns() {
    builds_with_warning("blank.txt", b"  \n\t\n   \r\n");
}

#[test]
fn binary_png_source_warns() {
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    builds_with_warning("picture.txt", &png);
}

#[test]
fn nul_bytes_warn() {
    builds_with_warning("nul.txt", b"Some text\0\0\0 with NUL bytes\0 in it.\0\n");
}

#[test]
fn invalid_utf8_utf16_and_windows_1252_read() {
    let mut utf16 = vec![0xFF, 0xFE];
    for u in GOOD.replace("Ruritania", "Freedonia").encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let cp1252 = b"Caf\xe9 owners in Syldavia said the government \x93will provide\x94 1,000 generators to the region after a ceasefire.\r\n";
    let s = Scratch::with_sources(&[
        ("utf16.txt", &utf16),
        ("cp1252.txt", cp1252),
        (
            "bad.txt",
            b"Borduria will send \xff\xfe 200 medics to the region, its prime minister said.\n",
        ),
    ]);
    s.build().stderr(no_panic());
    s.cmd()
        .args([
            "inspect",
            "briefs/b/sources/cp1252.txt",
            "--json",
            "--whole",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Café")
                .and(predicate::str::contains("\u{201c}will provide\u{201d}")),
        );
    s.cmd()
        .args(["inspect", "briefs/b/sources/utf16.txt", "--json", "--whole"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Freedonia will send 300 engineers",
        ));
}

#[test]
fn crlf_and_cr_line_numbers_count_lines_on_disk() {
    let s = Scratch::with_sources(&[
        (
            "crlf.txt",
            b"Title line\r\n\r\nFirst paragraph here.\r\nSecond one.\r\n",
        ),
        ("cr.txt", b"Title\r\rBody text is here.\r"),
    ]);
    let out = s
        .cmd()
        .args(["inspect", "briefs/b/sources/crlf.txt", "--json", "--whole"])
        .output()
        .unwrap();
    let lines: Vec<u64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["line"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, vec![1, 3, 4]);
    let out = s
        .cmd()
        .args(["inspect", "briefs/b/sources/cr.txt", "--json", "--whole"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"line\":3"),
        "CR-only line ends count: {text}"
    );
}

#[test]
fn huge_single_line_source_builds() {
    let mut line = String::with_capacity(5 << 20);
    while line.len() < 5 << 20 {
        line.push_str(
            "Ruritania will send engineers to the region after a ceasefire, the minister said. ",
        );
    }
    line.push('\n');
    let s = Scratch::with_sources(&[("long.txt", line.as_bytes())]);
    s.build().stderr(no_panic());
}

#[test]
fn hundred_megabyte_source_builds() {
    // Unique paragraphs of ordinary prose, a few of them with a commitment in them.
    let mut text = String::with_capacity(101 << 20);
    text.push_str("A very long report\n\n");
    let mut i = 0u64;
    while text.len() < 100_000_000 {
        if i.is_multiple_of(1000) {
            text.push_str(&format!("Britain will send {i} soldiers to the region after a ceasefire, its minister said.\n\n"));
        } else {
            text.push_str(&format!(
                "On day {i}, officials in the capital met traders and farmers to discuss grain, roads and the weather, and agreed to meet again soon.\n\n"
            ));
        }
        i += 1;
    }
    let s = Scratch::with_sources(&[("huge.txt", text.as_bytes())]);
    s.build().stderr(no_panic());
    assert!(s.read("facts.yaml").contains("huge"));
    assert!(s.read("brief.md").contains("Britain will send"));
}

#[test]
fn brief_with_no_sources_is_an_error_naming_the_folder() {
    let s = Scratch::seed(0);
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("sources"))
        .stderr(predicate::str::contains("add the articles"))
        .stderr(no_panic());
}

#[test]
fn malformed_brief_yaml_names_file_and_line_and_changes_nothing() {
    let s = Scratch::seed(2);
    s.build();
    let before = s.snapshot();
    s.write("brief.yaml", "title: ok\nsubject: [unclosed\nsources: {}\n");
    let before_yaml = s.read("brief.yaml");
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.yaml:"))
        .stderr(no_panic());
    assert_eq!(before_yaml, s.read("brief.yaml"));
    let after = s.snapshot();
    assert_eq!(
        before
            .iter()
            .filter(|(p, _)| !p.ends_with("brief.yaml"))
            .collect::<Vec<_>>(),
        after
            .iter()
            .filter(|(p, _)| !p.ends_with("brief.yaml"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn unknown_key_in_brief_yaml_is_named() {
    let s = Scratch::seed(1);
    s.write("brief.yaml", "title: ok\ntemplate_dir: x\n");
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.yaml:2"))
        .stderr(predicate::str::contains("template_dir"));
}

#[test]
fn malformed_facts_yaml_is_never_overwritten() {
    let s = Scratch::seed(2);
    s.build();
    let broken = s
        .read("facts.yaml")
        .replacen("commitments:", "commitments: [\n  oops: {", 1);
    s.write("facts.yaml", &broken);
    let md = s.read("brief.md");
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("facts.yaml:"))
        .stderr(predicate::str::contains("untouched"));
    assert_eq!(broken, s.read("facts.yaml"));
    assert_eq!(md, s.read("brief.md"));
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let s = Scratch::seed(2);
    s.build();
    let before = s.snapshot();
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\n{{% if %}}\n")).unwrap();
    let line = text.lines().count() + 2;
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.md.j2"))
        .stderr(predicate::str::contains(format!("{line}")))
        .stderr(no_panic());
    assert_eq!(before, s.snapshot());
}

#[test]
fn template_using_an_undefined_field_is_an_error() {
    let s = Scratch::seed(2);
    s.build();
    let before = s.snapshot();
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\n{{{{ config.no_such_field }}}}\n")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.md.j2"))
        .stderr(predicate::str::contains("undefined"));
    assert_eq!(before, s.snapshot());
}

#[test]
fn missing_typst_says_how_to_install_and_no_pdf_still_works() {
    let s = Scratch::seed(1);
    s.cmd()
        .args(["build", "briefs/b"])
        .env("CITEBRIEF_TYPST", "/nonexistent/typst")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cargo install --locked typst-cli --version 0.15.1",
        ))
        .stderr(no_panic());
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .env("CITEBRIEF_TYPST", "/nonexistent/typst")
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn failing_typst_leaves_every_output_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::seed(2);
    s.build();
    // A typst that reports the right version but fails to compile.
    let fake = s.root.path().join("fake-typst");
    std::fs::write(&fake, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1'; exit 0; fi\necho 'error: boom' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Change a template so that brief.md would change: it still must not be written.
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\nAdded.\n")).unwrap();
    let before = s.snapshot();
    s.cmd()
        .args(["build", "briefs/b"])
        .env("CITEBRIEF_TYPST", &fake)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("boom"))
        .stderr(no_panic());
    assert_eq!(before, s.snapshot());
}

#[test]
fn an_output_that_cannot_be_written_is_named() {
    let s = Scratch::seed(1);
    // brief.md is a folder: the rename cannot replace it (works even as root).
    std::fs::create_dir_all(s.path("brief.md/x")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.md"))
        .stderr(predicate::str::contains("cannot write"))
        .stderr(no_panic());
}

#[test]
fn injected_markup_in_a_source_stays_literal_text() {
    let evil = "Ruritania will send 300 engineers to the region after a ceasefire, said the minister, quoting #read(\"/etc/passwd\") and <script>alert(1)</script> and [x](javascript:alert(1)) and {{ config.title }} and `code` and [^1] | a | b |.\n";
    let s = Scratch::with_sources(&[("evil.txt", evil.as_bytes())]);
    s.build();
    let md = s.read("brief.md");
    assert!(!md.contains("<script>"), "raw HTML escaped:\n{md}");
    assert!(!md.contains("](javascript:"), "no live link:\n{md}");
    let out = s
        .cmd()
        .args(["convert", "briefs/b/brief.md"])
        .output()
        .unwrap();
    let typ = String::from_utf8(out.stdout).unwrap();
    assert!(
        !typ.contains("#read(\"/etc/passwd\")"),
        "typst code never emitted raw"
    );
}

/// Makes a folder unwritable for as long as it lives: `chattr +i` (which stops even root, on
/// ext4) or else `chmod 555`; `None` when neither stops a write here.
#[cfg(unix)]
struct Unwritable(std::path::PathBuf, bool);

#[cfg(unix)]
impl Unwritable {
    fn new(dir: &std::path::Path) -> Option<Unwritable> {
        use std::os::unix::fs::PermissionsExt;
        let chattr = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !chattr {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
        }
        let guard = Unwritable(dir.to_path_buf(), chattr);
        let probe = dir.join(".probe");
        if std::fs::write(&probe, b"x").is_ok() {
            let _ = std::fs::remove_file(probe);
            return None; // writes still go through (root without chattr): nothing to test
        }
        Some(guard)
    }
}

#[cfg(unix)]
impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        } else {
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
}

#[cfg(unix)]
#[test]
fn an_unwritable_brief_folder_is_named_and_outputs_stay() {
    let s = Scratch::seed(2);
    s.build();
    // Change a template so that brief.md would be rewritten.
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\nAdded.\n")).unwrap();
    let before = s.snapshot();
    let Some(_guard) = Unwritable::new(&s.brief()) else {
        eprintln!("skipped: neither chattr nor chmod makes a folder unwritable here");
        return;
    };
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("briefs/b"))
        .stderr(predicate::str::contains("writable"))
        .stderr(no_panic());
    assert_eq!(before, s.snapshot());
}

#[test]
fn a_misspelt_field_in_an_edited_facts_yaml_is_named() {
    let s = Scratch::seed(2);
    s.build();
    // The build recorded facts.yaml as unedited; an analyst's typo must still be caught.
    let yaml = s.read("facts.yaml");
    let edited = yaml.replacen("review: proposed", "reveiw: accepted", 1);
    assert_ne!(yaml, edited);
    s.write("facts.yaml", &edited);
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("facts.yaml:"))
        .stderr(predicate::str::contains("reveiw"))
        .stderr(no_panic());
    assert_eq!(edited, s.read("facts.yaml"), "never overwritten");
}
