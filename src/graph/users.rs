//! Users: get, find, search, and revoking sign-in sessions.

use super::client::{Call, GraphClient, GraphError};
use super::encode::{UserRef, literal};
use super::model::{User, ValueOf};
use super::permit::Permit;

/// The properties `care` reads about a person.
pub const CARD_SELECT: &str = "id,displayName,givenName,surname,userPrincipalName,mail,jobTitle,department,officeLocation,employeeId,accountEnabled,userType,mobilePhone,businessPhones,signInSessionsValidFromDateTime";

pub fn get_call(user: &UserRef) -> Call {
    Call::get(user.path()).query("$select", CARD_SELECT)
}

impl GraphClient {
    pub async fn user(&self, user: &UserRef) -> Result<User, GraphError> {
        self.json(&get_call(user)).await
    }

    /// The user's manager; `None` when none is set (Graph answers 404).
    pub async fn manager(&self, user: &UserRef) -> Result<Option<User>, GraphError> {
        let call = Call::get(format!("{}/manager", user.path())).query("$select", CARD_SELECT);
        match self.json(&call).await {
            Ok(u) => Ok(Some(u)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Users whose `mail` is `address` (for a caller who gives a mail alias, not a UPN).
    pub async fn users_by_mail(&self, address: &str) -> Result<Vec<User>, GraphError> {
        let call = Call::get("users")
            .query("$filter", format!("mail eq {}", literal(address)))
            .query("$select", CARD_SELECT)
            .query("$top", "10");
        self.all(&call, Some(10)).await
    }

    /// One round trip: the users a `$search` expression finds (up to `top`, with Graph's count
    /// of all it found), and the user with `employee_id`, in one `$batch`.
    pub async fn find_users(
        &self,
        search: &str,
        employee_id: Option<&str>,
        top: usize,
    ) -> Result<(Vec<User>, Option<u64>), GraphError> {
        let mut calls = vec![
            Call::get("users")
                .query("$search", search)
                .query("$select", CARD_SELECT)
                .query("$count", "true")
                .query("$top", top.clamp(1, 999).to_string())
                .eventual(),
        ];
        if let Some(id) = employee_id {
            calls.push(
                Call::get("users")
                    .query("$filter", format!("employeeId eq {}", literal(id)))
                    .query("$select", CARD_SELECT),
            );
        }
        let mut people = vec![];
        let mut count = None;
        for (i, reply) in self.batch(&calls).await?.into_iter().enumerate() {
            let page: super::model::Collection<User> = reply?.json()?;
            if i == 0 {
                count = page.count;
            }
            people.extend(page.value);
        }
        Ok((people, count))
    }

    /// Everyone in the directory (the card's fields), for reports that group by school.
    pub async fn staff(&self) -> Result<Vec<User>, GraphError> {
        let call = Call::get("users")
            .query("$select", CARD_SELECT)
            .query("$top", "999");
        self.all(&call, None).await
    }

    /// Invalidates the user's refresh tokens and session cookies.
    pub async fn revoke_sessions(&self, permit: &Permit, user: &UserRef) -> Result<(), GraphError> {
        let call = Call::post(format!("{}/revokeSignInSessions", user.path()));
        let reply = self.write(&call, permit).await?;
        if reply.status == 200 {
            let _: ValueOf<bool> = reply.json()?;
        }
        Ok(())
    }
}
