// Reads the raw figures scripts/bench.sh wrote to OUT_DIR and writes OUT_DIR/results.json and
// OUT_DIR/results.md (also printed): each figure beside its anchor of the same run, the ratio,
// and the target met or missed.
// usage: node bench/report.mjs OUT_DIR
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const has = (f) => existsSync(join(dir, f)); // `--client` runs skip signing, the proxy and the probe
const json = (f, empty) => (has(f) || empty === undefined ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : empty);
const lines = (f) => (has(f) ? readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const env = json('env.json');
const bundle = json('bundle.json');
const browser = json('browser.json');
const nodeCold = lines('cold-node.jsonl');
const signing = lines('sign.jsonl');
const proxy = json('proxy.json', null);
const probe = json('probe.json', {});

const rows = [];
const row = (group, figure, ours, anchor, ratio, target, met) => rows.push({ group, figure, ours, anchor, ratio, target, met });
const fmt = (x, d = 2) => (x === null || x === undefined ? '—' : Number(x).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const kb = (b) => `${fmt(b / 1000, 1)} KB`;
const ms = (x) => `${fmt(x, 3)} ms`;

// 1. Bundle
const BUNDLE_TARGET = 90_000; // issue 12 (issue 7's was 200,000)
row('bundle', 'shipped .wasm (wasm-opt -Oz) + JS glue, gzip -9', kb(bundle.totalGzipBytes), `target ${kb(BUNDLE_TARGET)}`,
  bundle.totalGzipBytes / BUNDLE_TARGET, '≤ 1.00 × target', bundle.totalGzipBytes <= BUNDLE_TARGET);
row('bundle', 'what `import … from \'akamai-iam-wasm\'` loads in a browser: index.js (the lazy entry) + the .wasm it fetches when a call first needs it, gzip -9',
  kb(bundle.defaultEntryGzipBytes), `target ${kb(BUNDLE_TARGET)}`, bundle.defaultEntryGzipBytes / BUNDLE_TARGET, '≤ 1.00 × target',
  bundle.defaultEntryGzipBytes <= BUNDLE_TARGET);
row('bundle', 'the same, for a page whose calls all go the fast path (plain params, success answers): index.js alone, gzip -9',
  kb(bundle.entryGzipBytes), `target ${kb(BUNDLE_TARGET)}`, bundle.entryGzipBytes / BUNDLE_TARGET, '—', null);

// 2. Call overhead (paired: the variants of one iteration ran back to back)
const calls = {};
for (const [key, v] of Object.entries(browser.calls)) {
  calls[key] = {
    bodyBytes: v.bodyBytes,
    client: median(v.client), fetch: median(v.fetch), text: median(v.text), parse: median(v.parse),
    addedPaired: median(v.client.map((c, i) => c - v.fetch[i])), runs: v.client.length,
  };
}
for (const n of [1, 100, 10000]) {
  const c = calls[`listUsers_${n}`];
  const ratio = c.client / c.fetch;
  row('call overhead', `listUsers(), ${n.toLocaleString('en-US')} users (${kb(c.bodyBytes)}), median of ${c.runs}`,
    ms(c.client), `fetch+json ${ms(c.fetch)}`, ratio, n === 10000 ? '≤ 1.10' : '—', n === 10000 ? ratio <= 1.1 : null);
}
const g = calls.getUser;
row('call overhead', `getUser (${kb(g.bodyBytes)}): added time, median of ${g.runs} paired differences`,
  ms(g.addedPaired), `fetch+json ${ms(g.fetch)} (client ${ms(g.client)})`, g.client / g.fetch, 'added ≤ 0.080 ms', g.addedPaired <= 0.08);

// 3. Cold start
const coldB = median(browser.cold.map((c) => c.totalMs));
const coldBF = median(browser.coldFetch.map((c) => c.totalMs));
const part = (k) => median(browser.cold.map((c) => c[k]));
row('cold start', `browser: import → first getUser resolved, default entry without init() (import ${fmt(part('importMs'), 1)} + call ${fmt(part('firstCallMs'), 1)} ms), median of ${browser.cold.length} fresh contexts`,
  ms(coldB), `fresh page's first fetch+json ${ms(coldBF)}`, coldB / coldBF, '—', null);
if (browser.coldThin?.length) {
  const coldBT = median(browser.coldThin.map((c) => c.totalMs));
  row('cold start', `browser: the same, against a thin plain-JS client (bench/browser/thin.mjs: import → first getUser), same rounds, median of ${browser.coldThin.length}`,
    ms(coldB), `thin client ${ms(coldBT)}`, coldB / coldBT, '≤ 1.50', coldB / coldBT <= 1.5);
  if (browser.coldThinWasm?.length) {
    const coldBW = median(browser.coldThinWasm.map((c) => c.totalMs));
    row('cold start', `browser: a reference, the thin client fetching and compiling our .wasm before its call (what the .wasm's arrival alone costs), same rounds, median of ${browser.coldThinWasm.length}`,
      ms(coldBW), `thin client ${ms(coldBT)}`, coldBW / coldBT, '—', null);
  }
  if (browser.coldPreload?.length) {
    const coldBP = median(browser.coldPreload.map((c) => c.totalMs));
    const coldTP = median(browser.coldThinPreload.map((c) => c.totalMs));
    row('cold start', `browser: a reference, both with preload links in the page (the package README's: the client's module and .wasm, the thin client's module), same rounds, median of ${browser.coldPreload.length}`,
      ms(coldBP), `thin client ${ms(coldTP)}`, coldBP / coldTP, '—', null);
  }
}
const coldN = nodeCold.filter((c) => c.mode === 'client');
const coldNF = nodeCold.filter((c) => c.mode === 'fetch');
const nodeTotal = median(coldN.map((c) => c.totalMs));
const npart = (k) => median(coldN.map((c) => c[k]));
row('cold start', `Node ${env.node}: import → init → first getUser resolved (import ${fmt(npart('importMs'), 1)} + init ${fmt(npart('initMs'), 1)} + call ${fmt(npart('firstCallMs'), 1)} ms), median of ${coldN.length} processes`,
  ms(nodeTotal), `fresh process's first fetch+json ${ms(median(coldNF.map((c) => c.totalMs)))}`, nodeTotal / median(coldNF.map((c) => c.totalMs)), '—', null);

// 4. Signing
const rate = (s) => median(signing.filter((x) => x.signer === s).map((x) => x.perSec));
const digests = new Set(signing.map((x) => x.digest));
const npm = rate('npm');
const sameNote = digests.size === 1 ? 'all signers produced identical headers' : `DIFFERENT headers (${digests.size} digests)`;
if (signing.length) row('signing', `crates/edgegrid native (release), signatures/s`, fmt(rate('native'), 0), `akamai-edgegrid 4.0.4 ${fmt(npm, 0)}/s`, rate('native') / npm, '≥ 10.00', rate('native') / npm >= 10);
if (signing.some((x) => x.signer === 'native-o3')) {
  row('signing', `crates/edgegrid native, signer and its dependencies at opt-level 3 (not shipped: the workspace builds with "z"), signatures/s`, fmt(rate('native-o3'), 0), `akamai-edgegrid ${fmt(npm, 0)}/s`, rate('native-o3') / npm, '(≥ 10.00)', null);
}
if (signing.length) row('signing', `crates/edgegrid in Node via wasm (one Signer.sign call each), signatures/s`, fmt(rate('wasm'), 0), `akamai-edgegrid ${fmt(npm, 0)}/s`, rate('wasm') / npm, '—', null);
if (signing.length) row('signing', `edgegrid-python 2.0.9 make_auth_header, signatures/s`, fmt(rate('python'), 0), `akamai-edgegrid ${fmt(npm, 0)}/s`, rate('python') / npm, '—', null);

// 5. Proxy
const r = proxy?.runs ?? {};
if (proxy) {
const errors = (x) => x.connectErrors + x.readErrors + x.writeErrors + x.timeouts + x.statusErrors;
const rps = (x) => x.requests / (x.durationUs / 1e6);
const lat = (name, label, target) => {
  const d = r[`direct_${name}`], p = r[`proxy_${name}`];
  const a50 = (p.p50Us - d.p50Us) / 1000, a99 = (p.p99Us - d.p99Us) / 1000;
  row('proxy', `added latency p50, ${label}`, ms(a50), `direct p50 ${ms(d.p50Us / 1000)} (proxy ${ms(p.p50Us / 1000)})`, p.p50Us / d.p50Us, '—', null);
  row('proxy', `added latency p99, ${label}`, ms(a99), `direct p99 ${ms(d.p99Us / 1000)} (proxy ${ms(p.p99Us / 1000)})`, p.p99Us / d.p99Us, target ? 'added ≤ 2.000 ms' : '—', target ? a99 <= 2 : null);
};
lat('c1', `1 connection, ${proxy.unloadedSecs} s`, false);
lat('paced', `64 connections paced (${proxy.paceMs} ms between a response and the next request; proxy ${fmt(rps(r.proxy_paced), 0)} req/s), ${proxy.pacedSecs} s`, true);
lat('c64', `64 connections flat out, ${proxy.loadSecs} s`, false);
row('proxy', `throughput through the proxy to the simulator, 64 connections, ${proxy.loadSecs} s, req/s`, fmt(rps(r.proxy_c64), 0),
  `simulator direct ${fmt(rps(r.direct_c64), 0)} req/s`, rps(r.proxy_c64) / rps(r.direct_c64), '≥ 5,000 req/s', rps(r.proxy_c64) >= 5000);
const proxyErrors = ['c1', 'paced', 'c64'].reduce((s, k) => s + errors(r[`proxy_${k}`]), 0);
const directErrors = ['c1', 'paced', 'c64'].reduce((s, k) => s + errors(r[`direct_${k}`]), 0);
row('proxy', `errors through the proxy (non-2xx + transport), all runs, of ${fmt(['c1', 'paced', 'c64'].reduce((s, k) => s + r[`proxy_${k}`].requests, 0), 0)} requests`,
  String(proxyErrors), `direct ${directErrors}`, null, '0', proxyErrors === 0);

}

const mark = (m) => (m === null ? '' : m ? '**met**' : '**MISSED**');
const md = [
  `# Benchmark results (${env.mode})`,
  '',
  `${env.date} · ${env.cpu}, ${env.cores} cores shared with other work · load average ${env.loadBefore} before, ${env.loadAfter} after · Node ${env.node} · Chromium ${browser.chromium} · ${env.rustc} · run time ${env.seconds} s · \`${env.command}\``,
  '',
  '| # | figure | ours | anchor | ratio | target | |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((x, i) => `| ${i + 1} | ${x.group}: ${x.figure} | ${x.ours} | ${x.anchor} | ${x.ratio === null ? '—' : `${fmt(x.ratio)}×`} | ${x.target} | ${mark(x.met)} |`),
  '',
  signing.length ? `Signing: ${sameNote} for the same 1,000 requests (fixed timestamp and nonce).` : 'Signing and the proxy: not run (`--client`).',
  '',
  '## Profile of the figures behind the targets',
  '',
  '| listUsers | client | fetch + json() | fetch + text() | JSON.parse alone | client − text (wasm side) |',
  '|---|---|---|---|---|---|',
  ...Object.entries(calls).map(([k, c]) => `| ${k} | ${ms(c.client)} | ${ms(c.fetch)} | ${ms(c.text)} | ${ms(c.parse)} | ${ms(c.client - c.text)} |`),
  '',
  'Decoding stage by stage (bench/probe: the client\'s own `User` and `Ts::from_rust`, in Node, medians):',
  '',
  '| body | stage | ms |',
  '|---|---|---|',
  ...Object.entries(probe).flatMap(([body, stages]) => Object.entries(stages).map(([k, v]) => `| ${body} | ${k} | ${fmt(v, 3)} |`)),
  '',
  'Proxy CPU time per request (user + system, from /proc, 10 ms ticks):',
  '',
  '| run | req/s | proxy µs/req | simulator µs/req |',
  '|---|---|---|---|',
  ...Object.entries(r).map(([k, x]) => `| ${k} | ${fmt(rps(x), 0)} | ${k.startsWith('proxy') ? fmt(x.proxyCpuUs / x.requests, 1) : '—'} | ${fmt(x.simCpuUs / x.requests, 1)} |`),
  '',
  `Bundle: .wasm ${fmt(bundle.wasmRawBytes, 0)} B from wasm-pack → ${fmt(bundle.wasmBytes, 0)} B after wasm-opt -Oz (${kb(bundle.wasmGzipBytes)} gzipped); JS glue ${fmt(bundle.glueBytes, 0)} B (${kb(bundle.glueGzipBytes)} gzipped). Code section ${fmt(bundle.sections.find((s) => s.name === 'code').bytes, 0)} B, data ${fmt((bundle.sections.find((s) => s.name === 'data') ?? { bytes: 0 }).bytes, 0)} B.`,
  '',
  '| code by origin (uncompressed function bodies) | bytes |',
  '|---|---|',
  ...bundle.code.byCrate.slice(0, 10).map((c) => `| ${c.crate} | ${fmt(c.bytes, 0)} |`),
  '',
  `Largest functions: ${bundle.code.largest.slice(0, 5).map((f) => `\`${f.name.replace(/::h[0-9a-f]{16}$/, '')}\` ${fmt(f.bytes, 0)} B`).join(', ')}.`,
  '',
];
const text = md.join('\n');
writeFileSync(join(dir, 'results.md'), text);
writeFileSync(join(dir, 'results.json'), JSON.stringify({ env, rows, calls, probe, bundle, signing, proxy, browser: { chromium: browser.chromium, cold: browser.cold, coldFetch: browser.coldFetch, coldThin: browser.coldThin, coldThinWasm: browser.coldThinWasm, coldPreload: browser.coldPreload, coldThinPreload: browser.coldThinPreload }, nodeCold }, null, 2));
console.log(text);
