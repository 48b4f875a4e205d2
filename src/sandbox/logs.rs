//! Reports and logs: `userRegistrationDetails` (derived from the live methods), `signIns` (v1.0
//! and `/beta` shapes) and `directoryAudits` (one record per change made through the sandbox).

use super::methods::system_preferred;
use super::odata::{CmpOp, Func, Op};
use super::policy::{self, Access};
use super::query::{self, Params, Support};
use super::store::{self, MethodRow, UserRow};
use super::tenant::{Api, ApiError, ApiResult, Base, Caller, Sandbox, json_response, with_context};
use crate::graph::model::{MethodKind, PhoneType, UserRegistrationDetails};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

/// The registration report entry for a user, computed from their methods now.
pub fn registration(
    user: &UserRow,
    methods: &[MethodRow],
    now: Timestamp,
) -> UserRegistrationDetails {
    let mut registered: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !registered.iter().any(|r| r == s) {
            registered.push(s.to_string());
        }
    };
    for m in methods {
        match MethodKind::from_segment(&m.kind) {
            Some(MethodKind::Phone) => match PhoneType::from_method_id(&m.id) {
                Some(PhoneType::Mobile) => push("mobilePhone"),
                Some(PhoneType::AlternateMobile) => push("alternateMobilePhone"),
                _ => push("officePhone"),
            },
            Some(MethodKind::Email) => push("email"),
            Some(MethodKind::Authenticator) => push("microsoftAuthenticatorPush"),
            Some(MethodKind::SoftwareOath) => push("softwareOneTimePasscode"),
            Some(MethodKind::Fido2) => push("passKeyDeviceBound"),
            Some(MethodKind::WindowsHello) => push("windowsHelloForBusiness"),
            Some(MethodKind::TemporaryAccessPass) => push("temporaryAccessPass"),
            // UNCONFIRMED: v1.0's documentation lists no value for these two; beta's
            // usageAuthMethod names them so
            _ if m.kind == super::oath::SEGMENT && m.data["activated"] == true => {
                push("hardwareOneTimePasscode")
            }
            _ if m.kind == super::qr::SEGMENT => push("qrCode"),
            _ => {}
        }
    }
    let has = |k: MethodKind| methods.iter().any(|m| m.kind == k.segment());
    let mfa = methods.iter().any(|m| {
        MethodKind::from_segment(&m.kind).is_some_and(MethodKind::is_mfa)
            || (m.kind == super::oath::SEGMENT && m.data["activated"] == true)
    });
    let sspr_registered =
        has(MethodKind::Email) || has(MethodKind::Phone) || has(MethodKind::Authenticator);
    let member = user.user.user_type.as_deref() != Some("Guest");
    // §6, DOC list example: a user with no method has `[]` and `""`, not `["none"]`
    let system_methods = match system_preferred(methods) {
        "none" => vec![],
        method => vec![method.to_string()],
    };
    UserRegistrationDetails {
        id: user.user.id.clone(),
        user_principal_name: user.user.user_principal_name.clone(),
        user_display_name: user.user.display_name.clone(),
        user_type: Some(if member { "member" } else { "guest" }.into()),
        is_admin: Some(policy::is_admin(user)),
        is_mfa_registered: Some(mfa),
        is_mfa_capable: Some(mfa),
        is_passwordless_capable: Some(has(MethodKind::Fido2) || has(MethodKind::WindowsHello)),
        is_sspr_registered: Some(sspr_registered),
        is_sspr_enabled: Some(member),
        is_sspr_capable: Some(member && sspr_registered),
        is_system_preferred_authentication_method_enabled: Some(user.system_preferred),
        system_preferred_authentication_methods: system_methods,
        user_preferred_method_for_secondary_authentication: Some(
            user.preferred_method.clone().unwrap_or_default(),
        ),
        methods_registered: registered,
        last_updated_date_time: Some(now.round(jiff::Unit::Second).unwrap_or(now).to_string()),
    }
}

/// The filters of the registration report: the "filter" column of the resource's property table
/// (`graph-api.md` §6): `eq`/`startsWith` on the names, `eq` on the documented flags,
/// `any(eq)` on the two method lists. Anything else is refused.
fn registration_caps(prop: &str, op: Op) -> Support {
    let eq_or_starts = matches!(op, Op::Cmp(CmpOp::Eq) | Op::Func(Func::StartsWith));
    match prop {
        "userPrincipalName" | "userDisplayName" if eq_or_starts => Support::Basic,
        "isMfaRegistered"
        | "isMfaCapable"
        | "isPasswordlessCapable"
        | "isSsprRegistered"
        | "isSsprEnabled"
        | "isSsprCapable"
        | "isSystemPreferredAuthenticationMethodEnabled"
            if op == Op::Cmp(CmpOp::Eq) =>
        {
            Support::Basic
        }
        "methodsRegistered" | "systemPreferredAuthenticationMethods"
            if matches!(op, Op::Any | Op::Cmp(CmpOp::Eq)) =>
        {
            Support::Basic
        }
        _ => Support::No,
    }
}

