//! `care policies`: the tenant's policies for QR code + PIN, key fobs and passkeys in plain
//! words, so an agent knows before the call is lost why something will be refused.

use super::Verb;
use super::ctx::Ctx;
use crate::error::Error;
use crate::graph::client::GraphError;
use crate::ops::policies;
use clap::Args;
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "policies",
    change: false,
    examples: &["care policies", "care policies -o json"],
}];

/// Reading them needs `Policy.Read.All` and a role that reads policies (Authentication Policy
/// Administrator, Global Reader); a part that can't be read says so and the others are shown.
#[derive(Debug, Args)]
pub struct PoliciesArgs {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Part {
    method: &'static str,
    says: Vec<String>,
}

fn part(method: &'static str, read: Result<Vec<String>, GraphError>) -> Part {
    Part {
        method,
        says: read.unwrap_or_else(|e| {
            vec![format!(
                "can't be read ({}): it needs Policy.Read.All and a role that reads policies",
                e.status()
                    .map(|s| format!("HTTP {s}"))
                    .unwrap_or_else(|| e.to_string())
            )]
        }),
    }
}

pub async fn run(ctx: &Ctx, _args: PoliciesArgs) -> Result<(), Error> {
    let graph = ctx.graph().await?;
    let (qr, fobs, passkeys) = tokio::join!(
        graph.qr_policy(),
        graph.method_configuration("hardwareOath", true),
        graph.method_configuration("fido2", false),
    );
    let parts = [
        part("QR code + PIN", qr.map(|p| policies::qr(&p))),
        part("key fobs (beta)", fobs.map(|p| policies::fobs(&p))),
        part("passkeys", passkeys.map(|p| policies::passkeys(&p))),
    ];
    let rows: Vec<Vec<String>> = parts
        .iter()
        .flat_map(|p| p.says.iter().map(|s| vec![p.method.to_string(), s.clone()]))
        .collect();
    ctx.emit(ctx.out.records(&["method", "policy"], &rows, &parts))
}
