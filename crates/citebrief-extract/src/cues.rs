//! Cue phrases: the words that make a sentence a commitment, a condition, a caveat, or
//! that stand for an actor (pronouns, observers). One Aho-Corasick automaton, built once.
//!
//! Every cue belongs to a named rule; the rule names are what `Meta::rules` and
//! [`crate::Finding`] report, and each has a unit test of the same name.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use citebrief_store::{CaveatKind, Status};

use crate::lexicon::at_word_boundaries;

/// Where a negation stands relative to what it negates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Neg {
    /// Not a negation.
    No,
    /// "will not send troops": negates what follows.
    Before,
    /// "troops are not foreseen": negates what precedes too.
    After,
}

/// Who a caveat is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum About {
    /// The actors the sentence's commitments or names point at.
    Actors,
    /// The package as a whole: `about: []`.
    Package,
    /// Russia objecting: about the countries whose commitments it targets.
    RussiaTargets,
    /// The actor named nearest the cue ("could withdraw American support").
    Near,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he, she, him, her: the person last named.
    Person,
    /// we, our: the speaker quoted in the line.
    Speaker,
    /// "the country", "his country": the last named person's or country's actor.
    Country,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    Status {
        status: Status,
        neg: Neg,
        commit_verb: bool,
    },
    /// Opens a condition phrase ("after", "once", "in the event of").
    Condition,
    Caveat {
        kind: CaveatKind,
        about: About,
    },
    /// Ends a clause: "but", "while", ";".
    Boundary,
    Pronoun(Pronoun),
    /// An analyst, expert or think-tank: their analysis is no commitment.
    Observer,
    /// Looks like a cue but is none ("completed ratification"): matched so that the shorter
    /// cue inside it is not.
    Neutral,
}

pub(crate) struct Rule {
    pub name: &'static str,
    pub cue: Cue,
    pub phrases: &'static [&'static str],
}

const fn status(status: Status) -> Cue {
    Cue::Status {
        status,
        neg: Neg::No,
        commit_verb: false,
    }
}
const fn caveat(kind: CaveatKind, about: About) -> Cue {
    Cue::Caveat { kind, about }
}

use About::{Actors, Package, RussiaTargets};
use CaveatKind as K;

