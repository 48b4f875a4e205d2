//! What the terminal gets: JSON on a terminal, closed pipes, and a long confirmation in a pseudo-
//! terminal.

use crate::common::*;
use care::sandbox::demo;
#[cfg(unix)]
use expectrl::{Eof, Expect, Session};
use std::io::Read;
#[cfg(unix)]
use std::time::Duration;

#[test]
fn json_on_a_terminal_escapes_what_would_reorder_it() {
    let t = Tenant::start();
    let shown = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .args(["api", "GET", &format!("/v1.0/users/{}", demo::HOSTILE_NAME)])
        .output()
        .unwrap();
    let piped = t
        .care()
        .args(["api", "GET", &format!("/v1.0/users/{}", demo::HOSTILE_NAME)])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert!(piped.contains('\u{202e}'), "the bytes as stored on a pipe");
    assert!(
        !shown.contains('\u{202e}') && shown.contains("\\u202e"),
        "{shown}"
    );
    let a: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let b: serde_json::Value = serde_json::from_str(&piped).unwrap();
    assert_eq!(a, b);
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

#[cfg(unix)]
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
        "in-person",
        "--evidence",
        "Dana Ortiz, front office",
    ])
    .env("TERM", "xterm-256color")
    .env("COLUMNS", "60");
    let mut p = Session::spawn(cmd).unwrap();
    p.get_process_mut().set_window_size(60, 24).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    let shown = p.expect("Go ahead?").unwrap();
    let before = String::from_utf8_lossy(shown.before()).into_owned();
    p.send("n\r").unwrap();
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
