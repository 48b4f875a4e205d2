//! Access tokens: a bearer given as is (`CARE_TOKEN`), the app's own sign-in (client secret
//! or certificate), or a saved sign-in of a profile (an agent signed in as themselves, or an
//! app signed in with `care login --app`), refreshed silently. Tokens are cached in memory and
//! renewed before they expire or when the resource rejects them.

pub mod assertion;
pub mod cache;
pub mod login;
pub mod oauth;

use crate::graph::model::{Secret, TokenResponse};
use assertion::{CertificateError, ClientCertificate, Form};
use cache::{AccessToken, CacheError, Session, SessionKind, SessionStore};
use oauth::Endpoint;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No usable sign-in: none saved, or the saved one can't be refreshed any more.
    #[error("not signed in{}: {reason}", if profile == "default" { String::new() } else { format!(" (profile {profile})") })]
    SignInRequired { profile: String, reason: String },
    #[error("the identity platform refused the sign-in ({error}): {description}")]
    Rejected {
        status: u16,
        error: String,
        codes: Vec<i64>,
        description: String,
    },
    #[error("cannot reach the identity platform at {url}: {detail}")]
    Network { url: String, detail: String },
    #[error("the identity platform at {url} sent an unexpected reply ({status})")]
    Unexpected { url: String, status: u16 },
    #[error("the bearer token in CARE_TOKEN was rejected")]
    StaticTokenRejected,
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error(transparent)]
    Certificate(#[from] CertificateError),
    /// The browser or the device-code page answered with a refusal.
    #[error("the sign-in was not completed ({error}): {description}")]
    Declined { error: String, description: String },
    #[error("no answer from the browser within {0} seconds")]
    TimedOut(u64),
    #[error("cannot listen for the browser's answer on this machine: {0}")]
    Loopback(String),
}

impl AuthError {
    /// `invalid_grant`, `interaction_required` and their kind: only a new interactive sign-in
    /// helps (a revoked session, the agent's own MFA is due, consent changed).
    pub fn needs_interaction(&self) -> bool {
        matches!(self, AuthError::Rejected { error, .. } if matches!(error.as_str(),
            "invalid_grant" | "interaction_required" | "consent_required" | "login_required"))
    }
}

/// How to get a token.
#[derive(Debug, Clone)]
pub enum Credential {
    /// A token used as is (`CARE_TOKEN`).
    Bearer(Secret),
    /// The client-credentials grant with a secret.
    ClientSecret {
        endpoint: Endpoint,
        client_id: String,
        secret: Secret,
    },
    /// The client-credentials grant with a certificate.
    ClientCertificate {
        endpoint: Endpoint,
        client_id: String,
        certificate: Arc<ClientCertificate>,
    },
    /// A saved sign-in (`care login`).
    Saved {
        store: SessionStore,
        profile: String,
        endpoint: Endpoint,
    },
}

impl Credential {
    /// Who signs in, for messages (never the secret).
    pub fn describe(&self) -> String {
        match self {
            Credential::Bearer(_) => "the token in CARE_TOKEN".into(),
            Credential::ClientSecret {
                client_id,
                endpoint,
                ..
            }
            | Credential::ClientCertificate {
                client_id,
                endpoint,
                ..
            } => format!("app {client_id} in tenant {}", endpoint.tenant),
            Credential::Saved { profile, .. } => format!("the saved sign-in of profile {profile}"),
        }
    }
}

/// The resource a token is for, and the scope to ask for it with.
#[derive(Debug, Clone)]
pub struct Resource {
    /// `https://graph.microsoft.com` (as it appears in scopes).
    pub id: String,
    /// Scope for delegated refreshes.
    pub delegated_scope: String,
    /// A second resource of the sign-in (Exchange beside Graph): a refusal to refresh for it
    /// (no consent for that resource) leaves the saved sign-in as it is.
    pub secondary: bool,
}

impl Resource {
    /// Microsoft Graph at `root` (the sandbox's loopback root counts as Graph).
    pub fn graph(root: &str) -> Resource {
        Resource {
            id: oauth::resource_of(root),
            delegated_scope: oauth::delegated_scopes(root),
            secondary: false,
        }
    }

