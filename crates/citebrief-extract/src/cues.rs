//! The cue table: the phrases that make a clause a commitment, set how firm it is, negate,
//! report or condition it, or state a caveat (`data/cues.yaml`, extendable per brief), compiled
//! into one phrase automaton searched with [`Phrases`].
//!
//! Every group of phrases belongs to a rule of the registry ([`crate::rules`]); the group's
//! `does` says what its phrases do in a clause ([`Does`]).

use std::str::FromStr;
use std::sync::{Arc, LazyLock};

use citebrief_store::{CaveatKind, Status};
use serde::Deserialize;
use smallvec::SmallVec;

use crate::rules;
use crate::scan::{at_word_boundaries, Phrases};

const BUILTIN: &str = include_str!("../data/cues.yaml");

/// Whom a caveat limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum About {
    /// The committing parties of the clause (or of the paragraph's last commitment).
    Actors,
    /// The guarantees as a whole: `about: []`.
    Package,
    /// The party named nearest the cue ("could withdraw American support").
    Near,
    /// An adversary objecting: the parties committing what it objects to.
    Targets,
}

/// What a pronoun stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he, she: the person last named in the paragraph.
    Person,
    /// it, the country, his government: the country of the person or the country last named.
    Country,
    /// they, the signatories: the group last named as a subject.
    Group,
    /// we, our: the speaker's country, or the group the speaker speaks for.
    Speaker,
}

/// What a cue phrase does in its clause (the `does:` of `data/cues.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Does {
    /// Sets the clause's status: sign, pledge, offer, plan, discuss.
    Status(Status),
    /// A verb of providing: marks a predicate; its status is the clause's.
    Provide,
    /// A noun of providing: marks what is given, commits to nothing by itself.
    ProvideNoun,
    /// Leading or commanding.
    Lead,
    /// Refuses what follows ("will not send").
    Refuse,
    /// Refuses what precedes ("is not foreseen").
    RefuseAfter,
    /// Reports someone's statement.
    Report,
    /// Thanks a party for something.
    Thank,
    /// Asks a party for something.
    Ask,
    /// Opens a condition phrase.
    Condition,
    /// Ends a clause.
    Boundary,
    Caveat(CaveatKind, About),
    Pronoun(Pronoun),
    Observer,
    Neutral,
    /// What a force already counts ("has", "have come from"): read with the names after
    /// "from" (`clause::presence`).
    Presence,
}

impl Does {
    /// Parses a group's `does:` (and, for a caveat, its `caveat:` and `about:`).
    fn parse(does: &str, caveat: Option<&str>, about: Option<&str>) -> Result<Does, String> {
        let status = |s| Ok(Does::Status(s));
        match does {
            "sign" => status(Status::Signed),
            "pledge" => status(Status::Pledged),
            "offer" => status(Status::Offered),
            "plan" => status(Status::Planned),
            "discuss" => status(Status::Discussed),
            "provide" => Ok(Does::Provide),
            "provide-noun" => Ok(Does::ProvideNoun),
            "lead" => Ok(Does::Lead),
            "refuse" => Ok(Does::Refuse),
            "refuse-after" => Ok(Does::RefuseAfter),
            "report" => Ok(Does::Report),
            "thank" => Ok(Does::Thank),
            "ask" => Ok(Does::Ask),
            "condition" => Ok(Does::Condition),
            "boundary" => Ok(Does::Boundary),
            "pronoun-person" => Ok(Does::Pronoun(Pronoun::Person)),
            "pronoun-country" => Ok(Does::Pronoun(Pronoun::Country)),
            "pronoun-group" => Ok(Does::Pronoun(Pronoun::Group)),
            "pronoun-speaker" => Ok(Does::Pronoun(Pronoun::Speaker)),
            "observer" => Ok(Does::Observer),
            "neutral" => Ok(Does::Neutral),
            "presence" => Ok(Does::Presence),
            "caveat" => {
                let kind = caveat.ok_or("a caveat group needs `caveat:` (its kind)")?;
                let kind = CaveatKind::from_str(kind)?;
                let about = match about.unwrap_or("actors") {
                    "actors" => About::Actors,
                    "package" => About::Package,
                    "near" => About::Near,
                    "targets" => About::Targets,
                    other => {
                        return Err(format!(
                        "unknown about `{other}`; expected one of: actors, package, near, targets"
                    ))
                    }
                };
                Ok(Does::Caveat(kind, about))
            }
            other => Err(format!(
                "unknown does `{other}`; expected one of: sign, pledge, offer, plan, discuss, \
                 provide, provide-noun, lead, refuse, refuse-after, report, thank, ask, \
                 condition, boundary, caveat, pronoun-person, pronoun-country, pronoun-group, \
                 pronoun-speaker, observer, neutral, presence"
            )),
        }
    }
}

