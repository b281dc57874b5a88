//! The one in-memory store: every record the simulator serves, behind one lock.
//!
//! Records ([`crate::model`]) are kept in the simulator's own shape; the route modules turn them
//! into each operation's response. The store is built from a [`Seed`], which is also the JSON
//! shape of `iam-sim --seed FILE` and of the `--state FILE` snapshot.
//!
//! Writes go through [`Store::update`]: the change is made on a copy, and only when it succeeds
//! (and, with a state file, once the snapshot is durably on disk) does it replace the data. A
//! failed operation therefore never leaves half of its change behind.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{RwLock, RwLockReadGuard};

use serde::{Deserialize, Serialize};

pub use crate::model::*;
use crate::problem::ApiError;

/// Everything the store starts from; also the JSON shape of a `--seed` or `--state` file.
///
/// The collections added after the first version (`properties` onwards) default to empty, so
/// older seed files still load.
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
    /// Properties and includes.
    #[serde(default)]
    pub properties: Vec<Property>,
    /// The IP allowlist's CIDR blocks.
    #[serde(default)]
    pub cidr_blocks: Vec<CidrBlock>,
    /// Whether the IP allowlist is enforced.
    #[serde(default)]
    pub ip_allowlist_enabled: bool,
    /// API clients with their credentials.
    #[serde(default)]
    pub api_clients: Vec<ApiClient>,
    /// `uiIdentityId` of the caller (`/user-profile`); default: the first user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_user: Option<String>,
    /// `clientId` of the caller's API client (`/api-clients/self`); default: the first client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_client: Option<String>,
    /// The next numeric identifier to hand out (0: one more than the largest in the seed).
    #[serde(default)]
    pub next_id: i64,
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
    /// Properties by `propertyId`.
    pub properties: BTreeMap<PropertyId, Property>,
    /// CIDR blocks by `cidrBlockId`.
    pub cidr_blocks: BTreeMap<i64, CidrBlock>,
    /// Whether the IP allowlist is enforced.
    pub ip_allowlist_enabled: bool,
    /// API clients by `clientId`.
    pub api_clients: BTreeMap<String, ApiClient>,
    /// `uiIdentityId` of the caller.
    pub profile_user: String,
    /// `clientId` of the caller's own API client.
    pub self_client: String,
    /// The next numeric identifier to hand out.
    pub next_id: i64,
}

impl Data {
    /// Indexes a seed, checking that identifiers are unique, that the groups form one tree and
    /// that every reference (grants, property groups, the caller) names a known record.
    pub fn from_seed(seed: Seed) -> Result<Data, SeedError> {
        let err = |msg: String| Err(SeedError(msg));
        let mut data = Data {
            account_id: seed.account_id,
            ip_allowlist_enabled: seed.ip_allowlist_enabled,
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
                if !data.grantable(grant.role_id, grant.group_id) {
                    return err(format!(
                        "user {}: role {} is not grantable in group {}",
                        u.ui_identity_id, grant.role_id, grant.group_id
                    ));
                }
            }
            if let Some(old) = data.users.insert(u.ui_identity_id.clone(), u) {
                return err(format!("duplicate uiIdentityId {}", old.ui_identity_id));
            }
        }
        for p in seed.properties {
            if !data.groups.contains_key(&p.group_id) {
                return err(format!("property {}: unknown group", p.property_id));
            }
            if let Some(old) = data.properties.insert(p.property_id, p) {
                return err(format!("duplicate propertyId {}", old.property_id));
            }
        }
        for b in seed.cidr_blocks {
            if let Some(old) = data.cidr_blocks.insert(b.cidr_block_id, b) {
                return err(format!("duplicate cidrBlockId {}", old.cidr_block_id));
            }
        }
        for c in seed.api_clients {
            if let Some(old) = data.api_clients.insert(c.client_id.clone(), c) {
                return err(format!("duplicate clientId {}", old.client_id));
            }
        }
        data.profile_user = match seed.profile_user {
            Some(id) if data.users.contains_key(&id) => id,
            Some(id) => return err(format!("profileUser {id} is not a user")),
            None => data.users.keys().next().cloned().unwrap_or_default(),
        };
        data.self_client = match seed.self_client {
            Some(id) if data.api_clients.contains_key(&id) => id,
            Some(id) => return err(format!("selfClient {id} is not an API client")),
            None => data.api_clients.keys().next().cloned().unwrap_or_default(),
        };
        data.next_id = seed.next_id.max(data.max_id() + 1);
        Ok(data)
    }

    /// The snapshot of this data as a [`Seed`] (what `--state` writes).
    pub fn to_seed(&self) -> Seed {
        Seed {
            account_id: self.account_id.clone(),
            groups: self.groups.values().cloned().collect(),
            roles: self.roles.values().cloned().collect(),
            users: self.users.values().cloned().collect(),
            properties: self.properties.values().cloned().collect(),
            cidr_blocks: self.cidr_blocks.values().cloned().collect(),
            ip_allowlist_enabled: self.ip_allowlist_enabled,
            api_clients: self.api_clients.values().cloned().collect(),
            profile_user: Some(self.profile_user.clone()).filter(|s| !s.is_empty()),
            self_client: Some(self.self_client.clone()).filter(|s| !s.is_empty()),
            next_id: self.next_id,
        }
    }

    fn max_id(&self) -> i64 {
        let credentials = self
            .api_clients
            .values()
            .flat_map(|c| c.credentials.iter().map(|k| k.credential_id));
        self.groups
            .keys()
            .chain(self.roles.keys())
            .chain(self.properties.keys())
            .chain(self.cidr_blocks.keys())
            .copied()
            .chain(credentials)
            .max()
            .unwrap_or(0)
    }

    /// Hands out a new numeric identifier (never reused, also across restarts with `--state`).
    pub fn next_id(&mut self) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        id
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

    /// The group and its ancestors up to the root, nearest first.
    pub fn ancestors_or_self(&self, group_id: GroupId) -> Vec<GroupId> {
        let mut out = Vec::new();
        let mut at = Some(group_id);
        while let Some(id) = at {
            if out.contains(&id) || !self.groups.contains_key(&id) {
                break;
            }
            out.push(id);
            at = self.groups.get(&id).and_then(|g| g.parent_group_id);
        }
        out
    }

    /// Whether `group_id` is `ancestor` or lies below it.
    pub fn is_within(&self, group_id: GroupId, ancestor: GroupId) -> bool {
        self.ancestors_or_self(group_id).contains(&ancestor)
    }

    /// Whether role `role_id` may be granted in group `group_id`: the role exists and its
    /// `grantableIn` (if any) names the group or one of its ancestors.
    pub fn grantable(&self, role_id: RoleId, group_id: GroupId) -> bool {
        self.roles.get(&role_id).is_some_and(|r| {
            r.grantable_in
                .as_ref()
                .is_none_or(|gs| gs.iter().any(|&g| self.is_within(group_id, g)))
        })
    }
}

