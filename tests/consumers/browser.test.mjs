// Browser consumers of the packed package in headless Chromium, through the proxy: a Vite 8 app
// (built, then served by `vite preview`) and a plain static page that imports the package's files
// with an import map. Both list the simulator's users and have a wrongly typed param refused (for which
// the default entry loads the .wasm); neither calls init().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { consumer, run, serve, requireEnv, ROOT, PROXY_URL, CHROMIUM_ARGS } from './lib.mjs';

let browser;
const cleanups = [];
before(async () => {
  requireEnv('PKG_TARBALL', 'IAM_PROXY_URL');
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  for (const cleanup of cleanups.reverse()) cleanup();
});

// The page's script: list users through the proxy, check the browser build refuses credentials.
const APP = `
import { IamClient, isIamError } from 'akamai-iam-wasm';
const out = document.querySelector('#out');
try {
  const proxy = new URLSearchParams(location.search).get('proxy');
  const iam = new IamClient({ baseUrl: proxy });
  const users = await iam.listUsers();
  let refused = '';
  try { new IamClient({ credentials: { host: 'h', clientToken: 'c', clientSecret: 's', accessToken: 'a' } }); }
  catch (e) { refused = isIamError(e) && e.kind === 'validation' && /proxy/.test(e.message) ? 'refused' : String(e); }
  // A wrongly typed param is refused by the .wasm: the page loads it as the package ships it.
  let wrong = '';
  try { await iam.getUser({ uiIdentityId: 7 }); } catch (e) { wrong = isIamError(e) ? e.kind + ' ' + e.field : String(e); }
  out.textContent = users.length + ' users; credentials ' + refused + '; ' + wrong;
  out.dataset.done = 'ok';
} catch (e) {
  out.textContent = 'failed: ' + e;
  out.dataset.done = 'failed';
}
`;
const HTML = (script) => `<!doctype html><html><head><meta charset="utf-8"><title>consumer</title><link rel="icon" href="data:,">
${script}</head><body><p id="out">loading</p></body></html>`;

