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
        .stderr(contains(format!("{} records", log.lines().count())));
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
    // two changes, each an intent and its outcome, each told by mail (itself an intent and an
    // outcome); the phone change after the caller's verification, with its evidence
    let seen: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["action"].as_str().unwrap(), r["result"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [
            ("session.revoke", "intent"),
            ("session.revoke", "success"),
            ("notify", "intent"),
            ("notify", "success"),
            ("verify", "success"),
            ("phone.set", "intent"),
            ("phone.set", "success"),
            ("notify", "intent"),
            ("notify", "success"),
        ]
    );
    let verify = &rows[4];
    assert_eq!(verify["verifiedBy"], "callback", "{verify}");
    assert!(
        verify["evidence"]
            .as_str()
            .is_some_and(|e| e.starts_with("+1 ")),
        "the number called back: {verify}"
    );
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

/// The intent is written before anything is sent: with an audit log that cannot be written,
/// no change goes out.
#[test]
fn an_audit_log_that_cannot_be_written_sends_nothing() {
    let t = Tenant::start();
    // a folder where the log should be: every write to it fails
    std::fs::create_dir_all(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    insta::assert_snapshot!(t.run(["phone", "set", demo::LOST_PHONE, "502-555-0142", "--yes", "--verified-by", "callback"]), @"
    ------- stderr -------
    error: the verification could not be written to the audit log, so nothing was sent: cannot read $HOME/state/care/audit.jsonl: Is a directory (os error 21)
    hint: fix the state dir (care config path shows where it is), then run the command again
    [exit status: 1]
    ");
    assert_eq!(total_writes(&t.stats()), 0);
    let run = t.run([
        "passcode",
        "issue",
        demo::LEFT_PHONE_AT_HOME,
        "--yes",
        "--verified-by",
        "callback",
    ]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stdout.is_empty(), "no code was shown: {run}");
    assert_eq!(total_writes(&t.stats()), 0);
    // a change that needs no verification stops at its intent
    let run = t.run(["session", "revoke", demo::NO_SIGNAL, "--yes"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("the audit log could not be written, so nothing was sent"),
        "{run}"
    );
    assert_eq!(total_writes(&t.stats()), 0);
}

/// What `audit verify` finds by itself (records cut from the end, with or without the head),
/// and what only the tenant's own log shows (a log rewritten whole with a new chain).
#[test]
fn a_cut_or_rewritten_log_is_found() {
    let t = Tenant::start();
    for n in ["502-555-0171", "502-555-0172"] {
        t.run([
            "phone",
            "set",
            demo::LOST_PHONE,
            n,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .success();
    }
    t.run(["session", "revoke", demo::NO_SIGNAL, "--yes"])
        .success();
    let dir = t.dir.path().join("state/care");
    let log = dir.join("audit.jsonl");
    let head = dir.join("audit.head");
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // the verification, two phone changes and a revocation, each an intent and an outcome and
    // told by mail
    assert_eq!(lines.len(), 1 + 3 * 4, "{text}");
    t.run(["audit", "reconcile"]).success();
    // the last record cut
    std::fs::write(&log, lines[..lines.len() - 1].join("\n") + "\n").unwrap();
    let run = t.run(["audit", "verify"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("the last 1 are missing"), "{run}");
    // ... and its head deleted too
    let head_bytes = std::fs::read(&head).unwrap();
    std::fs::remove_file(&head).unwrap();
    let run = t.run(["audit", "verify"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("head file"), "{run}");
    std::fs::write(&log, &text).unwrap();
    std::fs::write(&head, &head_bytes).unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&head, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    t.run(["audit", "verify"]).success();
    // the whole log rewritten with a new chain, without the first phone change: intact here,
    // but not against the tenant's own log
    std::fs::remove_file(&log).unwrap();
    std::fs::remove_file(&head).unwrap();
    let rewritten = care::guard::audit::AuditLog::new(&dir);
    for line in lines.iter().filter(|l| !l.contains("0171")) {
        let r: care::guard::audit::Record = serde_json::from_str(line).unwrap();
        t.rt.block_on(rewritten.append(r.entry)).unwrap();
    }
    t.run(["audit", "verify"]).success();
    let run = t.run(["-o", "json", "audit", "reconcile", "--since", "1h"]);
    assert_eq!(run.code, 1, "{run}");
    let found = run.json();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{run}");
    assert_eq!(found[0]["finding"], "tenant-only");
    assert_eq!(found[0]["user"], demo::LOST_PHONE);
}
