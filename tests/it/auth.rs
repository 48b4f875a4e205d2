//! `care login` and `care auth`: an agent signing in (browser, device code), an app (secret,
//! certificate), and what a refusal says.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};

// ---- the browser flow ------------------------------------------------------------------------

#[test]
fn an_agent_signs_in_with_the_browser_and_care_acts_as_them() {
    let t = Tenant::start();
    let out = t.login_browser(demo::AGENT_AUTH_ADMIN, &[]);
    assert_ok(&out);
    let err = text(&out.stderr);
    assert!(
        err.contains("Signed in as care.auth@district.example"),
        "{err}"
    );
    // login_browser signs in without the app's secret in the environment
    assert!(!err.contains("acts instead of your sign-in"), "{err}");
    // no D-Bus session in the test environment: the sign-in falls back to a private file
    assert!(err.contains("not available"), "{err}");
    let status = status_json(&t);
    assert_eq!(status["account"], "care.auth@district.example (Casey Auth)");
    assert_eq!(status["kind"], "agent (delegated sign-in)");
    let roles = status["roles"].to_string();
    assert!(roles.contains("Authentication Administrator"), "{status}");
    assert!(
        status["scopes"]
            .to_string()
            .contains("UserAuthenticationMethod.ReadWrite.All"),
        "{status}"
    );
    // the app's secret in the environment (as sandbox.env leaves it) acts instead of the
    // agent: every command says so, and auth status says it first
    let run = t.run(["-o", "json", "auth", "status"]);
    assert!(
        run.stderr.contains("acting as the app ")
            && run.stderr.contains(
                "not as care.auth@district.example who is signed in; `unset CARE_CLIENT_SECRET`"
            ),
        "{run}"
    );
    assert!(
        run.json()["overridden"]
            .as_str()
            .unwrap()
            .starts_with("acting as the app"),
        "{run}"
    );
    let run = t.run(["auth", "status"]);
    assert!(run.stdout.trim_start().starts_with("! overridden"), "{run}");
    let run = t.run(["user", "show", demo::NO_SIGNAL]);
    assert!(run.stderr.contains("acting as the app"), "{run}");
    let run = t.run_cmd(t.care_agent().args(["user", "show", demo::NO_SIGNAL]));
    assert!(!run.stderr.contains("acting as"), "{run}");
    // the change is attributed to the agent in the tenant's own audit log
    t.care_agent()
        .args(["session", "revoke", demo::NO_SIGNAL, "--yes"])
        .assert()
        .success();
    let audits = t.get(&t.token(), "/v1.0/auditLogs/directoryAudits").body;
    let last = audits["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["activityDisplayName"] == "Update StsRefreshTokenValidFrom Timestamp")
        .unwrap_or_else(|| panic!("{audits}"));
    assert_eq!(
        last["initiatedBy"]["user"]["userPrincipalName"],
        demo::AGENT_AUTH_ADMIN,
        "{last}"
    );
    // a secret never leaves its file: not in any stderr
    let file = std::fs::read_to_string(session_file(&t)).unwrap();
    let saved: Value = serde_json::from_str(&file).unwrap();
    let rt = saved["secrets"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!err.contains(&rt));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&session_file(&t)), 0o600);
        assert_eq!(mode(&t.sessions_dir()), 0o700);
    }
    t.care_agent()
        .args(["auth", "logout"])
        .assert()
        .success()
        .stderr(contains("signed out"));
    assert!(!session_file(&t).exists());
    t.care_agent()
        .args(["auth", "status"])
        .assert()
        .code(4)
        .stderr(contains("care login"));
}

