//! `/users`, `/users/{key}`, `/users/$count`, `/me` and `revokeSignInSessions`.

use super::changes::{self, Change, DIRECTORY_SERVICE};
use super::odata::{CmpOp, Func, Op};
use super::policy::{self, Access};
use super::query::{self, Params, Support, UserKey};
use super::server::{ApiError, ApiResult, Base, Caller, Sandbox, json_response, with_context};
use super::store::{self, UserRow};
use crate::graph::model::User;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use serde_json::{Value, json};
use std::sync::Arc;

/// Loads a user by object id or UPN, or answers 404 in Graph's words.
pub fn load_user(sb: &Sandbox, key: &str) -> Result<UserRow, ApiError> {
    sb.store
        .read(|db| store::find_user(db, key))?
        .ok_or_else(|| ApiError::user_not_found(key))
}

/// Which `$filter` operators the user resource supports, and which need advanced queries.
fn user_caps(prop: &str, op: Op) -> Support {
    use Support::*;
    let basic_string = |op: Op| match op {
        Op::Cmp(CmpOp::Eq) | Op::In | Op::Func(Func::StartsWith) => Basic,
        Op::Cmp(CmpOp::Ne | CmpOp::Ge | CmpOp::Le) | Op::Not | Op::EqNull => Advanced,
        _ => No,
    };
    match prop {
        "id" => match op {
            Op::Cmp(CmpOp::Eq) | Op::In => Basic,
            Op::Cmp(CmpOp::Ne) | Op::Not => Advanced,
            _ => No,
        },
        "userPrincipalName" | "mail" => match op {
            Op::Func(Func::EndsWith) => Advanced,
            op => basic_string(op),
        },
        "displayName" | "givenName" | "surname" | "jobTitle" | "employeeId" | "mobilePhone"
        | "userType" | "preferredLanguage" => basic_string(op),
        "accountEnabled" => match op {
            Op::Cmp(CmpOp::Eq) => Basic,
            Op::Cmp(CmpOp::Ne) | Op::Not => Advanced,
            _ => No,
        },
        "department" | "officeLocation" | "companyName" | "usageLocation" => match op {
            Op::Cmp(CmpOp::Eq | CmpOp::Ne | CmpOp::Ge | CmpOp::Le)
            | Op::In
            | Op::Not
            | Op::EqNull
            | Op::Func(Func::StartsWith) => Advanced,
            _ => No,
        },
        "createdDateTime" => match op {
            Op::Cmp(_) | Op::In | Op::Not => Advanced,
            _ => No,
        },
        "onPremisesSyncEnabled" => match op {
            Op::Cmp(CmpOp::Eq | CmpOp::Ne) | Op::Not => Advanced,
            _ => No,
        },
        "otherMails" | "businessPhones" => match op {
            Op::Any | Op::Cmp(CmpOp::Eq) | Op::Func(Func::StartsWith) => Basic,
            _ => No,
        },
        _ => No,
    }
}

const NOT_IN_COLLECTIONS: &[&str] = &[
    "aboutMe",
    "birthday",
    "hireDate",
    "interests",
    "mySite",
    "pastProjects",
    "preferredName",
    "responsibilities",
    "schools",
    "skills",
    "mailboxSettings",
];

fn user_json(row: &UserRow) -> Value {
    serde_json::to_value(&row.user).unwrap_or(Value::Null)
}

fn projection(selected: &Option<Vec<String>>) -> Vec<&str> {
    match selected {
        Some(props) => props.iter().map(String::as_str).collect(),
        None => User::DEFAULT_PROPERTIES.to_vec(),
    }
}

fn select_context(selected: &Option<Vec<String>>) -> String {
    match selected {
        Some(props) => format!("users({})", props.join(",")),
        None => "users".into(),
    }
}

/// The users matching `$filter` and `$search`, in directory order.
fn matching(sb: &Sandbox, headers: &HeaderMap, params: &Params) -> Result<Vec<UserRow>, ApiError> {
    let advanced = query::advanced(headers, params);
    let filter = query::filter(params, "User", advanced, user_caps)?;
    let search = match params.get("$search") {
        None => None,
        Some(raw) => {
            if !query::eventual(headers) {
                return Err(ApiError::bad_request(
                    "Request_UnsupportedQuery",
                    "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
                ));
            }
            let s = super::odata::parse_search(raw.trim_matches(|c| c == '\u{feff}'))
                .map_err(|e| ApiError::bad_request("Request_UnsupportedQuery", e))?;
            for p in s.properties() {
                if !User::ALL_PROPERTIES.contains(&p) {
                    return Err(ApiError::bad_request(
                        "Request_UnsupportedQuery",
                        format!(
                            "Unsupported or invalid search clause specified for property '{p}' of resource 'User'."
                        ),
                    ));
                }
            }
            Some(s)
        }
    };
    let pinned = filter.as_ref().and_then(|f| {
        ["userPrincipalName", "id", "mail"]
            .into_iter()
            .find_map(|p| f.pinned(p).map(|v| (p, v)))
    });
    let rows = sb.store.read(|db| match &pinned {
        Some((column, value)) => store::find_users_by_column(
            db,
            if *column == "userPrincipalName" {
                "upn"
            } else {
                column
            },
            value,
        ),
        None => store::all_users(db),
    })?;
    Ok(rows
        .into_iter()
        .filter(|row| {
            if filter.is_none() && search.is_none() {
                return true;
            }
            let v = user_json(row);
            filter.as_ref().is_none_or(|f| f.matches(&v))
                && search
                    .as_ref()
                    .is_none_or(|s| s.matches(&v, &["displayName", "description"]))
        })
        .collect())
}

