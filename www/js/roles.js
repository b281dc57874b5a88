// Roles: the list, one role's details with its granted roles and users, creating a custom role
// from grantable roles or editing one (its granted roles), and deleting a custom role (behind a
// confirmation).
import { $, h, act, confirmAction, date, describe, fields, formDialog, markSelected, pill, selectableRow, setStatus, reveal } from './ui.js';

let ctx;
let roles = [];
let selected = null;

const isCustom = (r) => r.type === 'custom';

function render() {
  $('#roles').tBodies[0].replaceChildren(...roles.map((r) => selectableRow(
    [r.roleName, pill(r.type, isCustom(r) ? 'info' : ''), r.numUsers ?? ''],
    (tr) => showRole(r.roleId, tr),
    { id: String(r.roleId) },
  )));
  if (selected) {
    const row = [...$('#roles').tBodies[0].rows].find((x) => x.dataset.id === String(selected.roleId));
    row?.setAttribute('aria-selected', 'true');
  }
  $('#roles').hidden = false;
}

async function loadRoles(select) {
  setStatus($('#roles-status'), 'Loading roles…', 'busy');
  try {
    roles = await ctx.client.listRoles({ actions: true });
    roles.sort((a, b) => a.roleName.localeCompare(b.roleName));
    render();
    setStatus($('#roles-status'), `${roles.length} roles`);
    if (select) {
      const row = [...$('#roles').tBodies[0].rows].find((x) => x.dataset.id === String(select));
      await showRole(select, row);
    }
  } catch (err) {
    roles = [];
    $('#roles').hidden = true;
    setStatus($('#roles-status'), `Could not list roles: ${describe(err)}`, 'error');
  }
}

async function showRole(id, row) {
  markSelected($('#roles').tBodies[0], row);
  reveal($('#role-detail-heading'));
  setStatus($('#role-detail-status'), 'Loading…', 'busy');
  $('#role-detail').replaceChildren();
  $('#role-actions').hidden = true;
  $('#role-action-status').hidden = true;
  try {
    const r = await ctx.client.getRole({ roleId: id, grantedRoles: true, users: true, actions: true });
    selected = r;
    const granted = r.grantedRoles || [];
    const members = r.users || [];
    $('#role-detail').replaceChildren(
      fields([['Name', r.roleName], ['ID', r.roleId], ['Type', r.type], ['Description', r.roleDescription],
        ['Modified', `${date(r.modifiedDate)} by ${r.modifiedBy}`]]),
      h('h3', { text: `Granted roles (${granted.length})` }),
      h('ul', { id: 'granted-roles', class: 'compact' }, granted.map((g) => h('li', { title: g.grantedRoleDescription || '', text: g.grantedRoleName }))),
      h('h3', { text: `Users (${members.length})` }),
      members.length
        ? h('ul', { class: 'compact' }, members.map((u) => h('li', { text: `${u.firstName} ${u.lastName} (${u.email})` })))
        : h('p', { class: 'hint', text: 'No user has this role.' }),
    );
    $('#role-actions').hidden = !isCustom(r);
    $('#role-detail-status').hidden = true;
  } catch (err) {
    setStatus($('#role-detail-status'), `Could not load the role: ${describe(err)}`, 'error');
  }
}

// Creates a custom role, or with `role` edits that custom role (name, description, granted roles).
async function roleForm(role = null) {
  const status = $('#role-action-status');
  const opener = role ? $('#role-edit') : $('#role-create');
  const r0 = await act(status, 'Loading grantable roles', () => ctx.client.listGrantableRoles(), null, [opener]);
  if (!r0.ok) return;
  const grantable = r0.value.slice().sort((a, b) => a.grantedRoleName.localeCompare(b.grantedRoleName));
  const saved = await formDialog({
    title: role ? `Edit ${role.roleName}` : 'New custom role',
    inputs: [
      { name: 'roleName', label: 'Role name', required: true, maxlength: 70, value: role?.roleName },
      { name: 'roleDescription', label: 'Description', type: 'textarea', required: true, maxlength: 250, value: role?.roleDescription },
      { name: 'grantedRoles', label: 'Granted roles', type: 'checkboxes', hint: 'Pick at least one grantable role.',
        value: (role?.grantedRoles || []).map((g) => g.grantedRoleId),
        options: grantable.map((g) => ({ value: g.grantedRoleId, label: g.grantedRoleName, title: g.grantedRoleDescription })) },
    ],
    submitLabel: role ? 'Save role' : 'Create role', busy: role ? 'Saving the role' : 'Creating the role',
    submit: ({ roleName, roleDescription, grantedRoles }, { fieldError }) => {
      if (!grantedRoles.length) {
        fieldError('grantedRoles', 'Pick at least one grantable role.');
        return Promise.reject(new Error('Pick at least one grantable role.'));
      }
      const body = { roleName, roleDescription, grantedRoles: grantedRoles.map((id) => ({ grantedRoleId: Number(id) })) };
      return role ? ctx.client.updateRole({ roleId: role.roleId, body }) : ctx.client.createRole({ body });
    },
  });
  if (!saved) return;
  await loadRoles(saved.roleId);
  setStatus(status, `${role ? 'Saved' : 'Created'} role ${saved.roleName} (${saved.roleId}).`, 'ok');
}

async function deleteRole() {
  const r = selected;
  const ok = await confirmAction({
    title: `Delete ${r.roleName}?`,
    message: `The custom role ${r.roleName} (${r.roleId}) is removed. This cannot be undone.`,
    confirm: 'Delete role',
  });
  if (!ok) return;
  const res = await act($('#role-action-status'), `Deleting ${r.roleName}`,
    () => ctx.client.deleteRole({ roleId: r.roleId }), null, [$('#role-delete')]);
  if (!res.ok) return;
  selected = null;
  $('#role-detail').replaceChildren();
  $('#role-actions').hidden = true;
  setStatus($('#role-detail-status'), 'Select a role.');
  await loadRoles();
  setStatus($('#role-action-status'), `Deleted role ${r.roleName}.`, 'ok');
}

export default {
  mount(c) {
    ctx = c;
    $('#role-create').addEventListener('click', () => roleForm());
    $('#role-edit').addEventListener('click', () => selected && roleForm(selected));
    $('#role-delete').addEventListener('click', deleteRole);
  },
  load() {
    selected = null;
    loadRoles();
  },
};
