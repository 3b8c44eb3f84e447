//! What a sentence's words are marked as: actor mentions, mentions of things given, and
//! cues. [`super::read`] finds them; every later step reads them.

use citebrief_store::Domain;

use crate::cues::{Does, Pronoun};

/// How a sentence names an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MForm {
    Name,
    /// A demonym or other adjective ("French"): an actor only as a modifier or a noun ("the
    /// French").
    Demonym,
    Person,
    Pronoun(Pronoun),
    /// An analyst or think tank.
    Observer,
}

/// An actor mention. `actor` is `None` for an observer or a pronoun not yet resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: Option<u16>,
    pub form: MForm,
}

/// A mention of what may be given.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DomainHit {
    pub start: usize,
    pub end: usize,
    pub domain: Domain,
    pub rule: &'static str,
}

/// A cue, with what it does and its rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    pub start: usize,
    pub end: usize,
    pub does: Does,
    pub rule: &'static str,
}
