// The browser bench page. On load it measures the cold start (module import -> first resolved
// getUser; with ?mode=fetch a bare fetch's first call instead, with ?mode=thin the same through
// a thin plain-JS client, bench/browser/thin.mjs, with ?mode=thin-wasm that client after fetching
// and compiling our .wasm) into window.cold and the console; then
// bench/browser/run.mjs calls window.runCalls for the hot runs.
const params = new URL(location.href).searchParams;
const api = params.get('api');
const ID = 'A-B-123456';
const headers = { Accept: 'application/json' }; // what the client sends
let iam;

if (params.get('mode') === 'fetch') {
  // The cold-start anchor: a fresh page's first bare fetch + json() of the same URL.
  const t0 = performance.now();
  const url = `${api}/n/1/identity-management/v3/user-admin/ui-identities/${ID}`;
  const first = await (await fetch(url, { headers })).json();
  if (first.uiIdentityId !== ID) throw new Error('unexpected answer');
  window.cold = { totalMs: performance.now() - t0, isolated: globalThis.crossOriginIsolated };
} else if (params.get('mode') === 'thin' || params.get('mode') === 'thin-wasm') {
  // The cold-start anchor the issue judges by: import -> first getUser of a thin plain-JS client.
  // thin-wasm, a reference: the same client fetching and compiling our .wasm before its call, i.e.
  // what the .wasm's arrival alone costs, before any of our code runs.
  const t0 = performance.now();
  const thin = await import('/thin.mjs');
  if (params.get('mode') === 'thin-wasm') await WebAssembly.compileStreaming(fetch('/pkg/akamai_iam_wasm_bg.wasm'));
  const tImport = performance.now();
  const first = await new thin.ThinClient(`${api}/n/1`).getUser({ uiIdentityId: ID });
  const tCall = performance.now();
  if (first.uiIdentityId !== ID) throw new Error('unexpected thin getUser answer');
  window.cold = { importMs: tImport - t0, firstCallMs: tCall - tImport, totalMs: tCall - t0 };
} else {
  // The package's default browser entry, as `import { IamClient } from 'akamai-iam-wasm'` loads
  // it and as its users call it, without init(): a client made before the .wasm is loaded checks
  // its options in JS, and a call with plain params goes without the .wasm (scripts/entry-glue.mjs).
  const t0 = performance.now();
  iam = await import('/pkg/index.js');
  const tImport = performance.now();
  const first = await new iam.IamClient({ baseUrl: `${api}/n/1` }).getUser({ uiIdentityId: ID });
  const tCall = performance.now();
  if (first.uiIdentityId !== ID) throw new Error('unexpected getUser answer');
  window.cold = {
    importMs: tImport - t0, firstCallMs: tCall - tImport, totalMs: tCall - t0,
    isolated: globalThis.crossOriginIsolated,
  };
}

const time = async (f) => { const t = performance.now(); const r = await f(); return [performance.now() - t, r]; };

// Times `runs` calls of each variant against the same URL, after `warm` untimed ones, in an
// order that rotates every iteration. Variants:
//   client  client.listUsers() / client.getUser(...)
//   fetch   fetch(url) + response.json()           (the anchor)
//   text    fetch(url) + response.text()           (network and body read only)
//   parse   JSON.parse of that text, no network    (what the browser's own decoding costs)
window.runCalls = async (op, n, runs, warm) => {
  const base = `${api}/n/${n}`;
  const client = new iam.IamClient({ baseUrl: base, retries: 0 });
  const url = `${base}/identity-management/v3/user-admin/ui-identities${op === 'getUser' ? `/${ID}` : ''}`;
  const body = await (await fetch(url, { headers })).text();
  const variants = {
    client: op === 'getUser' ? () => client.getUser({ uiIdentityId: ID }) : () => client.listUsers(),
    fetch: async () => (await fetch(url, { headers })).json(),
    text: async () => (await fetch(url, { headers })).text(),
    parse: async () => JSON.parse(body),
  };
  const names = Object.keys(variants);
  const out = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < warm + runs; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      const [ms, result] = await time(variants[name]);
      if (i >= warm) out[name].push(ms);
      if (name !== 'text') {
        const count = Array.isArray(result) ? result.length : 1;
        if (count !== n && op === 'listUsers') throw new Error(`${name}: ${count} users, expected ${n}`);
      }
    }
  }
  return { bodyBytes: body.length, ...out };
};
// The cold figures go out as a console message: bench/browser/run.mjs waits for it without
// evaluating anything in the page, so nothing of Playwright's runs in the measured interval.
if (window.cold) console.log(`bench-cold ${JSON.stringify(window.cold)}`);
window.ready = true;
