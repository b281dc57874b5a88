//! Operations as data: an [`Op`] says everything about one operation (its name, route, params
//! schema, extra checks and success statuses), and [`Op::request`] is the one interpreter that
//! turns a params object into a [`Request`]. Nothing here touches the network, so native tests
//! check every operation against the spec.
//!
//! Params are split by their place in the route: a field named in the path template is a path
//! segment (an absent optional one stands for `self`, as in `/api-clients/self`); `body` is the
//! request body; `scope: "user"` moves a `/user-admin/common` route to `/user-profile/common`;
//! every other field is a query parameter, in declaration order.

use crate::error::IamError;
use crate::request::{Method, Request, API_PREFIX};
use crate::schema::{self, Json, Schema};
use crate::validate;

/// One operation of the IAM API.
#[derive(Debug)]
pub struct Op {
    /// The JS method name, e.g. `getUser`; errors carry it.
    pub name: &'static str,
    /// The route as the method's doc line shows it, e.g.
    /// `` `GET /identity-management/v3/user-admin/ui-identities/{uiIdentityId}` `` (with a
    /// leading space, as doc comments have it).
    pub route: &'static str,
    /// The statuses that mean success; any other is an `http` error.
    pub expected: &'static [u16],
    /// What the success body must be.
    pub shape: crate::shape::Shape,
    /// The params object's schema.
    pub params: &'static Schema,
    /// Checks of values beyond their type (formats, non-blank names, rules across fields).
    pub checks: &'static [Check],
}

/// A check of the value(s) at a path of the params: `body.email`, `body.notificationEmails[]`
/// (each item), `body[].uiIdentityId` (the field of each item). Absent or `null` values pass
/// (the schema says whether they may be absent).
#[derive(Clone, Copy, Debug)]
pub struct Check(pub &'static str, pub Rule);

/// What a [`Check`] asks of a value.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// A text that is not empty or whitespace only.
    NotBlank,
    /// An email address.
    Email,
    /// An IP address or CIDR block.
    Cidr,
    /// At least this many characters; the text says so.
    MinChars(usize, &'static str),
    /// An array with at least one item; the text says why.
    NotEmpty(&'static str),
    /// A UTC timestamp, sent with `.000` added when it has no fractional seconds.
    UtcTimestamp,
    /// A rule across fields of the params: `Err((field, reason))`.
    Custom(fn(&Json) -> Result<(), (&'static str, &'static str)>),
}

impl Op {
    /// The method and the path template after [`API_PREFIX`] (`/user-admin/groups/{groupId}`).
    pub fn method_and_path(&self) -> (Method, &'static str) {
        let route = self.route.trim().trim_matches('`');
        let (method, path) = route.split_once(' ').unwrap_or(("GET", route));
        let method = match method {
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            _ => Method::Get,
        };
        (method, path.strip_prefix(API_PREFIX).unwrap_or(path))
    }

    /// Checks `params` (absent or `null` params are `{}`) and describes the request; a refusal
    /// is a `validation` error naming the field.
    pub fn request(&'static self, params: &Json) -> Result<Request, IamError> {
        let empty = Json::Object(Vec::new());
        let params = if params.is_nothing() { &empty } else { params };
        let mut field = String::new();
        schema::check(self.params, params, &mut field)
            .map_err(|reason| IamError::validation(self.name, Some(&field), reason))?;
        let mut patch = None;
        for Check(path, rule) in self.checks {
            if let Some(normalised) = self.run(path, rule, params)? {
                patch = Some(normalised);
            }
        }
        let (method, template) = self.method_and_path();
        // Params types are structs, so their schema is an object (the spec test checks each).
        let fields = match self.params {
            Schema::Object(fields) => *fields,
            _ => &[],
        };
        let scope_user = params.get("scope").as_str() == Some("user");
        let mut request = Request::new(self, method);
        for segment in template.trim_start_matches('/').split('/') {
            let Some(name) = path_param(segment) else {
                let user_profile = scope_user && segment == "user-admin";
                request.path.push(
                    if user_profile {
                        "user-profile"
                    } else {
                        segment
                    }
                    .into(),
                );
                continue;
            };
            let value = match params.get(name) {
                Json::Num(number) => schema::integer(*number),
                Json::Str(text) => path_segment(self.name, name, text)?,
                _ => "self".to_owned(),
            };
            request.path.push(value.into());
        }
        // Every other field given is a query parameter (only a field that is sent allocates its
        // camelCase name).
        for field in fields {
            if matches!(field.name, "body" | "scope") || in_path(template, field.name) {
                continue;
            }
            let value = match params.field(field.name) {
                Json::Bool(flag) => flag.to_string(),
                Json::Num(number) => schema::integer(*number),
                Json::Str(text) => text.clone(),
                _ => continue,
            };
            request.query.push((schema::camel(field.name), value));
        }
        request.body = !params.get("body").is_nothing();
        request.patch = patch;
        Ok(request)
    }

    /// Runs one check; `Ok(Some(..))` when the body field's value is to be sent normalised.
    fn run(
        &self,
        path: &'static str,
        rule: &Rule,
        params: &Json,
    ) -> Result<Option<(&'static str, String)>, IamError> {
        if let Rule::Custom(check) = rule {
            return check(params)
                .map(|()| None)
                .map_err(|(field, reason)| IamError::validation(self.name, Some(field), reason));
        }
        let mut values = Vec::new();
        select(params, path, &mut String::new(), &mut values);
        let mut patch = None;
        for (field, value) in values {
            let refused = |reason| IamError::validation(self.name, Some(&field), reason);
            match (rule, value) {
                (_, value) if value.is_nothing() => {}
                (Rule::NotEmpty(reason), Json::List(items)) if items.is_empty() => {
                    return Err(refused(reason))
                }
                (Rule::NotEmpty(_), _) => {}
                (rule, Json::Str(text)) => {
                    let normalised = text_rule(rule, text).map_err(refused)?;
                    if let Some(value) = normalised {
                        let name = path.rsplit('.').next().unwrap_or(path);
                        patch = Some((name, value));
                    }
                }
                _ => {}
            }
        }
        Ok(patch)
    }
}

/// The parameter a path template's segment stands for: `uiIdentityId` for `{uiIdentityId}`,
/// `None` for literal text.
pub fn path_param(segment: &str) -> Option<&str> {
    segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
}

/// Whether the path `template` has a `{param}` for the field `snake` (compared by name without
/// building the camelCase one).
pub fn in_path(template: &str, snake: &str) -> bool {
    template
        .split('/')
        .any(|segment| path_param(segment).is_some_and(|param| schema::camel_eq(param, snake)))
}

/// A rule on a string; `Ok(Some(..))` gives the value to send instead.
fn text_rule(rule: &Rule, text: &str) -> Result<Option<String>, &'static str> {
    match rule {
        Rule::NotBlank => validate::not_blank(text).map(|()| None),
        Rule::Email => validate::email(text).map(|()| None),
        Rule::Cidr => validate::cidr(text).map(|()| None),
        Rule::MinChars(min, reason) if text.chars().count() < *min => Err(reason),
        Rule::UtcTimestamp => {
            validate::utc_timestamp_with_millis(text).map(|sent| (sent != text).then_some(sent))
        }
        _ => Ok(None),
    }
}

/// The values at `path` below `value`, each with its field name for errors. `[]` after a segment
/// selects each item of an array; the index is named when the path goes on below the item.
fn select<'a>(value: &'a Json, path: &str, at: &mut String, out: &mut Vec<(String, &'a Json)>) {
    let (segment, rest) = match path.split_once('.') {
        Some((segment, rest)) => (segment, Some(rest)),
        None => (path, None),
    };
    let (name, each) = match segment.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (segment, false),
    };
    let mark = at.len();
    schema::push_name(at, name);
    let value = value.get(name);
    match (each, value, rest) {
        (true, Json::List(items), _) => {
            for (index, item) in items.iter().enumerate() {
                let item_mark = at.len();
                if rest.is_some() {
                    at.push_str(&format!("[{index}]"));
                }
                match rest {
                    Some(rest) => select(item, rest, at, out),
                    None => out.push((at.clone(), item)),
                }
                at.truncate(item_mark);
            }
        }
        (false, value, Some(rest)) => select(value, rest, at, out),
        (_, value, _) => out.push((at.clone(), value)),
    }
    at.truncate(mark);
}

