//! Every CommonMark spec example and every GFM extension example converts to Typst that
//! typst 0.15.1 compiles. Reads third-party data from ../shared/peers: run by `just conformance`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use citebrief_render::{compile_pdf, markdown_to_typst};

fn peers_dir() -> PathBuf {
    let dir = std::env::var_os("CITEBRIEF_PEERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peers"));
    assert!(
        dir.is_dir(),
        "../shared/peers not found: set CITEBRIEF_PEERS or run from a checkout with ../shared beside it"
    );
    dir
}

struct Example {
    file: &'static str,
    number: u64,
    section: String,
    markdown: String,
}

fn examples(file: &'static str) -> Vec<Example> {
    let path = peers_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let items: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    items
        .into_iter()
        .map(|v| Example {
            file,
            number: v["example"].as_u64().unwrap(),
            section: v["section"].as_str().unwrap_or_default().to_string(),
            markdown: v["markdown"].as_str().unwrap().to_string(),
        })
        .collect()
}

/// Converts and compiles every example, two at a time, each in its own folder.
fn compile_all(examples: &[Example]) -> (usize, Vec<String>) {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(ex) = examples.get(i) else { break };
                let dir = tempfile::tempdir().unwrap();
                let conv = markdown_to_typst(&ex.markdown, dir.path());
                if let Err(e) = compile_pdf(&conv.typst, dir.path(), &dir.path().join("out.pdf"), 0)
                {
                    failures.lock().unwrap().push(format!(
                        "{} example {} ({}): {e}\n--- markdown\n{}--- typst\n{}",
                        ex.file, ex.number, ex.section, ex.markdown, conv.typst
                    ));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    (examples.len() - failures.len(), failures)
}

fn check(file: &'static str, expected: usize) {
    if let Err(e) = citebrief_render::typst_version() {
        panic!("conformance needs typst: {e}");
    }
    let examples = examples(file);
    assert_eq!(examples.len(), expected, "{file} holds {expected} examples");
    let (ok, failures) = compile_all(&examples);
    println!(
        "{file}: {ok} of {} examples convert and compile",
        examples.len()
    );
    for f in &failures {
        println!("FAILED {f}\n");
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples did not compile",
        failures.len(),
        examples.len()
    );
}

#[test]
#[ignore = "reads ../shared/peers; run by just conformance"]
fn commonmark_spec_examples_compile() {
    check("commonmark_spec.json", 652);
}

#[test]
#[ignore = "reads ../shared/peers; run by just conformance"]
fn gfm_extension_examples_compile() {
    check("gfm_extensions.json", 80);
}
