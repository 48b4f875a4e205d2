//! `care faq`: the district's FAQ, ready to read.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;

// ---- the FAQ and the guided call ---------------------------------------------------------------

#[test]
fn faq_answers_are_ready_to_read() {
    let t = Tenant::start();
    t.care()
        .args(["faq"])
        .assert()
        .success()
        .stdout(contains("left-phone").and(contains("no-signal")));
    t.care()
        .args(["faq", "signal"])
        .assert()
        .success()
        .stdout(contains("works even when your phone has no signal"));
    t.care().args(["faq", "weather"]).assert().code(2);
    t.care()
        .args(["call", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .code(2)
        .stderr(contains("terminal"));
}

/// What `care faq …` parses to, or its usage error (no HTTP).
#[test]
fn parse_faq() {
    insta::assert_snapshot!(parse(["faq", "left-phone"]), @r#"
    Faq(
        FaqArgs {
            topic: Some(
                "left-phone",
            ),
        },
    )
    "#);
    insta::assert_snapshot!(parse(["faq"]), @"
    Faq(
        FaqArgs {
            topic: None,
        },
    )
    ");
}
