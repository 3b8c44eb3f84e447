//! Links that arrive in archives and clones: a build never reads, writes or deletes outside the
//! brief folder (and its template folder) through one. Like git, citebrief refuses what it
//! cannot do safely, or skips it with a warning naming the path.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;

use common::{tree, Scratch};
use predicates::prelude::*;

const GOOD: &str = "Ruritania will send 300 engineers to help rebuild bridges after a ceasefire, its defence minister said on Monday.\n";
const OUTSIDE: &str = "Zembla will send 400 engineers to the region after a ceasefire, its defence minister said on Monday.\n";

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

/// Changes a template, so that the next build is not a no-op.
fn touch_template(s: &Scratch, line: &str) {
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\n{line}\n")).unwrap();
}

/// A folder outside the brief with files a build must never touch.
fn victim(s: &Scratch) -> std::path::PathBuf {
    let v = s.root.path().join("victim");
    std::fs::create_dir_all(v.join("ab")).unwrap();
    std::fs::write(v.join("keep.txt"), "precious").unwrap();
    std::fs::write(v.join("ab/notes.json"), "{}").unwrap();
    std::fs::write(v.join("ab/other.txt"), "also precious").unwrap();
    v
}

#[test]
fn cache_pruning_never_follows_a_symlinked_facts_folder() {
    let s = Scratch::seed(2);
    s.build();
    let v = victim(&s);
    let before = tree(&v);
    let facts = s.path(".citebrief-cache/facts");
    std::fs::remove_dir_all(&facts).unwrap();
    symlink(&v, &facts).unwrap();
    touch_template(&s, "Changed once.");
    s.build()
        .stderr(predicate::str::contains(".citebrief-cache/facts"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    assert_eq!(before, tree(&v), "nothing outside the brief was deleted");
    assert!(
        !facts.is_symlink(),
        "the link was replaced by a folder of the brief"
    );
}

#[test]
fn cache_pruning_never_follows_a_symlinked_shard() {
    let s = Scratch::seed(2);
    s.build();
    let v = victim(&s);
    let before = tree(&v);
    symlink(v.join("ab"), s.path(".citebrief-cache/facts/zz")).unwrap();
    touch_template(&s, "Changed once.");
    s.build().stderr(no_panic());
    assert_eq!(before, tree(&v), "nothing outside the brief was deleted");
}

#[test]
fn cleaning_the_cache_never_follows_a_symlinked_tmp_folder() {
    let s = Scratch::seed(2);
    s.build();
    let v = victim(&s);
    let before = tree(&v);
    symlink(&v, s.path(".citebrief-cache/tmp")).unwrap();
    s.build().stderr(no_panic());
    assert_eq!(before, tree(&v), "nothing outside the brief was deleted");
    assert!(
        !s.path(".citebrief-cache/tmp").is_symlink(),
        "the link was removed"
    );
}

#[test]
fn a_symlinked_cache_folder_is_refused() {
    let s = Scratch::seed(2);
    let v = victim(&s);
    let before = tree(&v);
    symlink(&v, s.path(".citebrief-cache")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(".citebrief-cache"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    assert_eq!(before, tree(&v), "nothing written outside the brief");
    assert!(!s.path("facts.yaml").exists());
}

#[test]
fn a_symlinked_lock_file_is_refused_and_nothing_is_created_outside() {
    let s = Scratch::seed(2);
    s.build();
    let outside = s.root.path().join("outside.lock");
    std::fs::remove_file(s.path(".citebrief.lock")).unwrap();
    symlink(&outside, s.path(".citebrief.lock")).unwrap();
    touch_template(&s, "Changed once.");
    let before = s.snapshot();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(".citebrief.lock"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    assert!(!outside.exists(), "no file created through the link");
    assert_eq!(before, s.snapshot());
    // `review` takes the same lock.
    let id = s
        .read("facts.yaml")
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("- id: ").map(str::to_string))
        .unwrap();
    s.cmd()
        .args(["review", "briefs/b", &id, "--accept"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(".citebrief.lock"));
    assert!(!outside.exists());
}

#[test]
fn a_symlinked_output_or_brief_yaml_is_refused_and_never_read() {
    let s = Scratch::seed(2);
    s.build();
    // facts.yaml points at a file elsewhere, which says something the sources do not.
    let elsewhere = s.root.path().join("elsewhere.yaml");
    let yaml = s.read("facts.yaml");
    let first = yaml
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("wording: "))
        .unwrap()
        .to_string();
    let leaked = yaml
        .replacen(
            &format!("wording: {first}"),
            "statement: LEAKED STATEMENT",
            1,
        )
        .replacen("review: proposed", "review: accepted", 1);
    std::fs::write(&elsewhere, &leaked).unwrap();
    std::fs::remove_file(s.path("facts.yaml")).unwrap();
    symlink(&elsewhere, s.path("facts.yaml")).unwrap();
    touch_template(&s, "Changed once.");
    let md = s.read("brief.md");
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("facts.yaml"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    assert_eq!(md, s.read("brief.md"), "brief.md unchanged");
    assert!(s.path("facts.yaml").is_symlink(), "the link is left alone");
    assert_eq!(leaked, std::fs::read_to_string(&elsewhere).unwrap());
    s.cmd()
        .args(["facts", "briefs/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("symbolic link"));

    // brief.md as a link: refused too, the file it points to untouched.
    std::fs::remove_file(s.path("facts.yaml")).unwrap();
    std::fs::write(s.path("facts.yaml"), &yaml).unwrap();
    let target = s.root.path().join("elsewhere.md");
    std::fs::write(&target, "mine").unwrap();
    std::fs::remove_file(s.path("brief.md")).unwrap();
    symlink(&target, s.path("brief.md")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.md"))
        .stderr(predicate::str::contains("symbolic link"));
    assert_eq!("mine", std::fs::read_to_string(&target).unwrap());

    // brief.yaml as a link is not read.
    std::fs::remove_file(s.path("brief.md")).unwrap();
    let cfg = s.root.path().join("elsewhere-brief.yaml");
    std::fs::write(&cfg, "title: LEAKED TITLE\n").unwrap();
    std::fs::remove_file(s.path("brief.yaml")).unwrap();
    symlink(&cfg, s.path("brief.yaml")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.yaml"))
        .stderr(predicate::str::contains("symbolic link"));
    assert!(!s.path("brief.md").exists());
}

#[test]
fn a_source_linked_to_a_file_outside_is_skipped_with_a_warning() {
    let s = Scratch::with_sources(&[("good.txt", GOOD.as_bytes())]);
    let outside = s.root.path().join("outside.txt");
    std::fs::write(&outside, OUTSIDE).unwrap();
    symlink(&outside, s.path("sources/leak.txt")).unwrap();
    s.build()
        .stderr(predicate::str::contains("sources/leak.txt"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    for out in ["facts.yaml", "brief.md"] {
        let text = s.read(out);
        assert!(!text.contains("Zembla"), "{out} read through the link");
        assert!(!text.contains("leak"), "{out} names the link");
    }
    assert!(s.read("facts.yaml").contains("good"));
}

#[test]
fn a_symlinked_sources_folder_is_refused() {
    let s = Scratch::seed(0);
    let elsewhere = s.root.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("outside.txt"), OUTSIDE).unwrap();
    std::fs::remove_dir_all(s.path("sources")).unwrap();
    symlink(&elsewhere, s.path("sources")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("sources"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    assert!(!s.path("facts.yaml").exists());
    assert!(!s.path("brief.md").exists());
}

#[test]
fn a_brief_folder_linked_from_briefs_is_skipped_when_discovered() {
    let s = Scratch::seed(2);
    let elsewhere = s.root.path().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("sources")).unwrap();
    std::fs::write(elsewhere.join("brief.yaml"), "title: Elsewhere\n").unwrap();
    std::fs::write(elsewhere.join("sources/a.txt"), OUTSIDE).unwrap();
    symlink(&elsewhere, s.root.path().join("briefs/linked")).unwrap();
    s.cmd()
        .args(["build", "--no-pdf"])
        .assert()
        .success()
        .stderr(predicate::str::contains("briefs/linked"))
        .stderr(predicate::str::contains("symbolic link"));
    assert!(
        !elsewhere.join("facts.yaml").exists(),
        "nothing written there"
    );
    assert!(s.path("facts.yaml").exists(), "the real brief is built");
}

#[test]
fn a_symlinked_briefs_folder_is_not_searched() {
    let s = Scratch::seed(2);
    let elsewhere = s.root.path().join("elsewhere");
    std::fs::rename(s.root.path().join("briefs"), &elsewhere).unwrap();
    symlink(&elsewhere, s.root.path().join("briefs")).unwrap();
    s.cmd()
        .args(["build", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("briefs"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    assert!(
        !elsewhere.join("b/facts.yaml").exists(),
        "nothing written there"
    );
    // named, the brief is the analyst's choice
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .success();
}

#[test]
fn links_inside_the_template_folder_are_not_followed() {
    let s = Scratch::seed(2);
    let secret = s.root.path().join("secret.j2");
    std::fs::write(&secret, "SECRET TEMPLATE TEXT\n").unwrap();
    symlink(
        &secret,
        s.root.path().join("templates/sections/extra.md.j2"),
    )
    .unwrap();
    touch_template(&s, "{% include \"sections/extra.md.j2\" %}");
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("extra.md.j2"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(no_panic());
    assert!(!s.path("brief.md").exists() || !s.read("brief.md").contains("SECRET"));
}
