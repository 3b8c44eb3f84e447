//! A brief whose brief.yaml does not name its subject: each document's beneficiary is the
//! country it names far more often than any other as where help goes, else the brief's; the
//! brief's adversary is the country its sources name far more often than any other as the
//! attacker. What the beneficiary does is no commitment, nor what the adversary deploys.

mod common;

use citebrief_extract::{extract, Lexicon, Mentions};
use common::actors_in;

fn actors_of(text: &str) -> Vec<String> {
    actors_in(&[text])
}

#[test]
fn the_country_help_goes_to_commits_nothing_to_itself() {
    let text = "Allies pledge support for Moldova\n\n\
        Estonia will send 200 troops to Moldova, its defence minister said.\n\n\
        Moldova will deploy troops along the river, officials in Moldova said.\n\n\
        Talks with Moldova on a security agreement continue, and Moldova's partners meet in May.\n";
    let actors = actors_of(text);
    assert!(actors.contains(&"EE".to_string()), "{actors:?}");
    assert!(!actors.contains(&"MD".to_string()), "{actors:?}");
}

#[test]
fn no_country_is_taken_for_the_beneficiary_without_a_clear_lead() {
    // Moldova twice, Georgia twice as where help goes: neither leads, both can commit
    let text = "Estonia will send troops to Moldova and to Georgia.\n\n\
        Moldova will send 50 troops to Georgia. Georgia will send 40 troops to Moldova.\n";
    let actors = actors_of(text);
    assert!(actors.contains(&"MD".to_string()), "{actors:?}");
    assert!(actors.contains(&"GE".to_string()), "{actors:?}");
}

#[test]
fn a_short_source_takes_the_beneficiary_of_its_brief() {
    let long = "Allies pledge support for Moldova\n\n\
        Estonia will send 200 troops to Moldova.\n\n\
        Talks with Moldova on a security agreement continue, and Moldova's partners meet in May.\n";
    let short = "Troops on the river\n\n\
        Moldova will deploy 300 troops along the river, its defence minister said on Monday.\n\n\
        The troops will arrive in the spring, when the roads are open again, the minister added.\n";
    // alone, the short source shows no beneficiary: Moldova commits
    assert!(actors_of(short).contains(&"MD".to_string()));
    // in a brief about Moldova, it does not
    let actors = actors_in(&[long, short]);
    assert!(actors.contains(&"EE".to_string()), "{actors:?}");
    assert!(!actors.contains(&"MD".to_string()), "{actors:?}");
}

#[test]
fn the_country_named_as_the_attacker_is_the_adversary() {
    let about = "Belarus's invasion of Moldova enters its third month.\n\n\
        Allies met to deter Belarus from further attacks, after Belarusian aggression in May.\n";
    let deploys = "Troops on the border\n\n\
        Belarus will deploy 5,000 troops to the border, its defence minister said on Monday.\n\n\
        Estonia will send 200 troops to Moldova, the Estonian government said in a statement.\n";
    // alone, the second source names no attacker: Belarus commits
    assert!(actors_of(deploys).contains(&"BY".to_string()));
    let actors = actors_in(&[about, deploys]);
    assert!(actors.contains(&"EE".to_string()), "{actors:?}");
    assert!(!actors.contains(&"BY".to_string()), "{actors:?}");
}

#[test]
fn the_attacker_is_never_the_country_help_goes_to() {
    // Moldova is both attacked and helped; the attacks it suffers make no adversary of it
    let mut lex = Lexicon::builtin();
    let text = "Troops to Moldova, aid for Moldova and talks with Moldova after Moldova attacked \
        positions, Moldovan attacks and Moldova's offensive.";
    let presumed = lex.presume(&Mentions::of(text, &Lexicon::builtin()));
    assert_eq!(presumed.beneficiary.as_deref(), Some("MD"));
    assert_eq!(presumed.adversary, None);
}

#[test]
fn a_texts_members_are_its_parties_not_the_blocs() {
    // an article about a NATO summit: its "allies" are NATO's members, but the members of a
    // compact signed there are the compact's parties
    let text = "NATO leaders gathered for the NATO summit in Lisbon.\n\n\
        Members will send 300 instructors to Moldova, NATO leaders said.\n\n\
        The compact states that members will send 50 instructors to Moldova.\n";
    let docs = [citebrief_source::read_bytes("a", text.as_bytes())];
    let ex = extract(&docs, &Lexicon::builtin());
    let by_line = |line: u32| -> Vec<String> {
        ex.commitments
            .iter()
            .filter(|c| c.citations.iter().any(|q| q.line == line))
            .flat_map(|c| c.actors.iter().cloned())
            .collect()
    };
    assert_eq!(by_line(3), ["NATO"], "{:?}", ex.commitments);
    assert_eq!(by_line(5), ["COALITION"], "{:?}", ex.commitments);
}
