// akamai-iam-wasm/workflows from the packed package, in Node, through the proxy and simulator
// pair that scripts/test.sh starts for fault tests (IAM_FAULT_PROXY_URL, IAM_SIM_ADMIN_URL):
// the access report against one computed here from raw API calls, expiring credentials against
// the ones planted here, a bulk lock under 30 % injected 429/503, and a cancelled bulk lock
// counted at the simulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumer, run, requireEnv, tsc } from './lib.mjs';
import { independentReport, plantExpiring, simAdmin, unlockedUsers } from './workflows-support.mjs';

let app;
const PROXY = process.env.IAM_FAULT_PROXY_URL;
before(() => {
  requireEnv('PKG_TARBALL', 'IAM_FAULT_PROXY_URL', 'IAM_SIM_ADMIN_URL');
  app = consumer('workflows');
});
after(async () => {
  app?.cleanup();
  if (process.env.IAM_SIM_ADMIN_URL) {
    await simAdmin('DELETE', '/faults');
    await simAdmin('POST', '/reset');
  }
});

/** Runs `body` (ESM, top-level await) in the consumer with `iam`, the workflows and `input`. */
function script(name, body, input = {}) {
  const file = `${name}.mjs`;
  writeFileSync(join(app.dir, file), `
    import { IamClient } from 'akamai-iam-wasm';
    import * as wf from 'akamai-iam-wasm/workflows';
    const input = ${JSON.stringify(input)};
    const iam = new IamClient({ baseUrl: ${JSON.stringify(PROXY)}, retries: 4,
      rateLimit: { requestsPerSecond: 200, burst: 8, maxConcurrent: 8 } });
    ${body}
  `);
  const { stdout } = run(process.execPath, [file], { cwd: app.dir });
  return JSON.parse(stdout.trim().split('\n').pop());
}

test('workflows: accessReport matches a report computed from raw API calls, and its CSV', async () => {
  await simAdmin('DELETE', '/faults');
  await simAdmin('POST', '/reset');
  const out = script('report', `
    const report = await wf.accessReport(iam);
    const csv = wf.accessReportCsv(report.rows);
    console.log(JSON.stringify({ rows: report.rows, users: report.users, csv }));
  `);
  const expected = await independentReport(PROXY);
  const key = (r) => `${r.uiIdentityId}|${r.groupId}|${r.roleId}|${r.inheritedFrom?.groupId ?? ''}`;
  assert.deepEqual(out.rows.map(key).sort(), expected.map(key).sort());
  assert.ok(out.rows.some((r) => r.inheritedFrom), 'some rows are inherited');
  const lines = out.csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'uiIdentityId,email,name,groupId,groupName,roleId,roleName,inheritedFromGroupId,inheritedFromGroupName');
  assert.equal(lines.length, out.rows.length + 1);
});

test('workflows: inheritance as IAM resolves it: nested overrides, null roles cascade, isBlocked stops the cascade', () => {
  const out = script('resolve', `
    const tree = [{ groupId: 1, groupName: 'Root', subGroups: [
      { groupId: 2, groupName: 'A', subGroups: [{ groupId: 4, groupName: 'A1', subGroups: [{ groupId: 6, groupName: 'A1x', subGroups: [] }] },
                                                { groupId: 5, groupName: 'A2', subGroups: [] }] },
      { groupId: 3, groupName: 'B', subGroups: [] }] }];
    // IAM's shape: one grant on A, its subgroups nested; A1 blocked, A2 with a null role (the cascade),
    // and a grant of its own further down (A1x), listed nested only.
    const grants = [{ groupId: 2, roleId: 6, roleName: 'Viewer', subGroups: [
      { groupId: 4, roleId: 6, isBlocked: true, subGroups: [{ groupId: 6, roleId: 5, roleName: 'Publisher', subGroups: [] }] },
      { groupId: 5, roleId: null, subGroups: [] }] }];
    const rows = wf.resolveGrants(tree, wf.explicitGrants(grants));
    console.log(JSON.stringify(rows.map((r) => [r.groupId, r.roleId, r.inheritedFrom?.groupId ?? null])));
  `);
  assert.deepEqual(out, [[2, 6, null], [6, 5, null], [5, 6, 2]]);
});

