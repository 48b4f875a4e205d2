//! The local audit log held against the tenant's own (`directoryAudits`), which no agent can
//! rewrite: every change the tenant saw care's app or this agent make that has no local record,
//! every local success the tenant never saw, and every intent whose outcome was never written.
//!
//! Changes are matched by the person they were made to and the time, not by activity names:
//! which Graph call Entra records under which name is not all documented (see the README), and
//! one local record (a method reset) may be several of Entra's.

use super::audit::{self, Record};
use crate::graph::model::DirectoryAudit;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// How far apart a local record and Entra's may be and still be one change (Entra's own
/// latency is minutes).
const SLACK: SignedDuration = SignedDuration::from_mins(10);
/// A local success younger than this may not be in the tenant's log yet.
pub const LATENCY: SignedDuration = SignedDuration::from_mins(15);

/// Whose changes the tenant's log is searched for.
#[derive(Debug, Clone, Default)]
pub struct Ours {
    /// care's app (client) id: app-only changes carry it.
    pub client_id: Option<String>,
    /// The signed-in agent's UPN: their delegated changes carry it.
    pub agent: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Finding {
    /// The tenant saw a change by care's app or this agent that this log does not hold.
    TenantOnly,
    /// This log says a change succeeded; the tenant's log has nothing of it.
    LocalOnly,
    /// This log holds a change's intent and no outcome (care stopped): the tenant says whether
    /// it landed.
    Unfinished,
}

impl Finding {
    pub fn words(self) -> &'static str {
        match self {
            Finding::TenantOnly => "in the tenant, not in this log",
            Finding::LocalOnly => "in this log, not in the tenant",
            Finding::Unfinished => "intent with no outcome",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mismatch {
    pub finding: Finding,
    pub at: String,
    pub user: String,
    /// The change, as the side that has it names it.
    pub change: String,
    pub detail: String,
}

/// What reconciling found.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub mismatches: Vec<Mismatch>,
    /// Local successes and tenant records that matched.
    pub matched: usize,
    /// Local successes too recent to expect in the tenant's log yet.
    pub too_recent: usize,
    /// Changes of this log another agent or app made (not held against the tenant).
    pub others: usize,
}

/// The local records that stand for a change to the tenant's directory (not a verification, a
/// mail, a refusal or a job's approval: none of them is in the tenant's audit log).
fn is_change(r: &Record) -> bool {
    !matches!(
        r.entry.action.as_str(),
        "verify" | "verify.code" | "notify" | "bulk.job" | audit::CALL_START | audit::CALL_END
    ) && matches!(r.entry.result.as_str(), "intent" | "success" | "failed")
}

fn at(s: &str) -> Option<Timestamp> {
    s.parse().ok()
}

fn initiated_by_us(a: &DirectoryAudit, ours: &Ours) -> bool {
    let by_app = a.initiated_by.app.as_ref().is_some_and(|app| {
        ours.client_id.as_deref().is_some_and(|c| {
            app.app_id
                .as_deref()
                .is_some_and(|id| id.eq_ignore_ascii_case(c))
        })
    });
    let by_agent = a.initiated_by.user.as_ref().is_some_and(|u| {
        ours.agent.as_deref().is_some_and(|agent| {
            u.user_principal_name
                .as_deref()
                .is_some_and(|upn| upn.eq_ignore_ascii_case(agent))
        })
    });
    by_app || by_agent
}

fn made_by_us(r: &Record, ours: &Ours) -> bool {
    let agent = &r.entry.agent;
    ours.agent
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case(agent))
        || ours.client_id.as_deref().is_some_and(|c| {
            agent
                .strip_prefix("app ")
                .is_some_and(|id| id.eq_ignore_ascii_case(c))
        })
}

/// A tenant record of a change to how a user signs in, or to their sessions.
fn about_sign_in(a: &DirectoryAudit) -> bool {
    a.logged_by_service.as_deref() == Some("Authentication Methods")
        || a.activity_display_name == "Update StsRefreshTokenValidFrom Timestamp"
}

fn targets(a: &DirectoryAudit) -> Vec<String> {
    a.target_resources
        .iter()
        .flat_map(|t| [t.id.clone(), t.user_principal_name.clone()])
        .flatten()
        .map(|s| s.to_ascii_lowercase())
        .collect()
}

fn same_person(r: &Record, ids: &[String]) -> bool {
    let t = &r.entry.target;
    (!t.id.is_empty() && ids.contains(&t.id.to_ascii_lowercase()))
        || (!t.upn.is_empty() && ids.contains(&t.upn.to_ascii_lowercase()))
}

/// How many of the tenant's records one local change may stand for: a reset removes several
/// methods, a removal may move the default first.
fn capacity(action: &str) -> usize {
    match action {
        "method.reset" => usize::MAX,
        "method.remove" => 2,
        _ => 1,
    }
}

/// One change of this log: its outcome record, or its intent when no outcome was written.
struct Local<'a> {
    record: &'a Record,
    unfinished: bool,
    left: usize,
    matched: usize,
}

