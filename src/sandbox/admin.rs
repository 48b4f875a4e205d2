//! `/_sandbox/…`: inspection and simulation endpoints that are not Graph. They need the
//! sandbox admin token, are never throttled or faulted, and answer plain JSON.

use super::identity;
use super::methods::tap_usability;
use super::seed::failure_reason;
use super::store::{self, StoredTap, hash_secret};
use super::tenant::{Sandbox, json_response, new_guid};
use crate::graph::model::{
    AuthenticationDetail, GeoCoordinates, MethodKind, SignIn, SignInLocation, SignInStatus,
};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    json_response(
        status,
        &json!({"error": {"code": status.canonical_reason().unwrap_or("Error"), "message": message.into()}}),
    )
}

fn store_error(e: rusqlite::Error) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("sandbox store error: {e}"),
    )
}

async fn require_admin(State(sb): State<Arc<Sandbox>>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let expected = sb
        .store
        .read(|db| store::meta_get(db, "admin_token"))
        .ok()
        .flatten();
    match (given, expected) {
        (Some(g), Some(e)) if !e.is_empty() && hash_secret(g) == hash_secret(&e) => {
            next.run(req).await
        }
        _ => error(
            StatusCode::UNAUTHORIZED,
            "The /_sandbox/ endpoints need the sandbox admin token: Authorization: Bearer $CARE_SANDBOX_ADMIN_TOKEN.",
        ),
    }
}

pub fn router(sb: &Arc<Sandbox>) -> Router<Arc<Sandbox>> {
    Router::new()
        .route("/stats", get(stats).delete(reset_stats))
        .route("/clock", get(clock).post(advance))
        .route("/signin", post(signin))
        .route("/approve", post(approve))
        .route("/certificates", post(add_certificate))
        .route("/exchange", get(exchange_state).post(set_exchange))
        .route("/identity", post(set_identity))
        .route("/outbox", get(outbox))
        .route("/fobs/{serial}", get(fob_code))
        .layer(middleware::from_fn_with_state(sb.clone(), require_admin))
}

