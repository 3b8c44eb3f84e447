//! What the three fact kinds have in common, so that merging, ordering and id assignment are
//! written once.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::keys;
use crate::model::{
    distinct_sources, Caveat, Citation, Claim, Commitment, Discrepancy, FactStore, Meta, Origin,
    RuleName,
};

pub trait Fact: Clone {
    type Key: Ord + Clone;
    /// What the fact cites: citations, or a discrepancy's claims.
    type Item: serde::Serialize + Sync;
    /// The field that holds them in `facts.yaml`.
    const LIST_KEY: &'static str;
    fn list(&self) -> &[Self::Item];
    fn list_len(&self) -> usize {
        self.list().len()
    }
    /// The fact with an empty list, the rest cloned.
    fn without_list(&self) -> Self;
    fn key(&self) -> Self::Key;
    fn base_id(key: &Self::Key) -> String;
    fn id(&self) -> &str;
    fn id_mut(&mut self) -> &mut String;
    fn statement(&self) -> &str;
    fn statement_mut(&mut self) -> &mut String;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    fn citations(&self) -> Vec<&Citation>;
    /// Writes actor codes as the vocabulary does: upper case, sorted, once each.
    fn normalize_codes(&mut self);
    /// Sorts and deduplicates lists and recomputes corroboration.
    fn tidy(&mut self);
    /// True when [`Fact::tidy`] would change nothing.
    fn is_tidy(&self) -> bool;
    /// Folds in a second finding of the same fact.
    fn absorb(&mut self, other: Self);
    /// The order in which findings of one fact are folded together: by what they cite (each
    /// finding tidy), then by what they say. Findings equal in this order are the same.
    fn finding_cmp(&self, other: &Self) -> Ordering;
    /// One fact from fresh findings that share a key, the same whatever order they come in
    /// (see [`fold`]).
    fn combine(findings: Vec<Self>) -> Self {
        fold(findings)
    }
}

/// Folds findings of one key into one fact, tidy: each finding is tidied, the findings are
/// put in [`Fact::finding_cmp`] order, and each is absorbed into the first in turn, so that
/// what is kept of the first (a statement, a detail) does not depend on the order the
/// findings came in.
pub fn fold<F: Fact>(mut findings: Vec<F>) -> F {
    findings.iter_mut().for_each(Fact::tidy);
    fold_tidy(findings)
}

/// [`fold`] of findings that are each tidy already.
fn fold_tidy<F: Fact>(mut findings: Vec<F>) -> F {
    findings.sort_by(F::finding_cmp);
    let mut findings = findings.into_iter();
    let mut fact = findings
        .next()
        .expect("a fact is made of at least one finding");
    let mut absorbed = false;
    for f in findings {
        fact.absorb(f);
        absorbed = true;
    }
    if absorbed {
        fact.tidy();
    }
    fact
}

/// The order facts are written in: by key, extracted before manual, then by id and statement.
fn order_key<F: Fact>(f: &F) -> (F::Key, bool, String, String) {
    (
        f.key(),
        !f.meta().origin.is_extracted(),
        f.id().to_string(),
        f.statement().to_string(),
    )
}

pub fn sort<F: Fact>(facts: &mut [F]) {
    facts.sort_by_cached_key(order_key);
}

/// True when every list of the store is in the order [`tidy_store`] gives it.
pub fn is_tidy(store: &FactStore) -> bool {
    fn kind<F: Fact>(facts: &[F]) -> bool {
        facts.iter().all(Fact::is_tidy)
            && facts
                .windows(2)
                .all(|w| order_key(&w[0]) <= order_key(&w[1]))
    }
    kind(&store.commitments) && kind(&store.caveats) && kind(&store.discrepancies)
}

/// Puts every list of the store in its stable order.
pub fn tidy_store(store: &mut FactStore) {
    store.commitments.iter_mut().for_each(Fact::tidy);
    store.caveats.iter_mut().for_each(Fact::tidy);
    store.discrepancies.iter_mut().for_each(Fact::tidy);
    sort(&mut store.commitments);
    sort(&mut store.caveats);
    sort(&mut store.discrepancies);
}

/// Gives every fact a unique id. Manual facts that have an id keep it (they are reserved first,
/// so that an analyst's id never moves); every other fact gets the id spelled from its key,
/// with `-2`, `-3`... when that is taken.
pub fn assign_ids(store: &mut FactStore) {
    let mut taken = BTreeSet::new();
    reserve_manual(&mut store.commitments, &mut taken);
    reserve_manual(&mut store.caveats, &mut taken);
    reserve_manual(&mut store.discrepancies, &mut taken);
    assign_rest(&mut store.commitments, &mut taken);
    assign_rest(&mut store.caveats, &mut taken);
    assign_rest(&mut store.discrepancies, &mut taken);
}

fn keeps_own_id<F: Fact>(f: &F) -> bool {
    f.meta().origin == Origin::Manual && !f.id().trim().is_empty()
}

