//! `care report sms-only`: who still relies on SMS/voice, to move to passkeys in time.

use super::Verb;
use super::ctx::Ctx;
use super::report_calls::{self, CallsArgs};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::{PhoneType, User, UserRegistrationDetails};
use crate::ops::find;
use crate::ops::readiness::{CUTOVER, phone_only};
use crate::output::sanitize;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "report sms-only",
        change: false,
        examples: &[
            "care report sms-only --school \"Cedar Grove\"",
            "care report sms-only -o csv > sms-only.csv",
        ],
    },
    Verb {
        path: "report calls",
        change: false,
        examples: &[
            "care report calls --since 7d",
            "care report calls --since 30d --by agent --cost-per-call 4.50",
            "care report calls --log dana.json --log luis.json --html week.html",
        ],
    },
    Verb {
        path: "report fraud",
        change: false,
        examples: &["care report fraud --since 30d", "care report fraud -o json"],
    },
];

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Users whose only MFA methods are phones (SMS/voice retire on 2027-02-01)
    SmsOnly(SmsOnlyArgs),
    /// The center's calls: how many, how long, what they changed, how many were resolved on
    /// the first call (proved from the tenant), repeat callers, refusals and overrides, cost
    Calls(CallsArgs),
    /// Impostors stopped, per week: failed verifications, changes a red flag stopped, other
    /// refusals and overrides with their reasons (this machine's audit log; on the sandbox also
    /// its seeded week), and MFA prompts users reported as fraud (the tenant's sign-in log)
    Fraud(FraudArgs),
}

#[derive(Debug, Args)]
pub struct FraudArgs {
    /// How far back: a duration (30d, 2w) or a time (2026-11-01)
    #[arg(long, value_name = "WHEN", default_value = "30d")]
    pub since: String,
}

#[derive(Debug, Args)]
pub struct SmsOnlyArgs {
    /// Only the schools or offices whose names start with these words (`cedar`, "cedar grove")
    #[arg(long, value_name = "NAME")]
    pub school: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    user_principal_name: String,
    display_name: String,
    school: String,
    methods_registered: Vec<String>,
    /// The user's MFA phone numbers as Graph writes them (none when they could not be read).
    phone_numbers: Vec<String>,
}

/// The schools `query` means (like the finder: case, accents, prefixes, any words); every
/// school for no query. A query that matches no school is an error naming the schools there are.
fn schools<'a>(staff: &'a [User], query: Option<&str>) -> Result<BTreeSet<&'a str>, Error> {
    let all: BTreeSet<&str> = staff
        .iter()
        .map(|u| u.office_location.as_deref().unwrap_or_default())
        .collect();
    let Some(query) = query else { return Ok(all) };
    let words = find::words(query);
    if words.is_empty() {
        return Err(Error::usage_hint(
            format!("--school '{query}' has no letters or digits to match"),
            "give a word of the school's name, e.g. --school cedar",
        ));
    }
    let matched: BTreeSet<&str> = all
        .iter()
        .copied()
        .filter(|s| find::matches_words(s, &words))
        .collect();
    if matched.is_empty() {
        let known: Vec<&str> = all.into_iter().filter(|s| !s.is_empty()).collect();
        return Err(Error::NotFound {
            message: format!("no school or office matches '{}'", query.trim()),
            // one line: a school's line break must not start a line of its own
            hints: vec![sanitize(&format!(
                "the schools and offices are: {}",
                known.join(", ")
            ))],
        });
    }
    Ok(matched)
}

/// A person registered for MFA with phones only, and their MFA phone numbers.
pub struct SmsOnly {
    pub user: User,
    pub registration: UserRegistrationDetails,
    /// As Graph writes them (none when they could not be read).
    pub phone_numbers: Vec<String>,
    pub has_mobile: bool,
}

