//! `care api`'s writes, classified so that each goes through the door as what it does: a
//! request that does what a command does (issue a pass, set or remove a phone, remove a method,
//! set the default, revoke sessions) is that command's change, with its facts, verification and
//! limits; any other write to an authentication method is refused unless `--override REASON`;
//! any other write is a plain `api.write` (ticket, confirmation, audit record). Method and path
//! are compared without regard to case, and every request inside a `$batch` body is classified
//! on its own.

use super::{Authority, Change, ChangeError, Door, Subject, Write};
use crate::graph::client::Call;
use crate::graph::encode::UserRef;
use crate::guard::{Action, Refusal};
use percent_encoding::percent_decode_str;
use reqwest::Method;
use serde_json::Value;

/// What one request of `care api` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// The request's id in a `$batch` body.
    pub item: Option<String>,
    pub method: String,
    /// The path as sent (below the version), for the audit record.
    pub path: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A read: not a change.
    Read,
    /// What a command does, to the user named by `user` (a UPN, an id, or `me`).
    Command { action: Action, user: String },
    /// A write to authentication methods or their policies that is not one of the commands.
    AuthMethods { user: Option<String> },
    /// Any other write (to `user` when its path names one).
    Other { user: Option<String> },
}

impl Classified {
    pub fn is_change(&self) -> bool {
        self.kind != Kind::Read
    }
}

/// The method collections under `/users/{id}/authentication/` whose items `method remove`
/// deletes.
const METHOD_COLLECTIONS: &[&str] = &[
    "microsoftauthenticatormethods",
    "fido2methods",
    "softwareoathmethods",
    "emailmethods",
    "windowshelloforbusinessmethods",
    "passwordlessmicrosoftauthenticatormethods",
    "platformcredentialmethods",
    "hardwareoathmethods",
];

/// Classifies one request: `method`, and `path` below the version (`users/x/authentication/...`,
/// with or without a leading `/` and a query).
pub fn classify(method: &str, path: &str) -> Classified {
    let method = method.to_ascii_uppercase();
    let bare = path.trim_start_matches('/');
    let bare = bare.split(['?', '#']).next().unwrap_or_default();
    // a version inside a batch's relative URL is not expected, but is not a way around this
    let bare = match bare.split_once('/') {
        Some((v, rest)) if v.eq_ignore_ascii_case("v1.0") || v.eq_ignore_ascii_case("beta") => rest,
        _ => bare,
    };
    let segments: Vec<String> = bare
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let lower: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    let done = |kind| Classified {
        item: None,
        method: method.clone(),
        path: path.to_string(),
        kind,
    };
    if method == "GET" || method == "HEAD" {
        return done(Kind::Read);
    }
    // whose: users/{key}/..., or me/...
    let (user, rest): (Option<String>, &[String]) = match lower.first().map(String::as_str) {
        Some("users") if segments.len() >= 2 => (Some(segments[1].clone()), &lower[2..]),
        Some("me") => (Some("me".into()), &lower[1..]),
        _ => (None, &lower[..]),
    };
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let command = |action| Kind::Command {
        action,
        user: user.clone().unwrap_or_default(),
    };
    let kind = match (user.is_some(), method.as_str(), rest.as_slice()) {
        (true, "POST", ["authentication", "temporaryaccesspassmethods"]) => {
            command(Action::PassIssue)
        }
        (true, "DELETE", ["authentication", "temporaryaccesspassmethods", _]) => {
            command(Action::PassRevoke)
        }
        (true, "POST", ["authentication", "phonemethods"])
        | (true, "PATCH" | "PUT", ["authentication", "phonemethods", _]) => {
            command(Action::PhoneSet)
        }
        (true, "DELETE", ["authentication", "phonemethods", _]) => command(Action::PhoneRemove),
        (
            true,
            "POST",
            [
                "authentication",
                "phonemethods",
                _,
                "enablesmssignin" | "disablesmssignin",
            ],
        ) => command(Action::SmsSignIn),
        (true, "DELETE", ["authentication", collection, _])
            if METHOD_COLLECTIONS.contains(collection) =>
        {
            command(Action::MethodRemove)
        }
        (true, "PATCH", ["authentication", "signinpreferences"]) => command(Action::MethodDefault),
        (true, "POST", ["revokesigninsessions" | "invalidateallrefreshtokens"]) => {
            command(Action::SessionRevoke)
        }
        _ if lower.iter().any(|s| s.contains("authentication")) => {
            Kind::AuthMethods { user: user.clone() }
        }
        _ => Kind::Other { user: user.clone() },
    };
    done(kind)
}

