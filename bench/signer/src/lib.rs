//! `Signer`: the EdgeGrid signer of `crates/edgegrid` for JS, one call per request, so the bench
//! pays the wasm-bindgen boundary (string copies in and out) on every signature, as a Node user
//! of a signing entry point would.

use edgegrid::{sign, Credentials, SignRequest};
use wasm_bindgen::prelude::*;

/// Credentials held on the wasm side; `sign` signs one request with them.
#[wasm_bindgen]
pub struct Signer {
    creds: Credentials,
}

#[wasm_bindgen]
impl Signer {
    /// Credentials as in a `.edgerc` section.
    #[wasm_bindgen(constructor)]
    pub fn new(host: &str, client_token: &str, client_secret: &str, access_token: &str) -> Signer {
        Signer {
            creds: Credentials::new(host, client_token, client_secret, access_token),
        }
    }

    /// The `Authorization` header of one request, with the given timestamp and nonce.
    pub fn sign(
        &self,
        method: &str,
        path_and_query: &str,
        body: &str,
        timestamp: &str,
        nonce: &str,
    ) -> String {
        let req = SignRequest {
            method,
            path_and_query,
            headers: &[],
            body: body.as_bytes(),
        };
        sign(&self.creds, &req, timestamp, nonce).authorization
    }
}
