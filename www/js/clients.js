// API clients and their credentials: the list, one client's details, create (the new secret
// shown once), lock/unlock, a new credential, and the guided credential rotation:
// create new → show the new secret once → deactivate old → delete old.
import { $, h, act, confirmAction, date, describe, fields, formDialog, markSelected, openDialog, pill, selectableRow, setStatus, reveal } from './ui.js';

let ctx;
let clients = [];
let selected = null;

function render() {
  $('#clients').tBodies[0].replaceChildren(...clients.map((c) => selectableRow(
    [c.clientName, (c.authorizedUsers || []).join(', '), c.activeCredentialCount, c.isLocked ? pill('locked', 'bad') : pill('active', 'good')],
    (tr) => showClient(c.clientId, tr),
    { id: c.clientId },
  )));
  if (selected) {
    const row = [...$('#clients').tBodies[0].rows].find((x) => x.dataset.id === selected.clientId);
    row?.setAttribute('aria-selected', 'true');
  }
  $('#clients').hidden = false;
}

async function loadClients(select) {
  setStatus($('#clients-status'), 'Loading API clients…', 'busy');
  try {
    clients = await ctx.client.listApiClients({ actions: true });
    render();
    setStatus($('#clients-status'), `${clients.length} API clients`);
    if (select) {
      const row = [...$('#clients').tBodies[0].rows].find((x) => x.dataset.id === select);
      await showClient(select, row, { keepStatus: true });
    }
  } catch (err) {
    clients = [];
    $('#clients').hidden = true;
    setStatus($('#clients-status'), `Could not list API clients: ${describe(err)}`, 'error');
  }
}

function credentialRow(cred) {
  const active = cred.status === 'ACTIVE';
  const buttons = active
    ? [h('button', { type: 'button', class: 'small', onclick: () => rotate(cred), 'aria-label': `Rotate credential ${cred.clientToken}` }, 'Rotate')]
    : [h('button', { type: 'button', class: 'small danger', onclick: () => deleteCredential(cred), 'aria-label': `Delete credential ${cred.clientToken}` }, 'Delete')];
  return h('tr', { dataset: { id: String(cred.credentialId) } },
    h('td', {}, h('code', { text: cred.clientToken })),
    h('td', {}, pill(cred.status.toLowerCase(), active ? 'good' : '')),
    h('td', { text: date(cred.expiresOn) }),
    h('td', {}, buttons));
}

async function showClient(id, row, { keepStatus = false } = {}) {
  if (row) { markSelected($('#clients').tBodies[0], row); reveal($('#client-detail-heading')); }
  setStatus($('#client-detail-status'), 'Loading…', 'busy');
  if (!keepStatus) $('#client-action-status').hidden = true;
  try {
    const c = await ctx.client.getApiClient({ clientId: id, credentials: true, actions: true, groupAccess: true });
    selected = c;
    $('#client-detail').replaceChildren(fields([
      ['Name', c.clientName], ['ID', c.clientId], ['Description', c.clientDescription], ['Type', c.clientType],
      ['Authorized users', (c.authorizedUsers || []).join(', ')], ['Base URL', c.baseURL],
      ['Account switch', c.allowAccountSwitch ? 'allowed' : 'no'], ['Locked', c.isLocked ? 'yes' : 'no'],
      ['Created', `${date(c.createdDate)} by ${c.createdBy}`],
    ]));
    $('#client-lock').textContent = c.isLocked ? 'Unlock' : 'Lock';
    $('#client-lock').className = c.isLocked ? '' : 'danger';
    $('#client-actions').hidden = false;
    const creds = c.credentials || [];
    $('#credentials').tBodies[0].replaceChildren(...creds.map(credentialRow));
    $('#credentials').hidden = $('#credentials-heading').hidden = false;
    $('#client-detail-status').hidden = true;
  } catch (err) {
    setStatus($('#client-detail-status'), `Could not load the API client: ${describe(err)}`, 'error');
  }
}

function refresh() {
  return loadClients(selected?.clientId);
}

