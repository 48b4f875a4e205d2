//! The Graph HTTP client: one keep-alive reqwest client (HTTP/2 over TLS, gzip), the bearer
//! from a [`TokenSource`], a `client-request-id` on every request, typed errors from Graph's
//! envelope (with its `request-id`), paging along `@odata.nextLink`, JSON batching, and the one
//! retry policy of the crate.
//!
//! Retries: 429 always (the request was refused, not applied), and a request that never reached
//! the server; 5xx and lost answers only for reads (and batches of reads). A write whose
//! outcome is unknown (a 5xx, a lost answer) is never resent blind: the error says it may have
//! been applied and the caller reads the state back first (`ops::write`). `Retry-After`
//! (seconds or an HTTP date) is honoured up to a cap; otherwise exponential backoff with full
//! jitter. Writes can be paced (a bulk run's [`Pacer`]); every request says its
//! `x-ms-throttle-priority` (High for an agent on a call, Low for bulk runs).

use super::encode::KeyError;
use super::model::{BatchRequest, BatchRequestItem, BatchResponse, Collection, ErrorEnvelope};
pub use super::pacing::{Pacer, Priority};
use super::permit::Permit;
use crate::auth::{AuthError, TokenSource};
use crate::net::describe_reqwest;
use rand::RngExt;
use reqwest::Method;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    /// Only where Graph has no v1.0 endpoint.
    Beta,
    /// The Exchange Online Admin API (`{root}/adminapi/v2.0/{tenant}/{Endpoint}`).
    AdminApi,
}

impl Version {
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1 => "v1.0",
            Version::Beta => "beta",
            Version::AdminApi => "adminapi/v2.0",
        }
    }
}

/// A failed Graph request, as Graph described it.
#[derive(Debug, Clone)]
pub struct ApiFailure {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub client_request_id: String,
    /// `GET /users/x`: what was asked.
    pub request: String,
    /// The Exchange Admin API's cmdlet error text (`details`, `internalexception`), if any.
    pub detail: Option<String>,
    /// The answer's `Retry-After`: nothing is sent again before it has passed.
    pub retry_after: Option<Duration>,
}

#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("{}: {} ({}, HTTP {})", .0.request, .0.message, .0.code, .0.status)]
    Api(Box<ApiFailure>),
    #[error("{request}: {detail}{}", if *.maybe_applied { " (the request may have reached Graph; check before repeating it)" } else { "" })]
    Network {
        request: String,
        detail: String,
        maybe_applied: bool,
    },
    #[error("{request}: unexpected response: {detail}")]
    Decode { request: String, detail: String },
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("refusing to follow a link to {0}: it is not the Graph root this client talks to")]
    ForeignLink(String),
    /// A change sent without the door's permit: a bug in care, never sent.
    #[error("{0}: a change must go through care's door (decide, guard, record); nothing was sent")]
    Unpermitted(String),
}

impl GraphError {
    pub fn status(&self) -> Option<u16> {
        match self {
            GraphError::Api(f) => Some(f.status),
            _ => None,
        }
    }
    pub fn code(&self) -> Option<&str> {
        match self {
            GraphError::Api(f) => Some(&f.code),
            _ => None,
        }
    }
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }
    /// How long the answer asked the client to wait before sending the request again.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            GraphError::Api(f) => f.retry_after,
            _ => None,
        }
    }
    /// The request may have been applied although no success came back.
    pub fn maybe_applied(&self) -> bool {
        match self {
            GraphError::Network { maybe_applied, .. } => *maybe_applied,
            GraphError::Api(f) => matches!(f.status, 500 | 502 | 503 | 504),
            _ => false,
        }
    }
}

/// One logical request.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: Method,
    pub version: Version,
    /// Encoded path below the version, e.g. `users/a%23b@x/authentication/methods`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    /// Send `ConsistencyLevel: eventual` (advanced queries), on every page.
    pub eventual: bool,
    /// Safe to send again when its outcome is unknown: reads, and batches of reads.
    pub idempotent: bool,
    /// Headers of this request only (the Admin API's `X-AnchorMailbox`).
    pub headers: Vec<(&'static str, String)>,
    /// A change counted against the directory's write limit, so a bulk run's pacer paces it
    /// (not mail: Outlook's service has limits of its own).
    pub paced: bool,
}

