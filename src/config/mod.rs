//! Where `care` keeps its files, and the config file (`care/config.toml` in the platform config
//! directory, or `--config`/`CARE_CONFIG`): settings at the top level, named profiles under
//! `[profiles.NAME]` (tenant, client id, cloud or explicit URLs), and the national clouds.
//!
//! Precedence, applied by the command line: flag > environment > the profile > the top level
//! of the file > defaults. A malformed file is reported with its line and key, never with the
//! value (it might be a secret pasted in the wrong place).

mod district;

use directories::ProjectDirs;
pub use district::{District, Origin};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
    #[error("the config file {path} is not valid: line {line}{}: {message}", key.as_ref().map(|k| format!(", key '{k}'")).unwrap_or_default())]
    Invalid {
        path: String,
        line: usize,
        key: Option<String>,
        message: String,
    },
    #[error("cannot write the config file {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    BadSetting(String),
    #[error("no profile named '{name}' in {path}")]
    NoProfile { name: String, path: String },
}

fn dirs() -> Result<ProjectDirs, ConfigError> {
    ProjectDirs::from("", "", "care").ok_or(ConfigError::NoHome)
}

/// The embedded sandbox's database: `<data dir>/care/sandbox.db`.
pub fn default_sandbox_db() -> Result<PathBuf, ConfigError> {
    Ok(dirs()?.data_dir().join("sandbox.db"))
}

/// The platform state dir (`$XDG_STATE_HOME/care` on Linux; the local data dir elsewhere):
/// sign-ins, journals, the audit log.
pub fn state_dir() -> Result<PathBuf, ConfigError> {
    let d = dirs()?;
    Ok(d.state_dir().unwrap_or(d.data_local_dir()).to_path_buf())
}

/// `--config FILE`, or the platform config dir's `care/config.toml`.
pub fn config_path(explicit: Option<&Path>) -> Result<PathBuf, ConfigError> {
    match explicit {
        Some(p) => Ok(p.to_path_buf()),
        None => Ok(dirs()?.config_dir().join("config.toml")),
    }
}

/// A national cloud: its identity platform and Graph hosts (graph-api.md §13.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Cloud {
    /// Microsoft 365 and GCC
    Global,
    /// GCC High
    Usgov,
    /// DoD
    UsgovDod,
    /// Operated by 21Vianet
    China,
}

impl Cloud {
    /// The cloud whose Graph host `graph_url` is, if it is one of theirs.
    pub fn of_graph(graph_url: &str) -> Option<Cloud> {
        let url = graph_url.trim_end_matches('/');
        [Cloud::Global, Cloud::Usgov, Cloud::UsgovDod, Cloud::China]
            .into_iter()
            .find(|c| c.graph_url().eq_ignore_ascii_case(url))
    }

    pub fn login_url(self) -> &'static str {
        match self {
            Cloud::Global => "https://login.microsoftonline.com",
            Cloud::Usgov | Cloud::UsgovDod => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }
    pub fn graph_url(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::Usgov => "https://graph.microsoft.us",
            Cloud::UsgovDod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }
    /// The Exchange Online Admin API's base URL (exchange-admin-api.md §3, DOC).
    pub fn exchange_url(self) -> &'static str {
        match self {
            Cloud::Global => "https://outlook.office365.com",
            Cloud::Usgov => "https://outlook.office365.us",
            Cloud::UsgovDod => "https://outlook-dod.office365.us",
            Cloud::China => "https://outlook.office365.cn",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::Usgov => "usgov",
            Cloud::UsgovDod => "usgov-dod",
            Cloud::China => "china",
        }
    }
}

/// Where sign-ins are kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum TokenStore {
    /// The OS credential store when one answers, else a private file
    #[default]
    Auto,
    /// Only the OS credential store
    Keyring,
    /// Only a private file (0600 in a 0700 folder)
    File,
}

/// How to reach a tenant: the keys a profile holds (also allowed at the top level).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Connection {
    pub tenant: Option<String>,
    pub client_id: Option<String>,
    pub cloud: Option<Cloud>,
    pub graph_url: Option<String>,
    pub login_url: Option<String>,
    /// The Exchange Online Admin API's base URL (default from the cloud).
    pub exchange_url: Option<String>,
    /// PEM file with the app's certificate and private key (app-only sign-in).
    pub certificate: Option<PathBuf>,
    /// Region of phone numbers given without a country code.
    pub region: Option<String>,
}

impl Connection {
    /// `self`, with the gaps filled from `lower`.
    fn over(&self, lower: &Connection) -> Connection {
        Connection {
            tenant: self.tenant.clone().or_else(|| lower.tenant.clone()),
            client_id: self.client_id.clone().or_else(|| lower.client_id.clone()),
            cloud: self.cloud.or(lower.cloud),
            graph_url: self.graph_url.clone().or_else(|| lower.graph_url.clone()),
            login_url: self.login_url.clone().or_else(|| lower.login_url.clone()),
            exchange_url: self
                .exchange_url
                .clone()
                .or_else(|| lower.exchange_url.clone()),
            certificate: self
                .certificate
                .clone()
                .or_else(|| lower.certificate.clone()),
            region: self.region.clone().or_else(|| lower.region.clone()),
        }
    }
}

