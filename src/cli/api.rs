//! `care api`: any Graph request with the same sign-in, retries and errors (like `gh api`).

use super::Verb;
use super::ctx::Ctx;
use super::oncall;
use crate::change::Done;
use crate::error::Error;
use crate::graph::client::{Call, Version};
use clap::Args;
use serde_json::Value;
use std::io::Read;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "api",
    change: true,
    examples: &[
        "care api GET /v1.0/me",
        "care api GET '/v1.0/users?$select=displayName,userPrincipalName' --paginate",
        "echo '{\"accountEnabled\":false}' | care api PATCH /v1.0/users/gary.lowe@district.example --body -",
    ],
}];

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// GET, POST, PATCH, PUT or DELETE
    pub method: String,
    /// Path below the Graph root, e.g. /v1.0/users?$top=5 or /beta/users/{id}/authentication/signInPreferences (v1.0 when no version is given)
    pub path: String,
    /// JSON body, or - to read it from stdin
    #[arg(long, value_name = "JSON")]
    pub body: Option<String>,
    /// Follow @odata.nextLink and print every item as one {"value": [...]}
    #[arg(long)]
    pub paginate: bool,
    /// Send ConsistencyLevel: eventual (advanced queries: $search, $count, endsWith, ne)
    #[arg(long)]
    pub eventual: bool,
}

pub async fn run(ctx: &Ctx, args: ApiArgs) -> Result<(), Error> {
    let method: reqwest::Method = match args.method.to_ascii_uppercase().as_str() {
        m @ ("GET" | "POST" | "PATCH" | "PUT" | "DELETE") => {
            m.parse().map_err(|_| Error::usage("bad method"))?
        }
        other => {
            return Err(Error::usage_hint(
                format!("'{other}' is not a method care sends"),
                "use GET, POST, PATCH, PUT or DELETE",
            ));
        }
    };
    let path = args.path.trim().trim_start_matches('/');
    if path.is_empty()
        || path.contains("://")
        || path.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::usage_hint(
            format!("'{}' is not a Graph path", args.path),
            "e.g. /v1.0/users?$top=5 (encode spaces as %20)",
        ));
    }
    let (version, rest) = match path.split_once('/') {
        Some((v, rest)) if v.eq_ignore_ascii_case("v1.0") => (Version::V1, rest),
        Some((v, rest)) if v.eq_ignore_ascii_case("beta") => (Version::Beta, rest),
        _ if path.eq_ignore_ascii_case("v1.0") || path.eq_ignore_ascii_case("beta") => {
            return Err(Error::usage("the path needs a resource after the version"));
        }
        _ => (Version::V1, path),
    };
    let body = match args.body.as_deref() {
        None => None,
        Some(text) => {
            let text = if text == "-" {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .map_err(|e| Error::io("cannot read the body from stdin", e))?;
                s
            } else {
                text.to_string()
            };
            Some(serde_json::from_str::<Value>(&text).map_err(|e| {
                Error::usage_hint(
                    format!("the body is not JSON: {e}"),
                    "quote it for the shell, e.g. --body '{\"phoneNumber\":\"+1 5025550100\"}'",
                )
            })?)
        }
    };
    let mut call = Call::new(method, version, rest);
    if let Some(b) = body {
        call = call.body(b);
    }
    if args.eventual {
        call = call.eventual();
    }
    let graph = ctx.graph().await?;
    if call.method != reqwest::Method::GET {
        return write(ctx, &call, &args.path).await;
    }
    if args.paginate {
        let items: Vec<Value> = graph.all(&call, None).await?;
        return ctx.emit(ctx.out.json(&serde_json::json!({ "value": items })));
    }
    print(ctx, graph.send(&call).await?)
}

/// A write through `care api` is a change like any other, and goes through the door as what it
/// does (each request of a `$batch` on its own): a pass, phone, method or session change gets
/// that command's facts, verification and limits; another write to authentication methods
/// needs `--override REASON`; any other write a ticket, a confirmation and an audit record. It
/// is sent once: `care api` does not know how to read its effect back, so a lost answer is
/// reported, never resent.
async fn write(ctx: &Ctx, call: &Call, shown: &str) -> Result<(), Error> {
    let door = oncall::door(ctx).await?;
    let changes = door.decide_api(call, &oncall::authority(ctx)).await?;
    if changes.is_empty() {
        // a batch of reads
        let mut read = call.clone();
        read.idempotent = true;
        return print(ctx, door.graph().send(&read).await?);
    }
    let who: Vec<String> = changes
        .iter()
        .filter(|c| !c.subject.user.id.is_empty())
        .map(|c| c.subject.who())
        .collect();
    let mut admitted = vec![];
    for change in changes {
        admitted.push(oncall::admit(ctx, &door, change).await?);
    }
    if admitted.iter().all(|a| !a.needs_verification()) {
        ctx.confirm(&crate::output::sanitize(&format!(
            "Send {} {shown}{}?",
            call.method,
            if who.is_empty() {
                String::new()
            } else {
                format!(" (changes {})", who.join(", "))
            }
        )))?;
    }
    let Done::Api(reply) = oncall::ended(ctx, door.send_api(admitted, call).await)? else {
        return Err(Error::failed(
            "care sent a request and got another answer",
            vec![],
        ));
    };
    print(ctx, reply)
}

fn print(ctx: &Ctx, reply: crate::graph::client::Reply) -> Result<(), Error> {
    if reply.body.is_empty() {
        return Ok(());
    }
    let value: Value = reply.json()?;
    ctx.emit(ctx.out.json(&value))
}
