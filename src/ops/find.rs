//! Finding the caller from what the agent heard: words of a name, often misspelled or without
//! its accents and apostrophes (`zoe muller`, `sean obrien`), perhaps with the school (`garcia
//! cedar`), an employee id, or the start of a mail address or UPN. One round trip: a `$batch`
//! of a `$search` (Graph tokenises display names) and an `employeeId eq` lookup; then every word
//! the agent typed must match something of the person, compared without case, accents or
//! punctuation, and the best matches come first.

use super::OpsError;
use crate::graph::client::GraphClient;
use crate::graph::model::User;

/// How many people a search reads at most (one page of Graph's maximum).
pub const READ: usize = 999;

/// Lower case, accents off (`Zoë Müller` → `zoe muller`), apostrophes and dots dropped inside a
/// word (`O'Brien` → `obrien`), every other symbol a space.
pub fn fold(s: &str) -> String {
    let plain = deunicode::deunicode(s).to_lowercase();
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c),
            '\'' | '`' | '.' => {}
            _ => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
        }
    }
    out.trim_end().to_string()
}

/// The folded words of `s`.
pub fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// One word, letters and digits with at least one digit: perhaps an employee id (`E997675`).
pub fn looks_like_employee_id(s: &str) -> bool {
    let s = s.trim();
    (3..=20).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric())
        && s.bytes().any(|b| b.is_ascii_digit())
}

/// Whether every word of `query` starts a word of `text`, case, accents and punctuation aside:
/// `cedar`, `CEDAR GROVE` and `grove elem` all match "Cedar Grove Elementary".
pub fn matches_words(text: &str, query: &[String]) -> bool {
    let have = words(text);
    !query.is_empty() && query.iter().all(|q| have.iter().any(|h| h.starts_with(q)))
}

/// What the search found: the people, best first, and how many there are in all.
#[derive(Debug)]
pub struct Found {
    pub people: Vec<User>,
    pub total: Total,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Exact(usize),
    /// Graph had more than care read: at least this many.
    AtLeast(usize),
}

impl Total {
    pub fn count(self) -> usize {
        match self {
            Total::Exact(n) | Total::AtLeast(n) => n,
        }
    }
    pub fn describe(self) -> String {
        match self {
            Total::Exact(n) => n.to_string(),
            Total::AtLeast(n) => format!("at least {n}"),
        }
    }
}

/// The words of `text` as typed, lower case and accents off but punctuation kept
/// (`maria.garcia@district.example`): the start of a UPN or mail address.
pub fn typed(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| deunicode::deunicode(w).to_lowercase())
        .filter(|w| w.contains(['.', '@', '_', '-', '\'']))
        .collect()
}

/// The `$search` expression for the words: each word in a display name, or a UPN or mail that
/// starts with it; a word like `obrien` also as `o` + `brien` (Graph splits `O'Brien` at the
/// apostrophe); a word typed with punctuation (`maria.garcia`) also as it was typed, the start
/// of a UPN or mail. Words are OR-ed, because a word may be the school: the narrowing is care's.
pub fn search_expression(words: &[String], typed: &[String]) -> String {
    use crate::graph::encode::search_clause;
    let mut clauses = vec![];
    for t in typed {
        clauses.push(search_clause("userPrincipalName", t));
        clauses.push(search_clause("mail", t));
    }
    for w in words {
        clauses.push(search_clause("displayName", w));
        clauses.push(search_clause("userPrincipalName", w));
        clauses.push(search_clause("mail", w));
        if w.len() >= 4
            && w.starts_with(['o', 'd', 'l'])
            && w[1..].bytes().all(|b| b.is_ascii_alphabetic())
        {
            clauses.push(format!(
                "({} AND {})",
                search_clause("displayName", &w[..1]),
                search_clause("displayName", &w[1..])
            ));
        }
    }
    clauses.join(" OR ")
}

