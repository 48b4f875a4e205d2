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

/// A way of verifying with nothing behind it is refused (exit 2), and each way is recorded with
/// its evidence.
#[test]
fn a_way_with_nothing_behind_it_is_refused() {
    let t = Tenant::start();
    let verify = |args: &[&str]| {
        t.run(
            ["-o", "json", "verify", demo::NO_METHODS]
                .iter()
                .chain(args),
        )
    };
    // Ashley has no number on file and no manager: only in person or a Verified ID
    let run = verify(&[]);
    run.success();
    let shown = verify(&[]).json();
    assert_eq!(
        shown["ways"],
        serde_json::json!(["in-person", "verified-id"]),
        "{shown}"
    );
    for way in ["callback", "manager", "manager-code"] {
        let run = verify(&["--verified-by", way]);
        assert_eq!(run.code, 2, "{way}: {run}");
        assert!(run.stderr.contains("can't verify Ashley Kim"), "{run}");
    }
    // in person needs the witness, a Verified ID its reference
    let run = verify(&["--verified-by", "in-person"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("witness"), "{run}");
    let run = verify(&["--verified-by", "verified-id"]);
    assert_eq!(run.code, 2, "{run}");
    let run = verify(&[
        "--verified-by",
        "verified-id",
        "--evidence",
        "VID-20261202-0042",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json()["evidence"], "reference VID-20261202-0042");
    // a callback names the number called: one of record, or refused
    let run = t.run([
        "verify",
        demo::LEFT_PHONE_AT_HOME,
        "--verified-by",
        "callback",
        "--evidence",
        "502-555-0199",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("not a number of record"), "{run}");
    // a mailed code is read back on a call: not from a script
    let run = t.run([
        "verify",
        demo::LEFT_PHONE_AT_HOME,
        "--verified-by",
        "manager-code",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("terminal"), "{run}");
    // nothing was refused into the log as a verification
    let records = audit(&t);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["verifiedBy"], "verified-id");
}

/// A number set lately is not one to call back, whoever set it (another agent, another
/// machine): the tenant's audit log says when and by whom.
#[test]
fn a_number_set_lately_is_not_a_number_of_record() {
    let t = Tenant::start();
    t.run([
        "phone",
        "set",
        demo::OFFICE_PHONE_ONLY,
        "502-555-0143",
        "--yes",
        "--verified-by",
        "in-person",
        "--evidence",
        "Dana Ortiz",
        "--no-notify",
        "the test",
    ])
    .success();
    // another agent's machine: care's own log does not have it, the tenant's does
    std::fs::remove_file(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    std::fs::remove_file(t.dir.path().join("state/care/audit.head")).unwrap();
    let v = t
        .run(["-o", "json", "verify", demo::OFFICE_PHONE_ONLY])
        .json();
    let numbers = v["numbers"].as_array().unwrap();
    let new = numbers
        .iter()
        .find(|n| n["number"] == "+1 5025550143")
        .unwrap_or_else(|| panic!("{v}"));
    let why = new["notOfRecord"].as_str().unwrap();
    assert!(why.contains("changed") && why.contains("14 days"), "{why}");
    assert!(
        v["history"]
            .as_str()
            .unwrap()
            .contains("tenant's audit log"),
        "{v}"
    );
    // the tenant's record does not say which phone it was: none of her MFA phones is called
    // back, and a callback is not offered
    assert!(
        numbers
            .iter()
            .filter(|n| n["source"] == "authentication methods")
            .all(|n| !n["notOfRecord"].is_null()),
        "{v}"
    );
    assert!(
        !v["ways"].as_array().unwrap().contains(&"callback".into()),
        "{v}"
    );
}

/// On a terminal: the numbers are shown before the question, nothing is chosen by Enter, the
/// window is named, and an answer given inside a command covers the next one.
#[cfg(unix)]
#[test]
fn an_answer_given_inside_a_command_covers_the_next() {
    use expectrl::{Eof, Expect};
    let t = Tenant::start();
    let mut p = session(&t, &["passcode", "issue", demo::LEFT_PHONE_AT_HOME]);
    p.expect("Call back a number of record").unwrap();
    p.expect("(812) 289-5203").unwrap();
    p.expect("it covers changes to them for 15").unwrap();
    p.send("\r").unwrap();
    p.send("1").unwrap();
    p.expect("Issue a one-time Temporary Access Pass").unwrap();
    p.send("y\r").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 1);
    let run = t.run([
        "phone",
        "set",
        demo::LEFT_PHONE_AT_HOME,
        "502-555-0144",
        "--type",
        "alternate",
        "--yes",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr
            .contains("caller verified (called back on a number of record: (812) 289-5203)"),
        "{run}"
    );
}

/// Their manager reads back a code care mailed them: the code is in the mail, never in the
/// audit log; a wrong code verifies nothing.
#[cfg(unix)]
#[test]
fn a_code_mailed_to_the_manager_and_read_back() {
    use expectrl::{Eof, Expect};
    let t = Tenant::start();
    let code_in_the_mail = |t: &Tenant| -> String {
        let mail = t.outbox().pop().unwrap();
        assert_eq!(mail["to"][0], "laura.clark@district.example", "{mail}");
        let body = mail["body"].as_str().unwrap();
        let line = body
            .lines()
            .find(|l| {
                l.trim().len() == 7 && l.trim().chars().filter(char::is_ascii_digit).count() == 6
            })
            .unwrap_or_else(|| panic!("{body}"));
        line.trim().replace(' ', "")
    };
    for (read_back, verified) in [(None, true), (Some("000000"), false)] {
        let mut p = session(&t, &["verify", demo::LEFT_PHONE_AT_HOME]);
        p.expect("How did you verify").unwrap();
        p.send("3").unwrap();
        p.expect("The code the manager read").unwrap();
        let code = code_in_the_mail(&t);
        let typed = read_back.map_or(code.clone(), str::to_owned);
        p.send_line(&typed).unwrap();
        let rest = p.expect(Eof).unwrap();
        let rest = String::from_utf8_lossy(rest.as_bytes()).into_owned();
        assert_eq!(rest.contains("care: verified"), verified, "{rest}");
        let log = std::fs::read_to_string(t.dir.path().join("state/care/audit.jsonl")).unwrap();
        assert!(!log.contains(&code), "the code reached the audit log");
    }
    let records = audit(&t);
    let verdicts: Vec<(&str, &str)> = records
        .iter()
        .filter(|r| r["action"] == "verify")
        .map(|r| {
            (
                r["result"].as_str().unwrap(),
                r["verifiedBy"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(verdicts, [("success", "manager-code"), ("failed", "")]);
    assert_eq!(
        records
            .iter()
            .filter(|r| r["action"] == "verify.code" && r["result"] == "success")
            .count(),
        2
    );
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
