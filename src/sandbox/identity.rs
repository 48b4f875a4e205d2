//! The identity platform's endpoints as the sandbox serves them: `/{tenant}/oauth2/v2.0/token`
//! (client credentials, device code, refresh token) and `/{tenant}/oauth2/v2.0/devicecode`,
//! with the documented response and error shapes. Tokens are opaque random strings; the store
//! keeps only their hashes.

use super::seed::APP_PERMISSIONS;
use super::store::{self, DeviceCodeRow, RefreshRow, TokenRow, UserRow, hash_secret};
use super::tenant::{Sandbox, new_guid};
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
/// The meta key of `/_sandbox/identity`'s `singleUseRefreshTokens` (a departure from Entra,
/// whose refresh tokens stay valid when a new one is issued: for testing clients that expect
/// rotation).
pub const SINGLE_USE_REFRESH: &str = "single_use_refresh_tokens";
/// Seconds between device-code polls (Entra uses 5; the sandbox is quicker to keep tests fast).
const DEVICE_CODE_INTERVAL: i64 = 1;

type Form_ = Result<Form<HashMap<String, String>>, FormRejection>;

/// The resources the sandbox issues tokens for (their app ID URIs).
pub const GRAPH: &str = "https://graph.microsoft.com";
pub const EXCHANGE: &str = "https://outlook.office365.com";

/// The resource a `scope` parameter names: the prefix of its scopes (`https://host/…`), Graph
/// for bare names. Another resource is AADSTS500011; two at once AADSTS28000 (as the
/// `error`, code and text of the refusal).
fn scope_resource(scope: &str) -> Result<&'static str, (&'static str, i64, String)> {
    let mut found: Option<&'static str> = None;
    for s in scope.split_whitespace() {
        let Some((resource, _)) = s.rsplit_once('/') else {
            continue;
        };
        let r = match resource.trim_end_matches('/') {
            r if r.eq_ignore_ascii_case(GRAPH) => GRAPH,
            r if r.eq_ignore_ascii_case(EXCHANGE) => EXCHANGE,
            other => {
                return Err((
                    "invalid_resource",
                    500011,
                    format!("The resource principal named {other} was not found in the tenant."),
                ));
            }
        };
        if found.is_some_and(|f| f != r) {
            return Err((
                "invalid_scope",
                28000,
                "Provided value for the input parameter scope is not valid because it contains more than one resource.".into(),
            ));
        }
        found = Some(r);
    }
    Ok(found.unwrap_or(GRAPH))
}

/// What a token for `resource` carries of the granted `permissions`: Graph's without the
/// Exchange ones; for Exchange only `Exchange.ManageAsApp*` (app-only) or the delegated
/// `Exchange.Manage*`.
fn permissions_for(resource: &str, permissions: &[String], app_only: bool) -> Vec<String> {
    permissions
        .iter()
        .filter(|p| {
            let exchange = p.starts_with("Exchange.");
            let as_app = p.starts_with("Exchange.ManageAsApp");
            match resource {
                EXCHANGE => exchange && as_app == app_only,
                _ => !exchange,
            }
        })
        .cloned()
        .collect()
}

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
            // granted as asked (and written bare in the answer); no permission of a resource
            "profile" | "email" => perms.push(name.to_string()),
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
    /// `{"uid": oid, "utid": tid}`, base64url: sent when the client asks (`client_info=1`).
    client_info: Option<String>,
    scopes: Vec<String>,
    resource: String,
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// An access token shaped like Entra's (a JWT whose claims a client may read: tenant, app,
/// user, scopes or app roles, directory role ids), signed with random bytes: the sandbox
/// checks tokens by their hash, never by the signature.
fn access_token(
    db: &Connection,
    client_id: &str,
    user: Option<&UserRow>,
    scopes: &[String],
    resource: &str,
    now: i64,
) -> rusqlite::Result<String> {
    let tenant_id = store::meta_get(db, "tenant_id")?.unwrap_or_default();
    let app_name = store::find_app(db, client_id)?
        .map(|a| a.display_name)
        .unwrap_or_default();
    let mut claims = serde_json::json!({
        "aud": resource,
        "iss": format!("https://sts.windows.net/{tenant_id}/"),
        "iat": now, "nbf": now, "exp": now + ACCESS_LIFETIME,
        "tid": tenant_id, "appid": client_id, "app_displayname": app_name,
        "ver": "1.0",
    });
    match user {
        Some(u) => {
            claims["oid"] = u.user.id.clone().into();
            claims["upn"] = u.user.upn().into();
            claims["name"] = u.user.display_name.clone().unwrap_or_default().into();
            claims["scp"] = scopes
                .iter()
                .filter(|s| {
                    !matches!(
                        s.as_str(),
                        "offline_access" | "openid" | "profile" | "email"
                    )
                })
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
                .into();
            claims["wids"] = u
                .roles
                .iter()
                .filter_map(|r| crate::graph::model::directory_role_id(r))
                .collect::<Vec<_>>()
                .into();
        }
        None => {
            claims["oid"] = client_id.into();
            claims["roles"] = scopes.to_vec().into();
        }
    }
    let signature: [u8; 32] = rand::random();
    Ok(format!(
        "{}.{}.{}",
        b64(br#"{"typ":"JWT","alg":"RS256","kid":"care-sandbox"}"#),
        b64(claims.to_string().as_bytes()),
        b64(&signature)
    ))
}

/// What a token request was granted: the app, the user (none: app-only), the scopes for
/// `resource`, a refresh token (`offline_access`) and an id_token (`openid`, with the
/// authorize request's `nonce`), and where the request came to (the issuer's host).
struct Grant<'a> {
    client_id: &'a str,
    user_id: Option<&'a str>,
    scopes: Vec<String>,
    resource: &'a str,
    offline: bool,
    openid: bool,
    nonce: Option<&'a str>,
    /// `https://host:port` of the request: the issuer is `{base}/{tenant id}/v2.0`.
    base: &'a str,
}

