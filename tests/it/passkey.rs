//! `care passkey`: passkeys made at the desk with care's software key, against the sandbox's
//! emulation of Graph's creationOptions and fido2Methods.

use crate::common::*;
use care::sandbox::demo;
use serde_json::{Value, json};

const VERIFIED: [&str; 3] = ["--yes", "--verified-by", "callback"];

/// A credential of care's software key for the creation options `o`.
fn software(o: &Value) -> Result<Value, String> {
    use care::ops::passkey::Authenticator;
    care::ops::passkey::software::SoftwareKey::default().make(o)
}

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
    // the software key is a new key: it got a PIN, shown here once
    let pin = p["keyPin"].as_str().unwrap();
    assert!(
        pin.len() == 8 && pin.bytes().all(|b| b.is_ascii_digit()),
        "{p}"
    );
    assert!(!made.stderr.contains(pin));
    assert!(
        !std::fs::read_to_string(t.dir.path().join("state/care/audit.jsonl"))
            .unwrap_or_default()
            .contains(pin)
    );
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
    let c = software(&o).unwrap();
    t.advance_clock("6m");
    assert_eq!(post(&t, c).code(), "challengeExpired");
    // another relying party
    let mut o = options(&t);
    o["rp"]["id"] = "evil.example".into();
    let c = software(&o).unwrap();
    assert_eq!(post(&t, c).code(), "invalidRelyingParty");
    // a good one, once: the challenge can't be used twice
    let c = software(&options(&t)).unwrap();
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
    let c = software(&options(&t)).unwrap();
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
    let c = software(&options(&t)).unwrap();
    assert_eq!(post(&t, c).code(), "attestationRequired");
}

/// On a terminal: what to hand over, the key's PIN grouped in fours, and how the person signs
/// in the first time.
#[test]
fn on_a_terminal_the_pin_is_shown_once_with_what_to_hand_over() {
    let t = Tenant::start();
    let shown = t.run_cmd(
        t.care()
            .env("CARE_FORCE_TTY", "1")
            .args(["passkey", "provision", demo::NO_SIGNAL, "--software"])
            .args(VERIFIED),
    );
    assert_eq!(shown.code, 0, "{shown}");
    let pin_line = shown
        .stdout
        .lines()
        .find(|l| l.starts_with("Key PIN"))
        .unwrap_or_else(|| panic!("{shown}"));
    let grouped = pin_line.trim_start_matches("Key PIN").trim();
    assert!(
        grouped.len() == 9 && grouped.as_bytes()[4] == b' ',
        "{pin_line}"
    );
    assert!(shown.stdout.contains("on care's software key"), "{shown}");
    assert!(
        shown.stdout.contains("care will not show the PIN again"),
        "{shown}"
    );
    assert!(
        shown.stdout.contains("security key\", insert the key"),
        "{shown}"
    );
}

/// Without --software, the key on the USB port: a build without the `usb-key` feature says how
/// to get one (exit 2, nothing asked of Graph); one with it says no key is plugged in (this
/// machine has none). A bulk run of keys from the box is refused the same way.
#[test]
fn a_security_key_needs_the_usb_build_and_a_key() {
    let t = Tenant::start();
    let single = t.run(
        ["passkey", "provision", demo::NO_SIGNAL]
            .iter()
            .chain(&VERIFIED),
    );
    assert_eq!(single.code, 2, "{single}");
    let said = if cfg!(feature = "usb-key") {
        "no security key is plugged in"
    } else {
        "built without security keys on USB"
    };
    assert!(single.stderr.contains(said), "{single}");
    let csv = write_csv(&t, "keys.csv", &format!("user\n{}\n", demo::NO_SIGNAL));
    let bulk = t.run_cmd(
        t.care()
            .args(["bulk", "passkey-provision", "--yes", "--file"])
            .arg(&csv)
            .arg("--codes-out")
            .arg(t.dir.path().join("pins.csv"))
            .args(APPROVED),
    );
    assert_eq!(bulk.code, 2, "{bulk}");
    let said = if cfg!(feature = "usb-key") {
        "needs the agent at the terminal"
    } else {
        "built without security keys on USB"
    };
    assert!(bulk.stderr.contains(said), "{bulk}");
    assert!(!t.dir.path().join("pins.csv").exists());
    // the keys are asked for on standard input, so the roster can't come from it
    let piped = t.run_cmd(
        t.care()
            .args([
                "bulk",
                "passkey-provision",
                "--yes",
                "--file",
                "-",
                "--codes-out",
            ])
            .arg(t.dir.path().join("pins.csv"))
            .args(APPROVED)
            .write_stdin(format!("user\n{}\n", demo::NO_SIGNAL)),
    );
    assert_eq!(piped.code, 2, "{piped}");
    assert!(piped.stderr.contains("--file roster.csv"), "{piped}");
    assert!(writes(&t.stats(), demo::NO_SIGNAL, &["passkey.create"]) == 0);
}

