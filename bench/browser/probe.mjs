// Profiles the client's decoding stage by stage (bench/probe, the client's own types and
// conversion, built --target web and loaded from its bytes) in Node on the bench server's bodies;
// prints one JSON object of medians in ms. V8 as in Chromium, though not the same version.
// usage: node bench/browser/probe.mjs PROBE_PKG_DIR API_URL RUNS
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, api, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
const p = await import(pathToFileURL(join(pkgDir, 'iam_decode_probe.js')).href);
p.initSync({ module: readFileSync(join(pkgDir, 'iam_decode_probe_bg.wasm')) });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
const get = async (path) => (await fetch(`${api}${path}`)).text();

const out = {};
for (const [name, path, one] of [
  ['listUsers_10000', '/n/10000/identity-management/v3/user-admin/ui-identities', false],
  ['getUser', '/n/1/identity-management/v3/user-admin/ui-identities/A-B-123456', true],
]) {
  const text = await get(path);
  const stages = one ? {
    'JSON.parse': () => JSON.parse(text),
    'copy into wasm': () => p.copyIn(text),
    'serde_json → User': () => p.decodeUsers(`[${text}]`),
    'serde_json → User → Ts::from_rust (the client)': () => p.decodeAndConvertOne(text),
  } : {
    'JSON.parse': () => JSON.parse(text),
    'copy into wasm': () => p.copyIn(text),
    'serde_json syntax only (IgnoredAny)': () => p.parseOnly(text),
    'serde_json → serde_json::Value': () => p.decodeValue(text),
    'serde_json → Vec<User>': () => p.decodeUsers(text),
    'serde_json → Vec<User> → Ts::from_rust each (the client)': () => p.decodeAndConvert(text),
    'serde_json → Vec<User>, then JSON.parse (alternative)': () => p.decodeThenJsonParse(text),
  };
  const n = one ? Math.max(runs, 200) : runs;
  const samples = Object.fromEntries(Object.keys(stages).map((k) => [k, []]));
  for (let i = 0; i < n + 3; i++) {
    for (const [k, f] of Object.entries(stages)) { const ms = time(f); if (i >= 3) samples[k].push(ms); }
  }
  out[name] = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}
console.log(JSON.stringify(out));