impl<'a> Grant<'a> {
    fn app(client_id: &'a str, scopes: Vec<String>, resource: &'a str, base: &'a str) -> Self {
        Grant {
            client_id,
            user_id: None,
            scopes,
            resource,
            offline: false,
            openid: false,
            nonce: None,
            base,
        }
    }
}

/// The issuer of the tenant's v2.0 tokens, as its discovery document names it.
fn issuer(base: &str, tenant_id: &str) -> String {
    format!("{base}/{tenant_id}/v2.0")
}

/// OpenID Connect's own scopes: written bare in a token response, never as a resource's.
const OIDC_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];

/// The user's `sub` for an app: pairwise (the same user has another `sub` in another app), as
/// Entra's is.
fn pairwise_sub(tenant_id: &str, client_id: &str, user_id: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        format!("{tenant_id}|{client_id}|{user_id}").as_bytes(),
    );
    b64(digest.as_ref())
}

fn issue(db: &Connection, g: Grant<'_>) -> rusqlite::Result<Issued> {
    let Grant {
        client_id,
        user_id,
        scopes,
        resource,
        offline,
        openid,
        nonce,
        base,
    } = g;
    let now = store::now(db)?.as_second();
    store::prune_tokens(db, now)?;
    let user = match user_id {
        Some(id) => store::find_user(db, id)?,
        None => None,
    };
    // a delegated Exchange token carries what the app was consented for Exchange, whatever
    // the first sign-in asked for (a refresh token serves every consented resource)
    let source = if resource == EXCHANGE && user_id.is_some() {
        store::find_app(db, client_id)?
            .map(|a| a.permissions)
            .unwrap_or_default()
    } else {
        scopes.clone()
    };
    let granted = permissions_for(resource, &source, user_id.is_none());
    let access = access_token(db, client_id, user.as_ref(), &granted, resource, now)?;
    store::insert_token(
        db,
        &hash_secret(&access),
        &TokenRow {
            client_id: client_id.into(),
            user_id: user_id.map(str::to_owned),
            scopes: granted.clone(),
            expires: now + ACCESS_LIFETIME,
            resource: resource.into(),
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
        if openid && let Some(user) = &user {
            let tid = store::meta_get(db, "tenant_id")?.unwrap_or_default();
            let mut claims = serde_json::json!({
                "aud": client_id, "iss": issuer(base, &tid),
                "iat": now, "nbf": now, "exp": now + ACCESS_LIFETIME,
                "name": user.user.display_name, "oid": user.user.id,
                "preferred_username": user.user.user_principal_name,
                "sub": pairwise_sub(&tid, client_id, &user.user.id),
                "tid": tid, "ver": "2.0",
            });
            if let Some(n) = nonce {
                claims["nonce"] = n.into();
            }
            id_token = Some(super::keys::sign(db, &claims)?);
        }
    }
    let client_info = match &user {
        Some(u) => {
            let tid = store::meta_get(db, "tenant_id")?.unwrap_or_default();
            Some(b64(serde_json::json!({"uid": u.user.id, "utid": tid})
                .to_string()
                .as_bytes()))
        }
        None => None,
    };
    // what was asked of OpenID Connect is granted as asked, beside the resource's scopes
    let mut granted = granted;
    if user_id.is_some() {
        for s in OIDC_SCOPES {
            let asked = scopes.iter().any(|x| x == s)
                || (s == "offline_access" && offline)
                || (s == "openid" && openid);
            if asked && !granted.iter().any(|g| g == s) {
                granted.push(s.to_string());
            }
        }
    }
    Ok(Issued {
        access,
        refresh,
        id_token,
        client_info,
        scopes: granted,
        resource: resource.into(),
    })
}

fn token_response(issued: Issued, delegated: bool, form: &HashMap<String, String>) -> Response {
    let body = TokenResponse {
        token_type: "Bearer".into(),
        expires_in: ACCESS_LIFETIME,
        ext_expires_in: Some(ACCESS_LIFETIME),
        access_token: Secret::new(issued.access),
        refresh_token: issued.refresh.map(Secret::new),
        // the resource's scopes, then OpenID Connect's, bare
        scope: delegated.then(|| {
            let resource = issued
                .scopes
                .iter()
                .filter(|s| !OIDC_SCOPES.contains(&s.as_str()))
                .map(|s| format!("{}/{s}", issued.resource));
            let oidc = OIDC_SCOPES
                .iter()
                .filter(|o| issued.scopes.iter().any(|s| s == *o))
                .map(|o| o.to_string());
            resource.chain(oidc).collect::<Vec<_>>().join(" ")
        }),
        id_token: issued.id_token.map(Secret::new),
        client_info: issued
            .client_info
            .filter(|_| form.get("client_info").is_some_and(|v| v == "1")),
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
    headers: HeaderMap,
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
    let grant = form.get("grant_type").map(String::as_str);
    *sb.stats()
        .grants
        .entry(grant.unwrap_or("(none)").to_string())
        .or_default() += 1;
    let base = login_base(&headers);
    match grant {
        None => missing("grant_type"),
        Some("client_credentials") => client_credentials(
            &sb,
            &tenant,
            &base,
            &token_audience(&headers, &tenant),
            &form,
        ),
        Some("authorization_code") => auth_code_grant(&sb, &base, &form),
        Some("urn:ietf:params:oauth:grant-type:device_code") => {
            device_code_grant(&sb, &base, &form)
        }
        Some("refresh_token") => refresh_grant(&sb, &base, &form),
        Some(other) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            &format!("The app requested an unsupported grant type '{other}'."),
        ),
    }
}

fn host(headers: &HeaderMap) -> &str {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
}

/// `https://{host}`: the identity platform's root as its discovery document and issuer name it.
/// The identity platform is https only, and so are the endpoints MSAL accepts; the sandbox
/// serves plain HTTP on loopback, so a client maps https to http (MSAL's `http_client`), and
/// care itself never reads the discovery document (UNCONFIRMED as Entra: a departure).
fn login_base(headers: &HeaderMap) -> String {
    format!("https://{}", host(headers))
}

/// `http://{host}/{tenant}/oauth2/v2.0/token`: the `aud` a client assertion must carry.
fn token_audience(headers: &HeaderMap, tenant: &str) -> String {
    format!("http://{}/{tenant}/oauth2/v2.0/token", host(headers))
}

fn client_credentials(
    sb: &Sandbox,
    tenant: &str,
    base: &str,
    audience: &str,
    form: &HashMap<String, String>,
) -> Response {
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
    let resource = match scope_resource(scope) {
        Ok(r) => r,
        Err((error, code, text)) => {
            return oauth_error(StatusCode::BAD_REQUEST, error, code, &text);
        }
    };
    let result = sb.store.write(|db| -> rusqlite::Result<Result<Issued, Response>> {
        let Some(app) = store::find_app(db, client_id)? else {
            return Ok(Err(oauth_error(
                StatusCode::BAD_REQUEST,
                "unauthorized_client",
                700016,
                &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'."),
            )));
        };
        if let Some(assertion) = form.get("client_assertion") {
            if form.get("client_assertion_type").map(String::as_str)
                != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            {
                return Ok(Err(oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    50027,
                    "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.",
                )));
            }
            let now = store::now(db)?.as_second();
            let certs = store::certificates(db, client_id)?;
            if let Err(Refused(code, text)) = check_assertion(assertion, client_id, audience, &certs, now) {
                return Ok(Err(oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", code, &text)));
            }
            return Ok(Ok(issue(db, Grant::app(client_id, app.permissions, resource, base))?));
        }
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
        Ok(Ok(issue(db, Grant::app(client_id, app.permissions, resource, base))?))
    });
    match result {
        Ok(Ok(issued)) => token_response(issued, false, form),
        Ok(Err(resp)) => resp,
        Err(_) => store_failure(),
    }
}

fn device_code_grant(sb: &Sandbox, base: &str, form: &HashMap<String, String>) -> Response {
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
                Ok(Ok(issue(db, Grant { client_id: &row.client_id, user_id: row.user_id.as_deref(), scopes: row.scopes.clone(), resource: GRAPH, offline, openid, nonce: None, base })?))
            }
            _ => Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."))),
        }
    });
    match result {
        Ok(Ok(issued)) => token_response(issued, true, form),
        Ok(Err(resp)) => resp,
        Err(_) => store_failure(),
    }
}

