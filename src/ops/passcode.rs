//! Temporary Access Pass rules checked before any request (lifetime, start, tenant policy) and
//! the ways a code is read aloud.

use super::OpsError;
use crate::graph::model::TapPolicy;
use jiff::{SignedDuration, Timestamp, tz::TimeZone};

/// Graph's absolute bounds on a pass's lifetime, in minutes (the tenant policy narrows them).
pub const MIN_LIFETIME: i64 = 10;
pub const MAX_LIFETIME: i64 = 43_200;

/// `1h`, `90m`, `1h 30m`, `8h`, or a number of minutes.
pub fn parse_lifetime(s: &str) -> Result<i64, OpsError> {
    let s = s.trim();
    let minutes = match s.parse::<i64>() {
        Ok(m) => m,
        Err(_) => {
            let d: SignedDuration = s.parse().map_err(|_| {
                OpsError::invalid(
                    format!("'{s}' is not a lifetime"),
                    "use minutes or a duration such as 90m, 1h or 8h",
                )
            })?;
            if d.as_secs() % 60 != 0 {
                return Err(OpsError::invalid(
                    format!("'{s}' is not a whole number of minutes"),
                    "use a duration such as 90m or 1h",
                ));
            }
            d.as_secs() / 60
        }
    };
    if !(MIN_LIFETIME..=MAX_LIFETIME).contains(&minutes) {
        return Err(OpsError::invalid(
            format!(
                "a pass's lifetime must be between 10 minutes and 30 days, not {minutes} minutes"
            ),
            "use a duration such as 1h or 8h",
        ));
    }
    Ok(minutes)
}

/// How far ahead a pass may start (care's rule, not Graph's).
pub const MAX_START_DAYS: i64 = 30;

