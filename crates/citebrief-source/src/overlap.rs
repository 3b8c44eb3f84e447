//! Which sources of a brief largely repeat another: a rewrite of the same story, the same wire
//! copy under another outlet's name. Found by text overlap only, never by outlet names.
//!
//! A source repeats another when a large share of its sentences each say, in nearly the same
//! content words and in the same order, what a sentence of the other says ([`REPEATED_SHARE`]
//! of its sentences, each with a word-set Jaccard of at least [`SAME_SENTENCE`]): a rewrite
//! changes the wording around the facts but keeps the names, numbers and nouns of each
//! sentence, paragraph after paragraph. Two articles on the same event share names, topics and
//! a quote or two, but few whole sentences and not in order, so they are not taken for copies.
//!
//! Sources are added one by one in the brief's order ([`Overlap::add`]), as the build reads
//! them; each keeps only a small [`Fingerprint`] (a hashed word set per sentence, for its first
//! [`MAX_SENTENCES`] sentences), and candidates are found through an index of min-hash bands,
//! so that a brief of many thousands of sources is never compared pair by pair.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::Document;

/// Two sentences say the same thing when their content-word sets have at least this Jaccard
/// similarity.
pub const SAME_SENTENCE: f64 = 0.3;

/// A source repeats another when at least this share of its sentences (and at least
/// [`MIN_REPEATED`] of them) say the same, in the same order, as sentences of the other. (On
/// the seed brief, a rewrite repeats 37% of its sentences so; two independent reports of the
/// same summit, 13% at most.)
pub const REPEATED_SHARE: f64 = 0.25;

/// The fewest repeated sentences that make a repeat: two pages that share a headline and a
/// quote or two (two reports of one signed text quote the same clauses) are not copies.
pub const MIN_REPEATED: usize = 5;

/// Sentences of fewer content words say too little to tell a copy from a coincidence.
const MIN_WORDS: usize = 5;

/// The sentences of a source that are compared: a rewrite follows its original from the top.
pub const MAX_SENTENCES: usize = 32;

/// Min-hash bands per sentence, and hashes per band: a pair of sentences of Jaccard 0.3 shares
/// a band with a probability of about 0.4, of 0.5 about 0.8; a rewrite repeats many sentences,
/// so its original is all but certain to be found among its candidates.
const BANDS: u32 = 6;
const ROWS: u32 = 2;

/// How many earlier sources, those sharing the most bands, are compared with each new source.
const CANDIDATES: usize = 4;

/// Words that carry no content.
static STOP_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/stopwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// What overlap detection keeps of one source: for each of its first sentences with enough
/// content words, the sorted hashes of those words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    words: Vec<u16>,
    /// End of each sentence's words in `words`.
    ends: Vec<u16>,
}

impl Fingerprint {
    /// The fingerprint of a document's body sentences.
    pub fn of(doc: &Document) -> Fingerprint {
        Fingerprint::of_sentences(doc.sentences.iter().map(|s| doc.sentence_text(s)))
    }

    /// The fingerprint of sentences given as text.
    pub fn of_sentences<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        let mut f = Fingerprint::default();
        for s in sentences {
            if f.ends.len() == MAX_SENTENCES {
                break;
            }
            let mut set: Vec<u16> = content_words(s).map(|w| hash16(&w)).collect();
            set.sort_unstable();
            set.dedup();
            // a page that shows its headline twice has it once
            if set.len() >= MIN_WORDS && !f.sentences().any(|t| t == set.as_slice()) {
                f.words.extend_from_slice(&set);
                f.ends.push(f.words.len() as u16);
            }
        }
        f
    }

    fn sentences(&self) -> impl Iterator<Item = &[u16]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(a, b)| &self.words[a as usize..b as usize])
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The content words of a sentence, lower case, with common endings taken off ("deployed",
/// "deploying" and "deploys" are one word).
fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(w.as_str()))
        .map(|w| {
            for suffix in ["ing", "ed", "es", "s"] {
                if let Some(stem) = w.strip_suffix(suffix) {
                    if stem.chars().count() >= 4 {
                        return stem.to_string();
                    }
                }
            }
            w
        })
}

fn hash16(w: &str) -> u16 {
    let mut h = FxHasher::default();
    w.hash(&mut h);
    (h.finish() >> 48) as u16
}

