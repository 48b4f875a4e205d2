//! `care api`'s writes, classified so that each goes through the door as what it does: a
//! request that does what a command does (issue a pass, set or remove a phone, remove a method,
//! set the default, revoke sessions) is that command's change, with its facts, verification and
//! limits; any other write that can change how someone signs in (their methods, their account,
//! roles, policies) is refused unless `--override REASON`; any other write is a plain
//! `api.write` (ticket, confirmation, audit record). Method, path and a batch's keys are read
//! without regard to case, every request inside a `$batch` body is classified on its own, and
//! whatever care cannot read plainly (a path with `..`, `\`, an encoded `/`, a fragment, an
//! absolute URL; a batch it cannot parse) is refused: it fails closed.

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
    /// A write that can change how someone signs in and that no command makes: their methods
    /// or account (`user`), or the tenant's roles and policies (no user).
    SignIn { user: Option<String> },
    /// Any other write (to `user` when its path names one).
    Other { user: Option<String> },
    /// A request care cannot read plainly: never sent.
    Unreadable { why: String },
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

/// The roots of the tenant's own sign-in settings: who holds which role, policies, apps.
const TENANT_SIGN_IN: &[&str] = &[
    "policies",
    "identity",
    "rolemanagement",
    "directoryroles",
    "serviceprincipals",
    "applications",
    "oauth2permissiongrants",
    "domains",
    "organization",
];

/// The path's segments below the version, decoded, or why care will not read it: nothing a
/// server could read another way than care does.
fn segments(path: &str) -> Result<Vec<String>, String> {
    let lower = path.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("//") {
        return Err("an absolute URL: care sends to its own Graph root only".into());
    }
    for (bad, what) in [
        ("\\", "a backslash"),
        ("#", "a fragment"),
        ("%2f", "an encoded /"),
        ("%5c", "an encoded \\"),
        ("%2e", "an encoded ."),
        ("%00", "an encoded NUL"),
    ] {
        if lower.contains(bad) {
            return Err(format!("{what} in the path"));
        }
    }
    let bare = path
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_start_matches('/');
    let mut parts: Vec<String> = vec![];
    for (i, raw) in bare.split('/').enumerate() {
        let seg = percent_decode_str(raw).decode_utf8_lossy().into_owned();
        if seg == "." || seg == ".." {
            return Err("a . or .. segment in the path".into());
        }
        if seg.is_empty() && i + 1 < bare.split('/').count() {
            return Err("an empty segment (//) in the path".into());
        }
        if seg.chars().any(char::is_control) {
            return Err("a control character in the path".into());
        }
        parts.push(seg);
    }
    if parts.last().is_some_and(String::is_empty) {
        parts.pop();
    }
    // a version in a batch's relative URL is not expected, but is not a way around this
    if parts
        .first()
        .is_some_and(|v| v.eq_ignore_ascii_case("v1.0") || v.eq_ignore_ascii_case("beta"))
    {
        parts.remove(0);
    }
    Ok(parts)
}