// The client token and the secret, which the API returns only once.
function secretBlock(cred) {
  const secret = h('input', { readonly: true, value: cred.clientSecret ?? '', id: 'new-secret', class: 'secret', 'aria-label': 'Client secret' });
  const copied = h('span', { class: 'hint', role: 'status' });
  return h('div', { class: 'secret-box' },
    fields([['Client token', cred.clientToken], ['Expires', date(cred.expiresOn)]]),
    h('label', { for: 'new-secret', text: 'Client secret (shown only this once: store it now)' }),
    h('div', { class: 'row' }, secret,
      h('button', {
        type: 'button', class: 'secondary small',
        onclick: async () => {
          secret.select();
          try { await navigator.clipboard.writeText(secret.value); copied.textContent = 'Copied.'; } catch { copied.textContent = 'Select the text and copy it.'; }
        },
      }, 'Copy')),
    copied);
}

function showSecret(title, cred) {
  return openDialog(title, (dialog, close) => {
    dialog.append(secretBlock(cred), h('div', { class: 'buttons' },
      h('button', { type: 'button', autofocus: true, onclick: () => close('done') }, 'I have stored it')));
  });
}

async function createClient() {
  const status = $('#client-action-status');
  const r0 = await act(status, 'Loading authorized users', () => ctx.client.listAuthorizedUsers(), null, [$('#client-create')]);
  if (!r0.ok) return;
  const created = await formDialog({
    title: 'New API client',
    intro: 'The client gets every API and the groups of its authorized user; refine them later in Control Center.',
    inputs: [
      { name: 'clientName', label: 'Name', required: true, maxlength: 255 },
      { name: 'clientDescription', label: 'Description', type: 'textarea' },
      { name: 'authorizedUser', label: 'Authorized user', type: 'select', required: true,
        options: r0.value.map((u) => ({ value: u.username, label: `${u.firstName} ${u.lastName} (${u.username})` })) },
      { name: 'createCredential', label: 'Create a credential now', type: 'checkbox', value: true },
    ],
    submitLabel: 'Create API client', busy: 'Creating the API client',
    submit: (v) => ctx.client.createApiClient({ body: {
      clientType: 'CLIENT', clientName: v.clientName, clientDescription: v.clientDescription || undefined,
      authorizedUsers: [v.authorizedUser], apiAccess: { allAccessibleApis: true },
      groupAccess: { cloneAuthorizedUserGroups: true }, createCredential: v.createCredential,
    } }),
  });
  if (!created) return;
  const cred = (created.credentials || []).find((c) => c.clientSecret);
  if (cred) await showSecret(`Credential of ${created.clientName}`, cred);
  selected = created;
  await refresh();
  setStatus(status, `Created API client ${created.clientName}.`, 'ok');
}

async function toggleLock() {
  const c = selected;
  const status = $('#client-action-status');
  const disable = [...$('#client-actions').querySelectorAll('button')];
  if (!c.isLocked) {
    const ok = await confirmAction({
      title: `Lock ${c.clientName}?`,
      message: `Every call signed with the credentials of ${c.clientName} is refused until it is unlocked.`,
      confirm: 'Lock API client',
    });
    if (!ok) return;
    const r = await act(status, `Locking ${c.clientName}`, () => ctx.client.lockApiClient({ clientId: c.clientId }), `${c.clientName} is locked.`, disable);
    if (r.ok) await refresh();
  } else {
    const r = await act(status, `Unlocking ${c.clientName}`, () => ctx.client.unlockApiClient({ clientId: c.clientId }), `${c.clientName} is unlocked.`, disable);
    if (r.ok) await refresh();
  }
}

async function newCredential() {
  const c = selected;
  const r = await act($('#client-action-status'), 'Creating a credential',
    () => ctx.client.createCredential({ clientId: c.clientId }), null, [$('#credential-create')]);
  if (!r.ok) return;
  await showSecret(`New credential of ${c.clientName}`, r.value);
  await refresh();
  setStatus($('#client-action-status'), `Created credential ${r.value.clientToken}.`, 'ok');
}

async function deleteCredential(cred) {
  const c = selected;
  const ok = await confirmAction({
    title: 'Delete this credential?',
    message: `Credential ${cred.clientToken} of ${c.clientName} is deleted for good.`,
    confirm: 'Delete credential',
  });
  if (!ok) return;
  const r = await act($('#client-action-status'), 'Deleting the credential',
    () => ctx.client.deleteCredential({ clientId: c.clientId, credentialId: cred.credentialId }), `Deleted credential ${cred.clientToken}.`);
  if (r.ok) await refresh();
}

