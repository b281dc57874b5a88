// Shared by the end-to-end tests: one headless Chromium (playwright-core + Debian's chromium) for
// the whole run, pages on fresh contexts, screenshots at both sizes, and the simulator's admin
// API (SIM_ADMIN_URL) to reset the account between tests and inject faults.
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const DEMO_URL = process.env.DEMO_URL;
export const OUT = process.env.SCREENSHOT_DIR || 'test-output/screenshots';
export const SIM_ADMIN_URL = process.env.SIM_ADMIN_URL?.replace(/\/$/, '');
export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 390, height: 844 };
export const UI_TIMEOUT = 20000;

let browser;

before(async () => {
  assert.ok(DEMO_URL, 'DEMO_URL must be set (scripts/test.sh sets it)');
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => { await browser?.close(); });

// Every test starts from the seeded account and without faults (when the admin API is known;
// without it, the tests that change state work on objects they create with unique names).
beforeEach(async () => { if (SIM_ADMIN_URL) { await admin('DELETE', '/faults'); await admin('POST', '/reset'); } });
afterEach(async () => { if (SIM_ADMIN_URL) await admin('DELETE', '/faults'); });

async function admin(method, path, body) {
  const res = await fetch(`${SIM_ADMIN_URL}${path}`, {
    method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  assert.ok(res.ok, `admin ${method} ${path}: ${res.status} ${await res.text()}`);
}

/** Skips the test (with the reason) when the simulator's admin API is not known. */
export function needsAdmin(t) {
  if (SIM_ADMIN_URL) return true;
  t.skip('SIM_ADMIN_URL is not set: cannot inject a simulator fault');
  return false;
}

/** Runs `fn` while every API request the simulator receives fails with `kind` (e.g. "503"). */
export async function withFault(kind, fn) {
  await admin('PUT', '/faults', { rate: 1.0, kinds: [kind] });
  try { return await fn(); } finally { await admin('DELETE', '/faults'); }
}

/** The proxy URL the page uses, for checks made straight against the API from Node. */
export function apiUrl(path) {
  const proxy = new URL(DEMO_URL).searchParams.get('proxy');
  return `${proxy}/identity-management/v3${path}`;
}

export async function api(path) {
  const res = await fetch(apiUrl(path));
  assert.ok(res.ok, `GET ${path}: ${res.status}`);
  return res.json();
}

let seq = 0;
export const unique = (prefix) => `${prefix} ${process.pid}-${Date.now().toString(36)}-${++seq}`;

/** A page in a fresh browser context (its own localStorage) on `hash` of the demo page. */
export async function openPage(hash = '', viewport = DESKTOP, url = DEMO_URL) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  const u = new URL(url);
  u.hash = hash;
  await page.goto(u.toString());
  return { page, errors };
}

/**
 * Saves `<name>-desktop.png` and `<name>-mobile.png`, then restores the desktop size. `fullPage:
 * false` keeps to the viewport (for a modal dialog over a long page).
 */
export async function screenshots(page, name, { fullPage = true } = {}) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${OUT}/${name}-desktop.png`, fullPage });
  await page.setViewportSize(MOBILE);
  await page.screenshot({ path: `${OUT}/${name}-mobile.png`, fullPage });
  await page.setViewportSize(DESKTOP);
}

/** The open modal dialog. */
export const openDialog = (page) => page.locator('dialog[open]');

export const INJECTED_503 = 'Service Unavailable (503): The service is unavailable (injected fault)';

/** Waits until the text of `selector` matches `re`, and returns it. */
export async function waitText(page, selector, re) {
  try {
    await page.waitForFunction(([sel, src, flags]) => new RegExp(src, flags).test(document.querySelector(sel)?.textContent || ''),
      [selector, re.source, re.flags], { timeout: UI_TIMEOUT });
  } catch (e) {
    const now = await page.textContent(selector).catch(() => null);
    throw new Error(`${selector} did not match ${re} (it says ${JSON.stringify(now)})`, { cause: e });
  }
  return (await page.textContent(selector)).trim();
}
