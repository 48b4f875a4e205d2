//! Interactive sign-in (graph-api.md §13.2, §13.2a): the authorization code flow with PKCE on
//! a loopback redirect (the default on a desktop), and the device-code flow (SSH sessions and
//! headless machines). What the agent must see or do is handed to the caller as
//! [`LoginEvent`]s; this module never writes to the terminal.

use super::AuthError;
use super::oauth::Endpoint;
use crate::graph::model::{Secret, TokenResponse};
use axum::body::Body;
use base64::Engine;
use hyper_util::rt::TokioIo;
use rand::RngExt;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// Something the agent must see.
#[derive(Debug)]
pub enum LoginEvent<'a> {
    /// Open this URL in a browser (the caller opens it, or prints it with `--no-browser`).
    OpenUrl { url: &'a str },
    /// Enter `user_code` at `uri` (the platform's own `message` says it in full).
    DeviceCode {
        message: &'a str,
        user_code: &'a str,
        uri: &'a str,
    },
    /// The first answer to reach the loopback port that is not the one care waits for (a
    /// stray tab, or a forgery): said once, however many come.
    Ignored { why: &'a str },
    /// When the wait is over: how many such answers were ignored in all (more than one).
    IgnoredInAll { count: u32 },
}

/// A PKCE pair (RFC 7636): a random verifier and its S256 challenge.
pub struct Pkce {
    pub verifier: Secret,
    pub challenge: String,
}

fn random_string(len: usize) -> String {
    const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| UNRESERVED[rng.random_range(0..UNRESERVED.len())] as char)
        .collect()
}

impl Pkce {
    pub fn new() -> Pkce {
        let verifier = random_string(64);
        let challenge = s256(&verifier);
        Pkce {
            verifier: Secret::new(verifier),
            challenge,
        }
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Pkce::new()
    }
}

/// `BASE64URL(SHA256(verifier))`.
pub fn s256(verifier: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.as_ref())
}

/// What reached the loopback port.
enum Answer {
    Code(Secret),
    Refused { error: String, description: String },
}

fn page(title: &str, text: &str) -> String {
    format!(
        "<!doctype html><meta charset=utf-8><title>care: {title}</title>\
         <body style=\"font-family:sans-serif;max-width:36em;margin:3em auto\">\
         <h1>{title}</h1><p>{text}</p></body>"
    )
}

/// Listens on `127.0.0.1` for the browser's redirect, which goes to `http://127.0.0.1:PORT`
/// (RFC 8252 §8.3: the loopback IP, not `localhost`, which may resolve to `::1` or be claimed by
/// another program; Entra matches loopback redirects on any port).
async fn listen() -> Result<(u16, TcpListener), AuthError> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| AuthError::Loopback(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| AuthError::Loopback(e.to_string()))?
        .port();
    Ok((port, listener))
}

/// Handles one request to the loopback port: `/?code=…&state=…` or `/?error=…`.
fn answer(
    query: &str,
    path: &str,
    state: &str,
) -> (u16, String, Option<Result<Answer, &'static str>>) {
    if path != "/" {
        return (
            404,
            page("Not here", "This is care's sign-in listener."),
            None,
        );
    }
    let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    if params.get("state").map(String::as_str) != Some(state) {
        return (
            400,
            page(
                "Sign-in answer ignored",
                "This answer does not belong to the sign-in care started (its state does not match). Nothing was signed in.",
            ),
            Some(Err(
                "an answer whose state did not match the sign-in care started",
            )),
        );
    }
    if let Some(code) = params.get("code") {
        return (
            200,
            page(
                "Signed in",
                "care has the answer; you can close this window and go back to the terminal.",
            ),
            Some(Ok(Answer::Code(Secret::new(code.clone())))),
        );
    }
    let error = params
        .get("error")
        .cloned()
        .unwrap_or_else(|| "no_code".into());
    let description = params.get("error_description").cloned().unwrap_or_default();
    (
        200,
        page(
            "Not signed in",
            &crate::output::html_escape(&format!(
                "The sign-in did not complete ({error}): {description}"
            )),
        ),
        Some(Ok(Answer::Refused { error, description })),
    )
}