pub(crate) static RULES: &[Rule] = &[
    // ---- commitments: how firm ----
    Rule {
        name: "commit.cue.will",
        cue: status(Status::Pledged),
        phrases: &[
            "will",
            "would",
            "shall",
            "'ll",
            "is to",
            "are to",
            "is set to",
            "are set to",
        ],
    },
    Rule {
        name: "commit.cue.agree",
        cue: status(Status::Pledged),
        phrases: &[
            "agree",
            "agreed",
            "agrees",
            "agreeing",
            "agreement to",
            "confirmed",
            "confirm",
            "approve",
            "approved",
            "approves",
        ],
    },
    Rule {
        name: "commit.cue.pledge",
        cue: Cue::Status {
            status: Status::Pledged,
            neg: Neg::No,
            commit_verb: true,
        },
        phrases: &[
            "pledge",
            "pledged",
            "pledges",
            "vow",
            "vowed",
            "vows",
            "commit",
            "commits",
            "committed",
            "promise",
            "promised",
            "promises",
        ],
    },
    Rule {
        name: "commit.cue.commitment",
        cue: status(Status::Pledged),
        phrases: &[
            "commitment",
            "commitments",
            "backs",
            "backed",
            "backing for",
        ],
    },
    Rule {
        name: "commit.cue.provide",
        cue: status(Status::Pledged),
        phrases: &[
            "announced",
            "announces",
            "unveiled",
            "contributing",
            "supplying",
            "sent",
            "provide",
            "provides",
            "providing",
            "deploy",
            "deploys",
            "deploying",
            "send",
            "sends",
            "sending",
            "establish",
            "establishes",
            "establishing",
            "lead",
            "leads",
            "leading",
            "leadership",
            "participate",
            "participates",
            "participation",
            "participating",
            "contribute",
            "contributes",
            "contribution",
            "supply",
            "supplies",
            "ensure",
            "ensuring",
            "guarantee",
            "deliver",
            "delivers",
            "engage",
            "take part",
            "give",
            "gives",
            "giving",
            "donate",
            "donates",
            "donated",
            "transfer",
            "transfers",
            "transferred",
            "station",
            "stationed",
            "stationing",
            "includes",
            "include",
            "oblige",
            "obliges",
            "obliged",
            "obligation",
        ],
    },
    Rule {
        name: "commit.cue.sign",
        cue: status(Status::Signed),
        phrases: &["signed", "sign", "signing", "signs"],
    },
    Rule {
        name: "commit.cue.ready-to",
        cue: status(Status::Offered),
        phrases: &[
            "ready to",
            "readiness",
            "willing",
            "willingness",
            "prepared to",
            "is ready",
            "are ready",
            "offer",
            "offered",
            "offers",
            "offering",
            "stands ready",
        ],
    },
    Rule {
        name: "commit.cue.could",
        cue: status(Status::Offered),
        phrases: &[
            "had not ruled out",
            "have not ruled out",
            "not ruled out",
            "open to",
            "not rule out",
            "did not rule out",
            "does not rule out",
            "would not rule out",
            "will not rule out",
            "refused to rule out",
            "declined to rule out",
            "not ruling out",
            "has not ruled out",
            "could",
            "can",
            "possible",
            "may be able",
            "able to",
        ],
    },
    Rule {
        name: "commit.cue.plan",
        cue: status(Status::Planned),
        phrases: &[
            "plan to",
            "plans to",
            "planned",
            "planning",
            "intends to",
            "intend to",
            "aims to",
            "proposed",
            "proposal",
            "envisage",
            "envisages",
            "envisaged",
            "envisions",
            "foresees",
        ],
    },
    Rule {
        name: "commit.cue.discuss",
        cue: status(Status::Planned),
        phrases: &[
            "discuss",
            "discussing",
            "discussed",
            "discussion",
            "discussions",
            "possibility",
            "considering",
            "consider",
            "seeking",
            "exploring",
            "may",
            "might",
            "expected to",
            "yet to decide",
            "not yet decided whether",
            "undecided whether",
            "has not decided whether",
            "have not decided whether",
            "declined to say whether",
            "would not say whether",
            "refused to say whether",
            "did not say whether",
            "has not said whether",
            "have not said whether",
            "likely to",
            "studying",
            "examining",
            "weighing",
            "mulling",
            "assessing",
        ],
    },
    // ---- commitments: refusals ----
    Rule {
        name: "commit.negative.will-not",
        cue: Cue::Status {
            status: Status::RuledOut,
            neg: Neg::Before,
            commit_verb: false,
        },
        phrases: &[
            "will not send soldiers",
            "would not send soldiers",
            "will not send troops",
            "would not send troops",
            "will not deploy",
            "would not deploy",
            "will not send any troops",
            "would not send any troops",
            "will not",
            "won't",
            "would not",
            "wouldn't",
            "shall not",
            "cannot",
            "can't",
            "do not involve",
            "does not involve",
            "will not involve",
            "not send",
            "not provide",
            "not participate",
            "no plans to",
            "has no plans",
            "have no plans",
            "not going to",
            "no intention",
            "does not intend",
            "do not intend",
            "stop short of",
            "stops short of",
            "stopped short of",
            "stopping short of",
            "did not commit",
            "not commit",
            "not pledge",
            "not contribute",
            "not supply",
            "not deliver",
            "not deploy",
            "not station",
            "not join",
            "does not amount to",
        ],
    },
    Rule {
        name: "commit.negative.rule-out",
        cue: Cue::Status {
            status: Status::RuledOut,
            neg: Neg::Before,
            commit_verb: false,
        },
        phrases: &[
            "rule out",
            "rules out",
            "ruled out",
            "ruling out",
            "refuse",
            "refused",
            "refuses",
            "refusing",
            "reject",
            "rejected",
            "rejects",
            "declined",
            "declines",
            "no funds",
            "no money",
            "will not contribute",
        ],
    },
    Rule {
        name: "commit.negative.not-foreseen",
        cue: Cue::Status {
            status: Status::RuledOut,
            neg: Neg::After,
            commit_verb: false,
        },
        phrases: &[
            "is not foreseen",
            "are not foreseen",
            "not foreseen",
            "is not planned",
            "are not planned",
            "out of the question",
            "is off the table",
            "are off the table",
        ],
    },
    // ---- conditions ----
    Rule {
        name: "commit.condition",
        cue: Cue::Condition,
        phrases: &[
            "as part of",
            "after",
            "once",
            "in the event of",
            "in case of",
            "in the case of",
            "contingent on",
            "contingent upon",
            "conditional on",
            "conditioned on",
            "following",
            "in the context of",
            "subject to",
            "if",
            "should it",
            "should russia",
            "should moscow",
            "when",
            "pending",
            "provided that",
            "on condition that",
            "as soon as",
            "in the event that",
        ],
    },
    // ---- caveats ----
    Rule {
        name: "caveat.after-ceasefire.cue",
        cue: caveat(K::AfterCeasefire, Actors),
        phrases: &[
            "post-war",
            "postwar",
            "post-conflict",
            "halts hostilities",
            "stop fighting",
            "end of hostilities",
            "cessation of hostilities",
        ],
    },
    Rule {
        name: "caveat.needs-ratification.cue",
        cue: caveat(K::NeedsRatification, Actors),
        phrases: &[
            "parliamentary vote",
            "parliamentary mandate",
            "bundestag mandate",
            "approval from lawmakers",
            "approved by lawmakers",
            "congressional approval",
            "ratified",
            "ratification",
            "ratify",
            "approval of parliament",
            "parliamentary approval",
            "approval from their",
            "approval of their",
            "approval by parliament",
            "in parliament",
            "parliamentary process",
            "in the cabinet",
            "cabinet approval",
            "constitutional procedures",
            "constitutional procedure",
            "democratic processes",
            "legislatures",
            "vote in parliament",
            "must still approve",
            "must approve",
            "has to be approved",
            "have to be approved",
            "must be approved",
            "to be approved by",
            "approved by the",
            "approval by the",
            "approval of the",
            "vote in the",
            "vote on ratifying",
            "delays vote",
            "delays a vote",
            "delayed a vote",
            "postponed a vote",
            "postpones a vote",
            "postponed the vote",
            "vote against",
            "triple lock",
            "ratifying",
            "a vote in",
            "requires a vote",
            "require a vote",
            "requires approval",
            "require approval",
            "requires parliamentary",
        ],
    },
    Rule {
        name: "caveat.details-unclear.cue",
        cue: caveat(K::DetailsUnclear, Actors),
        phrases: &[
            "undecided",
            "not been decided",
            "not yet decided",
            "open questions",
            "questions remain",
            "many questions",
            "unanswered questions",
            "did not specify",
            "did not say how many",
            "gave no details",
            "it is not clear",
            "it was not clear",
            "yet to be agreed",
            "not yet been decided",
            "not been finalised",
            "not been finalized",
            "remains to be seen",
            "not made public",
            "not been made public",
            "not disclosed",
            "not been disclosed",
            "undisclosed",
            "remain unclear",
            "remains unclear",
            "remained unclear",
            "details unclear",
            "unclear",
            "to be determined",
            "yet to be decided",
            "yet to be defined",
            "not yet defined",
            "still under discussion",
            "under discussion",
            "remained private",
            "remain private",
            "paves the way",
            "uncertainties",
            "not specified",
            "declined to give",
            "declined to say",
            "declined to specify",
            "declined to disclose",
            "would not say",
            "refused to say",
            "did not say",
            "has not said",
            "have not said",
            "yet to say",
            "has yet to say",
            "have yet to say",
            "yet to specify",
            "says nothing about",
            "said nothing about",
            "declined to say whether",
            "would not say whether",
            "refused to say whether",
            "did not say whether",
            "has not said whether",
            "have not said whether",
            "more detail",
            "more details",
            "no details",
            "remain to be agreed",
            "remains to be agreed",
            "to be agreed",
            "remain to be decided",
            "remains to be decided",
        ],
    },
    Rule {
        // open questions: about the package's details when the sentence names one (command,
        // funding, size...), else a doubt about the peace itself (`caveat.other.peace-doubt`)
        name: "caveat.details-unclear.open",
        cue: caveat(K::DetailsUnclear, Actors),
        phrases: &[
            "remains open",
            "remain open",
            "remained open",
            "leaves open",
            "left open",
            "unresolved",
            "not been settled",
            "not settled",
            "not been resolved",
        ],
    },
    Rule {
        name: "caveat.russian-opposition.cue",
        cue: caveat(K::RussianOpposition, RussiaTargets),
        phrases: &[
            "will not accept",
            "would not accept",
            "not accept",
            "never accept",
            "would not tolerate",
            "legitimate target",
            "legitimate military target",
            "rejects",
            "rejected",
            "reject",
            "rule out",
            "rules out",
            "ruled out",
            "will not agree",
            "would not agree",
            "dismissed",
            "dismisses",
            "legitimate targets",
            "legitimate military targets",
            "foreign intervention",
            "no ceasefire",
            "no cease-fire",
            "cannot be achieved without",
            "without a comprehensive settlement",
            "not ready for peace",
            "not showing",
            "will not be allowed",
            "unacceptable",
            "direct threat",
            "opposes",
            "opposed",
            "warned against",
            "does not recognise",
            "does not recognize",
            "will not recognise",
            "will not recognize",
            "provocation",
            "provocative",
            "retaliate",
            "retaliation",
            "theft",
            "worthless",
            "warned",
            "warned that",
            "hostile act",
            "be a target",
            "be targets",
            "be targeted",
            "act of war",
            "legitimate targets for",
        ],
    },
    Rule {
        name: "caveat.limited-role.cue",
        cue: caveat(K::LimitedRole, Actors),
        phrases: &[
            "will not send soldiers",
            "would not send soldiers",
            "will not send troops",
            "would not send troops",
            "will not deploy",
            "would not deploy",
            "will not send any troops",
            "would not send any troops",
            "away from the contact line",
            "far from the contact line",
            "no combat role",
            "non-combat role",
            "not engage in combat",
            "will not engage in combat",
            "would not engage in combat",
            "won't engage in combat",
            "not take part in fighting",
            "no combat",
            "non-combat",
            "not take part in combat",
            "far from the front",
            "far from any front",
            "away from the front",
            "behind the front",
            "non-military",
            "not send soldiers",
            "not send troops",
            "not foreseen",
            "is not foreseen",
            "are not foreseen",
            "neighbouring country",
            "neighboring country",
            "bordering ukraine",
            "not everyone",
            "not every country",
            "not all allies",
            "not all members",
            "not all countries",
            "only a supporting role",
            "no boots on the ground",
            "not deploy",
            "non-lethal",
            "civilian only",
            "unarmed",
            "not combat",
            "outside ukraine",
            "outside of ukraine",
            "away from the front line",
            "will not enter",
            "not enter",
            "not fly combat",
            "no combat missions",
            "not take part in combat missions",
        ],
    },
    Rule {
        name: "caveat.weakened-wording.cue",
        cue: caveat(K::WeakenedWording, Actors),
        phrases: &[
            "removed from the text",
            "removed from",
            "watered down",
            "watered-down",
            "dropped from",
            "was dropped",
            "were dropped",
            "softened",
            "toned down",
            "struck from",
        ],
    },
    Rule {
        name: "caveat.limited-resources.cue",
        cue: caveat(K::LimitedResources, Actors),
        phrases: &[
            "limited resources",
            "lack of resources",
            "less than initially",
            "less than the initial",
            "fewer than initially",
            "financed by other",
            "financed by others",
            "paid for by others",
            "no funds",
            "no money",
            "scaled back",
            "scaled down",
            "cut back",
        ],
    },
    Rule {
        name: "caveat.other.peace-doubt",
        cue: caveat(K::Other, Package),
        phrases: &[
            "not there yet",
            "long road ahead",
            "hardest yards",
            "warned of difficulties",
            "warned of future difficulties",
            "difficulties ahead",
            "compromises will be necessary",
            "compromises are necessary",
            "a long way to go",
            "far from certain",
            "still ahead",
        ],
    },
    Rule {
        name: "caveat.other.support-doubt",
        cue: caveat(K::Other, About::Near),
        phrases: &[
            "fluctuating support",
            "wavering support",
            "at least for now",
            "for the time being",
            "could withdraw",
            "might withdraw",
            "may withdraw",
        ],
    },
    Rule {
        name: "cue.neutral",
        cue: Cue::Neutral,
        phrases: &[
            "completed ratification",
            "completed the ratification",
            "already ratified",
            "has ratified",
            "have ratified",
            "have both ratified",
            "not allow",
            "will not allow",
            "would not allow",
            "not permit",
        ],
    },
    // ---- structure ----
    Rule {
        name: "clause.boundary",
        cue: Cue::Boundary,
        phrases: &[
            "but", "while", "whereas", "although", "though", ";", "however", "instead",
        ],
    },
    Rule {
        name: "actor.pronoun.person",
        cue: Cue::Pronoun(Pronoun::Person),
        phrases: &["he", "she", "him", "her"],
    },
    Rule {
        name: "actor.pronoun.speaker",
        cue: Cue::Pronoun(Pronoun::Speaker),
        phrases: &["we", "our"],
    },
    Rule {
        name: "actor.pronoun.country",
        cue: Cue::Pronoun(Pronoun::Country),
        phrases: &[
            "his country",
            "her country",
            "the country",
            "the country's",
            "his government",
            "her government",
            "the government",
        ],
    },
    Rule {
        name: "actor.observer",
        cue: Cue::Observer,
        phrases: &[
            "analyst",
            "analysts",
            "political scientist",
            "expert",
            "experts",
            "think tank",
            "think-tank",
            "professor",
            "researcher",
            "senior fellow",
            "institute",
            "fund of",
            "foundation",
            "commentator",
        ],
    },
];

