// IP allowlist view: status and CIDR blocks (read), adding a block with the CIDR checked before
// sending and turning it off (write), deleting a block and enabling the allowlist behind
// confirmations (destructive), and a simulator fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INJECTED_503, api, needsAdmin, openDialog, openPage, screenshots, waitText, withFault } from '../support.mjs';

const loaded = (page) => waitText(page, '#allowlist-status', /^\d+ CIDR blocks/);
const row = (page, cidr) => page.locator('#cidr-blocks tbody tr', { has: page.locator('code', { hasText: cidr }) });
// A block no other test run uses, so the test does not depend on a reset.
const freshCidr = () => `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.0/24`;

async function add(page, cidr, comment) {
  await page.fill('#cidr-block', cidr);
  await page.fill('#cidr-comments', comment);
  await page.click('#cidr-add');
}

test('IP allowlist view: shows the status and the CIDR blocks', async () => {
  const { page, errors } = await openPage('#allowlist');
  await loaded(page);
  const [status, blocks] = await Promise.all([api('/user-admin/ip-acl/allowlist/status'), api('/user-admin/ip-acl/allowlist')]);
  assert.equal((await page.textContent('#allowlist-state')).trim(), status.enabled ? 'enabled' : 'disabled');
  assert.equal(await page.locator('#cidr-blocks tbody tr').count(), blocks.length);
  for (const b of blocks) assert.equal(await row(page, b.cidrBlock).count(), 1, b.cidrBlock);
  await screenshots(page, 'allowlist');
  assert.deepEqual(errors, []);
  await page.close();
});

test('IP allowlist view: a bad CIDR is refused before any request; a good one is added and can be turned off', async () => {
  const { page, errors } = await openPage('#allowlist');
  await loaded(page);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  await add(page, '198.51.100.0/33', 'bad prefix');
  await page.waitForSelector('#cidr-error:not([hidden])');
  assert.match(await page.textContent('#cidr-error'), /cidrBlock/);
  assert.equal(await page.getAttribute('#cidr-block', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cidr-block', 'focus goes to the field');
  assert.deepEqual(posts, [], 'the client refused it without a request');

  const cidr = freshCidr();
  await add(page, cidr, 'E2E office');
  await waitText(page, '#cidr-action-status', new RegExp(`^Added ${cidr.replace(/\./g, '\\.')}\\.$`));
  assert.equal(await page.isHidden('#cidr-error'), true);
  const created = (await api('/user-admin/ip-acl/allowlist')).find((b) => b.cidrBlock === cidr);
  assert.equal(created.comments, 'E2E office');
  assert.equal(created.enabled, true);

  await row(page, cidr).getByRole('button', { name: `Disable ${cidr}` }).click();
  await waitText(page, '#cidr-action-status', /is disabled\.$/);
  assert.equal((await api(`/user-admin/ip-acl/allowlist/${created.cidrBlockId}`)).enabled, false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('IP allowlist view: delete and enable ask first', async () => {
  const { page, errors } = await openPage('#allowlist');
  await loaded(page);
  const cidr = freshCidr();
  await add(page, cidr, 'E2E to delete');
  await waitText(page, '#cidr-action-status', /^Added /);
  const dialog = openDialog(page);

  await row(page, cidr).getByRole('button', { name: /^Delete / }).click();
  assert.match(await dialog.textContent(), new RegExp(`Delete ${cidr.replace(/\./g, '\\.')}\\?`));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await api('/user-admin/ip-acl/allowlist')).some((b) => b.cidrBlock === cidr), true);
  await row(page, cidr).getByRole('button', { name: /^Delete / }).click();
  await dialog.getByRole('button', { name: 'Delete CIDR block' }).click();
  await waitText(page, '#cidr-action-status', /^Deleted /);
  // The status is set when the delete answers; the list is reloaded after it.
  await row(page, cidr).waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(await row(page, cidr).count(), 0);
  assert.equal((await api('/user-admin/ip-acl/allowlist')).some((b) => b.cidrBlock === cidr), false);

  const wasEnabled = (await api('/user-admin/ip-acl/allowlist/status')).enabled;
  for (const turnOn of [!wasEnabled, wasEnabled]) {
    await page.click('#allowlist-toggle');
    await dialog.getByRole('button', { name: turnOn ? 'Enable allowlist' : 'Disable allowlist' }).click();
    await waitText(page, '#cidr-action-status', turnOn ? /is enabled\.$/ : /is disabled\.$/);
    assert.equal((await api('/user-admin/ip-acl/allowlist/status')).enabled, turnOn);
    await waitText(page, '#allowlist-state', turnOn ? /^enabled$/ : /^disabled$/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('IP allowlist view: a simulator 503 while adding a block shows the error title and detail', async (t) => {
  if (!needsAdmin(t)) return;
  const { page } = await openPage('#allowlist');
  await loaded(page);
  const cidr = freshCidr();
  await withFault('503', async () => {
    await add(page, cidr, 'E2E fault');
    const text = await waitText(page, '#cidr-action-status', /failed/);
    assert.equal(text, `Adding ${cidr} failed: ${INJECTED_503}`);
  });
  assert.equal((await api('/user-admin/ip-acl/allowlist')).some((b) => b.cidrBlock === cidr), false);
  await page.close();
});
