//! `care report`: reports across the tenant.

use crate::common::*;
use care::sandbox::demo;
use serde_json::{Value, json};

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
fn the_school_is_matched_like_the_finder() {
    let t = Tenant::start();
    let Run {
        stdout: json,
        stderr: _,
        code,
        ..
    } = t.run_tty("120", ["report", "sms-only", "-o", "json"]);
    assert_eq!(code, 0);
    let all: Vec<Value> = serde_json::from_str::<Value>(&json)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let at_cedar = all
        .iter()
        .filter(|e| e["school"] == "Cedar Grove Elementary")
        .count();
    assert!(at_cedar > 0);
    for school in [
        "cedar grove",
        "CEDAR",
        "Cedar Grove Elementary",
        "grove elem",
    ] {
        let Run {
            stdout: json,
            stderr: _,
            code,
            ..
        } = t.run_tty(
            "120",
            ["report", "sms-only", "--school", school, "-o", "json"],
        );
        assert_eq!(code, 0, "{school}");
        let found: Vec<Value> = serde_json::from_str::<Value>(&json)
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(found.len(), at_cedar, "{school}");
        assert!(
            found
                .iter()
                .all(|e| e["school"] == "Cedar Grove Elementary")
        );
        assert!(
            found
                .iter()
                .all(|e| !e["phoneNumbers"].as_array().unwrap().is_empty())
        );
    }
    // the table: phone numbers, and the count per school on stderr
    let Run {
        stdout: table,
        stderr: err,
        code: _,
        ..
    } = t.run_tty("120", ["report", "sms-only", "--school", "cedar"]);
    assert!(table.contains("phone"), "{table}");
    assert!(table.contains("(") && table.contains(") "), "{table}");
    assert!(
        err.contains(&format!("{at_cedar} at Cedar Grove Elementary")),
        "{err}"
    );
    // nothing matched: exit 5, naming the schools there are, nothing on stdout
    let Run {
        stdout: out,
        stderr: err,
        code,
        ..
    } = t.run_tty("120", ["report", "sms-only", "--school", "cedar hills"]);
    assert_eq!(code, 5, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("no school or office matches 'cedar hills'"),
        "{err}"
    );
    assert!(err.contains("Cedar Grove Elementary"), "{err}");
}