/// Classifies one request: `method`, and `path` below the version (`users/x/authentication/...`,
/// with or without a leading `/` and a query).
pub fn classify(method: &str, path: &str) -> Classified {
    let method = method.trim().to_ascii_uppercase();
    let done = |kind| Classified {
        item: None,
        method: method.clone(),
        path: path.to_string(),
        kind,
    };
    let segments = match segments(path) {
        Ok(s) => s,
        Err(why) => return done(Kind::Unreadable { why }),
    };
    if method == "GET" || method == "HEAD" {
        return done(Kind::Read);
    }
    if !matches!(method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE") {
        return done(Kind::Unreadable {
            why: format!("'{method}' is not a method care sends"),
        });
    }
    let lower: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    if lower.iter().any(|s| s == "$batch") {
        return done(Kind::Unreadable {
            why: "a batch inside a batch".into(),
        });
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
        (true, "PUT", ["authentication", "qrcodepinmethod"]) => command(Action::QrIssue),
        (true, "DELETE", ["authentication", "qrcodepinmethod"]) => command(Action::QrRemove),
        (true, "PATCH", ["authentication", "qrcodepinmethod", "temporaryqrcode"]) => {
            command(Action::QrTemporary)
        }
        (true, "PATCH", ["authentication", "qrcodepinmethod", "pin"]) => {
            command(Action::QrPinReset)
        }
        (true, "POST", ["authentication", "hardwareoathmethods"]) => command(Action::FobAssign),
        (
            true,
            "POST",
            [
                "authentication",
                "hardwareoathmethods",
                "assignandactivatebyserialnumber",
            ]
            | ["authentication", "hardwareoathmethods", _, "activate"],
        ) => command(Action::FobActivate),
        (true, "DELETE", ["authentication", "hardwareoathmethods", _]) => {
            command(Action::FobUnassign)
        }
        (true, "DELETE", ["authentication", collection, _])
            if METHOD_COLLECTIONS.contains(collection) =>
        {
            command(Action::MethodRemove)
        }
        (true, "PATCH", ["authentication", "signinpreferences"]) => command(Action::MethodDefault),
        (true, "POST", ["revokesigninsessions" | "invalidateallrefreshtokens"]) => {
            command(Action::SessionRevoke)
        }
        // the account itself (its password, whether it is enabled, its name), or its methods
        (true, _, []) => Kind::SignIn { user },
        (true, _, [first, ..])
            if first.contains("authentication") || *first == "changepassword" =>
        {
            Kind::SignIn { user }
        }
        (false, _, [first, ..]) if TENANT_SIGN_IN.contains(first) => Kind::SignIn { user: None },
        // a path that looks like a person's methods without naming them plainly
        (false, _, _)
            if lower
                .iter()
                .any(|s| s.contains("authentication") || s.starts_with("users")) =>
        {
            Kind::Unreadable {
                why: "it writes to someone's sign-in without naming them as users/{id}".into(),
            }
        }
        _ => Kind::Other { user },
    };
    done(kind)
}

/// A batch's requests, or why care will not read it: keys in any case, every request an
/// object with a string `id` (none twice), a `method` and a `url`.
fn batch(body: Option<&Value>) -> Result<Vec<Classified>, String> {
    let key = |o: &serde_json::Map<String, Value>, name: &str| -> Option<Value> {
        let mut found = o.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name));
        match (found.next(), found.next()) {
            (Some((_, v)), None) => Some(v.clone()),
            _ => None,
        }
    };
    let body = body
        .and_then(Value::as_object)
        .ok_or("the batch body is not an object")?;
    let requests = key(body, "requests")
        .and_then(|r| r.as_array().cloned())
        .ok_or("the batch has no requests list")?;
    let mut ids = std::collections::HashSet::new();
    let mut out = vec![];
    for (n, r) in requests.iter().enumerate() {
        let o = r
            .as_object()
            .ok_or(format!("request {} of the batch is not an object", n + 1))?;
        let field = |name: &str| key(o, name).and_then(|v| v.as_str().map(str::to_owned));
        let (Some(id), Some(method), Some(url)) = (field("id"), field("method"), field("url"))
        else {
            return Err(format!(
                "request {} of the batch needs a string id, method and url",
                n + 1
            ));
        };
        if !ids.insert(id.clone()) {
            return Err(format!("the batch uses the id '{id}' twice"));
        }
        out.push(Classified {
            item: Some(id),
            ..classify(&method, &url)
        });
    }
    Ok(out)
}

/// The requests a call sends: the call itself, or each request of a `$batch` body.
pub fn requests(call: &Call) -> Vec<Classified> {
    let is_batch =
        segments(&call.path).is_ok_and(|s| s.len() == 1 && s[0].eq_ignore_ascii_case("$batch"));
    if call.method == Method::POST && is_batch {
        return batch(call.body.as_ref()).unwrap_or_else(|why| {
            vec![Classified {
                item: None,
                method: "POST".into(),
                path: call.path.clone(),
                kind: Kind::Unreadable { why },
            }]
        });
    }
    vec![classify(call.method.as_str(), &call.relative())]
}

