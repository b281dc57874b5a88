// API clients view: a client and its credentials (read), creating a client whose secret is shown
// once (write), the guided credential rotation and lock behind a confirmation (destructive), and
// a simulator fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INJECTED_503, OUT, api, needsAdmin, openDialog, openPage, screenshots, unique, waitText, withFault } from '../support.mjs';

const row = (page, name) => page.locator('#clients tbody tr', { has: page.getByRole('cell', { name, exact: true }) });

async function openClient(page, name) {
  await waitText(page, '#clients-status', /^\d+ API clients$/);
  const r = row(page, name);
  const id = await r.getAttribute('data-id');
  await r.click();
  await page.waitForSelector('#client-actions:not([hidden])', { timeout: 20000 });
  return id;
}

test('API clients view: lists the clients and shows one with its credentials', async () => {
  const { page, errors } = await openPage('#clients');
  const id = await openClient(page, 'iam_automation');
  const creds = await api(`/api-clients/${id}/credentials`);
  assert.equal(await page.locator('#credentials tbody tr').count(), creds.length);
  for (const c of creds) assert.ok((await page.textContent('#credentials')).includes(c.clientToken));
  assert.match(await page.textContent('#client-detail'), /aperez/);
  await screenshots(page, 'clients');
  assert.deepEqual(errors, []);
  await page.close();
});

test('API clients view: creating a client shows its new secret once', async () => {
  const { page, errors } = await openPage('#clients');
  await waitText(page, '#clients-status', /^\d+ API clients$/);
  const name = unique('e2e-client').replace(/ /g, '_');
  await page.click('#client-create');
  let dialog = openDialog(page);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Authorized user').selectOption({ index: 0 });
  await dialog.getByRole('button', { name: 'Create API client' }).click();
  dialog = openDialog(page);
  await dialog.locator('#new-secret').waitFor({ timeout: 20000 });
  assert.ok((await dialog.locator('#new-secret').inputValue()).length >= 20, 'the secret is shown');
  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  await waitText(page, '#client-action-status', new RegExp(`^Created API client ${name}\\.$`));
  const listed = (await api('/api-clients')).find((c) => c.clientName === name);
  assert.equal(listed.activeCredentialCount, 1);
  assert.equal(await row(page, name).count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('API clients view: rotating a credential creates, shows, deactivates and deletes in order', async () => {
  const { page, errors } = await openPage('#clients');
  const id = await openClient(page, 'report_data');
  const before = (await api(`/api-clients/${id}/credentials`)).find((c) => c.status === 'ACTIVE');
  await page.getByRole('button', { name: `Rotate credential ${before.clientToken}` }).click();
  const dialog = openDialog(page);
  const step = (n) => dialog.locator(`li[data-step="${n}"]`);
  assert.equal(await dialog.getByRole('button', { name: 'Deactivate old credential' }).isDisabled(), true, 'steps run in order');

  await dialog.getByRole('button', { name: 'Create new credential' }).click();
  await step(1).locator('.status.ok').waitFor({ timeout: 20000 });
  const secret = await dialog.locator('#new-secret').inputValue();
  assert.ok(secret.length >= 20, 'the new secret is shown');
  assert.equal(await dialog.getByRole('button', { name: 'Deactivate old credential' }).isDisabled(), true, 'not before the secret is stored');
  await dialog.getByLabel(/I have stored the new secret/).check();
  await page.screenshot({ path: `${OUT}/clients-rotate-desktop.png` });

  await dialog.getByRole('button', { name: 'Deactivate old credential' }).click();
  await step(3).locator('.status.ok').waitFor({ timeout: 20000 });
  assert.equal((await api(`/api-clients/${id}/credentials/${before.credentialId}`)).status, 'INACTIVE');

  await dialog.getByRole('button', { name: 'Delete old credential' }).click();
  await step(4).locator('.status.ok').waitFor({ timeout: 20000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await waitText(page, '#client-action-status', /^Rotated credential /);

  const after = await api(`/api-clients/${id}/credentials`);
  assert.equal(after.some((c) => c.credentialId === before.credentialId), false, 'the old credential is gone');
  assert.equal(after.filter((c) => c.status === 'ACTIVE').length, 1, 'one active credential, the new one');
  assert.equal(JSON.stringify(after).includes(secret), false, 'the secret is never listed again');
  await page.waitForFunction((t) => !document.querySelector('#credentials').textContent.includes(t), before.clientToken);
  assert.deepEqual(errors, []);
  await page.close();
});

test('API clients view: locking a client asks first; unlocking restores it', async () => {
  const { page, errors } = await openPage('#clients');
  const id = await openClient(page, 'cli_user_client');
  await page.click('#client-lock');
  const dialog = openDialog(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await api(`/api-clients/${id}`)).isLocked, false);
  await page.click('#client-lock');
  await dialog.getByRole('button', { name: 'Lock API client' }).click();
  await waitText(page, '#client-action-status', /^cli_user_client is locked\.$/);
  assert.equal((await api(`/api-clients/${id}`)).isLocked, true);
  // The list reloads after the action: wait for the row to show the new state.
  await row(page, 'cli_user_client').filter({ hasText: /locked/ }).waitFor({ timeout: 10000 });
  await waitText(page, '#client-lock', /^Unlock$/);
  await page.click('#client-lock');
  await waitText(page, '#client-action-status', /^cli_user_client is unlocked\.$/);
  assert.equal((await api(`/api-clients/${id}`)).isLocked, false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('API clients view: a simulator 503 while creating a credential shows the error title and detail', async (t) => {
  if (!needsAdmin(t)) return;
  const { page } = await openPage('#clients');
  const id = await openClient(page, 'iam_automation');
  const count = (await api(`/api-clients/${id}/credentials`)).length;
  await withFault('503', async () => {
    await page.click('#credential-create');
    const text = await waitText(page, '#client-action-status', /failed/);
    assert.equal(text, `Creating a credential failed: ${INJECTED_503}`);
  });
  assert.equal((await api(`/api-clients/${id}/credentials`)).length, count, 'nothing was created');
  await page.close();
});
