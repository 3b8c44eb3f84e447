//! Words around a position of a sentence: the helpers every step uses to look one or two
//! words to the left or right of a mention or a cue. Positions are byte offsets into the
//! sentence; words are runs of letters, digits, apostrophes inside a word and hyphens.

/// `text[a..b]`, or "" when the range is empty, reversed or not on character boundaries
/// (two mentions may overlap: the gap between them is then nothing).
pub(crate) fn span(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}

/// Whether `c` belongs to a word.
fn wordy(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '\'' || c == '-'
    } else {
        c == '’' || c.is_alphanumeric()
    }
}

/// The length of the word character beyond ASCII that starts at byte `i` of `text`, or 0
/// when the character there is not one.
#[inline(never)]
fn wordy_char_at(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .next()
        .filter(|&c| wordy(c))
        .map_or(0, char::len_utf8)
}

/// Which ASCII bytes belong to a word: letters, digits, the apostrophe and the hyphen.
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'' || c == b'-';
        b += 1;
    }
    t
};

/// The words of `text[a..b]`, first to last, with their start offsets.
struct Words<'t> {
    text: &'t str,
    i: usize,
    end: usize,
}

impl<'t> Iterator for Words<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        // skip to the next word character, then past the word (ASCII without decoding)
        let (bytes, end) = (self.text.as_bytes(), self.end);
        let mut i = self.i;
        while i < end {
            let b = bytes[i];
            if b < 0x80 {
                if ASCII_WORD[usize::from(b)] {
                    break;
                }
                i += 1;
            } else if wordy_char_at(self.text, i) > 0 {
                break;
            } else {
                i += utf8_len(b);
            }
        }
        if i >= end {
            self.i = i;
            return None;
        }
        let start = i;
        while i < end {
            let b = bytes[i];
            if b < 0x80 {
                if !ASCII_WORD[usize::from(b)] {
                    break;
                }
                i += 1;
            } else {
                match wordy_char_at(self.text, i) {
                    0 => break,
                    n => i += n,
                }
            }
        }
        self.i = i;
        Some((start, &self.text[start..i.min(end)]))
    }
}

impl DoubleEndedIterator for Words<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (bytes, i) = (self.text.as_bytes(), self.i);
        let mut end = self.end;
        // the start of the character before `end`, and whether it belongs to a word
        let before = |end: usize| {
            let last = bytes[end - 1];
            if last < 0x80 {
                (end - 1, ASCII_WORD[usize::from(last)])
            } else {
                let mut c = end - 1;
                while c > 0 && (0x80..0xC0).contains(&bytes[c]) {
                    c -= 1;
                }
                (c, wordy_char_at(self.text, c) > 0)
            }
        };
        while end > i {
            match before(end) {
                (_, true) => break,
                (at, false) => end = at,
            }
        }
        if end <= i {
            self.end = end;
            return None;
        }
        let stop = end;
        while end > i {
            match before(end) {
                (at, true) => end = at,
                (_, false) => break,
            }
        }
        self.end = end;
        Some((end, &self.text[end..stop]))
    }
}

/// The length of the UTF-8 character whose first byte is `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// The words of `text[a..b]` with their offsets; nothing for an empty or reversed range.
fn words_at(text: &str, a: usize, b: usize) -> Words<'_> {
    let (i, end) = if a < b && text.is_char_boundary(a) && text.is_char_boundary(b) {
        (a, b)
    } else {
        (0, 0)
    };
    Words { text, i, end }
}

/// The word that ends at or before `pos` (skipping spaces, quotes and brackets), with its
/// start; `None` at the start of the text or across other punctuation (a comma stops it).
pub(crate) fn prev_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = &text[..pos];
    let trimmed = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '“' | '”' | '(' | ')' | '«' | '»')
    });
    let end = trimmed.len();
    let (start, word) = words_at(text, 0, end).next_back()?;
    // the last word must end where the trimmed text does (punctuation stops the search)
    (start + word.len() == end).then_some((start, word))
}

/// The word that starts at or after `pos` (skipping spaces and quotes), with its start.
pub(crate) fn next_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let after = &text[pos..];
    let skip = after.len()
        - after
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '('))
            .len();
    let start = pos + skip;
    let (at, word) = words_at(text, start, text.len()).next()?;
    (at == start).then_some((at, word))
}

/// The word before `pos`, skipping one article ("to the coalition" gives "to").
pub(crate) fn prev_word_skipping_article(text: &str, pos: usize) -> Option<(usize, &str)> {
    let (s, w) = prev_word(text, pos)?;
    if is_one_of(w, &["the", "a", "an"]) {
        prev_word(text, s)
    } else {
        Some((s, w))
    }
}

/// The number of words in `text[a..b]`.
#[cfg(test)]
pub(crate) fn word_count(text: &str, a: usize, b: usize) -> usize {
    words_at(text, a, b).count()
}

/// Whether `text[a..b]` holds `n` words or fewer (read no further than word `n + 1`).
pub(crate) fn words_within(text: &str, a: usize, b: usize, n: usize) -> bool {
    words_at(text, a, b).nth(n).is_none()
}

