// The user form (create and edit): basic info with the common-resource lists (countries, states,
// time zones, contact types, languages), MFA, notifications, and the auth-grant editor, or (on
// create) another user's grants to copy (`cloneFrom`). Checked before sending; IAM's errors are
// shown at the field they concern (email taken → email, a refused grant → the tree).
import { h, describe, formDialog } from './ui.js';
import { grantEditor } from './granteditor.js';
import { isIamError } from '../pkg/akamai_iam_wasm.js';

const MFA = [{ value: 'NONE', label: 'None' }, { value: 'MFA', label: 'MFA (authenticator app)' }, { value: 'TFA', label: 'TFA (email code)' }];
const opts = (list, blank) => [...(blank ? [{ value: '', label: blank }] : []), ...list.map((v) => (typeof v === 'string' ? { value: v, label: v } : v))];

/** The lists the form offers, loaded once per client. */
async function lists(client) {
  const [countries, timeZones, contactTypes, languages, roles, tree] = await Promise.all([
    client.listCountries(), client.listTimeZones(), client.listContactTypes(), client.listLanguages(),
    client.listRoles(), client.listGroups()]);
  return {
    countries, contactTypes, languages, roles, tree,
    timeZones: timeZones.map((z) => ({ value: z.timezone, label: z.description && !z.description.startsWith(z.timezone) ? `${z.timezone} · ${z.description}` : z.description || z.timezone })),
  };
}

/** Where an IAM error of a user save belongs in the form, if anywhere. */
function fieldOf(err) {
  if (!isIamError(err)) return null;
  const text = `${err.field ?? ''} ${err.problem?.detail ?? err.message}`;
  if (err.status === 409 || /\bemail\b/i.test(err.field ?? '')) return /email/i.test(text) ? 'email' : null;
  if (/authGrants|group role|grantable|cloneFrom/i.test(text)) return 'authGrants';
  const m = /(firstName|lastName|country|phone|timeZone|state)/.exec(text);
  return m ? m[1] : null;
}

/**
 * Opens the form; `user` (with authGrants and notifications) edits that user, else a new one is
 * created. `others` are the users offered for cloneFrom. Resolves with the saved user's ID, or
 * null when cancelled.
 */
