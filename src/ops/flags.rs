//! Red flags from the tenant, before any change: a prompt the user reported as fraud (a sign-in
//! denied with 500121 for fraud, or Identity Protection's `userReportedSuspiciousActivity`), the
//! account's risk in Identity Protection, and changes others made to how they sign in lately (a
//! repeat caller, methods changed by someone else). The card shows them; the door stops a change
//! on a STOP-level one until an override the policy allows.

use super::signin::{place, span_words};
use crate::graph::model::{DirectoryAudit, RiskDetection, RiskyUser, SignIn};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// The card's warnings the door holds a change to (the others are facts it knows otherwise:
/// a disabled account, a guest, an admin).
pub const RED_FLAGS: &[&str] = &[
    "mfa-fatigue",
    "impossible-travel",
    "blocked-abroad",
    "fraud-reported",
    "risky-user",
    "repeat-caller",
    "changed-lately",
];

/// How far back a report of fraud stops a change.
pub const REPORT_DAYS: i64 = 30;
/// How far back changes by others make a repeat caller.
pub const REPEAT_DAYS: i64 = 7;
/// How far back a method changed by someone else is said.
pub const CHANGED_DAYS: i64 = 14;
/// Changes closer together than this are one call.
const ONE_CALL: SignedDuration = SignedDuration::from_mins(60);

const VERIFY: &str = "change nothing for this caller yet: call back a number of record (care verify); if they did not start those sign-ins, revoke their sessions and have the password reset";

/// Something on the card an agent must not miss, with what to do about it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    /// Stop before changing anything: the account can't be helped this way, or the caller may
    /// not be who they say. Blocking warnings come first.
    pub blocking: bool,
    /// What the agent says or does.
    pub hint: String,
    /// The FAQ topic to read to the caller (`care faq KEY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faq: Option<&'static str>,
}

/// A part of the card: what was read, or why it could not be.
pub type Part<T> = Result<T, String>;

/// What the red flags are read from (the card's parts).
pub struct Seen<'a> {
    /// The user's object id (their own registrations are not someone else's changes).
    pub user_id: &'a str,
    pub signins: &'a Part<Vec<SignIn>>,
    pub risky: &'a Part<Option<RiskyUser>>,
    pub reports: &'a Part<Vec<RiskDetection>>,
    pub audits: &'a Part<Vec<DirectoryAudit>>,
}

/// Whether a denied sign-in was a prompt the user reported as fraud: Entra says so in its
/// failure reason, its additional details or the MFA step's result (the wording varies by
/// method, so any of them naming fraud counts).
pub fn reported_as_fraud(s: &SignIn) -> bool {
    let fraud = |t: &Option<String>| {
        t.as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().contains("fraud"))
    };
    s.status.error_code == 500121
        && (fraud(&s.status.failure_reason)
            || fraud(&s.status.additional_details)
            || s.authentication_details
                .iter()
                .flatten()
                .any(|d| fraud(&d.authentication_step_result_detail)))
}

