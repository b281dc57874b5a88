//! The accept loop: HTTP/1 connections with header limits and a header read timeout, a cap on
//! open connections, and graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::response::IntoResponse;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use crate::problem::Refusal;
use crate::server::{Peer, Server};

/// hyper's own read buffer is at least this large (its minimum).
const MIN_HYPER_BUFFER: usize = 8 * 1024;

/// How long a connection refused for being over the connection cap gets to take its 503.
const REFUSE_WRITE_TIMEOUT: Duration = Duration::from_secs(1);

impl Server {
    /// Serves on `listener` until `shutdown` completes; then turns not ready for good
    /// (`/readyz` answers 503 wherever it is served), stops accepting, lets the requests in
    /// flight finish (for at most [`Config::shutdown_grace`](crate::Config)) and returns.
    ///
    /// Connections are HTTP/1.1. The request line and headers must arrive within
    /// `header_timeout` (an idle keep-alive connection is closed after that time too). Header
    /// lines and bytes beyond the configured limits get a 431 problem from the proxy; far beyond
    /// them (twice the limits) hyper itself answers a bare 431 and closes. At most
    /// `2 × max_concurrent` (and at least 64) connections are open at once; the next ones get a
    /// 503 problem and are closed.
    pub async fn run(
        &self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()>,
    ) -> std::io::Result<()> {
        let shared = &self.0;
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(shared.header_timeout)
            .max_headers(shared.max_headers.saturating_mul(2).max(100))
            .max_buf_size(
                shared
                    .max_header_bytes
                    .saturating_mul(2)
                    .max(MIN_HYPER_BUFFER),
            );
        let connections = Arc::new(Semaphore::new(
            shared.max_concurrent.saturating_mul(2).max(64),
        ));
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let (stream, peer) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors or a connection reset before accept: wait a
                        // little rather than spin.
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let Ok(slot) = connections.clone().try_acquire_owned() else {
                tokio::spawn(refuse_connection(stream));
                continue;
            };
            let handler = shared.clone();
            let service = service_fn(move |request: hyper::Request<Incoming>| {
                let handler = handler.clone();
                async move {
                    let mut request = request.map(Body::new);
                    request.extensions_mut().insert(Peer(peer));
                    Ok::<_, Infallible>(handler.handle(request).await)
                }
            });
            let connection =
                graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
            tokio::spawn(async move {
                // Errors are the client's (reset, malformed request, header timeout): hyper has
                // already answered what it could.
                let _ = connection.await;
                drop(slot);
            });
        }
        shared.start_draining();
        drop(listener);
        tracing::info!(
            in_flight = self.in_flight(),
            grace_secs = shared.shutdown_grace.as_secs(),
            "shutting down: not ready, no longer accepting; {} request(s) in flight, waiting up to {}s",
            self.in_flight(),
            shared.shutdown_grace.as_secs()
        );
        if tokio::time::timeout(shared.shutdown_grace, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!(
                "grace period over with {} request(s) still in flight",
                self.in_flight()
            );
        }
        tracing::info!("stopped");
        Ok(())
    }
}

/// Answers a connection over the cap with a 503 problem and closes it.
async fn refuse_connection(mut stream: TcpStream) {
    let response = Refusal::Overloaded.into_response();
    let body = axum::body::to_bytes(response.into_body(), 4096)
        .await
        .unwrap_or_default();
    let mut bytes = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(&body);
    let _ = tokio::time::timeout(REFUSE_WRITE_TIMEOUT, stream.write_all(&bytes)).await;
}
