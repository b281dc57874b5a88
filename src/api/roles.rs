//! Roles: the `Roles` section of the IAM API docs (`/user-admin/roles`).

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::op::{Check, Rule};

/// A role's name, when given, is not blank.
const ROLE_NAME: Check = Check("body.roleName", Rule::NotBlank);
/// A role's description, when given, is not blank.
const ROLE_DESCRIPTION: Check = Check("body.roleDescription", Rule::NotBlank);

operations! {
    LIST_ROLES = "listRoles", fn list_roles(Option<ListRolesParams>) -> Vec<Ts<RoleListItem>> = "Promise<RoleListItem[]>", [200];
        " List the roles of the account and contract type."
        route " `GET /identity-management/v3/user-admin/roles`";

    GET_ROLE = "getRole", fn get_role(GetRoleParams) -> Ts<Role> = "Promise<Role>", [200];
        " Get a role."
        route " `GET /identity-management/v3/user-admin/roles/{roleId}`";

    CREATE_ROLE = "createRole", fn create_role(CreateRoleParams) -> Ts<Role> = "Promise<Role>", [201];
        " Create a custom role from grantable roles."
        route " `POST /identity-management/v3/user-admin/roles`"
        checks [ROLE_NAME, ROLE_DESCRIPTION];

    UPDATE_ROLE = "updateRole", fn update_role(UpdateRoleParams) -> Ts<Role> = "Promise<Role>", [200];
        " Change a custom role's name, description or granted roles."
        route " `PUT /identity-management/v3/user-admin/roles/{roleId}`"
        checks [ROLE_NAME, ROLE_DESCRIPTION];

    DELETE_ROLE = "deleteRole", fn delete_role(DeleteRoleParams) -> () = "Promise<void>", [204];
        " Delete a custom role that no user has."
        route " `DELETE /identity-management/v3/user-admin/roles/{roleId}`";

    LIST_GRANTABLE_ROLES = "listGrantableRoles", fn list_grantable_roles(Option<ListGrantableRolesParams>) -> Vec<Ts<GrantableRole>> = "Promise<GrantableRole[]>", [200];
        " List the grantable roles a custom role can combine."
        route " `GET /identity-management/v3/user-admin/roles/grantable-roles`";
}

strict! {
    /// Params of `listRoles`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListRolesParams {
        /// Only the roles of this group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub group_id: Option<u64>,
        /// Include the actions you can take on each role (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        /// Include the users who have each role (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub users: Option<bool>,
        /// List every role of the account, whatever the contract type of your API client (`false`
        /// by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ignore_context: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `getRole`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetRoleParams {
        /// The role's identifier.
        pub role_id: u64,
        /// Include the actions you can take on the role (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        /// Include the grantable roles the role combines (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub granted_roles: Option<bool>,
        /// Include the users who have the role (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub users: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `createRole`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateRoleParams {
        /// The new role.
        pub body: CreateRoleRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `updateRole`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateRoleParams {
        /// The identifier of the custom role to change.
        pub role_id: u64,
        /// What to change.
        pub body: UpdateRoleRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `deleteRole`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DeleteRoleParams {
        /// The identifier of the custom role to delete.
        pub role_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `listGrantableRoles`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListGrantableRolesParams {
        ..account_switch_key,
    }
}

strict! {
    /// A new custom role, as `createRole` sends it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateRoleRequest {
        /// The role's name (1 to 70 characters).
        pub role_name: String,
        /// What the role is for (1 to 250 characters).
        pub role_description: String,
        /// The grantable roles the role combines.
        pub granted_roles: Vec<GrantedRoleId>,
    }
}

strict! {
    /// Changes to a custom role, as `updateRole` sends them; absent fields are not sent.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateRoleRequest {
        /// The role's new name (1 to 70 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role_name: Option<String>,
        /// The role's new description (1 to 250 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role_description: Option<String>,
        /// The grantable roles the role combines from now on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub granted_roles: Option<Vec<GrantedRoleId>>,
    }
}

strict! {
    /// A grantable role, by identifier, in a role request.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GrantedRoleId {
        /// The grantable role's identifier (see `listGrantableRoles`).
        pub granted_role_id: u64,
    }
}

model! {
    /// A role, as `listRoles` lists it. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct RoleListItem {
        /// The role's identifier.
        pub role_id: u64,
        /// The role's name.
        pub role_name: String,
        /// What the role is for.
        pub role_description: String,
        /// `custom` (made by your account's users; the only kind you can change or delete),
        /// `standard` or `account` (defined by Akamai); a string, so that a kind Akamai adds later
        /// still decodes.
        #[serde(rename = "type")]
        pub role_type: String,
        /// Who created the role.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_by: Option<String>,
        /// ISO 8601 time the role was created.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_date: Option<String>,
        /// Who last changed the role.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub modified_by: Option<String>,
        /// ISO 8601 time the role was last changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub modified_date: Option<String>,
        /// How many users have the role.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub num_users: Option<u64>,
        /// What you can do to the role, with `actions: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<RoleActions>,
        /// The users who have the role, with `users: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub users: Option<Vec<RoleUser>>,
        ..extra,
    }
}

