//! Differential test: our signer and Akamai's `edgegrid-python` (PyPI, 2.0.9) sign the same
//! generated requests and must produce identical `Authorization` headers.
//!
//! Needs `python3` with `edgegrid-python` installed (`scripts/setup.sh` installs it); without it the
//! test fails with a message saying so.

use std::io::Write;
use std::process::{Command, Stdio};

use edgegrid::{sign, timestamp_from_unix, Credentials, SignRequest};
use serde_json::{json, Value};

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const SEGMENTS: &[&str] = &[
    "identity-management",
    "v3",
    "user-admin",
    "ui-identities",
    "groups",
    "12345",
    "a;b;c",
    "111;222;333",
    "name%20with%20space",
    "%2F..%2F",
    "caf%C3%A9",
    "%3Fq%3D1",
    "x~y",
    "A-Z_0.9",
    "%25",
    "semi;colon=1",
    "%E2%9C%93",
];
const QUERY_KEYS: &[&str] = &[
    "authGrants",
    "actions",
    "groupId",
    "accountSwitchKey",
    "search",
    "q",
];
const QUERY_VALUES: &[&str] = &[
    "true",
    "false",
    "12345",
    "1-5C0YLB%3A1-8BYUX",
    "%7B%22foo%22%3A%22bar%22%7D",
    "a%20b",
    "",
    "x;y",
];
const HEADER_VALUES: &[&str] = &[
    "simple",
    "  padded  ",
    "in   ner\tspaces",
    "\"   quoted   \"",
    "",
    "a:b;c=d",
];

fn generate(
    rng: &mut Rng,
    i: usize,
) -> (Credentials, String, String, Vec<(String, String)>, Vec<u8>) {
    let max_body = rng.pick(&[16usize, 2048, 131_072]);
    let mut creds = Credentials::new(
        "akab-diff-host-xxxxxxxxxxxxxxxx.luna.akamaiapis.net",
        &format!("akab-client-token-{i}"),
        format!("secret-{}-{}=", rng.next(), i),
        format!("akab-access-token-{i}"),
    );
    creds.max_body = max_body;
    let signed_headers = ["X-Test1", "X-Test2", "X-Test3"];
    let n_signed = rng.below(4);
    creds.headers_to_sign = signed_headers[..n_signed]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let method = rng
        .pick(&["GET", "POST", "POST", "PUT", "DELETE", "PATCH"])
        .to_string();
    let mut path = String::new();
    for _ in 0..1 + rng.below(5) {
        path.push('/');
        path.push_str(rng.pick(SEGMENTS));
    }
    if rng.below(4) == 0 {
        path.push('/');
    }
    if rng.below(3) != 0 {
        let pairs: Vec<String> = (0..1 + rng.below(4))
            .map(|_| format!("{}={}", rng.pick(QUERY_KEYS), rng.pick(QUERY_VALUES)))
            .collect();
        path.push('?');
        path.push_str(&pairs.join("&"));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    for name in ["X-Test3", "X-Test1", "X-Extra", "X-Test2"] {
        if rng.below(3) != 0 {
            headers.push((name.to_string(), rng.pick(HEADER_VALUES).to_string()));
        }
    }
    let len = match rng.below(6) {
        0 => 0,
        1 => max_body - 1,
        2 => max_body,
        3 => max_body + 1,
        4 => max_body * 2 + rng.below(7),
        _ => rng.below(64),
    };
    let body: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
    (creds, method, path, headers, body)
}

/// Signs `cases` with edgegrid-python (tests/sign_with_edgegrid_python.py describes a case);
/// returns one `{"authorization", "path_url"}` per case.
fn sign_with_python(cases: &[Value]) -> Vec<Value> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/sign_with_edgegrid_python.py"
    );
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let mut child = Command::new(&python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e} (scripts/setup.sh installs it)"));
    let input = serde_json::to_vec(cases).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    assert!(
        out.status.success(),
        "edgegrid-python signer failed (pip install edgegrid-python==2.0.9; scripts/setup.sh does): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    written.unwrap();
    let theirs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(theirs.len(), cases.len());
    theirs
}

