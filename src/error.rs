//! The one place that maps every module's error to an exit code, a message and hints.

use crate::auth::AuthError;
use crate::change::ChangeError;
use crate::config::ConfigError;
use crate::graph::client::GraphError;
use crate::ops::OpsError;
use crate::sandbox::StoreError;
use crate::ui::PromptError;

/// Exit codes (the contract; also listed in `care --help` and the README).
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const PARTIAL: u8 = 3;
    pub const DENIED: u8 = 4;
    pub const NOT_FOUND: u8 = 5;
    pub const CANCELLED: u8 = 130;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: nothing was changed.
    #[error("{message}")]
    Usage { message: String, hints: Vec<String> },
    /// A red flag (a STOP) holds the change: nothing was changed (exit 2, as bad input).
    #[error("{message}")]
    Held { message: String, hints: Vec<String> },
    /// The agent declined a prompt or pressed Ctrl-C.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// No credentials, a rejected token, or not permitted.
    #[error("{message}")]
    NotSignedIn { message: String, hints: Vec<String> },
    /// The user, method or mailbox does not exist.
    #[error("{message}")]
    NotFound { message: String, hints: Vec<String> },
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    /// A bulk run finished, but some rows failed (its report says which).
    #[error("{message}")]
    Partial { message: String, hints: Vec<String> },
    /// A failure that is none of the above, already worded for the agent.
    #[error("{message}")]
    Failed { message: String, hints: Vec<String> },
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hints: vec![],
        }
    }

    pub fn usage_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hints: vec![hint.into()],
        }
    }

    pub fn failed(message: impl Into<String>, hints: Vec<String>) -> Self {
        Error::Failed {
            message: message.into(),
            hints,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage { .. } | Error::Held { .. } | Error::Config(_) => exit::USAGE,
            Error::Cancelled => exit::CANCELLED,
            Error::NotSignedIn { .. } => exit::DENIED,
            Error::NotFound { .. } => exit::NOT_FOUND,
            Error::Graph(g) => graph_exit_code(g),
            Error::Partial { .. } => exit::PARTIAL,
            Error::Store(_) | Error::Io { .. } | Error::Failed { .. } => exit::FAILED,
        }
    }

    pub fn hints(&self) -> Vec<String> {
        match self {
            Error::Usage { hints, .. }
            | Error::Held { hints, .. }
            | Error::Failed { hints, .. }
            | Error::Partial { hints, .. }
            | Error::NotSignedIn { hints, .. }
            | Error::NotFound { hints, .. } => hints.clone(),
            Error::Graph(g) => graph_hints(g),
            Error::Store(StoreError::NewerSchema { .. }) => {
                vec!["upgrade care, or start over with `care sandbox reset`".into()]
            }
            Error::Config(ConfigError::Invalid { .. }) => {
                vec!["fix the file, or point --config at another one".into()]
            }
            Error::Config(ConfigError::NoProfile { .. }) => {
                vec!["list profiles with `care config show`; add one with `care --profile NAME config set tenant ID`".into()]
            }
            _ => vec![],
        }
    }
}

fn graph_exit_code(e: &GraphError) -> u8 {
    match e {
        GraphError::Api(f) => match f.status {
            400 | 422 => exit::USAGE,
            401 | 403 => exit::DENIED,
            404 => exit::NOT_FOUND,
            _ => exit::FAILED,
        },
        GraphError::Key(_) => exit::USAGE,
        GraphError::Auth(a) => auth_exit_code(a),
        GraphError::Network { .. }
        | GraphError::Decode { .. }
        | GraphError::ForeignLink(_)
        | GraphError::Unpermitted(_) => exit::FAILED,
    }
}

fn auth_exit_code(e: &AuthError) -> u8 {
    use crate::auth::cache::CacheError;
    use crate::private_file::PrivateFileError;
    match e {
        AuthError::Network { .. }
        | AuthError::Unexpected { .. }
        | AuthError::Loopback(_)
        | AuthError::TimedOut(_) => exit::FAILED,
        AuthError::Certificate(_) => exit::USAGE,
        AuthError::Cache(CacheError::File(PrivateFileError::Shared { .. })) => exit::DENIED,
        AuthError::Cache(CacheError::BadProfile(_)) => exit::USAGE,
        AuthError::Cache(_) => exit::FAILED,
        AuthError::SignInRequired { .. }
        | AuthError::Rejected { .. }
        | AuthError::StaticTokenRejected
        | AuthError::Declined { .. } => exit::DENIED,
    }
}

/// `care login`, with the profile when it is not the default one.
fn login_command(profile: &str) -> String {
    if profile == "default" {
        "care login".into()
    } else {
        format!("care --profile {profile} login")
    }
}

