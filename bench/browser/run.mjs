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
const open = async (mode = 'client') => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${pageUrl}&mode=${mode}`);
  await page.waitForFunction(() => window.ready || false, null, { timeout: 60_000 }).catch(() => {
    throw new Error(`bench page did not get ready: ${errors.join('; ')}`);
  });
  return { context, page };
};

// Cold starts, each in a fresh context (new connection, empty caches), alternating with the
// anchors: a fresh page's first bare fetch, and a thin plain-JS client's first getUser. The order
// rotates every round, so that no mode always runs right after another's context was closed.
const cold = [];
const coldFetch = [];
const coldThin = [];
const modes = [['client', cold], ['fetch', coldFetch], ['thin', coldThin]];
for (let i = 0; i < coldRuns; i++) {
  for (const [mode, out] of [...modes.slice(i % 3), ...modes.slice(0, i % 3)]) {
    const { context, page } = await open(mode);
    out.push(await page.evaluate(() => window.cold));
    await context.close();
  }
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
writeFileSync(out, JSON.stringify({ chromium: version, cold, coldFetch, coldThin, calls }));