/// A hash of `x` for min-hash permutation `seed`.
fn permute(x: u16, seed: u32) -> u32 {
    let mut v = (u64::from(x) << 32 | u64::from(seed)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    v ^= v >> 29;
    v = v.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (v >> 32) as u32
}

/// The min-hash band keys of one sentence's word set.
fn band_keys(set: &[u16]) -> impl Iterator<Item = u64> + '_ {
    (0..BANDS).map(move |band| {
        let mut h = FxHasher::default();
        band.hash(&mut h);
        for row in 0..ROWS {
            let seed = band * ROWS + row;
            set.iter().map(|&w| permute(w, seed)).min().hash(&mut h);
        }
        h.finish()
    })
}

/// Jaccard similarity of two sorted sets.
fn jaccard(a: &[u16], b: &[u16]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let either = a.len() + b.len() - both;
    if either == 0 {
        0.0
    } else {
        both as f64 / either as f64
    }
}

/// How many sentences of `a` say, in the same order, the same as sentences of `b`: the
/// longest chain of matched pairs that goes forward in both. A rewrite follows its original
/// paragraph by paragraph; two stories on one event that happen to share a few sentences
/// share them in any order.
fn repeated(a: &Fingerprint, b: &Fingerprint) -> usize {
    let theirs: Vec<&[u16]> = b.sentences().collect();
    // chain[j]: the longest chain so far that ends with b's sentence j
    let mut chain = vec![0usize; theirs.len()];
    for s in a.sentences() {
        let mut before = 0; // the longest chain ending before j, as it was before `s`
        for (j, t) in theirs.iter().enumerate() {
            let here = chain[j];
            if same(s, t) {
                chain[j] = chain[j].max(before + 1);
            }
            before = before.max(here);
        }
    }
    chain.into_iter().max().unwrap_or(0)
}

/// Whether two sentences' word sets are alike enough to say the same thing.
fn same(s: &[u16], t: &[u16]) -> bool {
    let (short, long) = if s.len() < t.len() {
        (s.len(), t.len())
    } else {
        (t.len(), s.len())
    };
    // Jaccard is at most short/long: skip pairs that cannot reach the bar
    short as f64 >= SAME_SENTENCE * long as f64 && jaccard(s, t) >= SAME_SENTENCE
}

/// One source found to repeat another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Repeat {
    /// The index (in the order added) of the source that repeats.
    pub copy: usize,
    /// The index of the source it repeats: never itself a repeat.
    pub original: usize,
    /// The share of the copy's compared sentences found in the original.
    pub share: f64,
}

/// Finds the sources that repeat another, fed one source at a time in the brief's order.
#[derive(Debug, Default)]
pub struct Overlap {
    prints: Vec<Fingerprint>,
    /// Each band key to the first source that had it.
    bands: FxHashMap<u64, u32>,
    /// (copy, original, share), both ways round as found.
    found: Vec<Repeat>,
}

impl Overlap {
    pub fn new() -> Overlap {
        Overlap::default()
    }

