//! IP allowlist: the "IP allowlist" section of the IAM API docs (`/user-admin/ip-acl`): the
//! account's CIDR blocks and the switch that enforces them.

use std::net::IpAddr;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};

use super::groups::EDITOR;
use super::{created, int_id, json_body, no_content, ok, path_param, to_json, PathArg};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::store::{CidrBlock, Data};
use crate::time::now_iso;
use crate::AppState;

const BASE: &str = "/user-admin/ip-acl/allowlist";

/// The IP allowlist routes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(list_cidr_blocks).post(create_cidr_block))
        .route(&format!("{BASE}/enable"), post(enable_ip_allowlist))
        .route(&format!("{BASE}/disable"), post(disable_ip_allowlist))
        .route(&format!("{BASE}/status"), get(get_ip_allowlist_status))
        .route(&format!("{BASE}/validate"), get(validate_cidr_block))
        .route(
            &format!("{BASE}/{{cidrBlockId}}"),
            get(get_cidr_block)
                .put(update_cidr_block)
                .delete(remove_cidr_block),
        )
}

/// Checks `text` is an IPv4 or IPv6 address with an optional `/prefix` in range, and that the
/// address has no bits set beyond the prefix; returns the canonical form.
pub(crate) fn parse_cidr(text: &str) -> Result<String, ApiError> {
    let invalid = |why: &str| ApiError::bad_request(format!("Invalid CIDR block `{text}`: {why}"));
    let (addr, prefix) = match text.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (text, None),
    };
    let ip: IpAddr = addr.parse().map_err(|_| invalid("not an IP address"))?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let bits: u32 = match prefix {
        None => max,
        Some(p) => p
            .parse()
            .ok()
            .filter(|&n| n <= max && !p.starts_with('+'))
            .ok_or_else(|| invalid(&format!("the prefix must be 0 to {max}")))?,
    };
    let host_bits_set = match ip {
        IpAddr::V4(v4) => bits < 32 && u32::from(v4) & (u32::MAX >> bits) != 0,
        IpAddr::V6(v6) => bits < 128 && u128::from(v6) & (u128::MAX >> bits) != 0,
    };
    if host_bits_set {
        return Err(invalid("the address has bits set beyond the prefix"));
    }
    Ok(format!("{ip}/{bits}"))
}

#[derive(Serialize)]
struct Actions {
    delete: bool,
    edit: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BlockView<'a> {
    #[serde(flatten)]
    block: &'a CidrBlock,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<Actions>,
}

fn view(block: &CidrBlock, actions: bool) -> BlockView<'_> {
    BlockView {
        block,
        actions: actions.then_some(Actions {
            delete: true,
            edit: true,
        }),
    }
}

fn block_not_found(id: i64) -> ApiError {
    ApiError::not_found(format!("CIDR block {id} not found"))
}

/// List the allowlist's CIDR blocks.
///
/// See: `GET /user-admin/ip-acl/allowlist` (`actions`).
async fn list_cidr_blocks(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let actions = QueryParams::parse(raw.as_deref())?.flag("actions")?;
    let data = state.store.read();
    let items: Vec<BlockView<'_>> = data
        .cidr_blocks
        .values()
        .map(|b| view(b, actions))
        .collect();
    Ok(ok(items))
}

/// Body of Create a CIDR block and Update a CIDR block.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BlockRequest {
    cidr_block: String,
    enabled: bool,
    comments: Option<String>,
}

fn check_unique(data: &Data, cidr: &str, except: Option<i64>) -> Result<(), ApiError> {
    if data
        .cidr_blocks
        .values()
        .any(|b| Some(b.cidr_block_id) != except && b.cidr_block == cidr)
    {
        return Err(ApiError::conflict(format!(
            "CIDR block {cidr} is already on the allowlist"
        )));
    }
    Ok(())
}

/// Add a CIDR block (201); 400 if it is not a valid CIDR, 409 if already listed.
///
/// See: `POST /user-admin/ip-acl/allowlist`.
async fn create_cidr_block(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: BlockRequest = json_body(&body)?;
    let cidr = parse_cidr(&req.cidr_block)?;
    let (id, out) = state.store.update(|data| {
        check_unique(data, &cidr, None)?;
        let id = data.next_id();
        let now = now_iso();
        let block = CidrBlock {
            cidr_block_id: id,
            cidr_block: cidr.clone(),
            comments: req.comments.clone().unwrap_or_default(),
            enabled: req.enabled,
            created_by: EDITOR.into(),
            created_date: now.clone(),
            modified_by: EDITOR.into(),
            modified_date: now,
        };
        let out = to_json(view(&block, true))?;
        data.cidr_blocks.insert(id, block);
        Ok((id, out))
    })?;
    Ok(created(&format!("{BASE}/{id}"), out))
}

