//! `care api`: any Graph request with care's sign-in, retries and errors.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;
use serde_json::Value;

#[test]
fn api_is_the_escape_hatch() {
    let t = Tenant::start();
    let out = t
        .care()
        .args(["api", "GET", "/v1.0/users?$top=2&$select=id"])
        .output()
        .unwrap();
    assert_eq!(stdout_json(&out)["value"].as_array().unwrap().len(), 2);
    let out = t
        .care()
        .args(["api", "get", "users?$select=id&$top=100", "--paginate"])
        .output()
        .unwrap();
    assert_eq!(
        stdout_json(&out)["value"].as_array().unwrap().len(),
        300 + demo::BESIDES_STAFF
    );
    let out = t
        .care()
        .args([
            "api",
            "GET",
            &format!(
                "/beta/users/{}/authentication/signInPreferences",
                demo::NO_SIGNAL
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(
        stdout_json(&out)["userPreferredMethodForSecondaryAuthentication"],
        "push"
    );
    // a phone change through care api is a phone change: the caller's verification is needed
    let patch = format!(
        "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
        enc(demo::LOST_PHONE)
    );
    let body = r#"{"phoneNumber":"+1 5025550199"}"#;
    insta::assert_snapshot!(t.run_cmd(t.care().args(["api", "PATCH", &patch, "--body", body, "--yes"])), @"
    ------- stderr -------
    error: how the caller was verified is required for phone.set; nothing was changed
    hint: pass --verified-by callback|manager|in-person|verified-id, or run care verify USER first
    [exit status: 2]
    ");
    t.run_cmd(
        t.care()
            .args(["api", "PATCH", &patch, "--body", "-", "--yes"])
            .args(["--verified-by", "callback"])
            .write_stdin(body),
    )
    .success();
    assert_eq!(
        phone_number(&t, demo::LOST_PHONE, MOBILE).as_deref(),
        Some("+1 5025550199")
    );
    t.care()
        .args(["api", "GET", "/v1.0/users/nobody@district.example"])
        .assert()
        .code(5)
        .stderr(contains("Request_ResourceNotFound"));
    t.care()
        .args([
            "api",
            "GET",
            "/v1.0/users?$count=true&$filter=endswith(mail,'x')",
            "--eventual",
        ])
        .assert()
        .success();
    t.care()
        .args(["api", "BREW", "/v1.0/users"])
        .assert()
        .code(2);
    t.care()
        .args(["api", "POST", "/v1.0/$batch", "--body", "{not json"])
        .assert()
        .code(2);
}

/// What `care api …` parses to, or its usage error (no HTTP).
#[test]
fn parse_api() {
    insta::assert_snapshot!(parse(["api", "GET", "/users", "--paginate", "--eventual"]), @r#"
    Api(
        ApiArgs {
            method: "GET",
            path: "/users",
            body: None,
            paginate: true,
            eventual: true,
        },
    )
    "#);
    insta::assert_snapshot!(parse(["api", "PATCH", "/users/x", "--body", "{}"]), @r#"
    Api(
        ApiArgs {
            method: "PATCH",
            path: "/users/x",
            body: Some(
                "{}",
            ),
            paginate: false,
            eventual: false,
        },
    )
    "#);
    insta::assert_snapshot!(parse(["api", "GET"]), @"
    [exit 2] error: the following required arguments were not provided:
      <PATH>

    Usage: care api <METHOD> <PATH>

    For more information, try '--help'.
    ");
}

/// A write through `care api` is what it does: a pass for a disabled account is refused as
/// `passcode issue` refuses it, a pass inside a `$batch` for an admin too, and the audit log
/// names the person, not the batch.
#[test]
fn api_writes_go_through_the_door_as_what_they_do() {
    let t = Tenant::start();
    let pass = |upn: &str| {
        format!(
            "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
            enc(upn)
        )
    };
    let change = |args: &[&str]| {
        t.run(args.iter().chain(&[
            "--yes",
            "--verified-by",
            "callback",
            "--ticket",
            "INC0012345",
        ]))
    };
    let body = r#"{"lifetimeInMinutes":480,"isUsableOnce":false}"#;
    insta::assert_snapshot!(change(&["api", "POST", &pass(demo::DISABLED), "--body", body]), @"
    ------- stderr -------
    ! Gary Lowe (gary.lowe@district.example): the account is disabled
    error: Gary Lowe (gary.lowe@district.example)'s account is disabled; nothing was changed
    hint: no MFA change lets a disabled account sign in: check with HR or the user's school, then have an account administrator enable it
    [exit status: 2]
    ");
    insta::assert_snapshot!(change(&["api", "post", &pass(demo::DISABLED).to_uppercase(), "--body", body]), @"
    ------- stderr -------
    ! Gary Lowe (gary.lowe@district.example): the account is disabled
    error: Gary Lowe (gary.lowe@district.example)'s account is disabled; nothing was changed
    hint: no MFA change lets a disabled account sign in: check with HR or the user's school, then have an account administrator enable it
    [exit status: 2]
    ");
    let batch = serde_json::json!({"requests": [
        {"id": "1", "method": "GET", "url": "/users?$top=1"},
        {"id": "2", "method": "POST", "url": format!("/users/{}/authentication/temporaryAccessPassMethods", demo::ADMIN_TARGET),
         "headers": {"Content-Type": "application/json"}, "body": {}},
    ]})
    .to_string();
    insta::assert_snapshot!(change(&["api", "POST", "/v1.0/$batch", "--body", &batch]), @"
    ------- stderr -------
    ! Raj Iyer (raj.iyer@district.example): holds an admin role
    error: Raj Iyer (raj.iyer@district.example) holds an admin role; nothing was changed
    hint: escalate to a Privileged Authentication Administrator: care's app identity never changes an admin's methods
    [exit status: 2]
    ");
    assert_eq!(total_writes(&t.stats()), 0, "nothing was sent");
    let refused: Vec<Value> = audit(&t)
        .into_iter()
        .filter(|r| r["result"] == "refused")
        .collect();
    let targets: Vec<&str> = refused
        .iter()
        .map(|r| r["target"]["upn"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        vec![demo::DISABLED, demo::DISABLED, demo::ADMIN_TARGET],
        "{refused:#?}"
    );
    assert!(refused.iter().all(|r| r["action"] == "passcode.issue"));
    // a batch the door lets through: each change recorded on its own, with its outcome
    let fine = serde_json::json!({"requests": [
        {"id": "a", "method": "POST", "url": format!("/users/{}/revokeSignInSessions", demo::NO_SIGNAL)},
        {"id": "b", "method": "POST", "url": format!("/users/{}/authentication/temporaryAccessPassMethods", enc(demo::LEFT_PHONE_AT_HOME)),
         "headers": {"Content-Type": "application/json"}, "body": {}},
    ]})
    .to_string();
    change(&["api", "POST", "/v1.0/$batch", "--body", &fine]).success();
    let records = audit(&t);
    // the pass's person (and their manager) told by mail, through the door too
    assert!(
        records.iter().any(|r| r["action"] == "notify"
            && r["result"] == "success"
            && r["target"]["upn"] == demo::LEFT_PHONE_AT_HOME),
        "{records:#?}"
    );
    let ended: Vec<(String, String, String)> = records
        .into_iter()
        .filter(|r| r["result"] == "success" && r["action"] != "verify" && r["action"] != "notify")
        .map(|r| {
            (
                r["action"].as_str().unwrap().to_string(),
                r["target"]["upn"].as_str().unwrap().to_string(),
                r["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(ended.len(), 2, "{ended:#?}");
    assert_eq!(ended[0].0, "session.revoke");
    assert_eq!(ended[0].1, demo::NO_SIGNAL);
    assert_eq!(ended[1].0, "passcode.issue");
    assert_eq!(ended[1].1, demo::LEFT_PHONE_AT_HOME);
    assert!(ended[1].2.starts_with("sent care api POST"), "{ended:#?}");
}

/// A write to authentication methods that no command makes is refused unless the agent says
/// why with --override; a plain write is an `api.write` with its ticket and record.
#[test]
fn a_method_write_no_command_makes_needs_an_override() {
    let t = Tenant::start();
    let path = format!(
        "/v1.0/users/{}/authentication/emailMethods",
        enc(demo::NO_METHODS)
    );
    let body = r#"{"emailAddress":"ashley.kim@home.example"}"#;
    let post = |extra: &[&str]| {
        t.run(
            [
                "api",
                "POST",
                &path,
                "--body",
                body,
                "--yes",
                "--verified-by",
                "in-person",
                "--evidence",
                "Dana Ortiz, front office",
            ]
            .iter()
            .chain(extra),
        )
    };
    insta::assert_snapshot!(post(&[]), @r#"
    ------- stderr -------
    error: POST /users/ashley.kim@district.example/authentication/emailMethods can change how someone signs in, in a way care cannot check; nothing was changed
    hint: use the care command that does it (passcode issue, phone set, method remove, …); if none does, --override "REASON" sends it as it is (the reason is recorded)
    [exit status: 2]
    "#);
    assert_eq!(total_writes(&t.stats()), 0);
    post(&["--override", "no command adds an email method yet"]).success();
    assert_eq!(total_writes(&t.stats()), 1);
    let last = audit(&t)
        .into_iter()
        .rfind(|r| r["action"] == "api.methods")
        .unwrap();
    assert_eq!(last["result"], "success");
    assert_eq!(last["evidence"], "witness: Dana Ortiz, front office");
    assert_eq!(
        last["overrideReason"],
        "no command adds an email method yet"
    );
    assert_eq!(last["target"]["upn"], demo::NO_METHODS);
}

/// Whatever care cannot read plainly is not sent: a batch whose keys are in capitals is read as
/// Graph reads it, paths that a server could read another way are refused with nothing sent,
/// a batch that would change how two people sign in is a bulk job's, and a phone written
/// through care api meets the phone rules.
#[test]
fn care_api_fails_closed() {
    let t = Tenant::start();
    let change = |args: &[&str]| {
        t.run(args.iter().chain(&[
            "--yes",
            "--verified-by",
            "callback",
            "--override",
            "testing the door",
        ]))
    };
    let capitals = serde_json::json!({"Requests": [
        {"ID": "1", "Method": "POST", "URL": format!("/users/{}/authentication/temporaryAccessPassMethods", demo::ADMIN_TARGET), "Body": {}},
    ]})
    .to_string();
    let run = change(&["api", "POST", "/v1.0/$batch", "--body", &capitals]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("holds an admin role"), "{run}");
    t.reset_stats();
    for path in [
        "/v1.0/users/x/../../users/raj.iyer@district.example/authentication/temporaryAccessPassMethods",
        "/v1.0/users%2Fraj.iyer@district.example%2Fauthentication%2FtemporaryAccessPassMethods",
        "/v1.0/users('raj.iyer@district.example')/authentication/temporaryAccessPassMethods",
        "/v1.0/%24batch",
    ] {
        let run = change(&["api", "POST", path, "--body", "{}"]);
        assert_eq!(run.code, 2, "{path}: {run}");
        assert!(run.stderr.contains("care will not send"), "{path}: {run}");
    }
    assert_eq!(graph_requests(&t.stats()), 0, "nothing was sent");
    let two = serde_json::json!({"requests": [
        {"id": "1", "method": "POST", "url": format!("/users/{}/authentication/temporaryAccessPassMethods", enc(demo::LEFT_PHONE_AT_HOME)), "body": {}},
        {"id": "2", "method": "POST", "url": format!("/users/{}/authentication/temporaryAccessPassMethods", demo::NO_SIGNAL), "body": {}},
    ]})
    .to_string();
    insta::assert_snapshot!(change(&["api", "POST", "/v1.0/$batch", "--body", &two]), @"
    ------- stderr -------
    error: the batch would change how 2 people sign in at once; nothing was changed
    hint: one change to how someone signs in a request; many at once are a bulk job (care bulk), approved and paced
    [exit status: 2]
    ");
    let shared = format!(
        "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
        enc(demo::LOST_PHONE)
    );
    let run = change(&[
        "api",
        "PATCH",
        &shared,
        "--body",
        r#"{"phoneNumber":"+1 5024853552"}"#,
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("shared line"), "{run}");
    assert_eq!(total_writes(&t.stats()), 0);
}
