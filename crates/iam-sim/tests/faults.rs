//! Fault injection through the admin API (and `Config::faults`): each kind does what it should
//! at rate 1.0, faulted writes are not applied, faults touch only authenticated API requests,
//! `/stats` counts requests, and `/reset` restores the seed.

mod common;

use std::time::{Duration, Instant};

use common::{assert_api_problem, dev_credentials, http_client, Sim, BASE};
use reqwest::Method;
use serde_json::{json, Value};

/// A simulator with its admin API, both in this test's runtime.
struct Setup {
    sim: Sim,
    admin: String,
    http: reqwest::Client,
}

async fn start(config: iam_sim::Config) -> Setup {
    let state = iam_sim::AppState::new(config).unwrap();
    let api = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let admin = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (api_addr, admin_addr) = (api.local_addr().unwrap(), admin.local_addr().unwrap());
    tokio::spawn(iam_sim::serve_state(api, state.clone()));
    tokio::spawn(iam_sim::serve_admin(admin, state));
    Setup {
        sim: Sim::at(format!("http://{api_addr}")),
        admin: format!("http://{admin_addr}"),
        http: http_client(),
    }
}

impl Setup {
    async fn admin(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.admin));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let body = res.json().await.unwrap_or(Value::Null);
        (status, body)
    }

    async fn faults(&self, kinds: &[&str]) {
        let body =
            json!({"rate": 1.0, "kinds": kinds, "slowMs": 300, "retryAfterSecs": 3, "seed": 42});
        let (status, echoed) = self.admin(Method::PUT, "/faults", Some(body)).await;
        assert_eq!(status, 200, "{echoed}");
    }

    async fn group_names(&self) -> Vec<String> {
        let tree = self
            .sim
            .get(&format!("{BASE}/user-admin/groups/18000"))
            .await;
        tree.body["subGroups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["groupName"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn config() -> iam_sim::Config {
    iam_sim::Config::new(dev_credentials())
}

const CREATE: &str = "/identity-management/v3/user-admin/groups/18000";

#[tokio::test]
async fn fault_429_answers_problem_json_with_retry_after() {
    let s = start(config()).await;
    s.faults(&["429"]).await;
    let reply = s.sim.get(&format!("{BASE}/user-admin/groups")).await;
    assert_api_problem(&reply, 429);
    assert_eq!(reply.headers.get("retry-after").unwrap(), "3");
}

#[tokio::test]
async fn fault_503_on_a_write_is_not_applied_and_a_retry_is() {
    let s = start(config()).await;
    s.faults(&["503"]).await;
    let body = json!({"groupName": "Faulted"}).to_string();
    let reply = s.sim.signed(Method::POST, CREATE, body.as_bytes()).await;
    assert_api_problem(&reply, 503);
    assert_eq!(s.admin(Method::DELETE, "/faults", None).await.0, 204);
    assert!(
        !s.group_names().await.contains(&"Faulted".to_owned()),
        "the 503 write was not applied"
    );
    let retry = s.sim.signed(Method::POST, CREATE, body.as_bytes()).await;
    assert_eq!(retry.status, 201, "the retry is applied once");
    assert_eq!(
        s.group_names()
            .await
            .iter()
            .filter(|n| *n == "Faulted")
            .count(),
        1
    );
}

#[tokio::test]
async fn fault_slow_delays_then_answers_normally() {
    let s = start(config()).await;
    s.faults(&["slow"]).await;
    let started = Instant::now();
    let reply = s.sim.get(&format!("{BASE}/user-admin/roles")).await;
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(reply.status, 200);
    assert!(reply.body.as_array().is_some_and(|r| !r.is_empty()));
}

#[tokio::test]
async fn fault_drop_closes_the_connection_without_a_response_and_applies_nothing() {
    let s = start(config()).await;
    s.faults(&["drop"]).await;
    let body = json!({"groupName": "Dropped"}).to_string();
    let result = s
        .sim
        .try_signed(Method::POST, CREATE, body.as_bytes())
        .await;
    assert!(
        result.is_err(),
        "expected a transport error, got {:?}",
        result.map(|r| r.status)
    );
    s.admin(Method::DELETE, "/faults", None).await;
    assert!(!s.group_names().await.contains(&"Dropped".to_owned()));
}

#[tokio::test]
async fn fault_malformed_is_200_json_that_does_not_parse() {
    let s = start(config()).await;
    s.faults(&["malformed"]).await;
    let reply = s.sim.get(&format!("{BASE}/user-admin/groups")).await;
    assert_eq!(reply.status, 200);
    assert!(reply.content_type().starts_with("application/json"));
    assert!(
        serde_json::from_slice::<Value>(&reply.raw).is_err(),
        "{:?}",
        String::from_utf8_lossy(&reply.raw)
    );
}

#[tokio::test]
async fn faults_skip_unauthenticated_requests_and_admin_refuses_bad_settings() {
    let s = start(config()).await;
    s.faults(&["503"]).await;
    let unsigned = s
        .sim
        .send(Method::GET, &format!("{BASE}/user-admin/groups"), None, b"")
        .await;
    assert_eq!(unsigned.status, 401);
    let (status, body) = s
        .admin(
            Method::PUT,
            "/faults",
            Some(json!({"rate": 1.5, "kinds": ["503"]})),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = s
        .admin(
            Method::PUT,
            "/faults",
            Some(json!({"rate": 0.5, "kinds": ["teapot"]})),
        )
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn config_faults_with_one_seed_give_the_same_fault_sequence() {
    let mut outcomes = Vec::new();
    for _ in 0..2 {
        let mut c = config();
        c.faults = Some(
            iam_sim::faults::FaultConfig::from_json(
                r#"{"rate":0.5,"kinds":["429","503"],"seed":7}"#,
            )
            .unwrap(),
        );
        let s = start(c).await;
        let mut statuses = Vec::new();
        for _ in 0..12 {
            statuses.push(
                s.sim
                    .get(&format!("{BASE}/user-admin/roles"))
                    .await
                    .status
                    .as_u16(),
            );
        }
        outcomes.push(statuses);
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert!(
        outcomes[0].contains(&200) && outcomes[0].iter().any(|s| *s != 200),
        "{:?}",
        outcomes[0]
    );
}

#[tokio::test]
async fn stats_count_requests_by_method_and_operation_and_faults() {
    let s = start(config()).await;
    s.sim.get(&format!("{BASE}/user-admin/groups")).await;
    s.sim.get(&format!("{BASE}/user-admin/groups")).await;
    s.sim
        .signed(Method::POST, CREATE, br#"{"groupName": "Counted"}"#)
        .await;
    s.sim
        .send(Method::GET, &format!("{BASE}/user-admin/roles"), None, b"")
        .await;
    s.faults(&["503"]).await;
    s.sim.get(&format!("{BASE}/user-admin/roles")).await;
    let (status, stats) = s.admin(Method::GET, "/stats", None).await;
    assert_eq!(status, 200);
    println!("stats: {stats}");
    assert_eq!(stats["total"], 5);
    assert_eq!(stats["byMethod"]["GET"], 4);
    assert_eq!(stats["byMethod"]["POST"], 1);
    assert_eq!(stats["byOperation"]["get-groups"], 2);
    assert_eq!(stats["byOperation"]["post-group"], 1);
    assert_eq!(
        stats["byOperation"]["get-roles"], 1,
        "the unsigned request is not an operation call"
    );
    assert_eq!(stats["faults"]["503"], 1);
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let s = start(config()).await;
    s.sim
        .signed(Method::POST, CREATE, br#"{"groupName": "Temporary"}"#)
        .await;
    assert!(s.group_names().await.contains(&"Temporary".to_owned()));
    assert_eq!(s.admin(Method::POST, "/reset", None).await.0, 204);
    assert!(!s.group_names().await.contains(&"Temporary".to_owned()));
}
