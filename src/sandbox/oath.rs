//! Hardware OATH tokens, key fobs (beta only, graph-api.md §15): the tenant's inventory at
//! `/directory/authenticationMethodDevices/hardwareOathDevices` and a user's
//! `hardwareOathMethods`: assign a fob, activate it with the code it shows (TOTP, RFC 6238, from
//! the secret the inventory holds and the sandbox's clock), assign and activate by serial
//! number, unassign it when it comes back.

use super::changes::{self, Change};
use super::policy::{self, Access};
use super::query::{self, UserKey};
use super::store::{self, Device, UserRow, save_fob as save};
use super::tenant::{ApiError, ApiResult, Base, Caller, Sandbox, json_response, new_guid};
use super::users::{readable_target, writable_target};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// A user's fobs, as the store keeps them among their methods (the method's id is the device's).
pub const SEGMENT: &str = "hardwareOathMethods";
const DEVICE_TYPE: &str = "#microsoft.graph.hardwareOathTokenAuthenticationMethodDevice";
const METHOD_TYPE: &str = "#microsoft.graph.hardwareOathAuthenticationMethod";

/// A fob in Graph's shape: its secret `null`, as Graph returns it.
fn device_json(d: &Device) -> Value {
    let mut v = serde_json::to_value(d).unwrap_or_default();
    v["@odata.type"] = DEVICE_TYPE.into();
    v["secretKey"] = Value::Null;
    v
}

fn devices(db: &Connection) -> rusqlite::Result<Vec<Device>> {
    let mut stmt = db.prepare_cached("SELECT data FROM oath_devices ORDER BY serial")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows
        .filter_map(|r| r.ok())
        .filter_map(|s| serde_json::from_str(&s).ok())
        .collect())
}

fn device(db: &Connection, id: &str) -> rusqlite::Result<Option<Device>> {
    Ok(db
        .query_row("SELECT data FROM oath_devices WHERE id = ?1", [id], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|s| serde_json::from_str(&s).ok()))
}

fn by_serial(db: &Connection, serial: &str) -> rusqlite::Result<Option<Device>> {
    Ok(db
        .query_row(
            "SELECT data FROM oath_devices WHERE serial = ?1 COLLATE NOCASE",
            [serial],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|s| serde_json::from_str(&s).ok()))
}

fn base32(s: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut n = 0;
    let mut out = vec![];
    for c in s.trim_end_matches('=').bytes() {
        let v = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase())? as u64;
        bits = (bits << 5) | v;
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    Some(out)
}

/// The six-digit code a fob shows at `at` (RFC 6238: HMAC of the time step, dynamic truncation).
pub fn code_at(d: &Device, at: Timestamp) -> String {
    let key = base32(&d.secret_key).unwrap_or_default();
    let step = at.as_second().div_euclid(d.time_interval_in_seconds.max(1));
    let algorithm = if d.hash_function.eq_ignore_ascii_case("hmacsha256") {
        ring::hmac::HMAC_SHA256
    } else {
        ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY
    };
    let tag = ring::hmac::sign(&ring::hmac::Key::new(algorithm, &key), &step.to_be_bytes());
    let h = tag.as_ref();
    let offset = usize::from(h[h.len() - 1] & 0x0f);
    let n = u32::from_be_bytes([
        h[offset] & 0x7f,
        h[offset + 1],
        h[offset + 2],
        h[offset + 3],
    ]);
    format!("{:06}", n % 1_000_000)
}

/// Whether `code` is what the fob shows now, or one step before or after (clock drift).
fn code_matches(d: &Device, code: &str, now: Timestamp) -> bool {
    let step = jiff::SignedDuration::from_secs(d.time_interval_in_seconds.max(1));
    [now - step, now, now + step]
        .into_iter()
        .any(|t| code_at(d, t) == code.trim())
}

const WRONG_CODE: &str = "invalidVerificationCode";

