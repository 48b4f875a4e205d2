//! SQLite storage of the sandbox tenant: schema, migrations and typed queries.
//!
//! One connection per process behind a mutex; WAL and a busy timeout let several `care`
//! processes share one database file. Every read-modify-write runs in an IMMEDIATE
//! transaction, so two processes never interleave a check and its write.

use crate::graph::model::{
    AuditInitiatedBy, CalendarPermission, DirectoryAudit, EmailAddress, SignIn, TapPolicy, User,
};
use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Current schema version (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 10;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sandbox database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "sandbox database {path} has schema version {found}, newer than this care ({expected})"
    )]
    NewerSchema {
        path: String,
        found: i64,
        expected: i64,
    },
    #[error("cannot create the sandbox data directory {path}: {source}")]
    Dir {
        path: String,
        source: std::io::Error,
    },
}

/// Where the database lives.
#[derive(Debug, Clone)]
pub enum DbLocation {
    File(PathBuf),
    Memory,
}

impl DbLocation {
    pub fn describe(&self) -> String {
        match self {
            DbLocation::File(p) => p.display().to_string(),
            DbLocation::Memory => ":memory:".into(),
        }
    }
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  upn TEXT NOT NULL UNIQUE COLLATE NOCASE,
  mail TEXT COLLATE NOCASE,
  sort_key INTEGER NOT NULL,
  data TEXT NOT NULL,
  roles TEXT NOT NULL DEFAULT '[]',
  sms_policy INTEGER NOT NULL DEFAULT 0,
  preferred_method TEXT,
  system_preferred INTEGER NOT NULL DEFAULT 1,
  has_mailbox INTEGER NOT NULL DEFAULT 1,
  delegate_delivery TEXT,
  time_zone TEXT,
  manager_id TEXT
);
CREATE INDEX IF NOT EXISTS users_mail ON users(mail);
-- every string a user's entry holds (top-level, and in top-level lists), lower case: the index a
-- `$filter` with `eq`/`in` narrows the users by, as Graph's directory indexes do
CREATE TABLE IF NOT EXISTS user_values (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS user_values_value ON user_values(value);
CREATE INDEX IF NOT EXISTS users_sort ON users(sort_key);
CREATE TABLE IF NOT EXISTS methods (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (user_id, id)
);
-- numbers registered for SMS sign-in, for the uniqueness check of every phone write
CREATE INDEX IF NOT EXISTS methods_sms_numbers ON methods(json_extract(data, '$.phoneNumber'))
  WHERE kind = 'phoneMethods' AND json_extract(data, '$.smsSignIn') = 1;
CREATE TABLE IF NOT EXISTS calendar_permissions (
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (owner_id, id)
);
CREATE TABLE IF NOT EXISTS signins (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  upn TEXT NOT NULL COLLATE NOCASE,
  created TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS signins_user ON signins(user_id, created);
CREATE INDEX IF NOT EXISTS signins_upn ON signins(upn, created);
CREATE INDEX IF NOT EXISTS signins_created ON signins(created);
CREATE TABLE IF NOT EXISTS audits (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  target_id TEXT,
  created TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audits_target ON audits(target_id);
CREATE TABLE IF NOT EXISTS apps (
  client_id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  secret_hash TEXT,
  permissions TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  user_id TEXT,
  scopes TEXT NOT NULL,
  expires INTEGER NOT NULL,
  resource TEXT NOT NULL DEFAULT 'https://graph.microsoft.com'
);
-- Exchange folder permissions other than the calendar's (which come from calendar_permissions)
CREATE TABLE IF NOT EXISTS folder_permissions (
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  folder TEXT NOT NULL COLLATE NOCASE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  access_rights TEXT NOT NULL,
  PRIMARY KEY (owner_id, folder, user_id)
);
-- mail sent through sendMail (nothing leaves the sandbox): `care sandbox outbox`
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  created TEXT NOT NULL,
  data TEXT NOT NULL
);
-- Identity Protection: `riskyUser` (id = the user's) and `riskDetection` entries, as JSON
-- the tenant's hardware OATH tokens (key fobs), by id and serial number
CREATE TABLE IF NOT EXISTS oath_devices (
  id TEXT PRIMARY KEY,
  serial TEXT NOT NULL UNIQUE COLLATE NOCASE,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS risk (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS send_on_behalf (
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (owner_id, user_id)
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  issued INTEGER NOT NULL,
  expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS device_codes (
  hash TEXT PRIMARY KEY,
  user_code TEXT NOT NULL UNIQUE,
  client_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  expires INTEGER NOT NULL,
  interval INTEGER NOT NULL,
  status TEXT NOT NULL,
  user_id TEXT,
  last_poll INTEGER
);
CREATE TABLE IF NOT EXISTS auth_codes (
  hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  challenge TEXT,
  challenge_method TEXT,
  expires INTEGER NOT NULL,
  nonce TEXT
);
CREATE TABLE IF NOT EXISTS app_certificates (
  client_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  sha1 TEXT NOT NULL,
  der BLOB NOT NULL,
  PRIMARY KEY (client_id, sha256)
);
"#;

/// SHA-256 of a secret, hex: what the store keeps instead of a token, code or pass.
pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A user as stored: the Graph resource plus the directory facts Graph shows elsewhere.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub user: User,
    pub roles: Vec<String>,
    /// In the scope of the SMS sign-in policy.
    pub sms_policy: bool,
    /// `userPreferredMethodForSecondaryAuthentication` (`None` = not set).
    pub preferred_method: Option<String>,
    pub system_preferred: bool,
    pub has_mailbox: bool,
    pub delegate_delivery: Option<String>,
    pub time_zone: Option<String>,
}

/// One stored authentication method: its kind name (a [`crate::graph::model::MethodKind`]
/// segment) and its JSON.
#[derive(Debug, Clone)]
pub struct MethodRow {
    pub id: String,
    pub kind: String,
    pub data: Value,
}

/// A key fob in the tenant's inventory (`oath_devices`) (the secret key never leaves the sandbox: Graph returns it `null`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    pub serial_number: String,
    pub manufacturer: String,
    pub model: String,
    /// Base32.
    pub secret_key: String,
    pub time_interval_in_seconds: i64,
    pub hash_function: String,
    /// `available`, `assigned`, `activated`, `failedActivation`.
    pub status: String,
    #[serde(default)]
    pub assigned_to: Option<Value>,
    #[serde(default)]
    pub last_used_date_time: Option<String>,
}

/// Adds or updates a fob of the inventory.
pub fn save_fob(db: &Connection, d: &Device) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO oath_devices (id, serial, data) VALUES (?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET serial = excluded.serial, data = excluded.data",
        params![
            d.id,
            d.serial_number,
            serde_json::to_string(d).unwrap_or_default()
        ],
    )?;
    Ok(())
}

/// The stored state of a Temporary Access Pass (never the code itself).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredTap {
    pub code_hash: String,
    pub created_date_time: String,
    pub start_date_time: String,
    pub lifetime_in_minutes: i64,
    pub is_usable_once: bool,
    #[serde(default)]
    pub used: bool,
}

/// A phone as stored (the SMS sign-in flag lives beside the Graph fields).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredPhone {
    pub phone_number: String,
    pub phone_type: crate::graph::model::PhoneType,
    #[serde(default)]
    pub sms_sign_in: bool,
}

#[derive(Debug, Clone)]
pub struct AppRow {
    pub client_id: String,
    pub display_name: String,
    pub secret_hash: Option<String>,
    pub permissions: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TokenRow {
    pub client_id: String,
    pub user_id: Option<String>,
    pub scopes: Vec<String>,
    pub expires: i64,
    /// The audience: `https://graph.microsoft.com` or `https://outlook.office365.com`.
    pub resource: String,
}

#[derive(Debug, Clone)]
pub struct RefreshRow {
    pub client_id: String,
    pub user_id: String,
    pub scopes: Vec<String>,
    pub issued: i64,
    pub expires: i64,
}

#[derive(Debug, Clone)]
pub struct DeviceCodeRow {
    pub hash: String,
    pub user_code: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub expires: i64,
    pub interval: i64,
    pub status: String,
    pub user_id: Option<String>,
    /// Milliseconds (sandbox clock) of the last token poll.
    pub last_poll: Option<i64>,
}

pub struct Store {
    conn: Mutex<Connection>,
    location: DbLocation,
}

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

impl Store {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub fn open(location: DbLocation) -> Result<Store, StoreError> {
        let conn = match &location {
            DbLocation::Memory => Connection::open_in_memory()?,
            DbLocation::File(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    create_private_dir(dir)?;
                }
                let conn = Connection::open(path)?;
                restrict_file(path);
                conn
            }
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        if matches!(location, DbLocation::File(_)) {
            let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        }
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        let store = Store {
            conn: Mutex::new(conn),
            location,
        };
        store.migrate()?;
        Ok(store)
    }

    /// A new in-memory database holding a copy of `from` as it is now (SQLite's online backup),
    /// so a seeded district is had again without seeding it.
    pub fn copy_of(from: &Store) -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        {
            let src = from.lock();
            rusqlite::backup::Backup::new(&src, &mut conn)?.run_to_completion(
                i32::MAX,
                std::time::Duration::ZERO,
                None,
            )?;
        }
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        let store = Store {
            conn: Mutex::new(conn),
            location: DbLocation::Memory,
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn location(&self) -> &DbLocation {
        &self.location
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: self.location.describe(),
                found: version,
                expected: SCHEMA_VERSION,
            });
        }
        if (1..4).contains(&version) {
            // v4: the manager relationship
            tx.execute_batch("ALTER TABLE users ADD COLUMN manager_id TEXT")?;
        }
        if (1..5).contains(&version) {
            // v5: a token's audience (Graph or Exchange); the Exchange tables come from SCHEMA
            tx.execute_batch(
                "ALTER TABLE tokens ADD COLUMN resource TEXT NOT NULL DEFAULT 'https://graph.microsoft.com'",
            )?;
        }
        if (1..6).contains(&version) {
            // v6: the outbox (from SCHEMA), and the sandbox app may send mail
            tx.execute_batch(
                "UPDATE apps SET permissions = json_insert(permissions, '$[#]', 'Mail.Send')
                 WHERE client_id = (SELECT value FROM meta WHERE key = 'client_id')
                   AND NOT EXISTS (SELECT 1 FROM json_each(apps.permissions) WHERE value = 'Mail.Send')",
            )?;
        }
        if (1..7).contains(&version) {
            // v7: Identity Protection (the risk table, from SCHEMA), which the sandbox app reads
            for p in ["IdentityRiskyUser.Read.All", "IdentityRiskEvent.Read.All"] {
                tx.execute(
                    "UPDATE apps SET permissions = json_insert(permissions, '$[#]', ?1)
                     WHERE client_id = (SELECT value FROM meta WHERE key = 'client_id')
                       AND NOT EXISTS (SELECT 1 FROM json_each(apps.permissions) WHERE value = ?1)",
                    [p],
                )?;
            }
        }
        if (1..10).contains(&version) {
            // v10: the authorize request's nonce, for the id_token (a table older than the
            // authorization code flow comes from SCHEMA with it)
            let columns: Vec<String> = tx
                .prepare("SELECT name FROM pragma_table_info('auth_codes')")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if !columns.is_empty() && !columns.iter().any(|c| c == "nonce") {
                tx.execute_batch("ALTER TABLE auth_codes ADD COLUMN nonce TEXT")?;
            }
        }
        if version < SCHEMA_VERSION {
            tx.execute_batch(SCHEMA)?;
            tx.execute_batch(&format!("PRAGMA user_version={SCHEMA_VERSION}"))?;
        }
        if (1..8).contains(&version) {
            // v8: the index of users' values (the table from SCHEMA), for the users already there
            for row in all_users(&tx)? {
                index_user(&tx, &row.user)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the connection (reads).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        f(&self.lock())
    }

    /// Runs `f` in an IMMEDIATE transaction, committing when it returns `Ok`.
    pub fn write<T, E: From<rusqlite::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// The database's folder, owner-only (0700) when care creates it.
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    crate::private_file::create_dir(dir).map_err(|e| StoreError::Dir {
        path: dir.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// The database holds the sandbox app's secret and the admin token: owner-only.
fn restrict_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

// ---- meta and clock -------------------------------------------------------------------------

pub fn meta_get(db: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    db.prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

pub fn meta_set(db: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    db.prepare_cached("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?
        .execute([key, value])?;
    Ok(())
}

/// How far `POST /_sandbox/clock` may move the clock in all: 100 years, so that every date the
/// sandbox computes from it (expiries, lifetimes) stays far from the end of time.
pub const MAX_CLOCK_OFFSET_SECS: i64 = 100 * 366 * 86_400;

fn clock_offset(db: &Connection) -> rusqlite::Result<i64> {
    Ok(meta_get(db, "clock_offset")?
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0)
        .clamp(0, MAX_CLOCK_OFFSET_SECS))
}

/// The sandbox clock: real time plus the offset that `POST /_sandbox/clock` has added.
pub fn now(db: &Connection) -> rusqlite::Result<Timestamp> {
    let real = Timestamp::now()
        .round(jiff::Unit::Microsecond)
        .unwrap_or_else(|_| Timestamp::now());
    Ok(real
        .checked_add(SignedDuration::from_secs(clock_offset(db)?))
        .unwrap_or(real))
}

/// Moves the clock forward; `false` (and nothing changed) past [`MAX_CLOCK_OFFSET_SECS`].
pub fn advance_clock(db: &Connection, by: SignedDuration) -> rusqlite::Result<bool> {
    match clock_offset(db)?.checked_add(by.as_secs()) {
        Some(offset) if (0..=MAX_CLOCK_OFFSET_SECS).contains(&offset) => {
            meta_set(db, "clock_offset", &offset.to_string())?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

pub fn tap_policy(db: &Connection) -> rusqlite::Result<TapPolicy> {
    Ok(meta_get(db, "tap_policy")?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

pub fn set_tap_policy(db: &Connection, policy: &TapPolicy) -> rusqlite::Result<()> {
    meta_set(db, "tap_policy", &to_json(policy))
}

// ---- users -----------------------------------------------------------------------------------

const USER_COLUMNS: &str = "data, roles, sms_policy, preferred_method, system_preferred, has_mailbox, delegate_delivery, time_zone";

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    let data: String = r.get(0)?;
    let roles: String = r.get(1)?;
    Ok(UserRow {
        user: serde_json::from_str(&data).unwrap_or_default(),
        roles: json_list(&roles),
        sms_policy: r.get(2)?,
        preferred_method: r.get(3)?,
        system_preferred: r.get(4)?,
        has_mailbox: r.get(5)?,
        delegate_delivery: r.get(6)?,
        time_zone: r.get(7)?,
    })
}

pub fn insert_user(db: &Connection, row: &UserRow, sort_key: i64) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO users (id, upn, mail, sort_key, data, roles, sms_policy, preferred_method, system_preferred, has_mailbox, delegate_delivery, time_zone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        row.user.id,
        row.user.user_principal_name,
        row.user.mail,
        sort_key,
        to_json(&row.user),
        to_json(&row.roles),
        row.sms_policy,
        row.preferred_method,
        row.system_preferred,
        row.has_mailbox,
        row.delegate_delivery,
        row.time_zone,
    ])?;
    index_user(db, &row.user)
}

pub fn update_user_data(db: &Connection, user: &User) -> rusqlite::Result<()> {
    db.prepare_cached("UPDATE users SET data = ?2 WHERE id = ?1")?
        .execute(params![user.id, to_json(user)])?;
    index_user(db, user)
}

/// Writes the user's strings into `user_values` (replacing what was there).
fn index_user(db: &Connection, user: &User) -> rusqlite::Result<()> {
    db.prepare_cached("DELETE FROM user_values WHERE user_id = ?1")?
        .execute([&user.id])?;
    let entry = serde_json::to_value(user).unwrap_or_default();
    let mut values = std::collections::BTreeSet::new();
    for v in entry.as_object().into_iter().flat_map(|o| o.values()) {
        match v {
            Value::String(s) => {
                values.insert(s.to_lowercase());
            }
            Value::Array(items) => values.extend(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_lowercase),
            ),
            _ => {}
        }
    }
    let mut insert =
        db.prepare_cached("INSERT INTO user_values (user_id, value) VALUES (?1, ?2)")?;
    for v in values {
        insert.execute(params![user.id, v])?;
    }
    Ok(())
}

/// The users holding one of `values` as a string (compared without case; see
/// [`super::odata::Expr::needs_one_of`]), in directory order.
pub fn users_with_any_value(db: &Connection, values: &[String]) -> rusqlite::Result<Vec<UserRow>> {
    let marks = vec!["?"; values.len()].join(", ");
    let mut stmt = db.prepare(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id IN
           (SELECT user_id FROM user_values WHERE value IN ({marks})) ORDER BY sort_key"
    ))?;
    let lower = values.iter().map(|v| v.to_lowercase());
    let rows = stmt.query_map(rusqlite::params_from_iter(lower), user_from_row)?;
    rows.collect()
}

/// Replaces the directory roles a user holds.
pub fn set_roles(db: &Connection, user_id: &str, roles: &[String]) -> rusqlite::Result<()> {
    db.prepare_cached("UPDATE users SET roles = ?2 WHERE id = ?1")?
        .execute(params![user_id, to_json(&roles)])?;
    Ok(())
}

pub fn set_preferences(
    db: &Connection,
    user_id: &str,
    preferred: Option<&str>,
    system_preferred: bool,
) -> rusqlite::Result<()> {
    db.prepare_cached(
        "UPDATE users SET preferred_method = ?2, system_preferred = ?3 WHERE id = ?1",
    )?
    .execute(params![user_id, preferred, system_preferred])?;
    Ok(())
}

/// Looks a user up by object id or userPrincipalName (case-insensitive).
pub fn find_user(db: &Connection, key: &str) -> rusqlite::Result<Option<UserRow>> {
    db.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = ?1 OR upn = ?1 LIMIT 1"
    ))?
    .query_row([key], user_from_row)
    .optional()
}

pub fn find_users_by_column(
    db: &Connection,
    column: &str,
    value: &str,
) -> rusqlite::Result<Vec<UserRow>> {
    let column = match column {
        "id" => "id",
        "mail" => "mail",
        _ => "upn",
    };
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users WHERE {column} = ?1 COLLATE NOCASE ORDER BY sort_key"
    );
    let mut stmt = db.prepare_cached(&sql)?;
    let rows = stmt.query_map([value], user_from_row)?;
    rows.collect()
}

pub fn all_users(db: &Connection) -> rusqlite::Result<Vec<UserRow>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users ORDER BY sort_key"
    ))?;
    let rows = stmt.query_map([], user_from_row)?;
    rows.collect()
}

