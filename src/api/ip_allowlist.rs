//! IP allowlists: the `IP allowlists` section of the IAM API docs (`/user-admin/ip-acl/allowlist`),
//! the CIDR blocks allowed to reach Control Center and whether that allowlist is enforced.

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::op::{Check, Rule};

operations! {
    LIST_CIDR_BLOCKS = "listCidrBlocks", fn list_cidr_blocks(Option<ListCidrBlocksParams>) -> Vec<Ts<CidrBlock>> = "Promise<CidrBlock[]>", [200];
        " List the CIDR blocks on the account's IP allowlist."
        route " `GET /identity-management/v3/user-admin/ip-acl/allowlist`";

    GET_CIDR_BLOCK = "getCidrBlock", fn get_cidr_block(GetCidrBlockParams) -> Ts<CidrBlock> = "Promise<CidrBlock>", [200];
        " Get a CIDR block of the IP allowlist."
        route " `GET /identity-management/v3/user-admin/ip-acl/allowlist/{cidrBlockId}`";

    CREATE_CIDR_BLOCK = "createCidrBlock", fn create_cidr_block(CreateCidrBlockParams) -> Ts<CidrBlock> = "Promise<CidrBlock>", [201];
        " Add a CIDR block to the IP allowlist; `body.cidrBlock` is checked to be an IP address or"
        " CIDR block first."
        route " `POST /identity-management/v3/user-admin/ip-acl/allowlist`"
        checks [Check("body.cidrBlock", Rule::Cidr)];

    UPDATE_CIDR_BLOCK = "updateCidrBlock", fn update_cidr_block(UpdateCidrBlockParams) -> Ts<CidrBlock> = "Promise<CidrBlock>", [200];
        " Modify a CIDR block of the IP allowlist; `body.cidrBlock` is checked to be an IP address or"
        " CIDR block first."
        route " `PUT /identity-management/v3/user-admin/ip-acl/allowlist/{cidrBlockId}`"
        checks [Check("body.cidrBlock", Rule::Cidr)];

    DELETE_CIDR_BLOCK = "deleteCidrBlock", fn delete_cidr_block(DeleteCidrBlockParams) -> () = "Promise<void>", [204];
        " Delete a CIDR block from the IP allowlist."
        route " `DELETE /identity-management/v3/user-admin/ip-acl/allowlist/{cidrBlockId}`";

    VALIDATE_CIDR_BLOCK = "validateCidrBlock", fn validate_cidr_block(ValidateCidrBlockParams) -> () = "Promise<void>", [204];
        " Have the API check a CIDR block's format before creating it; resolves when it is valid."
        " A value that is not an IP address or CIDR block at all is refused without a request."
        route " `GET /identity-management/v3/user-admin/ip-acl/allowlist/validate`"
        checks [Check("cidrblock", Rule::Cidr)];

    GET_IP_ALLOWLIST_STATUS = "getIpAllowlistStatus", fn get_ip_allowlist_status(Option<GetIpAllowlistStatusParams>) -> Ts<IpAllowlistStatus> = "Promise<IpAllowlistStatus>", [200];
        " Get whether the IP allowlist is enabled on the account."
        route " `GET /identity-management/v3/user-admin/ip-acl/allowlist/status`";

    ENABLE_IP_ALLOWLIST = "enableIpAllowlist", fn enable_ip_allowlist(Option<EnableIpAllowlistParams>) -> () = "Promise<void>", [204];
        " Enable the IP allowlist on the account (it must hold at least one CIDR block)."
        route " `POST /identity-management/v3/user-admin/ip-acl/allowlist/enable`";

    DISABLE_IP_ALLOWLIST = "disableIpAllowlist", fn disable_ip_allowlist(Option<DisableIpAllowlistParams>) -> () = "Promise<void>", [204];
        " Disable the IP allowlist on the account."
        route " `POST /identity-management/v3/user-admin/ip-acl/allowlist/disable`";
}