fn to_values<T: Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect()
}

/// Query options of the registration report list. DOC (§6): `$filter` and `$orderby` (on
/// `userPrincipalName`, `userDisplayName`). `$top`, `$select` and `$count` are undocumented; the
/// sandbox's choice (UNCONFIRMED): `$top` sets the page size (1..999, default 200; Graph's page
/// size is undocumented too) because paging with `@odata.nextLink` is documented, while
/// `$select`, `$count`, `$search`, `$skip` and `$expand` get 400 `Request_BadRequest`.
const REGISTRATION_REFUSED: &[&str] = &["$select", "$count", "$search", "$skip", "$expand"];

pub async fn list_registration(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadReports, None)?;
    query::refuse(&params, REGISTRATION_REFUSED)?;
    let filter = query::filter(&params, "userRegistrationDetails", true, registration_caps)?;
    let page = query::page(&params, 200, 999)?;
    let pinned = filter
        .as_ref()
        .and_then(|f| f.pinned("userPrincipalName").or_else(|| f.pinned("id")));
    let mut entries: Vec<Value> = sb.store.read(|db| -> rusqlite::Result<Vec<Value>> {
        let now = store::now(db)?;
        let (users, mut methods) = match &pinned {
            Some(key) => {
                let users: Vec<UserRow> = store::find_user(db, key)?.into_iter().collect();
                let mut methods = std::collections::HashMap::new();
                for u in &users {
                    methods.insert(u.user.id.clone(), store::methods_of(db, &u.user.id)?);
                }
                (users, methods)
            }
            None => (store::all_users(db)?, store::all_methods(db)?),
        };
        Ok(users
            .iter()
            .map(|u| {
                let m = methods.remove(&u.user.id).unwrap_or_default();
                serde_json::to_value(registration(u, &m, now)).unwrap_or(Value::Null)
            })
            .filter(|v| filter.as_ref().is_none_or(|f| f.matches(v)))
            .collect())
    })?;
    if let Some(order) = params.get("$orderby") {
        let (prop, dir) = order
            .trim()
            .split_once(' ')
            .unwrap_or((order.trim(), "asc"));
        if !matches!(prop, "userPrincipalName" | "userDisplayName") {
            return Err(ApiError::bad_request(
                "BadRequest",
                format!(
                    "Order by '{prop}' is not supported; use userPrincipalName or userDisplayName."
                ),
            ));
        }
        entries.sort_by_key(|v| v[prop].as_str().unwrap_or_default().to_lowercase());
        if dir.eq_ignore_ascii_case("desc") {
            entries.reverse();
        }
    }
    let body = query::paged(
        &base,
        "/reports/authenticationMethods/userRegistrationDetails",
        &params,
        page,
        &entries,
    );
    Ok(json_response(StatusCode::OK, &body))
}

/// The single entry takes no query options (DOC §6); any `$` option gets 400 (UNCONFIRMED code).
pub async fn get_registration(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadReports, None)?;
    let options: Vec<&str> = params
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with('$'))
        .collect();
    query::refuse(&params, &options)?;
    let details = sb
        .store
        .read(|db| -> rusqlite::Result<Option<UserRegistrationDetails>> {
            let now = store::now(db)?;
            let Some(user) = store::find_user(db, &id)? else {
                return Ok(None);
            };
            let methods = store::methods_of(db, &user.user.id)?;
            Ok(Some(registration(&user, &methods, now)))
        })?;
    let details = details.ok_or_else(|| ApiError::user_not_found(&id))?;
    let body = with_context(
        &base,
        "reports/authenticationMethods/userRegistrationDetails/$entity",
        serde_json::to_value(details).unwrap_or_default(),
    );
    Ok(json_response(StatusCode::OK, &body))
}

