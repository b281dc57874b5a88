//! Common resources: the `Common resources for admins` (`/user-admin/common`) and `Common
//! resources for users` (`/user-profile/common`) sections of the IAM API docs.
//!
//! Both sections serve the same eight resources, so each resource is one method whose optional
//! `scope` picks the section: `"admin"` (the default) or `"user"`.

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

operations! {
    LIST_CONTACT_TYPES = "listContactTypes", fn list_contact_types(Option<ListContactTypesParams>) -> Vec<String> = "Promise<string[]>", [200];
        " List the contact types a user's `contactType` can take."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/contact-types`";

    LIST_COUNTRIES = "listCountries", fn list_countries(Option<ListCountriesParams>) -> Vec<String> = "Promise<string[]>", [200];
        " List the countries a user's `country` can take."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/countries`";

    LIST_STATES = "listStates", fn list_states(ListStatesParams) -> Vec<String> = "Promise<string[]>", [200];
        " List the states or provinces a user's `state` can take in a country (`USA` or `Canada`)."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/countries/{country}/states`";

    LIST_NOTIFICATION_PRODUCTS = "listNotificationProducts", fn list_notification_products(Option<ListNotificationProductsParams>) -> Vec<String> = "Promise<string[]>", [200];
        " List the products a user can receive notifications about."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/notification-products`";

    GET_PASSWORD_POLICY = "getPasswordPolicy", fn get_password_policy(Option<GetPasswordPolicyParams>) -> Ts<PasswordPolicy> = "Promise<PasswordPolicy>", [200];
        " Get the account's password policy."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/password-policy`";

    LIST_LANGUAGES = "listLanguages", fn list_languages(Option<ListLanguagesParams>) -> Vec<String> = "Promise<string[]>", [200];
        " List the languages a user's `preferredLanguage` can take."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/supported-languages`";

    LIST_TIMEOUT_POLICIES = "listTimeoutPolicies", fn list_timeout_policies(Option<ListTimeoutPoliciesParams>) -> Vec<Ts<SessionTimeoutPolicy>> = "Promise<SessionTimeoutPolicy[]>", [200];
        " List the session timeouts a user's `sessionTimeOut` can take."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/timeout-policies`";

    LIST_TIME_ZONES = "listTimeZones", fn list_time_zones(Option<ListTimeZonesParams>) -> Vec<Ts<TimeZone>> = "Promise<TimeZone[]>", [200];
        " List the time zones a user's `timeZone` can take."
        " With `scope: \"user\"`, `user-profile` takes the place of `user-admin`."
        route " `GET /identity-management/v3/user-admin/common/timezones`";
}

/// Which docs section serves a common resource.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum CommonScope {
    /// `Common resources for admins`: `/user-admin/common/...` (the default).
    #[default]
    Admin,
    /// `Common resources for users`: `/user-profile/common/...`, for a user's own profile.
    User,
}

strict_enum!(CommonScope: "admin", "user");

/// Declares the params of operations that take only `scope` and `accountSwitchKey`, one type per
/// operation so that each can gain fields on its own.
macro_rules! scoped_params {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        strict! {
            $(#[$doc])*
            #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            pub struct $name {
                /// `"admin"` (default) reads `/user-admin/common`, `"user"` `/user-profile/common`.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub scope: Option<CommonScope>,
                ..account_switch_key,
            }
        }
    )*};
}

scoped_params! {
    /// Params of `listContactTypes`.
    ListContactTypesParams;
    /// Params of `listCountries`.
    ListCountriesParams;
    /// Params of `listNotificationProducts`.
    ListNotificationProductsParams;
    /// Params of `getPasswordPolicy`.
    GetPasswordPolicyParams;
    /// Params of `listLanguages`.
    ListLanguagesParams;
    /// Params of `listTimeoutPolicies`.
    ListTimeoutPoliciesParams;
    /// Params of `listTimeZones`.
    ListTimeZonesParams;
}

strict! {
    /// Params of `listStates`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListStatesParams {
        /// The country, as `listCountries` names it; only `USA` and `Canada` have states.
        pub country: String,
        /// `"admin"` (default) reads `/user-admin/common`, `"user"` `/user-profile/common`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub scope: Option<CommonScope>,
        ..account_switch_key,
    }
}

model! {
    /// A password policy (the spec's `portal-password-class`). Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct PasswordPolicy {
        /// The policy's unique identifier, e.g. `aka90`.
        pub pwclass: String,
        /// The minimum length of a password.
        pub min_length: u64,
        /// The minimum number of letters.
        pub min_letters: u64,
        /// The minimum number of digits.
        pub min_digits: u64,
        /// The minimum number of letters in a different case from the rest.
        pub case_dif: u64,
        /// The minimum number of non-alphabetic characters.
        pub min_non_alpha: u64,
        /// The maximum number of repeating characters.
        pub max_repeating: u64,
        /// How many previous passwords cannot be reused.
        pub min_reuse: u64,
        /// The number of days a password is valid.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub rotate_frequency: Option<u64>,
        ..extra,
    }
}

model! {
    /// A session timeout a user can be given. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct SessionTimeoutPolicy {
        /// The timeout's name, e.g. `after15Minutes`.
        pub name: String,
        /// Seconds until the session times out: the value of a user's `sessionTimeOut`.
        pub value: u64,
        ..extra,
    }
}

