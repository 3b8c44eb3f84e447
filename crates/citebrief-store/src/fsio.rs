//! Reading files within bounds, without following links, and writing them so that a crash
//! never leaves one half-written.
//!
//! A brief folder arrives in archives and clones, links included. Every file citebrief reads
//! of a brief is opened with [`read_limited`] or [`open_regular`]: a symbolic link is refused
//! (not followed), anything but a regular file (a FIFO, a device, a folder) is refused before
//! it is read, and a file larger than its [`Limit`] is refused with the limit named, so that no
//! read can block, run without end or take memory without bound.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

/// How much citebrief reads of one kind of file at most, and what to do about a larger one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    /// What the file is, for the message: `a source`.
    pub what: &'static str,
    /// What to do about a file over the limit.
    pub help: &'static str,
}

/// The bounds of every read of a brief's files.
pub mod limits {
    use super::Limit;

    const MB: u64 = 1 << 20;

    /// An article in `sources/`.
    pub const SOURCE: Limit = Limit {
        bytes: 256 * MB,
        what: "a source",
        help: "split the article into several files, or move it out of sources/",
    };
    /// `brief.yaml`.
    pub const BRIEF_YAML: Limit = Limit {
        bytes: 64 * MB,
        what: "brief.yaml",
        help: "brief.yaml holds settings; is this the right file?",
    };
    /// One file of the template folder.
    pub const TEMPLATE: Limit = Limit {
        bytes: 16 * MB,
        what: "a template",
        help: "templates are small text files; is `templates:` the right folder?",
    };
    /// `facts.yaml` (a brief of 100,000 articles writes about 600 MB).
    pub const FACTS: Limit = Limit {
        bytes: 2048 * MB,
        what: "facts.yaml",
        help: "split the brief into several briefs",
    };
    /// A file of the build cache (`.citebrief-cache/`).
    pub const CACHE: Limit = Limit {
        bytes: 2048 * MB,
        what: "a cache file",
        help: "delete the .citebrief-cache folder (it is safe to delete)",
    };
    /// `brief.md` (read by `verify`) and the Markdown given to `convert`.
    pub const MARKDOWN: Limit = Limit {
        bytes: 1024 * MB,
        what: "a Markdown file",
        help: "is this the right file?",
    };
    /// A PDF or an image for the PDF.
    pub const PDF: Limit = Limit {
        bytes: 1024 * MB,
        what: "a PDF or image",
        help: "leave the image out of the brief, or make it smaller",
    };
    /// A record of a few lines (the cache's records, its key).
    pub const RECORD: Limit = Limit {
        bytes: MB,
        what: "a record",
        help: "delete the .citebrief-cache folder (it is safe to delete)",
    };
}

/// The error for a symbolic link that citebrief will not follow.
pub fn link_error() -> std::io::Error {
    std::io::Error::other(
        "is a symbolic link, which citebrief does not follow (a link can lead out of the brief \
         folder); replace it with the file or folder it points to",
    )
}

fn not_regular_error(meta: &std::fs::Metadata) -> std::io::Error {
    let what = if meta.is_dir() {
        "a folder"
    } else {
        "a FIFO, socket or device"
    };
    std::io::Error::other(format!(
        "is {what}, not a regular file; citebrief reads only regular files (a FIFO or device \
         could block or never end)"
    ))
}

fn too_large_error(size: u64, limit: Limit) -> std::io::Error {
    std::io::Error::other(format!(
        "is {}, more than the {} citebrief reads of {}\n  = help: {}",
        human_size(size),
        human_size(limit.bytes),
        limit.what,
        limit.help
    ))
}

/// `312.5 MB`, `1.0 GB`, `812 bytes`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / (1u64 << 10) as f64),
        b => format!("{b} bytes"),
    }
}

/// True when `e` says the path was a symbolic link that was not followed.
pub fn is_link_error(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return true;
    }
    e.to_string().starts_with("is a symbolic link")
}

/// Opens a regular file for reading without following a link at its last component and
/// without blocking on a FIFO: a link, a FIFO, a device or a folder is an error that says so.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(path)
            .map_err(|e| if is_link_error(&e) { link_error() } else { e })?
    };
    #[cfg(not(unix))]
    let file = {
        if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(link_error());
        }
        File::open(path)?
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular_error(&meta));
    }
    Ok(file)
}

