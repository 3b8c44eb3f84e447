//! Extraction throughput over the seed sources, repeated to a few megabytes.
//!
//! `cargo bench -p citebrief-extract --bench extract`

use std::path::Path;

use citebrief_extract::extract;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Extraction allocates many small strings and vectors; mimalloc serves them faster than the
/// system allocator (see `Cargo.toml`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn seed_inputs() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../briefs/paris-2026-01/sources");
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    inputs.sort();
    inputs
}

fn bench(c: &mut Criterion) {
    let seeds = seed_inputs();
    // 40 copies of the five seeds: about 1.3 MB of pages, each its own source
    let inputs: Vec<(String, Vec<u8>)> = (0..40)
        .flat_map(|i| {
            seeds
                .iter()
                .map(move |(id, b)| (format!("{id}-{i}"), b.clone()))
        })
        .collect();
    let docs = citebrief_source::read_all(inputs);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let lexicon = seed_lexicon();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("seeds x40, one thread", |b| {
        b.iter(|| pool.install(|| extract(&docs, &lexicon)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

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
