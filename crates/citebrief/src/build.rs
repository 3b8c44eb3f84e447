//! `citebrief build`: sources → facts.yaml → brief.md → brief.pdf, and brief.html with a page
//! per source, for each brief folder.
//!
//! Everything is computed in memory first and written only when every output of the brief is
//! ready, each through a temporary file renamed into place, so that a failure (bad template,
//! typst error) leaves the earlier outputs byte-for-byte as they were.

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use citebrief_extract::{DocFacts, Lexicon, Mentions};
use citebrief_source::{Document, LineKeys, SharedLines};
use citebrief_store::fsio::{Staged, Staging};
use citebrief_store::{BriefConfig, FactStore, SourceRecord};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cache::Cache;
use crate::ui;

pub struct Options {
    pub dirs: Vec<PathBuf>,
    pub pdf: bool,
    /// brief.html and the source pages (`html/`).
    pub html: bool,
    pub check: bool,
    pub quiet: bool,
    pub timings: bool,
}

/// `--timings`: how long each phase of a build took.
struct Timings(Option<std::time::Instant>);

impl Timings {
    fn new(on: bool) -> Timings {
        Timings(on.then(std::time::Instant::now))
    }

    fn lap(&mut self, phase: &str) {
        if let Some(t) = &mut self.0 {
            let secs = t.elapsed().as_secs_f64();
            let peak = peak_memory().map(|b| format!(", peak memory {} MB", b >> 20));
            ui::status(
                "Timing",
                format!("{phase}: {secs:.3} s{}", peak.unwrap_or_default()),
            );
            *t = std::time::Instant::now();
        }
    }
}

/// This process's peak resident memory so far, where the system tells it (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Names of a brief's generated files.
pub const FACTS: &str = "facts.yaml";
pub const MARKDOWN: &str = "brief.md";
/// Every source, however many: brief.md lists those it cites when there are many.
pub const SOURCES: &str = "sources.md";
pub const PDF: &str = "brief.pdf";
/// The brief for a browser; its source pages are in `html/` ([`crate::pages`]).
pub const HTML: &str = "brief.html";

