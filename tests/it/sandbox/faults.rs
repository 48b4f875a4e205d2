//! Throttling, write limits and injected faults.

use crate::common::*;
use care::sandbox::demo;
use serde_json::json;
use std::time::{Duration, Instant};

// ---- throttling and faults -------------------------------------------------------------------

#[test]
fn throttling_answers_429_with_retry_after_and_counts_early_retries() {
    let t = Tenant::with(|o| o.read_limit = Some("2/1".parse().unwrap()));
    let tok = t.token();
    let path = "/v1.0/users/maria.garcia@district.example";
    assert_eq!(t.get(&tok, path).status, 200);
    assert_eq!(t.get(&tok, path).status, 200);
    let r = t.get(&tok, path);
    assert_eq!(r.status, 429);
    assert_eq!(r.code(), "TooManyRequests");
    assert_eq!(r.body["error"]["innerError"]["code"], "429");
    let ra: f64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(ra > 0.0 && ra <= 0.5, "{ra}");
    assert!(
        r.header("x-ms-throttle-scope")
            .unwrap()
            .starts_with("Tenant_Application/")
    );
    assert_eq!(
        r.header("x-ms-throttle-information"),
        Some("ResourceUnitLimitExceeded")
    );
    // an immediate retry is early; one after Retry-After is not
    assert_eq!(t.get(&tok, path).status, 429);
    std::thread::sleep(Duration::from_secs_f64(0.6));
    assert_eq!(t.get(&tok, path).status, 200);
    let stats = t.stats();
    assert_eq!(stats["earlyRetries"], 1, "{stats}");
    assert_eq!(stats["throttled"], 2);
    // a batch's inner requests count against the limit
    std::thread::sleep(Duration::from_secs(1));
    let r = t.call("POST", "/v1.0/$batch", Some(&tok), Some(json!({"requests": (0..4).map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/users?$top=1"})).collect::<Vec<_>>()})), &[]);
    let statuses: Vec<u64> = r.body["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["status"].as_u64().unwrap())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        2,
        "{statuses:?}"
    );
    assert!(
        r.body["responses"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["status"] == 429)
            .all(|x| x["headers"]["retry-after"].is_string())
    );
}

#[test]
fn write_limits_are_separate_from_reads() {
    let t = Tenant::with(|o| o.write_limit = Some("1/60".parse().unwrap()));
    let tok = t.token();
    let phone = format!(
        "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
        demo::LOST_PHONE
    );
    assert_eq!(
        t.call(
            "PATCH",
            &phone,
            Some(&tok),
            Some(json!({"phoneNumber": "+1 5025550166"})),
            &[]
        )
        .status,
        204
    );
    let r = t.call(
        "PATCH",
        &phone,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550167"})),
        &[],
    );
    assert_eq!(r.status, 429);
    assert_eq!(
        r.header("x-ms-throttle-information"),
        Some("WriteLimitExceeded")
    );
    assert_eq!(
        t.get(&tok, &phone).body["phoneNumber"],
        "+1 5025550166",
        "reads still flow; the throttled write changed nothing"
    );
}

#[test]
fn injected_statuses_and_latency() {
    let t = Tenant::with(|o| {
        o.faults = Some(
            "503=1,retry-after=250ms,latency=30ms..30ms"
                .parse()
                .unwrap(),
        )
    });
    let tok = t.token();
    let started = Instant::now();
    let r = t.get(&tok, "/v1.0/users/maria.garcia@district.example");
    assert!(started.elapsed() >= Duration::from_millis(30));
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("0.25"));
    assert!(r.header("request-id").is_some());
    // the admin endpoints are never faulted
    let stats = t.stats();
    assert_eq!(stats["faults"]["503"], 1);
    let t = Tenant::with(|o| o.faults = Some("500=1".parse().unwrap()));
    let tok = t.token();
    let r = t.get(&tok, "/v1.0/users");
    assert_eq!(r.status, 500);
    assert_eq!(r.code(), "generalException");
}

#[test]
fn dropped_connections_before_and_after_a_write() {
    let phone = format!(
        "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
        demo::LOST_PHONE
    );
    // dropped before: nothing is applied and no response comes back
    let t = Tenant::with(|o| o.faults = Some("drop-before=1".parse().unwrap()));
    let tok = t.token();
    let before = t.sandbox.credentials().unwrap().tenant_id;
    assert!(
        t.try_call(
            "PATCH",
            &phone,
            Some(&tok),
            Some(json!({"phoneNumber": "+1 5025550188"})),
            &[]
        )
        .is_err()
    );
    assert_eq!(t.stats()["faults"]["drop-before"], 1);
    drop(t);
    let _ = before;
    // dropped after: applied, but the answer never arrives (the case that makes careless clients write twice)
    let t = Tenant::with(|o| o.faults = Some("drop-after=1".parse().unwrap()));
    let tok = t.token();
    assert!(
        t.try_call(
            "PATCH",
            &phone,
            Some(&tok),
            Some(json!({"phoneNumber": "+1 5025550189"})),
            &[]
        )
        .is_err()
    );
    assert_eq!(
        t.get(&tok, &phone).body["phoneNumber"],
        "+1 5025550189",
        "reads are not dropped; the write was applied"
    );
    assert_eq!(t.stats()["faults"]["drop-after"], 1);
}

#[test]
fn the_fault_seed_makes_runs_repeatable() {
    let run = || {
        let t = Tenant::with(|o| {
            o.faults = Some("429=0.3,500=0.2".parse().unwrap());
            o.fault_seed = 42;
        });
        let tok = t.token();
        (0..30)
            .map(|_| t.get(&tok, "/v1.0/users?$top=1").status)
            .collect::<Vec<_>>()
    };
    let a = run();
    assert_eq!(a, run());
    assert!(
        a.contains(&429) && a.contains(&500) && a.contains(&200),
        "{a:?}"
    );
}
