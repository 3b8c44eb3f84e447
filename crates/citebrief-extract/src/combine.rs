//! Folding the facts of each source, one source after another, into the facts of a brief.
//!
//! A large brief has hundreds of thousands of sources and millions of cited sentences, so the
//! [`Combiner`] never holds the sources' facts all at once: each source's [`DocFacts`] is folded
//! in as it comes and dropped. Equal commitments and caveats are found through a hash index, so
//! folding is linear in the number of findings; every quote, source id and claimed value is
//! stored once however many facts cite it (syndicated pages repeat whole sentences).

use std::collections::BTreeMap;
use std::sync::Arc;

use citebrief_store::{
    Caveat, CaveatKind, Citation, Commitment, Domain, Extraction, Meta, Polarity, RuleName, Status,
};
use std::hash::BuildHasher;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use hashbrown::HashTable;

use crate::claims::TopicClaim;
use crate::clause::details::{condition_class, CondClass};
use crate::discrepancy;
use crate::found::{DocFacts, Objection};
use crate::lexicon::Lexicon;
use crate::roles::Roles;

/// Merges the facts of the sources of one brief, fed in source order.
///
/// Equal commitments (the same actors, domain, polarity and status) and caveats become one
/// fact citing every sentence that states it; each citation keeps the quantity, condition and
/// instrument it states. The adversary's objections are resolved to the parties they target;
/// claims stated differently become discrepancies ([`Combiner::finish`]). The result does not
/// depend on how the sources were batched, only on their order.
pub struct Combiner {
    names: BTreeMap<String, String>,
    /// Codes that commit nothing: the beneficiary and the adversaries.
    not_guarantors: Vec<String>,
    commitments: Vec<Commitment>,
    /// Where each commitment is in `commitments`, found by its key (actors, domain,
    /// polarity) without copying a finding's key.
    commitment_index: HashTable<usize>,
    /// Commitment findings whose condition names a trigger (a ceasefire, a peace deal), kept
    /// unmerged for the trigger discrepancy.
    conditioned: Vec<Commitment>,
    caveats: Vec<Caveat>,
    /// Where each caveat is in `caveats`, by its key (kind, actors).
    caveat_index: HashTable<usize>,
    hasher: foldhash::fast::RandomState,
    objections: Vec<Objection>,
    claims: Vec<TopicClaim>,
    /// Every distinct string a citation or claim holds, each once.
    strings: HashSet<Arc<str>>,
    /// Every distinct reading a citation holds, each once.
    readings: HashSet<Arc<citebrief_store::Reading>>,
    /// The last source id and quote interned, as found and as interned: the citations of
    /// one source share its id, and the facts of one sentence its quote.
    last: [Option<(Arc<str>, Arc<str>)>; 2],
}

impl Combiner {
    pub fn new(lexicon: &Lexicon) -> Combiner {
        let roles = Roles::of(lexicon);
        let not_guarantors = (0..lexicon.actor_count() as u16)
            .filter(|&a| roles.is_beneficiary(a) || roles.is_adversary(a))
            .map(|a| lexicon.code(a).to_string())
            .collect();
        Combiner {
            names: lexicon.actor_names(),
            not_guarantors,
            commitments: Vec::new(),
            commitment_index: HashTable::new(),
            conditioned: Vec::new(),
            caveats: Vec::new(),
            caveat_index: HashTable::new(),
            hasher: Default::default(),
            objections: Vec::new(),
            claims: Vec::new(),
            strings: HashSet::new(),
            readings: HashSet::new(),
            last: [None, None],
        }
    }

    /// Folds in the facts of the next source.
    pub fn add(&mut self, facts: DocFacts) {
        for mut c in facts.commitments {
            self.intern_citations(&mut c.citations);
            let trigger = c.condition.as_deref().map(condition_class);
            if matches!(trigger, Some(Some(CondClass::Ceasefire | CondClass::Peace))) {
                self.conditioned.push(c.clone());
            }
            self.add_commitment(c);
        }
        for mut c in facts.caveats {
            self.intern_citations(&mut c.citations);
            self.add_caveat(c);
        }
        for mut o in facts.objections {
            self.intern_citation(&mut o.citation);
            self.objections.push(o);
        }
        for mut c in facts.claims {
            self.intern_citation(&mut c.citation);
            for s in [&mut c.topic, &mut c.value, &mut c.norm, &mut c.rule] {
                self.intern(s);
            }
            self.claims.push(c);
        }
    }

