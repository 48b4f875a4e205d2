//! `care user show` (the caller card) and `care user search`.

use super::Named;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use crate::error::Error;
use crate::graph::model::{SignIn, User, UserRegistrationDetails};
use crate::ops::card::{self, Card, MethodView, Warning};
use crate::ops::resolve::UserQuery;
use crate::ops::signin;
use crate::ops::words;
use crate::output::{Format, local_time};
use clap::{Args, Subcommand};
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "user show",
        change: false,
        examples: &[
            "care user show maria                       # words of a name are enough",
            "care user show \"garcia cedar\"              # a surname and the school",
            "care user show E997675                     # an employee id",
            "care user show maria.garcia@district.example -o json",
        ],
    },
    Verb {
        path: "user search",
        change: false,
        examples: &["care user search \"garcia\" --limit 5"],
    },
];

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// The caller card: who they are, their MFA methods, pass, recent failures and warnings
    Show(ShowArgs),
    /// Find people by name, mail or UPN
    Search(SearchArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub user: Named,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words of a name, or the start of a mail address or UPN
    pub text: String,
    /// Show at most N people
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub limit: usize,
}

pub async fn run(ctx: &Ctx, cmd: UserCommand) -> Result<(), Error> {
    match cmd {
        UserCommand::Show(a) => show(ctx, &a.user).await,
        UserCommand::Search(a) => search(ctx, &a.text, a.limit).await,
    }
}

/// `-o json` of the card.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CardJson<'a> {
    user: &'a User,
    methods: Option<Vec<MethodView>>,
    registration: Option<&'a UserRegistrationDetails>,
    temporary_access_pass: Option<&'a crate::graph::model::TapMethod>,
    recent_failures: Vec<&'a SignIn>,
    warnings: Vec<Warning>,
    /// Parts that could not be read, with why (e.g. sign-in logs need a reports role).
    unavailable: Vec<String>,
}

async fn show(ctx: &Ctx, input: &UserQuery) -> Result<(), Error> {
    let card = find::card(ctx, input).await?;
    render(ctx, &card).await
}

fn unavailable(card: &Card) -> Vec<String> {
    let mut out = vec![];
    if let Err(e) = &card.methods {
        out.push(format!("methods: {e}"));
    }
    if let Err(e) = &card.registration {
        out.push(format!("registration report: {e}"));
    }
    if let Err(e) = &card.signins {
        out.push(format!("sign-ins: {e}"));
    }
    out.extend(red_flags_unread(card));
    out
}

/// The parts the red flags are read from that could not be read, with why.
fn red_flags_unread(card: &Card) -> Vec<String> {
    [
        ("risk (Identity Protection)", card.risky.as_ref().err()),
        (
            "reports of suspicious activity",
            card.reports.as_ref().err(),
        ),
        (
            "changes by others (the tenant's audit log)",
            card.audits.as_ref().err(),
        ),
    ]
    .into_iter()
    .filter_map(|(part, e)| Some(format!("{part}: {}", e?)))
    .collect()
}

/// A failed sign-in on one line: when, what went wrong, the app, the client, where.
fn failure_line(s: &SignIn) -> String {
    format!(
        "  {}  {} · {} · {} · {}",
        local_time(&s.created_date_time),
        if crate::ops::flags::reported_as_fraud(s) {
            "500121 reported as fraud".to_string()
        } else {
            signin::result_short(s.status.error_code)
        },
        signin::app_short(s.app_display_name.as_deref().unwrap_or("?")),
        signin::client_short(s.client_app_used.as_deref().unwrap_or("?")),
        card::place(s)
    )
}

