//! The Exchange Online Admin API (Preview) as the sandbox serves it:
//! `POST /exchange/adminapi/v2.0/{tenant}/{Endpoint}` with a `CmdletInput` body, for
//! `Get-MailboxFolderPermission` (`MailboxFolderPermission`) and `Get-Mailbox` (`Mailbox`), in
//! the shapes of `exchange-admin-api.md` §10 and §11. The pipeline in front (token, throttling,
//! faults, stats) is Graph's; the token must be one for `https://outlook.office365.com`.
//!
//! A mailbox `Identity` is taken in the forms the cmdlets document ("any value that uniquely
//! identifies the mailbox"): UPN, email address (primary or other), Entra object id, alias,
//! `domain\alias`, and name (display name); one that names two mailboxes is refused.
//! Distinguished names and LegacyExchangeDN are not modelled. `ResultSize` (an integer or
//! `Unlimited`, default 1000) caps the results; `Get-Mailbox` without `Identity` lists every
//! mailbox. Folders are named in the mailbox's language (`:\Calendario` on a Spanish one).
//!
//! UNCONFIRMED (the documentation leaves them open; README "What it emulates"): the response
//! envelope and value types; `User` as a display name; the calendar rights derived from Graph's
//! calendar roles; GrantSendOnBehalfTo as Entra object ids; the statuses and bodies of errors
//! (400 with `details` for a missing anchor, a bad body, an unknown mailbox or folder, an
//! ambiguous identity, a bad ResultSize or an unknown `$select` property; 404 where the API is
//! not available); which roles suffice; pages of 100 with an `@odata.nextLink` that is
//! re-POSTed with the same body (seen in third-party clients), and `?$select=A,B` on the
//! endpoint's URL.

use super::query::{self, Params};
use super::store::{self, UserRow};
use super::tenant::{ApiError, ApiResult, Base, Caller, Sandbox, json_response};
use crate::graph::model::CalendarPermission;
use crate::graph::model::exchange::{
    CmdletRequest, FolderPermission, Mailbox, Principal, folder_identity,
};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};
use std::sync::Arc;

/// Delegated callers need one of these roles (the Recipient Management role group's, §5).
const ROLES: &[&str] = &[
    "Global Administrator",
    "Exchange Administrator",
    "Exchange Recipient Administrator",
];

/// The endpoints of the reference (§2) the sandbox does not emulate.
const OTHER_ENDPOINTS: &[&str] = &[
    "AcceptedDomain",
    "DistributionGroupMember",
    "DynamicDistributionGroupMember",
    "OrganizationConfig",
];

/// A cmdlet error in the envelope seen on the beta route (§9, OBS): the text in `details`.
fn cmdlet_error(kind: &str, text: &str) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({"error": {
            "code": "BadRequest",
            "message": "Invalid Operation",
            "details": [{"code": "Client", "target": "", "message": format!("|Microsoft.Exchange.{kind}|{text}")}],
            "innererror": {"message": "Invalid Operation", "type": format!("Microsoft.Exchange.{kind}"),
                           "internalexception": {"message": text, "type": format!("Microsoft.Exchange.{kind}")}},
        }}),
    )
}

fn not_found(identity: &str) -> Response {
    cmdlet_error(
        "Configuration.Tasks.ManagementObjectNotFoundException",
        &format!(
            "The operation couldn't be performed because object '{identity}' couldn't be found on the sandbox."
        ),
    )
}

fn meta_flag(sb: &Sandbox, key: &str) -> Result<bool, ApiError> {
    Ok(sb.store.read(|db| store::meta_get(db, key))?.as_deref() != Some("false"))
}

/// The caller may use the Admin API: an Exchange permission in the token (else 401, as seen
/// live), and the Exchange role (else 403, DOC).
fn authorize(sb: &Sandbox, caller: &Caller) -> Result<(), ApiError> {
    if !caller.has_permission(&["Exchange.ManageAsAppV2", "Exchange.ManageV2"]) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "The token carries no Exchange permission (Exchange.ManageAsAppV2 or Exchange.ManageV2, with admin consent).",
        ));
    }
    let allowed = match &caller.user {
        Some(agent) => agent.roles.iter().any(|r| ROLES.contains(&r.as_str())),
        None => meta_flag(sb, "exchange_app_role")?,
    };
    if !allowed {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "The caller is not assigned an Exchange role that allows this cmdlet (Recipient Management; in Entra: Exchange Recipient Administrator or Exchange Administrator).",
        ));
    }
    Ok(())
}

