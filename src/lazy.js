// The default browser entry's clients made before the .wasm is loaded (web/index.js, written by
// scripts/entry-glue.mjs, which inlines this file there and nowhere else). The entry does not wait
// for the .wasm: its constructor checks the options here exactly as src/client.rs does
// (tests/common/lazy.rs compares both on the same samples) and throws the same IamError; a call
// with plain params then goes the fast path (src/transport.js) without the .wasm, and anything
// else (another call, an error or a retry to make) first loads it, once for the page, and
// makes the wasm client from the checked options. A fresh page's first result then no longer
// waits for the .wasm's download and compile (BENCHMARKS.md, issue 12).

const OPERATION = "IamClient";
const API_PREFIX = "/identity-management/v3";
const BASE_URL_REQUIRED = "is required: the signing proxy's URL, e.g. http://127.0.0.1:8600";
const CREDENTIALS = "are accepted only by the Node build, which signs requests itself; in a browser, "
    + "set baseUrl to the EdgeGrid signing proxy (iam-proxy), which holds the credentials";
const NOT_HTTP = "must be an http(s) URL, e.g. http://127.0.0.1:8600";
const MAX_RETRIES = 10;

// An IamError as src/error.rs makes one of kind validation (`From<IamError> for JsValue`).
function refused(field, reason) {
    const message = field === null ? `${OPERATION}: invalid params: ${reason}` : `${OPERATION}: invalid ${field}: ${reason}`;
    return Object.assign(new Error(message), {
        name: "IamError", kind: "validation", status: null, operation: OPERATION, problem: null, field,
        rateLimited: false, retryAfterMs: null, clockSkewSecs: null,
    });
}

// A value as src/schema.rs's Json::from_js reads it: a string with lone surrogates replaced.
const text = (value) => (value.isWellFormed?.() === false ? value.toWellFormed() : value);
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// Each option's type, as src/schema.rs checks it: its refusal when `value` is not of it.
const U32 = (value) => (typeof value === "number" && value >= 0 && value <= 4294967295 && Number.isInteger(value)
    ? null : "must be a whole number from 0 to 4294967295");
const STR = (value) => (typeof value === "string" ? null : "must be a string");
const NUM = (value) => (typeof value === "number" && Number.isFinite(value) ? null : "must be a finite number");
const MAP = "map"; // headers: string values under any names
// The fields of an object option, [name, type, required]: rateLimit's, and the options' own.
const RATE_LIMIT = [["requestsPerSecond", NUM, true], ["burst", U32, false], ["maxConcurrent", U32, false]];
const OPTIONS = [
    ["baseUrl", STR, false], ["accountSwitchKey", STR, false], ["headers", MAP, false], ["retries", U32, false],
    ["retryDelayMs", U32, false], ["timeoutMs", U32, false], ["rateLimit", RATE_LIMIT, false],
];

// An object's own enumerable members, read once as Json::from_js reads them (Object.entries).
const members = (object) => Object.entries(object).map(([key, value]) => [text(key), typeof value === "string" ? text(value) : value]);

// Checks `object`'s members against `fields` (`[name, type, required]`) under `path`, as
// schema::check_object does (an unknown key, a value of the wrong type, null standing for absent
// in an optional field, then a required field left out), and returns them as read, nested
// objects included.
function checkObject(object, fields, path) {
    const name = (key) => (path === "" ? key : `${path}.${key}`);
    const seen = new Set();
    const read = {};
    for (const [key, value] of members(object)) {
        const field = fields.find(([each]) => each === key);
        if (field === undefined) throw refused(name(key), "is not a known field");
        if (value === undefined) continue;
        seen.add(key);
        const [, type, required] = field;
        read[key] = value;
        if (value === null && !required) continue;
        if (type === MAP) {
            if (!isObject(value)) throw refused(name(key), "must be an object");
            read[key] = members(value);
            for (const [header, each] of read[key]) {
                if (typeof each !== "string") throw refused(`${name(key)}.${header}`, "must be a string");
            }
        } else if (Array.isArray(type)) {
            if (!isObject(value)) throw refused(name(key), "must be an object");
            read[key] = checkObject(value, type, name(key));
        } else {
            const why = type(value);
            if (why !== null) throw refused(name(key), why);
        }
    }
    const missing = fields.find(([each, , required]) => required && !seen.has(each));
    if (missing !== undefined) throw refused(name(missing[0]), "is required");
    return read;
}

