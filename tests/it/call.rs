//! `care call`: the guided call, with scripted answers and in a real pseudo-terminal.

use crate::common::*;
use care::sandbox::demo;
#[cfg(unix)]
use expectrl::{Eof, Expect};
use serde_json::{Value, json};

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
    // left the phone at home: what they need first, then verified by a callback to their one
    // number of record, a one-time pass, the FAQ's answer
    let out = call(
        &t,
        demo::LEFT_PHONE_AT_HOME,
        &[
            "left their phone at home",
            "called back",
            "y",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 1);
    let stdout = text(&out.stdout);
    // the pass (on a pipe: a tab-separated row with the code)
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("maria.garcia@district.example\t") && l.contains("one-time")),
        "{stdout}"
    );
    assert!(stdout.contains("Nothing else needs to change"), "{stdout}");
    // lost phone: his only number is the lost mobile, so no callback; seen in person. The
    // mobile goes, sessions end, a pass, and the lost-phone answer
    let out = call(
        &t,
        demo::LOST_PHONE,
        &[
            "lost their phone",
            "in person",
            "Dana Ortiz, front office",
            "y",
            "y",
            "y",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("the phone being removed as lost"),
        "{stderr}"
    );
    assert!(!has_phone(&t, &tok, demo::LOST_PHONE));
    assert_eq!(passes(&t, demo::LOST_PHONE), 1);
    assert_eq!(t.stats()["writes"][demo::LOST_PHONE]["sessions.revoke"], 1);
    assert!(text(&out.stdout).contains("We removed the lost phone"));
    // no signal: the Authenticator's code becomes the default
    let out = call(
        &t,
        demo::NO_SIGNAL,
        &["no signal", "in person", "Dana Ortiz", "y", "end the call"],
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
            "office phone",
            "in person",
            "Dana Ortiz",
            "502-555-0190 x45",
            "y",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("away from the building"));
    // a caller who could not be verified: nothing changes, and questions are still answered
    let before = t.stats()["writes"].clone();
    let out = call(
        &t,
        demo::PRINCIPAL,
        &[
            "left their phone at home",
            "could not verify",
            "mail app",
            "how often",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(t.stats()["writes"], before);
    assert_eq!(passes(&t, demo::PRINCIPAL), 0);
    assert!(text(&out.stdout).contains("Microsoft Outlook app"));
    assert!(text(&out.stderr).contains("Not verified"));
    // a question that changes nothing asks no verification: the delegate check
    let out = call(
        &t,
        demo::NOT_DELEGATE,
        &["delegate", demo::PRINCIPAL, "end the call"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("not a delegate")
            || text(&out.stdout).contains("not delegation"),
        "{}",
        text(&out.stdout)
    );
}

fn has_phone(t: &Tenant, tok: &str, user: &str) -> bool {
    t.get(
        tok,
        &format!("/v1.0/users/{}/authentication/phoneMethods", enc(user)),
    )
    .body["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["phoneType"] == "mobile")
}

/// A lost mobile Graph will not remove while an alternate is on file: the step says it
/// failed, the next safe step is offered, and what is read to the caller is what happened.
#[test]
fn a_lost_mobile_with_an_alternate_gets_the_next_safe_step_and_the_truth() {
    // left as it is: the caller is told the lost phone still works, not that it was removed
    let t = Tenant::start();
    let tok = t.token();
    let out = call(
        &t,
        demo::UNICODE,
        &[
            "lost their phone",
            "called back",
            "leave it",
            "y",
            "y",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(has_phone(&t, &tok, demo::UNICODE));
    assert!(
        !stdout.contains("We removed the lost phone"),
        "told it was removed when it was not: {stdout}"
    );
    assert!(stdout.contains("is still on your account"), "{stdout}");
    assert!(stdout.contains("We signed you out everywhere"), "{stdout}");
    // refused before anything was sent: no default moved for nothing
    assert!(
        !audit(&t)
            .iter()
            .any(|r| r["action"] == "method.remove" || r["action"] == "method.default"),
        "{:#?}",
        audit(&t)
    );
    assert!(text(&out.stderr).contains("can't be removed while an alternate"));
    // Maria with an alternate added today: no number of record (the mobile is lost, the
    // alternate too new), so seen in person; her Authenticator goes (the default moves to the
    // alternate, never to the lost mobile), the mobile takes her new number
    let t = Tenant::start();
    t.run([
        "phone",
        "set",
        demo::LEFT_PHONE_AT_HOME,
        "502-555-0166",
        "--type",
        "alternate",
        "--yes",
        "--verified-by",
        "in-person",
        "--evidence",
        "Dana Ortiz",
        "--no-notify",
        "setting up the test",
    ])
    .success();
    // another agent's machine: this call's care has not verified her
    std::fs::remove_file(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    std::fs::remove_file(t.dir.path().join("state/care/audit.head")).unwrap();
    let out = call(
        &t,
        demo::LEFT_PHONE_AT_HOME,
        &[
            "lost their phone",
            "in person",
            "Dana Ortiz, front office",
            "y",
            "set the mobile",
            "502-555-0177",
            "y",
            "y",
            "y",
            "end the call",
        ],
    );
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("a number stands 14 days before it is one of record"),
        "the alternate is too new to call: {stderr}"
    );
    assert!(
        !stderr.contains("Which method should be the default"),
        "the only safe default is taken: {stderr}"
    );
    assert_eq!(
        phone_number_of(&t, demo::LEFT_PHONE_AT_HOME, "mobile").as_deref(),
        Some("+1 5025550177"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("We removed the lost phone"));
}

fn phone_number_of(t: &Tenant, user: &str, kind: &str) -> Option<String> {
    t.get(
        &t.token(),
        &format!("/v1.0/users/{}/authentication/phoneMethods", enc(user)),
    )
    .body["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["phoneType"] == kind)
        .and_then(|p| p["phoneNumber"].as_str().map(str::to_owned))
}

/// A caller verified by a call to the phone they then say is lost is verified again, and
/// the lost phone is never a number to call back.
#[test]
fn a_callback_to_the_lost_phone_proves_nothing() {
    let t = Tenant::start();
    let out = call(
        &t,
        demo::LEFT_PHONE_AT_HOME,
        &[
            "no signal",
            "called back",
            "y",
            "lost their phone",
            "could not verify",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("verified by a call to the phone they now say is lost"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the phone being removed as lost"),
        "{stderr}"
    );
    assert!(has_phone(&t, &t.token(), demo::LEFT_PHONE_AT_HOME));
}

#[cfg(unix)]
#[test]
fn left_phone_at_home_on_a_terminal() {
    let t = Tenant::start();
    let mut p = session(&t, &["call", demo::LEFT_PHONE_AT_HOME]);
    p.expect("Maria Garcia").unwrap();
    p.expect("What does the caller need").unwrap();
    // a number key: left their phone at home (1 could begin 10 or 11: Enter says it is 1)
    p.send("1").unwrap();
    p.expect("> ").unwrap();
    p.send("\r").unwrap();
    p.expect("Call back a number of record").unwrap();
    p.expect("it covers changes to them for 15").unwrap();
    // no default: Enter alone chooses nothing
    p.send("\r").unwrap();
    p.send("1").unwrap();
    p.expect("Issue a one-time Temporary Access Pass").unwrap();
    // y, e and s, then Enter: all read, nothing left for the shell
    p.send("yes\r").unwrap();
    p.expect("Spelled:").unwrap();
    p.expect("Read to the caller").unwrap();
    p.expect("What does the caller need").unwrap();
    // the last choice: end the call (11, two keys)
    p.send("11").unwrap();
    p.expect("Call ended").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 1);
    let records = audit(&t);
    let verify = records.iter().find(|r| r["action"] == "verify").unwrap();
    assert_eq!(verify["verifiedBy"], "callback");
    assert!(records.iter().any(|r| r["action"] == "passcode.issue"));
}

#[cfg(unix)]
#[test]
fn accessible_prompts_take_typed_numbers() {
    let t = Tenant::start();
    let mut p = session(&t, &["--accessible", "call", demo::LEFT_PHONE_AT_HOME]);
    p.expect("1. The caller left their phone at home").unwrap();
    p.expect("Type a number").unwrap();
    p.send_line("99").unwrap();
    p.expect("not one of the numbers").unwrap();
    p.send_line("1").unwrap();
    p.expect("1. called back on a number of record").unwrap();
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

/// Ctrl-C ends a call too, and its end is in the audit log: at a menu (read key by key, a
/// cancel) and at a typed answer (a line that never comes: care's own listener ends the call),
/// with what the caller had said they needed; exit 130.
#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_call_in_the_audit_log() {
    let t = Tenant::start();
    for accessible in [false, true] {
        let mut args = vec!["call", demo::NO_SIGNAL];
        if accessible {
            args.insert(0, "--accessible");
        }
        let mut p = session(&t, &args);
        p.expect("What does the caller need").unwrap();
        if accessible {
            p.expect("Type a number").unwrap();
            // the delegate question: whose mailbox, typed
            p.send_line("8").unwrap();
        } else {
            p.send("8").unwrap();
        }
        p.expect("Whose mailbox").unwrap();
        p.send("pat").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
        p.send([3u8]).unwrap();
        p.expect("cancelled").unwrap();
        p.expect(Eof).unwrap();
        let status = p.get_process().wait().unwrap();
        assert_eq!(
            status,
            expectrl::process::unix::WaitStatus::Exited(p.get_process().pid(), 130),
            "accessible: {accessible}"
        );
        let records = audit(&t);
        let end = records.last().unwrap();
        assert_eq!(
            (&end["action"], &end["target"]["upn"], &end["detail"]),
            (
                &json!("call.end"),
                &json!(demo::NO_SIGNAL),
                &json!("needs: delegate; cancelled")
            ),
            "accessible: {accessible}: {records:#?}"
        );
        let start = records
            .iter()
            .rev()
            .find(|r| r["action"] == "call.start")
            .unwrap();
        assert_eq!(start["call"], end["call"]);
    }
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
            lang: None,
        },
    )
    "#);
    insta::assert_snapshot!(parse(["call"]), @"
    Call(
        CallArgs {
            user: [],
            lang: None,
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
            lang: None,
        },
    )
    "#);
}

/// A STOP on the caller's card holds the pass, and what the caller hears does not say why (the
/// caller may be the impostor it warns of); the agent sees the reason.
#[test]
fn a_stop_is_not_read_to_the_caller() {
    let t = Tenant::start();
    let out = call(
        &t,
        demo::FRAUD_REPORTED,
        &["left their phone at home", "called back", "end the call"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(passes(&t, demo::FRAUD_REPORTED), 0);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stderr.contains("STOP: Nina Ross"), "{stderr}");
    let told = stdout
        .lines()
        .skip_while(|l| !l.starts_with("Tell the caller"))
        .nth(1)
        .unwrap_or_default()
        .to_string();
    assert!(
        told.contains("we need to check something on your account first"),
        "{stdout}"
    );
    assert!(!told.contains("fraud") && !told.contains("STOP"), "{told}");
}

/// A Spanish-speaking caller: `care call --lang es` reads the FAQ's answer in Spanish (the
/// agent's own questions stay in English).
#[test]
fn the_guided_call_in_spanish() {
    let t = Tenant::start();
    let path = t.dir.path().join("answers.txt");
    std::fs::write(
        &path,
        [
            "left their phone at home",
            "called back",
            "y",
            "end the call",
        ]
        .join("\n"),
    )
    .unwrap();
    let out = t
        .care()
        .env("CARE_ANSWERS", &path)
        .args(["call", demo::LEFT_PHONE_AT_HOME, "--lang", "es"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Read to the caller (¿Qué hago si dejé mi teléfono en casa?)"),
        "{stdout}"
    );
    assert!(stdout.contains("No tiene que cambiar nada más"), "{stdout}");
}

/// A guided call is in the audit log from its start to its end (every record between names
/// it, the end says what the caller needed), so `care report calls` counts it as one call with
/// the scenario the caller gave, a call that changed nothing too; with `--from-tenant` the
/// tenant's record of its pass is the same call, not another.
#[test]
fn a_call_is_recorded_from_start_to_end_and_reported_as_one() {
    let t = Tenant::start();
    let out = call(
        &t,
        demo::LEFT_PHONE_AT_HOME,
        &[
            "left their phone at home",
            "called back",
            "y",
            "how often",
            "end the call",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = call(&t, demo::NO_SIGNAL, &["how often", "end the call"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let log = t.run(["-o", "json", "audit", "list"]).success().json();
    let records = log.as_array().unwrap();
    let maria_call = records[0]["call"].as_str().unwrap().to_string();
    assert!(maria_call.starts_with("call-"), "{log:#}");
    let hers: Vec<&Value> = records
        .iter()
        .filter(|r| r["call"] == maria_call.as_str())
        .collect();
    assert_eq!(hers[0]["action"], "call.start", "{log:#}");
    assert_eq!(hers[0]["result"], "started");
    let last = hers.last().unwrap();
    assert_eq!(
        (&last["action"], &last["result"], &last["target"]["upn"]),
        (
            &json!("call.end"),
            &json!("ended"),
            &json!(demo::LEFT_PHONE_AT_HOME)
        ),
        "{log:#}"
    );
    assert_eq!(last["detail"], "needs: left-phone, how-often", "{log:#}");
    // the verification, the pass and its notices are all the call's
    for action in ["verify", "passcode.issue", "notify"] {
        assert!(
            hers.iter().any(|r| r["action"] == action),
            "{action}: {log:#}"
        );
    }
    assert!(
        records
            .iter()
            .filter(|r| r["action"] == "passcode.issue")
            .all(|r| r["call"] == maria_call.as_str()),
        "{log:#}"
    );
    // the second call changed nothing and is a call all the same
    let kevins = records
        .iter()
        .filter(|r| r["target"]["upn"] == demo::NO_SIGNAL)
        .count();
    assert_eq!(kevins, 1, "its end record alone names him: {log:#}");
    let r = t
        .run(["-o", "json", "report", "calls", "--since", "1d"])
        .success()
        .json();
    let calls = r["calls"].as_array().unwrap();
    assert_eq!(calls.len(), 2, "{r:#}");
    let maria = calls
        .iter()
        .find(|c| c["user"] == demo::LEFT_PHONE_AT_HOME)
        .unwrap();
    assert_eq!(maria["scenario"], "left phone at home", "{r:#}");
    assert_eq!(maria["changes"]["passcode.issue"], 1, "{r:#}");
    let kevin = calls.iter().find(|c| c["user"] == demo::NO_SIGNAL).unwrap();
    assert_eq!(
        (&kevin["scenario"], &kevin["changes"]),
        (&json!("how often MFA"), &json!({})),
        "{r:#}"
    );
    let r = t
        .run([
            "-o",
            "json",
            "report",
            "calls",
            "--since",
            "1d",
            "--from-tenant",
        ])
        .success()
        .json();
    let hers = r["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["user"] == demo::LEFT_PHONE_AT_HOME)
        .count();
    assert_eq!(hers, 1, "{r:#}");
}
