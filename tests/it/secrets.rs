//! The secret-leak sweep: every command, with `--debug`, against a sandbox whose client secret,
//! access token and pass codes are known to the test. A pass code appears on stdout only where
//! a pass was asked for (and in a bulk run's codes file); no secret ever appears on stderr, in
//! any file under the config, state or data folders (the sign-in store aside), or in the
//! arguments care is given.

use crate::common::*;
use care::sandbox::demo;
use serde_json::Value;
use std::io::Read;

// ---- secrets stay secret ---------------------------------------------------------------------

#[test]
fn sign_in_secrets_never_reach_stderr_or_errors() {
    let t = Tenant::start();
    let out = t.login_browser(demo::AGENT_AUTH_ADMIN, &["--debug"]);
    assert_ok(&out);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(session_file(&t)).unwrap()).unwrap();
    let rt = saved["secrets"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    let at = saved["secrets"]["access"]["https://graph.microsoft.com"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut stderr = text(&out.stderr);
    // a refresh with --debug, an error with --debug, a status
    t.advance_clock("2h");
    for args in [
        vec!["--debug", "user", "show", demo::LOST_PHONE],
        vec!["--debug", "user", "show", "nobody@district.example"],
        vec!["--debug", "auth", "status"],
    ] {
        let out = t.care_agent().args(&args).output().unwrap();
        stderr.push_str(&text(&out.stderr));
        assert!(!text(&out.stdout).contains(&rt));
    }
    let new: Value =
        serde_json::from_str(&std::fs::read_to_string(session_file(&t)).unwrap()).unwrap();
    let rt2 = new["secrets"]["refreshToken"].as_str().unwrap().to_string();
    assert_ne!(rt, rt2, "the refresh token rotated");
    for secret in [&rt, &rt2, &at, &t.creds.client_secret.expose().to_string()] {
        assert!(!stderr.contains(secret.as_str()), "a secret reached stderr");
    }
    assert!(
        stderr.contains("identity platform request"),
        "the trace ran: {stderr}"
    );
    // nothing under the config or data dirs holds them
    for dir in ["config", "data"] {
        let mut stack = vec![t.dir.path().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p
                    .extension()
                    .is_none_or(|x| x != "db" && x != "db-wal" && x != "db-shm")
                {
                    let mut s = String::new();
                    let _ = std::fs::File::open(&p).and_then(|mut f| f.read_to_string(&mut s));
                    assert!(!s.contains(&rt2), "{}", p.display());
                }
            }
        }
    }
}

struct Sweep {
    secrets: Vec<(String, String)>,
    codes: Vec<String>,
}

impl Sweep {
    /// Runs `care --debug ARGS` and checks its stderr, and its stdout unless it shows a pass.
    fn run(&mut self, t: &Tenant, token: Option<&str>, args: &[&str], shows_pass: bool) {
        let mut cmd = t.care();
        if let Some(tok) = token {
            cmd.env("CARE_TOKEN", tok).env_remove("CARE_CLIENT_SECRET");
        }
        let out = cmd.arg("--debug").args(args).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.code().is_some_and(|c| c != 101),
            "{args:?} panicked: {stderr}"
        );
        if shows_pass {
            assert!(out.status.success(), "{args:?}: {stderr}");
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            // a pass's code, a QR code's PIN, or a new security key's PIN
            let code = v["temporaryAccessPass"]
                .as_str()
                .or(v["pin"].as_str())
                .or(v["keyPin"].as_str())
                .unwrap()
                .to_string();
            assert!(code.len() >= 8);
            self.codes.push(code);
        }
        for (what, secret) in self.all() {
            assert!(!stderr.contains(&secret), "{what} on stderr of {args:?}");
            if !shows_pass || what != "a pass code" {
                assert!(!stdout.contains(&secret), "{what} on stdout of {args:?}");
            }
        }
        for a in args {
            for (what, secret) in self.all() {
                assert!(!a.contains(&secret), "{what} in argv {args:?}");
            }
        }
    }

    fn all(&self) -> Vec<(&'static str, String)> {
        let mut all: Vec<(&'static str, String)> = self
            .secrets
            .iter()
            .map(|(w, s)| {
                (
                    if w == "secret" {
                        "the client secret"
                    } else {
                        "a token"
                    },
                    s.clone(),
                )
            })
            .collect();
        all.extend(self.codes.iter().map(|c| ("a pass code", c.clone())));
        all
    }
}

fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn no_secret_leaves_its_place() {
    let t = Tenant::start();
    let token = t.token();
    let mut sweep = Sweep {
        secrets: vec![
            ("secret".into(), t.creds.client_secret.expose().to_string()),
            ("token".into(), token.clone()),
        ],
        codes: vec![],
    };
    let maria = demo::LEFT_PHONE_AT_HOME;
    let sean = demo::LOST_PHONE;
    let kevin = demo::NO_SIGNAL;
    let change = [
        "--yes",
        "--verified-by",
        "callback",
        "--ticket",
        "INC0012345",
    ];
    let with = |args: &[&'static str]| -> Vec<&'static str> {
        args.iter().copied().chain(change).collect()
    };
    // reads, as the app (client credentials) and with a bearer token
    for tok in [None, Some(token.as_str())] {
        for args in [
            vec!["user", "show", maria],
            vec!["user", "search", "garcia"],
            vec!["phone", "list", sean],
            vec!["method", "list", kevin],
            vec!["passcode", "show", maria],
            vec!["delegate", "check", demo::PRINCIPAL, demo::DELEGATE],
            vec!["delegate", "list", demo::PRINCIPAL],
            vec!["signin", "list", maria, "--since", "7d"],
            vec!["report", "sms-only"],
            vec!["api", "GET", "/v1.0/users?$top=2"],
            vec!["user", "show", "nobody@district.example"],
            vec!["config", "show"],
            vec!["auth", "status"],
            vec!["faq", "left-phone"],
        ] {
            sweep.run(&t, tok, &args, false);
        }
    }
    // passes: the code on stdout where it was asked for, nowhere else
    for who in [maria, sean] {
        sweep.run(
            &t,
            None,
            &with(&["-o", "json", "passcode", "issue", who]),
            true,
        );
        sweep.run(&t, None, &["passcode", "show", who], false);
    }
    // a QR code's PIN, made and reset: on stdout where it was asked for, nowhere else
    sweep.run(&t, None, &with(&["-o", "json", "qr", "issue", kevin]), true);
    sweep.run(
        &t,
        None,
        &with(&["-o", "json", "qr", "pin-reset", kevin]),
        true,
    );
    sweep.run(&t, None, &["qr", "show", kevin], false);
    // a passkey made at the desk: the new key's PIN on stdout where it was asked for
    sweep.run(
        &t,
        None,
        &with(&["-o", "json", "passkey", "provision", kevin, "--software"]),
        true,
    );
    sweep.run(&t, None, &["passkey", "list", kevin], false);
    // changes
    for args in [
        with(&["phone", "set", sean, "502-555-0142"]),
        with(&["phone", "set", sean, "502-555-0143", "--type", "alternate"]),
        with(&["phone", "remove", sean, "--type", "alternate"]),
        with(&["phone", "sms-signin", sean, "off"]),
        with(&["method", "default", kevin, "oath"]),
        with(&["method", "remove", kevin, "oath"]),
        with(&["session", "revoke", kevin]),
        with(&["passcode", "revoke", sean]),
        with(&[
            "api",
            "PATCH",
            "/v1.0/users/gary.lowe@district.example",
            "--body",
            "{\"jobTitle\":\"Driver\"}",
        ]),
    ] {
        sweep.run(&t, None, &args, false);
    }
    sweep.run(&t, None, &["audit", "list", "-o", "json"], false);
    sweep.run(&t, None, &["audit", "verify"], false);
    // a bulk run: its codes go to the codes file and nowhere else
    let dir = t.dir.path();
    let input = dir.join("new-hires.csv");
    std::fs::write(&input, format!("user\n{kevin}\n{}\n", demo::PRINCIPAL)).unwrap();
    // each bulk run's codes (a column of its codes file) go there and nowhere else
    let bulk =
        |action: &str, extra: &[&str], codes_file: &std::path::Path, column: &str, rows: usize| {
            let out = t
                .care()
                .arg("--debug")
                .args(["bulk", action, "--yes", "--file"])
                .arg(&input)
                .arg("--codes-out")
                .arg(codes_file)
                .args(extra)
                .args(APPROVED)
                .output()
                .unwrap();
            let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
            assert!(out.status.success(), "{stderr}");
            let mut codes = csv::Reader::from_path(codes_file).unwrap();
            let col = codes
                .headers()
                .unwrap()
                .iter()
                .position(|h| h == column)
                .unwrap();
            let codes: Vec<String> = codes
                .records()
                .map(|r| r.unwrap()[col].to_string())
                .collect();
            assert_eq!(codes.len(), rows);
            for c in &codes {
                assert!(!stderr.contains(c.as_str()) && !stdout.contains(c.as_str()));
            }
            codes
        };
    sweep.codes.extend(bulk(
        "passcode-issue",
        &[],
        &dir.join("codes.csv"),
        "temporaryAccessPass",
        2,
    ));
    // a box of keys (the software key): their PINs (Kevin has his passkey from above)
    sweep.codes.extend(bulk(
        "passkey-provision",
        &["--software"],
        &dir.join("key-pins.csv"),
        "keyPin",
        1,
    ));
    sweep.run(&t, None, &["bulk", "status"], false);

    // files: config, state and data folders (the codes file is where codes belong; the
    // sign-in store is where a saved sign-in belongs, and this app saved none)
    let mut files = vec![];
    for sub in ["config", "state", "data"] {
        files_under(&dir.join(sub), &mut files);
    }
    assert!(!files.is_empty());
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for (what, secret) in sweep.all() {
            assert!(!text.contains(&secret), "{what} in {}", f.display());
        }
    }
}
