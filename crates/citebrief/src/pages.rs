//! The source pages of brief.html, an output of a build like facts.yaml and brief.md, but of
//! many files: the brief folder's `html/` holds `style.css` and `sources/ID.html`, one page per
//! source (a brief of 100,000 sources has 100,000 pages, none large).
//!
//! Every page is rendered, in parallel, and compared with the file on disk; only those that
//! differ are written, in full, into a staging folder of the brief (`.html.XXXXXX.tmp/`), made
//! durable at once (one `syncfs`, not a sync per page), and renamed into place with the other
//! outputs ([`Pages::commit`]); pages of sources the brief no longer has are then removed. The
//! set is recorded by one hash of every file's name and hash ([`tree_sha256`]), which a
//! no-op build and `--check` compare with the folder on disk. Nothing is read, written or
//! removed through a link: `html/` and `html/sources/` may not be links, and a page that is a
//! link is replaced (the link, not what it points to).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use citebrief_render::{page_name, Html, HTML_DIR, SOURCES_DIR, STYLE_FILE};
use citebrief_store::fsio;
use citebrief_store::FactStore;
use rayon::prelude::*;

use crate::build::SourceFile;

/// The pages of a build, ready to be put in place.
pub struct Pages {
    /// The brief's `html/` folder.
    pub root: PathBuf,
    /// The files whose content differs from what is on disk (or that are missing).
    changed: Vec<String>,
    /// Pages in `html/sources/` of sources the brief no longer has.
    stale: Vec<String>,
    /// Where the changed files are written in full (none with `--check`).
    staging: Option<Staging>,
    /// [`tree_sha256`] of every file the folder is to hold (`style.css`, `sources/ID.html`).
    pub sha256: String,
}

/// The staging folder, removed when dropped or when the run is interrupted.
struct Staging {
    dir: tempfile::TempDir,
    _registration: citebrief_store::cleanup::Registration,
}

/// The prefix and suffix of a staging folder's name, in the brief folder.
pub const STAGING_PREFIX: &str = ".html.";
pub const STAGING_SUFFIX: &str = ".tmp";

/// An error unless `html/` and `html/sources/` are each a folder or absent: never a link, which
/// could lead out of the brief.
pub fn check_folders(brief: &Path) -> Result<()> {
    let root = brief.join(HTML_DIR);
    for dir in [root.clone(), root.join(SOURCES_DIR)] {
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => bail!(
                "{}: {}\n  = help: citebrief writes the source pages of brief.html there itself; \
                 remove the link",
                dir.display(),
                fsio::link_error()
            ),
            Ok(m) if !m.is_dir() => bail!(
                "{}: is not a folder, so the source pages of brief.html cannot be written there; \
                 nothing was written\n  = help: move it away",
                dir.display()
            ),
            _ => {}
        }
    }
    Ok(())
}

/// One hash of a set of files: the SHA-256 of each file's hash and name, one a line, by name.
pub fn tree_sha256(files: &[(String, String)]) -> String {
    let mut listing = String::with_capacity(files.len() * 100);
    for (name, sha) in files {
        listing.push_str(sha);
        listing.push(' ');
        listing.push_str(name);
        listing.push('\n');
    }
    citebrief_store::sha256_hex(listing.as_bytes())
}

/// What the brief folder's `html/` holds now, as [`tree_sha256`] hashes it: `style.css` and
/// every page of `sources/` (a regular file named `*.html`, not hidden). `None` when a folder
/// is a link, or a page cannot be read.
pub fn tree_sha256_on_disk(root: &Path) -> Option<String> {
    fsio::check_folder(root).ok()?;
    let mut names = vec![STYLE_FILE.to_string()];
    names.extend(
        pages_on_disk(&root.join(SOURCES_DIR))
            .ok()?
            .into_iter()
            .map(|n| format!("{SOURCES_DIR}/{n}")),
    );
    let mut files: Vec<(String, String)> = names
        .into_par_iter()
        .map(|name| {
            let sha = fsio::file_sha256(&root.join(&name)).ok()?;
            Some((name, sha))
        })
        .collect::<Option<_>>()?;
    files.sort();
    Some(tree_sha256(&files))
}

/// The names of the pages in `sources` (the folder of pages): entries named `*.html` that are
/// not hidden, links included (a link is no page of ours, and is removed as stale or replaced).
/// None when the folder is absent.
fn pages_on_disk(sources: &Path) -> std::io::Result<Vec<String>> {
    match fsio::check_folder(sources) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    }
    let mut names = Vec::new();
    for e in std::fs::read_dir(sources)? {
        let e = e?;
        let Some(name) = e.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if name.starts_with('.') || !name.ends_with(".html") {
            continue;
        }
        if e.file_type().is_ok_and(|t| !t.is_dir()) {
            names.push(name);
        }
    }
    Ok(names)
}

/// True when `path` holds exactly `bytes`: a regular file (not a link) of that content.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    let exactly = fsio::Limit {
        bytes: bytes.len() as u64,
        what: "a page",
        help: "",
    };
    fsio::read_limited(path, exactly).is_ok_and(|old| old == bytes)
}

