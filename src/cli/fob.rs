//! `care fob list|assign|activate|unassign`: key fobs, hardware OATH tokens (Graph **beta**:
//! Microsoft may still change it), for staff without a phone they can use for work: the box of
//! fobs the district holds, one given to a person, activated with the code it shows, taken back
//! when it comes back.

use super::UserParser;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::oncall;
use crate::change::rules::fob_code;
use crate::change::{Ask, Decided, FobAsk, Subject};
use crate::error::Error;
use crate::ops::resolve::UserQuery;
use clap::{Args, Subcommand};

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "fob list",
        change: false,
        examples: &[
            "care fob list --available",
            "care fob list -o csv > fobs.csv",
        ],
    },
    Verb {
        path: "fob assign",
        change: true,
        examples: &[
            "care fob assign ana.lopez@district.example FOB-0001 --verified-by in-person --evidence \"Dana Ortiz\"",
        ],
    },
    Verb {
        path: "fob activate",
        change: true,
        examples: &["care fob activate ana.lopez@district.example FOB-0001 482913"],
    },
    Verb {
        path: "fob unassign",
        change: true,
        examples: &["care fob unassign ana.lopez@district.example FOB-0001 --yes"],
    },
];

#[derive(Debug, Subcommand)]
pub enum FobCommand {
    /// The tenant's key fobs: serial, model, state, whose (Graph beta)
    List(ListArgs),
    /// Give a person a fob from the box, by the serial number on its back (Graph beta)
    Assign(FobArgs),
    /// Activate a fob with the six digits it shows now (it is given to them first if need be; Graph beta)
    Activate(ActivateArgs),
    /// Take a fob back from a person; it stays in the box for someone else (Graph beta)
    Unassign(FobArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only the fobs nobody has (to hand out)
    #[arg(long)]
    pub available: bool,
}

#[derive(Debug, Args)]
pub struct FobArgs {
    /// UPN, object id, employee id, mail address, or words of a name (quoted, with the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    /// The serial number on the back of the fob
    pub serial: String,
}

#[derive(Debug, Args)]
pub struct ActivateArgs {
    /// UPN, object id, employee id, mail address, or words of a name (quoted, with the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    /// The serial number on the back of the fob
    pub serial: String,
    /// The six digits the fob shows after its button is pressed (good for about a minute)
    pub code: String,
}

pub async fn run(ctx: &Ctx, cmd: FobCommand) -> Result<(), Error> {
    match cmd {
        FobCommand::List(a) => list(ctx, a).await,
        FobCommand::Assign(a) => {
            let serial = a.serial.trim().to_string();
            change(ctx, &a.user, FobAsk::Assign { serial }).await
        }
        FobCommand::Activate(a) => {
            // the code is checked before any request
            let code = fob_code(&a.code)?;
            let serial = a.serial.trim().to_string();
            change(ctx, &a.user, FobAsk::Activate { serial, code }).await
        }
        FobCommand::Unassign(a) => {
            let serial = a.serial.trim().to_string();
            change(ctx, &a.user, FobAsk::Unassign { serial }).await
        }
    }
}

async fn change(ctx: &Ctx, query: &UserQuery, ask: FobAsk) -> Result<(), Error> {
    let activating = matches!(ask, FobAsk::Activate { .. });
    let card = find::card(ctx, query).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(&card, door.guard());
    let change = match door.decide(&Ask::Fob(ask), &subject).await? {
        Decided::Already(said) => {
            ctx.notice(&said);
            return Ok(());
        }
        Decided::Change(c) => c,
    };
    let detail = change.detail.clone();
    let question = format!("{}?", crate::output::capitalised(&detail));
    match oncall::make(ctx, &door, *change, &question).await {
        // Graph refuses a code the fob does not show (any more): say what to do about it
        Err(Error::Graph(g)) if activating && g.status() == Some(400) => {
            return Err(Error::usage_hint(
                format!(
                    "the fob refused the code: {}",
                    g.code().unwrap_or("invalid code")
                ),
                "press the fob's button and type the six digits it shows now: a code is good for about 30 seconds",
            ));
        }
        other => other?,
    };
    ctx.notice(&format!("done: {detail}"));
    Ok(())
}

async fn list(ctx: &Ctx, args: ListArgs) -> Result<(), Error> {
    let fobs = ctx
        .graph()
        .await?
        .fobs(args.available.then_some("available"))
        .await?;
    let rows: Vec<Vec<String>> = fobs
        .iter()
        .map(|d| {
            vec![
                d.serial_number.clone(),
                [d.manufacturer.as_deref(), d.model.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                d.status.clone().unwrap_or_default(),
                d.assigned_to
                    .as_ref()
                    .and_then(|a| a.display_name.clone())
                    .unwrap_or_default(),
                d.last_used_date_time
                    .as_deref()
                    .map(|t| ctx.show().time(t))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    ctx.emit(ctx.out.records(
        &["serial", "model", "state", "assigned to", "last used"],
        &rows,
        &fobs,
    ))?;
    if ctx.show().people {
        let free = fobs
            .iter()
            .filter(|d| d.status.as_deref() == Some("available"))
            .count();
        ctx.notice(&format!(
            "{} {} in the inventory, {free} to hand out (Graph beta)",
            fobs.len(),
            if fobs.len() == 1 { "fob" } else { "fobs" }
        ));
    }
    Ok(())
}
