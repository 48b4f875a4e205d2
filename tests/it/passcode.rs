//! `care passcode`: Temporary Access Passes.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::json;

// ---- the shape to copy ----------------------------------------------------------------------
//
// A test is a command line run against the test's own copy of the seeded district, and a
// snapshot of what care printed: stdout, stderr under a rule, and the exit code, with times, ids
// and codes named in brackets. Write `@""`, run `cargo insta test --accept -- passcode::` and read
// what it filled in; then check the sandbox's state where the command changed something.

#[test]
fn a_pass_for_a_caller_who_left_their_phone_at_home() {
    let t = Tenant::start();
    insta::assert_snapshot!(t.run(["-o", "json", "passcode", "issue", demo::NO_SIGNAL, "--yes", "--verified-by", "callback"]), @r#"
    {"user":"kevin.patel@district.example","id":"[id]","temporaryAccessPass":"[pass]","startDateTime":"[time]","endDateTime":"[time]","lifetimeInMinutes":60,"isUsableOnce":true,"isUsable":true}
    ------- stderr -------
    care: verified (called back on a number of record: +1 5024112453); changes to Kevin Patel (kevin.patel@district.example) in the next 15 minutes use it
    care: told kevin.patel@district.example by mail
    [exit status: 0]
    "#);
    assert_eq!(passes(&t, demo::NO_SIGNAL), 1);
}

#[test]
fn a_pass_for_someone_who_is_not_there_is_exit_5() {
    let t = Tenant::start();
    insta::assert_snapshot!(t.run(["passcode", "issue", "nobody@district.example", "--yes", "--verified-by", "callback"]), @"
    ------- stderr -------
    error: no user matches 'nobody@district.example'
    hint: check the spelling, or find the person with `care user search NAME`
    [exit status: 5]
    ");
}

// ---- passes ----------------------------------------------------------------------------------

#[test]
fn a_pass_is_issued_once_and_its_code_goes_only_to_stdout() {
    let t = Tenant::start();
    let out = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .env("CARE_LOG", "care=trace")
        .args([
            "--debug",
            "passcode",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
            "--phonetic",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("one-time · usable from today"), "{stdout}");
    assert!(stdout.contains("Spelled: "));
    let grouped = stdout.lines().nth(2).unwrap().trim().to_string();
    let code: String = grouped.split(' ').collect();
    assert_eq!(code.len(), 8, "{grouped}");
    assert!(stderr.contains("graph"), "the debug trace ran: {stderr}");
    assert!(!stderr.contains(&code), "the code must not reach stderr");
    // the sandbox holds it, one-time and usable; its audit log and GETs never show the code
    let tok = t.token();
    let passes = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
            demo::LEFT_PHONE_AT_HOME
        ),
    );
    assert_eq!(passes.body["value"][0]["isUsableOnce"], true);
    assert_eq!(passes.body["value"][0]["isUsable"], true);
    let audits = t.get(&tok, "/v1.0/auditLogs/directoryAudits");
    assert!(!audits.text.contains(&code) && !passes.text.contains(&code));
    // and the code works, once
    let sign = t.admin(
        "POST",
        "/_sandbox/signin",
        Some(json!({"userPrincipalName": demo::LEFT_PHONE_AT_HOME, "temporaryAccessPass": code})),
    );
    assert_eq!(sign.body["result"], "success");
    // show never prints the code
    let show = t
        .care()
        .args(["passcode", "show", demo::LEFT_PHONE_AT_HOME])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains("already used") && !text.contains(&code),
        "{text}"
    );
}

