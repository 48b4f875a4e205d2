//! The sandbox's HTTP server: the axum router, the Graph pipeline every Graph request passes
//! (request ids, token check, throttling, faults, stats, error envelope) and the accept loop
//! (which can drop a connection on purpose, to test clients against lost responses).

use super::store::{self, hash_secret};
use super::{
    admin, batch, exchange, identity, logs, mail, methods, oath, passkey, qr, risk, users,
};
use crate::graph::model::{ErrorBody, ErrorEnvelope, InnerError, MethodKind};
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, patch, post};
use axum::{Extension, Router};
use hyper_util::rt::TokioIo;
use jiff::Timestamp;
use percent_encoding::percent_decode_str;
use serde_json::json;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;

use super::tenant::*;

// ---- router ----------------------------------------------------------------------------------

fn collection_routes(kind: MethodKind) -> MethodRouter<Arc<Sandbox>> {
    let r = get(methods::list_kind);
    let r = match kind {
        MethodKind::Phone => r.post(methods::add_phone),
        MethodKind::TemporaryAccessPass => r.post(methods::create_tap),
        MethodKind::Email => r.post(methods::add_email),
        MethodKind::Fido2 => r.post(passkey::create),
        _ => r,
    };
    r.layer(Extension(kind))
}

fn item_routes(kind: MethodKind) -> MethodRouter<Arc<Sandbox>> {
    let r = get(methods::get_kind);
    let r = match kind {
        MethodKind::Password => r,
        MethodKind::Phone => r.patch(methods::update_phone).delete(methods::delete_kind),
        MethodKind::Email => r.patch(methods::update_email).delete(methods::delete_kind),
        _ => r.delete(methods::delete_kind),
    };
    r.layer(Extension(kind))
}

