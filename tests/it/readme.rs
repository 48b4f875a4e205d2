//! The README's walkthrough, run command by command.

use crate::common::*;

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