fn signin_caps(prop: &str, op: Op) -> Support {
    let eq = matches!(op, Op::Cmp(CmpOp::Eq) | Op::In);
    let eq_or_starts = eq || op == Op::Func(Func::StartsWith);
    let ok = match prop {
        "createdDateTime" => matches!(op, Op::Cmp(_)),
        "userPrincipalName"
        | "appDisplayName"
        | "ipAddress"
        | "location/city"
        | "location/state"
        | "location/countryOrRegion"
        | "deviceDetail/browser"
        | "deviceDetail/operatingSystem"
        | "userDisplayName" => eq_or_starts,
        "status/errorCode" => matches!(op, Op::Cmp(CmpOp::Eq | CmpOp::Ne) | Op::In),
        "id"
        | "userId"
        | "appId"
        | "clientAppUsed"
        | "conditionalAccessStatus"
        | "correlationId"
        | "resourceId"
        | "resourceDisplayName"
        | "riskState"
        | "isInteractive" => eq,
        _ => false,
    };
    if ok { Support::Basic } else { Support::No }
}

fn signin_json(mut s: crate::graph::model::SignIn, api: Api) -> Value {
    if api == Api::V1 {
        s.authentication_details = None;
        s.authentication_requirement = None;
    }
    serde_json::to_value(s).unwrap_or(Value::Null)
}

/// DOC (§10): the sign-in list supports only `$top`, `$skiptoken` and `$filter`; results come
/// newest first. Every other option gets 400 `Request_BadRequest` (status and code UNCONFIRMED).
const SIGNIN_REFUSED: &[&str] = &[
    "$orderby", "$select", "$count", "$search", "$skip", "$expand",
];

pub async fn list_signins(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Extension(api): Extension<Api>,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadSignIns, None)?;
    query::refuse(&params, SIGNIN_REFUSED)?;
    let filter = query::filter(&params, "signIn", true, signin_caps)?;
    let page = query::page(&params, 1000, 1000)?;
    let by = filter.as_ref().and_then(|f| {
        f.pinned("userId").map(|v| ("userId", v)).or_else(|| {
            f.pinned("userPrincipalName")
                .map(|v| ("userPrincipalName", v))
        })
    });
    let all = sb
        .store
        .read(|db| store::signins(db, by.as_ref().map(|(k, v)| (*k, v.as_str()))))?;
    let matched: Vec<Value> = all
        .into_iter()
        .map(|s| signin_json(s, api))
        .filter(|v| filter.as_ref().is_none_or(|f| f.matches(v)))
        .collect();
    let body = query::paged(&base, "/auditLogs/signIns", &params, page, &matched);
    Ok(json_response(StatusCode::OK, &body))
}

pub async fn get_signin(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Extension(api): Extension<Api>,
    Path(id): Path<String>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadSignIns, None)?;
    let found = sb
        .store
        .read(|db| store::signins(db, None))?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "Request_ResourceNotFound",
                format!("Resource '{id}' does not exist."),
            )
        })?;
    let body = with_context(&base, "auditLogs/signIns/$entity", signin_json(found, api));
    Ok(json_response(StatusCode::OK, &body))
}

fn audit_caps(prop: &str, op: Op) -> Support {
    let eq = matches!(op, Op::Cmp(CmpOp::Eq) | Op::In);
    let eq_or_starts = eq || op == Op::Func(Func::StartsWith);
    let ok = match prop {
        "activityDateTime" => matches!(op, Op::Cmp(_)),
        "activityDisplayName"
        | "initiatedBy/user/userPrincipalName"
        | "targetResources/userPrincipalName"
        | "targetResources/displayName"
        | "initiatedBy/app/displayName" => eq_or_starts,
        "targetResources" => op == Op::Any,
        "id"
        | "category"
        | "correlationId"
        | "result"
        | "loggedByService"
        | "operationType"
        | "initiatedBy/user/id"
        | "initiatedBy/app/appId"
        | "targetResources/id" => eq,
        _ => false,
    };
    if ok { Support::Basic } else { Support::No }
}

pub async fn list_audits(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadAudits, None)?;
    query::refuse(&params, &["$skip", "$search", "$expand"])?;
    let filter = query::filter(&params, "directoryAudit", true, audit_caps)?;
    let page = query::page(&params, 1000, 1000)?;
    let matched: Vec<Value> = to_values(&sb.store.read(store::audits)?)
        .into_iter()
        .filter(|v| filter.as_ref().is_none_or(|f| f.matches(v)))
        .collect();
    let body = query::paged(&base, "/auditLogs/directoryAudits", &params, page, &matched);
    Ok(json_response(StatusCode::OK, &body))
}

pub async fn get_audit(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Path(id): Path<String>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadAudits, None)?;
    let found = sb
        .store
        .read(store::audits)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "Request_ResourceNotFound",
                format!("Resource '{id}' does not exist."),
            )
        })?;
    let body = with_context(
        &base,
        "auditLogs/directoryAudits/$entity",
        serde_json::to_value(found).unwrap_or_default(),
    );
    Ok(json_response(StatusCode::OK, &body))
}
