// The demo console: plain ES modules over the --target web build in ./pkg.
import init, { IamClient, isIamError } from './pkg/akamai_iam_wasm.js';

const $ = (id) => document.getElementById(id);
const DEFAULT_PROXY = 'http://127.0.0.1:8600';

function settings() {
  const fromQuery = new URLSearchParams(location.search).get('proxy');
  return {
    proxy: fromQuery || localStorage.getItem('iam.proxyUrl') || DEFAULT_PROXY,
    switchKey: localStorage.getItem('iam.accountSwitchKey') || '',
  };
}

function describe(err) {
  if (isIamError(err)) {
    const p = err.problem || {};
    const head = p.title ? `${p.title}${err.status ? ` (${err.status})` : ''}` : err.message;
    return p.detail ? `${head}: ${p.detail}` : head;
  }
  return String(err && err.message ? err.message : err);
}

function setStatus(el, text, isError = false) {
  el.textContent = text;
  el.classList.toggle('error', isError);
  el.hidden = false;
}

let client;
let users = [];

function renderUsers() {
  const q = $('user-search').value.trim().toLowerCase();
  const rows = users.filter((u) =>
    !q || `${u.firstName} ${u.lastName} ${u.email} ${u.uiUserName}`.toLowerCase().includes(q));
  const body = $('users').tBodies[0];
  body.replaceChildren(...rows.map((u) => {
    const tr = document.createElement('tr');
    tr.tabIndex = 0;
    tr.dataset.id = u.uiIdentityId;
    const cells = [`${u.firstName} ${u.lastName}`, u.email, u.additionalAuthentication];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const status = document.createElement('td');
    const pill = document.createElement('span');
    pill.className = u.isLocked ? 'pill locked' : 'pill';
    pill.textContent = u.isLocked ? 'locked' : 'active';
    status.append(pill);
    tr.append(status);
    const open = () => showUser(u.uiIdentityId, tr);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
    return tr;
  }));
  $('users').hidden = false;
  setStatus($('users-status'), `${rows.length} of ${users.length} users`);
}

async function loadUsers() {
  setStatus($('users-status'), 'Loading users…');
  $('users').hidden = true;
  try {
    users = await client.listUsers({ authGrants: false });
    renderUsers();
  } catch (err) {
    users = [];
    setStatus($('users-status'), `Could not list users: ${describe(err)}`, true);
  }
}

async function showUser(id, row) {
  for (const r of $('users').tBodies[0].rows) r.setAttribute('aria-selected', String(r === row));
  setStatus($('detail-status'), 'Loading…');
  $('detail-fields').hidden = true;
  $('grants').hidden = $('grants-heading').hidden = true;
  try {
    const u = await client.getUser({ uiIdentityId: id, authGrants: true, notifications: true });
    const fields = [
      ['Name', `${u.firstName} ${u.lastName}`], ['User name', u.uiUserName], ['Email', u.email],
      ['ID', u.uiIdentityId], ['Country', u.country], ['Phone', u.phone], ['Time zone', u.timeZone],
      ['MFA', u.additionalAuthentication], ['Locked', u.isLocked ? 'yes' : 'no'],
      ['Last login', u.lastLoginDate],
    ].filter(([, v]) => v !== undefined && v !== null && v !== '');
    $('detail-fields').replaceChildren(...fields.flatMap(([k, v]) => {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = String(v);
      return [dt, dd];
    }));
    $('detail-fields').hidden = false;
    const grants = u.authGrants || [];
    $('grants').replaceChildren(...grants.map((g) => {
      const li = document.createElement('li');
      li.textContent = `${g.groupName ?? `group ${g.groupId}`}: ${g.roleName}`;
      return li;
    }));
    $('grants').hidden = $('grants-heading').hidden = grants.length === 0;
    $('detail-status').hidden = true;
  } catch (err) {
    setStatus($('detail-status'), `Could not load the user: ${describe(err)}`, true);
  }
}

function connect() {
  const s = settings();
  $('proxy-url').value = s.proxy;
  $('switch-key').value = s.switchKey;
  try {
    client = new IamClient({ baseUrl: s.proxy, ...(s.switchKey ? { accountSwitchKey: s.switchKey } : {}) });
  } catch (err) {
    setStatus($('users-status'), `Bad settings: ${describe(err)}`, true);
    return;
  }
  loadUsers();
}

$('settings').addEventListener('submit', (e) => {
  e.preventDefault();
  localStorage.setItem('iam.proxyUrl', $('proxy-url').value.trim());
  localStorage.setItem('iam.accountSwitchKey', $('switch-key').value.trim());
  const url = new URL(location.href);
  url.searchParams.delete('proxy');
  history.replaceState(null, '', url);
  connect();
});
$('user-search').addEventListener('input', renderUsers);

await init();
connect();