pub fn run(opts: &Options) -> Result<ExitCode> {
    let dirs = if opts.dirs.is_empty() {
        discover(Path::new("briefs"))?
    } else {
        opts.dirs.clone()
    };
    // Fail before any work when the PDF cannot be made; the version also keys the PDF cache.
    let typst = if opts.pdf {
        Some(citebrief_render::typst_version().map_err(|e| anyhow!("{e}"))?)
    } else {
        None
    };
    let mut failed = 0;
    let mut out_of_date = Vec::new();
    // source pages out of date beyond those named
    let mut unnamed = 0;
    for dir in &dirs {
        match build_one(dir, opts, typst.as_deref()) {
            Ok((stale, more)) => {
                out_of_date.extend(stale);
                unnamed += more;
            }
            Err(err) => {
                ui::error(&err.context(format!("could not build {}", dir.display())));
                failed += 1;
            }
        }
    }
    if !out_of_date.is_empty() {
        eprintln!(
            "error: {} output(s) out of date:",
            out_of_date.len() + unnamed
        );
        for p in &out_of_date {
            eprintln!("  {}", ui::printable_line(&p.display().to_string()));
        }
        if unnamed > 0 {
            eprintln!("  and {unnamed} more source page(s) of brief.html");
        }
        eprintln!("  = help: run `citebrief build` (or `just brief`) and commit the results");
        return Ok(ExitCode::FAILURE);
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Every folder directly under `root` with a `brief.yaml`, sorted. A link to a folder is
/// skipped with a warning: building it would write wherever it points.
pub fn discover(root: &Path) -> Result<Vec<PathBuf>> {
    citebrief_store::fsio::check_not_link(root).map_err(|e| {
        anyhow!(
            "{}: {e}\n  = help: name the brief folders to build, if you mean to build them \
             where the link leads",
            root.display()
        )
    })?;
    let mut dirs = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root) {
        for e in entries.flatten() {
            let path = e.path();
            if !path.join("brief.yaml").is_file() {
                continue;
            }
            if e.file_type().is_ok_and(|t| t.is_symlink()) {
                ui::warning(format!(
                    "{}: skipped: is a symbolic link, which citebrief does not follow (it could \
                     write outside {}); build the folder it points to by naming it",
                    path.display(),
                    root.display()
                ));
                continue;
            }
            dirs.push(path);
        }
    }
    dirs.sort();
    if dirs.is_empty() {
        bail!(
            "no briefs found: no folder under {}/ has a brief.yaml\n  = help: create one with `citebrief new NAME`, or name a brief folder",
            root.display()
        );
    }
    Ok(dirs)
}

/// The name of a brief's lock file.
pub const LOCK: &str = ".citebrief.lock";

/// An error unless `dir` is a brief folder: one with a `brief.yaml` of its own (not a link).
pub fn check_brief(dir: &Path) -> Result<()> {
    let brief_yaml = dir.join("brief.yaml");
    match std::fs::symlink_metadata(&brief_yaml) {
        Ok(m) if m.file_type().is_symlink() => Err(anyhow!(
            "{}: {}",
            brief_yaml.display(),
            citebrief_store::fsio::link_error()
        )),
        Ok(m) if m.is_file() => Ok(()),
        _ => bail!(
            "{}: not found; is {} a brief folder?\n  = help: create one with `citebrief new NAME`",
            brief_yaml.display(),
            dir.display()
        ),
    }
}

/// Holds the brief's lock file; two builds of one brief never interleave.
pub struct BriefLock(#[allow(dead_code)] File);

/// Locks the brief folder `dir` (which must be one: no lock file is left in any other folder).
/// The lock file is never opened through a link.
pub fn lock(dir: &Path) -> Result<BriefLock> {
    check_brief(dir)?;
    let path = dir.join(LOCK);
    let file = citebrief_store::fsio::create_nofollow(&path, false).map_err(|e| {
        let help = if citebrief_store::fsio::is_link_error(&e) {
            "remove it: citebrief creates its own"
        } else {
            "is the folder writable?"
        };
        anyhow!(
            "{}: cannot create the lock file: {e}\n  = help: {help}",
            path.display()
        )
    })?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            ui::status(
                "Waiting",
                format!("for another citebrief run on {} to finish", dir.display()),
            );
            file.lock()
                .with_context(|| format!("{}: cannot lock", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("{}: cannot lock", path.display()))
        }
    }
    Ok(BriefLock(file))
}

/// A source file of a brief.
pub struct SourceFile {
    pub id: String,
    pub file: String,
    pub path: PathBuf,
}

impl SourceFile {
    /// The source's bytes: a regular file of the brief (never a link), within
    /// [`limits::SOURCE`](citebrief_store::fsio::limits::SOURCE).
    pub(crate) fn read(&self) -> Result<Vec<u8>> {
        citebrief_store::fsio::read_limited(&self.path, citebrief_store::fsio::limits::SOURCE)
            .with_context(|| format!("{}: cannot read", self.path.display()))
    }
}

/// The files of `dir/sources`, sorted by name, and a warning for each entry skipped: hidden
/// files and folders silently; links (which could lead out of the brief), FIFOs and devices,
/// and names that are not UTF-8 (which facts.yaml could not name exactly) with a warning.
/// `sources/` itself must be a folder, not a link to one.
pub fn list_sources(dir: &Path) -> Result<(Vec<SourceFile>, Vec<String>)> {
    let src = dir.join("sources");
    citebrief_store::fsio::check_folder(&src).map_err(|e| {
        anyhow!(
            "{}: cannot read the sources folder: {e}\n  = help: put the articles to cite in {0}",
            src.display()
        )
    })?;
    let entries = std::fs::read_dir(&src).with_context(|| {
        format!(
            "{}: cannot read the sources folder\n  = help: put the articles to cite in {0}",
            src.display()
        )
    })?;
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    let mut warnings = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let Ok(kind) = e.file_type() else { continue };
        let skipped = |why: &str| format!("{}: skipped: {why}", path.display());
        if kind.is_symlink() {
            warnings.push(skipped(
                "is a symbolic link, which citebrief does not follow (it could lead out of the \
                 brief); copy the file itself into sources/",
            ));
            continue;
        }
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            warnings.push(skipped(
                "is a FIFO, socket or device, not a regular file; citebrief reads only files",
            ));
            continue;
        }
        let Some(name) = name.to_str() else {
            warnings.push(skipped(
                "its name is not UTF-8, so facts.yaml could not name it exactly; rename it",
            ));
            continue;
        };
        found.push((name.to_string(), path));
    }
    found.sort();
    let mut out: Vec<SourceFile> = Vec::with_capacity(found.len());
    let mut ids = std::collections::HashMap::new();
    for (file, path) in found {
        let id = Path::new(&file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(&file)
            .to_string();
        if let Some(prev) = ids.insert(id.clone(), file.clone()) {
            bail!(
                "{}: two sources share the id `{id}` ({prev} and {file}); rename one",
                src.display()
            );
        }
        out.push(SourceFile { id, file, path });
    }
    if out.is_empty() {
        bail!(
            "{}: no source files\n  = help: add the articles to cite (text files) to this folder",
            src.display()
        );
    }
    Ok((out, warnings))
}

/// The source record of `facts.yaml`: what the page shows, corrected by `brief.yaml`.
fn source_record(
    f: &SourceFile,
    sha256: String,
    d: &Document,
    config: &BriefConfig,
) -> SourceRecord {
    let o = config.sources.get(&f.id).cloned().unwrap_or_default();
    SourceRecord {
        file: f.file.clone(),
        sha256,
        title: o.title.or_else(|| d.meta.title.clone()),
        publisher: o.publisher.or_else(|| d.meta.publisher.clone()),
        date: o.date.or_else(|| d.meta.date.clone()),
        repeats: None,
        body: d.body_ranges(),
    }
}

/// Markers of a workspace: the upward search for a `templates/` folder stops at the first
/// folder that holds one of these.
const WORKSPACE_MARKERS: &[&str] = &[".git", "Cargo.toml", "justfile"];

/// The templates of a brief and where they come from.
pub struct Templates {
    /// The folder whose files replace the built-in templates of the same name, if any.
    pub path: Option<PathBuf>,
    /// Where it was found: `brief.yaml`, `workspace`, or `built in` when there is none.
    pub how: &'static str,
}

impl Templates {
    /// What the renderer reads: the folder's files, the built-in templates for the others.
    pub fn render(&self) -> citebrief_render::Templates {
        match &self.path {
            Some(p) => citebrief_render::Templates::with_folder(p),
            None => citebrief_render::Templates::builtin(),
        }
    }
}