/// A cue found in a text: byte range and the rule it belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    pub start: usize,
    pub end: usize,
    pub rule: usize,
}

impl CueHit {
    pub fn cue(&self) -> Cue {
        RULES[self.rule].cue
    }
    pub fn name(&self) -> &'static str {
        RULES[self.rule].name
    }
}

struct Automaton {
    ac: AhoCorasick,
    /// pattern -> rules (a phrase may belong to several, e.g. "ruled out").
    rules: Vec<Vec<usize>>,
}

static CUES: LazyLock<Automaton> = LazyLock::new(|| {
    let mut phrases: Vec<&str> = Vec::new();
    let mut rules: Vec<Vec<usize>> = Vec::new();
    for (r, rule) in RULES.iter().enumerate() {
        for p in rule.phrases {
            match phrases.iter().position(|q| q.eq_ignore_ascii_case(p)) {
                Some(i) => rules[i].push(r),
                None => {
                    phrases.push(p);
                    rules.push(vec![r]);
                }
            }
        }
    }
    let ac = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&phrases)
        .expect("cue automaton builds");
    Automaton { ac, rules }
});

/// Cues in `text`, in order; a phrase in several rules gives one hit per rule.
pub(crate) fn scan(text: &str, out: &mut Vec<CueHit>) {
    out.clear();
    for m in CUES.ac.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let punct = !text[start..end].starts_with(char::is_alphanumeric);
        if !punct && !at_word_boundaries(text, start, end) {
            continue;
        }
        for &rule in &CUES.rules[m.pattern().as_usize()] {
            out.push(CueHit { start, end, rule });
        }
    }
}
