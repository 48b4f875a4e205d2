//! Exchange data Graph exposes: a user's calendar permissions (who is a delegate, who a sharee)
//! and mailbox settings (who receives meeting requests).

use super::policy::{self, Access};
use super::query::UserKey;
use super::store::{self, UserRow};
use super::tenant::{ApiError, ApiResult, Base, Caller, Sandbox, json_response, with_context};
use super::users::load_user;
use crate::graph::model::{LocaleInfo, MailboxSettings};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

fn mailbox_owner(
    sb: &Sandbox,
    caller: &Caller,
    key: &str,
    access: Access,
) -> Result<UserRow, ApiError> {
    let user = load_user(sb, key)?;
    policy::require(sb, caller, access, Some(&user))?;
    if !user.has_mailbox {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "MailboxNotEnabledForRESTAPI",
            "The mailbox is either inactive, soft-deleted, or is hosted on-premise.",
        ));
    }
    Ok(user)
}

pub async fn calendar_permissions(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
) -> ApiResult {
    let owner = mailbox_owner(&sb, &caller, &key, Access::ReadCalendar)?;
    // Graph answers a delegated caller who is not the owner with an empty collection.
    let perms = if caller.user.is_some() && !caller.is_user(&owner.user.id) {
        vec![]
    } else {
        sb.store
            .read(|db| store::calendar_permissions(db, &owner.user.id))?
    };
    let body = json!({
        "@odata.context": format!("{}/$metadata#users('{}')/calendar/calendarPermissions", base.0, owner.user.id),
        "value": perms,
    });
    Ok(json_response(StatusCode::OK, &body))
}

fn settings(owner: &UserRow) -> MailboxSettings {
    MailboxSettings {
        time_zone: owner.time_zone.clone(),
        language: Some(LocaleInfo {
            locale: owner.user.preferred_language.clone(),
            display_name: Some("English (United States)".into()),
        }),
        date_format: Some("M/d/yyyy".into()),
        time_format: Some("h:mm tt".into()),
        delegate_meeting_message_delivery_options: owner.delegate_delivery.clone(),
    }
}

fn readable_mailbox(sb: &Sandbox, caller: &Caller, key: &str) -> Result<UserRow, ApiError> {
    let owner = mailbox_owner(sb, caller, key, Access::ReadMailbox)?;
    if caller.user.is_some() && !caller.is_user(&owner.user.id) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ErrorAccessDenied",
            "Access is denied. Check credentials and try again.",
        ));
    }
    Ok(owner)
}

pub async fn mailbox_settings(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
) -> ApiResult {
    let owner = readable_mailbox(&sb, &caller, &key)?;
    let body = with_context(
        &base,
        &format!("users('{}')/mailboxSettings", owner.user.id),
        serde_json::to_value(settings(&owner)).unwrap_or_default(),
    );
    Ok(json_response(StatusCode::OK, &body))
}

pub async fn mailbox_setting(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult {
    let owner = readable_mailbox(&sb, &caller, &key)?;
    let prop = params.get("prop").cloned().unwrap_or_default();
    let all = serde_json::to_value(settings(&owner)).unwrap_or_default();
    let value = all.get(&prop).cloned().ok_or_else(|| {
        ApiError::bad_request(
            "BadRequest",
            format!("Resource not found for the segment '{prop}'."),
        )
    })?;
    let body = json!({
        "@odata.context": format!("{}/$metadata#users('{}')/mailboxSettings/{prop}", base.0, owner.user.id),
        "value": value,
    });
    Ok(json_response(StatusCode::OK, &body))
}
