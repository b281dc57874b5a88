//! The `.edgerc` file: an INI file with one credential set per `[section]`.
//!
//! Parsing is pure: [`Edgerc::parse`] takes the text, [`load`] takes the text and a function that
//! reads environment variables, so callers decide where both come from.
//!
//! Accepted syntax: `[section]` lines; `key = value` lines; full-line comments starting with `;` or
//! `#`; inline comments after whitespace (`key = value ; note`); values in matching single or double
//! quotes; `-` in keys read as `_` (`max-body` is `max_body`). Error messages name the line, section
//! or key and never repeat a value that could be a secret.

use std::collections::BTreeMap;
use std::fmt;

use crate::credentials::normalize_host;
use crate::{Credentials, Secret, DEFAULT_MAX_BODY};

/// A parsed `.edgerc`: sections with their keys (lower case, `-` read as `_`) and values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Edgerc {
    sections: BTreeMap<String, BTreeMap<String, String>>,
}

impl fmt::Debug for Edgerc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values may be secrets: show only the structure.
        let shape: BTreeMap<&str, Vec<&str>> = self
            .sections
            .iter()
            .map(|(s, kv)| (s.as_str(), kv.keys().map(String::as_str).collect()))
            .collect();
        f.debug_struct("Edgerc").field("sections", &shape).finish()
    }
}

/// Why an `.edgerc` (or the environment) gave no usable credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EdgercError {
    /// A line that is not a section, a `key = value` pair or a comment.
    Syntax {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The requested section is not in the file.
    NoSuchSection {
        /// The section asked for.
        section: String,
        /// The sections the file has.
        available: Vec<String>,
    },
    /// Required keys are missing from the section.
    Missing {
        /// The section.
        section: String,
        /// The missing keys.
        keys: Vec<&'static str>,
    },
    /// A key has a value that cannot be used.
    Invalid {
        /// The section.
        section: String,
        /// The key.
        key: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Neither a file nor a complete set of environment variables was given.
    NoSource {
        /// The section asked for.
        section: String,
    },
}

impl fmt::Display for EdgercError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EdgercError::Syntax { line, message } => write!(f, ".edgerc line {line}: {message}"),
            EdgercError::NoSuchSection { section, available } => write!(
                f,
                ".edgerc has no section [{section}] (sections: {})",
                if available.is_empty() {
                    "none".to_owned()
                } else {
                    available.join(", ")
                }
            ),
            EdgercError::Missing { section, keys } => write!(
                f,
                ".edgerc section [{section}] is missing required key{} {}",
                if keys.len() == 1 { "" } else { "s" },
                keys.join(", ")
            ),
            EdgercError::Invalid {
                section,
                key,
                message,
            } => write!(f, ".edgerc section [{section}] key {key}: {message}"),
            EdgercError::NoSource { section } => write!(
                f,
                "no .edgerc file and no complete AKAMAI_{}HOST/CLIENT_TOKEN/CLIENT_SECRET/ACCESS_TOKEN environment variables",
                env_prefix_infix(section)
            ),
        }
    }
}

impl std::error::Error for EdgercError {}

fn env_prefix_infix(section: &str) -> String {
    if section == "default" {
        String::new()
    } else {
        format!("{}_", section.to_ascii_uppercase().replace('-', "_"))
    }
}

/// Strips an inline comment (`;` or `#` after whitespace) and matching quotes from a raw value.
fn clean_value(raw: &str, line: usize) -> Result<String, EdgercError> {
    let raw = raw.trim();
    if let Some(q) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let inner = &raw[1..];
        let end = inner.find(q).ok_or_else(|| EdgercError::Syntax {
            line,
            message: format!("value opens a {q} quote that is never closed"),
        })?;
        let after = inner[end + 1..].trim_start();
        if !(after.is_empty() || after.starts_with(';') || after.starts_with('#')) {
            return Err(EdgercError::Syntax {
                line,
                message: "text after the closing quote".into(),
            });
        }
        return Ok(inner[..end].to_owned());
    }
    let mut cut = raw.len();
    let bytes = raw.as_bytes();
    for i in 1..bytes.len() {
        if (bytes[i] == b';' || bytes[i] == b'#') && bytes[i - 1].is_ascii_whitespace() {
            cut = i;
            break;
        }
    }
    Ok(raw[..cut].trim_end().to_owned())
}