// ---- methods ---------------------------------------------------------------------------------

fn method_from_row(r: &Row<'_>) -> rusqlite::Result<MethodRow> {
    let data: String = r.get(2)?;
    Ok(MethodRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        data: serde_json::from_str(&data).unwrap_or(Value::Null),
    })
}

pub fn methods_of(db: &Connection, user_id: &str) -> rusqlite::Result<Vec<MethodRow>> {
    let mut stmt =
        db.prepare_cached("SELECT id, kind, data FROM methods WHERE user_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([user_id], method_from_row)?;
    rows.collect()
}

/// Every user's methods, grouped by user id (for the registration report).
pub fn all_methods(
    db: &Connection,
) -> rusqlite::Result<std::collections::HashMap<String, Vec<MethodRow>>> {
    let mut stmt =
        db.prepare_cached("SELECT user_id, id, kind, data FROM methods ORDER BY rowid")?;
    let mut out: std::collections::HashMap<String, Vec<MethodRow>> = Default::default();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let user_id: String = r.get(0)?;
        let data: String = r.get(3)?;
        out.entry(user_id).or_default().push(MethodRow {
            id: r.get(1)?,
            kind: r.get(2)?,
            data: serde_json::from_str(&data).unwrap_or(Value::Null),
        });
    }
    Ok(out)
}