/// The requests a call sends: the call itself, or each request of a `$batch` body.
pub fn requests(call: &Call) -> Vec<Classified> {
    if call.method == Method::POST && call.path.trim_matches('/').eq_ignore_ascii_case("$batch") {
        let items = call
            .body
            .as_ref()
            .and_then(|b| b.get("requests"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        return items
            .iter()
            .map(|r| Classified {
                item: r.get("id").and_then(Value::as_str).map(str::to_owned),
                ..classify(
                    r.get("method").and_then(Value::as_str).unwrap_or("GET"),
                    r.get("url").and_then(Value::as_str).unwrap_or_default(),
                )
            })
            .collect();
    }
    vec![classify(call.method.as_str(), &call.relative())]
}

/// The changes `call` makes, each decided as what it does, to whom (the caller card read for
/// a person, so the blocking facts are known). A user the path names who does not exist is
/// exit 5 before anything is sent.
pub(super) async fn changes(
    door: &Door,
    call: &Call,
    authority: &Authority,
) -> Result<Vec<Change>, ChangeError> {
    let shown = format!("{} /{}/{}", call.method, call.version.as_str(), call.path);
    let mut out = vec![];
    for request in requests(call).into_iter().filter(Classified::is_change) {
        let detail = format!("care api {} {}", request.method, request.path);
        let (action, user, refusal) = match &request.kind {
            Kind::Read => continue,
            Kind::Command { action, user } => (*action, Some(user.clone()), None),
            Kind::AuthMethods { user } => {
                let overridden =
                    matches!(authority, Authority::Call(a) if a.override_reason.is_some());
                let refusal = (!overridden).then(|| Refusal {
                    reason: format!(
                        "{} {} writes to authentication methods in a way care cannot check",
                        request.method, request.path
                    ),
                    hint: "use the care command that does it (passcode issue, phone set, method remove, …); if none does, --override \"REASON\" sends it as it is (the reason is recorded)".into(),
                    overridable: true,
                });
                (Action::ApiMethods, user.clone(), refusal)
            }
            Kind::Other { user } => (Action::ApiWrite, user.clone(), None),
        };
        let subject = match user {
            Some(key) => subject(door, &key, action.checks_the_person()).await?,
            None => Subject::nobody(&format!("(not a user: {shown})")),
        };
        out.push(Change {
            action,
            subject,
            write: Write::Api {
                call: call.clone(),
                item: request.item.clone(),
            },
            detail,
            refusal,
        });
    }
    Ok(out)
}

/// The person a path names: the caller card when the change is to how they sign in.
async fn subject(door: &Door, key: &str, card: bool) -> Result<Subject, ChangeError> {
    let key = if key.eq_ignore_ascii_case("me") {
        if door.guard.agent.app {
            return Err(ChangeError::invalid(
                "/me is the signed-in user, and care is signed in as an app",
                "name the user: /users/{upn}/…",
            ));
        }
        door.guard.agent.name.clone()
    } else {
        key.to_string()
    };
    let reference = UserRef::parse(&key).map_err(crate::graph::client::GraphError::from)?;
    let not_found = || ChangeError::NotFound {
        message: format!("no user matches '{key}'"),
        hint: "check the path's user, e.g. with `care user show USER`".into(),
    };
    if card {
        let card = crate::ops::card::fetch(door.graph(), &reference, jiff::Timestamp::now())
            .await?
            .ok_or_else(not_found)?;
        return Ok(Subject::of(&card, &door.guard.policy.countries()));
    }
    match door.graph().user(&reference).await {
        Ok(u) => Ok(Subject::user(&u)),
        Err(e) if e.is_not_found() => Err(not_found()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(method: &str, path: &str) -> Kind {
        classify(method, path).kind
    }

    #[test]
    fn writes_that_do_what_a_command_does_are_that_command() {
        let cmd = |action, user: &str| Kind::Command {
            action,
            user: user.into(),
        };
        assert_eq!(
            kind(
                "post",
                "/users/gary.lowe@district.example/authentication/temporaryAccessPassMethods"
            ),
            cmd(Action::PassIssue, "gary.lowe@district.example")
        );
        assert_eq!(
            kind(
                "POST",
                "Users/X/Authentication/TemporaryAccessPassMethods?$select=id"
            ),
            cmd(Action::PassIssue, "X")
        );
        assert_eq!(
            kind("DELETE", "users/x/authentication/phoneMethods/3179e48a"),
            cmd(Action::PhoneRemove, "x")
        );
        assert_eq!(
            kind("Patch", "users/x/authentication/phoneMethods/3179e48a"),
            cmd(Action::PhoneSet, "x")
        );
        assert_eq!(
            kind(
                "POST",
                "users/x/authentication/phoneMethods/3179e48a/enableSmsSignIn"
            ),
            cmd(Action::SmsSignIn, "x")
        );
        assert_eq!(
            kind("DELETE", "users/x/authentication/fido2Methods/abc"),
            cmd(Action::MethodRemove, "x")
        );
        assert_eq!(
            kind("PATCH", "users/x/authentication/signInPreferences"),
            cmd(Action::MethodDefault, "x")
        );
        assert_eq!(
            kind("POST", "users/x/revokeSignInSessions"),
            cmd(Action::SessionRevoke, "x")
        );
        assert_eq!(
            kind("POST", "users/a%40b.example/revokeSignInSessions"),
            cmd(Action::SessionRevoke, "a@b.example")
        );
        assert_eq!(
            kind("DELETE", "me/authentication/emailMethods/e1"),
            cmd(Action::MethodRemove, "me")
        );
    }

    #[test]
    fn other_writes_to_methods_and_plain_writes() {
        assert_eq!(
            kind("POST", "users/x/authentication/fido2Methods"),
            Kind::AuthMethods {
                user: Some("x".into())
            }
        );
        assert_eq!(
            kind(
                "PATCH",
                "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass"
            ),
            Kind::AuthMethods { user: None }
        );
        assert_eq!(
            kind("PATCH", "users/x"),
            Kind::Other {
                user: Some("x".into())
            }
        );
        assert_eq!(kind("GET", "users/x/authentication/methods"), Kind::Read);
    }

    #[test]
    fn every_request_of_a_batch_is_classified() {
        let call = Call::post("$batch").body(serde_json::json!({"requests": [
            {"id": "1", "method": "GET", "url": "/users/a"},
            {"id": "2", "method": "POST", "url": "/users/raj.iyer@district.example/authentication/temporaryAccessPassMethods", "body": {}},
        ]}));
        let all = requests(&call);
        assert_eq!(all.len(), 2);
        assert!(!all[0].is_change());
        assert_eq!(
            all[1].kind,
            Kind::Command {
                action: Action::PassIssue,
                user: "raj.iyer@district.example".into()
            }
        );
    }
}