/// The people who rely on SMS/voice only, in the schools `school` means (every school for
/// none), and how many schools that is: the registration report, the staff and each one's
/// phones, read concurrently.
pub async fn sms_only(ctx: &Ctx, school: Option<&str>) -> Result<(Vec<SmsOnly>, usize), Error> {
    let graph = ctx.graph().await?;
    let (report, staff) = tokio::join!(
        graph.registrations(Some("isMfaRegistered eq true")),
        graph.staff()
    );
    let (report, staff) = (report?, staff?);
    let wanted = schools(&staff, school)?;
    let by_id: HashMap<&str, &User> = staff
        .iter()
        .filter(|u| wanted.contains(u.office_location.as_deref().unwrap_or_default()))
        .map(|u| (u.id.as_str(), u))
        .collect();
    let found: Vec<(&UserRegistrationDetails, &User)> = report
        .iter()
        .filter(|r| phone_only(r))
        .filter_map(|r| Some((r, *by_id.get(r.id.as_str())?)))
        .collect();
    let keys: Vec<UserRef> = found.iter().map(|(_, u)| UserRef::of(u)).collect();
    let phones = graph.phones_of(&keys).await?;
    let people = found
        .into_iter()
        .zip(phones)
        .map(|((r, user), phones)| {
            let phones = phones.unwrap_or_default();
            SmsOnly {
                has_mobile: phones.iter().any(|p| p.phone_type != PhoneType::Office),
                phone_numbers: phones.into_iter().map(|p| p.phone_number).collect(),
                user: user.clone(),
                registration: r.clone(),
            }
        })
        .collect();
    Ok((people, wanted.len()))
}

pub async fn run(ctx: &Ctx, cmd: ReportCommand) -> Result<(), Error> {
    match cmd {
        ReportCommand::SmsOnly(args) => sms_only_report(ctx, args).await,
        ReportCommand::Fraud(args) => fraud(ctx, args).await,
        ReportCommand::Calls(args) => report_calls::calls(ctx, args).await,
    }
}

