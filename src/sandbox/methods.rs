//! `/users/{key}/authentication/…`: the polymorphic method list, per-kind collections, phone
//! methods with every rule of `graph-api.md` §3.3, Temporary Access Passes with the tenant
//! policy of §4.3, email methods, `/beta` signInPreferences and the TAP policy itself.

use super::changes::{self, Change, METHODS_SERVICE};
use super::policy::{self, Access};
use super::query::{self, UserKey};
use super::server::{
    ApiError, ApiResult, Base, Caller, Sandbox, json_response, new_guid, with_context,
};
use super::store::{self, MethodRow, StoredPhone, StoredTap, UserRow, hash_secret};
use super::users::load_user;
use crate::graph::model::{
    EMAIL_METHOD_ID, EmailMethod, MethodKind, PhoneMethod, PhoneType, Secret, SignInPreferences,
    TapMethod, TapPolicy, TapRequest,
};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use jiff::{SignedDuration, Timestamp};
use rand::RngExt;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

const TAP_ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789+@#$%&*!?";

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::bad_request("badRequest", message)
}

/// Graph's phone number format: `+{cc} {number}[x{extension}]`.
pub fn valid_graph_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('+') else {
        return false;
    };
    let Some((cc, number)) = rest.split_once(' ') else {
        return false;
    };
    let (number, ext) = match number.split_once('x') {
        Some((n, e)) => (n, Some(e)),
        None => (number, None),
    };
    let digits = |s: &str, min: usize| s.len() >= min && s.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&cc.len())
        && digits(cc, 1)
        && digits(number, 4)
        && ext.is_none_or(|e| digits(e, 1))
}

/// Whether a pass can be used now, and Graph's reason.
pub fn tap_usability(tap: &StoredTap, policy: &TapPolicy, now: Timestamp) -> (bool, &'static str) {
    let start: Timestamp = tap.start_date_time.parse().unwrap_or(now);
    let end = start + SignedDuration::from_mins(tap.lifetime_in_minutes);
    if policy.state != "enabled" {
        (false, "DisabledByPolicy")
    } else if now < start {
        (false, "NotYetValid")
    } else if now > end {
        (false, "Expired")
    } else if tap.is_usable_once && tap.used {
        (false, "OneTimeUsed")
    } else {
        (true, "EnabledByPolicy")
    }
}

fn phone_of(m: &MethodRow) -> Option<StoredPhone> {
    (m.kind == MethodKind::Phone.segment())
        .then(|| serde_json::from_value(m.data.clone()).ok())
        .flatten()
}

fn sms_state(
    db: &Connection,
    user: &UserRow,
    phone: &StoredPhone,
) -> rusqlite::Result<&'static str> {
    Ok(if phone.phone_type != PhoneType::Mobile {
        "notSupported"
    } else if !user.sms_policy {
        "notAllowedByPolicy"
    } else if !phone.sms_sign_in {
        "notEnabled"
    } else if store::sms_number_taken(db, &user.user.id, &phone.phone_number)? {
        "phoneNumberNotUnique"
    } else {
        "ready"
    })
}

fn tap_json(
    id: &str,
    tap: &StoredTap,
    policy: &TapPolicy,
    now: Timestamp,
    code: Option<String>,
) -> Value {
    let (usable, reason) = tap_usability(tap, policy, now);
    serde_json::to_value(TapMethod {
        id: id.to_string(),
        temporary_access_pass: code.map(Secret::new),
        created_date_time: Some(tap.created_date_time.clone()),
        start_date_time: Some(tap.start_date_time.clone()),
        lifetime_in_minutes: Some(tap.lifetime_in_minutes),
        is_usable_once: Some(tap.is_usable_once),
        is_usable: Some(usable),
        method_usability_reason: Some(reason.into()),
    })
    .unwrap_or(Value::Null)
}

fn typed(kind: MethodKind, value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            out.insert(
                "@odata.type".into(),
                Value::String(kind.odata_type().into()),
            );
            out.extend(map);
            Value::Object(out)
        }
        other => other,
    }
}

