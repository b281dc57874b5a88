// Settings: the proxy URL and account switch key are remembered; ?proxy= overrides the saved URL;
// the dialog is keyboard usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_URL, openPage, waitText } from '../support.mjs';

test('settings: the proxy URL and switch key are saved and used; ?proxy= overrides them', async () => {
  const { page, errors } = await openPage('#users');
  const proxy = new URL(DEMO_URL).searchParams.get('proxy');
  await waitText(page, '#users-status', /^\d+ of \d+ users$/);
  await page.click('#settings-open');
  await page.waitForSelector('#settings-dialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'proxy-url', 'focus moves into the dialog');
  assert.equal(await page.inputValue('#proxy-url'), proxy);
  await page.fill('#switch-key', 'B-C-1ED34DY:1-2RBL');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#settings-dialog', { state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'settings-open', 'focus returns to the opener');
  assert.equal(new URL(page.url()).searchParams.has('proxy'), false, 'the override leaves the address');
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('iam.proxyUrl'), localStorage.getItem('iam.accountSwitchKey')]),
    [proxy, 'B-C-1ED34DY:1-2RBL']);

  // Reloaded without ?proxy=, the page uses what was saved, switch key included.
  const seen = [];
  page.on('request', (r) => { if (r.url().includes('/identity-management/')) seen.push(r.url()); });
  await page.reload();
  await waitText(page, '#users-status', /^\d+ of \d+ users$/);
  assert.ok(seen.length > 0 && seen.every((u) => u.startsWith(proxy) && u.includes('accountSwitchKey=B-C-1ED34DY%3A1-2RBL')), seen.join('\n'));
  assert.match(await page.textContent('#connection'), /B-C-1ED34DY:1-2RBL/);

  // ?proxy= wins over the saved URL.
  const other = new URL(page.url());
  other.searchParams.set('proxy', 'http://127.0.0.1:9');
  await page.goto(other.toString());
  await waitText(page, '#users-status', /^Could not list users: /);
  assert.deepEqual(errors, []);
  await page.close();
});

test('settings: Escape closes the dialog without saving', async () => {
  const { page } = await openPage('#users');
  await page.click('#settings-open');
  await page.fill('#proxy-url', 'http://127.0.0.1:1');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#settings-dialog', { state: 'hidden' });
  assert.equal(await page.evaluate(() => localStorage.getItem('iam.proxyUrl')), null);
  await page.close();
});
