//! The settings after precedence (flag > environment > profile > top level of the config file >
//! defaults), the target (a tenant's Graph, or the embedded sandbox), and the credential
//! (CARE_TOKEN, the app's secret or certificate, or the profile's saved sign-in).

use super::{ConnectError, Flags};
use crate::auth::Credential;
use crate::auth::assertion::ClientCertificate;
use crate::auth::cache::{Session, SessionStore};
use crate::auth::oauth::Endpoint;
use crate::config::{self, Cloud, Config};
use crate::graph::model::Secret;
use crate::net::Root;
use std::path::PathBuf;
use std::sync::Arc;

/// The settings of this run, after precedence.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: String,
    pub tenant: Option<String>,
    pub client_id: Option<String>,
    pub cloud: Option<Cloud>,
    /// Where each of the two roots came from, for `config show`.
    pub graph: Option<(Root, &'static str)>,
    pub login: Option<(Root, &'static str)>,
    /// The Exchange Admin API's base URL when one is set (`CARE_EXCHANGE_URL`, the profile).
    pub exchange: Option<(Root, &'static str)>,
    pub certificate: Option<PathBuf>,
    pub region: String,
}

/// An explicit URL is checked before any connection: `https://`, or `http://` to loopback.
pub fn root(value: &str, what: &str) -> Result<Root, ConnectError> {
    Root::parse(value).map_err(|e| ConnectError::Url {
        message: format!("{what}: {e}"),
    })
}

pub fn env_secret(name: &str) -> Option<Secret> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| Secret::new(v.trim()))
}

impl Settings {
    pub fn resolve(global: &Flags, config: &Config) -> Result<Settings, ConnectError> {
        let profile = config.profile_name(global.profile.as_deref());
        let conn = config.connection(&profile)?;
        let graph = match (&global.graph_url, &conn.graph_url, conn.cloud) {
            (Some(u), _, _) => Some((
                root(u, "--graph-url/CARE_GRAPH_URL")?,
                "flag or environment",
            )),
            (None, Some(u), _) => Some((root(u, "graph-url in the config file")?, "config file")),
            (None, None, Some(c)) => Some((root(c.graph_url(), "cloud")?, "cloud")),
            (None, None, None) => None,
        };
        let login = match (&global.login_url, &conn.login_url, conn.cloud) {
            (Some(u), _, _) => Some((
                root(u, "--login-url/CARE_LOGIN_URL")?,
                "flag or environment",
            )),
            (None, Some(u), _) => Some((root(u, "login-url in the config file")?, "config file")),
            (None, None, Some(c)) => Some((root(c.login_url(), "cloud")?, "cloud")),
            (None, None, None) => None,
        };
        let exchange = match (
            std::env::var("CARE_EXCHANGE_URL")
                .ok()
                .filter(|v| !v.trim().is_empty()),
            &conn.exchange_url,
        ) {
            (Some(u), _) => Some((root(&u, "CARE_EXCHANGE_URL")?, "environment")),
            (None, Some(u)) => Some((root(u, "exchange-url in the config file")?, "config file")),
            (None, None) => None,
        };
        Ok(Settings {
            profile,
            tenant: global.tenant.clone().or(conn.tenant),
            client_id: global.client_id.clone().or(conn.client_id),
            cloud: conn.cloud,
            graph,
            login,
            exchange,
            certificate: conn.certificate,
            region: conn.region.unwrap_or_else(|| "US".into()),
        })
    }

    /// The Exchange Admin API's base URL for `graph`: as set, else beside a sandbox on loopback
    /// (`{graph}/exchange`), else the cloud's (the configured cloud, else the one whose Graph
    /// host `graph` is).
    pub fn exchange_for(&self, graph: &Root) -> Result<Root, ConnectError> {
        Ok(match &self.exchange {
            Some((e, _)) => e.clone(),
            None if graph.is_loopback() => root(
                &format!("{}/exchange", graph.as_str()),
                "the sandbox's Exchange URL",
            )?,
            None => root(
                self.cloud
                    .or_else(|| Cloud::of_graph(graph.as_str()))
                    .unwrap_or(Cloud::Global)
                    .exchange_url(),
                "the Exchange URL",
            )?,
        })
    }

    /// A tenant is configured (rather than the embedded sandbox).
    fn names_a_tenant(&self) -> bool {
        self.graph.is_some() || self.tenant.is_some()
    }

    /// The identity platform for `graph`: as configured, else the sandbox's own root for a
    /// loopback Graph, else the global cloud's.
    fn login_for(&self, graph: &Root) -> Result<Root, ConnectError> {
        match &self.login {
            Some((l, _)) => Ok(l.clone()),
            None if graph.is_loopback() => Ok(graph.clone()),
            None => root(
                self.cloud.unwrap_or(Cloud::Global).login_url(),
                "the login URL",
            ),
        }
    }
}

/// Where a command's requests go.
#[derive(Debug, Clone)]
pub enum Target {
    /// The sandbox started inside this process.
    Embedded,
    /// A tenant's Graph (or a `care sandbox serve` on loopback).
    Remote { graph: Root, login: Root },
}

