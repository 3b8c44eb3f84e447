//! `citebrief-bench`: the report behind `just bench`.
//!
//! Measures each stage's throughput on a generated corpus (one core and all cores), how a whole
//! build grows with the number of articles (time and peak memory of the real `citebrief`
//! binary), a no-op rebuild and the seed brief end to end, and our Markdown→Typst converter
//! against pandoc's on the same file. Prints a Markdown table and writes `bench/results.md`.
//! Every figure is measured in the run that prints it; ratios compare within one run. Stage
//! throughputs are the median of three runs, with the one-core range in the note.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use citebrief_bench::Corpus;
use rayon::prelude::*;

/// Extraction allocates many small strings and vectors; mimalloc serves them faster than the
/// system allocator (see `Cargo.toml`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: u64 = 20260106;

struct Args {
    corpus_mb: usize,
    scale: Vec<usize>,
    /// Brief sizes built with their PDF.
    pdf_scale: Vec<usize>,
    out: PathBuf,
}

fn parse_args() -> Result<Args> {
    let mut a = Args {
        corpus_mb: 100,
        scale: vec![1_000, 10_000, 100_000],
        pdf_scale: vec![3_000, 100_000],
        out: PathBuf::from("bench/results.md"),
    };
    let sizes = |v: String| -> Result<Vec<usize>> {
        v.split(',')
            .filter(|n| !n.trim().is_empty())
            .map(|n| Ok(n.trim().replace('_', "").parse()?))
            .collect()
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => {
                a.corpus_mb = 10;
                a.scale = vec![1_000];
                a.pdf_scale = vec![1_000];
            }
            "--corpus-mb" => {
                a.corpus_mb = it.next().context("--corpus-mb takes a number")?.parse()?
            }
            "--scale" => a.scale = sizes(it.next().context("--scale takes N,N,...")?)?,
            "--pdf-scale" => a.pdf_scale = sizes(it.next().context("--pdf-scale takes N,N,...")?)?,
            "--out" => a.out = it.next().context("--out takes a path")?.into(),
            "--bench" => {} // passed by `cargo bench`
            "-h" | "--help" => {
                println!(
                    "citebrief-bench [--quick] [--corpus-mb N] [--scale N,N,...] \
                     [--pdf-scale N,N,...] [--out FILE]\n\n\
                     --scale: brief sizes built without the PDF (default 1000,10000,100000)\n\
                     --pdf-scale: brief sizes built with the PDF (default 3000,100000; needs \
                     typst, or none)"
                );
                std::process::exit(0);
            }
            other => bail!("unknown argument `{other}`; see --help"),
        }
    }
    Ok(a)
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// How often each stage is timed; its row gives the median. A shared machine's speed can drift
/// by a fifth or more from one minute to the next, and a single run can land in a slow spell.
const RUNS: usize = 3;

/// Timings of a stage on one thread and on all.
struct Timed {
    one: Duration,
    all: Duration,
    /// The fastest and slowest one-thread runs.
    one_range: (Duration, Duration),
}

/// Runs `f` [`RUNS`] times on one thread and on all, in turn, returning the medians.
fn one_and_all<T: Send>(f: impl Fn() -> T + Sync) -> Timed {
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let (mut ones, mut alls) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        drop(one.install(&f));
        ones.push(t.elapsed());
        let t = Instant::now();
        drop(f());
        alls.push(t.elapsed());
    }
    ones.sort();
    alls.sort();
    Timed {
        one: ones[RUNS / 2],
        all: alls[RUNS / 2],
        one_range: (ones[0], ones[RUNS - 1]),
    }
}

struct Row {
    what: String,
    one: String,
    all: String,
    note: String,
}

