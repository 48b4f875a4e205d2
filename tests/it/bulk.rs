//! `care bulk`: runs end to end against a sandbox with its fault injection, checking each row's end
//! through the sandbox's state and its write counts.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `user,phone` rows giving each user a new, distinct mobile number.
fn phone_file(t: &Tenant, users: &[String], base: u32) -> (PathBuf, Vec<(String, String)>) {
    let mut csv = String::from("user,phone\n");
    let mut want = vec![];
    for (i, u) in users.iter().enumerate() {
        let n = base + i as u32;
        csv.push_str(&format!("{u},502-55{}-{:04}\n", n / 10000, n % 10000));
        want.push((u.clone(), format!("+1 50255{}{:04}", n / 10000, n % 10000)));
    }
    (write_csv(t, &format!("phones-{base}.csv"), &csv), want)
}

/// Every row's phone is the one asked for, and changed exactly once.
fn assert_each_phone_set_once(t: &Tenant, want: &[(String, String)]) {
    let tok = t.token();
    let stats = t.stats();
    for (u, n) in want {
        assert_eq!(mobile_of(t, &tok, u).as_deref(), Some(n.as_str()), "{u}");
        assert_eq!(
            writes(&stats, u, &["phone.add", "phone.update"]),
            1,
            "{u} changed exactly once: {}",
            stats["writes"][u]
        );
    }
    assert_eq!(stats["earlyRetries"], 0, "no retry before its Retry-After");
}

// ---- preflight ---------------------------------------------------------------------------------

