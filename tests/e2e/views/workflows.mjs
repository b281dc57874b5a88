// The views over the package's workflows: Access review against a report computed here from raw
// API calls (and its CSV download), Expiring credentials against the planted ones (and Rotate),
// bulk lock of 20 users under 30 % injected 429/503, and Cancel mid-bulk counted at the simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SIM_ADMIN_URL, api, needsAdmin, openDialog, openPage, screenshots, waitText } from '../support.mjs';
import { independentReport, plantExpiring, simAdmin } from '../../consumers/workflows-support.mjs';

const PROXY = () => new URL(process.env.DEMO_URL).searchParams.get('proxy');
const admin = (method, path, body) => simAdmin(method, path, body, SIM_ADMIN_URL);

test('access review matches a report computed from raw API calls; filters; CSV download', async () => {
  const { page, errors } = await openPage('#access');
  await page.waitForSelector('#access tbody tr', { timeout: 20000 });
  const shown = await page.$$eval('#access tbody tr', (trs) => trs.map((tr) => ({
    user: tr.dataset.user, group: Number(tr.dataset.group), role: Number(tr.dataset.role),
    inherited: tr.cells[3].textContent.trim() })));
  const expected = await independentReport(PROXY());
  const key = (r) => `${r.user ?? r.uiIdentityId}|${r.group ?? r.groupId}|${r.role ?? r.roleId}`;
  assert.deepEqual(shown.map(key).sort(), expected.map(key).sort());
  const directShown = shown.filter((r) => r.inherited === 'direct').length;
  assert.equal(directShown, expected.filter((r) => !r.inheritedFrom).length, 'direct vs inherited');
  assert.match(await page.textContent('#access-status'), new RegExp(`^${expected.length} of ${expected.length} grants$`));

  await page.selectOption('#access-role', { label: 'Publisher' });
  const publishers = await page.$$eval('#access tbody tr', (trs) => trs.map((tr) => tr.dataset.role));
  assert.ok(publishers.length > 0 && publishers.every((r) => r === '5'));
  await page.selectOption('#access-group', { label: '\u2003Web Properties' });
  const rows = await page.locator('#access tbody tr').count();
  assert.equal(rows, expected.filter((r) => r.roleId === 5 && r.groupId === 18001).length);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#access-csv')]);
  const csv = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  assert.equal(csv.length, rows + 1);
  assert.match(csv[0], /^uiIdentityId,email,name,groupId,groupName,roleId,roleName,/);
  await page.selectOption('#access-group', '');
  await page.selectOption('#access-role', '');
  // One user's rows for the screenshots (the whole account is 200+ rows).
  await page.fill('#access-user', (await page.textContent('#access tbody tr:nth-child(3) small')).trim());
  assert.match(await page.textContent('#access-status'), /^\d+ of \d+ grants$/);
  await screenshots(page, 'access-review');
  assert.deepEqual(errors, []);
  await page.close();
});

