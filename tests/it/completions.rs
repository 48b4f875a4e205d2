//! Shell completions: the committed scripts are fresh, and TAB offers recent callers (bash's own
//! protocol, and a real bash in a pseudo-terminal).

use crate::common::*;
use care::sandbox::demo;
#[cfg(unix)]
use expectrl::{Eof, Expect, Session};
use std::process::Command;
use std::time::Duration;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "care.bash"),
    ("zsh", "_care"),
    ("fish", "care.fish"),
    ("powershell", "_care.ps1"),
    ("elvish", "care.elv"),
];

#[test]
fn committed_completions_are_fresh() {
    let home = tempfile::tempdir().unwrap();
    for (shell, file) in SHELLS {
        let out = bare(home.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let committed = std::fs::read(repo().join("completions").join(file)).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: regenerate it with `cargo run -- completions {shell} > completions/{file}`"
        );
    }
}

/// bash's own completion protocol: the registration sourced, then the completion function
/// called as bash calls it on TAB.
fn tab(t: &Tenant, words: &[&str]) -> Vec<String> {
    let care_cmd = t.std_care();
    let mut bash = Command::new("bash");
    bash.env_clear();
    for (k, v) in care_cmd.get_envs() {
        if let Some(v) = v {
            bash.env(k, v);
        }
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        r#"source <(CARE_COMPLETE=bash "{bin}")
COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9
_clap_complete_care care {cur} {prev}
printf '%s\n' "${{COMPREPLY[@]}}""#,
        bin = env!("CARGO_BIN_EXE_care"),
        words = quoted.join(" "),
        cword = words.len() - 1,
        cur = quoted.last().unwrap(),
        prev = quoted[quoted.len() - 2],
    );
    let out = bash.arg("-c").arg(script).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn tab_offers_recent_callers_in_bash() {
    let t = Tenant::start();
    // nobody called yet: nothing to offer, and no error
    assert!(tab(&t, &["care", "user", "show", "ma"]).is_empty());
    t.care()
        .args(["user", "show", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .success();
    t.care()
        .args(["phone", "list", demo::NO_SIGNAL])
        .assert()
        .success();
    assert_eq!(
        tab(&t, &["care", "user", "show", "ma"]),
        [demo::LEFT_PHONE_AT_HOME]
    );
    // by a word of the name, for any command that takes a user
    assert_eq!(
        tab(&t, &["care", "passcode", "issue", "pat"]),
        [demo::NO_SIGNAL]
    );
    assert!(tab(&t, &["care", "user", "show", "zz"]).is_empty());
    // a UPN with an apostrophe is offered as it is, and readline quotes it for where the
    // agent is typing (the registration asks it to; tests/pty.rs types it in a real bash)
    t.care()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    assert_eq!(
        tab(&t, &["care", "session", "revoke", "sean"]),
        [demo::LOST_PHONE]
    );
    let registration = t.std_care().env("CARE_COMPLETE", "bash").output().unwrap();
    assert!(String::from_utf8_lossy(&registration.stdout).contains("compopt -o filenames"));
    // commands and help topics complete too
    assert!(tab(&t, &["care", "pass"]).contains(&"passcode".to_string()));
    assert!(tab(&t, &["care", "help", "env"]).contains(&"environment".to_string()));
    // opted in: the tenant's users by prefix too
    t.care()
        .args(["config", "set", "complete-from-tenant", "true"])
        .assert()
        .success();
    let offered = tab(&t, &["care", "user", "show", "dorothy"]);
    assert!(
        offered.contains(&demo::OFFICE_PHONE_ONLY.to_string()),
        "{offered:?}"
    );
    let file = t.dir.path().join("state/care/recent-callers-default");
    let list = std::fs::read_to_string(&file).unwrap();
    assert_eq!(list.lines().count(), 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[cfg(unix)]
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
        // no wait: bash reads the keys in order, and completes (running care) before the next
        // Ctrl-A: to the start of the line
        p.send("\x01printf '<%s>\\n' ").unwrap();
        p.send("\r").unwrap();
        p.expect("<sean.o'brien@district.example>").unwrap();
    }
    p.send_line("exit").unwrap();
    p.expect(Eof).unwrap();
}

/// What `care completions …` parses to, or its usage error (no HTTP).
#[test]
fn parse_completions() {
    insta::assert_snapshot!(parse(["completions", "powershell"]), @"
    Completions(
        CompletionsArgs {
            shell: PowerShell,
        },
    )
    ");
    insta::assert_snapshot!(parse(["completions", "tcsh"]), @"
    [exit 2] error: invalid value 'tcsh' for '<SHELL>'
      [possible values: bash, elvish, fish, powershell, zsh]

      tip: a similar value exists: 'zsh'

    For more information, try '--help'.
    ");
}
