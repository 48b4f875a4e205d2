//! The caller card: who the caller is, their methods, registration, pass, recent failures, and
//! the warnings an agent must not miss, fetched in one `$batch` round trip.

use super::resolve::is_guid;
use crate::graph::client::{GraphClient, GraphError, Version};
use crate::graph::encode::UserRef;
use crate::graph::model::{
    AuthMethod, Collection, MethodKind, PhoneType, SignIn, TapMethod, User, UserRegistrationDetails,
};
use crate::graph::{logs, methods, users};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// The day Microsoft-provided SMS and voice MFA retire.
pub const SMS_VOICE_RETIREMENT: &str = "2027-02-01";

/// One method as `care` shows it (the `-o json` field names are stable).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MethodView {
    /// phone, authenticator, passkey, windows-hello, oath, email, tap, password, or the
    /// Graph type for a kind care does not know.
    pub kind: String,
    pub id: String,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_type: Option<PhoneType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    pub created_date_time: Option<String>,
    pub odata_type: String,
}

impl MethodView {
    pub fn of(m: &AuthMethod) -> MethodView {
        let kind = m.kind().map(|k| k.name().to_string()).unwrap_or_else(|| {
            m.odata_type()
                .trim_start_matches("#microsoft.graph.")
                .to_string()
        });
        let mut v = MethodView {
            kind,
            id: m.id().to_string(),
            detail: String::new(),
            phone_type: None,
            phone_number: None,
            created_date_time: m.created().map(str::to_owned),
            odata_type: m.odata_type().to_string(),
        };
        v.detail = match m {
            AuthMethod::Password(_) => "password".into(),
            AuthMethod::Phone(p) => {
                v.phone_type = Some(p.phone_type);
                v.phone_number = Some(p.phone_number.clone());
                let sms = if p.sms_sign_in_state.as_deref() == Some("ready") {
                    ", SMS sign-in on"
                } else {
                    ""
                };
                let label = match p.phone_type {
                    PhoneType::Mobile => "mobile (SMS and voice)",
                    PhoneType::AlternateMobile => "alternate mobile (voice)",
                    PhoneType::Office => "office phone (voice only)",
                    PhoneType::Unknown => "phone",
                };
                format!("{} {label}{sms}", p.phone_number)
            }
            AuthMethod::Email(e) => format!(
                "{} (self-service password reset only)",
                e.email_address.as_deref().unwrap_or("email")
            ),
            AuthMethod::Fido2(f) => format!(
                "passkey {}{}",
                f.model.as_deref().unwrap_or("(unknown model)"),
                f.display_name
                    .as_deref()
                    .map(|n| format!(" \"{n}\""))
                    .unwrap_or_default()
            ),
            AuthMethod::Authenticator(a) => format!(
                "Microsoft Authenticator on {}{}",
                a.display_name.as_deref().unwrap_or("a phone"),
                a.phone_app_version
                    .as_deref()
                    .map(|v| format!(", app {v}"))
                    .unwrap_or_default()
            ),
            AuthMethod::SoftwareOath(_) => "authenticator app code (software OATH)".into(),
            AuthMethod::WindowsHello(w) => format!(
                "Windows Hello on {}",
                w.display_name.as_deref().unwrap_or("a PC")
            ),
            AuthMethod::TemporaryAccessPass(t) => {
                format!("Temporary Access Pass, {}", pass_state(t))
            }
            AuthMethod::Other { odata_type, .. } => odata_type
                .trim_start_matches("#microsoft.graph.")
                .to_string(),
        };
        v
    }
}

pub fn pass_state(t: &TapMethod) -> String {
    let once = if t.is_usable_once == Some(true) {
        "one-time"
    } else {
        "multi-use"
    };
    match (t.is_usable, t.method_usability_reason.as_deref()) {
        (Some(true), _) => format!("usable ({once})"),
        (_, Some(reason)) => format!("not usable: {}", reason_words(reason)),
        _ => format!("state unknown ({once})"),
    }
}

fn reason_words(reason: &str) -> &str {
    match reason {
        "Expired" => "expired",
        "NotYetValid" => "not valid yet",
        "OneTimeUsed" => "already used",
        "DisabledByPolicy" => "disabled by policy",
        other => other,
    }
}

