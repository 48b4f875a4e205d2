//! `care verify USER`: the caller proves who they are before any change on the call
//! ([`super::proof`]); the changes that follow for the policy's window use it.

use super::Named;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::oncall;
use super::proof::establish;
use crate::change::Subject;
use crate::error::Error;
use clap::Args;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "verify",
    change: true,
    examples: &[
        "care verify maria.garcia@district.example",
        "care verify maria.garcia --verified-by in-person --evidence \"Dana Ortiz, front office\"",
    ],
}];

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub user: Named,
}

pub async fn run(ctx: &Ctx, args: VerifyArgs) -> Result<(), Error> {
    let card = find::card(ctx, &args.user).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(&card, door.guard());
    establish(ctx, &door, &subject, &[], true).await.map(drop)
}