/// The shared store: [`Data`] behind one read-write lock, optionally mirrored to a state file.
#[derive(Debug)]
pub struct Store {
    data: RwLock<Data>,
    state_file: Option<PathBuf>,
}

impl Store {
    /// A store holding `data`, not persisted.
    pub fn new(data: Data) -> Store {
        Store {
            data: RwLock::new(data),
            state_file: None,
        }
    }

    /// A store holding `data` that writes a snapshot to `path` after every change.
    pub fn persisted(data: Data, path: PathBuf) -> Store {
        Store {
            data: RwLock::new(data),
            state_file: Some(path),
        }
    }

    /// Shared read access. A panic in another request does not make the data unreadable.
    pub fn read(&self) -> RwLockReadGuard<'_, Data> {
        self.data
            .read()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Runs one write operation atomically: `change` works on a copy of the data; if it returns
    /// `Ok` the copy is saved to the state file (if any) and then replaces the data. Writers are
    /// serialised by the lock, so snapshots are written in the order the changes were made.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut Data) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut guard = self
            .data
            .write()
            .unwrap_or_else(|poison| poison.into_inner());
        let mut next = guard.clone();
        let out = change(&mut next)?;
        if let Some(path) = &self.state_file {
            save_snapshot(path, &next.to_seed())
                .map_err(|e| ApiError::internal(format!("Could not save the state file: {e}")))?;
        }
        *guard = next;
        Ok(out)
    }

    /// Replaces all data (the admin API's reset), saving it like any other change.
    pub fn replace(&self, data: Data) -> Result<(), ApiError> {
        self.update(|d| {
            *d = data;
            Ok(())
        })
    }
}

/// Writes `seed` as JSON to `path` atomically: to `path.tmp`, fsync, rename over `path`, then
/// fsync the directory, so a crash leaves either the old or the new snapshot, never a mix.
pub fn save_snapshot(path: &Path, seed: &Seed) -> std::io::Result<()> {
    let json = serde_json::to_vec(seed).map_err(std::io::Error::other)?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&json)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(dir) = std::fs::File::open(dir) {
        // Directory fsync makes the rename durable; some file systems refuse it, which is fine.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Reads a snapshot written by [`save_snapshot`] (or any seed file).
pub fn load_snapshot(path: &Path) -> Result<Seed, SeedError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| SeedError(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| SeedError(format!("{}: {e}", path.display())))
}
