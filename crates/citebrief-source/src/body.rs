//! Which lines are the article and which are page furniture.
//!
//! Each line gets a [`Kind`] from general signals: its length and share of lower-case words,
//! sentence punctuation, list bullets, breadcrumbs, date and time stamps, and the phrase list
//! in `data/furniture.txt`; lines repeated three times in a page, and blocks of lines shared
//! with other sources of the brief (prose, datelines and credits exempt), are furniture too.
//! The article is then the longest run of prose (subheadings and single stray lines may sit
//! inside it), plus the headline, standfirst, byline and dateline just above it (across share
//! prompts and one stamp or label), up to two short lines right below it (wire credits), and
//! the credit lines (`data/credits.txt`) among the footer lines below it.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::phrases::Phrases;
use crate::{dates, Line};

static FURNITURE: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(include_str!("../data/furniture.txt"), 12));
static CREDITS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(include_str!("../data/credits.txt"), 25));

/// What a line looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// A paragraph: long, mostly lower-case words, usually ending a sentence.
    Prose,
    /// A headline, subheading, byline or credit: some words but not a paragraph.
    Short,
    /// One or two words, or a label ("Sport:"): a site name, a menu entry, a list heading.
    Weak,
    /// A date and nothing else (a dateline).
    Date,
    /// Navigation, footers, lists of other stories.
    Furniture,
    /// A call to share, follow or subscribe, or an advertisement: furniture, but the headline
    /// block may reach across it.
    Prompt,
    /// A date or headline with a time of day: a page clock, an "updated" stamp, an entry of a
    /// list of other stories. Furniture, but the headline block may reach across one.
    Stamp,
}