pub fn put_method(
    db: &Connection,
    user_id: &str,
    id: &str,
    kind: &str,
    data: &Value,
) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO methods (user_id, id, kind, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(user_id, id) DO UPDATE SET data = excluded.data, kind = excluded.kind",
    )?
    .execute(params![user_id, id, kind, data.to_string()])?;
    Ok(())
}

pub fn delete_method(db: &Connection, user_id: &str, id: &str) -> rusqlite::Result<bool> {
    Ok(db
        .prepare_cached("DELETE FROM methods WHERE user_id = ?1 AND id = ?2")?
        .execute([user_id, id])?
        > 0)
}

/// Mobile numbers with SMS sign-in on, of users other than `user_id` (for uniqueness).
pub fn sms_number_taken(db: &Connection, user_id: &str, number: &str) -> rusqlite::Result<bool> {
    let mut stmt = db.prepare_cached(
        "SELECT count(*) FROM methods WHERE kind = 'phoneMethods' AND user_id <> ?1
           AND json_extract(data, '$.smsSignIn') = 1 AND json_extract(data, '$.phoneNumber') = ?2",
    )?;
    let n: i64 = stmt.query_row([user_id, number], |r| r.get(0))?;
    Ok(n > 0)
}

// ---- calendar --------------------------------------------------------------------------------

