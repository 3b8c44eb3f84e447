//! Prints the `sources:` map of a fact store (body ranges, title, publisher, date) for the
//! `.txt` files of a folder, read together as one brief. A development aid for scoring the
//! body classifier:
//!
//! ```text
//! cargo run -p citebrief-source --example sources_yaml -- briefs/paris-2026-01/sources > /tmp/s.yaml
//! python3 ../shared/eval/score.py /tmp/s.yaml ../shared/gold/seeds.yaml briefs/paris-2026-01/sources
//! ```

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: sources_yaml SOURCES_DIR")?,
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let mut inputs = Vec::new();
    for path in &files {
        let id = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        inputs.push((id, std::fs::read(path)?));
    }
    let quote = |v: &Option<String>| serde_json::to_string(v).expect("strings serialise");
    println!("sources:");
    for doc in citebrief_source::read_all(inputs) {
        for w in &doc.warnings {
            eprintln!("warning: {}: {}", doc.id, w.message);
        }
        println!("  {}:", doc.id);
        println!("    title: {}", quote(&doc.meta.title));
        println!("    publisher: {}", quote(&doc.meta.publisher));
        println!("    date: {}", quote(&doc.meta.date));
        println!("    body: {:?}", doc.body_ranges());
    }
    Ok(())
}
