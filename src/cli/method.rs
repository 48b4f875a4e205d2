//! `care method list|remove|reset`.

use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::oncall;
use super::user::method_row;
use super::{Named, UserParser};
pub use crate::change::DefaultKind;
use crate::change::{Ask, ChangeError, Decided, Done, Subject, Write};
use crate::error::Error;
use crate::graph::client::GraphError;
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, MethodKind, PHONE_ALTERNATE_ID, PHONE_MOBILE_ID};
use crate::ops::card::{Card, MethodView};
use crate::ops::reset;
use crate::ops::resolve::UserQuery;
use clap::{Args, Subcommand};
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "method list",
        change: false,
        examples: &["care method list maria.garcia@district.example"],
    },
    Verb {
        path: "method remove",
        change: true,
        examples: &[
            "care method remove \"sean.o'brien@district.example\" authenticator",
            "care method remove \"sean.o'brien@district.example\" mobile --new-default oath",
        ],
    },
    Verb {
        path: "method reset",
        change: true,
        examples: &["care method reset \"sean.o'brien@district.example\" --ticket INC0012345"],
    },
    Verb {
        path: "method default",
        change: true,
        examples: &["care method default maria.garcia@district.example oath"],
    },
];

#[derive(Debug, Subcommand)]
pub enum MethodCommand {
    /// List a user's authentication methods
    List(UserArg),
    /// Remove one method, by id or by kind (phone, mobile, alternate, office, authenticator, oath, passkey, windows-hello, email, tap)
    Remove(RemoveArgs),
    /// Require re-registration: remove every method but the password, then revoke sessions
    Reset(UserArg),
    /// Set the user's default MFA method (what they are asked for first)
    Default(DefaultArgs),
}

#[derive(Debug, Args)]
pub struct DefaultArgs {
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    /// The new default
    #[arg(value_enum)]
    pub kind: DefaultKind,
}

#[derive(Debug, Args)]
pub struct UserArg {
    #[command(flatten)]
    pub user: Named,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    #[arg(value_parser = UserParser)]
    pub user: UserQuery,
    /// The method's id, or its kind when the user has one of that kind
    pub method: String,
    /// When the method is the user's default, make this the default first (asked on a terminal)
    #[arg(long, value_enum, value_name = "KIND")]
    pub new_default: Option<DefaultKind>,
}

pub async fn run(ctx: &Ctx, cmd: MethodCommand) -> Result<(), Error> {
    match cmd {
        MethodCommand::List(a) => list(ctx, &a.user).await,
        MethodCommand::Remove(a) => remove(ctx, a).await,
        MethodCommand::Reset(a) => reset(ctx, &a.user).await,
        MethodCommand::Default(a) => default(ctx, a).await,
    }
}

async fn list(ctx: &Ctx, input: &UserQuery) -> Result<(), Error> {
    let user = find::user(ctx, input).await?;
    let methods = ctx.graph().await?.methods(&UserRef::of(&user)).await?;
    let region = ctx.show().region;
    let views: Vec<MethodView> = methods
        .iter()
        .map(|m| MethodView::of(m, region.as_deref()))
        .collect();
    let rows: Vec<Vec<String>> = views.iter().map(|v| method_row(ctx, v)).collect();
    ctx.emit(
        ctx.out
            .records(&["kind", "detail", "added", "id"], &rows, &views),
    )
}

/// Why Graph may refuse deleting a method, judged from the user's methods: Graph answers
/// both refusals with the same code, so care never reads the message to tell them apart.
pub fn refused_delete(e: Error, deleting_id: &str, methods: &[AuthMethod]) -> Error {
    let Error::Graph(GraphError::Api(f)) = &e else {
        return e;
    };
    if f.status != 400 {
        return e;
    }
    let has = |id: &str| methods.iter().any(|m| m.id() == id);
    let others = methods
        .iter()
        .filter(|m| m.id() != deleting_id && m.kind() != Some(MethodKind::Password))
        .count();
    let hint = if deleting_id == PHONE_MOBILE_ID && has(PHONE_ALTERNATE_ID) {
        "the mobile can't go while an alternate mobile exists: delete the alternate first, or change the mobile number with `care phone set` instead"
    } else if others > 0 {
        "it is probably the user's default sign-in method: have them choose another default at https://aka.ms/mfasetup, remove their other methods first, or use `care method reset`"
    } else {
        "nothing was changed"
    };
    Error::usage_hint(format!("Graph refused the delete: {}", f.message), hint)
}

