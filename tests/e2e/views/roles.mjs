// Roles view: the list and a role's granted roles (read), a custom role created from grantable
// roles (write), its deletion behind a confirmation (destructive), and a simulator fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INJECTED_503, api, apiUrl, needsAdmin, openDialog, openPage, screenshots, unique, waitText, withFault } from '../support.mjs';

const row = (page, name) => page.locator('#roles tbody tr', { has: page.getByRole('cell', { name, exact: true }) });

async function createRole(page, name) {
  await page.click('#role-create');
  const dialog = openDialog(page);
  await dialog.getByLabel('Role name').fill(name);
  await dialog.getByLabel('Description').fill('Created by the end-to-end tests');
  await dialog.getByLabel('Filter granted roles').fill('DNS');
  const boxes = dialog.locator('.choice:visible input[type=checkbox]');
  assert.ok(await boxes.count() >= 1, 'the filter keeps matching grantable roles');
  await boxes.nth(0).check();
  const picked = (await dialog.locator('.choice:has(input:checked)').textContent()).trim();
  await dialog.getByRole('button', { name: 'Create role' }).click();
  const text = await waitText(page, '#role-action-status', /^Created role /);
  return { id: Number(/\((\d+)\)\.$/.exec(text)[1]), picked };
}

test('roles view: lists the roles and shows a role with its granted roles', async () => {
  const { page, errors } = await openPage('#roles');
  const text = await waitText(page, '#roles-status', /^\d+ roles$/);
  const roles = await api('/user-admin/roles');
  assert.equal(text, `${roles.length} roles`);
  await row(page, 'Admin').click();
  await page.waitForSelector('#granted-roles li', { timeout: 20000 });
  assert.match(await page.textContent('#role-detail'), /Type\s*standard/);
  assert.equal(await page.isHidden('#role-actions'), true, 'standard roles cannot be deleted');
  await screenshots(page, 'roles');
  assert.deepEqual(errors, []);
  await page.close();
});

test('roles view: creates a custom role from grantable roles, then edits its granted roles', async () => {
  const { page, errors } = await openPage('#roles');
  await waitText(page, '#roles-status', /^\d+ roles$/);
  const name = unique('E2E role');
  const { id, picked } = await createRole(page, name);
  const role = await api(`/user-admin/roles/${id}?grantedRoles=true`);
  assert.equal(role.roleName, name);
  assert.deepEqual(role.grantedRoles.map((g) => g.grantedRoleName), [picked]);
  await waitText(page, '#granted-roles', new RegExp(picked.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await row(page, name).getAttribute('aria-selected'), 'true');

  // Edit its granted roles: the form shows the current one checked; add a second.
  await page.click('#role-edit');
  const dialog = openDialog(page);
  assert.equal((await dialog.locator('.choice:has(input:checked)').textContent()).trim(), picked);
  await dialog.locator('.choice:not(:has(input:checked)) input').first().check();
  await dialog.getByRole('button', { name: 'Save role' }).click();
  await waitText(page, '#role-action-status', /^Saved role /);
  const edited = await api(`/user-admin/roles/${id}?grantedRoles=true`);
  assert.equal(edited.grantedRoles.length, 2);
  assert.ok(edited.grantedRoles.some((g) => g.grantedRoleName === picked));
  assert.deepEqual(errors, []);
  await page.close();
});

test('roles view: deleting a custom role asks first', async () => {
  const { page, errors } = await openPage('#roles');
  await waitText(page, '#roles-status', /^\d+ roles$/);
  const name = unique('E2E doomed');
  const { id } = await createRole(page, name);
  await page.click('#role-delete');
  const dialog = openDialog(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await api(`/user-admin/roles/${id}`);
  await page.click('#role-delete');
  await dialog.getByRole('button', { name: 'Delete role' }).click();
  await waitText(page, '#role-action-status', /^Deleted role /);
  assert.equal(await row(page, name).count(), 0);
  assert.equal((await fetch(apiUrl(`/user-admin/roles/${id}`))).status, 404);
  assert.deepEqual(errors, []);
  await page.close();
});

test('roles view: a simulator 503 while loading a role shows the error title and detail', async (t) => {
  if (!needsAdmin(t)) return;
  const { page } = await openPage('#roles');
  await waitText(page, '#roles-status', /^\d+ roles$/);
  await withFault('503', async () => {
    await row(page, 'Publisher').click();
    const text = await waitText(page, '#role-detail-status', /^Could not/);
    assert.equal(text, `Could not load the role: ${INJECTED_503}`);
  });
  await page.close();
});
