//! `/users`, `/users/{key}`, `/users/$count`, `/me` and `revokeSignInSessions`.

use super::changes::{self, Change, DIRECTORY_SERVICE};
use super::odata::{CmpOp, Func, Op};
use super::policy::{self, Access};
use super::query::{self, Params, Support, UserKey};
use super::store::{self, UserRow};
use super::tenant::{ApiError, ApiResult, Base, Caller, Sandbox, json_response, with_context};
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

/// The user `key` names, if `caller` may read their methods.
pub fn readable_target(sb: &Sandbox, caller: &Caller, key: &str) -> Result<UserRow, ApiError> {
    let user = load_user(sb, key)?;
    policy::require(sb, caller, Access::ReadMethods, Some(&user))?;
    Ok(user)
}

/// The user `key` names, if `caller` may change them as `access` says.
pub fn writable_target(
    sb: &Sandbox,
    caller: &Caller,
    key: &str,
    access: Access,
) -> Result<UserRow, ApiError> {
    let user = load_user(sb, key)?;
    policy::require(sb, caller, access, Some(&user))?;
    Ok(user)
}

/// How the user resource supports one property in `$filter`: `D` default, `A` advanced (needs
/// `ConsistencyLevel: eventual` and `$count=true`), `-` not at all, for `eq` (and `in`),
/// `startsWith`, `eq null` and `ge`/`le`.
struct FilterRow {
    property: &'static str,
    eq: u8,
    starts_with: u8,
    eq_null: u8,
    range: u8,
    /// Multi-valued: filtered through `any` (`businessPhones/any(p:p eq '…')`).
    collection: bool,
}

const fn row(property: &'static str, support: &[u8; 4], collection: bool) -> FilterRow {
    FilterRow {
        property,
        eq: support[0],
        starts_with: support[1],
        eq_null: support[2],
        range: support[3],
        collection,
    }
}

/// The user properties `$filter` accepts (`graph-api.md` §1.3, whose table rows come first and
/// win; the rest from the same MGD table, `concepts/includes/filter-directory-objects.md`).
/// Columns: `eq`/`in`, `startsWith`, `eq null`, `ge`/`le`. A property that isn't here can't be
/// filtered at all. `ge`/`le` is UNCONFIRMED (§1.3: don't rely on it).
const USER_FILTERS: &[FilterRow] = &[
    // §1.3 rows
    row("userPrincipalName", b"DD-A", false),
    row("displayName", b"DDAA", false),
    row("givenName", b"DDAA", false),
    row("surname", b"DDAA", false),
    row("mail", b"DDAA", false),
    row("jobTitle", b"DDAA", false),
    row("department", b"DDAA", false),
    row("usageLocation", b"DDAA", false),
    row("employeeId", b"D-AA", false),
    row("onPremisesSyncEnabled", b"D-A-", false),
    row("mobilePhone", b"AAAA", false),
    row("officeLocation", b"AAAA", false),
    row("preferredLanguage", b"AAAA", false),
    row("businessPhones", b"AA--", true),
    // the rest of the MGD table, for properties the sandbox serves
    row("id", b"D---", false),
    row("accountEnabled", b"D---", false),
    row("ageGroup", b"D---", false),
    row("city", b"DDAA", false),
    row("companyName", b"AAAA", false),
    row("country", b"DDAA", false),
    row("createdDateTime", b"D--D", false),
    row("creationType", b"D---", false),
    row("employeeHireDate", b"A--A", false),
    row("employeeType", b"AA-A", false),
    row("imAddresses", b"DD--", true),
    row("mailNickname", b"DDAA", false),
    row("onPremisesImmutableId", b"A--A", false),
    row("onPremisesLastSyncDateTime", b"A--A", false),
    row("onPremisesSamAccountName", b"AA-A", false),
    row("onPremisesSecurityIdentifier", b"D-A-", false),
    row("onPremisesUserPrincipalName", b"DD-A", false),
    row("otherMails", b"DD--", true),
    row("passwordPolicies", b"A-A-", false),
    row("postalCode", b"AAAA", false),
    row("proxyAddresses", b"DDA-", true),
    row("showInAddressList", b"A--A", false),
    row("state", b"DDAA", false),
    row("streetAddress", b"AAAA", false),
    row("userType", b"D-A-", false),
];

