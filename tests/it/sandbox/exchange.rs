//! Mailbox settings, calendar permissions, and the Exchange Online Admin API.

use crate::common::*;
use care::sandbox::demo;
use serde_json::{Value, json};

// ---- delegates -------------------------------------------------------------------------------

#[test]
fn calendar_permissions_and_mailbox_settings() {
    let t = Tenant::start();
    let tok = t.token();
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/calendar/calendarPermissions",
            demo::PRINCIPAL
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let perms = r.body["value"].as_array().unwrap();
    let role_of = |addr: &str| {
        perms
            .iter()
            .find(|p| p["emailAddress"]["address"] == addr)
            .map(|p| p["role"].as_str().unwrap().to_string())
    };
    assert_eq!(
        role_of(demo::DELEGATE).as_deref(),
        Some("delegateWithPrivateEventAccess")
    );
    assert_eq!(role_of(demo::NOT_DELEGATE).as_deref(), Some("read"));
    assert!(
        perms
            .iter()
            .any(|p| p["id"] == "RGVmYXVsdA==" && p["isRemovable"] == false)
    );
    // a delegated caller who is not the owner sees an empty collection
    let agent = t.user_token(demo::AGENT_AUTH_ADMIN);
    let r = t.get(
        &agent,
        &format!(
            "/v1.0/users/{}/calendar/calendarPermissions",
            demo::PRINCIPAL
        ),
    );
    assert_eq!(r.status, 200);
    assert!(r.body["value"].as_array().unwrap().is_empty());
    // no mailbox
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/calendar/calendarPermissions",
            demo::NO_MAILBOX
        ),
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.code(), "MailboxNotEnabledForRESTAPI");
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/mailboxSettings/delegateMeetingMessageDeliveryOptions",
            demo::PRINCIPAL
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["value"], "sendToDelegateAndInformationToPrincipal");
    let r = t.get(
        &tok,
        &format!("/v1.0/users/{}/mailboxSettings", demo::PRINCIPAL),
    );
    assert_eq!(r.body["timeZone"], "Eastern Standard Time");
}