/// The templates of a brief: the built-in ones, each replaced by the file of the same name in
/// a template folder when there is one: `templates:` of brief.yaml, or else the `templates/`
/// folder of the workspace the brief is in: the nearest one above the brief folder that holds
/// a template of citebrief's, looking no higher than the first folder with a workspace marker
/// ([`WORKSPACE_MARKERS`]). Along the way, a `templates/` folder that is a link, belongs to
/// another user or can be written by anyone (as one in /tmp can) is passed over with a warning
/// naming it. Without any, the brief is rendered with the built-in templates alone.
///
/// Every way of finding the templates is here.
pub fn templates_dir(dir: &Path, config: &BriefConfig) -> Result<Templates> {
    let brief_yaml = dir.join("brief.yaml");
    if let Some(t) = &config.templates {
        let p = dir.join(t);
        check_template_folder(&p).map_err(|why| {
            anyhow!(
                "{}: `templates: {}`: {}: {why}\n  = help: set `templates:` to a folder that \
                 holds templates of yours ({}, wording.yaml...), or to null for the built-in ones",
                brief_yaml.display(),
                t.display(),
                p.display(),
                citebrief_render::BRIEF_TEMPLATE
            )
        })?;
        return Ok(Templates {
            path: Some(p),
            how: "brief.yaml",
        });
    }
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    for anc in abs.ancestors() {
        let t = anc.join("templates");
        if t.is_symlink() || holds_a_template(&t) {
            match check_template_folder(&t).and_then(|()| check_trusted(&t)) {
                Ok(()) => {
                    return Ok(Templates {
                        path: Some(t),
                        how: "workspace",
                    })
                }
                Err(why) => ui::warning(format!(
                    "{}: not used as the template folder: {why}\n  = help: to use it anyway, \
                     set `templates:` in {}",
                    t.display(),
                    brief_yaml.display()
                )),
            }
        }
        if WORKSPACE_MARKERS.iter().any(|m| anc.join(m).exists()) {
            break;
        }
    }
    Ok(Templates {
        path: None,
        how: "built in",
    })
}

/// Whether the folder `p` holds a file named as one of the built-in templates.
fn holds_a_template(p: &Path) -> bool {
    citebrief_render::BUILTIN
        .iter()
        .any(|(name, _)| p.join(name).symlink_metadata().is_ok())
}

/// Why `p` cannot be a template folder: a link, not a folder, or holding no regular file
/// named as a template of citebrief's.
fn check_template_folder(p: &Path) -> std::result::Result<(), String> {
    use citebrief_store::fsio;
    fsio::check_folder(p).map_err(|e| e.to_string())?;
    let regular = |name: &str| fsio::open_regular(&p.join(name)).is_ok();
    if citebrief_render::BUILTIN
        .iter()
        .any(|(name, _)| regular(name))
    {
        Ok(())
    } else {
        Err(format!(
            "it holds none of citebrief's templates ({}, wording.yaml, brief.typ...)",
            citebrief_render::BRIEF_TEMPLATE
        ))
    }
}

/// Why a template folder found by searching upward is not to be trusted: another user's, or
/// writable by anyone.
fn check_trusted(p: &Path) -> std::result::Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::symlink_metadata(p).map_err(|e| e.to_string())?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(format!(
                "it belongs to another user (uid {}), who could change what the brief says",
                meta.uid()
            ));
        }
        if meta.mode() & 0o002 != 0 {
            return Err("anyone can write to it, and so change what the brief says".into());
        }
    }
    let _ = p;
    Ok(())
}

/// The PDF's creation date: `pdf_date` of brief.yaml, else the newest source date (of those
/// that are dates typst can write), else the Unix epoch; never the clock, so that the PDF
/// rebuilds byte-identical.
pub fn creation_timestamp(
    config: &BriefConfig,
    store: &FactStore,
    brief_yaml: &Path,
) -> Result<i64> {
    if let Some(d) = &config.pdf_date {
        return pdf_timestamp(d).map_err(|why| {
            anyhow!(
                "{}: `pdf_date: {d}`: {why}\n  = help: write a date from 0001-01-01 to \
                 9999-12-31, as YYYY-MM-DD",
                brief_yaml.display()
            )
        });
    }
    Ok(store
        .sources
        .values()
        .filter_map(|s| s.date.as_deref())
        .filter_map(|d| pdf_timestamp(d).ok())
        .max()
        .unwrap_or(0))
}

/// Seconds since 1970 (negative before) of midnight UTC on a `YYYY-MM-DD` date from year 1 to
/// 9999, the years a PDF date can hold.
fn pdf_timestamp(date: &str) -> std::result::Result<i64, String> {
    let d: jiff::civil::Date = date
        .parse()
        .map_err(|e| format!("not a date as YYYY-MM-DD ({e})"))?;
    if !(1..=9999).contains(&d.year()) {
        return Err("a PDF can only hold a year from 1 to 9999".into());
    }
    let ts = d
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_err(|e| e.to_string())?
        .timestamp();
    Ok(ts.as_second())
}

/// One output of a build, ready to be put in place.
pub enum Output {
    /// Written in full to a temporary file beside its destination (or, with `--check`, only
    /// hashed).
    Staged(Staged),
    /// As the last build left it, with its SHA-256.
    Fresh(PathBuf, String),
    /// The source pages of brief.html (`html/`), those that changed written in full beside it.
    Pages(crate::pages::Pages),
}

impl Output {
    pub fn path(&self) -> &Path {
        match self {
            Output::Fresh(p, _) => p,
            Output::Staged(s) => &s.dest,
            Output::Pages(p) => &p.root,
        }
    }

    pub fn sha256(&self) -> String {
        match self {
            Output::Staged(s) => s.sha256.clone(),
            Output::Fresh(_, sha) => sha.clone(),
            Output::Pages(p) => p.sha256.clone(),
        }
    }

