//! Authentication methods: phones, passes and their policy, other methods, sign-in preferences,
//! masking.

use crate::common::*;
use care::sandbox::demo;
use serde_json::json;
use std::collections::HashSet;

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
    t.advance_clock("90m");
    let tok = t.fresh_token();
    assert_eq!(
        t.get(&tok, &base).body["value"][0]["methodUsabilityReason"],
        "EnabledByPolicy"
    );
    t.advance_clock("2h");
    let tok = t.fresh_token();
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
