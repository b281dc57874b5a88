//! Your user profile: the `User profile` section of the IAM API docs (`/user-profile`). Every
//! operation acts on the caller's own user, so none takes a `uiIdentityId`.

use std::fmt;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::api::users::{
    AdditionalAuthenticationRequest, NotificationsRequest, UpdateUserBasicInfoRequest, User,
    UserNotifications,
};
use crate::api::users::{EMAIL, SECONDARY_EMAIL};

operations! {
    GET_MY_PROFILE = "getMyProfile", fn get_my_profile(Option<GetMyProfileParams>) -> Ts<User> = "Promise<User>", [200];
        " Get your own user profile."
        route " `GET /identity-management/v3/user-profile`";

    UPDATE_MY_PROFILE = "updateMyProfile", fn update_my_profile(UpdateMyProfileParams) -> Ts<User> = "Promise<User>", [200];
        " Update your own basic information."
        route " `PUT /identity-management/v3/user-profile/basic-info`"
        checks [EMAIL, SECONDARY_EMAIL];

    UPDATE_MY_MFA = "updateMyMfa", fn update_my_mfa(UpdateMyMfaParams) -> () = "Promise<void>", [204];
        " Set your own multi-factor authentication method."
        route " `PUT /identity-management/v3/user-profile/additionalAuthentication`";

    RESET_MY_MFA = "resetMyMfa", fn reset_my_mfa(Option<ResetMyMfaParams>) -> () = "Promise<void>", [204];
        " Reset your own multi-factor authentication, so you set it up again at your next login."
        route " `PUT /identity-management/v3/user-profile/additionalAuthentication/reset`";

    CHANGE_MY_PASSWORD = "changeMyPassword", fn change_my_password(ChangeMyPasswordParams) -> () = "Promise<void>", [204];
        " Change your own password, giving the current one."
        route " `POST /identity-management/v3/user-profile/change-password`";

    UPDATE_MY_NOTIFICATIONS = "updateMyNotifications", fn update_my_notifications(UpdateMyNotificationsParams) -> Ts<UserNotifications> = "Promise<UserNotifications>", [200];
        " Update your own email notification settings."
        route " `PUT /identity-management/v3/user-profile/notifications`";
}

strict! {
    /// Params of `getMyProfile`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct GetMyProfileParams {
        /// Include your group and role assignments (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub auth_grants: Option<bool>,
        /// Include your notification settings (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notifications: Option<bool>,
        /// Include the actions you can take on your user (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `updateMyProfile`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateMyProfileParams {
        ..account_switch_key,
        /// Your new basic information.
        pub body: UpdateUserBasicInfoRequest,
    }
}

strict! {
    /// Params of `updateMyMfa`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateMyMfaParams {
        ..account_switch_key,
        /// The new method.
        pub body: AdditionalAuthenticationRequest,
    }
}

strict! {
    /// Params of `resetMyMfa`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ResetMyMfaParams {
        ..account_switch_key,
    }
}

strict! {
    /// Params of `changeMyPassword`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ChangeMyPasswordParams {
        ..account_switch_key,
        /// The current and the new password.
        pub body: ChangePasswordRequest,
    }
}

strict! {
    /// Params of `updateMyNotifications`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateMyNotificationsParams {
        ..account_switch_key,
        /// The new settings.
        pub body: NotificationsRequest,
    }
}

strict! {
    /// Your current password, which proves it is you, and the new one. `Debug` shows neither.
    #[derive(Clone, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ChangePasswordRequest {
        /// Your current password.
        pub current_password: String,
        /// The new password.
        pub new_password: String,
    }
}