/// A refused activation leaves the fob `failedActivation` (outside the refused change, whose
/// transaction is rolled back).
fn failed(sb: &Sandbox, e: ApiError, id: Option<&str>, serial: Option<&str>) -> ApiError {
    if e.code == WRONG_CODE {
        let _ = sb.store.write(|db| -> rusqlite::Result<()> {
            let d = match (id, serial) {
                (Some(id), _) => device(db, id)?,
                (None, Some(serial)) => by_serial(db, serial)?,
                (None, None) => None,
            };
            if let Some(mut d) = d {
                d.status = "failedActivation".into();
                save(db, &d)?;
            }
            Ok(())
        });
    }
    e
}

fn bad(code: &str, message: &str) -> ApiError {
    ApiError::bad_request(code, message)
}

fn no_device() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "itemNotFound",
        "The hardware OATH token was not found.",
    )
}

/// `GET /directory/authenticationMethodDevices/hardwareOathDevices`, with `$filter` on
/// `serialNumber` or `status` (`eq`).
pub async fn list_devices(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadPolicy, None)?;
    let filter = params.get("$filter").map(|f| f.trim().to_string());
    let wanted: Option<(String, String)> = match &filter {
        None => None,
        Some(f) => {
            let (prop, value) = f
                .split_once(" eq ")
                .map(|(p, v)| (p.trim(), v.trim().trim_matches('\'')))
                .filter(|(p, _)| matches!(*p, "serialNumber" | "status"))
                .ok_or_else(|| {
                    bad(
                        "BadRequest",
                        "Only serialNumber and status may be filtered, with eq.",
                    )
                })?;
            Some((prop.to_string(), value.replace("''", "'")))
        }
    };
    let all = sb.store.read(devices)?;
    let items: Vec<Value> = all
        .iter()
        .filter(|d| match &wanted {
            None => true,
            Some((p, v)) if p == "serialNumber" => d.serial_number.eq_ignore_ascii_case(v),
            Some((_, v)) => d.status.eq_ignore_ascii_case(v),
        })
        .map(device_json)
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("{}/$metadata#directory/authenticationMethodDevices/hardwareOathDevices", base.0),
            "value": items,
        }),
    ))
}

/// `POST …/hardwareOathDevices`: a fob added to the inventory (201, its secret `null`).
pub async fn create_device(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> ApiResult {
    policy::require(&sb, &caller, Access::WritePolicy, None)?;
    let body: Value = query::body_json(&body)?;
    let text = |k: &str| body[k].as_str().map(str::to_owned);
    let (Some(serial), Some(manufacturer), Some(model), Some(secret)) = (
        text("serialNumber"),
        text("manufacturer"),
        text("model"),
        text("secretKey"),
    ) else {
        return Err(bad(
            "BadRequest",
            "serialNumber, manufacturer, model and secretKey are required.",
        ));
    };
    if base32(&secret).is_none_or(|k| k.is_empty()) || secret.len() > 128 {
        return Err(bad(
            "BadRequest",
            "secretKey must be Base32 (a-z, A-Z, 2-7), at most 128 characters.",
        ));
    }
    let interval = body["timeIntervalInSeconds"].as_i64().unwrap_or(30);
    if !matches!(interval, 30 | 60) {
        return Err(bad("BadRequest", "timeIntervalInSeconds must be 30 or 60."));
    }
    let d = sb.store.write(|db| -> Result<Device, ApiError> {
        if by_serial(db, &serial)?.is_some() {
            // UNCONFIRMED: Graph's answer to a serial number already in the inventory
            return Err(bad(
                "BadRequest",
                "A hardware OATH token with this serial number already exists.",
            ));
        }
        let d = Device {
            id: new_guid(),
            display_name: text("displayName"),
            serial_number: serial.clone(),
            manufacturer,
            model,
            secret_key: secret.to_ascii_uppercase(),
            time_interval_in_seconds: interval,
            hash_function: text("hashFunction").unwrap_or_else(|| "hmacsha1".into()),
            status: "available".into(),
            assigned_to: None,
            last_used_date_time: None,
        };
        save(db, &d)?;
        Ok(d)
    })?;
    Ok(json_response(StatusCode::CREATED, &device_json(&d)))
}

/// `GET …/hardwareOathDevices/{id}`.
pub async fn get_device(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult {
    policy::require(&sb, &caller, Access::ReadPolicy, None)?;
    let d = sb.store.read(|db| device(db, &id))?.ok_or_else(no_device)?;
    Ok(json_response(StatusCode::OK, &device_json(&d)))
}

fn method_json(d: &Device) -> Value {
    json!({"@odata.type": METHOD_TYPE, "id": d.id, "device": device_json(d)})
}

/// The user's fob `id` in Graph's shape (for the `methods` list).
pub fn method_of(db: &Connection, id: &str) -> rusqlite::Result<Value> {
    Ok(device(db, id)?.map(|d| method_json(&d)).unwrap_or_default())
}

/// The user's fobs, in Graph's shape.
pub fn methods_of(db: &Connection, user: &UserRow) -> rusqlite::Result<Vec<Value>> {
    let mut out = vec![];
    for m in store::methods_of(db, &user.user.id)? {
        if m.kind == SEGMENT
            && let Some(d) = device(db, &m.id)?
        {
            out.push(method_json(&d));
        }
    }
    Ok(out)
}

/// `GET /users/{key}/authentication/hardwareOathMethods`.
pub async fn list_methods(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    UserKey(key): UserKey,
) -> ApiResult {
    let user = readable_target(&sb, &caller, &key)?;
    let items = sb.store.read(|db| methods_of(db, &user))?;
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("{}/$metadata#users('{}')/authentication/hardwareOathMethods", base.0, user.user.id),
            "value": items,
        }),
    ))
}

