//! Every change made through the sandbox runs here: in one IMMEDIATE transaction with its
//! `directoryAudits` record, and counted in the stats by target and kind. A change refused for
//! bad input is audited as a failure and changes nothing.

pub use super::audit::{Change, DIRECTORY_SERVICE, METHODS_SERVICE};
use super::audit::{by_user, entry};
use super::store::{self, UserRow};
use super::tenant::{ApiError, Caller, Sandbox};
use crate::graph::model::{AuditAppIdentity, AuditInitiatedBy, DirectoryAudit};
use jiff::Timestamp;
use rusqlite::Connection;

fn record(
    caller: &Caller,
    target: &UserRow,
    change: Change,
    now: Timestamp,
    failure: Option<&str>,
) -> DirectoryAudit {
    let initiated_by = match &caller.user {
        Some(u) => by_user(u),
        None => AuditInitiatedBy {
            user: None,
            app: Some(AuditAppIdentity {
                app_id: Some(caller.client_id.clone()),
                display_name: Some(caller.app_name.clone()),
                service_principal_id: None,
            }),
        },
    };
    entry(initiated_by, target, change, now, failure)
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
