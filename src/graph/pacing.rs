//! Pacing writes under the backend's write limit. Graph allows about 3,000 writes per 150 s per
//! app and tenant (graph-api.md §12.3), and agents on live calls share the app's quota, so a
//! bulk run spends only part of it (the headroom is left for them) and pauses all its writes
//! when one is throttled anyway. Every request also says how urgent it is.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `x-ms-throttle-priority`: what Graph throttles first when it must (the limits stay the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// An agent on a live call.
    High,
    /// A bulk run.
    Low,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "High",
            Priority::Low => "Low",
        }
    }
}

/// A token bucket for writes: `count` per `per`, starting full, less the headroom; paused
/// until a `Retry-After` has passed when the backend throttles a write, and slowed down then
/// (by a fifth, recovering by a tenth of the configured rate each second), since a 429 says the
/// limit is tighter than configured (other apps, other agents on the same quota).
#[derive(Debug)]
pub struct Pacer {
    per_second: f64,
    burst: f64,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    tokens: f64,
    last: Instant,
    paused_until: Option<Instant>,
    /// The rate now: the configured one, or less after a 429.
    rate: f64,
}

impl Pacer {
    /// `headroom` is the share of the limit left to others (0.2 = 20 %).
    pub fn new(count: u32, per: Duration, headroom: f64) -> Pacer {
        let share = (1.0 - headroom.clamp(0.0, 0.95)).max(0.05);
        let burst = (f64::from(count.max(1)) * share).max(1.0);
        let per_second = burst / per.as_secs_f64().max(0.001);
        Pacer {
            per_second,
            burst,
            state: Mutex::new(State {
                tokens: burst,
                last: Instant::now(),
                paused_until: None,
                rate: per_second,
            }),
        }
    }

    /// Writes per second at the steady rate.
    pub fn rate(&self) -> f64 {
        self.per_second
    }

    /// How long until a write may go; `None` when one may go now (and its token is taken).
    fn try_take(&self, now: Instant) -> Option<Duration> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = s.paused_until {
            if now < until {
                return Some(until - now);
            }
            s.paused_until = None;
        }
        let elapsed = now.saturating_duration_since(s.last).as_secs_f64();
        s.rate = (s.rate + elapsed * self.per_second / 10.0).min(self.per_second);
        s.tokens = (s.tokens + elapsed * s.rate).min(self.burst);
        s.last = now;
        if s.tokens >= 1.0 {
            s.tokens -= 1.0;
            None
        } else {
            Some(Duration::from_secs_f64((1.0 - s.tokens) / s.rate))
        }
    }

    /// Waits until a write may go.
    pub async fn acquire(&self) {
        while let Some(wait) = self.try_take(Instant::now()) {
            tokio::time::sleep(wait).await;
        }
    }

    /// The backend throttled a write: no write goes before `wait` has passed.
    pub fn pause(&self, wait: Duration) {
        let until = Instant::now() + wait.min(Duration::from_secs(3600));
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = s.paused_until.is_none_or(|u| u < Instant::now());
        s.paused_until = Some(s.paused_until.map_or(until, |u| u.max(until)));
        // a throttled backend has no burst left either, and allows less than thought
        s.tokens = s.tokens.min(0.0);
        if fresh {
            s.rate = (s.rate * 0.8).max(self.per_second / 50.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spends_the_share_then_the_steady_rate() {
        let p = Pacer::new(100, Duration::from_secs(10), 0.2);
        let t0 = Instant::now();
        for _ in 0..80 {
            assert!(p.try_take(t0).is_none());
        }
        let wait = p.try_take(t0).unwrap();
        assert!((wait.as_secs_f64() - 0.125).abs() < 1e-6, "{wait:?}");
        assert!((p.rate() - 8.0).abs() < 1e-9);
        assert!(p.try_take(t0 + Duration::from_millis(130)).is_none());
    }

    #[test]
    fn a_throttled_write_pauses_every_write() {
        let p = Pacer::new(100, Duration::from_secs(10), 0.0);
        p.pause(Duration::from_secs(2));
        let wait = p.try_take(Instant::now()).unwrap();
        assert!(wait > Duration::from_millis(1900), "{wait:?}");
    }
}
