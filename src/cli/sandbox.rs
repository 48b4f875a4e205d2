//! `care sandbox serve|reset|approve`.

use super::Verb;
use super::ctx::Ctx;
use crate::config;
use crate::connect::{self, EmbeddedSandbox, Target, env_secret};
use crate::error::Error;
use crate::graph::model::Secret;
use crate::sandbox::{DbLocation, FaultSpec, Rate, Sandbox, SandboxOptions};
use clap::{Args, Subcommand};
use std::net::SocketAddr;
use std::time::Instant;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "sandbox serve",
        change: false,
        examples: &[
            "care sandbox serve                          # prints CARE_GRAPH_URL=… lines to export",
            "care sandbox serve --listen 127.0.0.1:0 --db :memory: --faults 429=0.1,503=0.05",
        ],
    },
    Verb {
        path: "sandbox reset",
        change: false,
        examples: &["care sandbox reset"],
    },
    Verb {
        path: "sandbox approve",
        change: false,
        examples: &["care sandbox approve ABCD-EFGH --as care.helpdesk@district.example"],
    },
    Verb {
        path: "sandbox outbox",
        change: false,
        examples: &[
            "care sandbox outbox",
            "care sandbox outbox --to maria.garcia@district.example -o json",
        ],
    },
];

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve the sandbox tenant until Ctrl-C, printing CARE_* variables a shell can source
    Serve(Box<ServeArgs>),
    /// Delete the sandbox tenant's data and seed it anew
    Reset(ResetArgs),
    /// Approve (or decline) a device-code sign-in as a sandbox user
    Approve(ApproveArgs),
    /// The mail the sandbox was asked to send (nothing leaves it): notices to users, codes to managers
    Outbox(OutboxArgs),
}

#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// Only mail to (or copied to) this address
    #[arg(long, value_name = "ADDRESS")]
    to: Option<String>,
}

fn parse_db(s: &str) -> Result<DbLocation, String> {
    Ok(if s == ":memory:" {
        DbLocation::Memory
    } else {
        DbLocation::File(s.into())
    })
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// Database file, or :memory: for a throw-away tenant [default: the platform data dir's care/sandbox.db]
    #[arg(long, value_name = "PATH", value_parser = parse_db)]
    db: Option<DbLocation>,
    /// Staff to seed into a new tenant (1 to 200,000)
    #[arg(long, value_name = "N", default_value_t = crate::sandbox::DEFAULT_USERS, value_parser = users_count)]
    users: usize,
    /// Seed of the generated tenant (the same seed gives the same people and methods)
    #[arg(long, value_name = "S", default_value_t = crate::sandbox::DEFAULT_SEED)]
    seed: u64,
}

impl DbArgs {
    fn location(&self) -> Result<DbLocation, Error> {
        Ok(match &self.db {
            Some(db) => db.clone(),
            None => DbLocation::File(config::default_sandbox_db()?),
        })
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the real one is printed)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// Listen on an address that is not loopback (the sandbox has no real security)
    #[arg(long)]
    allow_remote: bool,
    #[command(flatten)]
    db: DbArgs,
    /// Inject faults, e.g. 429=0.1,500=0.02,503=0.05,504=0.02,drop-before=0.02,drop-after=0.02,latency=5ms..40ms (add retry-after=SECS to change the Retry-After of 429/503)
    #[arg(long, value_name = "SPEC")]
    faults: Option<FaultSpec>,
    /// Seed of the fault dice, so a run can be repeated
    #[arg(long, value_name = "N", default_value_t = 0)]
    fault_seed: u64,
    /// Throttle reads per app to N requests per SECS seconds (429 with Retry-After beyond it)
    #[arg(long, value_name = "N/SECS")]
    read_limit: Option<Rate>,
    /// Throttle writes per app to N requests per SECS seconds
    #[arg(long, value_name = "N/SECS")]
    write_limit: Option<Rate>,
    /// Close a connection that takes longer than this to send a request's headers, or sits
    /// idle this long between requests
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    idle_timeout: u64,
    /// Serve at most this many connections at once (more wait)
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65536))]
    max_connections: u64,
    /// The tenant has no Entra ID P1/P2 licence: sign-in logs and reports answer 403
    #[arg(long)]
    no_premium: bool,
    /// The licence is P1, not P2: Identity Protection's risky users answer 403 (the risk
    /// detections still answer)
    #[arg(long)]
    p1: bool,
    /// Register this PEM certificate (its public part) on the sandbox app, for
    /// `care login --app --certificate`
    #[arg(long, value_name = "PEM")]
    app_certificate: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The code the sign-in showed (e.g. F7QKZ2M8R)
    code: String,
    /// The sandbox user who approves it
    #[arg(long = "as", value_name = "UPN")]
    user: String,
    /// Decline the sign-in instead
    #[arg(long)]
    decline: bool,
}