fn graph_routes(sb: &Arc<Sandbox>, api: Api) -> Router {
    let mut r = Router::new()
        .route("/users", get(users::list))
        .route("/users/$count", get(users::count))
        .route("/users/{key}", get(users::get))
        .route("/me", get(users::me))
        .route("/users/{key}/manager", get(users::manager))
        .route(
            "/users/{key}/revokeSignInSessions",
            post(users::revoke_sessions),
        )
        .route(
            "/users/{key}/authentication/methods",
            get(methods::list_all),
        )
        .route(
            "/users/{key}/authentication/methods/{id}",
            get(methods::get_any),
        )
        .route(
            "/users/{key}/authentication/phoneMethods/{id}/{action}",
            post(methods::sms_action),
        )
        .route(
            "/users/{key}/authentication/fido2Methods/creationOptions",
            get(passkey::creation_options),
        )
        .route(
            "/users/{key}/authentication/qrCodePinMethod",
            get(qr::get).put(qr::create).delete(qr::delete),
        )
        .route(
            "/users/{key}/authentication/qrCodePinMethod/temporaryQRCode",
            patch(qr::create_temporary)
                .delete(qr::delete_code)
                .layer(Extension(qr::Which::Temporary)),
        )
        .route(
            "/users/{key}/authentication/qrCodePinMethod/standardQRCode",
            patch(qr::update_standard)
                .delete(qr::delete_code)
                .layer(Extension(qr::Which::Standard)),
        )
        .route(
            "/users/{key}/authentication/qrCodePinMethod/pin",
            patch(qr::reset_pin),
        )
        .route(
            "/users/{key}/calendar/calendarPermissions",
            get(mail::calendar_permissions),
        )
        .route("/users/{key}/mailboxSettings", get(mail::mailbox_settings))
        .route("/users/{key}/calendar", get(mail::default_calendar))
        .route("/users/{key}/mailFolders/{folder}", get(mail::mail_folder))
        .route("/users/{key}/sendMail", post(mail::send_mail))
        .route("/me/sendMail", post(mail::send_my_mail))
        .route(
            "/users/{key}/mailboxSettings/{prop}",
            get(mail::mailbox_setting),
        )
        .route(
            "/reports/authenticationMethods/userRegistrationDetails",
            get(logs::list_registration),
        )
        .route(
            "/reports/authenticationMethods/userRegistrationDetails/{id}",
            get(logs::get_registration),
        )
        .route("/auditLogs/signIns", get(logs::list_signins))
        .route("/auditLogs/signIns/{id}", get(logs::get_signin))
        .route("/auditLogs/directoryAudits", get(logs::list_audits))
        .route("/auditLogs/directoryAudits/{id}", get(logs::get_audit))
        .route(
            "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{config}",
            get(methods::get_tap_policy).patch(methods::update_tap_policy),
        )
        .route(
            "/policies/authenticationMethodsPolicy/{config}",
            get(methods::get_tap_policy).patch(methods::update_tap_policy),
        )
        .route("/$batch", post(batch::batch));
    for (segment, kind) in [
        ("riskyUsers", store::RISKY_USER),
        ("riskDetections", store::RISK_DETECTION),
    ] {
        let resource = Extension(risk::Resource(kind));
        r = r
            .route(
                &format!("/identityProtection/{segment}"),
                get(risk::list).layer(resource),
            )
            .route(
                &format!("/identityProtection/{segment}/{{id}}"),
                get(risk::get).layer(resource),
            );
    }
    for kind in MethodKind::ALL {
        let seg = kind.segment();
        r = r
            .route(
                &format!("/users/{{key}}/authentication/{seg}"),
                collection_routes(kind),
            )
            .route(
                &format!("/users/{{key}}/authentication/{seg}/{{id}}"),
                item_routes(kind),
            );
    }
    if api == Api::Beta {
        r = r
            .route(
                "/users/{key}/authentication/signInPreferences",
                get(methods::get_preferences).patch(methods::update_preferences),
            )
            .route(
                "/directory/authenticationMethodDevices/hardwareOathDevices",
                get(oath::list_devices).post(oath::create_device),
            )
            .route(
                "/directory/authenticationMethodDevices/hardwareOathDevices/{id}",
                get(oath::get_device),
            )
            .route(
                "/users/{key}/authentication/hardwareOathMethods",
                get(oath::list_methods).post(oath::assign_method),
            )
            .route(
                "/users/{key}/authentication/hardwareOathMethods/assignAndActivateBySerialNumber",
                post(oath::assign_and_activate),
            )
            .route(
                "/users/{key}/authentication/hardwareOathMethods/{id}",
                axum::routing::delete(oath::unassign_method),
            )
            .route(
                "/users/{key}/authentication/hardwareOathMethods/{id}/activate",
                post(oath::activate_method),
            );
    }
    r.fallback(unknown_segment)
        .layer(Extension(api))
        .layer(middleware::from_fn_with_state(
            (sb.clone(), api),
            graph_pipeline,
        ))
        .with_state(sb.clone())
}

async fn unknown_segment(req: Request) -> ApiError {
    let segment = req
        .uri()
        .path()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let segment = percent_decode_str(&segment)
        .decode_utf8_lossy()
        .into_owned();
    ApiError::bad_request(
        "BadRequest",
        format!("Resource not found for the segment '{segment}'."),
    )
}

async fn root_fallback(req: Request) -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"error": {"code": "NotFound", "message": format!(
            "No sandbox endpoint at '{}'. Graph lives under /v1.0 and /beta, sign-in under /{{tenant}}/oauth2/v2.0/.",
            req.uri().path()
        )}}),
    )
}

