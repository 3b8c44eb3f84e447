//! The page's title, publisher and publication date, as the page states them. Conservative:
//! `None` rather than a guess.

use std::sync::LazyLock;

use regex::Regex;

use crate::body::{Class, Kind};
use crate::{dates, Line, PageMeta};

/// "© 2026", "Copyright (c) 2020-2026": what precedes the holder's name on a copyright line.
static COPYRIGHT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:copyright)?[\s©]*(?:\((?i:c)\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,.]*")
        .expect("copyright pattern compiles")
});
static FIRST_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:appeared first on)\s+(.+?)[.\s]*$").expect("credit pattern compiles")
});
const COMPANY_SUFFIXES: [&str; 9] = [
    "ltd", "limited", "llc", "inc", "pty", "plc", "gmbh", "corp", "co",
];
/// Words after a brand that name the company that owns it rather than the outlet a reader
/// knows ("Harbour Gazette Media Group" is the Harbour Gazette), dropped from a holder's name
/// as long as a word remains.
const GROUP_SUFFIXES: [&str; 3] = ["group", "holdings", "media"];

/// Reads the metadata of a page whose lines carry their final `body` flag.
pub(crate) fn extract(text: &str, lines: &[Line], classes: &[Class]) -> PageMeta {
    let line = |l: &Line| text[l.start..l.end].trim();
    let body: Vec<(&str, Class)> = lines
        .iter()
        .zip(classes)
        .filter(|(l, _)| l.body)
        .map(|(l, c)| (line(l), *c))
        .collect();
    let head = body
        .iter()
        .position(|(_, c)| c.kind == Kind::Prose)
        .unwrap_or(body.len());
    let title = body[..head]
        .iter()
        .find(|(t, c)| is_headline(t, c))
        .map(|(t, _)| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let date = body
        .iter()
        .enumerate()
        .filter(|(i, (_, c))| c.kind == Kind::Date || (c.kind == Kind::Short && *i < head))
        .find_map(|(_, (t, _))| dates::dateline_date(t));
    let shown = page_words(text);
    PageMeta {
        title,
        publisher: publisher(lines.iter().zip(classes).map(|(l, c)| (line(l), c.credit)))
            .map(|p| short_forms(&p, &shown)),
        date,
    }
}

/// Every word the page shows (letters and digits), for finding the short form of a name.
fn page_words(text: &str) -> std::collections::HashSet<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2)
        .collect()
}

/// The publisher as the page names it to its readers: each name of "Site (Origin)" in the
/// short form the page shows ([`short_form`]).
fn short_forms(publisher: &str, shown: &std::collections::HashSet<&str>) -> String {
    match publisher.strip_suffix(')').and_then(|p| p.split_once(" (")) {
        Some((site, origin)) => {
            let (site, origin) = (short_form(site, shown), short_form(origin, shown));
            if site == origin {
                site
            } else {
                format!("{site} ({origin})")
            }
        }
        None => short_form(publisher, shown),
    }
}

/// The name a page gives a copyright holder in short: its acronym where the name spells
/// it out after it ("CBA Coastal Broadcasting Authority" is the CBA), the abbreviation the
/// page shows elsewhere ("Harbour Town Gazette" is "HTGazette" on a page whose masthead says
/// "HTGazette"), and the brand without its owner's "Media Group" ("Gazette Media Group").
fn short_form(name: &str, shown: &std::collections::HashSet<&str>) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let initial = |w: &&str| w.chars().next().filter(|c| c.is_uppercase());
    // an acronym followed by what it stands for
    if let [first, rest @ ..] = words.as_slice() {
        let letters: Option<String> = rest.iter().map(initial).collect();
        if rest.len() >= 2 && letters.as_deref() == Some(*first) {
            return first.to_string();
        }
    }
    // an abbreviation the page shows: the initials of the first words, then the others
    for k in (2..=words.len()).rev() {
        let Some(head) = words[..k].iter().map(initial).collect::<Option<String>>() else {
            continue;
        };
        let short = format!("{head}{}", words[k..].concat());
        if short.chars().count() >= 3 && shown.contains(short.as_str()) {
            return short;
        }
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| GROUP_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(w)))
    {
        words.pop();
    }
    words.join(" ")
}

fn is_headline(t: &str, c: &Class) -> bool {
    let words = t.split_whitespace().count();
    c.kind == Kind::Short
        && !c.credit
        && (3..=30).contains(&words)
        && !t.ends_with('.')
        && t.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
        && dates::find_date(t).is_none()
}

