//! `care fob`: key fobs (hardware OATH tokens, Graph beta) against the sandbox's inventory.

use crate::common::*;
use care::sandbox::demo;
use serde_json::Value;

const VERIFIED: [&str; 3] = ["--yes", "--verified-by", "callback"];

/// The six digits fob `serial` shows now (the sandbox's view of its display).
fn shown(t: &Tenant, serial: &str) -> String {
    let r = t.admin("GET", &format!("/_sandbox/fobs/{serial}"), None);
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["code"].as_str().unwrap().to_string()
}

fn status(t: &Tenant, serial: &str) -> (String, Option<String>) {
    let all = t.run(["-o", "json", "fob", "list"]).success().json();
    let d = all
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["serialNumber"] == serial)
        .cloned()
        .unwrap();
    (
        d["status"].as_str().unwrap().to_string(),
        d["assignedTo"]["displayName"].as_str().map(str::to_owned),
    )
}

/// A fob from the box: given to a person, activated with the code it shows (then their card
/// shows it and they no longer rely on SMS/voice alone), refused to a second person, taken back.
#[test]
fn a_fob_is_given_activated_and_taken_back() {
    let t = Tenant::start();
    let listed = t.run_tty("120", ["fob", "list", "--available"]).success();
    assert!(listed.stdout.contains("FOB-0001"), "{listed}");
    assert!(
        listed
            .stderr
            .contains("12 fobs in the inventory, 12 to hand out (Graph beta)"),
        "{listed}"
    );
    let user = demo::LOST_PHONE;
    let sms_only = |t: &Tenant| {
        let r = t.run(["-o", "json", "report", "sms-only"]).success().json();
        r.as_array()
            .unwrap()
            .iter()
            .any(|e| e["userPrincipalName"] == user)
    };
    assert!(sms_only(&t));
    t.run(["fob", "assign", user, "FOB-0001"].iter().chain(&VERIFIED))
        .success();
    assert_eq!(
        status(&t, "FOB-0001"),
        ("assigned".into(), Some("Sean O'Brien".into()))
    );
    // a wrong code leaves it unactivated, and says so
    let wrong = if shown(&t, "FOB-0001") == "000000" {
        "111111"
    } else {
        "000000"
    };
    let refused = t.run(
        ["fob", "activate", user, "FOB-0001", wrong]
            .iter()
            .chain(&VERIFIED),
    );
    assert_eq!(refused.code, 2, "{refused}");
    assert!(refused.stderr.contains("refused the code"), "{refused}");
    assert_eq!(status(&t, "FOB-0001").0, "failedActivation");
    let code = shown(&t, "FOB-0001");
    t.run(
        ["fob", "activate", user, "FOB-0001", &code]
            .iter()
            .chain(&VERIFIED),
    )
    .success();
    assert_eq!(status(&t, "FOB-0001").0, "activated");
    // the code never reached the audit log
    let log = std::fs::read_to_string(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    assert!(!log.contains(&code));
    assert!(
        audit(&t)
            .iter()
            .any(|r| r["action"] == "fob.activate" && r["result"] == "success")
    );
    // the card shows it; the person no longer relies on SMS/voice alone
    let card = t.run(["-o", "json", "user", "show", user]).success().json();
    assert!(
        card.to_string()
            .contains("key fob FOB-0001 (C202), activated"),
        "{card}"
    );
    assert!(!sms_only(&t));
    // one person's: refused to another
    let other = t.run(
        ["fob", "assign", demo::NO_SIGNAL, "FOB-0001"]
            .iter()
            .chain(&VERIFIED),
    );
    assert_eq!(other.code, 2, "{other}");
    assert!(other.stderr.contains("is Sean O'Brien's"), "{other}");
    // back in the box
    t.run(
        ["fob", "unassign", user, "FOB-0001"]
            .iter()
            .chain(&VERIFIED),
    )
    .success();
    assert_eq!(status(&t, "FOB-0001"), ("available".into(), None));
    let twice = t
        .run(
            ["fob", "unassign", user, "FOB-0001"]
                .iter()
                .chain(&VERIFIED),
        )
        .success();
    assert!(twice.stderr.contains("nothing to take back"), "{twice}");
    // given and activated at once, by serial number
    let code = shown(&t, "FOB-0002");
    t.run(
        ["fob", "activate", demo::NO_SIGNAL, "FOB-0002", &code]
            .iter()
            .chain(&VERIFIED),
    )
    .success();
    assert_eq!(
        status(&t, "FOB-0002"),
        ("activated".into(), Some("Kevin Patel".into()))
    );
}

#[test]
fn fob_refusals_say_why() {
    let t = Tenant::start();
    t.reset_stats();
    let bad = t.run(["fob", "activate", demo::NO_SIGNAL, "FOB-0001", "12345"]);
    assert_eq!(bad.code, 2, "{bad}");
    assert!(bad.stderr.contains("six digits"), "{bad}");
    assert_eq!(graph_requests(&t.stats()), 0, "nothing was sent");
    let none = t.run(
        ["fob", "assign", demo::NO_SIGNAL, "FOB-9999"]
            .iter()
            .chain(&VERIFIED),
    );
    assert_eq!(none.code, 5, "{none}");
    assert!(none.stderr.contains("no key fob FOB-9999"), "{none}");
    let json: Value = t.run(["-o", "json", "fob", "list"]).success().json();
    assert_eq!(json.as_array().unwrap().len(), 12);
    assert!(
        json[0]["secretKey"].is_null(),
        "the secret never leaves the inventory"
    );
}

/// "Require re-register MFA" removes a QR code + PIN and gives a fob back to the box as it
/// removes every other method, then signs the person out.
#[test]
fn a_reset_takes_the_qr_code_and_the_fob_too() {
    let t = Tenant::start();
    policy(&t, "passes-per-user-per-day = 5");
    let user = demo::NO_SIGNAL;
    t.run(["qr", "issue", user].iter().chain(&VERIFIED))
        .success();
    let code = shown(&t, "FOB-0003");
    t.run(
        ["fob", "activate", user, "FOB-0003", &code]
            .iter()
            .chain(&VERIFIED),
    )
    .success();
    let reset = t
        .run(["method", "reset", user].iter().chain(&VERIFIED))
        .success();
    assert!(!reset.stderr.contains("left in place"), "{reset}");
    let token = t.token();
    let qr = t.get(
        &token,
        &format!("/v1.0/users/{}/authentication/qrCodePinMethod", enc(user)),
    );
    assert_eq!(qr.status, 404);
    assert_eq!(status(&t, "FOB-0003"), ("available".into(), None));
    // nothing was left in place, so they were signed out too
    assert_eq!(writes(&t.stats(), user, &["sessions.revoke"]), 1, "{reset}");
}