impl Edgerc {
    /// Parses the text of an `.edgerc` file.
    pub fn parse(text: &str) -> Result<Edgerc, EdgercError> {
        let mut sections: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for (idx, line) in text.lines().enumerate() {
            let n = idx + 1;
            let t = line.trim().trim_start_matches('\u{feff}');
            if t.is_empty() || t.starts_with(';') || t.starts_with('#') {
                continue;
            }
            if let Some(rest) = t.strip_prefix('[') {
                let name = rest
                    .split_once(']')
                    .map(|(name, _)| name.trim())
                    .filter(|name| !name.is_empty())
                    .ok_or_else(|| EdgercError::Syntax {
                        line: n,
                        message: "section header must look like [name]".into(),
                    })?;
                sections.entry(name.to_owned()).or_default();
                current = Some(name.to_owned());
                continue;
            }
            let (key, value) = t.split_once('=').ok_or_else(|| EdgercError::Syntax {
                line: n,
                message: "expected `key = value`, a [section] or a comment".into(),
            })?;
            let key = key.trim().to_ascii_lowercase().replace('-', "_");
            if key.is_empty() {
                return Err(EdgercError::Syntax {
                    line: n,
                    message: "empty key before `=`".into(),
                });
            }
            let section = current.as_ref().ok_or_else(|| EdgercError::Syntax {
                line: n,
                message: format!("key `{key}` appears before any [section]"),
            })?;
            let value = clean_value(value, n)?;
            sections
                .entry(section.clone())
                .or_default()
                .insert(key, value);
        }
        Ok(Edgerc { sections })
    }

    /// The section names, sorted.
    pub fn sections(&self) -> Vec<String> {
        self.sections.keys().cloned().collect()
    }

    /// A raw value, if present (keys are matched after lower-casing and `-` → `_`).
    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        let key = key.to_ascii_lowercase().replace('-', "_");
        self.sections.get(section)?.get(&key).map(String::as_str)
    }

    /// The credentials of one section, validated.
    pub fn credentials(&self, section: &str) -> Result<Credentials, EdgercError> {
        let kv = self
            .sections
            .get(section)
            .ok_or_else(|| EdgercError::NoSuchSection {
                section: section.to_owned(),
                available: self.sections(),
            })?;
        build(section, |k| kv.get(k).cloned())
    }
}

/// Builds credentials from a key lookup (`host`, `client_token`, ... in `.edgerc` spelling).
fn build(section: &str, get: impl Fn(&str) -> Option<String>) -> Result<Credentials, EdgercError> {
    const REQUIRED: [&str; 4] = ["host", "client_token", "client_secret", "access_token"];
    let missing: Vec<&'static str> = REQUIRED
        .into_iter()
        .filter(|k| get(k).is_none_or(|v| v.trim().is_empty()))
        .collect();
    if !missing.is_empty() {
        return Err(EdgercError::Missing {
            section: section.to_owned(),
            keys: missing,
        });
    }
    let invalid = |key: &'static str, message: String| EdgercError::Invalid {
        section: section.to_owned(),
        key,
        message,
    };
    let value = |k: &str| get(k).unwrap_or_default();
    let host = normalize_host(&value("host"));
    if host.is_empty()
        || host
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '/' | '?' | '#' | '@'))
    {
        return Err(invalid(
            "host",
            "must be a hostname such as akab-xxxx.luna.akamaiapis.net (no path, query or spaces)"
                .into(),
        ));
    }
    let max_body = match get("max_body") {
        None => DEFAULT_MAX_BODY,
        Some(v) => v.trim().parse::<usize>().map_err(|_| {
            invalid(
                "max_body",
                format!("`{}` is not a whole number of bytes", v.trim()),
            )
        })?,
    };
    let headers_to_sign = get("headers_to_sign")
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(Credentials {
        host,
        client_token: value("client_token").trim().to_owned(),
        client_secret: Secret::new(value("client_secret").trim()),
        access_token: Secret::new(value("access_token").trim()),
        max_body,
        headers_to_sign,
        account_key: get("account_key")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty()),
    })
}

