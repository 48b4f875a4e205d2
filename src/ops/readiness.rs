//! Ready for 2027-02-01: who relies on SMS/voice only (Microsoft-provided SMS and voice MFA end
//! that day, entra-docs `concept-sms-voice-retirement.md`), the days left, the next step for each
//! person, and the snapshots that show the trend toward zero.

use crate::graph::model::{User, UserRegistrationDetails};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The day Microsoft-provided SMS and voice MFA end: from then on, a user whose only methods
/// are SMS or voice gets a blocking prompt to register a passkey.
pub const CUTOVER: &str = "2027-02-01";

fn cutover() -> jiff::civil::Date {
    CUTOVER.parse().unwrap_or_default()
}

/// Days from `today` to the cut-over (0 on the day, negative after it).
pub fn days_left(today: jiff::civil::Date) -> i64 {
    today
        .until(cutover())
        .map(|span| i64::from(span.get_days()))
        .unwrap_or_default()
}

/// "on 2027-02-01, 61 days from today" (or "today", or "since 2027-02-01").
pub fn when(today: jiff::civil::Date) -> String {
    match days_left(today) {
        0 => format!("today, {CUTOVER}"),
        1 => format!("on {CUTOVER}, tomorrow"),
        n if n > 1 => format!("on {CUTOVER}, {n} days from today"),
        _ => format!("since {CUTOVER}"),
    }
}

const PHONES: [&str; 3] = ["mobilePhone", "alternateMobilePhone", "officePhone"];
const NOT_MFA: [&str; 2] = ["email", "temporaryAccessPass"];

/// Registered for MFA with phones and nothing stronger.
pub fn phone_only(r: &UserRegistrationDetails) -> bool {
    let m = &r.methods_registered;
    m.iter().any(|x| PHONES.contains(&x.as_str()))
        && m.iter()
            .all(|x| PHONES.contains(&x.as_str()) || NOT_MFA.contains(&x.as_str()))
}

/// The departments whose staff work on shared devices, without a work phone (a school
/// district's frontline): a QR code + PIN badge suits them.
const SHARED_DEVICES: [&str; 3] = ["Food Services", "Transportation", "Facilities"];

/// What to give a person who relies on SMS/voice, so they still sign in after the cut-over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NextStep {
    /// A passkey in Microsoft Authenticator on the phone they already use.
    Passkey,
    /// A QR code + PIN badge: frontline staff on shared devices.
    QrBadge,
    /// A hardware OATH key fob: no mobile phone, or one they will not use for work.
    KeyFob,
    /// A shared account, not a person: whoever owns it decides (no person's method is given to
    /// it at the desk).
    SharedAccount,
}

impl NextStep {
    /// The step for a person: their work (department, job title) and whether a mobile phone is
    /// among their methods.
    pub fn of(user: &User, has_mobile: bool) -> NextStep {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&user.given_name) && blank(&user.surname) {
            return NextStep::SharedAccount;
        }
        let department = user.department.as_deref().unwrap_or_default();
        let title = user.job_title.as_deref().unwrap_or_default();
        if SHARED_DEVICES
            .iter()
            .any(|d| department.eq_ignore_ascii_case(d))
        {
            NextStep::QrBadge
        } else if !has_mobile || title.to_ascii_lowercase().contains("substitute") {
            NextStep::KeyFob
        } else {
            NextStep::Passkey
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            NextStep::Passkey => "passkey",
            NextStep::QrBadge => "qr-badge",
            NextStep::KeyFob => "key-fob",
            NextStep::SharedAccount => "shared-account",
        }
    }

    /// What to offer, in the agent's words.
    pub fn offer(self) -> &'static str {
        match self {
            NextStep::Passkey => "a passkey in Microsoft Authenticator on their phone",
            NextStep::QrBadge => "a QR code + PIN badge (care qr issue)",
            NextStep::KeyFob => "a key fob (care fob assign)",
            NextStep::SharedAccount => {
                "nothing at the desk: a shared account, not a person; its owner decides"
            }
        }
    }
}

/// One run's count, kept so `care readiness --history` shows the trend.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// RFC 3339.
    pub at: String,
    /// The schools asked for (`--school`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    pub people: usize,
    #[serde(default)]
    pub by_school: BTreeMap<String, usize>,
}

/// Appends a snapshot to `path` (a 0600 file of JSON lines).
pub fn keep(path: &Path, snapshot: &Snapshot) -> Result<(), crate::private_file::PrivateFileError> {
    use std::io::Write;
    let mut line = serde_json::to_vec(snapshot).unwrap_or_default();
    line.push(b'\n');
    let mut f = crate::private_file::append(path)?;
    f.write_all(&line)
        .map_err(|source| crate::private_file::PrivateFileError::Write {
            path: path.display().to_string(),
            source,
        })
}

/// The snapshots kept in `path`, oldest first (a damaged line is skipped).
pub fn history(path: &Path) -> Result<Vec<Snapshot>, crate::private_file::PrivateFileError> {
    Ok(crate::private_file::read(path)?
        .map(|bytes| {
            bytes
                .split(|b| *b == b'\n')
                .filter_map(|l| serde_json::from_slice(l).ok())
                .collect()
        })
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_nothing_stronger() {
        let r = |m: &[&str]| UserRegistrationDetails {
            methods_registered: m.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        assert!(phone_only(&r(&["mobilePhone"])));
        assert!(phone_only(&r(&["officePhone", "email"])));
        assert!(!phone_only(&r(&[
            "mobilePhone",
            "microsoftAuthenticatorPush"
        ])));
        assert!(!phone_only(&r(&["email"])));
        assert!(!phone_only(&r(&[])));
    }

    #[test]
    fn the_days_left_and_the_step_for_each_kind_of_work() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(days_left(d("2026-12-02")), 61);
        assert_eq!(when(d("2026-12-02")), "on 2027-02-01, 61 days from today");
        assert_eq!(when(d("2027-01-31")), "on 2027-02-01, tomorrow");
        assert_eq!(when(d("2027-02-01")), "today, 2027-02-01");
        assert_eq!(when(d("2027-03-01")), "since 2027-02-01");
        let u = |department: &str, title: &str| User {
            department: Some(department.into()),
            job_title: Some(title.into()),
            given_name: Some("Ana".into()),
            surname: Some("Lopez".into()),
            ..Default::default()
        };
        assert_eq!(
            NextStep::of(
                &User {
                    department: Some("Transportation".into()),
                    ..Default::default()
                },
                false
            ),
            NextStep::SharedAccount
        );
        assert_eq!(
            NextStep::of(&u("Transportation", "Bus Driver"), true),
            NextStep::QrBadge
        );
        assert_eq!(
            NextStep::of(&u("Instruction", "Substitute Teacher"), true),
            NextStep::KeyFob
        );
        assert_eq!(
            NextStep::of(&u("Instruction", "Teacher"), false),
            NextStep::KeyFob
        );
        assert_eq!(
            NextStep::of(&u("Instruction", "Teacher"), true),
            NextStep::Passkey
        );
    }
}
