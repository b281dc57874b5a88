// Drives headless Chromium through the bench page: cold starts in fresh contexts, then the hot
// call-overhead runs; writes the raw samples as JSON.
// usage: node bench/browser/run.mjs STATIC_URL API_URL OUT.json RUNS COLD_RUNS
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [staticUrl, api, out, runsArg, coldArg] = process.argv.slice(2);
const runs = Number(runsArg);
const coldRuns = Number(coldArg);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const pageUrl = `${staticUrl}/?api=${encodeURIComponent(api)}`;
const open = async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${pageUrl}&mode=client`);
  await page.waitForFunction(() => window.ready || false, null, { timeout: 60_000 }).catch(() => {
    throw new Error(`bench page did not get ready: ${errors.join('; ')}`);
  });
  return { context, page };
};

// One cold start in a fresh context (new connection, empty caches). The page reports it on the
// console; nothing is evaluated in it, because Playwright's first evaluation in a page (its
// injected script, compiled on the page's main thread) lands inside the measured interval: with
// waitForFunction the thin client measured 42 ms instead of 20, the client 59 instead of 45
// (BENCHMARKS.md, issue 12).
// A mode `X+preload` loads the page with the <link> preloads the package README suggests.
const coldStart = async (mode) => {
  const [pageMode, preload] = mode.split('+');
  const context = await browser.newContext();
  const page = await context.newPage();
  const figures = new Promise((resolve, reject) => {
    page.on('console', (msg) => {
      if (msg.text().startsWith('bench-cold ')) resolve(JSON.parse(msg.text().slice('bench-cold '.length)));
    });
    page.on('pageerror', (e) => reject(new Error(`cold ${mode}: ${e}`)));
    setTimeout(() => reject(new Error(`cold ${mode}: no figures after 60 s`)), 60_000).unref();
  });
  await page.goto(`${pageUrl}&mode=${pageMode}${preload ? '&preload=1' : ''}`, { waitUntil: 'commit' });
  const result = await figures;
  await context.close();
  return result;
};

// Cold starts alternating with the anchors: a fresh page's first bare fetch, a thin plain-JS
// client's first getUser, and references: that client after fetching and compiling our .wasm,
// and both with preload links. The order rotates every round, so that no mode always runs right
// after another's context was closed.
const cold = [];
const coldFetch = [];
const coldThin = [];
const coldThinWasm = [];
const coldPreload = [];
const coldThinPreload = [];
const modes = [['client', cold], ['fetch', coldFetch], ['thin', coldThin], ['thin-wasm', coldThinWasm],
  ['client+preload', coldPreload], ['thin+preload', coldThinPreload]];
for (let i = 0; i < coldRuns; i++) {
  const at = i % modes.length;
  for (const [mode, out] of [...modes.slice(at), ...modes.slice(0, at)]) out.push(await coldStart(mode));
}

const { page } = await open();
const calls = {};
for (const [op, n, r] of [['listUsers', 1, runs], ['listUsers', 100, runs], ['listUsers', 10000, runs],
  ['getUser', 1, Math.max(runs, 200)]]) {
  const key = op === 'getUser' ? 'getUser' : `listUsers_${n}`;
  calls[key] = await page.evaluate(([o, nn, rr]) => window.runCalls(o, nn, rr, 5), [op, n, r]);
  process.stderr.write(`[bench] browser ${key}: done\n`);
}
const version = browser.version();
await browser.close();
writeFileSync(out, JSON.stringify({ chromium: version, cold, coldFetch, coldThin, coldThinWasm, coldPreload, coldThinPreload, calls }));
