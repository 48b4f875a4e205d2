//! The caller card: who the caller is, their methods, registration, pass, recent failures, and
//! the warnings an agent must not miss, fetched in one `$batch` round trip.

use super::flags;
use super::readiness;
use super::resolve::is_guid;
pub use super::signin::place;
use super::signin::span_words;
use crate::graph::client::{Call, GraphClient, GraphError, Reply, Version};
use crate::graph::encode::UserRef;
use crate::graph::model::{
    AuthMethod, Collection, DirectoryAudit, MethodKind, PhoneType, RiskDetection, RiskyUser,
    SignIn, TapMethod, User, UserRegistrationDetails,
};
use crate::graph::{logs, methods, users};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

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
    /// The method in plain words; a phone number is read in `region` (none: Graph's form).
    pub fn of(m: &AuthMethod, region: Option<&str>) -> MethodView {
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
                let number = match region {
                    Some(r) => super::phone::display(&p.phone_number, r),
                    None => p.phone_number.clone(),
                };
                format!("{number} {label}{sms}")
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
            AuthMethod::Other {
                odata_type, raw, ..
            } => match odata_type.as_str() {
                "#microsoft.graph.hardwareOathAuthenticationMethod" => {
                    v.kind = "key-fob".into();
                    let d = &raw["device"];
                    format!(
                        "key fob {} ({}), {}",
                        d["serialNumber"].as_str().unwrap_or("?"),
                        d["model"].as_str().unwrap_or("hardware OATH"),
                        d["status"].as_str().unwrap_or("state unknown")
                    )
                }
                "#microsoft.graph.qrCodePinAuthenticationMethod" => {
                    v.kind = "qr-code".into();
                    match raw["standardQRCode"]["expireDateTime"].as_str() {
                        Some(until) => format!(
                            "QR code + PIN badge, valid until {}",
                            crate::output::local_time(until)
                        ),
                        None => "QR code + PIN, no badge".into(),
                    }
                }
                other => other.trim_start_matches("#microsoft.graph.").to_string(),
            },
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
        (_, Some(reason)) => format!("not usable: {}", super::words::plain(reason)),
        _ => format!("state unknown ({once})"),
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

pub use super::flags::Warning;

/// A part of the card that could not be fetched is shown as unavailable, with the reason.
pub use super::flags::Part;

#[derive(Clone)]
pub struct Card {
    pub user: User,
    pub methods: Part<Vec<AuthMethod>>,
    pub registration: Part<Option<UserRegistrationDetails>>,
    pub signins: Part<Vec<SignIn>>,
    /// Their entry in Identity Protection's risky users (`None`: never at risk).
    pub risky: Part<Option<RiskyUser>>,
    /// Prompts they reported as suspicious (Identity Protection), the last 30 days.
    pub reports: Part<Vec<RiskDetection>>,
    /// Changes to them in the tenant's audit log, the last 14 days.
    pub audits: Part<Vec<DirectoryAudit>>,
}

/// What a card for a bulk row leaves out.
const NOT_READ: &str = "not read for a bulk row";

/// How far back the card looks for sign-in failures.
pub const FAILURE_WINDOW_DAYS: i64 = 7;

fn short_reason(e: &GraphError) -> String {
    match e {
        GraphError::Api(f) => format!("{} ({})", f.message, f.code),
        other => other.to_string(),
    }
}

/// The reads of a card, for one `$batch`: the user, their methods, their registration, their
/// risk and (unless `signins` is false: a bulk row needs none of them) their recent sign-ins,
/// the prompts they reported and the changes others made to them.
pub fn calls(key: &UserRef, now: Timestamp, signins: bool) -> Vec<Call> {
    let is_id = is_guid(key.as_str());
    let days = |d: i64| now - SignedDuration::from_hours(24 * d);
    let mut calls = vec![
        users::get_call(key),
        methods::list_call(key),
        logs::registration_call(key.as_str(), is_id),
        logs::risky_user_call(key.as_str(), is_id),
    ];
    if signins {
        calls.push(logs::signins_call(
            Version::V1,
            &logs::signin_user_filter(is_id.then_some(key.as_str()), key.as_str()),
            days(FAILURE_WINDOW_DAYS),
            50,
        ));
        calls.push(logs::suspicious_reports_call(
            key.as_str(),
            is_id,
            days(flags::REPORT_DAYS),
        ));
        calls.push(logs::audits_of_call(
            key.as_str(),
            is_id,
            days(flags::CHANGED_DAYS),
        ));
    }
    calls
}

/// The card from the answers to [`calls`] (in order). `None` when the user does not exist.
pub fn from_replies(
    key: &UserRef,
    replies: impl IntoIterator<Item = Result<Reply, GraphError>>,
) -> Result<Option<Card>, GraphError> {
    let is_id = is_guid(key.as_str());
    let mut results = replies.into_iter();
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
    let risky = next()
        .and_then(|r| r.json::<Collection<RiskyUser>>())
        .map(|c| c.value.into_iter().next())
        .map_err(|e| short_reason(&e));
    let signins = list(results.next());
    let reports = list(results.next());
    let audits = list(results.next());
    Ok(Some(Card {
        user,
        methods,
        registration,
        signins,
        risky,
        reports,
        audits,
    }))
}

/// A list part of the card: its items, why it could not be read, or that it was not asked for.
fn list<T: serde::de::DeserializeOwned>(reply: Option<Result<Reply, GraphError>>) -> Part<Vec<T>> {
    match reply {
        None => Err(NOT_READ.into()),
        Some(r) => r
            .and_then(|r| r.json::<Collection<T>>())
            .map(|c| c.value)
            .map_err(|e| short_reason(&e)),
    }
}

/// Fetches the card in one batch. `None` when the user does not exist.
pub async fn fetch(
    graph: &GraphClient,
    key: &UserRef,
    now: Timestamp,
) -> Result<Option<Card>, GraphError> {
    from_replies(key, graph.batch(&calls(key, now, true)).await?)
}

impl Card {
    pub fn pass(&self) -> Option<&TapMethod> {
        self.methods.as_ref().ok()?.iter().find_map(|m| match m {
            AuthMethod::TemporaryAccessPass(t) => Some(t),
            _ => None,
        })
    }

    /// Passes they got since `since`: the pass on file, or the passes the tenant's audit log
    /// shows (any agent, any machine), whichever says more.
    pub fn passes_since(&self, since: Timestamp) -> u32 {
        let on_file = self
            .pass()
            .and_then(pass_created)
            .is_some_and(|t| t >= since) as u32;
        let logged = self.audits.as_ref().map_or(0, |a| {
            a.iter()
                .filter(|a| a.is_pass_created())
                .filter(|a| {
                    a.activity_date_time
                        .parse::<Timestamp>()
                        .is_ok_and(|t| t >= since)
                })
                .count() as u32
        });
        on_file.max(logged)
    }

    pub fn failures(&self) -> Vec<&SignIn> {
        match &self.signins {
            Ok(s) => s.iter().filter(|s| s.status.error_code != 0).collect(),
            Err(_) => vec![],
        }
    }

    /// The sign-ins of the window, oldest first, with their times.
    fn timeline(&self) -> Vec<(Timestamp, &SignIn)> {
        let mut all: Vec<(Timestamp, &SignIn)> = match &self.signins {
            Ok(s) => s
                .iter()
                .filter_map(|s| Some((s.created_date_time.parse().ok()?, s)))
                .collect(),
            Err(_) => vec![],
        };
        all.sort_by_key(|(t, _)| *t);
        all
    }

    /// Several MFA prompts denied or left unanswered within minutes: push fatigue, or someone
    /// else holding the password. `None` when nothing like it.
    pub fn fatigue(&self, countries: &[String]) -> Option<String> {
        const WINDOW_MINUTES: i64 = 15;
        const PROMPTS: usize = 3;
        const MANY: usize = 5;
        let denied: Vec<(Timestamp, &SignIn)> = self
            .timeline()
            .into_iter()
            .filter(|(_, s)| s.status.error_code == 500121)
            .collect();
        for start in 0..denied.len() {
            let end = denied[start].0 + SignedDuration::from_mins(WINDOW_MINUTES);
            let within: Vec<&(Timestamp, &SignIn)> = denied[start..]
                .iter()
                .take_while(|(t, _)| *t <= end)
                .collect();
            let places: std::collections::BTreeSet<String> =
                within.iter().map(|(_, s)| place(s)).collect();
            // three fumbled codes at one's own desk are not an attack: prompts from more than one
            // place, from abroad, or many of them
            let abroad = within.iter().any(|(_, s)| {
                s.location
                    .country_or_region
                    .as_deref()
                    .is_some_and(|c| !countries.iter().any(|h| h.eq_ignore_ascii_case(c)))
            });
            if within.len() >= MANY || (within.len() >= PROMPTS && (places.len() >= 2 || abroad)) {
                let minutes = (within[within.len() - 1].0 - within[0].0).as_mins();
                return Some(format!(
                    "{} MFA prompts denied or not answered within {} minutes, from {}",
                    within.len(),
                    minutes.max(1),
                    places.into_iter().collect::<Vec<_>>().join("; ")
                ));
            }
        }
        None
    }

    /// Two sign-ins from places too far apart to travel between in the time between them.
    pub fn impossible_travel(&self) -> Option<String> {
        let all = self.timeline();
        all.windows(2).find_map(|w| {
            let ((t1, a), (t2, b)) = (w[0], w[1]);
            let hours = (t2 - t1).as_secs_f64() / 3600.0;
            let far = match (coordinates(a), coordinates(b)) {
                (Some(x), Some(y)) => {
                    let km = distance_km(x, y);
                    // farther than a drive across the district's region, faster than a plane
                    km > 500.0 && km / hours.max(1.0 / 60.0) > 900.0
                }
                // without coordinates: two countries within two hours
                _ => {
                    let (ca, cb) = (
                        a.location.country_or_region.as_deref(),
                        b.location.country_or_region.as_deref(),
                    );
                    ca.is_some() && cb.is_some() && ca != cb && hours <= 2.0
                }
            };
            far.then(|| {
                format!(
                    "signed in from {} and then from {} {} later",
                    place(a),
                    place(b),
                    span_words(t2 - t1)
                )
            })
        })
    }

    /// A sign-in Conditional Access blocked from a country the district's staff do not use.
    pub fn blocked_abroad(&self, countries: &[String]) -> Option<String> {
        let (_, s) = self.timeline().into_iter().rev().find(|(_, s)| {
            s.status.error_code == 53003
                && s.location
                    .country_or_region
                    .as_deref()
                    .is_some_and(|c| !countries.iter().any(|h| h.eq_ignore_ascii_case(c)))
        })?;
        Some(format!(
            "Conditional Access blocked a sign-in from {}, outside the district's countries ({})",
            place(s),
            countries.join(", ")
        ))
    }

    fn failed_with(&self, what: impl Fn(&SignIn) -> bool) -> usize {
        self.failures().into_iter().filter(|s| what(s)).count()
    }

    /// The warnings an agent must not miss, blocking ones first; `countries` are where the
    /// district's staff sign in from, `me` names the agent (see [`flags::Seen::red_flags`]).
    pub fn warnings(&self, countries: &[String], me: &[&str]) -> Vec<Warning> {
        use super::faq::MFA_SETUP;
        let mut out = vec![];
        let mut warn = |code: &'static str,
                        blocking: bool,
                        message: String,
                        hint: String,
                        faq: Option<&'static str>| {
            out.push(Warning {
                code,
                message,
                blocking,
                hint,
                faq,
            })
        };
        const CALL_BACK: &str = "verify the caller by calling back a number on file before any change; if they did not try to sign in, revoke their sessions (care session revoke) and have the password reset";
        if self.user.account_enabled == Some(false) {
            warn(
                "account-disabled",
                true,
                "the account is disabled: no MFA fix will let them sign in".into(),
                "check with HR or the user's school before enabling it".into(),
                None,
            );
        }
        if self.user.user_type.as_deref() == Some("Guest") {
            warn(
                "guest",
                true,
                "a B2B guest: they sign in and register MFA at their home organisation, not here"
                    .into(),
                "send them to their own organisation's help desk".into(),
                None,
            );
        }
        let fatigue = self.fatigue(countries);
        if let Some(f) = &fatigue {
            warn(
                "mfa-fatigue",
                true,
                format!("{f}: push fatigue, or someone else has the password"),
                format!("{CALL_BACK}; tell them never to approve a prompt they did not start"),
                None,
            );
        }
        if let Some(t) = self.impossible_travel() {
            warn(
                "impossible-travel",
                true,
                format!("{t}: nobody travels that fast; someone else may have the password"),
                CALL_BACK.into(),
                None,
            );
        }
        if let Some(b) = self.blocked_abroad(countries) {
            warn(
                "blocked-abroad",
                true,
                b,
                format!("ask whether they are travelling; if not, {CALL_BACK}"),
                None,
            );
        }
        if let Ok(Some(reg)) = &self.registration
            && reg.is_admin == Some(true)
        {
            warn(
                "admin-target",
                true,
                "holds an admin role: changing their methods needs a Privileged Authentication Administrator".into(),
                "escalate to a Privileged Authentication Administrator".into(),
                None,
            );
        }
        if let Ok(methods) = &self.methods {
            // a key fob is MFA too (Graph beta's type, which the method kinds do not name)
            let mfa: Vec<&AuthMethod> = methods
                .iter()
                .filter(|m| {
                    m.kind().is_some_and(MethodKind::is_mfa)
                        || m.odata_type() == "#microsoft.graph.hardwareOathAuthenticationMethod"
                })
                .collect();
            let phones: Vec<PhoneType> = methods
                .iter()
                .filter_map(|m| match m {
                    AuthMethod::Phone(p) => Some(p.phone_type),
                    _ => None,
                })
                .collect();
            let has_app = methods.iter().any(|m| {
                matches!(
                    m,
                    AuthMethod::Authenticator(_) | AuthMethod::SoftwareOath(_)
                )
            });
            if mfa.is_empty() {
                warn(
                    "no-mfa-method",
                    false,
                    "no MFA method registered".into(),
                    format!("issue a pass and have them register at {MFA_SETUP}"),
                    Some("lost-phone"),
                );
            } else if mfa.len() == phones.len() {
                // what happens to them at the SMS/voice cut-over, and what to offer now
                let today = jiff::ZonedDateTime::now().date();
                let cutover = format!(
                    "Microsoft-provided SMS and voice MFA end {}, and then their sign-in stops until they register a passkey",
                    readiness::when(today)
                );
                let has_mobile = phones.iter().any(|t| *t != PhoneType::Office);
                let offer = format!(
                    "offer now {}, or they add the Authenticator app themselves at {MFA_SETUP}",
                    readiness::NextStep::of(&self.user, has_mobile).offer()
                );
                if has_mobile {
                    let second = if phones.len() < 2 {
                        " and no second phone number"
                    } else {
                        ""
                    };
                    warn(
                        "phone-only",
                        false,
                        format!("only SMS/voice{second}: {cutover}"),
                        offer,
                        None,
                    );
                } else {
                    warn(
                        "office-phone-only",
                        false,
                        format!(
                            "their only MFA method is an office phone: they cannot sign in away from the building; {cutover}"
                        ),
                        offer,
                        Some("office-phone"),
                    );
                }
            }
            let unanswered =
                self.failed_with(|s| s.status.error_code == 500121 && !flags::reported_as_fraud(s));
            let desk_only = !mfa.is_empty()
                && mfa.len() == phones.len()
                && phones.iter().all(|t| *t == PhoneType::Office);
            if unanswered > 0 && !mfa.is_empty() && fatigue.is_none() {
                let plural = if unanswered == 1 { "" } else { "s" };
                warn(
                    "prompt-not-completed",
                    false,
                    format!(
                        "{unanswered} MFA prompt{plural} not completed in the last {FAILURE_WINDOW_DAYS} days"
                    ),
                    if desk_only {
                        "a call to the desk phone rings only at the desk; away from it, issue a pass (care passcode issue)".into()
                    } else if has_app {
                        "no signal? the Authenticator app's 6-digit code works offline ('Use a verification code'); phone not with them? issue a pass (care passcode issue)".into()
                    } else {
                        format!(
                            "no signal? the Authenticator app's code works offline, added at {MFA_SETUP}; phone not with them? issue a pass (care passcode issue)"
                        )
                    },
                    Some("no-signal"),
                );
            }
        }
        let activesync = |wrong_password: bool| {
            self.failed_with(|s| {
                s.client_app_used.as_deref() == Some("Exchange ActiveSync")
                    && (s.status.error_code == 50126) == wrong_password
            })
        };
        let stale = activesync(true);
        if stale > 0 {
            warn(
                "activesync-old-password",
                false,
                format!("{stale} sign-in(s) from a phone's own mail app (Exchange ActiveSync) with a wrong password"),
                "the phone's mail app still has an old password: they update it in the phone's mail settings (or use the Outlook app)".into(),
                Some("native-mail"),
            );
        }
        let activesync = activesync(false);
        if activesync > 0 {
            warn(
                "activesync-failed",
                false,
                format!("{activesync} sign-in(s) from a phone's own mail app (Exchange ActiveSync) failed"),
                "with the latest iOS or Android the phone's mail app works; otherwise update it or use the Outlook app".into(),
                Some("native-mail"),
            );
        }
        let seen = flags::Seen {
            user_id: &self.user.id,
            signins: &self.signins,
            risky: &self.risky,
            reports: &self.reports,
            audits: &self.audits,
        };
        out.extend(seen.red_flags(me, Timestamp::now()));
        // blocking first, each group in the order above
        out.sort_by_key(|w| !w.blocking);
        out
    }
}

