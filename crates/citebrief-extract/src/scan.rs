//! Leftmost-longest, ASCII-case-insensitive phrase search for the lexicon and the cues.
//!
//! Both used to call `AhoCorasick::find_iter` once per sentence. A [`Cursor`] walks the same
//! kind of DFA (`aho_corasick::dfa::DFA`, no prefilter, reading a dense code of each byte)
//! directly, without the trait object, `Input` and `Result` that `find_iter` goes through for
//! every match, and reports exactly the matches `find_iter` reports: leftmost-longest, each
//! search restarting where the last match ended (a unit test and a property test compare
//! [`Phrases::for_each`] with it). [`for_each_pair`] runs the lexicon's and the cues' searches
//! in one loop.

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID, StartKind};

/// A compiled phrase list.
#[derive(Debug, Clone)]
pub(crate) struct Phrases {
    dfa: DFA,
    /// An empty phrase matches everywhere; `find_iter`'s handling of empty matches is then
    /// kept by using it.
    has_empty: bool,
    /// The DFA reads bytes through this map: each byte that occurs in a phrase (in lower case)
    /// to its own code from 1 up, an upper-case ASCII letter to its lower case's code, every
    /// other byte to 0. The DFA then sees few distinct bytes, so its rows are short: with
    /// `ascii_case_insensitive` it held 128 transitions per state, now 64, and the two DFAs
    /// fit the cache twice as well.
    map: [u8; 256],
}

impl Phrases {
    /// Leftmost-longest, in any ASCII case; an error when the DFA cannot be built.
    pub(crate) fn new<I, P>(phrases: I) -> Result<Phrases, aho_corasick::BuildError>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<str>,
    {
        let phrases: Vec<Vec<u8>> = phrases
            .into_iter()
            .map(|p| p.as_ref().as_bytes().to_ascii_lowercase())
            .collect();
        let has_empty = phrases.iter().any(Vec::is_empty);
        let mut used = [false; 256];
        for &b in phrases.iter().flatten() {
            used[usize::from(b)] = true;
        }
        // UTF-8 never holds 0xC0, 0xC1 or 0xF5..=0xFF: at most 243 codes
        let mut map = [0u8; 256];
        let mut code = 0u8;
        for b in 0..=255u8 {
            if used[usize::from(b)] {
                code += 1;
                map[usize::from(b)] = code;
            }
        }
        for b in b'A'..=b'Z' {
            map[usize::from(b)] = map[usize::from(b.to_ascii_lowercase())];
        }
        let coded = phrases
            .iter()
            .map(|p| p.iter().map(|&b| map[usize::from(b)]).collect::<Vec<u8>>());
        let dfa = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Unanchored)
            // the start state must not be special: `for_each` runs no prefilter
            .prefilter(false)
            .build(coded)?;
        Ok(Phrases {
            dfa,
            has_empty,
            map,
        })
    }

    /// The code the DFA reads for byte `b`.
    #[inline(always)]
    fn code(&self, b: u8) -> u8 {
        self.map[usize::from(b)]
    }

    /// `text` as the DFA reads it, byte for byte.
    fn coded(&self, text: &str) -> Vec<u8> {
        text.bytes().map(|b| self.code(b)).collect()
    }

    /// Calls `f(start, end, pattern)` for each leftmost-longest match in `text`, in order,
    /// non-overlapping, each search starting where the last match ended.
    pub(crate) fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        if self.has_empty {
            for m in self
                .dfa
                .try_find_iter(aho_corasick::Input::new(&self.coded(text)))
                .expect("unanchored")
            {
                f(m.start(), m.end(), m.pattern().as_usize());
            }
            return;
        }
        let mut cursor = Cursor::new(self);
        while !cursor.done {
            cursor.step(text.as_bytes(), &mut f);
        }
    }
}

