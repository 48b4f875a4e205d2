//! A corpus of hostile input: user names and UPNs, phone numbers, names with terminal escapes and
//! bidirectional overrides, config files. Each gets the documented error and exit 2, and not a
//! single request reaches the sandbox; nothing from the input reaches the terminal raw.

use crate::common::*;
use care::sandbox::demo;
use serde_json::json;

/// Runs care, expecting exit 2 and no request at all; the stderr.
fn refused(t: &Tenant, args: &[&str]) -> String {
    t.reset_stats();
    let out = t.care().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(
        t.stats()["requests"],
        json!({}),
        "{args:?} sent requests: {}",
        t.stats()
    );
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "{args:?}: raw escapes on the terminal: {stderr:?}"
    );
    stderr
}

const BAD_UPNS: &[&str] = &[
    "x@y@z",
    "user@",
    "@district.example",
    "admin@district.example?x=1",
    "admin@district.example#frag",
    "admin@district.example/../../me",
    "%61dmin@district.example",
    "m\u{430}ria.garcia@district.example", // a Cyrillic а
    "maria garcia@district.example",
    "maria@district..example",
    ".maria@district.example",
    "maria\u{1b}[2J@district.example",
    "maria\u{202e}@district.example",
    "maria\"@district.example",
    "",
    "   ",
];

#[test]
fn upns_that_cannot_exist_are_refused_before_any_request() {
    let t = Tenant::start();
    for upn in BAD_UPNS {
        for args in [
            vec!["user", "show", upn],
            vec![
                "passcode",
                "issue",
                upn,
                "--yes",
                "--verified-by",
                "callback",
            ],
            vec!["phone", "list", upn],
            vec!["session", "revoke", upn, "--yes"],
        ] {
            refused(&t, &args);
        }
    }
}

const BAD_PHONES: &[(&str, &str)] = &[
    ("859-555-O142", "letter"),
    ("1-800-FLOWERS", "letter"),
    ("", "number"),
    ("502-555-0142 x12", "extension"),
    ("\u{202e}502-555-0142", "U+202E"),
    ("502\n555\n0142", "U+000A"),
    ("502\u{200b}555-0142", "U+200B"),
    ("555", ""),
    ("+999 1234567", ""),
];

#[test]
fn phone_numbers_an_mfa_phone_cannot_be_are_refused() {
    let t = Tenant::start();
    for (number, why) in BAD_PHONES {
        let stderr = refused(
            &t,
            &[
                "phone",
                "set",
                demo::LEFT_PHONE_AT_HOME,
                number,
                "--type",
                "mobile",
                "--yes",
                "--verified-by",
                "callback",
            ],
        );
        assert!(stderr.contains(why), "{number:?}: {stderr}");
    }
    // the Care Center's own line is the district's policy, checked against the caller's card
    // (reads), and nothing is written
    t.reset_stats();
    let out = t
        .care()
        .args(["phone", "set", demo::LEFT_PHONE_AT_HOME, "502-485-3552"])
        .args(["--type", "alternate", "--yes", "--verified-by", "callback"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("shared line"));
    assert_eq!(t.stats()["writes"], json!({}), "{}", t.stats());
}

#[test]
fn names_with_escapes_never_reach_the_terminal_raw() {
    let t = Tenant::start();
    for name in [
        "Eve\u{1b}]0;pwned\u{7}",
        "\u{1b}[31mRed",
        "Zo\u{202e}ë",
        "Mallory\u{9b}2J",
    ] {
        let out = t.care().args(["user", "search", name]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        for text in [&stderr, &stdout] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\u{9b}'),
                "{name:?}: {text:?}"
            );
        }
    }
    // the seeded name with escapes and a bidi override, on a terminal
    let out = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .args(["user", "show", demo::HOSTILE_NAME])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown:?}"
    );
}

/// A line break in a directory field (a job title, a school) never draws a line of care's own:
/// no fake `hint:` under an error, no fake row under a table, no fake line on the card.
#[test]
fn line_breaks_from_the_directory_stay_inside_their_field() {
    let t = Tenant::start();
    // a forged line starts at the left edge (care's own wrapping indents what it continues)
    let forged = |text: &str| {
        text.lines().any(|l| {
            l.starts_with("hint: the caller")
                || l.starts_with("│ Eve Admin")
                || l.starts_with("Central Office")
        })
    };
    for args in [
        vec!["user", "search", "mallory"],
        vec!["user", "show", demo::HOSTILE_NAME],
        vec!["user", "show", "it support"],
        vec!["report", "sms-only", "--school", "nowhere at all"],
    ] {
        for columns in ["80", "120"] {
            let out = t
                .care()
                .env("CARE_FORCE_TTY", "1")
                .env("COLUMNS", columns)
                .arg("--no-input")
                .args(&args)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !forged(&stdout) && !forged(&stderr),
                "{args:?} at {columns}:\n{stdout}\n{stderr}"
            );
        }
    }
}

#[test]
fn config_files_that_are_wrong_are_refused_without_echoing_them() {
    let t = Tenant::start();
    let path = t.dir.path().join("config/care/config.toml");
    for (text, says) in [
        ("tenant = \"district\nclient-id = 1", "line"),
        ("colour = \"blue\"", "colour"),
        ("client-secret = \"s3cr3t-canary\"", "secret"),
        ("[policy]\nchanges-per-hour = -5", "changes-per-hour"),
        ("[policy]\nticket-pattern = \"(\"", "ticket-pattern"),
        ("token-store = \"\u{1b}[2Jcloud\"", "token-store"),
        ("graph-url = \"http://evil.example\"", "graph-url"),
        ("\u{0}\u{0}\u{0}", ""),
    ] {
        std::fs::write(&path, text).unwrap();
        let stderr = refused(&t, &["user", "show", demo::LEFT_PHONE_AT_HOME]);
        assert!(stderr.contains(says), "{text:?}: {stderr}");
        assert!(!stderr.contains("s3cr3t-canary"), "{stderr}");
    }
}