/// Reads a whole regular file of at most `limit` bytes ([`open_regular`]).
pub fn read_limited(path: &Path, limit: Limit) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit.bytes {
        return Err(too_large_error(size, limit));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit.bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.bytes {
        // it grew while being read
        return Err(too_large_error(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// [`read_limited`] as UTF-8 text.
pub fn read_string_limited(path: &Path, limit: Limit) -> std::io::Result<String> {
    String::from_utf8(read_limited(path, limit)?).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "is not UTF-8 text (byte {} is not); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// An error unless `path` is a folder itself (not a link to one).
pub fn check_folder(path: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(link_error());
    }
    if !meta.is_dir() {
        return Err(std::io::Error::other("is not a folder"));
    }
    Ok(())
}

/// An error when `path` is a symbolic link; `Ok` when it is anything else or absent.
pub fn check_not_link(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(link_error()),
        _ => Ok(()),
    }
}

/// Opens (creating it if need be) a file for writing without following a link at its last
/// component; `truncate` empties it.
pub fn create_nofollow(path: &Path, truncate: bool) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(truncate);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    check_not_link(path)?;
    let file = options
        .open(path)
        .map_err(|e| if is_link_error(&e) { link_error() } else { e })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular_error(&meta));
    }
    Ok(file)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place.
/// Returns `false`, and touches nothing, when the file already holds exactly these bytes. A
/// link at `path` is replaced, never written through.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let same = Limit {
        bytes: bytes.len() as u64,
        what: "",
        help: "",
    };
    if let Ok(old) = read_limited(path, same) {
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
    /// The temporary file, removed if the run is interrupted.
    registration: Option<crate::cleanup::Registration>,
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
        let registration = Some(crate::cleanup::temp_path(tmp.path().to_path_buf()));
        Ok(Staging {
            file: Some(BufWriter::with_capacity(1 << 20, tmp)),
            dest: dest.to_path_buf(),
            hasher: Sha256::new(),
            registration,
        })
    }

    /// Only hashes what is written (to compare it with `dest` without writing anything).
    pub fn hash_only(dest: &Path) -> Staging {
        Staging {
            file: None,
            dest: dest.to_path_buf(),
            hasher: Sha256::new(),
            registration: None,
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
            _registration: self.registration,
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
    /// Dropped after the temporary file (fields drop in order).
    _registration: Option<crate::cleanup::Registration>,
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
        self.persist()?;
        Ok(true)
    }

    /// True when the content was written to a temporary file (not only hashed).
    pub fn is_written(&self) -> bool {
        self.tmp.is_some()
    }

    /// Makes the file durable under its temporary name, so that [`Staged::persist`] is a bare
    /// rename. (Renames of a set of files then follow each other closely.)
    pub fn sync(&self) -> std::io::Result<()> {
        match &self.tmp {
            Some(tmp) => tmp.as_file().sync_all(),
            None => Ok(()),
        }
    }

    /// Renames the file into place whatever the destination holds, keeping the mode of the
    /// file it replaces.
    pub fn persist(self) -> std::io::Result<()> {
        let Some(tmp) = self.tmp else {
            return Err(std::io::Error::other(
                "a file that was only hashed cannot be written",
            ));
        };
        // The temporary file is private (0600); give the output the mode the old file had, or
        // the usual one for a new file, so that a rename does not change who can read it.
        let mode = match std::fs::symlink_metadata(&self.dest) {
            Ok(m) if m.is_file() => m.permissions(),
            _ => default_permissions(tmp.as_file())?,
        };
        tmp.as_file().set_permissions(mode)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&self.dest).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Hex SHA-256 of a regular file's content, read a block at a time ([`open_regular`]: a link
/// or a FIFO is an error).
pub fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    std::io::copy(&mut open_regular(path)?, &mut hasher)?;
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
    fn reads_refuse_links_fifos_and_folders_and_name_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "12345").unwrap();
        let limit = |bytes| Limit {
            bytes,
            what: "a test file",
            help: "make it smaller",
        };
        assert_eq!(read_limited(&file, limit(5)).unwrap(), b"12345");
        let big = read_limited(&file, limit(4)).unwrap_err().to_string();
        assert!(big.contains("5 bytes") && big.contains("4 bytes"), "{big}");
        assert!(
            big.contains("a test file") && big.contains("make it smaller"),
            "{big}"
        );

        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let e = read_limited(&link, limit(100)).unwrap_err();
        assert!(
            is_link_error(&e) && e.to_string().contains("symbolic link"),
            "{e}"
        );
        assert!(file_sha256(&link).is_err());
        assert!(check_not_link(&link).is_err() && check_not_link(&file).is_ok());
        assert!(create_nofollow(&link, true).is_err());
        assert_eq!(
            std::fs::read(&file).unwrap(),
            b"12345",
            "not truncated through the link"
        );

        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        // returns at once, without a writer: no read blocks
        let e = read_limited(&fifo, limit(100)).unwrap_err().to_string();
        assert!(e.contains("FIFO"), "{e}");
        let e = read_limited(dir.path(), limit(100))
            .unwrap_err()
            .to_string();
        assert!(e.contains("folder"), "{e}");
        let e = read_limited(Path::new("/dev/zero"), limit(100))
            .unwrap_err()
            .to_string();
        assert!(e.contains("device"), "{e}");

        // a sparse file far over the limit is refused before anything is read
        let sparse = dir.path().join("sparse.txt");
        std::fs::File::create(&sparse)
            .unwrap()
            .set_len(300 << 20)
            .unwrap();
        let e = read_limited(&sparse, limits::SOURCE)
            .unwrap_err()
            .to_string();
        assert!(e.contains("300.0 MB") && e.contains("256.0 MB"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn write_if_changed_replaces_a_link_instead_of_writing_through_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "theirs").unwrap();
        let p = dir.path().join("out.txt");
        std::os::unix::fs::symlink(&target, &p).unwrap();
        assert!(
            write_if_changed(&p, b"theirs").unwrap(),
            "a link is never current"
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
        assert!(!p.is_symlink());
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