fn stage_rows(corpus: &Corpus, mb: usize, rows: &mut Vec<Row>) {
    eprintln!("generating a {mb} MB corpus...");
    let arts = corpus.articles_of_size(SEED, mb * 1_000_000);
    let bytes: usize = arts.iter().map(String::len).sum();
    let n = arts.len();
    eprintln!("{n} articles, {bytes} bytes; measuring stages ({RUNS} runs each)...");
    // each article its own source, as in a brief's folder
    let raw: Vec<(String, Vec<u8>)> = arts
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("article-{i:06}"), a.as_bytes().to_vec()))
        .collect();
    let range = |t: &Timed| {
        format!(
            "; one core {:.1}–{:.1} MB/s over {RUNS} runs",
            mbps(bytes, t.one_range.1),
            mbps(bytes, t.one_range.0)
        )
    };
    let stage = |rows: &mut Vec<Row>, what: &str, note: &str, t: Timed| {
        rows.push(Row {
            what: what.into(),
            one: format!("{:.1} MB/s", mbps(bytes, t.one)),
            all: format!("{:.1} MB/s", mbps(bytes, t.all)),
            note: note.into(),
        });
    };
    let t = one_and_all(|| {
        raw.par_iter()
            .map(|(_, b)| citebrief_source::decode(b).0.len())
            .sum::<usize>()
    });
    stage(rows, "decode", "BOM / UTF-8 / chardetng", t);
    let t = one_and_all(|| {
        arts.par_iter()
            .map(|t| citebrief_source::split_lines(t).len())
            .sum::<usize>()
    });
    stage(rows, "lines", "LF, CRLF, CR", t);
    let t = one_and_all(|| {
        arts.par_iter()
            .map(|t| {
                t.lines()
                    .map(|l| citebrief_source::segment(l).len())
                    .sum::<usize>()
            })
            .sum::<usize>()
    });
    stage(rows, "sentences", "every line segmented", t);
    let t = one_and_all(|| {
        raw.par_iter()
            .map(|(id, b)| citebrief_source::read_bytes(id, b).sentences.len())
            .sum::<usize>()
    });
    stage(
        rows,
        "read (all of the above + body + metadata)",
        "per article",
        t,
    );
    let docs: Vec<_> = raw
        .par_iter()
        .map(|(id, b)| citebrief_source::read_bytes(id, b))
        .collect();
    let seed =
        citebrief_store::BriefConfig::load(&workspace().join("briefs/paris-2026-01/brief.yaml"))
            .expect("the seed brief.yaml");
    let lex = citebrief_extract::Lexicon::of_brief(&seed).expect("the seed brief's lexicon");
    let t = one_and_all(|| citebrief_extract::extract(&docs, &lex).commitments.len());
    let note = format!(
        "on read documents, as one brief (`extract`: batches of 256, merged in one Combiner){}",
        range(&t)
    );
    stage(rows, "extraction", &note, t);
    drop(docs);
    // as `citebrief build` reads and extracts a brief's sources (without the cache)
    let t = one_and_all(|| {
        let mut combiner = citebrief_extract::Combiner::new(&lex);
        for batch in raw.chunks(citebrief_extract::BATCH) {
            let facts: Vec<_> = batch
                .par_iter()
                .map(|(id, b)| {
                    citebrief_extract::extract_document(&citebrief_source::read_bytes(id, b), &lex)
                })
                .collect();
            for f in facts {
                combiner.add(f);
            }
        }
        combiner.finish().commitments.len()
    });
    rows.push(Row {
        what: "read + extraction".into(),
        one: format!(
            "{:.1} MB/s, {:.0} articles/s",
            mbps(bytes, t.one),
            n as f64 / t.one.as_secs_f64()
        ),
        all: format!(
            "{:.1} MB/s, {:.0} articles/s",
            mbps(bytes, t.all),
            n as f64 / t.all.as_secs_f64()
        ),
        note: format!(
            "{n} articles, as `citebrief build` reads a brief{}",
            range(&t)
        ),
    });
}

