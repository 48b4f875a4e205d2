//! JSON batching (`/$batch`).

use crate::common::*;
use care::sandbox::demo;
use serde_json::{Value, json};

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
