//! Dates written on news pages: "January 7, 2026", "Jan. 7 2026", "7 Jan 2026", "2026-01-07",
//! and the clocks and story-list stamps that must not be taken for an article's date.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// A full date with a year.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH})\.?,?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))(?-u:\b)"
    ))
    .expect("date pattern compiles")
});

/// A time of day right after a date ("18 Jan 2026 3:41", "..., 2026 at 10:05 pm").
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s,|·•\-–]*(?:at\s+)?\d{1,2}:\d{2}\b").expect("time pattern compiles")
});

/// A time of day just before a date ("3:41 PM, 18 Jan 2026").
static TIME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?[\s,|·•\-–]*$")
        .expect("time pattern compiles")
});

/// A line that ends with a time stamp ("... from this evening's draw 21:56").
static TRAILING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?$").expect("time pattern compiles")
});

/// A story-list stamp opening a line ("17 Jan: ...", "Jan 17 | ...").
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\d{{1,2}}\s+{MONTH}\.?|{MONTH}\.?\s+\d{{1,2}})(?:,?\s+\d{{4}})?\s*[:|–—]\s"
    ))
    .expect("stamp pattern compiles")
});

/// Words that may stand beside a date on a dateline ("Published: Tuesday, Jan 7, 2026").
const DATELINE_WORDS: [&str; 23] = [
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "date",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// The first full date in `s`: its byte range and ISO form `YYYY-MM-DD`.
pub(crate) fn find_date(s: &str) -> Option<(Range<usize>, String)> {
    if !has_digit(s) {
        return None;
    }
    DATE.captures_iter(s).find_map(|c| {
        let (y, m, d) = if let Some(y) = c.name("y1") {
            (y.as_str(), month_number(&c["m1"]), &c["d1"])
        } else if let Some(y) = c.name("y2") {
            (y.as_str(), month_number(&c["m2"]), &c["d2"])
        } else {
            (&c["y3"], c["m3"].parse().ok(), &c["d3"])
        };
        let iso = iso(y.parse().ok()?, m?, d.parse().ok()?)?;
        Some((c.get(0)?.range(), iso))
    })
}

fn month_number(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES
        .iter()
        .position(|n| name.starts_with(n))
        .map(|i| i as u32 + 1)
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let divides = |d: u32| year.rem_euclid(d) == 0;
    let leap = divides(4) && (!divides(100) || divides(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1900..=2199).contains(&year) && (1..=days).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// The date of a dateline in `s`, unless a time of day stands next to it (a site's clock)
/// and no label ("Published", "Updated") says it is the article's.
pub(crate) fn dateline_date(s: &str) -> Option<String> {
    let (range, iso) = find_date(s)?;
    let clock = TIME_AFTER.is_match(&s[range.end..]) || TIME_BEFORE.is_match(&s[..range.start]);
    (!clock || is_labelled(s)).then_some(iso)
}

/// A line that opens with a publication label: "Published", "Posted", "Updated".
pub(crate) fn is_labelled(s: &str) -> bool {
    let first = s
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphabetic())
        .next();
    first.is_some_and(|w| {
        ["published", "posted", "updated"]
            .iter()
            .any(|l| l.eq_ignore_ascii_case(w))
    })
}

/// A date with a time next to it, or a line ending in a time stamp: a page clock or an entry
/// of a list of other stories.
pub(crate) fn is_stamp(s: &str) -> bool {
    if s.len() > 400 || !has_digit(s) || is_labelled(s) {
        return false;
    }
    if TRAILING_TIME.is_match(s) || STAMP.is_match(s) {
        return true;
    }
    find_date(s).is_some_and(|(r, _)| {
        TIME_AFTER.is_match(&s[r.end..]) || TIME_BEFORE.is_match(&s[..r.start])
    })
}

/// A line that is a date and nothing else but dateline words ("Published: January 7, 2026"),
/// or a short line that opens with a publication label and holds a date ("Updated 9:40 PM,
/// March 3, 2031").
pub(crate) fn is_date_only(s: &str) -> bool {
    if s.len() > 80 {
        return false;
    }
    let Some((r, _)) = find_date(s) else {
        return false;
    };
    if is_labelled(s) {
        return true;
    }
    let rest = [&s[..r.start], &s[r.end..]];
    rest.iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .all(|w| DATELINE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_normalise_to_iso() {
        let iso = |s: &str| find_date(s).map(|(_, d)| d);
        assert_eq!(
            iso("Posted March 3, 2031 by staff").as_deref(),
            Some("2031-03-03")
        );
        assert_eq!(iso("Published: Feb. 9 2030").as_deref(), Some("2030-02-09"));
        assert_eq!(
            iso("on 21st Sept 2029, late").as_deref(),
            Some("2029-09-21")
        );
        assert_eq!(iso("stamp 2028-11-30").as_deref(), Some("2028-11-30"));
        assert_eq!(iso("2028-02-30 is no day"), None);
        assert_eq!(iso("March 3 without a year"), None);
    }

    #[test]
    fn clocks_and_story_stamps_are_not_datelines() {
        assert_eq!(dateline_date("12 Oct 2031 9:15"), None);
        assert_eq!(dateline_date("10:02 AM, Oct 12, 2031"), None);
        assert_eq!(
            dateline_date("By staff | Oct 12, 2031").as_deref(),
            Some("2031-10-12")
        );
        assert!(is_stamp("Ferry fares rise again 18:40"));
        assert!(is_stamp("11 Oct: Ferry fares rise again"));
        assert!(!is_stamp("Ferry fares rose again on Oct 11."));
    }

    #[test]
    fn date_only_lines() {
        assert!(is_date_only("Published: Thursday, October 12, 2031"));
        assert!(is_date_only("2031-10-12"));
        assert!(is_date_only("Updated 9:40 PM, October 12, 2031"));
        assert_eq!(
            dateline_date("Updated 9:40 PM, October 12, 2031").as_deref(),
            Some("2031-10-12")
        );
        assert!(!is_date_only("Ferries stopped on October 12, 2031"));
    }
}
