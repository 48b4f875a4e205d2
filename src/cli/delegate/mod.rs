//! `care delegate check|list`: is someone really a mailbox/calendar delegate? Graph's calendar
//! permissions and meeting-request delivery, with the Exchange Online Admin API's folder
//! permissions (the Delegate flag) and Send on Behalf beside them; Graph's view alone, marked
//! partial, where the Admin API is not available.

mod check;
mod list;

use super::UserParser;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::UserArg;
use crate::error::Error;
use crate::graph::model::exchange::{FolderPermission, Principal};
use crate::graph::model::{CalendarPermission, User};
use crate::ops::delegates::{self, Access, ExchangeStatus, ExchangeView, Picture, Verdict};
use crate::ops::resolve::UserQuery;
use crate::output::Format;
use clap::{Args, Subcommand};
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "delegate check",
        change: false,
        examples: &["care delegate check pat.hayes@district.example tom.reed@district.example"],
    },
    Verb {
        path: "delegate list",
        change: false,
        examples: &["care delegate list pat.hayes@district.example"],
    },
];

#[derive(Debug, Subcommand)]
pub enum DelegateCommand {
    /// Is DELEGATE a delegate of OWNER? Calendar, inbox, Send on Behalf and the verdict in plain words
    Check(CheckArgs),
    /// Everyone with access to OWNER's calendar, inbox or Send on Behalf, delegates marked
    List(UserArg),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The mailbox owner (UPN, object id, employee id, mail, or words of a name)
    #[arg(value_parser = UserParser)]
    pub owner: UserQuery,
    /// The person who says they are a delegate
    #[arg(value_parser = UserParser)]
    pub delegate: UserQuery,
}

pub async fn run(ctx: &Ctx, cmd: DelegateCommand) -> Result<(), Error> {
    match cmd {
        DelegateCommand::Check(a) => check::check(ctx, &a.owner, &a.delegate).await,
        DelegateCommand::List(a) => list::list(ctx, &a.user).await,
    }
}

const NOT_DELEGATION: &str = "If they open the owner's mailbox in Outlook by typing the owner's password, that is signing in as the owner, not delegation, and MFA will prompt the owner's phone. The owner adds a delegate from their own Outlook (File > Account Settings > Delegate Access); then the delegate opens the mailbox with their own sign-in.";
const NOT_VISIBLE: &str = "FullAccess and SendAs mailbox permissions are not visible through Graph or the Exchange Admin API; check them in the Exchange admin center.";
const TRUE_DELEGATE: &str = "A true delegate opens the mailbox with their own sign-in and their own MFA; MFA on both accounts causes no trouble.";

fn role_words(role: &str) -> &'static str {
    match role {
        "delegateWithPrivateEventAccess" => "delegate: can edit the calendar and see private items",
        "delegateWithoutPrivateEventAccess" => {
            "delegate: can edit the calendar, but not see private items"
        }
        "write" => "can edit the calendar (sharing, not delegation)",
        "read" => "can read the calendar (sharing, not delegation)",
        "limitedRead" => "can see times, subjects and locations (sharing)",
        "freeBusyRead" => "can see free/busy only (sharing)",
        "none" => "no access",
        _ => "custom access",
    }
}

fn delivery_words(option: &str) -> &'static str {
    match option {
        "sendToDelegateOnly" => "meeting requests go to the delegate only",
        "sendToDelegateAndPrincipal" => "meeting requests go to both the delegate and the owner",
        "sendToDelegateAndInformationToPrincipal" => {
            "meeting requests go to the delegate; the owner gets a copy for information"
        }
        _ => "meeting-request delivery is set to an unknown option",
    }
}

