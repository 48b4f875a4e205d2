//! `care delegate`: is someone really a delegate? Graph and the Exchange Admin API beside it.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};

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

/// What `care delegate …` parses to, or its usage error (no HTTP).
#[test]
fn parse_delegate() {
    insta::assert_snapshot!(parse(["delegate", "check", "pat.hayes", "linda.brooks"]), @r#"
    Delegate(
        Check(
            CheckArgs {
                owner: UserQuery {
                    text: "pat.hayes",
                    lookup: Name(
                        "pat.hayes",
                    ),
                },
                delegate: UserQuery {
                    text: "linda.brooks",
                    lookup: Name(
                        "linda.brooks",
                    ),
                },
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["delegate", "check", "pat.hayes"]), @"
    [exit 2] error: the following required arguments were not provided:
      <DELEGATE>

    Usage: care delegate check <OWNER> <DELEGATE>

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(parse(["delegate", "list", "pat.hayes"]), @r#"
    Delegate(
        List(
            UserArg {
                user: Named(
                    UserQuery {
                        text: "pat.hayes",
                        lookup: Name(
                            "pat.hayes",
                        ),
                    },
                ),
            },
        ),
    )
    "#);
}

/// A Spanish-language mailbox: care finds its calendar and inbox by their type (Graph's default
/// calendar and well-known inbox), so the whole answer is Exchange's. Without the permission
/// that reads the folders' names, the inbox (asked for in English) does not answer: that part
/// is unknown, and the parts that answered are kept.
#[test]
fn delegate_check_on_a_spanish_mailbox() {
    let t = Tenant::start();
    let check = |t: &Tenant| {
        t.run([
            "-o",
            "json",
            "delegate",
            "check",
            demo::SPANISH_MAILBOX,
            demo::DELEGATE,
        ])
        .success()
        .json()
    };
    let v = check(&t);
    assert_eq!(v["verdict"], "delegate", "{v}");
    assert_eq!(v["partial"], false, "{v}");
    assert_eq!(v["source"], "exchange");
    assert_eq!(v["inbox"]["accessRights"], json!(["Reviewer"]));
    assert_eq!(v["sendOnBehalf"], true);
    assert_eq!(v["canSeePrivateItems"], true);
    t.admin(
        "POST",
        "/_sandbox/exchange",
        Some(json!({"mailFolders": false})),
    );
    let v = check(&t);
    assert_eq!(v["partial"], true, "{v}");
    assert_eq!(v["verdict"], "delegate", "{v}");
    assert_eq!(v["source"], "exchange");
    assert_eq!(v["calendar"]["accessRights"], json!(["Editor"]));
    assert_eq!(v["sendOnBehalf"], true);
    assert_eq!(v["inbox"], Value::Null);
    assert_eq!(v["exchange"]["parts"]["inbox"], "error");
    assert_eq!(v["exchange"]["parts"]["calendar"], "ok");
    let first = v["explanation"][0].as_str().unwrap();
    assert!(
        first.starts_with("Partial answer: Exchange did not answer for the inbox"),
        "{first}"
    );
    assert!(
        v["explanation"].to_string().contains("Inbox: unknown"),
        "{v}"
    );
}