fn reserve_manual<F: Fact>(facts: &mut [F], taken: &mut BTreeSet<String>) {
    for f in facts.iter_mut().filter(|f| keeps_own_id(*f)) {
        let id = keys::unique_id(f.id().trim(), taken);
        *f.id_mut() = id;
    }
}

fn assign_rest<F: Fact>(facts: &mut [F], taken: &mut BTreeSet<String>) {
    for f in facts.iter_mut().filter(|f| !keeps_own_id(*f)) {
        let id = keys::unique_id(&F::base_id(&f.key()), taken);
        *f.id_mut() = id;
    }
}

fn sorted_unique<T: Ord>(v: &mut Vec<T>) {
    v.sort();
    v.dedup();
}

fn strictly_sorted<T: Ord>(v: &[T]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

fn cited_tidy(citations: &[Citation], rules: &[RuleName], corroboration: u32) -> bool {
    strictly_sorted(citations)
        && strictly_sorted(rules)
        && corroboration == distinct_sources(citations)
}

fn non_empty(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

fn absorb_common(statement: &mut String, meta: &mut Meta, other_statement: String, other: Meta) {
    if statement.trim().is_empty() {
        *statement = other_statement;
    }
    meta.rules.extend(other.rules);
}

/// The accessors every fact kind implements the same way, from its `id`, `statement` and
/// `meta` fields.
macro_rules! common_accessors {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        fn id_mut(&mut self) -> &mut String {
            &mut self.id
        }
        fn statement(&self) -> &str {
            &self.statement
        }
        fn statement_mut(&mut self) -> &mut String {
            &mut self.statement
        }
        fn meta(&self) -> &Meta {
            &self.meta
        }
        fn meta_mut(&mut self) -> &mut Meta {
            &mut self.meta
        }
    };
}

impl Fact for Commitment {
    type Key = keys::CommitmentKey;
    type Item = Citation;
    const LIST_KEY: &'static str = "citations";
    fn list(&self) -> &[Citation] {
        &self.citations
    }
    fn without_list(&self) -> Self {
        Commitment {
            id: self.id.clone(),
            statement: self.statement.clone(),
            actors: self.actors.clone(),
            domain: self.domain,
            polarity: self.polarity,
            status: self.status,
            quantity: self.quantity.clone(),
            condition: self.condition.clone(),
            instrument: self.instrument.clone(),
            citations: Vec::new(),
            corroboration: self.corroboration,
            meta: self.meta.clone(),
        }
    }
    fn key(&self) -> Self::Key {
        keys::commitment_key(self)
    }
    fn base_id(key: &Self::Key) -> String {
        keys::commitment_id(key)
    }
    common_accessors!();
    fn citations(&self) -> Vec<&Citation> {
        self.citations.iter().collect()
    }
    fn normalize_codes(&mut self) {
        self.actors = keys::actor_codes(&self.actors);
    }
    fn tidy(&mut self) {
        sorted_unique(&mut self.citations);
        sorted_unique(&mut self.meta.rules);
        self.corroboration = distinct_sources(&self.citations);
    }
    fn is_tidy(&self) -> bool {
        cited_tidy(&self.citations, &self.meta.rules, self.corroboration)
    }
    fn absorb(&mut self, other: Self) {
        if !non_empty(&self.quantity) && non_empty(&other.quantity) {
            self.quantity = other.quantity;
        }
        if !non_empty(&self.condition) && non_empty(&other.condition) {
            self.condition = other.condition;
        }
        if !non_empty(&self.instrument) && non_empty(&other.instrument) {
            self.instrument = other.instrument;
        }
        self.citations.extend(other.citations);
        absorb_common(
            &mut self.statement,
            &mut self.meta,
            other.statement,
            other.meta,
        );
    }
    fn finding_cmp(&self, other: &Self) -> Ordering {
        type Key<'a> = (
            &'a [Citation],
            &'a str,
            &'a Option<String>,
            &'a Option<String>,
            &'a Option<String>,
            &'a [RuleName],
        );
        fn key(c: &Commitment) -> Key<'_> {
            (
                &c.citations,
                &c.statement,
                &c.quantity,
                &c.condition,
                &c.instrument,
                &c.meta.rules,
            )
        }
        key(self).cmp(&key(other))
    }
    /// The findings folded together; then each of quantity, condition and instrument is the
    /// one stated by the first citation, in the fact's citation order, that states one. A
    /// citation whose reading states a detail carries it whatever the fact says; a citation
    /// without a reading (written by hand, or by an extractor that records none) states what
    /// its finding states. Where no citation states a detail, the first finding (in
    /// [`Fact::finding_cmp`] order) that gives one gives it.
    fn combine(mut findings: Vec<Self>) -> Self {
        findings.iter_mut().for_each(Fact::tidy);
        let mut first: [Option<(Citation, String)>; 3] = Default::default();
        for f in &findings {
            let stated = [
                (
                    &f.quantity,
                    Citation::quantity as fn(&Citation) -> Option<&str>,
                ),
                (&f.condition, Citation::condition),
                (&f.instrument, Citation::instrument),
            ];
            for (slot, (finding_says, read)) in first.iter_mut().zip(stated) {
                // the finding's citations are sorted: its first that states one
                let candidate = f.citations.iter().find_map(|c| {
                    let says = match c.reading {
                        Some(_) => read(c),
                        None => finding_says.as_deref(),
                    };
                    says.filter(|v| !v.trim().is_empty()).map(|v| (c, v))
                });
                if let Some((c, v)) = candidate {
                    if slot
                        .as_ref()
                        .is_none_or(|(sc, sv)| (c, v) < (sc, sv.as_str()))
                    {
                        *slot = Some((c.clone(), v.to_string()));
                    }
                }
            }
        }
        let mut fact = fold_tidy(findings);
        let [quantity, condition, instrument] = first;
        for (field, stated) in [
            (&mut fact.quantity, quantity),
            (&mut fact.condition, condition),
            (&mut fact.instrument, instrument),
        ] {
            if let Some((_, v)) = stated {
                *field = Some(v);
            }
        }
        fact
    }
}

