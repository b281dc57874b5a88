// Prints the Authorization header for `GET TARGET` signed now with the simulator's credentials
// (crates/edgegrid through the bench's wasm Signer), for the direct-to-simulator baseline: the
// simulator checks the timestamp against its skew window but keeps no nonce, so one header serves
// a whole run.
// usage: node bench/proxy/presign.mjs EDGERC SIGNER_PKG_DIR TARGET
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [edgercFile, pkgDir, target] = process.argv.slice(2);
const e = Object.fromEntries(readFileSync(edgercFile, 'utf8').split('\n')
  .map((l) => l.match(/^\s*([a-z_]+)\s*=\s*(.*?)\s*$/)).filter(Boolean).map((m) => [m[1], m[2]]));
const { Signer } = createRequire(import.meta.url)(resolve(pkgDir, 'edgegrid_bench.js'));
const d = new Date();
const p = (n) => String(n).padStart(2, '0');
const ts = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+0000`;
const signer = new Signer(e.host, e.client_token, e.client_secret, e.access_token);
console.log(signer.sign('GET', target, '', ts, randomUUID()));
