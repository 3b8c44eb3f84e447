//! Sentence boundaries inside one paragraph of text.
//!
//! The rules, in order of application:
//! - A numbered or lettered list ("1.) a 2.) b", "• 9. a • 10. b", "a. x b. y") breaks before
//!   each item, and the item marker itself never ends a sentence. Markers count only when a
//!   neighbour carries the next or previous number, so a lone "2." in prose is not a list.
//! - A blank line (two line ends) always breaks.
//! - A run of `.`, `!`, `?`, `…` (spaced dots ". . ." included) and the closing quotes or
//!   brackets right after it can end a sentence only when whitespace follows and the next
//!   word (after opening quotes) does not start in lower case.
//! - `!` or `?` then ends it. Three dots are an omission inside a sentence. Four dots are an
//!   ellipsis plus a full stop; when the first is attached to a word and the rest are spaced
//!   ("words. . . . Next"), the sentence ends after the first and the ellipsis opens the next.
//! - One period ends a sentence unless the word before it is a title ("Mr.", "Mt.": never), an
//!   enumerator at the start ("1."), or an abbreviation, initial or dotted acronym ("Co.",
//!   "E.", "U.S."), which ends a sentence only before a common sentence starter ("It", "The").
//!
//! The word lists live in `data/abbreviations.txt` and `data/starters.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

struct Words {
    titles: HashSet<&'static str>,
    abbrevs: HashSet<&'static str>,
    starters: HashSet<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut titles = HashSet::new();
    let mut abbrevs = HashSet::new();
    let mut section = "";
    for line in data_lines(include_str!("../data/abbreviations.txt")) {
        if line.starts_with('[') {
            section = line;
        } else if section == "[title]" {
            titles.insert(line);
        } else {
            abbrevs.insert(line);
        }
    }
    let starters = data_lines(include_str!("../data/starters.txt")).collect();
    Words {
        titles,
        abbrevs,
        starters,
    }
});

/// Non-empty lines of a data file, comments (`#`) removed.
pub(crate) fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// Bytes the scanner stops at: line ends, terminators, and the lead byte of `…`.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let bytes = b"\n\r.!?\xE2";
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

const CLOSERS: [char; 7] = ['"', '\'', ')', ']', '’', '”', '»'];
const OPENERS: [char; 7] = ['"', '\'', '“', '‘', '«', '(', '['];
const BULLETS: [char; 10] = ['•', '⁃', '‣', '◦', '▪', '●', '·', '-', '*', '–'];

/// Sentence byte ranges of one paragraph of text, each trimmed of surrounding whitespace.
/// Ranges are in order, do not overlap and lie on char boundaries.
pub fn segment(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let markers = list_markers(text);
    let mut markers = markers.iter().peekable();
    let mut out = Vec::new();
    let (mut start, mut i) = (0usize, 0usize);
    while i < b.len() {
        if let Some(m) = markers.next_if(|m| m.split <= i) {
            push(&mut out, text, start, m.split);
            start = m.split;
            i = i.max(m.end);
            continue;
        }
        let stop = markers.peek().map_or(b.len(), |m| m.split);
        match b[i..stop].iter().position(|&c| SPECIAL[usize::from(c)]) {
            Some(skip) => i += skip,
            None => {
                i = stop;
                continue;
            }
        }
        match b[i] {
            b'\n' | b'\r' => {
                let (j, ends) = skip_blank(b, i);
                if ends >= 2 {
                    push(&mut out, text, start, i);
                    start = j;
                }
                i = j;
            }
            b'.' | b'!' | b'?' => i = terminator(text, &mut out, &mut start, i),
            _ if b[i..].starts_with("…".as_bytes()) => {
                i = terminator(text, &mut out, &mut start, i)
            }
            _ => i += 1,
        }
    }
    push(&mut out, text, start, b.len());
    out
}

/// Skips whitespace from a line end at `i`; returns where it stops and how many line ends it
/// crossed.
fn skip_blank(b: &[u8], mut i: usize) -> (usize, usize) {
    let mut ends = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            ends += 1;
        }
        i += 1;
    }
    (i, ends)
}

