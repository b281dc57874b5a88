//! The built-in seed's properties, IP allowlist and API clients (with their credentials).

use super::{iso8601, BASE_TIME, DAY, GROUPS};
use crate::store::{
    ApiClient, ApiGrant, CidrBlock, ClientType, CpcodeAccess, Credential, CredentialStatus,
    GroupGrant, IpAcl, Property, PurgeOptions, Resource, ResourceType,
};

/// `clientId` of the caller's own API client.
pub(super) const SELF_CLIENT: &str = "nnb3ahxnhs6ehesp";

#[rustfmt::skip]
const PROPERTIES: [(i64, &str, &str); 12] = [
    (9_678_001, "www.acme-shop.example", "Site Delivery"),
    (9_678_002, "static.acme-shop.example", "Object Delivery"),
    (9_678_003, "api.acme-shop.example", "API Acceleration"),
    (9_678_004, "video.acme.example", "Adaptive Media Delivery"),
    (9_678_005, "download.acme.example", "Download Delivery"),
    (9_678_006, "waf-rules-include", "Include"),
    (9_678_007, "partners.acme.example", "Ion"),
    (9_678_008, "emea.reseller.example", "Ion"),
    (9_678_009, "images.acme.example", "Image and Video Manager"),
    (9_678_010, "login.acme.example", "Site Delivery"),
    (9_678_011, "live.acme.example", "Adaptive Media Delivery"),
    (9_678_012, "shared-headers-include", "Include"),
];

/// Twelve properties spread over the non-root groups, each with two to four resources.
pub(super) fn properties() -> Vec<Property> {
    PROPERTIES
        .iter()
        .enumerate()
        .map(|(i, &(property_id, name, kind))| {
            let group_id = GROUPS[1 + i % (GROUPS.len() - 1)].0;
            let created = BASE_TIME - 500 * DAY + i as u64 * 17 * DAY;
            let kinds = [
                (ResourceType::Arlfile, format!("{name}.xml")),
                (ResourceType::Cpcode, format!("{name} ({})", 36_900 + i)),
                (ResourceType::Enable, format!("{name}-enable")),
                (ResourceType::Edns, format!("{name}.edgesuite.net")),
            ];
            let resources = kinds
                .into_iter()
                .take(2 + i % 3)
                .enumerate()
                .map(|(k, (resource_type, resource_name))| Resource {
                    resource_id: 111_000 + i as i64 * 10 + k as i64,
                    resource_type,
                    resource_name,
                    modified_date: iso8601(created + (k as u64 + 1) * DAY),
                })
                .collect();
            Property {
                property_id,
                property_name: name.into(),
                property_type_description: kind.into(),
                group_id,
                arl_config_file: format!("{name}.xml"),
                created_by: "jperez@example.com".into(),
                created_date: iso8601(created),
                modified_by: "akim@example.com".into(),
                modified_date: iso8601(created + 40 * DAY),
                resources,
            }
        })
        .collect()
}

#[rustfmt::skip]
const CIDRS: [(&str, &str, bool); 4] = [
    ("198.51.100.0/24", "Cambridge office", true),
    ("203.0.113.16/28", "VPN egress", true),
    ("192.0.2.10/32", "Build server", false),
    ("2001:db8:1234::/48", "IPv6 office range", true),
];

/// Four CIDR blocks (the allowlist itself starts disabled).
pub(super) fn cidr_blocks() -> Vec<CidrBlock> {
    CIDRS
        .iter()
        .enumerate()
        .map(|(i, &(cidr, comments, enabled))| CidrBlock {
            cidr_block_id: 1_201 + i as i64,
            cidr_block: cidr.into(),
            comments: comments.into(),
            enabled,
            created_by: "jperez".into(),
            created_date: iso8601(BASE_TIME - 120 * DAY + i as u64 * DAY),
            modified_by: "jperez".into(),
            modified_date: iso8601(BASE_TIME - 60 * DAY + i as u64 * DAY),
        })
        .collect()
}

/// Four API clients: the caller's own (two active credentials), a reporting client, a user
/// client and a locked client; `owners` are user names of the first seeded users.
pub(super) fn api_clients(owners: &[&str]) -> Vec<ApiClient> {
    let owner = |i: usize| owners.get(i).copied().unwrap_or("admin").to_owned();
    #[rustfmt::skip]
    let specs = [
        (SELF_CLIENT, "iam_automation", "Automates user and group administration.", ClientType::Client, false, 0),
        ("xfz2n5d43mogkdim", "report_data", "Provides access to the reporting data.", ClientType::Client, false, 1),
        ("k7mq2rwezt3vb4xa", "cli_user_client", "Personal CLI access with its owner's permissions.", ClientType::UserClient, false, 2),
        ("p2dxlpe5eqzqtyyy", "legacy_purge", "Retired purge integration.", ClientType::Client, true, 3),
    ];
    specs
        .iter()
        .enumerate()
        .map(|(i, &(id, name, description, client_type, locked, who))| {
            let created = BASE_TIME - 400 * DAY + i as u64 * 30 * DAY;
            let credential = |k: i64, status| Credential {
                credential_id: 70_001 + i as i64 * 10 + k,
                client_token: format!("akab-{}{k}-{}", &id[..8], &id[8..]),
                created_on: iso8601(created + k as u64 * 90 * DAY),
                expires_on: iso8601(created + k as u64 * 90 * DAY + 730 * DAY),
                status,
                description: format!("{name} credential {}", k + 1),
            };
            let credentials = match i {
                0 => vec![
                    credential(0, CredentialStatus::Active),
                    credential(1, CredentialStatus::Active),
                ],
                3 => vec![credential(0, CredentialStatus::Inactive)],
                _ => vec![credential(0, CredentialStatus::Active)],
            };
            ApiClient {
                client_id: id.into(),
                client_name: name.into(),
                client_description: description.into(),
                client_type,
                access_token: format!("akab-{id}-{}", &id[..8]),
                service_consumer_token: format!("akab-sct{i}-{id}"),
                authorized_users: vec![owner(who)],
                notification_emails: vec![format!("{}@example.com", owner(who))],
                allow_account_switch: i == 0,
                can_auto_create_credential: i == 0,
                is_locked: locked,
                created_by: owner(0),
                created_date: iso8601(created),
                all_accessible_apis: i == 2,
                apis: vec![
                    ApiGrant {
                        api_id: 5580,
                        access_level: "READ-WRITE".into(),
                    },
                    ApiGrant {
                        api_id: 5101,
                        access_level: "READ-ONLY".into(),
                    },
                ],
                clone_authorized_user_groups: client_type == ClientType::UserClient,
                groups: vec![GroupGrant {
                    group_id: GROUPS[0].0,
                    role_id: 3,
                }],
                ip_acl: (i == 1).then(|| IpAcl {
                    enable: true,
                    cidr: vec!["198.51.100.0/24".into()],
                }),
                purge_options: (i == 3).then(|| PurgeOptions {
                    can_purge_by_cache_tag: true,
                    can_purge_by_cpcode: true,
                    cpcode_access: CpcodeAccess {
                        all_current_and_new_cpcodes: false,
                        cpcodes: vec![36_915],
                    },
                }),
                credentials,
            }
        })
        .collect()
}
