//! Finding the caller as a new agent types them, each in one round trip by the sandbox's counters.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn users_are_found_by_upn_id_mail_or_name() {
    let t = Tenant::start();
    let tok = t.token();
    let id = t.id_of(&tok, demo::NO_SIGNAL);
    for input in [id.as_str(), "KEVIN.PATEL@district.example", "Kevin Pat"] {
        t.care()
            .args(["-o", "json", "user", "show", input])
            .assert()
            .success()
            .stdout(contains(demo::NO_SIGNAL));
    }
    // several matches: a script gets exit 2 and the candidates
    t.care()
        .args(["user", "show", "Ma"])
        .assert()
        .code(2)
        .stderr(contains("matches").and(contains("name the caller by UPN")));
    t.care()
        .args(["user", "show", "nobody@district.example"])
        .assert()
        .code(5)
        .stderr(contains("no user matches"));
    t.care()
        .args(["user", "show", "Zzyzx Nobody"])
        .assert()
        .code(5);
    // search
    let out = t
        .care()
        .args(["-o", "json", "user", "search", "garcia"])
        .output()
        .unwrap();
    assert!(
        stdout_json(&out)
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["userPrincipalName"] == demo::LEFT_PHONE_AT_HOME)
    );
}

#[test]
fn hostile_names_and_keys() {
    let t = Tenant::start();
    for upn in [demo::LOST_PHONE, demo::GUEST, demo::DOLLAR] {
        let out = t
            .care()
            .args(["-o", "json", "user", "show", upn])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{upn}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stdout_json(&out)["user"]["userPrincipalName"], upn);
    }
    t.care()
        .args(["phone", "list", demo::DOLLAR])
        .assert()
        .success();
    // a look-alike Cyrillic 'а' is refused before any request
    let before = graph_requests(&t.stats());
    t.care()
        .args(["user", "show", "m\u{430}ria.garcia@district.example"])
        .assert()
        .code(2)
        .stderr(contains("U+0430").and(contains("look-alike")));
    t.care()
        .args(["user", "show", "maria.garcia@district.example/../x"])
        .assert()
        .code(2);
    assert_eq!(graph_requests(&t.stats()), before, "nothing was sent");
    // escapes in a display name never reach the terminal
    let out = t
        .care()
        .env("CARE_FORCE_TTY", "1")
        .args(["user", "show", demo::HOSTILE_NAME])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("Mallory IT Support txt.exe"), "{text}");
}

fn lines(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .map(String::from)
        .collect()
}

fn search(t: &Tenant, words: &str, limit: &str) -> std::process::Output {
    t.care()
        .args(["user", "search", words, "--limit", limit])
        .output()
        .unwrap()
}

#[test]
fn names_without_their_accents_or_apostrophes_are_found() {
    let t = Tenant::start();
    for words in ["Zoe Muller", "zoe müller", "ZOË MULLER"] {
        let out = search(&t, words, "25");
        assert!(out.status.success());
        assert!(
            lines(&out.stdout).iter().any(|l| l.contains(demo::UNICODE)),
            "{words}: {:?}",
            lines(&out.stdout)
        );
    }
    for words in ["obrien", "Sean OBrien", "sean o'brien", "o brien"] {
        let out = search(&t, words, "25");
        assert!(
            lines(&out.stdout)
                .first()
                .is_some_and(|l| l.contains(demo::LOST_PHONE)),
            "{words}: {:?}",
            lines(&out.stdout)
        );
    }
    // one round trip each
    t.reset_stats();
    search(&t, "sean obrien", "25");
    let stats = t.stats();
    assert_eq!(stats["requests"]["POST /v1.0/$batch"], 1, "{stats}");
    // the batch's inner requests are counted too; nothing else was sent
    assert!(
        stats["requests"]
            .as_object()
            .unwrap()
            .keys()
            .all(|k| k == "POST /v1.0/$batch" || k == "GET /v1.0/users"),
        "{stats}"
    );
}

#[test]
fn a_cut_list_says_so_and_counts_are_exact() {
    let t = Tenant::start();
    let all = search(&t, "garcia", "999");
    let n = lines(&all.stdout).len();
    assert!(n > 1, "the seed has several Garcias: {n}");
    let out = search(&t, "garcia", "1");
    assert_eq!(lines(&out.stdout).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("1 of {n} shown")), "{stderr}");
    // nobody is left out without a word: the full list has no notice
    assert!(!String::from_utf8_lossy(&all.stderr).contains("shown"));
}

