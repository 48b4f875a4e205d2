//! The identity platform: tokens, client credentials, device code, the sign-in page, roles.

use crate::common::*;
use care::sandbox::{DbLocation, SandboxOptions, demo};
use serde_json::{Value, json};

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

#[test]
fn expired_device_codes_and_tokens_are_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tenant.db");
    let t = Tenant::serve(
        SandboxOptions {
            db: DbLocation::File(db.clone()),
            users: 40,
            ..Default::default()
        },
        tempfile::tempdir().unwrap(),
    );
    let count = |table: &str| -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    for _ in 0..20 {
        t.device_code("User.Read");
        t.fresh_token();
    }
    assert!(count("device_codes") >= 20 && count("tokens") >= 20);
    t.advance_clock("72h");
    t.device_code("User.Read");
    t.fresh_token();
    assert_eq!(count("device_codes"), 1);
    assert_eq!(count("tokens"), 1);
}

// ---- identity and permissions ----------------------------------------------------------------

#[test]
fn tokens_are_checked_on_every_graph_route() {
    let t = Tenant::start();
    let r = t.call("GET", "/v1.0/users", None, None, &[]);
    assert_eq!(r.status, 401);
    assert_eq!(r.code(), "InvalidAuthenticationToken");
    assert!(r.header("www-authenticate").is_some());
    let r = t.get("not-a-token", "/v1.0/users");
    assert_eq!(r.status, 401);
    let tok = t.token();
    assert_eq!(t.get(&tok, "/v1.0/users?$top=1").status, 200);
    t.advance_clock("3700s");
    let r = t.get(&tok, "/v1.0/users?$top=1");
    assert_eq!(r.status, 401);
    assert_eq!(r.message(), "Access token has expired or is not yet valid.");
}

