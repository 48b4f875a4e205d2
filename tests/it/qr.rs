//! `care qr`: QR code + PIN sign-in, against the sandbox's emulation of Graph's v1.0 method.

use crate::common::*;
use base64::Engine;
use care::sandbox::demo;
use serde_json::{Value, json};

const VERIFIED: [&str; 3] = ["--yes", "--verified-by", "callback"];

/// The QR code a PNG holds, decoded as a phone's camera would.
fn decode(png_bytes: &[u8]) -> String {
    let mut d = png::Decoder::new(std::io::Cursor::new(png_bytes));
    d.set_transformations(png::Transformations::normalize_to_color8());
    let mut r = d.read_info().unwrap();
    let mut buf = vec![0; r.output_buffer_size().unwrap()];
    let info = r.next_frame(&mut buf).unwrap();
    let channels = buf.len() / (info.width as usize * info.height as usize);
    let w = info.width as usize;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, info.height as usize, |x, y| {
        buf[(y * w + x) * channels]
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code on the image");
    grids[0].decode().unwrap().1
}

/// A badge and a PIN for a bus driver: the PIN shown once (8 digits), the badge a PNG whose
/// code decodes to what Graph's image holds (the user's UPN among it), the method in the
/// sandbox afterwards, the PIN in no log; then a temporary code, a new PIN, and removal.
#[test]
fn a_badge_and_a_pin_made_shown_once_and_removed() {
    let t = Tenant::start();
    let user = demo::NO_SIGNAL;
    let badge = t.dir.path().join("badge.png");
    let run = t
        .run_cmd(
            t.care()
                .args(["-o", "json", "qr", "issue", user, "--badge"])
                .arg(&badge)
                .args(VERIFIED),
        )
        .success();
    let out = run.json();
    let pin = out["pin"].as_str().unwrap().to_string();
    assert!(
        pin.len() >= 8 && pin.chars().all(|c| c.is_ascii_digit()),
        "{pin}"
    );
    let image = base64::engine::general_purpose::STANDARD
        .decode(out["imagePng"].as_str().unwrap())
        .unwrap();
    let held = decode(&image);
    assert!(held.contains(user), "{held}");
    // the badge: the same code, printed with the name and school
    let printed = std::fs::read(&badge).unwrap();
    assert_eq!(decode(&printed), held);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&badge).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let token = t.token();
    let method = t.get(
        &token,
        &format!("/v1.0/users/{}/authentication/qrCodePinMethod", enc(user)),
    );
    assert_eq!(method.status, 200, "{}", method.text);
    assert_eq!(method.body["pin"]["code"], Value::Null);
    assert_eq!(method.body["standardQRCode"]["image"], Value::Null);
    assert_eq!(method.body["pin"]["forceChangePinNextSignIn"], true);
    // the method list shows it, never the PIN's hash
    let list = t.get(
        &token,
        &format!("/v1.0/users/{}/authentication/methods", enc(user)),
    );
    assert!(
        list.text.contains("qrCodePinAuthenticationMethod"),
        "{}",
        list.text
    );
    assert!(!list.text.contains("codeHash") && !list.text.contains(&pin));
    // the PIN reached only stdout: not the audit log, nor stderr
    let log = std::fs::read_to_string(t.dir.path().join("state/care/audit.jsonl")).unwrap();
    assert!(!log.contains(&pin) && !run.stderr.contains(&pin));
    assert!(
        audit(&t)
            .iter()
            .any(|r| r["action"] == "qr.issue" && r["result"] == "success"),
        "{log}"
    );
    // a second method is refused before anything is sent, with what to do instead
    let again = t.run(["qr", "issue", user, "--yes", "--verified-by", "callback"]);
    assert_eq!(again.code, 2, "{again}");
    assert!(again.stderr.contains("care qr temp"), "{again}");
    // the user is told, with the day in words (a date is never masked as a phone number)
    let told = t.outbox();
    let text = told.last().unwrap().to_string();
    assert!(
        text.contains("valid until") && !text.contains("a number ending in"),
        "{text}"
    );

    // a forgotten badge: a temporary code for a shift, on a terminal (drawn, no PIN)
    let temp = t
        .run_tty(
            "100",
            [
                "qr",
                "temp",
                user,
                "--hours",
                "8",
                "--yes",
                "--verified-by",
                "callback",
            ],
        )
        .success();
    assert!(
        temp.stdout.contains("Temporary QR code for Kevin Patel"),
        "{temp}"
    );
    assert!(
        temp.stdout.contains('▀') && !temp.stdout.contains("PIN "),
        "{temp}"
    );
    let method = t.get(
        &token,
        &format!("/v1.0/users/{}/authentication/qrCodePinMethod", enc(user)),
    );
    let (start, end) = (
        method.body["temporaryQRCode"]["startDateTime"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap(),
        method.body["temporaryQRCode"]["expireDateTime"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap(),
    );
    assert_eq!(end.duration_since(start).as_hours(), 8);
    // a new PIN, shown once
    let reset = t
        .run([
            "-o",
            "json",
            "qr",
            "pin-reset",
            user,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .success()
        .json();
    let new_pin = reset["pin"].as_str().unwrap();
    assert!(new_pin.len() >= 8 && new_pin != pin);
    // show: dates, never a code
    let shown = t.run(["-o", "json", "qr", "show", user]).success();
    assert!(!shown.stdout.contains(new_pin));
    assert_eq!(shown.json()[0]["pinMustChange"], true);
    // removed, and removing again says so
    t.run(["qr", "remove", user, "--yes", "--verified-by", "callback"])
        .success();
    let gone = t.get(
        &token,
        &format!("/v1.0/users/{}/authentication/qrCodePinMethod", enc(user)),
    );
    assert_eq!(gone.status, 404);
    let twice = t
        .run(["qr", "remove", user, "--yes", "--verified-by", "callback"])
        .success();
    assert!(twice.stderr.contains("nothing to remove"), "{twice}");
}

/// What can be refused is refused before any request (hours out of range, a badge that is not
/// a new .png); what Graph's state decides is refused before any write (no method yet, the
/// policy turned off), each with the exit code and what to do.
#[test]
fn qr_refusals_say_why_and_change_nothing() {
    let t = Tenant::start();
    t.reset_stats();
    for (args, says) in [
        (
            vec!["qr", "temp", demo::NO_SIGNAL, "--hours", "13"],
            "1 to 12 hours, not 13",
        ),
        (
            vec!["qr", "temp", demo::NO_SIGNAL, "--hours", "0"],
            "1 to 12 hours, not 0",
        ),
        (
            vec!["qr", "issue", demo::NO_SIGNAL, "--badge", "badge.jpg"],
            "a .png or .pdf file",
        ),
    ] {
        let run = t.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert!(run.stderr.contains(says), "{args:?}: {run}");
    }
    assert_eq!(graph_requests(&t.stats()), 0, "nothing was sent");
    let none = t.run([
        "qr",
        "temp",
        demo::NO_SIGNAL,
        "--hours",
        "4",
        "--yes",
        "--verified-by",
        "callback",
    ]);
    assert_eq!(none.code, 5, "{none}");
    assert!(none.stderr.contains("care qr issue"), "{none}");
    // the policy turned off: issue is refused, and the policy says so in words
    let r = t.call(
        "PATCH",
        "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin",
        Some(&t.token()),
        Some(json!({"@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration", "state": "disabled"})),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let off = t.run([
        "qr",
        "issue",
        demo::NO_SIGNAL,
        "--yes",
        "--verified-by",
        "callback",
    ]);
    assert_eq!(off.code, 2, "{off}");
    assert!(
        off.stderr
            .contains("off in the tenant's authentication methods policy"),
        "{off}"
    );
    let words = t.run(["policies"]).success();
    assert!(
        words.stdout.contains("QR code + PIN sign-in is off"),
        "{words}"
    );
    assert_eq!(writes(&t.stats(), demo::NO_SIGNAL, &["qr.create"]), 0);
}

/// The sandbox answers as Graph documents: one method a user, a temporary code of 1–12 hours,
/// the PIN reset answered 201, the images and PIN only when made.
#[test]
fn the_sandbox_keeps_graphs_qr_rules() {
    let t = Tenant::start();
    let token = t.token();
    let path = format!(
        "/v1.0/users/{}/authentication/qrCodePinMethod",
        enc(demo::NO_SIGNAL)
    );
    let made = t.call(
        "PUT",
        &path,
        Some(&token),
        Some(json!({"standardQRCode": {}})),
        &[],
    );
    assert_eq!(made.status, 201, "{}", made.text);
    assert!(
        made.body["pin"]["code"]
            .as_str()
            .is_some_and(|p| p.len() == 8)
    );
    assert!(made.body["standardQRCode"]["image"]["binaryValue"].is_string());
    let twice = t.call(
        "PUT",
        &path,
        Some(&token),
        Some(json!({"standardQRCode": {}})),
        &[],
    );
    assert_eq!(twice.status, 400);
    assert_eq!(twice.code(), "tooManyQRCodePinMethod");
    let now = jiff::Timestamp::now();
    let long = t.call(
        "PATCH",
        &format!("{path}/temporaryQRCode"),
        Some(&token),
        Some(json!({"startDateTime": now.to_string(), "expireDateTime": (now + jiff::SignedDuration::from_hours(13)).to_string()})),
        &[],
    );
    assert_eq!(long.code(), "qrCodeLifeTimeExceedLimit", "{}", long.text);
    let pin = t.call(
        "PATCH",
        &format!("{path}/pin"),
        Some(&token),
        Some(json!({})),
        &[],
    );
    assert_eq!(pin.status, 201, "{}", pin.text);
    assert_ne!(pin.body["code"], made.body["pin"]["code"]);
    let other = format!(
        "/v1.0/users/{}/authentication/qrCodePinMethod",
        enc(demo::LEFT_PHONE_AT_HOME)
    );
    let no_standard = t.call(
        "PUT",
        &other,
        Some(&token),
        Some(json!({"pin": {"code": "35387687"}})),
        &[],
    );
    assert_eq!(no_standard.code(), "standardQRCodeRequired");
    let short = t.call(
        "PUT",
        &other,
        Some(&token),
        Some(json!({"standardQRCode": {}, "pin": {"code": "1234"}})),
        &[],
    );
    assert_eq!(short.code(), "pinTooShort");
}

/// The policies in plain words: who may use what, and what a passkey profile allows (the
/// district's Staff profile: device-bound only, in Authenticator or a YubiKey 5); a change to
/// the policy shows at once.
#[test]
fn the_policies_in_plain_words() {
    let t = Tenant::start();
    let run = t.run_tty("200", ["policies"]).success();
    for says in [
        "QR code + PIN sign-in is on for everyone",
        "a PIN has at least 8 digits",
        "key fobs are on for everyone",
        "for everyone (Staff): device-bound passkeys only (synced passkeys are not allowed); only Microsoft Authenticator (iOS)",
        "self-service setup is on",
    ] {
        assert!(run.stdout.contains(says), "{says}: {run}");
    }
    let path =
        "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    let token = t.token();
    let off = t.call(
        "PATCH",
        path,
        Some(&token),
        Some(json!({"@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration", "isSelfServiceRegistrationAllowed": false})),
        &[],
    );
    assert_eq!(off.status, 204, "{}", off.text);
    let json = t.run(["-o", "json", "policies"]).success().json();
    let passkeys = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["method"] == "passkeys")
        .unwrap()
        .to_string();
    assert!(passkeys.contains("self-service setup is off"), "{passkeys}");
    // the sandbox keeps Graph's limit: three passkey profiles at most
    let four: Vec<Value> = (1..=4)
        .map(|i| json!({"id": format!("00000000-0000-0000-0000-00000000000{i}"), "name": format!("p{i}"), "passkeyTypes": "deviceBound"}))
        .collect();
    let refused = t.call(
        "PATCH",
        path,
        Some(&token),
        Some(json!({"passkeyProfiles": four})),
        &[],
    );
    assert_eq!(refused.status, 400, "{}", refused.text);
}

/// A wave of badges: each row's PIN in the 0600 codes file only, each badge a PNG whose code
/// decodes to its person, printable sheets of four; the PINs in no journal or audit record;
/// the same file again does nothing.
#[test]
fn bulk_qr_issue_makes_badges_and_keeps_the_pins_private() {
    let t = Tenant::start();
    let users = staff(&t, 5);
    let csv = write_csv(&t, "drivers.csv", &format!("user\n{}\n", users.join("\n")));
    let (codes, badges) = (t.dir.path().join("pins.csv"), t.dir.path().join("badges"));
    let run = t.run_cmd(
        t.care()
            .args(["bulk", "qr-issue", "--yes", "--file"])
            .arg(&csv)
            .arg("--codes-out")
            .arg(&codes)
            .arg("--badges")
            .arg(&badges)
            .args(APPROVED),
    );
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains("5 badges on 2 printable sheets"),
        "{run}"
    );
    let mut pins = vec![];
    for rec in csv::Reader::from_path(&codes).unwrap().records() {
        let rec = rec.unwrap();
        let (user, pin, badge) = (&rec[1], &rec[2], &rec[5]);
        assert!(pin.len() >= 8 && pin.chars().all(|c| c.is_ascii_digit()));
        let held = decode(&std::fs::read(badges.join(badge)).unwrap());
        assert!(held.contains(user), "{badge}: {held}");
        pins.push(pin.to_string());
    }
    assert_eq!(pins.len(), 5);
    assert!(badges.join("sheet-1.png").exists() && badges.join("sheet-2.png").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&codes), 0o600);
        assert_eq!(mode(&badges), 0o700);
    }
    let mut files = vec![];
    for dir in ["state/care/jobs", "state/care"] {
        for e in std::fs::read_dir(t.dir.path().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    for pin in &pins {
        assert!(
            files.iter().all(|f| !f.contains(pin.as_str())),
            "a PIN in the state dir"
        );
        assert!(!run.stderr.contains(pin.as_str()));
    }
    assert_eq!(
        audit(&t)
            .iter()
            .filter(|r| r["action"] == "qr.issue" && r["result"] == "success")
            .count(),
        5
    );
    let again = t.run_cmd(
        t.care()
            .args(["bulk", "qr-issue", "--yes", "--file"])
            .arg(&csv)
            .arg("--codes-out")
            .arg(t.dir.path().join("pins2.csv"))
            .arg("--badges")
            .arg(t.dir.path().join("badges2"))
            .args(APPROVED),
    );
    assert_eq!(again.code, 2, "{again}");
    assert!(again.stderr.contains("ran to the end already"), "{again}");
    assert!(again.stderr.contains("--badges"), "{again}");
    assert!(!t.dir.path().join("pins2.csv").exists());
}

/// The image a PDF badge prints, decoded as a phone's camera would read the printed page.
fn decode_pdf(pdf: &[u8]) -> String {
    // by bytes: a PDF's second line is binary
    let find = |from: usize, what: &[u8]| -> usize {
        from + pdf[from..]
            .windows(what.len())
            .position(|w| w == what)
            .unwrap()
    };
    let number = |key: &[u8]| -> usize {
        let at = find(0, key) + key.len();
        let digits: String = pdf[at..]
            .iter()
            .map(|b| *b as char)
            .skip_while(|c| *c == ' ')
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    let (w, h) = (number(b"/Width"), number(b"/Height"));
    let start = find(find(0, b"/Subtype /Image"), b"stream\n") + b"stream\n".len();
    let end = find(start, b"\nendstream");
    let px = miniz_oxide::inflate::decompress_to_vec_zlib(&pdf[start..end]).unwrap_or_else(|e| {
        panic!(
            "the image does not inflate: {:?} ({start}..{end})",
            e.status
        )
    });
    assert_eq!(px.len(), w * h);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| px[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

/// `--badge FILE.pdf`: a one-page PDF of the badge, its code readable.
#[test]
fn a_badge_as_a_pdf() {
    let t = Tenant::start();
    let pdf = t.dir.path().join("badge.pdf");
    t.run_cmd(
        t.care()
            .args(["qr", "issue", demo::NO_SIGNAL, "--badge"])
            .arg(&pdf)
            .args(VERIFIED),
    )
    .success();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(decode_pdf(&bytes).contains(demo::NO_SIGNAL));
}

/// A second way in on the same day (a badge, then a temporary QR code) is over the district's
/// limit like a second pass: refused, the override said.
#[test]
fn ways_in_count_together_against_the_daily_limit() {
    let t = Tenant::start();
    policy(&t, "passes-per-user-per-day = 1");
    let user = demo::NO_SIGNAL;
    t.run(["qr", "issue", user].iter().chain(&VERIFIED))
        .success();
    let second = t.run(["qr", "temp", user, "--hours", "4"].iter().chain(&VERIFIED));
    assert_eq!(second.code, 2, "{second}");
    assert!(second.stderr.contains("already got a way in"), "{second}");
    t.run(
        [
            "qr",
            "temp",
            user,
            "--hours",
            "4",
            "--override",
            "badge left at home, lead agreed",
        ]
        .iter()
        .chain(&VERIFIED),
    )
    .success();
}

/// A badge that can't be written never costs the PIN: the PIN is shown, then the failure said.
#[test]
fn a_badge_that_cannot_be_written_still_shows_the_pin() {
    let t = Tenant::start();
    let blocker = t.dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where a folder should be").unwrap();
    let run = t.run_cmd(
        t.care()
            .args(["-o", "json", "qr", "issue", demo::NO_SIGNAL, "--badge"])
            .arg(blocker.join("badge.png"))
            .args(VERIFIED),
    );
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.json()["pin"].as_str().is_some_and(|p| p.len() >= 8),
        "{run}"
    );
    assert!(
        run.stderr.contains("its badge could not be written"),
        "{run}"
    );
}