#[test]
fn a_name_and_the_school_narrow_to_the_caller() {
    let t = Tenant::start();
    let out = search(&t, "garcia cedar", "25");
    let found = lines(&out.stdout);
    assert!(!found.is_empty());
    assert!(found.iter().any(|l| l.contains(demo::LEFT_PHONE_AT_HOME)));
    assert!(found.iter().all(|l| l.contains("Cedar Grove")), "{found:?}");
    // and `user show` takes the same words, quoted or not, as do the other commands whose
    // last argument is the user
    for args in [
        &["-o", "json", "user", "show", "maria garcia cedar"][..],
        &["-o", "json", "user", "show", "maria", "garcia", "cedar"],
        &["-o", "json", "method", "list", "maria", "garcia", "cedar"],
        &["-o", "json", "passcode", "show", "maria", "garcia", "cedar"],
    ] {
        let run = t.run(args);
        assert_eq!(run.code, 0, "{run}");
        if args[3] == "show" && args[2] == "user" {
            assert!(run.stdout.contains(demo::LEFT_PHONE_AT_HOME), "{run}");
        }
    }
    // each word is checked as it is typed: a word that cannot be part of a user is exit 2
    let run = t.run(["user", "show", "maria", "x@y z"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr.contains("can't be a user principal name"),
        "{run}"
    );
}

#[test]
fn an_employee_id_finds_the_one_person() {
    let t = Tenant::start();
    let tok = t.token();
    let maria = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}?$select=employeeId",
            demo::LEFT_PHONE_AT_HOME
        ),
    );
    let id = maria.body["employeeId"].as_str().unwrap().to_string();
    t.care()
        .args(["-o", "json", "user", "show", &id])
        .assert()
        .success()
        .stdout(contains(demo::LEFT_PHONE_AT_HOME));
}

#[test]
fn people_with_the_same_name_are_told_apart() {
    let t = Tenant::start();
    // a name many share: refused in a script, with lines that tell them apart
    let out = t.care().args(["user", "show", "garcia"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("matches"), "{stderr}");
    let hints: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("hint: ") && l.contains('@'))
        .collect();
    assert!(!hints.is_empty());
    for h in &hints {
        // the title, the school and the employee id are there to tell them apart
        assert!(h.matches(" · ").count() >= 2, "{h}");
        assert!(h.contains(" · E"), "{h}");
    }
}

#[test]
fn nobody_matches_is_exit_5_and_words_without_letters_are_exit_2() {
    let t = Tenant::start();
    t.care()
        .args(["user", "show", "zzyzx qqq"])
        .assert()
        .code(5)
        .stderr(contains("no user matches"));
    t.care()
        .args(["user", "search", "--", "-- ,"])
        .assert()
        .code(2);
}

#[test]
fn the_start_of_a_upn_or_mail_as_typed_finds_the_caller() {
    let t = Tenant::start();
    for typed in ["maria.garcia", "Maria.G", "maria.garcia@district.example"] {
        let out = search(&t, typed, "25");
        assert!(out.status.success(), "{typed}");
        assert_eq!(
            lines(&out.stdout).first().map(|l| l
                .split('\t')
                .nth(1)
                .unwrap_or_default()
                .to_string()),
            Some(demo::LEFT_PHONE_AT_HOME.to_string()),
            "{typed}: {:?}",
            lines(&out.stdout)
        );
    }
    // and the card, by the same words
    t.care()
        .args(["user", "show", "maria.garcia", "-o", "json"])
        .assert()
        .success()
        .stdout(contains(demo::LEFT_PHONE_AT_HOME));
}

/// What `care user search …` parses to, or its usage error (no HTTP).
#[test]
fn parse_user_search() {
    insta::assert_snapshot!(parse(["user", "search", "garcia cedar", "--limit", "50"]), @r#"
    User(
        Search(
            SearchArgs {
                text: "garcia cedar",
                limit: 50,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["user", "search", "garcia", "--limit", "many"]), @"
    [exit 2] error: invalid value 'many' for '--limit <N>': invalid digit found in string

    For more information, try '--help'.
    ");
}
