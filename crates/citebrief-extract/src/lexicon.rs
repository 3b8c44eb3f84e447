//! The actor and domain lexicon: a YAML data file, extendable per brief, compiled into one
//! Aho-Corasick DFA, searched with [`Phrases`].

use std::collections::BTreeMap;
use std::str::FromStr;

use citebrief_store::Domain;
use serde::Deserialize;

use std::sync::Arc;

use crate::cues::{CueHit, CueTable};
use crate::presume::Mentions;
use crate::scan::{self, at_word_boundaries, Phrases};

const WORLD: &str = include_str!("../data/world.yaml");
const BUILTIN: &str = include_str!("../data/lexicon.yaml");

/// Words that, right before a capital, make it a venue rather than a government.
const VENUE_WORDS: &[&str] = &[
    "in", "at", "to", "from", "near", "outside", "into", "via", "visit", "visited", "visiting",
    "visits", "across", "around", "toward", "towards", "through",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorSpec {
    code: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
    #[serde(default)]
    people: Vec<PersonSpec>,
    #[serde(default)]
    opponent: bool,
    /// An organisation of states (NATO, the EU): its members may be called "the allies".
    #[serde(default)]
    bloc: bool,
    /// A group of states acting as one, the group of a brief that names no `groups`.
    #[serde(default)]
    group: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonSpec {
    names: Vec<String>,
    #[serde(default)]
    office: Option<String>,
}

/// Who a brief is about, presumed from its sources when brief.yaml does not say
/// ([`Lexicon::presume`]), by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presumed {
    pub beneficiary: Option<String>,
    pub adversary: Option<String>,
}

impl Presumed {
    /// What a source's facts depend on beside the source and brief.yaml, for a cache key.
    pub fn key(&self) -> String {
        format!("{:?} {:?}", self.beneficiary, self.adversary)
    }
}

/// Who a brief is about (brief.yaml's `beneficiary`, `adversaries` and `groups`), by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// The country or territory whose security the commitments are for: never a committing
    /// party.
    pub beneficiary: Option<String>,
    /// Parties whose objections are caveats and whose deployments commit nothing.
    pub adversaries: Vec<String>,
    /// Groups of states acting as one, never split into members; the first is
    /// the group an article's unnamed "allies" and "leaders" are.
    pub groups: Vec<String>,
}

/// How a text names an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Name,
    Demonym,
    Capital,
    Person,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Actor {
        actor: u16,
        form: Form,
    },
    Domain(Domain),
    /// A word for the people of a force that does not say which kind (`force_words`).
    Force,
    Ignore,
}

/// What one lexicon match in a sentence stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hit {
    Actor {
        actor: u16,
        form: Form,
    },
    Domain(Domain),
    /// "personnel", "officers": police or troops, as the article's force is.
    Force,
}

/// A lexicon match: byte range within the scanned text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LexHit {
    pub start: usize,
    pub end: usize,
    pub hit: Hit,
}

/// Office phrases (lower case), indexed by their first and their last byte: they are looked
/// for at every name, so each look reads only the phrases that can match there.
#[derive(Debug, Clone)]
struct Offices {
    phrases: Vec<String>,
    by_first: Vec<Vec<u32>>,
    by_last: Vec<Vec<u32>>,
}

impl Default for Offices {
    fn default() -> Offices {
        Offices {
            phrases: Vec::new(),
            by_first: vec![Vec::new(); 256],
            by_last: vec![Vec::new(); 256],
        }
    }
}

impl Offices {
    fn extend(&mut self, phrases: impl IntoIterator<Item = String>) {
        for p in phrases {
            let (Some(&first), Some(&last)) = (p.as_bytes().first(), p.as_bytes().last()) else {
                continue;
            };
            let i = self.phrases.len() as u32;
            self.by_first[usize::from(first.to_ascii_lowercase())].push(i);
            self.by_last[usize::from(last.to_ascii_lowercase())].push(i);
            self.phrases.push(p);
        }
        // longest first: the first phrase that matches is the longest (`office_at`,
        // `office_before`)
        let phrases = &self.phrases;
        for bucket in self.by_first.iter_mut().chain(self.by_last.iter_mut()) {
            bucket.sort_by_key(|&i| std::cmp::Reverse(phrases[i as usize].len()));
        }
    }
}

