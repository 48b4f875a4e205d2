//! The center's calls, from the door's audit records (`care report calls`): a guided call
//! (`care call`) is its records from its start to its end, whatever it changed; other records
//! about one caller that follow each other within [`GAP`] are one call, from its first record
//! to its last (the handle time). What it changed, what was refused or overridden, what it was
//! about (what the caller needed, or what was changed). Whether it was resolved on the first
//! call is proved from the tenant afterwards (the person signed in, and did not call again
//! within [`REPEAT`]). Pure: records in, calls out.

use crate::graph::model::DirectoryAudit;
use crate::guard::audit::{CALL_END, Entry, NEEDS, Record, Target};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::collections::BTreeMap;

/// Records about one caller this close together are one call.
pub const GAP: SignedDuration = SignedDuration::from_mins(30);

/// A caller who calls again within this long was not helped the first time.
pub const REPEAT: SignedDuration = SignedDuration::from_hours(7 * 24);

/// One call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    pub user: String,
    pub agent: String,
    pub start: String,
    pub end: String,
    pub handle_seconds: i64,
    /// What the call was about, from what it changed.
    pub scenario: &'static str,
    /// Changes made, by kind (`passcode.issue`: 1).
    pub changes: BTreeMap<String, u64>,
    pub refusals: u64,
    pub overrides: u64,
    /// The same person called again within 7 days.
    pub called_again: bool,
    /// Resolved on the first call: signed in after it and did not call again (`None`: the
    /// tenant's sign-ins could not be read, or it changed nothing to prove).
    pub resolved: Option<bool>,
}

/// What a call of loose commands was about, from the changes it made (the weightiest first);
/// a guided call's is what the caller needed ([`needed`]).
fn scenario(changes: &BTreeMap<String, u64>) -> &'static str {
    let has = |prefix: &str| changes.keys().any(|k| k.starts_with(prefix));
    if has("method.reset") || has("method.remove") {
        "lost phone"
    } else if has("phone.") {
        "phone change"
    } else if has("passkey.") || has("qr.") || has("fob.") || has("method.add") {
        "new method"
    } else if has("passcode.") {
        "temporary pass"
    } else if has("session.") {
        "sign-out"
    } else if changes.is_empty() {
        "advice only"
    } else {
        "other change"
    }
}

/// What a guided call was about, from what the caller needed (the FAQ's topics its end
/// record names; the weightiest first), in the words [`scenario`] uses where they meet;
/// `nothing asked` when the call ended before a need was picked.
fn needed(needs: &[&str]) -> &'static str {
    const WEIGHT: &[(&str, &str)] = &[
        ("lost-phone", "lost phone"),
        ("change-number", "phone change"),
        ("office-phone", "office phone"),
        ("no-mobile", "office phone"),
        ("left-phone", "left phone at home"),
        ("no-signal", "no signal"),
        ("delegate", "delegate check"),
        ("native-mail", "phone's mail app"),
        ("how-often", "how often MFA"),
    ];
    WEIGHT
        .iter()
        .find(|(topic, _)| needs.contains(topic))
        .map_or("nothing asked", |(_, words)| words)
}

/// The topics a guided call's end record names (`needs: left-phone, delegate`).
fn needs_of(r: &Record) -> Option<Vec<&str>> {
    let e = &r.entry;
    let listed = e.detail.as_deref()?.strip_prefix(NEEDS)?;
    let listed = listed.split(';').next().unwrap_or_default();
    (e.action == CALL_END).then(|| {
        listed
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty() && *t != "none")
            .collect()
    })
}

/// The records of one call, in order, and who it was about.
struct Group<'a> {
    user: String,
    records: Vec<(Timestamp, &'a Record)>,
}

