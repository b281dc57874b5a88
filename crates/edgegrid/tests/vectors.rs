//! Akamai's official EdgeGrid vectors (`tests/fixtures/edgegrid`) and the `.edgerc` samples.

use edgegrid::edgerc::{Edgerc, EdgercError};
use edgegrid::{content_hash, sign, signing_key, Credentials, SignRequest};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/edgegrid/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).expect("valid JSON")
}

fn creds_from(data: &Value) -> Credentials {
    let host = data
        .get("base_url")
        .or_else(|| data.get("host"))
        .and_then(Value::as_str)
        .expect("host");
    let mut c = Credentials::new(
        host,
        data["client_token"].as_str().unwrap(),
        data["client_secret"].as_str().unwrap(),
        data["access_token"].as_str().unwrap(),
    );
    c.max_body = data["max_body"].as_u64().unwrap() as usize;
    c.headers_to_sign = data["headers_to_sign"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_owned())
        .collect();
    c
}

/// Runs every case of a vector list; returns how many cases were checked.
fn run_cases(data: &Value, cases: &[Value]) -> usize {
    let creds = creds_from(data);
    let ts = data["timestamp"].as_str().unwrap();
    let nonce = data["nonce"].as_str().unwrap();
    for case in cases {
        let name = case["testName"].as_str().unwrap();
        let r = &case["request"];
        let headers: Vec<(String, String)> = r["headers"]
            .as_array()
            .map(|hs| {
                hs.iter()
                    .flat_map(|h| h.as_object().unwrap().iter())
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let header_refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = r["data"].as_str().unwrap_or("");
        let req = SignRequest {
            method: r["method"].as_str().unwrap(),
            path_and_query: r["path"].as_str().unwrap(),
            headers: &header_refs,
            body: body.as_bytes(),
        };
        let sig = sign(&creds, &req, ts, nonce);
        if let Some(expected) = case.get("expectedDataToSign").and_then(Value::as_str) {
            assert_eq!(
                sig.data_to_sign,
                format!(
                    "{expected}EG1-HMAC-SHA256 client_token={};access_token={};timestamp={ts};nonce={nonce};",
                    creds.client_token,
                    creds.access_token.expose()
                ),
                "data to sign of {name}"
            );
        }
        assert_eq!(
            sig.authorization,
            case["expectedAuthorization"].as_str().unwrap(),
            "Authorization of {name}"
        );
    }
    cases.len()
}

#[test]
fn official_testcases_all_15_pass_with_string_to_sign() {
    let data = json("testdata.json");
    let cases = json("testcases.json");
    let cases = cases.as_array().unwrap();
    assert_eq!(run_cases(&data, cases), 15);
    let with_string = cases
        .iter()
        .filter(|c| c.get("expectedDataToSign").is_some())
        .count();
    assert_eq!(
        with_string, 14,
        "every case but one gives the string to sign"
    );
}

#[test]
fn java_basic_vectors_pass() {
    let data = json("java_basic_vectors.json");
    let n = run_cases(&data, data["tests"].as_array().unwrap());
    assert_eq!(n, 6);
}

#[test]
fn signing_key_and_content_hash_match_testdata() {
    let data = json("testdata.json");
    assert_eq!(
        signing_key(
            data["client_secret"].as_str().unwrap(),
            data["timestamp"].as_str().unwrap()
        ),
        data["sign_key_test"].as_str().unwrap()
    );
    assert_eq!(
        content_hash("POST", b"test_body", 2048),
        data["content_hash_test"].as_str().unwrap()
    );
    assert_eq!(content_hash("PUT", b"test_body", 2048), "");
    assert_eq!(content_hash("POST", b"", 2048), "");
}

#[test]
fn sample_edgerc_parses_every_section() {
    let rc = Edgerc::parse(&fixture("sample.edgerc")).expect("sample.edgerc parses");
    assert_eq!(rc.sections(), ["broken", "dashes", "default", "headers"]);
    let d = rc.credentials("default").unwrap();
    assert_eq!(
        d.host,
        "xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx.luna.akamaiapis.net"
    );
    assert_eq!(d.max_body, 131072);
    // Quoted value with scheme and trailing slash is normalised, as Node and Python do.
    let b = rc.credentials("broken").unwrap();
    assert_eq!(
        b.host,
        "xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx.luna.akamaiapis.net"
    );
    let h = rc.credentials("headers").unwrap();
    assert_eq!(h.headers_to_sign, ["X-MyThing1", "X-MyThing2"]);
    let dashes = rc.credentials("dashes").unwrap();
    assert_eq!(
        dashes.client_token,
        "xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx"
    );
    assert_eq!(dashes.max_body, 131072);
}

#[test]
fn broken_edgerc_error_names_missing_keys_and_bad_max_body() {
    let rc = Edgerc::parse(&fixture("broken.edgerc")).expect("syntax is fine");
    let err = rc.credentials("default").unwrap_err();
    assert_eq!(
        err,
        EdgercError::Missing {
            section: "default".into(),
            keys: vec!["host", "client_secret"]
        }
    );
    assert_eq!(
        err.to_string(),
        ".edgerc section [default] is missing required keys host, client_secret"
    );
    // With the missing keys supplied, the next problem is named: max_body is not a number.
    let fixed = format!(
        "{}host = h.example\nclient_secret = s\n",
        fixture("broken.edgerc")
    );
    let err = Edgerc::parse(&fixed)
        .unwrap()
        .credentials("default")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        ".edgerc section [default] key max_body: `xx131072` is not a whole number of bytes"
    );
}