/// One group of `data/cues.yaml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GroupSpec {
    rule: String,
    #[serde(default)]
    does: Option<String>,
    #[serde(default)]
    caveat: Option<String>,
    #[serde(default)]
    about: Option<String>,
    phrases: Vec<String>,
}

/// A compiled group: its rule and what its phrases do.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub rule: &'static str,
    pub does: Does,
}

/// The cue groups and one automaton of all their phrases.
#[derive(Debug, Clone)]
pub(crate) struct CueTable {
    specs: Vec<GroupSpec>,
    pub groups: Vec<Group>,
    pub phrases: Phrases,
    /// Per phrase: the groups it belongs to (a phrase may be in several, e.g. "ruled out").
    of_phrase: Vec<SmallVec<[u16; 2]>>,
}

/// A cue found in a text: byte range and group.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    pub start: usize,
    pub end: usize,
    pub group: u16,
}

static BUILTIN_TABLE: LazyLock<Arc<CueTable>> = LazyLock::new(|| {
    let specs: Vec<GroupSpec> =
        serde_yaml::from_str(BUILTIN).expect("data/cues.yaml follows the cue format");
    Arc::new(CueTable::build(specs).expect("data/cues.yaml names registered rules"))
});

impl CueTable {
    /// The table shipped with citebrief (`data/cues.yaml`).
    pub(crate) fn builtin() -> Arc<CueTable> {
        Arc::clone(&BUILTIN_TABLE)
    }

    fn build(specs: Vec<GroupSpec>) -> Result<CueTable, String> {
        let mut groups = Vec::with_capacity(specs.len());
        let mut phrases: Vec<String> = Vec::new();
        let mut of_phrase: Vec<SmallVec<[u16; 2]>> = Vec::new();
        let mut index: foldhash::HashMap<String, usize> = Default::default();
        for (g, spec) in specs.iter().enumerate() {
            let rule = rules::lookup(&spec.rule).ok_or_else(|| {
                format!(
                    "cues[{g}]: unknown rule `{}`; a cue group extends one of the registry's \
                     rules (`citebrief inspect --rules` lists them)",
                    spec.rule
                )
            })?;
            let does = match &spec.does {
                Some(d) => Does::parse(d, spec.caveat.as_deref(), spec.about.as_deref())
                    .map_err(|e| format!("cues[{g}] ({}): {e}", spec.rule))?,
                None => return Err(format!("cues[{g}] ({}): `does:` is missing", spec.rule)),
            };
            groups.push(Group { rule, does });
            for p in &spec.phrases {
                // spaces around punctuation are part of a phrase (" - " is a dash, "-" is not)
                let p = p.as_str();
                if p.trim().is_empty() {
                    return Err(format!("cues[{g}] ({}): an empty phrase", spec.rule));
                }
                let key = p.to_ascii_lowercase();
                let i = *index.entry(key).or_insert_with(|| {
                    phrases.push(p.to_string());
                    of_phrase.push(SmallVec::new());
                    phrases.len() - 1
                });
                if !of_phrase[i].contains(&(g as u16)) {
                    of_phrase[i].push(g as u16);
                }
            }
        }
        let phrases =
            Phrases::new(&phrases).map_err(|e| format!("cues: the phrase automaton: {e}"))?;
        Ok(CueTable {
            specs,
            groups,
            phrases,
            of_phrase,
        })
    }

