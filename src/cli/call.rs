//! `care call [USER]`: a live call, guided by the district's FAQ. Find the caller, verify them
//! by what is on file, pick what they need; care proposes the steps, makes each change through
//! the same commands (with their confirmations, policy and audit), and ends with the FAQ's
//! answer to read to the caller. Prompts only on a terminal (`--accessible` for screen readers).

use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::DefaultKind;
use super::oncall;
use super::phone::Kind;
use super::{Named, UserParser};
use crate::change::rules::{phone_label, phone_number};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, PhoneType};
use crate::ops::card::{Card, MethodView};
use crate::ops::faq;
use crate::ops::resolve::UserQuery;
use clap::Args;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "call",
    change: true,
    examples: &["care call", "care call maria"],
}];

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The caller: UPN, object id, mail address, or a name (asked when left out)
    #[arg(value_parser = UserParser, num_args = 0.., value_name = "USER")]
    pub user: Vec<UserQuery>,
}

/// What the caller needs, in their words, and the FAQ topic it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    LeftPhoneAtHome,
    LostPhone,
    ChangedNumber,
    NoSignal,
    NoMobileDevice,
    OfficePhone,
    ChangeCalledNumber,
    Delegate,
    NativeMailApp,
    HowOften,
}

impl Situation {
    pub const ALL: [Situation; 10] = [
        Situation::LeftPhoneAtHome,
        Situation::LostPhone,
        Situation::ChangedNumber,
        Situation::NoSignal,
        Situation::NoMobileDevice,
        Situation::OfficePhone,
        Situation::ChangeCalledNumber,
        Situation::Delegate,
        Situation::NativeMailApp,
        Situation::HowOften,
    ];

    pub fn says(self) -> &'static str {
        match self {
            Situation::LeftPhoneAtHome => "left their phone at home",
            Situation::LostPhone => "lost their phone",
            Situation::ChangedNumber => "got a new phone number",
            Situation::NoSignal => "has no signal on their phone",
            Situation::NoMobileDevice => "has no mobile device",
            Situation::OfficePhone => "wants an office phone or a RingCentral number",
            Situation::ChangeCalledNumber => "wants to change the number that is called",
            Situation::Delegate => "can't open a mailbox they think they are a delegate of",
            Situation::NativeMailApp => "asks about their phone's own mail app",
            Situation::HowOften => "asks how often they will be asked for MFA",
        }
    }

    fn topic(self) -> &'static str {
        match self {
            Situation::LeftPhoneAtHome => "left-phone",
            Situation::LostPhone => "lost-phone",
            Situation::ChangedNumber | Situation::ChangeCalledNumber => "change-number",
            Situation::NoSignal => "no-signal",
            Situation::NoMobileDevice => "no-mobile",
            Situation::OfficePhone => "office-phone",
            Situation::Delegate => "delegate",
            Situation::NativeMailApp => "native-mail",
            Situation::HowOften => "how-often",
        }
    }

    /// Whether helping means changing something (and so needs a verified caller).
    fn changes(self) -> bool {
        matches!(
            self,
            Situation::LeftPhoneAtHome
                | Situation::LostPhone
                | Situation::ChangedNumber
                | Situation::NoSignal
                | Situation::NoMobileDevice
                | Situation::OfficePhone
                | Situation::ChangeCalledNumber
        )
    }
}

fn need_terminal() -> Error {
    Error::usage_hint(
        "care call asks questions, and care is not running on a terminal",
        "run it in a terminal; scripts use the single commands (care passcode issue, care phone set, …)",
    )
}

/// The caller: given, or asked for; several matches give a pick list (`Ctx::user`).
async fn find(ctx: &Ctx, given: Option<UserQuery>) -> Result<Card, Error> {
    let query = match given {
        Some(u) => u,
        None => UserQuery::parse(
            &ctx.ask("Who is calling? (name, UPN or employee id)")?
                .ok_or_else(need_terminal)?,
        )?,
    };
    find::card(ctx, &query).await
}

/// Asks for the ticket once, when the policy wants one and none was given.
async fn ticket(ctx: &Ctx) -> Result<(), Error> {
    let guard = oncall::guard(ctx).await?;
    if guard.ticket(ctx.ticket().as_deref()).is_ok() {
        return Ok(());
    }
    let t = ctx.ask("Ticket for this call")?.ok_or_else(need_terminal)?;
    guard
        .ticket(Some(&t))
        .map_err(|r| Error::usage_hint(r.reason, r.hint))?;
    ctx.set_ticket(t);
    Ok(())
}

/// Runs a single command the way the agent would type it.
async fn step(
    ctx: &Ctx,
    what: &str,
    run: impl Future<Output = Result<(), Error>>,
) -> Result<bool, Error> {
    ctx.notice("");
    ctx.notice(&format!("→ {what}"));
    match run.await {
        Ok(()) => Ok(true),
        // the agent said no to this step: the call goes on
        Err(Error::Cancelled) => {
            ctx.notice("  skipped");
            Ok(false)
        }
        Err(e) => {
            crate::error::report(&e);
            Ok(false)
        }
    }
}

fn read_aloud(ctx: &Ctx, situation: Situation) -> Result<(), Error> {
    let topic = faq::topic(situation.topic());
    ctx.emit(ctx.out.lines(&[
        String::new(),
        format!("Read to the caller ({}):", topic.question),
        format!("  \"{}\"", topic.answer),
    ]))
}

fn upn(card: &Card) -> String {
    card.user.upn().to_string()
}

async fn pass(ctx: &Ctx, card: &Card) -> Result<bool, Error> {
    step(
        ctx,
        "a one-time Temporary Access Pass",
        super::passcode::issue_for(ctx, card, None, None, true, true, true),
    )
    .await
}

