//! Benchmark support: a deterministic corpus generator.
//!
//! [`Corpus`] recombines the paragraphs of a few real articles (the seed brief's sources) into
//! any number of synthetic articles, with actors, numbers and dates varied and page furniture
//! (menus, lists of other stories, footers) around them, so that every stage of citebrief can be
//! measured on realistic text at any size. The same seed gives the same corpus, byte for byte.
//!
//! It is for measuring only: nothing here is used by the `citebrief` binary.

use aho_corasick::{AhoCorasick, MatchKind};

/// Country names swapped for one another, so that generated articles name varied actors.
const ACTORS: &[&str] = &[
    "France",
    "Britain",
    "Germany",
    "Italy",
    "Poland",
    "Sweden",
    "Belgium",
    "Turkey",
    "Canada",
    "the Netherlands",
    "Slovakia",
    "Denmark",
    "Finland",
    "Norway",
    "Spain",
    "Portugal",
];

/// What articles are made of, sorted out of real pages by simple shape rules.
pub struct Corpus {
    paragraphs: Vec<String>,
    headlines: Vec<String>,
    furniture: Vec<String>,
    actors: AhoCorasick,
}

impl Corpus {
    /// Sorts the lines of `pages` into paragraphs (80 bytes or more, ending like a sentence), headlines
    /// (shorter, no final period) and furniture (the rest).
    pub fn from_pages(pages: &[String]) -> Corpus {
        let (mut paragraphs, mut headlines, mut furniture) = (Vec::new(), Vec::new(), Vec::new());
        for line in pages.iter().flat_map(|p| p.lines()) {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let sentence_end = t.ends_with(['.', '"', '”', '?', '!']);
            if t.len() >= 80 && sentence_end {
                paragraphs.push(t.to_string());
            } else if (30..120).contains(&t.len()) && !sentence_end {
                headlines.push(t.to_string());
            } else {
                furniture.push(line.to_string());
            }
        }
        assert!(
            !paragraphs.is_empty(),
            "the pages have no paragraphs to recombine"
        );
        if headlines.is_empty() {
            headlines.push("Allies meet to discuss security guarantees".into());
        }
        if furniture.is_empty() {
            furniture.push("Home > News".into());
        }
        let actors = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(ACTORS)
            .expect("a valid automaton");
        Corpus {
            paragraphs,
            headlines,
            furniture,
            actors,
        }
    }

    /// Reads every file of a folder as a page.
    pub fn from_dir(dir: &std::path::Path) -> std::io::Result<Corpus> {
        let mut pages = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(dir)?
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        for p in paths {
            pages.push(String::from_utf8_lossy(&std::fs::read(p)?).into_owned());
        }
        Ok(Corpus::from_pages(&pages))
    }

    /// Article number `i` of the corpus made with `seed`: the same (seed, i), the same text.
    pub fn article(&self, seed: u64, i: u64) -> String {
        let mut rng = fastrand::Rng::with_seed(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut out = String::with_capacity(6000);
        for _ in 0..rng.usize(2..8) {
            out.push_str(&self.furniture[rng.usize(..self.furniture.len())]);
            out.push('\n');
        }
        out.push('\n');
        let headline = &self.headlines[rng.usize(..self.headlines.len())];
        out.push_str(&self.vary(&mut rng, headline));
        out.push_str("\n\n");
        let month = ["January", "February", "March", "April", "May", "June"][rng.usize(..6)];
        out.push_str(&format!(
            "{month} {}, {}\n\n",
            rng.u32(1..29),
            rng.u32(2020..2027)
        ));
        for _ in 0..rng.usize(6..20) {
            let paragraph = &self.paragraphs[rng.usize(..self.paragraphs.len())];
            out.push_str(&self.vary(&mut rng, paragraph));
            out.push_str("\n\n");
        }
        for _ in 0..rng.usize(3..12) {
            out.push_str(&self.furniture[rng.usize(..self.furniture.len())]);
            out.push('\n');
        }
        out
    }

    /// Articles `0..` until their total size reaches `bytes`.
    pub fn articles_of_size(&self, seed: u64, bytes: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut total = 0;
        while total < bytes {
            let a = self.article(seed, out.len() as u64);
            total += a.len();
            out.push(a);
        }
        out
    }

    /// Swaps country names and changes every digit, keeping the text's shape.
    fn vary(&self, rng: &mut fastrand::Rng, text: &str) -> String {
        let mut swapped = String::with_capacity(text.len() + 16);
        self.actors
            .replace_all_with(text, &mut swapped, |_, _, dst| {
                dst.push_str(ACTORS[rng.usize(..ACTORS.len())]);
                true
            });
        swapped
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from(b'0' + rng.u8(0..10))
                } else {
                    c
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::from_pages(&[
            "Menu\nHome > World\nA summit of allies agrees on a new plan for peace\n\
             France will send engineers and 1,200 soldiers to the border region after a ceasefire, the minister said on Monday.\n\
             Germany said it would provide 40 air defence systems and pay for training of 3,000 troops over the next two years.\n\
             © 2026 Example Media"
                .to_string(),
        ])
    }

    #[test]
    fn same_seed_same_article_and_other_seed_differs() {
        let c = corpus();
        assert_eq!(c.article(7, 3), c.article(7, 3));
        assert_ne!(c.article(7, 3), c.article(8, 3));
        assert_ne!(c.article(7, 3), c.article(7, 4));
    }

    #[test]
    fn articles_keep_paragraphs_and_furniture() {
        let c = corpus();
        let a = c.article(1, 0);
        assert!(
            a.contains("after a ceasefire") || a.contains("air defence systems"),
            "{a}"
        );
        assert!(
            a.contains("Menu") || a.contains("Home > World") || a.contains("Example Media"),
            "{a}"
        );
    }

    #[test]
    fn size_is_reached() {
        let arts = corpus().articles_of_size(1, 100_000);
        let total: usize = arts.iter().map(String::len).sum();
        assert!(total >= 100_000);
        assert!(total < 100_000 + arts.last().unwrap().len());
    }
}