pub fn insert_calendar_permission(
    db: &Connection,
    owner_id: &str,
    perm: &CalendarPermission,
) -> rusqlite::Result<()> {
    db.prepare_cached("INSERT INTO calendar_permissions (owner_id, id, data) VALUES (?1, ?2, ?3)")?
        .execute(params![owner_id, perm.id, to_json(perm)])?;
    Ok(())
}

pub fn calendar_permissions(
    db: &Connection,
    owner_id: &str,
) -> rusqlite::Result<Vec<CalendarPermission>> {
    let mut stmt = db.prepare_cached(
        "SELECT data FROM calendar_permissions WHERE owner_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([owner_id], |r| {
        let data: String = r.get(0)?;
        Ok(
            serde_json::from_str(&data).unwrap_or_else(|_| CalendarPermission {
                email_address: EmailAddress::default(),
                ..Default::default()
            }),
        )
    })?;
    rows.collect()
}

// ---- Exchange: folder permissions and Send on Behalf -------------------------------------------

/// Grants `user_id` the rights `access_rights` on `folder` of `owner_id`'s mailbox (replacing
/// what they had there).
pub fn set_folder_permission(
    db: &Connection,
    owner_id: &str,
    folder: &str,
    user_id: &str,
    access_rights: &[&str],
) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT OR REPLACE INTO folder_permissions (owner_id, folder, user_id, access_rights) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![owner_id, folder, user_id, to_json(&access_rights)])?;
    Ok(())
}