impl Call {
    pub fn new(method: Method, version: Version, path: impl Into<String>) -> Call {
        let idempotent = method == Method::GET;
        Call {
            method,
            version,
            path: path.into(),
            query: vec![],
            body: None,
            eventual: false,
            idempotent,
            headers: vec![],
            paced: true,
        }
    }
    pub fn get(path: impl Into<String>) -> Call {
        Call::new(Method::GET, Version::V1, path)
    }
    /// A v1.0 POST (not idempotent unless marked).
    pub fn post(path: impl Into<String>) -> Call {
        Call::new(Method::POST, Version::V1, path)
    }
    pub fn query(mut self, key: &'static str, value: impl Into<String>) -> Call {
        self.query.push((key, value.into()));
        self
    }
    pub fn body(mut self, body: Value) -> Call {
        self.body = Some(body);
        self
    }
    /// A change the directory's write limit does not count (mail, under Exchange's limits).
    pub fn unpaced(mut self) -> Call {
        self.paced = false;
        self
    }
    pub fn eventual(mut self) -> Call {
        self.eventual = true;
        self
    }
    pub fn beta(mut self) -> Call {
        self.version = Version::Beta;
        self
    }
    /// An Admin API cmdlet: `POST /adminapi/v2.0/{tenant}/{endpoint}` with the
    /// `CmdletInput` body, routed to `anchor`'s mailbox. A `Get-` cmdlet is a read, safe to
    /// send again.
    pub fn cmdlet(
        tenant: &str,
        endpoint: &str,
        anchor: &str,
        request: &super::model::exchange::CmdletRequest,
    ) -> Call {
        let mut c = Call::new(
            Method::POST,
            Version::AdminApi,
            format!("{}/{endpoint}", super::encode::segment(tenant)),
        )
        .body(serde_json::to_value(request).unwrap_or_default());
        c.idempotent = request.input.name.starts_with("Get-");
        c.headers.push(("X-AnchorMailbox", anchor.to_string()));
        c
    }
    /// A request that changes the tenant: anything but a read (a `GET`, a batch of reads, a
    /// `Get-` cmdlet).
    pub fn is_change(&self) -> bool {
        self.method != Method::GET && !self.idempotent
    }
    /// `GET /users/x`, for messages.
    pub fn describe(&self) -> String {
        format!("{} /{}/{}", self.method, self.version.as_str(), self.path)
    }
    /// The path below the version with its query, as a batch request names it.
    pub fn relative(&self) -> String {
        if self.query.is_empty() {
            format!("/{}", self.path)
        } else {
            format!("/{}?{}", self.path, super::encode::query(&self.query))
        }
    }
}

/// A successful response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub request: String,
    /// Graph's `request-id`, for reports.
    pub request_id: Option<String>,
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, GraphError> {
        let bytes: &[u8] = if self.body.is_empty() {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(bytes).map_err(|e| GraphError::Decode {
            request: self.request.clone(),
            detail: e.to_string(),
        })
    }
}

/// How hard to try.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Duration,
    pub cap: Duration,
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            base: Duration::from_millis(300),
            cap: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// Full jitter: uniform in [0, min(cap, base·2^(attempt-1))].
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.cap);
        Duration::from_secs_f64(rand::rng().random_range(0.0..=exp.as_secs_f64()))
    }
}

/// `Retry-After` as seconds (fractions allowed) or an HTTP date.
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        // a value past what a Duration holds is "a very long time" (callers cap it)
        return (secs >= 0.0).then(|| Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    Some(at.duration_since(now).try_into().unwrap_or(Duration::ZERO))
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    parse_retry_after(
        headers.get(RETRY_AFTER)?.to_str().ok()?,
        jiff::Timestamp::now(),
    )
}

tokio::task_local! {
    /// Graph's `request-id` of each change sent from this task, when a caller records them.
    static WRITES: std::cell::RefCell<Vec<String>>;
}

/// Runs `f`, returning with its output the `request-id` of every change (non-GET request) it
/// sent, answered or refused: what a report or an audit record quotes to Microsoft support.
/// A recording inside another gives its ids to the outer one too.
pub async fn recording_writes<F: std::future::Future>(f: F) -> (F::Output, Vec<String>) {
    let (out, ids) = WRITES
        .scope(std::cell::RefCell::new(vec![]), async {
            let out = f.await;
            let ids = WRITES.with(|w| w.take());
            (out, ids)
        })
        .await;
    let _ = WRITES.try_with(|outer| outer.borrow_mut().extend(ids.iter().cloned()));
    (out, ids)
}

