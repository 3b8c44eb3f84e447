//! Step 4: what is given. The domains a chain commits to are those its clause names after
//! the verb (and, for a passive or a refusal of what precedes, before it), up to the next
//! verb or clause boundary; what a purpose clause, a condition or the beneficiary's own
//! forces name is not given. Each domain may name its own provider ("French soldiers",
//! "US-led monitoring").

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use citebrief_store::Domain;
use smallvec::SmallVec;

use crate::cues::Does;
use crate::scan::at_word_boundaries;

use super::chains::Chain;
use super::context::{Actors, Rules};
use super::marks::MForm;
use super::read::Sentence;
use super::text::{is_one_of, next_word, possessive_at, prev_word, span, words_within};
use crate::roles::Roles;

/// One thing a chain gives.
#[derive(Debug, Clone)]
pub(crate) struct Given {
    pub domain: Domain,
    /// The words that name it.
    pub start: usize,
    pub end: usize,
    /// Actors the clause names for this thing itself ("French soldiers", "US-led").
    pub own: Option<Owner>,
    /// Named after "no" ("no troops"): refused by a chain that pledges the rest.
    pub refused: bool,
    pub rules: Rules,
}

/// The parties a clause names for a thing itself: "French soldiers", "US-led monitoring".
#[derive(Debug, Clone)]
pub(crate) struct Owner {
    /// Empty when the thing is the beneficiary's or the adversary's own.
    pub actors: Actors,
    /// "X-led": the owner joins the subject rather than replacing it.
    pub led: bool,
    /// The words that name them.
    pub start: usize,
    pub end: usize,
}

/// Where a chain's object lies: `start..end`, and the part before the verb when the thing
/// given is the grammatical subject (a passive, "is not foreseen").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope {
    pub before: Option<(usize, usize)>,
    pub start: usize,
    pub end: usize,
}

/// Whether `d` is "deployment" (or "presence") of a thing named within the next four words.
fn deployment_of_thing(s: &Sentence, d: &super::marks::DomainHit) -> bool {
    let word = span(s.text, d.start, d.end);
    is_one_of(word, &["deployment", "deployments", "presence"])
        && next_word(s.text, d.end).is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
        && s.domains
            .iter()
            .any(|t| t.start > d.end && words_within(s.text, d.end, t.start, 4))
}

/// What a leading chain leads, when it is a force: the brief's group named within its first
/// five words ("the mission", "the coordination of the international mission") or a force
/// word ("the operation").
fn led_force(s: &Sentence, chain: &Chain, scope: Scope, roles: &Roles) -> Option<(usize, usize)> {
    let lead_end = s
        .cues_in(chain.start, chain.end)
        .filter(|c| c.does == Does::Lead)
        .map(|c| c.end)
        .last()?;
    let stop = |w: &str| {
        is_one_of(
            w,
            &["efforts", "effort", "talks", "work", "push", "calls", "to"],
        )
    };
    let mut words = crate::clause::text::words_at_offsets(s.text, lead_end, scope.end).take(6);
    let limit = words.find(|(_, w)| stop(w)).map_or(scope.end, |(at, _)| at);
    if let Some(m) = s.mentions.iter().find(|m| {
        m.start >= lead_end
            && m.end <= limit
            && m.actor.is_some()
            && m.actor == roles.group
            && crate::clause::text::words_within(s.text, lead_end, m.start, 4)
    }) {
        return Some((m.start, m.end));
    }
    crate::clause::text::words_at_offsets(s.text, lead_end, limit)
        .take(5)
        .find(|(_, w)| is_one_of(w, FORCE_WORDS))
        .map(|(at, w)| (at, at + w.len()))
}

/// Words that make a force of a domain word: leading these is `command`.
const FORCE_WORDS: &[&str] = &[
    "component",
    "components",
    "element",
    "elements",
    "force",
    "forces",
    "mission",
    "missions",
    "contingent",
    "contingents",
    "operation",
    "operations",
    "brigade",
    "battalion",
    "troops",
];

