//! `care bulk phone-set|passcode-issue|session-revoke|method-reset|status`: the same changes as
//! the single commands, for every row of a CSV, safe to run again.

mod run;
mod status;

use super::Verb;
use super::ctx::Ctx;
use super::oncall;
use crate::bulk::input::{Checks, InputError, Reader};
use crate::bulk::job::{self, Preflight};
use crate::bulk::journal::{self, Journal, Record, Resume};
use crate::bulk::report::{CodeKind, Codes, Report, RowResult, Summary, counted, thousands};
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
        path: "bulk qr-issue",
        change: false,
        examples: &[
            "care bulk qr-issue --file bus-drivers.csv --codes-out pins.csv --badges badges --yes --approved-by \"Dana Ortiz\" --reason \"Transportation before 2027-02-01\"",
        ],
    },
    Verb {
        path: "bulk passkey-provision",
        change: false,
        examples: &[
            "care bulk passkey-provision --file no-smartphone.csv --codes-out key-pins.csv --yes --approved-by \"Dana Ortiz\" --reason \"Security keys before 2027-02-01\"",
        ],
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
    /// Make each row's user a QR code + PIN badge (Graph v1.0): the PINs go to --codes-out
    /// only, the badges to --badges (one PNG each, and printable sheets of four). Columns: user
    #[command(after_long_help = COMMON)]
    QrIssue(QrIssueArgs),
    /// Make each row's user a passkey on a new security key from the box, one key at a time
    /// (care asks for the next key); the PINs care sets on the keys go to --codes-out only.
    /// Columns: user
    #[command(after_long_help = COMMON)]
    PasskeyProvision(PasskeyProvisionArgs),
    /// Bulk jobs in the state dir: how far each got (or one job in detail)
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct JobArgs {
    /// The file: a CSV (comma-, semicolon- or tab-separated) or a workbook (.xlsx, .xls,
    /// .ods), or - for standard input
    #[arg(long, value_name = "FILE")]
    file: PathBuf,
    /// The sheet of a workbook to read [default: the first]
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
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
pub struct QrIssueArgs {
    #[command(flatten)]
    job: JobArgs,
    /// Where the PINs go: a new CSV file, created readable only by you, never overwritten
    #[arg(long, value_name = "FILE", required_unless_present_any = ["check", "dry_run"])]
    codes_out: Option<PathBuf>,
    /// A new folder (private) for the badges: one PNG each, and sheet-1.png … to print
    #[arg(long, value_name = "DIR", required_unless_present_any = ["check", "dry_run"])]
    badges: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PasskeyProvisionArgs {
    #[command(flatten)]
    job: JobArgs,
    /// Where the keys' new PINs go: a new CSV file, created readable only by you, never overwritten
    #[arg(long, value_name = "FILE", required_unless_present_any = ["check", "dry_run"])]
    codes_out: Option<PathBuf>,
    /// Make them with care's software key, the sandbox's training key, instead of keys from
    /// the box (refused against a real tenant)
    #[arg(long)]
    software: bool,
}

/// What a job takes besides its rows and its flags.
#[derive(Default)]
pub(super) struct Extra {
    /// Where national numbers are read (phone-set).
    region: Option<String>,
    /// The file codes and PINs go to.
    codes_out: Option<PathBuf>,
    /// The folder badges go to (qr-issue).
    badges: Option<PathBuf>,
    /// Passes for every sign-in until they expire (passcode-issue).
    multi_use: bool,
    /// Each row's authenticator (passkey-provision).
    keys: Option<crate::ops::passkey::KeyFor>,
    /// One row at a time, with no progress bar: the agent is asked for each row's key.
    one_at_a_time: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A job's name (as `care bulk status` lists them)
    job: Option<String>,
}

pub async fn run(ctx: &Ctx, cmd: BulkCommand) -> Result<(), Error> {
    match cmd {
        BulkCommand::PhoneSet(a) => {
            let extra = Extra {
                region: a.region,
                ..Extra::default()
            };
            run::run_job(ctx, Action::PhoneSet, a.job, extra).await
        }
        BulkCommand::PasscodeIssue(a) => {
            let extra = Extra {
                codes_out: a.codes_out,
                multi_use: a.multi_use,
                ..Extra::default()
            };
            run::run_job(ctx, Action::PasscodeIssue, a.job, extra).await
        }
        BulkCommand::SessionRevoke(a) => {
            run::run_job(ctx, Action::SessionRevoke, a, Extra::default()).await
        }
        BulkCommand::MethodReset(a) => {
            run::run_job(ctx, Action::MethodReset, a, Extra::default()).await
        }
        BulkCommand::QrIssue(a) => {
            let extra = Extra {
                codes_out: a.codes_out,
                badges: a.badges,
                ..Extra::default()
            };
            run::run_job(ctx, Action::QrIssue, a.job, extra).await
        }
        BulkCommand::PasskeyProvision(a) => {
            if !a.software && a.job.file.as_os_str() == "-" {
                return Err(Error::usage_hint(
                    "a box of security keys is asked for on standard input, so the file can't come from it",
                    "give the roster as a file: --file roster.csv",
                ));
            }
            // a check reads the file only; the keys are asked for when a run needs them
            let keys = match a.job.check {
                true => None,
                false => Some(super::passkey::keys_for_bulk(ctx, a.software).await?),
            };
            let extra = Extra {
                codes_out: a.codes_out,
                keys,
                one_at_a_time: !a.software,
                ..Extra::default()
            };
            run::run_job(ctx, Action::PasskeyProvision, a.job, extra).await
        }
        BulkCommand::Status(a) => status::status(ctx, a),
    }
}
