//! Native tests of the table entries and types of this section.

use super::*;
use crate::api::registry::sent;
use crate::error::IamError;
use crate::error::IamErrorKind;
use crate::request::Request;
use crate::request::{BaseUrl, Method};
use crate::transport::outcome;
use serde_json::json;

fn url(request: &Request) -> String {
    request.url(&BaseUrl::parse("http://h").expect("valid base"))
}

fn create_body() -> Value {
    json!({
        "clientType": "CLIENT",
        "authorizedUsers": ["jsmith"],
        "apiAccess": {"allAccessibleApis": true},
        "groupAccess": {"cloneAuthorizedUserGroups": true},
        "notificationEmails": ["jsmith@example.com"],
        "ipAcl": {"enable": true, "cidr": ["192.0.2.0/24"]}
    })
}

fn create(body: Value) -> Result<crate::api::registry::Sent, IamError> {
    let params: CreateApiClientParams =
        serde_json::from_value(json!({ "body": body })).expect("params");
    sent(&CREATE_API_CLIENT, &params)
}

#[test]
fn get_api_client_is_self_without_client_id() {
    let request = sent(
        &GET_API_CLIENT,
        &GetApiClientParams {
            credentials: Some(true),
            ..GetApiClientParams::default()
        },
    )
    .expect("valid");
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        url(&request),
        "http://h/identity-management/v3/api-clients/self?credentials=true"
    );
}

#[test]
fn get_api_client_by_id_encodes_it_as_one_segment() {
    let request = sent(
        &GET_API_CLIENT,
        &GetApiClientParams {
            client_id: Some("../x y".into()),
            actions: Some(true),
            ip_acl: Some(false),
            ..GetApiClientParams::default()
        },
    )
    .expect("valid");
    assert_eq!(
        url(&request),
        "http://h/identity-management/v3/api-clients/..%2Fx%20y?actions=true&ipAcl=false"
    );
}

#[test]
fn empty_client_id_is_a_validation_error_not_self() {
    let error = sent(
        &DELETE_API_CLIENT,
        &DeleteApiClientParams {
            client_id: Some(String::new()),
            account_switch_key: None,
        },
    )
    .expect_err("refused");
    assert_eq!(error.kind, IamErrorKind::Validation);
    assert_eq!(error.field.as_deref(), Some("clientId"));
    assert_eq!(error.operation, "deleteApiClient");
    let error = sent(&UNLOCK_API_CLIENT, &UnlockApiClientParams::default()).expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("clientId"));
}

#[test]
fn delete_and_lock_paths_and_statuses() {
    let delete = sent(&DELETE_API_CLIENT, &DeleteApiClientParams::default()).expect("valid");
    assert_eq!(delete.method, Method::Delete);
    assert_eq!(delete.expected, [204]);
    assert_eq!(delete.path, ["api-clients", "self"]);
    let lock = sent(
        &LOCK_API_CLIENT,
        &LockApiClientParams {
            client_id: Some("abc".into()),
            account_switch_key: Some("k".into()),
        },
    )
    .expect("valid");
    assert_eq!(lock.method, Method::Put);
    assert_eq!(lock.expected, [200]);
    assert_eq!(
        url(&lock),
        "http://h/identity-management/v3/api-clients/abc/lock?accountSwitchKey=k"
    );
}

#[test]
fn create_api_client_posts_the_body_and_expects_201() {
    let request = create(create_body()).expect("valid");
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.expected, [201]);
    assert_eq!(request.path, ["api-clients"]);
    assert_eq!(request.body, Some(create_body()));
}

#[test]
fn create_api_client_checks_emails_cidrs_and_access_choices() {
    let cases = [
        (
            "/notificationEmails/0",
            json!("not-an-email"),
            "body.notificationEmails",
        ),
        ("/ipAcl/cidr/0", json!("192.0.2.0/33"), "body.ipAcl.cidr"),
        ("/apiAccess", json!({}), "body.apiAccess"),
        (
            "/groupAccess",
            json!({"cloneAuthorizedUserGroups": false}),
            "body.groupAccess.groups",
        ),
    ];
    for (pointer, value, field) in cases {
        let mut body = create_body();
        *body.pointer_mut(pointer).expect("pointer") = value;
        let error = create(body).expect_err(field);
        assert_eq!(error.kind, IamErrorKind::Validation, "{field}");
        assert_eq!(error.field.as_deref(), Some(field));
        assert_eq!(error.operation, "createApiClient");
    }
}

#[test]
fn create_api_client_body_is_strict() {
    let mut typo = create_body();
    typo["clientname"] = json!("x");
    assert!(serde_json::from_value::<CreateApiClientParams>(json!({ "body": typo })).is_err());
    let mut level = create_body();
    level["apiAccess"] = json!({"apis": [{"apiId": 1, "accessLevel": "READ"}]});
    assert!(serde_json::from_value::<CreateApiClientParams>(json!({ "body": level })).is_err());
}

