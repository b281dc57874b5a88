//! Rate limits and clock skew as Akamai applies them.
//!
//! - How long the server asks to wait: `Retry-After` (seconds), else `X-RateLimit-Next` minus the
//!   response's `Date`, as Akamai's Go client computes it (edgegrid-golang
//!   `pkg/session/retries.go`; Akamai's techdocs describe `X-RateLimit-Next` as the ISO 8601
//!   time when the next request may be made).
//! - A burst refusal: Akamai's edge answers some bursts not with a 429 but with a 400 whose
//!   problem `detail` names a WAF rule, e.g. `WAF deny rule IPBLOCK-BURST4-54013`
//!   (terraform-provider-akamai #500, #728). It is treated like a 429.
//! - Clock skew: the edge refuses an EdgeGrid timestamp outside about ±30 s of its clock with
//!   `Invalid timestamp` (a 400 in the reports, e.g. terraform-provider-akamai #758,
//!   edgegrid-node #234; a 401 is recognised too); the error then says how far the clocks differ,
//!   from the response's `Date` (or the body's `requestTime`).
//! - The client-wide limiter (`rateLimit` option): a token bucket of `burst` tokens refilled at
//!   `requestsPerSecond`, and at most `maxConcurrent` requests in flight, shared by every call of
//!   one `IamClient` (retries included), like Terraform's `request_limit`.
//!
//! Everything but the limiter's waiting is pure, so native tests cover it.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::error::IamError;
use crate::retry::{Attempt, MAX_RETRY_DELAY_MS};

strict! {
    /// The client-wide limit on requests (`rateLimit` in the client options).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct RateLimitOptions {
        /// Most requests started per second, retries included, e.g. `20`.
        pub requests_per_second: f64,
        /// How many requests may start at once after a quiet spell (default 1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub burst: Option<u32>,
        /// Most requests in flight at once (default: no limit).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_concurrent: Option<u32>,
    }
}

/// The response headers the rate-limit and skew rules read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// `Retry-After`.
    pub retry_after: Option<String>,
    /// `X-RateLimit-Next`.
    pub next: Option<String>,
    /// `Date`.
    pub date: Option<String>,
}

impl Signals {
    /// How long the server asks to wait, in milliseconds: `Retry-After` seconds, else
    /// `X-RateLimit-Next − Date` (never negative); `None` when neither says.
    pub fn server_wait_ms(&self) -> Option<u64> {
        if let Some(seconds) = self
            .retry_after
            .as_deref()
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            return Some(seconds.saturating_mul(1000));
        }
        let next = parse_rfc3339_ms(self.next.as_deref()?)?;
        let date = parse_http_date_ms(self.date.as_deref()?)?;
        (next >= date).then(|| (next - date) as u64)
    }
}

/// What an attempt that got a response means for retrying: a 429 or a burst refusal is
/// [`Attempt::RateLimited`] with the server's wait; anything else a plain response.
pub fn attempt<'a>(status: u16, signals: &'a Signals, body: &str) -> Attempt<'a> {
    if status == 429 || is_burst_refusal(status, body) {
        let wait = signals
            .server_wait_ms()
            .map(|ms| ms.min(u64::from(u32::MAX)) as u32);
        Attempt::RateLimited(wait)
    } else {
        Attempt::Response(status, signals.retry_after.as_deref())
    }
}

/// Whether a 400 is the edge's WAF refusing a burst: its problem `detail` names a WAF deny rule
/// whose name says burst or rate (`WAF deny rule IPBLOCK-BURST4-54013`).
pub fn is_burst_refusal(status: u16, body: &str) -> bool {
    if status != 400 {
        return false;
    }
    let detail = problem_text(body, "detail").to_ascii_uppercase();
    detail
        .split_once("WAF DENY RULE")
        .is_some_and(|(_, rule)| rule.contains("BURST") || rule.contains("RATE"))
}

/// Whether a 400 or 401 is the edge refusing the EdgeGrid timestamp.
pub fn is_timestamp_refusal(status: u16, body: &str) -> bool {
    matches!(status, 400 | 401)
        && problem_text(body, "detail")
            .to_ascii_lowercase()
            .contains("timestamp")
}

/// How many whole seconds the local clock (`local_ms`) is ahead of the server's (negative:
/// behind), from `Date`, else the body's `requestTime`.
pub fn clock_skew_secs(signals: &Signals, body: &str, local_ms: f64) -> Option<i64> {
    let server = signals
        .date
        .as_deref()
        .and_then(parse_http_date_ms)
        .or_else(|| parse_rfc3339_ms(&problem_text(body, "requestTime")))?;
    // The server's second is truncated: compare with its middle.
    Some(((local_ms - (server as f64 + 500.0)) / 1000.0).round() as i64)
}