/// The grantees of `folder` of `owner_id`'s mailbox and their rights, in the order granted.
pub fn folder_permissions(
    db: &Connection,
    owner_id: &str,
    folder: &str,
) -> rusqlite::Result<Vec<(UserRow, Vec<String>)>> {
    let mut stmt = db.prepare_cached(
        "SELECT user_id, access_rights FROM folder_permissions WHERE owner_id = ?1 AND folder = ?2 ORDER BY rowid",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map([owner_id, folder], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = vec![];
    for (id, rights) in rows {
        if let Some(u) = find_user(db, &id)? {
            out.push((u, json_list(&rights)));
        }
    }
    Ok(out)
}

pub fn add_send_on_behalf(db: &Connection, owner_id: &str, user_id: &str) -> rusqlite::Result<()> {
    db.prepare_cached("INSERT OR IGNORE INTO send_on_behalf (owner_id, user_id) VALUES (?1, ?2)")?
        .execute([owner_id, user_id])?;
    Ok(())
}

/// Who may send on behalf of `owner_id`, in the order granted.
pub fn send_on_behalf(db: &Connection, owner_id: &str) -> rusqlite::Result<Vec<UserRow>> {
    let mut stmt =
        db.prepare_cached("SELECT user_id FROM send_on_behalf WHERE owner_id = ?1 ORDER BY rowid")?;
    let ids: Vec<String> = stmt
        .query_map([owner_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = vec![];
    for id in ids {
        if let Some(u) = find_user(db, &id)? {
            out.push(u);
        }
    }
    Ok(out)
}

/// Replaces an app's permissions.
pub fn set_app_permissions(
    db: &Connection,
    client_id: &str,
    permissions: &[String],
) -> rusqlite::Result<()> {
    db.prepare_cached("UPDATE apps SET permissions = ?2 WHERE client_id = ?1")?
        .execute(params![client_id, to_json(&permissions)])?;
    Ok(())
}

// ---- sign-ins and audits ---------------------------------------------------------------------

pub fn insert_signin(db: &Connection, s: &SignIn) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO signins (id, user_id, upn, created, data) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        s.id,
        s.user_id.as_deref().unwrap_or_default(),
        s.user_principal_name.as_deref().unwrap_or_default(),
        s.created_date_time,
        to_json(s),
    ])?;
    Ok(())
}

/// Sign-ins newest first, narrowed by an indexed column when the filter pins one.
pub fn signins(db: &Connection, by: Option<(&str, &str)>) -> rusqlite::Result<Vec<SignIn>> {
    let (sql, arg) = match by {
        Some(("userId", v)) => (
            "SELECT data FROM signins WHERE user_id = ?1 ORDER BY created DESC, rowid DESC",
            Some(v),
        ),
        Some((_, v)) => (
            "SELECT data FROM signins WHERE upn = ?1 ORDER BY created DESC, rowid DESC",
            Some(v),
        ),
        None => (
            "SELECT data FROM signins ORDER BY created DESC, rowid DESC",
            None,
        ),
    };
    let mut stmt = db.prepare_cached(sql)?;
    let map = |r: &Row<'_>| {
        let data: String = r.get(0)?;
        Ok(serde_json::from_str::<SignIn>(&data).unwrap_or_default())
    };
    match arg {
        Some(a) => stmt.query_map([a], map)?.collect(),
        None => stmt.query_map([], map)?.collect(),
    }
}

