//! Static reference data the API serves unchanged: the common lists (countries, time zones,
//! languages...), the password and session policies, the grantable roles, the APIs an API client
//! can be granted, CP codes and account switch keys. Realistic values, the same on every run.

/// `contactType` values.
pub const CONTACT_TYPES: [&str; 6] = [
    "Billing",
    "Technical Primary",
    "Technical Secondary",
    "Security",
    "Sales",
    "Other",
];

/// Supported countries (`country`); users of the built-in seed come from these.
#[rustfmt::skip]
pub const COUNTRIES: [&str; 28] = [
    "Argentina", "Australia", "Austria", "Belgium", "Brazil", "Canada", "China", "Denmark",
    "Finland", "France", "Germany", "India", "Ireland", "Israel", "Italy", "Japan", "Mexico",
    "Netherlands", "Norway", "Poland", "Singapore", "South Korea", "Spain", "Sweden",
    "Switzerland", "USA", "United Kingdom", "TBD",
];

#[rustfmt::skip]
const US_STATES: [&str; 52] = [
    "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN",
    "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ",
    "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA",
    "WI", "WV", "WY", "TBD",
];
#[rustfmt::skip]
const CA_PROVINCES: [&str; 14] = [
    "AB", "BC", "MB", "NB", "NF", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YK", "TBD",
];

/// States or provinces of a country: `None` for a country not in [`COUNTRIES`], an empty list
/// for a country without states in Control Center.
pub fn states(country: &str) -> Option<&'static [&'static str]> {
    match country {
        "USA" => Some(&US_STATES),
        "Canada" => Some(&CA_PROVINCES),
        c if COUNTRIES.contains(&c) => Some(&[]),
        _ => None,
    }
}

/// Products users can get notifications for.
#[rustfmt::skip]
pub const NOTIFICATION_PRODUCTS: [&str; 12] = [
    "EdgeComputing for Java", "Edge DNS", "EdgeScape", "EdgeSuite (HTTP Content Delivery)",
    "Enhanced DNS", "Ion", "Kona Site Defender", "Log Delivery Service", "NetStorage",
    "Other Upgrade Notifications (Planned)", "Site Acceleration", "Streaming",
];

/// Supported `preferredLanguage` values.
#[rustfmt::skip]
pub const LANGUAGES: [&str; 9] = [
    "English", "Deutsch", "Español", "Français", "Italiano", "Japanese", "Korean", "Portuguese",
    "Chinese",
];

/// Session timeout policies: (`name`, `value` in seconds).
pub const TIMEOUT_POLICIES: [(&str, u32); 8] = [
    ("after15Minutes", 900),
    ("after30Minutes", 1800),
    ("after45Minutes", 2700),
    ("after1Hour", 3600),
    ("after2Hours", 7200),
    ("after4Hours", 14_400),
    ("after8Hours", 28_800),
    ("after18Hours", 64_800),
];

/// Time zones: (`timezone`, `offset`).
#[rustfmt::skip]
pub const TIME_ZONES: [(&str, &str); 16] = [
    ("GMT", "0"), ("Europe/London", "0"), ("Europe/Paris", "+1"), ("Europe/Berlin", "+1"),
    ("Europe/Warsaw", "+1"), ("Asia/Kolkata", "+5:30"), ("Asia/Singapore", "+8"),
    ("Asia/Tokyo", "+9"), ("Australia/Sydney", "+10"), ("America/Sao_Paulo", "-3"),
    ("America/New_York", "-5"), ("America/Toronto", "-5"), ("America/Chicago", "-6"),
    ("America/Denver", "-7"), ("America/Los_Angeles", "-8"), ("Pacific/Honolulu", "-10"),
];

/// The account's password policy (`pwclass` and its rules).
pub struct PasswordPolicy {
    /// `pwclass`.
    pub pwclass: &'static str,
    /// `minLength`.
    pub min_length: u32,
    /// `minLetters`.
    pub min_letters: u32,
    /// `minDigits`.
    pub min_digits: u32,
    /// `caseDif`.
    pub case_dif: u32,
    /// `minNonAlpha`.
    pub min_non_alpha: u32,
    /// `maxRepeating`.
    pub max_repeating: u32,
    /// `minReuse`.
    pub min_reuse: u32,
    /// `rotateFrequency` in days.
    pub rotate_frequency: u32,
}

