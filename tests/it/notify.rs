//! Telling the user: after each change a mail to the address the directory has for them (and
//! for a pass or a removed method their manager), through the door like any change; the
//! sandbox's outbox shows what went out.

use crate::common::*;
use care::sandbox::demo;
use serde_json::Value;

fn to(mail: &Value) -> Vec<String> {
    mail["to"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_user_and_their_manager_are_told_of_each_change() {
    let t = Tenant::start();
    let change = |args: &[&str]| {
        let run = t.run(args.iter().chain(&[
            "--yes",
            "--ticket",
            "INC0012345",
            "--verified-by",
            "in-person",
            "--evidence",
            "Dana Ortiz, front office",
        ]));
        assert_eq!(run.code, 0, "{run}");
        run
    };
    // a pass: Maria and her manager, the ticket, the number to call, never the code
    let run = change(&["-o", "json", "passcode", "issue", demo::LEFT_PHONE_AT_HOME]);
    let code = run.json()["temporaryAccessPass"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        run.stderr.contains(
            "told maria.garcia@district.example and laura.clark@district.example by mail"
        ),
        "{run}"
    );
    let sent = t.outbox();
    assert_eq!(sent.len(), 2, "{sent:#?}");
    assert_eq!(to(&sent[0]), ["maria.garcia@district.example"]);
    assert_eq!(to(&sent[1]), ["laura.clark@district.example"]);
    // the sandbox app sends from the Care Center's mailbox
    assert!(sent.iter().all(|m| m["from"] == demo::CARE_CENTER_MAILBOX));
    let body = sent[0]["body"].as_str().unwrap();
    assert_eq!(sent[0]["subject"], "A change to how you sign in");
    for needed in [
        "Issued a one-time pass",
        "(ticket INC0012345)",
        "502-485-3552",
        "maria.garcia@district.example",
    ] {
        assert!(body.contains(needed), "{needed}: {body}");
    }
    assert!(
        sent[1]["body"]
            .as_str()
            .unwrap()
            .contains("who reports to you")
    );
    assert!(
        !sent.iter().any(|m| m.to_string().contains(&code)),
        "the code was mailed"
    );
    // a phone: the user only, the number as its last four digits
    change(&["phone", "set", demo::NO_SIGNAL, "502-555-0170"]);
    let mail = t.outbox().pop().unwrap();
    assert_eq!(to(&mail), [demo::NO_SIGNAL]);
    let body = mail["body"].as_str().unwrap();
    assert!(body.contains("a number ending in 0170"), "{body}");
    assert!(!body.contains("5550170"), "{body}");
    // a method removed: the user and their manager
    let before = t.outbox().len();
    change(&["method", "remove", demo::LEFT_PHONE_AT_HOME, "email"]);
    let sent = t.outbox();
    assert_eq!(sent.len(), before + 2, "{sent:#?}");
    assert!(sent[before]["body"].as_str().unwrap().contains("Removed "));
    // sessions: the user
    change(&["session", "revoke", demo::PRINCIPAL]);
    let mail = t.outbox().pop().unwrap();
    assert_eq!(to(&mail), [demo::PRINCIPAL]);
    assert!(
        mail["body"]
            .as_str()
            .unwrap()
            .contains("Signed out everywhere")
    );
    // --no-notify: nothing sent, and why is recorded
    let before = t.outbox().len();
    let run = change(&[
        "session",
        "revoke",
        demo::DELEGATE,
        "--no-notify",
        "she is on the line and asked for it",
    ]);
    assert!(run.stderr.contains("nobody was told"), "{run}");
    assert_eq!(t.outbox().len(), before);
    let skipped = audit(&t).pop().unwrap();
    assert_eq!(skipped["action"], "notify");
    assert_eq!(skipped["result"], "skipped");
    assert!(skipped["detail"].as_str().unwrap().contains("asked for it"));
    // `care sandbox outbox` shows it all, and filters by address
    let run = t.run([
        "-o",
        "json",
        "sandbox",
        "outbox",
        "--to",
        "laura.clark@district.example",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json().as_array().unwrap().len(), 2, "{run}");
}

/// An agent signed in as themselves sends from their own mailbox; a mailbox that cannot send
/// is said, and the change stands.
#[test]
fn who_sends_and_what_a_failed_notice_says() {
    let t = Tenant::start();
    let agent = t.user_token(demo::AGENT_AUTH_ADMIN);
    let run = t.run_cmd(t.care().env("CARE_TOKEN", &agent).args([
        "session",
        "revoke",
        demo::NO_SIGNAL,
        "--yes",
    ]));
    assert_eq!(run.code, 0, "{run}");
    let mail = t.outbox().pop().unwrap();
    assert_eq!(mail["from"], demo::AGENT_AUTH_ADMIN);
    assert_eq!(mail["sentBy"], demo::AGENT_AUTH_ADMIN);
    // the app told to send from a mailbox that has none: the change is made, the notice not
    policy(&t, "notify-from = \"bus.depot@district.example\"");
    let run = t.run(["session", "revoke", demo::PRINCIPAL, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains("! not told by mail") && run.stderr.contains("tell them another way"),
        "{run}"
    );
    let failed = audit(&t).pop().unwrap();
    assert_eq!(failed["action"], "notify");
    assert_eq!(failed["result"], "failed");
}
