//! `care passcode issue|show|revoke` (alias `tap`): Temporary Access Passes.

use super::Named;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::UserArg;
use super::oncall;
use crate::change::rules::usable_pass_ends;
use crate::change::{Ask, Decided, Done, Subject, Write};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::TapMethod;
use crate::ops::card::{Card, pass_expiry, pass_state};
use crate::ops::passcode;
use crate::ops::resolve::UserQuery;
use crate::output::{Format, local_time};
use clap::{Args, Subcommand};
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "passcode issue",
        change: true,
        examples: &[
            "care passcode issue maria.garcia@district.example --phonetic",
            "care passcode issue maria.garcia@district.example --lifetime 2h --start \"2026-12-01 07:30\"",
            "care passcode issue kevin.patel@district.example --replace --verified-by callback --ticket INC0012345",
        ],
    },
    Verb {
        path: "passcode show",
        change: false,
        examples: &["care passcode show maria.garcia@district.example"],
    },
    Verb {
        path: "passcode revoke",
        change: true,
        examples: &["care passcode revoke maria.garcia@district.example --yes"],
    },
];

#[derive(Debug, Subcommand)]
pub enum PasscodeCommand {
    /// Issue a time-limited pass (one-time by default) and show its code once
    Issue(IssueArgs),
    /// Show whether the user has a pass and until when (never the code)
    Show(UserArg),
    /// Delete the user's pass
    Revoke(UserArg),
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    #[command(flatten)]
    pub user: Named,
    /// How long the pass works, e.g. 1h, 90m, 8h [default: the tenant policy's default]
    #[arg(long, value_name = "DURATION")]
    pub lifetime: Option<String>,
    /// The pass works for one sign-in (the default)
    #[arg(long, conflicts_with = "multi_use")]
    pub one_time: bool,
    /// The pass works for every sign-in until it expires
    #[arg(long)]
    pub multi_use: bool,
    /// When the pass starts working: 14:30 (today), 2026-12-01 07:30 (local), or RFC 3339 [default: now]
    #[arg(long, value_name = "TIME")]
    pub start: Option<String>,
    /// Replace a pass the user can still use without asking
    #[arg(long)]
    pub replace: bool,
    /// Also spell the code with the phonetic alphabet, for reading it over the phone
    #[arg(long)]
    pub phonetic: bool,
    /// The caller's language for the spelling [default: the config's caller-language, else en]
    #[arg(long, value_enum, value_name = "LANG", requires = "phonetic")]
    pub lang: Option<crate::ops::caller::Language>,
}

