//! `care delegate check|list`: is someone really a mailbox/calendar delegate?

use super::ctx::Ctx;
use super::method::UserArg;
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::{CalendarPermission, User};
use crate::output::Format;
use clap::{Args, Subcommand};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum DelegateCommand {
    /// Is DELEGATE a delegate of OWNER? Explained in plain words
    Check(CheckArgs),
    /// Everyone with access to OWNER's calendar, delegates marked
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
const NOT_VISIBLE: &str = "FullAccess and SendAs mailbox permissions are not visible through Graph; check them in the Exchange admin center.";

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

async fn calendar(ctx: &Ctx, owner: &User) -> Result<Vec<CalendarPermission>, Error> {
    let perms = ctx
        .graph()
        .await?
        .calendar_permissions(&UserRef::of(owner))
        .await?;
    if perms.is_empty() {
        // Graph answers an empty list (not even "My Organization") to anyone but the owner or an app
        return Err(Error::NotSignedIn {
            message: format!("Graph showed no calendar permissions for {}: the answer can't be trusted", owner.upn()),
            hints: vec!["calendar permissions are visible only to the owner or to an app with Calendars.Read; sign in with the care app (client credentials)".into()],
        });
    }
    Ok(perms)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckJson<'a> {
    owner: &'a str,
    delegate: &'a str,
    is_delegate: bool,
    role: Option<&'a str>,
    can_see_private_items: bool,
    meeting_messages: Option<String>,
    explanation: Vec<String>,
}

async fn check(ctx: &Ctx, owner: &str, delegate: &str) -> Result<(), Error> {
    let (owner, delegate) = tokio::try_join!(ctx.user(owner), ctx.user(delegate))?;
    let graph = ctx.graph().await?;
    let owner_ref = UserRef::of(&owner);
    let (perms, delivery) =
        tokio::join!(calendar(ctx, &owner), graph.delegate_delivery(&owner_ref));
    let perms = perms?;
    let addresses: Vec<String> = [delegate.mail.clone(), delegate.user_principal_name.clone()]
        .into_iter()
        .flatten()
        .map(|a| a.to_lowercase())
        .collect();
    let entry = perms.iter().find(|p| {
        p.email_address
            .address
            .as_deref()
            .is_some_and(|a| addresses.contains(&a.to_lowercase()))
    });
    let is_delegate = entry.is_some_and(CalendarPermission::is_delegate);
    let (on, dn) = (owner.name(), delegate.name());
    let mut explanation = vec![];
    match entry {
        Some(p) if p.is_delegate() => {
            explanation.push(format!(
                "Yes: {dn} is a delegate of {on} ({}).",
                role_words(&p.role)
            ));
            if let Ok(Some(d)) = &delivery {
                explanation.push(format!("For {on}, {}.", delivery_words(d)));
            }
            explanation.push("A true delegate opens the mailbox with their own sign-in and their own MFA; MFA on both accounts causes no trouble.".into());
        }
        Some(p) => {
            explanation.push(format!(
                "No: {dn} is not a delegate of {on}; they {}.",
                role_words(&p.role)
            ));
            explanation.push(NOT_DELEGATION.into());
        }
        None => {
            explanation.push(format!("No: {dn} has no access of their own to {on}'s calendar, so they are not a delegate."));
            explanation.push(NOT_DELEGATION.into());
        }
    }
    explanation.push(NOT_VISIBLE.into());
    if ctx.out.format() == Format::Json {
        return ctx.emit(ctx.out.json(&CheckJson {
            owner: owner.upn(),
            delegate: delegate.upn(),
            is_delegate,
            role: entry.map(|p| p.role.as_str()),
            can_see_private_items:
                entry.is_some_and(|p| p.role == "delegateWithPrivateEventAccess"),
            meeting_messages: delivery.ok().flatten(),
            explanation,
        }));
    }
    ctx.emit(ctx.out.lines(&explanation))
}

async fn list(ctx: &Ctx, input: &str) -> Result<(), Error> {
    let owner = ctx.user(input).await?;
    let perms = calendar(ctx, &owner).await?;
    let rows: Vec<Vec<String>> = perms
        .iter()
        .map(|p| {
            vec![
                p.email_address.name.clone().unwrap_or_default(),
                p.email_address.address.clone().unwrap_or_default(),
                p.role.clone(),
                if p.is_delegate() {
                    "delegate"
                } else {
                    "sharee"
                }
                .to_string(),
            ]
        })
        .collect();
    ctx.emit(
        ctx.out
            .records(&["name", "address", "role", "kind"], &rows, &perms),
    )
}
