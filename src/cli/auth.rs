//! `care login` and `care auth login|status|logout`: agents sign in as themselves (browser with
//! PKCE, or a device code), scripts as the app (secret or certificate); the sign-in is saved
//! per profile and refreshed silently.

use super::Verb;
use super::ctx::Ctx;
use crate::auth::assertion::ClientCertificate;
use crate::auth::cache::{KeptIn, Secrets, Session, SessionKind};
use crate::auth::login::{self, LoginEvent};
use crate::auth::oauth::{self, Endpoint};
use crate::auth::{self as tokens, AuthError, Credential, Resource};
use crate::connect::{self, EmbeddedSandbox, Target, env_secret};
use crate::error::Error;
use crate::graph::model::{Secret, TokenResponse};
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
        AuthCommand::Login(a) => login(ctx, a).await,
        AuthCommand::Status => status(ctx).await,
        AuthCommand::Logout(a) => logout(ctx, a),
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

fn read_secret_from_stdin() -> Result<Secret, Error> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let value = crate::ui::read_hidden("Client secret")?;
        return Ok(Secret::new(value.trim()));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("cannot read the client secret from stdin", e))?;
    let value = line.trim();
    if value.is_empty() {
        return Err(Error::usage("no client secret on standard input"));
    }
    Ok(Secret::new(value))
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

async fn login(ctx: &Ctx, args: LoginArgs) -> Result<(), Error> {
    let settings = ctx.settings()?;
    let store = ctx.sessions()?;
    let target = login_target(ctx).await?;
    let resource = Resource::graph(&target.graph);
    let graph_url = target._embedded.is_none().then(|| target.graph.clone());
    let mut secrets = Secrets::default();
    let (kind, token, certificate) = if args.app {
        let certificate = args.certificate.clone().or(settings.certificate.clone());
        match certificate {
            Some(path) if !args.client_secret_stdin => {
                let cert = ClientCertificate::load(&path).map_err(AuthError::from)?;
                let t = tokens::client_certificate(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &cert,
                    &resource.id,
                )
                .await?;
                (SessionKind::AppCertificate, t, Some(path))
            }
            _ => {
                let secret = if args.client_secret_stdin {
                    read_secret_from_stdin()?
                } else {
                    env_secret("CARE_CLIENT_SECRET").ok_or_else(|| {
                        Error::usage_hint(
                            "no client secret: give it on standard input or in CARE_CLIENT_SECRET",
                            "care login --app --client-secret-stdin < secret.txt  (or --certificate app.pem)",
                        )
                    })?
                };
                let t = tokens::client_secret(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &secret,
                    &resource.id,
                )
                .await?;
                secrets.client_secret = Some(secret);
                (SessionKind::AppSecret, t, None)
            }
        }
    } else {
        let scope = resource.delegated_scope.clone();
        let no_browser = args.no_browser;
        let on_event = |e: LoginEvent<'_>| match e {
            LoginEvent::OpenUrl { url } => {
                ctx.notice("Sign in with your work account in the browser; care waits here for the answer.");
                if no_browser || webbrowser::open(url).is_err() {
                    ctx.notice("Open this address in a browser on this machine:");
                }
                crate::output::note(&format!("  {url}"));
            }
            LoginEvent::DeviceCode { message, .. } => ctx.notice(message),
            LoginEvent::Ignored { why } => ctx.notice(&format!("care: ignored {why}")),
        };
        let flow = async {
            if args.device_code {
                login::device_code(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &scope,
                    on_event,
                )
                .await
            } else {
                login::authorization_code(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &scope,
                    Duration::from_secs(args.timeout.max(1)),
                    on_event,
                )
                .await
            }
        };
        let t = tokio::select! {
            t = flow => t?,
            _ = tokio::signal::ctrl_c() => return Err(Error::Cancelled),
        };
        if t.refresh_token.is_none() {
            ctx.notice("care: the platform gave no refresh token (offline_access not granted); you will sign in again when this token expires");
        }
        secrets.refresh_token = t.refresh_token.clone();
        (SessionKind::Delegated, t, None)
    };
    let (upn, name) = account_of(&token);
    secrets.access.insert(
        resource.id.clone(),
        tokens::cache::AccessToken {
            token: token.access_token.clone(),
            expires_at: jiff::Timestamp::now().as_second() + token.expires_in.clamp(60, 86_400),
        },
    );
    let mut session = Session {
        profile: settings.profile.clone(),
        kind,
        tenant: target.endpoint.tenant.clone(),
        client_id: target.client_id.clone(),
        graph_url,
        login_url: target
            ._embedded
            .is_none()
            .then(|| target.endpoint.login.clone()),
        account: match kind {
            SessionKind::Delegated => upn.unwrap_or_else(|| "(unknown account)".into()),
            _ => target.client_id.clone(),
        },
        display_name: name,
        certificate: certificate.map(|p| std::path::absolute(&p).unwrap_or(p)),
        signed_in_at: jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        kept_in: KeptIn::File,
        secrets,
    };
    let saved = store.save(&mut session).map_err(AuthError::from)?;
    if let Some(why) = saved.fallback {
        ctx.notice(&format!(
            "care: the OS credential store is not available ({why}); the sign-in is kept in {} instead, readable only by you",
            store.path(&session.profile).display()
        ));
    }
    let who = match kind {
        SessionKind::Delegated => format!(
            "as {}{}",
            session.account,
            session
                .display_name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ),
        _ => format!("as app {}", session.client_id),
    };
    ctx.notice(&format!(
        "Signed in {who} to tenant {} (profile {}); kept in {}.",
        session.tenant,
        session.profile,
        store.describe(&session)
    ));
    Ok(())
}

