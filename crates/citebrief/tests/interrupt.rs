//! Interrupted builds leave nothing behind that the next build does not clean, and a typst
//! that never returns is stopped: on a timeout, and with citebrief on SIGINT or SIGTERM.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Scratch;
use predicates::prelude::*;

/// A typst that reports the right version, then writes its process id and that of a child of
/// its own to `pids`, and waits for ever.
fn hanging_typst(s: &Scratch) -> (std::path::PathBuf, std::path::PathBuf) {
    let fake = s.root.path().join("hanging-typst");
    let pids = s.root.path().join("typst.pids");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1'; exit 0; fi\n\
             sleep 1000 &\necho $$ $! > {}.tmp\nmv {0}.tmp {0}\nwait\n",
            pids.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    (fake, pids)
}

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    let exists = unsafe { libc::kill(pid, 0) } == 0;
    // a zombie (exited, not yet reaped) counts as gone
    exists
        && std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| s.split_whitespace().nth(2).is_none_or(|st| st != "Z"))
            .unwrap_or(false)
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let t = Instant::now();
    while !done() {
        assert!(t.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for a child for at most `limit`; kills it and fails the test past that.
fn wait_bounded(mut child: Child, limit: Duration) -> std::process::Output {
    let t = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if t.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after {limit:?}; stderr:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn pids(path: &Path) -> Vec<i32> {
    std::fs::read_to_string(path)
        .unwrap()
        .split_whitespace()
        .map(|p| p.parse().unwrap())
        .collect()
}

/// Temporary files of a build in the brief folder and in its cache.
fn leftovers(brief: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(brief)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".typ"))
        .collect();
    if let Ok(entries) = std::fs::read_dir(brief.join(".citebrief-cache/tmp")) {
        out.extend(
            entries
                .flatten()
                .map(|e| format!("tmp/{}", e.file_name().to_string_lossy())),
        );
    }
    out
}

#[test]
fn sigterm_stops_typst_and_removes_the_temporary_files() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let s = Scratch::seed(2);
        let (fake, pid_file) = hanging_typst(&s);
        let child = Command::new(assert_cmd::cargo::cargo_bin("citebrief"))
            .args(["build", "briefs/b"])
            .current_dir(s.root.path())
            .env("CITEBRIEF_TYPST", &fake)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for("typst started", Duration::from_secs(60), || {
            pid_file.exists()
        });
        let typst = pids(&pid_file);
        assert!(typst.iter().all(|&p| alive(p)));
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(child.id() as i32, signal) };
        let out = wait_bounded(child, Duration::from_secs(20));
        assert!(!out.status.success(), "an interrupted build fails");
        wait_for(
            "typst and its child are stopped",
            Duration::from_secs(10),
            || typst.iter().all(|&p| !alive(p)),
        );
        assert_eq!(
            leftovers(&s.brief()),
            Vec::<String>::new(),
            "signal {signal}"
        );
        assert!(!s.path("facts.yaml").exists(), "no output appears");
    }
}

#[test]
fn a_typst_that_never_returns_is_stopped_after_the_timeout() {
    let s = Scratch::seed(2);
    let (fake, pid_file) = hanging_typst(&s);
    let child = Command::new(assert_cmd::cargo::cargo_bin("citebrief"))
        .args(["build", "briefs/b"])
        .current_dir(s.root.path())
        .env("CITEBRIEF_TYPST", &fake)
        .env("CITEBRIEF_TYPST_TIMEOUT", "2")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_bounded(child, Duration::from_secs(60));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("did not finish within 2 s"), "{err}");
    assert!(
        err.contains("CITEBRIEF_TYPST_TIMEOUT"),
        "says what to do: {err}"
    );
    let typst = pids(&pid_file);
    wait_for("typst is stopped", Duration::from_secs(10), || {
        typst.iter().all(|&p| !alive(p))
    });
    assert_eq!(leftovers(&s.brief()), Vec::<String>::new());
    assert!(!s.path("brief.md").exists(), "no output without the PDF");
}

#[test]
fn the_next_build_removes_what_a_killed_build_left() {
    let s = Scratch::seed(2);
    s.build();
    // What SIGKILL leaves at the wrong moment: staged outputs, typst's input, its folder.
    let junk = [
        ".facts.yaml.aB3dE9.tmp",
        ".brief.md.Zx81Qa.tmp",
        ".brief.pdf.k2LmNo.tmp",
        ".citebrief-Q1w2E3.typ",
    ];
    for j in junk {
        std::fs::write(s.path(j), vec![b'x'; 4096]).unwrap();
    }
    std::fs::create_dir_all(s.path(".citebrief-cache/tmp/typst-Ab12Cd")).unwrap();
    std::fs::write(s.path(".citebrief-cache/tmp/typst-Ab12Cd/img.png"), b"x").unwrap();
    // a file of the analyst's with a similar name is not ours
    std::fs::write(s.path("notes.tmp"), "mine").unwrap();
    // --check writes (and removes) nothing
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .success();
    assert!(s.path(junk[0]).exists());
    s.build();
    for j in junk {
        assert!(!s.path(j).exists(), "{j} left behind");
    }
    assert!(!s.path(".citebrief-cache/tmp/typst-Ab12Cd").exists());
    assert_eq!(
        std::fs::read_to_string(s.path("notes.tmp")).unwrap(),
        "mine"
    );
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .success()
        .stderr(predicate::str::contains("panicked").not());
}