/// The config file. Every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The profile used when neither `--profile` nor `CARE_PROFILE` names one.
    pub profile: Option<String>,
    /// Where sign-ins are kept.
    pub token_store: Option<TokenStore>,
    /// Rows a bulk run works on at once (default 8).
    pub bulk_concurrency: Option<usize>,
    /// The backend's write limit, `N/SECS` (default Graph's 3000/150).
    pub bulk_rate: Option<String>,
    /// Percent of the write limit a bulk run leaves to agents on calls (default 20).
    pub bulk_headroom: Option<u8>,
    /// Completing a user also searches the tenant by prefix (a short timeout; default off:
    /// recent callers only, no network on TAB).
    pub complete_from_tenant: Option<bool>,
    /// The language of what an agent reads to a caller (`en`, `es`; default `en`).
    pub caller_language: Option<String>,
    pub tenant: Option<String>,
    pub client_id: Option<String>,
    pub cloud: Option<Cloud>,
    pub graph_url: Option<String>,
    pub login_url: Option<String>,
    pub exchange_url: Option<String>,
    pub certificate: Option<PathBuf>,
    pub region: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Connection>,
    /// The district's rules for changes made on a call: after loading, the file's own
    /// tightened by the machine's district policy.
    #[serde(default)]
    pub policy: Policy,
    #[serde(skip)]
    pub path: PathBuf,
    /// The machine's district policy, when there is one.
    #[serde(skip)]
    pub district: Option<District>,
    /// Where each policy key's value came from.
    #[serde(skip)]
    pub origins: BTreeMap<&'static str, Origin>,
}

/// The Customer Care Center's main line (the district FAQ's number): it rings a call queue, so
/// it can never be anyone's MFA phone.
pub const CARE_CENTER_LINE: &str = "502-485-3552";

/// `[policy]`: what protects a live call. Every key has a district-sensible default.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Policy {
    /// A ticket reference is required for every change (default: on a real tenant, not on a
    /// sandbox).
    pub ticket_required: Option<bool>,
    /// A regular expression a ticket must match, e.g. `^INC[0-9]{7}$`.
    pub ticket_pattern: Option<String>,
    /// How long a verification (`care verify`) covers the changes that follow, in minutes
    /// (default 15).
    pub verification_window_minutes: Option<u32>,
    /// Lines that ring a call queue (a school's or department's main line): never an MFA phone.
    /// The Care Center's own number is always on the list. A list, or the path of a file of
    /// them (one a line; `#` starts a comment).
    pub shared_lines: Option<SharedLines>,
    /// A number on file (business phone or mobile) for more than this many other people is a
    /// shared line (default 5).
    pub shared_line_people: Option<u32>,
    /// Changes to how people sign in one agent may make in an hour without `--override`, on
    /// every machine (default 60: a busy desk takes a call every four minutes with up to three
    /// changes each).
    pub changes_per_hour: Option<u32>,
    /// Passes for this many different people within `burst-minutes`, by the whole desk, is a
    /// campaign's pace: the next is refused (default 12).
    pub burst_passes: Option<u32>,
    /// The same while the center is closed (`center-hours`; default 3).
    pub burst_passes_after_hours: Option<u32>,
    /// The window of the burst rule, in minutes (default 10).
    pub burst_minutes: Option<u32>,
    /// Ways in one user may get in 24 hours without `--override`: passes, QR codes and PINs,
    /// activated fobs, passkeys made at the desk, counted together (default 1).
    pub passes_per_user_per_day: Option<u32>,
    /// The countries staff sign in from (ISO 3166 codes, default US): a Conditional Access
    /// block from anywhere else is a warning on the caller card.
    pub countries: Option<Vec<String>>,
    /// Days a number must have stood unchanged before it is one to call back (default 14).
    pub callback_min_age_days: Option<u32>,
    /// The mailbox care's app sends notices from (an agent sends from their own).
    pub notify_from: Option<String>,
    /// Who may make a change past a STOP-level red flag (fraud reported, a risky account, push
    /// fatigue): `any` agent with `--override "REASON"` (default), only a `privileged`
    /// authentication administrator, or `never`.
    pub stop_override: Option<StopOverride>,
    /// When the center takes calls, e.g. `Mon-Fri 07:00-18:00` (default: not set, no check);
    /// a change outside them is a red flag.
    pub center_hours: Option<String>,
    /// The time zone of `center-hours` (an IANA name such as `America/New_York`; default this
    /// machine's).
    pub time_zone: Option<String>,
}

/// `policy.stop-override`.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum StopOverride {
    #[default]
    Any,
    Privileged,
    Never,
}

impl StopOverride {
    pub fn name(self) -> &'static str {
        match self {
            StopOverride::Any => "any",
            StopOverride::Privileged => "privileged",
            StopOverride::Never => "never",
        }
    }
}

