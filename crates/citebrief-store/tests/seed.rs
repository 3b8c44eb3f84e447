//! End to end against the seed brief's sources: citations made from what `citebrief-source`
//! reads must verify, line for line, also after the files' line ends change.

use std::path::{Path, PathBuf};

use citebrief_store::*;

fn seed_sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../briefs/paris-2026-01/sources")
}

/// Copies the seed sources into `dir`, converting line ends with `convert`; returns an
/// extraction with one fact citing every sentence the reader finds.
fn cite_every_sentence(dir: &Path, convert: fn(&str) -> String) -> Extraction {
    let mut x = Extraction::default();
    let mut entries: Vec<_> = std::fs::read_dir(seed_sources())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = convert(&std::fs::read_to_string(&path).unwrap());
        let copy = dir.join(&name);
        std::fs::write(&copy, &text).unwrap();
        let doc = citebrief_source::read_path(&copy).unwrap();
        x.sources.insert(
            doc.id.clone(),
            SourceRecord {
                file: name,
                sha256: sha256_hex(text.as_bytes()),
                ..SourceRecord::default()
            },
        );
        let citations = doc
            .sentences
            .iter()
            .map(|s| Citation {
                source: doc.id.as_str().into(),
                line: s.line,
                quote: doc.sentence_text(s).into(),
                reading: None,
            })
            .collect();
        x.caveats.push(Caveat {
            id: String::new(),
            statement: format!("Everything {} says.", doc.id),
            caveat: CaveatKind::Other,
            about: vec![doc.id.clone()],
            citations,
            corroboration: 0,
            meta: Meta::default(),
        });
    }
    x
}

#[test]
fn reader_citations_verify_with_any_line_ends() {
    for convert in [
        str::to_string as fn(&str) -> String,
        |t: &str| t.replace('\n', "\r\n"),
        |t: &str| t.replace('\n', "\r"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let store = merge(None, cite_every_sentence(dir.path(), convert));
        let cited: usize = store.caveats.iter().map(|c| c.citations.len()).sum();
        assert!(
            cited > 50,
            "the seed sources hold more than 50 sentences, found {cited}"
        );
        assert_eq!(verify(&store, dir.path()), vec![]);
    }
}

#[test]
fn editing_a_seed_source_breaks_exactly_its_citations() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = merge(None, cite_every_sentence(dir.path(), str::to_string));
    let fact = &store.caveats[0];
    let (source, victim) = (
        fact.citations[0].source.to_string(),
        fact.citations[0].clone(),
    );
    let file = dir.path().join(&store.sources[&source].file);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen(&*victim.quote, "[removed]", 1);
    std::fs::write(&file, &text).unwrap();

    let changed = verify(&store, dir.path());
    assert_eq!(
        changed.len(),
        fact.citations.len(),
        "every citation of the changed file"
    );
    assert!(changed.iter().all(|b| b.source == source));

    store.sources.get_mut(&source).unwrap().sha256 = sha256_hex(text.as_bytes());
    let broken = verify(&store, dir.path());
    assert!(!broken.is_empty());
    assert!(
        broken
            .iter()
            .all(|b| b.line == victim.line && b.quote.contains(&*victim.quote)),
        "{broken:#?}"
    );
}
