// Users: the table (search, group filter), one user's details with auth grants, and lock/unlock,
// password reset and MFA reset, each destructive one behind a confirmation.
import { $, h, act, confirmAction, describe, groupOptions, markSelected, pill, selectableRow, setStatus, reveal } from './ui.js';
import { openUserForm } from './userform.js';
import bulk from './bulkui.js';

let ctx;
let users = [];
let selected = null; // the user shown in the details
const picked = new Set(); // the users chosen for a bulk action

const name = (u) => `${u.firstName} ${u.lastName}`;

function render() {
  const q = $('#user-search').value.trim().toLowerCase();
  const rows = users.filter((u) =>
    !q || `${name(u)} ${u.email} ${u.uiUserName ?? ''}`.toLowerCase().includes(q));
  $('#users').tBodies[0].replaceChildren(...rows.map((u) => selectableRow(
    [pickBox(u), name(u), u.email, u.additionalAuthentication, u.isLocked ? pill('locked', 'bad') : pill('active', 'good')],
    (tr) => showUser(u.uiIdentityId, tr),
    { id: u.uiIdentityId },
  )));
  shown = rows;
  syncPicked();
  if (selected) {
    const row = [...$('#users').tBodies[0].rows].find((r) => r.dataset.id === selected.uiIdentityId);
    if (row) row.setAttribute('aria-selected', 'true');
  }
  $('#users').hidden = false;
  setStatus($('#users-status'), `${rows.length} of ${users.length} users`);
}

let shown = [];

/** The row's checkbox: picks the user for a bulk action (its click does not open the user). */
function pickBox(u) {
  const box = h('input', { type: 'checkbox', class: 'pick', 'aria-label': `Select ${name(u)}`, checked: picked.has(u.uiIdentityId) });
  box.addEventListener('click', (e) => e.stopPropagation());
  box.addEventListener('change', () => {
    if (box.checked) picked.add(u.uiIdentityId); else picked.delete(u.uiIdentityId);
    syncPicked();
  });
  return box;
}

function syncPicked() {
  const all = $('#users-select-all');
  const n = shown.filter((u) => picked.has(u.uiIdentityId)).length;
  all.checked = n > 0 && n === shown.length;
  all.indeterminate = n > 0 && n < shown.length;
  bulk.selectionChanged(users.filter((u) => picked.has(u.uiIdentityId)));
}

function pickAll() {
  const on = $('#users-select-all').checked;
  for (const u of shown) { if (on) picked.add(u.uiIdentityId); else picked.delete(u.uiIdentityId); }
  for (const box of $('#users').tBodies[0].querySelectorAll('input.pick')) box.checked = on;
  syncPicked();
}

async function loadUsers() {
  setStatus($('#users-status'), 'Loading users…', 'busy');
  $('#users').hidden = true;
  const groupId = $('#user-group').value;
  try {
    users = await ctx.client.listUsers({ authGrants: false, ...(groupId ? { groupId: Number(groupId) } : {}) });
    render();
  } catch (err) {
    users = [];
    setStatus($('#users-status'), `Could not list users: ${describe(err)}`, 'error');
  }
}

async function loadGroupFilter() {
  const select = $('#user-group');
  try {
    const tree = await ctx.client.listGroups();
    const keep = select.value;
    select.replaceChildren(h('option', { value: '', text: 'All groups' }),
      ...groupOptions(tree).map((o) => h('option', { value: String(o.value), text: o.label })));
    select.value = keep;
  } catch {
    // The filter stays at "All groups"; the table's own status reports connection problems.
  }
}

function renderUser(u) {
  selected = u;
  const f = [
    ['Name', name(u)], ['User name', u.uiUserName], ['Email', u.email], ['ID', u.uiIdentityId],
    ['Job title', u.jobTitle], ['Country', u.country], ['Phone', u.phone], ['Time zone', u.timeZone],
    ['MFA', `${u.additionalAuthentication}${u.additionalAuthenticationConfigured ? ' (configured)' : ''}`],
    ['Locked', u.isLocked ? 'yes' : 'no'], ['Last login', u.lastLoginDate],
    ['Password expires', u.passwordExpiryDate],
  ].filter(([, v]) => v !== undefined && v !== null && v !== '');
  $('#detail-fields').replaceChildren(...f.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })]));
  $('#detail-fields').hidden = false;
  const grants = u.authGrants || [];
  $('#grants').replaceChildren(...grants.map((g) => h('li', {},
    h('strong', { text: g.groupName ?? (g.groupId === undefined ? 'Account' : `group ${g.groupId}`) }), `: ${g.roleName}`,
    g.isBlocked ? pill('blocked', 'bad') : '')));
  $('#grants').hidden = $('#grants-heading').hidden = grants.length === 0;
  $('#user-lock').textContent = u.isLocked ? 'Unlock' : 'Lock';
  $('#user-lock').className = u.isLocked ? '' : 'danger';
  $('#user-actions').hidden = false;
  $('#detail-status').hidden = true;
}

