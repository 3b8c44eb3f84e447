//! `brief.yaml`: what a brief folder says about itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::StoreError;

/// Per-source corrections of what the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceOverride {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// The contents of `brief.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefConfig {
    pub title: String,
    #[serde(default)]
    pub subject: Option<String>,
    /// Template folder, relative to the brief folder; the workspace's `templates/` when absent.
    #[serde(default)]
    pub templates: Option<PathBuf>,
    /// Date stamped into the PDF's metadata (`YYYY-MM-DD`); the newest source date when absent.
    #[serde(default)]
    pub pdf_date: Option<String>,
    /// Overrides of page metadata, by source id (file name without extension).
    #[serde(default)]
    pub sources: BTreeMap<String, SourceOverride>,
    /// The country or territory whose security the commitments are for, by its lexicon code
    /// (`HT`, `KE`): never a committing party.
    #[serde(default)]
    pub beneficiary: Option<String>,
    /// Codes of the parties whose objections are caveats and whose deployments commit nothing.
    #[serde(default)]
    pub adversaries: Vec<String>,
    /// Codes of the groups of states that act as one; the lexicon's default
    /// group when empty.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Extra lexicon entries for this brief, in the format of the built-in lexicon.
    #[serde(default)]
    pub lexicon: Option<serde_yaml::Value>,
}

impl BriefConfig {
    /// Reads and checks `brief.yaml` (a regular file, never read through a link).
    pub fn load(path: &Path) -> Result<BriefConfig, StoreError> {
        let text = crate::fsio::read_string_limited(path, crate::fsio::limits::BRIEF_YAML)
            .map_err(|e| StoreError::io(path, e))?;
        let cfg: BriefConfig =
            serde_yaml::from_str(&text).map_err(|e| StoreError::yaml(path, &e, "a brief.yaml"))?;
        if cfg.title.trim().is_empty() {
            return Err(StoreError::Invalid {
                path: path.display().to_string(),
                message: "`title` is empty; give the brief a title".into(),
            });
        }
        Ok(cfg)
    }
}