/// The names of the blocs, in one automaton: a document is read once for all of them.
#[derive(Debug, Clone)]
struct BlocNames {
    matcher: aho_corasick::AhoCorasick,
    /// Per pattern, its bloc.
    actor: Vec<u16>,
}

impl Default for BlocNames {
    fn default() -> BlocNames {
        BlocNames::of(&[]).expect("an automaton of no names")
    }
}

impl BlocNames {
    fn of(actors: &[ActorSpec]) -> Result<BlocNames, String> {
        let (mut names, mut actor) = (Vec::new(), Vec::new());
        for (i, a) in actors.iter().enumerate().filter(|(_, a)| a.bloc) {
            for n in a.names.iter().filter(|n| n.len() >= 2) {
                names.push(n.as_str());
                actor.push(i as u16);
            }
        }
        let matcher = aho_corasick::AhoCorasick::new(&names)
            .map_err(|e| format!("lexicon: the blocs' names do not build a matcher: {e}"))?;
        Ok(BlocNames { matcher, actor })
    }
}

/// Actors and domain keywords the extractor recognises.
#[derive(Debug, Clone)]
pub struct Lexicon {
    actors: Vec<ActorSpec>,
    domains: Vec<(Domain, Vec<String>)>,
    ignore: Vec<String>,
    patterns: Vec<(String, Meaning)>,
    /// Per pattern: whether it has a lower-case letter (acronyms have none).
    has_lower: Vec<bool>,
    matcher: Phrases,
    /// The cue phrases (`data/cues.yaml` and the brief's additions).
    cues: Arc<CueTable>,
    /// Office words that stand for a country's government after its name ("president").
    offices: Offices,
    /// The names of the organisations of states (`bloc: true`), to find in a whole document.
    bloc_names: BlocNames,
    /// Words for a force's people that do not say whether they are police or troops.
    force_words: Vec<String>,
    /// Who the brief is about ([`Lexicon::set_subject`]).
    beneficiary: Option<u16>,
    /// When brief.yaml names no beneficiary: the country the brief's sources are about
    /// ([`Lexicon::presume`]).
    presumed: Option<u16>,
    groups: Vec<u16>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin()
    }
}