/// A path parameter as sent: not empty, not `.` or `..` (URL parsers would resolve those even
/// when percent-encoded).
fn path_segment(operation: &str, field: &str, value: &str) -> Result<String, IamError> {
    match value {
        "" => Err(IamError::validation(
            operation,
            Some(field),
            "must not be empty",
        )),
        "." | ".." => Err(IamError::validation(
            operation,
            Some(field),
            "must not be `.` or `..`",
        )),
        _ => Ok(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;

    #[test]
    fn path_segment_refuses_empty_and_dot_segments() {
        for bad in ["", ".", ".."] {
            let error = path_segment("getUser", "uiIdentityId", bad).expect_err("refused");
            assert_eq!(error.kind, IamErrorKind::Validation);
            assert_eq!(error.field.as_deref(), Some("uiIdentityId"));
        }
        assert_eq!(
            path_segment("getUser", "uiIdentityId", "...")
                .ok()
                .as_deref(),
            Some("...")
        );
    }

    #[test]
    fn select_names_items_below_a_list_and_lists_themselves() {
        let params = Json::from_serde(&serde_json::json!({
            "body": {"emails": ["a", "b"], "users": [{"id": "x"}, {"id": "y"}]}
        }));
        let mut out = Vec::new();
        select(&params, "body.emails[]", &mut String::new(), &mut out);
        let names: Vec<&str> = out.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["body.emails", "body.emails"]);
        out.clear();
        select(&params, "body.users[].id", &mut String::new(), &mut out);
        let names: Vec<&str> = out.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["body.users[0].id", "body.users[1].id"]);
    }
}