    /// Adds the next source and compares it with the earlier ones that share most with it.
    pub fn add(&mut self, print: Fingerprint) {
        let me = self.prints.len() as u32;
        let mut hits: HashMap<u32, usize> = HashMap::new();
        let mut keys = Vec::with_capacity(print.len() * BANDS as usize);
        for s in print.sentences() {
            let mut seen = FxHashSet::default();
            for k in band_keys(s) {
                keys.push(k);
                if let Some(&other) = self.bands.get(&k) {
                    // a sentence counts once per candidate
                    if seen.insert(other) {
                        *hits.entry(other).or_default() += 1;
                    }
                }
            }
        }
        let mut candidates: Vec<(usize, u32)> = hits
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(other, n)| (n, other))
            .collect();
        candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, other) in candidates.iter().take(CANDIDATES) {
            let earlier = &self.prints[other as usize];
            let mine = repeated(&print, earlier);
            let theirs = repeated(earlier, &print);
            let share = |n: usize, p: &Fingerprint| n as f64 / p.len().max(1) as f64;
            let (copy_share, orig_share) = (share(mine, &print), share(theirs, earlier));
            // the one that is more nearly contained in the other is the copy; the later one
            // when both are (the same wire copy twice)
            let (copy, original, n, s) = if orig_share > copy_share + 0.05 {
                (other as usize, me as usize, theirs, orig_share)
            } else {
                (me as usize, other as usize, mine, copy_share)
            };
            if n >= MIN_REPEATED && s >= REPEATED_SHARE {
                self.found.push(Repeat {
                    copy,
                    original,
                    share: s,
                });
            }
        }
        for k in keys {
            self.bands.entry(k).or_insert(me);
        }
        self.prints.push(print);
    }

    /// For every source, in the order added, the source it repeats, if any. Each copy is
    /// given the original it repeats most; an original is never itself marked as a copy (a
    /// copy of a copy is marked as a copy of the first).
    pub fn finish(self) -> Vec<Option<usize>> {
        let n = self.prints.len();
        let mut best: Vec<Option<Repeat>> = vec![None; n];
        for r in self.found {
            let slot = &mut best[r.copy];
            let better = match slot {
                None => true,
                Some(b) => r.share > b.share || (r.share == b.share && r.original < b.original),
            };
            if better {
                *slot = Some(r);
            }
        }
        // follow copies of copies to the first; a cycle (each the other's copy) keeps the
        // earliest source as the original
        (0..n)
            .map(|i| {
                let mut at = i;
                let mut steps = 0;
                while let Some(r) = best[at] {
                    at = r.original;
                    steps += 1;
                    if at == i || steps > n {
                        let mut cycle = vec![i];
                        let mut j = best[i].map(|r| r.original);
                        while let Some(k) = j.filter(|&k| k != i && !cycle.contains(&k)) {
                            cycle.push(k);
                            j = best[k].map(|r| r.original);
                        }
                        let first = *cycle.iter().min().expect("the cycle holds i");
                        return (first != i).then_some(first);
                    }
                }
                (at != i).then_some(at)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: [&str; 6] = [
        "Harbour officials in Port Elm announced new ferry services to the northern islands on Monday.",
        "The ferries will carry up to 400 passengers each from the new terminal built last year.",
        "Mayor Ana Lind said the service would start in April if the weather permits it.",
        "Fishermen on the islands welcomed the plan but warned about rising diesel prices.",
        "The regional council approved funding of 12 million for the terminal in January.",
        "Critics argue the timetable leaves the smaller islands without winter crossings.",
    ];

    const REWRITE: [&str; 6] = [
        "On Monday, harbour officials at Port Elm announced fresh ferry services to the northern islands.",
        "Each ferry will carry as many as 400 passengers from the terminal that was built last year.",
        "According to Mayor Ana Lind, the service should start in April if weather permits.",
        "Island fishermen welcomed the plan while warning of rising diesel prices.",
        "In January the regional council approved 12 million in funding for the terminal.",
        "A storm closed the coastal road near the lighthouse for several hours on Sunday.",
    ];

    const OTHER: [&str; 5] = [
        "The northern islands will hold a festival of music in Port Elm this summer.",
        "Organisers expect several thousand visitors to travel by ferry from the mainland.",
        "Mayor Ana Lind opened the ticket office at the town hall on Monday morning.",
        "Local hotels report that most rooms are already booked for the festival week.",
        "The regional council has not yet said whether it will fund extra crossings.",
    ];

    fn print(s: &[&str]) -> Fingerprint {
        Fingerprint::of_sentences(s.iter().copied())
    }

    #[test]
    fn a_rewrite_repeats_its_original_and_a_story_on_the_same_event_does_not() {
        let mut o = Overlap::new();
        o.add(print(&STORY));
        o.add(print(&OTHER));
        o.add(print(&REWRITE));
        assert_eq!(o.finish(), [None, None, Some(0)]);
    }

    #[test]
    fn a_sentence_shown_twice_counts_once() {
        let twice = [STORY[0], STORY[0], STORY[1]];
        assert_eq!(print(&twice), print(&STORY[..2]));
    }

    #[test]
    fn the_same_copy_twice_marks_the_later_one_and_a_copy_of_a_copy_the_first() {
        let mut o = Overlap::new();
        o.add(print(&STORY));
        o.add(print(&STORY));
        o.add(print(&STORY));
        assert_eq!(o.finish(), [None, Some(0), Some(0)]);
    }

    #[test]
    fn a_short_excerpt_published_first_is_the_copy_of_the_longer_story() {
        let mut o = Overlap::new();
        o.add(print(&STORY[..5]));
        o.add(print(&[&STORY[..], &OTHER[..]].concat()));
        assert_eq!(o.finish(), [Some(1), None]);
    }

    #[test]
    fn sentences_in_common_words_only_make_no_copy() {
        assert!(print(&["It was said that they would be there, and so it was."]).len() == 0);
        let mut o = Overlap::new();
        o.add(print(&OTHER));
        o.add(print(&OTHER[..4]));
        assert_eq!(o.finish(), [None, None], "four sentences are too few");
    }
}