impl Lexicon {
    /// The lexicon shipped with citebrief: the world (`data/world.yaml`), then what any brief
    /// needs (`data/lexicon.yaml`).
    pub fn builtin() -> Lexicon {
        static BUILT: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::load);
        BUILT.clone()
    }

    fn load() -> Lexicon {
        let world: serde_yaml::Value =
            serde_yaml::from_str(WORLD).expect("data/world.yaml is valid YAML");
        let value: serde_yaml::Value =
            serde_yaml::from_str(BUILTIN).expect("data/lexicon.yaml is valid YAML");
        let mut lex = Lexicon {
            actors: Vec::new(),
            domains: Vec::new(),
            ignore: Vec::new(),
            patterns: Vec::new(),
            has_lower: Vec::new(),
            matcher: Phrases::new(["\0"]).expect("trivial automaton"),
            cues: CueTable::builtin(),
            offices: Offices::default(),
            bloc_names: BlocNames::default(),
            force_words: Vec::new(),
            beneficiary: None,
            presumed: None,
            groups: Vec::new(),
        };
        lex.extend(&world)
            .expect("data/world.yaml follows the lexicon format");
        lex.extend(&value)
            .expect("data/lexicon.yaml follows the lexicon format");
        lex
    }

    /// Adds entries in the lexicon's format (the `lexicon:` key of `brief.yaml`): `actors`,
    /// `domains`, `ignore`, and `cues` (groups in the format of `data/cues.yaml`). An actor
    /// whose code exists gains the new names and people.
    pub fn extend(&mut self, value: &serde_yaml::Value) -> Result<(), String> {
        let map = match value {
            serde_yaml::Value::Mapping(m) => m,
            serde_yaml::Value::Null => return Ok(()),
            _ => {
                return Err(
                    "lexicon: expected a mapping with `actors`, `offices`, `domains`, \
                     `force_words`, `ignore` or `cues`"
                        .into(),
                )
            }
        };
        for (key, v) in map {
            match key.as_str() {
                Some("actors") => self.extend_actors(v)?,
                Some("domains") => self.extend_domains(v)?,
                Some("ignore") => {
                    let words: Vec<String> = serde_yaml::from_value(v.clone())
                        .map_err(|e| format!("lexicon.ignore: {e}; expected a list of phrases"))?;
                    if let Some(i) = words.iter().position(|w| w.trim().is_empty()) {
                        return Err(format!("lexicon.ignore[{i}]: an empty phrase"));
                    }
                    self.ignore.extend(words);
                }
                Some("force_words") => {
                    let words: Vec<String> = serde_yaml::from_value(v.clone()).map_err(|e| {
                        format!("lexicon.force_words: {e}; expected a list of words")
                    })?;
                    if let Some(i) = words.iter().position(|w| w.trim().is_empty()) {
                        return Err(format!("lexicon.force_words[{i}]: an empty word"));
                    }
                    self.force_words.extend(words);
                }
                Some("offices") => {
                    let words: Vec<String> = serde_yaml::from_value(v.clone()).map_err(|e| {
                        format!("lexicon.offices: {e}; expected a list of office words")
                    })?;
                    if let Some(i) = words.iter().position(|w| w.trim().is_empty()) {
                        return Err(format!("lexicon.offices[{i}]: an empty phrase"));
                    }
                    self.offices
                        .extend(words.iter().map(|w| w.trim().to_lowercase()));
                }
                Some("cues") => {
                    self.cues =
                        Arc::new(self.cues.extended(v).map_err(|e| format!("lexicon.{e}"))?);
                }
                _ => {
                    return Err(format!(
                        "lexicon: unknown key `{}`; expected `actors`, `offices`, `domains`, \
                     `force_words`, `ignore` or `cues`",
                        key.as_str().unwrap_or("?")
                    ))
                }
            }
        }
        self.rebuild()
    }

    fn extend_actors(&mut self, v: &serde_yaml::Value) -> Result<(), String> {
        let seq = v
            .as_sequence()
            .ok_or("lexicon.actors: expected a list of actors")?;
        for (i, entry) in seq.iter().enumerate() {
            let spec: ActorSpec = serde_yaml::from_value(entry.clone())
                .map_err(|e| format!("lexicon.actors[{i}]: {e}"))?;
            if !valid_code(&spec.code) {
                return Err(format!(
                    "lexicon.actors[{i}]: code `{}` is not an ISO 3166-1 alpha-2 code (`GB`) \
                     or an upper-case body name (`EU`, `NATO`, `G7`)",
                    spec.code
                ));
            }
            let forms = spec
                .names
                .iter()
                .chain(&spec.demonyms)
                .chain(&spec.capitals);
            let person_names = spec.people.iter().flat_map(|p| &p.names);
            if let Some(bad) = forms.chain(person_names).find(|n| n.trim().is_empty()) {
                return Err(format!(
                    "lexicon.actors[{i}] ({}): empty name `{bad}`",
                    spec.code
                ));
            }
            if let Some(p) = spec.people.iter().find(|p| p.names.is_empty()) {
                return Err(format!(
                    "lexicon.actors[{i}] ({}): a person (office {:?}) has no names",
                    spec.code,
                    p.office.as_deref().unwrap_or("")
                ));
            }
            match self.actors.iter_mut().find(|a| a.code == spec.code) {
                Some(a) => {
                    if spec.name.is_some() {
                        a.name = spec.name;
                    }
                    a.names.extend(spec.names);
                    a.demonyms.extend(spec.demonyms);
                    a.capitals.extend(spec.capitals);
                    a.people.extend(spec.people);
                    a.opponent |= spec.opponent;
                    a.bloc |= spec.bloc;
                    a.group |= spec.group;
                }
                None if spec.name.is_none() => {
                    return Err(format!(
                        "lexicon.actors[{i}] ({}): a new actor needs a `name` for statements",
                        spec.code
                    ))
                }
                None => self.actors.push(spec),
            }
        }
        Ok(())
    }

    fn extend_domains(&mut self, v: &serde_yaml::Value) -> Result<(), String> {
        let map: BTreeMap<String, Vec<String>> = serde_yaml::from_value(v.clone())
            .map_err(|e| format!("lexicon.domains: {e}; expected `domain: [keywords]`"))?;
        for (name, words) in map {
            let domain = Domain::from_str(&name).map_err(|e| format!("lexicon.domains: {e}"))?;
            if let Some(i) = words.iter().position(|w| w.trim().is_empty()) {
                return Err(format!(
                    "lexicon.domains.{name}[{i}]: an empty keyword; give the words that name it"
                ));
            }
            match self.domains.iter_mut().find(|(d, _)| *d == domain) {
                Some((_, list)) => list.extend(words),
                None => self.domains.push((domain, words)),
            }
        }
        Ok(())
    }

    fn rebuild(&mut self) -> Result<(), String> {
        let mut patterns = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            let actor = i as u16;
            let mut add = |names: &[String], form| {
                for n in names {
                    patterns.push((n.trim().to_string(), Meaning::Actor { actor, form }));
                }
            };
            add(&a.names, Form::Name);
            add(&a.demonyms, Form::Demonym);
            add(&a.capitals, Form::Capital);
            for p in &a.people {
                add(&p.names, Form::Person);
            }
        }
        for (d, words) in &self.domains {
            patterns.extend(
                words
                    .iter()
                    .map(|w| (w.trim().to_string(), Meaning::Domain(*d))),
            );
        }
        patterns.extend(
            self.force_words
                .iter()
                .map(|w| (w.trim().to_string(), Meaning::Force)),
        );
        patterns.extend(
            self.ignore
                .iter()
                .map(|w| (w.trim().to_string(), Meaning::Ignore)),
        );
        self.matcher = Phrases::new(patterns.iter().map(|(p, _)| p.as_str()))
            .map_err(|e| format!("lexicon: its names and keywords do not build a matcher: {e}"))?;
        self.has_lower = patterns
            .iter()
            .map(|(p, _)| p.chars().any(char::is_lowercase))
            .collect();
        self.patterns = patterns;
        self.bloc_names = BlocNames::of(&self.actors)?;
        Ok(())
    }

    /// Every place in `text` where a bloc's name of two bytes or more stands (overlaps
    /// included): the bloc, the start and the end.
    pub(crate) fn bloc_names_in<'s>(
        &'s self,
        text: &'s str,
    ) -> impl Iterator<Item = (u16, usize, usize)> + 's {
        self.bloc_names
            .matcher
            .find_overlapping_iter(text)
            .map(|m| {
                (
                    self.bloc_names.actor[m.pattern().as_usize()],
                    m.start(),
                    m.end(),
                )
            })
    }

    /// Actor code to the name used in statements (`GB` -> "the United Kingdom").
    pub fn actor_names(&self) -> BTreeMap<String, String> {
        self.actors
            .iter()
            .map(|a| {
                (
                    a.code.clone(),
                    a.name.clone().unwrap_or_else(|| a.code.clone()),
                )
            })
            .collect()
    }

    /// How many actors the lexicon knows (their indices are `0..actor_count()`).
    pub(crate) fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// The cue table this lexicon scans with.
    pub(crate) fn cues(&self) -> &CueTable {
        &self.cues
    }

    pub(crate) fn code(&self, actor: u16) -> &str {
        &self.actors[actor as usize].code
    }

    /// An adversary of the brief's subject (brief.yaml's `adversaries`, or `opponent: true`
    /// in a lexicon entry): what it does is never a commitment to the beneficiary.
    pub(crate) fn is_opponent(&self, actor: u16) -> bool {
        self.actors[actor as usize].opponent
    }

    /// The lexicon a brief reads its sources with: the built-in one, extended by its
    /// `lexicon:`, with its subject (`beneficiary`, `adversaries`, `groups`) set. An error
    /// names the key and the entry.
    pub fn of_brief(config: &citebrief_store::BriefConfig) -> Result<Lexicon, String> {
        let mut lex = Lexicon::builtin();
        if let Some(extra) = &config.lexicon {
            lex.extend(extra)
                .map_err(|e| format!("in `lexicon:`: {e}"))?;
        }
        lex.set_subject(&Subject {
            beneficiary: config.beneficiary.clone(),
            adversaries: config.adversaries.clone(),
            groups: config.groups.clone(),
        })?;
        Ok(lex)
    }

    /// Sets who a brief is about: the beneficiary, the adversaries and the groups that act
    /// as one, by their codes in this lexicon. An error names the field and the code.
    pub fn set_subject(&mut self, subject: &Subject) -> Result<(), String> {
        let find = |field: &str, code: &str| {
            self.index_of(code).ok_or_else(|| {
                format!(
                    "{field}: `{code}` is not an actor of the lexicon; use an ISO 3166-1 code \
                     (`HT`) or a body's code (`UN`, `AU`), or define it under `lexicon: actors:`"
                )
            })
        };
        let beneficiary = match &subject.beneficiary {
            Some(code) => Some(find("beneficiary", code)?),
            None => None,
        };
        let mut adversaries = Vec::new();
        for code in &subject.adversaries {
            adversaries.push(find("adversaries", code)?);
        }
        let mut groups = Vec::new();
        for code in &subject.groups {
            groups.push(find("groups", code)?);
        }
        if let Some(b) = beneficiary {
            if adversaries.contains(&b) || groups.contains(&b) {
                return Err(format!(
                    "beneficiary: `{}` is also an adversary or a group; a brief's beneficiary \
                     is neither",
                    self.code(b)
                ));
            }
        }
        for a in adversaries {
            self.actors[usize::from(a)].opponent = true;
        }
        self.beneficiary = beneficiary;
        self.groups = groups;
        Ok(())
    }

    /// The end of the office phrase that starts at `pos` ("foreign minister said" at 0 gives
    /// 16), the longest one, on word boundaries.
    pub(crate) fn office_at(&self, text: &str, pos: usize) -> Option<usize> {
        let rest = text.get(pos..)?.as_bytes();
        let first = rest.first()?.to_ascii_lowercase();
        // the buckets hold the longest phrases first
        self.offices.by_first[usize::from(first)]
            .iter()
            .map(|&i| self.offices.phrases[i as usize].as_bytes())
            .find(|o| {
                rest.len() >= o.len()
                    && rest[..o.len()].eq_ignore_ascii_case(o)
                    && rest
                        .get(o.len())
                        .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'-')
            })
            .map(|o| pos + o.len())
    }

    /// The start of the office phrase that ends at `end` ("the foreign minister" + " of"),
    /// the longest one, on word boundaries.
    pub(crate) fn office_before(&self, text: &str, end: usize) -> Option<usize> {
        let head = text.get(..end)?.as_bytes();
        let last = head.last()?.to_ascii_lowercase();
        // the buckets hold the longest phrases first
        self.offices.by_last[usize::from(last)]
            .iter()
            .map(|&i| self.offices.phrases[i as usize].as_bytes())
            .find(|o| {
                head.len() >= o.len()
                    && head[head.len() - o.len()..].eq_ignore_ascii_case(o)
                    && (head.len() == o.len() || {
                        let b = head[head.len() - o.len() - 1];
                        !b.is_ascii_alphanumeric() && b != b'-'
                    })
            })
            .map(|o| end - o.len())
    }

    /// The brief's beneficiary, if it names one.
    pub(crate) fn beneficiary(&self) -> Option<u16> {
        self.beneficiary
    }

    /// Whether brief.yaml names both its beneficiary and an adversary (else
    /// [`Lexicon::presume`] presumes them from the sources).
    pub fn names_subject(&self) -> bool {
        self.beneficiary.is_some() && self.has_adversary()
    }

    /// Whether an actor is an adversary (named by brief.yaml, the lexicon or presumed).
    fn has_adversary(&self) -> bool {
        self.actors.iter().any(|a| a.opponent)
    }

    /// For a brief whose brief.yaml names no beneficiary or no adversary, presumes them from
    /// the mentions of all its sources ([`Mentions`]): the country they name far more often
    /// than any other as where help goes becomes the beneficiary of each source that shows
    /// none of its own, and the one they name far more often than any other as the attacker
    /// an adversary. Returns what it presumed, as codes.
    pub fn presume(&mut self, sources: &Mentions) -> Presumed {
        if self.beneficiary.is_none() {
            self.presumed = sources.beneficiary();
        }
        let mut adversary = None;
        if !self.has_adversary() {
            if let Some(a) = sources.adversary(self.beneficiary.or(self.presumed)) {
                self.actors[usize::from(a)].opponent = true;
                adversary = Some(self.code(a).to_string());
            }
        }
        Presumed {
            beneficiary: self.presumed.map(|a| self.code(a).to_string()),
            adversary,
        }
    }

    /// The beneficiary presumed from the brief's sources ([`Lexicon::presume`]).
    pub(crate) fn presumed_beneficiary(&self) -> Option<u16> {
        self.presumed
    }

    /// A country (not a body), and not an adversary brief.yaml names.
    pub(crate) fn is_country(&self, actor: u16) -> bool {
        let a = &self.actors[actor as usize];
        a.code.len() == 2 && !a.bloc && !a.opponent
    }

    /// The groups that act as one, first the brief's own group: those brief.yaml names, else
    /// the lexicon's actors marked `group: true`.
    pub(crate) fn groups(&self) -> Vec<u16> {
        if self.groups.is_empty() {
            (0..self.actors.len() as u16)
                .filter(|&a| self.actors[usize::from(a)].group)
                .collect()
        } else {
            self.groups.clone()
        }
    }

    /// An organisation of states (`bloc: true`).
    pub(crate) fn is_bloc(&self, actor: u16) -> bool {
        self.actors[actor as usize].bloc
    }

    /// Whether `code` names an actor of this lexicon.
    pub fn has_code(&self, code: &str) -> bool {
        self.index_of(code).is_some()
    }

    pub(crate) fn index_of(&self, code: &str) -> Option<u16> {
        self.actors
            .iter()
            .position(|a| a.code == code)
            .map(|i| i as u16)
    }

    /// Actor and domain mentions in `text`, in order, word boundaries checked; capitals
    /// named as a venue ("in Paris") are left out.
    pub(crate) fn scan(&self, text: &str, out: &mut Vec<LexHit>) {
        out.clear();
        self.matcher
            .for_each(text, |start, end, pid| self.hit(text, start, end, pid, out));
    }

    /// Actor and domain mentions (as [`Lexicon::scan`]) and cues (one hit per rule of each
    /// cue phrase) in `text`, both searched in one loop ([`scan::for_each_pair`]).
    pub(crate) fn scan_with_cues(&self, text: &str, out: &mut Vec<LexHit>, cues: &mut Vec<CueHit>) {
        out.clear();
        cues.clear();
        let table = &*self.cues;
        scan::for_each_pair(
            text,
            &self.matcher,
            |start, end, pid| self.hit(text, start, end, pid, out),
            &table.phrases,
            |start, end, pid| table.hit(text, start, end, pid, cues),
        );
    }

    /// The mention that lexicon pattern `pid`, found at `start..end` of `text`, stands for,
    /// if any.
    #[inline]
    fn hit(&self, text: &str, start: usize, end: usize, pid: usize, out: &mut Vec<LexHit>) {
        if !at_word_boundaries(text, start, end) {
            return;
        }
        let (pattern, meaning) = &self.patterns[pid];
        let has_lower = self.has_lower[pid];
        let hit = match *meaning {
            Meaning::Ignore => return,
            Meaning::Domain(d) => Hit::Domain(d),
            Meaning::Force => Hit::Force,
            Meaning::Actor { actor, form } => {
                let found = &text[start..end];
                if !same_case_after_first(found, pattern, has_lower) {
                    return;
                }
                if form == Form::Capital
                    && (is_venue(&text[..start]) || is_dateline(found, has_lower))
                {
                    return;
                }
                // "French-speaking", "Somali-born": a language or an origin, not the country
                if form == Form::Demonym && {
                    let rest = &text[end..];
                    ["-speaking", "-language", "-born", "-style"]
                        .iter()
                        .any(|s| rest.starts_with(s))
                } {
                    return;
                }
                Hit::Actor { actor, form }
            }
        };
        out.push(LexHit { start, end, hit });
    }
}