/// `care auth status`, as a record.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    profile: String,
    tenant: String,
    graph: String,
    account: String,
    kind: String,
    roles: Vec<String>,
    scopes: Vec<String>,
    expires: Option<String>,
    kept_in: Option<String>,
}

async fn status(ctx: &Ctx) -> Result<(), Error> {
    let settings = ctx.settings()?;
    let backend = ctx.backend().await?;
    // a fresh token proves the sign-in still works (a refresh, when the cached one expired)
    let token = backend.graph.access_token().await?;
    let claims = oauth::claims(&token).unwrap_or(Value::Null);
    let credential = backend.graph.credential();
    let store = ctx.sessions()?;
    let saved = match credential {
        Credential::Saved { .. } => ctx.saved(&settings)?,
        _ => None,
    };
    let list = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => vec![],
        }
    };
    let mut roles: Vec<String> = list(&claims["wids"])
        .iter()
        .filter_map(|id| crate::graph::model::directory_role_name(id).map(str::to_owned))
        .collect();
    roles.extend(list(&claims["roles"]));
    let (account, kind, tenant) = match (credential, &saved) {
        (Credential::Saved { .. }, Some(s)) => (
            match &s.display_name {
                Some(n) => format!("{} ({n})", s.account),
                None => s.account.clone(),
            },
            match s.kind {
                SessionKind::Delegated => "agent (delegated sign-in)",
                SessionKind::AppSecret => "app (client secret)",
                SessionKind::AppCertificate => "app (certificate)",
            }
            .to_string(),
            s.tenant.clone(),
        ),
        (Credential::Bearer(_), _) => (
            claims["upn"]
                .as_str()
                .or(claims["appid"].as_str())
                .unwrap_or("unknown")
                .to_string(),
            "the bearer token in CARE_TOKEN".into(),
            claims["tid"].as_str().unwrap_or("unknown").to_string(),
        ),
        (
            Credential::ClientSecret {
                client_id,
                endpoint,
                ..
            },
            _,
        ) => (
            client_id.clone(),
            if backend.embedded.is_some() {
                "the embedded sandbox's app (no sign-in needed)".into()
            } else {
                "app (client secret from CARE_CLIENT_SECRET)".into()
            },
            endpoint.tenant.clone(),
        ),
        (
            Credential::ClientCertificate {
                client_id,
                endpoint,
                certificate,
            },
            _,
        ) => (
            client_id.clone(),
            format!("app (certificate {})", certificate.path().display()),
            endpoint.tenant.clone(),
        ),
        (Credential::Saved { profile, .. }, None) => {
            return Err(AuthError::SignInRequired {
                profile: profile.clone(),
                reason: "there is no saved sign-in".into(),
            }
            .into());
        }
    };
    let s = Status {
        profile: settings.profile.clone(),
        tenant,
        graph: backend
            .target
            .graph_url()
            .unwrap_or("the embedded sandbox")
            .to_string(),
        account,
        kind,
        roles,
        scopes: list(&claims["scp"]),
        expires: claims["exp"]
            .as_i64()
            .and_then(|e| jiff::Timestamp::from_second(e).ok())
            .map(|t| t.to_string()),
        kept_in: saved.as_ref().map(|s| store.describe(s)),
    };
    let none = |v: &[String]| {
        if v.is_empty() {
            "none shown in the token".to_string()
        } else {
            v.join(", ")
        }
    };
    let rows = vec![
        vec!["profile".into(), s.profile.clone()],
        vec!["tenant".into(), s.tenant.clone()],
        vec!["graph".into(), s.graph.clone()],
        vec!["signed in as".into(), s.account.clone()],
        vec!["kind".into(), s.kind.clone()],
        vec!["roles".into(), none(&s.roles)],
        vec!["scopes".into(), none(&s.scopes)],
        vec![
            "token expires".into(),
            s.expires
                .as_deref()
                .map(|ts| ctx.time(ts))
                .unwrap_or_else(|| "unknown".into()),
        ],
        vec![
            "kept in".into(),
            s.kept_in
                .clone()
                .unwrap_or_else(|| "nowhere (not saved)".into()),
        ],
    ];
    ctx.emit(ctx.out.records(&["field", "value"], &rows, &s))
}

fn logout(ctx: &Ctx, args: LogoutArgs) -> Result<(), Error> {
    let store = ctx.sessions()?;
    let profiles: Vec<String> = if args.all {
        store.list().into_iter().map(|s| s.profile).collect()
    } else {
        vec![ctx.settings()?.profile]
    };
    if profiles.is_empty() {
        ctx.notice("no profile is signed in");
    }
    for p in profiles {
        let who = store.peek(&p).ok().flatten().map(|s| s.account);
        if store.remove(&p).map_err(AuthError::from)? {
            ctx.notice(&format!(
                "signed out of profile {p}{}",
                who.map(|w| format!(" ({w})")).unwrap_or_default()
            ));
        } else {
            ctx.notice(&format!("profile {p} was not signed in"));
        }
    }
    Ok(())
}
