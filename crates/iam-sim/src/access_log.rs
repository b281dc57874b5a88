//! One line per request on stderr: method, path, status and time taken.
//!
//! Only the path is logged: never headers (the `Authorization` header carries the access token)
//! and never the query string.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Middleware writing `METHOD /path STATUS 1.2ms` to stderr after each response.
pub async fn log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = Instant::now();
    let res = next.run(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    eprintln!("{method} {path} {} {ms:.1}ms", res.status().as_u16());
    res
}
