//! The subcommands other than `build`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use citebrief_store::{fsio::write_if_changed, Review};

use crate::build::{self, FACTS, MARKDOWN};
use crate::ui;

/// The brief.yaml `citebrief new` writes: `{dir}`, `{name}`, `{title}`, `{beneficiary}` and
/// `{adversaries}` are filled in.
const BRIEF_YAML: &str = include_str!("../data/brief.yaml");

pub fn new(
    name: &str,
    title: Option<&str>,
    beneficiary: Option<&str>,
    adversaries: &[String],
) -> Result<ExitCode> {
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        bail!(
            "the name {:?} holds a control character ({:?}), which brief.yaml and file names \
             cannot carry safely\n  = help: use letters, digits, `-` and `_`",
            ui::printable_line(name),
            c
        );
    }
    let dir = if name.contains('/') {
        PathBuf::from(name)
    } else {
        Path::new("briefs").join(name)
    };
    if dir.exists() {
        bail!(
            "{}: already exists; choose another name or build it with `citebrief build {0}`",
            dir.display()
        );
    }
    let short = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let title = title.unwrap_or(&short);
    // the codes must name actors of the lexicon: say so now, not at the first build
    let lexicon = citebrief_extract::Lexicon::builtin();
    let known = |code: &str| {
        if lexicon.has_code(code) {
            Ok(())
        } else {
            Err(anyhow!(
                "`{code}` is not a code of the built-in lexicon\n  = help: use an ISO 3166-1 \
                 alpha-2 code (`HT`, `KE`) or a body's code (`UN`, `AFRICANUNION`); a party \
                 that is not built in goes under `lexicon: actors:` in brief.yaml"
            ))
        }
    };
    let beneficiary = beneficiary.map(str::to_ascii_uppercase);
    if let Some(b) = &beneficiary {
        known(b)?;
    }
    let adversaries: Vec<String> = adversaries.iter().map(|a| a.to_ascii_uppercase()).collect();
    for a in &adversaries {
        known(a)?;
    }
    let yaml = BRIEF_YAML
        .replace("{dir}", &dir.display().to_string())
        .replace("{name}", &short)
        .replace("{title}", &serde_json::to_string(title)?)
        .replace("{beneficiary}", beneficiary.as_deref().unwrap_or("null"))
        .replace("{adversaries}", &format!("[{}]", adversaries.join(", ")));
    // what is written must read back: a brief.yaml that does not parse helps no one
    serde_yaml::from_str::<citebrief_store::BriefConfig>(&yaml).map_err(|e| {
        anyhow!("cannot make a brief.yaml that reads back ({e}); choose another name or title")
    })?;
    std::fs::create_dir_all(dir.join("sources"))
        .with_context(|| format!("{}: cannot create", dir.display()))?;
    write_if_changed(&dir.join("brief.yaml"), yaml.as_bytes())?;
    write_if_changed(&dir.join("sources/.gitkeep"), b"")?;
    ui::status(
        "Created",
        format!(
            "{} (add articles to {}/sources, then `citebrief build {0}`)",
            dir.display(),
            dir.display()
        ),
    );
    Ok(ExitCode::SUCCESS)
}

/// The lexicon a source is read with: its brief's, when it sits in a brief's `sources/`.
fn lexicon_for_source(file: &Path) -> Result<citebrief_extract::Lexicon> {
    let brief = file
        .parent()
        .filter(|d| d.file_name().is_some_and(|n| n == "sources"))
        .and_then(Path::parent);
    match brief.map(|b| b.join("brief.yaml")).filter(|y| y.is_file()) {
        Some(yaml) => {
            let config = citebrief_store::BriefConfig::load(&yaml)?;
            crate::build::lexicon_of(&yaml, &config)
        }
        None => Ok(citebrief_extract::Lexicon::builtin()),
    }
}

