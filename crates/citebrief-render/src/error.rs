//! The renderer's errors.

use std::path::PathBuf;

/// What can go wrong while rendering a brief.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to load, parse or render.
    #[error("{}{}: {message}{}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default(), context.as_deref().map(|c| format!("\n{c}")).unwrap_or_default())]
    Template {
        /// The template file.
        file: PathBuf,
        /// 1-based line in that file, where minijinja knows it.
        line: Option<usize>,
        /// What went wrong.
        message: String,
        /// The offending template line, formatted for display.
        context: Option<String>,
    },
    /// The `typst` program is missing, too old or failed to start.
    #[error("{0}")]
    TypstMissing(String),
    /// `typst compile` reported an error, took too long or wrote too much.
    #[error("typst could not compile the brief into {}:\n{message}", out.display())]
    Typst {
        /// The PDF that was to be written.
        out: PathBuf,
        /// typst's own report, or what went wrong.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl RenderError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> RenderError {
        RenderError::Io {
            path: path.into(),
            source,
        }
    }
}
