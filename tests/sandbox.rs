//! Contract tests of the sandbox tenant: real HTTP over loopback against a real server, for
//! every endpoint and rule of `graph-api.md` that the sandbox emulates.

mod common;

use care::sandbox::{DbLocation, SandboxOptions, demo};
use common::{Tenant, enc};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::time::{Duration, Instant};

const MOBILE: &str = "3179e48a-750b-4051-897c-87b9720928f7";
const ALTERNATE: &str = "b6332ec1-7057-4abe-9331-3d72feddfe41";
const OFFICE: &str = "e37fc753-ff3b-4958-9484-eaa9425c82bc";

fn methods(t: &Tenant, tok: &str, upn: &str) -> Vec<Value> {
    let r = t.get(
        tok,
        &format!("/v1.0/users/{}/authentication/methods", enc(upn)),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["value"].as_array().unwrap().clone()
}

fn phones(t: &Tenant, tok: &str, upn: &str) -> Vec<Value> {
    let r = t.get(
        tok,
        &format!("/v1.0/users/{}/authentication/phoneMethods", enc(upn)),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["value"].as_array().unwrap().clone()
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
fn errors_use_graphs_envelope_with_request_ids() {
    let t = Tenant::start();
    let tok = t.token();
    let r = t.call(
        "GET",
        "/v1.0/users/nobody@district.example",
        Some(&tok),
        None,
        &[("client-request-id", "11111111-2222-3333-4444-555555555555")],
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.code(), "Request_ResourceNotFound");
    assert_eq!(
        r.message(),
        "Resource 'nobody@district.example' does not exist or one of its queried reference-property objects are not present."
    );
    let inner = &r.body["error"]["innerError"];
    let date = inner["date"].as_str().unwrap();
    assert_eq!(date.len(), 19, "yyyy-MM-ddTHH:mm:ss: {date}");
    assert_eq!(inner["request-id"].as_str(), r.header("request-id"));
    assert_eq!(
        inner["client-request-id"],
        "11111111-2222-3333-4444-555555555555"
    );
    assert_eq!(
        r.header("client-request-id"),
        Some("11111111-2222-3333-4444-555555555555")
    );
    // unknown segments and wrong methods are Graph-style 400s too
    let seg = t.get(&tok, "/v1.0/users/maria.garcia@district.example/bogusThing");
    assert_eq!(seg.status, 400);
    assert_eq!(
        seg.message(),
        "Resource not found for the segment 'bogusThing'."
    );
    let del = t.call(
        "DELETE",
        "/v1.0/users/maria.garcia@district.example/authentication/passwordMethods/28c10230-6103-485e-b985-444c60001490",
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(del.status, 405, "{}", del.text);
    assert_eq!(
        del.message(),
        "Specified HTTP method is not allowed for the request target."
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
    assert_eq!(r.text.trim().parse::<usize>().unwrap(), 300);
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
    assert_eq!(seen.len(), 300);
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
    assert_eq!(a.as_array().unwrap().len(), 80);
}

// ---- methods ---------------------------------------------------------------------------------

#[test]
fn methods_list_is_polymorphic_with_fixed_ids() {
    let t = Tenant::start();
    let tok = t.token();
    let all = methods(&t, &tok, demo::UNICODE);
    let types: HashSet<&str> = all
        .iter()
        .map(|m| m["@odata.type"].as_str().unwrap())
        .collect();
    for ty in [
        "#microsoft.graph.passwordAuthenticationMethod",
        "#microsoft.graph.phoneAuthenticationMethod",
        "#microsoft.graph.fido2AuthenticationMethod",
        "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
    ] {
        assert!(types.contains(ty), "{ty} in {types:?}");
    }
    let ids: HashSet<&str> = all.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains("28c10230-6103-485e-b985-444c60001490"));
    assert!(ids.contains(MOBILE) && ids.contains(ALTERNATE));
    let fido = all
        .iter()
        .find(|m| m["@odata.type"] == "#microsoft.graph.fido2AuthenticationMethod")
        .unwrap();
    assert!(fido["model"].is_string() && fido["attestationLevel"].is_string());
    // per-kind collections and items
    let r = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/fido2Methods/{}",
            demo::UNICODE,
            fido["id"].as_str().unwrap()
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let none = methods(&t, &tok, demo::NO_METHODS);
    assert_eq!(none.len(), 1, "only the password: {none:?}");
    let auth = methods(&t, &tok, demo::NO_SIGNAL);
    let app = auth
        .iter()
        .find(|m| m["@odata.type"] == "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod")
        .unwrap();
    assert!(app["phoneAppVersion"].is_string() && app["displayName"].is_string());
}

#[test]
fn phone_methods_enforce_every_rule() {
    let t = Tenant::start();
    let tok = t.token();
    let base = format!(
        "/v1.0/users/{}/authentication/phoneMethods",
        demo::NO_METHODS
    );
    // an alternate needs a mobile first
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550111", "phoneType": "alternateMobile"})),
        &[],
    );
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.code(), "badRequest");
    // the number format
    for bad in [
        "5025550111",
        "+15025550111",
        "+1 502-555-0111",
        "+1 5025550111X12",
    ] {
        let r = t.call(
            "POST",
            &base,
            Some(&tok),
            Some(json!({"phoneNumber": bad, "phoneType": "mobile"})),
            &[],
        );
        assert_eq!(r.status, 400, "{bad}: {}", r.text);
    }
    // smsSignInState is read-only; both fields are required
    let r = t.call("POST", &base, Some(&tok), Some(json!({"phoneNumber": "+1 5025550111", "phoneType": "mobile", "smsSignInState": "ready"})), &[]);
    assert_eq!(r.status, 400);
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550111"})),
        &[],
    );
    assert_eq!(r.status, 400);
    assert!(
        phones(&t, &tok, demo::NO_METHODS).is_empty(),
        "nothing changed"
    );
    // add a mobile: 201, fixed id, Location
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550111", "phoneType": "mobile"})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["id"], MOBILE);
    assert_eq!(r.body["smsSignInState"], "notAllowedByPolicy");
    assert!(
        r.header("location")
            .unwrap()
            .ends_with(&format!("/phoneMethods/{MOBILE}"))
    );
    // a second mobile fails
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550112", "phoneType": "mobile"})),
        &[],
    );
    assert_eq!(r.status, 400);
    // now the alternate works, and an office phone with an extension
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550113", "phoneType": "alternateMobile"})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["smsSignInState"], "notSupported");
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550142x123", "phoneType": "office"})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["id"], OFFICE);
    // PATCH changes the number but never the type
    let r = t.call(
        "PATCH",
        &format!("{base}/{MOBILE}"),
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550199", "phoneType": "office"})),
        &[],
    );
    assert_eq!(r.status, 400, "{}", r.text);
    let r = t.call(
        "PATCH",
        &format!("{base}/{MOBILE}"),
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550199", "phoneType": "mobile"})),
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let r = t.get(&tok, &format!("{base}/{MOBILE}"));
    assert_eq!(r.body["phoneNumber"], "+1 5025550199");
    // the mobile can't go while the alternate exists
    let r = t.call("DELETE", &format!("{base}/{MOBILE}"), Some(&tok), None, &[]);
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        t.call(
            "DELETE",
            &format!("{base}/{ALTERNATE}"),
            Some(&tok),
            None,
            &[]
        )
        .status,
        204
    );
    // the mobile is the default method (sms): it goes last
    let r = t.call("DELETE", &format!("{base}/{MOBILE}"), Some(&tok), None, &[]);
    assert_eq!(r.status, 400, "default with other methods: {}", r.text);
    assert!(r.message().contains("default"), "{}", r.text);
    assert_eq!(
        t.call("DELETE", &format!("{base}/{OFFICE}"), Some(&tok), None, &[])
            .status,
        204
    );
    assert_eq!(
        t.call("DELETE", &format!("{base}/{MOBILE}"), Some(&tok), None, &[])
            .status,
        204
    );
    assert!(phones(&t, &tok, demo::NO_METHODS).is_empty());
    // unknown method id
    assert_eq!(
        t.call("DELETE", &format!("{base}/{MOBILE}"), Some(&tok), None, &[])
            .status,
        404
    );
}

