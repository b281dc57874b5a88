//! Native signing rate of `crates/edgegrid`: signs the bench's request set (JSON from the
//! command line) in rounds for about `--secs` seconds and prints one JSON line: the median rate of
//! the rounds, and a digest of the 1,000 headers so the runs of all signers can be compared.
//!
//! usage: sign-native REQUESTS.json [--secs S]

use std::time::Instant;

use edgegrid::{sign, Credentials, SignRequest};
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Set {
    host: String,
    client_token: String,
    client_secret: String,
    access_token: String,
    timestamp: String,
    nonce: String,
    requests: Vec<Req>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Req {
    method: String,
    path: String,
    body: String,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = args.get(1).expect("usage: sign-native REQUESTS.json [--secs S]");
    let secs: f64 = match args.iter().position(|a| a == "--secs") {
        Some(i) => args[i + 1].parse().expect("--secs takes a number"),
        None => 2.0,
    };
    let set: Set = serde_json::from_str(&std::fs::read_to_string(file).expect("readable"))
        .expect("a request set");
    let creds = Credentials::new(
        &set.host,
        &set.client_token,
        set.client_secret.as_str(),
        set.access_token.as_str(),
    );
    let round = || -> Vec<String> {
        set.requests
            .iter()
            .map(|r| {
                let req = SignRequest {
                    method: &r.method,
                    path_and_query: &r.path,
                    headers: &[],
                    body: r.body.as_bytes(),
                };
                sign(&creds, &req, &set.timestamp, &set.nonce).authorization
            })
            .collect()
    };
    let headers = round();
    let mut digest = Sha256::new();
    for h in &headers {
        digest.update(h.as_bytes());
        digest.update(b"\n");
    }
    let digest: String = digest.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let mut rates = Vec::new();
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < secs || rates.len() < 5 {
        let t = Instant::now();
        let out = round();
        let dt = t.elapsed().as_secs_f64();
        std::hint::black_box(out);
        rates.push(set.requests.len() as f64 / dt);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    let median = rates[rates.len() / 2];
    println!(
        "{{\"signer\":\"native\",\"perSec\":{median:.0},\"rounds\":{},\"digest\":\"{digest}\",\"first\":{}}}",
        rates.len(),
        serde_json::to_string(&headers[0]).unwrap_or_default()
    );
}