/// `GET /_sandbox/outbox`: every message sent through `sendMail`, oldest first.
async fn outbox(State(sb): State<Arc<Sandbox>>) -> Response {
    match sb.store.read(store::outbox) {
        Ok(value) => json_response(StatusCode::OK, &json!({ "value": value })),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// `GET /_sandbox/fobs/{serial}`: the code the key fob shows now (its display), by the
/// sandbox's clock.
async fn fob_code(
    State(sb): State<Arc<Sandbox>>,
    axum::extract::Path(serial): axum::extract::Path<String>,
) -> Response {
    match sb.store.read(|db| super::oath::shown_code(db, &serial)) {
        Ok(Some(code)) => json_response(
            StatusCode::OK,
            &json!({"serialNumber": serial, "code": code}),
        ),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            format!("no fob {serial} in the inventory"),
        ),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// `POST /_sandbox/certificates` with a PEM body (or `{"pem": "…"}`): registers a certificate
/// on the sandbox app, for `care login --app --certificate`.
async fn add_certificate(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let pem: Vec<u8> = match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(v) => v["pem"].as_str().unwrap_or_default().as_bytes().to_vec(),
        Err(_) => body.to_vec(),
    };
    match sb.add_certificate(&pem) {
        Ok(thumbprint) => json_response(StatusCode::CREATED, &json!({"x5t#S256": thumbprint})),
        Err(message) => error(StatusCode::BAD_REQUEST, message),
    }
}

/// What the Admin API emulation does: `available` (false: every request is 404, a tenant
/// without the Preview), `appRole` (false: an app-only caller lacks the Exchange role, 403) and
/// `consent` (false: the sandbox app has no Exchange permissions; an agent's refresh for
/// Exchange is refused with AADSTS65001, an app's token carries no Exchange role: 401).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ExchangeSwitches {
    available: Option<bool>,
    app_role: Option<bool>,
    consent: Option<bool>,
    /// The app's `Mail.ReadBasic.All` (the mailbox folders' names in Graph).
    mail_folders: Option<bool>,
}

const EXCHANGE_PERMISSIONS: [&str; 2] = ["Exchange.ManageAsAppV2", "Exchange.ManageV2"];

fn exchange_body(sb: &Sandbox) -> Response {
    match sb
        .store
        .read(|db| -> rusqlite::Result<(bool, bool, bool, bool)> {
            let on = |k: &str| store::meta_get(db, k).map(|v| v.as_deref() != Some("false"));
            let client_id = store::meta_get(db, "client_id")?.unwrap_or_default();
            let app = store::find_app(db, &client_id)?;
            let has = |names: &[&str]| {
                app.as_ref()
                    .is_some_and(|a| names.iter().all(|p| a.permissions.iter().any(|q| q == p)))
            };
            Ok((
                on("exchange_available")?,
                on("exchange_app_role")?,
                has(&EXCHANGE_PERMISSIONS),
                has(&["Mail.ReadBasic.All"]),
            ))
        }) {
        Ok((available, app_role, consent, mail_folders)) => json_response(
            StatusCode::OK,
            &json!({"available": available, "appRole": app_role, "consent": consent, "mailFolders": mail_folders}),
        ),
        Err(e) => store_error(e),
    }
}

async fn exchange_state(State(sb): State<Arc<Sandbox>>) -> Response {
    exchange_body(&sb)
}

/// `POST /_sandbox/exchange {"available": false}` and the like.
async fn set_exchange(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<ExchangeSwitches>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "expected {\"available\": true|false, \"appRole\": true|false, \"consent\": true|false, \"mailFolders\": true|false}",
        );
    };
    let written = sb.store.write(|db| -> rusqlite::Result<()> {
        for (key, value) in [
            ("exchange_available", req.available),
            ("exchange_app_role", req.app_role),
        ] {
            if let Some(v) = value {
                store::meta_set(db, key, &v.to_string())?;
            }
        }
        for (granted, names) in [
            (req.consent, &EXCHANGE_PERMISSIONS[..]),
            (req.mail_folders, &["Mail.ReadBasic.All"][..]),
        ] {
            let Some(granted) = granted else { continue };
            let client_id = store::meta_get(db, "client_id")?.unwrap_or_default();
            if let Some(app) = store::find_app(db, &client_id)? {
                let mut permissions: Vec<String> = app
                    .permissions
                    .into_iter()
                    .filter(|p| !names.contains(&p.as_str()))
                    .collect();
                if granted {
                    permissions.extend(names.iter().map(|n| n.to_string()));
                }
                store::set_app_permissions(db, &client_id, &permissions)?;
            }
        }
        Ok(())
    });
    match written {
        Ok(()) => exchange_body(&sb),
        Err(e) => store_error(e),
    }
}

/// `POST /_sandbox/identity {"singleUseRefreshTokens": true}`: refresh tokens taken out when
/// used (a departure from Entra, whose old refresh token stays valid), for testing a client
/// against rotation; `false` is Entra's behaviour, the default.
async fn set_identity(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "expected {\"singleUseRefreshTokens\": true|false}",
        );
    };
    let Some(single) = req["singleUseRefreshTokens"].as_bool() else {
        return error(
            StatusCode::BAD_REQUEST,
            "expected {\"singleUseRefreshTokens\": true|false}",
        );
    };
    match sb
        .store
        .write(|db| store::meta_set(db, identity::SINGLE_USE_REFRESH, &single.to_string()))
    {
        Ok(()) => json_response(StatusCode::OK, &json!({"singleUseRefreshTokens": single})),
        Err(e) => store_error(e),
    }
}

async fn stats(State(sb): State<Arc<Sandbox>>) -> Response {
    let stats = sb.stats();
    json_response(StatusCode::OK, &*stats)
}

async fn reset_stats(State(sb): State<Arc<Sandbox>>) -> Response {
    *sb.stats() = Default::default();
    StatusCode::NO_CONTENT.into_response()
}

