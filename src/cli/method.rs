//! `care method list|remove|reset`.

use super::ctx::Ctx;
use super::user::method_row;
use crate::error::Error;
use crate::graph::client::GraphError;
use crate::graph::client::recording_writes;
use crate::graph::encode::UserRef;
use crate::graph::model::{
    AuthMethod, MethodKind, PHONE_ALTERNATE_ID, PHONE_MOBILE_ID, PhoneType, User,
};
use crate::guard::Action;
use crate::ops::card::{Card, MethodView};
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
    /// Set the user's default MFA method (what they are asked for first)
    Default(DefaultArgs),
}

/// A default MFA method, as Graph's `userPreferredMethodForSecondaryAuthentication` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DefaultKind {
    /// A notification in Microsoft Authenticator
    Push,
    /// A code from an authenticator app (works without signal)
    Oath,
    /// A text to the mobile phone
    Sms,
    /// A call to the mobile phone
    VoiceMobile,
    /// A call to the alternate mobile phone
    VoiceAlternate,
    /// A call to the office phone
    VoiceOffice,
}

impl DefaultKind {
    pub const ALL: [DefaultKind; 6] = [
        DefaultKind::Push,
        DefaultKind::Oath,
        DefaultKind::Sms,
        DefaultKind::VoiceMobile,
        DefaultKind::VoiceAlternate,
        DefaultKind::VoiceOffice,
    ];

    pub fn graph(self) -> &'static str {
        match self {
            DefaultKind::Push => "push",
            DefaultKind::Oath => "oath",
            DefaultKind::Sms => "sms",
            DefaultKind::VoiceMobile => "voiceMobile",
            DefaultKind::VoiceAlternate => "voiceAlternateMobile",
            DefaultKind::VoiceOffice => "voiceOffice",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            DefaultKind::Push => "a notification in Microsoft Authenticator",
            DefaultKind::Oath => "a code from an authenticator app",
            DefaultKind::Sms => "a text to the mobile phone",
            DefaultKind::VoiceMobile => "a call to the mobile phone",
            DefaultKind::VoiceAlternate => "a call to the alternate mobile phone",
            DefaultKind::VoiceOffice => "a call to the office phone",
        }
    }

    fn from_graph(s: &str) -> Option<DefaultKind> {
        DefaultKind::ALL.into_iter().find(|k| k.graph() == s)
    }

    /// The defaults a method can back.
    fn backed_by(m: &AuthMethod) -> &'static [DefaultKind] {
        match m {
            AuthMethod::Authenticator(_) => &[DefaultKind::Push, DefaultKind::Oath],
            AuthMethod::SoftwareOath(_) => &[DefaultKind::Oath],
            AuthMethod::Phone(p) => match p.phone_type {
                PhoneType::Mobile => &[DefaultKind::Sms, DefaultKind::VoiceMobile],
                PhoneType::AlternateMobile => &[DefaultKind::VoiceAlternate],
                PhoneType::Office => &[DefaultKind::VoiceOffice],
                PhoneType::Unknown => &[],
            },
            _ => &[],
        }
    }
}

/// The defaults the user's methods (but `except`) can back.
fn possible_defaults(methods: &[AuthMethod], except: Option<&str>) -> Vec<DefaultKind> {
    let mut kinds: Vec<DefaultKind> = methods
        .iter()
        .filter(|m| Some(m.id()) != except)
        .flat_map(|m| DefaultKind::backed_by(m).iter().copied())
        .collect();
    kinds.sort_by_key(|k| DefaultKind::ALL.iter().position(|a| a == k));
    kinds.dedup();
    kinds
}

#[derive(Debug, Args)]
pub struct DefaultArgs {
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    pub user: String,
    /// The new default
    #[arg(value_enum)]
    pub kind: DefaultKind,
}

