// Read-only workflows: who can do what where (accessReport, with CSV), and which API credentials
// expire soon (expiringCredentials). Plain JS over an IamClient's existing operations: nothing
// here is compiled into the core WebAssembly module.
import { pool, throwIfAborted } from './pool.js';

/**
 * The grants a user holds in their own right, from an `authGrants` tree as IAM returns it: every
 * top-level entry, and every nested entry whose role or `isBlocked` differs from its parent's
 * (a nested entry that only repeats its parent's role is the cascade, not a grant).
 * @returns {Map<number, {groupId: number, groupName?: string, roleId: number, roleName?: string, isBlocked: boolean}>}
 */
export function explicitGrants(authGrants = []) {
  const out = new Map();
  const walk = (node, parent) => {
    if (node.groupId === undefined || node.groupId === null) return;
    const blocked = node.isBlocked === true;
    const roleId = node.roleId ?? parent.roleId; // a null role is the cascade (the spec)
    if ((roleId !== parent.roleId || blocked) && !out.has(node.groupId)) {
      out.set(node.groupId, {
        groupId: node.groupId, groupName: node.groupName, roleId, roleName: node.roleName,
        isBlocked: blocked,
      });
    }
    for (const sub of node.subGroups ?? []) walk(sub, { roleId });
  };
  // Top-level entries first, so that they win over the same group met nested.
  for (const g of authGrants) {
    if (g.groupId !== undefined && g.groupId !== null) {
      out.set(g.groupId, {
        groupId: g.groupId, groupName: g.groupName, roleId: g.roleId, roleName: g.roleName,
        isBlocked: g.isBlocked === true,
      });
    }
  }
  for (const g of authGrants) for (const sub of g.subGroups ?? []) walk(sub, { roleId: g.roleId });
  return out;
}

/**
 * Every group's effective grant for one user, resolved the way IAM resolves it: a grant on a
 * group applies to its subgroups unless a subgroup has a grant of its own (another role, or
 * `isBlocked`, which removes access there and below).
 * @param {Array<{groupId: number, groupName: string, subGroups?: unknown[]}>} tree `listGroups()`
 * @param {Map<number, {roleId: number, roleName?: string, isBlocked: boolean}>} grants
 */
export function resolveGrants(tree, grants, roleNames = new Map()) {
  const rows = [];
  const seen = new Set();
  const visit = (group, inherited, depth) => {
    if (depth > 64 || seen.has(group.groupId)) return;
    seen.add(group.groupId);
    const own = grants.get(group.groupId);
    let effective = inherited;
    if (own) effective = own.isBlocked ? null : { ...own, from: null };
    if (effective) {
      rows.push({
        groupId: group.groupId, groupName: group.groupName, roleId: effective.roleId,
        roleName: effective.roleName ?? roleNames.get(effective.roleId) ?? String(effective.roleId),
        inheritedFrom: effective.from,
      });
    }
    const down = effective && !effective.from
      ? { ...effective, from: { groupId: group.groupId, groupName: group.groupName } }
      : effective;
    for (const sub of group.subGroups ?? []) visit(sub, down, depth + 1);
  };
  for (const root of tree) visit(root, null, 0);
  // A grant on a group the tree does not show (not visible to these credentials) still counts.
  for (const g of grants.values()) {
    if (!seen.has(g.groupId) && !g.isBlocked) {
      rows.push({ groupId: g.groupId, groupName: g.groupName ?? String(g.groupId), roleId: g.roleId,
        roleName: g.roleName ?? roleNames.get(g.roleId) ?? String(g.roleId), inheritedFrom: null });
    }
  }
  return rows;
}

/**
 * Every user's effective role on every group: `listGroups` and `listUsers({ authGrants: true })`
 * (two requests), then inheritance resolved locally.
 */
