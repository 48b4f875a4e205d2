//! A trainee's week at the center. When care creates or resets a sandbox database in a file
//! on this machine, it writes beside the audit log what care's door would have written for the
//! calls the seed tells of: each change the seed put in the tenant's audit log, by the agents
//! on shift, as a guided call (its start, the caller verified, the change, its end); an
//! impostor who called as the person who reported a prompt as fraud (the pass stopped, the
//! callback reached the real person); a caller who could not be verified; a delegate question.
//! `care report calls` and `care report fraud` on that sandbox read it with this machine's own
//! records, so they read like a week from the first run. It is not the audit log: no record of
//! it was made on this machine, so `care audit list`, `export`, `verify` and the guard never
//! see it. A reset writes it anew, at the new seed's times.

use super::ConnectError;
use crate::graph::model::{DirectoryAudit, User};
use crate::guard::audit::{AuditLog, CallMark, Entry, NEEDS, Record, Target};
use crate::ops::calls;
use crate::sandbox::Sandbox;
use crate::sandbox::demo;
use jiff::{SignedDuration, Timestamp};
use std::path::PathBuf;

/// The people of the seeded calls that changed nothing: the impostor's target, the caller who
/// could not be verified, the delegate question.
const PEOPLE: [&str; 3] = [demo::FRAUD_REPORTED, demo::PUSH_FATIGUE, demo::DELEGATE];

/// The agents on shift, who took the calls that changed nothing.
const SHIFT: [&str; 2] = [demo::AGENT_AUTH_ADMIN, demo::AGENT_PRIV_AUTH];

/// Where the week of the sandbox tenant `tenant` is kept (beside the audit log).
fn path(tenant: &str) -> Result<PathBuf, ConnectError> {
    let name: String = tenant
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(crate::config::state_dir()?.join(format!("sandbox-week-{name}.jsonl")))
}

fn unreadable(e: crate::guard::audit::AuditError) -> ConnectError {
    ConnectError::Io {
        context: "the sandbox's week at the center".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Writes the week of `sandbox` (just created or reset), in place of one written before;
/// returns how many records.
pub fn write_week(sandbox: &Sandbox) -> Result<usize, ConnectError> {
    let tenant = sandbox.credentials()?.tenant_id;
    let file = path(&tenant)?;
    let log = AuditLog::at(file.clone());
    for old in [file.clone(), file.with_extension("head")] {
        match std::fs::remove_file(&old) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(ConnectError::Io {
                    context: format!("cannot replace {}", old.display()),
                    source: e,
                });
            }
            _ => {}
        }
    }
    let (audits, people) = sandbox.records_and_people(&PEOPLE)?;
    let now = Timestamp::now();
    let entries = week(
        &audits,
        &people,
        &tenant,
        now.round(jiff::Unit::Second).unwrap_or(now),
    );
    let n = entries.len();
    log.append_all(entries).map_err(unreadable)?;
    Ok(n)
}

/// The week of the sandbox tenant `tenant`, if one was written on this machine.
pub fn week_of(tenant: &str) -> Result<Vec<Record>, ConnectError> {
    AuditLog::at(path(tenant)?).records().map_err(unreadable)
}

/// What the caller needed, for a change of this kind.
fn need(action: &str) -> &'static str {
    match action {
        "phone.set" => "change-number",
        "method.remove" => "lost-phone",
        "method.add" => "no-mobile",
        _ => "left-phone",
    }
}

/// One seeded call's records, in order.
struct Call<'a> {
    n: usize,
    tenant: &'a str,
    agent: String,
    caller: Target,
}

impl Call<'_> {
    fn mark(&self, at: Timestamp, mark: CallMark, detail: Option<String>) -> Entry {
        self.entry(at, mark.action(), mark.result(), detail)
    }

    fn entry(&self, at: Timestamp, action: &str, result: &str, detail: Option<String>) -> Entry {
        Entry {
            at: at.to_string(),
            agent: self.agent.clone(),
            tenant: self.tenant.to_string(),
            action: action.into(),
            target: self.caller.clone(),
            ticket: Some(format!("INC00{:05}", 41200 + self.n)),
            result: result.into(),
            detail: detail.map(|d| crate::output::sanitize(&d)),
            call: Some(format!("sandbox-seed-{:02}", self.n)),
            ..Entry::default()
        }
    }

    /// The call's first record (the caller not yet found) and last (what they needed).
    fn around(
        &self,
        start: Timestamp,
        end: Timestamp,
        needs: &str,
        between: Vec<Entry>,
    ) -> Vec<Entry> {
        let mut first = self.mark(start, CallMark::Start, None);
        first.target = Target::default();
        let last = self.mark(end, CallMark::End, Some(format!("{NEEDS}{needs}")));
        [vec![first], between, vec![last]].concat()
    }
}

