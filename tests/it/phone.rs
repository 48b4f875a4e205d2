//! `care phone`: MFA phone numbers as callers say them, Graph's refusals explained, SMS sign-in.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;

// ---- the delegated view of Graph -------------------------------------------------------------

#[test]
fn an_authentication_administrator_sets_phones_with_masked_numbers() {
    let t = Tenant::start();
    assert_ok(&t.login_browser(demo::AGENT_AUTH_ADMIN, &[]));
    // Sean's mobile is shown masked to this agent
    let out = t
        .care_agent()
        .args(["-o", "json", "phone", "list", demo::LOST_PHONE])
        .output()
        .unwrap();
    assert_ok(&out);
    let shown = stdout_json(&out)[0]["phoneNumber"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(shown.contains('X'), "{shown}");
    let full = t
        .get(
            &t.token(),
            &format!(
                "/v1.0/users/{}/authentication/phoneMethods",
                enc(demo::LOST_PHONE)
            ),
        )
        .body["value"][0]["phoneNumber"]
        .as_str()
        .unwrap()
        .to_string();
    // a new number: changed, and the confirmation showed the masked one
    t.care_agent()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("is now +1 5025550142"));
    // the same number again: care can't see it whole, says so, and (with --yes) sets it anyway
    t.care_agent()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("can't tell").and(contains("masked")));
    // without --yes in a script it stops instead of guessing
    t.care_agent()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2);
    // a number whose visible digits differ is plainly a change
    assert_ne!(full, "+1 5025550142");
    // a Privileged Authentication Administrator sees the whole number
    t.care_agent().args(["auth", "logout"]).assert().success();
    assert_ok(&t.login_browser(demo::AGENT_PRIV_AUTH, &[]));
    t.care_agent()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("already +1 5025550142"));
}

#[test]
fn a_number_someone_else_uses_for_sms_sign_in_is_set_for_mfa_only() {
    let t = Tenant::start();
    let app = t.token();
    let kevin = format!(
        "/v1.0/users/{}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7",
        enc(demo::NO_SIGNAL)
    );
    let r = t.call(
        "POST",
        &format!("{kevin}/enableSmsSignIn"),
        Some(&app),
        None,
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let number = t.get(&app, &kevin).body["phoneNumber"]
        .as_str()
        .unwrap()
        .to_string();
    // the bus depot account is in the SMS sign-in policy: Graph answers 409
    // phoneNumberNotUnique but stores the phone; care reads it back and says what is true
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_MAILBOX,
            &number,
            "--yes",
            "--verified-by",
            "callback",
            "--override",
            "the depot's shared phone, approved by its supervisor",
        ])
        .assert()
        .success()
        .stderr(contains("for MFA").and(contains("SMS sign-in is not available")));
    let stored = t.get(
        &app,
        &format!(
            "/v1.0/users/{}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7",
            enc(demo::NO_MAILBOX)
        ),
    );
    assert_eq!(stored.body["phoneNumber"], number.as_str());
}

// ---- phones ----------------------------------------------------------------------------------

#[test]
fn phone_set_takes_what_callers_say() {
    let t = Tenant::start();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "(502) 555 0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("is now +1 5025550142"));
    assert_eq!(
        phone_number(&t, demo::LOST_PHONE, MOBILE).as_deref(),
        Some("+1 5025550142")
    );
    // the same again changes nothing
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("already"));
    assert_eq!(t.stats()["writes"][demo::LOST_PHONE]["phone.update"], 1);
    // an alternate, an office phone with extension (with the FAQ's warning)
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "+1 502 555 0143",
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            "502-555-0142 x123",
            "--type",
            "office",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("office phone can't receive texts"));
    let out = t
        .care()
        .args(["-o", "json", "phone", "list", demo::LOST_PHONE])
        .output()
        .unwrap();
    let phones = stdout_json(&out);
    let numbers: Vec<&str> = phones
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["phoneNumber"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        vec!["+1 5025550142", "+1 5025550143", "+1 5025550142x123"]
    );
    // a foreign number with its country code
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_METHODS,
            "+44 20 7946 0958",
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Dana Ortiz, front office",
        ])
        .assert()
        .success();
    assert_eq!(
        phone_number(&t, demo::NO_METHODS, MOBILE).as_deref(),
        Some("+44 2079460958")
    );
}

