//! `care phone list|set|remove|sms-signin`: the caller's MFA phone numbers.

use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::{UserArg, refused_delete};
use super::oncall;
use super::{Named, UserParser};
use crate::change::rules::{phone_label, phone_number};
use crate::change::{Ask, Decided, Done, Subject, Write};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, PhoneType};
use crate::ops::card::Card;
use crate::ops::phone::{Outcome, Plan};
use crate::ops::resolve::UserQuery;
use clap::{Args, Subcommand, ValueEnum};

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "phone list",
        change: false,
        examples: &["care phone list \"sean.o'brien@district.example\""],
    },
    Verb {
        path: "phone set",
        change: true,
        examples: &[
            "care phone set \"sean.o'brien@district.example\" \"(502) 555-0142\"",
            "care phone set dorothy.nguyen@district.example \"502-555-0143 x204\" --type office",
            "care phone set zoe.muller@district.example \"030 1234567\" --region DE --type alternate",
        ],
    },
    Verb {
        path: "phone remove",
        change: true,
        examples: &["care phone remove \"sean.o'brien@district.example\" --type alternate"],
    },
    Verb {
        path: "phone sms-signin",
        change: true,
        examples: &["care phone sms-signin kevin.patel@district.example off"],
    },
];

#[derive(Debug, Subcommand)]
pub enum PhoneCommand {
    /// List the user's MFA phone numbers
    List(UserArg),
    /// Add or change a phone number, given as the caller says it
    Set(SetArgs),
    /// Remove one of the user's phones
    Remove(RemoveArgs),
    /// Turn SMS sign-in (a code by text instead of a password) on or off for the mobile phone
    SmsSignin(SmsArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Mobile,
    Alternate,
    Office,
}

impl Kind {
    pub fn phone_type(self) -> PhoneType {
        match self {
            Kind::Mobile => PhoneType::Mobile,
            Kind::Alternate => PhoneType::AlternateMobile,
            Kind::Office => PhoneType::Office,
        }
    }
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    /// The number, e.g. 502-555-0142, "(502) 555 0142", "+1 502 555 0142 x123" (an extension only on an office phone)
    pub number: String,
    /// Which phone
    #[arg(long = "type", value_enum, default_value = "mobile")]
    pub kind: Kind,
    /// Region for numbers without a country code [default: the config's region, else US]
    #[arg(long, value_name = "CC")]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub user: Named,
    /// Which phone
    #[arg(long = "type", value_enum)]
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct SmsArgs {
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    pub state: Switch,
}

pub async fn run(ctx: &Ctx, cmd: PhoneCommand) -> Result<(), Error> {
    match cmd {
        PhoneCommand::List(a) => list(ctx, &a.user).await,
        PhoneCommand::Set(a) => set(ctx, a).await,
        PhoneCommand::Remove(a) => remove(ctx, &a.user, a.kind).await,
        PhoneCommand::SmsSignin(a) => sms(ctx, &a.user, a.state).await,
    }
}

async fn list(ctx: &Ctx, input: &UserQuery) -> Result<(), Error> {
    let user = find::user(ctx, input).await?;
    let phones = ctx.graph().await?.phones(&UserRef::of(&user)).await?;
    let rows: Vec<Vec<String>> = phones
        .iter()
        .map(|p| {
            vec![
                phone_label(p.phone_type).to_string(),
                ctx.show().phone(&p.phone_number),
                ctx.show()
                    .word(p.sms_sign_in_state.as_deref().unwrap_or_default()),
                p.id.clone(),
            ]
        })
        .collect();
    ctx.emit(
        ctx.out
            .records(&["type", "number", "sms sign-in", "id"], &rows, &phones),
    )
}

async fn set(ctx: &Ctx, args: SetArgs) -> Result<(), Error> {
    let region = match &args.region {
        Some(r) => r.clone(),
        None => ctx.settings()?.region,
    };
    // a bad number is refused here, before anything is sent
    let phone_type = args.kind.phone_type();
    let number = phone_number(&args.number, phone_type, &region)?;
    let card = find::card(ctx, &args.user).await?;
    set_for(ctx, &card, number, phone_type, region).await
}

/// Sets a phone of the person of `card` to `number` (checked: [`phone_number`]).
pub async fn set_for(
    ctx: &Ctx,
    card: &Card,
    number: String,
    phone_type: PhoneType,
    region: String,
) -> Result<(), Error> {
    if phone_type == PhoneType::Office {
        ctx.notice("note: an office phone can't receive texts and only works at the desk: away from the building they can't sign in (the FAQ asks for a personal mobile where possible, and never a main school line that rings a call queue)");
    }
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(card, door.guard());
    let who = subject.who();
    let kind = phone_label(phone_type);
    // what the agent reads: the number as the caller knows it (the audit keeps Graph's form)
    let said = ctx.show().phone(&number);
    let ask = Ask::PhoneSet {
        number: number.clone(),
        phone_type,
        region,
    };
    let change = match door.decide(&ask, &subject).await? {
        Decided::Already(_) => {
            ctx.notice(&format!(
                "{who}'s {kind} phone is already {said}; nothing to change"
            ));
            return Ok(());
        }
        Decided::Change(c) => c,
    };
    let (question, done) = match &change.write {
        Write::PhoneSet {
            plan: Plan::MaybeSet { shown },
            ..
        } => {
            ctx.notice(&format!(
                "care can't tell whether {who}'s {kind} phone is already {said}: Graph shows it masked to your role ({shown}), and the digits it shows match"
            ));
            (
                format!("Set {who}'s {kind} phone to {said} anyway?"),
                format!("{who}'s {kind} phone is now {said}"),
            )
        }
        Write::PhoneSet {
            plan: Plan::Change { from },
            ..
        } => (
            format!(
                "Change {who}'s {kind} phone from {} to {said}?",
                ctx.show().phone(from)
            ),
            format!("{who}'s {kind} phone is now {said}"),
        ),
        _ => (
            format!("Add {said} as {who}'s {kind} phone?"),
            format!("added {said} as {who}'s {kind} phone"),
        ),
    };
    match oncall::make(ctx, &door, *change, &question).await? {
        Done::Phone(Outcome::SetWithoutSmsSignIn) => ctx.notice(&format!(
            "{done} for MFA; SMS sign-in is not available on it, because another user already signs in by SMS with this number (Graph: phoneNumberNotUnique)"
        )),
        Done::Phone(Outcome::ProbablySet { shown }) => ctx.notice(&format!(
            "{who}'s {kind} phone most likely is {number} now: Graph's answer was lost, and the number it shows now is masked to your role ({shown}) with matching digits; check with the caller"
        )),
        _ => ctx.notice(&done),
    }
    Ok(())
}

async fn remove(ctx: &Ctx, input: &UserQuery, kind: Kind) -> Result<(), Error> {
    let card = find::card(ctx, input).await?;
    remove_for(ctx, &card, kind).await
}

/// Removes `card`'s person's `kind` phone, as `care phone remove` does.
pub async fn remove_for(ctx: &Ctx, card: &Card, kind: Kind) -> Result<(), Error> {
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(card, door.guard());
    let phone_type = kind.phone_type();
    let who = subject.who();
    let label = phone_label(phone_type);
    let Decided::Change(change) = door
        .decide(&Ask::PhoneRemove { phone_type }, &subject)
        .await?
    else {
        return Ok(());
    };
    let number = subject
        .methods
        .iter()
        .flatten()
        .find_map(|m| match m {
            AuthMethod::Phone(p) if p.phone_type == phone_type => {
                Some(ctx.show().phone(&p.phone_number))
            }
            _ => None,
        })
        .unwrap_or_default();
    let question = format!("Remove {who}'s {label} phone {number}?");
    if let Err(e) = oncall::make(ctx, &door, *change, &question).await {
        // what else the user has decides the explanation of a refusal
        let methods = match &subject.methods {
            Some(m) => m.clone(),
            None => door
                .graph()
                .methods(&subject.key())
                .await
                .unwrap_or_default(),
        };
        return Err(refused_delete(e, phone_type.method_id(), &methods));
    }
    ctx.notice(&format!("removed {who}'s {label} phone {number}"));
    Ok(())
}

async fn sms(ctx: &Ctx, input: &UserQuery, state: Switch) -> Result<(), Error> {
    let card = find::card(ctx, input).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(&card, door.guard());
    let on = matches!(state, Switch::On);
    let who = subject.who();
    let Decided::Change(change) = door.decide(&Ask::SmsSignIn { on }, &subject).await? else {
        return Ok(());
    };
    let question = format!(
        "Turn SMS sign-in {} for {who}?",
        if on { "on" } else { "off" }
    );
    oncall::make(ctx, &door, *change, &question).await.map_err(|e| match &e {
        Error::Graph(g) if g.status() == Some(400) => Error::usage_hint(
            format!("Graph refused: {}", match g { crate::graph::client::GraphError::Api(f) => f.message.clone(), other => other.to_string() }),
            "SMS sign-in needs a mobile phone, a user in the SMS sign-in policy, and a number nobody else uses for it",
        ),
        Error::Graph(g) if g.status() == Some(404) => Error::NotFound { message: format!("{who} has no mobile phone"), hints: vec!["set one with `care phone set USER NUMBER`".into()] },
        _ => e,
    })?;
    ctx.notice(&format!(
        "SMS sign-in is {} for {who}",
        if on { "on" } else { "off" }
    ));
    Ok(())
}
