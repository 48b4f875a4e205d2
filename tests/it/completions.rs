//! Shell completions: the committed scripts are fresh, and TAB offers recent callers (bash's own
//! protocol, and real bash, zsh and fish in a pseudo-terminal).

use crate::common::*;
use care::sandbox::demo;
#[cfg(unix)]
use expectrl::{Eof, Expect, Session};
use std::process::Command;
#[cfg(unix)]
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
    // a UPN with an apostrophe is quoted by care for where the agent is typing (the
    // registration hands care the word as it stands on the line; typed on a terminal below)
    t.care()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    assert_eq!(
        tab(&t, &["care", "session", "revoke", "sean"]),
        [demo::LOST_PHONE.replace('\'', "\\'")]
    );
    let registration = t.std_care().env("CARE_COMPLETE", "bash").output().unwrap();
    assert!(String::from_utf8_lossy(&registration.stdout).contains("CARE_COMPLETE_WORD="));
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
    // one list for this profile at this Graph (a served sandbox is not the real tenant)
    let port = t.root.rsplit(':').next().unwrap();
    let file = t.dir.path().join(format!(
        "state/care/recent-callers-default-127_0_0_1_{port}"
    ));
    let list = std::fs::read_to_string(&file).unwrap();
    assert_eq!(list.lines().count(), 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// A shell on a pseudo-terminal with care's registration sourced, or `None` (said) when this
/// machine lacks the shell, which CI may not (.ci/run installs bash, zsh and fish).
#[cfg(unix)]
fn shell_on_a_terminal(t: &Tenant, shell: &str) -> Option<expectrl::session::OsSession> {
    let found = Command::new(shell).arg("-c").arg("exit 0").output();
    if !found.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install {shell} (.ci/run does)"
        );
        eprintln!("skipped: {shell} is missing (apt-get install {shell})");
        return None;
    }
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_care"))
        .parent()
        .unwrap()
        .to_path_buf();
    let mut cmd = Command::new(shell);
    match shell {
        "bash" => cmd.args(["--norc", "--noprofile"]),
        "zsh" => cmd.arg("-f"),
        _ => cmd.arg("--no-config"),
    };
    cmd.env_clear();
    for (k, v) in t.std_care().get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.env("PATH", path)
        .env("TERM", "xterm-256color")
        .env("PS1", "$ ");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    // each completed line is run as `args` instead of care: one `<argument>` a line
    let setup = match shell {
        "bash" => "source <(CARE_COMPLETE=bash care); args() { printf '<%s>\\n' \"$@\"; }",
        "zsh" => {
            "PS1='$ '; autoload -U compinit && compinit -u && source <(CARE_COMPLETE=zsh care); args() { printf '<%s>\\n' \"$@\"; }"
        }
        _ => {
            "function fish_prompt; echo -n '$ '; end; CARE_COMPLETE=fish care | source; function args; printf '<%s>\\n' $argv; end"
        }
    };
    // the quotes keep the line as typed from matching what it prints
    p.send_line(format!("{setup}; echo registered-\"2\""))
        .unwrap();
    p.expect("registered-2").unwrap();
    Some(p)
}

#[cfg(unix)]
/// TAB in a real bash, zsh and fish on a terminal, with callers whose names a hostile or
/// imported directory could hold: what Entra forbids in a UPN (`$`, `{`, backquotes, spaces) is
/// never offered, and a UPN with every character Entra allows that a shell treats specially
/// (`' ! # ^ ~`) lands on the line as one argument, exactly, whether the agent opened a quote
/// or not.
#[test]
fn tab_puts_a_caller_on_the_line_as_one_exact_argument_in_every_shell() {
    let t = Tenant::start();
    t.care()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    let list = std::fs::read_dir(t.dir.path().join("state/care"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("recent-callers-"))
        .unwrap();
    let odd = "~tim.o'b!r#i^en@district.example";
    let mut text = std::fs::read_to_string(&list).unwrap();
    for hostile in [
        "timo${IFS}--yes${IFS}--verified-by${IFS}callback${IFS}maria.garcia@district.example",
        "timo$(touch${IFS}pwned)@district.example",
        "timo`touch pwned`@district.example",
        odd,
    ] {
        text = format!("{hostile}\tTimo Evil\n{text}");
    }
    std::fs::write(&list, text).unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let Some(mut p) = shell_on_a_terminal(&t, shell) else {
            continue;
        };
        for (typed, upn) in [
            ("care session revoke sea", demo::LOST_PHONE),
            ("care session revoke \"sea", demo::LOST_PHONE),
            ("care session revoke 'sea", demo::LOST_PHONE),
            // by a word of the name: every caller named Timo, of whom only one can be offered
            // (zsh and fish keep only candidates that start with what is typed)
            ("care passcode issue timo", odd),
            ("care passcode issue \\~ti", odd),
            ("care passcode issue '~ti", odd),
            ("care passcode issue \"~ti", odd),
        ] {
            if shell != "bash" && typed.ends_with("timo") {
                continue;
            }
            p.send(typed).unwrap();
            p.send("\t").unwrap();
            // zsh and fish take a moment to draw a completion; bash reads the keys in order
            std::thread::sleep(Duration::from_millis(if shell == "bash" {
                0
            } else {
                1500
            }));
            // Ctrl-A: to the start of the line
            p.send("\x01args ").unwrap();
            p.send("\r").unwrap();
            p.expect(format!("<{upn}>\r\n").as_str())
                .unwrap_or_else(|e| panic!("{shell}: {typed}: {e}"));
            // and nothing after it: the next thing is the prompt, not another argument
            let rest = p.expect("$ ").unwrap();
            let rest = String::from_utf8_lossy(rest.before()).into_owned();
            assert!(!rest.contains('<'), "{shell}: {typed}: {rest:?}");
        }
        p.send_line("exit").unwrap();
        p.expect(Eof).unwrap();
        assert!(!t.dir.path().join("pwned").exists());
    }
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
