//! Signing in as an agent or as the app, saved sign-ins, profiles, the transport rules and the
//! delegated view of Graph: the real `care` binary against a real sandbox over loopback.

mod common;

use care::sandbox::demo;
use common::{Spawned, Tenant, enc};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};
use std::io::Read;

fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
}

fn status_json(t: &Tenant) -> Value {
    let out = t
        .care_agent()
        .args(["-o", "json", "auth", "status"])
        .output()
        .unwrap();
    assert_ok(&out);
    stdout_json(&out)
}

/// The saved sign-in file of the default profile.
fn session_file(t: &Tenant) -> std::path::PathBuf {
    t.sessions_dir().join("default.json")
}

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
        .find(|a| a["activityDisplayName"] == "Invalidate all refresh tokens for user")
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
    // a forged answer (another state) is refused and ignored; care keeps waiting
    let forged = format!("{base}?code=forged&state=not-the-one");
    assert_eq!(
        t.try_call("GET", &forged, None, None, &[]).unwrap().status,
        400
    );
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
    let mut form = common::hidden_inputs(&page.text, "signin");
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

#[test]
fn the_sign_in_page_refuses_what_is_not_a_loopback_redirect() {
    let t = Tenant::start();
    let base = format!("/{}/oauth2/v2.0/authorize", t.creds.tenant_id);
    let r = t.call(
        "GET",
        &format!(
            "{base}?client_id={}&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2F&scope=openid&state=s",
            t.creds.client_id
        ),
        None,
        None,
        &[],
    );
    assert_eq!(r.status, 400);
    assert!(r.text.contains("AADSTS50011"), "{}", r.text);
    let r = t.call(
        "GET",
        &format!("{base}?client_id=nope&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A1&scope=openid"),
        None,
        None,
        &[],
    );
    assert_eq!(r.status, 400);
    assert!(r.text.contains("AADSTS700016"), "{}", r.text);
}

#[test]
fn a_wrong_code_verifier_is_refused_by_the_token_endpoint() {
    let t = Tenant::start();
    let redirect = "http://localhost:9";
    let url = format!(
        "{}/{}/oauth2/v2.0/authorize?client_id={}&response_type=code&redirect_uri={}&scope=openid%20offline_access&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
        t.root,
        t.creds.tenant_id,
        t.creds.client_id,
        enc("http://localhost:9")
            .replace(':', "%3A")
            .replace('/', "%2F")
    );
    let location = t.press_sign_in(&url, demo::AGENT_AUTH_ADMIN);
    assert!(
        location.starts_with("http://localhost:9/?code="),
        "{location}"
    );
    assert!(location.ends_with("state=s1"), "{location}");
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let redeem = |verifier: &str| {
        t.form(
            &t.token_path(),
            &[
                ("client_id", &t.creds.client_id),
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", redirect),
                ("code_verifier", verifier),
            ],
        )
    };
    let r = redeem("the-wrong-verifier-the-wrong-verifier-the-wrong-verifier");
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.body["error"], "invalid_grant");
    // a code is redeemed at most once, even after a failed attempt
    let r = redeem("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assert_eq!(r.status, 400, "{}", r.text);
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
    std::thread::sleep(std::time::Duration::from_millis(1500));
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
    t.admin("POST", "/_sandbox/clock", Some(json!({"advance": "2h"})));
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
    t.admin("POST", "/_sandbox/clock", Some(json!({"advance": "2h"})));
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
    t.admin("POST", "/_sandbox/clock", Some(json!({"advance": "20m"})));
    let out = login.finish();
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("expired"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("--device-code"));
}

#[test]
fn the_device_login_page_approves_a_code() {
    let t = Tenant::start();
    let (device, user_code) = t.device_code("https://graph.microsoft.com/.default offline_access");
    let page = t.call("GET", "/devicelogin", None, None, &[]);
    assert!(page.text.contains(demo::AGENT_READER), "{}", page.text);
    let r = t.rt.block_on(async {
        t.http
            .post(format!("{}/devicelogin", t.root))
            .form(&[
                ("user_code", user_code.to_lowercase().as_str()),
                ("user", demo::AGENT_READER),
                ("action", "approve"),
            ])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    });
    assert!(r.contains("Signed in"), "{r}");
    assert_eq!(t.poll(&device).status, 200);
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
fn profiles_keep_sign_ins_apart() {
    let t = Tenant::start();
    let cfg = t.dir.path().join("config/care/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &cfg,
        format!(
            "# the district\n[profiles.desk]\ngraph-url = '{r}'\nlogin-url = '{r}'\ntenant = '{tid}'\nclient-id = '{cid}'\n",
            r = t.root,
            tid = t.creds.tenant_id,
            cid = t.creds.client_id
        ),
    )
    .unwrap();
    let bare = || {
        let mut c = t.care_agent();
        for v in [
            "CARE_GRAPH_URL",
            "CARE_LOGIN_URL",
            "CARE_TENANT",
            "CARE_CLIENT_ID",
        ] {
            c.env_remove(v);
        }
        c
    };
    // sign in through the profile only
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
    cmd.env("CARE_PROFILE", "desk")
        .args(["login", "--no-browser", "--timeout", "30"]);
    let mut login = Spawned::start(cmd);
    let url = login
        .wait_for_line("/oauth2/v2.0/authorize")
        .trim()
        .to_string();
    let location = t.press_sign_in(&url, demo::AGENT_READER);
    t.try_call("GET", &location, None, None, &[]).unwrap();
    assert_ok(&login.finish());
    assert!(t.sessions_dir().join("desk.json").exists());
    bare()
        .args(["--profile", "desk", "-o", "json", "auth", "status"])
        .assert()
        .success()
        .stdout(contains("care.reader@district.example"));
    // the default profile is not signed in to anything: it is the embedded sandbox
    bare()
        .args(["-o", "json", "auth", "status"])
        .assert()
        .success()
        .stdout(contains("the embedded sandbox"));
    bare()
        .args(["--profile", "nope", "user", "show", "x@y.example"])
        .assert()
        .code(2)
        .stderr(contains("no profile named 'nope'"));
    // config show says where each setting comes from; config set keeps comments
    bare()
        .args(["--profile", "desk", "config", "set", "region", "GB"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&cfg)
            .unwrap()
            .contains("# the district")
    );
    let out = bare()
        .args(["--profile", "desk", "-o", "json", "config", "show"])
        .output()
        .unwrap();
    assert_ok(&out);
    let rows = stdout_json(&out);
    let row = |k: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == k)
            .cloned()
            .unwrap()
    };
    assert_eq!(row("region")["value"], "GB");
    assert_eq!(row("region")["source"], "profile desk");
    assert_eq!(row("tenant")["source"], "profile desk");
    assert_eq!(
        row("signed in")["value"],
        format!("care.reader@district.example to {}", t.creds.tenant_id)
    );
    bare()
        .args(["config", "set", "client-secret", "CANARY"])
        .assert()
        .code(2)
        .stderr(contains("secret").and(contains("CANARY").not()));
    bare()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(contains("care/config.toml"));
}