/// `policy.center-hours`: the days and the hours the center takes calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CenterHours {
    /// Monday first.
    days: [bool; 7],
    /// Minutes after midnight.
    open: u16,
    close: u16,
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl CenterHours {
    /// `Mon-Fri 07:00-18:00`, `Mon,Wed 08:00-12:00`, `Mon-Sun 00:00-24:00`.
    pub fn parse(text: &str) -> Result<CenterHours, String> {
        let usage = "days and hours, e.g. Mon-Fri 07:00-18:00";
        let (days_text, hours_text) = text
            .trim()
            .split_once(char::is_whitespace)
            .ok_or_else(|| usage.to_string())?;
        let day = |d: &str| {
            let d = d.trim().to_ascii_lowercase();
            DAY_NAMES
                .iter()
                .position(|n| d.get(..3) == Some(*n))
                .ok_or_else(|| format!("'{d}' is not a day ({usage})"))
        };
        let mut days = [false; 7];
        for part in days_text.split(',') {
            match part.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (day(a)?, day(b)?);
                    let mut i = a;
                    loop {
                        days[i] = true;
                        if i == b {
                            break;
                        }
                        i = (i + 1) % 7;
                    }
                }
                None => days[day(part)?] = true,
            }
        }
        let minutes = |t: &str| -> Result<u16, String> {
            let (h, m) = t
                .trim()
                .split_once(':')
                .ok_or_else(|| format!("'{t}' is not a time like 07:00"))?;
            match (h.parse::<u16>(), m.parse::<u16>()) {
                (Ok(h), Ok(m)) if (h < 24 && m < 60) || (h == 24 && m == 0) => Ok(h * 60 + m),
                _ => Err(format!("'{t}' is not a time like 07:00")),
            }
        };
        let (open, close) = hours_text
            .trim()
            .split_once('-')
            .ok_or_else(|| usage.to_string())?;
        let (open, close) = (minutes(open)?, minutes(close)?);
        if open >= close {
            return Err(format!("the center opens before it closes ({usage})"));
        }
        Ok(CenterHours { days, open, close })
    }

    /// Whether the center is open at `t` (in its own time zone).
    pub fn open_at(&self, t: &jiff::ZonedDateTime) -> bool {
        let day = t.weekday().to_monday_zero_offset() as usize;
        let minute = t.hour() as u16 * 60 + t.minute() as u16;
        self.days[day] && (self.open..self.close).contains(&minute)
    }
}

impl Policy {
    /// The values a hand-edited file may get wrong (a config file's `[policy]`, the district's).
    fn check(&self) -> Result<(), ConfigError> {
        for c in self.countries.iter().flatten() {
            check_country(c)?;
        }
        if let Some(SharedLines::File(path)) = &self.shared_lines {
            SharedLines::read(path)?;
        }
        if let Some(h) = &self.center_hours {
            CenterHours::parse(h)
                .map_err(|e| ConfigError::BadSetting(format!("policy.center-hours: {e}")))?;
        }
        if let Some(z) = &self.time_zone {
            jiff::tz::TimeZone::get(z).map_err(|e| {
                ConfigError::BadSetting(format!(
                    "policy.time-zone: {e} (an IANA name such as America/New_York)"
                ))
            })?;
        }
        if let Some(p) = &self.ticket_pattern {
            regex::Regex::new(p).map_err(|e| {
                ConfigError::BadSetting(format!(
                    "policy.ticket-pattern: not a regular expression: {e}"
                ))
            })?;
        }
        Ok(())
    }

    pub fn verification_window(&self) -> u32 {
        self.verification_window_minutes.unwrap_or(15)
    }
    pub fn changes_per_hour(&self) -> u32 {
        self.changes_per_hour.unwrap_or(60)
    }
    /// How many people may get a pass within `burst-minutes` now (fewer after hours).
    pub fn burst_passes(&self, after_hours: bool) -> u32 {
        if after_hours {
            self.burst_passes_after_hours.unwrap_or(3)
        } else {
            self.burst_passes.unwrap_or(12)
        }
    }
    pub fn burst_minutes(&self) -> u32 {
        self.burst_minutes.unwrap_or(10).max(1)
    }
    pub fn passes_per_user_per_day(&self) -> u32 {
        self.passes_per_user_per_day.unwrap_or(1)
    }
    pub fn stop_override(&self) -> StopOverride {
        self.stop_override.unwrap_or_default()
    }
    /// The center's hours (checked when the config was loaded).
    pub fn center_hours(&self) -> Option<CenterHours> {
        CenterHours::parse(self.center_hours.as_deref()?).ok()
    }
    /// Now, in the center's time zone.
    pub fn center_now(&self) -> jiff::ZonedDateTime {
        let tz = self
            .time_zone
            .as_deref()
            .and_then(|z| jiff::tz::TimeZone::get(z).ok())
            .unwrap_or_else(jiff::tz::TimeZone::system);
        jiff::Timestamp::now().to_zoned_datetime(tz)
    }
    /// Whether the center is closed now (never, when its hours are not set).
    pub fn after_hours(&self) -> Option<String> {
        let hours = self.center_hours()?;
        let now = self.center_now();
        (!hours.open_at(&now)).then(|| {
            format!(
                "outside the center's hours ({}; it is {} {})",
                self.center_hours.as_deref().unwrap_or_default(),
                now.strftime("%a %H:%M"),
                now.time_zone().iana_name().unwrap_or("local time")
            )
        })
    }
    pub fn callback_min_age_days(&self) -> u32 {
        self.callback_min_age_days.unwrap_or(14)
    }
    /// The countries staff sign in from, upper case.
    pub fn countries(&self) -> Vec<String> {
        match &self.countries {
            Some(c) if !c.is_empty() => c.iter().map(|c| c.trim().to_ascii_uppercase()).collect(),
            _ => vec!["US".into()],
        }
    }
    /// The shared lines, the Care Center's first (a file that can't be read was refused when
    /// the config was loaded).
    pub fn shared_lines(&self) -> Vec<String> {
        let mut lines = vec![CARE_CENTER_LINE.to_string()];
        match &self.shared_lines {
            Some(SharedLines::List(l)) => lines.extend(l.iter().cloned()),
            Some(SharedLines::File(path)) => {
                lines.extend(SharedLines::read(path).unwrap_or_default())
            }
            None => {}
        }
        lines
    }
    pub fn shared_line_people(&self) -> u32 {
        self.shared_line_people.unwrap_or(5)
    }
}