pub fn inspect(file: &Path, json: bool, whole: bool, facts: bool, trace: bool) -> Result<ExitCode> {
    let bytes = read_named(file, citebrief_store::fsio::limits::SOURCE)?;
    let id = file
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let doc = if whole {
        citebrief_source::read_bytes_whole(&id, &bytes)
    } else {
        citebrief_source::read_bytes(&id, &bytes)
    };
    for w in &doc.warnings {
        ui::warning(format!("{}: {}", file.display(), w.message));
    }
    let mut out = std::io::stdout().lock();
    if json {
        for s in &doc.sentences {
            let obj = serde_json::json!({
                "line": s.line, "start": s.start, "end": s.end, "text": doc.sentence_text(s),
            });
            writeln!(out, "{obj}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if facts {
        let lexicon = lexicon_for_source(file)?;
        for f in citebrief_extract::explain(&doc, &lexicon) {
            writeln!(out, "{}", ui::printable(&f.to_string()))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if trace {
        let lexicon = lexicon_for_source(file)?;
        write!(
            out,
            "{}",
            ui::printable(&citebrief_extract::trace(&doc, &lexicon))
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let unknown =
        |v: &Option<String>| ui::printable_line(v.as_deref().unwrap_or("unknown")).into_owned();
    writeln!(
        out,
        "{}: {}, {} lines, {} body lines, {} sentences",
        ui::printable_line(&file.display().to_string()),
        doc.encoding,
        doc.lines.len(),
        doc.lines.iter().filter(|l| l.body).count(),
        doc.sentences.len()
    )?;
    writeln!(out, "title:     {}", unknown(&doc.meta.title))?;
    writeln!(out, "publisher: {}", unknown(&doc.meta.publisher))?;
    writeln!(out, "date:      {}", unknown(&doc.meta.date))?;
    let mut sentences = doc.sentences.iter().peekable();
    for line in doc.lines.iter().filter(|l| l.body) {
        writeln!(
            out,
            "{:>5} | {}",
            line.number,
            ui::printable_line(doc.text[line.start..line.end].trim_end())
        )?;
        while let Some(s) = sentences.next_if(|s| s.line == line.number) {
            writeln!(
                out,
                "      |   - {}",
                ui::printable_line(doc.sentence_text(s))
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn load_store(dir: &Path) -> Result<citebrief_store::FactStore> {
    let path = dir.join(FACTS);
    citebrief_store::load(&path)?.ok_or_else(|| {
        anyhow!(
            "{}: not found\n  = help: run `citebrief build {}` first",
            path.display(),
            dir.display()
        )
    })
}

/// What `citebrief facts` lists: every filter that is set must match.
pub struct FactsFilter {
    pub actor: Option<String>,
    pub domain: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub review: Option<String>,
}

pub fn facts(dir: &Path, filter: FactsFilter, json: bool) -> Result<ExitCode> {
    let FactsFilter {
        actor,
        domain,
        status,
        kind,
        review,
    } = filter;
    let q = citebrief_store::Query {
        actor,
        domain: domain
            .map(|d| d.parse())
            .transpose()
            .map_err(|e: String| anyhow!("--domain: {e}"))?,
        status: status
            .map(|s| s.parse())
            .transpose()
            .map_err(|e: String| anyhow!("--status: {e}"))?,
        kind: kind
            .map(|k| k.parse())
            .transpose()
            .map_err(|e: String| anyhow!("--kind: {e}"))?,
        review: review
            .map(|r| r.parse())
            .transpose()
            .map_err(|e: String| anyhow!("--review: {e}"))?,
    };
    let store = load_store(dir)?;
    let found = citebrief_store::query(&store, &q);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &found)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = found.iter().map(|f| f.id().len()).max().unwrap_or(2).max(2);
    writeln!(
        out,
        "{:width$}  {:11}  {:9}  {:8}  {:>3}  STATEMENT",
        "ID", "KIND", "STATUS", "REVIEW", "SRC"
    )?;
    for f in &found {
        let sources: std::collections::BTreeSet<&str> =
            f.citations().iter().map(|c| c.source.as_ref()).collect();
        writeln!(
            out,
            "{:width$}  {:11}  {:9}  {:8}  {:>3}  {}",
            ui::printable_line(f.id()),
            f.kind().as_str(),
            f.status().map_or("-", |s| s.as_str()),
            f.review().as_str(),
            sources.len(),
            ui::printable_line(f.statement())
        )?;
    }
    ui::status(
        "Listed",
        format!(
            "{} of the facts in {}",
            found.len(),
            dir.join(FACTS).display()
        ),
    );
    Ok(ExitCode::SUCCESS)
}

pub fn review(dir: &Path, id: &str, review: Review, note: Option<String>) -> Result<ExitCode> {
    let _lock = build::lock(dir)?;
    let path = dir.join(FACTS);
    let mut store = load_store(dir)?;
    citebrief_store::set_review(&mut store, id, review, note)
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    write_if_changed(&path, citebrief_store::to_yaml(&store).as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    ui::status(
        "Reviewed",
        format!(
            "{id}: {} (rebuild with `citebrief build {}`)",
            review,
            dir.display()
        ),
    );
    Ok(ExitCode::SUCCESS)
}

pub fn verify(dirs: Vec<PathBuf>) -> Result<ExitCode> {
    let dirs = if dirs.is_empty() {
        build::discover(Path::new("briefs"))?
    } else {
        dirs
    };
    let mut problems = 0;
    for dir in &dirs {
        let store = load_store(dir)?;
        if let Some(names) = crate::cache::Cache::new(dir, false, None)?.interrupted() {
            eprintln!(
                "{}: the last build was interrupted while it replaced its outputs ({}), which \
                 may not belong together; run `citebrief build {0}`",
                dir.display(),
                names.join(", ")
            );
            problems += 1;
        }
        let sources = dir.join("sources");
        if let Err(e) = citebrief_store::fsio::check_folder(&sources) {
            eprintln!("{}", ui::printable(&format!("{}: {e}", sources.display())));
            problems += 1;
            continue;
        }
        let broken = citebrief_store::verify(&store, &sources);
        for b in &broken {
            eprintln!("{}", ui::printable(&b.to_string()));
        }
        problems += broken.len();
        let md_path = dir.join(MARKDOWN);
        match citebrief_store::fsio::read_string_limited(
            &md_path,
            citebrief_store::fsio::limits::MARKDOWN,
        ) {
            Ok(md) => {
                let issues = citebrief_render::check_markdown(&md);
                for i in &issues {
                    eprintln!("{}", ui::printable(&format!("{}: {i}", md_path.display())));
                }
                problems += issues.len();
            }
            Err(e) => {
                eprintln!(
                    "{}",
                    ui::printable(&format!("{}: cannot read: {e}", md_path.display()))
                );
                problems += 1;
            }
        }
        if broken.is_empty() {
            ui::status(
                "Verified",
                format!("{} ({} facts)", dir.display(), count_facts(&store)),
            );
        }
    }
    if problems > 0 {
        eprintln!(
            "error: {problems} problem(s) found\n  = help: rebuild with `citebrief build`, fix the \
             quotes, lines or words in facts.yaml, or reject the facts named \
             (`citebrief review DIR ID --reject`)"
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn count_facts(s: &citebrief_store::FactStore) -> usize {
    s.commitments.len() + s.caveats.len() + s.discrepancies.len()
}

pub fn convert(input: &Path, output: Option<&Path>) -> Result<ExitCode> {
    let md = String::from_utf8(read_named(input, citebrief_store::fsio::limits::MARKDOWN)?)
        .map_err(|_| anyhow!("{}: cannot read: is not UTF-8 text", input.display()))?;
    let root = input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let conv = citebrief_render::markdown_to_typst(&md, root);
    for w in &conv.warnings {
        ui::warning(format!("{}: {w}", input.display()));
    }
    match output {
        Some(out) => {
            write_if_changed(out, conv.typst.as_bytes())
                .with_context(|| format!("{}: cannot write", out.display()))?;
        }
        None => std::io::stdout().lock().write_all(conv.typst.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A file named on the command line: the user's choice, so a link is followed, but it must
/// lead to a regular file (never a FIFO or device, which could block or never end) within
/// `limit`.
fn read_named(path: &Path, limit: citebrief_store::fsio::Limit) -> Result<Vec<u8>> {
    let real =
        std::fs::canonicalize(path).with_context(|| format!("{}: cannot read", path.display()))?;
    citebrief_store::fsio::read_limited(&real, limit)
        .map_err(|e| anyhow!("{}: cannot read: {e}", path.display()))
}
