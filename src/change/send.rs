//! The writes, each sent exactly once. When a write's outcome is unknown (its answer was lost,
//! or Graph answered 5xx), the state is read back, with the reads' own retries, before anything
//! is sent again, and a resend waits out the `Retry-After` the failed answer gave: a change that
//! landed is never made twice (each one is an audit record in Entra, and a security-info change
//! the user may be told about). Every function here takes the door's [`Permit`].

use crate::graph::client::{GraphClient, GraphError};
use crate::graph::encode::UserRef;
use crate::graph::model::{
    AuthMethod, Fido2Method, MethodKind, PhoneType, QrCode, QrPin, QrPinMethod, Secret, TapMethod,
    TapRequest, User,
};
use crate::graph::permit::Permit;
use crate::ops::OpsError;
use crate::ops::card::MethodView;
use crate::ops::phone::{Match, Outcome, Plan, compare};
use crate::ops::reset::{ResetReport, plan};
use std::time::Duration;

/// How a write ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent<T> {
    /// Graph answered with success.
    Answered(T),
    /// The answer was lost, and the state read back shows the change landed.
    FoundLanded,
}

/// How many times a write whose outcome was unknown (and that did not land) is sent.
const ATTEMPTS: u32 = 5;

/// Sends `send`; after an unknown outcome waits out the failed answer's `Retry-After` (or a
/// short backoff), asks `landed` (a read), and sends again only when the change is not there.
/// When the state cannot be read, the change is not sent again: it may have landed.
pub async fn once<T, S, SF, L, LF>(send: S, landed: L) -> Result<Sent<T>, GraphError>
where
    S: Fn() -> SF,
    SF: Future<Output = Result<T, GraphError>>,
    L: Fn() -> LF,
    LF: Future<Output = Result<bool, GraphError>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match send().await {
            Ok(v) => return Ok(Sent::Answered(v)),
            Err(e) if e.maybe_applied() => {
                // the failed answer's Retry-After (or a short backoff) first: the change may
                // take a moment to show, and nothing is sent again before it has passed
                let wait = e
                    .retry_after()
                    .unwrap_or(Duration::from_millis(300 * u64::from(attempt)));
                tracing::warn!(
                    "{e}; reading the state back in {:.1} s before anything is sent again",
                    wait.as_secs_f64()
                );
                tokio::time::sleep(wait).await;
                match landed().await {
                    Ok(true) => return Ok(Sent::FoundLanded),
                    Ok(false) if attempt < ATTEMPTS => {
                        tracing::warn!("the change did not land; sending it again");
                    }
                    Ok(false) => return Err(e),
                    // the state could not be read: the change may have landed, and is not resent
                    Err(read) => {
                        tracing::warn!("the state could not be read back: {read}");
                        return Err(e);
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// Deletes one method, exactly once: a delete whose answer was lost is checked, and a method
/// already gone counts as deleted.
pub async fn delete_method(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    kind: MethodKind,
    id: &str,
) -> Result<(), GraphError> {
    let sent = once(
        move || graph.delete_method(permit, user, kind, id),
        move || async move { Ok(!graph.method_exists(user, kind, id).await?) },
    )
    .await;
    match sent {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Signs the user out everywhere, exactly once: a lost answer is checked against the user's
/// `signInSessionsValidFromDateTime` (which the revocation moves forward).
pub async fn revoke_sessions(
    graph: &GraphClient,
    permit: &Permit,
    user: &User,
) -> Result<(), GraphError> {
    let key = &UserRef::of(user);
    let before = &user.sign_in_sessions_valid_from_date_time;
    once(
        move || graph.revoke_sessions(permit, key),
        move || async move {
            let now = graph.user(key).await?;
            Ok(now.sign_in_sessions_valid_from_date_time.is_some()
                && &now.sign_in_sessions_valid_from_date_time != before)
        },
    )
    .await
    .map(drop)
}

/// Turns SMS sign-in on or off, exactly once: a lost answer is checked against the mobile
/// phone's `smsSignInState`.
pub async fn sms_sign_in(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    on: bool,
) -> Result<(), GraphError> {
    let want = if on { "ready" } else { "notEnabled" };
    once(
        move || graph.set_sms_sign_in(permit, user, on),
        move || async move {
            Ok(graph.phones(user).await?.iter().any(|p| {
                p.phone_type == crate::graph::model::PhoneType::Mobile
                    && p.sms_sign_in_state.as_deref() == Some(want)
            }))
        },
    )
    .await
    .map(drop)
}

/// Sets the default MFA method, exactly once: a lost answer is checked against the user's
/// sign-in preferences.
pub async fn default_method(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    kind: &str,
) -> Result<(), GraphError> {
    once(
        move || graph.set_default_method(permit, user, kind),
        move || async move {
            Ok(graph
                .sign_in_preferences(user)
                .await?
                .user_preferred_method_for_secondary_authentication
                .as_deref()
                == Some(kind))
        },
    )
    .await
    .map(drop)
}

/// The phone of `phone_type` as Graph shows it now, compared with `number`.
async fn shown_now(
    graph: &GraphClient,
    user: &UserRef,
    phone_type: PhoneType,
    number: &str,
) -> Result<Option<(Match, String)>, GraphError> {
    let now = graph.phones(user).await?;
    Ok(now
        .iter()
        .find(|p| p.phone_type == phone_type)
        .map(|p| (compare(&p.phone_number, number), p.phone_number.clone())))
}

/// Adds or changes the phone per `plan`, then makes sure of the outcome: a write whose answer
/// was lost is read back rather than sent again, and Graph's 409 `phoneNumberNotUnique` (the
/// phone is stored but SMS sign-in is refused) is read back rather than reported as a failure.
pub async fn phone(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    plan: &Plan,
    phone_type: PhoneType,
    number: &str,
) -> Result<Outcome, OpsError> {
    let shown = move || shown_now(graph, user, phone_type, number);
    let sent = once(
        move || async move {
            match plan {
                Plan::Add => graph
                    .add_phone(permit, user, number, phone_type)
                    .await
                    .map(drop),
                _ => graph.update_phone(permit, user, number, phone_type).await,
            }
        },
        // a masked number whose visible digits agree counts as landed only when it was not
        // there before (a new phone, or a change from a number whose digits differed)
        move || async move {
            Ok(match shown().await? {
                Some((Match::Same, _)) => true,
                Some((Match::Unsure, _)) => !matches!(plan, Plan::MaybeSet { .. }),
                _ => false,
            })
        },
    )
    .await;
    match sent {
        Ok(Sent::Answered(())) => Ok(Outcome::Set),
        Ok(Sent::FoundLanded) => match shown().await? {
            Some((Match::Unsure, shown)) => Ok(Outcome::ProbablySet { shown }),
            _ => Ok(Outcome::Set),
        },
        Err(e) if e.code() == Some("phoneNumberNotUnique") => {
            // the phone method is typically stored a moment later (graph-api.md §3.3 rule 10)
            tokio::time::sleep(Duration::from_secs(2)).await;
            match shown().await? {
                Some((Match::Same, _)) => Ok(Outcome::SetWithoutSmsSignIn),
                Some((Match::Unsure, shown)) => Ok(Outcome::ProbablySet { shown }),
                _ => Err(e.into()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// Issues a pass, exactly once: when the answer is lost the passes are read back, and a new one
/// there (its code is gone for good) is reported as [`OpsError::CodeLost`] rather than
/// replaced by a second pass. `before` is the user's passes before the request.
pub async fn pass(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    request: &TapRequest,
    before: &[TapMethod],
) -> Result<TapMethod, OpsError> {
    let sent = once(
        move || graph.create_pass(permit, user, request),
        move || async move {
            let now = graph.passes(user).await?;
            Ok(now.iter().any(|p| before.iter().all(|b| b.id != p.id)))
        },
    )
    .await?;
    match sent {
        Sent::Answered(pass) => Ok(pass),
        Sent::FoundLanded => Err(OpsError::CodeLost(user.as_str().to_string())),
    }
}

/// Removes every method but the password; the report reads phone numbers in `region` (none:
/// Graph's form).
pub async fn reset(
    graph: &GraphClient,
    permit: &Permit,
    user: &User,
    methods: &[AuthMethod],
    region: Option<&str>,
) -> ResetReport {
    let key = UserRef::of(user);
    let view = |m: &AuthMethod| MethodView::of(m, region);
    let (mut pending, skip) = plan(methods);
    let mut report = ResetReport {
        removed: vec![],
        failed: vec![],
        skipped: skip.into_iter().map(view).collect(),
        not_attempted: vec![],
        sessions: None,
    };
    // a method Graph refuses now (the default, or a mobile before its alternate) is tried again
    // after the others, as long as each round removes something
    loop {
        let mut refused: Vec<(&AuthMethod, GraphError)> = vec![];
        let before = report.removed.len();
        let mut queue = pending.into_iter();
        while let Some(m) = queue.next() {
            let deleted = match m.kind() {
                Some(kind) => delete_method(graph, permit, &key, kind, m.id()).await,
                None if m.odata_type() == crate::ops::reset::QR_TYPE => {
                    qr_remove(graph, permit, &key).await
                }
                None if m.odata_type() == crate::ops::reset::FOB_TYPE => {
                    fob_unassign(graph, permit, &key, m.id()).await
                }
                None => continue,
            };
            match deleted {
                Ok(()) => report.removed.push(view(m)),
                Err(e) if e.status() == Some(400) => refused.push((m, e)),
                Err(e) => {
                    report.failed.push((view(m), e));
                    report.not_attempted = queue
                        .chain(refused.into_iter().map(|r| r.0))
                        .map(view)
                        .collect();
                    return report;
                }
            }
        }
        if refused.is_empty() {
            break;
        }
        if report.removed.len() == before {
            report
                .failed
                .extend(refused.into_iter().map(|(m, e)| (view(m), e)));
            return report;
        }
        pending = refused.into_iter().map(|r| r.0).collect();
    }
    if report.skipped.is_empty() {
        report.sessions = Some(revoke_sessions(graph, permit, user).await);
    }
    report
}

/// Makes a QR code + PIN method, exactly once: one whose answer was lost is found by reading
/// the method back, and reported as lost (its image and PIN are never shown again).
pub async fn qr_issue(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    (start, expire): (&str, &str),
) -> Result<QrPinMethod, OpsError> {
    let sent = once(
        move || graph.create_qr(permit, user, start, expire),
        move || async move { Ok(graph.qr_method(user).await?.is_some()) },
    )
    .await?;
    match sent {
        Sent::Answered(m) => Ok(m),
        Sent::FoundLanded => Err(OpsError::QrLost {
            what: "QR code",
            user: user.as_str().to_string(),
        }),
    }
}

/// Makes a temporary QR code, exactly once (found by its new id when the answer was lost).
pub async fn qr_temporary(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    before: Option<&str>,
    (start, expire): (&str, &str),
) -> Result<QrCode, OpsError> {
    let sent = once(
        move || graph.create_temporary_qr(permit, user, start, expire),
        move || async move {
            let now = graph.qr_method(user).await?;
            let id = now.and_then(|m| m.temporary_qr_code).map(|t| t.id);
            Ok(id.is_some() && id.as_deref() != before)
        },
    )
    .await?;
    match sent {
        Sent::Answered(c) => Ok(c),
        Sent::FoundLanded => Err(OpsError::QrLost {
            what: "temporary QR code",
            user: user.as_str().to_string(),
        }),
    }
}

/// Resets the PIN, exactly once (found by its new `updatedDateTime` when the answer was lost).
pub async fn qr_pin_reset(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    before: Option<&str>,
) -> Result<QrPin, OpsError> {
    let sent = once(
        move || graph.reset_qr_pin(permit, user),
        move || async move {
            let now = graph.qr_method(user).await?;
            let updated = now.and_then(|m| m.pin).and_then(|p| p.updated_date_time);
            Ok(updated.as_deref() != before)
        },
    )
    .await?;
    match sent {
        Sent::Answered(p) => Ok(p),
        Sent::FoundLanded => Err(OpsError::QrLost {
            what: "PIN",
            user: user.as_str().to_string(),
        }),
    }
}

/// Deletes the QR code + PIN method, exactly once (gone already counts as deleted).
pub async fn qr_remove(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
) -> Result<(), GraphError> {
    let sent = once(
        move || graph.delete_qr(permit, user),
        move || async move { Ok(graph.qr_method(user).await?.is_none()) },
    )
    .await;
    match sent {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Gives the user a key fob, exactly once (found among their fobs when the answer was lost).
pub async fn fob_assign(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    device: &str,
) -> Result<(), GraphError> {
    once(
        move || graph.assign_fob(permit, user, device),
        move || async move {
            Ok(graph
                .user_fobs(user)
                .await?
                .iter()
                .any(|m| m.id == device || m.device.as_ref().is_some_and(|d| d.id == device)))
        },
    )
    .await
    .map(drop)
}

/// Activates a key fob with the code it shows, exactly once (found activated in the inventory
/// when the answer was lost): the user's fob `method`, or given and activated by serial.
pub async fn fob_activate(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    serial: &str,
    method: Option<&str>,
    code: &Secret,
) -> Result<(), GraphError> {
    once(
        move || async move {
            match method {
                Some(m) => graph.activate_fob(permit, user, m, code.expose()).await,
                None => {
                    graph
                        .assign_activate_fob(permit, user, serial, code.expose())
                        .await
                }
            }
        },
        move || async move {
            let device = graph.fob(serial).await?;
            Ok(device.is_some_and(|d| d.status.as_deref() == Some("activated")))
        },
    )
    .await
    .map(drop)
}

/// Takes a key fob back from the user, exactly once (gone already counts as taken back).
pub async fn fob_unassign(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    method: &str,
) -> Result<(), GraphError> {
    let sent = once(
        move || graph.unassign_fob(permit, user, method),
        move || async move { Ok(!graph.user_fobs(user).await?.iter().any(|m| m.id == method)) },
    )
    .await;
    match sent {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Registers a passkey made for the user, exactly once: one whose answer was lost is found
/// among their passkeys (a new id).
pub async fn passkey(
    graph: &GraphClient,
    permit: &Permit,
    user: &UserRef,
    body: &serde_json::Value,
    before: &[String],
) -> Result<Fido2Method, GraphError> {
    let sent = once(
        move || graph.create_passkey(permit, user, body),
        move || async move {
            Ok(graph
                .passkeys(user)
                .await?
                .iter()
                .any(|p| !before.contains(&p.id)))
        },
    )
    .await?;
    match sent {
        Sent::Answered(p) => Ok(p),
        Sent::FoundLanded => Ok(graph
            .passkeys(user)
            .await?
            .into_iter()
            .find(|p| !before.contains(&p.id))
            .unwrap_or_default()),
    }
}
