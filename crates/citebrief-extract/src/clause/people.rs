//! The people a document introduces by their office ("French President Emmanuel Macron",
//! "Kenya's Foreign Minister Musalia Mudavadi", "Prime Minister Dick Schoof of the
//! Netherlands"): in the document's later sentences, their surname stands for their country,
//! as a person of the brief's `lexicon:` does. The lexicon holds no people; this needs none.
//!
//! Read sentence by sentence, with the hits the lexicon already found: no second pass.

use memchr::memmem::Finder;
use smallvec::SmallVec;

use super::text;
use crate::lexicon::{Form, Hit, LexHit, Lexicon};
use crate::scan::at_word_boundaries;

/// The surnames a document has introduced, with their country.
#[derive(Default)]
pub(crate) struct People {
    /// (surname, actor); an actor of `u16::MAX` marks a surname given to two countries.
    known: SmallVec<[(Finder<'static>, u16); 8]>,
}

/// Lower-case words a name may hold ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "el",
];
/// Capitalised words that end a name ("President Joe Biden Tuesday said").
const NOT_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "The",
    "And",
    "But",
    "On",
    "In",
    "At",
];

impl People {
    /// Learns the introductions of `text` and adds a person hit for each surname introduced
    /// here or before, where the lexicon found nothing.
    pub(crate) fn read(&mut self, text: &str, lex: &Lexicon, hits: &mut Vec<LexHit>) {
        let n = hits.len();
        let bytes = text.as_bytes();
        for i in 0..n {
            let Hit::Actor { actor, form } = hits[i].hit else {
                continue;
            };
            if matches!(form, Form::Person) {
                continue;
            }
            let (start, end) = (hits[i].start, hits[i].end);
            // "French President Emmanuel Macron", "Kenya's Foreign Minister ...": a title
            // before a name is capitalised, so three capitalised words at least follow
            let title = text::after_name(text, end).filter(|&t| {
                bytes.get(t).is_some_and(u8::is_ascii_uppercase) && capitalised_run(&text[t..]) >= 3
            });
            if let Some(title) = title {
                if let Some(office) = lex.office_at(text, title) {
                    if let Some((a, b)) = name_at(text, office) {
                        self.learn(&text[a..b], actor, hits, a, b);
                    }
                }
            }
            // "Prime Minister Dick Schoof of the Netherlands"
            let head = &bytes[..start];
            if matches!(form, Form::Name)
                && (head.ends_with(b" of ") || head.ends_with(b" of the "))
            {
                let names = names_before_of(text, start);
                let held = names.iter().find(|&&(a, _)| {
                    a > 0 && text[..a].ends_with(' ') && lex.office_before(text, a - 1).is_some()
                });
                if let Some(&(a, b)) = held {
                    self.learn(&text[a..b], actor, hits, a, b);
                }
            }
        }
        if self.known.is_empty() {
            return;
        }
        for (surname, actor) in &self.known {
            if *actor == u16::MAX {
                continue;
            }
            for at in surname.find_iter(bytes) {
                let end = at + surname.needle().len();
                let whole = at_word_boundaries(text, at, end);
                let free = !hits.iter().any(|h| h.start < end && at < h.end);
                if whole && free {
                    hits.push(LexHit {
                        start: at,
                        end,
                        hit: Hit::Actor {
                            actor: *actor,
                            form: Form::Person,
                        },
                    });
                }
            }
        }
        if hits.len() > n {
            hits.sort_by_key(|h| h.start);
        }
    }

    /// Notes the name `text[a..b]` as a person of `actor`'s, unless the lexicon read a word of
    /// it as something else.
    fn learn(&mut self, name: &str, actor: u16, hits: &[LexHit], a: usize, b: usize) {
        if hits.iter().any(|h| h.start < b && a < h.end) {
            return;
        }
        let surname = text::last_word(name);
        if surname.chars().count() < 3 {
            return;
        }
        match self
            .known
            .iter_mut()
            .find(|(s, _)| s.needle() == surname.as_bytes())
        {
            Some((_, known)) if *known != actor => *known = u16::MAX,
            Some(_) => {}
            None => self.known.push((Finder::new(surname).into_owned(), actor)),
        }
    }
}

