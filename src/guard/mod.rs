//! What protects a live call. Before a change is sent: a ticket (required on a real tenant),
//! how the caller was verified (required for passes, phones and method changes), and the
//! district's policy (no pass or phone change for a disabled account, a guest or an admin the
//! agent may not act on, limits per agent and per user, lines that ring a call queue). After
//! it: a record in the hash-chained audit log, on disk before the result is shown. The command
//! line asks and shows; this module decides and records.

pub mod audit;
pub mod reconcile;

use crate::config::{Policy, StopOverride};
use crate::graph::model::DirectoryAudit;
use audit::{AuditLog, Entry, Target};
use jiff::{SignedDuration, Timestamp};

/// A change, as the audit log and the policy name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    PassIssue,
    PassRevoke,
    PhoneSet,
    PhoneRemove,
    SmsSignIn,
    MethodRemove,
    MethodReset,
    MethodDefault,
    SessionRevoke,
    /// A QR code + PIN method made (a badge and a PIN).
    QrIssue,
    /// A temporary QR code for a forgotten badge.
    QrTemporary,
    QrPinReset,
    QrRemove,
    /// A key fob given to a user (beta), activated with the code it shows, taken back.
    FobAssign,
    FobActivate,
    FobUnassign,
    /// A passkey made at the desk for someone.
    PasskeyProvision,
    ApiWrite,
    /// A `care api` write to authentication methods that no command makes (`--override` only).
    ApiMethods,
    /// `care verify`: not a change, but a record the changes that follow rely on.
    Verify,
    /// A one-time code mailed to the caller's manager, who reads it back.
    VerifyCode,
    /// The user (and for some changes their manager) told of a change by mail.
    Notify,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::PassIssue => "passcode.issue",
            Action::PassRevoke => "passcode.revoke",
            Action::PhoneSet => "phone.set",
            Action::PhoneRemove => "phone.remove",
            Action::SmsSignIn => "phone.sms-signin",
            Action::MethodRemove => "method.remove",
            Action::MethodReset => "method.reset",
            Action::MethodDefault => "method.default",
            Action::SessionRevoke => "session.revoke",
            Action::QrIssue => "qr.issue",
            Action::QrTemporary => "qr.temp",
            Action::QrPinReset => "qr.pin-reset",
            Action::QrRemove => "qr.remove",
            Action::FobAssign => "fob.assign",
            Action::FobActivate => "fob.activate",
            Action::FobUnassign => "fob.unassign",
            Action::PasskeyProvision => "passkey.provision",
            Action::ApiWrite => "api.write",
            Action::ApiMethods => "api.methods",
            Action::Verify => "verify",
            Action::VerifyCode => "verify.code",
            Action::Notify => "notify",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    const ALL: [Action; 22] = [
        Action::PassIssue,
        Action::PassRevoke,
        Action::PhoneSet,
        Action::PhoneRemove,
        Action::SmsSignIn,
        Action::MethodRemove,
        Action::MethodReset,
        Action::MethodDefault,
        Action::SessionRevoke,
        Action::QrIssue,
        Action::QrTemporary,
        Action::QrPinReset,
        Action::QrRemove,
        Action::FobAssign,
        Action::FobActivate,
        Action::FobUnassign,
        Action::PasskeyProvision,
        Action::ApiWrite,
        Action::ApiMethods,
        Action::Verify,
        Action::VerifyCode,
        Action::Notify,
    ];

    /// Changes that hand a person a way in now (a pass, a QR code or PIN, an activated fob, a
    /// passkey): one person may get so many a day, and the desk so many within minutes.
    pub fn grants_access(self) -> bool {
        matches!(
            self,
            Action::PassIssue
                | Action::QrIssue
                | Action::QrTemporary
                | Action::QrPinReset
                | Action::FobActivate
                | Action::PasskeyProvision
        )
    }

    /// Changes an impostor would ask for: they need a verified caller. They are the changes to
    /// how a person signs in (revoking sessions or a pass protects the user, so it does not).
    pub fn needs_verification(self) -> bool {
        self.checks_the_person()
    }

    /// Changes to a person's ways of signing in: the blocking facts (disabled, guest, admin,
    /// shared account, the agent themselves) and the agent's hourly limit apply. (Revoking
    /// sessions or a pass protects the user, so they do not.)
    pub fn checks_the_person(self) -> bool {
        matches!(
            self,
            Action::PassIssue
                | Action::PhoneSet
                | Action::PhoneRemove
                | Action::SmsSignIn
                | Action::MethodRemove
                | Action::MethodReset
                | Action::MethodDefault
                | Action::QrIssue
                | Action::QrTemporary
                | Action::QrPinReset
                | Action::QrRemove
                | Action::FobAssign
                | Action::FobActivate
                | Action::FobUnassign
                | Action::PasskeyProvision
                | Action::ApiMethods
        )
    }
}