#[test]
fn a_malformed_config_names_line_and_key_but_never_the_value() {
    let t = Tenant::start();
    let cfg = t.dir.path().join("config/care/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "region = 'US'\n\ntenant = CANARY-s3cr3t-value\n").unwrap();
    t.care()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .code(2)
        .stderr(
            contains("line 3")
                .and(contains("tenant"))
                .and(contains("CANARY").not()),
        );
    std::fs::write(&cfg, "[profiles.x]\nclient_secret = 'CANARY-s3cr3t'\n").unwrap();
    t.care()
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .code(2)
        .stderr(contains("line 2").and(contains("CANARY").not()));
}

// ---- the transport rules ---------------------------------------------------------------------

/// A listener standing in for a proxy: counts the connections anyone makes to it.
fn counting_proxy(t: &Tenant) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let c = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(conn);
        }
    });
    let _ = t;
    (format!("http://{addr}"), count)
}

#[test]
fn plain_http_to_another_machine_is_refused_before_any_connection() {
    let t = Tenant::start();
    let (proxy, connections) = counting_proxy(&t);
    for args in [
        vec![
            "--graph-url",
            "http://graph.example.test",
            "user",
            "show",
            "a@b.example",
        ],
        vec![
            "--login-url",
            "http://login.example.test",
            "--graph-url",
            "https://graph.example.test",
            "user",
            "show",
            "a@b.example",
        ],
        vec!["--graph-url", "http://10.0.0.7:8787", "login"],
    ] {
        t.care()
            .env("HTTP_PROXY", &proxy)
            .env("HTTPS_PROXY", &proxy)
            .env("ALL_PROXY", &proxy)
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("http://").and(contains("https://")));
    }
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 0);
    // loopback (the sandbox) never goes through a proxy: a district proxy can't break it
    t.care()
        .env("HTTP_PROXY", &proxy)
        .env("ALL_PROXY", &proxy)
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    t.care_zero_config()
        .env("HTTP_PROXY", &proxy)
        .env("ALL_PROXY", &proxy)
        .args(["user", "show", demo::LOST_PHONE])
        .assert()
        .success();
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 0);
}

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

// ---- secrets stay secret ---------------------------------------------------------------------

#[test]
fn sign_in_secrets_never_reach_stderr_or_errors() {
    let t = Tenant::start();
    let out = t.login_browser(demo::AGENT_AUTH_ADMIN, &["--debug"]);
    assert_ok(&out);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(session_file(&t)).unwrap()).unwrap();
    let rt = saved["secrets"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    let at = saved["secrets"]["access"]["https://graph.microsoft.com"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut stderr = text(&out.stderr);
    // a refresh with --debug, an error with --debug, a status
    t.admin("POST", "/_sandbox/clock", Some(json!({"advance": "2h"})));
    for args in [
        vec!["--debug", "user", "show", demo::LOST_PHONE],
        vec!["--debug", "user", "show", "nobody@district.example"],
        vec!["--debug", "auth", "status"],
    ] {
        let out = t.care_agent().args(&args).output().unwrap();
        stderr.push_str(&text(&out.stderr));
        assert!(!text(&out.stdout).contains(&rt));
    }
    let new: Value =
        serde_json::from_str(&std::fs::read_to_string(session_file(&t)).unwrap()).unwrap();
    let rt2 = new["secrets"]["refreshToken"].as_str().unwrap().to_string();
    assert_ne!(rt, rt2, "the refresh token rotated");
    for secret in [&rt, &rt2, &at, &t.creds.client_secret.expose().to_string()] {
        assert!(!stderr.contains(secret.as_str()), "a secret reached stderr");
    }
    assert!(
        stderr.contains("identity platform request"),
        "the trace ran: {stderr}"
    );
    // nothing under the config or data dirs holds them
    for dir in ["config", "data"] {
        let mut stack = vec![t.dir.path().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p
                    .extension()
                    .is_none_or(|x| x != "db" && x != "db-wal" && x != "db-shm")
                {
                    let mut s = String::new();
                    let _ = std::fs::File::open(&p).and_then(|mut f| f.read_to_string(&mut s));
                    assert!(!s.contains(&rt2), "{}", p.display());
                }
            }
        }
    }
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
