// Small DOM helpers shared by the views: element building, IamError text, progress/result
// status lines and accessible <dialog>s (confirmation, forms).
import { isIamError } from '../pkg/akamai_iam_wasm.js';

export const $ = (sel, root = document) => root.querySelector(sel);

/** h('button', { class: 'x', onclick: fn, 'aria-label': 'y' }, 'text', child) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

/** One line for people: "Title (status): detail" for API errors, the message otherwise. */
export function describe(err) {
  if (isIamError(err)) {
    const p = err.problem || {};
    const head = p.title ? `${p.title}${err.status ? ` (${err.status})` : ''}` : err.message;
    return p.detail ? `${head}: ${p.detail}` : head;
  }
  return String(err && err.message ? err.message : err);
}

/** Sets a status line: kind is 'busy', 'ok', 'error' or undefined (neutral). */
export function setStatus(el, text, kind) {
  el.textContent = text;
  el.classList.toggle('error', kind === 'error');
  el.classList.toggle('ok', kind === 'ok');
  el.classList.toggle('busy', kind === 'busy');
  el.setAttribute('aria-busy', String(kind === 'busy'));
  el.hidden = false;
}

/**
 * Runs one action with its progress in `status`: "busy…", then `done(result)` or the error.
 * Buttons in `disable` are disabled while it is in flight. Resolves to { ok, value | error }.
 */
export async function act(status, busy, fn, done, disable = []) {
  setStatus(status, `${busy}…`, 'busy');
  for (const b of disable) b.disabled = true;
  try {
    const value = await fn();
    const text = typeof done === 'function' ? done(value) : done;
    if (text) setStatus(status, text, 'ok'); else status.hidden = true;
    return { ok: true, value };
  } catch (error) {
    setStatus(status, `${busy} failed: ${describe(error)}`, 'error');
    return { ok: false, error };
  } finally {
    for (const b of disable) b.disabled = false;
  }
}

/** A definition list from [label, value] pairs, skipping empty values. */
export function fields(pairs) {
  return h('dl', { class: 'fields' }, pairs
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, v instanceof Node ? v : String(v))]));
}

export function pill(text, kind = '') {
  return h('span', { class: `pill ${kind}`.trim(), text });
}

export function date(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}

let dialogSeq = 0;

/**
 * Opens a modal <dialog> and resolves with its return value when it closes. `build(dialog,
 * close)` fills it. Focus moves into the dialog ([autofocus] or the first control), Escape
 * cancels, and focus returns to the element that opened it.
 */
export function openDialog(title, build, { className = '' } = {}) {
  const opener = document.activeElement;
  const id = `dlg-${++dialogSeq}`;
  const dialog = h('dialog', { class: `dialog ${className}`.trim(), 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, text: title }));
  document.body.append(dialog);
  return new Promise((resolve) => {
    const close = (value = '') => dialog.close(value);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue);
    });
    build(dialog, close);
    dialog.showModal();
    const first = dialog.querySelector('[autofocus]')
      || dialog.querySelector('input, select, textarea, button:not([disabled])');
    first?.focus();
  });
}

/**
 * Asks before a destructive action. Resolves true only when the user confirms; the safe choice
 * (Cancel) has the focus first.
 */
export async function confirmAction({ title, message, confirm = 'Confirm', danger = true, details }) {
  const value = await openDialog(title, (dialog, close) => {
    dialog.setAttribute('role', 'alertdialog');
    const msg = h('p', { id: `${dialog.getAttribute('aria-labelledby')}-msg`, text: message });
    dialog.setAttribute('aria-describedby', msg.id);
    dialog.append(msg, details || '', h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'secondary', autofocus: true, onclick: () => close('cancel') }, 'Cancel'),
      h('button', { type: 'button', class: danger ? 'danger' : '', onclick: () => close('confirm') }, confirm)));
  });
  return value === 'confirm';
}

/**
 * A form in a dialog. `inputs` are { name, label, type ('text' | 'select' | 'checkbox' |
 * 'textarea' | 'checkboxes'), options: [{ value, label }], required, value, hint, maxlength }.
 * `submit(values, ctx)` runs with progress shown in the dialog; an error keeps the dialog open
 * and shows the error (a validation error next to its field when it names one). Resolves with
 * the submit result, or null when cancelled. `extra(form, ctx)` may add content; `onInput`
 * runs when a value changes.
 */
