//! Groups: the `Groups` section of the IAM API docs (`/user-admin/groups`).

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::op::{Check, Rule};

operations! {
    LIST_GROUPS = "listGroups", fn list_groups(Option<ListGroupsParams>) -> Vec<Ts<Group>> = "Promise<Group[]>", [200];
        " List the groups you can manage, each with its subgroups nested."
        route " `GET /identity-management/v3/user-admin/groups`";

    GET_GROUP = "getGroup", fn get_group(GetGroupParams) -> Ts<Group> = "Promise<Group>", [200];
        " Get a group, with its subgroups nested."
        route " `GET /identity-management/v3/user-admin/groups/{groupId}`";

    CREATE_GROUP = "createGroup", fn create_group(CreateGroupParams) -> Ts<Group> = "Promise<Group>", [201];
        " Create a group inside the parent group `groupId`."
        route " `POST /identity-management/v3/user-admin/groups/{groupId}`"
        checks [Check("body.groupName", Rule::NotBlank)];

    UPDATE_GROUP_NAME = "updateGroupName", fn update_group_name(UpdateGroupNameParams) -> Ts<Group> = "Promise<Group>", [200];
        " Rename a group."
        route " `PUT /identity-management/v3/user-admin/groups/{groupId}`"
        checks [Check("body.groupName", Rule::NotBlank)];

    REMOVE_GROUP = "removeGroup", fn remove_group(RemoveGroupParams) -> () = "Promise<void>", [204];
        " Delete a group that has no subgroups, resources or users with roles on it."
        route " `DELETE /identity-management/v3/user-admin/groups/{groupId}`";

    MOVE_GROUP = "moveGroup", fn move_group(MoveGroupParams) -> () = "Promise<void>", [204];
        " Move a nested group under another group of the same hierarchy."
        route " `POST /identity-management/v3/user-admin/groups/move`";

    LIST_AFFECTED_USERS = "listAffectedUsers", fn list_affected_users(ListAffectedUsersParams) -> Vec<Ts<AffectedUser>> = "Promise<AffectedUser[]>", [200];
        " List the users who would lose or gain access by moving a group."
        route " `GET /identity-management/v3/user-admin/groups/move/{sourceGroupId}/{destinationGroupId}/affected-users`";
}

strict! {
    /// Params of `listGroups`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListGroupsParams {
        /// Include the actions you can take on each group (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `getGroup`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetGroupParams {
        /// The group's identifier.
        pub group_id: u64,
        /// Include the actions you can take on the group (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `createGroup`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateGroupParams {
        /// The PARENT group's identifier: the new group is created inside it.
        pub group_id: u64,
        /// The new group's name.
        pub body: GroupRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `updateGroupName`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateGroupNameParams {
        /// The identifier of the group to rename.
        pub group_id: u64,
        /// The group's new name.
        pub body: GroupRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `removeGroup`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct RemoveGroupParams {
        /// The identifier of the group to delete.
        pub group_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `moveGroup`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct MoveGroupParams {
        /// Which group to move, and where.
        pub body: MoveGroupRequest,
        ..account_switch_key,
    }
}

strict! {
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
        ..account_switch_key,
    }
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

strict_enum!(UserType: "lostAccess", "gainAccess");

impl UserType {
    /// The value as sent in the query.
    pub fn as_str(self) -> &'static str {
        match self {
            UserType::LostAccess => "lostAccess",
            UserType::GainAccess => "gainAccess",
        }
    }
}

strict! {
    /// A group's name, as `createGroup` and `updateGroupName` send it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GroupRequest {
        /// The group's name (1 to 50 characters).
        pub group_name: String,
    }
}

strict! {
    /// A group to move and where, as `moveGroup` sends it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct MoveGroupRequest {
        /// The nested group to move.
        pub source_group_id: u64,
        /// The group to move it under, in the same hierarchy.
        pub destination_group_id: u64,
    }
}

model! {
    /// A group, with its subgroups nested at every depth. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct Group {
        /// The group's identifier.
        pub group_id: u64,
        /// The group's name.
        pub group_name: String,
        ..audit,
        /// The parent group's identifier; absent for a root group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent_group_id: Option<u64>,
        /// What you can do to the group, with `actions: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<GroupActions>,
        /// The group's children, each a group with its own `subGroups`.
        pub sub_groups: Vec<Group>,
        ..extra,
    }
}

model! {
    /// What you can do to a group.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct GroupActions {
        /// Whether you can delete the group.
        pub delete: bool,
        /// Whether you can change the group.
        pub edit: bool,
        ..extra,
    }
}

model! {
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
        ..extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::registry::sent;
    use crate::error::IamErrorKind;
    use crate::request::Request;
    use crate::request::{BaseUrl, Method};
    use serde_json::json;
    use serde_json::Value;

    fn url(request: &Request) -> String {
        request.url(&BaseUrl::parse("http://h").expect("valid base"))
    }

    fn params(value: Value) -> Value {
        value
    }

    #[test]
    fn create_group_posts_the_name_to_the_parent_and_expects_201() {
        let request = sent(&CREATE_GROUP, &params(json!({
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
        let request = sent(
            &MOVE_GROUP,
            &params(json!({
                "body": {"sourceGroupId": 1, "destinationGroupId": 2}
            })),
        )
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
        let request = sent(
            &LIST_AFFECTED_USERS,
            &params(json!({
                "sourceGroupId": 32145, "destinationGroupId": 54321, "userType": "gainAccess"
            })),
        )
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
            let error = sent(
                &UPDATE_GROUP_NAME,
                &params(json!({
                    "groupId": 1, "body": {"groupName": name}
                })),
            )
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