#[test]
fn admin_api_answers_in_the_documented_shapes() {
    let t = Tenant::start();
    let tok = exchange_app_token(&t);
    let r = cmdlet(
        &t,
        &tok,
        "MailboxFolderPermission",
        Some(PAT),
        folder_body("pat.hayes@district.example:\\Calendar"),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        r.body["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("/$metadata#MailboxFolderPermission")
    );
    let value = r.body["value"].as_array().unwrap();
    assert_eq!(value[0]["User"], "Default");
    assert_eq!(value[0]["AccessRights"], json!(["AvailabilityOnly"]));
    assert_eq!(value[0]["SharingPermissionFlags"], Value::Null);
    assert_eq!(value[1]["User"], "Anonymous");
    assert_eq!(value[1]["AccessRights"], json!(["None"]));
    let linda = value.iter().find(|v| v["User"] == "Linda Brooks").unwrap();
    assert_eq!(
        linda,
        &json!({"Identity": "pat.hayes@district.example:\\Calendar", "FolderName": "Calendar",
                "User": "Linda Brooks", "AccessRights": ["Editor"],
                "SharingPermissionFlags": ["Delegate", "CanViewPrivateItems"]})
    );
    let tom = value.iter().find(|v| v["User"] == "Tom Reed").unwrap();
    assert_eq!(tom["AccessRights"], json!(["Reviewer"]));
    let r = cmdlet(
        &t,
        &tok,
        "MailboxFolderPermission",
        Some(PAT),
        folder_body("pat.hayes@district.example:\\inbox"),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let inbox: Vec<&Value> = r.body["value"].as_array().unwrap().iter().collect();
    assert_eq!(inbox[2]["User"], "Linda Brooks");
    assert_eq!(inbox[2]["FolderName"], "Inbox");
    assert_eq!(inbox[3]["User"], "Dorothy Nguyen");
    assert_eq!(inbox[3]["AccessRights"], json!(["Reviewer"]));
    // Get-Mailbox: Send on Behalf as object ids, and with names and addresses when asked
    let graph = t.token();
    let (linda_id, maria_id) = (
        t.id_of(&graph, demo::DELEGATE),
        t.id_of(&graph, demo::LEFT_PHONE_AT_HOME),
    );
    let body = json!({"CmdletInput": {"CmdletName": "Get-Mailbox",
        "Parameters": {"Identity": "pat.hayes@district.example", "IncludeGrantSendOnBehalfTowithDisplayNames": true}}});
    let r = cmdlet(&t, &tok, "Mailbox", Some(PAT), body);
    assert_eq!(r.status, 200, "{}", r.text);
    let m = &r.body["value"][0];
    assert_eq!(m["UserPrincipalName"], "pat.hayes@district.example");
    assert_eq!(m["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(m["GrantSendOnBehalfTo"], json!([linda_id, maria_id]));
    assert_eq!(
        m["GrantSendOnBehalfToWithDisplayNames"],
        json!([
            "Linda Brooks <linda.brooks@district.example>",
            "Maria Garcia <maria.garcia@district.example>"
        ])
    );
    let body = json!({"CmdletInput": {"CmdletName": "Get-Mailbox",
        "Parameters": {"Identity": "pat.hayes@district.example"}}});
    let r = cmdlet(&t, &tok, "Mailbox", Some(PAT), body);
    assert!(
        r.body["value"][0]
            .get("GrantSendOnBehalfToWithDisplayNames")
            .is_none()
    );
}

#[test]
fn admin_api_refuses_what_it_should() {
    let t = Tenant::start();
    let tok = exchange_app_token(&t);
    let calendar = || folder_body("pat.hayes@district.example:\\Calendar");
    let detail = |r: &Resp| {
        r.body["error"]["details"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    // the routing header is required
    let r = cmdlet(&t, &tok, "MailboxFolderPermission", None, calendar());
    assert_eq!(r.status, 400);
    assert!(detail(&r).contains("X-AnchorMailbox"), "{}", r.text);
    let r = cmdlet(
        &t,
        &tok,
        "MailboxFolderPermission",
        Some("pat.hayes@district.example"),
        calendar(),
    );
    assert_eq!(r.status, 400);
    // tokens are for one audience: Graph's is refused here, Exchange's by Graph
    let r = cmdlet(
        &t,
        &t.token(),
        "MailboxFolderPermission",
        Some(PAT),
        calendar(),
    );
    assert_eq!(r.status, 401, "{}", r.text);
    assert_eq!(t.get(&tok, "/v1.0/users").status, 401);
    // an unknown resource gets no token
    let r = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("client_secret", t.creds.client_secret.expose()),
            ("scope", "https://exchange.example/.default"),
            ("grant_type", "client_credentials"),
        ],
    );
    assert_eq!(r.status, 400);
    assert!(r.text.contains("AADSTS500011"), "{}", r.text);
    // cmdlets, parameters, mailboxes and folders the sandbox does not know: 400 with details
    let wrong = json!({"CmdletInput": {"CmdletName": "Remove-MailboxFolderPermission",
        "Parameters": {"Identity": "pat.hayes@district.example:\\Calendar", "User": "x"}}});
    let r = cmdlet(&t, &tok, "MailboxFolderPermission", Some(PAT), wrong);
    assert_eq!(r.status, 400);
    assert!(detail(&r).contains("Remove-MailboxFolderPermission"));
    let extra = json!({"CmdletInput": {"CmdletName": "Get-MailboxFolderPermission",
        "Parameters": {"Identity": "pat.hayes@district.example:\\Calendar", "User": "x"}}});
    let r = cmdlet(&t, &tok, "MailboxFolderPermission", Some(PAT), extra);
    assert!(detail(&r).contains("'User'"), "{}", r.text);
    for identity in [
        "bus.depot@district.example:\\Calendar",
        "nobody@district.example:\\Calendar",
        "pat.hayes@district.example:\\Kalender",
        "pat.hayes@district.example",
    ] {
        let r = cmdlet(
            &t,
            &tok,
            "MailboxFolderPermission",
            Some(PAT),
            folder_body(identity),
        );
        assert_eq!(r.status, 400, "{identity}");
        assert!(
            detail(&r).contains("couldn't be found"),
            "{identity}: {}",
            r.text
        );
    }
    let r = cmdlet(&t, &tok, "NoSuchEndpoint", Some(PAT), calendar());
    assert_eq!(r.status, 404);
    // a delegated agent needs the Exchange role: Helpdesk (with Exchange Recipient
    // Administrator) may, an Authentication Administrator may not
    let exchange_for = |upn: &str| {
        let first = t.user_tokens(upn, "https://graph.microsoft.com/.default offline_access");
        let r = t.form(
            &t.token_path(),
            &[
                ("client_id", &t.creds.client_id),
                ("grant_type", "refresh_token"),
                (
                    "refresh_token",
                    first.body["refresh_token"].as_str().unwrap(),
                ),
                (
                    "scope",
                    "https://outlook.office365.com/.default offline_access",
                ),
            ],
        );
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(
            r.body["scope"]
                .as_str()
                .unwrap()
                .contains("https://outlook.office365.com/Exchange.ManageV2"),
            "{}",
            r.text
        );
        r.body["access_token"].as_str().unwrap().to_string()
    };
    let helpdesk = exchange_for(demo::AGENT_HELPDESK);
    assert_eq!(
        cmdlet(
            &t,
            &helpdesk,
            "MailboxFolderPermission",
            Some(PAT),
            calendar()
        )
        .status,
        200
    );
    let auth_admin = exchange_for(demo::AGENT_AUTH_ADMIN);
    let r = cmdlet(
        &t,
        &auth_admin,
        "MailboxFolderPermission",
        Some(PAT),
        calendar(),
    );
    assert_eq!(r.status, 403, "{}", r.text);
    // the switches of a tenant without the Preview and of an app without the role
    t.admin(
        "POST",
        "/_sandbox/exchange",
        Some(json!({"appRole": false})),
    );
    assert_eq!(
        cmdlet(&t, &tok, "MailboxFolderPermission", Some(PAT), calendar()).status,
        403
    );
    let r = t.admin(
        "POST",
        "/_sandbox/exchange",
        Some(json!({"available": false})),
    );
    assert_eq!(
        r.body,
        json!({"available": false, "appRole": false, "consent": true})
    );
    assert_eq!(
        cmdlet(&t, &tok, "MailboxFolderPermission", Some(PAT), calendar()).status,
        404
    );
    assert_eq!(
        t.admin("POST", "/_sandbox/exchange", Some(json!({"nope": 1})))
            .status,
        400
    );
}

#[test]
fn admin_api_is_throttled_like_graph() {
    let t = Tenant::with(|o| o.read_limit = Some("2/60".parse().unwrap()));
    let tok = exchange_app_token(&t);
    let calendar = || folder_body("pat.hayes@district.example:\\Calendar");
    let statuses: Vec<u16> = (0..4)
        .map(|_| cmdlet(&t, &tok, "MailboxFolderPermission", Some(PAT), calendar()).status)
        .collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    let r = cmdlet(&t, &tok, "MailboxFolderPermission", Some(PAT), calendar());
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
}
