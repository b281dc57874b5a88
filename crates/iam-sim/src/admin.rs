//! The admin HTTP server for tests (`--admin-listen`): fault injection, counters and reset. It
//! listens on its own port, needs no signature and is never reachable through the API paths.
//!
//! - `PUT /faults` with a [`FaultConfig`] JSON body: 200 with the active settings.
//! - `GET /faults`: the active settings, or `null`.
//! - `DELETE /faults`: 204, no more faults.
//! - `GET /stats`: requests received by method and by operation, and faults injected.
//! - `DELETE /stats`: 204, counters back to zero.
//! - `POST /reset`: 204, the store back to the seed (saved to the state file, if any).
//! - `GET /healthz`: 200 `{"status":"ok"}`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use axum::{Json, Router};

use crate::faults::FaultConfig;
use crate::problem::ApiError;
use crate::store::Data;
use crate::AppState;

/// The admin routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/faults",
            put(set_faults).get(get_faults).delete(clear_faults),
        )
        .route("/stats", axum::routing::get(get_stats).delete(clear_stats))
        .route("/reset", post(reset))
        .merge(crate::healthz())
        .fallback(|| async { ApiError::not_found("No such admin resource").to_response("/") })
        .with_state(state)
}

fn problem(err: ApiError, instance: &str) -> Response {
    err.to_response(instance)
}

async fn set_faults(State(state): State<AppState>, body: Bytes) -> Response {
    let text = String::from_utf8_lossy(&body);
    match FaultConfig::from_json(&text) {
        Ok(config) => {
            state.faults.set(Some(config.clone()));
            Json(config).into_response()
        }
        Err(e) => problem(
            ApiError::bad_request(format!("Invalid faults: {e}")),
            "/faults",
        ),
    }
}

async fn get_faults(State(state): State<AppState>) -> Response {
    Json(state.faults.get()).into_response()
}

async fn clear_faults(State(state): State<AppState>) -> Response {
    state.faults.set(None);
    StatusCode::NO_CONTENT.into_response()
}

async fn get_stats(State(state): State<AppState>) -> Response {
    Json(state.stats.snapshot()).into_response()
}

async fn clear_stats(State(state): State<AppState>) -> Response {
    state.stats.clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn reset(State(state): State<AppState>) -> Response {
    let result = Data::from_seed(state.config.seed.clone())
        .map_err(|e| ApiError::internal(e.to_string()))
        .and_then(|data| state.store.replace(data));
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => problem(e, "/reset"),
    }
}
