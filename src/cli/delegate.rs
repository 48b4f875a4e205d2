//! `care delegate check|list`: is someone really a mailbox/calendar delegate? Graph's calendar
//! permissions and meeting-request delivery, with the Exchange Online Admin API's folder
//! permissions (the Delegate flag) and Send on Behalf beside them; Graph's view alone, marked
//! partial, where the Admin API is not available.

use super::Verb;
use super::ctx::Ctx;
use super::method::UserArg;
use crate::error::Error;
use crate::graph::model::exchange::{FolderPermission, Principal};
use crate::graph::model::{CalendarPermission, User};
use crate::ops::delegates::{self, Access, ExchangeStatus, ExchangeView, Picture, Verdict};
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
    pub owner: String,
    /// The person who says they are a delegate
    pub delegate: String,
}

pub async fn run(ctx: &Ctx, cmd: DelegateCommand) -> Result<(), Error> {
    match cmd {
        DelegateCommand::Check(a) => check(ctx, &a.owner, &a.delegate).await,
        DelegateCommand::List(a) => list(ctx, &a.user).await,
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
    let exchange_failed = picture.exchange.is_err();
    let calendar = std::mem::replace(&mut picture.graph_calendar, Ok(vec![]));
    let perms = match calendar {
        Err(e) if e.is_not_found() || exchange_failed => return Err(e.into()),
        Err(_) => vec![],
        Ok(v) => v,
    };
    if perms.is_empty()
        && let Err((_, reason)) = &picture.exchange
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

/// `Partial answer (Exchange: …)`: the first line of a partial answer, and its notice.
fn partial_line(reason: &str) -> String {
    format!(
        "Partial answer (Exchange: {reason}). Graph's view only: inbox access and Send on Behalf are unknown."
    )
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

fn explain(a: &Access, on: &str, dn: &str, delivery: Option<&str>, exchange: bool) -> Vec<String> {
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
    if exchange {
        out.push(format!(
            "Inbox: {}.",
            a.inbox.as_ref().map_or("no access".into(), rights_words)
        ));
        out.push(format!(
            "Send on Behalf: {}.",
            match a.send_on_behalf {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown (Exchange gave no mailbox record)",
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

async fn check(ctx: &Ctx, owner: &str, delegate: &str) -> Result<(), Error> {
    let (owner, delegate) = tokio::try_join!(ctx.user(owner), ctx.user(delegate))?;
    let (picture, graph) = picture_of(ctx, &owner).await?;
    let view: Option<&ExchangeView> = picture.exchange.as_ref().ok();
    let a = delegates::access(&graph, view, &delegate);
    let (status, reason) = picture.exchange_status();
    let partial = view.is_none();
    let (on, dn) = (owner.name(), delegate.name());
    let mut explanation = explain(&a, on, dn, picture.delivery.as_deref(), !partial);
    if let Some(reason) = reason {
        // a terminal reads it once, as the answer's first line; a script also on stderr
        if !ctx.for_people() {
            ctx.notice(&format!("care: {}", partial_line(reason)));
        }
        explanation.insert(0, partial_line(reason));
    }
    if ctx.out.format() == Format::Json {
        return ctx.emit(ctx.out.json(&CheckJson {
            owner: owner.upn(),
            delegate: delegate.upn(),
            verdict: a.verdict,
            is_delegate: a.verdict == Verdict::Delegate,
            role: a.graph_role.as_deref(),
            can_see_private_items: a.can_see_private_items,
            calendar: a.calendar.as_ref().map(FolderJson::from),
            inbox: a.inbox.as_ref().map(FolderJson::from),
            send_on_behalf: a.send_on_behalf,
            meeting_messages: picture.delivery.as_deref(),
            matched_by: a.matched_by,
            source: if partial { "graph" } else { "exchange" },
            partial,
            incomplete: a.incomplete,
            disagreement: a.disagreement,
            exchange: ExchangeJson { status, reason },
            explanation,
        }));
    }
    ctx.emit(ctx.out.lines(&explanation))
}

/// One row of `delegate list`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListRow {
    name: String,
    address: String,
    /// Graph's calendar role.
    role: String,
    kind: String,
    calendar: String,
    inbox: String,
    /// Empty when unknown (Graph alone).
    send_on_behalf: String,
    /// Exchange could not be read: the row is Graph's calendar view alone (stderr says why).
    partial: bool,
}

impl ListRow {
    fn names(&self, p: &Principal) -> bool {
        let same = |a: &Option<String>, b: &str| {
            a.as_deref()
                .is_some_and(|a| !b.is_empty() && a.eq_ignore_ascii_case(b))
        };
        same(&p.address, &self.address)
            || (same(&p.name, &self.name) && (p.address.is_none() || self.address.is_empty()))
    }
}

/// The row of `p` in `rows` (the organisation's for `Default`), added when missing.
fn row_of<'a>(rows: &'a mut Vec<ListRow>, p: &Principal, kind: &str) -> &'a mut ListRow {
    let everyone = p.is_everyone();
    let i = rows.iter().position(|r| {
        if everyone {
            r.address.is_empty() && r.name == "My Organization"
        } else {
            r.names(p)
        }
    });
    match i {
        Some(i) => {
            // a name-only entry (a folder's) merged with one that has the address
            if rows[i].address.is_empty()
                && !everyone
                && let Some(a) = &p.address
            {
                rows[i].address = a.clone();
            }
            &mut rows[i]
        }
        None => {
            rows.push(ListRow {
                name: if everyone {
                    "My Organization".into()
                } else {
                    p.name.clone().unwrap_or_default()
                },
                address: p.address.clone().unwrap_or_default(),
                role: String::new(),
                kind: kind.into(),
                calendar: String::new(),
                inbox: String::new(),
                send_on_behalf: String::new(),
                partial: false,
            });
            let last = rows.len() - 1;
            &mut rows[last]
        }
    }
}

fn folder_cell(p: &FolderPermission) -> String {
    let mut cell = p.access_rights.join("+");
    if !p.sharing_permission_flags.is_empty() {
        cell.push_str(&format!(" [{}]", p.sharing_permission_flags.join("+")));
    }
    cell
}

async fn list(ctx: &Ctx, input: &str) -> Result<(), Error> {
    let owner = ctx.user(input).await?;
    let (picture, perms) = picture_of(ctx, &owner).await?;
    let mut rows: Vec<ListRow> = perms
        .iter()
        .map(|p| ListRow {
            name: p.email_address.name.clone().unwrap_or_default(),
            address: p.email_address.address.clone().unwrap_or_default(),
            role: p.role.clone(),
            kind: if p.is_delegate() {
                "delegate"
            } else {
                "sharee"
            }
            .into(),
            calendar: String::new(),
            inbox: String::new(),
            send_on_behalf: String::new(),
            partial: false,
        })
        .collect();
    match &picture.exchange {
        Ok(x) => {
            for p in x.calendar.iter().filter(|p| p.grants_access()) {
                let row = row_of(&mut rows, &p.user, "sharee");
                row.calendar = folder_cell(p);
                row.kind = if p.is_delegate() {
                    "delegate"
                } else {
                    "sharee"
                }
                .into();
            }
            for p in x.inbox.iter().filter(|p| p.grants_access()) {
                row_of(&mut rows, &p.user, "inbox").inbox = folder_cell(p);
            }
            let senders = x
                .mailbox
                .as_ref()
                .map(|m| m.send_on_behalf())
                .unwrap_or_default();
            for p in &senders {
                row_of(&mut rows, p, "sendOnBehalf").send_on_behalf = "yes".into();
            }
            for r in rows
                .iter_mut()
                .filter(|r| r.send_on_behalf.is_empty() && r.name != "My Organization")
            {
                r.send_on_behalf = "no".into();
            }
        }
        Err((_, reason)) => {
            ctx.notice(&format!("care: {}", partial_line(reason)));
            for r in &mut rows {
                r.partial = true;
            }
        }
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.address.clone(),
                if ctx.for_people() && !r.role.is_empty() {
                    role_words(&r.role).to_string()
                } else {
                    r.role.clone()
                },
                r.kind.clone(),
                r.calendar.clone(),
                r.inbox.clone(),
                r.send_on_behalf.clone(),
            ]
        })
        .collect();
    ctx.emit(ctx.out.records(
        &[
            "name",
            "address",
            "role",
            "kind",
            "calendar",
            "inbox",
            "sendOnBehalf",
        ],
        &table,
        &rows,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rows_merge_by_address_or_name_and_keep_the_address() {
        let mut rows = vec![];
        // the inbox names Dana only by name; Send on Behalf has her address
        row_of(&mut rows, &Principal::parse("Dana Delegate"), "inbox").inbox = "Reviewer".into();
        row_of(
            &mut rows,
            &Principal::parse("Dana Delegate <dana@contoso.com>"),
            "sendOnBehalf",
        )
        .send_on_behalf = "yes".into();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].address, "dana@contoso.com");
        assert_eq!(rows[0].kind, "inbox");
        assert_eq!(
            (rows[0].inbox.as_str(), rows[0].send_on_behalf.as_str()),
            ("Reviewer", "yes")
        );
        // a namesake with another address is someone else
        row_of(
            &mut rows,
            &Principal::parse("Dana Delegate <dana2@contoso.com>"),
            "sendOnBehalf",
        );
        assert_eq!(rows.len(), 2);
        // Default is the organisation's row
        row_of(&mut rows, &Principal::parse("Default"), "sharee").calendar = "None".into();
        row_of(&mut rows, &Principal::parse("Default"), "sharee");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].name, "My Organization");
    }
}
