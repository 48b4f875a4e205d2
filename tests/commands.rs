//! The agent's commands end to end: the real `care` binary against a real sandbox over
//! loopback, asserting on stdout, stderr, exit codes and the sandbox's state afterwards.

mod common;

use care::sandbox::demo;
use common::{Tenant, enc};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};

const MOBILE: &str = "3179e48a-750b-4051-897c-87b9720928f7";

fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn graph_requests(t: &Tenant) -> u64 {
    t.stats()["requests"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum()
}

fn phone_number(t: &Tenant, upn: &str, id: &str) -> Option<String> {
    let tok = t.token();
    let r = t.get(
        &tok,
        &format!("/v1.0/users/{}/authentication/phoneMethods/{id}", enc(upn)),
    );
    r.body["phoneNumber"].as_str().map(str::to_owned)
}

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

#[test]
fn users_are_found_by_upn_id_mail_or_name() {
    let t = Tenant::start();
    let tok = t.token();
    let id = t.id_of(&tok, demo::NO_SIGNAL);
    for input in [id.as_str(), "KEVIN.PATEL@district.example", "Kevin Pat"] {
        t.care()
            .args(["-o", "json", "user", "show", input])
            .assert()
            .success()
            .stdout(contains(demo::NO_SIGNAL));
    }
    // several matches: a script gets exit 2 and the candidates
    t.care()
        .args(["user", "show", "Ma"])
        .assert()
        .code(2)
        .stderr(contains("matches").and(contains("name the caller by UPN")));
    t.care()
        .args(["user", "show", "nobody@district.example"])
        .assert()
        .code(5)
        .stderr(contains("no user matches"));
    t.care()
        .args(["user", "show", "Zzyzx Nobody"])
        .assert()
        .code(5);
    // search
    let out = t
        .care()
        .args(["-o", "json", "user", "search", "garcia"])
        .output()
        .unwrap();
    assert!(
        stdout_json(&out)
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["userPrincipalName"] == demo::LEFT_PHONE_AT_HOME)
    );
}

#[test]
fn hostile_names_and_keys() {
    let t = Tenant::start();
    for upn in [demo::LOST_PHONE, demo::GUEST, demo::DOLLAR] {
        let out = t
            .care()
            .args(["-o", "json", "user", "show", upn])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{upn}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stdout_json(&out)["user"]["userPrincipalName"], upn);
    }
    t.care()
        .args(["phone", "list", demo::DOLLAR])
        .assert()
        .success();
    // a look-alike Cyrillic 'а' is refused before any request
    let before = graph_requests(&t);
    t.care()
        .args(["user", "show", "m\u{430}ria.garcia@district.example"])
        .assert()
        .code(2)
        .stderr(contains("U+0430").and(contains("look-alike")));
    t.care()
        .args(["user", "show", "maria.garcia@district.example/../x"])
        .assert()
        .code(2);
    assert_eq!(graph_requests(&t), before, "nothing was sent");
    // escapes in a display name never reach the terminal
    let out = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .args(["user", "show", demo::HOSTILE_NAME])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("Mallory IT Support txt.exe"), "{text}");
}

// ---- passes ----------------------------------------------------------------------------------

#[test]
fn a_pass_is_issued_once_and_its_code_goes_only_to_stdout() {
    let t = Tenant::start();
    let out = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .env("CARE_LOG", "care=trace")
        .args([
            "--debug",
            "passcode",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
            "--phonetic",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("one-time · usable from today"), "{stdout}");
    assert!(stdout.contains("Spelled: "));
    let grouped = stdout.lines().nth(2).unwrap().trim().to_string();
    let code: String = grouped.split(' ').collect();
    assert_eq!(code.len(), 8, "{grouped}");
    assert!(stderr.contains("graph"), "the debug trace ran: {stderr}");
    assert!(!stderr.contains(&code), "the code must not reach stderr");
    // the sandbox holds it, one-time and usable; its audit log and GETs never show the code
    let tok = t.token();
    let passes = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
            demo::LEFT_PHONE_AT_HOME
        ),
    );
    assert_eq!(passes.body["value"][0]["isUsableOnce"], true);
    assert_eq!(passes.body["value"][0]["isUsable"], true);
    let audits = t.get(&tok, "/v1.0/auditLogs/directoryAudits");
    assert!(!audits.text.contains(&code) && !passes.text.contains(&code));
    // and the code works, once
    let sign = t.admin(
        "POST",
        "/_sandbox/signin",
        Some(json!({"userPrincipalName": demo::LEFT_PHONE_AT_HOME, "temporaryAccessPass": code})),
    );
    assert_eq!(sign.body["result"], "success");
    // show never prints the code
    let show = t
        .care()
        .args(["passcode", "show", demo::LEFT_PHONE_AT_HOME])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains("already used") && !text.contains(&code),
        "{text}"
    );
}

