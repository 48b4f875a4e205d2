//! `care passkey`: passkeys made at the desk with care's software key, against the sandbox's
//! emulation of Graph's creationOptions and fido2Methods.

use crate::common::*;
use care::sandbox::demo;
use serde_json::{Value, json};

const VERIFIED: [&str; 3] = ["--yes", "--verified-by", "callback"];

/// Made, listed, removed: the passkey registered with its model and AAGUID, the change through
/// the door (audit record, the user told), and gone again.
#[test]
fn a_passkey_is_provisioned_listed_and_removed() {
    let t = Tenant::start();
    let user = demo::NO_SIGNAL;
    let made = t
        .run(
            [
                "-o",
                "json",
                "passkey",
                "provision",
                user,
                "--software",
                "--name",
                "Desk key",
            ]
            .iter()
            .chain(&VERIFIED),
        )
        .success();
    let p = made.json();
    assert_eq!(p["aaGuid"], "ca7e0000-5a4d-4b0c-8000-000000000001");
    assert_eq!(p["model"], "care sandbox software key");
    assert!(
        made.stderr.contains("made a passkey for Kevin Patel"),
        "{made}"
    );
    assert!(
        audit(&t)
            .iter()
            .any(|r| r["action"] == "passkey.provision" && r["result"] == "success")
    );
    let listed = t
        .run(["-o", "json", "passkey", "list", user])
        .success()
        .json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["id"].as_str())
        .collect();
    assert!(ids.contains(&p["id"].as_str().unwrap()), "{listed}");
    assert!(listed.to_string().contains("Desk key"));
    t.run(
        ["passkey", "remove", user, p["id"].as_str().unwrap()]
            .iter()
            .chain(&VERIFIED),
    )
    .success();
    let after = t
        .run(["-o", "json", "passkey", "list", user])
        .success()
        .json();
    assert!(!after.to_string().contains(p["id"].as_str().unwrap()));
}

/// The software key never goes to a real tenant (refused before any request); the sandbox's
/// policy refusals reach the agent with exit 2 and nothing registered.
#[test]
fn passkey_refusals() {
    let t = Tenant::start();
    let real = t
        .care()
        .env("CARE_GRAPH_URL", "https://graph.microsoft.com")
        .env("CARE_LOGIN_URL", "https://login.microsoftonline.com")
        .args(["passkey", "provision", demo::NO_SIGNAL, "--software"])
        .args(VERIFIED)
        .output()
        .unwrap();
    assert_eq!(real.status.code(), Some(2));
    assert!(
        text(&real.stderr).contains("care's sandbox only"),
        "{}",
        text(&real.stderr)
    );
    let path =
        "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    let off = t.call(
        "PATCH",
        path,
        Some(&t.token()),
        Some(json!({"isSelfServiceRegistrationAllowed": false})),
        &[],
    );
    assert_eq!(off.status, 204, "{}", off.text);
    let refused = t.run(
        ["passkey", "provision", demo::NO_SIGNAL, "--software"]
            .iter()
            .chain(&VERIFIED),
    );
    assert_eq!(refused.code, 2, "{refused}");
    assert!(refused.stderr.contains("self-service setup"), "{refused}");
    assert!(writes(&t.stats(), demo::NO_SIGNAL, &["passkey.create"]) == 0);
}

/// The sandbox checks a credential as the service does: a challenge of 5 minutes used once,
/// the relying party, and the key model against the user's passkey profile.
#[test]
fn the_sandbox_checks_the_credential() {
    let t = Tenant::start();
    let token = t.token();
    let base = format!(
        "/v1.0/users/{}/authentication/fido2Methods",
        enc(demo::NO_SIGNAL)
    );
    let options =
        |t: &Tenant| t.get(&token, &format!("{base}/creationOptions")).body["publicKey"].clone();
    let post = |t: &Tenant, credential: Value| {
        t.call(
            "POST",
            &base,
            Some(&token),
            Some(json!({"displayName": "k", "publicKeyCredential": credential})),
            &[],
        )
    };
    let o = options(&t);
    assert_eq!(o["rp"]["id"], "login.microsoft.com");
    assert_eq!(o["authenticatorSelection"]["userVerification"], "required");
    // expired: the clock moves past the 5 minutes
    let c = care::ops::passkey::software_credential(&o).unwrap();
    t.advance_clock("6m");
    assert_eq!(post(&t, c).code(), "challengeExpired");
    // another relying party
    let mut o = options(&t);
    o["rp"]["id"] = "evil.example".into();
    let c = care::ops::passkey::software_credential(&o).unwrap();
    assert_eq!(post(&t, c).code(), "invalidRelyingParty");
    // a good one, once: the challenge can't be used twice
    let c = care::ops::passkey::software_credential(&options(&t)).unwrap();
    assert_eq!(post(&t, c.clone()).status, 201);
    assert_eq!(post(&t, c).code(), "invalidChallenge");
    // a key model the profile does not allow
    let profiles = t
        .get(
            &token,
            "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
        )
        .body["passkeyProfiles"]
        .clone();
    let mut profiles = profiles.as_array().unwrap().clone();
    for p in &mut profiles {
        p["keyRestrictions"] = json!({"isEnforced": true, "enforcementType": "allow", "aaGuids": ["cb69481e-8ff7-4039-93ec-0a2729a154a8"]});
    }
    let r = t.call(
        "PATCH",
        "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
        Some(&token),
        Some(json!({"passkeyProfiles": profiles})),
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let c = care::ops::passkey::software_credential(&options(&t)).unwrap();
    let refused = post(&t, c);
    assert_eq!(
        refused.code(),
        "keyRestrictionViolation",
        "{}",
        refused.text
    );
    // attestation required: the software key's own signature vouches for nothing
    for p in &mut profiles {
        p["keyRestrictions"] =
            json!({"isEnforced": false, "enforcementType": "allow", "aaGuids": []});
        p["attestationEnforcement"] = "registrationOnly".into();
    }
    let r = t.call(
        "PATCH",
        "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
        Some(&token),
        Some(json!({"passkeyProfiles": profiles})),
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let c = care::ops::passkey::software_credential(&options(&t)).unwrap();
    assert_eq!(post(&t, c).code(), "attestationRequired");
}
