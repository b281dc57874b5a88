// The JS half of the transport (src/transport.rs binds it): the call's abort state, one fetch
// attempt for the Rust retry loop, and the JS-driven path (`quick`, and `fast` before it: see
// src/fast.rs), which sends a call and resolves its success without entering wasm again.
//
// CallSignal: one call's abort state, the caller's signal and the client's timeout folded into one
// controller, plus an abortable sleep for the backoff between retries. Plain JS so it behaves the
// same in browsers and Node (whose timers are objects, not numbers).
export class CallSignal {
    constructor(signal, timeoutMs) {
        this.controller = new AbortController();
        this.timedOut = false;
        this.user = signal ?? null;
        this.onAbort = () => this.controller.abort(this.user.reason);
        if (this.user !== null) {
            if (this.user.aborted) this.controller.abort(this.user.reason);
            else this.user.addEventListener("abort", this.onAbort, { once: true });
        }
        this.timer = timeoutMs > 0
            ? setTimeout(() => { this.timedOut = true; this.controller.abort(); }, timeoutMs)
            : null;
    }
    get signal() { return this.controller.signal; }
    get aborted() { return this.controller.signal.aborted; }
    sleep(ms) {
        const signal = this.controller.signal;
        return new Promise((resolve) => {
            if (signal.aborted) { resolve(); return; }
            const done = () => { clearTimeout(timer); signal.removeEventListener("abort", done); resolve(); };
            const timer = setTimeout(done, ms);
            signal.addEventListener("abort", done, { once: true });
        });
    }
    dispose() {
        if (this.timer !== null) clearTimeout(this.timer);
        if (this.user !== null) this.user.removeEventListener("abort", this.onAbort);
    }
}

// Runs `start` in a microtask, once the wasm call that asked for it has returned: in Chromium a
// fetch started with wasm frames on the stack costs about 0.05 ms more (bench/browser, paired).
const later = (start) => Promise.resolve().then(start);

// One attempt: fetch, then the body as text (kept in JS; `json()` parses it on success).
export function attempt(url, method, headers, body, signal) {
    return later(() => fetch(url, { method, headers, body, signal }))
        .then((response) => response.text().then((text) => new Reply(response, text)));
}

// The common call, driven by JS (clients without a signer or a rate limit): one attempt, and a
// success with a body of the operation's shape resolves here without entering wasm again.
// Anything else (another status, a network error, an abort, a body that is not JSON or not of
// the shape) goes to `resume(op, params, body, reply, error, call)`, the Rust retry loop, which
// goes on from this attempt and makes the outcome or the IamError.
const METHODS = ["GET", "POST", "PUT", "DELETE"];
export function quick(url, method, headers, body, signal, timeoutMs, ok, ok2, shape, resume, op, params) {
    // Without a signal or a timeout nothing can abort the call: no controller until a retry.
    const call = signal == null && timeoutMs === 0 ? null : new CallSignal(signal, timeoutMs);
    const back = (reply, error) => resume(op, params, body, reply, error, call ?? new CallSignal(null, 0));
    if (call !== null && call.aborted) return back(undefined, undefined); // nothing sent
    const init = { method: METHODS[method], headers, body, signal: call?.signal };
    return later(() => fetch(url, init)).then((response) => response.text().then((text) => {
        if (response.status === ok || response.status === ok2) {
            let value;
            try {
                value = parseBody(text);
            } catch {
                return back(new Reply(response, text), undefined);
            }
            if (shaped(value, shape)) {
                if (call !== null) call.dispose();
                return shape === 0 ? undefined : value;
            }
        }
        return back(new Reply(response, text), undefined);
    }, (error) => back(undefined, error)), (error) => back(undefined, error));
}

// Shape (src/shape.rs): 0 nothing, 1 object, 2 object or no body, 3 objects, 4 strings.
function shaped(value, shape) {
    const object = (v) => typeof v === "object" && v !== null;
    switch (shape) {
        case 0: return true;
        case 1: return object(value);
        case 2: return value === undefined || object(value);
        case 3: return Array.isArray(value) && value.every(object);
        default: return Array.isArray(value) && value.every((v) => typeof v === "string");
    }
}

class Reply {
    constructor(response, text) {
        this.status = response.status;
        this.statusText = response.statusText;
        this.retryAfter = response.headers.get("Retry-After");
        this.rateLimitNext = response.headers.get("X-RateLimit-Next");
        this.date = response.headers.get("Date");
        this.text = text;
    }
    json() { return parseBody(this.text); }
}

// A body as JSON.parse reads it; `undefined` when it is empty.
function parseBody(text) {
    return text.trim() === "" ? undefined : JSON.parse(text);
}

