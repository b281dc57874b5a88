//! Checks of obvious formats, run before any request is sent. Each returns the reason a value is
//! refused; the operation table ([`crate::op`]) turns it into an `IamError` of kind `validation`
//! naming the field.

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

/// The API wants `expiresOn` with sub-second precision: a UTC ISO 8601 timestamp
/// (`YYYY-MM-DDTHH:MM:SS[.f…]Z`) comes back unchanged when it has fractional seconds, and with
/// `.000` added before the `Z` when it has none. Anything else is refused with the reason.
pub fn utc_timestamp_with_millis(value: &str) -> Result<String, &'static str> {
    const REASON: &str =
        "must be a UTC ISO 8601 timestamp such as 2027-01-01T00:00:00Z or 2027-01-01T00:00:00.000Z";
    let stamp = value.strip_suffix('Z').ok_or(REASON)?;
    let (date_time, fraction) = match stamp.split_once('.') {
        Some((date_time, fraction)) => (date_time, Some(fraction)),
        None => (stamp, None),
    };
    let bytes = date_time.as_bytes();
    let shape = bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, byte)| match i {
            4 | 7 => *byte == b'-',
            10 => *byte == b'T',
            13 | 16 => *byte == b':',
            _ => byte.is_ascii_digit(),
        });
    if !shape {
        return Err(REASON);
    }
    // Only ASCII digits and separators from here, so byte slicing is safe.
    let number = |from: usize, to: usize| date_time[from..to].parse::<u32>().map_err(|_| REASON);
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(REASON),
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 59 {
        return Err(REASON);
    }
    match fraction {
        None => Ok(format!("{date_time}.000Z")),
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(value.to_owned())
        }
        Some(_) => Err(REASON),
    }
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
