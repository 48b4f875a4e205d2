//! The database: opened from an older schema, across a restart, shared by two processes.

use crate::common::*;
use care::sandbox::{DbLocation, SandboxOptions, demo};
use serde_json::{Value, json};

// ---- storage ---------------------------------------------------------------------------------
/// A sandbox database from before the Exchange emulation (schema v4: no token audience, no
/// Exchange tables, no Exchange seed) is brought up to date when it is opened.
#[test]
fn a_database_from_before_the_admin_api_gets_it_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let opts = || SandboxOptions {
        db: DbLocation::File(db.clone()),
        users: 50,
        ..Default::default()
    };
    drop(care::sandbox::Sandbox::open(opts()).unwrap());
    let client_id = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DELETE FROM tokens; ALTER TABLE tokens DROP COLUMN resource;
             DROP TABLE folder_permissions; DROP TABLE send_on_behalf;
             DELETE FROM meta WHERE key = 'exchange_seeded'; PRAGMA user_version = 4;",
        )
        .unwrap();
        conn.execute(
            "UPDATE users SET roles = '[\"Helpdesk Administrator\"]' WHERE upn = ?1",
            [demo::AGENT_HELPDESK],
        )
        .unwrap();
        let id: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'client_id'", [], |r| {
                r.get(0)
            })
            .unwrap();
        conn.execute(
            "UPDATE apps SET permissions = '[\"User.Read.All\",\"Calendars.Read\"]' WHERE client_id = ?1",
            [&id],
        )
        .unwrap();
        id
    };
    let t = Tenant::serve(opts(), tempfile::tempdir().unwrap());
    assert_eq!(t.creds.client_id, client_id);
    let tok = exchange_app_token(&t);
    let r = cmdlet(
        &t,
        &tok,
        "MailboxFolderPermission",
        Some(PAT),
        folder_body("pat.hayes@district.example:\\Inbox"),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        r.text.contains("Linda Brooks") && r.text.contains("Dorothy Nguyen"),
        "{}",
        r.text
    );
    // Graph tokens still work, and are still Graph's only
    assert_eq!(
        t.get(&t.token(), "/v1.0/users/pat.hayes@district.example")
            .status,
        200
    );
    // the Helpdesk agent got the Exchange role
    let agent = t.user_tokens(
        demo::AGENT_HELPDESK,
        "https://graph.microsoft.com/.default offline_access",
    );
    let r = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("grant_type", "refresh_token"),
            (
                "refresh_token",
                agent.body["refresh_token"].as_str().unwrap(),
            ),
            (
                "scope",
                "https://outlook.office365.com/.default offline_access",
            ),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let agent = r.body["access_token"].as_str().unwrap().to_string();
    let r = cmdlet(
        &t,
        &agent,
        "MailboxFolderPermission",
        Some(PAT),
        folder_body("pat.hayes@district.example:\\Calendar"),
    );
    assert_eq!(r.status, 200, "{}", r.text);
}

#[test]
fn state_persists_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tenant.db");
    let opts = || SandboxOptions {
        db: DbLocation::File(db.clone()),
        users: 50,
        ..Default::default()
    };
    let t = Tenant::serve(opts(), tempfile::tempdir().unwrap());
    // 50 people, the Care Center's shared mailbox and the people with red flags
    assert_eq!(t.sandbox.seeded(), Some(50 + demo::BESIDES_STAFF));
    let tok = t.token();
    let phone = format!(
        "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
        demo::LOST_PHONE
    );
    assert_eq!(
        t.call(
            "PATCH",
            &phone,
            Some(&tok),
            Some(json!({"phoneNumber": "+1 5025550133"})),
            &[]
        )
        .status,
        204
    );
    let tenant_id = t.creds.tenant_id.clone();
    drop(t);
    let t = Tenant::serve(opts(), tempfile::tempdir().unwrap());
    assert_eq!(t.sandbox.seeded(), None, "not seeded again");
    assert_eq!(t.creds.tenant_id, tenant_id);
    let tok = t.token();
    assert_eq!(t.get(&tok, &phone).body["phoneNumber"], "+1 5025550133");
    assert_eq!(
        t.get(&tok, "/v1.0/auditLogs/directoryAudits").body["value"]
            .as_array()
            .unwrap()
            .len(),
        1 + demo::EARLIER_CHANGES
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the database holds secrets");
    }
}

#[test]
fn two_processes_share_one_database_without_losing_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    // both start at once on a new file: exactly one seeds
    let (mut a, env_a) = spawn_serve(&db);
    let (mut b, env_b) = spawn_serve(&db);
    assert_eq!(env_a["CARE_TENANT"], env_b["CARE_TENANT"]);
    install_crypto();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let http = reqwest::Client::builder()
        .tls_certs_only(std::iter::empty())
        .build()
        .unwrap();
    let token = |env: &std::collections::HashMap<String, String>| {
        rt.block_on(async {
            let r: Value = http
                .post(format!(
                    "{}/{}/oauth2/v2.0/token",
                    env["CARE_LOGIN_URL"], env["CARE_TENANT"]
                ))
                .form(&[
                    ("client_id", env["CARE_CLIENT_ID"].as_str()),
                    ("client_secret", env["CARE_CLIENT_SECRET"].as_str()),
                    ("scope", "https://graph.microsoft.com/.default"),
                    ("grant_type", "client_credentials"),
                ])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            r["access_token"].as_str().unwrap().to_string()
        })
    };
    let (ta, tb) = (token(&env_a), token(&env_b));
    let targets = [
        "maria.garcia",
        "kevin.patel",
        "pat.hayes",
        "linda.brooks",
        "tom.reed",
        "raj.iyer",
    ];
    let writes = rt.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for round in 0..10 {
            for (i, who) in targets.iter().enumerate() {
                let (root, tok) = if (round + i) % 2 == 0 {
                    (env_a["CARE_GRAPH_URL"].clone(), ta.clone())
                } else {
                    (env_b["CARE_GRAPH_URL"].clone(), tb.clone())
                };
                let http = http.clone();
                let url = format!(
                    "{root}/v1.0/users/{who}@district.example/authentication/phoneMethods/{MOBILE}"
                );
                let number = format!("+1 50255{round:02}{i:03}");
                tasks.spawn(async move {
                    http.patch(url)
                        .bearer_auth(tok)
                        .json(&json!({"phoneNumber": number}))
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16()
                });
            }
        }
        let mut statuses = vec![];
        while let Some(s) = tasks.join_next().await {
            statuses.push(s.unwrap());
        }
        statuses
    });
    assert_eq!(writes.len(), 60);
    assert!(writes.iter().all(|s| *s == 204), "{writes:?}");
    let audits: Value = rt.block_on(async {
        http.get(format!(
            "{}/v1.0/auditLogs/directoryAudits",
            env_b["CARE_GRAPH_URL"]
        ))
        .bearer_auth(&tb)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
    });
    assert_eq!(
        audits["value"].as_array().unwrap().len(),
        60 + demo::EARLIER_CHANGES,
        "every write of both processes is recorded"
    );
    a.kill().unwrap();
    b.kill().unwrap();
    let _ = (a.wait(), b.wait());
}
