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

/// TAB in a real bash on a terminal: a recent caller whose UPN has an apostrophe lands on the
/// line quoted for where the agent is typing.
#[test]
fn tab_in_bash_quotes_a_recent_caller_for_the_line() {
    let t = Tenant::start();
    t.care()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_care"))
        .parent()
        .unwrap()
        .to_path_buf();
    let care = t.std_care();
    let mut bash = std::process::Command::new("bash");
    bash.args(["--norc", "--noprofile"]).env_clear();
    for (k, v) in care.get_envs() {
        if let Some(v) = v {
            bash.env(k, v);
        }
    }
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    bash.env("PATH", path)
        .env("TERM", "xterm-256color")
        .env("PS1", "$ ");
    let mut p = Session::spawn(bash).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.send_line("source <(CARE_COMPLETE=bash care) && echo registered")
        .unwrap();
    p.expect("registered").unwrap();
    // each completed line, run as `printf` instead of care: the argument the shell gives is the
    // exact UPN, whether the agent opened a quote or not
    for typed in [
        "care session revoke sea",
        "care session revoke \"sea",
        "care session revoke 'sea",
    ] {
        p.send(typed).unwrap();
        p.send("\t").unwrap();
        std::thread::sleep(Duration::from_millis(800));
        // Ctrl-A: to the start of the line
        p.send("\x01printf '<%s>\\n' ").unwrap();
        p.send("\r").unwrap();
        p.expect("<sean.o'brien@district.example>").unwrap();
    }
    p.send_line("exit").unwrap();
    p.expect(Eof).unwrap();
}

/// A confirmation wider than the terminal is written once, above a short prompt: a wrapped prompt
/// would leave dialoguer's redraw a line short and print the question again.
#[test]
fn a_long_confirmation_is_drawn_once_on_a_narrow_terminal() {
    let t = Tenant::start();
    let mut cmd = t.std_care();
    cmd.args([
        "phone",
        "remove",
        demo::LOST_PHONE,
        "--type",
        "mobile",
        "--verified-by",
        "callback",
    ])
    .env("TERM", "xterm-256color")
    .env("COLUMNS", "60");
    let mut p = Session::spawn(cmd).unwrap();
    p.get_process_mut().set_window_size(60, 24).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    let shown = p.expect("Go ahead?").unwrap();
    let before = String::from_utf8_lossy(shown.before()).into_owned();
    p.send("n").unwrap();
    let rest = p.expect(Eof).unwrap();
    let all = format!("{before}{}", String::from_utf8_lossy(rest.before()));
    assert_eq!(
        all.matches("Remove Sean O'Brien").count(),
        1,
        "the question drawn more than once:\n{all}"
    );
    // nothing was removed
    let tok = t.token();
    let phones = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/phoneMethods",
            enc(demo::LOST_PHONE)
        ),
    );
    assert_eq!(phones.body["value"].as_array().unwrap().len(), 1);
}