pub(super) async fn render(ctx: &Ctx, card: &Card) -> Result<(), Error> {
    let views: Option<Vec<MethodView>> = card.methods.as_ref().ok().map(|m| {
        let region = ctx.show().region;
        m.iter()
            .map(|x| MethodView::of(x, region.as_deref()))
            .collect()
    });
    let agent = crate::connect::agent(ctx.backend().await?).await?;
    let warnings = card.warnings(&ctx.config()?.policy.countries(), &agent.me());
    let failures = card.failures();
    match ctx.out.format() {
        Format::Json => {
            return ctx.emit(ctx.out.json(&CardJson {
                user: &card.user,
                methods: views,
                registration: card.registration.as_ref().ok().and_then(Option::as_ref),
                temporary_access_pass: card.pass(),
                recent_failures: failures,
                warnings,
                unavailable: unavailable(card),
            }));
        }
        Format::Csv => {
            let rows = views
                .unwrap_or_default()
                .iter()
                .map(|v| method_row(ctx, v))
                .collect::<Vec<_>>();
            return ctx.emit(
                ctx.out
                    .records(&["kind", "detail", "added", "id"], &rows, &()),
            );
        }
        Format::Table => {}
    }
    let u = &card.user;
    let facts: Vec<String> = [
        u.job_title.clone(),
        u.department.clone(),
        u.office_location.clone(),
        u.employee_id.as_ref().map(|e| format!("employee {e}")),
        Some(match u.account_enabled {
            Some(false) => "ACCOUNT DISABLED".to_string(),
            _ => "account enabled".to_string(),
        }),
        (u.user_type.as_deref() == Some("Guest")).then(|| "guest".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let head = [
        format!("{}  {}  {}", u.name(), u.upn(), u.id),
        facts.join(" · "),
        String::new(),
    ];
    let methods = match &views {
        Some(v) => {
            let rows: Vec<Vec<String>> = v
                .iter()
                .map(|m| method_row(ctx, m).into_iter().take(3).collect())
                .collect();
            format!(
                "MFA methods\n{}",
                ctx.out.rows_text(&["kind", "detail", "added"], &rows)
            )
        }
        None => "MFA methods: unavailable\n".to_string(),
    };
    let mut tail: Vec<String> = vec![];
    match &card.registration {
        Ok(Some(r)) => {
            let preferred = r
                .user_preferred_method_for_secondary_authentication
                .as_deref()
                .filter(|p| !p.is_empty())
                .map_or("none", words::plain);
            let system = if r.is_system_preferred_authentication_method_enabled == Some(true) {
                format!(
                    " (system-preferred in use: {})",
                    words::plain_list(&r.system_preferred_authentication_methods)
                )
            } else {
                String::new()
            };
            let capable = if r.is_mfa_capable == Some(true) {
                "MFA capable"
            } else {
                "NOT MFA capable"
            };
            tail.push(format!(
                "Registration: {capable} · default {preferred}{system}"
            ));
        }
        Ok(None) => tail.push("Registration: not in the report yet".into()),
        Err(e) => tail.push(format!("Registration: unavailable ({e})")),
    }
    match card.pass() {
        Some(t) => tail.push(format!(
            "Pass: {}{}",
            card::pass_state(t),
            card::pass_expiry(t)
                .map(|e| format!(", ends {}", local_time(&e.to_string())))
                .unwrap_or_default()
        )),
        None if card.methods.is_ok() => tail.push("Pass: none".into()),
        None => {}
    }
    let days = card::FAILURE_WINDOW_DAYS;
    match &card.signins {
        Ok(_) if failures.is_empty() => {
            tail.push(format!("Sign-ins: no failures in the last {days} days"))
        }
        Ok(_) => {
            let n = failures.len();
            let plural = if n == 1 { "" } else { "s" };
            tail.push(format!(
                "Sign-ins: {n} failure{plural} in the last {days} days"
            ));
            tail.extend(failures.iter().take(5).map(|s| failure_line(s)));
        }
        Err(e) => tail.push(format!("Sign-ins: unavailable ({e})")),
    }
    // what the red flags could not be read from
    let unread = red_flags_unread(card);
    if !unread.is_empty() {
        tail.push(format!("Red flags not checked: {}", unread.join("; ")));
    }
    if !warnings.is_empty() {
        tail.push(String::new());
        tail.push("Warnings".into());
        for w in &warnings {
            let mark = if w.blocking { "STOP" } else { "!" };
            tail.push(format!("  {mark} {}", w.message));
            let faq = w
                .faq
                .map(|k| format!(" (care faq {k})"))
                .unwrap_or_default();
            tail.push(format!("    → {}{faq}", w.hint));
        }
    }
    ctx.emit(ctx.out.raw(&format!(
        "{}{methods}{}",
        ctx.out.text(&head),
        ctx.out.text(&tail)
    )))
}

pub fn method_row(ctx: &Ctx, v: &MethodView) -> Vec<String> {
    vec![
        v.kind.clone(),
        v.detail.clone(),
        v.created_date_time
            .as_deref()
            .map(|ts| ctx.show().time(ts))
            .unwrap_or_default(),
        v.id.clone(),
    ]
}

async fn search(ctx: &Ctx, text: &str, limit: usize) -> Result<(), Error> {
    if text.trim().is_empty() || text.chars().any(char::is_control) {
        return Err(Error::usage_hint(
            "give some words of a name, or the start of a mail address",
            "e.g. care user search \"maria gar\"",
        ));
    }
    let graph = ctx.graph().await?;
    let found = crate::ops::find::find(graph, text).await?;
    let users: Vec<&User> = found.people.iter().take(limit.max(1)).collect();
    // every field in CSV and on a pipe; a terminal narrower than 100 columns leaves the job
    // out and marks a disabled account by the name, so names and schools need not wrap
    let narrow = ctx.show().people && ctx.out.width().is_some_and(|w| w < 100);
    let rows: Vec<Vec<String>> = users
        .iter()
        .map(|u| {
            let disabled = u.account_enabled == Some(false);
            let mut row = vec![
                if narrow && disabled {
                    format!("{} (disabled)", u.name())
                } else {
                    u.name().to_string()
                },
                u.upn().to_string(),
            ];
            if !narrow {
                row.push(u.job_title.clone().unwrap_or_default());
            }
            row.push(u.office_location.clone().unwrap_or_default());
            row.push(u.employee_id.clone().unwrap_or_default());
            if !narrow {
                row.push(if disabled { "disabled" } else { "enabled" }.to_string());
            }
            row
        })
        .collect();
    if users.is_empty() && ctx.show().people {
        ctx.notice(&format!("nobody matches '{}'", text.trim()));
        return Ok(());
    }
    let headers: &[&str] = if narrow {
        &["name", "upn", "school", "employee"]
    } else {
        &["name", "upn", "job", "school", "employee", "account"]
    };
    ctx.emit(ctx.out.records(headers, &rows, &users))?;
    // a cut list says so, on stderr, so a script reading stdout gets only rows
    if found.total.count() > users.len() {
        ctx.notice(&format!(
            "{} of {} shown; add a word (a first name, the school) or --limit {}",
            users.len(),
            found.total.describe(),
            found.total.count()
        ));
    }
    Ok(())
}