fn valid_code(code: &str) -> bool {
    code.len() <= 12
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Acronyms keep their case ("US" does not match "us"); other names match in any case
/// ("Coalition of the Willing", "the allies").
fn same_case_after_first(found: &str, pattern: &str, pattern_has_lower: bool) -> bool {
    pattern_has_lower || found == pattern
}

/// "VILNIUS, March 12 (Reuters) -": a capital in capitals is a dateline, not a government.
fn is_dateline(found: &str, pattern_has_lower: bool) -> bool {
    pattern_has_lower && !found.chars().any(char::is_lowercase)
}

fn is_venue(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    VENUE_WORDS.iter().any(|v| v.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors_in(lex: &Lexicon, text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        lex.scan(text, &mut hits);
        hits.iter()
            .filter_map(|h| match h.hit {
                Hit::Actor { actor, .. } => Some(lex.code(actor).to_string()),
                Hit::Domain(_) | Hit::Force => None,
            })
            .collect()
    }

    #[test]
    fn lexicon_names_short_forms_demonyms_and_people() {
        let mut lex = Lexicon::builtin();
        assert_eq!(actors_in(&lex, "Britain and France"), ["GB", "FR"]);
        assert_eq!(
            actors_in(&lex, "the Kenyan president met Benin's envoy"),
            ["KE", "BJ"]
        );
        // people are a brief's additions
        let people: serde_yaml::Value = serde_yaml::from_str(
            "actors:\n  - code: GB\n    people:\n      - {names: [Jane Roe, Ms Roe]}\n",
        )
        .unwrap();
        lex.extend(&people).unwrap();
        assert_eq!(
            actors_in(&lex, "Jane Roe met Ms Roe's Dutch counterpart"),
            ["GB", "GB", "NL"]
        );
    }

    #[test]
    fn lexicon_capital_as_government_but_not_as_venue() {
        let lex = Lexicon::builtin();
        assert_eq!(
            actors_in(&lex, "Washington insisted, and Beijing refused"),
            ["US", "CN"]
        );
        assert!(actors_in(&lex, "at a meeting in Paris on Friday").is_empty());
    }

    #[test]
    fn lexicon_case_and_word_boundaries() {
        let lex = Lexicon::builtin();
        assert!(actors_in(&lex, "let us focus on the business")
            .iter()
            .all(|c| c != "US"));
        assert_eq!(actors_in(&lex, "US-led talks"), ["US"]);
    }

    #[test]
    fn lexicon_extend_adds_people_and_reports_bad_entries() {
        let mut lex = Lexicon::builtin();
        let extra: serde_yaml::Value = serde_yaml::from_str(
            "actors:\n  - code: FR\n    people:\n      - {names: [Jane Roe]}\n",
        )
        .unwrap();
        lex.extend(&extra).unwrap();
        assert_eq!(actors_in(&lex, "Jane Roe said"), ["FR"]);
        let bad: serde_yaml::Value =
            serde_yaml::from_str("actors:\n  - {code: gb, name: x}\n").unwrap();
        let err = lex.extend(&bad).unwrap_err();
        assert!(err.contains("actors[0]") && err.contains("`gb`"), "{err}");
        let new_without_name: serde_yaml::Value =
            serde_yaml::from_str("actors:\n  - {code: NEWBODY, names: [New Body]}\n").unwrap();
        assert!(lex
            .extend(&new_without_name)
            .unwrap_err()
            .contains("needs a `name`"));
        let bad_domain: serde_yaml::Value =
            serde_yaml::from_str("domains:\n  spaceships: [rocket]\n").unwrap();
        assert!(lex.extend(&bad_domain).unwrap_err().contains("spaceships"));
    }

    #[test]
    fn lexicon_actor_names_read_well() {
        let names = Lexicon::builtin().actor_names();
        assert_eq!(names["GB"], "the United Kingdom");
        assert_eq!(names["BS"], "the Bahamas");
    }
}
