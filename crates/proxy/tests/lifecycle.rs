//! Signals, with the real binary: SIGTERM/SIGINT drain in-flight requests and exit 0; SIGHUP
//! reloads the `.edgerc` section and the token file without dropping in-flight requests, and a
//! failed reload keeps the running configuration.

mod common;

use std::time::Duration;

use common::{
    credentials, edgerc_text, exchange, simple, Binary, Faults, RawResponse, TempFile,
    TestUpstream, ACCESS, CLIENT, GROUPS, SECRET,
};
use edgegrid::Credentials;

const SECRET_B: &str = "cs-SECRET-B-1122334455667788aabbccdd=";
const ACCESS_B: &str = "akab-ACCESS-B-99aa88bb77cc66dd";
const CLIENT_B: &str = "akab-client-token-B";
const WAIT: Duration = Duration::from_secs(10);

fn credentials_b() -> Credentials {
    Credentials::new(common::HOST, CLIENT_B, SECRET_B, ACCESS_B)
}

fn start(edgerc: &TempFile, upstream: &TestUpstream, extra: &[&str]) -> Binary {
    let path = edgerc.arg();
    let mut args = vec![
        "--edgerc",
        &path,
        "--listen",
        "127.0.0.1:0",
        "--upstream",
        &upstream.url,
    ];
    args.extend_from_slice(extra);
    Binary::start(&args)
}

async fn get(proxy: &Binary, query: &str, headers: &[&str]) -> RawResponse {
    exchange(
        proxy.addr,
        &simple(
            &format!("GET {GROUPS}{query} HTTP/1.1"),
            &proxy.addr.to_string(),
            headers,
        ),
        WAIT,
    )
    .await
}

