//! Dev harness: prints what the rules find in one text file.
//! `cargo run -p citebrief-extract --example explain_file -- FILE`

use citebrief_extract::explain;

fn main() {
    let path = std::env::args().nth(1).expect("usage: explain_file FILE");
    let doc =
        citebrief_source::read_path(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    for f in explain(&doc, &seed_lexicon()) {
        println!(
            "{:>3} {:<10} {} [{}]",
            f.line,
            f.kind,
            f.statement,
            f.rules.join(", ")
        );
    }
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