/// The mailbox's alias: its UPN's local part.
fn alias(u: &UserRow) -> &str {
    u.user.upn().split('@').next().unwrap_or_default()
}

/// The mailboxes an identity names, in the documented forms: UPN or object id, an email
/// address (primary, or another with or without `smtp:`), `domain\alias`, an alias, a name.
fn mailboxes_named(sb: &Sandbox, identity: &str) -> Result<Vec<UserRow>, ApiError> {
    let identity = identity.trim();
    let found = sb.store.read(|db| -> rusqlite::Result<Vec<UserRow>> {
        if let Some(u) = store::find_user(db, identity)? {
            return Ok(vec![u]);
        }
        let address = identity
            .strip_prefix("smtp:")
            .or_else(|| identity.strip_prefix("SMTP:"))
            .unwrap_or(identity);
        if address.contains('@') {
            let by_mail = store::find_users_by_column(db, "mail", address)?;
            if !by_mail.is_empty() {
                return Ok(by_mail);
            }
            return Ok(store::all_users(db)?
                .into_iter()
                .filter(|u| {
                    u.user
                        .other_mails
                        .iter()
                        .any(|m| m.eq_ignore_ascii_case(address))
                })
                .collect());
        }
        // `domain\alias`: the tenant's domain, or its first label (the NetBIOS-style name)
        let name = match identity.split_once('\\') {
            None => identity,
            Some((domain, a)) => {
                let ours = store::meta_get(db, "domain")?.unwrap_or_default();
                let netbios = ours.split('.').next().unwrap_or_default();
                if !domain.eq_ignore_ascii_case(&ours) && !domain.eq_ignore_ascii_case(netbios) {
                    return Ok(vec![]);
                }
                a
            }
        };
        let all = store::all_users(db)?;
        let by_alias: Vec<UserRow> = all
            .iter()
            .filter(|u| alias(u).eq_ignore_ascii_case(name))
            .cloned()
            .collect();
        if !by_alias.is_empty() || identity.contains('\\') {
            return Ok(by_alias);
        }
        Ok(all
            .into_iter()
            .filter(|u| {
                u.user
                    .display_name
                    .as_deref()
                    .is_some_and(|d| d.trim().eq_ignore_ascii_case(identity))
            })
            .collect())
    })?;
    Ok(found.into_iter().filter(|u| u.has_mailbox).collect())
}

/// The one mailbox an identity names, or the cmdlet's error (none, or several).
fn mailbox_of(
    sb: &Sandbox,
    identity: &str,
    shown: &str,
) -> Result<Result<UserRow, Response>, ApiError> {
    let mut found = mailboxes_named(sb, identity)?;
    Ok(match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(not_found(shown)),
        n => Err(cmdlet_error(
            "Configuration.Tasks.ManagementObjectAmbiguousException",
            &format!(
                "The operation couldn't be performed because '{identity}' matches {n} objects: use the email address or the object id."
            ),
        )),
    })
}

fn name_of(u: &UserRow) -> Principal {
    Principal {
        name: u.user.display_name.clone(),
        ..Default::default()
    }
}

