//! The built-in seed: a realistic, deterministic account (same data on every start), and the
//! loader for a `--seed` JSON file of the same shape.
//!
//! The account has 8 groups on 3 levels, 6 roles (standard and custom) and 64 users from 12
//! countries, with varied auth grants, locked accounts, MFA settings and notification choices.
//! The values come from a fixed-seed pseudo-random sequence, so they never change between runs.

mod assets;

use crate::store::{
    AdditionalAuthentication, AuthGrant, Group, GroupId, NotificationOptions, Notifications, Role,
    RoleId, RoleType, Seed, SeedError, User,
};

/// Number of users in the built-in seed.
pub const BUILTIN_USERS: usize = 64;

/// `groupId` of the built-in root group.
pub const ROOT_GROUP: GroupId = 18_000;

/// Parses a `--seed` file: the JSON form of [`Seed`] (unknown fields are refused).
pub fn from_json(text: &str) -> Result<Seed, SeedError> {
    serde_json::from_str(text).map_err(|e| SeedError(e.to_string()))
}

/// `uiIdentityId` of the caller in the built-in seed (`/user-profile`): an account admin.
pub const PROFILE_USER: &str = "F-CO-3917000";

/// `clientId` of the caller's own API client in the built-in seed (`/api-clients/self`).
pub const SELF_CLIENT: &str = assets::SELF_CLIENT;

/// The built-in account.
pub fn builtin() -> Seed {
    let mut users: Vec<User> = (0..BUILTIN_USERS).map(user).collect();
    if let Some(me) = users.iter_mut().find(|u| u.ui_identity_id == PROFILE_USER) {
        me.password = Some("Sim-Passw0rd".into());
    }
    let owners: Vec<&str> = users
        .iter()
        .take(4)
        .map(|u| u.ui_user_name.as_str())
        .collect();
    let api_clients = assets::api_clients(&owners);
    Seed {
        account_id: "A-CCT9012".into(),
        groups: groups(),
        roles: roles(),
        properties: assets::properties(),
        cidr_blocks: assets::cidr_blocks(),
        ip_allowlist_enabled: false,
        api_clients,
        profile_user: Some(PROFILE_USER.into()),
        self_client: Some(SELF_CLIENT.into()),
        next_id: 0,
        users,
    }
}

pub(crate) const GROUPS: [(GroupId, &str, Option<GroupId>); 8] = [
    (ROOT_GROUP, "Acme Corporation", None),
    (18_001, "Web Properties", Some(ROOT_GROUP)),
    (18_002, "Security Operations", Some(ROOT_GROUP)),
    (18_003, "Partners", Some(ROOT_GROUP)),
    (18_004, "Storefront", Some(18_001)),
    (18_005, "Media Delivery", Some(18_001)),
    (18_006, "WAF Policies", Some(18_002)),
    (18_007, "Reseller EMEA", Some(18_003)),
];

fn groups() -> Vec<Group> {
    GROUPS
        .iter()
        .enumerate()
        .map(|(i, &(group_id, name, parent_group_id))| Group {
            group_id,
            group_name: name.into(),
            parent_group_id,
            created_by: "jperez".into(),
            created_date: iso8601(BASE_TIME - 700 * DAY + i as u64 * 3 * DAY),
            modified_by: if i % 3 == 0 { "akim" } else { "jperez" }.into(),
            modified_date: iso8601(BASE_TIME - 200 * DAY + i as u64 * 11 * DAY),
        })
        .collect()
}

#[rustfmt::skip]
const ROLES: [(RoleId, &str, &str, RoleType); 6] = [
    (3, "Admin", "Manages users, groups, roles and every product on the group.", RoleType::Standard),
    (4, "Technical Support", "Opens and follows support cases.", RoleType::Standard),
    (5, "Publisher", "Edits and activates property configurations.", RoleType::Standard),
    (6, "Viewer", "Read-only access to configurations and reports.", RoleType::Standard),
    (100_001, "Security Analyst", "Reviews WAF events and tunes security policies.", RoleType::Custom),
    (100_002, "Billing Contact", "Sees invoices, contracts and usage reports.", RoleType::Account),
];

fn roles() -> Vec<Role> {
    ROLES
        .iter()
        .map(|&(role_id, name, description, role_type)| {
            let by = if role_type == RoleType::Custom {
                "akim"
            } else {
                "akamai"
            };
            Role {
                role_id,
                role_name: name.into(),
                role_description: description.into(),
                role_type,
                created_by: by.into(),
                created_date: iso8601(BASE_TIME - 900 * DAY + role_id as u64 % 97 * DAY),
                modified_by: by.into(),
                modified_date: iso8601(BASE_TIME - 300 * DAY + role_id as u64 % 89 * DAY),
                granted_roles: match role_type {
                    RoleType::Custom => vec![4101, 4102],
                    RoleType::Account => vec![5150],
                    RoleType::Standard => vec![3021 + role_id % 2],
                },
                grantable_in: None,
            }
        })
        .collect()
}

