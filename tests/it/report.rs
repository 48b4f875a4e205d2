//! `care report`: reports across the tenant.

use crate::common::*;
use care::sandbox::demo;
use serde_json::Value;

#[test]
fn sms_only_report() {
    let t = Tenant::start();
    let out = t
        .care()
        .args(["-o", "json", "report", "sms-only"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = stdout_json(&out);
    let upns: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["userPrincipalName"].as_str().unwrap())
        .collect();
    assert!(upns.contains(&demo::LOST_PHONE) && upns.contains(&demo::OFFICE_PHONE_ONLY));
    assert!(
        !upns.contains(&demo::LEFT_PHONE_AT_HOME),
        "has the Authenticator"
    );
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "report",
            "sms-only",
            "--school",
            "Central High",
        ])
        .output()
        .unwrap();
    let central = stdout_json(&out);
    assert!(
        central
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["school"] == "Central High")
    );
    assert!(
        central
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["userPrincipalName"] == demo::LOST_PHONE)
    );
}

#[test]
fn the_school_is_matched_like_the_finder() {
    let t = Tenant::start();
    let Run {
        stdout: json,
        stderr: _,
        code,
        ..
    } = t.run_tty("120", ["report", "sms-only", "-o", "json"]);
    assert_eq!(code, 0);
    let all: Vec<Value> = serde_json::from_str::<Value>(&json)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let at_cedar = all
        .iter()
        .filter(|e| e["school"] == "Cedar Grove Elementary")
        .count();
    assert!(at_cedar > 0);
    for school in [
        "cedar grove",
        "CEDAR",
        "Cedar Grove Elementary",
        "grove elem",
    ] {
        let Run {
            stdout: json,
            stderr: _,
            code,
            ..
        } = t.run_tty(
            "120",
            ["report", "sms-only", "--school", school, "-o", "json"],
        );
        assert_eq!(code, 0, "{school}");
        let found: Vec<Value> = serde_json::from_str::<Value>(&json)
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(found.len(), at_cedar, "{school}");
        assert!(
            found
                .iter()
                .all(|e| e["school"] == "Cedar Grove Elementary")
        );
        assert!(
            found
                .iter()
                .all(|e| !e["phoneNumbers"].as_array().unwrap().is_empty())
        );
    }
    // the table: phone numbers, and the count per school on stderr
    let Run {
        stdout: table,
        stderr: err,
        code: _,
        ..
    } = t.run_tty("120", ["report", "sms-only", "--school", "cedar"]);
    assert!(table.contains("phone"), "{table}");
    assert!(table.contains("(") && table.contains(") "), "{table}");
    assert!(
        err.contains(&format!("{at_cedar} at Cedar Grove Elementary")),
        "{err}"
    );
    // nothing matched: exit 5, naming the schools there are, nothing on stdout
    let Run {
        stdout: out,
        stderr: err,
        code,
        ..
    } = t.run_tty("120", ["report", "sms-only", "--school", "cedar hills"]);
    assert_eq!(code, 5, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("no school or office matches 'cedar hills'"),
        "{err}"
    );
    assert!(err.contains("Cedar Grove Elementary"), "{err}");
}

/// What `care report …` parses to, or its usage error (no HTTP).
#[test]
fn parse_report() {
    insta::assert_snapshot!(parse(["report", "sms-only", "--school", "cedar"]), @r#"
    Report(
        SmsOnly(
            SmsOnlyArgs {
                school: Some(
                    "cedar",
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["report", "sms-only", "extra"]), @"
    [exit 2] error: unexpected argument 'extra' found

    Usage: care report sms-only [OPTIONS]

    For more information, try '--help'.
    ");
}
