//! `iam-sim`: a local simulator of the Akamai Identity and Access Management (IAM) API v3.
//!
//! Every request must carry a valid EdgeGrid (EG1-HMAC-SHA256) signature for the configured
//! `.edgerc` credentials, as on Akamai's API hosts. Data lives in one in-memory [`Store`] seeded
//! from a deterministic built-in account ([`seed::builtin`]) or a JSON [`Seed`]. Errors are
//! `application/problem+json`.
//!
//! ```no_run
//! # async fn run(creds: edgegrid::Credentials) -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! iam_sim::serve(listener, iam_sim::Config::new(creds)).await
//! # }
//! ```
#![deny(missing_docs)]

mod access_log;
pub mod admin;
pub mod auth;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod faults;
pub mod model;
pub mod operations;
pub mod problem;
pub mod query;
pub mod routes;
pub mod seed;
mod state;
pub mod store;
pub mod time;

use axum::{middleware, Router};

pub use config::Config;
pub use problem::ApiError;
pub use routes::BASE_PATH;
pub use state::AppState;
pub use store::{Data, Seed, SeedError, Store};

/// `GET /healthz`: 200 `{"status":"ok"}` while the process serves; no signature needed.
pub(crate) fn healthz<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route(
        "/healthz",
        axum::routing::get(|| async {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                r#"{"status":"ok"}"#,
            )
        }),
    )
}

/// The whole application: authentication, the API routes (each behind fault injection) and the
/// problem+json error rendering, with every request counted; and `GET /healthz`, which needs no
/// signature and is neither counted nor logged.
pub fn router(state: AppState) -> Router {
    let log_requests = state.config.log_requests;
    let api = routes::api().route_layer(middleware::from_fn_with_state(
        state.clone(),
        faults::inject,
    ));
    let app = Router::new()
        .nest(BASE_PATH, api)
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(middleware::from_fn(problem::render))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_edgegrid,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), faults::count))
        .with_state(state);
    let app = if log_requests {
        app.layer(middleware::from_fn(access_log::log))
    } else {
        app
    };
    healthz().merge(app)
}

/// Serves the simulator on `listener` until the process ends.
///
/// Fails with `InvalidData` if `config.seed` (or the state file) is unusable, or with the
/// listener's I/O error.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    let state = AppState::new(config)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    serve_state(listener, state).await
}

/// Serves the API of an existing instance (share `state` with [`serve_admin`]).
pub async fn serve_state(
    listener: tokio::net::TcpListener,
    state: AppState,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).await
}

/// Serves the admin API (faults, stats, reset) of an instance on its own listener.
pub async fn serve_admin(
    listener: tokio::net::TcpListener,
    state: AppState,
) -> std::io::Result<()> {
    axum::serve(listener, admin::router(state)).await
}
