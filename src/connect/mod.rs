//! Which tenant a command talks to, and as whom, in one place beneath the command line: the
//! settings after precedence, the target (a tenant's Graph, or the embedded sandbox), the
//! credential, the connected backend (Graph, and the Exchange Admin API beside it), and who is
//! at the keyboard (the agent or the app, with their directory roles) for the door's guard.

mod agent;
mod backend;
pub mod recent;
mod settings;
pub mod training;

pub use agent::{agent, guard};
pub use backend::{Backend, EmbeddedSandbox, http};
pub use settings::{Settings, Target, env_secret, remote_credential, root, session_fits, sessions};

use crate::auth::AuthError;
use crate::config::ConfigError;
use crate::graph::client::GraphError;
use crate::sandbox::StoreError;

/// What the command line says about the connection (each also from the environment).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub profile: Option<String>,
    pub graph_url: Option<String>,
    pub login_url: Option<String>,
    pub tenant: Option<String>,
    pub client_id: Option<String>,
    /// The embedded sandbox even if a tenant is configured.
    pub sandbox: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// A URL that care does not talk to (not https, nor http to loopback).
    #[error("{message}")]
    Url { message: String },
    #[error("{message}")]
    NotSignedIn { message: String, hints: Vec<String> },
    /// A setting points away from where a sign-in came from: refused, nothing sent (exit 4).
    #[error("{message}")]
    Mismatch { message: String, hints: Vec<String> },
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("cannot set up HTTP: {0}")]
    Http(String),
}