pub fn insert_audit(db: &Connection, a: &DirectoryAudit) -> rusqlite::Result<()> {
    let target = a.target_resources.first().and_then(|t| t.id.clone());
    db.prepare_cached("INSERT INTO audits (id, target_id, created, data) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![a.id, target, a.activity_date_time, to_json(a)])?;
    Ok(())
}

/// Keeps a message sent through `sendMail`.
pub fn insert_mail(
    db: &Connection,
    created: &str,
    mail: &serde_json::Value,
) -> rusqlite::Result<()> {
    db.prepare_cached("INSERT INTO outbox (created, data) VALUES (?1, ?2)")?
        .execute(params![created, to_json(mail)])?;
    Ok(())
}

/// Every message sent, oldest first.
pub fn outbox(db: &Connection) -> rusqlite::Result<Vec<serde_json::Value>> {
    let mut stmt = db.prepare_cached("SELECT data FROM outbox ORDER BY seq")?;
    let rows = stmt.query_map([], |r| {
        let data: String = r.get(0)?;
        Ok(serde_json::from_str(&data).unwrap_or_default())
    })?;
    rows.collect()
}

/// The risk table's kinds (the resources' names).
pub const RISKY_USER: &str = "riskyUser";
pub const RISK_DETECTION: &str = "riskDetection";

/// Keeps an Identity Protection entry (`riskyUser` or `riskDetection`), replacing one with
/// its id.
pub fn insert_risk(
    db: &Connection,
    kind: &str,
    id: &str,
    data: &serde_json::Value,
) -> rusqlite::Result<()> {
    db.prepare_cached("INSERT OR REPLACE INTO risk (kind, id, data) VALUES (?1, ?2, ?3)")?
        .execute(params![kind, id, to_json(data)])?;
    Ok(())
}

/// The Identity Protection entries of one kind.
pub fn risk(db: &Connection, kind: &str) -> rusqlite::Result<Vec<serde_json::Value>> {
    let mut stmt = db.prepare_cached("SELECT data FROM risk WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map([kind], |r| {
        let data: String = r.get(0)?;
        Ok(serde_json::from_str(&data).unwrap_or_default())
    })?;
    rows.collect()
}

pub fn audits(db: &Connection) -> rusqlite::Result<Vec<DirectoryAudit>> {
    let mut stmt = db.prepare_cached("SELECT data FROM audits ORDER BY seq DESC")?;
    let rows = stmt.query_map([], |r| {
        let data: String = r.get(0)?;
        Ok(
            serde_json::from_str::<DirectoryAudit>(&data).unwrap_or_else(|_| DirectoryAudit {
                initiated_by: AuditInitiatedBy::default(),
                ..Default::default()
            }),
        )
    })?;
    rows.collect()
}

// ---- identity --------------------------------------------------------------------------------

pub fn insert_app(db: &Connection, app: &AppRow) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO apps (client_id, display_name, secret_hash, permissions) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        app.client_id,
        app.display_name,
        app.secret_hash,
        to_json(&app.permissions)
    ])?;
    Ok(())
}

pub fn find_app(db: &Connection, client_id: &str) -> rusqlite::Result<Option<AppRow>> {
    db.prepare_cached(
        "SELECT client_id, display_name, secret_hash, permissions FROM apps WHERE client_id = ?1",
    )?
    .query_row([client_id], |r| {
        let perms: String = r.get(3)?;
        Ok(AppRow {
            client_id: r.get(0)?,
            display_name: r.get(1)?,
            secret_hash: r.get(2)?,
            permissions: json_list(&perms),
        })
    })
    .optional()
}

pub fn insert_token(db: &Connection, hash: &str, t: &TokenRow) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO tokens (hash, client_id, user_id, scopes, expires, resource) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![hash, t.client_id, t.user_id, to_json(&t.scopes), t.expires, t.resource])?;
    Ok(())
}

