//! Reading the words a source wrote (a condition, the clause that states a caveat) into the
//! brief's own sentences, with the English of `wording.yaml`'s `reading:` (conditions' leads,
//! pronouns, reporting verbs, clause breaks...). Nothing here says anything of its own: it
//! cuts, trims and re-cases what a source says, and says when a piece cannot stand alone.

use crate::wording::Reading;

/// A condition as the brief puts it after a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub text: String,
    /// It follows a comma (", contingent on a ceasefire").
    pub comma: bool,
}

/// A clause of a source that states a caveat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub text: String,
    /// A reporting frame ("X said that") was left out before it: the clause is what a party
    /// says.
    pub framed: bool,
    /// It starts with an auxiliary or a verb: its subject was before the cut.
    pub subjectless: bool,
    /// Its first word is a pronoun: it names someone named elsewhere.
    pub pronoun_first: bool,
    /// Its first word is a reporting verb ("added that..."): what follows is what its lost
    /// subject said.
    pub reported: bool,
}

pub struct Phrasing<'a> {
    r: &'a Reading,
}

/// The words of `s`, lower case, letters, digits, hyphens and apostrophes kept.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the words `phrase` start the word list `ws`.
fn starts(ws: &[String], phrase: &str) -> bool {
    let p = words(phrase);
    !p.is_empty() && ws.len() >= p.len() && ws[..p.len()] == p[..]
}

fn first_lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `s` without wrapping quotes and trailing punctuation.
fn trimmed(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        s = s
            .trim_end_matches([',', '.', ';', ':', ' '])
            .trim_matches(['"', '“', '”'])
            .trim();
        if s == before {
            return s;
        }
    }
}

/// Whether every quotation mark `s` opens it closes.
fn balanced(s: &str) -> bool {
    s.matches('"').count().is_multiple_of(2) && s.matches('“').count() == s.matches('”').count()
}