strict! {
    /// Params of `listCidrBlocks`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListCidrBlocksParams {
        /// Include the actions you can take on each CIDR block (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `getCidrBlock`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetCidrBlockParams {
        /// The CIDR block's identifier (not its address: see `listCidrBlocks`).
        pub cidr_block_id: u64,
        /// Include the actions you can take on the CIDR block (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `createCidrBlock`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateCidrBlockParams {
        /// The CIDR block to add.
        pub body: CidrBlockBody,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `updateCidrBlock`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateCidrBlockParams {
        /// The CIDR block's identifier.
        pub cidr_block_id: u64,
        /// The CIDR block as it should be.
        pub body: CidrBlockBody,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `deleteCidrBlock`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DeleteCidrBlockParams {
        /// The CIDR block's identifier.
        pub cidr_block_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `validateCidrBlock`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ValidateCidrBlockParams {
        /// The IP address or CIDR block to check, e.g. `192.0.2.0/24` (not a `cidrBlockId`).
        pub cidrblock: String,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `getIpAllowlistStatus`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetIpAllowlistStatusParams {
        ..account_switch_key,
    }
}

strict! {
    /// Params of `enableIpAllowlist`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct EnableIpAllowlistParams {
        ..account_switch_key,
    }
}

strict! {
    /// Params of `disableIpAllowlist`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DisableIpAllowlistParams {
        ..account_switch_key,
    }
}

strict! {
    /// A CIDR block as `createCidrBlock` and `updateCidrBlock` send it (the spec's `post-ip-acl`).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CidrBlockBody {
        /// The IP address or CIDR block, e.g. `192.0.2.0/24`.
        pub cidr_block: String,
        /// Whether the CIDR block is enabled.
        pub enabled: bool,
        /// A label for the CIDR block, e.g. `EMEA Offices`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub comments: Option<String>,
    }
}

model! {
    /// A CIDR block of the IP allowlist. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct CidrBlock {
        /// The CIDR block's identifier.
        pub cidr_block_id: u64,
        /// The IP address or CIDR block, e.g. `192.0.2.0/24`.
        pub cidr_block: String,
        /// Whether the CIDR block is enabled.
        pub enabled: bool,
        /// The label given to the CIDR block.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub comments: Option<String>,
        ..audit,
        /// What you can do to the CIDR block, with `actions: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<CidrBlockActions>,
        ..extra,
    }
}

model! {
    /// What you can do to a CIDR block.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct CidrBlockActions {
        /// Whether you can delete it (not the last one, nor from an IP address off the allowlist).
        pub delete: bool,
        /// Whether you can edit it (same limits as `delete`).
        pub edit: bool,
        ..extra,
    }
}

