//! Dev harness: prints what the rules find in one text file.
//! `cargo run -p citebrief-extract --example explain_file -- FILE`

use citebrief_extract::{explain, Lexicon};

fn main() {
    let path = std::env::args().nth(1).expect("usage: explain_file FILE");
    let doc =
        citebrief_source::read_path(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    for f in explain(&doc, &Lexicon::builtin()) {
        println!(
            "{:>3} {:<10} {} [{}]",
            f.line,
            f.kind,
            f.statement,
            f.rules.join(", ")
        );
    }
}
