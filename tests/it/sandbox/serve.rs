//! `care sandbox`: serve, approve, flags, and the embedded sandbox as the zero-config default.

use crate::common::*;
use care::sandbox::demo;
use predicates::str::contains;
use std::time::Duration;

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
    assert_eq!(
        graph_requests(&t.stats()),
        0,
        "the test tenant was not used"
    );
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
fn absurd_serve_flags_exit_2_with_a_message() {
    for args in [
        &["--read-limit", "1/inf"][..],
        &["--write-limit", "0/10"],
        &["--faults", "latency=1e400s"],
        &["--faults", "latency=99999s"],
        &["--faults", "429=2"],
        &["--idle-timeout", "0"],
        &["--max-connections", "0"],
        &["--users", "999999999999"],
    ] {
        let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("care"))
            .args([
                "sandbox",
                "serve",
                "--db",
                ":memory:",
                "--listen",
                "127.0.0.1:0",
            ])
            .args(args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn serve_prints_variables_a_shell_can_source() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, env) = spawn_serve(&dir.path().join("s.db"));
    for key in [
        "CARE_GRAPH_URL",
        "CARE_LOGIN_URL",
        "CARE_EXCHANGE_URL",
        "CARE_TENANT",
        "CARE_CLIENT_ID",
        "CARE_CLIENT_SECRET",
        "CARE_SANDBOX_ADMIN_TOKEN",
    ] {
        assert!(env.get(key).is_some_and(|v| !v.is_empty()), "{key}");
    }
    let root = &env["CARE_GRAPH_URL"];
    assert!(
        root.starts_with("http://127.0.0.1:") && !root.ends_with(":0"),
        "{root}"
    );
    assert_eq!(env["CARE_EXCHANGE_URL"], format!("{root}/exchange"));
    child.kill().unwrap();
    let _ = child.wait();
    // not on a non-loopback address without --allow-remote
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("care"))
        .args([
            "sandbox",
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--db",
            ":memory:",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-remote"));
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("care"))
        .args([
            "sandbox", "serve", "--faults", "429=lots", "--db", ":memory:",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("429=lots"));
}

#[test]
fn approve_from_the_command_line() {
    let t = Tenant::start();
    let (device, user_code) = t.device_code("https://graph.microsoft.com/.default");
    t.care()
        .args([
            "sandbox",
            "approve",
            &user_code,
            "--as",
            demo::AGENT_AUTH_ADMIN,
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "approved sign-in {user_code} as {}",
            demo::AGENT_AUTH_ADMIN
        )));
    assert_eq!(t.poll(&device).status, 200);
    t.care()
        .args([
            "sandbox",
            "approve",
            "NOSUCHCODE",
            "--as",
            demo::AGENT_AUTH_ADMIN,
        ])
        .assert()
        .code(5)
        .stderr(predicates::str::contains("NOSUCHCODE"));
}

/// What `care sandbox …` parses to, or its usage error (no HTTP).
#[test]
fn parse_sandbox() {
    insta::assert_snapshot!(parse(["sandbox", "serve", "--listen", "127.0.0.1:0", "--db", ":memory:", "--users", "40", "--faults", "429=0.1", "--fault-seed", "3", "--write-limit", "20/2", "--no-premium"]), @"
    Sandbox(
        Serve(
            ServeArgs {
                listen: 127.0.0.1:0,
                allow_remote: false,
                db: DbArgs {
                    db: Some(
                        Memory,
                    ),
                    users: 40,
                    seed: 1,
                },
                faults: Some(
                    FaultSpec {
                        status: [
                            (
                                429,
                                0.1,
                            ),
                        ],
                        drop_before: 0.0,
                        drop_after: 0.0,
                        latency: None,
                        retry_after: 1.0,
                    },
                ),
                fault_seed: 3,
                read_limit: None,
                write_limit: Some(
                    Rate {
                        count: 20,
                        per: 2s,
                    },
                ),
                idle_timeout: 30,
                max_connections: 512,
                no_premium: true,
                p1: false,
                app_certificate: None,
            },
        ),
    )
    ");
    insta::assert_snapshot!(parse(["sandbox", "reset", "--users", "40", "--seed", "2"]), @"
    Sandbox(
        Reset(
            ResetArgs {
                db: DbArgs {
                    db: None,
                    users: 40,
                    seed: 2,
                },
            },
        ),
    )
    ");
    insta::assert_snapshot!(parse(["sandbox", "approve", "ABC123", "--as", "care.auth@district.example", "--decline"]), @r#"
    Sandbox(
        Approve(
            ApproveArgs {
                code: "ABC123",
                user: "care.auth@district.example",
                decline: true,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["sandbox", "approve", "ABC123"]), @"
    [exit 2] error: the following required arguments were not provided:
      --as <UPN>

    Usage: care sandbox approve --as <UPN> <CODE>

    For more information, try '--help'.
    ");
}