/// Builds the whole application router.
pub fn router(sb: &Arc<Sandbox>) -> Router {
    let v1 = graph_routes(sb, Api::V1);
    let beta = graph_routes(sb, Api::Beta);
    let _ = sb.graphs.set([v1.clone(), beta.clone()]);
    Router::new()
        .route("/{tenant}/oauth2/v2.0/token", post(identity::token))
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(identity::openid_configuration),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(identity::jwks))
        .route(
            "/{tenant}/oauth2/v2.0/devicecode",
            post(identity::device_code),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(identity::authorize_page).post(identity::authorize_submit),
        )
        .route(
            "/devicelogin",
            get(identity::device_login).post(identity::device_login_submit),
        )
        .route(
            "/exchange/adminapi/v2.0/{tenant}/{endpoint}",
            post(exchange::cmdlet).layer(middleware::from_fn_with_state(
                sb.clone(),
                exchange_pipeline,
            )),
        )
        .nest("/_sandbox", admin::router(sb))
        .nest_service("/v1.0", v1)
        .nest_service("/beta", beta)
        .fallback(root_fallback)
        .layer(middleware::map_response(marked))
        .with_state(sb.clone())
}

/// Every answer says it is care's sandbox ([`crate::graph::model::SANDBOX_HEADER`]).
async fn marked(mut response: Response) -> Response {
    response.headers_mut().insert(
        crate::graph::model::SANDBOX_HEADER,
        HeaderValue::from_static("true"),
    );
    response
}

// ---- the Graph pipeline ----------------------------------------------------------------------

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

fn unauthorized(message: &str) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::UNAUTHORIZED,
        "InvalidAuthenticationToken",
        message,
    );
    e.headers.push((
        "www-authenticate",
        "Bearer realm=\"\", authorization_uri=\"/oauth2/authorize\", error=\"invalid_token\""
            .into(),
    ));
    e
}

/// The caller of a request to `audience` (Graph's or Exchange's): a token for another
/// resource is refused like an unknown one.
fn authenticate(sb: &Sandbox, headers: &HeaderMap, audience: &str) -> Result<Caller, ApiError> {
    let token = bearer(headers).ok_or_else(|| unauthorized("Access token is empty."))?;
    let hash = hash_secret(token);
    sb.store.read(|db| {
        let row = store::find_token(db, &hash)?
            .ok_or_else(|| unauthorized("Access token validation failure. Invalid audience."))?;
        if !row.resource.eq_ignore_ascii_case(audience) {
            return Err(unauthorized(
                "Access token validation failure. Invalid audience.",
            ));
        }
        let now = store::now(db)?.as_second();
        if row.expires <= now {
            return Err(unauthorized(
                "Access token has expired or is not yet valid.",
            ));
        }
        let app = store::find_app(db, &row.client_id)?;
        let user = match &row.user_id {
            Some(id) => Some(
                store::find_user(db, id)?
                    .ok_or_else(|| unauthorized("The signed-in user no longer exists."))?,
            ),
            None => None,
        };
        Ok(Caller {
            token_hash: hash.clone(),
            client_id: row.client_id,
            app_name: app.map(|a| a.display_name).unwrap_or_default(),
            user,
            permissions: row.scopes,
        })
    })
}

fn retry_after_header(resp: &Response) -> Option<f64> {
    resp.headers()
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

fn throttled(seconds: f64, write: bool, client_id: &str, tenant: &str) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "TooManyRequests",
        "Please retry again later.",
    );
    let ra = if seconds.fract() == 0.0 {
        format!("{seconds}")
    } else {
        format!("{:.3}", seconds.max(0.001))
    };
    e.headers.push(("retry-after", ra));
    e.headers.push((
        "x-ms-throttle-scope",
        format!(
            "Tenant_Application/{}/{client_id}/{tenant}",
            if write { "Write" } else { "ReadWrite" }
        ),
    ));
    e.headers.push((
        "x-ms-throttle-information",
        if write {
            "WriteLimitExceeded"
        } else {
            "ResourceUnitLimitExceeded"
        }
        .into(),
    ));
    e
}

fn fault_response(status: u16, retry_after: f64) -> ApiError {
    let (code, message) = match status {
        429 => ("TooManyRequests", "Please retry again later."),
        503 => (
            "serviceNotAvailable",
            "The service is temporarily unavailable. Please retry after the period in the Retry-After header.",
        ),
        504 => ("UnknownError", "The gateway timed out."),
        _ => (
            "generalException",
            "An unexpected error occurred (injected by the sandbox).",
        ),
    };
    let mut e = ApiError::new(
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        code,
        message,
    );
    if matches!(status, 429 | 503) {
        e.headers.push(("retry-after", format!("{retry_after}")));
    }
    e
}

