//! Microsoft's own libraries against the sandbox: MSAL for Python (`tests/msal/drive.py`)
//! through client credentials, device code, auth code + PKCE in each `response_mode`, and
//! silent refreshes, with only an `http_client` that maps https to http and
//! `instance_discovery=False`; and the Graph SDK for Python (`tests/msal/graph_sdk.py`), with
//! only a transport that maps Graph's https to the sandbox's http. `.ci/run` installs both into
//! `target/msal-venv`; on a machine without it (and no `CARE_MSAL_PYTHON`) the tests say so and
//! pass, except under CI.

use crate::common::*;
use care::sandbox::demo;
use serde_json::Value;
use std::path::PathBuf;

/// The Python that has MSAL: `CARE_MSAL_PYTHON`, or the virtual environment `.ci/run` makes.
fn python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CARE_MSAL_PYTHON") {
        return Some(p.into());
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/msal-venv");
    [venv.join("bin/python"), venv.join("Scripts/python.exe")]
        .into_iter()
        .find(|p| p.exists())
}

/// Runs `tests/msal/SCRIPT BASE TENANT CLIENT_ID USER` against a served sandbox: its JSON
/// answer, or `None` when this machine has no MSAL (and this is not CI).
fn drive(t: &Tenant, script: &str, user: &str) -> Option<Value> {
    let Some(python) = python() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install MSAL and the Graph SDK for Python into target/msal-venv (.ci/run does)"
        );
        eprintln!(
            "skipped: no MSAL for Python (python3 -m venv target/msal-venv && target/msal-venv/bin/pip install msal msgraph-sdk)"
        );
        return None;
    };
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/msal")
        .join(script);
    let out = std::process::Command::new(python)
        .arg(script)
        .args([
            t.root.as_str(),
            t.creds.tenant_id.as_str(),
            t.creds.client_id.as_str(),
            user,
        ])
        .env("CARE_CLIENT_SECRET", t.creds.client_secret.expose())
        .env("CARE_SANDBOX_ADMIN_TOKEN", t.creds.admin_token.expose())
        .env("PYTHONWARNINGS", "ignore")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    Some(serde_json::from_str(&stdout).unwrap())
}

#[test]
fn msal_signs_in_with_every_flow() {
    let t = Tenant::start();
    let Some(r) = drive(&t, "drive.py", demo::AGENT_AUTH_ADMIN) else {
        return;
    };
    assert_eq!(r["client_credentials"]["graph"], 200, "{r}");
    assert_eq!(r["client_credentials"]["ext_expires_in"], 3599);
    let issuer = format!(
        "https://{}/{}/v2.0",
        t.root.trim_start_matches("http://"),
        t.creds.tenant_id
    );
    let device = &r["device_code"];
    assert_eq!(device["graph"], 200);
    assert_eq!(device["claims"]["iss"], issuer.as_str());
    assert_eq!(device["claims"]["aud"], t.creds.client_id.as_str());
    assert_eq!(device["claims"]["ver"], "2.0");
    assert_eq!(
        device["claims"]["preferred_username"],
        demo::AGENT_AUTH_ADMIN
    );
    assert_eq!(
        device["scope"],
        "https://graph.microsoft.com/User.Read.All openid profile offline_access"
    );
    for mode in ["query", "fragment", "form_post"] {
        let a = &r["auth_code"][mode];
        assert_eq!(a["graph"], 200, "{mode}: {a}");
        assert_eq!(a["silent_graph"], 200, "{mode}: {a}");
        assert_eq!(
            a["silent_again"], true,
            "{mode}: the old refresh token stays good"
        );
        assert!(
            a["claims"]["nonce"].as_str().is_some_and(|n| n.len() == 64),
            "{mode}: {a}"
        );
        assert_eq!(a["claims"]["oid"], device["claims"]["oid"]);
        assert_eq!(a["claims"]["sub"], device["claims"]["sub"]);
        assert_eq!(a["account"], demo::AGENT_AUTH_ADMIN);
        // client_info made the account's home id: oid.tid
        assert_eq!(
            a["home_account_id"],
            format!(
                "{}.{}",
                device["claims"]["oid"].as_str().unwrap(),
                t.creds.tenant_id
            )
            .as_str()
        );
    }
    assert_eq!(r["auth_code"]["form_post"]["status"], 200);
    assert!(
        r["requests"].as_array().unwrap().iter().any(|x| x
            .as_str()
            .unwrap()
            .ends_with("/v2.0/.well-known/openid-configuration")),
        "{r}"
    );
}

/// The Graph SDK lists users page by page (following Graph's next links), reads one with
/// `$select`, reads their methods, and gets an unknown user as its typed 404 error.
#[test]
fn the_graph_sdk_reads_the_sandbox() {
    let t = Tenant::start();
    let Some(r) = drive(&t, "graph_sdk.py", demo::LEFT_PHONE_AT_HOME) else {
        return;
    };
    assert_eq!(r["pages"], 3, "{r}");
    assert_eq!(r["users"], 150);
    assert_eq!(r["user"]["displayName"], "Maria Garcia");
    assert_eq!(r["user"]["jobTitle"], "Teacher");
    assert!(
        r["methods"]
            .to_string()
            .contains("#microsoft.graph.phoneAuthenticationMethod"),
        "{r}"
    );
    assert_eq!(r["missing"]["status"], 404);
    assert_eq!(r["missing"]["code"], "Request_ResourceNotFound");
}