/// Verbs of supporting: supporting a force or the guarantees is a backstop.
const SUPPORT_VERBS: &[&str] = &["support", "supports", "supporting", "supported"];

/// The scope of chain `i`.
pub(crate) fn scope(s: &Sentence, chains: &[Chain], i: usize, left: usize) -> Scope {
    let text = s.text;
    let chain = &chains[i];
    let mut end = s.boundary_after(chain.end);
    if let Some(next) = chains.get(i + 1) {
        end = end.min(next.start);
    }
    // a report after the object ends it: "..., Merz says"
    if let Some(r) = s
        .cues
        .iter()
        .find(|c| c.does == Does::Report && c.start >= chain.end && c.start < end)
    {
        end = r.start;
    }
    // a relative clause or a purpose once the object has begun
    let mut seen = false;
    let mut pos = chain.end;
    while pos < end {
        let Some((at, w)) = next_word(text, pos) else {
            break;
        };
        if at >= end {
            break;
        }
        let wend = at + w.len();
        if s.domains.iter().any(|d| d.start <= at && at < d.end) {
            seen = true;
            pos = wend;
            continue;
        }
        // once the object has begun: a relative clause, a purpose, or an alternative ("their
        // contribution to training or their participation in operations": not both)
        let relative = is_one_of(w, &["which", "who", "where", "whose"])
            || (w.eq_ignore_ascii_case("that") && span(text, pos, at).trim_end().ends_with(','));
        let purpose_to =
            w.eq_ignore_ascii_case("to") && purpose(s, wend) && !after_text_noun(text, at);
        let alternative_or =
            w.eq_ignore_ascii_case("or") && !chain.negative && alternative(text, wend);
        if seen && (relative || purpose_to || alternative_or) {
            end = at;
            break;
        }
        pos = wend;
    }
    let before = (chain.passive || chain.refuses_before || subject_is_thing(s, chain, left))
        .then_some((left, chain.start));
    Scope {
        before,
        start: chain.start,
        end,
    }
}

/// Whether the word before `at` names a text ("an agreement to enhance defence"): what
/// follows its "to" is its content, not a purpose.
fn after_text_noun(text: &str, at: usize) -> bool {
    prev_word(text, at).is_some_and(|(_, w)| {
        is_one_of(
            w,
            &[
                "agreement",
                "agreements",
                "deal",
                "pact",
                "accord",
                "treaty",
                "declaration",
                "commitment",
                "commitments",
                "pledge",
                "plan",
                "plans",
                "proposal",
                "proposals",
                "package",
                "decision",
                "readiness",
                "willingness",
                "intention",
                "efforts",
                "effort",
            ],
        )
    })
}

/// Whether the words after "or" open an alternative ("or their participation").
fn alternative(text: &str, after: usize) -> bool {
    next_word(text, after).is_some_and(|(_, w)| is_one_of(w, &["their", "its", "his", "her", "to"]))
}

/// Whether a domain word stands as the chain's grammatical subject, named with its provider:
/// "French soldiers could", "multinational forces will ensure".
fn subject_is_thing(s: &Sentence, chain: &Chain, left: usize) -> bool {
    let last = s
        .domains
        .iter()
        .rev()
        .find(|d| d.start >= left && d.end <= chain.start);
    let Some(d) = last else { return false };
    // nothing but a verb's auxiliaries between the thing and the chain
    words_within(s.text, d.end, chain.start, 2)
        && !s
            .mentions
            .iter()
            .any(|m| m.start >= d.end && m.end <= chain.start)
        && s.mentions
            .iter()
            .any(|m| m.end <= d.start && d.start - m.end <= 2)
}