#[test]
fn pass_rules_are_checked_before_any_request() {
    let t = Tenant::start();
    let issue = |flags: &[&str]| {
        t.run(
            ["tap", "issue", demo::LOST_PHONE]
                .iter()
                .chain(flags)
                .chain(&["--yes", "--verified-by", "callback"]),
        )
    };
    let before = graph_requests(&t.stats());
    insta::assert_snapshot!(issue(&["--lifetime", "soon"]), @"
    ------- stderr -------
    error: 'soon' is not a lifetime
    hint: use minutes or a duration such as 90m, 1h or 8h
    [exit status: 2]
    ");
    insta::assert_snapshot!(issue(&["--lifetime", "45d"]), @"
    ------- stderr -------
    error: '45d' is not a lifetime
    hint: use minutes or a duration such as 90m, 1h or 8h
    [exit status: 2]
    ");
    insta::assert_snapshot!(issue(&["--start", "yesterday"]), @"
    ------- stderr -------
    error: 'yesterday' is not a start time
    hint: use 14:30 (today), 2026-12-01 07:30, or [time]
    [exit status: 2]
    ");
    assert_eq!(graph_requests(&t.stats()), before);
    // out of the tenant policy (60–480 minutes): refused with no pass created
    insta::assert_snapshot!(issue(&["--lifetime", "30m"]), @"
    ------- stderr -------
    error: the tenant allows passes of 60 to 480 minutes, not 30
    hint: pick a lifetime in that range, or leave out --lifetime for the policy default
    [exit status: 2]
    ");
    assert!(
        t.stats()["writes"].get(demo::LOST_PHONE).is_none(),
        "no POST was made"
    );
    // a change without a terminal needs --yes
    insta::assert_snapshot!(t.run(["tap", "issue", demo::LOST_PHONE, "--verified-by", "callback"]), @"
    ------- stderr -------
    care: verified (called back on a number of record: +1 8598424327); changes to Sean O'Brien (sean.o'brien@district.example) in the next 15 minutes use it
    error: this change needs confirmation, and care is not running interactively
    hint: pass --yes to confirm it
    [exit status: 2]
    ");
    // json output carries the code for the script that asked; a usable pass needs --replace
    let issued = t
        .run(
            [
                "-o",
                "json",
                "tap",
                "issue",
                demo::LOST_PHONE,
                "--lifetime",
                "2h",
                "--multi-use",
            ]
            .iter()
            .chain(&["--yes", "--verified-by", "callback"]),
        )
        .success();
    insta::assert_snapshot!(issued, @r#"
    {"user":"sean.o'brien@district.example","id":"[id]","temporaryAccessPass":"[pass]","startDateTime":"[time]","endDateTime":"[time]","lifetimeInMinutes":120,"isUsableOnce":false,"isUsable":true}
    ------- stderr -------
    care: caller verified (called back on a number of record: +1 8598424327)
    care: told sean.o'brien@district.example by mail
    [exit status: 0]
    "#);
    let issued = issued.json();
    assert_eq!(issued["temporaryAccessPass"].as_str().unwrap().len(), 8);
    insta::assert_snapshot!(t.run(["tap", "issue", demo::LOST_PHONE, "--no-input", "--verified-by", "callback"]), @"
    ------- stderr -------
    ! Sean O'Brien (sean.o'brien@district.example): already got a pass in the last 24 hours
    error: Sean O'Brien (sean.o'brien@district.example) already has a usable Temporary Access Pass
    hint: pass --replace to replace it (a new pass silently replaces the old one)
    [exit status: 2]
    ");
    let replaced = issue(&["--replace", "-o", "json"]).success().json();
    assert_ne!(
        replaced["temporaryAccessPass"],
        issued["temporaryAccessPass"]
    );
    assert_eq!(t.stats()["writes"][demo::LOST_PHONE]["tap.create"], 2);
    // revoke
    insta::assert_snapshot!(t.run(["tap", "revoke", demo::LOST_PHONE, "--yes"]), @"
    ------- stderr -------
    revoked the Temporary Access Pass of Sean O'Brien (sean.o'brien@district.example)
    [exit status: 0]
    ");
    insta::assert_snapshot!(t.run(["tap", "revoke", demo::LOST_PHONE, "--yes"]), @"
    ------- stderr -------
    Sean O'Brien (sean.o'brien@district.example) has no Temporary Access Pass; nothing to revoke
    [exit status: 0]
    ");
    // admins only for a Privileged Authentication Administrator; never yourself
    let auth = t.user_token(demo::AGENT_AUTH_ADMIN);
    let as_auth_admin = |user: &str| {
        t.run_cmd(t.care().env("CARE_TOKEN", &auth).args([
            "tap",
            "issue",
            user,
            "--yes",
            "--verified-by",
            "callback",
        ]))
    };
    insta::assert_snapshot!(as_auth_admin(demo::ADMIN_TARGET), @"
    ------- stderr -------
    ! Raj Iyer (raj.iyer@district.example): holds an admin role
    error: Raj Iyer (raj.iyer@district.example) holds an admin role; nothing was changed
    hint: escalate to a Privileged Authentication Administrator (your role cannot change an admin's methods)
    [exit status: 2]
    ");
    insta::assert_snapshot!(as_auth_admin(demo::AGENT_AUTH_ADMIN), @"
    ------- stderr -------
    ! Casey Auth (care.auth@district.example): holds an admin role
    error: nobody issues a Temporary Access Pass to themselves; nothing was changed
    hint: ask another agent (Entra refuses it too)
    [exit status: 2]
    ");
}

#[test]
fn a_pass_whose_answer_is_lost_is_not_issued_twice() {
    let t = Tenant::with(|o| o.faults = Some("drop-after=1".parse().unwrap()));
    t.care()
        .args([
            "tap",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(1)
        .stderr(contains("was created, but its code was lost").and(contains("--replace")));
    assert_eq!(
        t.stats()["writes"][demo::LEFT_PHONE_AT_HOME]["tap.create"],
        1,
        "the POST was not resent blind"
    );
}

#[test]
fn a_pass_code_in_csv_is_the_exact_code() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "csv",
            "passcode",
            "issue",
            care::sandbox::demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let row = rows.records().next().unwrap().unwrap();
    let code = &row[1];
    assert!(!code.starts_with('\''), "{text}");
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .contains(&format!("\"{code}\""))
    );
    // and it is the code Graph gave: the same one -o json shows for a new pass
    assert_eq!(code.len(), 8, "{code}");
}

#[test]
fn a_start_years_ahead_is_refused_before_any_request() {
    let t = Tenant::start();
    t.reset_stats();
    for start in ["2062-11-28 09:00", "9999-12-30T21:00:00Z"] {
        let out = t
            .care()
            .args([
                "passcode",
                "issue",
                care::sandbox::demo::LEFT_PHONE_AT_HOME,
                "--start",
                start,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
    }
    assert_eq!(t.stats()["requests"], json!({}), "{}", t.stats());
}

/// What `care passcode …` parses to, or its usage error (no HTTP).
#[test]
fn parse_passcode() {
    insta::assert_snapshot!(parse(["passcode", "issue", "maria", "--lifetime", "2h", "--multi-use", "--start", "14:30"]), @r#"
    Passcode(
        Issue(
            IssueArgs {
                user: Named(
                    UserQuery {
                        text: "maria",
                        lookup: Name(
                            "maria",
                        ),
                    },
                ),
                lifetime: Some(
                    "2h",
                ),
                one_time: false,
                multi_use: true,
                start: Some(
                    "14:30",
                ),
                replace: false,
                phonetic: false,
                lang: None,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["tap", "issue", "maria", "--one-time", "--multi-use"]), @"
    [exit 2] error: the argument '--one-time' cannot be used with '--multi-use'

    Usage: care passcode issue --one-time <USER>...

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(parse(["passcode", "issue", "maria", "--replace", "--phonetic", "--ticket", "INC-1", "--verified-by", "manager"]), @r#"
    Passcode(
        Issue(
            IssueArgs {
                user: Named(
                    UserQuery {
                        text: "maria",
                        lookup: Name(
                            "maria",
                        ),
                    },
                ),
                lifetime: None,
                one_time: false,
                multi_use: false,
                start: None,
                replace: true,
                phonetic: true,
                lang: None,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["passcode", "issue", "maria", "--verified-by", "a-friend"]), @"
    [exit 2] error: invalid value 'a-friend' for '--verified-by <HOW>'
      [possible values: callback, manager, manager-code, in-person, verified-id]

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(parse(["passcode", "show", "maria"]), @r#"
    Passcode(
        Show(
            UserArg {
                user: Named(
                    UserQuery {
                        text: "maria",
                        lookup: Name(
                            "maria",
                        ),
                    },
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["passcode", "revoke", "maria", "--yes"]), @r#"
    Passcode(
        Revoke(
            UserArg {
                user: Named(
                    UserQuery {
                        text: "maria",
                        lookup: Name(
                            "maria",
                        ),
                    },
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["passcode", "issue"]), @"
    [exit 2] error: the following required arguments were not provided:
      <USER>...

    Usage: care passcode issue <USER>...

    For more information, try '--help'.
    ");
}
