//! The optional upstream limit (`--max-rps`, `--max-concurrent-upstream`): every page and script
//! using one proxy shares one account's quota, so the proxy paces what it sends upstream.
//!
//! A request over the limit waits for its turn, up to [`MAX_WAIT`]; one whose turn would come
//! later is answered at once with a 429 problem whose `Retry-After` says when to come back. The
//! rate is kept by reservation (each admitted request books the next free instant,
//! `1 / max_rps` after the previous one), so the upstream never sees more than `max_rps` requests
//! in any second, bursts included.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use crate::problem::Refusal;

/// The longest a request waits for its turn before it is refused with a 429.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// The pacing of upstream requests; a no-op when neither limit is set.
pub(crate) struct UpstreamLimit {
    max_wait: Duration,
    interval: Option<Duration>,
    next_free: Mutex<Instant>,
    slots: Option<Arc<Semaphore>>,
}

/// Holds an upstream concurrency slot (if any) until dropped.
pub(crate) struct Turn(#[allow(dead_code)] Option<OwnedSemaphorePermit>);

impl UpstreamLimit {
    /// At most `max_rps` requests per second and `max_concurrent` at once (each when set); a
    /// request waits at most `max_wait` for its turn.
    pub(crate) fn new(
        max_rps: Option<f64>,
        max_concurrent: Option<usize>,
        max_wait: Duration,
    ) -> Self {
        let interval = max_rps
            .filter(|rps| rps.is_finite() && *rps > 0.0)
            .map(|rps| Duration::from_secs_f64(1.0 / rps));
        UpstreamLimit {
            max_wait,
            interval,
            next_free: Mutex::new(Instant::now()),
            slots: max_concurrent.map(|n| Arc::new(Semaphore::new(n.max(1)))),
        }
    }

    /// Waits for this request's turn, or refuses it with the time to come back.
    pub(crate) async fn admit(&self) -> Result<Turn, Refusal> {
        let started = Instant::now();
        let deadline = started + self.max_wait;
        let permit = match &self.slots {
            Some(slots) => {
                match tokio::time::timeout(self.max_wait, slots.clone().acquire_owned()).await {
                    Ok(Ok(permit)) => Some(permit),
                    _ => {
                        return Err(Refusal::RateLimited {
                            retry_after_secs: 1,
                        })
                    }
                }
            }
            None => None,
        };
        if let Some(interval) = self.interval {
            let turn = {
                let mut next_free = self.next_free.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                let turn = (*next_free).max(now);
                if turn > deadline {
                    let wait = turn.duration_since(now).as_secs_f64();
                    return Err(Refusal::RateLimited {
                        retry_after_secs: (wait.ceil() as u64).max(1),
                    });
                }
                *next_free = turn + interval;
                turn
            };
            tokio::time::sleep_until(turn).await;
        }
        Ok(Turn(permit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAIT: Duration = Duration::from_millis(200);

    #[tokio::test]
    async fn requests_are_spaced_and_those_beyond_the_wait_are_refused() {
        // One after the other, each waits for its turn: 10 take 90 ms at 100/s.
        let limit = UpstreamLimit::new(Some(100.0), None, WAIT);
        let started = Instant::now();
        for _ in 0..10 {
            assert!(limit.admit().await.is_ok());
        }
        assert!(started.elapsed() >= Duration::from_millis(85));

        // 100 at once: turns every 10 ms up to the 200 ms wait (21 of them), a 429 for the rest.
        let limit = Arc::new(UpstreamLimit::new(Some(100.0), None, WAIT));
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let limit = limit.clone();
                tokio::spawn(async move { limit.admit().await.map(|_| ()) })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }
        let ok = outcomes.iter().filter(|o| o.is_ok()).count();
        // A loaded machine may start some callers late, which gives them later turns.
        assert!((21..=60).contains(&ok), "{ok} admitted");
        assert!(outcomes.iter().all(|o| matches!(
            o,
            Ok(())
                | Err(Refusal::RateLimited {
                    retry_after_secs: 1..
                })
        )));
    }

    #[tokio::test]
    async fn concurrency_slots_are_held_until_the_turn_is_dropped() {
        let limit = UpstreamLimit::new(None, Some(1), WAIT);
        let first = limit.admit().await.map_err(|_| ()).unwrap();
        assert!(matches!(
            limit.admit().await,
            Err(Refusal::RateLimited {
                retry_after_secs: 1
            })
        ));
        drop(first);
        assert!(limit.admit().await.is_ok());
        assert!(UpstreamLimit::new(None, None, WAIT).admit().await.is_ok());
    }
}
