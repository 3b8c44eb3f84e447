//! What the steps of the clause analysis share: sets of actors and rule names, the memory a
//! paragraph keeps for its pronouns, and the citation a sentence's facts are made with.

use std::cell::OnceCell;
use std::sync::Arc;

use citebrief_store::{Citation, Reading, Words};
use smallvec::SmallVec;

/// A set of actors (lexicon indices), held inline.
pub(crate) type Actors = SmallVec<[u16; 4]>;
/// Rule names of one finding, held inline.
pub(crate) type Rules = SmallVec<[&'static str; 8]>;

/// What one sentence leaves for the next ones of its paragraph.
#[derive(Default)]
pub(crate) struct Memory {
    pub line: u32,
    /// The actor of the last person named.
    pub last_person: Option<u16>,
    /// The last committing party found.
    pub last_subject: Option<Actors>,
    /// The last group of several actors named as a subject.
    pub last_group: Option<Actors>,
    /// The actors of the paragraph's last commitment.
    pub last_commit: Actors,
    /// Whether the group acting as one committed in the current sentence.
    pub sentence_group_commits: bool,
}

/// Where a fact is stated; made into a [`Citation`] only when a fact is found. The facts of
/// one sentence share its quote, and those of one document its source id.
pub(crate) struct Cite<'t> {
    source: Arc<str>,
    line: u32,
    quote: &'t str,
    shared: OnceCell<Arc<str>>,
}

impl<'t> Cite<'t> {
    /// Where a sentence lies: its source, line and text.
    pub(crate) fn new(source: Arc<str>, line: u32, quote: &'t str) -> Cite<'t> {
        Cite {
            source,
            line,
            quote,
            shared: OnceCell::new(),
        }
    }

    pub(crate) fn plain(&self) -> Citation {
        Citation {
            source: Arc::clone(&self.source),
            line: self.line,
            quote: Arc::clone(self.shared.get_or_init(|| self.quote.into())),
            reading: None,
        }
    }

    /// The citation with what the extractor read in it. Every word must be a substring of
    /// the quote (they are cut from it).
    pub(crate) fn with_words(
        &self,
        words: Words,
        quantity: Option<&str>,
        condition: Option<&str>,
        instrument: Option<&str>,
    ) -> Citation {
        let reading = Reading {
            words,
            quantity: quantity.map(Into::into),
            condition: condition.map(Into::into),
            instrument: instrument.map(Into::into),
        };
        Citation {
            reading: Some(Arc::new(reading)),
            ..self.plain()
        }
    }
}