#[test]
fn client_credentials_errors_have_the_documented_shape() {
    let t = Tenant::start();
    let path = t.token_path();
    let r = t.form(
        &path,
        &[
            ("client_id", &t.creds.client_id),
            ("client_secret", "wrong"),
            ("scope", "https://graph.microsoft.com/.default"),
            ("grant_type", "client_credentials"),
        ],
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"], "invalid_client");
    assert!(
        r.body["error_description"]
            .as_str()
            .unwrap()
            .starts_with("AADSTS7000215: ")
    );
    assert_eq!(r.body["error_codes"], json!([7000215]));
    assert!(
        r.body["trace_id"].is_string()
            && r.body["correlation_id"].is_string()
            && r.body["timestamp"].is_string()
    );
    assert!(!r.text.contains(t.creds.client_secret.expose()));
    let r = t.form(
        &path,
        &[
            ("client_id", &t.creds.client_id),
            ("client_secret", t.creds.client_secret.expose()),
            ("scope", "User.Read.All"),
            ("grant_type", "client_credentials"),
        ],
    );
    assert_eq!(r.body["error"], "invalid_scope");
    let r = t.form(
        "/contoso.example/oauth2/v2.0/token",
        &[("grant_type", "client_credentials")],
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.body["error_codes"], json!([90002]));
    let r = t.form(&path, &[("grant_type", "password")]);
    assert_eq!(r.body["error"], "unsupported_grant_type");
    let r = t.form(
        &path,
        &[
            ("client_id", "00000000-0000-0000-0000-000000000000"),
            ("client_secret", "x"),
            ("scope", "https://graph.microsoft.com/.default"),
            ("grant_type", "client_credentials"),
        ],
    );
    assert_eq!(r.body["error"], "unauthorized_client");
    // the domain works as the tenant too
    let r = t.form(
        "/district.example/oauth2/v2.0/token",
        &[
            ("client_id", &t.creds.client_id),
            ("client_secret", t.creds.client_secret.expose()),
            ("scope", "https://graph.microsoft.com/.default"),
            ("grant_type", "client_credentials"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.body["expires_in"], 3599);
}

#[test]
fn device_code_flow_polls_then_signs_in_and_refreshes() {
    let t = Tenant::start();
    let (device, user_code) =
        t.device_code("https://graph.microsoft.com/.default offline_access openid");
    let r = t.poll(&device);
    assert_eq!(r.status, 400);
    assert_eq!(r.body["error"], "authorization_pending");
    let r = t.poll(&device);
    assert_eq!(
        r.body["error"], "slow_down",
        "polled before the interval: {}",
        r.text
    );
    t.advance_clock("2s");
    assert_eq!(t.poll(&device).body["error"], "authorization_pending");
    let bad = t.poll("no-such-code");
    assert_eq!(bad.body["error"], "bad_verification_code");
    let a = t.admin(
        "POST",
        "/_sandbox/approve",
        Some(json!({"userCode": user_code, "userPrincipalName": demo::AGENT_AUTH_ADMIN})),
    );
    assert_eq!(a.status, 200, "{}", a.text);
    t.advance_clock("2s");
    let r = t.poll(&device);
    assert_eq!(r.status, 200, "{}", r.text);
    for field in ["access_token", "refresh_token", "id_token", "scope"] {
        assert!(r.body[field].is_string(), "{field}: {}", r.text);
    }
    let access = r.body["access_token"].as_str().unwrap().to_string();
    let me = t.get(&access, "/v1.0/me");
    assert_eq!(me.body["userPrincipalName"], demo::AGENT_AUTH_ADMIN);
    t.advance_clock("2s");
    assert_eq!(
        t.poll(&device).body["error"],
        "invalid_grant",
        "redeemed once only"
    );
    // a refresh gives a new refresh token, and the old one stays good (as Entra documents)
    let refresh = r.body["refresh_token"].as_str().unwrap().to_string();
    let use_refresh = |rt: &str| {
        t.form(
            &t.token_path(),
            &[
                ("client_id", &t.creds.client_id),
                ("grant_type", "refresh_token"),
                ("refresh_token", rt),
            ],
        )
    };
    let refreshed = use_refresh(&refresh);
    assert_eq!(refreshed.status, 200, "{}", refreshed.text);
    assert_ne!(refreshed.body["refresh_token"], refresh.as_str());
    assert!(
        refreshed.body["id_token"].is_string(),
        "the sign-in asked for openid: {}",
        refreshed.text
    );
    assert_eq!(use_refresh(&refresh).status, 200, "the old one stays good");
    // the sandbox can be set to single-use refresh tokens, for clients that expect rotation
    t.admin(
        "POST",
        "/_sandbox/identity",
        Some(json!({"singleUseRefreshTokens": true})),
    );
    // another app's attempt is refused and does not use it up
    let other = t.form(
        &t.token_path(),
        &[
            ("client_id", "00000000-0000-0000-0000-000000000000"),
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
        ],
    );
    assert_eq!(other.body["error"], "invalid_grant");
    let once = use_refresh(&refresh);
    assert_eq!(once.status, 200, "{}", once.text);
    assert_eq!(
        use_refresh(&refresh).body["error"],
        "invalid_grant",
        "a used refresh token is gone"
    );
    t.admin(
        "POST",
        "/_sandbox/identity",
        Some(json!({"singleUseRefreshTokens": false})),
    );
    // revoking sessions kills refresh tokens issued before it
    let newer = refreshed.body["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    t.advance_clock("2s");
    let app = t.token();
    assert_eq!(
        t.call(
            "POST",
            &format!(
                "/v1.0/users/{}/revokeSignInSessions",
                demo::AGENT_AUTH_ADMIN
            ),
            Some(&app),
            None,
            &[]
        )
        .status,
        200
    );
    let revoked = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("grant_type", "refresh_token"),
            ("refresh_token", &newer),
        ],
    );
    assert_eq!(revoked.body["error"], "invalid_grant");
    assert_eq!(revoked.body["error_codes"], json!([50173]));
    // a declined sign-in
    let (device, user_code) = t.device_code("User.Read.All");
    t.admin("POST", "/_sandbox/approve", Some(json!({"userCode": user_code, "userPrincipalName": demo::AGENT_READER, "decline": true})));
    assert_eq!(t.poll(&device).body["error"], "authorization_declined");
}

#[test]
fn roles_decide_what_a_delegated_agent_may_do() {
    let t = Tenant::start();
    let phone = |upn: &str| {
        format!(
            "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
            enc(upn)
        )
    };
    let body = || Some(json!({"phoneNumber": "+1 5025550177"}));

    // Global Reader reads methods but cannot write
    let reader = t.user_token(demo::AGENT_READER);
    assert_eq!(t.get(&reader, &phone(demo::LOST_PHONE)).status, 200);
    let r = t.call(
        "PATCH",
        &phone(demo::LOST_PHONE),
        Some(&reader),
        body(),
        &[],
    );
    assert_eq!(r.status, 403, "{}", r.text);
    // Authentication Administrator: members yes, admins no, never a pass for themselves
    let auth = t.user_token(demo::AGENT_AUTH_ADMIN);
    assert_eq!(
        t.call("PATCH", &phone(demo::LOST_PHONE), Some(&auth), body(), &[])
            .status,
        204
    );
    let r = t.call(
        "PATCH",
        &phone(demo::ADMIN_TARGET),
        Some(&auth),
        body(),
        &[],
    );
    assert_eq!(r.status, 403, "{}", r.text);
    assert!(
        r.message()
            .contains("Privileged Authentication Administrator"),
        "{}",
        r.text
    );
    let r = t.call(
        "POST",
        &format!(
            "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
            demo::AGENT_AUTH_ADMIN
        ),
        Some(&auth),
        Some(json!({})),
        &[],
    );
    assert_eq!(r.status, 403, "{}", r.text);
    // Privileged Authentication Administrator may act on admins
    let privileged = t.user_token(demo::AGENT_PRIV_AUTH);
    assert_eq!(
        t.call(
            "PATCH",
            &phone(demo::ADMIN_TARGET),
            Some(&privileged),
            body(),
            &[]
        )
        .status,
        204
    );
    // Helpdesk Administrator revokes sessions of members but can't read methods
    let helpdesk = t.user_token(demo::AGENT_HELPDESK);
    assert_eq!(
        t.call(
            "POST",
            &format!("/v1.0/users/{}/revokeSignInSessions", demo::LOST_PHONE),
            Some(&helpdesk),
            None,
            &[]
        )
        .status,
        200
    );
    assert_eq!(
        t.call(
            "POST",
            &format!("/v1.0/users/{}/revokeSignInSessions", demo::ADMIN_TARGET),
            Some(&helpdesk),
            None,
            &[]
        )
        .status,
        403
    );
    assert_eq!(t.get(&helpdesk, &phone(demo::LOST_PHONE)).status, 403);
    // sign-in logs need a reports role
    assert_eq!(t.get(&reader, "/v1.0/auditLogs/signIns?$top=1").status, 200);
    let r = t.get(&helpdesk, "/v1.0/auditLogs/signIns?$top=1");
    assert_eq!(r.status, 403);
    assert_eq!(r.code(), "Authorization_RequestDenied");
    // a token without the scope
    let narrow = t.user_tokens(demo::AGENT_PRIV_AUTH, "User.Read.All").body["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        t.get(&narrow, "/v1.0/users/maria.garcia@district.example")
            .status,
        200
    );
    assert_eq!(t.get(&narrow, &phone(demo::LOST_PHONE)).status, 403);
}

/// What MSAL reads first: the tenant's OpenID configuration (by id or domain) and its keys; an
/// id_token signed RS256 with a key of the JWKS, with the claims Entra's v2.0 id_tokens carry;
/// `client_info` when asked; `ext_expires_in`; OpenID Connect's scopes written bare.
#[test]
fn discovery_keys_and_a_signed_id_token() {
    use base64::Engine;
    let t = Tenant::start();
    let b64 = |s: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s)
            .unwrap()
    };
    let host = t.root.trim_start_matches("http://").to_string();
    let issuer = format!("https://{host}/{}/v2.0", t.creds.tenant_id);
    for tenant in [&t.creds.tenant_id, &t.creds.domain] {
        let d = t.call(
            "GET",
            &format!("/{tenant}/v2.0/.well-known/openid-configuration"),
            None,
            None,
            &[],
        );
        assert_eq!(d.status, 200, "{}", d.text);
        assert_eq!(d.body["issuer"], issuer.as_str());
        assert_eq!(
            d.body["token_endpoint"],
            format!("https://{host}/{tenant}/oauth2/v2.0/token").as_str()
        );
        assert!(
            d.body["response_modes_supported"]
                .to_string()
                .contains("form_post")
        );
    }
    assert_eq!(
        t.call(
            "GET",
            "/nowhere.example/v2.0/.well-known/openid-configuration",
            None,
            None,
            &[]
        )
        .status,
        400
    );
    let jwks = t.call(
        "GET",
        &format!("/{}/discovery/v2.0/keys", t.creds.tenant_id),
        None,
        None,
        &[],
    );
    let key = &jwks.body["keys"][0];
    assert_eq!(key["kty"], "RSA");
    // a device-code sign-in, with client_info asked for
    let (device, user_code) = t.device_code("User.Read.All offline_access openid profile");
    t.admin(
        "POST",
        "/_sandbox/approve",
        Some(json!({"userCode": user_code, "userPrincipalName": demo::AGENT_AUTH_ADMIN})),
    );
    t.advance_clock("2s");
    let r = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", &device),
            ("client_info", "1"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["ext_expires_in"], 3599);
    assert_eq!(
        r.body["scope"],
        "https://graph.microsoft.com/User.Read.All openid profile offline_access"
    );
    let id_token = r.body["id_token"].as_str().unwrap();
    let (signed, signature) = id_token.rsplit_once('.').unwrap();
    let (header, claims) = signed.split_once('.').unwrap();
    let header: Value = serde_json::from_slice(&b64(header)).unwrap();
    let claims: Value = serde_json::from_slice(&b64(claims)).unwrap();
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["kid"], key["kid"]);
    ring::signature::RsaPublicKeyComponents {
        n: b64(key["n"].as_str().unwrap()),
        e: b64(key["e"].as_str().unwrap()),
    }
    .verify(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        signed.as_bytes(),
        &b64(signature),
    )
    .expect("the id_token verifies with the tenant's published key");
    assert_eq!(claims["iss"], issuer.as_str());
    assert_eq!(claims["aud"], t.creds.client_id.as_str());
    assert_eq!(claims["tid"], t.creds.tenant_id.as_str());
    assert_eq!(claims["ver"], "2.0");
    assert_eq!(claims["preferred_username"], demo::AGENT_AUTH_ADMIN);
    for c in ["sub", "oid", "name", "iat", "nbf", "exp"] {
        assert!(!claims[c].is_null(), "{c}: {claims}");
    }
    let info: Value =
        serde_json::from_slice(&b64(r.body["client_info"].as_str().unwrap())).unwrap();
    assert_eq!(info["uid"], claims["oid"]);
    assert_eq!(info["utid"], t.creds.tenant_id.as_str());
}
