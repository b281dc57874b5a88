//! The default browser entry's options check (`src/lazy.js`, which its constructor runs when the
//! .wasm is not loaded yet) against the constructor it stands in for, `IamClient::new`, on the
//! same samples: both refuse with the same `IamError` (every field of it), or both take the
//! options and send with the same URL prefix, `accountSwitchKey`, headers and timeout; and the
//! options it keeps make the same client again.

use akamai_iam_wasm::IamClient;
use js_sys::{Array, Function, Reflect};
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// `src/lazy.js`'s `readOptions`, made from the file's text as `scripts/entry-glue.mjs` inlines it
/// into the default entry (its `export`s dropped), here in a function's scope. Not imported as a
/// module: with a fifth snippet module to fetch, the Chromium test page never finished loading
/// (wasm-bindgen-test-runner's server left one of the parallel module requests unanswered, in
/// three runs of three).
fn read_options(given: &JsValue) -> Result<JsValue, JsValue> {
    thread_local! {
        static READ_OPTIONS: Function = {
            let text = include_str!("../../src/lazy.js").replace("\nexport function ", "\nfunction ");
            Function::new_no_args(&format!("{text}\nreturn readOptions;"))
                .call0(&JsValue::UNDEFINED)
                .expect("src/lazy.js evaluates")
                .unchecked_into()
        };
    }
    READ_OPTIONS.with(|read| read.call1(&JsValue::UNDEFINED, given))
}

/// The samples, as JS writes them (undefined, lone surrogates, prototypes and getters included).
const SAMPLES: &str = r#"return [
    { baseUrl: "http://127.0.0.1:8600" },
    { baseUrl: "HTTPS://proxy.example:8443/iam///" },
    { baseUrl: "http://h", accountSwitchKey: "1-ABC:2-DEF", timeoutMs: 5000, retries: 10, retryDelayMs: 0 },
    { baseUrl: "http://h", headers: { "X-Trace": "a", Accept: "text/plain", "a-b": "\u00e9\u00ff", "!#$%&'*+-.^_`|~": "" } },
    { baseUrl: "http://h", accountSwitchKey: null, headers: null, retries: null, rateLimit: null, timeoutMs: undefined },
    { baseUrl: "http://h", rateLimit: { requestsPerSecond: 5 } },
    { baseUrl: "http://h", rateLimit: { requestsPerSecond: 0.5, burst: 3, maxConcurrent: 2 } },
    { baseUrl: "http://h", rateLimit: { requestsPerSecond: 5, burst: null, maxConcurrent: undefined } },
    { baseUrl: "http://h\uD800/x", accountSwitchKey: "k\uDC00" },
    { baseUrl: "http://h", timeoutMs: 4294967295, retryDelayMs: -0 },
    { get baseUrl() { return "http://getter"; } },
    Object.assign(Object.create({ baseUrl: "http://inherited" }), { timeoutMs: 1 }),
    Object.create({ credentials: {} }),
    undefined, null, "http://h", 42, [], () => 1,
    {}, { baseUrl: null }, { baseUrl: 1 }, { baseUrl: "" }, { baseUrl: "ftp://h" }, { baseUrl: "http//h" },
    { baseUrl: "http://" }, { baseUrl: "http:///x" }, { baseUrl: "http://u@h" }, { baseUrl: "http://h?x" },
    { baseUrl: "http://h#x" }, { baseUrl: "http://h /" }, { baseUrl: "http://h\u00a0" }, { baseUrl: "http://h\u0085" },
    { baseUrl: "\uFEFFhttp://h" }, { baseUrl: "http://h\u3000" }, { baseUrl: "http://h\u007f" },
    { base_url: "http://h" }, { baseURL: "http://h" }, { baseUrl: "http://h", extra: 1 },
    { baseUrl: "http://h", credentials: {} }, { baseUrl: "http://h", credentials: null },
    { baseUrl: "http://h", credentials: undefined },
    { baseUrl: "http://h", headers: [] }, { baseUrl: "http://h", headers: "x" }, { baseUrl: "http://h", headers: { X: 1 } },
    { baseUrl: "http://h", headers: { X: undefined } }, { baseUrl: "http://h", headers: { "bad name": "v" } },
    { baseUrl: "http://h", headers: { "": "v" } }, { baseUrl: "http://h", headers: { X: "a\nb" } },
    { baseUrl: "http://h", headers: { X: "\u20ac" } }, { baseUrl: "http://h", headers: { X: "\uD800" } },
    { baseUrl: "http://h", headers: { "\u00e9": "v" } },
    { baseUrl: "http://h", retries: 11 }, { baseUrl: "http://h", retries: -1 }, { baseUrl: "http://h", retries: 1.5 },
    { baseUrl: "http://h", retries: NaN }, { baseUrl: "http://h", retries: "2" }, { baseUrl: "http://h", timeoutMs: 4294967296 },
    { baseUrl: "http://h", retryDelayMs: Infinity }, { baseUrl: "http://h", accountSwitchKey: 7 },
    { baseUrl: "http://h", rateLimit: {} }, { baseUrl: "http://h", rateLimit: { requestsPerSecond: 0 } },
    { baseUrl: "http://h", rateLimit: { requestsPerSecond: -1 } }, { baseUrl: "http://h", rateLimit: { requestsPerSecond: Infinity } },
    { baseUrl: "http://h", rateLimit: { requestsPerSecond: null } }, { baseUrl: "http://h", rateLimit: { requestsPerSecond: 1, burst: 0 } },
    { baseUrl: "http://h", rateLimit: { requestsPerSecond: 1, maxConcurrent: 0 } },
    { baseUrl: "http://h", rateLimit: { requestsPerSecond: 1, other: 1 } }, { baseUrl: "http://h", rateLimit: [] },
    { baseUrl: "http://h", rateLimit: 5 }, { baseUrl: "http://h", rateLimit: { burst: "x" } },
    { retries: "x", extra: 1, baseUrl: "http://h" }, { extra: 1, retries: "x" }, { baseUrl: "ftp://h", retries: 99 },
    { retries: 99, headers: { "bad name": "x" }, baseUrl: "http://h" },
    { retries: 99, rateLimit: { requestsPerSecond: 0 }, baseUrl: "http://h" },
];"#;

