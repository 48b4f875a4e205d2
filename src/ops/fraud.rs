//! The center's impostor report (`care report fraud`): per week, the verifications that failed,
//! the changes a red flag stopped (`STOP: …`), the other refusals, the overrides with their
//! reasons (from this machine's audit log), and the MFA prompts users reported as fraud (from
//! the tenant's sign-in log). Pure: the records and sign-ins come in, the weeks go out.

use super::flags::reported_as_fraud;
use crate::graph::model::SignIn;
use crate::guard::audit::Record;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use std::collections::BTreeMap;

/// An override: a refusal the agent lifted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Override {
    pub at: String,
    pub agent: String,
    pub user: String,
    pub action: String,
    pub reason: String,
}

/// A caller who could not be verified, or a change a red flag stopped: when, by which agent,
/// for whom, and what was said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Held {
    pub at: String,
    pub agent: String,
    pub user: String,
    pub action: String,
    pub detail: String,
}

/// A prompt a user reported as fraud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub at: String,
    pub user: String,
    pub ip_address: Option<String>,
}

/// One week (from its Monday, in the center's time zone).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Week {
    pub week: String,
    pub failed_verifications: u64,
    /// Changes a red flag stopped.
    pub stopped: u64,
    pub other_refusals: u64,
    /// The failed verifications and the changes stopped, one by one.
    pub held: Vec<Held>,
    pub overrides: Vec<Override>,
    pub fraud_reports: Vec<Report>,
}

/// The Monday of `t`'s week in `tz`, as `YYYY-MM-DD`.
fn week_of(t: Timestamp, tz: &TimeZone) -> String {
    let day = t.to_zoned_datetime(tz.clone()).date();
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back))
        .unwrap_or(day)
        .to_string()
}

/// The weeks since `since` (oldest first; a week with nothing is left out).
pub fn weeks(records: &[Record], signins: &[SignIn], since: Timestamp, tz: &TimeZone) -> Vec<Week> {
    let mut out: BTreeMap<String, Week> = BTreeMap::new();
    fn week<'a>(out: &'a mut BTreeMap<String, Week>, t: Timestamp, tz: &TimeZone) -> &'a mut Week {
        let key = week_of(t, tz);
        out.entry(key.clone()).or_insert_with(|| Week {
            week: key,
            ..Week::default()
        })
    }
    for r in records {
        let Ok(at) = r.entry.at.parse::<Timestamp>() else {
            continue;
        };
        if at < since {
            continue;
        }
        let e = &r.entry;
        let stopped = e.detail.as_deref().is_some_and(|d| d.starts_with("STOP:"));
        let held = || Held {
            at: e.at.clone(),
            agent: e.agent.clone(),
            user: e.target.upn.clone(),
            action: e.action.clone(),
            detail: e.detail.clone().unwrap_or_default(),
        };
        match (e.action.as_str(), e.result.as_str()) {
            ("verify", "failed") => {
                let w = week(&mut out, at, tz);
                w.failed_verifications += 1;
                w.held.push(held());
            }
            (_, "refused") if stopped => {
                let w = week(&mut out, at, tz);
                w.stopped += 1;
                w.held.push(held());
            }
            (_, "refused") => week(&mut out, at, tz).other_refusals += 1,
            _ => {}
        }
        // an override is recorded with the change it let through (not with its intent)
        // (the notice mailed about it carries the reason too: not a second override)
        if let Some(reason) = &e.override_reason
            && !matches!(e.result.as_str(), "intent" | "refused")
            && e.action != "notify"
        {
            week(&mut out, at, tz).overrides.push(Override {
                at: e.at.clone(),
                agent: e.agent.clone(),
                user: e.target.upn.clone(),
                action: e.action.clone(),
                reason: reason.clone(),
            });
        }
    }
    for s in signins.iter().filter(|s| reported_as_fraud(s)) {
        let Ok(at) = s.created_date_time.parse::<Timestamp>() else {
            continue;
        };
        if at < since {
            continue;
        }
        week(&mut out, at, tz).fraud_reports.push(Report {
            at: s.created_date_time.clone(),
            user: s.user_principal_name.clone().unwrap_or_default(),
            ip_address: s.ip_address.clone(),
        });
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::audit::sample;

    fn record(at: &str, action: &str, result: &str, detail: &str, reason: Option<&str>) -> Record {
        let mut r = sample(1, at, "maria.garcia@district.example", action, result);
        r.entry.detail = Some(detail.into());
        r.entry.override_reason = reason.map(str::to_owned);
        r
    }

    #[test]
    fn weeks_count_what_stopped_impostors() {
        let since: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
        let records = vec![
            // Tuesday and Thursday of the week of Monday 2026-11-23
            record(
                "2026-11-24T15:00:00Z",
                "verify",
                "failed",
                "could not verify",
                None,
            ),
            record(
                "2026-11-26T15:00:00Z",
                "passcode.issue",
                "refused",
                "STOP: they reported a prompt as fraud",
                None,
            ),
            record(
                "2026-11-26T15:01:00Z",
                "passcode.issue",
                "refused",
                "the ticket is required",
                None,
            ),
            // the next week: an override let a change through
            record(
                "2026-12-01T10:00:00Z",
                "passcode.issue",
                "intent",
                "issue",
                Some("manager on the line"),
            ),
            record(
                "2026-12-01T10:00:01Z",
                "passcode.issue",
                "success",
                "issued",
                Some("manager on the line"),
            ),
            // before the window
            record("2026-10-01T10:00:00Z", "verify", "failed", "x", None),
        ];
        let w = weeks(&records, &[], since, &TimeZone::UTC);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].week, "2026-11-23");
        assert_eq!(
            (w[0].failed_verifications, w[0].stopped, w[0].other_refusals),
            (1, 1, 1)
        );
        assert_eq!(w[1].week, "2026-11-30");
        assert_eq!(w[1].overrides.len(), 1);
        assert_eq!(w[1].overrides[0].reason, "manager on the line");
    }
}