/// The calls since `since`, oldest first: a guided call's records by the call they name
/// (from `care call`'s start to its end, changes or not), other records about one person
/// within [`GAP`] of each other. Bulk rows and mail notices are not calls.
pub fn calls(records: &[Record], since: Timestamp) -> Vec<Call> {
    // a call's name is its agent's (two machines may name two calls alike)
    let mut guided: BTreeMap<(&str, &str), Vec<(Timestamp, &Record)>> = BTreeMap::new();
    let mut loose: BTreeMap<String, Vec<(Timestamp, &Record)>> = BTreeMap::new();
    for r in records {
        let e = &r.entry;
        if e.job.is_some() || e.action == "notify" || e.action == "bulk.job" {
            continue;
        }
        let Ok(at) = e.at.parse::<Timestamp>() else {
            continue;
        };
        if at < since {
            continue;
        }
        match &e.call {
            Some(call) => guided.entry((&e.agent, call)).or_default().push((at, r)),
            // one person however their UPN was spelled (the tenant's log and care's differ)
            None if !e.target.upn.is_empty() => loose
                .entry(e.target.upn.to_lowercase())
                .or_default()
                .push((at, r)),
            None => {}
        }
    }
    let mut groups: Vec<Group> = vec![];
    for (_, mut recs) in guided {
        recs.sort_by_key(|(t, r)| (*t, r.seq));
        // the caller its end names, else the first person a record of it names
        let user = recs
            .iter()
            .rev()
            .find(|(_, r)| r.entry.action == CALL_END)
            .into_iter()
            .chain(&recs)
            .map(|(_, r)| r.entry.target.upn.to_lowercase())
            .find(|u| !u.is_empty())
            .unwrap_or_default();
        groups.push(Group {
            user,
            records: recs,
        });
    }
    for (user, mut recs) in loose {
        recs.sort_by_key(|(t, r)| (*t, r.seq));
        for rec in recs {
            match groups.last_mut() {
                Some(g)
                    if g.user == user
                        && g.records[0].1.entry.call.is_none()
                        && rec.0.duration_since(g.records[g.records.len() - 1].0) <= GAP =>
                {
                    g.records.push(rec)
                }
                _ => groups.push(Group {
                    user: user.clone(),
                    records: vec![rec],
                }),
            }
        }
    }
    // a person's calls in order, for who called again
    groups.sort_by(|a, b| (&a.user, a.records[0].0).cmp(&(&b.user, b.records[0].0)));
    let mut out = vec![];
    for (i, g) in groups.iter().enumerate() {
        let (start, end) = (g.records[0].0, g.records[g.records.len() - 1].0);
        let mut changes = BTreeMap::new();
        let (mut refusals, mut overrides) = (0, 0);
        let mut needs = None;
        for (_, r) in &g.records {
            let e = &r.entry;
            match e.result.as_str() {
                "success" if e.action != "verify" && e.action != "verify.code" => {
                    *changes.entry(e.action.clone()).or_insert(0) += 1;
                    if e.override_reason.is_some() {
                        overrides += 1;
                    }
                }
                "refused" => refusals += 1,
                _ => {}
            }
            needs = needs.or_else(|| needs_of(r));
        }
        let called_again = groups.get(i + 1).is_some_and(|next| {
            !g.user.is_empty()
                && next.user == g.user
                && next.records[0].0.duration_since(end) <= REPEAT
        });
        out.push(Call {
            user: g.user.clone(),
            agent: g.records[0].1.entry.agent.clone(),
            start: start.to_string(),
            end: end.to_string(),
            handle_seconds: end.duration_since(start).as_secs(),
            scenario: match &needs {
                _ if g.user.is_empty() => "caller not found",
                Some(n) if changes.is_empty() || !n.is_empty() => needed(n),
                _ => scenario(&changes),
            },
            changes,
            refusals,
            overrides,
            called_again,
            resolved: None,
        });
    }
    out.sort_by(|a, b| a.start.cmp(&b.start));
    out
}

/// The tenant's records of changes to authentication methods, as the door's records of the
/// changes (who made them, to whom, which kind), so the calls of every agent count, whatever
/// machine they used. The kind is read from the record's reason (UNCONFIRMED: Microsoft
/// documents the activities, not these words): a pass, a phone, another method registered, a
/// method deleted.
pub fn from_tenant(audits: &[&DirectoryAudit]) -> Vec<Record> {
    audits
        .iter()
        .filter_map(|a| {
            let reason = a
                .result_reason
                .as_deref()
                .unwrap_or_default()
                .to_lowercase();
            let activity = a.activity_display_name.to_lowercase();
            let action = if activity.contains("deleted") {
                "method.remove"
            } else if reason.contains("temporary access pass") {
                "passcode.issue"
            } else if reason.contains("phone") {
                "phone.set"
            } else if activity.contains("registered") || activity.contains("updated") {
                "method.add"
            } else {
                return None;
            };
            let target = a.target_resources.first()?;
            let agent = match (&a.initiated_by.user, &a.initiated_by.app) {
                (Some(u), _) => u.user_principal_name.clone().unwrap_or_default(),
                (None, Some(app)) => format!("app {}", app.app_id.clone().unwrap_or_default()),
                (None, None) => String::new(),
            };
            Some(Record {
                seq: 0,
                entry: Entry {
                    at: a.activity_date_time.clone(),
                    agent,
                    action: action.into(),
                    target: Target {
                        id: target.id.clone().unwrap_or_default(),
                        upn: target.user_principal_name.clone().unwrap_or_default(),
                    },
                    result: if a.result.eq_ignore_ascii_case("success") {
                        "success"
                    } else {
                        "failed"
                    }
                    .into(),
                    ..Entry::default()
                },
                prev: String::new(),
                // a key no local record has: the tenant's own id
                hash: format!("tenant:{}", a.id),
            })
        })
        .collect()
}

