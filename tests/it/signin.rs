//! `care signin`: recent sign-ins with MFA detail.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;

#[test]
fn signin_list_explains_codes() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "signin",
            "list",
            demo::LEFT_PHONE_AT_HOME,
            "--since",
            "7d",
            "--failures",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = stdout_json(&out);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["status"]["errorCode"], 500121);
    assert!(
        rows[0]["explanation"]
            .as_str()
            .unwrap()
            .contains("MFA prompt")
    );
    assert!(
        rows[0]["authenticationDetails"].is_array(),
        "MFA detail from /beta"
    );
    let out = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .args(["signin", "list", demo::LEFT_PHONE_AT_HOME, "--since", "48h"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("50074 MFA not done"), "{text}");
    t.care()
        .args([
            "signin",
            "list",
            demo::LEFT_PHONE_AT_HOME,
            "--since",
            "forever",
        ])
        .assert()
        .code(2);
    let t = Tenant::with(|o| o.premium = false);
    t.care()
        .args(["signin", "list", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .code(4)
        .stderr(contains("P1 or P2"));
}

/// What `care signin …` parses to, or its usage error (no HTTP).
#[test]
fn parse_signin() {
    insta::assert_snapshot!(parse(["signin", "list", "maria", "--since", "7d", "--failures", "--limit", "5"]), @r#"
    Signin(
        List(
            ListArgs {
                user: Named(
                    UserQuery {
                        text: "maria",
                        lookup: Name(
                            "maria",
                        ),
                    },
                ),
                since: "7d",
                failures: true,
                limit: 5,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["signin", "list", "maria", "--limit", "-1"]), @"
    [exit 2] error: unexpected argument '-1' found

      tip: to pass '-1' as a value, use '-- -1'

    Usage: care signin list [OPTIONS] <USER>...

    For more information, try '--help'.
    ");
}
