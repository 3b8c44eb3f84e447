//! The build cache of a brief: `.citebrief-cache/` in the brief folder, never committed.
//!
//! Extraction results are kept per source, keyed by everything they depend on (the source's
//! bytes and id, its body lines and metadata, the lexicon, this binary), so that touching one
//! source of a large brief re-extracts only that one. The PDF is keyed by its complete Typst
//! source and the typst version and flags, so an unchanged brief is not compiled again (a brief
//! whose Markdown shows images is always compiled, since the image files are not in the key).
//! Deleting the folder is always safe.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use citebrief_extract::DocFacts;
use citebrief_store::fsio::file_sha256;
use citebrief_store::{sha256_hex, FactStore};

pub const DIR: &str = ".citebrief-cache";

/// The file of the cache folder that holds the merge basis of facts.yaml.
const BASIS: &str = "basis.json";

pub struct Cache {
    dir: PathBuf,
    /// When false (`--check`), the cache is read but never written.
    write: bool,
    fingerprint: String,
}

impl Cache {
    pub fn new(brief: &Path, write: bool, lexicon_extra: Option<&serde_yaml::Value>) -> Cache {
        // The binary's identity: a rebuilt citebrief may extract differently.
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        let lexicon = lexicon_extra
            .map(|v| serde_yaml::to_string(v).unwrap_or_default())
            .unwrap_or_default();
        let version = env!("CARGO_PKG_VERSION");
        let fingerprint = key(&[version.as_bytes(), exe.as_bytes(), lexicon.as_bytes()]);
        Cache {
            dir: brief.join(DIR),
            write,
            fingerprint,
        }
    }

    /// The key of one source's extraction.
    pub fn facts_key(&self, id: &str, sha256: &str, doc: &citebrief_source::Document) -> String {
        let body_and_meta = format!("{:?}{:?}", doc.body_ranges(), doc.meta);
        key(&[
            self.fingerprint.as_bytes(),
            id.as_bytes(),
            sha256.as_bytes(),
            body_and_meta.as_bytes(),
        ])
    }

    /// Where one source's facts are kept: in one of 256 folders by the key's first two hex
    /// digits, so that no folder grows to a large brief's hundred thousand entries.
    fn facts_path(&self, key: &str) -> PathBuf {
        self.dir
            .join("facts")
            .join(key.get(..2).unwrap_or("00"))
            .join(format!("{key}.json"))
    }

    pub fn get_facts(&self, key: &str) -> Option<DocFacts> {
        let bytes = std::fs::read(self.facts_path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores one source's facts; a cache that cannot be written only costs time later.
    ///
    /// The entry is written in place, neither synced nor renamed: syncing or renaming each of
    /// a large brief's hundred thousand entries took most of a build, and an entry that a
    /// crash leaves cut short is not valid JSON, which [`Cache::get_facts`] takes for a miss.
    pub fn put_facts(&self, key: &str, facts: &DocFacts) {
        if !self.write {
            return;
        }
        let Ok(json) = serde_json::to_vec(facts) else {
            return;
        };
        let path = self.facts_path(key);
        let write = || -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, &json)
        };
        let _ = write();
    }