async fn graph_pipeline(
    State((sb, api)): State<(Arc<Sandbox>, Api)>,
    mut req: Request,
    next: Next,
) -> Response {
    let request_id = new_guid();
    let client_request_id = req
        .headers()
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().map(|m| {
        // under nest_service the outer prefix may be part of the matched path
        let p = m.as_str();
        p.strip_prefix(&format!("/{}", api.as_str()))
            .filter(|rest| rest.starts_with('/'))
            .unwrap_or(p)
            .to_owned()
    });
    let label = format!(
        "{method} /{}{}",
        api.as_str(),
        route.as_deref().unwrap_or("(unknown)")
    );
    if req.extensions().get::<Base>().is_none() {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("127.0.0.1")
            .to_owned();
        req.extensions_mut()
            .insert(Base(format!("http://{host}/{}", api.as_str())));
    }
    // two batches (or two messages) are two requests: the body tells them apart when counting
    // early retries (a batch resent is the same body; another chunk's batch is not a retry)
    let (req, body_key) = if method == axum::http::Method::POST
        && route
            .as_deref()
            .is_some_and(|r| r == "/$batch" || r.ends_with("/sendMail"))
    {
        let (parts, body) = req.into_parts();
        match axum::body::to_bytes(body, 4 << 20).await {
            Ok(bytes) => {
                let key = hash_secret(&String::from_utf8_lossy(&bytes));
                (Request::from_parts(parts, Body::from(bytes)), key)
            }
            Err(_) => (Request::from_parts(parts, Body::empty()), String::new()),
        }
    } else {
        (req, String::new())
    };
    let response = run_pipeline(
        &sb,
        req,
        next,
        &method,
        route.as_deref(),
        identity::GRAPH,
        &body_key,
    )
    .await;
    finish(
        &sb,
        response,
        &request_id,
        client_request_id.as_deref(),
        &label,
    )
    .await
}

/// The Admin API's pipeline: Graph's (token, throttling, faults, stats), for tokens of the
/// Exchange resource; the stats count each `X-AnchorMailbox` sent.
async fn exchange_pipeline(State(sb): State<Arc<Sandbox>>, req: Request, next: Next) -> Response {
    let request_id = new_guid();
    let client_request_id = req
        .headers()
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let method = req.method().clone();
    let endpoint = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .filter(|e| {
            ["MailboxFolderPermission", "Mailbox"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(e))
        })
        .unwrap_or("(other)")
        .to_string();
    let label = format!("{method} /exchange/adminapi/v2.0/{{tenant}}/{endpoint}");
    if let Some(anchor) = req
        .headers()
        .get("x-anchormailbox")
        .and_then(|v| v.to_str().ok())
    {
        *sb.stats().anchors.entry(anchor.to_string()).or_default() += 1;
    }
    // every cmdlet is a POST to its endpoint: the body tells two requests apart (for the
    // count of early retries)
    let (parts, body) = req.into_parts();
    let response = match axum::body::to_bytes(body, 1 << 20).await {
        Ok(bytes) => {
            let body_key = hash_secret(&String::from_utf8_lossy(&bytes));
            let req = Request::from_parts(parts, Body::from(bytes));
            run_pipeline(&sb, req, next, &method, None, identity::EXCHANGE, &body_key).await
        }
        Err(_) => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            "The request body is larger than the sandbox accepts (1 MiB).",
        )
        .into_response(),
    };
    finish(
        &sb,
        response,
        &request_id,
        client_request_id.as_deref(),
        &label,
    )
    .await
}