/// Renders the page of every source and `style.css`, compares each with the file on disk, and
/// writes those that differ into a staging folder (with `check`, writes nothing).
pub fn stage(
    brief: &Path,
    files: &[SourceFile],
    store: &FactStore,
    html: &Html,
    check: bool,
    quiet: bool,
) -> Result<Pages> {
    check_folders(brief)?;
    let root = brief.join(HTML_DIR);
    let staging = if check {
        None
    } else {
        let dir = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .suffix(STAGING_SUFFIX)
            .tempdir_in(brief)
            .with_context(|| {
                format!(
                    "{}: cannot write the source pages of brief.html (is the folder writable?)",
                    brief.display()
                )
            })?;
        let registration = citebrief_store::cleanup::temp_path(dir.path().to_path_buf());
        std::fs::create_dir(dir.path().join(SOURCES_DIR))
            .with_context(|| format!("{}: cannot create", dir.path().display()))?;
        Some(Staging {
            dir,
            _registration: registration,
        })
    };
    // writes one file, if it differs from the one in place
    let put = |name: &str, bytes: &[u8]| -> Result<(String, String, bool)> {
        let sha = citebrief_store::sha256_hex(bytes);
        let changed = !holds(&root.join(name), bytes);
        if let (true, Some(s)) = (changed, &staging) {
            let path = s.dir.path().join(name);
            let write = || -> std::io::Result<()> {
                let mut f = fsio::create_nofollow(&path, true)?;
                std::io::Write::write_all(&mut f, bytes)
            };
            write().with_context(|| {
                format!(
                    "{}: cannot write (is the disk full?)",
                    root.join(name).display()
                )
            })?;
        }
        Ok((name.to_string(), sha, changed))
    };
    let mut written = vec![put(STYLE_FILE, html.style.as_bytes())?];
    let bar = crate::build::progress(files.len(), quiet, "Pages");
    let pages: Vec<(String, String, bool)> = files
        .par_iter()
        .map(|f| {
            let bytes = f.read()?;
            let (text, lines) = citebrief_source::text_lines(&bytes);
            drop(bytes);
            let lines: Vec<&str> = lines.iter().map(|l| &text[l.start..l.end]).collect();
            let page = html
                .pages
                .render(&store.sources, &f.id, &lines)
                .map_err(|e| anyhow!("{e}"))?;
            let name = format!("{SOURCES_DIR}/{}", page_name(&f.id));
            bar.inc(1);
            put(&name, page.as_bytes())
        })
        .collect::<Result<_>>()?;
    bar.finish_and_clear();
    written.extend(pages);
    written.sort();
    let kept: BTreeSet<&str> = written.iter().map(|(n, _, _)| n.as_str()).collect();
    let sources = root.join(SOURCES_DIR);
    let stale = pages_on_disk(&sources)
        .with_context(|| format!("{}: cannot read", sources.display()))?
        .into_iter()
        .map(|n| format!("{SOURCES_DIR}/{n}"))
        .filter(|n| !kept.contains(n.as_str()))
        .collect();
    let changed = written
        .iter()
        .filter(|(_, _, c)| *c)
        .map(|(n, _, _)| n.clone())
        .collect();
    let files: Vec<(String, String)> = written.into_iter().map(|(n, s, _)| (n, s)).collect();
    Ok(Pages {
        sha256: tree_sha256(&files),
        root,
        changed,
        stale,
        staging,
    })
}

impl Pages {
    /// True when the folder on disk holds exactly these files.
    pub fn is_current(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }

    /// The files that are out of date (missing, different, or pages to remove), at most `n`
    /// of them, and how many there are in all.
    pub fn out_of_date(&self, n: usize) -> (Vec<PathBuf>, usize) {
        let all = self.changed.iter().chain(&self.stale);
        (
            all.clone()
                .take(n)
                .map(|name| self.root.join(name))
                .collect(),
            self.changed.len() + self.stale.len(),
        )
    }

    /// An error, before anything is replaced, when a changed file cannot be put in place: its
    /// destination, or a folder on the way, is a folder or a link.
    pub fn preflight(&self) -> Result<()> {
        let brief = self.root.parent().unwrap_or(Path::new("."));
        check_folders(brief)?;
        for name in &self.changed {
            let path = self.root.join(name);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                bail!(
                    "{}: cannot write: it is a folder, which the new file cannot replace; \
                     nothing was written\n  = help: move it away",
                    path.display()
                );
            }
        }
        Ok(())
    }

    /// Makes the changed files durable under their staging names: one `syncfs` of the file
    /// system (where there is one), else a sync of each file.
    pub fn sync(&self) -> std::io::Result<()> {
        let Some(s) = &self.staging else {
            return Ok(());
        };
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let dir = std::fs::File::open(s.dir.path())?;
            // SAFETY: syncfs takes an open file descriptor, which `dir` holds.
            if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
                return Ok(());
            }
        }
        for name in &self.changed {
            std::fs::File::open(s.dir.path().join(name))?.sync_all()?;
        }
        Ok(())
    }

    /// Puts the changed files in place (renames), then removes the pages of sources the brief
    /// no longer has and the staging folder. Run within the build's critical section.
    pub fn commit(self) -> Result<()> {
        let Some(staging) = &self.staging else {
            bail!("source pages that were only compared cannot be written");
        };
        for dir in [self.root.clone(), self.root.join(SOURCES_DIR)] {
            match std::fs::create_dir(&dir) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(e).with_context(|| format!("{}: cannot create", dir.display()))
                }
                _ => fsio::check_folder(&dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?,
            }
        }
        for name in &self.changed {
            let dest = self.root.join(name);
            std::fs::rename(staging.dir.path().join(name), &dest).with_context(|| {
                format!("{}: cannot write (is the folder writable?)", dest.display())
            })?;
        }
        for name in &self.stale {
            let path = self.root.join(name);
            // a link is removed itself, never what it points to
            std::fs::remove_file(&path).with_context(|| {
                format!(
                    "{}: cannot remove the page of a source the brief no longer has",
                    path.display()
                )
            })?;
        }
        Ok(())
    }
}
