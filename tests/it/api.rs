//! `care api`: any Graph request with care's sign-in, retries and errors.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;

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
    assert_eq!(stdout_json(&out)["value"].as_array().unwrap().len(), 300);
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
