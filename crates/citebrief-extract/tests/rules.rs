//! The rule cases of `tests/rules.yaml`: for each, a text of our own and the facts it must
//! give, checked by one harness. Every rule of the registry (`citebrief_extract::RULES`) must
//! have at least one case, and every rule a fact names must be registered.
//!
//! A case:
//!
//! ```yaml
//! - rule: status.offer                 # the rule the case is for
//!   text: Norway is ready to send two frigates to the Black Sea.
//!   commitments: [NO maritime offered] # every commitment found, exactly: ACTORS DOMAIN STATUS
//!   caveats: [after-ceasefire NO]      # when given, every caveat found: KIND ABOUT (`*`: none)
//!   claims: [meeting date]             # when given, the topics of the claims found
//!   details:                           # when given, a commitment's details as written
//!     NO maritime offered: {quantity: two frigates}
//!   words:                             # when given, the words its citation read
//!     NO maritime offered: {actor: Norway, status: is ready to send, domain: frigates}
//!   fires: false                       # the rule blocks a fact: it names none (default true)
//! ```
//!
//! ACTORS are codes joined by `+` (`FR+GB`); `ruled-out` is a refusal (negative polarity).

use std::collections::BTreeSet;
use std::path::Path;

use citebrief_extract::{explain, extract, Lexicon, RULES};
use citebrief_store::{Commitment, Extraction, Polarity};
use serde::Deserialize;
use serde_yaml::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    rule: String,
    text: String,
    #[serde(default)]
    commitments: Vec<String>,
    #[serde(default)]
    caveats: Option<Vec<String>>,
    #[serde(default)]
    claims: Option<Vec<String>>,
    #[serde(default)]
    details: Option<Value>,
    #[serde(default)]
    words: Option<Value>,
    #[serde(default = "yes")]
    fires: bool,
}

fn yes() -> bool {
    true
}

/// `tests/rules.yaml`: the brief the cases are read in, and the cases.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    brief: citebrief_store::BriefConfig,
    cases: Vec<Case>,
}

fn rule_file() -> &'static RuleFile {
    static FILE: std::sync::OnceLock<RuleFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules.yaml");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

fn cases() -> &'static [Case] {
    &rule_file().cases
}

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(|| Lexicon::of_brief(&rule_file().brief).expect("the cases' brief reads"))
}

fn key(c: &Commitment) -> String {
    let actors = c.actors.join("+");
    let status = if c.polarity == Polarity::Negative {
        "ruled-out".to_string()
    } else {
        c.status.to_string()
    };
    format!("{actors} {} {status}", c.domain)
}

fn extraction(text: &str) -> (Extraction, Vec<citebrief_extract::Finding>) {
    // every line is article text: a case is a sentence or two, not a scraped page
    let docs = vec![citebrief_source::read_bytes_whole(
        "case",
        format!("{text}\n").as_bytes(),
    )];
    let lex = lexicon();
    (extract(&docs, lex), explain(&docs[0], lex))
}

/// What the case got wrong, if anything.
fn check(case: &Case) -> Vec<String> {
    let (ex, findings) = extraction(&case.text);
    let mut errors = Vec::new();
    let got: BTreeSet<String> = ex.commitments.iter().map(key).collect();
    let want: BTreeSet<String> = case
        .commitments
        .iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    if got != want {
        errors.push(format!("commitments: got {got:?}, want {want:?}"));
    }
    if let Some(want) = &case.caveats {
        let got: BTreeSet<String> = ex
            .caveats
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c.caveat,
                    if c.about.is_empty() {
                        "*".into()
                    } else {
                        c.about.join("+")
                    }
                )
            })
            .collect();
        let want: BTreeSet<String> = want.iter().cloned().collect();
        if got != want {
            errors.push(format!("caveats: got {got:?}, want {want:?}"));
        }
    }
    if let Some(want) = &case.claims {
        let got: BTreeSet<String> = findings
            .iter()
            .filter(|f| f.kind == "claim")
            .map(|f| {
                f.statement
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        let want: BTreeSet<String> = want.iter().cloned().collect();
        if !want.is_subset(&got) {
            errors.push(format!("claims: got {got:?}, want {want:?}"));
        }
    }
    for (field, spec) in [("details", &case.details), ("words", &case.words)] {
        let Some(Value::Mapping(map)) = spec else {
            continue;
        };
        for (k, v) in map {
            let k = k.as_str().unwrap_or_default();
            let Some(c) = ex.commitments.iter().find(|c| key(c) == k) else {
                errors.push(format!("{field}: no commitment {k}"));
                continue;
            };
            let Value::Mapping(fields) = v else { continue };
            for (name, value) in fields {
                let (name, value) = (
                    name.as_str().unwrap_or_default(),
                    value.as_str().unwrap_or_default(),
                );
                let have: Option<String> = match (field, name) {
                    ("details", "quantity") => c.quantity.clone(),
                    ("details", "condition") => c.condition.clone(),
                    ("details", "instrument") => c.instrument.clone(),
                    ("words", _) => c.citations.iter().find_map(|x| {
                        x.words()
                            .named()
                            .find(|(n, _)| *n == name)
                            .map(|(_, w)| w.to_string())
                    }),
                    _ => Some(format!("unknown field {name}")),
                };
                if have.as_deref() != Some(value) {
                    errors.push(format!(
                        "{field}.{name} of {k}: got {have:?}, want {value:?}"
                    ));
                }
            }
        }
    }
    let fired = findings
        .iter()
        .any(|f| f.rules.iter().any(|r| r == &case.rule))
        || ex
            .discrepancies
            .iter()
            .any(|d| d.meta.rules.iter().any(|r| r == &case.rule));
    if case.fires && !fired {
        errors.push(format!("rule {} did not fire", case.rule));
    }
    errors
}

#[test]
fn every_rule_case_gives_its_facts() {
    let mut failures = Vec::new();
    for case in cases() {
        let errors = check(case);
        if !errors.is_empty() {
            failures.push(format!(
                "{}: {:?}\n    {}",
                case.rule,
                case.text,
                errors.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_registered_rule_has_a_case_and_every_case_a_registered_rule() {
    let cases = cases();
    let tested: BTreeSet<&str> = cases.iter().map(|c| c.rule.as_str()).collect();
    let registered: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    let untested: Vec<&&str> = registered.difference(&tested).collect();
    let unknown: Vec<&&str> = tested.difference(&registered).collect();
    assert!(
        untested.is_empty(),
        "rules without a case in tests/rules.yaml: {untested:?}"
    );
    assert!(
        unknown.is_empty(),
        "cases of unregistered rules: {unknown:?}"
    );
}

#[test]
fn every_rule_a_fact_names_is_registered() {
    let registered: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    let mut unknown = BTreeSet::new();
    for case in cases() {
        let (ex, findings) = extraction(&case.text);
        for f in &findings {
            for r in &f.rules {
                if !registered.contains(r.as_ref()) {
                    unknown.insert(r.to_string());
                }
            }
        }
        for d in &ex.discrepancies {
            for r in &d.meta.rules {
                if !registered.contains(r.as_ref()) {
                    unknown.insert(r.to_string());
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "rules named by facts but not registered: {unknown:?}"
    );
}