/// A folder's rights in words: the role's meaning, else the rights as Exchange names them.
fn rights_words(p: &FolderPermission) -> String {
    let role = p
        .access_rights
        .first()
        .map(String::as_str)
        .unwrap_or("None");
    let words = match role {
        "AvailabilityOnly" => "can see free/busy only",
        "LimitedDetails" => "can see times, subjects and locations",
        "Reviewer" => "can read",
        "Editor" => "can read and edit",
        "Author" | "NonEditingAuthor" => "can read and create items",
        "Contributor" => "can create items",
        "PublishingEditor" | "PublishingAuthor" | "Owner" => "can read, edit and create folders",
        _ => "",
    };
    let rights = p.access_rights.join(", ");
    let mut out = if words.is_empty() || p.access_rights.len() > 1 {
        rights
    } else {
        format!("{rights} ({words})")
    };
    if p.is_delegate() {
        out.push_str(if p.has_flag("CanViewPrivateItems") {
            ", with the Delegate flag; can see private items"
        } else {
            ", with the Delegate flag; cannot see private items"
        });
    }
    out
}

/// Graph's calendar permissions of the owner, or why the answer can't go on: a missing mailbox
/// (exit 5) always; another failure, or Graph's empty list (all a delegated agent sees of
/// someone else's calendar), only when Exchange did not answer either.
fn graph_calendar(picture: &mut Picture, owner: &User) -> Result<Vec<CalendarPermission>, Error> {
    // Exchange's calendar is what a verdict rests on; without it, Graph's must do
    let exchange_reason = match &picture.exchange {
        Ok(x) => x.calendar.as_ref().err().cloned(),
        Err((_, reason)) => Some(reason.clone()),
    };
    let exchange_failed = exchange_reason.is_some();
    let calendar = std::mem::replace(&mut picture.graph_calendar, Ok(vec![]));
    let perms = match calendar {
        Err(e) if e.is_not_found() || exchange_failed => return Err(e.into()),
        Err(_) => vec![],
        Ok(v) => v,
    };
    if perms.is_empty()
        && let Some(reason) = &exchange_reason
    {
        return Err(Error::NotSignedIn {
            message: format!("Graph showed no calendar permissions for {}: the answer can't be trusted", owner.upn()),
            hints: vec![
                "calendar permissions are visible only to the owner or to an app with Calendars.Read; sign in with the care app (client credentials)".into(),
                format!("the Exchange Admin API did not answer either: {reason}"),
            ],
        });
    }
    Ok(perms)
}