/// Wall time and peak resident memory of a child process.
///
/// Linux carries a process's peak RSS over fork and exec, so a child started from this
/// (large) process would report our peak as its own. The command is therefore started by a
/// fresh, small copy of this binary (`citebrief-bench measure CMD...`), as GNU time does.
fn run_measured(cmd: &mut Command) -> Result<(Duration, u64, bool)> {
    let out = Command::new(std::env::current_exe()?)
        .arg("measure")
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("cannot start the measuring process")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut f = text.split_whitespace();
    let (Some(secs), Some(rss), Some(ok)) = (f.next(), f.next(), f.next()) else {
        bail!("the measuring process printed {text:?}");
    };
    Ok((
        Duration::from_secs_f64(secs.parse()?),
        rss.parse()?,
        ok == "ok",
    ))
}

/// `citebrief-bench measure CMD ARGS...`: runs CMD and prints `seconds peak-bytes ok|failed`.
fn measure(argv: &[String]) -> Result<()> {
    let t = Instant::now();
    let child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdout(std::process::Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", argv[0]))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; status and usage are valid pointers.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = t.elapsed();
    if r < 0 {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    std::mem::forget(child);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    println!(
        "{} {} {}",
        elapsed.as_secs_f64(),
        usage.ru_maxrss as u64 * 1024,
        if ok { "ok" } else { "failed" }
    );
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)?.flatten() {
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()))?;
        } else {
            std::fs::copy(e.path(), to.join(e.file_name()))?;
        }
    }
    Ok(())
}

fn citebrief_bin() -> Result<PathBuf> {
    let p = workspace().join("target/release/citebrief");
    if !p.is_file() {
        bail!(
            "{} not found: run `cargo build --release -p citebrief` first (just bench does)",
            p.display()
        );
    }
    Ok(p)
}

/// Builds briefs of each size in `ns` without the PDF and of each in `pdf_ns` with it (when
/// typst is installed): a first build, then a rebuild of unchanged sources, each timed with
/// its peak memory (typst's included).
fn scale_rows(corpus: &Corpus, ns: &[usize], pdf_ns: &[usize], rows: &mut Vec<Row>) -> Result<()> {
    let bin = citebrief_bin()?;
    let pdf_ok = have("typst");
    if !pdf_ns.is_empty() && !pdf_ok {
        eprintln!("typst not installed: no build with the PDF is measured");
    }
    let mut sizes: Vec<usize> = ns.iter().chain(pdf_ns).copied().collect();
    sizes.sort();
    sizes.dedup();
    for n in sizes {
        let tmp = tempfile::tempdir()?;
        copy_dir(
            &workspace().join("templates"),
            &tmp.path().join("templates"),
        )?;
        let dir = tmp.path().join("briefs/scale");
        std::fs::create_dir_all(dir.join("sources"))?;
        std::fs::write(dir.join("brief.yaml"), "title: Scale test\n")?;
        eprintln!("writing {n} articles...");
        let mut bytes = 0;
        for i in 0..n {
            let a = corpus.article(SEED, i as u64);
            bytes += a.len();
            std::fs::write(dir.join("sources").join(format!("{i:06}.txt")), a)?;
        }
        let mb = bytes as f64 / 1e6;
        let runs: Vec<bool> = [
            ns.contains(&n).then_some(false),
            (pdf_ns.contains(&n) && pdf_ok).then_some(true),
        ]
        .into_iter()
        .flatten()
        .collect();
        for pdf in runs {
            // every build starts from the sources alone
            for out in [
                "facts.yaml",
                "brief.md",
                "sources.md",
                "brief.pdf",
                "brief.html",
            ] {
                let _ = std::fs::remove_file(dir.join(out));
            }
            let _ = std::fs::remove_dir_all(dir.join("html"));
            let _ = std::fs::remove_dir_all(dir.join(".citebrief-cache"));
            let build = || {
                let mut c = Command::new(&bin);
                c.args(["build", "-q"]).arg(&dir);
                if !pdf {
                    c.arg("--no-pdf");
                }
                c
            };
            eprintln!(
                "building {n} articles ({mb:.0} MB){}...",
                if pdf { " with the PDF" } else { "" }
            );
            let (d, rss, ok) = run_measured(&mut build())?;
            let (d2, rss2, ok2) = run_measured(&mut build())?;
            let pages = if pdf {
                pdf_pages(&dir.join("brief.pdf"))
            } else {
                None
            };
            let html = html_size(&dir);
            rows.push(Row {
                what: format!(
                    "build{}, N = {n} articles ({mb:.0} MB)",
                    if pdf { " with PDF" } else { "" }
                ),
                one: String::new(),
                all: format!(
                    "{:.2} s, peak {:.0} MB{}",
                    d.as_secs_f64(),
                    rss as f64 / 1e6,
                    if ok { "" } else { " (FAILED)" }
                ),
                note: format!(
                    "{:.0} articles/s; rebuild of unchanged sources {:.2} s, peak {:.0} MB{}{}{}",
                    n as f64 / d.as_secs_f64(),
                    d2.as_secs_f64(),
                    rss2 as f64 / 1e6,
                    if ok2 { "" } else { " (FAILED)" },
                    pages
                        .map(|p| format!("; the PDF has {p} pages"))
                        .unwrap_or_default(),
                    html.unwrap_or_default()
                ),
            });
        }
    }
    Ok(())
}

