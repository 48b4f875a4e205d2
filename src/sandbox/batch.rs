//! `POST /$batch`: up to 20 requests, run in parallel unless `dependsOn` orders them; a request
//! whose dependency failed gets 424. Each inner request passes the full Graph pipeline (token,
//! throttling, status faults), so it counts against the limits like a request of its own.

use super::tenant::{
    Api, ApiError, ApiResult, Base, BatchInner, Caller, Sandbox, json_response, rewrite_key_form,
};
use crate::graph::model::{BatchRequest, BatchRequestItem, BatchResponse, BatchResponseItem};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::{Extension, Router};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;
use tower::ServiceExt;

const MAX_REQUESTS: usize = 20;

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::bad_request("BadRequest", message)
}

fn validate(batch: &BatchRequest) -> Result<(), ApiError> {
    if batch.requests.is_empty() {
        return Err(bad("The batch must contain at least one request."));
    }
    if batch.requests.len() > MAX_REQUESTS {
        return Err(bad(format!(
            "The batch contains {} requests, more than 20 (the limit of a JSON batch).",
            batch.requests.len()
        )));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, r) in batch.requests.iter().enumerate() {
        if r.id.is_empty() {
            return Err(bad(format!("Request {} of the batch has no id.", i + 1)));
        }
        if seen.insert(r.id.to_lowercase(), i).is_some() {
            return Err(bad(format!(
                "The batch request id '{}' is used more than once (ids are case-insensitive).",
                r.id
            )));
        }
        if r.method.parse::<Method>().is_err() || r.method.is_empty() {
            return Err(bad(format!(
                "Request '{}' has an invalid method '{}'.",
                r.id, r.method
            )));
        }
        if r.url.is_empty() || r.url.contains("://") {
            return Err(bad(format!(
                "Request '{}' needs a relative url, such as /users/{{id}}.",
                r.id
            )));
        }
        if r.url.trim_start_matches('/').starts_with("$batch") {
            return Err(bad("A batch can't contain another batch."));
        }
        let has_content_type = r
            .headers
            .as_ref()
            .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case("content-type")));
        if r.body.is_some() && !has_content_type {
            return Err(bad(format!(
                "Write request id : {} does not contain Content-Type header or body.",
                r.id
            )));
        }
    }
    for r in &batch.requests {
        for dep in r.depends_on.iter().flatten() {
            match seen.get(&dep.to_lowercase()) {
                Some(_) if dep.eq_ignore_ascii_case(&r.id) => {
                    return Err(bad(format!("Request '{}' depends on itself.", r.id)));
                }
                Some(_) => {}
                None => {
                    return Err(bad(format!(
                        "Request '{}' depends on '{dep}', which is not in the batch.",
                        r.id
                    )));
                }
            }
        }
    }
    Ok(())
}

fn inner_request(
    item: &BatchRequestItem,
    outer: &HeaderMap,
    base: &Base,
    caller: &Caller,
) -> Result<Request, ApiError> {
    let url = if item.url.starts_with('/') {
        item.url.clone()
    } else {
        format!("/{}", item.url)
    };
    let body = match &item.body {
        None => Body::empty(),
        Some(Value::String(s)) => Body::from(s.clone()),
        Some(v) => Body::from(serde_json::to_vec(v).unwrap_or_default()),
    };
    let mut req = Request::builder()
        .method(item.method.to_uppercase().as_str())
        .uri(url)
        .body(body)
        .map_err(|_| bad(format!("Request '{}' has an invalid url.", item.id)))?;
    for name in [header::AUTHORIZATION, header::HOST] {
        if let Some(v) = outer.get(&name) {
            req.headers_mut().insert(name, v.clone());
        }
    }
    for (k, v) in item.headers.iter().flatten() {
        let value = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(k.as_str()),
            HeaderValue::from_str(&value),
        ) {
            req.headers_mut().insert(name, value);
        }
    }
    req.extensions_mut().insert(BatchInner);
    req.extensions_mut().insert(base.clone());
    // the batch's token was checked once, as Graph checks a batch's sign-in once
    req.extensions_mut().insert(caller.clone());
    Ok(rewrite_key_form(req))
}

async fn run_one(router: Router, req: Request, id: String) -> BatchResponseItem {
    let resp = match router.oneshot(req).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    let status = resp.status().as_u16();
    let mut headers = Map::new();
    for (k, v) in resp.headers() {
        if matches!(
            k.as_str(),
            "content-type"
                | "retry-after"
                | "location"
                | "request-id"
                | "client-request-id"
                | "x-ms-throttle-scope"
                | "x-ms-throttle-information"
        ) && let Ok(v) = v.to_str()
        {
            headers.insert(k.as_str().to_string(), Value::String(v.to_string()));
        }
    }
    let bytes = axum::body::to_bytes(resp.into_body(), 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let body = if bytes.is_empty() {
        None
    } else {
        Some(
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())),
        )
    };
    BatchResponseItem {
        id,
        status,
        headers,
        body,
    }
}

fn failed_dependency(id: &str) -> BatchResponseItem {
    let mut headers = Map::new();
    headers.insert(
        "content-type".into(),
        Value::String("application/json".into()),
    );
    BatchResponseItem {
        id: id.to_string(),
        status: 424,
        headers,
        body: Some(
            serde_json::json!({"error": {"code": "FailedDependency", "message": "The request that this request depends on failed."}}),
        ),
    }
}

pub async fn batch(
    State(sb): State<Arc<Sandbox>>,
    Extension(api): Extension<Api>,
    Extension(base): Extension<Base>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    sb.stats().batches += 1;
    let batch: BatchRequest =
        serde_json::from_slice(&body).map_err(|e| bad(format!("Invalid batch payload: {e}.")))?;
    validate(&batch)?;
    let router = sb
        .graph_router(api)
        .ok_or_else(|| bad("The sandbox router is not ready."))?;
    let mut done: HashMap<String, BatchResponseItem> = HashMap::new();
    let mut pending: Vec<&BatchRequestItem> = batch.requests.iter().collect();
    while !pending.is_empty() {
        let (ready, waiting): (Vec<&BatchRequestItem>, Vec<&BatchRequestItem>) =
            pending.into_iter().partition(|r| {
                r.depends_on
                    .iter()
                    .flatten()
                    .all(|d| done.contains_key(&d.to_lowercase()))
            });
        if ready.is_empty() {
            return Err(bad("The batch's dependsOn references form a cycle."));
        }
        let mut tasks = tokio::task::JoinSet::new();
        for item in ready {
            let key = item.id.to_lowercase();
            let dep_failed = item
                .depends_on
                .iter()
                .flatten()
                .any(|d| done.get(&d.to_lowercase()).is_some_and(|r| r.status >= 400));
            if dep_failed {
                done.insert(key, failed_dependency(&item.id));
                continue;
            }
            let req = inner_request(item, &headers, &base, &caller)?;
            let router = router.clone();
            let id = item.id.clone();
            tasks.spawn(async move { (key, run_one(router, req, id).await) });
        }
        while let Some(joined) = tasks.join_next().await {
            if let Ok((key, resp)) = joined {
                done.insert(key, resp);
            }
        }
        pending = waiting;
    }
    let responses = batch
        .requests
        .iter()
        .filter_map(|r| done.remove(&r.id.to_lowercase()))
        .collect();
    Ok(json_response(StatusCode::OK, &BatchResponse { responses }))
}
