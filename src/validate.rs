//! Checks of obvious formats, run before any request is sent. Each returns the reason a value is
//! refused; the operation turns it into an `IamError` of kind `validation` naming the field.

use crate::error::IamError;

/// A text that is not empty or whitespace only (names, descriptions, identifiers in bodies).
pub fn not_blank(value: &str) -> Result<(), &'static str> {
    if value.trim().is_empty() {
        Err("must not be empty")
    } else {
        Ok(())
    }
}

/// An email address: one `@`, a non-empty local part, a domain with a dot, no spaces.
pub fn email(value: &str) -> Result<(), &'static str> {
    let (local, domain) = value
        .split_once('@')
        .ok_or("must be an email address (no `@`)")?;
    if local.is_empty()
        || domain.len() < 3
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || value.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("must be an email address such as name@example.com");
    }
    Ok(())
}

/// An IPv4 or IPv6 address or CIDR block (`192.0.2.0/24`, `2001:db8::/32`, `192.0.2.7`).
pub fn cidr(value: &str) -> Result<(), &'static str> {
    let (address, prefix) = match value.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (value, None),
    };
    let max = if address.parse::<std::net::Ipv4Addr>().is_ok() {
        32
    } else if address.parse::<std::net::Ipv6Addr>().is_ok() {
        128
    } else {
        return Err("must be an IPv4 or IPv6 address or CIDR block such as 192.0.2.0/24");
    };
    if let Some(prefix) = prefix {
        let bits: u32 = prefix
            .parse()
            .map_err(|_| "the prefix length after `/` must be a number")?;
        if bits > max || prefix.starts_with('+') || (prefix.len() > 1 && prefix.starts_with('0')) {
            return Err("the prefix length is out of range for the address");
        }
    }
    Ok(())
}

/// Runs `check` on `value` and names `field` of `operation` when it refuses.
pub fn field(
    operation: &str,
    field: &str,
    value: &str,
    check: fn(&str) -> Result<(), &'static str>,
) -> Result<(), IamError> {
    check(value).map_err(|reason| IamError::validation(operation, Some(field), reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+tag@example.com"] {
            assert_eq!(email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "", "a", "@b.co", "a@b", "a@.co", "a b@c.co", "a@b.co.", "a@@b.co",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cidrs() {
        for ok in [
            "192.0.2.0/24",
            "10.0.0.1",
            "0.0.0.0/0",
            "2001:db8::/32",
            "::1/128",
        ] {
            assert_eq!(cidr(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "192.0.2.0/33",
            "300.1.1.1/8",
            "1.2.3/8",
            "::1/129",
            "1.2.3.4/",
            "1.2.3.4/08",
            "x",
        ] {
            assert!(cidr(bad).is_err(), "{bad}");
        }
    }
}