/// The password policy every account of the simulator has.
pub const PASSWORD_POLICY: PasswordPolicy = PasswordPolicy {
    pwclass: "aka90",
    min_length: 8,
    min_letters: 1,
    min_digits: 1,
    case_dif: 0,
    min_non_alpha: 0,
    max_repeating: 2,
    min_reuse: 4,
    rotate_frequency: 90,
};

/// Whether `password` meets [`PASSWORD_POLICY`].
pub fn password_ok(password: &str) -> bool {
    let p = &PASSWORD_POLICY;
    password.chars().count() >= p.min_length as usize
        && password.chars().filter(|c| c.is_alphabetic()).count() >= p.min_letters as usize
        && password.chars().filter(char::is_ascii_digit).count() >= p.min_digits as usize
}

/// Grantable roles: (`grantedRoleId`, `grantedRoleName`, `grantedRoleDescription`).
#[rustfmt::skip]
pub const GRANTABLE_ROLES: [(i64, &str, &str); 10] = [
    (32, "Enhanced DNS - All privileges", "Add/Edit/View Enhanced DNS - All privileges"),
    (1032, "License Delivery Configurations - Manage", "Manage License Delivery Configurations"),
    (2051, "WAF Strict WhiteList", "WAF Strict WhiteList"),
    (2063, "View Audience Analytics Reports", "View Audience Analytics Reports"),
    (3021, "Property Manager - Edit", "Create, edit and activate property configurations"),
    (3022, "Property Manager - View", "View property configurations"),
    (4101, "Security Configurations - Manage", "Manage security configurations and policies"),
    (4102, "Security Events - View", "View security events and reports"),
    (5150, "Billing - View", "View invoices, contracts and usage"),
    (77852, "RealUserMonitoring - View Only", "View Real User Monitoring"),
];

/// The grantable role with this id.
pub fn grantable_role(id: i64) -> Option<(i64, &'static str, &'static str)> {
    GRANTABLE_ROLES.iter().copied().find(|r| r.0 == id)
}

/// APIs an API client can be granted:
/// (`apiId`, `apiName`, `description`, `endPoint`, `documentationUrl`, read-write allowed).
pub type ApiInfo = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

/// The APIs users of the simulated account may grant to their API clients.
#[rustfmt::skip]
pub const APIS: [ApiInfo; 6] = [
    (11, "Event Center", "Event Center", "/events", "https://techdocs.akamai.com/event-center/reference", false),
    (146, "Property Manager (PAPI)", "Property Manager (PAPI)", "/papi", "https://techdocs.akamai.com/property-mgr/reference", true),
    (5101, "Reporting API", "Control Center reporting API", "/reporting-api", "https://techdocs.akamai.com/reporting/reference", false),
    (5580, "Identity and Access Management", "Manage users, groups, roles and API clients", "/identity-management", "https://techdocs.akamai.com/iam-api/reference", true),
    (6010, "Fast Purge API", "Purge content by URL, CP code or cache tag", "/ccu", "https://techdocs.akamai.com/purge-cache/reference", true),
    (7025, "Edge DNS Zone Management API", "Manage DNS zones and records", "/config-dns", "https://techdocs.akamai.com/edge-dns/reference", true),
];

/// The API with this id.
pub fn api(id: i64) -> Option<&'static ApiInfo> {
    APIS.iter().find(|a| a.0 == id)
}

/// CP codes of the account: (`name`, `value`).
pub const CPCODES: [(&str, i64); 5] = [
    ("Storefront Images (36915)", 36_915),
    ("Storefront HTML (373118)", 373_118),
    ("Media Delivery VOD (866797)", 866_797),
    ("Media Delivery Live (933076)", 933_076),
    ("API Gateway (1012345)", 1_012_345),
];

/// Accounts an API client with account switching may act for: (`accountName`, key).
pub const ACCOUNT_SWITCH_KEYS: [(&str, &str); 4] = [
    ("Acme Corporation", "1-5C0YLB"),
    ("Acme Corporation EMEA", "1-5C0YLB:1-8BYUX"),
    ("Globex Reseller", "1-7FT2Q:1-2C4RM"),
    ("Initech Media", "1-9XQ77"),
];