fn clock_body(sb: &Sandbox) -> Response {
    match sb.store.read(|db| -> rusqlite::Result<(Timestamp, i64)> {
        let offset = store::meta_get(db, "clock_offset")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Ok((store::now(db)?, offset))
    }) {
        Ok((now, offset)) => json_response(
            StatusCode::OK,
            &json!({"now": now.round(jiff::Unit::Second).unwrap_or(now).to_string(), "offsetSeconds": offset}),
        ),
        Err(e) => store_error(e),
    }
}

async fn clock(State(sb): State<Arc<Sandbox>>) -> Response {
    clock_body(&sb)
}

#[derive(Deserialize)]
struct Advance {
    /// A duration such as "2h", "90m" or "1h 30m".
    advance: Option<String>,
    seconds: Option<i64>,
}

async fn advance(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<Advance>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "Send {\"advance\": \"2h\"} or {\"seconds\": 7200}.",
        );
    };
    let by = match (&req.advance, req.seconds) {
        (Some(text), _) => match text.parse::<SignedDuration>() {
            Ok(d) => d,
            Err(e) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("'{text}' is not a duration: {e}"),
                );
            }
        },
        (None, Some(s)) => SignedDuration::from_secs(s.clamp(i64::MIN / 2, i64::MAX / 2)),
        (None, None) => {
            return error(
                StatusCode::BAD_REQUEST,
                "Send {\"advance\": \"2h\"} or {\"seconds\": 7200}.",
            );
        }
    };
    if by.is_negative() {
        return error(
            StatusCode::BAD_REQUEST,
            "The sandbox clock only moves forward.",
        );
    }
    match sb.store.write(|db| store::advance_clock(db, by)) {
        Err(e) => store_error(e),
        Ok(false) => error(
            StatusCode::BAD_REQUEST,
            format!(
                "The sandbox clock moves at most {} days from real time.",
                store::MAX_CLOCK_OFFSET_SECS / 86_400
            ),
        ),
        Ok(true) => clock_body(&sb),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SimulatedSignIn {
    user_principal_name: String,
    temporary_access_pass: Option<String>,
    /// Second factor used: push, sms, voice, oath, passkey (ignored with a pass).
    method: Option<String>,
    error_code: Option<i64>,
    app_display_name: Option<String>,
    client_app_used: Option<String>,
}

/// The day Microsoft-provided SMS and voice MFA end (entra-docs concept-sms-voice-retirement).
const SMS_VOICE_CUTOVER: &str = "2027-02-01T00:00:00Z";

/// A sign-in by text or call on or after the cut-over (by the sandbox's clock): a user whose
/// only MFA methods are phones meets the blocking prompt to register a passkey; anyone else's
/// text or call is not delivered. The code, the reason and the step's detail. UNCONFIRMED: the
/// documentation describes the prompt, not what the sign-in log records (the codes are the
/// sandbox's choice: 50079 "must enroll", 500121 "strong authentication failed").
fn retired(
    db: &rusqlite::Connection,
    user: &store::UserRow,
    req: &SimulatedSignIn,
    now: jiff::Timestamp,
) -> rusqlite::Result<Option<(i64, &'static str, &'static str)>> {
    let by_phone = matches!(req.method.as_deref(), Some("sms" | "voice"));
    let cutover: jiff::Timestamp = SMS_VOICE_CUTOVER.parse().unwrap_or(now);
    if !by_phone || now < cutover || req.error_code.is_some_and(|c| c != 0) {
        return Ok(None);
    }
    let methods = store::methods_of(db, &user.user.id)?;
    let phones_only = methods.iter().all(|m| {
        let mfa = MethodKind::from_segment(&m.kind).is_some_and(MethodKind::is_mfa)
            || m.kind == super::oath::SEGMENT;
        m.kind == MethodKind::Phone.segment() || !mfa
    });
    Ok(Some(if phones_only {
        (
            50079,
            "Microsoft-provided SMS and voice MFA ended on 2027-02-01: the user must register a passkey to go on (a blocking prompt).",
            "Passkey registration required",
        )
    } else {
        (
            500121,
            "Microsoft-provided SMS and voice MFA ended on 2027-02-01: the text or call was not sent.",
            "SMS and voice are no longer delivered",
        )
    }))
}

/// Simulates a sign-in: checks and consumes a Temporary Access Pass when one is given, and
/// appends the sign-in record that Entra would write.
async fn signin(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let req: SimulatedSignIn = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!(
                    "Invalid sign-in request: {e}. Send {{\"userPrincipalName\": \"…\", \"temporaryAccessPass\": \"…\"}}."
                ),
            );
        }
    };
    let result = sb.store.write(
        |db| -> rusqlite::Result<Result<(String, SignIn), Response>> {
            let Some(user) = store::find_user(db, &req.user_principal_name)? else {
                return Ok(Err(error(
                    StatusCode::NOT_FOUND,
                    format!("No user '{}'.", req.user_principal_name),
                )));
            };
            let now = store::now(db)?;
            let stamp = now.round(jiff::Unit::Second).unwrap_or(now).to_string();
            let mut details = Vec::new();
            let step = |method: &str, ok: bool, detail: &str| AuthenticationDetail {
                authentication_method: Some(method.into()),
                authentication_method_detail: None,
                authentication_step_date_time: Some(stamp.clone()),
                authentication_step_requirement: Some("Primary authentication".into()),
                authentication_step_result_detail: Some(detail.into()),
                succeeded: Some(ok),
            };
            let (code, reason) = if user.user.account_enabled == Some(false) {
                (50057, None)
            } else if let Some(pass) = &req.temporary_access_pass {
                let policy = store::tap_policy(db)?;
                let tap = store::methods_of(db, &user.user.id)?
                    .into_iter()
                    .find(|m| m.kind == MethodKind::TemporaryAccessPass.segment())
                    .and_then(|m| {
                        serde_json::from_value::<StoredTap>(m.data.clone())
                            .ok()
                            .map(|t| (m.id, t))
                    });
                match tap {
                    Some((id, mut tap)) if tap.code_hash == hash_secret(pass) => {
                        let (usable, why) = tap_usability(&tap, &policy, now);
                        if usable {
                            tap.used = true;
                            store::put_method(
                                db,
                                &user.user.id,
                                &id,
                                MethodKind::TemporaryAccessPass.segment(),
                                &serde_json::to_value(&tap).unwrap_or_default(),
                            )?;
                            details.push(step(
                                "Temporary Access Pass",
                                true,
                                "Temporary Access Pass accepted",
                            ));
                            (0, None)
                        } else {
                            details.push(step("Temporary Access Pass", false, why));
                            (
                                50126,
                                Some(format!("The Temporary Access Pass can't be used: {why}.")),
                            )
                        }
                    }
                    _ => {
                        details.push(step(
                            "Temporary Access Pass",
                            false,
                            "Invalid Temporary Access Pass",
                        ));
                        (
                            50126,
                            Some(
                                "The Temporary Access Pass is not valid for this user.".to_string(),
                            ),
                        )
                    }
                }
            } else if let Some((code, reason, detail)) = retired(db, &user, &req, now)? {
                // past the SMS/voice cut-over: the text or call never comes
                details.push(step("Password", true, "Correct password"));
                let mut s = step(
                    if req.method.as_deref() == Some("voice") {
                        "Phone call"
                    } else {
                        "Text message"
                    },
                    false,
                    detail,
                );
                s.authentication_step_requirement = Some("Multi-factor authentication".into());
                details.push(s);
                (code, Some(reason.to_string()))
            } else {
                let code = req.error_code.unwrap_or(0);
                details.push(step(
                    "Password",
                    code != 50126,
                    if code == 50126 {
                        "Invalid username or password"
                    } else {
                        "Correct password"
                    },
                ));
                if code != 50126 {
                    let method = match req.method.as_deref().unwrap_or("push") {
                        "sms" => "Text message",
                        "voice" => "Phone call",
                        "oath" => "OATH verification code",
                        "passkey" => "Passkey (device-bound)",
                        _ => "Mobile app notification",
                    };
                    let mut s = step(
                        method,
                        code == 0,
                        if code == 0 {
                            "MFA successfully completed"
                        } else {
                            "MFA denied"
                        },
                    );
                    s.authentication_step_requirement = Some("Multi-factor authentication".into());
                    details.push(s);
                }
                (code, None)
            };
            let app = req
                .app_display_name
                .clone()
                .unwrap_or_else(|| "Office 365 Exchange Online".into());
            let record = SignIn {
                id: new_guid(),
                created_date_time: stamp.clone(),
                user_display_name: user.user.display_name.clone(),
                user_principal_name: user.user.user_principal_name.clone(),
                user_id: Some(user.user.id.clone()),
                app_id: Some(new_guid()),
                app_display_name: Some(app.clone()),
                ip_address: Some("198.51.100.10".into()),
                client_app_used: Some(
                    req.client_app_used
                        .clone()
                        .unwrap_or_else(|| "Browser".into()),
                ),
                correlation_id: Some(new_guid()),
                conditional_access_status: Some("success".into()),
                is_interactive: Some(true),
                resource_display_name: Some(app.clone()),
                resource_id: Some(new_guid()),
                risk_detail: Some("none".into()),
                risk_level_aggregated: Some("none".into()),
                risk_level_during_sign_in: Some("none".into()),
                risk_state: Some("none".into()),
                risk_event_types: vec![],
                status: SignInStatus {
                    error_code: code,
                    failure_reason: reason.or_else(|| failure_reason(code, &app)),
                    additional_details: None,
                },
                device_detail: Default::default(),
                location: SignInLocation {
                    city: Some("Louisville".into()),
                    state: Some("Kentucky".into()),
                    country_or_region: Some("US".into()),
                    geo_coordinates: Some(GeoCoordinates {
                        altitude: None,
                        latitude: Some(38.25),
                        longitude: Some(-85.76),
                    }),
                },
                applied_conditional_access_policies: vec![],
                authentication_requirement: Some("multiFactorAuthentication".into()),
                authentication_details: Some(details),
            };
            store::insert_signin(db, &record)?;
            Ok(Ok((
                if code == 0 { "success" } else { "failure" }.to_string(),
                record,
            )))
        },
    );
    match result {
        Ok(Ok((outcome, record))) => json_response(
            StatusCode::OK,
            &json!({"result": outcome, "signIn": record}),
        ),
        Ok(Err(resp)) => resp,
        Err(e) => store_error(e),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Approval {
    user_code: String,
    user_principal_name: String,
    #[serde(default)]
    decline: bool,
}

async fn approve(State(sb): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let req: Approval = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!(
                    "Invalid approval: {e}. Send {{\"userCode\": \"…\", \"userPrincipalName\": \"…\"}}."
                ),
            );
        }
    };
    let result = sb.store.write(
        |db| -> rusqlite::Result<Result<(String, String), (StatusCode, String)>> {
            let Some(user) = store::find_user(db, &req.user_principal_name)? else {
                return Ok(Err((
                    StatusCode::NOT_FOUND,
                    format!(
                        "No user '{}' in the sandbox tenant.",
                        req.user_principal_name
                    ),
                )));
            };
            if user.user.account_enabled == Some(false) {
                return Ok(Err((
                    StatusCode::FORBIDDEN,
                    format!("{} is disabled and can't sign in.", user.user.upn()),
                )));
            }
            Ok(
                identity::approve(db, &req.user_code, &user.user.id, req.decline)?
                    .map(|client| (client, user.user.upn().to_string())),
            )
        },
    );
    match result {
        Ok(Ok((client, upn))) => json_response(
            StatusCode::OK,
            &json!({"userCode": req.user_code, "user": upn, "clientId": client, "approved": !req.decline}),
        ),
        Ok(Err((status, message))) => error(status, message),
        Err(e) => store_error(e),
    }
}
