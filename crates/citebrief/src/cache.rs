//! The build cache of a brief: `.citebrief-cache/` in the brief folder, never committed.
//!
//! Extraction results are kept per source, keyed by everything they depend on (the source's
//! bytes and id, its body lines and metadata, the lexicon, this binary), so that touching one
//! source of a large brief re-extracts only that one. The PDF is keyed by its complete Typst
//! source and the typst version and flags, so an unchanged brief is not compiled again (a brief
//! whose Markdown shows images is always compiled, since the image files are not in the key).
//! Deleting the folder is always safe.
//!
//! The cache arrives with the brief in archives and clones, so nothing in it is trusted: every
//! key includes a secret of this user ([`secret`], kept outside the brief), and every record
//! (`basis.json`, `outputs`, `pdf`) is sealed with it, so that a cache made elsewhere, or
//! crafted, is a miss. No link in the cache is followed: the cache folder itself may not be
//! one, and links inside it are removed (the links, not what they point to).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use citebrief_extract::DocFacts;
use citebrief_store::fsio::{self, file_sha256, limits};
use citebrief_store::{sha256_hex, FactStore};

use crate::ui;

pub const DIR: &str = ".citebrief-cache";

/// The file of the cache folder that holds the merge basis of facts.yaml.
const BASIS: &str = "basis.json";

pub struct Cache {
    dir: PathBuf,
    /// When false (`--check`), the cache is read but never written.
    write: bool,
    /// False when `facts/` is a link that `--check` may not remove: extractions are then not
    /// taken from the cache.
    facts_usable: bool,
    fingerprint: String,
    /// What else a source's facts depend on: the subject presumed from all the sources when
    /// brief.yaml names none ([`Cache::set_reading`]).
    reading: String,
    /// This user's secret ([`secret`]): seals the cache's records.
    secret: [u8; 32],
}

impl Cache {
    /// The cache of the brief folder `brief`. An error when `.citebrief-cache` is a link; links
    /// inside it are removed with a warning (when `write`).
    pub fn new(
        brief: &Path,
        write: bool,
        lexicon_extra: Option<&serde_yaml::Value>,
    ) -> Result<Cache> {
        let dir = brief.join(DIR);
        fsio::check_not_link(&dir).map_err(|e| {
            anyhow!(
                "{}: {e}\n  = help: remove the link; citebrief keeps its cache in a folder of \
                 the brief, which is safe to delete",
                dir.display()
            )
        })?;
        let facts_usable = sanitize(&dir, write);
        let secret = secret();
        // The binary's identity: a rebuilt citebrief may extract differently.
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        let lexicon = lexicon_extra
            .map(|v| serde_yaml::to_string(v).unwrap_or_default())
            .unwrap_or_default();
        let version = env!("CARGO_PKG_VERSION");
        let fingerprint = key(&[
            version.as_bytes(),
            exe.as_bytes(),
            lexicon.as_bytes(),
            &secret,
        ]);
        Ok(Cache {
            dir,
            write,
            facts_usable,
            fingerprint,
            reading: String::new(),
            secret,
        })
    }

    /// Reads a record written by [`Cache::put_sealed`], if its seal holds.
    fn get_sealed(&self, name: &str) -> Option<Vec<u8>> {
        let limit = if name == BASIS {
            limits::CACHE
        } else {
            limits::RECORD
        };
        let bytes = fsio::read_limited(&self.dir.join(name), limit).ok()?;
        let nl = bytes.iter().position(|&b| b == b'\n')?;
        let (seal, body) = (&bytes[..nl], &bytes[nl + 1..]);
        (seal == hmac(&self.secret, &[name.as_bytes(), body]).as_bytes()).then(|| body.to_vec())
    }

