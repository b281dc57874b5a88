// Expiring credentials: every API client's active credentials that expire within the chosen
// window (and those already expired but still active), from the workflows' expiringCredentials,
// soonest first; Rotate runs the API clients view's guided rotation on that credential.
import { $, h, date, describe, pill, setStatus } from './ui.js';
import { expiringCredentials } from '../pkg/workflows/index.js';
import { rotate } from './clients.js';

let ctx;

function when(c) {
  if (c.expired) return pill(`expired ${-c.daysLeft} day${-c.daysLeft === 1 ? '' : 's'} ago`, 'bad');
  return pill(c.daysLeft === 0 ? 'today' : `in ${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'}`, c.daysLeft < 8 ? 'bad' : 'info');
}

async function load() {
  const gen = ctx.generation;
  const withinDays = Number($('#expiring-window').value);
  setStatus($('#expiring-status'), 'Checking every API client…', 'busy');
  $('#expiring').hidden = true;
  try {
    const r = await expiringCredentials(ctx.client, { withinDays,
      onProgress: (p) => setStatus($('#expiring-status'), `Checking API clients: ${p.done}/${p.total}…`, 'busy') });
    if (gen !== ctx.generation) return;
    $('#expiring').tBodies[0].replaceChildren(...r.items.map((c) => h('tr', { dataset: { credentialId: String(c.credentialId) } },
      h('td', { text: c.clientName }), h('td', {}, h('code', { text: c.clientToken })),
      h('td', { text: date(c.expiresOn) }), h('td', {}, when(c)),
      h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'small', 'aria-label': `Rotate credential ${c.clientToken}`,
        onclick: () => rotate({ clientToken: c.clientToken, credentialId: c.credentialId }, { clientId: c.clientId }, load) }, 'Rotate')))));
    $('#expiring').hidden = r.items.length === 0;
    const failed = r.failures.length ? ` ${r.failures.length} API clients could not be checked: ${r.failures.map((f) => f.error.message).join('; ')}` : '';
    setStatus($('#expiring-status'), `${r.items.length} credential${r.items.length === 1 ? '' : 's'} expiring within ${withinDays} days or expired, across ${r.clients} API clients.${failed}`,
      failed ? 'error' : undefined);
  } catch (err) {
    setStatus($('#expiring-status'), `Could not check the credentials: ${describe(err)}`, 'error');
  }
}

export default {
  mount(c) {
    ctx = c;
    $('#expiring-window').addEventListener('change', load);
    $('#expiring-refresh').addEventListener('click', load);
  },
  load,
};
