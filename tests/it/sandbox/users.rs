//! Users: keys, projections, filters, search, paging, seeding.

use crate::common::*;
use care::sandbox::demo;
use serde_json::json;
use std::collections::HashSet;

// ---- the shape to copy: a contract check ----------------------------------------------------
//
// Graph over HTTP, no care: a request as the documentation shows it, and the answer's status and
// body as the documentation says (here Graph's error envelope for an unknown user).

#[test]
fn an_unknown_user_is_graphs_404_envelope() {
    let t = Tenant::start();
    let r = t.get(&t.token(), "/v1.0/users/nobody@district.example");
    assert_eq!(r.status, 404);
    insta::assert_snapshot!(redact(&r.text), @r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'nobody@district.example' does not exist or one of its queried reference-property objects are not present.","innerError":{"date":"[time]","request-id":"[id]"}}}"#);
}

// ---- users -----------------------------------------------------------------------------------

#[test]
fn get_user_by_upn_or_id_with_default_projection_and_select() {
    let t = Tenant::start();
    let tok = t.token();
    let r = t.get(&tok, "/v1.0/users/Maria.Garcia@DISTRICT.example");
    assert_eq!(r.status, 200, "{}", r.text);
    let obj = r.body.as_object().unwrap();
    let keys: HashSet<&str> = obj.keys().map(String::as_str).collect();
    let mut expected: HashSet<&str> = care::graph::model::User::DEFAULT_PROPERTIES
        .iter()
        .copied()
        .collect();
    expected.insert("@odata.context");
    assert_eq!(keys, expected, "default projection only");
    assert!(
        r.body["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("/v1.0/$metadata#users/$entity")
    );
    assert_eq!(r.body["userPrincipalName"], demo::LEFT_PHONE_AT_HOME);
    let id = r.body["id"].as_str().unwrap();
    let by_id = t.get(
        &tok,
        &format!("/v1.0/users/{id}?$select=accountEnabled,department,employeeId"),
    );
    assert_eq!(by_id.status, 200);
    assert_eq!(by_id.body["accountEnabled"], true);
    assert!(by_id.body["employeeId"].as_str().unwrap().starts_with('E'));
    assert!(
        by_id.body.get("displayName").is_none(),
        "only the selected properties"
    );
    assert!(
        by_id.body["@odata.context"]
            .as_str()
            .unwrap()
            .contains("users(accountEnabled,department,employeeId)/$entity")
    );
    let bad = t.get(
        &tok,
        "/v1.0/users/maria.garcia@district.example?$select=shoeSize",
    );
    assert_eq!(bad.status, 400);
    assert!(bad.message().contains("shoeSize"), "{}", bad.text);
}

#[test]
fn user_keys_follow_graphs_encoding_rules() {
    let t = Tenant::start();
    let tok = t.token();
    // '#' percent-encoded (a B2B guest)
    let guest = t.get(
        &tok,
        "/v1.0/users/vendor.rep_partner.example%23EXT%23@district.example",
    );
    assert_eq!(guest.status, 200, "{}", guest.text);
    // an apostrophe, literal or encoded
    assert_eq!(
        t.get(&tok, "/v1.0/users/sean.o'brien@district.example")
            .status,
        200
    );
    assert_eq!(
        t.get(&tok, "/v1.0/users/sean.o%27brien@district.example")
            .status,
        200
    );
    // a UPN beginning with '$' fails in the plain form and works in the key form
    let plain = t.get(&tok, "/v1.0/users/$kiosk.library@district.example");
    assert_eq!(plain.status, 400, "{}", plain.text);
    assert_eq!(plain.code(), "Request_BadRequest");
    let keyed = t.get(
        &tok,
        "/v1.0/users('$kiosk.library@district.example')?$select=displayName",
    );
    assert_eq!(keyed.status, 200, "{}", keyed.text);
    assert_eq!(keyed.body["displayName"], "Library Kiosk");
    // the key form doubles quotes
    let quoted = t.get(&tok, "/v1.0/users('sean.o''brien@district.example')");
    assert_eq!(quoted.status, 200, "{}", quoted.text);
    // a key with '/' cannot exist
    assert_eq!(
        t.get(&tok, "/v1.0/users/a%2Fb@district.example").status,
        404
    );
}

#[test]
fn list_filters_basic_and_advanced_queries() {
    let t = Tenant::start();
    let tok = t.token();
    let r = t.get(
        &tok,
        "/v1.0/users?$filter=userPrincipalName%20eq%20'sean.o''brien@district.example'",
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["value"].as_array().unwrap().len(), 1);
    let r = t.get(
        &tok,
        "/v1.0/users?$filter=startswith(displayName,'Maria%20Ga')&$select=displayName",
    );
    assert!(
        r.body["value"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["displayName"] == "Maria Garcia")
    );
    let r = t.get(&tok, "/v1.0/users?$filter=mail%20in%20('maria.garcia@district.example','kevin.patel@district.example')");
    assert_eq!(r.body["value"].as_array().unwrap().len(), 2, "{}", r.text);

    // advanced operators need ConsistencyLevel: eventual and $count=true
    let r = t.get(
        &tok,
        "/v1.0/users?$filter=endswith(mail,'@district.example')",
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.code(), "Request_UnsupportedQuery");
    assert!(r.message().starts_with("Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header."), "{}", r.message());
    let ne = t.get(&tok, "/v1.0/users?$filter=accountEnabled%20ne%20true");
    assert!(
        ne.message().starts_with("Operator 'ne' is not supported"),
        "{}",
        ne.text
    );
    let r = t.call(
        "GET",
        "/v1.0/users?$filter=accountEnabled%20ne%20true&$count=true&$select=id",
        Some(&tok),
        None,
        &[("ConsistencyLevel", "eventual")],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let disabled = r.body["@odata.count"].as_u64().unwrap();
    assert!(disabled >= 1, "the seed has disabled accounts");
    assert_eq!(disabled as usize, r.body["value"].as_array().unwrap().len());

    // a property that is not indexed
    let r = t.get(&tok, "/v1.0/users?$filter=preferredName%20eq%20'x'");
    assert_eq!(r.status, 400);
    assert_eq!(
        r.message(),
        "Unsupported or invalid query filter clause specified for property 'preferredName' of resource 'User'."
    );
    // mobilePhone needs an advanced query even for eq (§1.3)
    let r = t.get(
        &tok,
        "/v1.0/users?$filter=mobilePhone%20eq%20'%2B1%205025550100'",
    );
    assert_eq!(r.status, 400);
    // a malformed filter
    assert_eq!(
        t.get(&tok, "/v1.0/users?$filter=displayName%20eq%20'unterminated")
            .status,
        400
    );
}

#[test]
fn search_and_count_need_the_consistency_header() {
    let t = Tenant::start();
    let tok = t.token();
    let r = t.get(&tok, "/v1.0/users?$search=%22displayName:garc%22");
    assert_eq!(r.status, 400);
    assert_eq!(
        r.message(),
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
    );
    let r = t.call(
        "GET",
        "/v1.0/users?$search=%22displayName:garc%22&$select=displayName",
        Some(&tok),
        None,
        &[("ConsistencyLevel", "eventual")],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        r.body["value"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["displayName"] == "Maria Garcia")
    );
    // $count=true without the header: silently no count
    let r = t.get(&tok, "/v1.0/users?$count=true&$top=1");
    assert_eq!(r.status, 200);
    assert!(r.body.get("@odata.count").is_none());
    // /users/$count
    let r = t.get(&tok, "/v1.0/users/$count");
    assert_eq!(r.status, 400);
    assert_eq!(r.message(), "$count is not currently supported.");
    let r = t.call(
        "GET",
        "/v1.0/users/$count",
        Some(&tok),
        None,
        &[("ConsistencyLevel", "eventual")],
    );
    assert_eq!(r.status, 200);
    // 300 people, the Care Center's shared mailbox and the people with red flags
    assert_eq!(
        r.text.trim().parse::<usize>().unwrap(),
        300 + demo::BESIDES_STAFF
    );
}

#[test]
fn paging_follows_next_links_to_every_user_once() {
    let t = Tenant::start();
    let tok = t.token();
    let mut url = "/v1.0/users?$top=64&$select=id".to_string();
    let mut seen = HashSet::new();
    let mut pages = 0;
    loop {
        let r = t.get(&tok, &url);
        assert_eq!(r.status, 200, "{}", r.text);
        pages += 1;
        for u in r.body["value"].as_array().unwrap() {
            assert!(
                seen.insert(u["id"].as_str().unwrap().to_string()),
                "no user twice"
            );
        }
        match r.body["@odata.nextLink"].as_str() {
            Some(next) => {
                assert!(next.starts_with(&t.root), "absolute link: {next}");
                assert!(next.contains("$select=id"), "keeps the query: {next}");
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(
        seen.len(),
        300 + demo::BESIDES_STAFF,
        "300 people and the rest"
    );
    assert_eq!(pages, 5);
    assert_eq!(t.get(&tok, "/v1.0/users?$top=1000").status, 400);
    assert_eq!(t.get(&tok, "/v1.0/users?$top=0").status, 400);
    assert_eq!(t.get(&tok, "/v1.0/users?$skip=5").status, 400);
    let r = t.get(&tok, "/v1.0/users?$select=aboutMe");
    assert_eq!(r.status, 501, "{}", r.text);
    // default page size is 100
    let r = t.get(&tok, "/v1.0/users");
    assert_eq!(r.body["value"].as_array().unwrap().len(), 100);
}

#[test]
fn seeding_is_deterministic_from_the_seed() {
    let list = |seed: u64| {
        let t = Tenant::with(|o| {
            o.seed = seed;
            o.users = 80;
        });
        let tok = t.token();
        t.get(
            &tok,
            "/v1.0/users?$top=999&$select=id,userPrincipalName,jobTitle",
        )
        .body["value"]
            .clone()
    };
    let a = list(7);
    assert_eq!(a, list(7));
    assert_ne!(a, list(8));
    assert_eq!(a.as_array().unwrap().len(), 80 + demo::BESIDES_STAFF);
}

#[test]
fn revoke_sign_in_sessions_resets_valid_from() {
    let t = Tenant::start();
    let tok = t.token();
    let before = t
        .get(
            &tok,
            "/v1.0/users/maria.garcia@district.example?$select=signInSessionsValidFromDateTime",
        )
        .body["signInSessionsValidFromDateTime"]
        .as_str()
        .unwrap()
        .to_string();
    let r = t.call(
        "POST",
        "/v1.0/users/maria.garcia@district.example/revokeSignInSessions",
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["value"], true);
    assert!(
        r.body["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("$metadata#Edm.Boolean")
    );
    let after = t
        .get(
            &tok,
            "/v1.0/users/maria.garcia@district.example?$select=signInSessionsValidFromDateTime",
        )
        .body["signInSessionsValidFromDateTime"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(after > before, "{before} -> {after}");
}

#[test]
fn user_filters_follow_the_documented_property_table() {
    let t = Tenant::start();
    let tok = t.token();
    let plain = |filter: &str| t.get(&tok, &format!("/v1.0/users?$filter={filter}&$select=id"));
    let advanced = |filter: &str| {
        t.call(
            "GET",
            &format!("/v1.0/users?$filter={filter}&$select=id&$count=true"),
            Some(&tok),
            None,
            &[("ConsistencyLevel", "eventual")],
        )
    };
    let unsupported = |r: &Resp, prop: &str| {
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(r.code(), "Request_UnsupportedQuery", "{}", r.text);
        assert!(r.message().contains(prop), "{}", r.text);
    };
    // default: eq, in and startsWith on the §1.3 name properties
    for f in [
        "department%20eq%20'Transportation'",
        "Department%20eq%20'Transportation'",
        "usageLocation%20eq%20'US'",
        "startswith(jobTitle,'Bus')",
        "surname%20in%20('Patel','Garcia')",
        "employeeId%20eq%20'E123456'",
        "onPremisesSyncEnabled%20eq%20true",
    ] {
        let r = plain(f);
        assert_eq!(r.status, 200, "{f}: {}", r.text);
    }
    let r = plain("department%20eq%20'Transportation'");
    assert!(r.body["value"].as_array().unwrap().len() >= 2, "{}", r.text);
    // advanced only: mobilePhone, officeLocation, preferredLanguage (eq and startsWith),
    // businessPhones/any, every `eq null`, ne, not
    for (f, prop) in [
        ("mobilePhone%20eq%20'%2B1%205025550100'", "mobilePhone"),
        (
            "startswith(officeLocation,'Transportation')",
            "officeLocation",
        ),
        ("preferredLanguage%20eq%20'en-US'", "preferredLanguage"),
        (
            "businessPhones/any(p:p%20eq%20'%2B1%205025550100')",
            "businessPhones",
        ),
        ("displayName%20eq%20null", "displayName"),
        ("employeeId%20eq%20null", "employeeId"),
        ("onPremisesSyncEnabled%20eq%20null", "onPremisesSyncEnabled"),
    ] {
        unsupported(&plain(f), prop);
        let r = advanced(f);
        assert_eq!(r.status, 200, "{f}: {}", r.text);
    }
    let r = advanced("startswith(officeLocation,'Transportation')");
    assert!(r.body["@odata.count"].as_u64().unwrap() >= 2, "{}", r.text);
    let r = plain("department%20ne%20'Transportation'");
    assert!(
        r.message().starts_with("Operator 'ne' is not supported"),
        "{}",
        r.text
    );
    assert_eq!(advanced("department%20ne%20'Transportation'").status, 200);
    // never: employeeId startsWith, userPrincipalName eq null, endsWith off the four properties,
    // properties missing from the table
    for (f, prop) in [
        ("startswith(employeeId,'E1')", "employeeId"),
        ("userPrincipalName%20eq%20null", "userPrincipalName"),
        ("endswith(displayName,'Garcia')", "displayName"),
        ("faxNumber%20eq%20'x'", "faxNumber"),
    ] {
        unsupported(&plain(f), prop);
        unsupported(&advanced(f), prop);
    }
    assert_eq!(
        plain("faxNumber%20eq%20'x'").message(),
        "Unsupported or invalid query filter clause specified for property 'faxNumber' of resource 'User'."
    );
    // endsWith: advanced, on userPrincipalName, mail, otherMails, proxyAddresses
    let r = plain("endswith(userPrincipalName,'@district.example')");
    assert!(
        r.message()
            .starts_with("Operator 'endsWith' is not supported"),
        "{}",
        r.text
    );
    assert_eq!(
        advanced("endswith(userPrincipalName,'@district.example')").status,
        200
    );
    assert_eq!(
        advanced("proxyAddresses/any(p:endswith(p,'@district.example'))").status,
        200
    );
}

#[test]
fn select_accepts_every_documented_user_property() {
    let t = Tenant::start();
    let tok = t.token();
    let props = [
        "accountEnabled",
        "ageGroup",
        "businessPhones",
        "city",
        "companyName",
        "country",
        "createdDateTime",
        "department",
        "displayName",
        "employeeHireDate",
        "employeeId",
        "employeeType",
        "externalUserState",
        "faxNumber",
        "givenName",
        "id",
        "identities",
        "imAddresses",
        "jobTitle",
        "lastPasswordChangeDateTime",
        "mail",
        "mailNickname",
        "mobilePhone",
        "officeLocation",
        "onPremisesDistinguishedName",
        "onPremisesDomainName",
        "onPremisesImmutableId",
        "onPremisesLastSyncDateTime",
        "onPremisesSamAccountName",
        "onPremisesSecurityIdentifier",
        "onPremisesSyncEnabled",
        "onPremisesUserPrincipalName",
        "otherMails",
        "passwordPolicies",
        "postalCode",
        "preferredDataLocation",
        "preferredLanguage",
        "proxyAddresses",
        "securityIdentifier",
        "showInAddressList",
        "signInSessionsValidFromDateTime",
        "state",
        "streetAddress",
        "surname",
        "usageLocation",
        "userPrincipalName",
        "userType",
        "creationType",
        "employeeOrgData",
        "mySite",
        "aboutMe",
    ];
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}?$select={}",
            demo::LEFT_PHONE_AT_HOME,
            props.join(",")
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    for p in props {
        assert!(r.body.get(p).is_some(), "{p} missing: {}", r.text);
    }
    assert_eq!(r.body["displayName"], "Maria Garcia");
    assert!(r.body["city"].is_null());
    assert!(r.body["aboutMe"].is_null());
    assert_eq!(r.body["imAddresses"], json!([]));
    // names match in any case; the answer uses Graph's spelling
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}?$select=CITY,companyname,FaxNumber",
            demo::LEFT_PHONE_AT_HOME
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let keys: HashSet<&str> = r
        .body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        HashSet::from(["@odata.context", "city", "companyName", "faxNumber"])
    );
    assert_eq!(r.body["companyName"], "District Public Schools");
    assert!(
        r.body["@odata.context"]
            .as_str()
            .unwrap()
            .contains("users(city,companyName,faxNumber)/$entity")
    );
    // in a collection too, except the properties Graph returns one user at a time
    let r = t.get(
        &tok,
        "/v1.0/users?$select=city,proxyAddresses,employeeType&$top=2",
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["value"][0]["proxyAddresses"], json!([]));
    assert_eq!(t.get(&tok, "/v1.0/users?$select=id,mySite").status, 501);
}

/// A filter with `eq` or `in` on strings is answered from the index of users' values, and
/// finds what evaluating every user finds: case folded, in lists, in `or`, after a change.
#[test]
fn filters_by_value_find_what_a_full_scan_finds() {
    let t = Tenant::start();
    let tok = t.token();
    let all = t.get_steady(
        &tok,
        "/v1.0/users?$top=999&$select=id,jobTitle,businessPhones,mobilePhone",
    );
    let all = all.body["value"].as_array().unwrap().clone();
    let ids = |path: &str| -> HashSet<String> {
        let r = t.call(
            "GET",
            path,
            Some(&tok),
            None,
            &[("ConsistencyLevel", "eventual")],
        );
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        r.body["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_string())
            .collect()
    };
    let expect = |keep: &dyn Fn(&serde_json::Value) -> bool| -> HashSet<String> {
        all.iter()
            .filter(|u| keep(u))
            .map(|u| u["id"].as_str().unwrap().to_string())
            .collect()
    };
    let teachers = expect(&|u| u["jobTitle"] == "Teacher");
    assert!(teachers.len() > 10);
    assert_eq!(
        ids("/v1.0/users?$filter=jobTitle%20eq%20%27tEACHER%27&$select=id&$top=999&$count=true"),
        teachers
    );
    let line = expect(&|u| u["businessPhones"][0] == "+1 502 485 0100");
    assert!(line.len() > 5);
    assert_eq!(
        ids(
            "/v1.0/users?$filter=businessPhones/any(p:p%20in%20(%27%2B1%20502%20485%200100%27,%27nobody%27))&$select=id&$top=999&$count=true"
        ),
        line
    );
    assert_eq!(
        ids(
            "/v1.0/users?$filter=jobTitle%20eq%20%27Teacher%27%20or%20businessPhones/any(p:p%20eq%20%27%2B1%20502%20485%200100%27)&$select=id&$top=999&$count=true"
        ),
        teachers.union(&line).cloned().collect::<HashSet<_>>()
    );
    // a value the index must forget: revoking sessions rewrites the user's entry
    let someone = teachers.iter().next().unwrap().clone();
    let r = t.call(
        "POST",
        &format!("/v1.0/users/{someone}/revokeSignInSessions"),
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        ids("/v1.0/users?$filter=jobTitle%20eq%20%27Teacher%27&$select=id&$top=999&$count=true"),
        teachers
    );
}
