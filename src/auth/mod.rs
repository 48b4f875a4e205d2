//! Access tokens for Graph: a bearer given as is (`CARE_TOKEN`), or one obtained with the
//! client-credentials grant (app id + secret) from the identity platform, cached in memory and
//! renewed when it expires or Graph rejects it.

use crate::graph::model::{OAuthError, Secret, TokenResponse};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("not signed in: {0}")]
    NotConfigured(String),
    #[error("the identity platform refused the sign-in ({error}): {description}")]
    Rejected {
        status: u16,
        error: String,
        description: String,
    },
    #[error("cannot reach the identity platform at {url}: {detail}")]
    Network { url: String, detail: String },
    #[error("the identity platform at {url} sent an unexpected reply ({status})")]
    Unexpected { url: String, status: u16 },
    #[error("the bearer token in CARE_TOKEN was rejected")]
    StaticTokenRejected,
}

/// How to get a token.
#[derive(Debug, Clone)]
pub enum Credential {
    /// A token used as is (`CARE_TOKEN`).
    Bearer(Secret),
    /// The client-credentials grant.
    ClientSecret {
        login_url: String,
        tenant: String,
        client_id: String,
        secret: Secret,
        /// `https://graph.microsoft.com/.default` or the sandbox's equivalent.
        scope: String,
    },
}

impl Credential {
    /// Who signs in, for messages (never the secret).
    pub fn describe(&self) -> String {
        match self {
            Credential::Bearer(_) => "the token in CARE_TOKEN".into(),
            Credential::ClientSecret {
                client_id, tenant, ..
            } => format!("app {client_id} in tenant {tenant}"),
        }
    }
}

struct Cached {
    token: Secret,
    renew_at: Instant,
}

/// Hands out a valid access token, fetching a new one when needed.
pub struct TokenSource {
    credential: Credential,
    http: reqwest::Client,
    cached: Mutex<Option<Cached>>,
}

/// Tokens are renewed this long before they expire.
const EARLY_RENEWAL: Duration = Duration::from_secs(300);

impl TokenSource {
    pub fn new(credential: Credential, http: reqwest::Client) -> Self {
        TokenSource {
            credential,
            http,
            cached: Mutex::new(None),
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
        let fresh = self.fetch().await?;
        let token = fresh.token.clone();
        *cached = Some(fresh);
        Ok(token)
    }

    /// Graph rejected `token`: forget it, so the next [`TokenSource::token`] fetches anew.
    /// Returns false when there is nothing to renew (a static bearer).
    pub async fn invalidate(&self, token: &Secret) -> bool {
        if matches!(self.credential, Credential::Bearer(_)) {
            return false;
        }
        let mut cached = self.cached.lock().await;
        if cached.as_ref().is_some_and(|c| &c.token == token) {
            *cached = None;
        }
        true
    }

    async fn fetch(&self) -> Result<Cached, AuthError> {
        match &self.credential {
            Credential::Bearer(t) => Ok(Cached {
                token: t.clone(),
                renew_at: Instant::now() + Duration::from_secs(365 * 86_400),
            }),
            Credential::ClientSecret {
                login_url,
                tenant,
                client_id,
                secret,
                scope,
            } => {
                let url = format!(
                    "{}/{}/oauth2/v2.0/token",
                    login_url.trim_end_matches('/'),
                    crate::graph::encode::segment(tenant)
                );
                tracing::debug!(%url, client_id = %client_id, "requesting a token (client credentials)");
                let form = [
                    ("client_id", client_id.as_str()),
                    ("client_secret", secret.expose()),
                    ("scope", scope.as_str()),
                    ("grant_type", "client_credentials"),
                ];
                let resp = self.http.post(&url).form(&form).send().await.map_err(|e| {
                    AuthError::Network {
                        url: url.clone(),
                        detail: crate::graph::client::describe_reqwest(&e),
                    }
                })?;
                let status = resp.status().as_u16();
                let bytes = resp.bytes().await.map_err(|e| AuthError::Network {
                    url: url.clone(),
                    detail: crate::graph::client::describe_reqwest(&e),
                })?;
                if status == 200 {
                    let t: TokenResponse =
                        serde_json::from_slice(&bytes).map_err(|_| AuthError::Unexpected {
                            url: url.clone(),
                            status,
                        })?;
                    let lifetime = Duration::from_secs(t.expires_in.max(60) as u64);
                    return Ok(Cached {
                        token: t.access_token,
                        renew_at: Instant::now()
                            + lifetime
                                .saturating_sub(EARLY_RENEWAL)
                                .max(Duration::from_secs(30)),
                    });
                }
                match serde_json::from_slice::<OAuthError>(&bytes) {
                    Ok(e) => Err(AuthError::Rejected {
                        status,
                        error: e.error,
                        description: e
                            .error_description
                            .lines()
                            .next()
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    }),
                    Err(_) => Err(AuthError::Unexpected { url, status }),
                }
            }
        }
    }
}