#[test]
fn signs_300_generated_requests_identically_to_edgegrid_python() {
    const N: usize = 300;
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let timestamp = timestamp_from_unix(1_764_000_000);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for i in 0..N {
        let (creds, method, path, headers, body) = generate(&mut rng, i);
        let nonce = format!("nonce-{i:04}-0000-4000-8000-000000000000");
        let header_refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let req = SignRequest {
            method: &method,
            path_and_query: &path,
            headers: &header_refs,
            body: &body,
        };
        ours.push(sign(&creds, &req, &timestamp, &nonce).authorization);
        if body.len() > creds.max_body {
            kinds.insert("body over max_body");
        }
        if path.contains(';') {
            kinds.insert("; in path");
        }
        if path.contains('%') {
            kinds.insert("percent-escape");
        }
        if !creds.headers_to_sign.is_empty() {
            kinds.insert("signed headers");
        }
        cases.push(json!({
            "method": method, "host": creds.host, "path_and_query": path, "headers": headers,
            "body_hex": body.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "client_token": creds.client_token, "client_secret": creds.client_secret.expose(),
            "access_token": creds.access_token.expose(), "max_body": creds.max_body,
            "headers_to_sign": creds.headers_to_sign, "timestamp": timestamp, "nonce": nonce,
        }));
    }
    assert_eq!(kinds.len(), 4, "generator covers every kind: {kinds:?}");

    let theirs = sign_with_python(&cases);
    assert_eq!(theirs.len(), N);
    for (i, (case, (mine, py))) in cases.iter().zip(ours.iter().zip(&theirs)).enumerate() {
        assert_eq!(
            py["path_url"], case["path_and_query"],
            "case {i}: requests would send another target than the one signed"
        );
        assert_eq!(
            mine,
            py["authorization"].as_str().unwrap(),
            "case {i}: {case}"
        );
    }
}

