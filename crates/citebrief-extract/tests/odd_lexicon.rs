//! Odd but well-formed `lexicon:` entries in brief.yaml: each is either refused with a message
//! that names the entry, or used without a panic on sentences that touch it.

use citebrief_extract::{extract, Lexicon};

/// Sentences that meet the odd entries below: pronouns, cue words, empty and tiny names.
const TEXT: &str = "He said China will send 300 troops to Haiti.\n\
He Lifeng pledged €2bn in aid, he said.\n\
Will said the United States will provide air defence after a ceasefire.\n\
May the coalition deploy a monitoring mission? It could.\n\
The US, He and the EU signed a declaration of intent to deploy forces.\n\
\"Said\" will send troops; will will will.\n";

fn run(yaml: &str) -> Result<usize, String> {
    let mut lex = Lexicon::builtin();
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
    lex.extend(&value)?;
    let doc = citebrief_source::read_bytes("odd", TEXT.as_bytes());
    Ok(extract(&[doc], &lex).commitments.len())
}

#[test]
fn odd_lexicon_entries_never_panic() {
    let cases = [
        // people and names that are also pronouns or cue words
        "actors: [{code: CN, people: [{names: [He Lifeng, He]}]}]",
        "actors: [{code: CN, people: [{names: [he]}]}]",
        "actors: [{code: US, names: [Will, will, said, Said]}]",
        "actors: [{code: GB, names: [May, It, it, \"?\", \"€\"]}]",
        "actors: [{code: XK, name: Kosovo, names: [a, A, I, \"-\", \"'\"]}]",
        "actors: [{code: FR, demonyms: [\"—\", \"“\"], capitals: [\"'s\"]}]",
        // keywords: empty, blank, cue words, punctuation, overlapping names
        "domains: {air: ['']}",
        "domains: {air: ['   ']}",
        "domains: {weapons: [will, send, he, troops, '.', ',']}",
        "domains: {financing: ['€', '2bn', 'in']}",
        "ignore: ['', He, will, Haiti]",
        // cue groups that reuse pronouns and names
        "cues: [{rule: status.pledge, does: pledge, phrases: [he, He Lifeng, Haiti]}]",
        "cues: [{rule: status.discuss, does: discuss, phrases: ['?', will]}]",
    ];
    for yaml in cases {
        let got = std::panic::catch_unwind(|| run(yaml));
        match got {
            Err(_) => panic!("panicked on {yaml}"),
            Ok(Err(e)) => assert!(
                e.starts_with("lexicon") || e.contains("lexicon."),
                "the error for {yaml} does not name the lexicon entry: {e}"
            ),
            Ok(Ok(_)) => {}
        }
    }
}

/// Pieces lexicon entries are made of: words of the text, pronouns and cue words, and
/// characters that sit at word and character boundaries.
const PIECES: &[&str] = &[
    "He",
    "he",
    "It",
    "they",
    "Will",
    "will",
    "said",
    "send",
    "troops",
    "China",
    "Haiti",
    "US",
    "the",
    "a",
    "€",
    "2bn",
    "—",
    "“",
    "'",
    "’s",
    "?",
    ".",
    ",",
    "-",
    " ",
    "é",
    "ß",
    "İ",
    "\u{301}",
    "Lifeng",
    "declaration",
    "of",
    "intent",
    "ceasefire",
    "after",
    "no",
];

fn entry() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    proptest::collection::vec(proptest::sample::select(PIECES), 1..4).prop_map(|p| p.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    #[test]
    fn generated_lexicon_entries_never_panic(
        names in proptest::collection::vec(entry(), 0..4),
        people in proptest::collection::vec(entry(), 1..3),
        keywords in proptest::collection::vec(entry(), 0..3),
        ignore in proptest::collection::vec(entry(), 0..2),
        cues in proptest::collection::vec(entry(), 1..3),
        code in proptest::sample::select(&["CN", "US", "XK", "AFRICANUNION", "HT", "RS"][..]),
    ) {
        use serde_yaml::{Mapping, Value};
        let list = |v: &[String]| Value::Sequence(v.iter().cloned().map(Value::String).collect());
        let map = |pairs: Vec<(&str, Value)>| {
            Value::Mapping(pairs.into_iter().map(|(k, v)| (Value::from(k), v)).collect::<Mapping>())
        };
        let person = map(vec![("names", list(&people))]);
        let actor = map(vec![
            ("code", Value::from(code)),
            ("name", Value::from("X")),
            ("names", list(&names)),
            ("people", Value::Sequence(vec![person])),
        ]);
        let cue = map(vec![
            ("rule", Value::from("status.pledge")),
            ("does", Value::from("pledge")),
            ("phrases", list(&cues)),
        ]);
        let lexicon = map(vec![
            ("actors", Value::Sequence(vec![actor])),
            ("domains", map(vec![("air", list(&keywords))])),
            ("ignore", list(&ignore)),
            ("cues", Value::Sequence(vec![cue])),
        ]);
        let yaml = serde_yaml::to_string(&lexicon).unwrap();
        match run(&yaml) {
            Ok(_) => {}
            Err(e) => proptest::prop_assert!(e.contains("lexicon"), "{yaml}: {e}"),
        }
    }
}
