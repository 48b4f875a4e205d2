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
        match &self.exchange {
            Some((e, _)) => Ok(e.clone()),
            None => self.default_exchange_for(graph),
        }
    }

    /// The Exchange Admin API's base URL care derives for `graph` (a set one aside): beside a
    /// sandbox on loopback, else the cloud's. A saved sign-in's Exchange tokens go only there.
    pub fn default_exchange_for(&self, graph: &Root) -> Result<Root, ConnectError> {
        if graph.is_loopback() {
            return root(
                &format!("{}/exchange", graph.as_str()),
                "the sandbox's Exchange URL",
            );
        }
        root(
            self.cloud
                .or_else(|| Cloud::of_graph(graph.as_str()))
                .unwrap_or(Cloud::Global)
                .exchange_url(),
            "the Exchange URL",
        )
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
        let (graph, login) = if settings.names_a_tenant() {
            let graph = match &settings.graph {
                Some((g, _)) => g.clone(),
                None => root(Cloud::Global.graph_url(), "the Graph URL")?,
            };
            let login = settings.login_for(&graph)?;
            (graph, login)
        } else {
            match saved.and_then(|s| s.graph_url.as_deref()) {
                Some(g) => {
                    let graph = root(g, "the saved sign-in's Graph URL")?;
                    let login = match saved.and_then(|s| s.login_url.as_deref()) {
                        Some(l) => root(l, "the saved sign-in's login URL")?,
                        None => settings.login_for(&graph)?,
                    };
                    (graph, login)
                }
                None => return Ok(Target::Embedded),
            }
        };
        // a sandbox's sign-in beside a real Graph, or the reverse (a CARE_LOGIN_URL or
        // CARE_GRAPH_URL left over from sandbox.env): a real tenant's tokens must never go to a
        // local port, nor be asked of one
        if graph.is_loopback() != login.is_loopback() {
            return Err(ConnectError::Mismatch {
                message: format!(
                    "the login URL {login} ({}) and the Graph URL {graph} ({}) are not the same kind of tenant: one is on this machine, the other is not; nothing was sent",
                    settings.login.as_ref().map_or("default", |(_, s)| s),
                    settings.graph.as_ref().map_or("default", |(_, s)| s),
                ),
                hints: vec![
                    "unset CARE_LOGIN_URL and CARE_GRAPH_URL (or fix login-url and graph-url in the config file), then try again".into(),
                ],
            });
        }
        Ok(Target::Remote { graph, login })
    }

    pub fn graph_url(&self) -> Option<&str> {
        match self {
            Target::Embedded => None,
            Target::Remote { graph, .. } => Some(graph.as_str()),
        }
    }
}

/// Whether a saved sign-in is one for `target` and the configured tenant and app.
pub fn session_fits(session: &Session, target: &Target, settings: &Settings) -> bool {
    session_differs(session, target, settings).is_none()
}

/// Which setting points away from where a saved sign-in came from (its Graph, its login URL,
/// its tenant, its app), said for the agent. A sign-in's tokens go only where it came from.
fn session_differs(session: &Session, target: &Target, settings: &Settings) -> Option<String> {
    let same_url = |a: &str, b: &str| {
        a.trim_end_matches('/')
            .eq_ignore_ascii_case(b.trim_end_matches('/'))
    };
    let from = |s: &Option<(Root, &'static str)>| s.as_ref().map_or("default", |(_, s)| *s);
    let came_from = session
        .graph_url
        .as_deref()
        .unwrap_or("the embedded sandbox");
    match (target, session.graph_url.as_deref()) {
        (Target::Embedded, None) => {}
        (Target::Embedded, Some(_)) => {
            return Some(format!(
                "the embedded sandbox is not {came_from}, where the saved sign-in came from"
            ));
        }
        (Target::Remote { graph, .. }, None) => {
            return Some(format!(
                "the Graph URL {graph} ({}) is not the embedded sandbox, where the saved sign-in came from",
                from(&settings.graph)
            ));
        }
        (Target::Remote { graph, login }, Some(g)) => {
            if !same_url(g, graph.as_str()) {
                return Some(format!(
                    "the Graph URL {graph} ({}) is not {g}, where the saved sign-in came from",
                    from(&settings.graph)
                ));
            }
            if let Some(l) = session.login_url.as_deref()
                && !same_url(l, login.as_str())
            {
                return Some(format!(
                    "the login URL {login} ({}) is not {l}, where the saved sign-in came from",
                    from(&settings.login)
                ));
            }
        }
    }
    let differs = |a: &str, b: &Option<String>| b.clone().filter(|b| !a.eq_ignore_ascii_case(b));
    if let Some(t) = differs(&session.tenant, &settings.tenant) {
        return Some(format!(
            "the tenant {t} (--tenant, CARE_TENANT or the profile) is not {}, the saved sign-in's",
            session.tenant
        ));
    }
    differs(&session.client_id, &settings.client_id).map(|c| {
        format!(
            "the client id {c} (--client-id, CARE_CLIENT_ID or the profile) is not {}, the saved sign-in's app",
            session.client_id
        )
    })
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
    if let Some(s) = saved {
        match session_differs(s, target, settings) {
            // the tokens go to the login URL the sign-in came from, and nowhere else
            None => {
                return Ok(Credential::Saved {
                    store: store.clone(),
                    profile: settings.profile.clone(),
                    endpoint: Endpoint {
                        login: s.login_url.clone().unwrap_or_else(|| login.to_string()),
                        tenant: s.tenant.clone(),
                    },
                });
            }
            Some(why) => {
                return Err(ConnectError::Mismatch {
                    message: format!(
                        "the saved sign-in of {} was not used, and nothing was sent: {why}",
                        s.account
                    ),
                    hints: vec![
                        "unset the setting that points elsewhere (a CARE_* variable left from sandbox.env, a flag), or sign in for it: care login".into(),
                        "the saved sign-in is kept as it is: `care auth status` shows where it is for".into(),
                    ],
                });
            }
        }
    }
    let mut hints = vec![format!(
        "sign in as yourself: {}",
        if settings.profile == "default" {
            "care login".to_string()
        } else {
            format!("care --profile {} login", settings.profile)
        }
    )];
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