    /// The Exchange Online Admin API at `root` (a second resource of the same sign-in): the
    /// app's consented Exchange permission through `/.default`, and a refresh token.
    pub fn exchange(root: &str) -> Resource {
        let id = oauth::exchange_resource_of(root);
        Resource {
            delegated_scope: format!("{id}/.default offline_access"),
            id,
            secondary: true,
        }
    }
}

struct Cached {
    token: Secret,
    renew_at: Instant,
}

/// Hands out a valid access token for one resource, fetching a new one when needed.
pub struct TokenSource {
    credential: Credential,
    http: reqwest::Client,
    resource: Resource,
    cached: Mutex<Option<Cached>>,
    /// A token the resource rejected: never handed out again, even from the saved sign-in.
    rejected: Mutex<Option<Secret>>,
}

/// Tokens are renewed this long before they expire.
const EARLY_RENEWAL: Duration = Duration::from_secs(300);

fn now_unix() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// A token lifetime from `expires_in` seconds, whatever the server sent.
fn lifetime(expires_in: i64) -> Duration {
    Duration::from_secs(expires_in.clamp(60, 86_400) as u64)
}

impl TokenSource {
    pub fn new(credential: Credential, http: reqwest::Client, resource: Resource) -> Self {
        TokenSource {
            credential,
            http,
            resource,
            cached: Mutex::new(None),
            rejected: Mutex::new(None),
        }
    }

    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    /// A token to send now.
    pub async fn token(&self) -> Result<Secret, AuthError> {
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref()
            && Instant::now() < c.renew_at
        {
            return Ok(c.token.clone());
        }
        let (token, expires_in) = self.fetch().await?;
        let renew_at = Instant::now()
            + lifetime(expires_in)
                .saturating_sub(EARLY_RENEWAL)
                .max(Duration::from_secs(30));
        *cached = Some(Cached {
            token: token.clone(),
            renew_at,
        });
        Ok(token)
    }

    /// The resource rejected `token`: forget it, so the next [`TokenSource::token`] fetches
    /// anew. Returns false when there is nothing to renew (a static bearer).
    pub async fn invalidate(&self, token: &Secret) -> bool {
        if matches!(self.credential, Credential::Bearer(_)) {
            return false;
        }
        let mut cached = self.cached.lock().await;
        if cached.as_ref().is_some_and(|c| &c.token == token) {
            *cached = None;
        }
        *self.rejected.lock().await = Some(token.clone());
        true
    }

    /// A token and its lifetime in seconds.
    async fn fetch(&self) -> Result<(Secret, i64), AuthError> {
        match &self.credential {
            Credential::Bearer(t) => Ok((t.clone(), 365 * 86_400)),
            Credential::ClientSecret {
                endpoint,
                client_id,
                secret,
            } => client_secret(&self.http, endpoint, client_id, secret, &self.resource.id)
                .await
                .map(|t| (t.access_token, t.expires_in)),
            Credential::ClientCertificate {
                endpoint,
                client_id,
                certificate,
            } => client_certificate(
                &self.http,
                endpoint,
                client_id,
                certificate,
                &self.resource.id,
            )
            .await
            .map(|t| (t.access_token, t.expires_in)),
            Credential::Saved {
                store,
                profile,
                endpoint,
            } => self.saved(store, profile, endpoint).await,
        }
    }