fn new_request_id() -> String {
    let bytes: [u8; 16] = rand::random();
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

fn api_failure(
    status: u16,
    request_id: Option<String>,
    body: &[u8],
    cid: &str,
    request: &str,
    retry_after: Option<Duration>,
) -> GraphError {
    let envelope: Option<ErrorEnvelope> = serde_json::from_slice(body).ok();
    let detail = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| super::model::exchange::cmdlet_error_detail(&v));
    let (code, message) = match envelope {
        Some(e) if !e.error.code.is_empty() => (e.error.code, e.error.message),
        _ => (
            format!("HTTP{status}"),
            String::from_utf8_lossy(body)
                .chars()
                .take(200)
                .collect::<String>(),
        ),
    };
    GraphError::Api(Box::new(ApiFailure {
        status,
        code,
        message,
        request_id,
        client_request_id: cid.to_string(),
        request: request.to_string(),
        detail,
        retry_after,
    }))
}

#[derive(Clone)]
pub struct GraphClient {
    http: reqwest::Client,
    root: String,
    tokens: Arc<TokenSource>,
    retry: RetryPolicy,
    priority: Priority,
    pacer: Option<Arc<Pacer>>,
    /// An answer carried care's sandbox header ([`super::model::SANDBOX_HEADER`]).
    sandbox: Arc<std::sync::OnceLock<()>>,
}

impl GraphClient {
    /// `root` is the Graph root without version, e.g. `https://graph.microsoft.com`.
    pub fn new(http: reqwest::Client, root: &str, tokens: Arc<TokenSource>) -> GraphClient {
        GraphClient {
            http,
            root: root.trim_end_matches('/').to_string(),
            tokens,
            retry: RetryPolicy::default(),
            priority: Priority::High,
            pacer: None,
            sandbox: Arc::default(),
        }
    }

