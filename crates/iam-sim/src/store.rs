//! The one in-memory store: every record the simulator serves, behind one lock.
//!
//! Records are kept in the simulator's own shape (close to the API's JSON but not bound to any one
//! response schema); the route modules turn them into each operation's response. The store is
//! built from a [`Seed`], which is also the JSON shape accepted by `iam-sim --seed FILE`.
//!
//! Today it holds the account's group tree, its roles and its users with their auth grants. It is
//! meant to grow one collection per docs section (properties, API clients, credentials, CIDR
//! blocks) by adding a field to [`Seed`] and [`Data`] and a check to [`Data::from_seed`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

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
}

/// Everything the store starts from; also the JSON shape of a `--seed` file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    /// `accountId` reported on every user.
    pub account_id: String,
    /// The group tree, as a flat list linked by `parentGroupId` (exactly one root).
    pub groups: Vec<Group>,
    /// The roles.
    pub roles: Vec<Role>,
    /// The users.
    pub users: Vec<User>,
}

/// Why a [`Seed`] cannot be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedError(pub String);

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid seed: {}", self.0)
    }
}

impl std::error::Error for SeedError {}

/// The store's contents, indexed by identifier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Data {
    /// `accountId` reported on every user.
    pub account_id: String,
    /// Groups by `groupId`.
    pub groups: BTreeMap<GroupId, Group>,
    /// Roles by `roleId`.
    pub roles: BTreeMap<RoleId, Role>,
    /// Users by `uiIdentityId`.
    pub users: BTreeMap<String, User>,
}

impl Data {
    /// Indexes a seed, checking that identifiers are unique, that the groups form one tree and
    /// that every auth grant names a known group and role.
    pub fn from_seed(seed: Seed) -> Result<Data, SeedError> {
        let err = |msg: String| Err(SeedError(msg));
        let mut data = Data {
            account_id: seed.account_id,
            ..Data::default()
        };
        for g in seed.groups {
            if let Some(old) = data.groups.insert(g.group_id, g) {
                return err(format!("duplicate groupId {}", old.group_id));
            }
        }
        let roots = data.groups.values().filter(|g| g.parent_group_id.is_none());
        if roots.count() != 1 {
            return err("the group tree needs exactly one root group".into());
        }
        for g in data.groups.values() {
            let mut seen = BTreeSet::from([g.group_id]);
            let mut parent = g.parent_group_id;
            while let Some(p) = parent {
                let Some(pg) = data.groups.get(&p) else {
                    return err(format!("group {} has unknown parent {p}", g.group_id));
                };
                if !seen.insert(p) {
                    return err(format!("group {} is in a parent cycle", g.group_id));
                }
                parent = pg.parent_group_id;
            }
        }
        for r in seed.roles {
            if let Some(old) = data.roles.insert(r.role_id, r) {
                return err(format!("duplicate roleId {}", old.role_id));
            }
        }
        for u in seed.users {
            if u.auth_grants.is_empty() {
                return err(format!("user {} has no auth grant", u.ui_identity_id));
            }
            for grant in &u.auth_grants {
                if !data.groups.contains_key(&grant.group_id) {
                    return err(format!("user {}: unknown group", u.ui_identity_id));
                }
                if !data.roles.contains_key(&grant.role_id) {
                    return err(format!("user {}: unknown role", u.ui_identity_id));
                }
            }
            if let Some(old) = data.users.insert(u.ui_identity_id.clone(), u) {
                return err(format!("duplicate uiIdentityId {}", old.ui_identity_id));
            }
        }
        Ok(data)
    }

    /// The root of the group tree (`None` only for an empty store).
    pub fn root_group_id(&self) -> Option<GroupId> {
        self.groups
            .values()
            .find(|g| g.parent_group_id.is_none())
            .map(|g| g.group_id)
    }

    /// The direct children of a group, in `groupId` order.
    pub fn children(&self, group_id: GroupId) -> impl Iterator<Item = &Group> {
        self.groups
            .values()
            .filter(move |g| g.parent_group_id == Some(group_id))
    }
}

/// The shared store: [`Data`] behind one read-write lock.
#[derive(Debug)]
pub struct Store {
    data: RwLock<Data>,
}

impl Store {
    /// A store holding `data`.
    pub fn new(data: Data) -> Store {
        Store {
            data: RwLock::new(data),
        }
    }

    /// Shared read access. A panic in another request does not make the data unreadable.
    pub fn read(&self) -> RwLockReadGuard<'_, Data> {
        self.data
            .read()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Exclusive write access (for the operations that change state).
    pub fn write(&self) -> RwLockWriteGuard<'_, Data> {
        self.data
            .write()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}
