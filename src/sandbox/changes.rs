//! Every change made through the sandbox runs here: in one IMMEDIATE transaction with its
//! `directoryAudits` record, and counted in the stats by target and kind. A change refused for
//! bad input is audited as a failure and changes nothing.

use super::store::{self, UserRow};
use super::tenant::{ApiError, Caller, Sandbox, new_guid};
use crate::graph::model::{
    AuditAppIdentity, AuditInitiatedBy, AuditTarget, AuditUserIdentity, DirectoryAudit,
};
use jiff::Timestamp;
use rusqlite::Connection;

/// What a change is, for the audit log and the stats.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    /// `activityDisplayName`, as Entra's audit log words it.
    pub activity: &'static str,
    /// `resultReason` of a success, where Entra says which method it was.
    pub reason: Option<&'static str>,
    /// Short kind for `/_sandbox/stats` (`phone.update`, `tap.create`, ...).
    pub kind: &'static str,
    /// `loggedByService`.
    pub service: &'static str,
}

pub const METHODS_SERVICE: &str = "Authentication Methods";
pub const DIRECTORY_SERVICE: &str = "Core Directory";

fn operation_type(kind: &str) -> &'static str {
    match kind.rsplit('.').next() {
        Some("add" | "create") => "Add",
        Some("delete") => "Delete",
        _ => "Update",
    }
}

fn record(
    caller: &Caller,
    target: &UserRow,
    change: Change,
    now: Timestamp,
    failure: Option<&str>,
) -> DirectoryAudit {
    let initiated_by = match &caller.user {
        Some(u) => AuditInitiatedBy {
            user: Some(AuditUserIdentity {
                id: Some(u.user.id.clone()),
                display_name: u.user.display_name.clone(),
                user_principal_name: u.user.user_principal_name.clone(),
            }),
            app: None,
        },
        None => AuditInitiatedBy {
            user: None,
            app: Some(AuditAppIdentity {
                app_id: Some(caller.client_id.clone()),
                display_name: Some(caller.app_name.clone()),
                service_principal_id: None,
            }),
        },
    };
    DirectoryAudit {
        id: new_guid(),
        category: "UserManagement".into(),
        correlation_id: Some(new_guid()),
        result: if failure.is_some() {
            "failure"
        } else {
            "success"
        }
        .into(),
        result_reason: failure.or(change.reason).map(str::to_owned),
        activity_display_name: change.activity.into(),
        activity_date_time: now.round(jiff::Unit::Second).unwrap_or(now).to_string(),
        logged_by_service: Some(change.service.into()),
        operation_type: Some(operation_type(change.kind).into()),
        initiated_by,
        target_resources: vec![AuditTarget {
            id: Some(target.user.id.clone()),
            display_name: target.user.display_name.clone(),
            user_principal_name: target.user.user_principal_name.clone(),
            kind: Some("User".into()),
        }],
    }
}

/// Applies `f` to the store as one audited change of `target`.
pub fn apply<T>(
    sb: &Sandbox,
    caller: &Caller,
    target: &UserRow,
    change: Change,
    f: impl FnOnce(&Connection, Timestamp) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let result = sb.store.write(|db| -> Result<T, ApiError> {
        let now = store::now(db)?;
        let out = f(db, now)?;
        store::insert_audit(db, &record(caller, target, change, now, None))?;
        Ok(out)
    });
    match &result {
        Ok(_) => {
            let mut stats = sb.stats();
            *stats
                .writes
                .entry(target.user.upn().to_string())
                .or_default()
                .entry(change.kind.to_string())
                .or_default() += 1;
        }
        Err(e) if e.status.is_client_error() => {
            let reason = e.message.clone();
            let _ = sb.store.write(|db| {
                let now = store::now(db)?;
                store::insert_audit(db, &record(caller, target, change, now, Some(&reason)))
            });
        }
        Err(_) => {}
    }
    result
}
