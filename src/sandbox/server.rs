//! The sandbox's HTTP server: the axum router, the Graph pipeline every Graph request passes
//! (request ids, token check, throttling, faults, stats, error envelope) and the accept loop
//! (which can drop a connection on purpose, to test clients against lost responses).

use super::faults::{FaultSpec, Faults, Throttle};
use super::store::{self, DbLocation, Store, StoreError, UserRow, hash_secret};
use super::{admin, batch, identity, logs, mail, methods, seed, users};
use crate::graph::model::Rate;
use crate::graph::model::{ErrorBody, ErrorEnvelope, InnerError, MethodKind, Secret};
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Extension, Router};
use hyper_util::rt::TokioIo;
use jiff::Timestamp;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;

/// Characters escaped in a path segment (RFC 3986 plus `$`, so a key form `('$x')` survives).
pub const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'?')
    .add(b'`')
    .add(b'<')
    .add(b'>')
    .add(b'{')
    .add(b'}')
    .add(b'$');

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    V1,
    Beta,
}

impl Api {
    pub fn as_str(self) -> &'static str {
        match self {
            Api::V1 => "v1.0",
            Api::Beta => "beta",
        }
    }
}

/// How the sandbox is started.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub db: DbLocation,
    /// Staff to seed into a new database.
    pub users: usize,
    pub seed: u64,
    /// The tenant holds an Entra ID P1/P2 licence (sign-in logs and reports).
    pub premium: bool,
    pub faults: Option<FaultSpec>,
    pub fault_seed: u64,
    pub read_limit: Option<Rate>,
    pub write_limit: Option<Rate>,
    /// How long a connection may take to send a request's headers, and may sit idle between
    /// requests, before it is closed.
    pub idle_timeout: Duration,
    /// Connections served at once; more wait in the listen backlog.
    pub max_connections: usize,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            db: DbLocation::Memory,
            users: seed::DEFAULT_USERS,
            seed: seed::DEFAULT_SEED,
            premium: true,
            faults: None,
            fault_seed: 0,
            read_limit: None,
            write_limit: None,
            idle_timeout: Duration::from_secs(30),
            max_connections: 512,
        }
    }
}

/// What a client needs to talk to this sandbox.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub tenant_id: String,
    pub domain: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub admin_token: Secret,
}

/// A sandbox tenant: its store and the state of the server in front of it.
pub struct Sandbox {
    pub(super) store: Store,
    pub(super) premium: bool,
    pub(super) faults: Option<Faults>,
    pub(super) throttle: Throttle,
    pub(super) stats: Mutex<Stats>,
    retries: Mutex<HashMap<String, Instant>>,
    graphs: OnceLock<[Router; 2]>,
    seeded: Option<usize>,
    idle_timeout: Duration,
    max_connections: usize,
}

impl Sandbox {
    /// Opens the database, seeding it when it is new.
    pub fn open(opts: SandboxOptions) -> Result<Arc<Sandbox>, StoreError> {
        let store = Store::open(opts.db)?;
        let seeded = store.write(|db| {
            if store::meta_get(db, "tenant_id")?.is_some() {
                return Ok::<_, rusqlite::Error>(None);
            }
            seed::seed(db, opts.users, opts.seed).map(Some)
        })?;
        Ok(Arc::new(Sandbox {
            store,
            premium: opts.premium,
            faults: opts.faults.map(|f| Faults::new(f, opts.fault_seed)),
            throttle: Throttle::new(opts.read_limit, opts.write_limit),
            stats: Mutex::new(Stats::default()),
            retries: Mutex::new(HashMap::new()),
            graphs: OnceLock::new(),
            seeded,
            idle_timeout: opts.idle_timeout,
            max_connections: opts.max_connections.max(1),
        }))
    }

    /// How many users were seeded when this database was created by `open` (None: it existed).
    pub fn seeded(&self) -> Option<usize> {
        self.seeded
    }

    /// Deletes everything and seeds anew; returns the number of users.
    pub fn reset(&self, users: usize, seed: u64) -> Result<usize, StoreError> {
        Ok(self.store.write(|db| {
            store::clear(db)?;
            seed::seed(db, users, seed)
        })?)
    }

