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
    let input = serde_json::to_vec(&cases).unwrap();
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
