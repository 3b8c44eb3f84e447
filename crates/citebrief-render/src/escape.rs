//! Escaping untrusted text for Markdown and for Typst string literals.

use std::fmt::Write;

/// Characters that mean something to CommonMark, GFM or GitHub anywhere in a line; each is
/// written with a backslash (a backslash before ASCII punctuation is always a literal).
const MARKDOWN_SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!', '(', ')', '{', '}', '$', '&',
];

/// Characters that open a block (list item, heading underline, block quote) at a line start.
const LINE_START_SPECIAL: &[char] = &['-', '+', '=', '>'];

/// Escapes text so that Markdown shows it literally wherever it lands, at a line start or
/// inside a line, a paragraph, a list item or a table cell.
///
/// Control characters (line breaks and tabs included) become spaces, so the text stays on
/// one line; every Markdown or HTML special character gets a backslash; a leading `-`, `+`,
/// `=`, `>` or number followed by `.` or `)` is escaped as well; a leading or trailing space
/// is written as `&#32;` so it can neither indent a code block nor end a line with a break.
pub fn escape_markdown(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    let leading_digits = text.chars().take_while(char::is_ascii_digit).count();
    let last = text.chars().count().saturating_sub(1);
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0;
        let ends_number = i == leading_digits && i > 0 && (c == '.' || c == ')');
        if c == ' ' && (at_start || i == last) {
            out.push_str("&#32;");
        } else if MARKDOWN_SPECIAL.contains(&c)
            || ends_number
            || (at_start && LINE_START_SPECIAL.contains(&c))
        {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes `text` as a Typst string literal (`"..."`), escaping `\`, `"` and every control
/// character, so that no input can end the literal or become Typst code.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_typst_string(&mut out, text);
    out
}

/// Appends `text` as a Typst string literal to `out`.
pub(crate) fn push_typst_string(out: &mut String, text: &str) {
    out.push('"');
    push_typst_escaped(out, text);
    out.push('"');
}

/// Appends `text` escaped for the inside of a Typst string literal.
pub(crate) fn push_typst_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_specials_get_backslashes() {
        assert_eq!(escape_markdown("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape_markdown("<script>"), "\\<script\\>");
        assert_eq!(escape_markdown("{{ x }}"), "\\{\\{ x \\}\\}");
        assert_eq!(escape_markdown("[^1]"), "\\[^1\\]");
    }

    #[test]
    fn line_start_markers_are_escaped_only_at_the_start() {
        assert_eq!(escape_markdown("- item - dash"), "\\- item - dash");
        assert_eq!(escape_markdown("12. point 3. more"), "12\\. point 3. more");
        assert_eq!(escape_markdown("7) seven"), "7\\) seven");
        assert_eq!(escape_markdown("= = ="), "\\= = =");
        assert_eq!(escape_markdown("2026 was"), "2026 was");
    }

    #[test]
    fn line_breaks_and_edge_spaces_cannot_make_structure() {
        assert_eq!(escape_markdown("a\nb\tc"), "a b c");
        assert_eq!(escape_markdown("    code"), "&#32;   code");
        assert_eq!(escape_markdown("end  "), "end &#32;");
    }

    #[test]
    fn typst_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(typst_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(typst_string("x\ny\u{7}"), "\"x\\ny\\u{7}\"");
        assert_eq!(typst_string(""), "\"\"");
    }
}
