//! A brief whose brief.yaml names no beneficiary: each document's beneficiary is the country
//! it names far more often than any other as where help goes, and what that country does is
//! no commitment.

use citebrief_extract::{extract, Lexicon};

fn actors_of(text: &str) -> Vec<String> {
    let doc = citebrief_source::read_bytes("a", text.as_bytes());
    let ex = extract(std::slice::from_ref(&doc), &Lexicon::builtin());
    let mut v: Vec<String> = ex
        .commitments
        .iter()
        .flat_map(|c| c.actors.iter().cloned())
        .collect();
    v.sort();
    v.dedup();
    v
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