    /// True when the file on disk holds this output already.
    pub fn is_current(&self) -> bool {
        match self {
            Output::Staged(s) => s.is_current(),
            Output::Fresh(..) => true,
            Output::Pages(p) => p.is_current(),
        }
    }
}

/// `bytes` as an output at `path`: in a temporary file beside it, or only hashed (`check`).
fn stage(path: &Path, bytes: &[u8], check: bool) -> Result<Staged> {
    let cannot = || {
        format!(
            "{}: cannot write (is the folder writable, the disk full?)",
            path.display()
        )
    };
    let mut staging = if check {
        Staging::hash_only(path)
    } else {
        Staging::new(path).with_context(cannot)?
    };
    staging
        .write_all(bytes)
        .and_then(|()| staging.flush())
        .with_context(cannot)?;
    staging.finish().with_context(cannot)
}

/// Everything one brief produces, computed without replacing any file.
pub struct Outputs {
    pub files: Vec<Output>,
    pub warnings: usize,
    /// The key of every input, recorded with the outputs once they are written.
    pub inputs: String,
    /// What the next build needs of facts.yaml ([`citebrief_store::merge_basis`]), kept in
    /// the cache once it is written; `None` when nothing was rebuilt.
    pub basis: Option<FactStore>,
    /// The brief's cache, where the outputs and the basis are recorded once written.
    pub cache: Cache,
    /// The last build stopped while it replaced its outputs: those on disk may not belong
    /// together.
    pub interrupted: bool,
}

/// A folder that holds only what typst may read (the images the brief shows), removed when
/// dropped or when the run is interrupted.
struct Sandbox {
    dir: tempfile::TempDir,
    _registration: citebrief_store::cleanup::Registration,
}

impl Sandbox {
    /// In the cache's `tmp/` (emptied by the next build, should this one be killed), or with
    /// `--check`, which writes nothing in the brief, in the system's temporary folder.
    fn new(brief: &Path, cache: &Cache, check: bool, images: &[String]) -> Result<Sandbox> {
        let builder = {
            let mut b = tempfile::Builder::new();
            b.prefix("typst-");
            b
        };
        let dir = if check {
            builder.tempdir()
        } else {
            let tmp = cache.tmp_dir();
            if let Some(parent) = tmp.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("{}: cannot create", parent.display()))?;
            }
            match std::fs::create_dir(&tmp) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(e).with_context(|| format!("{}: cannot create", tmp.display()))
                }
                _ => {}
            }
            citebrief_store::fsio::check_folder(&tmp)
                .map_err(|e| anyhow!("{}: {e}", tmp.display()))?;
            builder.tempdir_in(&tmp)
        }
        .context("cannot create a temporary folder for typst")?;
        let registration = citebrief_store::cleanup::temp_path(dir.path().to_path_buf());
        for image in images {
            let from = brief.join(image);
            let bytes =
                citebrief_store::fsio::read_limited(&from, citebrief_store::fsio::limits::PDF)
                    .with_context(|| format!("{}: cannot read the image", from.display()))?;
            let to = dir.path().join(image);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("{}: cannot create", parent.display()))?;
            }
            std::fs::write(&to, bytes)
                .with_context(|| format!("{}: cannot write", to.display()))?;
        }
        Ok(Sandbox {
            dir,
            _registration: registration,
        })
    }
}

/// What reading and extracting one source gave.
struct SourceResult {
    record: SourceRecord,
    /// What finding the sources that repeat another needs of this one.
    print: citebrief_source::Fingerprint,
    facts: DocFacts,
    cache_key: String,
    /// False when the facts came from the cache.
    extracted: bool,
    warnings: Vec<String>,
}

/// Shows progress on builds of many sources, when standard error is a terminal.
pub(crate) fn progress(len: usize, quiet: bool, what: &str) -> ProgressBar {
    if quiet || len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64).with_message(what.to_string());
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:>12.cyan.bold} [{bar:40}] {pos}/{len} sources ({eta} left)",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    bar
}

/// Builds of fewer sources than this finish too soon to need a progress bar.
const PROGRESS_FROM: usize = 200;

/// Each source's SHA-256: all a build needs to know that nothing changed.
fn hash_sources(files: &[SourceFile], quiet: bool) -> Result<Vec<String>> {
    let bar = progress(files.len(), quiet, "Hashing");
    let shas = files
        .par_iter()
        .map(|f| {
            let sha = citebrief_store::sha256_hex(&f.read()?);
            bar.inc(1);
            Ok(sha)
        })
        .collect::<Result<_>>()?;
    bar.finish_and_clear();
    Ok(shas)
}

/// The first pass of a build: the lines each source shares with other sources and, when
/// brief.yaml does not name its subject, the countries the sources name as where help goes
/// and as the attacker (see [`Lexicon::presume`]). Sources are read in parallel and not kept.
fn scan_sources(
    files: &[SourceFile],
    lexicon: &Lexicon,
    quiet: bool,
) -> Result<(SharedLines, Mentions)> {
    let bar = progress(files.len(), quiet, "Scanning");
    let count = !lexicon.names_subject();
    let scanned: Vec<(LineKeys, Mentions)> = files
        .par_iter()
        .map(|f| {
            let bytes = f.read()?;
            let keys = LineKeys::of(&bytes);
            let mentions = if count {
                Mentions::of(&String::from_utf8_lossy(&bytes), lexicon)
            } else {
                Mentions::default()
            };
            bar.inc(1);
            Ok((keys, mentions))
        })
        .collect::<Result<_>>()?;
    bar.finish_and_clear();
    let mut shared = SharedLines::new();
    let mut mentions = Mentions::default();
    for (k, m) in &scanned {
        shared.add(k);
        mentions.add(m);
    }
    Ok((shared, mentions))
}