/// Marks `error` (an `http` error of a response with these `signals` and `body`) as what Akamai's
/// rules make of it: rate-limited, with the server's wait, or refused for clock skew with the
/// difference and what to do. `signs_locally`: the client signs (Node with credentials), so the
/// local clock is the signer's; otherwise the signing proxy's clock is the culprit.
pub fn explain(
    mut error: IamError,
    signals: &Signals,
    body: &str,
    local_ms: f64,
    signs_locally: bool,
) -> IamError {
    let Some(status) = error.status else {
        return error;
    };
    error.retry_after_ms = signals
        .server_wait_ms()
        .map(|ms| ms.min(u64::from(u32::MAX)) as u32);
    if status == 429 || is_burst_refusal(status, body) {
        error.rate_limited = true;
        let wait = error.retry_after_ms.map_or(String::new(), |ms| {
            format!("the server asks to wait {ms} ms; ")
        });
        let what = if status == 429 {
            "rate limited"
        } else {
            "a burst refusal by Akamai's WAF"
        };
        error.message = format!(
            "{}: {what}: {wait}lower the request rate (the client's rateLimit option, or the \
             proxy's --max-rps)",
            error.message
        );
    } else if is_timestamp_refusal(status, body) {
        if let Some(skew) = clock_skew_secs(signals, body, local_ms) {
            error.clock_skew_secs =
                Some(skew.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
            let direction = if skew >= 0 { "ahead of" } else { "behind" };
            let advice = if signs_locally {
                format!(
                    "this machine's clock is {} s {direction} the server's; Akamai accepts \
                     EdgeGrid timestamps only within about 30 s: synchronise this machine's \
                     clock (NTP)",
                    skew.unsigned_abs()
                )
            } else {
                format!(
                    "the local clock differs from the server's by {} s ({direction}); requests \
                     are signed by the proxy, whose clock must be within about 30 s of the \
                     server's: synchronise the clock of the machine running the proxy (NTP; its \
                     log names the difference)",
                    skew.unsigned_abs()
                )
            };
            error.message = format!("{}: {advice}", error.message);
        }
    }
    error
}

/// A string member of a JSON problem body, or `""`.
fn problem_text(body: &str, member: &str) -> String {
    crate::js_json::parse(body)
        .and_then(|value| value.get(member)?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `2026-12-04T14:20:08.125Z` (or with a `+hh:mm` offset) as Unix milliseconds.
fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let num = |from: usize, to: usize| -> Option<i64> {
        let digits = text.get(from..to)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let bytes = text.as_bytes();
    if bytes.len() < 20 || bytes[4] != b'-' || bytes[7] != b'-' || !matches!(bytes[10], b'T' | b't')
    {
        return None;
    }
    let days = days_from_civil(num(0, 4)?, num(5, 7)?, num(8, 10)?)?;
    let seconds = num(11, 13)? * 3600 + num(14, 16)? * 60 + num(17, 19)?;
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        let padded = format!("{:0<3}", &fraction[..digits.min(3)]);
        millis = padded.parse().ok()?;
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (hours, minutes) = rest[1..].split_once(':')?;
            sign * (hours.parse::<i64>().ok()? * 3600 + minutes.parse::<i64>().ok()? * 60)
        }
    };
    Some((days * 86_400 + seconds - offset) * 1000 + millis)
}

/// An HTTP date (`Fri, 04 Dec 2026 14:20:08 GMT`, RFC 9110's preferred form) as Unix
/// milliseconds.
fn parse_http_date_ms(text: &str) -> Option<i64> {
    let mut parts = text.split_once(", ")?.1.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as i64 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|n| n.parse::<i64>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" {
        return None;
    }
    Some((days_from_civil(year, month, day)? * 86_400 + h * 3600 + m * 60 + s) * 1000)
}

/// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    Some(era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468)
}

