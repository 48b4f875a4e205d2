//! `care passkey provision|list|remove`: passkeys made at the desk for someone (Graph v1.0:
//! creation options, then the new credential), on a FIDO2 security key on the agent's USB port
//! (a build with the `usb-key` feature) or on care's software key (`--software`), the sandbox's
//! training key: the same flow end to end without hardware, refused against anything but
//! care's sandbox. A key with no PIN gets a random one, shown once like a pass.

mod present;

use super::UserParser;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::UserArg;
use super::oncall;
use crate::change::{Ask, Decided, Done, Subject};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::ops::passkey::software::SoftwareKey;
use crate::ops::passkey::{Authenticator, KeyFor};
use crate::ops::resolve::UserQuery;
use clap::{Args, Subcommand};
use std::sync::Arc;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "passkey provision",
        change: true,
        examples: &[
            "care passkey provision maria.garcia@district.example --verified-by in-person --evidence \"Dana Ortiz\"",
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
    /// Make a passkey for a person at the desk on the security key plugged in, and register it
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
    /// Make it with care's software key, the sandbox's training key, instead of a security key
    /// (refused against a real tenant)
    #[arg(long)]
    pub software: bool,
    /// The security key already has a PIN: read it from standard input (on a terminal care
    /// asks for it, hidden). A key with no PIN gets a new random one, shown once
    #[arg(long, conflicts_with = "software")]
    pub key_pin_stdin: bool,
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
    let key = authenticator(ctx, &args).await?;
    let card = find::card(ctx, &args.user).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(&card, door.guard());
    let ask = Ask::PasskeyProvision {
        name: args
            .name
            .unwrap_or_else(|| crate::ops::passkey::DEFAULT_NAME.into()),
        key: key.clone(),
    };
    let change = match door.decide(&ask, &subject).await? {
        Decided::Already(said) => {
            ctx.notice(&said);
            return Ok(());
        }
        Decided::Change(c) => c,
    };
    let question = format!(
        "Make a passkey for {} on {}?",
        subject.who(),
        key.describe()
    );
    let made = oncall::make(ctx, &door, *change, &question).await;
    let pin = key.new_pin();
    let p = match made {
        Ok(Done::Passkey(p)) => p,
        Ok(_) => {
            return Err(Error::failed(
                "care asked for a passkey and made another change",
                vec![],
            ));
        }
        Err(e) => {
            // the key has its new PIN although nothing was registered: whoever runs it again
            // needs it
            if let Some(pin) = &pin {
                present::pin_kept(ctx, &subject.user, pin)?;
            }
            return Err(e);
        }
    };
    present::made(ctx, &subject.user, &p, &key.describe(), pin.as_ref())
}

/// The authenticator asked for: care's software key (the sandbox only), or the security key
/// on the USB port, opened and its PIN known.
async fn authenticator(ctx: &Ctx, args: &ProvisionArgs) -> Result<Arc<dyn Authenticator>, Error> {
    if args.software {
        sandbox_only(ctx).await?;
        return Ok(Arc::new(SoftwareKey::default()));
    }
    usb_key(ctx, args.key_pin_stdin).await
}

/// care's software key is for care's sandbox: refused before any Graph request elsewhere.
async fn sandbox_only(ctx: &Ctx) -> Result<(), Error> {
    if ctx.backend().await?.is_sandbox().await {
        return Ok(());
    }
    Err(Error::usage_hint(
        "care's software key makes passkeys for care's sandbox only; this is a real tenant",
        "use --sandbox to practise; a person's real passkey is made on a security key they keep",
    ))
}

/// Each bulk row's authenticator: a software key each (the sandbox only), or the next new key
/// from the box, asked for on the terminal when the row's passkey is to be made.
pub async fn keys_for_bulk(ctx: &Ctx, software: bool) -> Result<KeyFor, Error> {
    if software {
        sandbox_only(ctx).await?;
        return Ok(Arc::new(|_, _| Arc::new(SoftwareKey::default())));
    }
    box_of_keys(ctx)
}

/// Said when a key waits for a touch.
#[cfg(feature = "usb-key")]
fn touch(ctx: &Ctx) -> crate::ops::passkey::usb::Touch {
    let notices = ctx.notices();
    Arc::new(move || {
        if notices {
            crate::output::note("Touch the security key now (it blinks).");
        }
    })
}

#[cfg(feature = "usb-key")]
fn box_of_keys(ctx: &Ctx) -> Result<KeyFor, Error> {
    use crate::ops::passkey::usb::NextKey;
    if !ctx.may_prompt() {
        return Err(Error::usage_hint(
            "a box of security keys needs the agent at the terminal: care asks for each key in turn",
            "run it on a terminal (without --no-input), or practise with --software on the sandbox",
        ));
    }
    let touch = touch(ctx);
    let ask: Arc<dyn Fn(&str) -> bool + Send + Sync> = Arc::new(|text: &str| {
        crate::output::note_inline(&format!("{text}: "));
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).is_ok_and(|n| n > 0)
            && !line.trim().eq_ignore_ascii_case("skip")
    });
    Ok(Arc::new(move |line, upn| {
        Arc::new(NextKey::new(
            ask.clone(),
            touch.clone(),
            format!("{upn} (line {line})"),
        ))
    }))
}

#[cfg(not(feature = "usb-key"))]
fn box_of_keys(_ctx: &Ctx) -> Result<KeyFor, Error> {
    Err(without_usb())
}

#[cfg(not(feature = "usb-key"))]
fn without_usb() -> Error {
    Error::usage_hint(
        "this care was built without security keys on USB (the `usb-key` feature)",
        "install a build with it: cargo install --path . --features usb-key (README: Passkeys at the desk); to practise, --software on the sandbox",
    )
}

#[cfg(feature = "usb-key")]
async fn usb_key(ctx: &Ctx, pin_stdin: bool) -> Result<Arc<dyn Authenticator>, Error> {
    use crate::ops::passkey::usb::UsbKey;
    let touch = touch(ctx);
    let key = tokio::task::spawn_blocking(move || UsbKey::open(touch))
        .await
        .unwrap_or_else(|e| Err(e.to_string()))
        .map_err(|e| {
            Error::usage_hint(
                e,
                "plug in the one security key to hand over, then run it again",
            )
        })?;
    let key = match key.info.has_pin {
        Some(true) => {
            if !pin_stdin && !ctx.may_prompt() {
                return Err(Error::usage_hint(
                    format!(
                        "the {} has a PIN, and care cannot ask for it here",
                        key.info.model()
                    ),
                    "pass --key-pin-stdin and give the PIN on standard input, or use a new key",
                ));
            }
            ctx.notice(&format!("The {} has a PIN already.", key.info.model()));
            let pin = super::ctx::secret_from_stdin("key's PIN")?;
            key.with_pin(pin)
        }
        Some(false) => {
            ctx.notice(&format!(
                "The {} has no PIN yet: care sets a new one and shows it once.",
                key.info.model()
            ));
            key
        }
        None => {
            return Err(Error::usage_hint(
                key.info.unusable().unwrap_or_default(),
                "use a FIDO2 security key (one that takes a PIN)",
            ));
        }
    };
    Ok(Arc::new(key))
}

#[cfg(not(feature = "usb-key"))]
async fn usb_key(_ctx: &Ctx, _pin_stdin: bool) -> Result<Arc<dyn Authenticator>, Error> {
    Err(without_usb())
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
