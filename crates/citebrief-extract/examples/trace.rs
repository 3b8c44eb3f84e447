//! Prints how each verb chain of a text was read: `cargo run --example trace -- "Sentence."`
//! or `-- --file PATH`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = match args.as_slice() {
        [flag, path] if flag == "--file" => std::fs::read_to_string(path).expect("readable file"),
        _ => args.join(" "),
    };
    let docs = if args.first().is_some_and(|a| a == "--file") {
        citebrief_source::read_all(vec![("t".into(), text.into_bytes())])
    } else {
        vec![citebrief_source::read_bytes_whole("t", text.as_bytes())]
    };
    let lex = seed_lexicon();
    print!("{}", citebrief_extract::trace(&docs[0], &lex));
    for f in citebrief_extract::explain(&docs[0], &lex) {
        println!("{f}");
    }
}

/// The seed brief's lexicon and subject (`CITEBRIEF_BRIEF=path/brief.yaml` for another).
fn seed_lexicon() -> citebrief_extract::Lexicon {
    let path = std::env::var("CITEBRIEF_BRIEF").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../briefs/paris-2026-01/brief.yaml"
        )
        .into()
    });
    let config =
        citebrief_store::BriefConfig::load(std::path::Path::new(&path)).expect("brief.yaml");
    citebrief_extract::Lexicon::of_brief(&config).expect("the brief's lexicon")
}