/// Whether "to" at `after` opens a purpose ("to deter", "to protect") rather than naming a
/// place or receiver ("to Moldova", "to the front").
fn purpose(s: &Sentence, after: usize) -> bool {
    let Some((at, w)) = next_word(s.text, after) else {
        return false;
    };
    if s.mentions.iter().any(|m| m.start == at) || s.domains.iter().any(|d| d.start == at) {
        return false;
    }
    let lower = w.chars().next().is_some_and(char::is_lowercase);
    lower
        && !w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !is_one_of(
            w,
            &[
                "the", "a", "an", "its", "their", "his", "her", "this", "these", "that", "those",
                "all", "any", "each", "every", "some", "both", "other", "another", "our", "up",
                "about", "date",
            ],
        )
}

/// The things chain `chain` gives within `scope`.
pub(crate) fn given(
    s: &Sentence,
    chain: &Chain,
    scope: Scope,
    roles: &Roles,
) -> SmallVec<[Given; 4]> {
    let text = s.text;
    let mut out: SmallVec<[Given; 4]> = SmallVec::new();
    let inside = |a: usize| {
        (a >= scope.start && a < scope.end) || scope.before.is_some_and(|(l, r)| a >= l && a < r)
    };
    for d in s
        .domains
        .iter()
        .filter(|d| inside(d.start) && !s.in_condition(d.start))
    {
        let mut rules = Rules::new();
        rules.push(d.rule);
        if framed(text, d.start) {
            // "as part of the security guarantees": the frame, not what is given
            continue;
        }
        if beneficiary_own(s, d.start, d.end, roles) {
            continue;
        }
        // "the deployment of 1,000 police officers": the thing deployed, not a deployment
        if deployment_of_thing(s, d) {
            continue;
        }
        // "a fund to buy weapons", "will fund demining teams": what money buys is financed,
        // not given
        let money_here = s.domains.iter().any(|m| {
            m.domain == Domain::Financing
                && (inside(m.start) || (m.start >= chain.start && m.end <= chain.end))
                && !s.in_condition(m.start)
        });
        if money_here && bought(text, d.start) && d.domain != Domain::Financing {
            continue;
        }
        let own = modifier(s, d.start, roles);
        if own.as_ref().is_some_and(|o| o.actors.is_empty()) {
            // named for the beneficiary or the adversary: not given by anyone here
            continue;
        }
        if own.is_some() {
            rules.push(if own.as_ref().is_some_and(|o| o.led) {
                "actor.led"
            } else {
                "actor.modifier"
            });
        }
        let refused = after_no(text, d.start);
        if refused {
            rules.push("domain.after-no");
        }
        out.push(Given {
            domain: d.domain,
            start: d.start,
            end: d.end,
            own,
            refused,
            rules,
        });
    }
    drop_tasked(text, &mut out);
    // "the contingent that the coalition plans to deploy": the thing given is the relative
    // clause's antecedent
    if out.is_empty() {
        if let Some(d) = antecedent_thing(
            s,
            scope.before.map_or(chain.start, |b| b.0).min(chain.start),
        ) {
            let mut rules = Rules::new();
            rules.push("domain.keyword");
            let own = modifier(s, d.start, roles);
            out.push(Given {
                domain: d.domain,
                start: d.start,
                end: d.end,
                own: own.filter(|o| !o.actors.is_empty()),
                refused: false,
                rules,
            });
        }
    }
    // "drones for Moldova, including surveillance, long range and maritime": kinds of the
    // thing named before "including", not other things given
    let kinds_from = out
        .iter()
        .find(|g| {
            g.domain == Domain::Weapons
                && !span(text, g.end, scope.end)
                    .trim_start_matches(|c: char| !c.is_alphabetic())
                    .is_empty()
                && crate::clause::text::words(text, g.end, scope.end)
                    .take(4)
                    .any(|w| w.eq_ignore_ascii_case("including"))
        })
        .map(|g| g.end);
    if let Some(after) = kinds_from {
        out.retain(|g| g.start < after || g.domain == Domain::Weapons);
    }
    // leading the brief's group or a force with nothing else named ("Kenya leads the
    // mission", "agreed to lead the coordination of the international mission"): command
    if chain.lead && out.is_empty() && !chain.negative && !chain.passive {
        if let Some((a, b)) = led_force(s, chain, scope, roles) {
            let mut rules = Rules::new();
            rules.push("domain.lead-command");
            out.push(Given {
                domain: Domain::Command,
                start: a,
                end: b,
                own: None,
                refused: false,
                rules,
            });
            return out;
        }
    }
    // leading a force or its components: command (its direct object, not "leading efforts
    // to send a force")
    if chain.lead && !out.is_empty() {
        let lead_end = s
            .cues_in(chain.start, chain.end)
            .filter(|c| c.does == Does::Lead)
            .map(|c| c.end)
            .last()
            .unwrap_or(chain.end);
        let before_force = chain.passive
            && scope.before.is_some_and(|(a, b)| {
                crate::clause::text::words(text, a, b).any(|w| is_one_of(w, FORCE_WORDS))
            });
        let leads_force = before_force
            || crate::clause::text::words(text, lead_end, scope.end)
                .take(5)
                .take_while(|w| {
                    !is_one_of(
                        w,
                        &["efforts", "effort", "talks", "work", "push", "calls", "to"],
                    )
                })
                .any(|w| is_one_of(w, FORCE_WORDS))
            || s.cues_in(chain.start, chain.end).any(|c| {
                let t = span(text, c.start, c.end).to_ascii_lowercase();
                t.contains("the lead") || t.contains("leadership")
            });
        if leads_force {
            let (a, b) = (out[0].start, out[out.len() - 1].end);
            let mut rules = Rules::new();
            rules.push("domain.lead-command");
            let own = out.iter().find_map(|g| g.own.clone());
            out.clear();
            out.push(Given {
                domain: Domain::Command,
                start: a,
                end: b,
                own,
                refused: false,
                rules,
            });
            return out;
        }
    }
    // supporting a force or the guarantees, with nothing named: a backstop (supporting the
    // beneficiary if it is attacked is a promise to act: the attack clause's binding guarantee)
    let supports = s.cues_in(chain.start, chain.end).any(|c| {
        is_one_of(
            super::text::last_word(span(text, c.start, c.end)),
            SUPPORT_VERBS,
        )
    });
    if supports {
        let with = crate::clause::text::words(text, chain.end, scope.end)
            .any(|w| w.eq_ignore_ascii_case("with"));
        let named: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, g)| matches!(g.domain, Domain::GroundForces | Domain::BindingGuarantee))
            .map(|(i, _)| i)
            .collect();
        let _ = names_beneficiary;
        if !with && named.len() == out.len() && !out.is_empty() {
            let (a, b) = match out.first() {
                Some(g) => (g.start, g.end),
                None => (chain.start, chain.end),
            };
            let mut rules = Rules::new();
            rules.push("domain.support-force");
            out.clear();
            out.push(Given {
                domain: Domain::Backstop,
                start: a,
                end: b,
                own: None,
                refused: false,
                rules,
            });
            return out;
        }
    }
    // strengthening the beneficiary's forces: weapons
    if let Some((a, b)) = strengthens(text, chain.start, scope.end) {
        if !out.iter().any(|g| g.domain == Domain::Weapons) {
            let mut rules = Rules::new();
            rules.push("domain.strengthen");
            out.push(Given {
                domain: Domain::Weapons,
                start: a,
                end: b,
                own: None,
                refused: false,
                rules,
            });
        }
    }
    // security guarantees: binding where the sentence names an attack to deter
    for g in out.iter_mut() {
        if g.domain == Domain::BindingGuarantee
            && is_generic_guarantee(span(text, g.start, g.end))
            && !names_attack(text)
        {
            g.domain = Domain::Other;
            g.rules.push("domain.guarantee");
        }
    }
    // "intelligence on drones", "training on F-16 jets": the second is what the first is about
    let topics: Vec<usize> = out
        .iter()
        .filter(|g| {
            prev_word(text, g.start)
                .is_some_and(|(_, w)| is_one_of(w, &["on", "about", "regarding", "concerning"]))
                && out
                    .iter()
                    .any(|o| o.end <= g.start && words_within(text, o.end, g.start, 2))
        })
        .map(|g| g.start)
        .collect();
    out.retain(|g| !topics.contains(&g.start));
    money_or_kit(text, &mut out);
    // hubs in the beneficiary's territory are military hubs; a country that is a hub itself
    // ("Poland will be a key hub") offers logistics
    if out.iter().any(|g| g.domain == Domain::MilitaryHubs)
        && !names_beneficiary(s, scope.start, scope.end, roles)
    {
        let bare_hub = |g: &Given| {
            g.domain == Domain::MilitaryHubs
                && is_one_of(span(text, g.start, g.end), &["hub", "hubs"])
        };
        for g in out.iter_mut().filter(|g| bare_hub(g)) {
            g.domain = Domain::Logistics;
            g.rules.push("domain.keyword");
        }
    }
    // an aid package whose content the clause names is that content
    if out.len() > 1 && out.iter().any(|g| g.domain != Domain::Other) {
        out.retain(|g| g.domain != Domain::Other);
    }
    absorb(text, &mut out);
    out
}