fn auth_hints(e: &AuthError) -> Vec<String> {
    match e {
        AuthError::SignInRequired { profile, .. } => vec![format!(
            "run `{}` to sign in again (add --device-code on a machine without a browser)",
            login_command(profile)
        )],
        AuthError::Rejected { error, codes, .. } => {
            let mut hints = vec![];
            if e.needs_interaction() {
                hints.push("run `care login` to sign in again".to_string());
            }
            hints.push(match error.as_str() {
                "invalid_client" if codes.contains(&700027) => {
                    "the certificate is not registered on the app: upload its public part under Certificates & secrets".into()
                }
                "invalid_client" => {
                    "check the client secret (the secret's value, not its id)".into()
                }
                "unauthorized_client" => "check the client id and the tenant".into(),
                "invalid_scope" => {
                    "the app registration lacks a permission care asks for (README: Connecting a real tenant)".into()
                }
                _ if codes.contains(&530036) || codes.contains(&530033) => {
                    "Conditional Access blocks this sign-in flow in your tenant; sign in with the browser (care login without --device-code)".into()
                }
                _ => "check the app registration and the tenant".into(),
            });
            hints
        }
        AuthError::StaticTokenRejected => vec!["CARE_TOKEN may have expired; get a new token".into()],
        AuthError::Network { .. } => {
            vec!["check the network and the login URL (CARE_LOGIN_URL, or the profile's cloud)".into()]
        }
        AuthError::Cache(c) => c.hint().into_iter().collect(),
        AuthError::Certificate(c) => vec![c.hint().into()],
        AuthError::Declined { error, .. } if error == "expired_token" => {
            vec!["start again: care login --device-code".into()]
        }
        AuthError::Declined { .. } => vec![
            "nothing was signed in; run care login again and approve the sign-in".into(),
        ],
        AuthError::TimedOut(_) => vec![
            "open the URL care printed in a browser on this machine, or use care login --device-code".into(),
        ],
        AuthError::Loopback(_) => vec!["sign in with care login --device-code instead".into()],
        AuthError::Unexpected { .. } => vec![],
    }
}

fn graph_hints(e: &GraphError) -> Vec<String> {
    let mut hints = vec![];
    match e {
        GraphError::Api(f) => {
            match (f.status, f.code.as_str()) {
                (403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant") => hints.push(
                    "sign-in logs and registration reports need an Entra ID P1 or P2 licence".into(),
                ),
                (403, _) => hints.push(
                    crate::graph::permissions::needs(&f.request)
                        .map(|n| n.explain())
                        .unwrap_or_else(|| {
                            "your account or app lacks the permission or Entra role this needs (see the README's Permissions section)".into()
                        }),
                ),
                (401, _) => hints.push("the token was rejected; sign in again".into()),
                (400, _) if f.request.contains("/fido2Methods") => hints.push(
                    "`care policies` shows the passkey profile: which key models it allows, attestation, self-service setup".into(),
                ),
                (404, "MailboxNotEnabledForRESTAPI") => {
                    hints.push("this user has no Exchange Online mailbox".into())
                }
                (404, _) => hints.push(
                    "check the spelling, or find the person with `care user search NAME`".into(),
                ),
                (429, _) => hints.push(
                    "Graph is throttling this app; wait a minute and run the command again".into(),
                ),
                (s, _) if s >= 500 => hints.push(
                    "Graph had a problem; run the command again, and quote the request id to Microsoft support if it persists".into(),
                ),
                _ => {}
            }
            if let Some(id) = &f.request_id {
                hints.push(format!(
                    "Graph request-id {id} (client-request-id {})",
                    f.client_request_id
                ));
            }
        }
        GraphError::Auth(a) => hints.extend(auth_hints(a)),
        GraphError::Network { .. } => {
            hints.push("check the network and CARE_GRAPH_URL / CARE_LOGIN_URL".into())
        }
        GraphError::Key(_) => hints.push(
            "name the caller by UPN, mail, object id, employee id or words of their name".into(),
        ),
        _ => {}
    }
    hints
}

