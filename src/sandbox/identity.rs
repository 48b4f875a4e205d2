//! The identity platform's endpoints as the sandbox serves them: `/{tenant}/oauth2/v2.0/token`
//! (client credentials, device code, refresh token) and `/{tenant}/oauth2/v2.0/devicecode`,
//! with the documented response and error shapes. Tokens are opaque random strings; the store
//! keeps only their hashes.

use super::seed::APP_PERMISSIONS;
use super::server::{Sandbox, graph_date, new_guid};
use super::store::{self, DeviceCodeRow, RefreshRow, TokenRow, hash_secret};
use crate::graph::model::{DeviceCodeResponse, OAuthError, Secret, TokenResponse};
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use jiff::Timestamp;
use rand::RngExt;
use rusqlite::Connection;
use std::collections::HashMap;
use std::sync::Arc;

const ACCESS_LIFETIME: i64 = 3599;
const REFRESH_LIFETIME: i64 = 90 * 86_400;
const DEVICE_CODE_LIFETIME: i64 = 900;
/// Seconds between device-code polls (Entra uses 5; the sandbox is quicker to keep tests fast).
const DEVICE_CODE_INTERVAL: i64 = 1;

type Form_ = Result<Form<HashMap<String, String>>, FormRejection>;

fn oauth_error(status: StatusCode, error: &str, code: i64, description: &str) -> Response {
    let now = Timestamp::now();
    let trace = new_guid();
    let correlation = new_guid();
    let body = OAuthError {
        error: error.into(),
        error_description: format!(
            "AADSTS{code}: {description}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {}",
            now.strftime("%Y-%m-%d %H:%M:%SZ")
        ),
        error_codes: vec![code],
        timestamp: Some(now.strftime("%Y-%m-%d %H:%M:%SZ").to_string()),
        trace_id: Some(trace),
        correlation_id: Some(correlation),
    };
    (status, axum::Json(body)).into_response()
}

fn random_token(len: usize) -> String {
    let mut rng = rand::rng();
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

fn tenant_known(db: &Connection, tenant: &str) -> rusqlite::Result<bool> {
    let id = store::meta_get(db, "tenant_id")?.unwrap_or_default();
    let domain = store::meta_get(db, "domain")?.unwrap_or_default();
    Ok(tenant.eq_ignore_ascii_case(&id)
        || tenant.eq_ignore_ascii_case(&domain)
        || matches!(tenant, "organizations" | "common"))
}

fn unknown_tenant(tenant: &str) -> Response {
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        90002,
        &format!(
            "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
        ),
    )
}

fn missing(param: &str) -> Response {
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        900144,
        &format!("The request body must contain the following parameter: '{param}'."),
    )
}

fn store_failure() -> Response {
    oauth_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "temporarily_unavailable",
        90033,
        "The sandbox store is unavailable.",
    )
}

/// Delegated scope names from a `scope` parameter (`.default` = every permission of the app).
fn requested_scopes(scope: &str) -> (Vec<String>, bool, bool) {
    let mut perms = Vec::new();
    let (mut offline, mut openid) = (false, false);
    for s in scope.split_whitespace() {
        let name = s.rsplit('/').next().unwrap_or(s);
        match name {
            "offline_access" => offline = true,
            "openid" => openid = true,
            "profile" | "email" => {}
            ".default" => perms.extend(APP_PERMISSIONS.iter().map(|p| p.to_string())),
            other => perms.push(other.to_string()),
        }
    }
    perms.sort();
    perms.dedup();
    (perms, offline, openid)
}

struct Issued {
    access: String,
    refresh: Option<String>,
    id_token: Option<String>,
    scopes: Vec<String>,
}

