// Browser consumers of the packed package in headless Chromium, through the proxy: a Vite 8 app
// (built, then served by `vite preview`) and a plain static page that imports the package's files
// with an import map. Both list the simulator's users; neither calls init().
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
  const users = await new IamClient({ baseUrl: proxy }).listUsers();
  let refused = '';
  try { new IamClient({ credentials: { host: 'h', clientToken: 'c', clientSecret: 's', accessToken: 'a' } }); }
  catch (e) { refused = isIamError(e) && e.kind === 'validation' && /proxy/.test(e.message) ? 'refused' : String(e); }
  out.textContent = users.length + ' users; credentials ' + refused;
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
  assert.match(text, /^\d+ users; credentials refused$/, `page said: ${text}; errors: ${errors.join('\n')}`);
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

test('plain static page imports the package with an import map and lists users in Chromium', async () => {
  const importMap = '<script type="importmap">{"imports":{"akamai-iam-wasm":"./node_modules/akamai-iam-wasm/web/index.js"}}</script>';
  const app = consumer('static', {
    files: { 'index.html': HTML(`${importMap}\n<script type="module" src="./main.js"></script>`), 'main.js': APP },
  });
  cleanups.push(app.cleanup);
  const server = await serve('python3', [join(ROOT, 'scripts/serve.py'), app.dir, '0']);
  cleanups.push(server.stop);
  await expectUsers(`${server.url}/index.html`);
});