pub fn find_token(db: &Connection, hash: &str) -> rusqlite::Result<Option<TokenRow>> {
    db.prepare_cached(
        "SELECT client_id, user_id, scopes, expires, resource FROM tokens WHERE hash = ?1",
    )?
    .query_row([hash], |r| {
        let scopes: String = r.get(2)?;
        Ok(TokenRow {
            client_id: r.get(0)?,
            user_id: r.get(1)?,
            scopes: json_list(&scopes),
            expires: r.get(3)?,
            resource: r.get(4)?,
        })
    })
    .optional()
}

/// Forgets access tokens that expired more than a day ago.
/// Forgets what expired more than a day ago (tokens, refresh tokens, device codes), so the
/// database does not grow with traffic.
pub fn prune_tokens(db: &Connection, now: i64) -> rusqlite::Result<()> {
    for table in ["tokens", "refresh_tokens", "device_codes"] {
        db.prepare_cached(&format!("DELETE FROM {table} WHERE expires < ?1"))?
            .execute([now - 86_400])?;
    }
    Ok(())
}

pub fn insert_refresh(db: &Connection, hash: &str, r: &RefreshRow) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO refresh_tokens (hash, client_id, user_id, scopes, issued, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![hash, r.client_id, r.user_id, to_json(&r.scopes), r.issued, r.expires])?;
    Ok(())
}

/// A refresh token from the store (Entra's stay valid when a new one is issued).
pub fn find_refresh(db: &Connection, hash: &str) -> rusqlite::Result<Option<RefreshRow>> {
    db.prepare_cached(
        "SELECT client_id, user_id, scopes, issued, expires FROM refresh_tokens WHERE hash = ?1",
    )?
    .query_row([hash], |r| {
        let scopes: String = r.get(2)?;
        Ok(RefreshRow {
            client_id: r.get(0)?,
            user_id: r.get(1)?,
            scopes: json_list(&scopes),
            issued: r.get(3)?,
            expires: r.get(4)?,
        })
    })
    .optional()
}

/// Takes a used refresh token out (a sandbox set to single-use refresh tokens).
pub fn delete_refresh(db: &Connection, hash: &str) -> rusqlite::Result<()> {
    db.prepare_cached("DELETE FROM refresh_tokens WHERE hash = ?1")?
        .execute([hash])?;
    Ok(())
}

pub fn insert_device_code(db: &Connection, d: &DeviceCodeRow) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO device_codes (hash, user_code, client_id, scopes, expires, interval, status, user_id, last_poll)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        d.hash,
        d.user_code,
        d.client_id,
        to_json(&d.scopes),
        d.expires,
        d.interval,
        d.status,
        d.user_id,
        d.last_poll
    ])?;
    Ok(())
}

fn device_code_from_row(r: &Row<'_>) -> rusqlite::Result<DeviceCodeRow> {
    let scopes: String = r.get(3)?;
    Ok(DeviceCodeRow {
        hash: r.get(0)?,
        user_code: r.get(1)?,
        client_id: r.get(2)?,
        scopes: json_list(&scopes),
        expires: r.get(4)?,
        interval: r.get(5)?,
        status: r.get(6)?,
        user_id: r.get(7)?,
        last_poll: r.get(8)?,
    })
}

const DEVICE_COLUMNS: &str =
    "hash, user_code, client_id, scopes, expires, interval, status, user_id, last_poll";

pub fn device_code_by_hash(db: &Connection, hash: &str) -> rusqlite::Result<Option<DeviceCodeRow>> {
    db.prepare_cached(&format!(
        "SELECT {DEVICE_COLUMNS} FROM device_codes WHERE hash = ?1"
    ))?
    .query_row([hash], device_code_from_row)
    .optional()
}

pub fn device_code_by_user_code(
    db: &Connection,
    user_code: &str,
) -> rusqlite::Result<Option<DeviceCodeRow>> {
    db.prepare_cached(&format!(
        "SELECT {DEVICE_COLUMNS} FROM device_codes WHERE user_code = ?1 COLLATE NOCASE"
    ))?
    .query_row([user_code], device_code_from_row)
    .optional()
}

pub fn update_device_code(
    db: &Connection,
    hash: &str,
    status: &str,
    user_id: Option<&str>,
    last_poll: Option<i64>,
) -> rusqlite::Result<()> {
    db.prepare_cached(
        "UPDATE device_codes SET status = ?2, user_id = coalesce(?3, user_id), last_poll = coalesce(?4, last_poll) WHERE hash = ?1",
    )?
    .execute(params![hash, status, user_id, last_poll])?;
    Ok(())
}

/// An authorization code waiting to be redeemed (authorization code flow with PKCE).
#[derive(Debug, Clone)]
pub struct AuthCodeRow {
    pub client_id: String,
    pub user_id: String,
    pub scopes: Vec<String>,
    pub redirect_uri: String,
    pub challenge: Option<String>,
    pub challenge_method: Option<String>,
    pub expires: i64,
    /// The authorize request's `nonce`, echoed in the id_token.
    pub nonce: Option<String>,
}

