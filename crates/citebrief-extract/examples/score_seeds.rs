//! Dev harness: extracts the seed brief (or any folder of `.txt` sources given with
//! `--dir DIR`) and writes a fact store to score.
//!
//! ```text
//! cargo run -p citebrief-extract --example score_seeds --release -- OUT.yaml
//! python3 ../shared/eval/score.py OUT.yaml ../shared/gold/seeds.yaml briefs/paris-2026-01/sources --verbose
//! cargo run -p citebrief-extract --example score_seeds --release -- OUT.yaml \
//!     --dir crates/citebrief-extract/tests/heldout/articles
//! ```
//! With `--each`, every source is extracted as a brief of its own (for a folder of unrelated
//! articles, such as the held-out set). With `--explain`, prints every finding (rule, line,
//! statement) instead.

use std::path::Path;

use citebrief_extract::{explain, extract};
use citebrief_store::Extraction;
use citebrief_store::{FactStore, SourceRecord};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = match args.iter().position(|a| a == "--dir") {
        Some(i) => {
            let dir = args.get(i + 1).expect("--dir needs a folder").into();
            args.drain(i..=i + 1);
            dir
        }
        None => root.join("briefs/paris-2026-01/sources"),
    };
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read(&p).unwrap())
        })
        .collect();
    inputs.sort();
    let docs = citebrief_source::read_all(inputs);
    let lex = seed_lexicon();
    if args.iter().any(|a| a == "--explain") {
        for d in &docs {
            for f in explain(d, &lex) {
                println!(
                    "{}:{} [{}] {} | {}",
                    d.id,
                    f.line,
                    f.rules.join(","),
                    f.statement,
                    f.quote
                );
            }
        }
        return;
    }
    let ex = if args.iter().any(|a| a == "--each") {
        let mut all = Extraction::default();
        for d in &docs {
            let one = extract(std::slice::from_ref(d), &lex);
            all.commitments.extend(one.commitments);
            all.caveats.extend(one.caveats);
            all.discrepancies.extend(one.discrepancies);
        }
        all
    } else {
        extract(&docs, &lex)
    };
    let mut store = FactStore {
        commitments: ex.commitments,
        caveats: ex.caveats,
        discrepancies: ex.discrepancies,
        ..Default::default()
    };
    for d in &docs {
        store.sources.insert(
            d.id.clone(),
            SourceRecord {
                file: format!("{}.txt", d.id),
                title: d.meta.title.clone(),
                publisher: d.meta.publisher.clone(),
                date: d.meta.date.clone(),
                body: d.body_ranges(),
                ..Default::default()
            },
        );
    }
    let out = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(String::as_str)
        .unwrap_or("/tmp/citebrief-seeds.yaml");
    std::fs::write(out, serde_yaml::to_string(&store).unwrap()).unwrap();
    eprintln!(
        "wrote {out}: {} commitments, {} caveats, {} discrepancies",
        store.commitments.len(),
        store.caveats.len(),
        store.discrepancies.len()
    );
}

/// The seed brief's lexicon and subject (`CITEBRIEF_BRIEF=path/brief.yaml` for another).
fn seed_lexicon() -> citebrief_extract::Lexicon {
    let path = std::env::var("CITEBRIEF_BRIEF").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../briefs/paris-2026-01/brief.yaml"
        )
        .into()
    });
    let config =
        citebrief_store::BriefConfig::load(std::path::Path::new(&path)).expect("brief.yaml");
    citebrief_extract::Lexicon::of_brief(&config).expect("the brief's lexicon")
}
