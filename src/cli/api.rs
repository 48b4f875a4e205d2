//! `care api`: any Graph request with the same sign-in, retries and errors (like `gh api`).

use super::ctx::Ctx;
use crate::error::Error;
use crate::graph::client::{Call, Version, recording_writes};
use crate::graph::encode::UserRef;
use crate::graph::model::User;
use crate::guard::Action;
use clap::Args;
use serde_json::Value;
use std::io::Read;

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
        Some(("v1.0", rest)) => (Version::V1, rest),
        Some(("beta", rest)) => (Version::Beta, rest),
        _ if path == "v1.0" || path == "beta" => {
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
    let reply = graph.send(&call).await?;
    if reply.body.is_empty() {
        return Ok(());
    }
    let value: Value = reply.json()?;
    ctx.emit(ctx.out.json(&value))
}

/// A write through `care api` is a change like any other: the user it names (when its path
/// starts `users/KEY`), a ticket, a confirmation, a record in the audit log. It is sent once:
/// `care api` does not know how to read its effect back, so a lost answer is reported, never
/// resent.
async fn write(ctx: &Ctx, call: &Call, shown: &str) -> Result<(), Error> {
    let graph = ctx.graph().await?;
    let target = call
        .path
        .strip_prefix("users/")
        .and_then(|rest| rest.split('/').next())
        .map(|k| {
            percent_encoding::percent_decode_str(k)
                .decode_utf8_lossy()
                .into_owned()
        });
    let user = match target.as_deref().map(UserRef::parse) {
        Some(Ok(key)) => graph.user(&key).await.ok(),
        _ => None,
    };
    let user = user.unwrap_or_else(|| User {
        user_principal_name: Some(format!("(not a user: {})", call.path)),
        ..User::default()
    });
    let on_call = ctx
        .on_call(Action::ApiWrite, &user, None, |_| Ok(()))
        .await?;
    ctx.confirm(&crate::output::sanitize(&format!(
        "Send {} {shown}{}?",
        call.method,
        if user.id.is_empty() {
            String::new()
        } else {
            format!(" (changes {} ({}))", user.name(), user.upn())
        }
    )))?;
    let (reply, ids) = recording_writes(graph.send(call)).await;
    on_call.done(
        &reply,
        format!("{} {shown}", call.method),
        ids.last().cloned(),
    )?;
    let reply = reply?;
    if reply.body.is_empty() {
        return Ok(());
    }
    let value: Value = reply.json()?;
    ctx.emit(ctx.out.json(&value))
}