impl Seen<'_> {
    /// The newest sign-in in which the user reported the prompt as fraud.
    fn fraud_report(&self) -> Option<&SignIn> {
        self.signins
            .as_ref()
            .ok()?
            .iter()
            .filter(|s| reported_as_fraud(s))
            .max_by(|a, b| a.created_date_time.cmp(&b.created_date_time))
    }

    /// Changes others made to how the user signs in, newest first, with their times: not the
    /// user's own registrations, and not what `me` did in the last hour (this call).
    fn changes_by_others(&self, me: &[&str], now: Timestamp) -> Vec<(Timestamp, &DirectoryAudit)> {
        let Ok(audits) = &self.audits else {
            return vec![];
        };
        let mut out: Vec<(Timestamp, &DirectoryAudit)> = audits
            .iter()
            .filter(|a| a.result == "success")
            .filter(|a| {
                a.logged_by_service.as_deref() == Some("Authentication Methods")
                    || a.activity_display_name.contains("security info")
                    || a.activity_display_name.contains("StsRefreshTokenValidFrom")
            })
            .filter(|a| {
                a.initiated_by
                    .user
                    .as_ref()
                    .and_then(|u| u.id.as_deref())
                    .is_none_or(|id| id != self.user_id)
            })
            .filter_map(|a| Some((a.activity_date_time.parse::<Timestamp>().ok()?, a)))
            .filter(|(t, a)| !(a.made_by(me) && now - *t < ONE_CALL))
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(c.0));
        out
    }

    /// The red flags on the card: fraud reported, the account's risk, a repeat caller, methods
    /// changed by someone else. `me` names the agent (their changes in this call don't count).
    pub fn red_flags(&self, me: &[&str], now: Timestamp) -> Vec<Warning> {
        let mut out = vec![];
        let mut flag = |code: &'static str, blocking: bool, message: String, hint: String| {
            out.push(Warning {
                code,
                message,
                blocking,
                hint,
                faq: None,
            })
        };
        let reports: Vec<_> = self
            .reports
            .as_ref()
            .map(|r| {
                r.iter()
                    .filter(|d| {
                        !matches!(
                            d.risk_state.as_deref(),
                            Some("dismissed" | "remediated" | "confirmedSafe")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ago = |t: &str| {
            t.parse::<Timestamp>()
                .map(|t| format!("{} ago", span_words(now - t)))
                .unwrap_or_else(|_| t.to_string())
        };
        if let Some(s) = self.fraud_report() {
            flag(
                "fraud-reported",
                true,
                format!(
                    "they reported an MFA prompt as fraud {} (a sign-in from {}): someone else may have their password",
                    ago(&s.created_date_time),
                    place(s)
                ),
                VERIFY.into(),
            );
        } else if let Some(d) = reports.first() {
            let when = d
                .detected_date_time
                .as_deref()
                .or(d.activity_date_time.as_deref())
                .map(ago)
                .unwrap_or_default();
            flag(
                "fraud-reported",
                true,
                format!(
                    "they reported suspicious activity (an MFA prompt they did not start) {when}, in Identity Protection: someone else may have their password"
                ),
                VERIFY.into(),
            );
        }
        if let Ok(Some(r)) = &self.risky {
            let state = r.risk_state.as_deref().unwrap_or("none");
            let level = r.risk_level.as_deref().unwrap_or("none");
            let since = r
                .risk_last_updated_date_time
                .as_deref()
                .map(|t| format!(" (updated {})", ago(t)))
                .unwrap_or_default();
            let hint = "a security administrator looks at the account in Identity Protection (risky users) first: a password reset remediates the risk; then call back a number of record".to_string();
            match state {
                "confirmedCompromised" => flag(
                    "risky-user",
                    true,
                    format!(
                        "an administrator confirmed the account compromised in Identity Protection{since}"
                    ),
                    hint,
                ),
                "atRisk" => flag(
                    "risky-user",
                    level == "high",
                    format!("Identity Protection rates the account at {level} risk{since}"),
                    hint,
                ),
                _ => {}
            }
        }
        let changes = self.changes_by_others(me, now);
        // separate calls: changes more than an hour apart
        let mut calls: Vec<&(Timestamp, &DirectoryAudit)> = vec![];
        for c in changes
            .iter()
            .filter(|(t, _)| now - *t < SignedDuration::from_hours(24 * REPEAT_DAYS))
        {
            if calls.last().is_none_or(|last| last.0 - c.0 > ONE_CALL) {
                calls.push(c);
            }
        }
        if calls.len() >= 2 {
            let mut who: Vec<String> = vec![];
            for (_, a) in &calls {
                let by = a.initiator();
                if !who.contains(&by) {
                    who.push(by);
                }
            }
            flag(
                "repeat-caller",
                false,
                format!(
                    "how they sign in was changed on {} calls in the last {REPEAT_DAYS} days (the last {}), by {}",
                    calls.len(),
                    ago(&calls[0].1.activity_date_time),
                    who.join(", ")
                ),
                "someone who keeps needing changes may not be who they say: verify by calling back a number of record, and read the earlier tickets".into(),
            );
        } else if let Some((_, a)) = changes.iter().find(|(t, a)| {
            a.logged_by_service.as_deref() == Some("Authentication Methods")
                && now - *t < SignedDuration::from_hours(24 * CHANGED_DAYS)
        }) {
            flag(
                "changed-lately",
                false,
                format!(
                    "their methods were changed {} by {} ({})",
                    ago(&a.activity_date_time),
                    a.initiator(),
                    a.result_reason
                        .as_deref()
                        .unwrap_or(&a.activity_display_name)
                ),
                "what was added lately is not of record: verify with a number on file longer, in person, or through their manager".into(),
            );
        }
        out
    }
}
