//! The sandbox tenant and what every handler shares: its state ([`Sandbox`]), the context of a
//! request ([`Caller`], [`Base`], [`Api`]), Graph's error envelope ([`ApiError`]) and the
//! response helpers. Handlers import these; the router (`server.rs`) sits on top and is imported
//! by nobody.

use super::faults::{FaultSpec, Faults, Throttle};
use super::seed;
use super::store::{self, DbLocation, Store, StoreError, UserRow};
use crate::graph::model::Secret;
use crate::graph::model::{DirectoryAudit, Rate, User};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

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
    /// The licence is P2, with Identity Protection (risky users); P1 has the risk detections
    /// only.
    pub identity_protection: bool,
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
            identity_protection: true,
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
    pub(super) identity_protection: bool,
    pub(super) faults: Option<Faults>,
    pub(super) throttle: Throttle,
    pub(super) stats: Mutex<Stats>,
    pub(super) retries: Mutex<HashMap<String, Instant>>,
    pub(super) graphs: OnceLock<[Router; 2]>,
    seeded: Option<usize>,
    pub(super) idle_timeout: Duration,
    pub(super) max_connections: usize,
}

impl Sandbox {
    /// Opens the database, seeding it when it is new.
    pub fn open(opts: SandboxOptions) -> Result<Arc<Sandbox>, StoreError> {
        let store = Store::open(opts.db.clone())?;
        let seeded = store.write(|db| {
            if store::meta_get(db, "tenant_id")?.is_some() {
                // a database seeded before the Exchange emulation gets its part now
                seed::exchange(db)?;
                seed::fobs(db)?;
                seed::spanish_mailbox(db)?;
                super::keys::ensure(db)?;
                return Ok::<_, rusqlite::Error>(None);
            }
            seed::seed(db, opts.users, opts.seed).map(Some)
        })?;
        Ok(Sandbox::over(store, seeded, opts))
    }

    /// A sandbox over an in-memory copy of this one's database as it is now, served as `opts`
    /// says (their `db`, `users` and `seed` are not used: the copy holds what it holds). A test
    /// suite seeds one district and copies it for each test.
    pub fn copy(&self, opts: SandboxOptions) -> Result<Arc<Sandbox>, StoreError> {
        Ok(Sandbox::over(Store::copy_of(&self.store)?, None, opts))
    }

    fn over(store: Store, seeded: Option<usize>, opts: SandboxOptions) -> Arc<Sandbox> {
        Arc::new(Sandbox {
            store,
            premium: opts.premium,
            identity_protection: opts.identity_protection,
            faults: opts.faults.map(|f| Faults::new(f, opts.fault_seed)),
            throttle: Throttle::new(opts.read_limit, opts.write_limit),
            stats: Mutex::new(Stats::default()),
            retries: Mutex::new(HashMap::new()),
            graphs: OnceLock::new(),
            seeded,
            idle_timeout: opts.idle_timeout,
            max_connections: opts.max_connections.max(1),
        })
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

    /// The tenant's audit records (`directoryAudits`, newest first) and the users named in
    /// `upns` that exist: what a trainee's audit log is seeded from.
    pub fn records_and_people(
        &self,
        upns: &[&str],
    ) -> Result<(Vec<DirectoryAudit>, Vec<User>), StoreError> {
        Ok(self.store.read(|db| {
            let mut people = vec![];
            for upn in upns {
                people.extend(store::find_user(db, upn)?.map(|row| row.user));
            }
            Ok::<_, rusqlite::Error>((store::audits(db)?, people))
        })?)
    }

    pub fn location(&self) -> &DbLocation {
        self.store.location()
    }

    /// Registers the certificate in `pem` (its public part) on the sandbox app, so a client
    /// can sign in with a client assertion; returns its `x5t#S256` thumbprint.
    pub fn add_certificate(&self, pem: &[u8]) -> Result<String, String> {
        let row = store::CertificateRow::from_pem(pem)?;
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
    /// Exchange Admin API requests by their `X-AnchorMailbox`.
    pub anchors: BTreeMap<String, u64>,
    /// Token requests by their `grant_type`.
    pub grants: BTreeMap<String, u64>,
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
pub(super) struct ErrorInfo {
    pub(super) code: String,
    pub(super) message: String,
    pub(super) inner_message: bool,
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

pub use super::audit::new_guid;

// ---- request context -------------------------------------------------------------------------

/// `http://host/v1.0`: the root that `@odata.context` and `@odata.nextLink` use.
#[derive(Clone, Debug)]
pub struct Base(pub String);

/// The per-connection switch the pipeline pulls to drop a connection without a response.
#[derive(Clone)]
pub struct ConnControl(pub(super) Arc<Notify>);

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

/// `/users('o''neil@x')/…` → `/users/o'neil@x/…` (the OData key form, needed for a UPN that
/// starts with `$`).
pub fn rewrite_key_form(mut req: Request) -> Request {
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