/// What `care report …` parses to, or its usage error (no HTTP).
#[test]
fn parse_report() {
    insta::assert_snapshot!(parse(["report", "sms-only", "--school", "cedar"]), @r#"
    Report(
        SmsOnly(
            SmsOnlyArgs {
                school: Some(
                    "cedar",
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["report", "sms-only", "extra"]), @"
    [exit 2] error: unexpected argument 'extra' found

    Usage: care report sms-only [OPTIONS]

    For more information, try '--help'.
    ");
}

/// `care readiness`: the same people as the SMS/voice-only report, each with the next step the
/// rule gives for their work, counted by school with the days left, and kept as snapshots that
/// `--history` shows with the change since the one before.
#[test]
fn readiness_lists_the_next_step_and_keeps_the_trend() {
    let t = Tenant::start();
    let sms = t.run(["-o", "json", "report", "sms-only"]).success().json();
    let ready = t.run(["-o", "json", "readiness"]).success().json();
    let upns = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["userPrincipalName"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(upns(&ready), upns(&sms));
    let token = t.token();
    for e in ready.as_array().unwrap() {
        let upn = e["userPrincipalName"].as_str().unwrap();
        let user = t
            .get(
                &token,
                &format!(
                    "/v1.0/users/{}?$select=department,jobTitle,givenName,surname",
                    enc(upn)
                ),
            )
            .body;
        let mobile = e["methodsRegistered"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m != "officePhone" && m.as_str().unwrap().ends_with("Phone"));
        let department = user["department"].as_str().unwrap_or_default();
        let title = user["jobTitle"].as_str().unwrap_or_default();
        let person = user["givenName"]
            .as_str()
            .is_some_and(|g| !g.trim().is_empty())
            || user["surname"]
                .as_str()
                .is_some_and(|s| !s.trim().is_empty());
        let expected = if !person {
            "shared-account"
        } else if ["Food Services", "Transportation", "Facilities"].contains(&department) {
            "qr-badge"
        } else if !mobile || title.contains("Substitute") {
            "key-fob"
        } else {
            "passkey"
        };
        assert_eq!(e["nextStep"], expected, "{upn}: {department}, {title}");
    }
    let office = ready
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["userPrincipalName"] == demo::OFFICE_PHONE_ONLY)
        .unwrap();
    assert_eq!(office["nextStep"], "key-fob");
    // on a terminal: the count by school, the date and the days left, the steps
    let run = t
        .run_tty("120", ["readiness", "--school", "cedar"])
        .success();
    let at_cedar = ready
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["school"] == "Cedar Grove Elementary")
        .count();
    assert!(
        run.stderr
            .contains(&format!("({at_cedar} at Cedar Grove Elementary)")),
        "{run}"
    );
    assert!(run.stderr.contains("end on 2027-02-01,"), "{run}");
    assert!(run.stderr.contains("days from today"), "{run}");
    assert!(run.stderr.contains("next steps:"), "{run}");
    // more fobs suggested than the box holds (12): said, with what to do
    let fobs = ready
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["nextStep"] == "key-fob")
        .count();
    let all = t.run_tty("120", ["readiness"]).success();
    assert_eq!(
        all.stderr
            .contains(&format!("{fobs} key fobs suggested, and the box has 12")),
        fobs > 12,
        "{all}"
    );
    // the trend: the runs kept, the change since the last run of the same schools
    t.run(["readiness", "--school", "cedar"]).success();
    let history = t
        .run(["-o", "json", "readiness", "--history"])
        .success()
        .json();
    let rows = history.as_array().unwrap();
    assert_eq!(rows.len(), 4, "{history}");
    assert_eq!(rows[0]["school"], "all");
    assert_eq!(rows[0]["people"], ready.as_array().unwrap().len());
    assert_eq!(rows[1]["school"], "cedar");
    assert_eq!(rows[1]["change"], Value::Null);
    assert_eq!(rows[2]["school"], "all");
    assert_eq!(rows[2]["change"], 0);
    assert_eq!(rows[3]["change"], 0);
    assert!(rows[3]["daysLeft"].as_i64().is_some());
}

/// Past 2027-02-01 by the sandbox's clock, a sign-in by text or call is not what it was: an
/// SMS/voice-only user meets the blocking prompt to register a passkey, anyone else's text is
/// not sent; both show in the sign-in log (and on the card's failures) as trainees will meet
/// them in February.
#[test]
fn sign_ins_by_text_after_the_cut_over() {
    let t = Tenant::start();
    let signin = |upn: &str, method: &str| {
        let r = t.admin(
            "POST",
            "/_sandbox/signin",
            Some(serde_json::json!({"userPrincipalName": upn, "method": method})),
        );
        assert!(r.status < 300, "{}", r.text);
        r.body["signIn"].clone()
    };
    // before: a text is a text
    assert_eq!(signin(demo::LOST_PHONE, "sms")["status"]["errorCode"], 0);
    // the sandbox's clock past the cut-over
    let now = jiff::Timestamp::now();
    let after: jiff::Timestamp = "2027-02-02T15:00:00Z".parse().unwrap();
    if now < after {
        t.advance_clock(&format!("{}s", after.duration_since(now).as_secs()));
    }
    let prompt = signin(demo::LOST_PHONE, "sms");
    assert_eq!(prompt["status"]["errorCode"], 50079, "{prompt}");
    assert!(
        prompt["status"]["failureReason"]
            .as_str()
            .unwrap()
            .contains("register a passkey")
    );
    let not_sent = signin(demo::LEFT_PHONE_AT_HOME, "sms");
    assert_eq!(not_sent["status"]["errorCode"], 500121, "{not_sent}");
    // an app notification still works
    assert_eq!(
        signin(demo::LEFT_PHONE_AT_HOME, "push")["status"]["errorCode"],
        0
    );
    let log = t
        .run(["-o", "json", "signin", "list", demo::LOST_PHONE])
        .success()
        .json();
    assert!(log.to_string().contains("register a passkey"), "{log}");
}

/// `care report fraud`: the week's impostor picture from this machine's audit log (a change a
/// red flag stopped, an override and its reason) and the tenant's sign-in log (the seeded
/// prompt reported as fraud).
#[test]
fn the_fraud_report_counts_what_stopped_impostors() {
    let t = Tenant::start();
    policy(&t, "passes-per-user-per-day = 1");
    let verified = ["--yes", "--verified-by", "callback"];
    // a red flag stops a pass for the person who reported a prompt as fraud
    let stopped = t.run(
        ["passcode", "issue", demo::FRAUD_REPORTED]
            .iter()
            .chain(&verified),
    );
    assert_eq!(stopped.code, 2, "{stopped}");
    // a second pass the same day needs an override, and says why
    t.run(
        ["passcode", "issue", demo::NO_SIGNAL]
            .iter()
            .chain(&verified),
    )
    .success();
    t.run(
        [
            "passcode",
            "issue",
            demo::NO_SIGNAL,
            "--replace",
            "--override",
            "manager on the line, ticket INC1",
        ]
        .iter()
        .chain(&verified),
    )
    .success();
    let r = t
        .run(["-o", "json", "report", "fraud", "--since", "7d"])
        .success()
        .json();
    let weeks = r["weeks"].as_array().unwrap();
    let total = |k: &str| -> u64 { weeks.iter().map(|w| w[k].as_u64().unwrap()).sum() };
    assert_eq!(total("stopped"), 1, "{r}");
    let overrides: Vec<&Value> = weeks
        .iter()
        .flat_map(|w| w["overrides"].as_array().unwrap())
        .collect();
    assert_eq!(overrides.len(), 1, "{r}");
    assert_eq!(overrides[0]["reason"], "manager on the line, ticket INC1");
    assert_eq!(overrides[0]["user"], demo::NO_SIGNAL);
    let reports: Vec<&Value> = weeks
        .iter()
        .flat_map(|w| w["fraudReports"].as_array().unwrap())
        .collect();
    assert!(
        reports.iter().any(|p| p["user"] == demo::FRAUD_REPORTED),
        "{r}"
    );
    // a table for people, with who overrode what and who reported a prompt
    let shown = t.run_cmd(
        t.care()
            .env("CARE_FORCE_TTY", "1")
            .args(["report", "fraud", "--since", "7d"]),
    );
    assert_eq!(shown.code, 0, "{shown}");
    assert!(
        shown.stdout.contains("not verified") && shown.stdout.contains("stopped"),
        "{shown}"
    );
    assert!(shown.stdout.contains("manager on the line"), "{shown}");
    assert!(shown.stdout.contains("reported as fraud"), "{shown}");
}

/// `care report calls`: the door's records grouped into calls (a pass and its verification
/// are one call; the same person twice is a repeat caller), by agent, with the cost; another
/// agent's exported records count too; the web page holds its charts inline.
#[test]
fn the_calls_report_from_the_audit_log() {
    let t = Tenant::start();
    let verified = ["--yes", "--verified-by", "callback"];
    t.run(
        ["passcode", "issue", demo::NO_SIGNAL]
            .iter()
            .chain(&verified),
    )
    .success();
    t.run(
        ["phone", "set", demo::LOST_PHONE, "502-555-0142"]
            .iter()
            .chain(&verified),
    )
    .success();
    let r = t
        .run([
            "-o",
            "json",
            "report",
            "calls",
            "--since",
            "1d",
            "--cost-per-call",
            "4.50",
        ])
        .success()
        .json();
    let all = &r["summaries"][0];
    assert_eq!(all["group"], "all calls", "{r}");
    assert_eq!(all["calls"], 2, "{r}");
    assert_eq!(all["changes"], 2, "{r}");
    assert_eq!(all["cost"], 9.0);
    let scenarios: Vec<&str> = r["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["scenario"].as_str().unwrap())
        .collect();
    assert!(
        scenarios.contains(&"temporary pass") && scenarios.contains(&"phone change"),
        "{r}"
    );
    // another agent's records: exported on their machine, read here (the same ones twice
    // count once)
    let exported = t.dir.path().join("theirs.json");
    let out = t.run(["-o", "json", "audit", "list"]).success();
    std::fs::write(&exported, &out.stdout).unwrap();
    let again = t
        .run_cmd(
            t.care()
                .args([
                    "-o", "json", "report", "calls", "--since", "1d", "--by", "agent", "--log",
                ])
                .arg(&exported),
        )
        .json();
    assert_eq!(again["summaries"][0]["calls"], 2, "{again}");
    // the page
    let page = t.dir.path().join("week.html");
    let shown = t.run_cmd(
        t.care()
            .args(["report", "calls", "--since", "1d", "--html"])
            .arg(&page),
    );
    assert_eq!(shown.code, 0, "{shown}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<svg") && html.contains("class=\"bar\""),
        "{html}"
    );
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "nothing fetched"
    );
    // never written over
    let twice = t.run_cmd(
        t.care()
            .args(["report", "calls", "--since", "1d", "--html"])
            .arg(&page),
    );
    assert_eq!(twice.code, 2, "{twice}");
    assert!(twice.stderr.contains("never written over"), "{twice}");
}

/// `--from-tenant`: every agent's changes from the tenant's audit log, so the seeded week
/// reads as calls: Hannah Price called three times (passes and a phone change by two agents),
/// a repeat caller never resolved on the first call.
#[test]
fn the_calls_report_from_the_tenants_audit_log() {
    let t = Tenant::start();
    let r = t
        .run([
            "-o",
            "json",
            "report",
            "calls",
            "--since",
            "7d",
            "--from-tenant",
            "--by",
            "agent",
        ])
        .success()
        .json();
    let hannah: Vec<&Value> = r["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["user"] == demo::REPEAT_CALLER)
        .collect();
    assert_eq!(hannah.len(), 3, "{r}");
    // and the rest of the seeded week: ten more callers, passes by the agents on shift
    assert!(r["calls"].as_array().unwrap().len() >= 14, "{r}");
    assert!(hannah[0]["calledAgain"].as_bool().unwrap(), "{r}");
    let agents: Vec<&str> = r["summaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["group"].as_str().unwrap())
        .collect();
    assert!(
        agents.contains(&demo::AGENT_AUTH_ADMIN) && agents.contains(&demo::AGENT_PRIV_AUTH),
        "{r}"
    );
    assert!(
        r["summaries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["repeatCallers"].as_u64() >= Some(1)),
        "{r}"
    ); // on a terminal: the agents by their names (one domain), the table within 120 columns
    let shown = t.run_tty(
        "120",
        [
            "report",
            "calls",
            "--since",
            "7d",
            "--from-tenant",
            "--by",
            "agent",
        ],
    );
    assert_eq!(shown.code, 0, "{shown}");
    assert!(
        shown.stdout.contains("│ care.privauth ") && !shown.stdout.contains("@district"),
        "{shown}"
    );
    assert!(
        shown.stderr.contains("agents of district.example"),
        "{shown}"
    );
    assert!(
        shown.stdout.lines().all(|l| l.chars().count() <= 120),
        "{shown}"
    );
}

/// `care audit export`: the records as kept, one a line, which a lead's `report calls --log`
/// reads; the summary counts the changes by kind.
#[test]
fn an_agents_exported_week_is_read_by_the_lead() {
    let t = Tenant::start();
    let verified = ["--yes", "--verified-by", "callback"];
    t.run(
        ["passcode", "issue", demo::NO_SIGNAL]
            .iter()
            .chain(&verified),
    )
    .success();
    let exported = t.run(["audit", "export", "--since", "1d"]).success();
    let lines: Vec<&str> = exported.stdout.lines().collect();
    assert!(lines.len() >= 3, "{exported}");
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    assert!(
        first["hash"].is_string() && first["seq"].is_u64(),
        "{first}"
    );
    let file = t.dir.path().join("dana.jsonl");
    std::fs::write(&file, &exported.stdout).unwrap();
    let r = t
        .run_cmd(
            t.care()
                .args(["-o", "json", "report", "calls", "--since", "1d", "--log"])
                .arg(&file),
        )
        .json();
    assert_eq!(r["summaries"][0]["calls"], 1, "{r}");
    assert_eq!(
        r["summaries"][0]["changesByKind"]["passcode.issue"], 1,
        "{r}"
    );
}

/// A trainee's first run: a new sandbox writes its week at the center beside the audit log,
/// so the reports read like a week: the impostor who called as the person who reported a
/// prompt as fraud (the pass stopped, the callback failed), a caller who could not be
/// verified, the repeat caller's override, her three calls. It is not the audit log (nothing
/// of it happened here); a reset writes it anew, not twice. A report on another tenant leaves
/// its records out.
#[test]
fn a_new_sandbox_seeds_a_week_for_the_reports() {
    let t = Tenant::start();
    let run = |args: &[&str]| t.run_cmd(t.care_zero_config().args(args));
    // the embedded sandbox's database, new (small, to be quick)
    // (another seed than the test tenant's: another tenant id)
    let made = run(&["sandbox", "reset", "--yes", "--users", "40", "--seed", "7"]).success();
    assert!(
        made.stderr.contains("its week at the center is ready"),
        "{made}"
    );
    let fraud = run(&["-o", "json", "report", "fraud", "--since", "8d"])
        .success()
        .json();
    let sum = |key: &str| -> u64 {
        fraud["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                w[key]
                    .as_u64()
                    .unwrap_or_else(|| w[key].as_array().unwrap().len() as u64)
            })
            .sum()
    };
    assert_eq!(sum("stopped"), 1, "{fraud:#}");
    assert_eq!(sum("failedVerifications"), 2, "{fraud:#}");
    assert_eq!(sum("overrides"), 1, "{fraud:#}");
    assert_eq!(sum("fraudReports"), 1, "{fraud:#}");
    // each one named: the impostor's pass stopped, and whose callback failed
    let held: Vec<&Value> = fraud["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["held"].as_array().unwrap())
        .collect();
    assert!(
        held.iter().any(|h| h["user"] == demo::FRAUD_REPORTED
            && h["detail"].as_str().unwrap().starts_with("STOP:")),
        "{fraud:#}"
    );
    assert_eq!(held.len(), 3, "{fraud:#}");
    let report = || {
        run(&["-o", "json", "report", "calls", "--since", "8d"])
            .success()
            .json()
    };
    let calls = report();
    let of = |upn: &str| -> Vec<Value> {
        calls["calls"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["user"] == upn)
            .cloned()
            .collect()
    };
    assert_eq!(of(demo::REPEAT_CALLER).len(), 3, "{calls:#}");
    let nina = &of(demo::FRAUD_REPORTED)[0];
    assert_eq!(
        (&nina["refusals"], &nina["changes"]),
        (&json!(1), &json!({})),
        "{calls:#}"
    );
    let all = calls["calls"].as_array().unwrap().len();
    assert!(all >= 17, "{calls:#}");
    // the tenant's own changes are the week's: --from-tenant counts each once
    let both = run(&[
        "-o",
        "json",
        "report",
        "calls",
        "--since",
        "8d",
        "--from-tenant",
    ])
    .success()
    .json();
    assert_eq!(both["calls"].as_array().unwrap().len(), all, "{both:#}");
    // nothing of it is in the audit log, which holds what was done on this machine
    let issued = run(&[
        "passcode",
        "issue",
        demo::NO_SIGNAL,
        "--verified-by",
        "callback",
        "--yes",
    ]);
    assert_eq!(issued.code, 0, "{issued}");
    let log = run(&["-o", "json", "audit", "list"]).success().json();
    assert!(
        log.as_array().unwrap().iter().all(|r| r["call"].is_null()),
        "{log:#}"
    );
    run(&["audit", "reconcile"]).success();
    // a reset writes the week anew: not twice
    let before = report()["calls"].as_array().unwrap().len();
    assert_eq!(before, all + 1);
    run(&["sandbox", "reset", "--yes", "--users", "40", "--seed", "7"]).success();
    assert_eq!(report()["calls"].as_array().unwrap().len(), before);
    // a change on another tenant (the test's own) is in this machine's log: left out, and said
    t.run([
        "passcode",
        "issue",
        demo::NO_SIGNAL,
        "--verified-by",
        "callback",
        "--yes",
    ])
    .success();
    let with = run(&["-o", "json", "report", "calls", "--since", "8d"]);
    assert_eq!(with.json()["calls"], report()["calls"], "{with}");
    assert!(with.stderr.contains("of another tenant left out"), "{with}");
    // an agent's export that was edited is refused, naming the record
    let edited: String = run(&["audit", "export"])
        .success()
        .stdout
        .lines()
        .map(|l| l.replace(demo::NO_SIGNAL, demo::LEFT_PHONE_AT_HOME) + "\n")
        .collect();
    let log = t.dir.path().join("edited.jsonl");
    std::fs::write(&log, edited).unwrap();
    let refused = t.run_cmd(
        t.care_zero_config()
            .args(["report", "calls", "--log"])
            .arg(&log),
    );
    assert_eq!(refused.code, 2, "{refused}");
    assert!(
        refused.stderr.contains("is not as care wrote it"),
        "{refused}"
    );
}