test('workflows: expiringCredentials lists exactly the planted credentials, sorted by date', async () => {
  await simAdmin('DELETE', '/faults');
  await simAdmin('POST', '/reset');
  const planted = await plantExpiring(PROXY);
  const out = script('expiring', `
    const r = await wf.expiringCredentials(iam, { withinDays: 30 });
    console.log(JSON.stringify(r));
  `);
  assert.deepEqual(out.failures, []);
  assert.deepEqual(out.items.map((c) => c.credentialId), planted.expected.map((c) => c.credentialId));
  assert.deepEqual(out.items.map((c) => c.expired), planted.expected.map((c) => c.expired));
});

test('workflows: a dry run lists each request and sends no change', async () => {
  await simAdmin('DELETE', '/faults');
  await simAdmin('POST', '/reset');
  const users = (await unlockedUsers(PROXY)).slice(0, 3);
  await simAdmin('DELETE', '/stats');
  const out = script('dry', `
    const r = await wf.bulkAction(iam, { action: 'grantRole', groupId: 18005, roleId: 6, users: input.users, dryRun: true });
    console.log(JSON.stringify(r));
  `, { users });
  assert.deepEqual(out.items.map((i) => i.outcome), ['planned', 'planned', 'planned']);
  for (const item of out.items) {
    assert.equal(item.requests[0].method, 'PUT');
    assert.match(item.requests[0].path, /\/auth-grants$/);
    assert.ok(item.requests[0].body.some((g) => g.groupId === 18005 && g.roleId === 6));
  }
  const stats = await simAdmin('GET', '/stats');
  assert.equal(stats.byOperation['put-ui-uiidentity-auth-grants'] ?? 0, 0, 'no change was sent');
});

test('workflows: bulk lock of 20 users under 30 % injected 429/503 locks every user exactly once', async () => {
  await simAdmin('DELETE', '/faults');
  await simAdmin('POST', '/reset');
  const users = (await unlockedUsers(PROXY)).slice(0, 20);
  assert.equal(users.length, 20);
  await simAdmin('DELETE', '/stats');
  await simAdmin('PUT', '/faults', { rate: 0.3, kinds: ['429', '503'], retryAfterSecs: 0, seed: 14 });
  const out = script('bulk', `
    const seen = [];
    const r = await wf.bulkAction(iam, { action: 'lock', users: input.users, concurrency: 4, retryDelayMs: 50,
      onProgress: (p) => seen.push(p.done + '/' + p.total) });
    console.log(JSON.stringify({ ...r, seen }));
  `, { users });
  const stats = await simAdmin('GET', '/stats');
  await simAdmin('DELETE', '/faults');
  assert.equal(out.succeeded, 20, JSON.stringify(out.items.filter((i) => i.outcome !== 'done')));
  assert.deepEqual(out.items.map((i) => i.outcome), Array(20).fill('done'));
  assert.equal(out.seen.at(-1), '20/20');
  const attempts = out.items.reduce((n, i) => n + i.attempts, 0);
  const faults = (stats.faults['429'] ?? 0) + (stats.faults['503'] ?? 0);
  assert.ok(faults > 0, 'faults were injected');
  assert.equal(stats.byOperation['post-ui-identity-lock'], attempts, 'every attempt reached the simulator');
  assert.equal(attempts - faults, 20, 'exactly one lock per user got through');
  for (const id of users) {
    const res = await fetch(`${PROXY}/identity-management/v3/user-admin/ui-identities/${id}`);
    assert.equal((await res.json()).isLocked, true, id);
  }
});

