//! Helpers shared by the hostile, secrets, lifecycle and load tests: a counting, signature-checking
//! upstream with optional fault injection, the proxy in-process or as the real binary, and a raw
//! TCP client that sends bytes exactly as written.
#![allow(dead_code)]

pub mod cases;

use std::convert::Infallible;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Request, Response, StatusCode};
use edgegrid::{Credentials, SignRequest};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use iam_proxy::{Config, OriginPattern, Server, Upstream};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A client secret nobody would write by accident: any occurrence in output is a leak.
pub const SECRET: &str = "cs-SECRET-7f3a9b1c2d4e5f60718293a4b5c6d7e8=";
/// An access token as distinctive as the secret.
pub const ACCESS: &str = "akab-ACCESS-SECRET-0a1b2c3d4e5f6a7b";
/// The client token (not secret on its own).
pub const CLIENT: &str = "akab-client-token-test";
/// The API host in the test credentials.
pub const HOST: &str = "akab-test000.luna.akamaiapis.net";
/// The bearer token of the token-protected proxies.
pub const TOKEN: &str = "tok-BEARER-SECRET-9e8d7c6b5a49";
/// A path the proxy forwards.
pub const GROUPS: &str = "/identity-management/v3/user-admin/groups";

pub fn credentials() -> Credentials {
    Credentials::new(HOST, CLIENT, SECRET, ACCESS)
}