#[test]
fn sms_sign_in_needs_mobile_policy_and_a_unique_number() {
    let t = Tenant::start();
    let tok = t.token();
    // Kevin drives a bus: Transportation is in the SMS sign-in policy
    let base = format!(
        "/v1.0/users/{}/authentication/phoneMethods",
        demo::NO_SIGNAL
    );
    let r = t.call(
        "POST",
        &format!("{base}/{MOBILE}/enableSmsSignIn"),
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    assert_eq!(
        t.get(&tok, &format!("{base}/{MOBILE}")).body["smsSignInState"],
        "ready"
    );
    // Maria is not in the policy
    let r = t.call(
        "POST",
        &format!(
            "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}/enableSmsSignIn",
            demo::LEFT_PHONE_AT_HOME
        ),
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(r.status, 400);
    // a second bus driver with the same number can't enable it
    let kevin_number = t.get(&tok, &format!("{base}/{MOBILE}")).body["phoneNumber"]
        .as_str()
        .unwrap()
        .to_string();
    let other = t.call("GET", "/v1.0/users?$filter=department%20eq%20'Transportation'&$count=true&$select=userPrincipalName", Some(&tok), None, &[("ConsistencyLevel", "eventual")]);
    let candidate = other.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userPrincipalName"].as_str().unwrap().to_string())
        .find(|u| {
            u != demo::NO_SIGNAL
                && u != demo::NO_MAILBOX
                && phones(&t, &tok, u).iter().any(|p| p["id"] == MOBILE)
        })
        .expect("another transportation user with a mobile");
    let cbase = format!(
        "/v1.0/users/{}/authentication/phoneMethods",
        enc(&candidate)
    );
    t.call(
        "POST",
        &format!("{cbase}/{MOBILE}/disableSmsSignIn"),
        Some(&tok),
        None,
        &[],
    );
    // the number is stored, but it can't be registered for SMS sign-in: 409 (§3.3 rule 10)
    let r = t.call(
        "PATCH",
        &format!("{cbase}/{MOBILE}"),
        Some(&tok),
        Some(json!({"phoneNumber": kevin_number})),
        &[],
    );
    assert_eq!(r.status, 409, "{}", r.text);
    assert_eq!(r.code(), "phoneNumberNotUnique");
    let r = t.call(
        "POST",
        &format!("{cbase}/{MOBILE}/enableSmsSignIn"),
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(r.status, 400, "{}", r.text);
    assert!(r.message().contains("another user"), "{}", r.text);
}

#[test]
fn temporary_access_passes_follow_the_policy() {
    let t = Tenant::start();
    let tok = t.token();
    let base = format!(
        "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
        demo::LEFT_PHONE_AT_HOME
    );
    let r = t.call("POST", &base, Some(&tok), Some(json!({})), &[]);
    assert_eq!(r.status, 201, "{}", r.text);
    let code = r.body["temporaryAccessPass"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 8);
    assert_eq!(r.body["lifetimeInMinutes"], 60);
    assert_eq!(r.body["isUsableOnce"], false);
    assert_eq!(r.body["isUsable"], true);
    assert_eq!(r.body["methodUsabilityReason"], "EnabledByPolicy");
    assert_eq!(
        r.body["@odata.type"],
        "#microsoft.graph.temporaryAccessPassAuthenticationMethod"
    );
    let first_id = r.body["id"].as_str().unwrap().to_string();
    // the code is never returned again
    let list = t.get(&tok, &base);
    assert_eq!(list.body["value"].as_array().unwrap().len(), 1);
    assert!(list.body["value"][0]["temporaryAccessPass"].is_null());
    assert!(!list.text.contains(&code));
    assert!(
        !methods(&t, &tok, demo::LEFT_PHONE_AT_HOME)
            .iter()
            .any(|m| m.to_string().contains(&code))
    );
    // a new pass replaces the old one
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"isUsableOnce": true, "lifetimeInMinutes": 120})),
        &[],
    );
    assert_eq!(r.status, 201);
    let second = r.body["temporaryAccessPass"].as_str().unwrap().to_string();
    let list = t.get(&tok, &base);
    assert_eq!(list.body["value"].as_array().unwrap().len(), 1);
    assert_ne!(list.body["value"][0]["id"], first_id.as_str());
    // out-of-policy lifetime
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"lifetimeInMinutes": 30})),
        &[],
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.code(), "badRequest");
    assert_eq!(
        r.message(),
        "Invalid LifetimeInMinutes specified. The valid range between 60 and 480."
    );
    assert_eq!(r.body["error"]["innerError"]["message"], r.message());
    // the old pass no longer signs in; the one-time pass signs in once
    let sign = |pass: &str| {
        t.admin(
            "POST",
            "/_sandbox/signin",
            Some(
                json!({"userPrincipalName": demo::LEFT_PHONE_AT_HOME, "temporaryAccessPass": pass}),
            ),
        )
        .body
    };
    assert_eq!(sign(&code)["result"], "failure");
    assert_eq!(sign(&second)["result"], "success");
    assert_eq!(
        t.get(&tok, &base).body["value"][0]["methodUsabilityReason"],
        "OneTimeUsed"
    );
    assert_eq!(sign(&second)["result"], "failure");
    // a pass that starts later is not yet valid; after the clock moves past its lifetime it expires
    let start = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1)).to_string();
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"startDateTime": start})),
        &[],
    );
    assert_eq!(r.body["methodUsabilityReason"], "NotYetValid", "{}", r.text);
    assert_eq!(r.body["isUsable"], false);
    t.admin("POST", "/_sandbox/clock", Some(json!({"advance": "90m"})));
    let tok = t.token();
    assert_eq!(
        t.get(&tok, &base).body["value"][0]["methodUsabilityReason"],
        "EnabledByPolicy"
    );
    t.admin("POST", "/_sandbox/clock", Some(json!({"advance": "2h"})));
    let tok = t.token();
    assert_eq!(
        t.get(&tok, &base).body["value"][0]["methodUsabilityReason"],
        "Expired"
    );
    // delete
    let id = t.get(&tok, &base).body["value"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        t.call("DELETE", &format!("{base}/{id}"), Some(&tok), None, &[])
            .status,
        204
    );
    assert!(
        t.get(&tok, &base).body["value"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_tap_policy_is_configurable() {
    let t = Tenant::start();
    let tok = t.token();
    let path = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/temporaryAccessPass";
    let p = t.get(&tok, path);
    assert_eq!(p.status, 200);
    assert_eq!(p.body["minimumLifetimeInMinutes"], 60);
    assert_eq!(p.body["maximumLifetimeInMinutes"], 480);
    assert_eq!(p.body["defaultLength"], 8);
    let r = t.call(
        "PATCH",
        path,
        Some(&tok),
        Some(json!({"defaultLength": 12, "isUsableOnce": true, "minimumLifetimeInMinutes": 10})),
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let base = format!(
        "/v1.0/users/{}/authentication/temporaryAccessPassMethods",
        demo::LOST_PHONE
    );
    let r = t.call(
        "POST",
        &base,
        Some(&tok),
        Some(json!({"lifetimeInMinutes": 15})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["temporaryAccessPass"].as_str().unwrap().len(), 12);
    assert_eq!(r.body["isUsableOnce"], true);
    assert_eq!(
        t.call(
            "POST",
            &base,
            Some(&tok),
            Some(json!({"isUsableOnce": false})),
            &[]
        )
        .status,
        400
    );
    assert_eq!(
        t.call(
            "PATCH",
            path,
            Some(&tok),
            Some(json!({"defaultLength": 4})),
            &[]
        )
        .status,
        400
    );
    assert_eq!(
        t.call(
            "PATCH",
            path,
            Some(&tok),
            Some(json!({"state": "disabled"})),
            &[]
        )
        .status,
        204
    );
    let r = t.call("POST", &base, Some(&tok), Some(json!({})), &[]);
    assert_eq!(r.status, 400);
    assert!(
        r.message().contains("AuthMethodType [TemporaryAccessPass]"),
        "{}",
        r.text
    );
    assert_eq!(
        t.get(&tok, &base).body["value"][0]["methodUsabilityReason"],
        "DisabledByPolicy"
    );
}

#[test]
fn other_methods_list_get_and_delete() {
    let t = Tenant::start();
    let tok = t.token();
    let user = demo::NO_SIGNAL; // authenticator + oath + mobile
    let all = methods(&t, &tok, user);
    let oath = all
        .iter()
        .find(|m| m["@odata.type"] == "#microsoft.graph.softwareOathAuthenticationMethod")
        .unwrap();
    assert!(oath["secretKey"].is_null());
    let id = oath["id"].as_str().unwrap();
    assert_eq!(
        t.call(
            "DELETE",
            &format!("/v1.0/users/{user}/authentication/softwareOathMethods/{id}"),
            Some(&tok),
            None,
            &[]
        )
        .status,
        204
    );
    assert_eq!(
        t.get(
            &tok,
            &format!("/v1.0/users/{user}/authentication/softwareOathMethods/{id}")
        )
        .status,
        404
    );
    // the authenticator is Kevin's default (push) and other methods remain
    let app = all
        .iter()
        .find(|m| m["@odata.type"] == "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod")
        .unwrap();
    let path = format!(
        "/v1.0/users/{user}/authentication/microsoftAuthenticatorMethods/{}",
        app["id"].as_str().unwrap()
    );
    assert_eq!(t.call("DELETE", &path, Some(&tok), None, &[]).status, 400);
    // email: add, update, delete
    let email = format!("/v1.0/users/{user}/authentication/emailMethods");
    let r = t.call(
        "POST",
        &email,
        Some(&tok),
        Some(json!({"emailAddress": "kevin@personal.example"})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        t.call(
            "POST",
            &email,
            Some(&tok),
            Some(json!({"emailAddress": "again@personal.example"})),
            &[]
        )
        .status,
        400
    );
    let item = format!("{email}/3ddfcfc8-9383-446f-83cc-3ab9be4be18f");
    assert_eq!(
        t.call(
            "PATCH",
            &item,
            Some(&tok),
            Some(json!({"emailAddress": "k2@personal.example"})),
            &[]
        )
        .status,
        204
    );
    assert_eq!(
        t.get(&tok, &item).body["emailAddress"],
        "k2@personal.example"
    );
    assert_eq!(t.call("DELETE", &item, Some(&tok), None, &[]).status, 204);
}

#[test]
fn sign_in_preferences_are_beta_only() {
    let t = Tenant::start();
    let tok = t.token();
    let v1 = t.get(
        &tok,
        &format!(
            "/v1.0/users/{}/authentication/signInPreferences",
            demo::NO_SIGNAL
        ),
    );
    assert_eq!(v1.status, 400);
    assert_eq!(
        v1.message(),
        "Resource not found for the segment 'signInPreferences'."
    );
    let path = format!(
        "/beta/users/{}/authentication/signInPreferences",
        demo::NO_SIGNAL
    );
    let r = t.get(&tok, &path);
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.body["userPreferredMethodForSecondaryAuthentication"],
        "push"
    );
    assert_eq!(
        t.call(
            "PATCH",
            &path,
            Some(&tok),
            Some(json!({"userPreferredMethodForSecondaryAuthentication": "sms"})),
            &[]
        )
        .status,
        204
    );
    assert_eq!(
        t.get(&tok, &path).body["userPreferredMethodForSecondaryAuthentication"],
        "sms"
    );
    // a method the user has not registered
    let r = t.call(
        "PATCH",
        &path,
        Some(&tok),
        Some(json!({"userPreferredMethodForSecondaryAuthentication": "voiceOffice"})),
        &[],
    );
    assert_eq!(r.status, 400, "{}", r.text);
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
    t.admin("POST", "/_sandbox/clock", Some(json!({"seconds": 3700})));
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
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(t.poll(&device).body["error"], "authorization_pending");
    let bad = t.poll("no-such-code");
    assert_eq!(bad.body["error"], "bad_verification_code");
    let a = t.admin(
        "POST",
        "/_sandbox/approve",
        Some(json!({"userCode": user_code, "userPrincipalName": demo::AGENT_AUTH_ADMIN})),
    );
    assert_eq!(a.status, 200, "{}", a.text);
    std::thread::sleep(Duration::from_millis(1100));
    let r = t.poll(&device);
    assert_eq!(r.status, 200, "{}", r.text);
    for field in ["access_token", "refresh_token", "id_token", "scope"] {
        assert!(r.body[field].is_string(), "{field}: {}", r.text);
    }
    let access = r.body["access_token"].as_str().unwrap().to_string();
    let me = t.get(&access, "/v1.0/me");
    assert_eq!(me.body["userPrincipalName"], demo::AGENT_AUTH_ADMIN);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(
        t.poll(&device).body["error"],
        "invalid_grant",
        "redeemed once only"
    );
    // refresh rotates the token
    let refresh = r.body["refresh_token"].as_str().unwrap().to_string();
    let refreshed = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
        ],
    );
    assert_eq!(refreshed.status, 200, "{}", refreshed.text);
    let again = t.form(
        &t.token_path(),
        &[
            ("client_id", &t.creds.client_id),
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
        ],
    );
    assert_eq!(
        again.body["error"], "invalid_grant",
        "a used refresh token is gone"
    );
    // revoking sessions kills refresh tokens issued before it
    let newer = refreshed.body["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    std::thread::sleep(Duration::from_millis(1100));
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

// ---- batch -----------------------------------------------------------------------------------

#[test]
fn batch_runs_requests_and_enforces_its_rules() {
    let t = Tenant::start();
    let tok = t.token();
    let batch = |body: Value| t.call("POST", "/v1.0/$batch", Some(&tok), Some(body), &[]);
    let r = batch(json!({"requests": [
        {"id": "1", "method": "GET", "url": "/users/maria.garcia@district.example?$select=displayName"},
        {"id": "2", "method": "GET", "url": "users/nobody@district.example"},
        {"id": "3", "method": "PATCH", "url": format!("/users/{}/authentication/phoneMethods/{MOBILE}", demo::LOST_PHONE),
         "headers": {"Content-Type": "application/json"}, "body": {"phoneNumber": "+1 5025550155"}},
        {"id": "4", "method": "GET", "url": format!("/users/{}/authentication/phoneMethods/{MOBILE}", demo::LOST_PHONE), "dependsOn": ["3"]},
        {"id": "5", "method": "GET", "url": "/users/maria.garcia@district.example", "dependsOn": ["2"]}
    ]}));
    assert_eq!(r.status, 200, "{}", r.text);
    let by_id = |id: &str| {
        r.body["responses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("1")["status"], 200);
    assert_eq!(by_id("1")["body"]["displayName"], "Maria Garcia");
    assert_eq!(by_id("2")["status"], 404);
    assert_eq!(
        by_id("2")["body"]["error"]["code"],
        "Request_ResourceNotFound"
    );
    assert_eq!(by_id("3")["status"], 204);
    assert_eq!(
        by_id("4")["body"]["phoneNumber"],
        "+1 5025550155",
        "ran after 3"
    );
    assert_eq!(by_id("5")["status"], 424);
    // more than 20, duplicate ids (case-insensitive), a body without Content-Type
    let many: Vec<Value> = (0..21)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/users?$top=1"}))
        .collect();
    assert_eq!(batch(json!({"requests": many})).status, 400);
    let r = batch(
        json!({"requests": [{"id": "a", "method": "GET", "url": "/users"}, {"id": "A", "method": "GET", "url": "/users"}]}),
    );
    assert_eq!(r.status, 400);
    let r = batch(
        json!({"requests": [{"id": "1", "method": "PATCH", "url": "/users/x", "body": {"a": 1}}]}),
    );
    assert_eq!(r.status, 400);
    assert!(r.message().contains("Content-Type"), "{}", r.text);
}

// ---- throttling and faults -------------------------------------------------------------------

#[test]
fn throttling_answers_429_with_retry_after_and_counts_early_retries() {
    let t = Tenant::with(|o| o.read_limit = Some("2/1".parse().unwrap()));
    let tok = t.token();
    let path = "/v1.0/users/maria.garcia@district.example";
    assert_eq!(t.get(&tok, path).status, 200);
    assert_eq!(t.get(&tok, path).status, 200);
    let r = t.get(&tok, path);
    assert_eq!(r.status, 429);
    assert_eq!(r.code(), "TooManyRequests");
    assert_eq!(r.body["error"]["innerError"]["code"], "429");
    let ra: f64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(ra > 0.0 && ra <= 0.5, "{ra}");
    assert!(
        r.header("x-ms-throttle-scope")
            .unwrap()
            .starts_with("Tenant_Application/")
    );
    assert_eq!(
        r.header("x-ms-throttle-information"),
        Some("ResourceUnitLimitExceeded")
    );
    // an immediate retry is early; one after Retry-After is not
    assert_eq!(t.get(&tok, path).status, 429);
    std::thread::sleep(Duration::from_secs_f64(0.6));
    assert_eq!(t.get(&tok, path).status, 200);
    let stats = t.stats();
    assert_eq!(stats["earlyRetries"], 1, "{stats}");
    assert_eq!(stats["throttled"], 2);
    // a batch's inner requests count against the limit
    std::thread::sleep(Duration::from_secs(1));
    let r = t.call("POST", "/v1.0/$batch", Some(&tok), Some(json!({"requests": (0..4).map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/users?$top=1"})).collect::<Vec<_>>()})), &[]);
    let statuses: Vec<u64> = r.body["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["status"].as_u64().unwrap())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        2,
        "{statuses:?}"
    );
    assert!(
        r.body["responses"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["status"] == 429)
            .all(|x| x["headers"]["retry-after"].is_string())
    );
}

#[test]
fn write_limits_are_separate_from_reads() {
    let t = Tenant::with(|o| o.write_limit = Some("1/60".parse().unwrap()));
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
            Some(json!({"phoneNumber": "+1 5025550166"})),
            &[]
        )
        .status,
        204
    );
    let r = t.call(
        "PATCH",
        &phone,
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550167"})),
        &[],
    );
    assert_eq!(r.status, 429);
    assert_eq!(
        r.header("x-ms-throttle-information"),
        Some("WriteLimitExceeded")
    );
    assert_eq!(
        t.get(&tok, &phone).body["phoneNumber"],
        "+1 5025550166",
        "reads still flow; the throttled write changed nothing"
    );
}

#[test]
fn injected_statuses_and_latency() {
    let t = Tenant::with(|o| {
        o.faults = Some(
            "503=1,retry-after=250ms,latency=30ms..30ms"
                .parse()
                .unwrap(),
        )
    });
    let tok = t.token();
    let started = Instant::now();
    let r = t.get(&tok, "/v1.0/users/maria.garcia@district.example");
    assert!(started.elapsed() >= Duration::from_millis(30));
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("0.25"));
    assert!(r.header("request-id").is_some());
    // the admin endpoints are never faulted
    let stats = t.stats();
    assert_eq!(stats["faults"]["503"], 1);
    let t = Tenant::with(|o| o.faults = Some("500=1".parse().unwrap()));
    let tok = t.token();
    let r = t.get(&tok, "/v1.0/users");
    assert_eq!(r.status, 500);
    assert_eq!(r.code(), "generalException");
}

#[test]
fn dropped_connections_before_and_after_a_write() {
    let phone = format!(
        "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
        demo::LOST_PHONE
    );
    // dropped before: nothing is applied and no response comes back
    let t = Tenant::with(|o| o.faults = Some("drop-before=1".parse().unwrap()));
    let tok = t.token();
    let before = t.sandbox.credentials().unwrap().tenant_id;
    assert!(
        t.try_call(
            "PATCH",
            &phone,
            Some(&tok),
            Some(json!({"phoneNumber": "+1 5025550188"})),
            &[]
        )
        .is_err()
    );
    assert_eq!(t.stats()["faults"]["drop-before"], 1);
    drop(t);
    let _ = before;
    // dropped after: applied, but the answer never arrives (the case that makes careless clients write twice)
    let t = Tenant::with(|o| o.faults = Some("drop-after=1".parse().unwrap()));
    let tok = t.token();
    assert!(
        t.try_call(
            "PATCH",
            &phone,
            Some(&tok),
            Some(json!({"phoneNumber": "+1 5025550189"})),
            &[]
        )
        .is_err()
    );
    assert_eq!(
        t.get(&tok, &phone).body["phoneNumber"],
        "+1 5025550189",
        "reads are not dropped; the write was applied"
    );
    assert_eq!(t.stats()["faults"]["drop-after"], 1);
}

#[test]
fn the_fault_seed_makes_runs_repeatable() {
    let run = || {
        let t = Tenant::with(|o| {
            o.faults = Some("429=0.3,500=0.2".parse().unwrap());
            o.fault_seed = 42;
        });
        let tok = t.token();
        (0..30)
            .map(|_| t.get(&tok, "/v1.0/users?$top=1").status)
            .collect::<Vec<_>>()
    };
    let a = run();
    assert_eq!(a, run());
    assert!(
        a.contains(&429) && a.contains(&500) && a.contains(&200),
        "{a:?}"
    );
}

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
    assert_eq!(t.sandbox.seeded(), Some(50));
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
        1
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the database holds secrets");
    }
}

fn spawn_serve(
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

#[test]
fn serve_prints_variables_a_shell_can_source() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, env) = spawn_serve(&dir.path().join("s.db"));
    for key in [
        "CARE_GRAPH_URL",
        "CARE_LOGIN_URL",
        "CARE_EXCHANGE_URL",
        "CARE_TENANT",
        "CARE_CLIENT_ID",
        "CARE_CLIENT_SECRET",
        "CARE_SANDBOX_ADMIN_TOKEN",
    ] {
        assert!(env.get(key).is_some_and(|v| !v.is_empty()), "{key}");
    }
    let root = &env["CARE_GRAPH_URL"];
    assert!(
        root.starts_with("http://127.0.0.1:") && !root.ends_with(":0"),
        "{root}"
    );
    assert_eq!(env["CARE_EXCHANGE_URL"], format!("{root}/exchange"));
    child.kill().unwrap();
    let _ = child.wait();
    // not on a non-loopback address without --allow-remote
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("care"))
        .args([
            "sandbox",
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--db",
            ":memory:",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-remote"));
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("care"))
        .args([
            "sandbox", "serve", "--faults", "429=lots", "--db", ":memory:",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("429=lots"));
}

#[test]
fn two_processes_share_one_database_without_losing_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    // both start at once on a new file: exactly one seeds
    let (mut a, env_a) = spawn_serve(&db);
    let (mut b, env_b) = spawn_serve(&db);
    assert_eq!(env_a["CARE_TENANT"], env_b["CARE_TENANT"]);
    common::install_crypto();
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
        60,
        "every write of both processes is recorded"
    );
    a.kill().unwrap();
    b.kill().unwrap();
    let _ = (a.wait(), b.wait());
}

#[test]
fn approve_from_the_command_line() {
    let t = Tenant::start();
    let (device, user_code) = t.device_code("https://graph.microsoft.com/.default");
    t.care()
        .args([
            "sandbox",
            "approve",
            &user_code,
            "--as",
            demo::AGENT_AUTH_ADMIN,
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "approved sign-in {user_code} as {}",
            demo::AGENT_AUTH_ADMIN
        )));
    assert_eq!(t.poll(&device).status, 200);
    t.care()
        .args([
            "sandbox",
            "approve",
            "NOSUCHCODE",
            "--as",
            demo::AGENT_AUTH_ADMIN,
        ])
        .assert()
        .code(5)
        .stderr(predicates::str::contains("NOSUCHCODE"));
}

// ---- issue 6: the delegated view -------------------------------------------------------------

/// A number as the sandbox masks it (`+{cc} ` kept, all but the last two digits `X`, no extension).
fn is_masked(n: &str) -> bool {
    let Some((cc, rest)) = n.strip_prefix('+').and_then(|r| r.split_once(' ')) else {
        return false;
    };
    let tail: Vec<char> = rest.chars().rev().take(2).collect();
    cc.bytes().all(|b| b.is_ascii_digit())
        && rest.len() > 2
        && rest[..rest.len() - 2].bytes().all(|b| b == b'X')
        && tail.iter().all(char::is_ascii_digit)
}

fn phone_numbers(t: &Tenant, tok: &str, upn: &str) -> Vec<String> {
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

#[test]
fn phone_numbers_are_masked_for_authentication_administrators_and_global_readers() {
    let t = Tenant::start();
    let app = t.token();
    let target = demo::OFFICE_PHONE_ONLY; // an office phone with an extension
    let full = phone_numbers(&t, &app, demo::LEFT_PHONE_AT_HOME);
    assert!(
        !full.is_empty() && full.iter().all(|n| !n.contains('X')),
        "{full:?}"
    );
    let office_full = phone_numbers(&t, &app, target);
    for agent in [demo::AGENT_AUTH_ADMIN, demo::AGENT_READER] {
        let tok = t.user_token(agent);
        // lists: phoneMethods and authentication/methods
        let masked = phone_numbers(&t, &tok, demo::LEFT_PHONE_AT_HOME);
        assert_eq!(masked.len(), full.len());
        for (m, f) in masked.iter().zip(&full) {
            assert!(is_masked(m), "{agent}: {m}");
            assert_eq!(m.len(), f.len(), "{agent}: {m} keeps the length of {f}");
            assert_eq!(
                m[m.len() - 2..],
                f[f.len() - 2..],
                "{agent}: last two digits"
            );
            assert_eq!(m.split(' ').next(), f.split(' ').next(), "country code");
        }
        for n in phone_numbers(&t, &tok, target) {
            assert!(
                is_masked(&n) && !n.contains('x'),
                "{agent}: extension dropped: {n}"
            );
        }
        // single items: phoneMethods/{id} and authentication/methods/{id}
        for path in [
            format!(
                "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
                demo::LEFT_PHONE_AT_HOME
            ),
            format!(
                "/v1.0/users/{}/authentication/methods/{MOBILE}",
                demo::LEFT_PHONE_AT_HOME
            ),
        ] {
            let r = t.get(&tok, &path);
            assert_eq!(r.status, 200, "{}", r.text);
            let n = r.body["phoneNumber"].as_str().unwrap();
            assert!(is_masked(n), "{agent} {path}: {n}");
        }
        // the user object is not masked
        let u = t.get(
            &tok,
            &format!(
                "/v1.0/users/{}?$select=mobilePhone",
                demo::LEFT_PHONE_AT_HOME
            ),
        );
        assert!(
            !u.body["mobilePhone"].as_str().unwrap().contains('X'),
            "{}",
            u.text
        );
    }
    assert_ne!(
        office_full,
        phone_numbers(&t, &t.user_token(demo::AGENT_READER), target)
    );
    // a Privileged Authentication Administrator and an app-only token see full numbers
    let privileged = t.user_token(demo::AGENT_PRIV_AUTH);
    assert_eq!(
        phone_numbers(&t, &privileged, demo::LEFT_PHONE_AT_HOME),
        full
    );
    assert_eq!(phone_numbers(&t, &privileged, target), office_full);
    // the phone a masked caller adds comes back masked, and is stored in full
    let auth = t.user_token(demo::AGENT_AUTH_ADMIN);
    let r = t.call(
        "POST",
        &format!(
            "/v1.0/users/{}/authentication/phoneMethods",
            demo::NO_METHODS
        ),
        Some(&auth),
        Some(json!({"phoneNumber": "+1 5025550123", "phoneType": "mobile"})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["phoneNumber"], "+1 XXXXXXXX23");
    assert_eq!(
        phone_numbers(&t, &app, demo::NO_METHODS),
        vec!["+1 5025550123".to_string()]
    );
}

#[test]
fn a_mobile_number_held_for_sms_sign_in_by_another_user_gives_409_but_is_stored() {
    let t = Tenant::start();
    let tok = t.token();
    let kevin = format!(
        "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
        demo::NO_SIGNAL
    );
    let r = t.call(
        "POST",
        &format!("{kevin}/enableSmsSignIn"),
        Some(&tok),
        None,
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let kevin_number = t.get(&tok, &kevin).body["phoneNumber"]
        .as_str()
        .unwrap()
        .to_string();
    // the bus depot account is in the SMS sign-in policy and has only an office phone
    let depot = format!(
        "/v1.0/users/{}/authentication/phoneMethods",
        demo::NO_MAILBOX
    );
    let r = t.call(
        "POST",
        &depot,
        Some(&tok),
        Some(json!({"phoneNumber": kevin_number, "phoneType": "mobile"})),
        &[],
    );
    assert_eq!(r.status, 409, "{}", r.text);
    assert_eq!(r.code(), "phoneNumberNotUnique");
    // ... yet the phone method was created; only SMS sign-in is unavailable
    let stored = t.get(&tok, &format!("{depot}/{MOBILE}"));
    assert_eq!(stored.status, 200, "{}", stored.text);
    assert_eq!(stored.body["phoneNumber"], kevin_number.as_str());
    assert_eq!(stored.body["smsSignInState"], "phoneNumberNotUnique");
    assert_eq!(
        t.get(&tok, &kevin).body["smsSignInState"],
        "ready",
        "the holder keeps SMS sign-in"
    );
    // PATCH: a free number registers; the taken one conflicts again and is still stored
    let r = t.call(
        "PATCH",
        &format!("{depot}/{MOBILE}"),
        Some(&tok),
        Some(json!({"phoneNumber": "+1 5025550161"})),
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
    assert_eq!(
        t.get(&tok, &format!("{depot}/{MOBILE}")).body["smsSignInState"],
        "ready"
    );
    let r = t.call(
        "PATCH",
        &format!("{depot}/{MOBILE}"),
        Some(&tok),
        Some(json!({"phoneNumber": kevin_number, "phoneType": "mobile"})),
        &[],
    );
    assert_eq!(r.status, 409, "{}", r.text);
    assert_eq!(r.code(), "phoneNumberNotUnique");
    let stored = t.get(&tok, &format!("{depot}/{MOBILE}"));
    assert_eq!(stored.body["phoneNumber"], kevin_number.as_str());
    assert_eq!(stored.body["smsSignInState"], "phoneNumberNotUnique");
    assert_eq!(t.get(&tok, &kevin).body["smsSignInState"], "ready");
    // both changes were recorded as made
    let r = t.get(&tok, &format!("/v1.0/auditLogs/directoryAudits?$filter=targetResources/any(t:t/userPrincipalName%20eq%20'{}')", demo::NO_MAILBOX));
    let records = r.body["value"].as_array().unwrap();
    let activities: Vec<(&str, &str)> = records
        .iter()
        .map(|a| {
            (
                a["activityDisplayName"].as_str().unwrap(),
                a["result"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        activities
            .iter()
            .filter(|(a, r)| *a == "Admin registered security info" && *r == "success")
            .count(),
        1,
        "{activities:?}"
    );
    assert_eq!(
        activities
            .iter()
            .filter(|(a, r)| *a == "Admin updated security info" && *r == "success")
            .count(),
        2,
        "{activities:?}"
    );
    assert_eq!(t.stats()["writes"][demo::NO_MAILBOX]["phone.add"], 1);
    // a user outside the SMS sign-in policy may share the number: no conflict
    let r = t.call(
        "PATCH",
        &format!(
            "/v1.0/users/{}/authentication/phoneMethods/{MOBILE}",
            demo::LEFT_PHONE_AT_HOME
        ),
        Some(&tok),
        Some(json!({"phoneNumber": kevin_number})),
        &[],
    );
    assert_eq!(r.status, 204, "{}", r.text);
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
    let unsupported = |r: &common::Resp, prop: &str| {
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

#[test]
fn the_tap_policy_is_read_by_policy_roles_with_its_targets() {
    let t = Tenant::start();
    let path = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/temporaryAccessPass";
    let p = t.get(&t.token(), path);
    assert_eq!(p.status, 200, "{}", p.text);
    assert_eq!(p.body["id"], "TemporaryAccessPass");
    assert_eq!(
        p.body["includeTargets"],
        json!([{"targetType": "group", "id": "all_users", "isRegistrationRequired": false}])
    );
    assert_eq!(p.body["excludeTargets"], json!([]));
    assert_eq!(t.get(&t.user_token(demo::AGENT_READER), path).status, 200);
    // neither Authentication Administrator role may read it (§4.3)
    for agent in [
        demo::AGENT_AUTH_ADMIN,
        demo::AGENT_PRIV_AUTH,
        demo::AGENT_HELPDESK,
    ] {
        let r = t.get(&t.user_token(agent), path);
        assert_eq!(r.status, 403, "{agent}: {}", r.text);
        assert_eq!(r.code(), "accessDenied", "{agent}");
    }
}

#[test]
fn the_tap_policy_answers_to_its_own_id_and_the_key_form() {
    let t = Tenant::start();
    let tok = t.token();
    let base = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations";
    for path in [
        format!("{base}/TemporaryAccessPass"),
        format!("{base}('TemporaryAccessPass')"),
        format!("{base}/temporaryaccesspass"),
    ] {
        let r = t.get(&tok, &path);
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        assert_eq!(r.body["id"], "TemporaryAccessPass");
        let r = t.call(
            "PATCH",
            &path,
            Some(&tok),
            Some(json!({"defaultLength": 10})),
            &[],
        );
        assert_eq!(r.status, 204, "{path}: {}", r.text);
    }
    assert_eq!(t.get(&tok, &format!("{base}/Sms")).status, 400);
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

// ---- the Exchange Online Admin API -----------------------------------------------------------

/// An app-only token of the sandbox app for the Exchange resource.
fn exchange_app_token(t: &Tenant) -> String {
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

fn cmdlet(
    t: &Tenant,
    token: &str,
    endpoint: &str,
    anchor: Option<&str>,
    body: Value,
) -> common::Resp {
    let headers: Vec<(&str, &str)> = anchor.map(|a| ("X-AnchorMailbox", a)).into_iter().collect();
    t.call(
        "POST",
        &format!("/exchange/adminapi/v2.0/{}/{endpoint}", t.creds.tenant_id),
        Some(token),
        Some(body),
        &headers,
    )
}

fn folder_body(identity: &str) -> Value {
    json!({"CmdletInput": {"CmdletName": "Get-MailboxFolderPermission",
        "Parameters": {"Identity": identity, "ResultSize": "Unlimited"}}})
}

const PAT: &str = "UPN:pat.hayes@district.example";

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
    let detail = |r: &common::Resp| {
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
