//! The API client views: list items, the Lock/Unlock body and the full detail.

use serde::Serialize;

use crate::catalog;
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::routes::credentials::CredentialView;
use crate::store::{ApiClient, ClientType, Data, IpAcl, PurgeOptions};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListActions {
    delete: bool,
    deactivate_all: bool,
    edit: bool,
    lock: bool,
    transfer: bool,
    unlock: bool,
}

impl ListActions {
    fn of(c: &ApiClient) -> Self {
        ListActions {
            delete: true,
            deactivate_all: c.active_credentials() > 0,
            edit: true,
            lock: !c.is_locked,
            transfer: true,
            unlock: c.is_locked,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetailActions {
    #[serde(flatten)]
    base: ListActions,
    edit_apis: bool,
    edit_auth: bool,
    edit_groups: bool,
    edit_ip_acl: bool,
    edit_switch_account: bool,
}

/// The fields every API client view has.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary<'a> {
    access_token: &'a str,
    active_credential_count: usize,
    allow_account_switch: bool,
    authorized_users: &'a [String],
    can_auto_create_credential: bool,
    client_description: &'a str,
    client_id: &'a str,
    client_name: &'a str,
    client_type: ClientType,
    created_by: &'a str,
    created_date: &'a str,
    is_locked: bool,
    notification_emails: &'a [String],
}

impl<'a> Summary<'a> {
    fn of(c: &'a ApiClient) -> Self {
        Summary {
            access_token: &c.access_token,
            active_credential_count: c.active_credentials(),
            allow_account_switch: c.allow_account_switch,
            authorized_users: &c.authorized_users,
            can_auto_create_credential: c.can_auto_create_credential,
            client_description: &c.client_description,
            client_id: &c.client_id,
            client_name: &c.client_name,
            client_type: c.client_type,
            created_by: &c.created_by,
            created_date: &c.created_date,
            is_locked: c.is_locked,
            notification_emails: &c.notification_emails,
        }
    }
}

/// An item of List API clients; without `actions` also the Lock/Unlock response.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SimpleView<'a> {
    #[serde(flatten)]
    summary: Summary<'a>,
    service_consumer_token: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<ListActions>,
}

pub(super) fn simple(c: &ApiClient, actions: bool) -> SimpleView<'_> {
    SimpleView {
        summary: Summary::of(c),
        service_consumer_token: &c.service_consumer_token,
        actions: actions.then(|| ListActions::of(c)),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ApiView {
    api_id: i64,
    api_name: &'static str,
    description: &'static str,
    end_point: &'static str,
    documentation_url: &'static str,
    access_level: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ApiAccessView {
    all_accessible_apis: bool,
    apis: Vec<ApiView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupGrantView<'a> {
    group_id: i64,
    group_name: &'a str,
    role_id: i64,
    role_name: &'a str,
    role_description: &'a str,
    is_blocked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_group_id: Option<i64>,
    sub_groups: Vec<serde_json::Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupAccessView<'a> {
    clone_authorized_user_groups: bool,
    groups: Vec<GroupGrantView<'a>>,
}

/// Get an API client's response (and Create, Update).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DetailView<'a> {
    #[serde(flatten)]
    summary: Summary<'a>,
    #[serde(rename = "baseURL")]
    base_url: String,
    service_provider_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<DetailActions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_access: Option<ApiAccessView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_access: Option<GroupAccessView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials: Option<Vec<CredentialView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_acl: Option<&'a IpAcl>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purge_options: Option<&'a PurgeOptions>,
}

/// Which optional parts Get an API client includes.
#[derive(Clone, Copy)]
pub(super) struct Parts {
    actions: bool,
    group_access: bool,
    api_access: bool,
    credentials: bool,
    ip_acl: bool,
}

impl Parts {
    pub(super) const ALL: Parts = Parts {
        actions: true,
        group_access: true,
        api_access: true,
        credentials: true,
        ip_acl: true,
    };

    pub(super) fn from_query(raw: Option<&str>) -> Result<Parts, ApiError> {
        let q = QueryParams::parse(raw)?;
        Ok(Parts {
            actions: q.flag("actions")?,
            group_access: q.flag("groupAccess")?,
            api_access: q.flag("apiAccess")?,
            credentials: q.flag("credentials")?,
            ip_acl: q.flag("ipAcl")?,
        })
    }
}

pub(super) fn detail<'a>(data: &'a Data, c: &'a ApiClient, parts: Parts) -> DetailView<'a> {
    let apis = || ApiAccessView {
        all_accessible_apis: c.all_accessible_apis,
        apis: c
            .apis
            .iter()
            .filter_map(|a| {
                catalog::api(a.api_id).map(|info| ApiView {
                    api_id: info.0,
                    api_name: info.1,
                    description: info.2,
                    end_point: info.3,
                    documentation_url: info.4,
                    access_level: a.access_level.clone(),
                })
            })
            .collect(),
    };
    let groups = || GroupAccessView {
        clone_authorized_user_groups: c.clone_authorized_user_groups,
        groups: c
            .groups
            .iter()
            .filter_map(|g| {
                let group = data.groups.get(&g.group_id)?;
                let role = data.roles.get(&g.role_id)?;
                Some(GroupGrantView {
                    group_id: g.group_id,
                    group_name: &group.group_name,
                    role_id: g.role_id,
                    role_name: &role.role_name,
                    role_description: &role.role_description,
                    is_blocked: false,
                    parent_group_id: group.parent_group_id,
                    sub_groups: Vec::new(),
                })
            })
            .collect(),
    };
    DetailView {
        summary: Summary::of(c),
        base_url: format!("https://{}.luna.akamaiapis.net", c.access_token),
        service_provider_id: 1,
        actions: parts.actions.then(|| DetailActions {
            base: ListActions::of(c),
            edit_apis: true,
            edit_auth: true,
            edit_groups: true,
            edit_ip_acl: true,
            edit_switch_account: c.allow_account_switch,
        }),
        api_access: parts.api_access.then(apis),
        group_access: parts.group_access.then(groups),
        credentials: parts.credentials.then(|| {
            c.credentials
                .iter()
                .map(|k| CredentialView::of(k, true, false))
                .collect()
        }),
        ip_acl: c.ip_acl.as_ref().filter(|_| parts.ip_acl),
        purge_options: c.purge_options.as_ref().filter(|_| parts.api_access),
    }
}
