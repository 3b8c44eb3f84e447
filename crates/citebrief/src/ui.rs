//! Messages on standard error, in the manner of cargo: a right-aligned verb, then the subject.

use std::io::IsTerminal;

fn styled(text: &str, code: &str) -> String {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// `   Compiling foo` style status line.
pub fn status(verb: &str, subject: impl std::fmt::Display) {
    eprintln!(
        "{} {}",
        styled(&format!("{verb:>12}"), "1;32"),
        printable(&subject.to_string())
    );
}

pub fn warning(message: impl std::fmt::Display) {
    eprintln!(
        "{}: {}",
        styled("warning", "1;33"),
        printable(&message.to_string())
    );
}

/// Prints an error and its causes, one per line.
pub fn error(err: &anyhow::Error) {
    eprintln!(
        "{}: {}",
        styled("error", "1;31"),
        printable(&err.to_string())
    );
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {}", printable(&cause.to_string()));
    }
}

/// Text from sources and file names as a terminal shows it harmlessly: every control
/// character (escape sequences, bells, carriage returns; C0, DEL and C1) but line breaks and
/// tabs written as `\u{1b}`, so that nothing a source says can move the cursor, retitle the
/// window or hide what is printed.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    escape_controls(text, |c| c == '\n' || c == '\t')
}

/// [`printable`], line breaks and tabs escaped too: for one line of a table.
pub fn printable_line(text: &str) -> std::borrow::Cow<'_, str> {
    escape_controls(text, |_| false)
}

fn escape_controls(text: &str, keep: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && !keep(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_control() && !keep(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_text_is_kept() {
        assert_eq!(printable("plain é text\nnext"), "plain é text\nnext");
        assert_eq!(
            printable("a\x1b]0;pwned\x07b\x1b[31mc\u{9b}d\re"),
            "a\\u{1b}]0;pwned\\u{7}b\\u{1b}[31mc\\u{9b}d\\u{d}e"
        );
        assert_eq!(printable_line("one\ntwo\tthree"), "one\\u{a}two\\u{9}three");
    }
}
