//! `care bulk phone-set|passcode-issue|session-revoke|method-reset|status`: the same changes as
//! the single commands, for every row of a CSV, safe to run again.

use super::Verb;
use super::ctx::Ctx;
use crate::bulk::input::{Checks, InputError, Reader};
use crate::bulk::job::{self, Preflight};
use crate::bulk::journal::{self, Journal, Record, Resume};
use crate::bulk::report::{Codes, Report, RowResult, Summary, thousands};
use crate::bulk::run::{Engine, Event, Item};
use crate::bulk::{Action, Outcome};
use crate::error::Error;
use crate::graph::client::Pacer;
use crate::graph::model::Rate;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::mpsc;

const COMMON: &str = "\
Every row is checked before the first change: with any invalid row nothing runs (exit 2) unless
--skip-invalid. Every row goes through the same rules and guard as the single command: a
disabled account, a guest, an admin your role can't act on, a shared account or yourself is a
failed row with the reason, nothing sent. The job needs a ticket where the policy asks for one,
and --approved-by and --reason instead of a caller's verification: recorded once in the audit
log, and each row's intent and outcome are recorded under the job's name. Rows are done at most --concurrency at a time, their current state read 20 at a
time, writes paced under the tenant's write limit with headroom left for agents on calls. Each
row ends changed, unchanged (already so), failed (with the reason) or skipped. A journal in the
state dir records each change before and after it is made: a run that was stopped (Ctrl-C) or
killed is finished with --resume, and no row is done twice. Exit 3 when some rows failed.

The file: a header row naming the columns (any case, extra columns ignored), UTF-8 (a BOM is
fine), commas, CRLF or LF, fields quoted where needed. `-` reads standard input.";

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "bulk phone-set",
        change: false,
        examples: &[
            "care bulk phone-set --file carrier-change.csv --check",
            "care bulk phone-set --file carrier-change.csv --dry-run",
            "care bulk phone-set --file carrier-change.csv --yes --report done.csv --ticket INC0012345 --approved-by \"Dana Ortiz\" --reason \"Cedar Grove changes carrier\"",
        ],
    },
    Verb {
        path: "bulk passcode-issue",
        change: false,
        examples: &[
            "care bulk passcode-issue --file new-hires.csv --codes-out codes.csv --yes --approved-by \"Dana Ortiz\" --reason \"new-hire wave\"",
        ],
    },
    Verb {
        path: "bulk session-revoke",
        change: false,
        examples: &[
            "care bulk session-revoke --file leavers.csv --yes --approved-by \"HR (ticket INC0012399)\" --reason \"leavers\"",
        ],
    },
    Verb {
        path: "bulk method-reset",
        change: false,
        examples: &["care bulk method-reset --file reregister.csv --dry-run"],
    },
    Verb {
        path: "bulk status",
        change: false,
        examples: &["care bulk status", "care bulk status phone-set-3f2a9c"],
    },
];

