//! `care audit list|verify`: the local audit log of changes made on this machine.

use super::Verb;
use super::ctx::Ctx;
use super::oncall;
use crate::error::Error;
use crate::guard::Guard;
use crate::guard::audit::{AuditLog, Record};
use crate::guard::reconcile::{self, Ours};
use clap::{Args, Subcommand};
use jiff::Timestamp;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "audit list",
        change: false,
        examples: &[
            "care audit list --since 24h",
            "care audit list --user maria.garcia@district.example -o json",
        ],
    },
    Verb {
        path: "audit export",
        change: false,
        examples: &[
            "care audit export --since 7d > dana-week.jsonl",
            "care report calls --log dana-week.jsonl --log luis-week.jsonl",
        ],
    },
    Verb {
        path: "audit verify",
        change: false,
        examples: &["care audit verify"],
    },
    Verb {
        path: "audit reconcile",
        change: false,
        examples: &[
            "care audit reconcile                        # the last 7 days against the tenant's log",
            "care audit reconcile --since 24h -o csv",
        ],
    },
];

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// The records, oldest first (filtered)
    List(ListArgs),
    /// The records as they are kept (one JSON object a line, chain fields and all), for
    /// `care report calls --log` on a lead's machine
    Export(ListArgs),
    /// Check the hash chain: finds an edited, inserted or deleted record, and records cut from
    /// the end (exit 1)
    Verify,
    /// Hold this log against the tenant's own audit log (directoryAudits), which no agent can
    /// rewrite: changes by care's app or by you that have no record here, successes here the
    /// tenant never saw, intents with no outcome (exit 1 when anything does not match)
    Reconcile(ReconcileArgs),
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// How far back: a duration (24h, 7d) or a time (2026-11-28, RFC 3339); the tenant keeps
    /// 7 days (Entra ID Free) or 30 (P1/P2)
    #[arg(long, value_name = "WHEN", default_value = "7d")]
    since: String,
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

pub(super) fn log() -> Result<AuditLog, Error> {
    Ok(AuditLog::new(&crate::config::state_dir()?))
}

/// The names of the tenant `guard` acts on: as configured (a domain or an id) and the id in
/// the token (records written under either are this tenant's).
async fn tenant_names(ctx: &Ctx, guard: &Guard) -> Vec<String> {
    let mut names = vec![guard.tenant.clone()];
    if let Ok(graph) = ctx.graph().await
        && let Ok(token) = graph.access_token().await
        && let Some(tid) =
            crate::auth::oauth::claims(&token).and_then(|c| c["tid"].as_str().map(str::to_owned))
    {
        names.push(tid);
    }
    names
}

/// Of `records`, those of the tenant named `names` (a machine may hold the sandbox's and a
/// real tenant's); how many since `since` were of another is said.
fn of_tenant(ctx: &Ctx, names: &[String], records: Vec<Record>, since: Timestamp) -> Vec<Record> {
    let (mine, others): (Vec<Record>, Vec<Record>) = records.into_iter().partition(|r| {
        names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&r.entry.tenant))
    });
    let left_out = others
        .iter()
        .filter(|r| r.entry.at.parse::<Timestamp>().is_ok_and(|t| t >= since))
        .count();
    if left_out > 0 {
        ctx.notice(&format!(
            "care: {} of another tenant left out (this one is {})",
            crate::output::counted(left_out as u64, "record"),
            names[0]
        ));
    }
    mine
}

/// What a report on the connected tenant reads: this machine's records and `more` (other
/// agents' exported records), each once, of this tenant only; on a sandbox also its seeded
/// week at the center.
pub(super) async fn report_records(
    ctx: &Ctx,
    more: Vec<Record>,
    since: Timestamp,
) -> Result<Vec<Record>, Error> {
    // connected first: a new embedded sandbox writes its week
    let guard = oncall::guard(ctx).await?;
    let mut records = log()?
        .records()
        .map_err(|e| Error::failed(format!("the audit log can't be read: {e}"), vec![]))?;
    records.extend(more);
    if guard.sandbox {
        let week = crate::connect::training::week_of(&guard.tenant)?;
        if !week.is_empty()
            && ctx.term.interactive
            && crate::ui::first_in_terminal_session("sandbox-week")
        {
            ctx.notice("care: the sandbox's seeded week at the center counts with your own records (it is not in your audit log; care sandbox reset writes it anew)");
        }
        records.extend(week);
    }
    // the same record read twice (a log given that is this machine's) counts once
    let mut seen = std::collections::HashSet::new();
    records.retain(|r| seen.insert(r.hash.clone()));
    let names = tenant_names(ctx, &guard).await;
    Ok(of_tenant(ctx, &names, records, since))
}

