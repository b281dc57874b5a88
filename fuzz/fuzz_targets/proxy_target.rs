//! Arbitrary request targets and headers through the whole proxy (its axum router, in process),
//! with a loopback upstream that echoes the target it receives and checks its signature.
//!
//! Input: an HTTP/1.1 request head as text (seeds/proxy_target/ holds the hostile suite's):
//! ```text
//! METHOD TARGET [HTTP/1.1]
//! Name: value
//! ...
//! ```
//! A request that carries an `Authorization` header goes to a proxy that requires the bearer token
//! `tok-fuzz` and adds an `accountSwitchKey`; any other to an open proxy. `Host: 127.0.0.1` is
//! added when the input has no `Host` header. Heads that hyper would not parse are skipped.
//!
//! Oracles: nothing panics; a refusal is a 4xx `application/problem+json`; every target that
//! reaches the upstream carries a valid signature for exactly that target, starts with
//! `/identity-management/v3/`, has no `.` or `..` segment (decoded or not), no encoded `/` or `\`
//! and no `%25`, is unchanged by URL parsing (so no client or server normalises it elsewhere), and
//! is its own canonical form (the proxy's [`canonical_target`] leaves it as it is).
#![no_main]

use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode, Uri};
use axum::Router;
use edgegrid::{Credentials, SignRequest};
use http_body_util::BodyExt;
use iam_proxy::{canonical_target, Config, LogSink, OriginPattern, Upstream, API_PREFIX};
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use tower::ServiceExt;

const TOKEN: &str = "tok-fuzz";
const ACCOUNT_KEY: &str = "1-ABC:2 3";
const ECHOED: &str = "x-request-id";

struct World {
    rt: tokio::runtime::Runtime,
    open: Router,
    strict: Router,
}

fn credentials() -> Credentials {
    Credentials::new(
        "akab-fuzz.luna.akamaiapis.net",
        "akab-ct",
        "c2VjcmV0",
        "akab-at",
    )
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let upstream = rt.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let addr = listener.local_addr().expect("address");
            let echo = Router::new().fallback(echo);
            tokio::spawn(async move { axum::serve(listener, echo).await });
            format!("http://{addr}")
        });
        let proxy = |strict: bool| {
            let mut creds = credentials();
            if strict {
                creds.account_key = Some(ACCOUNT_KEY.to_owned());
            }
            let mut config = Config::new(creds).expect("config");
            config.upstream = Upstream::loopback(&upstream).expect("upstream");
            config.allowed_origins =
                vec![OriginPattern::parse("http://127.0.0.1:*").expect("origin")];
            config.log = LogSink::new(|_| {});
            if strict {
                config.bearer_token = Some(TOKEN.into());
            }
            let _guard = rt.enter();
            iam_proxy::router(config).expect("router")
        };
        let (open, strict) = (proxy(false), proxy(true));
        World { rt, open, strict }
    })
}

/// The upstream: answers 200 with the target it received in a header and whether its signature
/// verifies in another.
async fn echo(request: Request<Body>) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map_or("", |pq| pq.as_str())
        .to_owned();
    let authorization = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let signed = SignRequest {
        method: parts.method.as_str(),
        path_and_query: &target,
        headers: &[],
        body: &body,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let verified = edgegrid::verify(&credentials(), &signed, authorization, now, 300).is_ok();
    let mut response = Response::new(Body::from(target));
    let mark = if verified {
        "echo-signed"
    } else {
        "echo-unsigned"
    };
    response
        .headers_mut()
        .insert(ECHOED, HeaderValue::from_static(mark));
    response
}

fn parse(data: &[u8]) -> Option<(Request<Body>, bool)> {
    let text = std::str::from_utf8(data).ok()?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = lines.next()?;
    let mut words = first.split(' ');
    let method = Method::from_bytes(words.next()?.as_bytes()).ok()?;
    let target = words.next()?;
    let uri = Uri::try_from(target).ok()?;
    let mut builder = Request::builder().method(method).uri(uri);
    let (mut has_host, mut has_auth) = (false, false);
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = HeaderValue::from_str(value.trim()).ok()?;
        has_host |= name == "host";
        has_auth |= name == "authorization";
        builder = builder.header(name, value);
    }
    if !has_host {
        builder = builder.header("host", "127.0.0.1");
    }
    Some((builder.body(Body::empty()).ok()?, has_auth))
}

fuzz_target!(|data: &[u8]| {
    let Some((request, strict)) = parse(data) else {
        return;
    };
    let world = world();
    let router = if strict { &world.strict } else { &world.open };
    let (status, echoed, body) = world.rt.block_on(async {
        let response = router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let echoed = response.headers().get(ECHOED).cloned();
        let content_type = response.headers().get("content-type").cloned();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        if echoed.is_none() && status != StatusCode::NO_CONTENT {
            assert!(status.is_client_error(), "refused with {status}: {body:?}");
            assert_eq!(
                content_type.as_ref().and_then(|v| v.to_str().ok()),
                Some("application/problem+json"),
                "refused with {status} but not problem+json"
            );
        }
        (status, echoed, body)
    });
    let Some(echoed) = echoed else {
        return;
    };
    assert_eq!(status, StatusCode::OK);
    check_forwarded(&body, echoed.as_bytes() == b"echo-signed", strict);
});

/// The oracle on a target that reached the upstream.
fn check_forwarded(body: &Bytes, signed: bool, strict: bool) {
    let target = std::str::from_utf8(body).expect("the upstream saw a UTF-8 target");
    assert!(
        signed,
        "{target}: the signature does not match what the upstream received"
    );
    assert!(
        target.starts_with(API_PREFIX),
        "{target}: outside {API_PREFIX}"
    );
    let path = target.split_once('?').map_or(target, |(p, _)| p);
    for segment in path.split('/') {
        let decoded = percent_decode_str(segment).collect::<Vec<u8>>();
        for name in [segment.as_bytes(), &decoded] {
            let name = name.split(|&b| b == b';').next().unwrap_or_default();
            assert!(name != b"." && name != b"..", "{target}: a dot segment");
        }
        assert!(
            !decoded.contains(&b'/') && !decoded.contains(&b'\\') && !decoded.contains(&b'%'),
            "{target}: an encoded '/', '\\' or '%' in a segment"
        );
    }
    let url = url::Url::parse(&format!("https://h.example{target}")).expect("a valid URL");
    let mut normalised = url.path().to_owned();
    if let Some(q) = url.query() {
        normalised.push('?');
        normalised.push_str(q);
    }
    assert_eq!(normalised, target, "URL parsing changes the target");
    assert_eq!(
        canonical_target(target).as_deref(),
        Ok(target),
        "not its own canonical form"
    );
    if strict {
        let query = target.split_once('?').map_or("", |(_, q)| q);
        let named = |pair: &str| {
            let name = pair.split('=').next().unwrap_or_default();
            percent_decode_str(name).decode_utf8_lossy() == "accountSwitchKey"
        };
        assert!(query.split('&').any(named), "{target}: no accountSwitchKey");
    }
}
