// Bulk actions over a list of users: lock, unlock, reset MFA, move to a group, grant or revoke a
// role on a group. Each user is one item with its own outcome; a dry run reads what it must
// (the users' grants) and lists every change request it would send, sending none.
import { explicitGrants, errorSummary } from './report.js';
import { pool, sleep } from './pool.js';

const BASE = '/identity-management/v3/user-admin/ui-identities';
const enc = encodeURIComponent;

/** The bulk actions and what each needs besides the users. */
export const BULK_ACTIONS = Object.freeze({
  lock: [], unlock: [], resetMfa: [], moveToGroup: ['groupId'], grantRole: ['groupId', 'roleId'],
  revokeRole: ['groupId'],
});

const SIMPLE = {
  lock: (id) => ({ operation: 'lockUser', method: 'POST', path: `${BASE}/${enc(id)}/lock` }),
  unlock: (id) => ({ operation: 'unlockUser', method: 'POST', path: `${BASE}/${enc(id)}/unlock` }),
  resetMfa: (id) => ({ operation: 'resetUserMfa', method: 'PUT',
    path: `${BASE}/${enc(id)}/additionalAuthentication/reset` }),
};

/** The user's grants after the action, or a reason the action cannot apply. */
function newGrants(action, current, { groupId, roleId }) {
  const list = [...current.values()].map((g) => ({ groupId: g.groupId, roleId: g.roleId,
    ...(g.isBlocked ? { isBlocked: true } : {}) }));
  if (action === 'grantRole') {
    const same = current.get(groupId);
    if (same && same.roleId === roleId && !same.isBlocked) return { unchanged: true };
    return { grants: [...list.filter((g) => g.groupId !== groupId), { groupId, roleId }] };
  }
  if (action === 'revokeRole') {
    if (!current.has(groupId)) return { unchanged: true };
    const rest = list.filter((g) => g.groupId !== groupId);
    if (!rest.some((g) => !g.isBlocked)) {
      return { refuse: 'the user needs to have at least one group role assigned' };
    }
    return { grants: rest };
  }
  // moveToGroup: one grant on the target group, keeping the role of the user's first grant.
  const role = roleId ?? list.find((g) => !g.isBlocked)?.roleId;
  if (role === undefined) return { refuse: 'the user has no role to move (give roleId)' };
  if (list.length === 1 && list[0].groupId === groupId && list[0].roleId === role) return { unchanged: true };
  return { grants: [{ groupId, roleId: role }] };
}

function checkOptions(options) {
  const { action, users } = options ?? {};
  if (!Object.hasOwn(BULK_ACTIONS, action)) {
    throw new TypeError(`bulkAction: action must be one of ${Object.keys(BULK_ACTIONS).join(', ')}`);
  }
  for (const field of BULK_ACTIONS[action]) {
    if (!Number.isSafeInteger(options[field]) || options[field] < 0) {
      throw new TypeError(`bulkAction: ${action} needs ${field} (a whole number)`);
    }
  }
  if (!Array.isArray(users)) throw new TypeError('bulkAction: users must be an array');
  const ids = [];
  for (const u of users) {
    const id = typeof u === 'string' ? u : u?.uiIdentityId;
    if (typeof id !== 'string' || id === '') {
      throw new TypeError('bulkAction: every user is a uiIdentityId or an object with one');
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Whether a failed call changed nothing and may be sent again: the server refused it for load. */
function refusedForLoad(error) {
  return error?.rateLimited === true || error?.status === 429 || error?.status === 503;
}

/**
 * Runs `action` on every user, at most `concurrency` at once (each call also waits its turn in
 * the client's `rateLimit`). A call refused with 429/503 is sent again after the server's
 * `Retry-After` (else an exponential backoff); every worker waits out that pause together. The
 * result lists each user's outcome: `planned` (dry run), `done`, `unchanged`, `failed`,
 * `aborted` (in flight when the signal aborted: it may have been applied) or `skipped` (never
 * started).
 */
export async function bulkAction(client, options) {
  const ids = checkOptions(options);
  const { action, dryRun = false, concurrency = 4, signal, onProgress, accountSwitchKey } = options;
  const maxAttempts = Math.max(1, Math.min(20, options.maxAttempts ?? 8));
  const retryDelayMs = Math.max(1, options.retryDelayMs ?? 250);
  const key = accountSwitchKey ? { accountSwitchKey } : {};
  const items = ids.map((uiIdentityId) => ({ uiIdentityId, outcome: 'skipped', requests: [], attempts: 0 }));
  const tally = { done: 0, succeeded: 0, failed: 0 };
  let pauseUntil = 0;

  // One call, sent again while the server refuses it for load.
  const send = async (item, operation, params) => {
    for (let attempt = 1; ; attempt += 1) {
      const wait = pauseUntil - Date.now();
      if (wait > 0) await sleep(wait, signal);
      item.attempts += 1;
      try {
        return await client[operation](params, { signal });
      } catch (error) {
        if (!refusedForLoad(error) || attempt >= maxAttempts || signal?.aborted) throw error;
        const backoff = Math.min(10_000, retryDelayMs * 2 ** (attempt - 1));
        const ms = (error.retryAfterMs ?? backoff) + Math.random() * retryDelayMs;
        pauseUntil = Math.max(pauseUntil, Date.now() + ms);
      }
    }
  };

  const finish = (item, outcome, error) => {
    item.outcome = outcome;
    if (error) item.error = errorSummary(error);
    tally.done += 1;
    if (outcome === 'failed') tally.failed += 1; else tally.succeeded += 1;
    onProgress?.({ ...tally, total: items.length, item });
  };

  await pool(items, concurrency, signal, async (item) => {
    const id = item.uiIdentityId;
    item.outcome = 'running';
    try {
      let request;
      if (SIMPLE[action]) {
        request = { ...SIMPLE[action](id), params: { uiIdentityId: id, ...key } };
      } else {
        const user = await send(item, 'getUser', { uiIdentityId: id, authGrants: true, ...key });
        const plan = newGrants(action, explicitGrants(user.authGrants), options);
        if (plan.refuse) { finish(item, 'failed', new Error(`${action} ${id}: ${plan.refuse}`)); return; }
        if (plan.unchanged) { finish(item, 'unchanged'); return; }
        request = { operation: 'updateUserAuthGrants', method: 'PUT', path: `${BASE}/${enc(id)}/auth-grants`,
          params: { uiIdentityId: id, ...key, body: plan.grants }, body: plan.grants };
      }
      item.requests.push(request);
      if (dryRun) { finish(item, 'planned'); return; }
      await send(item, request.operation, request.params);
      finish(item, 'done');
    } catch (error) {
      if (signal?.aborted) { item.outcome = 'aborted'; item.error = errorSummary(error); return; }
      finish(item, 'failed', error);
    }
  });
  const count = (o) => items.filter((i) => i.outcome === o).length;
  return {
    action, dryRun, aborted: signal?.aborted === true, total: items.length,
    succeeded: tally.succeeded, failed: tally.failed, skipped: count('skipped'), abortedItems: count('aborted'),
    items,
  };
}
