//! The vocabulary's built-in labels, read from the wording that ships with citebrief
//! (`templates/wording.yaml`), so that no label is written in Rust.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::model::Domain;

/// The built-in wording file (the renderer reads the same file, and a brief's own).
const BUILTIN: &str = include_str!("../../../templates/wording.yaml");

static DOMAIN_LABELS: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct Label {
        label: String,
    }
    #[derive(serde::Deserialize)]
    struct File {
        domains: BTreeMap<String, Label>,
    }
    let file: File =
        serde_yaml::from_str(BUILTIN).expect("templates/wording.yaml is valid (a test checks it)");
    file.domains
        .into_iter()
        .map(|(k, v)| (k, v.label))
        .collect()
});

/// The built-in label of a domain; its vocabulary name when the wording has none.
pub(crate) fn domain_label(d: Domain) -> &'static str {
    DOMAIN_LABELS
        .get(d.as_str())
        .map_or(d.as_str(), String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_has_a_built_in_label() {
        for d in Domain::ALL {
            assert!(DOMAIN_LABELS.contains_key(d.as_str()), "{d}");
        }
        assert_eq!(Domain::GroundForces.label(), "ground forces");
    }
}