/// Generic words for aid that an amount of money names ("€40bn of military aid").
const GENERIC_AID: &[&str] = &[
    "aid",
    "military aid",
    "military assistance",
    "military support",
    "aid package",
    "aid packages",
    "assistance",
    "defence support",
    "defense support",
    "support",
];

/// An amount of money with what it buys: where the clause names kit ("a $1.1 billion
/// package that includes ammunition"), the kit carries it; where it names only aid ("€40
/// billion of military aid"), the money is financing and the aid no second commitment.
fn money_or_kit(text: &str, out: &mut SmallVec<[Given; 4]>) {
    let money = out.iter().any(|g| g.rules.contains(&"domain.money"));
    if !money {
        return;
    }
    let generic = |g: &Given| {
        g.domain == Domain::Weapons && is_one_of(span(text, g.start, g.end), GENERIC_AID)
    };
    // kit a package holds: arms, air defence, jets, ships
    let kit = out.iter().any(|g| {
        matches!(
            g.domain,
            Domain::Weapons | Domain::AirDefence | Domain::Air | Domain::Maritime
        ) && !generic(g)
    });
    if kit {
        out.retain(|g| !g.rules.contains(&"domain.money"));
    } else {
        // "500 million euros for the reconstruction fund": the money is what is given
        out.retain(|g| !generic(g) && (g.domain == Domain::Financing || !funded(text, g.start)));
    }
}