/// `care report fraud`: the weeks since `--since`.
async fn fraud(ctx: &Ctx, args: FraudArgs) -> Result<(), Error> {
    let since = super::audit::since(&args.since)?;
    let records = super::audit::report_records(ctx, vec![], since).await?;
    let graph = ctx.graph().await?;
    // the prompts users reported as fraud: the denied sign-ins (500121) the tenant logged
    // /beta first: its MFA detail is where Entra says a prompt was reported as fraud
    let signins = match graph
        .signins("status/errorCode eq 500121", since, 5000)
        .await
    {
        Ok(s) => s,
        Err(e) => {
            ctx.notice(&format!(
                "care: the tenant's sign-in log could not be read ({e}); prompts reported as fraud are not counted"
            ));
            vec![]
        }
    };
    let tz = ctx.config()?.policy.center_now().time_zone().clone();
    let weeks = crate::ops::fraud::weeks(&records, &signins, since, &tz);
    if ctx.out.format() == crate::output::Format::Json {
        return ctx.emit(ctx.out.json(&serde_json::json!({
            "since": since.to_string(),
            "weeks": weeks,
        })));
    }
    if weeks.is_empty() && ctx.show().people {
        ctx.notice(&format!(
            "nothing since {}: no failed verification, refusal, override or prompt reported as fraud",
            ctx.show().time(&since.to_string())
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = weeks
        .iter()
        .map(|w| {
            vec![
                w.week.clone(),
                w.failed_verifications.to_string(),
                w.stopped.to_string(),
                w.other_refusals.to_string(),
                w.overrides.len().to_string(),
                w.fraud_reports.len().to_string(),
            ]
        })
        .collect();
    ctx.emit(ctx.out.records(
        // short, so the table fits 80 columns: the README says what each counts
        &[
            "week",
            "not verified",
            "stopped",
            "refused",
            "overrides",
            "reported fraud",
        ],
        &rows,
        &weeks,
    ))?;
    // on a terminal: who overrode what, and why; who reported a prompt
    if ctx.show().people {
        // in the order they happened
        let mut lines: Vec<(&str, String)> = vec![];
        for w in &weeks {
            for h in &w.held {
                let what = match h.action.as_str() {
                    "verify" => "not verified".to_string(),
                    action => format!("stopped {action}"),
                };
                lines.push((
                    &h.at,
                    sanitize(&format!(
                        "{what} {} · {} · {}: {}",
                        ctx.show().time(&h.at),
                        h.agent,
                        h.user,
                        h.detail
                    )),
                ));
            }
            for o in &w.overrides {
                lines.push((
                    &o.at,
                    sanitize(&format!(
                        "override {} · {} · {} for {}: {}",
                        ctx.show().time(&o.at),
                        o.agent,
                        o.action,
                        o.user,
                        o.reason
                    )),
                ));
            }
            for r in &w.fraud_reports {
                lines.push((
                    &r.at,
                    sanitize(&format!(
                        "reported as fraud {} · {}{}",
                        ctx.show().time(&r.at),
                        r.user,
                        r.ip_address
                            .as_deref()
                            .map(|ip| format!(" (the prompt came from {ip})"))
                            .unwrap_or_default()
                    )),
                ));
            }
        }
        if !lines.is_empty() {
            lines.sort_by_key(|(at, _)| at.parse::<jiff::Timestamp>().ok());
            let mut shown = vec![String::new()];
            shown.extend(lines.into_iter().map(|(_, line)| line));
            ctx.emit(ctx.out.lines(&shown))?;
        }
    }
    Ok(())
}

async fn sms_only_report(ctx: &Ctx, args: SmsOnlyArgs) -> Result<(), Error> {
    let (people, schools) = sms_only(ctx, args.school.as_deref()).await?;
    let mut entries: Vec<Entry> = people
        .into_iter()
        .map(|p| Entry {
            user_principal_name: p.registration.user_principal_name.unwrap_or_default(),
            display_name: p.registration.user_display_name.unwrap_or_default(),
            school: p.user.office_location.unwrap_or_default(),
            methods_registered: p.registration.methods_registered,
            phone_numbers: p.phone_numbers,
        })
        .collect();
    entries.sort_by(|a, b| (&a.school, &a.display_name).cmp(&(&b.school, &b.display_name)));
    // the methods (phones, by the report's nature) only where there is room for them
    let room = !ctx.show().people || ctx.out.width().is_none_or(|w| w >= 120);
    // one school asked for: a terminal names it once, in the count below the table
    let school_column = !(ctx.show().people && schools == 1);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            // a directory's line break must not draw a row of its own
            let mut row = vec![sanitize(&e.display_name), sanitize(&e.user_principal_name)];
            if school_column {
                row.push(sanitize(&e.school));
            }
            row.extend([
                // a table wraps this cell only between numbers
                e.phone_numbers
                    .iter()
                    .map(|n| ctx.show().phone(n))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
            if room {
                row.push(ctx.show().words(&e.methods_registered));
            }
            row
        })
        .collect();
    let mut headers = vec!["name", "upn"];
    if school_column {
        headers.push("school");
    }
    headers.push("phone");
    if room {
        headers.push("methods");
    }
    ctx.emit(ctx.out.records(&headers, &rows, &entries))?;
    if ctx.show().people {
        let mut per_school: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &entries {
            *per_school.entry(e.school.as_str()).or_default() += 1;
        }
        let counts: Vec<String> = per_school
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
        let n = entries.len();
        ctx.notice(&sanitize(&format!(
            "{n} {} on SMS/voice only{}; Microsoft-provided SMS and voice MFA retire on {CUTOVER}",
            if n == 1 {
                "person relies"
            } else {
                "people rely"
            },
            if counts.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts.join(", "))
            }
        )));
    }
    Ok(())
}
