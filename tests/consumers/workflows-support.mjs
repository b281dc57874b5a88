// Helpers of the workflow tests (Node and e2e): raw API calls through a proxy (which signs),
// the simulator's admin API, and the expected results computed here without the workflows.
import assert from 'node:assert/strict';

const API = '/identity-management/v3';
const DAY = 86_400_000;

/** A call to the simulator's admin API (IAM_SIM_ADMIN_URL unless `base` is given). */
export async function simAdmin(method, path, body, base = process.env.IAM_SIM_ADMIN_URL) {
  const res = await fetch(`${base.replace(/\/$/, '')}${path}`, {
    method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  assert.ok(res.ok, `admin ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A raw IAM API call through the proxy at `proxy`. */
export async function raw(proxy, method, path, body) {
  const res = await fetch(`${proxy}${API}${path}`, {
    method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** IDs of the users that are not locked, in the listing's order. */
export async function unlockedUsers(proxy) {
  const users = await raw(proxy, 'GET', '/user-admin/ui-identities');
  return users.filter((u) => !u.isLocked).map((u) => u.uiIdentityId);
}

/**
 * The access report computed the plain way: for each user and each group, the nearest group on
 * the way up to the root (itself included) that the user has a top-level grant on; a blocked
 * grant there means no access.
 */
export async function independentReport(proxy) {
  const tree = await raw(proxy, 'GET', '/user-admin/groups');
  const users = await raw(proxy, 'GET', '/user-admin/ui-identities?authGrants=true');
  const parent = new Map();
  const flat = [];
  const walk = (g, up) => { parent.set(g.groupId, up); flat.push(g); (g.subGroups || []).forEach((s) => walk(s, g.groupId)); };
  tree.forEach((g) => walk(g, null));
  const rows = [];
  for (const u of users) {
    const own = new Map((u.authGrants || []).map((g) => [g.groupId, g]));
    for (const g of flat) {
      let at = g.groupId;
      while (at !== null && at !== undefined && !own.has(at)) at = parent.get(at);
      if (at === null || at === undefined) continue;
      const grant = own.get(at);
      if (grant.isBlocked) continue;
      rows.push({ uiIdentityId: u.uiIdentityId, groupId: g.groupId, roleId: grant.roleId,
        inheritedFrom: at === g.groupId ? null : { groupId: at } });
    }
  }
  return rows;
}

/**
 * Deactivates every credential the account has, then plants five new ones on the API clients:
 * expired yet active, in 5 and 20 days (the three a 30-day window must list, in that order), in
 * 45 days (outside) and an inactive one in 10 days (not listed).
 */
export async function plantExpiring(proxy, now = Date.now()) {
  const clients = await raw(proxy, 'GET', '/api-clients');
  for (const c of clients) {
    for (const cred of await raw(proxy, 'GET', `/api-clients/${c.clientId}/credentials`)) {
      if (cred.status === 'ACTIVE') {
        await raw(proxy, 'PUT', `/api-clients/${c.clientId}/credentials/${cred.credentialId}`,
          { expiresOn: cred.expiresOn, status: 'INACTIVE' });
      }
    }
  }
  const plan = [[-2, 'ACTIVE'], [5, 'ACTIVE'], [20, 'ACTIVE'], [45, 'ACTIVE'], [10, 'INACTIVE']];
  const planted = [];
  for (const [i, [days, status]] of plan.entries()) {
    const c = clients[i % clients.length];
    const made = await raw(proxy, 'POST', `/api-clients/${c.clientId}/credentials`);
    const expiresOn = new Date(now + days * DAY).toISOString();
    await raw(proxy, 'PUT', `/api-clients/${c.clientId}/credentials/${made.credentialId}`,
      { expiresOn, status, description: `planted ${days} days` });
    planted.push({ clientId: c.clientId, credentialId: made.credentialId, clientToken: made.clientToken,
      days, status, expiresOn });
  }
  const expected = planted.filter((p) => p.status === 'ACTIVE' && p.days <= 30)
    .sort((a, b) => a.days - b.days).map((p) => ({ ...p, expired: p.days < 0 }));
  return { planted, expected };
}
