//! `care readiness`: who will be stopped on 2027-02-01 (SMS/voice only), by school, with the
//! days left and the next step for each person; each run kept as a snapshot, `--history` shows
//! the trend toward zero.

use super::Verb;
use super::ctx::Ctx;
use crate::connect::recent;
use crate::error::Error;
use crate::ops::readiness::{self, NextStep, Snapshot};
use crate::output::sanitize;
use clap::Args;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "readiness",
    change: false,
    examples: &[
        "care readiness",
        "care readiness --school \"Cedar Grove\"",
        "care readiness -o csv > outreach.csv",
        "care readiness --history",
    ],
}];

/// Microsoft-provided SMS and voice MFA end on 2027-02-01: from then on, a user whose only
/// methods are SMS or voice meets a prompt to register a passkey and cannot go on without one.
/// This lists them with the next step for each: a passkey in Authenticator (a mobile phone on
/// file), a QR code + PIN badge (Food Services, Transportation, Facilities: shared devices), or
/// a key fob (no mobile phone, or a substitute). Each run is kept as a snapshot.
#[derive(Debug, Args)]
pub struct ReadinessArgs {
    /// Only the schools or offices whose names start with these words (`cedar`, "cedar grove")
    #[arg(long, value_name = "NAME")]
    pub school: Option<String>,
    /// The snapshots of earlier runs instead: the count toward zero, run by run
    #[arg(long, conflicts_with = "school")]
    pub history: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    user_principal_name: String,
    display_name: String,
    school: String,
    department: String,
    job_title: String,
    methods_registered: Vec<String>,
    phone_numbers: Vec<String>,
    next_step: NextStep,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    at: String,
    school: String,
    people: usize,
    change: Option<i64>,
    days_left: i64,
}

fn snapshots() -> Result<PathBuf, Error> {
    Ok(crate::config::state_dir()?.join("readiness"))
}

fn snapshot_file(ctx: &Ctx) -> Result<PathBuf, Error> {
    let key = recent::tenant_key(&ctx.target()?, &ctx.settings()?.profile);
    Ok(snapshots()?.join(format!("{key}.jsonl")))
}

fn today(ctx: &Ctx) -> Result<jiff::civil::Date, Error> {
    Ok(ctx.config()?.policy.center_now().date())
}

pub async fn run(ctx: &Ctx, args: ReadinessArgs) -> Result<(), Error> {
    if args.history {
        return history(ctx);
    }
    let (people, schools) = super::report::sms_only(ctx, args.school.as_deref()).await?;
    let mut entries: Vec<Entry> = people
        .into_iter()
        .map(|p| Entry {
            next_step: NextStep::of(&p.user, p.has_mobile),
            user_principal_name: p.registration.user_principal_name.unwrap_or_default(),
            display_name: p.registration.user_display_name.unwrap_or_default(),
            school: p.user.office_location.unwrap_or_default(),
            department: p.user.department.unwrap_or_default(),
            job_title: p.user.job_title.unwrap_or_default(),
            methods_registered: p.registration.methods_registered,
            phone_numbers: p.phone_numbers,
        })
        .collect();
    entries.sort_by(|a, b| (&a.school, &a.display_name).cmp(&(&b.school, &b.display_name)));
    let mut by_school: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_step: BTreeMap<NextStep, usize> = BTreeMap::new();
    for e in &entries {
        *by_school.entry(e.school.clone()).or_default() += 1;
        *by_step.entry(e.next_step).or_default() += 1;
    }
    let snapshot = Snapshot {
        at: jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_default()
            .to_string(),
        school: args.school.clone(),
        people: entries.len(),
        by_school: by_school.clone(),
    };
    // a snapshot that can't be kept costs the trend, never the list
    if let Err(e) = readiness::keep(&snapshot_file(ctx)?, &snapshot) {
        ctx.notice(&format!("care: this run's snapshot was not kept: {e}"));
    }
    let school_column = !(ctx.show().people && schools == 1);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            // a directory's line break must not draw a row of its own
            let mut row = vec![sanitize(&e.display_name), sanitize(&e.user_principal_name)];
            if school_column {
                row.push(sanitize(&e.school));
            }
            row.push(
                e.phone_numbers
                    .iter()
                    .map(|n| ctx.show().phone(n))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            row.push(e.next_step.name().to_string());
            row
        })
        .collect();
    let mut headers = vec!["name", "upn"];
    if school_column {
        headers.push("school");
    }
    headers.extend(["phone", "next step"]);
    ctx.emit(ctx.out.records(&headers, &rows, &entries))?;
    if ctx.show().people {
        let n = entries.len();
        let schools: Vec<String> = by_school
            .iter()
            .map(|(school, n)| {
                let school = if school.is_empty() {
                    "no school"
                } else {
                    school
                };
                format!("{n} at {school}")
            })
            .collect();
        ctx.notice(&sanitize(&format!(
            "{n} {} on SMS/voice only{}. Microsoft-provided SMS and voice MFA end {}: from then their sign-in stops at a prompt to register a passkey.",
            if n == 1 { "person relies" } else { "people rely" },
            if schools.is_empty() {
                String::new()
            } else {
                format!(" ({})", schools.join(", "))
            },
            readiness::when(today(ctx)?),
        )));
        if !by_step.is_empty() {
            let steps: Vec<String> = by_step
                .iter()
                .map(|(step, n)| format!("{n} {}", step.offer()))
                .collect();
            ctx.notice(&format!("next steps: {}", steps.join("; ")));
        }
        // fobs to give against the box (when the inventory can be read: a policy-reading role)
        let fobs = by_step.get(&NextStep::KeyFob).copied().unwrap_or_default();
        if fobs > 0
            && let Ok(box_) = ctx.graph().await?.fobs(Some("available")).await
            && box_.len() < fobs
        {
            ctx.notice(&format!(
                "care: {fobs} key fobs suggested, and the box has {} to hand out (care fob list --available): order more, or offer these people a passkey or a QR badge",
                box_.len()
            ));
        }
    }
    Ok(())
}

/// The snapshots, oldest first, each with its change since the one before (of the same
/// schools) and the days that were left.
fn history(ctx: &Ctx) -> Result<(), Error> {
    let path = snapshot_file(ctx)?;
    let kept = readiness::history(&path).map_err(|e| Error::failed(e.to_string(), vec![]))?;
    let mut last: BTreeMap<Option<String>, usize> = BTreeMap::new();
    let rows: Vec<Row> = kept
        .into_iter()
        .map(|s| {
            let day =
                s.at.parse::<jiff::Timestamp>()
                    .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::system()).date())
                    .unwrap_or_default();
            let change = last
                .insert(s.school.clone(), s.people)
                .map(|before| s.people as i64 - before as i64);
            Row {
                at: s.at,
                school: s.school.unwrap_or_else(|| "all".into()),
                people: s.people,
                change,
                days_left: readiness::days_left(day),
            }
        })
        .collect();
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.at.clone(),
                r.school.clone(),
                r.people.to_string(),
                r.change.map(|c| format!("{c:+}")).unwrap_or_default(),
                r.days_left.to_string(),
            ]
        })
        .collect();
    ctx.emit(ctx.out.records(
        &["at", "schools", "people", "change", "days left"],
        &table,
        &rows,
    ))?;
    if rows.is_empty() && ctx.show().people {
        ctx.notice("care: no snapshot yet; each `care readiness` keeps one");
    }
    Ok(())
}