// BaseUrl::parse (src/request.rs): the URL without its trailing slashes, or the refusal.
const SPACE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
function baseUrl(url) {
    if (SPACE.test(url)) return [null, "must not contain whitespace"];
    const schemeEnd = url.indexOf("://");
    if (schemeEnd < 0 || !["http", "https"].includes(url.slice(0, schemeEnd).replace(/[A-Z]/g, (c) => c.toLowerCase()))) {
        return [null, NOT_HTTP];
    }
    if (/[?#]/.test(url)) return [null, "must not have a query or fragment"];
    const authority = url.slice(schemeEnd + 3).split("/")[0];
    if (authority === "") return [null, "must name a host"];
    if (authority.includes("@")) return [null, "must not contain user info"];
    return [url.replace(/\/+$/, ""), null];
}

// check_header (src/request.rs).
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
function headerRefusal(name, value) {
    if (!TOKEN.test(name)) return "header names must be HTTP tokens";
    if (/[\u0000\r\n]|[^\u0000-\u00ff]/.test(value)) return "header values must be Latin-1 without NUL, CR or LF";
    return null;
}

// IamClient's constructor's checks, in its order (src/client.rs: refuse_credentials,
// ClientOptions::read, IamClient::with_signer): the options as read, and what the client's fast
// path sends with (null for a client with a rate limit, whose calls all take the Rust path).
// Throws the IamError the constructor throws.
export function readOptions(given) {
    let credentials;
    try {
        credentials = Reflect.get(given, "credentials");
    } catch {
        credentials = undefined; // not an object: refused below
    }
    if (credentials !== undefined) throw refused("credentials", CREDENTIALS);
    if (!isObject(given)) throw refused(null, "must be an object");
    const read = checkObject(given, OPTIONS, "");
    const option = (name) => read[name] ?? undefined;
    const url = option("baseUrl");
    if (url === undefined) throw refused("baseUrl", BASE_URL_REQUIRED);
    const [base, why] = baseUrl(url);
    if (why !== null) throw refused("baseUrl", why);
    const headers = option("headers") ?? [];
    for (const [name, value] of headers) {
        const refusal = headerRefusal(name, value);
        if (refusal !== null) throw refused("headers", refusal);
    }
    headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const retries = option("retries");
    if (retries > MAX_RETRIES) throw refused("retries", `must be at most ${MAX_RETRIES}`);
    let rateLimit = option("rateLimit");
    if (rateLimit !== undefined) {
        const { requestsPerSecond: rate, burst, maxConcurrent } = rateLimit;
        if (!(rate > 0)) throw refused("rateLimit.requestsPerSecond", "must be a positive number");
        if ((burst ?? 1) < 1) throw refused("rateLimit.burst", "must be at least 1");
        if (maxConcurrent === 0) throw refused("rateLimit.maxConcurrent", "must be at least 1");
        rateLimit = { requestsPerSecond: rate, burst: burst ?? undefined, maxConcurrent: maxConcurrent ?? undefined };
    }
    const options = {
        baseUrl: url, accountSwitchKey: option("accountSwitchKey"), headers: Object.fromEntries(headers),
        retries, retryDelayMs: option("retryDelayMs"), timeoutMs: option("timeoutMs"), rateLimit,
    };
    const sent = { Accept: "application/json" };
    for (const [name, value] of headers) sent[name] = value;
    const fast = rateLimit !== undefined ? null : {
        prefix: base + API_PREFIX, switchKey: options.accountSwitchKey, headers: sent,
        timeoutMs: options.timeoutMs ?? 0,
    };
    return { options, fast };
}
