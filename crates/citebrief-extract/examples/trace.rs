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
    let lex = citebrief_extract::Lexicon::builtin();
    print!("{}", citebrief_extract::trace(&docs[0], &lex));
    for f in citebrief_extract::explain(&docs[0], &lex) {
        println!("{f}");
    }
}
