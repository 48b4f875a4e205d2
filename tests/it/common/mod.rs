//! The harness: a real sandbox tenant served over loopback HTTP (in this process, on
//! 127.0.0.1:0), an HTTP client to talk Graph to it, and the real `care` binary pointed at it.
//! The district is seeded once per test binary and copied for each test.

mod helpers;
mod run;

pub use helpers::*;
pub use run::{Run, parse, parse_global, redact};

use care::sandbox::{Credentials, DbLocation, Sandbox, SandboxOptions};
use serde_json::{Value, json};
use std::sync::{Arc, LazyLock, OnceLock};
use std::time::Duration;
use tokio::sync::oneshot;

pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Resp {
    async fn read(resp: reqwest::Response) -> Result<Resp, reqwest::Error> {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await?;
        Ok(Resp {
            status,
            headers,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
            text,
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or_default()
    }
    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or_default()
    }
}

pub struct Tenant {
    pub rt: tokio::runtime::Runtime,
    pub root: String,
    pub creds: Credentials,
    pub sandbox: Arc<Sandbox>,
    pub http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    pub dir: tempfile::TempDir,
    token: OnceLock<String>,
}

/// The test district (300 staff and the demo users), seeded once: each test gets a copy.
static DISTRICT: LazyLock<Arc<Sandbox>> = LazyLock::new(|| {
    Sandbox::open(SandboxOptions {
        db: DbLocation::Memory,
        users: 300,
        ..Default::default()
    })
    .unwrap()
});

pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Tenant {
    /// A tenant of 300 staff (plus the demo users) in memory.
    pub fn start() -> Tenant {
        Tenant::with(|_| {})
    }

    pub fn with(f: impl FnOnce(&mut SandboxOptions)) -> Tenant {
        let dir = tempfile::tempdir().unwrap();
        let mut opts = SandboxOptions {
            db: DbLocation::Memory,
            users: 300,
            ..Default::default()
        };
        f(&mut opts);
        Tenant::serve(opts, dir)
    }

    pub fn serve(opts: SandboxOptions, dir: tempfile::TempDir) -> Tenant {
        install_crypto();
        let copy = matches!(opts.db, DbLocation::Memory)
            && opts.users == 300
            && opts.seed == care::sandbox::DEFAULT_SEED;
        let sandbox = if copy {
            DISTRICT.copy(opts).unwrap()
        } else {
            Sandbox::open(opts).unwrap()
        };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let root = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        rt.spawn(care::sandbox::serve(listener, sandbox.clone(), async {
            let _ = stopped.await;
        }));
        let creds = sandbox.credentials().unwrap();
        // a test district whose limits don't get in the way of a test's many changes (the
        // policy's own tests write their own config)
        let config = dir.path().join("config/care/config.toml");
        std::fs::create_dir_all(config.parent().unwrap()).unwrap();
        std::fs::write(
            &config,
            "[policy]\nchanges-per-hour = 1000\npasses-per-user-per-day = 1000\n",
        )
        .unwrap();
        let http = reqwest::Client::builder()
            .tls_certs_only(std::iter::empty())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Tenant {
            rt,
            root,
            creds,
            sandbox,
            http,
            stop: Some(stop),
            dir,
            token: OnceLock::new(),
        }
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Resp {
        self.try_call(method, path, token, body, headers)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn try_call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Result<Resp, reqwest::Error> {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.root)
        };
        self.rt.block_on(async {
            let mut rb = self.http.request(method.parse().unwrap(), &url);
            if let Some(t) = token {
                rb = rb.bearer_auth(t);
            }
            for (k, v) in headers {
                rb = rb.header(*k, *v);
            }
            if let Some(b) = body {
                rb = rb.json(&b);
            }
            Resp::read(rb.send().await?).await
        })
    }

    pub fn get(&self, token: &str, path: &str) -> Resp {
        self.call("GET", path, Some(token), None, &[])
    }

    pub fn form(&self, path: &str, form: &[(&str, &str)]) -> Resp {
        let url = format!("{}{path}", self.root);
        self.rt.block_on(async {
            let resp = self.http.post(&url).form(form).send().await.unwrap();
            Resp::read(resp).await.unwrap()
        })
    }

    pub fn token_path(&self) -> String {
        format!("/{}/oauth2/v2.0/token", self.creds.tenant_id)
    }

    /// An app-only token of the sandbox app, fetched once per tenant.
    pub fn token(&self) -> String {
        self.token.get_or_init(|| self.fresh_token()).clone()
    }

    /// A new app-only token of the sandbox app (client credentials over HTTP).
    pub fn fresh_token(&self) -> String {
        let r = self.form(
            &self.token_path(),
            &[
                ("client_id", &self.creds.client_id),
                ("client_secret", self.creds.client_secret.expose()),
                ("scope", "https://graph.microsoft.com/.default"),
                ("grant_type", "client_credentials"),
            ],
        );
        assert_eq!(r.status, 200, "{}", r.text);
        r.body["access_token"].as_str().unwrap().to_string()
    }

    /// Starts a device-code sign-in; returns (device_code, user_code).
    pub fn device_code(&self, scope: &str) -> (String, String) {
        let r = self.form(
            &format!("/{}/oauth2/v2.0/devicecode", self.creds.tenant_id),
            &[("client_id", &self.creds.client_id), ("scope", scope)],
        );
        assert_eq!(r.status, 200, "{}", r.text);
        (
            r.body["device_code"].as_str().unwrap().to_string(),
            r.body["user_code"].as_str().unwrap().to_string(),
        )
    }

    pub fn poll(&self, device_code: &str) -> Resp {
        self.form(
            &self.token_path(),
            &[
                ("client_id", &self.creds.client_id),
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("device_code", device_code),
            ],
        )
    }

    /// A delegated token for `upn` through the device-code flow (approved via /_sandbox).
    pub fn user_token(&self, upn: &str) -> String {
        self.user_tokens(upn, "https://graph.microsoft.com/.default")
            .body["access_token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub fn user_tokens(&self, upn: &str, scope: &str) -> Resp {
        let (device, user_code) = self.device_code(scope);
        let a = self.admin(
            "POST",
            "/_sandbox/approve",
            Some(json!({"userCode": user_code, "userPrincipalName": upn})),
        );
        assert_eq!(a.status, 200, "{}", a.text);
        let r = self.poll(&device);
        assert_eq!(r.status, 200, "{}", r.text);
        r
    }

    pub fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        self.call(
            method,
            path,
            Some(self.creds.admin_token.expose()),
            body,
            &[],
        )
    }

    /// Forgets the counts so far (the test's own setup requests).
    pub fn reset_stats(&self) {
        self.admin("DELETE", "/_sandbox/stats", None);
    }

    /// A GET that a test makes under injected faults: repeated until it is answered.
    pub fn get_steady(&self, token: &str, path: &str) -> Resp {
        for _ in 0..50 {
            if let Ok(r) = self.try_call("GET", path, Some(token), None, &[])
                && matches!(r.status, 200 | 404)
            {
                return r;
            }
        }
        panic!("GET {path} kept failing")
    }

    /// Waits until the sandbox's counters say `what` has happened (a process under way has got
    /// that far, however loaded the machine is); fails after 60 s.
    pub fn wait_for(&self, what: &str, happened: impl Fn(&Value) -> bool) {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while !happened(&self.stats()) {
            assert!(std::time::Instant::now() < deadline, "not in 60 s: {what}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the sandbox has counted `n` changes in all.
    pub fn wait_for_writes(&self, n: u64) {
        self.wait_for(&format!("{n} changes"), |s| total_writes(s) >= n);
    }

    /// Moves the sandbox clock forward (`"2h"`, `"90m"`, `"2s"`): passes, tokens and device
    /// codes age without the test waiting.
    pub fn advance_clock(&self, by: &str) {
        let r = self.admin("POST", "/_sandbox/clock", Some(json!({ "advance": by })));
        assert_eq!(r.status, 200, "{}", r.text);
    }

    /// The mail the sandbox was asked to send, oldest first.
    pub fn outbox(&self) -> Vec<Value> {
        self.admin("GET", "/_sandbox/outbox", None).body["value"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn stats(&self) -> Value {
        self.admin("GET", "/_sandbox/stats", None).body
    }

    /// The object id of a user.
    pub fn id_of(&self, token: &str, upn: &str) -> String {
        let r = self.get(token, &format!("/v1.0/users/{}", enc(upn)));
        assert_eq!(r.status, 200, "{}", r.text);
        r.body["id"].as_str().unwrap().to_string()
    }

    /// The real `care` binary, pointed at this tenant, with private config and data dirs.
    pub fn care(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::from_std(self.std_care());
        cmd.timeout(Duration::from_secs(60));
        cmd
    }

    /// Runs `care ARGS` against this tenant: stdout, stderr and the exit code.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_cmd(self.care().args(args))
    }

    /// Runs `care ARGS` as on a terminal `columns` wide (CARE_FORCE_TTY, COLUMNS).
    pub fn run_tty<I, S>(&self, columns: &str, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_cmd(
            self.care()
                .env("CARE_FORCE_TTY", "1")
                .env("COLUMNS", columns)
                .args(args),
        )
    }

    /// Runs a `care` command built from [`Tenant::care`] (extra environment, stdin).
    pub fn run_cmd(&self, cmd: &mut assert_cmd::Command) -> Run {
        Run::of(cmd.output().unwrap(), Some(self.dir.path().to_path_buf()))
    }

    /// The same as [`Tenant::care`], as a std command (for a process a test talks to while it runs).
    pub fn std_care(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_care"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("CARE_GRAPH_URL", &self.root)
            .env("CARE_LOGIN_URL", &self.root)
            .env("CARE_TENANT", &self.creds.tenant_id)
            .env("CARE_CLIENT_ID", &self.creds.client_id)
            .env("CARE_CLIENT_SECRET", self.creds.client_secret.expose())
            .env("CARE_SANDBOX_ADMIN_TOKEN", self.creds.admin_token.expose());
        cmd
    }

    /// `care` as an agent would run it after `care login`: no app secret in the environment.
    pub fn care_agent(&self) -> assert_cmd::Command {
        let mut cmd = self.care();
        cmd.env_remove("CARE_CLIENT_SECRET");
        cmd
    }

    /// Where saved sign-ins live.
    pub fn sessions_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("state/care/sessions")
    }

    /// Signs in as `upn` the way an agent does: `care login --no-browser`, then the sandbox's
    /// sign-in page driven over HTTP as a browser would (read the form, press the agent's
    /// button, follow the redirect to care's loopback port).
    pub fn login_browser(&self, upn: &str, extra: &[&str]) -> std::process::Output {
        let mut cmd = self.std_care();
        cmd.env_remove("CARE_CLIENT_SECRET").args(extra).args([
            "login",
            "--no-browser",
            "--timeout",
            "30",
        ]);
        let mut login = Spawned::start(cmd);
        let url = login
            .wait_for_line("/oauth2/v2.0/authorize")
            .trim()
            .to_string();
        let location = self.press_sign_in(&url, upn);
        let r = self.try_call("GET", &location, None, None, &[]).unwrap();
        assert_eq!(r.status, 200, "care's loopback page: {}", r.text);
        login.finish()
    }

    /// Reads the sign-in page at `url`, submits its form as the agent `upn` (as a browser
    /// does), and returns where the sandbox redirects the browser.
    pub fn press_sign_in(&self, url: &str, upn: &str) -> String {
        let page = self.try_call("GET", url, None, None, &[]).unwrap();
        assert_eq!(page.status, 200, "{}", page.text);
        assert!(
            page.text.contains(upn),
            "the page offers {upn}: {}",
            page.text
        );
        let mut form = hidden_inputs(&page.text, "signin");
        form.push(("login_hint".into(), upn.into()));
        self.submit(url, &form)
    }

    /// Posts a form without following the redirect; returns the `Location`.
    pub fn submit(&self, url: &str, form: &[(String, String)]) -> String {
        let post_to = url.split('?').next().unwrap().to_string();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .tls_certs_only(std::iter::empty())
            .build()
            .unwrap();
        self.rt.block_on(async {
            let resp = client.post(&post_to).form(form).send().await.unwrap();
            assert_eq!(
                resp.status().as_u16(),
                302,
                "{}",
                resp.text().await.unwrap_or_default()
            );
            resp.headers()["location"].to_str().unwrap().to_string()
        })
    }
}

/// The `<input type=hidden>` fields of the form with `id=form_id` (or of the first form).
pub fn hidden_inputs(html: &str, form_id: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("id={form_id}")).unwrap_or(0);
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |e| start + e);
    let mut out = vec![];
    for part in html[start..end].split("<input").skip(1) {
        let tag = &part[..part.find('>').unwrap_or(part.len())];
        if !tag.contains("type=hidden") {
            continue;
        }
        let attr = |name: &str| -> Option<String> {
            let i = tag.find(&format!("{name}="))? + name.len() + 1;
            let rest = &tag[i..];
            Some(match rest.strip_prefix('"') {
                Some(q) => q[..q.find('"')?].to_string(),
                None => rest.split_whitespace().next()?.to_string(),
            })
        };
        if let (Some(n), Some(v)) = (attr("name"), attr("value")) {
            let v = v
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            out.push((n, v));
        }
    }
    out
}

/// A `care` process a test talks to while it runs: its stderr read line by line.
pub struct Spawned {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    pub seen: Vec<String>,
}

impl Spawned {
    pub fn start(mut cmd: std::process::Command) -> Spawned {
        use std::io::BufRead;
        let mut child = cmd
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Spawned {
            child,
            lines,
            seen: vec![],
        }
    }

    /// The first stderr line containing `needle` (waits up to 30 s).
    pub fn wait_for_line(&mut self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!("no line with {needle:?}; stderr so far: {:#?}", self.seen),
            }
        }
    }

    /// Kills the process (SIGKILL on Unix): no chance to clean up.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
    }

    /// Sends a signal by name (`INT`, `TERM`).
    #[cfg(unix)]
    pub fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name}");
    }

    /// Waits for a killed process; returns what it wrote on stderr.
    pub fn finish_killed(self) -> String {
        String::from_utf8_lossy(&self.finish().stderr).into_owned()
    }

    /// Waits for the process; stderr holds every line it wrote.
    pub fn finish(mut self) -> std::process::Output {
        use std::io::Read;
        let status = self.child.wait().unwrap();
        let mut stdout = vec![];
        if let Some(mut o) = self.child.stdout.take() {
            o.read_to_end(&mut stdout).unwrap();
        }
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.seen.push(line);
        }
        let mut stderr = self.seen.join("\n").into_bytes();
        stderr.push(b'\n');
        std::process::Output {
            status,
            stdout,
            stderr,
        }
    }
}

impl Tenant {
    /// `care` on a machine where nothing is configured: it uses its embedded sandbox (with
    /// its own database in this test's data dir), not this tenant.
    pub fn care_zero_config(&self) -> assert_cmd::Command {
        let mut cmd = self.care();
        for var in [
            "CARE_GRAPH_URL",
            "CARE_LOGIN_URL",
            "CARE_TENANT",
            "CARE_CLIENT_ID",
            "CARE_CLIENT_SECRET",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }
}

impl Drop for Tenant {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Percent-encodes a path segment the way a careful client does.
pub fn enc(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '#' => "%23".to_string(),
            '\'' => "%27".to_string(),
            ' ' => "%20".to_string(),
            '$' => "%24".to_string(),
            c => c.to_string(),
        })
        .collect()
}