/// How the caller's identity was checked (NIST SP 800-63B-4: never by what the caller offers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Verification {
    /// Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)
    Callback,
    /// Their manager, called on a number on file, confirmed who they are
    Manager,
    /// Their manager read back a one-time code care mailed them
    ManagerCode,
    /// Seen in person with their badge
    InPerson,
    /// A Microsoft Entra Verified ID presentation
    VerifiedId,
}

impl Verification {
    pub fn name(self) -> &'static str {
        match self {
            Verification::Callback => "callback",
            Verification::Manager => "manager",
            Verification::ManagerCode => "manager-code",
            Verification::InPerson => "in-person",
            Verification::VerifiedId => "verified-id",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Verification::Callback => "called back on a number of record",
            Verification::Manager => "their manager confirmed who they are",
            Verification::ManagerCode => "their manager read back a code mailed to them",
            Verification::InPerson => "seen in person with their badge",
            Verification::VerifiedId => "presented a Verified ID",
        }
    }

    pub const ALL: [Verification; 5] = [
        Verification::Callback,
        Verification::Manager,
        Verification::ManagerCode,
        Verification::InPerson,
        Verification::VerifiedId,
    ];

    pub fn from_name(s: &str) -> Option<Verification> {
        Verification::ALL.into_iter().find(|v| v.name() == s)
    }
}

/// Who is making changes.
#[derive(Debug, Clone)]
pub struct Agent {
    /// The signed-in UPN, or `app <client id>`.
    pub name: String,
    /// The signed-in user's object id (the token's `oid`), when a person is signed in.
    pub id: Option<String>,
    pub app: bool,
    /// Directory role names (from the token's `wids`).
    pub roles: Vec<String>,
}

impl Agent {
    /// What names the agent in an audit record: their object id and UPN, or the app's id.
    pub fn me(&self) -> Vec<&str> {
        [
            self.id.as_deref(),
            Some(self.name.as_str()),
            self.name.strip_prefix("app "),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Roles that may change the methods of a user who holds an admin role.
    pub fn acts_on_admins(&self) -> bool {
        self.roles
            .iter()
            .any(|r| r == "Privileged Authentication Administrator" || r == "Global Administrator")
    }
}

/// What is known about the person a change is for.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub upn: String,
    pub id: String,
    pub name: String,
    pub disabled: bool,
    pub guest: bool,
    /// `None` when it could not be read (the registration report needs a reports role).
    pub admin: Option<bool>,
    /// No given name or surname: a shared or service account, not a person.
    pub shared_account: bool,
    /// Passes created for them in the last 24 hours, as Graph shows them.
    pub passes_today: u32,
    /// The red flags on the person (fraud reported, risk, push fatigue, a repeat caller, …).
    pub flags: Vec<Flag>,
}

/// What the whole desk did lately, from the tenant's audit log (any agent, any machine); what
/// could not be read is counted from this machine's log instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Changes to how people sign in that this agent made in the last hour.
    pub mine: Option<u32>,
    /// People given a pass in the last `policy.burst-minutes`, by anyone.
    pub passes: Option<u32>,
}

