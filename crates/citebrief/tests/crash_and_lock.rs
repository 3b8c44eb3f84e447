//! Crash safety and concurrent runs: outputs are always the old or the new version, never a mix
//! or a fragment, and two builds of one brief never interleave.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Scratch;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("citebrief")
}

/// Build, then mark a review decision by hand, as an analyst would.
fn reviewed_scratch() -> Scratch {
    let s = Scratch::seed(5);
    s.build();
    let yaml = s.read("facts.yaml");
    let edited = yaml.replacen(
        "review: proposed",
        "review: accepted\n  note: checked by hand",
        1,
    );
    assert_ne!(yaml, edited, "facts.yaml has a proposed fact to review");
    s.write("facts.yaml", &edited);
    s
}

#[cfg(unix)]
#[test]
fn sigkill_at_random_moments_never_leaves_a_partial_output() {
    // Old outputs: a reviewed brief, rebuilt so that every output is consistent.
    let s = reviewed_scratch();
    s.build();
    let old: Vec<_> = s.snapshot();
    // New outputs: what a build gives after a template change, made in a twin folder.
    let twin = reviewed_scratch();
    twin.build();
    let extra = "\nA line added to the template.\n";
    for sc in [&s, &twin] {
        let tpl = sc.root.path().join("templates/brief.md.j2");
        let text = std::fs::read_to_string(&tpl).unwrap();
        std::fs::write(&tpl, format!("{text}{extra}")).unwrap();
    }
    twin.build();
    let new = twin.snapshot();
    let twin_root = twin.root.path().to_string_lossy().into_owned();
    let s_root = s.root.path().to_string_lossy().into_owned();

    // How long one build takes, to spread the kills over it.
    let t0 = Instant::now();
    let status = Command::new(bin())
        .args(["build", "briefs/b", "--no-pdf", "-q"])
        .current_dir(twin.root.path())
        .status()
        .unwrap();
    assert!(status.success());
    let span = t0.elapsed().as_micros().max(1000) as u64;

    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..20 {
        // Put the old outputs back, then start a build and kill it at a pseudo-random moment.
        for (p, b) in &old {
            std::fs::write(p, b).unwrap();
        }
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let delay = Duration::from_micros(rng % (span + span / 4));
        let mut child = Command::new(bin())
            .args(["build", "briefs/b", "--no-pdf", "-q"])
            .current_dir(s.root.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on unix
        let _ = child.wait();
        for ((path, old_bytes), (_, new_bytes)) in old.iter().zip(&new) {
            let now = std::fs::read(path).unwrap();
            let new_here = String::from_utf8_lossy(new_bytes)
                .replace(&twin_root, &s_root)
                .into_bytes();
            assert!(
                &now == old_bytes || now == *new_bytes || now == new_here,
                "round {round}: {} is neither the old nor the new version after a kill at {delay:?}",
                path.display()
            );
        }
        let facts = s.read("facts.yaml");
        assert!(
            facts.contains("note: checked by hand"),
            "round {round}: review edit lost"
        );
        // No temporary files left visible as outputs.
        for e in std::fs::read_dir(s.brief()).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(
                !name.ends_with(".md.tmp") && name != "brief.md.partial",
                "{name}"
            );
        }
    }
}

#[test]
fn a_second_build_waits_for_the_lock_of_the_first() {
    let s = Scratch::seed(2);
    s.build();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(s.path(".citebrief.lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::remove_file(s.path("brief.md")).unwrap();
    let child = Command::new(bin())
        .args(["build", "briefs/b", "--no-pdf"])
        .current_dir(s.root.path())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        !s.path("brief.md").exists(),
        "the second build must not write while the lock is held"
    );
    lock.unlock().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Waiting"), "the waiting build says so: {err}");
    assert!(s.path("brief.md").exists());
}
