//! `care phone list|set|remove|sms-signin`: the caller's MFA phone numbers.

use super::ctx::Ctx;
use super::method::{UserArg, refused_delete};
use crate::error::Error;
use crate::graph::client::{GraphClient, recording_writes};
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, MethodKind, PhoneMethod, PhoneType};
use crate::guard::Action;
use crate::ops;
use crate::ops::card::Card;
use crate::ops::phone::{Outcome, Plan, normalize};
use clap::{Args, Subcommand, ValueEnum};

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
    fn phone_type(self) -> PhoneType {
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
    pub user: String,
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
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    pub user: String,
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
    pub user: String,
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

fn label(t: PhoneType) -> &'static str {
    match t {
        PhoneType::Mobile => "mobile",
        PhoneType::AlternateMobile => "alternate",
        PhoneType::Office => "office",
        PhoneType::Unknown => "other",
    }
}

async fn list(ctx: &Ctx, input: &str) -> Result<(), Error> {
    let user = ctx.user(input).await?;
    let phones = ctx.graph().await?.phones(&UserRef::of(&user)).await?;
    let rows: Vec<Vec<String>> = phones
        .iter()
        .map(|p| {
            vec![
                label(p.phone_type).to_string(),
                ctx.phone(&p.phone_number),
                ctx.word(p.sms_sign_in_state.as_deref().unwrap_or_default()),
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
    let number = normalize(&args.number, &region)?;
    let phone_type = args.kind.phone_type();
    ops::phone::check_type(&number, phone_type)?;
    if phone_type == PhoneType::Office {
        ctx.notice("note: an office phone can't receive texts and only works at the desk: away from the building they can't sign in (the FAQ asks for a personal mobile where possible, and never a main school line that rings a call queue)");
    }
    let graph = ctx.graph().await?;
    let card = ctx.card(&args.user).await?;
    let user = &card.user;
    let key = UserRef::of(user);
    let phones = phones_of(graph, &card).await?;
    let others: Vec<(String, String)> = phones
        .iter()
        .filter(|p| p.phone_type != phone_type)
        .map(|p| (label(p.phone_type).to_string(), p.phone_number.clone()))
        .collect();
    let call = ctx
        .on_call(Action::PhoneSet, user, Some(&card), |g| {
            g.check_phone(&number, &others, &region)
        })
        .await?;
    if let Some(n) = ops::phone::on_file_for_others(graph, &number, &user.id).await
        && n > 0
    {
        ctx.notice(&format!(
            "! {number} is on file for {n} other {} (directory phone numbers): a shared or main line rings whoever answers; check it with the caller",
            if n == 1 { "person" } else { "people" }
        ));
    }
    let who = format!("{} ({})", user.name(), user.upn());
    let kind = label(phone_type);
    let plan = ops::phone::plan(&phones, phone_type, &number);
    // what the agent reads: the number as the caller knows it (the audit keeps Graph's form)
    let said = ctx.phone(&number);
    match &plan {
        Plan::AlreadySet => {
            ctx.notice(&format!(
                "{who}'s {kind} phone is already {said}; nothing to change"
            ));
            return Ok(());
        }
        Plan::MaybeSet { shown } => {
            ctx.notice(&format!(
                "care can't tell whether {who}'s {kind} phone is already {said}: Graph shows it masked to your role ({shown}), and the digits it shows match"
            ));
            ctx.confirm(&crate::output::sanitize(&format!(
                "Set {who}'s {kind} phone to {said} anyway?"
            )))?;
        }
        Plan::Change { from } => ctx.confirm(&crate::output::sanitize(&format!(
            "Change {who}'s {kind} phone from {} to {said}?",
            ctx.phone(from)
        )))?,
        Plan::Add => {
            if phone_type == PhoneType::AlternateMobile
                && !phones.iter().any(|p| p.phone_type == PhoneType::Mobile)
            {
                return Err(Error::usage_hint(
                    format!("{who} has no mobile phone, and an alternate needs one"),
                    "set the mobile first: care phone set USER NUMBER",
                ));
            }
            ctx.confirm(&crate::output::sanitize(&format!(
                "Add {said} as {who}'s {kind} phone?"
            )))?;
        }
    }
    let done = if matches!(plan, Plan::Add) {
        format!("added {said} as {who}'s {kind} phone")
    } else {
        format!("{who}'s {kind} phone is now {said}")
    };
    let (outcome, ids) =
        recording_writes(ops::phone::set(graph, &key, &plan, phone_type, &number)).await;
    call.done(
        &outcome,
        format!("{kind} phone set to {number}"),
        ids.last().cloned(),
    )?;
    match outcome? {
        Outcome::Set => ctx.notice(&done),
        Outcome::SetWithoutSmsSignIn => ctx.notice(&format!(
            "{done} for MFA; SMS sign-in is not available on it, because another user already signs in by SMS with this number (Graph: phoneNumberNotUnique)"
        )),
        Outcome::ProbablySet { shown } => ctx.notice(&format!(
            "{who}'s {kind} phone most likely is {number} now: Graph's answer was lost, and the number it shows now is masked to your role ({shown}) with matching digits; check with the caller"
        )),
    }
    Ok(())
}

/// The user's phones, from the card when it has their methods.
async fn phones_of(graph: &GraphClient, card: &Card) -> Result<Vec<PhoneMethod>, Error> {
    Ok(match &card.methods {
        Ok(methods) => methods
            .iter()
            .filter_map(|m| match m {
                AuthMethod::Phone(p) => Some(p.clone()),
                _ => None,
            })
            .collect(),
        Err(_) => graph.phones(&UserRef::of(&card.user)).await?,
    })
}

async fn remove(ctx: &Ctx, input: &str, kind: Kind) -> Result<(), Error> {
    let graph = ctx.graph().await?;
    let card = ctx.card(input).await?;
    let user = &card.user;
    let key = UserRef::of(user);
    let phone_type = kind.phone_type();
    let phones = phones_of(graph, &card).await?;
    let who = format!("{} ({})", user.name(), user.upn());
    let Some(phone) = phones.iter().find(|p| p.phone_type == phone_type) else {
        return Err(Error::NotFound {
            message: format!("{who} has no {} phone", label(phone_type)),
            hints: vec!["see their phones with `care phone list USER`".into()],
        });
    };
    let call = ctx
        .on_call(Action::PhoneRemove, user, Some(&card), |_| Ok(()))
        .await?;
    ctx.confirm(&crate::output::sanitize(&format!(
        "Remove {who}'s {} phone {}?",
        label(phone_type),
        ctx.phone(&phone.phone_number)
    )))?;
    let (deleted, ids) = recording_writes(crate::ops::write::delete_method(
        graph,
        &key,
        MethodKind::Phone,
        phone_type.method_id(),
    ))
    .await;
    call.done(
        &deleted,
        format!(
            "removed the {} phone {}",
            label(phone_type),
            phone.phone_number
        ),
        ids.last().cloned(),
    )?;
    if let Err(e) = deleted {
        // what else the user has decides the explanation of a refusal
        let methods = graph.methods(&key).await.unwrap_or_default();
        return Err(refused_delete(e, phone_type.method_id(), &methods));
    }
    ctx.notice(&format!(
        "removed {who}'s {} phone {}",
        label(phone_type),
        ctx.phone(&phone.phone_number)
    ));
    Ok(())
}

async fn sms(ctx: &Ctx, input: &str, state: Switch) -> Result<(), Error> {
    let card = ctx.card(input).await?;
    let user = &card.user;
    let key = UserRef::of(user);
    let on = matches!(state, Switch::On);
    let who = format!("{} ({})", user.name(), user.upn());
    let call = ctx
        .on_call(Action::SmsSignIn, user, Some(&card), |_| Ok(()))
        .await?;
    ctx.confirm(&crate::output::sanitize(&format!(
        "Turn SMS sign-in {} for {who}?",
        if on { "on" } else { "off" }
    )))?;
    let (outcome, ids) =
        recording_writes(crate::ops::write::sms_sign_in(ctx.graph().await?, &key, on)).await;
    call.done(
        &outcome,
        format!("SMS sign-in {}", if on { "on" } else { "off" }),
        ids.last().cloned(),
    )?;
    outcome.map_err(|e| match e.status() {
        Some(400) => Error::usage_hint(
            format!("Graph refused: {}", match &e { crate::graph::client::GraphError::Api(f) => f.message.clone(), other => other.to_string() }),
            "SMS sign-in needs a mobile phone, a user in the SMS sign-in policy, and a number nobody else uses for it",
        ),
        Some(404) => Error::NotFound { message: format!("{who} has no mobile phone"), hints: vec!["set one with `care phone set USER NUMBER`".into()] },
        _ => e.into(),
    })?;
    ctx.notice(&format!(
        "SMS sign-in is {} for {who}",
        if on { "on" } else { "off" }
    ));
    Ok(())
}
