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
            "callback",
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
                user: "maria",
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["method", "remove", "maria", "fido2:abc", "--new-default", "sms"]), @r#"
    Method(
        Remove(
            RemoveArgs {
                user: "maria",
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
                user: "maria",
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["method", "default", "maria", "sms"]), @r#"
    Method(
        Default(
            DefaultArgs {
                user: "maria",
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
