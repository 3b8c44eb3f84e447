//! Errors that name the file, and the line and column where there is one.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Malformed YAML or a value outside the vocabulary.
    #[error(
        "{path}:{line}:{column}: {message}\n  = help: fix {what} by hand; it was left untouched"
    )]
    Yaml {
        path: String,
        line: usize,
        column: usize,
        message: String,
        what: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    /// No fact has this id; `closest` holds the ids that look like it.
    #[error("no fact has the id `{id}`{}", did_you_mean(.closest))]
    UnknownId { id: String, closest: Vec<String> },
}

fn did_you_mean(closest: &[String]) -> String {
    if closest.is_empty() {
        "\n  = help: list the ids with `citebrief facts`".to_string()
    } else {
        format!(
            "\n  = help: did you mean {}?",
            closest
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.display().to_string(),
            source,
        }
    }

    pub fn yaml(path: &Path, err: &serde_yaml::Error, what: &str) -> StoreError {
        let (line, column) = err
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        // serde_yaml appends " at line L column C"; we print the position up front instead.
        let mut message = err.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        StoreError::Yaml {
            path: path.display().to_string(),
            line,
            column,
            message,
            what: what.to_string(),
        }
    }
}
