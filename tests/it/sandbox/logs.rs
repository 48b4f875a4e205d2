//! Registration details, sign-in logs and directory audits.

use crate::common::*;
use care::sandbox::demo;
use serde_json::json;

// ---- reports and logs ------------------------------------------------------------------------

#[test]
fn registration_details_follow_the_live_methods() {
    let t = Tenant::start();
    let tok = t.token();
    let id = t.id_of(&tok, demo::NO_METHODS);
    let r = t.get(
        &tok,
        &format!("/v1.0/reports/authenticationMethods/userRegistrationDetails/{id}"),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["isMfaRegistered"], false);
    assert_eq!(r.body["methodsRegistered"], json!([]));
    t.call(
        "POST",
        &format!(
            "/v1.0/users/{}/authentication/phoneMethods",
            demo::NO_METHODS
        ),
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550123", "phoneType": "mobile"})),
        &[],
    );
    let r = t.get(
        &tok,
        &format!("/v1.0/reports/authenticationMethods/userRegistrationDetails/{id}"),
    );
    assert_eq!(r.body["isMfaRegistered"], true);
    assert_eq!(r.body["methodsRegistered"], json!(["mobilePhone"]));
    assert_eq!(
        r.body["userPreferredMethodForSecondaryAuthentication"],
        "sms"
    );
    // the admin flag, and list filters
    let admin = t.get(&tok, &format!("/v1.0/reports/authenticationMethods/userRegistrationDetails?$filter=userPrincipalName%20eq%20'{}'", demo::ADMIN_TARGET));
    assert_eq!(admin.body["value"][0]["isAdmin"], true, "{}", admin.text);
    let phones_users = t.get(&tok, "/v1.0/reports/authenticationMethods/userRegistrationDetails?$filter=methodsRegistered/any(m:m%20eq%20'officePhone')&$top=999");
    let list = phones_users.body["value"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|u| {
        u["methodsRegistered"]
            .as_array()
            .unwrap()
            .contains(&json!("officePhone"))
    }));
    let r = t.get(
        &tok,
        "/v1.0/reports/authenticationMethods/userRegistrationDetails?$filter=jobTitle%20eq%20'x'",
    );
    assert_eq!(r.status, 400);
}

#[test]
fn reports_and_sign_ins_need_a_premium_licence() {
    let t = Tenant::with(|o| o.premium = false);
    let tok = t.token();
    for path in [
        "/v1.0/auditLogs/signIns",
        "/v1.0/reports/authenticationMethods/userRegistrationDetails",
    ] {
        let r = t.get(&tok, path);
        assert_eq!(r.status, 403, "{path}");
        assert_eq!(
            r.code(),
            "Authentication_RequestFromNonPremiumTenantOrB2CTenant"
        );
    }
    assert_eq!(
        t.get(&tok, "/v1.0/auditLogs/directoryAudits").status,
        200,
        "audit logs are not premium"
    );
}

#[test]
fn sign_ins_have_v1_and_beta_shapes_filters_and_paging() {
    let t = Tenant::start();
    let tok = t.token();
    let filter = format!("userPrincipalName%20eq%20'{}'", demo::LEFT_PHONE_AT_HOME);
    let v1 = t.get(&tok, &format!("/v1.0/auditLogs/signIns?$filter={filter}"));
    assert_eq!(v1.status, 200, "{}", v1.text);
    let rows = v1.body["value"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|s| s.get("authenticationDetails").is_none()
        && s.get("authenticationRequirement").is_none()));
    let times: Vec<&str> = rows
        .iter()
        .map(|s| s["createdDateTime"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
    assert_eq!(rows[0]["status"]["errorCode"], 500121);
    let beta = t.get(&tok, &format!("/beta/auditLogs/signIns?$filter={filter}"));
    assert!(beta.body["value"][0]["authenticationDetails"].is_array());
    assert_eq!(
        beta.body["value"][0]["authenticationRequirement"],
        "multiFactorAuthentication"
    );
    // time and error-code filters; an unquoted date-time literal
    let since = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(2))
        .round(jiff::Unit::Second)
        .unwrap();
    let r = t.get(&tok, &format!("/v1.0/auditLogs/signIns?$filter={filter}%20and%20createdDateTime%20ge%20{since}%20and%20status/errorCode%20eq%20500121"));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["value"].as_array().unwrap().len(), 2);
    // paging over everyone
    let r = t.get(&tok, "/v1.0/auditLogs/signIns?$top=5");
    assert_eq!(r.body["value"].as_array().unwrap().len(), 5);
    let next = r.body["@odata.nextLink"].as_str().unwrap();
    let page2 = t.get(&tok, next);
    assert_eq!(page2.status, 200);
    assert_ne!(page2.body["value"][0]["id"], r.body["value"][0]["id"]);
    let one = t.get(
        &tok,
        &format!(
            "/v1.0/auditLogs/signIns/{}",
            r.body["value"][0]["id"].as_str().unwrap()
        ),
    );
    assert_eq!(one.status, 200);
    assert_eq!(
        t.get(
            &tok,
            "/v1.0/auditLogs/signIns?$filter=riskLevel%20eq%20'high'"
        )
        .status,
        400
    );
}