    /// The facts of every source added, merged; `sources` is left empty. Facts carry no
    /// statement: a brief words them with its templates, and a statement is the analyst's.
    pub fn finish(mut self) -> Extraction {
        let discrepancies = discrepancy::discrepancies(&self.claims, &self.conditioned);
        drop(std::mem::take(&mut self.claims));
        let objections = std::mem::take(&mut self.objections);
        for c in self.resolve(objections) {
            self.add_caveat(c);
        }
        let mut commitments = self.commitments;
        for c in &mut commitments {
            tidy(&mut c.citations, &mut c.meta.rules);
            c.corroboration = distinct_sources(&c.citations);
            // the fact's details are those of its first citation that states one
            c.quantity = c
                .citations
                .iter()
                .find_map(|x| x.quantity())
                .map(str::to_string);
            c.condition = c
                .citations
                .iter()
                .find_map(|x| x.condition())
                .map(str::to_string);
            c.instrument = c
                .citations
                .iter()
                .find_map(|x| x.instrument())
                .map(str::to_string);
        }
        let mut discrepancies = discrepancies;
        discrepancies.extend(discrepancy::quantities(&commitments, &self.names));
        let mut caveats = self.caveats;
        for c in &mut caveats {
            tidy(&mut c.citations, &mut c.meta.rules);
            c.corroboration = distinct_sources(&c.citations);
        }
        Extraction {
            sources: BTreeMap::new(),
            commitments,
            caveats,
            discrepancies,
        }
    }

    fn intern(&mut self, s: &mut Arc<str>) {
        match self.strings.get(&**s) {
            Some(known) => *s = known.clone(),
            None => {
                self.strings.insert(s.clone());
            }
        }
    }

    fn intern_citation(&mut self, c: &mut Citation) {
        self.intern_again(0, &mut c.source);
        self.intern_again(1, &mut c.quote);
        if let Some(r) = &mut c.reading {
            match self.readings.get(&**r) {
                Some(known) => *r = known.clone(),
                None => {
                    self.readings.insert(r.clone());
                }
            }
        }
    }

    /// [`Combiner::intern`], skipping the lookup when `s` is the string `last[slot]` was.
    fn intern_again(&mut self, slot: usize, s: &mut Arc<str>) {
        if let Some((found, interned)) = &self.last[slot] {
            if Arc::ptr_eq(found, s) {
                *s = interned.clone();
                return;
            }
        }
        let found = s.clone();
        self.intern(s);
        self.last[slot] = Some((found, s.clone()));
    }

    fn intern_citations(&mut self, citations: &mut [Citation]) {
        for c in citations {
            self.intern_citation(c);
        }
    }

    fn add_commitment(&mut self, c: Commitment) {
        let key = commitment_key;
        let hasher = &self.hasher;
        let hash = hasher.hash_one(key(&c));
        let commitments = &mut self.commitments;
        let found = self
            .commitment_index
            .find(hash, |&i| key(&commitments[i]) == key(&c))
            .copied();
        let Some(i) = found else {
            self.commitment_index
                .insert_unique(hash, commitments.len(), |&i| {
                    hasher.hash_one(key(&commitments[i]))
                });
            commitments.push(c);
            return;
        };
        let m = &mut commitments[i];
        m.citations.extend(c.citations);
        add_rules(&mut m.meta.rules, c.meta.rules);
    }

    fn add_caveat(&mut self, c: Caveat) {
        let key = caveat_key;
        let hasher = &self.hasher;
        let hash = hasher.hash_one(key(&c));
        let caveats = &mut self.caveats;
        match self
            .caveat_index
            .find(hash, |&i| key(&caveats[i]) == key(&c))
            .copied()
        {
            Some(i) => {
                let m = &mut caveats[i];
                m.citations.extend(c.citations);
                add_rules(&mut m.meta.rules, c.meta.rules);
            }
            None => {
                self.caveat_index
                    .insert_unique(hash, caveats.len(), |&i| hasher.hash_one(key(&caveats[i])));
                caveats.push(c);
            }
        }
    }