/// A stored method in Graph's shape.
pub fn method_json(
    db: &Connection,
    user: &UserRow,
    m: &MethodRow,
    policy: &TapPolicy,
    now: Timestamp,
) -> rusqlite::Result<Value> {
    let Some(kind) = MethodKind::from_segment(&m.kind) else {
        return Ok(m.data.clone());
    };
    let body = match kind {
        MethodKind::Phone => match phone_of(m) {
            Some(p) => serde_json::to_value(PhoneMethod {
                id: m.id.clone(),
                phone_number: p.phone_number.clone(),
                phone_type: p.phone_type,
                sms_sign_in_state: Some(sms_state(db, user, &p)?.into()),
            })
            .unwrap_or(Value::Null),
            None => Value::Null,
        },
        MethodKind::TemporaryAccessPass => {
            match serde_json::from_value::<StoredTap>(m.data.clone()) {
                Ok(tap) => tap_json(&m.id, &tap, policy, now, None),
                Err(_) => Value::Null,
            }
        }
        _ => {
            let mut map = m.data.as_object().cloned().unwrap_or_default();
            map.insert("id".into(), Value::String(m.id.clone()));
            Value::Object(map)
        }
    };
    Ok(typed(kind, body))
}

/// The user's methods of `kind` (all kinds when `None`) in Graph's shape.
fn methods_json(
    sb: &Sandbox,
    user: &UserRow,
    kind: Option<MethodKind>,
) -> Result<Vec<(MethodRow, Value)>, ApiError> {
    Ok(sb.store.read(|db| -> rusqlite::Result<_> {
        let now = store::now(db)?;
        let policy = store::tap_policy(db)?;
        store::methods_of(db, &user.user.id)?
            .into_iter()
            .filter(|m| kind.is_none_or(|k| m.kind == k.segment()))
            .map(|m| {
                let v = method_json(db, user, &m, &policy, now)?;
                Ok((m, v))
            })
            .collect()
    })?)
}

fn list_response(base: &Base, user: &UserRow, segment: &str, items: Vec<Value>) -> ApiResult {
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        Value::String(format!(
            "{}/$metadata#users('{}')/authentication/{segment}",
            base.0, user.user.id
        )),
    );
    body.insert("value".into(), Value::Array(items));
    Ok(json_response(StatusCode::OK, &Value::Object(body)))
}

fn readable_target(sb: &Sandbox, caller: &Caller, key: &str) -> Result<UserRow, ApiError> {
    let user = load_user(sb, key)?;
    policy::require(sb, caller, Access::ReadMethods, Some(&user))?;
    Ok(user)
}

pub async fn list_all(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
) -> ApiResult {
    let user = readable_target(&sb, &caller, &key)?;
    let items = methods_json(&sb, &user, None)?
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    list_response(&base, &user, "methods", items)
}