fn users_count(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=200_000).contains(&n) => Ok(n),
        _ => Err("a number of users from 1 to 200000".into()),
    }
}

pub async fn run(ctx: &Ctx, cmd: SandboxCommand) -> Result<(), Error> {
    match cmd {
        SandboxCommand::Serve(args) => serve(ctx, *args).await,
        SandboxCommand::Reset(args) => reset(ctx, args),
        SandboxCommand::Approve(args) => approve(ctx, args).await,
        SandboxCommand::Outbox(args) => outbox(ctx, args).await,
    }
}

/// `care sandbox outbox`: each message with when, from, to and subject; `-o json` has the body.
async fn outbox(ctx: &Ctx, args: OutboxArgs) -> Result<(), Error> {
    let target = sandbox_admin(ctx).await?;
    let reply = target.get("outbox").await?;
    let mails: Vec<serde_json::Value> = reply["value"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| {
            args.to.as_deref().is_none_or(|to| {
                ["to", "cc"].iter().any(|f| {
                    m[f].as_array()
                        .into_iter()
                        .flatten()
                        .any(|a| a.as_str().is_some_and(|a| a.eq_ignore_ascii_case(to)))
                })
            })
        })
        .cloned()
        .collect();
    let list = |m: &serde_json::Value, f: &str| {
        m[f].as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows: Vec<Vec<String>> = mails
        .iter()
        .map(|m| {
            vec![
                ctx.show()
                    .time(m["sentDateTime"].as_str().unwrap_or_default()),
                m["from"].as_str().unwrap_or_default().to_string(),
                [list(m, "to"), list(m, "cc")]
                    .into_iter()
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("; cc "),
                m["subject"].as_str().unwrap_or_default().to_string(),
            ]
        })
        .collect();
    ctx.emit(
        ctx.out
            .records(&["sent", "from", "to", "subject"], &rows, &mails),
    )
}

fn open(ctx: &Ctx, opts: SandboxOptions) -> Result<std::sync::Arc<Sandbox>, Error> {
    let started = Instant::now();
    let sandbox = Sandbox::open(opts)?;
    if let Some(n) = sandbox.seeded() {
        ctx.notice(&format!(
            "care sandbox: seeded {n} users into {} in {:.2} s",
            sandbox.location().describe(),
            started.elapsed().as_secs_f64()
        ));
        week_of_calls(ctx, &sandbox);
    }
    Ok(sandbox)
}

/// A sandbox in a file just seeded: its week at the center beside this machine's audit log,
/// for `care report calls` and `care report fraud` (an in-memory one is gone when it stops).
/// The sandbox works without it: a week that can't be written is a warning.
fn week_of_calls(ctx: &Ctx, sandbox: &Sandbox) {
    if let DbLocation::File(_) = sandbox.location() {
        match crate::connect::training::write_week(sandbox) {
            Ok(n) => ctx.notice(&format!(
                "care sandbox: its week at the center is ready for care report calls and care report fraud ({})",
                crate::output::counted(n as u64, "record")
            )),
            Err(e) => ctx.notice(&format!(
                "care sandbox: warning: its week at the center could not be written ({e}); the reports show only what you do"
            )),
        }
    }
}

async fn serve(ctx: &Ctx, args: ServeArgs) -> Result<(), Error> {
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        return Err(Error::usage_hint(
            format!(
                "refusing to listen on {}: it is not a loopback address",
                args.listen
            ),
            "the sandbox has no real security; pass --allow-remote if you mean it",
        ));
    }
    let sandbox = open(
        ctx,
        SandboxOptions {
            db: args.db.location()?,
            users: args.db.users,
            seed: args.db.seed,
            premium: !args.no_premium,
            identity_protection: !args.p1 && !args.no_premium,
            faults: args.faults,
            fault_seed: args.fault_seed,
            read_limit: args.read_limit,
            write_limit: args.write_limit,
            idle_timeout: std::time::Duration::from_secs(args.idle_timeout),
            max_connections: args.max_connections as usize,
        },
    )?;
    if let Some(path) = &args.app_certificate {
        let pem = std::fs::read(path)
            .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        let thumbprint = sandbox
            .add_certificate(&pem)
            .map_err(|why| Error::usage(format!("{}: {why}", path.display())))?;
        ctx.notice(&format!(
            "care sandbox: certificate {thumbprint} registered on the sandbox app"
        ));
    }
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| Error::io(format!("cannot listen on {}", args.listen), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("cannot read the listening address", e))?;
    let creds = sandbox.credentials()?;
    let root = format!("http://{addr}");
    ctx.out
        .lines(&[
            format!("CARE_GRAPH_URL={root}"),
            format!("CARE_LOGIN_URL={root}"),
            format!("CARE_EXCHANGE_URL={root}/exchange"),
            format!("CARE_TENANT={}", creds.tenant_id),
            format!("CARE_CLIENT_ID={}", creds.client_id),
            format!("CARE_CLIENT_SECRET={}", creds.client_secret.expose()),
            format!("CARE_SANDBOX_ADMIN_TOKEN={}", creds.admin_token.expose()),
        ])
        .map_err(|e| Error::io("cannot write to stdout", e))?;
    ctx.notice(&format!(
        "care sandbox: serving {} ({}) at {root}; Ctrl-C stops it",
        creds.domain,
        sandbox.location().describe()
    ));
    crate::sandbox::serve(listener, sandbox, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| Error::io("the sandbox server stopped", e))
}