/// Runs `a.for_each(text, fa)` and `b.for_each(text, fb)` in one loop, a byte of each in turn.
///
/// Each search's next state is a load from its transition table that waits on the one before,
/// so one search alone keeps the core waiting; two independent searches stepped together
/// overlap those waits. The matches, and the order of each search's calls, are those of
/// [`Phrases::for_each`] (a property test compares them).
pub(crate) fn for_each_pair(
    text: &str,
    a: &Phrases,
    mut fa: impl FnMut(usize, usize, usize),
    b: &Phrases,
    mut fb: impl FnMut(usize, usize, usize),
) {
    if a.has_empty || b.has_empty {
        a.for_each(text, fa);
        b.for_each(text, fb);
        return;
    }
    let hay = text.as_bytes();
    let (mut ca, mut cb) = (Cursor::new(a), Cursor::new(b));
    let (da, db) = (&a.dfa, &b.dfa);
    while !ca.done && !cb.done {
        // both read a byte in turn, in registers, until either meets a match, a dead state
        // or the end of the text
        let (mut sa, mut sb, mut ia, mut ib) = (ca.sid, cb.sid, ca.i, cb.i);
        while ia < hay.len() && ib < hay.len() {
            sa = da.next_state(Anchored::No, sa, a.code(hay[ia]));
            sb = db.next_state(Anchored::No, sb, b.code(hay[ib]));
            ia += 1;
            ib += 1;
            if da.is_special(sa) || db.is_special(sb) {
                break;
            }
        }
        (ca.sid, ca.i, cb.sid, cb.i) = (sa, ia, sb, ib);
        ca.settle(hay, &mut fa);
        cb.settle(hay, &mut fb);
    }
    while !ca.done {
        ca.step(hay, &mut fa);
    }
    while !cb.done {
        cb.step(hay, &mut fb);
    }
}

/// Leftmost-longest searches of one text, advanced a byte at a time: each search runs from
/// where the last match ended until the DFA dies (after a match) or the text ends, as
/// `find_iter` runs them without a prefilter.
struct Cursor<'p> {
    phrases: &'p Phrases,
    start: StateID,
    sid: StateID,
    /// The next byte to read.
    i: usize,
    /// The longest match of the current search so far: its end and pattern.
    found: Option<(usize, PatternID)>,
    done: bool,
}

impl<'p> Cursor<'p> {
    fn new(p: &'p Phrases) -> Cursor<'p> {
        let start = p
            .dfa
            .start_state(Anchored::No)
            .expect("built for unanchored searches");
        Cursor {
            phrases: p,
            start,
            sid: start,
            i: 0,
            found: None,
            done: false,
        }
    }

    /// Reads one byte, then [`Cursor::settle`]s.
    #[inline(always)]
    fn step(&mut self, hay: &[u8], f: &mut impl FnMut(usize, usize, usize)) {
        if self.i < hay.len() {
            let p = self.phrases;
            self.sid = p
                .dfa
                .next_state(Anchored::No, self.sid, p.code(hay[self.i]));
            self.i += 1;
        }
        self.settle(hay, f);
    }

    /// After a byte is read: notes a match; at a dead state or the end of the text, reports
    /// the current search's match and starts the next search where it ended.
    #[inline(always)]
    fn settle(&mut self, hay: &[u8], f: &mut impl FnMut(usize, usize, usize)) {
        let dfa = &self.phrases.dfa;
        if dfa.is_special(self.sid) {
            if dfa.is_match(self.sid) {
                self.found = Some((self.i, dfa.match_pattern(self.sid, 0)));
            } else if dfa.is_dead(self.sid) {
                self.report(hay, f);
                return;
            }
        }
        if self.i >= hay.len() {
            self.report(hay, f);
        }
    }

    /// Reports the current search's match and starts the next search where it ended.
    fn report(&mut self, hay: &[u8], f: &mut impl FnMut(usize, usize, usize)) {
        let dfa = &self.phrases.dfa;
        // the DFA dies only after a match: no match means the search reached the end
        let Some((end, pid)) = self.found.take() else {
            self.done = true;
            return;
        };
        f(end - dfa.pattern_len(pid), end, pid.as_usize());
        self.i = end;
        self.sid = self.start;
        self.done = end >= hay.len();
    }
}

/// True when the characters just outside `start..end` are not letters or digits.
#[inline]
pub(crate) fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    // an ASCII byte is a whole character: decode only around non-ASCII text
    let before = match start.checked_sub(1).map(|i| b[i]) {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    };
    let after = match b.get(end) {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric),
    };
    !before && !after
}