/// This log's changes since `since`: each outcome, and each intent whose outcome was never
/// written.
fn changes_of(local: &[Record], since: Timestamp) -> Vec<Local<'_>> {
    let records: Vec<&Record> = local
        .iter()
        .filter(|r| is_change(r))
        .filter(|r| at(&r.entry.at).is_some_and(|t| t >= since))
        .collect();
    let mut changes: Vec<Local> = vec![];
    for (i, r) in records.iter().enumerate() {
        let unfinished = r.entry.result == "intent"
            && !records[i + 1..].iter().any(|later| {
                later.entry.result != "intent"
                    && later.entry.action == r.entry.action
                    && later.entry.target == r.entry.target
                    && later.entry.agent == r.entry.agent
            });
        if r.entry.result != "intent" || unfinished {
            changes.push(Local {
                record: r,
                unfinished,
                left: capacity(&r.entry.action),
                matched: 0,
            });
        }
    }
    changes
}

/// Matches each of the tenant's records to the nearest change of this log to the same person
/// within minutes (each change matching no more records than it makes); returns those no
/// change stands for.
fn pair<'a>(changes: &mut [Local], theirs: &[&'a DirectoryAudit]) -> Vec<&'a DirectoryAudit> {
    let mut unmatched = vec![];
    for a in theirs {
        let Some(when) = at(&a.activity_date_time) else {
            continue;
        };
        let ids = targets(a);
        let nearest = changes
            .iter_mut()
            .filter(|c| c.left > 0 && same_person(c.record, &ids))
            .filter_map(|c| {
                let t = at(&c.record.entry.at)?;
                let gap = (t - when).abs();
                (gap <= SLACK + LATENCY).then_some((gap, c))
            })
            .min_by_key(|(gap, _)| *gap);
        match nearest {
            Some((_, c)) => {
                c.left -= 1;
                c.matched += 1;
            }
            None => unmatched.push(*a),
        }
    }
    unmatched
}

/// The tenant's records of changes to how people sign in that an agent or an app made (not a
/// person's own registration) and no change of `local` since `since` stands for: what the
/// tenant adds to this log's picture.
pub fn not_in_log<'a>(
    local: &[Record],
    tenant: &'a [DirectoryAudit],
    since: Timestamp,
) -> Vec<&'a DirectoryAudit> {
    let theirs: Vec<&DirectoryAudit> = tenant
        .iter()
        .filter(|a| about_sign_in(a) && !a.by_the_person())
        .collect();
    pair(&mut changes_of(local, since), &theirs)
}