test('expiring credentials lists exactly the planted ones, soonest first; the window filters; Rotate', async (t) => {
  if (!needsAdmin(t)) return;
  const planted = await plantExpiring(PROXY());
  const { page, errors } = await openPage('#expiring');
  await waitText(page, '#expiring-status', /^3 credentials expiring within 30 days/);
  const ids = () => page.$$eval('#expiring tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.credentialId)));
  assert.deepEqual(await ids(), planted.expected.map((c) => c.credentialId));
  assert.match(await page.textContent('#expiring tbody tr:first-child'), /expired 2 days ago/);
  await screenshots(page, 'expiring-credentials');

  await page.selectOption('#expiring-window', '7');
  await waitText(page, '#expiring-status', /^2 credentials expiring within 7 days/);
  assert.deepEqual(await ids(), planted.expected.filter((c) => c.days <= 7).map((c) => c.credentialId));

  // Rotate the expired one: new credential, secret stored, old one deactivated → gone from the list.
  const old = planted.expected[0];
  await page.click(`#expiring tbody tr[data-credential-id="${old.credentialId}"] button`);
  const dialog = openDialog(page);
  await dialog.getByRole('button', { name: 'Create new credential' }).click();
  await dialog.getByLabel(/I have stored the new secret/).check();
  await dialog.getByRole('button', { name: 'Deactivate old credential' }).click();
  await waitText(page, 'dialog[open] li[data-step="3"] .status', /^Deactivated\.$/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await waitText(page, '#expiring-status', /^1 credential expiring within 7 days/);
  const creds = await api(`/api-clients/${old.clientId}/credentials`);
  assert.equal(creds.find((c) => c.credentialId === old.credentialId).status, 'INACTIVE');
  assert.ok(creds.filter((c) => c.status === 'ACTIVE').length >= 1, 'the new credential is active');
  assert.deepEqual(errors, []);
  await page.close();
});

/** Ticks the first `n` unlocked users of the list; returns their IDs. */
async function pickUnlocked(page, n) {
  await page.waitForSelector('#users tbody tr', { timeout: 20000 });
  const ids = await page.$$eval('#users tbody tr', (trs, max) => trs.filter((tr) => /active/.test(tr.cells[4].textContent))
    .slice(0, max).map((tr) => tr.dataset.id), n);
  for (const id of ids) await page.check(`#users tbody tr[data-id="${id}"] input.pick`);
  await waitText(page, '#bulk-count', new RegExp(`^${n} selected$`));
  return ids;
}

const lockCount = async () => (await admin('GET', '/stats')).byOperation['post-ui-identity-lock'] ?? 0;

test('bulk lock of 20 users under 30 % injected 429/503 reaches 20/20, every user locked', async (t) => {
  if (!needsAdmin(t)) return;
  const { page, errors } = await openPage('#users');
  const ids = await pickUnlocked(page, 20);
  assert.equal(ids.length, 20);
  // The preview lists each request and sends nothing.
  await page.click('#bulk-preview');
  await waitText(page, '#bulk-status', /^Preview: 20 planned/);
  assert.equal(await page.locator('#bulk-results tbody tr[data-outcome="planned"]').count(), 20);
  assert.match(await page.textContent('#bulk-results tbody tr:first-child code'), /^POST \/identity-management\/v3\/user-admin\/ui-identities\/.+\/lock$/);
  await admin('DELETE', '/stats');
  assert.equal(await lockCount(), 0);

  await admin('PUT', '/faults', { rate: 0.3, kinds: ['429', '503'], retryAfterSecs: 0, seed: 7 });
  await page.click('#bulk-run');
  await openDialog(page).getByRole('button', { name: 'Lock 20 users' }).click();
  await waitText(page, '#bulk-status', /^Finished: 20 done, 0 failed/);
  const faults = (await admin('GET', '/stats')).faults;
  await admin('DELETE', '/faults');
  assert.equal(await page.$eval('#bulk-progress', (p) => `${p.value}/${p.max}`), '20/20');
  assert.equal(await page.textContent('#bulk-progress-text'), '20/20');
  assert.equal(await page.locator('#bulk-results tbody tr[data-outcome="done"]').count(), 20);
  assert.ok((faults['429'] ?? 0) + (faults['503'] ?? 0) > 0, 'faults were injected');
  const attempts = await page.$$eval('#bulk-results tbody tr', (trs) => trs.reduce((n, tr) => n + Number(tr.dataset.attempts), 0));
  assert.equal(await lockCount(), attempts, 'each attempt shown reached the simulator, no other lock was sent');
  for (const id of ids) assert.equal((await api(`/user-admin/ui-identities/${id}`)).isLocked, true, id);
  await screenshots(page, 'bulk-actions');
  assert.deepEqual(errors, []);
  await page.close();
});

test('cancel mid-bulk: no lock request after Cancel (counted at the simulator)', async (t) => {
  if (!needsAdmin(t)) return;
  const { page, errors } = await openPage('#users');
  const ids = await pickUnlocked(page, 20);
  await admin('DELETE', '/stats');
  await admin('PUT', '/faults', { rate: 1.0, kinds: ['slow'], slowMs: 250, seed: 3 });
  await page.click('#bulk-run');
  await openDialog(page).getByRole('button', { name: 'Lock 20 users' }).click();
  await page.waitForFunction(() => document.querySelector('#bulk-progress').value >= 4, null, { timeout: 20000 });
  await page.click('#bulk-cancel');
  await waitText(page, '#bulk-status', /^Cancelled: /);
  const atEnd = await lockCount();
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await lockCount(), atEnd, 'no request after the run settled');
  await admin('DELETE', '/faults');
  assert.ok(atEnd < 20, `${atEnd} locks sent`);
  const skipped = await page.$$eval('#bulk-results tbody tr[data-outcome="skipped"]', (trs) => trs.map((tr) => tr.dataset.id));
  assert.ok(skipped.length > 0);
  for (const id of skipped) assert.equal((await api(`/user-admin/ui-identities/${id}`)).isLocked, false, id);
  assert.ok(ids.length === 20);
  assert.deepEqual(errors, []);
  await page.close();
});