/// `policy.shared-lines`: the numbers, or a file of them.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum SharedLines {
    List(Vec<String>),
    File(PathBuf),
}

impl SharedLines {
    /// The numbers of a file: one a line, blank lines and `#` comments skipped.
    pub fn read(path: &Path) -> Result<Vec<String>, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::BadSetting(format!(
                "policy.shared-lines: cannot read {}: {e}",
                path.display()
            ))
        })?;
        Ok(text
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect())
    }
}

/// The keys of the top level and of a profile, for messages and `config set`.
pub const TOP_KEYS: &[&str] = &[
    "profile",
    "token-store",
    "bulk-concurrency",
    "bulk-rate",
    "bulk-headroom",
    "complete-from-tenant",
    "caller-language",
];
pub const POLICY_KEYS: &[&str] = &[
    "ticket-required",
    "ticket-pattern",
    "verification-window-minutes",
    "shared-lines",
    "shared-line-people",
    "countries",
    "changes-per-hour",
    "burst-passes",
    "burst-passes-after-hours",
    "burst-minutes",
    "passes-per-user-per-day",
    "callback-min-age-days",
    "notify-from",
    "stop-override",
    "center-hours",
    "time-zone",
];
pub const CONNECTION_KEYS: &[&str] = &[
    "tenant",
    "client-id",
    "cloud",
    "graph-url",
    "login-url",
    "exchange-url",
    "certificate",
    "region",
];

/// Key names that say "secret": never accepted in the file.
fn looks_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["secret", "token", "password", "passcode", "key"]
        .iter()
        .any(|w| k.contains(w))
        && k != "token-store"
}