/// Whether `text` has an ASCII digit, eight bytes at a time: several rules look for numbers
/// only in sentences that have one, and the plain byte loop was a visible share of each
/// sentence's work.
pub(crate) fn has_ascii_digit(text: &str) -> bool {
    // per byte b < 0x80 of a word: high bit set in the result iff 0x2F < b < 0x3A
    // (Hacker's Delight "hasbetween"; no carry or borrow crosses bytes)
    const ONES: u64 = u64::MAX / 255;
    let bytes = text.as_bytes();
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        let low = x & (ONES * 127);
        let between = (ONES * (127 + 0x3A)).wrapping_sub(low)
            & !x
            & low.wrapping_add(ONES * (127 - 0x2F))
            & (ONES * 128);
        if between != 0 {
            return true;
        }
    }
    words.remainder().iter().any(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasickBuilder;
    use proptest::prelude::*;

    type Found = Vec<(usize, usize, usize)>;

    fn both(phrases: &[&str], text: &str) -> (Found, Found) {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(phrases)
            .unwrap();
        let want = ac
            .find_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        let mut got = Vec::new();
        Phrases::new(phrases)
            .unwrap()
            .for_each(text, |s, e, p| got.push((s, e, p)));
        (got, want)
    }

    #[test]
    fn scan_matches_find_iter() {
        let phrases = [
            "he",
            "her",
            "the country",
            "will",
            "will not send troops",
            "we",
            ";",
        ];
        for text in [
            "The country will not send troops; here we are",
            "other countries will not send",
            "",
            "WILL NOT SEND TROOPS",
        ] {
            let (got, want) = both(&phrases, text);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn has_ascii_digit_every_byte() {
        for b in 0..=127u8 {
            for pos in 0..17 {
                let mut text = vec![b'a'; 17];
                text[pos] = b;
                let text = String::from_utf8(text).unwrap();
                assert_eq!(has_ascii_digit(&text), b.is_ascii_digit(), "{b} at {pos}");
            }
        }
        assert!(!has_ascii_digit("é€— “quoted” ½ ٣ no ascii digits here"));
        assert!(has_ascii_digit("é€— “quoted” ½ ٣ but 7"));
    }

    proptest! {
        #[test]
        fn has_ascii_digit_as_the_byte_loop(text in "\\PC{0,40}") {
            prop_assert_eq!(has_ascii_digit(&text), text.bytes().any(|b| b.is_ascii_digit()));
        }

        #[test]
        fn pair_is_two_scans(
            a in proptest::collection::vec("[abAB ]{0,4}", 1..8),
            b in proptest::collection::vec("[abAB ]{1,4}", 1..8),
            text in "[abcAB ;éÉ]{0,40}",
        ) {
            let (a, b) = (Phrases::new(&a).unwrap(), Phrases::new(&b).unwrap());
            let (mut want_a, mut want_b) = (Vec::new(), Vec::new());
            a.for_each(&text, |s, e, p| want_a.push((s, e, p)));
            b.for_each(&text, |s, e, p| want_b.push((s, e, p)));
            let (mut got_a, mut got_b) = (Vec::new(), Vec::new());
            for_each_pair(
                &text,
                &a,
                |s, e, p| got_a.push((s, e, p)),
                &b,
                |s, e, p| got_b.push((s, e, p)),
            );
            prop_assert_eq!(got_a, want_a);
            prop_assert_eq!(got_b, want_b);
        }

        #[test]
        fn scan_matches_find_iter_on_any_text(
            phrases in proptest::collection::vec("[abAB é]{0,4}", 1..8),
            text in "[abcAB ;éÉ]{0,40}",
        ) {
            let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
            let (got, want) = both(&phrases, &text);
            prop_assert_eq!(got, want);
        }
    }
}
