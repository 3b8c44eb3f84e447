//! Checking that every citation still quotes its source.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::fact::Fact;
use crate::model::{Citation, FactStore, Review};

/// A citation whose quote is not (or no longer) where it says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    /// The source id the citation names.
    pub source: String,
    pub line: u32,
    pub quote: String,
    /// What is wrong, and what to do about it.
    pub reason: String,
    /// The source file the citation was checked against (`sources_dir` joined with its name).
    pub file: PathBuf,
}

impl fmt::Display for Broken {
    /// `file:line: reason: "quote"`, the quote escaped so that it prints on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {:?}",
            self.file.display(),
            self.line,
            self.reason,
            self.quote
        )
    }
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks every citation of every fact that is not rejected (discrepancy claims included)
/// against the files in `sources_dir`: the file must exist, match the SHA-256 recorded at
/// extraction, and its line must contain the quote exactly. Lines are numbered as
/// `citebrief-source` numbers them. Returns the broken citations, each once, in file order.
pub fn verify(store: &FactStore, sources_dir: &Path) -> Vec<Broken> {
    let mut by_source: BTreeMap<&str, BTreeSet<&Citation>> = BTreeMap::new();
    collect(&store.commitments, &mut by_source);
    collect(&store.caveats, &mut by_source);
    collect(&store.discrepancies, &mut by_source);

    let mut broken = Vec::new();
    for (source, cites) in by_source {
        let record = store.sources.get(source);
        let name = record
            .map(|r| r.file.clone())
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| format!("{source}.txt"));
        let file = sources_dir.join(name);
        let mut report = |c: &Citation, reason: String| {
            broken.push(Broken {
                source: c.source.to_string(),
                line: c.line,
                quote: c.quote.to_string(),
                reason,
                file: file.clone(),
            })
        };
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                let reason = format!("cannot read the source ({e}); restore it or rebuild");
                cites.into_iter().for_each(|c| report(c, reason.clone()));
                continue;
            }
        };
        if let Some(r) = record
            .filter(|r| !r.sha256.is_empty() && !r.sha256.eq_ignore_ascii_case(&sha256_hex(&bytes)))
        {
            let reason = format!(
                "the file changed since extraction (sha256 was {}); rebuild to re-extract",
                short(&r.sha256)
            );
            cites.into_iter().for_each(|c| report(c, reason.clone()));
            continue;
        }
        let (text, _) = citebrief_source::decode(&bytes);
        let lines = citebrief_source::split_lines(&text);
        for c in cites {
            let line = c.line.checked_sub(1).and_then(|i| lines.get(i as usize));
            match line.map(|l| &text[l.start..l.end]) {
                None => report(
                    c,
                    format!("no line {} (the file has {})", c.line, lines.len()),
                ),
                Some(_) if c.quote.is_empty() => report(c, "the quote is empty".into()),
                Some(l) if !l.contains(c.quote.as_ref()) => {
                    report(c, "the quote is not on this line".into())
                }
                Some(_) => {}
            }
        }
    }
    broken
}

fn collect<'a, F: Fact>(facts: &'a [F], out: &mut BTreeMap<&'a str, BTreeSet<&'a Citation>>) {
    for f in facts.iter().filter(|f| f.meta().review != Review::Rejected) {
        for c in f.citations() {
            out.entry(c.source.as_ref()).or_default().insert(c);
        }
    }
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        // FIPS 180-2 test vector.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn display_names_file_and_line_and_escapes_the_quote() {
        let b = Broken {
            source: "s1".into(),
            line: 7,
            quote: "a \"b\"\nc".into(),
            reason: "the quote is not on this line".into(),
            file: PathBuf::from("sources/s1.txt"),
        };
        assert_eq!(
            b.to_string(),
            r#"sources/s1.txt:7: the quote is not on this line: "a \"b\"\nc""#
        );
    }
}