#[test]
fn the_loopback_port_takes_one_answer_whose_state_matches() {
    let t = Tenant::start();
    let mut cmd = t.std_care();
    cmd.env_remove("CARE_CLIENT_SECRET")
        .args(["login", "--no-browser", "--timeout", "30"]);
    let mut login = Spawned::start(cmd);
    let url = login
        .wait_for_line("/oauth2/v2.0/authorize")
        .trim()
        .to_string();
    let location = t.press_sign_in(&url, demo::AGENT_AUTH_ADMIN);
    let (base, query) = location.split_once('?').unwrap();
    // the redirect goes to the loopback IP (RFC 8252 §8.3), where care listens
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(
        url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"),
        "{url}"
    );
    // forged answers (another state) are refused and ignored; care keeps waiting
    let forged = format!("{base}?code=forged&state=not-the-one");
    for _ in 0..30 {
        assert_eq!(
            t.try_call("GET", &forged, None, None, &[]).unwrap().status,
            400
        );
    }
    assert_eq!(
        t.try_call("GET", &format!("{base}favicon.ico"), None, None, &[])
            .unwrap()
            .status,
        404
    );
    login.wait_for_line("ignored");
    // the real one completes the sign-in, and then the port is closed
    assert_eq!(
        t.try_call("GET", &format!("{base}?{query}"), None, None, &[])
            .unwrap()
            .status,
        200
    );
    let out = login.finish();
    assert_ok(&out);
    // said once, then counted: not a line for each of 30 forgeries
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.matches("care: ignored an answer").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("ignored 30 answers in all"), "{stderr}");
    assert!(
        t.try_call("GET", &format!("{base}?{query}"), None, None, &[])
            .is_err()
    );
    // the authorization request carried PKCE (S256) and a state
    assert!(
        url.contains("code_challenge_method=S256") && url.contains("state="),
        "{url}"
    );
    assert!(url.contains("offline_access"), "{url}");
}

#[test]
fn a_declined_sign_in_exits_4_and_saves_nothing() {
    let t = Tenant::start();
    let mut cmd = t.std_care();
    cmd.env_remove("CARE_CLIENT_SECRET")
        .args(["login", "--no-browser", "--timeout", "30"]);
    let mut login = Spawned::start(cmd);
    let url = login
        .wait_for_line("/oauth2/v2.0/authorize")
        .trim()
        .to_string();
    let page = t.try_call("GET", &url, None, None, &[]).unwrap();
    let mut form = hidden_inputs(&page.text, "signin");
    form.retain(|(k, _)| k != "action");
    form.push(("action".into(), "decline".into()));
    let location = t.submit(&url, &form);
    assert!(location.contains("error=access_denied"), "{location}");
    t.try_call("GET", &location, None, None, &[]).unwrap();
    let out = login.finish();
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("access_denied"));
    assert!(!session_file(&t).exists());
}

// ---- the device-code flow, refresh and revocation --------------------------------------------

