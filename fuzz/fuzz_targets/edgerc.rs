//! `.edgerc` parsing on arbitrary text.
//!
//! Oracles: [`Edgerc::parse`] never panics, nor does reading credentials from any section; and a
//! parsed file written back out (one `[section]` and `key = value` line per entry, values quoted
//! when they need it, by the syntax the module documents) parses again to the same sections, keys
//! and values, hence the same credentials for every section.
#![no_main]

use edgegrid::edgerc::Edgerc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = Edgerc::parse(text) else {
        return;
    };
    let written = write(&parsed);
    let again = match Edgerc::parse(&written) {
        Ok(again) => again,
        Err(e) => panic!("the written file does not parse: {e}\n--- written:\n{written}"),
    };
    assert_eq!(
        sections(&parsed),
        sections(&again),
        "sections or values changed\n--- written:\n{written}"
    );
    for section in parsed.sections() {
        assert_eq!(
            parsed.credentials(&section),
            again.credentials(&section),
            "credentials of [{section}] changed\n--- written:\n{written}"
        );
    }
});

/// Every section with its keys and values (through the public API only).
fn sections(rc: &Edgerc) -> Vec<(String, Vec<(String, String)>)> {
    rc.sections()
        .into_iter()
        .map(|s| {
            let keys = KEYS
                .iter()
                .filter_map(|k| rc.get(&s, k).map(|v| ((*k).to_owned(), v.to_owned())))
                .collect();
            (s, keys)
        })
        .collect()
}

/// The keys the credentials are read from.
const KEYS: [&str; 7] = [
    "host",
    "client_token",
    "client_secret",
    "access_token",
    "max_body",
    "headers_to_sign",
    "account_key",
];

/// Writes the file back out: values are bare when the documented syntax keeps them as they are
/// (no surrounding whitespace, no leading quote, no `;` or `#` after whitespace), otherwise in a
/// quote character they do not contain.
fn write(rc: &Edgerc) -> String {
    let mut out = String::new();
    for section in rc.sections() {
        out.push_str(&format!("[{section}]\n"));
        for key in KEYS {
            let Some(value) = rc.get(&section, key) else {
                continue;
            };
            let bare = value.trim() == value
                && !value.starts_with(['"', '\''])
                && !value
                    .as_bytes()
                    .windows(2)
                    .any(|w| w[0].is_ascii_whitespace() && matches!(w[1], b';' | b'#'));
            let line = if bare {
                format!("{key} = {value}\n")
            } else if !value.contains('"') {
                format!("{key} = \"{value}\"\n")
            } else {
                format!("{key} = '{value}'\n")
            };
            out.push_str(&line);
        }
    }
    out
}
