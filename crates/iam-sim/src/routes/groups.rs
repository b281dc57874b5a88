//! Groups: the "Groups" section of the IAM API docs (`/user-admin/groups`): the account's group
//! tree, its changes, and the users a move affects.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};

use super::views::AffectedUser;
use super::PathArg;
use super::{check_len, created, int_id, json_body, no_content, ok, path_of, path_param, to_json};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::store::{Data, Group, GroupId};
use crate::time::now_iso;
use crate::AppState;

/// Who the simulator records as the author of changes.
pub(crate) const EDITOR: &str = "iam-sim";

/// The Groups routes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/user-admin/groups", get(list_groups))
        .route("/user-admin/groups/move", post(move_group))
        .route(
            "/user-admin/groups/move/{sourceGroupId}/{destinationGroupId}/affected-users",
            get(list_affected_users),
        )
        .route(
            "/user-admin/groups/{groupId}",
            get(get_group)
                .post(create_group)
                .put(update_group_name)
                .delete(remove_group),
        )
}

/// `actions` on a group.
#[derive(Serialize)]
struct GroupActions {
    delete: bool,
    edit: bool,
}

/// A group with its subgroups, as every Groups response shows it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupView<'a> {
    group_id: GroupId,
    group_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_group_id: Option<GroupId>,
    created_by: &'a str,
    created_date: &'a str,
    modified_by: &'a str,
    modified_date: &'a str,
    sub_groups: Vec<GroupView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<GroupActions>,
}

/// Whether a group can be removed: no subgroups, no users with a role on it, no properties.
fn removal_blocker(data: &Data, id: GroupId) -> Option<String> {
    if data.children(id).next().is_some() {
        return Some(format!("Group {id} has subgroups"));
    }
    if let Some(u) = data
        .users
        .values()
        .find(|u| u.auth_grants.iter().any(|g| g.group_id == id))
    {
        return Some(format!("Group {id} has users, e.g. {}", u.ui_identity_id));
    }
    if data.properties.values().any(|p| p.group_id == id) {
        return Some(format!("Group {id} has properties"));
    }
    None
}

fn view<'a>(data: &'a Data, g: &'a Group, actions: bool, depth: usize) -> GroupView<'a> {
    let sub_groups = if depth < 64 {
        data.children(g.group_id)
            .map(|c| view(data, c, actions, depth + 1))
            .collect()
    } else {
        Vec::new()
    };
    GroupView {
        group_id: g.group_id,
        group_name: &g.group_name,
        parent_group_id: g.parent_group_id,
        created_by: &g.created_by,
        created_date: &g.created_date,
        modified_by: &g.modified_by,
        modified_date: &g.modified_date,
        sub_groups,
        actions: actions.then(|| GroupActions {
            delete: removal_blocker(data, g.group_id).is_none(),
            edit: true,
        }),
    }
}

fn group_not_found(id: GroupId) -> ApiError {
    ApiError::not_found(format!("Group {id} not found"))
}

/// List groups: the account's group tree from its root.
///
/// See: `GET /user-admin/groups` (`actions`).
async fn list_groups(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let actions = QueryParams::parse(raw.as_deref())?.flag("actions")?;
    let data = state.store.read();
    let roots: Vec<GroupView<'_>> = data
        .groups
        .values()
        .filter(|g| g.parent_group_id.is_none())
        .map(|g| view(&data, g, actions, 0))
        .collect();
    Ok(ok(roots))
}

/// Get a group with its nested subgroups.
///
/// See: `GET /user-admin/groups/{groupId}` (`actions`).
async fn get_group(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "groupId")?;
    let actions = QueryParams::parse(raw.as_deref())?.flag("actions")?;
    let data = state.store.read();
    let g = data.groups.get(&id).ok_or_else(|| group_not_found(id))?;
    Ok(ok(view(&data, g, actions, 0)))
}

/// Body of Create a group and Rename a group.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GroupName {
    group_name: String,
}

fn check_unique_name(
    data: &Data,
    parent: GroupId,
    name: &str,
    except: Option<GroupId>,
) -> Result<(), ApiError> {
    let taken = data
        .children(parent)
        .any(|c| Some(c.group_id) != except && c.group_name.eq_ignore_ascii_case(name));
    if taken {
        return Err(ApiError::conflict(format!(
            "Group {parent} already has a subgroup named `{name}`"
        )));
    }
    Ok(())
}

/// Create a group under `groupId` (201); 409 if a sibling has the same name.
///
/// See: `POST /user-admin/groups/{groupId}`.
async fn create_group(
    State(state): State<AppState>,
    parent: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let parent = int_id(&path_param(parent)?, "groupId")?;
    if !state.store.read().groups.contains_key(&parent) {
        return Err(group_not_found(parent));
    }
    let req: GroupName = json_body(&body)?;
    check_len(req.group_name.trim(), "groupName", 1, 50)?;
    let (id, out) = state.store.update(|data| {
        check_unique_name(data, parent, &req.group_name, None)?;
        let id = data.next_id();
        let now = now_iso();
        let group = Group {
            group_id: id,
            group_name: req.group_name.clone(),
            parent_group_id: Some(parent),
            created_by: EDITOR.into(),
            created_date: now.clone(),
            modified_by: EDITOR.into(),
            modified_date: now,
        };
        data.groups.insert(id, group);
        let g = data.groups.get(&id).ok_or_else(|| group_not_found(id))?;
        Ok((id, to_json(view(data, g, true, 0))?))
    })?;
    Ok(created(&format!("/user-admin/groups/{id}"), out))
}

