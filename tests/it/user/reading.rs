//! The card read at a glance: numbers and Graph's words in plain words, tables at several widths,
//! ranked warnings.

use crate::common::*;
use care::sandbox::demo;
use serde_json::Value;
use std::collections::HashMap;

/// The text with its line breaks and runs of spaces made single spaces (a terminal's wrapping).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The longest line's width in characters.
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn numbers_and_graphs_words_read_plainly_and_json_keeps_graphs() {
    let t = Tenant::start();
    let Run {
        stdout: json,
        stderr: _,
        code: _,
        ..
    } = t.run_tty(
        "120",
        ["user", "show", demo::OFFICE_PHONE_ONLY, "-o", "json"],
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    // JSON keeps Graph's values; a terminal reads `+1 5024851205x381` as `(502) 485-1205 ext. 381`
    assert_eq!(
        v["registration"]["userPreferredMethodForSecondaryAuthentication"],
        "voiceOffice"
    );
    let graph = v["methods"][1]["phoneNumber"].as_str().unwrap().to_string();
    let (digits, ext) = graph.trim_start_matches("+1 ").split_once('x').unwrap();
    let said = format!(
        "({}) {}-{} ext. {ext}",
        &digits[..3],
        &digits[3..6],
        &digits[6..]
    );
    let Run {
        stdout: card,
        stderr: _,
        code,
        ..
    } = t.run_tty("120", ["user", "show", demo::OFFICE_PHONE_ONLY]);
    assert_eq!(code, 0);
    assert!(
        card.contains(&format!("{said} office phone")),
        "{said}: {card}"
    );
    assert!(
        flat(&card).contains("default call to the office phone"),
        "{card}"
    );
    assert!(!card.contains("voiceOffice"), "{card}");
    assert!(!card.contains(&graph), "{card}");
    let Run {
        stdout: list,
        stderr: _,
        code: _,
        ..
    } = t.run_tty("120", ["phone", "list", demo::LEFT_PHONE_AT_HOME]);
    assert!(list.contains("(812) 289-5203"), "{list}");
    let Run {
        stdout: csv,
        stderr: _,
        code: _,
        ..
    } = t.run_tty(
        "120",
        ["phone", "list", demo::LEFT_PHONE_AT_HOME, "-o", "csv"],
    );
    assert!(csv.contains("8122895203"), "{csv}");
    // an agent in another region reads a US number in the international format
    let config = t.dir.path().join("config/care/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "region = \"GB\"\n").unwrap();
    let Run {
        stdout: list,
        stderr: err,
        code,
        ..
    } = t.run_tty("120", ["phone", "list", demo::LEFT_PHONE_AT_HOME]);
    assert_eq!(code, 0, "{err}");
    assert!(list.contains("+1 812-289-5203"), "{list}");
}

#[test]
fn csv_times_are_iso_8601() {
    let t = Tenant::start();
    for args in [
        vec!["method", "list", demo::LEFT_PHONE_AT_HOME, "-o", "csv"],
        vec![
            "signin",
            "list",
            demo::LEFT_PHONE_AT_HOME,
            "--since",
            "7d",
            "-o",
            "csv",
        ],
    ] {
        let Run {
            stdout: csv,
            stderr: err,
            code,
            ..
        } = t.run_tty("120", &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        assert!(!rows.is_empty(), "{args:?}");
        assert!(
            rows.iter()
                .any(|r| r.contains("T") && r.contains("Z") && r.contains("20")),
            "{args:?}: {csv}"
        );
        assert!(
            !csv.contains("today") && !csv.contains(" AM"),
            "{args:?}: {csv}"
        );
    }
}

#[test]
fn tables_fit_the_terminal_and_never_split_an_identifier() {
    let t = Tenant::start();
    for columns in ["80", "100", "120"] {
        let width: usize = columns.parse().unwrap();
        let Run {
            stdout: search,
            stderr: _,
            code: _,
            ..
        } = t.run_tty(columns, ["user", "search", "garcia", "--limit", "50"]);
        assert!(widest(&search) <= width, "{columns}: {search}");
        // every Garcia's UPN is whole on one line
        let Run {
            stdout: json,
            stderr: _,
            code: _,
            ..
        } = t.run_tty(
            columns,
            ["user", "search", "garcia", "--limit", "50", "-o", "json"],
        );
        let people: Value = serde_json::from_str(&json).unwrap();
        for p in people.as_array().unwrap() {
            let upn = p["userPrincipalName"].as_str().unwrap();
            assert!(search.contains(upn), "{columns}: {upn} split:\n{search}");
        }
        let Run {
            stdout: report,
            stderr: _,
            code,
            ..
        } = t.run_tty(columns, ["report", "sms-only", "--school", "cedar"]);
        assert_eq!(code, 0);
        assert!(widest(&report) <= width, "{columns}: {report}");
        let Run {
            stdout: json,
            stderr: _,
            code: _,
            ..
        } = t.run_tty(
            columns,
            ["report", "sms-only", "--school", "cedar", "-o", "json"],
        );
        for e in serde_json::from_str::<Value>(&json)
            .unwrap()
            .as_array()
            .unwrap()
        {
            let upn = e["userPrincipalName"].as_str().unwrap();
            assert!(report.contains(upn), "{columns}: {upn} split:\n{report}");
        }
        // sign-ins: one line a row from 100 columns (the header, the rule, the rows, the borders)
        let Run {
            stdout: signins,
            stderr: _,
            code: _,
            ..
        } = t.run_tty(
            columns,
            ["signin", "list", demo::PUSH_FATIGUE, "--since", "7d"],
        );
        assert!(widest(&signins) <= width, "{columns}: {signins}");
        if width >= 100 {
            let rows = signins.lines().filter(|l| l.contains("Bucharest")).count();
            assert_eq!(rows, 4, "{columns}: {signins}");
            // five rows, the header and three rules: nothing wraps
            assert_eq!(signins.lines().count(), 5 + 4, "{columns}: {signins}");
        }
        assert!(
            !signins.contains("198.18.210."),
            "{columns}: the IP shows from 140 columns\n{signins}"
        );
    }
    let Run {
        stdout: wide,
        stderr: _,
        code: _,
        ..
    } = t.run_tty(
        "160",
        ["signin", "list", demo::PUSH_FATIGUE, "--since", "7d"],
    );
    assert!(
        wide.contains("198.18.210.") && wide.contains("push failed"),
        "{wide}"
    );
    assert_eq!(wide.lines().count(), 5 + 4, "{wide}");
}

#[test]
fn warnings_that_matter_come_first_with_what_to_do() {
    let t = Tenant::start();
    let Run {
        stdout: card,
        stderr: _,
        code: _,
        ..
    } = t.run_tty("120", ["user", "show", demo::PUSH_FATIGUE]);
    let warnings: Vec<&str> = card
        .lines()
        .skip_while(|l| *l != "Warnings")
        .skip(1)
        .collect();
    assert!(
        warnings[0].starts_with("  STOP 4 MFA prompts denied or not answered within 9 minutes"),
        "{card}"
    );
    // the first warning's hint, then the second warning; every line fits the terminal, a long
    // one wrapped between words under its text
    let joined = flat(&warnings.join("\n"));
    let hint = joined.find("→ verify the caller by calling back a number on file");
    let travel = joined.find("STOP signed in from Louisville, US and then from Bucharest, RO");
    assert!(
        hint.is_some() && travel.is_some() && hint < travel,
        "{card}"
    );
    assert!(widest(&card) <= 120, "{card}");
    assert!(
        warnings
            .iter()
            .any(|l| l.starts_with("    ") && !l.contains('→')),
        "a wrapped line is indented under its text: {card}"
    );
    let Run {
        stdout: json,
        stderr: _,
        code: _,
        ..
    } = t.run_tty("120", ["user", "show", demo::ADMIN_TARGET, "-o", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"blocked-abroad"), "{codes:?}");
    let first_advice = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|w| w["blocking"] == false)
        .unwrap_or(codes.len());
    assert!(
        v["warnings"].as_array().unwrap()[..first_advice]
            .iter()
            .all(|w| w["blocking"] == true),
        "{v}"
    );
    // a district whose staff also work from Romania and Nigeria: no CA warning
    let config = t.dir.path().join("config/care/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[policy]\ncountries = [\"US\", \"RO\", \"NG\"]\n").unwrap();
    let Run {
        stdout: json,
        stderr: _,
        code: _,
        ..
    } = t.run_tty("120", ["user", "show", demo::ADMIN_TARGET, "-o", "json"]);
    assert!(!json.contains("blocked-abroad"), "{json}");
    std::fs::remove_file(&config).unwrap();
    // the FAQ hint that fits: no signal, a phone's own mail app
    let Run {
        stdout: card,
        stderr: _,
        code: _,
        ..
    } = t.run_tty("120", ["user", "show", demo::NO_SIGNAL]);
    assert!(flat(&card).contains("works offline"), "{card}");
    assert!(flat(&card).contains("care faq no-signal"), "{card}");
    assert!(flat(&card).contains("use the Outlook app"), "{card}");
    assert!(flat(&card).contains("care faq native-mail"), "{card}");
    // "no second phone" only where SMS/voice is all they have
    let Run {
        stdout: card,
        stderr: _,
        code: _,
        ..
    } = t.run_tty("120", ["user", "show", demo::LEFT_PHONE_AT_HOME]);
    assert!(!flat(&card).contains("second phone"), "{card}");
    assert!(!card.contains("STOP"), "{card}");
    let Run {
        stdout: card,
        stderr: _,
        code: _,
        ..
    } = t.run_tty("120", ["user", "show", demo::LOST_PHONE]);
    assert!(
        flat(&card).contains("only SMS/voice and no second phone number"),
        "{card}"
    );
    assert!(flat(&card).contains("aka.ms/mfasetup"), "{card}");
}

#[test]
fn every_seeded_signin_uses_a_method_its_user_has() {
    let t = Tenant::start();
    let token = t.token();
    let mut methods: HashMap<String, Vec<String>> = HashMap::new();
    let mut path = "/beta/auditLogs/signIns?$top=999".to_string();
    let mut checked = 0;
    loop {
        let page = t.get(&token, &path);
        assert_eq!(page.status, 200, "{}", page.text);
        for s in page.body["value"].as_array().unwrap() {
            let user = s["userId"].as_str().unwrap().to_string();
            let have = methods.entry(user.clone()).or_insert_with(|| {
                let r = t.get(
                    &token,
                    &format!("/v1.0/users/{user}/authentication/methods"),
                );
                r.body["value"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| {
                        let kind = m["@odata.type"].as_str().unwrap().to_string();
                        match m["phoneType"].as_str() {
                            Some(p) => format!("{kind}:{p}"),
                            None => kind,
                        }
                    })
                    .collect()
            });
            let has = |t: &str| have.iter().any(|h| h.contains(t));
            let has_mfa = has("phoneAuthenticationMethod")
                || has("microsoftAuthenticator")
                || has("softwareOath")
                || has("fido2")
                || has("windowsHello");
            for step in s["authenticationDetails"].as_array().unwrap() {
                let method = step["authenticationMethod"].as_str().unwrap();
                let ok = match method {
                    "Password" => true,
                    "Mobile app notification" => has("microsoftAuthenticator"),
                    "Text message" => has("phoneAuthenticationMethod:mobile"),
                    "Phone call" => has("phoneAuthenticationMethod"),
                    "OATH verification code" => {
                        has("softwareOath") || has("microsoftAuthenticator")
                    }
                    "FIDO2 security key" => has("fido2"),
                    "Windows Hello for Business" => has("windowsHello"),
                    other => panic!("a method the seed should not use: {other}"),
                };
                assert!(ok, "{method} for a user with {have:?}: {s}");
                checked += 1;
            }
            let code = s["status"]["errorCode"].as_i64().unwrap();
            if !has_mfa {
                assert!(
                    !matches!(code, 500121 | 50074 | 50076),
                    "an MFA prompt for a user with no MFA method: {s}"
                );
            }
            if code == 53003 {
                assert_ne!(s["location"]["countryOrRegion"], "US", "{s}");
            }
            assert!(
                s["location"]["geoCoordinates"]["latitude"].is_number(),
                "{s}"
            );
        }
        match page.body["@odata.nextLink"].as_str() {
            Some(next) => path = next.trim_start_matches(&t.root).to_string(),
            None => break,
        }
    }
    assert!(checked > 500, "only {checked} steps checked");
}
