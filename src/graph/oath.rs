//! Key fobs, hardware OATH tokens (beta only, graph-api.md §15): the tenant's inventory and a
//! user's `hardwareOathMethods`.

use super::client::{Call, GraphClient, GraphError};
use super::encode::{UserRef, literal};
use super::model::{OathDevice, OathMethod};
use super::permit::Permit;
use serde_json::json;

const INVENTORY: &str = "/directory/authenticationMethodDevices/hardwareOathDevices";

fn path(user: &UserRef) -> String {
    format!("{}/authentication/hardwareOathMethods", user.path())
}

impl GraphClient {
    /// The tenant's fobs (all, or those `status` names: `available`, `assigned`, …).
    pub async fn fobs(&self, status: Option<&str>) -> Result<Vec<OathDevice>, GraphError> {
        let mut call = Call::get(INVENTORY).beta();
        if let Some(s) = status {
            call = call.query("$filter", format!("status eq {}", literal(s)));
        }
        self.all(&call, None).await
    }

    /// The fob with this serial number, if the inventory has it.
    pub async fn fob(&self, serial: &str) -> Result<Option<OathDevice>, GraphError> {
        let call = Call::get(INVENTORY)
            .beta()
            .query("$filter", format!("serialNumber eq {}", literal(serial)));
        Ok(self.all(&call, None).await?.into_iter().next())
    }

    /// The user's fobs.
    pub async fn user_fobs(&self, user: &UserRef) -> Result<Vec<OathMethod>, GraphError> {
        self.all(&Call::get(path(user)).beta(), None).await
    }

    /// Gives the user the fob `device` (not yet activated).
    pub async fn assign_fob(
        &self,
        permit: &Permit,
        user: &UserRef,
        device: &str,
    ) -> Result<(), GraphError> {
        let call = Call::post(path(user))
            .beta()
            .body(json!({"device": {"id": device}}));
        self.write(&call, permit).await.map(drop)
    }

    /// Activates the user's fob `method` with the code it shows.
    pub async fn activate_fob(
        &self,
        permit: &Permit,
        user: &UserRef,
        method: &str,
        code: &str,
    ) -> Result<(), GraphError> {
        let call = Call::post(format!("{}/{}/activate", path(user), method))
            .beta()
            .body(json!({"verificationCode": code}));
        self.write(&call, permit).await.map(drop)
    }

    /// Gives the user the fob with this serial number and activates it, in one request.
    pub async fn assign_activate_fob(
        &self,
        permit: &Permit,
        user: &UserRef,
        serial: &str,
        code: &str,
    ) -> Result<(), GraphError> {
        let call = Call::post(format!("{}/assignAndActivateBySerialNumber", path(user)))
            .beta()
            .body(json!({"serialNumber": serial, "verificationCode": code}));
        self.write(&call, permit).await.map(drop)
    }

    /// Takes the fob `method` back from the user (it stays in the inventory).
    pub async fn unassign_fob(
        &self,
        permit: &Permit,
        user: &UserRef,
        method: &str,
    ) -> Result<(), GraphError> {
        let call = Call::new(
            reqwest::Method::DELETE,
            super::client::Version::Beta,
            format!("{}/{}", path(user), method),
        );
        self.write(&call, permit).await.map(drop)
    }
}