fn issue(
    db: &Connection,
    tenant: &str,
    client_id: &str,
    user_id: Option<&str>,
    scopes: Vec<String>,
    offline: bool,
    openid: bool,
) -> rusqlite::Result<Issued> {
    let now = store::now(db)?.as_second();
    store::prune_tokens(db, now)?;
    let access = random_token(64);
    store::insert_token(
        db,
        &hash_secret(&access),
        &TokenRow {
            client_id: client_id.into(),
            user_id: user_id.map(str::to_owned),
            scopes: scopes.clone(),
            expires: now + ACCESS_LIFETIME,
        },
    )?;
    let mut refresh = None;
    let mut id_token = None;
    if let Some(uid) = user_id {
        if offline {
            let r = random_token(96);
            store::insert_refresh(
                db,
                &hash_secret(&r),
                &RefreshRow {
                    client_id: client_id.into(),
                    user_id: uid.into(),
                    scopes: scopes.clone(),
                    issued: now,
                    expires: now + REFRESH_LIFETIME,
                },
            )?;
            refresh = Some(r);
        }
        if openid && let Some(user) = store::find_user(db, uid)? {
            let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            let claims = serde_json::json!({
                "aud": client_id, "iss": format!("sandbox/{tenant}/v2.0"), "tid": tenant,
                "oid": user.user.id, "preferred_username": user.user.user_principal_name,
                "name": user.user.display_name, "iat": now, "exp": now + ACCESS_LIFETIME,
            });
            id_token = Some(format!(
                "{}.{}.",
                b64.encode(br#"{"alg":"none","typ":"JWT"}"#),
                b64.encode(claims.to_string())
            ));
        }
    }
    Ok(Issued {
        access,
        refresh,
        id_token,
        scopes,
    })
}

fn token_response(issued: Issued, delegated: bool) -> Response {
    let body = TokenResponse {
        token_type: "Bearer".into(),
        expires_in: ACCESS_LIFETIME,
        access_token: Secret::new(issued.access),
        refresh_token: issued.refresh.map(Secret::new),
        scope: delegated.then(|| {
            issued
                .scopes
                .iter()
                .map(|s| format!("https://graph.microsoft.com/{s}"))
                .collect::<Vec<_>>()
                .join(" ")
        }),
        id_token: issued.id_token.map(Secret::new),
    };
    (
        StatusCode::OK,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        axum::Json(body),
    )
        .into_response()
}

pub async fn token(
    State(sb): State<Arc<Sandbox>>,
    Path(tenant): Path<String>,
    form: Form_,
) -> Response {
    let Ok(Form(form)) = form else {
        return missing("grant_type");
    };
    match sb.store.read(|db| tenant_known(db, &tenant)) {
        Ok(true) => {}
        Ok(false) => return unknown_tenant(&tenant),
        Err(_) => return store_failure(),
    }
    match form.get("grant_type").map(String::as_str) {
        None => missing("grant_type"),
        Some("client_credentials") => client_credentials(&sb, &tenant, &form),
        Some("urn:ietf:params:oauth:grant-type:device_code") => {
            device_code_grant(&sb, &tenant, &form)
        }
        Some("refresh_token") => refresh_grant(&sb, &tenant, &form),
        Some(other) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            &format!("The app requested an unsupported grant type '{other}'."),
        ),
    }
}

fn client_credentials(sb: &Sandbox, tenant: &str, form: &HashMap<String, String>) -> Response {
    let Some(client_id) = form.get("client_id") else {
        return missing("client_id");
    };
    let scope = form.get("scope").map(String::as_str).unwrap_or_default();
    let scopes: Vec<&str> = scope.split_whitespace().collect();
    if scopes.len() != 1 || !scopes[0].ends_with("/.default") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            1002012,
            &format!(
                "The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."
            ),
        );
    }
    let result = sb.store.write(|db| -> rusqlite::Result<Result<Issued, Response>> {
        let Some(app) = store::find_app(db, client_id)? else {
            return Ok(Err(oauth_error(
                StatusCode::BAD_REQUEST,
                "unauthorized_client",
                700016,
                &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'."),
            )));
        };
        let Some(secret) = form.get("client_secret") else {
            return Ok(Err(oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            )));
        };
        if app.secret_hash.as_deref() != Some(hash_secret(secret).as_str()) {
            return Ok(Err(oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000215,
                &format!("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'."),
            )));
        }
        Ok(Ok(issue(db, tenant, client_id, None, app.permissions, false, false)?))
    });
    match result {
        Ok(Ok(issued)) => token_response(issued, false),
        Ok(Err(resp)) => resp,
        Err(_) => store_failure(),
    }
}

