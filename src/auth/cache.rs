//! Saved sign-ins, one per profile. What is not secret (who, tenant, client id, where the
//! secrets are) is a small JSON file; the secrets (refresh token, app secret, access tokens)
//! go to the OS credential store (Secret Service, Keychain, Windows Credential Manager) where
//! one answers, otherwise into that same file, created 0600 in a 0700 folder. A file that
//! others can read is refused. Refreshes of one profile are serialised by a lock file, so two
//! `care` processes never spend the same refresh token.

use crate::config::TokenStore;
use crate::graph::model::Secret;
use crate::private_file::{self, PrivateFileError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error(transparent)]
    File(#[from] PrivateFileError),
    #[error("the saved sign-in {path} is damaged: {detail}")]
    Damaged { path: String, detail: String },
    #[error("the OS credential store refused: {0}")]
    Keyring(String),
    #[error("'{0}' can't be a profile name: use letters, digits, '.', '-' and '_'")]
    BadProfile(String),
}

impl CacheError {
    pub fn hint(&self) -> Option<String> {
        match self {
            CacheError::File(e) => e.fix(),
            CacheError::Damaged { .. } => Some("sign in again: care login".into()),
            CacheError::Keyring(_) => Some(
                "unlock the credential store, or keep sign-ins in a private file: care config set token-store file".into(),
            ),
            CacheError::BadProfile(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SessionKind {
    /// An agent signed in as themselves (authorization code or device code).
    Delegated,
    /// The app, with a client secret.
    AppSecret,
    /// The app, with a certificate.
    AppCertificate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeptIn {
    Keyring,
    File,
}

/// A cached access token for one resource.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessToken {
    pub token: Secret,
    /// Unix seconds.
    pub expires_at: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Secrets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
    /// By resource (`https://graph.microsoft.com`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub access: BTreeMap<String, AccessToken>,
}

impl Secrets {
    fn is_empty(&self) -> bool {
        self.refresh_token.is_none() && self.client_secret.is_none() && self.access.is_empty()
    }
}

/// One saved sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub profile: String,
    pub kind: SessionKind,
    pub tenant: String,
    pub client_id: String,
    /// The Graph root; `None` for the embedded sandbox.
    pub graph_url: Option<String>,
    pub login_url: Option<String>,
    /// The agent's UPN, or the app id.
    pub account: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub certificate: Option<PathBuf>,
    /// RFC 3339.
    pub signed_in_at: String,
    pub kept_in: KeptIn,
    #[serde(default, skip_serializing_if = "Secrets::is_empty")]
    pub secrets: Secrets,
}

/// The folder of saved sign-ins and how secrets are kept.
#[derive(Debug, Clone)]
pub struct SessionStore {
    dir: PathBuf,
    mode: TokenStore,
}

/// What `save` did with the secrets.
#[derive(Debug, Clone)]
pub struct Saved {
    pub kept_in: KeptIn,
    /// Why the OS credential store was not used, when `auto` fell back to the file.
    pub fallback: Option<String>,
}

fn check_profile(profile: &str) -> Result<(), CacheError> {
    if profile.is_empty()
        || profile.len() > 64
        || !profile
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        || profile.starts_with('.')
    {
        return Err(CacheError::BadProfile(profile.into()));
    }
    Ok(())
}

impl SessionStore {
    pub fn new(dir: PathBuf, mode: TokenStore) -> SessionStore {
        SessionStore { dir, mode }
    }

    pub fn path(&self, profile: &str) -> PathBuf {
        self.dir.join(format!("{profile}.json"))
    }

    /// A human description of where `session`'s secrets are.
    pub fn describe(&self, session: &Session) -> String {
        match session.kept_in {
            KeptIn::Keyring => format!("the OS credential store ({})", keyring::NAME),
            KeptIn::File => self.path(&session.profile).display().to_string(),
        }
    }

    fn read(&self, profile: &str) -> Result<Option<Session>, CacheError> {
        check_profile(profile)?;
        let path = self.path(profile);
        let Some(bytes) = private_file::read(&path)? else {
            return Ok(None);
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| CacheError::Damaged {
                path: path.display().to_string(),
                detail: format!("line {}", e.line()),
            })
    }

    /// The saved sign-in of `profile`, secrets included; `None` when there is none.
    pub fn load(&self, profile: &str) -> Result<Option<Session>, CacheError> {
        let Some(mut session) = self.read(profile)? else {
            return Ok(None);
        };
        if session.kept_in == KeptIn::Keyring {
            session.secrets = keyring::load(profile)?;
        }
        Ok(Some(session))
    }

    /// The saved sign-in of `profile` without its secrets (nothing asked of the credential
    /// store); `None` when there is none.
    pub fn peek(&self, profile: &str) -> Result<Option<Session>, CacheError> {
        Ok(self.read(profile)?.map(|mut s| {
            s.secrets = Secrets::default();
            s
        }))
    }

    /// Saves `session` (metadata and secrets) where the token-store setting says.
    pub fn save(&self, session: &mut Session) -> Result<Saved, CacheError> {
        check_profile(&session.profile)?;
        let mut fallback = None;
        session.kept_in = match self.mode {
            TokenStore::File => KeptIn::File,
            TokenStore::Keyring => {
                keyring::store(&session.profile, &session.secrets)?;
                KeptIn::Keyring
            }
            TokenStore::Auto => match keyring::store(&session.profile, &session.secrets) {
                Ok(()) => KeptIn::Keyring,
                Err(e) => {
                    fallback = Some(e.to_string());
                    KeptIn::File
                }
            },
        };
        self.write(session)?;
        Ok(Saved {
            kept_in: session.kept_in,
            fallback,
        })
    }

    /// Saves new tokens after a refresh, where the session's secrets already are.
    pub fn save_tokens(&self, session: &Session) -> Result<(), CacheError> {
        match session.kept_in {
            KeptIn::Keyring => keyring::store(&session.profile, &session.secrets),
            KeptIn::File => self.write(session),
        }
    }

    fn write(&self, session: &Session) -> Result<(), CacheError> {
        let mut on_disk = session.clone();
        if on_disk.kept_in == KeptIn::Keyring {
            on_disk.secrets = Secrets::default();
        }
        let bytes = serde_json::to_vec_pretty(&on_disk).map_err(|e| CacheError::Damaged {
            path: self.path(&session.profile).display().to_string(),
            detail: e.to_string(),
        })?;
        private_file::replace(&self.path(&session.profile), &bytes)?;
        Ok(())
    }

    /// Forgets `profile`'s sign-in; true when there was one.
    pub fn remove(&self, profile: &str) -> Result<bool, CacheError> {
        check_profile(profile)?;
        let path = self.path(profile);
        let existed = path.exists();
        // secrets first: a file without its secrets is harmless, the reverse is not
        if let Ok(bytes) = std::fs::read(&path)
            && serde_json::from_slice::<Session>(&bytes).is_ok_and(|s| s.kept_in == KeptIn::Keyring)
        {
            keyring::delete(profile)?;
        }
        private_file::remove(&path)?;
        let _ = private_file::remove(&self.dir.join(format!("{profile}.lock")));
        Ok(existed)
    }

    /// Every saved sign-in's metadata (no secrets are read).
    pub fn list(&self) -> Vec<Session> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return vec![];
        };
        let mut out: Vec<Session> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice::<Session>(&b).ok())
            .map(|mut s| {
                s.secrets = Secrets::default();
                s
            })
            .collect();
        out.sort_by(|a, b| a.profile.cmp(&b.profile));
        out
    }