    pub fn credentials(&self) -> Result<Credentials, StoreError> {
        Ok(self.store.read(|db| -> rusqlite::Result<Credentials> {
            let get = |k: &str| store::meta_get(db, k).map(Option::unwrap_or_default);
            Ok(Credentials {
                tenant_id: get("tenant_id")?,
                domain: get("domain")?,
                client_id: get("client_id")?,
                client_secret: Secret::new(get("client_secret")?),
                admin_token: Secret::new(get("admin_token")?),
            })
        })?)
    }

    pub fn location(&self) -> &DbLocation {
        self.store.location()
    }

    /// Registers the certificate in `pem` (its public part) on the sandbox app, so a client
    /// can sign in with a client assertion; returns its `x5t#S256` thumbprint.
    pub fn add_certificate(&self, pem: &[u8]) -> Result<String, String> {
        let row = identity::certificate_row(pem)?;
        let thumbprint = row.sha256.clone();
        self.store
            .write(|db| {
                let client = store::meta_get(db, "client_id")?.unwrap_or_default();
                store::add_certificate(db, &client, &row)
            })
            .map_err(|e: rusqlite::Error| e.to_string())?;
        Ok(thumbprint)
    }

    pub(super) fn graph_router(&self, api: Api) -> Option<Router> {
        self.graphs
            .get()
            .map(|g| g[usize::from(api == Api::Beta)].clone())
    }

    pub(super) fn stats(&self) -> std::sync::MutexGuard<'_, Stats> {
        self.stats.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Counters shown by `GET /_sandbox/stats`.
#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// "METHOD /version/route-template" → count.
    pub requests: BTreeMap<String, u64>,
    pub statuses: BTreeMap<u16, u64>,
    /// target UPN → change kind → count.
    pub writes: BTreeMap<String, BTreeMap<String, u64>>,
    pub throttled: u64,
    /// Requests repeated before the Retry-After they were given had passed.
    pub early_retries: u64,
    /// Requests by their `x-ms-throttle-priority` (`none` without one).
    pub priorities: BTreeMap<String, u64>,
    pub faults: BTreeMap<String, u64>,
    pub batches: u64,
}

// ---- errors ----------------------------------------------------------------------------------

/// A Graph error; the pipeline wraps it in the §12.1 envelope with the request's ids.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    /// Repeat the message as `innerError.message` (as the TAP lifetime error does).
    pub inner_message: bool,
    pub headers: Vec<(&'static str, String)>,
}

#[derive(Clone)]
struct ErrorInfo {
    code: String,
    message: String,
    inner_message: bool,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.into(),
            message: message.into(),
            inner_message: false,
            headers: vec![],
        }
    }
    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }
    pub fn user_not_found(key: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "Request_ResourceNotFound",
            format!(
                "Resource '{key}' does not exist or one of its queried reference-property objects are not present."
            ),
        )
    }
    pub fn item_not_found(what: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "itemNotFound",
            format!("{what} was not found."),
        )
    }
    pub fn denied_directory() -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
    }
    pub fn bad_json() -> Self {
        ApiError::bad_request(
            "BadRequest",
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        )
    }
    pub fn with_inner_message(mut self) -> Self {
        self.inner_message = true;
        self
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        tracing::error!(error = %e, "sandbox store error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "generalException",
            "An internal error occurred in the sandbox store.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = self.status.into_response();
        for (name, value) in &self.headers {
            if let Ok(v) = HeaderValue::from_str(value) {
                resp.headers_mut().insert(*name, v);
            }
        }
        resp.extensions_mut().insert(ErrorInfo {
            code: self.code,
            message: self.message,
            inner_message: self.inner_message,
        });
        resp
    }
}

pub type ApiResult = Result<Response, ApiError>;

/// A JSON response.
pub fn json_response(status: StatusCode, value: &impl Serialize) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")],
        body,
    )
        .into_response()
}

/// `{base}/$metadata#{what}` as `@odata.context`, placed into an object.
pub fn with_context(base: &Base, what: &str, value: Value) -> Value {
    match value {
        Value::Object(mut map) => {
            map.insert(
                "@odata.context".into(),
                Value::String(format!("{}/$metadata#{what}", base.0)),
            );
            Value::Object(map)
        }
        other => other,
    }
}