fn device_code_grant(sb: &Sandbox, tenant: &str, form: &HashMap<String, String>) -> Response {
    let Some(code) = form.get("device_code") else {
        return missing("device_code");
    };
    let client_id = form.get("client_id").cloned().unwrap_or_default();
    let result = sb.store.write(|db| -> rusqlite::Result<Result<Issued, Response>> {
        let clock = store::now(db)?;
        let (now, now_ms) = (clock.as_second(), clock.as_millisecond());
        let Some(row) = store::device_code_by_hash(db, &hash_secret(code))? else {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "bad_verification_code", 70018, "The provided value for the input parameter 'device_code' is not valid.")));
        };
        if row.client_id != client_id {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 70000, "The device code was issued to a different client.")));
        }
        if now >= row.expires && row.status == "pending" {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "expired_token", 70019, "Verification code expired.")));
        }
        // last_poll is kept in milliseconds, so "sooner than the interval" is exact
        let too_soon = row.last_poll.is_some_and(|last| now_ms - last < row.interval * 1000);
        store::update_device_code(db, &row.hash, &row.status, None, Some(now_ms))?;
        match row.status.as_str() {
            "pending" if too_soon => Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "slow_down", 70016, "Polling faster than the interval allows; wait longer between polls."))),
            "pending" => Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling."))),
            "declined" => Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "authorization_declined", 70015, "The user declined the sign-in request."))),
            "approved" => {
                store::update_device_code(db, &row.hash, "redeemed", None, None)?;
                let (offline, openid) = (has_scope(&row, "offline_access"), has_scope(&row, "openid"));
                Ok(Ok(issue(db, tenant, &row.client_id, row.user_id.as_deref(), row.scopes.clone(), offline, openid)?))
            }
            _ => Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."))),
        }
    });
    match result {
        Ok(Ok(issued)) => token_response(issued, true),
        Ok(Err(resp)) => resp,
        Err(_) => store_failure(),
    }
}

/// Device codes keep `offline_access` / `openid` in their scope list.
fn has_scope(row: &DeviceCodeRow, name: &str) -> bool {
    row.scopes.iter().any(|s| s == name)
}

fn refresh_grant(sb: &Sandbox, tenant: &str, form: &HashMap<String, String>) -> Response {
    let Some(token) = form.get("refresh_token") else {
        return missing("refresh_token");
    };
    let client_id = form.get("client_id").cloned().unwrap_or_default();
    let result = sb.store.write(|db| -> rusqlite::Result<Result<Issued, Response>> {
        let now = store::now(db)?.as_second();
        let Some(row) = store::take_refresh(db, &hash_secret(token))? else {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.")));
        };
        if row.client_id != client_id {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 700003, "The refresh token was issued to a different client.")));
        }
        if now >= row.expires {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 700082, "The refresh token has expired due to inactivity.")));
        }
        let Some(user) = store::find_user(db, &row.user_id)? else {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 50034, "The user account does not exist in the directory.")));
        };
        if user.user.account_enabled == Some(false) {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 50057, "The user account is disabled.")));
        }
        let revoked_at = user
            .user
            .sign_in_sessions_valid_from_date_time
            .as_deref()
            .and_then(|t| t.parse::<Timestamp>().ok())
            .map(|t| t.as_second());
        if revoked_at.is_some_and(|r| r > row.issued) {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.")));
        }
        let openid = form.get("scope").is_some_and(|s| s.split_whitespace().any(|x| x == "openid"));
        Ok(Ok(issue(db, tenant, &row.client_id, Some(&row.user_id), row.scopes, true, openid)?))
    });
    match result {
        Ok(Ok(issued)) => token_response(issued, true),
        Ok(Err(resp)) => resp,
        Err(_) => store_failure(),
    }
}

fn user_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..9)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