#[rustfmt::skip]
const FIRST: [&str; 32] = [
    "Ana", "Bjørn", "Chen", "Dana", "Élodie", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kasia",
    "Liam", "Mei", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Søren", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoë", "Aisha", "Bruno", "Carmen", "Diego", "Emma", "Fatima",
];
#[rustfmt::skip]
const LAST: [&str; 32] = [
    "Perez", "Kim", "Schmidt", "Okafor", "Tanaka", "Rossi", "Nowak", "Silva", "Dubois", "Patel",
    "Johansson", "García", "Müller", "O'Brien", "Nguyen", "Haddad", "Kowalski", "Murphy", "Sato",
    "Fischer", "Ivanova", "Costa", "Jensen", "Moreau", "Singh", "Lopez", "Brown", "Yilmaz", "Wong",
    "Martin", "Novak", "Ahmed",
];

/// (country, state, city, zip, time zone, phone prefix, language)
type Place = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);
#[rustfmt::skip]
const PLACES: [Place; 12] = [
    ("USA", Some("MA"), "Cambridge", "02142", "America/New_York", "+1-617-", "English"),
    ("USA", Some("CA"), "Santa Clara", "95054", "America/Los_Angeles", "+1-408-", "English"),
    ("Germany", Some("Bavaria"), "Munich", "80331", "Europe/Berlin", "+49-89-", "German"),
    ("United Kingdom", None, "London", "EC2A 4BX", "Europe/London", "+44-20-", "English"),
    ("Japan", Some("Tokyo"), "Tokyo", "100-0005", "Asia/Tokyo", "+81-3-", "Japanese"),
    ("India", Some("Karnataka"), "Bangalore", "560001", "Asia/Kolkata", "+91-80-", "English"),
    ("Brazil", Some("SP"), "São Paulo", "01310-100", "America/Sao_Paulo", "+55-11-", "Portuguese"),
    ("France", Some("Île-de-France"), "Paris", "75002", "Europe/Paris", "+33-1-", "French"),
    ("Australia", Some("NSW"), "Sydney", "2000", "Australia/Sydney", "+61-2-", "English"),
    ("Canada", Some("ON"), "Toronto", "M5H 2N2", "America/Toronto", "+1-416-", "English"),
    ("Poland", None, "Kraków", "30-001", "Europe/Warsaw", "+48-12-", "Polish"),
    ("Singapore", None, "Singapore", "018989", "Asia/Singapore", "+65-", "English"),
];
#[rustfmt::skip]
const STREETS: [&str; 8] = [
    "Broadway", "Main Street", "Harbour Road", "Lindenstraße", "Rua Augusta", "Elm Avenue",
    "Queen Street", "Rue de Rivoli",
];
#[rustfmt::skip]
const JOBS: [&str; 8] = [
    "Site Reliability Engineer", "Security Analyst", "Web Developer", "Engineering Manager",
    "Network Architect", "Procurement Specialist", "DevOps Engineer", "CTO",
];
const CONTACT_TYPES: [&str; 4] = ["Technical Primary", "Billing", "Security", "Other"];
const DOMAINS: [&str; 3] = ["example.com", "example.net", "example.org"];
#[rustfmt::skip]
const PROACTIVE: [&str; 5] = [
    "EdgeScape", "EdgeSuite (HTTP Content Delivery)", "Ion", "Kona Site Defender", "NetStorage",
];
const UPGRADE: [&str; 3] = [
    "NetStorage",
    "Edge DNS",
    "Other Upgrade Notifications (Planned)",
];
const TIMEOUTS: [u32; 4] = [1800, 3600, 14_400, 28_800];

pub(crate) const DAY: u64 = 86_400;
/// 2025-06-01T00:00:00Z: "now" for the seed's dates.
pub(crate) const BASE_TIME: u64 = 1_748_736_000;

/// A tiny deterministic generator (SplitMix64), seeded per user.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn subset(&mut self, items: &[&str]) -> Vec<String> {
        items
            .iter()
            .filter(|_| self.chance(40))
            .map(|s| (*s).to_owned())
            .collect()
    }
}

