//! Help: the whole CLI reference as a snapshot, help topics and the man page.

use crate::common::*;
use predicates::prelude::*;
use predicates::str::contains;

fn paths(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut p = path.clone();
        p.push(s.get_name().to_string());
        paths(s, p, out);
    }
}

/// `care ARGS --help` as care prints it at 100 columns, rendered in this process from the same
/// clap command the binary parses with.
fn long_help(path: &[String]) -> String {
    let err = care::cli::command()
        .term_width(100)
        .try_get_matches_from(
            std::iter::once("care")
                .chain(path.iter().map(String::as_str))
                .chain(["--help"]),
        )
        .unwrap_err();
    assert_eq!(
        err.kind(),
        clap::error::ErrorKind::DisplayHelp,
        "care {} --help",
        path.join(" ")
    );
    err.render().to_string()
}

/// Every command's long help in one file: a change to any help text shows as a diff.
#[test]
fn the_cli_reference() {
    let mut all = vec![];
    paths(&care::cli::command(), vec![], &mut all);
    let mut text = String::new();
    for p in all {
        text.push_str(&format!("==== care {}\n", p.join(" ")));
        text.push_str(&long_help(&p));
        text.push('\n');
    }
    insta::assert_snapshot!("cli-reference", text);
    // the binary prints the same help as rendered here
    let home = tempfile::tempdir().unwrap();
    for p in [vec![], vec!["passcode".to_string(), "issue".to_string()]] {
        let out = bare(home.path()).args(&p).arg("--help").output().unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8(out.stdout).unwrap(), long_help(&p));
    }
}

#[test]
fn help_topics_and_the_man_page() {
    let home = tempfile::tempdir().unwrap();
    let help = |args: &[&str]| bare(home.path()).args(args).output().unwrap();
    let env = help(&["help", "environment"]);
    assert!(env.status.success());
    let text = String::from_utf8_lossy(&env.stdout);
    assert!(text.contains("CARE_CLIENT_SECRET") && text.contains("--graph-url"));
    let issue = help(&["help", "passcode", "issue"]);
    assert!(String::from_utf8_lossy(&issue.stdout).contains("Examples:"));
    assert_eq!(issue.stdout, help(&["passcode", "issue", "--help"]).stdout);
    let tap = help(&["help", "tap", "issue"]);
    assert_eq!(tap.stdout, issue.stdout);
    let wrong = help(&["help", "passcod"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("environment, exit-codes"));
    let man = help(&["man"]);
    assert!(man.status.success());
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH care 1"),
        "{page}"
    );
    assert!(page.contains("CARE_TICKET"));
    let dir = home.path().join("man1");
    assert!(
        help(&["man", "--dir", dir.to_str().unwrap()])
            .status
            .success()
    );
    assert!(dir.join("care-passcode-issue.1").exists());
}

#[test]
fn help_lists_commands_and_exit_codes() {
    let t = Tenant::start();
    t.care().arg("--help").assert().success().stdout(
        contains("passcode")
            .and(contains("Exit codes:"))
            .and(contains("130  cancelled")),
    );
    t.care()
        .args(["tap", "--help"])
        .assert()
        .success()
        .stdout(contains("issue"));
    t.care().args(["user", "show"]).assert().code(2);
    t.care().args(["frobnicate"]).assert().code(2);
    // a closed stdout pipe is success
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("care"))
        .args(["--help"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
}

/// What `care help …` parses to, or its usage error (no HTTP).
#[test]
fn parse_help() {
    insta::assert_snapshot!(parse(["help", "passcode", "issue"]), @r#"
    Help(
        HelpArgs {
            topic: [
                "passcode",
                "issue",
            ],
        },
    )
    "#);
    insta::assert_snapshot!(parse(["help", "environment"]), @r#"
    Help(
        HelpArgs {
            topic: [
                "environment",
            ],
        },
    )
    "#);
}

/// The global options, each from its flag.
#[test]
fn parse_global_options() {
    insta::assert_snapshot!(parse_global(["--ticket", "INC-1", "--verified-by", "callback", "--override", "shared account", "-o", "json", "--profile", "east", "--no-input", "passcode", "show", "x"]), @r#"
    GlobalArgs {
        output: Some(
            Json,
        ),
        graph_url: None,
        login_url: None,
        tenant: None,
        client_id: None,
        ticket: Some(
            "INC-1",
        ),
        verified_by: Some(
            Callback,
        ),
        evidence: None,
        no_notify: None,
        override_reason: Some(
            "shared account",
        ),
        profile: Some(
            "east",
        ),
        sandbox: false,
        yes: false,
        no_input: true,
        accessible: false,
        verbose: false,
        debug: false,
        config: None,
    }
    "#);
    insta::assert_snapshot!(parse_global(["--graph-url", "https://graph.microsoft.com", "--login-url", "https://login.microsoftonline.com", "--tenant", "district.example", "--client-id", "abc", "--sandbox", "-y", "--accessible", "-v", "--debug", "--config", "c.toml", "user", "show", "x"]), @r#"
    GlobalArgs {
        output: None,
        graph_url: Some(
            "https://graph.microsoft.com",
        ),
        login_url: Some(
            "https://login.microsoftonline.com",
        ),
        tenant: Some(
            "district.example",
        ),
        client_id: Some(
            "abc",
        ),
        ticket: None,
        verified_by: None,
        evidence: None,
        no_notify: None,
        override_reason: None,
        profile: None,
        sandbox: true,
        yes: true,
        no_input: false,
        accessible: true,
        verbose: true,
        debug: true,
        config: Some(
            "c.toml",
        ),
    }
    "#);
}