/// Credentials from `AKAMAI_[SECTION_]HOST`, `_CLIENT_TOKEN`, `_CLIENT_SECRET`, `_ACCESS_TOKEN`
/// (and optional `_MAX_BODY`, `_ACCOUNT_KEY`, `_HEADERS_TO_SIGN`), when all four required ones are set.
/// `None` when any required variable is absent, so the caller falls back to the file.
pub fn credentials_from_env(
    section: &str,
    env: impl Fn(&str) -> Option<String>,
) -> Option<Result<Credentials, EdgercError>> {
    let prefix = format!("AKAMAI_{}", env_prefix_infix(section));
    let var = |k: &str| env(&format!("{prefix}{}", k.to_ascii_uppercase()));
    let complete = ["host", "client_token", "client_secret", "access_token"]
        .iter()
        .all(|k| var(k).is_some_and(|v| !v.is_empty()));
    complete.then(|| build(section, var))
}

/// Loads the credentials of `section`: from the environment when all four required variables are
/// set (as Node and Go do), otherwise from the `.edgerc` text.
pub fn load(
    edgerc_text: Option<&str>,
    section: &str,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Credentials, EdgercError> {
    if let Some(found) = credentials_from_env(section, env) {
        return found;
    }
    match edgerc_text {
        Some(text) => Edgerc::parse(text)?.credentials(section),
        None => Err(EdgercError::NoSource {
            section: section.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_comments_quotes_and_dashes() {
        let text = "; top comment\n# another\n[a]\nhost = 'akab-h.luna.akamaiapis.net/' ; trailing\nclient-token = ct # note\nclient_secret = s=;x\naccess_token=\"at ; not a comment\"\nmax-body = 2048\naccount_key = 1-ABC\n";
        let c = Edgerc::parse(text).unwrap().credentials("a").unwrap();
        assert_eq!(c.host, "akab-h.luna.akamaiapis.net");
        assert_eq!(c.client_token, "ct");
        assert_eq!(c.client_secret.expose(), "s=;x");
        assert_eq!(c.access_token.expose(), "at ; not a comment");
        assert_eq!(c.max_body, 2048);
        assert_eq!(c.account_key.as_deref(), Some("1-ABC"));
    }

    #[test]
    fn env_wins_when_complete() {
        let env = |k: &str| match k {
            "AKAMAI_PROD_HOST" => Some("env.host".to_owned()),
            "AKAMAI_PROD_CLIENT_TOKEN" => Some("ct".to_owned()),
            "AKAMAI_PROD_CLIENT_SECRET" => Some("cs".to_owned()),
            "AKAMAI_PROD_ACCESS_TOKEN" => Some("at".to_owned()),
            "AKAMAI_PROD_MAX_BODY" => Some("10".to_owned()),
            _ => None,
        };
        let c = load(None, "prod", env).unwrap();
        assert_eq!((c.host.as_str(), c.max_body), ("env.host", 10));
        assert!(matches!(
            load(None, "default", env),
            Err(EdgercError::NoSource { .. })
        ));
    }

    #[test]
    fn syntax_errors_name_the_line_and_hide_values() {
        let err = Edgerc::parse("[a]\nhost = x\nthis-is-SECRET-garbage\n").unwrap_err();
        assert!(err.to_string().contains("line 3"));
        assert!(!err.to_string().contains("SECRET"));
        assert!(Edgerc::parse("host = x\n").is_err());
        assert!(Edgerc::parse("[a]\nhost = \"unclosed\n").is_err());
        let missing = Edgerc::parse("[a]\nhost = x\n")
            .unwrap()
            .credentials("b")
            .unwrap_err();
        assert_eq!(
            missing.to_string(),
            ".edgerc has no section [b] (sections: a)"
        );
    }
}
