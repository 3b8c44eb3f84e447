//! The registry of extraction rules: every rule is named here once, with what it does.
//!
//! A fact's `rules:` in facts.yaml names the rules that gave it; `citebrief inspect --rules`
//! prints this table. Cue phrases (`data/cues.yaml`) belong to rules of this registry; the
//! other rules are steps of the clause analysis (`src/clause/`). Each rule has test cases in
//! `tests/rules.yaml` (a sentence and the facts it must give), run by `tests/rules.rs`, which
//! also checks that every rule here has at least one case.

/// A rule: its name and one line on what it reads.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub name: &'static str,
    pub reads: &'static str,
}

const fn r(name: &'static str, reads: &'static str) -> Rule {
    Rule { name, reads }
}

/// Every rule, by the step it belongs to.
pub static RULES: &[Rule] = &[
    // ---- how firm: the verb chain of a clause and its hedges ----
    r("status.sign", "signed, concluded, finalised a text that carries the commitment: signed"),
    r("status.pledge", "pledged, vowed, committed, promised, agreed to: pledged"),
    r("status.will", "will, would, shall, is to: pledged, in the speaker's own words or reported"),
    r("status.offer", "ready, willing, prepared to, offered, readiness: offered"),
    r("status.could", "could, can, may: offered"),
    r(
        "status.offer-provides",
        "pledged, agreed or promised to offer: what is offered is provided (pledged)",
    ),
    r(
        "status.suspend",
        "suspended, froze, halted, cut off what it gave: ruled out (for now)",
    ),
    r(
        "status.presence",
        "a force has people from the countries named after `from`: pledged (commitment kept)",
    ),
    r("status.plan", "plans, intends, is preparing to: planned"),
    r("status.discuss", "discussed, proposed, expected, possible, a goal, a need: discussed"),
    r("status.provide", "a verb of providing (send, deploy, supply): pledged when nothing lowers it"),
    r("status.provide.noun", "a noun of providing (deployment, contribution): commits to nothing alone"),
    r("status.lead", "leading or commanding: `command` when what is led is a force or component"),
    r("status.refuse", "will not, refuses, rules out: ruled out"),
    r("status.not-foreseen", "is not foreseen, is off the table: refuses what precedes it"),
    r("status.hedge", "a chain's status is the least firm its words support (could + send: offered)"),
    r("status.future-sign", "a signature still to come (will sign, expected to be signed): planned at most"),
    r("status.coordinated", "a verb joined to the one before (and provide, with X leading) shares its status"),
    r("status.reported-hedge", "a hedge in the reporting frame (a draft states that) caps what it reports"),
    // ---- who: the committing party ----
    r("actor.subject", "the names right before the verb chain, not after a preposition"),
    r("actor.reported", "in reported speech (X said Y will), the subject inside it, never the speaker"),
    r("actor.pronoun.person", "he, she: the person last named in the paragraph"),
    r("actor.pronoun.country", "it, the country, his government: the country last named or the person's"),
    r("actor.pronoun.group", "they, the signatories: the group last named as a subject"),
    r("actor.pronoun.speaker", "we, our: the speaker's country or the group it speaks for"),
    r("actor.observer", "an analyst or think tank: their view commits nobody"),
    r("actor.thanked", "thanked X for its readiness: X is the subject of what it is thanked for"),
    r("actor.asked", "urged X to, asked X to: X has committed nothing, at most discussed"),
    r("actor.agent", "the agent of a passive or of a noun (deployed by X, deployments by X)"),
    r("actor.modifier", "a name or demonym right before the thing given (French soldiers, US troop presence)"),
    r("actor.led", "X-led: X provides what it leads"),
    r("actor.with", "with X leading Y: X is the subject of the verb after it"),
    r("actor.relative", "X, who will send: X is the subject of the relative clause"),
    r("actor.coordinated", "a verb joined to the one before shares its subject"),
    r("actor.paragraph", "a passive that names no agent: the paragraph's last committing party"),
    r("actor.group", "a list that names the group acting as one (the coalition) is the group"),
    r("actor.default-group", "a clause about the guarantees that names no provider: the group acting as one"),
    r("actor.bilateral", "the beneficiary signing with X: X commits"),
    r("actor.text-party", "a text as the subject (the document provides, it envisages): the parties of the last text signed"),
    r("status.text-content", "what a text focuses on or envisages is what it provides: pledged"),
    r("actor.beneficiary", "the beneficiary is never the committing party"),
    // ---- what: the domains a clause gives ----
    r("domain.keyword", "a domain keyword of the lexicon in what the verb chain governs"),
    r(
        "domain.force-word",
        "personnel, officers, agents: police if the article names police more than troops",
    ),
    r("domain.money", "an amount of money given: financing"),
    r("domain.strengthen", "bolstering or strengthening the beneficiary's forces: weapons"),
    r("domain.support-force", "supporting a force or the guarantees, with nothing named: backstop"),
    r("domain.attack-clause", "a promise to act if the beneficiary is attacked: binding-guarantee"),
    r("domain.guarantee", "security guarantees: binding-guarantee where the sentence names an attack to deter, else other"),
    r("domain.unspecified", "a signed agreement or a commitment that names no content: other"),
    r("domain.lead-command", "leading a force, component or mission: command"),
    r("domain.beneficiary-own", "the beneficiary's own forces or army are not what is given"),
    r("domain.purpose", "what a purpose clause names (to deter an attack) is not what is given"),
    r("domain.bought", "what money pays for is financed, not given"),
    r("domain.tasked", "people sent for a named task (engineers to clear mines) give that task"),
    r("domain.after-no", "no troops, not boots on the ground: refused, not given"),
    // ---- details ----
    r("detail.quantity", "how many or how much of the domain the clause names"),
    r("detail.condition", "a condition phrase (after a ceasefire, in the event of an attack)"),
    r("detail.instrument", "the named text that carries the commitment (a declaration of intent)"),
    // ---- structure ----
    r("clause.boundary", "but, while, however, a semicolon: a clause ends"),
    r("clause.neutral", "looks like a cue but is none (completed ratification)"),
    r("clause.question", "how or whether opens the clause: an open question commits nobody"),
    // ---- caveats ----
    r("caveat.after-ceasefire", "takes effect only after a ceasefire or peace deal"),
    r("caveat.after-ceasefire.condition", "a commitment's condition is a ceasefire or peace deal"),
    r("caveat.needs-ratification", "parliaments, cabinets or a mandate must approve it"),
    r("caveat.needs-ratification.condition", "a commitment's condition is an approval"),
    r("caveat.details-unclear", "size, financing, command or other details not defined or public"),
    r("caveat.opposition", "the adversary rejects, threatens or vetoes it"),
    r("caveat.limited-role", "no combat, far from the front, outside the territory"),
    r("caveat.limited-role.refusal", "refusing troops, jets, ships or weapons limits the role"),
    r("caveat.weakened-wording", "a commitment dropped from or softened in the text"),
    r("caveat.limited-resources", "numbers cut, or conditional on money from others"),
    r("caveat.limited-resources.condition", "a commitment's condition is money from others"),
    r("caveat.limited-resources.package", "the mission's fund lacks money, whoever contributes"),
    r("caveat.other.peace-doubt", "doubt that the ceasefire or peace the package waits on will come"),
    r("caveat.other.support-doubt", "doubt that a guarantor's support will last"),
    r("caveat.about.owner", "a package-wide limit whose clause names whose commitments (\"the US commitments\")"),
    // ---- discrepancy claims ----
    r("claim.meeting-date", "the date of the meeting a source reports"),
    r("claim.meeting-date.weekday", "on Tuesday, resolved against the source's publication date"),
    r("claim.command", "command arrangements settled or still open"),
    r("claim.trigger", "what a commitment's deployment waits on: a ceasefire or a peace agreement"),
    r("claim.quantity", "two figures for the same measure of the same commitment"),
    r("claim.signatories", "an exact count of the parties that signed a text"),
    r("claim.term", "how many years an agreement of one party runs"),
];

/// The registered name equal to `name`, as a static string.
pub fn lookup(name: &str) -> Option<&'static str> {
    RULES.iter().find(|r| r.name == name).map(|r| r.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique_and_dotted() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a rule is named twice");
        for n in names {
            assert!(
                n.contains('.')
                    && n.bytes()
                        .all(|b| b.is_ascii_lowercase() || b"-.".contains(&b)),
                "{n}"
            );
        }
    }
}
