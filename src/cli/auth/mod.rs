//! `care login` and `care auth login|status|logout`: agents sign in as themselves (browser with
//! PKCE, or a device code), scripts as the app (secret or certificate); the sign-in is saved
//! per profile and refreshed silently.

mod login;
mod logout;
mod status;

use super::Verb;
use super::ctx::Ctx;
use crate::auth::assertion::ClientCertificate;
use crate::auth::cache::{KeptIn, Secrets, Session, SessionKind};
use crate::auth::login::{self as flows, LoginEvent};
use crate::auth::oauth::{self, Endpoint};
use crate::auth::{self as tokens, AuthError, Credential, Resource};
use crate::connect::{self, EmbeddedSandbox, Target, env_secret};
use crate::error::Error;
use crate::graph::model::TokenResponse;
use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "login",
        change: false,
        examples: &[
            "care login --tenant district.onmicrosoft.com --client-id 11111111-2222-3333-4444-555555555555",
            "care login --device-code",
            "CARE_CLIENT_SECRET=… care login --app --tenant district.onmicrosoft.com --client-id 1111…",
        ],
    },
    Verb {
        path: "auth login",
        change: false,
        examples: &["care auth login --device-code"],
    },
    Verb {
        path: "auth status",
        change: false,
        examples: &["care auth status"],
    },
    Verb {
        path: "auth logout",
        change: false,
        examples: &["care auth logout", "care auth logout --all"],
    },
];

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Sign in (the same as `care login`)
    Login(LoginArgs),
    /// Who is signed in: account, tenant, profile, roles or scopes, expiry, where it is kept
    Status,
    /// Forget the saved sign-in of the profile (or of every profile)
    Logout(LogoutArgs),
}

/// Sign in to the tenant as yourself, or as the app for unattended jobs.
///
/// By default care opens the system browser on the tenant's sign-in page and waits for the
/// answer on a port of this machine (http://localhost:PORT), the way `az login` does. The
/// sign-in is saved per profile (in the OS credential store where one answers, otherwise in a
/// file only you can read) and refreshed silently until it is revoked or your own MFA is due.
/// With no tenant configured, care signs in to its embedded sandbox tenant, as one of its
/// seeded agents.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Sign in with a code on another device (SSH sessions, machines without a browser).
    /// Many tenants block this flow with Conditional Access
    #[arg(long, conflicts_with_all = ["app", "no_browser"])]
    device_code: bool,
    /// Print the sign-in URL instead of opening a browser
    #[arg(long)]
    no_browser: bool,
    /// Sign in as the app (client credentials), for unattended jobs: the secret comes from
    /// --client-secret-stdin or CARE_CLIENT_SECRET, or use --certificate
    #[arg(long)]
    app: bool,
    /// Read the app's client secret from standard input (a secret is never a flag value)
    #[arg(long, requires = "app", conflicts_with = "certificate")]
    client_secret_stdin: bool,
    /// PEM file with the app's certificate and its private key (signed client assertion)
    #[arg(long, requires = "app", value_name = "PEM")]
    certificate: Option<PathBuf>,
    /// Seconds to wait for the browser's answer
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    timeout: u64,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Every profile's sign-in
    #[arg(long)]
    all: bool,
}

pub async fn run(ctx: &Ctx, cmd: AuthCommand) -> Result<(), Error> {
    match cmd {
        AuthCommand::Login(a) => login::login(ctx, a).await,
        AuthCommand::Status => status::status(ctx).await,
        AuthCommand::Logout(a) => logout::logout(ctx, a),
    }
}

/// Where `care login` signs in.
struct LoginTarget {
    graph: String,
    endpoint: Endpoint,
    client_id: String,
    http: reqwest::Client,
    /// The sandbox serving the sign-in page, when it is the embedded one.
    _embedded: Option<EmbeddedSandbox>,
}

async fn login_target(ctx: &Ctx) -> Result<LoginTarget, Error> {
    let settings = ctx.settings()?;
    let saved = ctx.saved(&settings)?;
    match Target::resolve(&ctx.flags(), &settings, saved.as_ref())? {
        Target::Embedded => {
            if !ctx.global.sandbox {
                ctx.notice("care: no tenant is configured (--tenant, or a profile); signing in to the embedded sandbox tenant as one of its agents");
            }
            let embedded = EmbeddedSandbox::start().await?;
            let root = connect::root(&embedded.root, "the embedded sandbox")?;
            Ok(LoginTarget {
                graph: embedded.root.clone(),
                endpoint: Endpoint {
                    login: embedded.root.clone(),
                    tenant: embedded.credentials.tenant_id.clone(),
                },
                client_id: embedded.credentials.client_id.clone(),
                http: connect::http(&[&root])?,
                _embedded: Some(embedded),
            })
        }
        Target::Remote { graph, login } => {
            let tenant = settings
                .tenant
                .clone()
                .or_else(|| saved.as_ref().map(|s| s.tenant.clone()))
                .ok_or_else(|| {
                    Error::usage_hint(
                        "which tenant? none is configured",
                        "pass --tenant contoso.onmicrosoft.com, or set it in a profile: care config set tenant ID",
                    )
                })?;
            let client_id = settings
                .client_id
                .clone()
                .or_else(|| saved.as_ref().map(|s| s.client_id.clone()))
                .ok_or_else(|| {
                    Error::usage_hint(
                        "which app? no client id is configured",
                        "register care in your tenant (README: Connecting a real tenant), then: care config set client-id ID",
                    )
                })?;
            Ok(LoginTarget {
                http: connect::http(&[&graph, &login])?,
                graph: graph.to_string(),
                endpoint: Endpoint {
                    login: login.to_string(),
                    tenant,
                },
                client_id,
                _embedded: None,
            })
        }
    }
}

/// Who signed in, from the id token (or the access token's claims).
fn account_of(t: &TokenResponse) -> (Option<String>, Option<String>) {
    let claims = t
        .id_token
        .as_ref()
        .and_then(oauth::claims)
        .or_else(|| oauth::claims(&t.access_token))
        .unwrap_or(Value::Null);
    let upn = ["preferred_username", "upn", "unique_name"]
        .iter()
        .find_map(|k| claims[*k].as_str())
        .map(str::to_owned);
    (upn, claims["name"].as_str().map(str::to_owned))
}