    /// Writes a record sealed with this user's secret. (Most callers ignore a failure: a
    /// cache that cannot be written only costs time later.)
    fn put_sealed(&self, name: &str, body: &[u8]) -> std::io::Result<()> {
        if !self.write {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        let mut bytes = hmac(&self.secret, &[name.as_bytes(), body]).into_bytes();
        bytes.push(b'\n');
        bytes.extend_from_slice(body);
        fsio::write_if_changed(&self.dir.join(name), &bytes).map(drop)
    }

    /// The folder for a build's temporary folders (typst's), emptied by the next build.
    pub fn tmp_dir(&self) -> PathBuf {
        self.dir.join(TMP)
    }

    /// The key of one source's extraction.
    pub fn facts_key(&self, id: &str, sha256: &str, doc: &citebrief_source::Document) -> String {
        let body_and_meta = format!("{:?}{:?}", doc.body_ranges(), doc.meta);
        key(&[
            self.fingerprint.as_bytes(),
            self.reading.as_bytes(),
            id.as_bytes(),
            sha256.as_bytes(),
            body_and_meta.as_bytes(),
        ])
    }

    /// Keys each source's facts also by the subject presumed from all the sources (a source
    /// added to a brief can change it).
    pub fn set_reading(&mut self, presumed: &str) {
        self.reading = presumed.to_string();
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
        if !self.facts_usable {
            return None;
        }
        let bytes = fsio::read_limited(&self.facts_path(key), limits::CACHE).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores one source's facts; a cache that cannot be written only costs time later.
    ///
    /// The entry is written in place, neither synced nor renamed: syncing or renaming each of
    /// a large brief's hundred thousand entries took most of a build, and an entry that a
    /// crash leaves cut short is not valid JSON, which [`Cache::get_facts`] takes for a miss.
    /// No link is followed: when a folder of the path, or the entry, is a link, the entry is
    /// not written.
    pub fn put_facts(&self, key: &str, facts: &DocFacts) {
        if !self.write || !self.facts_usable {
            return;
        }
        let Ok(json) = serde_json::to_vec(facts) else {
            return;
        };
        let path = self.facts_path(key);
        let write = || -> std::io::Result<()> {
            let shard = path.parent().unwrap_or(&self.dir);
            for dir in [&self.dir, &self.dir.join("facts"), shard] {
                match std::fs::symlink_metadata(dir) {
                    Ok(m) if m.is_dir() => {}
                    Ok(_) => return Err(fsio::link_error()),
                    Err(_) => match std::fs::create_dir(dir) {
                        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
                        _ => {}
                    },
                }
            }
            std::io::Write::write_all(&mut fsio::create_nofollow(&path, true)?, &json)
        };
        let _ = write();
    }

    /// Removes cached extractions that no source of the brief uses any more. A link in the
    /// cache is removed itself, never followed.
    pub fn prune_facts(&self, used: &BTreeSet<String>) {
        if !self.write || !self.facts_usable {
            return;
        }
        let facts = self.dir.join("facts");
        if fsio::check_folder(&facts).is_err() {
            return;
        }
        let Ok(shards) = std::fs::read_dir(&facts) else {
            return;
        };
        for shard in shards.flatten() {
            if !shard.file_type().is_ok_and(|t| t.is_dir()) {
                // an entry of an older layout, or a link: removed itself
                let _ = std::fs::remove_file(shard.path());
                continue;
            }
            let Ok(entries) = std::fs::read_dir(shard.path()) else {
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
        let record = String::from_utf8(self.get_sealed("pdf")?).ok()?;
        let (key, sha) = record.trim().split_once(' ')?;
        if key != self.pdf_key(typst_source, typst_version) {
            return None;
        }
        let bytes = fsio::read_limited(pdf, limits::PDF).ok()?;
        (sha256_hex(&bytes) == sha).then_some(bytes)
    }

    pub fn put_pdf(&self, typst_source: &str, typst_version: &str, bytes: &[u8]) {
        let record = format!(
            "{} {}\n",
            self.pdf_key(typst_source, typst_version),
            sha256_hex(bytes)
        );
        let _ = self.put_sealed("pdf", record.as_bytes());
    }

    fn pdf_key(&self, typst_source: &str, typst_version: &str) -> String {
        key(&[
            self.fingerprint.as_bytes(),
            typst_version.as_bytes(),
            typst_source.as_bytes(),
        ])
    }

    /// A key of everything a build reads but facts.yaml: this binary, brief.yaml, every
    /// template, each source's file name and SHA-256, and what is made (`made`: the typst
    /// version, and whether brief.html is). (facts.yaml is
    /// also an output: [`Cache::get_outputs`] checks that it is as the last build wrote it, so an
    /// analyst's edit there makes the next build a full one.)
    pub fn inputs_key(
        &self,
        brief: &Path,
        templates: Option<&Path>,
        files: &[crate::build::SourceFile],
        shas: &[String],
        made: &str,
    ) -> Result<String> {
        let brief_yaml_path = brief.join("brief.yaml");
        let brief_yaml = fsio::read_limited(&brief_yaml_path, limits::BRIEF_YAML)
            .map_err(|e| anyhow!("{}: cannot read: {e}", brief_yaml_path.display()))?;
        // the built-in templates are part of the binary, which the fingerprint keys
        let tpl = match templates {
            Some(t) => template_files(t)?,
            None => Vec::new(),
        };
        let templates = templates.unwrap_or(Path::new(""));
        let mut tpl_parts = Vec::with_capacity(tpl.len() * 2);
        for p in &tpl {
            let name = p.strip_prefix(templates).unwrap_or(p).to_string_lossy();
            tpl_parts.push(name.as_bytes().to_vec());
            tpl_parts.push(
                fsio::read_limited(p, limits::TEMPLATE)
                    .map_err(|e| anyhow!("{}: cannot read the template: {e}", p.display()))?,
            );
        }
        let mut parts: Vec<&[u8]> = vec![self.fingerprint.as_bytes(), made.as_bytes(), &brief_yaml];
        parts.extend(tpl_parts.iter().map(Vec::as_slice));
        for (f, sha) in files.iter().zip(shas) {
            parts.push(f.file.as_bytes());
            parts.push(sha.as_bytes());
        }
        Ok(key(&parts))
    }

    /// The last build's record: its inputs key, then each output's SHA-256 and file name.
    fn recorded_outputs(&self) -> Option<(String, Vec<(String, String)>)> {
        let record = String::from_utf8(self.get_sealed("outputs")?).ok()?;
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

    /// The `want` outputs of the last build (path and SHA-256), when it had exactly these
    /// inputs and no output has been changed on disk since (the source pages of brief.html,
    /// `html/`, are one output, hashed as [`crate::pages::tree_sha256_on_disk`] hashes them).
    pub fn get_outputs(
        &self,
        inputs: &str,
        brief: &Path,
        want: usize,
    ) -> Option<Vec<(PathBuf, String)>> {
        let (recorded, outputs) = self.recorded_outputs()?;
        if recorded != inputs || outputs.len() != want {
            return None;
        }
        let mut out = Vec::new();
        for (sha, name) in outputs {
            let path = brief.join(&name);
            let on_disk = if name == citebrief_render::HTML_DIR {
                crate::pages::tree_sha256_on_disk(&path)?
            } else {
                file_sha256(&path).ok()?
            };
            if on_disk != sha {
                return None;
            }
            out.push((path, sha));
        }
        Some(out)
    }

    /// The merge basis ([`citebrief_store::merge_basis`]) of the facts.yaml whose SHA-256 is
    /// `facts_sha`, when the last build left one for exactly that file: reading it is much
    /// faster, and takes much less memory, than reading a large brief's facts.yaml.
    pub fn get_basis(&self, facts_sha: &str) -> Option<FactStore> {
        let bytes = self.get_sealed(BASIS)?;
        let (sha, json) = bytes.split_at(bytes.iter().position(|&b| b == b'\n')?);
        if sha != facts_sha.as_bytes() {
            return None;
        }
        serde_json::from_slice(json).ok()
    }

    /// Keeps the merge basis of the facts.yaml whose SHA-256 is `facts_sha`.
    pub fn put_basis(&self, facts_sha: &str, basis: &FactStore) {
        let mut bytes = format!("{facts_sha}\n").into_bytes();
        if serde_json::to_writer(&mut bytes, basis).is_ok() {
            let _ = self.put_sealed(BASIS, &bytes);
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
    pub fn put_outputs(&self, inputs: &str, files: &[(PathBuf, String)]) {
        let mut record = format!("{inputs}\n");
        for (path, sha) in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            record.push_str(&format!("{sha} {name}\n"));
        }
        let _ = self.put_sealed("outputs", record.as_bytes());
    }

    /// Records, before the first of them is renamed into place, the outputs a build is about
    /// to replace: until [`Cache::put_outputs`] records them done, the set on disk may be
    /// mixed, and the next build (or `--check`, or `verify`) says so. This record must be
    /// written: without it, a crash between the renames could go unnoticed.
    pub fn put_pending(&self, files: &[(PathBuf, String)]) -> std::io::Result<()> {
        let mut record = format!("{PENDING}\n");
        for (path, sha) in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            record.push_str(&format!("{sha} {name}\n"));
        }
        self.put_sealed("outputs", record.as_bytes())
    }

    /// The outputs a build was replacing when it stopped, if the last build stopped between
    /// its renames ([`Cache::put_pending`]).
    pub fn interrupted(&self) -> Option<Vec<String>> {
        let (inputs, outputs) = self.recorded_outputs()?;
        (inputs == PENDING).then(|| outputs.into_iter().map(|(_, name)| name).collect())
    }
}

/// The first line of the outputs record while a build replaces its outputs.
const PENDING: &str = "pending";

/// The folder of the cache that holds a build's temporary folders.
pub const TMP: &str = "tmp";

/// Removes links from the cache folder `dir` (the links themselves, with a warning), so that
/// nothing written to the cache or deleted from it goes through one. Returns whether `facts/`
/// can be used: with `write` false nothing is removed, and a link there makes it unusable.
fn sanitize(dir: &Path, write: bool) -> bool {
    let facts = dir.join("facts");
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let links_in = |d: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(d)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_symlink()))
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut links = links_in(dir);
    if !is_link(&facts) {
        links.extend(links_in(&facts));
    }
    let mut usable = true;
    for link in &links {
        if write && std::fs::remove_file(link).is_ok() {
            ui::warning(format!(
                "{}: removed: was a symbolic link, which citebrief does not follow in its cache",
                link.display()
            ));
        } else {
            ui::warning(format!(
                "{}: is a symbolic link, which citebrief does not follow; the cache is not used \
                 through it (remove the link)",
                link.display()
            ));
            usable = false;
        }
    }
    usable
}

/// The most files a template folder may hold, and how deep its folders may nest.
const TEMPLATE_FILES: usize = 1000;
const TEMPLATE_DEPTH: usize = 8;

/// Every file of the template folder, sorted: no link (inside the folder, a link is an error
/// naming it), no FIFO or device, at most [`TEMPLATE_FILES`] files [`TEMPLATE_DEPTH`] folders
/// deep.
pub fn template_files(templates: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    collect_files(templates, 0, &mut out)?;
    out.sort();
    Ok(out)
}

fn collect_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    let unreadable = |e: std::io::Error| {
        anyhow!(
            "{}: cannot read the template folder: {e}\n  = help: set `templates:` in brief.yaml \
             to a folder you can read",
            dir.display()
        )
    };
    for e in std::fs::read_dir(dir).map_err(unreadable)? {
        let e = e.map_err(unreadable)?;
        let p = e.path();
        let kind = e
            .file_type()
            .map_err(|err| anyhow!("{}: cannot read: {err}", p.display()))?;
        if kind.is_symlink() {
            return Err(anyhow!(
                "{}: {}\n  = help: templates are read only from their own folder",
                p.display(),
                fsio::link_error()
            ));
        } else if kind.is_dir() {
            if depth >= TEMPLATE_DEPTH {
                return Err(anyhow!(
                    "{}: the template folder nests more than {TEMPLATE_DEPTH} folders deep; is \
                     `templates:` the right folder?",
                    p.display()
                ));
            }
            collect_files(&p, depth + 1, out)?;
        } else if kind.is_file() {
            out.push(p);
            if out.len() > TEMPLATE_FILES {
                return Err(anyhow!(
                    "{}: the template folder holds more than {TEMPLATE_FILES} files; is \
                     `templates:` the right folder?",
                    dir.display()
                ));
            }
        } else {
            return Err(anyhow!(
                "{}: is a FIFO, socket or device, not a regular file\n  = help: remove it from \
                 the template folder",
                p.display()
            ));
        }
    }
    Ok(())
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

/// HMAC-SHA-256 (RFC 2104) of the parts (each prefixed by its length), in hex: a seal only the
/// holder of `secret` can make.
fn hmac(secret: &[u8; 32], parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(secret);
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let mut inner = Sha256::new();
    inner.update(pad(0x36));
    for p in parts {
        inner.update((p.len() as u64).to_le_bytes());
        inner.update(p);
    }
    let mut outer = Sha256::new();
    outer.update(pad(0x5c));
    outer.update(inner.finalize());
    outer
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// This user's cache secret: 32 random bytes kept in `$XDG_CACHE_HOME/citebrief/key` (or
/// `~/.cache/citebrief/key`), made on first use, readable by this user only. A brief's cache is
/// keyed and sealed with it, so that a cache that came with an archive or a clone, or was
/// crafted, is never taken for this user's. Where it cannot be kept, a secret of this run
/// only is used (with a warning): the cache is then not reused.
fn secret() -> [u8; 32] {
    static SECRET: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    *SECRET.get_or_init(|| match load_or_make_secret() {
        Ok(s) => s,
        Err(why) => {
            ui::warning(format!(
                "{why}; the build cache is not reused between runs (set XDG_CACHE_HOME or HOME \
                 to a folder of yours)"
            ));
            let mut s = [0u8; 32];
            if getrandom::fill(&mut s).is_err() {
                // no randomness: a value of this process, never written anywhere
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or_default();
                let h = sha256_hex(format!("{t}:{}", std::process::id()).as_bytes());
                s.copy_from_slice(&h.as_bytes()[..32]);
            }
            s
        }
    })
}

fn secret_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .map(|h| h.join(".cache"))
        })?;
    Some(base.join("citebrief").join("key"))
}

/// 32 bytes from 64 hex digits.
fn parse_secret(bytes: &[u8]) -> Option<[u8; 32]> {
    let hex = std::str::from_utf8(bytes).ok()?.trim();
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The secret at `path`: `None` when there is none (or it is not one); an error when it is
/// there but not this user's alone.
fn read_secret(path: &Path) -> std::result::Result<Option<[u8; 32]>, String> {
    let file = match fsio::open_regular(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = file
            .metadata()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me || meta.mode() & 0o077 != 0 {
            return Err(format!(
                "{}: belongs to another user or can be read by others, so it is not a secret",
                path.display()
            ));
        }
    }
    drop(file);
    let bytes =
        fsio::read_limited(path, limits::RECORD).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse_secret(&bytes))
}

fn load_or_make_secret() -> std::result::Result<[u8; 32], String> {
    let path = secret_path().ok_or("neither XDG_CACHE_HOME nor HOME is set")?;
    if let Some(s) = read_secret(&path)? {
        return Ok(s);
    }
    // Make one: written whole under a temporary name, then linked into place unless another
    // run was first, in which case that one is read.
    let dir = path.parent().ok_or("no folder for the cache key")?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let mut s = [0u8; 32];
    getrandom::fill(&mut s).map_err(|e| format!("no random numbers for the cache key: {e}"))?;
    let hex: String = s.iter().map(|b| format!("{b:02x}")).collect();
    let mut tmp = tempfile::Builder::new()
        .prefix(".key.")
        .tempfile_in(dir)
        .map_err(|e| format!("{}: cannot write: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, format!("{hex}\n").as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{}: cannot write: {e}", dir.display()))?;
    match tmp.persist_noclobber(&path) {
        Ok(_) => Ok(s),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => read_secret(&path)?
            .ok_or_else(|| {
                format!(
                    "{}: is not a cache key (64 hex digits); delete it",
                    path.display()
                )
            }),
        Err(e) => Err(format!("{}: cannot write: {}", path.display(), e.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_depend_on_the_secret_and_on_every_part() {
        // Same parts, same secret: same seal; another secret or other parts: another seal.
        let a = [7u8; 32];
        let b = [8u8; 32];
        let seal = hmac(&a, &[b"outputs", b"body"]);
        assert_eq!(seal.len(), 64);
        assert_eq!(seal, hmac(&a, &[b"outputs", b"body"]));
        assert_ne!(seal, hmac(&b, &[b"outputs", b"body"]));
        assert_ne!(seal, hmac(&a, &[b"outputs", b"bodz"]));
        assert_ne!(seal, hmac(&a, &[b"output", b"sbody"]));
    }

    #[test]
    fn a_secret_reads_back_from_its_hex() {
        let hex: String = (0..32u8).map(|b| format!("{b:02x}")).collect();
        let s = parse_secret(format!("{hex}\n").as_bytes()).unwrap();
        assert_eq!(s[31], 31);
        assert!(parse_secret(b"abc").is_none());
        assert!(parse_secret(&[b'g'; 64]).is_none());
    }
}