fn reset(ctx: &Ctx, args: ResetArgs) -> Result<(), Error> {
    let location = args.db.location()?;
    ctx.confirm(&format!(
        "Delete every user, method and log in the sandbox at {} and seed {} users anew?",
        location.describe(),
        args.db.users
    ))?;
    let started = Instant::now();
    let sandbox = Sandbox::open(SandboxOptions {
        db: location,
        users: args.db.users,
        seed: args.db.seed,
        ..Default::default()
    })?;
    let n = match sandbox.seeded() {
        Some(n) => n,
        None => sandbox.reset(args.db.users, args.db.seed)?,
    };
    week_of_calls(ctx, &sandbox);
    ctx.notice(&format!(
        "care sandbox: {} now holds {n} freshly seeded users (seed {}) in {:.2} s",
        sandbox.location().describe(),
        args.db.seed,
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

async fn approve(ctx: &Ctx, args: ApproveArgs) -> Result<(), Error> {
    let target = sandbox_admin(ctx).await?;
    let body = serde_json::json!({
        "userCode": args.code,
        "userPrincipalName": args.user,
        "decline": args.decline,
    });
    let reply = target.post("approve", &body).await?;
    let verb = if args.decline { "declined" } else { "approved" };
    ctx.out
        .lines(&[format!(
            "{verb} sign-in {} as {}",
            args.code,
            reply["user"].as_str().unwrap_or(&args.user)
        )])
        .map_err(|e| Error::io("cannot write to stdout", e))
}

/// The `/_sandbox/` admin endpoints of the sandbox this command talks to.
async fn sandbox_admin(ctx: &Ctx) -> Result<SandboxAdmin, Error> {
    if let Target::Remote { graph, .. } = ctx.target()? {
        let token = env_secret("CARE_SANDBOX_ADMIN_TOKEN").ok_or_else(|| {
            Error::usage_hint(
                format!("{graph} needs the sandbox admin token"),
                "set CARE_SANDBOX_ADMIN_TOKEN to the value `care sandbox serve` printed",
            )
        })?;
        return Ok(SandboxAdmin {
            http: connect::http(&[&graph])?,
            root: graph.to_string(),
            token,
            _embedded: None,
        });
    }
    let embedded = EmbeddedSandbox::start().await?;
    Ok(SandboxAdmin {
        http: connect::http(&[&connect::root(&embedded.root, "the embedded sandbox")?])?,
        root: embedded.root.clone(),
        token: embedded.credentials.admin_token.clone(),
        _embedded: Some(embedded),
    })
}

/// A client of the sandbox's `/_sandbox/` endpoints (not Graph; plain JSON).
struct SandboxAdmin {
    http: reqwest::Client,
    root: String,
    token: Secret,
    _embedded: Option<EmbeddedSandbox>,
}

impl SandboxAdmin {
    pub async fn get(&self, path: &str) -> Result<serde_json::Value, Error> {
        self.send(self.http.get(format!("{}/_sandbox/{path}", self.root)))
            .await
    }

    pub async fn post(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        self.send(
            self.http
                .post(format!("{}/_sandbox/{path}", self.root))
                .json(body),
        )
        .await
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Result<serde_json::Value, Error> {
        let url = self.root.clone();
        let resp = request
            .bearer_auth(self.token.expose())
            .send()
            .await
            .map_err(|e| {
                Error::failed(
                    format!(
                        "cannot reach the sandbox at {url}: {}",
                        crate::net::describe_reqwest(&e)
                    ),
                    vec!["is `care sandbox serve` running?".into()],
                )
            })?;
        let status = resp.status().as_u16();
        let value: serde_json::Value = resp.json().await.unwrap_or_default();
        let message = value["error"]["message"]
            .as_str()
            .unwrap_or("no message")
            .to_string();
        match status {
            200..=299 => Ok(value),
            401 | 403 => Err(Error::NotSignedIn {
                message,
                hints: vec!["check CARE_SANDBOX_ADMIN_TOKEN".into()],
            }),
            404 => Err(Error::NotFound {
                message,
                hints: vec![],
            }),
            _ => Err(Error::failed(message, vec![])),
        }
    }
}