impl Kind {
    fn furniture(self) -> bool {
        matches!(self, Kind::Furniture | Kind::Prompt | Kind::Stamp)
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Class {
    pub kind: Kind,
    /// A byline, contributor note or syndication credit.
    pub credit: bool,
    /// Trimmed length in bytes.
    pub len: usize,
    /// How many lines of the page have the same trimmed text.
    pub repeats: u32,
}

/// Runs of prose may hold at most this many other lines between two paragraphs...
const MAX_GAP: usize = 3;
/// ...of which at most this many furniture lines.
const MAX_GAP_FURNITURE: usize = 1;
/// How far above the prose the headline block may reach (non-blank lines).
const HEAD_LINES: usize = 8;
/// How far below the prose credit lines are looked for (non-blank lines).
const TAIL_LINES: usize = 6;
/// A run of prose shorter than this (bytes) is not an article.
const MIN_ARTICLE: usize = 60;

/// Classifies every line of `text`.
pub(crate) fn classify(text: &str, lines: &[Line]) -> Vec<Class> {
    let trimmed: Vec<&str> = lines.iter().map(|l| text[l.start..l.end].trim()).collect();
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for t in trimmed.iter().filter(|t| !t.is_empty()) {
        *counts.entry(t).or_default() += 1;
    }
    trimmed
        .iter()
        .map(|t| {
            let mut class = classify_line(t);
            class.repeats = counts.get(t).copied().unwrap_or(0);
            if class.repeats >= 3 {
                class.kind = Kind::Furniture;
            }
            class
        })
        .collect()
}

const CLOSERS: [char; 7] = ['"', '\'', ')', ']', '’', '”', '»'];
const LIST_BULLETS: [char; 13] = [
    '•', '·', '▪', '‣', '◦', '●', '■', '►', '›', '-', '*', '–', '—',
];
const CRUMBS: [&str; 4] = [" > ", " » ", " › ", " / "];
const MENU_BARS: [&str; 4] = [" | ", "  ", " · ", " • "];

/// Classifies one trimmed line.
pub(crate) fn classify_line(t: &str) -> Class {
    let mut class = Class {
        kind: Kind::Blank,
        credit: false,
        len: t.len(),
        repeats: 0,
    };
    if t.is_empty() {
        return class;
    }
    let (words, lettered, lower) = word_stats(t);
    let ends_sentence = t.trim_end_matches(CLOSERS).ends_with(['.', '!', '?', '…']);
    let mut chars = t.chars();
    let bulleted = chars.next().is_some_and(|c| LIST_BULLETS.contains(&c))
        && chars.next().is_some_and(char::is_whitespace);
    class.credit = words <= 25 && CREDITS.matches(t, words);
    let sentence_like = ends_sentence && words >= 8;
    let phrase = FURNITURE.find(t, words);
    class.kind = if phrase == Some("prompt") {
        Kind::Prompt
    } else if phrase.is_some() || (bulleted && words < 8) || (words <= 20 && is_breadcrumb(t)) {
        Kind::Furniture
    } else if !sentence_like && dates::is_stamp(t) {
        Kind::Stamp
    } else if dates::is_date_only(t) {
        Kind::Date
    } else if words <= 2 || (words <= 4 && t.ends_with(':')) {
        Kind::Weak
    } else if words >= 8 && (ends_sentence || words >= 14) && lower * 10 >= lettered * 4 {
        Kind::Prose
    } else {
        Kind::Short
    };
    class
}

/// Counts words (runs between whitespace holding a letter or digit), words starting with a
/// letter, and words starting with a lower-case letter. Scans bytes; only non-ASCII word
/// starts are decoded.
fn word_stats(t: &str) -> (usize, usize, usize) {
    let (mut words, mut lettered, mut lower) = (0, 0, 0);
    let mut counted = false;
    let mut i = 0;
    while i < t.len() {
        let byte = t.as_bytes()[i];
        let c = if byte < 0x80 {
            char::from(byte)
        } else {
            t[i..].chars().next().unwrap_or(' ')
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            counted = true;
            words += 1;
            if c.is_alphabetic() {
                lettered += 1;
                lower += usize::from(c.is_lowercase());
            }
        }
    }
    (words, lettered, lower)
}

/// "Home > News > World": short parts joined by a path separator; or a menu bar,
/// "News | Sport | Weather" or "HOME  NEWS  SPORT": one- or two-word items apart.
fn is_breadcrumb(t: &str) -> bool {
    let b = t.as_bytes();
    let maybe = b
        .iter()
        .any(|&c| matches!(c, b'>' | b'/' | b'|' | 0xC2 | 0xE2))
        || b.windows(2).any(|w| w == b"  ");
    let parts_within = |seps: &[&str], max: usize| {
        seps.iter().any(|sep| {
            t.contains(sep)
                && t.split(sep)
                    .all(|part| part.split_whitespace().count() <= max)
        })
    };
    maybe && (parts_within(&CRUMBS, 4) || parts_within(&MENU_BARS, 2))
}

/// Lines whose text also appears in another source of the same brief: a menu, a footer or a
/// list of other stories from the same site. Prose, datelines and credits are exempt (two
/// outlets may carry the same wire story on the same day), and a shared line counts only in a
/// block of shared lines (no blank line between) or when three sources share it, so that a
/// syndicated headline stays. Returns, per source, the
/// indices to mark as furniture.
/// Counts, for each candidate line, how many sources hold it. Keys are hashes of the trimmed
/// text, so the sources need not be kept in memory between the two passes.
#[derive(Debug, Default)]
pub(crate) struct LineCounts {
    /// hash -> (index of the last source that counted it, number of sources).
    seen: FxHashMap<u64, (usize, u32)>,
}

fn line_hash(t: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: deterministic, and collisions are not a practical concern.
    let mut h = std::hash::DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

impl LineCounts {
    /// Counts the lines of source number `doc`; sources are added in order, each once.
    pub(crate) fn add(&mut self, doc: usize, source: &Source<'_>) {
        self.add_keys(doc, &keys(source));
    }

    /// Counts the line keys (see [`keys`]) of source number `doc`.
    pub(crate) fn add_keys(&mut self, doc: usize, keys: &[u64]) {
        for &k in keys {
            let entry = self.seen.entry(k).or_insert((doc, 0));
            if entry.1 == 0 || entry.0 != doc {
                *entry = (doc, entry.1 + 1);
            }
        }
    }

    /// The lines of `source` that are furniture because other sources hold them too: shared
    /// lines in a block of two or more, or held by three sources or more.
    pub(crate) fn shared(&self, source: &Source<'_>) -> Vec<usize> {
        let mut counts = vec![0; source.1.len()];
        for (i, t, candidate) in nonblank(source) {
            if candidate {
                counts[i] = self.seen.get(&line_hash(t)).map_or(0, |e| e.1);
            }
        }
        let shared = |i: usize| counts.get(i).is_some_and(|&n| n >= 2);
        (0..counts.len())
            .filter(|&i| shared(i) && (counts[i] >= 3 || (i > 0 && shared(i - 1)) || shared(i + 1)))
            .collect()
    }
}

/// The keys of a source's lines that count as furniture when other sources hold them too.
pub(crate) fn keys(source: &Source<'_>) -> Vec<u64> {
    nonblank(source)
        .filter(|(_, _, candidate)| *candidate)
        .map(|(_, t, _)| line_hash(t))
        .collect()
}

/// One source as [`LineCounts`] sees it: text, lines, classes.
pub(crate) type Source<'a> = (&'a str, &'a [Line], &'a [Class]);

/// Non-blank lines as (index, trimmed text, whether sharing it makes it furniture).
fn nonblank<'a>(
    &(text, lines, classes): &Source<'a>,
) -> impl Iterator<Item = (usize, &'a str, bool)> {
    lines
        .iter()
        .zip(classes)
        .enumerate()
        .filter(|(_, (_, c))| c.kind != Kind::Blank)
        .map(move |(i, (l, c))| {
            let candidate = !c.credit && !matches!(c.kind, Kind::Prose | Kind::Date);
            (i, text[l.start..l.end].trim(), candidate)
        })
}

/// Decides which lines are the article.
pub(crate) fn select(classes: &[Class]) -> Vec<bool> {
    let mut body = vec![false; classes.len()];
    let lines: Vec<usize> = (0..classes.len())
        .filter(|&i| classes[i].kind != Kind::Blank)
        .collect();
    let Some((first, last)) = prose_run(classes, &lines) else {
        return body;
    };
    for &i in &lines[first..=last] {
        body[i] = !classes[i].kind.furniture();
    }
    let mut skipped_before = false;
    for &i in lines[..first].iter().rev().take(HEAD_LINES) {
        let kind = classes[i].kind;
        match kind {
            Kind::Short | Kind::Date => body[i] = true,
            Kind::Prompt => continue,
            Kind::Weak | Kind::Stamp if !skipped_before => {}
            _ => break,
        }
        skipped_before = matches!(kind, Kind::Weak | Kind::Stamp);
    }
    let mut footer_seen = false;
    let mut short_taken = 0;
    for &i in lines[last + 1..].iter().take(TAIL_LINES) {
        let c = classes[i];
        if c.credit && !c.kind.furniture() {
            body[i] = true;
        } else if c.kind.furniture() {
            footer_seen = true;
        } else if !footer_seen && c.kind == Kind::Short && c.repeats < 2 && short_taken < 2 {
            body[i] = true;
            short_taken += 1;
        } else {
            break;
        }
    }
    body
}

/// The run of prose with the most prose text, as positions in `lines` (non-blank lines).
fn prose_run(classes: &[Class], lines: &[usize]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut run: Option<(usize, usize, usize)> = None;
    let (mut gap, mut gap_furniture) = (0, 0);
    for (pos, &i) in lines.iter().enumerate() {
        let c = classes[i];
        if c.kind == Kind::Prose {
            run = Some(match run {
                Some((first, _, size)) => (first, pos, size + c.len),
                None => (pos, pos, c.len),
            });
            (gap, gap_furniture) = (0, 0);
            continue;
        }
        gap += 1;
        gap_furniture += usize::from(c.kind.furniture());
        if gap > MAX_GAP || gap_furniture > MAX_GAP_FURNITURE {
            best = larger(best, run.take());
        }
    }
    best = larger(best, run);
    best.filter(|b| b.2 >= MIN_ARTICLE)
        .map(|(first, last, _)| (first, last))
}

fn larger(
    a: Option<(usize, usize, usize)>,
    b: Option<(usize, usize, usize)>,
) -> Option<(usize, usize, usize)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.2 > x.2 { y } else { x }),
        (x, y) => x.or(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split_lines;

    fn kind(t: &str) -> Kind {
        classify_line(t).kind
    }

    #[test]
    fn line_kinds() {
        assert_eq!(
            kind("The ferry left the harbour at dawn, carrying forty passengers and a goat."),
            Kind::Prose
        );
        assert_eq!(kind("Harbour Ferry Returns After Storm"), Kind::Short);
        assert_eq!(kind("Weather"), Kind::Weak);
        assert_eq!(kind("Published: March 3, 2031"), Kind::Date);
        assert_eq!(kind("• Weather"), Kind::Furniture);
        assert_eq!(kind("Home > Regions > Coast"), Kind::Furniture);
        assert_eq!(kind("NEWS  SPORT  WEATHER  TRAVEL"), Kind::Furniture);
        assert_eq!(kind("Coast | Local Sport | Weather"), Kind::Furniture);
        assert_eq!(kind("By Ana Lind | March 3, 2031"), Kind::Short);
        assert_eq!(kind("Updated 9:40 PM, March 3, 2031"), Kind::Date);
        assert_eq!(kind("Local Sport:"), Kind::Weak);
        assert_eq!(
            kind("3 Mar: Goat boards ferry, refuses to leave"),
            Kind::Stamp
        );
        assert_eq!(
            kind("Goat boards ferry, refuses to leave at last 14:05"),
            Kind::Stamp
        );
        assert_eq!(kind("9:40 PM, March 3, 2031"), Kind::Stamp);
        assert_eq!(kind("© 2031 Harbour Gazette Ltd"), Kind::Furniture);
        assert!(classify_line("Reporting by Ana Lind in Bergen.").credit);
    }

    fn body_lines(text: &str) -> Vec<u32> {
        let lines = split_lines(text);
        let classes = classify(text, &lines);
        let body = select(&classes);
        lines
            .iter()
            .zip(body)
            .filter(|(_, b)| *b)
            .map(|(l, _)| l.number)
            .collect()
    }

    #[test]
    fn article_between_menus_and_footers() {
        let page = "Gazette\nHome\nWeather\n\nFerry Returns After Storm\nMarch 3, 2031\n\n\
            The ferry left the harbour at dawn, carrying forty passengers and a goat.\n\
            Crew members said the crossing was calm, although the wind picked up later.\n\
            What Comes Next\n\
            The operator plans two more sailings this week if the weather holds up.\n\
            AP, Reuters, AFP\n\
            © 2031 Harbour Gazette\n\
            Reporting by Ana Lind.\n\
            Top Stories\n\
            3 Mar: Goat boards ferry, refuses to leave\n";
        assert_eq!(body_lines(page), [5, 6, 8, 9, 10, 11, 12, 14]);
    }

    #[test]
    fn headline_block_reaches_across_one_stamp() {
        let page = "Menu\nSport\n\nFerry Returns After Storm\nBy Ana Lind\nMarch 3, 2031 21:40\n\
            The ferry left the harbour at dawn, carrying forty passengers and a goat.\n";
        assert_eq!(body_lines(page), [4, 5, 7]);
    }

    #[test]
    fn lines_repeated_three_times_are_furniture() {
        let page = "Gazette Menu Here\nGazette Menu Here\nStory Title Here\n\
            A long paragraph of the story that has enough words to count as prose text.\n\
            Gazette Menu Here\n";
        assert_eq!(body_lines(page), [3, 4]);
    }

    #[test]
    fn no_prose_means_no_body() {
        assert!(body_lines("Home\nWeather\nSport\nLogin\n").is_empty());
    }
}