/// The authorization code flow with PKCE on a loopback redirect. `on` is told the URL to
/// open; the first answer whose `state` matches ends the wait and the port is closed.
pub async fn authorization_code(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    client_id: &str,
    scope: &str,
    timeout: Duration,
    mut on: impl FnMut(LoginEvent<'_>),
) -> Result<TokenResponse, AuthError> {
    let pkce = Pkce::new();
    let state = random_string(32);
    let (port, listener) = listen().await?;
    let redirect_uri = format!("http://127.0.0.1:{port}");
    let mut url = reqwest::Url::parse(&endpoint.url("authorize"))
        .map_err(|e| AuthError::Loopback(e.to_string()))?;
    url.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", &redirect_uri)
        .append_pair("response_mode", "query")
        .append_pair("scope", scope)
        .append_pair("state", &state)
        .append_pair("code_challenge", &pkce.challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("prompt", "select_account");
    on(LoginEvent::OpenUrl { url: url.as_str() });

    let (tx, mut rx) = mpsc::channel::<Result<Answer, &'static str>>(8);
    let accepting = {
        let (tx, state) = (tx.clone(), state.clone());
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (tx, state) = (tx.clone(), state.clone());
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(
                        move |req: hyper::Request<hyper::body::Incoming>| {
                            let (status, body, outcome) = answer(
                                req.uri().query().unwrap_or_default(),
                                req.uri().path(),
                                &state,
                            );
                            let tx = tx.clone();
                            async move {
                                if let Some(o) = outcome {
                                    let _ = tx.send(o).await;
                                }
                                hyper::Response::builder()
                                    .status(status)
                                    .header("content-type", "text/html; charset=utf-8")
                                    .header("cache-control", "no-store")
                                    .header("connection", "close")
                                    .body(Body::from(body))
                            }
                        },
                    );
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(false)
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        })
    };
    drop(tx);
    let deadline = Instant::now() + timeout;
    let mut ignored = 0;
    let outcome = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, rx.recv()).await {
            Err(_) | Ok(None) => break Err(AuthError::TimedOut(timeout.as_secs())),
            Ok(Some(Err(why))) => {
                ignored += 1;
                if ignored == 1 {
                    on(LoginEvent::Ignored { why });
                }
            }
            Ok(Some(Ok(a))) => break Ok(a),
        }
    };
    // one answer: the port closes now
    accepting.abort();
    if ignored > 1 {
        on(LoginEvent::IgnoredInAll { count: ignored });
    }
    match outcome? {
        Answer::Refused { error, description } => Err(AuthError::Declined { error, description }),
        Answer::Code(code) => {
            endpoint
                .token(
                    http,
                    &[
                        ("client_id", client_id),
                        ("grant_type", "authorization_code"),
                        ("code", code.expose()),
                        ("redirect_uri", &redirect_uri),
                        ("code_verifier", pkce.verifier.expose()),
                        ("scope", scope),
                    ],
                )
                .await
        }
    }
}

/// The device-code flow: shows the code, then polls at the interval the platform gives
/// (`slow_down` adds 5 s), until approved, declined or expired.
pub async fn device_code(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    client_id: &str,
    scope: &str,
    mut on: impl FnMut(LoginEvent<'_>),
) -> Result<TokenResponse, AuthError> {
    let grant = endpoint.device_code(http, client_id, scope).await?;
    on(LoginEvent::DeviceCode {
        message: &grant.message,
        user_code: &grant.user_code,
        uri: &grant.verification_uri,
    });
    let mut interval = Duration::from_secs(grant.interval.clamp(1, 60) as u64);
    let deadline = Instant::now() + Duration::from_secs(grant.expires_in.clamp(1, 3600) as u64);
    loop {
        tokio::time::sleep(interval).await;
        let polled = endpoint
            .token(
                http,
                &[
                    ("client_id", client_id),
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    ("device_code", grant.device_code.expose()),
                ],
            )
            .await;
        match polled {
            Ok(t) => return Ok(t),
            Err(AuthError::Rejected {
                error, description, ..
            }) => match error.as_str() {
                "authorization_pending" if Instant::now() < deadline => {}
                "slow_down" if Instant::now() < deadline => interval += Duration::from_secs(5),
                "authorization_pending" | "slow_down" | "expired_token" => {
                    return Err(AuthError::Declined {
                        error: "expired_token".into(),
                        description:
                            "the code expired before the sign-in was approved; start again".into(),
                    });
                }
                _ => return Err(AuthError::Declined { error, description }),
            },
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_rfc7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let p = Pkce::new();
        assert_eq!(p.verifier.expose().len(), 64);
        assert_eq!(p.challenge, s256(p.verifier.expose()));
    }

    #[test]
    fn loopback_answers() {
        let (s, _, o) = answer("code=abc&state=xyz", "/", "xyz");
        assert_eq!(s, 200);
        assert!(matches!(o, Some(Ok(Answer::Code(c))) if c.expose() == "abc"));
        let (s, _, o) = answer("code=abc&state=evil", "/", "xyz");
        assert_eq!(s, 400);
        assert!(matches!(o, Some(Err(_))));
        let (_, body, o) = answer(
            "error=access_denied&error_description=%3Cscript%3E&state=xyz",
            "/",
            "xyz",
        );
        assert!(matches!(o, Some(Ok(Answer::Refused { .. }))));
        assert!(!body.contains("<script>"));
        let (s, _, o) = answer("", "/favicon.ico", "xyz");
        assert_eq!(s, 404);
        assert!(o.is_none());
    }
}
