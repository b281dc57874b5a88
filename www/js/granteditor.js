// The auth-grant editor: the group tree (an ARIA tree) with a role per group. A group without a
// role of its own shows the role it inherits from the nearest granted ancestor, as IAM cascades
// it; "Blocked" stops the cascade on a subgroup (isBlocked). Keyboard: Up/Down/Home/End move between groups, Enter or Space opens the group's role
// (a <select>), Escape or Enter there returns to the tree.
import { h } from './ui.js';
import { explicitGrants } from '../pkg/workflows/index.js';

const BLOCKED = 'blocked';

/**
 * Builds the editor. `tree` is listGroups(), `roles` listRoles(), `grants` a user's authGrants.
 * Returns { el, value(), set(authGrants), setDisabled(bool), focus() }; value() is the
 * updateUserAuthGrants / createUser body ({ groupId, roleId, isBlocked? }[]).
 */
export function grantEditor({ tree, roles, grants = [], id = 'grant-tree', label = 'Auth grants' }) {
  const roleName = new Map(roles.map((r) => [r.roleId, r.roleName]));
  const own = new Map(); // groupId -> { roleId, isBlocked }
  const rows = []; // { group, depth, parentId, item, select, note }
  const root = h('ul', { role: 'tree', id, 'aria-label': label, class: 'grant-tree' });

  const add = (group, depth, parentId, list) => {
    const select = h('select', { tabindex: -1, 'aria-label': `Role on ${group.groupName}`, dataset: { groupId: String(group.groupId) } },
      h('option', { value: '', text: depth === 0 ? 'No role' : 'Inherit' }),
      roles.map((r) => h('option', { value: String(r.roleId), text: r.roleName })),
      depth > 0 ? h('option', { value: BLOCKED, text: 'Blocked (no access)' }) : null);
    const note = h('small', { class: 'inherited' });
    const item = h('li', { role: 'treeitem', tabindex: -1, 'aria-level': String(depth + 1), dataset: { groupId: String(group.groupId) } },
      h('div', { class: 'grant-row' }, h('span', { class: 'grant-group', text: group.groupName }), select, note));
    const row = { group, depth, parentId, item, select, note };
    rows.push(row);
    list.append(item);
    select.addEventListener('change', () => {
      if (select.value === BLOCKED) {
        // IAM keeps a role on a blocked grant: the one the group would inherit.
        const inh = inheritedFor(row);
        if (inh) own.set(group.groupId, { roleId: inh.roleId, isBlocked: true }); else own.delete(group.groupId);
      } else if (select.value) own.set(group.groupId, { roleId: Number(select.value), isBlocked: false });
      else own.delete(group.groupId);
      refresh();
    });
    select.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); focusRow(row); }
    });
    const subs = group.subGroups || [];
    if (subs.length) {
      item.setAttribute('aria-expanded', 'true');
      const ul = h('ul', { role: 'group' });
      item.append(ul);
      for (const s of subs) add(s, depth + 1, group.groupId, ul);
    }
  };
  for (const g of tree) add(g, 0, null, root);

  const byId = new Map(rows.map((r) => [r.group.groupId, r]));
  let current = rows[0];

  function inheritedFor(row) {
    let up = row.parentId;
    while (up !== null && up !== undefined) {
      const g = own.get(up);
      if (g) return g.isBlocked ? null : { roleId: g.roleId, from: byId.get(up).group.groupName };
      up = byId.get(up)?.parentId;
    }
    return null;
  }

  function refresh() {
    for (const row of rows) {
      const g = own.get(row.group.groupId);
      if (g?.isBlocked) g.roleId = inheritedFor(row)?.roleId ?? g.roleId;
      row.select.value = g ? (g.isBlocked ? BLOCKED : String(g.roleId)) : '';
      const inh = g ? null : inheritedFor(row);
      row.note.textContent = g?.isBlocked ? 'blocked'
        : inh ? `inherits ${roleName.get(inh.roleId) ?? inh.roleId} from ${inh.from}` : '';
      row.item.classList.toggle('granted', !!g);
      row.item.setAttribute('aria-label', `${row.group.groupName}: ${g ? `${roleName.get(g.roleId) ?? g.roleId}${g.isBlocked ? ', blocked' : ''}`
        : inh ? `inherited ${roleName.get(inh.roleId) ?? inh.roleId} from ${inh.from}` : 'no role'}`);
    }
  }

  function focusRow(row) {
    if (!row) return;
    for (const r of rows) r.item.tabIndex = r === row ? 0 : -1;
    for (const r of rows) r.select.tabIndex = -1;
    current = row;
    row.item.focus();
  }

  root.addEventListener('keydown', (e) => {
    if (e.target.getAttribute('role') !== 'treeitem') return;
    const i = rows.indexOf(current);
    const moves = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(rows[Math.max(0, Math.min(rows.length - 1, moves[e.key]))]);
    } else if ((e.key === 'Enter' || e.key === ' ') && !current.select.disabled) {
      e.preventDefault();
      current.select.tabIndex = 0;
      current.select.focus();
    }
  });
  root.addEventListener('click', (e) => {
    const item = e.target.closest('[role="treeitem"]');
    const row = rows.find((r) => r.item === item);
    if (row && e.target.tagName !== 'SELECT') focusRow(row);
    else if (row) current = row;
  });

  const api = {
    el: root,
    value: () => [...own.entries()].map(([groupId, g]) => ({ groupId, roleId: g.roleId, ...(g.isBlocked ? { isBlocked: true } : {}) })),
    set(authGrants) {
      own.clear();
      for (const [groupId, g] of explicitGrants(authGrants)) own.set(groupId, { roleId: g.roleId, isBlocked: g.isBlocked });
      refresh();
    },
    setDisabled(disabled) {
      for (const r of rows) r.select.disabled = disabled;
      root.setAttribute('aria-disabled', String(disabled));
    },
    focus: () => focusRow(current),
  };
  api.set(grants);
  if (rows[0]) rows[0].item.tabIndex = 0;
  return api;
}
