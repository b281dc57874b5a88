//! Properties: the `Properties` section of the IAM API docs (`/user-admin/properties`), which
//! covers both properties and includes (assets).

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::api::groups::UserType;
use crate::op::{Check, Rule};

operations! {
    LIST_PROPERTIES = "listProperties", fn list_properties(Option<ListPropertiesParams>) -> Vec<Ts<PropertyListItem>> = "Promise<PropertyListItem[]>", [200];
        " List properties and includes, optionally of one group."
        route " `GET /identity-management/v3/user-admin/properties`";

    GET_PROPERTY = "getProperty", fn get_property(GetPropertyParams) -> Ts<Property> = "Promise<Property>", [200];
        " Get a property or include of a group."
        route " `GET /identity-management/v3/user-admin/properties/{assetId}`";

    MOVE_PROPERTY = "moveProperty", fn move_property(MovePropertyParams) -> () = "Promise<void>", [204];
        " Move a property or include to another group of the same hierarchy."
        route " `PUT /identity-management/v3/user-admin/properties/{assetId}`";

    GET_PROPERTY_RESOURCES = "getPropertyResources", fn get_property_resources(GetPropertyResourcesParams) -> Vec<Ts<PropertyResource>> = "Promise<PropertyResource[]>", [200];
        " List the resources (CP codes, configuration files...) a property or include uses."
        route " `GET /identity-management/v3/user-admin/properties/{assetId}/resources`";

    LIST_USERS_FOR_PROPERTY = "listUsersForProperty", fn list_users_for_property(ListUsersForPropertyParams) -> Vec<Ts<PropertyUser>> = "Promise<PropertyUser[]>", [200];
        " List the users who can access a property or include, and whether each is blocked."
        route " `GET /identity-management/v3/user-admin/properties/{assetId}/users`";

    BLOCK_USERS = "blockUsers", fn block_users(BlockUsersParams) -> Vec<Ts<PropertyUser>> = "Promise<PropertyUser[]>", [200];
        " Block users from a property or include; answers the property's users."
        route " `PUT /identity-management/v3/user-admin/properties/{assetId}/users/block`"
        checks [Check("body[].uiIdentityId", Rule::NotBlank)];
}

strict! {
    /// Params of `listProperties`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListPropertiesParams {
        /// Only the properties and includes of this group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub group_id: Option<u64>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `getProperty`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetPropertyParams {
        /// The property's or include's identifier (`propertyId` in lists).
        pub asset_id: u64,
        /// The group the asset belongs to (required by the API).
        pub group_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `moveProperty`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct MovePropertyParams {
        /// The property's or include's identifier.
        pub asset_id: u64,
        /// The group it is in, and the group to move it to.
        pub body: MovePropertyRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `getPropertyResources`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetPropertyResourcesParams {
        /// The property's or include's identifier.
        pub asset_id: u64,
        /// The group the asset belongs to (required by the API).
        pub group_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `listUsersForProperty`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListUsersForPropertyParams {
        /// The property's or include's identifier.
        pub asset_id: u64,
        /// Only users who lost access, or only those who gained it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_type: Option<UserType>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `blockUsers`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct BlockUsersParams {
        /// The property's or include's identifier.
        pub asset_id: u64,
        /// The users to block.
        pub body: Vec<BlockUsersItem>,
        ..account_switch_key,
    }
}

strict! {
    /// The groups of a property move, as `moveProperty` sends them.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct MovePropertyRequest {
        /// The group the asset is in now.
        pub source_group_id: u64,
        /// The group to move the asset to.
        pub destination_group_id: u64,
    }
}

strict! {
    /// One user to block, as `blockUsers` sends it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct BlockUsersItem {
        /// The user's unique identifier.
        pub ui_identity_id: String,
    }
}

model! {
    /// A property or include, as `listProperties` lists it. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct PropertyListItem {
        /// The asset's identifier (the `assetId` of the other operations).
        pub property_id: u64,
        /// The asset's name.
        pub property_name: String,
        /// The kind of asset, e.g. `On Demand Media`.
        pub property_type_description: String,
        /// The group the asset belongs to.
        pub group_id: u64,
        /// The group's name.
        pub group_name: String,
        /// What you can do to the asset.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<PropertyActions>,
        ..extra,
    }
}

