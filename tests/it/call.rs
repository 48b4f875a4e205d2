//! `care call`: the guided call, with scripted answers and in a real pseudo-terminal.

use crate::common::*;
use care::sandbox::demo;
#[cfg(unix)]
use expectrl::{Eof, Expect};

/// `care call` with its answers scripted (CARE_ANSWERS): the questions and answers it echoes.
fn call(t: &Tenant, user: &str, answers: &[&str]) -> std::process::Output {
    let path = t.dir.path().join("answers.txt");
    std::fs::write(&path, answers.join("\n")).unwrap();
    t.care()
        .env("CARE_ANSWERS", &path)
        .args(["call", user])
        .output()
        .unwrap()
}

#[test]
fn the_guided_call_covers_the_faq_situations() {
    let t = Tenant::start();
    let tok = t.token();
    let passes = |u: &str| {
        t.get(
            &tok,
            &format!(
                "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
                enc(u)
            ),
        )
        .body["value"]
            .as_array()
            .unwrap()
            .len()
    };
    // left the phone at home: verified by callback, a one-time pass, the FAQ's answer
    let out = call(
        &t,
        demo::LEFT_PHONE_AT_HOME,
        &[
            "called back",
            "left their phone at home",
            "y",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(passes(demo::LEFT_PHONE_AT_HOME), 1);
    let stdout = text(&out.stdout);
    // the pass (on a pipe: a tab-separated row with the code)
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("maria.garcia@district.example\t") && l.contains("one-time")),
        "{stdout}"
    );
    assert!(stdout.contains("Nothing else needs to change"), "{stdout}");
    // lost phone: the Authenticator and the mobile go (the default moves along), sessions end,
    // a pass, and the lost-phone answer
    let out = call(
        &t,
        demo::LOST_PHONE,
        &["manager", "lost their phone", "y", "y", "y", "end the call"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let methods = t
        .get(
            &tok,
            &format!(
                "/v1.0/users/{}/authentication/methods",
                enc(demo::LOST_PHONE)
            ),
        )
        .body;
    let kinds: Vec<&str> = methods["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["@odata.type"].as_str())
        .collect();
    assert!(
        !kinds.iter().any(|k| k.contains("phoneAuthentication")),
        "{kinds:?}"
    );
    assert_eq!(passes(demo::LOST_PHONE), 1);
    assert_eq!(t.stats()["writes"][demo::LOST_PHONE]["sessions.revoke"], 1);
    assert!(text(&out.stdout).contains("removed the lost phone"));
    // no signal: the Authenticator's code becomes the default
    let out = call(
        &t,
        demo::NO_SIGNAL,
        &["in person", "no signal", "y", "end the call"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let prefs = t
        .get(
            &tok,
            &format!(
                "/beta/users/{}/authentication/signInPreferences",
                enc(demo::NO_SIGNAL)
            ),
        )
        .body;
    assert_eq!(
        prefs["userPreferredMethodForSecondaryAuthentication"],
        "oath"
    );
    // an office phone: the number, the FAQ's warning, set as office
    let out = call(
        &t,
        demo::NO_METHODS,
        &[
            "in person",
            "office phone",
            "502-555-0190 x45",
            "y",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("away from the building"));
    // questions that change nothing: no verification needed, no write
    let before = t.stats()["writes"].clone();
    let out = call(
        &t,
        demo::PRINCIPAL,
        &["could not verify", "mail app", "how often", "end the call"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(t.stats()["writes"], before);
    assert!(text(&out.stdout).contains("Microsoft Outlook app"));
    assert!(
        !text(&out.stderr).contains("left their phone at home"),
        "changes are not offered unverified"
    );
    // a delegate question checks the mailbox
    let out = call(
        &t,
        demo::NOT_DELEGATE,
        &["called back", "delegate", demo::PRINCIPAL, "end the call"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("not a delegate")
            || text(&out.stdout).contains("not delegation"),
        "{}",
        text(&out.stdout)
    );
}

#[cfg(unix)]
#[test]
fn left_phone_at_home_on_a_terminal() {
    let t = Tenant::start();
    let mut p = session(&t, &["call", demo::LEFT_PHONE_AT_HOME]);
    p.expect("Maria Garcia").unwrap();
    p.expect("Call back a number already on file").unwrap();
    p.expect("How did you verify").unwrap();
    // the first choice: called back on a number on file
    p.send("\r").unwrap();
    p.expect("What does the caller need").unwrap();
    // the first choice: left their phone at home
    p.send("\r").unwrap();
    p.expect("Issue a one-time Temporary Access Pass").unwrap();
    // y, e and s, then Enter: all read, nothing left for the shell
    p.send("yes\r").unwrap();
    p.expect("Spelled:").unwrap();
    p.expect("Read to the caller").unwrap();
    p.expect("What does the caller need").unwrap();
    // the last choice, one step up from the first: end the call
    p.send("\x1b[A").unwrap();
    p.send("\r").unwrap();
    p.expect("Call ended").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 1);
    let log = std::fs::read_to_string(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    assert!(log.contains("\"action\":\"verify\"") && log.contains("\"action\":\"passcode.issue\""));
}

#[cfg(unix)]
#[test]
fn accessible_prompts_take_typed_numbers() {
    let t = Tenant::start();
    let mut p = session(&t, &["--accessible", "call", demo::LEFT_PHONE_AT_HOME]);
    p.expect("1. called back on a number already on file")
        .unwrap();
    p.expect("Type a number").unwrap();
    p.send_line("9").unwrap();
    p.expect("not one of the numbers").unwrap();
    p.send_line("1").unwrap();
    p.expect("1. The caller left their phone at home").unwrap();
    p.send_line("1").unwrap();
    p.expect("Type yes or no").unwrap();
    p.send_line("yes").unwrap();
    p.expect("Read to the caller").unwrap();
    p.expect("end the call").unwrap();
    p.expect("Type a number").unwrap();
    p.send_line("11").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 1);
}

/// What `care call …` parses to, or its usage error (no HTTP).
#[test]
fn parse_call() {
    insta::assert_snapshot!(parse(["call", "maria"]), @r#"
    Call(
        CallArgs {
            user: [
                UserQuery {
                    text: "maria",
                    lookup: Name(
                        "maria",
                    ),
                },
            ],
        },
    )
    "#);
    insta::assert_snapshot!(parse(["call"]), @"
    Call(
        CallArgs {
            user: [],
        },
    )
    ");
    insta::assert_snapshot!(parse(["call", "maria", "--accessible"]), @r#"
    Call(
        CallArgs {
            user: [
                UserQuery {
                    text: "maria",
                    lookup: Name(
                        "maria",
                    ),
                },
            ],
        },
    )
    "#);
}
