//! `care login` with a real browser: headless Chromium, driven through ChromeDriver's
//! WebDriver protocol (plain HTTP and JSON), clicks an agent on the sandbox's sign-in page and
//! follows the redirect to care's loopback port. `.ci/run` installs Debian's `chromium` and
//! `chromium-driver`; on a machine without them the test says so and passes, except under CI
//! (`CI` set), where a missing browser fails it.

use crate::common::*;
use care::sandbox::demo;
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    process: Child,
    root: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn webdriver(t: &Tenant, method: &str, url: &str, body: Option<Value>) -> Value {
    let r = t.try_call(method, url, None, body, &[]).unwrap();
    assert!(r.status < 300, "{method} {url}: {} {}", r.status, r.text);
    r.body["value"].clone()
}

/// Headless Chromium through a new ChromeDriver, and the URL of its WebDriver session; `None`
/// (said) on a machine without them, except under CI.
fn chromium(t: &Tenant) -> Option<(Driver, String)> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium and chromium-driver (.ci/run does)"
        );
        eprintln!(
            "skipped: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
        );
        return None;
    }
    let port = free_port();
    let driver = Driver {
        process: Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
        root: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    while t
        .try_call("GET", &format!("{}/status", driver.root), None, None, &[])
        .is_err()
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = t.dir.path().join("chromium");
    let session = webdriver(
        t,
        "POST",
        &format!("{}/session", driver.root),
        Some(json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", "--disable-quic", format!("--user-data-dir={}", profile.display())]
            }
        }}})),
    );
    let id = session["sessionId"].as_str().unwrap().to_string();
    let s = format!("{}/session/{id}", driver.root);
    Some((driver, s))
}

/// `care report calls --html`: the page opened in headless Chromium draws its charts, and
/// fetches nothing (no resource loaded beside the page itself).
#[test]
fn the_calls_report_page_in_headless_chromium() {
    let t = Tenant::start();
    let Some((_driver, s)) = chromium(&t) else {
        return;
    };
    t.run([
        "passcode",
        "issue",
        demo::NO_SIGNAL,
        "--yes",
        "--verified-by",
        "callback",
    ])
    .success();
    let page = t.dir.path().join("calls.html");
    let made = t.run_cmd(
        t.care()
            .args([
                "report", "calls", "--since", "1d", "--by", "scenario", "--html",
            ])
            .arg(&page),
    );
    assert_eq!(made.code, 0, "{made}");
    webdriver(
        &t,
        "POST",
        &format!("{s}/url"),
        Some(json!({"url": format!("file://{}", page.display())})),
    );
    let seen = webdriver(
        &t,
        "POST",
        &format!("{s}/execute/sync"),
        Some(
            json!({"script": "return [document.querySelectorAll('svg rect.bar').length, document.querySelector('svg rect.bar').getBoundingClientRect().width, performance.getEntriesByType('resource').length, document.title];", "args": []}),
        ),
    );
    assert!(seen[0].as_u64().unwrap() >= 2, "{seen}");
    assert!(seen[1].as_f64().unwrap() > 0.0, "a bar is drawn: {seen}");
    assert_eq!(seen[2], 0, "nothing fetched: {seen}");
    assert!(
        seen[3].as_str().unwrap().starts_with("Care Center calls"),
        "{seen}"
    );
    let _ = t.try_call("DELETE", &s, None, None, &[]);
}

#[test]
fn care_login_in_headless_chromium() {
    let t = Tenant::start();
    let Some((_driver, s)) = chromium(&t) else {
        return;
    };

    let mut cmd = t.std_care();
    cmd.env_remove("CARE_CLIENT_SECRET")
        .args(["login", "--no-browser", "--timeout", "60"]);
    let mut login = Spawned::start(cmd);
    let url = login
        .wait_for_line("/oauth2/v2.0/authorize")
        .trim()
        .to_string();

    webdriver(&t, "POST", &format!("{s}/url"), Some(json!({"url": url})));
    assert_eq!(
        webdriver(&t, "GET", &format!("{s}/title"), None),
        "care sandbox: sign in"
    );
    let button = webdriver(
        &t,
        "POST",
        &format!("{s}/element"),
        Some(json!({"using": "css selector",
                    "value": format!("button[data-upn='{}']", demo::AGENT_AUTH_ADMIN)})),
    );
    let element = button[ELEMENT].as_str().unwrap().to_string();
    webdriver(
        &t,
        "POST",
        &format!("{s}/element/{element}/click"),
        Some(json!({})),
    );
    // the browser lands on care's loopback page
    let started = Instant::now();
    loop {
        let title = webdriver(&t, "GET", &format!("{s}/title"), None);
        if title == "care: Signed in" {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "title: {title}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = login.finish();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = t.try_call("DELETE", &s, None, None, &[]);
    let status = t
        .care_agent()
        .args(["-o", "json", "auth", "status"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&status.stdout).contains(demo::AGENT_AUTH_ADMIN));
}
