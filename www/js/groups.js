// Groups: the tree, one group's details, and create, rename, move (with the affected users
// previewed first) and delete (behind a confirmation).
import { $, h, act, confirmAction, date, describe, fields, flattenGroups, formDialog, groupOptions, setStatus, reveal } from './ui.js';

let ctx;
let tree = [];
let selected = null; // the group shown in the details

const byId = (id) => flattenGroups(tree).find(({ group }) => group.groupId === id)?.group;

function renderTree() {
  const branch = (groups) => h('ul', {}, groups.map((g) => h('li', {},
    h('button', {
      type: 'button', class: 'node', dataset: { id: String(g.groupId) },
      'aria-current': selected?.groupId === g.groupId ? 'true' : null,
      onclick: () => showGroup(g.groupId),
    }, h('span', { text: g.groupName }), h('small', { text: ` ${g.groupId}` })),
    g.subGroups?.length ? branch(g.subGroups) : null)));
  $('#group-tree').replaceChildren(branch(tree));
}

async function loadTree(select) {
  setStatus($('#groups-status'), 'Loading groups…', 'busy');
  try {
    tree = await ctx.client.listGroups({ actions: true });
    const n = flattenGroups(tree).length;
    setStatus($('#groups-status'), `${n} groups`);
    renderTree();
    if (select) await showGroup(select);
  } catch (err) {
    tree = [];
    $('#group-tree').replaceChildren();
    setStatus($('#groups-status'), `Could not list groups: ${describe(err)}`, 'error');
  }
}

async function showGroup(id) {
  selected = byId(id) || { groupId: id };
  renderTree();
  reveal($('#group-detail-heading'));
  setStatus($('#group-detail-status'), 'Loading…', 'busy');
  $('#group-actions').hidden = true;
  $('#group-detail').replaceChildren();
  $('#group-action-status').hidden = true;
  try {
    const [g, members] = await Promise.all([
      ctx.client.getGroup({ groupId: id, actions: true }),
      ctx.client.listUsers({ groupId: id }),
    ]);
    selected = g;
    const parent = g.parentGroupId ? byId(g.parentGroupId) : null;
    $('#group-detail').replaceChildren(
      fields([
        ['Name', g.groupName], ['ID', g.groupId],
        ['Parent', parent ? `${parent.groupName} (${parent.groupId})` : g.parentGroupId ?? 'none: top-level group'],
        ['Subgroups', (g.subGroups || []).length], ['Users with access', members.length],
        ['Created', `${date(g.createdDate)} by ${g.createdBy}`], ['Modified', `${date(g.modifiedDate)} by ${g.modifiedBy}`],
      ]),
      g.actions && !g.actions.delete
        ? h('p', { class: 'hint', text: 'This group has subgroups, users or properties: the API refuses to delete it until they are gone.' })
        : null,
    );
    $('#group-move').hidden = $('#group-delete').hidden = !g.parentGroupId;
    $('#group-actions').hidden = false;
    $('#group-detail-status').hidden = true;
  } catch (err) {
    setStatus($('#group-detail-status'), `Could not load the group: ${describe(err)}`, 'error');
  }
}

async function createGroup() {
  const parent = selected;
  const g = await formDialog({
    title: `New group in ${parent.groupName}`,
    inputs: [{ name: 'groupName', label: 'Group name', required: true, maxlength: 50 }],
    submitLabel: 'Create group', busy: 'Creating the group',
    submit: ({ groupName }) => ctx.client.createGroup({ groupId: parent.groupId, body: { groupName } }),
  });
  if (!g) return;
  setStatus($('#group-action-status'), `Created ${g.groupName} (${g.groupId}).`, 'ok');
  await loadTree(g.groupId);
  setStatus($('#group-action-status'), `Created ${g.groupName} (${g.groupId}).`, 'ok');
}

