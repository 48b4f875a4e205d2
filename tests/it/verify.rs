//! `care verify`: what is on file to call back, recorded for the next changes.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;
use serde_json::Value;

// ---- verification ----------------------------------------------------------------------------

#[test]
fn care_verify_shows_what_is_on_file_and_covers_the_next_changes() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "verify",
            demo::LEFT_PHONE_AT_HOME,
            "--verified-by",
            "callback",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["numbers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "MFA mobile")
    );
    assert!(v["manager"]["userPrincipalName"].as_str().is_some(), "{v}");
    assert_eq!(v["verifiedBy"], "callback");
    // the next change on the call needs no --verified-by
    t.care()
        .args(["passcode", "issue", demo::LEFT_PHONE_AT_HOME, "--yes"])
        .assert()
        .success()
        .stderr(contains("caller verified"));
    let records = audit(&t);
    assert_eq!(records[0]["action"], "verify");
    assert_eq!(records[1]["verifiedBy"], "callback");
    // another user is not covered
    t.care()
        .args(["passcode", "issue", demo::NO_SIGNAL, "--yes"])
        .assert()
        .code(2);
    // on a pipe without an answer, the numbers are shown and nothing is recorded
    t.care()
        .args(["verify", demo::NO_SIGNAL])
        .assert()
        .success()
        .stdout(contains("Call back"))
        .stderr(contains("nothing recorded"));
}

/// What `care verify …` parses to, or its usage error (no HTTP).
#[test]
fn parse_verify() {
    insta::assert_snapshot!(parse(["verify", "maria"]), @r#"
    Verify(
        VerifyArgs {
            user: Named(
                UserQuery {
                    text: "maria",
                    lookup: Name(
                        "maria",
                    ),
                },
            ),
        },
    )
    "#);
    insta::assert_snapshot!(parse(["verify"]), @"
    [exit 2] error: the following required arguments were not provided:
      <USER>...

    Usage: care verify <USER>...

    For more information, try '--help'.
    ");
}