#[test]
fn create_api_client_201_keeps_the_one_time_secret_out_of_debug() {
    let request = create(create_body()).expect("valid");
    let body = json!({
        "clientId": "2cdgugz2tjbtowmy", "clientName": "n", "clientDescription": "d",
        "clientType": "CLIENT", "accessToken": "akaa-1", "baseURL": "https://akaa-2.example.net",
        "activeCredentialCount": 0, "allowAccountSwitch": false,
        "canAutoCreateCredential": false, "authorizedUsers": ["jsmith"],
        "notificationEmails": [], "createdBy": "u", "createdDate": "2022-05-23T19:56:27.000Z",
        "isLocked": false,
        "credentials": [{
            "clientToken": "akab-3", "clientSecret": "11111111111111111111111111111111",
            "createdOn": "2022-08-25T17:35:07.000Z", "credentialId": 16852304,
            "description": "", "expiresOn": "2024-08-25T17:35:07.000Z", "status": "INACTIVE",
            "actions": {"activate": true, "deactivate": false, "delete": true,
                        "editDescription": true, "editExpiration": true}
        }]
    });
    let client: ApiClientDetail =
        outcome(&request, 201, "Created", &body.to_string()).expect("decoded");
    let credentials = client.credentials.as_ref().expect("credentials");
    let secret = credentials[0].client_secret.as_ref().expect("clientSecret");
    assert_eq!(secret.expose(), "11111111111111111111111111111111");
    assert!(!format!("{client:?}").contains("1111111111111111"));
    assert_eq!(client.base_url, "https://akaa-2.example.net");
    assert_eq!(serde_json::to_value(&client).ok(), Some(body));
}

#[test]
fn list_allowed_apis_sends_client_type_as_the_api_spells_it() {
    let request = sent(
        &LIST_ALLOWED_APIS,
        &ListAllowedApisParams {
            username: "j smith".into(),
            client_type: Some(ApiClientType::ServiceAccount),
            allow_account_switch: Some(true),
            account_switch_key: None,
        },
    )
    .expect("valid");
    assert_eq!(
        url(&request),
        "http://h/identity-management/v3/users/j%20smith/allowed-apis\
         ?clientType=SERVICE_ACCOUNT&allowAccountSwitch=true"
    );
    let error = sent(&LIST_ALLOWED_APIS, &ListAllowedApisParams::default()).expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("username"));
}

#[test]
fn list_allowed_cp_codes_is_a_post_with_a_body() {
    let params: ListAllowedCpCodesParams = serde_json::from_value(json!({
        "username": "jsmith",
        "body": {"clientType": "USER_CLIENT", "groups": [{"groupId": 1, "roleId": 2}]}
    }))
    .expect("params");
    let request = sent(&LIST_ALLOWED_CP_CODES, &params).expect("valid");
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.expected, [200]);
    assert_eq!(request.path, ["users", "jsmith", "allowed-cpcodes"]);
    assert_eq!(
        request.body,
        Some(json!({"clientType": "USER_CLIENT", "groups": [{"groupId": 1, "roleId": 2}]}))
    );
}

#[test]
fn account_switch_key_search_needs_three_characters() {
    let error = sent(
        &LIST_ACCOUNT_SWITCH_KEYS,
        &ListAccountSwitchKeysParams {
            search: Some("ab".into()),
            ..ListAccountSwitchKeysParams::default()
        },
    )
    .expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("search"));
    let request = sent(
        &LIST_ACCOUNT_SWITCH_KEYS,
        &ListAccountSwitchKeysParams {
            search: Some("abc".into()),
            ..ListAccountSwitchKeysParams::default()
        },
    )
    .expect("valid");
    assert_eq!(
        url(&request),
        "http://h/identity-management/v3/api-clients/self/account-switch-keys?search=abc"
    );
}

#[test]
fn api_client_keeps_unknown_fields_and_new_client_types() {
    let body = json!({
        "clientId": "c", "clientName": "n", "clientType": "ROBOT", "accessToken": "a",
        "serviceConsumerToken": "s", "activeCredentialCount": 0, "allowAccountSwitch": false,
        "canAutoCreateCredential": false, "authorizedUsers": [], "notificationEmails": [],
        "createdBy": "u", "createdDate": "d", "isLocked": false,
        "actions": {"delete": true, "deactivateAll": false, "edit": true, "lock": true,
                    "transfer": false, "unlock": false, "rotate": true},
        "later": {"x": 1}
    });
    let client: ApiClient = serde_json::from_value(body.clone()).expect("decoded");
    assert_eq!(client.client_type, "ROBOT");
    assert_eq!(client.actions.extra.get("rotate"), Some(&json!(true)));
    assert_eq!(serde_json::to_value(&client).ok(), Some(body));
}
