// The user form and its auth-grant editor: create a user with grants on two groups, edit one
// grant, remove the user; IAM's errors at the field; and the whole form plus the group tree
// driven with the keyboard only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, apiUrl, openDialog, openPage, screenshots, unique, waitText } from '../support.mjs';

async function userByEmail(email) {
  const users = await api('/user-admin/ui-identities');
  const u = users.find((x) => x.email === email);
  return u && api(`/user-admin/ui-identities/${u.uiIdentityId}?authGrants=true`);
}

const grantsOf = (u) => u.authGrants.map((g) => [g.groupId, g.roleId]).sort((a, b) => a[0] - b[0]);
const roleSelect = (page, groupId) => openDialog(page).locator(`select[data-group-id="${groupId}"]`);

test('user form: create with grants on two groups, edit one grant, remove the user', async () => {
  const { page, errors } = await openPage('#users');
  await page.waitForSelector('#users tbody tr', { timeout: 20000 });
  await page.click('#user-create');
  const dialog = openDialog(page);
  await dialog.locator('[role="tree"]').waitFor();
  const email = `${unique('form').replace(/\W+/g, '.')}@example.com`.toLowerCase();

  // Nothing is sent without a group role: the error shows at the tree.
  await dialog.getByLabel('First name').fill('Grace');
  await dialog.getByLabel('Last name').fill('Hopper');
  await dialog.getByLabel('Email', { exact: true }).fill(email);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await waitText(page, 'dialog[open] [id$="-authGrants-error"]', /at least one group/);

  await roleSelect(page, 18001).selectOption({ label: 'Publisher' });
  await roleSelect(page, 18002).selectOption({ label: 'Viewer' });
  const child = dialog.locator('[role="treeitem"][data-group-id="18004"]');
  assert.match(await child.locator('.inherited').textContent(), /inherits Publisher from Web Properties/);
  await screenshots(page, 'user-form', { fullPage: false });

  // An email another user has: IAM's 409 shows at the email field.
  const taken = (await api('/user-admin/ui-identities'))[5].email;
  await dialog.getByLabel('Email', { exact: true }).fill(taken);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await waitText(page, 'dialog[open] [id$="-email-error"]', /already exists/);

  await dialog.getByLabel('Email', { exact: true }).fill(email);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitText(page, '#users-status', /^User created/);
  const created = await userByEmail(email);
  assert.deepEqual(grantsOf(created), [[18001, 5], [18002, 6]]);
  assert.equal(created.firstName, 'Grace');

  // Edit: the details show the new user; change the role on one group.
  await page.waitForSelector('#user-actions:not([hidden])');
  assert.match(await page.textContent('#detail-fields'), new RegExp(created.uiIdentityId));
  await page.click('#user-edit');
  await openDialog(page).locator('[role="tree"]').waitFor();
  assert.equal(await roleSelect(page, 18002).inputValue(), '6', 'the form shows the current grants');
  await roleSelect(page, 18002).selectOption({ label: 'Technical Support' });
  // Block one subgroup of Web Properties: IAM keeps the cascaded role on the blocked grant.
  await roleSelect(page, 18004).selectOption({ label: 'Blocked (no access)' });
  assert.equal(await openDialog(page).locator('[role="treeitem"][data-group-id="18004"] .inherited').first().textContent(), 'blocked');
  await openDialog(page).getByRole('button', { name: 'Save changes' }).click();
  await openDialog(page).waitFor({ state: 'detached' });
  await waitText(page, '#user-action-status', /is saved\.$/);
  const edited = await userByEmail(email);
  assert.deepEqual(grantsOf(edited), [[18001, 5], [18002, 4], [18004, 5]]);
  assert.equal(edited.authGrants.find((g) => g.groupId === 18004).isBlocked, true);

  // Remove, behind a confirmation.
  await page.click('#user-remove');
  await openDialog(page).getByRole('button', { name: 'Remove user' }).click();
  await waitText(page, '#detail-status', /was removed\.$/);
  const gone = await fetch(apiUrl(`/user-admin/ui-identities/${created.uiIdentityId}`));
  assert.equal(gone.status, 404);
  assert.deepEqual(errors, []);
  await page.close();
});

test('user form: keyboard only, with the group tree (arrows move, Enter picks the role)', async () => {
  const { page, errors } = await openPage('#users');
  await page.waitForSelector('#users tbody tr', { timeout: 20000 });
  await page.focus('#user-create');
  await page.keyboard.press('Enter');
  const dialog = openDialog(page);
  await dialog.locator('[role="tree"]').waitFor();
  const email = `${unique('keys').replace(/\W+/g, '.')}@example.com`.toLowerCase();
  assert.equal(await page.evaluate(() => document.activeElement.name), 'firstName', 'focus starts in the form');
  await page.keyboard.type('Kay');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Board');
  await page.keyboard.press('Tab');
  await page.keyboard.type(email);

  const active = () => page.evaluate(() => {
    const a = document.activeElement;
    return { role: a.getAttribute('role'), tag: a.tagName, text: a.textContent.trim(), group: a.dataset.groupId, label: a.getAttribute('aria-label') };
  });
  // Tab on to the tree: one stop for the whole tree.
  for (let i = 0; i < 30 && (await active()).role !== 'treeitem'; i += 1) await page.keyboard.press('Tab');
  assert.equal((await active()).role, 'treeitem');
  assert.equal((await active()).group, '18000', 'the tree starts at the root group');
  await page.keyboard.press('ArrowDown');
  assert.equal((await active()).group, '18001');
  await page.keyboard.press('Enter');
  assert.equal((await active()).tag, 'SELECT');
  await page.keyboard.press('ArrowDown'); // the first role
  await page.keyboard.press('Enter'); // back to the tree
  const row = await active();
  assert.equal(row.role, 'treeitem');
  const chosen = await roleSelect(page, 18001).inputValue();
  assert.notEqual(chosen, '', 'a role was chosen with the keyboard');
  assert.match(row.label, /^Web Properties: /);
  await page.keyboard.press('ArrowDown');
  assert.match((await active()).label, /^Storefront: inherited .* from Web Properties$/);
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  assert.equal((await active()).group, '18000');

  for (let i = 0; i < 10 && (await active()).text !== 'Create user'; i += 1) await page.keyboard.press('Tab');
  assert.equal((await active()).text, 'Create user');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  const created = await userByEmail(email);
  assert.deepEqual(grantsOf(created), [[18001, Number(chosen)]]);
  assert.deepEqual(errors, []);
  await page.close();
});
