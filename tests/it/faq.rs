//! `care faq`: the district's FAQ, ready to read.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;

// ---- the FAQ and the guided call ---------------------------------------------------------------

#[test]
fn faq_answers_are_ready_to_read() {
    let t = Tenant::start();
    t.care()
        .args(["faq"])
        .assert()
        .success()
        .stdout(contains("left-phone").and(contains("no-signal")));
    t.care()
        .args(["faq", "signal"])
        .assert()
        .success()
        .stdout(contains("works even when your phone has no signal"));
    t.care().args(["faq", "weather"]).assert().code(2);
    t.care()
        .args(["call", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .code(2)
        .stderr(contains("terminal"));
}

/// In the caller's language: `--lang es`, or `caller-language` in the config; a language care
/// has no texts for is refused; a district's own file replaces care's words; a pass spelled in
/// Spanish.
#[test]
fn caller_texts_in_spanish() {
    let t = Tenant::start();
    let es = t.run(["faq", "left-phone", "--lang", "es"]).success();
    assert!(
        es.stdout.contains("¿Qué hago si dejé mi teléfono en casa?"),
        "{es}"
    );
    assert!(es.stdout.contains("código temporal"), "{es}");
    // an English word finds the topic; the answer is the caller's language
    let json = t
        .run(["-o", "json", "faq", "signal", "--lang", "es"])
        .success()
        .json();
    assert_eq!(json["topic"], "no-signal");
    assert_eq!(json["language"], "es");
    assert!(
        json["answer"].as_str().unwrap().contains("sin señal")
            || json["answer"].as_str().unwrap().contains("no tenga señal"),
        "{json}"
    );
    // the config's caller language
    t.run(["config", "set", "caller-language", "es"]).success();
    let listed = t.run(["faq"]).success();
    assert!(listed.stdout.contains("¿Por qué usamos MFA?"), "{listed}");
    let bad = t.run(["config", "set", "caller-language", "fr"]);
    assert_eq!(bad.code, 2, "{bad}");
    assert!(bad.stderr.contains("en (English) or es (Spanish)"), "{bad}");
    // --lang en wins over the config
    let en = t.run(["faq", "why", "--lang", "en"]).success();
    assert!(en.stdout.contains("Why are we using MFA?"), "{en}");
    // a district's own words, beside the config file
    let dir = t.dir.path().join("config/care/caller");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("es.ftl"),
        "faq-why-answer = Para cuidar su cuenta y la de nuestros estudiantes.\n",
    )
    .unwrap();
    let own = t.run(["faq", "why"]).success();
    assert!(own.stdout.contains("Para cuidar su cuenta"), "{own}");
    std::fs::write(dir.join("es.ftl"), "= not fluent\n").unwrap();
    let broken = t.run(["faq", "why"]);
    assert_eq!(broken.code, 2, "{broken}");
    assert!(
        broken.stderr.contains("is not a valid Fluent file"),
        "{broken}"
    );
    std::fs::remove_file(dir.join("es.ftl")).unwrap();
    // a pass spelled for a Spanish-speaking caller (the agent's screen stays in English)
    let pass = t.run_cmd(
        t.care()
            .env("CARE_FORCE_TTY", "1")
            .args([
                "passcode",
                "issue",
                demo::NO_SIGNAL,
                "--phonetic",
                "--lang",
                "es",
            ])
            .args(["--yes", "--verified-by", "callback"]),
    );
    assert_eq!(pass.code, 0, "{pass}");
    assert!(pass.stdout.contains("Spelled: "), "{pass}");
    assert!(
        [
            "mayúscula",
            "minúscula",
            "cero",
            "uno",
            "dos",
            "tres",
            "cuatro",
            "cinco",
            "seis",
            "siete",
            "ocho",
            "nueve"
        ]
        .iter()
        .any(|w| pass.stdout.contains(w)),
        "{pass}"
    );
    assert!(pass.stdout.contains("Read it to the caller now"), "{pass}");
}

/// What `care faq …` parses to, or its usage error (no HTTP).
#[test]
fn parse_faq() {
    insta::assert_snapshot!(parse(["faq", "left-phone"]), @r#"
    Faq(
        FaqArgs {
            topic: Some(
                "left-phone",
            ),
            lang: None,
        },
    )
    "#);
    insta::assert_snapshot!(parse(["faq"]), @"
    Faq(
        FaqArgs {
            topic: None,
            lang: None,
        },
    )
    ");
}