/// Whether the thing at `pos` is what an amount before it is for ("€2bn for demining").
fn funded(text: &str, pos: usize) -> bool {
    crate::clause::text::words_back(text, 0, pos)
        .take(4)
        .any(|(_, w)| is_one_of(w, &["for"]))
}

/// Whether "as part of" (or "within") frames the words at `pos`: "as part of the security
/// guarantees" names the package, not a thing given.
fn framed(text: &str, pos: usize) -> bool {
    let window = text[..pos].trim_end();
    let tail_start = window
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(4)
        .map_or(0, |(i, _)| i);
    let tail = window[tail_start..].to_ascii_lowercase();
    tail.contains("as part of") || tail.contains("in the framework of")
}

/// The thing a relative clause before `pos` is about: "the international contingent that
/// the coalition plans to deploy" gives "contingent".
fn antecedent_thing<'s>(s: &'s Sentence, pos: usize) -> Option<&'s super::marks::DomainHit> {
    let text = s.text;
    let mut p = pos;
    let mut at = None;
    for _ in 0..5 {
        let Some((ws, w)) = prev_word(text, p) else {
            break;
        };
        if is_one_of(w, &["that", "which"]) {
            at = Some(ws);
            break;
        }
        p = ws;
    }
    let at = at?;
    s.domains
        .iter()
        .rev()
        .find(|d| d.end <= at && words_within(text, d.end, at, 0))
}

