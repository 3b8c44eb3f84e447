//! Phrase lists kept as data files (`data/furniture.txt`, `data/credits.txt`), matched with
//! Aho-Corasick automata. A list may be cut into sections (`[prompt]`); a match tells which.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::segment::data_lines;

#[derive(Debug, Clone, Copy)]
struct Rule {
    at_start: bool,
    at_end: bool,
    section: &'static str,
}

/// A compiled phrase list. See `data/furniture.txt` for the syntax.
pub(crate) struct Phrases {
    /// Phrases for lines of any length...
    always: Set,
    /// ...and phrases for short lines only.
    short: Set,
    short_words: usize,
}

struct Set {
    automaton: AhoCorasick,
    rules: Vec<Rule>,
    /// Whether to try every match, overlapping ones included ("share" and "share on" at the
    /// same place, or one phrase with two rules); cheap on short lines only.
    overlapping: bool,
}

impl Phrases {
    /// Compiles a phrase list; unmarked phrases apply to lines of at most `short_words` words.
    pub(crate) fn new(data: &'static str, short_words: usize) -> Phrases {
        let mut always = (Vec::new(), Vec::new());
        let mut short = (Vec::new(), Vec::new());
        let mut section = "";
        for line in data_lines(data) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let (any_length, line) = strip(line, '!', true);
            let (at_start, line) = strip(line, '^', true);
            let (at_end, phrase) = strip(line, '$', false);
            let rule = Rule {
                at_start,
                at_end,
                section,
            };
            let (patterns, rules) = if any_length { &mut always } else { &mut short };
            for spelling in spellings(phrase, any_length) {
                patterns.push(spelling);
                rules.push(rule);
            }
        }
        Phrases {
            always: Set::new(always, false),
            short: Set::new(short, true),
            short_words,
        }
    }

    /// The section of a phrase that `line` (trimmed, with `words` words) holds, if any
    /// (`""` for a phrase before any section header).
    pub(crate) fn find(&self, line: &str, words: usize) -> Option<&'static str> {
        self.always.find(line).or_else(|| {
            (words <= self.short_words)
                .then(|| self.short.find(line))
                .flatten()
        })
    }

    /// Whether `line` (trimmed, with `words` words) holds one of the phrases.
    pub(crate) fn matches(&self, line: &str, words: usize) -> bool {
        self.find(line, words).is_some()
    }
}

impl Set {
    /// An overlapping set ignores ASCII case; the other one, run on every line, matches the
    /// spellings given, which lets a fast literal search skip most of each line.
    fn new((patterns, rules): (Vec<String>, Vec<Rule>), overlapping: bool) -> Set {
        let automaton = if overlapping {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&patterns)
        }
        .expect("phrase lists compile");
        Set {
            automaton,
            rules,
            overlapping,
        }
    }

    fn find(&self, line: &str) -> Option<&'static str> {
        let accepted = |m: aho_corasick::Match| {
            self.accepts(line, m)
                .then_some(self.rules[m.pattern().as_usize()].section)
        };
        if self.overlapping {
            self.automaton
                .find_overlapping_iter(line)
                .find_map(accepted)
        } else {
            self.automaton.find_iter(line).find_map(accepted)
        }
    }

    fn accepts(&self, line: &str, m: aho_corasick::Match) -> bool {
        let rule = self.rules[m.pattern().as_usize()];
        let (before, phrase, after) = (&line[..m.start()], &line[m.range()], &line[m.end()..]);
        let alnum = |c: char| c.is_alphanumeric();
        let joined_before = phrase.starts_with(alnum) && before.ends_with(alnum);
        let joined_after = phrase.ends_with(alnum) && after.starts_with(alnum);
        !joined_before
            && !joined_after
            && (!rule.at_start || !before.contains(alnum))
            && (!rule.at_end || !after.contains(alnum))
    }
}

/// How a phrase may be written: as listed and with ’ for '; with `all_cases`, also with a
/// capital first letter, in Title Case and in UPPER CASE.
fn spellings(phrase: &str, all_cases: bool) -> Vec<String> {
    let mut out = vec![phrase.to_owned()];
    if phrase.contains('\'') {
        out.push(phrase.replace('\'', "’"));
    }
    if all_cases {
        for p in out.clone() {
            out.push(capitalise(&p, 1));
            out.push(capitalise(&p, usize::MAX));
            out.push(p.to_uppercase());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Upper-cases the first letter of the first `words` words.
fn capitalise(phrase: &str, words: usize) -> String {
    phrase
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) if i < words => c.to_uppercase().chain(cs).collect(),
                _ => w.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip(s: &str, mark: char, front: bool) -> (bool, &str) {
    let rest = if front {
        s.strip_prefix(mark)
    } else {
        s.strip_suffix(mark)
    };
    rest.map_or((false, s), |r| (true, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_lengths_and_word_edges() {
        let p = Phrases::new(
            "!©\n^share\nnewsletter\n^no result$\nmore...$\n!^editor's note",
            5,
        );
        assert!(p.matches("© 2031 Harbour Gazette", 3));
        assert!(p.matches("Share on social media", 4));
        assert!(!p.matches("Shares rose on Monday", 4));
        assert!(!p.matches("They share a border", 4));
        assert!(p.matches("Get our newsletter", 3));
        assert!(!p.matches(
            "The newsletter was read by many people across the valley",
            10
        ));
        assert!(p.matches("NO RESULT", 2));
        assert!(!p.matches("No result was announced", 4));
        assert!(p.matches("Ferry returns tonight More...", 4));
        assert!(p.matches("📌 Editor’s Note: write to us", 5));
        assert!(p.matches(
            "📌 EDITOR’S NOTE: a long line that goes on well past the limit of five",
            14
        ));
        let sections = Phrases::new("^menu$\n[prompt]\n^share on\n", 5);
        assert_eq!(sections.find("Share on Email", 3), Some("prompt"));
        assert_eq!(sections.find("Menu", 1), Some(""));
    }
}
