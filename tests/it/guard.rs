//! Safe on a call: tickets, verification, the district's policy and its limits, before anything is
//! sent.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;

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
    assert_eq!(total_writes(&t.stats()), 0, "no change was sent");
    // a shared account goes ahead with a recorded reason
    t.care()
        .args([
            "passcode",
            "issue",
            demo::NO_MAILBOX,
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Lee Park, depot supervisor",
        ])
        .args(["--override", "depot supervisor approved, ticket says so"])
        .assert()
        .success();
    let last = audit(&t)
        .into_iter()
        .rfind(|r| r["action"] == "passcode.issue")
        .unwrap();
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
    assert_eq!(total_writes(&t.stats()), 0);
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

// ---- red flags -------------------------------------------------------------------------------

/// The warnings' codes of a card, `(code, blocking)`.
fn flags_of(t: &Tenant, upn: &str) -> Vec<(String, bool)> {
    let card = t.run(["user", "show", upn, "-o", "json"]).success().json();
    card["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap().to_string(),
                w["blocking"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Each seeded kind of red flag is on the card: a prompt reported as fraud (the sign-in and
/// Identity Protection's detection), a high-risk account, methods changed lately by another
/// agent, and a repeat caller (changes by two agents on three calls this week).
#[test]
fn the_seeded_red_flags_are_on_the_card() {
    let t = Tenant::start();
    let nina = flags_of(&t, demo::FRAUD_REPORTED);
    assert!(nina.contains(&("fraud-reported".into(), true)), "{nina:?}");
    assert!(nina.contains(&("risky-user".into(), true)), "{nina:?}");
    // the reported prompt is not also "a prompt not completed"
    assert!(
        !nina.iter().any(|(c, _)| c == "prompt-not-completed"),
        "{nina:?}"
    );
    let omar = flags_of(&t, demo::RISKY_USER);
    assert!(omar.contains(&("risky-user".into(), true)), "{omar:?}");
    let luis = flags_of(&t, demo::CHANGED_LATELY);
    assert!(luis.contains(&("changed-lately".into(), false)), "{luis:?}");
    let hannah = flags_of(&t, demo::REPEAT_CALLER);
    assert!(
        hannah.contains(&("repeat-caller".into(), false)),
        "{hannah:?}"
    );
    // nobody else in the demo has them
    let maria = flags_of(&t, demo::LEFT_PHONE_AT_HOME);
    assert!(
        !maria.iter().any(|(c, _)| [
            "fraud-reported",
            "risky-user",
            "changed-lately",
            "repeat-caller"
        ]
        .contains(&c.as_str())),
        "{maria:?}"
    );
    let shown = t.run(["user", "show", demo::FRAUD_REPORTED]).success();
    assert!(shown.stdout.contains("500121 reported as fraud"), "{shown}");
    let shown = t.run(["user", "show", demo::REPEAT_CALLER]).success();
    assert!(
        shown
            .stdout
            .contains("changed on 3 calls in the last 7 days")
            && shown.stdout.contains("care.auth@district.example"),
        "{shown}"
    );
}

/// A STOP-level flag refuses every change to how the person signs in until an override the
/// policy allows; nothing is sent, the refusal is recorded; revoking their sessions (the
/// remedy) is never held; a bulk row is refused without an override; a warning-level flag is
/// said before the change and does not stop it.
#[test]
fn a_stop_flag_holds_a_change_until_an_allowed_override() {
    let t = Tenant::start();
    let pass = |upn: &str, extra: &[&str]| {
        t.run_cmd(
            t.care()
                .args([
                    "passcode",
                    "issue",
                    upn,
                    "--yes",
                    "--verified-by",
                    "in-person",
                ])
                .args(["--evidence", "Dana Ortiz, front office"])
                .args(extra),
        )
    };
    let run = pass(demo::FRAUD_REPORTED, &[]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr.contains("STOP: Nina Ross")
            && run.stderr.contains("reported an MFA prompt as fraud")
            && run.stderr.contains("--override"),
        "{run}"
    );
    assert_eq!(passes(&t, demo::FRAUD_REPORTED), 0);
    let refused = audit(&t);
    assert!(
        refused
            .iter()
            .any(|r| r["result"] == "refused" && r["target"]["upn"] == demo::FRAUD_REPORTED),
        "{refused:?}"
    );
    // the remedy is never held
    t.run([
        "session",
        "revoke",
        demo::FRAUD_REPORTED,
        "--yes",
        "--verified-by",
        "in-person",
        "--evidence",
        "Dana Ortiz, front office",
    ])
    .success();

    // the district allows no override: the reason is not enough
    policy(&t, "stop-override = \"never\"");
    let run = pass(
        demo::RISKY_USER,
        &["--override", "security cleared the account by phone"],
    );
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("allows no override"), "{run}");
    // only a privileged authentication administrator may: the app is not one
    policy(&t, "stop-override = \"privileged\"");
    let run = pass(
        demo::RISKY_USER,
        &["--override", "security cleared the account by phone"],
    );
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("Privileged Authentication Administrator"),
        "{run}"
    );
    assert_eq!(passes(&t, demo::RISKY_USER), 0);
    // the default: any agent, with the reason recorded
    policy(&t, "");
    pass(
        demo::RISKY_USER,
        &["--override", "security cleared the account by phone"],
    )
    .success();
    assert_eq!(passes(&t, demo::RISKY_USER), 1);
    assert!(audit(&t).iter().any(|r| r["result"] == "success"
        && r["target"]["upn"] == demo::RISKY_USER
        && r["overrideReason"] == "security cleared the account by phone"));

    // a warning-level flag is said, and the change goes on
    let run = pass(demo::REPEAT_CALLER, &[]).success();
    assert!(
        run.stderr.contains("! Hannah Price (hannah.price@district.example): how they sign in was changed on 3 calls"),
        "{run}"
    );

    // a bulk row: refused, whatever the job's approval
    let file = write_csv(
        &t,
        "passes.csv",
        &format!("user\n{}\n{}\n", demo::FRAUD_REPORTED, demo::CHANGED_LATELY),
    );
    let report = t.dir.path().join("passes.json");
    let run = t.run_cmd(
        t.care()
            .args(["bulk", "passcode-issue", "--yes", "--file"])
            .arg(&file)
            .arg("--report")
            .arg(&report)
            .arg("--codes-out")
            .arg(t.dir.path().join("codes.csv"))
            .args(APPROVED),
    );
    assert_eq!(run.code, 3, "{run}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let rows = report.as_array().unwrap();
    assert_eq!(rows[0]["outcome"], "failed", "{rows:?}");
    assert!(
        rows[0]["reason"]
            .as_str()
            .unwrap()
            .contains("refused: STOP: Nina Ross"),
        "{rows:?}"
    );
    assert_eq!(rows[1]["outcome"], "changed", "{rows:?}");
}

/// Without Entra ID P2 the risky-user state cannot be read: the card says which red flags were
/// not checked, and the rest still are.
#[test]
fn without_identity_protection_the_card_says_what_was_not_checked() {
    let t = Tenant::with(|o| o.identity_protection = false);
    let shown = t.run(["user", "show", demo::RISKY_USER]).success();
    assert!(
        shown.stdout.contains("Red flags not checked: risk (Identity Protection): Your tenant is not licensed for this feature."),
        "{shown}"
    );
    assert!(!shown.stdout.contains("STOP"), "{shown}");
    let nina = flags_of(&t, demo::FRAUD_REPORTED);
    assert!(nina.contains(&("fraud-reported".into(), true)), "{nina:?}");
}

/// A change outside `policy.center-hours` is said before it is made.
#[test]
fn a_change_after_hours_is_said() {
    let t = Tenant::start();
    // an hour of the day twelve hours from now, in UTC
    let hour = (jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .hour()
        + 12)
        % 24;
    policy(
        &t,
        &format!(
            "center-hours = \"Mon-Sun {hour:02}:00-{:02}:00\"\ntime-zone = \"UTC\"",
            hour + 1
        ),
    );
    let run = t
        .run([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0177",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .success();
    assert!(
        run.stderr.contains("! outside the center's hours (Mon-Sun"),
        "{run}"
    );
    // a config that cannot be read as hours is refused, naming the key
    policy(&t, "center-hours = \"weekdays\"");
    let run = t.run(["user", "show", demo::LOST_PHONE]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("policy.center-hours"), "{run}");
}

/// The limits are counted from the tenant's audit log, so they hold across machines and
/// agents: the same agent on a second laptop (an empty local log) reaches the hourly limit, and
/// passes by two agents on two machines make one burst.
#[test]
fn limits_hold_across_two_agents_homes() {
    let t = Tenant::start();
    // people whose cards hold no STOP (a random block from abroad would hold the change)
    let people: Vec<String> = staff(&t, 40)
        .into_iter()
        .filter(|u| !flags_of(&t, u).iter().any(|(_, stop)| *stop))
        .take(6)
        .collect();
    let laptop2 = tempfile::tempdir().unwrap();
    let homes = [t.dir.path().to_path_buf(), laptop2.path().to_path_buf()];
    let set_policy = |text: &str| {
        for home in &homes {
            let dir = home.join("config/care");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("config.toml"), format!("[policy]\n{text}\n")).unwrap();
        }
    };
    let run = |home: usize, agent: &str, args: &[&str]| {
        let h = &homes[home];
        t.run_cmd(
            t.care_agent()
                .env("CARE_TOKEN", t.user_token(agent))
                .env("HOME", h)
                .env("XDG_CONFIG_HOME", h.join("config"))
                .env("XDG_DATA_HOME", h.join("data"))
                .env("XDG_STATE_HOME", h.join("state"))
                .args(args)
                .args(["--yes", "--verified-by", "in-person"])
                .args(["--evidence", "Dana Ortiz, front office"]),
        )
    };
    // the same agent, two laptops
    set_policy("changes-per-hour = 2");
    for (who, number) in people[..2].iter().zip(["502-555-0181", "502-555-0182"]) {
        run(0, demo::AGENT_AUTH_ADMIN, &["phone", "set", who, number]).success();
    }
    let r = run(
        1,
        demo::AGENT_AUTH_ADMIN,
        &["phone", "set", &people[2], "502-555-0183"],
    );
    assert_eq!(r.code, 2, "{r}");
    assert!(
        r.stderr
            .contains("2 changes to how people sign in in the last hour, on every machine"),
        "{r}"
    );
    // another agent is not held by it
    run(
        1,
        demo::AGENT_PRIV_AUTH,
        &["phone", "set", &people[2], "502-555-0183"],
    )
    .success();

    // two agents, two machines, one burst of passes
    set_policy("burst-passes = 3");
    run(
        0,
        demo::AGENT_AUTH_ADMIN,
        &["passcode", "issue", &people[3]],
    )
    .success();
    run(1, demo::AGENT_PRIV_AUTH, &["passcode", "issue", &people[4]]).success();
    run(0, demo::AGENT_PRIV_AUTH, &["passcode", "issue", &people[0]]).success();
    let r = run(
        1,
        demo::AGENT_AUTH_ADMIN,
        &["passcode", "issue", &people[5]],
    );
    assert_eq!(r.code, 2, "{r}");
    assert!(
        r.stderr
            .contains("STOP: 3 people got a pass from the desk in the last 10 minutes"),
        "{r}"
    );
    assert_eq!(passes(&t, &people[5]), 0);
    // the lead knows why: the override is recorded
    let r = run(
        1,
        demo::AGENT_AUTH_ADMIN,
        &[
            "passcode",
            "issue",
            &people[5],
            "--override",
            "new-hire orientation at Central High this morning",
        ],
    );
    assert_eq!(r.code, 0, "{r}");
}

/// A forwarder on this machine in front of the sandbox that answers as Microsoft would: the
/// sandbox's own header is dropped (a real tenant behind an SSH tunnel or a proxy on localhost).
fn forwarder(t: &Tenant) -> String {
    use axum::extract::Request;
    use axum::response::IntoResponse;
    let listener =
        t.rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (http, upstream) = (t.http.clone(), t.root.clone());
    let app = axum::Router::new().fallback(move |req: Request| {
        let (http, upstream) = (http.clone(), upstream.clone());
        async move {
            let (parts, body) = req.into_parts();
            let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
            let mut headers = parts.headers.clone();
            headers.remove("host");
            let r = http
                .request(
                    parts.method,
                    format!("{upstream}{}", parts.uri.path_and_query().unwrap()),
                )
                .headers(headers)
                .body(body)
                .send()
                .await
                .unwrap();
            let status = r.status();
            let mut headers = r.headers().clone();
            headers.remove(care::graph::model::SANDBOX_HEADER);
            headers.remove("content-length");
            headers.remove("transfer-encoding");
            (status, headers, r.bytes().await.unwrap()).into_response()
        }
    });
    t.rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// Whether a Graph URL on this machine is care's sandbox is told by its answers, not by the
/// address: a real tenant behind a forwarder on localhost needs a ticket by default like any
/// real tenant; the sandbox itself does not.
#[test]
fn a_real_tenant_behind_a_local_forwarder_is_a_real_tenant() {
    let t = Tenant::start();
    let proxy = forwarder(&t);
    let args = [
        "passcode",
        "issue",
        demo::LEFT_PHONE_AT_HOME,
        "--yes",
        "--verified-by",
        "callback",
    ];
    t.care()
        .env("CARE_GRAPH_URL", &proxy)
        .env("CARE_LOGIN_URL", &proxy)
        .args(args)
        .assert()
        .code(2)
        .stderr(contains("ticket is required"));
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 0);
    // through the forwarder with a ticket, and at the sandbox itself without one
    t.care()
        .env("CARE_GRAPH_URL", &proxy)
        .env("CARE_LOGIN_URL", &proxy)
        .env("CARE_TICKET", "INC0012345")
        .args(args)
        .assert()
        .success();
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
        .success();
}