/// Get a CIDR block.
///
/// See: `GET /user-admin/ip-acl/allowlist/{cidrBlockId}` (`actions`).
async fn get_cidr_block(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "cidrBlockId")?;
    let actions = QueryParams::parse(raw.as_deref())?.flag("actions")?;
    let data = state.store.read();
    let b = data
        .cidr_blocks
        .get(&id)
        .ok_or_else(|| block_not_found(id))?;
    Ok(ok(view(b, actions)))
}

/// Update a CIDR block (200); 400 if invalid, 409 if it duplicates another block.
///
/// See: `PUT /user-admin/ip-acl/allowlist/{cidrBlockId}`.
async fn update_cidr_block(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "cidrBlockId")?;
    if !state.store.read().cidr_blocks.contains_key(&id) {
        return Err(block_not_found(id));
    }
    let req: BlockRequest = json_body(&body)?;
    let cidr = parse_cidr(&req.cidr_block)?;
    let out = state.store.update(|data| {
        check_unique(data, &cidr, Some(id))?;
        let b = data
            .cidr_blocks
            .get_mut(&id)
            .ok_or_else(|| block_not_found(id))?;
        b.cidr_block = cidr.clone();
        b.enabled = req.enabled;
        if let Some(c) = &req.comments {
            b.comments = c.clone();
        }
        b.modified_by = EDITOR.into();
        b.modified_date = now_iso();
        to_json(view(b, true))
    })?;
    Ok(ok(out))
}

/// Remove a CIDR block (204); 400 for the last enabled block while the allowlist is enforced.
///
/// See: `DELETE /user-admin/ip-acl/allowlist/{cidrBlockId}`.
async fn remove_cidr_block(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "cidrBlockId")?;
    state.store.update(|data| {
        if data.cidr_blocks.remove(&id).is_none() {
            return Err(block_not_found(id));
        }
        if data.ip_allowlist_enabled && !data.cidr_blocks.values().any(|b| b.enabled) {
            return Err(ApiError::bad_request(
                "The allowlist is enabled: its last enabled CIDR block cannot be removed",
            ));
        }
        Ok(())
    })?;
    Ok(no_content())
}

/// Enable the IP allowlist (204); 400 while it has no enabled CIDR block.
///
/// See: `POST /user-admin/ip-acl/allowlist/enable`.
async fn enable_ip_allowlist(State(state): State<AppState>) -> Result<Response, ApiError> {
    state.store.update(|data| {
        if !data.cidr_blocks.values().any(|b| b.enabled) {
            return Err(ApiError::bad_request(
                "Add an enabled CIDR block before enabling the IP allowlist",
            ));
        }
        data.ip_allowlist_enabled = true;
        Ok(())
    })?;
    Ok(no_content())
}

/// Disable the IP allowlist (204).
///
/// See: `POST /user-admin/ip-acl/allowlist/disable`.
async fn disable_ip_allowlist(State(state): State<AppState>) -> Result<Response, ApiError> {
    state.store.update(|data| {
        data.ip_allowlist_enabled = false;
        Ok(())
    })?;
    Ok(no_content())
}

#[derive(Serialize)]
struct Status {
    enabled: bool,
}

/// Whether the IP allowlist is enabled.
///
/// See: `GET /user-admin/ip-acl/allowlist/status`.
async fn get_ip_allowlist_status(State(state): State<AppState>) -> Response {
    ok(Status {
        enabled: state.store.read().ip_allowlist_enabled,
    })
}

/// Validate a CIDR block (204 if valid, 400 if not or if `cidrblock` is missing).
///
/// See: `GET /user-admin/ip-acl/allowlist/validate` (`cidrblock`, required).
async fn validate_cidr_block(RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let query = QueryParams::parse(raw.as_deref())?;
    let cidr = query
        .get("cidrblock")
        .ok_or_else(|| ApiError::bad_request("The query parameter `cidrblock` is required"))?;
    parse_cidr(cidr)?;
    Ok(no_content())
}

#[cfg(test)]
mod tests {
    use super::parse_cidr;

    #[test]
    fn cidr_blocks_parse_and_bad_ones_are_400() {
        assert_eq!(
            parse_cidr("198.51.100.0/24").ok().as_deref(),
            Some("198.51.100.0/24")
        );
        assert_eq!(
            parse_cidr("192.0.2.7").ok().as_deref(),
            Some("192.0.2.7/32")
        );
        assert_eq!(
            parse_cidr("2001:db8::/32").ok().as_deref(),
            Some("2001:db8::/32")
        );
        for bad in [
            "198.51.100.0/33",
            "198.51.100.1/24",
            "300.1.1.1/8",
            "abc",
            "10.0.0.0/x",
            "",
        ] {
            assert!(parse_cidr(bad).is_err(), "{bad}");
        }
    }
}
