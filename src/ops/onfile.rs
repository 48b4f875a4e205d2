//! What a caller is verified by: the numbers of record (on file before this call and not
//! changed for the policy's days, from the tenant's audit log), their manager, and which ways of
//! verifying have something behind them. Never a number the caller offers, one added lately (an
//! impostor may have had another agent add it last week), or the phone being removed as lost.

use crate::graph::client::{GraphClient, GraphError};
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, DirectoryAudit, PhoneType, User};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// A number on file, and why it may not be called back (`None`: it may).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OnFile {
    /// `MFA mobile`, `directory business`, …
    pub kind: &'static str,
    pub number: String,
    /// `authentication methods` or `directory`.
    pub source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_of_record: Option<String>,
}

impl OnFile {
    pub fn of_record(&self) -> bool {
        self.not_of_record.is_none()
    }
    fn is_shared_line(&self) -> bool {
        self.not_of_record
            .as_deref()
            .is_some_and(|w| w.starts_with(SHARED))
    }
}

/// Why a shared line is never called back.
const SHARED: &str = "a shared line";

/// How far back changes make a number too new to call back, and what is known of them already.
pub struct History<'a> {
    pub days: u32,
    /// The user's audit records the caller card read (its window: the last
    /// [`super::flags::CHANGED_DAYS`] days), so they are not read again.
    pub known: Option<&'a [DirectoryAudit]>,
    /// The changes care's own log holds for them (the fallback, and what this call did).
    pub local: Vec<Recent>,
}

/// What makes a number a shared line: the district's list, and how many others may have it.
pub struct Shared<'a> {
    pub lines: &'a [String],
    pub most: usize,
}

/// The caller's manager, as the directory has them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manager {
    pub name: String,
    pub user_principal_name: String,
    /// Their mail address, for a code sent to them.
    pub mail: Option<String>,
    pub numbers: Vec<OnFile>,
}

/// A change to the caller's account the tenant's audit log (or care's own) shows.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recent {
    pub at: String,
    /// The agent's UPN, the app's name, or `the user`.
    pub by: String,
    pub what: String,
    /// Changed their MFA phones (or some method Graph does not name).
    pub phones: bool,
    /// Changed their directory entry (its phone numbers among what may have changed).
    pub directory: bool,
}

/// Everything the verification of one caller rests on.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub numbers: Vec<OnFile>,
    pub manager: Option<Manager>,
    /// The days a number must have stood unchanged.
    pub days: u32,
    /// The changes found in those days.
    pub recent: Vec<Recent>,
    /// Where those changes were read: the tenant's audit log, or only care's own (and why).
    pub history: String,
}