model! {
    /// A time zone a user can be given. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct TimeZone {
        /// The time zone's ID, the value of a user's `timeZone`, e.g. `Asia/Rangoon`.
        pub timezone: String,
        /// A label including the offset from GMT, e.g. `Asia/Rangoon GMT+6`.
        pub description: String,
        /// The offset from GMT, e.g. `+6`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<String>,
        /// The POSIX name of the time zone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub posix: Option<String>,
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
        request.url(&BaseUrl::parse("http://127.0.0.1:8600").expect("valid base"))
    }

    #[test]
    fn scope_defaults_to_admin_and_user_reads_the_profile_path() {
        let admin = sent(&LIST_TIME_ZONES, &ListTimeZonesParams::default()).expect("valid");
        assert_eq!(admin.operation, "listTimeZones");
        assert_eq!(admin.method, Method::Get);
        assert_eq!(admin.expected, [200]);
        assert_eq!(admin.body, None);
        assert_eq!(
            url(&admin),
            "http://127.0.0.1:8600/identity-management/v3/user-admin/common/timezones"
        );
        let user = sent(
            &LIST_TIME_ZONES,
            &ListTimeZonesParams {
                scope: Some(CommonScope::User),
                account_switch_key: Some("1-5C0YLB:1-8BYUX".into()),
            },
        )
        .expect("valid");
        assert_eq!(
            url(&user),
            "http://127.0.0.1:8600/identity-management/v3/user-profile/common/timezones\
             ?accountSwitchKey=1-5C0YLB%3A1-8BYUX"
        );
        let explicit = ListTimeZonesParams {
            scope: Some(CommonScope::Admin),
            account_switch_key: None,
        };
        let explicit = sent(&LIST_TIME_ZONES, &explicit).expect("valid");
        assert_eq!(explicit.request, admin.request);
    }

    #[test]
    fn list_states_encodes_the_country_as_one_segment() {
        let request = sent(
            &LIST_STATES,
            &ListStatesParams {
                country: "United States/../x?".into(),
                scope: Some(CommonScope::User),
                account_switch_key: None,
            },
        )
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://127.0.0.1:8600/identity-management/v3/user-profile/common/countries/\
             United%20States%2F..%2Fx%3F/states"
        );
    }

    #[test]
    fn list_states_with_empty_country_is_validation_error() {
        let error = sent(&LIST_STATES, &ListStatesParams::default()).expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("country"));
        assert_eq!(error.operation, "listStates");
    }

    #[test]
    fn scope_is_a_closed_lowercase_union() {
        let user: ListCountriesParams =
            serde_json::from_value(json!({"scope": "user"})).expect("valid");
        assert_eq!(user.scope, Some(CommonScope::User));
        for bad in [
            json!({"scope": "User"}),
            json!({"scope": "profile"}),
            json!({"country": "USA"}),
        ] {
            assert!(serde_json::from_value::<ListCountriesParams>(bad).is_err());
        }
        assert!(serde_json::from_value::<ListStatesParams>(json!({"scope": "user"})).is_err());
    }

    #[test]
    fn every_resource_has_its_own_path() {
        let paths: Vec<String> = [
            sent(&LIST_CONTACT_TYPES, &json!({})),
            sent(&LIST_COUNTRIES, &json!({})),
            sent(&LIST_NOTIFICATION_PRODUCTS, &json!({})),
            sent(&GET_PASSWORD_POLICY, &json!({})),
            sent(&LIST_LANGUAGES, &json!({})),
            sent(&LIST_TIMEOUT_POLICIES, &json!({})),
            sent(&LIST_TIME_ZONES, &json!({})),
        ]
        .into_iter()
        .map(|request| request.expect("valid").path.join("/"))
        .collect();
        assert_eq!(
            paths,
            [
                "user-admin/common/contact-types",
                "user-admin/common/countries",
                "user-admin/common/notification-products",
                "user-admin/common/password-policy",
                "user-admin/common/supported-languages",
                "user-admin/common/timeout-policies",
                "user-admin/common/timezones",
            ]
        );
    }

    #[test]
    fn password_policy_keeps_unknown_fields_and_refuses_a_missing_one() {
        let request =
            sent(&GET_PASSWORD_POLICY, &GetPasswordPolicyParams::default()).expect("valid");
        let body = json!({
            "pwclass": "aka90", "minLength": 8, "minLetters": 1, "minDigits": 1, "caseDif": 0,
            "minNonAlpha": 0, "maxRepeating": 2, "minReuse": 4, "superExpiryPeriod": 0
        });
        let policy: PasswordPolicy =
            outcome(&request, 200, "OK", &body.to_string()).expect("decoded");
        assert_eq!(policy.rotate_frequency, None);
        assert_eq!(policy.extra.get("superExpiryPeriod"), Some(&json!(0)));
        assert_eq!(serde_json::to_value(&policy).ok(), Some(body));
        let error = outcome::<PasswordPolicy>(&request, 200, "OK", r#"{"pwclass": "aka"}"#)
            .expect_err("decode");
        assert_eq!(error.kind, IamErrorKind::Decode);
    }
}
