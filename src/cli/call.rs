//! `care call [USER]`: a live call, guided by the district's FAQ. Find the caller, hear what
//! they need, verify them by what is on record (never by the phone they say is lost), and make
//! each change through the same commands (with their confirmations, policy, audit and notice).
//! What is read to the caller follows what happened: the FAQ's answer when every step it
//! speaks of was done; otherwise what was done, what was not and why, and the next safe step.
//! Prompts only on a terminal (`--accessible` for screen readers).

use super::Verb;
use super::ctx::{Ctx, Interrupt};
use super::find;
use super::method::DefaultKind;
use super::oncall;
use super::phone::Kind;
use super::{Named, UserParser};
use crate::change::Subject;
use crate::change::rules::{phone_label, phone_number};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, PhoneType};
use crate::guard::Guard;
use crate::guard::audit::{CallMark, NEEDS, Target};
use crate::ops::caller::{Language, Texts};
use crate::ops::card::{Card, MethodView};
use crate::ops::faq;
use crate::ops::onfile::same_number;
use crate::ops::resolve::UserQuery;
use clap::Args;
use std::sync::Arc;

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
    /// The caller's language, for what is read to them [default: the config's
    /// caller-language, else en]
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Language>,
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

/// The caller: given, or asked for. A name that matches nobody, or too many people to pick
/// from, asks for other words instead of ending the call.
async fn find(ctx: &Ctx, given: Option<UserQuery>) -> Result<Card, Error> {
    let mut given = given;
    loop {
        let query = match given.take() {
            Some(u) => u,
            None => {
                let typed = ctx
                    .ask("Who is calling? (name, UPN or employee id)")?
                    .ok_or_else(need_terminal)?;
                if typed.trim().is_empty() {
                    continue;
                }
                match UserQuery::parse(&typed) {
                    Ok(q) => q,
                    Err(e) => {
                        crate::error::report(&e.into());
                        continue;
                    }
                }
            }
        };
        match find::card(ctx, &query).await {
            Ok(card) => return Ok(card),
            Err(e @ (Error::NotFound { .. } | Error::Usage { .. })) => {
                crate::error::report(&e);
                ctx.notice("Ask the caller for another word: their first name, their school, or their employee id.");
            }
            Err(e) => return Err(e),
        }
    }
}

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Done,
    /// The agent said no: nothing was changed.
    Declined,
    /// It failed or was refused: why, in a line.
    Failed(String),
    /// A red flag (a STOP) held it: the agent sees why, the caller never hears it (it may be
    /// the impostor it warns of).
    Held,
}

impl Step {
    fn done(&self) -> bool {
        *self == Step::Done
    }
}

/// Runs a single command the way the agent would type it.
async fn step(ctx: &Ctx, what: &str, run: impl Future<Output = Result<(), Error>>) -> Step {
    ctx.notice("");
    ctx.notice(&format!("→ {what}"));
    match run.await {
        Ok(()) => Step::Done,
        Err(Error::Cancelled) => {
            ctx.notice("  skipped: nothing was changed");
            Step::Declined
        }
        Err(e) => {
            crate::error::report(&e);
            match e {
                Error::Held { .. } => Step::Held,
                e => Step::Failed(crate::output::sanitize(&e.to_string())),
            }
        }
    }
}

/// What is read to the caller: the FAQ's answer, or what happened in its place.
fn read_aloud(
    ctx: &Ctx,
    texts: &Texts,
    situation: Situation,
    instead: Option<Vec<String>>,
) -> Result<(), Error> {
    let topic = faq::topic(texts, situation.topic());
    let lines = match instead {
        None => vec![
            String::new(),
            format!("Read to the caller ({}):", topic.question),
            format!("  \"{}\"", topic.answer),
        ],
        Some(said) => vec![
            String::new(),
            "Tell the caller (not every step was done, so not the FAQ's answer):".into(),
            format!("  \"{}\"", said.join(" ")),
        ],
    };
    ctx.emit(ctx.out.lines(&lines))
}

fn upn(card: &Card) -> String {
    card.user.upn().to_string()
}

