//! What the tests that read whole articles share.

use citebrief_extract::{extract, Lexicon};

/// The committing actors of the facts of `texts`, read as the sources of one brief with the
/// built-in lexicon (a brief.yaml that names no subject), sorted and deduplicated.
pub fn actors_in(texts: &[&str]) -> Vec<String> {
    let docs: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| citebrief_source::read_bytes(&format!("s{i}"), t.as_bytes()))
        .collect();
    let ex = extract(&docs, &Lexicon::builtin());
    let mut v: Vec<String> = ex
        .commitments
        .iter()
        .flat_map(|c| c.actors.iter().cloned())
        .collect();
    v.sort();
    v.dedup();
    v
}
