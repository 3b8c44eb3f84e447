//! The roles actors play in a brief: who benefits, who opposes, which group acts as one.

use crate::lexicon::Lexicon;

/// The roles actors play in a brief: the beneficiary (never a committing party), the
/// adversaries (whose objections are caveats and whose deployments commit nothing), and the
/// group that acts as one.
pub(crate) struct Roles {
    pub beneficiary: Option<u16>,
    pub group: Option<u16>,
    adversary: Vec<bool>,
    country: Vec<bool>,
    /// The bloc whose members the document's "allies" are (see [`bloc_of`]).
    pub bloc: Option<u16>,
}

impl Roles {
    pub(crate) fn of(lex: &Lexicon) -> Roles {
        let n = lex.actor_count();
        let beneficiary = lex.beneficiary();
        let adversary: Vec<bool> = (0..n).map(|a| lex.is_opponent(a as u16)).collect();
        let country = (0..n)
            .map(|a| {
                let code = lex.code(a as u16);
                code.len() == 2
                    && !lex.is_bloc(a as u16)
                    && Some(a as u16) != beneficiary
                    && !adversary[a]
            })
            .collect();
        Roles {
            beneficiary,
            group: lex.groups().first().copied(),
            adversary,
            country,
            bloc: None,
        }
    }
    /// Takes `a` as the beneficiary: a guarantor no longer.
    pub(crate) fn set_beneficiary(&mut self, a: u16) {
        self.beneficiary = Some(a);
        if let Some(c) = self.country.get_mut(usize::from(a)) {
            *c = false;
        }
    }
    pub(crate) fn is_beneficiary(&self, a: u16) -> bool {
        Some(a) == self.beneficiary
    }
    pub(crate) fn is_adversary(&self, a: u16) -> bool {
        self.adversary.get(usize::from(a)).copied().unwrap_or(false)
    }
    /// A guarantor country (not the beneficiary, an adversary or a body).
    pub(crate) fn is_country(&self, a: u16) -> bool {
        self.country.get(usize::from(a)).copied().unwrap_or(false)
    }
}
