//! Dev harness: single-threaded extraction throughput over the seed sources repeated.
//! `cargo run -p citebrief-extract --example throughput --release`

use std::path::Path;
use std::time::Instant;

/// The allocator of the `citebrief` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use citebrief_extract::{combine, extract_document};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../briefs/paris-2026-01/sources");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    let inputs: Vec<(String, Vec<u8>)> = (0..40)
        .flat_map(|i| {
            seeds
                .iter()
                .map(move |(id, b)| (format!("{id}-{i}"), b.clone()))
        })
        .collect();
    let docs = citebrief_source::read_all(inputs);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let lex = seed_lexicon();
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        let per_doc = docs.iter().map(|d| extract_document(d, &lex)).collect();
        let ex = combine(per_doc, &lex);
        std::hint::black_box(ex);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{:.1} MB/s ({} bytes in {:.1} ms, best of 10, one thread)",
        bytes as f64 / best / 1e6,
        bytes,
        best * 1e3
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