    /// The adversary's objections as caveats about the parties that commit what it objects to.
    ///
    /// It objects to what several sources report, else to what its own source reports; a
    /// lone report elsewhere is kept only when nothing else is reported. A large brief has
    /// hundreds of thousands of objections to a few sets of domains, so what depends only on
    /// the domains is worked out once per set.
    fn resolve(&self, objections: Vec<Objection>) -> Vec<Caveat> {
        // Signed or pledged commitments of guarantors, with how many sources report each, and
        // which of them each source reports.
        let eligible: Vec<(&Commitment, usize)> = self
            .commitments
            .iter()
            .filter(|c| {
                c.polarity == Polarity::Positive
                    && matches!(c.status, Status::Signed | Status::Pledged)
                    && !c.actors.iter().any(|a| self.not_guarantors.contains(a))
            })
            .map(|c| {
                let sources: HashSet<&str> = c.citations.iter().map(|x| &*x.source).collect();
                (c, sources.len())
            })
            .collect();
        let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (c, _)) in eligible.iter().enumerate() {
            let mut seen = HashSet::new();
            for x in &c.citations {
                if seen.insert(&*x.source) {
                    by_source.entry(&*x.source).or_default().push(i);
                }
            }
        }
        let about = |chosen: &mut dyn Iterator<Item = usize>| -> Vec<String> {
            let mut about: Vec<String> = chosen
                .flat_map(|i| eligible[i].0.actors.iter().cloned())
                .collect();
            about.sort();
            about.dedup();
            about
        };
        // targets -> the commitments in those domains, and `about` when several sources
        // report one of them
        type Targeted = (Vec<usize>, Option<Vec<String>>);
        let mut by_targets: HashMap<Vec<Domain>, Targeted> = HashMap::new();
        let mut out = Vec::with_capacity(objections.len());
        for o in objections {
            // the objection names whom it targets
            if !o.about.is_empty() {
                out.push(objection_caveat(o.about, o.citation, o.rules));
                continue;
            }
            let (targeted, corroborated) =
                by_targets.entry(o.targets.clone()).or_insert_with(|| {
                    let targeted: Vec<usize> = (0..eligible.len())
                        .filter(|&i| o.targets.contains(&eligible[i].0.domain))
                        .collect();
                    let mut several = targeted.iter().copied().filter(|&i| eligible[i].1 >= 2);
                    let corroborated = several.clone().next().map(|_| about(&mut several));
                    (targeted, corroborated)
                });
            let about = match corroborated {
                Some(about) => about.clone(),
                None => {
                    let own = by_source.get(&*o.citation.source);
                    let mut same_source = targeted
                        .iter()
                        .copied()
                        .filter(|i| own.is_some_and(|v| v.contains(i)))
                        .peekable();
                    if same_source.peek().is_some() {
                        about(&mut same_source)
                    } else {
                        about(&mut targeted.iter().copied())
                    }
                }
            };
            out.push(objection_caveat(about, o.citation, o.rules));
        }
        out
    }
}

fn objection_caveat(about: Vec<String>, citation: Citation, rules: Vec<RuleName>) -> Caveat {
    Caveat {
        id: String::new(),
        statement: String::new(),
        caveat: CaveatKind::Opposition,
        about,
        citations: vec![citation],
        corroboration: 0,
        meta: Meta {
            rules,
            ..Default::default()
        },
    }
}

/// Merges the facts of all sources at once: [`Combiner`] fed with `per_doc` in order.
pub fn combine(per_doc: Vec<DocFacts>, lexicon: &Lexicon) -> Extraction {
    let mut combiner = Combiner::new(lexicon);
    for d in per_doc {
        combiner.add(d);
    }
    combiner.finish()
}

/// What makes findings one commitment: the same actors, domain, polarity and status.
fn commitment_key(c: &Commitment) -> (&[String], Domain, Polarity, Status) {
    (&c.actors, c.domain, c.polarity, c.status)
}

/// What makes findings one caveat: the same kind, about the same actors.
fn caveat_key(c: &Caveat) -> (CaveatKind, &[String]) {
    (c.caveat, &c.about)
}

/// Adds the rules not yet named: a fact found in a million sentences names a handful of rules.
fn add_rules(into: &mut Vec<RuleName>, more: Vec<RuleName>) {
    for r in more {
        if !into.contains(&r) {
            into.push(r);
        }
    }
}

/// Citations in source and line order, each once; rules sorted, each once.
fn tidy(citations: &mut Vec<Citation>, rules: &mut Vec<RuleName>) {
    citations.sort();
    citations.dedup();
    rules.sort();
    rules.dedup();
}

use citebrief_store::distinct_sources;

#[cfg(test)]
mod tests {
    use super::*;

    fn citation(source: &str, line: u32, quote: &str) -> Citation {
        Citation {
            source: source.into(),
            line,
            quote: quote.into(),
            reading: None,
        }
    }

    fn finding(
        source: &str,
        actors: &[&str],
        status: Status,
        quantity: Option<&str>,
    ) -> Commitment {
        Commitment {
            id: String::new(),
            statement: String::new(),
            actors: actors.iter().map(|a| a.to_string()).collect(),
            domain: Domain::Air,
            polarity: Polarity::Positive,
            status,
            quantity: quantity.map(str::to_string),
            condition: None,
            instrument: None,
            citations: vec![citation(source, 4, "Norway will send two jets.")],
            corroboration: 0,
            meta: Meta {
                rules: vec![format!("rule-{source}").into(), "commit.cue.will".into()],
                ..Meta::default()
            },
        }
    }