async fn pass(ctx: &Ctx, texts: &Texts, card: &Card) -> Step {
    step(
        ctx,
        "a one-time Temporary Access Pass",
        super::passcode::issue_for(ctx, card, None, None, true, true, Some(texts)),
    )
    .await
}

/// Why a step was not done, for the caller's ears (what went wrong is on the agent's screen).
fn because(texts: &Texts, s: &Step) -> String {
    match s {
        Step::Done => String::new(),
        Step::Declined => texts.get("because-declined", &[]),
        Step::Failed(_) => texts.get("because-failed", &[]),
        Step::Held => texts.get("because-held", &[]),
    }
}

/// A caller text whose `why` is why step `s` was not done, with the FAQ's places.
fn said(texts: &Texts, id: &str, s: &Step) -> String {
    let why = because(texts, s);
    let mut args = faq::PLACES.to_vec();
    args.push(("why", why.as_str()));
    texts.get(id, &args)
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

async fn new_number(ctx: &Ctx, card: &Card, kind: Kind, question: &str) -> Step {
    let number = match ctx.ask(question) {
        Ok(Some(n)) if !n.trim().is_empty() => n,
        Ok(_) => {
            ctx.notice("  no number given: nothing changed");
            return Step::Declined;
        }
        Err(e) => return Step::Failed(e.to_string()),
    };
    let region = match ctx.settings() {
        Ok(s) => s.region,
        Err(e) => return Step::Failed(e.to_string()),
    };
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

fn phones(card: &Card) -> Vec<crate::graph::model::PhoneMethod> {
    card.methods
        .iter()
        .flatten()
        .filter_map(|m| match m {
            AuthMethod::Phone(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

/// The numbers a lost phone takes with it: the caller's mobile.
fn lost_numbers(card: &Card) -> Vec<String> {
    phones(card)
        .into_iter()
        .filter(|p| p.phone_type == PhoneType::Mobile)
        .map(|p| p.phone_number)
        .collect()
}

/// Lost phone: the lost Authenticator and mobile go (nobody else signs in with them, and
/// neither becomes the default), every session ends, and a pass lets the caller register
/// anew. A mobile Graph will not remove while an alternate exists gets the next safe step.
async fn lost_phone(ctx: &Ctx, texts: &Texts, card: &Card) -> Result<Option<Vec<String>>, Error> {
    let methods = card.methods.clone().unwrap_or_default();
    let mut lost: Vec<&AuthMethod> = methods
        .iter()
        .filter(|m| match m {
            AuthMethod::Authenticator(_) | AuthMethod::SoftwareOath(_) => true,
            AuthMethod::Phone(p) => p.phone_type == PhoneType::Mobile,
            _ => false,
        })
        .collect();
    // the apps first, the mobile last: a default moved off the app is not moved twice
    lost.sort_by_key(|m| matches!(m, AuthMethod::Phone(_)));
    let avoid: Vec<DefaultKind> = lost
        .iter()
        .flat_map(|m| DefaultKind::backed_by(m).iter().copied())
        .collect();
    if lost.is_empty() {
        ctx.notice("They have no Authenticator or mobile phone on file: nothing to remove.");
    }
    let mut card = card.clone();
    let mut still: Vec<(String, Step)> = vec![];
    for m in lost {
        let view = MethodView::of(m, ctx.show().region.as_deref());
        let s = step(
            ctx,
            &format!("remove the lost {}", view.detail),
            super::method::remove_for(ctx, &card, m.id(), None, &avoid),
        )
        .await;
        if s.done() {
            card = refresh(ctx, card).await?;
        } else if let AuthMethod::Phone(p) = m
            && phones(&card)
                .iter()
                .any(|o| o.phone_type == PhoneType::AlternateMobile)
            && matches!(s, Step::Failed(_))
        {
            // Graph keeps the mobile while an alternate exists: the next safe step
            ctx.notice("The lost mobile stays while an alternate phone is on file (Graph's rule).");
            let next = ctx.pick(
                "What next?",
                &[
                    "Set the mobile to the caller's new number (call it back first)".to_string(),
                    "Remove the alternate phone, then the lost mobile".to_string(),
                    "Leave it: the lost phone can still be used to sign in".to_string(),
                ],
            )?;
            let s = match next {
                Some(0) => {
                    new_number(ctx, &card, Kind::Mobile, "The caller's new mobile number").await
                }
                Some(1) => {
                    let first = step(
                        ctx,
                        "remove the alternate phone",
                        super::phone::remove_for(ctx, &card, Kind::Alternate),
                    )
                    .await;
                    if first.done() {
                        card = refresh(ctx, card).await?;
                        step(
                            ctx,
                            &format!("remove the lost {}", view.detail),
                            super::method::remove_for(ctx, &card, &p.id, None, &avoid),
                        )
                        .await
                    } else {
                        first
                    }
                }
                _ => s,
            };
            if s.done() {
                card = refresh(ctx, card).await?;
            } else {
                still.push((view.detail.clone(), s));
            }
            continue;
        }
        if !s.done() {
            still.push((view.detail, s));
        }
    }
    let signed_out = step(
        ctx,
        "sign them out everywhere (a finder can't use a session on the lost phone)",
        super::session::revoke_for(ctx, &card.user),
    )
    .await;
    let passed = pass(ctx, texts, &card).await;
    if still.is_empty() && signed_out.done() && passed.done() {
        return Ok(None);
    }
    let mut words = vec![];
    if still.is_empty() {
        words.push(texts.get("call-lost-phone-removed", &[]));
    }
    for (what, s) in &still {
        let why = because(texts, s);
        words.push(texts.get(
            "call-lost-phone-still-there",
            &[("what", what.as_str()), ("why", why.as_str())],
        ));
    }
    words.push(match signed_out.done() {
        true => texts.get("call-signed-out", &[]),
        false => said(texts, "call-not-signed-out", &signed_out),
    });
    words.push(match passed.done() {
        true => said(texts, "call-lost-phone-next", &passed),
        false => said(texts, "call-no-pass-call-back", &passed),
    });
    Ok(Some(words))
}

/// Does what the situation needs; what to tell the caller instead of the FAQ's answer, when
/// a step it speaks of was not done.
async fn situation(
    ctx: &Ctx,
    texts: &Texts,
    card: &Card,
    s: Situation,
) -> Result<Option<Vec<String>>, Error> {
    let has_authenticator = card
        .methods
        .as_ref()
        .is_ok_and(|m| m.iter().any(|m| matches!(m, AuthMethod::Authenticator(_))));
    let failed = |id: &str, s: &Step| Some(vec![said(texts, id, s)]);
    Ok(match s {
        Situation::LeftPhoneAtHome => {
            ctx.notice(
                "They keep their methods: a pass gets them in today, nothing to re-register.",
            );
            let p = pass(ctx, texts, card).await;
            (!p.done()).then(|| vec![said(texts, "call-no-pass-today", &p)])
        }
        Situation::LostPhone => lost_phone(ctx, texts, card).await?,
        Situation::ChangedNumber | Situation::ChangeCalledNumber => {
            let n = new_number(
                ctx,
                card,
                Kind::Mobile,
                "The new mobile number (as the caller says it; call it back first if you can)",
            )
            .await;
            if n.done() {
                None
            } else {
                failed("call-number-not-changed", &n)
            }
        }
        Situation::NoSignal => {
            if has_authenticator {
                let d = step(
                    ctx,
                    "make the Authenticator's code (it works offline) their default",
                    super::method::default_for(ctx, card, DefaultKind::Oath),
                )
                .await;
                if d.done() {
                    None
                } else {
                    failed("call-default-not-changed", &d)
                }
            } else {
                ctx.notice("They have no Authenticator app: a pass gets them in now; suggest the app (its code works without signal).");
                let p = pass(ctx, texts, card).await;
                Some(vec![match p.done() {
                    true => said(texts, "call-no-signal-pass", &p),
                    false => said(texts, "call-no-signal-no-pass", &p),
                }])
            }
        }
        Situation::NoMobileDevice | Situation::OfficePhone => {
            let n = new_number(
                ctx,
                card,
                Kind::Office,
                "The desk phone or RingCentral number (dialable from outside; never a main line)",
            )
            .await;
            if n.done() {
                None
            } else {
                failed("call-office-not-set", &n)
            }
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
                .await;
            }
            None
        }
        Situation::NativeMailApp | Situation::HowOften => None,
    })
}

/// Whether the caller is verified for the changes of the call: not asked yet, verified (and
/// by what), or could not be.
enum Verified {
    NotAsked,
    Yes(String),
    No,
}

/// What the call came to, for its end record: whom it was about, what they needed, its
/// ticket; and whether the end was written (by the call, or by Ctrl-C's listener).
#[derive(Default)]
struct Heard {
    caller: Target,
    needs: Vec<&'static str>,
    ticket: Option<String>,
    ended: bool,
}

impl Heard {
    /// `needs: left-phone, delegate` (the FAQ's topics, each once), or `needs: none`.
    fn needs(&self) -> String {
        match self.needs.is_empty() {
            true => format!("{NEEDS}none"),
            false => format!("{NEEDS}{}", self.needs.join(", ")),
        }
    }
}

type Shared = std::sync::Arc<std::sync::Mutex<Heard>>;

fn lock(heard: &Shared) -> std::sync::MutexGuard<'_, Heard> {
    heard.lock().unwrap_or_else(|e| e.into_inner())
}

/// A new call's name: when it started (UTC) and a random tail, `call-20261203-091500-3fa2`.
fn call_id() -> String {
    format!(
        "call-{}-{:04x}",
        jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S"),
        rand::random::<u16>()
    )
}

/// Ctrl-C ends the call too. A menu of a Unix terminal hears it as a cancel, and the call
/// ends as usual. While a question waits on a line (`--accessible`, a Windows console), this
/// listener (a task of its own: the prompt blocks the call's) writes the end itself and exits
/// 130. While a step is under way (a change may be landing), the call ends at its next
/// question, once the step is done; Ctrl-C again stops at once.
fn on_ctrl_c(
    guard: Arc<Guard>,
    heard: Shared,
    interrupt: Arc<Interrupt>,
) -> tokio::task::JoinHandle<()> {
    use std::sync::atomic::Ordering::SeqCst;
    tokio::spawn(async move {
        let mut asked = false;
        while tokio::signal::ctrl_c().await.is_ok() {
            // a menu's cancel ends the call as usual, in a moment
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let mut h = lock(&heard);
            if h.ended {
                return;
            }
            if !asked && !interrupt.prompting.load(SeqCst) {
                asked = true;
                interrupt.stop.store(true, SeqCst);
                drop(h);
                crate::output::note(
                    "care: the call ends when this step is done (Ctrl-C again stops at once)",
                );
                continue;
            }
            h.ended = true;
            let end = guard.call_entry(
                CallMark::End,
                h.caller.clone(),
                h.ticket.clone(),
                Some(format!("{}; cancelled", h.needs())),
            );
            let term = dialoguer::console::Term::stderr();
            let _ = term.show_cursor().and_then(|_| term.write_line(""));
            if let Err(e) = guard.log.append_all(end.into_iter().collect()) {
                crate::error::report(&end_unwritten(e));
            }
            crate::error::report(&Error::Cancelled);
            std::process::exit(130);
        }
    })
}

/// The call's end could not be written: said, and what it means (its changes are recorded).
fn end_unwritten(e: crate::guard::audit::AuditError) -> Error {
    Error::failed(
        format!("the end of the call could not be written to the audit log: {e}"),
        vec!["its changes and verification are recorded (care audit list); care report calls ends the call at its last record".into()],
    )
}

/// The call from start to end in the audit log: a `call.start` record now, every change and
/// verification of the call naming it, and a `call.end` record however it ends (the caller,
/// what they needed; Ctrl-C too), so `care report calls` counts it as one call, changes or
/// not.
pub async fn run(ctx: &Ctx, args: CallArgs) -> Result<(), Error> {
    if !ctx.may_prompt() {
        return Err(need_terminal());
    }
    let texts = ctx.caller_texts(args.lang)?;
    ctx.set_call(call_id());
    let guard = Arc::new(oncall::guard(ctx).await?);
    guard
        .record_call(CallMark::Start, Target::default(), ctx.ticket(), None)
        .await
        .map_err(|e| {
            Error::failed(
                format!("the call could not be written to the audit log, so it did not start: {e}"),
                vec!["fix the state dir (care config path shows where it is), then start the call again".into()],
            )
        })?;
    let heard = Shared::default();
    lock(&heard).ticket = ctx.ticket();
    let listener = on_ctrl_c(guard.clone(), heard.clone(), ctx.interrupt());
    let taken = take(ctx, &guard, &texts, args.user, &heard).await;
    let (caller, ended) = {
        let mut h = lock(&heard);
        if std::mem::replace(&mut h.ended, true) {
            // Ctrl-C's listener wrote the end and is ending care
            return taken;
        }
        let ended = match &taken {
            Err(Error::Cancelled) => format!("{}; cancelled", h.needs()),
            Err(_) => format!("{}; ended by an error", h.needs()),
            Ok(()) => h.needs(),
        };
        (h.caller.clone(), ended)
    };
    listener.abort();
    if let Err(e) = guard
        .record_call(CallMark::End, caller, ctx.ticket(), Some(ended))
        .await
    {
        // the call's own result (and exit code) stands; this is said beside it
        crate::error::report(&end_unwritten(e));
    }
    taken
}

/// The call itself: the caller found, then what they need, until the agent ends it.
async fn take(
    ctx: &Ctx,
    guard: &Guard,
    texts: &Texts,
    user: Vec<UserQuery>,
    heard: &Shared,
) -> Result<(), Error> {
    let mut card = find(ctx, Named::joined(user)?.map(|n| n.0)).await?;
    lock(heard).caller = Target {
        id: card.user.id.clone(),
        upn: upn(&card),
    };
    super::user::render(ctx, &card).await?;
    let mut verified = Verified::NotAsked;
    let mut first = true;
    loop {
        let offered: Vec<Situation> = Situation::ALL
            .into_iter()
            .filter(|s| !matches!(verified, Verified::No) || !s.changes())
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
            ctx.notice("Call ended and logged (care audit list).");
            return Ok(());
        };
        first = false;
        {
            let mut h = lock(heard);
            if !h.needs.contains(&s.topic()) {
                h.needs.push(s.topic());
            }
        }
        if s.changes() {
            oncall::ticket(ctx, guard)?;
            lock(heard).ticket = ctx.ticket();
            let losing = if s == Situation::LostPhone {
                lost_numbers(&card)
            } else {
                vec![]
            };
            // a callback to the phone now said to be lost proved nothing
            if let Verified::Yes(evidence) = &verified
                && losing.iter().any(|n| {
                    evidence.split_whitespace().any(|w| same_number(w, n))
                        || same_number(evidence, n)
                })
            {
                ctx.notice("They were verified by a call to the phone they now say is lost: verify them another way.");
                verified = Verified::NotAsked;
            }
            if matches!(verified, Verified::NotAsked) {
                let door = oncall::door(ctx).await?;
                let subject = Subject::of(&card, door.guard());
                verified = match super::proof::establish(ctx, &door, &subject, &losing, false).await
                {
                    Ok(Some(v)) => Verified::Yes(v.evidence),
                    Ok(None) => Verified::No,
                    Err(e) => {
                        crate::error::report(&e);
                        Verified::No
                    }
                };
                if matches!(verified, Verified::No) {
                    ctx.notice("Not verified: care will answer questions but change nothing for this caller. Offer to call them back on a number of record.");
                    continue;
                }
            }
        }
        let instead = situation(ctx, texts, &card, s).await?;
        read_aloud(ctx, texts, s, instead)?;
        if s.changes() {
            card = refresh(ctx, card).await?;
        }
    }
}