/// How long after a call registering a method of their own proves it helped (a pass's
/// longest usual lifetime, a working day).
pub const REGISTERED_WITHIN: SignedDuration = SignedDuration::from_hours(8);

/// When each person registered a method themselves (the tenant's records of security info a
/// user registered for themselves), by UPN.
pub fn self_registrations(audits: &[DirectoryAudit]) -> BTreeMap<String, Vec<Timestamp>> {
    let mut out: BTreeMap<String, Vec<Timestamp>> = BTreeMap::new();
    for a in audits {
        let Some(target) = a.target_resources.first() else {
            continue;
        };
        if !a.by_the_person()
            || !a
                .activity_display_name
                .to_lowercase()
                .contains("registered")
            || !a.result.eq_ignore_ascii_case("success")
        {
            continue;
        }
        if let (Some(upn), Ok(at)) = (
            &target.user_principal_name,
            a.activity_date_time.parse::<Timestamp>(),
        ) {
            out.entry(upn.to_lowercase()).or_default().push(at);
        }
    }
    out
}

/// Settles each call's first-call resolution: resolved when, after the call, the person
/// signed in successfully (`signed_in`: their last, `None` when it could not be read) or
/// registered a method themselves within [`REGISTERED_WITHIN`], and did not call again. A
/// call that changed nothing has nothing to prove.
pub fn settle(
    calls: &mut [Call],
    signed_in: &BTreeMap<String, Option<Timestamp>>,
    registered: &BTreeMap<String, Vec<Timestamp>>,
) {
    for c in calls.iter_mut().filter(|c| !c.changes.is_empty()) {
        let Ok(end) = c.end.parse::<Timestamp>() else {
            continue;
        };
        let own_method = registered.get(&c.user.to_lowercase()).is_some_and(|ts| {
            ts.iter()
                .any(|t| *t > end && t.duration_since(end) <= REGISTERED_WITHIN)
        });
        let signed = signed_in.get(&c.user).copied().flatten().map(|t| t > end);
        c.resolved = match (signed, own_method) {
            (_, true) | (Some(true), _) => Some(!c.called_again),
            (Some(false), false) => Some(false),
            (None, false) => None,
        };
    }
}

/// The calls of a group (an agent, a scenario, a school, or all), summed up.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub group: String,
    pub calls: u64,
    /// Of the calls with more than one record (a call seen in one record, as the tenant's log
    /// shows most, has no measurable length); `None` when there are none.
    pub median_handle_seconds: Option<i64>,
    pub changes: u64,
    /// The changes by kind (`passcode.issue`: 3).
    pub changes_by_kind: BTreeMap<String, u64>,
    pub refusals: u64,
    pub overrides: u64,
    /// Calls whose first-call resolution could be proved either way, and those resolved.
    pub provable: u64,
    pub resolved: u64,
    pub repeat_callers: u64,
    pub cost: f64,
}