fn assigned(user: &UserRow) -> Value {
    json!({"id": user.user.id, "displayName": user.user.display_name})
}

/// A fob given to `user`: it must be in the inventory and not someone else's.
fn assign(db: &Connection, user: &UserRow, d: &mut Device) -> Result<(), ApiError> {
    match d.assigned_to.as_ref().and_then(|a| a["id"].as_str()) {
        Some(id) if id != user.user.id => {
            // UNCONFIRMED: Graph's answer for a fob assigned to someone else
            return Err(bad(
                "BadRequest",
                "The hardware OATH token is assigned to another user.",
            ));
        }
        Some(_) => {}
        None => {
            d.assigned_to = Some(assigned(user));
            d.status = "assigned".into();
        }
    }
    let activated = d.status == "activated";
    store::put_method(
        db,
        &user.user.id,
        &d.id,
        SEGMENT,
        &json!({"activated": activated}),
    )?;
    save(db, d)?;
    Ok(())
}

/// Activates `d` with the code it shows now; a wrong code leaves it `failedActivation`.
fn activate(
    db: &Connection,
    user: &UserRow,
    d: &mut Device,
    body: &Value,
    now: Timestamp,
) -> Result<(), ApiError> {
    let code = body["verificationCode"].as_str().unwrap_or_default();
    if !code_matches(d, code, now) {
        // UNCONFIRMED: the documentation gives no error for a wrong verification code
        return Err(bad(
            WRONG_CODE,
            "The verification code is not the one the hardware OATH token shows.",
        ));
    }
    if let Some(name) = body["displayName"].as_str() {
        d.display_name = Some(name.to_string());
    }
    d.status = "activated".into();
    store::put_method(
        db,
        &user.user.id,
        &d.id,
        SEGMENT,
        &json!({"activated": true}),
    )?;
    save(db, d)?;
    Ok(())
}

/// `POST /users/{key}/authentication/hardwareOathMethods` with `{"device": {"id": …}}`: 201.
pub async fn assign_method(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let body: Value = query::body_json(&body)?;
    let id = body["device"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let d = changes::apply(
        &sb,
        &caller,
        &user,
        Change::registered("fob.assign", "Admin assigned hardware OATH token to user"),
        |db, _| {
            let mut d = device(db, &id)?.ok_or_else(no_device)?;
            assign(db, &user, &mut d)?;
            Ok(d)
        },
    )?;
    Ok(json_response(
        StatusCode::CREATED,
        &json!({"@odata.type": METHOD_TYPE, "id": d.id, "createdDateTime": Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| Timestamp::now()).to_string()}),
    ))
}

