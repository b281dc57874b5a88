// Bulk actions from the users list: the bar (action, group, role), a preview (the workflow's dry
// run: each request listed, nothing sent), and the run with a progress bar, per-user results
// and Cancel (an AbortController: no request starts after it).
import { $, h, confirmAction, describe, groupOptions, pill, setStatus } from './ui.js';
import { bulkAction, BULK_ACTIONS } from '../pkg/workflows/index.js';

let ctx;
let hooks;
let users = [];
let running = null; // the AbortController of the run in progress
const LABEL = { lock: 'Lock', unlock: 'Unlock', resetMfa: 'Reset MFA', moveToGroup: 'Move to group', grantRole: 'Grant role', revokeRole: 'Revoke role' };
const OUTCOME = { done: ['done', 'good'], planned: ['planned', 'info'], unchanged: ['unchanged', ''], failed: ['failed', 'bad'], aborted: ['cancelled in flight', 'bad'], skipped: ['not started', ''] };
const who = (id) => { const u = users.find((x) => x.uiIdentityId === id); return u ? `${u.firstName} ${u.lastName}` : id; };

function needs() {
  return BULK_ACTIONS[$('#bulk-action').value];
}

function syncFields() {
  const n = needs();
  $('#bulk-group').hidden = !n.includes('groupId');
  $('#bulk-role').hidden = !n.includes('roleId') && $('#bulk-action').value !== 'moveToGroup';
}

/** Why the bar's choices cannot run, or '' when they can. */
function problem() {
  const n = needs();
  if (n.includes('groupId') && !$('#bulk-group').value) return 'Choose a group.';
  if (n.includes('roleId') && !$('#bulk-role').value) return 'Choose a role.';
  return '';
}

function options(dryRun, onProgress, signal) {
  const n = needs();
  const action = $('#bulk-action').value;
  const o = { action, users: users.map((u) => u.uiIdentityId), dryRun, concurrency: 4, onProgress, signal };
  if (n.includes('groupId')) o.groupId = Number($('#bulk-group').value);
  const role = $('#bulk-role').value;
  if (n.includes('roleId') || (action === 'moveToGroup' && role)) o.roleId = Number(role);
  return o;
}

function requestText(item) {
  const r = item.requests[0];
  if (!r) return item.error ? item.error.message : '';
  return `${r.method} ${r.path}${r.body ? ` ${JSON.stringify(r.body)}` : ''}`;
}

function resultRow(item) {
  const [text, kind] = OUTCOME[item.outcome] ?? [item.outcome, ''];
  const detail = item.outcome === 'failed' ? item.error?.message ?? '' : requestText(item);
  return h('tr', { dataset: { id: item.uiIdentityId, outcome: item.outcome, attempts: String(item.attempts) } },
    h('td', { text: who(item.uiIdentityId) }), h('td', {}, pill(text, kind),
      item.attempts > 1 ? h('small', { class: 'hint', text: ` ${item.attempts} attempts` }) : ''),
    h('td', {}, h('code', { text: detail })));
}

function showPanel(title) {
  $('#bulk-panel').hidden = false;
  $('#bulk-heading').textContent = title;
  $('#bulk-results').tBodies[0].replaceChildren();
  $('#bulk-progress').max = Math.max(1, users.length);
  $('#bulk-progress').value = 0;
  $('#bulk-progress-text').textContent = `0/${users.length}`;
  $('#bulk-close').hidden = true;
}

function progress(p) {
  $('#bulk-progress').value = p.done;
  $('#bulk-progress').setAttribute('aria-valuetext', `${p.done} of ${p.total}`);
  $('#bulk-progress-text').textContent = `${p.done}/${p.total}`;
  setStatus($('#bulk-status'), `${p.done}/${p.total} · ${p.succeeded} ok · ${p.failed} failed`, 'busy');
  const body = $('#bulk-results').tBodies[0];
  const old = [...body.rows].find((r) => r.dataset.id === p.item.uiIdentityId);
  if (old) old.replaceWith(resultRow(p.item)); else body.append(resultRow(p.item));
}

