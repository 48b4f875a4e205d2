//! The helpers every test file shares: reading care's output, the sandbox's counters and
//! state, and the files a test writes.

use super::enc;
use super::{Resp, Tenant};
use care::sandbox::demo;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
}

pub fn status_json(t: &Tenant) -> Value {
    let out = t
        .care_agent()
        .args(["-o", "json", "auth", "status"])
        .output()
        .unwrap();
    assert_ok(&out);
    stdout_json(&out)
}

/// The saved sign-in file of the default profile.
pub fn session_file(t: &Tenant) -> std::path::PathBuf {
    t.sessions_dir().join("default.json")
}

/// Members of the tenant a bulk file can name (no guests, shared accounts, agents or admins).
pub fn staff(t: &Tenant, n: usize) -> Vec<String> {
    let tok = t.token();
    let r = t.get_steady(
        &tok,
        "/v1.0/users?$top=999&$select=userPrincipalName,userType,accountEnabled,givenName,surname",
    );
    let users = r.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["userType"] != "Guest" && u["accountEnabled"] != false)
        // a shared account (no given name or surname) is refused in a job, as on a call
        .filter(|u| u["givenName"].is_string() && u["surname"].is_string())
        .map(|u| u["userPrincipalName"].as_str().unwrap().to_string())
        .filter(|u| !u.starts_with("care.") && !u.starts_with('$') && u != demo::ADMIN_TARGET)
        .take(n)
        .collect();
    t.reset_stats();
    users
}