    /// The same client (same connections, same sign-in) for a bulk run: Low priority, writes
    /// paced by `pacer`, and more patient with 429s (a refused request is never applied, and a
    /// bulk row has time to wait).
    pub fn for_bulk(&self, pacer: Arc<Pacer>) -> GraphClient {
        GraphClient {
            http: self.http.clone(),
            root: self.root.clone(),
            tokens: self.tokens.clone(),
            retry: RetryPolicy {
                max_attempts: 12,
                ..self.retry
            },
            priority: Priority::Low,
            pacer: Some(pacer),
            sandbox: self.sandbox.clone(),
        }
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> GraphClient {
        self.retry = retry;
        self
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    /// The token requests are sent with now (`care auth status` reads its claims).
    pub async fn access_token(&self) -> Result<super::model::Secret, GraphError> {
        Ok(self.tokens.token().await?)
    }

    /// Whether care's own sandbox answers at this root (its header on an answer already had,
    /// else on one unauthenticated request for the bare root, which is no Graph call: no token
    /// goes to a server only to ask what it is).
    pub async fn is_care_sandbox(&self) -> bool {
        if self.sandbox.get().is_some() {
            return true;
        }
        let asked = self.http.get(format!("{}/", self.root)).send().await;
        if asked.is_ok_and(|r| r.headers().contains_key(super::model::SANDBOX_HEADER)) {
            let _ = self.sandbox.set(());
        }
        self.sandbox.get().is_some()
    }

    /// How this client signs in.
    pub fn credential(&self) -> &crate::auth::Credential {
        self.tokens.credential()
    }

    fn url(&self, call: &Call) -> String {
        format!("{}/{}{}", self.root, call.version.as_str(), call.relative())
    }

    /// Sends a read (with retries) and returns the successful reply. A change is refused
    /// here: it needs the door's permit ([`GraphClient::write`]).
    pub async fn send(&self, call: &Call) -> Result<Reply, GraphError> {
        if call.is_change() {
            return Err(GraphError::Unpermitted(call.describe()));
        }
        self.send_to(call, &self.url(call)).await
    }

    /// Sends a change the door has permitted (with the retries a change allows).
    pub async fn write(&self, call: &Call, permit: &Permit) -> Result<Reply, GraphError> {
        tracing::debug!(action = permit.action(), request = %call.describe(), "permitted change");
        self.send_to(call, &self.url(call)).await
    }

    pub async fn json<T: DeserializeOwned>(&self, call: &Call) -> Result<T, GraphError> {
        self.send(call).await?.json()
    }

    async fn send_to(&self, call: &Call, url: &str) -> Result<Reply, GraphError> {
        let cid = new_request_id();
        let request = call.describe();
        let mut attempt = 0;
        let mut renewed = false;
        loop {
            attempt += 1;
            let writes = call.is_change();
            // mail is paced by Outlook's service, not by the directory's write limit
            let paced = writes && call.paced;
            if paced && let Some(p) = &self.pacer {
                p.acquire().await;
            }
            let token = self.tokens.token().await?;
            let mut rb = self
                .http
                .request(call.method.clone(), url)
                .bearer_auth(token.expose())
                .header("client-request-id", &cid)
                .header("x-ms-throttle-priority", self.priority.as_str());
            if call.eventual {
                rb = rb.header("ConsistencyLevel", "eventual");
            }
            for (name, value) in &call.headers {
                rb = rb.header(*name, value);
            }
            match &call.body {
                Some(body) => rb = rb.json(body),
                None if call.method == Method::POST => {
                    rb = rb.header(reqwest::header::CONTENT_LENGTH, "0")
                }
                None => {}
            }
            let started = Instant::now();
            let outcome = match rb.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let headers = resp.headers().clone();
                    if headers.contains_key(super::model::SANDBOX_HEADER) {
                        let _ = self.sandbox.set(());
                    }
                    resp.bytes().await.map(|b| (status, headers, b.to_vec()))
                }
                Err(e) => Err(e),
            };
            let (status, headers, body) = match outcome {
                Ok(ok) => ok,
                Err(e) => {
                    // a request that never reached the server is always safe to send again;
                    // a sent one only when it is a read
                    let sent = !e.is_connect();
                    tracing::debug!(%request, attempt, error = %describe_reqwest(&e), "request failed");
                    if (!sent || call.idempotent) && attempt < self.retry.max_attempts {
                        let delay = self.retry.backoff(attempt);
                        tracing::warn!(
                            "{request}: {}; retrying in {:.1} s",
                            describe_reqwest(&e),
                            delay.as_secs_f64()
                        );
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(GraphError::Network {
                        request,
                        detail: describe_reqwest(&e),
                        maybe_applied: sent && !call.idempotent,
                    });
                }
            };
            let request_id = headers
                .get("request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            tracing::debug!(%request, status, request_id = request_id.as_deref().unwrap_or("-"), client_request_id = %cid, attempt, elapsed_ms = started.elapsed().as_millis() as u64, "graph");
            if writes && let Some(id) = &request_id {
                let _ = WRITES.try_with(|w| w.borrow_mut().push(id.clone()));
            }
            if (200..300).contains(&status) {
                return Ok(Reply {
                    status,
                    body,
                    request,
                    request_id,
                });
            }
            if status == 401 && !renewed && self.tokens.invalidate(&token).await {
                renewed = true;
                continue;
            }
            // 429 was refused, not applied: always sent again; a 5xx only for reads (a write's
            // outcome is then unknown and the caller reads the state back)
            let retryable = match status {
                429 => true,
                500 | 502 | 503 | 504 => call.idempotent,
                _ => false,
            };
            if retryable && attempt < self.retry.max_attempts {
                let delay = retry_after(&headers)
                    .map(|d| d.min(self.retry.max_retry_after))
                    .unwrap_or_else(|| self.retry.backoff(attempt));
                if paced
                    && status == 429
                    && let Some(p) = &self.pacer
                {
                    p.pause(delay);
                }
                tracing::warn!(
                    "{request}: HTTP {status}; retrying in {:.1} s (attempt {attempt} of {})",
                    delay.as_secs_f64(),
                    self.retry.max_attempts
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            if status == 401 && !renewed {
                return Err(GraphError::Auth(AuthError::StaticTokenRejected));
            }
            return Err(api_failure(
                status,
                request_id,
                &body,
                &cid,
                &request,
                retry_after(&headers).map(|d| d.min(self.retry.max_retry_after)),
            ));
        }
    }

    /// Every item of a collection, following `@odata.nextLink` (resending `ConsistencyLevel`),
    /// stopping after `limit` items when given.
    pub async fn all<T: DeserializeOwned>(
        &self,
        call: &Call,
        limit: Option<usize>,
    ) -> Result<Vec<T>, GraphError> {
        if call.is_change() {
            return Err(GraphError::Unpermitted(call.describe()));
        }
        let mut out = Vec::new();
        let mut url = self.url(call);
        loop {
            let page: Collection<T> = self.send_to(call, &url).await?.json()?;
            out.extend(page.value);
            if limit.is_some_and(|l| out.len() >= l) {
                out.truncate(limit.unwrap_or(usize::MAX));
                return Ok(out);
            }
            match page.next_link {
                Some(next) if next.starts_with(&format!("{}/", self.root)) => url = next,
                Some(next) => return Err(GraphError::ForeignLink(next)),
                None => return Ok(out),
            }
        }
    }

    /// Sends `calls` as JSON batches of up to 20 and returns each call's result in order.
    /// Inner requests refused with 429 (and, when safe, 503/504) are resent after the longest
    /// `Retry-After` they were given.
    pub async fn batch(
        &self,
        calls: &[Call],
    ) -> Result<Vec<Result<Reply, GraphError>>, GraphError> {
        let mut results: Vec<Option<Result<Reply, GraphError>>> =
            calls.iter().map(|_| None).collect();
        let version = calls.first().map(|c| c.version).unwrap_or(Version::V1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let pending: Vec<usize> = (0..calls.len()).filter(|i| results[*i].is_none()).collect();
            if pending.is_empty() {
                break;
            }
            let mut wait: Option<Duration> = None;
            let mut throttled: Vec<usize> = vec![];
            for chunk in pending.chunks(20) {
                let requests = chunk
                    .iter()
                    .map(|&i| {
                        let c = &calls[i];
                        let mut headers = serde_json::Map::new();
                        if c.eventual {
                            headers.insert("ConsistencyLevel".into(), "eventual".into());
                        }
                        if c.body.is_some() {
                            headers.insert("Content-Type".into(), "application/json".into());
                        }
                        headers.insert(
                            "x-ms-throttle-priority".into(),
                            self.priority.as_str().into(),
                        );
                        BatchRequestItem {
                            id: i.to_string(),
                            method: c.method.to_string(),
                            url: c.relative(),
                            headers: Some(headers),
                            body: c.body.clone(),
                            depends_on: None,
                        }
                    })
                    .collect();
                let mut envelope = Call::new(Method::POST, version, "$batch")
                    .body(serde_json::to_value(BatchRequest { requests }).unwrap_or_default());
                envelope.idempotent = chunk.iter().all(|&i| calls[i].idempotent);
                let reply: BatchResponse = self.send(&envelope).await?.json()?;
                for item in reply.responses {
                    let Some(i) = item.id.parse::<usize>().ok().filter(|i| chunk.contains(i))
                    else {
                        continue;
                    };
                    let c = &calls[i];
                    let request = c.describe();
                    let retryable = item.status == 429
                        || (c.idempotent && matches!(item.status, 500 | 502 | 503 | 504));
                    if retryable && attempt < self.retry.max_attempts {
                        let ra = item
                            .headers
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case("retry-after"))
                            .and_then(|(_, v)| {
                                v.as_str()
                                    .map(str::to_owned)
                                    .or_else(|| v.as_f64().map(|f| f.to_string()))
                            })
                            .and_then(|v| parse_retry_after(&v, jiff::Timestamp::now()))
                            .map(|d| d.min(self.retry.max_retry_after))
                            .unwrap_or_else(|| self.retry.backoff(attempt));
                        wait = Some(wait.map_or(ra, |w| w.max(ra)));
                        throttled.push(i);
                        continue;
                    }
                    let body = match &item.body {
                        None => vec![],
                        Some(v) => serde_json::to_vec(v).unwrap_or_default(),
                    };
                    let request_id = item
                        .headers
                        .get("request-id")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    results[i] = Some(if (200..300).contains(&item.status) {
                        Ok(Reply {
                            status: item.status,
                            body,
                            request,
                            request_id,
                        })
                    } else {
                        Err(api_failure(
                            item.status,
                            request_id,
                            &body,
                            "",
                            &request,
                            None,
                        ))
                    });
                }
                // a change the answer left out may have been made: it is never sent again
                // blind (the caller reads the state back); a read left out may be asked again
                for &i in chunk {
                    if results[i].is_none() && !calls[i].idempotent && !throttled.contains(&i) {
                        results[i] = Some(Err(GraphError::Network {
                            request: calls[i].describe(),
                            detail: "the batch's answer left this request out".into(),
                            maybe_applied: true,
                        }));
                    }
                }
            }
            match wait {
                Some(d) => {
                    tracing::warn!(
                        "batch: some requests were throttled; retrying them in {:.1} s",
                        d.as_secs_f64()
                    );
                    tokio::time::sleep(d).await;
                }
                None => {
                    // anything Graph did not answer is an error, not a silent gap
                    for (i, r) in results.iter_mut().enumerate() {
                        if r.is_none() {
                            *r = Some(Err(GraphError::Decode {
                                request: calls[i].describe(),
                                detail: "the batch response had no entry for this request".into(),
                            }));
                        }
                    }
                }
            }
        }
        Ok(results
            .into_iter()
            .map(|r| r.unwrap_or_else(unreachable_result))
            .collect())
    }
}

fn unreachable_result() -> Result<Reply, GraphError> {
    Err(GraphError::Decode {
        request: "$batch".into(),
        detail: "no result".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Seconds, fractions, HTTP dates and garbage: a wait or nothing, never a panic.
        #[test]
        fn retry_after_never_panics(s in "\\PC{0,40}") {
            let _ = parse_retry_after(&s, jiff::Timestamp::now());
        }

        #[test]
        fn retry_after_seconds_are_exact(n in 0u64..1_000_000, frac in 0u32..1000) {
            let now = jiff::Timestamp::now();
            prop_assert_eq!(parse_retry_after(&n.to_string(), now), Some(Duration::from_secs(n)));
            let f = format!("{n}.{frac:03}");
            let d = parse_retry_after(&f, now).unwrap();
            prop_assert!((d.as_secs_f64() - f.parse::<f64>().unwrap()).abs() < 1e-6);
        }
    }

    /// A bulk run's pacer counts directory writes, not mail (Outlook's own limits).
    #[test]
    fn mail_is_a_change_the_pacer_does_not_count() {
        let mail = super::super::mail::send_mail_call(
            &super::super::mail::Sender::Me,
            &crate::graph::model::MailMessage::default(),
        );
        assert!(mail.is_change() && !mail.paced);
        let phone = Call::new(
            Method::PATCH,
            Version::V1,
            "users/x/authentication/phoneMethods/y",
        );
        assert!(phone.is_change() && phone.paced);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now: jiff::Timestamp = "2015-10-21T07:27:50Z".parse().unwrap();
        assert_eq!(parse_retry_after("10", now), Some(Duration::from_secs(10)));
        assert_eq!(
            parse_retry_after("2.128", now),
            Some(Duration::from_secs_f64(2.128))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("NaN", now), None);
        assert_eq!(parse_retry_after("1e300", now), Some(Duration::MAX));
        assert_eq!(parse_retry_after("inf", now), Some(Duration::MAX));
        assert_eq!(
            parse_retry_after("99999999999999999999", now),
            Some(Duration::MAX)
        );
        assert!(
            parse_retry_after("Fri, 01 Jan 2100 00:00:00 GMT", now)
                .is_some_and(|d| d > Duration::from_secs(86_400 * 365))
        );
    }

    #[test]
    fn backoff_is_bounded_full_jitter() {
        let p = RetryPolicy::default();
        for attempt in 1..10 {
            let d = p.backoff(attempt);
            assert!(d <= p.cap, "{d:?}");
        }
        assert!(p.backoff(1) <= p.base);
    }

    #[test]
    fn calls_describe_and_encode() {
        let c = Call::get("users")
            .query("$filter", "startswith(displayName,'o''b')")
            .query("$top", "5");
        assert_eq!(
            c.relative(),
            "/users?$filter=startswith(displayName,'o''b')&$top=5"
        );
        assert_eq!(c.describe(), "GET /v1.0/users");
        assert!(c.idempotent);
        assert!(!Call::post("x").idempotent);
    }
}