pub fn unwrap<T, E: std::fmt::Display>(r: Result<T, E>, what: &str) -> T {
    r.unwrap_or_else(|e| panic!("{what}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// The upstream
// ---------------------------------------------------------------------------------------------

/// One request as the upstream saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Index of the credential set whose signature matched, if any.
    pub verified_with: Option<usize>,
    pub authorization: String,
}

/// How often the upstream misbehaves: out of every 100 requests, `error_503` answer 503,
/// `reset` have their connection closed without an answer, `hang` get no answer for `hang_for`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Faults {
    pub error_503: usize,
    pub reset: usize,
    pub hang: usize,
    pub hang_for: Duration,
}

struct UpstreamState {
    credentials: Mutex<Vec<Credentials>>,
    seen: Mutex<Vec<Seen>>,
    count: AtomicUsize,
    faults: Faults,
    record: bool,
}

/// A local upstream that checks each EdgeGrid signature and counts every request.
///
/// `?sleep_ms=N` in the query delays the answer by N ms. Answers carry `Set-Cookie` and an
/// internal header, which the proxy must not relay.
pub struct TestUpstream {
    pub url: String,
    state: Arc<UpstreamState>,
}

impl TestUpstream {
    pub async fn start() -> Self {
        Self::start_with(vec![credentials()], Faults::default(), true).await
    }

    /// `record: false` keeps only the count (for long load runs).
    pub async fn start_with(credentials: Vec<Credentials>, faults: Faults, record: bool) -> Self {
        let state = Arc::new(UpstreamState {
            credentials: Mutex::new(credentials),
            seen: Mutex::new(Vec::new()),
            count: AtomicUsize::new(0),
            faults,
            record,
        });
        let listener = unwrap(TcpListener::bind("127.0.0.1:0").await, "bind upstream");
        let url = format!("http://{}", unwrap(listener.local_addr(), "upstream addr"));
        let accept_state = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = accept_state.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| answer(state.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        TestUpstream { url, state }
    }

    /// How many requests reached the upstream.
    pub fn count(&self) -> usize {
        self.state.count.load(Ordering::SeqCst)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state
            .seen
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }
}

async fn answer(
    state: Arc<UpstreamState>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let n = state.count.fetch_add(1, Ordering::SeqCst);
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_default();
    let authorization = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let candidates = state
        .credentials
        .lock()
        .map(|c| c.clone())
        .unwrap_or_default();
    let verified_with = candidates.iter().position(|c| {
        edgegrid::verify(
            c,
            &SignRequest {
                method: parts.method.as_str(),
                path_and_query: &target,
                headers: &[],
                body: &body,
            },
            &authorization,
            now,
            60,
        )
        .is_ok()
    });
    let body_len = body.len();
    if state.record {
        if let Ok(mut seen) = state.seen.lock() {
            seen.push(Seen {
                method: parts.method.to_string(),
                target: target.clone(),
                headers: parts.headers.clone(),
                body,
                verified_with,
                authorization: authorization.clone(),
            });
        }
    }
    if let Some(ms) = target
        .split_once("sleep_ms=")
        .and_then(|(_, rest)| rest.split('&').next())
        .and_then(|ms| ms.parse::<u64>().ok())
    {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let f = state.faults;
    // A fixed spread over each 100 requests (so every run injects the same share).
    let bucket = (n * 37) % 100;
    if bucket < f.error_503 {
        return Ok(response(
            StatusCode::SERVICE_UNAVAILABLE,
            "application/problem+json",
            r#"{"type":"https://problems.luna.akamaiapis.net/-/unavailable","title":"Unavailable","status":503}"#.to_owned(),
        ));
    }
    if bucket < f.error_503 + f.reset {
        return Err(std::io::Error::other("injected reset"));
    }
    if bucket < f.error_503 + f.reset + f.hang {
        tokio::time::sleep(f.hang_for).await;
    }
    if verified_with.is_none() {
        return Ok(response(
            StatusCode::UNAUTHORIZED,
            "application/problem+json",
            r#"{"type":"https://problems.luna.akamaiapis.net/-/pep-authn/deny","title":"Not authorized","status":401}"#.to_owned(),
        ));
    }
    Ok(response(
        StatusCode::OK,
        "application/json",
        format!(r#"{{"ok":true,"n":{n},"bodyBytes":{body_len}}}"#),
    ))
}

fn response(status: StatusCode, content_type: &str, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let h = response.headers_mut();
    if let Ok(v) = content_type.parse() {
        h.insert("content-type", v);
    }
    h.insert(
        "set-cookie",
        axum::http::HeaderValue::from_static("session=abc; HttpOnly"),
    );
    h.insert(
        "x-internal-note",
        axum::http::HeaderValue::from_static("do-not-relay"),
    );
    h.insert(
        "x-trace-id",
        axum::http::HeaderValue::from_static("trace-1"),
    );
    response
}

// ---------------------------------------------------------------------------------------------
// The proxy, in-process
// ---------------------------------------------------------------------------------------------

/// The configuration the hostile suite runs against: 1 s header and body timeouts, the default
/// limits otherwise, two allowed origins.
pub fn hostile_config(upstream: &str, token: Option<&str>) -> Config {
    let mut config = unwrap(Config::new(credentials()), "config");
    config.upstream = unwrap(Upstream::loopback(upstream), "upstream");
    config.allowed_origins = ["http://127.0.0.1:*", "https://app.example.com"]
        .into_iter()
        .map(|o| unwrap(OriginPattern::parse(o), "origin"))
        .collect();
    config.bearer_token = token.map(edgegrid::Secret::new);
    config.header_timeout = Duration::from_secs(1);
    config.body_timeout = Duration::from_secs(1);
    config.timeout = Duration::from_secs(2);
    config
}

pub struct InProcess {
    pub addr: SocketAddr,
    pub server: Server,
}

/// Starts the proxy on a random loopback port (its events go to this thread's subscriber, see
/// [`capture_logs`]).
pub async fn start_in_process(config: Config) -> InProcess {
    let server = unwrap(Server::new(config), "server");
    let listener = unwrap(TcpListener::bind("127.0.0.1:0").await, "bind proxy");
    let addr = unwrap(listener.local_addr(), "proxy addr");
    let running = server.clone();
    tokio::spawn(async move { running.run(listener, std::future::pending()).await });
    InProcess { addr, server }
}

// ---------------------------------------------------------------------------------------------
// Captured log events
// ---------------------------------------------------------------------------------------------

/// The lines a capturing subscriber wrote (one per event).
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    pub fn lines(&self) -> Vec<String> {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Captures every event (all levels) of the current thread as text or JSON lines until the guard
/// is dropped. `#[tokio::test]` runs on one thread, so the proxies a test starts log here.
pub fn capture_logs(json: bool) -> (tracing::subscriber::DefaultGuard, Captured) {
    let captured = Captured::default();
    let writer = captured.clone();
    let builder = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone());
    let guard = if json {
        tracing::subscriber::set_default(builder.json().flatten_event(true).finish())
    } else {
        tracing::subscriber::set_default(builder.finish())
    };
    (guard, captured)
}

// ---------------------------------------------------------------------------------------------
// The proxy, as the real binary
// ---------------------------------------------------------------------------------------------

/// A temporary file removed on drop.
pub struct TempFile(pub PathBuf);

impl TempFile {
    pub fn new(name: &str, text: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "iam-proxy-{}-{}-{name}",
            std::process::id(),
            NEXT_FILE.fetch_add(1, Ordering::SeqCst)
        ));
        let file = TempFile(path);
        file.write(text);
        file
    }

    pub fn write(&self, text: &str) {
        unwrap(std::fs::write(&self.0, text), "write temp file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o600));
        }
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn arg(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

static NEXT_FILE: AtomicUsize = AtomicUsize::new(0);

pub fn edgerc_text(client_token: &str, secret: &str, access: &str) -> String {
    format!(
        "[default]\nhost = {HOST}\nclient_token = {client_token}\nclient_secret = {secret}\naccess_token = {access}\n"
    )
}

/// The `iam-proxy` binary, started with `args`; killed on drop if still running.
pub struct Binary {
    pub child: Child,
    pub addr: SocketAddr,
    pub stdout_line: String,
    /// The `--admin-listen` address, when given.
    pub admin: Option<SocketAddr>,
    stderr: Arc<Mutex<Vec<String>>>,
    stderr_count: Arc<AtomicUsize>,
}

impl Binary {
    pub fn start(args: &[&str]) -> Self {
        Self::start_with(args, true)
    }

    /// With `keep_stderr: false` only lines that are not per-request events are kept (long runs).
    pub fn start_with(args: &[&str], keep_stderr: bool) -> Self {
        Self::start_env(args, &[], keep_stderr)
    }

    /// With these environment variables too.
    pub fn start_env(args: &[&str], env: &[(&str, &str)], keep_stderr: bool) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_iam-proxy"));
        command.args(args);
        for key in ["HOST", "CLIENT_TOKEN", "CLIENT_SECRET", "ACCESS_TOKEN"] {
            command.env_remove(format!("AKAMAI_{key}"));
        }
        command.env_remove("RUST_LOG");
        command.envs(env.iter().copied());
        let mut child = unwrap(
            command
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .stdin(Stdio::null())
                .spawn(),
            "spawn iam-proxy",
        );
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let stderr_count = Arc::new(AtomicUsize::new(0));
        if let Some(pipe) = child.stderr.take() {
            let lines = stderr.clone();
            let count = stderr_count.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    count.fetch_add(1, Ordering::Relaxed);
                    let per_request = line.contains("iam_proxy::request");
                    if keep_stderr || !per_request {
                        if let Ok(mut l) = lines.lock() {
                            l.push(line);
                        }
                    }
                }
            });
        }
        let mut line = String::new();
        let mut admin = None;
        if let Some(stdout) = child.stdout.take() {
            let mut reader = BufReader::new(stdout);
            let _ = reader.read_line(&mut line);
            if args.contains(&"--admin-listen") {
                let mut second = String::new();
                let _ = reader.read_line(&mut second);
                admin = second
                    .trim_end()
                    .strip_prefix("iam-proxy admin on http://")
                    .and_then(|a| a.parse().ok());
            }
            // Keep draining so the child never blocks on a full pipe.
            std::thread::spawn(move || {
                let mut sink = String::new();
                while reader.read_line(&mut sink).is_ok_and(|n| n > 0) {
                    sink.clear();
                }
            });
        }
        let addr = line
            .trim_end()
            .strip_prefix("iam-proxy listening on http://")
            .and_then(|a| a.parse().ok());
        let Some(addr) = addr else {
            let _ = child.kill();
            let _ = child.wait();
            let err = stderr.lock().map(|l| l.join("\n")).unwrap_or_default();
            panic!("iam-proxy did not start: {line:?} {err}");
        };
        Binary {
            child,
            addr,
            stdout_line: line,
            admin,
            stderr,
            stderr_count,
        }
    }

    /// How many stderr lines the process wrote.
    pub fn stderr_lines(&self) -> usize {
        self.stderr_count.load(Ordering::Relaxed)
    }

    pub fn stderr(&self) -> Vec<String> {
        self.stderr.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Sends a signal by name (`TERM`, `HUP`, `INT`) with kill(1).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status();
        assert!(status.is_ok_and(|s| s.success()), "kill -{name} failed");
    }

    /// Waits until a stderr line contains `needle`.
    pub async fn wait_for_line(&self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            if let Some(line) = self.stderr().into_iter().find(|l| l.contains(needle)) {
                return line;
            }
            assert!(
                Instant::now() < deadline,
                "no stderr line with {needle:?} within {within:?}: {:?}",
                self.stderr()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits for the process to exit and returns its exit code.
    pub async fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// VmRSS and VmHWM of the process, in KiB.
    pub fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Raw TCP
// ---------------------------------------------------------------------------------------------

/// One step of a raw exchange.
#[derive(Clone, Debug)]
pub enum Step {
    /// Write these bytes.
    Send(Vec<u8>),
    /// Wait before the next step.
    Pause(Duration),
}

/// What came back on the socket.
#[derive(Clone, Debug, Default)]
pub struct RawResponse {
    /// Every byte received.
    pub bytes: Vec<u8>,
    /// The status of the first response, if one arrived.
    pub status: Option<u16>,
    /// Its headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Its body (the rest of the bytes).
    pub body: Vec<u8>,
    /// The read ended with a reset rather than a clean close.
    pub reset: bool,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// Sends `steps` on a fresh connection while reading everything the server sends, until it
/// closes the connection or `read_for` passes.
pub async fn exchange(addr: SocketAddr, steps: &[Step], read_for: Duration) -> RawResponse {
    let stream = unwrap(tokio::net::TcpStream::connect(addr).await, "connect");
    exchange_on(stream, steps, read_for).await
}

/// [`exchange`], or `None` when nothing listens at `addr`.
pub async fn try_exchange(
    addr: SocketAddr,
    steps: &[Step],
    read_for: Duration,
) -> Option<RawResponse> {
    let stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    Some(exchange_on(stream, steps, read_for).await)
}

async fn exchange_on(
    stream: tokio::net::TcpStream,
    steps: &[Step],
    read_for: Duration,
) -> RawResponse {
    let (mut reader, mut writer) = stream.into_split();
    let read = tokio::spawn(async move {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        let mut reset = false;
        let deadline = tokio::time::Instant::now() + read_for;
        loop {
            match tokio::time::timeout_at(deadline, reader.read(&mut buf)).await {
                Ok(Ok(0)) | Err(_) => break,
                Ok(Ok(n)) => bytes.extend_from_slice(&buf[..n]),
                Ok(Err(_)) => {
                    reset = true;
                    break;
                }
            }
        }
        (bytes, reset)
    });
    for step in steps {
        match step {
            Step::Send(bytes) => {
                if writer.write_all(bytes).await.is_err() {
                    break;
                }
            }
            Step::Pause(d) => tokio::time::sleep(*d).await,
        }
    }
    let (bytes, reset) = read.await.unwrap_or_default();
    parse_response(bytes, reset)
}

fn parse_response(bytes: Vec<u8>, reset: bool) -> RawResponse {
    let mut out = RawResponse {
        reset,
        ..RawResponse::default()
    };
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n");
    if let Some(end) = split {
        let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let mut lines = head.split("\r\n");
        out.status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok());
        out.headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        out.body = bytes[end + 4..].to_vec();
    }
    out.bytes = bytes;
    out
}

/// A request: `line`, then `Host: host`, then `headers`, then an empty line.
pub fn request(line: &str, host: &str, headers: &[&str]) -> Vec<u8> {
    let mut text = format!("{line}\r\nHost: {host}\r\n");
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// A complete request sent in one write, with `Connection: close`.
pub fn simple(line: &str, host: &str, headers: &[&str]) -> Vec<Step> {
    let mut all = headers.to_vec();
    all.push("Connection: close");
    vec![Step::Send(request(line, host, &all))]
}

/// Waits until `cond` holds (polling), or panics after `within`.
pub async fn eventually(what: &str, within: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The signing keys for every second in `[from, to]` (unix seconds): none may ever be printed.
pub fn signing_keys(from: u64, to: u64) -> Vec<String> {
    (from..=to)
        .map(|t| edgegrid::signing_key(SECRET, &edgegrid::timestamp_from_unix(t)))
        .collect()
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `http://127.0.0.1:PORT` style base URL.
pub fn base(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

pub fn infallible<T>(t: T) -> Result<T, Infallible> {
    Ok(t)
}