#[derive(Debug, Args)]
pub struct UserArg {
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    pub user: String,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// UPN, object id, employee id, mail address, or words of a name (and the school)
    pub user: String,
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

async fn list(ctx: &Ctx, input: &str) -> Result<(), Error> {
    let user = ctx.user(input).await?;
    let methods = ctx.graph().await?.methods(&UserRef::of(&user)).await?;
    let region = ctx.phone_region();
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
                .map(|m| format!("{}  {}", m.id(), MethodView::of(m, None).detail))
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

/// The card's methods, or a fresh read when the card could not get them.
async fn methods_of(ctx: &Ctx, card: &Card) -> Result<Vec<AuthMethod>, Error> {
    Ok(match &card.methods {
        Ok(m) => m.clone(),
        Err(_) => ctx.graph().await?.methods(&UserRef::of(&card.user)).await?,
    })
}

/// The user's default MFA method (`None` when it is not set or can't be read).
async fn current_default(ctx: &Ctx, user: &User) -> Result<Option<DefaultKind>, Error> {
    match ctx
        .graph()
        .await?
        .sign_in_preferences(&UserRef::of(user))
        .await
    {
        Ok(p) => Ok(p
            .user_preferred_method_for_secondary_authentication
            .as_deref()
            .and_then(DefaultKind::from_graph)),
        Err(e) if matches!(e.status(), Some(400 | 403 | 404)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn remove(ctx: &Ctx, args: RemoveArgs) -> Result<(), Error> {
    let card = ctx.card(&args.user).await?;
    let user = &card.user;
    let key = UserRef::of(user);
    let graph = ctx.graph().await?;
    let methods = methods_of(ctx, &card).await?;
    let method = pick(&methods, &args.method)?;
    let view = MethodView::of(method, ctx.phone_region().as_deref());
    let Some(kind) = method.kind().filter(|k| *k != MethodKind::Password) else {
        return Err(Error::usage_hint(
            format!("care can't remove a {} method", view.kind),
            "the password is reset elsewhere; unknown kinds are removed in the Entra portal",
        ));
    };
    let call = ctx
        .on_call(Action::MethodRemove, user, Some(&card), |_| Ok(()))
        .await?;
    // Graph refuses to remove the default method while others remain: move it first
    let others = possible_defaults(&methods, Some(method.id()));
    let new_default = match current_default(ctx, user).await? {
        Some(d) if DefaultKind::backed_by(method).contains(&d) && !others.is_empty() => {
            ctx.notice(&format!(
                "{} is {}'s default sign-in method ({}); Graph won't remove it until another method is the default",
                view.detail,
                who(user),
                d.words()
            ));
            Some(match args.new_default {
                Some(k) if others.contains(&k) => k,
                Some(k) => {
                    return Err(Error::usage_hint(
                        format!(
                            "{} can't be the default: no method of the user backs it",
                            k.words()
                        ),
                        format!(
                            "one of: {}",
                            others
                                .iter()
                                .map(|k| format!("{:?}", k).to_lowercase())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
                None => {
                    let items: Vec<String> = others.iter().map(|k| k.words().to_string()).collect();
                    match ctx.pick("Which method should be the default instead?", &items)? {
                        Some(i) => others[i],
                        None => {
                            return Err(Error::usage_hint(
                                format!("{} is the user's default method", view.detail),
                                "pass --new-default KIND to move the default first (push, oath, sms, voice-mobile, voice-alternate, voice-office)",
                            ));
                        }
                    }
                }
            })
        }
        _ => None,
    };
    ctx.confirm(&crate::output::sanitize(&match new_default {
        Some(d) => format!(
            "Make {} the default of {}, then remove {}?",
            d.words(),
            who(user),
            view.detail
        ),
        None => format!("Remove {} of {}?", view.detail, who(user)),
    }))?;
    let (removed, ids) = recording_writes(async {
        if let Some(d) = new_default {
            crate::ops::write::default_method(graph, &key, d.graph()).await?;
        }
        crate::ops::write::delete_method(graph, &key, kind, method.id()).await
    })
    .await;
    call.done(
        &removed,
        match new_default {
            Some(d) => format!("default moved to {}; removed {}", d.graph(), view.detail),
            None => format!("removed {}", view.detail),
        },
        ids.last().cloned(),
    )?;
    removed.map_err(|e| refused_delete(e, method.id(), &methods))?;
    ctx.notice(&format!("removed {} of {}", view.detail, who(user)));
    Ok(())
}

async fn default(ctx: &Ctx, args: DefaultArgs) -> Result<(), Error> {
    let card = ctx.card(&args.user).await?;
    let user = &card.user;
    let methods = methods_of(ctx, &card).await?;
    let possible = possible_defaults(&methods, None);
    if !possible.contains(&args.kind) {
        return Err(Error::usage_hint(
            format!("{} has no method for {}", who(user), args.kind.words()),
            if possible.is_empty() {
                "they have no MFA method that can be a default: have them register one at https://aka.ms/mfasetup".to_string()
            } else {
                format!(
                    "possible: {}",
                    possible
                        .iter()
                        .map(|k| k.words())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            },
        ));
    }
    if current_default(ctx, user).await? == Some(args.kind) {
        ctx.notice(&format!(
            "{}'s default is already {}; nothing to change",
            who(user),
            args.kind.words()
        ));
        return Ok(());
    }
    let call = ctx
        .on_call(Action::MethodDefault, user, Some(&card), |_| Ok(()))
        .await?;
    ctx.confirm(&crate::output::sanitize(&format!(
        "Make {} the default sign-in method of {}?",
        args.kind.words(),
        who(user)
    )))?;
    let graph = ctx.graph().await?;
    let (set, ids) = recording_writes(crate::ops::write::default_method(
        graph,
        &UserRef::of(user),
        args.kind.graph(),
    ))
    .await;
    call.done(
        &set,
        format!("default set to {}", args.kind.graph()),
        ids.last().cloned(),
    )?;
    set?;
    ctx.notice(&format!(
        "{}'s default sign-in method is now {}",
        who(user),
        args.kind.words()
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

async fn reset(ctx: &Ctx, input: &str) -> Result<(), Error> {
    let card = ctx.card(input).await?;
    let user = &card.user;
    let graph = ctx.graph().await?;
    let methods = methods_of(ctx, &card).await?;
    let (delete, _) = reset::plan(&methods);
    if delete.is_empty() {
        ctx.notice(&format!(
            "{} has no methods to remove but the password",
            who(user)
        ));
    }
    let region = ctx.phone_region();
    let list: Vec<String> = delete
        .iter()
        .map(|m| MethodView::of(m, region.as_deref()).detail)
        .collect();
    let call = ctx
        .on_call(Action::MethodReset, user, Some(&card), |_| Ok(()))
        .await?;
    ctx.confirm(&crate::output::sanitize(&format!(
        "Remove every MFA method of {} ({}) and sign them out everywhere? They must register again at next sign-in.",
        who(user),
        if list.is_empty() { "none left".into() } else { list.join("; ") }
    )))?;
    let (report, ids) =
        recording_writes(reset::run(graph, user, &methods, region.as_deref())).await;
    let outcome: Result<(), String> = match (report.failed.first(), &report.sessions) {
        (Some((m, e)), _) => Err(format!("{}: {e}", m.detail)),
        (None, Some(Err(e))) => Err(format!("sessions: {e}")),
        _ => Ok(()),
    };
    call.done(
        &outcome,
        format!("removed {} method(s)", report.removed.len()),
        ids.last().cloned(),
    )?;
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