pub async fn list(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadUsers, None)?;
    query::refuse(&params, &["$skip"])?;
    let selected = query::select(&params, User::ALL_PROPERTIES, "microsoft.graph.user")
        .map_err(|e| {
            let wanted = params.get("$select").cloned().unwrap_or_default();
            match wanted
                .split(',')
                .map(str::trim)
                .find(|p| NOT_IN_COLLECTIONS.iter().any(|n| n.eq_ignore_ascii_case(p)))
            {
                Some(p) => ApiError::new(
                    StatusCode::NOT_IMPLEMENTED,
                    "NotImplemented",
                    format!("The property '{p}' can't be returned in a collection of users; get it one user at a time."),
                ),
                None => e,
            }
        })?;
    let page = query::page(&params, 100, 999)?;
    let mut rows = matching(&sb, &headers, &params)?;
    if let Some(order) = params.get("$orderby") {
        let advanced = query::advanced(&headers, &params);
        if (params.contains_key("$filter") || params.contains_key("$search")) && !advanced {
            return Err(ApiError::bad_request(
                "Request_UnsupportedQuery",
                "Sorting not supported for current query.",
            ));
        }
        let (prop, dir) = order
            .trim()
            .split_once(' ')
            .unwrap_or((order.trim(), "asc"));
        let key = |r: &UserRow| -> String {
            match prop {
                "displayName" => r.user.display_name.clone().unwrap_or_default(),
                "userPrincipalName" => r.user.upn().to_string(),
                _ => String::new(),
            }
            .to_lowercase()
        };
        if !matches!(prop, "displayName" | "userPrincipalName") {
            return Err(ApiError::bad_request(
                "Request_UnsupportedQuery",
                format!("Order by '{prop}' is not supported."),
            ));
        }
        rows.sort_by_key(key);
        if dir.eq_ignore_ascii_case("desc") {
            rows.reverse();
        }
    }
    let count = query::advanced(&headers, &params).then_some(rows.len());
    let props = projection(&selected);
    let items: Vec<Value> = page
        .slice(&rows)
        .iter()
        .map(|r| query::project(&user_json(r), &props))
        .collect();
    let body = query::collection(
        &base,
        "/users",
        &params,
        page,
        rows.len(),
        items,
        &select_context(&selected),
    );
    let body = query::with_count(body, count);
    Ok(json_response(StatusCode::OK, &body))
}

pub async fn count(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadUsers, None)?;
    if !query::eventual(&headers) {
        return Err(ApiError::bad_request(
            "Request_BadRequest",
            "$count is not currently supported.",
        ));
    }
    let mut params = params;
    params.insert("$count".into(), "true".into());
    let n = matching(&sb, &headers, &params)?.len();
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain")],
        n.to_string(),
    )
        .into_response())
}

fn user_response(base: &Base, row: &UserRow, params: &Params) -> ApiResult {
    if params.contains_key("$expand") {
        return Err(ApiError::bad_request(
            "ExpandNotSupported",
            "$expand is not supported on this sandbox's users.",
        ));
    }
    let selected = query::select(params, User::ALL_PROPERTIES, "microsoft.graph.user")?;
    let body = query::project(&user_json(row), &projection(&selected));
    let body = with_context(
        base,
        &format!("{}/$entity", select_context(&selected)),
        body,
    );
    Ok(json_response(StatusCode::OK, &body))
}

pub async fn get(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadUsers, None)?;
    let row = load_user(&sb, &key)?;
    user_response(&base, &row, &params)
}

pub async fn me(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Query(params): Query<Params>,
) -> ApiResult {
    let Some(user) = &caller.user else {
        return Err(ApiError::bad_request(
            "BadRequest",
            "/me request is only valid with delegated authentication flow.",
        ));
    };
    let row = load_user(&sb, &user.user.id)?;
    user_response(&base, &row, &params)
}

pub async fn revoke_sessions(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
) -> ApiResult {
    let target = load_user(&sb, &key)?;
    policy::require(&sb, &caller, Access::RevokeSessions, Some(&target))?;
    let change = Change {
        activity: "Invalidate all refresh tokens for user",
        kind: "sessions.revoke",
        service: DIRECTORY_SERVICE,
    };
    changes::apply(&sb, &caller, &target, change, |db, now| {
        let mut user = target.user.clone();
        user.sign_in_sessions_valid_from_date_time =
            Some(now.round(jiff::Unit::Second).unwrap_or(now).to_string());
        store::update_user_data(db, &user)?;
        Ok(())
    })?;
    let body = with_context(&base, "Edm.Boolean", json!({"value": true}));
    Ok(json_response(StatusCode::OK, &body))
}
