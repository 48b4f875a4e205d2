//! `care method`: list, remove, default and reset.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;

// ---- methods ---------------------------------------------------------------------------------

#[test]
fn method_list_remove_and_reset() {
    let t = Tenant::start();
    let out = t
        .care()
        .args(["-o", "json", "method", "list", demo::UNICODE])
        .output()
        .unwrap();
    let kinds: Vec<String> = stdout_json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap().to_string())
        .collect();
    for k in ["password", "phone", "passkey", "windows-hello"] {
        assert!(kinds.contains(&k.to_string()), "{k} in {kinds:?}");
    }
    t.care()
        .args([
            "method",
            "remove",
            demo::UNICODE,
            "passkey",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("removed passkey"));
    t.care()
        .args([
            "method",
            "remove",
            demo::UNICODE,
            "phone",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("say which by id"));
    t.care()
        .args([
            "method",
            "remove",
            demo::UNICODE,
            "password",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2);
    t.care()
        .args([
            "method",
            "remove",
            demo::UNICODE,
            "oath",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(5);
    t.care()
        .args([
            "method",
            "remove",
            demo::UNICODE,
            "gibberish",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2);
    // reset: Kevin's default is push, with a mobile and OATH: everything goes, in an order Graph accepts
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "method",
            "reset",
            demo::NO_SIGNAL,
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Dana Ortiz, front office",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = stdout_json(&out);
    assert_eq!(report["removed"].as_array().unwrap().len(), 3, "{report}");
    assert_eq!(report["sessionsRevoked"], true);
    let tok = t.token();
    let left = t.get(
        &tok,
        &format!("/v1.0/users/{}/authentication/methods", demo::NO_SIGNAL),
    );
    assert_eq!(
        left.body["value"].as_array().unwrap().len(),
        1,
        "only the password: {}",
        left.text
    );
}

// ---- the default method ----------------------------------------------------------------------

#[test]
fn the_default_method_moves_before_its_method_goes() {
    let t = Tenant::start();
    // Maria's default is the Authenticator (push): removing it in a script needs a new default
    t.care()
        .args([
            "method",
            "remove",
            demo::LEFT_PHONE_AT_HOME,
            "authenticator",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("--new-default"));
    assert_eq!(total_writes(&t.stats()), 0);
    t.care()
        .args([
            "method",
            "remove",
            demo::LEFT_PHONE_AT_HOME,
            "authenticator",
            "--new-default",
            "sms",
        ])
        .args(["--yes", "--verified-by", "callback"])
        .assert()
        .success();
    let tok = t.token();
    let prefs = t.get(
        &tok,
        &format!(
            "/beta/users/{}/authentication/signInPreferences",
            enc(demo::LEFT_PHONE_AT_HOME)
        ),
    );
    assert_eq!(
        prefs.body["userPreferredMethodForSecondaryAuthentication"],
        "sms"
    );
    // care method default, and what it can't be
    t.care()
        .args([
            "method",
            "default",
            demo::LEFT_PHONE_AT_HOME,
            "voice-mobile",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    t.care()
        .args([
            "method",
            "default",
            demo::LEFT_PHONE_AT_HOME,
            "push",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("no method for"));
}

/// What `care method …` parses to, or its usage error (no HTTP).
#[test]
fn parse_method() {
    insta::assert_snapshot!(parse(["method", "list", "maria"]), @r#"
    Method(
        List(
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
    insta::assert_snapshot!(parse(["method", "remove", "maria", "fido2:abc", "--new-default", "sms"]), @r#"
    Method(
        Remove(
            RemoveArgs {
                user: UserQuery {
                    text: "maria",
                    lookup: Name(
                        "maria",
                    ),
                },
                method: "fido2:abc",
                new_default: Some(
                    Sms,
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["method", "reset", "maria", "--override", "lost every device"]), @r#"
    Method(
        Reset(
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
    insta::assert_snapshot!(parse(["method", "default", "maria", "sms"]), @r#"
    Method(
        Default(
            DefaultArgs {
                user: UserQuery {
                    text: "maria",
                    lookup: Name(
                        "maria",
                    ),
                },
                kind: Sms,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["method", "default", "maria"]), @"
    [exit 2] error: the following required arguments were not provided:
      <KIND>

    Usage: care method default <USER> <KIND>

    For more information, try '--help'.
    ");
}

/// A method change is a change to how a person signs in: the blocking facts and the hourly
/// limit apply, and no --override lifts an admin refusal (the app has no admin role).
#[test]
fn a_reset_of_an_admin_is_refused_whatever_the_override() {
    let t = Tenant::start();
    policy(&t, "changes-per-hour = 1");
    let change = |args: &[&str]| {
        t.run(args.iter().chain(&[
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Dana Ortiz, front office",
        ]))
    };
    change(&["method", "default", demo::NO_SIGNAL, "oath"]).success();
    // the limit is used up: an ordinary reset is refused, with the override offered
    insta::assert_snapshot!(change(&["method", "reset", demo::LEFT_PHONE_AT_HOME]), @r#"
    ------- stderr -------
    error: you have made 1 change to how people sign in in the last hour, on every machine you use: more than a busy desk makes (policy.changes-per-hour = 1); nothing was changed
    hint: a planned run (a school's new carrier, a new-hire wave) goes faster as a bulk job; otherwise --override "REASON" says why
    [exit status: 2]
    "#);
    // an admin: refused, and the override does not lift it nor is it offered
    let over = ["--override", "the principal asked"];
    let run = change(&["method", "reset", demo::ADMIN_TARGET, over[0], over[1]]);
    insta::assert_snapshot!(run, @"
    ------- stderr -------
    ! Raj Iyer (raj.iyer@district.example): holds an admin role
    error: Raj Iyer (raj.iyer@district.example) holds an admin role; nothing was changed
    hint: escalate to a Privileged Authentication Administrator: care's app identity never changes an admin's methods
    [exit status: 2]
    ");
    assert!(!run.stderr.contains("--override"), "{run}");
    for args in [
        vec![
            "method",
            "remove",
            demo::ADMIN_TARGET,
            "mobile",
            over[0],
            over[1],
        ],
        vec![
            "method",
            "default",
            demo::ADMIN_TARGET,
            "sms",
            over[0],
            over[1],
        ],
        vec![
            "phone",
            "remove",
            demo::ADMIN_TARGET,
            "--type",
            "mobile",
            over[0],
            over[1],
        ],
    ] {
        let run = change(&args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert!(
            run.stderr.contains("holds an admin role"),
            "{args:?}: {run}"
        );
    }
    // the ordinary one goes ahead with the reason recorded
    change(&[
        "method",
        "reset",
        demo::LEFT_PHONE_AT_HOME,
        over[0],
        over[1],
    ])
    .success();
    let writes = &t.stats()["writes"];
    assert!(writes.get(demo::ADMIN_TARGET).is_none(), "{writes}");
    let done = audit(&t)
        .into_iter()
        .rfind(|r| r["action"] == "method.reset" && r["result"] == "success")
        .unwrap();
    assert_eq!(done["overrideReason"], "the principal asked");
}