/// What the second pass leaves: the brief's facts, merged across sources.
struct Extracted {
    extraction: citebrief_store::Extraction,
    /// The cache key of every source's facts, to prune the others.
    cache_keys: std::collections::BTreeSet<String>,
    /// Sources extracted in this build (the others came from the cache).
    fresh: usize,
    warnings: usize,
}

/// The second pass: reads and extracts the sources in parallel, a batch at a time (each from
/// the cache when it has not changed), and folds each batch's facts into the brief's in source
/// order, so that only one batch of unmerged facts is held at a time.
#[allow(clippy::too_many_arguments)]
fn extract_sources(
    dir: &Path,
    files: &[SourceFile],
    shas: Vec<String>,
    shared: &SharedLines,
    config: &BriefConfig,
    lexicon: &Lexicon,
    cache: &Cache,
    quiet: bool,
) -> Result<Extracted> {
    let bar = progress(files.len(), quiet, "Extracting");
    let mut combiner = citebrief_extract::Combiner::new(lexicon);
    let mut sources = std::collections::BTreeMap::new();
    let mut overlap = citebrief_source::Overlap::new();
    let mut out = Extracted {
        extraction: Default::default(),
        cache_keys: Default::default(),
        fresh: 0,
        warnings: 0,
    };
    let mut shas = shas.into_iter();
    // sources are read and extracted as many at once as `extract` does
    for batch in files.chunks(citebrief_extract::BATCH) {
        let batch_shas: Vec<String> = shas.by_ref().take(batch.len()).collect();
        let results = batch
            .par_iter()
            .zip(batch_shas)
            .map(|(f, sha)| {
                let r = extract_source(dir, f, sha, shared, config, lexicon, cache);
                bar.inc(1);
                r
            })
            .collect::<Result<Vec<_>>>()?;
        for (f, r) in batch.iter().zip(results) {
            for w in &r.warnings {
                bar.suspend(|| ui::warning(w));
                out.warnings += 1;
            }
            out.fresh += usize::from(r.extracted);
            out.cache_keys.insert(r.cache_key);
            sources.insert(f.id.clone(), r.record);
            overlap.add(r.print);
            combiner.add(r.facts);
        }
    }
    bar.finish_and_clear();
    // a source that largely repeats another (a rewrite, the same wire copy) is marked so
    for (f, original) in files.iter().zip(overlap.finish()) {
        if let (Some(o), Some(record)) = (original, sources.get_mut(&f.id)) {
            record.repeats = Some(files[o].id.clone());
        }
    }
    out.extraction = combiner.finish();
    out.extraction.sources = sources;
    Ok(out)
}

/// Reads and extracts one source, or takes its facts from the cache.
fn extract_source(
    dir: &Path,
    f: &SourceFile,
    sha: String,
    shared: &SharedLines,
    config: &BriefConfig,
    lexicon: &Lexicon,
    cache: &Cache,
) -> Result<SourceResult> {
    let bytes = f.read()?;
    let doc = citebrief_source::read_shared(&f.id, &bytes, shared);
    let cache_key = cache.facts_key(&f.id, &sha, &doc);
    let (facts, extracted) = match cache.get_facts(&cache_key) {
        Some(facts) => (facts, false),
        None => {
            let facts = citebrief_extract::extract_document(&doc, lexicon);
            cache.put_facts(&cache_key, &facts);
            (facts, true)
        }
    };
    let path = dir.join("sources").join(&f.file);
    let warnings = doc
        .warnings
        .iter()
        .map(|w| format!("{}: {}", path.display(), w.message))
        .collect();
    Ok(SourceResult {
        record: source_record(f, sha, &doc, config),
        print: citebrief_source::Fingerprint::of(&doc),
        facts,
        cache_key,
        extracted,
        warnings,
    })
}