fn assert_no_secret(lines: &[String]) {
    for line in lines {
        for secret in [SECRET, ACCESS, SECRET_B, ACCESS_B, "EG1-HMAC", "signature="] {
            assert!(!line.contains(secret), "{secret} in {line}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_accepting_lets_in_flight_finish_and_exits_0() {
    let upstream = TestUpstream::start().await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let mut proxy = start(&edgerc, &upstream, &[]);
    let addr = proxy.addr;
    let host = addr.to_string();
    let in_flight = tokio::spawn(async move {
        exchange(
            addr,
            &simple(&format!("GET {GROUPS}?sleep_ms=1500 HTTP/1.1"), &host, &[]),
            WAIT,
        )
        .await
    });
    common::eventually("the request to reach upstream", WAIT, || {
        upstream.count() == 1
    })
    .await;
    proxy.signal("TERM");
    proxy.wait_for_line("shutting down", WAIT).await;
    // No longer accepting: the listening socket is closed.
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    let answer = in_flight.await.unwrap_or_default();
    assert_eq!(answer.status, Some(200), "{}", answer.text());
    assert_eq!(proxy.wait_exit(WAIT).await, Some(0));
    let stderr = proxy.stderr();
    assert!(
        stderr.iter().any(|l| l.contains("1 request(s) in flight")),
        "{stderr:?}"
    );
    assert!(stderr.iter().any(|l| l.ends_with("stopped")), "{stderr:?}");
    assert_no_secret(&stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigint_on_an_idle_proxy_exits_0_at_once() {
    let upstream = TestUpstream::start().await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let mut proxy = start(&edgerc, &upstream, &[]);
    assert_eq!(get(&proxy, "", &[]).await.status, Some(200));
    proxy.signal("INT");
    assert_eq!(proxy.wait_exit(Duration::from_secs(3)).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_is_bounded_by_the_grace_period() {
    let upstream = TestUpstream::start().await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let mut proxy = start(
        &edgerc,
        &upstream,
        &["--shutdown-grace-secs", "1", "--timeout-secs", "20"],
    );
    let addr = proxy.addr;
    let host = addr.to_string();
    let stuck = tokio::spawn(async move {
        exchange(
            addr,
            &simple(&format!("GET {GROUPS}?sleep_ms=15000 HTTP/1.1"), &host, &[]),
            WAIT,
        )
        .await
    });
    common::eventually("the request to reach upstream", WAIT, || {
        upstream.count() == 1
    })
    .await;
    let signalled = std::time::Instant::now();
    proxy.signal("TERM");
    assert_eq!(proxy.wait_exit(WAIT).await, Some(0));
    let took = signalled.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert!(
        proxy
            .stderr()
            .iter()
            .any(|l| l.contains("grace period over")),
        "{:?}",
        proxy.stderr()
    );
    // The stuck client sees its connection end without an answer.
    assert_eq!(stuck.await.unwrap_or_default().status, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_swaps_credentials_keeps_in_flight_and_survives_a_bad_edgerc() {
    let upstream = TestUpstream::start_with(
        vec![credentials(), credentials_b()],
        Faults::default(),
        true,
    )
    .await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let mut proxy = start(&edgerc, &upstream, &["--log-level", "debug"]);
    assert_eq!(get(&proxy, "", &[]).await.status, Some(200));

    // A slow request signed with A is in flight while the configuration changes to B.
    let addr = proxy.addr;
    let host = addr.to_string();
    let in_flight = tokio::spawn(async move {
        exchange(
            addr,
            &simple(&format!("GET {GROUPS}?sleep_ms=1500 HTTP/1.1"), &host, &[]),
            WAIT,
        )
        .await
    });
    common::eventually("the slow request upstream", WAIT, || upstream.count() == 2).await;
    edgerc.write(&edgerc_text(CLIENT_B, SECRET_B, ACCESS_B));
    proxy.signal("HUP");
    proxy
        .wait_for_line("reloaded the configuration", WAIT)
        .await;
    assert_eq!(get(&proxy, "", &[]).await.status, Some(200));
    let answer = in_flight.await.unwrap_or_default();
    assert_eq!(answer.status, Some(200), "{}", answer.text());

    // A broken file: the reload fails, B stays in use.
    edgerc.write(&format!(
        "[default]\nhost = {}\nclient_token = x\nclient_secret = {SECRET}\n",
        common::HOST
    ));
    proxy.signal("HUP");
    let failed = proxy.wait_for_line("reload failed", WAIT).await;
    assert!(failed.contains("access_token"), "{failed}");
    assert_eq!(get(&proxy, "", &[]).await.status, Some(200));

    let signed_with: Vec<Option<usize>> = upstream.seen().iter().map(|s| s.verified_with).collect();
    assert_eq!(signed_with, [Some(0), Some(0), Some(1), Some(1)]);
    proxy.signal("TERM");
    assert_eq!(proxy.wait_exit(WAIT).await, Some(0));
    assert_no_secret(&proxy.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_the_token_file() {
    let upstream = TestUpstream::start().await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let token = TempFile::new("token", "tok-one-111\n");
    let token_arg = token.arg();
    let mut proxy = start(&edgerc, &upstream, &["--token-file", &token_arg]);
    let one = "Authorization: Bearer tok-one-111";
    let two = "Authorization: Bearer tok-two-222";
    assert_eq!(get(&proxy, "", &[one]).await.status, Some(200));
    assert_eq!(get(&proxy, "", &[two]).await.status, Some(401));

    token.write("  tok-two-222  \n");
    proxy.signal("HUP");
    proxy
        .wait_for_line("reloaded the configuration", WAIT)
        .await;
    assert_eq!(get(&proxy, "", &[one]).await.status, Some(401));
    assert_eq!(get(&proxy, "", &[two]).await.status, Some(200));

    token.write("\n");
    proxy.signal("HUP");
    let failed = proxy.wait_for_line("reload failed", WAIT).await;
    assert!(failed.contains("empty"), "{failed}");
    assert_eq!(get(&proxy, "", &[two]).await.status, Some(200));
    assert_eq!(upstream.count(), 3);
    proxy.signal("TERM");
    assert_eq!(proxy.wait_exit(WAIT).await, Some(0));
    for line in proxy.stderr() {
        assert!(
            !line.contains("tok-one") && !line.contains("tok-two"),
            "{line}"
        );
    }
}