/// `care bulk passkey-provision --software`: a passkey for each row, through the door (the
/// job's approval, an audit record each); each key's PIN in the codes file and nowhere else;
/// a run again finds the job done.
#[test]
fn bulk_passkeys_with_the_software_key() {
    let t = Tenant::start();
    let users = staff(&t, 3);
    let csv = write_csv(
        &t,
        "no-smartphone.csv",
        &format!("user\n{}\n", users.join("\n")),
    );
    let codes = t.dir.path().join("key-pins.csv");
    let run = t.run_cmd(
        t.care()
            .args(["bulk", "passkey-provision", "--software", "--yes", "--file"])
            .arg(&csv)
            .arg("--codes-out")
            .arg(&codes)
            .args(APPROVED),
    );
    assert_eq!(run.code, 0, "{run}");
    let mut reader = csv::Reader::from_path(&codes).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["line", "user", "keyPin", "made", "passkey", "model"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    for r in &rows {
        assert!(r[2].len() == 8 && r[2].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(&r[5], "care sandbox software key");
        let listed = t.run(["-o", "json", "passkey", "list", &r[1]]).success();
        assert!(listed.stdout.contains(&r[4]), "{listed}");
        assert!(!run.stderr.contains(&r[2]) && !run.stdout.contains(&r[2]));
    }
    let audit_text = std::fs::read_to_string(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    for r in &rows {
        assert!(!audit_text.contains(&r[2]), "a key PIN in the audit log");
    }
    assert_eq!(
        audit(&t)
            .iter()
            .filter(|r| r["action"] == "passkey.provision" && r["result"] == "success")
            .count(),
        3
    );
    let again = t.run_cmd(
        t.care()
            .args(["bulk", "passkey-provision", "--software", "--yes", "--file"])
            .arg(&csv)
            .arg("--codes-out")
            .arg(t.dir.path().join("key-pins-2.csv"))
            .args(APPROVED),
    );
    assert!(again.stderr.contains("ran to the end already"), "{again}");
    // run again on purpose: people who have a passkey now get no second one from the box
    let forced = t.run_cmd(
        t.care()
            .args([
                "-o",
                "json",
                "bulk",
                "passkey-provision",
                "--software",
                "--force",
                "--yes",
                "--file",
            ])
            .arg(&csv)
            .arg("--codes-out")
            .arg(t.dir.path().join("key-pins-3.csv"))
            .args(APPROVED),
    );
    assert_eq!(forced.code, 0, "{forced}");
    assert_eq!(forced.json()["outcomes"]["unchanged"], 3, "{forced}");
    assert_eq!(
        writes(&t.stats(), &users[0], &["passkey.create"]),
        1,
        "one passkey each"
    );
}

/// The software key in bulk is the sandbox's too: against a real tenant, exit 2 before any
/// request.
#[test]
fn bulk_software_keys_are_for_the_sandbox_only() {
    let t = Tenant::start();
    let csv = write_csv(&t, "k.csv", &format!("user\n{}\n", demo::NO_SIGNAL));
    let out = t
        .care()
        .env("CARE_GRAPH_URL", "https://graph.microsoft.com")
        .env("CARE_LOGIN_URL", "https://login.microsoftonline.com")
        .args(["bulk", "passkey-provision", "--software", "--yes", "--file"])
        .arg(&csv)
        .arg("--codes-out")
        .arg(t.dir.path().join("p.csv"))
        .args(APPROVED)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("care's sandbox only"));
}

/// A key model the passkey profile refuses: Graph's refusal reaches the agent, nothing is
/// registered, and the PIN the key was given is shown all the same (whoever tries again needs it).
#[test]
fn a_refused_key_model_still_shows_the_pin_the_key_got() {
    let t = Tenant::start();
    let token = t.token();
    let path =
        "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    let mut profiles = t.get(&token, path).body["passkeyProfiles"]
        .as_array()
        .unwrap()
        .clone();
    for p in &mut profiles {
        p["keyRestrictions"] = json!({"isEnforced": true, "enforcementType": "block", "aaGuids": ["ca7e0000-5a4d-4b0c-8000-000000000001"]});
    }
    let r = t.call(
        "PATCH",
        path,
        Some(&token),
        Some(json!({"passkeyProfiles": profiles})),
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let refused = t.run(
        [
            "-o",
            "json",
            "passkey",
            "provision",
            demo::NO_SIGNAL,
            "--software",
        ]
        .iter()
        .chain(&VERIFIED),
    );
    assert_eq!(refused.code, 2, "{refused}");
    assert!(
        refused.stderr.contains("keyRestrictionViolation"),
        "{refused}"
    );
    assert!(refused.stderr.contains("care policies"), "{refused}");
    let kept = refused.json();
    assert_eq!(kept["registered"], false);
    assert_eq!(kept["keyPin"].as_str().map(str::len), Some(8), "{kept}");
    assert!(!refused.stderr.contains(kept["keyPin"].as_str().unwrap()));
    let listed = t
        .run(["-o", "json", "passkey", "list", demo::NO_SIGNAL])
        .success();
    assert!(
        !listed.stdout.contains("Passkey made at the Care Center"),
        "{listed}"
    );
    assert!(
        audit(&t)
            .iter()
            .any(|r| r["action"] == "passkey.provision" && r["result"] == "failed"),
        "{:?}",
        audit(&t)
    );
}