model! {
    /// Whether the IP allowlist is enabled on the account. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct IpAllowlistStatus {
        /// Whether the IP allowlist is enabled.
        pub enabled: bool,
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
    use crate::transport::outcome;
    use serde_json::json;

    fn url(request: &Request) -> String {
        request.url(&BaseUrl::parse("http://127.0.0.1:8600").expect("valid base"))
    }

    fn body(cidr_block: &str) -> CidrBlockBody {
        CidrBlockBody {
            cidr_block: cidr_block.into(),
            enabled: true,
            comments: Some("EMEA Offices".into()),
        }
    }

    #[test]
    fn validate_cidr_block_sends_the_slash_as_percent_2f_and_expects_204() {
        let request = sent(
            &VALIDATE_CIDR_BLOCK,
            &ValidateCidrBlockParams {
                cidrblock: "2001:db8::/32".into(),
                account_switch_key: Some("k".into()),
            },
        )
        .expect("valid");
        assert_eq!(request.operation, "validateCidrBlock");
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.expected, [204]);
        assert_eq!(request.body, None);
        assert_eq!(
            url(&request),
            "http://127.0.0.1:8600/identity-management/v3/user-admin/ip-acl/allowlist/validate\
             ?cidrblock=2001%3Adb8%3A%3A%2F32&accountSwitchKey=k"
        );
    }

    #[test]
    fn validate_cidr_block_refuses_what_is_no_cidr_block() {
        for bad in ["", "192.0.2.0/33", "cidrblock 0/x?", " 192.0.2.0/24"] {
            let error = sent(
                &VALIDATE_CIDR_BLOCK,
                &ValidateCidrBlockParams {
                    cidrblock: bad.into(),
                    account_switch_key: None,
                },
            )
            .expect_err("refused");
            assert_eq!(error.kind, IamErrorKind::Validation, "{bad:?}");
            assert_eq!(error.field.as_deref(), Some("cidrblock"));
            assert_eq!(error.operation, "validateCidrBlock");
        }
    }

    #[test]
    fn create_cidr_block_posts_the_body_and_expects_201() {
        let request = sent(
            &CREATE_CIDR_BLOCK,
            &CreateCidrBlockParams {
                body: body("128.10.46.60/24"),
                account_switch_key: None,
            },
        )
        .expect("valid");
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.expected, [201]);
        assert_eq!(request.path, ["user-admin", "ip-acl", "allowlist"]);
        assert_eq!(
            request.body,
            Some(
                json!({"cidrBlock": "128.10.46.60/24", "enabled": true, "comments": "EMEA Offices"})
            )
        );
    }

    #[test]
    fn update_cidr_block_puts_to_the_id_and_checks_the_cidr_block() {
        let params = UpdateCidrBlockParams {
            cidr_block_id: 2567,
            body: CidrBlockBody {
                comments: None,
                ..body("10.0.0.1")
            },
            account_switch_key: None,
        };
        let request = sent(&UPDATE_CIDR_BLOCK, &params).expect("valid");
        assert_eq!(request.method, Method::Put);
        assert_eq!(request.expected, [200]);
        assert_eq!(
            url(&request),
            "http://127.0.0.1:8600/identity-management/v3/user-admin/ip-acl/allowlist/2567"
        );
        assert_eq!(
            request.body,
            Some(json!({"cidrBlock": "10.0.0.1", "enabled": true}))
        );
        for build in [
            sent(
                &UPDATE_CIDR_BLOCK,
                &UpdateCidrBlockParams {
                    body: body("300.1.1.1/8"),
                    ..params.clone()
                },
            ),
            sent(
                &CREATE_CIDR_BLOCK,
                &CreateCidrBlockParams {
                    body: body("10.0.0.0/"),
                    account_switch_key: None,
                },
            ),
        ] {
            let error = build.expect_err("refused");
            assert_eq!(error.kind, IamErrorKind::Validation);
            assert_eq!(error.field.as_deref(), Some("body.cidrBlock"));
        }
    }

    #[test]
    fn enable_disable_and_delete_expect_204() {
        let enable =
            sent(&ENABLE_IP_ALLOWLIST, &EnableIpAllowlistParams::default()).expect("valid");
        assert_eq!(
            (enable.method, enable.path.join("/"), enable.expected),
            (
                Method::Post,
                "user-admin/ip-acl/allowlist/enable".into(),
                &[204][..]
            )
        );
        let disable =
            sent(&DISABLE_IP_ALLOWLIST, &DisableIpAllowlistParams::default()).expect("valid");
        assert_eq!(
            (disable.method, disable.path.join("/"), disable.expected),
            (
                Method::Post,
                "user-admin/ip-acl/allowlist/disable".into(),
                &[204][..]
            )
        );
        let delete = sent(
            &DELETE_CIDR_BLOCK,
            &DeleteCidrBlockParams {
                cidr_block_id: 0,
                account_switch_key: None,
            },
        )
        .expect("valid");
        assert_eq!(
            (delete.method, delete.path.join("/"), delete.expected),
            (
                Method::Delete,
                "user-admin/ip-acl/allowlist/0".into(),
                &[204][..]
            )
        );
        let done: () = outcome(&delete, 204, "No Content", "").expect("204");
        assert_eq!(done, ());
    }

    #[test]
    fn params_are_strict() {
        assert!(serde_json::from_value::<GetCidrBlockParams>(json!({"cidrBlockId": 1})).is_ok());
        for bad in [
            json!({}),
            json!({"cidrBlockId": "1"}),
            json!({"cidrBlockId": -1}),
            json!({"cidrBlockID": 1}),
        ] {
            assert!(serde_json::from_value::<GetCidrBlockParams>(bad).is_err());
        }
        let extra = json!({"body": {"cidrBlock": "10.0.0.1", "enabled": true, "id": 1}});
        assert!(serde_json::from_value::<CreateCidrBlockParams>(extra).is_err());
        let missing = json!({"body": {"cidrBlock": "10.0.0.1"}});
        assert!(serde_json::from_value::<CreateCidrBlockParams>(missing).is_err());
    }

    #[test]
    fn cidr_block_without_actions_decodes_and_keeps_unknown_fields() {
        let request = sent(
            &GET_CIDR_BLOCK,
            &GetCidrBlockParams {
                cidr_block_id: 921,
                ..GetCidrBlockParams::default()
            },
        )
        .expect("valid");
        let body = json!({
            "cidrBlockId": 921, "enabled": false, "cidrBlock": "127.0.0.1/24",
            "createdDate": "2017-07-27T18:11:25.000Z", "createdBy": "alfulani",
            "modifiedDate": "2017-07-27T18:11:25.000Z", "modifiedBy": "szhang", "region": "EU"
        });
        let block: CidrBlock = outcome(&request, 200, "OK", &body.to_string()).expect("decoded");
        assert_eq!(block.actions, None);
        assert_eq!(block.comments, None);
        assert_eq!(block.extra.get("region"), Some(&json!("EU")));
        assert_eq!(serde_json::to_value(&block).ok(), Some(body));
    }
}