impl Config {
    /// Loads `path` (or the default file; a missing default file is an empty config), its
    /// policy tightened by the machine's district policy.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let explicit = path.is_some();
        let path = config_path(path)?;
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let config: Config =
                    toml::from_str(&text).map_err(|e| invalid(&path, &text, &e))?;
                config.check().map_err(|e| {
                    ConfigError::BadSetting(format!(
                        "the config file {} is not valid: {e}",
                        path.display()
                    ))
                })?;
                config
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Config::default(),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        config.path = path;
        config.district = district::load()?;
        (config.policy, config.origins) =
            district::tighten(config.district.as_ref().map(|d| &d.policy), &config.policy);
        Ok(config)
    }

    /// Each policy key: the value in force and where it came from (for `config show`).
    /// `embedded`: the embedded sandbox, where a ticket is optional by default.
    pub fn policy_settings(&self, embedded: bool) -> Vec<(&'static str, String, String)> {
        let p = &self.policy;
        let values: [(&'static str, String, &str); 16] = [
            (
                "policy.ticket-required",
                p.ticket_required.unwrap_or(!embedded).to_string(),
                "on a real tenant (a sandbox is known by its answers)",
            ),
            (
                "policy.ticket-pattern",
                p.ticket_pattern.clone().unwrap_or_default(),
                "",
            ),
            (
                "policy.verification-window-minutes",
                p.verification_window().to_string(),
                "",
            ),
            ("policy.shared-lines", p.shared_lines().join(", "), ""),
            (
                "policy.shared-line-people",
                p.shared_line_people().to_string(),
                "",
            ),
            ("policy.countries", p.countries().join(", "), ""),
            (
                "policy.changes-per-hour",
                p.changes_per_hour().to_string(),
                "",
            ),
            ("policy.burst-passes", p.burst_passes(false).to_string(), ""),
            (
                "policy.burst-passes-after-hours",
                p.burst_passes(true).to_string(),
                "",
            ),
            ("policy.burst-minutes", p.burst_minutes().to_string(), ""),
            (
                "policy.passes-per-user-per-day",
                p.passes_per_user_per_day().to_string(),
                "",
            ),
            (
                "policy.callback-min-age-days",
                p.callback_min_age_days().to_string(),
                "",
            ),
            (
                "policy.notify-from",
                p.notify_from.clone().unwrap_or_default(),
                "an agent's own mailbox",
            ),
            (
                "policy.stop-override",
                p.stop_override().name().to_string(),
                "",
            ),
            (
                "policy.center-hours",
                p.center_hours.clone().unwrap_or_default(),
                "not checked",
            ),
            (
                "policy.time-zone",
                p.center_now()
                    .time_zone()
                    .iana_name()
                    .unwrap_or("this machine's")
                    .to_string(),
                "",
            ),
        ];
        let district = self
            .district
            .as_ref()
            .map(|d| d.path.display().to_string())
            .unwrap_or_default();
        values
            .into_iter()
            .map(|(key, value, default)| {
                let short = key.trim_start_matches("policy.");
                let from = match self.origins.get(short).unwrap_or(&Origin::Default) {
                    Origin::Default if default.is_empty() => "default".to_string(),
                    Origin::Default => format!("default: {default}"),
                    Origin::ConfigFile => match &p.shared_lines {
                        Some(SharedLines::File(f)) if short == "shared-lines" => {
                            format!("config file ({})", f.display())
                        }
                        _ => "config file".into(),
                    },
                    Origin::District { ignored: false } => {
                        format!("district policy {district} (locked)")
                    }
                    Origin::District { ignored: true } => format!(
                        "district policy {district} (locked; the config file's looser value is ignored)"
                    ),
                    Origin::Tighter => {
                        format!("config file (tighter than the district policy {district})")
                    }
                    Origin::Both => format!("district policy {district} and the config file"),
                };
                (key, value, from)
            })
            .collect()
    }

    /// The values a hand-edited file may get wrong, checked as `config set` checks them: a bad
    /// value is an error when the file is read, not when a change finally uses it.
    fn check(&self) -> Result<(), ConfigError> {
        let connection = |prefix: &str, c: &Connection| -> Result<(), ConfigError> {
            for (key, value) in [
                ("tenant", &c.tenant),
                ("client-id", &c.client_id),
                ("graph-url", &c.graph_url),
                ("login-url", &c.login_url),
                ("exchange-url", &c.exchange_url),
                ("region", &c.region),
            ] {
                if let Some(v) = value {
                    check_value(key, v)
                        .map_err(|e| ConfigError::BadSetting(format!("{prefix}{e}")))?;
                }
            }
            Ok(())
        };
        connection("", &self.top())?;
        for (name, p) in &self.profiles {
            connection(&format!("profiles.{name}."), p)?;
        }
        if let Some(r) = &self.bulk_rate {
            check_value("bulk-rate", r)?;
        }
        if let Some(n) = self.bulk_concurrency {
            check_value("bulk-concurrency", &n.to_string())?;
        }
        if let Some(n) = self.bulk_headroom {
            check_value("bulk-headroom", &n.to_string())?;
        }
        if let Some(l) = &self.caller_language {
            check_value("caller-language", l)?;
        }
        self.policy.check()
    }

    /// The top-level connection keys (the implicit default profile).
    fn top(&self) -> Connection {
        Connection {
            tenant: self.tenant.clone(),
            client_id: self.client_id.clone(),
            cloud: self.cloud,
            graph_url: self.graph_url.clone(),
            login_url: self.login_url.clone(),
            exchange_url: self.exchange_url.clone(),
            certificate: self.certificate.clone(),
            region: self.region.clone(),
        }
    }

    /// The name of the active profile: `requested` (flag or environment), else the file's
    /// `profile`, else `default`.
    pub fn profile_name(&self, requested: Option<&str>) -> String {
        requested
            .or(self.profile.as_deref())
            .unwrap_or("default")
            .to_string()
    }

    /// The settings of profile `name` over the top level. A profile that was asked for by
    /// name must exist (except `default`, which is the top level itself).
    pub fn connection(&self, name: &str) -> Result<Connection, ConfigError> {
        match self.profiles.get(name) {
            Some(p) => Ok(p.over(&self.top())),
            None if name == "default" => Ok(self.top()),
            None => Err(ConfigError::NoProfile {
                name: name.into(),
                path: self.path.display().to_string(),
            }),
        }
    }

    pub fn token_store(&self) -> TokenStore {
        self.token_store.unwrap_or_default()
    }
}

/// A toml error, reported by line and key and scrubbed of anything that quotes a value.
fn invalid(path: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
    let start = e.span().map(|s| s.start).unwrap_or(0).min(text.len());
    let line = text[..start].matches('\n').count() + 1;
    let line_text = text.lines().nth(line - 1).unwrap_or_default();
    let key = line_text
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .filter(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        });
    let mut message = scrub(e.message(), key.as_deref());
    if let Some(k) = &key
        && looks_secret(k)
    {
        message = "secrets never go in the config file; give a client secret through CARE_CLIENT_SECRET or `care login --app --client-secret-stdin`".into();
    }
    ConfigError::Invalid {
        path: path.display().to_string(),
        line,
        key,
        message,
    }
}