pub async fn get_any(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult {
    let user = readable_target(&sb, &caller, &key)?;
    let id = params.get("id").cloned().unwrap_or_default();
    let (_, v) = methods_json(&sb, &user, None)?
        .into_iter()
        .find(|(m, _)| m.id == id)
        .ok_or_else(|| ApiError::item_not_found(&format!("Authentication method '{id}'")))?;
    Ok(json_response(
        StatusCode::OK,
        &with_context(
            &base,
            &format!("users('{}')/authentication/methods/$entity", user.user.id),
            v,
        ),
    ))
}

pub async fn list_kind(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Extension(kind): Extension<MethodKind>,
    UserKey(key): UserKey,
) -> ApiResult {
    let user = readable_target(&sb, &caller, &key)?;
    let items = methods_json(&sb, &user, Some(kind))?
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    list_response(&base, &user, kind.segment(), items)
}

fn find_kind(
    sb: &Sandbox,
    user: &UserRow,
    kind: MethodKind,
    id: &str,
) -> Result<(MethodRow, Value), ApiError> {
    methods_json(sb, user, Some(kind))?
        .into_iter()
        .find(|(m, _)| m.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| ApiError::item_not_found(&format!("The {} method '{id}'", kind.name())))
}

pub async fn get_kind(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Extension(kind): Extension<MethodKind>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult {
    let user = readable_target(&sb, &caller, &key)?;
    let id = params.get("id").cloned().unwrap_or_default();
    let (_, v) = find_kind(&sb, &user, kind, &id)?;
    let context = format!(
        "users('{}')/authentication/{}/$entity",
        user.user.id,
        kind.segment()
    );
    Ok(json_response(
        StatusCode::OK,
        &with_context(&base, &context, v),
    ))
}

fn writable_target(
    sb: &Sandbox,
    caller: &Caller,
    key: &str,
    access: Access,
) -> Result<UserRow, ApiError> {
    let user = load_user(sb, key)?;
    policy::require(sb, caller, access, Some(&user))?;
    Ok(user)
}

/// The method id that the user's preferred (default) MFA method depends on, if any.
fn default_method_id(user: &UserRow, methods: &[MethodRow]) -> Option<String> {
    let first_of = |kind: MethodKind| {
        methods
            .iter()
            .find(|m| m.kind == kind.segment())
            .map(|m| m.id.clone())
    };
    match user.preferred_method.as_deref()? {
        "push" => first_of(MethodKind::Authenticator),
        "oath" => {
            first_of(MethodKind::SoftwareOath).or_else(|| first_of(MethodKind::Authenticator))
        }
        "sms" | "voiceMobile" => Some(PhoneType::Mobile.method_id().into()),
        "voiceAlternateMobile" => Some(PhoneType::AlternateMobile.method_id().into()),
        "voiceOffice" => Some(PhoneType::Office.method_id().into()),
        _ => None,
    }
}

fn is_mfa_row(m: &MethodRow) -> bool {
    MethodKind::from_segment(&m.kind).is_some_and(MethodKind::is_mfa)
}

/// Deletes a method, enforcing "mobile last while an alternate exists" and "the default method
/// goes last"; clears the preference when the default goes.
fn delete_method(
    db: &Connection,
    user: &UserRow,
    kind: MethodKind,
    id: &str,
) -> Result<(), ApiError> {
    let methods = store::methods_of(db, &user.user.id)?;
    let Some(target) = methods
        .iter()
        .find(|m| m.kind == kind.segment() && m.id.eq_ignore_ascii_case(id))
    else {
        return Err(ApiError::item_not_found(&format!(
            "The {} method '{id}'",
            kind.name()
        )));
    };
    if target.id == PhoneType::Mobile.method_id()
        && methods
            .iter()
            .any(|m| m.id == PhoneType::AlternateMobile.method_id())
    {
        return Err(bad(
            "The mobile phone can't be deleted while an alternate mobile phone exists. Update the mobile number instead, or delete the alternate mobile phone first.",
        ));
    }
    let is_default = default_method_id(user, &methods).as_deref() == Some(target.id.as_str());
    if is_default && methods.iter().any(|m| m.id != target.id && is_mfa_row(m)) {
        return Err(bad(
            "This method is the user's default sign-in method and can't be deleted while the user has other methods. Change the default method first.",
        ));
    }
    store::delete_method(db, &user.user.id, &target.id)?;
    if is_default {
        store::set_preferences(db, &user.user.id, None, user.system_preferred)?;
    }
    Ok(())
}

pub async fn delete_kind(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(kind): Extension<MethodKind>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let id = params.get("id").cloned().unwrap_or_default();
    let change = match kind {
        MethodKind::TemporaryAccessPass => Change {
            activity: "Admin deleted temporary access pass method for user",
            kind: "tap.delete",
            service: METHODS_SERVICE,
        },
        MethodKind::Phone => Change {
            activity: "Admin deleted security info",
            kind: "phone.delete",
            service: METHODS_SERVICE,
        },
        _ => Change {
            activity: "Admin deleted security info",
            kind: "method.delete",
            service: METHODS_SERVICE,
        },
    };
    changes::apply(&sb, &caller, &user, change, |db, _| {
        delete_method(db, &user, kind, &id)
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn phone_body(
    bytes: &[u8],
    require_all: bool,
) -> Result<(Option<String>, Option<PhoneType>), ApiError> {
    let v: Value = query::body_json(bytes)?;
    let Some(obj) = v.as_object() else {
        return Err(ApiError::bad_json());
    };
    if obj.contains_key("smsSignInState") {
        return Err(bad("smsSignInState is read-only and can't be set."));
    }
    let number = match obj.get("phoneNumber") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(bad("phoneNumber must be a string.")),
    };
    let phone_type = match obj.get("phoneType") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(PhoneType::parse(s).ok_or_else(|| {
            bad(format!(
                "'{s}' is not a phone type. Use mobile, alternateMobile or office."
            ))
        })?),
        Some(_) => return Err(bad("phoneType must be a string.")),
    };
    if require_all && (number.is_none() || phone_type.is_none()) {
        return Err(bad("Both phoneNumber and phoneType are required."));
    }
    if let Some(n) = &number
        && !valid_graph_number(n)
    {
        return Err(bad(format!(
            "The phone number '{n}' isn't in the required format '+{{country code}} {{number}}x{{extension}}', for example '+1 5555551234x123'."
        )));
    }
    Ok((number, phone_type))
}

fn phone_change(kind: &'static str) -> Change {
    Change {
        activity: match kind {
            "phone.add" => "Admin registered security info",
            _ => "Admin updated security info",
        },
        kind,
        service: METHODS_SERVICE,
    }
}

pub async fn add_phone(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let created = changes::apply(&sb, &caller, &user, phone_change("phone.add"), |db, _| {
        let (number, phone_type) = phone_body(&body, true)?;
        let (number, phone_type) = (
            number.unwrap_or_default(),
            phone_type.unwrap_or(PhoneType::Mobile),
        );
        let id = phone_type.method_id();
        let methods = store::methods_of(db, &user.user.id)?;
        if methods.iter().any(|m| m.id == id) {
            return Err(bad(format!(
                "The user already has a {phone_type} phone. Update it instead of adding another."
            )));
        }
        if phone_type == PhoneType::AlternateMobile
            && !methods
                .iter()
                .any(|m| m.id == PhoneType::Mobile.method_id())
        {
            return Err(bad(
                "An alternateMobile phone can't be added until the user has a mobile phone.",
            ));
        }
        let stored = StoredPhone {
            phone_number: number.clone(),
            phone_type,
            sms_sign_in: phone_type == PhoneType::Mobile && user.sms_policy,
        };
        let data = serde_json::to_value(&stored).unwrap_or_default();
        store::put_method(db, &user.user.id, id, MethodKind::Phone.segment(), &data)?;
        if user.preferred_method.is_none() {
            let preferred = match phone_type {
                PhoneType::Mobile => "sms",
                PhoneType::AlternateMobile => "voiceAlternateMobile",
                _ => "voiceOffice",
            };
            store::set_preferences(db, &user.user.id, Some(preferred), user.system_preferred)?;
        }
        Ok(PhoneMethod {
            id: id.into(),
            phone_number: number.clone(),
            phone_type,
            sms_sign_in_state: Some(sms_state(db, &user, &stored)?.into()),
        })
    })?;
    let location = format!(
        "{}/users/{}/authentication/phoneMethods/{}",
        base.0, user.user.id, created.id
    );
    let body = with_context(
        &base,
        &format!(
            "users('{}')/authentication/phoneMethods/$entity",
            user.user.id
        ),
        serde_json::to_value(created).unwrap_or_default(),
    );
    let mut resp = json_response(StatusCode::CREATED, &body);
    if let Ok(v) = location.parse() {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    Ok(resp)
}

pub async fn update_phone(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let id = params.get("id").cloned().unwrap_or_default();
    changes::apply(
        &sb,
        &caller,
        &user,
        phone_change("phone.update"),
        |db, _| {
            let (number, phone_type) = phone_body(&body, false)?;
            let methods = store::methods_of(db, &user.user.id)?;
            let Some(mut phone) = methods
                .iter()
                .find(|m| m.id.eq_ignore_ascii_case(&id))
                .and_then(phone_of)
            else {
                return Err(ApiError::item_not_found(&format!(
                    "The phone method '{id}'"
                )));
            };
            if let Some(t) = phone_type
                && t != phone.phone_type
            {
                return Err(bad(format!(
                    "phoneType can't be changed from {} to {t}. Add a phone of the new type and delete the old one.",
                    phone.phone_type
                )));
            }
            if let Some(n) = number {
                phone.phone_number = n;
            }
            let data = serde_json::to_value(&phone).unwrap_or_default();
            store::put_method(
                db,
                &user.user.id,
                phone.phone_type.method_id(),
                MethodKind::Phone.segment(),
                &data,
            )?;
            Ok(())
        },
    )?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn set_sms(sb: &Sandbox, caller: &Caller, key: &str, id: &str, on: bool) -> ApiResult {
    let user = writable_target(sb, caller, key, Access::WriteMethods)?;
    let change = Change {
        activity: if on {
            "Admin enabled SMS sign-in"
        } else {
            "Admin disabled SMS sign-in"
        },
        kind: if on { "sms.enable" } else { "sms.disable" },
        service: METHODS_SERVICE,
    };
    changes::apply(sb, caller, &user, change, |db, _| {
        let methods = store::methods_of(db, &user.user.id)?;
        let Some(mut phone) = methods
            .iter()
            .find(|m| m.id.eq_ignore_ascii_case(id))
            .and_then(phone_of)
        else {
            return Err(ApiError::item_not_found(&format!(
                "The phone method '{id}'"
            )));
        };
        if on {
            if phone.phone_type != PhoneType::Mobile {
                return Err(bad("SMS sign-in works only with the mobile phone."));
            }
            if !user.sms_policy {
                return Err(bad(
                    "The user isn't enabled for SMS sign-in by the authentication methods policy.",
                ));
            }
            if store::sms_number_taken(db, &user.user.id, &phone.phone_number)? {
                return Err(bad(
                    "The phone number is already used for SMS sign-in by another user.",
                ));
            }
        }
        phone.sms_sign_in = on;
        let data = serde_json::to_value(&phone).unwrap_or_default();
        store::put_method(
            db,
            &user.user.id,
            phone.phone_type.method_id(),
            MethodKind::Phone.segment(),
            &data,
        )?;
        Ok(())
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST …/phoneMethods/{id}/enableSmsSignIn` and `…/disableSmsSignIn`.
pub async fn sms_action(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult {
    let id = params.get("id").map(String::as_str).unwrap_or_default();
    match params.get("action").map(String::as_str) {
        Some("enableSmsSignIn") => set_sms(&sb, &caller, &key, id, true).await,
        Some("disableSmsSignIn") => set_sms(&sb, &caller, &key, id, false).await,
        other => Err(ApiError::bad_request(
            "BadRequest",
            format!(
                "Resource not found for the segment '{}'.",
                other.unwrap_or_default()
            ),
        )),
    }
}

fn new_pass(length: i64) -> String {
    let mut rng = rand::rng();
    (0..length.clamp(8, 48))
        .map(|_| TAP_ALPHABET[rng.random_range(0..TAP_ALPHABET.len())] as char)
        .collect()
}

pub async fn create_tap(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::IssuePass)?;
    let change = Change {
        activity: "Admin registered temporary access pass method for user",
        kind: "tap.create",
        service: METHODS_SERVICE,
    };
    let (id, json) = changes::apply(&sb, &caller, &user, change, |db, now| {
        let req: TapRequest = query::body_json(&body)?;
        let policy = store::tap_policy(db)?;
        if policy.state != "enabled" {
            return Err(bad(
                "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].",
            ));
        }
        let lifetime = req
            .lifetime_in_minutes
            .unwrap_or(policy.default_lifetime_in_minutes);
        if lifetime < policy.minimum_lifetime_in_minutes
            || lifetime > policy.maximum_lifetime_in_minutes
        {
            return Err(bad(format!(
                "Invalid LifetimeInMinutes specified. The valid range between {} and {}.",
                policy.minimum_lifetime_in_minutes, policy.maximum_lifetime_in_minutes
            ))
            .with_inner_message());
        }
        let once = req.is_usable_once.unwrap_or(policy.is_usable_once);
        if policy.is_usable_once && !once {
            return Err(bad(
                "The policy allows only one-time Temporary Access Passes (isUsableOnce must be true).",
            ));
        }
        let start = match &req.start_date_time {
            Some(s) => s
                .parse::<Timestamp>()
                .map_err(|_| bad(format!("startDateTime '{s}' is not a valid date-time.")))?,
            None => now,
        };
        let round = |t: Timestamp| t.round(jiff::Unit::Microsecond).unwrap_or(t).to_string();
        let code = new_pass(policy.default_length);
        let tap = StoredTap {
            code_hash: hash_secret(&code),
            created_date_time: round(now),
            start_date_time: round(start),
            lifetime_in_minutes: lifetime,
            is_usable_once: once,
            used: false,
        };
        for m in store::methods_of(db, &user.user.id)? {
            if m.kind == MethodKind::TemporaryAccessPass.segment() {
                store::delete_method(db, &user.user.id, &m.id)?;
            }
        }
        let id = new_guid();
        let data = serde_json::to_value(&tap).unwrap_or_default();
        store::put_method(
            db,
            &user.user.id,
            &id,
            MethodKind::TemporaryAccessPass.segment(),
            &data,
        )?;
        let json = tap_json(&id, &tap, &policy, now, Some(code));
        Ok((id, json))
    })?;
    let mut resp = json_response(
        StatusCode::CREATED,
        &typed(MethodKind::TemporaryAccessPass, json),
    );
    if let Ok(v) = format!(
        "{}/users/{}/authentication/temporaryAccessPassMethods/{id}",
        base.0, user.user.id
    )
    .parse()
    {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    Ok(resp)
}

fn email_body(bytes: &[u8]) -> Result<String, ApiError> {
    let v: Value = query::body_json(bytes)?;
    match v.get("emailAddress").and_then(Value::as_str) {
        Some(a) if a.contains('@') && !a.starts_with('@') && !a.ends_with('@') => Ok(a.to_string()),
        Some(a) => Err(bad(format!("'{a}' is not an email address."))),
        None => Err(bad("emailAddress is required.")),
    }
}

pub async fn add_email(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let change = Change {
        activity: "Admin registered security info",
        kind: "email.add",
        service: METHODS_SERVICE,
    };
    let address = changes::apply(&sb, &caller, &user, change, |db, _| {
        let address = email_body(&body)?;
        if store::methods_of(db, &user.user.id)?
            .iter()
            .any(|m| m.id == EMAIL_METHOD_ID)
        {
            return Err(bad(
                "The user already has an email method. Update it instead.",
            ));
        }
        let data = serde_json::json!({"emailAddress": address});
        store::put_method(
            db,
            &user.user.id,
            EMAIL_METHOD_ID,
            MethodKind::Email.segment(),
            &data,
        )?;
        Ok(address)
    })?;
    let v = serde_json::to_value(EmailMethod {
        id: EMAIL_METHOD_ID.into(),
        email_address: Some(address),
    })
    .unwrap_or_default();
    Ok(json_response(
        StatusCode::CREATED,
        &with_context(
            &base,
            &format!(
                "users('{}')/authentication/emailMethods/$entity",
                user.user.id
            ),
            v,
        ),
    ))
}

pub async fn update_email(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let id = params.get("id").cloned().unwrap_or_default();
    let change = Change {
        activity: "Admin updated security info",
        kind: "email.update",
        service: METHODS_SERVICE,
    };
    changes::apply(&sb, &caller, &user, change, |db, _| {
        let address = email_body(&body)?;
        if !store::methods_of(db, &user.user.id)?
            .iter()
            .any(|m| m.id.eq_ignore_ascii_case(&id) && m.kind == MethodKind::Email.segment())
        {
            return Err(ApiError::item_not_found(&format!(
                "The email method '{id}'"
            )));
        }
        let data = serde_json::json!({"emailAddress": address});
        store::put_method(
            db,
            &user.user.id,
            EMAIL_METHOD_ID,
            MethodKind::Email.segment(),
            &data,
        )?;
        Ok(())
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The system-preferred method: the strongest registered one.
pub fn system_preferred(methods: &[MethodRow]) -> &'static str {
    let has = |kind: MethodKind| methods.iter().any(|m| m.kind == kind.segment());
    let phone = |t: PhoneType| methods.iter().any(|m| m.id == t.method_id());
    if has(MethodKind::Authenticator) {
        "push"
    } else if has(MethodKind::SoftwareOath) {
        "oath"
    } else if phone(PhoneType::Mobile) {
        "sms"
    } else if phone(PhoneType::AlternateMobile) {
        "voiceAlternateMobile"
    } else if phone(PhoneType::Office) {
        "voiceOffice"
    } else {
        "none"
    }
}

pub async fn get_preferences(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
) -> ApiResult {
    let user = readable_target(&sb, &caller, &key)?;
    let methods = sb.store.read(|db| store::methods_of(db, &user.user.id))?;
    let mut body = serde_json::to_value(SignInPreferences {
        is_system_preferred_authentication_method_enabled: Some(user.system_preferred),
        user_preferred_method_for_secondary_authentication: user.preferred_method.clone(),
    })
    .unwrap_or_default();
    if let Some(map) = body.as_object_mut() {
        map.insert(
            "userPreferredMethodForSecondaryAuthentication".into(),
            user.preferred_method
                .clone()
                .map(Value::String)
                .unwrap_or(Value::Null),
        );
        map.insert(
            "systemPreferredAuthenticationMethod".into(),
            Value::String(system_preferred(&methods).into()),
        );
    }
    let context = format!("users('{}')/authentication/signInPreferences", user.user.id);
    Ok(json_response(
        StatusCode::OK,
        &with_context(&base, &context, body),
    ))
}

pub async fn update_preferences(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let change = Change {
        activity: "Admin updated default sign-in method",
        kind: "preferences.update",
        service: METHODS_SERVICE,
    };
    changes::apply(&sb, &caller, &user, change, |db, _| {
        let req: SignInPreferences = query::body_json(&body)?;
        let methods = store::methods_of(db, &user.user.id)?;
        let preferred = match req
            .user_preferred_method_for_secondary_authentication
            .as_deref()
        {
            None => user.preferred_method.clone(),
            Some(p) => {
                let has = |kind: MethodKind| methods.iter().any(|m| m.kind == kind.segment());
                let phone = |t: PhoneType| methods.iter().any(|m| m.id == t.method_id());
                let registered = match p {
                    "push" => has(MethodKind::Authenticator),
                    "oath" => has(MethodKind::SoftwareOath) || has(MethodKind::Authenticator),
                    "sms" | "voiceMobile" => phone(PhoneType::Mobile),
                    "voiceAlternateMobile" => phone(PhoneType::AlternateMobile),
                    "voiceOffice" => phone(PhoneType::Office),
                    other => {
                        return Err(bad(format!(
                            "'{other}' is not a sign-in method. Use push, oath, voiceMobile, voiceAlternateMobile, voiceOffice or sms."
                        )));
                    }
                };
                if !registered {
                    return Err(bad(format!("The user hasn't registered the method '{p}'.")));
                }
                Some(p.to_string())
            }
        };
        let system = req
            .is_system_preferred_authentication_method_enabled
            .unwrap_or(user.system_preferred);
        store::set_preferences(db, &user.user.id, preferred.as_deref(), system)?;
        Ok(())
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn get_tap_policy(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadPolicy, None)?;
    let p = sb.store.read(store::tap_policy)?;
    let body = with_context(
        &base,
        "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity",
        serde_json::to_value(p).unwrap_or_default(),
    );
    Ok(json_response(StatusCode::OK, &body))
}

pub async fn update_tap_policy(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> ApiResult {
    policy::require(&sb, &caller, Access::WritePolicy, None)?;
    let patch: Value = query::body_json(&body)?;
    sb.store.write(|db| {
        let current = serde_json::to_value(store::tap_policy(db)?).unwrap_or_default();
        let mut merged = current.as_object().cloned().unwrap_or_default();
        for (k, v) in patch.as_object().cloned().unwrap_or_default() {
            if k != "@odata.type" && k != "id" {
                merged.insert(k, v);
            }
        }
        let p: TapPolicy = serde_json::from_value(Value::Object(merged))
            .map_err(|e| bad(format!("Invalid policy: {e}.")))?;
        let range = 10..=43200;
        if !range.contains(&p.minimum_lifetime_in_minutes)
            || !range.contains(&p.maximum_lifetime_in_minutes)
            || p.minimum_lifetime_in_minutes > p.maximum_lifetime_in_minutes
            || !(p.minimum_lifetime_in_minutes..=p.maximum_lifetime_in_minutes)
                .contains(&p.default_lifetime_in_minutes)
        {
            return Err(bad(
                "Lifetimes must satisfy 10 <= minimum <= default <= maximum <= 43200 minutes.",
            ));
        }
        if !(8..=48).contains(&p.default_length) {
            return Err(bad("defaultLength must be between 8 and 48."));
        }
        if !matches!(p.state.as_str(), "enabled" | "disabled") {
            return Err(bad("state must be enabled or disabled."));
        }
        store::set_tap_policy(db, &p)?;
        Ok(())
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_number_format() {
        for ok in [
            "+1 5555551234",
            "+1 5555551234x123",
            "+44 2079460958",
            "+353 12345",
        ] {
            assert!(valid_graph_number(ok), "{ok}");
        }
        for bad in [
            "+15555551234",
            "5555551234",
            "+1 555-555-1234",
            "+1 555",
            "+1234 5555551234",
            "+1 5555551234X12",
            "+1 5555551234x",
            "+ 5555551234",
        ] {
            assert!(!valid_graph_number(bad), "{bad}");
        }
    }

    #[test]
    fn pass_codes_follow_the_policy_length() {
        assert_eq!(new_pass(8).len(), 8);
        assert_eq!(new_pass(48).len(), 48);
        assert_ne!(new_pass(16), new_pass(16));
    }
}
