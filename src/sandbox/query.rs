//! OData query options shared by the collection endpoints: `$select` projection, `$top` and
//! `$skiptoken` paging with `@odata.nextLink`, `$filter` parsing and capability checks, the
//! `ConsistencyLevel: eventual` rules, and the user-key path segment.

use super::odata::{self, Expr, Op};
use super::tenant::{ApiError, Base};
use axum::extract::FromRequestParts;
use axum::http::{HeaderMap, StatusCode, request::Parts};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use serde_json::{Map, Value};
use std::collections::HashMap;

pub type Params = HashMap<String, String>;

const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'=')
    .add(b'<')
    .add(b'>');

/// The `{key}` path segment after `/users/`, percent-decoded. A bare `$`-prefixed key is
/// refused as Graph refuses it (use the `('…')` key form).
pub struct UserKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for UserKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let raw = parts
            .uri
            .path()
            .split('/')
            .skip_while(|s| *s != "users")
            .nth(1)
            .unwrap_or_default();
        if raw.starts_with('$') {
            return Err(ApiError::bad_request(
                "Request_BadRequest",
                format!(
                    "Invalid object identifier '{raw}'. A key that begins with '$' must use the form users('{raw}')."
                ),
            ));
        }
        let key = percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| {
                ApiError::bad_request("Request_BadRequest", "The user key is not valid UTF-8.")
            })?
            .into_owned();
        Ok(UserKey(key))
    }
}

pub fn eventual(headers: &HeaderMap) -> bool {
    headers
        .get("consistencylevel")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("eventual"))
}

/// Advanced queries need `ConsistencyLevel: eventual` and `$count=true`.
pub fn advanced(headers: &HeaderMap, params: &Params) -> bool {
    eventual(headers)
        && params
            .get("$count")
            .is_some_and(|c| c.eq_ignore_ascii_case("true"))
}

/// Refuses query options the endpoint does not support.
pub fn refuse(params: &Params, unsupported: &[&str]) -> Result<(), ApiError> {
    for option in unsupported {
        if params.contains_key(*option) {
            return Err(ApiError::bad_request(
                "Request_BadRequest",
                format!("Query option '{option}' is not supported by this resource."),
            ));
        }
    }
    Ok(())
}

/// The properties named by `$select`, checked against the entity's; `None` without `$select`.
pub fn select(
    params: &Params,
    known: &[&str],
    type_name: &str,
) -> Result<Option<Vec<String>>, ApiError> {
    let Some(raw) = params.get("$select") else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for p in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match known.iter().find(|k| k.eq_ignore_ascii_case(p)) {
            Some(k) => out.push(k.to_string()),
            None => {
                return Err(ApiError::bad_request(
                    "Request_BadRequest",
                    format!("Could not find a property named '{p}' on type '{type_name}'."),
                ));
            }
        }
    }
    Ok(Some(out))
}

/// Keeps only `props` of an entity (in that order, missing ones as null).
pub fn project(entity: &Value, props: &[&str]) -> Value {
    let mut map = Map::new();
    for p in props {
        map.insert(
            (*p).to_string(),
            entity.get(*p).cloned().unwrap_or(Value::Null),
        );
    }
    Value::Object(map)
}

/// How a resource supports an operator on a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Basic,
    Advanced,
    No,
}

/// Parses `$filter` and checks every property/operator against `caps`.
pub fn filter(
    params: &Params,
    resource: &str,
    advanced: bool,
    caps: impl Fn(&str, Op) -> Support,
) -> Result<Option<Expr>, ApiError> {
    let Some(raw) = params.get("$filter") else {
        return Ok(None);
    };
    let expr = odata::parse_filter(raw)
        .map_err(|e| ApiError::bad_request("BadRequest", format!("Invalid filter clause: {e}.")))?;
    for (prop, op) in expr.uses() {
        match caps(&prop, op) {
            Support::Basic => {}
            Support::Advanced if advanced => {}
            Support::Advanced
                if matches!(
                    op,
                    Op::Cmp(odata::CmpOp::Ne) | Op::Not | Op::Func(odata::Func::EndsWith)
                ) =>
            {
                return Err(ApiError::bad_request(
                    "Request_UnsupportedQuery",
                    format!(
                        "Operator '{}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
                        op.name()
                    ),
                ));
            }
            Support::Advanced | Support::No => {
                return Err(ApiError::bad_request(
                    "Request_UnsupportedQuery",
                    format!(
                        "Unsupported or invalid query filter clause specified for property '{prop}' of resource '{resource}'."
                    ),
                ));
            }
        }
    }
    Ok(Some(expr))
}

/// A page of a collection.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: usize,
    pub size: usize,
}

fn encode_skiptoken(offset: usize) -> String {
    format!("{:x}", offset as u64 ^ 0x5a17_c0de)
}

/// The offset a token names; a token of no page the sandbox could have issued (past
/// `u32::MAX` rows) is not valid.
fn decode_skiptoken(token: &str) -> Option<usize> {
    let offset = u64::from_str_radix(token, 16).ok()? ^ 0x5a17_c0de;
    usize::try_from(u32::try_from(offset).ok()?).ok()
}