/// Drops every `quoted` fragment of a parser message except key names, so a value (perhaps
/// a secret pasted on the wrong line) is never echoed.
fn scrub(message: &str, key: Option<&str>) -> String {
    let mut out = String::new();
    let mut rest = message.lines().next().unwrap_or_default();
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        let inner = &rest[open + 1..open + 1 + len];
        let is_key = Some(inner) == key
            || TOP_KEYS.contains(&inner)
            || CONNECTION_KEYS.contains(&inner)
            || inner == "profiles"
            || [
                "global",
                "usgov",
                "usgov-dod",
                "china",
                "auto",
                "keyring",
                "file",
            ]
            .contains(&inner);
        out.push_str(rest[..open].trim_end_matches(' '));
        if is_key {
            out.push_str(" `");
            out.push_str(inner);
            out.push('`');
        }
        rest = &rest[open + 2 + len..];
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// `config set`/`unset`: checks a key and value, then edits the file in place (comments and
/// order kept).
pub fn set(
    path: &Path,
    profile: Option<&str>,
    key: &str,
    value: Option<&str>,
) -> Result<(), ConfigError> {
    if let Some(k) = key.strip_prefix("policy.") {
        return set_policy(path, k, value);
    }
    let (profile, key) = match key
        .strip_prefix("profiles.")
        .and_then(|r| r.split_once('.'))
    {
        Some((p, k)) => (Some(p), k),
        None => (profile, key),
    };
    if looks_secret(key) {
        return Err(ConfigError::BadSetting(format!(
            "'{key}' looks like a secret, and secrets never go in the config file; use CARE_CLIENT_SECRET or `care login --app --client-secret-stdin`"
        )));
    }
    let top_only = TOP_KEYS.contains(&key);
    if !top_only && !CONNECTION_KEYS.contains(&key) {
        return Err(ConfigError::BadSetting(format!(
            "unknown key '{key}'; known keys: {}, and policy.KEY ({})",
            TOP_KEYS
                .iter()
                .chain(CONNECTION_KEYS)
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
            POLICY_KEYS.join(", ")
        )));
    }
    if top_only && profile.is_some() {
        return Err(ConfigError::BadSetting(format!(
            "'{key}' is a top-level setting, not one of a profile"
        )));
    }
    if let Some(v) = value {
        check_value(key, v)?;
    }
    let mut doc = editable(path)?;
    let table = match profile {
        None => doc.as_table_mut(),
        Some(p) => {
            let profiles = doc
                .entry("profiles")
                .or_insert_with(|| {
                    let mut t = toml_edit::Table::new();
                    t.set_implicit(true);
                    toml_edit::Item::Table(t)
                })
                .as_table_mut()
                .ok_or_else(|| ConfigError::BadSetting("'profiles' is not a table".into()))?;
            profiles
                .entry(p)
                .or_insert_with(toml_edit::table)
                .as_table_mut()
                .ok_or_else(|| ConfigError::BadSetting(format!("'profiles.{p}' is not a table")))?
        }
    };
    match value {
        // numbers stay numbers in the file
        Some(v) if matches!(key, "bulk-concurrency" | "bulk-headroom") => {
            table.insert(key, toml_edit::value(v.parse::<i64>().unwrap_or_default()));
        }
        Some(v) if key == "complete-from-tenant" => {
            table.insert(key, toml_edit::value(v == "true"));
        }
        Some(v) => {
            table.insert(key, toml_edit::value(v));
        }
        None => {
            table.remove(key);
        }
    }
    save(path, &doc)
}

/// Reads the file for an edit (it must be valid first).
fn editable(path: &Path) -> Result<toml_edit::DocumentMut, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.display().to_string(),
                source,
            });
        }
    };
    toml::from_str::<Config>(&text).map_err(|e| invalid(path, &text, &e))?;
    text.parse().map_err(|_| {
        ConfigError::BadSetting(format!(
            "cannot edit {}: it is not valid TOML",
            path.display()
        ))
    })
}