/// `POST …/hardwareOathMethods/{id}/activate` with the code the fob shows: 204.
pub async fn activate_method(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let body: Value = query::body_json(&body)?;
    let id = params.get("id").cloned().unwrap_or_default();
    changes::apply(
        &sb,
        &caller,
        &user,
        Change::registered(
            "fob.activate",
            "Admin activated hardware OATH token for user",
        ),
        |db, now| {
            let mine = store::methods_of(db, &user.user.id)?
                .iter()
                .any(|m| m.kind == SEGMENT && m.id == id);
            let mut d = device(db, &id)?.filter(|_| mine).ok_or_else(no_device)?;
            activate(db, &user, &mut d, &body, now)
        },
    )
    .map_err(|e| failed(&sb, e, Some(&id), None))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST …/hardwareOathMethods/assignAndActivateBySerialNumber`: 204.
pub async fn assign_and_activate(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    body: Bytes,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let body: Value = query::body_json(&body)?;
    let serial = body["serialNumber"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    changes::apply(
        &sb,
        &caller,
        &user,
        Change::registered(
            "fob.activate",
            "Admin assigned and activated hardware OATH token for user",
        ),
        |db, now| {
            let mut d = by_serial(db, &serial)?.ok_or_else(no_device)?;
            assign(db, &user, &mut d)?;
            activate(db, &user, &mut d, &body, now)
        },
    )
    .map_err(|e| failed(&sb, e, None, Some(&serial)))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `DELETE …/hardwareOathMethods/{id}`: the fob leaves the user and stays in the inventory.
pub async fn unassign_method(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    UserKey(key): UserKey,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult {
    let user = writable_target(&sb, &caller, &key, Access::WriteMethods)?;
    let id = params.get("id").cloned().unwrap_or_default();
    changes::apply(
        &sb,
        &caller,
        &user,
        Change::deleted(
            "fob.unassign",
            "Admin unassigned hardware OATH token from user",
        ),
        |db, _| {
            if !store::delete_method(db, &user.user.id, &id)? {
                return Err(no_device());
            }
            if let Some(mut d) = device(db, &id)? {
                d.assigned_to = None;
                d.status = "available".into();
                save(db, &d)?;
            }
            Ok(())
        },
    )?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The code fob `serial` shows now, by the sandbox's clock (its display, for trainees and
/// tests: `GET /_sandbox/fobs/{serial}`).
pub fn shown_code(db: &Connection, serial: &str) -> rusqlite::Result<Option<String>> {
    let now = store::now(db)?;
    Ok(by_serial(db, serial)?.map(|d| code_at(&d, now)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 seed `12345678901234567890`, 8 digits at T=59 are
    /// 94287082, whose last six are the six-digit code.
    #[test]
    fn totp_matches_rfc_6238() {
        let d = Device {
            id: String::new(),
            display_name: None,
            serial_number: "T".into(),
            manufacturer: String::new(),
            model: String::new(),
            secret_key: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into(),
            time_interval_in_seconds: 30,
            hash_function: "hmacsha1".into(),
            status: "available".into(),
            assigned_to: None,
            last_used_date_time: None,
        };
        assert_eq!(code_at(&d, Timestamp::from_second(59).unwrap()), "287082");
        assert_eq!(
            code_at(&d, Timestamp::from_second(1_111_111_109).unwrap()),
            "081804"
        );
        assert!(code_matches(
            &d,
            "287082",
            Timestamp::from_second(89).unwrap()
        ));
        assert!(!code_matches(
            &d,
            "287082",
            Timestamp::from_second(200).unwrap()
        ));
        assert_eq!(base32("MZXW6==="), Some(b"foo".to_vec()));
    }
}
