//! Safe on a call: tickets, verification, the district's policy, the audit log, the phone rules,
//! the default method, the FAQ and the guided call (driven by scripted answers), against the
//! real sandbox with the real binary.

mod common;

use care::sandbox::demo;
use common::{Tenant, enc};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn writes(t: &Tenant) -> u64 {
    t.stats()["writes"]
        .as_object()
        .map(|m| {
            m.values()
                .flat_map(|k| k.as_object().unwrap().values())
                .map(|v| v.as_u64().unwrap())
                .sum()
        })
        .unwrap_or(0)
}

/// The test's config file, with `policy` as its `[policy]` table.
fn policy(t: &Tenant, policy: &str) {
    let path = t.dir.path().join("config/care/config.toml");
    std::fs::write(path, format!("[policy]\n{policy}\n")).unwrap();
}

fn audit(t: &Tenant) -> Vec<Value> {
    let path = t.dir.path().join("state/care/audit.jsonl");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

// ---- refusals send nothing -------------------------------------------------------------------

#[test]
fn policy_refusals_send_no_change() {
    let t = Tenant::start();
    let refused = |args: &[&str], why: &str| {
        t.care()
            .args(args)
            .args(["--yes", "--verified-by", "callback"])
            .assert()
            .code(2)
            .stderr(contains(why).and(contains("nothing was changed")));
    };
    // the Customer Care Center's own line, and a district main line from the config
    refused(
        &["phone", "set", demo::LOST_PHONE, "502-485-3552"],
        "shared line",
    );
    policy(&t, "shared-lines = [\"(502) 485-1000\"]");
    refused(
        &["phone", "set", demo::LOST_PHONE, "+1 502 485 1000"],
        "shared line",
    );
    // targets a pass or phone change must not reach
    refused(&["passcode", "issue", demo::DISABLED], "disabled");
    refused(&["passcode", "issue", demo::GUEST], "guest");
    refused(
        &["passcode", "issue", demo::ADMIN_TARGET],
        "Privileged Authentication Administrator",
    );
    refused(&["passcode", "issue", demo::NO_MAILBOX], "shared account");
    assert_eq!(writes(&t), 0, "no change was sent");
    // a shared account goes ahead with a recorded reason
    t.care()
        .args([
            "passcode",
            "issue",
            demo::NO_MAILBOX,
            "--yes",
            "--verified-by",
            "in-person",
        ])
        .args(["--override", "depot supervisor approved, ticket says so"])
        .assert()
        .success();
    let last = audit(&t).pop().unwrap();
    assert_eq!(last["action"], "passcode.issue");
    assert_eq!(
        last["overrideReason"],
        "depot supervisor approved, ticket says so"
    );
    // every refusal is in the audit log too, with its reason
    let refusals = audit(&t)
        .iter()
        .filter(|r| r["result"] == "refused")
        .count();
    assert_eq!(refusals, 6);
}

#[test]
fn tickets_and_verification_are_required_before_anything_is_sent() {
    let t = Tenant::start();
    // verification: required for a pass in a script
    t.care()
        .args(["passcode", "issue", demo::LEFT_PHONE_AT_HOME, "--yes"])
        .assert()
        .code(2)
        .stderr(contains("--verified-by"));
    // a ticket, when the district requires one (a real tenant does by default), in its pattern
    policy(
        &t,
        "ticket-required = true\nticket-pattern = '^INC[0-9]{7}$'",
    );
    let args = [
        "passcode",
        "issue",
        demo::LEFT_PHONE_AT_HOME,
        "--yes",
        "--verified-by",
        "callback",
    ];
    t.care()
        .args(args)
        .assert()
        .code(2)
        .stderr(contains("ticket is required"));
    t.care()
        .args(args)
        .args(["--ticket", "12345"])
        .assert()
        .code(2)
        .stderr(contains("not a ticket reference"));
    assert_eq!(writes(&t), 0);
    t.care()
        .env("CARE_TICKET", "INC0012345")
        .args(args)
        .assert()
        .success();
    let last = audit(&t).pop().unwrap();
    assert_eq!(last["ticket"], "INC0012345");
    assert_eq!(last["verifiedBy"], "callback");
    assert!(last["agent"].as_str().unwrap().starts_with("app "));
    assert_eq!(last["target"]["upn"], demo::LEFT_PHONE_AT_HOME);
    assert!(last["requestId"].as_str().is_some_and(|r| r.len() == 36));
}

#[test]
fn limits_per_agent_and_per_user() {
    let t = Tenant::start();
    policy(&t, "changes-per-hour = 2");
    let set = |n: &str| {
        t.care()
            .args([
                "phone",
                "set",
                demo::LOST_PHONE,
                n,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .assert()
    };
    set("502-555-0161").success();
    set("502-555-0162").success();
    set("502-555-0163")
        .code(2)
        .stderr(contains("in the last hour").and(contains("--override")));
    set_override(&t);
    // one pass a day for a user
    policy(&t, "");
    let pass = || {
        t.care()
            .args([
                "passcode",
                "issue",
                demo::NO_SIGNAL,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .assert()
    };
    pass().success();
    pass().code(2).stderr(contains("24 hours"));
}

fn set_override(t: &Tenant) {
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0163",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .args(["--override", "carrier change for the whole school"])
        .assert()
        .success();
}

// ---- the audit log ---------------------------------------------------------------------------

#[test]
fn the_audit_log_is_chained_and_holds_no_code() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "passcode",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "manager",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let code = serde_json::from_slice::<Value>(&out.stdout).unwrap()["temporaryAccessPass"]
        .as_str()
        .unwrap()
        .to_string();
    t.care()
        .args(["session", "revoke", demo::NO_SIGNAL, "--yes"])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_SIGNAL,
            "502-555-0170",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    let path = t.dir.path().join("state/care/audit.jsonl");
    let log = std::fs::read_to_string(&path).unwrap();
    assert!(!log.contains(&code), "a pass code reached the audit log");
    t.care()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stderr(contains("3 records"));
    // list: filters and formats
    let listed = t
        .care()
        .args([
            "-o",
            "json",
            "audit",
            "list",
            "--user",
            demo::NO_SIGNAL,
            "--since",
            "1h",
        ])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    t.care()
        .args([
            "-o",
            "csv",
            "audit",
            "list",
            "--agent",
            "nobody@district.example",
        ])
        .assert()
        .success()
        .stdout("time,agent,action,user,result,ticket,verified,detail,request-id\n");
    // an edited record, an inserted one, a deleted one, the last one cut off: each is found, exit 1
    let lines: Vec<&str> = log.lines().collect();
    let tampered = [
        log.replace("session.revoke", "session.revoked"),
        [lines[0], lines[0], lines[1], lines[2]].join("\n") + "\n",
        [lines[0], lines[2]].join("\n") + "\n",
        [lines[0], lines[1]].join("\n") + "\n",
    ];
    for bad in &tampered {
        std::fs::write(&path, bad).unwrap();
        t.care()
            .args(["audit", "verify"])
            .assert()
            .code(1)
            .stderr(contains("damaged"));
    }
    std::fs::write(&path, &log).unwrap();
    t.care().args(["audit", "verify"]).assert().success();
}

// ---- verification ----------------------------------------------------------------------------

#[test]
fn care_verify_shows_what_is_on_file_and_covers_the_next_changes() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "verify",
            demo::LEFT_PHONE_AT_HOME,
            "--verified-by",
            "callback",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["numbers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "MFA mobile")
    );
    assert!(v["manager"]["userPrincipalName"].as_str().is_some(), "{v}");
    assert_eq!(v["verifiedBy"], "callback");
    // the next change on the call needs no --verified-by
    t.care()
        .args(["passcode", "issue", demo::LEFT_PHONE_AT_HOME, "--yes"])
        .assert()
        .success()
        .stderr(contains("caller verified"));
    let records = audit(&t);
    assert_eq!(records[0]["action"], "verify");
    assert_eq!(records[1]["verifiedBy"], "callback");
    // another user is not covered
    t.care()
        .args(["passcode", "issue", demo::NO_SIGNAL, "--yes"])
        .assert()
        .code(2);
    // on a pipe without an answer, the numbers are shown and nothing is recorded
    t.care()
        .args(["verify", demo::NO_SIGNAL])
        .assert()
        .success()
        .stdout(contains("Call back"))
        .stderr(contains("nothing recorded"));
}

// ---- phone numbers an MFA phone must never be ------------------------------------------------

#[test]
fn phone_numbers_with_letters_extensions_or_duplicates_are_refused() {
    let t = Tenant::start();
    for (number, kind, why) in [
        ("859-555-O142", "mobile", "letter 'o'"),
        ("1-800-FLOWERS", "mobile", "letter"),
        ("502-555-0142 x12", "mobile", "extension"),
        ("502-555-0142 x12", "alternate", "extension"),
    ] {
        t.care()
            .args([
                "phone",
                "set",
                demo::LOST_PHONE,
                number,
                "--type",
                kind,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .assert()
            .code(2)
            .stderr(contains(why));
    }
    assert_eq!(
        t.stats()["requests"].as_object().unwrap().len(),
        0,
        "nothing sent at all"
    );
    // the same number as the user's mobile, as their alternate
    let tok = t.token();
    let mobile = t
        .get(
            &tok,
            &format!(
                "/v1.0/users/{}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7",
                enc(demo::LOST_PHONE)
            ),
        )
        .body["phoneNumber"]
        .as_str()
        .unwrap()
        .to_string();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            &mobile,
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("already the user's mobile phone"));
    // a number on file for other people is set, with a warning naming how many
    let other = t
        .get(
            &tok,
            &format!("/v1.0/users/{}?$select=mobilePhone", enc(demo::NO_SIGNAL)),
        )
        .body;
    let theirs = other["mobilePhone"].as_str().unwrap().to_string();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            &theirs,
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("is on file for 1 other person"));
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
    assert_eq!(writes(&t), 0);
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

// ---- the FAQ and the guided call ---------------------------------------------------------------

#[test]
fn faq_answers_are_ready_to_read() {
    let t = Tenant::start();
    t.care()
        .args(["faq"])
        .assert()
        .success()
        .stdout(contains("left-phone").and(contains("no-signal")));
    t.care()
        .args(["faq", "signal"])
        .assert()
        .success()
        .stdout(contains("works even when your phone has no signal"));
    t.care().args(["faq", "weather"]).assert().code(2);
    t.care()
        .args(["call", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .code(2)
        .stderr(contains("terminal"));
}

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
