//! Properties: the "Properties" section of the IAM API docs (`/user-admin/properties`):
//! properties and includes ("assets"), which belong to one group each, their resources, who can
//! access them and who is blocked from them.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, put};
use axum::Router;
use serde::{Deserialize, Serialize};

use super::groups::EDITOR;
use super::views::PropertyUser;
use super::{int_id, json_body, no_content, ok, path_param, to_json, PathArg};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::store::{Data, GroupId, Property, PropertyId};
use crate::time::now_iso;
use crate::AppState;

/// The Properties routes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/user-admin/properties", get(list_properties))
        .route(
            "/user-admin/properties/{assetId}",
            get(get_property).put(move_property),
        )
        .route(
            "/user-admin/properties/{assetId}/resources",
            get(list_property_resources),
        )
        .route(
            "/user-admin/properties/{assetId}/users",
            get(list_property_users),
        )
        .route(
            "/user-admin/properties/{assetId}/users/block",
            put(block_users),
        )
}

fn property_not_found(id: PropertyId) -> ApiError {
    ApiError::not_found(format!("Property {id} not found"))
}

fn asset_id(param: PathArg<String>) -> Result<PropertyId, ApiError> {
    int_id(&path_param(param)?, "assetId")
}

/// The property, which must be in `groupId` when the query names one (404 otherwise).
fn find(data: &Data, id: PropertyId, group: Option<GroupId>) -> Result<&Property, ApiError> {
    data.properties
        .get(&id)
        .filter(|p| group.is_none_or(|g| p.group_id == g))
        .ok_or_else(|| property_not_found(id))
}

fn group_name(data: &Data, id: GroupId) -> &str {
    data.groups.get(&id).map_or("", |g| g.group_name.as_str())
}

#[derive(Serialize)]
struct MoveAction {
    #[serde(rename = "move")]
    can_move: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListItem<'a> {
    property_id: PropertyId,
    property_name: &'a str,
    property_type_description: &'a str,
    group_id: GroupId,
    group_name: &'a str,
    actions: MoveAction,
}

/// List properties and includes, optionally only those of `groupId`.
///
/// See: `GET /user-admin/properties` (`groupId`).
async fn list_properties(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let group = QueryParams::parse(raw.as_deref())?.integer("groupId")?;
    let data = state.store.read();
    let items: Vec<ListItem<'_>> = data
        .properties
        .values()
        .filter(|p| group.is_none_or(|g| p.group_id == g))
        .map(|p| ListItem {
            property_id: p.property_id,
            property_name: &p.property_name,
            property_type_description: &p.property_type_description,
            group_id: p.group_id,
            group_name: group_name(&data, p.group_id),
            actions: MoveAction { can_move: true },
        })
        .collect();
    Ok(ok(items))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PropertyView<'a> {
    property_id: PropertyId,
    property_name: &'a str,
    group_id: GroupId,
    group_name: &'a str,
    arl_config_file: &'a str,
    created_by: &'a str,
    created_date: &'a str,
    modified_by: &'a str,
    modified_date: &'a str,
}

fn required_group(raw: Option<&str>) -> Result<GroupId, ApiError> {
    QueryParams::parse(raw)?
        .integer("groupId")?
        .ok_or_else(|| ApiError::bad_request("The query parameter `groupId` is required"))
}

/// Get a property in a group.
///
/// See: `GET /user-admin/properties/{assetId}` (`groupId`, required).
async fn get_property(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = asset_id(id)?;
    let group = required_group(raw.as_deref())?;
    let data = state.store.read();
    let p = find(&data, id, Some(group))?;
    Ok(ok(PropertyView {
        property_id: p.property_id,
        property_name: &p.property_name,
        group_id: p.group_id,
        group_name: group_name(&data, p.group_id),
        arl_config_file: &p.arl_config_file,
        created_by: &p.created_by,
        created_date: &p.created_date,
        modified_by: &p.modified_by,
        modified_date: &p.modified_date,
    }))
}

/// Body of Move a property.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MoveProperty {
    source_group_id: u32,
    destination_group_id: u32,
}

