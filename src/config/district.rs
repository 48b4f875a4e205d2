//! The district's policy: a machine-wide file that only an administrator can write
//! (`/etc/care/policy.toml`, `/Library/Application Support/care/policy.toml` on macOS,
//! `%ProgramData%\care\policy.toml` on Windows), holding the same keys as a config file's
//! `[policy]`. The agent's own config file, `--config` and `CARE_CONFIG` may only tighten what it
//! sets: a looser value of theirs is ignored (and `config set` refuses it), and `config show`
//! says where each value came from and that the district's is locked.

use super::{ConfigError, Policy, SharedLines, StopOverride};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The district's file, read and trusted.
#[derive(Debug, Clone)]
pub struct District {
    pub path: PathBuf,
    pub policy: Policy,
}

/// Where a policy value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    ConfigFile,
    /// Set by the district (locked); `ignored`: the config file's looser value was set aside.
    District {
        ignored: bool,
    },
    /// The config file's, tighter than the district's.
    Tighter,
    /// The district's and the config file's together (shared lines).
    Both,
}

/// Windows's ProgramData folder, asked of the shell (never of the environment, which the agent
/// sets).
#[cfg(windows)]
fn program_data() -> PathBuf {
    use windows_sys::Win32::System::Com::CoTaskMemFree;
    use windows_sys::Win32::UI::Shell::{
        FOLDERID_ProgramData, KF_FLAG_DEFAULT, SHGetKnownFolderPath,
    };
    let mut path: windows_sys::core::PWSTR = std::ptr::null_mut();
    // SAFETY: the GUID is a static; `path` receives a buffer the call allocates, read up to its
    // NUL and freed with CoTaskMemFree as the documentation says
    let status = unsafe {
        SHGetKnownFolderPath(
            &FOLDERID_ProgramData,
            KF_FLAG_DEFAULT as _,
            std::ptr::null_mut(),
            &mut path,
        )
    };
    if status != 0 || path.is_null() {
        return PathBuf::from(r"C:\ProgramData");
    }
    // SAFETY: `path` is a NUL-terminated UTF-16 string from the shell
    let text = unsafe {
        let len = (0..).take_while(|&i| *path.add(i) != 0).count();
        String::from_utf16_lossy(std::slice::from_raw_parts(path, len))
    };
    // SAFETY: allocated by SHGetKnownFolderPath, freed once
    unsafe { CoTaskMemFree(path as _) };
    PathBuf::from(text)
}

/// The platform's place for the district's file.
fn machine_path() -> PathBuf {
    #[cfg(windows)]
    {
        program_data().join("care").join("policy.toml")
    }
    #[cfg(not(windows))]
    if cfg!(target_os = "macos") {
        PathBuf::from("/Library/Application Support/care/policy.toml")
    } else {
        PathBuf::from("/etc/care/policy.toml")
    }
}

/// Where a test puts the district's file (`CARE_DISTRICT_POLICY`): read only by a debug build,
/// the one `cargo test` runs. A release binary reads the machine's file, nothing else.
#[cfg(debug_assertions)]
fn test_path() -> Option<PathBuf> {
    std::env::var_os("CARE_DISTRICT_POLICY").map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
fn test_path() -> Option<PathBuf> {
    None
}

/// Why a file (or its folder) with this owner and mode can't be the district's: someone other
/// than an administrator could have written it. `owner_checked`: the owner must be root (a
/// test's own file is not).
#[cfg(any(unix, test))]
pub fn untrusted_unix(uid: u32, mode: u32, owner_checked: bool) -> Option<String> {
    if owner_checked && uid != 0 {
        return Some(format!("it belongs to user id {uid}, not to root"));
    }
    if mode & 0o022 != 0 {
        return Some(format!(
            "users other than its owner can change it (mode {:o})",
            mode & 0o777
        ));
    }
    None
}

#[cfg(unix)]
fn untrusted(path: &Path, owner_checked: bool) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Some(format!("it cannot be read: {e}")),
    };
    untrusted_unix(meta.uid(), meta.mode(), owner_checked)
}

