//! The guided call in a real pseudo-terminal, typed and read as an agent would: dialoguer's
//! menus with Enter and the arrow keys, and the `--accessible` prompts with typed numbers.
#![cfg(unix)]

mod common;

use care::sandbox::demo;
use common::{Tenant, enc};
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use std::time::Duration;

fn session(t: &Tenant, args: &[&str]) -> OsSession {
    let mut cmd = t.std_care();
    cmd.args(args)
        .env("TERM", "xterm-256color")
        .env("COLUMNS", "120");
    let mut s = Session::spawn(cmd).unwrap();
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

fn passes(t: &Tenant, upn: &str) -> usize {
    let tok = t.token();
    t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
            enc(upn)
        ),
    )
    .body["value"]
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn left_phone_at_home_on_a_terminal() {
    let t = Tenant::start();
    let mut p = session(&t, &["call", demo::LEFT_PHONE_AT_HOME]);
    p.expect("Maria Garcia").unwrap();
    p.expect("Call back a number already on file").unwrap();
    p.expect("How did you verify").unwrap();
    // the first choice: called back on a number on file
    p.send("\r").unwrap();
    p.expect("What does the caller need").unwrap();
    // the first choice: left their phone at home
    p.send("\r").unwrap();
    p.expect("Issue a one-time Temporary Access Pass").unwrap();
    p.send("y").unwrap();
    p.expect("Spelled:").unwrap();
    p.expect("Read to the caller").unwrap();
    p.expect("What does the caller need").unwrap();
    // the last choice, one step up from the first: end the call
    p.send("\x1b[A").unwrap();
    p.send("\r").unwrap();
    p.expect("Call ended").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 1);
    let log = std::fs::read_to_string(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    assert!(log.contains("\"action\":\"verify\"") && log.contains("\"action\":\"passcode.issue\""));
}

#[test]
fn accessible_prompts_take_typed_numbers() {
    let t = Tenant::start();
    let mut p = session(&t, &["--accessible", "call", demo::LEFT_PHONE_AT_HOME]);
    p.expect("1. called back on a number already on file")
        .unwrap();
    p.expect("Type a number").unwrap();
    p.send_line("9").unwrap();
    p.expect("not one of the numbers").unwrap();
    p.send_line("1").unwrap();
    p.expect("1. The caller left their phone at home").unwrap();
    p.send_line("1").unwrap();
    p.expect("Type yes or no").unwrap();
    p.send_line("yes").unwrap();
    p.expect("Read to the caller").unwrap();
    p.expect("end the call").unwrap();
    p.expect("Type a number").unwrap();
    p.send_line("11").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 1);
}
