//! The config file and connection settings: profiles, malformed files, and transport rules.

use crate::common::*;
use care::sandbox::demo;
use predicates::prelude::*;
use predicates::str::contains;

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

/// What `care config …` parses to, or its usage error (no HTTP).
#[test]
fn parse_config() {
    insta::assert_snapshot!(parse(["config", "show"]), @"
    Config(
        Show,
    )
    ");
    insta::assert_snapshot!(parse(["config", "path"]), @"
    Config(
        Path,
    )
    ");
    insta::assert_snapshot!(parse(["config", "set", "region", "GB"]), @r#"
    Config(
        Set(
            SetArgs {
                key: "region",
                value: "GB",
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["config", "unset", "region"]), @r#"
    Config(
        Unset(
            UnsetArgs {
                key: "region",
            },
        ),
    )
    "#);
    insta::assert_snapshot!(parse(["config", "set", "region"]), @"
    [exit 2] error: the following required arguments were not provided:
      <VALUE>

    Usage: care config set <KEY> <VALUE>

    For more information, try '--help'.
    ");
}

/// The district's policy: a machine-wide file (here where a test build is told it is) that the
/// agent's own config, `--config` and the environment may only tighten.
#[test]
fn the_district_policy_can_only_be_tightened() {
    let t = Tenant::start();
    let folder = t.dir.path().join("district");
    std::fs::create_dir(&folder).unwrap();
    let district = folder.join("policy.toml");
    std::fs::write(
        &district,
        "ticket-required = true\nchanges-per-hour = 30\nstop-override = \"never\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let set = |p: &std::path::Path, m| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
        };
        set(&folder, 0o755);
        set(&district, 0o644);
    }
    let care = || {
        let mut c = t.care();
        c.env("CARE_DISTRICT_POLICY", &district);
        c
    };
    // the agent's own file tries to loosen it: refused when set, ignored when written by hand
    care()
        .args(["config", "set", "policy.changes-per-hour", "1000"])
        .assert()
        .code(2)
        .stderr(contains("locked by the district policy").and(contains("at 30")));
    let own = t.dir.path().join("own.toml");
    std::fs::write(
        &own,
        "[policy]\nticket-required = false\nchanges-per-hour = 1000\nburst-passes = 4\n",
    )
    .unwrap();
    let shown = care()
        .args(["--config"])
        .arg(&own)
        .args(["-o", "json", "config", "show"])
        .output()
        .unwrap();
    assert_ok(&shown);
    let rows = stdout_json(&shown);
    let row = |k: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == k)
            .cloned()
            .unwrap()
    };
    assert_eq!(row("policy.changes-per-hour")["value"], "30");
    let source = row("policy.changes-per-hour")["source"].clone();
    assert!(
        source
            .as_str()
            .unwrap()
            .contains("(locked; the config file's looser value is ignored)")
            && source.as_str().unwrap().contains("policy.toml"),
        "{source}"
    );
    assert_eq!(row("policy.ticket-required")["value"], "true");
    assert_eq!(row("policy.stop-override")["value"], "never");
    // tighter is the agent's own
    assert_eq!(row("policy.burst-passes")["value"], "4");
    assert_eq!(row("policy.burst-passes")["source"], "config file");
    care()
        .args(["config", "set", "policy.changes-per-hour", "10"])
        .assert()
        .success();
    // and it holds: a ticket even on the sandbox, even with --config saying no
    care()
        .args(["--config"])
        .arg(&own)
        .args([
            "passcode",
            "issue",
            demo::LEFT_PHONE_AT_HOME,
            "--yes",
            "--verified-by",
            "callback",
        ])
        .assert()
        .code(2)
        .stderr(contains("ticket is required"));
    assert_eq!(passes(&t, demo::LEFT_PHONE_AT_HOME), 0);
    // a district file someone other than its owner could change is not the district's: care
    // stops rather than fall back to the agent's own rules
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&district, std::fs::Permissions::from_mode(0o666)).unwrap();
        care()
            .args(["user", "show", demo::LEFT_PHONE_AT_HOME])
            .assert()
            .code(2)
            .stderr(contains("can't be trusted").and(contains("mode 666")));
    }
}
