//! Safe on a call: tickets, verification, the district's policy and its limits, before anything is
//! sent.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;

// ---- refusals send nothing -------------------------------------------------------------------

#[test]
fn policy_refusals_send_no_change() {
    let t = Tenant::start();
    let refused = |args: &[&str], why: &str| {
        t.care()
            .args(args)
            .args(["--yes", "--verified-by", "callback"])
            .assert()
            .code(2)
            .stderr(contains(why).and(contains("nothing was changed")));
    };
    // the Customer Care Center's own line, and a district main line from the config
    refused(
        &["phone", "set", demo::LOST_PHONE, "502-485-3552"],
        "shared line",
    );
    policy(&t, "shared-lines = [\"(502) 485-1000\"]");
    refused(
        &["phone", "set", demo::LOST_PHONE, "+1 502 485 1000"],
        "shared line",
    );
    // targets a pass or phone change must not reach
    refused(&["passcode", "issue", demo::DISABLED], "disabled");
    refused(&["passcode", "issue", demo::GUEST], "guest");
    refused(
        &["passcode", "issue", demo::ADMIN_TARGET],
        "Privileged Authentication Administrator",
    );
    refused(&["passcode", "issue", demo::NO_MAILBOX], "shared account");
    assert_eq!(total_writes(&t.stats()), 0, "no change was sent");
    // a shared account goes ahead with a recorded reason
    t.care()
        .args([
            "passcode",
            "issue",
            demo::NO_MAILBOX,
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Lee Park, depot supervisor",
        ])
        .args(["--override", "depot supervisor approved, ticket says so"])
        .assert()
        .success();
    let last = audit(&t)
        .into_iter()
        .rfind(|r| r["action"] == "passcode.issue")
        .unwrap();
    assert_eq!(last["action"], "passcode.issue");
    assert_eq!(
        last["overrideReason"],
        "depot supervisor approved, ticket says so"
    );
    // every refusal is in the audit log too, with its reason
    let refusals = audit(&t)
        .iter()
        .filter(|r| r["result"] == "refused")
        .count();
    assert_eq!(refusals, 6);
}

#[test]
fn tickets_and_verification_are_required_before_anything_is_sent() {
    let t = Tenant::start();
    // verification: required for a pass in a script
    t.care()
        .args(["passcode", "issue", demo::LEFT_PHONE_AT_HOME, "--yes"])
        .assert()
        .code(2)
        .stderr(contains("--verified-by"));
    // a ticket, when the district requires one (a real tenant does by default), in its pattern
    policy(
        &t,
        "ticket-required = true\nticket-pattern = '^INC[0-9]{7}$'",
    );
    let args = [
        "passcode",
        "issue",
        demo::LEFT_PHONE_AT_HOME,
        "--yes",
        "--verified-by",
        "callback",
    ];
    t.care()
        .args(args)
        .assert()
        .code(2)
        .stderr(contains("ticket is required"));
    t.care()
        .args(args)
        .args(["--ticket", "12345"])
        .assert()
        .code(2)
        .stderr(contains("not a ticket reference"));
    assert_eq!(total_writes(&t.stats()), 0);
    t.care()
        .env("CARE_TICKET", "INC0012345")
        .args(args)
        .assert()
        .success();
    let last = audit(&t).pop().unwrap();
    assert_eq!(last["ticket"], "INC0012345");
    assert_eq!(last["verifiedBy"], "callback");
    assert!(last["agent"].as_str().unwrap().starts_with("app "));
    assert_eq!(last["target"]["upn"], demo::LEFT_PHONE_AT_HOME);
    assert!(last["requestId"].as_str().is_some_and(|r| r.len() == 36));
}

#[test]
fn limits_per_agent_and_per_user() {
    let t = Tenant::start();
    policy(&t, "changes-per-hour = 2");
    let set = |n: &str| {
        t.care()
            .args([
                "phone",
                "set",
                demo::LOST_PHONE,
                n,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .assert()
    };
    set("502-555-0161").success();
    set("502-555-0162").success();
    set("502-555-0163")
        .code(2)
        .stderr(contains("in the last hour").and(contains("--override")));
    set_override(&t);
    // one pass a day for a user
    policy(&t, "");
    let pass = || {
        t.care()
            .args([
                "passcode",
                "issue",
                demo::NO_SIGNAL,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .assert()
    };
    pass().success();
    pass().code(2).stderr(contains("24 hours"));
}

fn set_override(t: &Tenant) {
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0163",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .args(["--override", "carrier change for the whole school"])
        .assert()
        .success();
}