#[test]
fn pass_rules_are_checked_before_any_request() {
    let t = Tenant::start();
    let before = graph_requests(&t);
    t.care()
        .args([
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--lifetime",
            "soon",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("not a lifetime"));
    t.care()
        .args([
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--lifetime",
            "45d",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2);
    t.care()
        .args([
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--start",
            "yesterday",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2);
    assert_eq!(graph_requests(&t), before);
    // out of the tenant policy (60–480 minutes): refused with no pass created
    t.care()
        .args([
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--lifetime",
            "30m",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("60 to 480 minutes"));
    assert!(
        t.stats()["writes"].get(demo::LOST_PHONE).is_none(),
        "no POST was made"
    );
    // a change without a terminal needs --yes
    t.care()
        .args([
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("--yes"));
    // json output carries the code for the script that asked; a usable pass needs --replace
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--lifetime",
            "2h",
            "--multi-use",
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
    let issued = stdout_json(&out);
    assert_eq!(issued["lifetimeInMinutes"], 120);
    assert_eq!(issued["isUsableOnce"], false);
    assert_eq!(issued["temporaryAccessPass"].as_str().unwrap().len(), 8);
    t.care()
        .args([
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--no-input",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("already has a usable Temporary Access Pass").and(contains("--replace")));
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "tap",
            "issue",
            demo::LOST_PHONE,
            "--replace",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_ne!(
        stdout_json(&out)["temporaryAccessPass"],
        issued["temporaryAccessPass"]
    );
    assert_eq!(t.stats()["writes"][demo::LOST_PHONE]["tap.create"], 2);
    // revoke
    t.care()
        .args(["tap", "revoke", demo::LOST_PHONE, "--yes"])
        .assert()
        .success()
        .stderr(contains("revoked"));
    t.care()
        .args(["tap", "revoke", demo::LOST_PHONE, "--yes"])
        .assert()
        .success()
        .stderr(contains("nothing to revoke"));
    // admins only for a Privileged Authentication Administrator; never yourself
    let auth = t.user_token(demo::AGENT_AUTH_ADMIN);
    t.care()
        .env("CARE_TOKEN", &auth)
        .args([
            "tap",
            "issue",
            demo::ADMIN_TARGET,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(
            contains("Privileged Authentication Administrator")
                .and(contains("nothing was changed")),
        );
    t.care()
        .env("CARE_TOKEN", &auth)
        .args([
            "tap",
            "issue",
            demo::AGENT_AUTH_ADMIN,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("themselves"));
}

#[test]
fn a_pass_whose_answer_is_lost_is_not_issued_twice() {
    let t = Tenant::with(|o| o.faults = Some("drop-after=1".parse().unwrap()));
    t.care()
        .args([
            "tap",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(1)
        .stderr(contains("was created, but its code was lost").and(contains("--replace")));
    assert_eq!(
        t.stats()["writes"][demo::LEFT_PHONE_AT_HOME]["tap.create"],
        1,
        "the POST was not resent blind"
    );
}

// ---- phones ----------------------------------------------------------------------------------

#[test]
fn phone_set_takes_what_callers_say() {
    let t = Tenant::start();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "(502) 555 0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("is now +1 5025550142"));
    assert_eq!(
        phone_number(&t, demo::LOST_PHONE, MOBILE).as_deref(),
        Some("+1 5025550142")
    );
    // the same again changes nothing
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("already"));
    assert_eq!(t.stats()["writes"][demo::LOST_PHONE]["phone.update"], 1);
    // an alternate, an office phone with extension (with the FAQ's warning)
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "+1 502 555 0143",
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142 x123",
            "--type",
            "office",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("office phone can't receive texts"));
    let out = t
        .care()
        .args(["-o", "json", "phone", "list", demo::LOST_PHONE])
        .output()
        .unwrap();
    let phones = stdout_json(&out);
    let numbers: Vec<&str> = phones
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["phoneNumber"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        vec!["+1 5025550142", "+1 5025550143", "+1 5025550142x123"]
    );
    // a foreign number with its country code
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_METHODS,
            "+44 20 7946 0958",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    assert_eq!(
        phone_number(&t, demo::NO_METHODS, MOBILE).as_deref(),
        Some("+44 2079460958")
    );
}

#[test]
fn a_bad_number_is_refused_before_any_request() {
    let t = Tenant::start();
    let before = graph_requests(&t);
    for bad in ["502-485-355", "call me maybe", "+1 123 456 7890"] {
        t.care()
            .args([
                "phone",
                "set",
                demo::LOST_PHONE,
                bad,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .assert()
            .code(2)
            .stderr(contains("not").and(contains("hint:")));
    }
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--region",
            "XX",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2);
    assert_eq!(graph_requests(&t), before, "no request was made");
    // without --yes nothing changes
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("--yes"));
    assert_ne!(
        phone_number(&t, demo::LOST_PHONE, MOBILE).as_deref(),
        Some("+1 5025550142")
    );
    // an alternate needs a mobile first
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_METHODS,
            "502-555-0100",
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("mobile first"));
}

#[test]
fn phone_remove_explains_graphs_refusals() {
    let t = Tenant::start();
    // Zoë has a mobile and an alternate: the mobile can't go first
    t.care()
        .args([
            "phone",
            "remove",
            demo::UNICODE,
            "--type",
            "mobile",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("alternate"));
    t.care()
        .args([
            "phone",
            "remove",
            demo::UNICODE,
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    // Sean's only mobile is his default but also his only method: it can go
    t.care()
        .args([
            "phone",
            "remove",
            demo::LOST_PHONE,
            "--type",
            "mobile",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "remove",
            demo::LOST_PHONE,
            "--type",
            "mobile",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(5);
    // Maria's default is push: her mobile can go; Kevin's mobile is not his default either
    t.care()
        .args([
            "phone",
            "remove",
            demo::LEFT_PHONE_AT_HOME,
            "--type",
            "mobile",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    // a default with other methods left is refused, with what to do
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_METHODS,
            "502-555-0100",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_METHODS,
            "502-555-0101",
            "--type",
            "office",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "remove",
            demo::NO_METHODS,
            "--type",
            "mobile",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("default").and(contains("aka.ms/mfasetup")));
}

#[test]
fn sms_sign_in_on_and_off() {
    let t = Tenant::start();
    t.care()
        .args([
            "phone",
            "sms-signin",
            demo::NO_SIGNAL,
            "on",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    let out = t
        .care()
        .args(["-o", "json", "phone", "list", demo::NO_SIGNAL])
        .output()
        .unwrap();
    assert_eq!(stdout_json(&out)[0]["smsSignInState"], "ready");
    t.care()
        .args([
            "phone",
            "sms-signin",
            demo::LEFT_PHONE_AT_HOME,
            "on",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("policy"));
    t.care()
        .args([
            "phone",
            "sms-signin",
            demo::NO_SIGNAL,
            "off",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
}

#[test]
fn permission_denials_exit_4() {
    let t = Tenant::start();
    let reader = t.user_token(demo::AGENT_READER);
    t.care()
        .env("CARE_TOKEN", &reader)
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    t.care()
        .env("CARE_TOKEN", &reader)
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(4)
        .stderr(contains("Global Reader").or(contains("role")));
    t.care()
        .env("CARE_TOKEN", "garbage")
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .code(4)
        .stderr(contains("CARE_TOKEN"));
    t.care()
        .env("CARE_CLIENT_SECRET", "wrong")
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .code(4)
        .stderr(contains("invalid_client"));
    t.care()
        .env_remove("CARE_CLIENT_SECRET")
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .code(4)
        .stderr(contains("CARE_CLIENT_SECRET"));
    // a helpdesk agent's card shows what it can and says what it can't
    let helpdesk = t.user_token(demo::AGENT_HELPDESK);
    let out = t
        .care()
        .env("CARE_TOKEN", &helpdesk)
        .args(["-o", "json", "user", "show", demo::LOST_PHONE])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let card = stdout_json(&out);
    assert!(card["methods"].is_null());
    assert_eq!(card["unavailable"].as_array().unwrap().len(), 3, "{card}");
}

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

// ---- delegates, sessions, sign-ins, reports, api ---------------------------------------------

#[test]
fn delegate_check_in_plain_words() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::DELEGATE,
        ])
        .output()
        .unwrap();
    let v = stdout_json(&out);
    assert_eq!(v["isDelegate"], true);
    assert_eq!(v["canSeePrivateItems"], true);
    assert_eq!(
        v["meetingMessages"],
        "sendToDelegateAndInformationToPrincipal"
    );
    t.care()
        .args(["delegate", "check", "Pat Hayes", demo::NOT_DELEGATE])
        .assert()
        .success()
        .stdout(
            contains("No: Tom Reed is not a delegate")
                .and(contains("owner's password"))
                .and(contains("FullAccess and SendAs")),
        );
    t.care()
        .args(["delegate", "check", demo::NO_MAILBOX, demo::DELEGATE])
        .assert()
        .code(5)
        .stderr(contains("mailbox"));
    let out = t
        .care()
        .args(["delegate", "list", demo::PRINCIPAL])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("linda.brooks@district.example\tdelegateWithPrivateEventAccess\tdelegate"),
        "{text}"
    );
    // a delegated agent sees no permissions: the answer is refused, not guessed
    let agent = t.user_token(demo::AGENT_AUTH_ADMIN);
    t.care()
        .env("CARE_TOKEN", &agent)
        .args(["delegate", "check", demo::PRINCIPAL, demo::DELEGATE])
        .assert()
        .code(4)
        .stderr(contains("Calendars.Read"));
}

/// A delegated token of `upn` for the Exchange resource: signed in for Graph, then the same
/// refresh token asked for `https://outlook.office365.com/.default` (as `care` does).
fn exchange_user_token(t: &Tenant, upn: &str) -> String {
    let first = t.user_tokens(upn, "https://graph.microsoft.com/.default offline_access");
    let refresh = first.body["refresh_token"].as_str().unwrap();
    let r = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh),
            (
                "scope",
                "https://outlook.office365.com/.default offline_access",
            ),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["access_token"].as_str().unwrap().to_string()
}

fn check_json(t: &Tenant, owner: &str, delegate: &str) -> Value {
    check_json_with(&mut t.care(), owner, delegate)
}

/// `care -o json delegate check OWNER DELEGATE` as `care` is set up: exit 0, its JSON.
fn check_json_with(care: &mut assert_cmd::Command, owner: &str, delegate: &str) -> Value {
    let out = care
        .args(["-o", "json", "delegate", "check", owner, delegate])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout_json(&out)
}

#[test]
fn delegate_check_gives_each_verdict_from_exchange() {
    let t = Tenant::start();
    t.reset_stats();
    // (delegate, verdict, calendar rights, inbox, send on behalf)
    let cases = [
        (demo::DELEGATE, "delegate", json!(["Editor"]), true, true),
        (demo::UNICODE, "delegate", json!(["Editor"]), false, false),
        (
            demo::NOT_DELEGATE,
            "sharee",
            json!(["Reviewer"]),
            false,
            false,
        ),
        (
            demo::OFFICE_PHONE_ONLY,
            "inboxOnly",
            Value::Null,
            true,
            false,
        ),
        (
            demo::LEFT_PHONE_AT_HOME,
            "sendOnBehalfOnly",
            Value::Null,
            false,
            true,
        ),
        (demo::NO_METHODS, "none", Value::Null, false, false),
    ];
    for (who, verdict, calendar, inbox, sob) in cases {
        let v = check_json(&t, demo::PRINCIPAL, who);
        assert_eq!(v["verdict"], verdict, "{who}: {v}");
        assert_eq!(v["partial"], false, "{who}");
        assert_eq!(v["source"], "exchange", "{who}");
        assert_eq!(v["exchange"]["status"], "ok", "{who}");
        assert_eq!(v["calendar"]["accessRights"], calendar, "{who}: {v}");
        assert_eq!(v["inbox"].is_object(), inbox, "{who}: {v}");
        assert_eq!(v["sendOnBehalf"], sob, "{who}: {v}");
        assert_eq!(v["isDelegate"], verdict == "delegate", "{who}");
    }
    let linda = check_json(&t, demo::PRINCIPAL, demo::DELEGATE);
    assert_eq!(
        linda["calendar"]["sharingPermissionFlags"],
        json!(["Delegate", "CanViewPrivateItems"])
    );
    assert_eq!(linda["canSeePrivateItems"], true);
    assert_eq!(linda["incomplete"], false);
    // the verdict rests on the calendar's entry, which names her by display name only (Send on
    // Behalf has her address too, but the match said is the one the verdict rests on)
    assert_eq!(linda["matchedBy"], "displayName");
    let zoe = check_json(&t, demo::PRINCIPAL, demo::UNICODE);
    assert_eq!(
        zoe["calendar"]["sharingPermissionFlags"],
        json!(["Delegate"])
    );
    assert_eq!(zoe["canSeePrivateItems"], false);
    assert_eq!(zoe["incomplete"], true);
    assert_eq!(zoe["matchedBy"], "displayName");
    let dorothy = check_json(&t, demo::PRINCIPAL, demo::OFFICE_PHONE_ONLY);
    assert_eq!(dorothy["inbox"]["accessRights"], json!(["Reviewer"]));
    // the same in words
    t.care()
        .args(["delegate", "check", demo::PRINCIPAL, demo::DELEGATE])
        .assert()
        .success()
        .stdout(
            contains("Yes: Linda Brooks is a delegate of Pat Hayes")
                .and(contains("with the Delegate flag; can see private items"))
                .and(contains("Inbox: Reviewer"))
                .and(contains("Send on Behalf: yes"))
                .and(contains("Meeting requests:"))
                .and(contains("Partial").not()),
        );
    t.care()
        .args(["delegate", "check", demo::PRINCIPAL, demo::UNICODE])
        .assert()
        .success()
        .stdout(contains("is a delegate").and(contains("no Send on Behalf")));
    t.care()
        .args(["delegate", "check", demo::PRINCIPAL, demo::NOT_DELEGATE])
        .assert()
        .success()
        .stdout(contains("without the Delegate flag: Reviewer").and(contains("owner's password")));
    t.care()
        .args([
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::OFFICE_PHONE_ONLY,
        ])
        .assert()
        .success()
        .stdout(contains("can open Pat Hayes's inbox"));
    t.care()
        .args([
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::LEFT_PHONE_AT_HOME,
        ])
        .assert()
        .success()
        .stdout(contains("may send on Pat Hayes's behalf"));
    t.care()
        .args(["delegate", "check", demo::PRINCIPAL, demo::NO_METHODS])
        .assert()
        .success()
        .stdout(
            contains("no access of their own to Pat Hayes's mailbox")
                .and(contains("owner's password"))
                .and(contains("FullAccess and SendAs")),
        );
    // every Admin API request carried the routing header for the owner's mailbox
    let stats = t.stats();
    let anchors = stats["anchors"].as_object().unwrap();
    assert_eq!(
        anchors.keys().collect::<Vec<_>>(),
        ["UPN:pat.hayes@district.example"],
        "{stats}"
    );
    let exchange_requests: u64 = stats["requests"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("POST /exchange/"))
        .map(|(_, v)| v.as_u64().unwrap())
        .sum();
    assert_eq!(anchors["UPN:pat.hayes@district.example"], exchange_requests);
    assert_eq!(
        exchange_requests,
        3 * 15,
        "three cmdlets for each of the 15 checks: {stats}"
    );
}

#[test]
fn delegate_check_falls_back_to_graph_when_exchange_does_not_answer() {
    let t = Tenant::start();
    let partial = |expect: &str| {
        let out = t
            .care()
            .args(["delegate", "check", demo::PRINCIPAL, demo::DELEGATE])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(text.starts_with("Partial answer (Exchange: "), "{text}");
        assert!(text.lines().next().unwrap().contains(expect), "{text}");
        assert!(text.contains("Yes: Linda Brooks is a delegate"), "{text}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("Partial answer"));
        check_json(&t, demo::PRINCIPAL, demo::DELEGATE)
    };
    // a tenant without the Preview: 404
    t.admin(
        "POST",
        "/_sandbox/exchange",
        Some(json!({"available": false})),
    );
    let v = partial("not available in this tenant or cloud");
    assert_eq!(v["partial"], true);
    assert_eq!(v["source"], "graph");
    assert_eq!(v["exchange"]["status"], "unavailable");
    assert_eq!(v["verdict"], "delegate");
    assert_eq!(v["canSeePrivateItems"], true);
    assert_eq!(v["sendOnBehalf"], Value::Null);
    assert_eq!(v["inbox"], Value::Null);
    // delegate list says it too, on every row of its JSON
    let out = t
        .care()
        .args(["-o", "json", "delegate", "list", demo::PRINCIPAL])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows = stdout_json(&out);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["partial"] == true),
        "{rows}"
    );
    // Graph alone: no calendar entry is "no calendar access", not "nothing"
    let v = check_json(&t, demo::PRINCIPAL, demo::LEFT_PHONE_AT_HOME);
    assert_eq!(v["verdict"], "noCalendarAccess");
    // the app without the Exchange role: 403, the role named
    t.admin(
        "POST",
        "/_sandbox/exchange",
        Some(json!({"available": true, "appRole": false})),
    );
    let v = partial("Recipient Management");
    assert_eq!(v["exchange"]["status"], "forbidden");
    t.admin("POST", "/_sandbox/exchange", Some(json!({"appRole": true})));
    assert_eq!(
        check_json(&t, demo::PRINCIPAL, demo::DELEGATE)["partial"],
        false
    );
    // a wrong Exchange URL answers 404 like a cloud without the API
    let out = t
        .care()
        .env("CARE_EXCHANGE_URL", format!("{}/nowhere", t.root))
        .args([
            "-o",
            "json",
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::DELEGATE,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_json(&out)["exchange"]["status"], "unavailable");
    // plain http:// to another machine is refused before any request
    t.care()
        .env("CARE_EXCHANGE_URL", "http://outlook.example")
        .args(["delegate", "check", demo::PRINCIPAL, demo::DELEGATE])
        .assert()
        .code(2)
        .stderr(contains("CARE_EXCHANGE_URL"));
    // CARE_TOKEN is a Graph token: Exchange is not configured, and says so
    let app = t.token();
    let out = t
        .care()
        .env("CARE_TOKEN", &app)
        .args([
            "-o",
            "json",
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::DELEGATE,
        ])
        .output()
        .unwrap();
    let v = stdout_json(&out);
    assert_eq!(v["exchange"]["status"], "notConfigured", "{v}");
    assert!(
        v["exchange"]["reason"]
            .as_str()
            .unwrap()
            .contains("CARE_EXCHANGE_TOKEN")
    );
}

#[test]
fn a_delegated_agent_gets_the_whole_answer_from_exchange() {
    let t = Tenant::start();
    // Graph shows a delegated agent no one else's calendar permissions; Exchange does, to an
    // agent with the Exchange role
    let graph = t.user_token(demo::AGENT_HELPDESK);
    let exchange = exchange_user_token(&t, demo::AGENT_HELPDESK);
    let v = check_json_with(
        t.care()
            .env("CARE_TOKEN", &graph)
            .env("CARE_EXCHANGE_TOKEN", &exchange),
        demo::PRINCIPAL,
        demo::DELEGATE,
    );
    assert_eq!(v["verdict"], "delegate", "{v}");
    assert_eq!(v["partial"], false);
    assert_eq!(
        v["disagreement"], false,
        "an empty Graph list proves nothing"
    );
    // without the role: Exchange refuses (403) and Graph's empty list can't be trusted: exit 4
    let graph = t.user_token(demo::AGENT_AUTH_ADMIN);
    let exchange = exchange_user_token(&t, demo::AGENT_AUTH_ADMIN);
    t.care()
        .env("CARE_TOKEN", &graph)
        .env("CARE_EXCHANGE_TOKEN", &exchange)
        .args(["delegate", "check", demo::PRINCIPAL, demo::DELEGATE])
        .assert()
        .code(4)
        .stderr(contains("Calendars.Read").and(contains("Recipient Management")));
}

#[test]
fn a_signed_in_agent_gets_the_exchange_token_from_the_same_sign_in() {
    let t = Tenant::start();
    let out = t.login_browser(demo::AGENT_HELPDESK, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = check_json_with(&mut t.care_agent(), demo::PRINCIPAL, demo::UNICODE);
    assert_eq!(v["partial"], false, "{v}");
    assert_eq!(v["verdict"], "delegate");
    assert_eq!(v["incomplete"], true);
    // the Exchange token was asked for with the saved refresh token, and kept beside Graph's
    let statuses = t.stats();
    assert!(
        statuses["requests"]["POST /exchange/adminapi/v2.0/{tenant}/MailboxFolderPermission"]
            .as_u64()
            .unwrap()
            >= 2,
        "{statuses}"
    );
    // an agent without the Exchange role: Graph shows nothing of someone else's calendar and
    // Exchange refuses, so there is no answer to give (exit 4), with both reasons
    t.care_agent().args(["auth", "logout"]).assert().success();
    let out = t.login_browser(demo::AGENT_AUTH_ADMIN, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.care_agent()
        .args(["delegate", "check", demo::PRINCIPAL, demo::DELEGATE])
        .assert()
        .code(4)
        .stderr(contains("Recipient Management"));
}

#[test]
fn exchange_requests_wait_out_throttling_like_graphs() {
    // one bucket per app for Graph and Exchange alike: a check needs more than it holds
    let t = Tenant::with(|o| o.read_limit = Some("3/1".parse().unwrap()));
    let v = check_json_with(&mut t.care(), demo::PRINCIPAL, demo::DELEGATE);
    assert_eq!(v["partial"], false, "{v}");
    assert_eq!(v["verdict"], "delegate");
    let stats = t.stats();
    assert!(stats["throttled"].as_u64().unwrap() > 0, "{stats}");
    assert_eq!(stats["earlyRetries"], 0, "Retry-After honoured: {stats}");
}

#[test]
fn without_consent_for_exchange_the_answer_is_partial_and_the_sign_in_stays() {
    let t = Tenant::start();
    let out = t.login_browser(demo::AGENT_HELPDESK, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.admin(
        "POST",
        "/_sandbox/exchange",
        Some(json!({"consent": false})),
    );
    // the agent: the platform refuses the Exchange token (AADSTS65001)
    let out = t
        .care_agent()
        .args([
            "-o",
            "json",
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::DELEGATE,
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "Graph alone shows an agent nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Exchange.ManageV2") && stderr.contains("admin consent"),
        "{stderr}"
    );
    // ... and the saved sign-in is not forgotten for it
    t.care_agent()
        .args(["user", "show", demo::PRINCIPAL])
        .assert()
        .success();
    // the app: its token carries no Exchange role (401), a partial answer from Graph
    let v = check_json(&t, demo::PRINCIPAL, demo::DELEGATE);
    assert_eq!(v["partial"], true);
    assert_eq!(v["exchange"]["status"], "noPermission", "{v}");
    assert_eq!(v["verdict"], "delegate");
    // consent granted: the same saved sign-in gets the whole answer
    t.admin("POST", "/_sandbox/exchange", Some(json!({"consent": true})));
    assert_eq!(
        check_json_with(&mut t.care_agent(), demo::PRINCIPAL, demo::DELEGATE)["partial"],
        false
    );
}

#[test]
fn a_refused_exchange_token_names_the_permission() {
    let t = Tenant::start();
    // a Graph token where an Exchange token belongs: refused (401), never renewed, partial
    let app = t.token();
    let out = t
        .care()
        .env("CARE_TOKEN", &app)
        .env("CARE_EXCHANGE_TOKEN", &app)
        .args([
            "-o",
            "json",
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::DELEGATE,
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = stdout_json(&out);
    assert_eq!(v["partial"], true);
    assert_eq!(v["exchange"]["status"], "noPermission", "{v}");
    let reason = v["exchange"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("Exchange.ManageAsAppV2") && reason.contains("admin consent"),
        "{reason}"
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&app));
}

#[test]
fn delegate_list_shows_calendar_inbox_and_send_on_behalf() {
    let t = Tenant::start();
    let out = t
        .care()
        .args(["-o", "json", "delegate", "list", demo::PRINCIPAL])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = stdout_json(&out);
    let row = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name}: {rows}"))
            .clone()
    };
    let linda = row("Linda Brooks");
    assert_eq!(linda["kind"], "delegate");
    assert_eq!(linda["calendar"], "Editor [Delegate+CanViewPrivateItems]");
    assert_eq!(linda["inbox"], "Reviewer");
    assert_eq!(linda["sendOnBehalf"], "yes");
    assert_eq!(row("Tom Reed")["kind"], "sharee");
    let dorothy = row("Dorothy Nguyen");
    assert_eq!(dorothy["kind"], "inbox");
    assert_eq!(dorothy["sendOnBehalf"], "no");
    let maria = row("Maria Garcia");
    assert_eq!(maria["kind"], "sendOnBehalf");
    assert_eq!(maria["address"], "maria.garcia@district.example");
    assert_eq!(row("My Organization")["calendar"], "AvailabilityOnly");
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["name"] != "Ashley Kim")
    );
}

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

#[test]
fn sms_only_report() {
    let t = Tenant::start();
    let out = t
        .care()
        .args(["-o", "json", "report", "sms-only"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = stdout_json(&out);
    let upns: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["userPrincipalName"].as_str().unwrap())
        .collect();
    assert!(upns.contains(&demo::LOST_PHONE) && upns.contains(&demo::OFFICE_PHONE_ONLY));
    assert!(
        !upns.contains(&demo::LEFT_PHONE_AT_HOME),
        "has the Authenticator"
    );
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "report",
            "sms-only",
            "--school",
            "Central High",
        ])
        .output()
        .unwrap();
    let central = stdout_json(&out);
    assert!(
        central
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["school"] == "Central High")
    );
    assert!(
        central
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["userPrincipalName"] == demo::LOST_PHONE)
    );
}

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
    t.care()
        .args([
            "api",
            "PATCH",
            &format!(
                "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
                enc(demo::LOST_PHONE)
            ),
            "--body",
            "-",
            "--yes",
        ])
        .write_stdin(r#"{"phoneNumber":"+1 5025550199"}"#)
        .assert()
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

// ---- reliability -----------------------------------------------------------------------------

#[test]
fn throttled_requests_wait_for_retry_after() {
    let t = Tenant::with(|o| o.read_limit = Some("3/1".parse().unwrap()));
    for _ in 0..3 {
        t.care()
            .args(["phone", "list", demo::LOST_PHONE])
            .assert()
            .success();
    }
    let stats = t.stats();
    assert!(
        stats["throttled"].as_u64().unwrap() >= 1,
        "the limit was hit: {stats}"
    );
    assert_eq!(
        stats["earlyRetries"], 0,
        "every retry waited for its Retry-After: {stats}"
    );
}

#[test]
fn injected_failures_are_retried_without_hurrying() {
    let t = Tenant::with(|o| {
        o.faults = Some("429=0.2,503=0.2,retry-after=100ms".parse().unwrap());
        o.fault_seed = 3;
    });
    t.care()
        .args(["phone", "list", demo::LOST_PHONE])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    t.care()
        .args(["-o", "json", "user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    let stats = t.stats();
    let faults: u64 = stats["faults"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(faults >= 2, "faults were injected: {stats}");
    assert_eq!(stats["earlyRetries"], 0, "{stats}");
    assert_eq!(
        phone_number(&t, demo::LOST_PHONE, MOBILE).as_deref(),
        Some("+1 5025550142")
    );
}

#[test]
fn a_phone_added_whose_answer_is_lost_is_reconciled_not_resent() {
    let t = Tenant::with(|o| o.faults = Some("drop-after=1".parse().unwrap()));
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_METHODS,
            "502-555-0100",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("added +1 5025550100"));
    assert_eq!(
        t.stats()["writes"][demo::NO_METHODS]["phone.add"],
        1,
        "one POST, then a read"
    );
}

// ---- the embedded default and the CLI itself -------------------------------------------------

#[test]
fn the_embedded_sandbox_is_the_zero_config_default() {
    let t = Tenant::start();
    let mut cmd = t.care_zero_config();
    let out = cmd
        .args(["-o", "json", "user", "show", demo::LEFT_PHONE_AT_HOME])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout_json(&out)["user"]["displayName"], "Maria Garcia");
    assert!(
        t.dir.path().join("data/care/sandbox.db").exists(),
        "a persistent database in the data dir"
    );
    assert_eq!(graph_requests(&t), 0, "the test tenant was not used");
    // changes persist between commands
    let mut cmd = t.care_zero_config();
    cmd.args([
        "phone",
        "set",
        demo::LEFT_PHONE_AT_HOME,
        "502-555-0142",
        "--yes",
        "--verified-by",
        "callback",
    ])
    .assert()
    .success();
    let mut cmd = t.care_zero_config();
    cmd.args(["phone", "list", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .success()
        .stdout(contains("+1 5025550142"));
    // --sandbox wins over a configured tenant
    t.care()
        .args(["--sandbox", "phone", "list", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .success()
        .stdout(contains("+1 5025550142"));
}

#[test]
fn help_lists_commands_and_exit_codes() {
    let t = Tenant::start();
    t.care().arg("--help").assert().success().stdout(
        contains("passcode")
            .and(contains("Exit codes:"))
            .and(contains("130  cancelled")),
    );
    t.care()
        .args(["tap", "--help"])
        .assert()
        .success()
        .stdout(contains("issue"));
    t.care().args(["user", "show"]).assert().code(2);
    t.care().args(["frobnicate"]).assert().code(2);
    // a closed stdout pipe is success
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("care"))
        .args(["--help"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
}

/// A CARE_EXCHANGE_URL of another kind of tenant than Graph's (a real host beside a sandbox, or
/// a sandbox's port beside a real tenant): no token is sent there, the answer is Graph's, and
/// it says why.
#[test]
fn an_exchange_url_of_another_kind_of_tenant_gets_no_token() {
    let t = Tenant::start();
    t.reset_stats();
    let out = t
        .care()
        .env("CARE_EXCHANGE_URL", "https://outlook.office365.com")
        .args([
            "-o",
            "json",
            "delegate",
            "check",
            demo::PRINCIPAL,
            demo::DELEGATE,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = stdout_json(&out);
    assert_eq!(v["partial"], true);
    assert_eq!(v["exchange"]["status"], "notConfigured");
    assert!(
        v["exchange"]["reason"]
            .as_str()
            .unwrap()
            .contains("not the same kind of tenant"),
        "{v}"
    );
    // Graph was asked; the sandbox's own Exchange was not (the token went nowhere)
    let stats = t.stats();
    let asked: Vec<&String> = stats["requests"].as_object().unwrap().keys().collect();
    assert!(
        asked.iter().any(|k| k.contains("calendarPermissions")),
        "{stats}"
    );
    assert!(asked.iter().all(|k| !k.contains("adminapi")), "{stats}");
}