/// The first line of an answer without some of Exchange's (and its notice): all of it (Graph's
/// view alone), or the parts whose call failed (the rest is Exchange's).
fn partial_line(exchange: &Result<ExchangeView, (ExchangeStatus, String)>) -> Option<String> {
    match exchange {
        Err((_, reason)) => Some(format!(
            "Partial answer (Exchange: {reason}). Graph's view only: inbox access and Send on Behalf are unknown."
        )),
        Ok(x) => {
            let missing = x.missing();
            (!missing.is_empty()).then(|| {
                let parts: Vec<&str> = missing.iter().map(|(p, _)| *p).collect();
                let why: Vec<String> = missing.iter().map(|(p, w)| format!("{p}: {w}")).collect();
                format!(
                    "Partial answer: Exchange did not answer for the {} ({}); the rest is Exchange's.",
                    parts.join(" and the "),
                    why.join("; ")
                )
            })
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FolderJson {
    access_rights: Vec<String>,
    sharing_permission_flags: Vec<String>,
}

impl From<&FolderPermission> for FolderJson {
    fn from(p: &FolderPermission) -> Self {
        FolderJson {
            access_rights: p.access_rights.clone(),
            sharing_permission_flags: p.sharing_permission_flags.clone(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExchangeJson<'a> {
    status: ExchangeStatus,
    reason: Option<&'a str>,
    /// Each part of the answer when the Admin API answered: `ok` or `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<PartsJson>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PartsJson {
    calendar: &'static str,
    inbox: &'static str,
    send_on_behalf: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckJson<'a> {
    owner: &'a str,
    delegate: &'a str,
    verdict: Verdict,
    is_delegate: bool,
    /// Graph's calendar role.
    role: Option<&'a str>,
    can_see_private_items: bool,
    /// Exchange's calendar entry.
    calendar: Option<FolderJson>,
    inbox: Option<FolderJson>,
    send_on_behalf: Option<bool>,
    meeting_messages: Option<&'a str>,
    matched_by: Option<delegates::MatchedBy>,
    /// Where the verdict comes from: `exchange`, or `graph` alone.
    source: &'static str,
    partial: bool,
    incomplete: bool,
    disagreement: bool,
    exchange: ExchangeJson<'a>,
    explanation: Vec<String>,
}

fn explain(
    a: &Access,
    on: &str,
    dn: &str,
    delivery: Option<&str>,
    exchange: Option<&ExchangeView>,
) -> Vec<String> {
    let mut out = vec![];
    let calendar_words = match (&a.calendar, &a.graph_role) {
        (Some(p), _) => rights_words(p),
        (None, Some(r)) => role_words(r).to_string(),
        (None, None) => "no access".into(),
    };
    match a.verdict {
        Verdict::Delegate => {
            let kind = if a.can_see_private_items {
                "delegate: can edit the calendar and see private items"
            } else {
                "delegate: can edit the calendar, but not see private items"
            };
            out.push(format!("Yes: {dn} is a delegate of {on} ({kind})."));
        }
        Verdict::Sharee => out.push(format!(
            "No: {dn} is not a delegate of {on}; they {}.",
            match (&a.calendar, &a.graph_role) {
                (Some(p), _) => format!("have calendar access without the Delegate flag: {}", rights_words(p)),
                (None, Some(r)) => role_words(r).to_string(),
                (None, None) => "have no calendar access".into(),
            }
        )),
        Verdict::InboxOnly => out.push(format!(
            "No: {dn} is not a delegate of {on}: they can open {on}'s inbox, but have no calendar access."
        )),
        Verdict::SendOnBehalfOnly => out.push(format!(
            "No: {dn} is not a delegate of {on}: they may send on {on}'s behalf, but have no calendar or inbox access."
        )),
        Verdict::None => out.push(format!(
            "No: {dn} has no access of their own to {on}'s mailbox, so they are not a delegate."
        )),
        Verdict::NoCalendarAccess => out.push(format!(
            "No: {dn} has no access of their own to {on}'s calendar, so they are not a delegate."
        )),
    }
    out.push(format!("Calendar: {calendar_words}."));
    if let Some(x) = exchange {
        out.push(format!(
            "Inbox: {}.",
            match (&x.inbox, &a.inbox) {
                (Err(_), _) => "unknown (Exchange did not answer for it)".into(),
                (Ok(_), Some(p)) => rights_words(p),
                (Ok(_), None) => "no access".into(),
            }
        ));
        out.push(format!(
            "Send on Behalf: {}.",
            match (&x.mailbox, a.send_on_behalf) {
                (Err(_), _) => "unknown (Exchange did not answer for it)",
                (Ok(_), Some(true)) => "yes",
                (Ok(_), Some(false)) => "no",
                (Ok(_), None) => "unknown (Exchange gave no mailbox record)",
            }
        ));
    }
    if let Some(d) = delivery
        && a.verdict == Verdict::Delegate
    {
        out.push(format!(
            "Meeting requests: for {on}, {}.",
            delivery_words(d)
        ));
    }
    if let Some(m) = a.matched_by {
        out.push(format!("Found in Exchange's answer by {}.", m.words()));
    }
    if a.disagreement {
        out.push(format!(
            "Graph and Exchange disagree about the calendar (Graph: {}); Exchange's folder permissions are what Outlook uses.",
            a.graph_role.as_deref().map_or("no entry", role_words)
        ));
    }
    if a.verdict == Verdict::Delegate {
        if a.incomplete {
            out.push(format!("{dn} has no Send on Behalf for {on}: Outlook normally grants it to every delegate; removing and re-adding the delegate in {on}'s Outlook sets it."));
        }
        out.push(TRUE_DELEGATE.into());
    } else {
        out.push(NOT_DELEGATION.into());
    }
    out.push(NOT_VISIBLE.into());
    out
}

/// What Graph and Exchange say about the owner's mailbox, and Graph's calendar entries.
async fn picture_of(ctx: &Ctx, owner: &User) -> Result<(Picture, Vec<CalendarPermission>), Error> {
    let backend = ctx.backend().await?;
    let mut picture = delegates::picture(
        &backend.graph,
        backend.exchange.as_ref().map_err(String::as_str),
        owner,
    )
    .await;
    let graph = graph_calendar(&mut picture, owner)?;
    Ok((picture, graph))
}