impl From<OpsError> for Error {
    fn from(e: OpsError) -> Self {
        match e {
            OpsError::Graph(g) => Error::Graph(g),
            OpsError::Invalid { message, hint } => Error::Usage {
                message,
                hints: hint.into_iter().collect(),
            },
            OpsError::CodeLost(_) => Error::failed(
                e.to_string(),
                vec!["issue it again with --replace: the new pass replaces the one whose code was lost".into()],
            ),
            OpsError::QrLost { what, .. } => Error::failed(
                e.to_string(),
                vec![match what {
                    "PIN" => "reset it again: care qr pin-reset USER".into(),
                    _ => "remove it and make it again: care qr remove USER, then care qr issue USER"
                        .into(),
                }],
            ),
            OpsError::Authenticator { .. } => Error::failed(
                e.to_string(),
                vec!["once what the key said is dealt with, run it again: care reads a new challenge and asks the key again".into()],
            ),
            OpsError::NoSuchUser(input) => Error::NotFound {
                message: format!("no user matches '{input}'"),
                hints: vec![
                    "check the spelling, or find the person with `care user search NAME`".into(),
                ],
            },
            OpsError::Ambiguous {
                input,
                candidates,
                total,
            } => {
                let mut hints: Vec<String> = candidates
                    .iter()
                    .take(10)
                    .map(crate::ops::resolve::tell_apart)
                    .collect();
                if total.count() > hints.len() {
                    hints.push(format!(
                        "… {} shown of {}: add a word (the school, a first name) or `care user search`",
                        hints.len(),
                        total.describe()
                    ));
                }
                hints.push("name the caller by UPN or employee id to pick one".into());
                Error::Usage {
                    message: format!("'{input}' matches {} people", total.describe()),
                    hints,
                }
            }
        }
    }
}

impl From<crate::bulk::job::JobError> for Error {
    fn from(e: crate::bulk::job::JobError) -> Self {
        use crate::bulk::job::JobError as J;
        match e {
            J::Invalid { message, hint } => Error::usage_hint(message, hint),
            J::Input { .. } => Error::usage_hint(
                e.to_string(),
                "fix the file and run again (care bulk … --check checks it without sending anything)",
            ),
            J::Config(c) => Error::Config(c),
            J::Io { context, source } => Error::Io { context, source },
            J::File(_) | J::Journal(_) => Error::failed(e.to_string(), vec![]),
        }
    }
}

impl From<crate::connect::ConnectError> for Error {
    fn from(e: crate::connect::ConnectError) -> Self {
        use crate::connect::ConnectError as C;
        match e {
            C::Url { message } => Error::usage_hint(
                message,
                "use the https:// address (the national clouds have their own: `care config set cloud usgov`); plain http:// is only for a sandbox on this machine",
            ),
            C::NotSignedIn { message, hints } | C::Mismatch { message, hints } => {
                Error::NotSignedIn { message, hints }
            }
            C::Auth(a) => a.into(),
            C::Config(c) => Error::Config(c),
            C::Store(s) => Error::Store(s),
            C::Graph(g) => Error::Graph(g),
            C::Io { context, source } => Error::Io { context, source },
            C::Http(_) => Error::failed(e.to_string(), vec![]),
        }
    }
}

impl From<ChangeError> for Error {
    fn from(e: ChangeError) -> Self {
        match e {
            ChangeError::Refused(r) => {
                let mut hints = vec![r.hint.clone()];
                if r.overridable && !r.hint.contains("--override") {
                    hints.push(
                        "the policy allows --override \"REASON\" for this (the reason is recorded)"
                            .into(),
                    );
                }
                let message = format!("{}; nothing was changed", r.reason);
                if r.stop {
                    Error::Held { message, hints }
                } else {
                    Error::Usage { message, hints }
                }
            }
            ChangeError::Invalid { message, hint } => Error::Usage {
                message,
                hints: hint.lines().map(str::to_owned).collect(),
            },
            ChangeError::NotFound { message, hint } => Error::NotFound {
                message,
                hints: vec![hint],
            },
            ChangeError::Choose { question, options } => Error::Usage {
                message: question,
                hints: vec![format!(
                    "pass --new-default KIND to move the default first ({})",
                    options
                        .iter()
                        .map(|k| k.flag())
                        .collect::<Vec<_>>()
                        .join(", ")
                )],
            },
            ChangeError::NotRecorded(_) => Error::failed(
                e.to_string(),
                vec!["fix the state dir (care config path shows where it is), then run the command again".into()],
            ),
            ChangeError::DryRun => Error::failed(e.to_string(), vec![]),
            ChangeError::Graph(g) => Error::Graph(g),
            ChangeError::Ops(o) => o.into(),
        }
    }
}

impl From<AuthError> for Error {
    fn from(e: AuthError) -> Self {
        Error::Graph(GraphError::Auth(e))
    }
}

impl From<PromptError> for Error {
    fn from(e: PromptError) -> Self {
        match e {
            PromptError::Cancelled => Error::Cancelled,
            PromptError::Io(message) => Error::failed(
                format!("cannot prompt on this terminal: {message}"),
                vec!["pass --yes to go ahead without a prompt".into()],
            ),
        }
    }
}

/// Writes the error and its hints to stderr.
pub fn report(e: &Error) {
    crate::output::note(&format!("error: {e}"));
    for hint in e.hints() {
        crate::output::note(&format!("hint: {hint}"));
    }
}
