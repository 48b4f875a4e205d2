//! Hostile input and broken peers: the sandbox survives what an attacker sends (a skiptoken
//! near the end of memory, a filter nested thousands deep, clients that never finish their
//! headers or never leave, a clock pushed to the end of time, absurd flags), and stays up for
//! the next request.

mod common;

use care::sandbox::{DbLocation, SandboxOptions};
use common::{Tenant, enc};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn addr(t: &Tenant) -> String {
    t.root.trim_start_matches("http://").to_string()
}

/// The sandbox still answers: the process did not die with the last request.
fn alive(t: &Tenant, tok: &str) {
    let r = t.get(tok, "/v1.0/users?$top=1");
    assert_eq!(r.status, 200, "{}", r.text);
}

#[test]
fn a_skiptoken_past_any_page_is_a_400() {
    let t = Tenant::start();
    let tok = t.token();
    for token in ["ffffffffa5e83f2b", "ffffffffffffffff", "5a17c0de00000000"] {
        let r = t.get(&tok, &format!("/v1.0/users?$skiptoken={token}"));
        assert_eq!(r.status, 400, "{token}: {}", r.text);
        assert_eq!(r.code(), "Request_BadRequest");
    }
    // a valid token past the end is an empty page
    let r = t.get(&tok, "/v1.0/users?$top=999&$skiptoken=5a17c0df");
    assert_eq!(r.status, 200, "{}", r.text);
    alive(&t, &tok);
}

#[test]
fn filters_and_searches_nested_too_deep_are_a_400() {
    let t = Tenant::start();
    let tok = t.token();
    let deep = format!("{}displayName eq 'a'{}", "(".repeat(2000), ")".repeat(2000));
    let r = t.get(&tok, &format!("/v1.0/users?$filter={}", enc(&deep)));
    assert_eq!(r.status, 400, "{}", r.code());
    assert!(r.message().contains("too complex"), "{}", r.message());
    let long = vec!["startswith(displayName,'a')"; 300].join(" or ");
    let r = t.get(&tok, &format!("/v1.0/users?$filter={}", enc(&long)));
    assert_eq!(r.status, 400, "{}", r.code());
    let search = format!("{}\"displayName:a\"{}", "(".repeat(2000), ")".repeat(2000));
    let r = t.call(
        "GET",
        &format!("/v1.0/users?$search={}", enc(&search)),
        Some(&tok),
        None,
        &[("ConsistencyLevel", "eventual")],
    );
    assert_eq!(r.status, 400, "{}", r.code());
    alive(&t, &tok);
}

/// Reads until the server closes the connection; how long that took.
fn closed_within(mut s: TcpStream, limit: Duration) -> Duration {
    let start = Instant::now();
    s.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return start.elapsed(),
            Ok(_) => {}
            Err(e) => panic!("still open after {:?}: {e}", start.elapsed()),
        }
    }
}

/// A whole request on a connection of its own; the status line of the answer.
fn raw_get(t: &Tenant, tok: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr(t)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer.lines().next().unwrap_or_default().to_string()
}

