//! `care method list|remove|reset`.

use super::ctx::Ctx;
use super::user::method_row;
use crate::error::Error;
use crate::graph::client::GraphError;
use crate::graph::encode::UserRef;
use crate::graph::model::{
    AuthMethod, MethodKind, PHONE_ALTERNATE_ID, PHONE_MOBILE_ID, PhoneType, User,
};
use crate::ops::card::MethodView;
use crate::ops::reset;
use clap::{Args, Subcommand};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum MethodCommand {
    /// List a user's authentication methods
    List(UserArg),
    /// Remove one method, by id or by kind (phone, mobile, alternate, office, authenticator, oath, passkey, windows-hello, email, tap)
    Remove(RemoveArgs),
    /// Require re-registration: remove every method but the password, then revoke sessions
    Reset(UserArg),
}

#[derive(Debug, Args)]
pub struct UserArg {
    /// UPN, object id, mail address, or the start of a name
    pub user: String,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// UPN, object id, mail address, or the start of a name
    pub user: String,
    /// The method's id, or its kind when the user has one of that kind
    pub method: String,
}

pub async fn run(ctx: &Ctx, cmd: MethodCommand) -> Result<(), Error> {
    match cmd {
        MethodCommand::List(a) => list(ctx, &a.user).await,
        MethodCommand::Remove(a) => remove(ctx, &a.user, &a.method).await,
        MethodCommand::Reset(a) => reset(ctx, &a.user).await,
    }
}

async fn list(ctx: &Ctx, input: &str) -> Result<(), Error> {
    let user = ctx.user(input).await?;
    let methods = ctx.graph().await?.methods(&UserRef::of(&user)).await?;
    let views: Vec<MethodView> = methods.iter().map(MethodView::of).collect();
    let rows: Vec<Vec<String>> = views.iter().map(method_row).collect();
    ctx.emit(
        ctx.out
            .records(&["kind", "detail", "added", "id"], &rows, &views),
    )
}

/// Which of the user's methods `wanted` names.
fn pick<'a>(methods: &'a [AuthMethod], wanted: &str) -> Result<&'a AuthMethod, Error> {
    let wanted = wanted.trim();
    if let Some(m) = methods.iter().find(|m| m.id().eq_ignore_ascii_case(wanted)) {
        return Ok(m);
    }
    let phone = match wanted {
        "mobile" => Some(PhoneType::Mobile),
        "alternate" | "alternateMobile" => Some(PhoneType::AlternateMobile),
        "office" => Some(PhoneType::Office),
        _ => None,
    };
    let kind = phone
        .map(|_| MethodKind::Phone)
        .or_else(|| MethodKind::from_name(wanted));
    let Some(kind) = kind else {
        return Err(Error::usage_hint(
            format!("'{wanted}' is neither a method id nor a kind"),
            "use an id from `care method list`, or a kind: phone, mobile, alternate, office, authenticator, oath, passkey, windows-hello, email, tap",
        ));
    };
    let matching: Vec<&AuthMethod> = methods
        .iter()
        .filter(|m| m.kind() == Some(kind))
        .filter(|m| match (phone, m) {
            (Some(t), AuthMethod::Phone(p)) => p.phone_type == t,
            _ => true,
        })
        .collect();
    match matching.as_slice() {
        [] => Err(Error::NotFound {
            message: format!("the user has no {wanted} method"),
            hints: vec!["see what they have with `care method list USER`".into()],
        }),
        [one] => Ok(one),
        many => Err(Error::Usage {
            message: format!(
                "the user has {} {wanted} methods; say which by id",
                many.len()
            ),
            hints: many
                .iter()
                .map(|m| format!("{}  {}", m.id(), MethodView::of(m).detail))
                .collect(),
        }),
    }
}

/// Why Graph may refuse deleting a method, judged from the user's methods: Graph answers
/// both refusals with the same code, so care never reads the message to tell them apart.
pub fn refused_delete(e: GraphError, deleting_id: &str, methods: &[AuthMethod]) -> Error {
    let GraphError::Api(f) = &e else {
        return e.into();
    };
    if f.status != 400 {
        return e.into();
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

fn who(user: &User) -> String {
    format!("{} ({})", user.name(), user.upn())
}

async fn remove(ctx: &Ctx, input: &str, wanted: &str) -> Result<(), Error> {
    let user = ctx.user(input).await?;
    let key = UserRef::of(&user);
    let graph = ctx.graph().await?;
    let methods = graph.methods(&key).await?;
    let method = pick(&methods, wanted)?;
    let view = MethodView::of(method);
    let Some(kind) = method.kind().filter(|k| *k != MethodKind::Password) else {
        return Err(Error::usage_hint(
            format!("care can't remove a {} method", view.kind),
            "the password is reset elsewhere; unknown kinds are removed in the Entra portal",
        ));
    };
    ctx.confirm(&crate::output::sanitize(&format!(
        "Remove {} of {}?",
        view.detail,
        who(&user)
    )))?;
    crate::ops::write::delete_method(graph, &key, kind, method.id())
        .await
        .map_err(|e| refused_delete(e, method.id(), &methods))?;
    ctx.notice(&format!("removed {} of {}", view.detail, who(&user)));
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

async fn reset(ctx: &Ctx, input: &str) -> Result<(), Error> {
    let user = ctx.user(input).await?;
    let key = UserRef::of(&user);
    let graph = ctx.graph().await?;
    let methods = graph.methods(&key).await?;
    let (delete, _) = reset::plan(&methods);
    if delete.is_empty() {
        ctx.notice(&format!(
            "{} has no methods to remove but the password",
            who(&user)
        ));
    }
    let list: Vec<String> = delete.iter().map(|m| MethodView::of(m).detail).collect();
    ctx.confirm(&crate::output::sanitize(&format!(
        "Remove every MFA method of {} ({}) and sign them out everywhere? They must register again at next sign-in.",
        who(&user),
        if list.is_empty() { "none left".into() } else { list.join("; ") }
    )))?;
    let report = reset::run(graph, &user, &methods).await;
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
