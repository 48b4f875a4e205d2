//! A change sent once. When a write's outcome is unknown (its answer was lost, or Graph
//! answered 5xx), the state is read back, with the reads' own retries, before anything is sent
//! again: a change that landed is never made twice (each one is an audit record in Entra, and
//! a security-info change the user may be told about).

use crate::graph::client::{GraphClient, GraphError};
use crate::graph::encode::UserRef;
use crate::graph::model::{MethodKind, User};
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

/// Sends `send`; after an unknown outcome asks `landed` (a read) and sends again only when the
/// change is not there.
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
                tracing::warn!("{e}; reading the state back before anything is sent again");
                tokio::time::sleep(Duration::from_millis(300 * u64::from(attempt))).await;
                if landed().await? {
                    return Ok(Sent::FoundLanded);
                }
                if attempt >= ATTEMPTS {
                    return Err(e);
                }
                tracing::warn!("the change did not land; sending it again");
            }
            Err(e) => return Err(e),
        }
    }
}

/// Deletes one method, exactly once: a delete whose answer was lost is checked, and a method
/// already gone counts as deleted.
pub async fn delete_method(
    graph: &GraphClient,
    user: &UserRef,
    kind: MethodKind,
    id: &str,
) -> Result<(), GraphError> {
    let sent = once(
        move || graph.delete_method(user, kind, id),
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
pub async fn revoke_sessions(graph: &GraphClient, user: &User) -> Result<(), GraphError> {
    let key = &UserRef::of(user);
    let before = &user.sign_in_sessions_valid_from_date_time;
    once(
        move || graph.revoke_sessions(key),
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
pub async fn sms_sign_in(graph: &GraphClient, user: &UserRef, on: bool) -> Result<(), GraphError> {
    let want = if on { "ready" } else { "notEnabled" };
    once(
        move || graph.set_sms_sign_in(user, on),
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
    user: &UserRef,
    kind: &str,
) -> Result<(), GraphError> {
    once(
        move || graph.set_default_method(user, kind),
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