test('workflows: aborting mid-bulk stops further requests (counted at the simulator)', async () => {
  await simAdmin('DELETE', '/faults');
  await simAdmin('POST', '/reset');
  const users = (await unlockedUsers(PROXY)).slice(0, 20);
  await simAdmin('DELETE', '/stats');
  await simAdmin('PUT', '/faults', { rate: 1.0, kinds: ['slow'], slowMs: 150, seed: 1 });
  const out = script('cancel', `
    const ac = new AbortController();
    const r = await wf.bulkAction(iam, { action: 'lock', users: input.users, concurrency: 2, signal: ac.signal,
      onProgress: (p) => { if (p.done === 5) ac.abort(); } });
    console.log(JSON.stringify(r));
  `, { users });
  const atEnd = (await simAdmin('GET', '/stats')).byOperation['post-ui-identity-lock'] ?? 0;
  await new Promise((r) => setTimeout(r, 1000));
  const later = (await simAdmin('GET', '/stats')).byOperation['post-ui-identity-lock'] ?? 0;
  await simAdmin('DELETE', '/faults');
  assert.equal(out.aborted, true);
  const done = out.items.filter((i) => i.outcome === 'done').length;
  const skipped = out.items.filter((i) => i.outcome === 'skipped').length;
  assert.ok(done >= 5 && done <= 7, `done ${done}`);
  assert.ok(skipped >= 11, `skipped ${skipped}`);
  assert.equal(done + skipped + out.abortedItems, 20);
  assert.equal(later, atEnd, 'no request after the workflow settled');
  assert.ok(atEnd <= done + out.abortedItems, `${atEnd} locks for ${done} done + ${out.abortedItems} in flight`);
  for (const item of out.items.filter((i) => i.outcome === 'skipped')) {
    const res = await fetch(`${PROXY}/identity-management/v3/user-admin/ui-identities/${item.uiIdentityId}`);
    assert.equal((await res.json()).isLocked, false, `${item.uiIdentityId} was not touched`);
  }
});

test('workflows: tsc --strict types them for the Node and the web client, and refuses a wrong action', () => {
  const node = tsc(app.dir, 'wf-node.ts', `
    import { IamClient } from 'akamai-iam-wasm';
    import { accessReport, accessReportCsv, bulkAction, expiringCredentials, type BulkResult } from 'akamai-iam-wasm/workflows';
    export async function main(signal: AbortSignal): Promise<[string, BulkResult, number]> {
      const iam = new IamClient({ baseUrl: 'http://127.0.0.1:8600' });
      const report = await accessReport(iam, { signal });
      const csv: string = accessReportCsv(report.rows.filter((r) => r.inheritedFrom?.groupId === 18000));
      const soon = await expiringCredentials(iam, { withinDays: 30, onProgress: (p) => console.log(p.done, p.total) });
      const result = await bulkAction(iam, { action: 'grantRole', groupId: 1, roleId: 2, users: ['a', { uiIdentityId: 'b' }],
        dryRun: true, onProgress: (p) => console.log(p.item.outcome, p.succeeded) });
      return [csv, result, soon.items[0]?.daysLeft ?? 0];
    }
  `, 'nodenext');
  assert.equal(node.status, 0, node.output);
  const web = tsc(app.dir, 'wf-web.ts', `
    import { IamClient } from 'akamai-iam-wasm';
    import { bulkAction } from 'akamai-iam-wasm/workflows';
    export const run = () => bulkAction(new IamClient({ baseUrl: 'http://127.0.0.1:8600' }), { action: 'lock', users: [] });
  `, 'bundler');
  assert.equal(web.status, 0, web.output);
  const wrong = tsc(app.dir, 'wf-wrong.ts', `
    import { IamClient } from 'akamai-iam-wasm';
    import { bulkAction } from 'akamai-iam-wasm/workflows';
    bulkAction(new IamClient({ baseUrl: 'x' }), { action: 'explode', users: [] });
  `, 'bundler');
  assert.notEqual(wrong.status, 0, 'an unknown action must not compile');
  assert.match(wrong.output, /explode/);
});