    /// Removes cached extractions that no source of the brief uses any more.
    pub fn prune_facts(&self, used: &BTreeSet<String>) {
        if !self.write {
            return;
        }
        let Ok(shards) = std::fs::read_dir(self.dir.join("facts")) else {
            return;
        };
        for shard in shards.flatten() {
            let Ok(entries) = std::fs::read_dir(shard.path()) else {
                // an entry of an older layout, not a folder
                let _ = std::fs::remove_file(shard.path());
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !name.strip_suffix(".json").is_some_and(|k| used.contains(k)) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }

    /// The PDF already at `pdf`, if it was compiled from exactly this Typst source.
    pub fn get_pdf(&self, typst_source: &str, typst_version: &str, pdf: &Path) -> Option<Vec<u8>> {
        if typst_source.contains("image(") {
            return None;
        }
        let record = std::fs::read_to_string(self.dir.join("pdf")).ok()?;
        let (key, sha) = record.trim().split_once(' ')?;
        if key != pdf_key(typst_source, typst_version) {
            return None;
        }
        let bytes = std::fs::read(pdf).ok()?;
        (sha256_hex(&bytes) == sha).then_some(bytes)
    }

    pub fn put_pdf(&self, typst_source: &str, typst_version: &str, bytes: &[u8]) {
        if !self.write || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let record = format!(
            "{} {}\n",
            pdf_key(typst_source, typst_version),
            sha256_hex(bytes)
        );
        let _ = citebrief_store::fsio::write_if_changed(&self.dir.join("pdf"), record.as_bytes());
    }

    /// A key of everything a build reads but facts.yaml: this binary, brief.yaml, every
    /// template, each source's file name and SHA-256, and the typst version. (facts.yaml is
    /// also an output: [`Cache::get_outputs`] checks that it is as the last build wrote it, so an
    /// analyst's edit there makes the next build a full one.)
    pub fn inputs_key(
        &self,
        brief: &Path,
        templates: &Path,
        files: &[crate::build::SourceFile],
        shas: &[String],
        typst: &str,
    ) -> std::io::Result<String> {
        let brief_yaml = std::fs::read(brief.join("brief.yaml"))?;
        let mut tpl = Vec::new();
        collect_files(templates, &mut tpl)?;
        tpl.sort();
        let mut tpl_parts = Vec::with_capacity(tpl.len() * 2);
        for p in &tpl {
            let name = p.strip_prefix(templates).unwrap_or(p).to_string_lossy();
            tpl_parts.push(name.as_bytes().to_vec());
            tpl_parts.push(std::fs::read(p)?);
        }
        let mut parts: Vec<&[u8]> =
            vec![self.fingerprint.as_bytes(), typst.as_bytes(), &brief_yaml];
        parts.extend(tpl_parts.iter().map(Vec::as_slice));
        for (f, sha) in files.iter().zip(shas) {
            parts.push(f.file.as_bytes());
            parts.push(sha.as_bytes());
        }
        Ok(key(&parts))
    }

    /// The last build's record: its inputs key, then each output's SHA-256 and file name.
    fn recorded_outputs(&self) -> Option<(String, Vec<(String, String)>)> {
        let record = std::fs::read_to_string(self.dir.join("outputs")).ok()?;
        let mut lines = record.lines();
        let inputs = lines.next()?.to_string();
        let outputs = lines
            .map(|l| {
                l.split_once(' ')
                    .map(|(sha, name)| (sha.to_string(), name.to_string()))
            })
            .collect::<Option<_>>()?;
        Some((inputs, outputs))
    }

    /// The outputs of the last build (path and SHA-256), when it had exactly these inputs and
    /// no output has been changed on disk since.
    pub fn get_outputs(
        &self,
        inputs: &str,
        brief: &Path,
        pdf: bool,
    ) -> Option<Vec<(PathBuf, String)>> {
        let (recorded, outputs) = self.recorded_outputs()?;
        if recorded != inputs {
            return None;
        }
        let mut out = Vec::new();
        for (sha, name) in outputs {
            let path = brief.join(name);
            if file_sha256(&path).ok()? != sha {
                return None;
            }
            out.push((path, sha));
        }
        let want = if pdf { 3 } else { 2 };
        (out.len() == want).then_some(out)
    }

    /// The merge basis ([`citebrief_store::merge_basis`]) of the facts.yaml whose SHA-256 is
    /// `facts_sha`, when the last build left one for exactly that file: reading it is much
    /// faster, and takes much less memory, than reading a large brief's facts.yaml.
    pub fn get_basis(&self, facts_sha: &str) -> Option<FactStore> {
        let bytes = std::fs::read(self.dir.join(BASIS)).ok()?;
        let (sha, json) = bytes.split_at(bytes.iter().position(|&b| b == b'\n')?);
        if sha != facts_sha.as_bytes() {
            return None;
        }
        serde_json::from_slice(json).ok()
    }

    /// Keeps the merge basis of the facts.yaml whose SHA-256 is `facts_sha`.
    pub fn put_basis(brief: &Path, facts_sha: &str, basis: &FactStore) {
        let dir = brief.join(DIR);
        if std::fs::create_dir_all(&dir).is_err() {
            return;
        }
        let mut bytes = format!("{facts_sha}\n").into_bytes();
        if serde_json::to_writer(&mut bytes, basis).is_ok() {
            let _ = citebrief_store::fsio::write_if_changed(&dir.join(BASIS), &bytes);
        }
    }

    /// True when the facts.yaml whose SHA-256 is `facts_sha` is exactly what the last build
    /// wrote there: nobody has edited it since.
    pub fn unedited(&self, facts_sha: &str) -> bool {
        self.recorded_outputs().is_some_and(|(_, outputs)| {
            outputs
                .iter()
                .any(|(sha, file)| file == crate::build::FACTS && sha == facts_sha)
        })
    }

    /// Records the outputs just written (path and SHA-256) for `inputs`.
    pub fn put_outputs(brief: &Path, inputs: &str, files: &[(PathBuf, String)]) {
        let mut record = format!("{inputs}\n");
        for (path, sha) in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            record.push_str(&format!("{sha} {name}\n"));
        }
        let dir = brief.join(DIR);
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ =
                citebrief_store::fsio::write_if_changed(&dir.join("outputs"), record.as_bytes());
        }
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect_files(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

fn pdf_key(typst_source: &str, typst_version: &str) -> String {
    key(&[typst_version.as_bytes(), typst_source.as_bytes()])
}

/// A key of several parts: their SHA-256, each part prefixed by its length so that no two
/// different lists of parts give the same bytes.
fn key(parts: &[&[u8]]) -> String {
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.len() + 8).sum());
    for p in parts {
        bytes.extend((p.len() as u64).to_le_bytes());
        bytes.extend_from_slice(p);
    }
    sha256_hex(&bytes)
}