/// The digits of a number, to compare numbers written differently (`(502) 555-0134`,
/// `+1 5025550134`): the same when one's digits end the other's and ten or more match, or
/// when they are equal.
pub fn same_number(a: &str, b: &str) -> bool {
    let digits = |s: &str| -> String {
        let main = s.split(['x', 'X']).next().unwrap_or(s);
        main.chars().filter(char::is_ascii_digit).collect()
    };
    let (a, b) = (digits(a), digits(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short == long || (short.len() >= 10 && long.ends_with(short.as_str()))
}

/// A number that can be dialled: whole (Graph shows MFA phones masked to some roles).
pub fn dialable(n: &str) -> bool {
    n.chars().filter(char::is_ascii_digit).count() >= 7 && !n.contains(['X', '*'])
}

/// Reads what verifying `user` rests on: their manager and the tenant's audit records of the
/// `history`'s days (those the card read are not read again), at once. `losing` are numbers
/// being removed as lost.
pub async fn read(
    graph: &GraphClient,
    user: &User,
    methods: &[AuthMethod],
    losing: &[String],
    history: History<'_>,
    shared: &Shared<'_>,
) -> Record {
    let History { days, known, local } = history;
    let since = Timestamp::now() - SignedDuration::from_hours(24 * i64::from(days));
    let key = UserRef::of(user);
    let audits = async {
        match known.filter(|_| i64::from(days) <= super::flags::CHANGED_DAYS) {
            Some(a) => Ok(a
                .iter()
                .filter(|a| {
                    a.activity_date_time
                        .parse::<Timestamp>()
                        .is_ok_and(|t| t >= since)
                })
                .cloned()
                .collect()),
            None => graph.directory_audits_of(&user.id, since).await,
        }
    };
    let (manager, audits) = tokio::join!(graph.manager(&key), audits);
    let (mut recent, history) = match audits {
        Ok(a) => (
            a.iter().filter_map(recent_of).collect::<Vec<_>>(),
            format!("the tenant's audit log, the last {days} days"),
        ),
        Err(e) => (
            vec![],
            format!(
                "only care's own audit log: the tenant's could not be read ({})",
                short(&e)
            ),
        ),
    };
    recent.extend(local);
    recent.sort_by(|a, b| b.at.cmp(&a.at));
    let mut numbers = numbers(user, methods, losing, &recent, days);
    // a directory number many people have rings a front office, not the caller
    let open: Vec<usize> = (0..numbers.len())
        .filter(|&i| numbers[i].of_record() && numbers[i].source == "directory")
        .collect();
    // (one or two: a directory mobile, a business phone)
    for i in open {
        let reach = crate::ops::phone::reach(graph, &numbers[i].number, &user.id).await;
        let n = &mut numbers[i];
        if let Some(line) = shared.lines.iter().find(|l| same_number(l, &n.number)) {
            n.not_of_record = Some(format!(
                "{SHARED} ({line}): it rings a call queue, not them"
            ));
        } else if let Some(r) = reach.filter(|r| r.people > shared.most) {
            n.not_of_record = Some(format!(
                "{SHARED}, {}: it rings whoever answers, not them",
                r.describe()
            ));
        }
    }
    let manager = manager.ok().flatten().map(|m| Manager {
        name: m.name().to_string(),
        user_principal_name: m.upn().to_string(),
        mail: m.mail.clone().filter(|a| a.contains('@')),
        numbers: directory_numbers(&m)
            .into_iter()
            .map(|(kind, number)| {
                // the school's main line rings its front office, not the manager
                let line = shared.lines.iter().any(|l| same_number(l, &number))
                    || numbers
                        .iter()
                        .any(|n| same_number(&n.number, &number) && n.is_shared_line());
                OnFile {
                    not_of_record: if !dialable(&number) {
                        Some("not a whole number".to_string())
                    } else if line {
                        Some(SHARED.to_string())
                    } else {
                        None
                    },
                    kind,
                    number,
                    source: "directory",
                }
            })
            .collect(),
    });
    Record {
        numbers,
        manager,
        days,
        recent,
        history,
    }
}

fn short(e: &GraphError) -> String {
    match e {
        GraphError::Api(f) => format!("HTTP {}: {}", f.status, f.code),
        other => other.to_string(),
    }
}

fn directory_numbers(u: &User) -> Vec<(&'static str, String)> {
    u.mobile_phone
        .iter()
        .map(|n| ("directory mobile", n.clone()))
        .chain(
            u.business_phones
                .iter()
                .map(|n| ("directory business", n.clone())),
        )
        .collect()
}

/// The caller's numbers, each with why it may not be called back.
fn numbers(
    user: &User,
    methods: &[AuthMethod],
    losing: &[String],
    recent: &[Recent],
    days: u32,
) -> Vec<OnFile> {
    let changed = |phones: bool| {
        recent
            .iter()
            .find(|r| if phones { r.phones } else { r.directory })
            .map(|r| {
                format!(
                    "changed {} by {} ({}): a number stands {days} days before it is one of record",
                    crate::output::local_time(&r.at),
                    r.by,
                    r.what
                )
            })
    };
    let mut out: Vec<OnFile> = vec![];
    for m in methods {
        if let AuthMethod::Phone(p) = m {
            out.push(OnFile {
                kind: match p.phone_type {
                    PhoneType::Mobile => "MFA mobile",
                    PhoneType::AlternateMobile => "MFA alternate",
                    _ => "MFA office",
                },
                number: p.phone_number.clone(),
                source: "authentication methods",
                not_of_record: None,
            });
        }
    }
    let mfa = out.len();
    for (kind, n) in directory_numbers(user) {
        if !out.iter().any(|o| same_number(&o.number, &n)) {
            out.push(OnFile {
                kind,
                number: n,
                source: "directory",
                not_of_record: None,
            });
        }
    }
    for (i, o) in out.iter_mut().enumerate() {
        o.not_of_record = if !dialable(&o.number) {
            Some("masked to your role".into())
        } else if losing.iter().any(|l| same_number(l, &o.number)) {
            Some("the phone being removed as lost".into())
        } else if i < mfa {
            changed(true)
        } else {
            changed(false)
        };
    }
    out
}

/// What an audit record of the caller's account says, when it is a change to their phones or
/// their directory entry (care's own sign-in changes, a pass, are not).
fn recent_of(a: &DirectoryAudit) -> Option<Recent> {
    if a.result != "success" {
        return None;
    }
    let activity = a.activity_display_name.to_ascii_lowercase();
    let reason = a
        .result_reason
        .clone()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let security_info = activity.contains("security info");
    // a record that does not say which method it was counts as a phone
    let phones = security_info && (reason.contains("phone") || !reason.contains("method"));
    let directory = activity == "update user";
    if !phones && !directory {
        return None;
    }
    Some(Recent {
        at: a.activity_date_time.clone(),
        by: a.initiator(),
        what: a
            .result_reason
            .clone()
            .unwrap_or_else(|| a.activity_display_name.clone()),
        phones,
        directory,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::PhoneMethod;

    #[test]
    fn numbers_match_however_they_are_written() {
        assert!(same_number("(502) 555-0134", "+1 5025550134"));
        assert!(same_number("+1 502 555 0134", "502.555.0134"));
        assert!(same_number("+1 5024853552x12", "502-485-3552"));
        assert!(!same_number("555-0134", "+1 5025550134"));
        assert!(!same_number("", "+1 5025550134"));
        assert!(!same_number("+1 5025550134", "+1 5025550135"));
    }

    #[test]
    fn a_number_changed_lately_or_being_lost_is_not_one_of_record() {
        let user = User {
            business_phones: vec!["(502) 485-1100".into()],
            mobile_phone: Some("+1 502 555 0134".into()),
            ..User::default()
        };
        let phone = |t: PhoneType, n: &str| {
            AuthMethod::Phone(PhoneMethod {
                id: "x".into(),
                phone_number: n.into(),
                phone_type: t,
                sms_sign_in_state: None,
            })
        };
        let methods = vec![
            phone(PhoneType::Mobile, "+1 5025550134"),
            phone(PhoneType::AlternateMobile, "+1 50255XXX99"),
        ];
        // nothing changed: every whole number is of record, the directory's mobile once
        let n = numbers(&user, &methods, &[], &[], 14);
        let shown: Vec<(&str, bool)> = n.iter().map(|o| (o.kind, o.of_record())).collect();
        assert_eq!(
            shown,
            vec![
                ("MFA mobile", true),
                ("MFA alternate", false),
                ("directory business", true)
            ]
        );
        assert!(n[1].not_of_record.as_ref().unwrap().contains("masked"));
        // the mobile being removed as lost
        let n = numbers(&user, &methods, &["+1 5025550134".into()], &[], 14);
        assert!(n[0].not_of_record.as_ref().unwrap().contains("lost"));
        assert!(n[2].of_record());
        // a phone method changed five days ago by another agent
        let recent = vec![Recent {
            at: "2026-11-27T10:00:00Z".into(),
            by: "care.auth@district.example".into(),
            what: "Admin registered phone method for user".into(),
            phones: true,
            directory: false,
        }];
        let n = numbers(&user, &methods, &[], &recent, 14);
        assert!(
            n[0].not_of_record
                .as_ref()
                .unwrap()
                .contains("care.auth@district.example")
        );
        assert!(n[2].of_record(), "the directory's number did not change");
    }

    #[test]
    fn audit_records_that_touch_phones_or_the_directory() {
        let audit = |activity: &str, reason: Option<&str>| DirectoryAudit {
            result: "success".into(),
            activity_display_name: activity.into(),
            result_reason: reason.map(str::to_owned),
            ..DirectoryAudit::default()
        };
        let kinds = |a: &DirectoryAudit| recent_of(a).map(|r| (r.phones, r.directory));
        assert_eq!(
            kinds(&audit(
                "Admin registered security info",
                Some("Admin registered phone method for user")
            )),
            Some((true, false))
        );
        assert_eq!(
            kinds(&audit(
                "Admin registered security info",
                Some("Admin registered temporary access pass method for user")
            )),
            None
        );
        assert_eq!(
            kinds(&audit("User registered security info", None)),
            Some((true, false))
        );
        assert_eq!(kinds(&audit("Update user", None)), Some((false, true)));
        assert_eq!(
            kinds(&audit("Update StsRefreshTokenValidFrom Timestamp", None)),
            None
        );
    }
}
