//! Dev harness: one-core extraction of the bench's generated corpus, for a profiler.
//! `cargo run --release -p citebrief-bench --example extract_corpus -- [MB]`

use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::io::Result<()> {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = citebrief_bench::Corpus::from_dir(&root.join("briefs/paris-2026-01/sources"))?;
    let docs: Vec<_> = corpus
        .articles_of_size(20260106, mb * 1_000_000)
        .iter()
        .enumerate()
        .map(|(i, a)| citebrief_source::read_bytes(&format!("a{i}"), a.as_bytes()))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let seed = citebrief_store::BriefConfig::load(&root.join("briefs/paris-2026-01/brief.yaml"))
        .expect("the seed brief.yaml");
    let lex = citebrief_extract::Lexicon::of_brief(&seed).expect("the seed brief's lexicon");
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let n = one.install(|| citebrief_extract::extract(&docs, &lex).commitments.len());
        let s = t.elapsed().as_secs_f64();
        println!(
            "{:.1} MB/s ({n} commitments, {bytes} bytes, {:.2} s, one core)",
            bytes as f64 / s / 1e6,
            s
        );
    }
    Ok(())
}