async fn run_pipeline(
    sb: &Sandbox,
    mut req: Request,
    next: Next,
    method: &Method,
    route: Option<&str>,
    audience: &str,
    body_key: &str,
) -> Response {
    // an inner request of a `$batch` carries the batch's caller (extensions never come from
    // the wire); anything else shows its token
    let inner = req
        .extensions()
        .get::<BatchInner>()
        .and(req.extensions().get::<Caller>())
        .cloned();
    let caller = match inner.map_or_else(|| authenticate(sb, req.headers(), audience), Ok) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let retry_key = format!(
        "{}|{method}|{}|{body_key}",
        caller.token_hash,
        req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("")
    );
    {
        let mut retries = sb.retries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(due) = retries.remove(&retry_key)
            && Instant::now() + Duration::from_millis(5) < due
        {
            sb.stats().early_retries += 1;
        }
    }
    let priority = match req
        .headers()
        .get("x-ms-throttle-priority")
        .and_then(|v| v.to_str().ok())
    {
        None => "none",
        Some(p) if p.eq_ignore_ascii_case("high") => "High",
        Some(p) if p.eq_ignore_ascii_case("normal") => "Normal",
        Some(p) if p.eq_ignore_ascii_case("low") => "Low",
        Some(_) => "other",
    };
    *sb.stats().priorities.entry(priority.into()).or_default() += 1;
    let is_batch = route == Some("/$batch");
    // the Admin API's cmdlets the sandbox serves are all Get-: reads
    let is_write =
        !matches!(*method, Method::GET | Method::HEAD) && !is_batch && audience == identity::GRAPH;
    // sendMail is Outlook's, paced by Exchange's own limits (not modelled), not the directory's
    let is_mail = route.is_some_and(|r| r.ends_with("/sendMail"));
    let conn = req.extensions().get::<ConnControl>().cloned();
    let response = 'resp: {
        if !is_batch
            && !is_mail
            && let Err(wait) = sb.throttle.take(&caller.client_id, is_write)
        {
            sb.stats().throttled += 1;
            let tenant = sb
                .store
                .read(|db| store::meta_get(db, "tenant_id"))
                .ok()
                .flatten()
                .unwrap_or_default();
            break 'resp throttled(wait, is_write, &caller.client_id, &tenant).into_response();
        }
        let plan = sb
            .faults
            .as_ref()
            .map(|f| f.roll(conn.is_some()))
            .unwrap_or_default();
        if let Some(latency) = plan.latency {
            tokio::time::sleep(latency).await;
        }
        if plan.drop_before
            && let Some(conn) = &conn
        {
            sb.count_fault("drop-before");
            conn.0.notify_one();
            std::future::pending::<()>().await;
        }
        if let Some(status) = plan.status {
            sb.count_fault(&status.to_string());
            let ra = sb
                .faults
                .as_ref()
                .map(|f| f.spec.retry_after)
                .unwrap_or(1.0);
            break 'resp fault_response(status, ra).into_response();
        }
        req.extensions_mut().insert(caller);
        let response = next.run(req).await;
        if plan.drop_after
            && is_write
            && response.status().is_success()
            && let Some(conn) = &conn
        {
            sb.count_fault("drop-after");
            conn.0.notify_one();
            std::future::pending::<()>().await;
        }
        response
    };
    if matches!(response.status().as_u16(), 429 | 503)
        && let Some(ra) = retry_after_header(&response)
    {
        let mut retries = sb.retries.lock().unwrap_or_else(|e| e.into_inner());
        // forget the ones long due, so the map does not grow with traffic
        if retries.len() >= 1024 {
            let now = Instant::now();
            retries.retain(|_, due| *due > now);
        }
        let wait = Duration::try_from_secs_f64(ra).unwrap_or(Duration::from_secs(3600));
        retries.insert(retry_key, Instant::now() + wait);
    }
    response
}

impl Sandbox {
    fn count_fault(&self, what: &str) {
        *self.stats().faults.entry(what.to_string()).or_default() += 1;
    }
}

