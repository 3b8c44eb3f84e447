//! Reads a scraped news page into the article's own lines and sentences.
//!
//! This is the extractor's first stage: bytes on disk become a [`Document`]: decoded text,
//! lines numbered as on disk, which lines are the article body (not page furniture), the page's
//! title, publisher and date, and sentences with byte offsets. Every later citation points into
//! a `Document`, so positions here must be exact.
//!
//! It must not interpret what the text says (that is `citebrief-extract`) and never fails a
//! whole brief for one bad page: problems come back as [`Warning`]s or a [`ReadError`].

use std::path::Path;

use serde::Serialize;

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

/// Something worth telling the user that does not stop the brief.
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
    /// Name of the encoding the bytes were read as (`UTF-8`, `UTF-16LE`, `windows-1252`...).
    pub encoding: &'static str,
    pub lines: Vec<Line>,
    pub meta: PageMeta,
    /// Sentences of the body lines, in order.
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

    /// Inclusive 1-based ranges of body lines.
    pub fn body_ranges(&self) -> Vec<[u32; 2]> {
        let mut out: Vec<[u32; 2]> = Vec::new();
        for l in self.lines.iter().filter(|l| l.body) {
            match out.last_mut() {
                Some(r) if r[1] + 1 == l.number => r[1] = l.number,
                _ => out.push([l.number, l.number]),
            }
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

/// Reads one page given as bytes, on its own (no cross-source signals).
pub fn read_bytes(id: &str, bytes: &[u8]) -> Document {
    read_all(vec![(id.to_string(), bytes.to_vec())])
        .pop()
        .expect("one document in, one out")
}

/// Reads the sources of one brief together, so that lines repeated across them count as
/// page furniture. Order is kept.
pub fn read_all(inputs: Vec<(String, Vec<u8>)>) -> Vec<Document> {
    inputs
        .into_iter()
        .map(|(id, bytes)| {
            let (text, encoding) = decode(&bytes);
            let lines = split_lines(&text);
            let mut doc = Document {
                id,
                text,
                encoding,
                lines,
                meta: PageMeta::default(),
                sentences: Vec::new(),
                warnings: Vec::new(),
            };
            for l in &mut doc.lines {
                l.body = doc.text[l.start..l.end].trim().len() > 40;
            }
            doc.sentences = doc
                .lines
                .iter()
                .filter(|l| l.body)
                .flat_map(|l| naive_sentences(&doc.text, l))
                .collect();
            doc
        })
        .collect()
}

/// Decodes bytes: BOM first, then UTF-8, then a detector for legacy encodings.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc.name());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), "UTF-8");
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name())
}

/// Splits at LF, CRLF and CR.
pub fn split_lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i, mut n) = (0usize, 0usize, 1u32);
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            out.push(Line { number: n, start, end: i, body: false });
            n += 1;
            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            start = i;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(Line { number: n, start, end: b.len(), body: false });
    }
    out
}

fn naive_sentences(text: &str, l: &Line) -> Vec<Sentence> {
    let s = &text[l.start..l.end];
    let mut out = Vec::new();
    let mut begin = 0;
    let bytes = s.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        if matches!(c, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            push_trimmed(&mut out, l, s, begin, i + 1);
            begin = i + 1;
        }
    }
    push_trimmed(&mut out, l, s, begin, s.len());
    out
}

fn push_trimmed(out: &mut Vec<Sentence>, l: &Line, s: &str, a: usize, b: usize) {
    let piece = &s[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if a + lead < b - trail {
        out.push(Sentence { line: l.number, start: l.start + a + lead, end: l.start + b - trail });
    }
}
