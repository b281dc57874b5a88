// IP allowlist: its status with enable/disable, the CIDR blocks, adding one (the client checks
// the CIDR notation before sending), turning one on or off, and deleting one (confirmed).
import { isIamError } from '../pkg/akamai_iam_wasm.js';
import { $, h, act, confirmAction, date, describe, pill, setStatus } from './ui.js';

let ctx;
let enabled = false;
let blocks = [];

function renderStatus() {
  $('#allowlist-state').replaceChildren(enabled ? pill('enabled', 'good') : pill('disabled'));
  const t = $('#allowlist-toggle');
  t.textContent = enabled ? 'Disable allowlist' : 'Enable allowlist';
  t.className = enabled ? 'danger' : '';
  t.hidden = false;
}

function row(b) {
  const label = `${b.cidrBlock}${b.comments ? ` (${b.comments})` : ''}`;
  return h('tr', { dataset: { id: String(b.cidrBlockId) } },
    h('td', {}, h('code', { text: b.cidrBlock })),
    h('td', { text: b.comments ?? '' }),
    h('td', {}, b.enabled ? pill('yes', 'good') : pill('no')),
    h('td', { text: `${date(b.modifiedDate)} by ${b.modifiedBy}` }),
    h('td', { class: 'row-actions' },
      h('button', { type: 'button', class: 'small secondary', 'aria-label': `${b.enabled ? 'Disable' : 'Enable'} ${label}`, onclick: () => toggleBlock(b) },
        b.enabled ? 'Disable' : 'Enable'),
      h('button', { type: 'button', class: 'small danger', 'aria-label': `Delete ${label}`, onclick: () => deleteBlock(b) }, 'Delete')));
}

async function load() {
  setStatus($('#allowlist-status'), 'Loading the allowlist…', 'busy');
  try {
    const [status, list] = await Promise.all([ctx.client.getIpAllowlistStatus(), ctx.client.listCidrBlocks({ actions: true })]);
    enabled = status.enabled;
    blocks = list;
    renderStatus();
    $('#cidr-blocks').tBodies[0].replaceChildren(...blocks.map(row));
    $('#cidr-blocks').hidden = false;
    setStatus($('#allowlist-status'), `${blocks.length} CIDR blocks, ${blocks.filter((b) => b.enabled).length} enabled. ${enabled
      ? 'Only these addresses can reach Control Center and the APIs.'
      : 'While disabled, any address can log in.'}`);
  } catch (err) {
    $('#cidr-blocks').hidden = true;
    setStatus($('#allowlist-status'), `Could not load the allowlist: ${describe(err)}`, 'error');
  }
}

const status = () => $('#cidr-action-status');

async function toggleAllowlist() {
  const turnOn = !enabled;
  const ok = await confirmAction(turnOn
    ? { title: 'Enable the IP allowlist?', message: 'Users and API clients outside the enabled CIDR blocks lose access at once. Make sure your own address is listed.', confirm: 'Enable allowlist' }
    : { title: 'Disable the IP allowlist?', message: 'Any IP address can then reach Control Center and the APIs.', confirm: 'Disable allowlist' });
  if (!ok) return;
  const r = await act(status(), turnOn ? 'Enabling the allowlist' : 'Disabling the allowlist',
    () => (turnOn ? ctx.client.enableIpAllowlist() : ctx.client.disableIpAllowlist()),
    turnOn ? 'The IP allowlist is enabled.' : 'The IP allowlist is disabled.', [$('#allowlist-toggle')]);
  if (r.ok) { await load(); }
}

async function toggleBlock(b) {
  const r = await act(status(), `${b.enabled ? 'Disabling' : 'Enabling'} ${b.cidrBlock}`,
    () => ctx.client.updateCidrBlock({ cidrBlockId: b.cidrBlockId, body: { cidrBlock: b.cidrBlock, enabled: !b.enabled, comments: b.comments } }),
    `${b.cidrBlock} is ${b.enabled ? 'disabled' : 'enabled'}.`);
  if (r.ok) await load();
}

async function deleteBlock(b) {
  const ok = await confirmAction({
    title: `Delete ${b.cidrBlock}?`,
    message: `${b.cidrBlock}${b.comments ? ` (${b.comments})` : ''} is removed from the allowlist${enabled ? ': addresses in it lose access at once' : ''}.`,
    confirm: 'Delete CIDR block',
  });
  if (!ok) return;
  const r = await act(status(), `Deleting ${b.cidrBlock}`, () => ctx.client.deleteCidrBlock({ cidrBlockId: b.cidrBlockId }), `Deleted ${b.cidrBlock}.`);
  if (r.ok) await load();
}

function fieldError(text) {
  const input = $('#cidr-block');
  const err = $('#cidr-error');
  if (text) { input.setAttribute('aria-invalid', 'true'); err.textContent = text; err.hidden = false; input.focus(); } else { input.removeAttribute('aria-invalid'); err.hidden = true; }
}

async function addBlock(e) {
  e.preventDefault();
  fieldError(null);
  const cidrBlock = $('#cidr-block').value.trim();
  if (!cidrBlock) { fieldError('Enter an IP address or CIDR block, e.g. 192.0.2.0/24.'); return; }
  const comments = $('#cidr-comments').value.trim();
  const r = await act(status(), `Adding ${cidrBlock}`,
    () => ctx.client.createCidrBlock({ body: { cidrBlock, enabled: $('#cidr-enabled').checked, ...(comments ? { comments } : {}) } }),
    (b) => `Added ${b.cidrBlock}.`, [$('#cidr-add')]);
  if (r.ok) {
    $('#cidr-form').reset();
    await load();
  } else if (isIamError(r.error) && r.error.kind === 'validation') {
    fieldError(describe(r.error));
  }
}

export default {
  mount(c) {
    ctx = c;
    $('#allowlist-toggle').addEventListener('click', toggleAllowlist);
    $('#cidr-form').addEventListener('submit', addBlock);
  },
  load,
};
