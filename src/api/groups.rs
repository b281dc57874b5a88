//! Groups: the `Groups` section of the IAM API docs (`/user-admin/groups`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;
use crate::error::IamError;
use crate::request::{Request, ACCOUNT_SWITCH_KEY};
use crate::validate;

const GROUPS: &[&str] = &["user-admin", "groups"];

operation! {
    LIST_GROUPS = "listGroups", fn list_groups(Option<ListGroupsParams>) -> Vec<Ts<Group>>;
    " List the groups you can manage, each with its subgroups nested."
    ""
    " `GET /identity-management/v3/user-admin/groups`"
}

operation! {
    GET_GROUP = "getGroup", fn get_group(GetGroupParams) -> Ts<Group>;
    " Get a group, with its subgroups nested."
    ""
    " `GET /identity-management/v3/user-admin/groups/{groupId}`"
}

operation! {
    CREATE_GROUP = "createGroup", fn create_group(CreateGroupParams) -> Ts<Group>;
    " Create a group inside the parent group `groupId`."
    ""
    " `POST /identity-management/v3/user-admin/groups/{groupId}`"
}

operation! {
    UPDATE_GROUP_NAME = "updateGroupName", fn update_group_name(UpdateGroupNameParams) -> Ts<Group>;
    " Rename a group."
    ""
    " `PUT /identity-management/v3/user-admin/groups/{groupId}`"
}

operation! {
    REMOVE_GROUP = "removeGroup", fn remove_group(RemoveGroupParams) -> ();
    " Delete a group that has no subgroups, resources or users with roles on it."
    ""
    " `DELETE /identity-management/v3/user-admin/groups/{groupId}`"
}

operation! {
    MOVE_GROUP = "moveGroup", fn move_group(MoveGroupParams) -> ();
    " Move a nested group under another group of the same hierarchy."
    ""
    " `POST /identity-management/v3/user-admin/groups/move`"
}

operation! {
    LIST_AFFECTED_USERS = "listAffectedUsers", fn list_affected_users(ListAffectedUsersParams) -> Vec<Ts<AffectedUser>>;
    " List the users who would lose or gain access by moving a group."
    ""
    " `GET /identity-management/v3/user-admin/groups/move/{sourceGroupId}/{destinationGroupId}/affected-users`"
}