/// An RFC 3339 time, a local `YYYY-MM-DD HH:MM`, or a local `HH:MM` today; never in the past,
/// never more than [`MAX_START_DAYS`] ahead.
pub fn parse_start(s: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, OpsError> {
    let s = s.trim();
    let bad = || {
        OpsError::invalid(
            format!("'{s}' is not a start time"),
            "use 14:30 (today), 2026-12-01 07:30, or 2026-12-01T12:30:00Z",
        )
    };
    let at = if let Ok(t) = s.parse::<Timestamp>() {
        t
    } else if let Ok(dt) = s.replace(' ', "T").parse::<jiff::civil::DateTime>() {
        tz.to_timestamp(dt).map_err(|_| bad())?
    } else if let Ok(time) = s.parse::<jiff::civil::Time>() {
        tz.to_timestamp(now.to_zoned_datetime(tz.clone()).date().to_datetime(time))
            .map_err(|_| bad())?
    } else {
        return Err(bad());
    };
    if at < now - SignedDuration::from_mins(1) {
        return Err(OpsError::invalid(
            format!("the start time {s} has already passed"),
            "leave out --start to make the pass usable now",
        ));
    }
    // a pass is for a call or a first day at work, not for next year: a start further out is
    // a typo (2062 for 2026), and Graph would store it
    if at > now + SignedDuration::from_hours(24 * MAX_START_DAYS) {
        return Err(OpsError::invalid(
            format!("the start time {s} is more than {MAX_START_DAYS} days away"),
            format!("a pass can start at most {MAX_START_DAYS} days from now; check the date"),
        ));
    }
    Ok(at)
}

/// Checks a request against the tenant policy (when it could be read).
pub fn check_policy(
    policy: &TapPolicy,
    lifetime: Option<i64>,
    one_time: bool,
) -> Result<(), OpsError> {
    if policy.state != "enabled" {
        return Err(OpsError::invalid(
            "Temporary Access Passes are disabled in this tenant's authentication methods policy",
            "an Authentication Policy Administrator can enable them in Entra (Protection > Authentication methods)",
        ));
    }
    if let Some(m) = lifetime
        && !(policy.minimum_lifetime_in_minutes..=policy.maximum_lifetime_in_minutes).contains(&m)
    {
        return Err(OpsError::invalid(
            format!(
                "the tenant allows passes of {} to {} minutes, not {m}",
                policy.minimum_lifetime_in_minutes, policy.maximum_lifetime_in_minutes
            ),
            "pick a lifetime in that range, or leave out --lifetime for the policy default",
        ));
    }
    if policy.is_usable_once && !one_time {
        return Err(OpsError::invalid(
            "the tenant allows only one-time passes",
            "leave out --multi-use",
        ));
    }
    Ok(())
}

/// `Kx7pQm2+ab` → `Kx7p Qm2+ ab`: easier to read aloud and to type.
pub fn group(code: &str) -> String {
    code.chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

const NATO: [&str; 26] = [
    "Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett",
    "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango",
    "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu",
];

/// Each character spelled for the phone, in the caller's language: `capital Kilo`, `small
/// x-ray`, `seven`, `plus sign` (Spanish: `Kilo mayúscula`, `siete`, `signo de más`). The
/// letters keep the international spelling alphabet's words.
pub fn phonetic(code: &str, texts: &super::caller::Texts) -> Vec<String> {
    code.chars()
        .map(|c| {
            let symbol = |id: &str| texts.get(id, &[]);
            match c {
                'A'..='Z' => texts.get(
                    "spell-capital",
                    &[("word", NATO[(c as u8 - b'A') as usize])],
                ),
                'a'..='z' => texts.get(
                    "spell-small",
                    &[("word", &NATO[(c as u8 - b'a') as usize].to_lowercase())],
                ),
                '0'..='9' => symbol(&format!("spell-digit-{c}")),
                '+' => symbol("spell-plus"),
                '@' => symbol("spell-at"),
                '#' => symbol("spell-hash"),
                '$' => symbol("spell-dollar"),
                '%' => symbol("spell-percent"),
                '&' => symbol("spell-ampersand"),
                '*' => symbol("spell-asterisk"),
                '!' => symbol("spell-exclamation"),
                '?' => symbol("spell-question"),
                '-' => symbol("spell-dash"),
                '_' => symbol("spell-underscore"),
                '.' => symbol("spell-period"),
                other => format!("'{other}'"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::caller::{Language, Texts};

    #[test]
    fn lifetimes() {
        assert_eq!(parse_lifetime("1h").unwrap(), 60);
        assert_eq!(parse_lifetime("90m").unwrap(), 90);
        assert_eq!(parse_lifetime("1h 30m").unwrap(), 90);
        assert_eq!(parse_lifetime("480").unwrap(), 480);
        for bad in ["5m", "31d", "soon", "90s", "0", "-60"] {
            assert!(parse_lifetime(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn start_times() {
        let tz = TimeZone::UTC;
        let now: Timestamp = "2026-11-28T10:00:00Z".parse().unwrap();
        assert_eq!(
            parse_start("14:30", now, &tz).unwrap().to_string(),
            "2026-11-28T14:30:00Z"
        );
        assert_eq!(
            parse_start("2026-12-01 07:30", now, &tz)
                .unwrap()
                .to_string(),
            "2026-12-01T07:30:00Z"
        );
        assert_eq!(
            parse_start("2026-12-01T12:30:00Z", now, &tz)
                .unwrap()
                .to_string(),
            "2026-12-01T12:30:00Z"
        );
        assert!(parse_start("09:00", now, &tz).is_err(), "past");
        assert!(parse_start("tomorrow", now, &tz).is_err());
        // years ahead, and the end of time: refused, never a panic
        assert!(parse_start("2062-12-01 07:30", now, &tz).is_err());
        assert!(parse_start("9999-12-30T21:00:00Z", now, &tz).is_err());
        assert!(parse_start("2026-12-27 09:00", now, &tz).is_ok());
    }

    #[test]
    fn policy_checks() {
        let p = TapPolicy::default();
        assert!(check_policy(&p, Some(60), true).is_ok());
        assert!(check_policy(&p, Some(30), true).is_err());
        assert!(check_policy(&p, None, false).is_ok());
        let once = TapPolicy {
            is_usable_once: true,
            ..TapPolicy::default()
        };
        assert!(check_policy(&once, None, false).is_err());
        let off = TapPolicy {
            state: "disabled".into(),
            ..TapPolicy::default()
        };
        assert!(check_policy(&off, None, true).is_err());
    }

    #[test]
    fn reading_aloud() {
        assert_eq!(group("Kx7pQm2+ab"), "Kx7p Qm2+ ab");
        assert_eq!(
            phonetic("K7+x", &Texts::load(Language::En, None).unwrap()),
            vec!["capital Kilo", "seven", "plus sign", "small x-ray"]
        );
        assert_eq!(
            phonetic("K7+x@", &Texts::load(Language::Es, None).unwrap()),
            vec![
                "Kilo mayúscula",
                "siete",
                "signo de más",
                "x-ray minúscula",
                "arroba"
            ]
        );
    }
}
