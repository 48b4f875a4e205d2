//! The Exchange Online Admin API (Preview) beside Graph: folder permissions and Send on Behalf
//! of a mailbox, what Outlook's delegate setup writes (`shared/exchange-admin-api.md`). The
//! requests go through the same client as Graph's (retries, 429 and `Retry-After`, 401
//! renewal), with a token for the Exchange resource from the same sign-in.

use super::client::{Call, GraphClient, GraphError};
use super::model::Collection;
use super::model::exchange::{CmdletRequest, FolderPermission, Mailbox};

/// A client of one tenant's Admin API.
pub struct ExchangeClient {
    client: GraphClient,
    /// The tenant to use when the token does not name its own (`tid`).
    tenant: String,
}

impl ExchangeClient {
    /// `client` talks to the Admin API's base URL (e.g. `https://outlook.office365.com`) with
    /// tokens for the Exchange resource.
    pub fn new(client: GraphClient, tenant: impl Into<String>) -> ExchangeClient {
        ExchangeClient {
            client,
            tenant: tenant.into(),
        }
    }

    /// The tenant id of the URL: "the `tid` value from the token claims" (§3, DOC), else the
    /// configured tenant.
    async fn tenant_id(&self) -> Result<String, GraphError> {
        let token = self.client.access_token().await?;
        Ok(crate::auth::oauth::claims(&token)
            .and_then(|c| c["tid"].as_str().map(str::to_owned))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| self.tenant.clone()))
    }

    /// `X-AnchorMailbox` for a request about `mailbox` (OBS: `UPN:{target}`; UNCONFIRMED).
    fn anchor(mailbox: &str) -> String {
        format!("UPN:{mailbox}")
    }

    /// Every permission on `{mailbox}:\{folder}` (`Get-MailboxFolderPermission`).
    pub async fn folder_permissions(
        &self,
        mailbox: &str,
        folder: &str,
    ) -> Result<Vec<FolderPermission>, GraphError> {
        let call = Call::cmdlet(
            &self.tenant_id().await?,
            "MailboxFolderPermission",
            &Self::anchor(mailbox),
            &CmdletRequest::folder_permissions(mailbox, folder),
        );
        self.client.all(&call, None).await
    }

    /// The mailbox with its Send on Behalf list (`Get-Mailbox`); `None` when the answer holds
    /// no mailbox.
    pub async fn mailbox(&self, mailbox: &str) -> Result<Option<Mailbox>, GraphError> {
        let call = Call::cmdlet(
            &self.tenant_id().await?,
            "Mailbox",
            &Self::anchor(mailbox),
            &CmdletRequest::mailbox(mailbox),
        );
        let page: Collection<Mailbox> = self.client.json(&call).await?;
        Ok(page.value.into_iter().next())
    }
}