fn list_groups(params: &ListGroupsParams) -> Result<Request, IamError> {
    Ok(Request::get(LIST_GROUPS, GROUPS)
        .query("actions", params.actions)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn get_group(params: &GetGroupParams) -> Result<Request, IamError> {
    Ok(Request::get(GET_GROUP, GROUPS)
        .segment(params.group_id.to_string())
        .query("actions", params.actions)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn create_group(params: &CreateGroupParams) -> Result<Request, IamError> {
    check_group_name(CREATE_GROUP, &params.body)?;
    Request::post(CREATE_GROUP, GROUPS)
        .segment(params.group_id.to_string())
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
        .body(&params.body)
        .map(|request| request.expect(&[201]))
}

fn update_group_name(params: &UpdateGroupNameParams) -> Result<Request, IamError> {
    check_group_name(UPDATE_GROUP_NAME, &params.body)?;
    Request::put(UPDATE_GROUP_NAME, GROUPS)
        .segment(params.group_id.to_string())
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
        .body(&params.body)
}

fn remove_group(params: &RemoveGroupParams) -> Result<Request, IamError> {
    Ok(Request::delete(REMOVE_GROUP, GROUPS)
        .segment(params.group_id.to_string())
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn move_group(params: &MoveGroupParams) -> Result<Request, IamError> {
    Request::post(MOVE_GROUP, GROUPS)
        .segments(&["move"])
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
        .body(&params.body)
        .map(|request| request.expect(&[204]))
}

fn list_affected_users(params: &ListAffectedUsersParams) -> Result<Request, IamError> {
    Ok(Request::get(LIST_AFFECTED_USERS, GROUPS)
        .segments(&["move"])
        .segment(params.source_group_id.to_string())
        .segment(params.destination_group_id.to_string())
        .segments(&["affected-users"])
        .query("userType", params.user_type.map(UserType::as_str))
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn check_group_name(operation: &str, body: &GroupRequest) -> Result<(), IamError> {
    validate::field(
        operation,
        "body.groupName",
        &body.group_name,
        validate::not_blank,
    )
}

#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn registry() -> Vec<crate::api::registry::Entry> {
    use crate::api::registry::{entry, no_content};
    vec![
        entry::<_, Vec<Group>>(LIST_GROUPS, "GET /user-admin/groups", list_groups),
        entry::<_, Group>(GET_GROUP, "GET /user-admin/groups/{groupId}", get_group),
        entry::<_, Group>(
            CREATE_GROUP,
            "POST /user-admin/groups/{groupId}",
            create_group,
        ),
        entry::<_, Group>(
            UPDATE_GROUP_NAME,
            "PUT /user-admin/groups/{groupId}",
            update_group_name,
        ),
        no_content::<_>(
            REMOVE_GROUP,
            "DELETE /user-admin/groups/{groupId}",
            remove_group,
        ),
        no_content::<_>(MOVE_GROUP, "POST /user-admin/groups/move", move_group),
        entry::<_, Vec<AffectedUser>>(
            LIST_AFFECTED_USERS,
            "GET /user-admin/groups/move/{sourceGroupId}/{destinationGroupId}/affected-users",
            list_affected_users,
        ),
    ]
}

/// Params of `listGroups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListGroupsParams {
    /// Include the actions you can take on each group (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `getGroup`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetGroupParams {
    /// The group's identifier.
    pub group_id: u64,
    /// Include the actions you can take on the group (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `createGroup`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateGroupParams {
    /// The PARENT group's identifier: the new group is created inside it.
    pub group_id: u64,
    /// The new group's name.
    pub body: GroupRequest,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `updateGroupName`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateGroupNameParams {
    /// The identifier of the group to rename.
    pub group_id: u64,
    /// The group's new name.
    pub body: GroupRequest,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `removeGroup`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoveGroupParams {
    /// The identifier of the group to delete.
    pub group_id: u64,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `moveGroup`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveGroupParams {
    /// Which group to move, and where.
    pub body: MoveGroupRequest,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `listAffectedUsers`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListAffectedUsersParams {
    /// The group you would move.
    pub source_group_id: u64,
    /// The group you would move it into.
    pub destination_group_id: u64,
    /// Only users who would lose access, or only those who would gain it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<UserType>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Which users a list of affected users keeps (`listAffectedUsers`, `listUsersForProperty`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum UserType {
    /// Users who lose access.
    LostAccess,
    /// Users who gain access.
    GainAccess,
}

impl UserType {
    /// The value as sent in the query.
    pub fn as_str(self) -> &'static str {
        match self {
            UserType::LostAccess => "lostAccess",
            UserType::GainAccess => "gainAccess",
        }
    }
}

/// A group's name, as `createGroup` and `updateGroupName` send it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupRequest {
    /// The group's name (1 to 50 characters).
    pub group_name: String,
}

/// A group to move and where, as `moveGroup` sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveGroupRequest {
    /// The nested group to move.
    pub source_group_id: u64,
    /// The group to move it under, in the same hierarchy.
    pub destination_group_id: u64,
}

/// A group, with its subgroups nested at every depth. Unknown fields are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Group {
    /// The group's identifier.
    pub group_id: u64,
    /// The group's name.
    pub group_name: String,
    /// Who created the group.
    pub created_by: String,
    /// ISO 8601 time the group was created.
    pub created_date: String,
    /// Who last changed the group.
    pub modified_by: String,
    /// ISO 8601 time the group was last changed.
    pub modified_date: String,
    /// The parent group's identifier; absent for a root group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_group_id: Option<u64>,
    /// What you can do to the group, with `actions: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<GroupActions>,
    /// The group's children, each a group with its own `subGroups`.
    pub sub_groups: Vec<Group>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// What you can do to a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct GroupActions {
    /// Whether you can delete the group.
    pub delete: bool,
    /// Whether you can change the group.
    pub edit: bool,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// A user whose access would change by moving a group. Unknown fields are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct AffectedUser {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// The user's username in Control Center.
    pub ui_user_name: String,
    /// The user's first name.
    pub first_name: String,
    /// The user's surname.
    pub last_name: String,
    /// The user's email address.
    pub email: String,
    /// The account the user belongs to.
    pub account_id: String,
    /// ISO 8601 time of the user's last login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_date: Option<String>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;
    use crate::request::{BaseUrl, Method};
    use serde_json::json;

    fn url(request: &Request) -> String {
        request.url(&BaseUrl::parse("http://h").expect("valid base"))
    }

    fn params<T: serde::de::DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("valid params")
    }

    #[test]
    fn create_group_posts_the_name_to_the_parent_and_expects_201() {
        let request = create_group(&params(json!({
            "groupId": 54321, "body": {"groupName": "Digital Company"}, "accountSwitchKey": "1-A:2"
        })))
        .expect("valid");
        assert_eq!(request.method, Method::Post);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/groups/54321?accountSwitchKey=1-A%3A2"
        );
        assert_eq!(request.body, Some(json!({"groupName": "Digital Company"})));
        assert_eq!(request.expected, &[201]);
    }

    #[test]
    fn move_group_posts_to_move_and_expects_204() {
        let request = move_group(&params(json!({
            "body": {"sourceGroupId": 1, "destinationGroupId": 2}
        })))
        .expect("valid");
        assert_eq!(request.method, Method::Post);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/groups/move"
        );
        assert_eq!(
            request.body,
            Some(json!({"sourceGroupId": 1, "destinationGroupId": 2}))
        );
        assert_eq!(request.expected, &[204]);
    }

    #[test]
    fn list_affected_users_puts_both_groups_in_the_path() {
        let request = list_affected_users(&params(json!({
            "sourceGroupId": 32145, "destinationGroupId": 54321, "userType": "gainAccess"
        })))
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/groups/move/32145/54321/affected-users\
             ?userType=gainAccess"
        );
    }

    #[test]
    fn blank_group_name_is_validation_error() {
        for name in ["", "   "] {
            let error = update_group_name(&params(json!({
                "groupId": 1, "body": {"groupName": name}
            })))
            .expect_err("refused");
            assert_eq!(error.kind, IamErrorKind::Validation);
            assert_eq!(error.field.as_deref(), Some("body.groupName"));
            assert_eq!(error.operation, "updateGroupName");
        }
    }

    #[test]
    fn bad_params_are_refused_by_serde() {
        for bad in [
            json!({"groupId": -1}),
            json!({"groupId": "12"}),
            json!({"groupId": 1, "action": true}),
        ] {
            assert!(serde_json::from_value::<GetGroupParams>(bad).is_err());
        }
        let bad_type = json!({"sourceGroupId": 1, "destinationGroupId": 2, "userType": "lost"});
        assert!(serde_json::from_value::<ListAffectedUsersParams>(bad_type).is_err());
        let unknown_body_field = json!({"groupId": 1, "body": {"groupName": "a", "x": 1}});
        assert!(serde_json::from_value::<CreateGroupParams>(unknown_body_field).is_err());
    }

    #[test]
    fn nested_subgroups_decode_recursively_keeping_unknown_fields() {
        let body = json!({
            "groupId": 1, "groupName": "root", "createdBy": "a", "createdDate": "d",
            "modifiedBy": "b", "modifiedDate": "e",
            "subGroups": [{
                "groupId": 2, "groupName": "child", "createdBy": "a", "createdDate": "d",
                "modifiedBy": "b", "modifiedDate": "e", "parentGroupId": 1, "isBlocked": false,
                "subGroups": [{
                    "groupId": 3, "groupName": "grandchild", "createdBy": "a", "createdDate": "d",
                    "modifiedBy": "b", "modifiedDate": "e", "parentGroupId": 2, "subGroups": []
                }]
            }]
        });
        let group: Group = serde_json::from_value(body.clone()).expect("decoded");
        let child = &group.sub_groups[0];
        assert_eq!(child.extra.get("isBlocked"), Some(&json!(false)));
        assert_eq!(child.sub_groups[0].group_name, "grandchild");
        assert_eq!(serde_json::to_value(&group).ok(), Some(body));
    }
}