export async function openUserForm(ctx, { user = null, others = [] } = {}) {
  const client = ctx.client;
  ctx.lists ??= new WeakMap();
  if (!ctx.lists.has(client)) ctx.lists.set(client, lists(client));
  const L = await ctx.lists.get(client);
  const editing = !!user;
  const note = user?.notifications ?? { enableEmailNotifications: true, options: { passwordExpiry: true } };
  let editor;
  let clone;
  let statesFor = null;
  let initial = '[]';
  return formDialog({
    title: editing ? `Edit ${user.firstName} ${user.lastName}` : 'New user',
    submitLabel: editing ? 'Save changes' : 'Create user',
    busy: editing ? 'Saving' : 'Creating the user',
    inputs: [
      { name: 'firstName', label: 'First name', required: true, maxlength: 50, value: user?.firstName },
      { name: 'lastName', label: 'Last name', required: true, maxlength: 50, value: user?.lastName },
      { name: 'email', label: 'Email', type: 'email', required: true, value: user?.email },
      { name: 'phone', label: 'Phone', type: 'tel', value: user?.phone },
      { name: 'country', label: 'Country', type: 'select', required: true, options: opts(L.countries, 'Choose a country'), value: user?.country ?? 'USA' },
      { name: 'state', label: 'State or province', type: 'select', options: opts([], '—'), value: user?.state },
      { name: 'timeZone', label: 'Time zone', type: 'select', options: L.timeZones, value: user?.timeZone ?? 'GMT' },
      { name: 'contactType', label: 'Contact type', type: 'select', options: opts(L.contactTypes, '—'), value: user?.contactType },
      { name: 'preferredLanguage', label: 'Preferred language', type: 'select', options: opts(L.languages), value: user?.preferredLanguage ?? 'English' },
      { name: 'additionalAuthentication', label: 'Multi-factor authentication', type: 'select', options: MFA, value: user?.additionalAuthentication ?? 'MFA' },
      { name: 'enableEmailNotifications', label: 'Email notifications', type: 'checkbox', value: note.enableEmailNotifications },
      { name: 'passwordExpiry', label: 'Tell the user before the password expires', type: 'checkbox', value: note.options?.passwordExpiry },
    ],
    extra(form, fctx) {
      const prefix = fctx.dialog.getAttribute('aria-labelledby').replace(/-title$/, '');
      fctx.dialog.classList.add('wide');
      editor = grantEditor({ tree: L.tree, roles: L.roles, grants: user?.authGrants ?? [], id: `${prefix}-authGrants`, label: 'Role per group' });
      const err = h('small', { id: `${prefix}-authGrants-error`, class: 'field-error', hidden: true });
      editor.el.setAttribute('aria-describedby', err.id);
      editor.el.addEventListener('change', () => { err.hidden = true; editor.el.removeAttribute('aria-invalid'); });
      fctx.controls.authGrants = editor.el;
      initial = JSON.stringify(editor.value());
      const fieldset = h('fieldset', { class: 'choices grants-field' }, h('legend', { text: 'Auth grants' }),
        h('p', { class: 'hint', text: 'A role on a group applies to its subgroups unless a subgroup has its own. Arrow keys move between groups; Enter picks the role.' }));
      if (!editing) {
        clone = h('select', { id: `${prefix}-cloneFrom`, 'aria-describedby': `${prefix}-cloneFrom-hint` },
          h('option', { value: '', text: 'Set grants below' }),
          others.map((o) => h('option', { value: o.uiIdentityId, text: `${o.firstName} ${o.lastName} (${o.email})` })));
        clone.addEventListener('change', () => editor.setDisabled(!!clone.value));
        fieldset.append(h('div', { class: 'field' }, h('label', { for: clone.id, text: 'Copy grants from (cloneFrom)' }), clone,
          h('small', { id: `${prefix}-cloneFrom-hint`, class: 'hint', text: 'IAM copies that user\'s role assignments to the new user.' })));
      }
      fieldset.append(editor.el, err);
      form.append(fieldset);
    },
    async onInput(v, fctx) {
      if (v.country === statesFor) return;
      statesFor = v.country;
      const select = fctx.controls.state;
      const keep = select.value || user?.state || '';
      let states = [];
      try { states = v.country ? await client.listStates({ country: v.country }) : []; } catch { states = []; }
      if (statesFor !== v.country) return;
      select.replaceChildren(...opts(states, '—').map((o) => h('option', { value: o.value, text: o.label })));
      select.value = states.includes(keep) ? keep : '';
    },
    async submit(v, fctx) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) {
        fctx.fieldError('email', 'Enter an email address such as name@example.com.');
        throw new Error('Check the email address.');
      }
      const grants = editor.value();
      if (!clone?.value && grants.length === 0) {
        fctx.fieldError('authGrants', 'Give the user a role on at least one group (IAM requires one).');
        editor.focus();
        throw new Error('The user needs a role on at least one group.');
      }
      const optional = Object.fromEntries(['phone', 'state', 'contactType'].filter((k) => v[k]).map((k) => [k, v[k]]));
      try {
        if (!editing) {
          const body = {
            firstName: v.firstName, lastName: v.lastName, email: v.email, country: v.country,
            timeZone: v.timeZone, preferredLanguage: v.preferredLanguage, additionalAuthentication: v.additionalAuthentication,
            notifications: { enableEmailNotifications: v.enableEmailNotifications,
              options: { passwordExpiry: v.passwordExpiry, newUserNotification: true } },
            ...optional, ...(clone.value ? { cloneFrom: clone.value } : { authGrants: grants }),
          };
          return (await client.createUser({ sendEmail: true, body })).uiIdentityId;
        }
        const id = user.uiIdentityId;
        await client.updateUserInfo({ uiIdentityId: id, body: {
          firstName: v.firstName, lastName: v.lastName, country: v.country, timeZone: v.timeZone,
          preferredLanguage: v.preferredLanguage, sessionTimeOut: user.sessionTimeOut ?? 1800,
          additionalAuthentication: v.additionalAuthentication, ...(v.email !== user.email ? { email: v.email } : {}), ...optional } });
        if (JSON.stringify(grants) !== initial) {
          await client.updateUserAuthGrants({ uiIdentityId: id, body: grants });
        }
        if (v.enableEmailNotifications !== note.enableEmailNotifications || v.passwordExpiry !== !!note.options?.passwordExpiry) {
          await client.updateUserNotifications({ uiIdentityId: id, body: { enableEmailNotifications: v.enableEmailNotifications,
            options: { passwordExpiry: v.passwordExpiry, proactive: note.options?.proactive ?? [], upgrade: note.options?.upgrade ?? [] } } });
        }
        return id;
      } catch (err) {
        const field = fieldOf(err);
        if (field) fctx.fieldError(field, describe(err));
        throw err;
      }
    },
  }).then((r) => (r === true ? null : r));
}