#[derive(Debug, Subcommand)]
pub enum BulkCommand {
    /// Set each row's MFA phone. Columns: user,phone[,type]
    ///
    /// `user` is a UPN or an object id; `phone` is the number as people write it (502-555-0142,
    /// +44 20 7946 0958); `type` is mobile (the default), alternate or office.
    #[command(after_long_help = COMMON)]
    PhoneSet(PhoneSetArgs),
    /// Issue each row's user a Temporary Access Pass; the codes go to --codes-out only.
    /// Columns: user[,lifetime][,start]
    ///
    /// `lifetime` is minutes or a duration (90m, 1h, 8h; default: the tenant policy's);
    /// `start` is when the pass starts working (14:30, 2026-12-01 07:30, or RFC 3339; default
    /// now). Passes are one-time unless --multi-use; a usable pass is replaced.
    #[command(after_long_help = COMMON)]
    PasscodeIssue(PasscodeIssueArgs),
    /// Sign each row's user out everywhere. Columns: user
    #[command(after_long_help = COMMON)]
    SessionRevoke(JobArgs),
    /// Remove every MFA method of each row's user but the password, then sign them out.
    /// Columns: user
    #[command(after_long_help = COMMON)]
    MethodReset(JobArgs),
    /// Bulk jobs in the state dir: how far each got (or one job in detail)
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct JobArgs {
    /// The CSV file, or - for standard input
    #[arg(long, value_name = "FILE")]
    file: PathBuf,
    /// Only check the file (no requests, nothing changed); exit 2 if a row is invalid
    #[arg(long, conflicts_with_all = ["dry_run", "resume"])]
    check: bool,
    /// Read the current state and print what each row would change; change nothing
    #[arg(long)]
    dry_run: bool,
    /// Run the valid rows even if some are invalid (those end as skipped)
    #[arg(long)]
    skip_invalid: bool,
    /// Finish a run of this file that was stopped or killed
    #[arg(long)]
    resume: bool,
    /// Run a file again although its job finished (or start over an unfinished one)
    #[arg(long, conflicts_with = "resume")]
    force: bool,
    /// Rows worked on at once [default: the config's bulk-concurrency, else 8]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    concurrency: Option<u16>,
    /// The backend's write limit, N/SECS [default: the config's bulk-rate, else Graph's 3000/150]
    #[arg(long, value_name = "N/SECS")]
    rate: Option<Rate>,
    /// Percent of the write limit left to agents on calls [default: the config's bulk-headroom, else 20]
    #[arg(long, value_name = "PCT", value_parser = clap::value_parser!(u8).range(0..=90))]
    headroom: Option<u8>,
    /// Write a record per row (user, action, outcome, reason, Graph request-id) to a new file,
    /// readable only by you: CSV, or JSON when the name ends in .json
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Who approved this job (a bulk run has no caller to verify): recorded once in the audit
    /// log, with --reason, and named in every row's record
    #[arg(long, value_name = "NAME")]
    approved_by: Option<String>,
    /// Why the job is run, e.g. "Cedar Grove changes carrier on 12 December"
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct PhoneSetArgs {
    #[command(flatten)]
    job: JobArgs,
    /// Region of numbers without a country code [default: the config's region, else US]
    #[arg(long, value_name = "CC")]
    region: Option<String>,
}

#[derive(Debug, Args)]
pub struct PasscodeIssueArgs {
    #[command(flatten)]
    job: JobArgs,
    /// Where the codes go: a new CSV file, created readable only by you, never overwritten
    #[arg(long, value_name = "FILE", required_unless_present_any = ["check", "dry_run"])]
    codes_out: Option<PathBuf>,
    /// Passes work for every sign-in until they expire (default: one-time)
    #[arg(long)]
    multi_use: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A job's name (as `care bulk status` lists them)
    job: Option<String>,
}

pub async fn run(ctx: &Ctx, cmd: BulkCommand) -> Result<(), Error> {
    match cmd {
        BulkCommand::PhoneSet(a) => {
            run_job(ctx, Action::PhoneSet, a.job, a.region, None, true).await
        }
        BulkCommand::PasscodeIssue(a) => {
            run_job(
                ctx,
                Action::PasscodeIssue,
                a.job,
                None,
                a.codes_out,
                !a.multi_use,
            )
            .await
        }
        BulkCommand::SessionRevoke(a) => {
            run_job(ctx, Action::SessionRevoke, a, None, None, true).await
        }
        BulkCommand::MethodReset(a) => run_job(ctx, Action::MethodReset, a, None, None, true).await,
        BulkCommand::Status(a) => status(ctx, a),
    }
}

#[allow(clippy::too_many_arguments)]
async fn run_job(
    ctx: &Ctx,
    action: Action,
    args: JobArgs,
    region: Option<String>,
    codes_out: Option<PathBuf>,
    one_time: bool,
) -> Result<(), Error> {
    let dir = job::dir()?;
    let settings = ctx.settings()?;
    let checks = Checks {
        region: region.unwrap_or(settings.region.clone()),
        now: jiff::Timestamp::now(),
        tz: jiff::tz::TimeZone::system(),
    };
    let input = job::Input::open(&args.file, &dir)?;
    let pre = {
        let (path, c) = (input.path.clone(), checks.clone());
        // the check is CPU and disk work: off the async threads
        tokio::task::block_in_place(|| {
            Preflight::run(&path, action, &c, |e| {
                ctx.notice(&format!(
                    "line {}: {}{}",
                    e.line,
                    e.user
                        .as_ref()
                        .map(|u| format!("{u}: "))
                        .unwrap_or_default(),
                    e.reason
                ))
            })
        })?
    };
    let (rows, counts) = (pre.rows(), pre.counts(action));
    if args.check {
        ctx.notice(&counts);
        return if pre.invalid > 0 {
            Err(Error::usage_hint(
                format!("{} invalid rows", thousands(pre.invalid)),
                "fix them, or run with --skip-invalid to leave them out",
            ))
        } else {
            Ok(())
        };
    }
    pre.allows_a_run(args.skip_invalid)?;
    let name = pre.name(action, &input);
    let journal_path = journal::path(&dir, &name);
    let again = |flag: &str| {
        format!(
            "care bulk {} --file {}{} {flag}",
            action.name(),
            args.file.display(),
            codes_out
                .as_ref()
                .map(|c| format!(" --codes-out {}", c.display()))
                .unwrap_or_default()
        )
    };
    let resume = match job::earlier(
        &journal_path,
        &name,
        rows,
        (args.resume, args.force, args.dry_run),
        again,
    )? {
        job::Earlier::Run(r) => r,
        job::Earlier::Finished { done } => {
            ctx.notice(&format!(
                "care: job {name} ran to the end already ({} rows done); nothing to resume",
                thousands(done)
            ));
            return Ok(());
        }
        job::Earlier::StartedOver { archived } => {
            ctx.notice(&format!(
                "care: the earlier journal is kept as {}",
                archived.display()
            ));
            Resume::default()
        }
    };
    let approval = job::approval(
        args.approved_by.as_deref(),
        args.reason.as_deref(),
        args.dry_run,
    )?;
    let (report_path, codes_path) = job::outputs(args.report.as_deref(), codes_out.as_deref())?;
    let backend = ctx.backend().await?;
    let job::Pace {
        rate,
        headroom,
        concurrency,
    } = job::Pace::of(args.rate, args.headroom, args.concurrency, ctx.config()?)?;
    let pacer = Arc::new(Pacer::new(
        rate.count,
        rate.per,
        f64::from(headroom) / 100.0,
    ));
    let guard = ctx.guard().await?;
    // the job's ticket, checked once (the policy may require one); a dry run changes nothing
    let ticket = if args.dry_run {
        ctx.ticket()
    } else {
        guard
            .ticket(ctx.ticket().as_deref())
            .map_err(|r| Error::from(crate::change::ChangeError::Refused(r)))?
    };
    let door = crate::change::Door::new(backend.graph.for_bulk(pacer.clone()), guard);
    let door = Arc::new(if args.dry_run { door.dry_run() } else { door });
    let codes = match (&codes_path, args.dry_run) {
        (Some(path), false) => {
            if path.exists() && !(args.resume && resume.started) {
                return Err(Error::usage_hint(
                    format!(
                        "{} exists; care never overwrites a codes file",
                        path.display()
                    ),
                    "name a new file for --codes-out",
                ));
            }
            let c =
                Codes::open(path, args.resume).map_err(|e| Error::failed(e.to_string(), vec![]))?;
            Some((path.clone(), Arc::new(Mutex::new(c))))
        }
        _ => None,
    };
    let todo = pre.valid.saturating_sub(resume.done_rows());
    // Ctrl-C is heard from the moment the plan is shown (the first poll installs the handler):
    // one pressed before the first row stops the run as cleanly as one during it
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let pressed_early = tokio::select! {
        biased;
        _ = &mut ctrl_c => true,
        () = std::future::ready(()) => false,
    };
    if !args.dry_run {
        let earlier = if resume.started {
            format!("; {} done by an earlier run", thousands(resume.done_rows()))
        } else {
            String::new()
        };
        ctx.notice(&format!(
            "{counts}{earlier}; about {:.0} writes a minute ({}% of the write limit left to agents on calls)",
            pacer.rate() * 60.0,
            headroom
        ));
        ctx.confirm(&format!(
            "{}{}?",
            job::question(action, &thousands(todo)),
            if pre.invalid > 0 {
                format!(" ({} invalid rows skipped)", thousands(pre.invalid))
            } else {
                String::new()
            }
        ))?;
    }
    if let Some((approved_by, reason)) = approval.as_ref().filter(|_| !args.dry_run) {
        door.guard()
            .record_job(
                &name,
                &format!(
                    "bulk {} of {} rows from {} (sha256 {})",
                    action.name(),
                    thousands(rows),
                    input.label,
                    &pre.sha256
                ),
                ticket.clone(),
                approved_by,
                reason,
            )
            .map_err(|e| {
                Error::failed(
                    format!("the audit log could not be written, so nothing was sent: {e}"),
                    vec!["fix the state dir (care config path shows where it is), then run the job again".into()],
                )
            })?;
    }
    let journal = if args.dry_run {
        None
    } else {
        let j = Journal::open(&journal_path).map_err(|e| Error::failed(e.to_string(), vec![]))?;
        j.append(&Record::Start {
            job: name.clone(),
            action,
            input: input.label.clone(),
            sha256: pre.sha256.clone(),
            rows,
            at: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .unwrap_or_default()
                .to_string(),
        })
        .await
        .map_err(|e| Error::failed(e.to_string(), vec![]))?;
        Some(Arc::new(j))
    };
    let stop = Arc::new(AtomicBool::new(pressed_early));
    let fatal = Arc::new(Mutex::new(None));
    let engine = Arc::new(Engine {
        door,
        job: crate::change::Job {
            id: name.clone(),
            ticket,
        },
        action,
        journal: journal.clone(),
        resume: Arc::new(resume),
        codes,
        one_time,
        region: checks.region.clone(),
        dry_run: args.dry_run,
        concurrency,
        stop: stop.clone(),
        fatal: fatal.clone(),
    });
    // the rows, read a second time on their own thread
    let (tx, items) = mpsc::channel::<Item>(256);
    let reader = {
        let (path, checks) = (input.path.clone(), checks.clone());
        std::thread::spawn(move || -> Result<(), InputError> {
            let mut r = Reader::open(&path, action, checks)?;
            while let Some(row) = r.next() {
                let item = match row? {
                    Ok(row) => Item::Row(row),
                    Err(e) => Item::Invalid(e),
                };
                if tx.blocking_send(item).is_err() {
                    break;
                }
            }
            Ok(())
        })
    };
    let (etx, mut events) = mpsc::unbounded_channel();
    let started = Instant::now();
    let running = tokio::spawn(engine.clone().run(items, etx));
    let mut summary = Summary::new(&name, action, rows);
    let mut report = match &report_path {
        Some(p) => Some(Report::create(p).map_err(|e| Error::failed(e.to_string(), vec![]))?),
        None => None,
    };
    let bar = if ctx.term.interactive && !args.dry_run {
        indicatif::ProgressBar::new(pre.valid + pre.invalid)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {bar:30} {pos}/{len} rows · {per_sec} · ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut plan_rows: Vec<Vec<String>> = vec![];
    let mut plan_json: Vec<RowResult> = vec![];
    // a Ctrl-C already heard is not listened for again (its future has completed)
    let mut interrupted = pressed_early;
    loop {
        let event = tokio::select! {
            e = events.recv() => e,
            _ = &mut ctrl_c, if !interrupted => {
                interrupted = true;
                stop.store(true, Ordering::SeqCst);
                bar.suspend(|| ctx.notice("care: stopping after the rows in flight (Ctrl-C again kills care; --resume finishes the job either way)"));
                continue;
            }
        };
        let Some(event) = event else { break };
        match event {
            Event::AlreadyDone => {
                summary.done_before += 1;
                bar.inc(1);
            }
            Event::Would(r) => {
                summary.count(r.outcome);
                plan_rows.push(vec![
                    r.line.to_string(),
                    r.user.clone(),
                    match r.outcome {
                        Outcome::Changed => "would change",
                        Outcome::Unchanged => "already so",
                        Outcome::Failed => "would fail",
                        Outcome::Skipped => "skipped",
                    }
                    .to_string(),
                    r.reason.clone().unwrap_or_default(),
                ]);
                plan_json.push(r);
            }
            Event::Done(r) => {
                summary.count(r.outcome);
                bar.inc(1);
                if r.outcome == Outcome::Failed {
                    bar.set_message(format!(
                        "· {} failed",
                        thousands(summary.of(Outcome::Failed))
                    ));
                    bar.suspend(|| {
                        ctx.notice(&format!(
                            "line {}: {}: failed: {}",
                            r.line,
                            r.user,
                            r.reason.as_deref().unwrap_or_default()
                        ))
                    });
                }
                if let Some(rep) = report.as_mut() {
                    rep.add(&r)
                        .map_err(|e| Error::failed(e.to_string(), vec![]))?;
                }
            }
        }
    }
    let _ = running.await;
    bar.finish_and_clear();
    if let Ok(Err(e)) = reader.join() {
        return Err(job::JobError::from(e).into());
    }
    summary.seconds = started.elapsed().as_secs_f64();
    summary.interrupted = stop.load(Ordering::SeqCst);
    if let Some(j) = &journal {
        let _ = j
            .append(&Record::End {
                at: jiff::Timestamp::now()
                    .round(jiff::Unit::Second)
                    .unwrap_or_default()
                    .to_string(),
                interrupted: summary.interrupted,
            })
            .await;
    }
    if let Some(rep) = report {
        rep.finish()
            .map_err(|e| Error::failed(e.to_string(), vec![]))?;
    }
    if args.dry_run {
        plan_rows.sort_by_key(|r| r[0].parse::<u64>().unwrap_or(0));
        plan_json.sort_by_key(|r| r.line);
        ctx.emit(
            ctx.out
                .records(&["line", "user", "plan", "detail"], &plan_rows, &plan_json),
        )?;
        ctx.notice(&format!(
            "{counts}; dry run: {} would change, {} already so, {} would fail, {} skipped; nothing was changed",
            thousands(summary.of(Outcome::Changed)),
            thousands(summary.of(Outcome::Unchanged)),
            thousands(summary.of(Outcome::Failed)),
            thousands(summary.of(Outcome::Skipped)),
        ));
        return Ok(());
    }
    let done_now: u64 = Outcome::ALL.iter().map(|o| summary.of(*o)).sum();
    ctx.notice(&format!(
        "{}: {} in {:.1} s ({:.1} rows/s){}",
        name,
        summary.counts_text(),
        summary.seconds,
        done_now as f64 / summary.seconds.max(0.001),
        if summary.done_before > 0 {
            format!("; {} done earlier", thousands(summary.done_before))
        } else {
            String::new()
        }
    ));
    if ctx.out.format() == crate::output::Format::Json {
        ctx.emit(ctx.out.json(&summary))?;
    }
    if let Some((why, denied)) = fatal.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let message = format!("job {name} stopped: {why}");
        let hints = vec![format!(
            "fix the cause, then finish it: {}",
            again("--resume")
        )];
        return Err(if denied {
            Error::NotSignedIn { message, hints }
        } else {
            Error::failed(message, hints)
        });
    }
    if summary.interrupted {
        ctx.notice(&format!(
            "care: job {name} stopped; finish it with: {}",
            again("--resume")
        ));
        return Err(Error::Cancelled);
    }
    if summary.of(Outcome::Failed) > 0 {
        return Err(Error::Partial {
            message: format!(
                "{} of {} rows failed",
                thousands(summary.of(Outcome::Failed)),
                thousands(rows)
            ),
            hints: vec![match &args.report {
                Some(p) => format!("the reasons are in {}", p.display()),
                None => "the reasons are above; --report FILE keeps them".into(),
            }],
        });
    }
    Ok(())
}

fn status(ctx: &Ctx, args: StatusArgs) -> Result<(), Error> {
    let dir = job::dir()?;
    let mut jobs: Vec<(String, Resume, bool)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            // an archived journal (name.TIMESTAMP) is history, not a job
            if name.contains('.') {
                return None;
            }
            let r = Resume::read(&p).ok()?;
            let running = std::fs::OpenOptions::new()
                .append(true)
                .open(p.with_extension("lock"))
                .is_ok_and(|f| f.try_lock().is_err());
            Some((name, r, running))
        })
        .filter(|(n, _, _)| args.job.as_ref().is_none_or(|j| j == n))
        .collect();
    jobs.sort_by(|a, b| b.1.last_at.cmp(&a.1.last_at));
    if let Some(j) = &args.job
        && jobs.is_empty()
    {
        return Err(Error::NotFound {
            message: format!("no bulk job named {j}"),
            hints: vec!["list them with `care bulk status`".into()],
        });
    }
    let rows: Vec<Vec<String>> = jobs
        .iter()
        .map(|(name, r, running)| {
            let (input, total) = match &r.start {
                Some(Record::Start { input, rows, .. }) => (input.clone(), *rows),
                _ => (String::new(), 0),
            };
            let state = if *running {
                "running"
            } else if r.finished {
                "finished"
            } else {
                "stopped: --resume finishes it"
            };
            let counts: Vec<String> = Outcome::ALL
                .iter()
                .map(|o| format!("{} {}", r.counts.get(o).copied().unwrap_or(0), o.as_str()))
                .collect();
            vec![
                name.clone(),
                state.to_string(),
                format!("{} of {}", r.done_rows(), total),
                counts.join(", "),
                if r.in_flight.is_empty() {
                    String::new()
                } else {
                    format!("{} in flight", r.in_flight.len())
                },
                r.last_at.clone().unwrap_or_default(),
                input,
            ]
        })
        .collect();
    let json: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({"job": r[0], "state": r[1], "done": r[2], "outcomes": r[3],
                "inFlight": r[4], "last": r[5], "input": r[6]})
        })
        .collect();
    if rows.is_empty() {
        ctx.notice("no bulk jobs yet");
    }
    ctx.emit(ctx.out.records(
        &[
            "job",
            "state",
            "rows done",
            "outcomes",
            "",
            "last run",
            "input",
        ],
        &rows,
        &json,
    ))
}
