//! Exchange data through Graph: calendar permissions, mailbox settings, and sending mail.

use super::client::{Call, GraphClient, GraphError};
use super::encode::UserRef;
use super::model::{CalendarPermission, MailMessage, ValueOf};
use super::permit::Permit;

/// Whose mailbox a message goes out from: the signed-in agent's (`/me`), or a named one (an
/// app sends as the Care Center's mailbox).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    Me,
    Mailbox(UserRef),
}

impl Sender {
    pub fn describe(&self) -> String {
        match self {
            Sender::Me => "your mailbox".into(),
            Sender::Mailbox(m) => m.as_str().to_string(),
        }
    }
}

/// `POST …/sendMail`: Graph answers 202 and keeps nothing to read back, so it is sent once.
/// Outlook's service paces it, not the directory's write limit.
pub fn send_mail_call(sender: &Sender, message: &MailMessage) -> Call {
    let path = match sender {
        Sender::Me => "me/sendMail".to_string(),
        Sender::Mailbox(m) => format!("{}/sendMail", m.path()),
    };
    Call::post(path)
        .body(serde_json::json!({
            "message": message,
            "saveToSentItems": true,
        }))
        .unpaced()
}

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

    /// Sends `message` from `sender`'s mailbox.
    pub async fn send_mail(
        &self,
        permit: &Permit,
        sender: &Sender,
        message: &MailMessage,
    ) -> Result<(), GraphError> {
        self.write(&send_mail_call(sender, message), permit)
            .await
            .map(drop)
    }

    /// The name of the owner's default calendar, in the mailbox's language (`Calendario` in a
    /// Spanish one): what Exchange's folder path calls it.
    pub async fn calendar_name(&self, owner: &UserRef) -> Result<Option<String>, GraphError> {
        let call = Call::get(format!("{}/calendar", owner.path())).query("$select", "name");
        let v: serde_json::Value = self.json(&call).await?;
        Ok(v["name"].as_str().map(str::to_owned))
    }

    /// The name of the owner's inbox, found by its well-known name (`inbox` whatever the
    /// mailbox's language), as the mailbox shows it (`Bandeja de entrada`).
    pub async fn inbox_name(&self, owner: &UserRef) -> Result<Option<String>, GraphError> {
        let call = Call::get(format!("{}/mailFolders/inbox", owner.path()))
            .query("$select", "displayName");
        let v: serde_json::Value = self.json(&call).await?;
        Ok(v["displayName"].as_str().map(str::to_owned))
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