/// Holds `local` (this machine's records since `since`) against `tenant` (the tenant's records
/// since then), for the changes `ours` made: each of the tenant's records is matched to the
/// nearest change of this log to the same person within minutes, and each change matches no
/// more records than it makes.
pub fn reconcile(
    local: &[Record],
    tenant: &[DirectoryAudit],
    ours: &Ours,
    since: Timestamp,
    now: Timestamp,
) -> Reconciled {
    // the changes `ours` made (a machine's log may hold another agent's, or the sandbox's week)
    let (mut changes, others): (Vec<Local>, Vec<Local>) = changes_of(local, since)
        .into_iter()
        .partition(|c| made_by_us(c.record, ours));
    let theirs: Vec<&DirectoryAudit> = tenant
        .iter()
        .filter(|a| initiated_by_us(a, ours) && about_sign_in(a))
        .collect();
    let unmatched = pair(&mut changes, &theirs);
    let mut out = Reconciled {
        matched: changes.iter().map(|c| c.matched).sum(),
        others: others.len(),
        ..Reconciled::default()
    };
    for a in unmatched {
        out.mismatches.push(Mismatch {
            finding: Finding::TenantOnly,
            at: a.activity_date_time.clone(),
            user: a
                .target_resources
                .iter()
                .find_map(|t| t.user_principal_name.clone().or(t.id.clone()))
                .unwrap_or_default(),
            change: a.activity_display_name.clone(),
            detail: format!(
                "{} by {}{}",
                a.result,
                a.initiated_by
                    .user
                    .as_ref()
                    .and_then(|u| u.user_principal_name.clone())
                    .or_else(|| a
                        .initiated_by
                        .app
                        .as_ref()
                        .and_then(|p| p.display_name.clone().or(p.app_id.clone())))
                    .unwrap_or_default(),
                a.result_reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
        });
    }
    for c in &changes {
        let r = c.record;
        let Some(when) = at(&r.entry.at) else {
            continue;
        };
        let recent = now - when < LATENCY;
        let mismatch = |finding, detail: String| Mismatch {
            finding,
            at: r.entry.at.clone(),
            user: r.entry.target.upn.clone(),
            change: r.entry.action.clone(),
            detail,
        };
        if c.unfinished {
            out.mismatches.push(mismatch(
                Finding::Unfinished,
                if c.matched > 0 {
                    "the tenant shows a change to them: it landed".into()
                } else if recent {
                    "the tenant shows nothing yet (its log runs minutes behind)".into()
                } else {
                    "the tenant shows nothing: it did not land".into()
                },
            ));
        } else if r.entry.result == "success" && c.matched == 0 {
            if recent {
                out.too_recent += 1;
            } else {
                out.mismatches.push(mismatch(
                    Finding::LocalOnly,
                    r.entry.detail.clone().unwrap_or_default(),
                ));
            }
        }
    }
    out.mismatches.sort_by(|a, b| a.at.cmp(&b.at));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::{AuditAppIdentity, AuditInitiatedBy, AuditTarget};
    use crate::guard::audit::{Entry, Target};

    fn local(seq: u64, at: &str, action: &str, upn: &str, result: &str) -> Record {
        Record {
            seq,
            entry: Entry {
                at: at.into(),
                agent: "app c1".into(),
                action: action.into(),
                target: Target {
                    id: format!("id-{upn}"),
                    upn: upn.into(),
                },
                result: result.into(),
                ..Entry::default()
            },
            prev: String::new(),
            hash: String::new(),
        }
    }

    fn theirs(at: &str, app: &str, upn: &str) -> DirectoryAudit {
        DirectoryAudit {
            activity_display_name: "Admin registered security info".into(),
            activity_date_time: at.into(),
            logged_by_service: Some("Authentication Methods".into()),
            result: "success".into(),
            initiated_by: AuditInitiatedBy {
                user: None,
                app: Some(AuditAppIdentity {
                    app_id: Some(app.into()),
                    ..Default::default()
                }),
            },
            target_resources: vec![AuditTarget {
                id: Some(format!("id-{upn}")),
                user_principal_name: Some(upn.into()),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn each_side_is_held_against_the_other() {
        let ours = Ours {
            client_id: Some("c1".into()),
            agent: None,
        };
        let since: Timestamp = "2026-12-01T00:00:00Z".parse().unwrap();
        let now: Timestamp = "2026-12-01T12:00:00Z".parse().unwrap();
        let local = vec![
            local(1, "2026-12-01T09:00:00Z", "phone.set", "a@x", "intent"),
            local(2, "2026-12-01T09:00:01Z", "phone.set", "a@x", "success"),
            // a success the tenant never saw
            local(3, "2026-12-01T10:00:00Z", "passcode.issue", "b@x", "intent"),
            local(
                4,
                "2026-12-01T10:00:01Z",
                "passcode.issue",
                "b@x",
                "success",
            ),
            // an intent without an outcome, that landed
            local(5, "2026-12-01T11:00:00Z", "phone.remove", "c@x", "intent"),
            // a refusal is no change
            local(6, "2026-12-01T11:05:00Z", "phone.set", "d@x", "refused"),
            // too recent to look for
            local(7, "2026-12-01T11:55:00Z", "session.revoke", "e@x", "intent"),
            local(
                8,
                "2026-12-01T11:55:01Z",
                "session.revoke",
                "e@x",
                "success",
            ),
        ];
        let tenant = vec![
            theirs("2026-12-01T09:00:02Z", "c1", "a@x"),
            theirs("2026-12-01T11:00:03Z", "c1", "c@x"),
            // made by care's app, with no local record (another machine, or around care)
            theirs("2026-12-01T08:00:00Z", "c1", "f@x"),
            // made by someone else: not ours to reconcile
            theirs("2026-12-01T08:30:00Z", "other", "g@x"),
        ];
        let r = reconcile(&local, &tenant, &ours, since, now);
        let found: Vec<(Finding, &str)> = r
            .mismatches
            .iter()
            .map(|m| (m.finding, m.user.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (Finding::TenantOnly, "f@x"),
                (Finding::LocalOnly, "b@x"),
                (Finding::Unfinished, "c@x"),
            ]
        );
        assert!(r.mismatches[2].detail.contains("it landed"));
        assert_eq!(r.too_recent, 1);
        assert_eq!(r.matched, 2);
    }
}