pub async fn device_code(
    State(sb): State<Arc<Sandbox>>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    form: Form_,
) -> Response {
    let Ok(Form(form)) = form else {
        return missing("client_id");
    };
    let Some(client_id) = form.get("client_id").cloned() else {
        return missing("client_id");
    };
    let Some(scope) = form.get("scope").cloned() else {
        return missing("scope");
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string();
    let result = sb.store.write(|db| -> rusqlite::Result<Result<DeviceCodeResponse, Response>> {
        if !tenant_known(db, &tenant)? {
            return Ok(Err(unknown_tenant(&tenant)));
        }
        if store::find_app(db, &client_id)?.is_none() {
            return Ok(Err(oauth_error(
                StatusCode::BAD_REQUEST,
                "unauthorized_client",
                700016,
                &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'."),
            )));
        }
        let (mut scopes, offline, openid) = requested_scopes(&scope);
        if offline {
            scopes.push("offline_access".into());
        }
        if openid {
            scopes.push("openid".into());
        }
        let now = store::now(db)?.as_second();
        let code = random_token(64);
        let user_code = user_code();
        store::insert_device_code(
            db,
            &DeviceCodeRow {
                hash: hash_secret(&code),
                user_code: user_code.clone(),
                client_id: client_id.clone(),
                scopes,
                expires: now + DEVICE_CODE_LIFETIME,
                interval: DEVICE_CODE_INTERVAL,
                status: "pending".into(),
                user_id: None,
                last_poll: None,
            },
        )?;
        let uri = format!("http://{host}/devicelogin");
        Ok(Ok(DeviceCodeResponse {
            device_code: Secret::new(code),
            message: format!("To sign in, use a web browser to open the page {uri} and enter the code {user_code} to authenticate. (Sandbox: approve it with `care sandbox approve {user_code} --as <upn>`.)"),
            user_code,
            verification_uri: uri,
            expires_in: DEVICE_CODE_LIFETIME,
            interval: DEVICE_CODE_INTERVAL,
        }))
    });
    match result {
        Ok(Ok(body)) => (StatusCode::OK, axum::Json(body)).into_response(),
        Ok(Err(resp)) => resp,
        Err(_) => store_failure(),
    }
}

pub async fn device_login() -> Html<String> {
    Html(format!(
        "<!doctype html><title>care sandbox sign-in</title><h1>Sandbox device sign-in</h1>\
         <p>This is the care sandbox tenant. There is no password here: approve a code from a \
         terminal with <code>care sandbox approve CODE --as UPN</code>.</p><p>{}</p>",
        graph_date(Timestamp::now())
    ))
}

/// Approves (or declines) a pending device code as `user_id`.
pub fn approve(
    db: &Connection,
    user_code: &str,
    user_id: &str,
    decline: bool,
) -> rusqlite::Result<Result<String, (StatusCode, String)>> {
    let now = store::now(db)?.as_second();
    let Some(row) = store::device_code_by_user_code(db, user_code)? else {
        return Ok(Err((
            StatusCode::NOT_FOUND,
            format!("No device code '{user_code}' is waiting for approval."),
        )));
    };
    if row.status != "pending" {
        return Ok(Err((
            StatusCode::CONFLICT,
            format!("Device code '{user_code}' was already {}.", row.status),
        )));
    }
    if now >= row.expires {
        return Ok(Err((
            StatusCode::GONE,
            format!("Device code '{user_code}' has expired; start the sign-in again."),
        )));
    }
    let status = if decline { "declined" } else { "approved" };
    store::update_device_code(db, &row.hash, status, Some(user_id), None)?;
    Ok(Ok(row.client_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_expand_default_and_flags() {
        let (perms, offline, openid) =
            requested_scopes("https://graph.microsoft.com/.default offline_access openid");
        assert!(offline && openid);
        assert!(perms.contains(&"UserAuthenticationMethod.ReadWrite.All".to_string()));
        let (perms, offline, _) =
            requested_scopes("https://graph.microsoft.com/User.Read.All User.Read.All");
        assert_eq!(perms, vec!["User.Read.All"]);
        assert!(!offline);
    }

    #[test]
    fn user_codes_are_nine_unambiguous_characters() {
        let c = user_code();
        assert_eq!(c.len(), 9);
        assert!(!c.contains('0') && !c.contains('O') && !c.contains('1') && !c.contains('I'));
    }
}