/// Device codes keep `offline_access` / `openid` in their scope list.
fn has_scope(row: &DeviceCodeRow, name: &str) -> bool {
    row.scopes.iter().any(|s| s == name)
}

fn refresh_grant(sb: &Sandbox, base: &str, form: &HashMap<String, String>) -> Response {
    let Some(token) = form.get("refresh_token") else {
        return missing("refresh_token");
    };
    let client_id = form.get("client_id").cloned().unwrap_or_default();
    let resource = match scope_resource(form.get("scope").map(String::as_str).unwrap_or_default()) {
        Ok(r) => r,
        Err((error, code, text)) => {
            return oauth_error(StatusCode::BAD_REQUEST, error, code, &text);
        }
    };
    let result = sb.store.write(|db| -> rusqlite::Result<Result<Issued, Response>> {
        let now = store::now(db)?.as_second();
        // Exchange for an agent needs the admin's consent to the app's delegated Exchange
        // permission (Entra: invalid_grant, AADSTS65001); the refresh token stays valid
        let consented = store::find_app(db, &client_id)?
            .is_some_and(|a| a.permissions.iter().any(|p| p == "Exchange.ManageV2"));
        if resource == EXCHANGE && !consented {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 65001, &format!("The user or administrator has not consented to use the application with ID '{client_id}'. Send an interactive authorization request for this user and resource."))));
        }
        let Some(row) = store::find_refresh(db, &hash_secret(token))? else {
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
        // a revocation covers the tokens issued in the same second too
        if revoked_at.is_some_and(|r| r >= row.issued) {
            return Ok(Err(oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.")));
        }
        // used: gone, when the sandbox is set to single-use refresh tokens (checks passed)
        if store::meta_get(db, SINGLE_USE_REFRESH)?.is_some_and(|v| v == "true") {
            store::delete_refresh(db, &hash_secret(token))?;
        }
        let openid = row.scopes.iter().any(|x| x == "openid")
            || form.get("scope").is_some_and(|s| s.split_whitespace().any(|x| x == "openid"));
        Ok(Ok(issue(db, Grant { client_id: &row.client_id, user_id: Some(&row.user_id), scopes: row.scopes, resource, offline: true, openid, nonce: None, base })?))
    });
    match result {
        Ok(Ok(issued)) => token_response(issued, true, form),
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
        store::prune_tokens(db, now)?;
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

fn device_page(agents: &[UserRow], note: Option<&str>) -> Response {
    let options: String = agents
        .iter()
        .map(|a| {
            format!(
                "<option value=\"{upn}\">{name} ({upn}) · {roles}</option>",
                upn = html(a.user.upn()),
                name = html(a.user.display_name.as_deref().unwrap_or_default()),
                roles = html(&a.roles.join(", "))
            )
        })
        .collect();
    let note = note
        .map(|n| format!("<p role=alert><strong>{}</strong></p>", html(n)))
        .unwrap_or_default();
    Html(format!(
        "<!doctype html><meta charset=utf-8><title>care sandbox: device sign-in</title>\
         <body style=\"font-family:sans-serif;max-width:44em;margin:2em auto\">\
         <h1>Sandbox device sign-in</h1>{note}\
         <p>Enter the code the terminal shows and pick the agent to sign in as (or, from a \
         terminal: <code>care sandbox approve CODE --as UPN</code>).</p>\
         <form method=post><p><label>Code <input name=user_code autocomplete=off></label></p>\
         <p><label>Agent <select name=user>{options}</select></label></p>\
         <p><button type=submit name=action value=approve>Approve</button> \
         <button type=submit name=action value=decline>Decline</button></p></form></body>"
    ))
    .into_response()
}

/// `GET /devicelogin`: where a device-code sign-in is approved in a browser.
pub async fn device_login(State(sb): State<Arc<Sandbox>>) -> Response {
    sb.store
        .read(|db| store::users_with_roles(db).map(|agents| device_page(&agents, None)))
        .unwrap_or_else(|_| store_failure())
}

/// `POST /devicelogin`: the page's answer.
pub async fn device_login_submit(
    State(sb): State<Arc<Sandbox>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let code = form
        .get("user_code")
        .map(|c| c.trim().to_ascii_uppercase())
        .unwrap_or_default();
    let upn = form.get("user").cloned().unwrap_or_default();
    let decline = form.get("action").map(String::as_str) == Some("decline");
    let result = sb.store.write(|db| -> rusqlite::Result<Response> {
        let agents = store::users_with_roles(db)?;
        let Some(user) = store::find_user(db, &upn)? else {
            return Ok(device_page(&agents, Some(&format!("No user '{upn}' in the sandbox tenant."))));
        };
        Ok(match approve(db, &code, &user.user.id, decline)? {
            Ok(_) => Html(format!(
                "<!doctype html><meta charset=utf-8><title>care sandbox</title><h1>{}</h1><p>You can close this window and go back to the terminal.</p>",
                if decline { "Sign-in declined" } else { "Signed in" }
            ))
            .into_response(),
            Err((_, message)) => device_page(&agents, Some(&message)),
        })
    });
    result.unwrap_or_else(|_| store_failure())
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

// ---- client assertions (certificate credentials, graph-api.md §13.1a) ------------------------

/// Why an assertion was refused: an AADSTS code and its text (`invalid_client`, 401).
struct Refused(i64, String);

fn invalid_client(code: i64, description: &str) -> Refused {
    Refused(code, description.into())
}

/// Checks a `private_key_jwt` assertion: `PS256` with `x5t#S256` or `RS256` with `x5t`, a
/// certificate registered on the app, the signature, `aud`, `iss` = `sub` = the client, and
/// the time window.
fn check_assertion(
    jwt: &str,
    client_id: &str,
    audience: &str,
    certs: &[store::CertificateRow],
    now: i64,
) -> Result<(), Refused> {
    let malformed = || invalid_client(50012, "The client assertion is not a valid JWT.");
    let parts: Vec<&str> = jwt.split('.').collect();
    let [header, claims, signature] = parts[..] else {
        return Err(malformed());
    };
    let decode = |part: &str| -> Option<serde_json::Value> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    };
    let (Some(h), Some(c)) = (decode(header), decode(claims)) else {
        return Err(malformed());
    };
    let Ok(sig) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature) else {
        return Err(malformed());
    };
    let (alg, cert): (&dyn rustls_pki_types::SignatureVerificationAlgorithm, _) = match (
        h["alg"].as_str(),
        h["x5t#S256"].as_str(),
        h["x5t"].as_str(),
    ) {
        (Some("PS256"), Some(t), _) => (
            webpki::ring::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
            certs.iter().find(|c| c.sha256 == t),
        ),
        (Some("RS256"), s256, sha1) => (
            webpki::ring::RSA_PKCS1_2048_8192_SHA256,
            certs
                .iter()
                .find(|c| s256.is_some_and(|t| c.sha256 == t) || sha1.is_some_and(|t| c.sha1 == t)),
        ),
        _ => {
            return Err(invalid_client(
                5002738,
                "The client assertion header must name alg PS256 with x5t#S256, or RS256 with x5t.",
            ));
        }
    };
    let not_registered = || {
        invalid_client(
            700027,
            &format!(
                "Client assertion failed signature validation. The certificate with identifier used to sign the client assertion is not registered on application {client_id}."
            ),
        )
    };
    let Some(cert) = cert else {
        return Err(not_registered());
    };
    let der = rustls_pki_types::CertificateDer::from(cert.der.as_slice());
    let verified = webpki::EndEntityCert::try_from(&der)
        .ok()
        .is_some_and(|ee| {
            ee.verify_signature(alg, format!("{header}.{claims}").as_bytes(), &sig)
                .is_ok()
        });
    if !verified {
        return Err(not_registered());
    }
    if c["aud"].as_str() != Some(audience) {
        return Err(invalid_client(
            700212,
            &format!(
                "The client assertion's audience claim does not match the token endpoint ({audience})."
            ),
        ));
    }
    if c["iss"].as_str() != Some(client_id) || c["sub"].as_str() != Some(client_id) {
        return Err(invalid_client(
            700021,
            "The client assertion's iss and sub must both be the client id.",
        ));
    }
    let exp = c["exp"].as_i64().unwrap_or(0);
    let nbf = c["nbf"].as_i64().unwrap_or(now);
    if exp <= now || nbf > now + 300 {
        return Err(invalid_client(
            700024,
            "Client assertion is not within its valid time range.",
        ));
    }
    Ok(())
}

// ---- OpenID Connect discovery (graph-api.md §17) ---------------------------------------------

/// `GET /{tenant}/v2.0/.well-known/openid-configuration`: the tenant's endpoints, issuer and
/// keys, as MSAL reads them before anything else. The tenant is named by id or domain; the
/// issuer always by id.
pub async fn openid_configuration(
    State(sb): State<Arc<Sandbox>>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
) -> Response {
    let base = login_base(&headers);
    let found = sb.store.read(|db| -> rusqlite::Result<Option<String>> {
        Ok(match tenant_known(db, &tenant)? {
            true => store::meta_get(db, "tenant_id")?,
            false => None,
        })
    });
    let tid = match found {
        Ok(Some(tid)) => tid,
        Ok(None) => return unknown_tenant(&tenant),
        Err(_) => return store_failure(),
    };
    let at = |path: &str| format!("{base}/{tenant}/{path}");
    let body = serde_json::json!({
        "issuer": issuer(&base, &tid),
        "authorization_endpoint": at("oauth2/v2.0/authorize"),
        "token_endpoint": at("oauth2/v2.0/token"),
        "device_authorization_endpoint": at("oauth2/v2.0/devicecode"),
        "jwks_uri": at("discovery/v2.0/keys"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "response_types_supported": ["code"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nbf", "name", "nonce", "oid", "preferred_username", "tid", "ver"],
        "code_challenge_methods_supported": ["plain", "S256"],
        "request_uri_parameter_supported": false,
        "tenant_region_scope": "NA",
        "cloud_instance_name": "microsoftonline.com",
    });
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// `GET /{tenant}/discovery/v2.0/keys`: the keys id_tokens are signed with.
pub async fn jwks(State(sb): State<Arc<Sandbox>>, Path(tenant): Path<String>) -> Response {
    let keys = sb
        .store
        .write(|db| -> rusqlite::Result<Option<serde_json::Value>> {
            if !tenant_known(db, &tenant)? {
                return Ok(None);
            }
            super::keys::ensure(db)?;
            super::keys::jwks(db).map(Some)
        });
    match keys {
        Ok(Some(k)) => (StatusCode::OK, axum::Json(k)).into_response(),
        Ok(None) => unknown_tenant(&tenant),
        Err(_) => store_failure(),
    }
}

// ---- authorization code flow with PKCE (graph-api.md §13.2a) --------------------------------

const CODE_LIFETIME: i64 = 600;

/// What `/authorize` is asked, as query parameters or as the sign-in page's hidden fields.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AuthorizeParams {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    response_type: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    code_challenge: Option<String>,
    #[serde(default)]
    code_challenge_method: Option<String>,
    /// Echoed in the id_token (OpenID Connect).
    #[serde(default)]
    nonce: Option<String>,
    /// `query` (the default), `fragment` or `form_post`.
    #[serde(default)]
    response_mode: Option<String>,
    #[serde(default)]
    login_hint: Option<String>,
    /// The page's button: `approve` or `decline`.
    #[serde(default)]
    action: Option<String>,
}

/// A loopback redirect URI (`http://localhost[:port][/path]` or `http://127.0.0.1…`): the
/// only kind a public client of the sandbox may use, as a desktop app registers in Entra.
fn loopback_redirect(uri: &str) -> Option<reqwest::Url> {
    let url = reqwest::Url::parse(uri).ok()?;
    (url.scheme() == "http"
        && matches!(url.host_str(), Some("localhost" | "127.0.0.1"))
        && url.fragment().is_none())
    .then_some(url)
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn error_page(status: StatusCode, title: &str, text: &str) -> Response {
    (
        status,
        Html(format!(
            "<!doctype html><meta charset=utf-8><title>care sandbox: {t}</title><h1>{t}</h1><p>{x}</p>",
            t = html(title),
            x = html(text)
        )),
    )
        .into_response()
}

/// How `/authorize` answers the client: in the redirect URI's query (the default), its
/// fragment, or a page that POSTs a form to it (`response_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResponseMode {
    Query,
    Fragment,
    FormPost,
}

impl ResponseMode {
    fn of(p: &AuthorizeParams) -> Option<ResponseMode> {
        match p.response_mode.as_deref() {
            None | Some("query") => Some(ResponseMode::Query),
            Some("fragment") => Some(ResponseMode::Fragment),
            Some("form_post") => Some(ResponseMode::FormPost),
            Some(_) => None,
        }
    }
}

/// Sends the browser back to the client with `params` (and `state`), as the request's
/// `response_mode` asks.
fn redirect_back(url: &reqwest::Url, p: &AuthorizeParams, params: &[(&str, &str)]) -> Response {
    let mut all: Vec<(&str, &str)> = params.to_vec();
    if let Some(s) = p.state.as_deref() {
        all.push(("state", s));
    }
    let mut url = url.clone();
    match ResponseMode::of(p).unwrap_or(ResponseMode::Query) {
        ResponseMode::FormPost => {
            let fields: String = all
                .iter()
                .map(|(k, v)| {
                    format!(
                        "<input type=hidden name=\"{}\" value=\"{}\">",
                        html(k),
                        html(v)
                    )
                })
                .collect();
            return (
                StatusCode::OK,
                [(header::CACHE_CONTROL, "no-store")],
                Html(format!(
                    "<!doctype html><meta charset=utf-8><title>Working...</title>\
                     <body onload=\"document.forms[0].submit()\">\
                     <form method=post action=\"{}\">{fields}\
                     <noscript><button type=submit>Continue</button></noscript></form></body>",
                    html(url.as_str())
                )),
            )
                .into_response();
        }
        ResponseMode::Fragment => {
            let encoded: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(all.iter())
                .finish();
            url.set_fragment(Some(&encoded));
        }
        ResponseMode::Query => {
            let mut q = url.query_pairs_mut();
            for (k, v) in &all {
                q.append_pair(k, v);
            }
        }
    }
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, url.to_string()),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
    )
        .into_response()
}

/// Checks the request before anything is shown: errors that can't go back to the client
/// (unknown tenant, app or redirect URI) are a page; the rest go back as `?error=`.
fn check_authorize(
    db: &Connection,
    tenant: &str,
    p: &AuthorizeParams,
) -> rusqlite::Result<Result<reqwest::Url, Response>> {
    if !tenant_known(db, tenant)? {
        return Ok(Err(error_page(
            StatusCode::BAD_REQUEST,
            "Tenant not found",
            &format!("AADSTS90002: Tenant '{tenant}' not found."),
        )));
    }
    if store::find_app(db, &p.client_id)?.is_none() {
        return Ok(Err(error_page(
            StatusCode::BAD_REQUEST,
            "Application not found",
            &format!(
                "AADSTS700016: Application with identifier '{}' was not found in the directory '{tenant}'.",
                p.client_id
            ),
        )));
    }
    let Some(redirect) = loopback_redirect(&p.redirect_uri) else {
        return Ok(Err(error_page(
            StatusCode::BAD_REQUEST,
            "Redirect URI not registered",
            &format!(
                "AADSTS50011: The redirect URI '{}' specified in the request does not match the redirect URIs configured for the application. The sandbox app accepts http://localhost and http://127.0.0.1 on any port.",
                p.redirect_uri
            ),
        )));
    };
    if ResponseMode::of(p).is_none() {
        // the code and words are the sandbox's (UNCONFIRMED)
        return Ok(Err(redirect_back(
            &redirect,
            p,
            &[
                ("error", "invalid_request"),
                (
                    "error_description",
                    "AADSTS900144: response_mode must be query, fragment or form_post.",
                ),
            ],
        )));
    }
    if p.response_type != "code" {
        return Ok(Err(redirect_back(
            &redirect,
            p,
            &[
                ("error", "unsupported_response_type"),
                (
                    "error_description",
                    "AADSTS70005: response_type must be 'code'.",
                ),
            ],
        )));
    }
    if p.code_challenge.is_some()
        && !matches!(
            p.code_challenge_method.as_deref(),
            None | Some("S256" | "plain")
        )
    {
        return Ok(Err(redirect_back(
            &redirect,
            p,
            &[
                ("error", "invalid_request"),
                (
                    "error_description",
                    "AADSTS501491: Invalid code_challenge_method; use S256.",
                ),
            ],
        )));
    }
    Ok(Ok(redirect))
}

fn sign_in_page(p: &AuthorizeParams, agents: &[UserRow], note: Option<&str>) -> Response {
    let hidden: String = [
        ("client_id", Some(p.client_id.as_str())),
        ("response_type", Some(p.response_type.as_str())),
        ("redirect_uri", Some(p.redirect_uri.as_str())),
        ("scope", Some(p.scope.as_str())),
        ("state", p.state.as_deref()),
        ("code_challenge", p.code_challenge.as_deref()),
        ("code_challenge_method", p.code_challenge_method.as_deref()),
        ("nonce", p.nonce.as_deref()),
        ("response_mode", p.response_mode.as_deref()),
    ]
    .iter()
    .filter_map(|(k, v)| v.map(|v| format!("<input type=hidden name={k} value=\"{}\">", html(v))))
    .collect();
    let buttons: String = agents
        .iter()
        .map(|a| {
            format!(
                "<li><button type=submit name=login_hint value=\"{upn}\" data-upn=\"{upn}\">{name}</button> \
                 <code>{upn}</code> · {roles}</li>",
                upn = html(a.user.upn()),
                name = html(a.user.display_name.as_deref().unwrap_or_default()),
                roles = html(&a.roles.join(", ")),
            )
        })
        .collect();
    let note = note
        .map(|n| format!("<p role=alert><strong>{}</strong></p>", html(n)))
        .unwrap_or_default();
    Html(format!(
        "<!doctype html><meta charset=utf-8><title>care sandbox: sign in</title>\
         <body style=\"font-family:sans-serif;max-width:44em;margin:2em auto\">\
         <h1>Sign in to the care sandbox tenant</h1>{note}\
         <p>This is a training tenant: there are no passwords. Pick the agent to sign in as; \
         care then acts with that agent's Entra roles (an Authentication Administrator sees \
         masked phone numbers, a Global Reader cannot change anything).</p>\
         <form method=post id=signin>{hidden}<input type=hidden name=action value=approve>\
         <ul>{buttons}</ul>\
         <p><label>Another user: <input name=login_hint_other placeholder=\"upn@district.example\"></label> \
         <button type=submit name=login_hint value=\"\">Sign in</button></p></form>\
         <form method=post>{hidden}<input type=hidden name=action value=decline>\
         <button type=submit id=decline>Decline</button></form></body>"
    ))
    .into_response()
}

/// `GET /{tenant}/oauth2/v2.0/authorize`: the sign-in page.
pub async fn authorize_page(
    State(sb): State<Arc<Sandbox>>,
    Path(tenant): Path<String>,
    axum::extract::Query(p): axum::extract::Query<AuthorizeParams>,
) -> Response {
    let result = sb.store.read(|db| -> rusqlite::Result<Response> {
        if let Err(page) = check_authorize(db, &tenant, &p)? {
            return Ok(page);
        }
        Ok(sign_in_page(&p, &store::users_with_roles(db)?, None))
    });
    result.unwrap_or_else(|_| store_failure())
}

/// `POST /{tenant}/oauth2/v2.0/authorize`: the page's answer; redirects back to the client
/// with a code (or `error=access_denied`).
pub async fn authorize_submit(
    State(sb): State<Arc<Sandbox>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let p: AuthorizeParams = serde_json::to_value(&form)
        .and_then(serde_json::from_value)
        .unwrap_or_default();
    let upn = p
        .login_hint
        .clone()
        .filter(|u| !u.is_empty())
        .or_else(|| form.get("login_hint_other").cloned())
        .unwrap_or_default();
    let result = sb.store.write(|db| -> rusqlite::Result<Response> {
        let redirect = match check_authorize(db, &tenant, &p)? {
            Ok(r) => r,
            Err(page) => return Ok(page),
        };
        if p.action.as_deref() == Some("decline") {
            return Ok(redirect_back(
                &redirect,
                &p,
                &[
                    ("error", "access_denied"),
                    (
                        "error_description",
                        "AADSTS65004: User declined to consent to access the app.",
                    ),
                ],
            ));
        }
        let Some(user) = store::find_user(db, upn.trim())? else {
            let agents = store::users_with_roles(db)?;
            return Ok(sign_in_page(
                &p,
                &agents,
                Some(&format!("No user '{upn}' in the sandbox tenant.")),
            ));
        };
        if user.user.account_enabled == Some(false) {
            let agents = store::users_with_roles(db)?;
            return Ok(sign_in_page(
                &p,
                &agents,
                Some(&format!(
                    "AADSTS50057: {} is disabled and can't sign in.",
                    user.user.upn()
                )),
            ));
        }
        let (mut scopes, offline, openid) = requested_scopes(&p.scope);
        if offline {
            scopes.push("offline_access".into());
        }
        if openid {
            scopes.push("openid".into());
        }
        let code = random_token(48);
        store::insert_auth_code(
            db,
            &hash_secret(&code),
            &store::AuthCodeRow {
                client_id: p.client_id.clone(),
                user_id: user.user.id.clone(),
                scopes,
                redirect_uri: p.redirect_uri.clone(),
                challenge: p.code_challenge.clone(),
                challenge_method: p.code_challenge_method.clone(),
                expires: store::now(db)?.as_second() + CODE_LIFETIME,
                nonce: p.nonce.clone(),
            },
        )?;
        Ok(redirect_back(&redirect, &p, &[("code", &code)]))
    });
    result.unwrap_or_else(|_| store_failure())
}

fn auth_code_grant(sb: &Sandbox, base: &str, form: &HashMap<String, String>) -> Response {
    let Some(code) = form.get("code") else {
        return missing("code");
    };
    let Some(redirect_uri) = form.get("redirect_uri") else {
        return missing("redirect_uri");
    };
    let client_id = form.get("client_id").cloned().unwrap_or_default();
    let grant_error =
        |code: i64, text: &str| oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", code, text);
    let result = sb.store.write(|db| -> rusqlite::Result<Result<Issued, Response>> {
        let now = store::now(db)?.as_second();
        let Some(row) = store::take_auth_code(db, &hash_secret(code))? else {
            return Ok(Err(grant_error(70000, "The provided authorization code is invalid or was already redeemed.")));
        };
        if row.client_id != client_id {
            return Ok(Err(grant_error(70000, "The authorization code was issued to a different client.")));
        }
        if now >= row.expires {
            return Ok(Err(grant_error(70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.")));
        }
        if &row.redirect_uri != redirect_uri {
            return Ok(Err(grant_error(50148, "The redirect_uri does not match the one the authorization code was issued to.")));
        }
        if let Some(challenge) = &row.challenge {
            let verifier = form.get("code_verifier").map(String::as_str).unwrap_or_default();
            let computed = match row.challenge_method.as_deref() {
                Some("plain") => verifier.to_string(),
                _ => b64(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref()),
            };
            if verifier.is_empty() || &computed != challenge {
                return Ok(Err(grant_error(501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.")));
            }
        }
        let (offline, openid) = (
            row.scopes.iter().any(|s| s == "offline_access"),
            row.scopes.iter().any(|s| s == "openid"),
        );
        Ok(Ok(issue(db, Grant { client_id: &row.client_id, user_id: Some(&row.user_id), scopes: row.scopes, resource: GRAPH, offline, openid, nonce: row.nonce.as_deref(), base })?))
    });
    match result {
        Ok(Ok(issued)) => token_response(issued, true, form),
        Ok(Err(resp)) => resp,
        Err(_) => store_failure(),
    }
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
