//! Credentials: the `Credentials` sections of the IAM API docs (`/api-clients/self/credentials` and
//! `/api-clients/{clientId}/credentials`).
//!
//! Every operation works on your own API client's credentials unless the params name another
//! client by `clientId`.

use std::fmt;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::op::{Check, Rule};

operations! {
    LIST_CREDENTIALS = "listCredentials", fn list_credentials(Option<ListCredentialsParams>) -> Vec<Ts<Credential>> = "Promise<Credential[]>", [200];
        " List the credentials of an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `GET /identity-management/v3/api-clients/{clientId}/credentials`";

    GET_CREDENTIAL = "getCredential", fn get_credential(GetCredentialParams) -> Ts<Credential> = "Promise<Credential>", [200];
        " Get a credential of an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `GET /identity-management/v3/api-clients/{clientId}/credentials/{credentialId}`";

    CREATE_CREDENTIAL = "createCredential", fn create_credential(Option<CreateCredentialParams>) -> Ts<NewCredential> = "Promise<NewCredential>", [201];
        " Create a credential for an API client: yours, or the one `clientId` names. The result"
        " carries the `clientSecret`, which the API shows only this once."
        " Without `clientId`, `self` takes its place in the path."
        route " `POST /identity-management/v3/api-clients/{clientId}/credentials`";

    UPDATE_CREDENTIAL = "updateCredential", fn update_credential(UpdateCredentialParams) -> Ts<UpdatedCredential> = "Promise<UpdatedCredential>", [200];
        " Update a credential's expiry, status and description, of your API client or the one"
        " `clientId` names. An `expiresOn` without fractional seconds is sent with `.000` added."
        " Without `clientId`, `self` takes its place in the path."
        route " `PUT /identity-management/v3/api-clients/{clientId}/credentials/{credentialId}`"
        checks [Check("body.expiresOn", Rule::UtcTimestamp)];

    DELETE_CREDENTIAL = "deleteCredential", fn delete_credential(DeleteCredentialParams) -> () = "Promise<void>", [204];
        " Delete a credential of an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `DELETE /identity-management/v3/api-clients/{clientId}/credentials/{credentialId}`";

    DEACTIVATE_CREDENTIAL = "deactivateCredential", fn deactivate_credential(DeactivateCredentialParams) -> () = "Promise<void>", [204];
        " Deactivate a credential of an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `POST /identity-management/v3/api-clients/{clientId}/credentials/{credentialId}/deactivate`";

    DEACTIVATE_CREDENTIALS = "deactivateCredentials", fn deactivate_credentials(Option<DeactivateCredentialsParams>) -> () = "Promise<void>", [204];
        " Deactivate every credential of an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `POST /identity-management/v3/api-clients/{clientId}/credentials/deactivate`";
}

strict! {
    /// Params of `listCredentials`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListCredentialsParams {
        /// The API client whose credentials to list; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        /// Include the actions you can take on each credential (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `getCredential`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetCredentialParams {
        /// The API client the credential belongs to; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        /// The credential's identifier.
        pub credential_id: u64,
        /// Include the actions you can take on the credential (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `createCredential`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateCredentialParams {
        /// The API client to create the credential for; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `updateCredential`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateCredentialParams {
        /// The API client the credential belongs to; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        /// The credential's identifier.
        pub credential_id: u64,
        /// The credential's new settings.
        pub body: UpdateCredentialRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `deleteCredential`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DeleteCredentialParams {
        /// The API client the credential belongs to; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        /// The credential's identifier.
        pub credential_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `deactivateCredential`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DeactivateCredentialParams {
        /// The API client the credential belongs to; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        /// The credential's identifier.
        pub credential_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `deactivateCredentials`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DeactivateCredentialsParams {
        /// The API client whose credentials to deactivate; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        ..account_switch_key,
    }
}

/// A credential's status, as `updateCredential` sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CredentialStatus {
    /// The credential can sign requests.
    Active,
    /// The credential is off; it can be activated again.
    Inactive,
    /// The credential is gone for good.
    Deleted,
}

strict_enum!(CredentialStatus: "ACTIVE", "INACTIVE", "DELETED");

strict! {
    /// The body of `updateCredential` (schema `update-credential`).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateCredentialRequest {
        /// UTC ISO 8601 time the credential expires, e.g. `2027-01-01T00:00:00Z` (sent as
        /// `2027-01-01T00:00:00.000Z`); at most the credential's `maxAllowedExpiry`.
        pub expires_on: String,
        /// The credential's new status.
        pub status: CredentialStatus,
        /// The credential's new description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }
}

/// A credential's client secret, which the API shows only when it creates the credential. Its
/// `Debug` output hides the value; [`ClientSecret::expose`] gives it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(<redacted>)")
    }
}