    /// Holds `profile`'s lock until dropped: one refresh at a time across processes.
    pub fn lock(&self, profile: &str) -> Result<std::fs::File, CacheError> {
        check_profile(profile)?;
        let f = private_file::append(&self.dir.join(format!("{profile}.lock")))?;
        f.lock().map_err(|source| PrivateFileError::Write {
            path: self.dir.display().to_string(),
            source,
        })?;
        Ok(f)
    }
}

#[cfg(feature = "keyring")]
/// Runs a credential-store call on its own thread: a locked store can block forever, so a
/// call that does not answer in time counts as a refusal.
fn with_timeout<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, CacheError> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(15)) {
        Ok(r) => r.map_err(CacheError::Keyring),
        Err(_) => Err(CacheError::Keyring(
            "it did not answer within 15 seconds (is it locked?)".into(),
        )),
    }
}

/// The OS credential store, one entry per secret: `{profile}/refresh`,
/// `{profile}/client-secret`, `{profile}/access/{resource}` under the service `care`.
#[cfg(feature = "keyring")]
mod keyring {
    use super::{AccessToken, CacheError, Secrets, with_timeout};
    use crate::graph::model::Secret;

    pub const NAME: &str = if cfg!(target_os = "windows") {
        "Windows Credential Manager"
    } else if cfg!(target_os = "macos") {
        "Keychain"
    } else {
        "Secret Service"
    };
    const SERVICE: &str = "care";
    const RESOURCES: &[&str] = &[
        "https://graph.microsoft.com",
        "https://graph.microsoft.us",
        "https://dod-graph.microsoft.us",
        "https://microsoftgraph.chinacloudapi.cn",
        "https://outlook.office365.com",
        "https://outlook.office365.us",
        "https://outlook-dod.office365.us",
        "https://outlook.office365.cn",
    ];