/// What a build wrote for the browser: `; brief.html 5.7 MB, 100000 source pages of 1034 MB
/// (the largest 25 KB)`, or none when it wrote no brief.html.
fn html_size(brief: &Path) -> Option<String> {
    let html = std::fs::metadata(brief.join("brief.html")).ok()?.len();
    let (mut n, mut total, mut largest) = (0u64, 0u64, 0u64);
    for e in std::fs::read_dir(brief.join("html/sources"))
        .ok()?
        .flatten()
    {
        let len = e.metadata().map(|m| m.len()).unwrap_or(0);
        n += 1;
        total += len;
        largest = largest.max(len);
    }
    Some(format!(
        "; brief.html {:.1} MB, {n} source pages of {:.0} MB (the largest {:.0} KB)",
        html as f64 / 1e6,
        total as f64 / 1e6,
        largest as f64 / 1e3
    ))
}

/// The number of pages of a PDF, as its page tree says (`/Type /Pages ... /Count N`).
fn pdf_pages(pdf: &Path) -> Option<usize> {
    let bytes = std::fs::read(pdf).ok()?;
    let finder = aho_corasick::AhoCorasick::new(["/Type/Pages", "/Type /Pages"]).ok()?;
    let m = finder.find(&bytes)?;
    let rest = &bytes[m.end()..(m.end() + 4096).min(bytes.len())];
    let at = rest.windows(6).position(|w| w == b"/Count")? + 6;
    let digits: String = rest[at..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn seed_rows(rows: &mut Vec<Row>) -> Result<Option<String>> {
    let bin = citebrief_bin()?;
    let tmp = tempfile::tempdir()?;
    copy_dir(
        &workspace().join("templates"),
        &tmp.path().join("templates"),
    )?;
    let dir = tmp.path().join("briefs/seed");
    std::fs::create_dir_all(&dir)?;
    let seed = workspace().join("briefs/paris-2026-01");
    std::fs::copy(seed.join("brief.yaml"), dir.join("brief.yaml"))?;
    copy_dir(&seed.join("sources"), &dir.join("sources"))?;
    let pdf = have("typst");
    let mut cmd = Command::new(&bin);
    cmd.args(["build", "-q"]).arg(&dir);
    if !pdf {
        cmd.arg("--no-pdf");
    }
    let (d, rss, ok) = run_measured(&mut cmd)?;
    rows.push(Row {
        what: format!(
            "seed brief end to end{}",
            if pdf {
                ", with PDF"
            } else {
                " (no typst: without PDF)"
            }
        ),
        one: String::new(),
        all: format!(
            "{:.0} ms, peak {:.0} MB{}",
            d.as_secs_f64() * 1e3,
            rss as f64 / 1e6,
            if ok { "" } else { " (FAILED)" }
        ),
        note: "5 sources, first build".into(),
    });
    let mut runs: Vec<Duration> = Vec::new();
    for _ in 0..5 {
        let mut cmd = Command::new(&bin);
        cmd.args(["build", "-q"]).arg(&dir);
        if !pdf {
            cmd.arg("--no-pdf");
        }
        runs.push(run_measured(&mut cmd)?.0);
    }
    runs.sort();
    rows.push(Row {
        what: "seed brief, no-op rebuild".into(),
        one: String::new(),
        all: format!("{:.0} ms (median of 5)", runs[2].as_secs_f64() * 1e3),
        note: "nothing changed".into(),
    });
    if have("just") {
        just_noop_row(rows)?;
    }
    Ok(std::fs::read_to_string(dir.join("brief.md")).ok())
}

/// A no-op `just brief` of the committed seed brief as an analyst runs it (through `just` and
/// its check that the binary is up to date), against `cargo run` of the same build.
fn just_noop_row(rows: &mut Vec<Row>) -> Result<()> {
    let median = |cmd: &dyn Fn() -> Command| -> Result<Duration> {
        run_measured(&mut cmd())?; // warm-up: builds the brief if it was out of date
        let mut runs: Vec<Duration> = (0..7)
            .map(|_| Ok(run_measured(&mut cmd())?.0))
            .collect::<Result<_>>()?;
        runs.sort();
        Ok(runs[3])
    };
    let just = median(&|| {
        let mut c = Command::new("just");
        c.current_dir(workspace()).args(["brief", "paris-2026-01"]);
        c
    })?;
    let cargo = median(&|| {
        let mut c = Command::new("cargo");
        c.current_dir(workspace()).args([
            "run",
            "--release",
            "--locked",
            "--quiet",
            "-p",
            "citebrief",
            "--",
            "build",
            "-q",
            "briefs/paris-2026-01",
        ]);
        c
    })?;
    rows.push(Row {
        what: "`just brief paris-2026-01`, no-op".into(),
        one: String::new(),
        all: format!("{:.0} ms (median of 7)", just.as_secs_f64() * 1e3),
        note: format!(
            "`cargo run` of the same build: {:.0} ms ({:.1}x)",
            cargo.as_secs_f64() * 1e3,
            cargo.as_secs_f64() / just.as_secs_f64()
        ),
    });
    Ok(())
}

fn pandoc_path() -> Option<String> {
    if have("pandoc") {
        return Some("pandoc".into());
    }
    let out = Command::new("python3")
        .args(["-c", "import pypandoc; print(pypandoc.get_pandoc_path())"])
        .output()
        .ok()?;
    let p = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !p.is_empty()).then_some(p)
}

fn convert_rows(markdown: &str, rows: &mut Vec<Row>) -> Result<()> {
    // Repeat the brief (renumbering footnotes) to about 2 MB so process start-up is amortised.
    let mut big = String::new();
    let mut i = 0;
    while big.len() < 2_000_000 {
        big.push_str(&markdown.replace("[^", &format!("[^r{i}-")));
        big.push_str("\n\n");
        i += 1;
    }
    let tmp = tempfile::tempdir()?;
    let md_path = tmp.path().join("big.md");
    std::fs::write(&md_path, &big)?;
    let mut ours = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let conv = citebrief_render::markdown_to_typst(&big, tmp.path());
        ours.push(t.elapsed());
        drop(conv);
    }
    ours.sort();
    let ours = ours[2];
    let (theirs, note) = match pandoc_path() {
        Some(p) => {
            let t = Instant::now();
            let st = Command::new(&p)
                .args(["-f", "gfm", "-t", "typst", "-o"])
                .arg(tmp.path().join("big.typ"))
                .arg(&md_path)
                .status()?;
            let d = t.elapsed();
            if !st.success() {
                bail!("pandoc failed on the benchmark file");
            }
            let ver = Command::new(&p).arg("--version").output()?;
            let ver = String::from_utf8_lossy(&ver.stdout)
                .lines()
                .next()
                .unwrap_or("pandoc")
                .to_string();
            (Some(d), ver)
        }
        None => (
            None,
            "pandoc not installed (`pip install pypandoc_binary`): no ratio".into(),
        ),
    };
    rows.push(Row {
        what: format!("Markdown → Typst, {:.1} MB brief", big.len() as f64 / 1e6),
        one: format!(
            "{:.1} MB/s ({:.0} ms)",
            mbps(big.len(), ours),
            ours.as_secs_f64() * 1e3
        ),
        all: match theirs {
            Some(d) => format!(
                "pandoc {:.0} ms: ours is {:.0}× faster",
                d.as_secs_f64() * 1e3,
                d.as_secs_f64() / ours.as_secs_f64()
            ),
            None => String::new(),
        },
        note,
    });
    Ok(())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "{cpu}, {} cores, {:.0} GiB memory, {} {}; {rustc}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        mem as f64 / 1024.0 / 1024.0,
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// `citebrief-bench generate N DIR`: writes a brief of N generated articles to DIR.
fn generate(n: &str, dir: &str) -> Result<()> {
    let n: usize = n
        .replace('_', "")
        .parse()
        .context("generate N DIR: N is a number")?;
    let corpus = Corpus::from_dir(&workspace().join("briefs/paris-2026-01/sources"))?;
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir.join("sources"))?;
    std::fs::write(
        dir.join("brief.yaml"),
        format!("title: {n} generated articles\n"),
    )?;
    for i in 0..n {
        std::fs::write(
            dir.join("sources").join(format!("{i:06}.txt")),
            corpus.article(SEED, i as u64),
        )?;
    }
    eprintln!("wrote {n} articles to {}/sources", dir.display());
    Ok(())
}