model! {
    /// What you can do to a credential.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct CredentialActions {
        /// Whether you can delete the credential.
        pub delete: bool,
        /// Whether you can activate the credential.
        pub activate: bool,
        /// Whether you can deactivate the credential.
        pub deactivate: bool,
        /// Whether you can change the credential's description.
        pub edit_description: bool,
        /// Whether you can change the credential's expiry.
        pub edit_expiration: bool,
        ..extra,
    }
}

model! {
    /// A credential, as `listCredentials` and `getCredential` return it (schema
    /// `credential-nosecret`); unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct Credential {
        /// The credential's identifier.
        pub credential_id: u64,
        /// The part of the credential that identifies the API client.
        pub client_token: String,
        /// ISO 8601 time the credential was created.
        pub created_on: String,
        /// ISO 8601 time the credential expires.
        pub expires_on: String,
        /// The latest `expiresOn` the credential accepts, ISO 8601.
        pub max_allowed_expiry: String,
        /// `ACTIVE`, `INACTIVE` or `DELETED` (kept as text: the API may add statuses).
        pub status: String,
        /// The credential's description (may be empty).
        pub description: String,
        /// What you can do to the credential, with `actions: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<CredentialActions>,
        ..extra,
    }
}

model! {
    /// A credential just created, as `createCredential` returns it (schema `credential`), with its
    /// one-time `clientSecret`; unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct NewCredential {
        ..new_credential,
        ..extra,
    }
}

