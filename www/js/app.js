// The IAM console: plain ES modules over the --target web build in ../pkg. This module owns the
// connection settings, the IamClient and the navigation between views.
import init, { IamClient } from '../pkg/akamai_iam_wasm.js';
import { $, describe, setStatus } from './ui.js';
import users from './users.js';
import groups from './groups.js';
import roles from './roles.js';
import clients from './clients.js';
import allowlist from './allowlist.js';
import access from './access.js';
import expiring from './expiring.js';

const VIEWS = { users, groups, roles, access, clients, expiring, allowlist };
const DEFAULT_PROXY = 'http://127.0.0.1:8600';
const KEYS = { proxy: 'iam.proxyUrl', switchKey: 'iam.accountSwitchKey' };

function settings() {
  const fromQuery = new URLSearchParams(location.search).get('proxy');
  return {
    proxy: fromQuery || localStorage.getItem(KEYS.proxy) || DEFAULT_PROXY,
    switchKey: localStorage.getItem(KEYS.switchKey) || '',
  };
}

// What every view gets: the current client (replaced when the settings change).
const ctx = { client: null, generation: 0 };
const loaded = new Set();
let current = null;

function viewFromHash() {
  const name = location.hash.slice(1);
  return VIEWS[name] ? name : 'users';
}

function show(name, { focus = false } = {}) {
  current = name;
  for (const [n] of Object.entries(VIEWS)) {
    $(`#view-${n}`).hidden = n !== name;
    const link = $(`.tabs a[data-view="${n}"]`);
    if (n === name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (!loaded.has(name) && ctx.client) {
    loaded.add(name);
    VIEWS[name].load(ctx);
  }
  if (focus) $(`#${name}-heading`).focus();
}

function connect() {
  const s = settings();
  $('#proxy-url').value = s.proxy;
  $('#switch-key').value = s.switchKey;
  $('#connection').textContent = `${new URL(s.proxy, location.href).host}${s.switchKey ? ` · ${s.switchKey}` : ''}`;
  ctx.client?.free();
  ctx.client = null;
  ctx.generation += 1;
  loaded.clear();
  try {
    // One limiter for every call of the page (bulk actions included): calls over it wait their turn.
    ctx.client = new IamClient({ baseUrl: s.proxy, retries: 4, rateLimit: { requestsPerSecond: 25, burst: 8, maxConcurrent: 6 },
      ...(s.switchKey ? { accountSwitchKey: s.switchKey } : {}) });
  } catch (err) {
    setStatus($(`#${current || 'users'}-status`), `Bad settings: ${describe(err)}`, 'error');
    return;
  }
  show(current || viewFromHash());
}

const dialog = $('#settings-dialog');
$('#settings-open').addEventListener('click', () => {
  const s = settings();
  $('#proxy-url').value = s.proxy;
  $('#switch-key').value = s.switchKey;
  dialog.showModal();
  $('#proxy-url').focus();
});
$('#settings-cancel').addEventListener('click', () => dialog.close());
dialog.addEventListener('close', () => $('#settings-open').focus());
$('#settings').addEventListener('submit', (e) => {
  e.preventDefault();
  const proxy = $('#proxy-url');
  if (!proxy.checkValidity()) { proxy.reportValidity(); return; }
  localStorage.setItem(KEYS.proxy, proxy.value.trim());
  localStorage.setItem(KEYS.switchKey, $('#switch-key').value.trim());
  const url = new URL(location.href);
  url.searchParams.delete('proxy');
  history.replaceState(null, '', url);
  dialog.close();
  connect();
});

for (const view of Object.values(VIEWS)) view.mount(ctx);
window.addEventListener('hashchange', () => show(viewFromHash(), { focus: true }));

await init();
current = viewFromHash();
connect();