/// The site (the last copyright line) and, in brackets, the outlet it took the story from
/// ("appeared first on X" on a credit line, or an earlier copyright line naming someone else).
/// Takes each line with whether it is a credit line.
fn publisher<'a>(lines: impl Iterator<Item = (&'a str, bool)>) -> Option<String> {
    let mut holders = Vec::new();
    let mut first_on = None;
    for (t, credit) in lines {
        let first = credit.then(|| FIRST_ON.captures(t)).flatten();
        if let Some(name) = first.and_then(|c| clean_name(&c[1])) {
            first_on.get_or_insert(name);
        } else if let Some(name) = copyright_holder(t) {
            holders.push(name);
        }
    }
    let site = holders.last().cloned();
    let origin = first_on.or_else(|| holders.iter().find(|h| Some(*h) != site.as_ref()).cloned());
    match (site, origin) {
        (Some(site), Some(origin)) if site != origin => Some(format!("{site} ({origin})")),
        (site, origin) => site.or(origin),
    }
}

/// "© 2026 Harbour Gazette Ltd. All rights reserved" -> "Harbour Gazette";
/// "Gazette © 2025" -> "Gazette".
fn copyright_holder(t: &str) -> Option<String> {
    let at = t.find('©').or_else(|| {
        let lower = t.get(..9)?;
        lower.eq_ignore_ascii_case("copyright").then_some(0)
    })?;
    let after = &t[at..];
    let after = &after[COPYRIGHT_LEAD.find(after).map_or(0, |m| m.end())..];
    let name = after.split([',', '|', '•']).next().unwrap_or("");
    let name = name.split(". ").next().unwrap_or("");
    let name = name.split(" All rights").next().unwrap_or("");
    if name.trim().is_empty() {
        clean_name(t[..at].rsplit(['|', '•']).next().unwrap_or(""))
    } else {
        clean_name(name)
    }
}

fn clean_name(name: &str) -> Option<String> {
    let mut words: Vec<&str> = name
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            COMPANY_SUFFIXES
                .iter()
                .any(|s| s.eq_ignore_ascii_case(w.trim_end_matches(['.', ','])))
        })
    {
        words.pop();
    }
    let name = words.join(" ");
    let ok = (1..=6).contains(&words.len())
        && name.len() <= 60
        && name.starts_with(char::is_alphanumeric)
        && name.contains(char::is_alphabetic);
    ok.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_holders() {
        assert_eq!(
            copyright_holder("© 2031 Harbour Gazette Ltd. All rights reserved").as_deref(),
            Some("Harbour Gazette")
        );
        assert_eq!(
            copyright_holder("Gazette © 2030").as_deref(),
            Some("Gazette")
        );
        assert_eq!(
            copyright_holder("Copyright (c) 2029-2031 Coast Radio, Inc.").as_deref(),
            Some("Coast Radio")
        );
        assert_eq!(copyright_holder("The copyright belongs to nobody"), None);
    }

    #[test]
    fn a_holder_is_named_as_the_page_names_it() {
        let shown = page_words("HTGazette News | About HTGazette\n© 2031 Harbour Town Gazette");
        assert_eq!(short_form("Harbour Town Gazette", &shown), "HTGazette");
        assert_eq!(
            short_form("CBA Coastal Broadcasting Authority", &shown),
            "CBA"
        );
        assert_eq!(short_form("Gazette247 Media Group", &shown), "Gazette247");
        assert_eq!(short_form("Coast Radio", &shown), "Coast Radio");
        assert_eq!(short_form("Media", &shown), "Media");
        assert_eq!(
            short_forms(
                "Harbour Town Gazette (CBA Coastal Broadcasting Authority)",
                &shown
            ),
            "HTGazette (CBA)"
        );
        // initials alone must be on the page to be used
        assert_eq!(short_form("Bay City Courier", &shown), "Bay City Courier");
    }

    #[test]
    fn site_and_origin() {
        let page = [
            ("Story text.", false),
            (
                "The post Ferry Returns appeared first on Coast Radio.",
                true,
            ),
            ("Gazette © 2030", false),
        ];
        assert_eq!(
            publisher(page.into_iter()).as_deref(),
            Some("Gazette (Coast Radio)")
        );
        let page = [
            ("© 2031 Wire Service", false),
            ("Other stories", false),
            ("© 2031 Harbour Gazette Ltd", false),
        ];
        assert_eq!(
            publisher(page.into_iter()).as_deref(),
            Some("Harbour Gazette (Wire Service)")
        );
        assert_eq!(publisher([("no marks here", false)].into_iter()), None);
    }
}
