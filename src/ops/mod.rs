//! Workflows that span several Graph calls, shared by the commands and (later) bulk runs:
//! finding the caller, the caller card, phone-number normalisation, passes, method reset.

pub mod badge;
pub mod caller;
pub mod calls;
pub mod card;
pub mod delegates;
pub mod faq;
pub mod find;
pub mod flags;
pub mod fraud;
pub mod onfile;
pub mod passcode;
pub mod passkey;
pub mod phone;
pub mod policies;
pub mod readiness;
pub mod reset;
pub mod resolve;
pub mod signin;
pub mod words;

use crate::graph::client::GraphError;
use crate::graph::model::User;

#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// Bad input, found before any change.
    #[error("{message}")]
    Invalid {
        message: String,
        hint: Option<String>,
    },
    #[error("no user matches '{0}'")]
    NoSuchUser(String),
    /// A pass was created but its code never arrived (the answer was lost).
    #[error("the pass for {0} was created, but its code was lost on the way back")]
    CodeLost(String),
    /// A QR code or PIN was made but the answer holding it never arrived.
    #[error("the {what} for {user} was made, but it was lost on the way back")]
    QrLost { what: &'static str, user: String },
    /// The authenticator could not make the passkey (nothing was registered).
    #[error("the passkey could not be made on {on}: {why}; nothing was registered")]
    Authenticator { on: String, why: String },
    #[error("'{input}' matches {} people; say which one", .total.describe())]
    Ambiguous {
        input: String,
        candidates: Vec<User>,
        total: find::Total,
    },
}

impl OpsError {
    pub fn invalid(message: impl Into<String>, hint: impl Into<String>) -> Self {
        OpsError::Invalid {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

impl From<crate::graph::encode::KeyError> for OpsError {
    fn from(e: crate::graph::encode::KeyError) -> Self {
        OpsError::Graph(GraphError::Key(e))
    }
}