#[test]
fn device_code_sign_in_refreshes_silently_until_revoked() {
    let t = Tenant::start();
    let mut cmd = t.std_care();
    cmd.env_remove("CARE_CLIENT_SECRET")
        .args(["login", "--device-code"]);
    let mut login = Spawned::start(cmd);
    let line = login.wait_for_line("enter the code");
    let code = line
        .split("enter the code ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    // pending: care keeps polling until the agent approves
    t.wait_for("care polled for the token", |s| {
        s["grants"]["urn:ietf:params:oauth:grant-type:device_code"].as_u64() >= Some(1)
    });
    t.care()
        .args(["sandbox", "approve", &code, "--as", demo::AGENT_PRIV_AUTH])
        .assert()
        .success();
    let out = login.finish();
    assert_ok(&out);
    assert_eq!(
        status_json(&t)["account"],
        "care.privauth@district.example (Priya Privileged)"
    );
    // the access token expires: the next command refreshes it without asking
    t.advance_clock("2h");
    t.care_agent()
        .args(["user", "show", demo::NO_SIGNAL])
        .assert()
        .success();
    let before = std::fs::read_to_string(session_file(&t)).unwrap();
    // the agent's sessions are revoked (for example after a password change)
    let app = t.token();
    let r = t.call(
        "POST",
        &format!("/v1.0/users/{}/revokeSignInSessions", demo::AGENT_PRIV_AUTH),
        Some(&app),
        None,
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    t.advance_clock("2h");
    t.care_agent()
        .args(["user", "show", demo::NO_SIGNAL])
        .assert()
        .code(4)
        .stderr(contains("run `care login`").and(contains("invalid_grant").not()));
    let after = std::fs::read_to_string(session_file(&t)).unwrap();
    assert!(before.contains("refreshToken") && !after.contains("refreshToken"));
    t.care_agent().args(["auth", "status"]).assert().code(4);
}

#[test]
fn device_code_declined_or_expired_exits_4() {
    let t = Tenant::start();
    let mut cmd = t.std_care();
    cmd.env_remove("CARE_CLIENT_SECRET")
        .args(["login", "--device-code"]);
    let mut login = Spawned::start(cmd);
    let line = login.wait_for_line("enter the code");
    let code = line
        .split("enter the code ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    t.care()
        .args([
            "sandbox",
            "approve",
            &code,
            "--as",
            demo::AGENT_AUTH_ADMIN,
            "--decline",
        ])
        .assert()
        .success();
    let out = login.finish();
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("authorization_declined"));

    let mut cmd = t.std_care();
    cmd.env_remove("CARE_CLIENT_SECRET")
        .args(["login", "--device-code"]);
    let mut login = Spawned::start(cmd);
    login.wait_for_line("enter the code");
    t.advance_clock("20m");
    let out = login.finish();
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("expired"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("--device-code"));
}

// ---- the app: secret and certificate ---------------------------------------------------------

#[test]
fn an_app_signs_in_with_a_secret_from_stdin() {
    let t = Tenant::start();
    let secret = t.creds.client_secret.expose().to_string();
    // a wrong secret: refused, nothing saved, and the value is never echoed
    t.care_agent()
        .args(["login", "--app", "--client-secret-stdin"])
        .write_stdin("CANARY-wrong-secret\n")
        .assert()
        .code(4)
        .stderr(contains("invalid_client").and(contains("CANARY").not()));
    assert!(!session_file(&t).exists());
    let out = t
        .care_agent()
        .args(["--debug", "login", "--app", "--client-secret-stdin"])
        .write_stdin(format!("{secret}\n"))
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(
        !text(&out.stderr).contains(&secret),
        "the secret is never logged"
    );
    // later commands need no secret in the environment
    let out = t
        .care_agent()
        .args(["--debug", "user", "show", demo::LOST_PHONE])
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(!text(&out.stderr).contains(&secret));
    let status = status_json(&t);
    assert_eq!(status["kind"], "app (client secret)");
    assert!(
        status["roles"]
            .to_string()
            .contains("UserAuthenticationMethod.ReadWrite.All")
    );
}

#[test]
fn an_app_signs_in_with_a_certificate() {
    let t = Tenant::start();
    let pem = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/app-cert.pem");
    // not registered on the app yet: the platform says so, and the hint says what to do
    t.care_agent()
        .args(["login", "--app", "--certificate", pem])
        .assert()
        .code(4)
        .stderr(contains("700027").and(contains("Certificates & secrets")));
    let r = t.admin(
        "POST",
        "/_sandbox/certificates",
        Some(json!({"pem": std::fs::read_to_string(pem).unwrap()})),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    t.care_agent()
        .args(["login", "--app", "--certificate", pem])
        .assert()
        .success()
        .stderr(contains("Signed in as app"));
    t.care_agent()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    assert_eq!(status_json(&t)["kind"], "app (certificate)");
    // a key care can't sign with is explained
    let ec = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ec-cert.pem");
    t.care_agent()
        .args(["login", "--app", "--certificate", ec])
        .assert()
        .code(2)
        .stderr(contains("RSA"));
    // the certificate also works from a profile, without care login
    let cfg = t.dir.path().join("config/care/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, format!("certificate = '{pem}'\n")).unwrap();
    t.care_agent().args(["auth", "logout"]).assert().success();
    t.care_agent()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
}

// ---- the saved sign-in on disk ---------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_sign_in_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let t = Tenant::start();
    assert_ok(&t.login_browser(demo::AGENT_AUTH_ADMIN, &[]));
    std::fs::set_permissions(session_file(&t), std::fs::Permissions::from_mode(0o644)).unwrap();
    t.care_agent()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .code(4)
        .stderr(contains("other users").and(contains("chmod 600")));
}

#[test]
fn refusals_name_the_role_that_is_missing() {
    let t = Tenant::start();
    assert_ok(&t.login_browser(demo::AGENT_HELPDESK, &[]));
    t.care_agent()
        .args([
            "passcode",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(4)
        .stderr(contains("Authentication Administrator"));
    t.care_agent()
        .args(["signin", "list", demo::LEFT_PHONE_AT_HOME])
        .assert()
        .code(4)
        .stderr(contains("Reports Reader"));
    t.care_agent().args(["auth", "logout"]).assert().success();
    assert_ok(&t.login_browser(demo::AGENT_AUTH_ADMIN, &[]));
    t.care_agent()
        .args([
            "passcode",
            "issue",
            demo::ADMIN_TARGET,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(
            contains("Privileged Authentication Administrator")
                .and(contains("nothing was changed")),
        );
    // an Authentication Administrator can't read the TAP policy: the pass is still issued,
    // and Graph checks its lifetime
    t.care_agent()
        .args([
            "passcode",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .success();
}

// ---- the embedded sandbox as a training tenant -----------------------------------------------

#[test]
fn a_trainee_signs_in_to_the_embedded_sandbox_as_an_agent() {
    let t = Tenant::start();
    let mut cmd = t.std_care();
    for v in [
        "CARE_GRAPH_URL",
        "CARE_LOGIN_URL",
        "CARE_TENANT",
        "CARE_CLIENT_ID",
        "CARE_CLIENT_SECRET",
    ] {
        cmd.env_remove(v);
    }
    cmd.args(["login", "--no-browser", "--timeout", "30"]);
    let mut login = Spawned::start(cmd);
    let url = login
        .wait_for_line("/oauth2/v2.0/authorize")
        .trim()
        .to_string();
    let location = t.press_sign_in(&url, demo::AGENT_READER);
    t.try_call("GET", &location, None, None, &[]).unwrap();
    let out = login.finish();
    assert_ok(&out);
    assert!(text(&out.stderr).contains("embedded sandbox"));
    // the embedded sandbox, new, wrote its week at the center beside the audit log
    let weeks: Vec<_> = std::fs::read_dir(t.dir.path().join("state/care"))
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("sandbox-week-") && name.ends_with(".jsonl")
        })
        .collect();
    assert_eq!(weeks.len(), 1, "{weeks:?}");
    let week = std::fs::read_to_string(weeks[0].path()).unwrap();
    assert!(week.contains("\"call\":\"sandbox-seed-01\"") && week.contains(demo::REPEAT_CALLER));
    // a Global Reader reads but cannot change anything
    t.care_zero_config()
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
        .code(4)
        .stderr(contains("Authentication Administrator"));
    t.care_zero_config()
        .args(["-o", "json", "auth", "status"])
        .assert()
        .success()
        .stdout(contains("care.reader@district.example"));
}

/// On a terminal the embedded sandbox says it is in use once per terminal session (the shell
/// care runs under), not before every command.
#[cfg(unix)]
#[test]
fn the_sandbox_notice_is_said_once_per_terminal_session() {
    let t = Tenant::start();
    let shown = || {
        let mut cmd = t.std_care();
        for v in [
            "CARE_GRAPH_URL",
            "CARE_LOGIN_URL",
            "CARE_TENANT",
            "CARE_CLIENT_ID",
            "CARE_CLIENT_SECRET",
        ] {
            cmd.env_remove(v);
        }
        cmd.args(["user", "show", demo::LEFT_PHONE_AT_HOME])
            .env("TERM", "xterm-256color")
            .env("COLUMNS", "120");
        let mut p = expectrl::Session::spawn(cmd).unwrap();
        p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
        let all = expectrl::Expect::expect(&mut p, expectrl::Eof).unwrap();
        String::from_utf8_lossy(all.as_bytes()).into_owned()
    };
    let first = shown();
    assert!(
        first.contains("using the embedded sandbox tenant"),
        "{first}"
    );
    assert!(first.contains("Maria Garcia"), "{first}");
    let second = shown();
    assert!(second.contains("Maria Garcia"), "{second}");
    assert!(!second.contains("using the embedded sandbox"), "{second}");
}

#[test]
fn permission_denials_exit_4() {
    let t = Tenant::start();
    let reader = t.user_token(demo::AGENT_READER);
    let as_reader = |args: &[&str]| t.run_cmd(t.care().env("CARE_TOKEN", &reader).args(args));
    as_reader(&["user", "show", demo::LOST_PHONE]).success();
    insta::assert_snapshot!(as_reader(&["phone", "set", demo::LOST_PHONE, "502-555-0142", "--yes", "--verified-by", "callback"]), @"
    ------- stderr -------
    care: verified (called back on a number of record: +1 8598424327); changes to Sean O'Brien (sean.o'brien@district.example) in the next 15 minutes use it
    error: PATCH /v1.0/users/[id]/authentication/phoneMethods/[id]: The signed-in user needs one of these roles: Global Administrator, Privileged Authentication Administrator, Authentication Administrator. (accessDenied, HTTP 403)
    hint: this needs the Graph permission UserAuthenticationMethod.ReadWrite.All and, for an agent signed in as themselves, one of the Entra roles Authentication Administrator, Privileged Authentication Administrator; if the user holds an admin role, only a Privileged Authentication Administrator can do it: escalate
    hint: Graph request-id [id] (client-request-id [id])
    [exit status: 4]
    ");
    insta::assert_snapshot!(t.run_cmd(t.care().env("CARE_TOKEN", "garbage").args(["user", "show", demo::LOST_PHONE])), @"
    ------- stderr -------
    error: the bearer token in CARE_TOKEN was rejected
    hint: CARE_TOKEN may have expired; get a new token
    [exit status: 4]
    ");
    insta::assert_snapshot!(t.run_cmd(t.care().env("CARE_CLIENT_SECRET", "wrong").args(["user", "show", demo::LOST_PHONE])), @"
    ------- stderr -------
    error: the identity platform refused the sign-in (invalid_client): AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '[id]'.
    hint: check the client secret (the secret's value, not its id)
    [exit status: 4]
    ");
    insta::assert_snapshot!(t.run_cmd(t.care().env_remove("CARE_CLIENT_SECRET").args(["user", "show", demo::LOST_PHONE])), @"
    ------- stderr -------
    error: not signed in to http://127.0.0.1:[port]
    hint: sign in as yourself: care login
    hint: for scripts: CARE_TOKEN, or an app's CARE_CLIENT_ID, CARE_TENANT and CARE_CLIENT_SECRET
    hint: or pass --sandbox to use the embedded sandbox
    [exit status: 4]
    ");
    // a helpdesk agent's card shows what it can and says what it can't
    let helpdesk = t.user_token(demo::AGENT_HELPDESK);
    let out = t
        .care()
        .env("CARE_TOKEN", &helpdesk)
        .args(["-o", "json", "user", "show", demo::LOST_PHONE])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let card = stdout_json(&out);
    assert!(card["methods"].is_null());
    // methods, registration, sign-ins, and what the red flags are read from: risk, reports
    // of suspicious activity, the audit log
    assert_eq!(card["unavailable"].as_array().unwrap().len(), 6, "{card}");
}

/// What `care auth …` parses to, or its usage error (no HTTP).
#[test]
fn parse_auth() {
    insta::assert_snapshot!(parse(["login", "--device-code"]), @"
    Login(
        LoginArgs {
            device_code: true,
            no_browser: false,
            app: false,
            client_secret_stdin: false,
            certificate: None,
            timeout: 300,
        },
    )
    ");
    insta::assert_snapshot!(parse(["auth", "login", "--app", "--client-secret-stdin"]), @"
    Auth(
        Login(
            LoginArgs {
                device_code: false,
                no_browser: false,
                app: true,
                client_secret_stdin: true,
                certificate: None,
                timeout: 300,
            },
        ),
    )
    ");
    insta::assert_snapshot!(parse(["login", "--no-browser", "--timeout", "30"]), @"
    Login(
        LoginArgs {
            device_code: false,
            no_browser: true,
            app: false,
            client_secret_stdin: false,
            certificate: None,
            timeout: 30,
        },
    )
    ");
    insta::assert_snapshot!(parse(["auth", "status"]), @"
    Auth(
        Status,
    )
    ");
    insta::assert_snapshot!(parse(["auth", "logout", "--all"]), @"
    Auth(
        Logout(
            LogoutArgs {
                all: true,
            },
        ),
    )
    ");
}

/// A port on this machine that records whether anything connected to it (a forged login URL).
struct Recorder(std::net::TcpListener);

impl Recorder {
    fn start() -> Recorder {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.set_nonblocking(true).unwrap();
        Recorder(l)
    }
    fn url(&self) -> String {
        format!("http://{}", self.0.local_addr().unwrap())
    }
    /// A connection waits in the backlog whether or not it was accepted: none may have come.
    fn assert_untouched(&self) {
        match self.0.accept() {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            other => panic!("something connected to the forged login URL: {other:?}"),
        }
    }
}

/// A saved sign-in's tokens go only to the login URL, Graph, tenant and app it came from: a
/// setting that points elsewhere (a CARE_LOGIN_URL left from sandbox.env) is refused with exit
/// 4, naming the setting; nothing reaches the other port and the sign-in is not forgotten.
#[test]
fn a_saved_sign_in_goes_only_where_it_came_from() {
    let t = Tenant::start();
    assert_ok(&t.login_browser(demo::AGENT_AUTH_ADMIN, &[]));
    let recorder = Recorder::start();
    // the tokens must be refreshed: the sandbox's clock moves past the access token's life
    t.advance_clock("2h");
    let saved = std::fs::read_to_string(session_file(&t)).unwrap();
    assert!(saved.contains("refreshToken"));
    t.care_agent()
        .env("CARE_LOGIN_URL", recorder.url())
        .args(["user", "show", demo::NO_SIGNAL])
        .assert()
        .code(4)
        .stderr(
            contains(format!("the login URL {}", recorder.url()))
                .and(contains("flag or environment"))
                .and(contains(format!("is not {}", t.root)))
                .and(contains("nothing was sent")),
        );
    for (var, value) in [
        ("CARE_TENANT", "contoso.onmicrosoft.com"),
        ("CARE_CLIENT_ID", "00000000-0000-0000-0000-000000000001"),
    ] {
        t.care_agent()
            .env(var, value)
            .args(["user", "show", demo::NO_SIGNAL])
            .assert()
            .code(4)
            .stderr(contains(value).and(contains("the saved sign-in")));
    }
    recorder.assert_untouched();
    assert_eq!(std::fs::read_to_string(session_file(&t)).unwrap(), saved);
    // as it came, it still works
    t.care_agent()
        .args(["user", "show", demo::NO_SIGNAL])
        .assert()
        .success();

    // a real tenant's sign-in, with the login URL of a sandbox.env half unset: a login URL on
    // this machine beside a Graph that is not is refused before anything is sent
    let mut real: serde_json::Value = serde_json::from_str(&saved).unwrap();
    real["graphUrl"] = "https://graph.microsoft.com".into();
    real["loginUrl"] = "https://login.microsoftonline.com".into();
    let real = serde_json::to_string(&real).unwrap();
    std::fs::write(session_file(&t), &real).unwrap();
    let tenant = t.creds.tenant_id.clone();
    t.care_agent()
        .env_remove("CARE_GRAPH_URL")
        .env("CARE_LOGIN_URL", recorder.url())
        .env("CARE_TENANT", &tenant)
        .args(["user", "show", demo::NO_SIGNAL])
        .assert()
        .code(4)
        .stderr(contains("not the same kind of tenant").and(contains("nothing was sent")));
    // the reverse: a sandbox's Graph with the real login URL
    t.care_agent()
        .env("CARE_LOGIN_URL", "https://login.microsoftonline.com")
        .args(["user", "show", demo::NO_SIGNAL])
        .assert()
        .code(4)
        .stderr(contains("not the same kind of tenant"));
    recorder.assert_untouched();
    assert_eq!(std::fs::read_to_string(session_file(&t)).unwrap(), real);
}

/// care's saved sign-in keeps working whether the identity platform's refresh tokens stay
/// good after use (Entra, the sandbox's default) or are single-use (a stricter server): it
/// keeps the newest one each time.
#[test]
fn refreshes_work_with_reusable_and_single_use_refresh_tokens() {
    let t = Tenant::start();
    let out = t.login_browser(demo::AGENT_AUTH_ADMIN, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for single_use in [true, false, true] {
        t.admin(
            "POST",
            "/_sandbox/identity",
            Some(serde_json::json!({"singleUseRefreshTokens": single_use})),
        );
        for _ in 0..2 {
            t.advance_clock("2h");
            t.care_agent()
                .args(["user", "show", demo::NO_SIGNAL])
                .assert()
                .success();
        }
    }
}