model! {
    /// What you can do to a property or include.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct PropertyActions {
        /// Whether you can move the asset to another group.
        #[serde(rename = "move")]
        pub move_: bool,
        ..extra,
    }
}

model! {
    /// A property or include, as `getProperty` returns it. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct Property {
        /// The asset's identifier.
        pub property_id: u64,
        /// The asset's name.
        pub property_name: String,
        /// The asset's ARL configuration file.
        pub arl_config_file: String,
        /// The group the asset belongs to.
        pub group_id: u64,
        /// The group's name.
        pub group_name: String,
        ..audit,
        ..extra,
    }
}

model! {
    /// A resource a property or include uses. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct PropertyResource {
        /// The resource's identifier.
        pub resource_id: u64,
        /// The resource's name.
        pub resource_name: String,
        /// The kind of resource: `enable`, `arlfile`, `cpcode`, `storagegroup`, `fpdomain`, `edns`
        /// today (a string, so that a kind Akamai adds later still decodes).
        pub resource_type: String,
        /// ISO 8601 time the resource was last changed.
        pub modified_date: String,
        ..extra,
    }
}

model! {
    /// A user of a property or include. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct PropertyUser {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        /// The user's username in Control Center.
        pub ui_user_name: String,
        /// The user's first name.
        pub first_name: String,
        /// The user's surname.
        pub last_name: String,
        /// Whether the user is blocked from the asset.
        pub is_blocked: bool,
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
    fn get_property_sends_the_required_group_id() {
        let request = sent(
            &GET_PROPERTY,
            &params(json!({"assetId": 9678999, "groupId": 12345})),
        )
        .expect("valid");
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/properties/9678999?groupId=12345"
        );
        assert!(serde_json::from_value::<GetPropertyParams>(json!({"assetId": 1})).is_err());
        assert!(
            serde_json::from_value::<GetPropertyResourcesParams>(json!({"assetId": 1})).is_err()
        );
    }

    #[test]
    fn move_property_puts_the_groups_and_expects_204() {
        let request = sent(
            &MOVE_PROPERTY,
            &params(json!({
                "assetId": 1, "body": {"sourceGroupId": 11111, "destinationGroupId": 22222}
            })),
        )
        .expect("valid");
        assert_eq!(request.method, Method::Put);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/properties/1"
        );
        assert_eq!(
            request.body,
            Some(json!({"sourceGroupId": 11111, "destinationGroupId": 22222}))
        );
        assert_eq!(request.expected, &[204]);
    }

    #[test]
    fn block_users_puts_the_user_list() {
        let request = sent(
            &BLOCK_USERS,
            &params(json!({
                "assetId": 7, "body": [{"uiIdentityId": "B-3-146FAB9"}], "accountSwitchKey": "k"
            })),
        )
        .expect("valid");
        assert_eq!(request.method, Method::Put);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/user-admin/properties/7/users/block?accountSwitchKey=k"
        );
        assert_eq!(request.body, Some(json!([{"uiIdentityId": "B-3-146FAB9"}])));
        assert_eq!(request.expected, &[200]);
    }

    #[test]
    fn block_users_blank_id_is_validation_error_naming_the_item() {
        let error = sent(
            &BLOCK_USERS,
            &params(json!({
                "assetId": 7, "body": [{"uiIdentityId": "A"}, {"uiIdentityId": ""}]
            })),
        )
        .expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("body[1].uiIdentityId"));
    }

    #[test]
    fn a_resource_type_unknown_today_still_decodes() {
        let body = json!([{
            "resourceId": 1, "resourceName": "n", "resourceType": "edgeworker",
            "modifiedDate": "2017-09-07T17:00:58.000Z"
        }]);
        let resources: Vec<PropertyResource> =
            serde_json::from_value(body.clone()).expect("decoded");
        assert_eq!(resources[0].resource_type, "edgeworker");
        assert_eq!(serde_json::to_value(&resources).ok(), Some(body));
    }
}
