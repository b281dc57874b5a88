//! Request bodies of Create and Update an API client, and of List allowed CP codes, with the
//! checks that tie them to the store (known users, APIs, groups, roles; valid CIDRs and emails).

use serde::Deserialize;
use serde_json::Value;

use crate::catalog;
use crate::problem::ApiError;
use crate::routes::check_email;
use crate::routes::ip_allowlist::parse_cidr;
use crate::store::{ApiClient, ApiGrant, ClientType, Data, GroupGrant, IpAcl, PurgeOptions};

/// `accessLevel` of an API grant.
#[derive(Clone, Copy, Debug, Deserialize)]
pub(crate) enum AccessLevel {
    #[serde(rename = "READ-ONLY")]
    ReadOnly,
    #[serde(rename = "READ-WRITE")]
    ReadWrite,
}

/// `apiAccess.apis[]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ApiRequest {
    api_id: u32,
    access_level: AccessLevel,
    #[allow(dead_code)]
    api_name: Option<String>,
    #[allow(dead_code)]
    description: Option<String>,
    #[allow(dead_code)]
    documentation_url: Option<String>,
    #[allow(dead_code)]
    end_point: Option<String>,
}

/// `apiAccess`: `allAccessibleApis` or `apis` (or both).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ApiAccessRequest {
    all_accessible_apis: Option<bool>,
    apis: Option<Vec<ApiRequest>>,
}

/// `groupAccess.groups[]` (names and subgroups are accepted and ignored).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct GroupRequest {
    group_id: i64,
    role_id: i64,
    #[allow(dead_code)]
    group_name: Option<String>,
    #[allow(dead_code)]
    is_blocked: Option<bool>,
    #[allow(dead_code)]
    parent_group_id: Option<i64>,
    #[allow(dead_code)]
    role_description: Option<String>,
    #[allow(dead_code)]
    role_name: Option<String>,
    #[allow(dead_code)]
    sub_groups: Option<Vec<Value>>,
}

/// `groupAccess`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct GroupAccessRequest {
    clone_authorized_user_groups: bool,
    groups: Option<Vec<GroupRequest>>,
}

/// `ipAcl`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct IpAclRequest {
    enable: bool,
    cidr: Vec<String>,
}

/// Body of Create an API client.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CreateClient {
    client_type: ClientType,
    create_credential: Option<bool>,
    api_access: ApiAccessRequest,
    group_access: GroupAccessRequest,
    authorized_users: Vec<String>,
    allow_account_switch: Option<bool>,
    can_auto_create_credential: Option<bool>,
    client_description: Option<String>,
    client_name: Option<String>,
    ip_acl: Option<IpAclRequest>,
    notification_emails: Option<Vec<String>>,
    purge_options: Option<PurgeOptions>,
}

/// Body of Update an API client and Update your API client.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct UpdateClient {
    api_access: ApiAccessRequest,
    group_access: GroupAccessRequest,
    authorized_users: Vec<String>,
    allow_account_switch: Option<bool>,
    can_auto_create_credential: Option<bool>,
    client_description: Option<String>,
    client_name: Option<String>,
    ip_acl: Option<IpAclRequest>,
    notification_emails: Option<Vec<String>>,
    purge_options: Option<PurgeOptions>,
}

/// The settable fields both bodies share.
#[derive(Debug)]
pub(crate) struct ClientFields {
    api_access: ApiAccessRequest,
    group_access: GroupAccessRequest,
    authorized_users: Vec<String>,
    allow_account_switch: Option<bool>,
    can_auto_create_credential: Option<bool>,
    client_description: Option<String>,
    client_name: Option<String>,
    ip_acl: Option<IpAclRequest>,
    notification_emails: Option<Vec<String>>,
    purge_options: Option<PurgeOptions>,
}

impl CreateClient {
    /// `clientType`, whether to create the first credential, and the shared fields.
    pub(crate) fn into_parts(self) -> (ClientType, bool, ClientFields) {
        let fields = ClientFields {
            api_access: self.api_access,
            group_access: self.group_access,
            authorized_users: self.authorized_users,
            allow_account_switch: self.allow_account_switch,
            can_auto_create_credential: self.can_auto_create_credential,
            client_description: self.client_description,
            client_name: self.client_name,
            ip_acl: self.ip_acl,
            notification_emails: self.notification_emails,
            purge_options: self.purge_options,
        };
        (
            self.client_type,
            self.create_credential.unwrap_or(false),
            fields,
        )
    }
}

