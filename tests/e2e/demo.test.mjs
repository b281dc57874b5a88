// End-to-end: the IAM console (www/) in headless Chromium through the real proxy and simulator.
// scripts/test.sh starts them and sets DEMO_URL (the page with ?proxy=...), SCREENSHOT_DIR and
// SIM_ADMIN_URL (the simulator's admin API, for resets and injected faults).
// This is the only test file: the views' tests are imported so they all run in one process, one
// after the other (injected faults are global to the simulator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_URL, MOBILE, OUT, openPage } from './support.mjs';
import './views/users.mjs';
import './views/groups.mjs';
import './views/roles.mjs';
import './views/clients.mjs';
import './views/allowlist.mjs';
import './views/settings.mjs';
import './views/userform.mjs';
import './views/workflows.mjs';

test('demo page lists the simulator users and shows one user with auth grants', async () => {
  const { page, errors } = await openPage();
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
  await page.waitForSelector('#detail-fields:not([hidden])');
  await page.screenshot({ path: `${OUT}/users-desktop.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('demo page is keyboard usable: Enter on a focused row opens it', async () => {
  const { page } = await openPage('', MOBILE);
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
  const { page } = await openPage('', undefined, url.toString());
  await page.waitForSelector('#users-status.error', { timeout: 20000 });
  assert.match(await page.textContent('#users-status'), /^Could not list users: /);
  assert.equal(await page.locator('#users').isHidden(), true);
  await page.close();
});