/// When a pass was created.
pub fn pass_created(t: &TapMethod) -> Option<Timestamp> {
    t.created_date_time.as_deref()?.parse().ok()
}

/// When a pass stops being usable (none for a start and lifetime past the end of time).
pub fn pass_expiry(t: &TapMethod) -> Option<Timestamp> {
    let start: Timestamp = t.start_date_time.as_deref()?.parse().ok()?;
    start
        .checked_add(SignedDuration::try_from_mins(t.lifetime_in_minutes?)?)
        .ok()
}

#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// A part of the card that could not be fetched is shown as unavailable, with the reason.
pub type Part<T> = Result<T, String>;

pub struct Card {
    pub user: User,
    pub methods: Part<Vec<AuthMethod>>,
    pub registration: Part<Option<UserRegistrationDetails>>,
    pub signins: Part<Vec<SignIn>>,
}

/// How far back the card looks for sign-in failures.
pub const FAILURE_WINDOW_DAYS: i64 = 7;

fn short_reason(e: &GraphError) -> String {
    match e {
        GraphError::Api(f) => format!("{} ({})", f.message, f.code),
        other => other.to_string(),
    }
}

/// Fetches the card in one batch. `None` when the user does not exist.
pub async fn fetch(
    graph: &GraphClient,
    key: &UserRef,
    now: Timestamp,
) -> Result<Option<Card>, GraphError> {
    let is_id = is_guid(key.as_str());
    let since = now - SignedDuration::from_hours(24 * FAILURE_WINDOW_DAYS);
    let calls = vec![
        users::get_call(key),
        methods::list_call(key),
        logs::registration_call(key.as_str(), is_id),
        logs::signins_call(
            Version::V1,
            &logs::signin_user_filter(is_id.then_some(key.as_str()), key.as_str()),
            since,
            50,
        ),
    ];
    let mut results = graph.batch(&calls).await?.into_iter();
    let mut next = || {
        results.next().unwrap_or_else(|| {
            Err(GraphError::Decode {
                request: "$batch".into(),
                detail: "missing response".into(),
            })
        })
    };
    let user: User = match next() {
        Ok(r) => r.json()?,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    let methods = next()
        .and_then(|r| r.json::<Collection<AuthMethod>>())
        .map(|c| c.value)
        .map_err(|e| short_reason(&e));
    let registration = next()
        .and_then(|r| {
            if is_id {
                r.json::<UserRegistrationDetails>().map(Some)
            } else {
                r.json::<Collection<UserRegistrationDetails>>()
                    .map(|c| c.value.into_iter().next())
            }
        })
        .map_err(|e| short_reason(&e));
    let signins = next()
        .and_then(|r| r.json::<Collection<SignIn>>())
        .map(|c| c.value)
        .map_err(|e| short_reason(&e));
    Ok(Some(Card {
        user,
        methods,
        registration,
        signins,
    }))
}

impl Card {
    pub fn pass(&self) -> Option<&TapMethod> {
        self.methods.as_ref().ok()?.iter().find_map(|m| match m {
            AuthMethod::TemporaryAccessPass(t) => Some(t),
            _ => None,
        })
    }

    pub fn failures(&self) -> Vec<&SignIn> {
        match &self.signins {
            Ok(s) => s.iter().filter(|s| s.status.error_code != 0).collect(),
            Err(_) => vec![],
        }
    }

    /// Several MFA prompts denied or left unanswered within minutes, from more than one
    /// place: push fatigue, or someone else holding the password. `None` when nothing like it.
    pub fn fatigue(&self) -> Option<String> {
        const WINDOW_MINUTES: i64 = 15;
        const PROMPTS: usize = 3;
        let mut failed: Vec<(Timestamp, &SignIn)> = self
            .failures()
            .into_iter()
            .filter(|s| matches!(s.status.error_code, 500121 | 50074 | 50076 | 50158))
            .filter_map(|s| Some((s.created_date_time.parse().ok()?, s)))
            .collect();
        failed.sort_by_key(|(t, _)| *t);
        for start in 0..failed.len() {
            let end = failed[start].0 + SignedDuration::from_mins(WINDOW_MINUTES);
            let within: Vec<&(Timestamp, &SignIn)> = failed[start..]
                .iter()
                .take_while(|(t, _)| *t <= end)
                .collect();
            let places: std::collections::BTreeSet<String> = within
                .iter()
                .map(|(_, s)| {
                    s.location
                        .city
                        .clone()
                        .or_else(|| s.ip_address.clone())
                        .unwrap_or_default()
                })
                .collect();
            if within.len() >= PROMPTS && places.len() >= 2 {
                let minutes = (within[within.len() - 1].0 - within[0].0).as_mins();
                return Some(format!(
                    "{} MFA prompts denied or not answered within {} minutes, from {}",
                    within.len(),
                    minutes.max(1),
                    places
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        None
    }

    /// The warnings an agent must not miss.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = vec![];
        let mut warn = |code: &'static str, message: String| out.push(Warning { code, message });
        if self.user.account_enabled == Some(false) {
            warn("account-disabled", "the account is disabled: no MFA fix will let them sign in; check with HR or the user's school before enabling it".into());
        }
        if self.user.user_type.as_deref() == Some("Guest") {
            warn(
                "guest",
                "a B2B guest: they sign in and register MFA at their home organisation, not here"
                    .into(),
            );
        }
        if let Ok(methods) = &self.methods {
            let mfa: Vec<&AuthMethod> = methods
                .iter()
                .filter(|m| m.kind().is_some_and(MethodKind::is_mfa))
                .collect();
            let phones: Vec<PhoneType> = methods
                .iter()
                .filter_map(|m| match m {
                    AuthMethod::Phone(p) => Some(p.phone_type),
                    _ => None,
                })
                .collect();
            if mfa.is_empty() {
                warn("no-mfa-method", "no MFA method registered: issue a pass and have them register at https://aka.ms/mfasetup".into());
            } else if mfa.len() == phones.len() && phones.iter().all(|t| *t == PhoneType::Office) {
                warn("office-phone-only", "their only MFA method is an office phone: they cannot authenticate away from the building".into());
            } else if mfa.len() == phones.len() {
                warn(
                    "phone-only",
                    format!(
                        "only SMS/voice methods: Microsoft-provided SMS and voice MFA retire on {SMS_VOICE_RETIREMENT}; after that they need a passkey or the Authenticator app"
                    ),
                );
            }
            if !mfa.is_empty() && phones.len() < 2 {
                warn("no-second-phone", "no second phone number: the FAQ asks staff to keep one in case they lose their phone".into());
            }
        }
        if let Ok(Some(reg)) = &self.registration
            && reg.is_admin == Some(true)
        {
            warn("admin-target", "holds an admin role: changing their methods needs a Privileged Authentication Administrator".into());
        }
        if let Some(f) = self.fatigue() {
            warn(
                "mfa-fatigue",
                format!(
                    "{f}: push fatigue, or someone else has the password; verify the caller by calling back a number on file before any change"
                ),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::{PHONE_OFFICE_ID, PhoneMethod};

    fn card(methods: Vec<AuthMethod>, enabled: bool) -> Card {
        Card {
            user: User {
                account_enabled: Some(enabled),
                ..Default::default()
            },
            methods: Ok(methods),
            registration: Ok(None),
            signins: Ok(vec![]),
        }
    }

    fn office() -> AuthMethod {
        AuthMethod::Phone(PhoneMethod {
            id: PHONE_OFFICE_ID.into(),
            phone_number: "+1 5024853552x12".into(),
            phone_type: PhoneType::Office,
            sms_sign_in_state: Some("notSupported".into()),
        })
    }

    #[test]
    fn warnings_name_what_matters() {
        let codes = |c: &Card| c.warnings().iter().map(|w| w.code).collect::<Vec<_>>();
        assert_eq!(
            codes(&card(vec![], false)),
            vec!["account-disabled", "no-mfa-method"]
        );
        assert_eq!(
            codes(&card(vec![office()], true)),
            vec!["office-phone-only", "no-second-phone"]
        );
    }

    #[test]
    fn views_describe_methods() {
        let v = MethodView::of(&office());
        assert_eq!(v.kind, "phone");
        assert!(v.detail.contains("office phone"), "{}", v.detail);
        assert_eq!(v.phone_type, Some(PhoneType::Office));
    }
}
