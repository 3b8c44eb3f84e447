//! Any text, escaped for Markdown and converted to Typst, shows exactly that text, and only as
//! Typst string literals.

use std::path::Path;

use citebrief_render::{escape_markdown, markdown_to_typst};
use proptest::prelude::*;

/// Splits Typst source into the contents of its `#"..."` literals (unescaped) and the rest.
fn split_literals(typst: &str) -> (String, String) {
    let mut text = String::new();
    let mut rest = String::new();
    let mut chars = typst.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '#' && chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().expect("literal is closed") {
                    '"' => break,
                    '\\' => match chars.next().expect("escape is complete") {
                        'n' => text.push('\n'),
                        'r' => text.push('\r'),
                        't' => text.push('\t'),
                        'u' => {
                            let code: String =
                                chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                            text.push(
                                char::from_u32(u32::from_str_radix(&code, 16).unwrap()).unwrap(),
                            );
                        }
                        other => text.push(other),
                    },
                    other => text.push(other),
                }
            }
        } else {
            rest.push(c);
        }
    }
    (text, rest)
}

fn normalise(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Markdown contexts a value lands in, and the Typst markup the converter must wrap it in.
const CONTEXTS: &[(&str, &str, &str, &str)] = &[
    ("", "\n", "", ""),
    ("- ", "\n", "#list([], )", ""),
    ("> ", "\n", "#quote(block: true)[]", ""),
    (
        "| h |\n|---|\n| ",
        " |\n",
        "#table(columns: 1, align: (auto, ), table.header([], ), [], )",
        "h",
    ),
    ("x[^1]\n\n[^1]: ", "\n", "#footnote[]<cb-fn-0>", "x"),
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~\n\t]{0,40}",
        proptest::collection::vec(
            prop_oneof![
                Just("# "),
                Just("- "),
                Just("1. "),
                Just("2) "),
                Just("> "),
                Just("| a | b |"),
                Just("[x](javascript:alert(1))"),
                Just("<script>"),
                Just("[^1]"),
                Just("`"),
                Just("{{ x }}"),
                Just("***"),
                Just("---"),
                Just("==="),
                Just("    "),
                Just("\\"),
                Just("&amp;"),
                Just("<!-- c -->"),
                Just("~~s~~"),
                Just("$x$"),
                Just("#set"),
                Just("\"q\""),
                Just("word"),
                Just("\n"),
                Just(" "),
                Just("![i](a.png)"),
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn escaped_text_shows_as_itself_in_every_context(text in text_strategy()) {
        let escaped = escape_markdown(&text);
        for (before, after, skeleton, extra) in CONTEXTS {
            let md = format!("{before}{escaped}{after}");
            let conv = markdown_to_typst(&md, Path::new("/nonexistent"));
            let (shown, rest) = split_literals(&conv.typst);
            prop_assert_eq!(
                normalise(&rest), normalise(skeleton),
                "markup other than the context's in {:?} from {:?}", conv.typst, md
            );
            prop_assert_eq!(
                normalise(&shown), normalise(&format!("{extra}{text}")),
                "text changed in {:?} from {:?}", conv.typst, md
            );
        }
    }
}
