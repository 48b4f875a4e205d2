//! The caller card: terminal, pipe, JSON and CSV, and its warnings.

use crate::common::*;
use care::sandbox::demo;
use serde_json::json;

// ---- the caller card -------------------------------------------------------------------------

#[test]
fn caller_card_on_a_terminal() {
    let t = Tenant::start();
    let out = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .env("COLUMNS", "120")
        .args(["user", "show", demo::LEFT_PHONE_AT_HOME])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Maria Garcia  maria.garcia@district.example  "),
        "{text}"
    );
    assert!(text.contains("Teacher · Instruction · Cedar Grove Elementary"));
    assert!(
        text.contains("┌") && text.contains("kind") && text.contains("Microsoft Authenticator on"),
        "bordered table with header:\n{text}"
    );
    assert!(
        text.contains("Registration: MFA capable · default Authenticator app notification"),
        "{text}"
    );
    assert!(text.contains("Pass: none"));
    assert!(text.contains("Sign-ins: 3 failures in the last 7 days"));
    assert!(text.contains("500121 prompt not done · "), "{text}");
    assert!(text.contains("! 2 MFA prompts not completed"), "{text}");
    assert!(!text.contains("second phone"), "{text}");
    // the card is one round trip: a single $batch
    let stats = t.stats();
    assert_eq!(stats["batches"], 1, "{stats}");
    assert_eq!(stats["requests"]["POST /v1.0/$batch"], 1, "{stats}");
}

#[test]
fn caller_card_json_pipe_and_csv() {
    let t = Tenant::start();
    let out = t
        .care()
        .args(["-o", "json", "user", "show", demo::OFFICE_PHONE_ONLY])
        .output()
        .unwrap();
    assert!(out.status.success());
    let card = stdout_json(&out);
    assert_eq!(card["user"]["userPrincipalName"], demo::OFFICE_PHONE_ONLY);
    let codes: Vec<&str> = card["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["office-phone-only", "prompt-not-completed"]);
    let office = card["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "phone")
        .unwrap();
    assert_eq!(office["phoneType"], "office");
    assert!(
        office["phoneNumber"].as_str().unwrap().contains('x'),
        "an extension"
    );
    assert!(card["recentFailures"].as_array().unwrap().len() >= 2);
    assert_eq!(card["unavailable"], json!([]));
    // on a pipe the methods are tab-separated rows without a header
    let out = t
        .care()
        .args(["user", "show", demo::NO_METHODS])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("password\tpassword\t"), "{text}");
    assert!(!text.contains("┌"));
    assert!(text.contains("! no MFA method registered"));
    // csv: a header, and cells that a spreadsheet would run are neutralised
    let out = t
        .care()
        .args(["-o", "csv", "user", "show", demo::LOST_PHONE])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("kind,detail,added,id\n"), "{text}");
    assert!(
        text.contains("'+1 "),
        "a phone number starting with + is neutralised: {text}"
    );
}

#[test]
fn caller_card_warns_about_admins_disabled_and_phone_only() {
    let t = Tenant::start();
    let warn = |upn: &str| {
        let out = t
            .care()
            .args(["-o", "json", "user", "show", upn])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout_json(&out)["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(warn(demo::ADMIN_TARGET).contains(&"admin-target".to_string()));
    assert!(warn(demo::DISABLED).contains(&"account-disabled".to_string()));
    assert!(warn(demo::LOST_PHONE).contains(&"phone-only".to_string()));
    assert!(warn(demo::GUEST).contains(&"guest".to_string()));
}

/// What `care user show …` parses to, or its usage error (no HTTP).
#[test]
fn parse_user_show() {
    // a user that cannot exist is refused as the argument is parsed, in care's words, its
    // escape never echoed
    insta::assert_snapshot!(parse(["user", "show", "maria\u{1b}[2J@district.example"]), @"
    [exit 2] error: 'maria@district.example' can't be a user principal name: it contains ' (U+001B), which is not allowed in a UPN
    hint: name the caller by UPN, mail, object id, employee id or words of their name
    ");
    insta::assert_snapshot!(parse(["user", "show", "maria.garcia@district.example"]), @r#"
    User(
        Show(
            ShowArgs {
                user: Named(
                    UserQuery {
                        text: "maria.garcia@district.example",
                        lookup: Key(
                            UserRef(
                                "maria.garcia@district.example",
                            ),
                        ),
                    },
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["user", "show"]), @"
    [exit 2] error: the following required arguments were not provided:
      <USER>...

    Usage: care user show <USER>...

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(parse(["user", "show", "maria", "-o", "yaml"]), @"
    [exit 2] error: invalid value 'yaml' for '--output <OUTPUT>'
      [possible values: table, json, csv]

    For more information, try '--help'.
    ");
}