impl Tally {
    /// From the tenant's records of method changes since an hour ago (or the burst window,
    /// if longer). `me` names the agent.
    pub fn of(audits: &[DirectoryAudit], me: &[&str], burst_minutes: u32) -> Tally {
        let now = now();
        let within = |a: &DirectoryAudit, minutes: i64| {
            a.activity_date_time
                .parse::<Timestamp>()
                .is_ok_and(|t| now - t <= SignedDuration::from_mins(minutes))
        };
        let mine = audits
            .iter()
            .filter(|a| a.result == "success" && a.made_by(me) && within(a, 60))
            .count() as u32;
        let people: std::collections::BTreeSet<&str> = audits
            .iter()
            .filter(|a| a.is_pass_created() && within(a, i64::from(burst_minutes)))
            // passes an app made are a job's (a wave of new hires), not calls
            .filter(|a| a.initiated_by.user.is_some())
            .filter_map(DirectoryAudit::target_id)
            .collect();
        Tally {
            mine: Some(mine),
            passes: Some(people.len() as u32),
        }
    }
}

/// A red flag on the person a change is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub code: String,
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// A STOP: no change until an override the policy allows.
    pub stop: bool,
}

/// Why a change was refused before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
    pub hint: String,
    /// `--override REASON` lifts it (and is recorded).
    pub overridable: bool,
    /// A red flag (a STOP) holds it: the caller may be the impostor it warns of, so what is read
    /// to them never says why.
    pub stop: bool,
}

fn refuse(reason: impl Into<String>, hint: impl Into<String>, overridable: bool) -> Refusal {
    Refusal {
        reason: reason.into(),
        hint: hint.into(),
        overridable,
        stop: false,
    }
}

/// A refusal for a red flag: `STOP: reason`.
fn stop(reason: impl std::fmt::Display, hint: impl Into<String>, overridable: bool) -> Refusal {
    Refusal {
        stop: true,
        ..refuse(format!("STOP: {reason}"), hint, overridable)
    }
}

/// What the agent said for this change.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub ticket: Option<String>,
    pub verified_by: Option<Verification>,
    /// What backs the verification (the number called back, the witness, the reference).
    pub evidence: Option<String>,
    pub override_reason: Option<String>,
    /// Why the user is not told of the change (`--no-notify REASON`).
    pub no_notify: Option<String>,
}

/// The policy, the audit log, and who is at the keyboard.
pub struct Guard {
    pub policy: Policy,
    pub log: AuditLog,
    pub agent: Agent,
    pub tenant: String,
    /// The sandbox (embedded, or on loopback): a ticket is optional by default.
    pub sandbox: bool,
    /// The guided call this run is (`care call`): every record names it.
    pub call: Option<String>,
}

fn now() -> Timestamp {
    Timestamp::now()
}

/// A record's time: now, to the second.
fn stamp() -> String {
    now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| now())
        .to_string()
}

impl Guard {
    /// A ticket reference, checked: required on a real tenant unless the policy says otherwise,
    /// and matching the policy's pattern when one is set.
    pub fn ticket(&self, given: Option<&str>) -> Result<Option<String>, Refusal> {
        let given = given.map(str::trim).filter(|t| !t.is_empty());
        let required = self.policy.ticket_required.unwrap_or(!self.sandbox);
        let Some(t) = given else {
            return if required {
                Err(refuse(
                    "a ticket is required for every change on this tenant",
                    "give the help-desk ticket with --ticket ID (or CARE_TICKET)",
                    false,
                ))
            } else {
                Ok(None)
            };
        };
        if t.len() > 64 || t.chars().any(|c| c.is_control()) {
            return Err(refuse(
                "a ticket reference is a short id without control characters",
                "give the ticket's id, e.g. --ticket INC0012345",
                false,
            ));
        }
        if let Some(p) = &self.policy.ticket_pattern
            && let Ok(re) = regex::Regex::new(p)
            && !re.is_match(t)
        {
            return Err(refuse(
                format!("'{t}' is not a ticket reference of this district (pattern {p})"),
                "check the ticket id in the help-desk system",
                false,
            ));
        }
        Ok(Some(t.to_string()))
    }

    /// The latest verification of `target` by this agent that still covers a change: how it
    /// was done and what backs it.
    pub fn recent_verification(&self, target_id: &str) -> Option<(Verification, Option<String>)> {
        let window = SignedDuration::from_mins(i64::from(self.policy.verification_window()));
        let since = now() - window;
        self.log
            .records()
            .ok()?
            .into_iter()
            .rev()
            .filter(|r| {
                r.entry.action == Action::Verify.name()
                    && r.entry.result == "success"
                    && r.entry.agent == self.agent.name
                    && r.entry.target.id == target_id
            })
            .find(|r| r.entry.at.parse::<Timestamp>().is_ok_and(|t| t >= since))
            .and_then(|r| {
                Some((
                    Verification::from_name(r.entry.verified_by.as_deref()?)?,
                    r.entry.evidence,
                ))
            })
    }