impl<'a> Phrasing<'a> {
    pub fn new(r: &'a Reading) -> Phrasing<'a> {
        Phrasing { r }
    }

    fn is(list: &[String], word: &str) -> bool {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// Whether `s` holds a pronoun.
    pub fn has_pronoun(&self, s: &str) -> bool {
        words(s).iter().any(|w| Self::is(&self.r.pronouns, w))
    }

    /// Whether `s` points to something said before it: a demonstrative anywhere ("such
    /// facilities", but not "such as"), or a pronoun before any name ("his" in "Mr. Macron,
    /// mindful of his audience" does not).
    pub fn dangles(&self, s: &str) -> bool {
        let tokens: Vec<&str> = s
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect();
        let mut named = false;
        for (i, w) in tokens.iter().enumerate() {
            let next = tokens.get(i + 1).copied().unwrap_or("");
            if Self::is(&self.r.demonstratives, w)
                && !(w.eq_ignore_ascii_case("such") && next.eq_ignore_ascii_case("as"))
            {
                return true;
            }
            if Self::is(&self.r.pronouns, w) {
                if !named {
                    return true;
                }
            } else if w.starts_with(char::is_uppercase) && !Self::is(&self.r.sentence_case, w) {
                named = true;
            }
        }
        false
    }

    /// Whether a condition leads with one of `condition_leads` in its first three words.
    pub fn has_lead(&self, s: &str) -> bool {
        let ws = words(s);
        (0..ws.len().min(3)).any(|i| self.r.condition_leads.iter().any(|l| starts(&ws[i..], l)))
    }

    /// Whether a quantity names what is given ("up to 15,000 soldiers") rather than being a
    /// bare amount ("15 million").
    pub fn names_thing(&self, quantity: &str) -> bool {
        words(quantity)
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .any(|w| !Self::is(&self.r.amount_words, w))
    }

    /// A quantity as the brief writes it: without the quotation marks a source put around it.
    pub fn quantity(&self, q: &str) -> String {
        q.replace(['“', '”', '"'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether the first word of `s` is written in upper case only because it began a
    /// source's sentence ("In the event of", "The size of").
    fn sentence_cased(&self, s: &str) -> bool {
        let Some(first) = words(s).into_iter().next() else {
            return false;
        };
        let lists = [
            &self.r.condition_leads,
            &self.r.comma_before,
            &self.r.elide_after,
            &self.r.sentence_case,
            &self.r.connectives,
        ];
        lists
            .iter()
            .any(|l| l.iter().any(|p| words(p).first() == Some(&first)))
    }

    /// `s` with its first letter in lower case when it is only upper case for starting a
    /// source's sentence.
    pub fn in_sentence(&self, s: &str) -> String {
        if self.sentence_cased(s) {
            first_lower(s)
        } else {
            s.to_string()
        }
    }

    /// A condition as written, read into a sentence: trimmed, rewritten as `rewrite` says, a
    /// pronoun and "is" left out after "if" ("if financed by other states"), in lower case
    /// where a source's sentence began with it.
    pub fn condition(&self, raw: &str) -> Option<Condition> {
        let t = trimmed(raw);
        if t.is_empty() {
            return None;
        }
        if let Some((_, to)) = self
            .r
            .rewrite
            .iter()
            .find(|(from, _)| from.eq_ignore_ascii_case(t))
        {
            return Some(Condition {
                text: to.clone(),
                comma: false,
            });
        }
        let text = self.elide(t);
        let ws = words(&text);
        let comma = self.r.comma_before.iter().any(|p| starts(&ws, p));
        Some(Condition {
            text: self.in_sentence(&text),
            comma,
        })
    }

    /// "if it is financed" → "if financed": a pronoun and a form of "be" after `elide_after`.
    fn elide(&self, s: &str) -> String {
        let tokens: Vec<&str> = s.split(' ').collect();
        let mut out: Vec<&str> = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            out.push(tokens[i]);
            if Self::is(&self.r.elide_after, tokens[i]) && i + 2 < tokens.len() {
                let pronoun = Self::is(&self.r.pronouns, tokens[i + 1]);
                let be = self.r.be.iter().find(|b| {
                    let bw: Vec<&str> = b.split(' ').collect();
                    tokens.len() >= i + 2 + bw.len()
                        && tokens[i + 2..i + 2 + bw.len()]
                            .iter()
                            .zip(&bw)
                            .all(|(t, w)| t.eq_ignore_ascii_case(w))
                });
                if let (true, Some(b)) = (pronoun, be) {
                    i += 2 + b.split(' ').count();
                    continue;
                }
            }
            i += 1;
        }
        out.join(" ")
    }

    /// The clause of `quote` that holds `words` (a caveat's words), read so that it can stand
    /// as a sentence of its own: cut at the clause breaks around it, without the words that
    /// join it to the rest ("Still,", "But"), without a trailing "..., Merz says", and, when
    /// `unframe`, without the reporting frame before it ("Putin maintained that"). `None`
    /// when the words are not in the quote, or the clause is too short, too long or leaves a
    /// quotation open.
    pub fn clause(&self, quote: &str, words_: &str, unframe: bool) -> Option<Clause> {
        let at = quote.find(words_)?;
        let lower = quote.to_lowercase();
        // cuts: clause breaks, and " and " before an auxiliary ("... and will consider")
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        for b in &self.r.clause_breaks {
            let b = b.to_lowercase();
            let mut from = 0;
            while let Some(i) = lower.get(from..).and_then(|r| r.find(&b)) {
                cuts.push((from + i, from + i + b.len()));
                from += i + b.len();
            }
        }
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|r| r.find(" and ")) {
            let start = from + i;
            let next = lower[start + 5..].split(' ').next().unwrap_or_default();
            if Self::is(&self.r.auxiliaries, next) {
                cuts.push((start, start + 5));
            }
            from = start + 5;
        }
        let start = cuts
            .iter()
            .filter(|(_, e)| *e <= at)
            .map(|(_, e)| *e)
            .max()
            .unwrap_or(0);
        let end = cuts
            .iter()
            .filter(|(s, _)| *s >= at + words_.len())
            .map(|(s, _)| *s)
            .min()
            .unwrap_or(quote.len());
        let mut text = trimmed(quote.get(start..end)?).to_string();
        let w_at = text.find(words_)?;
        // a reporting frame before the words
        let mut framed = false;
        if unframe {
            let head = &text[..w_at];
            let mut cut = None;
            let mut pos = 0;
            for token in head.split_inclusive(' ') {
                pos += token.len();
                let w = token.trim().trim_end_matches(',');
                if Self::is(&self.r.reporting, w) {
                    let rest = &text[pos..];
                    let that = rest.strip_prefix("that ").map_or(0, |_| "that ".len());
                    cut = Some(pos + that);
                }
            }
            if let Some(c) = cut.filter(|&c| c <= w_at) {
                text = text[c..].to_string();
                framed = true;
            }
        }
        // joining words at the start
        loop {
            let first = text.split(' ').next().unwrap_or_default();
            let bare = first.trim_end_matches(',');
            if Self::is(&self.r.connectives, bare) && text.len() > first.len() {
                text = text[first.len()..].trim_start().to_string();
            } else {
                break;
            }
        }
        // "..., Merz says" at the end
        if let Some((body, tail)) = text.rsplit_once(", ") {
            let tw: Vec<&str> = tail.split_whitespace().collect();
            if tw.len() <= 5
                && tw.last().is_some_and(|w| Self::is(&self.r.reporting, w))
                && body.contains(words_)
            {
                text = body.to_string();
            }
        }
        let text = self.elide(trimmed(&text));
        if !(20..=240).contains(&text.chars().count()) || !balanced(&text) {
            return None;
        }
        let first = words(&text).into_iter().next().unwrap_or_default();
        let reported = Self::is(&self.r.reporting, &first);
        let subjectless = Self::is(&self.r.auxiliaries, &first) || reported;
        let pronoun_first = Self::is(&self.r.pronouns, &first);
        Some(Clause {
            text: self.in_sentence(&text),
            framed,
            subjectless,
            pronoun_first,
            reported,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::Wording;
    use crate::Templates;

    fn with<R>(f: impl FnOnce(&Phrasing) -> R) -> R {
        let w = Wording::load(&Templates::builtin()).unwrap();
        f(&Phrasing::new(&w.file.reading))
    }

    #[test]
    fn conditions_read_into_the_sentence() {
        with(|p| {
            let c = |s: &str| p.condition(s).map(|c| (c.text, c.comma));
            assert_eq!(
                c("if it is financed by other states"),
                Some(("if financed by other states".into(), false))
            );
            assert_eq!(
                c("In the event of a truce,"),
                Some(("in the event of a truce".into(), false))
            );
            assert_eq!(
                c("contingent on a truce with Borduria"),
                Some(("contingent on a truce with Borduria".into(), true))
            );
            assert_eq!(c("post-war"), Some(("after the war".into(), false)));
            assert_eq!(c(" . "), None);
            assert!(p.has_lead("a year after any future truce"));
            assert!(!p.has_lead("contingent on a truce"));
            assert!(p.has_pronoun("should it agree to stop"));
            assert!(p.names_thing("up to 9,000 soldiers"));
            assert!(!p.names_thing("up to 15 million"));
            assert_eq!(
                p.quantity("“several thousand” sappers"),
                "several thousand sappers"
            );
        });
    }

    #[test]
    fn a_clause_is_cut_from_its_sentence_and_can_stand_alone() {
        with(|p| {
            let q = "There was no reply from Borduria, with its president maintaining that \
                     foreign troops will not be allowed on its soil";
            let c = p.clause(q, "will not be allowed", true).unwrap();
            assert_eq!(c.text, "foreign troops will not be allowed on its soil");
            assert!(c.framed && !c.subjectless && !c.pronoun_first);
            let q = "Borduria views this as a threat and will consider such depots legitimate \
                     targets.";
            let c = p.clause(q, "legitimate targets", true).unwrap();
            assert_eq!(c.text, "will consider such depots legitimate targets");
            assert!(c.subjectless);
            assert!(
                p.dangles(&c.text),
                "such depots: which ones, the brief does not say"
            );
            assert!(p.dangles("views this as a threat"));
            assert!(p.dangles("his army will not stay"), "whose army?");
            assert!(!p.dangles("Mr. Ostrov, mindful of his voters, said troops stay far back"));
            assert!(!p.dangles("Borduria sends items such as tents"));
            assert!(!p.dangles("The mission lacks helicopters"));
            let q = "Still, any truce appears remote for now because Borduria is not at the \
                     talks, and has said that it will not agree to any deal.";
            let c = p.clause(q, "appears remote", false).unwrap();
            assert_eq!(
                c.text,
                "any truce appears remote for now because Borduria is not at the talks"
            );
            let c = p.clause(q, "will not agree", true).unwrap();
            assert_eq!(c.text, "it will not agree to any deal");
            assert!(c.framed && c.pronoun_first);
            let q = "Syldavia could have a presence in a country bordering Zembla a year \
                     after any truce, Merz says.";
            let c = p.clause(q, "bordering Zembla", false).unwrap();
            assert_eq!(
                c.text,
                "Syldavia could have a presence in a country bordering Zembla a year after any truce"
            );
            assert_eq!(p.clause(q, "not in the quote", false), None);
            assert_eq!(p.clause("He said “so.", "so", false), None);
        });
    }
}
