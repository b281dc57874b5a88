// End-to-end: the demo page in headless Chromium (playwright-core + Debian's chromium), through the
// real proxy and simulator. scripts/test.sh starts them and sets DEMO_URL (the page with ?proxy=...).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const DEMO_URL = process.env.DEMO_URL;
const OUT = process.env.SCREENSHOT_DIR || 'test-output/screenshots';
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

async function openPage(url, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  return { page, errors };
}

test('demo page lists the simulator users and shows one user with auth grants', async () => {
  const { page, errors } = await openPage(DEMO_URL);
  await page.waitForSelector('#users tbody tr', { timeout: 20000 });
  const count = await page.locator('#users tbody tr').count();
  assert.ok(count >= 50, `expected at least 50 users, got ${count}`);
  assert.match(await page.textContent('#users-status'), new RegExp(`^${count} of ${count} users$`));

  const first = page.locator('#users tbody tr').first();
  const id = await first.getAttribute('data-id');
  await first.click();
  await page.waitForSelector('#detail-fields:not([hidden])');
  assert.ok((await page.textContent('#detail-fields')).includes(id), 'details show the selected id');
  assert.ok(await page.locator('#grants li').count() >= 1, 'details list auth grants');

  await page.fill('#user-search', '@');
  assert.ok((await page.locator('#users tbody tr').count()) > 0, 'search by email keeps matches');
  await page.fill('#user-search', 'no-such-user-zzz');
  assert.equal(await page.locator('#users tbody tr').count(), 0);
  await page.fill('#user-search', '');
  await first.click();
  await page.screenshot({ path: `${OUT}/users-desktop.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('demo page is keyboard usable: Enter on a focused row opens it', async () => {
  const { page } = await openPage(DEMO_URL, { width: 390, height: 844 });
  await page.waitForSelector('#users tbody tr');
  const row = page.locator('#users tbody tr').nth(2);
  const id = await row.getAttribute('data-id');
  await row.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#detail-fields:not([hidden])');
  assert.ok((await page.textContent('#detail-fields')).includes(id));
  await page.screenshot({ path: `${OUT}/users-mobile.png`, fullPage: true });
  await page.close();
});

test('an unreachable proxy shows the IamError, not a blank page', async () => {
  const url = new URL(DEMO_URL);
  url.searchParams.set('proxy', 'http://127.0.0.1:9'); // discard port: nothing listens
  const { page } = await openPage(url.toString());
  await page.waitForSelector('#users-status.error', { timeout: 20000 });
  assert.match(await page.textContent('#users-status'), /^Could not list users: /);
  assert.equal(await page.locator('#users').isHidden(), true);
  await page.close();
});