/// The saved sign-ins, in the platform state dir.
pub fn sessions(config: &Config) -> Result<SessionStore, ConnectError> {
    Ok(SessionStore::new(
        crate::auth::cache::default_dir(&config::state_dir()?),
        config.token_store(),
    ))
}

impl Target {
    /// `--sandbox` → the embedded sandbox; a configured tenant → its Graph; otherwise the
    /// tenant of the profile's saved sign-in, or the embedded sandbox.
    pub fn resolve(
        global: &Flags,
        settings: &Settings,
        saved: Option<&Session>,
    ) -> Result<Target, ConnectError> {
        if global.sandbox {
            return Ok(Target::Embedded);
        }
        if settings.names_a_tenant() {
            let graph = match &settings.graph {
                Some((g, _)) => g.clone(),
                None => root(Cloud::Global.graph_url(), "the Graph URL")?,
            };
            let login = settings.login_for(&graph)?;
            return Ok(Target::Remote { graph, login });
        }
        match saved.and_then(|s| s.graph_url.as_deref()) {
            Some(g) => {
                let graph = root(g, "the saved sign-in's Graph URL")?;
                let login = match saved.and_then(|s| s.login_url.as_deref()) {
                    Some(l) => root(l, "the saved sign-in's login URL")?,
                    None => settings.login_for(&graph)?,
                };
                Ok(Target::Remote { graph, login })
            }
            None => Ok(Target::Embedded),
        }
    }

    pub fn graph_url(&self) -> Option<&str> {
        match self {
            Target::Embedded => None,
            Target::Remote { graph, .. } => Some(graph.as_str()),
        }
    }

    /// The embedded sandbox or one on loopback: a ticket is optional there by default.
    pub fn is_sandbox(&self) -> bool {
        match self {
            Target::Embedded => true,
            Target::Remote { graph, .. } => graph.is_loopback(),
        }
    }
}

/// Whether a saved sign-in is one for `target` and the configured tenant and app.
pub fn session_fits(session: &Session, target: &Target, settings: &Settings) -> bool {
    let same = |a: &str, b: &Option<String>| b.as_deref().is_none_or(|b| a.eq_ignore_ascii_case(b));
    session.graph_url.as_deref() == target.graph_url()
        && same(&session.tenant, &settings.tenant)
        && same(&session.client_id, &settings.client_id)
}

/// The credential for a remote target: CARE_TOKEN, the app's secret from the environment,
/// the profile's certificate, or the profile's saved sign-in.
pub fn remote_credential(
    settings: &Settings,
    target: &Target,
    login: &Root,
    store: &SessionStore,
    saved: Option<&Session>,
) -> Result<Credential, ConnectError> {
    if let Some(token) = env_secret("CARE_TOKEN") {
        return Ok(Credential::Bearer(token));
    }
    let app = |what: &str| -> Result<(String, Endpoint), ConnectError> {
        match (&settings.client_id, &settings.tenant) {
            (Some(c), Some(t)) => Ok((
                c.clone(),
                Endpoint {
                    login: login.to_string(),
                    tenant: t.clone(),
                },
            )),
            _ => Err(ConnectError::NotSignedIn {
                message: format!("{what} needs a client id and a tenant"),
                hints: vec!["set CARE_CLIENT_ID and CARE_TENANT, or the profile's client-id and tenant (care config set)".into()],
            }),
        }
    };
    if let Some(secret) = env_secret("CARE_CLIENT_SECRET") {
        let (client_id, endpoint) = app("CARE_CLIENT_SECRET")?;
        return Ok(Credential::ClientSecret {
            endpoint,
            client_id,
            secret,
        });
    }
    if let Some(path) = &settings.certificate {
        let (client_id, endpoint) = app("the certificate in the config file")?;
        let certificate = ClientCertificate::load(path).map_err(crate::auth::AuthError::from)?;
        return Ok(Credential::ClientCertificate {
            endpoint,
            client_id,
            certificate: Arc::new(certificate),
        });
    }
    if let Some(s) = saved
        && session_fits(s, target, settings)
    {
        return Ok(Credential::Saved {
            store: store.clone(),
            profile: settings.profile.clone(),
            endpoint: Endpoint {
                login: login.to_string(),
                tenant: s.tenant.clone(),
            },
        });
    }
    let mut hints = vec![format!(
        "sign in as yourself: {}",
        if settings.profile == "default" {
            "care login".to_string()
        } else {
            format!("care --profile {} login", settings.profile)
        }
    )];
    if let Some(s) = saved {
        hints.push(format!(
            "the profile's saved sign-in is for tenant {} ({}), not this one",
            s.tenant,
            s.graph_url.as_deref().unwrap_or("the embedded sandbox")
        ));
    }
    hints.push(
        "for scripts: CARE_TOKEN, or an app's CARE_CLIENT_ID, CARE_TENANT and CARE_CLIENT_SECRET"
            .into(),
    );
    hints.push("or pass --sandbox to use the embedded sandbox".into());
    Err(ConnectError::NotSignedIn {
        message: format!(
            "not signed in to {}",
            target.graph_url().unwrap_or("the tenant")
        ),
        hints,
    })
}
