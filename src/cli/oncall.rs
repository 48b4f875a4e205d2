//! A change made on a live call, as the agent sees it: the facts that should stop them shown
//! first, then the door's guard (ticket, policy, limits), the caller's verification asked for
//! when `--verified-by` or a recent `care verify` has not given it, the confirmation, and the
//! change sent through the door. Every change command goes through [`Ctx::make`]; the door
//! decides and records, this asks and shows.

use super::ctx::Ctx;
use crate::change::{self, Admitted, Authority, Change, Done, Door, Ended};
use crate::error::Error;
use crate::guard::{Guard, Refusal, Verification};

/// The guard of this run: the policy, the audit log, who the agent is, which tenant.
pub async fn guard(ctx: &Ctx) -> Result<Guard, Error> {
    Ok(crate::connect::guard(ctx.backend().await?, ctx.config()?).await?)
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
    change::call(
        ctx.ticket(),
        ctx.global.verified_by,
        ctx.global.override_reason.clone(),
    )
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

/// The facts shown, the door's guard, and the caller's verification: from `--verified-by`,
/// a `care verify` a few minutes ago, or asked on a terminal.
pub async fn admit(ctx: &Ctx, door: &Door, change: Change) -> Result<Admitted, Error> {
    for line in door.warnings(change.action, &change.subject) {
        ctx.notice(&line);
    }
    let mut admitted = door.admit(change, &authority(ctx)).await?;
    if let Some(how) = &admitted.verified_earlier {
        ctx.notice(&format!("care: caller verified ({how})"));
    }
    if !admitted.needs_verification() {
        return Ok(admitted);
    }
    let who = admitted.change().subject.who();
    let items: Vec<String> = Verification::ALL
        .iter()
        .map(|v| v.describe().to_string())
        .chain(["not verified: stop here".to_string()])
        .collect();
    match ctx.pick(
        &format!("How did you verify that the caller is {who}?"),
        &items,
    )? {
        Some(i) if i < Verification::ALL.len() => admitted.verified(Verification::ALL[i]),
        Some(_) => {
            return Err(door
                .refuse(
                    &admitted,
                    Refusal {
                        reason: "the caller is not verified".into(),
                        hint: "call them back on a number on file (care verify USER shows them), or ask their manager".into(),
                        overridable: false,
                    },
                )
                .await
                .into());
        }
        None => {}
    }
    Ok(admitted)
}

/// The result of a change the door sent; an outcome the audit log could not take is said
/// (its intent is there).
pub fn ended(ctx: &Ctx, ended: Ended) -> Result<Done, Error> {
    if let Some(e) = &ended.unrecorded {
        ctx.notice(&format!(
            "! the change ended, but its outcome could not be written to the audit log ({e}); the log holds its intent: fix the state dir, then check with `care audit reconcile`"
        ));
    }
    ended.done.map_err(Error::from)
}