/// Whether `path` belongs to the Administrators group or to SYSTEM (anyone may create a file
/// in a new folder under ProgramData; only an administrator's is the district's).
#[cfg(windows)]
fn untrusted(path: &Path, owner_checked: bool) -> Option<String> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Foundation::{ERROR_SUCCESS, LocalFree};
    use windows_sys::Win32::Security::Authorization::{GetNamedSecurityInfoW, SE_FILE_OBJECT};
    use windows_sys::Win32::Security::{
        IsWellKnownSid, OWNER_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, PSID,
        WinBuiltinAdministratorsSid, WinLocalSystemSid,
    };
    if !owner_checked {
        return None;
    }
    let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
    let mut owner: PSID = std::ptr::null_mut();
    let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
    // SAFETY: `wide` is a NUL-terminated path; `owner` points into `descriptor`, which the call
    // allocates and which is freed below, after `owner` was last read.
    let status = unsafe {
        GetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            OWNER_SECURITY_INFORMATION,
            &mut owner,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut descriptor,
        )
    };
    if status != ERROR_SUCCESS {
        return Some(format!("its owner cannot be read (Windows error {status})"));
    }
    // SAFETY: `owner` is a valid SID inside `descriptor`.
    let admin = unsafe {
        IsWellKnownSid(owner, WinBuiltinAdministratorsSid) != 0
            || IsWellKnownSid(owner, WinLocalSystemSid) != 0
    };
    // SAFETY: `descriptor` was allocated by GetNamedSecurityInfoW (LocalAlloc).
    unsafe { LocalFree(descriptor as _) };
    (!admin).then(|| "it does not belong to the Administrators group or SYSTEM".to_string())
}

#[cfg(not(any(unix, windows)))]
fn untrusted(_path: &Path, _owner_checked: bool) -> Option<String> {
    Some("this platform can't tell who owns a file".into())
}

/// The district's policy, when the machine has one. A file that someone other than an
/// administrator could have written, or that is not valid, stops care (it never falls back to
/// the agent's own rules).
pub fn load() -> Result<Option<District>, ConfigError> {
    let (path, owner_checked) = match test_path() {
        Some(p) => (p, false),
        None => (machine_path(), true),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.display().to_string(),
                source,
            });
        }
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    for (what, p) in [
        ("the district policy", path.as_path()),
        ("its folder", folder),
    ] {
        if let Some(why) = untrusted(p, owner_checked) {
            return Err(ConfigError::BadSetting(format!(
                "{what} {} can't be trusted: {why}; ask IT to make it an administrator's file that only they can change (e.g. `sudo chown root: {0} && sudo chmod 644 {0}`)",
                p.display()
            )));
        }
    }
    let policy: Policy = toml::from_str(&text).map_err(|e| super::invalid(&path, &text, &e))?;
    policy.check().map_err(|e| {
        ConfigError::BadSetting(format!(
            "the district policy {} is not valid: {e}",
            path.display()
        ))
    })?;
    Ok(Some(District { path, policy }))
}

/// One key: the district's value unless the config file's is at least as tight.
fn pick<T: Clone>(
    key: &'static str,
    district: &Option<T>,
    own: &Option<T>,
    as_tight: impl Fn(&T, &T) -> bool,
    origins: &mut BTreeMap<&'static str, Origin>,
) -> Option<T> {
    let (value, origin) = match (district, own) {
        (None, None) => (None, Origin::Default),
        (None, Some(o)) => (Some(o.clone()), Origin::ConfigFile),
        (Some(d), None) => (Some(d.clone()), Origin::District { ignored: false }),
        (Some(d), Some(o)) if as_tight(o, d) => (Some(o.clone()), Origin::Tighter),
        (Some(d), Some(_)) => (Some(d.clone()), Origin::District { ignored: true }),
    };
    origins.insert(key, origin);
    value
}

fn stop_rank(s: &StopOverride) -> u8 {
    match s {
        StopOverride::Any => 0,
        StopOverride::Privileged => 1,
        StopOverride::Never => 2,
    }
}

