//! The proxy's Prometheus metrics, one registry per [`Server`](crate::Server) (so that several
//! proxies in one process, as in the tests, count apart). Labels are bounded: the method (five
//! names and `other`), the operation's path template ([`crate::route`]), the status and the
//! refusal kind; never an id, a query or a header value.
//!
//! The `prometheus` crate rather than `metrics` + `metrics-exporter-prometheus`: both are kept,
//! but this one gives a registry per instance without a global recorder, and its histograms are
//! fixed atomic buckets, where the exporter keeps every sample until a scrape or an upkeep task
//! drains it (and renders a summary unless buckets are configured). It also pulls in less.

use prometheus::core::Collector;
use prometheus::{
    Encoder as _, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};

/// The `Content-Type` of [`Metrics::render`].
pub(crate) const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Upstream latency buckets, in seconds: 0.5 ms to the 30 s default timeout.
const UPSTREAM_BUCKETS: [f64; 15] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Every metric of one proxy.
pub(crate) struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    refusals: IntCounterVec,
    upstream_seconds: Histogram,
    in_flight: IntGauge,
    reloads: IntCounter,
    reload_failures: IntCounter,
}

impl Metrics {
    pub(crate) fn new() -> Self {
        let registry = Registry::new();
        let requests = register(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "iam_proxy_requests_total",
                    "Requests answered, by method, operation path template and status.",
                ),
                &["method", "route", "status"],
            ),
        );
        let refusals = register(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "iam_proxy_refusals_total",
                    "Requests the proxy answered itself with a problem, by refusal kind.",
                ),
                &["reason"],
            ),
        );
        let upstream_seconds = register(
            &registry,
            Histogram::with_opts(
                HistogramOpts::new(
                    "iam_proxy_upstream_duration_seconds",
                    "Time from sending a signed request upstream to its whole answer (or failure).",
                )
                .buckets(UPSTREAM_BUCKETS.to_vec()),
            ),
        );
        let in_flight = register(
            &registry,
            IntGauge::new(
                "iam_proxy_requests_in_flight",
                "Requests being handled at the time of the scrape.",
            ),
        );
        let reloads = register(
            &registry,
            IntCounter::new(
                "iam_proxy_credential_reloads_total",
                "Successful reloads of the credentials and token file (SIGHUP).",
            ),
        );
        let reload_failures = register(
            &registry,
            IntCounter::new(
                "iam_proxy_credential_reload_failures_total",
                "Failed reloads (SIGHUP); the previous configuration stayed in use.",
            ),
        );
        Metrics {
            registry,
            requests,
            refusals,
            upstream_seconds,
            in_flight,
            reloads,
            reload_failures,
        }
    }

    /// Counts one answered request.
    pub(crate) fn request(&self, method: &str, route: &str, status: &str) {
        self.requests
            .with_label_values(&[method, route, status])
            .inc();
    }

    /// Counts one refusal.
    pub(crate) fn refusal(&self, kind: &str) {
        self.refusals.with_label_values(&[kind]).inc();
    }

    /// Records how long one upstream exchange took.
    pub(crate) fn upstream(&self, seconds: f64) {
        self.upstream_seconds.observe(seconds);
    }

    /// Counts a reload, successful or not.
    pub(crate) fn reload(&self, ok: bool) {
        if ok {
            self.reloads.inc();
        } else {
            self.reload_failures.inc();
        }
    }

    /// The Prometheus text exposition of every metric, with `in_flight` requests right now.
    pub(crate) fn render(&self, in_flight: usize) -> String {
        self.in_flight
            .set(i64::try_from(in_flight).unwrap_or(i64::MAX));
        let mut out = Vec::new();
        // Encoding into a Vec fails only on a malformed family, which the registry never holds.
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Adds a metric to `registry` and returns it.
fn register<C: Collector + Clone + 'static>(registry: &Registry, made: prometheus::Result<C>) -> C {
    match made {
        Ok(metric) => {
            // Distinct names in a fresh registry: registration cannot collide.
            let _ = registry.register(Box::new(metric.clone()));
            metric
        }
        // The names, help texts, labels and buckets above are constants the crate accepts.
        Err(e) => unreachable!("a constant metric definition was refused: {e}"),
    }
}
