//! People a document introduces by their office stand for their country in its later
//! sentences, with no lexicon entry for them.

mod common;

fn actors_of(text: &str) -> Vec<String> {
    common::actors_in(&[text])
}

const LATER: &str = "Tamm will send 200 troops to the border region, officials said on Monday.\n\n\
    The troops will arrive in the spring, when the roads are open again, officials added.\n";

#[test]
fn a_person_introduced_by_office_stands_for_the_country() {
    let text = format!(
        "Leaders meet on border security\n\n\
         Estonian Prime Minister Kaja Tamm met her counterparts in Riga on Monday.\n\n{LATER}"
    );
    assert_eq!(actors_of(&text), ["EE"]);
    let text = format!(
        "Leaders meet on border security\n\n\
         Prime Minister Kaja Tamm of Estonia met her counterparts in Riga on Monday.\n\n{LATER}"
    );
    assert_eq!(actors_of(&text), ["EE"]);
}

#[test]
fn a_person_never_introduced_stands_for_nobody() {
    let text = format!(
        "Leaders meet on border security\n\n\
         Kaja Tamm met her counterparts in Riga on Monday, a spokesman said.\n\n{LATER}"
    );
    assert!(actors_of(&text).is_empty(), "{:?}", actors_of(&text));
}

#[test]
fn a_surname_introduced_for_two_countries_stands_for_neither() {
    let text = format!(
        "Leaders meet on border security\n\n\
         Estonian Prime Minister Kaja Tamm met Latvian Foreign Minister Juris Tamm in Riga.\n\n\
         {LATER}"
    );
    assert!(actors_of(&text).is_empty(), "{:?}", actors_of(&text));
}