// The concurrency gate: a counter and a queue of waiters, each leaving the queue when its call's
// signal aborts. Plain JS so that it behaves the same in browsers and Node.
#[wasm_bindgen(inline_js = r#"
export class Gate {
    constructor(max) { this.free = max; this.queue = []; }
    acquire(signal) {
        if (signal.aborted) return Promise.resolve(false);
        if (this.free > 0) { this.free -= 1; return Promise.resolve(true); }
        return new Promise((resolve) => {
            const waiter = { resolve, signal, onAbort: null };
            waiter.onAbort = () => {
                const at = this.queue.indexOf(waiter);
                if (at >= 0) this.queue.splice(at, 1);
                resolve(false);
            };
            signal.addEventListener("abort", waiter.onAbort, { once: true });
            this.queue.push(waiter);
        });
    }
    release() {
        const next = this.queue.shift();
        if (next === undefined) { this.free += 1; return; }
        next.signal.removeEventListener("abort", next.onAbort);
        next.resolve(true);
    }
}
"#)]
extern "C" {
    #[derive(Debug, Clone)]
    type Gate;
    #[wasm_bindgen(constructor)]
    fn new(max: u32) -> Gate;
    #[wasm_bindgen(method)]
    fn acquire(this: &Gate, signal: &AbortSignal) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn release(this: &Gate);
}

/// The token bucket: tokens may go negative, each negative token being a request booked for later,
/// so callers are served in order at the configured rate.
#[derive(Debug)]
struct Bucket {
    /// Tokens per second.
    rate: f64,
    capacity: f64,
    tokens: f64,
    at_ms: f64,
}

impl Bucket {
    /// Books one request at `now_ms`: how many milliseconds it must wait for its turn.
    fn book(&mut self, now_ms: f64) -> u32 {
        let elapsed = (now_ms - self.at_ms).max(0.0);
        self.tokens = (self.tokens + elapsed * self.rate / 1000.0).min(self.capacity);
        self.at_ms = now_ms;
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            0
        } else {
            (-self.tokens * 1000.0 / self.rate)
                .ceil()
                .min(f64::from(u32::MAX)) as u32
        }
    }
}

/// The client-wide limiter of one `IamClient`.
#[derive(Debug)]
pub(crate) struct Limiter {
    bucket: RefCell<Bucket>,
    gate: Option<Gate>,
}

/// A request's turn: holds its concurrency slot until dropped.
pub(crate) struct Turn(Option<Gate>);

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(gate) = &self.0 {
            gate.release();
        }
    }
}

impl Limiter {
    /// A limiter for `options`; the error names the refused field and why.
    pub(crate) fn new(options: &RateLimitOptions) -> Result<Self, (&'static str, &'static str)> {
        let rate = options.requests_per_second;
        if !(rate.is_finite() && rate > 0.0) {
            return Err(("rateLimit.requestsPerSecond", "must be a positive number"));
        }
        let capacity = f64::from(options.burst.unwrap_or(1));
        if capacity < 1.0 {
            return Err(("rateLimit.burst", "must be at least 1"));
        }
        if options.max_concurrent == Some(0) {
            return Err(("rateLimit.maxConcurrent", "must be at least 1"));
        }
        Ok(Limiter {
            bucket: RefCell::new(Bucket {
                rate,
                capacity,
                tokens: capacity,
                at_ms: f64::NEG_INFINITY,
            }),
            gate: options.max_concurrent.map(Gate::new),
        })
    }

    /// Waits for a concurrency slot, then for the request's turn in the bucket; `sleep(ms)` is
    /// the call's abortable sleep. `Err` when `signal` aborts meanwhile.
    pub(crate) async fn admit(
        &self,
        signal: &AbortSignal,
        sleep: impl Fn(u32) -> js_sys::Promise,
    ) -> Result<Turn, ()> {
        let turn = match &self.gate {
            Some(gate) => {
                let acquired = JsFuture::from(gate.acquire(signal)).await;
                if acquired.ok().and_then(|v| v.as_bool()) != Some(true) {
                    return Err(());
                }
                Turn(Some(gate.clone()))
            }
            None => Turn(None),
        };
        let wait = self.bucket.borrow_mut().book(js_sys::Date::now());
        if wait > 0 {
            let _ = JsFuture::from(sleep(wait)).await;
        }
        if signal.aborted() {
            return Err(());
        }
        Ok(turn)
    }
}

/// The wait before retrying a rate-limited attempt: the server's wait plus jitter (`random` in
/// `[0, 1)` of the backoff step), so that callers told the same instant do not all come back at
/// once; `None` when the server asks for longer than [`MAX_RETRY_DELAY_MS`].
pub fn rate_limited_delay_ms(server_ms: u32, backoff_ceiling_ms: u32, random: f64) -> Option<u32> {
    if server_ms > MAX_RETRY_DELAY_MS {
        return None;
    }
    let jitter = (f64::from(backoff_ceiling_ms) * random.clamp(0.0, 1.0)) as u32;
    Some(server_ms.saturating_add(jitter).min(MAX_RETRY_DELAY_MS))
}

#[cfg(test)]
#[path = "rate_limit_tests.rs"]
mod tests;
