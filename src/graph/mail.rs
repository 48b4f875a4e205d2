//! Exchange data through Graph: calendar permissions and mailbox settings.

use super::client::{Call, GraphClient, GraphError};
use super::encode::UserRef;
use super::model::{CalendarPermission, ValueOf};

impl GraphClient {
    pub async fn calendar_permissions(
        &self,
        owner: &UserRef,
    ) -> Result<Vec<CalendarPermission>, GraphError> {
        self.all(
            &Call::get(format!("{}/calendar/calendarPermissions", owner.path())),
            None,
        )
        .await
    }

    /// Who receives meeting requests when the owner has a delegate.
    pub async fn delegate_delivery(&self, owner: &UserRef) -> Result<Option<String>, GraphError> {
        let call = Call::get(format!(
            "{}/mailboxSettings/delegateMeetingMessageDeliveryOptions",
            owner.path()
        ));
        let v: ValueOf<Option<String>> = self.json(&call).await?;
        Ok(v.value)
    }
}