impl UpdateClient {
    /// The shared fields.
    pub(crate) fn fields(&self) -> ClientFields {
        ClientFields {
            api_access: self.api_access.clone(),
            group_access: self.group_access.clone(),
            authorized_users: self.authorized_users.clone(),
            allow_account_switch: self.allow_account_switch,
            can_auto_create_credential: self.can_auto_create_credential,
            client_description: self.client_description.clone(),
            client_name: self.client_name.clone(),
            ip_acl: self.ip_acl.clone(),
            notification_emails: self.notification_emails.clone(),
            purge_options: self.purge_options.clone(),
        }
    }
}

fn check_groups(data: &Data, groups: &[GroupRequest]) -> Result<Vec<GroupGrant>, ApiError> {
    groups
        .iter()
        .map(|g| {
            if !data.groups.contains_key(&g.group_id) {
                return Err(ApiError::bad_request(format!(
                    "groupAccess: unknown groupId {}",
                    g.group_id
                )));
            }
            if !data.roles.contains_key(&g.role_id) {
                return Err(ApiError::bad_request(format!(
                    "groupAccess: unknown roleId {}",
                    g.role_id
                )));
            }
            Ok(GroupGrant {
                group_id: g.group_id,
                role_id: g.role_id,
            })
        })
        .collect()
}

impl ClientFields {
    /// Checks the fields against the store and writes them into `client`.
    pub(crate) fn apply(&self, data: &Data, client: &mut ApiClient) -> Result<(), ApiError> {
        let access = &self.api_access;
        if access.all_accessible_apis.is_none() && access.apis.is_none() {
            return Err(ApiError::bad_request(
                "apiAccess needs `allAccessibleApis` or `apis`",
            ));
        }
        let mut apis = Vec::new();
        for a in access.apis.iter().flatten() {
            let Some(info) = catalog::api(i64::from(a.api_id)) else {
                return Err(ApiError::bad_request(format!(
                    "apiAccess: unknown apiId {}",
                    a.api_id
                )));
            };
            let level = match a.access_level {
                AccessLevel::ReadOnly => "READ-ONLY",
                AccessLevel::ReadWrite if info.5 => "READ-WRITE",
                AccessLevel::ReadWrite => {
                    return Err(ApiError::bad_request(format!(
                        "apiAccess: API {} allows READ-ONLY access only",
                        a.api_id
                    )))
                }
            };
            apis.push(ApiGrant {
                api_id: info.0,
                access_level: level.into(),
            });
        }
        for name in &self.authorized_users {
            if !data.users.values().any(|u| &u.ui_user_name == name) {
                return Err(ApiError::bad_request(format!(
                    "authorizedUsers: unknown user {name}"
                )));
            }
        }
        if self.authorized_users.is_empty() {
            return Err(ApiError::bad_request(
                "authorizedUsers needs at least one user",
            ));
        }
        let groups = check_groups(data, self.group_access.groups.as_deref().unwrap_or(&[]))?;
        for email in self.notification_emails.iter().flatten() {
            check_email(email, "notificationEmails")?;
        }
        let ip_acl = match &self.ip_acl {
            Some(acl) => {
                let cidr = acl
                    .cidr
                    .iter()
                    .map(|c| parse_cidr(c))
                    .collect::<Result<Vec<_>, _>>()?;
                Some(IpAcl {
                    enable: acl.enable,
                    cidr,
                })
            }
            None => None,
        };
        client.all_accessible_apis = access.all_accessible_apis.unwrap_or(false);
        client.apis = apis;
        client.clone_authorized_user_groups = self.group_access.clone_authorized_user_groups;
        client.groups = groups;
        client.authorized_users = self.authorized_users.clone();
        if let Some(v) = self.allow_account_switch {
            client.allow_account_switch = v;
        }
        if let Some(v) = self.can_auto_create_credential {
            client.can_auto_create_credential = v;
        }
        if let Some(name) = self.client_name.as_ref().filter(|n| !n.is_empty()) {
            client.client_name = name.clone();
        }
        client.client_description = self
            .client_description
            .clone()
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| format!("API client {}", client.client_name));
        if let Some(emails) = &self.notification_emails {
            client.notification_emails = emails.clone();
        }
        client.ip_acl = ip_acl;
        client.purge_options = self.purge_options.clone();
        Ok(())
    }
}

/// Body of List allowed CP codes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct AllowedCpcodes {
    #[allow(dead_code)]
    client_type: AllowedClientType,
    groups: Vec<GroupRequest>,
}

/// `clientType` of List allowed CP codes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum AllowedClientType {
    Client,
    UserClient,
    ServiceAccount,
}

impl AllowedCpcodes {
    /// 400 for a group or role that does not exist.
    pub(crate) fn check(&self, data: &Data) -> Result<(), ApiError> {
        check_groups(data, &self.groups).map(|_| ())
    }
}
