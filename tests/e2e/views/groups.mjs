// Groups view: the tree and a group's details (read), create/rename/move with the affected-users
// preview (write), delete behind a confirmation (destructive), and a simulator fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INJECTED_503, api, apiUrl, needsAdmin, openDialog, openPage, screenshots, unique, waitText, withFault } from '../support.mjs';

const node = (page, id) => page.locator(`#group-tree .node[data-id="${id}"]`);

async function openGroup(page, id) {
  await node(page, id).click();
  await page.waitForSelector('#group-actions:not([hidden])', { timeout: 20000 });
}

async function createUnder(page, parentId, name) {
  await openGroup(page, parentId);
  await page.click('#group-create');
  const dialog = openDialog(page);
  await dialog.getByLabel('Group name').fill(name);
  await dialog.getByRole('button', { name: 'Create group' }).click();
  const text = await waitText(page, '#group-action-status', /^Created /);
  return Number(/\((\d+)\)\.$/.exec(text)[1]);
}

test('groups view: the tree shows the hierarchy and a group its details', async () => {
  const { page, errors } = await openPage('#groups');
  await waitText(page, '#groups-status', /^\d+ groups$/);
  const tree = await page.textContent('#group-tree');
  for (const name of ['Acme Corporation', 'Web Properties', 'Storefront', 'Reseller EMEA']) assert.ok(tree.includes(name), name);
  assert.equal(await page.locator('#group-tree ul ul ul .node').count() > 0, true, 'subgroups nest');
  await openGroup(page, 18001);
  const details = await page.textContent('#group-detail');
  assert.match(details, /Web Properties/);
  assert.match(details, /Acme Corporation \(18000\)/);
  assert.equal(await node(page, 18001).getAttribute('aria-current'), 'true');
  await screenshots(page, 'groups');
  assert.deepEqual(errors, []);
  await page.close();
});

test('groups view: create, rename, and move a group after previewing the affected users', async () => {
  const { page, errors } = await openPage('#groups');
  await waitText(page, '#groups-status', /^\d+ groups$/);
  const name = unique('E2E team');
  const id = await createUnder(page, 18003, name);
  assert.equal((await api(`/user-admin/groups/${id}`)).parentGroupId, 18003);
  assert.equal(await node(page, id).getAttribute('aria-current'), 'true', 'the new group is selected');

  await page.click('#group-rename');
  let dialog = openDialog(page);
  await dialog.getByLabel('New name').fill(`${name} renamed`);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await waitText(page, '#group-action-status', /^Renamed .* to .* renamed\.$/);
  assert.equal((await api(`/user-admin/groups/${id}`)).groupName, `${name} renamed`);

  await page.click('#group-move');
  dialog = openDialog(page);
  await dialog.getByLabel('Move under').selectOption('18002');
  const lost = await api(`/user-admin/groups/move/${id}/18002/affected-users?userType=lostAccess`);
  const gained = await api(`/user-admin/groups/move/${id}/18002/affected-users?userType=gainAccess`);
  await waitText(page, '#move-preview', new RegExp(`Lose access: ${lost.length}.*Gain access: ${gained.length}`));
  for (const u of lost.slice(0, 3)) assert.ok((await page.textContent('#move-preview')).includes(u.email), u.email);
  await dialog.getByRole('button', { name: 'Move group' }).click();
  await waitText(page, '#group-action-status', /^Moved .* under Security Operations\.$/);
  assert.equal((await api(`/user-admin/groups/${id}`)).parentGroupId, 18002);
  assert.equal(await page.locator(`#group-tree li:has(> .node[data-id="18002"]) .node[data-id="${id}"]`).count(), 1, 'the tree shows it under its new parent');
  assert.deepEqual(errors, []);
  await page.close();
});

test('groups view: delete asks first, then removes the group; a group with subgroups is refused', async () => {
  const { page, errors } = await openPage('#groups');
  await waitText(page, '#groups-status', /^\d+ groups$/);
  const id = await createUnder(page, 18003, unique('E2E temp'));

  await page.click('#group-delete');
  const dialog = openDialog(page);
  assert.match(await dialog.textContent(), /cannot be undone/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await api(`/user-admin/groups/${id}`); // still there

  await page.click('#group-delete');
  await dialog.getByRole('button', { name: 'Delete group' }).click();
  await waitText(page, '#group-action-status', /^Deleted /);
  assert.equal(await node(page, id).count(), 0);
  const gone = await fetch(apiUrl(`/user-admin/groups/${id}`));
  assert.equal(gone.status, 404);

  await openGroup(page, 18001);
  await page.click('#group-delete');
  await dialog.getByRole('button', { name: 'Delete group' }).click();
  const text = await waitText(page, '#group-action-status', /failed/);
  assert.match(text, /^Deleting Web Properties failed: Conflict \(409\): Group 18001 has subgroups/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('groups view: a simulator 503 during a rename is shown in the dialog, which stays open', async (t) => {
  if (!needsAdmin(t)) return;
  const { page } = await openPage('#groups');
  await waitText(page, '#groups-status', /^\d+ groups$/);
  await openGroup(page, 18007);
  await withFault('503', async () => {
    await page.click('#group-rename');
    const dialog = openDialog(page);
    await dialog.getByLabel('New name').fill('Reseller EMEA and APJ');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    const status = dialog.locator('.status');
    await status.filter({ hasText: 'failed' }).waitFor({ timeout: 20000 });
    assert.equal((await status.textContent()).trim(), `Renaming the group failed: ${INJECTED_503}`);
    assert.equal(await dialog.isVisible(), true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
  assert.equal((await api('/user-admin/groups/18007')).groupName, 'Reseller EMEA');
  await page.close();
});