/// Computes one brief's outputs; `typst` is the typst version when the PDF is wanted.
pub fn compute(dir: &Path, opts: &Options, typst: Option<&str>) -> Result<Outputs> {
    let (quiet, check) = (opts.quiet, opts.check);
    let mut clock = Timings::new(opts.timings);
    let brief_yaml = dir.join("brief.yaml");
    check_brief(dir)?;
    // Outputs are replaced by renames, which never write through a link, but a link there is
    // not what a build made: refuse it rather than read through it or replace it.
    for name in [FACTS, MARKDOWN, SOURCES, PDF, HTML] {
        let path = dir.join(name);
        citebrief_store::fsio::check_not_link(&path).map_err(|e| {
            anyhow!(
                "{}: {e}\n  = help: citebrief writes this file itself; remove the link",
                path.display()
            )
        })?;
    }
    crate::pages::check_folders(dir)?;
    let config = BriefConfig::load(&brief_yaml)?;
    if config.pdf_date.is_some() {
        // a bad date is an error with or without the PDF
        creation_timestamp(&config, &FactStore::default(), &brief_yaml)?;
    }
    let (files, skipped) = list_sources(dir)?;
    if !quiet {
        ui::status(
            "Reading",
            format!(
                "{} ({} source{})",
                dir.display(),
                files.len(),
                if files.len() == 1 { "" } else { "s" }
            ),
        );
    }
    for w in &skipped {
        ui::warning(w);
    }
    let mut lexicon = lexicon_of(&brief_yaml, &config)?;
    let mut cache = Cache::new(dir, !check, Some(&reading_key(&config)))?;
    let interrupted = cache.interrupted();
    if let Some(names) = &interrupted {
        ui::warning(format!(
            "{}: the last build was interrupted while it replaced its outputs ({}), which may \
             not belong together; {}",
            dir.display(),
            names.join(", "),
            if check {
                "run `citebrief build` to make them again"
            } else {
                "making them all again"
            }
        ));
    }
    let interrupted = interrupted.is_some();
    clock.lap("setup");
    let shas = hash_sources(&files, quiet)?;
    clock.lap("hash");
    let found = templates_dir(dir, &config)?;
    if !quiet {
        match &found.path {
            Some(p) => ui::status(
                "Templates",
                format!(
                    "{} (from {}), built-in for the others",
                    p.display(),
                    found.how
                ),
            ),
            None => ui::status("Templates", "built in"),
        }
    }
    let templates = found.render();
    // what is made, and with which typst, is part of the inputs
    let made = format!(
        "{}{}",
        typst.unwrap_or_default(),
        if opts.html { " +html" } else { "" }
    );
    let inputs = cache.inputs_key(dir, found.path.as_deref(), &files, &shas, &made)?;
    let want = 3 + usize::from(typst.is_some()) + 2 * usize::from(opts.html);
    if let Some(files) = cache.get_outputs(&inputs, dir, want) {
        let files = files
            .into_iter()
            .map(|(path, sha)| Output::Fresh(path, sha))
            .collect();
        if !quiet {
            ui::status(
                "Fresh",
                "no source, template, setting or review changed since the last build",
            );
        }
        return Ok(Outputs {
            files,
            warnings: skipped.len(),
            inputs,
            basis: None,
            cache,
            interrupted,
        });
    }
    let (shared, mentions) = scan_sources(&files, &lexicon, quiet)?;
    let presumed = lexicon.presume(&mentions);
    if !quiet {
        if let Some(code) = &presumed.beneficiary {
            ui::status(
                "Presumed",
                format!(
                    "beneficiary {code}, the country the sources name most as where help goes \
                     (brief.yaml names none)"
                ),
            );
        }
        if let Some(code) = &presumed.adversary {
            ui::status(
                "Presumed",
                format!(
                    "adversary {code}, the country the sources name most as the attacker \
                     (brief.yaml names none)"
                ),
            );
        }
    }
    cache.set_reading(&presumed.key());
    clock.lap("scan");
    let extracted = extract_sources(dir, &files, shas, &shared, &config, &lexicon, &cache, quiet)?;
    clock.lap("read, extract and combine");
    let mut warnings = extracted.warnings + skipped.len();
    cache.prune_facts(&extracted.cache_keys);
    if !quiet {
        let (fresh, n) = (extracted.fresh, files.len());
        let what = format!(
            "{fresh} of {n} sources ({} unchanged, from the cache)",
            n - fresh
        );
        ui::status("Extracted", what);
    }
    let extraction = extracted.extraction;

    let facts_path = dir.join(FACTS);
    // A facts.yaml nobody edited since we wrote it is read from the basis the last build kept
    // of it, or at least needs no check for misspelt fields. (Hashed once: a large brief's is
    // hundreds of megabytes.)
    let facts_sha = citebrief_store::fsio::file_sha256(&facts_path).ok();
    // a facts.yaml of an earlier version holds the extractor's statements, which the loader
    // forgets (the basis an earlier build kept of it would not)
    let earlier = facts_sha.is_some() && facts_written_before_wording(&facts_path);
    let facts_sha = facts_sha.filter(|_| !earlier);
    let previous = if let Some(basis) = facts_sha.as_deref().and_then(|s| cache.get_basis(s)) {
        Some(basis)
    } else if facts_sha.as_deref().is_some_and(|s| cache.unedited(s)) {
        citebrief_store::load_unedited(&facts_path)?
    } else {
        citebrief_store::load(&facts_path)?
    };
    clock.lap("load facts.yaml");
    let mut store = citebrief_store::merge(previous.as_ref(), extraction);
    drop(previous); // a large brief's facts are big: keep one copy
    let basis = citebrief_store::merge_basis(&store);
    // how the brief words each fact, for whoever reads facts.yaml
    let names = lexicon.actor_names();
    let wordings = citebrief_render::fact_wordings(&templates, &config, &store, &names)?;
    citebrief_store::set_wordings(&mut store, &wordings);
    drop(wordings);

    clock.lap("merge");
    // facts.yaml goes straight to a temporary file beside it (with --check, only to a hash):
    // a large brief's is too big to hold in memory next to the store.
    let mut staging = if check {
        Staging::hash_only(&facts_path)
    } else {
        Staging::new(&facts_path).with_context(|| {
            format!(
                "{}: cannot write (is the folder writable?)",
                facts_path.display()
            )
        })?
    };
    citebrief_store::write_yaml(&store, &mut staging)
        .and_then(|()| staging.flush())
        .with_context(|| format!("{}: cannot write", facts_path.display()))?;
    let facts_yaml = staging
        .finish()
        .with_context(|| format!("{}: cannot write", facts_path.display()))?;
    clock.lap("write yaml");

    let views = citebrief_render::prepare(&templates, &config, &store, &names)?;
    clock.lap("views");
    let markdown = views.markdown(&store)?;
    clock.lap("markdown");
    let mut out = vec![Output::Staged(facts_yaml)];
    out.push(Output::Staged(stage(
        &dir.join(MARKDOWN),
        markdown.as_bytes(),
        check,
    )?));
    let sources_md = citebrief_render::render_sources(&config, &store);
    out.push(Output::Staged(stage(
        &dir.join(SOURCES),
        sources_md.as_bytes(),
        check,
    )?));
    drop(sources_md);
    if opts.html {
        let html = views.html(&config, &store)?;
        out.push(Output::Staged(stage(
            &dir.join(HTML),
            html.brief.as_bytes(),
            check,
        )?));
        clock.lap("html");
        let pages = crate::pages::stage(dir, &files, &store, &html, check, quiet)?;
        out.push(Output::Pages(pages));
        clock.lap("source pages");
    }
    drop(views);
    if let Some(typst) = typst {
        let conv = citebrief_render::markdown_to_typst(&markdown, dir);
        for w in &conv.warnings {
            ui::warning(format!("{}: {w}", dir.join(MARKDOWN).display()));
            warnings += 1;
        }
        let source = citebrief_render::typst_document(&templates, &config, &store, &conv.typst)?;
        let ts = creation_timestamp(&config, &store, &brief_yaml)?;
        let flags = format!("{typst} {ts}");
        let pdf_path = dir.join(PDF);
        let pdf = match cache.get_pdf(&source, &flags, &pdf_path) {
            Some(bytes) => Output::Fresh(pdf_path, citebrief_store::sha256_hex(&bytes)),
            None => {
                let sandbox = Sandbox::new(dir, &cache, check, &conv.images)?;
                let timeout = citebrief_render::typst_timeout()?;
                let pdf = citebrief_render::compile_pdf_bytes(
                    &source,
                    sandbox.dir.path(),
                    &pdf_path,
                    ts,
                    timeout,
                )?;
                drop(sandbox);
                for w in &pdf.warnings {
                    ui::warning(format!("typst: {w}"));
                    warnings += 1;
                }
                cache.put_pdf(&source, &flags, &pdf.bytes);
                Output::Staged(stage(&pdf_path, &pdf.bytes, check)?)
            }
        };
        out.push(pdf);
    }
    clock.lap("pdf");
    Ok(Outputs {
        files: out,
        warnings,
        inputs,
        basis: Some(basis),
        cache,
        interrupted,
    })
}