model! {
    /// A credential's settings after `updateCredential` (schema `update-credential`); unknown fields
    /// are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct UpdatedCredential {
        /// ISO 8601 time the credential expires.
        pub expires_on: String,
        /// `ACTIVE`, `INACTIVE` or `DELETED` (kept as text: the API may add statuses).
        pub status: String,
        /// The credential's description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
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
        request.url(&BaseUrl::parse("http://h").expect("valid base"))
    }

    fn update(client_id: Option<&str>, expires_on: &str) -> UpdateCredentialParams {
        UpdateCredentialParams {
            client_id: client_id.map(str::to_owned),
            credential_id: 123456,
            body: UpdateCredentialRequest {
                expires_on: expires_on.to_owned(),
                status: CredentialStatus::Active,
                description: Some("rotated".into()),
            },
            account_switch_key: None,
        }
    }

    #[test]
    fn list_credentials_without_client_id_is_yours() {
        let request = sent(&LIST_CREDENTIALS, &ListCredentialsParams::default()).expect("valid");
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/api-clients/self/credentials"
        );
    }

    #[test]
    fn list_credentials_with_client_id_encodes_it_as_one_segment() {
        let request = sent(
            &LIST_CREDENTIALS,
            &ListCredentialsParams {
                client_id: Some("a/b?c".into()),
                actions: Some(true),
                account_switch_key: Some("1-ABC:1-DEF".into()),
            },
        )
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/api-clients/a%2Fb%3Fc/credentials\
             ?actions=true&accountSwitchKey=1-ABC%3A1-DEF"
        );
    }

    #[test]
    fn empty_client_id_is_a_validation_error_not_self() {
        let error = sent(
            &DELETE_CREDENTIAL,
            &DeleteCredentialParams {
                client_id: Some(String::new()),
                credential_id: 1,
                account_switch_key: None,
            },
        )
        .expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("clientId"));
        assert_eq!(error.operation, "deleteCredential");
    }

    #[test]
    fn create_credential_expects_201_and_decodes_the_secret() {
        let request = sent(&CREATE_CREDENTIAL, &CreateCredentialParams::default()).expect("valid");
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.expected, [201]);
        assert_eq!(request.body, None);
        let body = r#"{"credentialId": 1, "clientToken": "t", "clientSecret": "s3cr3t",
            "createdOn": "2020-01-01T00:00:00.000Z", "expiresOn": "2022-01-01T00:00:00.000Z",
            "status": "ACTIVE", "description": ""}"#;
        let created: NewCredential = outcome(&request, 201, "Created", body).expect("decoded");
        let secret = created.client_secret.as_ref().expect("clientSecret");
        assert_eq!(secret.expose(), "s3cr3t");
        assert!(!format!("{created:?}").contains("s3cr3t"), "Debug hides it");
    }

    #[test]
    fn deactivate_endpoints_post_without_body_and_expect_204() {
        let one = sent(
            &DEACTIVATE_CREDENTIAL,
            &DeactivateCredentialParams {
                client_id: Some("c1".into()),
                credential_id: 42,
                account_switch_key: None,
            },
        )
        .expect("valid");
        assert_eq!(one.method, Method::Post);
        assert_eq!(one.expected, [204]);
        assert_eq!(one.body, None);
        assert_eq!(
            url(&one),
            "http://h/identity-management/v3/api-clients/c1/credentials/42/deactivate"
        );
        let all = sent(
            &DEACTIVATE_CREDENTIALS,
            &DeactivateCredentialsParams::default(),
        )
        .expect("valid");
        assert_eq!(
            url(&all),
            "http://h/identity-management/v3/api-clients/self/credentials/deactivate"
        );
    }

    #[test]
    fn update_credential_adds_milliseconds_when_missing() {
        let request =
            sent(&UPDATE_CREDENTIAL, &update(None, "2027-01-01T00:00:00Z")).expect("valid");
        assert_eq!(request.method, Method::Put);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/api-clients/self/credentials/123456"
        );
        assert_eq!(
            request.body,
            Some(json!({
                "expiresOn": "2027-01-01T00:00:00.000Z",
                "status": "ACTIVE",
                "description": "rotated"
            }))
        );
    }

    #[test]
    fn update_credential_keeps_fractional_seconds_as_given() {
        for stamp in [
            "2020-10-11T23:06:59.000Z",
            "2027-01-01T00:00:00.5Z",
            "2027-01-01T00:00:00.123456Z",
        ] {
            let request = sent(&UPDATE_CREDENTIAL, &update(Some("c"), stamp)).expect("valid");
            let body = request.body.expect("body");
            assert_eq!(body["expiresOn"], stamp);
        }
    }

    #[test]
    fn update_credential_refuses_malformed_expiry_on_body_expires_on() {
        for bad in [
            "",
            "2027-01-01",
            "2027-01-01T00:00:00",
            "2027-01-01T00:00:00+00:00",
            "2027-01-01 00:00:00Z",
            "2027-13-01T00:00:00Z",
            "2027-02-29T00:00:00Z",
            "2027-01-01T24:00:00Z",
            "2027-01-01T00:60:00Z",
            "2027-01-01T00:00:00.Z",
            "2027-01-01T00:00:00.12aZ",
            "2027-01-01T00:00:00.000ZZ",
            "２０２７-01-01T00:00:00Z",
            "+027-01-01T00:00:00Z",
        ] {
            let error = sent(&UPDATE_CREDENTIAL, &update(None, bad)).expect_err(bad);
            assert_eq!(error.kind, IamErrorKind::Validation, "{bad}");
            assert_eq!(error.field.as_deref(), Some("body.expiresOn"), "{bad}");
            assert_eq!(error.operation, "updateCredential");
        }
        assert!(sent(&UPDATE_CREDENTIAL, &update(None, "2028-02-29T23:59:59Z")).is_ok());
    }

    #[test]
    fn update_credential_params_are_strict() {
        let params = json!({
            "credentialId": 1,
            "body": {"expiresOn": "2027-01-01T00:00:00Z", "status": "INACTIVE"}
        });
        assert!(serde_json::from_value::<UpdateCredentialParams>(params.clone()).is_ok());
        let mut unknown = params.clone();
        unknown["body"]["expireson"] = json!("x");
        assert!(serde_json::from_value::<UpdateCredentialParams>(unknown).is_err());
        let mut status = params;
        status["body"]["status"] = json!("active");
        assert!(serde_json::from_value::<UpdateCredentialParams>(status).is_err());
    }

    #[test]
    fn credential_keeps_unknown_fields() {
        let body = json!({
            "credentialId": 9, "clientToken": "t", "createdOn": "c", "expiresOn": "e",
            "maxAllowedExpiry": "m", "status": "SUSPENDED", "description": "",
            "actions": {"delete": true, "activate": false, "deactivate": true,
                        "editDescription": true, "editExpiration": false, "rotate": true},
            "later": [1]
        });
        let credential: Credential = serde_json::from_value(body.clone()).expect("decoded");
        assert_eq!(credential.status, "SUSPENDED");
        assert_eq!(credential.extra.get("later"), Some(&json!([1])));
        assert_eq!(serde_json::to_value(&credential).ok(), Some(body));
    }
}
