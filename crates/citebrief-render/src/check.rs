//! Checks that a rendered brief cites every statement.
//!
//! Templates mark the parts of the brief made of facts with two HTML comments (invisible on
//! GitHub and left out of the PDF): everything between [`CITED_START`] and [`CITED_END`] is
//! checked. There, every paragraph, every list item's own text and every table body cell after
//! the first column that holds text must carry at least one footnote reference. Anywhere in
//! the brief, every footnote reference must have a definition.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::convert::{gfm_options, LineIndex};

/// Opens a cited region.
pub const CITED_START: &str = "<!-- citebrief:cited -->";
/// Closes a cited region.
pub const CITED_END: &str = "<!-- citebrief:end -->";

/// A block whose own text is one statement.
struct Statement {
    line: usize,
    text: String,
    cited: bool,
    /// Table header cells and first-column cells are labels, not statements.
    checked: bool,
}

/// Problems with the brief's citations, each `line N: ...`; empty when every statement in a
/// cited region carries a footnote and every footnote reference resolves.
pub fn check_markdown(markdown: &str) -> Vec<String> {
    let lines = LineIndex::new(markdown);
    let line_of = |offset: usize| lines.line(offset);
    let mut problems = Vec::new();
    let mut in_cited = false;
    let mut stack: Vec<Statement> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    for (event, range) in Parser::new_ext(markdown, gfm_options()).into_offset_iter() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.contains(CITED_START) {
                    in_cited = true;
                }
                if html.contains(CITED_END) {
                    in_cited = false;
                }
            }
            Event::Start(tag @ (Tag::Paragraph | Tag::Item | Tag::TableCell)) => {
                if matches!(tag, Tag::TableCell) {
                    column += 1;
                }
                stack.push(Statement {
                    line: line_of(range.start),
                    text: String::new(),
                    cited: false,
                    checked: in_cited
                        && !(matches!(tag, Tag::TableCell) && (in_head || column == 1)),
                });
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                column = 0;
            }
            Event::Start(Tag::TableRow) => column = 0,
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                let s = stack.pop().expect("a statement is open");
                if s.checked && !s.cited && !s.text.trim().is_empty() {
                    let text: String = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let short: String = text.chars().take(60).collect();
                    let more = if short.len() < text.len() { "..." } else { "" };
                    problems.push(format!(
                        "line {}: statement has no citation: \"{short}{more}\"",
                        s.line
                    ));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = stack.last_mut() {
                    s.text.push_str(&t);
                }
            }
            Event::FootnoteReference(_) => {
                if let Some(s) = stack.last_mut() {
                    s.cited = true;
                }
            }
            _ => {}
        }
    }
    problems.extend(unresolved_references(markdown, line_of));
    problems
}

/// Footnote references without a definition. GitHub shows those as plain text, so they are
/// found with the older footnote syntax, which reports every reference.
fn unresolved_references(markdown: &str, line_of: impl Fn(usize) -> usize) -> Vec<String> {
    let options = gfm_options() | Options::ENABLE_OLD_FOOTNOTES;
    let mut defined = HashSet::new();
    let mut references = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defined.insert(label.to_lowercase());
            }
            Event::FootnoteReference(label) => references.push((label, range.start)),
            _ => {}
        }
    }
    references
        .into_iter()
        .filter(|(label, _)| !defined.contains(&label.to_lowercase()))
        .map(|(label, offset)| {
            format!(
                "line {}: footnote [^{label}] has no definition",
                line_of(offset)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(body: &str) -> String {
        format!("# Brief\n\nIntro without notes.\n\n{CITED_START}\n\n{body}\n{CITED_END}\n\nOutro.\n\n[^1]: a quote\n\n[^2]: another\n")
    }

    #[test]
    fn cited_statements_pass_and_text_outside_regions_is_free() {
        assert_eq!(
            check_markdown(&cited("- One.[^1]\n- Two.[^1][^2]\n")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_uncited_list_item_is_reported_with_its_line() {
        let problems = check_markdown(&cited("- One.[^1]\n- Two has none.\n"));
        assert_eq!(
            problems,
            vec!["line 8: statement has no citation: \"Two has none.\"".to_string()]
        );
    }

    #[test]
    fn an_uncited_paragraph_is_reported() {
        let problems = check_markdown(&cited("Plain claim.\n"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("Plain claim."), "{problems:?}");
    }

    #[test]
    fn table_cells_after_the_first_column_need_citations() {
        let ok = cited("| who | what |\n|---|---|\n| A | pledged[^1] |\n| B | |\n");
        assert_eq!(check_markdown(&ok), Vec::<String>::new());
        let bad = cited("| who | what |\n|---|---|\n| A | pledged |\n");
        assert_eq!(check_markdown(&bad).len(), 1);
    }

    #[test]
    fn escaped_footnote_syntax_is_not_a_citation() {
        let problems = check_markdown(&cited("- Claim \\[^1\\].\n"));
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn an_undefined_footnote_is_reported() {
        let problems = check_markdown("Text.[^9]\n");
        assert_eq!(
            problems,
            vec!["line 1: footnote [^9] has no definition".to_string()]
        );
    }

    #[test]
    fn a_nested_list_item_is_its_own_statement() {
        let problems = check_markdown(&cited("- Outer.[^1]\n  - Inner.\n"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("Inner."), "{problems:?}");
    }
}