pub fn write_csv(t: &Tenant, name: &str, text: &str) -> PathBuf {
    let p = t.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

pub fn mobile_of(t: &Tenant, tok: &str, upn: &str) -> Option<String> {
    let r = t.get_steady(
        tok,
        &format!(
            "/v1.0/users/{}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7",
            enc(upn)
        ),
    );
    r.body["phoneNumber"].as_str().map(str::to_owned)
}

/// The sandbox's count of changes of `kind` to `upn`.
pub fn writes(stats: &Value, upn: &str, kinds: &[&str]) -> u64 {
    kinds
        .iter()
        .map(|k| stats["writes"][upn][*k].as_u64().unwrap_or(0))
        .sum()
}

pub fn total_writes(stats: &Value) -> u64 {
    stats["writes"]
        .as_object()
        .map(|m| {
            m.values()
                .flat_map(|k| k.as_object().unwrap().values())
                .map(|v| v.as_u64().unwrap())
                .sum()
        })
        .unwrap_or(0)
}

pub fn graph_requests(stats: &Value) -> u64 {
    stats["requests"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum()
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `care` with nothing of the machine's environment (no tenant, a throw-away home).
pub fn bare(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_care"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("COLUMNS", "100");
    cmd
}

pub const MOBILE: &str = "3179e48a-750b-4051-897c-87b9720928f7";

pub fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

pub fn phone_number(t: &Tenant, upn: &str, id: &str) -> Option<String> {
    let tok = t.token();
    let r = t.get_steady(
        &tok,
        &format!("/v1.0/users/{}/authentication/phoneMethods/{id}", enc(upn)),
    );
    r.body["phoneNumber"].as_str().map(str::to_owned)
}

/// The test's config file, with `policy` as its `[policy]` table.
pub fn policy(t: &Tenant, policy: &str) {
    let path = t.dir.path().join("config/care/config.toml");
    std::fs::write(path, format!("[policy]\n{policy}\n")).unwrap();
}

pub fn audit(t: &Tenant) -> Vec<Value> {
    let path = t.dir.path().join("state/care/audit.jsonl");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub fn passes(t: &Tenant, upn: &str) -> usize {
    let tok = t.token();
    t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
            enc(upn)
        ),
    )
    .body["value"]
        .as_array()
        .unwrap()
        .len()
}

pub const ALTERNATE: &str = "b6332ec1-7057-4abe-9331-3d72feddfe41";

pub const OFFICE: &str = "e37fc753-ff3b-4958-9484-eaa9425c82bc";

pub fn methods(t: &Tenant, tok: &str, upn: &str) -> Vec<Value> {
    let r = t.get(
        tok,
        &format!("/v1.0/users/{}/authentication/methods", enc(upn)),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["value"].as_array().unwrap().clone()
}

pub fn phones(t: &Tenant, tok: &str, upn: &str) -> Vec<Value> {
    let r = t.get(
        tok,
        &format!("/v1.0/users/{}/authentication/phoneMethods", enc(upn)),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["value"].as_array().unwrap().clone()
}

pub fn spawn_serve(
    db: &std::path::Path,
) -> (
    std::process::Child,
    std::collections::HashMap<String, String>,
) {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("care"))
        .args([
            "sandbox",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--users",
            "40",
            "--db",
        ])
        .arg(db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut env = std::collections::HashMap::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while env.len() < 7 {
        let line = lines.next().expect("serve printed its variables").unwrap();
        let (k, v) = line.split_once('=').unwrap();
        env.insert(k.to_string(), v.to_string());
    }
    (child, env)
}

// ---- issue 6: the delegated view -------------------------------------------------------------
/// A number as the sandbox masks it (`+{cc} ` kept, all but the last two digits `X`, no extension).
pub fn is_masked(n: &str) -> bool {
    let Some((cc, rest)) = n.strip_prefix('+').and_then(|r| r.split_once(' ')) else {
        return false;
    };
    let tail: Vec<char> = rest.chars().rev().take(2).collect();
    cc.bytes().all(|b| b.is_ascii_digit())
        && rest.len() > 2
        && rest[..rest.len() - 2].bytes().all(|b| b == b'X')
        && tail.iter().all(char::is_ascii_digit)
}

pub fn phone_numbers(t: &Tenant, tok: &str, upn: &str) -> Vec<String> {
    let list = phones(t, tok, upn)
        .iter()
        .map(|p| p["phoneNumber"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    let all = methods(t, tok, upn)
        .iter()
        .filter_map(|m| m["phoneNumber"].as_str().map(str::to_owned))
        .collect::<Vec<_>>();
    assert_eq!(list, all, "both lists show the same numbers");
    list
}

// ---- the Exchange Online Admin API -----------------------------------------------------------
/// An app-only token of the sandbox app for the Exchange resource.
pub fn exchange_app_token(t: &Tenant) -> String {
    let r = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("client_secret", t.creds.client_secret.expose()),
            ("scope", "https://outlook.office365.com/.default"),
            ("grant_type", "client_credentials"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["access_token"].as_str().unwrap().to_string()
}

pub const PAT: &str = "UPN:pat.hayes@district.example";

/// `care ARGS` in a real pseudo-terminal (120 columns), read and typed as an agent would.
#[cfg(unix)]
pub fn session(t: &Tenant, args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = t.std_care();
    cmd.args(args)
        .env("TERM", "xterm-256color")
        .env("COLUMNS", "120");
    let mut s = expectrl::Session::spawn(cmd).unwrap();
    s.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    s
}

pub fn cmdlet(t: &Tenant, token: &str, endpoint: &str, anchor: Option<&str>, body: Value) -> Resp {
    let headers: Vec<(&str, &str)> = anchor.map(|a| ("X-AnchorMailbox", a)).into_iter().collect();
    t.call(
        "POST",
        &format!("/exchange/adminapi/v2.0/{}/{endpoint}", t.creds.tenant_id),
        Some(token),
        Some(body),
        &headers,
    )
}

pub fn folder_body(identity: &str) -> Value {
    json!({"CmdletInput": {"CmdletName": "Get-MailboxFolderPermission",
        "Parameters": {"Identity": identity, "ResultSize": "Unlimited"}}})
}

/// How many faults the sandbox injected, of every kind.
pub fn injected_faults(stats: &Value) -> u64 {
    stats["faults"]
        .as_object()
        .map(|m| m.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0)
}

/// A bulk job's approval, as a lead gives it (a bulk run has no caller to verify).
pub const APPROVED: [&str; 4] = [
    "--approved-by",
    "Dana Ortiz (Care Center lead)",
    "--reason",
    "carrier change",
];