#[test]
fn malformed_files_name_the_line_and_change_nothing() {
    let t = Tenant::start();
    let u = staff(&t, 3);
    let huge = "a".repeat(5000);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "unmatched quote",
            format!(
                "user,phone\n{},502-555-0100\n\"{},502-555-0101\n{},502-555-0102\n",
                u[0], u[1], u[2]
            )
            .into_bytes(),
            "line 3",
        ),
        (
            "NUL byte",
            format!("user,phone\n{}\0,502-555-0100\n", u[0]).into_bytes(),
            "control character",
        ),
        (
            "huge field",
            format!("user,phone\n{huge}@district.example,502-555-0100\n").into_bytes(),
            "at most 512",
        ),
        (
            "missing column",
            format!("user\n{}\n", u[0]).into_bytes(),
            "no phone column",
        ),
        (
            "duplicate header",
            format!("user,phone,Phone\n{},502-555-0100,1\n", u[0]).into_bytes(),
            "appears 2 times",
        ),
        ("UTF-16", b"\xff\xfeu\x00s\x00e\x00r\x00".to_vec(), "UTF-16"),
        (
            "Latin-1",
            b"user,phone\nm\xfcller@district.example,502-555-0100\n".to_vec(),
            "UTF-8",
        ),
        (
            "bad phone and user",
            format!(
                "user,phone\n{},555\nx@y@z.example,502-555-0100\n{},502-555-0100\n",
                u[0], u[0]
            )
            .into_bytes(),
            "line 4",
        ),
    ];
    for (what, bytes, expect) in cases {
        let p = t.dir.path().join("bad.csv");
        std::fs::write(&p, &bytes).unwrap();
        t.care()
            .args(["bulk", "phone-set", "--file"])
            .arg(&p)
            .arg("--yes")
            .assert()
            .code(2)
            .stderr(contains(expect).and(contains("nothing was changed")))
            .stdout(predicate::str::is_empty());
        assert_eq!(graph_requests(&t.stats()), 0, "{what}: no request at all");
    }
    // every bad row is reported, each with its line
    let p = write_csv(
        &t,
        "bad.csv",
        &format!(
            "user,phone\n{},555\nmaria,502-555-0100\n{},502-555-0101\n",
            u[0], u[1]
        ),
    );
    t.care()
        .args(["bulk", "phone-set", "--check", "--file"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(
            contains("line 2")
                .and(contains("line 3"))
                .and(contains("2 invalid")),
        );
}

#[test]
fn check_and_dry_run_change_nothing_and_skip_invalid_runs_the_rest() {
    let t = Tenant::start();
    let u = staff(&t, 4);
    let tok = t.token();
    let same = mobile_of(&t, &tok, &u[0]).unwrap_or_default();
    t.reset_stats();
    let csv = format!(
        "Phone,User,notes\n{same},{},already so\n502-555-0177,{},new\n555,{},bad\n502-555-0178,nobody@district.example,gone\n",
        u[0], u[1], u[2]
    );
    let p = write_csv(&t, "mixed.csv", &csv);
    t.care()
        .args(["bulk", "phone-set", "--check", "--file"])
        .arg(&p)
        .assert()
        .code(2);
    assert_eq!(graph_requests(&t.stats()), 0, "--check sends nothing");
    let out = t
        .care()
        .args([
            "-o",
            "json",
            "bulk",
            "phone-set",
            "--dry-run",
            "--skip-invalid",
            "--file",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let outcome = |line: u64| {
        plan.as_array()
            .unwrap()
            .iter()
            .find(|r| r["line"] == line)
            .unwrap()["outcome"]
            .clone()
    };
    assert_eq!(outcome(2), "unchanged", "{plan}");
    assert_eq!(outcome(3), "changed");
    assert_eq!(outcome(4), "skipped");
    assert_eq!(outcome(5), "failed");
    assert_eq!(total_writes(&t.stats()), 0, "a dry run changes nothing");
    // the real run: one change, exit 3 for the unknown user, a report with request ids
    let report = t.dir.path().join("report.json");
    t.care()
        .args(["bulk", "phone-set", "--skip-invalid", "--yes", "--report"])
        .arg(&report)
        .args(APPROVED)
        .arg("--file")
        .arg(&p)
        .assert()
        .code(3)
        .stderr(contains("1 of 4 rows failed").and(contains("no such user")));
    let rows: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 4);
    let changed = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["line"] == 3)
        .unwrap();
    assert_eq!(changed["outcome"], "changed");
    assert!(
        changed["requestId"].as_str().is_some_and(|s| s.len() == 36),
        "{changed}"
    );
    assert_eq!(mobile_of(&t, &tok, &u[1]).as_deref(), Some("+1 5025550177"));
    assert_eq!(total_writes(&t.stats()), 1);
    // bulk runs say they are low priority
    assert!(t.stats()["priorities"]["Low"].as_u64().unwrap() > 0);
}

// ---- exact once under faults -----------------------------------------------------------------

#[test]
fn every_row_ends_exactly_once_under_faults() {
    let t = Tenant::with(|o| {
        o.faults = Some(
            "429=0.1,500=0.03,503=0.05,504=0.03,drop-before=0.05,drop-after=0.1,latency=1ms..15ms,retry-after=0.2"
                .parse()
                .unwrap(),
        );
        o.fault_seed = 7;
    });
    let users = staff(&t, 60);
    let (p, want) = phone_file(&t, &users, 1000);
    let report = t.dir.path().join("report.json");
    let out = t
        .care()
        .args([
            "bulk",
            "phone-set",
            "--yes",
            "--concurrency",
            "6",
            "--report",
        ])
        .arg(&report)
        .args(APPROVED)
        .arg("--file")
        .arg(&p)
        .output()
        .unwrap();
    let rows: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    let lines: std::collections::BTreeSet<u64> =
        rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(
        (rows.len(), lines.len()),
        (want.len(), want.len()),
        "every row ends once"
    );
    let failed = rows.iter().filter(|r| r["outcome"] == "failed").count();
    assert_eq!(
        out.status.code(),
        Some(if failed > 0 { 3 } else { 0 }),
        "{}",
        text(&out.stderr)
    );
    assert!(
        failed <= 2,
        "the retries carry nearly every row through: {}",
        text(&out.stderr)
    );
    // the truth about each row: changed means set, once; failed means not set at all
    let tok = t.token();
    let stats = t.stats();
    for r in rows {
        let (u, n) = &want[(r["line"].as_u64().unwrap() - 2) as usize];
        let count = writes(&stats, u, &["phone.add", "phone.update"]);
        if r["outcome"] == "changed" {
            assert_eq!(mobile_of(&t, &tok, u).as_deref(), Some(n.as_str()), "{u}");
            assert_eq!(count, 1, "{u} changed exactly once");
        } else {
            assert_eq!(r["outcome"], "failed", "{r}");
            assert_ne!(mobile_of(&t, &tok, u).as_deref(), Some(n.as_str()), "{r}");
            assert_eq!(count, 0, "{r}");
        }
    }
    assert_eq!(stats["earlyRetries"], 0, "no retry before its Retry-After");
    let faults = &t.stats()["faults"];
    for f in ["429", "503", "drop-before", "drop-after"] {
        assert!(
            faults[f].as_u64().unwrap_or(0) > 0,
            "{f} was injected: {faults}"
        );
    }
}

#[test]
fn passes_are_issued_once_and_their_codes_go_only_to_the_codes_file() {
    let t = Tenant::with(|o| {
        o.faults = Some(
            "429=0.1,503=0.05,drop-after=0.1,retry-after=0.2"
                .parse()
                .unwrap(),
        );
        o.fault_seed = 3;
    });
    let users = staff(&t, 30);
    let mut csv = String::from("user,lifetime\n");
    for u in &users {
        csv.push_str(&format!("{u},2h\n"));
    }
    let p = write_csv(&t, "passes.csv", &csv);
    let codes = t.dir.path().join("codes.csv");
    let report = t.dir.path().join("report.csv");
    let out = t
        .care()
        .args(["--debug", "bulk", "passcode-issue", "--yes", "--codes-out"])
        .arg(&codes)
        .args(APPROVED)
        .arg("--report")
        .arg(&report)
        .arg("--file")
        .arg(&p)
        .output()
        .unwrap();
    let stats = t.stats();
    // a pass whose answer was lost is reported, never issued twice
    for u in &users {
        assert!(
            writes(&stats, u, &["tap.create"]) <= 1,
            "{u}: {}",
            stats["writes"][u]
        );
    }
    let code_text = std::fs::read_to_string(&codes).unwrap();
    let mut rdr = csv::Reader::from_reader(code_text.as_bytes());
    let codes_rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let lost = text(&out.stderr).matches("its code was lost").count();
    assert_eq!(
        codes_rows.len() + lost,
        users.len(),
        "{}",
        text(&out.stderr)
    );
    assert!(out.status.code() == Some(0) || (out.status.code() == Some(3) && lost > 0));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&codes).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // the codes appear nowhere else: not on stderr (even with --debug), the report, the journal
    let journal_dir = t.dir.path().join("state/care/jobs");
    let mut elsewhere =
        text(&out.stderr) + &text(&out.stdout) + &std::fs::read_to_string(&report).unwrap();
    for e in std::fs::read_dir(&journal_dir).unwrap().flatten() {
        elsewhere.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
    }
    for row in &codes_rows {
        let code = &row[2];
        assert!(code.len() >= 8);
        assert!(!elsewhere.contains(code), "a code leaked");
    }
    // a codes file is never overwritten
    t.care()
        .args(["bulk", "passcode-issue", "--yes", "--force", "--codes-out"])
        .arg(&codes)
        .args(APPROVED)
        .arg("--file")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(contains("never overwrites"));
}