/// The IamError fields both must agree on.
const ERROR_FIELDS: [&str; 10] = [
    "name",
    "message",
    "kind",
    "status",
    "operation",
    "problem",
    "field",
    "rateLimited",
    "retryAfterMs",
    "clockSkewSecs",
];

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// What a sample gives: an error's fields, or the fast path's parts (`null` without one).
fn outcome(result: Result<JsValue, JsValue>) -> String {
    let text = |value: &JsValue| {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| format!("{value:?}"))
    };
    match result {
        Err(error) => {
            assert!(error.is_instance_of::<js_sys::Error>(), "{error:?}");
            let fields: Vec<String> = ERROR_FIELDS
                .iter()
                .map(|name| format!("{name}={}", text(&get(&error, name))))
                .collect();
            format!("refused: {}", fields.join(" "))
        }
        Ok(fast) if fast.is_null() => "taken, no fast path".to_owned(),
        Ok(fast) => {
            let parts: Vec<String> = ["prefix", "switchKey", "headers", "timeoutMs"]
                .iter()
                .map(|name| format!("{name}={}", text(&get(&fast, name))))
                .collect();
            format!("taken: {}", parts.join(" "))
        }
    }
}

fn rust(given: &JsValue) -> Result<JsValue, JsValue> {
    IamClient::new(Ts::new_unchecked(given.clone()))
        .map(|client| client.fast())
        .map_err(JsValue::from)
}

fn js(given: &JsValue) -> Result<JsValue, JsValue> {
    read_options(given).map(|read| get(&read, "fast"))
}

#[wasm_bindgen_test]
fn the_entrys_options_check_refuses_and_takes_what_the_constructor_does() {
    let samples: Array = Function::new_no_args(SAMPLES)
        .call0(&JsValue::UNDEFINED)
        .expect("samples")
        .unchecked_into();
    let (mut taken, mut refused) = (0, 0);
    for (at, sample) in samples.iter().enumerate() {
        let wanted = outcome(rust(&sample));
        assert_eq!(outcome(js(&sample)), wanted, "sample {at}");
        if wanted.starts_with("taken") {
            taken += 1;
            // The options the entry keeps make the same client when the .wasm comes.
            let kept = get(&read_options(&sample).expect("taken"), "options");
            assert_eq!(outcome(rust(&kept)), wanted, "sample {at}, options kept");
        } else {
            refused += 1;
        }
    }
    // Every sample above is one or the other, as its place in the list says.
    assert_eq!((taken, refused), (11, 65));
}