/// A `--since` (every command's): a duration back from now (90m, 24h, 7d, 1d 12h; a day is
/// 24 hours) or a time.
pub(super) fn since(text: &str) -> Result<Timestamp, Error> {
    let t = text.trim();
    if let Ok(span) = t.parse::<jiff::Span>()
        && let Ok(d) = span.to_duration(jiff::SpanRelativeTo::days_are_24_hours())
    {
        return Timestamp::now().checked_sub(d.abs()).map_err(|_| {
            Error::usage_hint(
                format!("'{t}' reaches back before any record"),
                "use 24h, 7d, 2026-11-28 or 2026-11-28T09:00:00Z",
            )
        });
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

/// The records `a` selects, oldest first.
fn matching(log: &AuditLog, a: &ListArgs) -> Result<Vec<Record>, Error> {
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
    Ok(log
        .records()
        .map_err(|e| Error::failed(e.to_string(), vec![]))?
        .into_iter()
        .filter(matches)
        .collect())
}

pub async fn run(ctx: &Ctx, cmd: AuditCommand) -> Result<(), Error> {
    let log = log()?;
    match cmd {
        AuditCommand::Reconcile(a) => reconcile(ctx, &log, &a).await,
        AuditCommand::Verify => match log.verify() {
            Ok(v) => {
                ctx.notice(&format!(
                    "{}: {} records; the chain is intact",
                    log.path().display(),
                    v.records
                ));
                if let Some(note) = v.note {
                    ctx.notice(&format!("note: {note}"));
                }
                ctx.notice("a log rewritten whole with a new chain reads as intact here: `care audit reconcile` compares it with the tenant's own audit log");
                Ok(())
            }
            Err(e) => Err(Error::failed(
                e.to_string(),
                vec!["the log was changed outside care: keep a copy for investigation, and compare it with Entra's own audit log (directoryAudits)".into()],
            )),
        },
        AuditCommand::Export(a) => {
            let mut text = String::new();
            for r in matching(&log, &a)? {
                text.push_str(&serde_json::to_string(&r).unwrap_or_default());
                text.push('\n');
            }
            ctx.emit(ctx.out.raw(&text))
        }
        AuditCommand::List(a) => {
            let records = matching(&log, &a)?;
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

async fn reconcile(ctx: &Ctx, log: &AuditLog, args: &ReconcileArgs) -> Result<(), Error> {
    let from = since(&args.since)?;
    let guard = oncall::guard(ctx).await?;
    let settings = ctx.settings()?;
    let ours = Ours {
        client_id: guard
            .agent
            .name
            .strip_prefix("app ")
            .map(str::to_owned)
            .or(settings.client_id.clone()),
        agent: (!guard.agent.app).then(|| guard.agent.name.clone()),
    };
    let local = of_tenant(
        ctx,
        &tenant_names(ctx, &guard).await,
        log.records()
            .map_err(|e| Error::failed(e.to_string(), vec![]))?,
        from,
    );
    let tenant = ctx.graph().await?.directory_audits(from).await?;
    let found = reconcile::reconcile(&local, &tenant, &ours, from, Timestamp::now());
    let rows: Vec<Vec<String>> = found
        .mismatches
        .iter()
        .map(|m| {
            vec![
                m.finding.words().to_string(),
                ctx.show().time(&m.at),
                m.user.clone(),
                m.change.clone(),
                m.detail.clone(),
            ]
        })
        .collect();
    if !rows.is_empty() || ctx.out.format() != crate::output::Format::Table {
        ctx.emit(ctx.out.records(
            &["finding", "when", "user", "change", "detail"],
            &rows,
            &found.mismatches,
        ))?;
    }
    ctx.notice(&format!(
        "since {}: {} changes match the tenant's audit log, {} do not{}",
        ctx.show().time(&from.to_string()),
        found.matched,
        found.mismatches.len(),
        if found.too_recent > 0 {
            format!(
                "; {} too recent to expect there yet (its log runs minutes behind)",
                found.too_recent
            )
        } else {
            String::new()
        } + &if found.others > 0 {
            format!(
                "; {} another agent or app made here not held against it",
                crate::output::counted(found.others as u64, "change")
            )
        } else {
            String::new()
        }
    ));
    if found.mismatches.is_empty() {
        return Ok(());
    }
    Err(Error::failed(
        format!(
            "{} changes do not match the tenant's audit log",
            found.mismatches.len()
        ),
        vec!["a change in the tenant with no record here was made on another machine or around care; a success here the tenant never saw, or a log that verifies but does not match, means this log was rewritten: keep a copy and report it".into()],
    ))
}