    fn entry(name: &str) -> Result<keyring::Entry, String> {
        keyring::Entry::new(SERVICE, name).map_err(|e| e.to_string())
    }

    fn get(name: String) -> Result<Option<String>, CacheError> {
        with_timeout(move || match entry(&name)?.get_secret() {
            Ok(v) => String::from_utf8(v).map(Some).map_err(|e| e.to_string()),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        })
    }

    fn set(name: String, value: Option<String>) -> Result<(), CacheError> {
        with_timeout(move || {
            let e = entry(&name)?;
            match value {
                // bytes, not a password: Windows then allows 2,560 bytes instead of 1,280 UTF-16 units
                Some(v) => e.set_secret(v.as_bytes()).map_err(|e| e.to_string()),
                None => match e.delete_credential() {
                    Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                    Err(e) => Err(e.to_string()),
                },
            }
        })
    }

    pub fn load(profile: &str) -> Result<Secrets, CacheError> {
        let mut s = Secrets {
            refresh_token: get(format!("{profile}/refresh"))?.map(Secret::new),
            client_secret: get(format!("{profile}/client-secret"))?.map(Secret::new),
            ..Secrets::default()
        };
        for resource in RESOURCES {
            if let Some(v) = get(format!("{profile}/access/{resource}"))?
                && let Some((exp, token)) = v.split_once(' ')
                && let Ok(expires_at) = exp.parse()
            {
                s.access.insert(
                    resource.to_string(),
                    AccessToken {
                        token: Secret::new(token),
                        expires_at,
                    },
                );
            }
        }
        Ok(s)
    }

    pub fn store(profile: &str, s: &Secrets) -> Result<(), CacheError> {
        // the long-lived secrets must fit; an access token that does not (Windows limits an
        // entry to 2,560 bytes) is simply not cached and is refreshed when needed
        set(
            format!("{profile}/refresh"),
            s.refresh_token.as_ref().map(|t| t.expose().to_string()),
        )?;
        set(
            format!("{profile}/client-secret"),
            s.client_secret.as_ref().map(|t| t.expose().to_string()),
        )?;
        for resource in RESOURCES {
            let value = s
                .access
                .get(*resource)
                .map(|a| format!("{} {}", a.expires_at, a.token.expose()));
            if let Err(e) = set(format!("{profile}/access/{resource}"), value) {
                tracing::debug!(error = %e, resource, "access token not kept in the credential store");
            }
        }
        Ok(())
    }

    pub fn delete(profile: &str) -> Result<(), CacheError> {
        store(profile, &Secrets::default())
    }
}

/// Built without the `keyring` feature: the OS credential store is never used.
#[cfg(not(feature = "keyring"))]
mod keyring {
    use super::{CacheError, Secrets};

    pub const NAME: &str = "none";

    pub fn load(_: &str) -> Result<Secrets, CacheError> {
        Err(CacheError::Keyring(
            "this build of care has no credential-store support".into(),
        ))
    }
    pub fn store(_: &str, _: &Secrets) -> Result<(), CacheError> {
        load("").map(|_| ())
    }
    pub fn delete(_: &str) -> Result<(), CacheError> {
        Ok(())
    }
}

/// `<state dir>/sessions`.
pub fn default_dir(state_dir: &Path) -> PathBuf {
    state_dir.join("sessions")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(profile: &str) -> Session {
        Session {
            profile: profile.into(),
            kind: SessionKind::Delegated,
            tenant: "t".into(),
            client_id: "c".into(),
            graph_url: Some("https://graph.microsoft.com".into()),
            login_url: None,
            account: "agent@x".into(),
            display_name: None,
            certificate: None,
            signed_in_at: "2026-01-01T00:00:00Z".into(),
            kept_in: KeptIn::File,
            secrets: Secrets {
                refresh_token: Some(Secret::new("RT-CANARY")),
                ..Default::default()
            },
        }
    }

    #[test]
    fn file_store_round_trips_and_forgets() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::new(dir.path().join("sessions"), TokenStore::File);
        assert!(store.load("default").unwrap().is_none());
        let mut s = session("default");
        let saved = store.save(&mut s).unwrap();
        assert_eq!(saved.kept_in, KeptIn::File);
        let back = store.load("default").unwrap().unwrap();
        assert_eq!(back.secrets.refresh_token.unwrap().expose(), "RT-CANARY");
        assert_eq!(store.list().len(), 1);
        assert!(store.list()[0].secrets.refresh_token.is_none());
        drop(store.lock("default").unwrap());
        assert!(store.remove("default").unwrap());
        assert!(store.load("default").unwrap().is_none());
        assert!(!store.remove("default").unwrap());
        assert!(store.load("../etc").is_err());
    }
}