#[test]
fn slow_and_idle_connections_are_closed_and_capped() {
    let t = Tenant::with(|o| {
        o.idle_timeout = Duration::from_secs(1);
        o.max_connections = 2;
    });
    let tok = t.token();
    // the test client's kept-alive connection is closed for idling
    std::thread::sleep(Duration::from_millis(1500));
    // headers that never finish (slowloris), and a connection that says nothing
    let mut slow = TcpStream::connect(addr(&t)).unwrap();
    slow.write_all(b"GET /v1.0/users HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let idle = TcpStream::connect(addr(&t)).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    // both slots are taken: a third client waits, and is served once they are closed
    let started = Instant::now();
    assert_eq!(raw_get(&t, &tok, "/v1.0/users?$top=1"), "HTTP/1.1 200 OK");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(500) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    assert!(closed_within(slow, Duration::from_secs(5)) < Duration::from_secs(5));
    assert!(closed_within(idle, Duration::from_secs(5)) < Duration::from_secs(5));
}

#[test]
fn the_clock_cannot_be_pushed_past_the_end_of_time() {
    let t = Tenant::start();
    for body in [
        json!({"seconds": i64::MAX}),
        json!({"seconds": 9_000_000_000_000_000_000u64 as f64}),
        json!({"advance": "1000000h"}),
    ] {
        let r = t.admin("POST", "/_sandbox/clock", Some(body.clone()));
        assert_eq!(r.status, 400, "{body}: {}", r.text);
    }
    // up to the limit it moves, and every later request still works
    let r = t.admin(
        "POST",
        "/_sandbox/clock",
        Some(json!({"advance": "800000h"})),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let tok = t.token();
    alive(&t, &tok);
    let r = t.call(
        "POST",
        &format!(
            "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
            enc(care::sandbox::demo::LEFT_PHONE_AT_HOME)
        ),
        Some(&tok),
        Some(json!({"startDateTime": "9999-12-30T21:00:00Z", "lifetimeInMinutes": 60})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", r.text);
    alive(&t, &tok);
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/methods",
            enc(care::sandbox::demo::LEFT_PHONE_AT_HOME)
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
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
fn expired_device_codes_and_tokens_are_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tenant.db");
    let t = Tenant::serve(
        SandboxOptions {
            db: DbLocation::File(db.clone()),
            users: 40,
            ..Default::default()
        },
        tempfile::tempdir().unwrap(),
    );
    let count = |table: &str| -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    for _ in 0..20 {
        t.device_code("User.Read");
        t.token();
    }
    assert!(count("device_codes") >= 20 && count("tokens") >= 20);
    let r = t.admin("POST", "/_sandbox/clock", Some(json!({"advance": "72h"})));
    assert_eq!(r.status, 200, "{}", r.text);
    t.device_code("User.Read");
    t.token();
    assert_eq!(count("device_codes"), 1);
    assert_eq!(count("tokens"), 1);
}

// ---- the client -------------------------------------------------------------------------------

/// `care` with its stdout (or stderr) a pipe that nobody reads: closed before care writes.
fn with_closed(t: &Tenant, args: &[&str], close_stdout: bool) -> std::process::Output {
    use std::process::Stdio;
    let mut cmd = t.std_care();
    cmd.args(args);
    if close_stdout {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    } else {
        cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    }
    let mut child = cmd.spawn().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    if close_stdout {
        drop(child.stdout.take());
    } else {
        // stderr closed too: read nothing, keep nothing
        drop(stderr);
        let status = child.wait().unwrap();
        return std::process::Output {
            status,
            stdout: vec![],
            stderr: vec![],
        };
    }
    let mut err = vec![];
    stderr.read_to_end(&mut err).unwrap();
    let status = child.wait().unwrap();
    std::process::Output {
        status,
        stdout: vec![],
        stderr: err,
    }
}

#[test]
fn closed_pipes_never_panic_and_a_lost_pass_code_is_an_error() {
    let t = Tenant::start();
    // a closed stdout on an ordinary listing is success (the gh rule)
    let out = with_closed(&t, &["user", "search", "lucia"], true);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // a closed stderr while care reports an error (and its candidates) never panics
    let out = with_closed(&t, &["user", "show", "lucia"], false);
    assert!(
        matches!(out.status.code(), Some(2 | 5)),
        "exit {:?}",
        out.status
    );
    // a pass code that cannot be written is a failure the agent hears of
    let out = with_closed(
        &t,
        &[
            "passcode",
            "issue",
            care::sandbox::demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ],
        true,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not be written") && stderr.contains("--replace"),
        "{stderr}"
    );
}

#[test]
fn a_pass_code_in_csv_is_the_exact_code() {
    let t = Tenant::start();
    let out = t
        .care()
        .args([
            "-o",
            "csv",
            "passcode",
            "issue",
            care::sandbox::demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let row = rows.records().next().unwrap().unwrap();
    let code = &row[1];
    assert!(!code.starts_with('\''), "{text}");
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .contains(&format!("\"{code}\""))
    );
    // and it is the code Graph gave: the same one -o json shows for a new pass
    assert_eq!(code.len(), 8, "{code}");
}

#[test]
fn a_start_years_ahead_is_refused_before_any_request() {
    let t = Tenant::start();
    t.reset_stats();
    for start in ["2062-11-28 09:00", "9999-12-30T21:00:00Z"] {
        let out = t
            .care()
            .args([
                "passcode",
                "issue",
                care::sandbox::demo::LEFT_PHONE_AT_HOME,
                "--start",
                start,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
    }
    assert_eq!(t.stats()["requests"], json!({}), "{}", t.stats());
}
