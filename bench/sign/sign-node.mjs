// Signing rate in Node of one signer over the bench's request set; prints one JSON line like
// sign-native (median rate of rounds of 1,000 signatures, digest of the headers).
//   npm   akamai-edgegrid 4.0.4: auth.generateAuth(request, ...) with the fixed nonce and timestamp
//         (its exported signing function; it also builds request.url with WHATWG URL, part of its cost)
//   wasm  crates/edgegrid through bench/signer (wasm-bindgen, --target nodejs): Signer.sign(...)
// usage: node bench/sign/sign-node.mjs npm|wasm REQUESTS.json WASM_PKG_DIR [SECS]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const [which, file, pkgDir, secsArg] = process.argv.slice(2);
const set = JSON.parse(readFileSync(file, 'utf8'));
const require = createRequire(import.meta.url);
const secs = Number(secsArg ?? 2);

let signOne;
if (which === 'npm') {
  // The package exports only index.js; src/auth.js's generateAuth is what EdgeGrid.prototype.auth
  // calls, and the only entry that takes a fixed timestamp and nonce.
  const root = dirname(require.resolve('akamai-edgegrid'));
  const auth = require(resolve(root, 'src/auth.js'));
  const host = `https://${set.host}`;
  signOne = (r) => {
    const request = { method: r.method, path: r.path, body: r.body, headers: {} };
    auth.generateAuth(request, set.clientToken, set.clientSecret, set.accessToken, host,
      undefined, set.nonce, set.timestamp);
    return request.headers.Authorization;
  };
} else if (which === 'wasm') {
  const { Signer } = require(resolve(pkgDir, 'edgegrid_bench.js'));
  const signer = new Signer(set.host, set.clientToken, set.clientSecret, set.accessToken);
  signOne = (r) => signer.sign(r.method, r.path, r.body, set.timestamp, set.nonce);
} else {
  throw new Error(`unknown signer ${which}`);
}

const round = () => set.requests.map(signOne);
const headers = round();
const digest = createHash('sha256');
for (const h of headers) digest.update(`${h}\n`);
const rates = [];
const start = performance.now();
while (performance.now() - start < secs * 1000 || rates.length < 5) {
  const t = performance.now();
  round();
  rates.push(set.requests.length / ((performance.now() - t) / 1000));
}
rates.sort((a, b) => a - b);
console.log(JSON.stringify({
  signer: which, perSec: Math.round(rates[rates.length >> 1]), rounds: rates.length,
  digest: digest.digest('hex'), first: headers[0],
}));
