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

/// The mailbox's language: its default folders' names and the language's own name, from the
/// owner's preferred language (English, or Spanish for `es-*`). A Spanish-language mailbox's
/// calendar is `Calendario` and its inbox `Bandeja de entrada`, in Graph's `name` and
/// `displayName` and in Exchange's folder paths alike (inferred, UNCONFIRMED).
pub struct MailboxLanguage {
    pub calendar: &'static str,
    pub inbox: &'static str,
    pub name: &'static str,
}

pub fn language(owner: &UserRow) -> MailboxLanguage {
    let locale = owner.user.preferred_language.as_deref().unwrap_or("en-US");
    match locale.split('-').next().unwrap_or_default() {
        l if l.eq_ignore_ascii_case("es") => MailboxLanguage {
            calendar: "Calendario",
            inbox: "Bandeja de entrada",
            name: "español (México)",
        },
        _ => MailboxLanguage {
            calendar: "Calendar",
            inbox: "Inbox",
            name: "English (United States)",
        },
    }
}

/// A stable id for one of the owner's default folders (Graph ids are opaque).
fn folder_id(owner: &UserRow, kind: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}/{kind}", owner.user.id))
}

/// `GET /users/{key}/calendar`: the owner's default calendar, by its name in the mailbox's
/// language. A delegated caller who is not the owner is refused (UNCONFIRMED: Graph answers
/// such a caller according to the calendar's sharing).
pub async fn default_calendar(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
) -> ApiResult {
    let owner = own_mailbox(&sb, &caller, &key, Access::ReadCalendar)?;
    let body = with_context(
        &base,
        &format!("users('{}')/calendar/$entity", owner.user.id),
        json!({
            "id": folder_id(&owner, "calendar"),
            "name": language(&owner).calendar,
            "isDefaultCalendar": true,
            "canEdit": true,
            "owner": {"name": owner.user.display_name, "address": owner.user.mail},
        }),
    );
    Ok(json_response(StatusCode::OK, &body))
}

/// `GET /users/{key}/mailFolders/{id}`: one of the owner's default folders by its well-known
/// name (`inbox`, in any case) or its id, with its name in the mailbox's language.
pub async fn mail_folder(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult {
    let owner = own_mailbox(&sb, &caller, &key, Access::ReadMailFolders)?;
    let asked = params.get("folder").cloned().unwrap_or_default();
    let id = folder_id(&owner, "inbox");
    if !asked.eq_ignore_ascii_case("inbox") && asked != id {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "ErrorItemNotFound",
            "The specified object was not found in the store.",
        ));
    }
    let body = with_context(
        &base,
        &format!("users('{}')/mailFolders/$entity", owner.user.id),
        json!({
            "id": id,
            "displayName": language(&owner).inbox,
            "parentFolderId": folder_id(&owner, "root"),
            "childFolderCount": 0,
            "isHidden": false,
        }),
    );
    Ok(json_response(StatusCode::OK, &body))
}

fn settings(owner: &UserRow) -> MailboxSettings {
    MailboxSettings {
        time_zone: owner.time_zone.clone(),
        language: Some(LocaleInfo {
            locale: owner.user.preferred_language.clone(),
            display_name: Some(language(owner).name.into()),
        }),
        date_format: Some("M/d/yyyy".into()),
        time_format: Some("h:mm tt".into()),
        delegate_meeting_message_delivery_options: owner.delegate_delivery.clone(),
    }
}

fn readable_mailbox(sb: &Sandbox, caller: &Caller, key: &str) -> Result<UserRow, ApiError> {
    own_mailbox(sb, caller, key, Access::ReadMailbox)
}

/// The owner's mailbox for `access`: the app reads any; a delegated caller only their own.
fn own_mailbox(
    sb: &Sandbox,
    caller: &Caller,
    key: &str,
    access: Access,
) -> Result<UserRow, ApiError> {
    let owner = mailbox_owner(sb, caller, key, access)?;
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

/// `POST /users/{key}/sendMail`: as the app, from any mailbox; as an agent, only from their own
/// (Graph's `ErrorSendAsDenied` otherwise). Nothing leaves the sandbox: the message goes to the
/// outbox (`care sandbox outbox`), and Graph's 202 comes back.
pub async fn send_mail(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    body: axum::body::Bytes,
) -> ApiResult {
    let sender = mailbox_owner(&sb, &caller, &key, Access::SendMail)?;
    if caller.user.is_some() && !caller.is_user(&sender.user.id) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ErrorSendAsDenied",
            "The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.",
        ));
    }
    send(&sb, &caller, &sender, &body)
}

/// `POST /me/sendMail`: the signed-in agent's own mailbox.
pub async fn send_my_mail(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    body: axum::body::Bytes,
) -> ApiResult {
    let Some(me) = &caller.user else {
        return Err(ApiError::bad_request(
            "BadRequest",
            "/me request is only valid with delegated authentication flow.",
        ));
    };
    let sender = mailbox_owner(&sb, &caller, &me.user.id, Access::SendMail)?;
    send(&sb, &caller, &sender, &body)
}

fn send(sb: &Sandbox, caller: &Caller, sender: &UserRow, body: &[u8]) -> ApiResult {
    let invalid = |m: &str| ApiError::bad_request("ErrorInvalidRequest", m);
    let request: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| invalid("Empty Payload. JSON content expected."))?;
    let message = request
        .get("message")
        .filter(|m| m.is_object())
        .ok_or_else(|| invalid("The message is missing from the request body."))?;
    let addresses = |field: &str| -> Vec<String> {
        message[field]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["emailAddress"]["address"].as_str())
            .map(str::to_owned)
            .collect()
    };
    let to = addresses("toRecipients");
    let cc = addresses("ccRecipients");
    if to.is_empty() && cc.is_empty() || to.iter().chain(&cc).any(|a| !a.contains('@')) {
        return Err(ApiError::bad_request(
            "ErrorInvalidRecipients",
            "At least one recipient is not valid., A message can't be sent because it contains no recipients.",
        ));
    }
    let from = sender.user.upn().to_string();
    sb.store.write(|db| -> Result<(), ApiError> {
        let now = store::now(db)?;
        let mail = json!({
            "sentDateTime": now.round(jiff::Unit::Second).unwrap_or(now).to_string(),
            "from": from,
            "sentBy": caller.user.as_ref().map_or_else(|| format!("app {}", caller.client_id), |u| u.user.upn().to_string()),
            "to": to,
            "cc": cc,
            "subject": message["subject"].as_str().unwrap_or_default(),
            "body": message["body"]["content"].as_str().unwrap_or_default(),
            "contentType": message["body"]["contentType"].as_str().unwrap_or("text"),
        });
        store::insert_mail(db, mail["sentDateTime"].as_str().unwrap_or_default(), &mail)?;
        Ok(())
    })?;
    Ok(axum::response::IntoResponse::into_response(
        StatusCode::ACCEPTED,
    ))
}