    /// The table with the groups of `value` (a list in the format of `data/cues.yaml`) added:
    /// a group whose rule and `does` exist gains its phrases, any other is a new group.
    pub(crate) fn extended(&self, value: &serde_yaml::Value) -> Result<CueTable, String> {
        let more: Vec<GroupSpec> = serde_yaml::from_value(value.clone()).map_err(|e| {
            format!("cues: {e}; expected a list of groups `{{rule, does, phrases}}`")
        })?;
        let mut specs = self.specs.clone();
        for (i, mut m) in more.into_iter().enumerate() {
            if m.does.is_none() {
                m.does = specs
                    .iter()
                    .find(|s| s.rule == m.rule)
                    .and_then(|s| s.does.clone());
                if m.does.is_none() {
                    return Err(format!(
                        "cues[{i}] ({}): `does:` is missing and no built-in group of this rule \
                         gives one",
                        m.rule
                    ));
                }
            }
            match specs.iter_mut().find(|s| {
                s.rule == m.rule && s.does == m.does && s.caveat == m.caveat && s.about == m.about
            }) {
                Some(s) => s.phrases.extend(m.phrases),
                None => specs.push(m),
            }
        }
        CueTable::build(specs)
    }

    /// The hits of phrase `pid` found at `start..end` of `text`, unless it is a word inside
    /// a word: one per group the phrase belongs to.
    #[inline]
    pub(crate) fn hit(
        &self,
        text: &str,
        start: usize,
        end: usize,
        pid: usize,
        out: &mut Vec<CueHit>,
    ) {
        let punct = match text.as_bytes()[start] {
            c if c.is_ascii() => !c.is_ascii_alphanumeric(),
            _ => !text[start..end].starts_with(char::is_alphanumeric),
        };
        if !punct && !at_word_boundaries(text, start, end) {
            return;
        }
        // a word of a hyphenated compound ("US-led", "long-term") is no cue by itself
        let bytes = text.as_bytes();
        if !punct && (start > 0 && bytes[start - 1] == b'-' || bytes.get(end) == Some(&b'-')) {
            return;
        }
        // "in May", "on 3 May": the month, not the modal (which is capitalised only where a
        // sentence starts)
        if &text[start..end] == "May" && !text[..start].trim_end().is_empty() {
            return;
        }
        for &group in &self.of_phrase[pid] {
            out.push(CueHit { start, end, group });
        }
    }

    pub(crate) fn does(&self, hit: &CueHit) -> Does {
        self.groups[usize::from(hit.group)].does
    }

    pub(crate) fn rule(&self, hit: &CueHit) -> &'static str {
        self.groups[usize::from(hit.group)].rule
    }

    /// The rules the table's groups name, each once.
    #[cfg(test)]
    pub(crate) fn rules(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self.groups.iter().map(|g| g.rule).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_builds_and_names_registered_rules() {
        let t = CueTable::builtin();
        assert!(t.groups.len() > 20);
        for r in t.rules() {
            assert!(rules::lookup(r).is_some(), "{r}");
        }
    }

    #[test]
    fn a_bad_group_is_an_error_naming_it() {
        let t = CueTable::builtin();
        let bad: serde_yaml::Value =
            serde_yaml::from_str("- {rule: status.nonsense, does: pledge, phrases: [x]}").unwrap();
        let err = t.extended(&bad).unwrap_err();
        assert!(err.contains("status.nonsense"), "{err}");
        let bad: serde_yaml::Value =
            serde_yaml::from_str("- {rule: status.pledge, does: swear, phrases: [x]}").unwrap();
        assert!(t.extended(&bad).unwrap_err().contains("swear"));
        let empty: serde_yaml::Value =
            serde_yaml::from_str("- {rule: status.pledge, phrases: ['  ']}").unwrap();
        assert!(t.extended(&empty).unwrap_err().contains("empty phrase"));
    }

    #[test]
    fn an_extension_adds_phrases_to_its_rule() {
        let t = CueTable::builtin();
        let more: serde_yaml::Value =
            serde_yaml::from_str("- {rule: status.pledge, phrases: [swore to]}").unwrap();
        let t = t.extended(&more).unwrap();
        let mut hits = Vec::new();
        let text = "Norway swore to send ships";
        t.phrases
            .for_each(text, |s, e, pid| t.hit(text, s, e, pid, &mut hits));
        assert!(hits
            .iter()
            .any(|h| &text[h.start..h.end] == "swore to" && t.rule(h) == "status.pledge"));
    }
}