// ---- journal and resume ----------------------------------------------------------------------

#[test]
fn a_finished_job_is_not_run_again_unless_forced() {
    let t = Tenant::start();
    let users = staff(&t, 5);
    let (p, want) = phone_file(&t, &users, 2000);
    t.care()
        .args(["bulk", "phone-set", "--yes", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .success();
    assert_each_phone_set_once(&t, &want);
    t.care()
        .args(["bulk", "phone-set", "--yes", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .code(2)
        .stderr(contains("ran to the end already").and(contains("--force")));
    // forced: every row is already so, nothing is written again
    t.care()
        .args(["bulk", "phone-set", "--yes", "--force", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .success()
        .stderr(contains("0 changed, 5 unchanged"));
    assert_each_phone_set_once(&t, &want);
    t.care()
        .args(["-o", "json", "bulk", "status"])
        .assert()
        .success()
        .stdout(contains("finished").and(contains("phones-2000.csv")));
}

/// Starts a slow bulk run and kills it with SIGKILL once `rows` more of its changes have
/// landed; returns what it said.
fn kill_after(t: &Tenant, args: &[&str], file: &Path, rows: u64) -> String {
    let before = total_writes(&t.stats());
    let mut cmd = t.std_care();
    cmd.args(["bulk"])
        .args(args)
        .args(APPROVED)
        .arg("--yes")
        .arg("--file")
        .arg(file);
    let mut run = Spawned::start(cmd);
    t.wait_for_writes(before + rows);
    run.kill();
    run.finish_killed()
}

#[test]
fn a_killed_run_resumes_and_every_row_ends_exactly_once() {
    let t = Tenant::with(|o| o.faults = Some("latency=30ms..90ms".parse().unwrap()));
    let users = staff(&t, 120);
    let mut resumed = 0;
    for (trial, rows) in [1u64, 12, 30].into_iter().enumerate() {
        let batch: Vec<String> = users[trial * 40..trial * 40 + 40].to_vec();
        let (p, want) = phone_file(&t, &batch, 3000 + 100 * trial as u32);
        kill_after(&t, &["phone-set", "--concurrency", "4"], &p, rows);
        // without --resume an unfinished job is refused, with the command that finishes it
        let out = t
            .care()
            .args(["bulk", "phone-set", "--yes", "--file"])
            .arg(&p)
            .args(APPROVED)
            .output()
            .unwrap();
        if out.status.code() == Some(2) {
            assert!(
                text(&out.stderr).contains("--resume"),
                "{}",
                text(&out.stderr)
            );
            t.care()
                .args(["bulk", "phone-set", "--yes", "--resume", "--file"])
                .arg(&p)
                .args(APPROVED)
                .assert()
                .success();
            resumed += 1;
        } else {
            // killed before the journal began: nothing to resume, the run just ran
            assert!(out.status.success(), "{}", text(&out.stderr));
        }
        assert_each_phone_set_once(&t, &want);
    }
    assert!(resumed >= 1, "at least one run was killed halfway");
}

#[test]
fn a_killed_pass_run_never_issues_a_pass_twice() {
    let t = Tenant::with(|o| o.faults = Some("latency=30ms..90ms".parse().unwrap()));
    let users = staff(&t, 40);
    let mut csv = String::from("user\n");
    for u in &users {
        csv.push_str(&format!("{u}\n"));
    }
    let p = write_csv(&t, "passes.csv", &csv);
    let codes = t.dir.path().join("codes.csv");
    let codes_arg = codes.to_str().unwrap().to_string();
    kill_after(
        &t,
        &[
            "passcode-issue",
            "--concurrency",
            "4",
            "--codes-out",
            &codes_arg,
        ],
        &p,
        8,
    );
    let out = t
        .care()
        .args(["bulk", "passcode-issue", "--yes", "--resume", "--codes-out"])
        .arg(&codes)
        .args(APPROVED)
        .arg("--file")
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{}",
        text(&out.stderr)
    );
    let stats = t.stats();
    for u in &users {
        assert_eq!(writes(&stats, u, &["tap.create"]), 1, "{u}: one pass, ever");
    }
    // each row is in the codes file, or failed saying its code was lost when care was killed
    let codes_rows = csv::Reader::from_path(&codes).unwrap().records().count();
    let lost = text(&out.stderr)
        .matches("stopped before its code was saved")
        .count();
    assert_eq!(codes_rows + lost, users.len(), "{}", text(&out.stderr));
}

#[cfg(unix)]
#[test]
fn ctrl_c_finishes_the_rows_in_flight_and_says_how_to_resume() {
    let t = Tenant::with(|o| o.faults = Some("latency=40ms..80ms".parse().unwrap()));
    let users = staff(&t, 30);
    let (p, want) = phone_file(&t, &users, 5000);
    let mut cmd = t.std_care();
    cmd.args(["bulk", "phone-set", "--yes", "--concurrency", "2", "--file"])
        .arg(&p)
        .args(APPROVED);
    let mut run = Spawned::start(cmd);
    // once the plan is printed the run is under way (on a loaded machine that may take a while)
    run.wait_for_line("writes a minute");
    t.wait_for_writes(2);
    run.signal("INT");
    let out = run.finish();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--resume"),
        "{}",
        text(&out.stderr)
    );
    let status = t
        .care()
        .args(["-o", "json", "bulk", "status"])
        .output()
        .unwrap();
    assert!(
        text(&status.stdout).contains("stopped"),
        "{}",
        text(&status.stdout)
    );
    t.care()
        .args(["bulk", "phone-set", "--yes", "--resume", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .success()
        .stderr(contains("done earlier"));
    assert_each_phone_set_once(&t, &want);
}

// ---- pacing ----------------------------------------------------------------------------------

#[test]
fn a_run_stays_under_the_write_limit_and_never_retries_early() {
    let t = Tenant::with(|o| o.write_limit = Some("20/2".parse().unwrap()));
    let users = staff(&t, 30);
    let (p, want) = phone_file(&t, &users, 6000);
    t.care()
        .args([
            "bulk",
            "phone-set",
            "--yes",
            "--rate",
            "20/2",
            "--headroom",
            "0",
            "--file",
        ])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .success();
    assert_each_phone_set_once(&t, &want);
    let stats = t.stats();
    assert!(
        stats["throttled"].as_u64().unwrap() <= 2,
        "paced under the limit: {}",
        stats["throttled"]
    );
    // stdin works the same, and the sandbox throttles a run that ignores the limit
    let (p2, want2) = phone_file(&t, &staff(&t, 60)[30..], 7000);
    t.care()
        .args([
            "bulk",
            "phone-set",
            "--yes",
            "--rate",
            "200/2",
            "--headroom",
            "0",
            "--file",
            "-",
        ])
        .args(APPROVED)
        .write_stdin(std::fs::read(&p2).unwrap())
        .assert()
        .success();
    assert_each_phone_set_once(&t, &want2);
}

#[test]
fn sessions_and_methods_in_bulk() {
    let t = Tenant::start();
    let users = staff(&t, 6);
    let csv = format!("user\n{}\n", users.join("\n"));
    let p = write_csv(&t, "users.csv", &csv);
    t.care()
        .args(["bulk", "session-revoke", "--yes", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .success()
        .stderr(contains("6 changed"));
    let stats = t.stats();
    for u in &users {
        assert_eq!(writes(&stats, u, &["sessions.revoke"]), 1, "{u}");
    }
    t.care()
        .args(["bulk", "method-reset", "--yes", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .success();
    let tok = t.token();
    for u in &users {
        let m = t.get(
            &tok,
            &format!("/v1.0/users/{}/authentication/methods", enc(u)),
        );
        let left: Vec<&str> = m.body["value"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x["@odata.type"].as_str())
            .collect();
        assert_eq!(
            left,
            vec!["#microsoft.graph.passwordAuthenticationMethod"],
            "{u}"
        );
    }
    // again: nothing left to remove
    t.care()
        .args(["bulk", "method-reset", "--yes", "--force", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .success()
        .stderr(contains("6 unchanged"));
}

#[test]
fn a_run_refused_for_every_row_stops_early() {
    let t = Tenant::start();
    let users = staff(&t, 40);
    let (p, _) = phone_file(&t, &users, 8000);
    let reader = t.user_token(demo::AGENT_READER);
    t.care()
        .env("CARE_TOKEN", &reader)
        .args(["bulk", "phone-set", "--yes", "--file"])
        .arg(&p)
        .args(APPROVED)
        .assert()
        .code(4)
        .stderr(contains("were all refused").and(contains("--resume")));
    assert!(total_writes(&t.stats()) == 0);
}

/// What `care bulk …` parses to, or its usage error (no HTTP).
#[test]
fn parse_bulk() {
    insta::assert_snapshot!(parse(["bulk", "phone-set", "--file", "phones.csv", "--check"]), @r#"
    Bulk(
        PhoneSet(
            PhoneSetArgs {
                job: JobArgs {
                    file: "phones.csv",
                    sheet: None,
                    check: true,
                    dry_run: false,
                    skip_invalid: false,
                    resume: false,
                    force: false,
                    concurrency: None,
                    rate: None,
                    headroom: None,
                    report: None,
                    approved_by: None,
                    reason: None,
                },
                region: None,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["bulk", "phone-set", "--file", "phones.csv", "--concurrency", "8", "--rate", "200/10", "--headroom", "0", "--region", "US", "--report", "r.json", "--skip-invalid"]), @r#"
    Bulk(
        PhoneSet(
            PhoneSetArgs {
                job: JobArgs {
                    file: "phones.csv",
                    sheet: None,
                    check: false,
                    dry_run: false,
                    skip_invalid: true,
                    resume: false,
                    force: false,
                    concurrency: Some(
                        8,
                    ),
                    rate: Some(
                        Rate {
                            count: 200,
                            per: 10s,
                        },
                    ),
                    headroom: Some(
                        0,
                    ),
                    report: Some(
                        "r.json",
                    ),
                    approved_by: None,
                    reason: None,
                },
                region: Some(
                    "US",
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["bulk", "passcode-issue", "--file", "-", "--codes-out", "codes.csv", "--multi-use", "--dry-run"]), @r#"
    Bulk(
        PasscodeIssue(
            PasscodeIssueArgs {
                job: JobArgs {
                    file: "-",
                    sheet: None,
                    check: false,
                    dry_run: true,
                    skip_invalid: false,
                    resume: false,
                    force: false,
                    concurrency: None,
                    rate: None,
                    headroom: None,
                    report: None,
                    approved_by: None,
                    reason: None,
                },
                codes_out: Some(
                    "codes.csv",
                ),
                multi_use: true,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["bulk", "session-revoke", "--file", "f.csv", "--resume"]), @r#"
    Bulk(
        SessionRevoke(
            JobArgs {
                file: "f.csv",
                sheet: None,
                check: false,
                dry_run: false,
                skip_invalid: false,
                resume: true,
                force: false,
                concurrency: None,
                rate: None,
                headroom: None,
                report: None,
                approved_by: None,
                reason: None,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["bulk", "method-reset", "--file", "f.csv", "--force"]), @r#"
    Bulk(
        MethodReset(
            JobArgs {
                file: "f.csv",
                sheet: None,
                check: false,
                dry_run: false,
                skip_invalid: false,
                resume: false,
                force: true,
                concurrency: None,
                rate: None,
                headroom: None,
                report: None,
                approved_by: None,
                reason: None,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["bulk", "status"]), @"
    Bulk(
        Status(
            StatusArgs {
                job: None,
            },
        ),
    )
    ");
    insta::assert_snapshot!(parse(["bulk", "phone-set"]), @"
    [exit 2] error: the following required arguments were not provided:
      --file <FILE>

    Usage: care bulk phone-set --file <FILE>

    For more information, try '--help'.
    ");
}

// ---- every row through the door ----------------------------------------------------------------

/// A job of one row for each kind of person a change must not reach: each row fails with the
/// reason, nothing is sent, and the audit log holds the job's approval and each refusal under
/// the job's name.
#[test]
fn a_job_refuses_the_people_a_call_would_refuse() {
    let t = Tenant::start();
    let agent = t.user_token(demo::AGENT_AUTH_ADMIN);
    let codes = t.dir.path().join("codes.csv");
    let mut refused = vec![];
    for (who, why) in [
        (demo::DISABLED, "account is disabled"),
        (demo::GUEST, "is a B2B guest"),
        (demo::ADMIN_TARGET, "holds an admin role"),
        (demo::NO_MAILBOX, "looks like a shared account"),
        (demo::AGENT_AUTH_ADMIN, "to themselves"),
    ] {
        let file = write_csv(&t, "one.csv", &format!("user\n\"{who}\"\n"));
        let _ = std::fs::remove_file(&codes);
        let run = t.run_cmd(
            t.care()
                .env("CARE_TOKEN", &agent)
                .env_remove("CARE_CLIENT_SECRET")
                .args(["bulk", "passcode-issue", "--yes", "--force", "--file"])
                .arg(&file)
                .arg("--codes-out")
                .arg(&codes)
                .args(APPROVED),
        );
        assert_eq!(run.code, 3, "{who}: {run}");
        assert!(
            run.stderr.contains("refused:") && run.stderr.contains(why),
            "{who}: {run}"
        );
        refused.push(who);
    }
    assert_eq!(total_writes(&t.stats()), 0, "nothing was sent");
    let records = audit(&t);
    let jobs: Vec<&Value> = records
        .iter()
        .filter(|r| r["action"] == "bulk.job")
        .collect();
    assert_eq!(jobs.len(), 5, "one approval a run");
    assert_eq!(jobs[0]["approvedBy"], "Dana Ortiz (Care Center lead)");
    assert!(
        jobs[0]["detail"]
            .as_str()
            .unwrap()
            .contains("carrier change")
    );
    for who in refused {
        let r = records
            .iter()
            .find(|r| r["target"]["upn"] == who && r["result"] == "refused")
            .unwrap_or_else(|| panic!("no refusal of {who} in {records:#?}"));
        assert_eq!(r["action"], "passcode.issue");
        assert!(
            r["job"].as_str().unwrap().starts_with("passcode-issue-"),
            "{r}"
        );
    }
}

/// A job needs its approval, and the ticket the policy asks for, before anything is sent; a
/// dry run needs neither approval nor sends anything.
#[test]
fn a_job_needs_an_approval_and_a_ticket() {
    let t = Tenant::start();
    let users = staff(&t, 2);
    let (p, _) = phone_file(&t, &users, 8000);
    insta::assert_snapshot!(t.run_cmd(t.care().args(["bulk", "phone-set", "--yes", "--file"]).arg(&p)), @r#"
    ------- stderr -------
    error: a bulk run needs an approval: --approved-by NAME and --reason TEXT (there is no caller to verify); nothing was changed
    hint: e.g. --approved-by "Dana Ortiz (Care Center lead)" --reason "Cedar Grove changes carrier"; a dry run (--dry-run) needs none
    [exit status: 2]
    "#);
    policy(&t, "ticket-required = true\nchanges-per-hour = 1000");
    let run = t.run_cmd(
        t.care()
            .args(["bulk", "phone-set", "--yes", "--file"])
            .arg(&p)
            .args(APPROVED),
    );
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("a ticket is required"), "{run}");
    t.run_cmd(
        t.care()
            .args(["bulk", "phone-set", "--dry-run", "--file"])
            .arg(&p),
    )
    .success();
    assert_eq!(total_writes(&t.stats()), 0);
    let run = t.run_cmd(
        t.care()
            .args([
                "bulk",
                "phone-set",
                "--yes",
                "--ticket",
                "INC0012345",
                "--file",
            ])
            .arg(&p)
            .args(APPROVED),
    );
    assert_eq!(run.code, 0, "{run}");
    let rows: Vec<Value> = audit(&t)
        .into_iter()
        .filter(|r| r["action"] == "phone.set")
        .collect();
    // each row: its intent, then its outcome, under the job with its ticket
    assert_eq!(rows.len(), 4, "{rows:#?}");
    assert!(rows.iter().all(|r| {
        r["ticket"] == "INC0012345"
            && r["job"]
                .as_str()
                .is_some_and(|j| j.starts_with("phone-set-"))
    }));
    assert_eq!(rows.iter().filter(|r| r["result"] == "intent").count(), 2);
}

/// A report or a codes file is never written over, the two are never one file, and both are
/// readable only by their owner.
#[test]
fn outputs_are_new_files_of_their_owner() {
    let t = Tenant::start();
    let users = staff(&t, 1);
    let file = write_csv(&t, "one.csv", &format!("user\n{}\n", users[0]));
    let taken = write_csv(&t, "taken.csv", "keep me\n");
    let job = |report: &std::path::Path, codes: &std::path::Path| {
        t.run_cmd(
            t.care()
                .args(["bulk", "passcode-issue", "--yes", "--file"])
                .arg(&file)
                .arg("--report")
                .arg(report)
                .arg("--codes-out")
                .arg(codes)
                .args(APPROVED),
        )
    };
    let run = job(&taken, &t.dir.path().join("codes.csv"));
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("never overwrites a report"), "{run}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "keep me\n");
    let same = t.dir.path().join("same.csv");
    let run = job(&same, &same);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("the same file"), "{run}");
    assert_eq!(total_writes(&t.stats()), 0);
    let (report, codes) = (t.dir.path().join("r.csv"), t.dir.path().join("c.csv"));
    job(&report, &codes).success();
    #[cfg(unix)]
    for f in [&report, &codes] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", f.display());
    }
}

/// A job under 503s and 429s that ask for a whole second, and answers lost after the write:
/// every row ends once, and nothing is sent again before its Retry-After.
#[test]
fn a_job_waits_out_every_retry_after() {
    let t = Tenant::with(|o| {
        o.faults = Some(
            "503=0.2,429=0.1,drop-after=0.1,retry-after=1"
                .parse()
                .unwrap(),
        );
        o.fault_seed = 5;
    });
    let users = staff(&t, 20);
    let (p, want) = phone_file(&t, &users, 9000);
    let report = t.dir.path().join("report.json");
    let run = t.run_cmd(
        t.care()
            .args(["bulk", "phone-set", "--yes", "--concurrency", "4", "--file"])
            .arg(&p)
            .arg("--report")
            .arg(&report)
            .args(APPROVED),
    );
    assert!(matches!(run.code, 0 | 3), "{run}");
    let stats = t.stats();
    assert_eq!(
        stats["earlyRetries"], 0,
        "no retry before its Retry-After: {stats}"
    );
    assert!(injected_faults(&stats) > 0, "{stats}");
    let rows: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    for r in rows.as_array().unwrap() {
        let (u, n) = &want[(r["line"].as_u64().unwrap() - 2) as usize];
        let count = writes(&stats, u, &["phone.add", "phone.update"]);
        if r["outcome"] == "changed" {
            assert_eq!(count, 1, "{u} changed exactly once");
            assert_eq!(mobile_of(&t, &t.token(), u).as_deref(), Some(n.as_str()));
        } else {
            assert_eq!(count, 0, "{r}");
        }
    }
}

/// `--codes-out codes.csv`, a bare file name, is a file in the current folder (0600); and the
/// folders care makes for its state are private (0700) at every level it creates.
#[test]
fn a_codes_file_named_without_a_folder_lands_in_the_current_one() {
    let t = Tenant::start();
    let users = staff(&t, 2);
    let p = write_csv(
        &t,
        "passes.csv",
        &format!("user\n{}\n{}\n", users[0], users[1]),
    );
    let here = t.dir.path().join("desk");
    std::fs::create_dir(&here).unwrap();
    t.care()
        .current_dir(&here)
        .args([
            "bulk",
            "passcode-issue",
            "--yes",
            "--codes-out",
            "codes.csv",
        ])
        .args(APPROVED)
        .arg("--file")
        .arg(&p)
        .assert()
        .success();
    let codes = here.join("codes.csv");
    assert_eq!(csv::Reader::from_path(&codes).unwrap().records().count(), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&codes), 0o600);
        assert!(t.dir.path().join("state/care").exists());
        for level in ["state", "state/care", "state/care/jobs"] {
            let dir = t.dir.path().join(level);
            if dir.exists() {
                assert_eq!(mode(&dir), 0o700, "{level}");
            }
        }
    }
}

/// A job's lock is taken before its journal is read: while another process holds it, a
/// `--resume` is refused at once (it never reads the journal another run is writing, so two
/// resumes can't both redo the same rows), even for a job that has finished.
#[test]
fn a_resume_takes_the_jobs_lock_before_it_reads_the_journal() {
    let t = Tenant::start();
    let users = staff(&t, 2);
    let p = write_csv(
        &t,
        "revoke.csv",
        &format!("user\n{}\n{}\n", users[0], users[1]),
    );
    let run = || {
        t.run_cmd(
            t.care()
                .args(["bulk", "session-revoke", "--yes", "--resume"])
                .args(APPROVED)
                .arg("--file")
                .arg(&p),
        )
    };
    run().success();
    let jobs = t.dir.path().join("state/care/jobs");
    let lock = std::fs::read_dir(&jobs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "lock"))
        .unwrap();
    let held = std::fs::OpenOptions::new()
        .append(true)
        .open(&lock)
        .unwrap();
    held.try_lock().unwrap();
    let refused = run();
    assert_eq!(refused.code, 1, "{refused}");
    assert!(
        refused
            .stderr
            .contains("another care process is running this job"),
        "{refused}"
    );
    drop(held);
    let again = run().success();
    assert!(again.stderr.contains("ran to the end already"), "{again}");
}