/// Whether the span names the beneficiary itself ("support Moldova").
fn names_beneficiary(s: &Sentence, a: usize, b: usize, roles: &Roles) -> bool {
    s.mentions
        .iter()
        .any(|m| m.start >= a && m.end <= b && m.actor.is_some_and(|x| roles.is_beneficiary(x)))
}

/// "security guarantees", "defence guarantees": guarantees with no stated trigger.
fn is_generic_guarantee(words: &str) -> bool {
    let w = words.to_ascii_lowercase();
    w.contains("guarantee") && !w.contains("binding")
}

/// Whether a sentence names an attack, aggression or invasion to deter.
fn names_attack(text: &str) -> bool {
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(["attack", "aggression", "invasion", "invade", "deter"])
            .expect("attack words")
    });
    WORDS.is_match(text)
}

/// "bolstering Moldova's armed forces", "the revival of the Armed Forces": weapons.
fn strengthens(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    static VERBS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build([
                "bolster",
                "bolsters",
                "bolstering",
                "strengthen",
                "strengthens",
                "strengthening",
                "revival of",
                "revive",
                "reviving",
                "build up",
                "building up",
                "equip",
                "equipping",
                "rebuild",
                "rebuilding",
                "modernise",
                "modernize",
            ])
            .expect("strengthen verbs")
    });
    static FORCES: &[&str] = &[
        "armed forces",
        "army",
        "military capabilities",
        "military capability",
        "defence forces",
        "defense forces",
        "future force",
        "own forces",
        "military",
        "defences",
        "defenses",
    ];
    let part = span(text, a, b);
    let m = VERBS
        .find_iter(part)
        .find(|m| at_word_boundaries(part, m.start(), m.end()))?;
    let rest_start = a + m.end();
    let window_end = (rest_start..=b)
        .rev()
        .find(|&e| text.is_char_boundary(e) && words_within(text, rest_start, e, 6))
        .unwrap_or(b);
    let window = span(text, rest_start, window_end).to_ascii_lowercase();
    FORCES
        .iter()
        .filter_map(|f| window.find(f).map(|i| (i, f.len())))
        .min()
        .map(|(i, n)| (rest_start + i, rest_start + i + n))
}