/// Handles the run of terminators starting at `cs`: records a sentence when it ends one.
/// Returns where scanning resumes.
fn terminator(text: &str, out: &mut Vec<(usize, usize)>, start: &mut usize, cs: usize) -> usize {
    let b = text.as_bytes();
    let (mut i, mut dots, mut bang, mut spaced) = (cs, 0usize, false, false);
    loop {
        match b.get(i) {
            Some(b'.') => {
                dots += 1;
                i += 1;
            }
            Some(b'!' | b'?') => {
                bang = true;
                i += 1;
            }
            Some(b' ') if !bang && dots > 0 && b.get(i + 1) == Some(&b'.') => {
                spaced = true;
                i += 1;
            }
            _ if b[i..].starts_with("…".as_bytes()) => {
                dots += 3;
                i += "…".len();
            }
            _ => break,
        }
    }
    while let Some(c) = text[i..].chars().next().filter(|c| CLOSERS.contains(c)) {
        i += c.len_utf8();
    }
    let after = i;
    let rest = &text[after..];
    if !rest.starts_with(char::is_whitespace) {
        return after;
    }
    let next = rest.trim_start().trim_start_matches(&OPENERS[..5]);
    if next.is_empty() || next.starts_with(char::is_lowercase) {
        return after;
    }
    let end = if bang {
        Some(after)
    } else {
        match dots {
            1 => period_ends(text, *start, cs, next).then_some(after),
            3 => None,
            d if d >= 4 && spaced && b[cs + 1] == b' ' && attached(text, cs) => Some(cs + 1),
            _ => Some(after),
        }
    };
    if let Some(end) = end {
        push(out, text, *start, end);
        *start = end;
    }
    after
}

fn attached(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
}

/// Whether a single period at `dot` ends the sentence begun at `start`, given the text after
/// the following whitespace.
fn period_ends(text: &str, start: usize, dot: usize, next: &str) -> bool {
    let before = &text[start..dot];
    let ws = before.rfind(char::is_whitespace).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let word = before[ws..].trim_start_matches(OPENERS);
    if word.is_empty() {
        return true;
    }
    let first_word = before[..ws].trim().is_empty();
    let enumerator = (word.len() <= 3 && word.bytes().all(|c| c.is_ascii_digit()))
        || (word.len() == 1 && word.as_bytes()[0].is_ascii_lowercase());
    if first_word && enumerator {
        return false;
    }
    let words = &*WORDS;
    let mut buf = [0u8; 8];
    let lower = (word.len() <= buf.len())
        .then(|| {
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[..word.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..word.len()]).ok()
        })
        .flatten();
    if lower.is_some_and(|w| words.titles.contains(w)) {
        return false;
    }
    if lower.is_some_and(|w| words.abbrevs.contains(w)) || is_initial(word) || is_dotted(word) {
        let first: &str = next
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        return words.starters.contains(first);
    }
    true
}

/// "E", "Ž": one capital letter.
fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
}

/// "U.S", "a.m", "e.g": single letters joined by periods (the last period is not in `word`).
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn push(out: &mut Vec<(usize, usize)>, text: &str, a: usize, b: usize) {
    let s = &text[a..b];
    let t = s.trim_start();
    let from = a + (s.len() - t.len());
    let t = t.trim_end();
    if !t.is_empty() {
        out.push((from, from + t.len()));
    }
}

/// A list item marker: the sentence breaks at `split`; terminators before `end` are part of
/// the marker.
#[derive(Debug, Clone, Copy)]
struct Marker {
    split: usize,
    end: usize,
    letter: bool,
    value: u32,
}

/// Item markers of an inline list ("1.) a 2.) b", "• 9. a • 10. b", "a. x b. y"): tokens that
/// read as a marker and have a neighbouring marker with the next or previous value.
fn list_markers(text: &str) -> Vec<Marker> {
    if !two_marker_like(text) {
        return Vec::new();
    }
    let mut found: Vec<Marker> = Vec::new();
    let mut bullet_at = None;
    let mut tokens = tokens(text).peekable();
    while let Some((at, tok)) = tokens.next() {
        if tok.starts_with(BULLETS) && tok.chars().all(|c| BULLETS.contains(&c)) {
            bullet_at = Some(at);
            continue;
        }
        let split = bullet_at.take().unwrap_or(at);
        if !tok.ends_with(['.', ')']) {
            continue;
        }
        if tokens.peek().is_none() {
            break;
        }
        let body = tok.trim_start_matches(BULLETS);
        if let Some((letter, value)) = marker_value(body) {
            found.push(Marker {
                split,
                end: at + tok.len(),
                letter,
                value,
            });
        }
    }
    let confirmed = |i: usize| {
        let m = found[i];
        let next = |o: &Marker| o.letter == m.letter && o.value == m.value + 1;
        let prev = |o: &Marker| o.letter == m.letter && o.value + 1 == m.value;
        found.get(i + 1).is_some_and(next) || (i > 0 && prev(&found[i - 1]))
    };
    (0..found.len())
        .filter(|&i| confirmed(i))
        .map(|i| found[i])
        .collect()
}

