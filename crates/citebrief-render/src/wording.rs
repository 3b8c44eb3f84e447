//! The words of a brief as data: `wording.yaml` (labels, phrases, and the English used to read
//! sources' words) and `statements.j2` (the sentence of each fact), both templates a user
//! edits ([`Templates`]). No sentence, label or section name is written in Rust.

use std::collections::BTreeMap;

use citebrief_store::{CaveatKind, Domain, Status};
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error};
use serde::{Deserialize, Serialize};

use crate::{RenderError, Templates};

/// The wording file, in every template folder.
pub const WORDING: &str = "wording.yaml";

/// The sentence templates, in every template folder.
pub const STATEMENTS: &str = "statements.j2";

/// `wording.yaml`, as citebrief reads it (templates see all of it, as `wording`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct WordingFile {
    pub no_beneficiary: String,
    pub and: String,
    pub quantity: String,
    pub package: String,
    pub domains: BTreeMap<String, DomainWords>,
    pub statuses: BTreeMap<String, StatusWords>,
    pub caveats: BTreeMap<String, CaveatWords>,
    pub reading: Reading,
}

/// How the brief names what a domain gives.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DomainWords {
    pub label: String,
    pub give: String,
    pub giving: String,
    #[serde(default)]
    pub count: Option<String>,
    #[serde(default)]
    pub counting: Option<String>,
    #[serde(default)]
    pub amount: Option<String>,
    #[serde(default)]
    pub amounting: Option<String>,
    #[serde(default)]
    pub implied: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusWords {
    pub label: String,
    pub mark: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaveatWords {
    pub heading: String,
    #[serde(default)]
    pub heading_by: Option<String>,
    #[serde(default)]
    pub says_by: Option<String>,
    pub lead: String,
    pub says: String,
}

/// The English of sources, as the brief reads it into its own sentences.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub condition_leads: Vec<String>,
    pub comma_before: Vec<String>,
    pub rewrite: BTreeMap<String, String>,
    pub pronouns: Vec<String>,
    /// Words that always point to something said before ("such facilities", "views this
    /// as"); a wording.yaml without them has none.
    #[serde(default)]
    pub demonstratives: Vec<String>,
    pub elide_after: Vec<String>,
    pub be: Vec<String>,
    pub auxiliaries: Vec<String>,
    pub reporting: Vec<String>,
    pub connectives: Vec<String>,
    pub sentence_case: Vec<String>,
    pub clause_breaks: Vec<String>,
    pub amount_words: Vec<String>,
}

/// The wording of one brief: the file, and the sentence templates ready to call.
pub struct Wording {
    pub file: WordingFile,
    /// The file as the templates see it.
    pub value: Value,
    env: Environment<'static>,
    templates: Templates,
}

impl std::fmt::Debug for Wording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wording").finish_non_exhaustive()
    }
}

impl WordingFile {
    pub fn domain(&self, d: Domain) -> &DomainWords {
        &self.domains[d.as_str()]
    }

    pub fn status(&self, s: Status) -> &StatusWords {
        &self.statuses[s.as_str()]
    }

    pub fn caveat(&self, k: CaveatKind) -> &CaveatWords {
        &self.caveats[k.as_str()]
    }
}

impl Wording {
    /// The built-in `wording.yaml` with the values a template folder's sets, and its
    /// `statements.j2` (or the built-in one). An error names the file, and the line where the
    /// YAML reader knows it.
    pub fn load(templates: &Templates) -> Result<Wording, RenderError> {
        let builtin = crate::templates::builtin(WORDING).unwrap_or_default();
        let mut value: serde_yaml::Value =
            serde_yaml::from_str(builtin).map_err(|e| yaml_error(templates, &e, true))?;
        if let Some(dir) = templates.folder() {
            if dir.join(WORDING).exists() {
                let text = templates.load(WORDING)?.unwrap_or_default();
                let mine: serde_yaml::Value =
                    serde_yaml::from_str(&text).map_err(|e| yaml_error(templates, &e, false))?;
                merge(&mut value, mine);
            }
        }
        let file: WordingFile =
            serde_yaml::from_value(value.clone()).map_err(|e| invalid(templates, e.to_string()))?;
        for d in Domain::ALL {
            let w = file
                .domains
                .get(d.as_str())
                .ok_or_else(|| invalid(templates, format!("domains: no entry for `{d}`")))?;
            if w.count.is_some() != w.counting.is_some()
                || w.amount.is_some() != w.amounting.is_some()
            {
                return Err(invalid(
                    templates,
                    format!("domains.{d}: `count` goes with `counting`, `amount` with `amounting`"),
                ));
            }
        }
        for s in Status::ALL {
            if !file.statuses.contains_key(s.as_str()) {
                return Err(invalid(templates, format!("statuses: no entry for `{s}`")));
            }
        }
        for k in CaveatKind::ALL {
            if !file.caveats.contains_key(k.as_str()) {
                return Err(invalid(templates, format!("caveats: no entry for `{k}`")));
            }
        }
        let mut env = templates.environment();
        // sentences are plain text: they are escaped where they are put
        env.set_auto_escape_callback(|_| AutoEscape::None);
        crate::markdown::add_text_filters(&mut env);
        Ok(Wording {
            value: Value::from_serialize(&file),
            file,
            env,
            templates: templates.clone(),
        })
    }

