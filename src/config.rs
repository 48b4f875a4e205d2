//! Where `care` keeps its files, and the config file (`care/config.toml` in the platform config
//! directory, or `--config`/`CARE_CONFIG`).

use directories::ProjectDirs;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot find a home directory for care's files")]
    NoHome,
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid: {message}")]
    Invalid { path: String, message: String },
}

fn dirs() -> Result<ProjectDirs, ConfigError> {
    ProjectDirs::from("", "", "care").ok_or(ConfigError::NoHome)
}

/// The embedded sandbox's database: `<data dir>/care/sandbox.db`.
pub fn default_sandbox_db() -> Result<PathBuf, ConfigError> {
    Ok(dirs()?.data_dir().join("sandbox.db"))
}

fn default_config_file() -> Result<PathBuf, ConfigError> {
    Ok(dirs()?.config_dir().join("config.toml"))
}

/// The settings of the config file. Every key is optional.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Region for phone numbers given without a country code (ISO 3166, default US).
    pub region: Option<String>,
    /// Graph root of the tenant to use instead of the embedded sandbox.
    pub graph_url: Option<String>,
    pub login_url: Option<String>,
    pub tenant: Option<String>,
    pub client_id: Option<String>,
}

impl Config {
    /// Loads `path` (or the default file); a missing default file is an empty config.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, explicit) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (default_config_file()?, false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config::default());
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }

    pub fn region(&self) -> &str {
        self.region.as_deref().unwrap_or("US")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.toml");
        std::fs::write(&good, "region = \"GB\"\n").unwrap();
        assert_eq!(Config::load(Some(&good)).unwrap().region(), "GB");
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "regoin = \"GB\"\n").unwrap();
        let err = Config::load(Some(&bad)).unwrap_err().to_string();
        assert!(err.contains("regoin"), "{err}");
        assert!(Config::load(Some(&dir.path().join("missing.toml"))).is_err());
    }
}