pub fn page(params: &Params, default: usize, max: usize) -> Result<Page, ApiError> {
    let size = match params.get("$top") {
        None => default,
        Some(t) => match t.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                return Err(ApiError::bad_request(
                    "Request_BadRequest",
                    format!(
                        "Invalid page size specified: '{t}'. Must be between 1 and {max} inclusive."
                    ),
                ));
            }
        },
    };
    let offset = match params.get("$skiptoken") {
        None => 0,
        Some(t) => decode_skiptoken(t).ok_or_else(|| {
            ApiError::bad_request("Request_BadRequest", "The $skiptoken is not valid.")
        })?,
    };
    Ok(Page { offset, size })
}

impl Page {
    /// The part of `all` this page shows.
    pub fn slice<'a, T>(&self, all: &'a [T]) -> &'a [T] {
        let start = self.offset.min(all.len());
        let end = self.offset.saturating_add(self.size).min(all.len());
        &all[start..end]
    }
}

/// The collection response for one page (`items`, out of `total`), with `@odata.nextLink`
/// when more remain and `@odata.count` when `count` is given.
pub fn collection(
    base: &Base,
    path: &str,
    params: &Params,
    page: Page,
    total: usize,
    items: Vec<Value>,
    context: &str,
) -> Value {
    let mut map = Map::new();
    map.insert(
        "@odata.context".into(),
        Value::String(format!("{}/$metadata#{context}", base.0)),
    );
    let next = page.offset.saturating_add(page.size);
    if next < total {
        let mut query: Vec<String> = params
            .iter()
            .filter(|(k, _)| k.as_str() != "$skiptoken")
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    utf8_percent_encode(k, QUERY_VALUE),
                    utf8_percent_encode(v, QUERY_VALUE)
                )
            })
            .collect();
        query.sort();
        query.push(format!("$skiptoken={}", encode_skiptoken(next)));
        map.insert(
            "@odata.nextLink".into(),
            Value::String(format!("{}{path}?{}", base.0, query.join("&"))),
        );
    }
    map.insert("value".into(), Value::Array(items));
    Value::Object(map)
}

/// One page of `all` as a collection response; the context is the path itself.
pub fn paged(base: &Base, path: &str, params: &Params, page: Page, all: &[Value]) -> Value {
    collection(
        base,
        path,
        params,
        page,
        all.len(),
        page.slice(all).to_vec(),
        path.trim_start_matches('/'),
    )
}

/// Adds `@odata.count` to a collection response.
pub fn with_count(mut body: Value, count: Option<usize>) -> Value {
    if let (Some(c), Some(map)) = (count, body.as_object_mut()) {
        map.insert("@odata.count".into(), Value::from(c));
    }
    body
}

/// 400 for a malformed JSON body.
pub fn body_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_str("{}").map_err(|_| ApiError::bad_json());
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            format!("Unable to read JSON request payload: {e}."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any `$top` and `$skiptoken`: a page or a 400, and a page's slice is in bounds.
        #[test]
        fn paging_never_panics(top in "\\PC{0,24}", token in "[0-9a-fA-F]{0,20}|\\PC{0,20}") {
            let params: Params = [("$top".to_string(), top), ("$skiptoken".to_string(), token)]
                .into_iter()
                .collect();
            if let Ok(p) = page(&params, 100, 999) {
                let all: Vec<u32> = (0..50).collect();
                prop_assert!(p.slice(&all).len() <= 50);
            }
        }
    }

    #[test]
    fn skiptoken_round_trips() {
        for n in [0, 1, 100, 1999] {
            assert_eq!(decode_skiptoken(&encode_skiptoken(n)), Some(n));
        }
        assert_eq!(decode_skiptoken("zz"), None);
        // the token of the crash: an offset near usize::MAX
        assert_eq!(decode_skiptoken("ffffffffa5e83f2b"), None);
        let huge = Page {
            offset: usize::MAX,
            size: 10,
        };
        assert!(huge.slice(&[1, 2, 3]).is_empty());
    }

    #[test]
    fn next_link_keeps_the_query_and_encodes_it() {
        let params: Params = [
            ("$top".to_string(), "2".to_string()),
            (
                "$filter".to_string(),
                "startswith(displayName,'a b')".to_string(),
            ),
        ]
        .into();
        let page = Page { offset: 2, size: 2 };
        let all: Vec<Value> = (0..5).map(Value::from).collect();
        let v = collection(
            &Base("http://h/v1.0".into()),
            "/users",
            &params,
            page,
            all.len(),
            page.slice(&all).to_vec(),
            "users",
        );
        assert_eq!(v["value"], serde_json::json!([2, 3]));
        let next = v["@odata.nextLink"].as_str().unwrap();
        assert!(
            next.starts_with(
                "http://h/v1.0/users?$filter=startswith(displayName,'a%20b')&$top=2&$skiptoken="
            ),
            "{next}"
        );
    }
}
