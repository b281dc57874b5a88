//! The records the store holds, in the simulator's own shape (close to the API's JSON but not
//! bound to any one response schema). They serialise to the `--seed` and `--state` JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Identifier of a group (`groupId`).
pub type GroupId = i64;
/// Identifier of a role (`roleId`).
pub type RoleId = i64;

/// A group in the account's group tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Group {
    /// `groupId`.
    pub group_id: GroupId,
    /// `groupName`.
    pub group_name: String,
    /// `parentGroupId`; `None` for the root group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_group_id: Option<GroupId>,
    /// `createdBy`.
    pub created_by: String,
    /// `createdDate` (ISO 8601).
    pub created_date: String,
    /// `modifiedBy`.
    pub modified_by: String,
    /// `modifiedDate` (ISO 8601).
    pub modified_date: String,
}

/// Who defined a role (`type` in the roles schemas).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleType {
    /// Defined by Akamai for every account.
    Standard,
    /// Defined by Akamai for this account.
    Account,
    /// Created by one of the account's users; the only kind that can be changed.
    Custom,
}

/// A role: a named set of permissions granted to users per group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Role {
    /// `roleId`.
    pub role_id: RoleId,
    /// `roleName`.
    pub role_name: String,
    /// `roleDescription`.
    pub role_description: String,
    /// `type`.
    #[serde(rename = "type")]
    pub role_type: RoleType,
    /// `createdBy`.
    pub created_by: String,
    /// `createdDate` (ISO 8601).
    pub created_date: String,
    /// `modifiedBy`.
    pub modified_by: String,
    /// `modifiedDate` (ISO 8601).
    pub modified_date: String,
    /// The grantable roles a role combines (`grantedRoles[].grantedRoleId`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub granted_roles: Vec<i64>,
    /// The groups (each with its subgroups) in which the role can be granted; absent: every
    /// group. The spec is silent on where a role may be granted; this lets a seed say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grantable_in: Option<Vec<GroupId>>,
}

/// A user's multi-factor authentication method (`additionalAuthentication`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdditionalAuthentication {
    /// Two-factor authentication by email code.
    #[serde(rename = "TFA")]
    Tfa,
    /// Multi-factor authentication with an authenticator app.
    #[serde(rename = "MFA")]
    Mfa,
    /// No additional authentication.
    #[serde(rename = "NONE")]
    None,
}

/// One role assignment of a user on one group; it cascades to the group's subgroups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthGrant {
    /// The group the role is granted on.
    pub group_id: GroupId,
    /// The role granted.
    pub role_id: RoleId,
    /// Whether the user's access to this group is blocked.
    #[serde(default)]
    pub is_blocked: bool,
}

/// Which emails a user receives (`notifications`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Notifications {
    /// `enableEmailNotifications`.
    pub enable_email_notifications: bool,
    /// `options`.
    pub options: NotificationOptions,
}

/// The `notifications.options` object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationOptions {
    /// `newUserNotification`.
    pub new_user_notification: bool,
    /// `passwordExpiry`.
    pub password_expiry: bool,
    /// `apiClientCredentialExpiryNotification`.
    pub api_client_credential_expiry_notification: bool,
    /// `proactive`: products with service-issue notifications.
    pub proactive: Vec<String>,
    /// `upgrade`: products with upgrade notifications.
    pub upgrade: Vec<String>,
}

/// A Control Center user (a "UI identity").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct User {
    /// `uiIdentityId`.
    pub ui_identity_id: String,
    /// `uiUserName`.
    pub ui_user_name: String,
    /// `firstName`.
    pub first_name: String,
    /// `lastName`.
    pub last_name: String,
    /// `email`.
    pub email: String,
    /// `secondaryEmail`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_email: Option<String>,
    /// `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `mobilePhone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// `address`.
    pub address: String,
    /// `city`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `state`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `zipCode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// `country`.
    pub country: String,
    /// `timeZone`.
    pub time_zone: String,
    /// `preferredLanguage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
    /// `jobTitle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// `contactType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// `sessionTimeOut` in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_time_out: Option<u32>,
    /// `lastLoginDate` (ISO 8601); `None` for a user who never logged in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_date: Option<String>,
    /// `passwordExpiryDate` (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_expiry_date: Option<String>,
    /// `isLocked`.
    #[serde(default)]
    pub is_locked: bool,
    /// `emailUpdatePending`.
    #[serde(default)]
    pub email_update_pending: bool,
    /// `additionalAuthentication`.
    pub additional_authentication: AdditionalAuthentication,
    /// `additionalAuthenticationConfigured`.
    #[serde(default)]
    pub additional_authentication_configured: bool,
    /// `tfaEnabled`.
    #[serde(default)]
    pub tfa_enabled: bool,
    /// `tfaConfigured`.
    #[serde(default)]
    pub tfa_configured: bool,
    /// Role assignments, one per group (at least one).
    pub auth_grants: Vec<AuthGrant>,
    /// Email notification settings.
    pub notifications: Notifications,
    /// Properties (asset ids) the user may not access, per group.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub blocked_properties: BTreeMap<GroupId, BTreeSet<i64>>,
    /// The user's current password, if one was set through the API (the simulator keeps it to
    /// check `currentPassword` on Change your password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// Identifier of a property or include (`propertyId`, `assetId`).
pub type PropertyId = i64;

/// Kind of a property's resource (`resourceType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceType {
    /// An enablement.
    Enable,
    /// An ARL configuration file.
    Arlfile,
    /// A CP code.
    Cpcode,
    /// A NetStorage storage group.
    Storagegroup,
    /// A first-party domain.
    Fpdomain,
    /// An Edge DNS zone.
    Edns,
}