/// The number of words in `text[a..b]`, counted up to `cap`.
pub(crate) fn words_upto(text: &str, a: usize, b: usize, cap: usize) -> usize {
    words_at(text, a, b).take(cap).count()
}

/// The words of `text[a..b]` with their start offsets, last first.
pub(crate) fn words_back(text: &str, a: usize, b: usize) -> impl Iterator<Item = (usize, &str)> {
    words_at(text, a, b).rev()
}

/// The words of `text[a..b]`, first to last, with their offsets.
pub(crate) fn words_at_offsets(
    text: &str,
    a: usize,
    b: usize,
) -> impl Iterator<Item = (usize, &str)> {
    words_at(text, a, b)
}

/// The words of `text[a..b]`.
pub(crate) fn words(text: &str, a: usize, b: usize) -> impl Iterator<Item = &str> {
    words_at(text, a, b).map(|(_, w)| w)
}

/// The last word of a phrase ("take the lead" gives "lead").
pub(crate) fn last_word(phrase: &str) -> &str {
    phrase
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or(phrase)
}

/// Whether `hay` contains `needle` (lower-case ASCII) in any ASCII case.
pub(crate) fn has_ascii_ci(hay: &str, needle: &str) -> bool {
    let (n, h) = (needle.as_bytes(), hay.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h).any(|i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// Whether a word of `text[a..b]` (as [`words`] splits it) is one of the phrases `list`
/// finds, in any ASCII case: [`is_one_of`] over [`words`], in one pass of an automaton built
/// with `ascii_case_insensitive` and `LeftmostLongest` (a match that is not a whole word
/// hides no whole word: one would start inside the same word).
pub(crate) fn has_word_of(
    text: &str,
    a: usize,
    b: usize,
    list: &aho_corasick::AhoCorasick,
) -> bool {
    let Some(range) = text.get(a..b).filter(|_| a < b) else {
        return false;
    };
    list.find_iter(range).any(|m| {
        let (s, e) = (a + m.start(), a + m.end());
        let open = s == a || !text[a..s].chars().next_back().is_some_and(wordy);
        let closed = e == b || !text[e..b].chars().next().is_some_and(wordy);
        open && closed
    })
}

/// Where what follows a name that ends at `end` starts: after its possessive and a space
/// ("Kenya's Foreign Minister" gives the start of "Foreign"), or one space after it; `None`
/// when neither follows.
pub(crate) fn after_name(text: &str, end: usize) -> Option<usize> {
    let rest = text.get(end..)?;
    let skip = if rest.starts_with("'s ") {
        3
    } else if rest.starts_with("’s ") {
        "’s ".len()
    } else if rest.starts_with(' ') {
        1
    } else {
        return None;
    };
    Some(end + skip)
}

/// Whether `w` is one of `list`, in any ASCII case.
pub(crate) fn is_one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// `rest` past a possessive "'s" or "’s" that opens it ("'s commitments" gives " commitments").
pub(crate) fn past_possessive(rest: &str) -> &str {
    rest.strip_prefix("'s")
        .or_else(|| rest.strip_prefix("’s"))
        .unwrap_or(rest)
}

/// Whether the word at `pos..` ends in a possessive ("Moldova's", "Chisinau’s").
pub(crate) fn possessive_at(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.starts_with("'s")
        || rest.starts_with("’s")
        || rest.starts_with("s'")
        || rest.starts_with('\'') && !rest.starts_with("' ")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// One automaton pass finds what reading word by word finds.
        #[test]
        fn has_word_of_is_is_one_of_over_words(
            text in "[a-zA-Z' \\-éÉ’.,]{0,40}",
            a in 0usize..45,
            b in 0usize..45,
        ) {
            const LIST: &[&str] = &["deal", "deals", "aid", "it's", "co-op", "é"];
            let ac = aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(LIST)
                .unwrap();
            let by_words = words(&text, a, b).any(|w| is_one_of(w, LIST));
            let valid = a < b && text.is_char_boundary(a.min(text.len())) && b <= text.len()
                && text.is_char_boundary(b);
            if valid {
                proptest::prop_assert_eq!(has_word_of(&text, a, b, &ac), by_words);
            }
        }
    }

    #[test]
    fn words_around_a_position() {
        let t = "Britain, and “the French” will send troops to Moldova.";
        let pos = t.find("will").unwrap();
        assert_eq!(prev_word(t, pos).map(|w| w.1), Some("French"));
        assert_eq!(next_word(t, pos).map(|w| w.1), Some("will"));
        assert_eq!(
            prev_word(t, t.find("and").unwrap()),
            None,
            "a comma stops it"
        );
        let to = t.find("Moldova").unwrap();
        assert_eq!(prev_word_skipping_article(t, to).map(|w| w.1), Some("to"));
        assert_eq!(word_count(t, 0, pos), 4);
        assert!(possessive_at("Moldova's army", 7));
        assert!(!possessive_at("Moldova army", 7));
    }
}