/// Percent-encodes the non-ASCII bytes of a target, as `requests` does before sending.
fn encode_non_ascii(target: &str) -> String {
    target
        .bytes()
        .map(|b| {
            if b.is_ascii() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// One request of [`signs_the_inputs_that_broke_akamais_own_signers_identically`]: the host as
/// configured (`.edgerc` style, maybe with a trailing `/`), the target as the caller wrote it
/// (maybe with raw non-ASCII), the body and `max_body`.
struct Edge {
    what: &'static str,
    host: &'static str,
    method: &'static str,
    target: String,
    body: Vec<u8>,
    max_body: usize,
}

fn edge_cases() -> Vec<Edge> {
    const HOST: &str = "akab-edge-xxxxxxxxxxxxxxxx.luna.akamaiapis.net";
    const P: &str = "/identity-management/v3/user-admin";
    let case = |what, host, method, target: &str, body: &[u8], max_body| Edge {
        what,
        host,
        method,
        target: target.to_owned(),
        body: body.to_vec(),
        max_body,
    };
    let mut cases = Vec::new();
    // edgegrid-node #52: a POST body cut by UTF-16 units instead of bytes. Multi-byte characters
    // (2, 3 and 4 bytes) with max_body falling at every offset inside one of them.
    for text in ["é", "€", "😀"] {
        let body = format!("ab{}{}z", text.repeat(3), text);
        for max_body in 2..=2 + 2 * text.len() {
            cases.push(case(
                "UTF-8 straddling max_body",
                HOST,
                "POST",
                P,
                body.as_bytes(),
                max_body,
            ));
        }
    }
    // edgegrid-python #51: `;` in paths (matrix parameters, empty ones, before `..`, in the query).
    for target in [
        format!("{P}/groups;v=1"),
        format!("{P}/a;b;c/d"),
        format!("{P};/x"),
        format!("{P}/x;"),
        format!("{P}/;"),
        format!("{P}/a/..;/b"),
        format!("{P}/a;x=1/b;y=2?q=1;2&r=;"),
    ] {
        cases.push(case("; in the path", HOST, "GET", &target, b"", 2048));
    }
    // edgegrid-node #46: a trailing `/` on the configured host (and a scheme, and upper case).
    for host in [
        "akab-edge-xxxxxxxxxxxxxxxx.luna.akamaiapis.net/",
        "https://akab-edge-xxxxxxxxxxxxxxxx.luna.akamaiapis.net/",
        "AKAB-Edge-xxxxxxxxxxxxxxxx.luna.akamaiapis.net/",
    ] {
        cases.push(case(
            "trailing / on the host",
            host,
            "GET",
            &format!("{P}/groups"),
            b"",
            2048,
        ));
        cases.push(case(
            "trailing / on the host",
            host,
            "POST",
            &format!("{P}/x?a=1"),
            b"{}",
            2048,
        ));
    }
    // Non-ASCII path segments, written raw by the caller: requests encodes them (UTF-8, upper-case
    // hex) and signs the encoded form; so must we.
    for target in [
        format!("{P}/café"),
        format!("{P}/ui-identities/ünïcödé/x"),
        format!("{P}/%E2%9C%93/✓"),
        format!("{P}/日本?q=ß"),
    ] {
        cases.push(case(
            "non-ASCII path segment",
            HOST,
            "GET",
            &target,
            b"",
            2048,
        ));
    }
    cases
}

#[test]
fn signs_the_inputs_that_broke_akamais_own_signers_identically() {
    let timestamp = timestamp_from_unix(1_764_000_000);
    let edges = edge_cases();
    let mut ours = Vec::new();
    let mut cases = Vec::new();
    for (i, e) in edges.iter().enumerate() {
        let mut creds = Credentials::new(
            e.host,
            "akab-ct-edge",
            format!("secret-{i}="),
            "akab-at-edge",
        );
        creds.max_body = e.max_body;
        let nonce = format!("nonce-{i:04}-0000-4000-8000-000000000000");
        let sent = encode_non_ascii(&e.target);
        let req = SignRequest {
            method: e.method,
            path_and_query: &sent,
            headers: &[],
            body: &e.body,
        };
        ours.push((
            sign(&creds, &req, &timestamp, &nonce).authorization,
            sent,
            creds.clone(),
            nonce.clone(),
        ));
        // Python gets the target as the caller wrote it; for a configured host with a trailing
        // `/`, the host as configured, joined with the target by urljoin as its README does.
        // (Only there: urljoin drops an empty `;` parameter, `/x;` becomes `/x`.)
        let mut case = json!({
            "method": e.method, "host": creds.host,
            "path_and_query": e.target, "headers": [],
            "body_hex": e.body.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "client_token": creds.client_token, "client_secret": creds.client_secret.expose(),
            "access_token": creds.access_token.expose(), "max_body": e.max_body,
            "headers_to_sign": [], "timestamp": timestamp, "nonce": nonce,
        });
        if e.host.ends_with('/') {
            let configured = e.host.trim_start_matches("https://");
            case["base_url"] = json!(format!("https://{configured}"));
        }
        cases.push(case);
    }
    let theirs = sign_with_python(&cases);
    let mut python_signs_another_target = Vec::new();
    for ((e, (mine, sent, creds, nonce)), py) in edges.iter().zip(&ours).zip(&theirs) {
        let at = format!(
            "{}: {} {} (max_body {})",
            e.what, e.method, e.target, e.max_body
        );
        assert_eq!(
            py["path_url"],
            sent.as_str(),
            "{at}: requests sends another target"
        );
        let python_signed = py["signed_path"].as_str().unwrap_or_default();
        if python_signed == sent {
            assert_eq!(py["authorization"].as_str(), Some(mine.as_str()), "{at}");
        } else {
            // edgegrid-python signs another target than requests sends (its #51): we sign the
            // one on the wire; signing Python's instead gives Python's header exactly.
            let req = SignRequest {
                method: e.method,
                path_and_query: python_signed,
                headers: &[],
                body: &e.body,
            };
            let as_python = sign(creds, &req, &timestamp, nonce).authorization;
            assert_eq!(
                py["authorization"].as_str(),
                Some(as_python.as_str()),
                "{at}"
            );
            python_signs_another_target.push(e.target.clone());
        }
    }
    // Only the empty `;` parameter at the end of a path is dropped by Python.
    assert_eq!(
        python_signs_another_target,
        [
            "/identity-management/v3/user-admin/x;",
            "/identity-management/v3/user-admin/;"
        ]
    );
}
