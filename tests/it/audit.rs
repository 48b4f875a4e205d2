//! `care audit`: the local, hash-chained audit log.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;
use serde_json::Value;

// ---- the audit log ---------------------------------------------------------------------------

#[test]
fn the_audit_log_is_chained_and_holds_no_code() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "passcode",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "manager",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let code = serde_json::from_slice::<Value>(&out.stdout).unwrap()["temporaryAccessPass"]
        .as_str()
        .unwrap()
        .to_string();
    t.care()
        .args(["session", "revoke", demo::NO_SIGNAL, "--yes"])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_SIGNAL,
            "502-555-0170",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    let path = t.dir.path().join("state/care/audit.jsonl");
    let log = std::fs::read_to_string(&path).unwrap();
    assert!(!log.contains(&code), "a pass code reached the audit log");
    t.care()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stderr(contains("6 records"));
    // list: filters and formats
    let listed = t
        .care()
        .args([
            "-o",
            "json",
            "audit",
            "list",
            "--user",
            demo::NO_SIGNAL,
            "--since",
            "1h",
        ])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&listed.stdout).unwrap();
    // two changes, each an intent and its outcome
    assert_eq!(rows.as_array().unwrap().len(), 4);
    t.care()
        .args([
            "-o",
            "csv",
            "audit",
            "list",
            "--agent",
            "nobody@district.example",
        ])
        .assert()
        .success()
        .stdout("time,agent,action,user,result,ticket,verified,detail,request-id\n");
    // an edited record, an inserted one, a deleted one, the last one cut off: each is found, exit 1
    let lines: Vec<&str> = log.lines().collect();
    let tampered = [
        log.replace("session.revoke", "session.revoked"),
        [lines[0], lines[0], lines[1], lines[2]].join("\n") + "\n",
        [lines[0], lines[2]].join("\n") + "\n",
        [lines[0], lines[1]].join("\n") + "\n",
    ];
    for bad in &tampered {
        std::fs::write(&path, bad).unwrap();
        t.care()
            .args(["audit", "verify"])
            .assert()
            .code(1)
            .stderr(contains("damaged"));
    }
    std::fs::write(&path, &log).unwrap();
    t.care().args(["audit", "verify"]).assert().success();
}

/// What `care audit …` parses to, or its usage error (no HTTP).
#[test]
fn parse_audit() {
    insta::assert_snapshot!(parse(["audit", "list", "--since", "7d", "--user", "maria", "--agent", "care.auth"]), @r#"
    Audit(
        List(
            ListArgs {
                since: Some(
                    "7d",
                ),
                user: Some(
                    "maria",
                ),
                agent: Some(
                    "care.auth",
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["audit", "verify"]), @"
    Audit(
        Verify,
    )
    ");
    insta::assert_snapshot!(parse(["audit", "list", "--since"]), @"
    [exit 2] error: a value is required for '--since <WHEN>' but none was supplied

    For more information, try '--help'.
    ");
}
