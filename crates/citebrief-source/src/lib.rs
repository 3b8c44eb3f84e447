//! Reads a scraped news page into the article's own lines and sentences.
//!
//! This is the extractor's first stage: bytes on disk become a [`Document`]: decoded text,
//! lines numbered as on disk, which lines are the article body (not page furniture), the page's
//! title, publisher and date, and sentences with byte offsets. Every later citation points into
//! a `Document`, so positions here must be exact.
//!
//! Modules: `decode` (bytes to text), `lines` (line splitting), `body` (article vs page
//! furniture), `meta` and `dates` (title, publisher, date), `segment` (sentences), `overlap`
//! (which sources largely repeat another). Word and phrase lists are data files under `data/`.
//!
//! It must not interpret what the text says (that is `citebrief-extract`), must not know
//! particular sites or pages, and never fails a whole brief for one bad page: problems come
//! back as [`Warning`]s or a [`ReadError`].

mod body;
mod dates;
mod decode;
mod lines;
mod meta;
mod overlap;
mod phrases;
mod segment;

use std::path::Path;

use serde::Serialize;

pub use decode::decode;
pub use lines::split_lines;
pub use overlap::{Fingerprint, Overlap};
pub use segment::segment;

/// A line of the decoded text. `start..end` is its byte range without the line terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Line {
    /// 1-based, counting lines of the file as it lies on disk (LF, CRLF or CR ends).
    pub number: u32,
    pub start: usize,
    pub end: usize,
    /// True when the line belongs to the article itself.
    pub body: bool,
}

/// A sentence. Sentences never cross a line (a citation quotes one line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// 1-based line number.
    pub line: u32,
    /// Byte offsets into [`Document::text`].
    pub start: usize,
    pub end: usize,
}

/// Page metadata as found on the page (or overridden by the brief).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Something worth telling the user that does not stop the brief. The message does not
/// repeat the file name: callers put the file's path in front, as cargo does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
}

/// A source that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// A decoded source page.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name without extension.
    pub id: String,
    /// Decoded text with the original line terminators.
    pub text: String,
    /// Name of the encoding the bytes were read as (`UTF-8`, `UTF-16LE`, `windows-1252`...),
    /// or `binary` for a file that is not text (its `text` is then empty).
    pub encoding: &'static str,
    pub lines: Vec<Line>,
    pub meta: PageMeta,
    /// Sentences of the body lines, in order; none crosses a line.
    pub sentences: Vec<Sentence>,
    pub warnings: Vec<Warning>,
}

impl Document {
    /// The text of line `number` (1-based), without terminator.
    pub fn line_text(&self, number: u32) -> Option<&str> {
        let l = self.lines.get(number.checked_sub(1)? as usize)?;
        Some(&self.text[l.start..l.end])
    }

    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start..s.end]
    }

    /// Inclusive 1-based ranges of body lines. Blank lines between two body lines do not
    /// break a range (they hold no text either way).
    pub fn body_ranges(&self) -> Vec<[u32; 2]> {
        let mut out: Vec<[u32; 2]> = Vec::new();
        let mut blank_since_last = true;
        for l in &self.lines {
            if !l.body {
                blank_since_last &= self.text[l.start..l.end].trim().is_empty();
                continue;
            }
            match out.last_mut() {
                Some(r) if blank_since_last => r[1] = l.number,
                _ => out.push([l.number, l.number]),
            }
            blank_since_last = true;
        }
        out
    }
}

/// Reads one file. The id is the file name without its extension.
pub fn read_path(path: &Path) -> Result<Document, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(read_bytes(&id, &bytes))
}

/// The decoded text of a page and its lines, numbered as the [`Document`] read from the same
/// bytes numbers them (a binary file has no text): what a citation's line points into, without
/// the work of finding the body, the metadata and the sentences.
pub fn text_lines(bytes: &[u8]) -> (String, Vec<Line>) {
    let text = if bytes.is_empty() || decode::looks_binary(bytes) {
        String::new()
    } else {
        decode::decode_checked(bytes).0
    };
    let lines = split_lines(&text);
    (text, lines)
}

/// Reads one page given as bytes, on its own (no cross-source signals).
pub fn read_bytes(id: &str, bytes: &[u8]) -> Document {
    let mut staged = stage(id.to_owned(), bytes);
    finish(&mut staged, false);
    staged.doc
}

/// Reads one page keeping every non-blank line as body (menus and footers included), for
/// looking at a whole file. Title, publisher and date are still read from the article.
pub fn read_bytes_whole(id: &str, bytes: &[u8]) -> Document {
    let mut staged = stage(id.to_owned(), bytes);
    finish(&mut staged, true);
    staged.doc
}

/// Reads the sources of one brief together, so that lines repeated across them count as
/// page furniture. Order is kept. For many sources, [`SharedLines`] and [`read_shared`] give
/// the same documents without holding every source in memory at once.
pub fn read_all(inputs: Vec<(String, Vec<u8>)>) -> Vec<Document> {
    let staged: Vec<Staged> = inputs
        .into_iter()
        .map(|(id, bytes)| stage(id, &bytes))
        .collect();
    let mut counts = body::LineCounts::default();
    for (i, s) in staged.iter().enumerate() {
        counts.add(i, &s.view());
    }
    staged
        .into_iter()
        .map(|mut s| {
            s.mark_shared(&counts);
            finish(&mut s, false);
            s.doc
        })
        .collect()
}