impl fmt::Debug for ChangePasswordRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChangePasswordRequest")
            .field("current_password", &"<redacted>")
            .field("new_password", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::registry::sent;
    use crate::api::users::AdditionalAuthentication;
    use crate::error::IamErrorKind;
    use crate::request::Request;
    use crate::request::{BaseUrl, Method};
    use serde_json::json;

    fn url(request: &Request) -> String {
        request.url(&BaseUrl::parse("http://127.0.0.1:8600").expect("valid base"))
    }

    fn basic_info(email: Option<&str>) -> UpdateUserBasicInfoRequest {
        let mut body = json!({
            "firstName": "Ada", "lastName": "Lovelace", "country": "UK",
            "preferredLanguage": "English", "sessionTimeOut": 1800, "timeZone": "GMT"
        });
        if let Some(email) = email {
            body["email"] = json!(email);
        }
        serde_json::from_value(body).expect("valid body")
    }

    #[test]
    fn get_my_profile_request_has_no_id_and_every_flag() {
        let request = sent(
            &GET_MY_PROFILE,
            &GetMyProfileParams {
                auth_grants: Some(true),
                notifications: Some(false),
                actions: Some(true),
                account_switch_key: Some("1-5C0YLB:1-8BYUX".into()),
            },
        )
        .expect("valid");
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.expected, [200]);
        assert_eq!(
            url(&request),
            "http://127.0.0.1:8600/identity-management/v3/user-profile\
             ?authGrants=true&notifications=false&actions=true&accountSwitchKey=1-5C0YLB%3A1-8BYUX"
        );
    }

    #[test]
    fn update_my_profile_sends_the_body_and_checks_emails() {
        let params = UpdateMyProfileParams {
            account_switch_key: None,
            body: basic_info(Some("ada@example.com")),
        };
        let request = sent(&UPDATE_MY_PROFILE, &params).expect("valid");
        assert_eq!(request.method, Method::Put);
        assert_eq!(request.path, ["user-profile", "basic-info"]);
        assert_eq!(
            request.body.as_ref().and_then(|b| b.get("email")),
            Some(&json!("ada@example.com"))
        );
        assert_eq!(request.body.as_ref().and_then(|b| b.get("city")), None);

        let bad = UpdateMyProfileParams {
            account_switch_key: None,
            body: basic_info(Some("ada at example")),
        };
        let error = sent(&UPDATE_MY_PROFILE, &bad).expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("body.email"));
        assert_eq!(error.operation, "updateMyProfile");
    }

    #[test]
    fn mfa_and_password_operations_expect_204() {
        let mfa = sent(
            &UPDATE_MY_MFA,
            &UpdateMyMfaParams {
                account_switch_key: None,
                body: AdditionalAuthenticationRequest {
                    value: AdditionalAuthentication::Mfa,
                },
            },
        )
        .expect("valid");
        assert_eq!(mfa.expected, [204]);
        assert_eq!(mfa.body, Some(json!({"value": "MFA"})));
        let reset = sent(&RESET_MY_MFA, &ResetMyMfaParams::default()).expect("valid");
        assert_eq!(
            (reset.method, reset.expected, &reset.body),
            (Method::Put, &[204][..], &None)
        );
        assert_eq!(
            reset.path,
            ["user-profile", "additionalAuthentication", "reset"]
        );
        let password = sent(
            &CHANGE_MY_PASSWORD,
            &ChangeMyPasswordParams {
                account_switch_key: None,
                body: ChangePasswordRequest {
                    current_password: "old".into(),
                    new_password: "new".into(),
                },
            },
        )
        .expect("valid");
        assert_eq!(password.method, Method::Post);
        assert_eq!(password.expected, [204]);
        assert_eq!(
            password.body,
            Some(json!({"currentPassword": "old", "newPassword": "new"}))
        );
    }

    #[test]
    fn passwords_stay_out_of_debug_output() {
        let params = ChangeMyPasswordParams {
            account_switch_key: None,
            body: ChangePasswordRequest {
                current_password: "s3cret-old".into(),
                new_password: "s3cret-new".into(),
            },
        };
        let debug = format!("{params:?}");
        assert!(!debug.contains("s3cret"), "{debug}");
    }

    #[test]
    fn unknown_mfa_value_or_missing_body_field_is_refused() {
        assert!(
            serde_json::from_value::<UpdateMyMfaParams>(json!({"body": {"value": "SMS"}})).is_err()
        );
        assert!(serde_json::from_value::<ChangeMyPasswordParams>(
            json!({"body": {"newPassword": "x"}})
        )
        .is_err());
    }
}