#[test]
fn a_bad_number_is_refused_before_any_request() {
    let t = Tenant::start();
    let set = |user: &str, number: &str, flags: &[&str]| {
        t.run(["phone", "set", user, number].iter().chain(flags).chain(&[
            "--yes",
            "--verified-by",
            "callback",
        ]))
    };
    let before = graph_requests(&t.stats());
    insta::assert_snapshot!(set(demo::LOST_PHONE, "502-485-355", &[]), @"
    ------- stderr -------
    error: '502-485-355' is not a valid phone number (checked as a US number)
    hint: check the digits with the caller; numbers from another country need their +country code
    [exit status: 2]
    ");
    insta::assert_snapshot!(set(demo::LOST_PHONE, "call me maybe", &[]), @"
    ------- stderr -------
    error: 'call me maybe' contains the letter 'c'; an MFA phone is typed in digits
    hint: check each character with the caller (an O is not a 0); vanity numbers like 1-800-FLOWERS can't receive codes
    [exit status: 2]
    ");
    insta::assert_snapshot!(set(demo::LOST_PHONE, "+1 123 456 7890", &[]), @"
    ------- stderr -------
    error: '+1 123 456 7890' is not a valid phone number (checked as a +1 number)
    hint: check the digits with the caller; numbers from another country need their +country code
    [exit status: 2]
    ");
    insta::assert_snapshot!(set(demo::LOST_PHONE, "502-555-0142", &["--region", "XX"]), @"
    ------- stderr -------
    error: 'XX' is not a region code
    hint: use a two-letter ISO 3166 code such as US or GB
    [exit status: 2]
    ");
    assert_eq!(graph_requests(&t.stats()), before, "no request was made");
    // without --yes nothing changes
    insta::assert_snapshot!(t.run(["phone", "set", demo::LOST_PHONE, "502-555-0142", "--verified-by", "callback"]), @"
    ------- stderr -------
    care: verified (called back on a number of record: +1 8598424327); changes to Sean O'Brien (sean.o'brien@district.example) in the next 15 minutes use it
    error: this change needs confirmation, and care is not running interactively
    hint: pass --yes to confirm it
    [exit status: 2]
    ");
    assert_ne!(
        phone_number(&t, demo::LOST_PHONE, MOBILE).as_deref(),
        Some("+1 5025550142")
    );
    // an alternate needs a mobile first
    insta::assert_snapshot!(set(demo::NO_METHODS, "502-555-0100", &["--type", "alternate"]), @"
    ------- stderr -------
    error: Ashley Kim (ashley.kim@district.example) has no mobile phone, and an alternate needs one
    hint: set the mobile first: care phone set USER NUMBER
    [exit status: 2]
    ");
}

#[test]
fn phone_remove_explains_graphs_refusals() {
    let t = Tenant::start();
    let change = |args: &[&str]| {
        t.run(args.iter().chain(&[
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Dana Ortiz, front office",
            "--no-notify",
            "the test reads the outbox elsewhere",
        ]))
    };
    let remove = |user: &str, kind: &str| change(&["phone", "remove", user, "--type", kind]);
    // a callback to the phone being removed proves nothing: Sean's mobile is his only number
    insta::assert_snapshot!(t.run(["phone", "remove", demo::LOST_PHONE, "--type", "mobile", "--yes", "--verified-by", "callback"]), @"
    ------- stderr -------
    error: callback can't verify Sean O'Brien (sean.o'brien@district.example): no number of record to call back
    hint: verify them another way: in-person, verified-id
    [exit status: 2]
    ");
    // Zoë has a mobile and an alternate: the mobile can't go first
    insta::assert_snapshot!(remove(demo::UNICODE, "mobile"), @"
    ------- stderr -------
    error: Zoë Müller (zoe.muller@district.example)'s mobile phone can't be removed while an alternate mobile phone is on file (Graph's rule)
    hint: delete the alternate first (care phone remove USER --type alternate), or change the mobile number with `care phone set` instead
    [exit status: 2]
    ");
    insta::assert_snapshot!(remove(demo::UNICODE, "alternate"), @"
    ------- stderr -------
    care: verified (seen in person with their badge: witness: Dana Ortiz, front office); changes to Zoë Müller (zoe.muller@district.example) in the next 15 minutes use it
    care: nobody was told by mail (--no-notify: the test reads the outbox elsewhere)
    removed Zoë Müller (zoe.muller@district.example)'s alternate phone +1 8123997748
    [exit status: 0]
    ");
    // Sean's only mobile is his default but also his only method: it can go, once
    insta::assert_snapshot!(remove(demo::LOST_PHONE, "mobile"), @"
    ------- stderr -------
    care: verified (seen in person with their badge: witness: Dana Ortiz, front office); changes to Sean O'Brien (sean.o'brien@district.example) in the next 15 minutes use it
    care: nobody was told by mail (--no-notify: the test reads the outbox elsewhere)
    removed Sean O'Brien (sean.o'brien@district.example)'s mobile phone +1 8598424327
    [exit status: 0]
    ");
    insta::assert_snapshot!(remove(demo::LOST_PHONE, "mobile"), @"
    ------- stderr -------
    error: Sean O'Brien (sean.o'brien@district.example) has no mobile phone
    hint: see their phones with `care phone list USER`
    [exit status: 5]
    ");
    // Maria's default is push: her mobile can go
    insta::assert_snapshot!(remove(demo::LEFT_PHONE_AT_HOME, "mobile"), @"
    ------- stderr -------
    care: verified (seen in person with their badge: witness: Dana Ortiz, front office); changes to Maria Garcia (maria.garcia@district.example) in the next 15 minutes use it
    care: nobody was told by mail (--no-notify: the test reads the outbox elsewhere)
    removed Maria Garcia (maria.garcia@district.example)'s mobile phone +1 8122895203
    [exit status: 0]
    ");
    // a default with other methods left is refused, with what to do
    change(&["phone", "set", demo::NO_METHODS, "502-555-0100"]).success();
    change(&[
        "phone",
        "set",
        demo::NO_METHODS,
        "502-555-0101",
        "--type",
        "office",
    ])
    .success();
    insta::assert_snapshot!(remove(demo::NO_METHODS, "mobile"), @"
    ------- stderr -------
    care: caller verified (seen in person with their badge: witness: Dana Ortiz, front office)
    error: Graph refused the delete: This method is the user's default sign-in method and can't be deleted while the user has other methods. Change the default method first.
    hint: it is probably the user's default sign-in method: have them choose another default at https://aka.ms/mfasetup, remove their other methods first, or use `care method reset`
    [exit status: 2]
    ");
    // the audit log says it failed, as what it failed to do
    let failed = audit(&t)
        .into_iter()
        .rfind(|r| r["action"] == "phone.remove")
        .unwrap();
    assert_eq!(failed["result"], "failed");
    assert!(
        failed["detail"]
            .as_str()
            .unwrap()
            .starts_with("failed to remove the mobile phone +1 5025550100: "),
        "{failed}"
    );
}

#[test]
fn sms_sign_in_on_and_off() {
    let t = Tenant::start();
    t.care()
        .args([
            "phone",
            "sms-signin",
            demo::NO_SIGNAL,
            "on",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
    let out = t
        .care()
        .args(["-o", "json", "phone", "list", demo::NO_SIGNAL])
        .output()
        .unwrap();
    assert_eq!(stdout_json(&out)[0]["smsSignInState"], "ready");
    t.care()
        .args([
            "phone",
            "sms-signin",
            demo::LEFT_PHONE_AT_HOME,
            "on",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("policy"));
    t.care()
        .args([
            "phone",
            "sms-signin",
            demo::NO_SIGNAL,
            "off",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
}

#[test]
fn a_phone_added_whose_answer_is_lost_is_reconciled_not_resent() {
    let t = Tenant::with(|o| o.faults = Some("drop-after=1".parse().unwrap()));
    t.care()
        .args([
            "phone",
            "set",
            demo::NO_METHODS,
            "502-555-0100",
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Dana Ortiz, front office",
        ])
        .assert()
        .success()
        .stderr(contains("added +1 5025550100"));
    assert_eq!(
        t.stats()["writes"][demo::NO_METHODS]["phone.add"],
        1,
        "one POST, then a read"
    );
}

// ---- phone numbers an MFA phone must never be ------------------------------------------------

#[test]
fn phone_numbers_with_letters_extensions_or_duplicates_are_refused() {
    let t = Tenant::start();
    for (number, kind, why) in [
        ("859-555-O142", "mobile", "letter 'o'"),
        ("1-800-FLOWERS", "mobile", "letter"),
        ("502-555-0142 x12", "mobile", "extension"),
        ("502-555-0142 x12", "alternate", "extension"),
    ] {
        t.care()
            .args([
                "phone",
                "set",
                demo::LOST_PHONE,
                number,
                "--type",
                kind,
                "--yes",
                "--verified-by",
                "callback",
            ])
            .assert()
            .code(2)
            .stderr(contains(why));
    }
    assert_eq!(
        t.stats()["requests"].as_object().unwrap().len(),
        0,
        "nothing sent at all"
    );
    // the same number as the user's mobile, as their alternate
    let tok = t.token();
    let mobile = t
        .get(
            &tok,
            &format!(
                "/v1.0/users/{}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7",
                enc(demo::LOST_PHONE)
            ),
        )
        .body["phoneNumber"]
        .as_str()
        .unwrap()
        .to_string();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            &mobile,
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("already the user's mobile phone"));
    // a number on file for other people is set, with a warning naming how many
    let other = t
        .get(
            &tok,
            &format!("/v1.0/users/{}?$select=mobilePhone", enc(demo::NO_SIGNAL)),
        )
        .body;
    let theirs = other["mobilePhone"].as_str().unwrap().to_string();
    t.care()
        .args([
            "phone",
            "set",
            demo::LOST_PHONE,
            &theirs,
            "--type",
            "alternate",
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success()
        .stderr(contains("is on file for 1 other person"));
}

/// What `care phone …` parses to, or its usage error (no HTTP).
#[test]
fn parse_phone() {
    insta::assert_snapshot!(parse(["phone", "set", "maria", "502-555-0142", "--type", "alternate", "--region", "GB"]), @r#"
    Phone(
        Set(
            SetArgs {
                user: UserQuery {
                    text: "maria",
                    lookup: Name(
                        "maria",
                    ),
                },
                number: "502-555-0142",
                kind: Alternate,
                region: Some(
                    "GB",
                ),
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["phone", "set", "maria", "502-555-0142", "--type", "fax"]), @"
    [exit 2] error: invalid value 'fax' for '--type <KIND>'
      [possible values: mobile, alternate, office]

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(parse(["phone", "remove", "maria", "--type", "office"]), @r#"
    Phone(
        Remove(
            RemoveArgs {
                user: Named(
                    UserQuery {
                        text: "maria",
                        lookup: Name(
                            "maria",
                        ),
                    },
                ),
                kind: Office,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["phone", "remove", "maria"]), @"
    [exit 2] error: the following required arguments were not provided:
      --type <KIND>

    Usage: care phone remove --type <KIND> <USER>...

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(parse(["phone", "sms-signin", "maria", "on"]), @r#"
    Phone(
        SmsSignin(
            SmsArgs {
                user: UserQuery {
                    text: "maria",
                    lookup: Name(
                        "maria",
                    ),
                },
                state: On,
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["phone", "sms-signin", "maria", "maybe"]), @"
    [exit 2] error: invalid value 'maybe' for '<STATE>'
      [possible values: on, off]

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(parse(["phone", "list", "maria"]), @r#"
    Phone(
        List(
            UserArg {
                user: Named(
                    UserQuery {
                        text: "maria",
                        lookup: Name(
                            "maria",
                        ),
                    },
                ),
            },
        ),
    )
    "#);
}

/// The phone rules are one table for every path: each number, as `care phone set` takes it and
/// as a row of `care bulk phone-set`, gets the same verdict.
#[test]
fn the_phone_rules_are_the_same_for_a_call_and_a_bulk_row() {
    let t = Tenant::start();
    policy(
        &t,
        "changes-per-hour = 1000\nshared-lines = [\"(502) 485-1000\"]",
    );
    let table: [(&str, &str, bool); 9] = [
        ("502-555-0142", "mobile", true),
        ("+44 20 7946 0958", "mobile", true),
        ("+1 502 555 0142 x123", "mobile", false),
        ("+1 502 555 0142 x123", "alternate", false),
        ("+1 502 555 0143 x123", "office", true),
        ("502-485-3552", "mobile", false),
        ("+1 (502) 485-1000", "office", false),
        ("call me maybe", "mobile", false),
        ("+1 123 456 7890", "mobile", false),
    ];
    let people = staff(&t, 2 * table.len());
    let (calls, rows) = people.split_at(table.len());
    let single: Vec<bool> = table
        .iter()
        .zip(calls)
        .map(|((number, kind, _), user)| {
            t.run([
                "phone",
                "set",
                user,
                number,
                "--type",
                kind,
                "--yes",
                "--verified-by",
                "in-person",
                "--evidence",
                "Dana Ortiz, front office",
            ])
            .code
                == 0
        })
        .collect();
    let mut csv = String::from("user,phone,type\n");
    for ((number, kind, _), user) in table.iter().zip(rows) {
        csv.push_str(&format!("{user},\"{number}\",{kind}\n"));
    }
    let file = write_csv(&t, "table.csv", &csv);
    let report = t.dir.path().join("table.json");
    let run = t.run_cmd(
        t.care()
            .args(["bulk", "phone-set", "--yes", "--skip-invalid", "--file"])
            .arg(&file)
            .arg("--report")
            .arg(&report)
            .args(APPROVED),
    );
    assert_eq!(run.code, 3, "{run}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let mut bulk = vec![false; table.len()];
    for r in report.as_array().unwrap() {
        bulk[(r["line"].as_u64().unwrap() - 2) as usize] = r["outcome"] == "changed";
    }
    let expected: Vec<bool> = table.iter().map(|(_, _, ok)| *ok).collect();
    assert_eq!(single, expected, "the single command");
    assert_eq!(bulk, expected, "the bulk rows");
}

/// A school's main line is every one of its staff's business phone in the seed: as an MFA phone
/// it is refused with its reach, on a call and in a bulk row alike, and nothing is written; a
/// number on the district's file of main lines (`policy.shared-lines` set to a file) is refused
/// though nobody has it on file.
#[test]
fn a_schools_main_line_is_refused_with_its_reach() {
    let t = Tenant::start();
    policy(&t, "changes-per-hour = 1000");
    let app = t.token();
    let people = staff(&t, 3);
    let all = t.get_steady(
        &app,
        "/v1.0/users?$top=999&$select=userPrincipalName,businessPhones,officeLocation",
    );
    let on_line: Vec<&serde_json::Value> = all.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["businessPhones"][0] == "+1 502 485 0100")
        .collect();
    assert!(
        on_line.len() > 5,
        "the first school's staff have its main line"
    );
    let school = on_line[0]["officeLocation"].as_str().unwrap().to_string();
    let set = |who: &str, number: &str, kind: &str| {
        t.run([
            "phone",
            "set",
            who,
            number,
            "--type",
            kind,
            "--yes",
            "--verified-by",
            "in-person",
            "--evidence",
            "Dana Ortiz, front office",
        ])
    };
    let before = t.stats();
    let run = set(&people[0], "(502) 485-0100", "alternate");
    assert_ne!(run.code, 0, "{run}");
    assert!(
        run.stderr
            .contains("(502) 485-0100 is a shared line (on file for ")
            && run.stderr.contains(&format!(" at {school})"))
            && run.stderr.contains("it can never be an MFA phone"),
        "{run}"
    );
    assert_eq!(total_writes(&t.stats()), total_writes(&before));

    // the same verdict for a bulk row
    let file = write_csv(
        &t,
        "main-line.csv",
        &format!("user,phone,type\n{},502-485-0100,alternate\n", people[1]),
    );
    let run = t.run_cmd(
        t.care()
            .args(["bulk", "phone-set", "--yes", "--file"])
            .arg(&file)
            .args(APPROVED),
    );
    assert_ne!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains("is a shared line (on file for "),
        "{run}"
    );
    assert!(
        phone_numbers(&t, &app, &people[1])
            .iter()
            .all(|n| !n.contains("4850100"))
    );

    // the district's file of main lines: a line nobody has on file yet
    let lines = t.dir.path().join("main-lines.txt");
    std::fs::write(
        &lines,
        "# district main lines\n+1 502 485 7777  # new annex\n\n",
    )
    .unwrap();
    t.run_cmd(
        t.care()
            .args(["config", "set", "policy.shared-lines"])
            .arg(&lines),
    )
    .success();
    let shown = t.run(["config", "show"]).success();
    assert!(shown.stdout.contains("+1 502 485 7777"), "{shown}");
    let run = set(&people[2], "502 485 7777", "mobile");
    assert_ne!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains("is a shared line (+1 502 485 7777)"),
        "{run}"
    );
    // a file that goes missing is refused when the config is read, saying which setting
    std::fs::remove_file(&lines).unwrap();
    let run = t.run(["user", "show", &people[2]]);
    assert_ne!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains("policy.shared-lines: cannot read"),
        "{run}"
    );
}
