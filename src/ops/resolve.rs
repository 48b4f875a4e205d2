//! Who is the caller? A UPN, an object id, a mail address, an employee id or words of a name.

use super::OpsError;
pub use super::find::{Found, Total};
use crate::graph::client::GraphClient;
use crate::graph::encode::UserRef;
use crate::graph::model::User;

/// How the agent named the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// An object id or a UPN (or a mail address that may be one).
    Key(UserRef),
    /// Words of a name (and the school), an employee id, or the start of a UPN or mail.
    Name(String),
}

/// A user as the agent named them, checked before anything is sent (a key that cannot exist
/// is refused here), and classified once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserQuery {
    text: String,
    lookup: Lookup,
}

impl UserQuery {
    pub fn parse(text: &str) -> Result<UserQuery, OpsError> {
        Ok(UserQuery {
            lookup: classify(text)?,
            text: text.trim().to_string(),
        })
    }

    /// As the agent typed it (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn lookup(&self) -> &Lookup {
        &self.lookup
    }
}

pub fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn classify(input: &str) -> Result<Lookup, OpsError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(OpsError::invalid(
            "no user given",
            "name the caller by UPN, mail, object id, employee id or words of their name",
        ));
    }
    if input.contains('@') || is_guid(input) {
        return Ok(Lookup::Key(UserRef::parse(input)?));
    }
    if input.chars().any(char::is_control) {
        return Err(OpsError::invalid(
            format!("'{}' contains control characters", input.escape_default()),
            "type the name again",
        ));
    }
    Ok(Lookup::Name(input.to_string()))
}

/// Everyone the input could mean, best first (most lookups find exactly one).
pub async fn candidates(graph: &GraphClient, lookup: &Lookup) -> Result<Found, OpsError> {
    let exact = |people: Vec<User>| Found {
        total: Total::Exact(people.len()),
        people,
    };
    match lookup {
        Lookup::Key(key) => match graph.user(key).await {
            Ok(u) => Ok(exact(vec![u])),
            Err(e) if e.is_not_found() && key.as_str().contains('@') => {
                Ok(exact(graph.users_by_mail(key.as_str()).await?))
            }
            Err(e) if e.is_not_found() => Ok(exact(vec![])),
            Err(e) => Err(e.into()),
        },
        Lookup::Name(name) => super::find::find(graph, name).await,
    }
}

/// One line that tells people apart in a pick list: name, UPN, title, school, employee id, the
/// last digits of the mobile.
pub fn tell_apart(u: &User) -> String {
    let mobile = u
        .mobile_phone
        .as_deref()
        .map(|m| m.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|d| d.len() >= 4)
        .map(|d| format!("mobile …{}", &d[d.len() - 4..]));
    let detail: Vec<String> = [
        u.job_title.clone(),
        u.office_location.clone(),
        u.employee_id.clone(),
        mobile,
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    // a directory field's line break must not start a line of its own (a fake `hint:`)
    crate::output::sanitize(&format!(
        "{}  {}  {}",
        u.name(),
        u.upn(),
        detail.join(" · ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_inputs() {
        assert!(matches!(
            classify("maria.garcia@district.example"),
            Ok(Lookup::Key(_))
        ));
        assert!(matches!(
            classify("54743dc5-e24d-4a41-bb15-9584c1226df6"),
            Ok(Lookup::Key(_))
        ));
        assert_eq!(
            classify(" Maria Gar ").unwrap(),
            Lookup::Name("Maria Gar".into())
        );
        assert!(classify("").is_err());
        assert!(
            classify("m\u{430}ria@district.example").is_err(),
            "look-alike letters"
        );
        assert!(classify("evil\u{1b}[2J").is_err());
        assert!(!is_guid("54743dc5-e24d-4a41-bb15-9584c1226dfz"));
    }
}