function finish(result, verb) {
  $('#bulk-results').tBodies[0].replaceChildren(...result.items.map(resultRow));
  const parts = [`${result.succeeded} ${verb}`, `${result.failed} failed`];
  if (result.skipped) parts.push(`${result.skipped} not started`);
  if (result.abortedItems) parts.push(`${result.abortedItems} cancelled in flight`);
  const head = result.aborted ? 'Cancelled' : result.dryRun ? 'Preview' : 'Finished';
  setStatus($('#bulk-status'), `${head}: ${parts.join(', ')} (of ${result.total}).`, result.failed ? 'error' : 'ok');
  $('#bulk-cancel').hidden = true;
  $('#bulk-close').hidden = false;
  setBusy(false);
}

function setBusy(busy) {
  for (const id of ['#bulk-preview', '#bulk-run', '#bulk-clear', '#bulk-action', '#bulk-group', '#bulk-role']) $(id).disabled = busy;
}

function refuse() {
  const why = problem();
  if (!why) return false;
  $('#bulk-panel').hidden = false;
  setStatus($('#bulk-status'), why, 'error');
  return true;
}

async function preview() {
  if (refuse()) return;
  showPanel(`Preview: ${LABEL[$('#bulk-action').value]} ${users.length} users (nothing is sent)`);
  setBusy(true);
  setStatus($('#bulk-status'), 'Reading what the action needs…', 'busy');
  try {
    finish(await bulkAction(ctx.client, options(true, progress)), 'planned');
  } catch (err) {
    setStatus($('#bulk-status'), `Preview failed: ${describe(err)}`, 'error');
    setBusy(false);
  }
  $('#bulk-heading').focus();
}

async function run() {
  if (refuse()) return;
  const action = LABEL[$('#bulk-action').value];
  const ok = await confirmAction({ title: `${action}: ${users.length} users?`,
    message: `${action} runs on each selected user; progress and every user's result are shown, and you can cancel.`,
    confirm: `${action} ${users.length} users` });
  if (!ok) return;
  showPanel(`${action}: ${users.length} users`);
  running = new AbortController();
  $('#bulk-cancel').hidden = false;
  setBusy(true);
  setStatus($('#bulk-status'), `0/${users.length}`, 'busy');
  try {
    finish(await bulkAction(ctx.client, options(false, progress, running.signal)), 'done');
  } catch (err) {
    setStatus($('#bulk-status'), `${action} failed: ${describe(err)}`, 'error');
    setBusy(false);
  } finally {
    running = null;
    $('#bulk-cancel').hidden = true;
    $('#bulk-close').hidden = false;
    hooks.done();
  }
  $('#bulk-close').focus();
}

async function fill() {
  try {
    const [tree, roles] = await Promise.all([ctx.client.listGroups(), ctx.client.listRoles()]);
    $('#bulk-group').replaceChildren(...groupOptions(tree).map((o) => h('option', { value: String(o.value), text: o.label })));
    $('#bulk-role').replaceChildren(h('option', { value: '', text: 'Keep current role' }),
      ...roles.map((r) => h('option', { value: String(r.roleId), text: r.roleName })));
  } catch {
    // The bar stays usable for lock/unlock/reset MFA; the users table reports connection problems.
  }
}

export default {
  mount(c, h2) {
    ctx = c;
    hooks = h2;
    $('#bulk-action').addEventListener('change', () => {
      syncFields();
      $('#bulk-role').options[0].text = $('#bulk-action').value === 'moveToGroup' ? 'Keep current role' : 'Choose a role';
    });
    $('#bulk-preview').addEventListener('click', preview);
    $('#bulk-run').addEventListener('click', run);
    $('#bulk-clear').addEventListener('click', () => hooks.clear());
    $('#bulk-cancel').addEventListener('click', () => {
      running?.abort();
      setStatus($('#bulk-status'), 'Cancelling: no further request starts…', 'busy');
    });
    $('#bulk-close').addEventListener('click', () => { $('#bulk-panel').hidden = true; $('#users-heading').focus(); });
    syncFields();
  },
  load() {
    $('#bulk-panel').hidden = true;
    fill();
  },
  /** The users list's selection changed. */
  selectionChanged(list) {
    users = list;
    $('#bulk-bar').hidden = list.length === 0 && !running;
    $('#bulk-count').textContent = `${list.length} selected`;
  },
};
