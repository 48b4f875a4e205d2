//! The tenant's policies for the methods that outlast SMS and voice, in plain words, so an
//! agent knows before the call is lost why something will be refused: QR code + PIN (who, PIN
//! length, badge lifetime), key fobs (who), passkeys (who, synced or device-bound, which key
//! models, attestation, self-service setup).

use crate::graph::model::QrPinPolicy;
use serde_json::Value;

/// The hours a temporary QR code may live (Graph: 1-12 hours from its start).
pub const QR_TEMPORARY_HOURS: std::ops::RangeInclusive<u32> = 1..=12;

/// A key model's name, or its AAGUID.
pub fn model(aaguid: &str) -> String {
    crate::graph::model::webauthn::model_name(aaguid)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("the key model {aaguid}"))
}

/// Who a policy's targets include, in words.
pub fn targets(include: &[Value], exclude: &[Value]) -> String {
    let name = |t: &Value| match t["id"].as_str() {
        Some("all_users") => "everyone".to_string(),
        Some(id) => format!("the group {id}"),
        None => "nobody".into(),
    };
    let mut words = if include.is_empty() {
        "nobody".to_string()
    } else {
        include.iter().map(name).collect::<Vec<_>>().join(", ")
    };
    if !exclude.is_empty() {
        words.push_str(&format!(
            " but {}",
            exclude.iter().map(name).collect::<Vec<_>>().join(", ")
        ));
    }
    words
}

fn on(state: Option<&str>) -> bool {
    state == Some("enabled")
}

/// The QR code + PIN policy.
pub fn qr(p: &QrPinPolicy) -> Vec<String> {
    let who = targets(&p.include_targets, &p.exclude_targets);
    if !on(p.state.as_deref()) {
        return vec!["QR code + PIN sign-in is off: `care qr issue` will be refused; an Authentication Policy Administrator turns it on".into()];
    }
    vec![
        format!("QR code + PIN sign-in is on for {who}"),
        format!(
            "a PIN has at least {} digits; the desk's PIN is temporary: they choose their own at the first sign-in",
            p.pin_length.unwrap_or(8)
        ),
        format!(
            "a badge is valid for {} days; a temporary code for a forgotten badge lives {} to {} hours",
            p.standard_qr_code_lifetime_in_days.unwrap_or(365),
            QR_TEMPORARY_HOURS.start(),
            QR_TEMPORARY_HOURS.end()
        ),
        "it signs in on shared Android and iOS devices only (not on a computer's browser)".into(),
    ]
}

/// The hardware OATH (key fob) policy.
pub fn fobs(p: &Value) -> Vec<String> {
    let empty = vec![];
    let who = targets(
        p["includeTargets"].as_array().unwrap_or(&empty),
        p["excludeTargets"].as_array().unwrap_or(&empty),
    );
    if on(p["state"].as_str()) {
        vec![format!(
            "key fobs are on for {who}: a fob from the box is given with `care fob assign` and works once activated"
        )]
    } else {
        vec!["key fobs are off: a fob can't be given or activated; an Authentication Policy Administrator turns them on".into()]
    }
}

/// A passkey profile's rules, in words.
fn profile(p: &Value) -> String {
    let types = p["passkeyTypes"].as_str().unwrap_or_default();
    let kinds = match (types.contains("deviceBound"), types.contains("synced")) {
        (true, true) => "device-bound and synced passkeys",
        (true, false) => "device-bound passkeys only (synced passkeys are not allowed)",
        (false, true) => "synced passkeys only (no security keys)",
        (false, false) => "no passkeys",
    };
    let mut words = kinds.to_string();
    let r = &p["keyRestrictions"];
    if r["isEnforced"] == true {
        let models: Vec<String> = r["aaGuids"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(model)
            .collect();
        match r["enforcementType"].as_str() {
            Some("allow") => words.push_str(&format!("; only {}", models.join(", "))),
            Some("block") => words.push_str(&format!("; not {}", models.join(", "))),
            _ => {}
        }
    }
    if p["attestationEnforcement"] == "registrationOnly" {
        words.push_str("; the key must prove its model (attestation) when it is registered");
    }
    words
}

/// The FIDO2 (passkey) policy, by who gets which profile.
pub fn passkeys(p: &Value) -> Vec<String> {
    if !on(p["state"].as_str()) {
        return vec!["passkeys are off: none can be registered, at the desk or by the person; an Authentication Policy Administrator turns them on".into()];
    }
    let empty = vec![];
    let profiles = p["passkeyProfiles"].as_array().unwrap_or(&empty);
    let by_id = |id: &str| profiles.iter().find(|q| q["id"] == id);
    let mut says = vec![];
    for target in p["includeTargets"].as_array().unwrap_or(&empty) {
        let who = targets(std::slice::from_ref(target), &[]);
        let allowed: Vec<&Value> = target["allowedPasskeyProfiles"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter_map(by_id)
            .collect();
        if allowed.is_empty() {
            says.push(format!("passkeys are on for {who}"));
        }
        for q in allowed {
            says.push(format!(
                "for {who} ({}): {}",
                q["name"].as_str().unwrap_or("a profile"),
                profile(q)
            ));
        }
    }
    let excluded = p["excludeTargets"].as_array().unwrap_or(&empty);
    if !excluded.is_empty() {
        says.push(format!(
            "not for {}",
            targets(excluded, &[]).trim_start_matches("everyone but ")
        ));
    }
    says.push(if p["isSelfServiceRegistrationAllowed"] == false {
        "self-service setup is off: a passkey can't be made at the desk for someone (care passkey provision) nor by them".into()
    } else {
        "self-service setup is on: a passkey can be made at the desk for someone".into()
    });
    says
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn passkey_profiles_in_words() {
        let p = json!({
            "state": "enabled",
            "isSelfServiceRegistrationAllowed": true,
            "includeTargets": [{"targetType": "group", "id": "all_users", "allowedPasskeyProfiles": ["2"]}],
            "passkeyProfiles": [
                {"id": "1", "name": "Default", "passkeyTypes": "deviceBound,synced"},
                {"id": "2", "name": "Staff", "passkeyTypes": "deviceBound", "attestationEnforcement": "registrationOnly",
                 "keyRestrictions": {"isEnforced": true, "enforcementType": "allow",
                     "aaGuids": ["cb69481e-8ff7-4039-93ec-0a2729a154a8", "00000000-0000-0000-0000-00000000abcd"]}}
            ]
        });
        let says = passkeys(&p);
        assert_eq!(
            says[0],
            "for everyone (Staff): device-bound passkeys only (synced passkeys are not allowed); only YubiKey 5 Series, the key model 00000000-0000-0000-0000-00000000abcd; the key must prove its model (attestation) when it is registered"
        );
        assert!(says[1].starts_with("self-service setup is on"));
        assert!(passkeys(&json!({"state": "disabled"}))[0].starts_with("passkeys are off"));
        assert_eq!(
            targets(&[json!({"id": "all_users"})], &[json!({"id": "g1"})]),
            "everyone but the group g1"
        );
    }
}