impl Fact for Caveat {
    type Key = keys::CaveatKey;
    type Item = Citation;
    const LIST_KEY: &'static str = "citations";
    fn list(&self) -> &[Citation] {
        &self.citations
    }
    fn without_list(&self) -> Self {
        Caveat {
            id: self.id.clone(),
            statement: self.statement.clone(),
            caveat: self.caveat,
            about: self.about.clone(),
            citations: Vec::new(),
            corroboration: self.corroboration,
            meta: self.meta.clone(),
        }
    }
    fn key(&self) -> Self::Key {
        keys::caveat_key(self)
    }
    fn base_id(key: &Self::Key) -> String {
        keys::caveat_id(key)
    }
    common_accessors!();
    fn citations(&self) -> Vec<&Citation> {
        self.citations.iter().collect()
    }
    fn normalize_codes(&mut self) {
        self.about = keys::actor_codes(&self.about);
    }
    fn tidy(&mut self) {
        sorted_unique(&mut self.citations);
        sorted_unique(&mut self.meta.rules);
        self.corroboration = distinct_sources(&self.citations);
    }
    fn is_tidy(&self) -> bool {
        cited_tidy(&self.citations, &self.meta.rules, self.corroboration)
    }
    fn absorb(&mut self, other: Self) {
        self.citations.extend(other.citations);
        absorb_common(
            &mut self.statement,
            &mut self.meta,
            other.statement,
            other.meta,
        );
    }
    fn finding_cmp(&self, other: &Self) -> Ordering {
        fn key(c: &Caveat) -> (&[Citation], &str, &[RuleName]) {
            (&c.citations, &c.statement, &c.meta.rules)
        }
        key(self).cmp(&key(other))
    }
}

impl Fact for Discrepancy {
    type Key = keys::DiscrepancyKey;
    type Item = Claim;
    const LIST_KEY: &'static str = "claims";
    fn list(&self) -> &[Claim] {
        &self.claims
    }
    fn without_list(&self) -> Self {
        Discrepancy {
            id: self.id.clone(),
            statement: self.statement.clone(),
            topic: self.topic.clone(),
            claims: Vec::new(),
            meta: self.meta.clone(),
        }
    }
    fn key(&self) -> Self::Key {
        keys::discrepancy_key(self)
    }
    fn base_id(key: &Self::Key) -> String {
        keys::discrepancy_id(key)
    }
    common_accessors!();
    fn citations(&self) -> Vec<&Citation> {
        self.claims.iter().map(|c| &c.citation).collect()
    }
    fn normalize_codes(&mut self) {}
    fn tidy(&mut self) {
        self.claims
            .sort_by(|a, b| (&a.citation, &a.value).cmp(&(&b.citation, &b.value)));
        self.claims.dedup();
        sorted_unique(&mut self.meta.rules);
    }
    fn is_tidy(&self) -> bool {
        fn key(c: &Claim) -> (&Citation, &str) {
            (&c.citation, &c.value)
        }
        self.claims.windows(2).all(|w| key(&w[0]) < key(&w[1])) && strictly_sorted(&self.meta.rules)
    }
    fn absorb(&mut self, other: Self) {
        self.claims.extend(other.claims);
        absorb_common(
            &mut self.statement,
            &mut self.meta,
            other.statement,
            other.meta,
        );
    }
    fn finding_cmp(&self, other: &Self) -> Ordering {
        fn claims(d: &Discrepancy) -> impl Iterator<Item = (&Citation, &str)> {
            d.claims.iter().map(|c| (&c.citation, &*c.value))
        }
        claims(self).cmp(claims(other)).then_with(|| {
            (&self.statement, &self.topic, &self.meta.rules).cmp(&(
                &other.statement,
                &other.topic,
                &other.meta.rules,
            ))
        })
    }
}