/// The changes `call` makes, each decided as what it does, to whom (the caller card read for
/// a person, so the blocking facts are known). A user the path names who does not exist is
/// exit 5 before anything is sent; what care cannot read is a refusal no override lifts, and
/// so is a batch that would change how more than one person signs in (`care bulk` does that,
/// approved and paced).
pub(super) async fn changes(
    door: &Door,
    call: &Call,
    authority: &Authority,
) -> Result<Vec<Change>, ChangeError> {
    let shown = format!("{} /{}/{}", call.method, call.version.as_str(), call.path);
    let overridden = matches!(authority, Authority::Call(a) if a.override_reason.is_some());
    let requests: Vec<Classified> = requests(call)
        .into_iter()
        .filter(Classified::is_change)
        .collect();
    let sign_in_changes = requests
        .iter()
        .filter(|r| match &r.kind {
            Kind::Command { action, .. } => action.checks_the_person(),
            Kind::SignIn { .. } => true,
            _ => false,
        })
        .count();
    let mut out = vec![];
    for request in requests {
        let detail = format!("send care api {} {}", request.method, request.path);
        let refuse = |reason: String, hint: &str, overridable: bool| Refusal {
            reason,
            hint: hint.into(),
            overridable,
            stop: false,
        };
        let (action, user, mut refusal) = match &request.kind {
            Kind::Read => continue,
            Kind::Unreadable { why } => (
                Action::ApiMethods,
                None,
                Some(refuse(
                    format!("care will not send {} {}: {why}", request.method, request.path),
                    "write the path plainly, as /users/{id}/authentication/…, one request a call or a batch care can read",
                    false,
                )),
            ),
            Kind::Command { action, user } => (*action, Some(user.clone()), None),
            Kind::SignIn { user } => (
                Action::ApiMethods,
                user.clone(),
                (!overridden).then(|| {
                    refuse(
                        format!(
                            "{} {} can change how someone signs in, in a way care cannot check",
                            request.method, request.path
                        ),
                        "use the care command that does it (passcode issue, phone set, method remove, …); if none does, --override \"REASON\" sends it as it is (the reason is recorded)",
                        true,
                    )
                }),
            ),
            Kind::Other { user } => (Action::ApiWrite, user.clone(), None),
        };
        if sign_in_changes > 1 && refusal.is_none() {
            refusal = Some(refuse(
                format!("the batch would change how {sign_in_changes} people sign in at once"),
                "one change to how someone signs in a request; many at once are a bulk job (care bulk), approved and paced",
                false,
            ));
        }
        let subject = match user {
            Some(key) => subject(door, &key, action.checks_the_person()).await?,
            None => Subject::nobody(&format!("(not a user: {shown})")),
        };
        if refusal.is_none() && action == Action::PhoneSet {
            refusal = phone_rule(door, call, &request, &subject);
        }
        out.push(Change {
            action,
            subject,
            write: Write::Api {
                call: call.clone(),
                item: request.item.clone(),
            },
            detail,
            refusal,
            notes: vec![],
        });
    }
    Ok(out)
}