pub fn insert_auth_code(db: &Connection, hash: &str, c: &AuthCodeRow) -> rusqlite::Result<()> {
    db.prepare_cached("DELETE FROM auth_codes WHERE expires < ?1")?
        .execute([c.expires - 86_400])?;
    db.prepare_cached(
        "INSERT INTO auth_codes (hash, client_id, user_id, scopes, redirect_uri, challenge, challenge_method, expires, nonce)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        hash,
        c.client_id,
        c.user_id,
        to_json(&c.scopes),
        c.redirect_uri,
        c.challenge,
        c.challenge_method,
        c.expires,
        c.nonce
    ])?;
    Ok(())
}

/// Takes an authorization code out of the store: a code is redeemed at most once.
pub fn take_auth_code(db: &Connection, hash: &str) -> rusqlite::Result<Option<AuthCodeRow>> {
    let row = db
        .prepare_cached(
            "SELECT client_id, user_id, scopes, redirect_uri, challenge, challenge_method, expires, nonce FROM auth_codes WHERE hash = ?1",
        )?
        .query_row([hash], |r| {
            let scopes: String = r.get(2)?;
            Ok(AuthCodeRow {
                client_id: r.get(0)?,
                user_id: r.get(1)?,
                scopes: json_list(&scopes),
                redirect_uri: r.get(3)?,
                challenge: r.get(4)?,
                challenge_method: r.get(5)?,
                expires: r.get(6)?,
                nonce: r.get(7)?,
            })
        })
        .optional()?;
    db.prepare_cached("DELETE FROM auth_codes WHERE hash = ?1")?
        .execute([hash])?;
    Ok(row)
}

/// A certificate registered on an app (its public part, DER, and both thumbprints).
#[derive(Debug, Clone)]
pub struct CertificateRow {
    pub sha256: String,
    pub sha1: String,
    pub der: Vec<u8>,
}

impl CertificateRow {
    /// The public part of a PEM certificate, with its `x5t#S256` and `x5t` thumbprints.
    pub fn from_pem(pem: &[u8]) -> Result<CertificateRow, String> {
        use base64::Engine;
        use rustls_pki_types::CertificateDer;
        use rustls_pki_types::pem::PemObject;
        let der = CertificateDer::from_pem_slice(pem)
            .map_err(|_| "no -----BEGIN CERTIFICATE----- block".to_string())?;
        webpki::EndEntityCert::try_from(&der)
            .map_err(|e| format!("not a usable certificate: {e}"))?;
        let b64 = |d: ring::digest::Digest| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d.as_ref())
        };
        Ok(CertificateRow {
            sha256: b64(ring::digest::digest(&ring::digest::SHA256, der.as_ref())),
            sha1: b64(ring::digest::digest(
                &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
                der.as_ref(),
            )),
            der: der.as_ref().to_vec(),
        })
    }
}

pub fn add_certificate(
    db: &Connection,
    client_id: &str,
    c: &CertificateRow,
) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT OR REPLACE INTO app_certificates (client_id, sha256, sha1, der) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![client_id, c.sha256, c.sha1, c.der])?;
    Ok(())
}

pub fn certificates(db: &Connection, client_id: &str) -> rusqlite::Result<Vec<CertificateRow>> {
    db.prepare_cached("SELECT sha256, sha1, der FROM app_certificates WHERE client_id = ?1")?
        .query_map([client_id], |r| {
            Ok(CertificateRow {
                sha256: r.get(0)?,
                sha1: r.get(1)?,
                der: r.get(2)?,
            })
        })?
        .collect()
}

/// The user's manager (`GET /users/{id}/manager`).
pub fn manager_of(db: &Connection, user_id: &str) -> rusqlite::Result<Option<UserRow>> {
    db.prepare_cached(&format!(
        "SELECT {} FROM users m JOIN users u ON u.manager_id = m.id WHERE u.id = ?1",
        USER_COLUMNS
            .split(", ")
            .map(|c| format!("m.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?
    .query_row([user_id], user_from_row)
    .optional()
}

pub fn set_manager(db: &Connection, user_id: &str, manager_id: &str) -> rusqlite::Result<()> {
    db.prepare_cached("UPDATE users SET manager_id = ?2 WHERE id = ?1")?
        .execute([user_id, manager_id])?;
    Ok(())
}

/// Users who hold a directory role (the agents a sign-in page offers first).
pub fn users_with_roles(db: &Connection) -> rusqlite::Result<Vec<UserRow>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE roles != '[]' ORDER BY sort_key"
    ))?;
    let rows = stmt.query_map([], user_from_row)?;
    rows.collect()
}

/// Deletes every table's rows (for `care sandbox reset`), keeping the schema.
pub fn clear(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(
        "DELETE FROM methods; DELETE FROM calendar_permissions; DELETE FROM folder_permissions;
         DELETE FROM send_on_behalf; DELETE FROM signins; DELETE FROM audits;
         DELETE FROM tokens; DELETE FROM refresh_tokens; DELETE FROM device_codes; DELETE FROM auth_codes;
         DELETE FROM app_certificates; DELETE FROM apps;
         DELETE FROM users; DELETE FROM meta;",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn migration_is_idempotent_and_refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(DbLocation::File(path.clone())).unwrap());
        drop(Store::open(DbLocation::File(path.clone())).unwrap());
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version=99")
            .unwrap();
        let err = Store::open(DbLocation::File(path)).err().unwrap();
        assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }));
    }
}