async function showUser(id, row) {
  markSelected($('#users').tBodies[0], row);
  reveal($('#detail'));
  setStatus($('#detail-status'), 'Loading…', 'busy');
  $('#detail-fields').hidden = true;
  $('#grants').hidden = $('#grants-heading').hidden = true;
  $('#user-actions').hidden = true;
  $('#user-action-status').hidden = true;
  try {
    renderUser(await ctx.client.getUser({ uiIdentityId: id, authGrants: true, notifications: true, actions: true }));
  } catch (err) {
    selected = null;
    setStatus($('#detail-status'), `Could not load the user: ${describe(err)}`, 'error');
  }
}

// After a change: refresh the details and the user's row.
async function refresh(id) {
  try {
    const u = await ctx.client.getUser({ uiIdentityId: id, authGrants: true, notifications: true, actions: true });
    renderUser(u);
    const i = users.findIndex((x) => x.uiIdentityId === id);
    if (i >= 0) users[i] = { ...users[i], isLocked: u.isLocked, additionalAuthentication: u.additionalAuthentication };
    render();
  } catch { /* the action's own status already says what happened */ }
}

const buttons = () => [...$('#user-actions').querySelectorAll('button')];

async function toggleLock() {
  const u = selected;
  if (!u) return;
  const status = $('#user-action-status');
  if (!u.isLocked) {
    const ok = await confirmAction({
      title: `Lock ${name(u)}?`,
      message: `${u.email} will not be able to log in to Control Center until unlocked.`,
      confirm: 'Lock user',
    });
    if (!ok) return;
    const r = await act(status, `Locking ${name(u)}`, () => ctx.client.lockUser({ uiIdentityId: u.uiIdentityId }),
      `${name(u)} is locked.`, buttons());
    if (r.ok) refresh(u.uiIdentityId);
  } else {
    const r = await act(status, `Unlocking ${name(u)}`, () => ctx.client.unlockUser({ uiIdentityId: u.uiIdentityId }),
      `${name(u)} is unlocked.`, buttons());
    if (r.ok) refresh(u.uiIdentityId);
  }
}

async function resetPassword() {
  const u = selected;
  if (!u) return;
  const ok = await confirmAction({
    title: `Reset the password of ${name(u)}?`,
    message: `The current password stops working. A one-time password is emailed to ${u.email}.`,
    confirm: 'Reset password',
  });
  if (!ok) return;
  await act($('#user-action-status'), 'Resetting the password',
    () => ctx.client.resetUserPassword({ uiIdentityId: u.uiIdentityId, sendEmail: true }),
    `Password reset: a one-time password was emailed to ${u.email}.`, buttons());
}

async function resetMfa() {
  const u = selected;
  if (!u) return;
  const ok = await confirmAction({
    title: `Reset MFA of ${name(u)}?`,
    message: `${name(u)} must set up multi-factor authentication again at the next login.`,
    confirm: 'Reset MFA',
  });
  if (!ok) return;
  const r = await act($('#user-action-status'), 'Resetting MFA',
    () => ctx.client.resetUserMfa({ uiIdentityId: u.uiIdentityId }),
    `MFA reset for ${name(u)}.`, buttons());
  if (r.ok) refresh(u.uiIdentityId);
}

async function createUser() {
  const id = await openUserForm(ctx, { others: users });
  if (!id) return;
  await loadUsers();
  const row = [...$('#users').tBodies[0].rows].find((r) => r.dataset.id === id);
  if (row) showUser(id, row);
  setStatus($('#users-status'), `User created. ${users.length} users.`, 'ok');
}

async function editUser() {
  const u = selected;
  if (!u) return;
  const id = await openUserForm(ctx, { user: u });
  if (!id) return;
  setStatus($('#user-action-status'), `${name(u)} is saved.`, 'ok');
  await refresh(id);
  await loadUsers();
}

async function removeUser() {
  const u = selected;
  if (!u) return;
  const ok = await confirmAction({
    title: `Remove ${name(u)}?`,
    message: `${u.email} loses every role and cannot log in again. This cannot be undone.`,
    confirm: 'Remove user',
  });
  if (!ok) return;
  const r = await act($('#user-action-status'), `Removing ${name(u)}`,
    () => ctx.client.removeUser({ uiIdentityId: u.uiIdentityId }), null, buttons());
  if (!r.ok) return;
  selected = null;
  picked.delete(u.uiIdentityId);
  $('#user-actions').hidden = true;
  $('#detail-fields').hidden = true;
  $('#grants').hidden = $('#grants-heading').hidden = true;
  setStatus($('#detail-status'), `${name(u)} was removed.`, 'ok');
  await loadUsers();
}

export default {
  mount(c) {
    ctx = c;
    $('#user-create').addEventListener('click', createUser);
    $('#user-edit').addEventListener('click', editUser);
    $('#user-remove').addEventListener('click', removeUser);
    $('#users-select-all').addEventListener('change', pickAll);
    bulk.mount(c, {
      clear: () => { picked.clear(); render(); },
      done: () => loadUsers(),
    });
    $('#user-search').addEventListener('input', render);
    $('#user-group').addEventListener('change', loadUsers);
    $('#user-lock').addEventListener('click', toggleLock);
    $('#user-reset-password').addEventListener('click', resetPassword);
    $('#user-reset-mfa').addEventListener('click', resetMfa);
  },
  load() {
    selected = null;
    picked.clear();
    loadUsers();
    loadGroupFilter();
    bulk.load();
  },
};
