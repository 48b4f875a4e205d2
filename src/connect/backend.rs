//! The connected backend: the Graph client, the Exchange Admin API beside it (on the same
//! sign-in), and for the embedded sandbox the server inside this process.

use super::settings::{env_secret, remote_credential, root, session_fits};
use super::{ConnectError, Settings, Target};
use crate::auth::cache::{Session, SessionStore};
use crate::auth::oauth::Endpoint;
use crate::auth::{Credential, Resource, TokenSource};
use crate::config;
use crate::graph::client::GraphClient;
use crate::graph::exchange::ExchangeClient;
use crate::net::Root;
use crate::sandbox::{DbLocation, Sandbox, SandboxOptions};
use std::sync::Arc;
use tokio::sync::oneshot;

/// The sandbox running inside this process (the zero-config backend). Stops when dropped.
pub struct EmbeddedSandbox {
    pub root: String,
    pub credentials: crate::sandbox::Credentials,
    _stop: oneshot::Sender<()>,
}

impl EmbeddedSandbox {
    pub async fn start() -> Result<EmbeddedSandbox, ConnectError> {
        let sandbox = Sandbox::open(SandboxOptions {
            db: DbLocation::File(config::default_sandbox_db()?),
            ..Default::default()
        })?;
        if sandbox.seeded().is_some()
            && let Err(e) = super::training::write_week(&sandbox)
        {
            // the sandbox works without it; its reports miss the seeded week
            tracing::warn!("{e}");
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|source| ConnectError::Io {
                context: "cannot start the embedded sandbox on 127.0.0.1".into(),
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| ConnectError::Io {
            context: "cannot start the embedded sandbox".into(),
            source,
        })?;
        let credentials = sandbox.credentials()?;
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(crate::sandbox::serve(listener, sandbox, async {
            let _ = stopped.await;
        }));
        Ok(EmbeddedSandbox {
            root: format!("http://{addr}"),
            credentials,
            _stop: stop,
        })
    }
}

/// A connected backend: the Graph client, the Exchange Admin API client (or why there is
/// none) and, for the sandbox, the server behind it.
pub struct Backend {
    pub graph: GraphClient,
    pub exchange: Result<ExchangeClient, String>,
    pub embedded: Option<EmbeddedSandbox>,
    pub target: Target,
    /// Said once on a terminal: the embedded sandbox is in use (and as whom).
    pub notice: Option<String>,
    /// Said by every command: a credential in the environment acts instead of the agent's
    /// saved sign-in.
    pub overridden: Option<String>,
}

/// When `CARE_TOKEN` or `CARE_CLIENT_SECRET` acts instead of a saved agent sign-in for this
/// tenant: what to say (who acts, who is signed in, how to act as yourself).
fn overridden(settings: &Settings, target: &Target, saved: Option<&Session>) -> Option<String> {
    let agent = saved.filter(|s| {
        s.kind == crate::auth::cache::SessionKind::Delegated && session_fits(s, target, settings)
    })?;
    let (var, who) = if env_secret("CARE_TOKEN").is_some() {
        ("CARE_TOKEN", "the bearer token in CARE_TOKEN".to_string())
    } else if env_secret("CARE_CLIENT_SECRET").is_some() {
        (
            "CARE_CLIENT_SECRET",
            format!(
                "the app {} (CARE_CLIENT_SECRET)",
                settings.client_id.as_deref().unwrap_or("in CARE_CLIENT_ID")
            ),
        )
    } else {
        return None;
    };
    Some(format!(
        "care: acting as {who}, not as {} who is signed in; `unset {var}` to act as yourself",
        agent.account
    ))
}

impl Backend {
    /// Connects to `target` (starting the embedded sandbox for it) with the credential the
    /// settings, the environment and the saved sign-ins give.
    pub async fn connect(
        settings: &Settings,
        target: Target,
        store: SessionStore,
        saved: Option<Session>,
    ) -> Result<Backend, ConnectError> {
        match &target {
            Target::Remote { graph, login } => {
                let overridden = overridden(settings, &target, saved.as_ref());
                let saved =
                    match env_secret("CARE_TOKEN").or_else(|| env_secret("CARE_CLIENT_SECRET")) {
                        Some(_) => None,
                        None => saved,
                    };
                let credential =
                    remote_credential(settings, &target, login, &store, saved.as_ref())?;
                let mut exchange_root = settings.exchange_for(graph)?;
                // a saved sign-in's Exchange tokens go only to the Exchange of its Graph
                let elsewhere = matches!(credential, Credential::Saved { .. })
                    && exchange_root != settings.default_exchange_for(graph)?;
                if elsewhere {
                    exchange_root = settings.default_exchange_for(graph)?;
                }
                let http = http(&[graph, login, &exchange_root])?;
                let tenant = settings
                    .tenant
                    .clone()
                    .or_else(|| saved.as_ref().map(|s| s.tenant.clone()))
                    .unwrap_or_default();
                let exchange = match elsewhere {
                    true => Err(format!(
                        "not configured: the Exchange URL {} (CARE_EXCHANGE_URL or exchange-url) is not where the saved sign-in's tokens go ({}); unset it",
                        settings.exchange_for(graph)?.as_str(),
                        settings.default_exchange_for(graph)?.as_str()
                    )),
                    false => exchange_client(&credential, &http, (graph, &exchange_root), tenant),
                };
                let tokens = Arc::new(TokenSource::new(
                    credential,
                    http.clone(),
                    Resource::graph(graph.as_str()),
                ));
                Ok(Backend {
                    graph: GraphClient::new(http, graph.as_str(), tokens),
                    exchange,
                    embedded: None,
                    target: target.clone(),
                    notice: None,
                    overridden,
                })
            }
            Target::Embedded => {
                let embedded = EmbeddedSandbox::start().await?;
                let root = root(&embedded.root, "the embedded sandbox")?;
                let endpoint = Endpoint {
                    login: embedded.root.clone(),
                    tenant: embedded.credentials.tenant_id.clone(),
                };
                let saved = saved.filter(|s| session_fits(s, &target, settings));
                let credential = match &saved {
                    Some(_) => Credential::Saved {
                        store,
                        profile: settings.profile.clone(),
                        endpoint,
                    },
                    None => Credential::ClientSecret {
                        endpoint,
                        client_id: embedded.credentials.client_id.clone(),
                        secret: embedded.credentials.client_secret.clone(),
                    },
                };
                let who = match &saved {
                    Some(s) => format!(" as {}", s.account),
                    None => String::new(),
                };
                let notice = format!(
                    "care: using the embedded sandbox tenant ({}){who}; sign in to a real tenant with `care login --tenant ID`",
                    embedded.credentials.domain
                );
                let exchange_root = settings.exchange_for(&root)?;
                let http = http(&[&root, &exchange_root])?;
                let exchange = exchange_client(
                    &credential,
                    &http,
                    (&root, &exchange_root),
                    embedded.credentials.tenant_id.clone(),
                );
                let tokens = Arc::new(TokenSource::new(
                    credential,
                    http.clone(),
                    Resource::graph(&embedded.root),
                ));
                Ok(Backend {
                    graph: GraphClient::new(http, &embedded.root, tokens),
                    exchange,
                    embedded: Some(embedded),
                    target,
                    notice: Some(notice),
                    overridden: None,
                })
            }
        }
    }
}

impl Backend {
    /// Whether this is care's sandbox (a ticket is optional there by default): the embedded
    /// one, or a Graph URL on this machine whose answers say so. An address proves nothing: a
    /// real tenant behind an SSH tunnel or a proxy on localhost is a real tenant.
    pub async fn is_sandbox(&self) -> bool {
        match &self.target {
            Target::Embedded => true,
            Target::Remote { graph, .. } => {
                graph.is_loopback() && self.graph.is_care_sandbox().await
            }
        }
    }
}

/// An HTTP client that may talk to `roots` only (the transport rules: `net`).
pub fn http(roots: &[&Root]) -> Result<reqwest::Client, ConnectError> {
    crate::net::http_client(roots).map_err(|e| ConnectError::Http(e.to_string()))
}

/// The Admin API client on the same sign-in as Graph's: the same credential asked for the
/// Exchange resource. `CARE_TOKEN` holds a Graph token only, so with it Exchange needs its own
/// `CARE_EXCHANGE_TOKEN`; without one the reason is kept for the answer.
fn exchange_client(
    credential: &Credential,
    http: &reqwest::Client,
    (graph, root): (&Root, &Root),
    tenant: String,
) -> Result<ExchangeClient, String> {
    // a sandbox's Exchange beside a real Graph, or the reverse (a CARE_EXCHANGE_URL left over
    // from sandbox.env): a real tenant's Exchange token must never go to a local port, nor a
    // sandbox's token to a real host
    if graph.is_loopback() != root.is_loopback() {
        return Err(format!(
            "not configured: the Exchange URL {} and the Graph URL {} are not the same kind of tenant (one is a local sandbox); unset CARE_EXCHANGE_URL or exchange-url, or set it to the tenant's Exchange host",
            root.as_str(),
            graph.as_str()
        ));
    }
    let credential = match credential {
        Credential::Bearer(_) => match env_secret("CARE_EXCHANGE_TOKEN") {
            Some(t) => Credential::Bearer(t),
            None => {
                return Err(
                    "not configured: CARE_TOKEN is a Graph token; set CARE_EXCHANGE_TOKEN to a token for https://outlook.office365.com"
                        .into(),
                );
            }
        },
        other => other.clone(),
    };
    let tokens = Arc::new(TokenSource::new(
        credential,
        http.clone(),
        Resource::exchange(root.as_str()),
    ));
    Ok(ExchangeClient::new(
        GraphClient::new(http.clone(), root.as_str(), tokens),
        tenant,
    ))
}