/// Writes an edited file, checking it first.
fn save(path: &Path, doc: &toml_edit::DocumentMut) -> Result<(), ConfigError> {
    let new = doc.to_string();
    toml::from_str::<Config>(&new).map_err(|e| invalid(path, &new, &e))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| ConfigError::Write {
            path: dir.display().to_string(),
            source,
        })?;
    }
    std::fs::write(path, new).map_err(|source| ConfigError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// A country as sign-in logs name it: two letters (ISO 3166).
fn check_country(c: &str) -> Result<(), ConfigError> {
    let c = c.trim();
    if c.len() == 2 && c.chars().all(|x| x.is_ascii_alphabetic()) {
        Ok(())
    } else {
        Err(ConfigError::BadSetting(format!(
            "policy.countries: '{c}' is not a two-letter country code (e.g. US)"
        )))
    }
}

/// `policy.KEY`: booleans, numbers and the comma-separated `shared-lines` keep their types.
fn set_policy(path: &Path, key: &str, value: Option<&str>) -> Result<(), ConfigError> {
    if !POLICY_KEYS.contains(&key) {
        return Err(ConfigError::BadSetting(format!(
            "unknown policy key '{key}'; known keys: {}",
            POLICY_KEYS.join(", ")
        )));
    }
    let bad = |why: String| ConfigError::BadSetting(format!("policy.{key}: {why}"));
    let item = match value {
        None => None,
        Some(v) => Some(match key {
            "ticket-required" => {
                toml_edit::value(v.parse::<bool>().map_err(|_| bad("true or false".into()))?)
            }
            "ticket-pattern" => {
                regex::Regex::new(v).map_err(|e| bad(format!("not a regular expression: {e}")))?;
                toml_edit::value(v)
            }
            "notify-from" => {
                crate::graph::encode::UserRef::parse(v)
                    .ok()
                    .filter(|_| v.contains('@'))
                    .ok_or_else(|| {
                        bad("a mailbox's address, e.g. carecenter@district.example".into())
                    })?;
                toml_edit::value(v)
            }
            "stop-override" => {
                if !["any", "privileged", "never"].contains(&v) {
                    return Err(bad("any, privileged or never".into()));
                }
                toml_edit::value(v)
            }
            "center-hours" => {
                CenterHours::parse(v).map_err(bad)?;
                toml_edit::value(v)
            }
            "time-zone" => {
                jiff::tz::TimeZone::get(v).map_err(|e| bad(e.to_string()))?;
                toml_edit::value(v)
            }
            "countries" if v.trim().is_empty() => {
                return Err(bad(
                    "give at least one country (e.g. US), or unset the key".into()
                ));
            }
            // a file of the district's main lines
            "shared-lines" if Path::new(v).is_file() => toml_edit::value(
                std::path::absolute(v)
                    .map_err(|e| bad(e.to_string()))?
                    .display()
                    .to_string(),
            ),
            "shared-lines" | "countries" => {
                let mut a = toml_edit::Array::new();
                for n in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    if key == "countries" {
                        check_country(n)?;
                    }
                    a.push(n);
                }
                toml_edit::value(a)
            }
            _ => toml_edit::value(i64::from(
                v.parse::<u32>().map_err(|_| bad("a whole number".into()))?,
            )),
        }),
    };
    let mut doc = editable(path)?;
    let table = doc
        .entry("policy")
        .or_insert_with(toml_edit::table)
        .as_table_mut()
        .ok_or_else(|| ConfigError::BadSetting("'policy' is not a table".into()))?;
    match item {
        Some(i) => {
            table.insert(key, i);
        }
        None => {
            table.remove(key);
        }
    }
    // a value the district's policy would set aside is refused now, not ignored later
    if let Some(district) = district::load()? {
        let edited: Config = toml::from_str(&doc.to_string()).unwrap_or_default();
        let (_, origins) = district::tighten(Some(&district.policy), &edited.policy);
        if origins.get(key) == Some(&Origin::District { ignored: true }) {
            let (_, locked) = Config {
                policy: district.policy.clone(),
                ..Config::default()
            }
            .policy_settings(false)
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .find(|(k, _)| k.strip_prefix("policy.") == Some(key))
            .unwrap_or_default();
            return Err(ConfigError::BadSetting(format!(
                "policy.{key} is locked by the district policy {} at {locked}: a value of your own may only be tighter",
                district.path.display()
            )));
        }
    }
    save(path, &doc)
}

