//! Every read has a bound: nothing a brief holds makes a build block or read without end.
#![cfg(unix)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Scratch;

/// Runs `citebrief ARGS` in the scratch workspace, failing the test if it takes more than
/// `limit` (the bug this guards against is a build that never returns).
fn run_bounded(s: &Scratch, args: &[&str], limit: Duration) -> (Option<i32>, String) {
    let child: Child = Command::new(assert_cmd::cargo::cargo_bin("citebrief"))
        .args(args)
        .current_dir(s.root.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t = Instant::now();
    let mut child = child;
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if t.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`citebrief {}` still running after {limit:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), err)
}

fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_fifo_in_the_template_folder_is_named_not_read() {
    let s = Scratch::seed(2);
    let fifo = s.root.path().join("templates/sections/pipe.md.j2");
    mkfifo(&fifo);
    let (code, err) = run_bounded(
        &s,
        &["build", "briefs/b", "--no-pdf"],
        Duration::from_secs(30),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("templates/sections/pipe.md.j2"), "{err}");
    assert!(err.contains("FIFO"), "{err}");
}

#[test]
fn a_device_folder_as_the_template_folder_is_refused() {
    let s = Scratch::seed(2);
    let yaml = s
        .read("brief.yaml")
        .replace("templates: null", "templates: /dev");
    assert!(yaml.contains("templates: /dev"));
    s.write("brief.yaml", &yaml);
    let (code, err) = run_bounded(
        &s,
        &["build", "briefs/b", "--no-pdf"],
        Duration::from_secs(30),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("/dev"), "{err}");
    assert!(err.contains("brief.yaml"), "{err}");
    assert!(
        err.contains("brief.md.j2"),
        "says what the folder lacks: {err}"
    );
}

#[test]
fn a_fifo_or_device_in_sources_is_skipped_with_a_warning() {
    let s = Scratch::seed(2);
    mkfifo(&s.path("sources/pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", s.path("sources/zero.txt")).unwrap();
    let (code, err) = run_bounded(
        &s,
        &["build", "briefs/b", "--no-pdf"],
        Duration::from_secs(60),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("sources/pipe.txt") && err.contains("FIFO"),
        "{err}"
    );
    assert!(err.contains("sources/zero.txt"), "{err}");
}

#[test]
fn a_source_over_the_size_limit_is_named_with_the_limit() {
    let s = Scratch::seed(2);
    // sparse: 300 MB on paper, nothing on disk
    std::fs::File::create(s.path("sources/huge.txt"))
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let (code, err) = run_bounded(
        &s,
        &["build", "briefs/b", "--no-pdf"],
        Duration::from_secs(60),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("sources/huge.txt"), "{err}");
    assert!(
        err.contains("300.0 MB") && err.contains("256.0 MB"),
        "{err}"
    );
}

#[test]
fn inspect_and_convert_refuse_a_fifo() {
    let s = Scratch::seed(0);
    let fifo = s.root.path().join("pipe");
    mkfifo(&fifo);
    for args in [["inspect", "pipe"], ["convert", "pipe"]] {
        let (code, err) = run_bounded(&s, &args, Duration::from_secs(30));
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains("pipe") && err.contains("FIFO"), "{err}");
    }
}