/// Whether the facts.yaml at `path` was written by a citebrief that put the extractor's
/// wording in every fact's `statement` (its header says so, in its first lines).
fn facts_written_before_wording(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = citebrief_store::fsio::open_regular(path) else {
        return false;
    };
    let mut head = vec![0; 2048];
    let n = f.read(&mut head).unwrap_or(0);
    head.truncate(n);
    citebrief_store::written_before_wording(&String::from_utf8_lossy(&head))
}

/// Files that only a build that was killed leaves in a brief folder: its outputs staged under
/// temporary names (`.facts.yaml.XXXXXX.tmp`...), typst input of older versions
/// (`.citebrief-XXXXXX.typ`), and in the cache, temporary records and typst's folders. Removed,
/// under the lock, before a build; returns how many.
fn remove_leftovers(dir: &Path) -> usize {
    let ours = |name: &str, outputs: &[&str]| {
        (name.ends_with(".tmp") && outputs.iter().any(|o| name.starts_with(&format!(".{o}."))))
            || (name.starts_with(".citebrief-") && name.ends_with(".typ"))
    };
    let mut removed = 0;
    let mut remove_in = |folder: &Path, outputs: &[&str]| {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            if ours(name, outputs)
                && e.file_type().is_ok_and(|t| !t.is_dir())
                && std::fs::remove_file(e.path()).is_ok()
            {
                removed += 1;
            }
        }
    };
    remove_in(dir, &[FACTS, MARKDOWN, SOURCES, PDF, HTML]);
    let cache = dir.join(crate::cache::DIR);
    if citebrief_store::fsio::check_folder(&cache).is_ok() {
        remove_in(&cache, &["outputs", "basis.json", "pdf"]);
        let tmp = cache.join(crate::cache::TMP);
        // never the folder a link leads to (the cache removes such a link when it opens)
        let entries =
            citebrief_store::fsio::check_folder(&tmp).and_then(|()| std::fs::read_dir(&tmp));
        if let Ok(entries) = entries {
            for e in entries.flatten() {
                removed += usize::from(remove_entry(&e));
            }
        }
    }
    // the staging folders of source pages (a link of that name is removed itself)
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with(crate::pages::STAGING_PREFIX)
                && name.ends_with(crate::pages::STAGING_SUFFIX)
            {
                removed += usize::from(remove_entry(&e));
            }
        }
    }
    removed
}

/// Removes a file or a folder and all it holds; a link is removed itself (remove_dir_all
/// removes links, never what they point to). True when it is gone.
fn remove_entry(e: &std::fs::DirEntry) -> bool {
    let gone = if e.file_type().is_ok_and(|t| t.is_dir()) {
        std::fs::remove_dir_all(e.path())
    } else {
        std::fs::remove_file(e.path())
    };
    gone.is_ok()
}

