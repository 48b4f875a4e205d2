//! The server against hostile clients: errors in Graph's envelope, paging and filters past their
//! limits, slow and idle connections, the clock.

use crate::common::*;
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

/// An app token asked for on a connection of its own, closed after the answer.
fn raw_token(t: &Tenant) -> String {
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", &t.creds.client_id)
        .append_pair("client_secret", t.creds.client_secret.expose())
        .append_pair("scope", "https://graph.microsoft.com/.default")
        .append_pair("grant_type", "client_credentials")
        .finish();
    let mut s = TcpStream::connect(addr(t)).unwrap();
    write!(
        s,
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        t.token_path(),
        form.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let body = &answer[answer.find("\r\n\r\n").unwrap() + 4..];
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

#[test]
fn slow_and_idle_connections_are_closed_and_capped() {
    let t = Tenant::with(|o| {
        o.idle_timeout = Duration::from_secs(1);
        o.max_connections = 2;
    });
    // a token over a connection that is closed after it: no connection of the test's own
    // holds a slot
    let tok = raw_token(&t);
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
fn errors_use_graphs_envelope_with_request_ids() {
    let t = Tenant::start();
    let tok = t.token();
    let r = t.call(
        "GET",
        "/v1.0/users/nobody@district.example",
        Some(&tok),
        None,
        &[("client-request-id", "11111111-2222-3333-4444-555555555555")],
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.code(), "Request_ResourceNotFound");
    assert_eq!(
        r.message(),
        "Resource 'nobody@district.example' does not exist or one of its queried reference-property objects are not present."
    );
    let inner = &r.body["error"]["innerError"];
    let date = inner["date"].as_str().unwrap();
    assert_eq!(date.len(), 19, "yyyy-MM-ddTHH:mm:ss: {date}");
    assert_eq!(inner["request-id"].as_str(), r.header("request-id"));
    assert_eq!(
        inner["client-request-id"],
        "11111111-2222-3333-4444-555555555555"
    );
    assert_eq!(
        r.header("client-request-id"),
        Some("11111111-2222-3333-4444-555555555555")
    );
    // unknown segments and wrong methods are Graph-style 400s too
    let seg = t.get(&tok, "/v1.0/users/maria.garcia@district.example/bogusThing");
    assert_eq!(seg.status, 400);
    assert_eq!(
        seg.message(),
        "Resource not found for the segment 'bogusThing'."
    );
    let del = t.call(
        "DELETE",
        "/v1.0/users/maria.garcia@district.example/authentication/passwordMethods/28c10230-6103-485e-b985-444c60001490",
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(del.status, 405, "{}", del.text);
    assert_eq!(
        del.message(),
        "Specified HTTP method is not allowed for the request target."
    );
}