async fn remove(ctx: &Ctx, args: RemoveArgs) -> Result<(), Error> {
    let card = find::card(ctx, &args.user).await?;
    remove_for(ctx, &card, &args.method, args.new_default, &[]).await
}

/// Removes the method `wanted` (an id or a kind) of the person of `card`; when it is their
/// default, `new_default` (or the agent's pick among the others, never one of `avoid`: a lost
/// phone's; the only one left without asking) becomes the default first.
pub async fn remove_for(
    ctx: &Ctx,
    card: &Card,
    wanted: &str,
    new_default: Option<DefaultKind>,
    avoid: &[DefaultKind],
) -> Result<(), Error> {
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(card, door.guard());
    let who = subject.who();
    let mut ask = Ask::MethodRemove {
        method: wanted.to_string(),
        new_default,
    };
    let change = loop {
        match door.decide(&ask, &subject).await {
            Ok(Decided::Change(c)) => break c,
            Ok(Decided::Already(said)) => {
                ctx.notice(&said);
                return Ok(());
            }
            // the default is moved first: which method is the new one is the agent's to say
            Err(ChangeError::Choose { question, options }) if new_default.is_none() => {
                let options: Vec<DefaultKind> =
                    options.into_iter().filter(|k| !avoid.contains(k)).collect();
                let chosen = match options.as_slice() {
                    [] => {
                        return Err(Error::failed(
                            format!("{question}, and every other method is on the lost phone"),
                            vec!["have the caller register a new method at https://aka.ms/mfasetup with a pass, then remove the lost one".into()],
                        ));
                    }
                    [one] => Some(*one),
                    _ => {
                        ctx.notice(&question);
                        let items: Vec<String> =
                            options.iter().map(|k| k.words().to_string()).collect();
                        ctx.pick("Which method should be the default instead?", &items)?
                            .map(|i| options[i])
                    }
                };
                match chosen {
                    Some(k) => {
                        ask = Ask::MethodRemove {
                            method: wanted.to_string(),
                            new_default: Some(k),
                        }
                    }
                    None => return Err(ChangeError::Choose { question, options }.into()),
                }
            }
            Err(e) => return Err(e.into()),
        }
    };
    let Write::MethodRemove {
        id, new_default, ..
    } = &change.write
    else {
        return Err(Error::failed(
            "care asked to remove a method and decided another change",
            vec![],
        ));
    };
    let (id, new_default) = (id.clone(), *new_default);
    let methods = subject.methods.clone().unwrap_or_default();
    let detail = methods
        .iter()
        .find(|m| m.id() == id)
        .map(|m| MethodView::of(m, ctx.show().region.as_deref()).detail)
        .unwrap_or_else(|| id.clone());
    let question = match new_default {
        Some(d) => format!(
            "Make {} the default of {who}, then remove {detail}?",
            d.words()
        ),
        None => format!("Remove {detail} of {who}?"),
    };
    oncall::make(ctx, &door, *change, &question)
        .await
        .map_err(|e| refused_delete(e, &id, &methods))?;
    ctx.notice(&format!("removed {detail} of {who}"));
    Ok(())
}

async fn default(ctx: &Ctx, args: DefaultArgs) -> Result<(), Error> {
    let card = find::card(ctx, &args.user).await?;
    default_for(ctx, &card, args.kind).await
}

