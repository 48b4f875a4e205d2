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
        json!({"available": false, "appRole": false, "consent": true, "mailFolders": true})
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

/// A mailbox `Identity` in every form the cmdlets document: UPN, email address, object id,
/// alias, `domain\alias`, name, and the `Identity` Get-Mailbox itself returned; a name two
/// people share is refused as ambiguous.
#[test]
fn admin_api_takes_every_documented_identity() {
    let t = Tenant::start();
    let tok = exchange_app_token(&t);
    let pat_id = t.id_of(&t.token(), demo::PRINCIPAL);
    let get = |identity: &str| {
        cmdlet(
            &t,
            &tok,
            "Mailbox",
            Some(PAT),
            json!({"CmdletInput": {"CmdletName": "Get-Mailbox", "Parameters": {"Identity": identity}}}),
        )
    };
    let first = get(demo::PRINCIPAL);
    assert_eq!(first.status, 200, "{}", first.text);
    let returned = first.body["value"][0]["Identity"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        first.body["value"][0]["ExternalDirectoryObjectId"],
        pat_id.as_str()
    );
    for identity in [
        returned.as_str(),
        "pat.hayes",
        "PAT.HAYES@district.example",
        "district\\pat.hayes",
        "Pat Hayes",
        pat_id.as_str(),
    ] {
        let r = get(identity);
        assert_eq!(r.status, 200, "{identity}: {}", r.text);
        assert_eq!(
            r.body["value"][0]["UserPrincipalName"],
            demo::PRINCIPAL,
            "{identity}"
        );
        let r = cmdlet(
            &t,
            &tok,
            "MailboxFolderPermission",
            Some(PAT),
            folder_body(&format!("{identity}:\\Calendar")),
        );
        assert_eq!(r.status, 200, "{identity}: {}", r.text);
    }
    // a display name two people share
    let all = t.get(&t.token(), "/v1.0/users?$top=999&$select=displayName,mail");
    let mut names: Vec<&str> = all.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["mail"].is_string())
        .filter_map(|u| u["displayName"].as_str())
        .collect();
    names.sort_unstable();
    let shared = names
        .windows(2)
        .find(|w| w[0] == w[1])
        .expect("the seeded district has two people of one name");
    let r = get(shared[0]);
    assert_eq!(r.status, 400, "{}", r.text);
    assert!(
        r.text.contains("ManagementObjectAmbiguousException"),
        "{}",
        r.text
    );
    assert_eq!(get("nobody.here").status, 400);
    // another organisation's domain names nobody here
    assert_eq!(get("evil\\pat.hayes").status, 400);
}

/// Get-Mailbox without Identity lists the mailboxes: `ResultSize` caps them (1000 when
/// absent, `Unlimited`), pages follow `@odata.nextLink` with the same body, and `$select`
/// keeps the named properties (an unknown one is refused).
#[test]
fn admin_api_lists_mailboxes_in_pages_with_select() {
    let t = Tenant::start();
    let tok = exchange_app_token(&t);
    let list = |size: Value| json!({"CmdletInput": {"CmdletName": "Get-Mailbox", "Parameters": {"ResultSize": size}}});
    let r = cmdlet(&t, &tok, "Mailbox", Some(PAT), list(json!(3)));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["value"].as_array().unwrap().len(), 3);
    assert!(r.body.get("@odata.nextLink").is_none());
    // every mailbox, page by page
    let body = list(json!("Unlimited"));
    let mut seen = vec![];
    let mut path = format!("/exchange/adminapi/v2.0/{}/Mailbox", t.creds.tenant_id);
    loop {
        let r = t.call(
            "POST",
            &path,
            Some(&tok),
            Some(body.clone()),
            &[("X-AnchorMailbox", PAT)],
        );
        assert_eq!(r.status, 200, "{}", r.text);
        let page = r.body["value"].as_array().unwrap();
        assert!(page.len() <= 100);
        seen.extend(
            page.iter()
                .map(|m| m["UserPrincipalName"].as_str().unwrap().to_string()),
        );
        match r.body["@odata.nextLink"].as_str() {
            Some(next) => path = next.trim_start_matches(&t.root).to_string(),
            None => break,
        }
    }
    assert!(seen.len() > 300, "{}", seen.len());
    assert!(seen.contains(&demo::PRINCIPAL.to_string()));
    assert!(
        !seen.contains(&demo::NO_MAILBOX.to_string()),
        "a user without a mailbox"
    );
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "each mailbox once");
    for bad in [json!("abc"), json!(0), json!(-1)] {
        let r = cmdlet(&t, &tok, "Mailbox", Some(PAT), list(bad.clone()));
        assert_eq!(r.status, 400, "{bad}: {}", r.text);
    }
    // a folder read capped at one entry
    let r = cmdlet(
        &t,
        &tok,
        "MailboxFolderPermission",
        Some(PAT),
        json!({"CmdletInput": {"CmdletName": "Get-MailboxFolderPermission",
            "Parameters": {"Identity": "pat.hayes@district.example:\\Calendar", "ResultSize": 1}}}),
    );
    assert_eq!(r.body["value"].as_array().unwrap().len(), 1, "{}", r.text);
    // $select
    let select = |props: &str| {
        t.call(
            "POST",
            &format!(
                "/exchange/adminapi/v2.0/{}/Mailbox?$select={props}",
                t.creds.tenant_id
            ),
            Some(&tok),
            Some(list(json!(2))),
            &[("X-AnchorMailbox", PAT)],
        )
    };
    let r = select("UserPrincipalName,displayname");
    assert_eq!(r.status, 200, "{}", r.text);
    let keys: Vec<&String> = r.body["value"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["DisplayName", "UserPrincipalName"]);
    // a property an answer leaves out when empty can still be asked for
    assert_eq!(select("GrantSendOnBehalfToWithDisplayNames").status, 200);
    let r = select("Shoesize");
    assert_eq!(r.status, 400, "{}", r.text);
}

/// A Spanish-language mailbox: Graph names its default folders in Spanish (found by type:
/// the default calendar, the well-known `inbox`), and the Admin API knows the folders by
/// those names only.
#[test]
fn a_spanish_mailbox_has_spanish_folders() {
    let t = Tenant::start();
    let graph = t.token();
    let owner = demo::SPANISH_MAILBOX;
    let r = t.get(
        &graph,
        &format!("/v1.0/users/{owner}/calendar?$select=name"),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["name"], "Calendario");
    let r = t.get(&graph, &format!("/v1.0/users/{owner}/mailFolders/Inbox"));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["displayName"], "Bandeja de entrada");
    let r = t.get(
        &graph,
        &format!("/v1.0/users/{}/mailFolders/inbox", demo::PRINCIPAL),
    );
    assert_eq!(r.body["displayName"], "Inbox");
    let tok = exchange_app_token(&t);
    let anchor = format!("UPN:{owner}");
    let folder = |name: &str| {
        cmdlet(
            &t,
            &tok,
            "MailboxFolderPermission",
            Some(&anchor),
            folder_body(&format!("{owner}:\\{name}")),
        )
    };
    let r = folder("Calendario");
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["value"][0]["FolderName"], "Calendario");
    assert_eq!(folder("Bandeja de entrada").status, 200);
    assert_eq!(
        folder("Calendar").status,
        400,
        "the English name is not on a Spanish mailbox"
    );
    // a delegated agent reads only their own mailbox's folders
    let agent = t.user_token(demo::AGENT_AUTH_ADMIN);
    let r = t.get(&agent, &format!("/v1.0/users/{owner}/mailFolders/inbox"));
    assert_eq!(r.status, 403, "{}", r.text);
}
