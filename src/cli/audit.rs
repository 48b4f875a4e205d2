//! `care audit list|verify`: the local audit log of changes made on this machine.

use super::ctx::Ctx;
use crate::error::Error;
use crate::guard::audit::{AuditLog, Record};
use clap::{Args, Subcommand};
use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// The records, oldest first (filtered)
    List(ListArgs),
    /// Check the hash chain: finds an edited, inserted or deleted record (exit 1)
    Verify,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only records this recent: a duration (24h, 7d) or a time (2026-11-28, RFC 3339)
    #[arg(long, value_name = "WHEN")]
    since: Option<String>,
    /// Only changes to this user (UPN or object id)
    #[arg(long, value_name = "UPN")]
    user: Option<String>,
    /// Only changes by this agent (UPN, or `app CLIENT-ID`)
    #[arg(long, value_name = "UPN")]
    agent: Option<String>,
}

fn log() -> Result<AuditLog, Error> {
    Ok(AuditLog::new(&crate::config::state_dir()?))
}

fn since(text: &str) -> Result<Timestamp, Error> {
    let t = text.trim();
    let now = Timestamp::now();
    if let Ok(d) = t.parse::<SignedDuration>() {
        return Ok(now - d);
    }
    if let Some(days) = t.strip_suffix('d').and_then(|d| d.parse::<i64>().ok()) {
        return Ok(now - SignedDuration::from_hours(24 * days));
    }
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Ok(ts);
    }
    if let Ok(date) = t.parse::<jiff::civil::Date>()
        && let Ok(ts) = jiff::tz::TimeZone::system()
            .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
    {
        return Ok(ts);
    }
    Err(Error::usage_hint(
        format!("'{t}' is not a duration or a time"),
        "use 24h, 7d, 2026-11-28 or 2026-11-28T09:00:00Z",
    ))
}

pub async fn run(ctx: &Ctx, cmd: AuditCommand) -> Result<(), Error> {
    let log = log()?;
    match cmd {
        AuditCommand::Verify => match log.verify() {
            Ok(n) => {
                ctx.notice(&format!(
                    "{}: {n} records; the chain is intact",
                    log.path().display()
                ));
                Ok(())
            }
            Err(e) => Err(Error::failed(
                e.to_string(),
                vec!["the log was changed outside care: keep a copy for investigation, and compare it with Entra's own audit log (directoryAudits)".into()],
            )),
        },
        AuditCommand::List(a) => {
            let from = a.since.as_deref().map(since).transpose()?;
            let matches = |r: &Record| {
                from.is_none_or(|f| r.entry.at.parse::<Timestamp>().is_ok_and(|t| t >= f))
                    && a.user.as_ref().is_none_or(|u| {
                        r.entry.target.upn.eq_ignore_ascii_case(u) || r.entry.target.id == *u
                    })
                    && a.agent
                        .as_ref()
                        .is_none_or(|g| r.entry.agent.eq_ignore_ascii_case(g))
            };
            let records: Vec<Record> = log
                .records()
                .map_err(|e| Error::failed(e.to_string(), vec![]))?
                .into_iter()
                .filter(matches)
                .collect();
            let detail = |e: &crate::guard::audit::Entry| {
                [
                    e.detail.clone(),
                    e.override_reason.clone().map(|o| format!("override: {o}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ")
            };
            if ctx.out.is_tty() && ctx.out.format() == crate::output::Format::Table {
                // a terminal: what an agent reads, in a width that fits (every field on a
                // pipe); the agent's column only when more than one agent is listed
                let agents: std::collections::BTreeSet<&str> =
                    records.iter().map(|r| r.entry.agent.as_str()).collect();
                let mut headers = vec!["when", "action", "user", "result"];
                if agents.len() > 1 {
                    headers.push("agent");
                }
                let rows: Vec<Vec<String>> = records
                    .iter()
                    .map(|r| {
                        let e = &r.entry;
                        let result = [
                            Some(e.result.clone()),
                            e.verified_by.clone().map(|v| format!("verified: {v}")),
                            e.ticket.clone().map(|t| format!("ticket {t}")),
                            Some(detail(e)).filter(|d| !d.is_empty()),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                        let mut row = vec![
                            crate::output::local_time(&e.at),
                            e.action.clone(),
                            e.target.upn.clone(),
                            result,
                        ];
                        if agents.len() > 1 {
                            row.push(e.agent.clone());
                        }
                        row
                    })
                    .collect();
                return ctx.emit(ctx.out.records(&headers, &rows, &records));
            }
            let rows: Vec<Vec<String>> = records
                .iter()
                .map(|r| {
                    let e = &r.entry;
                    vec![
                        e.at.clone(),
                        e.agent.clone(),
                        e.action.clone(),
                        e.target.upn.clone(),
                        e.result.clone(),
                        e.ticket.clone().unwrap_or_default(),
                        e.verified_by.clone().unwrap_or_default(),
                        detail(e),
                        e.request_id.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            ctx.emit(ctx.out.records(
                &["time", "agent", "action", "user", "result", "ticket", "verified", "detail", "request-id"],
                &rows,
                &records,
            ))
        }
    }
}