model! {
    /// A role with its granted roles, as `getRole`, `createRole` and `updateRole` return it.
    /// Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct Role {
        /// The role's identifier.
        pub role_id: u64,
        /// The role's name.
        pub role_name: String,
        /// What the role is for.
        pub role_description: String,
        /// `custom`, `standard` or `account` (see [`RoleListItem::role_type`]).
        #[serde(rename = "type")]
        pub role_type: String,
        ..audit,
        /// The grantable roles the role combines, with `grantedRoles: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub granted_roles: Option<Vec<GrantedRole>>,
        /// What you can do to the role, with `actions: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<RoleActions>,
        /// The users who have the role, with `users: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub users: Option<Vec<RoleUser>>,
        ..extra,
    }
}

model! {
    /// What you can do to a role.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct RoleActions {
        /// Whether you can delete the role.
        pub delete: bool,
        /// Whether you can change the role.
        pub edit: bool,
        ..extra,
    }
}

model! {
    /// A user who has a role.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct RoleUser {
        ..user_identity,
        /// The account the user belongs to.
        pub account_id: String,
        /// ISO 8601 time of the user's last login.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub last_login_date: Option<String>,
        ..extra,
    }
}

model! {
    /// A grantable role that a role combines.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct GrantedRole {
        /// The grantable role's identifier.
        pub granted_role_id: u64,
        /// The grantable role's name.
        pub granted_role_name: String,
        /// What the grantable role allows.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub granted_role_description: Option<String>,
        ..extra,
    }
}

model! {
    /// A role you can combine into a custom role, as `listGrantableRoles` lists it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct GrantableRole {
        /// The grantable role's identifier (the `grantedRoleId` of role requests).
        pub granted_role_id: u64,
        /// The grantable role's name.
        pub granted_role_name: String,
        /// What the grantable role allows.
        pub granted_role_description: String,
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
    fn list_roles_sends_every_filter() {
        let request = sent(
            &LIST_ROLES,
            &params(json!({
                "groupId": 12345, "actions": true, "users": false, "ignoreContext": true
            })),
        )
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/roles\
             ?groupId=12345&actions=true&users=false&ignoreContext=true"
        );
        let none = sent(&LIST_ROLES, &ListRolesParams::default()).expect("valid");
        assert!(none.query.is_empty());
    }

    #[test]
    fn create_role_posts_the_role_and_expects_201() {
        let body = json!({
            "roleName": "Edit Reports", "roleDescription": "Edit reports.",
            "grantedRoles": [{"grantedRoleId": 2051}]
        });
        let request = sent(&CREATE_ROLE, &params(json!({"body": body}))).expect("valid");
        assert_eq!(request.method, Method::Post);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/roles"
        );
        assert_eq!(request.body, Some(body));
        assert_eq!(request.expected, &[201]);
    }

    #[test]
    fn create_role_needs_granted_roles_and_a_name() {
        let missing = json!({"body": {"roleName": "r", "roleDescription": "d"}});
        assert!(serde_json::from_value::<CreateRoleParams>(missing).is_err());
        let error = sent(
            &CREATE_ROLE,
            &params(json!({
                "body": {"roleName": " ", "roleDescription": "d", "grantedRoles": []}
            })),
        )
        .expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("body.roleName"));
    }

    #[test]
    fn update_role_sends_only_the_given_fields() {
        let request = sent(
            &UPDATE_ROLE,
            &params(json!({
                "roleId": 100645, "body": {"grantedRoles": [{"grantedRoleId": 2063}]}
            })),
        )
        .expect("valid");
        assert_eq!(request.method, Method::Put);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/roles/100645"
        );
        assert_eq!(
            request.body,
            Some(json!({"grantedRoles": [{"grantedRoleId": 2063}]}))
        );
        let error = sent(
            &UPDATE_ROLE,
            &params(json!({"roleId": 1, "body": {"roleDescription": ""}})),
        )
        .expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("body.roleDescription"));
    }

    #[test]
    fn delete_role_expects_204() {
        let request = sent(&DELETE_ROLE, &params(json!({"roleId": 7}))).expect("valid");
        assert_eq!(request.method, Method::Delete);
        assert_eq!(request.expected, &[204]);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/roles/7"
        );
    }

    #[test]
    fn a_role_type_unknown_today_still_decodes() {
        let body = json!({"roleId": 1, "roleName": "n", "roleDescription": "d", "type": "partner"});
        let role: RoleListItem = serde_json::from_value(body.clone()).expect("decoded");
        assert_eq!(role.role_type, "partner");
        assert_eq!(serde_json::to_value(&role).ok(), Some(body));
    }
}