/// The actors named right before a domain word ("French soldiers", "US troop presence",
/// "British and French troops", "US-led monitoring"). Empty actors: the thing is the
/// beneficiary's or the adversary's.
fn modifier(s: &Sentence, dstart: usize, roles: &Roles) -> Option<Owner> {
    let text = s.text;
    // "funds from Czech citizens", "troops from Kenya": the provider after "from"
    if let Some(d) = s.domains.iter().find(|d| d.start == dstart) {
        if let Some((at, w)) = next_word(text, d.end) {
            if w.eq_ignore_ascii_case("from") {
                if let Some(m) = s
                    .mentions
                    .iter()
                    .find(|m| m.start > at && words_within(text, at + 4, m.start, 1))
                {
                    if let Some(a) = m.actor {
                        if roles.is_beneficiary(a) || roles.is_adversary(a) {
                            return None;
                        }
                        return Some(Owner {
                            actors: Actors::from_slice(&[a]),
                            led: false,
                            start: m.start,
                            end: m.end,
                        });
                    }
                }
            }
        }
    }
    let last = s
        .mentions
        .iter()
        .rposition(|m| m.end <= dstart && matches!(m.form, MForm::Name | MForm::Demonym))?;
    let m = &s.mentions[last];
    let gap = span(text, m.end, dstart);
    let led = gap
        .trim_start_matches('-')
        .trim()
        .eq_ignore_ascii_case("led");
    let tight = gap
        .chars()
        .all(|c| c.is_whitespace() || "-'’\"“”".contains(c))
        || gap.trim() == "'s"
        || gap.trim() == "’s"
        || gap.split_whitespace().count() == 1
            && is_one_of(gap.trim(), &["troop", "military", "naval", "air", "army"])
        // "followed by the U.S. ($6 million)": an amount in brackets after a name is its
        || gap.trim() == "("
            && s.domains
                .iter()
                .any(|d| d.start == dstart && d.rule == "domain.money");
    if !(led || tight) {
        return None;
    }
    let mut first = last;
    while first > 0 {
        let p = &s.mentions[first - 1];
        let g = &text[p.end..s.mentions[first].start];
        if !matches!(p.form, MForm::Name | MForm::Demonym)
            || g.trim().is_empty()
            || !is_one_of_gap(g)
        {
            break;
        }
        first -= 1;
    }
    let mut actors: Actors = s.mentions[first..=last]
        .iter()
        .filter_map(|m| m.actor)
        .collect();
    if actors
        .iter()
        .any(|&a| roles.is_beneficiary(a) || roles.is_adversary(a))
    {
        // "offer Moldova security guarantees": the receiver, not whose the thing is
        let owner = m.form == MForm::Demonym || possessive_at(text, m.end) || led;
        if !owner {
            return None;
        }
        return Some(Owner {
            actors: Actors::new(),
            led,
            start: s.mentions[first].start,
            end: m.end,
        });
    }
    actors.sort_unstable();
    actors.dedup();
    Some(Owner {
        actors,
        led,
        start: s.mentions[first].start,
        end: m.end,
    })
}

fn is_one_of_gap(g: &str) -> bool {
    let t = g.trim().trim_matches(',').trim();
    t.is_empty() || is_one_of(t, &["and", "or", "and the"]) || g.trim() == ","
}

/// "Chisinau's frontline forces", "Moldovan troops", "Moldova's army": the beneficiary's own.
fn beneficiary_own(s: &Sentence, dstart: usize, dend: usize, roles: &Roles) -> bool {
    let text = s.text;
    let owner = s
        .mentions
        .iter()
        .rev()
        .find(|m| m.end <= dstart && dstart - m.end <= 24);
    let Some(m) = owner else { return false };
    if !m.actor.is_some_and(|a| roles.is_beneficiary(a)) {
        return false;
    }
    let gap = span(text, m.end, dstart);
    let own = possessive_at(text, m.end) || m.form == MForm::Demonym;
    let close = words_within(text, m.end, dstart, 2) && !gap.contains([',', ';']);
    let _ = dend;
    own && close
}

/// "a fund to pay for weapons", "for the purchase of missiles": what money buys.
fn bought(text: &str, pos: usize) -> bool {
    let mut n = 0;
    let mut p = pos;
    while let Some((at, w)) = prev_word(text, p) {
        let l = w.to_ascii_lowercase();
        if l.starts_with("purchas")
            || is_one_of(
                &l,
                &[
                    "buy",
                    "buying",
                    "procure",
                    "procurement",
                    "pay",
                    "fund",
                    "funds",
                    "funding",
                    "finance",
                    "finances",
                    "financing",
                ],
            )
        {
            return true;
        }
        n += 1;
        if n >= 4 {
            break;
        }
        p = at;
    }
    false
}

/// "no troops", "not boots on the ground", "no American troops": named after "no".
fn after_no(text: &str, pos: usize) -> bool {
    let no = |w: &str| is_one_of(w, &["no", "not", "nor"]);
    match prev_word(text, pos) {
        Some((_, w)) if no(w) => true,
        Some((at, w)) if w.starts_with(char::is_uppercase) => {
            prev_word(text, at).is_some_and(|(_, n)| no(n))
        }
        _ => false,
    }
}

