//! Line splitting that numbers lines as they lie on disk.

use crate::Line;

/// Splits at LF, CRLF and CR. Every terminator ends one line; a last line without one still
/// counts. Lines are numbered from 1 and hold no terminator. `body` is false.
pub fn split_lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut number) = (0usize, 1u32);
    let mut push = |start: usize, end: usize| {
        out.push(Line {
            number,
            start,
            end,
            body: false,
        });
        number += 1;
    };
    for at in memchr::memchr2_iter(b'\n', b'\r', b) {
        if at < start {
            continue; // the LF of a CRLF already taken
        }
        push(start, at);
        start = at
            + if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
    }
    if start < b.len() {
        push(start, b.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_lines(text)
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect()
    }

    #[test]
    fn all_three_line_ends_count() {
        assert_eq!(texts("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(texts("a\r\rb\n"), ["a", "", "b"]);
        assert_eq!(split_lines("x\r\ny").last().map(|l| l.number), Some(2));
        assert!(split_lines("").is_empty());
        assert_eq!(texts("\n"), [""]);
    }
}
