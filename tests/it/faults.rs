//! The fault matrix of single commands: each change under each fault the sandbox injects (429 with
//! a Retry-After, 500, 503, 504, latency, a connection dropped before and after the write).
//! Whatever happens: nothing is written twice, nothing that landed is reported as failed and
//! nothing that failed as done, and no retry comes before its Retry-After.

use crate::common::*;
use care::sandbox::demo;
use serde_json::Value;

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
    let faults = injected_faults(&stats);
    assert!(faults >= 2, "faults were injected: {stats}");
    assert_eq!(stats["earlyRetries"], 0, "{stats}");
    assert_eq!(
        phone_number(&t, demo::LOST_PHONE, MOBILE).as_deref(),
        Some("+1 5025550142")
    );
}

/// A change: what care is told, on whom, and the sandbox's name for the write it makes.
struct Change {
    args: Vec<&'static str>,
    user: &'static str,
    kind: &'static str,
}

fn changes() -> Vec<Change> {
    let c = |args: &[&'static str], user, kind| Change {
        args: args.to_vec(),
        user,
        kind,
    };
    vec![
        c(
            &["phone", "set", demo::LOST_PHONE, "502-555-0142"],
            demo::LOST_PHONE,
            "phone.update",
        ),
        c(
            &["phone", "set", demo::NO_METHODS, "502-555-0100"],
            demo::NO_METHODS,
            "phone.add",
        ),
        c(
            &["phone", "remove", demo::NO_SIGNAL, "--type", "mobile"],
            demo::NO_SIGNAL,
            "phone.delete",
        ),
        c(
            &["passcode", "issue", demo::LEFT_PHONE_AT_HOME],
            demo::LEFT_PHONE_AT_HOME,
            "tap.create",
        ),
        c(
            &["session", "revoke", demo::PRINCIPAL],
            demo::PRINCIPAL,
            "sessions.revoke",
        ),
        c(
            &["method", "default", demo::DELEGATE, "sms"],
            demo::DELEGATE,
            "preferences.update",
        ),
    ]
}

fn landed(stats: &Value, c: &Change) -> u64 {
    stats["writes"][c.user][c.kind].as_u64().unwrap_or(0)
}

/// Every change under one fault: done once, and told truthfully; most of them done.
fn under(spec: &str, seed: u64) {
    let all = changes();
    // each change against a sandbox of its own with its own fault dice (seed + its place), all
    // at once: the same sequence of faults whatever else runs, in the time of the slowest
    let ends: Vec<(Run, u64, Value)> = std::thread::scope(|s| {
        let runs: Vec<_> = all
            .iter()
            .zip(seed..)
            .map(|(c, seed)| {
                s.spawn(move || {
                    let t = Tenant::with(|o| {
                        o.faults = Some(spec.parse().unwrap());
                        o.fault_seed = seed;
                    });
                    let run = t.run(c.args.iter().chain(&[
                        "--yes",
                        "--verified-by",
                        "in-person",
                        "--evidence",
                        "Dana Ortiz, front office",
                    ]));
                    let stats = t.stats();
                    (run, landed(&stats, c), stats)
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let mut done = 0;
    let mut faults = 0;
    for (c, (run, writes, stats)) in all.iter().zip(&ends) {
        let what = format!("{spec}: care {}", c.args.join(" "));
        let stderr = &run.stderr;
        assert!(*writes <= 1, "{what}: written {writes} times\n{stderr}");
        assert_ne!(run.code, 101, "{what} panicked: {stderr}");
        if run.code == 0 {
            // done means done (a lost answer was read back, not assumed)
            assert_eq!(
                *writes, 1,
                "{what}: reported done, but nothing landed\n{stderr}"
            );
            done += 1;
        } else if *writes == 1 {
            // it landed but care failed: it must not say it did not happen
            assert!(
                stderr.contains("may have")
                    || stderr.contains("may exist")
                    || stderr.contains("check"),
                "{what}: the change landed, and care said it failed without a doubt:\n{stderr}"
            );
        }
        assert_eq!(
            stats["earlyRetries"], 0,
            "{what}: a retry came before its Retry-After: {stats}"
        );
        faults += injected_faults(stats);
    }
    assert!(
        faults > 0 || spec.starts_with("latency"),
        "{spec}: no fault was injected"
    );
    // retried, read back: most changes still end done
    assert!(
        done * 2 > all.len(),
        "{spec}: only {done} of {} done:\n{}",
        all.len(),
        ends.iter()
            .filter(|(run, _, _)| run.code != 0)
            .map(|(run, _, _)| run.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn throttled_with_retry_after() {
    under("429=0.4,retry-after=300ms", 7);
}

#[test]
fn internal_errors() {
    under("500=0.5", 20);
}

#[test]
fn service_unavailable() {
    under("503=0.5,retry-after=200ms", 9);
}

/// A write refused with 503 and a Retry-After longer than care's own pause: the state is read
/// back at once, and the write is sent again only once the Retry-After has passed.
#[test]
fn service_unavailable_for_a_second() {
    under("503=0.5,retry-after=1", 30);
}

#[test]
fn gateway_timeouts() {
    under("504=0.5", 10);
}

#[test]
fn slow_answers() {
    under("latency=50ms..300ms", 11);
}

#[test]
fn connections_dropped_before_the_write() {
    under("drop-before=0.5", 12);
}

#[test]
fn connections_dropped_after_the_write() {
    under("drop-after=0.6", 13);
}