/// A phone written through `care api` meets the rules `phone set` does: never a line that
/// rings a call queue, never a copy of the user's other phone.
fn phone_rule(
    door: &Door,
    call: &Call,
    request: &Classified,
    subject: &Subject,
) -> Option<Refusal> {
    let body = match &request.item {
        None => call.body.clone(),
        Some(id) => batch(call.body.as_ref()).ok().and_then(|_| {
            call.body
                .as_ref()?
                .get("requests")?
                .as_array()?
                .iter()
                .find(|r| r.get("id").and_then(Value::as_str) == Some(id))?
                .get("body")
                .cloned()
        }),
    }?;
    use crate::graph::model::{AuthMethod, PhoneType};
    let number = body.get("phoneNumber")?.as_str()?;
    let number = crate::ops::phone::normalize(number, &door.region).ok()?;
    // the phone written: by the id in the path, or the type in the body
    let id = request
        .path
        .split('?')
        .next()?
        .rsplit('/')
        .next()?
        .to_ascii_lowercase();
    let kind = body.get("phoneType").and_then(Value::as_str);
    let others: Vec<(PhoneType, String)> = subject
        .methods
        .iter()
        .flatten()
        .filter_map(|m| match m {
            AuthMethod::Phone(p)
                if p.id.to_ascii_lowercase() != id
                    && kind.is_none_or(|k| {
                        !k.eq_ignore_ascii_case(&format!("{:?}", p.phone_type))
                    }) =>
            {
                Some((p.phone_type, p.phone_number.clone()))
            }
            _ => None,
        })
        .collect();
    super::rules::phone_refusal(
        &door.guard.policy.shared_lines(),
        &number,
        &others,
        &door.region,
    )
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
        return Ok(Subject::of(&card, &door.guard));
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
        // QR code + PIN and key fobs are changes the commands make too
        for (method, path, action) in [
            (
                "PUT",
                "users/x/authentication/qrCodePinMethod",
                Action::QrIssue,
            ),
            (
                "DELETE",
                "users/x/authentication/qrCodePinMethod",
                Action::QrRemove,
            ),
            (
                "PATCH",
                "users/x/authentication/qrCodePinMethod/temporaryQRCode",
                Action::QrTemporary,
            ),
            (
                "PATCH",
                "users/x/authentication/qrCodePinMethod/pin",
                Action::QrPinReset,
            ),
            (
                "POST",
                "users/x/authentication/hardwareOathMethods",
                Action::FobAssign,
            ),
            (
                "POST",
                "users/x/authentication/hardwareOathMethods/assignAndActivateBySerialNumber",
                Action::FobActivate,
            ),
            (
                "POST",
                "users/x/authentication/hardwareOathMethods/d1/activate",
                Action::FobActivate,
            ),
            (
                "DELETE",
                "users/x/authentication/hardwareOathMethods/d1",
                Action::FobUnassign,
            ),
        ] {
            assert_eq!(kind(method, path), cmd(action, "x"), "{method} {path}");
        }
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
    fn other_writes_that_change_how_someone_signs_in_and_plain_writes() {
        let sign_in = |user: Option<&str>| Kind::SignIn {
            user: user.map(str::to_owned),
        };
        assert_eq!(
            kind("POST", "users/x/authentication/fido2Methods"),
            sign_in(Some("x"))
        );
        assert_eq!(
            kind(
                "PATCH",
                "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass"
            ),
            sign_in(None)
        );
        // the account itself: its password, whether it is enabled
        assert_eq!(kind("PATCH", "users/x"), sign_in(Some("x")));
        assert_eq!(
            kind("POST", "roleManagement/directory/roleAssignments"),
            sign_in(None)
        );
        assert_eq!(
            kind("POST", "groups/g/members/$ref"),
            Kind::Other { user: None }
        );
        assert_eq!(kind("GET", "users/x/authentication/methods"), Kind::Read);
    }

    #[test]
    fn what_care_cannot_read_plainly_is_refused() {
        for path in [
            "users/x/../../users/admin@d/authentication/temporaryAccessPassMethods",
            "users\\x\\authentication\\temporaryAccessPassMethods",
            "users%2Fx%2Fauthentication%2FtemporaryAccessPassMethods",
            "users/x/authentication/temporaryAccessPassMethods#frag",
            "https://graph.microsoft.com/v1.0/users/x/authentication/temporaryAccessPassMethods",
            "users('x')/authentication/temporaryAccessPassMethods",
            "users//x/authentication/temporaryAccessPassMethods",
            "%24batch",
        ] {
            assert!(
                matches!(kind("POST", path), Kind::Unreadable { .. }),
                "{path}: {:?}",
                kind("POST", path)
            );
        }
        assert!(matches!(kind("BREW", "users/x"), Kind::Unreadable { .. }));
    }

    #[test]
    fn a_batch_care_cannot_parse_is_refused() {
        let batch = |body: serde_json::Value| requests(&Call::post("$batch").body(body));
        // keys in any case are read
        let upper = batch(serde_json::json!({"Requests": [
            {"ID": "1", "Method": "POST", "URL": "/users/raj/authentication/temporaryAccessPassMethods"},
        ]}));
        assert_eq!(
            upper[0].kind,
            Kind::Command {
                action: Action::PassIssue,
                user: "raj".into()
            }
        );
        for body in [
            serde_json::json!({"requests": [{"id": "1", "url": "/users/raj/authentication/temporaryAccessPassMethods"}]}),
            serde_json::json!({"requests": [{"id": "1", "method": "GET", "url": "/users"}, {"id": "1", "method": "GET", "url": "/users"}]}),
            serde_json::json!({"requests": [{"id": 1, "method": "GET", "url": "/users"}]}),
            serde_json::json!({"requests": [{"id": "1", "method": "POST", "url": "/$batch"}]}),
            // a key twice, in two cases: which one would Graph read?
            serde_json::json!({"requests": [{"id": "1", "method": "GET", "Method": "POST", "url": "/users"}]}),
            serde_json::json!({"nothing": []}),
        ] {
            let all = batch(body.clone());
            assert!(
                all.iter()
                    .any(|r| matches!(r.kind, Kind::Unreadable { .. })),
                "{body}: {all:?}"
            );
        }
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