fn user(i: usize) -> User {
    let mut rng = Rng(0x1A3_5EED ^ (i as u64).wrapping_mul(0x100_0193));
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i * 7 + i / FIRST.len()) % LAST.len()];
    let user_name = format!(
        "{}{}",
        ascii_fold(&first[..first.chars().next().map_or(0, char::len_utf8)]),
        ascii_fold(last)
    );
    let user_name = if i >= FIRST.len() {
        format!("{user_name}{}", i / FIRST.len() + 1)
    } else {
        user_name
    };
    let (country, state, city, zip, time_zone, phone, language) =
        PLACES[(i * 5 + 3) % PLACES.len()];
    let roll = rng.below(10);
    let mfa = match roll {
        // The account administrators (first three users) all use an authenticator app.
        _ if i < 3 => AdditionalAuthentication::Mfa,
        0..=4 => AdditionalAuthentication::Tfa,
        5..=7 => AdditionalAuthentication::Mfa,
        _ => AdditionalAuthentication::None,
    };
    let configured = mfa != AdditionalAuthentication::None && rng.chance(80);
    let last_login = (i % 13 != 7)
        .then(|| BASE_TIME - rng.below(400) as u64 * DAY - rng.below(DAY as usize) as u64);
    User {
        ui_identity_id: format!("F-CO-{:07}", 3_917_000 + i * 173),
        email: format!("{user_name}@{}", DOMAINS[i % DOMAINS.len()]),
        secondary_email: rng
            .chance(25)
            .then(|| format!("{user_name}.backup@{}", DOMAINS[(i + 1) % DOMAINS.len()])),
        phone: rng
            .chance(85)
            .then(|| format!("{phone}555-{:04}", rng.below(10_000))),
        mobile_phone: rng
            .chance(50)
            .then(|| format!("{phone}700-{:04}", rng.below(10_000))),
        address: format!("{} {}", 1 + rng.below(400), rng.pick(&STREETS)),
        city: Some(city.into()),
        state: state.map(Into::into),
        zip_code: Some(zip.into()),
        country: country.into(),
        time_zone: time_zone.into(),
        preferred_language: Some(language.into()),
        job_title: rng.chance(80).then(|| rng.pick(&JOBS).into()),
        contact_type: Some(rng.pick(&CONTACT_TYPES).into()),
        session_time_out: rng.chance(70).then(|| rng.pick(&TIMEOUTS)),
        password_expiry_date: last_login.map(|t| iso8601(t + 90 * DAY)),
        last_login_date: last_login.map(iso8601),
        is_locked: i % 11 == 5,
        email_update_pending: i % 17 == 9,
        additional_authentication: mfa,
        additional_authentication_configured: configured,
        tfa_enabled: mfa == AdditionalAuthentication::Tfa,
        tfa_configured: mfa == AdditionalAuthentication::Tfa && configured,
        auth_grants: grants(i, &mut rng),
        notifications: Notifications {
            enable_email_notifications: rng.chance(75),
            options: NotificationOptions {
                new_user_notification: rng.chance(50),
                password_expiry: rng.chance(80),
                api_client_credential_expiry_notification: rng.chance(40),
                proactive: rng.subset(&PROACTIVE),
                upgrade: rng.subset(&UPGRADE),
            },
        },
        blocked_properties: Default::default(),
        password: None,
        ui_user_name: user_name,
        first_name: first.into(),
        last_name: last.into(),
    }
}

/// One or two grants; the first three users administer the whole account.
fn grants(i: usize, rng: &mut Rng) -> Vec<AuthGrant> {
    let grant = |group_id, role_id, is_blocked| AuthGrant {
        group_id,
        role_id,
        is_blocked,
    };
    if i < 3 {
        return vec![grant(ROOT_GROUP, 3, false)];
    }
    let first = GROUPS[1 + rng.below(GROUPS.len() - 1)].0;
    let role = ROLES[rng.below(ROLES.len())].0;
    let mut out = vec![grant(first, role, false)];
    if rng.chance(30) {
        let second = GROUPS[1 + rng.below(GROUPS.len() - 1)].0;
        let role = ROLES[1 + rng.below(ROLES.len() - 1)].0;
        if second != first {
            out.push(grant(second, role, rng.chance(20)));
        }
    }
    out
}

/// Folds the accented letters used in the seed's names to ASCII, lower case, for user names.
fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'ã' | 'â' | 'Á' => Some('a'),
            'é' | 'è' | 'ë' | 'É' => Some('e'),
            'í' | 'ï' => Some('i'),
            'ó' | 'ö' | 'ø' | 'Ø' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ç' => Some('c'),
            'ñ' => Some('n'),
            'ł' => Some('l'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Formats Unix seconds as ISO 8601 UTC, e.g. `2025-06-01T00:00:00Z`.
pub fn iso8601(secs: u64) -> String {
    // `yyyyMMddTHH:mm:ss+0000` from the signer's clock formatting, re-punctuated.
    let ts = edgegrid::timestamp_from_unix(secs);
    format!("{}-{}-{}T{}Z", &ts[0..4], &ts[4..6], &ts[6..8], &ts[9..17])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Data;

    #[test]
    fn builtin_seed_is_valid_and_round_trips_through_json() {
        let seed = builtin();
        let json = serde_json::to_string(&seed).unwrap();
        assert_eq!(from_json(&json).unwrap(), seed);
        let data = Data::from_seed(seed).unwrap();
        assert_eq!(data.users.len(), BUILTIN_USERS);
        assert_eq!(data.groups.len(), 8);
        let names: std::collections::BTreeSet<_> = data
            .users
            .values()
            .map(|u| u.ui_user_name.clone())
            .collect();
        assert_eq!(names.len(), BUILTIN_USERS, "user names are unique");
        assert!(data.users.values().any(|u| u.is_locked));
        assert!(data.users.values().any(|u| u.last_login_date.is_none()));
    }

    #[test]
    fn iso8601_formats_utc() {
        assert_eq!(iso8601(BASE_TIME), "2025-06-01T00:00:00Z");
    }
}
