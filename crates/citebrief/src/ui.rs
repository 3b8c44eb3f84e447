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
    eprintln!("{} {subject}", styled(&format!("{verb:>12}"), "1;32"));
}

pub fn warning(message: impl std::fmt::Display) {
    eprintln!("{}: {message}", styled("warning", "1;33"));
}

/// Prints an error and its causes, one per line.
pub fn error(err: &anyhow::Error) {
    eprintln!("{}: {err}", styled("error", "1;31"));
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