/// Test hook: `CITEBRIEF_TEST_CRASH_AFTER=facts.yaml` makes a build stop dead (abort) right
/// after it puts that output in place, as a crash or power cut would.
fn crash_point(name: &str) {
    if std::env::var_os("CITEBRIEF_TEST_CRASH_AFTER").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// Puts a build's outputs in place as a set. Every output is already written in full beside
/// its destination; nothing is renamed unless every destination can be replaced, and the set
/// being replaced is recorded before the first rename ([`Cache::put_pending`]) and recorded
/// done after the last ([`Cache::put_outputs`]). Signals wait for the renames to finish. A crash
/// between two renames can still leave a mixed set: the next build sees the record, says so,
/// and makes every output again.
fn commit(outputs: Outputs, quiet: bool) -> Result<()> {
    let Outputs {
        files,
        inputs,
        basis,
        cache,
        ..
    } = outputs;
    let current: Vec<bool> = files.iter().map(Output::is_current).collect();
    for (f, _) in files.iter().zip(&current).filter(|(_, cur)| !**cur) {
        let path = f.path();
        if let Output::Pages(p) = f {
            p.preflight()?;
            continue;
        }
        match std::fs::symlink_metadata(path) {
            Ok(m) if !m.is_file() => bail!(
                "{}: cannot write: it is {}, which the new file cannot replace; nothing was \
                 written\n  = help: move it away",
                path.display(),
                if m.is_dir() {
                    "a folder"
                } else {
                    "not a regular file"
                }
            ),
            _ => {}
        }
    }
    let record: Vec<(PathBuf, String)> = files
        .iter()
        .map(|f| (f.path().to_path_buf(), f.sha256()))
        .collect();
    if current.iter().any(|c| !c) {
        for (f, _) in files.iter().zip(&current).filter(|(_, cur)| !**cur) {
            match f {
                Output::Staged(s) => s
                    .sync()
                    .with_context(|| format!("{}: cannot write", s.dest.display()))?,
                Output::Pages(p) => p
                    .sync()
                    .with_context(|| format!("{}: cannot write", p.root.display()))?,
                Output::Fresh(..) => {}
            }
        }
        cache.put_pending(&record).with_context(|| {
            format!(
                "{}: cannot record the outputs about to be replaced; nothing was written\n  = \
                 help: is the disk full? the folder writable?",
                cache.tmp_dir().with_file_name("outputs").display()
            )
        })?;
        citebrief_store::cleanup::critical(|| -> Result<()> {
            for (f, cur) in files.into_iter().zip(&current) {
                let name = f.path().file_name().map(|n| n.to_owned());
                match (f, cur) {
                    (Output::Staged(s), false) => {
                        let path = s.dest.clone();
                        s.persist().with_context(|| {
                            format!("{}: cannot write (is the folder writable?)", path.display())
                        })?;
                    }
                    (Output::Pages(p), false) => p.commit()?,
                    _ => continue,
                }
                crash_point(&name.unwrap_or_default().to_string_lossy());
            }
            Ok(())
        })?;
    }
    if !quiet {
        for ((path, _), cur) in record.iter().zip(&current) {
            ui::status(if *cur { "Unchanged" } else { "Wrote" }, path.display());
        }
    }
    cache.put_outputs(&inputs, &record);
    let facts_sha = record.iter().find(|(p, _)| p.ends_with(FACTS));
    if let (Some((_, sha)), Some(basis)) = (facts_sha, &basis) {
        cache.put_basis(sha, basis);
    }
    Ok(())
}

/// `--check` names this many source pages that are out of date at most, and counts the rest.
const PAGES_LISTED: usize = 10;

/// Builds one brief; in check mode returns the outputs that are out of date instead, and how
/// many more source pages are (beyond [`PAGES_LISTED`]).
fn build_one(dir: &Path, opts: &Options, typst: Option<&str>) -> Result<(Vec<PathBuf>, usize)> {
    let _lock = if opts.check { None } else { Some(lock(dir)?) };
    if !opts.check {
        let n = remove_leftovers(dir);
        if n > 0 && !opts.quiet {
            ui::status(
                "Removed",
                format!(
                    "{n} temporary file(s) an interrupted run left in {}",
                    dir.display()
                ),
            );
        }
    }
    let outputs = compute(dir, opts, typst)?;
    let warnings = outputs.warnings;
    let mut result = Vec::new();
    let mut more = 0;
    if opts.check {
        for f in &outputs.files {
            match f {
                Output::Pages(p) if !p.is_current() => {
                    let (shown, all) = p.out_of_date(PAGES_LISTED);
                    more += all - shown.len();
                    result.extend(shown);
                }
                f if outputs.interrupted || !f.is_current() => result.push(f.path().to_path_buf()),
                _ => {}
            }
        }
    } else {
        commit(outputs, opts.quiet)?;
    }
    if !opts.quiet {
        let verb = if opts.check {
            if result.is_empty() {
                "Fresh"
            } else {
                "Stale"
            }
        } else {
            "Finished"
        };
        let w = match warnings {
            0 => String::new(),
            1 => " (1 warning)".into(),
            n => format!(" ({n} warnings)"),
        };
        ui::status(verb, format!("{}{w}", dir.display()));
    }
    Ok((result, more))
}

/// The built-in lexicon extended by a brief's `lexicon:`, with its subject set (errors name
/// its brief.yaml).
pub fn lexicon_of(brief_yaml: &Path, config: &BriefConfig) -> Result<Lexicon> {
    Lexicon::of_brief(config).map_err(|e| anyhow!("{}: {e}", brief_yaml.display()))
}

/// What of brief.yaml changes how sources are read: the lexicon and the subject (part of
/// each cached extraction's key).
fn reading_key(config: &BriefConfig) -> serde_yaml::Value {
    let mut m = serde_yaml::Mapping::new();
    m.insert("lexicon".into(), config.lexicon.clone().unwrap_or_default());
    m.insert(
        "beneficiary".into(),
        config
            .beneficiary
            .clone()
            .map_or(serde_yaml::Value::Null, Into::into),
    );
    m.insert(
        "adversaries".into(),
        serde_yaml::to_value(&config.adversaries).unwrap_or_default(),
    );
    m.insert(
        "groups".into(),
        serde_yaml::to_value(&config.groups).unwrap_or_default(),
    );
    serde_yaml::Value::Mapping(m)
}