fn check_value(key: &str, value: &str) -> Result<(), ConfigError> {
    let why: Option<String> = match key {
        "graph-url" | "login-url" | "exchange-url" => {
            crate::net::Root::parse(value).err().map(|e| e.to_string())
        }
        "cloud" => <Cloud as clap::ValueEnum>::from_str(value, false)
            .err()
            .map(|_| "one of global, usgov, usgov-dod, china".into()),
        "token-store" => <TokenStore as clap::ValueEnum>::from_str(value, false)
            .err()
            .map(|_| "one of auto, keyring, file".into()),
        "bulk-concurrency" if !value.parse::<usize>().is_ok_and(|n| (1..=64).contains(&n)) => {
            Some("a number of rows from 1 to 64".into())
        }
        "bulk-rate" => value.parse::<crate::graph::model::Rate>().err(),
        "bulk-headroom" if !value.parse::<u8>().is_ok_and(|n| n <= 90) => {
            Some("a percentage from 0 to 90".into())
        }
        "complete-from-tenant" if !matches!(value, "true" | "false") => {
            Some("true or false".into())
        }
        // the codes of ops::caller::Language (config is below ops: it can't ask it)
        "caller-language"
            if !["en", "es"].contains(&value.trim().to_ascii_lowercase().as_str()) =>
        {
            Some("a language the caller texts are written in: en (English) or es (Spanish)".into())
        }
        "region" if value.len() != 2 || !value.chars().all(|c| c.is_ascii_alphabetic()) => {
            Some("a two-letter ISO 3166 code such as US or GB".into())
        }
        "tenant" | "client-id" | "profile"
            if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Some("an id or a domain, without spaces".into())
        }
        _ => None,
    };
    match why {
        Some(why) => Err(ConfigError::BadSetting(format!("{key}: {why}"))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cloud_of_a_graph_host() {
        assert_eq!(
            Cloud::of_graph("https://graph.microsoft.us/"),
            Some(Cloud::Usgov)
        );
        assert_eq!(
            Cloud::of_graph("https://dod-graph.microsoft.us"),
            Some(Cloud::UsgovDod)
        );
        assert_eq!(
            Cloud::of_graph("https://graph.microsoft.com"),
            Some(Cloud::Global)
        );
        assert_eq!(Cloud::of_graph("http://127.0.0.1:8787"), None);
    }

    #[test]
    fn loads_profiles_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.toml");
        std::fs::write(
            &good,
            "region = \"GB\"\ntenant = \"top\"\nprofile = \"gov\"\n[profiles.gov]\ncloud = \"usgov\"\nclient-id = \"abc\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&good)).unwrap();
        assert_eq!(c.profile_name(None), "gov");
        assert_eq!(c.profile_name(Some("x")), "x");
        let gov = c.connection("gov").unwrap();
        assert_eq!(gov.cloud, Some(Cloud::Usgov));
        assert_eq!(
            gov.tenant.as_deref(),
            Some("top"),
            "filled from the top level"
        );
        assert_eq!(gov.region.as_deref(), Some("GB"));
        assert!(c.connection("missing").is_err());
        assert_eq!(
            c.connection("default").unwrap().tenant.as_deref(),
            Some("top")
        );

        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "\nregoin = \"GB\"\n").unwrap();
        let err = Config::load(Some(&bad)).unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("regoin"), "{err}");
        assert!(Config::load(Some(&dir.path().join("missing.toml"))).is_err());
    }

    #[test]
    fn every_cloud_has_its_exchange_admin_api() {
        assert_eq!(
            Cloud::Global.exchange_url(),
            "https://outlook.office365.com"
        );
        assert_eq!(Cloud::Usgov.exchange_url(), "https://outlook.office365.us");
        assert_eq!(
            Cloud::UsgovDod.exchange_url(),
            "https://outlook-dod.office365.us"
        );
        assert_eq!(Cloud::China.exchange_url(), "https://outlook.office365.cn");
        for cloud in [Cloud::Global, Cloud::Usgov, Cloud::UsgovDod, Cloud::China] {
            let resource = crate::auth::Resource::exchange(cloud.exchange_url());
            assert_eq!(resource.id, cloud.exchange_url());
            assert_eq!(
                resource.delegated_scope,
                format!("{}/.default offline_access", cloud.exchange_url())
            );
            assert!(resource.secondary);
        }
        assert!(!crate::auth::Resource::graph(Cloud::Global.graph_url()).secondary);
    }

    #[test]
    fn errors_never_echo_a_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        for text in [
            "tenant = 5\n",
            "client-secret = \"CANARY-s3cr3t\"\n",
            "tenant = \"CANARY-s3cr3t\n",
            "[profiles.x]\ncloud = \"CANARY-s3cr3t\"\n",
            "token-store = \"CANARY-s3cr3t\"\n",
        ] {
            std::fs::write(&path, text).unwrap();
            let err = Config::load(Some(&path)).unwrap_err().to_string();
            assert!(!err.contains("CANARY"), "{text}: {err}");
            assert!(err.contains("line "), "{err}");
        }
        std::fs::write(&path, "client-secret = \"CANARY\"\n").unwrap();
        let err = Config::load(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("CARE_CLIENT_SECRET"), "{err}");
    }

    #[test]
    fn set_edits_in_place_and_checks_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("care/config.toml");
        set(&path, None, "region", Some("GB")).unwrap();
        set(
            &path,
            Some("district"),
            "tenant",
            Some("contoso.onmicrosoft.com"),
        )
        .unwrap();
        set(&path, None, "profiles.district.cloud", Some("usgov")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("# kept\n{text}")).unwrap();
        set(&path, None, "profile", Some("district")).unwrap();
        let c = Config::load(Some(&path)).unwrap();
        assert_eq!(c.profile_name(None), "district");
        assert_eq!(c.connection("district").unwrap().cloud, Some(Cloud::Usgov));
        assert!(std::fs::read_to_string(&path).unwrap().contains("# kept"));
        set(&path, None, "region", None).unwrap();
        assert_eq!(Config::load(Some(&path)).unwrap().region, None);
        set(
            &path,
            Some("district"),
            "exchange-url",
            Some("https://outlook.office365.us/"),
        )
        .unwrap();
        assert_eq!(
            Config::load(Some(&path))
                .unwrap()
                .connection("district")
                .unwrap()
                .exchange_url
                .as_deref(),
            Some("https://outlook.office365.us/")
        );
        for (k, v) in [
            ("graph-url", "http://graph.example"),
            ("exchange-url", "http://outlook.example"),
            ("cloud", "mars"),
            ("client-secret", "x"),
            ("colour", "red"),
            ("region", "USA"),
        ] {
            assert!(set(&path, None, k, Some(v)).is_err(), "{k}={v}");
        }
        assert!(set(&path, Some("p"), "token-store", Some("file")).is_err());
        set(
            &path,
            None,
            "policy.shared-lines",
            Some("502-485-1000, 502-485-2000"),
        )
        .unwrap();
        set(&path, None, "policy.ticket-required", Some("true")).unwrap();
        let c = Config::load(Some(&path)).unwrap();
        assert_eq!(c.policy.shared_lines().len(), 3);
        assert_eq!(c.policy.ticket_required, Some(true));
        assert!(set(&path, None, "policy.ticket-pattern", Some("(")).is_err());
        assert!(set(&path, None, "policy.changes-per-hour", Some("-1")).is_err());
        assert!(set(&path, None, "policy.colour", Some("1")).is_err());
    }
}