fn lines_of(s: &SharedLines) -> Vec<String> {
    match s {
        SharedLines::List(l) => l.clone(),
        SharedLines::File(p) => SharedLines::read(p).unwrap_or_default(),
    }
}

/// The policy in force: the agent's own, tightened by the district's, and where each key came
/// from. Fewer changes, passes and people, a longer window of time, a stricter override rule,
/// a ticket required, fewer countries, more shared lines are tighter; a pattern, a mailbox,
/// hours and a time zone the district sets are its own.
pub fn tighten(
    district: Option<&Policy>,
    own: &Policy,
) -> (Policy, BTreeMap<&'static str, Origin>) {
    let none = Policy::default();
    let d = district.unwrap_or(&none);
    let mut o = BTreeMap::new();
    let lower = |a: &u32, b: &u32| a <= b;
    let higher = |a: &u32, b: &u32| a >= b;
    let same = |a: &String, b: &String| a == b;
    let shared_lines = match (&d.shared_lines, &own.shared_lines) {
        (Some(a), Some(b)) => {
            o.insert("shared-lines", Origin::Both);
            let mut all = lines_of(a);
            all.extend(lines_of(b));
            Some(SharedLines::List(all))
        }
        (a, b) => pick("shared-lines", a, b, |_, _| false, &mut o),
    };
    let policy = Policy {
        ticket_required: pick(
            "ticket-required",
            &d.ticket_required,
            &own.ticket_required,
            |a, b| *a || !*b,
            &mut o,
        ),
        ticket_pattern: pick(
            "ticket-pattern",
            &d.ticket_pattern,
            &own.ticket_pattern,
            same,
            &mut o,
        ),
        verification_window_minutes: pick(
            "verification-window-minutes",
            &d.verification_window_minutes,
            &own.verification_window_minutes,
            lower,
            &mut o,
        ),
        shared_lines,
        shared_line_people: pick(
            "shared-line-people",
            &d.shared_line_people,
            &own.shared_line_people,
            lower,
            &mut o,
        ),
        changes_per_hour: pick(
            "changes-per-hour",
            &d.changes_per_hour,
            &own.changes_per_hour,
            lower,
            &mut o,
        ),
        burst_passes: pick(
            "burst-passes",
            &d.burst_passes,
            &own.burst_passes,
            lower,
            &mut o,
        ),
        burst_passes_after_hours: pick(
            "burst-passes-after-hours",
            &d.burst_passes_after_hours,
            &own.burst_passes_after_hours,
            lower,
            &mut o,
        ),
        burst_minutes: pick(
            "burst-minutes",
            &d.burst_minutes,
            &own.burst_minutes,
            higher,
            &mut o,
        ),
        passes_per_user_per_day: pick(
            "passes-per-user-per-day",
            &d.passes_per_user_per_day,
            &own.passes_per_user_per_day,
            lower,
            &mut o,
        ),
        countries: pick(
            "countries",
            &d.countries,
            &own.countries,
            |a: &Vec<String>, b: &Vec<String>| {
                !a.is_empty()
                    && a.iter()
                        .all(|c| b.iter().any(|x| x.eq_ignore_ascii_case(c)))
            },
            &mut o,
        ),
        callback_min_age_days: pick(
            "callback-min-age-days",
            &d.callback_min_age_days,
            &own.callback_min_age_days,
            higher,
            &mut o,
        ),
        notify_from: pick(
            "notify-from",
            &d.notify_from,
            &own.notify_from,
            |a, b| a.eq_ignore_ascii_case(b),
            &mut o,
        ),
        stop_override: pick(
            "stop-override",
            &d.stop_override,
            &own.stop_override,
            |a, b| stop_rank(a) >= stop_rank(b),
            &mut o,
        ),
        center_hours: pick(
            "center-hours",
            &d.center_hours,
            &own.center_hours,
            same,
            &mut o,
        ),
        // the district's hours are read in the district's time zone (or this machine's): an
        // agent's own time zone would move them
        time_zone: if d.center_hours.is_some() && d.time_zone.is_none() {
            o.insert(
                "time-zone",
                Origin::District {
                    ignored: own.time_zone.is_some(),
                },
            );
            None
        } else {
            pick("time-zone", &d.time_zone, &own.time_zone, same, &mut o)
        },
    };
    (policy, o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_administrators_file_that_only_they_can_change_is_trusted() {
        assert_eq!(untrusted_unix(0, 0o100644, true), None);
        assert_eq!(untrusted_unix(0, 0o40755, true), None);
        assert!(
            untrusted_unix(1000, 0o100644, true)
                .unwrap()
                .contains("not to root")
        );
        assert!(
            untrusted_unix(0, 0o100664, true)
                .unwrap()
                .contains("mode 664")
        );
        assert!(untrusted_unix(0, 0o100646, true).is_some());
        assert_eq!(untrusted_unix(1000, 0o100644, false), None);
    }

    #[test]
    fn the_agents_own_config_may_only_tighten_the_districts() {
        let district = Policy {
            ticket_required: Some(true),
            changes_per_hour: Some(60),
            burst_minutes: Some(10),
            stop_override: Some(StopOverride::Privileged),
            countries: Some(vec!["US".into(), "CA".into()]),
            shared_lines: Some(SharedLines::List(vec!["502-485-0100".into()])),
            ticket_pattern: Some("^INC[0-9]{7}$".into()),
            ..Policy::default()
        };
        let loose = Policy {
            ticket_required: Some(false),
            changes_per_hour: Some(1000),
            burst_minutes: Some(1),
            stop_override: Some(StopOverride::Any),
            countries: Some(vec!["US".into(), "MX".into()]),
            shared_lines: Some(SharedLines::List(vec!["502-485-0200".into()])),
            ticket_pattern: Some(".*".into()),
            passes_per_user_per_day: Some(5),
            ..Policy::default()
        };
        let (p, o) = tighten(Some(&district), &loose);
        assert_eq!(p.ticket_required, Some(true));
        assert_eq!(p.changes_per_hour(), 60);
        assert_eq!(p.burst_minutes(), 10);
        assert_eq!(p.stop_override(), StopOverride::Privileged);
        assert_eq!(p.countries(), ["US", "CA"]);
        assert_eq!(p.ticket_pattern.as_deref(), Some("^INC[0-9]{7}$"));
        for key in [
            "ticket-required",
            "changes-per-hour",
            "stop-override",
            "countries",
        ] {
            assert_eq!(o[key], Origin::District { ignored: true }, "{key}");
        }
        // what the district does not set stays the agent's
        assert_eq!(p.passes_per_user_per_day(), 5);
        assert_eq!(o["passes-per-user-per-day"], Origin::ConfigFile);
        assert_eq!(o["center-hours"], Origin::Default);
        // shared lines add up
        assert_eq!(p.shared_lines().len(), 3);
        assert_eq!(o["shared-lines"], Origin::Both);

        let tight = Policy {
            changes_per_hour: Some(20),
            stop_override: Some(StopOverride::Never),
            countries: Some(vec!["US".into()]),
            burst_minutes: Some(30),
            ..Policy::default()
        };
        let (p, o) = tighten(Some(&district), &tight);
        assert_eq!(p.changes_per_hour(), 20);
        assert_eq!(p.stop_override(), StopOverride::Never);
        assert_eq!(p.countries(), ["US"]);
        assert_eq!(p.burst_minutes(), 30);
        assert_eq!(o["changes-per-hour"], Origin::Tighter);
        assert_eq!(o["ticket-required"], Origin::District { ignored: false });
        // the district's hours are read in its time zone, never the agent's
        let hours = Policy {
            center_hours: Some("Mon-Fri 07:00-18:00".into()),
            ..Policy::default()
        };
        let moved = Policy {
            time_zone: Some("Pacific/Auckland".into()),
            ..Policy::default()
        };
        let (p, o) = tighten(Some(&hours), &moved);
        assert_eq!(p.time_zone, None);
        assert_eq!(o["time-zone"], Origin::District { ignored: true });
        // no district: the agent's own, as it is
        let (p, o) = tighten(None, &loose);
        assert_eq!(p, loose);
        assert_eq!(o["changes-per-hour"], Origin::ConfigFile);
    }
}