/// How many capitalised words `text` starts with, "of" and "for" between them allowed
/// ("Secretary of State Marco Rubio": 4), up to 4.
fn capitalised_run(text: &str) -> usize {
    let mut n = 0;
    for w in text.split(' ').take(6) {
        if w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            n += 1;
            if n == 4 {
                break;
            }
        } else if !(n > 0 && (w == "of" || w == "for")) {
            break;
        }
    }
    n
}

/// A capitalised word: its letters, hyphens, apostrophes and dots ("Jean-Noël", "O'Brien",
/// "J.D.").
fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .skip(1)
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && w.chars().any(char::is_lowercase)
        && !NOT_NAMES.contains(&w)
}

/// The words of a name, at least two, that start one space after `pos`: its span.
fn name_at(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = text.get(pos..)?.strip_prefix(' ')?;
    let start = pos + 1;
    let mut end = start;
    let mut words = 0;
    let mut i = start;
    for w in rest.split(' ') {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')', '"', '”']);
        let bare = bare
            .strip_suffix("'s")
            .or(bare.strip_suffix("’s"))
            .unwrap_or(bare);
        if is_name_word(bare) {
            words += 1;
            end = i + bare.len();
        } else if !(words > 0 && PARTICLES.contains(&bare)) {
            break;
        }
        if bare.len() != w.len() {
            break;
        }
        i += w.len() + 1;
    }
    (words >= 2).then_some((start, end))
}

/// The capitalised words before " of " or " of the " at `pos`, as the spans of the names
/// they may be, shortest first ("Dick Schoof", then "Minister Dick Schoof"... in "Prime
/// Minister Dick Schoof of the Netherlands"): the name is the one an office stands before.
fn names_before_of(text: &str, pos: usize) -> SmallVec<[(usize, usize); 4]> {
    let mut out = SmallVec::new();
    let Some(head) = text.get(..pos) else {
        return out;
    };
    let Some(head) = head.strip_suffix("of the ").or(head.strip_suffix("of ")) else {
        return out;
    };
    let Some(end) = head.strip_suffix(' ').map(str::len) else {
        return out;
    };
    let mut start = end;
    let mut words = 0;
    for w in text[..end].rsplit(' ') {
        start -= w.len();
        if is_name_word(w) {
            words += 1;
            if words >= 2 {
                out.push((start, end));
            }
        } else if !(words > 0 && PARTICLES.contains(&w)) || out.len() == 4 {
            break;
        }
        if start == 0 {
            break;
        }
        start -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_after_an_office() {
        let t = "French President Emmanuel Macron said";
        assert_eq!(
            name_at(t, 16).map(|(a, b)| &t[a..b]),
            Some("Emmanuel Macron")
        );
        let t = "Defence Minister Ursula von der Leyen's plan";
        assert_eq!(
            name_at(t, 16).map(|(a, b)| &t[a..b]),
            Some("Ursula von der Leyen")
        );
        let t = "President Joe Biden Tuesday said";
        assert_eq!(name_at(t, 9).map(|(a, b)| &t[a..b]), Some("Joe Biden"));
        // one word is no name: "the president Biden", "officials Monday"
        assert_eq!(name_at("President Biden said", 9), None);
    }

    #[test]
    fn names_before_of_a_country() {
        let t = "Prime Minister Dick Schoof of the Netherlands";
        let pos = t.find("Netherlands").unwrap();
        let names: Vec<&str> = names_before_of(t, pos)
            .iter()
            .map(|&(a, b)| &t[a..b])
            .collect();
        assert_eq!(
            names,
            [
                "Dick Schoof",
                "Minister Dick Schoof",
                "Prime Minister Dick Schoof"
            ]
        );
        let t = "the people of the Netherlands";
        assert!(names_before_of(t, t.find("Netherlands").unwrap()).is_empty());
    }
}