/// `endsWith` is advanced, and only on these (DOC aad-advanced-queries).
const ENDS_WITH: &[&str] = &["mail", "otherMails", "userPrincipalName", "proxyAddresses"];

/// Which `$filter` operators the user resource supports, and which need advanced queries.
/// Property names match case-insensitively, as Graph's do.
fn user_caps(prop: &str, op: Op) -> Support {
    let Some(row) = USER_FILTERS
        .iter()
        .find(|r| r.property.eq_ignore_ascii_case(prop))
    else {
        return Support::No;
    };
    let level = |c: u8| match c {
        b'D' => Support::Basic,
        b'A' => Support::Advanced,
        _ => Support::No,
    };
    match op {
        // `in` is default wherever `eq` is (DOC)
        Op::Cmp(CmpOp::Eq) | Op::In => level(row.eq),
        // `ne` and `not` are always advanced, on any property that supports `eq` (DOC)
        Op::Cmp(CmpOp::Ne) | Op::Not if row.eq != b'-' => Support::Advanced,
        Op::Cmp(CmpOp::Ge | CmpOp::Le) => level(row.range),
        Op::EqNull => level(row.eq_null),
        Op::Func(Func::StartsWith) => level(row.starts_with),
        Op::Func(Func::EndsWith) if ENDS_WITH.iter().any(|p| p.eq_ignore_ascii_case(prop)) => {
            Support::Advanced
        }
        // the lambda itself; what it tests is checked as its own (property, operator)
        Op::Any if row.collection => Support::Basic,
        _ => Support::No,
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

/// A user's `props`, in Graph's shape: a property the sandbox doesn't keep is `null` (`[]` for a
/// collection).
fn project_user(row: &UserRow, props: &[&str]) -> Value {
    let mut v = query::project(&user_json(row), props);
    if let Some(map) = v.as_object_mut() {
        for (k, value) in map.iter_mut() {
            if value.is_null() && User::COLLECTION_PROPERTIES.contains(&k.as_str()) {
                *value = Value::Array(vec![]);
            }
        }
    }
    v
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
        // rows that can't match are not read: a filter's values narrow them by the index
        None => match filter.as_ref().and_then(|f| f.needs_one_of()) {
            Some(values) if values.len() <= 500 => store::users_with_any_value(db, &values),
            _ => store::all_users(db),
        },
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
    // §1.3: a property that can't be returned in a collection gives 501 (one user at a time works)
    if let Some(p) = params.get("$select").and_then(|wanted| {
        wanted
            .split(',')
            .map(str::trim)
            .find(|p| NOT_IN_COLLECTIONS.iter().any(|n| n.eq_ignore_ascii_case(p)))
    }) {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "NotImplemented",
            format!(
                "The property '{p}' can't be returned in a collection of users; get it one user at a time."
            ),
        ));
    }
    let selected = query::select(&params, User::SELECTABLE_PROPERTIES, "microsoft.graph.user")?;
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
        .map(|r| project_user(r, &props))
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
    let selected = query::select(params, User::SELECTABLE_PROPERTIES, "microsoft.graph.user")?;
    let body = project_user(row, &projection(&selected));
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

/// `GET /users/{key}/manager`: the manager as a user, or 404 as Graph answers when none is set.
pub async fn manager(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadUsers, None)?;
    let row = load_user(&sb, &key)?;
    let manager = sb
        .store
        .read(|db| store::manager_of(db, &row.user.id))?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "Request_ResourceNotFound",
                "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
            )
        })?;
    user_response(&base, &manager, &params)
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
        activity: "Update StsRefreshTokenValidFrom Timestamp",
        reason: None,
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