/// When the seed's `i`-th call of the week came in (the center's working hours).
fn seeded_call(now: Timestamp, i: usize) -> Timestamp {
    now - SignedDuration::from_secs_f64(crate::sandbox::week_call_hours(now, i) * 3600.0)
}

/// The week's records, oldest call first: the tenant's changes by an agent, each as a call,
/// and the calls that changed nothing, around `now` (when the seed ran).
fn week(audits: &[DirectoryAudit], people: &[User], tenant: &str, now: Timestamp) -> Vec<Entry> {
    let mins = SignedDuration::from_mins;
    let by_agent: Vec<&DirectoryAudit> = audits
        .iter()
        .filter(|a| a.initiated_by.user.is_some() && !a.by_the_person())
        .collect();
    let mut changes = calls::from_tenant(&by_agent);
    changes.sort_by(|a, b| a.entry.at.cmp(&b.entry.at));
    let mut out: Vec<(Timestamp, Vec<Entry>)> = vec![];
    for (n, change) in changes.into_iter().enumerate() {
        let Ok(at) = change.entry.at.parse::<Timestamp>() else {
            continue;
        };
        let e = change.entry;
        let call = Call {
            n: n + 1,
            tenant,
            agent: e.agent.clone(),
            caller: e.target.clone(),
        };
        // the repeat caller's last pass: the agent saw her three calls and checked her badge
        let again = e.target.upn == demo::REPEAT_CALLER
            && out
                .iter()
                .filter(|(_, c)| c.iter().any(|r| r.target.upn == demo::REPEAT_CALLER))
                .count()
                == 2;
        // the ways a desk verifies, in turn (the callback numbers are fictional, 555-01xx)
        let (how, described, evidence) = match (again, n % 3) {
            (true, _) => (
                "in-person",
                "seen in person with their badge",
                "witness: front office, district office".to_string(),
            ),
            (false, 0) => (
                "callback",
                "called back on a number of record",
                format!("+1 50255501{:02}", n % 100),
            ),
            (false, 1) => (
                "verified-id",
                "presented a Verified ID",
                format!("reference VID-{}", 7300 + n),
            ),
            (false, _) => (
                "in-person",
                "seen in person with their badge",
                "witness: Dana Ortiz, front office".to_string(),
            ),
        };
        // calls of different lengths: 3 to 7 minutes before the change, 1 to 4 after
        let (before, after) = (mins(3 + (n as i64 * 3) % 5), mins(1 + (n as i64 * 7) % 4));
        let mut verify = call.entry(
            at - before + mins(1),
            "verify",
            "success",
            Some(format!("{described}: {evidence}")),
        );
        verify.verified_by = Some(how.into());
        verify.evidence = Some(evidence);
        let (intent, done) = match e.action.as_str() {
            "passcode.issue" => ("issue a one-time pass", "issued a one-time pass"),
            "phone.set" => ("set the mobile phone", "set the mobile phone"),
            "method.remove" => ("remove a method", "removed a method"),
            _ => ("register a method", "registered a method"),
        };
        let made = |result: &str, detail: &str| {
            let mut r = call.entry(at, &e.action, result, Some(detail.into()));
            r.verified_by = verify.verified_by.clone();
            r.evidence = verify.evidence.clone();
            r.override_reason = again.then(|| {
                "her third call this week: seen at the district office with her badge".into()
            });
            r
        };
        let between = vec![
            verify.clone(),
            made("intent", intent),
            made("success", done),
        ];
        out.push((
            at,
            call.around(at - before, at + after, need(&e.action), between),
        ));
    }
    let first = out.len();
    for (i, user) in people.iter().enumerate() {
        let call = Call {
            n: first + i + 1,
            tenant,
            agent: SHIFT[i % 2].into(),
            caller: Target {
                id: user.id.clone(),
                upn: user.upn().to_string(),
            },
        };
        let name = user.display_name.as_deref().unwrap_or(user.upn());
        let (start, records, needs) = match user.upn() {
            // someone called as the person who reported a prompt as fraud this morning
            demo::FRAUD_REPORTED => {
                let start = now - mins(22);
                let stopped = call.entry(
                    start + mins(1),
                    "passcode.issue",
                    "refused",
                    Some(format!(
                        "STOP: {name} ({}): they reported an MFA prompt as fraud minutes before: someone else may have their password",
                        user.upn()
                    )),
                );
                let callback = call.entry(
                    start + mins(3),
                    "verify",
                    "failed",
                    Some("called back on a number of record: not done".into()),
                );
                (start, vec![stopped, callback], "left-phone")
            }
            demo::PUSH_FATIGUE => {
                // the working day before, an hour and a half after its late-morning call
                let start = seeded_call(now, 1) + mins(90);
                let failed = call.entry(
                    start + mins(2),
                    "verify",
                    "failed",
                    Some("could not verify the caller".into()),
                );
                (start, vec![failed], "lost-phone")
            }
            // the working day before, an hour after its morning call
            _ => (seeded_call(now, 0) + mins(60), vec![], "delegate"),
        };
        out.push((start, call.around(start, start + mins(3), needs, records)));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().flat_map(|(_, records)| records).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::audit::Record;

    fn audit(at: &str, agent: &str, upn: &str, reason: &str) -> DirectoryAudit {
        serde_json::from_value(serde_json::json!({
            "id": format!("{upn}{at}"), "activityDisplayName": "Admin registered security info",
            "result": "success", "resultReason": reason, "activityDateTime": at,
            "loggedByService": "Authentication Methods",
            "initiatedBy": {"user": {"id": "a1", "userPrincipalName": agent}},
            "targetResources": [{"id": format!("id-{upn}"), "userPrincipalName": upn}]
        }))
        .unwrap()
    }

    fn user(upn: &str, name: &str) -> User {
        serde_json::from_value(serde_json::json!({
            "id": format!("id-{upn}"), "userPrincipalName": upn, "displayName": name
        }))
        .unwrap()
    }

    #[test]
    fn the_week_reads_as_calls_with_a_repeat_caller_and_a_stopped_impostor() {
        let now: Timestamp = "2026-12-03T15:00:00Z".parse().unwrap();
        let pass = "Admin registered temporary access pass method for user";
        let phone = "Admin registered phone method for user";
        let audits = vec![
            audit(
                "2026-11-28T15:00:00Z",
                demo::AGENT_PRIV_AUTH,
                demo::REPEAT_CALLER,
                pass,
            ),
            audit(
                "2026-12-01T13:00:00Z",
                demo::AGENT_AUTH_ADMIN,
                demo::REPEAT_CALLER,
                phone,
            ),
            audit(
                "2026-12-02T13:00:00Z",
                demo::AGENT_AUTH_ADMIN,
                demo::REPEAT_CALLER,
                pass,
            ),
            audit(
                "2026-12-02T09:00:00Z",
                demo::AGENT_AUTH_ADMIN,
                "ann@district.example",
                pass,
            ),
            // a person's own registration is not a call
            audit(
                "2026-12-02T10:00:00Z",
                "ann@district.example",
                "ann@district.example",
                phone,
            ),
        ];
        let people = vec![
            user(demo::FRAUD_REPORTED, "Nina Ross"),
            user(demo::PUSH_FATIGUE, "Erin Walsh"),
            user(demo::DELEGATE, "Linda Brooks"),
        ];
        let records: Vec<Record> = week(&audits, &people, "t1", now)
            .into_iter()
            .enumerate()
            .map(|(i, entry)| Record {
                seq: i as u64 + 1,
                entry,
                prev: String::new(),
                hash: String::new(),
            })
            .collect();
        assert!(records.iter().all(|r| r.entry.tenant == "t1"));
        let since = now - SignedDuration::from_hours(8 * 24);
        let found = calls::calls(&records, since);
        assert_eq!(found.len(), 7, "{found:#?}");
        let hannah: Vec<_> = found
            .iter()
            .filter(|c| c.user == demo::REPEAT_CALLER)
            .collect();
        assert_eq!(hannah.len(), 3);
        assert!(hannah[0].called_again && hannah[1].called_again && !hannah[2].called_again);
        assert_eq!(
            (hannah[1].scenario, hannah[2].overrides),
            ("phone change", 1)
        );
        assert!(found.iter().all(|c| c.handle_seconds >= 180));
        let nina = found
            .iter()
            .find(|c| c.user == demo::FRAUD_REPORTED)
            .unwrap();
        assert_eq!((nina.refusals, nina.changes.len()), (1, 0));
        assert_eq!(nina.scenario, "left phone at home");
        let linda = found.iter().find(|c| c.user == demo::DELEGATE).unwrap();
        assert_eq!(linda.scenario, "delegate check");
        // the fraud report's week: the stopped pass, two failed verifications, the override
        let tz = jiff::tz::TimeZone::UTC;
        let weeks = crate::ops::fraud::weeks(&records, &[], since, &tz);
        let sum = |f: fn(&crate::ops::fraud::Week) -> u64| weeks.iter().map(f).sum::<u64>();
        assert_eq!(sum(|w| w.stopped), 1);
        assert_eq!(sum(|w| w.failed_verifications), 2);
        assert_eq!(sum(|w| w.overrides.len() as u64), 1);
    }
}
