//! `care passkey provision|list|remove`: passkeys made at the desk for someone (Graph v1.0:
//! creation options, then the new credential). This build makes them with care's software key
//! (`--software`), the sandbox's training key: the same flow end to end without hardware,
//! refused against anything but care's sandbox.

use super::UserParser;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::UserArg;
use super::oncall;
use crate::change::{Ask, Decided, Done, Subject};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::ops::resolve::UserQuery;
use clap::{Args, Subcommand};

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "passkey provision",
        change: true,
        examples: &[
            "care --sandbox passkey provision maria.garcia@district.example --software --verified-by in-person --evidence \"Dana Ortiz\"",
        ],
    },
    Verb {
        path: "passkey list",
        change: false,
        examples: &["care passkey list maria.garcia@district.example"],
    },
    Verb {
        path: "passkey remove",
        change: true,
        examples: &["care passkey remove maria.garcia@district.example 6c2f8b36 --yes"],
    },
];

#[derive(Debug, Subcommand)]
pub enum PasskeyCommand {
    /// Make a passkey for a person at the desk and register it (care's software key: the sandbox only)
    Provision(ProvisionArgs),
    /// The person's passkeys: model, AAGUID, made when
    List(UserArg),
    /// Remove one of the person's passkeys, by its id
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct ProvisionArgs {
    /// UPN, object id, employee id, mail address, or words of a name (quoted, with the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    /// Make it with care's software key, the sandbox's training key (the only authenticator of
    /// this build; refused against a real tenant)
    #[arg(long, required = true)]
    pub software: bool,
    /// The passkey's name, as the person sees it in their security info [default: "Passkey made at the Care Center"]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// UPN, object id, employee id, mail address, or words of a name (quoted, with the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    /// The passkey's id, as `care passkey list` shows it
    pub id: String,
}

pub async fn run(ctx: &Ctx, cmd: PasskeyCommand) -> Result<(), Error> {
    match cmd {
        PasskeyCommand::Provision(a) => provision(ctx, a).await,
        PasskeyCommand::List(a) => list(ctx, &a.user).await,
        PasskeyCommand::Remove(a) => {
            let card = find::card(ctx, &a.user).await?;
            super::method::remove_for(ctx, &card, &a.id, None, &[]).await
        }
    }
}

async fn provision(ctx: &Ctx, args: ProvisionArgs) -> Result<(), Error> {
    // a training key never reaches a real tenant: checked before any Graph request
    if args.software && !ctx.backend().await?.is_sandbox().await {
        return Err(Error::usage_hint(
            "care's software key makes passkeys for care's sandbox only; this is a real tenant",
            "use --sandbox to practise; a person's real passkey is made on a security key they keep",
        ));
    }
    let card = find::card(ctx, &args.user).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(&card, door.guard());
    let ask = Ask::PasskeyProvision {
        name: args
            .name
            .unwrap_or_else(|| "Passkey made at the Care Center".into()),
    };
    let change = match door.decide(&ask, &subject).await? {
        Decided::Already(said) => {
            ctx.notice(&said);
            return Ok(());
        }
        Decided::Change(c) => c,
    };
    let question = format!("Provision a passkey for {}?", subject.who());
    let Done::Passkey(p) = oncall::make(ctx, &door, *change, &question).await? else {
        return Err(Error::failed(
            "care asked for a passkey and made another change",
            vec![],
        ));
    };
    ctx.notice(&format!(
        "made a passkey for {}: {} ({}), id {}",
        subject.who(),
        p.model.as_deref().unwrap_or("unknown model"),
        p.aa_guid.as_deref().unwrap_or_default(),
        p.id
    ));
    ctx.emit(ctx.out.json(&*p))
}

async fn list(ctx: &Ctx, query: &UserQuery) -> Result<(), Error> {
    let user = find::user(ctx, query).await?;
    let keys = ctx.graph().await?.passkeys(&UserRef::of(&user)).await?;
    let rows: Vec<Vec<String>> = keys
        .iter()
        .map(|k| {
            vec![
                k.display_name.clone().unwrap_or_default(),
                k.model.clone().unwrap_or_default(),
                k.aa_guid.clone().unwrap_or_default(),
                k.created_date_time
                    .as_deref()
                    .map(|t| ctx.show().time(t))
                    .unwrap_or_default(),
                k.id.clone(),
            ]
        })
        .collect();
    if keys.is_empty() && ctx.show().people {
        ctx.notice(&format!("{} ({}) has no passkey", user.name(), user.upn()));
        return Ok(());
    }
    ctx.emit(
        ctx.out
            .records(&["name", "model", "aaguid", "created", "id"], &rows, &keys),
    )
}
