//! The outputs of one build appear together or not at all: facts.yaml, brief.md and brief.pdf
//! are all written in full before any is put in place, and a build stopped between the
//! renames is noticed and repaired by the next.

mod common;

use common::Scratch;
use predicates::prelude::*;

/// Changes every output of the next build: one more source and a template that makes
/// brief.md about 480 KB.
fn change_everything(s: &Scratch) {
    let seed = common::repo().join("briefs/paris-2026-01/sources");
    let mut srcs: Vec<_> = std::fs::read_dir(&seed)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    srcs.sort();
    let third = &srcs[2];
    std::fs::copy(third, s.path("sources").join(third.file_name().unwrap())).unwrap();
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(
        &tpl,
        format!(
            "{text}\n{{% for i in range(6000) %}}A line of filler that makes brief.md larger than the disk allows.\n{{% endfor %}}\n"
        ),
    )
    .unwrap();
}

/// Hidden files a build leaves in the brief folder (temporary files).
fn temporaries(s: &Scratch) -> Vec<String> {
    std::fs::read_dir(s.brief())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".typ"))
        .collect()
}

/// A full disk, as the kernel reports it to a process over its file size limit (EFBIG):
/// facts.yaml fits, brief.md does not.
#[cfg(target_os = "linux")]
#[test]
fn on_a_full_disk_no_output_is_replaced_without_the_others() {
    use std::os::unix::process::CommandExt;
    let s = Scratch::seed(2);
    s.build();
    let before = s.snapshot();
    change_everything(&s);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("citebrief"));
    cmd.args(["build", "briefs/b", "--no-pdf"])
        .current_dir(s.root.path())
        .env("NO_COLOR", "1");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 200_000,
                rlim_max: 200_000,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build fails: {err}");
    assert!(err.contains("brief.md"), "names the output: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        before == s.snapshot(),
        "facts.yaml was replaced without brief.md: every output must be as it was"
    );
    assert_eq!(
        temporaries(&s),
        Vec::<String>::new(),
        "no temporary file left"
    );
    // With room again, the build goes through.
    s.build();
    assert!(s.read("brief.md").contains("A line of filler"));
}

#[test]
fn an_output_that_cannot_be_replaced_stops_the_build_before_any_is() {
    let s = Scratch::seed(2);
    s.build();
    change_everything(&s);
    let facts = s.read("facts.yaml");
    // brief.md is a folder: a rename cannot replace it; facts.yaml must not change either.
    std::fs::remove_file(s.path("brief.md")).unwrap();
    std::fs::create_dir_all(s.path("brief.md/x")).unwrap();
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("brief.md"))
        .stderr(predicate::str::contains("panicked").not());
    assert_eq!(facts, s.read("facts.yaml"), "facts.yaml left as it was");
    assert_eq!(temporaries(&s), Vec::<String>::new());
}

#[test]
fn a_build_stopped_between_renames_is_noticed_and_repaired() {
    let s = Scratch::seed(2);
    s.build();
    change_everything(&s);
    // A build that stops (as if the machine lost power) right after facts.yaml is in place.
    let out = s
        .cmd()
        .args(["build", "briefs/b", "--no-pdf"])
        .env("CITEBRIEF_TEST_CRASH_AFTER", "facts.yaml")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the build was stopped");
    assert!(
        !s.read("brief.md").contains("A line of filler"),
        "brief.md is still the old one: the set is mixed"
    );
    // --check and verify say so.
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("interrupted"))
        .stderr(predicate::str::contains("brief.md"));
    s.cmd()
        .args(["verify", "briefs/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("interrupted"));
    // The next build says so and puts the whole set in place.
    s.build().stderr(predicate::str::contains("interrupted"));
    assert!(s.read("brief.md").contains("A line of filler"));
    s.cmd()
        .args(["build", "briefs/b", "--no-pdf", "--check"])
        .assert()
        .success();
    s.cmd().args(["verify", "briefs/b"]).assert().success();
    assert_eq!(temporaries(&s), Vec::<String>::new());
}
