// Bundle figures: raw and gzipped (-9) sizes of the shipped .wasm (after wasm-opt -Oz) and JS glue,
// the wasm's section sizes, and what dominates its code: function body sizes from a copy optimised
// the same way but with names kept (--debuginfo), grouped by crate; and the default browser entry
// (index.js: the lazy entry, scripts/entry-glue.mjs). Prints one JSON object.
// usage: node bench/bundle/bundle.mjs SHIPPED.wasm NAMED.wasm RAW.wasm GLUE.js ENTRY.js
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [shipped, named, raw, glue, entry] = process.argv.slice(2);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

function leb(buf, pos) {
  let result = 0, shift = 0, byte;
  do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [result, pos];
}
function sections(buf) {
  const out = [];
  let pos = 8;
  const ids = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
    'element', 'code', 'data', 'datacount'];
  while (pos < buf.length) {
    const id = buf[pos++];
    let size; [size, pos] = leb(buf, pos);
    let name = ids[id] ?? `id${id}`;
    if (id === 0) { const [n, p] = leb(buf, pos); name = `custom:${buf.subarray(p, p + n).toString()}`; }
    out.push({ id, name, start: pos, size });
    pos += size;
  }
  return out;
}
function importedFunctions(buf, s) {
  let pos = s.start, count, n = 0; [count, pos] = leb(buf, pos);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < 2; k++) { let len; [len, pos] = leb(buf, pos); pos += len; }
    const kind = buf[pos++];
    if (kind === 0) { [, pos] = leb(buf, pos); n++; }
    else if (kind === 1) { pos++; let f; [f, pos] = leb(buf, pos); [, pos] = leb(buf, pos); if (f & 1) [, pos] = leb(buf, pos); }
    else if (kind === 2) { let f; [f, pos] = leb(buf, pos); [, pos] = leb(buf, pos); if (f & 1) [, pos] = leb(buf, pos); }
    else if (kind === 3) { pos += 2; }
    else if (kind === 4) { pos++; [, pos] = leb(buf, pos); }
  }
  return n;
}
function functionNames(buf, s) {
  const names = new Map();
  let pos = s.start; let len; [len, pos] = leb(buf, pos); pos += len; // "name"
  const end = s.start + s.size;
  while (pos < end) {
    const sub = buf[pos++]; let size; [size, pos] = leb(buf, pos);
    if (sub === 1) {
      let p = pos, count; [count, p] = leb(buf, p);
      for (let i = 0; i < count; i++) {
        let idx, n; [idx, p] = leb(buf, p); [n, p] = leb(buf, p);
        names.set(idx, buf.subarray(p, p + n).toString()); p += n;
      }
    }
    pos += size;
  }
  return names;
}
// Crate of a (mangled or demangled) Rust symbol: the first path segment that looks like a crate.
function crateOf(name) {
  // Each exported async method's future is inlined into its future_to_promise closure: that is the
  // operation's own code (request building, params/options reading, decoding, conversion).
  if (/future_to_promise/.test(name)) return 'operations (async method bodies in future_to_promise)';
  const known = ['serde_json', 'serde_wasm_bindgen', 'serde_core', 'serde', 'tsify', 'wasm_bindgen_futures',
    'wasm_bindgen', 'js_sys', 'web_sys', 'gloo_net', 'gloo_utils', 'dlmalloc', 'alloc', 'core', 'std',
    'hashbrown', 'percent_encoding', 'form_urlencoded', 'akamai_iam_wasm', 'zmij', 'itoa', 'ryu', 'memchr'];
  const hits = known.map((k) => [k, name.search(new RegExp(`(^|[^a-z_])${k}(::|\\.\\.|\\[|[0-9]|$)`))]).filter(([, i]) => i >= 0);
  if (hits.length === 0) return /^(__wbg|__wbindgen|wasm-bindgen)/.test(name) ? 'wasm_bindgen' : 'other';
  hits.sort((a, b) => a[1] - b[1]);
  // Generic code is emitted in the crate that instantiates it; a serde impl for our types is ours.
  if (/akamai_iam_wasm/.test(name) && hits[0][0].startsWith('serde')) return 'akamai_iam_wasm (serde impls)';
  return hits[0][0];
}
function breakdown(buf) {
  const secs = sections(buf);
  const imp = secs.find((s) => s.name === 'import');
  const nImported = imp ? importedFunctions(buf, imp) : 0;
  const nameSec = secs.find((s) => s.name === 'custom:name');
  const names = nameSec ? functionNames(buf, nameSec) : new Map();
  const code = secs.find((s) => s.name === 'code');
  const fns = [];
  let pos = code.start, count; [count, pos] = leb(buf, pos);
  for (let i = 0; i < count; i++) {
    let size; [size, pos] = leb(buf, pos);
    fns.push({ name: names.get(nImported + i) ?? `func${nImported + i}`, size });
    pos += size;
  }
  const byCrate = {};
  for (const f of fns) byCrate[crateOf(f.name)] = (byCrate[crateOf(f.name)] ?? 0) + f.size;
  fns.sort((a, b) => b.size - a.size);
  const futures = fns.filter((f) => /future_to_promise/.test(f.name));
  return {
    operationFutures: { count: futures.length, bytes: futures.reduce((s, f) => s + f.size, 0) },
    largestOther: fns.filter((f) => crateOf(f.name) === 'other').slice(0, 8).map((f) => ({ name: f.name.slice(0, 100), bytes: f.size })),
    functions: fns.length,
    byCrate: Object.entries(byCrate).sort((a, b) => b[1] - a[1]).map(([crate, bytes]) => ({ crate, bytes })),
    largest: fns.slice(0, 12).map((f) => ({ name: f.name.slice(0, 140), bytes: f.size })),
  };
}

const wasm = readFileSync(shipped);
const js = readFileSync(glue);
const [wasmGz, glueGz, entryGz] = [wasm, js, readFileSync(entry)].map(gz);
console.log(JSON.stringify({
  wasmRawBytes: readFileSync(raw).length,
  wasmBytes: wasm.length,
  wasmGzipBytes: wasmGz,
  glueBytes: js.length,
  glueGzipBytes: glueGz,
  totalGzipBytes: wasmGz + glueGz,
  entryGzipBytes: entryGz,
  defaultEntryGzipBytes: wasmGz + entryGz,
  sections: sections(wasm).map(({ name, size }) => ({ name, bytes: size })),
  code: breakdown(readFileSync(named)),
}));