/// "200 engineers to clear mines": people sent for a named task give that task; "personnel"
/// beside another contribution serve it.
fn drop_tasked(text: &str, out: &mut SmallVec<[Given; 4]>) {
    const PEOPLE: &[&str] = &[
        "personnel",
        "military personnel",
        "soldiers",
        "engineers",
        "specialists",
        "experts",
    ];
    const TASKS: &[Domain] = &[
        Domain::Demining,
        Domain::Training,
        Domain::Monitoring,
        Domain::Logistics,
        Domain::Humanitarian,
    ];
    let tasked: Vec<usize> = out
        .iter()
        .filter(|g| {
            g.domain == Domain::GroundForces
                && is_one_of(span(text, g.start, g.end), PEOPLE)
                && out.iter().any(|t| {
                    TASKS.contains(&t.domain)
                        && t.start >= g.end
                        && words_within(text, g.end, t.start, 8)
                        && crate::clause::text::words_back(text, g.end, t.start)
                            .take(4)
                            .any(|(_, w)| is_one_of(w, &["to", "for"]))
                })
        })
        .map(|g| g.start)
        .collect();
    out.retain(|g| !tasked.contains(&g.start));
}

/// Whether `later` follows `first` in a gapped coordination: "$59 million and France $3.3
/// million", each with its own amount.
fn gapped(text: &str, first: &Given, later: &Given) -> bool {
    let (Some(own), true) = (&later.own, first.end <= later.start) else {
        return false;
    };
    let gap = span(text, first.end, own.start).trim();
    own.end <= later.start
        && is_one_of(gap, &["and", ", and", ",", "while", "whereas"])
        && span(text, own.end, later.start).trim().is_empty()
}

/// One fact per domain; hubs hold the weapons they store; "demining the Black Sea" is demining.
fn absorb(text: &str, out: &mut SmallVec<[Given; 4]>) {
    // "demining equipment", "air defence support": a generic head after a thing is that thing
    let heads: Vec<usize> = out
        .iter()
        .filter(|g| {
            is_one_of(
                span(text, g.start, g.end),
                &[
                    "equipment",
                    "assistance",
                    "support",
                    "systems",
                    "capabilities",
                ],
            ) && out
                .iter()
                .any(|o| o.end < g.start && span(text, o.end, g.start).trim().is_empty())
        })
        .map(|g| g.start)
        .collect();
    out.retain(|g| !heads.contains(&g.start));
    let has = |d: Domain, v: &SmallVec<[Given; 4]>| v.iter().any(|g| g.domain == d);
    let demining: Vec<usize> = out
        .iter()
        .filter(|g| g.domain == Domain::Demining)
        .map(|g| g.end)
        .collect();
    let hubs = has(Domain::MilitaryHubs, out);
    let mut kept: SmallVec<[Given; 4]> = SmallVec::new();
    for g in out.drain(..) {
        if g.domain == Domain::Weapons && hubs && g.rules.contains(&"domain.keyword") {
            continue;
        }
        if g.domain == Domain::Maritime
            && demining.iter().any(|&e| e <= g.start && g.start - e <= 12)
        {
            continue;
        }
        // the same domain twice: keep the first; a later one that names its own provider is
        // that provider's ("Canada has provided $59 million and France $3.3 million")
        if let Some(k) = kept
            .iter_mut()
            .find(|k| k.domain == g.domain && k.refused == g.refused)
        {
            let own_provider = g
                .own
                .as_ref()
                .is_some_and(|o| !o.actors.is_empty() && !o.led);
            let same_provider = match (&k.own, &g.own) {
                (Some(a), Some(b)) => a.actors == b.actors,
                _ => false,
            };
            let amounts = [&*k, &g].iter().all(|t| t.rules.contains(&"domain.money"));
            if own_provider && k.own.is_none() && !gapped(text, k, &g) && !amounts {
                *k = g;
            } else if own_provider && !same_provider {
                kept.push(g);
            }
            continue;
        }
        kept.push(g);
    }
    *out = kept;
}