fn main() -> Result<()> {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("measure") && argv.len() > 2 {
        return measure(&argv[2..]);
    }
    if argv.get(1).map(String::as_str) == Some("generate") {
        let (Some(n), Some(dir)) = (argv.get(2), argv.get(3)) else {
            bail!("usage: citebrief-bench generate N DIR");
        };
        return generate(n, dir);
    }
    let args = parse_args()?;
    let corpus = Corpus::from_dir(&workspace().join("briefs/paris-2026-01/sources"))?;
    let mut rows = Vec::new();
    stage_rows(&corpus, args.corpus_mb, &mut rows);
    let md = seed_rows(&mut rows)?;
    if let Some(md) = md {
        convert_rows(&md, &mut rows)?;
    }
    scale_rows(&corpus, &args.scale, &args.pdf_scale, &mut rows)?;

    let mut out = String::new();
    writeln!(out, "# Benchmarks\n")?;
    writeln!(
        out,
        "Written by `just bench` (`citebrief-bench`); every figure is from the same run.\n"
    )?;
    writeln!(out, "Machine: {}\n", machine())?;
    writeln!(
        out,
        "Corpus: {} MB generated from the seed brief's sources (seed {SEED}).\n",
        args.corpus_mb
    )?;
    writeln!(out, "| what | one core | all cores | note |")?;
    writeln!(out, "|---|---|---|---|")?;
    for r in &rows {
        writeln!(out, "| {} | {} | {} | {} |", r.what, r.one, r.all, r.note)?;
    }
    print!("{out}");
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    citebrief_store::fsio::write_if_changed(&args.out, out.as_bytes())?;
    eprintln!("wrote {}", args.out.display());
    Ok(())
}