export function formDialog({ title, intro, inputs, submitLabel = 'Save', busy = 'Saving', submit, extra, onInput, danger = false }) {
  let result = null;
  return openDialog(title, (dialog, close) => {
    const prefix = dialog.getAttribute('aria-labelledby').replace(/-title$/, '');
    const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', hidden: true });
    const form = h('form', { method: 'dialog', novalidate: true });
    const controls = {};
    for (const f of inputs) {
      const id = `${prefix}-${f.name}`;
      const hint = f.hint ? h('small', { id: `${id}-hint`, class: 'hint', text: f.hint }) : null;
      const err = h('small', { id: `${id}-error`, class: 'field-error', hidden: true });
      const describedBy = [hint && hint.id, err.id].filter(Boolean).join(' ');
      let control;
      if (f.type === 'select') {
        control = h('select', { id, name: f.name, required: f.required, 'aria-describedby': describedBy },
          (f.options || []).map((o) => h('option', { value: String(o.value), text: o.label, selected: String(o.value) === String(f.value ?? '') })));
      } else if (f.type === 'textarea') {
        control = h('textarea', { id, name: f.name, required: f.required, rows: 3, maxlength: f.maxlength, 'aria-describedby': describedBy });
        control.value = f.value ?? '';
      } else if (f.type === 'checkbox') {
        control = h('input', { id, name: f.name, type: 'checkbox', checked: !!f.value, 'aria-describedby': describedBy });
        form.append(h('div', { class: 'field check' }, control, h('label', { for: id, text: f.label }), hint, err));
        controls[f.name] = control;
        continue;
      } else if (f.type === 'checkboxes') {
        const filter = h('input', { type: 'search', placeholder: 'Filter', 'aria-label': `Filter ${f.label.toLowerCase()}` });
        const boxes = (f.options || []).map((o, i) => h('label', { class: 'choice', title: o.title || '' },
          h('input', { type: 'checkbox', name: f.name, value: String(o.value), id: `${id}-${i}`,
            checked: (f.value || []).map(String).includes(String(o.value)) }), ` ${o.label}`));
        filter.addEventListener('input', () => {
          const q = filter.value.trim().toLowerCase();
          for (const b of boxes) b.hidden = !!q && !b.textContent.toLowerCase().includes(q);
        });
        control = h('fieldset', { id, class: 'choices', 'aria-describedby': describedBy },
          h('legend', { text: f.label }), filter, h('div', { class: 'choice-list' }, boxes));
        form.append(h('div', { class: 'field' }, control, hint, err));
        controls[f.name] = control;
        continue;
      } else {
        control = h('input', { id, name: f.name, type: f.type || 'text', required: f.required, maxlength: f.maxlength,
          autocomplete: 'off', spellcheck: 'false', 'aria-describedby': describedBy });
        control.value = f.value ?? '';
      }
      controls[f.name] = control;
      form.append(h('div', { class: 'field' }, h('label', { for: id, text: f.label }), control, hint, err));
    }
    const values = () => Object.fromEntries(inputs.map((f) => {
      const c = controls[f.name];
      if (f.type === 'checkbox') return [f.name, c.checked];
      if (f.type === 'checkboxes') return [f.name, [...c.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value)];
      return [f.name, c.value.trim()];
    }));
    const clearErrors = () => {
      for (const c of Object.values(controls)) c.removeAttribute('aria-invalid');
      for (const e of form.querySelectorAll('.field-error')) e.hidden = true;
    };
    const fieldError = (name, text) => {
      const c = controls[name];
      if (!c) return false;
      c.setAttribute('aria-invalid', 'true');
      const e = form.querySelector(`#${prefix}-${name}-error`);
      e.textContent = text; e.hidden = false;
      c.focus();
      return true;
    };
    const ctx = { status, form, controls, values, fieldError, dialog };
    if (onInput) form.addEventListener('change', () => onInput(values(), ctx));
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : '' }, submitLabel);
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => close('cancel') }, 'Cancel');
    if (extra) extra(form, ctx);
    form.append(status, h('div', { class: 'buttons' }, cancel, ok));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors();
      const v = values();
      for (const f of inputs) {
        if (f.required && !v[f.name]) { fieldError(f.name, `${f.label} is required.`); return; }
      }
      const r = await act(status, busy, () => submit(v, ctx), null, [ok, cancel]);
      if (r.ok) { result = r.value ?? true; close('done'); return; }
      const err = r.error;
      if (isIamError(err) && err.kind === 'validation' && err.field) {
        const name = inputs.find((f) => err.field.endsWith(f.name))?.name;
        if (name) fieldError(name, describe(err));
      }
    });
    if (intro) dialog.append(h('p', { text: intro }));
    dialog.append(form);
    if (onInput) onInput(values(), ctx);
  }).then(() => result);
}

/** A table with a caption-less header row; rows are arrays of cells (text or nodes). */
export function table(headers, rows, { id, label } = {}) {
  return h('table', { id, 'aria-label': label },
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows));
}

/** A row that opens with a click or Enter/Space, and is reachable with Tab. */
export function selectableRow(cells, open, dataset) {
  const tr = h('tr', { tabindex: 0, dataset }, cells.map((c) => h('td', {}, c instanceof Node ? c : String(c ?? ''))));
  tr.addEventListener('click', () => open(tr));
  tr.addEventListener('keydown', (e) => {
    if (e.target === tr && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(tr); }
  });
  return tr;
}

export function markSelected(tbody, row) {
  for (const r of tbody.rows) r.setAttribute('aria-selected', String(r === row));
}

/** Flattens a group tree into [{ group, depth }] in display order. */
export function flattenGroups(groups, depth = 0, out = []) {
  for (const g of groups) {
    out.push({ group: g, depth });
    flattenGroups(g.subGroups || [], depth + 1, out);
  }
  return out;
}

export function groupOptions(tree, { exclude } = {}) {
  return flattenGroups(tree)
    .filter(({ group }) => !exclude || !exclude(group))
    .map(({ group, depth }) => ({ value: group.groupId, label: `${'\u2003'.repeat(depth)}${group.groupName}` }));
}

/** On narrow screens the details sit below the list: bring them into view after a selection. */
export function reveal(el) {
  if (window.matchMedia('(max-width: 800px)').matches) el.scrollIntoView({ block: 'start' });
}