/// How well a person matches the words: `None` when a word matches nothing of them; lower is
/// better (a full-name match, then a surname, then the rest).
pub fn score(user: &User, words: &[String]) -> Option<u32> {
    let name = words_of(user.display_name.as_deref());
    let given = words_of(user.given_name.as_deref());
    let surname = words_of(user.surname.as_deref());
    let school = words_of(user.office_location.as_deref());
    let upn = fold(user.upn()).replace(' ', "");
    let mail = fold(user.mail.as_deref().unwrap_or_default()).replace(' ', "");
    let employee = user
        .employee_id
        .as_deref()
        .unwrap_or_default()
        .to_lowercase();
    let prefix = |list: &[String], w: &str| list.iter().any(|x| x.starts_with(w));
    // a name typed as one word: `vanburen`, `maryjane`
    let together = [given.concat(), surname.concat(), name.concat()];
    let one = |w: &str| -> Option<u32> {
        if name.iter().any(|x| x == w)
            || surname.iter().any(|x| x == w)
            || together.iter().any(|x| x == w)
        {
            Some(0)
        } else if prefix(&name, w) || prefix(&given, w) || prefix(&surname, w) {
            Some(1)
        } else if !employee.is_empty() && employee == w {
            Some(0)
        } else if upn.starts_with(w) || (!mail.is_empty() && mail.starts_with(w)) {
            Some(2)
        } else if prefix(&school, w) {
            Some(3)
        } else {
            None
        }
    };
    let mut score = 0;
    let mut i = 0;
    while i < words.len() {
        // two words may be the halves of a name (`o brien` for O'Brien, `mc donald`); only a
        // name: `maria garcia` joined is the start of her UPN, a worse match than both names
        let joined = words
            .get(i + 1)
            .and_then(|next| one(&format!("{}{next}", words[i])))
            .filter(|s| *s <= 1);
        match joined {
            Some(s) => {
                score += s;
                i += 2;
            }
            None => {
                score += one(&words[i])?;
                i += 1;
            }
        }
    }
    Some(score)
}

fn words_of(s: Option<&str>) -> Vec<String> {
    s.map(words).unwrap_or_default()
}

/// The words to rank people by: a word typed with punctuation (`maria.garcia`,
/// `maria.garcia@district.example`, `garcia-lopez`) stays one word, so it matches the start of a
/// UPN or a name written together; the others as [`words`] gives them.
pub fn query_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .flat_map(|t| {
            let w = words(t);
            if t.contains(['.', '@', '_', '-']) && w.len() > 1 {
                vec![w.concat()]
            } else {
                w
            }
        })
        .collect()
}

/// Keeps the people every word matches, best first (ties by display name).
pub fn narrow(people: Vec<User>, words: &[String]) -> Vec<User> {
    let mut scored: Vec<(u32, User)> = people
        .into_iter()
        .filter_map(|u| score(&u, words).map(|s| (s, u)))
        .collect();
    scored.sort_by(|(a, x), (b, y)| {
        a.cmp(b)
            .then_with(|| fold(x.name()).cmp(&fold(y.name())))
            .then_with(|| x.upn().cmp(y.upn()))
    });
    let mut seen = std::collections::HashSet::new();
    scored
        .into_iter()
        .map(|(_, u)| u)
        .filter(|u| seen.insert(u.id.clone()))
        .collect()
}