pub async fn run(ctx: &Ctx, cmd: PasscodeCommand) -> Result<(), Error> {
    match cmd {
        PasscodeCommand::Issue(a) => issue(ctx, a).await,
        PasscodeCommand::Show(a) => show(ctx, &a.user).await,
        PasscodeCommand::Revoke(a) => revoke(ctx, &a.user).await,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IssuedJson<'a> {
    user: &'a str,
    id: &'a str,
    temporary_access_pass: &'a str,
    start_date_time: Option<&'a str>,
    end_date_time: Option<String>,
    lifetime_in_minutes: Option<i64>,
    is_usable_once: Option<bool>,
    is_usable: Option<bool>,
}

async fn issue(ctx: &Ctx, args: IssueArgs) -> Result<(), Error> {
    // everything the agent typed is checked before any request
    let lifetime = args
        .lifetime
        .as_deref()
        .map(passcode::parse_lifetime)
        .transpose()?;
    let start = args
        .start
        .as_deref()
        .map(|s| passcode::parse_start(s, jiff::Timestamp::now(), &jiff::tz::TimeZone::system()))
        .transpose()?;
    let card = find::card(ctx, &args.user).await?;
    let spelling = match args.phonetic {
        true => Some(ctx.caller_texts(args.lang)?),
        false => None,
    };
    issue_for(
        ctx,
        &card,
        lifetime,
        start,
        !args.multi_use,
        args.replace,
        spelling.as_ref(),
    )
    .await
}

/// Issues a pass to the person of `card` (the guided call passes the card it holds).
pub async fn issue_for(
    ctx: &Ctx,
    card: &Card,
    lifetime: Option<i64>,
    start: Option<jiff::Timestamp>,
    one_time: bool,
    replace: bool,
    phonetic: Option<&crate::ops::caller::Texts>,
) -> Result<(), Error> {
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(card, door.guard());
    let ask = Ask::PassIssue {
        lifetime,
        start,
        one_time,
    };
    let Decided::Change(change) = door.decide(&ask, &subject).await? else {
        return Ok(());
    };
    let existing = match &change.write {
        Write::PassIssue { before, .. } => usable_pass_ends(before),
        _ => None,
    };
    let who = subject.who();
    let kind = if one_time { "one-time" } else { "multi-use" };
    let length = lifetime
        .map(|m| format!(" for {m} minutes"))
        .unwrap_or_default();
    let question = match (&existing, replace) {
        (Some(e), false) => format!(
            "{who} already has a usable pass (until {}). Replace it with a new {kind} pass{length}?",
            local_time(&e.to_string())
        ),
        _ => format!("Issue a {kind} Temporary Access Pass{length} for {who}?"),
    };
    if existing.is_some() && !replace && !ctx.global.yes && !ctx.term.interactive {
        for line in door.warnings(change.action, &change.subject) {
            ctx.notice(&line);
        }
        return Err(Error::usage_hint(
            format!("{who} already has a usable Temporary Access Pass"),
            "pass --replace to replace it (a new pass silently replaces the old one)",
        ));
    }
    let Done::Pass(pass) = oncall::make(ctx, &door, *change, &question).await? else {
        return Err(Error::failed(
            "care asked for a pass and made another change",
            vec![],
        ));
    };
    let user = &card.user;
    let Some(code) = pass.temporary_access_pass.as_ref() else {
        return Err(Error::failed(
            "Graph created the pass but sent no code",
            vec!["issue it again with --replace".into()],
        ));
    };
    let end = pass_expiry(&pass).map(|e| e.to_string());
    let json = IssuedJson {
        user: user.upn(),
        id: &pass.id,
        temporary_access_pass: code.expose(),
        start_date_time: pass.start_date_time.as_deref(),
        end_date_time: end.clone(),
        lifetime_in_minutes: pass.lifetime_in_minutes,
        is_usable_once: pass.is_usable_once,
        is_usable: pass.is_usable,
    };
    let start_text = pass
        .start_date_time
        .as_deref()
        .map(local_time)
        .unwrap_or_else(|| "now".into());
    let end_text = end.as_deref().map(local_time).unwrap_or_else(|| "?".into());
    if ctx.out.format() == Format::Table && ctx.out.is_tty() {
        let mut text = format!(
            "Temporary Access Pass for {}\n\n    {}\n\n{} · usable from {start_text} until {end_text} ({} minutes)\n",
            crate::output::sanitize(&who),
            passcode::group(code.expose()),
            if pass.is_usable_once == Some(true) {
                "one-time"
            } else {
                "multi-use"
            },
            pass.lifetime_in_minutes.unwrap_or_default()
        );
        if let Some(texts) = phonetic {
            // between words, each letter's word whole, under the first
            let spelled = format!(
                "Spelled: {}",
                passcode::phonetic(code.expose(), texts).join(", ")
            );
            let spelled = match ctx.term.width {
                Some(w) => crate::output::wrap(&spelled, usize::from(w), 9),
                None => spelled,
            };
            text.push_str(&format!("\n{spelled}\n"));
        }
        text.push_str(&format!(
            "\nRead it to the caller now: care will not show it again. It works {} until {end_text}.\n",
            if pass.is_usable_once == Some(true) {
                "for one sign-in"
            } else {
                "for every sign-in"
            }
        ));
        return shown(ctx.out.for_secret().raw(&text), &who);
    }
    let row = vec![vec![
        user.upn().to_string(),
        code.expose().to_string(),
        pass.start_date_time.clone().unwrap_or_default(),
        end.unwrap_or_default(),
        if pass.is_usable_once == Some(true) {
            "one-time"
        } else {
            "multi-use"
        }
        .to_string(),
    ]];
    shown(
        ctx.out
            .for_secret()
            .records(&["user", "pass", "start", "end", "use"], &row, &json),
        &who,
    )
}

/// A pass code that did not reach stdout (a closed pipe) is a failure the agent must hear of:
/// the pass exists, and nobody has its code.
fn shown(written: std::io::Result<()>, who: &str) -> Result<(), Error> {
    written.map_err(|e| {
        Error::failed(
            format!("the pass for {who} was issued, but its code could not be written to stdout ({e}): nobody has it"),
            vec!["issue it again with --replace, to a terminal or a file".into()],
        )
    })
}

fn pass_row(ctx: &Ctx, t: &TapMethod) -> Vec<String> {
    vec![
        pass_state(t),
        t.start_date_time
            .as_deref()
            .map(|ts| ctx.show().time(ts))
            .unwrap_or_default(),
        pass_expiry(t)
            .map(|e| ctx.show().time(&e.to_string()))
            .unwrap_or_default(),
        t.created_date_time
            .as_deref()
            .map(|ts| ctx.show().time(ts))
            .unwrap_or_default(),
        t.id.clone(),
    ]
}

async fn show(ctx: &Ctx, input: &UserQuery) -> Result<(), Error> {
    let user = find::user(ctx, input).await?;
    let passes = ctx.graph().await?.passes(&UserRef::of(&user)).await?;
    if passes.is_empty() && ctx.out.format() == Format::Table && ctx.out.is_tty() {
        ctx.notice(&format!(
            "{} ({}) has no Temporary Access Pass",
            user.name(),
            user.upn()
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = passes.iter().map(|t| pass_row(ctx, t)).collect();
    ctx.emit(
        ctx.out
            .records(&["state", "start", "end", "created", "id"], &rows, &passes),
    )
}

async fn revoke(ctx: &Ctx, input: &UserQuery) -> Result<(), Error> {
    let user = find::user(ctx, input).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::user(&user);
    let change = match door.decide(&Ask::PassRevoke, &subject).await? {
        Decided::Already(said) => {
            ctx.notice(&said);
            return Ok(());
        }
        Decided::Change(c) => c,
    };
    let who = subject.who();
    oncall::make(
        ctx,
        &door,
        *change,
        &format!("Revoke the Temporary Access Pass of {who}?"),
    )
    .await?;
    ctx.notice(&format!("revoked the Temporary Access Pass of {who}"));
    Ok(())
}
