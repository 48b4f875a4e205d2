//! Sign-ins in plain words, for an agent on a call: error codes, client apps and apps.

use crate::graph::model::SignIn;
use jiff::SignedDuration;
/// `(code, a few words for a table, the full explanation)`.
const CODES: &[(i64, &str, &str)] = &[
    (0, "ok", "signed in"),
    (50074, "MFA not done", "MFA required and not completed"),
    (
        50076,
        "MFA not done",
        "MFA required (new location or policy) and not completed",
    ),
    (50078, "MFA expired", "MFA claim expired; MFA needed again"),
    (
        50079,
        "must register MFA",
        "must register MFA methods before signing in",
    ),
    (
        500121,
        "prompt not done",
        "MFA prompt not completed: denied, not answered, or wrong code",
    ),
    (50126, "wrong password", "wrong username or password"),
    (
        53003,
        "blocked by CA",
        "blocked by a Conditional Access policy",
    ),
    (
        53000,
        "device not compliant",
        "needs a compliant or managed device",
    ),
    (
        530003,
        "device not compliant",
        "needs a compliant or managed device",
    ),
    (50053, "locked", "account locked after too many attempts"),
    (50057, "disabled", "account disabled"),
    (50055, "password expired", "password expired"),
    (
        50158,
        "external challenge",
        "external security challenge not satisfied",
    ),
    (
        50125,
        "interrupted",
        "interrupted by a password reset or registration prompt",
    ),
    (
        70044,
        "session expired",
        "session expired or revoked; sign in again",
    ),
    (
        50133,
        "session expired",
        "session expired or revoked; sign in again",
    ),
];

fn entry(code: i64) -> (&'static str, &'static str) {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(("failed", "sign-in failed"), |(_, short, long)| {
            (short, long)
        })
}

/// What a sign-in `status.errorCode` means.
pub fn explain(code: i64) -> &'static str {
    entry(code).1
}

/// The same in a few words, with the code (`500121 prompt not done`; `ok` for success).
pub fn result_short(code: i64) -> String {
    match code {
        0 => "ok".into(),
        c => format!("{c} {}", entry(c).0),
    }
}

/// Graph's `clientAppUsed` in a word.
pub fn client_short(client: &str) -> &str {
    match client {
        "Browser" => "browser",
        "Mobile Apps and Desktop clients" => "app",
        "Exchange ActiveSync" => "ActiveSync",
        "IMAP4" => "IMAP",
        "POP3" => "POP",
        "Authenticated SMTP" => "SMTP",
        "Other clients" => "other",
        other => other,
    }
}

/// An MFA step's method in a word (the portal's names and Graph's `/beta` names alike).
pub fn method_short(method: &str) -> &str {
    match method {
        "Mobile app notification" | "Authenticator App" => "push",
        "Text message" | "SMS" => "text",
        "Phone call" | "Voice" => "call",
        "OATH verification code" | "Software OATH token" => "code",
        "FIDO2 security key" | "Passkey (device-bound)" => "passkey",
        "Windows Hello for Business" => "Hello",
        "Previously satisfied" | "Satisfied by token" => "earlier",
        other => other,
    }
}

/// An app's display name without the suite's words (`Office 365 Exchange Online` → `Exchange`).
pub fn app_short(app: &str) -> &str {
    let a = app.strip_prefix("Office 365 ").unwrap_or(app);
    a.strip_suffix(" Online").unwrap_or(a)
}

/// Where a sign-in came from, in words: the city and the country (`Bucharest, RO`).
pub fn place(s: &SignIn) -> String {
    let l = &s.location;
    let words: Vec<&str> = [l.city.as_deref(), l.country_or_region.as_deref()]
        .into_iter()
        .flatten()
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        s.ip_address
            .clone()
            .unwrap_or_else(|| "an unknown place".into())
    } else {
        words.join(", ")
    }
}

/// A duration in words: `45 minutes`, `5 hours`, `4 days`.
pub fn span_words(d: SignedDuration) -> String {
    let mins = d.as_mins().max(1);
    if mins < 120 {
        format!("{mins} minutes")
    } else if mins < 48 * 60 {
        format!("{} hours", mins / 60)
    } else {
        format!("{} days", mins / (24 * 60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_codes_have_words() {
        for code in [50076, 50074, 500121, 50126, 53003] {
            assert_ne!(explain(code), "sign-in failed", "{code}");
        }
        assert_eq!(explain(12345), "sign-in failed");
        assert_eq!(result_short(500121), "500121 prompt not done");
        assert_eq!(result_short(0), "ok");
        assert_eq!(client_short("Mobile Apps and Desktop clients"), "app");
        assert_eq!(app_short("Office 365 Exchange Online"), "Exchange");
        assert_eq!(app_short("Google Workspace"), "Google Workspace");
    }
}
