//! `care session`: signing a user out everywhere.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;

#[test]
fn session_revoke_signs_the_user_out() {
    let t = Tenant::start();
    t.care()
        .args(["session", "revoke", demo::LOST_PHONE])
        .assert()
        .code(2);
    t.care()
        .args(["session", "revoke", demo::LOST_PHONE, "--yes"])
        .assert()
        .success()
        .stderr(contains("signed Sean O'Brien"));
    assert_eq!(t.stats()["writes"][demo::LOST_PHONE]["sessions.revoke"], 1);
}

/// What `care session …` parses to, or its usage error (no HTTP).
#[test]
fn parse_session() {
    insta::assert_snapshot!(parse(["session", "revoke", "maria", "--yes"]), @r#"
    Session(
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
    insta::assert_snapshot!(parse(["session", "revoke"]), @"
    [exit 2] error: the following required arguments were not provided:
      <USER>...

    Usage: care session revoke <USER>...

    For more information, try '--help'.
    ");
}