fn generic_code(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        401 => ("InvalidAuthenticationToken", "Access token is empty."),
        403 => ("accessDenied", "Access denied."),
        404 => ("Request_ResourceNotFound", "The resource was not found."),
        405 => (
            "Request_BadRequest",
            "Specified HTTP method is not allowed for the request target.",
        ),
        415 => ("BadRequest", "Unsupported media type."),
        s if s >= 500 => ("generalException", "An internal error occurred."),
        _ => ("BadRequest", "The request is invalid."),
    }
}

async fn finish(
    sb: &Sandbox,
    response: Response,
    request_id: &str,
    client_request_id: Option<&str>,
    label: &str,
) -> Response {
    let status = response.status();
    let (mut parts, body) = response.into_parts();
    let info = parts.extensions.remove::<ErrorInfo>();
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let body = if info.is_some() || (status.as_u16() >= 400 && !is_json) {
        let info = match info {
            Some(i) => i,
            None => {
                let text = axum::body::to_bytes(body, 64 * 1024)
                    .await
                    .unwrap_or_default();
                let (code, default) = generic_code(status);
                let text = String::from_utf8_lossy(&text).trim().to_string();
                ErrorInfo {
                    code: code.into(),
                    message: if text.is_empty() || status == StatusCode::METHOD_NOT_ALLOWED {
                        default.into()
                    } else {
                        text
                    },
                    inner_message: false,
                }
            }
        };
        let envelope = ErrorEnvelope {
            error: ErrorBody {
                code: info.code.clone(),
                message: info.message.clone(),
                inner_error: Some(InnerError {
                    code: (status == StatusCode::TOO_MANY_REQUESTS).then(|| "429".into()),
                    message: info.inner_message.then(|| info.message.clone()),
                    date: Some(graph_date(Timestamp::now())),
                    request_id: Some(request_id.to_string()),
                    client_request_id: client_request_id.map(str::to_owned),
                }),
            },
        };
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        parts.headers.remove(header::CONTENT_LENGTH);
        Body::from(serde_json::to_vec(&envelope).unwrap_or_default())
    } else {
        body
    };
    if let Ok(v) = HeaderValue::from_str(request_id) {
        parts.headers.insert("request-id", v);
    }
    if let Some(v) = client_request_id.and_then(|c| HeaderValue::from_str(c).ok()) {
        parts.headers.insert("client-request-id", v);
    }
    {
        let mut stats = sb.stats();
        *stats.requests.entry(label.to_string()).or_default() += 1;
        *stats.statuses.entry(status.as_u16()).or_default() += 1;
    }
    Response::from_parts(parts, body)
}

// ---- connections -----------------------------------------------------------------------------

async fn serve_connection(stream: TcpStream, app: Router, idle_timeout: Duration) {
    let kill = Arc::new(Notify::new());
    let control = ConnControl(kill.clone());
    let svc = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let mut req = req.map(Body::new);
        req.extensions_mut().insert(control.clone());
        app.clone().oneshot(rewrite_key_form(req))
    });
    // the header timeout also runs while a kept-alive connection waits for its next request
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(idle_timeout)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), svc);
    tokio::select! {
        biased;
        _ = kill.notified() => {}
        _ = conn => {}
    }
}

/// Serves the sandbox on a listener the caller bound, until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    sandbox: Arc<Sandbox>,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let app = router(&sandbox);
    let slots = Arc::new(tokio::sync::Semaphore::new(sandbox.max_connections));
    tokio::pin!(shutdown);
    loop {
        // a free slot first: past the cap, clients wait in the backlog
        let slot = tokio::select! {
            _ = &mut shutdown => return Ok(()),
            slot = slots.clone().acquire_owned() => slot,
        };
        let Ok(slot) = slot else { return Ok(()) };
        let accepted = tokio::select! {
            _ = &mut shutdown => return Ok(()),
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                let (app, idle) = (app.clone(), sandbox.idle_timeout);
                tokio::spawn(async move {
                    serve_connection(stream, app, idle).await;
                    drop(slot);
                });
            }
            Err(e) => {
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}
