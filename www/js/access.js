// Access review: who can do what where. Every user's effective role on every group from the
// workflows' accessReport (sub-group inheritance resolved), filtered by user, group or role, and
// downloadable as CSV (the rows shown).
import { $, h, describe, groupOptions, pill, setStatus } from './ui.js';
import { accessReport, accessReportCsv } from '../pkg/workflows/index.js';

let ctx;
let rows = [];

function filtered() {
  const q = $('#access-user').value.trim().toLowerCase();
  const group = $('#access-group').value;
  const role = $('#access-role').value;
  const direct = $('#access-direct').checked;
  return rows.filter((r) => (!q || `${r.name} ${r.email} ${r.userName ?? ''}`.toLowerCase().includes(q))
    && (!group || String(r.groupId) === group) && (!role || String(r.roleId) === role)
    && (!direct || !r.inheritedFrom));
}

function render() {
  const shown = filtered();
  $('#access').tBodies[0].replaceChildren(...shown.map((r) => h('tr', { dataset: { user: r.uiIdentityId, group: String(r.groupId), role: String(r.roleId) } },
    h('td', {}, r.name, h('br'), h('small', { class: 'hint', text: r.email })),
    h('td', { text: r.groupName }), h('td', { text: r.roleName }),
    h('td', {}, r.inheritedFrom ? r.inheritedFrom.groupName : pill('direct', 'info')))));
  $('#access').hidden = false;
  setStatus($('#access-status'), `${shown.length} of ${rows.length} grants`);
}

async function load() {
  const gen = ctx.generation;
  setStatus($('#access-status'), 'Building the report…', 'busy');
  $('#access').hidden = true;
  try {
    const [report, roles] = await Promise.all([accessReport(ctx.client), ctx.client.listRoles()]);
    const tree = await ctx.client.listGroups();
    if (gen !== ctx.generation) return;
    rows = report.rows;
    const keep = [$('#access-group').value, $('#access-role').value];
    $('#access-group').replaceChildren(h('option', { value: '', text: 'All groups' }),
      ...groupOptions(tree).map((o) => h('option', { value: String(o.value), text: o.label })));
    $('#access-role').replaceChildren(h('option', { value: '', text: 'All roles' }),
      ...roles.map((r) => h('option', { value: String(r.roleId), text: r.roleName })));
    [$('#access-group').value, $('#access-role').value] = keep;
    render();
  } catch (err) {
    rows = [];
    setStatus($('#access-status'), `Could not build the report: ${describe(err)}`, 'error');
  }
}

function download() {
  const blob = new Blob([accessReportCsv(filtered())], { type: 'text/csv;charset=utf-8' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `iam-access-review-${new Date().toISOString().slice(0, 10)}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export default {
  mount(c) {
    ctx = c;
    for (const id of ['#access-user']) $(id).addEventListener('input', render);
    for (const id of ['#access-group', '#access-role', '#access-direct']) $(id).addEventListener('change', render);
    $('#access-csv').addEventListener('click', download);
    $('#access-refresh').addEventListener('click', load);
  },
  load,
};
