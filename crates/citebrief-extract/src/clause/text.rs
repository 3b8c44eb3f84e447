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
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The word that ends at or before `pos` (skipping spaces, quotes and brackets), with its
/// start; `None` at the start of the text or across other punctuation (a comma stops it).
pub(crate) fn prev_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = &text[..pos];
    let trimmed = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '“' | '”' | '(' | ')' | '«' | '»')
    });
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| wordy(c))
        .last()
        .map(|(i, _)| i)?;
    (start < end).then(|| (start, &text[start..end]))
}

/// The word that starts at or after `pos` (skipping spaces and quotes), with its start.
pub(crate) fn next_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let after = &text[pos..];
    let skip = after.len()
        - after
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '('))
            .len();
    let start = pos + skip;
    let len: usize = text[start..]
        .chars()
        .take_while(|&c| wordy(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (start, &text[start..start + len]))
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
pub(crate) fn word_count(text: &str, a: usize, b: usize) -> usize {
    if a >= b {
        return 0;
    }
    text[a..b]
        .split(|c: char| !wordy(c))
        .filter(|w| !w.is_empty())
        .count()
}

/// The words of `text[a..b]` with their start offsets, last first.
pub(crate) fn words_back(text: &str, a: usize, b: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let part = span(text, a, b);
    let mut start: Option<usize> = None;
    for (i, c) in part
        .char_indices()
        .chain(std::iter::once((part.len(), ' ')))
    {
        if wordy(c) {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((a + st, &part[st..i]));
        }
    }
    out.reverse();
    out
}

/// The words of `text[a..b]`.
pub(crate) fn words(text: &str, a: usize, b: usize) -> impl Iterator<Item = &str> {
    let span = if a < b { &text[a..b] } else { "" };
    span.split(|c: char| !wordy(c)).filter(|w| !w.is_empty())
}

/// The last word of a phrase ("take the lead" gives "lead").
pub(crate) fn last_word(phrase: &str) -> &str {
    phrase
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or(phrase)
}

/// Whether `w` is one of `list`, in any ASCII case.
pub(crate) fn is_one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Whether the word at `pos..` ends in a possessive ("Ukraine's", "Kyiv’s").
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

    #[test]
    fn words_around_a_position() {
        let t = "Britain, and “the French” will send troops to Ukraine.";
        let pos = t.find("will").unwrap();
        assert_eq!(prev_word(t, pos).map(|w| w.1), Some("French"));
        assert_eq!(next_word(t, pos).map(|w| w.1), Some("will"));
        assert_eq!(
            prev_word(t, t.find("and").unwrap()),
            None,
            "a comma stops it"
        );
        let to = t.find("Ukraine").unwrap();
        assert_eq!(prev_word_skipping_article(t, to).map(|w| w.1), Some("to"));
        assert_eq!(word_count(t, 0, pos), 4);
        assert!(possessive_at("Ukraine's army", 7));
        assert!(!possessive_at("Ukraine army", 7));
    }
}