/// Move a property to another group (204); 400 if `sourceGroupId` is not its group. Users'
/// blocks on it move along.
///
/// See: `PUT /user-admin/properties/{assetId}`.
async fn move_property(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = asset_id(id)?;
    find(&state.store.read(), id, None)?;
    let req: MoveProperty = json_body(&body)?;
    let (source, destination) = (
        GroupId::from(req.source_group_id),
        GroupId::from(req.destination_group_id),
    );
    state.store.update(|data| {
        let p = find(data, id, None)?;
        if p.group_id != source {
            return Err(ApiError::bad_request(format!(
                "Property {id} is in group {}, not in sourceGroupId {source}",
                p.group_id
            )));
        }
        if !data.groups.contains_key(&destination) {
            return Err(ApiError::not_found(format!(
                "Group {destination} not found"
            )));
        }
        for u in data.users.values_mut() {
            let moved = u
                .blocked_properties
                .get_mut(&source)
                .is_some_and(|set| set.remove(&id));
            u.blocked_properties.retain(|_, set| !set.is_empty());
            if moved {
                u.blocked_properties
                    .entry(destination)
                    .or_default()
                    .insert(id);
            }
        }
        if let Some(p) = data.properties.get_mut(&id) {
            p.group_id = destination;
            p.modified_by = EDITOR.into();
            p.modified_date = now_iso();
        }
        Ok(())
    })?;
    Ok(no_content())
}

/// List the resources a property uses.
///
/// See: `GET /user-admin/properties/{assetId}/resources` (`groupId`, required).
async fn list_property_resources(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = asset_id(id)?;
    let group = required_group(raw.as_deref())?;
    let data = state.store.read();
    Ok(ok(&find(&data, id, Some(group))?.resources))
}

/// The users who can access property `p` (a role on its group or an ancestor), with whether
/// each is blocked from it.
fn users_of<'a>(data: &'a Data, p: &Property) -> Vec<PropertyUser<'a>> {
    let groups = data.ancestors_or_self(p.group_id);
    data.users
        .values()
        .filter(|u| u.auth_grants.iter().any(|g| groups.contains(&g.group_id)))
        .map(|u| {
            let blocked = u
                .blocked_properties
                .get(&p.group_id)
                .is_some_and(|s| s.contains(&p.property_id));
            PropertyUser::of(u, blocked)
        })
        .collect()
}

/// List users who can access a property: all, or only the blocked (`userType=lostAccess`) or
/// only the unblocked (`userType=gainAccess`).
///
/// See: `GET /user-admin/properties/{assetId}/users` (`userType`).
async fn list_property_users(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = asset_id(id)?;
    let query = QueryParams::parse(raw.as_deref())?;
    let user_type = query.one_of("userType", &["lostAccess", "gainAccess"])?;
    let data = state.store.read();
    let p = find(&data, id, None)?;
    let users: Vec<PropertyUser<'_>> = users_of(&data, p)
        .into_iter()
        .filter(|u| match user_type {
            Some("lostAccess") => u.is_blocked,
            Some("gainAccess") => !u.is_blocked,
            _ => true,
        })
        .collect();
    Ok(ok(users))
}

/// One entry of the Block users body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BlockUser {
    ui_identity_id: String,
}

/// Block users from a property (200 with the property's users); 400 for a user who has no
/// access to it.
///
/// See: `PUT /user-admin/properties/{assetId}/users/block`.
async fn block_users(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = asset_id(id)?;
    find(&state.store.read(), id, None)?;
    let req: Vec<BlockUser> = json_body(&body)?;
    let out = state.store.update(|data| {
        let p = find(data, id, None)?.clone();
        let allowed: Vec<String> = users_of(data, &p)
            .iter()
            .map(|u| u.ui_identity_id.to_owned())
            .collect();
        for b in &req {
            if !allowed.contains(&b.ui_identity_id) {
                return Err(ApiError::bad_request(format!(
                    "User {} has no access to property {id}",
                    b.ui_identity_id
                )));
            }
            if let Some(u) = data.users.get_mut(&b.ui_identity_id) {
                u.blocked_properties
                    .entry(p.group_id)
                    .or_default()
                    .insert(id);
            }
        }
        to_json(users_of(data, &p))
    })?;
    Ok(ok(out))
}