// The fast path (src/fast.rs): a call whose params are plain (strings, whole numbers, booleans,
// enum values) has its URL built here from its operation's plan, without entering wasm again.
// It takes a subset of what the Rust interpreter (Op::request) accepts and builds the same URL
// (tests/common/fast.rs checks both on every operation); anything else, including every params
// object it refuses, goes the Rust way, which checks it and names the field.
// PLAN_DATA[op] is the plan of the operation at that place of the table (src/api), null for one
// it does not take (a body, a scope, a check beyond the types); PLANS[op] the same made ready
// for use at its first call.
// BEGIN PLANS: generated by src/fast.rs from the operation table; do not edit (UPDATE_PLANS=1 cargo test --lib fast:: rewrites it).
const PLAN_DATA = [
    ["listApiClients",0,["/api-clients"],[["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    null,
    ["getApiClient",0,["/api-clients/","clientId",""],[["clientId",0,1,0],["actions",2,1,0],["groupAccess",2,1,0],["apiAccess",2,1,0],["credentials",2,1,0],["ipAcl",2,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    ["deleteApiClient",3,["/api-clients/","clientId",""],[["clientId",0,1,0],["accountSwitchKey",0,1,0]],204,0,0],
    ["lockApiClient",2,["/api-clients/","clientId","/lock"],[["clientId",0,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    ["unlockApiClient",2,["/api-clients/","clientId","/unlock"],[["clientId",0,0,1],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    ["listAuthorizedUsers",0,["/users"],[["accountSwitchKey",0,1,0]],200,0,3],
    ["listAllowedApis",0,["/users/","username","/allowed-apis"],[["username",0,0,1],["clientType",3,1,0,["CLIENT","USER_CLIENT","SERVICE_ACCOUNT"]],["allowAccountSwitch",2,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    null,
    ["listAccessibleGroups",0,["/users/","username","/group-access"],[["username",0,0,1],["accountSwitchKey",0,1,0]],200,0,3],
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    ["listCredentials",0,["/api-clients/","clientId","/credentials"],[["clientId",0,1,0],["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    ["getCredential",0,["/api-clients/","clientId","/credentials/","credentialId",""],[["clientId",0,1,0],["credentialId",1,0,1],["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    ["createCredential",1,["/api-clients/","clientId","/credentials"],[["clientId",0,1,0],["accountSwitchKey",0,1,0]],201,0,1],
    null,
    ["deleteCredential",3,["/api-clients/","clientId","/credentials/","credentialId",""],[["clientId",0,1,0],["credentialId",1,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    ["deactivateCredential",1,["/api-clients/","clientId","/credentials/","credentialId","/deactivate"],[["clientId",0,1,0],["credentialId",1,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    ["deactivateCredentials",1,["/api-clients/","clientId","/credentials/deactivate"],[["clientId",0,1,0],["accountSwitchKey",0,1,0]],204,0,0],
    ["listGroups",0,["/user-admin/groups"],[["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    ["getGroup",0,["/user-admin/groups/","groupId",""],[["groupId",1,0,1],["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    null,
    ["removeGroup",3,["/user-admin/groups/","groupId",""],[["groupId",1,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    null,
    ["listAffectedUsers",0,["/user-admin/groups/move/","sourceGroupId","/","destinationGroupId","/affected-users"],[["sourceGroupId",1,0,1],["destinationGroupId",1,0,1],["userType",3,1,0,["lostAccess","gainAccess"]],["accountSwitchKey",0,1,0]],200,0,3],
    ["listCidrBlocks",0,["/user-admin/ip-acl/allowlist"],[["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    ["getCidrBlock",0,["/user-admin/ip-acl/allowlist/","cidrBlockId",""],[["cidrBlockId",1,0,1],["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    null,
    ["deleteCidrBlock",3,["/user-admin/ip-acl/allowlist/","cidrBlockId",""],[["cidrBlockId",1,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    null,
    ["getIpAllowlistStatus",0,["/user-admin/ip-acl/allowlist/status"],[["accountSwitchKey",0,1,0]],200,0,1],
    ["enableIpAllowlist",1,["/user-admin/ip-acl/allowlist/enable"],[["accountSwitchKey",0,1,0]],204,0,0],
    ["disableIpAllowlist",1,["/user-admin/ip-acl/allowlist/disable"],[["accountSwitchKey",0,1,0]],204,0,0],
    ["listProperties",0,["/user-admin/properties"],[["groupId",1,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    ["getProperty",0,["/user-admin/properties/","assetId",""],[["assetId",1,0,1],["groupId",1,0,1],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    ["getPropertyResources",0,["/user-admin/properties/","assetId","/resources"],[["assetId",1,0,1],["groupId",1,0,1],["accountSwitchKey",0,1,0]],200,0,3],
    ["listUsersForProperty",0,["/user-admin/properties/","assetId","/users"],[["assetId",1,0,1],["userType",3,1,0,["lostAccess","gainAccess"]],["accountSwitchKey",0,1,0]],200,0,3],
    null,
    ["listRoles",0,["/user-admin/roles"],[["groupId",1,1,0],["actions",2,1,0],["users",2,1,0],["ignoreContext",2,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    ["getRole",0,["/user-admin/roles/","roleId",""],[["roleId",1,0,1],["actions",2,1,0],["grantedRoles",2,1,0],["users",2,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    null,
    ["deleteRole",3,["/user-admin/roles/","roleId",""],[["roleId",1,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    ["listGrantableRoles",0,["/user-admin/roles/grantable-roles"],[["accountSwitchKey",0,1,0]],200,0,3],
    ["getMyProfile",0,["/user-profile"],[["authGrants",2,1,0],["notifications",2,1,0],["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    null,
    ["resetMyMfa",2,["/user-profile/additionalAuthentication/reset"],[["accountSwitchKey",0,1,0]],204,0,0],
    null,
    null,
    ["listUsers",0,["/user-admin/ui-identities"],[["groupId",1,1,0],["authGrants",2,1,0],["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,3],
    ["getUser",0,["/user-admin/ui-identities/","uiIdentityId",""],[["uiIdentityId",0,0,1],["authGrants",2,1,0],["notifications",2,1,0],["actions",2,1,0],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    null,
    ["removeUser",3,["/user-admin/ui-identities/","uiIdentityId",""],[["uiIdentityId",0,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    null,
    ["listBlockedProperties",0,["/user-admin/ui-identities/","uiIdentityId","/groups/","groupId","/blocked-properties"],[["uiIdentityId",0,0,1],["groupId",1,0,1],["accountSwitchKey",0,1,0]],200,0,1],
    null,
    ["lockUser",1,["/user-admin/ui-identities/","uiIdentityId","/lock"],[["uiIdentityId",0,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    ["unlockUser",1,["/user-admin/ui-identities/","uiIdentityId","/unlock"],[["uiIdentityId",0,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    ["resetUserPassword",1,["/user-admin/ui-identities/","uiIdentityId","/reset-password"],[["uiIdentityId",0,0,1],["sendEmail",2,1,0],["accountSwitchKey",0,1,0]],200,204,2],
    null,
    null,
    ["resetUserMfa",2,["/user-admin/ui-identities/","uiIdentityId","/additionalAuthentication/reset"],[["uiIdentityId",0,0,1],["accountSwitchKey",0,1,0]],204,0,0],
    null,
];
// END PLANS
const PLANS = [];
// The place of each operation with a plan, by its JS method name.
const NAMED = new Map();
PLAN_DATA.forEach((data, op) => { if (data !== null) NAMED.set(data[0], op); });
function planOf(op) {
    const data = PLAN_DATA[op];
    if (data == null) return undefined;
    let plan = PLANS[op];
    if (plan === undefined) {
        const [name, method, path, fields, ok, ok2, shape] = data;
        const inPath = new Set(path.filter((_, at) => at % 2 === 1));
        plan = {
            name, method, path, ok, ok2, shape,
            fields: new Map(fields.map(([field, kind, optional, , values]) => [field, { kind, optional: optional === 1, values }])),
            required: fields.filter((field) => field[3] === 1).map((field) => field[0]),
            query: fields.map((field) => field[0]).filter((field) => !inPath.has(field)),
        };
        PLANS[op] = plan;
    }
    return plan;
}

// Whether `text` has only RFC 3986 unreserved characters (`~` only if `tilde`): sent as it is,
// and well-formed. The common case (IDs, names): a loop here costs less than the first
// encodeURIComponent and regular expression of a call (BENCHMARKS.md, issue 12).
function unreserved(text, tilde) {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
            || c === 45 || c === 46 || c === 95 || (tilde && c === 126))) return false;
    }
    return true;
}
const hex = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
// A path segment: everything but RFC 3986's unreserved characters percent-encoded.
const segment = (text) => (unreserved(text, true) ? text : encodeURIComponent(text).replace(/[!'()*]/g, hex));
// A query value, application/x-www-form-urlencoded as the url crate writes it.
const form = (text) => (unreserved(text, false) ? text
    : encodeURIComponent(text).replace(/[!'()~]|%20/g, (c) => (c === "%20" ? "+" : hex(c))));

// A field's value as sent, or undefined when the fast path does not take it.
function sent(field, value) {
    switch (field.kind) {
        case 0: return typeof value === "string" && (unreserved(value, true) || value.isWellFormed?.() === true)
            ? value : undefined;
        case 1: return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
        case 2: return typeof value === "boolean" ? String(value) : undefined;
        default: return typeof value === "string" && field.values.includes(value) ? value : undefined;
    }
}

// The URL of a call of `op` with `params`, or undefined for the Rust path.
export function fastUrl(op, prefix, switchKey, params) {
    const plan = planOf(op);
    if (plan === undefined) return undefined;
    try {
        const given = params ?? {};
        if (typeof given !== "object" || Array.isArray(given)) return undefined;
        const proto = Object.getPrototypeOf(given);
        if (proto !== Object.prototype && proto !== null) return undefined;
        const values = new Map();
        for (const key of Object.keys(given)) {
            const field = plan.fields.get(key);
            if (field === undefined) return undefined;
            const value = given[key];
            if (value === undefined || (value === null && field.optional)) continue;
            const text = sent(field, value);
            if (text === undefined) return undefined;
            values.set(key, text);
        }
        for (const name of plan.required) if (!values.has(name)) return undefined;
        let url = prefix + plan.path[0];
        for (let at = 1; at < plan.path.length; at += 2) {
            const value = values.get(plan.path[at]) ?? "self";
            if (value === "" || value === "." || value === "..") return undefined;
            url += segment(value) + plan.path[at + 1];
        }
        let query = "";
        const add = (name, value) => { query += `${query === "" ? "?" : "&"}${name}=${form(value)}`; };
        for (const name of plan.query) {
            const value = values.get(name);
            if (value !== undefined) add(name, value);
        }
        if (switchKey != null && !values.has("accountSwitchKey")) add("accountSwitchKey", switchKey);
        return url + query;
    } catch {
        return undefined; // a getter that throws: the Rust path reads the params again
    }
}

// A client's side of the fast path: what every call of it sends with.
export class Fast {
    constructor(prefix, switchKey, headers, timeoutMs, resume) {
        Object.assign(this, { prefix, switchKey, headers, timeoutMs, resume });
    }
    // The call's promise, or undefined for the Rust path.
    call(op, params) {
        const url = fastUrl(op, this.prefix, this.switchKey, params);
        if (url === undefined) return undefined;
        const plan = planOf(op);
        return quick(url, plan.method, this.headers, undefined, undefined, this.timeoutMs,
            plan.ok, plan.ok2, plan.shape, this.resume, op, params);
    }
}

// The shipped glue's methods start here, before entering wasm (scripts/finish-glue.mjs writes the
// call into each): `client.name(params, options)` on the fast path, or undefined for the method's
// own way into wasm. For a client without a fast path (a signer, a rate limit), a freed client, a
// call with options or params the fast path does not take, it is undefined. Entering wasm is the
// dearest step of a call that JS can make alone (BENCHMARKS.md, issue 12).
// A client of the default browser entry made before the .wasm was loaded (src/lazy.js) is
// *pending*: it has no wasm side yet, its Fast is made in JS, and a call its fast path declines
// goes to `later`, which loads the .wasm, gives the client its wasm side and calls it again.
const FAST_OF = new WeakMap();
const PENDING = new WeakMap();
export function fastStart(client, name, params, options) {
    if (client.__wbg_ptr === 0) { // freed, or pending
        const later = PENDING.get(client);
        if (later === undefined) return undefined;
        const op = options == null ? NAMED.get(name) : undefined;
        const fast = op === undefined ? undefined : FAST_OF.get(client)?.call(op, params);
        return fast ?? later(name, params, options);
    }
    if (options != null) return undefined;
    const op = NAMED.get(name);
    if (op === undefined) return undefined;
    let fast = FAST_OF.get(client);
    if (fast === undefined) {
        fast = client.__fast ?? null;
        FAST_OF.set(client, fast);
    }
    return fast === null ? undefined : fast.call(op, params);
}

// Makes `client` pending: `fast` is what its fast path sends with (src/lazy.js's readOptions, null
// for none), `later(name, params, options)` takes each call its fast path declines (it reads the
// params only then), and `side()` resolves to the Fast of the client's wasm side, whose `resume`
// finishes what JS could not. Until `unpend(client)`.
export function pend(client, fast, later, side) {
    PENDING.set(client, later);
    FAST_OF.set(client, fast === null ? null : new Fast(fast.prefix, fast.switchKey, fast.headers, fast.timeoutMs,
        (...args) => side().then((made) => made.resume(...args))));
}
export function unpend(client) {
    return PENDING.delete(client);
}