/// The card again after a change, so the next step decides on what is there now.
async fn refresh(ctx: &Ctx, card: Card) -> Result<Card, Error> {
    let graph = ctx.graph().await?;
    Ok(
        crate::ops::card::fetch(graph, &UserRef::of(&card.user), jiff::Timestamp::now())
            .await?
            .unwrap_or(card),
    )
}

async fn new_number(ctx: &Ctx, card: &Card, kind: Kind, question: &str) -> Result<bool, Error> {
    let Some(number) = ctx.ask(question)?.filter(|n| !n.trim().is_empty()) else {
        ctx.notice("  no number given: nothing changed");
        return Ok(false);
    };
    let region = ctx.settings()?.region;
    let phone_type = kind.phone_type();
    step(
        ctx,
        &format!("set the {} phone", phone_label(phone_type)),
        async {
            let number = phone_number(&number, phone_type, &region)?;
            super::phone::set_for(ctx, card, number, phone_type, region.clone()).await
        },
    )
    .await
}

/// Lost phone: the lost Authenticator and mobile go (nobody else signs in with them), every
/// session ends, and a pass lets the caller register anew at aka.ms/mfasetup.
async fn lost_phone(ctx: &Ctx, card: &Card) -> Result<(), Error> {
    let methods = card.methods.clone().unwrap_or_default();
    let lost: Vec<&AuthMethod> = methods
        .iter()
        .filter(|m| match m {
            AuthMethod::Authenticator(_) | AuthMethod::SoftwareOath(_) => true,
            AuthMethod::Phone(p) => p.phone_type == PhoneType::Mobile,
            _ => false,
        })
        .collect();
    if lost.is_empty() {
        ctx.notice("They have no Authenticator or mobile phone on file: nothing to remove.");
    }
    let mut card = card.clone();
    for m in lost {
        let view = MethodView::of(m, ctx.show().region.as_deref());
        if step(
            ctx,
            &format!("remove the lost {}", view.detail),
            super::method::remove_for(ctx, &card, m.id(), None),
        )
        .await?
        {
            card = refresh(ctx, card).await?;
        }
    }
    step(
        ctx,
        "sign them out everywhere (a finder can't use a session on the lost phone)",
        super::session::revoke_for(ctx, &card.user),
    )
    .await?;
    pass(ctx, &card).await?;
    Ok(())
}

async fn situation(ctx: &Ctx, card: &Card, s: Situation) -> Result<(), Error> {
    let has_authenticator = card
        .methods
        .as_ref()
        .is_ok_and(|m| m.iter().any(|m| matches!(m, AuthMethod::Authenticator(_))));
    match s {
        Situation::LeftPhoneAtHome => {
            ctx.notice(
                "They keep their methods: a pass gets them in today, nothing to re-register.",
            );
            pass(ctx, card).await?;
        }
        Situation::LostPhone => lost_phone(ctx, card).await?,
        Situation::ChangedNumber | Situation::ChangeCalledNumber => {
            new_number(
                ctx,
                card,
                Kind::Mobile,
                "The new mobile number (as the caller says it; call it back first if you can)",
            )
            .await?;
        }
        Situation::NoSignal => {
            if has_authenticator {
                step(
                    ctx,
                    "make the Authenticator's code (it works offline) their default",
                    super::method::default_for(ctx, card, DefaultKind::Oath),
                )
                .await?;
            } else {
                ctx.notice("They have no Authenticator app: a pass gets them in now; suggest the app (its code works without signal).");
                pass(ctx, card).await?;
            }
        }
        Situation::NoMobileDevice | Situation::OfficePhone => {
            new_number(
                ctx,
                card,
                Kind::Office,
                "The desk phone or RingCentral number (dialable from outside; never a main line)",
            )
            .await?;
        }
        Situation::Delegate => {
            if let Some(owner) = ctx.ask("Whose mailbox are they trying to open? (the owner)")?
                && !owner.trim().is_empty()
            {
                step(ctx, "check whether they are really a delegate", async {
                    let check = super::delegate::CheckArgs {
                        owner: UserQuery::parse(&owner)?,
                        delegate: UserQuery::parse(&upn(card))?,
                    };
                    super::delegate::run(ctx, super::delegate::DelegateCommand::Check(check)).await
                })
                .await?;
            }
        }
        Situation::NativeMailApp | Situation::HowOften => {}
    }
    read_aloud(ctx, s)
}

pub async fn run(ctx: &Ctx, args: CallArgs) -> Result<(), Error> {
    if !ctx.term.interactive || ctx.global.no_input {
        return Err(need_terminal());
    }
    let card = find(ctx, Named::joined(args.user)?.map(|n| n.0)).await?;
    super::user::render(ctx, &card)?;
    let verified = super::verify::verify(ctx, &card).await?;
    if verified.is_none() {
        ctx.notice("Not verified: care will answer questions but change nothing for this caller. Offer to call them back on a number on file.");
    }
    let mut first = true;
    loop {
        let offered: Vec<Situation> = Situation::ALL
            .into_iter()
            .filter(|s| verified.is_some() || !s.changes())
            .collect();
        let mut items: Vec<String> = offered
            .iter()
            .map(|s| format!("The caller {}", s.says()))
            .collect();
        items.push(if first {
            "Nothing: end the call".into()
        } else {
            "Nothing else: end the call".into()
        });
        let Some(i) = ctx.pick("What does the caller need?", &items)? else {
            return Err(need_terminal());
        };
        let Some(s) = offered.get(i).copied() else {
            ctx.notice("Call ended. The changes and the verification are in the audit log (care audit list).");
            return Ok(());
        };
        if s.changes() {
            ticket(ctx).await?;
        }
        situation(ctx, &card, s).await?;
        first = false;
    }
}
