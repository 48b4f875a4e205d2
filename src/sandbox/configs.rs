//! The FIDO2 (passkey) and hardware OATH method configurations of the authentication methods
//! policy (graph-api.md §15): kept as Graph writes them, with the district's defaults.

use super::store;
use super::tenant::ApiError;
use crate::graph::model::webauthn::SOFTWARE_KEY;
use rusqlite::Connection;
use serde_json::{Value, json};

/// Microsoft Authenticator (iOS, Android), the YubiKey 5 series and the training key: the
/// keys the district's Staff profile allows.
const STAFF_KEYS: [&str; 5] = [
    "90a3ccdf-635c-4729-a248-9b709135078f",
    "de1e552d-db1d-4423-a619-566b625cdc84",
    "cb69481e-8ff7-4039-93ec-0a2729a154a8",
    "fa2b99dc-9e39-4257-8f92-4a30d23c4118",
    SOFTWARE_KEY,
];

/// `fido2`: passkeys on for everyone, who get the Staff profile: device-bound passkeys only
/// (no synced ones), of the models it allows (Authenticator, a YubiKey 5, the training key: by
/// the AAGUID a key reports, attestation not required); self-service setup allowed (a passkey
/// made at the desk needs it).
fn fido2_default() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
        "id": "Fido2",
        "state": "enabled",
        "isSelfServiceRegistrationAllowed": true,
        "isAttestationEnforced": false,
        "keyRestrictions": {"isEnforced": false, "enforcementType": "block", "aaGuids": []},
        "defaultPasskeyProfile": "00000000-0000-0000-0000-000000000001",
        "includeTargets": [{
            "targetType": "group", "id": "all_users", "isRegistrationRequired": false,
            "allowedPasskeyProfiles": ["00000000-0000-0000-0000-000000000002"]
        }],
        "excludeTargets": [],
        "passkeyProfiles": [
            {
                "id": "00000000-0000-0000-0000-000000000001",
                "name": "Default passkey profile",
                "passkeyTypes": "deviceBound,synced",
                "attestationEnforcement": "disabled",
                "keyRestrictions": {"isEnforced": false, "enforcementType": "allow", "aaGuids": []}
            },
            {
                "id": "00000000-0000-0000-0000-000000000002",
                "name": "Staff",
                "passkeyTypes": "deviceBound",
                "attestationEnforcement": "disabled",
                "keyRestrictions": {"isEnforced": true, "enforcementType": "allow", "aaGuids": STAFF_KEYS}
            }
        ]
    })
}

/// `hardwareOath` (beta): key fobs on for everyone.
fn hardware_oath_default() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration",
        "id": "HardwareOath",
        "state": "enabled",
        "includeTargets": [{"targetType": "group", "id": "all_users", "isRegistrationRequired": false}],
        "excludeTargets": []
    })
}

/// A configuration the sandbox keeps as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Fido2,
    HardwareOath,
}

impl Kept {
    fn key(self) -> &'static str {
        match self {
            Kept::Fido2 => "fido2_policy",
            Kept::HardwareOath => "hardware_oath_policy",
        }
    }
    fn default(self) -> Value {
        match self {
            Kept::Fido2 => fido2_default(),
            Kept::HardwareOath => hardware_oath_default(),
        }
    }
}

pub fn get(db: &Connection, kept: Kept) -> rusqlite::Result<Value> {
    Ok(store::meta_get(db, kept.key())?
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_else(|| kept.default()))
}

/// A PATCH: the keys given replace the kept ones (`@odata.type` and `id` stay). The FIDO2
/// policy holds at most three passkey profiles, the default among them (entra-docs
/// how-to-authentication-passkey-profiles.md).
pub fn update(db: &Connection, kept: Kept, patch: &Value) -> Result<(), ApiError> {
    let mut v = get(db, kept)?;
    for (k, val) in patch.as_object().cloned().unwrap_or_default() {
        if k != "@odata.type" && k != "id" {
            v[k] = val;
        }
    }
    if kept == Kept::Fido2 {
        let profiles = v["passkeyProfiles"].as_array().cloned().unwrap_or_default();
        if profiles.len() > 3 {
            return Err(ApiError::bad_request(
                "BadRequest",
                "A FIDO2 policy holds at most 3 passkey profiles.",
            ));
        }
        let default = v["defaultPasskeyProfile"].as_str().unwrap_or_default();
        if !profiles.iter().any(|p| p["id"] == default) {
            return Err(ApiError::bad_request(
                "BadRequest",
                "The default passkey profile can't be deleted.",
            ));
        }
    }
    store::meta_set(db, kept.key(), &v.to_string())?;
    Ok(())
}
