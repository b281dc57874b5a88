// Users view: group filter (read), lock/unlock (write), password reset behind a confirmation
// (destructive), and a simulator fault shown as the IamError's title and detail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INJECTED_503, api, needsAdmin, openDialog, openPage, waitText, withFault } from '../support.mjs';

async function openUser(page, search) {
  await page.waitForSelector('#users tbody tr', { timeout: 20000 });
  await page.fill('#user-search', search);
  const row = page.locator('#users tbody tr').first();
  const id = await row.getAttribute('data-id');
  await row.click();
  await page.waitForSelector('#user-actions:not([hidden])');
  return { row, id };
}

test('users view: the group filter lists only the users of that group', async () => {
  const { page, errors } = await openPage('#users');
  await page.waitForSelector('#users tbody tr', { timeout: 20000 });
  const total = await page.locator('#users tbody tr').count();
  const option = page.locator('#user-group option', { hasText: 'Security Operations' });
  await page.selectOption('#user-group', await option.getAttribute('value'));
  const text = await waitText(page, '#users-status', /^\d+ of \d+ users$/);
  const shown = await page.locator('#users tbody tr').count();
  const expected = await api('/user-admin/ui-identities?groupId=18002');
  assert.equal(shown, expected.length, text);
  assert.ok(shown > 0 && shown < total, `${shown} of ${total}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('users view: lock asks first (Cancel changes nothing), then locks; unlock restores', async () => {
  const { page, errors } = await openPage('#users');
  const { row, id } = await openUser(page, 'aperez@');
  assert.equal(await page.textContent('#user-lock'), 'Lock');

  await page.click('#user-lock');
  const dialog = openDialog(page);
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('role'), 'alertdialog');
  assert.match(await dialog.textContent(), /Lock Ana Perez\?/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel', 'the safe choice has the focus');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'user-lock', 'focus returns to the opener');
  assert.equal((await api(`/user-admin/ui-identities/${id}`)).isLocked, false, 'cancel sent nothing');

  await page.click('#user-lock');
  await dialog.getByRole('button', { name: 'Lock user' }).click();
  await waitText(page, '#user-action-status', /^Ana Perez is locked\.$/);
  assert.equal((await api(`/user-admin/ui-identities/${id}`)).isLocked, true);
  await waitText(page, '#user-lock', /^Unlock$/);
  assert.match(await row.textContent(), /locked/);

  await page.click('#user-lock');
  await waitText(page, '#user-action-status', /^Ana Perez is unlocked\.$/);
  assert.equal((await api(`/user-admin/ui-identities/${id}`)).isLocked, false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('users view: reset password and reset MFA run only after confirmation and report the result', async () => {
  const { page, errors } = await openPage('#users');
  await openUser(page, 'bsilva@');
  await page.click('#user-reset-password');
  const dialog = openDialog(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.isHidden('#user-action-status'), true, 'nothing ran');

  await page.click('#user-reset-password');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await waitText(page, '#user-action-status', /^Password reset: a one-time password was emailed to bsilva@example\.net\.$/);

  await page.click('#user-reset-mfa');
  await dialog.getByRole('button', { name: 'Reset MFA' }).click();
  await waitText(page, '#user-action-status', /^MFA reset for Bjørn Silva\.$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('users view: a simulator 503 during a reset shows the error title and detail', async (t) => {
  if (!needsAdmin(t)) return;
  const { page } = await openPage('#users');
  await openUser(page, 'cnguyen@');
  await withFault('503', async () => {
    await page.click('#user-reset-mfa');
    await openDialog(page).getByRole('button', { name: 'Reset MFA' }).click();
    const text = await waitText(page, '#user-action-status', /failed/);
    assert.equal(text, `Resetting MFA failed: ${INJECTED_503}`);
    assert.match(await page.getAttribute('#user-action-status', 'class'), /error/);
  });
  await page.close();
});
