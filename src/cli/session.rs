//! `care session revoke`: sign the user out everywhere.

use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::UserArg;
use super::oncall;
use crate::change::{Ask, Decided, Subject};
use crate::error::Error;
use crate::graph::model::User;
use clap::Subcommand;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "session revoke",
    change: true,
    examples: &["care session revoke \"sean.o'brien@district.example\""],
}];

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Invalidate the user's refresh tokens and session cookies (signs them out everywhere)
    Revoke(UserArg),
}

pub async fn run(ctx: &Ctx, cmd: SessionCommand) -> Result<(), Error> {
    let SessionCommand::Revoke(a) = cmd;
    let user = find::user(ctx, &a.user).await?;
    revoke_for(ctx, &user).await
}

/// Signs `user` out everywhere (the guided call passes the user it holds).
pub async fn revoke_for(ctx: &Ctx, user: &User) -> Result<(), Error> {
    let door = oncall::door(ctx).await?;
    let subject = Subject::user(user);
    let who = subject.who();
    let Decided::Change(change) = door.decide(&Ask::SessionRevoke, &subject).await? else {
        return Ok(());
    };
    oncall::make(
        ctx,
        &door,
        *change,
        &format!("Sign {who} out of every app and device?"),
    )
    .await?;
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
