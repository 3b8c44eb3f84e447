//! Writing files so that a crash never leaves one half-written.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place.
/// Returns `false`, and touches nothing, when the file already holds exactly these bytes.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if let Ok(old) = std::fs::read(path) {
        if old == bytes {
            return Ok(false);
        }
    }
    let mut staging = Staging::new(path)?;
    staging.write_all(bytes)?;
    staging.finish()?.commit()
}

/// A file being written: hashed as it is written and, unless it is only hashed, written under
/// a temporary name beside its destination, so that outputs too large to hold in memory can
/// still be put in place whole or not at all ([`Staged::commit`]).
pub struct Staging {
    file: Option<BufWriter<NamedTempFile>>,
    dest: PathBuf,
    hasher: Sha256,
}

impl Staging {
    /// Writes to a temporary file in `dest`'s folder.
    pub fn new(dest: &Path) -> std::io::Result<Staging> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(Staging {
            file: Some(BufWriter::with_capacity(1 << 20, tmp)),
            dest: dest.to_path_buf(),
            hasher: Sha256::new(),
        })
    }

    /// Only hashes what is written (to compare it with `dest` without writing anything).
    pub fn hash_only(dest: &Path) -> Staging {
        Staging {
            file: None,
            dest: dest.to_path_buf(),
            hasher: Sha256::new(),
        }
    }

    pub fn finish(self) -> std::io::Result<Staged> {
        let tmp = match self.file {
            Some(f) => Some(f.into_inner().map_err(|e| e.into_error())?),
            None => None,
        };
        Ok(Staged {
            tmp,
            dest: self.dest,
            sha256: format!("{:x}", self.hasher.finalize()),
        })
    }
}

impl Write for Staging {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(f) = &mut self.file {
            f.write_all(buf)?;
        }
        self.hasher.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

/// A file written in full, waiting to be renamed into place; dropped, it leaves no trace.
pub struct Staged {
    tmp: Option<NamedTempFile>,
    pub dest: PathBuf,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

impl Staged {
    /// True when the destination already holds exactly this content.
    pub fn is_current(&self) -> bool {
        file_sha256(&self.dest).is_ok_and(|sha| sha == self.sha256)
    }

    /// Renames the file into place, keeping the mode of the file it replaces; returns `false`,
    /// and touches nothing, when the destination already holds this content.
    pub fn commit(self) -> std::io::Result<bool> {
        if self.is_current() {
            return Ok(false);
        }
        let Some(tmp) = self.tmp else {
            return Err(std::io::Error::other(
                "a file that was only hashed cannot be written",
            ));
        };
        // The temporary file is private (0600); give the output the mode the old file had, or
        // the usual one for a new file, so that a rename does not change who can read it.
        let mode = match std::fs::metadata(&self.dest) {
            Ok(m) => m.permissions(),
            Err(_) => default_permissions(tmp.as_file())?,
        };
        tmp.as_file().set_permissions(mode)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&self.dest).map_err(|e| e.error)?;
        Ok(true)
    }
}

/// Hex SHA-256 of a file's content, read a block at a time.
pub fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut hasher)?;
    Ok(format!("{:x}", hasher.finalize()))
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_reports_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        assert!(write_if_changed(&p, b"one").unwrap());
        assert!(!write_if_changed(&p, b"one").unwrap());
        assert!(write_if_changed(&p, b"two").unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // no temporary files left behind
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn staged_files_appear_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.yaml");
        std::fs::write(&p, "old").unwrap();
        let mut s = Staging::new(&p).unwrap();
        s.write_all(b"new ").unwrap();
        s.write_all(b"text").unwrap();
        let staged = s.finish().unwrap();
        assert_eq!(staged.sha256, crate::sha256_hex(b"new text"));
        assert!(!staged.is_current());
        assert_eq!(
            std::fs::read(&p).unwrap(),
            b"old",
            "nothing replaced before commit"
        );
        assert!(staged.commit().unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"new text");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        // the same content again: reported unchanged, nothing left behind
        let mut s = Staging::new(&p).unwrap();
        s.write_all(b"new text").unwrap();
        assert!(!s.finish().unwrap().commit().unwrap());
        // dropped without commit: no trace
        let mut s = Staging::new(&p).unwrap();
        s.write_all(b"other").unwrap();
        drop(s.finish().unwrap());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_eq!(std::fs::read(&p).unwrap(), b"new text");
    }

    #[test]
    fn hashing_only_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "same").unwrap();
        let mut s = Staging::hash_only(&p);
        s.write_all(b"same").unwrap();
        let staged = s.finish().unwrap();
        assert!(staged.is_current());
        assert_eq!(file_sha256(&p).unwrap(), staged.sha256);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others_and_old_modes_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_if_changed(&p, b"one").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_if_changed(&p, b"two").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o664
        );
    }
}
