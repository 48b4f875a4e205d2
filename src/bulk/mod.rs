//! Bulk runs from CSV: a streamed preflight of the whole file before the first change, then
//! every row done exactly once, with bounded concurrency, batched reads, writes paced under
//! the backend's limit, a journal to resume from, a report and, for passes, a private codes file.

pub mod input;
pub mod job;
pub mod journal;
pub mod report;
pub mod run;
pub mod sheet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a bulk run does to each row's user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    PhoneSet,
    PasscodeIssue,
    SessionRevoke,
    MethodReset,
    QrIssue,
    PasskeyProvision,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::PhoneSet => "phone-set",
            Action::PasscodeIssue => "passcode-issue",
            Action::SessionRevoke => "session-revoke",
            Action::MethodReset => "method-reset",
            Action::QrIssue => "qr-issue",
            Action::PasskeyProvision => "passkey-provision",
        }
    }

    /// The columns, as the help and the README name them.
    pub fn describe_columns(self) -> &'static str {
        match self {
            Action::PhoneSet => "user,phone[,type]",
            Action::PasscodeIssue => "user[,lifetime][,start]",
            Action::SessionRevoke
            | Action::MethodReset
            | Action::QrIssue
            | Action::PasskeyProvision => "user",
        }
    }
}

/// How a row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// The change was made.
    Changed,
    /// It was already so: nothing was sent.
    Unchanged,
    /// It could not be done (the reason says why).
    Failed,
    /// Not attempted (an invalid row with --skip-invalid).
    Skipped,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Changed,
        Outcome::Unchanged,
        Outcome::Failed,
        Outcome::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Changed => "changed",
            Outcome::Unchanged => "unchanged",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }
}

/// The job's name: the action and a hash of the input's path and content, so the same file
/// is the same job and an edited file is a new one.
pub fn job_name(action: Action, input: &str, content_sha256: &str) -> String {
    let mut h = Sha256::new();
    h.update(action.name());
    h.update([0]);
    h.update(input);
    h.update([0]);
    h.update(content_sha256);
    let hex: String = h
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}-{hex}", action.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_are_named_by_action_path_and_content() {
        let a = job_name(Action::PhoneSet, "/x/carrier.csv", "aa");
        assert!(a.starts_with("phone-set-") && a.len() == "phone-set-".len() + 12);
        assert_eq!(a, job_name(Action::PhoneSet, "/x/carrier.csv", "aa"));
        assert_ne!(a, job_name(Action::PhoneSet, "/x/carrier.csv", "ab"));
        assert_ne!(a, job_name(Action::MethodReset, "/x/carrier.csv", "aa"));
    }
}