pub fn graph_date(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

pub fn new_guid() -> String {
    let bytes: [u8; 16] = rand::random();
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

// ---- request context -------------------------------------------------------------------------

/// `http://host/v1.0`: the root that `@odata.context` and `@odata.nextLink` use.
#[derive(Clone, Debug)]
pub struct Base(pub String);

/// The per-connection switch the pipeline pulls to drop a connection without a response.
#[derive(Clone)]
pub struct ConnControl(Arc<Notify>);

/// Marks a request dispatched from inside `$batch`.
#[derive(Clone)]
pub struct BatchInner;

/// The authenticated caller of a Graph request.
#[derive(Clone, Debug)]
pub struct Caller {
    pub token_hash: String,
    pub client_id: String,
    pub app_name: String,
    pub user: Option<UserRow>,
    /// Application permissions (app-only) or delegated scopes.
    pub permissions: Vec<String>,
}

impl Caller {
    pub fn has_permission(&self, any_of: &[&str]) -> bool {
        self.permissions
            .iter()
            .any(|p| any_of.iter().any(|a| a.eq_ignore_ascii_case(p)))
    }
    pub fn is_user(&self, id: &str) -> bool {
        self.user.as_ref().is_some_and(|u| u.user.id == id)
    }
}

// ---- router ----------------------------------------------------------------------------------

fn collection_routes(kind: MethodKind) -> MethodRouter<Arc<Sandbox>> {
    let r = get(methods::list_kind);
    let r = match kind {
        MethodKind::Phone => r.post(methods::add_phone),
        MethodKind::TemporaryAccessPass => r.post(methods::create_tap),
        MethodKind::Email => r.post(methods::add_email),
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
            "/users/{key}/calendar/calendarPermissions",
            get(mail::calendar_permissions),
        )
        .route("/users/{key}/mailboxSettings", get(mail::mailbox_settings))
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
        r = r.route(
            "/users/{key}/authentication/signInPreferences",
            get(methods::get_preferences).patch(methods::update_preferences),
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
        .nest("/_sandbox", admin::router(sb))
        .nest_service("/v1.0", v1)
        .nest_service("/beta", beta)
        .fallback(root_fallback)
        .with_state(sb.clone())
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

fn authenticate(sb: &Sandbox, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let token = bearer(headers).ok_or_else(|| unauthorized("Access token is empty."))?;
    let hash = hash_secret(token);
    sb.store.read(|db| {
        let row = store::find_token(db, &hash)?
            .ok_or_else(|| unauthorized("Access token validation failure. Invalid audience."))?;
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
    let response = run_pipeline(&sb, req, next, &method, route.as_deref()).await;
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
) -> Response {
    // an inner request of a `$batch` carries the batch's caller (extensions never come from
    // the wire); anything else shows its token
    let inner = req
        .extensions()
        .get::<BatchInner>()
        .and(req.extensions().get::<Caller>())
        .cloned();
    let caller = match inner.map_or_else(|| authenticate(sb, req.headers()), Ok) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let retry_key = format!(
        "{}|{method}|{}",
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
    let is_write = !matches!(*method, Method::GET | Method::HEAD) && !is_batch;
    let conn = req.extensions().get::<ConnControl>().cloned();
    let response = 'resp: {
        if !is_batch && let Err(wait) = sb.throttle.take(&caller.client_id, is_write) {
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

/// `/users('o''neil@x')/…` → `/users/o'neil@x/…` (the OData key form, needed for a UPN that
/// starts with `$`).
pub(super) fn rewrite_key_form(mut req: Request) -> Request {
    let path = req.uri().path();
    if !path.contains("users(") {
        return req;
    }
    let rewritten: Vec<String> = path
        .split('/')
        .map(|seg| {
            let Some(inner) = seg.strip_prefix("users(").and_then(|s| s.strip_suffix(')')) else {
                return seg.to_string();
            };
            let decoded = percent_decode_str(inner).decode_utf8_lossy();
            match decoded
                .strip_prefix('\'')
                .and_then(|s| s.strip_suffix('\''))
            {
                Some(quoted) => format!(
                    "users/{}",
                    utf8_percent_encode(&quoted.replace("''", "'"), SEGMENT)
                ),
                None => format!("users/{inner}"),
            }
        })
        .collect();
    let mut new = rewritten.join("/");
    if let Some(q) = req.uri().query() {
        new.push('?');
        new.push_str(q);
    }
    if let Ok(uri) = new.parse() {
        *req.uri_mut() = uri;
    }
    req
}

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