/// One resource a property uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    /// `resourceId`.
    pub resource_id: i64,
    /// `resourceType`.
    pub resource_type: ResourceType,
    /// `resourceName`.
    pub resource_name: String,
    /// `modifiedDate` (ISO 8601).
    pub modified_date: String,
}

/// A property or include (an "asset"); it belongs to exactly one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Property {
    /// `propertyId`.
    pub property_id: PropertyId,
    /// `propertyName`.
    pub property_name: String,
    /// `propertyTypeDescription`.
    pub property_type_description: String,
    /// The owning group.
    pub group_id: GroupId,
    /// `arlConfigFile`.
    pub arl_config_file: String,
    /// `createdBy`.
    pub created_by: String,
    /// `createdDate` (ISO 8601).
    pub created_date: String,
    /// `modifiedBy`.
    pub modified_by: String,
    /// `modifiedDate` (ISO 8601).
    pub modified_date: String,
    /// The resources the property uses.
    #[serde(default)]
    pub resources: Vec<Resource>,
}

/// One CIDR block of the account's IP allowlist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CidrBlock {
    /// `cidrBlockId`.
    pub cidr_block_id: i64,
    /// `cidrBlock`, e.g. `198.51.100.0/24`.
    pub cidr_block: String,
    /// `comments`.
    #[serde(default)]
    pub comments: String,
    /// `enabled`.
    pub enabled: bool,
    /// `createdBy`.
    pub created_by: String,
    /// `createdDate` (ISO 8601).
    pub created_date: String,
    /// `modifiedBy`.
    pub modified_by: String,
    /// `modifiedDate` (ISO 8601).
    pub modified_date: String,
}

/// Who an API client acts for (`clientType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClientType {
    /// A client with its own group and API permissions.
    Client,
    /// A client that has exactly its owner's Control Center permissions.
    UserClient,
}

/// Status of a credential (`status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum CredentialStatus {
    /// Usable.
    Active,
    /// Deactivated; may be reactivated or deleted.
    Inactive,
    /// Deleted.
    Deleted,
}

/// One credential (client token; the secret is never stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Credential {
    /// `credentialId`.
    pub credential_id: i64,
    /// `clientToken`.
    pub client_token: String,
    /// `createdOn` (ISO 8601).
    pub created_on: String,
    /// `expiresOn` (RFC 3339, kept as given, with its sub-second precision).
    pub expires_on: String,
    /// `status`.
    pub status: CredentialStatus,
    /// `description`.
    #[serde(default)]
    pub description: String,
}

/// Access to one API (`apiAccess.apis[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiGrant {
    /// `apiId` from the allowed-APIs catalog.
    pub api_id: i64,
    /// `accessLevel`: `READ-ONLY` or `READ-WRITE`.
    pub access_level: String,
}

/// One role on one group for an API client (`groupAccess.groups[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupGrant {
    /// `groupId`.
    pub group_id: GroupId,
    /// `roleId`.
    pub role_id: RoleId,
}

/// `purgeOptions` of an API client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PurgeOptions {
    /// `canPurgeByCacheTag`.
    pub can_purge_by_cache_tag: bool,
    /// `canPurgeByCpcode`.
    pub can_purge_by_cpcode: bool,
    /// `cpcodeAccess`.
    pub cpcode_access: CpcodeAccess,
}

/// `purgeOptions.cpcodeAccess`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CpcodeAccess {
    /// `allCurrentAndNewCpcodes`.
    pub all_current_and_new_cpcodes: bool,
    /// `cpcodes`.
    pub cpcodes: Vec<i64>,
}

/// `ipAcl` of an API client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IpAcl {
    /// `enable`.
    pub enable: bool,
    /// `cidr`.
    pub cidr: Vec<String>,
}

/// An API client with its credentials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiClient {
    /// `clientId`.
    pub client_id: String,
    /// `clientName`.
    pub client_name: String,
    /// `clientDescription`.
    pub client_description: String,
    /// `clientType`.
    pub client_type: ClientType,
    /// `accessToken`.
    pub access_token: String,
    /// `serviceConsumerToken`.
    pub service_consumer_token: String,
    /// `authorizedUsers`: user names (`uiUserName`) allowed to use the client.
    pub authorized_users: Vec<String>,
    /// `notificationEmails`.
    pub notification_emails: Vec<String>,
    /// `allowAccountSwitch`.
    pub allow_account_switch: bool,
    /// `canAutoCreateCredential`.
    pub can_auto_create_credential: bool,
    /// `isLocked`.
    pub is_locked: bool,
    /// `createdBy`.
    pub created_by: String,
    /// `createdDate` (ISO 8601).
    pub created_date: String,
    /// `apiAccess.allAccessibleApis`.
    pub all_accessible_apis: bool,
    /// `apiAccess.apis`.
    pub apis: Vec<ApiGrant>,
    /// `groupAccess.cloneAuthorizedUserGroups`.
    pub clone_authorized_user_groups: bool,
    /// `groupAccess.groups`.
    pub groups: Vec<GroupGrant>,
    /// `ipAcl`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_acl: Option<IpAcl>,
    /// `purgeOptions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purge_options: Option<PurgeOptions>,
    /// The client's credentials.
    #[serde(default)]
    pub credentials: Vec<Credential>,
}

impl ApiClient {
    /// Credentials whose status is `ACTIVE`.
    pub fn active_credentials(&self) -> usize {
        self.credentials
            .iter()
            .filter(|c| c.status == CredentialStatus::Active)
            .count()
    }
}