async function renameGroup() {
  const g0 = selected;
  const g = await formDialog({
    title: `Rename ${g0.groupName}`,
    inputs: [{ name: 'groupName', label: 'New name', required: true, value: g0.groupName, maxlength: 50 }],
    submitLabel: 'Rename', busy: 'Renaming the group',
    submit: ({ groupName }) => ctx.client.updateGroupName({ groupId: g0.groupId, body: { groupName } }),
  });
  if (!g) return;
  await loadTree(g0.groupId);
  setStatus($('#group-action-status'), `Renamed ${g0.groupName} to ${g.groupName}.`, 'ok');
}

function userList(label, list) {
  return h('div', {},
    h('h4', { text: `${label}: ${list.length}` }),
    list.length ? h('ul', { class: 'compact' }, list.map((u) => h('li', { text: `${u.firstName} ${u.lastName} (${u.email})` }))) : null);
}

async function moveGroup() {
  const source = selected;
  const inside = new Set(flattenGroups([byId(source.groupId) || source]).map(({ group }) => group.groupId));
  const options = groupOptions(tree, { exclude: (g) => inside.has(g.groupId) || g.groupId === source.parentGroupId });
  if (!options.length) {
    setStatus($('#group-action-status'), 'There is no other group to move it to.', 'error');
    return;
  }
  let seq = 0;
  const moved = await formDialog({
    title: `Move ${source.groupName}`,
    intro: 'Users with a role on the current parent groups can lose access; users with a role on the new parents gain it. Check the preview before moving.',
    inputs: [{ name: 'destination', label: 'Move under', type: 'select', options, value: options[0].value }],
    submitLabel: 'Move group', busy: 'Moving the group',
    extra(form) {
      form.append(h('section', { class: 'preview', 'aria-live': 'polite', 'aria-label': 'Affected users', id: 'move-preview' }));
    },
    async onInput({ destination }, { form }) {
      const preview = form.querySelector('#move-preview');
      const mine = ++seq;
      preview.replaceChildren(h('p', { class: 'status busy', text: 'Checking the affected users…' }));
      const params = { sourceGroupId: source.groupId, destinationGroupId: Number(destination) };
      try {
        const [lost, gained] = await Promise.all([
          ctx.client.listAffectedUsers({ ...params, userType: 'lostAccess' }),
          ctx.client.listAffectedUsers({ ...params, userType: 'gainAccess' }),
        ]);
        if (mine !== seq) return;
        preview.replaceChildren(userList('Lose access', lost), userList('Gain access', gained));
      } catch (err) {
        if (mine === seq) preview.replaceChildren(h('p', { class: 'status error', text: `Could not preview the affected users: ${describe(err)}` }));
      }
    },
    submit: async ({ destination }) => {
      await ctx.client.moveGroup({ body: { sourceGroupId: source.groupId, destinationGroupId: Number(destination) } });
      return Number(destination);
    },
  });
  if (!moved) return;
  await loadTree(source.groupId);
  setStatus($('#group-action-status'), `Moved ${source.groupName} under ${byId(moved)?.groupName ?? moved}.`, 'ok');
}

async function deleteGroup() {
  const g = selected;
  const ok = await confirmAction({
    title: `Delete ${g.groupName}?`,
    message: `Group ${g.groupName} (${g.groupId}) is removed from the account. This cannot be undone.`,
    confirm: 'Delete group',
  });
  if (!ok) return;
  const r = await act($('#group-action-status'), `Deleting ${g.groupName}`,
    () => ctx.client.removeGroup({ groupId: g.groupId }), null, [...$('#group-actions').querySelectorAll('button')]);
  if (!r.ok) return;
  selected = null;
  $('#group-actions').hidden = true;
  $('#group-detail').replaceChildren();
  setStatus($('#group-detail-status'), 'Select a group.');
  await loadTree();
  setStatus($('#group-action-status'), `Deleted ${g.groupName}.`, 'ok');
}

export default {
  mount(c) {
    ctx = c;
    $('#groups-refresh').addEventListener('click', () => loadTree(selected?.groupId));
    $('#group-create').addEventListener('click', createGroup);
    $('#group-rename').addEventListener('click', renameGroup);
    $('#group-move').addEventListener('click', moveGroup);
    $('#group-delete').addEventListener('click', deleteGroup);
  },
  load() {
    selected = null;
    loadTree();
  },
};
