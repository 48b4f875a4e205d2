//! QR code + PIN (v1.0, graph-api.md §15): a user's method at
//! `/users/{id}/authentication/qrCodePinMethod`, its temporary code and PIN, and the policy.

use super::client::{Call, GraphClient, GraphError, Version};
use super::encode::UserRef;
use super::model::{QrCode, QrPin, QrPinMethod, QrPinPolicy};
use super::permit::Permit;
use reqwest::Method;
use serde_json::{Value, json};

fn path(user: &UserRef) -> String {
    format!("{}/authentication/qrCodePinMethod", user.path())
}

impl GraphClient {
    /// The user's QR code + PIN method, or `None` when they have none.
    pub async fn qr_method(&self, user: &UserRef) -> Result<Option<QrPinMethod>, GraphError> {
        match self.json(&Call::get(path(user))).await {
            Ok(m) => Ok(Some(m)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Makes the method: a standard QR code from `start` to `expire` (RFC 3339) and a PIN the
    /// service chooses. Not resent blind: the image and the PIN exist only in this reply.
    pub async fn create_qr(
        &self,
        permit: &Permit,
        user: &UserRef,
        start: &str,
        expire: &str,
    ) -> Result<QrPinMethod, GraphError> {
        let body = json!({
            "standardQRCode": {"startDateTime": start, "expireDateTime": expire},
        });
        let call = Call::new(Method::PUT, Version::V1, path(user)).body(body);
        self.write(&call, permit).await?.json()
    }

    /// A temporary QR code from `start` to `expire` (1 to 12 hours).
    pub async fn create_temporary_qr(
        &self,
        permit: &Permit,
        user: &UserRef,
        start: &str,
        expire: &str,
    ) -> Result<QrCode, GraphError> {
        let body = json!({"startDateTime": start, "expireDateTime": expire});
        let call = Call::new(
            Method::PATCH,
            Version::V1,
            format!("{}/temporaryQRCode", path(user)),
        )
        .body(body);
        self.write(&call, permit).await?.json()
    }

    /// A new PIN, made by the service (answered 201 with it, the one time it is shown).
    pub async fn reset_qr_pin(&self, permit: &Permit, user: &UserRef) -> Result<QrPin, GraphError> {
        let call = Call::new(Method::PATCH, Version::V1, format!("{}/pin", path(user)))
            .body(Value::Object(Default::default()));
        self.write(&call, permit).await?.json()
    }

    /// Deletes the method (both codes and the PIN).
    pub async fn delete_qr(&self, permit: &Permit, user: &UserRef) -> Result<(), GraphError> {
        let call = Call::new(Method::DELETE, Version::V1, path(user));
        self.write(&call, permit).await.map(drop)
    }

    /// The tenant's QR code + PIN policy.
    pub async fn qr_policy(&self) -> Result<QrPinPolicy, GraphError> {
        self.json(&Call::get(QrPinPolicy::PATH)).await
    }
}
