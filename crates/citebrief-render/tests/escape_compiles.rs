//! Arbitrary text, escaped for Markdown, converted to Typst and compiled by the real typst CLI,
//! shows the same text in the PDF: no input becomes Typst code or Markdown structure.
//! (`escape_roundtrip.rs` checks many more cases on the Typst source alone.)

use std::process::Command;

use citebrief_render::{escape_markdown, markdown_to_typst};
use proptest::prelude::*;

fn have(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Letters and digits only: what survives any PDF text extraction, whatever the layout.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// Text an attacker might put in a source: Typst, Markdown, HTML and template syntax mixed
/// with words, so that anything that turned into code would lose letters from the output.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#read(\"/etc/passwd\")",
        "#import \"x\": *",
        "#set page(width: 1pt)",
        "$x^2$",
        "#{1 + 1}",
        "#let a = 1",
        "# heading",
        "[x](javascript:alert(1))",
        "<script>alert(1)</script>",
        "| a | b |",
        "[^1]",
        "`code`",
        "```",
        "{{ x }}",
        "{% if %}",
        "*",
        "_",
        "\\",
        "\"",
        "//",
        "/*",
        "@ref",
        "<label>",
        "~",
        "---",
        "1.",
        "- ",
        "> ",
        "\n",
        "word",
        "Klow",
        "15,000",
    ]);
    prop::collection::vec(pieces, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn escaped_text_compiles_and_shows_the_same_letters(text in hostile(), words in "[a-zA-Z ]{0,12}") {
        if !have("typst", "--version") || !have("pdftotext", "-v") {
            eprintln!("skipped: typst or pdftotext is not on PATH");
            return Ok(());
        }
        let input = format!("{words}{text}");
        // The way the templates use it: one escaped value per paragraph line.
        let md = input.lines().map(escape_markdown).collect::<Vec<_>>().join("\n\n") + "\n";
        let conv = markdown_to_typst(&md, std::path::Path::new("."));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.typ"), &conv.typst).unwrap();
        let out = Command::new("typst")
            .args(["compile", "--ignore-system-fonts", "--root"])
            .arg(dir.path())
            .arg(dir.path().join("t.typ"))
            .output()
            .unwrap();
        prop_assert!(out.status.success(), "typst failed on {:?}:\n{}\n{}", input, conv.typst, String::from_utf8_lossy(&out.stderr));
        let text = Command::new("pdftotext").arg(dir.path().join("t.pdf")).arg("-").output().unwrap();
        let shown = String::from_utf8_lossy(&text.stdout);
        prop_assert_eq!(letters(&shown), letters(&input), "typst source:\n{}", conv.typst);
    }
}
