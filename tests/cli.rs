//! The command line as an agent meets it: completions (committed and fresh; a recent caller
//! offered on TAB through bash's own completion protocol), the whole CLI reference as a
//! snapshot, help topics, the man page, JSON on a terminal, and the README's walkthrough run
//! command by command against a sandbox.

mod common;

use care::sandbox::demo;
use common::Tenant;
use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `care` with nothing of the machine's environment (no tenant, a throw-away home).
fn bare(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_care"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("COLUMNS", "100");
    cmd
}

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

fn paths(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut p = path.clone();
        p.push(s.get_name().to_string());
        paths(s, p, out);
    }
}

/// Every command's long help in one file: a change to any help text shows as a diff.
#[test]
fn the_cli_reference() {
    let home = tempfile::tempdir().unwrap();
    let mut all = vec![];
    paths(&care::cli::command(), vec![], &mut all);
    let mut text = String::new();
    for p in all {
        let out = bare(home.path()).args(&p).arg("--help").output().unwrap();
        assert!(out.status.success(), "care {} --help", p.join(" "));
        text.push_str(&format!("==== care {}\n", p.join(" ")));
        text.push_str(&String::from_utf8(out.stdout).unwrap());
        text.push('\n');
    }
    insta::assert_snapshot!("cli-reference", text);
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

/// The README's walkthrough, every `$ care …` line in order against a fresh sandbox, as an
/// agent who answers yes to each confirmation (`--yes`). A command whose transcript ends
/// `(exit N)` must exit N; every other one must succeed; and the transcript's lines must be
/// what it printed.
#[test]
fn the_readme_walkthrough_runs() {
    let t = Tenant::start();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme
        .find("## Five-minute walkthrough")
        .expect("the walkthrough section");
    let section = &readme[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
    let lines: Vec<&str> = section[..end].lines().collect();
    let mut ran = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(cmd) = line.strip_prefix("$ care ") else {
            continue;
        };
        let cmd = cmd.split("  #").next().unwrap();
        let words = shlex::split(cmd).unwrap();
        // the transcript up to the next command or the end of the block
        let shown: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("$ ") && !l.starts_with("```"))
            .copied()
            .collect();
        let expected = shown
            .iter()
            .find_map(|l| l.strip_prefix("(exit "))
            .map(|c| c.trim_end_matches(')').parse::<i32>().unwrap());
        let out = t
            .care()
            .env("CARE_FORCE_TTY", "1")
            .env("COLUMNS", "100")
            .args(&words)
            .arg("--yes")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match expected {
            Some(code) => assert_eq!(out.status.code(), Some(code), "`care {cmd}`: {stderr}"),
            None => assert!(out.status.success(), "`care {cmd}` failed: {stderr}"),
        }
        // every line of the transcript is what care printed, but for what changes from run to
        // run (ids and text cut with …, times, the pass code) and the answered prompts
        let printed = format!("{}{stderr}", String::from_utf8_lossy(&out.stdout));
        for l in shown.iter().filter(|l| {
            !(l.is_empty()
                || l.contains('…')
                || l.contains("today")
                || l.starts_with("    ")
                || l.starts_with("Spelled:")
                || l.starts_with("(exit ")
                || l.ends_with("? yes"))
        }) {
            assert!(
                printed.contains(l),
                "`care {cmd}` did not print `{l}`:\n{printed}"
            );
        }
        ran += 1;
    }
    assert!(ran >= 10, "the walkthrough has only {ran} commands");
}