/// Makes `kind` the default MFA method of the person of `card`.
pub async fn default_for(ctx: &Ctx, card: &Card, kind: DefaultKind) -> Result<(), Error> {
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(card, door.guard());
    let who = subject.who();
    let change = match door.decide(&Ask::MethodDefault { kind }, &subject).await? {
        Decided::Already(said) => {
            ctx.notice(&said);
            return Ok(());
        }
        Decided::Change(c) => c,
    };
    oncall::make(
        ctx,
        &door,
        *change,
        &format!("Make {} the default sign-in method of {who}?", kind.words()),
    )
    .await?;
    ctx.notice(&format!(
        "{who}'s default sign-in method is now {}",
        kind.words()
    ));
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResetJson {
    user: String,
    removed: Vec<MethodView>,
    failed: Vec<Failed>,
    skipped: Vec<MethodView>,
    not_attempted: Vec<MethodView>,
    sessions_revoked: bool,
}

#[derive(Serialize)]
struct Failed {
    method: MethodView,
    error: String,
}

async fn reset(ctx: &Ctx, input: &UserQuery) -> Result<(), Error> {
    let card = find::card(ctx, input).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(&card, door.guard());
    let who = subject.who();
    let region = ctx.show().region;
    let Decided::Change(change) = door
        .decide(
            &Ask::MethodReset {
                region: region.clone(),
            },
            &subject,
        )
        .await?
    else {
        return Ok(());
    };
    let list: Vec<String> = match &change.write {
        Write::MethodReset { methods, .. } => reset::plan(methods)
            .0
            .iter()
            .map(|m| MethodView::of(m, region.as_deref()).detail)
            .collect(),
        _ => vec![],
    };
    if list.is_empty() {
        ctx.notice(&format!("{who} has no methods to remove but the password"));
    }
    let question = format!(
        "Remove every MFA method of {who} ({}) and sign them out everywhere? They must register again at next sign-in.",
        if list.is_empty() {
            "none left".into()
        } else {
            list.join("; ")
        }
    );
    let Done::Reset(report) = oncall::make(ctx, &door, *change, &question).await? else {
        return Err(Error::failed(
            "care asked for a reset and made another change",
            vec![],
        ));
    };
    let user = &subject.user;
    let revoked = matches!(report.sessions, Some(Ok(())));
    let json = ResetJson {
        user: user.upn().to_string(),
        removed: report.removed.clone(),
        failed: report
            .failed
            .iter()
            .map(|(m, e)| Failed {
                method: m.clone(),
                error: e.to_string(),
            })
            .collect(),
        skipped: report.skipped.clone(),
        not_attempted: report.not_attempted.clone(),
        sessions_revoked: revoked,
    };
    let mut rows: Vec<Vec<String>> = vec![];
    rows.extend(
        report
            .removed
            .iter()
            .map(|m| vec!["removed".into(), m.detail.clone()]),
    );
    rows.extend(
        report
            .failed
            .iter()
            .map(|(m, e)| vec!["FAILED".into(), format!("{}: {e}", m.detail)]),
    );
    rows.extend(
        report
            .skipped
            .iter()
            .map(|m| vec!["kept (unknown kind)".into(), m.detail.clone()]),
    );
    rows.extend(
        report
            .not_attempted
            .iter()
            .map(|m| vec!["not attempted".into(), m.detail.clone()]),
    );
    rows.push(vec![
        "sessions".into(),
        match &report.sessions {
            Some(Ok(())) => "revoked: they are signed out everywhere within minutes".into(),
            Some(Err(e)) => format!("NOT revoked: {e}"),
            None => "not revoked: methods remain".into(),
        },
    ]);
    ctx.emit(ctx.out.records(&["result", "method"], &rows, &json))?;
    match (report.failed.into_iter().next(), report.sessions) {
        (Some((_, e)), _) => Err(Error::failed(
            format!("the reset of {} stopped: {e}", user.upn()),
            vec![
                "what was removed is listed above; run the reset again when the cause is fixed"
                    .into(),
            ],
        )),
        (None, Some(Err(e))) => Err(e.into()),
        _ => Ok(()),
    }
}
