//! brief.html and its source pages as a build writes them (issue 16): one page per source,
//! written with the other outputs as a set, unchanged pages left alone, pages of removed
//! sources removed, `--check` naming what is out of date, and no link followed.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::Scratch;
use predicates::prelude::*;

const PAGES: &str = "html/sources";

/// The seed brief's source ids.
fn seed_ids() -> Vec<String> {
    let mut ids: Vec<String> =
        std::fs::read_dir(common::repo().join("briefs/paris-2026-01/sources"))
            .unwrap()
            .flatten()
            .map(|e| {
                Path::new(&e.file_name())
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
    ids.sort();
    ids
}

/// The page of source `id` in the brief.
fn page(s: &Scratch, id: &str) -> std::path::PathBuf {
    s.path(&format!("{PAGES}/{id}.html"))
}

fn modified(p: &Path) -> std::time::SystemTime {
    std::fs::symlink_metadata(p).unwrap().modified().unwrap()
}

#[test]
fn a_build_writes_brief_html_and_a_page_per_source_and_a_rebuild_leaves_them() {
    let s = Scratch::seed(5);
    s.build();
    let html = s.read("brief.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let ids = seed_ids();
    for id in &ids {
        let page = s.read(&format!("{PAGES}/{id}.html"));
        assert!(page.contains("<p id=\"L1\""), "{id}: numbered lines");
        assert!(
            html.contains(&format!("href=\"html/sources/{id}.html")),
            "{id}: linked"
        );
    }
    assert!(s.path("html/style.css").is_file());
    // every note of brief.html leads to a page and a line that marks its quote
    let mut notes = 0;
    for link in html.split("href=\"html/sources/").skip(1) {
        let href = &link[..link.find('"').unwrap()];
        let Some((page, line)) = href.split_once("#L") else {
            continue;
        };
        let text = s.read(&format!("{PAGES}/{page}"));
        let at = text
            .find(&format!("<p id=\"L{line}\">"))
            .unwrap_or_else(|| panic!("{href}: no such line"));
        let line_html = &text[at..at + text[at..].find("</p>").unwrap()];
        assert!(line_html.contains("<mark>"), "{href}: {line_html}");
        assert!(
            line_html.contains("../../brief.html#"),
            "{href}: links back"
        );
        notes += 1;
    }
    assert!(notes > 20, "{notes} notes");
    // nothing in the pages comes from elsewhere
    for (p, bytes) in s.pages() {
        let text = String::from_utf8(bytes).unwrap();
        for outside in ["http:", "https:", "<script", "@import", "url("] {
            assert!(!text.contains(outside), "{}: {outside}", p.display());
        }
    }
    // a rebuild of the same inputs writes nothing and leaves every page as it was
    let before = s.snapshot();
    let times: Vec<_> = s.pages().iter().map(|(p, _)| modified(p)).collect();
    s.build()
        .stderr(predicate::str::contains("Wrote").not())
        .stderr(predicate::str::contains("Fresh"));
    assert_eq!(before, s.snapshot());
    let after: Vec<_> = s.pages().iter().map(|(p, _)| modified(p)).collect();
    assert_eq!(times, after);
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .success();
}

#[test]
fn two_builds_of_one_brief_write_the_same_bytes() {
    let (a, b) = (Scratch::seed(3), Scratch::seed(3));
    a.build();
    b.build();
    assert_eq!(a.read("brief.html"), b.read("brief.html"));
    let rel = |s: &Scratch| -> Vec<(String, Vec<u8>)> {
        s.pages()
            .into_iter()
            .map(|(p, bytes)| {
                let p = p.strip_prefix(s.brief()).unwrap().display().to_string();
                (p, bytes)
            })
            .collect()
    };
    assert_eq!(rel(&a), rel(&b));
}

#[test]
fn check_names_a_missing_an_edited_and_a_stray_page() {
    let s = Scratch::seed(3);
    s.build();
    let ids = seed_ids();
    let missing = page(&s, &ids[0]);
    let edited = page(&s, &ids[1]);
    let stray = s.path(&format!("{PAGES}/gone.html"));
    std::fs::remove_file(&missing).unwrap();
    std::fs::write(&edited, "<p>edited</p>").unwrap();
    std::fs::write(&stray, "<p>a source no longer in the brief</p>").unwrap();
    let before = s.snapshot();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(missing.display().to_string())
                .or(predicate::str::contains(format!("{PAGES}/{}.html", ids[0]))),
        )
        .stderr(predicate::str::contains(format!("{PAGES}/{}.html", ids[1])))
        .stderr(predicate::str::contains(format!("{PAGES}/gone.html")))
        .stderr(predicate::str::contains("brief.html").not())
        .stderr(predicate::str::contains("facts.yaml").not());
    assert_eq!(before, s.snapshot(), "--check writes nothing");
    // the build puts back the two and removes the stray one
    s.build();
    assert!(missing.is_file());
    assert!(s
        .read(&format!("{PAGES}/{}.html", ids[1]))
        .contains("<p id=\"L1\""));
    assert!(!stray.exists());
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .success();
    // brief.html is checked as every output is
    std::fs::write(s.path("brief.html"), "stale").unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.html"));
}

#[test]
fn a_removed_source_loses_its_page_and_only_changed_pages_are_written() {
    let s = Scratch::seed(5);
    s.build();
    let ids = seed_ids();
    let removed = page(&s, &ids[1]);
    std::fs::remove_file(s.path(&format!("sources/{}.txt", ids[1]))).unwrap();
    // a note of the user's in the folder is not a page: left alone
    std::fs::write(s.path("html/sources/README.txt"), "mine").unwrap();
    s.build();
    assert!(!removed.exists(), "the page of a removed source is removed");
    assert_eq!(s.read("html/sources/README.txt"), "mine");
    assert!(!s.read("brief.html").contains(&ids[1]));

    // a change to brief.html alone writes brief.html, and no page
    let times: Vec<_> = s
        .pages()
        .iter()
        .map(|(p, _)| (p.clone(), modified(p)))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let tpl = s.root.path().join("templates/html/brief.html.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(
        &tpl,
        text.replace("<h2>Bottom line</h2>", "<h2>In short</h2>"),
    )
    .unwrap();
    s.build()
        .stderr(predicate::str::contains("Wrote briefs/b/brief.html"))
        .stderr(predicate::str::contains("Unchanged briefs/b/html"));
    assert!(s.read("brief.html").contains("<h2>In short</h2>"));
    let after: Vec<_> = s
        .pages()
        .iter()
        .map(|(p, _)| (p.clone(), modified(p)))
        .collect();
    assert_eq!(times, after, "no page was written again");
    // and no staging folder is left
    let hidden: Vec<String> = std::fs::read_dir(s.brief())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert_eq!(hidden, Vec::<String>::new());
}

#[test]
fn no_html_writes_neither_brief_html_nor_pages_and_leaves_earlier_ones() {
    let s = Scratch::seed(2);
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--no-html"])
        .assert()
        .success();
    assert!(s.path("brief.md").is_file());
    assert!(!s.path("brief.html").exists());
    assert!(!s.path("html").exists());
    s.build();
    let pages = s.pages();
    assert!(!pages.is_empty());
    s.write(
        "brief.yaml",
        &s.read("brief.yaml").replace("title: \"", "title: \"Zzyzx "),
    );
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--no-html"])
        .assert()
        .success();
    assert_eq!(pages, s.pages(), "--no-html leaves the pages as they were");
    assert!(!s.read("brief.html").contains("Zzyzx"));
}

#[test]
fn a_linked_html_folder_is_refused_and_a_linked_page_replaced_not_followed() {
    let s = Scratch::seed(2);
    let elsewhere = s.root.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    symlink(&elsewhere, s.path("html")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("html"))
        .stderr(predicate::str::contains("symbolic link"))
        .stderr(predicate::str::contains("panicked").not());
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(!s.path("brief.md").exists(), "no output without the others");
    std::fs::remove_file(s.path("html")).unwrap();

    // html/sources as a link: refused as well
    std::fs::create_dir(s.path("html")).unwrap();
    symlink(&elsewhere, s.path("html/sources")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("html/sources"))
        .stderr(predicate::str::contains("symbolic link"));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    std::fs::remove_file(s.path("html/sources")).unwrap();

    // a page that is a link to a file outside: the link is replaced, the file untouched
    s.build();
    let id = &seed_ids()[0];
    let linked = page(&s, id);
    let outside = s.root.path().join("outside.html");
    std::fs::write(&outside, "outside").unwrap();
    std::fs::remove_file(&linked).unwrap();
    symlink(&outside, &linked).unwrap();
    // a stray page that is a link: removed, its target untouched
    let stray = s.path(&format!("{PAGES}/stray.html"));
    symlink(&outside, &stray).unwrap();
    s.build();
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "outside");
    assert!(
        !linked.is_symlink()
            && std::fs::read_to_string(&linked)
                .unwrap()
                .contains("<p id=\"L1\"")
    );
    assert!(!stray.is_symlink() && !stray.exists());
}

#[test]
fn a_build_stopped_after_the_pages_is_noticed_and_a_staging_folder_left_is_removed() {
    let s = Scratch::seed(2);
    s.build();
    s.write(
        "brief.yaml",
        &s.read("brief.yaml")
            .replace("title: \"", "title: \"Renamed "),
    );
    let out = s
        .cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .env("CITEBRIEF_TEST_CRASH_AFTER", "html")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the build was stopped");
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("interrupted"));
    // what a killed build leaves: a staging folder
    let left = s.path(".html.abc123.tmp");
    std::fs::create_dir_all(left.join("sources")).unwrap();
    std::fs::write(left.join("sources/x.html"), "half").unwrap();
    s.build().stderr(predicate::str::contains("interrupted"));
    assert!(!left.exists(), "the staging folder is removed");
    assert!(s.read("brief.html").contains("Renamed"));
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .success();
}
