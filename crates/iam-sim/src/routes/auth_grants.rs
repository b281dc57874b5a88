//! The `authGrants` array as users' responses show it: one entry per granted group, with the
//! role cascading to the group's subgroups.

use serde::Serialize;

use crate::store::{AuthGrant, Data, GroupId};

/// One node of an `authGrants` tree.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GrantView<'a> {
    group_id: GroupId,
    group_name: &'a str,
    is_blocked: bool,
    role_id: i64,
    role_name: &'a str,
    role_description: &'a str,
    sub_groups: Vec<GrantView<'a>>,
}

/// The `authGrants` of one user. Grants naming a group or role missing from the store are
/// skipped (the store refuses such seeds, so this only guards later edits).
/// A subgroup with a grant of its own shows that grant (its role, its `isBlocked`) inside the
/// parent's tree, and cascades it further down; it is also listed at the top level.
pub(crate) fn grant_views<'a>(data: &'a Data, grants: &[AuthGrant]) -> Vec<GrantView<'a>> {
    grants
        .iter()
        .filter_map(|g| node(data, grants, g.group_id, g.role_id, g.is_blocked, 0))
        .collect()
}

fn node<'a>(
    data: &'a Data,
    grants: &[AuthGrant],
    group_id: GroupId,
    role_id: i64,
    blocked: bool,
    depth: usize,
) -> Option<GrantView<'a>> {
    let group = data.groups.get(&group_id)?;
    let role = data.roles.get(&role_id)?;
    // The store holds a tree (checked on load); the depth bound only guards later edits.
    let sub_groups = if depth < 64 {
        data.children(group_id)
            .filter_map(|child| {
                let own = grants.iter().find(|g| g.group_id == child.group_id);
                let (role, blocked) = own.map_or((role_id, false), |g| (g.role_id, g.is_blocked));
                node(data, grants, child.group_id, role, blocked, depth + 1)
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(GrantView {
        group_id,
        group_name: &group.group_name,
        is_blocked: blocked,
        role_id,
        role_name: &role.role_name,
        role_description: &role.role_description,
        sub_groups,
    })
}