export async function accessReport(client, options = {}) {
  const { signal, onProgress, accountSwitchKey } = options;
  const key = accountSwitchKey ? { accountSwitchKey } : {};
  throwIfAborted(signal);
  const [tree, users] = await Promise.all([
    client.listGroups({ ...key }, { signal }),
    client.listUsers({ authGrants: true, ...key }, { signal }),
  ]);
  onProgress?.({ done: 2, total: 2 });
  const rows = [];
  for (const u of users) {
    for (const r of resolveGrants(tree, explicitGrants(u.authGrants))) {
      rows.push({
        uiIdentityId: u.uiIdentityId, userName: u.uiUserName, email: u.email,
        name: `${u.firstName} ${u.lastName}`, ...r,
      });
    }
  }
  rows.sort((a, b) => a.email.localeCompare(b.email) || a.groupId - b.groupId);
  return { rows, users: users.length, groups: countGroups(tree), generatedAt: new Date().toISOString() };
}

function countGroups(tree) {
  let n = 0;
  const walk = (g, depth) => { n += 1; if (depth < 64) for (const s of g.subGroups ?? []) walk(s, depth + 1); };
  for (const g of tree) walk(g, 0);
  return n;
}

const CSV_COLUMNS = [
  ['uiIdentityId', (r) => r.uiIdentityId], ['email', (r) => r.email], ['name', (r) => r.name],
  ['groupId', (r) => r.groupId], ['groupName', (r) => r.groupName], ['roleId', (r) => r.roleId],
  ['roleName', (r) => r.roleName], ['inheritedFromGroupId', (r) => r.inheritedFrom?.groupId ?? ''],
  ['inheritedFromGroupName', (r) => r.inheritedFrom?.groupName ?? ''],
];

/**
 * The report's rows as CSV (RFC 4180, CRLF line ends, a header row). A cell that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.
 */
export function accessReportCsv(rows) {
  const cell = (v) => {
    let s = String(v ?? '');
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map(([, get]) => cell(get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const DAY_MS = 86_400_000;

/**
 * Every API client's active credentials whose `expiresOn` falls within `withinDays` from now,
 * and those already expired but still active, sorted by date. One `listApiClients`, then one
 * `listCredentials` per client (at most `concurrency` at once, through the client's limiter).
 */
export async function expiringCredentials(client, options = {}) {
  const { withinDays = 30, signal, onProgress, concurrency = 4, accountSwitchKey } = options;
  if (!(Number.isFinite(withinDays) && withinDays >= 0)) {
    throw new RangeError('expiringCredentials: withinDays must be a number ≥ 0');
  }
  const now = options.now ?? Date.now();
  const until = now + withinDays * DAY_MS;
  const key = accountSwitchKey ? { accountSwitchKey } : {};
  throwIfAborted(signal);
  const clients = await client.listApiClients({ ...key }, { signal });
  const items = [];
  const failures = [];
  let done = 0;
  await pool(clients, concurrency, signal, async (c) => {
    try {
      const creds = await client.listCredentials({ clientId: String(c.clientId), ...key }, { signal });
      for (const cred of creds) {
        const at = Date.parse(cred.expiresOn);
        if (cred.status !== 'ACTIVE' || !Number.isFinite(at) || at > until) continue;
        items.push({
          clientId: c.clientId, clientName: c.clientName, credentialId: cred.credentialId,
          clientToken: cred.clientToken, description: cred.description ?? '', status: cred.status,
          expiresOn: cred.expiresOn, expired: at <= now,
          daysLeft: at > now ? Math.ceil((at - now) / DAY_MS) : -Math.floor((now - at) / DAY_MS),
        });
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      failures.push({ clientId: c.clientId, clientName: c.clientName, error: errorSummary(error) });
    }
    done += 1;
    onProgress?.({ done, total: clients.length });
  });
  throwIfAborted(signal); // a partial list is not the answer
  items.sort((a, b) => Date.parse(a.expiresOn) - Date.parse(b.expiresOn)
    || String(a.clientId).localeCompare(String(b.clientId)));
  return { withinDays, checkedAt: new Date(now).toISOString(), clients: clients.length, items, failures };
}

/** What a failed call leaves in a result: plain data, no stack. */
export function errorSummary(error) {
  return {
    message: String(error?.message ?? error),
    kind: typeof error?.kind === 'string' ? error.kind : 'unknown',
    status: typeof error?.status === 'number' ? error.status : null,
  };
}