/// The calls summed up by `key` (their group's name), in order of the groups.
pub fn summarize(
    calls: &[Call],
    key: impl Fn(&Call) -> String,
    cost_per_call: f64,
) -> Vec<Summary> {
    let mut groups: BTreeMap<String, Vec<&Call>> = BTreeMap::new();
    for c in calls {
        groups.entry(key(c)).or_default().push(c);
    }
    groups
        .into_iter()
        .map(|(group, cs)| {
            let mut handle: Vec<i64> = cs
                .iter()
                .map(|c| c.handle_seconds)
                .filter(|s| *s > 0)
                .collect();
            handle.sort_unstable();
            // the middle one, or the mean of the middle two
            let median = match handle.len() {
                0 => None,
                n if n % 2 == 1 => Some(handle[n / 2]),
                n => Some((handle[n / 2 - 1] + handle[n / 2]) / 2),
            };
            // who called again within the week, as each call says
            let callers: std::collections::BTreeSet<&str> = cs
                .iter()
                .filter(|c| c.called_again)
                .map(|c| c.user.as_str())
                .collect();
            let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
            for (kind, n) in cs.iter().flat_map(|c| c.changes.iter()) {
                *by_kind.entry(kind.clone()).or_insert(0) += n;
            }
            Summary {
                changes_by_kind: by_kind,
                calls: cs.len() as u64,
                median_handle_seconds: median,
                changes: cs.iter().map(|c| c.changes.values().sum::<u64>()).sum(),
                refusals: cs.iter().map(|c| c.refusals).sum(),
                overrides: cs.iter().map(|c| c.overrides).sum(),
                provable: cs.iter().filter(|c| c.resolved.is_some()).count() as u64,
                resolved: cs.iter().filter(|c| c.resolved == Some(true)).count() as u64,
                repeat_callers: callers.len() as u64,
                cost: cs.len() as f64 * cost_per_call,
                group,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::audit::sample as record;

    /// Kevin's one call: a pass at 08:00 on 2 December.
    fn calls_of_kevin(kevin: &str) -> Vec<Call> {
        let since: Timestamp = "2026-12-01T00:00:00Z".parse().unwrap();
        calls(
            &[record(
                1,
                "2026-12-02T08:00:00Z",
                kevin,
                "passcode.issue",
                "success",
            )],
            since,
        )
    }

    #[test]
    fn records_close_together_are_one_call_and_a_repeat_is_seen() {
        let since: Timestamp = "2026-11-30T00:00:00Z".parse().unwrap();
        let maria = "maria.garcia@district.example";
        let records = vec![
            record(1, "2026-12-01T09:00:00Z", maria, "verify", "success"),
            record(2, "2026-12-01T09:04:00Z", maria, "passcode.issue", "intent"),
            record(
                3,
                "2026-12-01T09:04:01Z",
                maria,
                "passcode.issue",
                "success",
            ),
            record(4, "2026-12-01T09:05:00Z", maria, "notify", "success"),
            // two days later: she calls again
            record(5, "2026-12-03T10:00:00Z", maria, "phone.set", "refused"),
            // someone else, advice only
            record(6, "2026-12-02T08:00:00Z", "kevin@x", "verify", "success"),
        ];
        let mut calls = calls(&records, since);
        assert_eq!(calls.len(), 3);
        let first = &calls[0];
        assert_eq!((first.user.as_str(), first.handle_seconds), (maria, 241));
        assert_eq!(first.scenario, "temporary pass");
        assert!(first.called_again);
        assert_eq!(calls[1].scenario, "advice only");
        assert_eq!(calls[2].refusals, 1);
        // she signed in after both calls: the first is still not resolved (she called again)
        let signed_in = BTreeMap::from([(
            maria.to_string(),
            Some("2026-12-03T12:00:00Z".parse().unwrap()),
        )]);
        settle(&mut calls, &signed_in, &BTreeMap::new());
        assert_eq!(calls[0].resolved, Some(false));
        // the one who registered the Authenticator herself an hour after her call: resolved
        let kevin = "kevin@x";
        let mut more = calls_of_kevin(kevin);
        let audit: DirectoryAudit = serde_json::from_value(serde_json::json!({
            "id": "a1", "activityDisplayName": "User registered security info", "result": "success",
            "activityDateTime": "2026-12-02T09:00:00Z",
            "initiatedBy": {"user": {"id": "k1", "userPrincipalName": kevin}},
            "targetResources": [{"id": "k1", "userPrincipalName": kevin}]
        }))
        .unwrap();
        settle(&mut more, &BTreeMap::new(), &self_registrations(&[audit]));
        assert_eq!(more[0].resolved, Some(true));
        let all = summarize(&calls, |_| "all".into(), 4.5);
        assert_eq!(all[0].calls, 3);
        assert_eq!(all[0].repeat_callers, 1);
        assert_eq!(all[0].cost, 13.5);
        assert_eq!(all[0].provable, 1);
    }
}
