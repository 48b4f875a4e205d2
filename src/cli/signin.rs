//! `care signin list`: recent sign-ins with MFA detail and error codes in plain words.

use super::Named;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use crate::error::Error;
use crate::graph::logs::signin_user_filter;
use crate::graph::model::SignIn;
use crate::ops::signin::{app_short, client_short, explain, method_short, result_short};
use clap::{Args, Subcommand};
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "signin list",
    change: false,
    examples: &[
        "care signin list maria.garcia@district.example --failures",
        "care signin list kevin.patel@district.example --since 7d --limit 50 -o csv > signins.csv",
    ],
}];

#[derive(Debug, Subcommand)]
pub enum SigninCommand {
    /// The user's recent sign-ins, newest first
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub user: Named,
    /// How far back: a duration (2h, 24h, 7d) or a time (2026-11-28), 30 days at most
    #[arg(long, value_name = "WHEN", default_value = "24h")]
    pub since: String,
    /// Only failed sign-ins
    #[arg(long)]
    pub failures: bool,
    /// At most N sign-ins
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

/// The start of `--since`: sign-in logs keep 30 days at most.
fn since(text: &str) -> Result<jiff::Timestamp, Error> {
    let from = super::audit::since(text)?;
    let back = jiff::Timestamp::now().duration_since(from);
    if back.is_negative() || back.is_zero() || back > jiff::SignedDuration::from_hours(24 * 30) {
        return Err(Error::usage_hint(
            format!("--since {text} is out of range"),
            "sign-in logs keep 30 days at most; use e.g. 24h or 7d",
        ));
    }
    Ok(from)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row<'a> {
    #[serde(flatten)]
    signin: &'a SignIn,
    explanation: &'static str,
}

/// The MFA steps of a sign-in (`/beta` only); in a word each for a terminal (`push failed`).
fn mfa(s: &SignIn, short: bool) -> String {
    match &s.authentication_details {
        None => match (s.authentication_requirement.as_deref(), short) {
            (Some(r), true) => crate::ops::words::plain(r).to_string(),
            (r, _) => r.unwrap_or_default().to_string(),
        },
        Some(steps) => steps
            .iter()
            .filter(|d| d.authentication_method.as_deref() != Some("Password"))
            .map(|d| {
                let method = d.authentication_method.as_deref().unwrap_or("?");
                format!(
                    "{} {}",
                    if short { method_short(method) } else { method },
                    if d.succeeded == Some(true) {
                        "ok"
                    } else {
                        "failed"
                    }
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

pub async fn run(ctx: &Ctx, cmd: SigninCommand) -> Result<(), Error> {
    let SigninCommand::List(a) = cmd;
    let from = since(&a.since)?;
    let user = find::user(ctx, &a.user).await?;
    let filter = signin_user_filter(Some(&user.id), user.upn());
    let mut signins = ctx
        .graph()
        .await?
        .signins(&filter, from, a.limit.max(1))
        .await?;
    if a.failures {
        signins.retain(|s| s.status.error_code != 0);
    }
    // a terminal gets one line a row at 100 columns (short words; the IP and the MFA steps
    // when there is room); CSV and a pipe get every field as Graph wrote it
    let compact = ctx.show().people;
    let width = ctx.out.width().unwrap_or(u16::MAX);
    let with_mfa = signins.iter().any(|s| !mfa(s, true).is_empty());
    let mut headers = vec!["time", "app", "client", "place"];
    if !compact || width >= 140 {
        headers.push("ip");
    }
    headers.push("result");
    if !compact || (width >= 120 && with_mfa) {
        headers.push("mfa");
    }
    // a place in the district's own countries is a city; elsewhere the country too
    let home = ctx.config()?.policy.countries();
    let rows: Vec<Vec<String>> = signins
        .iter()
        .map(|s| {
            let l = &s.location;
            let country = l.country_or_region.as_deref();
            let abroad = country.is_some_and(|c| !home.iter().any(|h| h.eq_ignore_ascii_case(c)));
            let place = if compact {
                [l.city.as_deref(), country.filter(|_| abroad)]
            } else {
                [l.city.as_deref(), l.state.as_deref()]
            }
            .into_iter()
            .flatten()
            .chain(if compact { None } else { country })
            .collect::<Vec<_>>()
            .join(", ");
            let app = s.app_display_name.as_deref().unwrap_or_default();
            let client = s.client_app_used.as_deref().unwrap_or_default();
            let mut row = if compact {
                vec![
                    ctx.show().time(&s.created_date_time),
                    app_short(app).to_string(),
                    client_short(client).to_string(),
                    place,
                ]
            } else {
                vec![
                    ctx.show().time(&s.created_date_time),
                    app.to_string(),
                    client.to_string(),
                    place,
                ]
            };
            if headers.contains(&"ip") {
                row.push(s.ip_address.clone().unwrap_or_default());
            }
            row.push(match s.status.error_code {
                c if compact => result_short(c),
                0 => "ok".to_string(),
                c => format!("{c} {}", explain(c)),
            });
            if headers.contains(&"mfa") {
                row.push(mfa(s, compact));
            }
            row
        })
        .collect();
    if signins.is_empty() && ctx.show().people {
        ctx.notice(&format!(
            "no {}sign-ins for {} since {}",
            if a.failures { "failed " } else { "" },
            user.upn(),
            ctx.show().time(&from.to_string())
        ));
        return Ok(());
    }
    let json: Vec<Row> = signins
        .iter()
        .map(|s| Row {
            signin: s,
            explanation: explain(s.status.error_code),
        })
        .collect();
    ctx.emit(ctx.out.records(&headers, &rows, &json))
}
