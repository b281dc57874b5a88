//! Load test (ignored by `cargo test`; run it with `crates/proxy/bench/load.sh`):
//! `LOAD_CLIENTS` (default 64) clients for `LOAD_SECS` (default 60) seconds through the real
//! binary to an upstream that fails 10% of requests (5% 503, 4% reset connections, 1% hangs past
//! the proxy's timeout). Every request must get an answer, success or problem+json; the proxy
//! must not crash; its resident memory must stay flat. Prints the figures.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{
    credentials, edgerc_text, unwrap, Binary, Faults, TempFile, TestUpstream, ACCESS, CLIENT,
    GROUPS, SECRET,
};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Default)]
struct Tally {
    by_status: BTreeMap<u16, u64>,
    not_problem_json: u64,
    transport_errors: BTreeMap<String, u64>,
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "load test: run crates/proxy/bench/load.sh"]
async fn load_64_clients_60s_with_10_percent_upstream_faults() {
    let clients = env_or("LOAD_CLIENTS", 64);
    let secs = env_or("LOAD_SECS", 60);
    let faults = Faults {
        error_503: 5,
        reset: 4,
        hang: 1,
        hang_for: Duration::from_secs(3),
    };
    let upstream = TestUpstream::start_with(vec![credentials()], faults, false).await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let edgerc_arg = edgerc.arg();
    let mut proxy = Binary::start_with(
        &[
            "--edgerc",
            &edgerc_arg,
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            &upstream.url,
            "--timeout-secs",
            "2",
        ],
        false,
    );
    let pid = proxy.child.id();
    let base = format!("http://{}", proxy.addr);
    let _ = rustls::crypto::ring::default_provider().install_default();

    let memory = Arc::new(Mutex::new(Vec::<(f64, u64, u64)>::new()));
    let running = Arc::new(AtomicBool::new(true));
    let started = Instant::now();
    memory
        .lock()
        .map(|mut m| {
            let (rss, hwm) = proxy.memory_kib();
            m.push((0.0, rss, hwm));
        })
        .unwrap_or_default();
    let sampler = {
        let memory = memory.clone();
        let running = running.clone();
        tokio::spawn(async move {
            while running.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let status =
                    std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
                let field = |name: &str| -> u64 {
                    status
                        .lines()
                        .find_map(|l| l.strip_prefix(name))
                        .and_then(|v| v.split_whitespace().next())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                };
                if let Ok(mut m) = memory.lock() {
                    m.push((
                        started.elapsed().as_secs_f64(),
                        field("VmRSS:"),
                        field("VmHWM:"),
                    ));
                }
            }
        })
    };

    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let client = unwrap(
                reqwest::Client::builder()
                    .no_proxy()
                    .timeout(Duration::from_secs(10))
                    .pool_max_idle_per_host(1)
                    .build(),
                "client",
            );
            let mut tally = Tally::default();
            let mut n = c;
            while Instant::now() < deadline {
                n += clients;
                let request = match n % 20 {
                    0..=13 => client.get(format!("{base}{GROUPS}/{n}?actions=true")),
                    14..=16 => client
                        .post(format!("{base}{GROUPS}/{n}"))
                        .header("content-type", "application/json")
                        .body(format!(
                            r#"{{"groupName":"load-{n}","pad":"{}"}}"#,
                            "x".repeat(1000)
                        )),
                    17 => client
                        .put(format!("{base}{GROUPS}/{n}"))
                        .header("content-type", "application/json")
                        .body(r#"{"groupName":"renamed"}"#),
                    18 => client.delete(format!("{base}{GROUPS}/{n}")),
                    // A refused request now and then.
                    _ => client.get(format!("{base}/papi/v1/groups")),
                };
                match request.send().await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let problem = response
                            .headers()
                            .get("content-type")
                            .is_some_and(|v| v == "application/problem+json");
                        let body = response.bytes().await;
                        *tally.by_status.entry(status).or_default() += 1;
                        if status >= 400 && (!problem || body.is_err()) {
                            tally.not_problem_json += 1;
                        }
                    }
                    Err(e) => {
                        let kind = if e.is_timeout() {
                            "timeout"
                        } else if e.is_connect() {
                            "connect"
                        } else {
                            "other"
                        };
                        *tally.transport_errors.entry(kind.to_owned()).or_default() += 1;
                    }
                }
            }
            tally
        }));
    }
    let mut total = Tally::default();
    for task in tasks {
        let t = unwrap(task.await, "client task");
        for (s, n) in t.by_status {
            *total.by_status.entry(s).or_default() += n;
        }
        total.not_problem_json += t.not_problem_json;
        for (k, n) in t.transport_errors {
            *total.transport_errors.entry(k).or_default() += n;
        }
    }
    let elapsed = started.elapsed();
    running.store(false, Ordering::Relaxed);
    let _ = sampler.await;
    let alive = matches!(proxy.child.try_wait(), Ok(None));
    let (end_rss, end_hwm) = proxy.memory_kib();
    proxy.signal("TERM");
    let exit = proxy.wait_exit(Duration::from_secs(10)).await;

    let answered: u64 = total.by_status.values().sum();
    let errors: u64 = total.transport_errors.values().sum();
    let samples = memory.lock().map(|m| m.clone()).unwrap_or_default();
    let at = |t: f64| {
        samples
            .iter()
            .min_by(|a, b| (a.0 - t).abs().total_cmp(&(b.0 - t).abs()))
            .copied()
            .unwrap_or_default()
    };
    let (start, middle) = (at(1.0), at(secs as f64 / 2.0));
    let peak_rss = samples.iter().map(|s| s.1).max().unwrap_or(0);
    println!("load: {clients} clients, {:.1}s", elapsed.as_secs_f64());
    println!(
        "load: {} requests sent, {answered} answered ({:.0}/s), {errors} transport errors {:?}",
        answered + errors,
        answered as f64 / elapsed.as_secs_f64(),
        total.transport_errors
    );
    println!("load: answers by status {:?}", total.by_status);
    println!(
        "load: non-2xx answers without problem+json: {}",
        total.not_problem_json
    );
    println!("load: upstream received {} requests", upstream.count());
    println!(
        "load: proxy VmRSS KiB at start {} (t={:.0}s), middle {} (t={:.0}s), end {}; peak sampled VmRSS {}; VmHWM {}",
        start.1, start.0, middle.1, middle.0, end_rss, peak_rss, end_hwm
    );
    println!(
        "load: proxy wrote {} stderr lines; exit code after SIGTERM {exit:?}",
        proxy.stderr_lines()
    );

    assert!(alive, "the proxy died under load");
    assert_eq!(errors, 0, "requests without an answer");
    assert_eq!(total.not_problem_json, 0);
    assert!(answered > 0);
    for status in total.by_status.keys() {
        assert!(
            [200, 403, 502, 503, 504].contains(status),
            "unexpected status {status}"
        );
    }
    // Flat memory: the second half of the run does not grow the resident set much.
    assert!(
        end_rss <= middle.1 + middle.1 / 2 + 16 * 1024,
        "RSS grew from {} KiB to {end_rss} KiB",
        middle.1
    );
    assert_eq!(exit, Some(0));
}