/// A Graph calendar role as folder rights and sharing flags (inferred, UNCONFIRMED).
fn calendar_rights(role: &str) -> (&'static str, &'static [&'static str]) {
    match role {
        "freeBusyRead" => ("AvailabilityOnly", &[]),
        "limitedRead" => ("LimitedDetails", &[]),
        "read" => ("Reviewer", &[]),
        "write" => ("Editor", &[]),
        "delegateWithoutPrivateEventAccess" => ("Editor", &["Delegate"]),
        "delegateWithPrivateEventAccess" => ("Editor", &["Delegate", "CanViewPrivateItems"]),
        _ => ("None", &[]),
    }
}

fn entry(
    identity: &str,
    folder: &str,
    user: Principal,
    rights: &[&str],
    flags: &[&str],
) -> FolderPermission {
    FolderPermission {
        identity: identity.into(),
        folder_name: folder.into(),
        user,
        access_rights: rights.iter().map(|r| r.to_string()).collect(),
        sharing_permission_flags: flags.iter().map(|f| f.to_string()).collect(),
    }
}

fn everyone(name: &str) -> Principal {
    Principal {
        name: Some(name.into()),
        ..Default::default()
    }
}

/// `Get-MailboxFolderPermission` of `{mailbox}:\Calendar` or `…:\Inbox`. The calendar's
/// entries are Graph's calendar permissions (one source of truth).
fn folder_permissions(
    sb: &Sandbox,
    req: &CmdletRequest,
) -> Result<Result<Vec<FolderPermission>, Response>, ApiError> {
    let Some(identity) = req.parameter("Identity").and_then(Value::as_str) else {
        return Ok(Err(cmdlet_error(
            "Data.ParameterBindingException",
            "Cannot process argument because the value of argument \"Identity\" is null.",
        )));
    };
    let Some((mailbox, folder)) = identity.split_once(":\\") else {
        return Ok(Err(not_found(identity)));
    };
    let owner = match mailbox_of(sb, mailbox, identity)? {
        Ok(o) => o,
        Err(r) => return Ok(Err(r)),
    };
    // a folder by its name in the mailbox's language: `\Calendar` is not on a Spanish one
    let names = super::mail::language(&owner);
    let (kind, named) = if folder.eq_ignore_ascii_case(names.calendar) {
        ("Calendar", names.calendar)
    } else if folder.eq_ignore_ascii_case(names.inbox) {
        ("Inbox", names.inbox)
    } else {
        return Ok(Err(not_found(identity)));
    };
    let id = folder_identity(owner.user.upn(), named);
    let folder = named;
    let mut out = vec![];
    if kind == "Calendar" {
        let perms: Vec<(CalendarPermission, Option<UserRow>)> = sb.store.read(|db| {
            let mut v = vec![];
            for p in store::calendar_permissions(db, &owner.user.id)? {
                let who = match &p.email_address.address {
                    Some(a) => store::find_users_by_column(db, "mail", a)?
                        .into_iter()
                        .next(),
                    None => None,
                };
                v.push((p, who));
            }
            Ok::<_, rusqlite::Error>(v)
        })?;
        for (p, who) in &perms {
            let (rights, flags) = calendar_rights(&p.role);
            match (who, &p.email_address.address) {
                (_, None) => {
                    out.push(entry(&id, folder, everyone("Default"), &[rights], flags));
                    out.push(entry(&id, folder, everyone("Anonymous"), &["None"], &[]));
                }
                (Some(u), Some(_)) => out.push(entry(&id, folder, name_of(u), &[rights], flags)),
                (None, Some(a)) => out.push(entry(
                    &id,
                    folder,
                    Principal {
                        address: Some(a.clone()),
                        ..Default::default()
                    },
                    &[rights],
                    flags,
                )),
            }
        }
    } else {
        out.push(entry(&id, folder, everyone("Default"), &["None"], &[]));
        out.push(entry(&id, folder, everyone("Anonymous"), &["None"], &[]));
        let grants = sb
            .store
            .read(|db| store::folder_permissions(db, &owner.user.id, kind))?;
        for (u, rights) in &grants {
            let rights: Vec<&str> = rights.iter().map(String::as_str).collect();
            out.push(entry(&id, folder, name_of(u), &rights, &[]));
        }
    }
    Ok(Ok(out))
}

/// `Get-Mailbox` of one mailbox, or of every mailbox without `Identity` (in the directory's
/// order), with GrantSendOnBehalfTo as object ids and, when asked, the same people with names
/// and addresses.
fn mailbox(
    sb: &Sandbox,
    req: &CmdletRequest,
    limit: Option<usize>,
) -> Result<Result<Vec<Mailbox>, Response>, ApiError> {
    let owners = match req.parameter("Identity").and_then(Value::as_str) {
        Some(identity) => match mailbox_of(sb, identity, identity)? {
            Ok(o) => vec![o],
            Err(r) => return Ok(Err(r)),
        },
        None => sb
            .store
            .read(store::all_users)?
            .into_iter()
            .filter(|u| u.has_mailbox)
            .take(limit.unwrap_or(usize::MAX))
            .collect(),
    };
    let named = req
        .parameter("IncludeGrantSendOnBehalfTowithDisplayNames")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut out = vec![];
    for owner in &owners {
        out.push(mailbox_record(sb, owner, named)?);
    }
    Ok(Ok(out))
}

fn mailbox_record(sb: &Sandbox, owner: &UserRow, named: bool) -> Result<Mailbox, ApiError> {
    let senders = sb
        .store
        .read(|db| store::send_on_behalf(db, &owner.user.id))?;
    let upn = owner.user.upn().to_string();
    Ok(Mailbox {
        identity: alias(owner).to_string(),
        alias: Some(alias(owner).to_string()),
        name: owner.user.display_name.clone(),
        external_directory_object_id: Some(owner.user.id.clone()),
        display_name: owner.user.display_name.clone(),
        user_principal_name: Some(upn.clone()),
        primary_smtp_address: owner.user.mail.clone().or(Some(upn)),
        recipient_type_details: Some("UserMailbox".into()),
        grant_send_on_behalf_to: senders
            .iter()
            .map(|u| Principal {
                id: Some(u.user.id.clone()),
                ..Default::default()
            })
            .collect(),
        grant_send_on_behalf_to_with_display_names: if named {
            senders
                .iter()
                .map(|u| Principal {
                    name: u.user.display_name.clone(),
                    address: u.user.mail.clone(),
                    id: None,
                })
                .collect()
        } else {
            vec![]
        },
    })
}

/// `ResultSize`: a positive integer or `Unlimited` (any case); 1000 when absent, as the
/// cmdlets' default. `None` is unlimited; an error is the text of the cmdlet's refusal.
fn result_size(req: &CmdletRequest) -> Result<Option<usize>, String> {
    let bad = |v: &Value| {
        let shown = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
        format!(
            "Cannot process argument transformation on parameter 'ResultSize'. Cannot convert value \"{shown}\": give a positive number or Unlimited."
        )
    };
    match req.parameter("ResultSize") {
        None => Ok(Some(1000)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("unlimited") => Ok(None),
        Some(v @ Value::String(s)) => match s.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(bad(v)),
        },
        Some(v) => match v.as_u64() {
            Some(n) if n > 0 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
            _ => Err(bad(v)),
        },
    }
}

/// The properties an endpoint's results have (what `$select` may name).
const FOLDER_PROPERTIES: &[&str] = &[
    "Identity",
    "FolderName",
    "User",
    "AccessRights",
    "SharingPermissionFlags",
];
const MAILBOX_PROPERTIES: &[&str] = &[
    "Identity",
    "DisplayName",
    "Alias",
    "Name",
    "ExternalDirectoryObjectId",
    "UserPrincipalName",
    "PrimarySmtpAddress",
    "RecipientTypeDetails",
    "GrantSendOnBehalfTo",
    "GrantSendOnBehalfToWithDisplayNames",
];

/// Parameters each emulated cmdlet takes (§6, §7); any other is refused as the cmdlet would.
fn check_parameters(req: &CmdletRequest, known: &[&str]) -> Option<Response> {
    req.input
        .parameters
        .keys()
        .find(|k| !known.iter().any(|n| n.eq_ignore_ascii_case(k)))
        .map(|k| {
            cmdlet_error(
                "Data.ParameterBindingException",
                &format!("A parameter cannot be found that matches parameter name '{k}'."),
            )
        })
}

pub async fn cmdlet(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Path((tenant, endpoint)): Path<(String, String)>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    if !meta_flag(&sb, "exchange_available")? {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            "The Admin API is not available in this organization.",
        ));
    }
    authorize(&sb, &caller)?;
    let (tenant_id, domain) = sb.store.read(|db| -> rusqlite::Result<_> {
        Ok((
            store::meta_get(db, "tenant_id")?.unwrap_or_default(),
            store::meta_get(db, "domain")?.unwrap_or_default(),
        ))
    })?;
    if !tenant.eq_ignore_ascii_case(&tenant_id) && !tenant.eq_ignore_ascii_case(&domain) {
        return Ok(cmdlet_error(
            "Data.Directory.TenantNotFoundException",
            &format!("Tenant '{tenant}' is not the tenant of the token."),
        ));
    }
    let anchor = headers
        .get("x-anchormailbox")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let prefixed = ["UPN:", "SMTP:", "APP:"]
        .iter()
        .any(|p| anchor.len() > p.len() && anchor[..p.len()].eq_ignore_ascii_case(p));
    if !prefixed {
        return Ok(cmdlet_error(
            "Data.InvalidAnchorMailboxException",
            "The X-AnchorMailbox header is required: UPN:<mailbox>, SMTP:<address> or APP:<system mailbox>.",
        ));
    }
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let req = match serde_json::from_slice::<CmdletRequest>(&body) {
        Ok(r) if json_body => r,
        _ => {
            return Ok(cmdlet_error(
                "Data.InvalidRequestException",
                "The body must be JSON with Content-Type: application/json: {\"CmdletInput\":{\"CmdletName\":…,\"Parameters\":{…}}}.",
            ));
        }
    };
    let wrong_cmdlet = |expected: &str| {
        cmdlet_error(
            "Data.InvalidCmdletException",
            &format!(
                "The cmdlet '{}' is not available on the {endpoint} endpoint of the sandbox (it answers {expected}).",
                req.input.name
            ),
        )
    };
    let base = format!(
        "http://{}/exchange/adminapi/v2.0/{tenant}",
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("127.0.0.1")
    );
    let limit = match result_size(&req) {
        Ok(l) => l,
        Err(text) => return Ok(cmdlet_error("Data.ParameterBindingException", &text)),
    };
    let value = if endpoint.eq_ignore_ascii_case("MailboxFolderPermission") {
        if !req
            .input
            .name
            .eq_ignore_ascii_case("Get-MailboxFolderPermission")
        {
            return Ok(wrong_cmdlet("Get-MailboxFolderPermission"));
        }
        if let Some(r) = check_parameters(&req, &["Identity", "ResultSize"]) {
            return Ok(r);
        }
        match folder_permissions(&sb, &req)? {
            Ok(v) => v
                .into_iter()
                .take(limit.unwrap_or(usize::MAX))
                .map(|x| serde_json::to_value(x).unwrap_or_default())
                .collect::<Vec<Value>>(),
            Err(r) => return Ok(r),
        }
    } else if endpoint.eq_ignore_ascii_case("Mailbox") {
        if !req.input.name.eq_ignore_ascii_case("Get-Mailbox") {
            return Ok(wrong_cmdlet("Get-Mailbox"));
        }
        let known = [
            "Identity",
            "ResultSize",
            "IncludeGrantSendOnBehalfTowithDisplayNames",
        ];
        if let Some(r) = check_parameters(&req, &known) {
            return Ok(r);
        }
        match mailbox(&sb, &req, limit)? {
            Ok(v) => v
                .into_iter()
                .map(|x| serde_json::to_value(x).unwrap_or_default())
                .collect::<Vec<Value>>(),
            Err(r) => return Ok(r),
        }
    } else if OTHER_ENDPOINTS
        .iter()
        .any(|e| e.eq_ignore_ascii_case(&endpoint))
    {
        return Ok(wrong_cmdlet(
            "nothing: the sandbox emulates MailboxFolderPermission and Mailbox only",
        ));
    } else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("There is no Admin API endpoint '{endpoint}'."),
        ));
    };
    // `$select` on the endpoint's URL (OBS): the properties its results have, in any case
    let known = if endpoint.eq_ignore_ascii_case("Mailbox") {
        MAILBOX_PROPERTIES
    } else {
        FOLDER_PROPERTIES
    };
    let value: Vec<Value> = match params.get("$select") {
        None => value,
        Some(raw) => {
            let mut props = vec![];
            for p in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match known.iter().find(|k| k.eq_ignore_ascii_case(p)) {
                    Some(k) => props.push(*k),
                    None => {
                        return Ok(cmdlet_error(
                            "Data.InvalidPropertyException",
                            &format!("'{p}' is not a property of the {endpoint} results."),
                        ));
                    }
                }
            }
            value.iter().map(|v| query::project(v, &props)).collect()
        }
    };
    let page = match query::page(&params, PAGE, PAGE) {
        Ok(p) => p,
        Err(e) => return Err(e),
    };
    Ok(json_response(
        StatusCode::OK,
        &query::collection(
            &Base(base),
            &format!("/{endpoint}"),
            &params,
            page,
            value.len(),
            page.slice(&value).to_vec(),
            &endpoint,
        ),
    ))
}

/// Results on one page (UNCONFIRMED: the documentation gives no page size).
const PAGE: usize = 100;
