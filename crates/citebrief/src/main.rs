//! The `citebrief` command line: a thin layer over the stage crates.
//!
//! It parses arguments, finds brief folders, reads and writes files, and calls
//! `citebrief-source` (reading), `citebrief-extract` (facts), `citebrief-store` (facts.yaml)
//! and `citebrief-render` (Markdown, Typst, PDF) in that order. It holds no extraction or
//! rendering logic of its own.

mod build;
mod cache;
mod cmd;
mod pages;
mod ui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Extraction allocates many small strings and vectors; mimalloc serves them faster than the
/// system allocator (see `Cargo.toml`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn a folder of news articles into a cited briefing, in Markdown and PDF.
///
/// A brief is a folder with a `brief.yaml` and a `sources/` folder of articles. `citebrief build`
/// extracts facts into `facts.yaml` (where you review them), then writes `brief.md`, `brief.pdf`
/// and `brief.html` (with a page per source in `html/`), every statement cited to a verbatim
/// quote of a source line.
#[derive(Parser)]
#[command(name = "citebrief", version, about, long_about, max_term_width = 100)]
#[command(
    after_help = "Start with `citebrief new NAME`, add articles to briefs/NAME/sources/, \
then run `citebrief build`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build briefs: extract facts, then write facts.yaml, brief.md, brief.pdf and brief.html.
    ///
    /// With no DIR, builds every folder under ./briefs that has a brief.yaml. Review decisions
    /// already in facts.yaml are kept. Files whose content would not change are not rewritten.
    Build(BuildArgs),
    /// Create a new brief folder with a commented brief.yaml and an empty sources/ folder.
    New {
        /// Name of the brief; the folder is briefs/NAME (or NAME itself if it contains a `/`).
        name: String,
        /// Title written into brief.yaml.
        #[arg(long)]
        title: Option<String>,
        /// The country or territory the commitments are for, by its code (`HT`, `KE`).
        #[arg(long, value_name = "CODE")]
        beneficiary: Option<String>,
        /// A party whose objections are caveats and whose deployments commit nothing, by its
        /// code (repeat for several).
        #[arg(long = "adversary", value_name = "CODE")]
        adversaries: Vec<String>,
    },
    /// Show how citebrief reads one source file: body lines, sentences, and facts.
    Inspect {
        /// The source file (a scraped article).
        file: PathBuf,
        /// Print one JSON object per sentence: {"line","start","end","text"}.
        #[arg(long)]
        json: bool,
        /// Segment the whole file, page furniture included.
        #[arg(long)]
        whole: bool,
        /// Show the facts found, the rules that found each and the words each read.
        #[arg(long, conflicts_with = "json")]
        facts: bool,
        /// Show how each verb chain was read: status, subject, scope, things given.
        #[arg(long, conflicts_with_all = ["json", "facts"])]
        trace: bool,
    },
    /// List the facts of a brief, filtered.
    Facts(FactsArgs),
    /// Record a review decision on a fact, without editing facts.yaml by hand.
    Review(ReviewArgs),
    /// Check that every citation still quotes its source line, that the words each citation read
    /// are in its quote, and that brief.md cites every statement.
    ///
    /// Every problem is printed as `FILE:LINE: FACT-ID: what is wrong; what to do: "quote"`.
    /// Rejected facts are not checked.
    Verify {
        /// Brief folders; every brief under ./briefs when absent.
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
    /// Convert a Markdown file to Typst with citebrief's converter.
    Convert {
        /// The Markdown file.
        input: PathBuf,
        /// Where to write the Typst source; standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// Brief folders to build; every brief under ./briefs when absent.
    #[arg(value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Skip the PDF (no typst needed).
    #[arg(long)]
    no_pdf: bool,
    /// Skip brief.html and its source pages (html/).
    #[arg(long)]
    no_html: bool,
    /// Write nothing; exit 1 naming every output that is out of date.
    #[arg(long)]
    check: bool,
    /// Print only warnings and errors.
    #[arg(short, long)]
    quiet: bool,
    /// Print how long each phase took.
    #[arg(long)]
    timings: bool,
}

#[derive(Args)]
struct FactsArgs {
    /// The brief folder.
    dir: PathBuf,
    /// Only facts about this actor code (FR, GB, US...).
    #[arg(long)]
    actor: Option<String>,
    /// Only commitments in this domain (ground-forces, air, monitoring...).
    #[arg(long)]
    domain: Option<String>,
    /// Only commitments of this status: signed, pledged, offered, planned, discussed or
    /// ruled-out.
    #[arg(long)]
    status: Option<String>,
    /// Only this kind: commitment, caveat or discrepancy.
    #[arg(long)]
    kind: Option<String>,
    /// Only facts in this review state: proposed, accepted or rejected.
    #[arg(long)]
    review: Option<String>,
    /// Print JSON for scripts instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("decision").required(true).args(["accept", "reject", "reset"])))]
struct ReviewArgs {
    /// The brief folder.
    dir: PathBuf,
    /// The fact's id, as `citebrief facts DIR` lists it.
    id: String,
    /// Mark the fact accepted.
    #[arg(long)]
    accept: bool,
    /// Mark the fact rejected: it is left out of the brief.
    #[arg(long)]
    reject: bool,
    /// Put the fact back to proposed.
    #[arg(long)]
    reset: bool,
    /// A note kept with the decision.
    #[arg(long)]
    note: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // On SIGINT, SIGTERM or SIGHUP: stop typst and remove the temporary files being written
    // (unless outputs are being put in place, which finishes first), then exit.
    let _ = ctrlc::set_handler(|| {
        if citebrief_store::cleanup::interrupt() {
            eprintln!("error: interrupted; no output was replaced");
            std::process::exit(130);
        }
    });
    let result = match cli.command {
        Command::Build(a) => build::run(&build::Options {
            dirs: a.dirs,
            pdf: !a.no_pdf,
            html: !a.no_html,
            check: a.check,
            quiet: a.quiet,
            timings: a.timings,
        }),
        Command::New {
            name,
            title,
            beneficiary,
            adversaries,
        } => cmd::new(
            &name,
            title.as_deref(),
            beneficiary.as_deref(),
            &adversaries,
        ),
        Command::Inspect {
            file,
            json,
            whole,
            facts,
            trace,
        } => cmd::inspect(&file, json, whole, facts, trace),
        Command::Facts(a) => cmd::facts(
            &a.dir,
            cmd::FactsFilter {
                actor: a.actor,
                domain: a.domain,
                status: a.status,
                kind: a.kind,
                review: a.review,
            },
            a.json,
        ),
        Command::Review(a) => {
            let review = if a.accept {
                citebrief_store::Review::Accepted
            } else if a.reject {
                citebrief_store::Review::Rejected
            } else {
                citebrief_store::Review::Proposed
            };
            cmd::review(&a.dir, &a.id, review, a.note)
        }
        Command::Verify { dirs } => cmd::verify(dirs),
        Command::Convert { input, output } => cmd::convert(&input, output.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            ui::error(&err);
            ExitCode::FAILURE
        }
    }
}