async function expectUsers(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${url}?proxy=${encodeURIComponent(PROXY_URL)}`);
  await page.waitForSelector('#out[data-done]', { timeout: 30_000 });
  const text = await page.textContent('#out');
  await page.close();
  assert.match(text, /^\d+ users; credentials refused; validation uiIdentityId$/, `page said: ${text}; errors: ${errors.join('\n')}`);
  assert.ok(Number(text.split(' ')[0]) >= 50, text);
  assert.deepEqual(errors, []);
}

test('vite 8 app builds with the package and lists users in Chromium', async () => {
  const app = consumer('vite', {
    extra: ['vite@8'],
    files: { 'index.html': HTML('<script type="module" src="/main.js"></script>'), 'main.js': APP },
  });
  cleanups.push(app.cleanup);
  const vite = JSON.parse(readFileSync(join(app.dir, 'node_modules/vite/package.json'), 'utf8')).version;
  assert.match(vite, /^8\./, `vite ${vite} installed`);
  run(join(app.dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: app.dir });
  const server = await serve(join(app.dir, 'node_modules/.bin/vite'),
    ['preview', '--host', '127.0.0.1', '--port', '0', '--strictPort', 'false'], { cwd: app.dir });
  cleanups.push(server.stop);
  await expectUsers(`${server.url}/`);
});

// A plain static page (no bundler) mapping the package's name to its file with an import map and
// running `script`; resolves to the page's URL.
async function staticPage(name, script) {
  const importMap = '<script type="importmap">{"imports":{"akamai-iam-wasm":"./node_modules/akamai-iam-wasm/web/index.js"}}</script>';
  const app = consumer(name, {
    files: { 'index.html': HTML(`${importMap}\n<script type="module" src="./main.js"></script>`), 'main.js': script },
  });
  cleanups.push(app.cleanup);
  const server = await serve('python3', [join(ROOT, 'scripts/serve.py'), app.dir, '0']);
  cleanups.push(server.stop);
  return `${server.url}/index.html`;
}

test('plain static page imports the package with an import map and lists users in Chromium', async () => {
  await expectUsers(await staticPage('static', APP));
});

// The default entry is lazy (scripts/entry-glue.mjs): a page whose calls all go the fast path
// never fetches the .wasm; the first call that needs it (params the fast path leaves to Rust, an
// error answer to make, a freed client's call) fetches it once, and clients made before it behave
// as those made after.
const LAZY_APP = `
import { IamClient, isIamError } from 'akamai-iam-wasm';
const out = document.querySelector('#out');
const steps = [];
const step = (name, value) => { steps.push([name, value]); out.dataset.steps = JSON.stringify(steps); };
const refusal = async (f) => { try { await f(); return 'taken'; } catch (e) { return isIamError(e) ? e.kind + ' ' + (e.field ?? e.status) + ': ' + e.message : 'not an IamError: ' + e; } };
try {
  const proxy = new URLSearchParams(location.search).get('proxy');
  const iam = new IamClient({ baseUrl: proxy, timeoutMs: 20000 });
  const users = await iam.listUsers();
  const user = await iam.getUser({ uiIdentityId: users[0].uiIdentityId, actions: true });
  step('plain calls', users.length + ' users, ' + (user.uiIdentityId === users[0].uiIdentityId));
  step('bad options', await refusal(() => new IamClient({ baseUrl: proxy, retries: 11 })));
  step('credentials', await refusal(() => new IamClient({ credentials: {} })));
  const freed = new IamClient({ baseUrl: proxy });
  freed.free();
  out.dataset.wasmless = 'done';
  await new Promise((resolve) => { window.goOn = resolve; });
  step('no .wasm', await refusal(() => iam.getUser({ uiIdentityId: 7 })));
  step('freed', await refusal(() => freed.listUsers()));
  step('wrong type', await refusal(() => iam.getUser({ uiIdentityId: 7 })));
  step('404', await refusal(() => iam.getUser({ uiIdentityId: 'no-such-user' })));
  const later = new IamClient({ baseUrl: proxy, rateLimit: { requestsPerSecond: 50 } });
  step('after', (await later.listUsers()).length === users.length);
  out.dataset.done = 'ok';
} catch (e) {
  out.textContent = 'failed: ' + e + ' ' + e.stack;
  out.dataset.done = 'failed';
}
`;

test('the default entry fetches the .wasm only when a call first needs it, once (again after a failed fetch)', async () => {
  const url = await staticPage('lazy', LAZY_APP);
  const page = await browser.newPage();
  const wasm = [];
  const errors = [];
  page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(request.url()); });
  // The first fetch of the .wasm fails: the call that needed it rejects, the next one loads it.
  let failed = false;
  await page.route('**/*.wasm', (route) => (failed ? route.continue() : ((failed = true), route.abort())));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}?proxy=${encodeURIComponent(PROXY_URL)}`);
  await page.waitForSelector('#out[data-wasmless], #out[data-done]', { timeout: 30_000 });
  const steps = async () => Object.fromEntries(JSON.parse(await page.getAttribute('#out', 'data-steps') ?? '[]'));
  const before = await steps();
  assert.deepEqual(wasm, [], `no .wasm before a call needs it; steps: ${JSON.stringify(before)}`);
  assert.match(before['plain calls'], /^\d+ users, true$/);
  assert.equal(before['bad options'], 'validation retries: IamClient: invalid retries: must be at most 10');
  assert.match(before.credentials, /^validation credentials: IamClient: invalid credentials: are accepted only by the Node build/);
  await page.evaluate(() => window.goOn());
  await page.waitForSelector('#out[data-done]', { timeout: 30_000 });
  const text = await page.textContent('#out');
  const after = await steps();
  await page.close();
  assert.notEqual(text.slice(0, 7), 'failed:', text);
  assert.equal(after['wrong type'], 'validation uiIdentityId: getUser: invalid uiIdentityId: must be a string');
  assert.match(after['no .wasm'], /^not an IamError: TypeError: Failed to fetch/, 'the loader\'s error');
  assert.equal(after['404'].split(':')[0], 'http 404');
  assert.match(after.freed, /^not an IamError: Error: null pointer passed to rust/, 'a freed client fails as before');
  assert.equal(after.after, true);
  assert.equal(wasm.length, 2, `the .wasm fetched once, and once more after a failed fetch: ${wasm.join(', ')}`);
  assert.deepEqual(errors, []);
});