/// The first pass of a streaming read: which lines recur across a brief's sources, counted
/// without keeping the sources. Add every source in order (its [`LineKeys`] can be computed in
/// parallel), then read each with [`read_shared`].
#[derive(Debug, Default)]
pub struct SharedLines {
    counts: body::LineCounts,
    added: usize,
}

/// What [`SharedLines`] needs of one source: hashes of its candidate lines.
#[derive(Debug, Clone, Default)]
pub struct LineKeys(Vec<u64>);

impl LineKeys {
    pub fn of(bytes: &[u8]) -> LineKeys {
        LineKeys(body::keys(&stage(String::new(), bytes).view()))
    }
}

impl SharedLines {
    pub fn new() -> SharedLines {
        SharedLines::default()
    }

    /// Counts the lines of the next source.
    pub fn add(&mut self, keys: &LineKeys) {
        self.counts.add_keys(self.added, &keys.0);
        self.added += 1;
    }
}

/// Reads one source of a brief whose sources were all counted in `shared`: the same
/// [`Document`] as [`read_all`] gives for it.
pub fn read_shared(id: &str, bytes: &[u8], shared: &SharedLines) -> Document {
    let mut s = stage(id.to_owned(), bytes);
    s.mark_shared(&shared.counts);
    finish(&mut s, false);
    s.doc
}

/// A document decoded and split, its lines classified but not yet chosen.
struct Staged {
    doc: Document,
    classes: Vec<body::Class>,
}

impl Staged {
    fn view(&self) -> body::Source<'_> {
        (
            self.doc.text.as_str(),
            &self.doc.lines[..],
            &self.classes[..],
        )
    }

    /// Lines that other sources of the brief hold too become furniture.
    fn mark_shared(&mut self, counts: &body::LineCounts) {
        for i in counts.shared(&self.view()) {
            self.classes[i].kind = body::Kind::Furniture;
        }
    }
}

fn stage(id: String, bytes: &[u8]) -> Staged {
    let mut warnings = Vec::new();
    let mut warn = |message: String| warnings.push(Warning { message });
    let (text, encoding) = if bytes.is_empty() {
        warn("empty file: there is no article text to read".into());
        (String::new(), encoding_rs::UTF_8.name())
    } else if decode::looks_binary(bytes) {
        warn("binary data (NUL or control bytes), not a text page: skipped; remove it from the sources".into());
        (String::new(), "binary")
    } else {
        let (text, encoding, malformed) = decode::decode_checked(bytes);
        if malformed {
            warn(format!("some bytes are not valid {encoding} and were read as U+FFFD; save the file as UTF-8"));
        }
        if text.trim().is_empty() {
            warn("only whitespace: there is no article text to read".into());
        }
        (text, encoding)
    };
    let lines = split_lines(&text);
    let classes = body::classify(&text, &lines);
    let doc = Document {
        id,
        text,
        encoding,
        lines,
        meta: PageMeta::default(),
        sentences: Vec::new(),
        warnings,
    };
    Staged { doc, classes }
}

/// Chooses the body lines (all non-blank ones when `whole`), reads metadata and sentences.
fn finish(s: &mut Staged, whole: bool) {
    let doc = &mut s.doc;
    for (line, body) in doc.lines.iter_mut().zip(body::select(&s.classes)) {
        line.body = body;
    }
    let found_article = doc.lines.iter().any(|l| l.body);
    if !found_article && !doc.text.trim().is_empty() {
        doc.warnings.push(Warning {
            message: format!(
                "no article text found: its {} lines look like menus, link lists or footers; check that the file holds the article",
                doc.lines.len()
            ),
        });
    }
    doc.meta = meta::extract(&doc.text, &doc.lines, &s.classes);
    if whole {
        for (line, class) in doc.lines.iter_mut().zip(&s.classes) {
            line.body = class.kind != body::Kind::Blank;
        }
    }
    doc.sentences = doc
        .lines
        .iter()
        .filter(|l| l.body)
        .flat_map(|l| {
            segment(&doc.text[l.start..l.end])
                .into_iter()
                .map(move |(a, b)| Sentence {
                    line: l.number,
                    start: l.start + a,
                    end: l.start + b,
                })
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines `text_lines` gives are those of the document read from the same bytes, so a
    /// citation's line number points into both alike.
    #[test]
    fn text_lines_number_lines_as_a_document_does() {
        for bytes in [
            &b"Title\r\nFirst line.\rSecond\n\nLast"[..],
            "\u{feff}caf\u{e9} cr\u{e8}me\n".as_bytes(),
            b"\xff\xfeA\x00\n\x00",
            b"",
            b"bin\x00ary\nfile",
        ] {
            let doc = read_bytes("x", bytes);
            let (text, lines) = text_lines(bytes);
            assert_eq!(text, doc.text);
            let plain = |ls: &[Line]| -> Vec<(u32, usize, usize)> {
                ls.iter().map(|l| (l.number, l.start, l.end)).collect()
            };
            assert_eq!(plain(&lines), plain(&doc.lines));
        }
    }
}