/// Rename a group (200); 409 if a sibling has the new name.
///
/// See: `PUT /user-admin/groups/{groupId}`.
async fn update_group_name(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "groupId")?;
    if !state.store.read().groups.contains_key(&id) {
        return Err(group_not_found(id));
    }
    let req: GroupName = json_body(&body)?;
    check_len(req.group_name.trim(), "groupName", 1, 50)?;
    let out = state.store.update(|data| {
        let parent = data.groups.get(&id).and_then(|g| g.parent_group_id);
        if let Some(parent) = parent {
            check_unique_name(data, parent, &req.group_name, Some(id))?;
        }
        let g = data
            .groups
            .get_mut(&id)
            .ok_or_else(|| group_not_found(id))?;
        g.group_name = req.group_name.clone();
        g.modified_by = EDITOR.into();
        g.modified_date = now_iso();
        let g = data.groups.get(&id).ok_or_else(|| group_not_found(id))?;
        to_json(view(data, g, true, 0))
    })?;
    Ok(ok(out))
}

/// Remove a group (204); 409 if it has subgroups, users or properties.
///
/// See: `DELETE /user-admin/groups/{groupId}`.
async fn remove_group(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "groupId")?;
    state.store.update(|data| {
        if !data.groups.contains_key(&id) {
            return Err(group_not_found(id));
        }
        if let Some(why) = removal_blocker(data, id) {
            return Err(ApiError::conflict(format!("{why}; it cannot be removed")));
        }
        data.groups.remove(&id);
        Ok(())
    })?;
    Ok(no_content())
}

/// Body of Move a group.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MoveGroup {
    source_group_id: u32,
    destination_group_id: u32,
}

/// Checks that `source` may move under `destination`: both exist, `source` is not the root and
/// `destination` is not inside `source`'s subtree.
fn check_move(data: &Data, source: GroupId, destination: GroupId) -> Result<(), ApiError> {
    for id in [source, destination] {
        if !data.groups.contains_key(&id) {
            return Err(group_not_found(id));
        }
    }
    if data.root_group_id() == Some(source) {
        return Err(ApiError::bad_request("The root group cannot be moved"));
    }
    if data.is_within(destination, source) {
        return Err(ApiError::bad_request(format!(
            "Group {destination} is inside group {source}: a group cannot move under itself"
        )));
    }
    Ok(())
}

/// Move a group under another group (204); 409 if the destination has a subgroup of the same
/// name.
///
/// See: `POST /user-admin/groups/move`.
async fn move_group(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    let req: MoveGroup = json_body(&body)?;
    let (source, destination) = (
        GroupId::from(req.source_group_id),
        GroupId::from(req.destination_group_id),
    );
    state.store.update(|data| {
        check_move(data, source, destination)?;
        let name = data
            .groups
            .get(&source)
            .map(|g| g.group_name.clone())
            .unwrap_or_default();
        check_unique_name(data, destination, &name, Some(source))?;
        let g = data
            .groups
            .get_mut(&source)
            .ok_or_else(|| group_not_found(source))?;
        g.parent_group_id = Some(destination);
        g.modified_by = EDITOR.into();
        g.modified_date = now_iso();
        Ok(())
    })?;
    Ok(no_content())
}

/// List users affected by moving `sourceGroupId` under `destinationGroupId`: those whose
/// access to the source group comes only from its current ancestors (`lostAccess`) and those
/// who gain it from the destination's ancestors (`gainAccess`); both without `userType`.
///
/// See: `GET /user-admin/groups/move/{sourceGroupId}/{destinationGroupId}/affected-users`.
async fn list_affected_users(
    State(state): State<AppState>,
    ids: PathArg<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (source, destination) = path_of(ids)?;
    let source = int_id(&source, "sourceGroupId")?;
    let destination = int_id(&destination, "destinationGroupId")?;
    let query = QueryParams::parse(raw.as_deref())?;
    let user_type = query.one_of("userType", &["lostAccess", "gainAccess"])?;
    let data = state.store.read();
    check_move(&data, source, destination)?;
    let old: Vec<GroupId> = data.ancestors_or_self(source).into_iter().skip(1).collect();
    let new = data.ancestors_or_self(destination);
    let mut out: BTreeMap<&str, AffectedUser<'_>> = BTreeMap::new();
    for u in data.users.values() {
        let on = |groups: &[GroupId]| u.auth_grants.iter().any(|g| groups.contains(&g.group_id));
        let (had, has) = (on(&old), on(&new));
        let lost = had && !has;
        let gained = has && !had;
        let wanted = match user_type {
            Some("lostAccess") => lost,
            Some("gainAccess") => gained,
            _ => lost || gained,
        };
        if wanted {
            out.insert(&u.ui_identity_id, AffectedUser::of(&data, u));
        }
    }
    Ok(ok(out.into_values().collect::<Vec<_>>()))
}
