//! Finding the caller as the agent named them: one person, a pick list on a terminal, or the
//! candidates told apart in a script's error; and their caller card in one round trip when
//! they were named by UPN or object id.

use super::ctx::Ctx;
use crate::error::Error;
use crate::graph::model::User;
use crate::ops::OpsError;
use crate::ops::card::{self, Card};
use crate::ops::resolve::{self, UserQuery};

/// How many people a pick list offers at most; more and the agent is asked for another word.
const PICK_AT_MOST: usize = 15;

/// Finds the caller (a key that cannot exist was refused as the argument was parsed);
/// several matches give a pick list on a terminal, or exit 2 with the candidates in a
/// script.
pub async fn user(ctx: &Ctx, query: &UserQuery) -> Result<User, Error> {
    let (input, lookup) = (query.text(), query.lookup());
    let resolve::Found {
        people: mut found,
        total,
    } = resolve::candidates(ctx.graph().await?, lookup).await?;
    match found.len() {
        0 => Err(OpsError::NoSuchUser(input.trim().to_string()).into()),
        1 => {
            ctx.remember(&found[0]);
            Ok(found.remove(0))
        }
        // too many to read through on a call: the error lists the best and asks for a word
        n if n > PICK_AT_MOST => Err(OpsError::Ambiguous {
            input: input.trim().to_string(),
            candidates: found,
            total,
        }
        .into()),
        _ => {
            let items: Vec<String> = found
                .iter()
                .map(|u| crate::output::sanitize(&resolve::tell_apart(u)))
                .collect();
            match ctx.pick(
                &format!(
                    "{} people match '{}'; which one?",
                    total.describe(),
                    input.trim()
                ),
                &items,
            )? {
                Some(i) => {
                    ctx.remember(&found[i]);
                    Ok(found.swap_remove(i))
                }
                None => Err(OpsError::Ambiguous {
                    input: input.trim().to_string(),
                    candidates: found,
                    total,
                }
                .into()),
            }
        }
    }
}

/// The caller card of `input` (user, methods, registration, sign-ins): a UPN or an object
/// id goes straight into the card's one batch; a name is resolved first.
pub async fn card(ctx: &Ctx, query: &UserQuery) -> Result<Card, Error> {
    let graph = ctx.graph().await?;
    let now = jiff::Timestamp::now();
    if let resolve::Lookup::Key(key) = query.lookup()
        && let Some(c) = card::fetch(graph, key, now).await?
    {
        ctx.remember(&c.user);
        return Ok(c);
    }
    let user = user(ctx, query).await?;
    Ok(
        card::fetch(graph, &crate::graph::encode::UserRef::of(&user), now)
            .await?
            .ok_or_else(|| OpsError::NoSuchUser(query.text().to_string()))?,
    )
}
