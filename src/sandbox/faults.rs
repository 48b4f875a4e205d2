//! Throttling (token buckets per app, for reads and for writes) and injected faults (error
//! statuses, latency, dropped connections before or after a write), for testing clients.

use crate::graph::model::Rate;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// Token buckets keyed by (app id, is-write).
pub struct Throttle {
    read: Option<Rate>,
    write: Option<Rate>,
    buckets: Mutex<HashMap<(String, bool), Bucket>>,
}

impl Throttle {
    pub fn new(read: Option<Rate>, write: Option<Rate>) -> Self {
        Throttle {
            read,
            write,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token; `Err(seconds)` is how long until one is free.
    pub fn take(&self, app: &str, write: bool) -> Result<(), f64> {
        let Some(rate) = (if write { self.write } else { self.read }) else {
            return Ok(());
        };
        let now = Instant::now();
        let per_sec = f64::from(rate.count) / rate.per.as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let b = buckets.entry((app.to_string(), write)).or_insert(Bucket {
            tokens: f64::from(rate.count),
            last: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * per_sec)
            .min(f64::from(rate.count));
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err((1.0 - b.tokens) / per_sec)
        }
    }
}

/// What `--faults` asks for; rates are probabilities per request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSpec {
    pub status: Vec<(u16, f64)>,
    pub drop_before: f64,
    pub drop_after: f64,
    pub latency: Option<(Duration, Duration)>,
    /// Retry-After sent with injected 429 and 503 responses, in seconds.
    pub retry_after: f64,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|i| s.split_at(i))
        .unwrap_or((s, "ms"));
    let n: f64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a duration like 5ms or 1.5s"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        _ => return Err(format!("'{s}': use ms or s")),
    };
    match Duration::try_from_secs_f64(secs) {
        Ok(d) if d <= Duration::from_secs(600) => Ok(d),
        _ => Err(format!("'{s}': a latency from 0 to 600 s")),
    }
}

impl std::str::FromStr for FaultSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut spec = FaultSpec {
            retry_after: 1.0,
            ..Default::default()
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("'{part}' needs the form KEY=VALUE"))?;
            let rate = || -> Result<f64, String> {
                let r: f64 = value
                    .parse()
                    .map_err(|_| format!("'{value}' in '{part}' is not a rate between 0 and 1"))?;
                if (0.0..=1.0).contains(&r) {
                    Ok(r)
                } else {
                    Err(format!(
                        "'{value}' in '{part}' is not a rate between 0 and 1"
                    ))
                }
            };
            match key {
                "429" | "500" | "503" | "504" => {
                    spec.status.push((key.parse().unwrap_or(500), rate()?));
                }
                "drop-before" => spec.drop_before = rate()?,
                "drop-after" => spec.drop_after = rate()?,
                "latency" => {
                    let (lo, hi) = value.split_once("..").unwrap_or((value, value));
                    let (lo, hi) = (parse_duration(lo)?, parse_duration(hi)?);
                    if lo > hi {
                        return Err(format!("latency range '{value}' runs backwards"));
                    }
                    spec.latency = Some((lo, hi));
                }
                "retry-after" => {
                    // seconds, as the header counts them, unless a unit says otherwise
                    let bare = value.trim().parse::<f64>().is_ok();
                    let value = if bare {
                        format!("{}s", value.trim())
                    } else {
                        value.to_string()
                    };
                    spec.retry_after = parse_duration(&value)?.as_secs_f64();
                }
                other => {
                    return Err(format!(
                        "unknown fault '{other}': use 429, 500, 503, 504, drop-before, drop-after, latency or retry-after"
                    ));
                }
            }
        }
        let total: f64 = spec.status.iter().map(|s| s.1).sum::<f64>() + spec.drop_before;
        if total > 1.0 {
            return Err(format!(
                "the error and drop-before rates add up to {total}, more than 1"
            ));
        }
        Ok(spec)
    }
}

/// What to do to one request.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FaultPlan {
    pub status: Option<u16>,
    pub drop_before: bool,
    pub drop_after: bool,
    pub latency: Option<Duration>,
}

pub struct Faults {
    pub spec: FaultSpec,
    rng: Mutex<StdRng>,
}

impl Faults {
    pub fn new(spec: FaultSpec, seed: u64) -> Self {
        Faults {
            spec,
            rng: Mutex::new(StdRng::seed_from_u64(seed)),
        }
    }

    /// Rolls the dice for one request. Inside a `$batch` there is no connection to drop.
    pub fn roll(&self, can_drop: bool) -> FaultPlan {
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        let mut plan = FaultPlan::default();
        let mut u: f64 = rng.random();
        for (status, rate) in &self.spec.status {
            if u < *rate {
                plan.status = Some(*status);
                break;
            }
            u -= rate;
        }
        if plan.status.is_none() && u < self.spec.drop_before && can_drop {
            plan.drop_before = true;
        }
        plan.drop_after = can_drop && rng.random::<f64>() < self.spec.drop_after;
        if let Some((lo, hi)) = self.spec.latency {
            plan.latency = Some(if hi > lo {
                Duration::from_secs_f64(rng.random_range(lo.as_secs_f64()..hi.as_secs_f64()))
            } else {
                lo
            });
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_spec() {
        let spec: FaultSpec =
            "429=0.1,500=0.02,503=0.05,504=0.02,drop-before=0.02,drop-after=0.02,latency=5ms..40ms"
                .parse()
                .unwrap();
        assert_eq!(spec.status.len(), 4);
        assert_eq!(spec.drop_after, 0.02);
        assert_eq!(
            spec.latency,
            Some((Duration::from_millis(5), Duration::from_millis(40)))
        );
        assert_eq!(spec.retry_after, 1.0);
        assert!("429=2".parse::<FaultSpec>().is_err());
        assert!("teapot=0.1".parse::<FaultSpec>().is_err());
        assert!("429=0.6,500=0.6".parse::<FaultSpec>().is_err());
        let ra: FaultSpec = "429=1,retry-after=200ms".parse().unwrap();
        assert_eq!(ra.retry_after, 0.2);
        let seconds: FaultSpec = "503=1,retry-after=2".parse().unwrap();
        assert_eq!(seconds.retry_after, 2.0);
    }

    #[test]
    fn rates_parse_and_buckets_refuse_when_empty() {
        let r: Rate = "2/10".parse().unwrap();
        assert_eq!(r.count, 2);
        assert!("0/1".parse::<Rate>().is_err());
        assert!("abc".parse::<Rate>().is_err());
        assert!("1/inf".parse::<Rate>().is_err());
        assert!("1/NaN".parse::<Rate>().is_err());
        let t = Throttle::new(Some(r), None);
        assert!(t.take("app", false).is_ok());
        assert!(t.take("app", false).is_ok());
        let wait = t.take("app", false).unwrap_err();
        assert!(wait > 4.0 && wait <= 5.0, "{wait}");
        assert!(t.take("other", false).is_ok());
        assert!(t.take("app", true).is_ok(), "writes are not limited");
    }

    #[test]
    fn same_seed_same_faults() {
        let spec: FaultSpec = "429=0.3,drop-after=0.3".parse().unwrap();
        let a = Faults::new(spec.clone(), 7);
        let b = Faults::new(spec, 7);
        let run = |f: &Faults| (0..50).map(|_| f.roll(true)).collect::<Vec<_>>();
        let (ra, rb) = (run(&a), run(&b));
        assert_eq!(ra, rb);
        assert!(ra.iter().any(|p| p.status == Some(429)));
        assert!(ra.iter().any(|p| p.drop_after));
    }
}