/// Everyone `text` could mean, best first, in one round trip.
pub async fn find(graph: &GraphClient, text: &str) -> Result<Found, OpsError> {
    let words = words(text);
    if words.is_empty() {
        return Err(OpsError::invalid(
            format!("'{}' has no letters or digits to look for", text.trim()),
            "give words of a name, an employee id, or the start of a mail address",
        ));
    }
    let employee = looks_like_employee_id(text).then(|| text.trim());
    let (found, graph_count) = graph
        .find_users(&search_expression(&words, &typed(text)), employee, READ)
        .await?;
    let read = found.len();
    let people = narrow(found, &query_words(text));
    // exact when Graph's whole answer was read; otherwise at least what matched here
    let total = match graph_count {
        Some(n) if n as usize > read => Total::AtLeast(people.len()),
        _ => Total::Exact(people.len()),
    };
    Ok(Found { people, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, given: &str, surname: &str, upn: &str, school: &str, id: &str) -> User {
        serde_json::from_value(serde_json::json!({
            "id": upn,
            "displayName": name,
            "givenName": given,
            "surname": surname,
            "userPrincipalName": upn,
            "officeLocation": school,
            "employeeId": id,
        }))
        .unwrap()
    }

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("Zoë Müller"), "zoe muller");
        assert_eq!(fold("Sean O'Brien"), "sean obrien");
        assert_eq!(fold("  Mary-Jane  D’Angelo "), "mary jane dangelo");
        assert_eq!(fold("Lucía Smith Jr."), "lucia smith jr");
        assert_eq!(words("garcia, cedar"), ["garcia", "cedar"]);
        assert!(looks_like_employee_id("E997675"));
        assert!(!looks_like_employee_id("maria"));
        assert!(!looks_like_employee_id("E99 7675"));
    }

    #[test]
    fn every_word_must_match_and_the_best_come_first() {
        let zoe = user(
            "Zoë Müller",
            "Zoë",
            "Müller",
            "zoe.muller@d.example",
            "Central High",
            "E1",
        );
        let sean = user(
            "Sean O'Brien",
            "Sean",
            "O'Brien",
            "sean.o'brien@d.example",
            "Depot",
            "E2",
        );
        let m1 = user(
            "Maria Garcia",
            "Maria",
            "Garcia",
            "maria.garcia@d.example",
            "Cedar Grove Elementary",
            "E3",
        );
        let m2 = user(
            "Mario Garcia",
            "Mario",
            "Garcia",
            "mario.garcia@d.example",
            "Riverbend High",
            "E4",
        );
        let all = vec![zoe.clone(), sean.clone(), m1.clone(), m2.clone()];
        let ids = |v: Vec<User>| v.into_iter().map(|u| u.id).collect::<Vec<_>>();
        assert_eq!(
            ids(narrow(all.clone(), &words("zoe muller"))),
            [zoe.id.as_str()]
        );
        assert_eq!(
            ids(narrow(all.clone(), &words("muller"))),
            [zoe.id.as_str()]
        );
        assert_eq!(
            ids(narrow(all.clone(), &words("obrien"))),
            [sean.id.as_str()]
        );
        assert_eq!(
            ids(narrow(all.clone(), &words("Sean OBrien"))),
            [sean.id.as_str()]
        );
        assert_eq!(
            ids(narrow(all.clone(), &words("garcia cedar"))),
            [m1.id.as_str()]
        );
        assert_eq!(ids(narrow(all.clone(), &words("garcia"))).len(), 2);
        assert_eq!(ids(narrow(all.clone(), &words("e4"))), [m2.id.as_str()]);
        assert_eq!(
            ids(narrow(all.clone(), &words("mar"))),
            [m1.id.as_str(), m2.id.as_str()]
        );
        // a full surname beats a prefix of a first name
        let garcias = user(
            "Gar Smith",
            "Gar",
            "Smith",
            "gar.smith@d.example",
            "X",
            "E5",
        );
        let mut with = all;
        with.push(garcias.clone());
        assert_eq!(ids(narrow(with.clone(), &words("garcia")))[0], m1.id);
        // the exact name beats a longer given name; the joined halves are her UPN's start only
        let mariana = user(
            "Mariana Garcia",
            "Mariana",
            "Garcia",
            "mariana.garcia@d.example",
            "X",
            "E6",
        );
        with.push(mariana);
        assert_eq!(ids(narrow(with.clone(), &words("maria garcia")))[0], m1.id);
        // the start of a UPN or mail as typed; a name typed together
        for typed in ["maria.garcia", "maria.garcia@d.example", "MARIA.G"] {
            assert_eq!(
                ids(narrow(with.clone(), &query_words(typed))),
                [m1.id.as_str()],
                "{typed}"
            );
        }
        assert_eq!(
            ids(narrow(with, &query_words("zoemuller"))),
            [zoe.id.as_str()]
        );
    }

    #[test]
    fn the_search_expression_splits_an_apostrophe_name() {
        let e = search_expression(&words("obrien"), &[]);
        assert!(
            e.contains("(\"displayName:o\" AND \"displayName:brien\")"),
            "{e}"
        );
        assert!(!search_expression(&words("maria"), &[]).contains("AND"));
        let e = search_expression(&words("maria.garcia"), &typed("Maria.Garcia"));
        assert!(e.contains("\"userPrincipalName:maria.garcia\""), "{e}");
    }
}