/// A quick look for two tokens that read as item markers, before tokenising the whole text.
fn two_marker_like(text: &str) -> bool {
    let b = text.as_bytes();
    let mut seen = 0;
    for at in memchr::memchr2_iter(b'.', b')', b) {
        if b.get(at + 1).is_some_and(|c| !c.is_ascii_whitespace()) {
            continue;
        }
        let start = b[..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |p| p + 1);
        if marker_value(text[start..=at].trim_start_matches(BULLETS)).is_some() {
            seen += 1;
            if seen == 2 {
                return true;
            }
        }
    }
    false
}

fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_ascii_whitespace()
        .map(move |t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
}

/// "12.", "12.)", "12)", "b.", "b)" -> (is a letter, value).
fn marker_value(tok: &str) -> Option<(bool, u32)> {
    let head = tok
        .strip_suffix(".)")
        .or_else(|| tok.strip_suffix('.'))
        .or_else(|| tok.strip_suffix(')'))?;
    match head.as_bytes() {
        [c] if c.is_ascii_lowercase() => Some((true, u32::from(c - b'a') + 1)),
        d if (1..=3).contains(&d.len()) && d.iter().all(u8::is_ascii_digit) => {
            Some((false, head.parse().ok()?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        segment(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn plain_sentences_split_on_terminators() {
        assert_eq!(
            split("The river rose. Boats moved! Why now?"),
            ["The river rose.", "Boats moved!", "Why now?"]
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        assert_eq!(
            split("Talks with Gen. Hodges and Sen. Reed ran late."),
            ["Talks with Gen. Hodges and Sen. Reed ran late."]
        );
        assert_eq!(
            split("Dr. Li met Mrs. Ode at St. Paul's."),
            ["Dr. Li met Mrs. Ode at St. Paul's."]
        );
    }

    #[test]
    fn abbreviations_end_a_sentence_only_before_a_starter() {
        assert_eq!(
            split("Shares of Acme Inc. rose on Jan. 12 to No. 3 overall."),
            ["Shares of Acme Inc. rose on Jan. 12 to No. 3 overall."]
        );
        assert_eq!(
            split("The deal went to Acme Inc. It closed at dawn."),
            ["The deal went to Acme Inc.", "It closed at dawn."]
        );
        assert_eq!(
            split("Aid from the U.K. Treasury came first."),
            ["Aid from the U.K. Treasury came first."]
        );
        assert_eq!(
            split("She flew to the U.K. Then she rested."),
            ["She flew to the U.K.", "Then she rested."]
        );
    }

    #[test]
    fn initials_stay_inside_names() {
        assert_eq!(
            split("A letter from John F. Kowalski arrived."),
            ["A letter from John F. Kowalski arrived."]
        );
    }

    #[test]
    fn numbers_and_addresses_do_not_break() {
        assert_eq!(
            split("Costs rose 3.5% to 1,200.75 euros. See acme.example.org for more."),
            [
                "Costs rose 3.5% to 1,200.75 euros.",
                "See acme.example.org for more."
            ]
        );
    }

    #[test]
    fn quotes_close_with_the_sentence() {
        assert_eq!(
            split("He said, “We are ready.” The crowd cheered."),
            ["He said, “We are ready.”", "The crowd cheered."]
        );
        assert_eq!(
            split("“We are ready,” he said. 'Go.' she replied."),
            ["“We are ready,” he said.", "'Go.' she replied."]
        );
    }

    #[test]
    fn three_dots_are_an_omission_four_end_a_sentence() {
        assert_eq!(
            split("He paused … Then he spoke."),
            ["He paused … Then he spoke."]
        );
        assert_eq!(
            split("It faded.... Nobody noticed."),
            ["It faded....", "Nobody noticed."]
        );
        assert_eq!(
            split("It faded. . . . Nobody noticed."),
            ["It faded.", ". . . Nobody noticed."]
        );
    }

    #[test]
    fn inline_lists_break_before_each_item() {
        assert_eq!(
            split("x) no. 3) Red apples 4) Green pears"),
            ["x) no.", "3) Red apples", "4) Green pears"]
        );
        assert_eq!(
            split("Rated 2. Fine work overall."),
            ["Rated 2.", "Fine work overall."]
        );
    }

    #[test]
    fn blank_lines_break_and_ranges_are_trimmed() {
        let text = "  Ferry Schedule Changes\n\nBoats leave at nine.  ";
        assert_eq!(
            split(text),
            ["Ferry Schedule Changes", "Boats leave at nine."]
        );
        assert_eq!(segment(text)[0], (2, 24));
    }
}