fn coordinates(s: &SignIn) -> Option<(f64, f64)> {
    let g = s.location.geo_coordinates?;
    Some((g.latitude?, g.longitude?))
}

/// The great-circle distance between two points (haversine, Earth radius 6371 km).
fn distance_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
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
            risky: Ok(None),
            reports: Ok(vec![]),
            audits: Ok(vec![]),
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

    fn signin(minutes_ago: i64, code: i64, city: &str, country: &str, at: (f64, f64)) -> SignIn {
        let now: Timestamp = "2026-11-28T12:00:00Z".parse().unwrap();
        SignIn {
            created_date_time: (now - SignedDuration::from_mins(minutes_ago)).to_string(),
            status: crate::graph::model::SignInStatus {
                error_code: code,
                ..Default::default()
            },
            location: crate::graph::model::SignInLocation {
                city: Some(city.into()),
                country_or_region: Some(country.into()),
                geo_coordinates: Some(crate::graph::model::GeoCoordinates {
                    altitude: None,
                    latitude: Some(at.0),
                    longitude: Some(at.1),
                }),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    const LOUISVILLE: (f64, f64) = (38.25, -85.76);
    const CINCINNATI: (f64, f64) = (39.10, -84.51);
    const BUCHAREST: (f64, f64) = (44.43, 26.10);

    #[test]
    fn warnings_name_what_matters() {
        let us = ["US".to_string()];
        let codes = |c: &Card| {
            c.warnings(&us, &[])
                .iter()
                .map(|w| w.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(&card(vec![], false)),
            vec!["account-disabled", "no-mfa-method"]
        );
        assert_eq!(
            codes(&card(vec![office()], true)),
            vec!["office-phone-only"]
        );
        // blocking first, whatever the order found
        let mut c = card(vec![], true);
        c.signins = Ok(vec![
            signin(180, 0, "Louisville", "US", LOUISVILLE),
            signin(30, 500121, "Bucharest", "RO", BUCHAREST),
            signin(26, 500121, "Bucharest", "RO", BUCHAREST),
            signin(22, 500121, "Bucharest", "RO", BUCHAREST),
            signin(10, 53003, "Bucharest", "RO", BUCHAREST),
        ]);
        assert_eq!(
            codes(&c),
            vec![
                "mfa-fatigue",
                "impossible-travel",
                "blocked-abroad",
                "no-mfa-method"
            ]
        );
        let w = c.warnings(&us, &[]);
        assert!(
            w[0].message.starts_with("3 MFA prompts denied"),
            "{}",
            w[0].message
        );
        assert!(
            w[1].message
                .contains("Louisville, US and then from Bucharest, RO 2 hours later"),
            "{}",
            w[1].message
        );
        assert!(w.iter().all(|w| !w.hint.is_empty()));
        // Romania is fine for a district whose staff sign in from there
        assert!(c.blocked_abroad(&["US".into(), "RO".into()]).is_none());
    }

    #[test]
    fn ordinary_days_raise_nothing() {
        // two unanswered prompts (a phone left at home) and a drive to Cincinnati
        let mut c = card(vec![], true);
        c.signins = Ok(vec![
            signin(200, 0, "Louisville", "US", LOUISVILLE),
            signin(100, 0, "Cincinnati", "US", CINCINNATI),
            signin(20, 500121, "Louisville", "US", LOUISVILLE),
            signin(18, 500121, "Louisville", "US", LOUISVILLE),
        ]);
        assert!(c.fatigue(&["US".into()]).is_none());
        assert!(c.impossible_travel().is_none());
        assert!(c.blocked_abroad(&["US".into()]).is_none());
        assert!((distance_km(LOUISVILLE, BUCHAREST) - 8650.0).abs() < 150.0);
    }

    #[test]
    fn views_describe_methods() {
        let v = MethodView::of(&office(), Some("US"));
        assert!(
            v.detail.starts_with("(502) 485-3552 ext. 12"),
            "{}",
            v.detail
        );
        assert_eq!(v.kind, "phone");
        assert!(v.detail.contains("office phone"), "{}", v.detail);
        assert_eq!(v.phone_type, Some(PhoneType::Office));
    }
}