    /// Calls `f` with a function that calls a macro of `statements.j2` with one value and
    /// gives its text as one sentence (line breaks and runs of spaces made one space).
    pub fn with_sentences<R>(
        &self,
        f: impl FnOnce(&dyn Fn(&str, Value) -> Result<String, RenderError>) -> Result<R, RenderError>,
    ) -> Result<R, RenderError> {
        let err = |e: Error| crate::markdown::template_error(&self.templates, e);
        let template = self.env.get_template(STATEMENTS).map_err(err)?;
        let captured = template
            .render_captured(minijinja::context! { wording => self.value.clone() })
            .map_err(err)?;
        let state = captured.state();
        let call = |name: &str, arg: Value| -> Result<String, RenderError> {
            let text = state.call_macro(name, &[arg]).map_err(err)?;
            Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        f(&call)
    }
}

/// `over`'s values replace `base`'s, mapping by mapping.
fn merge(base: &mut serde_yaml::Value, over: serde_yaml::Value) {
    match (base, over) {
        (serde_yaml::Value::Mapping(b), serde_yaml::Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, over) => *slot = over,
    }
}

fn yaml_error(templates: &Templates, e: &serde_yaml::Error, builtin: bool) -> RenderError {
    let file = if builtin {
        std::path::Path::new("built-in templates").join(WORDING)
    } else {
        templates.path_of(WORDING)
    };
    RenderError::Template {
        file,
        line: e.location().map(|l| l.line()),
        message: e.to_string(),
        context: None,
    }
}

fn invalid(templates: &Templates, message: String) -> RenderError {
    RenderError::Template {
        file: templates.path_of(WORDING),
        line: None,
        message,
        context: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_wording_names_every_value_of_the_vocabulary() {
        let w = Wording::load(&Templates::builtin()).unwrap();
        for d in Domain::ALL {
            assert!(!w.file.domain(*d).label.is_empty());
        }
    }

    #[test]
    fn a_wording_file_of_a_folder_changes_only_what_it_sets() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(WORDING),
            "domains:\n  air:\n    label: air power\n",
        )
        .unwrap();
        let w = Wording::load(&Templates::with_folder(dir.path())).unwrap();
        assert_eq!(w.file.domain(Domain::Air).label, "air power");
        assert_eq!(w.file.domain(Domain::Air).give, "provide air support");
        assert_eq!(w.file.domain(Domain::Weapons).label, "weapons");
    }

    #[test]
    fn a_bad_wording_file_is_an_error_naming_it_and_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(WORDING), "domains:\n  air: [\n").unwrap();
        let err = Wording::load(&Templates::with_folder(dir.path()))
            .unwrap_err()
            .to_string();
        let file = dir.path().join(WORDING).display().to_string();
        assert!(err.starts_with(&format!("{file}:3:")), "{err}");
        std::fs::write(dir.path().join(WORDING), "domains:\n  air: {label: [3]}\n").unwrap();
        let err = Wording::load(&Templates::with_folder(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&file), "{err}");
        assert!(err.contains("expected a string"), "{err}");
        std::fs::write(dir.path().join(WORDING), "statuses:\n  signed: null\n").unwrap();
        let err = Wording::load(&Templates::with_folder(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&file), "{err}");
    }
}