    /// A token from a saved sign-in: the cached one while it is fresh, else a refresh (or a
    /// new app token), saved back. The profile's lock is held meanwhile, so a second `care`
    /// process waits and then finds the fresh token instead of spending the refresh token.
    async fn saved(
        &self,
        store: &SessionStore,
        profile: &str,
        endpoint: &Endpoint,
    ) -> Result<(Secret, i64), AuthError> {
        let (lock, session) = {
            let (store, profile) = (store.clone(), profile.to_string());
            tokio::task::spawn_blocking(move || -> Result<_, CacheError> {
                let lock = store.lock(&profile)?;
                Ok((lock, store.load(&profile)?))
            })
            .await
            .map_err(|e| AuthError::Loopback(e.to_string()))??
        };
        let Some(mut session) = session else {
            return Err(AuthError::SignInRequired {
                profile: profile.into(),
                reason: "there is no saved sign-in".into(),
            });
        };
        let rejected = self.rejected.lock().await.clone();
        if let Some(a) = session.secrets.access.get(&self.resource.id)
            && a.expires_at - now_unix() > EARLY_RENEWAL.as_secs() as i64
            && rejected.as_ref() != Some(&a.token)
        {
            return Ok((a.token.clone(), a.expires_at - now_unix()));
        }
        let fresh = match self.renew(&mut session, endpoint).await {
            Ok(t) => t,
            Err(e) if e.needs_interaction() && !self.resource.secondary => {
                // a revoked or expired refresh token is useless: forget it
                session.secrets.refresh_token = None;
                session.secrets.access.clear();
                let _ = store.save_tokens(&session);
                return Err(AuthError::SignInRequired {
                    profile: profile.into(),
                    reason: match e {
                        AuthError::Rejected { description, .. } => description,
                        other => other.to_string(),
                    },
                });
            }
            Err(e) => return Err(e),
        };
        if let Some(rt) = fresh.refresh_token.clone() {
            session.secrets.refresh_token = Some(rt);
        }
        session.secrets.access.insert(
            self.resource.id.clone(),
            AccessToken {
                token: fresh.access_token.clone(),
                expires_at: now_unix() + lifetime(fresh.expires_in).as_secs() as i64,
            },
        );
        let store = store.clone();
        tokio::task::spawn_blocking(move || {
            let saved = store.save_tokens(&session);
            drop(lock);
            saved
        })
        .await
        .map_err(|e| AuthError::Loopback(e.to_string()))??;
        Ok((fresh.access_token, fresh.expires_in))
    }

    async fn renew(
        &self,
        session: &mut Session,
        endpoint: &Endpoint,
    ) -> Result<TokenResponse, AuthError> {
        let reason = |what: &str| AuthError::SignInRequired {
            profile: session.profile.clone(),
            reason: format!("the saved sign-in has no {what}"),
        };
        match session.kind {
            SessionKind::Delegated => {
                let rt = session
                    .secrets
                    .refresh_token
                    .clone()
                    .ok_or_else(|| reason("refresh token (it expired or was revoked)"))?;
                endpoint
                    .token(
                        &self.http,
                        &[
                            ("client_id", session.client_id.as_str()),
                            ("grant_type", "refresh_token"),
                            ("refresh_token", rt.expose()),
                            ("scope", &self.resource.delegated_scope),
                        ],
                    )
                    .await
            }
            SessionKind::AppSecret => {
                let secret = session
                    .secrets
                    .client_secret
                    .clone()
                    .ok_or_else(|| reason("client secret"))?;
                client_secret(
                    &self.http,
                    endpoint,
                    &session.client_id,
                    &secret,
                    &self.resource.id,
                )
                .await
            }
            SessionKind::AppCertificate => {
                let path = session
                    .certificate
                    .clone()
                    .ok_or_else(|| reason("certificate"))?;
                let cert = ClientCertificate::load(&path)?;
                client_certificate(
                    &self.http,
                    endpoint,
                    &session.client_id,
                    &cert,
                    &self.resource.id,
                )
                .await
            }
        }
    }
}

/// The client-credentials grant with a secret.
pub async fn client_secret(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    client_id: &str,
    secret: &Secret,
    resource: &str,
) -> Result<TokenResponse, AuthError> {
    endpoint
        .token(
            http,
            &[
                ("client_id", client_id),
                ("client_secret", secret.expose()),
                ("scope", &format!("{resource}/.default")),
                ("grant_type", "client_credentials"),
            ],
        )
        .await
}

/// The client-credentials grant with a certificate: `PS256` + `x5t#S256`, and once more with
/// `RS256` + `x5t` when the platform says it does not know the certificate (AADSTS700027).
pub async fn client_certificate(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    client_id: &str,
    certificate: &ClientCertificate,
    resource: &str,
) -> Result<TokenResponse, AuthError> {
    let audience = endpoint.url("token");
    let scope = format!("{resource}/.default");
    let mut result = Err(AuthError::Unexpected {
        url: audience.clone(),
        status: 0,
    });
    for form in [Form::Ps256, Form::Rs256] {
        let assertion = certificate.assertion(client_id, &audience, form);
        result = endpoint
            .token(
                http,
                &[
                    ("client_id", client_id),
                    (
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    ),
                    ("client_assertion", &assertion),
                    ("scope", &scope),
                    ("grant_type", "client_credentials"),
                ],
            )
            .await;
        match &result {
            Err(AuthError::Rejected { codes, .. }) if codes.contains(&700027) => continue,
            _ => break,
        }
    }
    result
}