#[test]
fn every_change_leaves_a_directory_audit_record() {
    let t = Tenant::start();
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
            Some(json!({"phoneNumber": "+1 5025550144"})),
            &[]
        )
        .status,
        204
    );
    assert_eq!(
        t.call(
            "PATCH",
            &phone,
            Some(&tok),
            Some(json!({"phoneNumber": "555"})),
            &[]
        )
        .status,
        400
    );
    let literal = demo::LOST_PHONE.replace('\'', "''");
    let r = t.get(&tok, &format!("/v1.0/auditLogs/directoryAudits?$filter=targetResources/any(t:t/userPrincipalName%20eq%20'{literal}')"));
    assert_eq!(r.status, 200, "{}", r.text);
    let records = r.body["value"].as_array().unwrap();
    assert_eq!(records.len(), 2, "{}", r.text);
    let (failure, success) = (&records[0], &records[1]);
    assert_eq!(
        success["activityDisplayName"],
        "Admin updated security info"
    );
    assert_eq!(success["result"], "success");
    assert_eq!(
        success["initiatedBy"]["app"]["appId"].as_str(),
        Some(t.creds.client_id.as_str())
    );
    assert_eq!(
        success["targetResources"][0]["userPrincipalName"],
        demo::LOST_PHONE
    );
    assert_eq!(failure["result"], "failure");
    assert!(failure["resultReason"].as_str().unwrap().contains("format"));
    let stats = t.stats();
    assert_eq!(stats["writes"][demo::LOST_PHONE]["phone.update"], 1);
}

#[test]
fn registration_report_of_a_user_without_methods_and_its_query_options() {
    let t = Tenant::start();
    let tok = t.token();
    let base = "/v1.0/reports/authenticationMethods/userRegistrationDetails";
    let id = t.id_of(&tok, demo::NO_METHODS);
    let r = t.get(&tok, &format!("{base}/{id}"));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["methodsRegistered"], json!([]));
    assert_eq!(r.body["systemPreferredAuthenticationMethods"], json!([]));
    assert_eq!(r.body["userPreferredMethodForSecondaryAuthentication"], "");
    // the single entry takes no query options
    let r = t.get(&tok, &format!("{base}/{id}?$select=id"));
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.code(), "Request_BadRequest");
    // the list: $filter and $orderby (documented), $top as the page size (UNCONFIRMED)
    let r = t.get(
        &tok,
        &format!(
            "{base}?$filter=startswith(userPrincipalName,'a')&$orderby=userPrincipalName%20desc"
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let upns: Vec<&str> = r.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userPrincipalName"].as_str().unwrap())
        .collect();
    assert!(
        upns.len() >= 2 && upns.iter().all(|u| u.starts_with('a')),
        "{upns:?}"
    );
    let mut sorted = upns.clone();
    sorted.sort_by_key(|u| std::cmp::Reverse(u.to_lowercase()));
    assert_eq!(upns, sorted);
    for f in [
        "isMfaCapable%20eq%20false",
        "isSsprRegistered%20eq%20true",
        "isSsprEnabled%20eq%20true",
        "userDisplayName%20eq%20'Ashley%20Kim'",
        "methodsRegistered/any(m:m%20eq%20'mobilePhone')",
    ] {
        assert_eq!(
            t.get(&tok, &format!("{base}?$filter={f}")).status,
            200,
            "{f}"
        );
    }
    let r = t.get(
        &tok,
        &format!("{base}?$filter=isMfaRegistered%20eq%20false"),
    );
    assert!(
        r.body["value"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["userPrincipalName"] == demo::NO_METHODS),
        "{}",
        r.text
    );
    let r = t.get(&tok, &format!("{base}?$top=5"));
    assert_eq!(r.body["value"].as_array().unwrap().len(), 5);
    assert!(r.body["@odata.nextLink"].is_string());
    for option in ["$select=id", "$count=true", "$skip=5", "$search=%22x%22"] {
        let r = t.get(&tok, &format!("{base}?{option}"));
        assert_eq!(r.status, 400, "{option}: {}", r.text);
        assert_eq!(r.code(), "Request_BadRequest", "{option}");
    }
    assert_eq!(
        t.get(&tok, &format!("{base}?$filter=isAdmin%20eq%20true"))
            .status,
        400
    );
}

#[test]
fn sign_ins_take_only_top_skiptoken_and_filter() {
    let t = Tenant::start();
    let tok = t.token();
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'{}'&$top=2",
            demo::LEFT_PHONE_AT_HOME
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let next = r.body["@odata.nextLink"].as_str().unwrap();
    assert!(next.contains("$skiptoken="), "{next}");
    assert_eq!(t.get(&tok, next).status, 200);
    for (option, name) in [
        ("$orderby=createdDateTime%20desc", "$orderby"),
        ("$select=id", "$select"),
        ("$count=true", "$count"),
        ("$search=%22x%22", "$search"),
        ("$skip=2", "$skip"),
    ] {
        let r = t.get(&tok, &format!("/v1.0/auditLogs/signIns?{option}"));
        assert_eq!(r.status, 400, "{option}: {}", r.text);
        assert_eq!(r.code(), "Request_BadRequest");
        assert_eq!(
            r.message(),
            format!("Query option '{name}' is not supported by this resource.")
        );
    }
}
