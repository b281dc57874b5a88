// One cold start in Node: module import -> init from the .wasm bytes -> first resolved getUser,
// against the bench's API server. Prints one JSON line. Run once per fresh process.
// usage: node bench/browser/cold-node.mjs PKG_DIR API_URL [fetch]   (fetch: the anchor instead)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, api, mode] = process.argv.slice(2);
if (mode === 'fetch') {
  // The anchor: a fresh process's first bare fetch + json() of the same URL.
  const t0 = performance.now();
  const url = `${api}/n/1/identity-management/v3/user-admin/ui-identities/A-B-123456`;
  const user = await (await fetch(url, { headers: { Accept: 'application/json' } })).json();
  if (user.uiIdentityId !== 'A-B-123456') throw new Error('unexpected answer');
  console.log(JSON.stringify({ mode: 'fetch', totalMs: performance.now() - t0 }));
  process.exit(0);
}
const t0 = performance.now();
const iam = await import(pathToFileURL(join(pkgDir, 'akamai_iam_wasm.js')).href);
const tImport = performance.now();
await iam.default({ module_or_path: readFileSync(join(pkgDir, 'akamai_iam_wasm_bg.wasm')) });
const tInit = performance.now();
const user = await new iam.IamClient({ baseUrl: `${api}/n/1` }).getUser({ uiIdentityId: 'A-B-123456' });
const tCall = performance.now();
if (user.uiIdentityId !== 'A-B-123456') throw new Error('unexpected getUser answer');
console.log(JSON.stringify({
  mode: 'client', importMs: tImport - t0, initMs: tInit - tImport, firstCallMs: tCall - tInit, totalMs: tCall - t0,
}));