    /// Care's own successful records of changes to the phones of `target_id` in the last
    /// `days` days (any agent on this machine): when, by whom, what.
    pub fn phone_changes(&self, target_id: &str, days: u32) -> Vec<(String, String, String)> {
        let since = now() - SignedDuration::from_hours(24 * i64::from(days));
        self.log
            .records()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| {
                r.entry.result == "success"
                    && r.entry.target.id == target_id
                    && matches!(
                        Action::from_name(&r.entry.action),
                        Some(
                            Action::PhoneSet
                                | Action::PhoneRemove
                                | Action::MethodRemove
                                | Action::MethodReset
                                | Action::ApiMethods
                        )
                    )
                    && r.entry.at.parse::<Timestamp>().is_ok_and(|t| t >= since)
            })
            .map(|r| {
                (
                    r.entry.at,
                    r.entry.agent,
                    r.entry.detail.unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Changes of `action`'s kind this agent made in the last `hours`, and passes anyone on
    /// this machine issued to `target_id` in that time, from the audit log.
    fn counted(&self, hours: i64, f: impl Fn(&audit::Record) -> bool) -> u32 {
        let since = now() - SignedDuration::from_hours(hours);
        self.log
            .records()
            .unwrap_or_default()
            .iter()
            .filter(|r| r.entry.result == "success")
            .filter(|r| r.entry.at.parse::<Timestamp>().is_ok_and(|t| t >= since))
            .filter(|r| f(r))
            .count() as u32
    }

    /// The facts about the person that stop a change to how they sign in, whoever asks: a
    /// disabled account, a guest, an admin the agent's role can't act on, a shared account, the
    /// agent themselves. Only a shared account gives way to `--override REASON` (on a call).
    ///
    /// For care's app identity and for a bulk job (nobody on a call sees the facts), a person
    /// whose admin roles could not be read is refused too, and the app never changes an admin.
    fn blocking_facts(&self, action: Action, facts: &Facts, job: bool) -> Vec<Refusal> {
        let mut refusals = vec![];
        if !action.checks_the_person() {
            return refusals;
        }
        let yourself = facts.upn.eq_ignore_ascii_case(&self.agent.name)
            || self
                .agent
                .id
                .as_deref()
                .is_some_and(|id| !facts.id.is_empty() && id.eq_ignore_ascii_case(&facts.id));
        if yourself {
            refusals.push(if action == Action::PassIssue {
                refuse(
                    "nobody issues a Temporary Access Pass to themselves",
                    "ask another agent (Entra refuses it too)",
                    false,
                )
            } else {
                refuse(
                    "nobody changes their own sign-in methods through the desk",
                    "ask another agent, or register at https://aka.ms/mysecurityinfo",
                    false,
                )
            });
        }
        if facts.disabled {
            refusals.push(refuse(
                format!("{}'s account is disabled", facts.name),
                "no MFA change lets a disabled account sign in: check with HR or the user's school, then have an account administrator enable it",
                false,
            ));
        }
        if facts.guest {
            refusals.push(refuse(
                format!("{} is a B2B guest", facts.name),
                "a guest signs in and registers MFA at their home organisation: send them to their own help desk",
                false,
            ));
        }
        if facts.admin.is_none() && (self.agent.app || job) && !facts.id.is_empty() {
            refusals.push(refuse(
                format!("care could not see whether {} holds an admin role", facts.name),
                "the registration report needs AuditLog.Read.All for the app, or a reports role for an agent; an admin's methods change only with what they are known to be",
                false,
            ));
        }
        if facts.admin == Some(true) && (self.agent.app || !self.agent.acts_on_admins()) {
            refusals.push(refuse(
                format!("{} holds an admin role", facts.name),
                if self.agent.app {
                    "escalate to a Privileged Authentication Administrator: care's app identity never changes an admin's methods"
                } else {
                    "escalate to a Privileged Authentication Administrator (your role cannot change an admin's methods)"
                },
                false,
            ));
        }
        if facts.shared_account {
            refusals.push(refuse(
                format!("{} looks like a shared account, not a person (no given name or surname)", facts.name),
                "whoever holds its pass or phone signs in as the account: confirm the owner's approval in the ticket, then --override \"REASON\"",
                true,
            ));
        }
        refusals
    }

    /// The STOP-level red flags on the person, each a refusal: lifted by `--override REASON`
    /// only as `policy.stop-override` allows, and never for a bulk row (`job`).
    fn stops(&self, facts: &Facts, job: bool) -> Vec<Refusal> {
        let who = match self.policy.stop_override() {
            _ if job => None,
            StopOverride::Any => Some(true),
            StopOverride::Privileged => Some(self.agent.acts_on_admins()),
            StopOverride::Never => None,
        };
        facts
            .flags
            .iter()
            .filter(|f| f.stop)
            .map(|f| {
                let then = match who {
                    Some(true) => "; if you have and it is them, --override \"REASON\"",
                    Some(false) => "; then a Privileged Authentication Administrator may override it (policy.stop-override = privileged)",
                    None if job => "; the row is left for a call",
                    None => "; the district's policy allows no override (policy.stop-override = never)",
                };
                stop(
                    format_args!("{}: {}", facts.name, f.message),
                    format!("{}{then}", f.hint),
                    who == Some(true),
                )
            })
            .collect()
    }

    /// The burst rule: passes for many different people within minutes (by the whole desk,
    /// from the tenant's log; this machine's when it can't be read), a lower bar while the
    /// center is closed, and a pass for an admin after hours. Overridden as a STOP is.
    fn burst(&self, facts: &Facts, tally: &Tally) -> Option<Refusal> {
        let minutes = self.policy.burst_minutes();
        let closed = self.policy.after_hours();
        let given = tally.passes.unwrap_or_else(|| {
            let since = now() - SignedDuration::from_mins(i64::from(minutes));
            let people: std::collections::BTreeSet<String> = self
                .log
                .records()
                .unwrap_or_default()
                .into_iter()
                .filter(|r| {
                    r.entry.result == "success"
                        && r.entry.action == Action::PassIssue.name()
                        && r.entry.job.is_none()
                })
                .filter(|r| r.entry.at.parse::<Timestamp>().is_ok_and(|t| t >= since))
                .map(|r| r.entry.target.id)
                .collect();
            people.len() as u32
        });
        let limit = self.policy.burst_passes(closed.is_some());
        let reason = if given >= limit {
            format!(
                "{given} people got a pass from the desk in the last {minutes} minutes{}: the pace of a campaign, not of calls (policy.burst-passes{} = {limit})",
                closed
                    .as_ref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default(),
                if closed.is_some() { "-after-hours" } else { "" },
            )
        } else if facts.admin == Some(true) && closed.is_some() {
            format!(
                "a pass for an admin ({}) {}",
                facts.name,
                closed.unwrap_or_default()
            )
        } else {
            return None;
        };
        let allowed = match self.policy.stop_override() {
            StopOverride::Any => true,
            StopOverride::Privileged => self.agent.acts_on_admins(),
            StopOverride::Never => false,
        };
        Some(stop(
            reason,
            if allowed {
                "tell the Care Center lead; if they know why, --override \"REASON\""
            } else {
                "tell the Care Center lead: the district's policy.stop-override does not let you override it"
            },
            allowed,
        ))
    }

    /// The facts that block a change on a call, and the limits (`tally`: what the desk did
    /// lately, by the tenant's log). Each refusal says why and what to do; the overridable
    /// ones give way to `--override REASON`.
    pub fn check(
        &self,
        action: Action,
        facts: &Facts,
        answers: &Answers,
        tally: &Tally,
    ) -> Result<(), Refusal> {
        let mut refusals = self.blocking_facts(action, facts, false);
        if action.grants_access() {
            let issued = self
                .counted(24, |r| {
                    Action::from_name(&r.entry.action).is_some_and(Action::grants_access)
                        && r.entry.target.id == facts.id
                })
                .max(facts.passes_today);
            let limit = self.policy.passes_per_user_per_day();
            if issued >= limit {
                refusals.push(refuse(
                    format!("{} already got {} in the last 24 hours (the limit is {limit})", facts.name, if issued == 1 { "a way in (a pass, a QR code or PIN, a fob or a passkey)".to_string() } else { format!("{issued} ways in (passes, QR codes or PINs, fobs, passkeys)") }),
                    "a caller who needs pass after pass may not be who they say: verify again, then --override \"REASON\"",
                    true,
                ));
            }
        }
        if action.checks_the_person() {
            refusals.extend(self.stops(facts, false));
        }
        if action.grants_access() {
            refusals.extend(self.burst(facts, tally));
        }
        if action.checks_the_person() {
            // a bulk job's rows are paced as a job, and do not use up an agent's calls; the
            // tenant's log (every machine) lags minutes behind this machine's
            let here = self.counted(1, |r| {
                r.entry.agent == self.agent.name
                    && r.entry.job.is_none()
                    && Action::from_name(&r.entry.action).is_some_and(Action::checks_the_person)
            });
            let made = here.max(tally.mine.unwrap_or(0));
            let limit = self.policy.changes_per_hour();
            if made >= limit {
                refusals.push(refuse(
                    format!("you have made {made} {} to how people sign in in the last hour, on every machine you use: more than a busy desk makes (policy.changes-per-hour = {limit})", if made == 1 { "change" } else { "changes" }),
                    "a planned run (a school's new carrier, a new-hire wave) goes faster as a bulk job; otherwise --override \"REASON\" says why",
                    true,
                ));
            }
        }
        match refusals
            .iter()
            .find(|r| !r.overridable || answers.override_reason.is_none())
        {
            Some(r) => Err(r.clone()),
            None => Ok(()),
        }
    }

    /// The facts that make a bulk row fail: the same as on a call, none overridden (a job is
    /// approved as a whole, not person by person), and no hourly limit (the job is paced).
    pub fn check_job(&self, action: Action, facts: &Facts) -> Result<(), Refusal> {
        let mut refusals = self.blocking_facts(action, facts, true);
        if action.checks_the_person() {
            refusals.extend(self.stops(facts, true));
        }
        match refusals.into_iter().next() {
            Some(r) => Err(r),
            None => Ok(()),
        }
    }

    /// The record of a bulk job's start, once for all its rows: what it does, its ticket, who
    /// approved it and why. Every row's records name the job.
    pub async fn record_job(
        &self,
        job: &str,
        what: &str,
        ticket: Option<String>,
        approved_by: &str,
        reason: &str,
    ) -> Result<audit::Record, audit::AuditError> {
        self.log
            .append(Entry {
                at: stamp(),
                agent: self.agent.name.clone(),
                tenant: self.tenant.clone(),
                action: "bulk.job".into(),
                target: Target {
                    id: String::new(),
                    upn: format!("(bulk job {job})"),
                },
                ticket,
                result: "approved".into(),
                detail: Some(crate::output::sanitize(&format!("{what}; {reason}"))),
                job: Some(job.to_string()),
                approved_by: Some(crate::output::sanitize(approved_by)),
                ..Entry::default()
            })
            .await
    }

    /// Writes a record: who, what, to whom, why, under which bulk job, how it ended.
    #[allow(clippy::too_many_arguments)]
    pub async fn record(
        &self,
        action: Action,
        facts: &Facts,
        answers: &Answers,
        job: Option<&str>,
        result: &str,
        detail: Option<String>,
        request_id: Option<String>,
    ) -> Result<audit::Record, audit::AuditError> {
        self.log
            .append(Entry {
                at: stamp(),
                agent: self.agent.name.clone(),
                tenant: self.tenant.clone(),
                action: action.name().into(),
                target: Target {
                    id: facts.id.clone(),
                    upn: facts.upn.clone(),
                },
                ticket: answers.ticket.clone(),
                verified_by: answers.verified_by.map(|v| v.name().to_string()),
                evidence: answers.evidence.as_deref().map(crate::output::sanitize),
                override_reason: answers.override_reason.clone(),
                result: result.into(),
                detail: detail.map(|d| crate::output::sanitize(&d)),
                request_id,
                job: job.map(str::to_owned),
                call: self.call.clone(),
                ..Entry::default()
            })
            .await
    }

    /// The record of this guided call's start or end: the caller once found, the ticket, and
    /// at the end what the caller needed. Nothing when this run is not a call.
    pub fn call_entry(
        &self,
        mark: audit::CallMark,
        caller: Target,
        ticket: Option<String>,
        detail: Option<String>,
    ) -> Option<Entry> {
        Some(Entry {
            at: stamp(),
            agent: self.agent.name.clone(),
            tenant: self.tenant.clone(),
            action: mark.action().into(),
            target: caller,
            ticket,
            result: mark.result().into(),
            detail: detail.map(|d| crate::output::sanitize(&d)),
            call: Some(self.call.clone()?),
            ..Entry::default()
        })
    }

    /// Writes [`Guard::call_entry`].
    pub async fn record_call(
        &self,
        mark: audit::CallMark,
        caller: Target,
        ticket: Option<String>,
        detail: Option<String>,
    ) -> Result<(), audit::AuditError> {
        if let Some(entry) = self.call_entry(mark, caller, ticket, detail) {
            self.log.append(entry).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(dir: &std::path::Path, roles: &[&str]) -> Guard {
        Guard {
            policy: Policy::default(),
            log: AuditLog::new(dir),
            agent: Agent {
                name: "care.auth@district.example".into(),
                id: None,
                app: false,
                roles: roles.iter().map(|r| r.to_string()).collect(),
            },
            tenant: "t".into(),
            sandbox: false,
            call: None,
        }
    }

    fn facts() -> Facts {
        Facts {
            upn: "maria.garcia@district.example".into(),
            id: "m1".into(),
            name: "Maria Garcia".into(),
            admin: Some(false),
            ..Facts::default()
        }
    }

    #[test]
    fn blocking_facts_refuse_and_some_give_way_to_an_override() {
        let dir = tempfile::tempdir().unwrap();
        let g = guard(dir.path(), &["Authentication Administrator"]);
        let a = Answers::default();
        assert!(
            g.check(Action::PassIssue, &facts(), &a, &Tally::default())
                .is_ok()
        );
        let disabled = Facts {
            disabled: true,
            ..facts()
        };
        let r = g
            .check(Action::PassIssue, &disabled, &a, &Tally::default())
            .unwrap_err();
        assert!(r.reason.contains("disabled") && !r.overridable);
        let over = Answers {
            override_reason: Some("approved by HR".into()),
            ..a.clone()
        };
        assert!(
            g.check(Action::PassIssue, &disabled, &over, &Tally::default())
                .is_err(),
            "not overridable"
        );
        let admin = Facts {
            admin: Some(true),
            ..facts()
        };
        assert!(
            g.check(Action::PassIssue, &admin, &a, &Tally::default())
                .unwrap_err()
                .hint
                .contains("Privileged")
        );
        assert!(
            guard(dir.path(), &["Privileged Authentication Administrator"])
                .check(Action::PassIssue, &admin, &a, &Tally::default())
                .is_ok()
        );
        let shared = Facts {
            shared_account: true,
            ..facts()
        };
        assert!(
            g.check(Action::PassIssue, &shared, &a, &Tally::default())
                .is_err()
        );
        assert!(
            g.check(Action::PassIssue, &shared, &over, &Tally::default())
                .is_ok()
        );
        // revoking sessions is never blocked by these facts
        assert!(
            g.check(Action::SessionRevoke, &disabled, &a, &Tally::default())
                .is_ok()
        );
        let today = Facts {
            passes_today: 1,
            ..facts()
        };
        assert!(
            g.check(Action::PassIssue, &today, &a, &Tally::default())
                .unwrap_err()
                .reason
                .contains("24 hours")
        );
    }

    /// Center hours that exclude now: an hour, twelve hours away.
    fn closed_now() -> String {
        let hour = (Policy::default().center_now().hour() + 12) % 24;
        format!("Mon-Sun {hour:02}:00-{:02}:00", hour + 1)
    }

    #[test]
    fn the_tally_counts_the_agents_changes_and_the_people_given_passes() {
        let now = now();
        let record = |by: &str, target: &str, reason: &str, minutes: i64| DirectoryAudit {
            result: "success".into(),
            activity_display_name: "Admin registered security info".into(),
            result_reason: Some(reason.into()),
            activity_date_time: (now - SignedDuration::from_mins(minutes)).to_string(),
            initiated_by: crate::graph::model::AuditInitiatedBy {
                user: Some(crate::graph::model::AuditUserIdentity {
                    id: Some(format!("{by}-id")),
                    user_principal_name: Some(by.into()),
                    display_name: None,
                }),
                app: None,
            },
            target_resources: vec![crate::graph::model::AuditTarget {
                id: Some(target.into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        const PASS: &str = "Admin registered temporary access pass method for user";
        const PHONE: &str = "Admin registered phone method for user";
        let audits = [
            record("a@x", "u1", PASS, 2),
            record("b@x", "u2", PASS, 5),
            record("b@x", "u2", PASS, 6),
            record("a@x", "u3", PHONE, 30),
            record("a@x", "u4", PASS, 45),
            record("a@x", "u5", PHONE, 70),
        ];
        assert_eq!(
            Tally::of(&audits, &["a@x"], 10),
            Tally {
                mine: Some(3),
                passes: Some(2)
            }
        );
    }

    #[tokio::test]
    async fn tickets_and_limits() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = guard(dir.path(), &[]);
        assert!(g.ticket(None).is_err(), "required on a real tenant");
        g.sandbox = true;
        assert_eq!(g.ticket(None).unwrap(), None);
        g.policy.ticket_pattern = Some("^INC[0-9]{7}$".into());
        assert!(g.ticket(Some("INC0012345")).is_ok());
        assert!(g.ticket(Some("12345")).is_err());
        let f = facts();
        let a = Answers::default();
        g.policy.changes_per_hour = Some(5);
        for _ in 0..3 {
            g.record(Action::PhoneSet, &f, &a, None, "success", None, None)
                .await
                .unwrap();
        }
        let none = Tally::default();
        assert!(g.check(Action::PhoneSet, &f, &a, &none).is_ok());
        // the tenant's log saw more of the agent's changes (other machines) than this one
        let elsewhere = Tally {
            mine: Some(5),
            passes: Some(0),
        };
        let r = g.check(Action::PhoneSet, &f, &a, &elsewhere).unwrap_err();
        assert!(r.reason.contains("in the last hour") && r.overridable);
        for _ in 0..2 {
            g.record(Action::PhoneSet, &f, &a, None, "success", None, None)
                .await
                .unwrap();
        }
        let r = g.check(Action::PhoneSet, &f, &a, &none).unwrap_err();
        assert!(r.reason.contains("in the last hour") && r.overridable);
        // the burst rule: passes for many people within minutes, by the whole desk
        g.policy.changes_per_hour = None;
        let burst = Tally {
            mine: Some(0),
            passes: Some(12),
        };
        let r = g.check(Action::PassIssue, &f, &a, &burst).unwrap_err();
        assert!(
            r.reason.contains("12 people got a pass") && r.overridable,
            "{r:?}"
        );
        g.policy.stop_override = Some(StopOverride::Never);
        assert!(
            !g.check(Action::PassIssue, &f, &a, &burst)
                .unwrap_err()
                .overridable
        );
        // after hours the bar is lower, and an admin gets no pass
        g.policy.stop_override = None;
        g.policy.center_hours = Some(closed_now());
        let few = Tally {
            mine: Some(0),
            passes: Some(3),
        };
        assert!(g.check(Action::PassIssue, &f, &a, &few).is_err());
        let admin = Facts {
            admin: Some(true),
            ..facts()
        };
        g.agent.roles = vec!["Privileged Authentication Administrator".into()];
        let r = g.check(Action::PassIssue, &admin, &a, &none).unwrap_err();
        assert!(r.reason.contains("a pass for an admin"), "{r:?}");
        g.record(
            Action::Verify,
            &f,
            &Answers {
                verified_by: Some(Verification::Callback),
                ..a.clone()
            },
            None,
            "success",
            Some("called back".into()),
            None,
        )
        .await
        .unwrap();
        assert_eq!(
            g.recent_verification("m1").unwrap().0,
            Verification::Callback
        );
        assert!(g.recent_verification("other").is_none());
    }
}
