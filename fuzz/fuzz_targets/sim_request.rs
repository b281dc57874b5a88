//! Arbitrary signed requests through the whole simulator (its axum router, in process): query
//! strings, path parameters and JSON bodies as the fuzzer writes them.
//!
//! Input (seeds/sim_request/ holds one per spec operation, with the spec's examples):
//! ```text
//! METHOD TARGET
//! Name: value              (optional headers, up to an empty line)
//!
//! body bytes (anything, to the end)
//! ```
//! Each request is signed for the simulator's credentials, so it passes authentication; the store
//! is reset to the built-in seed before each one, so a crash replays alone. Targets that `http`
//! cannot parse are skipped (hyper refuses them before the simulator sees them).
//!
//! Oracles: nothing panics; no answer is a 5xx or a 401; every 4xx is `application/problem+json`
//! whose `status` is the response status.
#![no_main]

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Method, Request, Uri};
use axum::Router;
use edgegrid::{Credentials, SignRequest};
use http_body_util::BodyExt;
use iam_sim::{AppState, Config, Data};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

struct World {
    rt: tokio::runtime::Runtime,
    state: AppState,
    pristine: Data,
    router: Router,
    credentials: Credentials,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let credentials = Credentials::new(
            "akab-fuzz.luna.akamaiapis.net",
            "akab-ct",
            "c2VjcmV0",
            "akab-at",
        );
        let state = AppState::new(Config::new(credentials.clone())).expect("the built-in seed");
        let pristine = state.store().read().clone();
        let router = iam_sim::router(state.clone());
        World {
            rt,
            state,
            pristine,
            router,
            credentials,
        }
    })
}

fn parse(data: &[u8], credentials: &Credentials) -> Option<Request<Body>> {
    let split = data.windows(2).position(|w| w == b"\n\n");
    let (head, body) = match split {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &[][..]),
    };
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.split('\n');
    let (method, target) = lines.next()?.split_once(' ')?;
    let method = Method::from_bytes(method.as_bytes()).ok()?;
    let uri = Uri::try_from(target).ok()?;
    if uri.scheme().is_some() {
        return None;
    }
    let mut builder = Request::builder().method(method.clone()).uri(uri.clone());
    for line in lines {
        let (name, value) = line.split_once(':')?;
        let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
        if name == "authorization" || name == "content-length" {
            continue;
        }
        builder = builder.header(name, HeaderValue::from_str(value.trim()).ok()?);
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let signature = edgegrid::sign(
        credentials,
        &SignRequest {
            method: method.as_str(),
            path_and_query: uri.path_and_query().map_or("/", |pq| pq.as_str()),
            headers: &[],
            body,
        },
        &edgegrid::timestamp_from_unix(now),
        &edgegrid::make_nonce([9; 16]),
    );
    builder
        .header("authorization", signature.authorization)
        .header("content-length", body.len())
        .body(Body::from(body.to_vec()))
        .ok()
}

fuzz_target!(|data: &[u8]| {
    let world = world();
    let Some(request) = parse(data, &world.credentials) else {
        return;
    };
    if world.state.store().replace(world.pristine.clone()).is_err() {
        panic!("the store could not be reset");
    }
    let what = format!("{} {}", request.method(), request.uri());
    world.rt.block_on(async {
        let response = world
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let content_type = response.headers().get("content-type").cloned();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let text = String::from_utf8_lossy(&body);
        assert!(status.as_u16() < 500, "{what}: {status} {text}");
        assert_ne!(
            status.as_u16(),
            401,
            "{what}: a signed request was refused: {text}"
        );
        if status.is_client_error() {
            assert_eq!(
                content_type.as_ref().and_then(|v| v.to_str().ok()),
                Some("application/problem+json"),
                "{what}: {status} is not problem+json: {text}"
            );
            let problem: serde_json::Value =
                serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{what}: {e}: {text}"));
            assert_eq!(problem["status"], status.as_u16(), "{what}: {text}");
        }
    });
});
