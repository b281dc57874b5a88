//! EdgeGrid authentication: every request is verified before routing.

mod common;

use common::{start, Reply, BASE};
use edgegrid::SignRequest;
use reqwest::Method;

const USERS: &str = "/identity-management/v3/user-admin/ui-identities";

fn assert_denied(reply: &Reply, host: &str) {
    assert_eq!(reply.status, 401, "{:?}", reply.body);
    assert_eq!(reply.content_type(), "application/problem+json");
    let challenge = reply
        .headers
        .get("www-authenticate")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(challenge, format!("EG1-HMAC-SHA256 realm=\"{host}\""));
    assert_eq!(
        reply.body["type"],
        "https://problems.luna.akamaiapis.net/-/pep-authn/deny"
    );
    assert_eq!(reply.body["title"], "Not authorized");
    assert_eq!(reply.body["status"], 401);
    assert!(reply.body["detail"].is_string());
}

fn sign_at(sim: &common::Sim, method: &str, path: &str, body: &[u8], secs: u64) -> String {
    let req = SignRequest {
        method,
        path_and_query: path,
        headers: &[],
        body,
    };
    edgegrid::sign(
        &sim.creds,
        &req,
        &edgegrid::timestamp_from_unix(secs),
        "nonce-test",
    )
    .authorization
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn signed_request_200() {
    let sim = start().await;
    assert_eq!(sim.get(USERS).await.status, 200);
}

#[tokio::test]
async fn bad_signature_401_problem_json_with_www_authenticate() {
    let sim = start().await;
    let good = sim_sig(&sim, USERS);
    let (prefix, _) = good.rsplit_once("signature=").unwrap();
    let forged = format!("{prefix}signature=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    let reply = sim.send(Method::GET, USERS, Some(&forged), b"").await;
    assert_denied(&reply, &sim.creds.host);
    assert_eq!(reply.body["detail"], "The signature does not match");
    assert_eq!(reply.body["instance"], USERS);
    let text = reply.body.to_string();
    assert!(
        !text.contains(sim.creds.access_token.expose())
            && !text.contains(sim.creds.client_secret.expose())
    );
}

fn sim_sig(sim: &common::Sim, path: &str) -> String {
    sign_at(sim, "GET", path, b"", now())
}

#[tokio::test]
async fn signature_for_another_query_401() {
    let sim = start().await;
    let auth = sim_sig(&sim, USERS);
    let reply = sim
        .send(
            Method::GET,
            &format!("{USERS}?authGrants=true"),
            Some(&auth),
            b"",
        )
        .await;
    assert_denied(&reply, &sim.creds.host);
}

#[tokio::test]
async fn no_authorization_401() {
    let sim = start().await;
    let reply = sim.send(Method::GET, USERS, None, b"").await;
    assert_denied(&reply, &sim.creds.host);
}

#[tokio::test]
async fn timestamp_outside_30_s_is_400_invalid_timestamp_as_the_edge_answers() {
    let sim = start().await;
    for skew in [-45i64, 40, -600] {
        let at = now().saturating_add_signed(skew);
        let auth = sign_at(&sim, "GET", USERS, b"", at);
        let reply = sim.send(Method::GET, USERS, Some(&auth), b"").await;
        assert_eq!(reply.status, 400, "{skew}: {:?}", reply.body);
        assert_eq!(
            reply.body["type"],
            "https://problems.luna.akamaiapis.net/-/pep-authn/request-error"
        );
        assert_eq!(reply.body["title"], "Bad request");
        assert_eq!(reply.body["detail"], "Invalid timestamp");
        assert_eq!(reply.body["method"], "GET");
        assert!(reply.body["requestTime"].is_string());
    }
    // Within the window: accepted.
    let auth = sign_at(&sim, "GET", USERS, b"", now() - 20);
    assert_eq!(
        sim.send(Method::GET, USERS, Some(&auth), b"").await.status,
        200
    );
}

#[tokio::test]
async fn wrong_access_token_401() {
    let sim = start().await;
    let mut other = sim.creds.clone();
    other.access_token = "akab-someone-else".into();
    let req = SignRequest {
        method: "GET",
        path_and_query: USERS,
        headers: &[],
        body: b"",
    };
    let auth = edgegrid::sign_now(&other, &req).authorization;
    let reply = sim.send(Method::GET, USERS, Some(&auth), b"").await;
    assert_denied(&reply, &sim.creds.host);
    assert!(!reply.body.to_string().contains("akab-someone-else"));
}

#[tokio::test]
async fn unknown_path_without_signature_401_not_404() {
    let sim = start().await;
    let reply = sim
        .send(Method::GET, &format!("{BASE}/nope"), None, b"")
        .await;
    assert_denied(&reply, &sim.creds.host);
}

#[tokio::test]
async fn post_body_is_part_of_the_signature_tampered_body_401() {
    let sim = start().await;
    let auth = sign_at(&sim, "POST", USERS, br#"{"firstName":"A"}"#, now());
    let ok = sim
        .send(Method::POST, USERS, Some(&auth), br#"{"firstName":"A"}"#)
        .await;
    assert_ne!(
        ok.status, 401,
        "a correctly signed POST passes authentication"
    );
    let tampered = sim
        .send(Method::POST, USERS, Some(&auth), br#"{"firstName":"B"}"#)
        .await;
    assert_denied(&tampered, &sim.creds.host);
}

#[tokio::test]
async fn body_over_one_mib_413_problem_json() {
    let sim = start().await;
    let body = vec![b'x'; (1 << 20) + 1];
    let reply = sim.signed(Method::POST, USERS, &body).await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.content_type(), "application/problem+json");
    assert_eq!(reply.body["statusCode"], 413);
}
