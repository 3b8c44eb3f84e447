//! A scratch workspace for CLI tests: a copy of the seed brief and the templates in a temp dir.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

pub struct Scratch {
    pub root: tempfile::TempDir,
}

impl Scratch {
    /// A workspace holding `templates/` and a brief `briefs/b` with the seed sources
    /// (all of them, or the first `n`).
    pub fn seed(n: usize) -> Scratch {
        let root = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("templates"), &root.path().join("templates"));
        let b = root.path().join("briefs/b");
        std::fs::create_dir_all(b.join("sources")).unwrap();
        std::fs::copy(
            repo().join("briefs/paris-2026-01/brief.yaml"),
            b.join("brief.yaml"),
        )
        .unwrap();
        let mut srcs: Vec<_> = std::fs::read_dir(repo().join("briefs/paris-2026-01/sources"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        srcs.sort();
        for p in srcs.into_iter().take(n) {
            std::fs::copy(&p, b.join("sources").join(p.file_name().unwrap())).unwrap();
        }
        Scratch { root }
    }

    /// An empty brief `briefs/b` with the given sources.
    pub fn with_sources(sources: &[(&str, &[u8])]) -> Scratch {
        let s = Scratch::seed(0);
        for (name, bytes) in sources {
            std::fs::write(s.brief().join("sources").join(name), bytes).unwrap();
        }
        s
    }

    pub fn brief(&self) -> PathBuf {
        self.root.path().join("briefs/b")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.brief().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).unwrap();
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("citebrief").unwrap();
        c.current_dir(self.root.path()).env("NO_COLOR", "1");
        c
    }

    /// `citebrief build briefs/b --no-pdf`, asserting success.
    pub fn build(&self) -> assert_cmd::assert::Assert {
        self.cmd()
            .args(["build", "briefs/b", "--no-pdf"])
            .assert()
            .success()
    }

    /// The bytes of every file in the brief folder (outputs included, the source pages of
    /// brief.html too), for before/after checks.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for name in [
            "facts.yaml",
            "brief.md",
            "sources.md",
            "brief.pdf",
            "brief.html",
            "brief.yaml",
        ] {
            if let Ok(b) = std::fs::read(self.path(name)) {
                out.push((self.path(name), b));
            }
        }
        out.extend(self.pages());
        out
    }

    /// The files of the brief's `html/` folder (its style and source pages), by path.
    pub fn pages(&self) -> Vec<(PathBuf, Vec<u8>)> {
        tree(&self.path("html"))
    }
}

/// Every file under `dir` (none when it is absent), with its bytes, by path.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// True when a tool is on PATH.
pub fn have(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}