    fn doc(source: &str, commitments: Vec<Commitment>) -> DocFacts {
        DocFacts {
            source: source.into(),
            commitments,
            ..DocFacts::default()
        }
    }

    /// A finding whose citation states `quantity` as it reads.
    fn stating(source: &str, status: Status, quantity: Option<&str>) -> Commitment {
        let mut f = finding(source, &["NO"], status, quantity);
        f.citations[0].reading = Some(Arc::new(citebrief_store::Reading {
            quantity: quantity.map(Into::into),
            ..Default::default()
        }));
        f
    }

    #[test]
    fn equal_commitments_from_many_sources_are_one_fact_with_shared_quotes() {
        let lex = Lexicon::builtin();
        let mut c = Combiner::new(&lex);
        c.add(doc("a", vec![stating("a", Status::Pledged, None)]));
        c.add(doc(
            "b",
            vec![stating("b", Status::Pledged, Some("two jets"))],
        ));
        c.add(doc(
            "c",
            vec![stating("c", Status::Pledged, Some("two jets"))],
        ));
        c.add(doc("d", vec![finding("d", &["SE"], Status::Pledged, None)]));
        let ex = c.finish();
        assert_eq!(ex.commitments.len(), 2);
        let no = &ex.commitments[0];
        assert_eq!(no.actors, ["NO"]);
        assert_eq!(
            no.quantity.as_deref(),
            Some("two jets"),
            "from its first citation that states one"
        );
        assert_eq!(no.corroboration, 3);
        let sources: Vec<&str> = no.citations.iter().map(|c| &*c.source).collect();
        assert_eq!(sources, ["a", "b", "c"]);
        assert_eq!(
            no.meta.rules,
            ["commit.cue.will", "rule-a", "rule-b", "rule-c"]
        );
        // the sentence all three sources repeat is held once, and so is a repeated reading
        assert!(Arc::ptr_eq(&no.citations[0].quote, &no.citations[2].quote));
        let (b, c) = (&no.citations[1].reading, &no.citations[2].reading);
        assert!(Arc::ptr_eq(b.as_ref().unwrap(), c.as_ref().unwrap()));
        assert!(no.statement.is_empty(), "a statement is the analyst's");
        assert!(
            ex.discrepancies.is_empty(),
            "equal figures are no discrepancy"
        );
    }

    #[test]
    fn findings_of_different_status_stay_apart() {
        let lex = Lexicon::builtin();
        let mut c = Combiner::new(&lex);
        c.add(doc("a", vec![stating("a", Status::Discussed, None)]));
        c.add(doc("b", vec![stating("b", Status::Signed, None)]));
        let ex = c.finish();
        let statuses: Vec<Status> = ex.commitments.iter().map(|c| c.status).collect();
        assert_eq!(statuses.len(), 2, "{statuses:?}");
        assert!(statuses.contains(&Status::Discussed) && statuses.contains(&Status::Signed));
    }

    #[test]
    fn different_figures_for_one_fact_are_a_discrepancy() {
        let lex = Lexicon::builtin();
        let mut c = Combiner::new(&lex);
        c.add(doc(
            "a",
            vec![stating("a", Status::Pledged, Some("up to 5,000 troops"))],
        ));
        c.add(doc(
            "b",
            vec![stating("b", Status::Pledged, Some("15,000 troops"))],
        ));
        c.add(doc(
            "c",
            vec![stating("c", Status::Pledged, Some("5,000 soldiers"))],
        ));
        let ex = c.finish();
        assert_eq!(ex.discrepancies.len(), 1, "{:?}", ex.discrepancies);
        let d = &ex.discrepancies[0];
        assert!(d.topic.starts_with("figures"), "{}", d.topic);
        assert_eq!(d.claims.len(), 3);
        // each citation keeps its own figure
        let q: Vec<&str> = ex.commitments[0]
            .citations
            .iter()
            .filter_map(|c| c.quantity())
            .collect();
        assert_eq!(q, ["up to 5,000 troops", "15,000 troops", "5,000 soldiers"]);
    }

    #[test]
    fn distinct_sources_counts_runs_of_sorted_citations() {
        let cites = vec![
            citation("a", 1, "x"),
            citation("a", 2, "y"),
            citation("b", 1, "x"),
            citation("c", 9, "z"),
        ];
        assert_eq!(distinct_sources(&cites), 3);
        assert_eq!(distinct_sources(&[]), 0);
    }
}
