//! Which API operation a request names, as the path template of the spec
//! (`/user-admin/ui-identities/{uiIdentityId}`): ids never reach a log field or a metric label,
//! so the label sets stay bounded by the operations, whatever the traffic.
//!
//! The templates come from `spec/iam-v3/operations.tsv` (method and path of each of the 96
//! operations), read once.

use std::sync::LazyLock;

use axum::http::Method;

/// The label of a request that names no API operation (another path or another method).
pub const UNMATCHED: &str = "unmatched";

/// The spec's operation table; columns 4 and 5 are the method and the path.
const OPERATIONS_TSV: &str = include_str!("../../../spec/iam-v3/operations.tsv");

/// The API prefix without its trailing slash: templates are relative to it.
const BASE: &str = "/identity-management/v3";

/// More segments than any template has: such a path names no operation.
const MAX_SEGMENTS: usize = 12;

/// One operation: its method, its template and the template's segments.
struct Operation {
    method: &'static str,
    template: &'static str,
    segments: Vec<&'static str>,
    /// How many segments are literal (not `{param}`): the most literal match wins, so
    /// `/api-clients/self` is not taken for `/api-clients/{clientId}`.
    literals: usize,
}

static OPERATIONS: LazyLock<Vec<Operation>> = LazyLock::new(|| {
    OPERATIONS_TSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split('\t').skip(3);
            let (method, template) = (columns.next()?, columns.next()?);
            let segments: Vec<&str> = template.split('/').skip(1).collect();
            let literals = segments.iter().filter(|s| !is_param(s)).count();
            Some(Operation {
                method,
                template,
                segments,
                literals,
            })
        })
        .collect()
});

fn is_param(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// How many operations the table holds (96 for IAM v3).
pub fn operation_count() -> usize {
    OPERATIONS.len()
}

/// The template of the operation `method` on `path` (the request path, without query), or
/// [`UNMATCHED`].
pub fn template(method: &Method, path: &str) -> &'static str {
    let Some(rest) = path.strip_prefix(BASE).filter(|r| r.starts_with('/')) else {
        return UNMATCHED;
    };
    // The request's segments, split once (no template is deeper than MAX_SEGMENTS).
    let mut got = [""; MAX_SEGMENTS];
    let mut count = 0;
    for segment in rest[1..].split('/') {
        if count == MAX_SEGMENTS || segment.is_empty() {
            return UNMATCHED;
        }
        got[count] = segment;
        count += 1;
    }
    let got = &got[..count];
    let method = method.as_str();
    OPERATIONS
        .iter()
        .filter(|op| op.segments.len() == count && op.method == method)
        .filter(|op| {
            op.segments
                .iter()
                .zip(got)
                .all(|(want, got)| is_param(want) || want == got)
        })
        .max_by_key(|op| op.literals)
        .map_or(UNMATCHED, |op| op.template)
}

/// The method as a label: one of the forwarded methods or OPTIONS, else `other` (a method is any
/// token a client makes up).
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_their_parameter_names() {
        let p = "/identity-management/v3";
        assert_eq!(operation_count(), 96);
        assert!(OPERATIONS.iter().all(|op| op.segments.len() < MAX_SEGMENTS));
        assert_eq!(
            template(
                &Method::GET,
                &format!("{p}/user-admin/ui-identities/F-CO-1234")
            ),
            "/user-admin/ui-identities/{uiIdentityId}"
        );
        assert_eq!(
            template(
                &Method::GET,
                &format!("{p}/user-admin/groups/move/1/2/affected-users")
            ),
            "/user-admin/groups/move/{sourceGroupId}/{destinationGroupId}/affected-users"
        );
        assert_eq!(
            template(&Method::GET, &format!("{p}/api-clients/self")),
            "/api-clients/self"
        );
        assert_eq!(
            template(&Method::GET, &format!("{p}/api-clients/abc123")),
            "/api-clients/{clientId}"
        );
        assert_eq!(
            template(&Method::GET, &format!("{p}/user-admin/groups")),
            "/user-admin/groups"
        );
    }

    #[test]
    fn other_paths_and_methods_are_unmatched() {
        let p = "/identity-management/v3";
        for (method, path) in [
            (Method::PATCH, format!("{p}/user-admin/groups")),
            (Method::GET, format!("{p}/user-admin/groups/")),
            (Method::GET, format!("{p}/user-admin/groups/1/x")),
            (Method::GET, format!("{p}/user-admin/ui-identities/")),
            (Method::GET, "/papi/v1/groups".to_owned()),
            (Method::GET, format!("{p}x/user-admin/groups")),
            (Method::GET, String::new()),
        ] {
            assert_eq!(template(&method, &path), UNMATCHED, "{method} {path}");
        }
        assert_eq!(method_label(&Method::PATCH), "other");
    }
}
