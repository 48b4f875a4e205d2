//! `care session revoke`: sign the user out everywhere.

use super::ctx::Ctx;
use super::method::UserArg;
use crate::error::Error;
use crate::graph::client::recording_writes;
use crate::guard::Action;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Invalidate the user's refresh tokens and session cookies (signs them out everywhere)
    Revoke(UserArg),
}

pub async fn run(ctx: &Ctx, cmd: SessionCommand) -> Result<(), Error> {
    let SessionCommand::Revoke(a) = cmd;
    let user = ctx.user(&a.user).await?;
    let who = format!("{} ({})", user.name(), user.upn());
    let call = ctx
        .on_call(Action::SessionRevoke, &user, None, |_| Ok(()))
        .await?;
    ctx.confirm(&crate::output::sanitize(&format!(
        "Sign {who} out of every app and device?"
    )))?;
    let (revoked, ids) = recording_writes(crate::ops::write::revoke_sessions(
        ctx.graph().await?,
        &user,
    ))
    .await;
    call.done(
        &revoked,
        "signed out everywhere".into(),
        ids.last().cloned(),
    )?;
    revoked?;
    ctx.notice(&format!(
        "signed {who} out: sessions end within a few minutes; access tokens already issued last until they expire (up to an hour)"
    ));
    if user.user_type.as_deref() == Some("Guest") {
        ctx.notice(
            "note: a B2B guest signs in at their home organisation, which this does not revoke",
        );
    }
    Ok(())
}