// The guided rotation: each step is its own button, enabled only when the previous one is done.
// Also used by the Expiring credentials view, with its client and its own refresh.
export async function rotate(old, c = selected, after = refresh) {
  let rotated = false;
  await openDialog(`Rotate credential ${old.clientToken}`, (dialog, close) => {
    dialog.classList.add('wide');
    const stepStatus = () => h('p', { class: 'status', role: 'status', 'aria-live': 'polite', hidden: true });
    const steps = [
      { label: 'Create a new credential', button: 'Create new credential' },
      { label: 'Store the new secret: it is shown only once' },
      { label: `Deactivate the old credential ${old.clientToken}`, button: 'Deactivate old credential', danger: true },
      { label: `Delete the old credential ${old.clientToken}`, button: 'Delete old credential', danger: true },
    ].map((s, i) => ({ ...s, li: h('li', { dataset: { step: String(i + 1) } }, h('strong', { text: s.label })), status: stepStatus() }));
    const done = h('button', { type: 'button', class: 'secondary', onclick: () => close(rotated ? 'done' : 'cancel') }, 'Close');
    for (const s of steps) {
      if (s.button) {
        s.btn = h('button', { type: 'button', class: s.danger ? 'danger' : '', disabled: true }, s.button);
        s.li.append(h('div', {}, s.btn));
      }
      s.li.append(s.status);
    }
    const enable = (i) => {
      steps.forEach((s, j) => { if (s.btn) s.btn.disabled = j !== i; s.li.classList.toggle('current', j === i); });
      steps[i]?.btn?.focus();
    };
    const finish = (i) => { steps[i].li.classList.add('done'); };

    steps[0].btn.addEventListener('click', async () => {
      const r = await act(steps[0].status, 'Creating the new credential',
        () => ctx.client.createCredential({ clientId: c.clientId }), (n) => `Created ${n.clientToken}.`, [steps[0].btn]);
      if (!r.ok) return;
      finish(0);
      steps[0].btn.disabled = true;
      steps[0].btn.hidden = true;
      const stored = h('input', { type: 'checkbox', id: 'secret-stored' });
      steps[1].li.append(secretBlock(r.value),
        h('div', { class: 'field check' }, stored, h('label', { for: 'secret-stored', text: 'I have stored the new secret and switched my tools to it' })));
      stored.addEventListener('change', () => {
        if (stored.checked) { finish(1); enable(2); } else { steps[1].li.classList.remove('done'); enable(-1); }
      });
      steps.forEach((s) => s.li.classList.remove('current'));
      steps[1].li.classList.add('current');
      dialog.querySelector('#new-secret').focus();
    });
    steps[2].btn.addEventListener('click', async () => {
      const r = await act(steps[2].status, 'Deactivating the old credential',
        () => ctx.client.deactivateCredential({ clientId: c.clientId, credentialId: old.credentialId }), 'Deactivated.', [steps[2].btn]);
      if (!r.ok) { steps[2].btn.disabled = false; return; }
      finish(2);
      dialog.querySelector('#secret-stored').disabled = true;
      enable(3);
    });
    steps[3].btn.addEventListener('click', async () => {
      const r = await act(steps[3].status, 'Deleting the old credential',
        () => ctx.client.deleteCredential({ clientId: c.clientId, credentialId: old.credentialId }), 'Deleted.', [steps[3].btn]);
      if (!r.ok) { steps[3].btn.disabled = false; return; }
      finish(3);
      rotated = true;
      enable(-1);
      done.textContent = 'Done';
      done.className = '';
      done.focus();
    });
    dialog.append(
      h('p', { text: 'Rotate without downtime: create the new credential, move your tools to it, then retire the old one.' }),
      h('ol', { class: 'steps' }, steps.map((s) => s.li)),
      h('div', { class: 'buttons' }, done));
    enable(0);
  });
  await after();
  if (rotated && c.clientId === selected?.clientId) setStatus($('#client-action-status'), `Rotated credential ${old.clientToken}.`, 'ok');
  return rotated;
}

export default {
  mount(c) {
    ctx = c;
    $('#client-create').addEventListener('click', createClient);
    $('#client-lock').addEventListener('click', toggleLock);
    $('#credential-create').addEventListener('click', newCredential);
  },
  load() {
    selected = null;
    loadClients();
  },
};
