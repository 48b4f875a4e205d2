//! A change made on a live call, as the agent sees it: the facts that should stop them shown
//! first, then the door's guard (ticket, policy, limits), the caller's verification asked for
//! when `--verified-by` or a recent `care verify` has not given it, the confirmation, and the
//! change sent through the door. Every change command goes through [`Ctx::make`]; the door
//! decides and records, this asks and shows.

use super::ctx::Ctx;
use crate::change::notify::Told;
use crate::change::{Admitted, Authority, Change, Done, Door, Ended};
use crate::error::Error;
use crate::guard::{Answers, Guard, Refusal};

/// The guard of this run: the policy, the audit log, who the agent is, which tenant, and
/// the guided call it is part of.
pub async fn guard(ctx: &Ctx) -> Result<Guard, Error> {
    let mut guard = crate::connect::guard(ctx.backend().await?, ctx.config()?).await?;
    guard.call = ctx.call();
    Ok(guard)
}

/// The door every change of this run goes through.
pub async fn door(ctx: &Ctx) -> Result<Door, Error> {
    Ok(Door::new(
        ctx.graph().await?.clone(),
        guard(ctx).await?,
        ctx.settings()?.region,
    ))
}

/// What the agent said for this run's changes: the ticket, how the caller was verified,
/// an override's reason.
pub fn authority(ctx: &Ctx) -> Authority {
    Authority::Call(Answers {
        ticket: ctx.ticket(),
        verified_by: ctx.global.verified_by,
        evidence: ctx.global.evidence.clone(),
        override_reason: ctx.global.override_reason.clone(),
        no_notify: ctx.global.no_notify.clone(),
    })
}

/// A change on a call: the facts shown, the guard, the caller's verification, `question`
/// confirmed, the change sent through the door. A refusal is recorded and exits 2 (nothing
/// sent); a declined confirmation sends nothing.
pub async fn make(ctx: &Ctx, door: &Door, change: Change, question: &str) -> Result<Done, Error> {
    let admitted = admit(ctx, door, change).await?;
    if !admitted.needs_verification() {
        ctx.confirm(&crate::output::sanitize(question))?;
    }
    // still unverified (no terminal to ask on): the door refuses and records it
    ended(ctx, door.send(admitted).await)
}

/// Asks for the ticket the policy wants and the agent did not give, on a terminal, until it is
/// one (an empty answer gives up: the door then refuses the change).
pub fn ticket(ctx: &Ctx, guard: &Guard) -> Result<(), Error> {
    while ctx.may_prompt() && guard.ticket(ctx.ticket().as_deref()).is_err() {
        match ctx.ask("Ticket for this call")? {
            Some(t) if !t.trim().is_empty() => match guard.ticket(Some(&t)) {
                Ok(Some(t)) => ctx.set_ticket(t),
                Ok(None) => break,
                Err(r) => ctx.notice(&format!("{}: {}", r.reason, r.hint)),
            },
            _ => break,
        }
    }
    Ok(())
}

/// The facts shown, the door's guard, and the caller's verification: a `care verify` a few
/// minutes ago, else established now (from `--verified-by` and `--evidence`, or asked on a
/// terminal) and recorded, so the changes that follow on the call use it too.
pub async fn admit(ctx: &Ctx, door: &Door, change: Change) -> Result<Admitted, Error> {
    for line in door.warnings(change.action, &change.subject) {
        ctx.notice(&line);
    }
    for note in &change.notes {
        ctx.notice(&format!("! {note}"));
    }
    ticket(ctx, door.guard())?;
    // the flag is checked like an answer given here: it needs something behind it
    let authority = match authority(ctx) {
        Authority::Call(a) => Authority::Call(Answers {
            verified_by: None,
            evidence: None,
            ..a
        }),
        job => job,
    };
    let mut admitted = door.admit(change, &authority).await?;
    if let Some(how) = &admitted.verified_earlier {
        ctx.notice(&format!("care: caller verified ({how})"));
    }
    if !admitted.needs_verification() {
        return Ok(admitted);
    }
    if ctx.global.verified_by.is_none() && !ctx.may_prompt() {
        // no way to ask: the door refuses and records it when the change is sent
        return Ok(admitted);
    }
    let losing = losing(admitted.change());
    match super::proof::establish(
        ctx,
        door,
        &admitted.change().subject.clone(),
        &losing,
        false,
    )
    .await?
    {
        Some(v) => admitted.verified(v.how, Some(v.evidence)),
        None => {
            return Err(door
                .refuse(
                    &admitted,
                    Refusal {
                        reason: "the caller is not verified".into(),
                        hint: "call them back on a number of record (care verify USER shows them), or ask their manager".into(),
                        overridable: false,
                        stop: false,
                    },
                )
                .await
                .into());
        }
    }
    Ok(admitted)
}

/// The numbers a change takes away (never called back to verify it: a lost phone is in
/// someone else's hand).
fn losing(change: &Change) -> Vec<String> {
    use crate::change::Write;
    use crate::graph::model::AuthMethod;
    let phones = change
        .subject
        .methods
        .iter()
        .flatten()
        .filter_map(|m| match m {
            AuthMethod::Phone(p) => Some(p),
            _ => None,
        });
    match &change.write {
        Write::PhoneRemove { phone_type } => phones
            .filter(|p| p.phone_type == *phone_type)
            .map(|p| p.phone_number.clone())
            .collect(),
        Write::MethodRemove { id, .. } => phones
            .filter(|p| p.id == *id)
            .map(|p| p.phone_number.clone())
            .collect(),
        Write::MethodReset { .. } => phones.map(|p| p.phone_number.clone()).collect(),
        _ => vec![],
    }
}

/// The result of a change the door sent; an outcome the audit log could not take is said
/// (its intent is there).
pub fn ended(ctx: &Ctx, ended: Ended) -> Result<Done, Error> {
    if let Some(e) = &ended.unrecorded {
        ctx.notice(&format!(
            "! the change ended, but its outcome could not be written to the audit log ({e}); the log holds its intent: fix the state dir, then check with `care audit reconcile`"
        ));
    }
    for told in &ended.told {
        ctx.notice(&match told {
            Told::Sent(to) if !to.is_empty() => format!("care: told {} by mail", to.join(" and ")),
            Told::Sent(_) => continue,
            Told::Skipped(reason) => {
                format!("care: nobody was told by mail (--no-notify: {reason})")
            }
            Told::Failed(why) => format!("! not told by mail: {why}; tell them another way"),
        });
    }
    ended.done.map_err(Error::from)
}
