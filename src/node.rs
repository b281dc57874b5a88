//! `IamClient.fromEdgerc`, for the Node build only (feature `node`): reads an `.edgerc` file (or
//! the `AKAMAI_[SECTION_]*` environment variables) with Node's `fs`, `os` and `process`, then signs
//! every request in the client (see [`crate::signing`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::{optional_input, ClientOptions, IamClient};
use crate::error::IamError;

/// The operation name errors of `fromEdgerc` carry.
const FROM_EDGERC: &str = "fromEdgerc";

#[wasm_bindgen(module = "node:fs")]
extern "C" {
    #[wasm_bindgen(js_name = readFileSync, catch)]
    fn read_file_sync(path: &str, encoding: &str) -> Result<String, JsValue>;
}

#[wasm_bindgen(module = "node:os")]
extern "C" {
    #[wasm_bindgen(js_name = homedir)]
    fn home_dir() -> String;
}

#[wasm_bindgen]
extern "C" {
    /// `process.env`.
    #[wasm_bindgen(thread_local_v2, js_namespace = process, js_name = env)]
    static ENV: js_sys::Object;
}

/// Options of `IamClient.fromEdgerc`: where the credentials are, and the client's other options.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[tsify(hashmap_as_object)]
pub struct EdgercOptions {
    /// The `.edgerc` file (default `~/.edgerc`; a leading `~/` means the home folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub path: Option<String>,
    /// The section (default `default`). `AKAMAI_[SECTION_]HOST`, `_CLIENT_TOKEN`,
    /// `_CLIENT_SECRET` and `_ACCESS_TOKEN` win over the file when all four are set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub section: Option<String>,
    /// Where requests go (default `https://{host}`); the signed host stays the section's `host`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// Default `accountSwitchKey` (default the section's `account_key`); a call's own key wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub account_switch_key: Option<String>,
    /// Extra headers sent with every request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub headers: Option<HashMap<String, String>>,
    /// As in `ClientOptions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub retries: Option<u32>,
    /// As in `ClientOptions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub retry_delay_ms: Option<u32>,
    /// As in `ClientOptions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub timeout_ms: Option<u32>,
    /// As in `ClientOptions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rate_limit: Option<crate::rate_limit::RateLimitOptions>,
}

#[wasm_bindgen]
impl IamClient {
    /// Node only: a client that signs each request itself with the credentials of an `.edgerc`
    /// section (default `~/.edgerc`, section `default`; complete `AKAMAI_[SECTION_]*` environment
    /// variables win). Throws an `IamError` of kind `validation` when no usable credentials are
    /// found; its message never contains a secret.
    #[wasm_bindgen(js_name = fromEdgerc)]
    pub fn from_edgerc(options: Option<Ts<EdgercOptions>>) -> Result<IamClient, IamError> {
        let options: EdgercOptions = optional_input(FROM_EDGERC, options.as_ref())?;
        let section = options.section.as_deref().unwrap_or("default");
        let path = expand_home(options.path.as_deref().unwrap_or("~/.edgerc"));
        // A missing file is not an error yet: complete environment variables may stand in.
        let text = read_file_sync(&path, "utf8").ok();
        let credentials =
            edgegrid::edgerc::load(text.as_deref(), section, env_var).map_err(|error| {
                let reason = match text {
                    Some(_) => error.to_string(),
                    None => format!("{path} cannot be read, and {error}"),
                };
                IamError::validation(FROM_EDGERC, Some("path"), &reason)
            })?;
        crate::signing::check(&credentials)
            .map_err(|(field, reason)| IamError::validation(FROM_EDGERC, Some(field), reason))?;
        let client_options = ClientOptions {
            base_url: options.base_url,
            account_switch_key: options
                .account_switch_key
                .or_else(|| credentials.account_key.clone()),
            headers: options.headers,
            retries: options.retries,
            retry_delay_ms: options.retry_delay_ms,
            timeout_ms: options.timeout_ms,
            rate_limit: options.rate_limit,
            credentials: None,
        };
        IamClient::with_signer(
            FROM_EDGERC,
            client_options,
            Some(crate::signing::Signer::new(credentials)),
        )
    }
}

/// The `credentials` member of the client options, read by serde once the schema has checked
/// the other options (and that this one is there); `None` when absent or `null`.
pub(crate) fn credentials_option(
    operation: &str,
    options: &JsValue,
) -> Result<Option<crate::signing::EdgeGridCredentials>, IamError> {
    let given = js_sys::Reflect::get(options, &JsValue::from_str("credentials"))
        .unwrap_or(JsValue::UNDEFINED);
    if given.is_undefined() || given.is_null() {
        return Ok(None);
    }
    crate::client::input(operation, &Ts::new_unchecked(given)).map(Some)
}

/// `~/x` as `{home}/x`.
fn expand_home(path: &str) -> String {
    match path.strip_prefix("~/") {
        Some(rest) => format!("{}/{rest}", home_dir().trim_end_matches('/')),
        None if path == "~" => home_dir(),
        None => path.to_owned(),
    }
}

/// One environment variable, if set.
fn env_var(name: &str) -> Option<String> {
    ENV.with(|env| js_sys::Reflect::get(env, &JsValue::from_str(name)))
        .ok()
        .and_then(|value| value.as_string())
}
