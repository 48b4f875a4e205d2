//! The `directoryAudits` record of a change: what Entra's audit log says about it. Changes made
//! through the sandbox are recorded by [`super::changes`]; the seed writes the history of earlier
//! calls with the same words.

use super::store::UserRow;
use crate::graph::model::{AuditInitiatedBy, AuditTarget, AuditUserIdentity, DirectoryAudit};
use jiff::Timestamp;

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

impl Change {
    /// A method of a user registered or changed by an admin ("Admin registered security info").
    pub const fn registered(kind: &'static str, reason: &'static str) -> Change {
        Change {
            activity: "Admin registered security info",
            reason: Some(reason),
            kind,
            service: METHODS_SERVICE,
        }
    }

    /// A method of a user deleted by an admin ("Admin deleted security info").
    pub const fn deleted(kind: &'static str, reason: &'static str) -> Change {
        Change {
            activity: "Admin deleted security info",
            reason: Some(reason),
            kind,
            service: METHODS_SERVICE,
        }
    }
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

/// An agent as an audit record names them.
pub fn by_user(u: &UserRow) -> AuditInitiatedBy {
    AuditInitiatedBy {
        user: Some(AuditUserIdentity {
            id: Some(u.user.id.clone()),
            display_name: u.user.display_name.clone(),
            user_principal_name: u.user.user_principal_name.clone(),
        }),
        app: None,
    }
}

/// The audit record of `change` to `target` by `initiated_by` at `now`.
pub fn entry(
    initiated_by: AuditInitiatedBy,
    target: &UserRow,
    change: Change,
    now: Timestamp,
    failure: Option<&str>,
) -> DirectoryAudit {
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

pub fn new_guid() -> String {
    let bytes: [u8; 16] = rand::random();
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}
